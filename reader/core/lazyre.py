"""Regular expressions compiled on first use, not at import.

`reader check` and `reader export` are timed against `python -c "import yaml"`, and compiling
the importer's and the boilerplate rules' large patterns at import was a third of their time,
although a given run uses only some of them (a long body paragraph is never tried against the
short-block rules). A LazyPattern holds its source and compiles once, when it is first matched.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing's own flag without importing typing: these paths are timed
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


class LazyPattern:
    """A regular expression compiled the first time it is used; `pattern` needs no compile."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it is not yet)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, string: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        """As re.Pattern.search."""
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        """As re.Pattern.match."""
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        """As re.Pattern.fullmatch."""
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = 2**63 - 1) -> Iterator[re.Match[str]]:
        """As re.Pattern.finditer."""
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = 2**63 - 1) -> list[str]:
        """As re.Pattern.findall."""
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        """As re.Pattern.sub."""
        return self.compiled.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        """As re.Pattern.split."""
        return self.compiled.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
