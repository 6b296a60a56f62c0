"""Reading habits from less and glow: space pages before it steps, Home and End, the continuous
view, headings that stay while a column scrolls, and columns that scroll together."""

from __future__ import annotations

import importlib.util

from textual.widgets import OptionList, Static

from reader.core.loader import load_article
from reader.ui.app import ReaderApp
from reader.ui.screens.continuous import ContinuousScreen
from reader.ui.widgets.panels import QuotesPanel
from reader.ui.widgets.scene_view import Paragraph, SceneView, reading_progress, shown
from reader.ui.widgets.story_view import MAX_WINDOW, BeatBlock, StoryView

from .conftest import ROOT, reading

SHORT = (120, 16)  # short enough that the columns of beat 6 scroll
WORDS = 5  # the beat "Words and gestures": long in both columns


def column(app: ReaderApp, narrative: str) -> SceneView:
    return reading(app).query_one(f"#col-{narrative}", SceneView)


def text_of(widget: Static) -> str:
    return str(widget.render())


async def goto(pilot, step: int) -> None:
    await pilot.press("g", *(["right"] * step))
    await pilot.pause()


# -- space pages, then steps ------------------------------------------------------------


async def test_space_pages_the_column_before_it_goes_to_the_next_beat(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SHORT) as pilot:
        await goto(pilot, WORDS)
        gz = column(app, "gray-zone")
        assert app.focused is gz and gz.max_scroll_y > gz.page_height
        await pilot.press("space")
        await pilot.pause()
        assert reading(app).step == WORDS and gz.scroll_y == gz.page_height  # a page, not a beat
        pages = 1
        while gz.scroll_y < gz.max_scroll_y:
            await pilot.press("space")
            await pilot.pause()
            pages += 1
            assert reading(app).step == WORDS and pages < 20
        await pilot.press("space")  # at the end of the column: now the next beat
        await pilot.pause()
        assert reading(app).step == WORDS + 1 and column(app, "gray-zone").scroll_y == 0


async def test_shift_space_pages_back_and_steps_back_to_the_end_of_the_previous_beat(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SHORT) as pilot:
        await goto(pilot, WORDS + 1)
        await pilot.press("shift+space")  # at the top: the previous beat, read from its end
        await pilot.pause()
        gz = column(app, "gray-zone")
        assert reading(app).step == WORDS and gz.scroll_y == gz.max_scroll_y > 0
        end, page = gz.scroll_y, gz.page_height
        await pilot.press("shift+space")
        await pilot.pause()
        assert reading(app).step == WORDS and gz.scroll_y == max(0, end - page)


async def test_the_arrow_still_steps_a_beat_at_once(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SHORT) as pilot:
        await goto(pilot, WORDS)
        await pilot.press("right")
        assert reading(app).step == WORDS + 1


async def test_a_long_column_says_there_is_more_below_and_how_far_it_is_read(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SHORT) as pilot:
        await goto(pilot, WORDS)
        gz = column(app, "gray-zone")
        more, progress = gz.query_one(".column-more", Static), gz.query_one(".column-progress", Static)
        assert more.display and "more below" in text_of(more)
        first = text_of(progress)
        assert first.endswith("%") and 0 < int(first[:-1]) < 100
        await pilot.press("j", "j")
        await pilot.pause()
        assert int(text_of(progress)[:-1]) > int(first[:-1])
        while gz.scroll_y < gz.max_scroll_y:
            await pilot.press("space")
            await pilot.pause()
        assert not more.display and text_of(progress) == "100%"
    big = ReaderApp(article, remember=False)
    async with big.run_test(size=(120, 60)) as pilot:  # the whole column fits: no cue, no percentage
        await goto(pilot, WORDS)
        gz = column(big, "gray-zone")
        assert not gz.query_one(".column-more").display and text_of(gz.query_one(".column-progress", Static)) == ""


def test_progress_is_the_last_line_shown_in_percent():
    assert reading_progress(0, 10, 40) == "25%"
    assert reading_progress(30, 10, 40) == "100%"
    assert reading_progress(0, 40, 40) == ""  # it all fits


# -- Home and End -------------------------------------------------------------------------


async def test_home_and_end_go_to_the_first_and_last_beat_from_a_scrolling_column(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SHORT) as pilot:
        await goto(pilot, WORDS)
        assert isinstance(app.focused, SceneView) and app.focused.max_scroll_y > 0  # it could scroll: it must not
        await pilot.press("end")
        assert reading(app).step == len(article.steps) - 1
        await pilot.press("home")
        assert reading(app).step == 0
        await pilot.press("G")
        assert reading(app).step == len(article.steps) - 1


async def test_home_and_end_keep_their_list_meaning_in_the_quotes_panel(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await goto(pilot, WORDS)
        panel = reading(app).query_one(QuotesPanel)
        panel.focus()
        await pilot.press("end")
        assert isinstance(panel, OptionList) and panel.highlighted == panel.option_count - 1
        assert reading(app).step == WORDS
        await pilot.press("G")  # g and G are beats everywhere
        assert reading(app).step == len(article.steps) - 1


# -- headings that stay, columns that scroll together -------------------------------------


async def test_column_headings_stay_in_view_while_the_text_scrolls(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SHORT) as pilot:
        await goto(pilot, WORDS)
        gz = column(app, "gray-zone")
        title, position = gz.query_one(".column-title"), gz.query_one(".column-position")
        before = (title.region, position.region)
        await pilot.press("j", "j", "j", "j")
        await pilot.pause()
        assert gz.scroll_y == 4
        assert (title.region, position.region) == before and title.region.height == 1
        assert text_of(position) == "scene 5 of 9"


async def test_linked_columns_scroll_together_on_l_and_apart_again(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SHORT) as pilot:
        await goto(pilot, WORDS)
        gz, pt = column(app, "gray-zone"), column(app, "paratroopers")
        await pilot.press("j", "j")
        await pilot.pause()
        assert pt.scroll_y == 0  # on their own by default
        await pilot.press("L")
        await pilot.pause()
        assert reading(app).together.on
        assert pt.scroll_y == round(gz.scroll_y / gz.max_scroll_y * pt.max_scroll_y) > 0  # caught up at once
        while gz.scroll_y < gz.max_scroll_y:
            await pilot.press("space")
            await pilot.pause()
        assert pt.scroll_y == pt.max_scroll_y  # the two ends meet
        await pilot.press("L", "k", "k")
        await pilot.pause()
        assert pt.scroll_y == pt.max_scroll_y and gz.scroll_y == gz.max_scroll_y - 2


async def test_scrolling_together_is_remembered(article):
    app = ReaderApp(article)
    async with app.run_test(size=SHORT) as pilot:
        await pilot.press("L")
        reading(app).save_state()
    again = ReaderApp(article)
    async with again.run_test(size=SHORT):
        assert reading(again).together.on


async def test_the_palette_offers_scrolling_together(article):
    from reader.ui.commands import VIEWS

    assert any(action == "toggle_scroll_together" for _, _, action in VIEWS)
    assert any(action == "continuous" for _, _, action in VIEWS)


# -- the continuous view ------------------------------------------------------------------


def story(app: ReaderApp) -> StoryView:
    return app.screen.query_one(StoryView)


def span_styles(para: Paragraph) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, str(s.style)) for s in para.text.spans]


async def test_r_shows_the_whole_story_in_reading_order_from_this_beat(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await goto(pilot, 3)
        await pilot.press("r")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ContinuousScreen)
        view = story(app)
        assert view.top_beat() == 3
        blocks = view.blocks
        assert [b.index for b in blocks] == list(range(len(article.steps)))  # a short article: all of it
        # each beat's scenes in the order the linear mode reads them, each under its storyline's heading
        beat = blocks[3]
        places = [text_of(s) for s in beat.query(".story-place").results(Static)]
        assert places == ["The gray zone mission · scene 3 of 9", "The lone soldier · scene 3 of 8"]
        assert [p.scene.id for p in beat.query(Paragraph)] == [
            s.id for s in article.steps[3].scenes for _ in s.paragraphs
        ]


async def test_the_continuous_view_has_the_beat_views_highlights_and_filter(article):
    app = ReaderApp(article, speakers=frozenset({"didorchuk"}), remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await goto(pilot, 2)
        beat_view = {(p.scene.id, p.index): span_styles(p) for p in shown(reading(app), Paragraph)}
        await pilot.press("r")
        await pilot.pause(0.2)
        continuous = {(p.scene.id, p.index): span_styles(p) for p in story(app).query(Paragraph)}
        assert beat_view and all(continuous[key] == styles for key, styles in beat_view.items())
        assert app.screen.query_one("#filter-bar").display  # the filter is on, and said
        await pilot.press("x")  # cleared here, it is cleared in the beat view too
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert reading(app).speakers == frozenset()


async def test_closing_the_continuous_view_follows_to_the_beat_at_the_top(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(120, 24)) as pilot:
        await goto(pilot, 1)
        await pilot.press("r")
        await pilot.pause(0.2)
        for _ in range(12):
            await pilot.press("space")
        await pilot.pause(0.2)
        top = story(app).top_beat()
        assert top > 1
        assert app.screen.query_one("#beat-bar", Static).render().plain.startswith(f"Beat {top + 1} of")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ContinuousScreen) and reading(app).step == top


async def test_the_continuous_view_steps_beats_and_goes_to_either_end(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause(0.2)
        await pilot.press("right", "right")
        await pilot.pause(0.2)
        assert story(app).top_beat() == 2
        await pilot.press("end")
        await pilot.pause(0.2)
        assert story(app).top_beat() >= len(article.steps) - 3  # the last beats fill the pane: it ends there
        await pilot.press("home")
        await pilot.pause(0.2)
        assert story(app).top_beat() == 0 and story(app).scroll_y <= 2


def _big_article(factor: int, folder):
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return load_article(module.generate(factor, folder=folder))


async def test_a_big_article_is_mounted_a_window_at_a_time(tmp_path):
    big = _big_article(30, tmp_path)  # 330 beats
    app = ReaderApp(big, remember=False)
    async with app.run_test(size=(100, 30)) as pilot:
        reading(app).step = 200
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause(0.3)
        view = story(app)
        assert view.top_beat() == 200 and len(view.blocks) <= MAX_WINDOW
        first = view.lo
        # reading upwards past the window's top mounts the beats before it, the text keeping still
        anchor = view.blocks[0]
        while view.lo == first:
            await pilot.press("shift+space")
            await pilot.pause(0.1)
        await pilot.pause(0.3)
        assert view.lo < first and anchor.is_attached
        assert anchor.virtual_region.y > 0  # beats now stand above what was the top
        top = view.top_beat()
        screen_line = anchor.region.y
        await pilot.pause(0.2)
        assert anchor.region.y == screen_line and view.top_beat() == top  # nothing jumped
        # and downwards, the window moves on and the beats far above are let go
        for _ in range(60):
            await pilot.press("space")
        await pilot.pause(0.5)
        assert len(view.blocks) <= MAX_WINDOW and view.top_beat() > 200
        await pilot.press("G")
        await pilot.pause(0.3)
        assert view.blocks[-1].index == len(big.steps) - 1
        assert all(isinstance(b, BeatBlock) for b in view.children)


async def test_columns_scrolling_together_start_a_new_beat_at_the_top(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=SHORT) as pilot:
        await goto(pilot, WORDS)
        await pilot.press("L", "j", "j", "j")
        await pilot.pause()
        assert column(app, "paratroopers").scroll_y > 0
        await pilot.press("right", "left")
        await pilot.pause(0.2)
        assert column(app, "gray-zone").scroll_y == 0 and column(app, "paratroopers").scroll_y == 0


async def test_the_continuous_view_steps_to_where_a_chosen_speaker_speaks_and_has_its_own_help(article):
    from reader.core import navigation as nav
    from reader.ui.dialogs.help import HelpScreen

    app = ReaderApp(article, speakers=frozenset({"didorchuk"}), remember=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("g", "r")
        await pilot.pause(0.2)
        await pilot.press("right_square_bracket")
        await pilot.pause(0.2)
        wanted = nav.step_quoting(article, 1, 1, frozenset({"didorchuk"}))
        assert wanted is not None and story(app).top_beat() == wanted
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        groups = [group for group, _ in app.screen.table]
        assert groups == ["Reading straight through"]
