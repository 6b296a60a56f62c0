"""Turning scenes into styled text: quotes in their speaker's colour, marks and dimming.

Uses Rich only (no Textual), so it can be tested and reused by exports without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from ..core.model import Article, Scene
from ..core.search import Hit

TYPE_CHECKING = False  # typing's own flag: the review module stays off the launch path
if TYPE_CHECKING:
    from ..core.review import Anchor

# The speakers' base colours, distinct from each other; each theme moves them until they read
# on its backgrounds and keep clear of its accent (themes.speaker_palette), and passes them in.
DARK_PALETTE = ("#7dcfff", "#ffb86c", "#a6e22e", "#ff79c6", "#c3a6ff", "#f1fa8c", "#5fd7af", "#ff8787")
LIGHT_PALETTE = ("#005f87", "#9a4a00", "#2e6b1f", "#a3195b", "#5b3fa6", "#6b5e00", "#00695c", "#b00020")
#: Search hits: a background with a text colour of its own, so a hit reads in every theme (>= 6:1)
HIT, CURRENT_HIT = Style(bgcolor="#5f5f00", color="#ffffff"), Style(bgcolor="#d7af00", color="#000000", bold=True)


@dataclass(frozen=True)
class Highlights:
    """What the text should show: the speaker filter, the chosen quote or fact, the theme."""

    speakers: frozenset[str] = frozenset()
    marked_quote: str | None = None
    marked_fact: str | None = None
    dark: bool = True
    hits: tuple[Hit, ...] = ()
    current_hit: Hit | None = None
    #: the words a guess under review rests on (the editing screen)
    anchor: Anchor | None = None
    #: the speakers' colours in the theme shown (empty: the base palette of a dark or light theme)
    palette: tuple[str, ...] = ()
    #: the theme's muted text colour, for the quotes a filter leaves out (None: dim them)
    muted: str | None = None


def speaker_colours(article: Article, dark: bool = True, palette: tuple[str, ...] = ()) -> dict[str, str]:
    """A colour per speaker, in the order they are declared."""
    palette = palette or (DARK_PALETTE if dark else LIGHT_PALETTE)
    return {s.id: palette[i % len(palette)] for i, s in enumerate(article.speakers)}


def paragraph_text(article: Article, scene: Scene, index: int, hl: Highlights) -> Text:
    """One paragraph with its quotes styled and any mark applied."""
    text = Text(scene.paragraphs[index])
    colours = speaker_colours(article, hl.dark, hl.palette)
    filtering = bool(hl.speakers)
    # outer quotes first, so words nested inside them (another speaker's) are styled last and win
    spans = [
        (article.quote_spans[q.id], q)
        for q in article.quotes_by_scene.get(scene.id, ())
        if q.id in article.quote_spans and article.quote_spans[q.id].paragraph == index
    ]
    spans.sort(key=lambda item: (item[0].start, -item[0].end))
    for span, quote in spans:
        if filtering and quote.speaker not in hl.speakers:
            # the theme's muted colour where known: dim text fell below AA in several themes
            style = Style(italic=True, color=hl.muted) if hl.muted else Style(italic=True, dim=True)
        else:
            # italic as well as colour, so quoted words show on a monochrome terminal too
            style = Style(color=colours.get(quote.speaker), italic=True, bold=filtering)
        if quote.id == hl.marked_quote:
            style += Style(reverse=True)
        text.stylize(style, span.start, span.end)
    if hl.marked_fact and (fact_span := article.fact_spans.get(hl.marked_fact)):
        fact = article.fact_by_id[hl.marked_fact]
        if fact.scene == scene.id and fact_span.paragraph == index:
            text.stylize(Style(underline=True, bold=True, reverse=True), fact_span.start, fact_span.end)
    _mark_hits(text, [h for h in hl.hits if h.scene == scene.id and h.paragraph == index and h.figure is None], hl, 0)
    anchor = hl.anchor
    if anchor is not None and anchor.scene == scene.id and anchor.paragraph == index:
        # underline and bold as well as the background, so it shows on a monochrome terminal too
        text.stylize(Style(bgcolor="#3a3a70" if hl.dark else "#d7d7ff", underline=True, bold=True), anchor.start, anchor.end)
    return text


def _mark_hits(text: Text, hits: list[Hit], hl: Highlights, offset: int) -> None:
    """Style search hits in a text, the current one brighter; `offset` is where the searched words start in it."""
    for hit in hits:
        # underline as well as colour, so hits show on a monochrome terminal too
        current = hit == hl.current_hit
        text.stylize((CURRENT_HIT if current else HIT) + Style(underline=True), offset + hit.start, offset + hit.end)


#: what a figure's line starts with, before its caption and credit
FIGURE_LEAD = "▣ Image: "


def figure_text(scene: Scene, figure: int, hl: Highlights) -> Text:
    """A figure's caption and credit, with the search hits in them."""
    text = Text(FIGURE_LEAD + scene.figures[figure].text)
    _mark_hits(text, [h for h in hl.hits if h.scene == scene.id and h.figure == figure], hl, len(FIGURE_LEAD))
    return text


def paragraph_has_mark(article: Article, scene: Scene, index: int, hl: Highlights) -> bool:
    """True when the marked quote or fact, or the current search hit, stands in this paragraph."""
    anchor = hl.anchor
    if anchor is not None and anchor.scene == scene.id and anchor.paragraph == index:
        return True
    hit = hl.current_hit
    if hit is not None and hit.scene == scene.id and hit.paragraph == index and hit.figure is None:
        return True
    for mark, spans, items in (
        (hl.marked_quote, article.quote_spans, article.quotes_by_scene.get(scene.id, ())),
        (hl.marked_fact, article.fact_spans, article.facts_by_scene.get(scene.id, ())),
    ):
        if mark and any(item.id == mark for item in items) and spans.get(mark) and spans[mark].paragraph == index:
            return True
    return False
