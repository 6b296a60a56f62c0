"""The review panel of the editing screen: how many guesses are left, and the one under review."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...core.review import ReviewItem, ReviewQueue
from ..messages import ReviewStep


def confidence_text(confidence: float | None) -> str:
    """A confidence as the panel writes it."""
    return "confidence —" if confidence is None else f"confidence {confidence:.2f}"


class ReviewPanel(Vertical):
    """The count left and the current guess: what it is, its rule and confidence, its note and words.

    Everything from the article goes in as Text, never as markup. A click asks for the next guess.
    """

    def compose(self) -> ComposeResult:
        """A heading line, the item's rule line, its note and the words it rests on."""
        yield Static("", classes="review-head")
        yield Static("", classes="review-rule")
        yield Static("", classes="review-text")

    def show(self, queue: ReviewQueue, item: ReviewItem | None, done_line: str = "") -> None:
        """Show the queue's count and one of its items (or the done state)."""
        head, rule, words = self.query(Static).results(Static)
        self.set_class(queue.done, "-done")
        if item is None:
            head.update(Text(queue.summary() if not queue.done else done_line or "nothing left to review", style="bold"))
            rule.update(Text("n shows the first guess to review" if not queue.done else "ctrl+s saves · q leaves", style="dim"))
            words.update("")
            return
        position = next((i for i, it in enumerate(queue.items) if it.key == item.key), 0) + 1
        line = Text.assemble((queue.summary(), "bold"), f"  ·  {position}/{queue.left}  ·  ", (item.label, "bold"))
        head.update(line)
        flags = Text.assemble(
            ("needs review  " if item.needs_review else "", "bold reverse"),
            (item.rule, "italic"), "  ·  ", confidence_text(item.confidence),
        )
        if item.note:
            flags.append(f"  ·  {item.note}", style="dim")
        rule.update(flags)
        words.update(Text(" ".join(item.text.split()), style="dim") if item.text and item.anchor is None else "")

    def on_click(self, event: events.Click) -> None:
        """A click on the panel: the next guess."""
        self.post_message(ReviewStep(1))
