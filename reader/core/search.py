"""Searching an article's text and figure captions: case-insensitive, quote marks and apostrophes folded.

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
    #: a hit in a figure's text (`Figure.text`): the figure's index in the scene; `paragraph` is its place
    figure: int | None = None


class SearchIndex:
    """The folded text of every paragraph and figure caption, in reading order, built once per article."""

    def __init__(self, article: Article) -> None:
        self.entries: list[tuple[str, int, str, int | None]] = []
        for step in article.steps:
            for scene in step.scenes:
                # a figure stands before the paragraph its `after` counts up to, as the reader shows it
                figures = sorted(enumerate(scene.figures), key=lambda item: item[1].after)
                for i in range(len(scene.paragraphs) + 1):
                    self.entries += [(scene.id, i, fold(fig.text), n) for n, fig in figures if fig.after == i]
                    if i < len(scene.paragraphs):
                        self.entries.append((scene.id, i, fold(scene.paragraphs[i]), None))

    def find(self, query: str, limit: int = 10_000) -> list[Hit]:
        """Every occurrence of the query in reading order (at most `limit`)."""
        needle = fold(query.strip())
        hits: list[Hit] = []
        if not needle:
            return hits
        for scene, index, text, figure in self.entries:
            start = text.find(needle)
            while start != -1:
                hits.append(Hit(scene, index, start, start + len(needle), figure))
                if len(hits) >= limit:
                    return hits
                start = text.find(needle, start + len(needle))
        return hits


def next_hit(current: int, delta: int, count: int) -> tuple[int, bool]:
    """The hit `delta` away from `current` (-1: none yet), going round; and whether it went round the end."""
    if current < 0:
        return (0 if delta > 0 else count - 1), False
    target = current + delta
    return target % count, not 0 <= target < count
