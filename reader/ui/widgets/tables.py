"""The reader's selection list and data table, with page keys made safe and vim keys.

Apart from safe.py so that the reading screen's launch does not import them: only the speaker
picker, the outline and the library use them.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, SelectionList

from .safe import VIM_KEYS, PageSafe


class SafeSelectionList(PageSafe, SelectionList[str]):
    """A SelectionList that survives paging before layout, with j and k."""

    BINDINGS = VIM_KEYS


class VimDataTable(DataTable[Any]):
    """A DataTable with j and k."""

    BINDINGS = VIM_KEYS
