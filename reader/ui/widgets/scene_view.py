"""Columns of running text: one per narrative, and a full-width pane for context scenes."""

from __future__ import annotations

from typing import Any, NamedTuple, TypeVar

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import AwaitMount, Widget
from textual.widgets import Static

from ...core.model import Article, Scene
from ..plain import plain
from ..render import Highlights, figure_text, paragraph_has_mark, paragraph_text

#: spare widgets a column keeps hidden for the next beats (a beat of the bundled article has at most 14 blocks)
SPARES_KEPT = 24

W = TypeVar("W", bound=Widget)


def body_ready(view: "SceneView") -> bool:
    """True once a view has drawn something (a first, empty show must still draw)."""
    return any(widget.display for widget in view.body.children)


class FigureAt(NamedTuple):
    """Where a figure stands: its scene and its index in the scene's figures."""

    scene: Scene
    number: int


#: a block of a column: (text, classes) for a plain block, (scene, index) for a paragraph, (figure, classes) for a figure
Block = tuple[Text, str] | tuple[Scene, int] | tuple[FigureAt, str]


def scene_blocks(scene: Scene) -> list[Block]:
    """A scene's paragraphs with its figures in place, as blocks (the beat view's and the continuous view's)."""
    blocks: list[Block] = []
    figures = sorted(enumerate(scene.figures), key=lambda item: item[1].after)
    for i in range(len(scene.paragraphs) + 1):
        blocks += [(FigureAt(scene, n), "figure") for n, fig in figures if fig.after == i]
        if i < len(scene.paragraphs):
            blocks.append((scene, i))
    return blocks


def block_widget(article: Article, block: Block, hl: Highlights) -> Static:
    """The widget that shows one block."""
    first, second = block
    if isinstance(first, Scene) and isinstance(second, int):
        return Paragraph(article, first, second, hl)
    if isinstance(first, FigureAt):
        return FigureLine(first.scene, first.number, hl)
    assert isinstance(first, Text) and isinstance(second, str)
    return TextBlock(first, classes=second)


def block_kind(block: Block) -> type[Static]:
    """The kind of widget that shows a block."""
    first, second = block
    if isinstance(first, Scene) and isinstance(second, int):
        return Paragraph
    return FigureLine if isinstance(first, FigureAt) else TextBlock


def shown(node: Widget, kind: type[W]) -> list[W]:
    """The widgets of a kind under a node that are shown: a column keeps hidden spares for later beats."""
    return [widget for widget in node.query(kind) if widget.display]


def block_kind_of(widget: Static) -> type[Static]:
    """The kind of a block's widget."""
    return type(widget) if isinstance(widget, (Paragraph, FigureLine)) else TextBlock


def scene_body(article: Article, scene: Scene, hl: Highlights) -> list[Static]:
    """A scene's paragraphs with its figures in place, as widgets."""
    return [block_widget(article, block, hl) for block in scene_blocks(scene)]


def redraw(widget: Static, shown: Text, text: Text) -> Text:
    """Show new text in a block: nothing to do for the same text, no layout for the same words.

    A filter or a search restyles the words, never moves them: the block keeps its height, and
    the screen need not be laid out again for it (issue 17).
    """
    if text != shown:
        widget.update(text, layout=text.plain != shown.plain)
    return text


class ColumnBody(Vertical):
    """The text of a column: its blocks, one under another."""

    # Textual lays the screen out again whenever a widget's size changes, though the layout that
    # changed it has already placed everything in and below it: a second layout and frame for
    # every beat whose paragraphs differ in height. The body and its blocks scroll nothing (the
    # column does), so their new size needs no layout of its own (issue 17).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class Columns(Horizontal):
    """The storylines' columns side by side: the layout sizes them, not their text (see ColumnBody)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class HeadBlock(Vertical):
    """A column's heading: its title over its position."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)  # see ColumnBody


class HeadRow(Horizontal):
    """A column's position and percentage, side by side."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)  # see ColumnBody


class HeadLine(Static):
    """A line of a column's heading: its title, position or percentage."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)  # see ColumnBody


class TextBlock(Static):
    """A line of a column that is not the article's text: a scene's title, an introduction, a note."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)  # see ColumnBody


class Paragraph(Static):
    """One verbatim paragraph of a scene, restyled in place when highlights change."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)  # see ColumnBody

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
        self.text = redraw(self, self.text, paragraph_text(self.article, self.scene, self.index, hl))
        self.set_class(paragraph_has_mark(self.article, self.scene, self.index, hl), "-marked")


class FigureLine(Static):
    """A figure's caption and credit, restyled in place when search hits change."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)  # see ColumnBody

    def __init__(self, scene: Scene, index: int, hl: Highlights) -> None:
        #: the styled text shown, kept so tests can read the spans
        self.text = figure_text(scene, index, hl)
        self.scene, self.index = scene, index
        super().__init__(self.text, classes="figure -marked" if self._holds_current_hit(hl) else "figure")

    def _holds_current_hit(self, hl: Highlights) -> bool:
        """True when the current search hit is in this figure's caption or credit."""
        hit = hl.current_hit
        return hit is not None and hit.scene == self.scene.id and hit.figure == self.index

    def reset(self, scene: Scene, index: int, hl: Highlights) -> None:
        """Show another figure in this widget (reused rather than remounted on a new beat)."""
        self.scene, self.index = scene, index
        self.restyle(hl)

    def restyle(self, hl: Highlights) -> None:
        """Re-render with new hits; mark the figure holding the current one."""
        self.text = redraw(self, self.text, figure_text(self.scene, self.index, hl))
        self.set_class(self._holds_current_hit(hl), "-marked")


def reading_progress(scroll_y: float, height: int, total: int) -> str:
    """How far down a column the reader has read, as less says it: the last line shown, in percent."""
    if total <= height or total <= 0:
        return ""
    return f"{min(100, round(100 * (scroll_y + height) / total))}%"


class SceneView(VerticalScroll):
    """A scrollable column with the scenes of one narrative (or the context) at the current step.

    Its heading (title, position) and its "more below" cue are docked: they stay put while the
    text scrolls under them, so two columns side by side stay comparable.
    """

    class Scrolled(Message):
        """The reader scrolled a column (by any means): where it now stands, as a fraction of its scroll."""

        def __init__(self, view: SceneView, fraction: float) -> None:
            super().__init__()
            self.view, self.fraction = view, fraction

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
    ]

    # its size is the layout's to give (1fr, or 0 while hidden): the text it scrolls growing or
    # shrinking moves nothing around it, so no second layout (see ColumnBody); its scroll bars
    # are refreshed by Textual's own size update all the same
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)

    def __init__(self, article: Article, title: str, empty_text: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article = article
        self.column_title = title
        self.empty_text = empty_text
        self.scenes: tuple[Scene, ...] = ()
        self.note: str | None = None
        #: the next show opens at the end of the text, not its top (paging back into a beat)
        self.open_at_end = False
        #: opened at the end of its text and not scrolled there yet: a page key waits for it
        self.going_to_end = False
        #: new text shown and not laid out yet: its scroll is the last text's, so a page key waits for it
        self.laying_out = False
        #: the percentage and cue shown, and the position
        self._progress: tuple[str, bool] | None = None
        self._position_shown = ""

    def compose(self) -> ComposeResult:
        """A heading with the narrative's title and position, then the text, then the cue."""
        # kept, not queried: a query walks the column and matches every widget in it, on every step
        self._head = HeadBlock(classes="column-head")
        self._position = HeadLine("", classes="column-position")
        self._progress_label = HeadLine("", classes="column-progress")
        self.body = ColumnBody(classes="column-body")
        self._more = Static("▾ more below", classes="column-more")
        # hidden until the text is laid out and found longer than the column: shown from the start, it was
        # hidden again by the first layout at every launch where the text fits, a second layout before the first frame
        self._more.display = False
        with self._head:
            yield HeadLine(plain(self.column_title), classes="column-title")
            with HeadRow(classes="column-where"):
                yield self._position
                yield self._progress_label
        yield self.body
        yield self._more

    @property
    def has_more_below(self) -> bool:
        """True while text below the viewport is still unread."""
        return self.scroll_y < self.max_scroll_y

    @property
    def fraction(self) -> float:
        """Where the column stands: 0 at the top (and when it does not scroll), 1 at the end."""
        return self.scroll_y / self.max_scroll_y if self.max_scroll_y else 0.0

    def _show_progress(self) -> None:
        """Update the percentage read and the "more below" cue."""
        if not self.is_mounted or not self.children:
            return
        height = self.scrollable_content_region.height
        if not height:  # hidden (the lede's pane among the columns, the columns at the lede): drawn on its Resize when shown
            return
        # the viewport as laid out now: during a layout, Textual's max_scroll_y still holds the last size's
        # (the cue came and went again, a second layout and frame at each step to or from the lede)
        more = self.scroll_y < self.virtual_size.height - height
        shown = (reading_progress(self.scroll_y, height, self.virtual_size.height), more)
        if shown == self._progress:
            return  # an update lays the column out again: only for a change
        self._progress = shown
        self._progress_label.update(shown[0], layout=False)  # its width is fixed
        self._more.display = shown[1]

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled: update the progress and cue, and tell the screen (it may scroll a linked column)."""
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._show_progress()
            self.post_message(self.Scrolled(self, self.fraction))

    def on_resize(self) -> None:
        """A new size: the progress and cue again."""
        self._show_progress()

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Focused or not: restyle the column itself, and have its text redrawn on its new background."""
        # Textual matches the CSS of the whole column again (some twenty widgets, 6-8 ms a column;
        # a step between the lede and the columns moves the focus across two): only the column's
        # own rule names :focus, so its widgets need their colours redrawn, not their rules matched
        self.app.stylesheet.update_nodes([self], animate=True)
        for node in self.walk_children():
            node.notify_style_update()

    def watch_virtual_size(self) -> None:
        """New text laid out (the column's own size may not change): the progress and cue again."""
        self._show_progress()

    @property
    def page_height(self) -> int:
        """The lines of text a page turn moves: what shows between the heading and the cue, less one
        line kept for context (the docked heading and cue cover part of the scrolling region; the cue
        is counted even when hidden, as it shows again a page away from the end)."""
        head = self._head
        covered = (head.outer_size.height if head.display else 0) + 1
        return max(1, self.scrollable_content_region.height - covered - 1)

    def page(self, delta: int) -> bool:
        """Turn a page down (1) or up (-1); False when there is no more text that way."""
        if (delta > 0 and not self.has_more_below) or (delta < 0 and self.scroll_y <= 0):
            return False
        self.scroll_to(y=self.scroll_y + delta * self.page_height, animate=False)
        return True

    def action_page_down(self) -> None:
        """pgdn: a page of text, not of the region under the heading."""
        if not self.page(1):
            raise SkipAction()

    def action_page_up(self) -> None:
        """pgup: a page of text back."""
        if not self.page(-1):
            raise SkipAction()

    def action_scroll_home(self) -> None:
        """Home is the first beat everywhere in the text (the screen's key), never the column's top."""
        raise SkipAction()

    def action_scroll_end(self) -> None:
        """End is the last beat everywhere in the text (the screen's key), never the column's end."""
        raise SkipAction()

    def show(self, scenes: tuple[Scene, ...], position: str, hl: Highlights, note: str | None = None) -> None:
        """Replace the text with these scenes; only the current step's paragraphs are mounted.

        Without scenes the column says it has nothing here, or shows `note` (an introduction).
        """
        if position != self._position_shown:  # an update lays the screen out again: only for a change
            self._position_shown = position
            self._position.update(plain(position))  # unlinked, it holds the beat's title: article text
        if scenes == self.scenes and note == self.note and body_ready(self):
            self.restyle(hl)
            return
        self.scenes, self.note = scenes, note
        blocks: list[Block] = []
        if not scenes and note:
            blocks.append((Text(note), "intro"))
        elif not scenes and self.empty_text:
            blocks.append((plain(self.empty_text), "empty"))  # it holds a storyline title
        for scene in scenes:
            blocks.append((Text(scene.title, style="bold"), "scene-title"))
            blocks.extend(scene_blocks(scene))
        mounted = self._fill(blocks, hl)
        at_end, self.open_at_end = self.open_at_end, False
        if at_end:
            self.going_to_end = True

            async def to_end() -> None:
                if mounted is not None:
                    await mounted  # its height is known only once it is mounted and laid out
                self.call_after_refresh(self._scroll_to_end)

            self.call_later(to_end)
        else:
            self.scroll_home(animate=False)
        # the new text's height is known once it is laid out; its size may not change (no Resize).
        # One callback for both: another call_after_refresh a step cost a frame's render more (issue 17)
        self.laying_out = True
        self.call_after_refresh(self._laid_out)

    def _laid_out(self) -> None:
        """The new text is laid out: page keys read it, and the percentage and cue are measured."""
        self.laying_out = False
        self._show_progress()

    def _scroll_to_end(self) -> None:
        """Scroll to the end of the text just laid out (Textual scrolls after one more refresh)."""
        self.scroll_end(animate=False)
        self.call_after_refresh(self._at_end)  # queued after the scroll's own

    def _at_end(self) -> None:
        """The text opened at its end is there: page keys read it."""
        self.going_to_end = False

    def _fill(self, blocks: list[Block], hl: Highlights) -> AwaitMount | None:
        """Show the blocks in the body, reusing the widgets already there, of any beat, by kind.

        A new beat used to remove the widgets it did not need and mount new ones: each mount or
        removal is a round of messages, a CSS match and a second layout and frame once it is
        done (issue 17). Each block now takes a widget of its kind from those the column has
        (in order, moved into place), a new one is mounted only when the column has never
        needed so many, and the ones left over are hidden as spares for the next beat.
        """
        body = self.body
        pools: dict[type[Static], list[Static]] = {Paragraph: [], FigureLine: [], TextBlock: []}
        for widget in body.children:
            if isinstance(widget, Static):  # a column's body holds nothing else
                pools[block_kind_of(widget)].append(widget)
        pools = {kind: pool[::-1] for kind, pool in pools.items()}  # pop() takes them in order
        wanted: list[tuple[Static, bool]] = []  # each block's widget, and whether it is new
        for block in blocks:
            kind = block_kind(block)
            pool = pools[kind]
            if pool:
                widget = pool.pop()
                self._reset(widget, block, hl)
                wanted.append((widget, False))
            else:
                wanted.append((block_widget(self.article, block, hl), True))
        for index, (widget, new) in enumerate(wanted):
            here = body.children[index] if index < len(body.children) else None
            if new:  # mounted now; the AwaitMount returned below waits for all of them
                body.mount(widget, before=here)
            else:
                if here is not widget:
                    body.move_child(widget, before=index)
                if not widget.display:
                    widget.display = True
        spares = [widget for pool in pools.values() for widget in pool]
        for widget in spares[SPARES_KEPT:]:
            widget.remove()
        for widget in spares[:SPARES_KEPT]:
            if widget.display:
                widget.display = False
        fresh = [widget for widget, new in wanted if new]
        return AwaitMount(body, fresh) if fresh else None

    def _reset(self, widget: Static, block: Block, hl: Highlights) -> None:
        """Show a block in a widget of its kind that showed another."""
        first, second = block
        if isinstance(widget, Paragraph) and isinstance(first, Scene) and isinstance(second, int):
            widget.reset(self.article, first, second, hl)
        elif isinstance(widget, FigureLine) and isinstance(first, FigureAt):
            widget.reset(first.scene, first.number, hl)
        elif isinstance(first, Text) and isinstance(second, str):
            widget.update(first)
            widget.set_classes(second)

    def shown(self, kind: type[W]) -> list[W]:
        """The widgets of a kind that show the current text (not the spares kept hidden)."""
        return shown(self.body, kind)

    def restyle(self, hl: Highlights) -> None:
        """Apply new highlights to the mounted paragraphs without remounting them."""
        for para in self.shown(Paragraph):
            para.restyle(hl)
        for figure in self.shown(FigureLine):
            figure.restyle(hl)

    def figure_for(self, scene_id: str, index: int) -> FigureLine | None:
        """The mounted widget of a figure, if it is on screen."""
        return next((f for f in self.shown(FigureLine) if f.scene.id == scene_id and f.index == index), None)

    def paragraph_for(self, scene_id: str, index: int) -> Paragraph | None:
        """The mounted widget of a paragraph, if it is on screen."""
        return next((p for p in self.shown(Paragraph) if p.scene.id == scene_id and p.index == index), None)
