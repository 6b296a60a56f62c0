"""The fast paths of check and export keep their meaning (issue 17).

The model's records are plain slotted classes (reader.core.record) rather than dataclasses,
patterns compile on first use (reader.core.lazyre), and boilerplate rules skip a block by a
quick look at its words before their pattern: each must decide exactly as before.
"""

from __future__ import annotations

import copy
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import seed
from reader.core.claims import span_words, unsupported_words
from reader.core.lazyre import LazyPattern
from reader.core.model import Article, ArticleMeta, Quote, Scene
from reader.core.record import FrozenError, as_dict, replace


def test_records_compare_hash_and_print_by_their_fields():
    a = Quote("q1", "s1", "ann", "It rained.")
    b = Quote("q1", "s1", "ann", "It rained.", within=None)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Quote("q1", "s1", "ann", "It poured.")
    assert a != ("q1", "s1", "ann", "It rained.", None)
    assert repr(a) == "Quote(id='q1', scene='s1', speaker='ann', text='It rained.', within=None)"


def test_records_are_frozen_and_copy_through_their_init():
    scene = Scene("s1", None, None, "Rain", ("It rained.",))
    with pytest.raises(FrozenError):
        scene.title = "Sun"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del scene.title
    assert copy.deepcopy(scene) == scene and pickle.loads(pickle.dumps(scene)) == scene
    assert replace(scene, title="Sun").title == "Sun" and scene.title == "Rain"
    with pytest.raises(TypeError):
        replace(scene, colour="red")
    assert as_dict(scene)["paragraphs"] == ("It rained.",)


def test_an_article_is_equal_wherever_it_was_read_from():
    meta = ArticleMeta("a", "A", "AP", "2025-01-01")
    one = Article(meta, (), (), (), (), path="/one.yaml")
    other = replace(one, path="/other.yaml")
    assert one == other and hash(one) == hash(other)
    assert one.speaker_by_id == {}  # the indexes are cached per instance, beside the slots


def test_a_lazy_pattern_matches_as_the_compiled_one():
    lazy, eager = LazyPattern(r"\b(\w+)ed\b", re.I), re.compile(r"\b(\w+)ed\b", re.I)
    text = "She Walked and talked, then RESTED."
    assert lazy.pattern == eager.pattern and lazy._compiled is None  # the source needs no compile
    assert [m.group(1) for m in lazy.finditer(text)] == [m.group(1) for m in eager.finditer(text)]
    assert lazy.findall(text) == eager.findall(text) and lazy.sub("X", text) == eager.sub("X", text)
    assert bool(lazy.search(text)) and lazy.match(text) is None and lazy.fullmatch("jumped") is not None


_RULES = [rule for rule in seed.BOILERPLATE if rule.starts is not None or rule.needs is not None]
# the words the rules look for, case variants, and characters re.I folds to ASCII (İ ı ſ K)
_PIECES = sorted({w for rule in _RULES for w in re.findall(r"[A-Za-z©]+(?: [a-z]+)?", rule.markers.pattern)}) + [
    "Jane Roe", "2024", "5", ":", "|", "—", "“", "ſ", "ı", "İ", "\u212a", "٣", "\n", "Updated", "By", "The",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=7), st.sampled_from(["as is", "upper", "title"]))
def test_the_quick_look_never_skips_a_block_a_rule_would_take(pieces: list[str], case: str):
    block = " ".join(pieces).strip()
    block = block.upper() if case == "upper" else block.title() if case == "title" else block
    for rule in _RULES:
        takes = len({m.group(0).lower() for m in rule.markers.finditer(block)}) >= rule.min_markers
        looks = (rule.starts is None or seed._may_start(block, rule.starts)) and (rule.needs is None or seed._may_hold(block, rule.needs))
        assert looks or not takes, (rule.name, block)


def test_unsupported_words_with_the_span_worked_out_once():
    source = "The 21-year-old soldier, captured in Kursk on January 9, said he had trained for months."
    for value in ("21-year-old", "captured in Kursk", "January 9", "trained for years", "a 22-year-old"):
        assert unsupported_words(value, source) == unsupported_words(value, "", span=span_words(source))
