"""The side panels and the dialogs around them: facts, quotes, who's who, the source view, search words (issue 16)."""

from __future__ import annotations

from reader.ui.app import ReaderApp
from reader.ui.widgets.panels import FactsPanel, QuotesPanel

from .conftest import reading

WIDE = (120, 40)


def in_view(panel, index: int) -> bool:
    """True when every line of an option stands inside the panel's viewport."""
    top = panel._index_to_line[index]
    bottom = top + panel._heights[index]
    return panel.scroll_offset.y <= top and bottom <= panel.scroll_offset.y + panel.scrollable_content_region.height


# -- facts ----------------------------------------------------------------------------


async def test_the_first_marked_fact_shows_under_its_category_heading(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right")  # Spotted by a drone: one fact, under TIME
        await pilot.pause()
        panel = reading(app).query_one(FactsPanel)
        fact = panel.get_option_index("f19")
        assert panel.highlighted == fact
        assert in_view(panel, panel.heading_at["time"]) and in_view(panel, fact)
        assert str(panel.get_option_at_index(FactsPanel.STATUS).prompt) == "1 fact at this beat, marked ●"


async def test_a_fact_whose_heading_cannot_show_beside_it_names_its_category_in_the_border(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"didn't", "enter")  # Face to face, with the search bar taking room
        await pilot.pause()
        panel = reading(app).query_one(FactsPanel)
        fact = panel.get_option_index("f21")  # the sixth fact under PEOPLE
        assert panel.highlighted == fact and in_view(panel, fact)
        assert not in_view(panel, panel.heading_at["people"])
        assert panel.border_title == "Facts (2 here) · PEOPLE"
        panel.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        assert panel.border_title == "Facts (2 here)"


async def test_the_chosen_fact_stays_highlighted_and_in_view(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        panel = reading(app).query_one(FactsPanel)
        panel.focus()
        # f24 is the interrogation's last fact in the list: the beat's first (f23) must not take the cursor back
        panel.highlighted = panel.get_option_index("f24")
        await pilot.press("enter")
        await pilot.pause()
        assert reading(app).step == 10 and reading(app).marked_fact == "f24"
        assert panel.highlighted == panel.get_option_index("f24")
        assert in_view(panel, panel.highlighted)
        assert str(panel.get_option("f24").prompt).startswith("▶ ")
        await pilot.press("escape")  # the mark goes; the fact stays marked as the beat's
        assert str(panel.get_option("f24").prompt).startswith("● ")


async def test_a_beat_without_facts_says_so_and_clears_the_highlight(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*["right"] * 5)  # Words and gestures: three facts
        panel = reading(app).query_one(FactsPanel)
        assert panel.highlighted is not None
        await pilot.press("right")  # A cigarette: none
        await pilot.pause()
        assert panel.highlighted is None
        assert str(panel.get_option_at_index(FactsPanel.STATUS).prompt) == "No facts at this beat."
        assert panel.scroll_offset.y == 0  # the line that says so is in sight
        assert not [o for o in panel.options if str(o.prompt).startswith(("● ", "▶ "))]


async def test_a_wrapped_fact_hangs_under_its_first_line(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        panel = reading(app).query_one(FactsPanel)
        width = panel.scrollable_content_region.width
        wrapped = [o for o in panel.options if o.id in article.fact_by_id and panel._get_visual(o).get_height(panel.styles, width) > 1]
        assert wrapped
        for option in wrapped:
            first, *rest = panel._get_visual(option).lines(width)
            assert first.plain[:2] in ("● ", "  ", "▶ ") and first.plain[2] != " "
            assert all(line.plain.startswith("    ") and line.plain[4] != " " for line in rest)


# -- quotes ---------------------------------------------------------------------------


def notices(app) -> list[str]:
    """What the app has said in notifications, oldest first."""
    return [n.message for n in app._notifications]


async def test_an_attribution_is_the_name_and_the_highlighted_quote_adds_the_role(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right")  # Spotted by a drone: q02 q03 q19 q20
        panel = reading(app).query_one(QuotesPanel)
        didorchuk = article.speaker_by_id["didorchuk"]
        prompt = str(panel.get_option("q19").prompt)
        assert prompt.splitlines()[-1] == f"— {didorchuk.name}" and didorchuk.role not in prompt
        panel.focus()
        panel.highlighted = panel.get_option_index("q19")
        await pilot.pause()
        assert str(panel.get_option("q19").prompt).splitlines()[-2:] == [f"— {didorchuk.name}", f"  {didorchuk.role}"]
        await pilot.press("down")  # the role moves with the highlight: shown once
        assert didorchuk.role not in str(panel.get_option("q19").prompt)
        assert didorchuk.role in str(panel.get_option("q20").prompt)


async def test_all_quotes_are_in_reading_order_under_beat_labels(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        panel = reading(app).query_one(QuotesPanel)
        assert panel.border_title.startswith("Quotes · all beats")
        beat, beats_seen, order = None, [], []
        for option in panel.options:
            text = str(option.prompt)
            if option.disabled and text.startswith("Beat "):
                beat = int(text.split()[1]) - 1
                assert text == f"Beat {beat + 1} · {article.steps[beat].title}"
                beats_seen.append(beat)
            elif option.id:
                assert article.step_of_scene[article.quote_by_id[option.id].scene] == beat
                order.append(option.id)
        assert beats_seen == sorted(set(beats_seen)) and len(beats_seen) > 5
        rank = article.reading_rank
        assert order == sorted(order, key=rank.__getitem__) and order != sorted(order)  # not the file's order


async def test_unlinking_says_the_panels_show_all_beats_and_they_do(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", "u")
        await pilot.pause()
        assert any("panels show all beats" in n for n in notices(app))
        quotes, facts = reading(app).query_one(QuotesPanel), reading(app).query_one(FactsPanel)
        assert quotes.border_title == f"Quotes · all beats ({len(quotes.quote_ids)})"
        assert len(quotes.quote_ids) == len(article.listed_once(article.quotes))
        assert str(facts.get_option_at_index(FactsPanel.STATUS).prompt) == "Unlinked: every beat's facts."
        await pilot.press("u")
        await pilot.pause()
        assert quotes.border_title == "Quotes · this beat (4)"
        assert any("Columns linked at beat 3" in n for n in notices(app))


# -- who's who ------------------------------------------------------------------------


async def test_whos_who_lists_every_speaker_and_enter_filters_by_one(article):
    from textual.widgets import OptionList

    from reader.ui.dialogs.people import WhosWho
    from reader.ui.render import speaker_colours
    from reader.ui.themes import speaker_palette

    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, WhosWho)
        people = app.screen.query_one(OptionList)
        assert [o.id for o in people.options] == [s.id for s in article.speakers]
        colours = speaker_colours(article, app.current_theme.dark, speaker_palette(app.current_theme))  # as the text
        for option, speaker in zip(people.options, article.speakers, strict=True):
            count = len(article.quotes_by_speaker.get(speaker.id, ()))
            text = option.prompt
            assert speaker.name in str(text) and speaker.role in str(text)
            assert f"  {count} quote{'' if count == 1 else 's'}" in str(text)
            assert colours[speaker.id] in str(text.spans[0].style)  # the swatch in the speaker's colour
        assert "  1 quote\n" in str(people.get_option("gz-captive").prompt)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, WhosWho)
        assert reading(app).speakers == frozenset({"didorchuk"})


async def test_whos_who_from_the_quotes_panel_starts_on_the_quotes_speaker(article):
    from textual.widgets import OptionList

    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right")
        panel = reading(app).query_one(QuotesPanel)
        panel.focus()
        panel.highlighted = panel.get_option_index("q19")
        await pilot.press("i")
        people = app.screen.query_one(OptionList)
        assert people.highlighted_option.id == "didorchuk"
        await pilot.press("escape")
        assert reading(app).speakers == frozenset()
        assert panel.border_subtitle == "i who's who"


async def test_the_palette_finds_the_whos_who(article):
    from reader.ui.dialogs.people import WhosWho

    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p", *"who's who")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WhosWho)


# -- search -----------------------------------------------------------------------------


def test_search_finds_figure_captions_and_credits_in_reading_order(article):
    from reader.core.search import SearchIndex, next_hit

    index = SearchIndex(article)
    hits = index.find("Press Office via AP")  # a credit's words: in no paragraph
    assert hits and all(h.figure is not None for h in hits)
    for hit in hits:
        figure = article.scene_by_id[hit.scene].figures[hit.figure]
        assert figure.text[hit.start:hit.end].casefold() == "press office via ap"
    assert [h.scene for h in hits] == sorted((h.scene for h in hits), key=article.step_of_scene.__getitem__)
    assert index.find("captured two North Korean") and all(h.figure is None for h in index.find("captured two North Korean"))
    assert next_hit(2, 1, 3) == (0, True) and next_hit(0, -1, 3) == (2, True) and next_hit(1, 1, 3) == (2, False)
    assert next_hit(-1, -1, 3) == (2, False) and next_hit(-1, 1, 3) == (0, False)


async def test_a_hit_in_a_caption_is_shown_marked_and_in_view(article):
    from reader.ui.widgets.scene_view import FigureLine, shown

    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"office via ap", "enter")
        await pilot.pause()
        screen = reading(app)
        hit = screen.hits[screen.hit_index]
        assert hit.figure is not None and screen.current_step.key == article.steps[article.step_of_scene[hit.scene]].key
        figure = next(f for f in shown(screen, FigureLine) if f.has_class("-marked"))
        assert figure.scene.id == hit.scene
        lit = [figure.text.plain[s.start:s.end] for s in figure.text.spans if s.style.underline]
        assert [w.casefold() for w in lit] == ["office via ap"]
        view = figure.parent.parent
        assert view.scroll_offset.y <= figure.virtual_region.y < view.scroll_offset.y + view.scrollable_content_region.height


async def test_search_says_when_it_wraps(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"cigarette", "enter")  # two hits
        screen = reading(app)
        assert len(screen.hits) == 2 and screen.hit_index == 0
        await pilot.press("n")
        assert screen.hit_index == 1 and not any("wrapped" in n for n in notices(app))
        await pilot.press("n")
        assert screen.hit_index == 0 and notices(app)[-1] == "Search wrapped to the first hit"
        await pilot.press("N")
        assert screen.hit_index == 1 and notices(app)[-1] == "Search wrapped to the last hit"


# -- the source view ----------------------------------------------------------------------


async def test_the_source_view_opens_on_this_beat_and_reaches_the_left_out_blocks(article):
    from textual.widgets import OptionList

    from reader.ui.dialogs.source import SourceScreen, left_out_label

    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*["right"] * 4, "v")  # Face to face: far down the text
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        source = app.screen.query_one(OptionList)
        first = source.highlighted
        assert "(this beat)" in str(source.get_option_at_index(first).prompt)
        top = source._index_to_line[first]
        assert source.scroll_offset.y == top  # the beat's text opens at the top of the view
        prompts = [str(o.prompt) for o in source.options]
        assert prompts[0].startswith("[left out as metadata: the article's date]\n")
        assert not any("metadata: metadata" in p or "(metadata): metadata" in p for p in prompts)
        await pilot.press("home")  # the keyboard reaches the blocks left out at the top
        assert source.highlighted == 0 and source.scroll_offset.y == 0
        await pilot.press("down")
        assert prompts[source.highlighted].startswith("[left out: donation appeal")
        await pilot.press("enter")  # nowhere to go: it says so and stays
        assert isinstance(app.screen, SourceScreen) and "left out of the article" in notices(app)[-1]
    assert left_out_label("meta", "metadata") == "left out as metadata"
    assert left_out_label("meta", "the byline") == "left out as metadata: the byline"
    assert left_out_label("dropped", "") == "left out"


# -- words ----------------------------------------------------------------------------------


def test_plain_text_headings_are_underlined_to_their_length(article):
    from reader.core.export import to_text

    lines = to_text(article, width=60).splitlines()
    rules = [i for i, line in enumerate(lines) if line and set(line) <= {"=", "-"}]
    assert len(rules) == len(article.scenes) + 2  # the title, each scene, the facts
    for i in rules:
        heading = []
        j = i - 1
        while j >= 0 and lines[j]:  # the heading's lines run up to the blank line above it
            heading.append(lines[j])
            j -= 1
        assert len(lines[i]) == max(len(h) for h in heading)


def test_counts_of_one_are_singular():
    from reader.core.words import counted

    assert counted(1, "hit") == "1 hit" and counted(0, "hit") == "0 hits" and counted(2, "quote") == "2 quotes"


async def test_one_search_hit_is_a_hit(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"zigzagging, moving")  # one hit
        await pilot.pause()
        assert len(reading(app).hits) == 1
        assert str(reading(app).query_one("#search-count").render()) == "1 hit · Enter goes"


def footer_keys(screen) -> dict[str, str]:
    """The Footer's keys as shown: key display to description."""
    from textual.widgets._footer import FooterKey

    return {k.key_display: k.description for k in screen.query(FooterKey)}


async def test_the_footer_shows_enter_and_esc_while_searching(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        assert "Enter" not in footer_keys(reading(app))
        await pilot.press("slash", "d")
        await pilot.pause()
        keys = footer_keys(reading(app))
        assert keys["Enter"] == "Go to the hit" and keys["Esc"] == "Clear search"
        await pilot.press("escape")
        await pilot.pause()
        assert not reading(app).query_one("#search").display and "Esc" not in footer_keys(reading(app))


async def test_q_reads_back_in_an_article_opened_from_the_library(tmp_path, article):
    import yaml

    from reader.ui.screens.library import LibraryScreen, read_library
    from reader.ui.screens.reading import ReadingScreen

    from .conftest import ARTICLE_PATH

    data = yaml.safe_load(ARTICLE_PATH.read_text(encoding="utf-8"))
    data["article"].pop("seed")
    paths = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    for path in paths:
        data["article"]["id"] = path.stem
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    app = ReaderApp(library=(read_library(paths), "folder"), fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        assert footer_keys(app.screen)["q"] == "Quit"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen) and footer_keys(app.screen)["q"] == "Back"
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)
    alone = ReaderApp(article, fresh=True)
    async with alone.run_test(size=WIDE) as pilot:
        assert footer_keys(reading(alone))["q"] == "Quit"


async def test_all_quotes_open_at_the_readers_beat_and_follow_it(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*["right"] * 5, "a")  # Words and gestures, far down the list
        await pilot.pause()
        panel = reading(app).query_one(QuotesPanel)
        assert panel.scroll_offset.y == panel._index_to_line[panel.label_at[5]] > 0
        await pilot.press("right", "right")  # Under fire
        await pilot.pause()
        assert panel.scroll_offset.y == min(panel._index_to_line[panel.label_at[7]], panel.max_scroll_y)


def test_the_readme_and_the_help_list_the_whos_who_key():
    from reader.ui.app import ReaderApp
    from reader.ui.keys import key_table
    from reader.ui.screens.reading import ReadingScreen

    from .conftest import ROOT

    keys = (ROOT / "README.md").read_text(encoding="utf-8").split("## Keys", 1)[1].split("\n## ", 1)[0]
    assert "| `i` | who's who: every speaker with their colour, role and number of quotes; `enter` filters by one |" in keys
    table = {what: shown for _, rows in key_table(ReadingScreen.KEY_HELP, [*ReadingScreen.BINDINGS, *ReaderApp.BINDINGS]) for shown, what in rows}
    assert table["who's who: every speaker's colour, role and quotes; Enter filters by one"] == "i"


async def test_a_category_named_like_markup_is_shown_as_written(article):
    from reader.core.record import replace

    facts = tuple(replace(f, category="[b]odd[/b]") if f.category == "people" else f for f in article.facts)
    odd = replace(article, facts=facts)
    app = ReaderApp(odd, fresh=True, remember=False)
    async with app.run_test(size=(120, 24)) as pilot:
        panel = reading(app).query_one(FactsPanel)
        panel.scroll_to(y=panel._index_to_line[panel.heading_at["[b]odd[/b]"]] + 3, animate=False, immediate=True)
        await pilot.pause()
        assert panel._border_title.plain == "Facts (5 here) · [B]ODD[/B]"  # shown as written, not read as markup


def test_a_figure_drawn_afresh_with_the_current_hit_in_its_caption_is_marked(article):
    from reader.core.search import Hit
    from reader.ui.render import Highlights
    from reader.ui.widgets.scene_view import FigureLine

    scene = next(s for s in article.scenes if s.figures)
    hit = Hit(scene.id, scene.figures[0].after, 0, 3, figure=0)
    assert FigureLine(scene, 0, Highlights(hits=(hit,), current_hit=hit)).has_class("-marked")
    assert not FigureLine(scene, 0, Highlights(hits=(hit,))).has_class("-marked")
