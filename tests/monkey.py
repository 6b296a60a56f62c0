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


async def monkey(pilot: Pilot, rng: random.Random, events: int, keys: tuple[str, ...] = KEYS) -> Tally:
    """Send `events` random inputs; raises whatever the app raises."""
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
        tally.screens.add(type(app.screen).__name__)
        if not app.is_running:
            raise AssertionError("the app stopped running")
    await pilot.pause()
    return tally
