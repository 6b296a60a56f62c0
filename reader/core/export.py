"""Exports of an article: the JSON contract of DESIGN.md, markdown and plain text."""

from __future__ import annotations

import re

from .lazyre import LazyPattern
from .model import Article, Scene

TYPE_CHECKING = False  # typing's own flag without importing typing: these paths are timed
if TYPE_CHECKING:
    import textwrap
    from typing import Any

try:  # the C function json.dumps(ensure_ascii=False) quotes strings with, without importing the json package
    from _json import encode_basestring as _quoted

    _FAST_JSON = True
except ImportError:  # pragma: no cover - an interpreter without the C accelerator
    _FAST_JSON = False


def to_dict(article: Article) -> dict[str, Any]:
    """The article as the public JSON object; keys may be added, never renamed or removed."""
    meta = article.meta
    return {
        "article": {
            "id": meta.id, "title": meta.title, "source": meta.source, "date": meta.date, "seed": meta.seed,
            "title_by": meta.title_by, "publisher": meta.publisher, "url": meta.url, "authors": list(meta.authors),
        },
        "speakers": [{"id": s.id, "name": s.name, "role": s.role, "anonymous": s.anonymous} for s in article.speakers],
        "narratives": [{"id": n.id, "title": n.title, "summary": n.summary} for n in article.narratives],
        "beats": [{"id": b.id, "title": b.title} for b in article.beats],
        "scenes": [
            {
                "id": s.id, "narrative": s.narrative, "beat": s.beat, "title": s.title,
                "paragraphs": list(s.paragraphs),
                "figures": [{"caption": f.caption, "credit": f.credit, "after": f.after} for f in s.figures],
                "time": {"label": s.time.label, "source": s.time.source, "at": s.time.at} if s.time else None,
            }
            for s in article.scenes
        ],
        "quotes": [{"id": q.id, "scene": q.scene, "speaker": q.speaker, "text": q.text, "within": q.within} for q in article.quotes],
        "facts": [
            {
                "id": f.id, "label": f.label, "value": f.value, "category": f.category, "scene": f.scene,
                "source": f.source, "according_to": f.according_to,
            }
            for f in article.facts
        ],
    }


def to_json(article: Article) -> str:
    """The JSON export, pretty-printed, UTF-8 kept as is: what json.dumps(ensure_ascii=False, indent=2) writes."""
    data = to_dict(article)
    if _FAST_JSON:
        out: list[str] = []
        try:
            _json_into(out, data, "\n")
            return "".join(out)
        except _NotPlain:
            pass
    import json

    return json.dumps(data, ensure_ascii=False, indent=2)


class _NotPlain(Exception):
    """A value _json_into leaves to json.dumps (a key that is not a string, a float, an unknown type)."""


def _json_into(out: list[str], value: Any, newline: str) -> None:
    """Append value as json.dumps(indent=2) writes it at the depth `newline` indents to.

    json.dumps pretty-prints with its pure-Python encoder (its C one cannot indent), and the
    json package costs an export its import; this writes the same text for the plain values an
    export holds (str, int, bool, None, lists, dicts with string keys), with json's own C quoting.
    """
    if isinstance(value, str):
        out.append(_quoted(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        out.append("[")
        for i, item in enumerate(value):
            out.append("," + inner if i else inner)
            _json_into(out, item, inner)
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise _NotPlain(key)
            out.append("," + inner if i else inner)
            out.append(_quoted(key))
            out.append(": ")
            _json_into(out, item, inner)
        out.append(newline + "}")
    else:
        raise _NotPlain(value)  # floats (NaN, Infinity) and anything else: json.dumps decides


def _scene_blocks(scene: Scene) -> list[tuple[str, Any]]:
    """A scene's paragraphs and figures interleaved where the figures stand."""
    blocks: list[tuple[str, Any]] = []
    figures = sorted(scene.figures, key=lambda f: f.after)
    for i, para in enumerate(scene.paragraphs):
        blocks.extend(("figure", f) for f in figures if f.after == i)
        blocks.append(("paragraph", para))
    blocks.extend(("figure", f) for f in figures if f.after >= len(scene.paragraphs))
    return blocks


def _where(article: Article, scene: Scene) -> str:
    """The scene's narrative and beat, in words."""
    narrative = article.narrative_by_id[scene.narrative].title if scene.narrative else "Context"
    beat = article.beat_by_id[scene.beat].title if scene.beat else None
    return f"{narrative} · {beat}" if beat else narrative


# what markdown (CommonMark, GFM) reads as markup anywhere in a line: emphasis, code, links,
# images, raw HTML, tables, strikethrough, escapes; and an entity such as &lt; or &#60;
_MD_INLINE = LazyPattern(r"[\\`*_\[\]<>|~]|&(?=#?\w+;)")
# what it reads as a block at the start of a line: headings, quotes, lists, rules, fences
_MD_BLOCK = LazyPattern(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))", re.M)


def md_inline(text: str) -> str:
    """Text for one line of markdown: markup escaped, line breaks made spaces (a heading stays one)."""
    return md_block(" ".join(text.splitlines()))


def md_block(text: str) -> str:
    """Text shown as itself in markdown: every character markdown would interpret is escaped.

    Raw HTML and links (`<script>`, `[x](javascript:...)`) come out as text; a line that would
    start a heading, quote, list or rule starts with an escape; indentation is kept out so no
    line becomes a code block.
    """
    text = _MD_INLINE.sub(lambda m: "\\" + m.group(), text)
    text = "\n".join(line.lstrip() for line in text.splitlines()) if "\n" in text else text.lstrip()
    return _MD_BLOCK.sub(_escape_block, text)


def _escape_block(match: re.Match[str]) -> str:
    """`\\# Head`, `\\- item`, `1\\. item`: the mark that would start a block, escaped."""
    if match.group(2):
        return match.group(1) + "\\" + match.group(2)
    return match.group(1) + match.group(3) + "\\" + match.group(4)


def to_markdown(article: Article) -> str:
    """The article as markdown: scenes in article order, then speakers, quotes and facts."""
    meta = article.meta
    out = [f"# {md_inline(meta.title)}", ""]
    byline = f"{md_inline(meta.source)}, {md_inline(meta.date)}"
    if meta.title_by == "editor":
        byline += " · title by the editor"
    out += [f"*{byline}*", ""]
    for n in article.narratives:
        out.append(f"- **{md_inline(n.title)}**: {md_inline(n.summary)}")
    out.append("")
    for scene in article.scenes:
        out += [f"## {md_inline(scene.title)}", "", f"*{md_inline(_where(article, scene))}*", ""]
        for kind, block in _scene_blocks(scene):
            if kind == "paragraph":
                out += [md_block(block), ""]
            else:
                out += [f"> *Image:* {md_inline(block.caption)} ({md_inline(block.credit)})", ""]
    if article.quotes:
        out += ["## Quotes", ""]
        for q in article.listed_once(article.quotes):  # a nested quote shows inside its outer one
            s = article.speaker_by_id[q.speaker]
            quoting = "".join(f", quoting {md_inline(inner.in_sentence)}" for inner in article.quoting(q))
            out.append(f"- “{md_inline(q.text)}” — {md_inline(s.name)}, {md_inline(s.role)}{quoting}")
        out.append("")
    if article.facts:
        out += ["## Facts", "", "| Category | Fact | Value | Source | According to |", "| --- | --- | --- | --- | --- |"]
        for f in article.facts:
            cells = [f.category, f.label, f.value, f"“{f.source}”", article.according_to(f)]
            out.append("| " + " | ".join(md_inline(c) for c in cells) + " |")
        out.append("")
    return "\n".join(out)


def to_text(article: Article, width: int = 80) -> str:
    """The article as plain wrapped text in article order, figures marked as images."""
    import textwrap  # only the plain text wraps: JSON and markdown never pay for it

    meta = article.meta
    wrap = textwrap.TextWrapper(width=width, break_long_words=True, break_on_hyphens=False)
    out = [*_heading(wrap, meta.title, "="), f"{meta.source}, {meta.date}", ""]
    for scene in article.scenes:
        out += [*_heading(wrap, f"{scene.title} ({_where(article, scene)})", "-"), ""]
        for kind, block in _scene_blocks(scene):
            if kind == "paragraph":
                out += [*wrap.wrap(block), ""]
            else:
                out += [*wrap.wrap(f"[Image: {block.caption} ({block.credit})]"), ""]
    if article.facts:
        out += [*_heading(wrap, "Facts", "-"), ""]
        for f in article.facts:
            who = f" (according to {article.according_to(f)})" if f.according_to else ""
            out += [*wrap.wrap(f"{f.label}: {f.value}{who}. Source: “{f.source}”"), ""]
    return "\n".join(out)


def _heading(wrap: textwrap.TextWrapper, title: str, rule: str) -> list[str]:
    """A heading's lines underlined with a rule as long as its longest line."""
    lines = wrap.wrap(title)
    return [*lines, rule * max((len(line) for line in lines), default=0)]
