"""Option lists that survive paging before they have been laid out.

Textual 8.2.8's OptionList.action_page_down/up look the highlighted option up in a line map
that is only built once the list has a size; on a tiny terminal (or before the first layout)
that raises KeyError and ends the app. Found by the monkey test; paging there is a no-op.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widgets import OptionList

#: Vim's j and k, for every list of the reader.
VIM_KEYS: list[BindingType] = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False)]


class PageSafe:
    """Mixin: page keys do nothing while the list's lines are not laid out yet."""

    def action_page_down(self) -> None:
        """Page down, unless the list has no layout yet."""
        try:
            super().action_page_down()  # type: ignore[misc]
        except KeyError:
            pass

    def action_page_up(self) -> None:
        """Page up, unless the list has no layout yet."""
        try:
            super().action_page_up()  # type: ignore[misc]
        except KeyError:
            pass


class SafeOptionList(PageSafe, OptionList):
    """An OptionList that survives paging before layout, with j and k."""

    BINDINGS = VIM_KEYS
