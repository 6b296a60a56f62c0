"""`reader check` and `reader export` in their plain forms are read without argparse, into what argparse gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader import cli

ROOT = Path(__file__).resolve().parents[1]

PLAIN = [
    ["check"], ["check", "a.yaml"], ["check", "a.yaml", "folder", "kursk-captures"],
    ["export"], ["export", "a.yaml"], ["export", "--format", "json"], ["export", "-f", "markdown", "a.yaml"],
    ["export", "a.yaml", "--format", "text"], ["export", "json"],
]
NOT_PLAIN = [
    ["check", "--strict"], ["check", "a.yaml", "--strict"], ["check", "--", "-odd.yaml"], ["check", "-h"], ["check", ""],
    ["export", "--format"], ["export", "-f", "xml"], ["export", "a.yaml", "b.yaml"], ["export", "--format=json"],
    ["export", "--form", "json"], ["export", "--format", "json", "--format", "text"], ["export", "-fjson"],
    ["export", "--help"], ["export", "-"], ["export", "--", "a.yaml"], ["import", "a.txt"], ["a.yaml"], [],
]


@pytest.mark.parametrize("argv", PLAIN, ids=" ".join)
def test_a_plain_command_line_reads_as_argparse_reads_it(argv):
    parser = cli._check_parser() if argv[0] == "check" else cli._export_parser()
    assert vars(cli._plain_args(argv)) == vars(parser.parse_args(argv[1:]))


@pytest.mark.parametrize("argv", NOT_PLAIN, ids=lambda a: " ".join(a) or "(nothing)")
def test_anything_else_is_left_to_argparse(argv):
    assert cli._plain_args(argv) is None


@pytest.mark.parametrize("command", ["check", "export"])
def test_plain_check_and_export_never_import_argparse(command):
    code = ("import sys, io, contextlib\nfrom reader.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    code = main([{command!r}])\n"
            "print(code, 'argparse' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip().splitlines()[-1] == "0 False"
