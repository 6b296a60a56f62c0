"""Untrusted articles are safe to open (issue 18).

Each test builds a hostile input written here (an article, a seed, a state file, a request)
and shows it is refused with a clear one-line error, or shown as plain escaped text, in
bounded time. SECURITY.md says what these tests guarantee.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.errors import ContentError
from reader.core.loader import load_article, load_article_text
from reader.core.state import ArticleState, article_store, settings_store

from .test_errors import MINI, SEED

ESCAPES = ["\x1b]0;pwned\x07", "\x1b]52;c;cHduZWQ=\x07", "\x1b[2J", "\x9b31m", "\x07", "\x7f", "\r"]
INVISIBLE = ["\u202e", "\u2066", "\u200b", "\ufeff", "\U000e0041"]


def _yaml_escape(text: str) -> str:
    """A value written as a double-quoted YAML scalar with every control as an escape."""
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in text) + '"'


def _hostile(field: str, value: str) -> str:
    """MINI with one of its values replaced by a double-quoted hostile one."""
    plain = {"title": "  title: A demo\n", "name": "    name: Ann\n", "summary": "    summary: The first storyline\n"}[field]
    return MINI.replace(plain, plain.split(":")[0] + ": " + _yaml_escape(value) + "\n")


def _problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_article_text(text, "evil.yaml")
    return [str(p) for p in info.value.problems]


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# written out here, not imported from reader.core.textsafe, so the tests judge the policy's code
_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\U000e0000-\U000e007f]")


def _no_raw_controls(text: str) -> None:
    """Nothing in text could drive a terminal or hide itself."""
    assert not _RAW.search(text), repr(text[:200])


# -- 1. control sequences ------------------------------------------------------------------

@pytest.mark.parametrize("escape", ESCAPES + INVISIBLE)
@pytest.mark.parametrize("field", ["title", "name", "summary"])
def test_check_refuses_control_and_invisible_characters_with_file_line_col(field, escape):
    lines = _problems(_hostile(field, f"A{escape}B"))
    line = {"title": 3, "name": 8, "summary": 14}[field]
    assert any(p.startswith(f"evil.yaml:{line}:") and "U+" in p for p in lines), lines
    for p in lines:
        _no_raw_controls(p)


def test_raw_bidi_and_zero_width_characters_are_refused_where_they_stand():
    text = MINI.replace("The river rose", "The river \u202erose")
    lines = _problems(text)
    assert any(p.startswith("evil.yaml:25:") and "U+202E" in p for p in lines), lines


def test_a_control_character_in_a_key_is_refused():
    lines = _problems(MINI.replace("  title: A demo\n", '  title: A demo\n  "x\\e[2J": 1\n'))
    assert any("U+001B" in p for p in lines), lines


def test_joiners_and_marks_that_scripts_need_are_allowed():
    text = MINI.replace("The river rose", "The river \u200d\u200c\u200e\u200f rose").replace("rose by two", "rose by two")
    assert load_article_text(text, "ok.yaml").scenes


def test_check_prints_file_names_and_values_escaped(tmp_path, capsys):
    bad = tmp_path / "evil\x1b]0;pwned\x07.yaml"
    bad.write_text(_hostile("title", "\x1b[2J"), encoding="utf-8")
    code, out, err = _run(["check", str(bad)], capsys)
    assert code == 1
    _no_raw_controls(out + err)
    assert "\\u001b" in err


def test_usage_errors_escape_what_was_typed_and_the_speakers(tmp_path, capsys):
    text = MINI.replace("    name: Ann\n", '    name: "Ann"\n')
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = _run(["--linear", str(path), "--speaker", "x\x1b]52;c;AAAA\x07"], capsys)
    assert code == 2
    _no_raw_controls(out + err)
    code, out, err = _run(["check", str(tmp_path / "no\x1b[2Jfile.yaml")], capsys)
    _no_raw_controls(out + err)


@pytest.mark.parametrize("argv", [["--linear"], ["export", "--format", "text"], ["export", "--format", "markdown"], ["export"]])
def test_every_writer_to_the_terminal_escapes_what_an_article_holds(argv, monkeypatch, capsys):
    # an article the loader would refuse, handed over as if it had passed: the writers still escape
    from reader.core.record import replace

    article = load_article_text(MINI, "a.yaml")
    evil = replace(article, meta=replace(article.meta, title="T\x1b]0;pwned\x07\u202e", source="S\x9b2J"))
    monkeypatch.setattr("reader.cli._load", lambda path: evil)
    code, out, err = _run([*argv, "kursk-captures"], capsys)
    assert code == 0
    assert "pwned" in out
    _no_raw_controls(out + err)


def test_a_seed_with_raw_escapes_is_refused_by_check(tmp_path):
    (tmp_path / "seed.txt").write_text(SEED + "\n\x1b]0;pwned\x07Subscribe now.\n", encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(MINI.replace("  date: '2025-01-01'\n", "  date: '2025-01-01'\n  seed: seed.txt\n"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_article(path)
    assert "U+001B" in str(info.value)
    _no_raw_controls(str(info.value))


def test_the_source_view_never_shows_a_seed_with_raw_escapes(tmp_path):
    from reader.ui.dialogs.source import load_seed_for

    (tmp_path / "seed.txt").write_text(SEED + "\nSupport us \x1b]0;pwned\x07 donate now, your donation.\n", encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(MINI.replace("  date: '2025-01-01'\n", "  date: '2025-01-01'\n  seed: seed.txt\n"), encoding="utf-8")
    assert load_seed_for(load_article(path, check_seed=False)) is None


def test_import_refuses_text_with_raw_escapes(tmp_path, capsys):
    source = tmp_path / "raw.txt"
    source.write_text("First paragraph.\n\nA \x1b[2J second\x9b one.\n", encoding="utf-8")
    code, out, err = _run(["import", str(source)], capsys)
    assert code == 1
    assert f"{source}:3:3:" in err and "U+001B" in err
    _no_raw_controls(out + err)


def test_crlf_text_is_still_fine_for_import(tmp_path, capsys):
    source = tmp_path / "crlf.txt"
    source.write_bytes(b"First paragraph.\r\n\r\nSecond one.\r\n")
    code, out, err = _run(["import", str(source)], capsys)
    assert code == 0, err


# -- 6. state files ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe not utf-8", b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000],
    ids=["bad-utf8", "deep-list", "deep-map"],
)
@pytest.mark.parametrize("which", ["article", "settings"])
def test_a_state_file_that_is_not_json_is_set_aside_never_a_crash(private_state, content, which):
    store = article_store("a") if which == "article" else settings_store()
    store.path.write_bytes(content)
    assert store.read() == store.default()
    assert "set aside" in store.notice
    assert not store.path.exists() and len(list(private_state.glob("*.corrupt-*"))) == 1


def test_an_oversized_state_file_is_set_aside(private_state):
    store = article_store("a")
    store.path.write_text(json.dumps({"step": "x" * (5 * 1024 * 1024)}), encoding="utf-8")
    assert store.read() == ArticleState()
    assert "set aside" in store.notice


def test_one_bad_bookmark_does_not_cost_the_others(private_state):
    store = article_store("a")
    good = {"id": "g", "step": "s1", "note": "keep me", "created": 1700000000.0}
    bad = [1, {"id": 2, "step": "s1"}, {"id": "x", "step": "s1", "created": 1e300}, {"id": "y", "step": "s1", "created": "NaN"},
           {"id": "z", "step": "s1", "created": float("nan")}, {"id": "w", "step": "s1", "extra": 1},
           {"id": "e", "step": "s1", "note": "\x1b]52;c;AAAA\x07"}]
    store.path.write_text(json.dumps({"step": "s1", "bookmarks": [bad[0], good, *bad[1:]]}), encoding="utf-8")
    state = store.read()
    assert [b.note for b in state.bookmarks] == ["keep me"] and state.step == "s1"
    assert "7 bookmarks could not be read" in store.notice
    assert len(list(private_state.glob("a.json.corrupt-*"))) == 1  # the whole file, kept aside


def test_an_unreadable_state_file_is_never_overwritten(private_state):
    if os.geteuid() == 0:
        # root reads anything: a folder in the file's place is unreadable for root too
        store = article_store("a")
        store.path.mkdir()
    else:
        store = article_store("a")
        store.path.write_text(json.dumps({"bookmarks": [{"id": "g", "step": "s", "note": "n", "created": 1.0}]}))
        store.path.chmod(0)
    assert store.read() == ArticleState()
    assert "not saving over it" in store.notice
    with pytest.raises(OSError):
        store.update(lambda s: setattr(s, "step", "lost"))
    if os.geteuid() != 0:
        store.path.chmod(0o600)
        assert "bookmarks" in store.path.read_text()


def test_a_lock_planted_as_a_symlink_is_not_followed(private_state, tmp_path):
    target = tmp_path / "victim.txt"
    store = article_store("a")
    private_state.mkdir(parents=True, exist_ok=True)
    (private_state / "a.json.lock").symlink_to(target)
    with pytest.raises(OSError):
        store.update(lambda s: setattr(s, "step", "x"))
    assert not target.exists()


async def test_bookmarks_with_absurd_dates_do_not_crash_the_list(article, private_state):
    from reader.ui.app import ReaderApp

    store = article_store(article.meta.id)
    marks = [{"id": "a", "step": article.steps[1].key, "note": "far", "created": 1e18},
             {"id": "b", "step": article.steps[1].key, "note": "fine", "created": 1700000000}]
    store.path.write_text(json.dumps({"bookmarks": marks}), encoding="utf-8")
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("B")
        await pilot.pause()
        from .conftest import reading

        assert [b.note for b in reading(app).bookmarks] == ["fine"]


# -- 4. seeds stay beside their article ------------------------------------------------------

def _seeded(tmp_path: Path, seed: str) -> Path:
    path = tmp_path / "articles" / "a.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MINI.replace("  date: '2025-01-01'\n", f"  date: '2025-01-01'\n  seed: '{seed}'\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize("seed", ["../../../../../../../../etc/passwd", "/etc/passwd", "../elsewhere/seed.txt", "/dev/tty"])
def test_a_seed_outside_the_article_folder_is_refused_and_never_echoed(tmp_path, seed):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "seed.txt").write_text("SECRET LINE\n\n" + SEED, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_article(_seeded(tmp_path, seed))
    message = str(info.value)
    assert "outside the article's folder" in message
    assert "root:" not in message and "SECRET" not in message


def test_a_symlink_out_of_the_article_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET LINE\n\n" + SEED, encoding="utf-8")
    path = _seeded(tmp_path, "seed.txt")
    (path.parent / "seed.txt").symlink_to(secret)
    with pytest.raises(ContentError) as info:
        load_article(path)
    assert "outside the article's folder" in str(info.value) and "SECRET" not in str(info.value)


def test_a_fifo_seed_is_refused_without_waiting(tmp_path):
    path = _seeded(tmp_path, "seed.txt")
    os.mkfifo(path.parent / "seed.txt")
    with pytest.raises(ContentError) as info:
        load_article(path)  # would block forever on open() if the FIFO were read
    assert "not a regular file" in str(info.value)


def test_seeds_in_the_folder_beside_and_in_a_folder_the_user_names_are_read(tmp_path, monkeypatch):
    path = _seeded(tmp_path, "../seeds/seed.txt")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "seed.txt").write_text(SEED, encoding="utf-8")
    assert load_article(path).meta.seed
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "seed.txt").write_text(SEED, encoding="utf-8")
    path = _seeded(tmp_path, str(mine / "seed.txt"))
    with pytest.raises(ContentError):
        load_article(path)
    monkeypatch.setenv("READER_SEED_DIRS", str(mine))
    assert load_article(path).meta.seed


def test_the_source_view_reads_no_seed_outside_the_article_folder(tmp_path):
    from reader.ui.dialogs.source import load_seed_for

    article = load_article(_seeded(tmp_path, "../seeds/seed.txt"), check_seed=False)
    assert load_seed_for(article) is None  # there is none
    (tmp_path / "secret.txt").write_text("SECRET\n\n" + SEED, encoding="utf-8")
    outside = load_article(_seeded(tmp_path, "../secret.txt"), check_seed=False)
    assert load_seed_for(outside) is None


# -- 5. linear time ----------------------------------------------------------------------------

def _many_quotes(n: int) -> str:
    """One scene: a paragraph of n short quotations, each covered only by a longer listed quote."""
    filler = " and the river kept rising past the old stone bridge near the market" * 1
    sentences = [f"“w{i} one two three” x{filler}." for i in range(n)]
    para = " ".join(sentences)
    # first, as many quotes of one word the paragraph holds n times: the old check walked every
    # occurrence of every quote for every quotation (n x n x n)
    quotes = "".join(f"  - id: word{i}\n    scene: s1\n    speaker: ann\n    text: river\n" for i in range(n))
    quotes += "".join(f"  - id: many{i}\n    scene: s1\n    speaker: ann\n    text: '“w{i} one two three” x'\n" for i in range(n))
    text = MINI.replace("      - “It rained,” Ann said.\n", f"      - '{para}'\n      - “It rained,” Ann said.\n")
    return text.replace("quotes:\n", "quotes:\n" + quotes, 1)


def test_checking_many_quotes_in_a_long_paragraph_does_work_linear_in_its_size(monkeypatch):
    # the work counted is the searches made for the quotes' occurrences; before, every quotation
    # walked every occurrence of every quote (cubic: a 42 KB paragraph took two minutes)
    import reader.core.loader as loader

    finds = []

    class Counting(str):
        def find(self, *args):
            finds.append(1)
            return str.find(self, *args)

        def startswith(self, *args):
            finds.append(1)
            return str.startswith(self, *args)

    real = loader._Spans.__init__
    monkeypatch.setattr(loader._Spans, "__init__", lambda self, para, texts: real(self, Counting(para), texts))
    work = []
    for n in (100, 200, 400):
        finds.clear()
        load_article_text(_many_quotes(n), "many.yaml")
        work.append(len(finds))
    assert work[0] > 100 and work[2] <= 4.5 * work[0], work  # linear: twice the quotes, twice the searches


def test_a_large_many_quote_paragraph_is_checked():
    # must merely finish: 1,500 quotations in one 130 KB paragraph, 3,000 quotes; the cubic check
    # took a minute for 400 of them, so about fifty minutes for these
    assert len(load_article_text(_many_quotes(1500), "big.yaml").quotes) == 3001


def _mid_sentence_quotes(n: int) -> str:
    """One paragraph of n quotations, each in the middle of a sentence (no cue, no punctuation)."""
    para = " ".join(f"and “w{i} went to the” x and the river kept rising past the bridge." for i in range(n))
    quotes = "".join(f"  - id: mid{i}\n    scene: s1\n    speaker: ann\n    text: 'w{i} went to the'\n" for i in range(n))
    text = MINI.replace("      - “It rained,” Ann said.\n", f"      - '{para}'\n      - “It rained,” Ann said.\n")
    return text.replace("quotes:\n", "quotes:\n" + quotes, 1)


def test_quotations_in_the_middle_of_sentences_are_checked():
    # must merely finish: looking for each quotation's sentence read the whole paragraph before
    # it, and the word before every full stop in it (cubic: 400 of them took three minutes)
    assert len(load_article_text(_mid_sentence_quotes(800), "mid.yaml").quotes) == 801


def test_one_big_string_aliased_many_times_is_refused_quickly():
    big = "x" * 1_000_000
    text = MINI.replace("    summary: The first storyline\n", f"    summary: &big {big}\n")
    text = text.replace("beats:\n", "beats:\n" + "".join(f"  - {{id: b{i}, title: *big}}\n" for i in range(9000)), 1)
    lines = _problems(text)
    assert any("aliases expand to more than" in p and "characters" in p for p in lines), lines[:3]


# -- 7. crashes exit non-zero ---------------------------------------------------------------

def test_reader_exits_non_zero_after_the_app_crashed(monkeypatch, capsys):
    from reader.ui.app import ReaderApp

    def crash(self):
        self._return_code = 1  # what Textual sets when an exception stops the app

    monkeypatch.setattr(ReaderApp, "run", crash)
    monkeypatch.setattr("reader.cli._app_can_run", lambda: True)
    assert main(["kursk-captures"]) == 1


# -- 8. import output ----------------------------------------------------------------------

def _source(tmp_path: Path) -> Path:
    source = tmp_path / "story.txt"
    source.write_text("date 2025-01-01\n\n“It rained,” Ann said.\n\nThe river rose by two metres.\n", encoding="utf-8")
    return source


def test_import_refuses_a_dangling_symlink_as_output_without_force(tmp_path, capsys):
    out = tmp_path / "out.yaml"
    out.symlink_to(tmp_path / "victim.yaml")
    code, _, err = _run(["import", str(_source(tmp_path)), "-o", str(out)], capsys)
    assert code == 2 and "symlink" in err
    assert not (tmp_path / "victim.yaml").exists()


def test_import_never_overwrites_its_own_source(tmp_path, capsys):
    source = _source(tmp_path)
    before = source.read_bytes()
    for extra in ([], ["--force"]):
        code, _, err = _run(["import", str(source), "-o", str(source), *extra], capsys)
        assert code == 2 and "the source itself" in err
    link = tmp_path / "link.txt"
    link.symlink_to(source)
    code, _, err = _run(["import", str(source), "-o", str(link), "--force"], capsys)
    assert code == 2
    assert source.read_bytes() == before


def test_import_output_follows_the_umask(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        out = tmp_path / "out.yaml"
        code, _, err = _run(["import", str(_source(tmp_path)), "-o", str(out)], capsys)
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_import_copies_a_seed_from_elsewhere_beside_the_article(tmp_path, capsys):
    source = _source(tmp_path)
    (tmp_path / "drafts").mkdir()
    out = tmp_path / "drafts" / "story.yaml"
    code, out_text, err = _run(["import", str(source), "-o", str(out)], capsys)
    assert code == 0, err
    assert (tmp_path / "drafts" / "story.txt").read_bytes() == source.read_bytes()
    assert main(["check", str(out)]) == 0


# -- 3. markdown export ----------------------------------------------------------------------

def test_markdown_export_shows_html_links_and_markup_as_text():
    from markdown_it import MarkdownIt

    from reader.core.export import to_markdown

    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) <javascript:alert(1)> ![i](http://e/x.png) *bold* &lt;"
    text = (
        MINI.replace("  title: A demo\n", '  title: "A demo\\n# Injected heading"\n')
        .replace("      - The river rose by two metres.\n", f"      - 'The river rose by two metres. {hostile}\n\n        - a list\n\n        1. item'\n")
        .replace("    value: Two metres\n", '    value: "two | metres\\n## metres"\n')
    )
    md = to_markdown(load_article_text(text, "md.yaml"))
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in html and "javascript:" not in html.split("href=")[-1][:12]
    assert 'href="javascript' not in html and "<img" not in html and "<strong>bold" not in html
    assert html.count("<h1>") == 1 and "<h2>metres" not in html and "<li>a list" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text
    assert html.count("<tr>") == 2  # the header and the one fact: the value did not break the table


# -- 9. reader serve ---------------------------------------------------------------------------

async def test_serve_accepts_only_its_own_origin_and_caps_sessions():
    import aiohttp
    from aiohttp.test_utils import TestClient, TestServer

    from reader import serve

    command = f"{sys.executable} -c \"import time; time.sleep(60)\""
    server = serve.make_server(command, "127.0.0.1", 8000, "http://127.0.0.1:8000", "t", max_sessions=1)
    async with TestClient(TestServer(await server._make_app())) as client:
        for origin in ("http://evil.example", "http://evil.example:8000", "null", None):
            headers = {"Origin": origin} if origin else {}
            with pytest.raises(aiohttp.WSServerHandshakeError) as info:
                await client.ws_connect("/ws", headers=headers)
            assert info.value.status == 403
        first = await client.ws_connect("/ws", headers={"Origin": "http://localhost:8000"})
        second = await client.ws_connect("/ws", headers={"Origin": "http://127.0.0.1:8000"})
        message = await second.receive(timeout=10)
        assert b"readers are open" in message.data
        await first.close()
        await second.close()


def test_serve_origins_include_the_public_url():
    from reader import serve

    allowed = serve.allowed_origins("0.0.0.0", 8000, "https://reader.example.org/")
    assert serve.origin_allowed("https://reader.example.org", allowed)
    assert not serve.origin_allowed("https://evil.example", allowed)
    assert not serve.origin_allowed("http://localhost:8000", allowed)  # not loopback-only


def test_serve_max_sessions_is_an_option(capsys):
    assert main(["serve", "--max-sessions", "0"]) == 2
    assert "give at least 1" in capsys.readouterr().err


# -- 2. markup: every article string is shown as plain text, on every screen ------------------

CLICK = "[@click=app.screenshot('victim.svg','{folder}')]The lone soldier[/]"
PARAS = [
    "“It rained [sic],” Ann said. [/] [@click=app.quit]x[/] [b]not bold[/b]",
    "The river rose by [b]two metres[/b] at dawn [/] [sic].",
    "A third paragraph, [i]plain[/i] [/].",
]


def hostile_article(folder: Path) -> Path:
    """An article whose every string holds Textual markup, beside its seed."""
    import yaml

    click = CLICK.format(folder=folder)
    data = {
        "article": {"id": "hostile", "title": "Title [b]bold[/b] [/] [sic]", "source": "[/]Source [sic]",
                    "date": "2025 [/] [sic]", "seed": "seed.txt"},
        "speakers": [{"id": "ann", "name": "[red]Ann[/red] [sic]", "role": "[/] witness", "anonymous": False}],
        "narratives": [{"id": "n1", "title": click, "summary": "[/] summary [sic]"},
                       {"id": "n2", "title": "Second [sic] story [/]", "summary": "[@click=app.quit]s[/]"}],
        "beats": [{"id": "b1", "title": "[@click=app.quit]Start[/] [sic]"}, {"id": "b2", "title": "[/]Next [sic]"}],
        "scenes": [
            {"id": "s1", "narrative": "n1", "beat": "b1", "title": "[/]First scene [sic]", "paragraphs": [PARAS[0]],
             "figures": [{"caption": "[/] caption [sic]", "credit": "[@click=app.quit]AP[/]", "after": 1}],
             "time": {"label": "[/] dawn [sic]", "source": "Ann said", "at": "05:00"}},
            {"id": "s2", "narrative": "n2", "beat": "b1", "title": "[b]Second[/b] scene [/]", "paragraphs": [PARAS[1]],
             "time": {"label": "[@click=app.quit]later[/]", "source": "at dawn", "at": "06:00"}},
            {"id": "s3", "narrative": "n1", "beat": "b2", "title": "Third [sic] [/]", "paragraphs": [PARAS[2]]},
        ],
        "quotes": [{"id": "q1", "scene": "s1", "speaker": "ann", "text": "It rained [sic]"}],
        "facts": [{"id": "f1", "label": "[/]River", "value": "[b]two metres[/b] [sic]", "category": "[/]numbers",
                   "scene": "s2", "source": "rose by [b]two metres[/b] at dawn [/] [sic]"}],
    }
    seed = "\n\n".join([
        PARAS[0], "open image in gallery [/] caption [sic] ([@click=app.quit]AP[/])",
        "Support our journalism [/] [sic]: donate now, your donation keeps us free of paywalls.",
        PARAS[1], PARAS[2],
    ]) + "\n"
    (folder / "seed.txt").write_text(seed, encoding="utf-8")
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _screen_text(app) -> str:
    """Every character on the screen, as shown."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


@pytest.mark.parametrize("size", [(120, 40), (80, 30)])
async def test_every_screen_shows_a_hostile_article_as_plain_text(tmp_path, size):
    from reader.ui.app import ReaderApp

    article = load_article(hostile_article(tmp_path))
    app = ReaderApp(article)
    seen: list[str] = []
    async with app.run_test(size=size) as pilot:
        async def look(*keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()
            seen.append(_screen_text(app))

        await look()
        if size[0] < 100:  # tabs: click the one whose title holds an action
            await pilot.click("#tab-n1")
            await pilot.pause()
        await look("right")
        await look("left", "w")
        await look("a")
        await look("f")
        # every dialog and view that shows article text: who's who, About, the continuous view too
        for key in ("s", "o", "t", "v", "question_mark", "i", "m", "r"):
            await look(key)
            await look("escape")
        await look("b", *"[/] note [sic]", "enter")
        await look("B")
        await look("escape")
        await look("ctrl+p", *"sic")
        await look("escape")
        await look("slash", *"sic", "enter")
        await look("escape", "w", "tab", "enter", "c")
        assert app.is_running
    text = "\n".join(seen)
    assert not (tmp_path / "victim.svg").exists()
    for shown in ("[sic]", "The lone soldier[/]", "[b]not bold[/b]", "[/]First scene", "[/] dawn", "[red]Ann[/red]", "[b]two metres[/b]",
                  "[/]Source [sic]", "[/] witness"):
        assert shown in text, shown


async def test_unlinked_columns_name_a_hostile_beat_title_as_plain_text(tmp_path):
    """Unlinked, a column's heading names its own beat: the title as written, never markup
    (`[/]` ended the app, `[@click=...]` was an action)."""
    from textual.widgets import Static

    from reader.ui.app import ReaderApp

    def headings() -> list[str]:
        """What each column's position line says (it wraps on screen in a narrow column)."""
        return [str(line.render()) for line in app.screen.query(".column-position").results(Static)]

    app = ReaderApp(load_article(hostile_article(tmp_path)), fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        first = headings()
        await pilot.press("right")  # the focused column alone steps to the second beat
        await pilot.pause()
        second = headings()
        assert app.is_running and not app.screen.linked
    assert "[@click=app.quit]Start[/] [sic] · scene 1 of 2" in first
    assert "[/]Next [sic] · scene 2 of 2" in second


async def test_the_library_shows_hostile_titles_and_problems_as_plain_text(tmp_path):
    from reader.ui.app import ReaderApp
    from reader.ui.screens.library import read_library

    good = hostile_article(tmp_path)
    bad = tmp_path / "[b]broken [sic] [@click=app.quit]x.yaml"
    bad.write_text("article: [", encoding="utf-8")
    app = ReaderApp(library=(read_library([good, bad]), "[/]folder [sic]"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = _screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running
    assert "Title [b]bold[/b] [/] [sic]" in text and "[/]Source [sic]" in text and "[b]broken [sic] [@click=app.quit]x.yaml" in text


# -- 7. double keys ----------------------------------------------------------------------------

@pytest.mark.parametrize("opener", ["v", "o", "B", "t"])
async def test_enter_pressed_twice_in_a_view_never_crashes(article, private_state, opener):
    from reader.core.state import new_bookmark
    from reader.ui.app import ReaderApp

    article_store(article.meta.id).update(lambda s: s.bookmarks.append(new_bookmark(article.steps[1].key, "n")))
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right", opener)
        await pilot.pause()
        # both Enters reach the dialog before it is gone (as when a terminal sends them in one
        # read): the second must not dismiss it again
        from textual.widgets import DataTable, OptionList

        screen = app.screen
        target = screen.query(OptionList).first() if screen.query(OptionList) else screen.query_one(DataTable)
        if isinstance(target, OptionList) and (target.highlighted is None or target.highlighted_option.disabled):
            target.action_cursor_down()  # onto an option that Enter selects (the timeline opens on a heading)
        for _ in range(2):
            (target.action_select if isinstance(target, OptionList) else target.action_select_cursor)()
        await pilot.pause()
        await pilot.press("enter", "enter", "escape", "escape")
        await pilot.pause()
        assert app.is_running


async def test_the_palette_then_page_down_at_once_never_crashes(article):
    from reader.ui.app import ReaderApp

    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("ctrl+p", "pagedown", "pagedown", "pageup", "down", "enter")
            await pilot.pause()
            await pilot.press("escape")
        await pilot.press("ctrl+p", "pagedown", "enter", "enter")
        await pilot.pause()
        # at once, as a terminal delivers them: the list has no layout yet, and two selections
        await pilot.press("escape")
        app.action_command_palette()
        palette = app.screen
        palette._action_command_list("page_down")
        palette._action_command_list("page_up")
        await pilot.press(*"beat 2")
        await pilot.pause()
        palette._select_or_command()
        palette._select_or_command()
        palette._select_or_command()
        palette._select_or_command()
        await pilot.pause()
        assert app.is_running


def test_a_long_article_differing_from_its_seed_everywhere_is_compared_quickly():
    # must merely finish: difflib weighs every pair of paragraphs when they differ all along
    # (8,000 took ten seconds, 40,000 about four minutes); anchors on unique paragraphs first
    from reader.core.loader import _changes

    theirs = [f"Paragraph {i}." for i in range(40_000)]
    mine = [p if i % 2 else p + " Changed." for i, p in enumerate(theirs)]
    mine.insert(100, "An invented paragraph.")
    del mine[30_000]
    ops = _changes(theirs, mine)
    rebuilt: list[str] = []
    at = 0
    for _, a0, a1, b0, b1 in ops:  # the changes, applied to the seed, give the article back
        rebuilt += theirs[at:a0] + mine[b0:b1]
        at = a1
    assert rebuilt + theirs[at:] == mine


def test_import_never_writes_the_scaffold_over_the_copy_of_its_text(tmp_path, capsys):
    source = _source(tmp_path)
    (tmp_path / "drafts").mkdir()
    out = tmp_path / "drafts" / source.name  # the copy would be this very file
    code, _, err = _run(["import", str(source), "-o", str(out)], capsys)
    assert code == 2 and "OUT.yaml" in err and not out.exists()
