"""The command palette's reader commands: jump, filter, toggle panels, theme, open views.

Each command runs a public action of the screen the palette was opened on (or of the app, for
themes): the palette knows the actions' names, never the classes that hold them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial
from typing import Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..core.model import Article
from ..core.words import counted
from .plain import markup_escape, plain

#: (name, what it does, the action it runs) for the views and panels, offered on an empty query
VIEWS = (
    ("Open outline", "the grid of beats by narratives", "outline"),
    ("Open source text", "the original text, with what was left out", "source"),
    ("Open timeline", "the day on a time axis", "timeline"),
    ("Search", "find words in every scene", "search"),
    ("Bookmark this beat", "with an optional note", "bookmark"),
    ("List bookmarks", "jump to or delete a bookmark", "bookmarks"),
    ("Toggle quotes panel", "show or hide the quotes", "toggle_quotes"),
    ("Toggle facts panel", "show or hide the facts sidebar", "toggle_facts"),
    ("Toggle all quotes", "quotes of this beat, or all", "toggle_all_quotes"),
    ("Link or unlink the columns", "step one narrative alone", "toggle_link"),
    ("Scroll the columns together or apart", "linked columns follow the one you scroll (L)", "toggle_scroll_together"),
    ("Read straight through", "the whole story in one pane, from this beat (r)", "continuous"),
    ("Clear speaker filter", "show every speaker's quotes", "clear_filter"),
)

#: the who's who's line in the palette
WHOS_WHO = "every speaker: colour, role, number of quotes; Enter filters by one"


class ReaderCommands(Provider):
    """Every reader action a person might look for by name."""

    def _run(self, action: str) -> Callable[[], Awaitable[bool]]:
        """A callback running an action on the palette's screen ("app." ones on the app)."""
        return partial(self.app.run_action, action, self.screen)

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        """(name, callback, help) for each command, views and panels first."""
        article = getattr(self.screen, "article", None)
        if not isinstance(article, Article):
            return
        for name, help_text, action in VIEWS:
            yield name, self._run(action), help_text
        # found by name, beside the speakers; the list offered on an empty query keeps its length
        yield "Who's who", self._run("whos_who"), WHOS_WHO
        # found by typing too, not offered on an empty query
        yield "About this article", self._run("about"), "byline, publisher, date, source address; copy the citation"
        for speaker in article.speakers:
            count = len(article.quotes_by_speaker.get(speaker.id, ()))
            yield f"Filter by speaker: {speaker.name}", self._run(f"filter_by({speaker.id!r})"), f"{counted(count, 'quote')} · {speaker.role}"
        for theme in sorted(self.app.available_themes):
            yield f"Theme: {theme}", self._run(f"app.use_theme({theme!r})"), "switch the colour theme"
        for i, step in enumerate(article.steps):
            yield f"Go to beat {i + 1}: {step.title}", self._run(f"go_to_step({i})"), "jump to this beat"
        for scene in article.scenes:
            where = article.narrative_by_id[scene.narrative].title if scene.narrative else "Context"
            yield f"Go to scene: {scene.title}", self._run(f"go_to_scene({scene.id!r})"), where

    async def discover(self) -> Hits:
        """With an empty query, offer the views and panels."""
        for name, callback, help_text in list(self.commands())[: len(VIEWS)]:
            # names and help hold article text: shown as text, never read as markup
            yield DiscoveryHit(plain(name), callback, help=markup_escape(help_text))

    async def search(self, query: str) -> Hits:
        """Fuzzy-match every command."""
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlight(matcher, name), callback, text=name, help=markup_escape(help_text))


def _highlight(matcher: Any, name: str) -> Text:
    """The name with the matched letters styled, as Matcher.highlight does but without reading markup."""
    text = plain(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            text.stylize("bold underline", offset, offset + 1)
    return text
