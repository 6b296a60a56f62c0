"""Finding direct quotations in running text.

Double marks (curly or straight, even mismatched as “…" in the seed) delimit a quotation;
single curly marks inside one delimit words quoted within it. An apostrophe (’ between
letters) never closes a quotation.
"""

from __future__ import annotations

from dataclasses import dataclass

_OPEN = "“\""
_CLOSE = "”\""


@dataclass(frozen=True)
class Quotation:
    """The inner text of one quotation found in a paragraph, with its offsets."""

    start: int
    end: int
    text: str
    nested: bool = False


def find_quotations(paragraph: str) -> list[Quotation]:
    """Every quotation in a paragraph, outer ones first, each followed by those nested in it."""
    found: list[Quotation] = []
    start: int | None = None
    for i, ch in enumerate(paragraph):
        if start is None and ch in _OPEN:
            start = i + 1
        elif start is not None and ch in _CLOSE:
            found.append(Quotation(start, i, paragraph[start:i]))
            found.extend(_nested(paragraph, start, i))
            start = None
    if start is not None:  # the quotation runs on into the next paragraph
        found.append(Quotation(start, len(paragraph), paragraph[start:]))
        found.extend(_nested(paragraph, start, len(paragraph)))
    return found


def _nested(paragraph: str, lo: int, hi: int) -> list[Quotation]:
    """Single-quoted words inside paragraph[lo:hi]."""
    out: list[Quotation] = []
    start: int | None = None
    for i in range(lo, hi):
        ch = paragraph[i]
        if ch == "‘" and start is None:
            start = i + 1
        elif ch == "’" and start is not None:
            after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
            if not after.isalpha():  # ’ followed by a letter is an apostrophe (we’d, don’t)
                out.append(Quotation(start, i, paragraph[start:i], nested=True))
                start = None
    return out


def core(text: str) -> str:
    """A quotation's words without the comma that closes it before the attribution."""
    return text.rstrip().rstrip(",").rstrip()
