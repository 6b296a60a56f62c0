"""The reading screen: the current beat with the narratives side by side, quotes and facts beside.

The screen owns the reading state as reactives; its watchers flip CSS classes on it (the
`.tcss` file decides what that looks like) and hand the state down to the widgets, which post
what the reader chose back up as messages. Only the current beat's paragraphs are ever mounted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Tab, Tabs

from ...core import navigation as nav
from ...core.memory import Memory, Place
from ...core.model import Article, Span, Step
from ...core.navigation import SceneTarget, StepTarget, Target
from ...core.search import Hit, SearchIndex, next_hit
from ...core.state import ArticleState, Bookmark, article_store
from ..coalesce import Coalescer
from ..commands import ReaderCommands
from ..keys import KeyHelp, Keys
from ..messages import AboutRequested, FactChosen, QuoteChosen, SearchChanged, SearchSubmitted
from ..plain import plain_content
from ..render import Highlights
from ..themes import muted_text, speaker_palette
from ..widgets.bars import ArticleHeader, BeatBar, FilterBar, SearchBar
from ..widgets.footer import QuietFooter
from ..widgets.narrow import ElsewhereLine, OpeningIntros
from ..widgets.panels import FactsPanel, QuotesPanel
from ..widgets.scene_view import Columns, SceneView
from . import habits, sizes
from .resized import LaidOutOnce

if TYPE_CHECKING:
    from ..dialogs.keep import KeepFunction

#: Text measure (characters per line) of the columns: default, narrowest and widest.
MEASURE_DEFAULT, MEASURE_MIN, MEASURE_MAX, MEASURE_STEP = 72, 40, 140, 4
#: Columns taken by a column's padding, border and scrollbar around its text.
COLUMN_CHROME = 5
#: the wide layout's first column (as in HORIZONTAL_BREAKPOINTS) and the panels' width there
WIDE_FROM, SIDE_MIN, SIDE_MAX = 200, 56, 100
WidgetT = TypeVar("WidgetT", bound=Widget)
#: the widgets that app.tcss styles by the beat's layout class on #body (see ReadingScreen._set_layout_class)
LAYOUT_RULED = ("#context", "#columns", "#tabs", "#elsewhere", "#intros")
#: the first width at which the panels sit beside two columns instead of opening over them
MID_TO = 120
#: below this width one storyline shows at a time, behind tabs
NARROW_TO = 100

Overlay = Literal["quotes", "facts"]


class NarrativeTabs(Tabs, can_focus=False):
    """Tabs that pick the narrative shown on narrow screens; they never take the keyboard."""


class ReadingScreen(LaidOutOnce, Screen[None]):
    """Read one article beat by beat, its narratives side by side."""

    COMMANDS = {ReaderCommands}
    # below 100 columns the panels become overlays and the narratives become tabs; below 120 the
    # panels are overlays still, so that two columns of text keep 40 characters or more
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_TO, "-mid"), (MID_TO, "-normal"), (WIDE_FROM, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l", "step(1)", "Next", key_display="→"),
        Binding("left,h,p", "step(-1)", "Prev", key_display="←"),
        Binding("space", "page(1)", "Page down", show=False),
        Binding("shift+space", "page(-1)", "Page up", show=False),
        Binding("n", "next_or_hit(1)", "Next", show=False),
        Binding("N", "next_or_hit(-1)", "Previous hit", show=False),
        Binding("g,home", "go_to('first')", "First", show=False),
        Binding("G,end", "go_to('last')", "Last", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("s", "pick_speakers", "Speakers"),
        Binding("right_square_bracket", "speaker_step(1)", "Next by speaker", show=False),
        Binding("left_square_bracket", "speaker_step(-1)", "Prev by speaker", show=False),
        Binding("x", "clear_filter", "Clear filter"),  # in the Footer only while a filter is on
        Binding("i", "whos_who", "Who's who", show=False),
        Binding("w", "toggle_quotes", "Quotes"),
        Binding("a", "toggle_all_quotes", "All quotes", show=False),
        Binding("f", "toggle_facts", "Facts"),
        Binding("u", "toggle_link", "Unlink", show=False),
        Binding("L", "toggle_scroll_together", "Scroll together", show=False),
        Binding("r", "continuous", "Read on", show=False),
        Binding("o", "outline", "Outline", show=False),
        Binding("v", "source", "Source", show=False),
        Binding("t", "timeline", "Timeline", show=False),
        Binding("b", "bookmark", "Bookmark", show=False),
        Binding("B", "bookmarks", "Bookmarks", show=False),
        Binding("c", "copy_quote", "Copy quote", show=False),
        Binding("e", "edit", "Edit", show=False),
        Binding("m", "about", "About", show=False),
        Binding("plus", "measure(1)", "Wider", show=False),
        Binding("minus", "measure(-1)", "Narrower", show=False),
        Binding("equals_sign,0", "measure(0)", "Reset width", show=False),
        Binding("1", "narrative(0)", show=False),
        Binding("2", "narrative(1)", show=False),
        Binding("3", "narrative(2)", show=False),
        Binding("escape", "escape", show=False),
        Binding("tab", "cycle(1)", show=False),
        Binding("shift+tab", "cycle(-1)", show=False),
    ]

    #: The help screen's table: the keys come from the bindings above (and the app's), by action.
    KEY_HELP: ClassVar[KeyHelp] = (
        ("Reading", (
            Keys("next beat", "step(1)", "next_or_hit(1)"),
            Keys("previous beat", "step(-1)"),
            Keys("page down the column, at its end the next beat / page up, at its top the previous beat", "page(1)", "page(-1)", paired=True),
            Keys("first / last beat (home / end: first / last item in a list)", "go_to('first')", "go_to('last')", paired=True),
            Keys("scroll the focused column or list", keys="↑ ↓ j k, pgup pgdn"),
            Keys("the whole story in one pane, read straight through; again to come back", "continuous"),
            Keys("cycle the columns and panels", "cycle(1)", "cycle(-1)", paired=True),
            Keys("focus a narrative (show it on narrow screens)", "narrative(0)", "narrative(1)", "narrative(2)", joined=" "),
            Keys("unlink the columns: step one narrative alone; again to link", "toggle_link"),
            Keys("scroll the linked columns together, or each on its own", "toggle_scroll_together"),
            Keys("wider, narrower, default line width", "measure(1)", "measure(-1)", "measure(0)", paired=True),
        )),
        ("Quotes and speakers", (
            Keys("show or hide the quotes panel", "toggle_quotes"),
            Keys("quotes of this beat, or all quotes", "toggle_all_quotes"),
            Keys("jump to the chosen quote or fact", keys="enter / click"),
            Keys("copy the chosen quote with its attribution", "copy_quote"),
            Keys("filter by speaker (choose one or several)", "pick_speakers"),
            Keys("next / previous beat where a chosen speaker speaks", "speaker_step(1)", "speaker_step(-1)", paired=True),
            Keys("clear the speaker filter", "clear_filter"),
            Keys("who's who: every speaker's colour, role and quotes; Enter filters by one", "whos_who"),
        )),
        ("Facts", (
            Keys("show or hide the facts sidebar", "toggle_facts"),
        )),
        ("Finding your way", (
            Keys("search every scene (quote marks and case folded)", "search"),
            Keys("next / previous hit while searching", "next_or_hit(1)", "next_or_hit(-1)", paired=True),
            Keys("outline: beats by narratives", "outline"),
            Keys("timeline of the day", "timeline"),
            Keys("source text: what was kept and left out", "source"),
            Keys("about this article: byline, publisher, date, address; c copies the citation", "about"),
            # the edit key shares the bookmarks' row: a row of its own would change the help's snapshot
            Keys("bookmark this beat (or edit its note) / list bookmarks / edit this article", "bookmark", "bookmarks", "edit", paired=True),
        )),
        ("App", (
            Keys("clear the search or mark, close a panel or dialog", "escape"),
            Keys("command palette: jump, filter, panels, theme", keys="ctrl+p"),
            Keys("this help", "help"),
            Keys("quit (your place is remembered)", "quit"),
        )),
    )

    step: var[int] = var(0, init=False)
    linked: var[bool] = var(True, init=False)
    speakers: var[frozenset[str]] = var(frozenset(), init=False)
    marked_quote: var[str | None] = var(None, init=False)
    marked_fact: var[str | None] = var(None, init=False)
    all_quotes: var[bool] = var(False, init=False)
    hide_facts: var[bool] = var(False)
    hide_quotes: var[bool] = var(False)
    overlay: var[Overlay | None] = var(None)
    active_narrative: var[int] = var(0, init=False)  # compose marks the other columns inactive
    measure: var[int] = var(MEASURE_DEFAULT, init=False)
    hits: var[tuple[Hit, ...]] = var((), init=False)
    hit_index: var[int] = var(-1, init=False)

    def __init__(self, article: Article, speakers: frozenset[str] | None = None, *, fresh: bool = False, remember: bool = True) -> None:
        super().__init__()
        # the breakpoint's class from the start: Textual sets it on the first resize, after the
        # first layout, which would lay the narrow screen out (and scroll its panels) as a wide one
        try:
            width = self.app.size.width
        except RuntimeError:  # made outside a running app (NoActiveAppError): Textual sets it on resize
            width = None
        if width is not None:
            self.add_class(next(name for start, name in reversed(self.HORIZONTAL_BREAKPOINTS) if width >= start))
        self.article = article
        self.title = article.meta.title
        self.sub_title = article.meta.credit
        #: each narrative's step while the columns are unlinked
        self.positions: dict[str, int] = {n.id: 0 for n in article.narratives}
        self._search_index: SearchIndex | None = None
        self._save_timer: Timer | None = None
        self.together = habits.ScrollTogether()
        self._footer_pending = False
        self._resumed = False  # shown once yet (on_screen_resume)
        # a burst of step keys draws only its last beat (issue 17)
        self._steps: Coalescer[int] = Coalescer(self, self._apply_step)
        # and a burst of filter changes restyles the text once
        self._restyle: Coalescer[frozenset[str]] = Coalescer(self, self._apply_filter)
        self._layout_ruled: list[Widget] | None = None
        self._parts: dict[str, Widget] = {}
        # what the reader left last time; --fresh starts clean, remember=False never writes
        self.memory = Memory(article_store(article.meta.id) if remember else None, self._report, fresh=fresh)
        self._restore(self.memory.saved, speakers)

    @classmethod
    def help_bindings(cls, app_bindings: list[BindingType]) -> list[BindingType]:
        """The keys the help lists: this screen's, then the app's."""
        return [*cls.BINDINGS, *app_bindings]

    def _restore(self, saved: ArticleState, speakers: frozenset[str] | None) -> None:
        """Put the reader back where the saved state says, without firing watchers."""
        article = self.article
        step = article.step_by_key.get(saved.step or "", 0)
        chosen = speakers if speakers is not None else frozenset(s for s in saved.speakers if s in article.speaker_by_id)
        if speakers:  # asked for by name (--speaker): open where they speak, from where the reader was
            step = nav.opening_step(article, step, speakers)
        self.set_reactive(ReadingScreen.step, step)
        self.set_reactive(ReadingScreen.speakers, frozenset(chosen))
        self.set_reactive(ReadingScreen.hide_facts, saved.hide_facts)
        self.set_reactive(ReadingScreen.hide_quotes, saved.hide_quotes)
        self.set_reactive(ReadingScreen.all_quotes, saved.all_quotes)
        self.together.on = saved.scroll_together
        if saved.measure is not None:
            self.set_reactive(ReadingScreen.measure, max(MEASURE_MIN, min(MEASURE_MAX, saved.measure)))

    def _report(self, problem: str) -> None:
        """Say once that the reading state could not be saved (the memory reports only the first)."""
        self.notify(problem, title="Reading state", severity="warning", timeout=8, markup=False)

    @property
    def bookmarks(self) -> list[Bookmark]:
        """The article's bookmarks, as last read or written."""
        return self.memory.bookmarks

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, beat bar, filter bar, the columns beside the panels, search, footer."""
        article = self.article
        yield ArticleHeader(show_clock=False, icon="▤")
        # the first beat's class from the start: set after mounting, it would restyle them all
        with Horizontal(id="body", classes=self.beat_layout if article.steps else ""):
            with Vertical(id="main"):
                yield BeatBar(article, id="beat-bar").data_bind(ReadingScreen.step, ReadingScreen.linked)
                yield FilterBar(article, id="filter-bar").data_bind(ReadingScreen.speakers)
                yield NarrativeTabs(*(Tab(plain_content(n.title), id=f"tab-{n.id}") for n in article.narratives), id="tabs")
                yield ElsewhereLine(id="elsewhere")
                yield SceneView(article, "", "", id="context", classes="context")
                with Columns(id="columns"):
                    for i, narrative in enumerate(article.narratives):
                        yield SceneView(
                            # the title as written: lower-cased into a sentence, "The lone soldier" read "The the lone soldier"
                            article, narrative.title, f"{narrative.title}: nothing at this beat.",
                            # the inactive ones (narrow screens) from the start: set after mounting, it restyles them
                            id=f"col-{narrative.id}", classes="column" if i == self.active_narrative else "column -inactive",
                        )
                yield from self.compose_under_text()
            with Vertical(id="side"):
                yield QuotesPanel(article, id="quotes")
                yield FactsPanel(article, id="facts")
        yield SearchBar(id="search").data_bind(ReadingScreen.hits, current=ReadingScreen.hit_index)
        yield QuietFooter(show_command_palette=False)

    def compose_under_text(self) -> ComposeResult:
        """What a screen built on this one shows under the columns (nothing here)."""
        yield from ()

    def on_mount(self) -> None:
        """Draw the first beat with the keyboard in its text, say what was restored."""
        # restored without firing watchers (they save): the panels' classes are set here instead
        self.set_class(self.hide_facts, "-hide-facts")
        self.set_class(self.hide_quotes, "-hide-quotes")
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        if (place := self.place()) is not None:
            self.memory.hold(place)  # --fresh: the saved place stays until the reader moves
        self.apply_measure()
        if self.has_class("-narrow"):
            self._mount_intros()
        self.refresh_view()  # which also puts the keyboard in the text: the lede, or the first column
        if self.memory.notice:
            self.notify(self.memory.notice, title="Reading state", severity="warning", timeout=8, markup=False)
        self.call_after_refresh(self._prebuild_dialogs)

    def _prebuild_dialogs(self) -> None:
        """After the first frame, build the dialogs ahead of their first opening, in the app's idle moments."""
        from functools import partial

        from ..dialogs.help import help_for
        from ..dialogs.keep import prebuild
        from ..dialogs.prebuild import Prebuilder

        jobs = [partial(self.kept_dialog, kind, prebuild) for kind in ("outline", "timeline", "speakers", "bookmarks", "source", "about")]
        jobs.insert(1, partial(help_for, self, prebuild))
        self._prebuilder = Prebuilder(self, jobs)
        self._prebuilder.start()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Skip Textual's restyle of every widget on the first showing: each was styled as it mounted."""
        # runs before Screen's own handler; the restyle was about a tenth of the launch after its imports
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_unmount(self) -> None:
        """Remember where the reader was; let go of the dialogs kept for it."""
        from ..dialogs.keep import forget

        self.save_state()
        forget(self)

    # -- derived state -----------------------------------------------------------------
    @property
    def highlights(self) -> Highlights:
        """The current highlights, for rendering."""
        current = self.hits[self.hit_index] if 0 <= self.hit_index < len(self.hits) else None
        return Highlights(
            self.speakers, self.marked_quote, self.marked_fact, self.app.current_theme.dark,
            hits=tuple(self._hits_on_screen()), current_hit=current,
            palette=speaker_palette(self.app.current_theme), muted=muted_text(self.app.current_theme),
        )

    def _hits_on_screen(self) -> list[Hit]:
        """The search hits in the scenes now mounted."""
        if not self.hits:
            return []
        shown = {s.id for view in self.views() for s in view.scenes}
        return [h for h in self.hits if h.scene in shown]

    @property
    def current_step(self) -> Step:
        """The step the linked columns show."""
        return self.article.steps[self.step]

    @property
    def beat_layout(self) -> nav.Layout:
        """The layout of the current beat: the lede, a passage across the width, or columns."""
        return nav.layout_of(self.article, self.step, self.linked)

    def step_of(self, narrative: str) -> int:
        """Which step a narrative's column shows."""
        return self.step if self.linked else self.positions[narrative]

    def focused_narrative(self) -> str | None:
        """The narrative whose column has focus, else the active tab's."""
        for widget in self.focused.ancestors_with_self if self.focused else ():
            if isinstance(widget, SceneView) and widget.has_class("column"):
                return widget.id.removeprefix("col-") if widget.id else None
        narratives = self.article.narratives
        return narratives[self.active_narrative].id if narratives else None

    def views(self) -> list[SceneView]:
        """The passage across the width and each storyline's column."""
        return [self.part("#context", SceneView), *(self.part(f"#col-{n.id}", SceneView) for n in self.article.narratives)]

    def part(self, selector: str, kind: type[WidgetT]) -> WidgetT:
        """A widget the screen composed, found by a query the first time only: a query walks the
        whole screen and matches every widget, some 6 ms of a step for the few it looks up."""
        widget = self._parts.get(selector)
        if widget is None or widget.parent is None:
            widget = self._parts[selector] = self.query_one(selector, kind)
        return cast(WidgetT, widget)

    # -- drawing -----------------------------------------------------------------------
    def refresh_view(self) -> None:
        """Show the current step(s) in the columns, bars and panels."""
        article = self.article
        steps = article.steps
        if not steps:
            return
        hl = self.highlights
        step = steps[self.step]
        context = step.context if self.linked else ()
        ctx_view = self.part("#context", SceneView)
        ctx_view.display = bool(context)
        ctx_view.show(context, "", hl)  # an empty show unmounts what a context beat left
        layout = self.beat_layout
        self._set_layout_class(layout)
        for narrative in article.narratives:
            own = steps[self.step_of(narrative.id)]
            scenes = own.scenes_of(narrative.id)
            view = self.part(f"#col-{narrative.id}", SceneView)
            if layout == "-opening":  # before the storylines begin, each column introduces its own
                view.show((), nav.opening_note(article, narrative.id), hl, note=narrative.summary)
            else:
                view.show(scenes, nav.position_label(article, narrative.id, own, scenes, self.linked), hl)
        self._keep_focus_visible(layout)
        if self.hits:
            # the hits of the newly mounted scenes need drawing too
            self.refresh_text()
        self.part("#beat-bar", BeatBar).bookmarked = self.memory.at(step.key) is not None
        self._show_quotes(hl.dark)
        self._show_facts()
        sizes.mark_storylines(self)
        self.schedule_save()

    def _set_layout_class(self, layout: nav.Layout) -> None:
        """Put the beat's layout class on #body, restyling only the widgets the layout rules name.

        A class change makes Textual restyle the node and everything below it, at once: on #body,
        some fifty widgets matched against every rule of the stylesheet, about 90 ms of the step
        from the lede to the first beat (issue 17). The rules of `#body.-opening` and
        `#body.-context-only` (app.tcss) style only the widgets in LAYOUT_RULED; a test checks
        that restyling those alone leaves every widget styled as a full restyle would.
        """
        body = self.part("#body", Widget)
        wanted = {name for name in ("-context-only", "-opening") if layout == name}
        if wanted == body.classes & {"-context-only", "-opening"}:
            return
        body.set_class("-context-only" in wanted, "-context-only", update=False)
        body.set_class("-opening" in wanted, "-opening", update=False)
        if self._layout_ruled is None:  # found once: a query walks the whole screen
            self._layout_ruled = [node for selector in LAYOUT_RULED for node in self.query(selector)]
        self.app.stylesheet.update_nodes([body, *self._layout_ruled])

    def _keep_focus_visible(self, layout: nav.Layout) -> None:
        """Keep the keyboard in the text on show: the passage across the width, else a column."""
        focused = self.focused
        if focused is not None and not isinstance(focused, SceneView):
            return  # a panel or the search field keeps it
        context = self.part("#context", SceneView)
        if layout:  # the opening or a context-only beat: the passage across the width
            if focused is not context:
                context.focus()
        elif focused is None or focused is context:
            self.action_narrative(self.active_narrative)

    def refresh_text(self) -> None:
        """Restyle the mounted text and the quotes panel after a highlight or theme change."""
        hl = self.highlights
        for view in self.views():
            view.restyle(hl)
        self._show_quotes(hl.dark)
        self._show_facts()

    def _show_quotes(self, dark: bool) -> None:
        """List the quotes in scope in the quotes panel."""
        step = self.current_step if self.linked else None
        self.part("#quotes", QuotesPanel).show(step, self.all_quotes or not self.linked, self.speakers, dark, self.marked_quote)

    def _show_facts(self) -> None:
        """Mark the beat's facts and the chosen one in the facts panel (unlinked, no beat's)."""
        if not self.article.steps:
            return
        self.part("#facts", FactsPanel).show(self.current_step if self.linked else None, self.marked_fact)

    def speakers_in_order(self) -> list[str]:
        """The chosen speakers' ids, in declaration order."""
        return [s.id for s in self.article.speakers if s.id in self.speakers]

    def apply_measure(self) -> None:
        """Cap the columns at the chosen measure; narrower terminals use all the room they have."""
        for view in self.views():
            if view.has_class("column"):
                view.styles.max_width = self.measure + COLUMN_CHROME
            else:
                view.body.styles.max_width = self.context_measure
        self._fit_side()

    @property
    def context_measure(self) -> int:
        """The measure of a passage spanning the width: a little wider than a column's."""
        return round(self.measure * 1.25)

    def _fit_side(self) -> None:
        """On wide terminals the room the capped columns leave goes to the panels, not to margins."""
        width = self.app.size.width
        if width < WIDE_FROM:
            self.query_one("#side").styles.width = None  # the stylesheet's width again
            return
        columns = len(self.article.narratives) * (self.measure + COLUMN_CHROME)
        self.query_one("#side").styles.width = max(SIDE_MIN, min(SIDE_MAX, width - columns - 2))

    def on_resize(self, event: events.Resize) -> None:
        """A new terminal size: give the spare room to the panels again, fit the tabs."""
        if event.size.width < NARROW_TO:
            self._mount_intros()
        self._fit_side()
        sizes.mark_storylines(self)

    def _mount_intros(self) -> None:
        """Mount the storylines' introductions under the lede, shown on narrow screens only.

        Only once the screen is narrow: on a wide one they were seven hidden widgets, about 10 ms
        of the launch (issue 17). Once: a screen built on this one mounts again.
        """
        if not self.query("#intros"):
            self.query_one("#context").mount(OpeningIntros(self.article, id="intros"))

    # -- watchers ----------------------------------------------------------------------
    def watch_step(self) -> None:
        """A new beat: redraw."""
        self._steps.cancel()  # set directly (a jump, a bookmark): a burst still in flight is moot
        self.refresh_view()

    @property
    def step_pending(self) -> int | None:
        """The beat a burst of step keys is heading for, not drawn yet."""
        return self._steps.pending

    def before_action(self, action: tuple[str, str, tuple[object, ...]]) -> None:
        """Land a pending step before an action that is not one more step of the burst."""
        # every other action (unlink, bookmark, a dialog, a filter key, quit) reads the beat the
        # reader is heading for; n without search hits is a step too. → and ← reach a focused
        # column's scroll_right / scroll_left first (skipped: its text wraps) on their way to step
        if action[1] not in ("step", "next_or_hit", "scroll_left", "scroll_right"):
            self._steps.flush()

    def _apply_step(self, index: int) -> None:
        """Show the beat a burst of step keys ended on."""
        self.step = index
        for view in self.views():
            view.open_at_end = False  # consumed by the redraw, or moot when the column kept its text

    def watch_linked(self) -> None:
        """Linking or unlinking: redraw."""
        self.refresh_view()

    def watch_speakers(self, old: frozenset[str], new: frozenset[str]) -> None:
        """A new filter: restyle the text and the quotes panel; x comes and goes in the Footer."""
        self._restyle.request(new)
        # the Footer rebuilds itself on every bindings refresh: only when a filter starts or
        # ends, and once for a burst of changes
        if bool(old) != bool(new) and not self._footer_pending:
            self._footer_pending = True
            self.call_after_refresh(self._refresh_footer)
        self.schedule_save()

    def _apply_filter(self, speakers: frozenset[str]) -> None:
        """Restyle for the filter a burst of changes ended on."""
        self.refresh_text()

    def _refresh_footer(self) -> None:
        """Let the Footer show the keys that apply now."""
        self._footer_pending = False
        self.refresh_bindings()

    def watch_marked_quote(self) -> None:
        """A new mark: restyle."""
        self.refresh_text()

    def watch_marked_fact(self) -> None:
        """A new mark: restyle."""
        self.refresh_text()

    def watch_all_quotes(self) -> None:
        """Beat or all: relist the quotes."""
        self.refresh_text()
        self.schedule_save()

    def watch_hits(self) -> None:
        """New hits: draw them."""
        self.refresh_text()

    def watch_hit_index(self) -> None:
        """A new current hit: restyle."""
        self.refresh_text()

    def watch_measure(self) -> None:
        """A new measure: resize the columns and remember it."""
        self.apply_measure()
        self.schedule_save()

    def watch_hide_facts(self, hide: bool) -> None:
        """Show or hide the facts panel (wide layouts)."""
        self.set_class(hide, "-hide-facts")
        self.schedule_save()

    def watch_hide_quotes(self, hide: bool) -> None:
        """Show or hide the quotes panel (wide layouts)."""
        self.set_class(hide, "-hide-quotes")
        self.schedule_save()

    def watch_overlay(self, overlay: Overlay | None) -> None:
        """Open or close a panel as an overlay (narrow layout)."""
        self.set_class(overlay == "facts", "-open-facts")
        self.set_class(overlay == "quotes", "-open-quotes")

    def watch_active_narrative(self, index: int) -> None:
        """Show one narrative's column on narrow screens and sync the tabs."""
        for i, narrative in enumerate(self.article.narratives):
            self.query_one(f"#col-{narrative.id}").set_class(i != index, "-inactive")
        if self.article.narratives:
            tabs, wanted = self.query_one(NarrativeTabs), f"tab-{self.article.narratives[index].id}"
            if tabs.active != wanted:  # setting it again would post TabActivated again
                tabs.active = wanted
            sizes.mark_storylines(self)

    def _theme_changed(self, _theme: Theme) -> None:
        """Recolour the text for the new theme."""
        self.refresh_text()

    # -- state -------------------------------------------------------------------------
    def schedule_save(self) -> None:
        """Save the reading state shortly: a burst of steps writes once."""
        if self.memory.store is None or not self.is_mounted:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.5, self.save_state)

    def place(self) -> Place | None:
        """Where the reader is (beat, filter, panels, measure), as saved; None without beats."""
        if not self.article.steps:
            return None
        measure = self.measure if self.measure != MEASURE_DEFAULT else None
        return Place(self.current_step.key, self.speakers_in_order(), self.hide_facts, self.hide_quotes, self.all_quotes, measure, self.together.on)

    def save_state(self) -> None:
        """Write where the reader is; keep others' bookmarks."""
        if (place := self.place()) is not None:
            self.memory.save(place)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "clear filter" from the Footer (and its key) while there is no filter to clear."""
        # Textual: False hides the binding (and its key does nothing); None would show it greyed
        if action == "clear_filter" and not self.speakers:
            return False
        return True

    # -- actions: moving -----------------------------------------------------------------
    def action_step(self, delta: int) -> None:
        """Next or previous beat; unlinked, only the focused narrative moves."""
        if self.linked:
            pending = self._steps.pending
            self._steps.request(nav.clamp(self.article, (self.step if pending is None else pending) + delta))
            return
        narrative = self.focused_narrative()
        if narrative is None:
            return
        found = nav.step_alone(self.article, narrative, self.positions[narrative], delta)
        if found is not None:
            self.positions[narrative] = found
            self.refresh_view()

    def action_page(self, delta: int) -> None:
        """space, shift+space: page the column, and step a beat only at its end (or top)."""
        if any(view.laying_out or view.going_to_end for view in self.views()):
            # typed before the new beat is laid out (and opened at its end, paging back): page its text, not the last beat's
            self.call_after_refresh(self.action_page, delta)
            return
        habits.page(self, delta)

    def action_toggle_scroll_together(self) -> None:
        """L: the linked columns scroll together, or each on its own (remembered)."""
        habits.toggle_scroll_together(self)
        self.schedule_save()

    def on_scene_view_scrolled(self, event: SceneView.Scrolled) -> None:
        """A column scrolled: the others follow while they scroll together."""
        habits.column_scrolled(self, event)

    def action_continuous(self) -> None:
        """r: the whole story in one pane, read straight through from this beat."""
        habits.open_continuous(self)

    def action_next_or_hit(self, delta: int) -> None:
        """n and N: the next or previous search hit while searching, else the next or previous beat."""
        if self.hits:
            index, wrapped = next_hit(self.hit_index, delta, len(self.hits))
            if wrapped:
                self.notify(f"Search wrapped to the {'first' if delta > 0 else 'last'} hit", timeout=2)
            self.go_to_hit(index)
        else:
            self.action_step(delta)

    def action_go_to(self, where: Literal["first", "last"]) -> None:
        """First or last beat (of the focused narrative, unlinked)."""
        if self.linked:
            self.step = 0 if where == "first" else len(self.article.steps) - 1
            return
        narrative = self.focused_narrative()
        found = nav.end_of(self.article, narrative, where) if narrative else None
        if narrative and found is not None:
            self.positions[narrative] = found
            self.refresh_view()

    def action_go_to_step(self, index: int) -> None:
        """Show a step with the columns linked."""
        self.go_to(StepTarget(index))

    def action_go_to_scene(self, scene_id: str) -> None:
        """Show a scene's step, scrolled to it."""
        if scene_id in self.article.scene_by_id:
            self.go_to(SceneTarget(scene_id))

    def go_to(self, target: Target | None) -> None:
        """Where a dialog, the palette or a panel sends the reader: a step, or a scene and span."""
        if target is None:
            return
        index, scene = nav.resolve(self.article, target)
        # a jump wins over a burst still in flight, also to the beat still drawn (no watcher fires then)
        self._steps.cancel()
        self.linked = True
        self.step = index
        if scene is not None:
            self._show_scene(scene)

    def action_toggle_link(self) -> None:
        """Unlink the columns so each steps alone, or link them at the focused one's beat."""
        if self.linked:
            self.positions = {n.id: self.step for n in self.article.narratives}
            self.linked = False
            self.notify("Columns unlinked: each steps on its own, and the quotes and facts panels show all beats. Press u to link them again.", timeout=4)
        else:
            narrative = self.focused_narrative()
            self.set_reactive(ReadingScreen.step, self.positions.get(narrative, self.step) if narrative else self.step)
            self.linked = True
            quotes = "all quotes" if self.all_quotes else "this beat's quotes"
            self.notify(f"Columns linked at beat {self.step + 1}: the panels show {quotes} and this beat's facts.", timeout=3)

    def action_narrative(self, index: int) -> None:
        """Focus a narrative's column (and show it, on narrow screens)."""
        narratives = self.article.narratives
        if 0 <= index < len(narratives):
            self.active_narrative = index
            self.query_one(f"#col-{narratives[index].id}").focus()

    def action_cycle(self, delta: int) -> None:
        """Tab and shift+tab: the next or previous column or panel (on narrow screens, storyline)."""
        sizes.cycle(self, delta)

    def action_measure(self, direction: int) -> None:
        """Widen, narrow or reset the text's measure; say so when the window is what limits it."""
        limit = sizes.window_limits(self)
        if direction > 0 and limit is not None:  # wider would change nothing on screen, only later
            self.notify(f"Line width {limit}: the window allows no more", timeout=3)
            return
        if direction == 0:
            self.measure = MEASURE_DEFAULT
        else:  # narrower from what the window shows, not from a measure it cannot reach
            start = self.measure if limit is None else min(self.measure, limit)
            self.measure = max(MEASURE_MIN, min(MEASURE_MAX, start + direction * MEASURE_STEP))
        self.notify(f"Line width: {self.measure} characters at most ({self.context_measure} where one scene spans the width)", timeout=2)

    # -- actions: speakers and panels -----------------------------------------------------
    def action_pick_speakers(self) -> None:
        """Open the speaker picker; apply what it returns."""
        from ..dialogs.keep import kept
        from ..dialogs.speakers import SpeakerPicker  # imported on first use: kept off the launch path

        def chosen(result: frozenset[str] | None) -> None:
            if result is not None:
                self.speakers = result

        picker = self.kept_dialog("speakers", kept)
        assert isinstance(picker, SpeakerPicker)
        self.app.push_screen(picker.reopen(self.speakers), chosen)

    def action_filter_by(self, speaker_id: str | None) -> None:
        """Filter the quotes by one speaker (None: leave the filter as it is)."""
        if speaker_id is not None and speaker_id in self.article.speaker_by_id:
            self.speakers = frozenset({speaker_id})

    def action_whos_who(self) -> None:
        """Every speaker with colour, role and number of quotes; Enter filters by one."""
        from ..dialogs.people import WhosWho

        panel = self.query_one(QuotesPanel)
        option = panel.highlighted_option if panel.has_focus else None
        quote = self.article.quote_by_id.get(option.id or "") if option else None
        start = quote.speaker if quote else None  # from the quotes panel: its quote's speaker
        self.app.push_screen(WhosWho(self.article, self.app.current_theme.dark, self.speakers, start), self.action_filter_by)

    def action_clear_filter(self) -> None:
        """Drop the speaker filter."""
        self.speakers = frozenset()

    def action_speaker_step(self, delta: int) -> None:
        """The next or previous beat where a chosen speaker (any, unfiltered) is quoted."""
        found = nav.step_quoting(self.article, self.step + delta, delta, self.speakers)
        if found is not None:
            self.go_to(StepTarget(found))
            return
        who = "the chosen speakers" if self.speakers else "anyone"
        self.notify(f"No {'later' if delta > 0 else 'earlier'} beat quotes {who}.", timeout=2, markup=False)

    def _toggle_panel(self, panel: Overlay) -> None:
        """Show or hide a panel: an overlay that takes the keyboard on narrow screens, else a column."""
        if sizes.panels_overlay(self):
            self.overlay = None if self.overlay == panel else panel
            if self.overlay:
                self.query_one(QuotesPanel if panel == "quotes" else FactsPanel).focus()
        elif panel == "quotes":
            self.hide_quotes = not self.hide_quotes
        else:
            self.hide_facts = not self.hide_facts

    def action_toggle_quotes(self) -> None:
        """Show or hide the quotes panel (an overlay on narrow screens)."""
        self._toggle_panel("quotes")

    def action_toggle_facts(self) -> None:
        """Show or hide the facts sidebar (an overlay on narrow screens)."""
        self._toggle_panel("facts")

    def action_toggle_all_quotes(self) -> None:
        """List the quotes of this beat, or all of them."""
        self.all_quotes = not self.all_quotes

    def action_escape(self) -> None:
        """Close the search or an overlay, else clear a mark."""
        if self.query_one(SearchBar).display or self.hits:
            self.close_search()
        elif self.overlay:
            self.overlay = None
            self.action_narrative(self.active_narrative)
        elif self.marked_quote or self.marked_fact:
            self.marked_quote = self.marked_fact = None

    def action_copy_quote(self) -> None:
        """Copy the marked (or highlighted) quote with its attribution to the clipboard."""
        quote_id = self.marked_quote
        panel = self.query_one(QuotesPanel)
        if quote_id is None and panel.highlighted_option is not None:
            quote_id = panel.highlighted_option.id
        if quote_id is None or quote_id not in self.article.quote_by_id:
            self.notify("Choose a quote first: highlight one in the quotes panel (w), or Enter on it.", timeout=3)
            return
        text = self.article.citation(quote_id)
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied: {text}", timeout=3, markup=False)

    def action_edit(self) -> None:
        """Open this article in the editing screen; come back to it (reloaded, when saved) on leaving."""
        from ...core.editing import EditSession  # imported on first use: kept off the launch path
        from ...core.errors import ContentError
        from .editing import EditScreen

        if not self.article.path:
            self.notify("This article has no file to edit.", timeout=3)
            return
        try:
            session = EditSession(self.article.path)
        except ContentError as exc:
            self.notify(str(exc.problems[0]), title="Cannot edit", severity="error", timeout=8, markup=False)
            return
        remember = self.memory.store is not None

        def back(article: Article | None) -> None:
            if article is not None:  # saved: read the new version, where the reader was
                self.app.switch_screen(ReadingScreen(article, remember=remember))

        self.app.push_screen(EditScreen(session, step_key=self.current_step.key if self.article.steps else None, back=back))

    # -- search ----------------------------------------------------------------------------
    def action_search(self) -> None:
        """Open the search field."""
        self.query_one(SearchBar).open()

    @on(SearchChanged)
    def search_changed(self, event: SearchChanged) -> None:
        """Find the query as it is typed."""
        if self._search_index is None:
            self._search_index = SearchIndex(self.article)
        self.hit_index = -1
        self.hits = tuple(self._search_index.find(event.query))

    @on(SearchSubmitted)
    def search_submitted(self) -> None:
        """Go to the first hit at or after the current beat, and give the keys back to reading."""
        if not self.hits:
            self.notify("No matches.", timeout=2)
            return
        order = self.article.step_of_scene
        after = next((i for i, h in enumerate(self.hits) if order[h.scene] >= self.step), None)
        if after is None:
            self.notify("No hit from this beat on: Search wrapped to the first hit", timeout=2)
        self.go_to_hit(after or 0)
        self.action_narrative(self.active_narrative)

    def go_to_hit(self, index: int) -> None:
        """Show a hit's beat, scroll to it and make it current."""
        hit = self.hits[index]
        self.hit_index = index
        self.go_to(SceneTarget(hit.scene, Span(hit.paragraph, hit.start, hit.end)))
        if hit.figure is not None:  # a caption's hit: its figure in view, after the paragraph's scroll
            self.call_after_refresh(self._show_figure, hit.scene, hit.figure)

    def _show_figure(self, scene_id: str, index: int) -> None:
        """Scroll a mounted figure into view."""
        for view in self.views():
            if figure := view.figure_for(scene_id, index):
                view.scroll_to_widget(figure, animate=False)

    def close_search(self) -> None:
        """Clear the search and hide its field."""
        bar = self.query_one(SearchBar)
        in_field = bar.has_focus_within
        self.hit_index = -1
        self.hits = ()
        bar.close()
        self.refresh_text()
        if self.focused is None or in_field:
            self.action_narrative(self.active_narrative)

    # -- other views ---------------------------------------------------------------------
    def action_outline(self) -> None:
        """The grid of beats by narratives."""
        from ..dialogs.keep import kept
        from ..dialogs.outline import OutlineScreen

        outline = self.kept_dialog("outline", kept)
        assert isinstance(outline, OutlineScreen)
        self.app.push_screen(outline.reopen(self.step), self.go_to)

    def action_timeline(self) -> None:
        """The day on a time axis."""
        from ..dialogs.keep import kept
        from ..dialogs.timeline import TimelineScreen

        timeline = self.kept_dialog("timeline", kept)
        assert isinstance(timeline, TimelineScreen)
        self.app.push_screen(timeline.reopen(), self.go_to)

    def action_source(self) -> None:
        """The original text, with what the content keeps and leaves out."""
        from ..dialogs.keep import kept
        from ..dialogs.source import SourceScreen

        source = self.kept_dialog("source", kept)
        if source is None:
            self.notify("This article has no source text to show.", timeout=3)
            return
        assert isinstance(source, SourceScreen)
        self.app.push_screen(source.reopen({s.id for s in self.current_step.scenes}, self.highlights), self.go_to)

    def action_bookmark(self) -> None:
        """Bookmark the current beat with an optional note; on a bookmarked beat, edit its note."""
        from ..dialogs.bookmarks import BookmarkNote

        step = self.current_step
        existing = self.memory.at(step.key)

        def save(note: str | None) -> None:
            if note is None:
                return
            if existing is not None:  # one bookmark a beat: a second b edits its note
                self.memory.edit(existing, note.strip())
                self.notify(f"Bookmark note changed: beat {self.step + 1}", timeout=2)
                return
            self.memory.add(step.key, note)
            self.query_one(BeatBar).bookmarked = True
            self.notify(f"Bookmarked beat {self.step + 1}: {step.title}", timeout=2, markup=False)

        self.app.push_screen(BookmarkNote(step.title, existing.note if existing else None), save)

    def action_bookmarks(self) -> None:
        """List the bookmarks; Enter jumps, d deletes (u undoes), each written at once."""
        from ..dialogs.bookmarks import BookmarksScreen
        from ..dialogs.keep import kept

        def closed(target: Target | None) -> None:
            self.query_one(BeatBar).bookmarked = self.memory.at(self.current_step.key) is not None
            self.go_to(target)

        marks = self.kept_dialog("bookmarks", kept)
        assert isinstance(marks, BookmarksScreen)
        self.app.push_screen(marks.reopen(), closed)

    @on(AboutRequested)
    def action_about(self) -> None:
        """Byline, publisher, date and source address of the article, to read or copy (m, a click on the title)."""
        from ..dialogs.about import AboutScreen
        from ..dialogs.keep import kept

        about = self.kept_dialog("about", kept)
        assert isinstance(about, AboutScreen)
        self.app.push_screen(about.reopen())

    def kept_dialog(self, kind: str, keep: KeepFunction) -> Screen[Any] | None:
        """The `kind` of dialog kept for this screen (keep.kept) or built ahead of time (keep.prebuild); None: source without a seed."""
        if kind == "outline":
            from ..dialogs.outline import OutlineScreen

            return keep(self, kind, None, lambda: OutlineScreen(self.article, self.step))
        if kind == "timeline":
            from ..dialogs.timeline import TimelineScreen

            return keep(self, kind, None, lambda: TimelineScreen(self.article))
        if kind == "speakers":
            from ..dialogs.speakers import SpeakerPicker

            return keep(self, kind, None, lambda: SpeakerPicker(self.article, self.speakers))
        if kind == "bookmarks":
            from ..dialogs.bookmarks import BookmarksScreen

            return keep(self, kind, None, lambda: BookmarksScreen(self.article, self.memory))
        if kind == "about":
            from ..dialogs.about import AboutScreen

            return keep(self, kind, None, lambda: AboutScreen(self.article.meta))
        from ..dialogs.source import SourceScreen, load_seed_for

        seed = load_seed_for(self.article)
        if seed is None:
            return None
        # kept for any beat and highlights: its reopen redraws the paragraphs they change
        return keep(self, kind, seed, lambda: SourceScreen(self.article, seed, {s.id for s in self.current_step.scenes}, self.highlights))

    # -- choosing quotes and facts -----------------------------------------------------
    @on(QuoteChosen)
    def quote_chosen(self, event: QuoteChosen) -> None:
        """Jump to a quote's scene and mark it."""
        self.jump_to_quote(event.quote_id)

    @on(FactChosen)
    def fact_chosen(self, event: FactChosen) -> None:
        """Jump to a fact's scene and mark its source span."""
        self.jump_to_fact(event.fact_id)

    def jump_to_quote(self, quote_id: str) -> None:
        """Show the beat of a quote and mark the quote."""
        quote = self.article.quote_by_id[quote_id]
        self.marked_fact = None
        self.marked_quote = quote_id
        self.go_to(SceneTarget(quote.scene, self.article.quote_spans.get(quote_id)))

    def jump_to_fact(self, fact_id: str) -> None:
        """Show the beat of a fact and mark its source span."""
        fact = self.article.fact_by_id[fact_id]
        self.marked_quote = None
        self.marked_fact = fact_id
        self.go_to(SceneTarget(fact.scene, self.article.fact_spans.get(fact_id)))

    def _show_scene(self, target: SceneTarget) -> None:
        """Show a scene's narrative and scroll its paragraph into view, once it is mounted."""
        scene = self.article.scene_by_id[target.scene]
        if scene.narrative:
            self.active_narrative = [n.id for n in self.article.narratives].index(scene.narrative)
        if self.overlay:
            self.overlay = None
        view = self.query_one(f"#col-{scene.narrative}" if scene.narrative else "#context", SceneView)
        span = target.span

        def scroll() -> None:
            paragraph = view.paragraph_for(scene.id, span.paragraph if span else 0)
            if paragraph is not None:
                view.scroll_to_widget(paragraph, animate=False, top=span is not None)

        self.call_after_refresh(scroll)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """On narrow screens, the keyboard leaving an open overlay (Tab, a click) closes it."""
        if self.overlay is None:
            return
        panel = self.query_one(QuotesPanel if self.overlay == "quotes" else FactsPanel)
        if event.widget is not panel and panel not in event.widget.ancestors:
            self.overlay = None

    @on(Tabs.TabActivated, "#tabs")
    def tab_activated(self, event: Tabs.TabActivated) -> None:
        """A click on a narrative's tab shows that narrative."""
        tabs = self.query_one(NarrativeTabs)
        if event.tabs is not tabs or event.tab.id != tabs.active:
            # stale: a tab bar on its way out, or an activation the bar has since moved past; acting on
            # it would set the bar back, and two such messages in flight would swap places forever
            return
        ids = [f"tab-{n.id}" for n in self.article.narratives]
        if event.tab.id in ids:
            self.active_narrative = ids.index(event.tab.id)
