"""Reading habits of people who read in terminals, for the reading screen: paging as less does,
columns that scroll together, and the continuous view.

Functions of the reading screen, kept here so its own file keeps to its state and drawing: each
of its actions here is one line there that calls one of these.
"""

from __future__ import annotations

from dataclasses import replace

from ...core.navigation import StepTarget
from ..widgets.scene_view import SceneView

TYPE_CHECKING = False  # typing's own flag
if TYPE_CHECKING:
    from .reading import ReadingScreen


class ScrollTogether:
    """Whether the linked columns scroll together, and which columns are following another right now."""

    def __init__(self, on: bool = False) -> None:
        self.on = on
        #: ids of the columns just scrolled to follow another: their own Scrolled message is not passed on
        self.following: set[str] = set()


def reading_view(screen: ReadingScreen) -> SceneView | None:
    """The text the keyboard reads: the focused column or passage, else the active narrative's column."""
    for widget in screen.focused.ancestors_with_self if screen.focused else ():
        if isinstance(widget, SceneView):
            return widget
    if screen.beat_layout:  # the lede or a passage across the width
        return screen.query_one("#context", SceneView)
    narratives = screen.article.narratives
    return screen.query_one(f"#col-{narratives[screen.active_narrative].id}", SceneView) if narratives else None


def page(screen: ReadingScreen, delta: int) -> None:
    """space, shift+space: a page of the column while it has text that way, then the next or previous beat.

    Back at the previous beat the column opens at its end, so shift+space reads on backwards.
    """
    view = reading_view(screen)
    if view is not None and view.page(delta):
        return
    if view is not None:
        view.open_at_end = delta < 0  # paging back into the previous beat reads it from its end
    screen.action_step(delta)
    if view is not None:
        view.open_at_end = False  # no new text was shown (the first beat, say): nothing to open


def open_continuous(screen: ReadingScreen) -> None:
    """r: the whole story in one pane from this beat; closed, the beat view goes where the reader stopped."""
    from .continuous import ContinuousScreen, StoryClosed  # imported on first use: kept off the launch path

    if not screen.article.steps:
        return
    narrative = screen.focused_narrative()
    start = screen.step_of(narrative) if narrative and not screen.linked else screen.step

    def back(result: StoryClosed | None) -> None:
        if result is not None:
            screen.speakers = result.speakers
            screen.go_to(StepTarget(result.step))

    # every hit, not only those of the beat on screen: the pane holds many beats
    hl = replace(screen.highlights, hits=screen.hits)
    screen.app.push_screen(ContinuousScreen(screen.article, start, hl, screen.context_measure), back)


def toggle_scroll_together(screen: ReadingScreen) -> None:
    """Scroll the linked columns together, or each on its own."""
    together = screen.together
    together.on = not together.on
    if together.on:
        screen.notify("Linked columns scroll together. Press L to scroll them on their own.", timeout=3)
        view = reading_view(screen)
        if view is not None and view.has_class("column"):
            follow(screen, view, view.fraction)
    else:
        screen.notify("Columns scroll on their own.", timeout=2)


def column_scrolled(screen: ReadingScreen, event: SceneView.Scrolled) -> None:
    """A column scrolled: the other linked columns follow it when they scroll together."""
    following = screen.together.following
    view_id = event.view.id or ""
    if view_id in following:
        following.discard(view_id)  # it moved because another did: not passed on again
        return
    if screen.together.on and screen.linked and event.view.has_class("column"):
        follow(screen, event.view, event.fraction)


def follow(screen: ReadingScreen, leader: SceneView, fraction: float) -> None:
    """Scroll the other columns to the same fraction of their own text as the leader's."""
    for view in screen.query(SceneView):
        if view is leader or not view.has_class("column"):
            continue
        y = round(fraction * view.max_scroll_y)
        if y != round(view.scroll_y):
            screen.together.following.add(view.id or "")
            view.scroll_to(y=y, animate=False, immediate=True)
