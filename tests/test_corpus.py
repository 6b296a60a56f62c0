"""The importer on real pages: ../shared/corpus (beside the repository), read in place, never copied.

Each labelled page imports into an article that passes `reader check` (its seed written beside
it, so the scenes are compared with the extracted text) and has a title, publisher and date.
The figures (body F1, quotes, speakers, calibration) are benchmarks/import_quality.py --corpus.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from reader.core.importer import import_page
from reader.core.loader import load_article

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
GOLD = sorted((CORPUS / "quotes").glob("*.gold.yaml")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not GOLD, reason=f"no corpus at {CORPUS}: the real pages live in ../shared/corpus beside the repository")


@pytest.mark.parametrize("gold_file", GOLD, ids=lambda p: p.name[:8])
def test_a_real_page_imports_into_an_article_that_passes_check(gold_file, tmp_path):
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    html = gzip.decompress((CORPUS / "extraction" / "html" / f"{gold['page']}.html.gz").read_bytes()).decode("utf-8")
    out = tmp_path / "page.yaml"
    imported = import_page(html, gold_file.name, out, url=gold["url"])
    assert imported.seed_path is not None and imported.seed_text is not None
    imported.seed_path.write_text(imported.seed_text, encoding="utf-8")
    out.write_text(imported.yaml, encoding="utf-8")
    article = load_article(out)
    assert article.meta.title and article.meta.source != "Unknown publisher" and article.meta.date != "undated"
    assert len(article.quotes) >= len(gold["quotes"]) // 2
