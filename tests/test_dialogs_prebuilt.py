"""Dialogs built ahead of their first opening (dialogs/prebuild.py) open as a new one would, and keys come first."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList, SelectionList

from reader.ui.app import ReaderApp
from reader.ui.dialogs import outline as outline_module
from reader.ui.dialogs import prebuild
from reader.ui.dialogs.bookmarks import BookmarksScreen
from reader.ui.dialogs.help import HelpScreen
from reader.ui.dialogs.keep import _KEPT
from reader.ui.dialogs.outline import OutlineScreen
from reader.ui.dialogs.source import SourceScreen
from reader.ui.dialogs.speakers import SpeakerPicker
from reader.ui.dialogs.timeline import TimelineScreen

from .conftest import reading

WIDE = (120, 40)


async def built_ahead(app: ReaderApp, pilot) -> dict[type, object]:
    """Let the prebuilder finish (each stage taken at once rather than at idle moments); the dialogs it built, by class."""
    builder = reading(app)._prebuilder
    for _ in range(200):  # a bound, not a clock: some forty stages at the most here
        if builder.done:
            break
        builder.advance()
        await pilot.pause()
    assert builder.done
    return {type(screen): screen for _, screen in _KEPT[reading(app)].values()}


async def test_every_dialog_is_built_ahead_and_is_the_one_that_opens(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        built = await built_ahead(app, pilot)
        assert set(built) >= {OutlineScreen, TimelineScreen, SpeakerPicker, BookmarksScreen, SourceScreen, HelpScreen}
        for key, kind in (("o", OutlineScreen), ("t", TimelineScreen), ("s", SpeakerPicker), ("B", BookmarksScreen),
                          ("v", SourceScreen), ("question_mark", HelpScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is built[kind]
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is reading(app)


async def test_the_screen_shows_nothing_of_the_dialogs_built_ahead(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        before = [str(strip) for strip in app.screen._compositor.render_strips()]
        await built_ahead(app, pilot)
        await pilot.pause()
        assert app.screen is reading(app)
        assert [str(strip) for strip in app.screen._compositor.render_strips()] == before


async def test_the_outline_built_ahead_opens_on_the_beat_read_now(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        built = await built_ahead(app, pilot)
        await pilot.press("l", "l", "o")
        await pilot.pause()
        assert app.screen is built[OutlineScreen]
        assert app.screen.query_one(DataTable).cursor_coordinate == (2, 0)
        await pilot.press("down", "enter")
        assert reading(app).step == 3


async def test_an_outline_opened_half_filled_is_filled_and_on_the_beat(article, monkeypatch):
    monkeypatch.setattr(prebuild, "FILL_CHUNK", 3)  # 11 beats: filled in four parts
    monkeypatch.setattr(outline_module, "FILL_CHUNK", 3)
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        builder = reading(app)._prebuilder
        builder.stop()  # the stages taken here, not at idle moments
        builder.jobs = builder.jobs[:1]  # the outline alone
        builder.advance()  # built: its first part filled once mounted
        await pilot.pause()
        outline = builder.building
        assert isinstance(outline, OutlineScreen) and len(outline.targets) == 3
        builder.advance()  # a second part
        assert len(outline.targets) == 6
        await pilot.press("l", "l", "l", "l", "l", "l", "l", "o")
        await pilot.pause()
        assert app.screen is outline
        table = outline.query_one(DataTable)
        assert table.row_count == len(article.steps) == len(outline.targets)
        assert table.cursor_coordinate == (7, 0)
        await pilot.press("enter")
        assert reading(app).step == 7
        builder.advance()  # the prebuilder finds it opened since: nothing more to do for it
        assert builder.done and table.row_count == len(article.steps)


async def test_the_speaker_picker_built_ahead_ticks_the_speakers_followed_now(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        built = await built_ahead(app, pilot)
        chosen = article.speakers[1].id
        reading(app).speakers = frozenset({chosen})  # a filter chosen after the picker was built
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is built[SpeakerPicker]
        assert app.screen.query_one(SelectionList).selected == [chosen]


async def test_the_bookmarks_built_ahead_list_a_mark_made_before_the_first_opening(article, tmp_path, monkeypatch):
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path))
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        built = await built_ahead(app, pilot)
        await pilot.press("l", "b")
        await pilot.pause()
        await pilot.press("enter")  # a bookmark on beat 2, no note
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        assert app.screen is built[BookmarksScreen]
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        assert "Beat 2: " in options.get_option_at_index(0).prompt.plain


async def test_the_source_view_built_ahead_opens_on_the_beat_read_now(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        built = await built_ahead(app, pilot)
        await pilot.press("l", "l", "v")
        await pilot.pause()
        source = built[SourceScreen]
        assert app.screen is source
        text = source.query_one(OptionList)
        assert text.highlighted is not None
        highlighted = text.get_option_at_index(text.highlighted)
        assert "(this beat)" in highlighted.prompt.plain
        scenes = {s.id for s in reading(app).current_step.scenes}
        assert highlighted.id is not None and highlighted.id.split("#")[0] in scenes


@pytest.mark.parametrize("stages", [1, 2, 3, 5, 8])
async def test_a_key_pressed_while_dialogs_are_built_is_handled(article, stages):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        builder = reading(app)._prebuilder
        builder.stop()
        for _ in range(stages):  # part way through: a dialog built, not yet laid out or painted, ...
            builder.advance()
        await pilot.press("l")  # no pause between the stage and the key
        assert reading(app).step == 1
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        assert app.screen.query_one(DataTable).cursor_coordinate == (1, 0)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_nothing_is_built_while_a_dialog_is_open(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        builder = reading(app)._prebuilder
        await pilot.press("m")  # the about dialog, open before the prebuilder starts
        await pilot.pause()
        assert not builder.idle()


async def test_the_dialogs_are_built_again_for_a_new_size(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        before = await built_ahead(app, pilot)
        builder = reading(app)._prebuilder
        builder._tick()  # all built: it notes what for, and watches for a change
        assert builder.built_for == (app.size, app.theme)
        await pilot.resize_terminal(50, 20)  # slim: the outline drops its context column
        await pilot.pause()
        builder._watch()  # what its slow poll does once all are built
        assert not builder.done
        after = await built_ahead(app, pilot)
        assert after[OutlineScreen] is not before[OutlineScreen]
        await pilot.press("o")
        await pilot.pause()
        assert app.screen is after[OutlineScreen]
        assert "context" not in app.screen.query_one(DataTable).columns


async def test_what_lives_once_all_are_built_is_frozen_and_let_go_with_the_screen(article):
    import gc

    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await built_ahead(app, pilot)
        reading(app)._prebuilder._tick()  # all built: it freezes what lives now
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0  # the reading screen unmounted with the app: back to the collector
