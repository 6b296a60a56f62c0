"""Finding one's way through the bundled article, worked out without a screen (reader/core/navigation.py)."""

from __future__ import annotations

from reader.core import navigation as nav
from reader.core.model import Span
from reader.core.navigation import SceneTarget, StepTarget

FIRST, UNDER_FIRE, LAST = 0, 7, 10  # the lede, the beat the paratroopers have nothing at, the interrogation


def test_which_narratives_have_a_scene_at_a_step(article):
    assert nav.narratives_at(article, FIRST) == ()
    assert nav.narratives_at(article, 1) == ("gray-zone", "paratroopers")
    assert nav.narratives_at(article, UNDER_FIRE) == ("gray-zone",)
    assert nav.narratives_at(article, LAST) == ()


def test_a_step_index_is_kept_inside_the_article(article):
    assert nav.clamp(article, -3) == 0
    assert nav.clamp(article, 4) == 4
    assert nav.clamp(article, 99) == len(article.steps) - 1


def test_the_next_step_where_a_speaker_speaks(article):
    assert nav.step_quoting(article, 0, 1, frozenset({"didorchuk"})) == 1
    assert nav.step_quoting(article, 2, 1, frozenset({"didorchuk"})) == 2  # from `start` on, itself included
    assert nav.step_quoting(article, 6, 1, frozenset({"didorchuk"})) == 8
    assert nav.step_quoting(article, 8, -1, frozenset({"gz-captive"})) == 6
    assert nav.step_quoting(article, 9, 1, frozenset({"didorchuk"})) is None
    assert nav.step_quoting(article, 3, 1, frozenset()) == 4  # no filter: anyone quoted


def test_opening_on_a_speaker_goes_forward_first_then_back(article):
    assert nav.opening_step(article, 0, frozenset({"gz-captive"})) == 6
    assert nav.opening_step(article, LAST, frozenset({"gz-captive"})) == 6  # nothing later: the last before
    assert nav.opening_step(article, 3, frozenset({"nobody"})) == 3  # never quoted: stay


def test_stepping_one_narrative_alone_skips_the_beats_it_has_nothing_at(article):
    assert nav.step_alone(article, "paratroopers", 6, 1) == 8  # over the gray zone's firefight
    assert nav.step_alone(article, "paratroopers", 8, -1) == 6
    assert nav.step_alone(article, "gray-zone", 6, 1) == UNDER_FIRE
    assert nav.step_alone(article, "gray-zone", 1, -1) is None  # the lede is nobody's
    assert nav.step_alone(article, "gray-zone", 9, 1) is None


def test_a_narratives_first_and_last_steps(article):
    assert nav.end_of(article, "paratroopers", "first") == 1
    assert nav.end_of(article, "paratroopers", "last") == 9
    assert nav.end_of(article, "nobody", "last") is None
    assert nav.steps_of(article, "paratroopers") == [1, 2, 3, 4, 5, 6, 8, 9]


def test_the_layout_of_a_step(article):
    assert nav.layout_of(article, FIRST, linked=True) == "-opening"  # the lede, before either storyline
    assert nav.layout_of(article, LAST, linked=True) == "-context-only"  # the interrogation spans the width
    assert nav.layout_of(article, 3, linked=True) == ""
    assert nav.layout_of(article, LAST, linked=False) == ""  # unlinked, the columns stay


def test_position_labels(article):
    step = article.steps[2]
    scenes = step.scenes_of("gray-zone")
    assert nav.position_label(article, "gray-zone", step, scenes, linked=True) == "scene 2 of 9"
    assert nav.position_label(article, "gray-zone", step, scenes, linked=False) == f"{step.title} · scene 2 of 9"
    assert nav.position_label(article, "paratroopers", article.steps[UNDER_FIRE], (), linked=True) == "—"
    assert nav.opening_note(article, "gray-zone") == f"begins at beat 2: {article.steps[1].title}"
    assert nav.opening_note(article, "nobody") == ""


def test_targets_resolve_to_a_step_and_where_to_scroll(article):
    assert nav.resolve(article, StepTarget(99)) == (len(article.steps) - 1, None)
    target = SceneTarget("pt-vehicle", Span(0, 3, 9))
    assert nav.resolve(article, target) == (8, target)
    assert nav.resolve(article, SceneTarget("intro")) == (FIRST, SceneTarget("intro"))
