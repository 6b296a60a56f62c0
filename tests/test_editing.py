"""The headless editor: the review queue, every edit and its refusal, undo/redo, safe saving, check --strict.

Records are found by their words, not by ids or counts, so the tests hold whatever the importer
proposes (its scenes, speakers, storylines and facts may change).
"""

from __future__ import annotations

import difflib
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import loader
from reader.core.editing import EditRefused, EditSession, NewSpeaker, SaveConflict, SaveError
from reader.core.loader import load_article
from reader.core.review import review_queue, unfinished
from reader.core.seed import parse_seed

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_70fa68d05498e722.txt"
BUNDLED = ROOT / "content" / "kursk-captures.yaml"
HAS_ACCORDING_TO = "according_to" in loader._SPECS["facts"]


def scene_with(session: EditSession, words: str) -> tuple[str, int]:
    """The scene and paragraph index holding some words."""
    for scene in session.data["scenes"]:
        for i, para in enumerate(scene["paragraphs"]):
            if words in para:
                return scene["id"], i
    raise AssertionError(f"no paragraph holds {words!r}")


def quote_with(session: EditSession, words: str) -> dict:
    """The quote whose text starts with some words, else holds them."""
    quotes = session.data["quotes"]
    return next((q for q in quotes if q["text"].startswith(words)), None) or next(q for q in quotes if words in q["text"])


def span(session: EditSession, words: str) -> tuple[str, int, int, int]:
    """(scene, paragraph, start, end) of some words, as a screen's selection gives them."""
    scene_id, p = scene_with(session, words)
    para = next(s for s in session.data["scenes"] if s["id"] == scene_id)["paragraphs"][p]
    start = para.index(words)
    return scene_id, p, start, start + len(words)


def body(session: EditSession) -> list[str]:
    """The paragraphs in reading order."""
    return [p for s in session.data["scenes"] for p in s["paragraphs"]]


SEED_BODY = list(parse_seed(SEED.read_text(encoding="utf-8")).paragraphs)


# -- the queue ------------------------------------------------------------------------------
def test_queue_puts_flagged_guesses_first_then_the_least_confident(imported):
    queue = EditSession(imported).queue
    flags = [item.needs_review for item in queue.items]
    assert flags == sorted(flags, reverse=True) and True in flags
    for flagged in (True, False):
        confidences = [item.confidence or 0.0 for item in queue.items if item.needs_review is flagged]
        assert confidences == sorted(confidences)
    assert queue.left == len(queue.items) and queue.summary().startswith(f"{queue.left} to review")


def test_each_item_knows_the_words_it_rests_on_and_where(imported):
    session = EditSession(imported)
    scenes = {s["id"]: s for s in session.data["scenes"]}
    kinds = set()
    for item in session.queue.items:
        kinds.add(item.kind)
        assert item.rule
        if item.anchor is not None:
            para = scenes[item.anchor.scene]["paragraphs"][item.anchor.paragraph]
            assert para[item.anchor.start: item.anchor.end] == item.text
    assert {"quote", "scene", "speaker", "dropped"} <= kinds
    dropped = next(i for i in session.queue.items if i.kind == "dropped")
    assert dropped.text in parse_seed(SEED.read_text(encoding="utf-8")).dropped  # the whole block, not the note's opening


def test_queue_steps_forward_and_back_wrapping(imported):
    queue = EditSession(imported).queue
    first, second, last = queue.items[0], queue.items[1], queue.items[-1]
    assert queue.step(None) == first and queue.step(first.key) == second
    assert queue.step(first.key, -1) == last and queue.step(last.key) == first


def test_a_finished_article_has_nothing_to_review(bundled):
    queue = EditSession(bundled).queue
    assert queue.done and queue.summary() == "nothing left to review"


# -- edits, undo, redo -----------------------------------------------------------------------
def test_accept_resolves_a_guess_and_undo_redo_bring_it_back(imported):
    session = EditSession(imported)
    item = session.queue.items[0]
    left = session.queue.left
    session.accept(item.key)
    assert session.queue.left == left - 1 and session.queue.get(item.key) is None and session.dirty
    assert session.undo() and session.queue.get(item.key) == item and not session.dirty
    assert session.redo() and session.queue.get(item.key) is None
    assert session.redo() is None and session.can_undo


def test_change_a_quotes_speaker_to_another_or_a_new_one(imported):
    session = EditSession(imported)
    brothers = quote_with(session, "brothers")
    other = next(s["id"] for s in session.data["speakers"] if s["id"] != brothers["speaker"])
    session.set_speaker(brothers["id"], other)
    assert quote_with(session, "brothers")["speaker"] == other and "review" not in quote_with(session, "brothers")
    session.set_speaker(brothers["id"], NewSpeaker("The captured North Korean", "21-year-old soldier", anonymous=True))
    who = quote_with(session, "brothers")["speaker"]
    assert next(s for s in session.data["speakers"] if s["id"] == who) == {
        "id": who, "name": "The captured North Korean", "role": "21-year-old soldier", "anonymous": True}
    session.undo()
    assert quote_with(session, "brothers")["speaker"] == other and all(s["id"] != who for s in session.data["speakers"])
    with pytest.raises(EditRefused, match="no speaker 'nobody'"):
        session.set_speaker(brothers["id"], "nobody")


def test_a_real_quotation_cannot_be_deleted_but_a_false_quote_can(imported):
    session = EditSession(imported)
    real = quote_with(session, "They were likely abandoned")
    with pytest.raises(EditRefused) as refused:
        session.delete_quote(real["id"])
    assert "not in the quotes list" in str(refused.value) and "\n" not in str(refused.value)
    speaker = real["speaker"]
    false = session.add_quote(*span(session, "two of the North Koreans were killed"), speaker)
    assert quote_with(session, "two of the North Koreans")["id"] == false
    session.delete_quote(false)
    assert all(q["id"] != false for q in session.data["quotes"])


def test_add_a_quotation_from_a_selection_leaves_its_marks_out(imported):
    session = EditSession(imported)
    who = quote_with(session, "self-destruction")["speaker"]
    ident = session.add_quote(*span(session, "“I saw it as an attempt at self-destruction,”"), who)
    added = next(q for q in session.data["quotes"] if q["id"] == ident)
    assert added["text"] == "I saw it as an attempt at self-destruction" and added["speaker"] == who
    with pytest.raises(EditRefused, match="no paragraph 100"):
        session.add_quote(added["scene"], 99, 0, 3, who)


def test_move_a_scene_to_a_storyline_or_context_and_change_its_beat(imported):
    session = EditSession(imported)
    scene, _ = scene_with(session, "Around noon, a reconnaissance drone")
    story = session.add_narrative("The lone soldier", "Paratroopers intercept a wandering North Korean.")
    beat = session.add_beat("A drone spots him")
    session.move_scene(scene, story)
    session.set_beat(scene, beat)
    got = next(s for s in session.article.scenes if s.id == scene)
    assert (got.narrative, got.beat) == (story, beat)
    session.move_scene(scene, None)
    assert next(s for s in session.article.scenes if s.id == scene).is_context
    with pytest.raises(EditRefused, match="unknown narrative 'nowhere'"):
        session.move_scene(scene, "nowhere")
    with pytest.raises(EditRefused, match="unknown beat"):
        session.set_beat(scene, "no-such-beat")


def test_split_a_scene_at_a_paragraph_and_merge_it_back(imported):
    session = EditSession(imported)
    scene, p = scene_with(session, "Finally, as they drew closer")
    if p == 0:  # make the words stand inside a scene, whatever the importer cut
        ids = [s["id"] for s in session.data["scenes"]]
        session.merge_with_next(ids[ids.index(scene) - 1])
        scene, p = scene_with(session, "Finally, as they drew closer")
    before = body(session)
    new = session.split_scene(scene, p)
    assert scene_with(session, "Finally, as they drew closer") == (new, 0)
    assert quote_with(session, "He didn’t know if we were allies")["scene"] == new
    assert body(session) == before
    session.merge_with_next(scene)
    assert scene_with(session, "Finally, as they drew closer") == (scene, p)
    assert quote_with(session, "He didn’t know if we were allies")["scene"] == scene
    with pytest.raises(EditRefused, match="can be split"):
        session.split_scene(scene, 0)
    with pytest.raises(EditRefused, match="last scene"):
        session.merge_with_next(session.data["scenes"][-1]["id"])


def test_split_and_merge_carry_figures(imported):
    session = EditSession(imported)
    with_figure = next(s for s in session.data["scenes"] if s.get("figures"))
    after = with_figure["figures"][0]["after"]
    if not 1 <= after - 1 < len(with_figure["paragraphs"]):
        pytest.skip("the importer put the figure at a scene's edge")
    new = session.split_scene(with_figure["id"], after - 1)
    second = next(s for s in session.data["scenes"] if s["id"] == new)
    assert second["figures"][0]["after"] == 1
    session.merge_with_next(with_figure["id"])
    assert next(s for s in session.data["scenes"] if s["id"] == with_figure["id"])["figures"][0]["after"] == after


def test_create_rename_reorder_and_delete_storylines_and_beats(imported):
    session = EditSession(imported)
    a = session.add_narrative("The gray zone mission", "Special forces go into no-man’s-land.")
    b = session.add_narrative("The lone soldier", "Paratroopers intercept a lone soldier.")
    session.edit_narrative(a, title="The gray-zone mission", summary="Special forces go after three stranded soldiers.")
    session.move_narrative(b, 0)
    assert [n.id for n in session.article.narratives][0] == b
    assert session.article.narrative_by_id[a].title == "The gray-zone mission"
    first = session.add_beat("The approach")
    second = session.add_beat("Before", index=0)
    session.edit_beat(first, title="The approach, at last")
    session.move_beat(first, 0)
    assert [x.id for x in session.article.beats][:2] == [first, second]
    scene, _ = scene_with(session, "Around noon")
    session.move_scene(scene, a)
    with pytest.raises(EditRefused, match=f"storyline {a} still has scene {scene}"):
        session.delete_narrative(a)
    session.delete_narrative(b)
    assert b not in session.article.narrative_by_id
    with pytest.raises(EditRefused, match="outside"):
        session.move_beat(first, 99)


def test_facts_added_edited_reanchored_accepted_and_deleted(imported):
    session = EditSession(imported)
    fact = session.add_fact(*span(session, "captured them during two separate missions on Jan. 9"),
                            label="Day of both captures", value="Jan. 9", category="time")
    got = session.article.fact_by_id[fact]
    assert got.source == "captured them during two separate missions on Jan. 9" and got.value == "Jan. 9"
    session.edit_fact(fact, label="When", category="dates")
    assert (session.article.fact_by_id[fact].label, session.article.fact_by_id[fact].category) == ("When", "dates")
    session.reanchor_fact(fact, *span(session, "two separate missions on Jan. 9"))
    assert session.article.fact_by_id[fact].source == "two separate missions on Jan. 9"
    session.delete_fact(fact)
    assert fact not in session.article.fact_by_id
    session.undo()
    assert fact in session.article.fact_by_id
    with pytest.raises(EditRefused, match="no text between"):
        session.reanchor_fact(fact, session.article.fact_by_id[fact].scene, 0, 5, 5)


@pytest.mark.skipif(not HAS_ACCORDING_TO, reason="the loader does not know facts' according_to yet (issue 14)")
def test_a_facts_attribution_is_set_and_removed(imported):
    session = EditSession(imported)
    soldier = quote_with(session, "They were likely abandoned")["speaker"]
    fact = session.add_fact(*span(session, "The soldier said he was 21 years old"), label="Captive's age",
                            value="21 years old", category="people", according_to=soldier)
    assert next(f for f in session.data["facts"] if f["id"] == fact)["according_to"] == soldier
    session.edit_fact(fact, according_to="")
    assert "according_to" not in next(f for f in session.data["facts"] if f["id"] == fact)


def test_restore_a_dropped_paragraph_where_the_seed_has_it(imported):
    session = EditSession(imported)
    item = next(i for i in session.queue.items if i.kind == "dropped")
    session.restore_dropped(item.text)
    seed = parse_seed(SEED.read_text(encoding="utf-8"), keep=[item.text])
    assert body(session) == list(seed.paragraphs) and session.data["article"]["restored"] == [item.text]
    assert all(i.kind != "dropped" for i in session.queue.items)
    session.save()
    assert load_article(imported).scenes[0].paragraphs[0] == item.text  # `reader check` takes it as body
    session.undo()
    assert body(session) == SEED_BODY
    with pytest.raises(EditRefused, match="not a dropped block"):
        session.restore_dropped(SEED_BODY[0])


def test_an_edit_that_breaks_an_invariant_changes_nothing(imported):
    session = EditSession(imported)
    data = session.data
    scene, _ = scene_with(session, "Around noon")
    with pytest.raises(EditRefused):
        session.move_scene(scene, "nowhere")
    assert session.data is data and not session.can_undo and not session.dirty


# -- saving -----------------------------------------------------------------------------------
def test_a_saved_edit_changes_only_its_record_and_keeps_comments(imported):
    before = imported.read_text(encoding="utf-8")
    session = EditSession(imported)
    quote = quote_with(session, "brothers")
    other = next(s["id"] for s in session.data["speakers"] if s["id"] != quote["speaker"])
    session.set_speaker(quote["id"], other)
    session.save()
    after = imported.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    removed = [line[1:] for line in changed if line.startswith("-")]
    added = [line[1:] for line in changed if line.startswith("+")]
    assert added == [f"  speaker: {other}"]
    assert removed[0] == f"  speaker: {quote['speaker']}" and removed[1] == "  review:" and len(removed) <= 7
    assert [line for line in after.splitlines() if line.startswith("#")] == [line for line in before.splitlines() if line.startswith("#")]
    assert (imported.parent / (imported.name + ".bak")).read_text(encoding="utf-8") == before
    load_article(imported)


def test_the_bundled_article_keeps_its_layout_through_an_edit(bundled):
    before = bundled.read_text(encoding="utf-8")
    session = EditSession(bundled)
    assert session.render() == before
    new = session.add_beat("An extra beat", ident="extra")
    scene, _ = scene_with(session, "Around noon")
    session.set_beat(scene, new)
    session.save()
    diff = [line for line in difflib.unified_diff(before.splitlines(), bundled.read_text(encoding="utf-8").splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert sorted(diff) == sorted(["+  - id: extra", "+    title: An extra beat", "-    beat: sighting", "+    beat: extra"])


def test_a_second_editor_does_not_clobber_the_first(imported):
    first, second = EditSession(imported), EditSession(imported)
    first.accept(first.queue.items[0].key)
    first.save()
    saved = imported.read_bytes()
    second.accept(second.queue.items[-1].key)
    with pytest.raises(SaveConflict, match="changed on disk since it was opened"):
        second.save()
    assert imported.read_bytes() == saved
    second.save(force=True)  # deliberately
    second.reload()
    assert not second.dirty


def test_a_read_only_file_is_not_written(imported):
    session = EditSession(imported)
    session.accept(session.queue.items[0].key)
    before = imported.read_bytes()
    imported.chmod(0o444)
    try:
        with pytest.raises(SaveError, match="is read-only"):
            session.save()
    finally:
        imported.chmod(0o644)
    assert imported.read_bytes() == before and session.dirty


def test_a_failure_while_writing_leaves_the_old_file_and_no_debris(imported, monkeypatch):
    session = EditSession(imported)
    session.accept(session.queue.items[0].key)
    before = imported.read_bytes()
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        target = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else ".draft.yaml."
        if Path(target).name.startswith(".draft.yaml.") and ".bak" not in target:  # the article's temporary file
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(SaveError, match="No space left on device; the file on disk is unchanged"):
        session.save()
    assert imported.read_bytes() == before
    assert not [p for p in imported.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="finds the temporary file through /proc")
def test_a_kill_mid_save_leaves_the_old_file_intact(imported):
    before = imported.read_bytes()
    script = textwrap.dedent(f"""
        import os, signal
        from reader.core.editing import EditSession
        session = EditSession({str(imported)!r})
        session.accept(session.queue.items[0].key)
        real_fsync = os.fsync
        def dying_fsync(fd):
            if os.path.basename(os.readlink(f"/proc/self/fd/{{fd}}")).startswith(".draft.yaml.") and ".bak" not in os.readlink(f"/proc/self/fd/{{fd}}"):
                os.kill(os.getpid(), signal.SIGKILL)  # killed with the new text written, before the rename
            real_fsync(fd)
        os.fsync = dying_fsync
        session.save()
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == -9
    assert imported.read_bytes() == before
    load_article(imported)


def test_a_folder_that_cannot_be_written_gives_a_clear_error(imported, monkeypatch):
    session = EditSession(imported)
    session.accept(session.queue.items[0].key)
    before = imported.read_bytes()
    if os.geteuid() == 0:  # root writes into read-only folders: the refusal is simulated where it happens
        import tempfile

        def refused(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refused)
    else:
        imported.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(SaveError, match="cannot be saved: Permission denied"):
            session.save()
    finally:
        imported.parent.chmod(0o755)
    assert imported.read_bytes() == before


# -- reader check --strict ----------------------------------------------------------------------
def test_check_strict_lists_what_is_unfinished_with_places(imported, capsys):
    assert main(["check", str(imported)]) == 0
    capsys.readouterr()
    assert main(["check", "--strict", str(imported)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines and all(line.startswith(f"{imported}:") and line.split(":")[1].isdigit() for line in lines)
    assert any("needs review" in line for line in lines)
    if "TODO" in imported.read_text(encoding="utf-8").split("# TODO(editor)")[0] or any("placeholder" in line for line in lines):
        assert any("placeholder left" in line for line in lines)


def test_check_strict_passes_the_bundled_article(capsys):
    assert main(["check", "--strict", str(BUNDLED)]) == 0
    assert unfinished(BUNDLED.read_text(encoding="utf-8"), "x") == []


def test_strict_ignores_comments_and_finds_todo_in_ids(tmp_path):
    text = "# TODO(editor): a comment is not a placeholder\narticle:\n  id: TODO-id\n  title: A title\n"
    problems = unfinished(text, "a.yaml")
    assert [str(p) for p in problems] == ["a.yaml:3:7: article: placeholder left in id: 'TODO-id'"]


# -- end to end: the seed's import, turned into the article ------------------------------------
#: where each storyline's beats start, in reading order: (words opening the passage, storyline, beat)
PLAN = [
    ("When Ukrainian soldiers captured two North Korean prisoners", None, "The first proof"),
    ("Capturing a North Korean prisoner had long been", "gz", "Before the capture"),
    ("The team advanced through a barren winter forest", "gz", "The approach"),
    ("When the Ukrainians reached him", "gz", "Face to face"),
    ("The team bandaged the North Korean soldier's legs", "gz", "The vehicle"),
    ("On the same day, soldiers from an airborne unit", "para", "Before the capture"),
    ("Around noon, a reconnaissance drone", "para", "The approach"),
    ("Finally, as they drew closer", "para", "Face to face"),
    ("As they waited in a trench for transport", "para", "The vehicle"),
    ("Ukraine’s SBU security service", None, "The interrogation"),
]


def test_an_import_becomes_the_article_without_touching_yaml(imported, capsys):
    session = EditSession(imported)
    gz = session.add_narrative("The gray zone mission", "Special forces go into no-man’s-land after three stranded North Koreans.")
    para = session.add_narrative("The lone soldier", "Paratroopers intercept a wounded North Korean wandering toward them.")
    stories = {"gz": gz, "para": para, None: None}
    beats: dict[str, str] = {}
    for _, _, title in PLAN:
        if title not in beats:
            beats[title] = session.add_beat(title)
    # every passage of the plan opens a scene
    for words, _, _ in PLAN:
        scene, p = scene_with(session, words)
        if p:
            session.split_scene(scene, p)
    # each scene takes the storyline and beat of the passage it belongs to
    starts = [SEED_BODY.index(next(p for p in SEED_BODY if p.startswith(words))) for words, _, _ in PLAN]
    position = 0
    for scene in list(session.data["scenes"]):
        k = max(i for i, start in enumerate(starts) if start <= position)
        _, story, beat = PLAN[k]
        session.move_scene(scene["id"], stories[story])
        session.set_beat(scene["id"], beats[beat])
        position += len(scene["paragraphs"])
    # scenes of one storyline and beat that follow each other become one
    i = 0
    while i + 1 < len(session.data["scenes"]):
        a, b = session.data["scenes"][i], session.data["scenes"][i + 1]
        if (a["narrative"], a["beat"]) == (b["narrative"], b["beat"]):
            session.merge_with_next(a["id"])
        else:
            i += 1
    # only the two storylines and the plan's beats remain
    for n in [n["id"] for n in session.data["narratives"] if n["id"] not in (gz, para)]:
        session.delete_narrative(n)
    for b in [b["id"] for b in session.data["beats"] if b["id"] not in beats.values()]:
        session.delete_beat(b)
    # speakers: the special forces soldier, Didorchuk, and the captive quoted by his captor
    soldier = quote_with(session, "They were likely abandoned")["speaker"]
    session.edit_speaker(soldier, name="Ukrainian special forces soldier", role="special forces member on the gray-zone mission, not named", anonymous=True)
    didorchuk = quote_with(session, "The battle was intense")["speaker"]
    session.edit_speaker(didorchuk, name="Maksym Didorchuk", role="27-year-old paratrooper", anonymous=False)
    captive = "gz-captive"
    session.set_speaker(quote_with(session, "brothers")["id"], NewSpeaker(
        "The North Korean captured in the gray zone", "21-year-old soldier, wounded in the legs; quoted by his captor", True, id=captive))
    story_of = {s["id"]: s["narrative"] for s in session.data["scenes"]}
    for quote in list(session.data["quotes"]):
        want = captive if quote["text"].startswith("brothers") else soldier if story_of[quote["scene"]] == gz else didorchuk
        if quote["speaker"] != want:
            session.set_speaker(quote["id"], want)
    quoted = {q["speaker"] for q in session.data["quotes"]}
    for s in [s["id"] for s in session.data["speakers"] if s["id"] not in quoted]:
        session.delete_speaker(s)
    # facts, each on its verbatim span
    extra = {"according_to": soldier} if HAS_ACCORDING_TO else {}
    for words, label, value, category, by in [
        ("captured them during two separate missions on Jan. 9", "Day of both captures", "Jan. 9", "time", {}),
        ("The soldier said he was 21 years old", "The gray-zone captive's age", "21 years old", "people", extra),
        ("concluding the operation after eight tense hours", "Length of the mission", "eight tense hours", "time", {}),
        ("27-year-old paratrooper Maksym Didorchuk", "Didorchuk's age", "27-year-old", "people", {}),
    ]:
        session.add_fact(*span(session, words), label=label, value=value, category=category, **by)
    session.edit_article(title="Two captures in Kursk: North Korean soldiers in Ukrainian hands",
                         source="The Associated Press, via The Independent")
    # what is left of the importer's guesses is accepted, one key at a time
    while not session.queue.done:
        session.accept(session.queue.items[0].key)
    assert session.undo() and not session.queue.done and session.redo() and session.queue.done
    session.save()

    assert main(["check", "--strict", str(imported)]) == 0, capsys.readouterr().err
    article = load_article(imported)
    assert [p for s in article.scenes for p in s.paragraphs] == SEED_BODY  # the seed, verbatim, in order
    assert [n.title for n in article.narratives] == ["The gray zone mission", "The lone soldier"]
    for title in ("Before the capture", "The approach", "Face to face", "The vehicle"):
        step = next(step for step in article.steps if step.beat and step.beat.title == title)
        assert step.scenes_of(gz) and step.scenes_of(para), title  # aligned side by side
    assert article.scene_by_id[scene_with(session, "Around noon, a reconnaissance drone")[0]].narrative == para
    assert article.scene_by_id[scene_with(session, "Ukraine’s SBU security service")[0]].is_context
    speakers = {q.text: article.speaker_by_id[q.speaker].name for q in article.quotes}
    assert speakers["brothers."] == "The North Korean captured in the gray zone"
    assert speakers["They were likely abandoned"] == "Ukrainian special forces soldier"
    assert speakers["I saw it as an attempt at self-destruction"] == "Maksym Didorchuk"
    assert {f.value for f in article.facts} >= {"Jan. 9", "21 years old", "eight tense hours", "27-year-old"}
    assert review_queue(EditSession(imported).data).done
