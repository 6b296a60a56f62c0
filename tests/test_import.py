"""`reader import`: seeds in both shapes, boilerplate rules, every quote and speaker pattern, the scaffold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reader.cli import main
from reader.core.attribution import attribute
from reader.core.importer import build_scaffold, import_file, seed_reference
from reader.core.loader import load_article
from reader.core.quotes import core, find_marked, find_quotations
from reader.core.seed import parse_seed

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_70fa68d05498e722.txt"
BUNDLED = ROOT / "content" / "kursk-captures.yaml"


def quotes(paragraph: str) -> list[str]:
    """The words of every direct quotation of a paragraph, as a quote's text is written."""
    return [core(q.text) for q in find_quotations(paragraph)]


def who(*paragraphs: str) -> list[tuple[str, str, str]]:
    """(quote, speaker name, rule) for every quotation of a little article."""
    return [(g.text, g.speaker.name, g.rule) for g in attribute(paragraphs)]


@pytest.fixture(autouse=True)
def seeds_in_the_checkout(monkeypatch):
    """Scaffolds written to tmp_path name the checkout's seeds: the user allows that folder (SECURITY.md)."""
    monkeypatch.setenv("READER_SEED_DIRS", str(ROOT))


# -- the seed: both shapes, boilerplate with reasons ---------------------------------------------
def test_blank_line_seed_is_read_as_before(seed):
    assert seed.shape == "blank-line"
    assert (len(seed.paragraphs), len(seed.figures), seed.date) == (43, 2, "2025-02-05")
    assert seed.dropped[0].startswith("Your support helps us")


def test_one_paragraph_per_line_is_read_line_by_line():
    seed = parse_seed("date 2024-06-12\nFirst paragraph.\n“A quote,” she said.\nRead more: other news\n")
    assert seed.shape == "one-per-line"
    assert seed.date == "2024-06-12"
    assert seed.paragraphs == ("First paragraph.", "“A quote,” she said.")


def test_boilerplate_is_dropped_with_the_rule_and_reason():
    text = "\n\n".join([
        "Support independent journalism. Donate today and keep our reporting free.",
        "The council met on Tuesday.",
        "Sign up for our weekly newsletter",
        "Read more: How volunteers rebuilt a school",
        "Copyright 2024 Gazette. All rights reserved.",
    ])
    seed = parse_seed(text)
    assert seed.paragraphs == ("The council met on Tuesday.",)
    why = [w for kind, _, w in seed.blocks if kind == "dropped"]
    assert [w.split(":")[0] for w in why] == ["donation appeal", "subscription appeal", "related link", "page furniture"]
    assert all("not part of the report" in w for w in why)


def test_reporting_that_mentions_a_newsletter_or_a_donation_is_kept():
    body = ["She founded a newsletter for veterans in 2019.", "The donation paid for a new roof, the priest said."]
    assert parse_seed("\n\n".join(body)).paragraphs == tuple(body)


def test_gallery_captions_become_figures_with_their_credit():
    seed = parse_seed("One.\n\nopen image in gallery Sandbags by the abbey. (Ben Birchall/PA)\n\nTwo.")
    assert [(f.caption, f.credit, f.after) for f in seed.figures] == [("Sandbags by the abbey.", "Ben Birchall/PA", 1)]
    assert seed.paragraphs == ("One.", "Two.")


# -- quotes ---------------------------------------------------------------------------------
def test_quotes_in_the_seed_are_the_bundled_articles_quotes(seed):
    article = load_article(BUNDLED)
    found = [text for p in seed.paragraphs for text in quotes(p)]
    assert found == [q.text for q in article.quotes]


def test_curly_marks():
    assert quotes("“They were likely abandoned,” said a soldier.") == ["They were likely abandoned"]


def test_straight_marks():
    assert quotes('"We will keep one lane open," he said.') == ["We will keep one lane open"]


def test_mismatched_pair_curly_open_straight_close():
    para = '“Their assaults are massive,” Didorchuk said. “They’re tough because they rely on sheer numbers"'
    assert quotes(para) == ["Their assaults are massive", "They’re tough because they rely on sheer numbers"]


def test_quotes_nested_in_single_marks():
    assert quotes("“He called us ‘brothers.’”") == ["He called us ‘brothers.’", "brothers."]
    assert quotes("\"My customers ask me, 'Where do I park?'\" Reyes said.") == [
        "My customers ask me, 'Where do I park?'", "Where do I park?"]
    # an apostrophe inside the nested words does not close them
    assert quotes("“I told him, ‘Don’t move,’” he said.")[1] == "Don’t move"


def test_quote_spanning_several_sentences():
    para = "“Nobody knew who he was. The order was to intercept him. We did.” Didorchuk said."
    assert quotes(para) == ["Nobody knew who he was. The order was to intercept him. We did."]


def test_quote_left_open_runs_on_into_the_next_paragraph():
    first, second = "“You hold on to the chimney,” he said. “You count the hours.", "“Then my brother sang.”"
    found = find_quotations(first)
    assert [q.closed for q in found] == [True, False]
    assert found[-1].text == "You count the hours."
    assert quotes(second) == ["Then my brother sang."]


def test_an_inch_mark_is_not_a_quotation_mark():
    assert quotes('He bought a 12" pipe. "Fine," she said.') == ["Fine"]


def test_other_quote_styles():
    assert quotes("‘We’ve been here before,’ said a volunteer.") == ["We’ve been here before"]
    assert quotes("«He said, „The track sounds wrong.“ Then nothing.»") == [
        "He said, „The track sounds wrong.“ Then nothing.", "The track sounds wrong."]


def test_scare_quotes_are_left_out():
    assert quotes("She lives in one of the so-called “temporary” shelters.") == []
    assert quotes("Whitfield said the so-called \"road diet\" would push traffic away.") == []
    assert quotes("‘We’ve had “once in a century” floods three times,’ he said.") == [
        "We’ve had “once in a century” floods three times"]
    assert [q.kind for q in find_marked("one of the so-called “temporary” shelters")] == ["scare"]


def test_titles_are_left_out():
    assert quotes('The plan follows a city report, "Streets for People," which found that trips are short.') == []
    assert quotes("A band played “Home on the Range” for evacuees.") == []


def test_partial_quotes_with_a_speech_verb_are_quotes():
    assert quotes("Roche called the charge «a fiction built after the fact».") == ["a fiction built after the fact"]


# -- speakers ---------------------------------------------------------------------------------
def test_x_said():
    assert who("“Their assaults are massive,” Didorchuk said.") == [("Their assaults are massive", "Didorchuk", "cue-after")]


def test_said_x():
    got = who("“This is the most important vote,” said Mayor Jane Ortiz, who has pushed for the lane.")
    assert got == [("This is the most important vote", "Jane Ortiz", "cue-after")]


def test_recalled_x_with_role_from_the_appositive():
    guesses = attribute(["“The battle was intense,” recalled 27-year-old paratrooper Maksym Didorchuk."])
    assert guesses[0].speaker.name == "Maksym Didorchuk"
    assert guesses[0].speaker.role == "27-year-old paratrooper"


def test_x_told():
    got = who("“I thought the water would stop,” Hnatiuk told me. “It did not.”")
    assert got == [("I thought the water would stop", "Hnatiuk", "cue-after"), ("It did not.", "Hnatiuk", "same-paragraph")]


def test_according_to_x():
    guesses = attribute(['"The numbers are not ambiguous," according to Luis Alvarez, the city\'s transportation director.'])
    assert (guesses[0].speaker.name, guesses[0].rule) == ("Luis Alvarez", "according-to")
    assert guesses[0].speaker.role == "the city's transportation director"


def test_cue_before_the_quote():
    got = who("In a post on social media, Gov. Alan Brooks wrote: “We will help you rebuild.”")
    assert got == [("We will help you rebuild.", "Alan Brooks", "cue-before")]


def test_descriptive_speaker_then_the_soldier():
    guesses = attribute([
        "“They were likely abandoned,” said a Ukrainian soldier who participated in the mission and spoke to the AP.",
        "“Koreans are incredibly tough,” the soldier said.",
    ])
    soldier = guesses[0].speaker
    assert (soldier.name, soldier.anonymous) == ("Ukrainian soldier", True)
    assert soldier.role == "a Ukrainian soldier who participated in the mission"
    assert guesses[1].speaker is soldier


def test_pronoun_takes_the_last_person_whose_gender_fits():
    guesses = attribute([
        "Olena Kovalenko, 68, stayed. Her neighbour, Petro Hnatiuk, 71, went back for his brother.",
        "“We had ten minutes,” she said.",
        "“I took the cat,” Kovalenko said.",
        "“It did not stop,” he said.",
    ])
    # she is not Hnatiuk, whom "his brother" showed to be a he, though he was named last
    assert [g.speaker.name for g in guesses] == ["Olena Kovalenko", "Olena Kovalenko", "Petro Hnatiuk"]
    assert guesses[0].speaker.role == "68" and guesses[2].speaker.role == "Her neighbour, 71"


def test_floating_quote_takes_the_last_attributed_speaker():
    got = who(
        "“He was zigzagging,” Didorchuk said.",
        "The soldier’s arm was wounded, and his jaw bandaged.",
        "“He didn’t seem to know where he was going.”",
    )
    assert got[-1] == ("He didn’t seem to know where he was going.", "Didorchuk", "floating")


def test_quote_after_narration_that_says_who_speaks():
    got = who("“We found out from a press release,” the engineer said.", "Raman says she understands.", "“The lawyers would not let me.”")
    assert got[-1] == ("The lawyers would not let me.", "Raman", "after-narration")


def test_speaker_introduced_after_the_quote():
    got = who("“We had ten minutes to leave.”", "That is how Olena Kovalenko, a retired teacher, remembers the night.")
    assert got == [("We had ten minutes to leave.", "Olena Kovalenko", "introduced-after")]


def test_quote_running_across_paragraphs_takes_the_speaker_named_in_it():
    got = who("“Afraid? There was no time,” he said. “You hold on.", "“On the second night my brother sang.”")
    assert got[-1][2] == "continued-quote"
    got = who("Petro Hnatiuk, 71, stayed.", "“You hold on to the chimney.", "“Then my brother sang,” Hnatiuk said.")
    assert [(name, rule) for _, name, rule in got] == [("Petro Hnatiuk", "continued-quote"), ("Petro Hnatiuk", "cue-after")]


def test_names_of_one_person_merge_into_one_speaker():
    guesses = attribute([
        "“The battle was intense,” recalled 27-year-old paratrooper Maksym Didorchuk.",
        "“They are tough,” Didorchuk said.",
        "\"They follow orders,\" and never retreat, he said.",
    ])
    assert len({id(g.speaker) for g in guesses}) == 1
    speaker = guesses[0].speaker
    assert speaker.mentions == ["27-year-old paratrooper Maksym Didorchuk", "Didorchuk", "he"]
    assert speaker.role == "27-year-old paratrooper"


def test_words_reported_inside_a_quote_get_their_own_speaker():
    guesses = attribute(["‘My husband said, “We’ll be fine,”’ recalled Margaret Ellis, 81."])
    assert [(g.speaker.name, g.rule) for g in guesses] == [("Margaret Ellis", "cue-after"), ("Husband", "reported-named")]


def test_words_reported_by_the_speaker_themself_are_theirs():
    guesses = attribute(["“I told him, ‘Everything will be fine,’” the soldier said."])
    assert guesses[1].speaker is guesses[0].speaker
    assert guesses[1].rule == "reported-self"


def test_he_inside_a_quote_is_the_last_other_person_mentioned():
    guesses = attribute([
        "The Ukrainian soldier tried to talk with the captured man.",
        "“He called us ‘brothers.’” the Ukrainian soldier said.",
    ])
    assert (guesses[1].text, guesses[1].speaker.name, guesses[1].rule) == ("brothers.", "Captured man", "reported-pronoun")
    assert guesses[1].needs_review


def test_what_cannot_be_attributed_is_unknown_and_marked_for_review():
    guesses = attribute(["The river rose overnight.", "“Nobody told us anything.”"])
    assert (guesses[0].speaker.name, guesses[0].rule, guesses[0].needs_review) == ("Unknown speaker", "unattributed", True)


# -- the scaffold -----------------------------------------------------------------------------
@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """The seed imported into a folder of its own, as `reader import` writes it."""
    out = tmp_path / "drafts" / "kursk.yaml"
    out.parent.mkdir()
    out.write_text(import_file(SEED, out), encoding="utf-8")
    return out


def test_seed_round_trip_passes_every_check(imported, seed):
    article = load_article(imported)
    assert [p for s in article.scenes for p in s.paragraphs] == list(seed.paragraphs)
    assert sum(len(s.figures) for s in article.scenes) == 2
    assert len(article.quotes) == 24
    assert article.meta.date == "2025-02-05"
    assert {s.name for s in article.speakers} == {"Ukrainian soldier", "Maksym Didorchuk", "Captured man"}


def test_seed_is_referred_to_relative_to_the_article():
    data = yaml.safe_load(Path(ROOT / "content" / "kursk-captures.yaml").read_text(encoding="utf-8"))
    assert seed_reference(SEED, BUNDLED) == data["article"]["seed"]
    assert seed_reference(SEED, None) == SEED.resolve().as_posix()


def test_every_guess_carries_its_rule_and_confidence(imported):
    data = yaml.safe_load(imported.read_text(encoding="utf-8"))
    records = data["speakers"] + data["scenes"] + data["quotes"] + data["narratives"] + data["beats"] + data["facts"] + [data["article"]]
    for record in records:
        assert record["review"]["rule"] and 0 <= record["review"]["confidence"] <= 1
    assert any("donation appeal" in note["rule"] for note in data["review"])
    # storylines and beats are proposed (issue 14), no longer placeholders
    assert not any(n["title"].startswith("TODO") for n in data["narratives"] + data["beats"])
    assert all(scene["beat"] is not None for scene in data["scenes"])


def test_scenes_are_proposed_at_changes_of_time_and_speaker(seed):
    data = build_scaffold(seed, seed_ref="x.txt", article_id="x")
    rules = [scene["review"]["rule"] for scene in data["scenes"]]
    assert any("On the same day" in r for r in rules)
    firsts = [scene["paragraphs"][0] for scene in data["scenes"]]
    # a quote is never cut from the paragraph before it that it needs (the floating quote)
    assert "“He didn’t seem to know where he was going.”" not in firsts


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "benchmarks" / "import_corpus").glob("*.txt")))
def test_every_benchmark_article_imports_and_loads(tmp_path, name):
    source = ROOT / "benchmarks" / "import_corpus" / f"{name}.txt"
    out = tmp_path / f"{name}.yaml"
    out.write_text(import_file(source, out), encoding="utf-8")
    assert load_article(out).quotes


# -- the command ------------------------------------------------------------------------------
def test_cli_writes_a_scaffold_that_reader_check_accepts(tmp_path, capsys):
    out = tmp_path / "kursk.yaml"
    assert main(["import", str(SEED), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    assert "ok" in capsys.readouterr().out


def test_cli_prints_to_stdout_with_an_absolute_seed_path(capsys):
    assert main(["import", str(SEED)]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["article"]["seed"] == SEED.resolve().as_posix()


def test_cli_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "kursk.yaml"
    out.write_text("keep me", encoding="utf-8")
    assert main(["import", str(SEED), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["import", str(SEED), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# A scaffold")


@pytest.mark.parametrize("args, message", [
    (["import", "no-such.txt"], "no such file"),
    (["import", "."], "is a folder"),
    (["import", str(SEED), "-o", "/no/such/folder/out.yaml"], "does not exist"),
])
def test_cli_usage_errors(args, message, capsys):
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_a_source_without_body_text_is_refused(tmp_path, capsys):
    source = tmp_path / "appeal.txt"
    source.write_text("Read more\n\nSign up for our newsletter\n", encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "out.yaml")]) == 1
    assert "has no body text to import (2 blocks of boilerplate)" in capsys.readouterr().err
    assert not (tmp_path / "out.yaml").exists()


def test_importer_never_imports_textual():
    code = "import sys, reader.core.importer, reader.core.attribution; sys.exit('textual' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT).returncode == 0


async def test_the_scaffold_opens_in_the_reader(imported):
    from reader.ui.app import ReaderApp

    app = ReaderApp(load_article(imported))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right", "right", "left")
        await pilot.pause()
        assert app.article.meta.id == "kursk"
