"""The dimmed screen under a dialog, tinted once per opening rather than at every frame.

Textual draws a modal screen's translucent background by rendering the screen below through
Rich and tinting it segment by segment, at every full refresh of the modal: three or four times
while a dialog opens (resume, resize, the first layout of its widgets), 30-100 ms each on the
reading screen. The screen below cannot change while the dialog covers it, so its tinted lines
are made once per dialog and size, from the strips its compositor already holds, with each
distinct style tinted once; what is drawn is the same, cell for cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual._context import NoActiveAppError
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen
from textual.strip import Strip
from textual.visual import RenderOptions, Visual

from ..styles import breakpoint_classes, resized_in_place, use_stylesheet

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.css.styles import RulesMap
    from textual.screen import Screen
    from textual.style import Style as VisualStyle


def tinted(strips: list[Strip], color: Color, base: Style) -> list[Strip]:
    """The strips tinted as Textual's BackgroundScreen tints them on the screen's own style, each distinct style worked out once."""
    styles: dict[Style | None, Style] = {}
    out: list[Strip] = []
    for strip in strips:
        segments: list[Segment] = []
        for text, style, control in strip:
            if control:
                segments.append(Segment(text, style, control))
                continue
            try:
                new = styles[style]
            except KeyError:
                tint = next(iter(BackgroundScreen.process_segments([Segment("", style)], color))).style
                # as Widget.post_render does: the screen's style under each segment's
                new = styles[style] = base + tint if base else (tint or Style())
            segments.append(Segment(text, new))
        out.append(Strip(segments, strip.cell_length))
    return out


class Tinted(Visual):
    """The screen below a dialog, tinted: rendered at most once per width and style."""

    def __init__(self, strips: list[Strip], color: Color) -> None:
        self.strips, self.color = strips, color
        self._done: dict[tuple[int, int | None, Style], list[Strip]] = {}

    def render_strips(self, width: int, height: int | None, style: VisualStyle, options: RenderOptions) -> list[Strip]:
        """The lines tinted, cut or padded to the width asked for."""
        base = style.rich_style
        key = (width, height, base)
        if key not in self._done:
            lines = [strip.crop_extend(0, width, None) for strip in self.strips[:height]]
            self._done[key] = tinted(lines, self.color, base)
        return self._done[key]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """As wide as the lines."""
        return max((strip.cell_length for strip in self.strips), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """As many lines as there are."""
        return len(self.strips)


class QuickBackdrop:
    """Mixin for modal screens: one layout and one tinting of the screen below per opening.

    Textual lays a pushed screen out when it resumes, which sends the screen a Resize, which
    lays it out again at the same size, and lays out the screens below it too; then sets the
    breakpoint classes, which restyles every widget of the dialog and lays it out a third time.
    Here the classes are set before the first styling, and a Resize to the size the screen has
    just been laid out at is only checked against the breakpoints; a real resize is Textual's.
    The screen below is tinted once an opening (Tinted), and a dialog opened again (keep.py) is
    not restyled when nothing its styles hang on has moved.
    """

    _backdrop: tuple[Any, Tinted] | None = None
    #: the app's theme and focus when this dialog last opened (None: never)
    _resumed: tuple[str, bool] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        try:
            size = self.app.size  # type: ignore[attr-defined]
        except NoActiveAppError:  # made outside an app: Textual sets the classes when it first lays it out
            return
        use_stylesheet(cast("Screen[Any]", self), "dialogs.tcss")  # before Textual styles the dialog: not parsed at launch
        self.update_classes(breakpoint_classes(self, size), update=False)  # type: ignore[attr-defined]

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Tint the screen below afresh at each opening: a dialog kept between openings may lie on another beat.

        A dialog opened again, with the app in the theme and focus it had last time, keeps its
        styles: Textual would restyle each of its widgets, and repaint those whose pseudo-classes
        moved while it was away (its scrollbars), in a second frame.
        """
        self._backdrop = None
        screen: Any = self
        state = (screen.app.theme, screen.app.app_focus)  # what the app's pseudo-classes hang on
        if self._resumed == state:
            event.refresh_styles = False
        self._resumed = state

    async def _on_resize(self, event: events.Resize) -> None:
        """A Resize to the size just laid out at: the breakpoints only (a real resize goes on to Textual's handler)."""
        screen: Any = self
        if event.size == screen._compositor.size:
            resized_in_place(screen, event)

    def render(self) -> RenderableType:
        """The dimmed screen below, from the cache when its size has not changed."""
        background = super().render()  # type: ignore[misc]
        if not isinstance(background, BackgroundScreen):
            return background  # type: ignore[no-any-return]
        below: Screen[Any] = background.screen
        key = (id(below), below.size, background.color)
        if self._backdrop is None or self._backdrop[0] != key:
            self._backdrop = (key, Tinted(below._compositor.render_strips(), background.color))
        return cast("RenderableType", self._backdrop[1])  # Screen.render says Rich, but Widget._render takes a Visual as well
