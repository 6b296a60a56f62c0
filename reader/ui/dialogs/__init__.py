"""Screens beyond the reading screen: outline, source, timeline, bookmarks, library."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.navigation import Target
from .backdrop import QuickBackdrop

#: below these sizes a dialog takes the whole screen and its hint shrinks to its keys (app.tcss)
SLIM_BELOW, SHORT_BELOW = 60, 20


class FitsSmallScreens:
    """Mixin for modal screens: classes for small terminals, where a dialog takes the whole screen.

    `-slim` below 60 columns and `-short` below 20 rows; the stylesheet drops the margins, borders
    and long hints there, so that the list and the keys that act on it stay on screen at 40x12.
    """

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-slim"), (SLIM_BELOW, "-roomy")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (SHORT_BELOW, "-tall")]


def hints(full: str | Text, short: str) -> ComposeResult:
    """A dialog's hint, and the few words of it kept on a small screen (the stylesheet shows one)."""
    yield Static(full, classes="modal-hint")
    yield Static(short, classes="modal-hint -short-hint")


async def _nothing() -> None:
    """What a second dismiss waits for: nothing."""


class DismissOnce:
    """Mixin for screens: a second dismiss before the first is done is ignored.

    A terminal may deliver `Enter Enter` in one read: both reach the screen before it is gone,
    and the second dismiss popped the screen below it (ScreenStackError, the app ended) after
    running the result callback twice.
    """

    _dismissed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Dismiss the screen, once."""
        if self._dismissed:
            return AwaitComplete(_nothing())
        self._dismissed = True
        return super().dismiss(result)  # type: ignore[misc, no-any-return]


class Dialog(QuickBackdrop, FitsSmallScreens, DismissOnce, ModalScreen[Target | None]):
    """A modal view that returns where to go, or None when a key closes it; subclasses bind their keys to `close`."""

    #: built ahead of its first opening (keep.prebuild): a long list may be filled in parts, by `fill`
    ahead = False

    def action_close(self) -> None:
        """Close without moving."""
        self.dismiss(None)


class SafePalette(DismissOnce, CommandPalette):
    """Textual's command palette, dismissed once, and paging before its list is laid out a no-op.

    `ctrl+p` then `PageDown` at once paged a list with no lines yet (KeyError in Textual's
    OptionList), which ended the app.
    """

    def _action_command_list(self, action: str) -> None:
        """Pass an action on to the list, unless it has no layout yet."""
        try:
            super()._action_command_list(action)
        except (KeyError, NoMatches):  # no lines laid out yet; or the list not even mounted
            pass
