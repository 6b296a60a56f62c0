"""The JSON export is a public contract; markdown and text carry the whole story."""

from __future__ import annotations

import json

from reader.core.export import to_dict, to_json, to_markdown, to_text

CONTRACT = {
    "article": {"id", "title", "source", "date", "seed"},
    "speakers": {"id", "name", "role", "anonymous"},
    "narratives": {"id", "title", "summary"},
    "beats": {"id", "title"},
    "scenes": {"id", "narrative", "beat", "title", "paragraphs", "figures"},
    "quotes": {"id", "scene", "speaker", "text"},
    "facts": {"id", "label", "value", "category", "scene", "source"},
}


def test_json_has_every_key_of_the_contract(article):
    data = json.loads(to_json(article))
    assert set(CONTRACT) <= set(data)
    assert CONTRACT["article"] <= set(data["article"])
    for section, keys in CONTRACT.items():
        if section == "article":
            continue
        assert data[section], section
        for item in data[section]:
            assert keys <= set(item), (section, keys - set(item))


def test_json_types_and_order(article, seed):
    data = to_dict(article)
    assert [s["id"] for s in data["scenes"]] == [s.id for s in article.scenes]
    assert data["scenes"][0]["narrative"] is None  # context
    assert all(isinstance(p, str) for s in data["scenes"] for p in s["paragraphs"])
    assert [p for s in data["scenes"] for p in s["paragraphs"]] == list(seed.paragraphs)
    figures = [f for s in data["scenes"] for f in s["figures"]]
    assert [set(f) >= {"caption", "credit"} for f in figures] == [True, True]
    assert all(isinstance(s["anonymous"], bool) for s in data["speakers"])
    assert data["article"]["date"] == "2025-02-05"


def test_json_keeps_unicode_as_is(article):
    assert "Pyongyang’s" in to_json(article)


def test_markdown_has_every_paragraph_quote_and_fact(article, seed):
    md = to_markdown(article)
    assert md.startswith(f"# {article.meta.title}")
    for para in seed.paragraphs:
        assert para in md
    assert md.count("> *Image:*") == 2
    # a quote nested in another is shown once, inside it; whose words it holds is said
    assert "“brothers.” —" not in md and "‘brothers.’” — Ukrainian special forces soldier" in md
    assert "quoting the North Korean captured in the gray zone" in md
    assert "- “Everything will be fine" not in md and md.count("Everything will be fine, you will live.") == 2  # scene, outer quote
    assert md.count("\n| ") >= len(article.facts)


def test_text_is_wrapped_and_complete(article, seed):
    text = to_text(article, width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    flat = " ".join(text.split())
    for para in seed.paragraphs:
        assert " ".join(para.split()) in flat


def test_facts_carry_their_attribution_in_every_export(article):
    data = to_dict(article)
    assert all("according_to" in f for f in data["facts"])  # a key added to the contract, null when none
    by_id = {f["id"]: f for f in data["facts"]}
    assert by_id["f25"]["according_to"] == "didorchuk" and by_id["f01"]["according_to"] is None
    assert "| According to |" in to_markdown(article) and "| Maksym Didorchuk |" in to_markdown(article)
    text = " ".join(to_text(article).split())
    assert "(according to Maksym Didorchuk)" in text and "(according to one of the soldiers, via the SBU)" in text
