"""The review queue of an imported article, and what keeps an article from being finished.

Every machine guess in an article file carries a `review` map (rule, confidence, note,
needs_review). The queue lists them for an editor, `needs_review` first and then the least
confident, each with the words it rests on and where they stand, so a screen can highlight
them. A guess leaves the queue when the editor resolves it (the `review` map is removed; see
reader/core/editing.py). Top-level review notes are in the queue when they need review or
record a dropped paragraph (rule "dropped as boilerplate (...)").

`unfinished()` is `reader check --strict`: every `needs_review: true` and every placeholder
(`TODO` in an id, title, summary, name, role, label or value) left in a file, with its line.
Comments are not data: a `# TODO(editor)` comment the importer wrote does not count.

Works on plain data (dicts and lists), never imports Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import yamlsafe
from .errors import Problem
from .seed import parse_seed

TYPE_CHECKING = False  # typing's own flag without importing typing: `reader check` is timed
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any


def review_map(rule: str, confidence: float, note: str = "", needs_review: bool | None = None) -> dict[str, Any]:
    """A machine guess's review map as the loader accepts it; below 0.7 it needs review unless told."""
    out: dict[str, Any] = {"rule": rule, "confidence": round(confidence, 2)}
    if note:
        out["note"] = note
    out["needs_review"] = confidence < 0.7 if needs_review is None else needs_review
    return out


#: the sections whose records may carry a review map, in the order the queue breaks ties
RECORD_SECTIONS = ("article", "speakers", "narratives", "beats", "scenes", "quotes", "facts")
#: what a record of each section is called
KINDS = {
    "article": "article", "speakers": "speaker", "narratives": "storyline", "beats": "beat",
    "scenes": "scene", "quotes": "quote", "facts": "fact", "review": "note",
}
DROPPED_RULE = "dropped as boilerplate"
#: fields where an importer's placeholder may be left
PLACEHOLDER_FIELDS = frozenset({"id", "title", "summary", "name", "role", "label", "value"})
_PLACEHOLDER = re.compile(r"\bTODO\b")

#: (section, ident): a record's id, "article" for the article, "#N" for the Nth review note (from 0)
ItemKey = tuple[str, str]


@dataclass(frozen=True)
class Anchor:
    """Where the words a guess rests on stand: a scene, a paragraph of it, a span of that paragraph."""

    scene: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class ReviewItem:
    """One guess to review: what it is, why the machine made it, and the text it rests on."""

    key: ItemKey
    kind: str  # article, speaker, storyline, beat, scene, quote, fact, dropped, note
    label: str  # one line naming the record, for a list
    rule: str
    confidence: float | None
    note: str
    needs_review: bool
    text: str  # the words the guess rests on (a quote, a fact's source, a scene's opening, a dropped block)
    anchor: Anchor | None  # where `text` stands in the article, when it stands in a scene

    @property
    def order(self) -> tuple[bool, float]:
        """Sort key: needs_review first, then the least confident (no confidence counts as none)."""
        return (not self.needs_review, self.confidence if self.confidence is not None else 0.0)


@dataclass(frozen=True)
class ReviewQueue:
    """The guesses of one article in review order, with a cursor-free way to step through them."""

    items: tuple[ReviewItem, ...]

    @property
    def left(self) -> int:
        """How many guesses are still to review."""
        return len(self.items)

    @property
    def done(self) -> bool:
        """True when nothing is left to review."""
        return not self.items

    def summary(self) -> str:
        """A line for a status bar: '12 to review (5 flagged)' or 'nothing left to review'."""
        if not self.items:
            return "nothing left to review"
        flagged = sum(item.needs_review for item in self.items)
        return f"{self.left} to review ({flagged} flagged)" if flagged else f"{self.left} to review"

    def get(self, key: ItemKey) -> ReviewItem | None:
        """The item with this key, or None when it has been resolved."""
        return next((item for item in self.items if item.key == key), None)

    def step(self, key: ItemKey | None, delta: int = 1) -> ReviewItem | None:
        """The item delta places after (before, when negative) the one with this key, wrapping round.

        With no key, or a key no longer in the queue, stepping forward starts at the first item.
        """
        if not self.items:
            return None
        keys = [item.key for item in self.items]
        if key not in keys:
            return self.items[0] if delta >= 0 else self.items[-1]
        return self.items[(keys.index(key) + delta) % len(keys)]


def review_queue(data: Mapping[str, Any], seed_text: str | None = None) -> ReviewQueue:
    """Every unresolved guess of an article (plain data) in review order.

    `seed_text`, when given, lets a dropped-paragraph note carry the whole block the importer
    dropped (its note holds only the opening words).
    """
    scenes = _records(data, "scenes")
    items: list[ReviewItem] = []
    position = 0
    for section in RECORD_SECTIONS:
        records = [data["article"]] if section == "article" and isinstance(data.get("article"), dict) else _records(data, section)
        for rec in records:
            review = rec.get("review")
            if isinstance(review, dict):
                ident = "article" if section == "article" else str(rec.get("id", ""))
                text, anchor = _grounds(section, rec, scenes, data)
                items.append(_item((section, ident), KINDS[section], _label(section, rec), review, text, anchor))
            position += 1
    dropped = _dropped_blocks(seed_text) if seed_text is not None else []
    for i, note in enumerate(data.get("review") or ()):
        if not isinstance(note, dict):
            continue
        rule = str(note.get("rule", ""))
        if rule.startswith(DROPPED_RULE):
            text = _match_dropped(str(note.get("note", "")), dropped)
            items.append(_item(("review", f"#{i}"), "dropped", f"dropped: {_short(text, 60)}", note, text, None))
        elif note.get("needs_review"):
            items.append(_item(("review", f"#{i}"), "note", f"note: {_short(rule, 60)}", note, rule, None))
    # sorted() is stable: among equals, the file's order (article, speakers, ... notes)
    return ReviewQueue(tuple(sorted(items, key=lambda item: item.order)))


def _item(key: ItemKey, kind: str, label: str, review: Mapping[str, Any], text: str, anchor: Anchor | None) -> ReviewItem:
    """A queue item from a review map."""
    confidence = review.get("confidence")
    return ReviewItem(
        key, kind, label, str(review.get("rule", "")),
        float(confidence) if isinstance(confidence, (int, float)) and not isinstance(confidence, bool) else None,
        str(review.get("note", "")), review.get("needs_review") is True, text, anchor,
    )


def _records(data: Mapping[str, Any], section: str) -> list[dict[str, Any]]:
    """The map records of a list section (nothing when it is missing or not a list)."""
    items = data.get(section)
    return [rec for rec in items if isinstance(rec, dict)] if isinstance(items, list) else []


def find_span(scenes: Sequence[Mapping[str, Any]], scene_id: str, text: str) -> Anchor | None:
    """Where a text first stands in a scene's paragraphs."""
    for scene in scenes:
        if scene.get("id") == scene_id:
            for i, para in enumerate(scene.get("paragraphs") or ()):
                start = para.find(text) if isinstance(para, str) and text else -1
                if start != -1:
                    return Anchor(scene_id, i, start, start + len(text))
            return None
    return None


def _grounds(section: str, rec: Mapping[str, Any], scenes: list[dict[str, Any]], data: Mapping[str, Any]) -> tuple[str, Anchor | None]:
    """The words a record's guess rests on, and where they stand."""
    if section == "quotes":
        text = str(rec.get("text", ""))
        return text, find_span(scenes, str(rec.get("scene")), text)
    if section == "facts":
        text = str(rec.get("source", ""))
        return text, find_span(scenes, str(rec.get("scene")), text)
    if section == "scenes":
        paras = rec.get("paragraphs") or [""]
        first = paras[0] if isinstance(paras[0], str) else ""
        return first, Anchor(str(rec.get("id")), 0, 0, len(first))
    if section == "speakers":  # where they are first quoted
        for quote in _records(data, "quotes"):
            if quote.get("speaker") == rec.get("id"):
                text = str(quote.get("text", ""))
                return text, find_span(scenes, str(quote.get("scene")), text)
        return str(rec.get("name", "")), None
    if section in ("narratives", "beats"):  # the first scene that uses it
        field = "narrative" if section == "narratives" else "beat"
        for scene in scenes:
            if scene.get(field) == rec.get("id") and scene.get("paragraphs"):
                first = str(scene["paragraphs"][0])
                return first, Anchor(str(scene.get("id")), 0, 0, len(first))
        return str(rec.get("title", "")), None
    return str(rec.get("title", "")), None


def _label(section: str, rec: Mapping[str, Any]) -> str:
    """One line naming a record."""
    kind = KINDS[section]
    if section == "quotes":
        return f"quote {rec.get('id')} “{_short(str(rec.get('text', '')), 50)}” — {rec.get('speaker')}"
    if section == "facts":
        return f"fact {rec.get('id')}: {rec.get('label')} = {rec.get('value')}"
    if section == "speakers":
        return f"speaker {rec.get('id')}: {rec.get('name')}, {rec.get('role')}"
    if section == "article":
        return f"article: {rec.get('title')}"
    return f"{kind} {rec.get('id')}: {rec.get('title')}"


def _dropped_blocks(seed_text: str) -> list[str]:
    """The blocks of a seed its boilerplate rules drop, in order."""
    return [text for kind, text, _ in parse_seed(seed_text).blocks if kind == "dropped"]


def _match_dropped(note: str, blocks: list[str]) -> str:
    """The whole dropped block a note's opening words (cut with '…') stand for; the note when none."""
    want = " ".join(note.split()).removesuffix("…")
    for block in blocks:
        if " ".join(block.split()).startswith(want):
            return block
    return note


def _short(text: str, width: int) -> str:
    """Text cut to width on one line."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# -- reader check --strict ----------------------------------------------------------------
def unfinished(text: str, file: str) -> list[Problem]:
    """What keeps an article file from being finished: needs_review flags and TODO placeholders, with places."""
    try:
        data, marks = yamlsafe.load(text)
    except yamlsafe.YamlProblem as exc:
        return [exc.to_problem(file)]
    problems: list[Problem] = []

    def place(path: yamlsafe.Path) -> tuple[int | None, int | None]:
        while path and path not in marks:
            path = path[:-1]
        line, col = marks.get(path, (None, None))
        return line, col

    def visit(value: Any, path: yamlsafe.Path, where: str) -> None:
        if isinstance(value, dict):
            review = value.get("review")
            if isinstance(review, dict) and review.get("needs_review") is True:
                rule = _short(str(review.get("rule", "")), 70)
                problems.append(Problem(file, f"{where} needs review ({rule})", *place(path + ("review", "needs_review"))))
            for key, item in value.items():
                if key in PLACEHOLDER_FIELDS and isinstance(item, str) and _PLACEHOLDER.search(item):
                    problems.append(Problem(file, f"{where}: placeholder left in {key}: {_short(item, 60)!r}", *place(path + (key,))))
        if isinstance(value, dict):
            for key, item in value.items():
                if key != "review" and isinstance(item, (dict, list)):
                    visit(item, path + (key,), where if path else str(key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                name = item.get("id") if isinstance(item, dict) else None
                sub = f"{KINDS.get(str(path[0]), str(path[0]))} {name}" if len(path) == 1 and isinstance(name, str) else f"{where}[{i + 1}]"
                visit(item, path + (i,), sub)

    if isinstance(data, dict):
        visit(data, (), "article")
        for i, note in enumerate(data.get("review") or ()):  # the import's notes on the whole article
            if isinstance(note, dict) and note.get("needs_review") is True:
                rule = _short(str(note.get("rule", "")), 70)
                problems.append(Problem(file, f"review note {i + 1} needs review ({rule})", *place(("review", i, "needs_review"))))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems
