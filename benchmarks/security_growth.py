"""How the cost of hostile articles grows with their size (issue 18), as ratios to a baseline.

    python benchmarks/security_growth.py [--quick]

Each case is measured at sizes doubling from a baseline measured in the same run, and reported
as the ratio of time (or memory) to the baseline's: linear growth doubles per doubling, quadratic
quadruples. Cases:

- quotes: `check` of one long paragraph of many short quotations, each covered only by a longer
  listed quote (was cubic: a 42 KB paragraph took two minutes); the coverage step alone too;
  and of quotations in the middle of sentences (their sentence was looked for in the whole
  paragraph before them: cubic, 400 took three minutes);
- aliases: one 1 MB string aliased more and more times (was 64 s for 9,000 aliases, out of
  memory on export): refused once aliases would add more than a million characters;
- big: peak memory of `reader check`, `reader export --format markdown` and `reader --linear`
  for articles of 6 to 50 MB (1 MB paragraphs), as a multiple of the file's size.

Nothing here asserts a time: the figures are for reading, like benchmarks/run.py's.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from reader.core import loader  # noqa: E402
from reader.core.errors import ContentError  # noqa: E402

MINI = (ROOT / "tests" / "test_errors.py").read_text(encoding="utf-8").split('MINI = """\\\n', 1)[1].split('"""', 1)[0]


def many_quotes(n: int) -> str:
    """MINI with a first paragraph of n short quotations, each covered by a longer listed quote."""
    filler = " and the river kept rising past the old stone bridge near the market"
    para = " ".join(f"“w{i} one two three” x{filler}." for i in range(n))
    quotes = "".join(f"  - id: many{i}\n    scene: s1\n    speaker: ann\n    text: '“w{i} one two three” x'\n" for i in range(n))
    text = MINI.replace("      - “It rained,” Ann said.\n", f"      - '{para}'\n      - “It rained,” Ann said.\n")
    return text.replace("quotes:\n", "quotes:\n" + quotes, 1)


def mid_sentence(n: int) -> str:
    """MINI with a first paragraph of n quotations in the middle of sentences (no cue, no punctuation)."""
    para = " ".join(f"and “w{i} went to the” x and the river kept rising past the bridge." for i in range(n))
    quotes = "".join(f"  - id: mid{i}\n    scene: s1\n    speaker: ann\n    text: 'w{i} went to the'\n" for i in range(n))
    text = MINI.replace("      - “It rained,” Ann said.\n", f"      - '{para}'\n      - “It rained,” Ann said.\n")
    return text.replace("quotes:\n", "quotes:\n" + quotes, 1)


def aliased(k: int, size: int = 1_000_000) -> str:
    """MINI with one `size`-character string aliased k times."""
    text = MINI.replace("    summary: The first storyline\n", f"    summary: &big {'x' * size}\n")
    return text.replace("beats:\n", "beats:\n" + "".join(f"  - {{id: b{i}, title: *big}}\n" for i in range(k)), 1)


def big(megabytes: float) -> str:
    """MINI with paragraphs of prose adding up to about `megabytes` MB."""
    para = "The river rose by two metres and the town waited. " * 20000  # 1 MB
    whole, part = int(megabytes), megabytes - int(megabytes)
    paras = "".join(f"      - '{para}'\n" for _ in range(whole))
    if part:
        paras += f"      - '{para[: int(len(para) * part)]}'\n"
    return MINI.replace("      - The river rose by two metres.\n", "      - The river rose by two metres.\n" + paras)


def timed(call) -> float:
    """Seconds one call takes (the best of two, so a busy machine's hiccup counts less)."""
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def check(text: str) -> None:
    """Load and check an article's text; a refusal is an answer too."""
    try:
        loader.load_article_text(text, "bench.yaml")
    except ContentError:
        pass


def coverage_only(text: str) -> float:
    """Seconds spent building and asking the quote coverage index while checking text."""
    spent = [0.0]
    real_init, real_covers = loader._Spans.__init__, loader._Spans.covers

    def init(self, para, texts):
        start = time.perf_counter()
        real_init(self, para, texts)
        spent[0] += time.perf_counter() - start

    def covers(self, lo, hi, exact=False):
        start = time.perf_counter()
        try:
            return real_covers(self, lo, hi, exact)
        finally:
            spent[0] += time.perf_counter() - start

    loader._Spans.__init__, loader._Spans.covers = init, covers
    try:
        check(text)
    finally:
        loader._Spans.__init__, loader._Spans.covers = real_init, real_covers
    return spent[0]


def peak_mb(argv: list[str]) -> float:
    """Peak resident memory, in MB, of `python -m reader ARGV` run to the end."""
    env = {**os.environ, "READER_CACHE": "off"}
    code = (
        "import resource, runpy, sys\n"
        f"sys.argv = ['reader', *{argv!r}]\n"
        "try:\n    runpy.run_module('reader', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        # VmHWM belongs to this program's own memory map: ru_maxrss would count the parent's too
        "peak = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
        "sys.stderr.write(peak[0] if peak else str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=600)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def series(name: str, sizes: list, measure) -> None:
    """Print one case: each size's figure and its ratio to the first."""
    figures = [(size, measure(size)) for size in sizes]
    base = figures[0][1] or 1e-9
    print(f"\n{name}")
    for size, value in figures:
        print(f"  {size!s:>10}  {value:10.4f}  x{value / base:7.2f}")


def main(argv: list[str] | None = None) -> int:
    """Run every case; --quick for smaller sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a quick look")
    args = parser.parse_args(argv)
    counts = [100, 200, 400] if args.quick else [100, 200, 400, 800]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; ratios are to the first size of each case")
    series("check: quotations in one paragraph (seconds; linear doubles)", counts, lambda n: timed(lambda: check(many_quotes(n))))
    series("  of which quote coverage (seconds)", counts, lambda n: coverage_only(many_quotes(n)))
    series("check: quotations in the middle of sentences (seconds; was cubic: 400 took 3 minutes)", counts,
           lambda n: timed(lambda: check(mid_sentence(n))))
    series("check: a 1 MB string aliased k times (seconds, refused above 1M characters)", [1, 10, 100, 1000, 9000],
           lambda k: timed(lambda: check(aliased(k))))
    sizes = [6.25, 12.5, 25] if args.quick else [6.25, 12.5, 25, 50]
    with tempfile.TemporaryDirectory() as folder:
        def memory(argv_of) -> callable:
            def run(mb: float) -> float:
                path = Path(folder) / f"big-{mb}.yaml"
                if not path.exists():
                    path.write_text(big(mb), encoding="utf-8")
                return peak_mb(argv_of(str(path))) / (path.stat().st_size / 1e6)
            return run

        series("reader check: peak memory per MB of file (a constant multiple is linear)", sizes, memory(lambda p: ["check", p]))
        series("reader export --format markdown: peak memory per MB of file", sizes, memory(lambda p: ["export", "--format", "markdown", p]))
        series("reader --linear: peak memory per MB of file", sizes, memory(lambda p: ["--linear", p]))
    print(f"\nthis process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB peak")
    return 0


if __name__ == "__main__":
    sys.exit(main())
