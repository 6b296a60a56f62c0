"""The benchmark's generated articles, and the loader's fast paths that large articles rely on.

No timing is asserted here: the figures live in benchmarks/run.py, these tests only prove that
what it measures is a valid article and that the shortcuts change no result.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from reader.core import yamlsafe
from reader.core.loader import load_article

from .conftest import ARTICLE_PATH, ROOT


def _generate_module():
    """benchmarks/generate.py, imported by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_generated_article_loads_with_every_record_copied(tmp_path: Path):
    """Three copies of the bundled article: a valid article, no seed, every id unique, counts x3."""
    generate = _generate_module()
    bundled = load_article(ARTICLE_PATH)
    article = load_article(generate.generate(3, folder=tmp_path))
    assert article.meta.seed is None
    assert len(article.beats) == 3 * len(bundled.beats)
    assert len(article.scenes) == 3 * len(bundled.scenes)
    assert len(article.quotes) == 3 * len(bundled.quotes)
    assert len(article.facts) == 3 * len(bundled.facts)
    assert sum(len(s.paragraphs) for s in article.scenes) == 3 * sum(len(s.paragraphs) for s in bundled.scenes)
    # each copy keeps the bundled article's beats: as many steps, each as wide
    assert len(article.steps) == 3 * len(bundled.steps)
    assert [len(s.scenes) for s in article.steps[: len(bundled.steps)]] == [len(s.scenes) for s in bundled.steps]


def test_a_generated_article_is_written_once(tmp_path: Path):
    """The second call finds the cached file and leaves it alone."""
    generate = _generate_module()
    first = generate.generate(2, folder=tmp_path)
    stamp = first.stat().st_mtime_ns
    assert generate.generate(2, folder=tmp_path) == first
    assert first.stat().st_mtime_ns == stamp


@pytest.mark.parametrize(
    "value",
    [
        "yes", "No", "on", "OFF", "y", "n", "~", "null", "Null", "true", "True", "false", "1", "-1", "+1", "0x1F",
        "0o17", "017", "1_000", "1e3", "1.5", ".5", ".inf", "-.Inf", ".nan", "The end", "text", "title", "narrative",
        "time", "often", "nothing", "~tilde", "'quoted'", '"1"', "'true'", "x-y",
    ],
)
def test_plain_scalars_resolve_as_pyyaml_does(value: str):
    """The shortcut past the resolver for prose gives what PyYAML's safe loader gives."""
    text = f"key: {value}\n"
    data, _ = yamlsafe.load(text)
    assert data == yaml.safe_load(text)


def test_a_timestamp_stays_text():
    """Dates are not turned into datetime objects (the shortcut leaves that rule alone)."""
    data, _ = yamlsafe.load("date: 2025-01-09\nagain: 2025-01-09\n")
    assert data == {"date": "2025-01-09", "again": "2025-01-09"}


def _structure_benchmark():
    """benchmarks/structure_quality.py, imported by path."""
    spec = importlib.util.spec_from_file_location("bench_structure", ROOT / "benchmarks" / "structure_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_structure_scores_match_labels_one_to_one_and_context_only_to_context():
    bench = _structure_benchmark()
    gold = ["context", "a", "a", "b", "b", "context"]
    assert bench.storyline_agreement(gold, ["context", "x", "x", "y", "y", "context"]) == 1.0
    assert bench.storyline_agreement(gold, ["x", "x", "x", "y", "y", "context"]) == 5 / 6  # context is its own label
    assert bench.storyline_agreement(gold, ["x"] * 6) == 2 / 6  # one storyline matches one hand storyline
    pairs = [([1, 2], [3, 4])]
    assert bench.pairings_reproduced(pairs, ["b0", "b1", "b1", "b1", "b1", "b2"], gold) == 1.0
    # in one beat but in one storyline: not side by side, not a pairing
    assert bench.pairings_reproduced(pairs, ["b0", "b1", "b1", "b1", "b1", "b2"], ["x"] * 6) == 0.0


def test_every_written_parallel_article_has_hand_structure_that_covers_it():
    texts = sorted((ROOT / "benchmarks" / "structure_corpus").glob("*.txt"))
    assert len(texts) >= 3
    for text in texts:
        gold = yaml.safe_load(text.with_name(text.stem + ".gold.yaml").read_text(encoding="utf-8"))
        starts = [s["from"] for s in gold["scenes"]]
        assert starts[0] == 1 and starts == sorted(set(starts)), text.name
        assert set(gold["narratives"]) == {s["narrative"] for s in gold["scenes"]} - {None}, text.name


def _run_module():
    """benchmarks/run.py, imported by path (it puts benchmarks/ on sys.path for its own imports)."""
    import sys

    if "bench_run" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_run"] = module  # its dataclass looks its module up by name
        spec.loader.exec_module(module)
    return sys.modules["bench_run"]


def test_the_harness_counts_a_frame_only_when_it_changes_a_cell():
    """A figure ends at the last frame that changes what the terminal shows: a repaint of the
    same cells (Textual writes one after most changes) is not counted, a changed cell is."""
    from rich.segment import Segment
    from rich.style import Style
    from textual._compositor import ChopsUpdate
    from textual.strip import Strip

    harness = _run_module().Frames
    frames = harness.__new__(harness)  # no app: only its copy of the screen's cells
    frames.cells, frames.looks = {}, {}

    def chops(text: str, style: Style, at: int = 0) -> ChopsUpdate:
        strip = Strip([Segment(text, style)])
        return ChopsUpdate([{at: strip}], [(0, at, at + len(text))], [[at + len(text)]])

    plain, bold = Style(), Style(bold=True)
    assert frames._apply(chops("beat 3", plain))
    assert not frames._apply(chops("beat 3", plain))  # the same cells again
    assert not frames._apply(chops("beat 3", Style(meta={"offset": (1, 0)})))  # meta is never seen
    assert frames._apply(chops("beat 3", bold))  # a new style is
    assert frames._apply(chops("4", bold, at=5))  # and a new character
    assert not frames._apply(chops("beat 4", bold))
    # only what the update's spans cover reaches the terminal: a chop is cut at the span's end
    wide = ChopsUpdate([{0: Strip([Segment("zzzzzz", bold)])}], [(0, 0, 1)], [[6]])
    assert frames._apply(wide)
    assert [frames.cells[(0, x)][0] for x in range(6)] == list("zeat 4")
