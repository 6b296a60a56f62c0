"""Narrow and mid-size screens: the second storyline is never missed, the text keeps its room,
every dialog works at 40x12, and nothing is cut without an ellipsis."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, Static, Tab

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
        assert shows(line) and str(line.render()) == "Tab ▸ The lone soldier also has a scene here"
        await goto(pilot, BEATS["under-fire"])  # the hidden one has nothing here: nothing to point at
        assert not shows(line)
        await pilot.press("2")  # the empty one shown: the line points back at the other
        await pilot.pause()
        assert shows(line) and str(line.render()) == "Tab ▸ The gray zone mission has a scene here"


async def test_unlinked_the_line_says_nothing_of_the_other_tab(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=NARROW) as pilot:
        await goto(pilot, BEATS["sighting"])
        line = reading(app).query_one(ElsewhereLine)
        assert shows(line)
        await pilot.press("u")  # each storyline at its own beat: "here" would mean nothing
        await pilot.pause()
        assert not shows(line)


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



async def test_the_introductions_are_made_when_a_wide_screen_turns_narrow(article):
    # a wide launch does not build them (they show on narrow screens only): a resize must
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not reading(app).query("#intros")
        await pilot.resize_terminal(80, 50)
        await pilot.pause()
        intros = reading(app).query_one("#intros")
        assert shows(intros) and "The lone soldier" in " ".join(str(s.render()) for s in intros.query(Static))


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


@pytest.mark.parametrize("width", [120, 130, 140])
async def test_beside_the_panels_the_columns_keep_about_forty_characters(article, width):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(width, 40)) as pilot:
        await goto(pilot, BEATS["sighting"])
        bodies = [column(app, n).query_one(".column-body") for n in ("gray-zone", "paratroopers")]
        assert shows(reading(app).query_one(QuotesPanel))
        # the panels give way (a quarter of the window at most) rather than the text: 35 at 120 before
        assert all(b.region.width >= 38 for b in bodies), [b.region.width for b in bodies]


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


# -- every dialog at 40x12 -----------------------------------------------------------------------

SMALL = (40, 12)


def lines_of(widget) -> list[str]:
    """The lines a widget shows, as text."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, widget.outer_size.width, widget.outer_size.height))]


def on_screen(widget, size=SMALL, rows: int = 1) -> bool:
    """Wholly inside the terminal, at least `rows` high."""
    region = widget.region
    return bool(widget.display and region.width and region.height >= rows and region.right <= size[0] and region.bottom <= size[1])


@pytest.mark.parametrize(("key", "list_id"), [("o", "#outline-table"), ("t", "#events"), ("v", "#source-text"), ("B", "#bookmark-list")])
async def test_every_list_dialog_is_usable_at_40x12(article, key, list_id):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("right", "right", key)
        await pilot.pause()
        dialog = app.screen
        assert dialog.has_class("-slim") and dialog.has_class("-short")
        listing = dialog.query_one(list_id)
        assert on_screen(listing, rows=6) and app.focused is listing  # most of the screen, with the keys in it
        title = dialog.query_one(".modal-title", Static)
        hint = next(h for h in dialog.query(".modal-hint") if h.display)
        assert on_screen(title) and on_screen(hint) and title.region.height == hint.region.height == 1
        assert lines_of(hint)[0].rstrip().endswith("Esc closes")  # the short hint: its keys, whole
        await pilot.press("escape")
        assert app.screen is reading(app)


async def test_the_outline_moves_and_goes_at_40x12(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("o", "down", "down", "right", "enter")  # beat 3, the gray zone's scene
        await pilot.pause()
        assert app.screen is reading(app) and reading(app).step == 2


async def test_the_speaker_picker_and_its_apply_button_fit_at_40x12(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s")
        await pilot.pause()
        picker = app.screen
        apply = picker.query_one("#apply")
        assert on_screen(apply) and on_screen(picker.query_one("#speakers"), rows=3)
        assert "Apply" in lines_of(apply)[0]
        await pilot.press("space")
        await pilot.click("#apply")
        await pilot.pause()
        assert app.screen is reading(app) and reading(app).speakers == {article.speakers[0].id}


async def test_the_bookmark_note_fits_at_40x12(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("right", "b")
        await pilot.pause()
        field = app.screen.query_one("#note")
        assert on_screen(field) and app.focused is field
        assert on_screen(next(h for h in app.screen.query(".modal-hint") if h.display))
        await pilot.press(*"why", "enter")
        await pilot.pause()
        assert [b.note for b in reading(app).bookmarks] == ["why"]


async def test_help_at_40_columns_puts_what_a_key_does_under_it(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        keys = app.screen.query(".help-keys").first(Static)
        shown = [line.strip() for line in lines_of(keys)]
        assert shown[:4] == ["→ l, n", "next beat", "← h p", "previous beat"]  # space pages now (reading habits)
        scroller = app.screen.query_one("#help")
        assert on_screen(scroller, rows=10) and app.focused is scroller
        await pilot.press("pagedown")  # the rest of the keys are a page away
        assert scroller.scroll_y > 0
        await pilot.resize_terminal(120, 40)  # wide again: keys and what they do side by side
        await pilot.pause()
        keys = app.screen.query(".help-keys").first(Static)
        assert lines_of(keys)[0].split() == ["→", "l,", "n", "next", "beat"]


# -- nothing is cut without an ellipsis -------------------------------------------------------------


async def test_the_beat_bar_ends_in_an_ellipsis_when_it_does_not_fit(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("right", "right", "b", "enter")
        await pilot.pause()
        bar = reading(app).query_one("#beat-bar")
        assert lines_of(bar)[0].strip() == "Beat 3 of 11  Spotted by a drone  ★ b…"  # no room for the rule
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "━━━━" in lines_of(bar)[0] and lines_of(bar)[0].rstrip().endswith("★ bookmarked")


async def test_the_tabs_and_the_line_under_them_end_in_an_ellipsis_at_40_columns(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SMALL) as pilot:
        await goto(pilot, BEATS["sighting"])
        tabs = [reading(app).query_one(f"#tab-{n}", Tab) for n in ("gray-zone", "paratroopers")]
        assert [t.label.plain for t in tabs] == ["● The gray zone m…", "● The lone soldier"]
        assert all(on_screen(t) for t in tabs)
        line = lines_of(reading(app).query_one(ElsewhereLine))[0]
        assert line.startswith(" Tab ▸ The lone soldier") and line.rstrip().endswith("…")


async def test_the_outline_headers_end_in_an_ellipsis(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        labels = [c.label.plain for c in table.columns.values()]
        widths = [c.width for c in table.columns.values()]
        assert labels == ["Beat", "The gray …", "The lone …"]  # the context column left out at 40
        assert all(len(label) <= width for label, width in zip(labels, widths, strict=True))
        assert sum(w + 2 for w in widths) + 1 <= table.region.width  # every column in sight, no sideways scrolling


async def test_the_library_at_80_columns_cuts_with_an_ellipsis_and_says_the_whole_problem(article_data, write_article):
    from reader.ui.screens.library import read_library

    good = write_article(article_data, "a.yaml")
    broken = good.parent / "broken.yaml"
    broken.write_text("article: [\n", encoding="utf-8")
    app = ReaderApp(library=(read_library([good, broken]), "content"), remember=False)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert sum(c.width + 2 for c in table.columns.values()) <= 80  # every column in sight
        title, *_ = table.get_row_at(0)
        assert title.plain.startswith("Two captures in Kursk") and title.plain.endswith("…")
        name, _, problem = table.get_row_at(1)[:3]
        assert name.plain == "⚠ broken.yaml" and problem.plain.startswith("line 2: YAML synt") and problem.plain.endswith("…")
        await pilot.press("down")
        hint = str(app.screen.query_one("#library-hint", Static).render())
        assert hint == "⚠ broken.yaml, line 2: YAML syntax error: did not find expected node content"


@pytest.mark.parametrize("width", [40, 80, 100])
async def test_the_title_bar_ends_in_an_ellipsis(article, width):
    from textual.widgets._header import HeaderTitle

    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(width, 12)) as pilot:
        await pilot.pause()
        line = lines_of(reading(app).query_one(HeaderTitle))[0].strip()
        assert line.startswith("Two captures in Kursk") and line.endswith("…")
