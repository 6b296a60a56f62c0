"""The reader's memory: where each article was left, its bookmarks, and global settings.

One JSON file per article id in the user's state folder (platformdirs), written atomically
(a temporary file, then a rename) under a lock, so two readers at once, a crash mid-write or a
full disk never leave a broken file or lose a bookmark. No Textual here.
"""

from __future__ import annotations

import json
import os
import re
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

STATE_VERSION = 1


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
    bookmarks: list[Bookmark] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: Any) -> ArticleState:
        """Build from parsed JSON, ignoring unknown keys; ValueError when the shape is wrong."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        state = cls(**values)
        if state.step is not None and not isinstance(state.step, str):
            raise ValueError("step must be text")
        if not isinstance(state.speakers, list) or not all(isinstance(s, str) for s in state.speakers):
            raise ValueError("speakers must be a list of ids")
        for flag in ("hide_facts", "hide_quotes", "all_quotes"):
            if not isinstance(getattr(state, flag), bool):
                raise ValueError(f"{flag} must be true or false")
        if state.measure is not None and not isinstance(state.measure, int):
            raise ValueError("measure must be a number")
        if not isinstance(state.bookmarks, list):
            raise ValueError("bookmarks must be a list")
        state.bookmarks = [Bookmark(**b) if isinstance(b, dict) else _bad(b) for b in state.bookmarks]
        return state

    def to_json(self) -> dict[str, Any]:
        """The state as JSON-ready data, with the format version."""
        return {"version": STATE_VERSION, **asdict(self)}


def _bad(value: Any) -> Bookmark:
    """Refuse a bookmark that is not an object."""
    raise ValueError(f"bookmark {value!r} is not an object")


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

    def read(self) -> Any:
        """The stored value; a corrupt or unreadable file is set aside and the default returned."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return self.default()
        except OSError as exc:
            self.notice = f"Could not read {self.path}: {exc.strerror or exc}; starting fresh."
            return self.default()
        try:
            return self.parse(json.loads(raw))
        except (ValueError, TypeError) as exc:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            try:
                os.replace(self.path, aside)
                where = f"set aside as {aside.name}"
            except OSError:
                where = "left in place"
            self.notice = f"State file {self.path.name} was unreadable ({exc}); {where}, starting fresh."
            return self.default()

    def update(self, change: Callable[[Any], None]) -> Any:
        """Read the newest value, apply a change, write it back atomically; returns the value.

        The read happens under the lock, so a bookmark another reader added a moment ago is
        kept rather than overwritten. OSError (read-only or full folder) reaches the caller.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            value = self.read()
            change(value)
            self._write(value.to_json())
        return value

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold an exclusive lock on a sidecar file while reading and writing."""
        if fcntl is None:
            yield
            return
        with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

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
