"""Reading state that cannot be lost: atomic writes, two writers, crashes, bad folders."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys

import pytest

from reader.core.state import ArticleState, article_store, new_bookmark, settings_store

from .conftest import ROOT, reading


def test_state_round_trips(private_state):
    store = article_store("kursk-captures")
    store.update(lambda s: (setattr(s, "step", "sighting"), s.bookmarks.append(new_bookmark("sighting", "n"))))
    again = article_store("kursk-captures").read()
    assert again.step == "sighting" and [b.note for b in again.bookmarks] == ["n"]
    assert json.loads(store.path.read_text())["version"] == 1


def test_an_article_id_cannot_escape_the_state_folder(private_state):
    store = article_store("../../etc/passwd")
    assert store.path.parent == private_state


@pytest.mark.parametrize(
    "content, reason",
    [("{broken", "Expecting"), ("[1, 2]", "not a JSON object"), ('{"speakers": 3}', "speakers")],
)
def test_a_corrupt_file_is_set_aside_and_reading_starts_fresh(private_state, content, reason):
    store = article_store("a")
    store.path.write_text(content, encoding="utf-8")
    assert store.read() == ArticleState()
    assert reason in store.notice
    assert not store.path.exists()
    assert len(list(private_state.glob("a.json.corrupt-*"))) == 1


def test_an_unreadable_file_is_reported_not_raised(private_state):
    store = article_store("a")
    store.path.mkdir()  # reading a folder fails with an OSError
    assert store.read() == ArticleState()
    assert "Could not read" in store.notice


def _add_bookmarks(folder: str, who: int, count: int) -> None:
    os.environ["READER_STATE_DIR"] = folder
    store = article_store("shared")
    for i in range(count):
        store.update(lambda s, i=i: s.bookmarks.append(new_bookmark(f"beat-{who}-{i}")))
        store.update(lambda s, i=i: setattr(s, "step", f"beat-{who}-{i}"))


def test_two_readers_writing_at_once_lose_no_bookmark(private_state):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_bookmarks, args=(str(private_state), w, 25)) for w in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    state = article_store("shared").read()
    assert len(state.bookmarks) == 50
    assert {b.step for b in state.bookmarks} == {f"beat-{w}-{i}" for w in range(2) for i in range(25)}


def test_a_failed_write_leaves_the_old_file_and_no_temporary(private_state, monkeypatch):
    store = article_store("a")
    store.update(lambda s: setattr(s, "step", "first"))

    def fail(*args):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", fail)
        with pytest.raises(OSError):
            store.update(lambda s: setattr(s, "step", "second"))
    assert article_store("a").read().step == "first"
    assert [p.name for p in private_state.iterdir() if p.suffix == ".tmp"] == []


def test_a_process_killed_in_the_middle_of_writing_leaves_a_whole_file(private_state):
    store = article_store("a")
    store.update(lambda s: setattr(s, "step", "before"))
    # a writer that stops (SIGKILL) after writing the temporary file but before the rename
    code = (
        "import os, sys, time; from reader.core.state import article_store\n"
        "real = os.replace\n"
        "def slow(*a):\n"
        "    print('writing', flush=True); time.sleep(30); real(*a)\n"
        "os.replace = slow\n"
        "article_store('a').update(lambda s: setattr(s, 'step', 'after'))\n"
    )
    env = {**os.environ, "READER_STATE_DIR": str(private_state)}
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert article_store("a").read().step == "before"
    # the lock dies with the process: the next writer is not blocked
    store.update(lambda s: setattr(s, "step", "later"))
    assert article_store("a").read().step == "later"


def test_a_read_only_folder_raises_oserror_for_the_app_to_report(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write to a read-only folder")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OSError):
            article_store("a", folder).update(lambda s: setattr(s, "step", "x"))
    finally:
        folder.chmod(0o700)


def test_a_full_disk_is_reported_by_the_app_once(article, private_state, monkeypatch):
    import asyncio

    from reader.ui.app import ReaderApp

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reader.core.state.JsonStore._write", full)

    async def run() -> list[str]:
        app = ReaderApp(article)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("right", "b", "enter")
            reading(app).save_state()
            reading(app).save_state()
            await pilot.pause()
            return [n.message for n in app._notifications]

    messages = asyncio.run(run())
    assert sum("No space left on device" in m for m in messages) == 1


def test_settings_round_trip(private_state):
    settings_store().update(lambda s: setattr(s, "theme", "textual-light"))
    assert settings_store().read().theme == "textual-light"


def test_a_read_only_file_system_is_simulated_for_root_too(article, private_state, monkeypatch):
    # root ignores permission bits, so the read-only folder is simulated where writes begin
    import asyncio

    from reader.ui.app import ReaderApp

    store = article_store("a")
    store.update(lambda s: setattr(s, "step", "kept"))

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    with pytest.raises(OSError):
        store.update(lambda s: setattr(s, "step", "lost"))
    assert article_store("a").read().step == "kept"

    async def run() -> list[str]:
        app = ReaderApp(article)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("right", "b", *"note", "enter")
            reading(app).save_state()
            await pilot.pause()
            assert reading(app).bookmarks  # kept in memory for this session
            return [n.message for n in app._notifications]

    messages = asyncio.run(run())
    assert sum("Read-only file system" in m for m in messages) == 1
