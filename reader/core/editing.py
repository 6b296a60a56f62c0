"""An edit session on one article file: typed edits, each checked before it applies, undo, safe saving.

The session holds the article as plain data (what the loader reads). Each edit works on a copy,
and that copy must pass every check `reader check` makes (the loader's validate_data, the seed
comparison included) and keep the reading order (the body paragraphs, in order) before it
replaces the working data; otherwise the edit is refused with EditRefused and a one-line reason.
Undo and redo step through whole copies, so every edit is undoable the same way.

Saving never re-dumps the file: the records that did not change keep their original lines
(comments, key order, quoting and line breaks included), and only the records that changed are
written anew, with ruamel.yaml, in the file's own indentation. The result is read back and must
equal the working data before anything is written; then it goes to a temporary file in the same
folder (fsync'd) that replaces the article with one rename, after the previous version was kept
as ARTICLE.yaml.bak. A file changed on disk since it was opened (another editor) is not
overwritten, nor is a read-only one.

A screen drives it with single keys: `queue` lists the guesses (see review.py), each method is
one fix, `undo()`/`redo()` return what they undid, `dirty` says when to ask before quitting.
Never imports Textual; ruamel.yaml is imported only when a changed record is written.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from . import yamlsafe
from .errors import ContentError
from .loader import read_text, seed_file, validate_data
from .model import Article
from .review import DROPPED_RULE, ItemKey, ReviewQueue, review_queue
from .seed import parse_seed
from .words import counted

Data = dict[str, Any]
#: the sections in the order a new one is put in the file
_ORDER = ("article", "speakers", "narratives", "beats", "scenes", "quotes", "facts", "review")
_QUOTE_MARKS = "“”\"‘’'«»„ \t"


class EditRefused(Exception):
    """An edit that would break the article (or names nothing); the message says why, in one line."""


class SaveError(Exception):
    """The file could not be saved; the message says why in one line, and the file on disk is unchanged."""


class SaveConflict(SaveError):
    """The file changed on disk since the session read it: saving would lose someone else's work."""


@dataclass(frozen=True)
class NewSpeaker:
    """A speaker to add: a name, who they are, whether the text keeps them anonymous."""

    name: str
    role: str
    anonymous: bool = False
    id: str | None = None


@dataclass(frozen=True)
class _State:
    """One version of the working data, with the article it validates to and the edit that made it."""

    data: Data
    article: Article
    label: str


class EditSession:
    """Edits on one article file, each checked before it applies, undoable, saved safely."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._undo: list[_State] = []
        self._redo: list[_State] = []
        self._load()

    # -- reading ------------------------------------------------------------------------
    def _load(self) -> None:
        """Read the file (it must load as `reader check` would) and forget the history."""
        raw = _read_bytes(self.path)
        text = read_text(self.path, plain=False)  # the loader's own size, binary and encoding checks (yamlsafe checks the characters)
        try:
            data, marks = yamlsafe.load(text)
        except yamlsafe.YamlProblem as exc:
            raise ContentError([exc.to_problem(str(self.path))]) from None
        if not isinstance(data, dict):
            validate_data(data, str(self.path), base=self.path.parent)  # says what is wrong
        self._disk_hash = hashlib.sha256(raw).hexdigest()
        self._text = text
        self._marks = marks
        self._original = copy.deepcopy(data)
        article = validate_data(data, str(self.path), base=self.path.parent)
        self._state = _State(data, article, "opened")
        self._saved = data
        self._seed_text: str | None = None
        seed = seed_file(article, self.path.parent)
        if seed is not None:
            try:
                self._seed_text = read_text(seed)
            except ContentError:
                self._seed_text = None
        self._undo.clear()
        self._redo.clear()

    def reload(self) -> None:
        """Read the file again (after an outside editor changed it); unsaved edits and history are dropped."""
        self._load()

    @property
    def data(self) -> Data:
        """The working data (plain dicts and lists); do not change it in place: use the edits."""
        return self._state.data

    @property
    def article(self) -> Article:
        """The working data as a checked Article, for drawing."""
        return self._state.article

    @property
    def queue(self) -> ReviewQueue:
        """The guesses left to review, in review order."""
        return review_queue(self.data, self._seed_text)

    @property
    def dirty(self) -> bool:
        """True when there are edits not yet saved."""
        return bool(self.data != self._saved)

    def line_of(self, section: str, ident: str | None = None) -> int | None:
        """The line (from 1) a record stood on in the file as last read or saved: where $EDITOR opens."""
        if section == "article":
            return self._marks.get(("article",), (None,))[0]
        for i, rec in enumerate(self._original.get(section) or ()):
            if isinstance(rec, dict) and rec.get("id") == ident:
                return self._marks.get((section, i), (None,))[0]
        return self._marks.get((section,), (None,))[0]

    # -- history ------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        """True when there is an edit to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone edit to redo."""
        return bool(self._redo)

    def undo(self) -> str | None:
        """Undo the last edit; returns what it was, or None when there is nothing to undo."""
        if not self._undo:
            return None
        done = self._state
        self._redo.append(done)
        self._state = self._undo.pop()
        return done.label

    def redo(self) -> str | None:
        """Redo the last undone edit; returns what it was, or None when there is nothing to redo."""
        if not self._redo:
            return None
        self._undo.append(self._state)
        self._state = self._redo.pop()
        return self._state.label

    def _apply(self, label: str, change: Callable[[Data], None], *, body_change: bool = False) -> str:
        """Make an edit on a copy, check it, and only then make the copy the working data."""
        data = copy.deepcopy(self.data)
        change(data)
        try:
            article = validate_data(data, str(self.path), base=self.path.parent)
        except ContentError as exc:
            first = exc.problems[0].message
            more = f" (and {counted(len(exc.problems) - 1, 'more problem')})" if len(exc.problems) > 1 else ""
            raise EditRefused(f"{label}: refused, it would break the article: {first}{more}") from None
        if not body_change and _body(data) != _body(self.data):
            raise EditRefused(f"{label}: refused, it would change the reading order of the text")
        self._undo.append(self._state)
        self._redo.clear()
        self._state = _State(data, article, label)
        return label

    # -- reviews ------------------------------------------------------------------------
    def accept(self, key: ItemKey) -> str:
        """Accept a guess as it stands: its review is resolved (a record's review map goes, a note goes)."""
        section, ident = key

        def change(data: Data) -> None:
            if section == "review":
                notes = data.get("review")
                index = _note_index(ident)
                if not isinstance(notes, list) or not 0 <= index < len(notes):
                    raise EditRefused(f"no review note {ident}")
                del notes[index]
                return
            rec = data.get("article") if section == "article" else _find(data, section, ident)[1]
            if not isinstance(rec, dict) or "review" not in rec:
                raise EditRefused(f"{_name(section, ident)} has nothing to review")
            del rec["review"]

        return self._apply(f"accept {_name(section, ident)}", change)

    # -- speakers and quotes ------------------------------------------------------------
    def add_speaker(self, speaker: NewSpeaker) -> str:
        """Add a speaker; returns their id."""
        ident = _new_speaker_id(self.data, speaker)
        self._apply(f"add speaker {ident}", lambda data: _add_speaker(data, speaker, ident))
        return ident

    def edit_speaker(self, speaker_id: str, *, name: str | None = None, role: str | None = None, anonymous: bool | None = None) -> str:
        """Change a speaker's name, role or anonymity; their review is resolved."""
        def change(data: Data) -> None:
            rec = _find(data, "speakers", speaker_id)[1]
            for key, value in (("name", name), ("role", role), ("anonymous", anonymous)):
                if value is not None:
                    rec[key] = value
            rec.pop("review", None)

        return self._apply(f"edit speaker {speaker_id}", change)

    def delete_speaker(self, speaker_id: str) -> str:
        """Delete a speaker nobody quotes and no fact names."""
        def change(data: Data) -> None:
            index, _ = _find(data, "speakers", speaker_id)
            quoted = [q.get("id") for q in _section(data, "quotes") if q.get("speaker") == speaker_id]
            named = [f.get("id") for f in _section(data, "facts") if f.get("according_to") == speaker_id]
            if quoted or named:
                raise EditRefused(f"speaker {speaker_id} still has {'quote ' + str(quoted[0]) if quoted else 'fact ' + str(named[0])}: give it another first")
            del data["speakers"][index]

        return self._apply(f"delete speaker {speaker_id}", change)

    def set_speaker(self, quote_id: str, speaker: str | NewSpeaker) -> str:
        """Give a quote another speaker: an existing one (by id) or a new one; the quote's review is resolved."""
        ident = _new_speaker_id(self.data, speaker) if isinstance(speaker, NewSpeaker) else speaker

        def change(data: Data) -> None:
            rec = _find(data, "quotes", quote_id)[1]
            if isinstance(speaker, NewSpeaker):
                _add_speaker(data, speaker, ident)
            elif not any(s.get("id") == ident for s in _section(data, "speakers")):
                raise EditRefused(f"no speaker {ident!r}")
            rec["speaker"] = ident
            rec.pop("review", None)

        return self._apply(f"quote {quote_id}: speaker {ident}", change)

    def delete_quote(self, quote_id: str) -> str:
        """Delete a false quote (a real quotation cannot go: every quotation must be listed)."""
        def change(data: Data) -> None:
            index, _ = _find(data, "quotes", quote_id)
            inner = [q.get("id") for q in _section(data, "quotes") if q.get("within") == quote_id]
            if inner:
                raise EditRefused(f"quote {quote_id} holds quote {inner[0]}: delete that first")
            del data["quotes"][index]

        return self._apply(f"delete quote {quote_id}", change)

    def add_quote(self, scene_id: str, paragraph: int, start: int, end: int, speaker: str | NewSpeaker) -> str:
        """Add a quotation from a span of a scene's paragraph (quote marks around it are left out); returns its id."""
        # the words without the marks around them, nor the comma that closes them before "he said"
        text = _span(self.data, scene_id, paragraph, start, end).strip(_QUOTE_MARKS).rstrip(",").strip(_QUOTE_MARKS)
        if not text:
            raise EditRefused("add quote: the selection holds no words")
        ident = _new_id(self.data, "quotes", "q")
        who = _new_speaker_id(self.data, speaker) if isinstance(speaker, NewSpeaker) else speaker

        def change(data: Data) -> None:
            if isinstance(speaker, NewSpeaker):
                _add_speaker(data, speaker, who)
            quotes = _section(data, "quotes", create=True)
            quotes.insert(_insert_at(data, quotes, scene_id), {"id": ident, "scene": scene_id, "speaker": who, "text": text})

        self._apply(f"add quote {ident}", change)
        return ident

    # -- scenes ---------------------------------------------------------------------------
    def move_scene(self, scene_id: str, narrative: str | None) -> str:
        """Put a scene in another storyline, or in the context (None)."""
        def change(data: Data) -> None:
            _find(data, "scenes", scene_id)[1]["narrative"] = narrative

        return self._apply(f"scene {scene_id}: {'storyline ' + narrative if narrative else 'context'}", change)

    def set_beat(self, scene_id: str, beat: str | None) -> str:
        """Give a scene another beat, or none."""
        def change(data: Data) -> None:
            _find(data, "scenes", scene_id)[1]["beat"] = beat

        return self._apply(f"scene {scene_id}: beat {beat or 'none'}", change)

    def set_scene_title(self, scene_id: str, title: str) -> str:
        """Give a scene a title."""
        def change(data: Data) -> None:
            _find(data, "scenes", scene_id)[1]["title"] = title

        return self._apply(f"scene {scene_id}: title", change)

    def merge_with_next(self, scene_id: str) -> str:
        """Merge a scene with the one after it: the first keeps its id, storyline, beat and title."""
        def change(data: Data) -> None:
            index, first = _find(data, "scenes", scene_id)
            scenes = data["scenes"]
            if index + 1 >= len(scenes):
                raise EditRefused(f"scene {scene_id} is the last scene: nothing to merge it with")
            second = scenes[index + 1]
            count = len(first["paragraphs"])
            figures = list(first.get("figures") or []) + [
                {**fig, "after": fig.get("after", len(second["paragraphs"])) + count} for fig in second.get("figures") or []
            ]
            first["paragraphs"] = first["paragraphs"] + second["paragraphs"]
            if figures:
                first["figures"] = figures
            if "time" not in first and "time" in second:
                first["time"] = second["time"]
            for section in ("quotes", "facts"):
                for rec in _section(data, section):
                    if rec.get("scene") == second["id"]:
                        rec["scene"] = scene_id
            del scenes[index + 1]

        return self._apply(f"merge scene {scene_id} with the next", change)

    def split_scene(self, scene_id: str, paragraph: int, *, new_id: str | None = None, title: str | None = None) -> str:
        """Split a scene before one of its paragraphs (from 1); the new scene keeps storyline and beat; returns its id."""
        ident = new_id or _free_id(self.data, "scenes", scene_id)

        def change(data: Data) -> None:
            index, scene = _find(data, "scenes", scene_id)
            paras = scene["paragraphs"]
            if not 1 <= paragraph < len(paras):
                raise EditRefused(f"scene {scene_id} can be split before paragraphs 2 to {len(paras) + 1 - 1} only, not {paragraph + 1}")
            if any(s.get("id") == ident for s in data["scenes"]):
                raise EditRefused(f"a scene {ident!r} exists already")
            head, tail = paras[:paragraph], paras[paragraph:]
            new: Data = {"id": ident, "narrative": scene.get("narrative"), "beat": scene.get("beat"), "title": title or _title(tail[0]), "paragraphs": tail}
            figures = scene.get("figures") or []
            stay = [f for f in figures if f.get("after", len(paras)) <= paragraph]
            go = [{**f, "after": f.get("after", len(paras)) - paragraph} for f in figures if f.get("after", len(paras)) > paragraph]
            scene["paragraphs"] = head
            if figures:
                if stay:
                    scene["figures"] = stay
                else:
                    del scene["figures"]
            if go:
                new["figures"] = go
            time = scene.get("time")
            if isinstance(time, dict) and not any(str(time.get("source")) in p for p in head):
                new["time"] = scene.pop("time")
            for section, field in (("quotes", "text"), ("facts", "source")):
                for rec in _section(data, section):
                    words = str(rec.get(field))
                    if rec.get("scene") == scene_id and not any(words in p for p in head) and any(words in p for p in tail):
                        rec["scene"] = ident
            data["scenes"].insert(index + 1, new)

        self._apply(f"split scene {scene_id} before paragraph {paragraph + 1}", change)
        return ident

    # -- storylines and beats -------------------------------------------------------------
    def add_narrative(self, title: str, summary: str, *, ident: str | None = None, index: int | None = None) -> str:
        """Add a storyline (at a place in the list, else at the end); returns its id."""
        return self._add_group("narratives", {"title": title, "summary": summary}, ident, index)

    def edit_narrative(self, narrative_id: str, *, title: str | None = None, summary: str | None = None) -> str:
        """Rename a storyline or change its summary; its review is resolved."""
        return self._edit_group("narratives", narrative_id, {"title": title, "summary": summary})

    def move_narrative(self, narrative_id: str, index: int) -> str:
        """Move a storyline to another place in the list (the order of the columns)."""
        return self._move_group("narratives", narrative_id, index)

    def delete_narrative(self, narrative_id: str) -> str:
        """Delete a storyline no scene belongs to."""
        return self._delete_group("narratives", narrative_id, "narrative")

    def add_beat(self, title: str, *, ident: str | None = None, index: int | None = None) -> str:
        """Add a beat (at a place in the order, else at the end); returns its id."""
        return self._add_group("beats", {"title": title}, ident, index)

    def edit_beat(self, beat_id: str, *, title: str) -> str:
        """Rename a beat; its review is resolved."""
        return self._edit_group("beats", beat_id, {"title": title})

    def move_beat(self, beat_id: str, index: int) -> str:
        """Move a beat to another place in the order."""
        return self._move_group("beats", beat_id, index)

    def delete_beat(self, beat_id: str) -> str:
        """Delete a beat no scene is in."""
        return self._delete_group("beats", beat_id, "beat")

    def _add_group(self, section: str, fields: dict[str, str], ident: str | None, index: int | None) -> str:
        """Add a storyline or a beat."""
        ident = ident or _free_id(self.data, section, _slug(fields["title"]))

        def change(data: Data) -> None:
            records = _section(data, section, create=True)
            if any(r.get("id") == ident for r in records):
                raise EditRefused(f"a {_KIND[section]} {ident!r} exists already")
            records.insert(len(records) if index is None else index, {"id": ident, **fields})

        self._apply(f"add {_KIND[section]} {ident}", change)
        return ident

    def _edit_group(self, section: str, ident: str, fields: dict[str, str | None]) -> str:
        """Change the fields of a storyline or a beat."""
        def change(data: Data) -> None:
            rec = _find(data, section, ident)[1]
            for key, value in fields.items():
                if value is not None:
                    rec[key] = value
            rec.pop("review", None)

        return self._apply(f"edit {_KIND[section]} {ident}", change)

    def _move_group(self, section: str, ident: str, index: int) -> str:
        """Move a storyline or a beat in its list."""
        def change(data: Data) -> None:
            at, rec = _find(data, section, ident)
            records = data[section]
            if not 0 <= index < len(records):
                raise EditRefused(f"{_KIND[section]} {ident}: place {index + 1} is outside 1 to {len(records)}")
            records.insert(index, records.pop(at))

        return self._apply(f"move {_KIND[section]} {ident} to place {index + 1}", change)

    def _delete_group(self, section: str, ident: str, field: str) -> str:
        """Delete a storyline or a beat that nothing uses."""
        def change(data: Data) -> None:
            at, _ = _find(data, section, ident)
            users = [s.get("id") for s in _section(data, "scenes") if s.get(field) == ident]
            if users:
                more = f" and {len(users) - 1} more" if len(users) > 1 else ""
                raise EditRefused(f"{_KIND[section]} {ident} still has scene {users[0]}{more}: move them first")
            del data[section][at]

        return self._apply(f"delete {_KIND[section]} {ident}", change)

    # -- facts ----------------------------------------------------------------------------
    def add_fact(self, scene_id: str, paragraph: int, start: int, end: int, *, label: str, value: str, category: str,
                 according_to: str | None = None) -> str:
        """Add a fact resting on a span of a scene's paragraph; returns its id."""
        source = _span(self.data, scene_id, paragraph, start, end).strip()
        if not source:
            raise EditRefused("add fact: the selection holds no words")
        ident = _new_id(self.data, "facts", "f")
        rec: Data = {"id": ident, "label": label, "value": value, "category": category, "scene": scene_id, "source": source}
        if according_to:
            rec["according_to"] = according_to

        def change(data: Data) -> None:
            facts = _section(data, "facts", create=True)
            facts.insert(_insert_at(data, facts, scene_id), rec)

        self._apply(f"add fact {ident}", change)
        return ident

    def edit_fact(self, fact_id: str, *, label: str | None = None, value: str | None = None, category: str | None = None,
                  according_to: str | None = None) -> str:
        """Change a fact's label, value, category or attribution (according_to="" removes it); its review is resolved."""
        def change(data: Data) -> None:
            rec = _find(data, "facts", fact_id)[1]
            for key, new in (("label", label), ("value", value), ("category", category)):
                if new is not None:
                    rec[key] = new
            if according_to == "":
                rec.pop("according_to", None)
            elif according_to is not None:
                rec["according_to"] = according_to
            rec.pop("review", None)

        return self._apply(f"edit fact {fact_id}", change)

    def reanchor_fact(self, fact_id: str, scene_id: str, paragraph: int, start: int, end: int) -> str:
        """Make a fact rest on another span (of its scene or another)."""
        source = _span(self.data, scene_id, paragraph, start, end).strip()

        def change(data: Data) -> None:
            rec = _find(data, "facts", fact_id)[1]
            rec["scene"], rec["source"] = scene_id, source

        return self._apply(f"re-anchor fact {fact_id}", change)

    def delete_fact(self, fact_id: str) -> str:
        """Delete a fact."""
        def change(data: Data) -> None:
            del data["facts"][_find(data, "facts", fact_id)[0]]

        return self._apply(f"delete fact {fact_id}", change)

    # -- the article ------------------------------------------------------------------------
    def edit_article(self, *, title: str | None = None, source: str | None = None, date: str | None = None,
                     publisher: str | None = None) -> str:
        """Change the article's title, source, date or publisher; its review is resolved."""
        def change(data: Data) -> None:
            rec = data["article"]
            for key, value in (("title", title), ("source", source), ("date", date), ("publisher", publisher)):
                if value is not None:
                    rec[key] = value
            rec.pop("review", None)

        return self._apply("edit the article", change)

    def restore_dropped(self, block: str) -> str:
        """Put back a block of the seed a boilerplate rule dropped, where the seed has it (in the scene before it).

        The block is named in `article.restored`, so `reader check` takes it as body text; its
        dropped-paragraph note goes.
        """
        if self._seed_text is None:
            raise EditRefused("restore: this article has no seed to restore a paragraph from")
        seed_text = self._seed_text

        def change(data: Data) -> None:
            meta = data["article"]
            kept = list(meta.get("restored") or [])
            if block in kept or block not in parse_seed(seed_text).dropped:
                raise EditRefused(f"restore: not a dropped block of the seed: {_short(block)}")
            seed = parse_seed(seed_text, keep=[*kept, block])
            at = _restored_index(seed.blocks, block)
            _insert_paragraph(data, at, block)
            _refit_figures(data, [f.after for f in seed.figures])
            meta["restored"] = [*kept, block]
            notes = data.get("review")
            if isinstance(notes, list):
                want = " ".join(block.split())
                for i, note in enumerate(notes):
                    head = " ".join(str(note.get("note", "")).split()).removesuffix("…") if isinstance(note, dict) else ""
                    if isinstance(note, dict) and str(note.get("rule", "")).startswith(DROPPED_RULE) and head and want.startswith(head):
                        del notes[i]
                        break

        return self._apply(f"restore dropped paragraph: {_short(block, 40)}", change, body_change=True)

    # -- saving -----------------------------------------------------------------------------
    def render(self) -> str:
        """The file's new text: unchanged records as they stood, changed ones written anew."""
        text = _splice(self._text, self._original, self._marks, self.data)
        if text is None or _parse(text) != self.data:
            text = _dump_all(self._text, self.data)  # a layout the splice does not know: the whole file, re-dumped
        return text

    def save(self, *, force: bool = False) -> Path:
        """Write the working data to the file atomically, keeping ARTICLE.bak; returns the file.

        Refuses (SaveConflict) when the file changed on disk since it was read, unless force;
        SaveError when it cannot be written. Either way the file on disk is left as it was.
        """
        name = str(self.path)
        raw = _read_bytes(self.path, saving=True)
        if hashlib.sha256(raw).hexdigest() != self._disk_hash and not force:
            raise SaveConflict(f"{name}: changed on disk since it was opened (another editor?); nothing was written: reload it, or save over it deliberately")
        try:
            mode = stat.S_IMODE(os.stat(self.path).st_mode)
        except OSError as exc:
            raise SaveError(f"{name}: cannot be saved: {exc.strerror or exc}") from None
        if not mode & stat.S_IWUSR:
            raise SaveError(f"{name}: is read-only; nothing was written (make it writable, or save a copy)")
        text = self.render()
        if _parse(text) != self.data:
            raise SaveError(f"{name}: the text to write does not read back as the edited article; nothing was written")
        data = text.encode("utf-8")
        write_atomically(self.path.with_name(self.path.name + ".bak"), raw, mode)
        write_atomically(self.path, data, mode)
        self._disk_hash = hashlib.sha256(data).hexdigest()
        self._text = text
        self._marks = yamlsafe.load(text)[1]
        self._original = copy.deepcopy(self.data)
        self._saved = self.data
        return self.path


# -- saving, the parts ----------------------------------------------------------------------
def write_atomically(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write a file through a temporary one in its folder, fsync'd, and one rename: a crash leaves the old file."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise SaveError(f"{path}: cannot be saved: {exc.strerror or exc} (in {path.parent})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise SaveError(f"{path}: cannot be saved: {exc.strerror or exc}; the file on disk is unchanged") from None
        raise
    try:  # the rename itself is durable only once the folder is
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _read_bytes(path: Path, saving: bool = False) -> bytes:
    """The file's bytes, or a one-line error."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        if saving:
            raise SaveConflict(f"{path}: was removed or renamed since it was opened; nothing was written") from None
        raise ContentError([_problem(path, "no such file")]) from None
    except OSError as exc:
        if saving:
            raise SaveError(f"{path}: cannot be read back before saving: {exc.strerror or exc}") from None
        raise ContentError([_problem(path, f"cannot be read: {exc.strerror or exc}")]) from None


def _problem(path: Path, message: str) -> Any:
    """A Problem (imported here to keep the module's names few)."""
    from .errors import Problem

    return Problem(str(path), message)


def _parse(text: str) -> Any:
    """Plain data of a YAML text, or None when it does not parse."""
    try:
        return yamlsafe.load(text, marks=False)[0]
    except yamlsafe.YamlProblem:
        return None


_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


def _splice(text: str, original: Any, marks: yamlsafe.Marks, data: Data) -> str | None:
    """The new text: the original lines of every unchanged record, the changed ones dumped; None when the layout is unknown."""
    if not isinstance(original, dict):
        return None
    lines = text.splitlines(keepends=True)
    starts = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _KEY.match(line))]
    if [key for _, key in starts] != list(original):
        return None
    style = _Style.of(text)
    out: list[str] = lines[: starts[0][0]] if starts else list(lines)
    ranges: dict[str, tuple[int, int, int]] = {}  # key -> first line, end of content, end of its gap
    for n, (first, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        ranges[key] = (first, _trim(lines, first + 1, end), end)
    for key, value in data.items():
        if key not in ranges:
            if out and out[-1].strip():
                out.append("\n")
            out += style.dump({key: value}) + ["\n"]
            continue
        first, content_end, end = ranges[key]
        if value == original[key]:
            out += lines[first:end]
        elif isinstance(value, list) and isinstance(original[key], list) and original[key]:
            items = _items(lines, marks, key, original[key], first, content_end)
            if items is None:
                out += style.dump({key: value}) + lines[content_end:end]
                continue
            out += lines[first: items[0][1]]  # the key, and any comment before the first record
            used: set[int] = set()
            for item in value:
                j = next((j for j, (old, *_) in enumerate(items) if j not in used and old == item), None)
                if j is None:  # a changed record keeps the comments that followed its old version
                    j = next((j for j, (old, *_) in enumerate(items) if j not in used and isinstance(old, dict) and isinstance(item, dict)
                              and "id" in item and old.get("id") == item.get("id")), None)
                    body = style.dump({key: [item]})[1:]
                    if j is not None:  # the fields that did not change keep their lines too
                        body = _merge_fields(lines[items[j][1]: items[j][2]], items[j][0], body, item)
                else:
                    body = lines[items[j][1]: items[j][2]]
                if j is not None:
                    used.add(j)
                    body = body + lines[items[j][2]: items[j][3]]
                out += body
            out += lines[content_end:end]
        else:
            out += style.dump({key: value}) + lines[content_end:end]
    return "".join(out)


def _fields(lines: list[str]) -> tuple[int, list[tuple[str, list[str]]]] | None:
    """A record's lines ("- key: ..." first) cut into its fields: the dash's column and (key, lines) in order."""
    m = re.match(r"^( *)- ([A-Za-z_][\w-]*):(?:[ \t]|$)", lines[0]) if lines else None
    if m is None:
        return None
    dash = len(m.group(1))
    field = re.compile(r"^ {%d}([A-Za-z_][\w-]*):(?:[ \t]|$)" % (dash + 2))
    out: list[tuple[str, list[str]]] = [(m.group(2), [lines[0]])]
    for line in lines[1:]:
        f = field.match(line)
        if f:
            out.append((f.group(1), [line]))
        else:
            out[-1][1].append(line)
    return dash, out


def _merge_fields(old_lines: list[str], old: Any, new_lines: list[str], new: Any) -> list[str]:
    """A changed record's new lines, with the lines of each field that kept its value taken from the old ones."""
    old_cut, new_cut = _fields(old_lines), _fields(new_lines)
    if not (isinstance(old, dict) and isinstance(new, dict) and old_cut and new_cut) or old_cut[0] != new_cut[0]:
        return new_lines
    dash, kept = old_cut[0], dict(old_cut[1])
    out: list[str] = []
    for n, (key, fresh) in enumerate(new_cut[1]):
        chosen = kept[key] if key in kept and key in old and old[key] == new.get(key) else fresh
        # a field's first line starts "- " when it opens the record, with spaces otherwise
        out.append((" " * dash + "- " if n == 0 else " " * (dash + 2)) + chosen[0][dash + 2:])
        out += chosen[1:]
    return out


def _trim(lines: list[str], lo: int, hi: int) -> int:
    """The end of a run of lines without its trailing blank and comment lines."""
    while hi > lo and (not lines[hi - 1].strip() or lines[hi - 1].lstrip().startswith("#")):
        hi -= 1
    return hi


def _items(lines: list[str], marks: yamlsafe.Marks, key: str, records: list[Any], first: int, end: int) -> list[tuple[Any, int, int, int]] | None:
    """Each record of a list section as (value, first line, end of content, end of its trailing comments)."""
    starts: list[int] = []
    for i in range(len(records)):
        mark = marks.get((key, i))
        if mark is None:
            return None
        line = mark[0] - 1
        if not (first < line < end) or not lines[line].lstrip().startswith("- ") or (starts and line <= starts[-1]):
            return None  # a flow list, or several records on a line
        starts.append(line)
    out = []
    for i, line in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else end
        out.append((records[i], line, _trim(lines, line + 1, stop), stop))
    return out


@dataclass(frozen=True)
class _Style:
    """How a file lays out its lists, so a record written anew looks like its neighbours."""

    sequence_indent: int  # columns before "- " of a top-level list's items

    @classmethod
    def of(cls, text: str) -> _Style:
        """The layout of a file, read from its first top-level list."""
        m = re.search(r"^[A-Za-z_][\w-]*:[ \t]*\n((?:[ \t]*#.*\n)*)([ \t]*)- ", text, re.M)
        return cls(len(m.group(2)) if m else 0)

    def dump(self, data: Data) -> list[str]:
        """YAML lines of a small piece of data, in this layout (ruamel.yaml, imported on first use)."""
        import io

        from ruamel.yaml import YAML

        yaml = YAML(typ="rt", pure=True)
        yaml.version = (1, 1)  # the loader reads YAML 1.1 (PyYAML): 12:00 and yes must be quoted
        yaml.width = 100
        yaml.allow_unicode = True
        yaml.indent(mapping=2, sequence=self.sequence_indent + 2, offset=self.sequence_indent)
        yaml.representer.add_representer(type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null"))
        buf = io.StringIO()
        yaml.dump(data, buf)
        # ruamel leaves a space where it folds a long line; YAML drops it on reading, so it goes
        lines = buf.getvalue().splitlines()
        while lines and (lines[0].startswith("%") or lines[0] == "---"):  # the version directive
            lines.pop(0)
        return [line.rstrip() + "\n" for line in lines]


def _dump_all(text: str, data: Data) -> str:
    """The whole file written anew (the comments at its top kept): for layouts the splice does not follow."""
    head = []
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.startswith("#"):
            break
        head.append(line)
    return "".join(head) + "".join(_Style.of(text).dump(data))


# -- edits, the parts ---------------------------------------------------------------------
_KIND = {"narratives": "storyline", "beats": "beat", "scenes": "scene", "quotes": "quote", "facts": "fact", "speakers": "speaker"}


def _name(section: str, ident: str) -> str:
    """How a record is named in messages."""
    if section == "article":
        return "the article"
    if section == "review":
        return f"review note {_note_index(ident) + 1}"
    return f"{_KIND.get(section, section)} {ident}"


def _note_index(ident: str) -> int:
    """The index of a review note from its key ('#3')."""
    try:
        return int(ident.lstrip("#"))
    except ValueError:
        raise EditRefused(f"no review note {ident!r}") from None


def _section(data: Data, section: str, create: bool = False) -> list[Data]:
    """A list section of the data (made, in its place among the sections, when asked)."""
    items = data.get(section)
    if isinstance(items, list):
        return items
    if not create:
        return []
    new: list[Data] = []
    rest = {k: data.pop(k) for k in list(data) if k in _ORDER and _ORDER.index(k) > _ORDER.index(section)}
    data[section] = new
    data.update(rest)
    return new


def _find(data: Data, section: str, ident: str) -> tuple[int, Data]:
    """A record by id, with its index; EditRefused when there is none."""
    for i, rec in enumerate(_section(data, section)):
        if isinstance(rec, dict) and rec.get("id") == ident:
            return i, rec
    raise EditRefused(f"no {_KIND.get(section, section)} {ident!r}")


def _span(data: Data, scene_id: str, paragraph: int, start: int, end: int) -> str:
    """The words of a scene's paragraph between two offsets; EditRefused when out of range."""
    scene = _find(data, "scenes", scene_id)[1]
    paras = scene.get("paragraphs") or []
    if not 0 <= paragraph < len(paras):
        raise EditRefused(f"scene {scene_id} has no paragraph {paragraph + 1}")
    para = paras[paragraph]
    if not 0 <= start < end <= len(para):
        raise EditRefused(f"scene {scene_id}, paragraph {paragraph + 1}: no text between {start} and {end}")
    return str(para[start:end])


def _body(data: Data) -> list[Any]:
    """The paragraphs in reading order."""
    return [p for scene in _section(data, "scenes") for p in scene.get("paragraphs") or ()]


def _slug(text: str) -> str:
    """A short lowercase id from a text's words."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))[:4]) or "x"


def _free_id(data: Data, section: str, base: str) -> str:
    """An id like base, base-2, base-3 ... that no record of the section has."""
    used = {r.get("id") for r in _section(data, section)}
    return next(c for c in [base] + [f"{base}-{n}" for n in range(2, len(used) + 3)] if c not in used)


def _new_id(data: Data, section: str, prefix: str) -> str:
    """The next free numbered id (q25, f01 ...)."""
    used = {str(r.get("id")) for r in _section(data, section)}
    numbers = [int(m.group(1)) for u in used if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", u))]
    n = max(numbers, default=0) + 1
    while f"{prefix}{n:02d}" in used:
        n += 1
    return f"{prefix}{n:02d}"


def _new_speaker_id(data: Data, speaker: NewSpeaker) -> str:
    """The id a new speaker gets: the one asked for, else made from their name."""
    if speaker.id:
        if any(s.get("id") == speaker.id for s in _section(data, "speakers")):
            raise EditRefused(f"a speaker {speaker.id!r} exists already")
        return speaker.id
    return _free_id(data, "speakers", _slug(speaker.name))


def _add_speaker(data: Data, speaker: NewSpeaker, ident: str) -> None:
    """Append a speaker record."""
    _section(data, "speakers", create=True).append({"id": ident, "name": speaker.name, "role": speaker.role, "anonymous": speaker.anonymous})


def _insert_at(data: Data, records: list[Data], scene_id: str) -> int:
    """Where a new quote or fact of a scene goes: after the last record of that scene or of an earlier one."""
    order = {s.get("id"): i for i, s in enumerate(_section(data, "scenes"))}
    mine = order.get(scene_id, len(order))
    at = 0
    for i, rec in enumerate(records):
        if order.get(rec.get("scene"), len(order)) <= mine:
            at = i + 1
    return at


def _title(paragraph: str, words: int = 7) -> str:
    """A provisional title: the opening words of a paragraph."""
    first = paragraph.split()[:words]
    return " ".join(first).rstrip(",;:—–") + ("…" if len(paragraph.split()) > words else "")


def _short(text: str, width: int = 60) -> str:
    """Text cut to width on one line."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _restored_index(blocks: tuple[tuple[str, str, str], ...], block: str) -> int:
    """How many body paragraphs stand before a restored block in the seed."""
    count = 0
    for kind, text, _ in blocks:
        if kind == "body":
            if text == block:
                return count
            count += 1
    raise EditRefused(f"restore: the block is not in the seed: {_short(block)}")


def _insert_paragraph(data: Data, at: int, block: str) -> None:
    """Insert a paragraph so it becomes body paragraph `at` of the article: after the paragraph before it."""
    scenes = _section(data, "scenes")
    seen = 0
    for scene in scenes:
        paras = scene["paragraphs"]
        if at == 0 or seen + len(paras) >= at:
            local = at - seen
            scene["paragraphs"] = paras[:local] + [block] + paras[local:]
            return
        seen += len(paras)
    raise EditRefused("restore: the article has fewer paragraphs than the seed before the block")


def _refit_figures(data: Data, afters: list[int]) -> None:
    """Set each figure's place in its scene from the seed's (body paragraphs before it), in article order."""
    seen = 0
    k = 0
    for scene in _section(data, "scenes"):
        for fig in scene.get("figures") or ():
            if k < len(afters):
                place = afters[k] - seen
                if fig.get("after") != place and 0 <= place <= len(scene["paragraphs"]):
                    fig["after"] = place
            k += 1
        seen += len(scene["paragraphs"])
