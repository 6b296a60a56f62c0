"""The command line's argparse classes: imported only when a command line needs argparse.

`reader check` and `reader export` in their plain forms are read without it (cli._plain_args):
importing argparse and building a parser was a tenth of their time, for help they never print.
"""

from __future__ import annotations

import argparse

from .cli import EXIT_USAGE, _columns

TYPE_CHECKING = False  # typing's own flag without importing typing
if TYPE_CHECKING:
    from typing import Any, NoReturn


class Help(argparse.HelpFormatter):
    """argparse's formatter, its width read without importing shutil.

    argparse builds a formatter for every add_argument (to check a metavar), and the stock one
    imports shutil each time for the width: a cost `reader check` paid for help it never prints.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width if width is not None else _columns() - 2)


class RawHelp(Help, argparse.RawDescriptionHelpFormatter):
    """The same, keeping the description's own line breaks."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr and exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """Print a one-line usage error and exit 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
