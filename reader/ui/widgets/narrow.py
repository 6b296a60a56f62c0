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
from ..plain import plain, plain_content

#: a tab's mark: the storyline has text at this beat, or has nothing here
HAS_TEXT, NO_TEXT = "●", "○"


def tab_label(title: str, has_text: bool) -> Content:
    """A storyline's tab: its title after a mark that says whether it has text at this beat."""
    return Content(f"{HAS_TEXT if has_text else NO_TEXT} ") + plain_content(title)


def elsewhere_text(titles: list[tuple[int, str]], active_empty: bool) -> Text:
    """The line that points at hidden storylines with a scene here: (number, title) for each."""
    if not titles:
        return Text()
    names = Text(" and ").join(Text.assemble(plain(title, "bold"), f" ({number})") for number, title in titles)
    verb = "has" if len(titles) == 1 else "have"
    lead = "Only " if active_empty and len(titles) == 1 else ""
    return Text.assemble("▸ ", lead, names, f" {verb} a scene at this beat: Tab shows it", no_wrap=True, overflow="ellipsis")


class ElsewhereLine(Static):
    """One line under the tabs: which hidden storyline has a scene at this beat (narrow screens)."""

    def show(self, titles: list[tuple[int, str]], active_empty: bool) -> None:
        """Point at the hidden storylines with a scene here; hide when there are none."""
        self.set_class(not titles, "-none")
        self.update(elsewhere_text(titles, active_empty))


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
