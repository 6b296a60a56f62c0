"""The help screen: every key, grouped by what it is for (the table is built in `..keys`)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import KeyTable
from . import DismissOnce


class HelpScreen(DismissOnce, ModalScreen[None]):
    """Every key of the reader, grouped by what it is for."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss_help", "Close")]

    def __init__(self, table: KeyTable) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        """A table of keys per group; a long description wraps under itself, not under the keys."""
        with VerticalScroll(id="help"):
            yield Static("Keys", classes="modal-title")
            for group, keys in self.table:
                table = Table.grid(padding=(0, 2))
                table.add_column(no_wrap=True, width=22, style="bold")
                table.add_column(ratio=1)
                for key, what in keys:
                    table.add_row(key, what)
                yield Static(Text(group, style="bold underline"), classes="help-group")
                yield Static(table, classes="help-keys")
            yield Static("Press escape or ? to close.", classes="help-group modal-hint")

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)
