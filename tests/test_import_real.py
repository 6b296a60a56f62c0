"""`reader import` on real copy: web pages, page furniture, the shared quote finder, speakers, linear time.

Every page and text here is written for these tests, one for each pattern (no corpus text is
copied); tests/test_corpus.py imports the real pages of ../shared/corpus, and benchmarks/import_quality.py
--corpus measures the importer on them.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest
import yaml

from reader.cli import main
from reader.core.attribution import attribute
from reader.core.errors import ContentError
from reader.core.export import to_dict
from reader.core.importer import import_data, import_file
from reader.core.loader import load_article, load_article_text
from reader.core.quotes import find_marked, find_quotations
from reader.core.seed import boilerplate, parse_seed
from reader.core.webpage import looks_like_html, split_authors

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Bridge to close for repairs | The Valley Courier</title>
<meta property="og:title" content="Bridge to close for repairs">
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="2024-05-02T09:00:00+00:00">
<meta name="author" content="Rosa Linde">
<link rel="canonical" href="https://valley-courier.example/news/bridge-to-close">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/contact">Contact Us</a></nav>
<article>
<h1>Bridge to close for repairs</h1>
<p class="byline">By Rosa Linde</p>
<p>The old iron bridge over the Wend will close for six weeks from Monday while crews replace its deck, the county said on Thursday.</p>
<p>“We have patched it for ten years and it cannot be patched again,” said Priya Nair, the county's chief engineer. “The deck is simply worn out.”</p>
<h2>Detours for drivers</h2>
<p>Drivers will be sent through Millbrook, which adds about twelve minutes to the trip to the market town of Aldham.</p>
<p>Local baker Sam Hale, whose van crosses the bridge twice a day, said he had planned for it. “I will leave earlier,” he said. “That is all.”</p>
<p>Her neighbour, the florist Ada Crane, was less calm. “It will cost us our Saturday trade,” she said.</p>
<p>The county expects the bridge to reopen in mid-June, weather permitting, and says the work will cost about £2 million.</p>
</article>
<aside><p>Watch Valley TV</p><p>Sign up for our newsletter to get the news in your inbox</p></aside>
<footer><p>© 2024 The Valley Courier. All rights reserved.</p></footer>
</body></html>
"""


def _import(tmp_path: Path, data: bytes, name: str = "page.html") -> tuple[dict, Path]:
    """Import bytes as `reader import NAME -o out.yaml` does; the scaffold as data and its path."""
    out = tmp_path / "out.yaml"
    imported = import_data(data, name, out)
    assert imported.seed_path is not None and imported.seed_text is not None
    imported.seed_path.write_text(imported.seed_text, encoding="utf-8")
    out.write_text(imported.yaml, encoding="utf-8")
    return yaml.safe_load(imported.yaml), out


def _body(data: dict) -> list[str]:
    """The scaffold's paragraphs in article order."""
    return [p for s in data["scenes"] for p in s["paragraphs"]]


# -- web pages ----------------------------------------------------------------------------------
def test_a_web_page_imports_with_its_body_metadata_and_seed(tmp_path):
    data, out = _import(tmp_path, PAGE.encode())
    article = load_article(out)  # passes `reader check`: the scenes give back the seed beside it
    body = _body(data)
    assert body[0].startswith("The old iron bridge") and body[-1].startswith("The county expects")
    assert "Detours for drivers" in body  # the subhead is a paragraph of its own, not run into the text
    assert not any("Bridge to close" == p for p in body)  # the headline is the title, not body
    assert not any("newsletter" in p or "Watch Valley" in p or "©" in p or "Contact Us" in p for p in body)
    meta = article.meta
    assert (meta.title, meta.source, meta.date) == ("Bridge to close for repairs", "The Valley Courier", "2024-05-02")
    assert meta.authors == ("Rosa Linde",) and meta.url.endswith("/news/bridge-to-close")
    assert meta.title_by == "publisher"
    assert (tmp_path / "out.seed.txt").read_text(encoding="utf-8").startswith("date 2024-05-02")
    exported = to_dict(article)["article"]
    assert exported["authors"] == ["Rosa Linde"] and exported["url"] == meta.url
    assert {"id", "title", "source", "date", "seed"} <= exported.keys()  # the contract only gains keys


def test_pages_are_told_by_content_gzipped_or_not_and_from_standard_input(tmp_path, monkeypatch, capsys):
    assert looks_like_html(PAGE.encode()) and not looks_like_html(b"Just a story.\n\nWith two paragraphs.")
    data, _ = _import(tmp_path, gzip.compress(PAGE.encode()), "page.txt")  # a gzipped page named .txt
    assert data["article"]["title"] == "Bridge to close for repairs"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    assert main(["import", "-", "-o", str(tmp_path / "stdin.yaml")]) == 0
    assert (tmp_path / "stdin.seed.txt").exists()
    assert main(["check", str(tmp_path / "stdin.yaml")]) == 0


def test_a_page_from_another_folder_writes_only_its_text_beside_the_article(tmp_path, capsys):
    (tmp_path / "downloads").mkdir()
    (tmp_path / "drafts").mkdir()
    page = tmp_path / "downloads" / "bridge.html.gz"
    page.write_bytes(gzip.compress(PAGE.encode()))
    out = tmp_path / "drafts" / "bridge.yaml"
    assert main(["import", str(page), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == ["bridge.seed.txt", "bridge.yaml"]  # no copy of the page
    assert "bridge.seed.txt" in said and "copied" not in said
    assert main(["check", str(out)]) == 0


def test_invisible_characters_in_a_page_leave_no_trace_and_the_import_passes_check(tmp_path):
    # found on a real page: a word joiner inside the body made a scaffold that `check` refused
    page = PAGE.replace("The old iron bridge", "The old\u2060 iron\u200b bridge\u202e", 1)
    data, out = _import(tmp_path, page.encode())
    load_article(out)  # passes `reader check`
    assert _body(data)[0].startswith("The old iron bridge")


def test_a_page_needs_an_output_file_for_its_seed(tmp_path, capsys):
    page = tmp_path / "page.htm"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["import", str(page)]) != 0
    err = capsys.readouterr().err
    assert "-o OUT.yaml" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_page_with_no_article_is_a_clear_error(tmp_path):
    with pytest.raises(ContentError, match="no article text"):
        import_data(b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>", "empty.html", tmp_path / "o.yaml")


def test_bylines_are_split_into_people_in_normal_capitals():
    assert split_authors("JANE ROE; JOHN MCBRIDE Associated Press") == ["Jane Roe", "John McBride"]
    assert split_authors("By Ann Lee and Bo Chan") == ["Ann Lee", "Bo Chan"]
    assert split_authors("Associated Press") == ["Associated Press"]
    assert split_authors("Kim Ode November 19, 2019 6:12 PM EST") == ["Kim Ode"]


# -- page furniture in pasted text ----------------------------------------------------------------
@pytest.mark.parametrize("block", [
    "Watch CBS News", "WATCH: The vote in full", "Contact Us", "Related: Council delays the vote", "MORE TOP STORIES",
    "Join the discussion", "Accessibility links", "© 2024 The Valley Courier. All rights reserved.", "Share Tweet Email",
    "Download the Courier app for breaking news", "By Rosa Linde and Sam Ortiz, Valley Courier",
    "Published 6:42 p.m. ET May 2, 2024 | Updated 9:04 p.m. ET May 2, 2024", "Image copyright Getty Images",
])
def test_page_furniture_is_dropped_by_a_named_rule(block):
    rule = boilerplate(block)
    assert rule is not None and rule.reason


@pytest.mark.parametrize("block", [
    "By Tuesday, the council had voted.", "Watch out for ice on the bridge, the county said.", "More than 100 people came.",
    "Share prices fell 3% on Tuesday.", "Comments from the mayor drew anger.", "The newsletter, with 10,000 readers, folded.",
    "May 2, 2024 was the wettest day of the year.",
])
def test_body_sentences_that_look_like_furniture_are_kept(block):
    assert boilerplate(block) is None


def test_pasted_copy_keeps_furniture_out_of_the_title_and_lists_it(tmp_path):
    source = tmp_path / "pasted.txt"
    source.write_text(
        "Accessibility links\n\nWatch CBS News\n\nFerry fares to rise in June\n\nBy Rosa Linde\n\n"
        "Ferry fares will rise by a fifth in June, the operator said.\n\n“We held them for four years,” said Tom Bye, "
        "its director.\n\n© 2024 The Valley Courier. All rights reserved.\n", encoding="utf-8")
    data = yaml.safe_load(import_file(source, tmp_path / "pasted.yaml"))
    assert data["article"]["title"] == "Ferry fares to rise in June"
    assert data["article"]["title_by"] == "importer"  # a machine-made title says so
    assert data["article"]["authors"] == ["Rosa Linde"] and data["article"]["source"] == "The Valley Courier"
    dropped = [n["rule"] for n in data["review"] if n["rule"].startswith("dropped")]
    assert len(dropped) == 4 and any("byline" in r for r in dropped)
    assert _body(data)[-1].startswith("“We held them")  # no body paragraph lost


# -- one quote finder, shared with `reader check` -------------------------------------------------
def _kinds(paragraph: str) -> list[tuple[str, str]]:
    return [(q.text, q.kind) for q in find_marked(paragraph)]


def test_a_closing_mark_with_no_opening_mark_closes_a_quote_from_the_paragraph_start():
    assert [q.text for q in find_quotations("We will win on Saturday,” the captain said.")] == ["We will win on Saturday,"]


def test_a_nickname_in_marks_is_a_name():
    assert _kinds('Candido "Pop" Badua, 91, still drives the bus.') == [("Pop", "name")]


def test_straight_single_marks_as_outer_marks():
    assert [q.text for q in find_quotations("'We will not move,' said the shopkeeper. It's the '90s all over.")] == ["We will not move,"]


def test_one_to_three_words_in_the_reporters_sentence_are_scare_quotes_unless_a_whole_utterance():
    assert _kinds('He called the vote "improper." It passed.') == [("improper.", "scare")]
    assert _kinds('"That\'s correct," the clerk said.')[0][1] == "quote"
    assert _kinds("I said, ‘I want more.’")[0][1] == "quote"
    assert _kinds('Fans want "a fundamental human right" respected.')[0][1] == "quote"  # four words: a partial quote


def test_nested_quotes_are_recorded_inside_their_outer_quote(tmp_path):
    source = tmp_path / "nested.txt"
    source.write_text("“Then the driver shouted, ‘Get off the bridge now,’ and we ran,” said Ada Crane.\n", encoding="utf-8")
    out = tmp_path / "nested.yaml"
    out.write_text(import_file(source, out), encoding="utf-8")
    article = load_article(out)
    outer, inner = article.quotes
    assert inner.within == outer.id and outer.within is None
    assert inner.text == "Get off the bridge now" and article.speaker_by_id[inner.speaker].name == "Driver"
    assert to_dict(article)["quotes"][1]["within"] == outer.id


def test_within_must_name_the_quote_it_sits_in(tmp_path):
    text = (
        "article: {id: a, title: T, source: S, date: '2024-01-01'}\nspeakers: [{id: s, name: S, role: r}]\n"
        "narratives: []\nbeats: []\nscenes: [{id: x, title: X, paragraphs: ['“A ‘b c d e’ f,” S said.']}]\n"
        "quotes: [{id: q1, scene: x, speaker: s, text: 'A ‘b c d e’ f,'}, {id: q2, scene: x, speaker: s, text: 'b c d e', within: q9}]\n"
    )
    with pytest.raises(ContentError, match="'within' names no other quote"):
        load_article_text(text, "a.yaml")


def test_the_check_sees_a_quotation_in_straight_single_marks(tmp_path):
    text = (
        "article: {id: a, title: T, source: S, date: '2024-01-01'}\nspeakers: []\nnarratives: []\nbeats: []\n"
        "scenes: [{id: x, title: X, paragraphs: [\"'We will not move,' said the shopkeeper.\"]}]\nquotes: []\n"
    )
    with pytest.raises(ContentError, match="not in the quotes list"):
        load_article_text(text, "a.yaml")


def test_empty_marks_give_a_scaffold_that_passes_check(tmp_path):
    source = tmp_path / "empty.txt"
    source.write_text('He said "" and left.\n', encoding="utf-8")
    out = tmp_path / "empty.yaml"
    out.write_text(import_file(source, out), encoding="utf-8")
    assert main(["check", str(out)]) == 0


# -- speakers ------------------------------------------------------------------------------------
def _speakers(*paragraphs: str) -> list[tuple[str, str]]:
    return [(g.speaker.name, g.speaker.role) for g in attribute(paragraphs)]


def test_an_epithet_is_the_person_it_describes():
    got = _speakers("Coach Dana Reyes watched the last drive from the sideline.", "“We made it hard on ourselves,” the fifth-year coach said.")
    assert got[0][0] == "Dana Reyes"


def test_a_descriptor_and_a_first_name_are_the_named_person():
    got = _speakers("Hannah Price, 9, raised the money herself.", "“I wanted to help,” heartbroken Hannah said.")
    assert got[0][0] == "Hannah Price"


def test_a_name_after_a_descriptor_carries_it_as_the_role_and_takes_he_said():
    got = _speakers("Local cyclist Ben Ortiz rides the road every day. He was hit by a van in May.", "“The lane would have saved me,” he said.")
    assert got == [("Ben Ortiz", "Local cyclist")]
    got = _speakers("Her neighbour, the florist Ada Crane, disagreed. “It will cost us our trade,” she said.")
    assert got == [("Ada Crane", "the florist")]


def test_he_said_goes_to_the_subject_not_the_last_name_mentioned():
    got = _speakers("Jon Pike, who represents Lee Marsh, declined to say whether Marsh slept on duty. "
                    "“When the evidence is heard,” he said, “you will see.”")
    assert [g[0] for g in got] == ["Jon Pike", "Jon Pike"]


def test_a_participle_goes_to_the_clauses_subject():
    got = _speakers("After the hearing, Kate Moss issued a statement, saying, “We will restore trust in the service.”")
    assert got[0][0] == "Kate Moss"


def test_a_narration_sentence_never_becomes_a_speaker():
    names = {n for n, _ in _speakers("Ann Lee met Tom Berg on Friday. She said the train was late.", "“We waited an hour,” she said.")}
    assert not names & {"She", "Friday She"}


def test_one_person_is_one_speaker_whatever_the_sentence_opens_with():
    got = _speakers("Gordon Vale, the envoy, testified on Tuesday.",
                    "Yet Vale has changed his story once — “I now do recall,” he said.", "“I was wrong,” Vale said Tuesday.")
    assert {n for n, _ in got} == {"Gordon Vale"}


def test_a_role_comes_from_the_text():
    assert _speakers("Sudell Ward councillor Amir Khan voted no.", "“It is a mistake,” Khan said.") == [("Amir Khan", "Sudell Ward councillor")]
    assert _speakers("Vanzant's father, Mike Vanzant, spoke first. “He was loved,” Mike Vanzant said.")[0][1] == "Vanzant's father"


def test_a_party_and_state_beside_a_name_are_not_the_speaker():
    assert _speakers('Sen. Ben Moss, R-Neb., called it "a crisis of public trust" on Tuesday.')[0][0] == "Ben Moss"


def test_guesses_that_are_guesses_need_review(tmp_path):
    source = tmp_path / "guess.txt"
    source.write_text("The meeting ran late.\n\n“Nobody listened to us,” one said.\n\n“It was a waste of an evening.”\n", encoding="utf-8")
    data = yaml.safe_load(import_file(source, tmp_path / "guess.yaml"))
    reviews = [q["review"] for q in data["quotes"]]
    assert all(0 <= r["confidence"] <= 1 and r["rule"] for r in reviews)
    assert reviews[-1]["needs_review"]  # a floating quote is a guess


# -- linear time (measured as a ratio, never against a wall clock) ---------------------------------
def _long_paragraph(n: int) -> str:
    unit = ("“We have waited long enough,” said Ana Ruiz, who runs the bakery. Her neighbour, the florist Tom Ashby, "
            "disagreed. “It will cost us,” he said. Officials said the work would take eight months. ")
    return unit * n


def test_a_long_single_paragraph_imports_in_linear_time(tmp_path):
    import time

    times = []
    for n in (100, 400):
        source = tmp_path / f"long{n}.txt"
        source.write_text(_long_paragraph(n), encoding="utf-8")
        runs = []
        for _ in range(3):  # the best of three: the other tests share the cores
            t0 = time.perf_counter()
            import_file(source, tmp_path / "long.yaml")
            runs.append(time.perf_counter() - t0)
        times.append(min(runs))
    # four times the text: at most about four times the work (a quadratic import would take 16x)
    assert times[1] / times[0] < 8, times


def test_the_export_gains_keys_only(tmp_path):
    data, out = _import(tmp_path, PAGE.encode())
    exported = json.loads(json.dumps(to_dict(load_article(out))))
    assert {"id", "scene", "speaker", "text", "within"} == set(exported["quotes"][0])


def test_a_photo_caption_with_its_credit_is_a_figure_not_body():
    seed = parse_seed("The bridge closes on Monday.\n\nA crane lifts the old deck off the Wend bridge. (AP Photo/Jane Roe)\n\n"
                      "Drivers will be sent through Millbrook.\n")
    assert seed.paragraphs == ("The bridge closes on Monday.", "Drivers will be sent through Millbrook.")
    assert [(f.caption, f.credit, f.after) for f in seed.figures] == [("A crane lifts the old deck off the Wend bridge.", "AP Photo/Jane Roe", 1)]


def test_a_broken_or_oversized_gzip_is_a_clear_error(tmp_path, monkeypatch):
    packed = gzip.compress(PAGE.encode())
    with pytest.raises(ContentError, match="cannot be unpacked"):
        import_data(packed[: len(packed) // 2], "cut.html.gz", tmp_path / "o.yaml")
    monkeypatch.setenv("READER_MAX_BYTES", "1000")
    with pytest.raises(ContentError, match="byte cap"):
        import_data(gzip.compress(b"x" * 5000), "big.gz", tmp_path / "o.yaml")


FIGURE_PAGE = PAGE.replace(
    "<h2>Detours for drivers</h2>",
    '<figure><img src="bridge.jpg" alt=""><figcaption>The bridge from the east bank in April. '
    '<span class="credit">Rosa Linde/Valley Courier</span></figcaption></figure>\n<h2>Detours for drivers</h2>',
)


def test_a_page_figure_is_a_figure_with_its_credit_where_it_stands(tmp_path):
    data, out = _import(tmp_path, FIGURE_PAGE.encode())
    load_article(out)
    figures = [(f, s) for s in data["scenes"] for f in s.get("figures", [])]
    assert [(f["caption"], f["credit"]) for f, _ in figures] == [("The bridge from the east bank in April.", "Rosa Linde/Valley Courier")]
    body = _body(data)
    assert not any("east bank" in p for p in body)
    scene = figures[0][1]
    assert scene["paragraphs"][figures[0][0]["after"] - 1].startswith("“We have patched it")  # after the paragraph before it
