"""The baseline for launch time: a bare Textual app with the reader's skeleton and nothing else.

    python benchmarks/bare_app.py

Header, two scrolling columns with one line of text each, footer: what any Textual app of
this shape pays to start, so the reader's launch is reported as a ratio against it. Its keys
l and h change a line of text: what any Textual app pays to answer a key in a real terminal,
the baseline of the reader's step in one.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static

#: what benchmarks/run.py waits for on the screen
MARKER = "bare skeleton, right column"


class BareApp(App[None]):
    """Header, two columns with a Static each, footer."""

    BINDINGS = [("q", "quit", "Quit"), ("l", "step(1)", "Next"), ("h", "step(-1)", "Previous")]
    CSS = "VerticalScroll { width: 1fr; }"
    count = 0

    def action_step(self, delta: int) -> None:
        """Change the left column's line: the least a key can draw."""
        self.count += delta
        self.query_one("#left", Static).update(f"bare skeleton, step {self.count} of the left column")

    def compose(self) -> ComposeResult:
        """The same skeleton as the reader's: header, two columns, footer."""
        yield Header()
        with Horizontal():
            with VerticalScroll():
                yield Static("bare skeleton, left column", id="left")
            with VerticalScroll():
                yield Static(MARKER)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
