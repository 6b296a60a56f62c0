"""The reading screen: side by side, quotes, the speaker filter, facts, keys and sizes."""

from __future__ import annotations

import pytest
from textual.widgets import SelectionList, Static

from reader.cli import main, resolve_speakers
from reader.core.errors import UsageError
from reader.ui.app import ReaderApp
from reader.ui.dialogs.help import HelpScreen
from reader.ui.dialogs.speakers import SpeakerPicker
from reader.ui.render import DARK_PALETTE, LIGHT_PALETTE
from reader.ui.themes import muted_text, speaker_palette
from reader.ui.widgets.panels import FactsPanel, QuotesPanel
from reader.ui.widgets.scene_view import SPARES_KEPT, Paragraph, SceneView, shown

from .conftest import reading

WIDE = (120, 40)
BEATS = {"sighting": 2, "words": 5, "under-fire": 7, "vehicle": 8}


def column(app: ReaderApp, narrative: str) -> SceneView:
    return reading(app).query_one(f"#col-{narrative}", SceneView)


def paragraphs(app: ReaderApp, narrative: str) -> list[Paragraph]:
    return list(shown(column(app, narrative), Paragraph))


def static_text(app: ReaderApp, selector: str) -> str:
    return str(reading(app).query_one(selector, Static).render())


async def goto(pilot, step: int) -> None:
    await pilot.press("g", *(["right"] * step))


# -- side by side ---------------------------------------------------------------------


async def test_each_column_is_headed_by_its_narrative_and_position(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["sighting"])
        gz, pt = column(app, "gray-zone"), column(app, "paratroopers")
        assert str(gz.query_one(".column-title", Static).render()) == "The gray zone mission"
        assert str(pt.query_one(".column-title", Static).render()) == "The lone soldier"
        assert str(gz.query_one(".column-position", Static).render()) == "scene 2 of 9"
        assert str(pt.query_one(".column-position", Static).render()) == "scene 2 of 8"
        assert gz.region.x < pt.region.x and gz.region.y == pt.region.y  # side by side


async def test_a_narrative_with_nothing_at_a_beat_says_so_quietly(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["under-fire"])
        assert paragraphs(app, "gray-zone")
        assert not paragraphs(app, "paratroopers")
        empty = column(app, "paratroopers").query_one(".empty", Static)
        assert "nothing at this beat" in str(empty.render())


async def test_only_the_current_beat_is_shown_and_spare_widgets_stay_hidden_and_few(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["words"])
        mounted = {p.scene.id for p in shown(reading(app), Paragraph)}
        assert mounted == {"gz-talk", "pt-gestures"}
        # every beat, there and back, twice: after the first round a column has every widget it
        # needs and mounts no more; what a beat does not use waits hidden, a bounded number of them
        screen = reading(app)
        sweep = [*range(len(article.steps)), *reversed(range(len(article.steps)))]
        counts = []
        for _ in range(2):
            for step in sweep:
                screen.step = step
                await pilot.pause()
                for view in screen.query(SceneView):
                    body = view.query_one(".column-body")
                    assert len([w for w in body.children if not w.display]) <= SPARES_KEPT
            counts.append([len(view.query_one(".column-body").children) for view in screen.query(SceneView)])
        assert counts[0] == counts[1]
        assert {p.scene.id for p in shown(screen, Paragraph)} == {s.id for s in article.steps[0].scenes if s.paragraphs}


async def test_columns_scroll_on_their_own_with_j_and_k(article):
    app = ReaderApp(article)
    async with app.run_test(size=(120, 16)) as pilot:
        await goto(pilot, BEATS["words"])
        gz, pt = column(app, "gray-zone"), column(app, "paratroopers")
        assert app.focused is gz and gz.max_scroll_y > 0
        await pilot.press("j", "j", "j")
        assert gz.scroll_y == 3 and pt.scroll_y == 0
        await pilot.press("k")
        assert gz.scroll_y == 2


async def test_unlinked_columns_step_alone_and_link_again(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["sighting"])
        await pilot.press("u")
        assert not reading(app).linked and "Unlinked" in static_text(app, "#beat-bar")
        await pilot.press("2", "right", "right")  # the paratroopers alone
        assert paragraphs(app, "paratroopers")[0].scene.id == "pt-face-to-face"
        assert paragraphs(app, "gray-zone")[0].scene.id == "gz-sighting"
        assert "Face to face" in str(column(app, "paratroopers").query_one(".column-position", Static).render())
        await pilot.press("u")  # link again at the focused narrative's beat
        assert reading(app).linked and reading(app).step == 4
        assert paragraphs(app, "gray-zone")[0].scene.id == "gz-grenade"


async def test_unlinked_stepping_skips_beats_where_the_narrative_has_nothing(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["under-fire"] - 1)
        await pilot.press("u", "2", "right")
        assert paragraphs(app, "paratroopers")[0].scene.id == "pt-vehicle"


async def test_progress_shows_beat_i_of_n(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right")
        assert "Beat 2 of 11" in static_text(app, "#beat-bar")
        assert "Before the capture" in static_text(app, "#beat-bar")


# -- quotes -----------------------------------------------------------------------------


def span_colours(para: Paragraph) -> dict[str, str]:
    """Quoted words of a paragraph mapped to their colour."""
    text = para.text
    return {text.plain[s.start:s.end]: s.style.color.name if s.style.color else "" for s in text.spans}


async def test_quotes_are_highlighted_in_their_speakers_colour(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["sighting"])
        gz = span_colours(paragraphs(app, "gray-zone")[1])
        pt = span_colours(paragraphs(app, "paratroopers")[1])
        # the theme's speaker colours: the dark palette, less its orange (too near textual-dark's accent)
        palette = speaker_palette(app.current_theme)
        assert palette[:2] == (DARK_PALETTE[0], DARK_PALETTE[2])
        assert gz["Koreans are incredibly tough"] == palette[0]
        assert pt["He was zigzagging, moving left and right"] == palette[1]


async def test_nested_words_take_their_own_speakers_colour(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, 6)  # the cigarette
        colours = span_colours(paragraphs(app, "gray-zone")[0])
        assert colours["brothers."] == speaker_palette(app.current_theme)[2]


async def test_light_theme_switches_the_palette(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["sighting"])
        app.theme = "textual-light"
        await pilot.pause()
        # the light palette, darkened just enough to read on a selected row's band too
        shown = span_colours(paragraphs(app, "gray-zone")[1])["Koreans are incredibly tough"]
        assert shown == speaker_palette(app.current_theme)[0] == "#005072" and LIGHT_PALETTE[0] == "#005f87"


async def test_quotes_panel_lists_the_beat_or_all(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["sighting"])
        panel = reading(app).query_one(QuotesPanel)
        assert panel.quote_ids == ("q02", "q03", "q19", "q20")
        assert panel.border_title == "Quotes · this beat (4)"
        await pilot.press("a")
        nested = {q.id for q in article.quotes if q.within}
        assert nested == {"q07", "q11"}  # shown inside q06 and q10, not twice
        assert panel.quote_ids == tuple(q.id for q in article.quotes_in_reading_order if q.id not in nested)
        assert "Didorchuk" in str(panel.get_option("q19").prompt)
        assert "quoting the North Korean captured in the gray zone" in str(panel.get_option("q06").prompt)


async def test_choosing_a_quote_jumps_to_its_scene_and_marks_it(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        panel = reading(app).query_one(QuotesPanel)
        panel.focus()
        panel.highlighted = panel.get_option_index("q24")
        await pilot.press("enter")
        await pilot.pause()
        assert reading(app).marked_quote == "q24"
        assert reading(app).step == BEATS["vehicle"]
        marked = [p for p in shown(reading(app), Paragraph) if p.has_class("-marked")]
        assert [p.scene.id for p in marked] == ["pt-vehicle"]


async def test_clicking_a_quote_jumps_to_it(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["sighting"])
        panel = reading(app).query_one(QuotesPanel)
        assert await pilot.click(QuotesPanel, offset=(3, 1))
        await pilot.pause()
        assert reading(app).marked_quote == panel.quote_ids[0]


async def test_escape_clears_the_mark(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        reading(app).jump_to_quote("q05")
        await pilot.pause()
        await pilot.press("escape")
        assert reading(app).marked_quote is None
        assert not [p for p in shown(reading(app), Paragraph) if p.has_class("-marked")]


# -- the speaker filter ------------------------------------------------------------------


async def test_speaker_picker_filters_quotes_and_dims_the_others(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["sighting"])
        await pilot.press("s")
        assert isinstance(app.screen, SpeakerPicker)
        picker = app.screen.query_one(SelectionList)
        prompts = [str(picker.get_option_at_index(i).prompt) for i in range(3)]
        assert "12 quotes" in prompts[0] and "11 quotes" in prompts[1] and "1 quote" in prompts[2]
        assert "27-year-old paratrooper" in prompts[1]
        await pilot.press("down", "space", "enter")  # Maksym Didorchuk
        assert reading(app).speakers == frozenset({"didorchuk"})
        assert reading(app).query_one("#filter-bar").display
        assert "Maksym Didorchuk" in static_text(app, "#filter-bar")
        assert reading(app).query_one(QuotesPanel).quote_ids == ("q19", "q20")
        koreans = next(s for s in paragraphs(app, "gray-zone")[1].text.spans if s.style.italic)
        # the others' words in the theme's muted colour (dim fell below AA in several themes)
        assert koreans.style.color.name == muted_text(app.current_theme).lower() and not koreans.style.bold


async def test_bracket_keys_step_to_beats_where_the_speaker_speaks(article):
    app = ReaderApp(article, speakers=frozenset({"gz-captive"}))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right_square_bracket")
        assert reading(app).step == 6  # the cigarette: ‘brothers’
        await pilot.press("right_square_bracket")
        assert reading(app).step == 6  # nothing later: stays, and says so
        await pilot.press("left_square_bracket")
        assert reading(app).step == 6
        reading(app).speakers = frozenset({"didorchuk"})
        await pilot.press("left_square_bracket")
        assert reading(app).step == 5


async def test_x_clears_the_filter(article):
    app = ReaderApp(article, speakers=frozenset({"didorchuk"}))
    async with app.run_test(size=WIDE) as pilot:
        assert reading(app).query_one("#filter-bar").display
        await pilot.press("x")
        assert reading(app).speakers == frozenset()
        assert not reading(app).query_one("#filter-bar").display


async def test_clearing_the_filter_on_an_empty_beat_updates_the_quotes_panel(article):
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        panel = reading(app).query_one(QuotesPanel)
        assert reading(app).step == 0 and not panel.quote_ids  # the opening quotes nobody
        reading(app).speakers = frozenset({"didorchuk"})
        await pilot.pause()
        assert "chosen speakers" in str(panel.get_option_at_index(0).prompt)
        await pilot.press("x")
        assert str(panel.get_option_at_index(0).prompt) == "No quotes at this beat."


async def test_picker_escape_keeps_the_filter(article):
    app = ReaderApp(article, speakers=frozenset({"didorchuk"}))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "space", "escape")
        assert reading(app).speakers == frozenset({"didorchuk"})


def test_speaker_argument_resolves_ids_and_parts_of_names(article):
    assert resolve_speakers(article, ["didorchuk"]) == {"didorchuk"}
    assert resolve_speakers(article, ["MAKSYM"]) == {"didorchuk"}
    assert resolve_speakers(article, ["north korean", "sf-soldier"]) == {"gz-captive", "sf-soldier"}
    with pytest.raises(UsageError, match="the speakers are: sf-soldier"):
        resolve_speakers(article, ["nobody"])


def test_unknown_speaker_is_a_usage_error(capsys):
    assert main(["--speaker", "nobody"]) == 2
    err = capsys.readouterr().err
    assert "unknown speaker 'nobody'" in err and "didorchuk (Maksym Didorchuk)" in err


# -- facts -----------------------------------------------------------------------------


async def test_facts_are_grouped_and_the_beats_facts_marked(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right")
        panel = reading(app).query_one(FactsPanel)
        headings = [str(o.prompt) for o in panel.options[FactsPanel.STATUS + 1:] if o.disabled]
        assert headings == ["PEOPLE", "PLACES", "TIME", "NUMBERS", "UNITS", "SOURCES"]
        marked = {o.id for o in panel.options if str(o.prompt).startswith("● ")}
        assert marked == {f.id for f in article.facts if f.scene in ("gz-objective", "pt-assault")}


async def test_the_title_bar_names_publisher_date_and_byline(article):
    from reader.core.record import replace

    meta = replace(article.meta, authors=("Illia Novikov", "Hanna Arhirova"))
    app = ReaderApp(replace(article, meta=meta))
    async with app.run_test(size=WIDE):
        assert reading(app).sub_title == f"{meta.source} · {meta.date} · by Illia Novikov and Hanna Arhirova"
        assert app.sub_title == reading(app).sub_title


async def test_an_attributed_fact_carries_its_attribution_in_the_sidebar(article):
    attributed = [f for f in article.facts if f.according_to]
    assert attributed  # the bundled article attributes some claims ("according to Didorchuk")
    app = ReaderApp(article)
    async with app.run_test(size=WIDE):
        panel = reading(app).query_one(FactsPanel)
        prompts = {o.id: str(o.prompt) for o in panel.options if o.id}
        for fact in attributed:
            assert f"(according to {article.according_to(fact)})" in prompts[fact.id]
        assert all("according to" not in prompts[f.id] for f in article.facts if not f.according_to)


async def test_choosing_a_fact_jumps_and_marks_its_span(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        panel = reading(app).query_one(FactsPanel)
        panel.focus()
        panel.highlighted = panel.get_option_index("f23")  # Tuva
        await pilot.press("enter")
        await pilot.pause()
        assert reading(app).step == 10 and reading(app).marked_fact == "f23"
        para = next(p for p in shown(reading(app), Paragraph) if p.has_class("-marked"))
        text = para.text
        marked = [text.plain[s.start:s.end] for s in text.spans if s.style.reverse]
        assert marked == [article.fact_by_id["f23"].source]


async def test_clicking_a_fact_jumps_to_it_and_marks_its_span(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["sighting"])
        panel = reading(app).query_one(FactsPanel)
        assert reading(app).marked_fact is None
        assert await pilot.click(FactsPanel, offset=(4, 2))
        await pilot.pause()
        chosen = panel.get_option_at_index(panel.highlighted).id
        assert chosen in article.fact_by_id and reading(app).marked_fact == chosen
        fact = article.fact_by_id[chosen]
        assert fact.scene in {s.id for s in reading(app).current_step.scenes}
        para = next(p for p in shown(reading(app), Paragraph) if p.has_class("-marked"))
        assert [para.text.plain[s.start:s.end] for s in para.text.spans if s.style.reverse] == [fact.source]


async def test_clicking_a_column_gives_it_the_keyboard(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["sighting"])
        assert app.focused.id == "col-gray-zone"
        await pilot.click("#col-paratroopers", offset=(5, 4))  # lands on a paragraph inside it
        await pilot.pause()
        assert app.focused.id == "col-paratroopers"


async def test_f_hides_and_shows_the_facts_sidebar(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        facts = reading(app).query_one(FactsPanel)
        assert facts.display and facts.region.width
        await pilot.press("f")
        assert not facts.region.width
        await pilot.press("w")
        assert not reading(app).query_one("#side").region.width
        await pilot.press("f", "w")
        assert facts.region.width and reading(app).query_one(QuotesPanel).region.width


# -- keys, help, sizes ---------------------------------------------------------------------


async def test_help_lists_every_key_and_closes(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(
            "".join(seg.text for strip in s.render_lines(s.region.reset_offset) for seg in strip)
            for s in app.screen.query(Static)
        )
        for needle in ("next beat", "unlink", "filter by speaker", "facts sidebar", "quit"):
            assert needle in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_tab_cycles_columns_and_panels(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right")
        seen = []
        for _ in range(4):
            seen.append(app.focused.id)
            await pilot.press("tab")
        assert seen == ["col-gray-zone", "col-paratroopers", "quotes", "facts"]


async def test_footer_shows_the_keys_that_matter(article):
    app = ReaderApp(article)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        shown = {b.binding.description for b in app.active_bindings.values() if b.binding.show}
        assert {"Next", "Prev", "Speakers", "Quotes", "Facts", "Help", "Quit"} <= {b for b in shown}


async def test_footer_is_rebuilt_only_when_its_keys_change(article):
    from textual.widgets._footer import FooterKey

    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right")
        await pilot.pause()
        keys = set(map(id, reading(app).query(FooterKey)))
        await pilot.press("tab", "tab", "tab")  # focus moves; the keys shown stay the same
        await pilot.pause()
        assert set(map(id, reading(app).query(FooterKey))) == keys
        reading(app).speakers = frozenset({"didorchuk"})  # x appears: a rebuild
        await pilot.pause()
        await pilot.pause()
        assert set(map(id, reading(app).query(FooterKey))) != keys
        # from then on x is hidden and shown again in place: a filter change mounts no key
        keys = set(map(id, reading(app).query(FooterKey)))
        for speakers, shown in ((frozenset(), False), (frozenset({"didorchuk"}), True), (frozenset(), False)):
            reading(app).speakers = speakers
            await pilot.pause()
            await pilot.pause()
            assert set(map(id, reading(app).query(FooterKey))) == keys
            x = next(k for k in reading(app).query(FooterKey) if k.action == "clear_filter")
            assert x.display is shown


async def test_footer_offers_clear_filter_only_while_filtering(article):
    from textual.widgets._footer import FooterKey

    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()

        def footer_keys() -> set[str]:
            return {k.description for k in reading(app).query(FooterKey) if k.display}  # a key not in use is hidden

        assert "Clear filter" not in footer_keys()
        reading(app).speakers = frozenset({"didorchuk"})
        await pilot.pause()
        await pilot.pause()
        assert "Clear filter" in footer_keys()
        await pilot.press("x")
        await pilot.pause()
        await pilot.pause()
        assert "Clear filter" not in footer_keys() and reading(app).speakers == frozenset()


async def test_narrow_screen_uses_tabs_and_overlays(article):
    app = ReaderApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, BEATS["sighting"])
        assert app.screen.has_class("-narrow")
        assert not reading(app).query_one("#side").region.width  # panels hidden until asked for
        assert column(app, "gray-zone").region.width and not column(app, "paratroopers").region.width
        await pilot.press("2")
        assert column(app, "paratroopers").region.width and not column(app, "gray-zone").region.width
        await pilot.press("w")
        assert reading(app).query_one(QuotesPanel).region.width and app.focused is reading(app).query_one(QuotesPanel)
        await pilot.press("escape")
        assert not reading(app).query_one("#side").region.width
        await pilot.press("f")
        assert reading(app).query_one(FactsPanel).region.width and not reading(app).query_one(QuotesPanel).region.width


async def test_the_keyboard_leaving_an_overlay_closes_it(article):
    app = ReaderApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, BEATS["sighting"])
        await pilot.press("w")
        assert reading(app).overlay == "quotes" and app.focused is reading(app).query_one(QuotesPanel)
        await pilot.press("tab")  # the text behind would take the keys while the overlay hid it
        assert reading(app).overlay is None and not reading(app).query_one("#side").region.width
        await pilot.press("f")
        assert reading(app).overlay == "facts"
        await pilot.click("#col-gray-zone", offset=(2, 4))  # the text beside the overlay
        assert reading(app).overlay is None and app.focused.id == "col-gray-zone"


async def test_wide_screen_keeps_a_readable_measure(article):
    app = ReaderApp(article)
    async with app.run_test(size=(250, 70)) as pilot:
        await goto(pilot, BEATS["sighting"])
        assert app.screen.has_class("-wide")
        assert column(app, "gray-zone").region.width <= 84


@pytest.mark.parametrize("size", [(40, 12), (20, 6), (250, 70), (80, 24)])
async def test_no_crash_at_any_size_or_resize(article, size):
    app = ReaderApp(article)
    async with app.run_test(size=size) as pilot:
        for key in ("right", "right", "w", "f", "s", "escape", "u", "2", "right", "question_mark", "escape", "G"):
            await pilot.press(key)
        for new in ((40, 12), (200, 50), (20, 6), (100, 30), size):
            await pilot.resize_terminal(*new)
            await pilot.pause()
        assert app.is_running


async def test_a_storyline_with_nothing_at_this_beat_says_so_in_its_own_title(article_data, write_article):
    from reader.core.loader import load_article

    pt = next(n for n in article_data["narratives"] if n["id"] == "paratroopers")
    pt["title"] = "[/]The lone soldier [sic]"  # its own article, and brackets that are not markup
    article = load_article(write_article(article_data))
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, BEATS["under-fire"])  # the paratroopers have no scene at this beat
        empty = column(app, "paratroopers").query_one(".empty", Static)
        assert str(empty.render()) == "[/]The lone soldier [sic]: nothing at this beat."


async def test_the_beat_layout_class_restyles_what_its_rules_style_and_misses_nothing(article):
    """Only the widgets the layout rules name are restyled when a beat changes the layout class
    (a full restyle of #body cost a step 90 ms); a full restyle afterwards changes no widget's style."""
    for size in (WIDE, (80, 24), (240, 60)):
        app = ReaderApp(article, fresh=True)
        async with app.run_test(size=size) as pilot:
            screen = reading(app)
            for step in (1, 0, len(article.steps) - 1, 2, 0):  # columns, the lede, a passage across the width
                screen.step = step
                await pilot.pause()
                nodes = list(screen.walk_children(with_self=True))
                before = [node.styles.css for node in nodes]
                app.update_styles(screen)
                assert [node.styles.css for node in nodes] == before, f"at {size}, beat {step + 1}"


async def test_a_column_taking_or_losing_the_focus_looks_as_textuals_full_restyle_draws_it(article, monkeypatch):
    """A column restyles only itself on focus (its text is redrawn, not matched again): the screens
    it shows through focus moves are those Textual's restyle of the whole column shows."""
    from textual.widget import Widget

    from reader.ui.widgets.scene_view import SceneView

    async def shots() -> list[str]:
        app = ReaderApp(article, fresh=True)
        taken = []
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            for key in ("l", "h", "l", "tab", "tab", "l", "h"):  # the lede and the columns swap the focus; tab moves it
                await pilot.press(key)
                await pilot.pause()
                taken.append(app.export_screenshot())
        return taken

    ours = await shots()
    monkeypatch.setattr(SceneView, "watch_has_focus", Widget.watch_has_focus)
    assert ours == await shots()


async def test_a_step_to_or_from_the_lede_sets_each_columns_cue_once_and_right(article, monkeypatch):
    """The "more below" cue and the percentage are set once a step, from the layout the step made:
    read mid-layout, the cue of a column that fits came and went again (a second layout a step)."""
    changes: list[tuple[str, object]] = []
    original = SceneView._show_progress

    def counted(self: SceneView) -> None:
        before = self._progress
        original(self)
        if self._progress != before:
            changes.append((self.id or "", self._progress))

    monkeypatch.setattr(SceneView, "_show_progress", counted)
    for size in (WIDE, (80, 24)):
        app = ReaderApp(article, fresh=True)
        async with app.run_test(size=size) as pilot:
            screen = reading(app)
            await pilot.pause()
            for step in (1, 0, 1, 0, 1):
                changes.clear()
                screen.step = step
                await pilot.pause()
                await pilot.pause()
                ids = [who for who, _ in changes]
                assert len(ids) == len(set(ids)), f"at {size}, beat {step + 1}, a cue changed twice: {changes}"
                for view in screen.query(SceneView):
                    if view.display and view.scrollable_content_region.height:
                        assert view.query_one(".column-more").display == view.has_more_below, f"{view.id} at {size}"
