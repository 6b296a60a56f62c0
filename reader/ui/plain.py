"""Article text shown as itself in the UI: never read as markup, never a control sequence.

Every string from an article, a seed or a state file goes through one of these on its way to
a widget (SECURITY.md): Textual reads a plain `str` as markup in Static, Tab, DataTable cells
and columns, option prompts, notifications and the command palette, so `[@click=...]` in a
title would run an action and `[/]` would end the app. Rich Text and Content are never parsed.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from ..core.textsafe import visible


def plain(text: str, style: str = "") -> Text:
    """Rich Text of article text, exactly as written (controls shown as escapes)."""
    return Text(visible(text), style=style)


def plain_content(text: str) -> Content:
    """Textual Content of article text, exactly as written (controls shown as escapes)."""
    return Content(visible(text))


def markup_escape(text: str) -> str:
    """Article text for the few places that only take markup (a palette hit's help line).

    Every `[` is escaped, not only those that look like tags, so no tag can slip through;
    Textual's markup keeps other backslashes as they are.
    """
    return visible(text).replace("[", "\\[")
