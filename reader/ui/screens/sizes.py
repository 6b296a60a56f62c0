"""How the reading screen adapts to its size: what narrow and mid-size screens add, and the measure's limit.

Kept apart from reading.py so the screen stays a list of states and actions: these functions
read the screen's state and its laid-out widgets, and set what the size calls for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Tab

from ..widgets.narrow import ElsewhereLine, tab_label
from ..widgets.scene_view import SceneView

if TYPE_CHECKING:
    from .reading import ReadingScreen

#: the classes of the sizes at which the panels open as overlays over the text (w, f)
OVERLAY_SIZES = ("-narrow", "-mid")


def panels_overlay(screen: ReadingScreen) -> bool:
    """True where the panels are overlays: one narrative at a time, or two columns that need the room."""
    return any(screen.has_class(size) for size in OVERLAY_SIZES)


def mark_storylines(screen: ReadingScreen) -> None:
    """Mark each storyline's tab by whether it has text here; point at the hidden ones that do."""
    article = screen.article
    if not article.steps:
        return
    has_text = [bool(article.steps[screen.step_of(n.id)].scenes_of(n.id)) for n in article.narratives]
    # every tab in sight: each gets its share of the width, less its padding (a longer title ends in …)
    share = screen.app.size.width // max(1, len(article.narratives)) - 2
    for narrative, text in zip(article.narratives, has_text, strict=True):
        tab = screen.part(f"#tab-{narrative.id}", Tab)
        label = tab_label(narrative.title, text, share)
        if tab.label.plain != label.plain:  # a new label lays the screen out again: only for a change
            tab.label = label
        tab.set_class(not text, "-empty")
    active = screen.active_narrative
    hidden = [(i + 1, n.title) for i, n in enumerate(article.narratives) if i != active and has_text[i]]
    if screen.beat_layout or not screen.linked:
        # the lede or a passage across the width hides no storyline; unlinked, each tab has its own beat
        hidden = []
    screen.part("#elsewhere", ElsewhereLine).show(hidden, not has_text[active] if has_text else False)


def cycle(screen: ReadingScreen, delta: int) -> None:
    """Tab and shift+tab: the next column or panel; on narrow screens, the next storyline's column."""
    if not screen.has_class("-narrow"):
        if delta > 0:
            screen.focus_next()
        else:
            screen.focus_previous()
        return
    # one column shows at a time: the others are not in the focus chain, so Tab would stay put
    context = screen.query_one("#context", SceneView)
    stops: list[Widget | int] = [context] if context.display else []
    if not screen.beat_layout:
        stops += list(range(len(screen.article.narratives)))
    if not stops:
        return
    focused = screen.focused
    active = screen.active_narrative
    if focused is context:
        target = stops[(stops.index(context) + delta) % len(stops)]
    elif isinstance(focused, SceneView) and active in stops:
        target = stops[(stops.index(active) + delta) % len(stops)]
    else:  # from an overlay (which closes), the search field or nowhere: back to the text shown
        target = active if active in stops else stops[0]
    if isinstance(target, int):
        screen.action_narrative(target)
    else:
        target.focus()


def text_width(screen: ReadingScreen) -> tuple[int, int] | None:
    """The width the text has on screen now, and the measure it is allowed (None before layout)."""
    for view in screen.views():
        if view.display and view.region.width and view.has_class("column") and not view.has_class("-inactive"):
            return view.body.region.width, screen.measure
    context = screen.part("#context", SceneView)
    if context.display and context.region.width:
        return context.body.region.width, screen.context_measure
    return None


def window_limits(screen: ReadingScreen) -> int | None:
    """The text's width when the window, not the chosen measure, keeps the lines shorter; else None."""
    shown = text_width(screen)
    if shown is None:
        return None
    width, allowed = shown
    return width if width < allowed else None
