"""SVG snapshots of the panels and dialogs of issue 16: the who's who, all quotes by beat, a hit in a caption.

Update them with `pytest tests/test_snapshots_panels.py --snapshot-update` after a deliberate change,
and look at them as PNGs before committing.
"""

from __future__ import annotations

from reader.core.loader import load_article
from reader.ui.app import ReaderApp

from .conftest import ARTICLE_PATH

WIDE = (120, 40)


def app() -> ReaderApp:
    """A fresh app on the bundled article that remembers nothing."""
    return ReaderApp(load_article(ARTICLE_PATH), fresh=True, remember=False)


def test_whos_who(snap_compare):
    assert snap_compare(app(), press=["i", "down"], terminal_size=WIDE)


def test_whos_who_small(snap_compare):
    assert snap_compare(app(), press=["i"], terminal_size=(40, 12))


def test_all_quotes_by_beat(snap_compare):
    assert snap_compare(app(), press=["right", "right", "a", "tab", "tab", "down"], terminal_size=WIDE)


def test_hit_in_a_caption(snap_compare):
    assert snap_compare(app(), press=["slash", *"office via ap", "enter"], terminal_size=WIDE)
