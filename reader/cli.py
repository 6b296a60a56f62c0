"""The `reader` command line: open the app, check articles, export them.

Only the standard library and the core are imported here; Textual is imported when the app
actually opens, so `reader check` and `reader export` start fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .core.errors import ContentError, UsageError
from .core.textsafe import visible
from .core.words import counted

TYPE_CHECKING = False  # typing's own flag without importing typing: these paths are timed
if TYPE_CHECKING:
    from typing import Any, NoReturn, Sequence

    from textual.app import App

    from .core.model import Article


COMMANDS = ("check", "edit", "export", "import", "serve")
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size reads it ($COLUMNS, then the terminal, else 80)."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Help(argparse.HelpFormatter):
    """argparse's formatter, its width read without importing shutil.

    argparse builds a formatter for every add_argument (to check a metavar), and the stock one
    imports shutil each time for the width: a cost `reader check` paid for help it never prints.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width if width is not None else _columns() - 2)


class _RawHelp(_Help, argparse.RawDescriptionHelpFormatter):
    """The same, keeping the description's own line breaks."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr and exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

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
            "  reader check [--strict] [ARTICLE ...]          validate articles (default: every bundled one)\n"
            "  reader edit ARTICLE                            review and fix an article (an import) in the app\n"
            "  reader export --format json|markdown|text [ARTICLE]   print an article\n"
            "  reader import SOURCE [-o OUT.yaml] [--force]           make a scenes scaffold from a text or a web page\n"
            "  reader serve [ARTICLE] [--host HOST] [--port PORT]     serve the reader to web browsers\n\n"
            "When stdout is not a terminal (a pipe, a file), reader prints the linear text instead of opening the app.\n"
            "ARTICLE is a path to a YAML file or the id of a bundled article."
        ),
        formatter_class=_RawHelp,
    )
    parser.add_argument("article", nargs="?", metavar="ARTICLE", help="article file or bundled id (default: the bundled article)")
    parser.add_argument(
        "--speaker", action="append", default=[], metavar="WHO",
        help="start filtered to a speaker: an id or part of a name (repeat for several)",
    )
    parser.add_argument("--fresh", action="store_true", help="start at the beginning; where you left the article is kept until you move")
    parser.add_argument(
        "--linear", action="store_true",
        help="print the whole story as plain text in reading order, its structure said in words (for screen readers)",
    )
    parser.add_argument(
        "--width", type=_width, metavar="N",
        help="line width of the linear text (default: the terminal's, or 80 when not a terminal)",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def _whole(value: str, what: str) -> int:
    """An integer from the command line, or argparse's one-line complaint naming what was wanted."""
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a {what}: {value!r}") from None


def _width(value: str) -> int:
    """An argparse type: a line width wide enough for words to fit."""
    from .core.linear import MIN_WIDTH

    width = _whole(value, "whole number")
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"{width} is too narrow; give at least {MIN_WIDTH}")
    return width


def _port(value: str) -> int:
    """An argparse type: a TCP port, 1 to 65535."""
    port = _whole(value, "port number")
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port; give 1 to 65535")
    return port


def _serve_parser() -> _Parser:
    """The parser of `reader serve`."""
    parser = _Parser(
        prog="reader serve",
        description="Serve the reader to web browsers with textual-serve; each browser tab runs its own reader.",
        epilog="Binding beyond loopback (e.g. --host 0.0.0.0) exposes the reader to the network: "
        "anyone who can reach the port can use it, and each visit starts a process on this machine.",
    )
    parser.add_argument("article", nargs="?", metavar="ARTICLE", help="article file, folder or bundled id (default: the bundled articles)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument(
        "--public-url", metavar="URL",
        help="the address browsers use to reach the server, when not http://HOST:PORT (behind a proxy, say)",
    )
    parser.add_argument(
        "--max-sessions", type=_sessions, default=8, metavar="N",
        help="readers served at once, each a process of about 35 MB (default: 8)",
    )
    return parser


def _sessions(value: str) -> int:
    """An argparse type: a number of sessions, at least one."""
    count = _whole(value, "whole number")
    if count < 1:
        raise argparse.ArgumentTypeError(f"{count}: give at least 1")
    return count


def _check_parser() -> _Parser:
    """The parser of `reader check`."""
    parser = _Parser(prog="reader check", description="Validate articles against the content model and their seeds.")
    parser.add_argument("articles", nargs="*", metavar="ARTICLE", help="article files, folders of them, or bundled ids (default: every bundled article)")
    parser.add_argument(
        "--strict", action="store_true",
        help="also fail while a guess is flagged needs_review or a TODO placeholder is left (an import not yet finished)",
    )
    return parser


def _edit_parser() -> _Parser:
    """The parser of `reader edit`."""
    parser = _Parser(
        prog="reader edit",
        description="Review an article's guesses (an import's speakers, scenes, beats, facts) and fix them with single keys; "
        "every edit is checked, undoable, and saved atomically with a backup.",
    )
    parser.add_argument("article", metavar="ARTICLE", help="article file or bundled id")
    return parser


def cmd_edit(args: argparse.Namespace) -> int:
    """Open the article in the editing screen."""
    from .core.editing import EditSession

    path = resolve_article(args.article)
    if not _app_can_run():
        raise UsageError("reader edit needs a terminal")
    session = EditSession(path)  # a file that does not check says why, with its place, and exits 1
    from .ui.app import ReaderApp

    ReaderApp(edit=session, remember=False).run()
    return EXIT_OK


def _export_parser() -> _Parser:
    """The parser of `reader export`."""
    parser = _Parser(prog="reader export", description="Print an article as JSON (the public contract), markdown or plain text.")
    parser.add_argument("--format", "-f", choices=("json", "markdown", "text"), default="json", help="output format (default: json)")
    parser.add_argument("article", nargs="?", metavar="ARTICLE", help="article file or bundled id (default: the bundled article)")
    return parser


def _import_parser() -> _Parser:
    """The parser of `reader import`."""
    parser = _Parser(
        prog="reader import",
        description="Turn a raw article (plain text, as in seeds/, or a web page) into a scenes scaffold for an editor: "
        "scenes proposed, quotes found and attributed, every guess marked with its rule and confidence.",
    )
    parser.add_argument("source", metavar="SOURCE", help="the article: a text (paragraphs between blank lines, or one per line) "
                        "or a web page (.html, .htm, gzipped too; told apart by its content); - reads standard input")
    parser.add_argument("-o", "--output", metavar="OUT.yaml", help="write the scaffold here (default: print it)")
    parser.add_argument("--force", action="store_true", help="overwrite OUT.yaml if it exists")
    return parser


def resolve_article(arg: str | None) -> Path:
    """The article file an ARTICLE argument names; UsageError when it names nothing."""
    from .core.bundled import bundled_articles, default_article

    if arg is None:
        found = default_article()
        if found is None:
            raise UsageError("no bundled article is installed")
        return found
    inside = _folder(arg)
    if inside is not None:
        names = ", ".join(p.name for p in inside[:5]) + (", …" if len(inside) > 5 else "")
        raise UsageError(f"{arg}: is a folder; give one of its articles: {names}")
    path = Path(arg)
    try:
        if path.exists():
            return path  # a file, or a device or pipe: the loader says what is wrong with it
    except OSError as exc:  # a name too long, a folder that cannot be listed, ...
        raise UsageError(f"{arg}: {exc.strerror or exc}") from None
    if path.suffix in (".yaml", ".yml") or "/" in arg or "\\" in arg:
        raise UsageError(f"{arg}: no such file")
    bundled = bundled_articles()
    for candidate in bundled:
        if candidate.stem == arg:
            return candidate
    names = ", ".join(p.stem for p in bundled) or "none"
    raise UsageError(f"unknown article {arg!r}: not a file, nor a bundled article id (bundled: {names})")


def _folder_articles(folder: Path) -> list[Path]:
    """The article files directly inside a folder, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def resolve_articles(arg: str) -> list[Path]:
    """The article files a `reader check` argument names: every article of a folder, else one."""
    path = Path(arg)
    try:
        found = _folder_articles(path) if path.is_dir() else []
    except OSError:
        found = []  # resolve_article says what is wrong with it
    return found or [resolve_article(arg)]


def _load(path: Path) -> Article:
    """Load an article, importing the loader only when needed."""
    from .core.loader import load_article

    return load_article(path)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate each article; print `ok` lines or every problem."""
    from .core.bundled import bundled_articles

    paths = [p for a in args.articles for p in resolve_articles(a)] if args.articles else bundled_articles()
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
        if args.strict:
            from .core.loader import read_text
            from .core.review import unfinished

            left = unfinished(read_text(path, plain=False), str(path))
            for problem in left:
                print(problem, file=sys.stderr)
            if left:
                status = EXIT_CONTENT
                continue
        print(visible(
            f"ok {path}: {article.meta.id}, {counted(len(article.scenes), 'scene')}, {counted(len(article.quotes), 'quote')}, "
            f"{counted(len(article.facts), 'fact')}", one_line=True,
        ))
    return status


def cmd_export(args: argparse.Namespace) -> int:
    """Print one article in the chosen format."""
    from .core import export

    article = _load(resolve_article(args.article))
    render = {"json": export.to_json, "markdown": export.to_markdown, "text": export.to_text}[args.format]
    # the loader refuses control characters; anything left is escaped, never written raw
    sys.stdout.write(visible(render(article)) + "\n")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Write (or print) the scaffold of a raw article: a text or a web page, from a file or standard input."""
    from .core.importer import import_data
    from .core.loader import max_bytes

    out = Path(args.output) if args.output else None
    if out is not None:
        _check_output(None if args.source == "-" else Path(args.source), out, args.output, args.force)
    copied: Path | None = None
    if args.source == "-":
        data = sys.stdin.buffer.read(max_bytes() + 1)
        if len(data) > max_bytes():
            raise UsageError(f"standard input: is larger than the {max_bytes():,}-byte cap (set READER_MAX_BYTES to raise it)")
        imported = import_data(data, "standard input", out)
    else:
        source = Path(args.source)
        if source.is_dir():
            raise UsageError(f"{args.source}: is a folder; give the article's text file or web page")
        if not source.exists():
            raise UsageError(f"{args.source}: no such file")
        try:
            with source.open("rb") as fh:
                head = fh.read(max_bytes() + 1)
        except OSError as exc:
            raise UsageError(f"{args.source}: cannot be read: {exc.strerror or exc}") from None
        if len(head) > max_bytes():
            raise UsageError(f"{args.source}: is larger than the {max_bytes():,}-byte cap (set READER_MAX_BYTES to raise it)")
        if out is not None and _is_plain_text(head):
            # a seed must stay beside its article (SECURITY.md): a text from elsewhere is copied there
            # (a page, or a gzipped text, gets its text written beside the article instead)
            seed, was_copied = _seed_beside(source, out)
            copied = seed if was_copied else None
            source = seed
        try:
            imported = import_data(head, args.source, out, source=source)
        except BaseException:
            if copied is not None:
                copied.unlink(missing_ok=True)
            raise
    if out is None:
        sys.stdout.write(visible(imported.yaml))
        return EXIT_OK
    try:
        if imported.seed_text is not None and imported.seed_path is not None:
            if imported.seed_path.exists() and not args.force:
                raise UsageError(f"{imported.seed_path}: already exists (the seed written beside {out}); add --force to overwrite it")
            _write_atomically(imported.seed_path, imported.seed_text)
        _write_atomically(out, imported.yaml)
    except BaseException:
        if copied is not None:
            copied.unlink(missing_ok=True)
        raise
    also = f" and its seed {imported.seed_path}" if imported.seed_text is not None else ""
    if copied is not None:
        also = f" (its text copied beside it as {copied.name}: a seed must stay beside its article)"
    print(visible(f"wrote {out}{also}: check it with 'reader check {out}', read it with 'reader {out}'", one_line=True))
    return EXIT_OK


def _is_plain_text(data: bytes) -> bool:
    """True when imported bytes are a plain text file, which becomes the article's seed as it is."""
    from .core.webpage import looks_like_html

    return data[:2] != b"\x1f\x8b" and not looks_like_html(data)


def _seed_beside(source: Path, out: Path) -> tuple[Path, bool]:
    """The seed the scaffold will name: the source when the article may read it, else a copy beside OUT.

    Returns the seed and whether it was copied. The loader reads a seed only inside the
    article's folder, a seeds/ folder beside it and READER_SEED_DIRS (SECURITY.md).
    """
    import shutil

    from .core.seed import seed_roots

    real = source.resolve()
    if any(real.is_relative_to(root.resolve()) for root in seed_roots(out.parent)):
        return source, False
    copy = out.parent / source.name
    if copy.resolve() == out.resolve():
        raise UsageError(f"{out}: would take the place of the text's copy beside it; name the scaffold OUT.yaml")
    if copy.exists() or copy.is_symlink():
        if copy.is_file() and copy.read_bytes() == source.read_bytes():
            return copy, False
        raise UsageError(
            f"{source}: the seed must stay beside the article, but {copy} already exists; "
            f"put the text in {out.parent} first"
        )
    shutil.copyfile(source, copy)
    return copy, True


def _check_output(source: Path | None, out: Path, name: str, force: bool) -> None:
    """Refuse an output that is a folder, the source itself, or exists (a dangling symlink too) without --force."""
    import os

    if out.is_dir():
        raise UsageError(f"{name}: is a folder; give the file to write (.yaml)")
    try:
        same = source is not None and out.exists() and os.path.samefile(source, out)
    except OSError:
        same = False
    if same or (source is not None and source.resolve() == out.resolve()):
        # even with --force: the scaffold is made from the source, which would be lost
        raise UsageError(f"{name}: is the source itself; write the scaffold to another file")
    if os.path.lexists(out) and not force:
        what = "is a symlink" if out.is_symlink() else "already exists"
        raise UsageError(f"{name}: {what}; add --force to replace it")
    if not out.parent.is_dir():
        raise UsageError(f"{name}: the folder {str(out.parent)!r} does not exist")


def _write_atomically(path: Path, text: str) -> None:
    """Write a file through a temporary one and a rename, so a crash never leaves half a file.

    The file gets the mode a new file would (0666 less the umask), not the temporary's 0600;
    a symlink in its place is replaced, never followed.
    """
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_open(args: argparse.Namespace) -> int:
    """Open the article in the terminal app, or the library when there are several."""
    paths = open_targets(args.article)
    if args.linear or not _app_can_run():
        return print_linear(paths, args.speaker, args.width)
    if args.width is not None:
        raise UsageError("--width sets the width of the linear text; add --linear")
    if len(paths) > 1:
        if args.speaker:
            raise UsageError("--speaker needs one article; name it, or choose it in the library first")
        return open_library(paths, args.article or "bundled articles", fresh=args.fresh)
    import gc

    # startup makes many lasting objects and little garbage: collecting as they came cost 40-60 ms
    # of the launch; the app turns the collector back on after its first frame (issue 17)
    gc.disable()
    try:
        article = _load(paths[0])
        speakers = resolve_speakers(article, args.speaker)
        from .ui.app import ReaderApp  # Textual is imported only here

        app = ReaderApp(article, speakers=speakers or None, fresh=args.fresh)
        app.run()
    finally:
        gc.enable()
    return _app_status(app)


def _app_status(app: App[Any]) -> int:
    """The exit code after an app ran: non-zero when it stopped on an error (Textual printed it)."""
    code = app.return_code
    return code if code else EXIT_OK


def _app_can_run() -> bool:
    """True when stdout is a terminal, or a Textual driver is chosen (textual-serve runs us on pipes)."""
    import os

    return sys.stdout.isatty() or bool(os.environ.get("TEXTUAL_DRIVER"))


def print_linear(paths: list[Path], speaker_names: list[str], width: int | None) -> int:
    """Print articles as linear text; every article is loaded first, so errors come before any text."""
    import shutil

    from .core.linear import to_linear

    if speaker_names and len(paths) > 1:
        raise UsageError("--speaker needs one article; name it")
    articles = [_load(path) for path in paths]
    speakers = resolve_speakers(articles[0], speaker_names) if speaker_names else frozenset()
    if width is None:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 80
    texts = [to_linear(article, width, speakers) for article in articles]
    if len(texts) > 1:
        texts = [f"Article {i} of {len(texts)}.\n\n{text}" for i, text in enumerate(texts, 1)]
    sys.stdout.write(visible("\n".join(texts)))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the reader to web browsers until Ctrl+C."""
    import shlex

    from . import serve

    paths = open_targets(args.article)
    if len(paths) == 1:
        # content errors now, on the command line, rather than in every browser tab
        title = _load(paths[0]).meta.title
        target = [str(paths[0].resolve())]
    else:
        title = "reader"
        target = [str(Path(args.article).resolve())] if args.article else []
    try:
        serve.check_bind(args.host, args.port)
    except OSError as exc:
        raise UsageError(f"cannot serve on {args.host} port {args.port}: {exc.strerror or exc}") from None
    if not serve.is_loopback(args.host):
        print(
            f"reader: warning: serving on {args.host} exposes the reader to the network; "
            f"anyone who can reach port {args.port} can use it",
            file=sys.stderr,
        )
    # the server runs this command once per browser session, with Textual's web driver
    command = shlex.join([sys.executable, "-m", "reader", *target])
    public_url = args.public_url or serve.url_for(args.host, args.port)
    serve.serve(command, args.host, args.port, public_url, title, args.max_sessions)
    return EXIT_OK


def open_targets(arg: str | None) -> list[Path]:
    """What `reader [ARTICLE]` opens: the bundled articles, a folder's articles, or one file."""
    from .core.bundled import bundled_articles

    if arg is None:
        paths = bundled_articles()
        if not paths:
            raise UsageError("no bundled article is installed")
        return paths
    found = _folder(arg)
    return found if found is not None else [resolve_article(arg)]


def _folder(arg: str) -> list[Path] | None:
    """The articles of a folder named on the command line; None when arg is not a folder.

    UsageError for a folder without articles, or one that cannot be read.
    """
    path = Path(arg)
    try:
        if not path.is_dir():
            return None
        found = _folder_articles(path)
    except OSError as exc:  # a name too long, a folder that cannot be listed, ...
        raise UsageError(f"{arg}: {exc.strerror or exc}") from None
    if not found:
        raise UsageError(f"{arg}: is a folder with no articles in it (no .yaml or .yml files)")
    return found


def open_library(paths: list[Path], folder: str, *, fresh: bool = False) -> int:
    """The library first; each article chosen opens above it, and leaving it comes back to the list."""
    from .ui.app import ReaderApp
    from .ui.screens.library import read_library

    app = ReaderApp(library=(read_library(paths), folder), fresh=fresh)
    app.run()
    return _app_status(app)


def resolve_speakers(article: Article, names: list[str]) -> frozenset[str]:
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
        parser = {"check": _check_parser, "edit": _edit_parser, "export": _export_parser, "import": _import_parser, "serve": _serve_parser}[command]()
        handler = {"check": cmd_check, "edit": cmd_edit, "export": cmd_export, "import": cmd_import, "serve": cmd_serve}[command]
    else:
        parser, rest, handler = _open_parser(), argv, cmd_open
    try:
        args = parser.parse_args(rest)
    except SystemExit as exc:  # --help, --version and usage errors end here, with their code
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return handler(args)
    except UsageError as exc:
        print(f"reader: error: {visible(str(exc), one_line=True)}", file=sys.stderr)
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
