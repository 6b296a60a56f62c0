"""The reading app: the current beat with the narratives side by side, quotes and facts beside.

State lives in reactives on the app; watchers flip CSS classes and the `.tcss` file decides
what that looks like. Only the current beat's paragraphs are ever mounted.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Header, OptionList, Static, Tab, Tabs

from .model import Article, Scene
from .render import Highlights
from .screens import HelpScreen, SpeakerPicker
from .widgets.panels import FactsPanel, QuotesPanel
from .widgets.scene_view import SceneView


class NarrativeTabs(Tabs, can_focus=False):
    """Tabs that pick the narrative shown on narrow screens; they never take the keyboard."""


class ReaderApp(App[None]):
    """Read one article beat by beat, its narratives side by side."""

    CSS_PATH = "app.tcss"
    TITLE = "reader"
    # below 100 columns the panels become overlays and the narratives become tabs
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal"), (200, "-wide")]

    BINDINGS = [
        Binding("right,l,n,space", "step(1)", "Next", key_display="→"),
        Binding("left,h,p,shift+space", "step(-1)", "Prev", key_display="←"),
        Binding("g,home", "go_to('first')", "First", show=False),
        Binding("G,end", "go_to('last')", "Last", show=False),
        Binding("s", "pick_speakers", "Speakers"),
        Binding("right_square_bracket", "speaker_step(1)", "Next by speaker", show=False),
        Binding("left_square_bracket", "speaker_step(-1)", "Prev by speaker", show=False),
        Binding("x", "clear_filter", "Clear filter", show=False),
        Binding("w", "toggle_quotes", "Quotes"),
        Binding("a", "toggle_all_quotes", "All quotes", show=False),
        Binding("f", "toggle_facts", "Facts"),
        Binding("u", "toggle_link", "Unlink", show=False),
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

    def __init__(self, article: Article, speakers: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.article = article
        self.set_reactive(ReaderApp.speakers, frozenset(speakers))
        self.positions: dict[str, int] = {n.id: 0 for n in article.narratives}
        self.title = article.meta.title
        self.sub_title = f"{article.meta.source} · {article.meta.date}"

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, beat bar, filter bar, the columns beside the panels, footer."""
        article = self.article
        yield Header(show_clock=False, icon="▤")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield Static(id="beat-bar")
                yield Static(id="filter-bar")
                yield NarrativeTabs(*(Tab(n.title, id=f"tab-{n.id}") for n in article.narratives), id="tabs")
                yield SceneView(article, "", "", id="context", classes="context")
                with Horizontal(id="columns"):
                    for i, narrative in enumerate(article.narratives):
                        yield SceneView(
                            article, narrative.title, f"The {narrative.title.lower()} has nothing at this beat.",
                            id=f"col-{narrative.id}", classes="column",
                        )
            with Vertical(id="side"):
                yield QuotesPanel(article, id="quotes")
                yield FactsPanel(article, id="facts")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Draw the first beat and put the keyboard in the first column."""
        self.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_text())
        self.refresh_view()
        columns = list(self.query(".column").results(SceneView))
        if columns:
            columns[0].focus()

    # -- derived state -----------------------------------------------------------------
    @property
    def highlights(self) -> Highlights:
        """The current highlights, for rendering."""
        return Highlights(self.speakers, self.marked_quote, self.marked_fact, self.current_theme.dark)

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
        narrative_scenes = any(s.narrative for s in step.scenes)
        # a context-only beat (the opening, the interrogation) spans the whole width
        self.screen.set_class(bool(context) and not narrative_scenes, "-context-only")
        for narrative in article.narratives:
            own = steps[self.step_of(narrative.id)]
            scenes = own.scenes_of(narrative.id)
            self.query_one(f"#col-{narrative.id}", SceneView).show(scenes, self._position(narrative.id, own, scenes), hl)
        self._draw_beat_bar()
        self._draw_filter_bar()
        self.query_one(QuotesPanel).show(step if self.linked else None, self.all_quotes or not self.linked, self.speakers, hl.dark, self.marked_quote)
        self.query_one(FactsPanel).show(step if self.linked else None)

    def refresh_text(self) -> None:
        """Restyle the mounted text and the panels after a highlight or theme change."""
        hl = self.highlights
        for view in self.query(SceneView):
            view.restyle(hl)
        self._draw_filter_bar()
        step = self.article.steps[self.step] if self.article.steps else None
        self.query_one(QuotesPanel).show(step if self.linked else None, self.all_quotes or not self.linked, self.speakers, hl.dark, self.marked_quote)

    def _position(self, narrative: str, step, scenes: tuple[Scene, ...]) -> str:
        """Where a narrative stands: its beat, and scene i of n of its own."""
        own = [s for s in self.article.scenes if s.narrative == narrative]
        if not scenes:
            where = "—"
        else:
            first = own.index(scenes[0]) + 1
            last = own.index(scenes[-1]) + 1
            where = f"scene {first} of {len(own)}" if first == last else f"scenes {first}–{last} of {len(own)}"
        if self.linked:
            return where
        return f"{step.title} · {where}"

    def _draw_beat_bar(self) -> None:
        """The beat's title and how far through the story the reader is."""
        steps = self.article.steps
        total = len(steps)
        bar = Text()
        if self.linked:
            bar.append(f"Beat {self.step + 1} of {total}  ", style="bold")
            bar.append(steps[self.step].title, style="bold")
        else:
            bar.append("Unlinked: ", style="bold")
            bar.append("each column steps on its own (u links them again)")
        width = 20
        done = round(width * (self.step + 1) / total) if self.linked else 0
        if self.linked:
            bar.append("  ")
            bar.append("━" * done, style="bold")
            bar.append("━" * (width - done), style="dim")
        self.query_one("#beat-bar", Static).update(bar)

    def _draw_filter_bar(self) -> None:
        """The active speaker filter, always visible while on."""
        bar = self.query_one("#filter-bar", Static)
        bar.display = bool(self.speakers)
        if self.speakers:
            names = ", ".join(self.article.speaker_by_id[s].name for s in self.speakers_in_order())
            bar.update(Text.assemble(("Filter: ", "bold"), names, ("   ] next  [ previous  x clears", "dim")))

    def speakers_in_order(self) -> list[str]:
        """The chosen speakers' ids, in declaration order."""
        return [s.id for s in self.article.speakers if s.id in self.speakers]

    # -- watchers ----------------------------------------------------------------------
    def watch_step(self) -> None:
        """A new beat: redraw."""
        self.refresh_view()

    def watch_linked(self) -> None:
        """Linking or unlinking: redraw, and say so in the footer's label."""
        self.refresh_view()

    def watch_speakers(self) -> None:
        """A new filter: restyle the text and the quotes panel."""
        self.refresh_text()

    def watch_marked_quote(self) -> None:
        """A new mark: restyle."""
        self.refresh_text()

    def watch_marked_fact(self) -> None:
        """A new mark: restyle."""
        self.refresh_text()

    def watch_all_quotes(self) -> None:
        """Beat or all: relist the quotes."""
        self.refresh_text()

    def watch_hide_facts(self, hide: bool) -> None:
        """Show or hide the facts panel (wide layouts)."""
        self.screen.set_class(hide, "-hide-facts")

    def watch_hide_quotes(self, hide: bool) -> None:
        """Show or hide the quotes panel (wide layouts)."""
        self.screen.set_class(hide, "-hide-quotes")

    def watch_overlay(self, overlay: str | None) -> None:
        """Open or close a panel as an overlay (narrow layout)."""
        self.screen.set_class(overlay == "facts", "-open-facts")
        self.screen.set_class(overlay == "quotes", "-open-quotes")

    def watch_active_narrative(self, index: int) -> None:
        """Show one narrative's column on narrow screens and sync the tabs."""
        for i, narrative in enumerate(self.article.narratives):
            self.query_one(f"#col-{narrative.id}").set_class(i != index, "-inactive")
        if self.article.narratives:
            self.query_one(NarrativeTabs).active = f"tab-{self.article.narratives[index].id}"

    # -- actions -----------------------------------------------------------------------
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

    def action_go_to(self, where: str) -> None:
        """First or last beat."""
        last = len(self.article.steps) - 1
        if self.linked:
            self.step = 0 if where == "first" else last
        else:
            narrative = self.focused_narrative()
            if narrative is None:
                return
            own = [i for i, s in enumerate(self.article.steps) if s.scenes_of(narrative)]
            if own:
                self.positions[narrative] = own[0] if where == "first" else own[-1]
                self.refresh_view()

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

    def action_pick_speakers(self) -> None:
        """Open the speaker picker; apply what it returns."""

        def chosen(result: frozenset[str] | None) -> None:
            if result is not None:
                self.speakers = result

        self.push_screen(SpeakerPicker(self.article, self.speakers), chosen)

    def action_clear_filter(self) -> None:
        """Drop the speaker filter."""
        self.speakers = frozenset()

    def action_speaker_step(self, delta: int) -> None:
        """The next or previous beat where a chosen speaker (any, unfiltered) is quoted."""
        steps = self.article.steps
        wanted = self.speakers
        i = self.step + delta
        while 0 <= i < len(steps):
            if any(
                not wanted or q.speaker in wanted
                for s in steps[i].scenes
                for q in self.article.quotes_by_scene.get(s.id, ())
            ):
                self.linked = True
                self.step = i
                return
            i += delta
        who = "the chosen speakers" if wanted else "anyone"
        self.notify(f"No {'later' if delta > 0 else 'earlier'} beat quotes {who}.", timeout=2)

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
        """Close an overlay, else clear a mark."""
        if self.overlay:
            self.overlay = None
            self.action_narrative(self.active_narrative)
        elif self.marked_quote or self.marked_fact:
            self.marked_quote = self.marked_fact = None

    def action_help(self) -> None:
        """Show every key."""
        self.push_screen(HelpScreen())

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

    def _jump(self, scene_id: str, span) -> None:
        """Go to a scene's beat and scroll its paragraph into view."""
        scene = self.article.scene_by_id[scene_id]
        self.linked = True
        self.step = self.article.step_of_scene[scene_id]
        if scene.narrative:
            index = [n.id for n in self.article.narratives].index(scene.narrative)
            self.active_narrative = index
        if self.overlay:
            self.overlay = None
        view = self.query_one(f"#col-{scene.narrative}" if scene.narrative else "#context", SceneView)

        def scroll() -> None:
            target = view.paragraph_for(scene_id, span.paragraph) if span else None
            if target is not None:
                view.scroll_to_widget(target, animate=False, top=True)

        self.call_after_refresh(scroll)

    @on(Tabs.TabActivated, "#tabs")
    def tab_activated(self, event: Tabs.TabActivated) -> None:
        """A click on a narrative's tab shows that narrative."""
        ids = [f"tab-{n.id}" for n in self.article.narratives]
        if event.tab.id in ids:
            self.active_narrative = ids.index(event.tab.id)
