"""The reading app, driven by Pilot as a person would: keys in, screen contents out."""

from __future__ import annotations

from textual.widgets import Static

from reader.ui.app import ReaderApp
from reader.ui.widgets.scene_view import Paragraph, SceneView, shown

from .conftest import reading


def _texts(app: ReaderApp, selector: str) -> list[str]:
    """The plain text of every paragraph mounted under a selector."""
    return [p.text.plain for p in shown(reading(app).query_one(selector, SceneView), Paragraph)]


def _beat_bar(app: ReaderApp) -> str:
    return str(reading(app).query_one("#beat-bar", Static).render())


async def test_opens_on_the_first_beat_with_the_title(article):
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.title == article.meta.title
        assert "Beat 1 of 11" in _beat_bar(app) and "The first proof" in _beat_bar(app)
        # the opening is the lede across the width, the two storylines introduced side by side below
        assert reading(app).query_one("#body").has_class("-opening")
        assert _texts(app, "#context")[0].startswith("When Ukrainian soldiers captured")
        assert app.focused.id == "context"  # j and k scroll the lede
        for narrative in article.narratives:
            column = reading(app).query_one(f"#col-{narrative.id}")
            assert column.region.width and column.region.y > reading(app).query_one("#context").region.y
            shown = " ".join(str(s.render()) for s in column.query(Static))
            assert narrative.title in shown and narrative.summary in shown and "begins at beat 2" in shown


async def test_the_interrogation_spans_the_width_alone(article):
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G")
        assert reading(app).query_one("#body").has_class("-context-only")
        assert not reading(app).query_one("#columns").region.width and app.focused.id == "context"
        await pilot.press("left")
        assert not reading(app).query_one("#body").classes & {"-context-only", "-opening"}
        assert app.focused.id.startswith("col-")


async def test_a_narrow_opening_gives_the_lede_the_room(article):
    app = ReaderApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert reading(app).query_one("#context").region.height > 12 and not reading(app).query_one("#columns").region.width


async def test_steps_forward_and_back_with_every_key(article):
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        for key, expected in (("right", 1), ("l", 2), ("n", 3), ("space", 4), ("left", 3), ("h", 2), ("p", 1), ("shift+space", 0)):
            await pilot.press(key)
            assert reading(app).step == expected, key
        await pilot.press("right", "right")
        assert "Spotted by a drone" in _beat_bar(app)
        assert _texts(app, "#col-gray-zone")[0].startswith("The team advanced")
        assert _texts(app, "#col-paratroopers")[0].startswith("Around noon")


async def test_g_and_G_go_to_the_ends_and_stepping_stops_there(article):
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G")
        assert "Beat 11 of 11" in _beat_bar(app)
        await pilot.press("right")
        assert reading(app).step == 10
        await pilot.press("g", "left")
        assert reading(app).step == 0


async def test_q_quits(article):
    app = ReaderApp(article)
    async with app.run_test() as pilot:
        await pilot.press("q")
    assert app.return_code == 0
