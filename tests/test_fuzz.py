"""Property-based tests of the loader (issue 5): whatever it is given, it ends with a loaded
article or with a ContentError, never another exception; and a random mutation of the real
article is either still valid or refused with a problem on a line of the mutated node.

The examples are drawn from a fixed seed (the `reader-ci` profile) so CI is deterministic;
READER_FUZZ_PROFILE=reader-dev draws new ones on every run. Run with `-s` to see how many
inputs each property tried.
"""

from __future__ import annotations

import copy
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from reader.core.errors import ContentError
from reader.core.loader import _SPECS, SECTIONS, load_article, load_article_text
from reader.core.model import Article

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_PATH = ROOT / "content" / "kursk-captures.yaml"
ARTICLE_TEXT = ARTICLE_PATH.read_text(encoding="utf-8")
ARTICLE_DATA = yaml.safe_load(ARTICLE_TEXT)
# the C emitter and parser, where PyYAML has them, keep a property's examples cheap
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_COMMON = dict(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("reader-ci", derandomize=True, database=None, **_COMMON)
settings.register_profile("reader-dev", **_COMMON)
FUZZ = settings(settings.get_profile(os.environ.get("READER_FUZZ_PROFILE", "reader-ci")))

TRIED: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    """Print how many inputs each property tried, and how they ended (visible with -s)."""
    yield
    lines = []
    for name in sorted({key.split(":")[0] for key in TRIED}):
        ends = ", ".join(f"{key.split(':')[1]} {n}" for key, n in sorted(TRIED.items()) if key.startswith(name + ":"))
        lines.append(f"  {name}: {ends}")
    print("\ninputs tried, by how they ended:\n" + "\n".join(lines))


def outcome(run, name: str) -> Article | ContentError:
    """Run a load; anything but an Article or a ContentError fails the property."""
    try:
        article = run()
    except ContentError as exc:
        assert exc.problems and all(len(str(p).splitlines()) == 1 for p in exc.problems)
        TRIED[f"{name}:refused"] += 1
        return exc
    assert isinstance(article, Article)
    TRIED[f"{name}:loaded"] += 1
    return article


# -- any bytes ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A content/ folder beside a link to the real seeds/, so a damaged article still finds its seed."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    (root / "content").mkdir()
    return root / "content"


@st.composite
def damaged_article(draw) -> bytes:
    """The real article's bytes with a few bytes replaced, inserted or removed."""
    data = bytearray(ARTICLE_TEXT.encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = draw(st.binary(min_size=1, max_size=3))
        if kind == "insert" or at == len(data):
            data[at:at] = byte
        elif kind == "replace":
            data[at : at + len(byte)] = byte
        else:
            del data[at : at + len(byte)]
    return bytes(data)


@FUZZ
@given(st.one_of(st.binary(max_size=4096), damaged_article()))
def test_any_bytes_load_or_fail_cleanly(scratch, data):
    path = scratch / "fuzz.yaml"
    path.write_bytes(data)
    outcome(lambda: load_article(path), "any-bytes")


# -- any YAML-like document --------------------------------------------------------------------

FIELDS = sorted({name for spec in _SPECS.values() for name in spec} | set(SECTIONS))
IDS = ["ann", "s1", "one", "start", "q1", "f1", "gz-talk", "sf-soldier"]
TEXTS = [
    "", " ", "2025-02-05", "null", "~", "yes", "no", "<<", "0x1f", "1e3", ".inf", "-.nan", "12:30",
    "“It rained,” Ann said.", "It rained", "brothers.", '"They follow orders," he said.', "‘quoted’",
    "../seeds/000_70fa68d05498e722.txt", "/dev/null", "no-such-seed.txt", "\u2028", "\x85", "\t",
]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40),
    st.sampled_from(IDS), st.sampled_from(TEXTS),
)
KEYS = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12), st.sampled_from(IDS))
TREES = st.recursive(
    SCALARS, lambda kids: st.lists(kids, max_size=5) | st.dictionaries(KEYS, kids, max_size=6), max_leaves=40,
)


def _record(section: str):
    """A map shaped like a record of a section: known fields, plausible values, a stray key or not."""
    spec = _SPECS[section]
    values = st.one_of(SCALARS, TREES, st.lists(st.sampled_from(TEXTS), max_size=3))
    known = st.dictionaries(st.sampled_from(sorted(spec)), values, max_size=len(spec))
    return st.tuples(known, st.dictionaries(KEYS, SCALARS, max_size=1)).map(lambda pair: {**pair[0], **pair[1]})


ARTICLE_SHAPED = st.fixed_dictionaries(
    {},
    optional={
        "article": _record("article"),
        **{name: st.lists(_record(name), max_size=4) for name in ("speakers", "narratives", "beats", "scenes", "quotes", "facts")},
        "review": st.lists(_record("review"), max_size=2),
    },
)


@FUZZ
@given(
    st.one_of(TREES, ARTICLE_SHAPED),
    st.sampled_from([False, True, None]),
    st.booleans(),
    st.integers(20, 200),
)
def test_any_yaml_document_loads_or_fails_cleanly(doc, flow, unicode, width):
    text = yaml.dump(doc, Dumper=_DUMPER, default_flow_style=flow, allow_unicode=unicode, sort_keys=False, width=width)
    note(text)
    outcome(lambda: load_article_text(text, "fuzz.yaml", base=ARTICLE_PATH.parent), "yaml-documents")


TOKENS = [
    "article:", "scenes:", "speakers:", "- ", "  ", "    ", "\n", "\r\n", "\t", ": ", "? ", "id: x", "&a ", "*a", "&b ",
    "*b", "!!python/object/apply:os.system ", "!!str ", "!foo ", "!<tag:x,2000:y> ", "<<: ", "---", "...", "[", "]",
    "{", "}", ", ", "'", '"', "|", ">-", "# c", "%YAML 1.1", "%TAG ! tag:x,2000:", "~", "null", "true", "1e3",
    "0x1F", ".inf", "2025-01-01", "“", "”", "é", "\\", "\\x00", "\u2028", "\x85", "\x00", "\x1b", "\ufeff",
]
YAMLISH = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=60).map("".join),
    st.text(alphabet=st.sampled_from("-:?,[]{}&*!|>'\"%@`#~ \t\n\rabcxyz019.é“”\u2028\x85\x00"), max_size=200),
)


@FUZZ
@given(YAMLISH)
def test_any_yaml_like_text_loads_or_fails_cleanly(text):
    outcome(lambda: load_article_text(text, "fuzz.yaml", base=ARTICLE_PATH.parent), "yaml-like-text")


# -- mutations of the real article -------------------------------------------------------------

LISTS = ("speakers", "narratives", "beats", "scenes", "quotes", "facts")
REFERENCES = {"speakers": ("speaker",), "narratives": ("narrative",), "beats": ("beat",), "scenes": ("scene",)}


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path inside plain data."""
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, path + (i,))
    return out


def _get(data: Any, path: tuple) -> Any:
    """The value at a path inside plain data."""
    for part in path:
        data = data[part]
    return data


ALL_PATHS = _paths(ARTICLE_DATA)
MAP_ENTRIES = [p for p in ALL_PATHS if p and isinstance(_get(ARTICLE_DATA, p[:-1]), dict)]
VERBATIM = [
    p for p in ALL_PATHS
    if len(p) == 4 and p[2] == "paragraphs" or len(p) == 3 and (p[0], p[2]) in (("quotes", "text"), ("facts", "source"))
]
ID_PATHS = [p for p in ALL_PATHS if len(p) == 3 and p[0] in LISTS and p[2] == "id"]
LIST_ITEMS = [p for p in ALL_PATHS if p and isinstance(p[-1], int)]
OTHER_TYPES = {
    "a number": st.integers(-5, 100) | st.floats(allow_nan=False),
    "true/false": st.booleans(),
    "a list": st.lists(st.text(max_size=5), max_size=2),
    "a map": st.dictionaries(st.sampled_from(["x", "id", "text"]), st.text(max_size=5), min_size=1, max_size=2),
    "text": st.text(max_size=10),
}


def _kind(value: Any) -> str:
    """The name of a value's type, as OTHER_TYPES names it."""
    if isinstance(value, bool):
        return "true/false"
    return {int: "a number", float: "a number", list: "a list", dict: "a map", str: "text"}.get(type(value), "null")


@st.composite
def mutation(draw) -> tuple[str, dict, list[tuple]]:
    """A mutated copy of the article, what was done, and the paths whose lines must be blamed."""
    data = copy.deepcopy(ARTICLE_DATA)
    kind = draw(st.sampled_from(["delete-key", "change-type", "rename-id", "alter-character", "duplicate-item", "swap-scenes"]))
    if kind == "delete-key":
        path = draw(st.sampled_from(MAP_ENTRIES))
        del _get(data, path[:-1])[path[-1]]
        return f"{kind} {path}", data, [path[:-1]]
    if kind == "change-type":
        path = draw(st.sampled_from(MAP_ENTRIES + LIST_ITEMS))
        old = _get(data, path)
        new = draw(st.sampled_from([k for k in OTHER_TYPES if k != _kind(old)]).flatmap(OTHER_TYPES.get))
        _get(data, path[:-1])[path[-1]] = new
        return f"{kind} {path}: {new!r}", data, [path]
    if kind == "rename-id":
        path = draw(st.sampled_from(ID_PATHS))
        old = _get(data, path)
        taken = {item["id"] for section in LISTS for item in data.get(section, [])}
        new = draw(st.text(max_size=12).filter(lambda t: t not in taken))
        _get(data, path[:-1])["id"] = new
        # a rename leaves every reference to the old id dangling: those are the mutated places too
        fields = REFERENCES.get(path[0], ())
        refs = [p for p in ALL_PATHS if len(p) == 3 and p[2] in fields and _get(ARTICLE_DATA, p) == old]
        return f"{kind} {path}: {old!r} -> {new!r}", data, [path] + refs
    if kind == "alter-character":
        path = draw(st.sampled_from(VERBATIM))
        old = _get(data, path)
        at = draw(st.integers(0, len(old) - 1))
        char = draw(st.characters(codec="utf-8"))
        _get(data, path[:-1])[path[-1]] = old[:at] + char + old[at + 1 :]
        return f"{kind} {path}[{at}]: {old[at]!r} -> {char!r}", data, [path]
    if kind == "duplicate-item":
        path = draw(st.sampled_from(LIST_ITEMS))
        parent = _get(data, path[:-1])
        parent.insert(path[-1] + 1, copy.deepcopy(parent[path[-1]]))
        return f"{kind} {path}", data, [path, path[:-1] + (path[-1] + 1,)]
    first, second = draw(st.lists(st.integers(0, len(data["scenes"]) - 1), min_size=2, max_size=2, unique=True))
    scenes = data["scenes"]
    scenes[first], scenes[second] = scenes[second], scenes[first]
    return f"{kind} {first} <-> {second}", data, [("scenes", first), ("scenes", second)]


def _line_ranges(text: str, paths: list[tuple]) -> list[tuple[int, int]]:
    """The 1-based lines each path's node spans in the YAML text, from its key to its last line."""
    root = yaml.compose(text, Loader=_LOADER)
    spans = []
    for path in paths:
        node, first = root, root.start_mark.line
        for part in path:
            if isinstance(part, int):
                node = node.value[part]
                first = node.start_mark.line
            else:
                key, node = next((k, v) for k, v in node.value if k.value == part)
                first = key.start_mark.line
        end = node.end_mark
        last = end.line if end.column == 0 and end.line > first else end.line + 1
        spans.append((first + 1, max(last, first + 1)))
    return spans


@FUZZ
@given(mutation(), st.integers(40, 120))
def test_mutations_of_the_real_article_are_valid_or_blamed_where_they_are(change, width):
    what, data, paths = change
    text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=width)
    spans = _line_ranges(text, paths)
    note(f"{what}; lines {spans}")
    result = outcome(lambda: load_article_text(text, "mutated.yaml", base=ARTICLE_PATH.parent), what.split()[0])
    if isinstance(result, ContentError):
        lines = [p.line for p in result.problems]
        assert any(p.line is not None and lo <= p.line <= hi for p in result.problems for lo, hi in spans), (
            f"{what}: no problem on lines {spans}, only on {lines}:\n{result}"
        )


def test_the_real_article_round_trips_through_the_dump_used_above():
    # the mutations rely on safe_dump keeping the article valid when nothing is changed
    text = yaml.dump(ARTICLE_DATA, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=60)
    assert load_article_text(text, "same.yaml", base=ARTICLE_PATH.parent) == load_article(ARTICLE_PATH)
