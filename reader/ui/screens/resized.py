"""A screen laid out once for its size, not twice: Textual lays a screen out again on a Resize to the size it has.

Textual lays a pushed screen out when it resumes; the screen's size changes with that layout,
which sends the screen a Resize, and Textual's handler lays the whole screen out again at the
same size before the first frame is drawn: a second layout of every widget at launch (issue 17).
That second layout is needed only when the first one is out of date: when a widget was shown or
hidden while the first was being done (a column's "more below" cue, once its text is measured).
Otherwise the first frame is drawn from the first layout, as it is in a bare Textual app.
"""

from __future__ import annotations

from typing import Any

from textual import events

from ..styles import resized_in_place


class LaidOutOnce:
    """Mixin for screens: a Resize to the size just laid out at only sets the breakpoint classes.

    A real resize (another size), or a widget shown or hidden since the layout, goes on to Textual's
    handler, which lays the screen out again. The dialogs' QuickBackdrop does the same for modal screens.
    """

    def _shown_as_laid_out(self) -> bool:
        """True when the last layout has every widget shown now, and none hidden since."""
        screen: Any = self
        laid_out = screen._compositor.widgets
        for widget in screen.walk_children(with_self=False):
            # a widget under a hidden one is in no layout: its ancestor's own change is what counts
            if (widget._parent is screen or widget._parent in laid_out) and widget.display != (widget in laid_out):
                return False
        return True

    async def _on_resize(self, event: events.Resize) -> None:
        """A Resize to the size just laid out at: the breakpoints only (a real resize goes on to Textual's handler)."""
        screen: Any = self
        if event.size == screen._compositor.size and self._shown_as_laid_out():
            resized_in_place(screen, event)
