"""A Footer that rebuilds itself only when the keys it shows change.

Textual 8's Footer recomposes all its keys whenever the screen's bindings are refreshed: on
every focus change, for instance, though the keys shown stay the same. Each rebuild restyles
every key and repaints the screen; moving the keyboard between the lede and a column cost
about 70 ms of it. Found by the step benchmark.

A screen opened above one that sets `QUIT_ABOVE` (the library) names `q` by what it does
there: "Back", not "Quit".
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: what the Footer shows of one binding: its key, action, label and whether it is enabled
Shown = tuple[tuple[str, str, str, bool], ...]


def _shown(screen: Screen[Any]) -> Shown:
    """What the Footer would show for a screen: each shown binding's key, action, label, state."""
    return tuple(
        (key, active.binding.action, active.binding.description, active.enabled)
        for key, active in screen.active_bindings.items()
        if active.binding.show
    )


class QuietFooter(Footer):
    """A Footer that skips a rebuild when the keys it would show are the ones it shows."""

    _last: Shown | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Rebuild only for a change in what is shown; show or hide keys it already has in place."""
        shown = _shown(screen)
        if self._bindings_ready and shown == self._last:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            if self._bindings_ready and self._show_in_place(shown):
                self._last = shown
                return
            self._last = shown  # what the rebuild Footer.bindings_changed schedules will show
        super().bindings_changed(screen)

    def _show_in_place(self, shown: Shown) -> bool:
        """Show just these keys with the ones already built, hiding the rest; False if some are missing.

        A rebuild removes and mounts every key, a layout and a frame each way: a key that comes
        and goes (`x`, while a filter is on) cost a filter change some 70 ms twice over (issue 17).
        The key is now built once and then hidden or shown.
        """
        keys = list(self.children)
        if not all(type(key) is FooterKey for key in keys):
            return False  # grouped keys: rebuilt as Textual builds them
        # as Footer.compose shows them: the first binding of each action (h and p both step back)
        first: dict[str, tuple[str, str, str, bool]] = {}
        for entry in shown:
            first.setdefault(entry[1], entry)
        wanted = {(key, action): (label, enabled) for key, action, label, enabled in first.values()}
        built = [(key, (key.key, key.action)) for key in keys if isinstance(key, FooterKey)]
        order = [name for _, name in built if name in wanted]
        if order != list(wanted):
            return False  # a key not built yet, or the keys in another order
        quit_label = self.quit_label()
        for key, name in built:
            if name in wanted:
                label, enabled = wanted[name]
                if label != key.description and not (quit_label and key.action in ("quit", "app.quit")):
                    return False  # a label changed: rebuilt
                key.disabled = not enabled
            key.display = name in wanted
        self.styles.grid_size_columns = len(order)
        return True

    def compose(self) -> ComposeResult:
        """Textual's keys, with `q` named for where it leads from this screen."""
        label = self.quit_label()
        for widget in super().compose():
            if label and isinstance(widget, FooterKey) and widget.action in ("quit", "app.quit"):
                widget.description = label
            yield widget

    def quit_label(self) -> str | None:
        """What `q` is called here: the `QUIT_ABOVE` of the nearest screen below this one that has it."""
        try:
            stack = self.app.screen_stack
            below = stack[: stack.index(self.screen)]
        except ValueError:  # not on the stack (yet): q quits
            return None
        return next((label for s in reversed(below) if (label := getattr(s, "QUIT_ABOVE", None))), None)
