"""Loading an article from YAML and checking every invariant of the content model.

All problems are gathered, each with the file, line and column of the YAML node it concerns,
and raised together as one ContentError, so an author fixes a file in one pass.
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
import stat
from pathlib import Path

from . import yamlsafe
from .errors import ContentError, Problem
from .model import Article, ArticleMeta, Beat, Fact, Figure, Narrative, Quote, Scene, SceneTime, Speaker
from .quotes import core, find_quotations
from .seed import Seed, SeedOutside, locate_seed, parse_seed
from .textsafe import FORBIDDEN_IN_TEXT_FILE, describe, line_col

TYPE_CHECKING = False  # typing's own flag without importing typing: these paths are timed
if TYPE_CHECKING:
    from typing import Any

    from .yamlsafe import Path as DataPath

_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d")

#: Largest article file read, in bytes; READER_MAX_BYTES overrides it.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

SECTIONS = ("article", "speakers", "narratives", "beats", "scenes", "quotes", "facts", "review")

# field name -> (accepted types, required)
_Spec = dict[str, tuple[tuple[type, ...], bool]]
_STR = (str,)
_SPECS: dict[str, _Spec] = {
    "article": {
        "id": (_STR, True), "title": (_STR, True), "source": (_STR, True), "date": (_STR, True),
        "seed": (_STR + (type(None),), False), "title_by": (_STR, False),
        "publisher": (_STR, False), "url": (_STR, False), "authors": ((list,), False),
        # seed blocks a boilerplate rule drops that the editor restored as body text, verbatim
        "restored": ((list,), False),
    },
    "speakers": {"id": (_STR, True), "name": (_STR, True), "role": (_STR, True), "anonymous": ((bool,), False)},
    "narratives": {"id": (_STR, True), "title": (_STR, True), "summary": (_STR, True)},
    "beats": {"id": (_STR, True), "title": (_STR, True)},
    "scenes": {
        "id": (_STR, True), "narrative": (_STR + (type(None),), False), "beat": (_STR + (type(None),), False),
        "title": (_STR, True), "paragraphs": ((list,), True), "figures": ((list,), False), "time": ((dict,), False),
    },
    "figures": {"caption": (_STR, True), "credit": (_STR, True), "after": ((int,), False)},
    # when a scene happens: a clock time where the text gives one, and the verbatim words saying so
    "time": {"label": (_STR, True), "source": (_STR, True), "at": (_STR, False)},
    "quotes": {"id": (_STR, True), "scene": (_STR, True), "speaker": (_STR, True), "text": (_STR, True), "within": (_STR, False)},
    "facts": {
        "id": (_STR, True), "label": (_STR, True), "value": (_STR, True), "category": (_STR, True),
        "scene": (_STR, True), "source": (_STR, True), "according_to": (_STR + (type(None),), False),
    },
}
# Every record may carry a `review` map: how a tool (reader import) guessed it, for the editor.
_REVIEW: _Spec = {
    "rule": (_STR, True), "confidence": ((int, float), False), "note": (_STR, False), "needs_review": ((bool,), False),
}
for _name in ("article", "speakers", "narratives", "beats", "scenes", "quotes", "facts"):
    _SPECS[_name]["review"] = ((dict,), False)
_SPECS["review"] = _REVIEW
_TYPE_NAMES = {str: "text", bool: "true or false", int: "a whole number", float: "a number", list: "a list", dict: "a map", type(None): "null"}


def max_bytes() -> int:
    """The size cap in force: READER_MAX_BYTES when set to a positive number, else the default."""
    try:
        value = int(os.environ.get("READER_MAX_BYTES", ""))
    except ValueError:
        return DEFAULT_MAX_BYTES
    return value if value > 0 else DEFAULT_MAX_BYTES


def read_text(path: Path, limit: int | None = None, *, plain: bool = True) -> str:
    """A file's text, refusing folders, devices, oversize, binary and non-UTF-8 files with a clear problem.

    With plain (a seed, a text to import) control, bidi and invisible characters are refused
    too, with their line and column; YAML (plain=False) is checked for them by yamlsafe.
    """
    name = str(path)
    limit = max_bytes() if limit is None else limit
    try:
        if path.is_dir():
            raise ContentError([Problem(name, "is a folder, not an article file")])
        # O_NONBLOCK: opening a FIFO must not wait for a writer; what is not a regular file is refused
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ContentError([Problem(name, "is not a regular file (a device, a pipe or a socket)")])
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise ContentError([Problem(name, "no such file")]) from None
    except OSError as exc:  # unreadable, a name too long, a folder that appeared meanwhile...
        raise ContentError([Problem(name, f"cannot be read: {exc.strerror or exc}")]) from None
    except ValueError:  # a name with a NUL in it, say from an article's `seed` field
        raise ContentError([Problem(name, "cannot be read: the file name holds a NUL character")]) from None
    if len(data) > limit:
        raise ContentError([Problem(name, f"is larger than the {limit:,}-byte cap (set READER_MAX_BYTES to raise it)")])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        # its many NUL bytes would otherwise call a text file binary
        raise ContentError([Problem(name, "is UTF-16 or UTF-32 text, not UTF-8: save it as UTF-8")])
    if b"\0" in data:
        where = _byte_place(data, data.index(b"\0"))
        raise ContentError([Problem(name, "holds a NUL byte: this is binary data, not a text article", *where)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = _byte_place(data, exc.start)
        raise ContentError([Problem(name, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", *where)]) from None
    text = text.removeprefix("\ufeff")
    bad = FORBIDDEN_IN_TEXT_FILE.search(text) if plain else None
    if bad:
        raise ContentError([Problem(
            name, f"holds {describe(bad.group())}: a text may not contain control characters, bidirectional "
            "overrides or invisible characters (they could drive a terminal or hide text)", *line_col(text, bad.start()),
        )])
    return text


def _byte_place(data: bytes, offset: int) -> tuple[int, int]:
    """One-based line and column (in characters, as an editor shows them) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def load_article(path: str | os.PathLike[str], *, check_seed: bool = True) -> Article:
    """Read, parse and check one article file; raises ContentError listing every problem."""
    path = Path(path)
    text = read_text(path, plain=False)
    if len(text) < _CACHE_FROM:
        return load_article_text(text, str(path), base=path.parent, check_seed=check_seed)
    from . import cache  # big articles only: msgspec stays off the path of a small one

    article = cache.lookup(text, path, check_seed, seed_file)
    if article is None:
        article = load_article_text(text, str(path), base=path.parent, check_seed=check_seed)
        cache.store(text, article, check_seed, seed_file)
    return article


#: the size from which articles are cached (cache.CACHE_FROM, kept here so a small load never imports it)
_CACHE_FROM = 512 * 1024


def seed_file(article: Article, base: Path | None) -> Path | None:
    """The seed file an article names, resolved inside the folders seeds may live in.

    None when it names none, or names a place outside them (locate_seed says why).
    """
    if not article.meta.seed:
        return None
    try:
        return locate_seed(article.meta.seed, base)
    except SeedOutside:
        return None


def load_article_text(text: str, file: str, *, base: Path | None = None, check_seed: bool = True) -> Article:
    """Parse and check an article given as YAML text; `file` names it in messages."""
    if not text.strip():
        raise ContentError([Problem(file, "is empty: expected an article (a map with article, scenes, ...)")])
    try:
        # without positions: a good article never needs them, and they are a third of the parse
        data, _ = yamlsafe.load(text, marks=False)
    except yamlsafe.YamlProblem as exc:
        raise ContentError([exc.to_problem(file)]) from None
    builder = _Builder(file, None, base)
    builder.text = text
    return builder.finish(data, check_seed)


def validate_data(data: Any, file: str, *, base: Path | None = None, check_seed: bool = True) -> Article:
    """Check an article given as plain data (an editor's working copy) as `reader check` would.

    The same checks as load_article_text, without positions (the data has no text yet);
    raises ContentError listing every problem.
    """
    return _Builder(file, {}, base).finish(data, check_seed)


class _Builder:
    """Turns located plain data into an Article, recording problems instead of stopping."""

    def __init__(self, file: str, marks: yamlsafe.Marks | None, base: Path | None) -> None:
        self.file = file
        self.marks = marks  # None until a problem needs a place: then read again, with marks
        self.base = base
        self.text = ""
        self.problems: list[Problem] = []
        self.scene_pos: dict[str, int] = {}
        # ids of records refused for another fault: references to them are not reported again
        self.refused_ids: dict[str, set[str]] = {}
        # sections missing or not a list: what refers to them cannot be checked, and is not
        self.unchecked: set[str] = set()
        self.broken_scenes = False
        # the seed blocks the article restored as body text (article.restored)
        self.restored: tuple[str, ...] = ()

    def finish(self, data: Any, check_seed: bool) -> Article:
        """Build and check the whole article, then the seed; raises ContentError when anything is wrong."""
        article = self.build(data)
        # compare with the seed even when other fields are wrong, so one pass shows everything;
        # but not when a scene could not be read, which would only show as spurious drift
        if check_seed and article.meta.seed and not self.broken_scenes:
            self.check_seed(article)
        if self.problems:
            raise ContentError(self.problems)
        return article

    def where(self) -> yamlsafe.Marks:
        """The line and column of every data path, read on first need (the same text, so the same paths)."""
        if self.marks is None:
            self.marks = yamlsafe.load(self.text)[1] if self.text else {}
        return self.marks

    def at(self, path: DataPath, message: str) -> None:
        """Record a problem at the nearest known place of a data path."""
        marks = self.where()
        while path and path not in marks:
            path = path[:-1]
        line, col = marks.get(path, (None, None))
        self.problems.append(Problem(self.file, message, line, col))

    # -- shape -------------------------------------------------------------------------
    def record(self, value: Any, spec_name: str, path: DataPath) -> dict[str, Any] | None:
        """Check a map against its spec; returns it when usable, else None."""
        if not isinstance(value, dict):
            self.at(path, f"{_label(path)} must be a map of fields, not {_kind(value)}")
            return None
        spec = _SPECS[spec_name]
        ok = True
        # most records hold only known fields: one set comparison instead of a loop over them
        for key in value if not value.keys() <= spec.keys() else ():
            if key not in spec:
                hint = _close(key, list(spec))
                more = f" (did you mean {hint[0]!r}?)" if hint else f" (expected one of: {', '.join(spec)})"
                self.at(path + (key,), f"{_label(path)}: unknown field {key!r}{more}")
        for key, (types, required) in spec.items():
            if key not in value:
                if required:
                    self.at(path, f"{_label(path)}: missing required field {key!r}")
                    ok = False
                continue
            item = value[key]
            if isinstance(item, bool) and bool not in types:
                good = False  # bool is an int in Python; a count of `true` is a mistake
            else:
                good = isinstance(item, types)
            if good and isinstance(item, str) and (not item or item.isspace()) and required:  # as not strip(), without a copy
                self.at(path + (key,), f"{_label(path)}: field {key!r} is empty")
                ok = False
            elif not good:
                want = " or ".join(_TYPE_NAMES[t] for t in types)
                self.at(path + (key,), f"{_label(path)}: field {key!r} must be {want}, not {_kind(item)}")
                ok = False
        if isinstance(value.get("review"), dict) and spec_name != "review":
            self.review(value["review"], path + ("review",))
        return value if ok else None

    def review(self, value: Any, path: DataPath) -> None:
        """Check a review map: the rule that made a guess and its confidence between 0 and 1."""
        rec = self.record(value, "review", path)
        if rec is None:
            return
        confidence = rec.get("confidence")
        if confidence is not None and not (isinstance(confidence, (int, float)) and 0 <= confidence <= 1):
            self.at(path + ("confidence",), f"{_label(path)}: confidence must be between 0 and 1, not {confidence!r}")

    def section(self, data: dict[str, Any], name: str, required: bool = True) -> list[tuple[DataPath, dict[str, Any]]]:
        """The usable records of a list section, with their paths."""
        if name not in data:
            if required:
                self.at((), f"missing required section {name!r}")
            self.unchecked.add(name)
            return []
        items = data[name]
        if items is None:
            return []
        if not isinstance(items, list):
            self.at((name,), f"section {name!r} must be a list, not {_kind(items)}")
            self.unchecked.add(name)
            return []
        out: list[tuple[DataPath, dict[str, Any]]] = []
        for i, item in enumerate(items):
            rec = self.record(item, name, (name, i))
            if rec is not None:
                out.append(((name, i), rec))
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                self.refused_ids.setdefault(name, set()).add(item["id"])
        return out

    def unique(self, records: list[tuple[DataPath, dict[str, Any]]], kind: str) -> set[str]:
        """The ids of a section, reporting duplicates."""
        seen: dict[str, DataPath] = {}
        for path, rec in records:
            ident = rec["id"]
            if ident in seen:
                first = self.where().get(seen[ident] + ("id",), (None,))[0]
                self.at(path + ("id",), f"duplicate {kind} id {ident!r} (first used on line {first})")
            else:
                seen[ident] = path
        return set(seen)

    def ref(self, path: DataPath, value: str | None, known: set[str], kind: str) -> None:
        """Report a reference that names nothing, with a did-you-mean."""
        if value is None or value in known or kind + "s" in self.unchecked:
            return
        hint = _close(value, sorted(known))
        more = f" (did you mean {hint[0]!r}?)" if hint else ""
        self.at(path, f"{_label(path[:2])}: unknown {kind} {value!r}{more}")

    # -- building ----------------------------------------------------------------------
    def build(self, data: Any) -> Article:
        """Check the whole document and build the article from what is usable."""
        empty = Article(ArticleMeta("", "", "", ""), (), (), (), ())
        if not isinstance(data, dict):
            self.at((), f"the top level must be a map with the sections {', '.join(SECTIONS)}; found {_kind(data)}")
            return empty
        for key in data:
            if key not in SECTIONS:
                hint = _close(key, SECTIONS)
                more = f" (did you mean {hint[0]!r}?)" if hint else f" (expected one of: {', '.join(SECTIONS)})"
                self.at((key,), f"unknown section {key!r}{more}")
        meta_rec = self.record(data["article"], "article", ("article",)) if "article" in data else None
        if "article" not in data:
            self.at((), "missing required section 'article'")
        speakers = self.section(data, "speakers")
        narratives = self.section(data, "narratives")
        beats = self.section(data, "beats")
        scenes = self.section(data, "scenes")
        if "review" in data:
            notes = data["review"]
            if not isinstance(notes, list):
                self.at(("review",), f"section 'review' must be a list of review notes, not {_kind(notes)}")
            else:
                for i, note in enumerate(notes):
                    self.review(note, ("review", i))
        quotes = self.section(data, "quotes", required=False)
        facts = self.section(data, "facts", required=False)

        speaker_ids = self.unique(speakers, "speaker") | self.refused_ids.get("speakers", set())
        narrative_ids = self.unique(narratives, "narrative") | self.refused_ids.get("narratives", set())
        beat_ids = self.unique(beats, "beat") | self.refused_ids.get("beats", set())
        scene_ids = self.unique(scenes, "scene") | self.refused_ids.get("scenes", set())
        self.scene_pos = {rec["id"]: path[1] for path, rec in reversed(scenes)}
        self.unique(quotes, "quote")
        self.unique(facts, "fact")
        if "scenes" in data and isinstance(data["scenes"], list) and not data["scenes"]:
            self.at(("scenes",), "an article needs at least one scene")

        built_scenes = [self.scene(path, rec, narrative_ids, beat_ids) for path, rec in scenes]
        listed = data.get("scenes")
        self.broken_scenes = None in built_scenes or not isinstance(listed, list) or len(scenes) != len(listed)
        scene_by_id: dict[str, Scene] = {}
        for built in built_scenes:
            if built is not None:
                scene_by_id.setdefault(built.id, built)  # the first of duplicate ids, as reported
        built_quotes = []
        for path, rec in quotes:
            self.ref(path + ("speaker",), rec["speaker"], speaker_ids, "speaker")
            self.ref(path + ("scene",), rec["scene"], scene_ids, "scene")
            scene = scene_by_id.get(rec["scene"])
            if scene is not None and not any(rec["text"] in p for p in scene.paragraphs):
                self.at(path + ("text",), f"quote {rec['id']!r} is not verbatim in a paragraph of scene {scene.id!r}: {_short(rec['text'])}")
            built_quotes.append(Quote(rec["id"], rec["scene"], rec["speaker"], rec["text"], rec.get("within")))
        built_facts = []
        for path, rec in facts:
            self.ref(path + ("scene",), rec["scene"], scene_ids, "scene")
            scene = scene_by_id.get(rec["scene"])
            if scene is not None and not any(rec["source"] in p for p in scene.paragraphs):
                self.at(path + ("source",), f"fact {rec['id']!r}: its source is not a verbatim span of scene {scene.id!r}: {_short(rec['source'])}")
            else:  # a span that is not the text's is reported once, not again through its value
                self.check_fact(path, rec, scene, speaker_ids)
            built_facts.append(Fact(rec["id"], rec["label"], rec["value"], rec["category"], rec["scene"], rec["source"],
                                    rec.get("according_to")))
        self.check_quotations(scenes, scene_by_id, built_quotes)
        self.check_within(quotes, built_quotes)

        meta = empty.meta
        if meta_rec is not None:
            self.restored = self.restored_blocks(meta_rec.get("restored"))
            meta = ArticleMeta(
                id=meta_rec["id"], title=meta_rec["title"], source=meta_rec["source"], date=meta_rec["date"],
                seed=meta_rec.get("seed"), title_by=meta_rec.get("title_by", "publisher"),
                publisher=meta_rec.get("publisher", ""), url=meta_rec.get("url", ""),
                authors=self.authors(meta_rec.get("authors")),
            )
        return Article(
            meta=meta,
            speakers=tuple(Speaker(r["id"], r["name"], r["role"], r.get("anonymous", False)) for _, r in speakers),
            narratives=tuple(Narrative(r["id"], r["title"], r["summary"]) for _, r in narratives),
            beats=tuple(Beat(r["id"], r["title"]) for _, r in beats),
            scenes=tuple(s for s in built_scenes if s is not None),
            quotes=tuple(built_quotes),
            facts=tuple(built_facts),
            path=self.file,
        )

    def check_fact(self, path: DataPath, rec: dict[str, Any], scene: Scene | None, speaker_ids: set[str]) -> None:
        """A fact says nothing its span does not; its `according_to` is a speaker or words of its scene."""
        from .claims import unsupported_words

        missing = unsupported_words(rec["value"], rec["source"])
        if missing:
            words = ", ".join(repr(w) for w in missing)
            self.at(path + ("value",), f"fact {rec['id']!r}: its value says what its source span does not ({words} not in: {_short(rec['source'])})")
        who = rec.get("according_to")
        if not who or who in speaker_ids or "speakers" in self.unchecked:
            return
        if not any(c.isspace() for c in who.strip()):  # one word: meant as a speaker id
            self.ref(path + ("according_to",), who, speaker_ids, "speaker")
        elif scene is not None:
            text = " ".join(scene.paragraphs)
            gone = unsupported_words(who, text)
            if gone:
                self.at(path + ("according_to",), f"fact {rec['id']!r}: according_to names words its scene does not hold: {', '.join(gone)}")

    def scene(self, path: DataPath, rec: dict[str, Any], narratives: set[str], beats: set[str]) -> Scene | None:
        """One scene, with its paragraphs and figures checked."""
        self.ref(path + ("narrative",), rec.get("narrative"), narratives, "narrative")
        self.ref(path + ("beat",), rec.get("beat"), beats, "beat")
        paragraphs = rec["paragraphs"]
        good = True
        if not paragraphs:
            self.at(path + ("paragraphs",), f"scene {rec['id']!r} has no paragraphs")
            good = False
        for i, para in enumerate(paragraphs):
            if not isinstance(para, str) or not para.strip():
                self.at(path + ("paragraphs", i), f"scene {rec['id']!r}: paragraph {i + 1} must be non-empty text, not {_kind(para)}")
                good = False
        figures = []
        for i, item in enumerate(rec.get("figures") or []):
            fig = self.record(item, "figures", path + ("figures", i))
            if fig is None:
                continue
            after = fig.get("after", len(paragraphs))
            if not 0 <= after <= len(paragraphs):
                self.at(path + ("figures", i, "after"), f"figure 'after' must be between 0 and {len(paragraphs)} (the scene's paragraph count)")
                continue
            figures.append(Figure(fig["caption"], fig["credit"], after))
        if not good:
            return None
        return Scene(
            rec["id"], rec.get("narrative"), rec.get("beat"), rec["title"], tuple(paragraphs), tuple(figures),
            self.scene_time(path + ("time",), rec.get("time"), paragraphs),
        )

    def scene_time(self, path: DataPath, value: Any, paragraphs: list[str]) -> SceneTime | None:
        """A scene's optional time: its source must be verbatim in the scene, `at` a clock time."""
        if value is None:
            return None
        rec = self.record(value, "time", path)
        if rec is None:
            return None
        if not any(rec["source"] in p for p in paragraphs):
            self.at(path + ("source",), f"time source is not a verbatim span of the scene: {_short(rec['source'])}")
        at = rec.get("at")
        if at is not None and not _CLOCK.fullmatch(at):
            self.at(path + ("at",), f"time 'at' must be a clock time HH:MM (24-hour), not {at!r}")
            at = None
        return SceneTime(rec["label"], rec["source"], at)

    def authors(self, value: Any) -> tuple[str, ...]:
        """The byline's names: a list of non-empty texts."""
        if value is None:
            return ()
        names = tuple(v for v in value if isinstance(v, str) and v.strip())
        if len(names) != len(value):
            self.at(("article", "authors"), "article: field 'authors' must be a list of names (non-empty texts)")
        return names

    def check_within(self, records: list[tuple[DataPath, dict[str, Any]]], quotes: list[Quote]) -> None:
        """A nested quote names the quote it sits in: another quote of the same scene whose text holds its own."""
        by_id = {q.id: q for q in quotes}
        for (path, _rec), q in zip(records, quotes, strict=True):
            if q.within is None:
                continue
            outer = by_id.get(q.within)
            if outer is None or outer is q:
                hint = _close(q.within, sorted(by_id))
                more = f" (did you mean {hint[0]!r}?)" if hint else ""
                self.at(path + ("within",), f"quote {q.id!r}: 'within' names no other quote: {q.within!r}{more}")
            elif outer.scene != q.scene or q.text not in outer.text:
                self.at(path + ("within",), f"quote {q.id!r}: its text does not stand inside quote {outer.id!r} of the same scene")

    def check_quotations(self, scenes: list[tuple[DataPath, dict[str, Any]]], scene_by_id: dict[str, Scene], quotes: list[Quote]) -> None:
        """Every direct quotation in a scene's text must be covered by a listed quote of that scene."""
        # grouped once: a scan of every quote per scene made a 1000x article take a minute
        by_scene: dict[str, list[str]] = {}
        for q in quotes:
            by_scene.setdefault(q.scene, []).append(q.text)
        for path, rec in scenes:
            scene = scene_by_id.get(rec["id"])
            if scene is None:
                continue
            listed = by_scene.get(scene.id, [])
            exact = set(listed)
            for i, para in enumerate(scene.paragraphs):
                present: _Spans | None = None
                for found in find_quotations(para):
                    words = core(found.text)
                    if not words:
                        continue
                    lo = found.start
                    hi = lo + len(words)
                    # words quoted inside a quotation (‘brothers’) need a quote of their own,
                    # since they may be another person's: the outer quote does not cover them
                    if words in exact:
                        continue  # a quote of these very words stands here, at lo: it covers them
                    if present is None:  # where the listed quotes stand in this paragraph
                        present = _Spans(para, [t for t in listed if t in para])
                    if not present.covers(lo, hi, exact=found.nested):
                        self.at(path + ("paragraphs", i), f"scene {scene.id!r}, paragraph {i + 1}: the quotation “{_short(words)}” is not in the quotes list")

    # -- the seed ------------------------------------------------------------------------
    def check_seed(self, article: Article) -> None:
        """The scenes, read in order, must give back the seed's body and figures exactly."""
        seed_name = article.meta.seed or ""
        try:
            seed = parse_seed(read_text(locate_seed(seed_name, self.base)), keep=self.restored)
        except SeedOutside as exc:
            self.at(("article", "seed"), f"seed {seed_name!r}: {exc}")
            return
        except ContentError as exc:
            first = exc.problems[0]
            where = f"line {first.line}, column {first.column}: " if first.line is not None else ""
            self.at(("article", "seed"), f"seed {seed_name!r}: {where}{first.message}")
            return
        if self.restored:
            body = set(seed.paragraphs)
            for i, block in enumerate(self.restored):
                if block not in body:
                    self.at(("article", "restored", i), f"article.restored[{i + 1}] is not a block of the seed: {_short(block)}")
        if seed.date and seed.date != article.meta.date:
            self.at(("article", "date"), f"article date {article.meta.date!r} differs from the seed's date {seed.date!r}")
        self.compare_paragraphs(article, seed, seed_name)
        self.compare_figures(article, seed, seed_name)

    def compare_paragraphs(self, article: Article, seed: Seed, seed_name: str) -> None:
        """Report each paragraph lost, invented, changed or moved against the seed."""
        ours: list[tuple[DataPath, str]] = []
        for scene in article.scenes:
            for p_index, para in enumerate(scene.paragraphs):
                ours.append((("scenes", self._scene_pos(scene.id), "paragraphs", p_index), para))
        mine = [p for _, p in ours]
        theirs = list(seed.paragraphs)
        changes = _changes(theirs, mine)
        mine_set, theirs_set = (set(mine), set(theirs)) if changes else (set(), set())  # a look-up per problem, not a scan
        for op, a0, a1, b0, b1 in changes:
            if op == "replace" and a1 - a0 == b1 - b0:
                for k in range(a1 - a0):
                    path = ours[b0 + k][0]
                    self.at(path, f"differs from seed paragraph {a0 + k + 1}: {_diff(theirs[a0 + k], mine[b0 + k])}")
                continue
            # point at the paragraph the lost one should stand beside, not at the whole list
            if b0 < len(ours):
                where, place = ours[b0][0], ", before this paragraph"
            elif ours:
                where, place = ours[-1][0], ", after this paragraph"
            else:
                where, place = ("scenes",), ""
            for k in range(a0, a1):
                moved = " (it stands elsewhere: paragraphs are out of order)" if theirs[k] in mine_set else ""
                self.at(where, f"seed paragraph {k + 1} is missing from the scenes{place}{moved}: {_short(theirs[k])}")
            for k in range(b0, b1):
                extra = " (out of order or repeated)" if mine[k] in theirs_set else " (not in the seed)"
                self.at(ours[k][0], f"paragraph is not where the seed has it{extra}: {_short(mine[k])}")

    def compare_figures(self, article: Article, seed: Seed, seed_name: str) -> None:
        """The figures, in order and place, must be the seed's image captions."""
        ours = []
        body: list[DataPath] = []  # the path of each body paragraph, in article order
        for scene in article.scenes:
            pos = self._scene_pos(scene.id)
            for k, fig in enumerate(scene.figures):
                ours.append((("scenes", pos, "figures", k), fig, len(body) + fig.after))
            body += [("scenes", pos, "paragraphs", i) for i in range(len(scene.paragraphs))]
        mine = [(fig.caption, fig.credit, after) for _, fig, after in ours]
        theirs = [(f.caption, f.credit, f.after) for f in seed.figures]
        for op, a0, a1, b0, b1 in _changes(theirs, mine):
            pairs = min(a1 - a0, b1 - b0) if op == "replace" else 0
            for k in range(pairs):  # the same figure, changed: say how
                (path, fig, after), want = ours[b0 + k], seed.figures[a0 + k]
                if fig.caption != want.caption:
                    self.at(path + ("caption",), f"figure caption differs from the seed's: {_diff(want.caption, fig.caption)}")
                if fig.credit != want.credit:
                    self.at(path + ("credit",), f"figure credit {fig.credit!r} differs from the seed's {want.credit!r}")
                if after != want.after:
                    self.at(path, f"figure stands after body paragraph {after}; the seed has it after paragraph {want.after}")
            for k in range(a0 + pairs, a1):
                want = seed.figures[k]
                # point at the paragraph the lost figure follows in the seed, where it belongs
                where = body[min(max(want.after - 1, 0), len(body) - 1)] if body else ("scenes",)
                self.at(where, f"seed image caption {k + 1} is missing from the figures; "
                               f"the seed has it after body paragraph {want.after}: {_short(want.caption)}")
            for k in range(b0 + pairs, b1):
                path, fig, after = ours[k]
                self.at(path, f"figure is not in the seed (or not here: after body paragraph {after}): {_short(fig.caption)}")

    def restored_blocks(self, value: list[Any] | None) -> tuple[str, ...]:
        """The article's restored seed blocks: each must be text."""
        out = []
        for i, block in enumerate(value or ()):
            if isinstance(block, str) and block.strip():
                out.append(block)
            else:
                self.at(("article", "restored", i), f"article.restored[{i + 1}] must be a seed block's text, not {_kind(block)}")
        return tuple(out)

    def _scene_pos(self, scene_id: str) -> int:
        """Index of a scene in the YAML list, for marks."""
        return self.scene_pos.get(scene_id, 0)


class _Spans:
    """Where some texts occur in a paragraph, to ask in log time whether one spans a quotation.

    Every occurrence is found once (one search each, in C); a quotation [lo, hi) is covered when
    an occurrence starts at or before lo and ends at or after hi: the furthest end among the
    starts up to lo says so. Before, each quotation walked every occurrence of every quote,
    which made a long paragraph of many short quotes take minutes.
    """

    def __init__(self, para: str, texts: list[str]) -> None:
        self.para, self.texts = para, sorted(set(texts), key=len, reverse=True)
        # texts that overlap themselves ("aaa") can occur at nearly every position: past this
        # many occurrences, the bounded search per quotation (_covered) is the cheaper way
        budget = 4 * len(self.texts) + len(para) // 4 + 64
        spans: list[tuple[int, int]] = []
        for text in self.texts:
            start = para.find(text)
            while start != -1 and len(spans) <= budget:
                spans.append((start, start + len(text)))
                start = para.find(text, start + 1)
        self.swept = len(spans) <= budget
        spans.sort()
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []  # the furthest end of the occurrences up to each start
        self.ends_at: dict[int, int] = {}  # start -> the furthest end of an occurrence starting there
        far = -1
        for a, b in spans:
            far = max(far, b)
            self.reach.append(far)
            self.ends_at[a] = max(self.ends_at.get(a, -1), b)

    def covers(self, lo: int, hi: int, exact: bool = False) -> bool:
        """True when an occurrence spans [lo, hi) (starting at lo, if exact)."""
        if not self.swept:
            return _covered(self.para, self.texts, lo, hi, exact)
        if exact:
            return self.ends_at.get(lo, -1) >= hi
        i = bisect.bisect_right(self.starts, lo) - 1
        return i >= 0 and self.reach[i] >= hi


def _covered(para: str, texts: list[str], lo: int, hi: int, exact: bool = False) -> bool:
    """True when an occurrence of one of texts (longest first) spans para[lo:hi] (starting at lo, if exact).

    Only where a covering occurrence could start, [hi - len(text), lo], is searched: one
    bounded search per text, never a walk over every occurrence in the paragraph.
    """
    need = hi - lo
    for text in texts:
        size = len(text)
        if size < need:
            return False  # the rest are shorter still
        if exact:
            if para.startswith(text, lo):
                return True
        elif para.find(text, max(0, hi - size), lo + size) != -1:
            return True
    return False


def _label(path: DataPath) -> str:
    """A readable name for a data path: scenes[3], article, ..."""
    if not path:
        return "document"
    out = str(path[0])
    for part in path[1:]:
        out += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return out


#: Pairs of items difflib may weigh in all when comparing with a seed: its cost grows with the
#: product of the two lengths, so two long sequences differing everywhere took minutes.
_DIFF_BUDGET = 2_000_000


def _changes(theirs: list[Any], mine: list[Any]) -> list[tuple[str, int, int, int, int]]:
    """Where two sequences differ, as difflib's opcodes other than 'equal' (none when equal).

    Short sequences go to difflib as they are. Long ones are first aligned on the items that
    appear once in each (patience diff: a longest increasing run, n log n), and difflib only
    looks between those anchors, within a budget; a stretch beyond it is one `replace`.
    """
    if mine == theirs:
        return []
    import difflib  # only when something differs: kept off the path of a good article

    if len(theirs) * len(mine) <= _DIFF_BUDGET:
        matcher = difflib.SequenceMatcher(a=theirs, b=mine, autojunk=False)
        return [op for op in matcher.get_opcodes() if op[0] != "equal"]
    out: list[tuple[str, int, int, int, int]] = []
    budget = [_DIFF_BUDGET]

    def gap(a0: int, a1: int, b0: int, b1: int) -> None:
        """The changes between two anchors."""
        if a0 == a1 and b0 == b1:
            return
        if a0 == a1 or b0 == b1:
            out.append(("insert" if a0 == a1 else "delete", a0, a1, b0, b1))
            return
        cost = (a1 - a0) * (b1 - b0)
        if cost > budget[0]:
            out.append(("replace", a0, a1, b0, b1))
            return
        budget[0] -= cost
        matcher = difflib.SequenceMatcher(a=theirs[a0:a1], b=mine[b0:b1], autojunk=False)
        out.extend((op, a0 + i0, a0 + i1, b0 + j0, b0 + j1) for op, i0, i1, j0, j1 in matcher.get_opcodes() if op != "equal")

    pa = pb = 0
    for a, b in _anchors(theirs, mine):
        gap(pa, a, pb, b)
        pa, pb = a + 1, b + 1
    gap(pa, len(theirs), pb, len(mine))
    return out


def _anchors(theirs: list[Any], mine: list[Any]) -> list[tuple[int, int]]:
    """(i, j) pairs of items found exactly once in each, theirs[i] == mine[j], in order in both."""
    import bisect as _bisect
    from collections import Counter

    once_a, once_b = Counter(theirs), Counter(mine)
    where_b = {item: j for j, item in enumerate(mine) if once_b[item] == 1}
    pairs = [(i, where_b[item]) for i, item in enumerate(theirs) if once_a[item] == 1 and item in where_b]
    # the longest run of pairs increasing in j too (patience sorting)
    tails: list[int] = []  # j at the end of the best run of each length
    tail_at: list[int] = []  # index into pairs of that end
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        n = _bisect.bisect_left(tails, j)
        if n == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[n], tail_at[n] = j, k
        back[k] = tail_at[n - 1] if n else -1
    run: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k != -1:
        run.append(pairs[k])
        k = back[k]
    return run[::-1]


def _close(word: str, options: list[str] | tuple[str, ...]) -> list[str]:
    """The one option most like a mistyped word, for a did-you-mean (difflib only on errors)."""
    import difflib

    return difflib.get_close_matches(word, options, n=1)


def _kind(value: Any) -> str:
    """A readable name for a value's type."""
    if isinstance(value, bool):
        return "true/false"
    return {str: "text", int: "a number", float: "a number", list: "a list", dict: "a map", type(None): "nothing (null)"}.get(type(value), type(value).__name__)


def _short(text: str, width: int = 60) -> str:
    """Text cut to width for a one-line message."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _diff(want: str, got: str) -> str:
    """Where two texts first differ, shown with a little context."""
    i = 0
    while i < min(len(want), len(got)) and want[i] == got[i]:
        i += 1
    lo = max(0, i - 15)
    return f"at character {i + 1}, the seed has {want[lo:i + 25]!r}, the scene has {got[lo:i + 25]!r}"
