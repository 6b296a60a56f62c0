"""Reading a seed text: the raw article an editor split into scenes.

A seed is plain text with paragraphs separated by blank lines. Its first paragraph may be a
metadata line (`date 2025-02-05 …`) glued to the publisher's boilerplate; image captions start
with `open image in gallery` and end with their credit in parentheses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_META = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b")
_FIGURE = re.compile(r"^open image in gallery\s+(?P<caption>.*?)\s*\((?P<credit>[^()]*)\)\s*$", re.S)


@dataclass(frozen=True)
class SeedFigure:
    """An image caption found in the seed, with how many body paragraphs precede it."""

    caption: str
    credit: str
    after: int


@dataclass(frozen=True)
class Seed:
    """What a seed holds once its boilerplate and captions are set apart from the body."""

    text: str
    date: str | None
    dropped: tuple[str, ...]
    paragraphs: tuple[str, ...]
    figures: tuple[SeedFigure, ...]


def split_blocks(text: str) -> list[str]:
    """The text's paragraphs: runs of lines between blank lines, stripped at the ends."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    return [b.strip() for b in blocks if b.strip()]


def parse_seed(text: str) -> Seed:
    """Split a seed into date, dropped boilerplate, body paragraphs and figures."""
    blocks = split_blocks(text)
    date = None
    dropped: list[str] = []
    if blocks and (m := _META.match(blocks[0])):
        # the metadata line and the publisher's appeal arrive as one paragraph
        date = m.group(1)
        dropped.append(blocks.pop(0))
    paragraphs: list[str] = []
    figures: list[SeedFigure] = []
    for block in blocks:
        fig = _FIGURE.match(block)
        if fig:
            figures.append(SeedFigure(fig["caption"], fig["credit"], len(paragraphs)))
        elif block.startswith("open image in gallery"):
            figures.append(SeedFigure(block.removeprefix("open image in gallery").strip(), "", len(paragraphs)))
        else:
            paragraphs.append(block)
    return Seed(text, date, tuple(dropped), tuple(paragraphs), tuple(figures))
