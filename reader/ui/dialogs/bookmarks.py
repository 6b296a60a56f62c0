"""Bookmarks: a note for the current beat, and the list of marks to jump to or delete."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core.memory import Memory
from ...core.model import Article
from ...core.navigation import StepTarget, Target
from ...core.state import Bookmark
from ..plain import plain
from ..widgets.safe import SafeOptionList
from . import DismissOnce, FitsSmallScreens, hints
from .backdrop import QuickBackdrop


class BookmarkNote(QuickBackdrop, FitsSmallScreens, DismissOnce, ModalScreen[str | None]):
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


class BookmarksScreen(QuickBackdrop, FitsSmallScreens, DismissOnce, ModalScreen[Target | None]):
    """The bookmarks, newest last; Enter goes to the bookmarked step, d deletes, u undoes.

    A deletion is written at once (and an undo too), through the article's memory: what the
    file holds is what the list shows, whenever the app stops. Returns where to go, or None.
    """

    BINDINGS = [
        Binding("escape,B,q", "close", "Close"),
        Binding("d,delete", "delete", "Delete"),
        Binding("u,ctrl+z", "undo", "Undo"),
    ]

    def __init__(self, article: Article, memory: Memory) -> None:
        super().__init__()
        self.article = article
        self.memory = memory
        #: the bookmarks deleted here, last one last: u puts them back one by one
        self.undo_stack: list[Bookmark] = []

    @property
    def marks(self) -> list[Bookmark]:
        """The bookmarks as the memory holds them now."""
        return self.memory.bookmarks

    def compose(self) -> ComposeResult:
        """A title, a hint, the list."""
        with Vertical(id="bookmarks", classes="dialog"):
            yield Static("Bookmarks", classes="modal-title")
            yield from hints("Enter goes there · d deletes · u undoes · Esc closes", "Enter · d delete · u undo · Esc closes")
            yield SafeOptionList(id="bookmark-list")

    def on_mount(self) -> None:
        """List the bookmarks as the file has them now (another window may have added some)."""
        self.memory.reread()
        self._fill()
        self.query_one(OptionList).focus()

    def reopen(self) -> BookmarksScreen:
        """Open again (kept between openings): the marks as the file has them now, nothing to undo."""
        self.undo_stack = []
        if self.is_mounted:
            self.on_mount()
            self.query_one(OptionList).scroll_home(animate=False, immediate=True)
        return self

    def _fill(self, highlight: str | None = None) -> None:
        """(Re)build the list from the memory, highlighting a bookmark (else the first)."""
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.marks:
            options.add_option(Option(Text("No bookmarks yet: press b on a beat to add one.", style="italic"), disabled=True))
            return
        for mark in self.marks:
            options.add_option(Option(self._prompt(mark), id=mark.id))
        ids = [m.id for m in self.marks]
        options.highlighted = ids.index(highlight) if highlight in ids else 0

    def _prompt(self, mark: Bookmark) -> Text:
        """A bookmark's line: its beat, when it was made, its note."""
        index = self.article.step_by_key.get(mark.step)
        if index is None:
            title = Text(f"(a beat no longer in the article: {mark.step})", style="dim")
        else:
            title = Text.assemble((f"Beat {index + 1}: ", "bold"), self.article.steps[index].title)
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(mark.created)) if mark.created else ""
        title.append(f"  {when}", style="dim")
        if mark.note:
            title.append(f"\n  {mark.note}", style="italic")
        return title

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click goes to the bookmarked beat."""
        mark = next((m for m in self.marks if m.id == event.option.id), None)
        if mark is not None and mark.step in self.article.step_by_key:
            self.dismiss(StepTarget(self.article.step_by_key[mark.step]))

    def action_close(self) -> None:
        """Close without moving."""
        self.dismiss(None)

    def action_delete(self) -> None:
        """Delete the highlighted bookmark (written at once); u brings it back."""
        options = self.query_one(OptionList)
        option, index = options.highlighted_option, options.highlighted or 0
        mark = next((m for m in self.marks if option is not None and m.id == option.id), None)
        if mark is None:
            return
        self.memory.delete(mark.id)
        self.undo_stack.append(mark)
        after = self.marks[min(index, len(self.marks) - 1)].id if self.marks else None
        self._fill(after)
        self.notify("Bookmark deleted · u undoes", timeout=3)

    def action_undo(self) -> None:
        """Bring back the bookmark deleted last."""
        if not self.undo_stack:
            self.notify("Nothing to undo.", timeout=2)
            return
        mark = self.undo_stack.pop()
        self.memory.restore(mark)
        self._fill(mark.id)
        self.notify("Bookmark restored.", timeout=2)
