"""Option lists that survive paging before they have been laid out.

Textual 8.2.8's OptionList.action_page_down/up look the highlighted option up in a line map
that is only built once the list has a size; on a tiny terminal (or before the first layout)
that raises KeyError and ends the app. Found by the monkey test; paging there is a no-op.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding, BindingType
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

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

    def replace_prompts(self, prompts: Mapping[int, VisualType]) -> None:
        """Give some options new prompts, keeping the renderings of the others.

        OptionList.replace_option_prompt forgets every option's rendering with each prompt it
        replaces; here each changed option is a new Option (same id, state and rule below), so
        that the renderings cached for the unchanged ones still hold. The lines' heights are
        measured again (a new prompt may wrap otherwise).
        """
        if not prompts:
            return
        for index, prompt in prompts.items():
            old = self._options[index]
            new = Option(prompt, id=old.id, disabled=old.disabled)
            new._divider = old._divider
            self._options[index] = new
            del self._option_to_index[old]
            self._option_to_index[new] = index
            if old.id is not None:
                self._id_to_option[old.id] = new
        self._line_cache.clear()
        self.refresh()
        if self.is_mounted:
            self._update_lines()
