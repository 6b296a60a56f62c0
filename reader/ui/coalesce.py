"""Coalescing a burst of navigation: keep the latest target, draw it once the keys stop coming.

Twenty quick presses of → used to draw twenty beats, one after another, each a remount of the
columns and the panels: the reader waited for beats they never meant to read. A Coalescer keeps
only the latest target of a burst and applies it when the app's message queue has gone a full
round without a new request, so the intermediate beats are never drawn. It waits for the queue,
never for a clock: a single key is drawn as soon as the app is free, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual.message_pump import MessagePump

T = TypeVar("T")


class Coalescer(Generic[T]):
    """The latest of a burst of requests (a beat to show, a filter to draw), applied once the burst is over."""

    def __init__(self, owner: MessagePump, apply: Callable[[T], None]) -> None:
        self._owner = owner
        self._apply = apply
        self._pending: T | None = None
        self._requests = 0
        self._seen = 0
        self._scheduled = False

    @property
    def pending(self) -> T | None:
        """The target waiting to be applied, if any."""
        return self._pending

    def request(self, target: T) -> None:
        """Ask for a target; it replaces any earlier one not yet applied."""
        self._pending = target
        self._requests += 1
        if not self._scheduled:
            self._scheduled = True
            self._seen = self._requests
            self._owner.app.call_later(self._settle)

    def flush(self) -> None:
        """Apply a pending target now: something else is about to read the state it leads to."""
        target, self._pending = self._pending, None
        if target is not None:
            self._apply(target)  # the scheduled _settle then finds nothing pending

    def cancel(self) -> None:
        """Forget a pending target (something else moved the reader meanwhile)."""
        self._pending = None

    def _settle(self) -> None:
        """Apply the pending target, unless more requests came while this waited in the queue."""
        if self._requests != self._seen and self._pending is not None:
            # keys are still arriving (they reach the app one by one, after bubbling up from
            # the focused widget): wait one more round of the queue rather than draw a beat
            # that is already out of date
            self._seen = self._requests
            self._owner.app.call_later(self._settle)
            return
        self._scheduled = False
        target, self._pending = self._pending, None
        if target is not None:
            self._apply(target)
