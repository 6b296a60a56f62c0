"""Dialogs kept between openings: built once per screen that opens them, brought up to date each time.

Opening a dialog built afresh costs its widgets' composing, styling, first sizing and first
rendering, twice over for the sizing (Textual lays new widgets out, then paints them again once
sized). A dialog whose content depends only on the article (and the terminal's size and theme)
is kept instead: installed in the app, so that closing it does not remove it, and handed back
the next time with its state (the cursor on the current beat, the ticked speakers, the marks)
set as a fresh one would have it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from textual.dom import DOMNode
from textual.screen import Screen

S = TypeVar("S", bound=Screen[Any])
#: kept or prebuild: what a screen's dialog builder is handed, to keep or build ahead what it makes
KeepFunction = Callable[[DOMNode, str, Hashable, Callable[[], Screen[Any]]], Screen[Any] | None]

#: per screen that opens dialogs: each kept dialog's installed name, what it was built for, and the dialog
_KEPT: WeakKeyDictionary[DOMNode, dict[str, tuple[Hashable, Screen[Any]]]] = WeakKeyDictionary()


def kept(owner: DOMNode, kind: str, key: Hashable, make: Callable[[], S]) -> S:
    """The `kind` of dialog `owner` opened last, if it was built for `key` (at this size and theme); else a new one, kept."""
    app = owner.app
    mine = _KEPT.setdefault(owner, {})
    name = f"kept-{kind}-{id(owner)}"
    key = (key, app.size, app.theme)
    held = mine.get(name)
    if held is not None and held[1] in app.screen_stack:
        return make()  # open already, under another dialog: this one is not kept
    if held is not None and held[0] == key:
        screen: S = held[1]  # type: ignore[assignment]
        screen._dismissed = False  # type: ignore[attr-defined]  # DismissOnce: open to be dismissed again
        return screen
    if held is not None:
        _drop(owner, name)
    screen = make()
    app.install_screen(screen, name)
    mine[name] = (key, screen)
    return screen


def prebuild(owner: DOMNode, kind: str, key: Hashable, make: Callable[[], S]) -> S | None:
    """Build the `kind` of dialog ahead of its first opening: kept as `kept` keeps it, composed and mounted off screen.

    None when there is nothing to build: it is open now, or built already. A dialog built so is
    not laid out nor painted (Textual leaves every screen but the current one alone: prebuild.py
    does it); `push_screen` finds it running.
    """
    held = _KEPT.get(owner, {}).get(f"kept-{kind}-{id(owner)}")
    if held is not None and held[1] in owner.app.screen_stack:
        return None
    screen = kept(owner, kind, key, make)
    if screen.is_running:
        return None
    if hasattr(screen, "ahead"):  # a Dialog: a long list is filled in parts (prebuild.Prebuilder)
        screen.ahead = True
    owner.app._register(owner.app, screen)  # what push_screen does first for a screen not running yet
    return screen


def _drop(owner: DOMNode, name: str) -> None:
    """Uninstall a kept dialog and remove it (uninstalling alone leaves it in the app)."""
    _, screen = _KEPT[owner].pop(name)
    owner.app.uninstall_screen(name)
    if screen.is_attached:
        screen.remove()


def forget(owner: DOMNode) -> None:
    """Let go of the dialogs `owner` kept (it is going away), and of the objects frozen once they were built."""
    gc.unfreeze()  # prebuild.Prebuilder froze what lived then, this screen among it: the collector sees it again
    for name, (_, screen) in list(_KEPT.get(owner, {}).items()):
        if screen not in owner.app.screen_stack:
            _drop(owner, name)
    _KEPT.pop(owner, None)
