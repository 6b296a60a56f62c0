"""The reading screen's memory of an article (reader/core/memory.py), without a screen."""

from __future__ import annotations

from reader.core.memory import Memory, Place
from reader.core.state import article_store

PLACE = Place("sighting", ["didorchuk"], hide_facts=True, hide_quotes=False, all_quotes=True, measure=None)


def test_the_place_and_bookmarks_are_written_and_read_back(private_state):
    memory = Memory(article_store("a"), report=lambda problem: None)
    memory.save(PLACE)
    mark = memory.add("sighting", "first")
    memory.edit(mark, "changed")
    memory.add("vehicle", "")
    again = Memory(article_store("a"), report=lambda problem: None)
    assert again.saved.step == "sighting" and again.saved.speakers == ["didorchuk"] and again.saved.hide_facts
    assert [(b.step, b.note) for b in again.bookmarks] == [("sighting", "changed"), ("vehicle", "")]
    assert again.at("vehicle") is not None and again.at("approach") is None
    again.delete(mark.id)
    assert [b.step for b in Memory(article_store("a"), report=print).bookmarks] == ["vehicle"]
    assert Memory(article_store("a"), report=print, fresh=True).saved.step is None  # --fresh starts clean


def test_a_fresh_start_keeps_the_saved_place_until_the_reader_moves(private_state):
    memory = Memory(article_store("a"), report=print)
    memory.save(PLACE)
    memory.add("vehicle", "a mark")
    fresh = Memory(article_store("a"), report=print, fresh=True)
    assert fresh.saved.step is None and [b.step for b in fresh.bookmarks] == ["vehicle"]  # the bookmarks stay
    opening = Place("opening", [], hide_facts=False, hide_quotes=False, all_quotes=False, measure=None)
    fresh.hold(opening)
    fresh.save(opening)  # the first save of the screen, and its last on quitting unmoved
    assert article_store("a").read().step == "sighting"
    moved = Place("vehicle", [], hide_facts=False, hide_quotes=False, all_quotes=False, measure=None)
    fresh.save(moved)
    assert article_store("a").read().step == "vehicle"
    fresh.save(opening)  # back at the start after moving: saved as usual
    assert article_store("a").read().step == "opening"


def test_without_a_store_bookmarks_live_in_memory_only(private_state):
    memory = Memory(None, report=lambda problem: None)
    mark = memory.add("sighting", "n")
    memory.save(PLACE)
    assert memory.bookmarks == [mark] and memory.notice is None
    memory.delete(mark.id)
    assert memory.bookmarks == []
    assert not list(private_state.iterdir())  # nothing written


def test_a_failing_write_is_reported_once_and_the_bookmark_kept(private_state, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reader.core.state.JsonStore._write", full)
    problems: list[str] = []
    memory = Memory(article_store("a"), report=problems.append)
    memory.save(PLACE)
    mark = memory.add("sighting", "kept")
    memory.save(PLACE)
    assert memory.bookmarks == [mark]
    assert len(problems) == 1 and "No space left on device" in problems[0]
