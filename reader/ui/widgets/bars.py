"""The bars around the text: the beat bar, the speaker filter bar and the search bar.

Each draws itself from its reactives (bound to the reading screen's with `data_bind`, or set by
it) and posts what the reader did as a message; none of them knows the screen.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Header, Input, Static

from ...core.model import Article
from ...core.search import Hit
from ...core.words import counted
from ..messages import AboutRequested, SearchChanged, SearchSubmitted

#: the width of the beat bar's progress rule
PROGRESS_WIDTH = 20


class ArticleHeader(Header):
    """The title bar: the article's title and credit; a click asks for more about the article."""

    # Header's own click handler (it made the bar taller) takes no event: Widget's takes one
    def _on_click(self) -> None:  # type: ignore[override]
        """A click on the title (the icon opens the palette) asks for the About dialog."""
        self.post_message(AboutRequested())


class BeatBar(Static):
    """The beat's title and how far through the story the reader is."""

    step: reactive[int] = reactive(0, init=False)
    linked: reactive[bool] = reactive(True, init=False)
    bookmarked: reactive[bool] = reactive(False, init=False)

    def __init__(self, article: Article, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article

    def on_mount(self) -> None:
        """Draw the bar as the screen left it."""
        self.draw()

    def watch_step(self) -> None:
        """A new beat: redraw."""
        self.draw()

    def watch_linked(self) -> None:
        """Linked or not: redraw."""
        self.draw()

    def watch_bookmarked(self) -> None:
        """Bookmarked or not: redraw."""
        self.draw()

    def draw(self) -> None:
        """The bar as text: the beat, its title and a progress rule, or what unlinked means."""
        steps = self.article.steps
        if not steps:
            return
        total = len(steps)
        # one line: what does not fit ends in an ellipsis, and the progress rule goes first
        bar = Text(no_wrap=True, overflow="ellipsis")
        if self.linked:
            bar.append(f"Beat {self.step + 1} of {total}  ", style="bold")
            bar.append(steps[self.step].title, style="bold")
        else:
            bar.append("Unlinked: ", style="bold")
            bar.append("each column steps on its own (u links them again)")
        star = Text("  ★ bookmarked", style="bold") if self.bookmarked and self.linked else Text()
        room = self.content_region.width if self.is_mounted else 0
        if self.linked and (not room or bar.cell_len + star.cell_len + 2 + PROGRESS_WIDTH <= room):
            done = round(PROGRESS_WIDTH * (self.step + 1) / total)
            bar.append("  ")
            bar.append("━" * done, style="bold")
            bar.append("━" * (PROGRESS_WIDTH - done), style="dim")
        self.update(bar + star)

    def on_resize(self) -> None:
        """A new width: the progress rule may fit now, or no longer."""
        self.draw()


class FilterBar(Static):
    """The speaker filter, always in sight while it is on; hidden without one."""

    speakers: reactive[frozenset[str]] = reactive(frozenset(), init=False)

    def __init__(self, article: Article, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article

    def on_mount(self) -> None:
        """Draw the bar as the screen left it."""
        self.watch_speakers(self.speakers)

    def watch_speakers(self, speakers: frozenset[str]) -> None:
        """Show the chosen speakers by name, in declaration order, and the keys that change them."""
        self.display = bool(speakers)
        if speakers:
            names = ", ".join(s.name for s in self.article.speakers if s.id in speakers)
            # the keys first: on a narrow screen the names are cut (with an ellipsis), never the keys
            self.update(Text.assemble(
                ("Filter ", "bold"), ("] next  [ previous  x clears", "italic"), "  ·  ", names,
                no_wrap=True, overflow="ellipsis",
            ))


class SearchField(Input):
    """The search's text field; the Footer shows its two keys while the keyboard is in it."""

    BINDINGS = [
        Binding("enter", "submit", "Go to the hit", key_display="Enter"),
        # the screen's Escape clears the search: bound here too, so the Footer says so
        Binding("escape", "screen.escape", "Clear search", key_display="Esc"),
    ]


class SearchBar(Horizontal):
    """The search field and its count of hits; posts what is typed and when Enter is pressed."""

    hits: reactive[tuple[Hit, ...]] = reactive((), init=False)
    current: reactive[int] = reactive(-1, init=False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # made and mounted when the bar first opens: hidden until then, they were two more widgets
        # to compose and style at every launch (issue 17)
        self.field: SearchField | None = None
        self.count: Static | None = None

    @property
    def search_text(self) -> str:
        """What is in the field."""
        return self.field.value if self.field is not None else ""

    def open(self) -> None:
        """Show the bar with the keyboard in its field."""
        if self.field is None:
            self.field = SearchField(placeholder="Search the story (Enter to go, Esc to clear)", id="search-input")
            self.count = Static("", id="search-count")
            self.mount(self.field, self.count)
            self.draw_count()
        self.display = True
        self.field.focus()

    def close(self) -> None:
        """Empty the field and hide the bar."""
        if self.field is not None:
            self.field.value = ""
        self.display = False

    @property
    def has_focus_within(self) -> bool:
        """True while the keyboard is in the field."""
        return self.field is not None and self.screen.focused is self.field

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.draw_count()  # the query is new even when its hits are not
        self.post_message(SearchChanged(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(SearchSubmitted())

    def watch_hits(self) -> None:
        """New hits: recount."""
        self.draw_count()

    def watch_current(self) -> None:
        """A new current hit: recount."""
        self.draw_count()

    def draw_count(self) -> None:
        """hit i of n, or no matches."""
        count = self.count
        if count is None:  # never opened: nothing to count
            return
        if not self.hits:
            count.update("no matches" if self.search_text.strip() else "")
        elif self.current < 0:
            count.update(f"{counted(len(self.hits), 'hit')} · Enter goes")
        else:
            count.update(f"hit {self.current + 1} of {len(self.hits)} · n/N")
