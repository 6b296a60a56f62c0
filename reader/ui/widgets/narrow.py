"""What a narrow screen adds so that one storyline at a time never hides the other.

Below 100 columns the storylines are tabs and only one column shows: the tabs mark which
storylines have text at this beat, a line says when a hidden one has a scene here, and the
lede of the opening beat is followed by both storylines' introductions.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...core import navigation as nav
from ...core.model import Article
from ...core.textsafe import visible
from ..plain import plain

#: a tab's mark: the storyline has text at this beat, or has nothing here
HAS_TEXT, NO_TEXT = "●", "○"


def tab_label(title: str, has_text: bool, width: int | None = None) -> Content:
    """A storyline's tab: its title after a mark that says whether it has text at this beat,
    cut with an ellipsis to `width` cells so that every tab stays in sight."""
    label = Text(f"{HAS_TEXT if has_text else NO_TEXT} {visible(title)}")
    if width is not None:
        label.truncate(max(3, width), overflow="ellipsis")
    return Content(label.plain)


def elsewhere_text(titles: list[tuple[int, str]], active_empty: bool) -> Text:
    """The line that points at hidden storylines with a scene here: (number, title) for each.

    The key comes first, so that a line cut short (with an ellipsis) still says what to press.
    """
    if not titles:
        return Text()
    names = Text(" and ").join(plain(title, "bold") for _, title in titles)
    verb = "has" if len(titles) == 1 else "have"
    also = "" if active_empty else " also"
    return Text.assemble(("Tab", "bold"), " ▸ ", names, f"{also} {verb} a scene here", no_wrap=True, overflow="ellipsis")


class ElsewhereLine(Static):
    """One line under the tabs: which hidden storyline has a scene at this beat (narrow screens)."""

    _shown: Text | None = None

    def show(self, titles: list[tuple[int, str]], active_empty: bool) -> None:
        """Point at the hidden storylines with a scene here; hide when there are none."""
        self.set_class(not titles, "-none")
        text = elsewhere_text(titles, active_empty)
        if text != self._shown:  # an update lays the screen out again: only for a change
            self._shown = text
            self.update(text)


class OpeningIntros(Vertical):
    """Both storylines' introductions, under the lede of the opening beat (shown on narrow screens)."""

    def __init__(self, article: Article, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article

    def compose(self) -> ComposeResult:
        """For each storyline: its title, where it begins, its summary."""
        for narrative in self.article.narratives:
            yield Static(plain(narrative.title), classes="intro-title")
            yield Static(plain(nav.opening_note(self.article, narrative.id)), classes="intro-where")
            if narrative.summary:
                yield Static(plain(narrative.summary), classes="intro")
