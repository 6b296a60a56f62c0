"""The whole story in one scrollable pane, beat after beat, mounted a window of beats at a time.

An article of 11,000 beats would take seconds to mount at once, so the pane holds a window of
beats around where the reader is and mounts more as they near either edge (dropping the far end
of the window): the text keeps still on screen while it grows above. It draws what it is given
(`hl`, set by its screen) and says where the reader is with `BeatReached` messages.
"""

from __future__ import annotations

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from ...core.linear import scene_place
from ...core.model import Article
from ...core.navigation import position_label
from ..render import Highlights
from .scene_view import FigureLine, Paragraph, scene_body

#: beats mounted at once around the opening beat, added at a time, and kept at most
OPEN_BEFORE, CHUNK, MAX_WINDOW = 3, 8, 48
#: refreshes waited at most for newly mounted beats to be laid out
SETTLE_TRIES = 20


class BeatBlock(Vertical):
    """One beat: its heading, then each of its scenes under a heading saying whose it is."""

    def __init__(self, article: Article, index: int, hl: Highlights, measure: int) -> None:
        super().__init__(classes="story-beat")
        self.article, self.index, self.hl = article, index, hl
        self.styles.max_width = measure

    def compose(self) -> ComposeResult:
        """The beat's heading, its scenes' headings and text, in reading order."""
        article, steps = self.article, self.article.steps
        step = steps[self.index]
        yield Static(Text(f"Beat {self.index + 1} of {len(steps)} · {step.title}"), classes="story-beat-title")
        for scene in step.scenes:
            where = scene_place(article, scene)
            if scene.narrative:  # "scene x of y", as the beat view's column heading says it
                where += " · " + position_label(article, scene.narrative, step, (scene,), linked=True)
            yield Static(Text(where), classes="story-place")
            yield Static(Text(scene.title, style="bold"), classes="scene-title")
            yield from scene_body(article, scene, self.hl)


class StoryView(VerticalScroll):
    """The story in reading order: a window of beats, grown as the reader scrolls towards its edges."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("shift+space", "page_up", "Page up", show=False),
    ]

    class BeatReached(Message):
        """The beat at the top of the pane changed."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, article: Article, start: int, hl: Highlights, measure: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article = article
        self.hl = hl
        #: the text's measure, in characters a line
        self.measure = measure
        self.start = start
        #: the window of beats mounted: lo up to hi (not included)
        self.lo = self.hi = start
        self.top = start
        self._busy = False

    def _block(self, index: int) -> BeatBlock:
        """A beat's block, with the current highlights."""
        return BeatBlock(self.article, index, self.hl, self.measure)

    @property
    def blocks(self) -> list[BeatBlock]:
        """The mounted beats, in order."""
        return [child for child in self.children if isinstance(child, BeatBlock)]

    def compose(self) -> ComposeResult:
        """The opening window: a few beats before the current one, a chunk after it."""
        self.lo = max(0, self.start - OPEN_BEFORE)
        self.hi = min(len(self.article.steps), self.start + CHUNK)
        for index in range(self.lo, self.hi):
            yield self._block(index)

    def on_mount(self) -> None:
        """Open with the current beat at the top."""
        self._busy = True
        # the window grows when the reader scrolls towards an edge, not now: opening costs the same
        # few beats on any article
        self.call_after_refresh(self._settle, self.start, 0, 0, False)

    def _settle(self, index: int | None, offset: int, tries: int = 0, grow: bool = True) -> None:
        """After a layout: put beat `index` `offset` lines above the top (None: leave it), then (`grow`)
        mount more beats if an edge of the window is near."""
        blocks = self.blocks
        laid_out = all(b.size.height for b in blocks) and self.virtual_size.height >= sum(b.outer_size.height for b in blocks)
        if tries < SETTLE_TRIES and not laid_out:
            # new beats are laid out a refresh or two after they mount: until then their places are unknown
            self.call_after_refresh(self._settle, index, offset, tries + 1, grow)
            return
        block = next((b for b in blocks if b.index == index), None)
        if block is not None:
            self.scroll_to(y=block.virtual_region.y + offset, animate=False, immediate=True)
        self._busy = False
        self._reached()
        if grow or self.max_scroll_y < 2 * self.scrollable_content_region.height:  # too little to scroll through
            self._check_edges()

    def top_beat(self) -> int:
        """The beat at the top of the pane: the one whose text the first line shows; the last beat
        once the pane is scrolled to the end of the story (it may never reach the top)."""
        blocks = self.blocks
        if blocks and blocks[-1].index == len(self.article.steps) - 1 and round(self.scroll_y) >= self.max_scroll_y > 0:
            return blocks[-1].index
        for block in blocks:
            if block.virtual_region_with_margin.bottom > self.scroll_y:
                return block.index
        return self.top

    def _reached(self) -> None:
        """Say when the beat at the top changed."""
        top = self.top_beat()
        if top != self.top:
            self.top = top
            self.post_message(self.BeatReached(top))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled: say where, and grow the window when an edge comes near."""
        super().watch_scroll_y(old_value, new_value)
        if not self._busy and round(old_value) != round(new_value):
            self._reached()
            self._check_edges()

    def _check_edges(self) -> None:
        """Mount the next or previous beats when fewer than two screens of text remain that way."""
        if self._busy or not self.blocks:
            return
        margin = 2 * max(1, self.scrollable_content_region.height)
        steps = len(self.article.steps)
        if self.hi < steps and self.scroll_y + margin >= self.max_scroll_y:
            hi = min(steps, self.hi + CHUNK)
            self._busy = True
            self.call_later(self._reshape, max(self.lo, hi - MAX_WINDOW), hi)
        elif self.lo > 0 and self.scroll_y <= margin:
            lo = max(0, self.lo - CHUNK)
            self._busy = True
            self.call_later(self._reshape, lo, min(self.hi, lo + MAX_WINDOW))

    async def _reshape(self, lo: int, hi: int) -> None:
        """Mount beats lo to hi, drop the others, keeping the text at the top of the pane where it is."""
        anchor = next((b for b in self.blocks if b.index == self.top_beat()), None)
        offset = round(self.scroll_y) - anchor.virtual_region.y if anchor is not None else 0
        gone = [b for b in self.blocks if not lo <= b.index < hi]
        if gone:
            await self.remove_children(gone)
        kept = self.blocks
        before = [self._block(i) for i in range(lo, kept[0].index if kept else lo)]
        after = [self._block(i) for i in range(kept[-1].index + 1 if kept else lo, hi)]
        if before:
            await self.mount_all(before, before=kept[0] if kept else None)
        if after:
            await self.mount_all(after)
        self.lo, self.hi = lo, hi
        self.call_after_refresh(self._settle, anchor.index if anchor is not None else None, offset)

    async def show_beat(self, index: int) -> None:
        """Put a beat at the top of the pane: scroll to it when mounted, else mount a window there."""
        index = max(0, min(len(self.article.steps) - 1, index))
        self._busy = True
        if not self.lo <= index < self.hi:
            await self.remove_children()
            self.lo = max(0, index - OPEN_BEFORE)
            self.hi = min(len(self.article.steps), index + CHUNK)
            await self.mount_all([self._block(i) for i in range(self.lo, self.hi)])
        self.call_after_refresh(self._settle, index, 0)

    def action_page_down(self) -> None:
        """A page down, at once (as less does), one line kept for context."""
        self.scroll_to(y=self.scroll_y + max(1, self.scrollable_content_region.height - 1), animate=False)

    def action_page_up(self) -> None:
        """A page up, at once, one line kept for context."""
        self.scroll_to(y=self.scroll_y - max(1, self.scrollable_content_region.height - 1), animate=False)

    def action_scroll_home(self) -> None:
        """Home is the first beat (the screen's key), as in the beat view."""
        raise SkipAction()

    def action_scroll_end(self) -> None:
        """End is the last beat (the screen's key), as in the beat view."""
        raise SkipAction()

    def restyle(self) -> None:
        """Apply `hl` (new highlights) to the mounted text without remounting it."""
        for block in self.blocks:
            block.hl = self.hl
        for para in self.query(Paragraph):
            para.restyle(self.hl)
        for figure in self.query(FigureLine):  # search hits in captions
            figure.restyle(self.hl)
