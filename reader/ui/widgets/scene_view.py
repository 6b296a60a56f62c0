"""Columns of running text: one per narrative, and a full-width pane for context scenes."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...core.model import Article, Scene
from ..plain import plain
from ..render import Highlights, paragraph_has_mark, paragraph_text


def body_ready(view: "SceneView") -> bool:
    """True once a view has drawn something (a first, empty show must still draw)."""
    return bool(view.query_one(".column-body").children)


class Paragraph(Static):
    """One verbatim paragraph of a scene, restyled in place when highlights change."""

    def __init__(self, article: Article, scene: Scene, index: int, hl: Highlights) -> None:
        marked = paragraph_has_mark(article, scene, index, hl)
        #: the styled text shown, kept so tests and copy can read the spans
        self.text = paragraph_text(article, scene, index, hl)
        super().__init__(self.text, classes="paragraph -marked" if marked else "paragraph")
        self.article, self.scene, self.index = article, scene, index

    def reset(self, article: Article, scene: Scene, index: int, hl: Highlights) -> None:
        """Show another paragraph in this widget (reused rather than remounted on a new beat)."""
        self.article, self.scene, self.index = article, scene, index
        self.restyle(hl)

    def restyle(self, hl: Highlights) -> None:
        """Re-render with new highlights; mark the paragraph holding the chosen quote or fact."""
        self.text = paragraph_text(self.article, self.scene, self.index, hl)
        self.update(self.text)
        self.set_class(paragraph_has_mark(self.article, self.scene, self.index, hl), "-marked")


class SceneView(VerticalScroll):
    """A scrollable column with the scenes of one narrative (or the context) at the current step."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
    ]

    def __init__(self, article: Article, title: str, empty_text: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article
        self.column_title = title
        self.empty_text = empty_text
        self.scenes: tuple[Scene, ...] = ()
        self.note: str | None = None

    def compose(self) -> ComposeResult:
        """A heading with the narrative's title and position, then the text."""
        yield Static(plain(self.column_title), classes="column-title")
        yield Static("", classes="column-position")
        yield Vertical(classes="column-body")

    def show(self, scenes: tuple[Scene, ...], position: str, hl: Highlights, note: str | None = None) -> None:
        """Replace the text with these scenes; only the current step's paragraphs are mounted.

        Without scenes the column says it has nothing here, or shows `note` (an introduction).
        """
        self.query_one(".column-position", Static).update(position)
        if scenes == self.scenes and note == self.note and body_ready(self):
            self.restyle(hl)
            return
        self.scenes, self.note = scenes, note
        body = self.query_one(".column-body", Vertical)
        # (text, classes) for a plain block, (scene, index) for a paragraph
        blocks: list[tuple[Text, str] | tuple[Scene, int]] = []
        if not scenes and note:
            blocks.append((Text(note), "intro"))
        elif not scenes and self.empty_text:
            blocks.append((plain(self.empty_text), "empty"))  # it holds a storyline title
        for scene in scenes:
            blocks.append((Text(scene.title, style="bold"), "scene-title"))
            figures = sorted(scene.figures, key=lambda f: f.after)
            for i in range(len(scene.paragraphs) + 1):
                for fig in figures:
                    if fig.after == i:
                        blocks.append((Text(f"▣ Image: {fig.caption} ({fig.credit})"), "figure"))
                if i < len(scene.paragraphs):
                    blocks.append((scene, i))
        self._fill(body, blocks, hl)
        self.scroll_home(animate=False)

    def _fill(self, body: Vertical, blocks: list[tuple[Text, str] | tuple[Scene, int]], hl: Highlights) -> None:
        """Show the blocks in the body, reusing the widgets already there where the kind matches.

        A new beat used to remove every widget and mount new ones: each mount is a round of
        messages, a CSS match and a layout of its own. A beat of the same shape as the last
        (a title, then paragraphs) now changes the text of the widgets it has (issue 17).
        """
        existing = list(body.children)
        reused = 0
        for block, widget in zip(blocks, existing, strict=False):
            first, second = block
            if isinstance(first, Scene) and isinstance(second, int) and type(widget) is Paragraph:
                widget.reset(self.article, first, second, hl)
            elif not isinstance(first, Scene) and isinstance(second, str) and type(widget) is Static:
                widget.update(first)
                widget.set_classes(second)
            else:
                break
            reused += 1
        if reused < len(existing):
            body.remove_children(existing[reused:])
        fresh: list[Static] = []
        for first, second in blocks[reused:]:
            if isinstance(first, Scene) and isinstance(second, int):
                fresh.append(Paragraph(self.article, first, second, hl))
            elif not isinstance(first, Scene) and isinstance(second, str):
                fresh.append(Static(first, classes=second))
        if fresh:
            body.mount_all(fresh)

    def restyle(self, hl: Highlights) -> None:
        """Apply new highlights to the mounted paragraphs without remounting them."""
        for para in self.query(Paragraph):
            para.restyle(hl)

    def paragraph_for(self, scene_id: str, index: int) -> Paragraph | None:
        """The mounted widget of a paragraph, if it is on screen."""
        for para in self.query(Paragraph):
            if para.scene.id == scene_id and para.index == index:
                return para
        return None
