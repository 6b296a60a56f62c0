"""The reading app: the current beat with the narratives side by side, quotes and facts beside.

State lives in reactives on the app; watchers flip CSS classes and the `.tcss` file decides
what that looks like. Only the current beat's paragraphs are ever mounted.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static, Tab, Tabs

from ..core.model import Article, Scene, Span, Step
from ..core.search import Hit, SearchIndex
from ..core.state import (
    ArticleState,
    Bookmark,
    JsonStore,
    article_store,
    new_bookmark,
    settings_store,
)
from .commands import ReaderCommands
from .plain import plain_content
from .render import Highlights
from .themes import THEMES
from .widgets.footer import QuietFooter
from .widgets.panels import FactsPanel, QuotesPanel
from .widgets.scene_view import SceneView

#: Text measure (characters per line) of the columns: default, narrowest and widest.
MEASURE_DEFAULT, MEASURE_MIN, MEASURE_MAX, MEASURE_STEP = 72, 40, 140, 4
#: Columns taken by a column's padding, border and scrollbar around its text.
COLUMN_CHROME = 5
#: the wide layout's first column (as in HORIZONTAL_BREAKPOINTS) and the panels' width there
WIDE_FROM, SIDE_MIN, SIDE_MAX = 200, 56, 100


class NarrativeTabs(Tabs, can_focus=False):
    """Tabs that pick the narrative shown on narrow screens; they never take the keyboard."""


class SearchBar(Horizontal):
    """The search field and its count of hits, shown while searching."""

    def compose(self) -> ComposeResult:
        """A field and a count."""
        yield Input(placeholder="Search the story (Enter to go, Esc to clear)", id="search-input")
        yield Static("", id="search-count")


class ReaderApp(App[None]):
    """Read one article beat by beat, its narratives side by side."""

    CSS_PATH = "app.tcss"
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    def action_command_palette(self) -> None:
        """Show the command palette: Textual's, dismissed once and safe to page at once."""
        from textual.command import CommandPalette

        from .dialogs import SafePalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SafePalette(id="--command-palette"))
    # below 100 columns the panels become overlays and the narratives become tabs
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal"), (WIDE_FROM, "-wide")]

    BINDINGS = [
        Binding("right,l,space", "step(1)", "Next", key_display="→"),
        Binding("left,h,p,shift+space", "step(-1)", "Prev", key_display="←"),
        Binding("n", "next_or_hit(1)", "Next", show=False),
        Binding("N", "next_or_hit(-1)", "Previous hit", show=False),
        Binding("g,home", "go_to('first')", "First", show=False),
        Binding("G,end", "go_to('last')", "Last", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("s", "pick_speakers", "Speakers"),
        Binding("right_square_bracket", "speaker_step(1)", "Next by speaker", show=False),
        Binding("left_square_bracket", "speaker_step(-1)", "Prev by speaker", show=False),
        Binding("x", "clear_filter", "Clear filter"),  # in the Footer only while a filter is on
        Binding("w", "toggle_quotes", "Quotes"),
        Binding("a", "toggle_all_quotes", "All quotes", show=False),
        Binding("f", "toggle_facts", "Facts"),
        Binding("u", "toggle_link", "Unlink", show=False),
        Binding("o", "outline", "Outline", show=False),
        Binding("v", "source", "Source", show=False),
        Binding("t", "timeline", "Timeline", show=False),
        Binding("b", "bookmark", "Bookmark", show=False),
        Binding("B", "bookmarks", "Bookmarks", show=False),
        Binding("c", "copy_quote", "Copy quote", show=False),
        Binding("plus", "measure(1)", "Wider", show=False),
        Binding("minus", "measure(-1)", "Narrower", show=False),
        Binding("equals_sign,0", "measure(0)", "Reset width", show=False),
        Binding("1", "narrative(0)", show=False),
        Binding("2", "narrative(1)", show=False),
        Binding("3", "narrative(2)", show=False),
        Binding("escape", "escape", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    step: reactive[int] = reactive(0, init=False)
    linked: reactive[bool] = reactive(True, init=False)
    speakers: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    marked_quote: reactive[str | None] = reactive(None, init=False)
    marked_fact: reactive[str | None] = reactive(None, init=False)
    all_quotes: reactive[bool] = reactive(False, init=False)
    hide_facts: reactive[bool] = reactive(False)
    hide_quotes: reactive[bool] = reactive(False)
    overlay: reactive[str | None] = reactive(None)
    active_narrative: reactive[int] = reactive(0)
    measure: reactive[int] = reactive(MEASURE_DEFAULT, init=False)
    hit_index: reactive[int] = reactive(-1, init=False)

    def __init__(
        self,
        article: Article,
        speakers: frozenset[str] | None = None,
        *,
        fresh: bool = False,
        remember: bool = True,
    ) -> None:
        super().__init__()
        self.article = article
        self.positions: dict[str, int] = {n.id: 0 for n in article.narratives}
        self.title = article.meta.title
        self.sub_title = f"{article.meta.source} · {article.meta.date}"
        self.hits: list[Hit] = []
        self._search_index: SearchIndex | None = None
        self._save_timer: Timer | None = None
        self._save_failed = False
        self._footer_pending = False
        for theme in THEMES:
            self.register_theme(theme)
        # what the reader left last time; --fresh starts clean, remember=False never writes
        self.remember = remember
        self.store: JsonStore | None = article_store(article.meta.id) if remember else None
        self.settings: JsonStore | None = settings_store() if remember else None
        self.bookmarks: list[Bookmark] = []
        saved = ArticleState() if fresh or self.store is None else self.store.read()
        self._restore(saved, speakers)
        if self.settings is not None:
            theme = self.settings.read().theme
            if theme in self.available_themes:
                self.theme = theme

    def _restore(self, saved: ArticleState, speakers: frozenset[str] | None) -> None:
        """Put the reader back where the saved state says, without firing watchers."""
        article = self.article
        step = article.step_by_key.get(saved.step or "", 0)
        self.set_reactive(ReaderApp.step, step)
        chosen = speakers if speakers is not None else frozenset(s for s in saved.speakers if s in article.speaker_by_id)
        self.set_reactive(ReaderApp.speakers, frozenset(chosen))
        if speakers:  # asked for by name (--speaker): open where they speak, from where the reader was
            found = self.step_quoting(step, 1, speakers)
            found = found if found is not None else self.step_quoting(step, -1, speakers)
            if found is not None:
                self.set_reactive(ReaderApp.step, found)
        self.set_reactive(ReaderApp.hide_facts, saved.hide_facts)
        self.set_reactive(ReaderApp.hide_quotes, saved.hide_quotes)
        self.set_reactive(ReaderApp.all_quotes, saved.all_quotes)
        if saved.measure is not None:
            self.set_reactive(ReaderApp.measure, max(MEASURE_MIN, min(MEASURE_MAX, saved.measure)))
        self.bookmarks = list(saved.bookmarks)

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, beat bar, filter bar, the columns beside the panels, search, footer."""
        article = self.article
        yield Header(show_clock=False, icon="▤")
        # the first beat's class from the start: set after mounting, it would restyle them all
        with Horizontal(id="body", classes=self._body_class() if article.steps else ""):
            with Vertical(id="main"):
                yield Static(id="beat-bar")
                yield Static(id="filter-bar")
                yield NarrativeTabs(*(Tab(plain_content(n.title), id=f"tab-{n.id}") for n in article.narratives), id="tabs")
                yield SceneView(article, "", "", id="context", classes="context")
                with Horizontal(id="columns"):
                    for narrative in article.narratives:
                        yield SceneView(
                            article, narrative.title, f"The {narrative.title.lower()} has nothing at this beat.",
                            id=f"col-{narrative.id}", classes="column",
                        )
            with Vertical(id="side"):
                yield QuotesPanel(article, id="quotes")
                yield FactsPanel(article, id="facts")
        yield SearchBar(id="search")
        yield QuietFooter(show_command_palette=False)

    @property
    def reading_screen(self):
        """The screen the reader reads on (the bottom one), even while a dialog is on top."""
        return self.screen_stack[0] if self.screen_stack else self.screen

    def on_mount(self) -> None:
        """Draw the first beat with the keyboard in its text, say what was restored."""
        # restored without firing watchers (they save): the panels' classes are set here instead
        self.reading_screen.set_class(self.hide_facts, "-hide-facts")
        self.reading_screen.set_class(self.hide_quotes, "-hide-quotes")
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.apply_measure()
        self.refresh_view()  # which also puts the keyboard in the text: the lede, or the first column
        for store in (self.store, self.settings):
            if store is not None and store.notice:
                self.notify(store.notice, title="Reading state", severity="warning", timeout=8, markup=False)

    def on_unmount(self) -> None:
        """Remember where the reader was."""
        self.save_state()

    # -- derived state -----------------------------------------------------------------
    @property
    def highlights(self) -> Highlights:
        """The current highlights, for rendering."""
        current = self.hits[self.hit_index] if 0 <= self.hit_index < len(self.hits) else None
        return Highlights(
            self.speakers, self.marked_quote, self.marked_fact, self.current_theme.dark,
            hits=tuple(self._hits_on_screen()), current_hit=current,
        )

    def _hits_on_screen(self) -> list[Hit]:
        """The search hits in the scenes now mounted."""
        if not self.hits:
            return []
        shown = {s.id for view in self.query(SceneView) for s in view.scenes}
        return [h for h in self.hits if h.scene in shown]

    @property
    def current_step(self) -> Step:
        """The step the linked columns show."""
        return self.article.steps[self.step]

    def step_of(self, narrative: str) -> int:
        """Which step a narrative's column shows."""
        return self.step if self.linked else self.positions[narrative]

    def focused_narrative(self) -> str | None:
        """The narrative whose column has focus, else the active tab's."""
        widget = self.focused
        while widget is not None:
            if isinstance(widget, SceneView) and widget.has_class("column"):
                return widget.id.removeprefix("col-") if widget.id else None
            widget = widget.parent  # type: ignore[assignment]
        narratives = self.article.narratives
        return narratives[self.active_narrative].id if narratives else None

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
        ctx_view = self.query_one("#context", SceneView)
        ctx_view.display = bool(context)
        ctx_view.show(context, "", hl)  # an empty show unmounts what a context beat left
        # on #body, not the screen: a class change restyles everything below where it is set
        layout = self._body_class()
        body = self.query_one("#body")
        body.set_class(layout == "-context-only", "-context-only")
        body.set_class(layout == "-opening", "-opening")
        opening = layout == "-opening"
        for narrative in article.narratives:
            own = steps[self.step_of(narrative.id)]
            scenes = own.scenes_of(narrative.id)
            view = self.query_one(f"#col-{narrative.id}", SceneView)
            if opening:  # before the storylines begin, each column introduces its own
                first = article.first_step_of.get(narrative.id)
                where = f"begins at beat {first + 1}: {steps[first].title}" if first is not None else ""
                view.show((), where, hl, note=narrative.summary)
            else:
                view.show(scenes, self._position(narrative.id, own, scenes), hl)
        self._keep_focus_visible(layout)
        if self.hits:
            # the hits of the newly mounted scenes need drawing too
            self.refresh_text()
        self._draw_beat_bar()
        self._draw_filter_bar()
        self._show_quotes(hl.dark)
        self.query_one(FactsPanel).show(step if self.linked else None)
        self.schedule_save()

    def _keep_focus_visible(self, layout: str) -> None:
        """Keep the keyboard in the text on show: the passage across the width, else a column."""
        focused = self.focused
        if focused is not None and not isinstance(focused, SceneView):
            return  # a panel or the search field keeps it
        context = self.query_one("#context", SceneView)
        if layout:  # the opening or a context-only beat: the passage across the width
            if focused is not context:
                context.focus()
        elif focused is None or focused is context:
            self.action_narrative(self.active_narrative)

    def _body_class(self) -> str:
        """The layout of the current beat: "-context-only" when a context passage spans the whole
        width (the interrogation), "-opening" when it comes before any storyline has begun (the
        lede: the columns below introduce the two storylines), else ""."""
        step = self.current_step
        if not (self.linked and step.context) or any(s.narrative for s in step.scenes):
            return ""
        begun = self.article.first_step_of.values()
        return "-opening" if begun and self.step < min(begun) else "-context-only"

    def refresh_text(self) -> None:
        """Restyle the mounted text and the panels after a highlight or theme change."""
        hl = self.highlights
        for view in self.query(SceneView):
            view.restyle(hl)
        self._draw_filter_bar()
        self._show_quotes(hl.dark)

    def _show_quotes(self, dark: bool) -> None:
        """List the quotes in scope in the quotes panel."""
        step = self.current_step if self.linked else None
        self.query_one(QuotesPanel).show(step, self.all_quotes or not self.linked, self.speakers, dark, self.marked_quote)

    def _position(self, narrative: str, step: Step, scenes: tuple[Scene, ...]) -> str:
        """Where a narrative stands: its beat, and scene i of n of its own."""
        order = self.article.narrative_scene_order
        total = self.article.narrative_scene_count.get(narrative, 0)
        if not scenes:
            where = "—"
        else:
            first, last = order[scenes[0].id] + 1, order[scenes[-1].id] + 1
            where = f"scene {first} of {total}" if first == last else f"scenes {first}–{last} of {total}"
        return where if self.linked else f"{step.title} · {where}"

    def _draw_beat_bar(self) -> None:
        """The beat's title and how far through the story the reader is."""
        steps = self.article.steps
        total = len(steps)
        bar = Text()
        if self.linked:
            bar.append(f"Beat {self.step + 1} of {total}  ", style="bold")
            bar.append(steps[self.step].title, style="bold")
            width = 20
            done = round(width * (self.step + 1) / total)
            bar.append("  ")
            bar.append("━" * done, style="bold")
            bar.append("━" * (width - done), style="dim")
        else:
            bar.append("Unlinked: ", style="bold")
            bar.append("each column steps on its own (u links them again)")
        if any(b.step == steps[self.step].key for b in self.bookmarks) and self.linked:
            bar.append("  ★ bookmarked", style="bold")
        self.query_one("#beat-bar", Static).update(bar)

    def _draw_filter_bar(self) -> None:
        """The active speaker filter, always visible while on."""
        bar = self.query_one("#filter-bar", Static)
        bar.display = bool(self.speakers)
        if self.speakers:
            names = ", ".join(self.article.speaker_by_id[s].name for s in self.speakers_in_order())
            # the keys first: on a narrow screen the names are cut (with an ellipsis), never the keys
            bar.update(Text.assemble(
                ("Filter ", "bold"), ("] next  [ previous  x clears", "dim"), ("  ·  ", "dim"), names,
                no_wrap=True, overflow="ellipsis",
            ))

    def speakers_in_order(self) -> list[str]:
        """The chosen speakers' ids, in declaration order."""
        return [s.id for s in self.article.speakers if s.id in self.speakers]

    def apply_measure(self) -> None:
        """Cap the columns at the chosen measure; narrower terminals use all the room they have."""
        for view in self.query(SceneView):
            if view.has_class("column"):
                view.styles.max_width = self.measure + COLUMN_CHROME
            else:
                view.query_one(".column-body").styles.max_width = self.context_measure
        self._fit_side()

    @property
    def context_measure(self) -> int:
        """The measure of a passage spanning the width: a little wider than a column's."""
        return round(self.measure * 1.25)

    def _fit_side(self) -> None:
        """On wide terminals the room the capped columns leave goes to the panels, not to margins."""
        width = self.size.width
        if width < WIDE_FROM:
            self.query_one("#side").styles.width = None  # the stylesheet's width again
            return
        columns = len(self.article.narratives) * (self.measure + COLUMN_CHROME)
        self.query_one("#side").styles.width = max(SIDE_MIN, min(SIDE_MAX, width - columns - 2))

    def on_resize(self) -> None:
        """A new terminal size: give the spare room to the panels again."""
        self._fit_side()

    # -- watchers ----------------------------------------------------------------------
    def watch_step(self) -> None:
        """A new beat: redraw."""
        self.refresh_view()

    def watch_linked(self) -> None:
        """Linking or unlinking: redraw."""
        self.refresh_view()

    def watch_speakers(self, old: frozenset[str], new: frozenset[str]) -> None:
        """A new filter: restyle the text and the quotes panel; x comes and goes in the Footer."""
        self.refresh_text()
        # the Footer rebuilds itself on every bindings refresh: only when a filter starts or
        # ends, and once for a burst of changes
        if bool(old) != bool(new) and not self._footer_pending:
            self._footer_pending = True
            self.call_after_refresh(self._refresh_footer)
        self.schedule_save()

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

    def watch_hit_index(self) -> None:
        """A new current hit: restyle and update the count."""
        self.refresh_text()
        self._draw_search_count()

    def watch_measure(self) -> None:
        """A new measure: resize the columns and remember it."""
        self.apply_measure()
        self.schedule_save()

    def watch_hide_facts(self, hide: bool) -> None:
        """Show or hide the facts panel (wide layouts)."""
        self.reading_screen.set_class(hide, "-hide-facts")
        self.schedule_save()

    def watch_hide_quotes(self, hide: bool) -> None:
        """Show or hide the quotes panel (wide layouts)."""
        self.reading_screen.set_class(hide, "-hide-quotes")
        self.schedule_save()

    def watch_overlay(self, overlay: str | None) -> None:
        """Open or close a panel as an overlay (narrow layout)."""
        self.reading_screen.set_class(overlay == "facts", "-open-facts")
        self.reading_screen.set_class(overlay == "quotes", "-open-quotes")

    def watch_active_narrative(self, index: int) -> None:
        """Show one narrative's column on narrow screens and sync the tabs."""
        for i, narrative in enumerate(self.article.narratives):
            self.query_one(f"#col-{narrative.id}").set_class(i != index, "-inactive")
        if self.article.narratives:
            self.query_one(NarrativeTabs).active = f"tab-{self.article.narratives[index].id}"

    def _theme_changed(self, _theme) -> None:
        """Recolour the text for the new theme and remember the choice."""
        self.refresh_text()
        if self.settings is not None and not self._save_failed:
            name = self.theme
            self._write(self.settings, lambda s: setattr(s, "theme", name))

    # -- state -------------------------------------------------------------------------
    def schedule_save(self) -> None:
        """Save the reading state shortly: a burst of steps writes once."""
        if self.store is None or not self.is_mounted:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.5, self.save_state)

    def save_state(self) -> None:
        """Write where the reader is (beat, filter, panels, measure); keep others' bookmarks."""
        if self.store is None or not self.article.steps:
            return
        key = self.current_step.key

        def change(state: ArticleState) -> None:
            state.step = key
            state.speakers = self.speakers_in_order()
            state.hide_facts, state.hide_quotes = self.hide_facts, self.hide_quotes
            state.all_quotes = self.all_quotes
            state.measure = self.measure if self.measure != MEASURE_DEFAULT else None

        saved = self._write(self.store, change)
        if saved is not None:
            self.bookmarks = list(saved.bookmarks)

    def _write(self, store: JsonStore, change):
        """Apply a change to a store; a read-only or full folder is reported once, never raised."""
        try:
            return store.update(change)
        except OSError as exc:
            if not self._save_failed:
                self._save_failed = True
                self.notify(
                    f"Could not save the reading state to {store.path.parent}: {exc.strerror or exc}",
                    title="Reading state", severity="warning", timeout=8, markup=False,
                )
            return None

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
            self.step = max(0, min(len(self.article.steps) - 1, self.step + delta))
            return
        narrative = self.focused_narrative()
        if narrative is None:
            return
        i = self.positions[narrative] + delta
        steps = self.article.steps
        while 0 <= i < len(steps) and not steps[i].scenes_of(narrative):
            i += delta
        if 0 <= i < len(steps):
            self.positions[narrative] = i
            self.refresh_view()

    def action_next_or_hit(self, delta: int) -> None:
        """n and N: the next or previous search hit while searching, else the next or previous beat."""
        if self.hits:
            self.go_to_hit((self.hit_index + delta) % len(self.hits))
        else:
            self.action_step(delta)

    def action_go_to(self, where: str) -> None:
        """First or last beat."""
        last = len(self.article.steps) - 1
        if self.linked:
            self.step = 0 if where == "first" else last
            return
        narrative = self.focused_narrative()
        if narrative is None:
            return
        own = [i for i, s in enumerate(self.article.steps) if s.scenes_of(narrative)]
        if own:
            self.positions[narrative] = own[0] if where == "first" else own[-1]
            self.refresh_view()

    def go_to_step(self, index: int) -> None:
        """Show a step with the columns linked."""
        self.linked = True
        self.step = max(0, min(len(self.article.steps) - 1, index))

    def action_toggle_link(self) -> None:
        """Unlink the columns so each steps alone, or link them at the focused one's beat."""
        if self.linked:
            self.positions = {n.id: self.step for n in self.article.narratives}
            self.linked = False
            self.notify("Columns unlinked: each steps on its own. Press u to link them again.", timeout=3)
        else:
            narrative = self.focused_narrative()
            self.set_reactive(ReaderApp.step, self.positions.get(narrative, self.step) if narrative else self.step)
            self.linked = True

    def action_narrative(self, index: int) -> None:
        """Focus a narrative's column (and show it, on narrow screens)."""
        narratives = self.article.narratives
        if 0 <= index < len(narratives):
            self.active_narrative = index
            self.query_one(f"#col-{narratives[index].id}").focus()

    def action_measure(self, direction: int) -> None:
        """Widen, narrow or reset the text's measure."""
        if direction == 0:
            self.measure = MEASURE_DEFAULT
        else:
            self.measure = max(MEASURE_MIN, min(MEASURE_MAX, self.measure + direction * MEASURE_STEP))
        self.notify(f"Line width: {self.measure} characters at most ({self.context_measure} where one scene spans the width)", timeout=2)

    # -- actions: speakers and panels -----------------------------------------------------
    def action_pick_speakers(self) -> None:
        """Open the speaker picker; apply what it returns."""
        from .dialogs.speakers_help import SpeakerPicker  # imported on first use: kept off the launch path

        def chosen(result: frozenset[str] | None) -> None:
            if result is not None:
                self.speakers = result

        self.push_screen(SpeakerPicker(self.article, self.speakers), chosen)

    def action_clear_filter(self) -> None:
        """Drop the speaker filter."""
        self.speakers = frozenset()

    def step_quoting(self, start: int, delta: int, wanted: frozenset[str]) -> int | None:
        """The first step from `start` on (going by delta) where a wanted speaker (any, if none) is quoted."""
        steps = self.article.steps
        i = start
        while 0 <= i < len(steps):
            if any(
                not wanted or q.speaker in wanted
                for s in steps[i].scenes
                for q in self.article.quotes_by_scene.get(s.id, ())
            ):
                return i
            i += delta
        return None

    def action_speaker_step(self, delta: int) -> None:
        """The next or previous beat where a chosen speaker (any, unfiltered) is quoted."""
        found = self.step_quoting(self.step + delta, delta, self.speakers)
        if found is not None:
            self.go_to_step(found)
            return
        who = "the chosen speakers" if self.speakers else "anyone"
        self.notify(f"No {'later' if delta > 0 else 'earlier'} beat quotes {who}.", timeout=2, markup=False)

    def action_toggle_quotes(self) -> None:
        """Show or hide the quotes panel (an overlay on narrow screens)."""
        if self.screen.has_class("-narrow"):
            self.overlay = None if self.overlay == "quotes" else "quotes"
            if self.overlay:
                self.query_one(QuotesPanel).focus()
        else:
            self.hide_quotes = not self.hide_quotes

    def action_toggle_facts(self) -> None:
        """Show or hide the facts sidebar (an overlay on narrow screens)."""
        if self.screen.has_class("-narrow"):
            self.overlay = None if self.overlay == "facts" else "facts"
            if self.overlay:
                self.query_one(FactsPanel).focus()
        else:
            self.hide_facts = not self.hide_facts

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

    def action_help(self) -> None:
        """Show every key."""
        from .dialogs.speakers_help import HelpScreen

        self.push_screen(HelpScreen())

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
        self.copy_to_clipboard(text)
        self.notify(f"Copied: {text}", timeout=3, markup=False)

    # -- search ----------------------------------------------------------------------------
    def action_search(self) -> None:
        """Open the search field."""
        bar = self.query_one(SearchBar)
        bar.display = True
        self.query_one("#search-input", Input).focus()

    @on(Input.Changed, "#search-input")
    def search_changed(self, event: Input.Changed) -> None:
        """Find the query as it is typed; show the count."""
        if self._search_index is None:
            self._search_index = SearchIndex(self.article)
        self.hits = self._search_index.find(event.value)
        self.set_reactive(ReaderApp.hit_index, -1)
        self._draw_search_count()
        self.refresh_text()

    @on(Input.Submitted, "#search-input")
    def search_submitted(self) -> None:
        """Go to the first hit at or after the current beat, and give the keys back to reading."""
        if not self.hits:
            self.notify("No matches.", timeout=2)
            return
        order = self.article.step_of_scene
        after = next((i for i, h in enumerate(self.hits) if order[h.scene] >= self.step), 0)
        self.go_to_hit(after)
        self.action_narrative(self.active_narrative)

    def go_to_hit(self, index: int) -> None:
        """Show a hit's beat, scroll to it and make it current."""
        hit = self.hits[index]
        self.hit_index = index
        self._jump(hit.scene, Span(hit.paragraph, hit.start, hit.end))

    def close_search(self) -> None:
        """Clear the search and hide its field."""
        self.hits = []
        self.set_reactive(ReaderApp.hit_index, -1)
        field = self.query_one("#search-input", Input)
        field.value = ""
        self.query_one(SearchBar).display = False
        self.refresh_text()
        if self.focused is None or self.focused is field:
            self.action_narrative(self.active_narrative)

    def _draw_search_count(self) -> None:
        """hit i of n, or no matches."""
        count = self.query_one("#search-count", Static)
        if not self.hits:
            query = self.query_one("#search-input", Input).value.strip()
            count.update("no matches" if query else "")
        elif self.hit_index < 0:
            count.update(f"{len(self.hits)} hits · Enter goes")
        else:
            count.update(f"hit {self.hit_index + 1} of {len(self.hits)} · n/N")

    # -- other views ---------------------------------------------------------------------
    def action_outline(self) -> None:
        """The grid of beats by narratives."""
        from .dialogs.outline import OutlineScreen

        self.push_screen(OutlineScreen(self.article, self.step), self._go_to_scene_or_step)

    def action_timeline(self) -> None:
        """The day on a time axis."""
        from .dialogs.timeline import TimelineScreen

        self.push_screen(TimelineScreen(self.article), self._go_to_scene_or_step)

    def action_source(self) -> None:
        """The original text, with what the content keeps and leaves out."""
        from .dialogs.source import SourceScreen, load_seed_for

        seed = load_seed_for(self.article)
        if seed is None:
            self.notify("This article has no source text to show.", timeout=3)
            return
        scenes = {s.id for s in self.current_step.scenes}
        self.push_screen(SourceScreen(self.article, seed, scenes, self.highlights), self._go_to_scene_or_step)

    def action_bookmark(self) -> None:
        """Bookmark the current beat with an optional note; on a bookmarked beat, edit its note."""
        from .dialogs.bookmarks import BookmarkNote

        key = self.current_step.key
        existing = next((b for b in self.bookmarks if b.step == key), None)

        def save(note: str | None) -> None:
            if note is None:
                return
            if existing is not None:  # one bookmark a beat: a second b edits its note
                text = note.strip()

                def change(state: ArticleState) -> None:
                    for b in state.bookmarks:
                        if b.id == existing.id:
                            b.note = text

                existing.note = text
                saved = self._write(self.store, change) if self.store is not None else None
                if saved is not None:
                    self.bookmarks = list(saved.bookmarks)
                self.notify(f"Bookmark note changed: beat {self.step + 1}", timeout=2)
                return
            mark = new_bookmark(key, note)
            if self.store is None:
                self.bookmarks.append(mark)
            else:
                saved = self._write(self.store, lambda s: s.bookmarks.append(mark))
                self.bookmarks = list(saved.bookmarks) if saved is not None else self.bookmarks + [mark]
            self._draw_beat_bar()
            self.notify(f"Bookmarked beat {self.step + 1}: {self.current_step.title}", timeout=2, markup=False)

        self.push_screen(BookmarkNote(self.current_step.title, existing.note if existing else None), save)

    def action_bookmarks(self) -> None:
        """List the bookmarks; Enter jumps, d deletes."""
        from .dialogs.bookmarks import BookmarksScreen

        if self.store is not None:
            self.bookmarks = list(self.store.read().bookmarks)
        self.push_screen(BookmarksScreen(self.article, self.bookmarks, self.delete_bookmark), self._go_to_scene_or_step)

    def delete_bookmark(self, bookmark_id: str) -> None:
        """Remove a bookmark, here and in the state file."""

        def drop(state: ArticleState) -> None:
            state.bookmarks = [b for b in state.bookmarks if b.id != bookmark_id]

        self.bookmarks = [b for b in self.bookmarks if b.id != bookmark_id]
        if self.store is not None:
            self._write(self.store, drop)
        self._draw_beat_bar()

    def _go_to_scene_or_step(self, target: str | int | None) -> None:
        """Where a view sends the reader: a scene id, a step key, or a step index."""
        if target is None:
            return
        if isinstance(target, int):
            self.go_to_step(target)
        elif target in self.article.scene_by_id:
            self._jump(target, None)
        elif target in self.article.step_by_key:
            self.go_to_step(self.article.step_by_key[target])

    # -- choosing quotes and facts -----------------------------------------------------
    @on(OptionList.OptionSelected, "#quotes")
    def quote_chosen(self, event: OptionList.OptionSelected) -> None:
        """Jump to a quote's scene and mark it."""
        if event.option.id:
            self.jump_to_quote(event.option.id)

    @on(OptionList.OptionSelected, "#facts")
    def fact_chosen(self, event: OptionList.OptionSelected) -> None:
        """Jump to a fact's scene and mark its source span."""
        if event.option.id:
            self.jump_to_fact(event.option.id)

    def jump_to_quote(self, quote_id: str) -> None:
        """Show the beat of a quote and mark the quote."""
        quote = self.article.quote_by_id[quote_id]
        self.marked_fact = None
        self.marked_quote = quote_id
        self._jump(quote.scene, self.article.quote_spans.get(quote_id))

    def jump_to_fact(self, fact_id: str) -> None:
        """Show the beat of a fact and mark its source span."""
        fact = self.article.fact_by_id[fact_id]
        self.marked_quote = None
        self.marked_fact = fact_id
        self._jump(fact.scene, self.article.fact_spans.get(fact_id))

    def _jump(self, scene_id: str, span: Span | None) -> None:
        """Go to a scene's beat and scroll its paragraph into view."""
        scene = self.article.scene_by_id[scene_id]
        self.go_to_step(self.article.step_of_scene[scene_id])
        if scene.narrative:
            self.active_narrative = [n.id for n in self.article.narratives].index(scene.narrative)
        if self.overlay:
            self.overlay = None
        view = self.query_one(f"#col-{scene.narrative}" if scene.narrative else "#context", SceneView)

        def scroll() -> None:
            target = view.paragraph_for(scene_id, span.paragraph if span else 0)
            if target is not None:
                view.scroll_to_widget(target, animate=False, top=span is not None)

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
        ids = [f"tab-{n.id}" for n in self.article.narratives]
        if event.tab.id in ids:
            self.active_narrative = ids.index(event.tab.id)
