"""Text with a hanging indent: the wrapped lines of a list item start under its words, not its marker."""

from __future__ import annotations

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

    def __str__(self) -> str:
        """The plain text, as a prompt reads in tests and copies."""
        return self.lead.plain + self.body.plain

    def lines(self, width: int) -> list[Content]:
        """The lines at a width: the lead and the body's first line, then the rest indented."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        lead = self.lead.cell_length
        first = self.body.wrap(max(1, width - lead))[0] if self.body else Content("")
        # where the second line starts: after the first line's words and the spaces it broke at
        cut, plain = len(first.plain), self.body.plain
        while cut < len(plain) and plain[cut].isspace():
            cut += 1
        out = [self.lead + first]
        if cut < len(plain):
            pad = " " * self.indent
            out += [pad + line for line in self.body[cut:].wrap(max(1, width - self.indent))]
        self._wrapped = (width, out)
        return out

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        """The lines, each already as narrow as the width."""
        return Content("\n").join(self.lines(width)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """All on one line."""
        return self.lead.cell_length + self.body.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        """How many lines at a width."""
        return len(self.lines(width))
