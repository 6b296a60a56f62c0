"""The JSON export writes exactly what json.dumps(ensure_ascii=False, indent=2) writes, without the json package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core import export
from reader.core.loader import load_article

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "content" / "kursk-captures.yaml"

_plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


def _ours(value: object) -> str:
    out: list[str] = []
    export._json_into(out, value, "\n")
    return "".join(out)


def test_the_bundled_article_is_written_as_json_dumps_writes_it():
    article = load_article(BUNDLED)
    assert export.to_json(article) == json.dumps(export.to_dict(article), ensure_ascii=False, indent=2)


@given(_plain)
def test_any_plain_value_is_written_as_json_dumps_writes_it(value):
    assert _ours(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_it_does_not_write_itself_is_left_to_json_dumps(monkeypatch):
    odd = {"a": [1.5, float("nan")], 2: "two", "t": (1, "x")}
    monkeypatch.setattr(export, "to_dict", lambda _article: odd)
    assert export.to_json(None) == json.dumps(odd, ensure_ascii=False, indent=2)  # type: ignore[arg-type]


def test_an_export_imports_neither_json_nor_textwrap():
    code = ("import sys, io, contextlib\nfrom reader.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    main(['export', '--format', 'json'])\n"
            "print(sorted(m for m in ('json', 'textwrap') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
