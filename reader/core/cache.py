"""A cache of validated articles, so a big article opens in a fraction of its parse.

An entry is keyed by the article file's bytes, the reader's version and the shape of the
model, and names the seed it was checked against with the seed's own hash: it is used only
while both are unchanged. Entries are msgpack, decoded by msgspec into typed mirrors of the
model's records (then into the records), so nothing in them is executed; a corrupt, stale or
foreign entry fails to decode or to match, and the article is read afresh (and the entry rebuilt). Only articles that passed
every check are cached, so what `check` reports, and what the reader shows, is the same with
or without it.

Small articles are not cached: below CACHE_FROM bytes reading the YAML is as quick as hashing,
importing msgspec and decoding, and `check` and `export` stay as lean as they are.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import msgspec

from .. import __version__
from . import model
from .model import Article
from .record import Record, replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    #: the loader's way to find the seed file an article names, from the article's folder
    SeedLocator = Callable[[Article, Path], Path | None]

#: Articles smaller than this (bytes of YAML) are always read afresh.
CACHE_FROM = 512 * 1024  # the loader keeps a copy (_CACHE_FROM), checked equal by a test
#: Entries kept at most; the least recently written go first.
MAX_ENTRIES = 32


#: the model's records an article holds, each before those that hold it
_RECORDS = (
    model.ArticleMeta, model.Speaker, model.Narrative, model.Beat, model.Figure, model.SceneTime,
    model.Scene, model.Quote, model.Fact, model.Article,
)


def _mirrors() -> dict[type[Record], type[msgspec.Struct]]:
    """A msgspec Struct per model record, with the record's fields and types (Article without its path).

    The model is made of plain slotted records (reader.core.record), which msgspec does not
    decode into; these mirrors let msgspec check every field's type of an entry, then the
    records are built from them. The types are the records' own annotations, read with the
    mirrors standing for the records they name.
    """
    names: dict[str, Any] = {}
    out: dict[type[Record], type[msgspec.Struct]] = {}
    for cls in _RECORDS:
        hints = {name: hint for klass in reversed(cls.__mro__) for name, hint in getattr(klass, "__annotations__", {}).items()}
        fields = [(name, eval(hints[name], {}, names)) for name in cls._compared]  # the model's own annotations, never data
        out[cls] = names[cls.__name__] = msgspec.defstruct(f"_{cls.__name__}", fields, frozen=True, array_like=True)
    return out


_MIRROR = _mirrors()
_RECORD = {mirror: cls for cls, mirror in _MIRROR.items()}


def _to_mirror(value: Any) -> Any:
    """A model value with its records turned into their mirrors, for encoding."""
    if isinstance(value, tuple):
        return tuple([_to_mirror(v) for v in value])
    mirror = _MIRROR.get(type(value))
    if mirror is None:
        return value
    return mirror(*[_to_mirror(getattr(value, name)) for name in value._compared])


def _to_record(value: Any) -> Any:
    """A decoded value with its mirrors turned back into the model's records."""
    if isinstance(value, tuple):
        return tuple([_to_record(v) for v in value]) if value and not isinstance(value[0], str) else value
    cls = _RECORD.get(type(value))
    if cls is None:
        return value
    return cls(*[_to_record(getattr(value, name)) for name in value.__struct_fields__])


#: What one cache file holds: its own key, the seed it was checked against, the article.
_Entry = msgspec.defstruct(
    "_Entry", [("key", str), ("seed", str | None), ("seed_hash", str | None), ("article", _MIRROR[Article])], frozen=True,
)


_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(_Entry)


def _model_shape() -> str:
    """The model's records and their fields: a change to them makes every old entry stale."""
    return ";".join(f"{cls.__name__}(" + ",".join(f"{name}:{mirror.__annotations__[name]}" for name in cls._compared) + ")"
                    for cls, mirror in _MIRROR.items())


_SHAPE = _model_shape()


def folder() -> Path | None:
    """Where entries live: $READER_CACHE_DIR, else the user's cache folder; None when switched off."""
    if os.environ.get("READER_CACHE", "").strip().lower() in ("0", "off", "no", "false"):
        return None
    chosen = os.environ.get("READER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reader", appauthor=False)) / "articles"


def key_for(text: str, check_seed: bool) -> str:
    """The entry key of an article's text, read with or without its seed check."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{__version__}\0{_SHAPE}\0{int(check_seed)}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _file_hash(path: Path) -> str | None:
    """A file's hash, or None when it cannot be read as a regular file."""
    try:
        if not path.is_file():
            return None
        return hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
    except (OSError, ValueError):
        return None


def lookup(text: str, path: Path, check_seed: bool, seed_of: SeedLocator) -> Article | None:
    """The cached article for this text, when a sound entry exists and its seed is unchanged."""
    where = folder()
    if where is None or len(text) < CACHE_FROM:
        return None
    key = key_for(text, check_seed)
    try:
        entry: Any = _decoder.decode((where / f"{key}.msgpack").read_bytes())
    except (OSError, msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError):
        return None  # absent, unreadable, corrupt or of another shape: read the article afresh
    if entry.key != key:
        return None  # a foreign file under this name
    if entry.seed is not None:
        seed = seed_of(entry.article, path.parent)
        if seed is None or str(seed) != entry.seed or _file_hash(seed) != entry.seed_hash:
            return None  # the seed moved or changed: the article must be checked against it again
    elif check_seed and entry.article.meta.seed:
        return None
    article = _to_record(entry.article)
    assert isinstance(article, Article)
    return replace(article, path=str(path))


def store(text: str, article: Article, check_seed: bool, seed_of: SeedLocator) -> None:
    """Keep a validated article for next time; any failure to write only costs the speed-up."""
    where = folder()
    if where is None or len(text) < CACHE_FROM:
        return
    seed = seed_of(article, Path(article.path or ".").parent) if check_seed and article.meta.seed else None
    seed_hash = _file_hash(seed) if seed is not None else None
    if seed is not None and seed_hash is None:
        return
    key = key_for(text, check_seed)
    entry = _Entry(key, str(seed) if seed is not None else None, seed_hash, _to_mirror(article))
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_encoder.encode(entry))
            os.replace(tmp, where / f"{key}.msgpack")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(where)
    except OSError:
        return


def _prune(where: Path) -> None:
    """Drop the oldest entries beyond MAX_ENTRIES."""
    entries = sorted(where.glob("*.msgpack"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)

