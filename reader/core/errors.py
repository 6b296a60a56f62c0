"""Errors of the core: one ContentError gathers every problem found in an article."""

from __future__ import annotations

from .record import Record, setfield
from .textsafe import visible


class Problem(Record):
    """One thing wrong with a file, with where it stands when that is known."""

    __slots__ = ("file", "message", "line", "column")
    file: str
    message: str
    line: int | None
    column: int | None

    def __init__(self, file: str, message: str, line: int | None = None, column: int | None = None) -> None:
        setfield(self, "file", file)
        setfield(self, "message", message)
        setfield(self, "line", line)
        setfield(self, "column", column)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # one problem, one line: a line break in a file name or a quoted value must not split it,
        # and nothing in them reaches the terminal as a control sequence
        return visible(" ".join(f"{where}: {self.message}".splitlines()), one_line=True)


class ContentError(Exception):
    """An article could not be loaded; `problems` says every reason, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """The command line asked for something that does not exist (exit code 2)."""
