"""Where the bundled articles live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

#: the package folder (reader/), where an installed wheel keeps its bundled content
_HERE = Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    """The folder of bundled articles: inside the package when installed, else the checkout's."""
    installed = _HERE / "_bundled" / "content"
    if installed.is_dir():
        return installed
    return _HERE.parent / "content"


def bundled_articles() -> list[Path]:
    """The bundled article files, sorted by name."""
    folder = content_dir()
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def default_article() -> Path | None:
    """The article `reader` opens with no argument: the first bundled one."""
    articles = bundled_articles()
    return articles[0] if articles else None
