"""Side panels: the quotes of the beat (or of the whole article) and the facts by category."""

from __future__ import annotations

from typing import Any, cast

from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.reactive import Reactive
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.model import Article, Fact, Quote, Step
from ...core.words import counted
from ..messages import FactChosen, QuoteChosen
from ..render import speaker_colours
from ..themes import speaker_palette
from .hanging import Hanging
from .safe import SafeOptionList

CATEGORY_ORDER = ("people", "places", "time", "numbers", "units", "sources")


class SidePanel(SafeOptionList):
    """A list of the side: its height is the layout's (1fr), whatever it holds."""

    # an OptionList measures its lines as it renders, and a new measure asks for a layout and a
    # frame more; a side panel's size never follows its content, and its scroll bars are
    # refreshed by the list's own update (see ColumnBody, issue 17)
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class QuotesPanel(SidePanel):
    """The quotes of the current beat, or of the whole article in reading order under beat labels.

    Each quote's attribution is one line, the speaker's name; the highlighted quote adds the
    speaker's role (the who's who, `i`, lists every role).
    """

    def __init__(self, article: Article, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article
        self.quote_ids: tuple[str, ...] = ()
        self._palette: tuple[str, ...] | None = None
        self._empty: str | None = None
        self._colours: dict[str, str] = {}
        #: the quote shown with its speaker's role: the highlighted one
        self.expanded: str | None = None
        self.border_subtitle = "i who's who"
        #: in the list of all quotes: where each beat's label stands, and the beat last scrolled to
        self.label_at: dict[int, int] = {}
        self._beat_shown: int | None = None

    def show(self, step: Step | None, all_quotes: bool, speakers: frozenset[str], dark: bool, marked: str | None) -> None:
        """List the quotes in scope, keeping only the chosen speakers when a filter is on."""
        article = self.article
        if all_quotes or step is None:
            quotes = article.quotes_in_reading_order
        else:
            in_beat = (q for s in step.scenes for q in article.quotes_by_scene.get(s.id, ()))
            quotes = tuple(sorted(in_beat, key=lambda q: article.reading_rank[q.id]))
        if speakers:
            quotes = tuple(q for q in quotes if q.speaker in speakers)
        # words quoted inside another listed quote show once, inside it
        quotes = article.listed_once(quotes)
        scope = "all beats" if all_quotes or step is None else "this beat"
        self.border_title = f"Quotes · {scope} ({len(quotes)})"
        ids = tuple(q.id for q in quotes)
        empty = "" if quotes else ("No quotes by the chosen speakers here." if speakers else "No quotes at this beat.")
        # the empty line counts too: clearing a filter on an empty beat changes what it says
        palette = speaker_palette(self.app.current_theme)
        if ids != self.quote_ids or palette != self._palette or empty != self._empty:
            self._palette, self._empty = palette, empty
            self.quote_ids = ids
            self.expanded = None
            self.label_at, self._beat_shown = {}, None
            self._colours = speaker_colours(article, dark, palette)
            options: list[Option | None] = []
            labelled = all_quotes or step is None
            beat = None
            for q in quotes:
                at = article.step_of_scene.get(q.scene)
                if labelled and at != beat:
                    beat = at
                    if options:
                        options.append(None)
                    if at is not None:
                        self.label_at[at] = sum(o is not None for o in options)  # the index it will have
                    options.append(Option(self._beat_label(at), disabled=True))
                elif options:
                    options.append(None)  # a rule between quotes keeps long ones apart
                options.append(Option(self._prompt(q), id=q.id))
            self.set_options(options)
            if empty:
                self.add_option(Option(Content.styled(empty, "italic $text-muted"), disabled=True))
        quote = self.article.quote_by_id.get(marked or "")
        # words nested in another quote are listed inside it: the outer quote stands for them
        shown = marked if marked in self.quote_ids else quote.within if quote else None
        if shown in self.quote_ids:
            self.highlighted = self.get_option_index(shown)
        elif self.label_at and step is not None:
            self._follow(article.step_by_key.get(step.key, 0))

    def _follow(self, beat: int) -> None:
        """In the list of all quotes, bring the reader's beat (or the next one with quotes) to the top, its first quote highlighted."""
        if beat == self._beat_shown:
            return
        self._beat_shown = beat
        later = [at for at in self.label_at if at >= beat]
        if later:
            index = self.label_at[min(later)]
            self.highlighted = index + 1  # the cursor on the beat's first quote, so Enter there jumps to it
            self.call_after_refresh(lambda: self.scroll_to(y=self._index_to_line.get(index, 0), animate=False, immediate=True))

    def _beat_label(self, step: int | None) -> Text:
        """The label over a beat's quotes in the list of all quotes."""
        if step is None:
            return Text("Not in a beat", style="bold")
        return Text(f"Beat {step + 1} · {self.article.steps[step].title}", style="bold")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted quote shows its speaker's role; the one before goes back to the name alone."""
        event.stop()
        chosen = event.option.id if event.option.id in self.article.quote_by_id else None
        if chosen == self.expanded:
            return
        previous, self.expanded = self.expanded, chosen
        for quote_id in (previous, chosen):
            if quote_id is not None and quote_id in self.quote_ids:
                self.replace_option_prompt(quote_id, self._prompt(self.article.quote_by_id[quote_id]))
        if chosen is not None:
            self.call_after_refresh(self.scroll_to_highlight)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a quote: say which was chosen."""
        event.stop()
        if event.option.id:
            self.post_message(QuoteChosen(event.option.id))

    def _prompt(self, quote: Quote) -> Content:
        """A quote's words with who said them underneath: the name, and the role when highlighted.

        Content, not Rich Text, so the muted colour is the theme's own (legible on a selected row
        too); article text in it is never read as markup.
        """
        speaker = self.article.speaker_by_id[quote.speaker]
        parts: list[tuple[str, str]] = [
            (f"“{quote.text}”", f"italic {self._colours.get(quote.speaker, '')}".strip()),
            (f"\n— {speaker.name}", "$text-muted"),
        ]
        if quote.id == self.expanded:
            parts.append((f"\n  {speaker.role}", "italic $text-muted"))
        quoting = self.article.quoting(quote)
        if quoting:
            parts.append(("\n  quoting " + ", ".join(s.in_sentence for s in quoting), "$text-muted"))
        return Content.assemble(*parts)


class FactsPanel(SidePanel):
    """The facts grouped by category; those resting on the current beat are marked, the chosen one stands out.

    The first line says how many facts rest on the beat (or that none do); a beat's first fact
    (or the chosen one) is scrolled into view under its category heading.
    """

    #: the status line's place: first, without an id, so no fact's id can clash with it
    STATUS = 0

    def __init__(self, article: Article, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article
        self.current: frozenset[str] = frozenset()
        self.marked: str | None = None
        self.scope: str | None = None  # what the status line says the marks are for
        categories = {f.category for f in article.facts}
        # known categories in a fixed order, then any others alphabetically
        self.categories = [c for c in CATEGORY_ORDER if c in categories] + sorted(categories - set(CATEGORY_ORDER))
        self.by_category: dict[str, list[Fact]] = {}
        for fact in article.facts:
            self.by_category.setdefault(fact.category, []).append(fact)
        #: the index of each category's heading in the list
        self.heading_at: dict[str, int] = {}
        self._title = ""

    def show(self, step: Step | None, marked: str | None = None) -> None:
        """Mark the facts of the current beat (none unlinked), re-rendering only the facts whose mark changed."""
        current = frozenset(f.id for s in (step.scenes if step else ()) for f in self.article.facts_by_scene.get(s.id, ()))
        scope = "beat" if step is not None else "all"
        if not self.option_count:
            options: list[Option] = [Option(self._status(current, scope), disabled=True)]
            for category in self.categories:
                self.heading_at[category] = len(options)
                options.append(Option(Text(category.upper(), style="bold"), disabled=True))
                options.extend(Option(self._prompt(f.id, f.id in current, f.id == marked), id=f.id) for f in self.by_category.get(category, ()))
            self.set_options(options)
        elif current != self.current or marked != self.marked or scope != self.scope:
            # a step changes the marks of a handful of facts; the rest of the list stays as it is
            for fact_id in (self.current ^ current) | ({self.marked, marked} - {None}):
                if fact_id in self.article.fact_by_id:
                    self.replace_option_prompt(fact_id, self._prompt(fact_id, fact_id in current, fact_id == marked))
            self.replace_option_prompt_at_index(self.STATUS, self._status(current, scope))
        else:
            return
        self.current, self.marked, self.scope = current, marked, scope
        self.name_category()
        chosen = marked if marked in current else None
        first = self.get_option_index(chosen) if chosen else min((self.get_option_index(f) for f in current), default=None)
        # the cursor waits on the chosen fact, else the beat's first, so Enter there jumps to it;
        # with no fact here it leaves the last beat's fact, and the list shows what it says from the top
        self.highlighted = first
        if first is None:
            self.scroll_home(animate=False)
        elif self._index_to_line and self.scrollable_content_region:
            # laid out before, and a step changes no fact's height: scrolled now, in this step's
            # frame, rather than in a frame of its own after it (issue 17)
            self.reveal(first)
        else:
            self.call_after_refresh(self.reveal, first)

    def reveal(self, index: int) -> None:
        """Scroll a fact into view under its category heading, or to the top where both do not fit."""
        if not self.is_mounted or index >= self.option_count or not self.scrollable_content_region:
            return
        fact = self.article.fact_by_id.get(self.get_option_at_index(index).id or "")
        heading = self.heading_at.get(fact.category) if fact else None
        lines, heights = self._index_to_line, self._heights
        if heading is not None and index in lines and heading in lines:
            top, bottom = lines[heading], lines[index] + heights[index]
            if bottom - top <= self.scrollable_content_region.height:
                self.scroll_to(y=top, animate=False, immediate=True)
                return
        self.scroll_to_highlight(top=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled: the border names the category at the top while its heading is out of sight."""
        super().watch_scroll_y(old_value, new_value)
        self.name_category()

    def name_category(self) -> None:
        """The border's title: the facts here, and the category of the top line when its heading is scrolled off."""
        here = len(self.current)
        title = f"Facts ({here} here)" if here else "Facts"
        lines = self._line_cache.lines  # as laid out so far: scrolling never lays out
        top = round(self.scroll_y)
        if 0 <= top < len(lines):
            index = lines[top][0]
            headings = [(at, c) for c, at in self.heading_at.items() if at <= index]
            if headings:
                at, category = max(headings)
                if at < index:  # the heading is above the top line
                    title += f" · {category.upper()}"
        if title != self._title:
            self._title = title
            self.border_title = Content(title)  # Content, not a str: a str would be read as markup

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a fact: say which was chosen."""
        event.stop()
        if event.option.id and event.option.id in self.article.fact_by_id:
            self.post_message(FactChosen(event.option.id))

    def _replace_option_prompt(self, index: int, prompt: VisualType) -> None:
        """Swap a prompt without re-measuring every option (Textual 8.2 re-measures them all).

        A marked and an unmarked fact take the same lines (the marker is as wide as its
        blank), so the line map stays valid and only the rendered lines need redrawing. With
        24,000 facts this keeps a step at a few milliseconds instead of a quarter second.
        Where the new prompt takes another number of lines (the status line at a narrow width),
        the list is measured again.
        """
        option = self.get_option_at_index(index)
        width = self.scrollable_content_region.width
        rules = cast(RulesMap, self.styles)
        before = self._get_visual(option).get_height(rules, width) if width else 0
        option._set_prompt(prompt)
        if width and self._get_visual(option).get_height(rules, width) != before:
            super()._replace_option_prompt(index, prompt)
            return
        # only this option's rendering is stale: the others' stay cached (re-rendering every fact
        # in sight, each wrapped anew, was the largest part of drawing a step)
        cache = self._option_render_cache
        for key in [key for key in cache.keys() if key[0] is option]:
            cache.discard(key)
        self.refresh()

    def _status(self, current: frozenset[str], scope: str) -> Content:
        """The first line: how many facts rest on this beat, or that none do."""
        if scope == "all":
            return Content.styled("Unlinked: every beat's facts.", "italic $text-muted")
        if not current:
            return Content.styled("No facts at this beat.", "italic $text-muted")
        return Content.styled(f"{counted(len(current), 'fact')} at this beat, marked ●", "$text-muted")

    def _prompt(self, fact_id: str, here: bool, chosen: bool = False) -> Hanging:
        """A fact's line: a marker when it rests on the current beat (▶ when chosen), its label and value."""
        fact = self.article.fact_by_id[fact_id]
        lead = Content.styled("▶ " if chosen else "● " if here else "  ", "bold")
        label = "bold reverse" if chosen else "bold" if here else ""
        parts: list[tuple[str, str]] = [(fact.label, label), (f": {fact.value}", "" if here else "$text-muted")]
        claimed_by = self.article.according_to(fact)
        if claimed_by:  # a claim the text attributes keeps its attribution beside it
            parts.append((f" (according to {claimed_by})", "italic $text-muted"))
        # wrapped lines start two cells in from the label, so a long fact reads as one
        return Hanging(lead, Content.assemble(*parts), indent=4)
