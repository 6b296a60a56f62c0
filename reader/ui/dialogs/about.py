"""About this article: its title, byline, publisher, date and source address, to read or copy."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.model import ArticleMeta
from ..plain import plain
from . import DismissOnce, FitsSmallScreens, hints
from .backdrop import QuickBackdrop


def about_rows(meta: ArticleMeta) -> list[tuple[str, str]]:
    """(label, value) of what is known of the article, in the order a reader looks for it."""
    title = meta.title + ("  (title by the editor)" if meta.title_by == "editor" else "")
    return [
        ("Title", title),
        ("Byline", meta.byline or "none given"),
        ("Source", meta.source or "not given"),
        ("Publisher", meta.publisher or "not given"),
        ("Date", meta.date or "not given"),
        ("Address", meta.url or "none: the article was not made from a web page"),
    ]


class AboutScreen(QuickBackdrop, FitsSmallScreens, DismissOnce, ModalScreen[None]):
    """Who wrote the article, who published it, when and where; c copies the citation, l the address."""

    BINDINGS = [
        Binding("escape,q,m", "close", "Close"),
        Binding("c", "copy('citation')", "Copy citation"),
        Binding("l", "copy('url')", "Copy address"),
    ]

    def __init__(self, meta: ArticleMeta) -> None:
        super().__init__()
        self.meta = meta

    def compose(self) -> ComposeResult:
        """The title, a table of what is known, the citation, the keys."""
        with VerticalScroll(id="about", classes="dialog"):
            yield Static("About this article", classes="modal-title")
            table = Table.grid(padding=(0, 2))
            table.add_column(no_wrap=True, style="bold")
            table.add_column(ratio=1)
            for label, value in about_rows(self.meta):
                # article text: Rich Text, never read as markup
                table.add_row(label, plain(value))
            yield Static(table, id="about-table")
            yield Static(Text("Cite as", style="bold"), classes="help-group")
            yield Static(plain(self.meta.citation), id="about-citation")
            link = " · l copies the address" if self.meta.url else ""
            yield from hints(f"c copies the citation{link} · Esc closes", f"c copies{' · l the address' if link else ''} · Esc")

    def reopen(self) -> AboutScreen:
        """Open again (kept between openings): at the top, as a new one opens."""
        if self.is_mounted:
            self.query_one("#about", VerticalScroll).scroll_home(animate=False, immediate=True)
        return self

    def action_copy(self, what: str) -> None:
        """Copy the citation or the address to the clipboard (OSC 52: works over SSH too)."""
        text = self.meta.url if what == "url" else self.meta.citation
        if not text:
            self.notify("This article has no source address to copy.", timeout=3)
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied: {text}", timeout=3, markup=False)

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)
