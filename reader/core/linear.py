"""The linear mode: the whole story as plain text in reading order, its structure said in words.

Made for screen readers, braille displays, pipes and files: no box drawing, no colour, no
line wider than asked. Each beat is announced (`Beat 3 of 11: A drone spots him.`), each scene
names its narrative, and a scene's quotes and facts follow its paragraphs, so the prose is
heard without interruption and then who said what and the facts it holds.

This module never imports Textual, so `reader --linear` and `reader > story.txt` start fast.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable

from .export import _scene_blocks
from .model import Article, Figure, Scene, Step

#: Narrower than this, words and the list indent no longer fit; callers clamp to it.
MIN_WIDTH = 20
_LIST_INDENT = "  "


def to_linear(article: Article, width: int = 80, speakers: frozenset[str] = frozenset()) -> str:
    """The article as linear text no wider than `width`; with speakers, only the beats quoting them."""
    width = max(width, MIN_WIDTH)
    # break_on_hyphens=False keeps "27-year-old" whole, so the text reads (and compares) verbatim
    prose = textwrap.TextWrapper(width=width, break_on_hyphens=False)
    item = textwrap.TextWrapper(width=width, break_on_hyphens=False, subsequent_indent=_LIST_INDENT)
    steps = article.steps
    shown = [i for i, step in enumerate(steps) if not speakers or _quotes_any(article, step, speakers)]

    out: list[str] = []

    def para(text: str, wrapper: textwrap.TextWrapper = prose) -> None:
        out.extend(wrapper.wrap(text))

    meta = article.meta
    para(_sentence(meta.title))
    para(_sentence(f"{meta.source}, {meta.date}"))
    if meta.title_by == "editor":
        para("Title by the editor.")
    if article.narratives:
        para(f"{_count(len(article.narratives), 'narrative')}, side by side, in {_count(len(steps), 'beat')}:")
        for n in article.narratives:
            para(f"{n.title}: {_sentence(n.summary)}", item)
    if speakers:
        names = _and([article.speaker_by_id[s].name for s in sorted(speakers, key=_order(article))])
        out.append("")
        para(f"Following {names}: {len(shown)} of {_count(len(steps), 'beat')}.")
    for i in shown:
        out.append("")
        para(f"Beat {i + 1} of {len(steps)}: {_sentence(steps[i].title)}")
        for scene in steps[i].scenes:
            out.append("")
            _scene(article, scene, out, prose, item)
    out += ["", "End of the story."]
    return "\n".join(out) + "\n"


def _scene(article: Article, scene: Scene, out: list[str], prose: textwrap.TextWrapper, item: textwrap.TextWrapper) -> None:
    """Append one scene: its heading, time, paragraphs and figures in place, then quotes and facts."""
    out.extend(prose.wrap(f"{scene_place(article, scene)}, scene: {_sentence(scene.title)}"))
    if scene.time is not None:
        out.extend(prose.wrap(f"Time: {_sentence(scene.time.label)}"))
    for kind, block in _scene_blocks(scene):
        out.append("")
        if kind == "paragraph":
            out.extend(prose.wrap(block))
        else:
            out.extend(item.wrap(_figure(block)))
    quotes = article.listed_once(article.quotes_by_scene.get(scene.id, ()))  # nested words once, inside their quote
    notes = [_quote(article, q.speaker, q.text) + "".join(f", quoting {s.in_sentence}" for s in article.quoting(q)) for q in quotes]
    notes += [f"Fact, {f.category}: {f.label}: {_sentence(f.value)}" for f in article.facts_by_scene.get(scene.id, ())]
    if notes:
        out.append("")
        for note in notes:
            out.extend(item.wrap(note))


def scene_place(article: Article, scene: Scene) -> str:
    """Where a scene belongs, as the linear mode names it: its narrative's title, or "Context"."""
    return article.narrative_by_id[scene.narrative].title if scene.narrative else "Context"


def _quote(article: Article, speaker_id: str, text: str) -> str:
    """`Quote, NAME, ROLE: “TEXT”`."""
    speaker = article.speaker_by_id[speaker_id]
    who = f"{speaker.name}, {speaker.role}" if speaker.role else speaker.name
    return f"Quote, {who}: “{text}”"


def _figure(figure: Figure) -> str:
    """`Image: CAPTION (CREDIT).`"""
    return f"Image: {figure.caption} ({figure.credit})." if figure.credit else f"Image: {_sentence(figure.caption)}"


def _quotes_any(article: Article, step: Step, speakers: frozenset[str]) -> bool:
    """True when one of the speakers is quoted in a scene of the step."""
    return any(q.speaker in speakers for s in step.scenes for q in article.quotes_by_scene.get(s.id, ()))


def _order(article: Article) -> Callable[[str], int]:
    """A sort key putting speaker ids in the article's order of speakers."""
    position = {s.id: i for i, s in enumerate(article.speakers)}
    return lambda speaker_id: position.get(speaker_id, len(position))


def _sentence(text: str) -> str:
    """The text ending in a full stop unless it already ends in punctuation, so it is read as one."""
    text = text.strip()
    return text if not text or text[-1] in ".?!…:;”’\"')" else f"{text}."


def _count(n: int, noun: str) -> str:
    """`1 beat`, `11 beats`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _and(names: Iterable[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
