"""The reader's memory: where each article was left, its bookmarks, and global settings.

One JSON file per article id in the user's state folder (platformdirs), written atomically
(a temporary file, then a rename) under a lock, so two readers at once, a crash mid-write or a
full disk never leave a broken file or lose a bookmark. No Textual here.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no fcntl; a lone reader needs no lock
    fcntl = None  # type: ignore[assignment]

from .textsafe import FORBIDDEN, visible

STATE_VERSION = 1
#: Largest state file read: a reader's place and bookmarks take a few kilobytes.
MAX_STATE_BYTES = 4 * 1024 * 1024


def state_dir() -> Path:
    """Where state lives: READER_STATE_DIR when set, else the platform's user state folder."""
    override = os.environ.get("READER_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_dir

    return Path(user_state_dir("reader", appauthor=False))


@dataclass
class Bookmark:
    """A beat the reader marked, with an optional note."""

    id: str
    step: str
    note: str = ""
    created: float = 0.0


@dataclass
class ArticleState:
    """Where an article was left: the beat, the filter, the panels, the bookmarks."""

    step: str | None = None
    speakers: list[str] = field(default_factory=list)
    hide_facts: bool = False
    hide_quotes: bool = False
    all_quotes: bool = False
    measure: int | None = None
    #: the linked columns scroll together
    scroll_together: bool = False
    bookmarks: list[Bookmark] = field(default_factory=list)
    #: bookmarks of the file that could not be read and were left out (not saved)
    skipped: int = field(default=0, compare=False)

    @classmethod
    def from_json(cls, data: Any) -> ArticleState:
        """Build from parsed JSON, ignoring unknown keys; ValueError when the shape is wrong."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        known = {f.name for f in fields(cls)} - {"skipped"}
        values = {k: v for k, v in data.items() if k in known}
        state = cls(**values)
        if state.step is not None and not isinstance(state.step, str):
            raise ValueError("step must be text")
        if not isinstance(state.speakers, list) or not all(isinstance(s, str) for s in state.speakers):
            raise ValueError("speakers must be a list of ids")
        for flag in ("hide_facts", "hide_quotes", "all_quotes", "scroll_together"):
            if not isinstance(getattr(state, flag), bool):
                raise ValueError(f"{flag} must be true or false")
        if state.measure is not None and not isinstance(state.measure, int):
            raise ValueError("measure must be a number")
        if not isinstance(state.bookmarks, list):
            raise ValueError("bookmarks must be a list")
        # one bad bookmark must not cost the others: each is kept or left out on its own
        good = [mark for mark in map(_bookmark, state.bookmarks) if mark is not None]
        state.skipped = len(state.bookmarks) - len(good)
        state.bookmarks = good
        return state

    def to_json(self) -> dict[str, Any]:
        """The state as JSON-ready data, with the format version."""
        data = asdict(self)
        del data["skipped"]
        return {"version": STATE_VERSION, **data}


#: Earliest and latest `created` times accepted (1970 to 9999): any other is not a date.
_TIMES = (0.0, 253402300799.0)


def _bookmark(value: Any) -> Bookmark | None:
    """A bookmark from parsed JSON, or None when it is not one (wrong types, an absurd time)."""
    if not isinstance(value, dict) or not value.keys() <= {"id", "step", "note", "created"}:
        return None
    ident, step, note, created = value.get("id"), value.get("step"), value.get("note", ""), value.get("created", 0.0)
    if not (isinstance(ident, str) and isinstance(step, str) and isinstance(note, str)):
        return None
    if any(FORBIDDEN.search(text) for text in (ident, step, note)):
        return None  # a control sequence in a note must never reach the terminal (SECURITY.md)
    if isinstance(created, bool) or not isinstance(created, (int, float)) or not _TIMES[0] <= created <= _TIMES[1]:
        return None  # NaN and infinities fail the comparison too
    return Bookmark(ident, step, note, float(created))


def new_bookmark(step: str, note: str = "") -> Bookmark:
    """A bookmark with a fresh id and the current time."""
    return Bookmark(uuid.uuid4().hex[:8], step, note.strip(), time.time())


@dataclass
class Settings:
    """Settings shared by every article: the theme."""

    theme: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        """Build from parsed JSON; ValueError when the shape is wrong."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        theme = data.get("theme")
        if theme is not None and not isinstance(theme, str):
            raise ValueError("theme must be text")
        return cls(theme=theme)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"version": STATE_VERSION, **asdict(self)}


class JsonStore:
    """One JSON file, read leniently and written atomically under an advisory lock."""

    def __init__(self, path: Path, parse: Callable[[Any], Any], default: Callable[[], Any]) -> None:
        self.path = path
        self.parse = parse
        self.default = default
        #: what went wrong on the last read (a file set aside), for the UI to show once
        self.notice: str | None = None
        #: why the file could not be read, when it could not: it is then never written over
        self.unreadable: str | None = None

    def read(self) -> Any:
        """The stored value; a corrupt file is set aside and the default returned.

        A file that cannot be read at all (no permission, a folder) is left alone and marks
        the store read-only for this session, so it is never overwritten and its bookmarks lost.
        """
        try:
            raw = self._read_bytes()
        except FileNotFoundError:
            self.unreadable = None
            return self.default()
        except OSError as exc:
            self.unreadable = f"{visible(str(self.path), one_line=True)}: {exc.strerror or exc}"
            self.notice = f"Could not read {self.unreadable}; starting fresh, and not saving over it."
            return self.default()
        self.unreadable = None
        try:
            if len(raw) > MAX_STATE_BYTES:
                raise ValueError(f"larger than {MAX_STATE_BYTES:,} bytes")
            value = self.parse(json.loads(raw.decode("utf-8")))
        except (ValueError, TypeError, RecursionError) as exc:
            # ValueError includes bad UTF-8 and bad JSON; RecursionError is JSON nested too deep
            reason = "nested too deeply" if isinstance(exc, RecursionError) else visible(str(exc), one_line=True)[:200]
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            try:
                os.replace(self.path, aside)
                where = f"set aside as {aside.name}"
            except OSError:
                where = "left in place"
                self.unreadable = f"{visible(str(self.path), one_line=True)}: could not be set aside"
            self.notice = f"State file {visible(self.path.name, one_line=True)} was unreadable ({reason}); {where}, starting fresh."
            return self.default()
        skipped = getattr(value, "skipped", 0)
        if skipped:
            # the good bookmarks are kept; a copy of the whole file keeps the bad ones too
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            try:
                aside.write_bytes(raw)
                where = f"a copy is set aside as {aside.name}"
            except OSError:
                where = "they are left out"
            plural = "s" if skipped != 1 else ""
            self.notice = (
                f"State file {visible(self.path.name, one_line=True)}: {skipped} bookmark{plural} could not be read "
                f"(wrong types or an impossible date); {where}, the others are kept."
            )
        return value

    def _read_bytes(self) -> bytes:
        """The file's bytes, up to one byte past the cap; never follows it into a FIFO or device."""
        fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, "not a regular file")
            return fh.read(MAX_STATE_BYTES + 1)

    def update(self, change: Callable[[Any], None]) -> Any:
        """Read the newest value, apply a change, write it back atomically; returns the value.

        The read happens under the lock, so a bookmark another reader added a moment ago is
        kept rather than overwritten. OSError (read-only or full folder, or a state file that
        could not be read and so must not be overwritten) reaches the caller.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            value = self.read()
            if self.unreadable is not None:
                raise OSError(errno.EACCES, f"{self.unreadable} (not overwritten)")
            change(value)
            self._write(value.to_json())
        return value

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold an exclusive lock on a sidecar file while reading and writing."""
        if fcntl is None:
            yield
            return
        # O_NOFOLLOW: a .lock planted as a symlink must not make us create or touch its target
        flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(self.path.with_name(self.path.name + ".lock"), flags, 0o600)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, f"{self.path.name}.lock is not a regular file")
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def _write(self, data: dict[str, Any]) -> None:
        """Write to a temporary file beside the target, flush it to disk, then rename over."""
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


def _safe_name(article_id: str) -> str:
    """A file name for an article id that cannot escape the state folder."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", article_id).lstrip(".") or "article"


def article_store(article_id: str, folder: Path | None = None) -> JsonStore:
    """The store of one article's state."""
    folder = folder or state_dir()
    return JsonStore(folder / f"{_safe_name(article_id)}.json", ArticleState.from_json, ArticleState)


def settings_store(folder: Path | None = None) -> JsonStore:
    """The store of the global settings."""
    folder = folder or state_dir()
    return JsonStore(folder / "settings.json", Settings.from_json, Settings)
