"""The continuous view: the whole story in reading order in one pane, for reading straight through.

Beats follow one another, each storyline's scene under a heading, in the order the linear mode
reads them, with the beat view's quote colours, marks and speaker filter. The screen owns where
the reader is (the beat at the top of the pane) and the filter; closing it (`r`, `escape`)
returns both, and the beat view goes to that beat.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Header

from ...core import navigation as nav
from ...core.model import Article
from ..keys import KeyHelp, Keys
from ..render import Highlights
from ..styles import use_stylesheet
from ..widgets.bars import BeatBar, FilterBar
from ..widgets.footer import QuietFooter
from ..widgets.story_view import StoryView


@dataclass(frozen=True)
class StoryClosed:
    """What the continuous view hands back: the beat the reader was reading, and the speaker filter."""

    step: int
    speakers: frozenset[str]


class ContinuousScreen(Screen[StoryClosed]):
    """Read the whole story straight through, from the beat the reader was at."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,escape", "close", "Beat view", key_display="r"),
        Binding("right,l,n", "beat(1)", "Next beat", show=False),
        Binding("left,h,p", "beat(-1)", "Previous beat", show=False),
        Binding("g,home", "go_to('first')", "First", show=False),
        Binding("G,end", "go_to('last')", "Last", show=False),
        Binding("s", "pick_speakers", "Speakers"),
        Binding("right_square_bracket", "speaker_step(1)", "Next by speaker", show=False),
        Binding("left_square_bracket", "speaker_step(-1)", "Prev by speaker", show=False),
        Binding("x", "clear_filter", "Clear filter", show=False),
        Binding("q", "leave", "Quit"),
    ]

    KEY_HELP: ClassVar[KeyHelp] = (
        ("Reading straight through", (
            Keys("back to the beat view, at the beat at the top", "close"),
            Keys("page down / page up (pgdn / pgup too)", keys="space / shift+space"),
            Keys("scroll", keys="↑ ↓ j k"),
            Keys("next / previous beat", "beat(1)", "beat(-1)", paired=True),
            Keys("first / last beat", "go_to('first')", "go_to('last')", paired=True),
            Keys("filter by speaker (choose one or several)", "pick_speakers"),
            Keys("next / previous beat where a chosen speaker speaks", "speaker_step(1)", "speaker_step(-1)", paired=True),
            Keys("clear the speaker filter", "clear_filter"),
            Keys("this help", "help"),
            Keys("quit (your place is remembered)", "leave"),
        )),
    )

    step: var[int] = var(0, init=False)
    speakers: var[frozenset[str]] = var(frozenset(), init=False)

    def __init__(self, article: Article, start: int, hl: Highlights, measure: int) -> None:
        super().__init__()
        use_stylesheet(self, "continuous.tcss")  # before Textual styles the screen: not parsed at launch
        self.article, self.measure = article, measure
        self.title, self.sub_title = article.meta.title, "reading straight through"
        self.hl = hl
        self.set_reactive(ContinuousScreen.step, start)
        self.set_reactive(ContinuousScreen.speakers, hl.speakers)

    @classmethod
    def help_bindings(cls, app_bindings: list[BindingType]) -> list[BindingType]:
        """The keys the help lists: this screen's, then the app's."""
        return [*cls.BINDINGS, *app_bindings]

    def compose(self) -> ComposeResult:
        """Header, the beat at the top of the pane, the filter, the story, the footer."""
        yield Header(show_clock=False, icon="▤")
        yield BeatBar(self.article, id="beat-bar").data_bind(ContinuousScreen.step)
        yield FilterBar(self.article, id="filter-bar").data_bind(ContinuousScreen.speakers)
        yield StoryView(self.article, self.step, self.hl, self.measure, id="story")
        yield QuietFooter(show_command_palette=False)

    def on_mount(self) -> None:
        """The keyboard in the text; recolour with the theme."""
        self.query_one(StoryView).focus()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    @property
    def story(self) -> StoryView:
        """The pane of text."""
        return self.query_one(StoryView)

    @on(StoryView.BeatReached)
    def beat_reached(self, event: StoryView.BeatReached) -> None:
        """The reader scrolled into another beat: the bar follows."""
        self.step = event.index

    def _restyle(self) -> None:
        """Hand the highlights down and restyle the text."""
        self.story.hl = self.hl = replace(self.hl, speakers=self.speakers, dark=self.app.current_theme.dark)
        self.story.restyle()

    def watch_speakers(self) -> None:
        """A new filter: restyle."""
        self._restyle()

    def _theme_changed(self, _theme: Theme) -> None:
        """Recolour the text for the new theme."""
        self._restyle()

    async def action_beat(self, delta: int) -> None:
        """The next or previous beat's heading at the top."""
        await self.story.show_beat(self.story.top_beat() + delta)

    async def action_go_to(self, where: Literal["first", "last"]) -> None:
        """The first or last beat."""
        await self.story.show_beat(0 if where == "first" else len(self.article.steps) - 1)

    def action_pick_speakers(self) -> None:
        """Open the speaker picker; apply what it returns."""
        from ..dialogs.speakers import SpeakerPicker

        def chosen(result: frozenset[str] | None) -> None:
            if result is not None:
                self.speakers = result

        self.app.push_screen(SpeakerPicker(self.article, self.speakers), chosen)

    def action_clear_filter(self) -> None:
        """Drop the speaker filter."""
        self.speakers = frozenset()

    async def action_speaker_step(self, delta: int) -> None:
        """The next or previous beat where a chosen speaker (anyone, unfiltered) is quoted."""
        found = nav.step_quoting(self.article, self.story.top_beat() + delta, delta, self.speakers)
        if found is None:
            who = "the chosen speakers" if self.speakers else "anyone"
            self.notify(f"No {'later' if delta > 0 else 'earlier'} beat quotes {who}.", timeout=2, markup=False)
            return
        await self.story.show_beat(found)

    def closed(self) -> StoryClosed:
        """Where the reader is now, for the beat view."""
        return StoryClosed(self.story.top_beat(), self.speakers)

    def action_close(self) -> None:
        """Back to the beat view, at the beat at the top of the pane."""
        self.dismiss(self.closed())

    async def action_leave(self) -> None:
        """q: back to the beat view at this beat (so it is remembered there), then quit as q does."""
        self.dismiss(self.closed())
        await self.app.run_action("quit")
