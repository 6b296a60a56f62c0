"""The `reader` command line: open the app, check articles, export them.

Only the standard library and the core are imported here; Textual is imported when the app
actually opens, so `reader check` and `reader export` start fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from . import __version__
from .errors import ContentError, UsageError

COMMANDS = ("check", "export")
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        """Print a one-line usage error and exit 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _open_parser() -> _Parser:
    """The parser of the plain `reader [ARTICLE]` form."""
    parser = _Parser(
        prog="reader",
        description="Read long-form journalism split into scenes, with parallel storylines side by side.",
        epilog=(
            "commands:\n"
            "  reader check [ARTICLE ...]                     validate articles (default: every bundled one)\n"
            "  reader export --format json|markdown|text [ARTICLE]   print an article\n\n"
            "ARTICLE is a path to a YAML file or the id of a bundled article."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", nargs="?", metavar="ARTICLE", help="article file or bundled id (default: the bundled article)")
    parser.add_argument(
        "--speaker", action="append", default=[], metavar="WHO",
        help="start filtered to a speaker: an id or part of a name (repeat for several)",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def _check_parser() -> _Parser:
    """The parser of `reader check`."""
    parser = _Parser(prog="reader check", description="Validate articles against the content model and their seeds.")
    parser.add_argument("articles", nargs="*", metavar="ARTICLE", help="article files or bundled ids (default: every bundled article)")
    return parser


def _export_parser() -> _Parser:
    """The parser of `reader export`."""
    parser = _Parser(prog="reader export", description="Print an article as JSON (the public contract), markdown or plain text.")
    parser.add_argument("--format", "-f", choices=("json", "markdown", "text"), default="json", help="output format (default: json)")
    parser.add_argument("article", nargs="?", metavar="ARTICLE", help="article file or bundled id (default: the bundled article)")
    return parser


def resolve_article(arg: str | None) -> Path:
    """The article file an ARTICLE argument names; UsageError when it names nothing."""
    from .bundled import bundled_articles, default_article

    if arg is None:
        found = default_article()
        if found is None:
            raise UsageError("no bundled article is installed")
        return found
    path = Path(arg)
    if path.is_file():
        return path
    if path.is_dir():
        raise UsageError(f"{arg}: is a folder; give an article file (.yaml)")
    if path.suffix in (".yaml", ".yml") or "/" in arg or "\\" in arg:
        raise UsageError(f"{arg}: no such file")
    bundled = bundled_articles()
    for candidate in bundled:
        if candidate.stem == arg:
            return candidate
    names = ", ".join(p.stem for p in bundled) or "none"
    raise UsageError(f"unknown article {arg!r}: not a file, nor a bundled article id (bundled: {names})")


def _load(path: Path):
    """Load an article, importing the loader only when needed."""
    from .loader import load_article

    return load_article(path)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate each article; print `ok` lines or every problem."""
    from .bundled import bundled_articles

    paths = [resolve_article(a) for a in args.articles] if args.articles else bundled_articles()
    if not paths:
        raise UsageError("no articles to check")
    status = EXIT_OK
    for path in paths:
        try:
            article = _load(path)
        except ContentError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            status = EXIT_CONTENT
            continue
        print(
            f"ok {path}: {article.meta.id}, {len(article.scenes)} scenes, {len(article.quotes)} quotes, "
            f"{len(article.facts)} facts"
        )
    return status


def cmd_export(args: argparse.Namespace) -> int:
    """Print one article in the chosen format."""
    from . import export

    article = _load(resolve_article(args.article))
    render = {"json": export.to_json, "markdown": export.to_markdown, "text": export.to_text}[args.format]
    sys.stdout.write(render(article) + "\n")
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    """Open the article in the terminal app."""
    article = _load(resolve_article(args.article))
    speakers = resolve_speakers(article, args.speaker)
    from .app import ReaderApp  # Textual is imported only here

    ReaderApp(article, speakers=speakers).run()
    return EXIT_OK


def resolve_speakers(article, names: list[str]) -> frozenset[str]:
    """The speaker ids that --speaker arguments name; UsageError listing the speakers otherwise."""
    chosen: set[str] = set()
    for who in names:
        found = article.find_speakers(who)
        if not found:
            known = "; ".join(f"{s.id} ({s.name})" for s in article.speakers)
            raise UsageError(f"unknown speaker {who!r}; the speakers are: {known}")
        chosen.update(s.id for s in found)
    return frozenset(chosen)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        command, rest = argv[0], argv[1:]
        parser = {"check": _check_parser, "export": _export_parser}[command]()
        handler = {"check": cmd_check, "export": cmd_export}[command]
    else:
        parser, rest, handler = _open_parser(), argv, cmd_open
    try:
        args = parser.parse_args(rest)
    except SystemExit as exc:  # --help, --version and usage errors end here, with their code
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return handler(args)
    except UsageError as exc:
        print(f"reader: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_CONTENT
    except BrokenPipeError:
        # `reader export | head` closes the pipe early; that is not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    """Console-script wrapper: exit with main's code."""
    sys.exit(main())
