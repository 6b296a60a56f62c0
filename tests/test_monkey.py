"""A short monkey run in the suite: random keys, clicks and resizes never crash the app.

The long run is `python scripts/monkey.py --events 5000`.
"""

from __future__ import annotations

import random

import pytest

from tui.app import ReaderApp

from .monkey import monkey


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_random_input_never_crashes(article, seed):
    app = ReaderApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        tally = await monkey(pilot, random.Random(seed), 120)
    assert tally.total == 120
    # run_test re-raises anything the app raised; reaching here means nothing did
    assert app.return_code in (None, 0)


async def test_paging_a_list_before_it_is_laid_out_does_not_crash(article):
    # found by the monkey: Textual's OptionList paged with no layout raised KeyError
    app = ReaderApp(article)
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.press("right", "v", "pagedown", "pageup", "escape", "t", "pagedown", "escape", "s", "pagedown")
        assert app.is_running
