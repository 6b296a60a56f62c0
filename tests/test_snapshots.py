"""SVG snapshots of the reading screen's main states at 80x24, 120x40 and 200x50.

Update them with `pytest tests/test_snapshots.py --snapshot-update` after a deliberate change,
and look at the report before committing.
"""

from __future__ import annotations

import pytest

from reader.core.loader import load_article
from reader.ui.app import ReaderApp

from .conftest import ARTICLE_PATH, reading

SIZES = {"80x24": (80, 24), "120x40": (120, 40), "200x50": (200, 50)}


def app(**kwargs) -> ReaderApp:
    """A fresh app on the bundled article."""
    return ReaderApp(load_article(ARTICLE_PATH), **kwargs)


@pytest.mark.parametrize("size", list(SIZES))
def test_side_by_side(snap_compare, size):
    assert snap_compare(app(), press=["right", "right"], terminal_size=SIZES[size])


@pytest.mark.parametrize("size", list(SIZES))
def test_context_beat(snap_compare, size):
    assert snap_compare(app(), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", list(SIZES))
def test_filtered_by_speaker(snap_compare, size):
    assert snap_compare(app(speakers=frozenset({"didorchuk"})), press=["right"], terminal_size=SIZES[size])


@pytest.mark.parametrize("size", ["120x40", "200x50"])
def test_quote_marked(snap_compare, size):
    async def choose(pilot):
        reading(pilot.app).jump_to_quote("q07")
        await pilot.pause()

    assert snap_compare(app(), run_before=choose, terminal_size=SIZES[size])


def test_fact_marked(snap_compare):
    async def choose(pilot):
        reading(pilot.app).jump_to_fact("f23")
        await pilot.pause()

    assert snap_compare(app(), run_before=choose, terminal_size=SIZES["120x40"])


def test_narrow_quotes_overlay(snap_compare):
    assert snap_compare(app(), press=["right", "right", "w"], terminal_size=SIZES["80x24"])


def test_narrow_facts_overlay(snap_compare):
    assert snap_compare(app(), press=["right", "f"], terminal_size=SIZES["80x24"])


def test_speaker_picker(snap_compare):
    assert snap_compare(app(), press=["s", "down", "space"], terminal_size=SIZES["120x40"])


def test_help(snap_compare):
    assert snap_compare(app(), press=["question_mark"], terminal_size=SIZES["80x24"])


def test_nothing_at_this_beat(snap_compare):
    assert snap_compare(app(), press=["G", "left", "left", "left"], terminal_size=SIZES["120x40"])


# -- comforts -------------------------------------------------------------------------------


def test_search_hits(snap_compare):
    assert snap_compare(app(), press=["slash", *"didn't", "enter"], terminal_size=SIZES["120x40"])


def test_outline(snap_compare):
    assert snap_compare(app(), press=["right", "right", "o"], terminal_size=SIZES["120x40"])


def test_source_view(snap_compare):
    assert snap_compare(app(), press=["right", "v"], terminal_size=SIZES["120x40"])


def test_timeline(snap_compare):
    assert snap_compare(app(), press=["t"], terminal_size=SIZES["120x40"])


@pytest.mark.parametrize("size", ["80x24", "120x40"])
def test_about(snap_compare, size):
    assert snap_compare(app(), press=["m"], terminal_size=SIZES[size])


@pytest.mark.parametrize("theme", ["textual-light", "reader-high-contrast"])
def test_themes(snap_compare, theme):
    async def switch(pilot):
        pilot.app.theme = theme
        await pilot.pause()

    assert snap_compare(app(), press=["right", "right"], run_before=switch, terminal_size=SIZES["120x40"])


def test_library(snap_compare, tmp_path):
    import yaml

    from reader.ui.screens.library import read_library

    data = yaml.safe_load(ARTICLE_PATH.read_text(encoding="utf-8"))
    data["article"].pop("seed")
    paths = []
    for name in ("a", "b"):
        data["article"]["id"] = name
        data["article"]["title"] = f"Article {name.upper()}"
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    library = ReaderApp(library=(read_library(paths), "articles"))
    assert snap_compare(library, terminal_size=SIZES["120x40"])


def test_mid_size_columns(snap_compare):
    """110 columns: two columns of 40+ characters, the panels on demand over them."""
    assert snap_compare(app(), press=["right", "right"], terminal_size=(110, 30))


def test_narrow_hidden_storyline(snap_compare):
    """80 columns: the tabs' marks, and the line that points at the storyline behind the other tab."""
    assert snap_compare(app(), press=["right", "right", "right", "right", "right", "right", "right"], terminal_size=SIZES["80x24"])


def test_narrow_opening_introductions(snap_compare):
    """A tall narrow screen: the lede, then both storylines' introductions."""
    assert snap_compare(app(), terminal_size=(80, 50))


@pytest.mark.parametrize("key", ["o", "s", "question_mark", "m"])
def test_dialogs_at_40x12(snap_compare, key):
    assert snap_compare(app(), press=["right", "right", key], terminal_size=(40, 12))


def test_library_narrow_with_a_broken_file(snap_compare, tmp_path):
    import yaml

    from reader.ui.screens.library import read_library

    data = yaml.safe_load(ARTICLE_PATH.read_text(encoding="utf-8"))
    data["article"].pop("seed")
    good = tmp_path / "a.yaml"
    good.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("article: [\n", encoding="utf-8")
    library = ReaderApp(library=(read_library([good, broken]), "articles"))
    assert snap_compare(library, press=["down"], terminal_size=SIZES["80x24"])


# -- reading habits ---------------------------------------------------------------------------


def test_long_column_scrolled_keeps_its_heading(snap_compare):
    # beat 6 in a short window: the heading stays above the scrolled text, the cue and percentage show
    assert snap_compare(app(), press=["g", *["right"] * 5, "j", "j", "j"], terminal_size=(120, 24))


@pytest.mark.parametrize("size", ["80x24", "120x40"])
def test_continuous_view(snap_compare, size):
    # opened at beat 4: its heading at the top, both storylines' scenes under theirs
    assert snap_compare(app(), press=["right", "right", "right", "r", "wait:300"], terminal_size=SIZES[size])
