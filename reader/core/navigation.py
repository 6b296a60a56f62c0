"""Finding one's way through an article: where to step, what a step shows, what to call a place.

Everything here is worked out from the article alone, so it is tested without a screen; the
reading screen asks it and draws the answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import Article, Scene, Span, Step

#: The layout of a step: the lede before the storylines, a passage across the width, or columns.
Layout = Literal["-opening", "-context-only", ""]


@dataclass(frozen=True)
class StepTarget:
    """Somewhere to go: a step, by its index, with the columns linked."""

    index: int


@dataclass(frozen=True)
class SceneTarget:
    """Somewhere to go: a scene's step, scrolled to a span of it (its first paragraph without one)."""

    scene: str
    span: Span | None = None


#: Where a dialog, the palette or a panel can send the reader.
Target = StepTarget | SceneTarget


def clamp(article: Article, index: int) -> int:
    """A step index kept inside the article."""
    return max(0, min(len(article.steps) - 1, index))


def narratives_at(article: Article, index: int) -> tuple[str, ...]:
    """The narratives with a scene at a step, in declaration order."""
    step = article.steps[index]
    return tuple(n.id for n in article.narratives if step.scenes_of(n.id))


def steps_of(article: Article, narrative: str) -> list[int]:
    """The steps at which a narrative has a scene, in order."""
    return [i for i, s in enumerate(article.steps) if s.scenes_of(narrative)]


def step_alone(article: Article, narrative: str, position: int, delta: int) -> int | None:
    """Where one narrative goes when it steps on its own (unlinked): its next step with a scene, or None."""
    steps = article.steps
    i = position + delta
    while 0 <= i < len(steps) and not steps[i].scenes_of(narrative):
        i += delta
    return i if 0 <= i < len(steps) else None


def end_of(article: Article, narrative: str, where: Literal["first", "last"]) -> int | None:
    """A narrative's first or last step with a scene, or None when it has none."""
    own = steps_of(article, narrative)
    if not own:
        return None
    return own[0] if where == "first" else own[-1]


def step_quoting(article: Article, start: int, delta: int, wanted: frozenset[str]) -> int | None:
    """The first step from `start` on (going by delta) where a wanted speaker (any, if none) is quoted."""
    steps = article.steps
    i = start
    while 0 <= i < len(steps):
        if any(not wanted or q.speaker in wanted for s in steps[i].scenes for q in article.quotes_by_scene.get(s.id, ())):
            return i
        i += delta
    return None


def opening_step(article: Article, index: int, speakers: frozenset[str]) -> int:
    """Where --speaker opens: the first step from `index` quoting one of them, else the last before it."""
    found = step_quoting(article, index, 1, speakers)
    found = found if found is not None else step_quoting(article, index, -1, speakers)
    return found if found is not None else index


def layout_of(article: Article, index: int, linked: bool) -> Layout:
    """The layout of a step: "-context-only" when a context passage spans the whole width (the
    interrogation), "-opening" when it comes before any storyline has begun (the lede: the
    columns below introduce the two storylines), else ""."""
    step = article.steps[index]
    if not (linked and step.context) or any(s.narrative for s in step.scenes):
        return ""
    begun = article.first_step_of.values()
    return "-opening" if begun and index < min(begun) else "-context-only"


def position_label(article: Article, narrative: str, step: Step, scenes: tuple[Scene, ...], linked: bool) -> str:
    """Where a narrative stands: scene i of n of its own, and the beat's title when unlinked."""
    order = article.narrative_scene_order
    total = article.narrative_scene_count.get(narrative, 0)
    if not scenes:
        where = "—"
    else:
        first, last = order[scenes[0].id] + 1, order[scenes[-1].id] + 1
        where = f"scene {first} of {total}" if first == last else f"scenes {first}–{last} of {total}"
    return where if linked else f"{step.title} · {where}"


def opening_note(article: Article, narrative: str) -> str:
    """What a column says on the opening step: where its storyline begins."""
    first = article.first_step_of.get(narrative)
    return f"begins at beat {first + 1}: {article.steps[first].title}" if first is not None else ""


def resolve(article: Article, target: Target) -> tuple[int, SceneTarget | None]:
    """The step a target leads to, and the scene to scroll to there (None for a bare step)."""
    if isinstance(target, StepTarget):
        return clamp(article, target.index), None
    return article.step_of_scene[target.scene], target
