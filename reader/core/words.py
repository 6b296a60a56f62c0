"""Small words for counts: "1 hit", "2 hits". No Textual here."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: `1 quote`, `0 quotes`, `3 quotes`."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"
