"""The invariants of DESIGN.md, proven on the bundled article."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest

from reader.core.errors import ContentError
from reader.core.loader import load_article
from reader.core.quotes import core, find_quotations

from .conftest import SEED_PATH

# the seed as shipped in ../shared/seeds; the project's copy must stay byte for byte the same
SEED_SHA256 = hashlib.sha256(SEED_PATH.read_bytes()).hexdigest()


def test_seed_copy_is_unchanged():
    shared = SEED_PATH.parents[2] / "shared" / "seeds" / SEED_PATH.name
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert SEED_PATH.read_bytes() == shared.read_bytes()


def test_seed_has_43_body_paragraphs_two_figures_and_a_date(seed):
    assert len(seed.paragraphs) == 43
    assert len(seed.figures) == 2
    assert seed.date == "2025-02-05"
    assert "Your support helps us" in seed.dropped[0]


def test_scenes_give_back_every_body_paragraph_verbatim_in_order_once(article, seed):
    read = [p for scene in article.scenes for p in scene.paragraphs]
    assert read == list(seed.paragraphs)
    assert all(count == 1 for count in Counter(read).values())


def test_boilerplate_and_captions_are_not_body_text(article):
    body = "\n".join(p for scene in article.scenes for p in scene.paragraphs)
    assert "Your support helps us" not in body
    assert "open image in gallery" not in body


def test_figures_are_the_seed_captions_with_credits_in_place(article, seed):
    figures, count = [], 0
    for scene in article.scenes:
        figures += [(f.caption, f.credit, count + f.after) for f in scene.figures]
        count += len(scene.paragraphs)
    assert figures == [(f.caption, f.credit, f.after) for f in seed.figures]
    assert all(credit == "Ukrainian Presidential Press Office via AP" for _, credit, _ in figures)


def test_article_metadata(article):
    meta = article.meta
    assert meta.date == "2025-02-05"
    assert meta.title_by == "editor"  # the seed gives no headline
    assert meta.seed.endswith("000_70fa68d05498e722.txt")
    assert "Associated Press" in meta.source and meta.publisher == "The Independent"


def test_two_narratives_and_context_scenes(article):
    assert [n.id for n in article.narratives] == ["gray-zone", "paratroopers"]
    context = [s for s in article.scenes if s.narrative is None]
    assert context[0] is article.scenes[0] and context[-1] is article.scenes[-1]
    assert "SBU" in context[-1].paragraphs[0]


def test_at_least_five_beats_have_a_scene_on_each_side(article):
    both = [step for step in article.steps if all(step.scenes_of(n.id) for n in article.narratives)]
    assert len(both) >= 5


def test_each_narrative_reads_in_beat_order(article):
    # stepping beat by beat must never show a narrative's scenes out of article order
    for narrative in article.narratives:
        by_step = [s.id for step in article.steps for s in step.scenes_of(narrative.id)]
        in_article = [s.id for s in article.scenes if s.narrative == narrative.id]
        assert by_step == in_article


def test_every_quote_is_verbatim_in_its_scene_and_attributed(article):
    for quote in article.quotes:
        scene = article.scene_by_id[quote.scene]
        assert any(quote.text in p for p in scene.paragraphs), quote.id
        assert quote.speaker in article.speaker_by_id


def test_every_direct_quotation_in_the_seed_is_listed(article, seed):
    found = [core(q.text) for p in seed.paragraphs for q in find_quotations(p)]
    listed = {q.text for q in article.quotes}
    assert len(found) == 24
    assert set(found) <= listed


def test_words_quoted_inside_a_quote_have_their_own_speaker(article):
    brothers = [q for q in article.quotes if q.text == "brothers."]
    assert len(brothers) == 1
    speaker = article.speaker_by_id[brothers[0].speaker]
    assert speaker.anonymous and "North Korean" in speaker.name


def test_mismatched_quote_marks_are_kept_verbatim(article):
    para = next(p for s in article.scenes for p in s.paragraphs if p.startswith('"They follow orders,"'))
    assert para.startswith('"They follow orders," and never retreat')
    assert any(q.text == "They’re tough because they rely on sheer numbers" for q in article.quotes)


def test_facts_rest_on_verbatim_spans_of_the_seed(article, seed):
    assert len(article.facts) >= 15
    for fact in article.facts:
        assert fact.source in seed.text
        assert any(fact.source in p for p in article.scene_by_id[fact.scene].paragraphs)
    assert {"people", "places", "time", "numbers", "units", "sources"} <= {f.category for f in article.facts}


def test_ids_are_unique_and_references_resolve(article):
    for items in (article.speakers, article.narratives, article.beats, article.scenes, article.quotes, article.facts):
        ids = [i.id for i in items]
        assert len(ids) == len(set(ids))
    for scene in article.scenes:
        assert scene.narrative is None or scene.narrative in article.narrative_by_id
        assert scene.beat is None or scene.beat in article.beat_by_id
    assert all(f.scene in article.scene_by_id for f in article.facts)


# -- the fidelity check fails when the content drifts from the seed ---------------------------


def _problems(write_article, data) -> str:
    with pytest.raises(ContentError) as info:
        load_article(write_article(data))
    return str(info.value)


def test_a_dropped_paragraph_is_caught(article_data, write_article):
    dropped = article_data["scenes"][5]["paragraphs"].pop(0)
    message = _problems(write_article, article_data)
    assert "seed paragraph 12 is missing" in message and dropped[:30] in message


def test_an_altered_paragraph_is_caught_with_where_it_differs(article_data, write_article):
    para = article_data["scenes"][2]["paragraphs"][0]
    article_data["scenes"][2]["paragraphs"][0] = para.replace("barren winter", "barren wintry")
    message = _problems(write_article, article_data)
    assert "differs from seed paragraph 8" in message
    assert "at character" in message and "wintry" in message


def test_a_moved_paragraph_is_caught(article_data, write_article):
    paras = article_data["scenes"][0]["paragraphs"]
    paras[0], paras[1] = paras[1], paras[0]
    message = _problems(write_article, article_data)
    assert "out of order" in message


def test_an_invented_paragraph_is_caught(article_data, write_article):
    article_data["scenes"][1]["paragraphs"].append("An invented paragraph.")
    message = _problems(write_article, article_data)
    assert "not in the seed" in message


def test_a_wrong_date_is_caught(article_data, write_article):
    article_data["article"]["date"] = "2025-02-06"
    assert "differs from the seed's date" in _problems(write_article, article_data)


def test_a_missing_quote_is_caught(article_data, write_article):
    article_data["quotes"] = [q for q in article_data["quotes"] if q["text"] != "brothers."]
    assert "“brothers.” is not in the quotes list" in _problems(write_article, article_data)


def test_an_article_without_seed_skips_the_seed_comparison(article_data, write_article):
    del article_data["article"]["seed"]
    article_data["scenes"][1]["paragraphs"].append("A paragraph of a generated article.")
    loaded = load_article(write_article(article_data))
    assert loaded.meta.seed is None


def test_a_nested_quote_is_listed_once_inside_its_outer_quote(article):
    by_id = article.quote_by_id
    assert by_id["q07"].within == "q06" and by_id["q11"].within == "q10"
    listed = article.listed_once(article.quotes)
    assert "q07" not in {q.id for q in listed} and "q11" not in {q.id for q in listed}
    # the captive's own word still shows when his captor's quote is not in the list (a filter on him)
    assert article.listed_once([by_id["q07"]]) == (by_id["q07"],)
    assert [s.id for s in article.quoting(by_id["q06"])] == ["gz-captive"]
    assert article.quoting(by_id["q10"]) == ()  # his own words quoted back: nobody else's
    assert article.speaker_by_id["gz-captive"].in_sentence.startswith("the North Korean")
