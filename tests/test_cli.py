"""The command line: exit codes, output, and no Textual on the core paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main

from .conftest import ARTICLE_PATH, ROOT


def test_check_bundled_is_ok(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok ") and "kursk-captures" in out and "19 scenes" in out


def test_check_by_id_and_by_path(capsys):
    assert main(["check", "kursk-captures", str(ARTICLE_PATH)]) == 0
    assert capsys.readouterr().out.count("ok ") == 2


def test_check_bad_article_exits_1_with_file_line_col(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("article:\n  id: x\nscenes: 3\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3:9: section 'scenes' must be a list" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["check", "no-such-article"], "unknown article 'no-such-article'"),
        (["check", "missing/file.yaml"], "missing/file.yaml: no such file"),
        (["export", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["export", "a", "b"], "unrecognized arguments: b"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_export_json_prints_the_article(capsys):
    assert main(["export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"]["id"] == "kursk-captures"
    assert len(data["scenes"]) == 19


@pytest.mark.parametrize("fmt, needle", [("markdown", "# Two captures"), ("text", "Two captures")])
def test_export_other_formats(fmt, needle, capsys):
    assert main(["export", "-f", fmt, "kursk-captures"]) == 0
    assert capsys.readouterr().out.startswith(needle)


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_version_and_help_at_every_level():
    assert _run("--version").stdout.strip() == f"reader {__version__}"
    for args in ((), ("check",), ("export",)):
        done = _run(*args, "--help")
        assert done.returncode == 0 and "usage: reader" in done.stdout


def test_check_and_export_never_import_textual():
    code = (
        "import sys, io, contextlib; from reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['check']) == 0 and main(['export', '-f', 'json']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_export_from_another_folder(tmp_path):
    done = _run("export", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["article"]["id"] == "kursk-captures"


def test_opening_a_bad_article_prints_errors_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n", encoding="utf-8")
    done = _run(str(bad))
    assert done.returncode == 1
    assert "the top level must be a map" in done.stderr and "Traceback" not in done.stderr
    assert os.path.basename(str(bad)) in done.stderr
