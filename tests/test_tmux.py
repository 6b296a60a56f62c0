"""`reader` in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid

import pytest

from .conftest import ROOT

# serial: it types with pauses and waits for the screen, which a loaded machine would make flaky
pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"), pytest.mark.serial]


class Tmux:
    """One private tmux server running one window."""

    def __init__(self, width: int, height: int, command: list[str]) -> None:
        self.socket = f"reader-test-{uuid.uuid4().hex[:8]}"
        self.run("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "t", *command)

    def run(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20)
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "t")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", "t", key)
            time.sleep(0.15)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never showed; the screen was:\n{screen}")

    def wait_until(self, holds, what: str, timeout: float = 20.0) -> str:
        """The screen once holds(screen) is true: a loaded machine may show a frame half painted first."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if holds(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{what} never showed; the screen was:\n{screen}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "t"], capture_output=True).returncode == 0

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def tmux():
    sessions: list[Tmux] = []

    def start(width: int = 120, height: int = 40, *args: str) -> Tmux:
        # remain-on-exit is off: the session ends when reader exits, which is how we see q work
        # COLUMNS and LINES (pytest sets them) would override the real terminal size in Textual
        session = Tmux(width, height, ["env", "-u", "COLUMNS", "-u", "LINES", "TERM=xterm-256color", sys.executable, "-m", "reader", *args])
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.kill()


def test_reader_steps_filters_and_quits_in_a_real_terminal(tmux):
    term = tmux(120, 40)
    screen = term.wait_for("Beat 1 of 11")
    assert "The first proof" in screen and "When Ukrainian soldiers captured" in screen
    term.keys("Right", "Right")
    screen = term.wait_for("Around noon")  # the lone soldier's column, beside the gray zone's
    assert "Beat 3 of 11" in screen and "The team advanced" in screen
    assert "The gray zone mission" in screen and "The lone soldier" in screen
    term.keys("s")
    term.wait_for("Filter by speaker")
    time.sleep(0.5)  # the title paints before the list takes the keyboard: on a loaded machine keys sent at once are lost
    term.keys("Down", "Space", "Enter")
    screen = term.wait_for("Filter ] next")
    assert "Maksym Didorchuk" in screen
    term.keys("]")
    term.wait_for("Beat 5 of 11")
    term.wait_for("He didn’t seem to know where he")  # the beat's one Didorchuk quote, in the panel
    term.keys("q")
    deadline = time.monotonic() + 10
    while term.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not term.alive()


def test_reader_at_80x24_shows_tabs_and_opens_overlays(tmux):
    term = tmux(80, 24)
    term.wait_for("Beat 1 of 11")
    term.keys("Right", "Right")
    screen = term.wait_for("Beat 3 of 11")
    assert "The gray zone mission" in screen and "The lone soldier" in screen  # the tabs
    term.keys("2")
    term.wait_for("Around noon")
    term.keys("f")
    term.wait_for("Facts")
    term.keys("Escape", "q")


def test_at_80x24_the_storyline_behind_the_other_tab_is_not_missed(tmux):
    term = tmux(80, 24)
    term.wait_for("Beat 1 of 11")
    term.keys("Right", "Right")
    screen = term.wait_for("Tab ▸ The lone soldier also has a scene here")
    assert "● The gray zone mission" in screen and "● The lone soldier" in screen
    term.keys("Tab")  # the other storyline, as the line says
    screen = term.wait_for("Around noon")
    assert "Tab ▸ The gray zone mission also has a scene here" in screen


def test_at_100x30_the_columns_keep_their_room_and_plus_says_why_it_stops(tmux):
    term = tmux(100, 30)
    term.wait_for("Beat 1 of 11")
    term.keys("Right", "Right")
    screen = term.wait_for("The team advanced through a barren winter  ")  # 45 characters a line
    assert "Quotes · this beat" not in screen  # the panels wait for w
    term.keys("+")
    term.wait_for("Line width 45: the window allows no more")
    term.keys("w")
    term.wait_for("Quotes · this beat")


def test_at_40x12_the_speaker_picker_shows_its_apply_button(tmux):
    term = tmux(40, 12)
    term.wait_for("Beat 1 of 11")
    term.keys("s")
    screen = term.wait_for("Apply")
    assert "Filter by speaker" in screen and "Ukrainian special forces sold…" in screen
    term.keys("Escape", "o")
    screen = term.wait_for("Enter goes there · Esc closes")
    assert "The gray …" in screen and "The lone …" in screen


def test_bad_article_prints_one_line_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("article: [\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "reader", str(bad)], capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{bad}:")


def _draft(tmp_path) -> str:
    """`reader import` of the seed, beside a copy of the seed; returns the draft's path."""
    import shutil

    from .conftest import SEED_PATH

    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED_PATH, tmp_path / "seeds" / SEED_PATH.name)
    (tmp_path / "content").mkdir()
    out = tmp_path / "content" / "draft.yaml"
    done = subprocess.run([sys.executable, "-m", "reader", "import", str(tmp_path / "seeds" / SEED_PATH.name), "-o", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return str(out)


def _gone(term: Tmux) -> bool:
    deadline = time.monotonic() + 10
    while term.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    return not term.alive()


def test_the_editing_screen_reviews_fixes_undoes_and_quits_at_120x40(tmux, tmp_path):
    draft = _draft(tmp_path)
    before = open(draft, encoding="utf-8").read()
    term = tmux(120, 40, "edit", draft)
    screen = term.wait_for("to review")
    left = int(screen.split(" to review")[0].split()[-1])

    def words(screen: str) -> str:
        """The review panel's words (left of the side panels): it wraps where the window's width puts it."""
        return " ".join(w for line in screen.splitlines() for w in line.split("│")[0].split())

    # the panel's lines may be drawn a frame apart: wait for all of them
    term.wait_until(lambda s: all(part in words(s) for part in (f"1/{left}", "needs review", "confidence 0.00")),
                    "the first guess under review")
    term.keys("n")
    screen = term.wait_for(f"2/{left}")
    term.keys("a")
    screen = term.wait_for(f"{left - 1} to review")
    term.keys("C-z")
    term.wait_for(f"{left} to review")
    term.keys("m")
    term.wait_for("Move scene")
    term.keys("Escape", "?")
    screen = term.wait_for("Editing")
    assert "accept the guess as it stands" in screen
    term.keys("Escape", "q")  # nothing unsaved after the undo: no question
    assert _gone(term)
    assert open(draft, encoding="utf-8").read() == before


def test_the_editing_screen_at_80x24_asks_before_quitting_and_saves(tmux, tmp_path):
    draft = _draft(tmp_path)
    term = tmux(80, 24, "edit", draft)
    screen = term.wait_for("to review")
    left = int(screen.split(" to review")[0].split()[-1])
    term.wait_for("a Accept")  # the footer, under the review panel (it may paint a frame later)
    term.keys("a")
    term.wait_for(f"{left - 1} to review")
    term.keys("q")
    term.wait_for("Save them before leaving?")
    term.keys("y")
    assert _gone(term)
    done = subprocess.run([sys.executable, "-m", "reader", "check", draft], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and (tmp_path / "content" / "draft.yaml.bak").exists()


def test_space_pages_then_steps_and_r_reads_straight_through_in_a_real_terminal(tmux):
    term = tmux(120, 24)
    term.wait_for("Beat 1 of 11")
    term.keys("g", *["l"] * 5)
    term.wait_for("Beat 6 of 11")
    screen = term.wait_for("more below")  # the column is drawn a moment after the beat bar
    assert "scene 5 of 9" in screen and "%" in screen
    term.keys("Space")
    time.sleep(0.5)
    # a page down the column: still beat 6, the heading in place (read once the frame is whole)
    term.wait_until(lambda s: all(part in s for part in ("Beat 6 of 11", "scene 5 of 9", "The gray zone mission")), "beat 6 paged")
    for _ in range(8):  # to the column's end, then one more: the next beat
        term.keys("Space")
        time.sleep(0.3)
        if "Beat 7 of 11" in term.screen():
            break
        assert "Beat 6 of 11" in term.screen() and "scene 5 of 9" in term.screen()
    term.wait_for("Beat 7 of 11")
    term.keys("r")
    screen = term.wait_for("Beat 7 of 11 · A cigarette")  # the beat's heading in the pane
    assert "reading straight through" in screen
    term.keys("Space", "Space", "Space", "r")
    screen = term.wait_for("Quotes")  # back in the beat view, at the beat read to
    assert "Beat 7 of 11" not in screen.splitlines()[1]
