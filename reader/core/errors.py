"""Errors of the core: one ContentError gathers every problem found in an article."""

from __future__ import annotations

from dataclasses import dataclass

from .textsafe import visible


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, with where it stands when that is known."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None

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
