"""The who's who: every speaker with the colour their words have, their role and how often they are quoted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.model import Article, Speaker
from ...core.words import counted
from ..render import speaker_colours
from ..themes import speaker_palette
from ..widgets.safe import SafeOptionList
from . import DismissOnce
from .backdrop import QuickBackdrop


class WhosWho(QuickBackdrop, DismissOnce, ModalScreen[str | None]):
    """Every speaker in the order the article declares them; returns the one chosen to filter by, or None."""

    BINDINGS = [Binding("escape,i,q", "close", "Close")]

    def __init__(self, article: Article, dark: bool, filtered: frozenset[str] = frozenset(), start: str | None = None) -> None:
        super().__init__()
        self.article, self.dark, self.filtered, self.start = article, dark, filtered, start

    def compose(self) -> ComposeResult:
        """A title, a hint, the list."""
        with Vertical(id="whos-who"):
            yield Static(f"Who's who · {counted(len(self.article.speakers), 'speaker')}", classes="modal-title")
            yield Static("Enter filters the quotes by a speaker · Esc closes", classes="modal-hint")
            colours = speaker_colours(self.article, self.dark, speaker_palette(self.app.current_theme))  # as the text shows them
            yield SafeOptionList(*(Option(self._prompt(s, colours.get(s.id, "")), id=s.id) for s in self.article.speakers), id="people")

    def on_mount(self) -> None:
        """The keyboard in the list, on the speaker asked about (the quotes panel's), else the first."""
        people = self.query_one(OptionList)
        if self.start in self.article.speaker_by_id:
            people.highlighted = people.get_option_index(self.start)
        elif people.option_count:
            people.highlighted = 0
        people.focus()

    def _prompt(self, speaker: Speaker, colour: str) -> Content:
        """A speaker's entry: a swatch and the name in their colour, the number of quotes, the role beneath."""
        count = len(self.article.quotes_by_speaker.get(speaker.id, ()))
        parts: list[tuple[str, str] | str] = [
            ("● ", f"bold {colour}"), (speaker.name, f"bold italic {colour}"), f"  {counted(count, 'quote')}"
        ]
        if speaker.id in self.filtered:
            parts.append(("  · in the filter", "bold"))
        parts.append((f"\n  {speaker.role}", "$text-muted"))  # the theme's muted colour: legible at AA
        return Content.assemble(*parts)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a speaker: filter by them."""
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        """Close without filtering."""
        self.dismiss(None)
