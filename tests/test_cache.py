"""The cache of validated articles: used only when sound, never changing what is loaded or reported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import cache, loader
from reader.core.errors import ContentError
from reader.core.loader import load_article

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """A private cache folder, with every article big enough to be cached."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(folder))
    monkeypatch.delenv("READER_CACHE", raising=False)
    monkeypatch.setattr(loader, "_CACHE_FROM", 0)
    monkeypatch.setattr(cache, "CACHE_FROM", 0)
    return folder


def _no_parse(monkeypatch) -> None:
    """Make a real read of the YAML fail the test: the next load must come from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("the article was parsed, not taken from the cache")

    monkeypatch.setattr(loader, "load_article_text", refuse)


def test_threshold_is_the_same_in_both_modules():
    assert loader._CACHE_FROM == cache.CACHE_FROM


def test_second_load_comes_from_the_cache_and_is_equal(cache_dir, write_article, article_data, monkeypatch):
    path = write_article(article_data)
    first = load_article(path)
    assert len(list(cache_dir.glob("*.msgpack"))) == 1
    _no_parse(monkeypatch)
    second = load_article(path)
    assert second == first
    assert second.path == str(path)
    assert second.quotes_by_scene == first.quotes_by_scene


def test_entries_are_private(cache_dir, write_article, article_data):
    load_article(write_article(article_data))
    (entry,) = cache_dir.glob("*.msgpack")
    assert entry.stat().st_mode & 0o077 == 0
    assert cache_dir.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01not msgpack", b"\x92\xa1a\xa1b", b"\xc1" * 100])
def test_corrupt_entry_is_ignored_and_rebuilt(cache_dir, write_article, article_data, garbage):
    path = write_article(article_data)
    first = load_article(path)
    (entry,) = cache_dir.glob("*.msgpack")
    entry.write_bytes(garbage)
    assert load_article(path) == first
    assert entry.read_bytes() != garbage  # rebuilt


def test_foreign_entry_under_the_key_is_not_trusted(cache_dir, write_article, article_data):
    path = write_article(article_data)
    load_article(path)
    (entry,) = cache_dir.glob("*.msgpack")
    other = dict(article_data, article=dict(article_data["article"], title="Another article"))
    other_path = write_article(other, "other.yaml")
    load_article(other_path)
    (foreign,) = [p for p in cache_dir.glob("*.msgpack") if p != entry]
    entry.write_bytes(foreign.read_bytes())  # a valid entry, for another text, under this text's key
    assert load_article(path).meta.title == article_data["article"]["title"]


def test_a_changed_seed_is_checked_again(cache_dir, write_article, article_data, tmp_path):
    path = write_article(article_data)
    load_article(path)
    seed = next((tmp_path / "seeds").iterdir())
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("North Korean", "South Korean", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_article(path)
    assert "seed" in str(caught.value)


def test_a_removed_seed_is_reported(cache_dir, write_article, article_data, tmp_path):
    path = write_article(article_data)
    load_article(path)
    for seed in (tmp_path / "seeds").iterdir():
        seed.unlink()
    with pytest.raises(ContentError):
        load_article(path)


def test_bad_articles_are_never_cached(cache_dir, write_article, article_data):
    article_data["quotes"][0]["speaker"] = "nobody"
    path = write_article(article_data)
    for _ in range(2):
        with pytest.raises(ContentError) as caught:
            load_article(path)
        assert "nobody" in str(caught.value)
    assert not list(cache_dir.glob("*.msgpack"))


def test_another_version_does_not_share_entries(cache_dir, write_article, article_data, monkeypatch):
    path = write_article(article_data)
    load_article(path)
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    load_article(path)
    assert len(list(cache_dir.glob("*.msgpack"))) == 2


def test_switched_off(cache_dir, write_article, article_data, monkeypatch):
    monkeypatch.setenv("READER_CACHE", "0")
    load_article(write_article(article_data))
    assert not cache_dir.exists()


def test_unwritable_cache_only_costs_speed(write_article, article_data, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(loader, "_CACHE_FROM", 0)
    monkeypatch.setattr(cache, "CACHE_FROM", 0)
    path = write_article(article_data)
    assert load_article(path) == load_article(path)


def test_entries_are_pruned(cache_dir, write_article, article_data, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for i in range(5):
        load_article(write_article(dict(article_data, article=dict(article_data["article"], title=f"T{i}")), f"a{i}.yaml"))
    assert len(list(cache_dir.glob("*.msgpack"))) == 3


def test_small_articles_are_not_cached(tmp_path, monkeypatch, write_article, article_data):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    load_article(write_article(article_data))
    assert not (tmp_path / "cache").exists()


def test_a_small_load_never_imports_msgspec():
    code = (
        "import sys; from reader.core.loader import load_article; "
        f"load_article({str(ROOT / 'content' / 'kursk-captures.yaml')!r}); print('msgspec' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_big_generated_article(tmp_path, monkeypatch):
    from generate import generate

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    path = generate(30, tmp_path)
    assert os.path.getsize(path) >= cache.CACHE_FROM
    first = load_article(path)
    _no_parse(monkeypatch)
    assert load_article(path) == first
