"""One test per kind of bad input (issue 5): every problem names the file, the line and column
where known, what is wrong and what was expected, on one line; the CLI prints those lines and
exits 1 for bad content, 2 for usage errors, and never shows a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml

from reader.cli import main
from reader.core import yamlsafe
from reader.core.errors import ContentError
from reader.core.loader import load_article, load_article_text, read_text

# A small valid article whose line numbers the tests below rely on: keep them in step.
MINI = """\
article:
  id: demo
  title: A demo
  source: The tests
  date: '2025-01-01'
speakers:
  - id: ann
    name: Ann
    role: witness
    anonymous: false
narratives:
  - id: one
    title: One
    summary: The first storyline
beats:
  - id: start
    title: Start
scenes:
  - id: s1
    narrative: one
    beat: start
    title: First
    paragraphs:
      - “It rained,” Ann said.
      - The river rose by two metres.
quotes:
  - id: q1
    scene: s1
    speaker: ann
    text: It rained
facts:
  - id: f1
    label: River
    value: Two metres
    category: numbers
    scene: s1
    source: rose by two metres
"""
# The same article made from a seed (one line more: `seed` is line 6), and that seed.
SEEDED = MINI.replace("  date: '2025-01-01'\n", "  date: '2025-01-01'\n  seed: seed.txt\n")
SEED = "date 2025-01-01\n\n“It rained,” Ann said.\n\nThe river rose by two metres.\n"

BILLION_LAUGHS = "lol0: &lol0 lol\n" + "".join(
    f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]\n" for i in range(1, 10)
)
C_PARSER = yamlsafe._Loader is getattr(yaml, "CSafeLoader", None)


def problems_of_text(text: str, file: str = "bad.yaml") -> list[str]:
    """The problems load_article_text reports, as the lines the CLI would print."""
    with pytest.raises(ContentError) as info:
        load_article_text(text, file)
    return _lines(info.value)


def problems_of_file(path: Path) -> list[str]:
    """The problems load_article reports for a file."""
    with pytest.raises(ContentError) as info:
        load_article(path)
    return _lines(info.value)


def _lines(error: ContentError) -> list[str]:
    """Each problem as text, checking it keeps to one line and that str(error) lists them all."""
    lines = [str(p) for p in error.problems]
    assert lines, "a ContentError must carry at least one problem"
    assert all(len(line.splitlines()) == 1 for line in lines)
    assert str(error) == "\n".join(lines)
    return lines


def assert_problem(lines: list[str], where: str, *words: str) -> None:
    """Some problem stands exactly at `where` (file:line:col) and says every one of `words`."""
    here = [line for line in lines if line.startswith(where + ": ")]
    assert here, f"no problem at {where}: {lines}"
    assert any(all(w in line for w in words) for line in here), f"{words} not said at {where}: {here}"


@pytest.fixture
def article_file(tmp_path: Path):
    """Write an article (text or bytes) to bad.yaml beside seed.txt; returns its path."""
    (tmp_path / "seed.txt").write_text(SEED, encoding="utf-8")

    def write(content: str | bytes, name: str = "bad.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return write


def test_the_templates_are_valid(article_file):
    assert load_article_text(MINI, "mini.yaml").meta.id == "demo"
    assert len(load_article(article_file(SEEDED)).scenes) == 1


# -- the file itself --------------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.yaml"
    assert problems_of_file(path) == [f"{path}: no such file"]


def test_unreadable_file(article_file, monkeypatch):
    path = article_file(MINI)
    real_open = os.open

    def deny(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    # chmod 000 does not stop root, so the refusal is simulated where the loader opens the file
    monkeypatch.setattr(os, "open", deny)
    assert problems_of_file(path) == [f"{path}: cannot be read: Permission denied"]
    beneath = path / "child.yaml"  # a path through a file cannot be read either
    assert problems_of_file(beneath) == [f"{beneath}: cannot be read: Not a directory"]


def test_folder(tmp_path):
    assert problems_of_file(tmp_path) == [f"{tmp_path}: is a folder, not an article file"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty: expected an article (a map with article, scenes, ...)"),
        (b"  \n\n\t \r\n", "is empty: expected an article (a map with article, scenes, ...)"),
        (b"# only a comment\n\n# and another\n", "the file holds no YAML document (it is empty or only comments)"),
    ],
    ids=["empty", "blank", "comments-only"],
)
def test_empty_or_blank_file(article_file, content, message):
    path = article_file(content)
    assert problems_of_file(path) == [f"{path}: {message}"]


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        (b"article:\n  id: caf\xe9\n", ":2:10", "is not UTF-8 text (byte 0xe9 at offset 18)"),
        ("article: é\n".encode("utf-16"), "", "is UTF-16 or UTF-32 text, not UTF-8: save it as UTF-8"),
        (b"article:\n  title: \xc3\xa9t\xc3\n", ":2:12", "is not UTF-8 text (byte 0xc3 at offset 21)"),
    ],
    ids=["latin-1", "utf-16", "truncated-utf-8"],
)
def test_text_that_is_not_utf8(article_file, content, where, words):
    path = article_file(content)
    assert problems_of_file(path) == [f"{path}{where}: {words}"]


def test_nul_bytes(article_file):
    path = article_file(b"article:\n  id: a\x00b\n")
    assert problems_of_file(path) == [f"{path}:2:8: holds a NUL byte: this is binary data, not a text article"]


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ":3:1", ("holds a NUL byte", "binary data")),
        (b"\xff\xd8\xff\xe0 JFIF", ":1:1", ("is not UTF-8 text", "0xff")),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", ":1:8", ("holds a NUL byte", "binary data")),
        (b"article: \x1b[31mred\x1b[0m\n", ":1:10", ("control character U+001B", "binary data?")),
        ("article:\n  id: ok\n  title: \x07bell\n".encode(), ":3:10", ("control character U+0007",)),
    ],
    ids=["png", "jpeg", "elf", "terminal-escapes", "bell"],
)
def test_binary_data(article_file, content, where, words):
    path = article_file(content)
    lines = problems_of_file(path)
    assert len(lines) == 1
    assert_problem(lines, f"{path}{where}", *words)


def test_file_above_the_size_cap(article_file, monkeypatch):
    path = article_file(MINI)
    size = path.stat().st_size
    monkeypatch.setenv("READER_MAX_BYTES", str(size - 1))
    assert problems_of_file(path) == [f"{path}: is larger than the {size - 1:,}-byte cap (set READER_MAX_BYTES to raise it)"]
    monkeypatch.setenv("READER_MAX_BYTES", str(size))
    assert load_article(path).meta.id == "demo"
    monkeypatch.setenv("READER_MAX_BYTES", "not a number")  # ignored: the default cap holds
    assert load_article(path).meta.id == "demo"
    with pytest.raises(ContentError, match="larger than the 10-byte cap"):
        read_text(path, limit=10)


# -- YAML --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("article: [1, 2\nscenes: 3\n", "2:7", "did not find expected ',' or ']'"),
        ("article: {a: 1\n", "2:1", "did not find expected ',' or '}'"),
        ("article:\n  id: a\n title: b\n", "3:2", "did not find expected key"),
        ("article: 'unclosed\n", "2:1", "found unexpected end of stream"),
        ("article: x: y\n", "1:11", "mapping values are not allowed in this context"),
        ("article:\n  - a\n  b: c\n", "3:3", "did not find expected '-' indicator"),
        ('article: "bad \\q escape"\n', "1:15", "found unknown escape character"),
        ("article: @x\n", "1:10", "found character that cannot start any token: '@'"),
        ("article: 1\n---\narticle: 2\n", "2:1", "a second YAML document begins here ('---'); an article is one document"),
    ],
    ids=["flow-list", "flow-map", "dedent", "quote", "colon", "block-list", "escape", "reserved", "two-documents"],
)
def test_yaml_syntax_errors(text, where, words):
    lines = problems_of_text(text)
    assert len(lines) == 1
    assert_problem(lines, f"bad.yaml:{where}", words)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("article:\n\tid: x\n", "2:1"),
        ("article:\n  id: a\n  \ttitle: b\n", "3:3"),
        ("speakers:\n  - id: a\n\t- id: b\n", "3:1"),
        ("speakers:\n  -\tid: a\n", "2:4"),
    ],
    ids=["map", "mixed", "list", "after-dash"],
)
def test_tab_indentation(text, where):
    lines = problems_of_text(text)
    assert len(lines) == 1
    assert_problem(lines, f"bad.yaml:{where}", "YAML syntax error", "(indent with spaces, not tabs)")


@pytest.mark.parametrize(
    ("text", "where", "found"),
    [
        ("- article\n- scenes\n", "1:1", "found a list"),
        ("just some words\n", "1:1", "found text"),
        ("42\n", "1:1", "found a number"),
        ("~\n", "1:1", "found nothing (null)"),
        ("---\n", "2:1", "found nothing (null)"),
    ],
    ids=["list", "text", "number", "null", "bare-document"],
)
def test_top_level_list_or_scalar(text, where, found):
    expected = "the top level must be a map with the sections article, speakers, narratives, beats, scenes, quotes, facts, review"
    assert problems_of_text(text) == [f"bad.yaml:{where}: {expected}; {found}"]


@pytest.mark.parametrize(
    ("text", "where", "key", "first"),
    [
        (MINI + "article: again\n", "38:1", "article", 1),
        (MINI.replace("    title: First\n", "    title: First\n    title: Again\n"), "23:5", "title", 22),
        ("article: {id: a, id: b}\n", "1:18", "id", 1),
    ],
    ids=["section", "field", "flow"],
)
def test_duplicate_mapping_keys(text, where, key, first):
    assert problems_of_text(text) == [f"bad.yaml:{where}: duplicate key {key!r} (first given on line {first})"]


@pytest.fixture
def constructed(monkeypatch, tmp_path):
    """A list that records any tag a YAML constructor builds; also runs in an empty folder."""
    built: list[str] = []
    for tag in ("!boom", "tag:yaml.org,2002:python/object/apply:os.system"):
        monkeypatch.setitem(yaml.constructor.SafeConstructor.yaml_constructors, tag, lambda loader, node, tag=tag: built.append(tag))
    monkeypatch.chdir(tmp_path)
    return built


@pytest.mark.parametrize(
    ("text", "where", "tag"),
    [
        ("article: !!python/object/apply:os.system ['touch pwned']\n", "1:10", "!!python/object/apply:os.system"),
        ("article: !!python/object/apply:os.system {args: [touch pwned]}\n", "1:10", "!!python/object/apply:os.system"),
        ("article: !!python/name:os.system\n", "1:10", "!!python/name:os.system"),
        ("!!python/object:reader.core.model.Beat {id: a, title: b}\n", "1:1", "!!python/object:reader.core.model.Beat"),
        ("article: !!python/tuple [1, 2]\n", "1:10", "!!python/tuple"),
        ("article: !boom x\n", "1:10", "!boom"),
        ("article: !boom [x]\n", "1:10", "!boom"),
        ("article:\n  id: !boom {x: 1}\n", "2:7", "!boom"),
        ("!boom key: value\n", "1:1", "!boom"),
        ("article: !<tag:example.com,2025:thing> x\n", "1:10", "tag:example.com,2025:thing"),
        ("article: !!binary aGVsbG8=\n", "1:10", "!!binary"),
        ("article: !!set {a, b}\n", "1:10", "!!set"),
        ("article: !!omap [a: 1]\n", "1:10", "!!omap"),
        ("article: !!str [a]\n", "1:10", "!!str"),
    ],
    ids=[
        "apply", "apply-map", "name", "object", "tuple", "custom-scalar", "custom-list", "custom-map",
        "custom-key", "verbatim", "binary", "set", "omap", "mismatched-core",
    ],
)
def test_python_and_other_foreign_tags_are_refused_never_constructed(constructed, text, where, tag):
    expected = f"bad.yaml:{where}: tag {tag} is not allowed (content is plain YAML: text, numbers, lists, maps)"
    assert problems_of_text(text) == [expected]
    assert constructed == []
    assert not Path("pwned").exists()


def test_standard_tags_still_work():
    text = MINI.replace("title: A demo", "title: !!str 2025").replace("anonymous: false", "anonymous: !!bool false")
    assert load_article_text(text, "ok.yaml").meta.title == "2025"


def _bounded(text: str) -> tuple[list[str], int, int]:
    """Problems of a text, with the values composed and the peak bytes of memory it took to refuse it.

    Work is counted in values, not seconds: a wall-clock limit would fail on a busy machine.
    """
    composed = []
    real_init = yamlsafe._Composer.__init__

    def counting_init(self, *args):
        real_init(self, *args)
        composed.append(self)

    tracemalloc.start()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(yamlsafe._Composer, "__init__", counting_init)
            lines = problems_of_text(text)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return lines, sum(c.values + c.aliased for c in composed), peak


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (BILLION_LAUGHS, "5:63", "aliases expand to more than 10,000 values (an alias bomb?)"),
        # a quadratic blow-up: one big list, aliased again and again
        ("big: &big [" + ", ".join(["x"] * 3000) + "]\nmany: [*big, *big, *big, *big, *big]\n", "2:26",
         "aliases expand to more than 10,000 values (an alias bomb?)"),
        ("article: &a [1, *a]\n", "1:17", "alias *a refers to the list or map it stands in (a recursive alias)"),
        ("article: *nothing\n", "1:10", "alias *nothing names no anchor &nothing given before it"),
        ("a: &x 1\nb: &x 2\n", "2:4", "anchor &x is defined twice"),
    ],
    ids=["billion-laughs", "quadratic", "recursive", "undefined", "twice"],
)
def test_alias_bombs_are_refused_in_bounded_time_and_memory(text, where, words):
    lines, work, peak = _bounded(text)
    assert lines == [f"bad.yaml:{where}: {words}"]
    # refused before the expansion: the values charged stay near the caps, never billions
    assert work <= yamlsafe.MAX_NODES + 2 * yamlsafe.MAX_ALIAS_VALUES
    assert peak < 16 * 1024 * 1024


def test_a_document_with_too_many_values(monkeypatch):
    # the cap is half a million; a smaller one shows the message without building that much
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 100)
    lines, _, _ = _bounded("article:\n" + "  - x\n" * 200)
    assert lines == ["bad.yaml:100:5: the document holds more than 100 values"]


def test_small_aliases_are_fine():
    text = MINI.replace("  - id: ann\n", "  - id: &ann ann\n").replace("speaker: ann", "speaker: *ann")
    text = text.replace("    paragraphs:\n", "    paragraphs: &paras\n") + "review:\n  - rule: &rule by hand\n  - rule: *rule\n"
    assert load_article_text(text, "ok.yaml").quotes[0].speaker == "ann"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[" * 100_000, "1:1001" if C_PARSER else "1:65"),  # libyaml stops flow brackets at 1000 itself
        ("[\n" * 100_000, "65:1"),
        ("article: " + "{a: " * 100_000, "1:262"),
        ("- " * 5000 + "x\n", "1:129"),
        ("".join(" " * i + "-\n" for i in range(5000)), "65:65"),
        ("".join(" " * i + f"k{i}:\n" for i in range(5000)), "65:65"),
        ("".join("  " * i + f"- k{i}:\n" for i in range(3000)), "33:65"),
        ("a: &a " + "[" * 40 + "1" + "]" * 40 + "\nb: " + "[" * 30 + "*a" + "]" * 30 + "\n", "2:34"),
    ],
    ids=["flow-lists", "flow-lists-by-line", "flow-maps", "dashes", "indented-lists", "indented-maps", "list-of-maps", "through-alias"],
)
def test_absurd_nesting_is_refused_without_recursion(text, where):
    lines, work, peak = _bounded(text)
    assert len(lines) == 1
    assert_problem(lines, f"bad.yaml:{where}", f"nesting deeper than {yamlsafe.MAX_DEPTH} levels")
    # stopped at the cap: a few levels' worth of values and memory, not the 100,000 asked for
    assert work <= 10 * yamlsafe.MAX_DEPTH
    assert peak < 16 * 1024 * 1024


# -- the content model -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("    role: witness\n", "", "7:5", "speakers[1]: missing required field 'role'"),
        ("  title: A demo\n", "", "1:1", "article: missing required field 'title'"),
        ("beats:\n  - id: start\n    title: Start\n", "", "1:1", "missing required section 'beats'"),
        ("    title: First\n", "    title: ''\n", "22:12", "scenes[1]: field 'title' is empty"),
    ],
    ids=["speaker-role", "article-title", "section", "empty"],
)
def test_missing_required_fields(old, new, where, message):
    assert problems_of_text(MINI.replace(old, new)) == [f"bad.yaml:{where}: {message}"]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("anonymous: false", "anonymous: 'yes'", "10:16", "speakers[1]: field 'anonymous' must be true or false, not text"),
        ("title: First", "title: 12", "22:12", "scenes[1]: field 'title' must be text, not a number"),
        ("title: First", "title: [a, b]", "22:5", "scenes[1]: field 'title' must be text, not a list"),
        ("    paragraphs:\n      - “It rained,” Ann said.\n      - The river rose by two metres.\n", "    paragraphs: one\n",
         "23:17", "scenes[1]: field 'paragraphs' must be a list, not text"),
        ("      - The river rose by two metres.\n", "      - 42\n", "25:9", "scene 's1': paragraph 2 must be non-empty text, not a number"),
        ("speakers:\n  - id: ann\n    name: Ann\n    role: witness\n    anonymous: false\n", "speakers: {id: ann}\n",
         "6:1", "section 'speakers' must be a list, not a map"),
        ("beats:\n  - id: start\n", "beats:\n  - start\n  - id: start\n", "16:5", "beats[1] must be a map of fields, not text"),
        ("  date: '2025-01-01'\n", "  date: 2025-01-01T10:00\n  seed: 7\n", "6:9", "article: field 'seed' must be text or null, not a number"),
    ],
    ids=["bool", "text", "text-not-list", "list", "paragraph", "section", "record", "seed"],
)
def test_wrong_types(old, new, where, message):
    assert problems_of_text(MINI.replace(old, new)) == [f"bad.yaml:{where}: {message}"]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("title: First", "titel: First", "22:12", "scenes[1]: unknown field 'titel' (did you mean 'title'?)"),
        ("anonymous: false", "anonymus: false", "10:15", "speakers[1]: unknown field 'anonymus' (did you mean 'anonymous'?)"),
        ("scenes:", "scene:", "18:1", "unknown section 'scene' (did you mean 'scenes'?)"),
        ("    role: witness\n", "    role: witness\n    colour: red\n", "10:13",
         "speakers[1]: unknown field 'colour' (expected one of: id, name, role, anonymous, review)"),
    ],
    ids=["field", "field-2", "section", "no-close-match"],
)
def test_unknown_keys_with_did_you_mean(old, new, where, message):
    lines = problems_of_text(MINI.replace(old, new))
    assert_problem(lines, f"bad.yaml:{where}", message)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (MINI.replace("narratives:", "  - id: ann\n    name: Ann B\n    role: other\nnarratives:"), "11:9",
         "duplicate speaker id 'ann' (first used on line 7)"),
        (MINI.replace("quotes:\n", "  - id: s1\n    title: Again\n    paragraphs: [x]\nquotes:\n"), "26:9",
         "duplicate scene id 's1' (first used on line 19)"),
        (MINI + "  - id: f1\n    label: L\n    value: V\n    category: c\n    scene: s1\n    source: river\n", "38:9",
         "duplicate fact id 'f1' (first used on line 32)"),
    ],
    ids=["speaker", "scene", "fact"],
)
def test_duplicate_ids(text, where, message):
    assert_problem(problems_of_text(text), f"bad.yaml:{where}", message)


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("speaker: ann", "speaker: anne", "29:14", "quotes[1]: unknown speaker 'anne' (did you mean 'ann'?)"),
        ("narrative: one", "narrative: two", "20:16", "scenes[1]: unknown narrative 'two'"),
        ("beat: start", "beat: stat", "21:11", "scenes[1]: unknown beat 'stat' (did you mean 'start'?)"),
        ("    scene: s1\n    source", "    scene: s2\n    source", "36:12", "facts[1]: unknown scene 's2'"),
    ],
    ids=["speaker", "narrative", "beat", "scene"],
)
def test_dangling_references(old, new, where, message):
    assert problems_of_text(MINI.replace(old, new)) == [f"bad.yaml:{where}: {message}"]


def test_a_quote_without_text_is_reported_with_the_quotation_it_leaves_uncovered():
    assert problems_of_text(MINI.replace("    text: It rained\n", "")) == [
        "bad.yaml:27:5: quotes[1]: missing required field 'text'",
        "bad.yaml:24:9: scene 's1', paragraph 1: the quotation “It rained” is not in the quotes list",
    ]


def test_a_broken_record_does_not_also_break_what_refers_to_it():
    # the speaker lacks a role; quotes naming it must not add "unknown speaker 'ann'"
    assert problems_of_text(MINI.replace("    role: witness\n", "")) == ["bad.yaml:7:5: speakers[1]: missing required field 'role'"]


def test_quotes_not_verbatim_in_their_scene():
    lines = problems_of_text(MINI.replace("text: It rained", "text: It poured"))
    assert lines == [
        "bad.yaml:30:11: quote 'q1' is not verbatim in a paragraph of scene 's1': It poured",
        "bad.yaml:24:9: scene 's1', paragraph 1: the quotation “It rained” is not in the quotes list",
    ]


def test_fact_spans_not_in_the_source():
    lines = problems_of_text(MINI.replace("source: rose by two metres", "source: rose by three metres"))
    assert lines == ["bad.yaml:37:13: fact 'f1': its source is not a verbatim span of scene 's1': rose by three metres"]


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        ("The river rose", "The River rose", "26:9",
         "differs from seed paragraph 2: at character 5, the seed has 'The river rose by two metres.', the scene has 'The River rose by two metres.'"),
        ("      - The river rose by two metres.\n", "", "25:9",
         "seed paragraph 2 is missing from the scenes, after this paragraph: The river rose by two metres."),
        ("      - The river rose by two metres.\n", "      - The river rose by two metres.\n      - An invented line.\n", "27:9",
         "paragraph is not where the seed has it (not in the seed): An invented line."),
        ("      - “It rained,” Ann said.\n      - The river rose by two metres.\n",
         "      - The river rose by two metres.\n      - “It rained,” Ann said.\n", "25:9",
         "paragraph is not where the seed has it (out of order or repeated): The river rose by two metres."),
        ("seed: seed.txt", "seed: gone.txt", "6:9", "seed 'gone.txt': no such file"),
        ("date: '2025-01-01'", "date: '2025-01-02'", "5:9", "article date '2025-01-02' differs from the seed's date '2025-01-01'"),
    ],
    ids=["changed", "dropped", "invented", "moved", "seed-missing", "date"],
)
def test_a_seed_the_scenes_no_longer_reproduce(article_file, old, new, where, words):
    path = article_file(SEEDED.replace(old, new))
    assert_problem(problems_of_file(path), f"{path}:{where}", words)


FIGURED = SEEDED.replace(
    "      - The river rose by two metres.\n",
    "      - The river rose by two metres.\n    figures:\n      - caption: A flooded street\n        credit: Ann\n",
)
SEED_WITH_FIGURE = SEED + "\nopen image in gallery A flooded street (Ann)\n"


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        ("    figures:\n      - caption: A flooded street\n        credit: Ann\n", "", "26:9",
         "seed image caption 1 is missing from the figures; the seed has it after body paragraph 2: A flooded street"),
        ("        credit: Ann\n", "        credit: Ann\n      - caption: A flooded street\n        credit: Ann\n", "30:9",
         "figure is not in the seed (or not here: after body paragraph 2): A flooded street"),
        ("caption: A flooded street", "caption: A flooded road", "28:18",
         "figure caption differs from the seed's: at character 11, the seed has 'A flooded street', the scene has 'A flooded road'"),
        ("        credit: Ann\n", "        credit: Ann\n        after: 1\n", "28:9",
         "figure stands after body paragraph 1; the seed has it after paragraph 2"),
    ],
    ids=["dropped", "repeated", "caption", "moved"],
)
def test_figures_the_seed_does_not_have(article_file, old, new, where, words):
    (article_file("x").parent / "seed.txt").write_text(SEED_WITH_FIGURE, encoding="utf-8")
    assert load_article(article_file(FIGURED, "good.yaml")).scenes[0].figures[0].after == 2
    path = article_file(FIGURED.replace(old, new))
    assert problems_of_file(path) == [f"{path}:{where}: {words}"]


# -- the command line --------------------------------------------------------------------------

CONTENT_CASES = {
    "syntax": "article: [1, 2\nscenes: 3\n",
    "tabs": "article:\n\tid: x\n",
    "alias-bomb": BILLION_LAUGHS,
    "python-tag": "article: !!python/object/apply:os.system ['touch pwned']\n",
    "nesting": "- " * 5000 + "x\n",
    "top-level-list": "- a\n",
    "several-problems": MINI.replace("title: First", "titel: First").replace("speaker: ann", "speaker: anne"),
    "binary": b"\x89PNG\r\n\x1a\n\x00",
    "empty": b"",
}


def _run(capsys, argv: list[str]) -> tuple[int, list[str], list[str]]:
    """Exit code, stdout lines and stderr lines of `reader ARGV`."""
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines(), err.splitlines()


@pytest.mark.parametrize("name", list(CONTENT_CASES))
@pytest.mark.parametrize("command", [["check"], [], ["export"]], ids=["check", "open", "export"])
def test_cli_bad_content_exits_1_with_one_line_per_problem(capsys, monkeypatch, article_file, name, command):
    path = article_file(CONTENT_CASES[name])
    with pytest.raises(ContentError) as info:
        load_article(path)
    # the app must never be imported for a file that does not load
    monkeypatch.setitem(sys.modules, "reader.ui.app", None)
    code, out, err = _run(capsys, command + [str(path)])
    assert code == 1
    assert out == []
    assert err == [str(p) for p in info.value.problems]
    assert all(line.startswith(str(path)) for line in err)


def test_cli_check_reports_every_file_and_fails_if_one_is_bad(capsys, article_file):
    good = article_file(SEEDED, "good.yaml")
    bad = article_file("- a\n", "bad.yaml")
    code, out, err = _run(capsys, ["check", str(good), str(bad)])
    assert code == 1
    assert out == [f"ok {good}: demo, 1 scene, 1 quote, 1 fact"]  # counts of one are singular
    assert len(err) == 1 and err[0].startswith(f"{bad}:1:1: the top level must be a map")


def test_cli_check_a_folder_checks_its_articles(capsys, article_file, tmp_path):
    article_file(SEEDED, "a.yaml")
    article_file(MINI, "b.yml")
    code, out, err = _run(capsys, ["check", str(tmp_path)])
    assert (code, err) == (0, [])
    assert [line.split(":")[0] for line in out] == [f"ok {tmp_path / 'a.yaml'}", f"ok {tmp_path / 'b.yml'}"]


@pytest.fixture
def usage_cases(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """Arguments that name nothing usable, with what the one-line error must say."""
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not an article")
    full = tmp_path / "full"
    full.mkdir()
    (full / "a.yaml").write_text(MINI)
    missing = tmp_path / "missing.yaml"
    long_name = "x" * 5000 + ".yaml"
    return {
        "missing-file": (str(missing), f"reader: error: {missing}: no such file"),
        "empty-folder": (str(empty), f"reader: error: {empty}: is a folder with no articles in it (no .yaml or .yml files)"),
        "unknown-id": ("no-such-article", "reader: error: unknown article 'no-such-article': not a file, nor a bundled article id (bundled: kursk-captures)"),
        "name-too-long": (long_name, f"reader: error: {long_name}: File name too long"),
        "folder-for-one": (str(full), f"reader: error: {full}: is a folder; give one of its articles: a.yaml"),
    }


@pytest.mark.parametrize("case", ["missing-file", "empty-folder", "unknown-id", "name-too-long", "folder-for-one"])
@pytest.mark.parametrize("command", [["check"], [], ["export"]], ids=["check", "open", "export"])
def test_cli_usage_errors_exit_2(capsys, monkeypatch, usage_cases, case, command):
    if case == "folder-for-one" and command != ["export"]:
        pytest.skip("`reader check FOLDER` checks every article in it; `reader FOLDER` lists them")
    arg, message = usage_cases[case]
    monkeypatch.setitem(sys.modules, "reader.ui.app", None)
    code, out, err = _run(capsys, command + [arg])
    assert (code, out, err) == (2, [], [message])


@pytest.mark.parametrize("argv", [["check", "--bogus"], ["export", "--format", "pdf"], ["--nope"]])
def test_cli_bad_options_exit_2_with_one_line(capsys, argv):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own way out, for whoever calls main
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 2
    assert out == "" and len(err.splitlines()) == 1 and "error:" in err


def test_the_real_command_prints_no_traceback(article_file):
    # the whole process, as a person runs it: stderr holds only the problem lines
    path = article_file("article:\n\tid: x\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for argv in (["check", str(path)], [str(path)]):
        done = subprocess.run([sys.executable, "-m", "reader", *argv], capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 1
        assert done.stderr == f"{path}:2:1: YAML syntax error: found character that cannot start any token (indent with spaces, not tabs)\n"
