"""The reader's performance, each figure a ratio against a baseline measured in the same run.

    python benchmarks/run.py            (about 8 minutes on 2 CPUs: every figure, medians of many runs)
    python benchmarks/run.py --quick    (about 4 minutes: fewer repetitions, same figures)
    python benchmarks/run.py --profile  (also writes pyinstrument profiles to benchmarks/.cache/)
    python benchmarks/run.py --only cli,load   (some of the figures: launch, terminal, cli, load, steps, continuous, import)

Needs the package's dependencies (pip install -e .) and tmux; pyinstrument only for --profile
(pip install -e '.[bench]'). Prints a table with "met" or "NOT MET" per line and writes
benchmarks/results.json. Exit code 0 when every target is met, 1 otherwise.

What is measured, and against what:
- launch: from `tmux new-session` until capture-pane shows the first words of the bundled
  article, against benchmarks/bare_app.py (header, two columns, footer) until its text shows;
- terminal: one step alone in a real terminal (tmux 120x40), from send-keys until capture-pane
  shows the beat bar naming the new beat, through the first eleven beats and back, against the
  bare app's key changing a line (what tmux, the pty and Textual's input cost any app);
- check, export: whole-process time of `reader check` and `reader export --format json`,
  against `python -c "import yaml"`;
- step, filter: one step (a key sent in a burst of ten, no per-key pause) and one speaker-filter
  change, in the app run headless at 120x40, on the bundled article and on generated ones
  10x, 100x and 1000x its size (benchmarks/generate.py), against the bundled article;
- load: load_article's time and the process's peak memory per size, against the bundled one;
- continuous: opening the continuous view (`r`, at a beat in the middle) and closing it, in the
  app run headless at 120x40, per size, against the bundled article.
- steps also times one step alone (single keys through the first eleven beats and back), a
  burst of 20 step keys against one step, one filter change and a burst of 20, and opening
  each dialog (outline, timeline, source, speakers, bookmarks, help), at x1 and x100: its
  first opening (after 3 s without a key, as a reader reads) and the openings after it; and
  single steps from the app's first frame on, while the dialogs are built ahead of time;
  each from its key (or change) to the last frame the app writes for it (class Frames);
- import: `reader import` of each web page of ../shared/corpus/extraction (every page, or every
  fourth with --quick; skipped with a message where the corpus is absent), against
  trafilatura's own extraction of the same page; and the text import's growth with size
  (many paragraphs, and one long paragraph), each size against the one half its size.
Every child process and every wait has a timeout, so nothing hangs. Runs are interleaved
(baseline, subject, baseline, ...) so a busy machine slows both sides alike.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]  # a fresh clone works without an install of the package

from generate import BUNDLED, cache_dir, generate  # noqa: E402 - after sys.path is set

SIZES = (1, 10, 100, 1000)
RESULTS = HERE / "results.json"
SCREEN = (120, 40)
BURST = 10  # keys per burst: holding a key down sends about this many before a frame is seen
#: the figures' targets (issues 7 and 17)
LAUNCH_MAX, CLI_MAX, FLAT_MAX, LOAD_MAX_S, LOAD_MAX_MB = 1.3, 2.0, 1.5, 1.0, 300.0
STEP_MAX_MS, BURST_MAX = 50.0, 3.0  # one step, filter change or dialog; a burst of 20 against one (issue 17)
DOUBLING_MAX = 2.5  # import growth per doubling of the text: linear is 2x, quadratic 4x
#: the dialogs whose opening is timed, by the key that opens them
DIALOGS = {"outline": "o", "timeline": "t", "source": "v", "speakers": "s", "bookmarks": "B", "help": "question_mark"}
CORPUS = ROOT.parent / "shared" / "corpus" / "extraction" / "html"
ALL = "launch,terminal,cli,load,steps,continuous,import"
DIALOG_SIZES = (1, 100)  # the x1000 outline lists 11,000 beats: too slow to open repeatedly on a shared machine
READ_PAUSE = 3.0  # seconds without a key before the dialogs are first opened: a reader reading the beat
LAUNCH_STEPS = 16  # single steps timed from the first frame on: about the first three seconds


@dataclass
class Figure:
    """One line of the report: a value, its baseline in the same run, and the target."""

    name: str
    value: float
    unit: str
    baseline: str
    baseline_value: float | None
    ratio: float | None
    target: str
    met: bool
    note: str = ""


# -- processes -----------------------------------------------------------------------------
def child_env(state: Path) -> dict[str, str]:
    """The environment children run in: no forced size, bytecode cached, private reader state."""
    env = dict(os.environ)
    # pytest and some shells set COLUMNS/LINES, which Textual would take over the real size
    for name in ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["READER_STATE_DIR"] = str(state)  # never the user's saved place: every run starts at beat 1
    env["READER_CACHE"] = "0"  # every figure but the cached load reads its article afresh
    return env


def time_process(argv: list[str], env: dict[str, str], timeout: float = 60) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one whole process; raises if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT, timeout=timeout, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_child(args: list[str], env: dict[str, str], timeout: float) -> dict[str, Any]:
    """Run this script as a child measuring one thing; its last line of output is JSON."""
    kind, path, *options = args
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", kind, path, *options],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {args} exited {done.returncode}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ratio(value: float, base: float) -> float:
    """value / base, guarded against a zero baseline."""
    return value / base if base > 0 else float("inf")


# -- launch in a real terminal ---------------------------------------------------------------
class Tmux:
    """A private tmux server (its own socket), so no session of the user's is ever touched."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"reader-bench-{os.getpid()}"
        self.env = env
        self.count = 0
        # an idle session keeps the server up between runs: killing the last session stops
        # it, and a new-session racing with that shutdown fails ("server exited unexpectedly")
        kept = self.tmux("new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "--", "sleep", "3600")
        if kept.returncode != 0:
            raise RuntimeError(f"tmux cannot start a session: {kept.stderr.strip()}")

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run one tmux command against the private server."""
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True, env=self.env, timeout=20, check=False,
        )

    def time_to_text(self, argv: list[str], marker: str, timeout: float = 20.0) -> float:
        """Seconds from starting argv in a new 120x40 window until `marker` shows on its screen."""
        self.count += 1
        name = f"b{self.count}"
        command = ["env", "-u", "COLUMNS", "-u", "LINES", "TERM=xterm-256color", *argv]
        start = time.perf_counter()
        made = self.tmux("new-session", "-d", "-s", name, "-x", str(SCREEN[0]), "-y", str(SCREEN[1]), "--", *command)
        if made.returncode != 0:
            raise RuntimeError(f"tmux new-session failed: {made.stderr.strip()}")
        try:
            while True:
                screen = self.tmux("capture-pane", "-p", "-t", name).stdout
                if marker in screen:
                    return time.perf_counter() - start
                if time.perf_counter() - start > timeout:
                    raise RuntimeError(f"{marker!r} did not show within {timeout:.0f} s; the screen was:\n{screen}")
                time.sleep(0.01)
        finally:
            self.tmux("kill-session", "-t", name)

    def time_keys(self, argv: list[str], ready: str, keys: list[tuple[str, str]], timeout: float = 20.0) -> list[float]:
        """Seconds from each key sent to argv's window until its marker shows, one key at a time."""
        self.count += 1
        name = f"k{self.count}"
        command = ["env", "-u", "COLUMNS", "-u", "LINES", "TERM=xterm-256color", *argv]
        made = self.tmux("new-session", "-d", "-s", name, "-x", str(SCREEN[0]), "-y", str(SCREEN[1]), "--", *command)
        if made.returncode != 0:
            raise RuntimeError(f"tmux new-session failed: {made.stderr.strip()}")
        took: list[float] = []
        try:
            for key, marker in [("", ready), *keys]:
                time.sleep(0.4)  # the last frame and Textual's repaints after it are done: a key alone
                start = time.perf_counter()
                if key:
                    self.tmux("send-keys", "-t", name, key)
                while True:  # no sleep: each capture-pane is a process of its own, a few ms apart
                    screen = self.tmux("capture-pane", "-p", "-t", name).stdout
                    if marker in screen:
                        break
                    if time.perf_counter() - start > timeout:
                        raise RuntimeError(f"{marker!r} did not show within {timeout:.0f} s; the screen was:\n{screen}")
                if key:
                    took.append(time.perf_counter() - start)
        finally:
            self.tmux("kill-session", "-t", name)
        return took

    def close(self) -> None:
        """Stop the private server and every session left in it, and remove its socket."""
        self.tmux("kill-server")
        folder = Path(self.env.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)  # kill-server may leave the file behind


def bench_launch(env: dict[str, str], reps: int) -> list[Figure]:
    """Launch to first paint of the bundled article, against the bare skeleton app."""
    from bare_app import MARKER

    from reader.core.loader import load_article

    first = load_article(BUNDLED).steps[0].scenes[0].paragraphs[0]
    marker = " ".join(first.split()[:3])  # three words never wrap apart at 120 columns
    reader = [sys.executable, "-m", "reader", str(BUNDLED)]
    bare = [sys.executable, str(HERE / "bare_app.py")]
    term = Tmux(env)
    try:
        term.time_to_text(bare, MARKER)  # warm the disk cache and the bytecode of both
        term.time_to_text(reader, marker)
        bare_s, reader_s = [], []
        for _ in range(reps):
            bare_s.append(term.time_to_text(bare, MARKER))
            reader_s.append(term.time_to_text(reader, marker))
    finally:
        term.close()
    base, value = statistics.median(bare_s), statistics.median(reader_s)
    r = ratio(value, base)
    return [Figure("launch to first paint (tmux 120x40)", value * 1000, "ms", "bare Textual app", base * 1000, r, f"<= {LAUNCH_MAX}x", r <= LAUNCH_MAX)]


def bench_terminal(env: dict[str, str], reps: int) -> list[Figure]:
    """One step in a real terminal (tmux): from the key until the beat bar names the new beat, against the bare app's key."""
    from bare_app import MARKER

    from reader.core.loader import load_article

    beats = len(load_article(BUNDLED).steps)
    span = min(10, beats - 1)
    there = [("l", f"Beat {n + 1} of {beats}") for n in range(1, span + 1)]
    back = [("h", f"Beat {n + 1} of {beats}") for n in range(span - 1, -1, -1)]
    bare_keys = [("l", f"step {n} of") for n in range(1, span + 1)] + [("h", f"step {n} of") for n in range(span - 1, -1, -1)]
    reader = [sys.executable, "-m", "reader", "--fresh", str(BUNDLED)]
    bare = [sys.executable, str(HERE / "bare_app.py")]
    term = Tmux(env)
    try:
        bare_s: list[float] = []
        reader_s: list[float] = []
        for _ in range(reps):
            bare_s += term.time_keys(bare, MARKER, bare_keys)
            reader_s += term.time_keys(reader, f"Beat 1 of {beats}", there + back)
    finally:
        term.close()
    base, value = statistics.median(bare_s), statistics.median(reader_s)
    note = (f"{len(reader_s)} single keys through the first {span + 1} beats and back, each timed until capture-pane shows it "
            f"(polling: a few ms a look); slowest {max(reader_s) * 1000:.0f} ms. For reference: the target is the headless figure")
    return [Figure("one step alone in tmux 120x40", value * 1000, "ms", "bare app's key in tmux", base * 1000, ratio(value, base), "-", True, note)]


# -- check and export -----------------------------------------------------------------------
_NO_TEXTUAL = (
    "import contextlib, io, sys\n"
    "from reader.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
    "    main(['check']); main(['export', '--format', 'json'])\n"
    "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
)


def bench_cli(env: dict[str, str], reps: int) -> list[Figure]:
    """Whole-process time of `reader check` and `reader export`, against `python -c "import yaml"`."""
    commands = {
        "yaml": [sys.executable, "-c", "import yaml"],
        "check": [sys.executable, "-m", "reader", "check"],
        "export": [sys.executable, "-m", "reader", "export", "--format", "json"],
    }
    for argv in commands.values():
        time_process(argv, env)  # warm-up: writes bytecode, fills the disk cache
    wall: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(reps):
        for key, argv in commands.items():
            w, c = time_process(argv, env)
            wall[key].append(w)
            cpu[key].append(c)
    base, base_cpu = statistics.median(wall["yaml"]), statistics.median(cpu["yaml"])
    out = []
    for key in ("check", "export"):
        value, value_cpu = statistics.median(wall[key]), statistics.median(cpu[key])
        r = ratio(value, base)
        note = f"CPU {value_cpu * 1000:.0f} ms vs {base_cpu * 1000:.0f} ms: {ratio(value_cpu, base_cpu):.2f}x"
        out.append(Figure(f"reader {key} (whole process)", value * 1000, "ms", "python -c 'import yaml'", base * 1000, r, f"<= {CLI_MAX}x", r <= CLI_MAX, note))
    leaked = subprocess.run([sys.executable, "-c", _NO_TEXTUAL], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False)
    modules = leaked.stdout.strip() or leaked.stderr.strip()[-200:]
    ok = leaked.returncode == 0 and modules == "[]"
    out.append(Figure("check and export import Textual", 0.0 if ok else 1.0, "", "-", None, None, "never", ok, f"textual modules imported: {modules}"))
    return out


# -- load and memory -----------------------------------------------------------------------
def article_path(size: int) -> Path:
    """The bundled article, or the generated one `size` times larger."""
    return BUNDLED if size == 1 else generate(size)


def bench_load(env: dict[str, str], reps: int, profile: bool) -> list[Figure]:
    """Load time and peak memory per size, each in a fresh process, against the bundled article."""
    results: dict[int, list[dict[str, Any]]] = {}
    for size in SIZES:
        count = reps if size < 1000 else max(1, reps // 2)
        results[size] = [run_child(["load", str(article_path(size))], env, timeout=300) for _ in range(count)]
    if profile:
        for size in (1, 1000):
            run_child(["load", str(article_path(size)), "--profile-to", str(cache_dir() / f"profile-load-x{size}.txt")], env, timeout=600)
    # the cache of validated articles: the first load writes it, the next ones read it
    with tempfile.TemporaryDirectory(prefix="reader-bench-cache-") as folder:
        cached_env = dict(env, READER_CACHE="1", READER_CACHE_DIR=folder)
        writing = run_child(["load", str(article_path(1000))], cached_env, timeout=300)
        cached = [run_child(["load", str(article_path(1000))], cached_env, timeout=300) for _ in range(max(2, reps))]
    base = statistics.median(r["wall"] for r in results[1])
    base_mb = statistics.median(r["peak_mb"] for r in results[1])
    out = []
    for size in SIZES:
        runs = results[size]
        wall = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        paragraphs = runs[0]["paragraphs"]
        note = f"{paragraphs:,} paragraphs, {wall / paragraphs * 1e6:.0f} µs each; CPU {cpu:.2f} s"
        out.append(Figure(f"load x{size}", wall * 1000, "ms", "load x1", base * 1000, ratio(wall, base), "-", True, note))
        if size == 1000:
            warm = statistics.median(r["wall"] for r in cached)
            out.append(Figure("load x1000, first (writes the cache)", writing["wall"] * 1000, "ms", "load x1000", wall * 1000,
                              ratio(writing["wall"], wall), "-", True, "a cold load plus encoding and writing the entry"))
            out.append(Figure("load x1000, cached", warm * 1000, "ms", "load x1000", wall * 1000, ratio(warm, wall),
                              f"<= {LOAD_MAX_S:.0f} s", warm <= LOAD_MAX_S, "decoded from the cache of validated articles"))
            out.append(Figure(f"peak memory x{size}", peak, "MB", "x1 process", base_mb, ratio(peak, base_mb),
                              f"<= {LOAD_MAX_MB:.0f} MB", peak <= LOAD_MAX_MB, "whole process, VmHWM"))
    return out


# -- stepping and filtering in the app --------------------------------------------------------
def bench_steps(env: dict[str, str], bursts: int, rounds: int, profile: bool) -> list[Figure]:
    """Per-step and per-filter-change cost in the headless app, per size, against the bundled article.

    Sizes take turns (x1, x10, x100, x1000, then again), so a machine that gets busier
    halfway through slows every size, not just the last ones.
    """
    runs: dict[int, list[dict[str, Any]]] = {size: [] for size in SIZES}
    for _ in range(rounds):
        for size in SIZES:
            dialogs = ["--dialogs"] if size in DIALOG_SIZES else []
            runs[size].append(run_child(["steps", str(article_path(size)), "--bursts", str(bursts), *dialogs], env, timeout=1500))
            if dialogs:  # the first seconds after launch, while the dialogs are built ahead: steps still come first
                runs[size][-1].update(run_child(["launch-steps", str(article_path(size)), "--bursts", str(LAUNCH_STEPS)], env, timeout=600))
    if profile:  # runs of their own: a profiler's overhead must not reach the figures
        for size in (1, 1000):
            prof = str(cache_dir() / f"profile-steps-x{size}.txt")
            run_child(["steps", str(article_path(size)), "--bursts", str(bursts), "--profile-to", prof], env, timeout=1800)
    keys = ("step_ms", "filter_ms", "step_one_ms", "step_20_ms", "filter_one_ms", "filter_20_ms")
    pooled = {size: {key: [x for run in rs for x in run[key]] for key in keys} for size, rs in runs.items()}
    out = []
    for what, key in (("step", "step_ms"), ("filter change", "filter_ms")):
        base = statistics.median(pooled[1][key])
        for size in SIZES:
            value = statistics.median(pooled[size][key])
            r = ratio(value, base)
            met = value <= STEP_MAX_MS and (size == 1 or r <= FLAT_MAX)
            note = ""
            if what == "step":
                start = statistics.median(run["start_s"] for run in runs[size])
                note = f"app start {start:.2f} s, peak {max(run['peak_mb'] for run in runs[size]):.0f} MB, {len(pooled[size][key])} bursts of {BURST}"
            target = f"<= {STEP_MAX_MS:.0f} ms" + ("" if size == 1 else f", <= {FLAT_MAX}x")
            out.append(Figure(f"{what} x{size} (in a burst of {BURST})", value, "ms", f"{what} x1", base, r, target, met, note))
    for what, one_key, burst_key in (("step", "step_one_ms", "step_20_ms"), ("filter change", "filter_one_ms", "filter_20_ms")):
        base = statistics.median(pooled[1][one_key])
        for size in SIZES:
            one = statistics.median(pooled[size][one_key])
            r = ratio(one, base)
            note = "a single key (a single change), until the screen shows all of it"
            if pooled[size][one_key]:
                note += f"; slowest {max(pooled[size][one_key]):.0f} ms of {len(pooled[size][one_key])}"
            trailing = [x for run in runs[size] for x in run.get("trailing_ms", [])]
            if trailing and what == "step":
                note += f"; Textual's repaints of unchanged lines after it, median {statistics.median(trailing):.0f} ms"
            out.append(Figure(f"one {what} alone x{size}", one, "ms", f"one {what} x1", base, r, f"<= {STEP_MAX_MS:.0f} ms",
                              one <= STEP_MAX_MS, note))
            if pooled[size][burst_key]:
                twenty = statistics.median(pooled[size][burst_key])
                rb = ratio(twenty, one)
                out.append(Figure(f"burst of 20 {what}s x{size}", twenty, "ms", f"one {what} x{size}", one, rb, f"<= {BURST_MAX:.0f}x",
                                  rb <= BURST_MAX, "twenty at once, until the last is painted"))
    dialog_base = statistics.median(pooled[1]["step_one_ms"])
    for name in DIALOGS:
        for size in DIALOG_SIZES:
            times = [t for run in runs[size] for t in run["dialog_ms"].get(name, [])]
            if not times:
                out.append(Figure(f"open {name} x{size}", 0.0, "", "-", None, None, "-", True, "does not open for this article (it has no seed)"))
                continue
            value = statistics.median(times)
            out.append(Figure(f"open {name} x{size}", value, "ms", "one step x1", dialog_base, ratio(value, dialog_base),
                              f"<= {STEP_MAX_MS:.0f} ms", value <= STEP_MAX_MS, "from its key until painted (opened before: kept)"))
            firsts = [t for run in runs[size] for t in run.get("dialog_first_ms", {}).get(name, [])]
            if firsts:
                first = statistics.median(firsts)
                out.append(Figure(f"first open {name} x{size}", first, "ms", "one step x1", dialog_base, ratio(first, dialog_base),
                                  f"<= {STEP_MAX_MS:.0f} ms", first <= STEP_MAX_MS, f"its first opening, after {READ_PAUSE:.0f} s without a key"))
    for size in DIALOG_SIZES:
        launch_steps = [t for run in runs[size] for t in run.get("launch_step_ms", [])]
        if launch_steps:
            value = statistics.median(launch_steps)
            out.append(Figure(f"one step alone just after launch x{size}", value, "ms", "one step x1", dialog_base, ratio(value, dialog_base),
                              f"<= {STEP_MAX_MS:.0f} ms", value <= STEP_MAX_MS,
                              f"{len(launch_steps)} keys from the first frame on, while dialogs are built ahead; slowest {max(launch_steps):.0f} ms"))
    return out


def bench_continuous(env: dict[str, str], reps: int) -> list[Figure]:
    """Opening and closing the continuous view per size, against the bundled article (sizes take turns)."""
    runs: dict[int, list[dict[str, Any]]] = {size: [] for size in SIZES}
    for _ in range(2):
        for size in SIZES:
            runs[size].append(run_child(["continuous", str(article_path(size)), "--bursts", str(reps)], env, timeout=900))
    out = []
    for what, key in (("open continuous view", "open_ms"), ("close continuous view", "close_ms")):
        pooled = {size: [x for run in rs for x in run[key]] for size, rs in runs.items()}
        base = statistics.median(pooled[1])
        for size in SIZES:
            value = statistics.median(pooled[size])
            r = ratio(value, base)
            note = f"{statistics.median(x for run in runs[size] for x in run['beats'])} beats mounted of {runs[size][0]['steps']:,}" if key == "open_ms" else ""
            out.append(Figure(f"{what} x{size}", value, "ms", f"{what} x1", base, r, "-" if size == 1 else f"<= {FLAT_MAX}x", size == 1 or r <= FLAT_MAX, note))
    # for scale: opening the view against one step of the beat view, on the bundled article
    step = statistics.median(x for run in runs[1] for x in run["step_ms"])
    opened = statistics.median(x for run in runs[1] for x in run["open_ms"])
    out.append(Figure("open continuous view x1, for scale", opened, "ms", "one step x1", step, ratio(opened, step), "-", True, "same runs"))
    return out


def child_continuous(path: str, times: int) -> dict[str, Any]:
    """Open the continuous view at a beat in the middle and close it, `times` times; milliseconds each."""
    from textual import events

    from reader.core.loader import load_article
    from reader.ui.app import ReaderApp
    from reader.ui.screens.continuous import ContinuousScreen
    from reader.ui.screens.reading import ReadingScreen
    from reader.ui.widgets.story_view import StoryView

    article = load_article(path)

    async def main() -> dict[str, Any]:
        """Start the app, go to the middle, then time the view opening and closing."""
        app = ReaderApp(article, remember=False)
        opens, closes, beats, steps = [], [], [], []
        async with app.run_test(size=SCREEN) as pilot:
            await pilot.pause()
            reading = app.screen
            assert isinstance(reading, ReadingScreen)
            frames = Frames(app)
            reading.step = len(article.steps) // 2
            await frames.until(time.perf_counter())

            def story_ready() -> bool:
                """The continuous view is up and has mounted its first window of beats."""
                return isinstance(app.screen, ContinuousScreen) and bool(app.screen.query(StoryView)) and not app.screen.query_one(StoryView)._busy

            for i in range(times + 1):  # the first of each is a warm-up
                t0 = time.perf_counter()
                app.post_message(events.Key("r", "r"))
                opened = await frames.until(t0, story_ready)
                beats.append(len(app.screen.query_one(StoryView).blocks))
                t0 = time.perf_counter()
                app.post_message(events.Key("escape", None))
                closed = await frames.until(t0, lambda: app.screen is reading)
                t0 = time.perf_counter()  # and one step of the beat view, for scale
                key, target = ("l", reading.step + 1) if i % 2 == 0 else ("h", reading.step - 1)
                app.post_message(events.Key(key, key))
                stepped = await frames.until(t0, lambda: reading.step == target)  # noqa: B023 - awaited at once
                if i:
                    opens.append(opened)
                    closes.append(closed)
                    steps.append(stepped)
        return {"open_ms": opens, "close_ms": closes, "step_ms": steps, "beats": beats, "steps": len(article.steps)}

    return asyncio.run(asyncio.wait_for(main(), 600))


# -- import ------------------------------------------------------------------------------------
def corpus_pages(quick: bool) -> list[Path]:
    """The corpus's web pages (every fourth with --quick), or none where the corpus is absent."""
    pages = sorted(CORPUS.glob("*.html*")) if CORPUS.is_dir() else []
    return pages[::4] if quick else pages


def bench_import(env: dict[str, str], quick: bool) -> list[Figure]:
    """reader import of the corpus's pages, against trafilatura's extraction; the text import's growth."""
    out = []
    pages = corpus_pages(quick)
    if not pages:
        print(f"\n    import: {CORPUS} is absent: the per-page figures are skipped", end="", flush=True)
        out.append(Figure("import a web page", 0.0, "", "-", None, None, "-", True, f"skipped: no corpus at {CORPUS}"))
    else:
        done = run_child(["import-pages", str(CORPUS), *(["--quick"] if quick else [])], env, timeout=3600)
        reader_s, base_s = done["reader"], done["trafilatura"]
        median, base = statistics.median(reader_s), statistics.median(base_s)
        worst = max(reader_s)
        worst_page = done["pages"][reader_s.index(worst)]
        n = len(reader_s)
        out.append(Figure(f"import a web page, median of {n}", median * 1000, "ms", "trafilatura.extract, same pages", base * 1000,
                          ratio(median, base), "-", True, f"{done['failed']} of {n} pages refused (no article text); in one process"))
        out.append(Figure(f"import a web page, worst of {n}", worst * 1000, "ms", "its own extraction", done["trafilatura"][reader_s.index(worst)] * 1000,
                          ratio(worst, done["trafilatura"][reader_s.index(worst)]), "-", True, f"page {worst_page[:16]}…"))
    sizes = (0.125, 0.25, 0.5, 1.0) if quick else (0.5, 1.0, 2.0, 4.0)
    for shape in ("paragraphs", "one paragraph"):
        grown = run_child(["import-growth", shape, *map(str, sizes)], env, timeout=3600)
        for i, (mb, took) in enumerate(zip(sizes, grown["seconds"], strict=True)):
            if i == 0:
                out.append(Figure(f"import text, {shape}, {mb:g} MB", took * 1000, "ms", "-", None, None, "-", True, "the growth's baseline"))
                continue
            half = grown["seconds"][i - 1]
            r = ratio(took, half)
            out.append(Figure(f"import text, {shape}, {mb:g} MB", took * 1000, "ms", f"{sizes[i - 1]:g} MB", half * 1000, r,
                              f"<= {DOUBLING_MAX}x per doubling", r <= DOUBLING_MAX, "linear doubles, quadratic quadruples"))
    return out


def child_import_pages(folder: str, quick: bool) -> dict[str, Any]:
    """Seconds of import_data per page, and of trafilatura's extraction of the same page, alternated."""
    import gzip

    import trafilatura

    from reader.core.errors import ContentError
    from reader.core.importer import import_data

    reader_s, base_s, names, failed = [], [], [], 0
    with tempfile.TemporaryDirectory(prefix="reader-bench-import-") as tmp:
        out = Path(tmp) / "page.yaml"
        pages = sorted(Path(folder).glob("*.html*"))
        if pages:  # warm-up: the first page would pay for trafilatura's and lxml's first use
            import_data(pages[-1].read_bytes(), pages[-1].name, out)
        for page in pages[::4] if quick else pages:
            data = page.read_bytes()
            html = gzip.decompress(data).decode("utf-8", "replace") if page.suffix == ".gz" else data.decode("utf-8", "replace")
            t0 = time.perf_counter()
            trafilatura.extract(html)
            base_s.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            try:
                import_data(data, page.name, out)
            except ContentError:
                failed += 1
            reader_s.append(time.perf_counter() - t0)
            names.append(page.name)
    return {"reader": reader_s, "trafilatura": base_s, "pages": names, "failed": failed}


def growth_text(megabytes: float, one_paragraph: bool) -> str:
    """The bundled seed's body paragraphs repeated to a size: as paragraphs, or run together as one."""
    from reader.core.seed import parse_seed

    seed = ROOT / "seeds" / "000_70fa68d05498e722.txt"
    paragraphs = parse_seed(seed.read_text(encoding="utf-8")).paragraphs
    parts, size, i = [], 0, 0
    while size < megabytes * 1024 * 1024:
        parts.append(paragraphs[i % len(paragraphs)])
        size += len(parts[-1].encode()) + 2
        i += 1
    return (" " if one_paragraph else "\n\n").join(parts) + "\n"


def child_import_growth(shape: str, sizes: list[float]) -> dict[str, Any]:
    """Seconds of a text's import (standard input's path: no file) at each size."""
    from reader.core.importer import import_data

    seconds = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-growth-") as tmp:
        for mb in sizes:
            data = growth_text(mb, shape == "one paragraph").encode()
            t0 = time.perf_counter()
            import_data(data, "growth.txt", Path(tmp) / "growth.yaml")
            seconds.append(time.perf_counter() - t0)
    return {"seconds": seconds}


# -- children --------------------------------------------------------------------------------
def peak_mb() -> float:
    """This process's peak resident memory, in MB.

    VmHWM where Linux gives it: ru_maxrss of a child started by a large parent counts the
    parent's memory at the fork, so it would report the generator's peak, not the reader's.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child_load(path: str, profile: str | None) -> dict[str, Any]:
    """Load one article once; its wall and CPU time and the process's peak memory."""
    from reader.core.loader import load_article

    profiler = _profiler(profile)
    start, cpu = time.perf_counter(), time.process_time()
    article = load_article(path)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    _save_profile(profiler, profile)
    return {"wall": wall, "cpu": cpu, "peak_mb": peak_mb(), "paragraphs": sum(len(s.paragraphs) for s in article.scenes)}


class Frames:
    """When the app last changed what the screen shows, so neither a wait's own work nor Textual's
    repaints of unchanged lines count in a figure.

    The waits below ask every widget to call back once its queue is empty (as Textual's Pilot
    does): on the reading screen that is a round of messages through some seventy widgets, about
    18 ms, which a figure measured to the end of the wait used to include. A figure is now the
    time from its key to the last frame that changed a cell of the screen (headless, the frame
    Textual would have written: the layout and every widget's render are done, only the
    terminal's escape codes are not). Textual often writes a frame or two more after a change,
    repainting a scroll bar or a panel with what it already showed; those are counted apart
    (`trailing`), as the time they add after the screen was complete.
    """

    QUIET = 0.06  # seconds without a frame and without queued work before the wait confirms

    def __init__(self, app: Any) -> None:
        self.app = app
        self.last = 0.0  # the last frame written
        self.changed = 0.0  # the last frame that changed a cell
        self.cells: dict[tuple[int, int], tuple[str, str]] = {}
        self.looks: dict[Any, str] = {}
        self.trailing: list[float] = []
        display = app._display

        def stamped(screen: Any, renderable: Any) -> None:
            """Write the frame, noting when, and whether it changed the screen."""
            display(screen, renderable)
            if renderable is not None:
                now = time.perf_counter()
                self.last = now
                if self._apply(renderable):
                    self.changed = now

        app._display = stamped
        try:  # what the screen shows now, so a frame that repaints it unchanged counts as none
            self._apply(app.screen._compositor.render_update(full=True))
        except Exception:  # noqa: BLE001 - a Textual without it: every first painting of a cell counts
            pass

    def _apply(self, update: Any) -> bool:
        """Apply a frame to a copy of the screen's cells; True if any cell changed (or the frame is of an unknown kind)."""
        rows: list[tuple[int, int, Any]] = []
        if hasattr(update, "chops"):  # what ChopsUpdate.render_segments writes: the chops in its spans, cut at their ends
            for y, x1, x2 in update.spans:
                for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
                    if strip is None or x > x2 or end <= x1:
                        continue
                    rows.append((y, x, strip if (x2 > x >= x1 and end <= x2) else strip.crop(0, min(end, x2) - x)))
        elif hasattr(update, "strips") and hasattr(update, "region"):  # a full frame: each line's strips side by side
            rows = [(update.region.y + y, update.region.x, [seg for part in line for seg in part]) for y, line in enumerate(update.strips)]
        else:
            return True
        changed = False
        cells, looks = self.cells, self.looks
        for y, x, strip in rows:
            for segment in strip:
                if segment.control:
                    continue
                # the style as the terminal shows it: its meta (mouse offsets, links' ids) is not seen
                look = looks.get(segment.style)
                if look is None:
                    look = looks[segment.style] = str(segment.style)
                for char in segment.text:
                    cell = (char, look)
                    if cells.get((y, x)) != cell:
                        cells[(y, x)] = cell
                        changed = True
                    x += 1
        return changed

    def busy(self) -> bool:
        """True while the screen has a layout or paint pending, or a widget has messages queued."""
        screen = self.app.screen
        if screen._layout_required or screen._repaint_required or screen._dirty_widgets:
            return True
        return any(node._message_queue.qsize() for node in [self.app, *screen.walk_children(with_self=True)])

    async def until(self, t0: float, done: Any = None, timeout: float = 60.0) -> float:
        """Wait until `done()` holds and the app has gone quiet; milliseconds from t0 to its last change on screen."""
        while True:
            await asyncio.sleep(0.005)  # the figure is the frame's own time: polling needs no finer grain
            if time.perf_counter() - t0 > timeout:
                raise RuntimeError(f"no quiet within {timeout} s")
            if (done is not None and not done()) or self.busy() or time.perf_counter() - self.last < self.QUIET:
                continue
            before = self.last
            await _settle(self.app)  # confirm: whatever was left is handled, and painted now
            if self.last == before and (done is None or done()):
                if self.changed < t0:  # nothing changed on screen (a key at the last beat): its last frame
                    return max(0.0, self.last - t0) * 1000
                self.trailing.append(max(0.0, self.last - self.changed) * 1000)
                return (self.changed - t0) * 1000


async def _settle(app: Any, timeout: float = 60.0) -> None:
    """Wait until the app and every widget have handled what is queued, then lay out and paint.

    Each node is asked to call back once its queue is empty; twice, because handling a
    message (a mount) can queue more on widgets that did not exist the first time. The last
    line is what Textual's refresh timer does (Pilot.pause calls it too), done now rather than
    at the next 60 Hz tick, so a burst costs its work and not a wait for the clock.
    """
    for _ in range(2):
        await _drain(app, timeout)
    app.screen._on_timer_update()


async def _drain(app: Any, timeout: float) -> None:
    """Return once the app and every widget now on its screen have emptied their queues."""
    left = 0
    done = asyncio.Event()

    def one() -> None:
        """One more node has reached this callback: its earlier messages are handled."""
        nonlocal left
        left -= 1
        if left == 0:
            done.set()

    for node in [app, *app.screen.walk_children(with_self=True)]:
        if node.call_later(one):
            left += 1
    if left:
        await asyncio.wait_for(done.wait(), timeout)


def child_steps(path: str, bursts: int, profile: str | None, with_dialogs: bool = False) -> dict[str, Any]:
    """Step and filter bursts in the headless app; milliseconds per step and per change."""
    from textual import events

    from reader.core.loader import load_article
    from reader.ui.app import ReaderApp
    from reader.ui.screens.reading import ReadingScreen

    article = load_article(path)
    # the same beats in every size: the first copy of the bundled article's steps
    first_copy = min(len(article.steps), 11)
    quotes_at = [sum(len(article.quotes_by_scene.get(s.id, ())) for s in article.steps[i].scenes) for i in range(first_copy)]
    filter_step = max(range(first_copy), key=lambda i: quotes_at[i])
    speaker = max(
        (q.speaker for s in article.steps[filter_step].scenes for q in article.quotes_by_scene.get(s.id, ())),
        key=lambda who: sum(q.speaker == who for s in article.steps[filter_step].scenes for q in article.quotes_by_scene.get(s.id, ())),
    )
    span = min(BURST, first_copy - 1)

    async def main() -> dict[str, Any]:
        """Start the app, then time the bursts."""
        start = time.perf_counter()
        app = ReaderApp(article)
        async with app.run_test(size=SCREEN) as pilot:
            await pilot.pause()
            started = time.perf_counter() - start
            screen = app.screen  # the reading screen: it holds the reading state
            assert isinstance(screen, ReadingScreen)
            frames = Frames(app)

            async def step_keys(forward: bool, count: int) -> float:
                """`count` step keys at once, forward or back; milliseconds until all is painted."""
                key = "l" if forward else "h"  # letters bound to step(±1) alone: no widget's arrow binding intervenes
                target = screen.step + (count if forward else -count)
                t0 = time.perf_counter()
                for _ in range(count):
                    app.post_message(events.Key(key, key))  # a burst: no pause between keys
                return await frames.until(t0, lambda: screen.step == target)

            async def step_burst(forward: bool) -> float:
                """Ten step keys at once; milliseconds per step once all is painted."""
                return await step_keys(forward, span) / span

            async def filter_changes(count: int) -> float:
                """`count` filter changes at once (one speaker, none, ...); milliseconds until all is painted."""
                chosen = frozenset({speaker})
                t0 = time.perf_counter()
                for i in range(count):
                    screen.speakers = chosen if i % 2 == 0 else frozenset()
                took = await frames.until(t0)
                if screen.speakers:  # an odd count: back to no filter, untimed, for the next run
                    screen.speakers = frozenset()
                    await frames.until(time.perf_counter())
                return took

            async def filter_burst() -> float:
                """Ten filter changes at once; milliseconds per change."""
                return await filter_changes(BURST) / BURST

            async def open_dialog(key: str) -> float | None:
                """Milliseconds from a dialog's key until it is painted; None when it does not open (no seed)."""
                t0 = time.perf_counter()
                app.post_message(events.Key(key, {"question_mark": "?"}.get(key, key)))
                while app.screen is screen:
                    if time.perf_counter() - t0 > 5:
                        return None
                    await _settle(app)
                took = await frames.until(t0, lambda: app.screen is not screen)
                app.post_message(events.Key("escape", None))
                while app.screen is not screen:
                    if time.perf_counter() - t0 > 30:
                        await app.pop_screen()
                    await _settle(app)
                await frames.until(time.perf_counter())
                return took

            screen.step = 0  # the bursts walk the first copy's beats: forward ten, back ten
            await frames.until(time.perf_counter())
            await step_burst(True)  # warm-up: first mounts of every kind of widget
            await step_burst(False)
            profiler = _profiler(profile)
            steps = [await step_burst(i % 2 == 0) for i in range(bursts * 2)]
            _save_profile(profiler, profile)
            screen.step = filter_step
            await frames.until(time.perf_counter())
            await filter_burst()  # warm-up
            filters = [await filter_burst() for _ in range(bursts)]
            filter_one = [await filter_changes(1) for _ in range(bursts * 2)]
            filter_20 = [await filter_changes(20) for _ in range(bursts)]
            screen.step = 0
            await frames.until(time.perf_counter())
            # single keys through the first copy's beats and back: every kind of step (the lede to
            # the first beat, a beat to one with more text or a figure) counts in the median
            singles = [await step_keys(forward, 1) for _ in range(max(1, bursts // 2)) for forward in (True, False) for _ in range(span)]
            burst_20: list[float] = []
            if len(article.steps) > 20:  # the bundled article has 11 beats: no burst of 20 fits
                burst_20 = [await step_keys(i % 2 == 0, 20) for i in range(bursts)]
            dialogs: dict[str, list[float]] = {}
            dialogs_first: dict[str, list[float]] = {}
            if with_dialogs:  # a reader reads a while before opening a dialog: the app's idle moments (dialogs/prebuild.py)
                await asyncio.sleep(READ_PAUSE)
                await frames.until(time.perf_counter())
            for name, key in DIALOGS.items() if with_dialogs else ():
                # the first opening finds the dialog built in those moments (else it builds it, importing its module); kept after
                first = await open_dialog(key)
                dialogs_first[name] = [first] if first is not None else []
                times = [await open_dialog(key) for _ in range(bursts)]
                dialogs[name] = [t for t in times if t is not None]
        return {
            "step_ms": steps, "filter_ms": filters, "start_s": started, "peak_mb": peak_mb(), "step_one_ms": singles,
            "step_20_ms": burst_20, "filter_one_ms": filter_one, "filter_20_ms": filter_20, "dialog_ms": dialogs,
            "trailing_ms": frames.trailing, "dialog_first_ms": dialogs_first,
        }

    return asyncio.run(asyncio.wait_for(main(), 1200))


def child_launch_steps(path: str, count: int) -> dict[str, Any]:
    """Single steps from the app's first frame on, a key every 0.1 s or so after the last is painted; milliseconds each.

    The first seconds after launch are when the dialogs are built ahead of their first opening
    (reader/ui/dialogs/prebuild.py): a key must still come first. Each figure is one key, from
    the key to the last frame that changed the screen (Frames), forward and back by turns.
    """
    from textual import events

    from reader.core.loader import load_article
    from reader.ui.app import ReaderApp
    from reader.ui.screens.reading import ReadingScreen

    article = load_article(path)

    async def main() -> dict[str, Any]:
        """Start the app; step at once, then on and on while it settles."""
        app = ReaderApp(article)
        async with app.run_test(size=SCREEN) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            frames = Frames(app)
            launched = time.perf_counter()
            times: list[float] = []
            at: list[float] = []
            for i in range(count):
                forward = i % 2 == 0
                target = screen.step + (1 if forward else -1)
                t0 = time.perf_counter()
                at.append((t0 - launched) * 1000)
                app.post_message(events.Key("l" if forward else "h", "l" if forward else "h"))
                times.append(await frames.until(t0, lambda target=target: screen.step == target))
                await asyncio.sleep(0.1)
        return {"launch_step_ms": times, "launch_step_at_ms": at}

    return asyncio.run(asyncio.wait_for(main(), 600))


def _profiler(path: str | None) -> Any:
    """A running pyinstrument profiler when a profile is asked for, else None."""
    if not path:
        return None
    from pyinstrument import Profiler  # the `bench` extra; only --profile needs it

    profiler = Profiler(interval=0.0005, async_mode="disabled")  # where the CPU goes, not who awaits it
    profiler.start()
    return profiler


def _save_profile(profiler: Any, path: str | None) -> None:
    """Stop a profiler and write its text report."""
    if profiler is None or not path:
        return
    profiler.stop()
    Path(path).write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")


# -- report ----------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    """Where the figures came from."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    import textual
    import yaml

    return {
        "cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(), "system": platform.platform(),
        "textual": textual.__version__, "pyyaml": yaml.__version__, "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }


def table(figures: list[Figure]) -> str:
    """The figures as a plain-text table."""
    rows = [("figure", "value", "baseline", "ratio", "target", "")]
    for f in figures:
        value = f"{f.value:,.1f} {f.unit}".strip() if f.unit else ""
        base = f"{f.baseline_value:,.1f} {f.unit} ({f.baseline})" if f.baseline_value is not None else f.baseline
        rows.append((f.name, value, base, f"{f.ratio:.2f}x" if f.ratio is not None else "", f.target, "met" if f.met else "NOT MET"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {f.name}: {f.note}" for f in figures if f.note]
    return "\n".join(lines + (["", "notes:"] + notes if notes else []))


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark (or one child measurement) and report."""
    parser = argparse.ArgumentParser(description="Measure the reader against same-run baselines.")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (same figures, noisier)")
    parser.add_argument("--profile", action="store_true", help="also write pyinstrument profiles to benchmarks/.cache/")
    parser.add_argument("--only", default=ALL, help="comma-separated: launch, terminal, cli, load, steps, continuous, import")
    parser.add_argument("--json", default=str(RESULTS), metavar="PATH", help="where to write the results (default: benchmarks/results.json)")
    parser.add_argument("--child", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    parser.add_argument("--bursts", type=int, default=10, help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", dest="profile_to", help=argparse.SUPPRESS)
    parser.add_argument("--dialogs", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # one measurement in a fresh process, for run_child
        kind, path, *rest = args.child
        if kind == "continuous":
            result = child_continuous(path, args.bursts)
        elif kind == "load":
            result = child_load(path, args.profile_to)
        elif kind == "launch-steps":
            result = child_launch_steps(path, args.bursts)
        elif kind == "steps":
            result = child_steps(path, args.bursts, args.profile_to, args.dialogs)
        elif kind == "import-pages":
            result = child_import_pages(path, args.quick)
        else:
            result = child_import_growth(path, [float(x) for x in rest])
        print(json.dumps(result))
        return 0

    only = set(args.only.split(","))
    reps = (
        {"cli": 7, "launch": 3, "terminal": 1, "load": 2, "bursts": 3, "rounds": 1}
        if args.quick
        else {"cli": 21, "launch": 9, "terminal": 2, "load": 5, "bursts": 5, "rounds": 2}
    )
    if args.profile and importlib.util.find_spec("pyinstrument") is None:
        parser.error("--profile needs pyinstrument: pip install -e '.[bench]'")
    if only & {"launch", "terminal"} and shutil.which("tmux") is None:
        parser.error("tmux is needed for the launch and terminal figures (or leave them out: --only cli,load,steps)")
    info = machine()
    print(f"reader benchmarks on {info['cpus']} x {info['cpu']}, Python {info['python']}, load average {info['load_average']}", flush=True)
    # once, before anything is timed, and in a child: this process stays small, as a parent should
    subprocess.run([sys.executable, str(HERE / "generate.py"), *map(str, SIZES[1:])], stdout=subprocess.DEVNULL, timeout=900, check=True)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-state-") as state:
        env = child_env(Path(state))
        steps = [
            ("launch", lambda: bench_launch(env, reps["launch"])),
            ("terminal", lambda: bench_terminal(env, reps["terminal"])),
            ("cli", lambda: bench_cli(env, reps["cli"])),
            ("load", lambda: bench_load(env, reps["load"], args.profile)),
            ("steps", lambda: bench_steps(env, reps["bursts"], reps["rounds"], args.profile)),
            ("continuous", lambda: bench_continuous(env, reps["bursts"])),
            ("import", lambda: bench_import(env, args.quick)),
        ]
        for name, bench in steps:
            if name in only:
                started = time.perf_counter()
                print(f"  {name}...", end="", flush=True)
                figures += bench()
                print(f" {time.perf_counter() - started:.0f} s", flush=True)
    print()
    print(table(figures))
    if args.profile:
        print(f"\nprofiles: {cache_dir()}/profile-*.txt")
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "") + ("" if only == set(ALL.split(",")) else f" --only {args.only}")
    report = {
        "command": command, "date": time.strftime("%Y-%m-%d %H:%M:%S %z"), "machine": info,
        "figures": [asdict(f) for f in figures], "all_met": all(f.met for f in figures),
    }
    Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 0 if report["all_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
