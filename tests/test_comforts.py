"""Reader comforts: search, outline, source view, resume and bookmarks, palette, timeline,
copy, themes, line width and the library, driven as a person would."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from textual.widgets import DataTable, Input, OptionList, Static

from reader.core.state import article_store, settings_store
from reader.ui.app import ReaderApp
from reader.ui.dialogs.bookmarks import BookmarkNote, BookmarksScreen
from reader.ui.dialogs.outline import OutlineScreen
from reader.ui.dialogs.source import SourceScreen
from reader.ui.dialogs.timeline import TimelineScreen
from reader.ui.screens.library import LibraryScreen, read_library
from reader.ui.screens.reading import MEASURE_DEFAULT, ReadingScreen
from reader.ui.widgets.scene_view import Paragraph, SceneView, shown

from .conftest import ARTICLE_PATH, reading

WIDE = (120, 40)


def count_text(app: ReaderApp) -> str:
    return str(reading(app).query_one("#search-count", Static).render())


# -- search -------------------------------------------------------------------------------


async def test_search_folds_apostrophes_and_moves_between_hits(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        assert app.focused is reading(app).query_one("#search-input", Input)
        await pilot.press(*"DIDN'T")  # straight apostrophe, capitals: finds didn’t
        assert len(reading(app).hits) == 3 and "3 hits" in count_text(app)
        await pilot.press("enter")
        assert reading(app).hit_index == 0 and "hit 1 of 3" in count_text(app)
        assert reading(app).step == 4  # the grenade: “he didn’t resist”
        await pilot.press("n")
        assert reading(app).hit_index == 1 and reading(app).step == 4  # the lone soldier “didn’t seem to know”
        await pilot.press("n", "n")
        assert reading(app).hit_index == 0  # wraps around
        await pilot.press("N")
        assert reading(app).hit_index == 2 and "hit 3 of 3" in count_text(app)
        current = [p for p in shown(reading(app), Paragraph) if p.has_class("-marked")]
        assert current and "didn’t" in current[0].text.plain


async def test_search_hits_are_highlighted_and_escape_clears(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"drone", "enter")
        assert reading(app).step == 1  # “the sky buzzed with drones”, the first hit from the opening
        para = next(p for p in shown(reading(app), Paragraph) if "drone" in p.text.plain.lower())
        assert any(s.style.underline for s in para.text.spans)
        await pilot.press("escape")
        assert reading(app).hits == () and not reading(app).query_one("#search").display
        assert not any(s.style.underline for s in para.text.spans if s.style.bgcolor)
        await pilot.press("n")  # without a search, n is the next beat again
        assert reading(app).step == 2


async def test_search_with_no_match_says_so(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"zeppelin")
        assert count_text(app) == "no matches"
        await pilot.press("enter")
        assert reading(app).step == 0


# -- outline, source, timeline ----------------------------------------------------------


async def test_outline_is_a_grid_of_beats_by_narratives_and_enter_jumps(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OutlineScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 11
        assert [str(c.label) for c in table.columns.values()] == ["Beat", "The gray zone mission", "The lone soldier", "Context"]
        assert str(table.get_cell_at((2, 2))) == "A lone soldier, zigzagging"
        await pilot.press("down", "down", "down", "down", "down", "down", "right", "right", "enter")
        assert not isinstance(app.screen, OutlineScreen)
        assert reading(app).step == 6  # the cigarette, in the lone soldier's column
        assert reading(app).active_narrative == 1


@pytest.mark.parametrize("width", [4, 10, 23, 40])
def test_outline_row_heights_are_the_lines_rich_wraps_a_cell_into(article, width):
    """The outline gives each row its height rather than letting the table render every cell to measure it."""
    from rich.console import Console
    from rich.text import Text

    from reader.ui.dialogs.outline import lines_at

    console = Console(width=200)
    cells = [f"{i + 1}. {step.title}" for i, step in enumerate(article.steps)] + [s.title for s in article.scenes]
    cells += ["\n".join(s.title for s in step.scenes) for step in article.steps]
    cells += ["", "—", "a  b   c", "trailing spaces   ", "averyveryverylongwordthatmustbefolded and more", "北朝鮮の兵士 二人", "tab\there"]
    for cell in cells:
        assert lines_at(Text(cell), width, console) == len(Text(cell).wrap(console, width)), cell


async def test_source_view_shows_kept_and_left_out_text_and_jumps(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "v")
        assert isinstance(app.screen, SourceScreen)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 47  # metadata, appeal, 43 paragraphs, 2 captions
        assert prompts[0].startswith("[left out as metadata: the article's date]")
        assert prompts[1].startswith("[left out: donation appeal") and "Your support helps us" in prompts[1]
        figures = [p for p in prompts if p.startswith("[left out: the words ‘open image in gallery’")]
        assert len(figures) == 2 and all("kept as a figure" in p for p in figures)
        # each scene's title heads its first paragraph only
        titled = [p for p in prompts if p.startswith("Broken English\n")]
        assert len(titled) == 1
        assert "Source text" not in str(app.screen.query_one(".modal-title", Static).render())
        assert "(this beat)" in str(options.highlighted_option.prompt)
        assert "Capturing a North Korean prisoner" in str(options.highlighted_option.prompt)
        options.highlighted = next(i for i, p in enumerate(prompts) if "SBU security service" in p)
        await pilot.press("enter")
        assert reading(app).step == 10


async def test_timeline_places_the_day_and_jumps(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TimelineScreen)
        axis = str(app.screen.query_one("#axis", Static).render())
        lone = next(line for line in axis.splitlines() if line.startswith("The lone soldier"))
        assert lone.count("●") == 2  # the 5 a.m. assault and the noon sighting
        # the gray zone's lane has no clock time in the text: it says so instead of guessing one
        assert "The gray zone mission: the text gives no clock time (eight hours after the mission began)" in axis
        events = app.screen.query_one(OptionList)
        texts = [str(events.get_option_at_index(i).prompt) for i in range(events.option_count)]
        assert any(t.startswith("05:00  An assault at 5 a.m.") for t in texts)
        assert any("eight hours after the mission began" in t for t in texts)
        events.highlighted = next(i for i, t in enumerate(texts) if t.startswith("12:00"))
        await pilot.press("enter")
        assert reading(app).step == 2


# -- resume, bookmarks, state --------------------------------------------------------------


async def test_reopening_returns_to_where_the_reader_left(article):
    app = ReaderApp(article)
    async with app.run_test(size=(250, 60)) as pilot:  # room for a wider measure: + widens it
        await pilot.press("right", "right", "right", "f", "a", "plus")
        reading(app).speakers = frozenset({"didorchuk"})
        await pilot.pause()
    saved = json.loads(article_store(article.meta.id).path.read_text())
    assert saved["step"] == "approach" and saved["speakers"] == ["didorchuk"] and saved["hide_facts"] is True

    again = ReaderApp(article)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert reading(again).step == 3 and reading(again).speakers == {"didorchuk"}
        assert reading(again).hide_facts and reading(again).all_quotes and reading(again).measure == MEASURE_DEFAULT + 4
        # the panels as they were left: facts hidden on screen too, and one f brings them back
        assert not reading(again).query_one("#facts").region.width and reading(again).query_one("#quotes").region.width
        await pilot.press("f")
        assert reading(again).query_one("#facts").region.width

    fresh = ReaderApp(article, fresh=True)
    async with fresh.run_test(size=WIDE) as pilot:
        await pilot.pause(0.7)  # past the screen's first save
        assert reading(fresh).step == 0 and reading(fresh).speakers == frozenset()
    # opened with --fresh and left without moving: the place saved before is intact
    saved = json.loads(article_store(article.meta.id).path.read_text())
    assert saved["step"] == "approach" and saved["speakers"] == ["didorchuk"] and saved["all_quotes"] is True

    moved = ReaderApp(article, fresh=True)
    async with moved.run_test(size=WIDE) as pilot:
        await pilot.press("right")
    assert json.loads(article_store(article.meta.id).path.read_text())["step"] == article.steps[1].key  # saved as usual


async def test_speaker_argument_wins_over_the_saved_filter(article):
    store = article_store(article.meta.id)
    store.update(lambda s: setattr(s, "speakers", ["sf-soldier"]))
    app = ReaderApp(article, speakers=frozenset({"didorchuk"}))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert reading(app).speakers == {"didorchuk"}


async def test_speaker_argument_opens_where_the_speaker_speaks(article):
    quoted = [i for i, step in enumerate(article.steps)
              if any(q.speaker == "didorchuk" for s in step.scenes for q in article.quotes_by_scene.get(s.id, ()))]
    silent = next(i for i in range(quoted[0] + 1, len(article.steps)) if i not in quoted)
    store = article_store(article.meta.id)
    store.update(lambda s: setattr(s, "step", article.steps[silent].key))
    app = ReaderApp(article, speakers=frozenset({"didorchuk"}))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        # from where the reader left, on to the next beat that quotes him
        assert reading(app).step == min(i for i in quoted if i > silent)
        assert reading(app).query_one("#quotes").quote_ids


async def test_bookmark_with_a_note_list_jump_and_delete(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", "b")
        assert isinstance(app.screen, BookmarkNote)
        await pilot.press(*"the drone", "enter")
        assert "★ bookmarked" in str(reading(app).query_one("#beat-bar", Static).render())
        stored = article_store(article.meta.id).read().bookmarks
        assert [(b.step, b.note) for b in stored] == [("sighting", "the drone")]
        await pilot.press("G", "B")
        assert isinstance(app.screen, BookmarksScreen)
        listing = app.screen.query_one(OptionList)
        assert "Beat 3: Spotted by a drone" in str(listing.get_option_at_index(0).prompt)
        assert "the drone" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert reading(app).step == 2
        await pilot.press("B", "d", "escape")
        assert article_store(article.meta.id).read().bookmarks == []


async def test_bookmark_delete_is_written_at_once_and_can_be_undone(article):
    def stored() -> list[str]:
        return [b.note for b in article_store(article.meta.id).read().bookmarks]

    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "b", *"one", "enter", "right", "b", *"two", "enter", "right", "b", *"three", "enter")
        await pilot.press("B", "down", "d")
        assert isinstance(app.screen, BookmarksScreen)
        # written while the list is still open: a crash now keeps what the list shows
        assert stored() == ["one", "three"]
        listing = app.screen.query_one(OptionList)
        assert listing.option_count == 2 and listing.highlighted_option.id == reading(app).bookmarks[1].id
        await pilot.press("u")
        assert stored() == ["one", "two", "three"]  # back in its place
        assert "two" in str(listing.highlighted_option.prompt)
        await pilot.press("d", "d", "ctrl+z")
        assert stored() == ["one", "three"]
        await pilot.press("escape")
        assert stored() == ["one", "three"]  # the undone delete is not applied on closing
        assert "★ bookmarked" in str(reading(app).query_one("#beat-bar", Static).render())  # beat 4: "three"
        await pilot.press("B", "u")  # a new list has nothing to undo
        assert stored() == ["one", "three"]


async def test_a_bookmarked_beat_edits_its_note_instead_of_adding_another(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "b", *"first", "enter")
        await pilot.press("b")
        assert isinstance(app.screen, BookmarkNote)
        field = app.screen.query_one(Input)
        assert field.value == "first"  # the note being edited, not an empty field
        field.value = ""
        await pilot.press(*"second", "enter")
        stored = article_store(article.meta.id).read().bookmarks
        assert [(b.step, b.note) for b in stored] == [("before", "second")]
        assert [b.note for b in reading(app).bookmarks] == ["second"]


async def test_bookmark_escape_saves_nothing(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("b", *"no", "escape")
        assert reading(app).bookmarks == []


async def test_a_corrupt_state_file_is_set_aside_with_a_notice(article, private_state):
    path = article_store(article.meta.id).path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert reading(app).step == 0
        assert any("unreadable" in n.message for n in app._notifications)
    assert [p.name.split(".corrupt-")[0] for p in private_state.glob("*.corrupt-*")] == [path.name]


async def test_a_read_only_state_folder_is_reported_not_raised(article, private_state, monkeypatch):
    if os.geteuid() == 0:
        pytest.skip("root writes to a read-only folder; tests/test_state.py simulates it at the write")
    locked = private_state / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv("READER_STATE_DIR", str(locked / "sub"))
    try:
        app = ReaderApp(article)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("right", "b", "enter")
            reading(app).save_state()
            await pilot.pause()
            notes = [n.message for n in app._notifications if "Could not save" in n.message]
            assert len(notes) == 1
    finally:
        locked.chmod(0o700)


# -- palette, copy, themes, measure -----------------------------------------------------------


async def test_command_palette_opens_views_and_filters(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"open outline")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        await pilot.press("escape", "ctrl+p", *"filter by speaker: maksym")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert reading(app).speakers == {"didorchuk"}


async def test_copy_puts_the_quote_with_its_attribution_on_the_clipboard(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        reading(app).jump_to_quote("q24")
        await pilot.press("c")
        assert app.clipboard == "“I saw it as an attempt at self-destruction” — Maksym Didorchuk, 27-year-old paratrooper"


async def test_copy_without_a_quote_says_how(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        assert app.clipboard == "" and any("Choose a quote" in n.message for n in app._notifications)


async def test_theme_choice_persists_and_high_contrast_exists(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        assert "reader-high-contrast" in app.available_themes
        app.theme = "textual-light"
        await pilot.pause()
    assert settings_store().read().theme == "textual-light"
    again = ReaderApp(article)
    async with again.run_test(size=WIDE) as pilot:
        assert again.theme == "textual-light"
        assert not again.current_theme.dark


def _as_shown(app, widget) -> list[list]:
    """A widget's lines as the terminal gets them: rendered, then through the app's filters (NO_COLOR)."""
    from textual.color import Color
    from textual.geometry import Region

    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    for line_filter in app._filters:
        strips = [strip.apply_filter(line_filter, Color(0, 0, 0)) for strip in strips]
    return [list(strip) for strip in strips]


def _lightness(colour) -> int:
    r, g, b = colour.triplet if colour.triplet else colour.get_truecolor()
    assert r == g == b, "monochrome: every colour is a grey"
    return r


async def test_no_color_still_shows_quotes_and_ticks_by_style(article, monkeypatch):
    from reader.ui.dialogs.speakers import SpeakerPicker
    from reader.ui.widgets.scene_view import Paragraph

    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        assert app.no_color
        await pilot.press("right", "right")  # a beat with quotes in both columns
        quote = article.quotes_by_scene["pt-sighting"][0]
        para = next(p for p in shown(reading(app), Paragraph) if p.scene.id == "pt-sighting" and quote.text in p.text.plain)
        segments = [seg for line in _as_shown(app, para) for seg in line if seg.text.strip()]
        for seg in segments:
            if seg.style and seg.style.color:
                _lightness(seg.style.color)
        italic = "".join(seg.text for seg in segments if seg.style and seg.style.italic)
        upright = "".join(seg.text for seg in segments if not (seg.style and seg.style.italic))
        assert quote.text.split()[0] in italic and "Didorchuk said" in upright

        await pilot.press("s")
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("space")  # tick the first speaker
        await pilot.pause()
        listing = app.screen.query_one("SelectionList")
        boxes = [next(seg for seg in row if seg.text == "X") for row in _as_shown(app, listing) if any(seg.text == "X" for seg in row)]
        ticks = [(_lightness(x.style.color), bool(x.style.bold)) for x in boxes[:2]]
        (ticked, ticked_bold), (unticked, unticked_bold) = ticks
        assert ticked_bold and not unticked_bold
        assert ticked - unticked > 100  # a light X against an X the colour of its box


async def test_measure_keys_widen_narrow_and_reset(article):
    app = ReaderApp(article)
    async with app.run_test(size=(250, 60)) as pilot:
        await pilot.press("right", "right")
        col = reading(app).query_one("#col-gray-zone", SceneView)
        base = col.region.width
        await pilot.press("minus", "minus")
        assert col.region.width == base - 8
        await pilot.press("equals_sign")
        assert col.region.width == base
        await pilot.press("plus")
        assert col.region.width == base + 4


# -- library -----------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path) -> list[Path]:
    data = yaml.safe_load(ARTICLE_PATH.read_text(encoding="utf-8"))
    data["article"].pop("seed")
    paths = []
    for name, title in (("a.yaml", "First article"), ("b.yaml", "Second article")):
        data["article"]["id"], data["article"]["title"] = name[0], title
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    broken = tmp_path / "c.yaml"
    broken.write_text("article: [\n", encoding="utf-8")
    return paths + [broken]


async def test_library_lists_articles_and_opens_the_chosen_one(library):
    entries = read_library(library)
    app = ReaderApp(library=(entries, "folder"))
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        assert [str(c) for c in table.get_row_at(1)] == ["Second article", "2025-02-05", "The Associated Press, via The Independent", "19", "24"]
        assert str(table.get_row_at(2)[0]).startswith("⚠ c.yaml")
        await pilot.press("down", "down", "enter")  # the broken one does not open
        assert app.is_running and isinstance(app.screen, LibraryScreen)
        await pilot.press("up", "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.meta.title == "Second article"
        await pilot.press("q")  # back to the library, the cursor where it was
        assert isinstance(app.screen, LibraryScreen) and table.cursor_row == 1
        await pilot.press("enter", "s", "ctrl+q")  # ctrl+q, even in a dialog, leaves the article too
        assert isinstance(app.screen, LibraryScreen) and len(app.screen_stack) == 2
        await pilot.press("q")
    assert not app.is_running


def test_a_folder_with_one_article_opens_it_and_an_empty_folder_is_a_usage_error(tmp_path, capsys):
    from reader.cli import main, open_targets

    (tmp_path / "one").mkdir()
    shutil.copy(ARTICLE_PATH, tmp_path / "one" / "x.yaml")
    assert open_targets(str(tmp_path / "one")) == [tmp_path / "one" / "x.yaml"]
    (tmp_path / "none").mkdir()
    assert main([str(tmp_path / "none")]) == 2
    assert "is a folder with no articles" in capsys.readouterr().err


# -- about this article ----------------------------------------------------------------------


def dialog_text(app: ReaderApp) -> str:
    """What the dialog's Static widgets hold, tables included, as plain text."""
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    for static in app.screen.query(Static):
        console.print(static.content)
    return console.export_text()


async def test_about_shows_byline_publisher_date_and_address_and_copies_them(article_data, write_article):
    from reader.core.loader import load_article
    from reader.ui.dialogs.about import AboutScreen

    meta = article_data["article"]
    meta["title"] = "[bold]Kursk[/] captures"  # article text, never read as markup
    meta["authors"] = ["Samya Kullab", "Illia Novikov"]
    meta["url"] = "https://example.org/kursk?a=[b]"
    article = load_article(write_article(article_data))
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, AboutScreen)
        shown = dialog_text(app)
        for words in ("[bold]Kursk[/] captures", "Samya Kullab and Illia Novikov", "The Independent",
                      "The Associated Press, via The Independent", "2025-02-05", "https://example.org/kursk?a=[b]"):
            assert words in shown
        await pilot.press("c")
        assert app.clipboard == (
            "Samya Kullab and Illia Novikov, “[bold]Kursk[/] captures”, The Associated Press, via The Independent, "
            "2025-02-05. https://example.org/kursk?a=[b]"
        )
        await pilot.press("l")
        assert app.clipboard == "https://example.org/kursk?a=[b]"
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)
        await pilot.click("HeaderTitle")  # the title bar opens it too
        assert isinstance(app.screen, AboutScreen)


async def test_about_the_bundled_article_says_it_has_no_address(article):
    from reader.ui.dialogs.about import AboutScreen

    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("m")
        shown = dialog_text(app)
        assert "none: the article was not made from a web page" in shown and "(title by the editor)" in shown
        await pilot.press("escape", "ctrl+p", *"about this article")  # the palette opens it too
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        await pilot.press("l")
        assert app.clipboard == "" and any("no source address" in n.message for n in app._notifications)
        await pilot.press("c")
        assert app.clipboard == "“Two captures in Kursk: North Korean soldiers in Ukrainian hands”, The Associated Press, via The Independent, 2025-02-05."
