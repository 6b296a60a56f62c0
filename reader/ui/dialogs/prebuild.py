"""Dialogs built ahead of their first opening, one at a time in the app's idle moments.

A dialog opened for the first time is composed, mounted and styled from scratch: 100-400 ms
(the outline of a long article most), where one kept between openings (keep.py) opens in a
layout and a paint. Here each dialog a screen offers is built off screen after the screen's
first frame, as keep.prebuild does, so that its first opening is a reopening.

A key comes first: the work is cut in stages of some 10-30 ms (build a dialog, fill a part of
a long list, lay it out, paint it), one stage per poll, and only while the app and the screen
have had nothing else to do (no message queued, no layout or paint pending, no dialog open)
for the last 0.2 s; the next dialog waits until the last is mounted. A key pressed meanwhile
waits at most for the stage under way. Once all are built, a new terminal size or theme (for
which keep.kept would build each afresh) has them built again the same way.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from typing import Any

from textual.geometry import Region
from textual.screen import Screen
from textual.timer import Timer

#: rows of a long list filled at a time (about 10 ms): a key waits at most for one part
FILL_CHUNK = 100
#: seconds after the first frame before the first idle check, and between checks
START, POLL = 0.5, 0.025
#: idle checks in a row before building resumes after anything else ran (0.2 s): a reader pressing keys is left alone
QUIET_POLLS = 8
#: seconds between checks, once all are built, for a new size or theme to build them again for
WATCH = 0.5
#: layouts of a dialog at most before it is painted: a second when the first sized its widgets' contents
MAX_LAYOUTS = 3


class Prebuilder:
    """Builds a screen's dialogs one by one while the app is idle; each job builds one (keep.prebuild)."""

    def __init__(self, owner: Screen[Any], jobs: Sequence[Callable[[], Screen[Any] | None]]) -> None:
        self.owner = owner
        self.all_jobs = list(jobs)
        self.jobs = list(jobs)
        self.building: Screen[Any] | None = None
        self._layouts = 0
        self._quiet = 0
        self._timer: Timer | None = None
        #: the terminal's size and the theme the dialogs were last all built for (keep.kept drops them for others)
        self.built_for: tuple[object, str] | None = None

    def start(self, delay: float = START) -> None:
        """Begin polling for idle moments (after `delay` seconds)."""
        self.stop()
        self._timer = timer = self.owner.set_interval(POLL, self._tick, name="prebuild dialogs")
        if delay:
            timer.pause()
            self.owner.set_timer(delay, timer.resume)

    def stop(self) -> None:
        """Poll no more: what is left is built only by `advance`, or by opening it."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _watch(self) -> None:
        """Build the dialogs again for a new size or theme: the kept ones were built for the last."""
        if (self.owner.app.size, self.owner.app.theme) != self.built_for:
            gc.unfreeze()  # the dialogs built for the last size are let go of: the collector sees them again
            self.built_for = None
            self.jobs = list(self.all_jobs)
            self.start(delay=0)

    def idle(self) -> bool:
        """True when the owner is shown alone and neither it nor the app has anything to do."""
        owner, app = self.owner, self.owner.app
        if app.screen is not owner or not owner.is_mounted:
            return False
        if owner._layout_required or owner._repaint_required or owner._dirty_widgets:
            return False
        if not app._message_queue.empty() or not owner._message_queue.empty():
            return False
        building = self.building
        return building is None or building.is_mounted and building._message_queue.empty()

    def _tick(self) -> None:
        """While idle (QUIET_POLLS in a row, then each poll), take the next stage."""
        if self.done:  # all built: now and then, see whether the terminal's size or the theme has changed
            self.built_for = (self.owner.app.size, self.owner.app.theme)
            # what lives now (the article, the screen, the dialogs) lives as long as the screen: the
            # collector's full passes skip it (55-100 ms each, 30-50% more with the dialogs built)
            gc.freeze()
            self.stop()
            self._timer = self.owner.set_interval(WATCH, self._watch, name="prebuild dialogs again")
            return
        self._quiet = self._quiet + 1 if self.idle() else 0
        if self._quiet >= QUIET_POLLS:
            self.advance()

    @property
    def done(self) -> bool:
        """True once every dialog is built (or there was nothing to build)."""
        return not self.jobs and self.building is None

    def advance(self) -> None:
        """Take the next stage now: build the next dialog; or fill a part of the last one's list, lay it out, or paint it."""
        building = self.building
        if building is None:
            if not self.jobs:
                return
            self.building = self.jobs.pop(0)()
            self._layouts = 0
        elif building.stack_updates or not building.is_attached:  # opened (or dropped) meanwhile: Textual has done the rest
            self.building = None
        elif not building.is_mounted:
            pass  # composing and mounting still
        elif hasattr(building, "fill") and not building.fill(FILL_CHUNK):
            pass  # a part of its list filled (a dialog built ahead fills the first part only): the next part at the next idle moment
        elif self._layouts == 0 or (building._layout_required and self._layouts < MAX_LAYOUTS):
            # a first layout, or another that the last asked for (its widgets' Layout messages are handled since)
            self._layouts += 1
            laid_out(building)
        else:
            painted(building)
            self.building = None


def laid_out(screen: Screen[Any]) -> None:
    """Lay a dialog out off screen at the app's size: its widgets sized, as they will be when it opens.

    Textual lays out only the current screen as it paints; laid out now, the screen's first
    opening finds it at its size and only paints it. A widget's first size often sets its
    virtual size, which asks for another layout (as at Textual's own first frame): its Layout
    message sets the flag cleared here again.
    """
    screen._layout_required = False  # as Screen._on_timer_update does
    screen._refresh_layout(screen.app.size)


def painted(screen: Screen[Any]) -> None:
    """Render a dialog's widgets off screen, so its first opening draws their lines from their caches.

    Not the screen's own background: the dimmed screen below, made afresh at each opening
    (backdrop.py). The app's theme and focus are noted as those it was styled in
    (backdrop.QuickBackdrop): its first opening restyles it only if they have changed since.
    """
    for widget, (region, _clip) in screen._compositor.visible_widgets.items():
        if widget is not screen:
            widget.render_lines(Region(0, 0, region.width, region.height))
    if hasattr(screen, "_resumed"):
        screen._resumed = (screen.app.theme, screen.app.app_focus)
