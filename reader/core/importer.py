"""`reader import`: turn a raw article (a seed text) into a scenes scaffold for an editor.

The scaffold is an article file the loader accepts as it is: the seed's body paragraphs,
verbatim and in order, grouped into proposed scenes; the figures; every direct quotation
with the speaker a rule gave it; the boilerplate that was dropped and why. Every guess carries
a `review` map (the rule that made it, a confidence, and needs_review where an editor should
look). Storylines, beats, the final scene splits and facts come from structure.py.

Like the rest of the core, this module never imports Textual.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import yaml

from .attribution import RULES, Guess, Person, attribute
from .errors import ContentError, Problem
from .loader import max_bytes, read_text
from .quotes import find_quotations
from .review import review_map as _review
from .seed import Seed, SeedFigure, parse_seed
from .structure import propose_structure
from .webpage import decode_page, looks_like_html, page_text, split_authors
from .words import counted

#: Scenes longer than this are cut at their clearest break (a reader's page, not a chapter).
MAX_SCENE = 6
# what opens a paragraph that moves the story to another time or place
_TRANSITION = re.compile(
    r"^(?:On the same day|On (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|The (?:next|following|previous) (?:day|morning|afternoon|evening|night|week)"
    r"|(?:That|This|The same) (?:night|morning|afternoon|evening|day|week)"
    r"|(?:Around|By|Before|After|Shortly after|Hours|Days|Weeks|Months|Minutes) (?:later\b|\d|noon|midnight|dawn|dusk|nightfall|[a-z]+ (?:later|after))"
    r"|Around (?:noon|midnight|dawn|dusk)|By (?:nightfall|morning|evening|noon)"
    r"|At (?:dawn|dusk|noon|midnight|\d)"
    r"|Later\b|Earlier\b|Meanwhile\b|Elsewhere\b|Outside\b|Inside\b|Back (?:in|at)\b|Further (?:down|up)"
    r"|In (?-i:[A-Z])[\w’'-]+,"
    r"|Last (?:week|month|year)|Since then\b)"
)
_SMALL = frozenset({"a", "an", "the", "of", "for"})  # left out of ids: landlord-boat-inn
_CONTINUES = re.compile(r"^(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|But|And|Still|Then|So)\b")


@dataclass(frozen=True)
class SceneProposal:
    """A run of paragraphs proposed as one scene, with why it starts where it does."""

    first: int
    last: int  # inclusive
    rule: str
    confidence: float


def propose_scenes(paragraphs: Sequence[str], figures: Sequence[SeedFigure], guesses: Sequence[Guess]) -> list[SceneProposal]:
    """Group paragraphs into scenes where the story changes time, place or speaker.

    First the clear breaks (score 2 or more); then a scene still longer than MAX_SCENE is cut
    at its clearest remaining break, again and again.
    """
    if not paragraphs:
        return []
    speakers: dict[int, list[Person]] = {}
    rules: dict[int, set[str]] = {}
    for g in guesses:
        if not g.quotation.nested:
            speakers.setdefault(g.paragraph, []).append(g.speaker)
            rules.setdefault(g.paragraph, set()).add(g.rule)
    figure_before = {f.after for f in figures}
    # the last paragraph before each one that quotes someone, found in one pass (not a search back from each)
    quoted_before: dict[int, int] = {}
    last_quoted = -1
    for j in range(len(paragraphs)):
        quoted_before[j] = last_quoted
        if j in speakers:
            last_quoted = j
    breaks = {j: _break(j, paragraphs, speakers, rules, figure_before, quoted_before[j]) for j in range(1, len(paragraphs))}
    starts: dict[int, tuple[str, float]] = {0: ("the article opens", 1.0)}
    current: list[Person] = list(speakers.get(0, []))
    quoted: set[Person] = set(current)
    first = 0
    for j in range(1, len(paragraphs)):
        score, reasons = breaks[j]
        new = [p for p in speakers.get(j, []) if p not in current]
        if new and current and rules.get(j, set()) - {"floating", "continued-quote", "same-paragraph"} and score > -10:
            # someone quoted for the first time moves the story on; someone coming back less so
            first_time = new[0] not in quoted
            counted = [r for r in reasons if r.startswith("the speaker changes")]
            score += (2 if first_time else 1) - len(counted)
            reasons = [r for r in reasons if r not in counted]
            reasons.append(f"{'a new speaker' if first_time else 'another speaker'} ({new[0].name})")
        if j - first < 2:
            score -= 1  # a scene of one paragraph is rarely what an editor wants
        if score >= 2:
            starts[j] = ("starts a scene: " + "; ".join(reasons), min(0.8, 0.3 + 0.1 * score))
            first, current = j, []
        current.extend(speakers.get(j, []))
        quoted.update(speakers.get(j, []))
    edges = sorted(starts) + [len(paragraphs)]
    queue = list(zip(edges, edges[1:], strict=False))
    while queue:
        lo, hi = queue.pop()
        inner = [j for j in range(lo + 2, hi - 1) if breaks[j][0] > -10]
        if hi - lo <= MAX_SCENE or not inner:
            continue
        # the clearest break, and among equals the one nearest the middle
        j = max(inner, key=lambda k: (breaks[k][0], -abs(k - (lo + hi) / 2)))
        why = "; ".join(breaks[j][1])
        long = f"starts a scene: the scene ran past {MAX_SCENE} paragraphs"
        starts[j] = (f"{long}; cut at its clearest break: {why}" if why else f"{long} with no clear break; cut near its middle", 0.3)
        queue += [(lo, j), (j, hi)]
    edges = sorted(starts) + [len(paragraphs)]
    return [SceneProposal(lo, hi - 1, *starts[lo]) for lo, hi in zip(edges, edges[1:], strict=False)]


def _break(j: int, paragraphs: Sequence[str], speakers: dict[int, list[Person]], rules: dict[int, set[str]],
           figure_before: set[int], earlier: int = -1) -> tuple[float, list[str]]:
    """How clearly the story breaks before paragraph j, and why; -10 or less where it must not."""
    reasons: list[str] = []
    score = 0.0
    opening = _TRANSITION.match(paragraphs[j])
    if opening:
        score += 2
        reasons.append(f"the time or place changes (‘{opening.group(0).rstrip(',')}’)")
    if j in figure_before:
        score += 1
        reasons.append("a figure stands between the paragraphs")
    if j in speakers and earlier >= 0 and not set(speakers[j]) & set(speakers[earlier]):
        score += 1
        reasons.append(f"the speaker changes ({speakers[j][0].name})")
    # never cut a quote from the paragraph that introduces its speaker, nor from its continuation
    if rules.get(j, set()) & {"floating", "continued-quote"} or rules.get(j - 1, set()) & {"introduced-after"}:
        return -10.0, reasons
    if _CONTINUES.match(paragraphs[j]) and not opening:
        score -= 1  # it opens by pointing back
    return score, reasons


def _slug(text: str, words: int = 4) -> str:
    """A short lowercase id made of a text's first words."""
    parts = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    return "-".join(parts[:words]) or "x"


def _assign_ids(people: list[Person]) -> None:
    """Give each speaker a unique, readable id: the surname for a named person, else their description."""
    used: set[str] = set()
    for person in people:
        if person.kind == "named":  # the surname, else the full name (two Ellises)
            candidates = [_slug(person.name.split()[-1], 1), _slug(person.name, 4)]
        elif person.kind in ("reporter", "unknown"):
            candidates = [person.kind]
        else:
            candidates = [_slug(" ".join(w for w in person.name.split() if w.lower() not in _SMALL), 3)]
        base = candidates[-1]
        person.id = next(c for c in candidates + [f"{base}-{n}" for n in range(2, len(people) + 2)] if c not in used)
        used.add(person.id)


def _title(paragraph: str, words: int = 7) -> str:
    """A provisional title: the opening words of a paragraph."""
    first = paragraph.split()[:words]
    title = " ".join(first).rstrip(",;:—–")
    return title + ("…" if len(paragraph.split()) > words else "")


@dataclass
class Meta:
    """What is known of an article besides its text: from a web page's metadata, or read off a pasted text."""

    title: str = ""
    title_why: str = ""
    publisher: str = ""
    publisher_why: str = ""
    date: str = ""
    authors: list[str] = field(default_factory=list)
    url: str = ""
    #: notes on what was read off the page (subheads, headline left out of the body...)
    notes: list[dict[str, Any]] = field(default_factory=list)


_HEADLINE_END = re.compile(r"[.!?…:;,”\"’']$")


def text_meta(seed: Seed) -> Meta:
    """The metadata a pasted text gives away: a headline at the top, a byline, a copyright line."""
    meta = Meta()
    for kind, text, why in seed.blocks:
        if kind != "dropped":
            continue
        if why.startswith("byline") and not meta.authors:
            meta.authors = split_authors(text)
        elif why.startswith(("page furniture", "copyright")) and not meta.publisher:
            m = re.search(r"(?:©|copyright|\(c\))(?:\s*(?:©|\(c\)))?\s*(?:\d{4}\s*[-–]\s*)?\d{4},?\s+((?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})",
                          text, re.I)
            if m:
                name = re.split(r"\.\s|\s+All\b", m.group(1))[0]
                meta.publisher = re.sub(r"\s+(?:Inc|LLC|Ltd|Co|Corp)\.?$", "", name).rstrip(". ")
                meta.publisher_why = "the text's copyright line"
    if seed.paragraphs:
        first = seed.paragraphs[0]
        words = first.split()
        # a headline: a short line at the top that does not end like a sentence and quotes no one
        if 3 <= len(words) <= 20 and not _HEADLINE_END.search(first) and not find_quotations(first):
            meta.title, meta.title_why = first, "the text's first line, which reads as a headline (kept in the body too)"
    return meta


def build_scaffold(seed: Seed, *, seed_ref: str, article_id: str, meta: Meta | None = None) -> dict[str, Any]:
    """The scaffold of an article as plain data, in the loader's format."""
    meta = meta if meta is not None else text_meta(seed)
    paragraphs = seed.paragraphs
    guesses = attribute(paragraphs)
    people: list[Person] = []
    for g in guesses:
        if g.speaker not in people:
            people.append(g.speaker)
    _assign_ids(people)
    proposals = propose_scenes(paragraphs, seed.figures, guesses)
    scene_of: dict[int, str] = {}
    scenes: list[dict[str, Any]] = []
    figures_of: dict[int, list[SeedFigure]] = {}
    starts = [prop.first for prop in proposals]
    for f in seed.figures:  # the scene holding the paragraph before the figure (the first, at the top)
        figures_of.setdefault(max(0, bisect.bisect_left(starts, f.after) - 1), []).append(f)
    for n, prop in enumerate(proposals, 1):
        ident = f"s{n:02d}"
        paras = list(paragraphs[prop.first: prop.last + 1])
        scene_of.update(dict.fromkeys(range(prop.first, prop.last + 1), ident))
        scene: dict[str, Any] = {
            "id": ident, "narrative": None, "beat": None, "title": _title(paras[0]), "paragraphs": paras,
        }
        figures = figures_of.get(n - 1, [])
        if figures:
            scene["figures"] = [{"caption": f.caption, "credit": f.credit, "after": f.after - prop.first} for f in figures]
        scene["review"] = _review(
            prop.rule, prop.confidence,
            "title: the scene's opening words; write a real one. narrative and beat: to be chosen (null = context)",
        )
        scenes.append(scene)
    quotes: list[dict[str, Any]] = []
    outer: dict[int, list[tuple[int, str]]] = {}  # paragraph -> (start, id) of its outer quotes, in order
    for n, g in enumerate(guesses, 1):
        name, description = g.rule, RULES[g.rule][0]
        ident = f"q{n:02d}"
        record: dict[str, Any] = {"id": ident, "scene": scene_of[g.paragraph], "speaker": g.speaker.id, "text": g.text}
        if g.quotation.nested:
            # guesses come outer quote first, then those nested in it: the holder is the last outer one
            holders = outer.get(g.paragraph)
            if holders and holders[-1][0] <= g.quotation.start:
                record["within"] = holders[-1][1]
        else:
            outer.setdefault(g.paragraph, []).append((g.quotation.start, ident))
        record["review"] = _review(f"{name}: {description}", g.confidence, g.note, g.needs_review)
        quotes.append(record)
    speakers = []
    for person in people:
        role = person.role or "who they are is not said near their quotes: to be written"
        confidence = person.confidence if person.role else min(person.confidence, 0.5)
        # someone known only through doubtful attributions needs a look, however clearly described
        doubtful = all(g.needs_review for g in guesses if g.speaker is person)
        speakers.append({
            "id": person.id, "name": person.name, "role": role, "anonymous": person.anonymous,
            "review": _review(
                person.rule, confidence, "mentioned as: " + "; ".join(person.mentions) if person.mentions else "",
                confidence < 0.7 or doubtful,
            ),
        })
    first_words = _title(paragraphs[0], 8) if paragraphs else "an empty article"
    notes: list[dict[str, Any]] = [
        _review(
            f"seed: {counted(len(paragraphs), 'body paragraph')} ({seed.shape.replace('-', ' ')} paragraphs), {counted(len(seed.figures), 'figure')}",
            1.0, "scene paragraphs are the seed's, verbatim and in order; `reader check` compares them", False,
        ),
    ]
    if seed.date:
        notes.append(_review("date: from the seed's metadata line", 1.0, seed.date, False))
    notes.extend(meta.notes)
    for kind, text, why in seed.blocks:
        if kind == "dropped":
            notes.append(_review(f"dropped as boilerplate ({why})", 0.9, _short(text, 160), False))
    counts = Counter(g.rule for g in guesses)
    review_count = sum(g.needs_review for g in guesses)
    notes.append(_review(
        f"quotes: {len(guesses)} found, {review_count} to review",
        1.0, ", ".join(f"{rule} {count}" for rule, count in counts.most_common()), review_count > 0,
    ))
    date = seed.date or meta.date or "undated"
    article: dict[str, Any] = {"id": article_id}
    todo = []
    if meta.title:
        article["title"] = meta.title
        article["title_by"] = "publisher" if meta.url else "importer"
    else:
        article["title"], article["title_by"] = first_words, "importer"
        todo.append("title is the opening words")
    article["source"] = meta.publisher or "Unknown publisher"
    if not meta.publisher:
        todo.append("publisher unknown")
    if date == "undated":
        todo.append("no date found")
    article["date"] = date
    if meta.authors:
        article["authors"] = list(meta.authors)
    if meta.url:
        article["url"] = meta.url
    article["seed"] = seed_ref
    found = "; ".join(f"{key} from {why}" for key, why in (("title", meta.title_why), ("publisher", meta.publisher_why)) if why)
    article["review"] = (
        _review("article: " + "; ".join(todo), 0.0, "write what is missing" + (f" ({found})" if found else ""), True) if todo
        else _review("article: metadata read off the source", 0.9, found, False)
    )
    notes.append(_review(
        "narratives and beats: placeholders", 0.0,
        "choose the storylines and the steps they share, then set each scene's narrative (null for context) and beat",
        True,
    ))
    data: dict[str, Any] = {
        "article": article,
        "speakers": speakers,
        "narratives": [{
            "id": "storyline-1", "title": "TODO storyline", "summary": "TODO: one line on what this storyline follows",
            "review": _review("placeholder for the editor", 0.0, "no scene uses it yet", True),
        }],
        "beats": [{
            "id": "beat-1", "title": "TODO beat",
            "review": _review("placeholder for the editor", 0.0, "no scene uses it yet", True),
        }],
        "scenes": scenes,
        "quotes": quotes,
        "review": notes,
    }
    # storylines, beats, scenes and facts: proposed from the text by their own pass (structure.py)
    return propose_structure(data)


def _short(text: str, width: int) -> str:
    """Text cut to width on one line."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


_HEADER = """\
# A scaffold made by `reader import` from {seed}: a draft for an editor, not a finished article.
# The paragraphs are the seed's, verbatim; everything else is a guess. Each guess has a `review`
# map: the rule that made it, its confidence (0..1), and needs_review where an editor should
# look first. Storylines, beats, scene splits and facts are proposed from the text: check them.
"""
_SECTION_NOTES = {
    "narratives": "# Proposed storylines, told side by side (see each review.rule).",
    "beats": "# Proposed beats: the ordered steps the storylines share.",
    "scenes": "# Proposed scenes: split where the storyline, the time or the place changes.",
    "facts": "# Proposed facts: each value verbatim from its source span; according_to where the text attributes it.",
    "quotes": "# Every direct quotation, with the speaker a rule chose (see each review.rule).",
    "review": "# Notes on the import: what was dropped from the seed and why, and what is left to do.",
}


# the C emitter, where PyYAML has it, writes a large scaffold several times faster
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_yaml(data: dict[str, Any]) -> str:
    """The scaffold as YAML text, one section after another with a comment on each."""
    parts = [_HEADER.format(seed=data["article"].get("seed"))]
    for key, value in data.items():
        note = _SECTION_NOTES.get(key)
        block = yaml.dump({key: value}, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
        parts.append((note + "\n" if note else "") + block)
    return "\n".join(parts)


def seed_reference(source: Path, out: Path | None) -> str:
    """How the article names its seed: relative to the article's folder, or absolute when printed."""
    source = source.resolve()
    if out is None:
        return source.as_posix()
    try:
        return Path(os.path.relpath(source, out.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return source.as_posix()


def import_file(source: Path, out: Path | None = None) -> str:
    """The scaffold YAML for a seed file, its seed path written for where `out` will stand."""
    seed = parse_seed(read_text(source))  # the same size, binary and encoding checks as articles
    if not seed.paragraphs:
        left = f" ({len(seed.dropped)} blocks of boilerplate)" if seed.dropped else ""
        raise ContentError([Problem(str(source), f"has no body text to import{left}")])
    data = build_scaffold(seed, seed_ref=seed_reference(source, out), article_id=_slug((out or source).stem, 8))
    return to_yaml(data)


@dataclass(frozen=True)
class Imported:
    """The result of an import: the article's YAML, and the seed text to write beside it (for a page or stdin)."""

    yaml: str
    seed_text: str | None = None
    seed_path: Path | None = None
    is_html: bool = False


def seed_beside(out: Path) -> Path:
    """Where the seed of an imported page goes: beside the article, `NAME.seed.txt`."""
    return out.with_name(out.stem + ".seed.txt")


def import_data(data: bytes, name: str, out: Path | None, *, source: Path | None = None) -> Imported:
    """Import a text or a web page given as bytes (gzipped or not); `source` is its file, if it has one.

    A page, or a text without a file (standard input), gets its seed written beside `out`, so
    the article can be checked against it like any other.
    """
    try:
        raw, data = data, decode_page(data, max_bytes())
    except ValueError as exc:
        raise ContentError([Problem(name, str(exc))]) from None
    if raw is not data:
        source = None  # a gzipped text: the seed is the text unpacked, written beside the article
    if looks_like_html(data):
        if out is None:
            raise ContentError([Problem(name, "is a web page: give -o OUT.yaml, beside which its extracted text is written as the seed")])
        return import_page(page_text(data), name, out)
    if source is None:
        if out is None:
            raise ContentError([Problem(name, "give -o OUT.yaml: the text read from standard input is written beside it as the seed")])
        text = _text_of(data, name)
        seed_path = seed_beside(out)
        return Imported(_scaffold_yaml(parse_seed(text), name, seed_path, out), text, seed_path)
    return Imported(import_file(source, out))


def _text_of(data: bytes, name: str) -> str:
    """Bytes as UTF-8 text, with the loader's checks (binary, encoding)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stdin.txt"
        path.write_bytes(data)
        try:
            return read_text(path)
        except ContentError as exc:
            raise ContentError([Problem(name, p.message, p.line, p.column) for p in exc.problems]) from None


def import_page(html: str, name: str, out: Path, url: str | None = None) -> Imported:
    """Import a web page: its article body as the seed beside `out`, its metadata into the article."""
    from .webpage import read_page, seed_text

    page = read_page(html, url)
    text = seed_text(page)
    seed = parse_seed(text)
    if not seed.paragraphs:
        raise ContentError([Problem(name, "has no article text that could be found in the page")])
    notes = [_review(f"dropped from the page ({why})", 0.9, _short(block, 160), False) for why, block in page.dropped]
    if page.headings:
        heads = [page.blocks[i] for i in page.headings if i < len(page.blocks)]
        notes.append(_review("subheads: kept in the body as paragraphs of their own", 0.9, "; ".join(_short(h, 60) for h in heads), False))
    meta = Meta(
        title=page.title, title_why=page.title_from, publisher=page.publisher, publisher_why=page.publisher_from,
        date=page.date, authors=page.authors, url=page.url, notes=notes,
    )
    seed_path = seed_beside(out)
    data = build_scaffold(seed, seed_ref=seed_reference(seed_path, out), article_id=_slug(out.stem, 8), meta=meta)
    return Imported(to_yaml(data), text, seed_path, is_html=True)


def _scaffold_yaml(seed: Seed, name: str, seed_path: Path, out: Path) -> str:
    """The YAML of a text's scaffold, its seed at seed_path."""
    if not seed.paragraphs:
        left = f" ({len(seed.dropped)} blocks of boilerplate)" if seed.dropped else ""
        raise ContentError([Problem(name, f"has no body text to import{left}")])
    return to_yaml(build_scaffold(seed, seed_ref=seed_reference(seed_path, out), article_id=_slug(out.stem, 8)))
