"""The help's key table, described by action, its keys read from the bindings.

A screen describes its keys by action (`Keys("next beat", "step(1)")`); the keys shown are the
ones bound to that action, so a key cannot be documented wrongly or go undocumented unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding, BindingType
from textual.keys import key_to_character

#: how the keys without a character of their own (or an unusual one) are written in the help
_NAMES = {"right": "→", "left": "←", "up": "↑", "down": "↓", "plus": "+", "minus": "-", "slash": "/"}


class Keys:
    """One row of the help: what it does, and the actions whose keys do it (or keys Textual owns).

    The keys of several actions are listed one action after another (`joined` between them), or,
    `paired`, side by side ("g / G, home / end"), a key that has no partner in brackets after them.
    """

    def __init__(self, what: str, *actions: str, paired: bool = False, joined: str = ", ", keys: str | None = None) -> None:
        self.what, self.actions, self.paired, self.joined, self.keys = what, actions, paired, joined, keys

    def shown(self, keys_of: Mapping[str, list[str]]) -> str:
        """The keys as the help writes them; KeyError for an action nothing is bound to."""
        if self.keys is not None:
            return self.keys
        lists = [keys_of[action] for action in self.actions]
        if not self.paired:
            return self.joined.join(" ".join(keys) for keys in lists)
        pairs = min(len(keys) for keys in lists)
        shown = ", ".join(" / ".join(keys[i] for keys in lists) for i in range(pairs))
        spare = [key for keys in lists for key in keys[pairs:]]
        return shown + (f" ({' '.join(spare)})" if spare else "")


#: A screen's help: (group title, its rows), in order.
KeyHelp = tuple[tuple[str, tuple[Keys, ...]], ...]
#: The help as shown: (group title, ((keys, what it does), ...)), in order.
KeyTable = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


def key_label(key: str) -> str:
    """A key as a person reads it: → for right, / for slash; names for the keys without a character."""
    if key in _NAMES:
        return _NAMES[key]
    if len(key) == 1 or "+" in key:
        return key
    char = key_to_character(key)
    return char if char and char.isprintable() and not char.isspace() else key


def keys_by_action(bindings: Iterable[BindingType]) -> dict[str, list[str]]:
    """Each action's keys, as the help writes them, in the order they are bound."""
    keys_of: dict[str, list[str]] = {}
    for binding in bindings:
        if isinstance(binding, Binding):
            key, action = binding.key, binding.action
        else:
            key, action = binding[0], binding[1]
        for one in key.split(","):
            keys_of.setdefault(action, []).append(key_label(one.strip()))
    return keys_of


def key_table(rows: KeyHelp, bindings: Iterable[BindingType]) -> KeyTable:
    """The help's rows with their keys read from the bindings."""
    keys_of = keys_by_action(bindings)
    return tuple((group, tuple((row.shown(keys_of), row.what) for row in group_rows)) for group, group_rows in rows)


def merged(base: Iterable[BindingType], own: Iterable[BindingType]) -> list[Binding]:
    """The bindings a subclass screen ends up with: its own, and the base's on the keys it leaves free."""
    def parts(binding: BindingType) -> tuple[str, str]:
        return (binding.key, binding.action) if isinstance(binding, Binding) else (binding[0], binding[1])

    mine = [parts(b) for b in own]
    taken = {key.strip() for keys, _ in mine for key in keys.split(",")}
    out: list[Binding] = []
    for binding in base:
        keys, action = parts(binding)
        free = [key for key in keys.split(",") if key.strip() not in taken]
        if free:
            out.append(Binding(",".join(free), action))
    return out + [Binding(keys, action) for keys, action in mine]


def pruned(rows: KeyHelp, bound: set[str]) -> KeyHelp:
    """A help table without the actions no key is bound to (a subclass took their keys), nor empty rows."""
    out: list[tuple[str, tuple[Keys, ...]]] = []
    for group, group_rows in rows:
        kept = []
        for row in group_rows:
            actions = tuple(a for a in row.actions if a in bound)
            if row.keys is not None or actions == row.actions:
                kept.append(row)
            elif actions:
                kept.append(Keys(row.what, *actions, paired=row.paired, joined=row.joined))
        if kept:
            out.append((group, tuple(kept)))
    return tuple(out)
