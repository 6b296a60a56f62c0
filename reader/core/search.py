"""Searching an article's text: case-insensitive, with quote marks and apostrophes folded.

Folding maps each character to exactly one character, so offsets in the folded text are
offsets in the original and hits can be highlighted where they stand. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .model import Article

_MARKS = str.maketrans({"’": "'", "‘": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character, lower-cased where that keeps it one character."""
    low = ch.lower()
    return low if len(low) == 1 else ch


def fold(text: str) -> str:
    """Text with curly marks made straight and letters lower-cased, the same length as before."""
    text = text.translate(_MARKS)
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


@dataclass(frozen=True)
class Hit:
    """One match: the scene, the paragraph index in it, and the offsets."""

    scene: str
    paragraph: int
    start: int
    end: int


class SearchIndex:
    """The folded text of every paragraph, in reading order, built once per article."""

    def __init__(self, article: Article) -> None:
        self.entries: list[tuple[str, int, str]] = [
            (scene.id, i, fold(para)) for step in article.steps for scene in step.scenes for i, para in enumerate(scene.paragraphs)
        ]

    def find(self, query: str, limit: int = 10_000) -> list[Hit]:
        """Every occurrence of the query in reading order (at most `limit`)."""
        needle = fold(query.strip())
        hits: list[Hit] = []
        if not needle:
            return hits
        for scene, index, text in self.entries:
            start = text.find(needle)
            while start != -1:
                hits.append(Hit(scene, index, start, start + len(needle)))
                if len(hits) >= limit:
                    return hits
                start = text.find(needle, start + len(needle))
        return hits
