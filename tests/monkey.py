"""A monkey for the reader's apps: random keys, clicks and resizes across every screen.

Used by tests/test_monkey.py (a short run) and scripts/monkey.py (a long one).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from textual.pilot import Pilot

#: Every key the app or its screens bind, plus a few that nothing binds; never a quit key.
KEYS = (
    "right", "left", "l", "h", "n", "N", "p", "space", "shift+space", "g", "G", "home", "end",
    "up", "down", "j", "k", "pageup", "pagedown", "tab", "shift+tab", "1", "2", "3", "u",
    "w", "a", "s", "x", "f", "right_square_bracket", "left_square_bracket", "c", "plus",
    "minus", "0", "equals_sign", "slash", "o", "v", "t", "b", "B", "d", "delete", "enter",
    "escape", "question_mark", "ctrl+p", "backspace", "z", "e", "r", "y",
)
SIZES = ((20, 6), (40, 12), (80, 24), (100, 30), (120, 40), (200, 50), (250, 70), (33, 9))


@dataclass
class Tally:
    """What the monkey did."""

    keys: int = 0
    clicks: int = 0
    resizes: int = 0
    screens: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        """Events sent."""
        return self.keys + self.clicks + self.resizes


class Ended(Exception):
    """The app ended cleanly, as a person can end it (a click on the palette's Quit): no crash.

    Carries what was sent so far; the caller starts a new app and goes on.
    """

    def __init__(self, tally: Tally) -> None:
        super().__init__("the app ended cleanly")
        self.tally = tally


async def monkey(pilot: Pilot, rng: random.Random, events: int, keys: tuple[str, ...] = KEYS) -> Tally:
    """Send `events` random inputs; raises whatever the app raises, or Ended when it quits cleanly."""
    tally = Tally()
    app = pilot.app
    for _ in range(events):
        roll = rng.random()
        if roll < 0.8:
            key = rng.choice(keys)
            if key == "escape" and rng.random() < 0.5:
                key = rng.choice(keys)  # fewer escapes, so the monkey stays inside screens a while
            await pilot.press(key)
            tally.keys += 1
        elif roll < 0.93:
            width, height = app.size
            await pilot.click(offset=(rng.randrange(max(1, width)), rng.randrange(max(1, height))))
            tally.clicks += 1
        else:
            await pilot.resize_terminal(*rng.choice(SIZES))
            tally.resizes += 1
        if not app.is_running:
            if app.return_code == 0:  # a click on a Quit command, or the library's choice
                raise Ended(tally)
            raise AssertionError(f"the app stopped with return code {app.return_code}")
        tally.screens.add(type(app.screen).__name__)
    await pilot.pause()
    return tally


async def monkey_runs(make_app, rng: random.Random, events: int, keys: tuple[str, ...] = KEYS, size=(80, 24)) -> tuple[Tally, int]:
    """Send `events` inputs to apps from make_app, a new one each time one ends cleanly; the tally and how many ended."""
    total, ended = Tally(), 0
    while total.total < events:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            try:
                tally = await monkey(pilot, rng, events - total.total, keys)
            except Ended as end:
                tally, ended = end.tally, ended + 1
        total.keys += tally.keys
        total.clicks += tally.clicks
        total.resizes += tally.resizes
        total.screens |= tally.screens
    return total, ended
