"""The linear mode: the whole story as plain text in reading order, its structure in words."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys

import pytest

from reader.cli import main
from reader.core.linear import to_linear

from .conftest import ROOT

WIDTHS = (40, 80, 120)
#: box drawing (U+2500-U+257F), escape and other control characters: none may be printed
_FORBIDDEN = re.compile(r"[\u2500-\u257f\x00-\x09\x0b-\x1f\x7f]")


def _flat(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces, to compare across wrapping."""
    return " ".join(text.split())


def _cli(*argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_structure_is_said_in_words(article):
    text = to_linear(article)
    steps = article.steps
    assert text.startswith(article.meta.title)
    assert f"Beat 1 of {len(steps)}: The first proof." in text
    assert f"Beat 4 of {len(steps)}: The approach." in text
    assert "Context, scene: The first proof." in text
    assert "The gray zone mission, scene: Three soldiers in the gray zone." in text
    assert "The lone soldier, scene: An assault at 5 a.m." in text
    assert "Quote, Maksym Didorchuk, 27-year-old paratrooper: “The battle was intense and" in text
    assert "Fact, places: Where they fought: Russia’s Kursk border region." in text
    assert text.rstrip().endswith("End of the story.")


def test_beats_come_in_reading_order(article):
    text = to_linear(article)
    at = [text.index(f"Beat {i} of {len(article.steps)}: ") for i in range(1, len(article.steps) + 1)]
    assert at == sorted(at)


def test_every_body_paragraph_quote_fact_and_figure_is_there(article, seed):
    flat = _flat(to_linear(article, width=40))
    for para in seed.paragraphs:
        assert flat.count(_flat(para)) >= 1, para[:60]
    for scene in article.scenes:
        for figure in scene.figures:
            assert _flat(f"Image: {figure.caption} ({figure.credit}).") in flat
    for quote in article.quotes:
        speaker = article.speaker_by_id[quote.speaker]
        listed = _flat(f"Quote, {speaker.name}, {speaker.role}: “{quote.text}”")
        # a quote nested in another of its scene is heard once, inside the outer one
        assert (listed in flat) == (quote.within is None), quote.id
    assert _flat("”, quoting the North Korean captured in the gray zone") in flat
    for fact in article.facts:
        assert _flat(f"Fact, {fact.category}: {fact.label}: {fact.value}") in flat


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_wider_than_the_width(article, width):
    lines = to_linear(article, width=width).splitlines()
    assert max(len(line) for line in lines) <= width
    # the width is used, not merely respected: long paragraphs fill their lines
    assert max(len(line) for line in lines) > width - 15


@pytest.mark.parametrize("width", WIDTHS)
def test_no_box_drawing_and_no_escapes(article, width):
    text = to_linear(article, width=width)
    assert not _FORBIDDEN.search(text)


def test_speaker_follows_one_person(article):
    quoted = [
        i for i, step in enumerate(article.steps)
        if any(q.speaker == "didorchuk" for s in step.scenes for q in article.quotes_by_scene.get(s.id, ()))
    ]
    code, out, _ = _cli("--linear", "--speaker", "didorchuk")
    assert code == 0
    total = len(article.steps)
    assert f"Following Maksym Didorchuk: {len(quoted)} of {total} beats." in out
    announced = [int(n) - 1 for n in re.findall(rf"^Beat (\d+) of {total}: ", out, re.M)]
    assert announced == quoted and 0 < len(quoted) < total


def test_several_speakers_by_part_of_a_name(article):
    code, out, _ = _cli("--linear", "--speaker", "didorchuk", "--speaker", "special forces")
    assert code == 0
    assert "Following Ukrainian special forces soldier and Maksym Didorchuk: " in out


def test_unknown_speaker_is_a_usage_error():
    code, out, err = _cli("--linear", "--speaker", "nobody")
    assert code == 2 and out == ""
    assert "unknown speaker 'nobody'" in err


@pytest.mark.parametrize("width", WIDTHS)
def test_width_option(width):
    code, out, _ = _cli("--linear", "--width", str(width))
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= width


@pytest.mark.parametrize("value, message", [("5", "too narrow"), ("wide", "not a whole number")])
def test_bad_width_is_a_usage_error(value, message):
    code, _, err = _cli("--linear", "--width", value)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_width_without_linear_in_a_terminal_is_a_usage_error(monkeypatch):
    monkeypatch.setattr("reader.cli._app_can_run", lambda: True)
    code, _, err = _cli("--width", "60")
    assert code == 2 and "add --linear" in err


def test_a_folder_prints_each_article_in_turn(article_data, write_article):
    write_article(article_data, "a.yaml")
    folder = write_article(article_data, "b.yaml").parent
    code, out, _ = _cli("--linear", str(folder))
    assert code == 0
    assert out.startswith("Article 1 of 2.") and "\nArticle 2 of 2.\n" in out
    assert out.count("End of the story.") == 2


def test_not_a_terminal_prints_linear_text_instead_of_starting_the_app(article):
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    # the timeout only catches an app waiting for a terminal that never comes, not slowness
    done = subprocess.run([sys.executable, "-m", "reader"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(article.meta.title)
    assert f"Beat 1 of {len(article.steps)}: " in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 80  # not a terminal: 80
    assert not _FORBIDDEN.search(done.stdout)


def test_linear_never_imports_textual():
    code = (
        "import sys, io, contextlib; from reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['--linear']) == 0 and main(['--speaker', 'didorchuk']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
