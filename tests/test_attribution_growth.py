"""The attribution's work grows with the mentions it reads, never with mentions x people met so far.

Counted, not timed: each person a lookup looks at (People.visits), and each person of People.all
that any code walks through (the quadratic scans this replaced walked it at every mention).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import attribution
from reader.core.seed import parse_seed

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_70fa68d05498e722.txt"


class _CountedList(list):  # type: ignore[type-arg]
    """A list that counts the items walked through by every iteration of it."""

    walked = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        _CountedList.walked += len(self)
        return super().__iter__()


def _work(monkeypatch: pytest.MonkeyPatch, copies: int, one_paragraph: bool) -> tuple[int, int, int]:
    """(mentions read, people met, people looked at) attributing the seed's body `copies` times over."""
    made: list[attribution.People] = []

    class Counted(attribution.People):
        def __init__(self) -> None:
            super().__init__()
            self.all = _CountedList()
            made.append(self)

    monkeypatch.setattr(attribution, "People", Counted)
    _CountedList.walked = 0
    body = parse_seed(SEED.read_text(encoding="utf-8")).paragraphs * copies
    attribution.attribute([" ".join(body)] if one_paragraph else body)
    people = made[0]
    return people.clock, len(people.all), getattr(people, "visits", 0) + _CountedList.walked


@pytest.mark.parametrize("one_paragraph", [False, True], ids=["paragraphs", "one paragraph"])
def test_lookups_grow_linearly_with_the_mentions(monkeypatch, one_paragraph):
    small_mentions, small_people, small_work = _work(monkeypatch, 8, one_paragraph)
    big_mentions, big_people, big_work = _work(monkeypatch, 32, one_paragraph)
    # the repeated text keeps introducing new people (each "a soldier" is someone new) ...
    assert big_people >= 2 * small_people
    # ... yet the people looked at per mention stay the same: a scan of everyone would grow it fourfold
    assert big_work / big_mentions <= 1.3 * (small_work / small_mentions), (small_work, small_mentions, big_work, big_mentions)
