"""The editing screen's dialogs: pick one of a list, fill in a few fields, confirm leaving.

Each returns a typed result (None when Escape closes it). What they show from the article goes
in as Text, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..widgets.safe import SafeOptionList
from .backdrop import QuickBackdrop


class Choice(QuickBackdrop, ModalScreen[str | None]):
    """Choose one of a list: returns its id, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]], current: str | None = None) -> None:
        super().__init__()
        self.heading, self.options, self.current = title, options, current

    def compose(self) -> ComposeResult:
        """The title, a hint, the list."""
        with Vertical(id="edit-dialog"):
            yield Static(Text(self.heading), classes="modal-title")
            yield Static("↑ ↓ choose · Enter applies · Esc cancels", classes="modal-hint")
            yield SafeOptionList(*(Option(Text(label), id=ident) for ident, label in self.options), id="choices")

    def on_mount(self) -> None:
        """Start on the current value."""
        choices = self.query_one(OptionList)
        ids = [ident for ident, _ in self.options]
        if self.current in ids:
            choices.highlighted = ids.index(self.current)
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click: that one."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


@dataclass(frozen=True)
class Field:
    """One line of a form: a text field, or a checkbox when `value` is a bool."""

    name: str
    label: str
    value: str | bool = ""


FormResult = dict[str, str | bool]


class Form(QuickBackdrop, ModalScreen[FormResult | None]):
    """Fill in a few fields: returns them by name (text stripped), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, fields: list[Field]) -> None:
        super().__init__()
        self.heading, self.fields = title, fields

    def compose(self) -> ComposeResult:
        """The title, a hint, one labelled input (or checkbox) a field."""
        with Vertical(id="edit-dialog"):
            yield Static(Text(self.heading), classes="modal-title")
            yield Static("Tab moves · Enter applies · Esc cancels", classes="modal-hint")
            for field in self.fields:
                if isinstance(field.value, bool):
                    yield Checkbox(Text(field.label), field.value, id=f"field-{field.name}")
                else:
                    yield Static(Text(field.label), classes="field-label")
                    yield Input(field.value, id=f"field-{field.name}")

    def on_mount(self) -> None:
        """The keyboard in the first field."""
        first = self.query("Input, Checkbox").first()
        first.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field applies the form."""
        event.stop()
        self.dismiss(self.values())

    def values(self) -> FormResult:
        """The fields' values by name."""
        out: FormResult = {}
        for field in self.fields:
            if isinstance(field.value, bool):
                out[field.name] = self.query_one(f"#field-{field.name}", Checkbox).value
            else:
                out[field.name] = self.query_one(f"#field-{field.name}", Input).value.strip()
        return out

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)


class Confirm(QuickBackdrop, ModalScreen[bool | None]):
    """Ask before leaving with unsaved edits: True saves first, False leaves them, None stays."""

    BINDINGS = [
        Binding("y,s", "answer(True)", "Save and leave"),
        Binding("n,d", "answer(False)", "Leave without saving"),
        Binding("escape", "answer(None)", "Stay"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and its keys."""
        with Vertical(id="edit-dialog", classes="confirm"):
            yield Static(Text(self.question), classes="modal-title")
            yield Static("y save and leave · n leave without saving · Esc stay", classes="modal-hint")

    def action_answer(self, answer: bool | None) -> None:
        """Close with the answer."""
        self.dismiss(answer)
