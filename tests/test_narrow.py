"""Narrow and mid-size screens: the second storyline is never missed, the text keeps its room,
every dialog works at 40x12, and nothing is cut without an ellipsis."""

from __future__ import annotations

import pytest
from textual.widgets import Static, Tab

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import MEASURE_DEFAULT
from reader.ui.widgets.narrow import ElsewhereLine
from reader.ui.widgets.panels import QuotesPanel
from reader.ui.widgets.scene_view import SceneView

from .conftest import reading

NARROW = (80, 24)
BEATS = {"sighting": 2, "words": 5, "under-fire": 7}


def column(app: ReaderApp, narrative: str) -> SceneView:
    return reading(app).query_one(f"#col-{narrative}", SceneView)


def shows(widget) -> bool:
    """On screen: displayed, with a region of its own inside the screen."""
    return bool(widget.display and widget.region.width and widget.region.height)


def notes(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def goto(pilot, step: int) -> None:
    await pilot.press("g", *(["right"] * step))


# -- below 100 columns: the second storyline is not missed ------------------------------------


async def test_the_tabs_mark_which_storylines_have_text_at_this_beat(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=NARROW) as pilot:
        await goto(pilot, BEATS["sighting"])
        gz, pt = (reading(app).query_one(f"#tab-{n}", Tab) for n in ("gray-zone", "paratroopers"))
        assert gz.label.plain == "● The gray zone mission" and pt.label.plain == "● The lone soldier"
        await goto(pilot, BEATS["under-fire"])  # the lone soldier has nothing at this beat
        assert pt.label.plain == "○ The lone soldier" and pt.has_class("-empty") and not gz.has_class("-empty")


async def test_a_hidden_storyline_with_a_scene_at_this_beat_is_pointed_at(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=NARROW) as pilot:
        line = reading(app).query_one(ElsewhereLine)
        assert not shows(line)  # the lede: no storyline is hidden
        await pilot.press("right")
        await pilot.pause()
        assert shows(line) and "The lone soldier (2) has a scene at this beat: Tab shows it" in str(line.render())
        await goto(pilot, BEATS["under-fire"])  # the hidden one has nothing here: nothing to point at
        assert not shows(line)
        await pilot.press("2")  # the empty one shown: the line points back at the other
        await pilot.pause()
        assert shows(line) and "Only The gray zone mission (1) has a scene" in str(line.render())


async def test_the_line_is_only_for_narrow_screens(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await goto(pilot, BEATS["sighting"])
        assert not shows(reading(app).query_one(ElsewhereLine))


async def test_tab_cycles_the_storylines_on_a_narrow_screen(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=NARROW) as pilot:
        await goto(pilot, BEATS["sighting"])
        gz, pt = column(app, "gray-zone"), column(app, "paratroopers")
        assert app.focused is gz and shows(gz) and not shows(pt)
        await pilot.press("tab")
        assert app.focused is pt and shows(pt) and not shows(gz)
        assert reading(app).query_one("#tabs").active == "tab-paratroopers"
        await pilot.press("tab")
        assert app.focused is gz and shows(gz)
        await pilot.press("shift+tab")
        assert app.focused is pt
        await pilot.press("w", "tab")  # from the quotes overlay: it closes, back to the storyline shown
        assert reading(app).overlay is None and app.focused is pt


async def test_tab_still_cycles_the_columns_and_panels_when_they_all_show(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await goto(pilot, BEATS["sighting"])
        visited = []
        for _ in range(4):
            visited.append(app.focused.id)
            await pilot.press("tab")
        assert visited == ["col-gray-zone", "col-paratroopers", "quotes", "facts"]
        await pilot.press("shift+tab")
        assert app.focused.id == "facts"


async def test_the_storyline_introductions_follow_the_lede_on_a_narrow_screen(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(80, 50)) as pilot:  # tall enough: they show at once
        await pilot.pause()
        intros = reading(app).query_one("#intros")
        assert shows(intros) and intros.region.bottom <= 49
        text = " ".join(str(s.render()) for s in intros.query(Static))
        assert "The gray zone mission" in text and "The lone soldier" in text and "begins at beat 2" in text
        await pilot.press("right")
        assert not shows(intros)  # only at the opening
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=NARROW) as pilot:  # they do not fit under the lede: scrolling reaches them
        await pilot.pause()
        context = reading(app).query_one("#context", SceneView)
        intros = reading(app).query_one("#intros")
        assert intros.display and context.max_scroll_y > 0
        context.scroll_end(animate=False)
        await pilot.pause()
        assert shows(intros) and intros.region.y < 23


# -- 100 to 119 columns: the text keeps 40 characters ------------------------------------------


@pytest.mark.parametrize("width", [100, 110, 119])
async def test_mid_size_columns_keep_forty_characters(article, width):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(width, 30)) as pilot:
        await goto(pilot, BEATS["sighting"])
        screen = reading(app)
        bodies = [column(app, n).query_one(".column-body") for n in ("gray-zone", "paratroopers")]
        assert all(b.region.width >= 40 for b in bodies), [b.region.width for b in bodies]
        assert bodies[0].region.x < bodies[1].region.x  # still side by side
        assert not shows(screen.query_one("#side"))
        await pilot.press("w")  # the panels open over the text on demand
        assert shows(screen.query_one(QuotesPanel)) and app.focused is screen.query_one(QuotesPanel)
        await pilot.press("escape")
        assert not shows(screen.query_one("#side"))


async def test_from_120_columns_the_panels_sit_beside_the_text(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await goto(pilot, BEATS["sighting"])
        assert shows(reading(app).query_one(QuotesPanel)) and shows(column(app, "paratroopers"))


# -- the measure's limit -------------------------------------------------------------------------


async def test_plus_says_when_the_window_is_the_limit(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await goto(pilot, BEATS["sighting"])
        width = column(app, "gray-zone").query_one(".column-body").region.width
        assert width < MEASURE_DEFAULT
        await pilot.press("plus")
        assert f"Line width {width}: the window allows no more" in notes(app)
        assert reading(app).measure == MEASURE_DEFAULT  # not grown where it cannot show
        await pilot.press("minus")  # narrower from what shows, so it shows at once
        await pilot.pause()
        assert column(app, "gray-zone").query_one(".column-body").region.width == width - 4


async def test_plus_widens_where_the_window_has_room(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(250, 60)) as pilot:
        await goto(pilot, BEATS["sighting"])
        await pilot.press("plus")
        assert reading(app).measure == MEASURE_DEFAULT + 4
        assert not any("allows no more" in n for n in notes(app))
