"""The command palette's reader commands: jump, filter, toggle panels, theme, open views."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterator

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from .plain import markup_escape, plain

if TYPE_CHECKING:
    from .app import ReaderApp


class ReaderCommands(Provider):
    """Every reader action a person might look for by name."""

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        """(name, callback, help) for each command, views and panels first."""
        app: ReaderApp = self.app  # type: ignore[assignment]
        article = app.article
        yield "Open outline", app.action_outline, "the grid of beats by narratives"
        yield "Open source text", app.action_source, "the original text, with what was left out"
        yield "Open timeline", app.action_timeline, "the day on a time axis"
        yield "Search", app.action_search, "find words in every scene"
        yield "Bookmark this beat", app.action_bookmark, "with an optional note"
        yield "List bookmarks", app.action_bookmarks, "jump to or delete a bookmark"
        yield "Toggle quotes panel", app.action_toggle_quotes, "show or hide the quotes"
        yield "Toggle facts panel", app.action_toggle_facts, "show or hide the facts sidebar"
        yield "Toggle all quotes", app.action_toggle_all_quotes, "quotes of this beat, or all"
        yield "Link or unlink the columns", app.action_toggle_link, "step one narrative alone"
        yield "Clear speaker filter", app.action_clear_filter, "show every speaker's quotes"
        for speaker in article.speakers:
            count = len(article.quotes_by_speaker.get(speaker.id, ()))
            yield f"Filter by speaker: {speaker.name}", partial(setattr, app, "speakers", frozenset({speaker.id})), f"{count} quotes · {speaker.role}"
        for theme in sorted(app.available_themes):
            yield f"Theme: {theme}", partial(setattr, app, "theme", theme), "switch the colour theme"
        for i, step in enumerate(article.steps):
            yield f"Go to beat {i + 1}: {step.title}", partial(app.go_to_step, i), "jump to this beat"
        for scene in article.scenes:
            where = article.narrative_by_id[scene.narrative].title if scene.narrative else "Context"
            yield f"Go to scene: {scene.title}", partial(app._go_to_scene_or_step, scene.id), where

    async def discover(self) -> Hits:
        """With an empty query, offer the views and panels."""
        for name, callback, help_text in list(self.commands())[:11]:
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
