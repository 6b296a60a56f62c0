"""The library: the articles of a folder, to choose one to read.

A screen of the reader's app: Enter opens the chosen article on a reading screen above it, and
leaving that (q) comes back here with the cursor where it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ...core.errors import ContentError
from ...core.loader import load_article
from ...core.model import Article
from ...core.words import counted
from ..plain import plain
from ..widgets.footer import QuietFooter
from ..widgets.tables import VimDataTable


@dataclass(frozen=True)
class Entry:
    """One article file of the library: loaded, or the reason it cannot be."""

    path: Path
    article: Article | None
    problem: str | None = None


def read_library(paths: list[Path]) -> list[Entry]:
    """Load each article; a broken one stays listed with its first problem."""
    entries: list[Entry] = []
    for path in paths:
        try:
            entries.append(Entry(path, load_article(path)))
        except ContentError as exc:
            more = len(exc.problems) - 1
            entries.append(Entry(path, None, str(exc.problems[0]) + (f" (and {more} more)" if more else "")))
    return entries


class LibraryScreen(Screen[None]):
    """Choose an article to read; posts `ArticleChosen`."""

    TITLE = "reader · library"
    #: an article opened from the library goes back to it with q: its Footer says "q Back"
    QUIT_ABOVE = "Back"
    BINDINGS = [
        Binding("q,escape", "quit_library", "Quit"),
        Binding("question_mark", "help_line", "Help", key_display="?"),
    ]

    class ArticleChosen(Message):
        """An article of the library was chosen to read."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(self, entries: list[Entry], folder: str) -> None:
        super().__init__()
        self.entries = entries
        self.sub_title = folder

    def compose(self) -> ComposeResult:
        """A header, a hint, the table, the footer."""
        yield Header(show_clock=False, icon="▤")
        yield Static(f"{counted(len(self.entries), 'article')} · Enter opens one · q quits", id="library-hint")
        yield VimDataTable(id="library", cursor_type="row", zebra_stripes=True)
        yield QuietFooter(show_command_palette=False)

    def on_mount(self) -> None:
        """Fill the table."""
        table = self.query_one(DataTable)
        table.add_columns("Title", "Date", "Source", "Scenes", "Quotes")
        for i, entry in enumerate(self.entries):
            article = entry.article
            if article is None:
                table.add_row(plain(f"⚠ {entry.path.name}", style="bold"), "", plain(entry.problem or "", style="dim"), "", "", key=str(i))
                continue
            title = plain(article.meta.title, style="bold")
            table.add_row(title, plain(article.meta.date), plain(article.meta.source), str(len(article.scenes)), str(len(article.quotes)), key=str(i))
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter opens the article, unless it cannot be read."""
        entry = self.entries[int(event.row_key.value or 0)]
        if entry.article is None:
            self.notify(entry.problem or "This article cannot be opened.", title="Cannot open", severity="error", timeout=6, markup=False)
            return
        self.post_message(self.ArticleChosen(entry.article))

    def action_help_line(self) -> None:
        """The library's keys, briefly."""
        self.notify("↑↓ or j/k choose · Enter opens · q quits. In an article, q comes back here.", timeout=6)

    def action_quit_library(self) -> None:
        """Leave the reader."""
        self.app.exit()
