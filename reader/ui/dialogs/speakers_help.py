"""Modal screens: the speaker picker and the help screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...core.model import Article
from ..widgets.tables import SafeSelectionList
from . import DismissOnce


def _speaker_prompt(name: str, role: str, count: int) -> Text:
    """A speaker's line in the picker: name, number of quotes, role."""
    return Text.assemble((name, "bold"), f"  {count} quote{'' if count == 1 else 's'}  ", (role, "dim"))


class SpeakerPicker(DismissOnce, ModalScreen[frozenset[str] | None]):
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
            yield Static("Space toggles · Enter applies · x clears · Esc cancels", classes="modal-hint")
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


KEYS = (
    ("Reading", (
        ("→ l space, n", "next beat"),
        ("← h p shift+space", "previous beat"),
        ("g / G, home / end", "first / last beat"),
        ("↑ ↓ j k, pgup pgdn", "scroll the focused column or list"),
        ("tab / shift+tab", "cycle the columns and panels"),
        ("1 2 3", "focus a narrative (show it on narrow screens)"),
        ("u", "unlink the columns: step one narrative alone; again to link"),
        ("+ / - / = (0)", "wider, narrower, default line width"),
    )),
    ("Quotes and speakers", (
        ("w", "show or hide the quotes panel"),
        ("a", "quotes of this beat, or all quotes"),
        ("enter / click", "jump to the chosen quote or fact"),
        ("c", "copy the chosen quote with its attribution"),
        ("s", "filter by speaker (choose one or several)"),
        ("] / [", "next / previous beat where a chosen speaker speaks"),
        ("x", "clear the speaker filter"),
    )),
    ("Facts", (
        ("f", "show or hide the facts sidebar"),
    )),
    ("Finding your way", (
        ("/", "search every scene (quote marks and case folded)"),
        ("n / N", "next / previous hit while searching"),
        ("o", "outline: beats by narratives"),
        ("t", "timeline of the day"),
        ("v", "source text: what was kept and left out"),
        ("b / B", "bookmark this beat (or edit its note) / list bookmarks"),
    )),
    ("App", (
        ("escape", "clear the search or mark, close a panel or dialog"),
        ("ctrl+p", "command palette: jump, filter, panels, theme"),
        ("?", "this help"),
        ("q", "quit (your place is remembered)"),
    )),
)


class HelpScreen(DismissOnce, ModalScreen[None]):
    """Every key of the reader, grouped by what it is for."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss_help", "Close")]

    def compose(self) -> ComposeResult:
        """A table of keys per group; a long description wraps under itself, not under the keys."""
        with VerticalScroll(id="help"):
            yield Static("Keys", classes="modal-title")
            for group, keys in KEYS:
                table = Table.grid(padding=(0, 2))
                table.add_column(no_wrap=True, width=22, style="bold")
                table.add_column(ratio=1)
                for key, what in keys:
                    table.add_row(key, what)
                yield Static(Text(group, style="bold underline"), classes="help-group")
                yield Static(table, classes="help-keys")
            yield Static(Text("Press escape or ? to close.", style="dim"), classes="help-group")

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)
