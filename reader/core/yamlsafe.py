"""Safe YAML reading that keeps where every value stood.

The parser's events are turned into plain dicts, lists and scalars by hand: no Python object
is ever constructed from a tag, nothing recurses, and every alias is paid for up front, so
duplicate keys, foreign tags, alias bombs and absurd nesting are refused quickly, with the
line and column of the offending node.
"""

from __future__ import annotations

import copy
import re
import unicodedata

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .errors import Problem
from .textsafe import FORBIDDEN, describe

TYPE_CHECKING = False  # typing's own flag without importing typing: these paths are timed
if TYPE_CHECKING:
    from typing import Any

try:  # the C parser is several times faster; fall back to pure Python where absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple["str | int", ...]  # of keys and list indexes, from the document's root
Marks = dict[Path, tuple[int, int]]

#: Values one document may hold, counting each alias as a full copy of what it names.
#: A 1000x benchmark article (43,000 paragraphs) holds about 500,000; twice that is allowed.
MAX_NODES = 1_000_000
#: Values that aliases may add in all: real articles need a few, a billion-laughs file trips
#: it within a handful of aliases, long before anything large is built.
MAX_ALIAS_VALUES = 10_000
#: How deeply collections may nest; articles need five or six levels.
MAX_DEPTH = 64
#: Characters of text that aliases may add in all: a million-character value aliased a few
#: thousand times would otherwise make a small file gigabytes of text once read.
MAX_ALIAS_CHARS = 1_000_000

_TAG = "tag:yaml.org,2002:"
_SCALARS = {_TAG + name for name in ("str", "null", "bool", "int", "float", "timestamp")}
# Characters YAML 1.1 allows in a stream; anything else is a control code or binary data.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class YamlProblem(Exception):
    """Reading stopped at a problem; carries the line and column of the node."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    def to_problem(self, file: str) -> Problem:
        """The same problem, naming the file."""
        return Problem(file, self.message, self.line, self.column)


def _mark(event: Event) -> tuple[int, int]:
    """One-based line and column where an event starts."""
    mark = event.start_mark
    # the parser gives every event a start mark; an event without one is placed at the start
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _fail(message: str, event: Event) -> YamlProblem:
    """A YamlProblem placed at an event."""
    return YamlProblem(message, *_mark(event))


def _shown(tag: str) -> str:
    """A tag as an author would write it."""
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _line_col(text: str, index: int) -> tuple[int, int]:
    """One-based line and column of a character offset, counting line breaks as YAML does."""
    line, start = 1, 0
    for brk in _BREAK.finditer(text, 0, index):
        line, start = line + 1, brk.end()
    return line, index - start + 1


def load(text: str, marks: bool = True) -> tuple[Any, Marks]:
    """Parse one YAML document into plain data plus the (line, column) of every path in it.

    With marks=False the positions are not kept (the marks come back empty), which makes a big
    document a third faster to read; a caller asks for them again only when it has something
    to report. A problem met on the way is always reported with its full detail.
    """
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        # found here rather than by the parser, which would give a byte offset, not a place
        char = bad.group()
        kind = "control character" if unicodedata.category(char) == "Cc" else "character"
        raise YamlProblem(
            f"holds the {kind} U+{ord(char):04X}, which YAML text may not contain (is this binary data?)",
            *_line_col(text, bad.start()),
        )
    bad = FORBIDDEN.search(text)
    if bad:  # printable to YAML, but bidi overrides and invisible characters hide what text says
        raise YamlProblem(_forbidden_message(bad.group()), *_line_col(text, bad.start()))
    composer = _Composer(marks)
    parser = None
    try:
        parser = _Loader(text)
        # yaml.parse's loop without its generator: a million events pay for every layer
        check, get, feed = parser.check_event, parser.get_event, composer.feed
        while check():
            feed(get())
    except YamlProblem:
        if marks:
            raise
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(text, exc) from None
    except yaml.YAMLError as exc:
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        raise YamlProblem(f"YAML error: {reason}") from None
    else:
        return composer.result()
    finally:
        if parser is not None:
            parser.dispose()
    # a problem met without marks: read again with them, for messages that cite another place
    # (a duplicate key's first line); what was built so far is let go first
    del composer, parser, check, get, feed
    return load(text, marks=True)


def _forbidden_message(char: str, escaped: bool = False) -> str:
    """Why a control, bidi or invisible character is refused (SECURITY.md gives the policy)."""
    how = ", written as an escape in this double-quoted value" if escaped else ""
    return (
        f"holds {describe(char)}{how}: article text may not contain control characters, "
        "bidirectional overrides or invisible characters (they could drive a terminal or hide text)"
    )


def _syntax_problem(text: str, exc: yaml.MarkedYAMLError) -> YamlProblem:
    """A parser error as one line, with a hint when a tab is to blame."""
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or exc.context or "invalid YAML"
    if "nesting depth" in message:  # libyaml's own cap, met when it scans flow brackets ahead
        message = f"nesting deeper than {MAX_DEPTH} levels"
    else:
        message = f"YAML syntax error: {message}"
    if mark is None:
        return YamlProblem(message)
    lines = _BREAK.split(text)
    line = lines[mark.line] if mark.line < len(lines) else ""
    here = line[mark.column : mark.column + 1]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "tab character" in message or "'\\t'" in message or here == "\t" or "\t" in indent:
        message += " (indent with spaces, not tabs)"
    elif "found character" in message and here and here not in message:
        message += f": {here!r}"  # libyaml does not say which character it means
    return YamlProblem(message, mark.line + 1, mark.column + 1)


_constructor = SafeConstructor()
_resolver = Resolver()
# first character -> the implicit types (int, bool, null...) a plain scalar starting with it may be
_IMPLICIT = Resolver.yaml_implicit_resolvers
_TAGS: dict[str, str] = {}  # plain scalar -> its resolved tag, for short values (bounded)
_CONSTRUCT = {
    _TAG + "null": _constructor.construct_yaml_null,
    _TAG + "bool": _constructor.construct_yaml_bool,
    _TAG + "int": _constructor.construct_yaml_int,
    _TAG + "float": _constructor.construct_yaml_float,
}
_KINDS = {_TAG + "null": "null", _TAG + "bool": "true/false value", _TAG + "int": "whole number", _TAG + "float": "number"}
_MERGE = "merge keys (<<) are not supported; write the keys out"


def _scalar(event: ScalarEvent) -> Any:
    """The Python value of a plain scalar; timestamps stay text, other tags are refused."""
    tag = event.tag
    if tag is None or tag == "!":
        value = event.value
        # most values are prose, quoted or starting with a letter no implicit type starts with:
        # text, as the resolver would say, without its regular expressions (a fifth of composing a big article)
        if not event.implicit[0] or (value and value[0] not in _IMPLICIT and None not in _IMPLICIT):
            return value
        # keys (title, text, narrative...) and short values repeat: resolve each once
        tag = _TAGS.get(value)
        if tag is None:
            tag = _resolver.resolve(ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]  # PyYAML's stub is untyped
            if len(value) <= 32 and len(_TAGS) < 4096:
                _TAGS[value] = tag
    if tag == _TAG + "merge":
        raise _fail(_MERGE, event)
    if tag not in _SCALARS:
        raise _fail(f"tag {_shown(tag)} is not allowed (content is plain YAML: text, numbers, lists, maps)", event)
    if tag in (_TAG + "str", _TAG + "timestamp"):
        return event.value
    node = ScalarNode(tag, event.value, None, None)  # a failure is placed at the event, below, not by the node
    try:
        return _CONSTRUCT[tag](node)
    except (ConstructorError, ValueError, KeyError):
        # KeyError: `!!bool maybe`; ValueError: `!!int x`, or a plain integer of thousands of digits
        shown = event.value if len(event.value) <= 40 else event.value[:39] + "…"
        raise _fail(f"{shown!r} is not a valid {_KINDS[tag]} (quote it to keep it as text)", event) from None


def _key_text(value: Any) -> str:
    """A map key as text, the way an author reads it."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    return str(value).lower() if isinstance(value, bool) else str(value)


class _Open:
    """A list or map still being filled, with what an alias to it would cost."""

    __slots__ = ("value", "path", "anchor", "is_map", "size", "height", "key", "key_mark")

    def __init__(self, value: Any, path: Path | None, anchor: str | None, is_map: bool) -> None:
        # a list or a dict (is_map says which): Any, so the hot path fills it without isinstance tests
        self.value = value
        self.path = path  # None when marks are not kept
        self.anchor = anchor
        self.is_map = is_map
        self.size = 1  # values inside, an alias counted as all it names
        self.height = 1  # levels of collections, itself included
        self.key: Any = None  # a map's key (text) whose value comes next, or None
        self.key_mark = (0, 0)


_NOTHING = object()


class _Composer:
    """Builds plain data from parser events with an explicit stack, checking every cap."""

    def __init__(self, with_marks: bool = True) -> None:
        self.with_marks = with_marks
        self.stack: list[_Open] = []
        self.marks: Marks = {}
        # anchor -> (value, size, height); open collections may not be aliased from inside
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.open_anchors: set[str] = set()
        self.root: Any = _NOTHING
        self.documents = 0
        self.values = 0
        self.aliased = 0
        self.aliased_chars = 0
        self.measured: dict[int, int] = {}  # id of an anchored collection -> characters it holds

    def result(self) -> tuple[Any, Marks]:
        """The document's data and marks."""
        if self.root is _NOTHING:
            raise YamlProblem("the file holds no YAML document (it is empty or only comments)")
        return self.root, self.marks

    def feed(self, event: Any) -> None:
        """Take one parser event."""
        # typed Any: events are told apart by exact class below, which mypy does not narrow on;
        # exact classes, most frequent first: this runs once per event, a million times for a
        # big article, so it avoids isinstance chains and method calls on the common path
        cls = event.__class__
        if cls is ScalarEvent:
            value = event.value
            # only a double-quoted scalar's escapes (\e, \x9b, \u202e) can make what the file's
            # own check let through: every other style holds the file's characters as they are
            if event.style == '"' and (bad := FORBIDDEN.search(value)) is not None:
                raise _fail(_forbidden_message(bad.group(), escaped=True), event)
            # _scalar's first test, inlined: most scalars are untagged prose that no implicit type fits
            if event.tag is not None or (event.implicit[0] and (not value or value[0] in _IMPLICIT or None in _IMPLICIT)):
                value = _scalar(event)
            if event.anchor is not None:
                self._define(event.anchor, event)
                self.anchors[event.anchor] = (value, 1, 0)
            stack = self.stack
            if stack and stack[-1].is_map and stack[-1].key is None:
                self._set_key(value, event)
                return
            self.values += 1
            if self.values > MAX_NODES:
                raise _fail(f"the document holds more than {MAX_NODES:,} values", event)
            self._add(value, event, 1, 0)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            self._start(event)
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            self._end()
        elif cls is AliasEvent:
            self._alias(event)
        elif cls is DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise _fail("a second YAML document begins here ('---'); an article is one document", event)

    def _chars(self, value: Any) -> int:
        """Characters of text a value holds (1 for a non-text scalar), each collection measured once."""
        if isinstance(value, str):
            return len(value)
        if not isinstance(value, (list, dict)):
            return 1
        known = self.measured.get(id(value))
        if known is not None:
            return known
        total, todo = 0, [value]
        while todo:  # no recursion: nesting may be 64 deep
            item = todo.pop()
            if isinstance(item, str):
                total += len(item)
            elif isinstance(item, (list, dict)):
                seen = self.measured.get(id(item)) if item is not value else None
                if seen is not None:
                    total += seen
                elif isinstance(item, dict):
                    total += sum(len(k) for k in item)
                    todo.extend(item.values())
                else:
                    todo.extend(item)
            else:
                total += 1
        self.measured[id(value)] = total
        return total

    def _wants_key(self) -> bool:
        """True when the next node is the key of a map entry."""
        return bool(self.stack) and self.stack[-1].is_map and self.stack[-1].key is None

    def _count(self, values: int, event: Event) -> None:
        """Charge values to the document's budget."""
        self.values += values
        if self.values > MAX_NODES:
            raise _fail(f"the document holds more than {MAX_NODES:,} values", event)

    def _define(self, anchor: str, event: Event) -> None:
        """Refuse an anchor given twice, as PyYAML does, so an alias names one thing."""
        if anchor in self.anchors or anchor in self.open_anchors:
            raise _fail(f"anchor &{anchor} is defined twice", event)

    def _set_key(self, raw: Any, event: Event) -> None:
        """Take the key of the next map entry, refusing duplicates."""
        top = self.stack[-1]
        key = raw if raw.__class__ is str else _key_text(raw)
        if key in top.value:
            if not self.with_marks:
                raise _fail(f"duplicate key {key!r}", event)  # load() reads again, with marks
            line = self.marks[(top.path or ()) + (key,)][0]
            raise _fail(f"duplicate key {key!r} (first given on line {line})", event)
        top.key = key
        if self.with_marks:
            top.key_mark = _mark(event)

    def _add(self, value: Any, event: Event, size: int, height: int) -> Path | None:
        """Put a value in the open collection (or make it the root) and record where it stands."""
        stack = self.stack
        if not stack:
            self.root = value
            if self.with_marks:
                self.marks[()] = _mark(event)
            return ()
        top = stack[-1]
        path = None
        if top.is_map:
            key = top.key
            top.value[key] = value
            top.key = None
            if self.with_marks:
                path = (top.path or ()) + (key,)
                # a block list or map starts on the next line; its key is where a person looks
                self.marks[path] = top.key_mark if value.__class__ is list or value.__class__ is dict else _mark(event)
        else:
            if self.with_marks:
                path = (top.path or ()) + (len(top.value),)
                self.marks[path] = _mark(event)
            top.value.append(value)
        top.size += size
        if height >= top.height:
            top.height = height + 1
        return path

    def _start(self, event: CollectionStartEvent) -> None:
        """Open a list or map."""
        if self._wants_key():
            raise _fail("a key must be plain text, not a list or map", event)
        is_map = not isinstance(event, SequenceStartEvent)
        kind = "map" if is_map else "seq"
        if event.tag is not None and event.tag not in ("!", _TAG + kind):
            raise _fail(f"tag {_shown(event.tag)} is not allowed (content is plain YAML: text, numbers, lists, maps)", event)
        if len(self.stack) >= MAX_DEPTH:
            raise _fail(f"nesting deeper than {MAX_DEPTH} levels", event)
        self._count(1, event)
        if event.anchor is not None:
            self._define(event.anchor, event)
            self.open_anchors.add(event.anchor)
        value: list[Any] | dict[str, Any] = {} if is_map else []
        path = self._add(value, event, 0, 0)  # size and height are charged at its end
        self.stack.append(_Open(value, path, event.anchor, is_map))

    def _end(self) -> None:
        """Close the innermost list or map."""
        done = self.stack.pop()
        if done.anchor is not None:
            self.open_anchors.discard(done.anchor)
            self.anchors[done.anchor] = (done.value, done.size, done.height)
        if self.stack:
            parent = self.stack[-1]
            parent.size += done.size
            if done.height >= parent.height:
                parent.height = done.height + 1

    def _alias(self, event: AliasEvent) -> None:
        """Insert a copy of what an alias names, after charging its full size and depth."""
        name = event.anchor
        if name in self.open_anchors:
            raise _fail(f"alias *{name} refers to the list or map it stands in (a recursive alias)", event)
        if name not in self.anchors:
            raise _fail(f"alias *{name} names no anchor &{name} given before it", event)
        value, size, height = self.anchors[name]
        self.aliased += size
        if self.aliased > MAX_ALIAS_VALUES:
            raise _fail(f"aliases expand to more than {MAX_ALIAS_VALUES:,} values (an alias bomb?)", event)
        # the text an alias repeats counts as much as text written out: bounded in characters too
        self.aliased_chars += self._chars(value)
        if self.aliased_chars > MAX_ALIAS_CHARS:
            raise _fail(f"aliases expand to more than {MAX_ALIAS_CHARS:,} characters of text (an alias bomb?)", event)
        if self._wants_key():
            if isinstance(value, (list, dict)):
                raise _fail("a key must be plain text, not a list or map", event)
            self._set_key(value, event)
            return
        if len(self.stack) + height > MAX_DEPTH:
            raise _fail(f"nesting deeper than {MAX_DEPTH} levels (through alias *{name})", event)
        self._count(size, event)
        # a copy, not the same object, so no caller can change two places at once
        self._add(copy.deepcopy(value), event, size, height)
