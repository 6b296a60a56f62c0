"""The library: the articles of a folder, to choose one to read.

A screen of the reader's app: Enter opens the chosen article on a reading screen above it, and
leaving that (q) comes back here with the cursor where it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ...core.errors import ContentError
from ...core.loader import load_article
from ...core.model import Article
from ...core.textsafe import visible
from ..plain import plain
from ..widgets.footer import QuietFooter
from ..widgets.tables import VimDataTable


@dataclass(frozen=True)
class Entry:
    """One article file of the library: loaded, or the reason it cannot be."""

    path: Path
    article: Article | None
    problem: str | None = None
    #: the problem without the file's path, for the table's row that names the file already
    summary: str | None = None


def read_library(paths: list[Path]) -> list[Entry]:
    """Load each article; a broken one stays listed with its first problem."""
    entries: list[Entry] = []
    for path in paths:
        try:
            entries.append(Entry(path, load_article(path)))
        except ContentError as exc:
            first, more = exc.problems[0], len(exc.problems) - 1
            also = f" (and {more} more)" if more else ""
            where = f"line {first.line}: " if first.line is not None else ""
            entries.append(Entry(path, None, str(first) + also, visible(where + first.message, one_line=True) + also))
    return entries


#: the library's columns: label, and the width of a fixed one (0: shares what is left)
LIBRARY_COLUMNS = (("Title", 0), ("Date", 10), ("Source", 0), ("Scenes", 6), ("Quotes", 6))


#: below this width the counts of scenes and quotes give their room to the title and source
COUNTS_FROM = 60


def library_columns(screen_width: int, title_needs: int = 0, source_needs: int = 0) -> list[tuple[str, int]]:
    """The columns shown at a screen width, with their widths: the fixed ones, then the rest for the
    title and the source, each as wide as its longest cell where that fits, else shared 3:2."""
    columns = LIBRARY_COLUMNS if screen_width >= COUNTS_FROM else LIBRARY_COLUMNS[:3]
    # each column has a cell's padding on either side; the table keeps a column for its scrollbar
    free = screen_width - 1 - 2 * len(columns) - sum(width for _, width in columns)
    title = max(12, free * 3 // 5)
    if title_needs and title_needs < title:  # short titles: the source has the rest
        title = max(12, title_needs)
    elif source_needs and source_needs < free - title:  # short sources: the title has the rest
        title = free - max(8, source_needs)
    source = max(8, free - title)
    shared = iter((title, source))
    return [(label, width or next(shared)) for label, width in columns]


def ellipsized(text: Text, width: int) -> Text:
    """A cell's text cut to its column with an ellipsis, rather than silently."""
    text = text.copy()
    text.truncate(width, overflow="ellipsis")
    return text


class LibraryScreen(Screen[None]):
    """Choose an article to read; posts `ArticleChosen`."""

    TITLE = "reader · library"
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
        yield Static(f"{len(self.entries)} articles · Enter opens one · q quits", id="library-hint")
        yield VimDataTable(id="library", cursor_type="row", zebra_stripes=True)
        yield QuietFooter(show_command_palette=False)

    def on_mount(self) -> None:
        """Fill the table."""
        self._fill()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        """Fit the columns to the new width."""
        if self.is_mounted and self.query(DataTable):
            self._fill()

    def _fill(self) -> None:
        """(Re)build the table with columns that fit the screen: a long cell ends in an ellipsis."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        rows = [self._cells(entry) for entry in self.entries]
        columns = library_columns(
            self.app.size.width,
            max((row[0].cell_len for row in rows), default=0),
            max((row[2].cell_len for row in rows), default=0),
        )
        for label, width in columns:
            table.add_column(label, width=width)
        for i, cells in enumerate(rows):
            # zip stops at the columns shown: a narrow screen leaves out the counts
            table.add_row(*(ellipsized(cell, width) for cell, (_, width) in zip(cells, columns, strict=False)), key=str(i))
        if self.entries:
            table.move_cursor(row=min(row, len(self.entries) - 1))

    @staticmethod
    def _cells(entry: Entry) -> list[Text]:
        """A row of the table, uncut: title, date, source, scenes, quotes (a broken file: its name and problem)."""
        article = entry.article
        if article is None:
            return [plain(f"⚠ {entry.path.name}", style="bold"), Text(""), plain(entry.summary or "", style="dim"), Text(""), Text("")]
        meta = article.meta
        return [plain(meta.title, style="bold"), plain(meta.date), plain(meta.source), Text(str(len(article.scenes))), Text(str(len(article.quotes)))]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """On a file that cannot be read, the line above the table says the whole problem."""
        index = int(event.row_key.value or 0) if event.row_key is not None else 0
        entry = self.entries[index] if index < len(self.entries) else None
        hint = self.query_one("#library-hint", Static)
        if entry is not None and entry.article is None:
            hint.update(plain(f"⚠ {entry.path.name}, {entry.summary}"))
        else:
            hint.update(f"{len(self.entries)} articles · Enter opens one · q quits")

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
