"""Bookmarks: a note for the current beat, and the list of marks to jump to or delete."""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core.model import Article
from ...core.navigation import StepTarget, Target
from ...core.state import Bookmark
from ..plain import plain
from ..widgets.safe import SafeOptionList
from . import DismissOnce, FitsSmallScreens, hints


class BookmarkNote(FitsSmallScreens, DismissOnce, ModalScreen[str | None]):
    """Ask for an optional note; returns it ('' for none), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, beat_title: str, note: str | None = None) -> None:
        super().__init__()
        self.beat_title = beat_title
        self.note = note  # the note of the beat's bookmark, when it has one already

    def compose(self) -> ComposeResult:
        """A title and a one-line field, holding the note being edited."""
        editing = self.note is not None
        with Vertical(id="bookmark-note", classes="dialog"):
            yield Static(plain(f"{'Edit the bookmark of' if editing else 'Bookmark'} “{self.beat_title}”"), classes="modal-title")
            yield from hints(
                f"{'The beat is bookmarked already: change its note' if editing else 'A note, if you like'} · Enter saves · Esc cancels",
                "Enter saves · Esc cancels",
            )
            yield Input(self.note or "", placeholder="note (optional)", id="note", max_length=200)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter saves the bookmark with the note."""
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Escape saves nothing."""
        self.dismiss(None)


@dataclass(frozen=True)
class BookmarksClosed:
    """What the bookmarks list returns: where to go (None to stay), and the bookmarks deleted there."""

    target: Target | None
    deleted: frozenset[str]


class BookmarksScreen(FitsSmallScreens, DismissOnce, ModalScreen[BookmarksClosed]):
    """The bookmarks, newest last; Enter goes to the bookmarked step, d deletes."""

    BINDINGS = [
        Binding("escape,B,q", "close", "Close"),
        Binding("d,delete", "delete", "Delete"),
    ]

    def __init__(self, article: Article, bookmarks: list[Bookmark]) -> None:
        super().__init__()
        self.article = article
        self.marks = list(bookmarks)
        self.deleted: set[str] = set()

    def compose(self) -> ComposeResult:
        """A title, a hint, the list."""
        with Vertical(id="bookmarks", classes="dialog"):
            yield Static("Bookmarks", classes="modal-title")
            yield from hints("Enter goes there · d deletes · Esc closes", "Enter goes · d deletes · Esc closes")
            yield SafeOptionList(id="bookmark-list")

    def on_mount(self) -> None:
        """List the bookmarks."""
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        """(Re)build the list from self.marks."""
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.marks:
            options.add_option(Option(Text("No bookmarks yet: press b on a beat to add one.", style="dim italic"), disabled=True))
            return
        for mark in self.marks:
            index = self.article.step_by_key.get(mark.step)
            if index is None:
                title = Text(f"(a beat no longer in the article: {mark.step})", style="dim")
            else:
                title = Text.assemble((f"Beat {index + 1}: ", "bold"), self.article.steps[index].title)
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(mark.created)) if mark.created else ""
            title.append(f"  {when}", style="dim")
            if mark.note:
                title.append(f"\n  {mark.note}", style="italic")
            options.add_option(Option(title, id=mark.id))
        options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click goes to the bookmarked beat."""
        mark = next((m for m in self.marks if m.id == event.option.id), None)
        if mark is not None and mark.step in self.article.step_by_key:
            self.dismiss(BookmarksClosed(StepTarget(self.article.step_by_key[mark.step]), frozenset(self.deleted)))

    def action_close(self) -> None:
        """Close without moving."""
        self.dismiss(BookmarksClosed(None, frozenset(self.deleted)))

    def action_delete(self) -> None:
        """Delete the highlighted bookmark."""
        options = self.query_one(OptionList)
        option = options.highlighted_option
        if option is None or option.id is None:
            return
        self.deleted.add(option.id)
        self.marks = [m for m in self.marks if m.id != option.id]
        self._fill()
