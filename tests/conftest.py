"""Shared fixtures: the bundled article, its seed, and a way to write variants of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from reader.core.loader import load_article
from reader.core.model import Article
from reader.core.seed import Seed, parse_seed

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_PATH = ROOT / "content" / "kursk-captures.yaml"
SEED_PATH = ROOT / "seeds" / "000_70fa68d05498e722.txt"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked serial share one xdist group: one worker runs them, one after another."""
    for item in items:
        if item.get_closest_marker("serial"):
            item.add_marker(pytest.mark.xdist_group("serial"))


@pytest.fixture(scope="session")
def article() -> Article:
    """The bundled article, loaded and checked once."""
    return load_article(ARTICLE_PATH)


@pytest.fixture(scope="session")
def seed() -> Seed:
    """The bundled article's seed, split into its parts."""
    return parse_seed(SEED_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def article_data() -> dict:
    """The bundled article as plain data, to mutate in a test."""
    return yaml.safe_load(ARTICLE_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def write_article(tmp_path: Path):
    """Write article data beside a copy of the seed, so the relative seed path still works."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / SEED_PATH.name).write_bytes(SEED_PATH.read_bytes())
    (tmp_path / "content").mkdir()

    def write(data: dict, name: str = "article.yaml") -> Path:
        path = tmp_path / "content" / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch) -> Path:
    """Every test keeps its cache of big articles in its own folder, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("READER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def private_state(tmp_path_factory, monkeypatch) -> Path:
    """Every test reads and writes reader state in its own folder, never the user's."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("READER_STATE_DIR", str(folder))
    return folder


def reading(app):
    """The reading screen of a running app (the top one, under any dialog): where the reading state lives."""
    from reader.ui.screens.reading import ReadingScreen

    return next(s for s in reversed(app.screen_stack) if isinstance(s, ReadingScreen))


@pytest.fixture()
def imported(tmp_path: Path) -> Path:
    """`reader import` of the seed, written beside a copy of the seed (an editor's draft)."""
    from reader.core.importer import import_file

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED_PATH, seeds / SEED_PATH.name)
    out = tmp_path / "content" / "draft.yaml"
    out.parent.mkdir()
    out.write_text(import_file(seeds / SEED_PATH.name, out), encoding="utf-8")
    return out


@pytest.fixture()
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled article, with its seed where it looks for it."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED_PATH, tmp_path / "seeds" / SEED_PATH.name)
    (tmp_path / "content").mkdir()
    return Path(shutil.copy(ARTICLE_PATH, tmp_path / "content" / ARTICLE_PATH.name))
