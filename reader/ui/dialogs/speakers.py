"""The speaker picker: choose whose quotes to follow."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...core.model import Article
from ...core.words import counted
from ..widgets.tables import SafeSelectionList
from . import DismissOnce, FitsSmallScreens, hints
from .backdrop import QuickBackdrop


def _speaker_prompt(name: str, role: str, count: int) -> Content:
    """A speaker's line in the picker: name, number of quotes, role (muted: legible on a selected row)."""
    return Content.assemble((name, "bold"), f"  {counted(count, 'quote')}  ", (role, "$text-muted"))


class SpeakerPicker(QuickBackdrop, FitsSmallScreens, DismissOnce, ModalScreen[frozenset[str] | None]):
    """Choose one or several speakers; returns their ids, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Apply", priority=True),
        Binding("x", "clear", "Clear all"),
    ]

    def __init__(self, article: Article, chosen: frozenset[str]) -> None:
        super().__init__()
        self.article = article
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        """A checklist of speakers with their number of quotes."""
        with Vertical(id="picker"):
            yield Static("Filter by speaker", classes="modal-title")
            yield from hints("Space toggles · Enter applies · x clears · Esc cancels", "Space ticks · Enter applies · Esc")
            yield SafeSelectionList(
                *(
                    Selection(
                        _speaker_prompt(s.name, s.role, len(self.article.quotes_by_speaker.get(s.id, ()))),
                        s.id,
                        s.id in self.chosen,
                    )
                    for s in self.article.speakers
                ),
                id="speakers",
            )
            yield Button("Apply", variant="primary", id="apply")

    def reopen(self, chosen: frozenset[str]) -> SpeakerPicker:
        """Open again (kept between openings): the speakers followed now ticked, the first highlighted, as a new picker has it."""
        self.chosen = chosen
        if self.is_mounted:
            speakers: SelectionList[str] = self.query_one(SelectionList)
            speakers.deselect_all()
            for speaker in chosen:
                speakers.select(speaker)
            speakers.highlighted = 0 if speakers.option_count else None
            speakers.scroll_home(animate=False, immediate=True)
            if self.focused is not speakers:  # focusing again repaints it after the first frame
                speakers.focus()
        return self

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The Apply button applies."""
        self.action_apply()

    def action_apply(self) -> None:
        """Close, returning the chosen speakers."""
        self.dismiss(frozenset(self.query_one(SelectionList).selected))

    def action_clear(self) -> None:
        """Untick every speaker."""
        self.query_one(SelectionList).deselect_all()

    def action_cancel(self) -> None:
        """Close without changing the filter."""
        self.dismiss(None)

