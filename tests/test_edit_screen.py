"""The editing screen: every key it binds, undo and redo, saving, leaving, $EDITOR, the done state.

It runs on a copy of `reader import` of the seed (and of the bundled article, for facts and the
done state). Records are found by their words, not by ids, so the tests hold whatever the
importer proposes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from reader.core.editing import EditSession
from reader.core.loader import load_article
from reader.ui.app import ReaderApp
from reader.ui.dialogs.editing import Choice, Confirm, Form
from reader.ui.screens import editing as editing_module
from reader.ui.screens.editing import DONE, EditScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.review import ReviewPanel
from reader.ui.widgets.scene_view import Paragraph, shown

from .conftest import SEED_PATH


def editor(app: ReaderApp) -> EditScreen:
    """The editing screen of a running app (under any dialog)."""
    return next(s for s in reversed(app.screen_stack) if isinstance(s, EditScreen))


@pytest.fixture(autouse=True)
def _said(monkeypatch):
    """Keep every notification's words: a short-lived one may expire on a slow machine before a test reads it."""
    notify = ReaderApp.notify

    def keep(self, message, *args, **kwargs):
        self.__dict__.setdefault("said", []).append(str(message))
        return notify(self, message, *args, **kwargs)

    monkeypatch.setattr(ReaderApp, "notify", keep)


def notes(app: ReaderApp) -> list[str]:
    """What the app has said, in order (expired notifications too)."""
    return list(app.__dict__.get("said", []))


def panel_text(app: ReaderApp) -> str:
    """The review panel's lines, as plain text."""
    return "\n".join(str(s.render()) for s in editor(app).query_one(ReviewPanel).children)


def quote_with(session: EditSession, words: str) -> dict:
    """The quote whose text holds some words."""
    return next(q for q in session.data["quotes"] if words in q["text"])


def scene_with(session: EditSession, words: str) -> dict:
    """The scene holding some words."""
    return next(s for s in session.data["scenes"] if any(words in p for p in s["paragraphs"]))


async def review(pilot, key: tuple[str, str]) -> EditScreen:
    """Make a guess the current one, as n would."""
    screen = editor(pilot.app)
    screen.show_item(screen.review_queue.get(key))
    await pilot.pause()
    return screen


async def choose(pilot, ident: str) -> None:
    """In an open Choice dialog, choose the line with this id."""
    dialog = pilot.app.screen
    assert isinstance(dialog, Choice)
    options = dialog.query_one(OptionList)
    options.highlighted = options.get_option_index(ident)
    await pilot.press("enter")
    await pilot.pause()


async def fill(pilot, **values: str) -> None:
    """In an open Form, set fields and press Enter."""
    dialog = pilot.app.screen
    assert isinstance(dialog, Form)
    for name, value in values.items():
        dialog.query_one(f"#field-{name}", Input).value = value
    dialog.query_one(Input).focus()
    await pilot.press("enter")
    await pilot.pause()


def app_for(path: Path) -> ReaderApp:
    """The app as `reader edit PATH` opens it."""
    return ReaderApp(edit=EditSession(path), remember=False)


async def test_opens_with_the_count_and_the_first_guess_and_n_steps_through_them(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        queue = screen.review_queue
        assert f"{queue.left} to review" in panel_text(app) and f"1/{queue.left}" in panel_text(app)
        first = queue.items[0]
        assert screen.current == first.key and first.rule in panel_text(app)
        # step to the first quote: the view moves to its beat, its words are highlighted
        quote = next(i for i in queue.items if i.kind == "quote")
        for _ in range(queue.items.index(quote)):
            await pilot.press("n")
        await pilot.pause()
        assert screen.current == quote.key and screen.marked_quote == quote.key[1]
        assert f"confidence {quote.confidence:.2f}" in panel_text(app) and quote.rule in panel_text(app)
        assert screen.article.step_of_scene[quote.anchor.scene] == screen.step
        para = next(p for p in shown(screen, Paragraph) if p.scene.id == quote.anchor.scene and p.index == quote.anchor.paragraph)
        assert para.has_class("-marked")
        underlined = [s for s in para.text.spans if s.start == quote.anchor.start and s.end == quote.anchor.end and "underline" in str(s.style)]
        assert underlined
        await pilot.press("N")
        assert screen.current == queue.items[queue.items.index(quote) - 1].key


async def test_a_accepts_and_ctrl_z_ctrl_y_undo_and_redo(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        left, first = screen.review_queue.left, screen.review_queue.items[0]
        await pilot.press("a")
        await pilot.pause()
        assert screen.review_queue.left == left - 1 and screen.review_queue.get(first.key) is None
        assert screen.session.dirty and f"{left - 1} to review" in panel_text(app)
        assert screen.current == screen.review_queue.items[0].key  # the next guess is up
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.review_queue.left == left and not screen.session.dirty
        assert any(n.startswith("Undone: accept") for n in notes(app))
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen.review_queue.left == left - 1
        await pilot.press("ctrl+y")
        assert "Nothing to redo." in notes(app)


async def test_S_gives_a_quote_another_speaker_or_a_new_one(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = editor(app).session
        quote = quote_with(session, "I looked at him")
        await review(pilot, ("quotes", quote["id"]))
        other = next(s["id"] for s in session.data["speakers"] if s["id"] != quote["speaker"])
        await pilot.press("S")
        await pilot.pause()
        await choose(pilot, other)
        assert quote_with(session, "I looked at him")["speaker"] == other
        # a new speaker: name, role, anonymous
        screen = editor(app)
        screen.marked_quote = quote["id"]
        await pilot.press("S")
        await pilot.pause()
        await choose(pilot, editing_module.NEW_SPEAKER)
        assert isinstance(app.screen, Form)
        await pilot.press(*"Oleh")
        await fill(pilot, role="a Ukrainian commander")
        speaker = quote_with(session, "I looked at him")["speaker"]
        assert next(s for s in session.data["speakers"] if s["id"] == speaker)["name"] == "Oleh"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert quote_with(session, "I looked at him")["speaker"] == other


async def test_d_deletes_a_false_quote_and_a_real_one_is_refused_with_its_reason(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        session = screen.session
        real = quote_with(session, "They were likely abandoned")
        await review(pilot, ("quotes", real["id"]))
        await pilot.press("d")
        await pilot.pause()
        assert any("not in the quotes list" in n for n in notes(app)) and not session.dirty
        scene = scene_with(session, "two of the North Koreans were killed")
        para = next(i for i, p in enumerate(scene["paragraphs"]) if "two of the North Koreans were killed" in p)
        start = scene["paragraphs"][para].index("two of the North Koreans were killed")
        false = session.add_quote(scene["id"], para, start, start + 36, real["speaker"])
        screen.rebuild()
        await pilot.pause()
        screen.marked_quote = false
        await pilot.press("d")
        await pilot.pause()
        assert all(q["id"] != false for q in session.data["quotes"])


async def test_m_moves_a_scene_to_a_storyline_and_back_to_context_and_r_sets_its_beat(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = editor(app).session
        scene = scene_with(session, "Around noon")
        await review(pilot, ("scenes", scene["id"]))
        narrative = session.data["narratives"][0]["id"]
        await pilot.press("m")
        await pilot.pause()
        await choose(pilot, narrative)
        assert scene_with(session, "Around noon")["narrative"] == narrative
        assert editor(app).article.scene_by_id[scene["id"]].narrative == narrative
        await pilot.press("m")
        await pilot.pause()
        await choose(pilot, editing_module.CONTEXT)
        assert scene_with(session, "Around noon")["narrative"] is None
        beat = session.data["beats"][-1]["id"]
        await pilot.press("r")
        await pilot.pause()
        await choose(pilot, beat)
        assert scene_with(session, "Around noon")["beat"] == beat


async def test_K_splits_a_scene_and_J_merges_it_back(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = editor(app).session
        scene = scene_with(session, "Around noon")
        count = len(session.data["scenes"])
        await review(pilot, ("scenes", scene["id"]))
        await pilot.press("K")
        await pilot.pause()
        await choose(pilot, "1")
        assert len(session.data["scenes"]) == count + 1
        assert len(scene_with(session, "Around noon")["paragraphs"]) == 1
        await pilot.press("J")
        await pilot.pause()
        assert len(session.data["scenes"]) == count
        assert scene_with(session, "Around noon")["paragraphs"] == scene["paragraphs"]


async def test_T_renames_the_storyline_under_review(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = editor(app).session
        narrative = session.data["narratives"][0]["id"]
        await review(pilot, ("narratives", narrative))
        await pilot.press("T")
        await pilot.pause()
        await fill(pilot, title="First capture", summary="The soldier taken near Kursk on Jan. 9")
        rec = session.data["narratives"][0]
        assert (rec["title"], rec["summary"]) == ("First capture", "The soldier taken near Kursk on Jan. 9")
        assert "review" not in rec


async def test_R_restores_a_dropped_paragraph(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        dropped = next(i for i in screen.review_queue.items if i.kind == "dropped")
        paragraphs = sum(len(s["paragraphs"]) for s in screen.session.data["scenes"])
        await review(pilot, dropped.key)
        await pilot.press("R")
        await pilot.pause()
        assert sum(len(s["paragraphs"]) for s in screen.session.data["scenes"]) == paragraphs + 1
        assert any(dropped.text in p for s in screen.session.data["scenes"] for p in s["paragraphs"])


async def test_F_edits_a_fact_and_d_deletes_it(bundled):
    app = app_for(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        session = screen.session
        fact = session.data["facts"][0]
        screen.jump_to_fact(fact["id"])
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        await fill(pilot, label="Renamed label")
        assert session.data["facts"][0]["label"] == "Renamed label"
        screen = editor(app)
        screen.marked_fact = fact["id"]
        await pilot.press("d")
        await pilot.pause()
        assert all(f["id"] != fact["id"] for f in session.data["facts"])
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session.data["facts"][0]["label"] == "Renamed label"


async def test_an_empty_queue_says_check_strict_will_pass(bundled):
    app = app_for(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert DONE in panel_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert DONE in notes(app)


async def test_ctrl_s_saves_and_a_file_changed_on_disk_is_not_clobbered(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert any(n.startswith("Saved ") for n in notes(app))
        assert not editor(app).session.dirty and Path(str(imported) + ".bak").exists()
        load_article(imported)
        await pilot.press("a")
        imported.write_text(imported.read_text(encoding="utf-8") + "\n# someone else\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "# someone else" in imported.read_text(encoding="utf-8") and editor(app).session.dirty
        assert any(n.title == "Not saved: the file changed on disk" for n in app._notifications)


async def test_q_with_unsaved_edits_asks_escape_stays_n_leaves_without_saving(imported):
    before = imported.read_text(encoding="utf-8")
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", "q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        await pilot.press("ctrl+q")  # the app's quit asks too
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
    assert app.return_code == 0 and imported.read_text(encoding="utf-8") == before


async def test_q_then_y_saves_and_leaves(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", "q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert not EditSession(imported).queue.get(("article", "article"))


async def test_e_in_the_reader_edits_and_q_comes_back_to_the_saved_article(bundled):
    app = ReaderApp(load_article(bundled), remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        screen = editor(app)
        session = screen.session
        scene = scene_with(session, session.data["scenes"][0]["paragraphs"][0])
        await pilot.press("T")
        await pilot.pause()
        await choose(pilot, f"scene:{scene['id']}")
        await fill(pilot, title="A new title")
        await pilot.press("ctrl+s", "q")
        await pilot.pause()
        reading = app.screen
        assert isinstance(reading, ReadingScreen) and not isinstance(reading, EditScreen)
        assert reading.article.scene_by_id[scene["id"]].title == "A new title"


async def test_E_opens_the_editor_then_reloads_or_keeps_the_state_when_the_file_is_broken(imported, monkeypatch):
    ran: list[list[str]] = []
    change = {"text": ""}

    def fake_editor(screen, command):
        ran.append(command)
        imported.write_text(change["text"], encoding="utf-8")

    monkeypatch.setattr(editing_module, "run_editor", fake_editor)
    monkeypatch.setenv("EDITOR", "myeditor --wait")
    monkeypatch.delenv("VISUAL", raising=False)
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        original = imported.read_text(encoding="utf-8")
        # the article's title, as an editor would type it over the import's
        change["text"] = re.sub(r"^  title: .*$", "  title: Edited in the editor", original, count=1, flags=re.M)
        await pilot.press("E")
        await pilot.pause()
        assert ran[0][:2] == ["myeditor", "--wait"] and ran[0][2].startswith("+") and ran[0][3] == str(imported)
        assert screen.session.data["article"]["title"] == "Edited in the editor"
        assert "Reloaded and checked." in notes(app)
        change["text"] = "article: [broken\n"
        await pilot.press("E")
        await pilot.pause()
        assert screen.session.data["article"]["title"] == "Edited in the editor"  # the state before is kept
        assert any(n.title == "Not reloaded" for n in app._notifications)


async def test_E_asks_to_save_first_with_unsaved_edits(imported, monkeypatch):
    monkeypatch.setattr(editing_module, "run_editor", lambda screen, command: pytest.fail("the editor ran"))
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", "E")
        await pilot.pause()
        assert any(n.startswith("Save first") for n in notes(app))


async def test_keys_that_need_a_record_say_so(bundled):
    app = app_for(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", "S", "F", "R")
        await pilot.pause()
        assert sum(n.startswith("Nothing to") for n in notes(app)) == 4


async def test_article_text_in_the_review_panel_is_never_markup(imported):
    text = imported.read_text(encoding="utf-8").replace("rule: 'article: title is the opening words", "rule: '[bold]x[/bold] [link=y]z", 1)
    imported.write_text(text, encoding="utf-8")
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "[bold]x[/bold] [link=y]z" in panel_text(app)


async def test_the_editing_screen_fits_80_by_24(imported):
    app = app_for(imported)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "n", "n", "n", "n")
        await pilot.pause()
        panel = editor(app).query_one(ReviewPanel)
        assert panel.region.height >= 3 and panel.region.bottom <= 23


async def search(pilot, words: str) -> None:
    """Find some words with / and Enter, as a reader would."""
    await pilot.press("slash")
    await pilot.press(*words)
    await pilot.press("enter")
    await pilot.pause()


async def test_m_and_r_make_a_new_storyline_and_a_new_beat_in_one_undoable_fix(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = editor(app).session
        scene = scene_with(session, "Around noon")
        await review(pilot, ("scenes", scene["id"]))
        count = len(session.data["narratives"])
        await pilot.press("m")
        await pilot.pause()
        await choose(pilot, editing_module.NEW)
        await fill(pilot, title="The lone soldier", summary="Paratroopers find a wandering North Korean")
        story = next(n for n in session.data["narratives"] if n["title"] == "The lone soldier")
        assert scene_with(session, "Around noon")["narrative"] == story["id"] and len(session.data["narratives"]) == count + 1
        await pilot.press("r")
        await pilot.pause()
        await choose(pilot, editing_module.NEW)
        await fill(pilot, title="Noon")
        beat = next(b for b in session.data["beats"] if b["title"] == "Noon")
        assert scene_with(session, "Around noon")["beat"] == beat["id"]
        await pilot.press("ctrl+z", "ctrl+z")  # the scene's beat, then the new beat
        await pilot.pause()
        assert all(b["title"] != "Noon" for b in session.data["beats"])


async def test_angle_brackets_move_the_scenes_beat_in_the_order(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        session = screen.session
        if len(session.data["beats"]) < 2:
            session.add_beat("Second")
        beats = [b["id"] for b in session.data["beats"]]
        scene = scene_with(session, "Around noon")
        if scene["beat"] != beats[1]:
            session.set_beat(scene["id"], beats[1])
        screen.rebuild()
        await pilot.pause()
        await review(pilot, ("scenes", scene["id"]))
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert [b["id"] for b in session.data["beats"]][:2] == [beats[1], beats[0]]
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert [b["id"] for b in session.data["beats"]] == beats


async def test_Q_adds_the_words_found_with_slash_as_a_quotation(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = editor(app).session
        await pilot.press("Q")
        await pilot.pause()
        assert any(n.startswith("Find the words first") for n in notes(app))
        speaker = session.data["speakers"][0]["id"]
        await search(pilot, "two of the North Koreans were killed")
        await pilot.press("Q")
        await pilot.pause()
        await choose(pilot, speaker)
        quote = quote_with(session, "two of the North Koreans were killed")
        assert quote["speaker"] == speaker


async def test_I_adds_a_fact_on_the_words_found_and_P_re_anchors_it(imported):
    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = editor(app).session
        await search(pilot, "two separate missions on Jan. 9")
        await pilot.press("I")
        await pilot.pause()
        await fill(pilot, label="Day of both captures", value="Jan. 9", category="time")
        fact = next(f for f in session.data["facts"] if f["label"] == "Day of both captures")
        assert fact["source"] == "two separate missions on Jan. 9"
        screen = editor(app)
        screen.jump_to_fact(fact["id"])
        await search(pilot, "missions on Jan. 9")
        await pilot.press("P")
        await pilot.pause()
        assert next(f for f in session.data["facts"] if f["id"] == fact["id"])["source"] == "missions on Jan. 9"


async def test_an_import_becomes_a_finished_article_in_the_editing_screen(imported, capsys):
    """The seed's import, through the editing screen's keys: two storylines side by side, the
    storyline, beat and article named, every guess reviewed; saved, it passes check --strict, the seed verbatim."""
    from reader.cli import main
    from reader.core.seed import parse_seed

    app = app_for(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        session = screen.session
        # the placeholder storyline becomes the first capture's; the placeholder beat, a shared one
        story = session.data["narratives"][0]["id"]
        await review(pilot, ("narratives", story))
        await pilot.press("T")
        await pilot.pause()
        await fill(pilot, title="The gray zone mission", summary="Special forces go into no-man’s-land.")
        beat = session.data["beats"][0]["id"]
        await review(pilot, ("beats", beat))
        await pilot.press("T")
        await pilot.pause()
        await fill(pilot, title="The capture")
        # the first capture's scene in its storyline, the second's in a new one, both at the beat
        first = scene_with(session, "When the Ukrainians reached him")["id"]
        await review(pilot, ("scenes", first))
        await pilot.press("m")
        await pilot.pause()
        await choose(pilot, story)
        await pilot.press("r")
        await pilot.pause()
        await choose(pilot, beat)
        second = scene_with(session, "It all began around 5 a.m.")["id"]
        await review(pilot, ("scenes", second))
        await pilot.press("m")
        await pilot.pause()
        await choose(pilot, editing_module.NEW)
        await fill(pilot, title="The lone soldier", summary="Paratroopers intercept a North Korean.")
        await pilot.press("r")
        await pilot.pause()
        await choose(pilot, beat)
        # the article's title and publisher
        await review(pilot, ("article", "article"))
        await pilot.press("T")
        await pilot.pause()
        await fill(pilot, title="Two captures in Kursk", source="The Associated Press")
        # the other guesses accepted: the first ones with the key, the rest (ninety-odd, each a
        # redraw) through the session, as the key does, to keep the test short
        for _ in range(5):
            await pilot.press("a")
            await pilot.pause()
        while not session.queue.done:
            session.accept(session.queue.items[0].key)
        screen.rebuild()
        await pilot.pause()
        assert screen.review_queue.done and DONE in panel_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert main(["check", "--strict", str(imported)]) == 0, capsys.readouterr().err
    article = load_article(imported)
    seed = parse_seed(SEED_PATH.read_text(encoding="utf-8"))
    assert [p for s in article.scenes for p in s.paragraphs] == [text for kind, text, _ in seed.blocks if kind == "body"]
    assert {"The gray zone mission", "The lone soldier"} <= {n.title for n in article.narratives}
    step = next(step for step in article.steps if step.beat and step.beat.title == "The capture")
    ours = [s for s in step.scenes if s.id in (first, second)]
    assert len(ours) == 2 and ours[0].narrative != ours[1].narrative and all(not s.is_context for s in ours)
