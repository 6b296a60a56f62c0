"""Screens beyond the reading screen: outline, source, timeline, bookmarks, library."""

from __future__ import annotations

from textual.screen import ModalScreen


class Dialog(ModalScreen[object]):
    """A modal view that a key closes without a result; subclasses bind their keys to `close`."""

    def action_close(self) -> None:
        """Close without moving."""
        self.dismiss(None)
