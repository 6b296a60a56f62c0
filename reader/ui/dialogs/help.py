"""The help screen: every key, grouped by what it is for (the table is built in `..keys`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import KeyTable, key_table
from . import SLIM_BELOW, DismissOnce, FitsSmallScreens
from .backdrop import QuickBackdrop

if TYPE_CHECKING:
    from textual.screen import Screen

    from .keep import KeepFunction


def side_by_side(keys: tuple[tuple[str, str], ...]) -> Table:
    """Keys in a column of their own, what they do beside them (wrapping under itself)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, width=22, style="bold")
    table.add_column(ratio=1)
    for key, what in keys:
        table.add_row(key, what)
    return table


def stacked(keys: tuple[tuple[str, str], ...]) -> Group:
    """On a slim screen: each row's keys on a line, what they do indented under them."""
    rows: list[RenderableType] = []
    for key, what in keys:
        rows.append(Text(key, style="bold", overflow="ellipsis", no_wrap=True))
        rows.append(Padding(Text(what), (0, 0, 0, 2)))
    return Group(*rows)


class HelpScreen(QuickBackdrop, FitsSmallScreens, DismissOnce, ModalScreen[None]):
    """Every key of the reader, grouped by what it is for."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss_help", "Close")]

    def __init__(self, table: KeyTable) -> None:
        super().__init__()
        self.table = table
        self._slim = False

    def compose(self) -> ComposeResult:
        """A table of keys per group; a long description wraps under itself, not under the keys."""
        slim = self.app.size.width < SLIM_BELOW
        self._slim = slim
        with VerticalScroll(id="help"):
            yield Static("Keys", classes="modal-title")
            for group, keys in self.table:
                yield Static(Text(group, style="bold underline"), classes="help-group")
                yield Static(stacked(keys) if slim else side_by_side(keys), classes="help-keys")
            yield Static("Press escape or ? to close.", classes="help-group modal-hint")

    def reopen(self) -> HelpScreen:
        """Open again (kept between openings): at the top, as a new help opens."""
        if self.is_mounted:
            scroller = self.query_one("#help", VerticalScroll)
            scroller.scroll_home(animate=False, immediate=True)
            if self.focused is not scroller:  # focusing again repaints it after the first frame
                scroller.focus()
        return self

    def on_resize(self) -> None:
        """Lay the keys out again when the terminal crosses the slim width."""
        if (self.app.size.width < SLIM_BELOW) != self._slim:
            self.refresh(recompose=True)

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)


def help_for(shown: Screen[Any], keep: KeepFunction) -> Screen[Any] | None:
    """The help of a screen with keys of its own (KEY_HELP, help_bindings), kept for it (keep.kept) or built ahead (keep.prebuild)."""
    table = key_table(shown.KEY_HELP, shown.help_bindings(list(shown.app.BINDINGS)))  # type: ignore[attr-defined]
    return keep(shown, "help", table, lambda: HelpScreen(table))
