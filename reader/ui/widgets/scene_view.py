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
from ..render import Highlights, figure_text, paragraph_has_mark, paragraph_text


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

    def restyle(self, hl: Highlights) -> None:
        """Re-render with new highlights; mark the paragraph holding the chosen quote or fact."""
        self.text = paragraph_text(self.article, self.scene, self.index, hl)
        self.update(self.text)
        self.set_class(paragraph_has_mark(self.article, self.scene, self.index, hl), "-marked")


class FigureLine(Static):
    """A figure's caption and credit, restyled in place when search hits change."""

    def __init__(self, scene: Scene, index: int, hl: Highlights) -> None:
        #: the styled text shown, kept so tests can read the spans
        self.text = figure_text(scene, index, hl)
        super().__init__(self.text, classes="figure")
        self.scene, self.index = scene, index

    def restyle(self, hl: Highlights) -> None:
        """Re-render with new hits; mark the figure holding the current one."""
        self.text = figure_text(self.scene, self.index, hl)
        self.update(self.text)
        hit = hl.current_hit
        self.set_class(hit is not None and hit.scene == self.scene.id and hit.figure == self.index, "-marked")


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
        body.remove_children()
        widgets: list[Static] = []
        if not scenes and note:
            widgets.append(Static(Text(note), classes="intro"))
        elif not scenes and self.empty_text:
            widgets.append(Static(plain(self.empty_text), classes="empty"))  # it holds a storyline title
        for scene in scenes:
            widgets.append(Static(Text(scene.title, style="bold"), classes="scene-title"))
            figures = sorted(enumerate(scene.figures), key=lambda item: item[1].after)
            for i in range(len(scene.paragraphs) + 1):
                widgets += [FigureLine(scene, n, hl) for n, fig in figures if fig.after == i]
                if i < len(scene.paragraphs):
                    widgets.append(Paragraph(self.article, scene, i, hl))
        body.mount_all(widgets)
        self.scroll_home(animate=False)

    def restyle(self, hl: Highlights) -> None:
        """Apply new highlights to the mounted paragraphs without remounting them."""
        for para in self.query(Paragraph):
            para.restyle(hl)
        for figure in self.query(FigureLine):
            figure.restyle(hl)

    def figure_for(self, scene_id: str, index: int) -> FigureLine | None:
        """The mounted widget of a figure, if it is on screen."""
        return next((f for f in self.query(FigureLine) if f.scene.id == scene_id and f.index == index), None)

    def paragraph_for(self, scene_id: str, index: int) -> Paragraph | None:
        """The mounted widget of a paragraph, if it is on screen."""
        for para in self.query(Paragraph):
            if para.scene.id == scene_id and para.index == index:
                return para
        return None
