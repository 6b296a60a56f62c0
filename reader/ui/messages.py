"""What the reader's widgets say happened, for the screen that owns the state to act on."""

from __future__ import annotations

from textual.message import Message


class QuoteChosen(Message):
    """A quote was chosen in the quotes panel (Enter or a click): go to it and mark it."""

    def __init__(self, quote_id: str) -> None:
        super().__init__()
        self.quote_id = quote_id


class FactChosen(Message):
    """A fact was chosen in the facts panel: go to its source span and mark it."""

    def __init__(self, fact_id: str) -> None:
        super().__init__()
        self.fact_id = fact_id


class SearchChanged(Message):
    """The search query was edited."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query = query


class AboutRequested(Message):
    """The title bar was clicked: show what is known of the article (byline, publisher, date, address)."""


class SearchSubmitted(Message):
    """Enter in the search field: go to the first hit from here."""


class ReviewStep(Message):
    """The review panel was clicked: show the next guess to review (or the previous one)."""

    def __init__(self, delta: int = 1) -> None:
        super().__init__()
        self.delta = delta
