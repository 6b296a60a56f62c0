"""Dialogs kept between openings (for speed) open as a new one would: on the current beat, filter and marks."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList, SelectionList

from reader.ui.app import ReaderApp
from reader.ui.dialogs.bookmarks import BookmarksScreen
from reader.ui.dialogs.outline import OutlineScreen
from reader.ui.dialogs.speakers import SpeakerPicker
from reader.ui.dialogs.timeline import TimelineScreen

from .conftest import reading

WIDE = (120, 40)


def screen_text(app: ReaderApp) -> list[str]:
    """The screen as drawn now, line by line (the dimmed screen under a dialog included)."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


async def test_the_outline_is_kept_and_opens_on_the_beat_being_read_over_that_beat(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        first = app.screen
        assert isinstance(first, OutlineScreen) and first.query_one(DataTable).cursor_row == 0
        await pilot.press("down", "down", "escape", "l", "l", "l", "o")
        await pilot.pause()
        assert app.screen is first  # kept, not built again
        assert first.query_one(DataTable).cursor_coordinate == (3, 0)
        assert "Beat 4 of 11" in screen_text(app)[1]  # the screen below is the beat now read, not the one of last time
        await pilot.press("enter")
        assert reading(app).step == 3


async def test_the_timeline_opens_at_its_top_each_time(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("t")
        first = app.screen
        assert isinstance(first, TimelineScreen)
        events = first.query_one(OptionList)
        assert events.highlighted is None
        await pilot.press("down", "down", "escape", "t")
        await pilot.pause()
        assert app.screen is first and events.highlighted is None and events.scroll_y == 0


async def test_the_speaker_picker_ticks_the_speakers_followed_now(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "space", "enter")  # follow the first speaker
        first_speaker = article.speakers[0].id
        assert reading(app).speakers == {first_speaker}
        await pilot.press("s")
        picker = app.screen
        assert isinstance(picker, SpeakerPicker)
        assert picker.query_one(SelectionList).selected == [first_speaker]
        await pilot.press("down", "space", "escape")  # ticked, then cancelled: the filter stays
        reading(app).speakers = frozenset()  # cleared elsewhere meanwhile
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is picker
        speakers = picker.query_one(SelectionList)
        assert speakers.selected == [] and speakers.highlighted == 0


async def test_the_bookmarks_list_the_marks_made_since_it_last_opened(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("B")
        first = app.screen
        assert isinstance(first, BookmarksScreen)
        assert first.query_one(OptionList).option_count == 1  # "no bookmarks yet"
        await pilot.press("escape", "l", "b", "enter", "B")
        await pilot.pause()
        assert app.screen is first
        options = first.query_one(OptionList)
        assert options.option_count == 1 and options.get_option_at_index(0).id is not None
        await pilot.press("enter")
        assert reading(app).step == 1


async def test_a_new_size_builds_the_dialog_again(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        first = app.screen
        await pilot.press("escape")
        await pilot.resize_terminal(50, 20)  # slim: the outline drops its context column
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen) and app.screen is not first
        assert "context" not in app.screen.query_one(DataTable).columns


def source_prompts(screen) -> list[str]:
    """What each block of a source view shows, with its styles (markup of the Text, not of the terminal)."""
    return [option.prompt.markup for option in screen.query_one(OptionList).options]


async def test_the_source_view_is_kept_across_beats_and_shows_the_beat_being_read(article):
    from reader.ui.dialogs.source import SourceScreen, load_seed_for

    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "v")
        await pilot.pause()
        first = app.screen
        assert isinstance(first, SourceScreen)
        text = first.query_one(OptionList)
        opened_on, scrolled_to = text.highlighted, text.scroll_y
        assert opened_on is not None
        await pilot.press("down", "down", "down", "escape", "v")
        await pilot.pause()
        assert app.screen is first and (text.highlighted, text.scroll_y) == (opened_on, scrolled_to)
        await pilot.press("escape", "right", "v")
        await pilot.pause()
        assert app.screen is first  # kept for another beat too: the paragraphs it changes are drawn anew
        assert text.highlighted != opened_on
        screen = reading(app)
        fresh = SourceScreen(article, load_seed_for(article), {s.id for s in screen.current_step.scenes}, screen.highlights)
        options, first_current = fresh._options()
        assert text.highlighted == first_current
        assert source_prompts(first) == [option.prompt.markup for option in options if option is not None]
        assert "(this beat)" in text.get_option_at_index(text.highlighted).prompt.plain


async def test_the_source_view_shows_the_speakers_followed_now(article):
    from reader.ui.dialogs.source import SourceScreen, load_seed_for

    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        first = app.screen
        before = source_prompts(first)
        await pilot.press("escape")
        screen = reading(app)
        screen.speakers = frozenset({article.speakers[0].id})
        await pilot.press("v")
        await pilot.pause()
        assert app.screen is first
        fresh = SourceScreen(article, load_seed_for(article), {s.id for s in screen.current_step.scenes}, screen.highlights)
        expected = [option.prompt.markup for option in fresh._options()[0] if option is not None]
        assert source_prompts(first) == expected != before


async def test_about_is_kept_and_opens_at_its_top(article):
    from textual.containers import VerticalScroll

    from reader.ui.dialogs.about import AboutScreen

    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(60, 14)) as pilot:  # short: the about scrolls
        await pilot.press("m")
        first = app.screen
        assert isinstance(first, AboutScreen)
        first.query_one("#about", VerticalScroll).scroll_end(animate=False, immediate=True)
        await pilot.press("escape", "m")
        await pilot.pause()
        assert app.screen is first and first.query_one("#about", VerticalScroll).scroll_y == 0
        await pilot.press("escape")
        assert app.screen is reading(app)
