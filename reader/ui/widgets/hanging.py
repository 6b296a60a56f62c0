"""Text with a hanging indent: the wrapped lines of a list item start under its words, not its marker."""

from __future__ import annotations

from rich._wrap import divide_line
from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Hanging(Visual):
    """A lead (a marker) and a body; the body's wrapped lines start `indent` cells in."""

    def __init__(self, lead: Content, body: Content, indent: int) -> None:
        self.lead, self.body, self.indent = lead, body, indent
        self._wrapped: tuple[int, list[Content]] | None = None
        self._height: tuple[int, int] | None = None

    def __str__(self) -> str:
        """The plain text, as a prompt reads in tests and copies."""
        return self.lead.plain + self.body.plain

    def _breaks(self, width: int) -> tuple[int, list[int]]:
        """Where the body's second line starts (0: it fits on one), and where the lines after it break."""
        plain, first_width = self.body.plain, max(1, width - self.lead.cell_length)
        if cell_len(plain) <= first_width:
            return 0, []
        # Rich's divide_line, as Content itself wraps with: the lines are the ones Textual would draw
        first = divide_line(plain, first_width, fold=True)
        if not first:
            return 0, []
        return first[0], divide_line(plain[first[0]:], max(1, width - self.indent), fold=True)

    def lines(self, width: int) -> list[Content]:
        """The lines at a width: the lead and the body's first line, then the rest indented."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        cut, breaks = self._breaks(width)
        if not cut:
            out = [self.lead + self.body.rstrip()]
        else:
            pad = " " * self.indent
            out = [self.lead + self.body[:cut].rstrip()]
            out += [pad + line.rstrip() for line in self.body[cut:].divide(breaks)]
        self._wrapped = (width, out)
        return out

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        """The lines, each already as narrow as the width."""
        return Content("\n").join(self.lines(width)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """All on one line."""
        return self.lead.cell_length + self.body.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        """How many lines at a width, counted from the breaks alone: a long list measures every item."""
        if self._height is not None and self._height[0] == width:
            return self._height[1]
        cut, breaks = self._breaks(width)
        height = 1 + (len(breaks) + 1 if cut else 0)
        self._height = (width, height)
        return height
