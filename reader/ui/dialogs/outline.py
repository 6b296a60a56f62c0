"""The outline: a grid of beats by narratives with the scene titles; Enter goes there."""

from __future__ import annotations

from collections.abc import Iterable

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowKey

from ...core.model import Article
from ...core.navigation import SceneTarget, StepTarget, Target
from ..plain import plain
from ..widgets.tables import VimDataTable
from . import SHORT_BELOW, SLIM_BELOW, Dialog, hints
from .prebuild import FILL_CHUNK


def lines_at(text: Text, width: int, console: Console) -> int:
    """How many lines a cell's text takes at a width, as the table would wrap it (Rich's own line breaker)."""
    plain = text.plain
    if "\t" in plain:  # Rich expands tabs first: rare enough to leave to it
        return len(Text(plain).wrap(console, width, tab_size=text.tab_size or 8))
    # Text.wrap breaks each line where divide_line says (folding words longer than the width)
    return sum(1 if cell_len(line) <= width else len(divide_line(line, width, fold=True)) + 1 for line in plain.split("\n"))


class GridTable(VimDataTable):
    """A table whose columns all have a width and whose rows all have a height: nothing to measure as rows come."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """The virtual size only; the table would measure every new cell for widths that are fixed."""
        if any(column.auto_width for column in self.columns.values()) or any(
            row.auto_height or row.label is not None for row in self.rows.values()
        ):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values()) + self._row_label_column_width
        self.virtual_size = Size(width, self._total_row_height + (self.header_height if self.show_header else 0))


def ellipsized(text: Text, width: int) -> Text:
    """Text cut to a width with an ellipsis where it is longer."""
    text = text.copy()
    text.truncate(width, overflow="ellipsis")
    return text


class OutlineScreen(Dialog):
    """Beats down, narratives across; returns the chosen scene, or the beat where a cell is empty."""

    BINDINGS = [
        Binding("escape,o,q", "close", "Close"),
    ]

    def __init__(self, article: Article, step: int) -> None:
        super().__init__()
        self.article = article
        self.start = step
        #: where each cell leads, row by row (as many rows as are filled)
        self.targets: list[list[Target]] = []
        self._has_context = False
        self._cell_widths = (8, 10)

    def compose(self) -> ComposeResult:
        """A title, a hint, the grid."""
        with Vertical(id="outline", classes="dialog"):
            yield Static("Outline", classes="modal-title")
            yield from hints("↑↓←→ move · Enter goes there · Esc closes", "Enter goes there · Esc closes")
            yield GridTable(id="outline-table", cursor_type="cell", zebra_stripes=True)

    def on_mount(self) -> None:
        """Lay the grid out: one row per step, a column per narrative, and one for the context; fill it (a first part when built ahead)."""
        article = self.article
        table = self.query_one(DataTable)
        # on a slim screen the context column gives its room to the storylines (its beats are a row's Enter away)
        self._has_context = any(s.narrative is None for s in article.scenes) and self.app.size.width >= SLIM_BELOW
        beat, other = self._widths(1 + len(article.narratives) + self._has_context)
        self._cell_widths = (beat, other)
        # fixed widths, so the grid fits the dialog and long titles wrap instead of running off it
        table.add_column(ellipsized(Text("Beat"), beat), key="beat", width=beat)
        for narrative in article.narratives:
            # a header does not wrap: a long title is cut with an ellipsis, never mid-word silently
            table.add_column(ellipsized(plain(narrative.title), other), key=narrative.id, width=other)
        if self._has_context:
            table.add_column(ellipsized(Text("Context"), other), key="context", width=other)
        self.fill(FILL_CHUNK if self.ahead else None)

    def fill(self, rows: int | None = None) -> bool:
        """Add the next `rows` beats to the grid (None: all that are left); True once every beat is in it, the cursor on the start."""
        article = self.article
        table = self.query_one(DataTable)
        beat, other = self._cell_widths
        console = self.app.console
        has_context = self._has_context
        start = len(self.targets)
        end = len(article.steps) if rows is None else min(len(article.steps), start + rows)
        for i in range(start, end):
            step = article.steps[i]
            cells = [Text(f"{i + 1}. {step.title}", style="bold")]
            targets: list[Target] = [StepTarget(i)]
            groups = [step.scenes_of(n.id) for n in article.narratives] + ([step.context] if has_context else [])
            for scenes in groups:
                cells.append(Text("\n".join(s.title for s in scenes)) if scenes else Text("—", style="dim"))
                targets.append(SceneTarget(scenes[0].id) if scenes else StepTarget(i))
            # each row's height given, worked out from the text: the table would render every cell of every row to measure it
            widths = [beat] + [other] * (len(cells) - 1)
            table.add_row(*cells, key=str(i), height=max(lines_at(c, w, console) for c, w in zip(cells, widths, strict=True)))
            self.targets.append(targets)
        if len(self.targets) < len(article.steps):
            return False
        if end > start or not article.steps:  # the last part: as a grid filled at once is left
            table.move_cursor(row=self.start, column=0)
            if self.focused is not table:  # focusing again repaints it after the first frame
                table.focus()
        return True

    def reopen(self, step: int) -> OutlineScreen:
        """Open again (kept between openings): the cursor on the beat being read, as a new outline has it."""
        self.start = step
        if self.is_mounted:
            self.fill()  # built ahead of its first opening, and not all filled yet
            table = self.query_one(DataTable)
            table.scroll_home(animate=False, immediate=True)
            table.move_cursor(row=step, column=0, animate=False)
            if self.focused is not table:  # focusing again repaints it after the first frame
                table.focus()
        return self

    def _widths(self, columns: int) -> tuple[int, int]:
        """Widths of the beat column and of the others, to fill the dialog at this terminal size."""
        beat = max(len(f"{i + 1}. {step.title}") for i, step in enumerate(self.article.steps)) if self.article.steps else 8
        width, height = self.app.size
        if width < SLIM_BELOW:  # the whole screen (app.tcss): its padding, a border when tall, scrollbar, cell padding
            room = width - 2 - (2 if height >= SHORT_BELOW else 0) - 1 - 2 * columns
            beat = min(beat, max(10, room // 3))
        else:  # 90% of the screen up to 120, less its border, padding, scrollbar and cell padding
            room = min(120, width * 9 // 10) - 6 - 2 - 2 * columns
            beat = min(beat, max(12, room // 4))
        return beat, max(10, (room - beat) // max(1, columns - 1))

    def target_at(self, row: int, column: int) -> Target:
        """Where a cell leads: its first scene, or its beat."""
        return self.targets[row][column]

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter or a click on a cell goes there."""
        self.dismiss(self.target_at(event.coordinate.row, event.coordinate.column))
