"""Side panels: the quotes of the beat (or of the whole article) and the facts by category."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.model import Article, Fact, Quote, Step
from ..messages import FactChosen, QuoteChosen
from ..render import speaker_colours
from ..themes import speaker_palette
from .safe import SafeOptionList

CATEGORY_ORDER = ("people", "places", "time", "numbers", "units", "sources")


class QuotesPanel(SafeOptionList):
    """The quotes of the current beat, or of the whole article, with speaker and role."""

    def __init__(self, article: Article, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article
        self.quote_ids: tuple[str, ...] = ()
        self._palette: tuple[str, ...] | None = None
        self._empty: str | None = None

    def show(self, step: Step | None, all_quotes: bool, speakers: frozenset[str], dark: bool, marked: str | None) -> None:
        """List the quotes in scope, keeping only the chosen speakers when a filter is on."""
        if all_quotes or step is None:
            quotes = self.article.quotes
        else:
            quotes = tuple(q for s in step.scenes for q in self.article.quotes_by_scene.get(s.id, ()))
        if speakers:
            quotes = tuple(q for q in quotes if q.speaker in speakers)
        # words quoted inside another listed quote show once, inside it
        quotes = self.article.listed_once(quotes)
        scope = "all" if all_quotes else "this beat"
        self.border_title = f"Quotes · {scope} ({len(quotes)})"
        ids = tuple(q.id for q in quotes)
        empty = "" if quotes else ("No quotes by the chosen speakers here." if speakers else "No quotes at this beat.")
        # the empty line counts too: clearing a filter on an empty beat changes what it says
        palette = speaker_palette(self.app.current_theme)
        if ids != self.quote_ids or palette != self._palette or empty != self._empty:
            self._palette, self._empty = palette, empty
            self.quote_ids = ids
            colours = speaker_colours(self.article, dark, palette)
            options: list[Option | None] = []
            for q in quotes:
                if options:
                    options.append(None)  # a rule between quotes keeps long ones apart
                options.append(Option(self._prompt(q, colours), id=q.id))
            self.set_options(options)
            if empty:
                self.add_option(Option(Text(empty, style="italic"), disabled=True))
        if marked in self.quote_ids:
            self.highlighted = self.get_option_index(marked)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a quote: say which was chosen."""
        event.stop()
        if event.option.id:
            self.post_message(QuoteChosen(event.option.id))

    def _prompt(self, quote: Quote, colours: dict[str, str]) -> Content:
        """A quote's words with who said them underneath, in the theme's muted text colour.

        Content, not Rich Text, so the muted colour is the theme's own (legible on a selected row
        too); article text in it is never read as markup.
        """
        speaker = self.article.speaker_by_id[quote.speaker]
        parts: list[tuple[str, str]] = [
            (f"“{quote.text}”", f"italic {colours.get(quote.speaker, '')}".strip()),
            (f"\n— {speaker.name}, {speaker.role}", "$text-muted"),
        ]
        quoting = self.article.quoting(quote)
        if quoting:
            parts.append(("\n  quoting " + ", ".join(s.in_sentence for s in quoting), "$text-muted"))
        return Content.assemble(*parts)


class FactsPanel(SafeOptionList):
    """The facts grouped by category; those resting on the current beat are marked."""

    def __init__(self, article: Article, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article
        self.current: frozenset[str] = frozenset()
        categories = {f.category for f in article.facts}
        # known categories in a fixed order, then any others alphabetically
        self.categories = [c for c in CATEGORY_ORDER if c in categories] + sorted(categories - set(CATEGORY_ORDER))
        self.by_category: dict[str, list[Fact]] = {}
        for fact in article.facts:
            self.by_category.setdefault(fact.category, []).append(fact)

    def show(self, step: Step | None) -> None:
        """Mark the facts of the current beat, re-rendering only the facts whose mark changed."""
        current = frozenset(f.id for s in (step.scenes if step else ()) for f in self.article.facts_by_scene.get(s.id, ()))
        here = len(current)
        self.border_title = f"Facts ({here} here)" if here else "Facts"
        if not self.option_count:
            options: list[Option] = []
            for category in self.categories:
                options.append(Option(Text(category.upper(), style="bold"), disabled=True))
                options.extend(Option(self._prompt(f.id, f.id in current), id=f.id) for f in self.by_category.get(category, ()))
            self.set_options(options)
        elif current != self.current:
            # a step changes the marks of a handful of facts; the rest of the list stays as it is
            for fact_id in self.current ^ current:
                self.replace_option_prompt(fact_id, self._prompt(fact_id, fact_id in current))
        else:
            return
        self.current = current
        first = min((self.get_option_index(f) for f in current), default=None)
        if first is not None:
            # the cursor waits on the beat's first fact, so Enter there jumps to it
            self.highlighted = first
            self.call_after_refresh(self.scroll_to_highlight, top=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a fact: say which was chosen."""
        event.stop()
        if event.option.id:
            self.post_message(FactChosen(event.option.id))

    def _replace_option_prompt(self, index: int, prompt: VisualType) -> None:
        """Swap a prompt without re-measuring every option (Textual 8.2 re-measures them all).

        A marked and an unmarked fact take the same lines (the marker is as wide as its
        blank), so the line map stays valid and only the rendered lines need redrawing. With
        24,000 facts this keeps a step at a few milliseconds instead of a quarter second.
        """
        self.get_option_at_index(index)._set_prompt(prompt)
        self._option_render_cache.clear()
        self.refresh()

    def _prompt(self, fact_id: str, here: bool) -> Content:
        """A fact's line: a marker when it rests on the current beat, its label and value (Content: never markup)."""
        fact = self.article.fact_by_id[fact_id]
        parts: list[tuple[str, str]] = [
            ("● " if here else "  ", "bold"),
            (fact.label, "bold"),
            (f": {fact.value}", "" if here else "$text-muted"),
        ]
        claimed_by = self.article.according_to(fact)
        if claimed_by:  # a claim the text attributes keeps its attribution beside it
            parts.append((f" (according to {claimed_by})", "italic $text-muted"))
        return Content.assemble(*parts)
