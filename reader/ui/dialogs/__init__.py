"""Screens beyond the reading screen: outline, source, timeline, bookmarks, library."""

from __future__ import annotations

from textual.screen import ModalScreen

from ...core.navigation import Target


class Dialog(ModalScreen[Target | None]):
    """A modal view that returns where to go, or None when a key closes it; subclasses bind their keys to `close`."""

    def action_close(self) -> None:
        """Close without moving."""
        self.dismiss(None)
