"""Storylines, beats, scenes and facts proposed from the text (issue 14), and the fact rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.core.claims import unsupported_words
from reader.core.errors import ContentError
from reader.core.facts import propose_facts
from reader.core.importer import import_file
from reader.core.loader import load_article, load_article_text
from reader.core.structure import propose_structure

from .conftest import reading

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_70fa68d05498e722.txt"
CORPUS = ROOT / "benchmarks" / "structure_corpus"


@pytest.fixture(autouse=True)
def seeds_in_the_checkout(monkeypatch):
    """Scaffolds written to tmp_path name the checkout's texts: the user allows that folder (SECURITY.md)."""
    monkeypatch.setenv("READER_SEED_DIRS", str(ROOT))


def _data(paragraphs: list[str]) -> dict:
    """Article data as the importer hands it to the pass: one scene, no quotes."""
    return {
        "article": {"id": "t", "title": "t", "source": "t", "date": "undated"},
        "speakers": [], "narratives": [], "beats": [],
        "scenes": [{"id": "s01", "narrative": None, "beat": None, "title": "t", "paragraphs": paragraphs}],
        "quotes": [],
    }


def test_value_that_claims_more_than_its_span_is_caught():
    assert unsupported_words("Wounded arm, bandaged jaw, likely concussion", "The soldier’s arm was wounded, and his jaw bandaged") == ["likely", "concussion"]
    assert unsupported_words("Wounded arm, bandaged jaw", "The soldier’s arm was wounded, and his jaw bandaged") == []
    assert unsupported_words("Two", "two of the North Koreans were killed") == []
    assert unsupported_words("Jan. 9", "during two separate missions on Jan. 9") == []
    assert unsupported_words("Paratrooper, 27", "27-year-old paratrooper Maksym Didorchuk") == []


def test_reader_check_refuses_a_fact_that_says_more_than_its_span():
    bundled = (ROOT / "content" / "kursk-captures.yaml").read_text(encoding="utf-8")
    bad = bundled.replace("value: Wounded arm, bandaged jaw\n", "value: Wounded arm, bandaged jaw, likely concussion\n")
    with pytest.raises(ContentError) as err:
        load_article_text(bad, "k.yaml", check_seed=False)
    assert "'likely', 'concussion' not in" in str(err.value)


def test_according_to_is_a_speaker_or_words_of_the_scene():
    bundled = (ROOT / "content" / "kursk-captures.yaml").read_text(encoding="utf-8")
    article = load_article(ROOT / "content" / "kursk-captures.yaml")
    attributed = {f.id: f.according_to for f in article.facts if f.according_to}
    assert attributed["f25"] == "didorchuk" and "SBU" in attributed["f24"]
    with pytest.raises(ContentError) as err:
        load_article_text(bundled.replace("according_to: didorchuk", "according_to: didorchuck"), "k.yaml", check_seed=False)
    assert "unknown speaker 'didorchuck' (did you mean 'didorchuk'?)" in str(err.value)
    with pytest.raises(ContentError) as err:
        load_article_text(bundled.replace("one of the soldiers, via the SBU", "the Kremlin press office"), "k.yaml", check_seed=False)
    assert "according_to names words its scene does not hold" in str(err.value)


def test_a_single_thread_story_gets_one_storyline():
    paragraphs = [
        "The city council voted on Tuesday to close the Elm Street library, ending a year of protests.",
        "“We have no money left,” said the mayor, Ruth Green.",
        "Meanwhile, the council also approved a new parking plan for the centre.",
        "Green said the library would close in June.",
        "Residents said they would appeal.",
    ]
    out = propose_structure(_data(paragraphs))
    assert len(out["narratives"]) == 1
    assert all(s["narrative"] == "storyline-1" for s in out["scenes"])
    assert [p for s in out["scenes"] for p in s["paragraphs"]] == paragraphs


def test_parallel_threads_with_switch_cues_and_context():
    text = (CORPUS / "two-trials.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    out = propose_structure(_data([p.strip() for p in paragraphs]))
    assert len(out["narratives"]) == 2
    assert out["scenes"][0]["narrative"] is None  # the lede announces the two trials
    for record in out["narratives"] + out["beats"] + out["scenes"] + out["facts"]:
        assert record["review"]["rule"] and 0 <= record["review"]["confidence"] <= 1
    # the scenes of a beat told in alternation sit side by side
    beats = {}
    for s in out["scenes"]:
        beats.setdefault(s["beat"], set()).add(s["narrative"])
    assert sum(len(v) == 2 for v in beats.values()) >= 3


def test_facts_are_verbatim_and_attributed():
    paras = ["The battle was intense, recalled 27-year-old paratrooper Maksym Didorchuk.",
             "His movements were slow, possibly the result of a concussion that lasted two hours, Didorchuk said."]
    facts = propose_facts(paras, {})
    assert any(f.category == "people" and "27-year-old" in f.value for f in facts)
    duration = next(f for f in facts if f.label == "Duration")
    assert duration.source in paras[1] and duration.according_to == "Didorchuk"
    assert all(f.source in paras[f.paragraph] and not unsupported_words(f.value, f.source) for f in facts)


def test_seed_imports_with_two_storylines_side_by_side_and_facts(tmp_path):
    out = tmp_path / "kursk.yaml"
    assert main(["import", str(SEED), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    article = load_article(out)
    assert len(article.narratives) == 2 and len(article.facts) >= 15
    side_by_side = [step for step in article.steps if len({s.narrative for s in step.scenes if s.narrative}) == 2]
    assert len(side_by_side) >= 5
    assert article.scenes[0].narrative is None and article.scenes[-1].narrative is None
    assert any(f.according_to for f in article.facts)


@pytest.mark.parametrize("name", ["two-rescues", "two-trials", "two-campaigns"])
def test_written_parallel_articles_import_and_pass_check(tmp_path, name):
    out = tmp_path / f"{name}.yaml"
    out.write_text(import_file(CORPUS / f"{name}.txt", out), encoding="utf-8")
    assert len(load_article(out).narratives) == 2


@pytest.mark.asyncio
async def test_imported_seed_opens_side_by_side(tmp_path):
    from reader.ui.app import ReaderApp

    out = tmp_path / "kursk.yaml"
    out.write_text(import_file(SEED, out), encoding="utf-8")
    article = load_article(out)
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = reading(app)
        assert screen.query_one("#facts").region.width
        # past the lede, a beat where both storylines have a scene shows them side by side
        both = next(i for i, step in enumerate(article.steps) if len({s.narrative for s in step.scenes} - {None}) == 2)
        screen.action_go_to_step(both)
        await pilot.pause()
        columns = [c for c in screen.query(".column") if c.display and c.region.width]
        assert len(columns) == 2


def test_a_paragraph_returns_to_the_storyline_its_names_belong_to(tmp_path):
    # “On Wednesday, Mendes took her rally …” has no switch cue: her name takes it back to her storyline
    out = tmp_path / "campaigns.yaml"
    out.write_text(import_file(CORPUS / "two-campaigns.txt", out), encoding="utf-8")
    article = load_article(out)
    by_para = [s.narrative for s in article.scenes for _ in s.paragraphs]
    assert by_para[0] is None and by_para[-1] is None  # the lede announcing two candidates, the closing on both
    assert by_para[8] == by_para[2] != by_para[5] == by_para[10]
    assert [n.title for n in article.narratives] == ["Senator Carla Mendes", "Dan Whitlock"]


def test_attribution_by_an_appositive_subject_is_the_texts_words():
    para = ("Ukraine’s SBU security service, which interrogated the POWs, said one carried an ID "
            "in the name of a man from Tuva, a Russian region bordering Mongolia.")
    facts = propose_facts([para], {})
    place = next(f for f in facts if "Tuva" in f.value)
    assert place.according_to == "Ukraine’s SBU security service"


def test_facts_proposed_for_long_paragraphs_stay_linear():
    # counted, not timed: one fact per numbered clause, none lost to the overlap bookkeeping
    para = " ".join(f"{n} soldiers." for n in range(2, 2000))
    assert len(propose_facts([para], {})) == 1998


_WORDS = ["Meanwhile,", "Back at the mill,", "Across town,", "Mendes", "Okafor", "the team", "said", "two", "rescues",
          "another", "fire", "At 9 p.m.,", "When", "the", "both", "one", "the other", "3 soldiers", "were killed", "“Yes,”", "."]


@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14).map(" ".join), min_size=1, max_size=14))
@settings(max_examples=60, deadline=None)
# found by hypothesis: the context passes took the first storyline whole, leaving only thread 1
@example(['Meanwhile, two Across town, Okafor', 'Okafor Meanwhile,', 'Mendes', 'Mendes', 'Back at the mill,', 'Mendes',
          'Mendes Back at the mill,'])
def test_the_pass_loses_nothing_and_every_reference_resolves(paragraphs):
    out = propose_structure(_data(paragraphs))
    assert [p for s in out["scenes"] for p in s["paragraphs"]] == paragraphs
    narratives = {n["id"] for n in out["narratives"]}
    beats = {b["id"] for b in out["beats"]}
    assert narratives and all(s["narrative"] is None or s["narrative"] in narratives for s in out["scenes"])
    assert all(s["beat"] in beats for s in out["scenes"])
    scenes = {s["id"]: s for s in out["scenes"]}
    for f in out["facts"]:
        assert any(f["source"] in p for p in scenes[f["scene"]]["paragraphs"])
        assert not unsupported_words(f["value"], f["source"])
