"""What the reader keeps of one article while reading it: where they were, and their bookmarks.

A thin layer over the article's `JsonStore` (state.py) for the reading screen: it writes the
place, adds, edits and deletes bookmarks, keeps the bookmarks in memory when there is nothing
to write to (or writing fails), and reports the first failure to write once, through `report`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .state import ArticleState, Bookmark, JsonStore, new_bookmark


@dataclass(frozen=True)
class Place:
    """Where the reader is, as saved: the beat's key, the filter, the panels, the measure, the scrolling."""

    step: str
    speakers: list[str]
    hide_facts: bool
    hide_quotes: bool
    all_quotes: bool
    measure: int | None
    scroll_together: bool = False


class Memory:
    """An article's saved place and bookmarks; a store of None remembers nothing across runs."""

    def __init__(self, store: JsonStore | None, report: Callable[[str], None], *, fresh: bool = False) -> None:
        self.store = store
        self.report = report
        self.failed = False
        stored = ArticleState() if store is None else store.read()
        #: what was saved when the article opened (nothing but the bookmarks with --fresh)
        self.saved: ArticleState = ArticleState(bookmarks=stored.bookmarks) if fresh else stored
        self.bookmarks: list[Bookmark] = list(self.saved.bookmarks)
        self.fresh = fresh
        #: with --fresh, the place the reader opened at: not written over the saved one until they move
        self.held: Place | None = None

    @property
    def notice(self) -> str | None:
        """What reading the store had to say (a corrupt file set aside), if anything."""
        return self.store.notice if self.store is not None else None

    def _write(self, change: Callable[[ArticleState], None]) -> ArticleState | None:
        """Apply a change to the store; a read-only or full folder is reported once, never raised."""
        if self.store is None:
            return None
        try:
            saved: ArticleState = self.store.update(change)
        except OSError as exc:
            if not self.failed:
                self.failed = True
                self.report(f"Could not save the reading state to {self.store.path.parent}: {exc.strerror or exc}")
            return None
        self.bookmarks = list(saved.bookmarks)  # others' bookmarks too (another window's)
        return saved

    def hold(self, place: Place) -> None:
        """With --fresh, keep the saved place until the reader leaves this opening place."""
        if self.fresh:
            self.held = place

    def save(self, place: Place) -> None:
        """Write where the reader is; keep the bookmarks as they are in the file.

        A fresh start that has not moved yet writes nothing: opening with --fresh and quitting
        at once leaves the place saved before intact.
        """
        if self.held is not None:
            if place == self.held:
                return
            self.held = None  # moved: from now on the place is saved as usual

        def change(state: ArticleState) -> None:
            state.step = place.step
            state.speakers = list(place.speakers)
            state.hide_facts, state.hide_quotes = place.hide_facts, place.hide_quotes
            state.all_quotes = place.all_quotes
            state.measure = place.measure
            state.scroll_together = place.scroll_together

        self._write(change)

    def reread(self) -> list[Bookmark]:
        """The bookmarks as the file has them now (another window may have added some)."""
        if self.store is not None:
            self.bookmarks = list(self.store.read().bookmarks)
        return self.bookmarks

    def at(self, step_key: str) -> Bookmark | None:
        """The bookmark of a step, if it has one."""
        return next((b for b in self.bookmarks if b.step == step_key), None)

    def add(self, step_key: str, note: str) -> Bookmark:
        """Bookmark a step with a note; kept in memory when it cannot be written."""
        mark = new_bookmark(step_key, note)
        if self._write(lambda s: s.bookmarks.append(mark)) is None:
            self.bookmarks.append(mark)
        return mark

    def edit(self, mark: Bookmark, note: str) -> None:
        """Change a bookmark's note."""

        def change(state: ArticleState) -> None:
            for b in state.bookmarks:
                if b.id == mark.id:
                    b.note = note

        mark.note = note
        self._write(change)

    def restore(self, mark: Bookmark) -> None:
        """Put a deleted bookmark back, in its place by time (undo); never twice."""

        def put_back(marks: list[Bookmark]) -> list[Bookmark]:
            if any(b.id == mark.id for b in marks):
                return marks
            at = next((i for i, b in enumerate(marks) if b.created > mark.created), len(marks))
            return [*marks[:at], mark, *marks[at:]]

        def change(state: ArticleState) -> None:
            state.bookmarks = put_back(state.bookmarks)

        if self._write(change) is None:
            self.bookmarks = put_back(self.bookmarks)

    def delete(self, bookmark_id: str) -> None:
        """Remove a bookmark."""

        def drop(state: ArticleState) -> None:
            state.bookmarks = [b for b in state.bookmarks if b.id != bookmark_id]

        self.bookmarks = [b for b in self.bookmarks if b.id != bookmark_id]
        self._write(drop)
