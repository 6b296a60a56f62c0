"""The source view: the original seed text, showing what the content keeps and leaves out.

Body paragraphs of the current scene are highlighted, quotes and fact spans marked; the
metadata line, the publisher's appeal and the image captions are dimmed and labelled. Enter on
a paragraph goes to its scene: a reader can see for himself that nothing was lost or invented.
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.errors import ContentError
from ...core.loader import read_text, seed_file
from ...core.model import Article
from ...core.navigation import SceneTarget
from ...core.seed import Seed, parse_seed
from ..plain import plain
from ..render import Highlights, paragraph_text
from ..widgets.safe import SafeOptionList
from . import Dialog, hints

_MARKER = re.compile(r"open image in gallery\s*", re.I)
#: the id prefix of the blocks the article leaves out: without the "#" every paragraph's id holds
LEFT_OUT = "left-out-"
#: what each kind of block left out is called
_KINDS = {"meta": "metadata", "dropped": ""}


def left_out_label(kind: str, why: str) -> str:
    """Why a block was left out, its kind said once: "left out as metadata: the article's date"."""
    name = _KINDS.get(kind, kind)
    if not name:
        return f"left out: {why}" if why else "left out"
    if not why or why.casefold() == name:
        return f"left out as {name}"
    # the seed's reason often names the kind itself ("metadata: the article's date")
    return f"left out as {why}" if why.casefold().startswith(name) else f"left out as {name}: {why}"


def load_seed_for(article: Article) -> Seed | None:
    """The article's seed, read relative to the article file; None when it has none or it is gone."""
    # seed_file keeps to the article's folder (SECURITY.md); read_text refuses devices and controls
    path = seed_file(article, Path(article.path).parent if article.path else None)
    if path is None:
        return None
    try:
        return parse_seed(read_text(path))
    except ContentError:
        return None


class SourceScreen(Dialog):
    """The seed, block by block; returns the scene of the chosen paragraph."""

    BINDINGS = [
        Binding("escape,v,q", "close", "Close"),
    ]

    def __init__(self, article: Article, seed: Seed, current: set[str], hl: Highlights) -> None:
        super().__init__()
        self.article = article
        self.seed = seed
        self.current = current
        self.hl = self.shown(hl)
        #: the index of the beat's first paragraph in the list, once it is filled
        self.first_current: int | None = None

    @staticmethod
    def shown(hl: Highlights) -> Highlights:
        """What of the highlights the source view shows (not the search hits)."""
        return Highlights(hl.speakers, hl.marked_quote, hl.marked_fact, hl.dark, palette=hl.palette, muted=hl.muted)

    def reopen(self, current: set[str] | None = None, hl: Highlights | None = None) -> SourceScreen:
        """Open again (kept between openings): on the beat's first paragraph, as a new one opens.

        On another beat, or with other highlights, the paragraphs whose look changes are drawn
        anew (the beat's paragraphs and those of the beat before, the quotes of a speaker followed
        or no longer): the rest of the list, and its widgets, are kept.
        """
        shown = self.hl if hl is None else self.shown(hl)
        current = self.current if current is None else current
        changed = (current, shown) != (self.current, self.hl)
        self.current, self.hl = current, shown
        if self.is_mounted:
            source = self.query_one(SafeOptionList)
            if changed:
                options, self.first_current = self._options()
                prompts = [option.prompt for option in options if option is not None]
                source.replace_prompts({i: new for i, (old, new) in enumerate(zip(source.options, prompts, strict=True)) if old.prompt != new})
            source.highlighted = self.first_current
            source.scroll_home(animate=False, immediate=True)
            if self.first_current is not None:
                source.scroll_to_highlight(top=True)
            if self.focused is not source:
                source.focus()
        return self

    def compose(self) -> ComposeResult:
        """A title, a legend, the text."""
        meta = self.article.meta
        with Vertical(id="source", classes="dialog"):
            yield Static(plain(f"The original text · {meta.source}, {meta.date}"), classes="modal-title")
            legend = Text.assemble(
                ("▌", "bold"), " this beat's paragraphs · ",
                ("quotes", "italic"), " · ", ("fact spans", "underline"), " · ",
                ("left out", "dim"), " · Enter goes to a paragraph's scene · Esc closes",
            )
            yield from hints(legend, "▌ this beat · Enter goes · Esc closes")
            yield SafeOptionList(id="source-text")

    def on_mount(self) -> None:
        """Lay out the seed's blocks in order, with the scene each body paragraph went to."""
        options, first_current = self._options()
        source = self.query_one(OptionList)
        source.add_options(options)
        self.first_current = first_current
        if first_current is not None:
            source.highlighted = first_current
            # once laid out: before, the list has no lines to scroll by, and the beat opened out of sight
            self.call_after_refresh(source.scroll_to_highlight, top=True)
        source.focus()

    def _options(self) -> tuple[list[Option | None], int | None]:
        """The seed's blocks as options (None: a rule between two), and the index of the beat's first paragraph among them."""
        article = self.article
        where = [(scene, i) for scene in article.scenes for i in range(len(scene.paragraphs))]
        options: list[Option | None] = []
        body_index = 0
        first_current = None
        previous = None  # the scene of the paragraph above: a scene's title heads only its first

        def add(option: Option) -> None:
            if options:
                options.append(None)  # a rule between blocks, as the seed's blank lines part them
            options.append(option)

        for kind, text, why in self.seed.blocks:
            if kind == "body":
                scene, i = where[body_index] if body_index < len(where) else (None, 0)
                body_index += 1
                if scene is None:
                    add(Option(Text(text), disabled=True))
                    continue
                prompt = paragraph_text(article, scene, i, self.hl)
                for fact in article.facts_by_scene.get(scene.id, ()):
                    span = article.fact_spans.get(fact.id)
                    if span and span.paragraph == i:
                        prompt.stylize(Style(underline=True), span.start, span.end)
                here = scene.id in self.current
                if here:
                    prompt.stylize(Style(bold=True))
                    if first_current is None:
                        first_current = sum(o is not None for o in options)  # the index it will have
                if scene is not previous:
                    label = Text(f"▌ {scene.title} (this beat)", style="bold") if here else Text(scene.title, style="dim")
                    prompt = Text.assemble(label, "\n", prompt)
                elif here:
                    prompt = Text.assemble(("▌ ", "bold"), prompt)
                previous = scene
                add(Option(prompt, id=f"{scene.id}#{body_index}"))
            elif kind == "figure":
                # the gallery marker is what is left out; the caption and credit became a figure
                marker = _MARKER.match(text)
                cut = marker.end() if marker else 0
                prompt = Text.assemble(
                    ("[left out: the words ‘open image in gallery’; the caption and credit are kept as a figure]", "bold dim"),
                    "\n", (text[:cut], "dim strike"), (text[cut:], "dim italic"),
                )
                # not a scene's: Enter says so, but the cursor stops here, so the keyboard reaches it
                add(Option(prompt, id=f"{LEFT_OUT}{len(options)}"))
            else:
                prompt = Text.assemble((f"[{left_out_label(kind, why)}]", "bold dim"), "\n", (text, "dim"))
                add(Option(prompt, id=f"{LEFT_OUT}{len(options)}"))
        return options, first_current

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a paragraph goes to its scene; on a block left out, says there is nowhere to go."""
        option_id = event.option.id or ""
        if "#" not in option_id:
            self.notify("This block was left out of the article: it has no scene to go to.", timeout=3)
        elif option_id:
            self.dismiss(SceneTarget(option_id.split("#", 1)[0]))
