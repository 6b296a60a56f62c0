"""A burst of navigation draws only where it ends (issue 17): the counts of redraws, never a time."""

from __future__ import annotations

from textual import events

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen


async def _until(pilot, done, rounds: int = 200) -> None:
    """Pause until done() holds (a bounded number of rounds, so nothing hangs)."""
    for _ in range(rounds):
        if done():
            return
        await pilot.pause()
    raise AssertionError("the app did not get there")


async def test_a_burst_of_step_keys_draws_its_last_beat_only(article, monkeypatch):
    drawn: list[int] = []
    original = ReadingScreen.refresh_view

    def counted(self: ReadingScreen) -> None:
        drawn.append(self.step)
        original(self)

    monkeypatch.setattr(ReadingScreen, "refresh_view", counted)
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.step == 0
        drawn.clear()
        for _ in range(6):
            app.post_message(events.Key("l", "l"))  # six at once, as a held key sends them
        await _until(pilot, lambda: screen.step == 6)
        await pilot.pause()
        assert screen.step == 6 and drawn[-1] == 6
        assert len(drawn) < 6, f"intermediate beats were drawn: {drawn}"
        assert screen.query_one("#beat-bar").step == 6  # the bar shows the beat the text shows


async def test_a_jump_while_a_burst_is_pending_wins(article):
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        screen.action_step(1)
        screen.action_step(1)  # pending: not drawn yet
        screen.step = 5  # a jump (a bookmark, the outline) meanwhile
        await pilot.pause()
        await pilot.pause()
        assert screen.step == 5


async def test_a_burst_of_filter_changes_restyles_once_for_the_last_filter(article, monkeypatch):
    restyled: list[frozenset[str]] = []
    original = ReadingScreen.refresh_text

    def counted(self: ReadingScreen) -> None:
        restyled.append(self.speakers)
        original(self)

    monkeypatch.setattr(ReadingScreen, "refresh_text", counted)
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        speaker = article.speakers[0].id
        restyled.clear()
        for i in range(7):
            screen.speakers = frozenset({speaker}) if i % 2 == 0 else frozenset()
        await _until(pilot, lambda: bool(restyled))
        await pilot.pause()
        assert restyled == [frozenset({speaker})]


async def test_a_key_typed_before_a_burst_is_drawn_acts_on_the_beat_the_burst_reached(article):
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.step == 0
        for key in "llu":  # typed faster than a step is drawn: u reaches the app with two steps pending
            app.post_message(events.Key(key, key))
        await _until(pilot, lambda: not screen.linked)
        await pilot.pause()
        # unlinked where the reader was heading, not at the beat still on screen when u arrived
        assert screen.step == 2 and set(screen.positions.values()) == {2}
        await pilot.press("u")
        assert screen.linked and screen.step == 2


async def test_a_bookmark_typed_during_a_burst_marks_the_beat_the_burst_reached(article):
    from reader.ui.dialogs.bookmarks import BookmarkNote

    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        for key in "lllb":
            app.post_message(events.Key(key, key))
        await _until(pilot, lambda: isinstance(app.screen, BookmarkNote))
        await pilot.press("enter")
        await _until(pilot, lambda: bool(screen.bookmarks))
        assert [b.step for b in screen.bookmarks] == [article.steps[3].key]


async def test_a_burst_of_arrow_keys_in_a_focused_column_draws_its_last_beat_only(article, monkeypatch):
    """→ reaches the column's own scroll_right binding first (skipped: the text wraps): that is no
    action of its own, and must not land the pending step as a key like u does."""
    drawn: list[int] = []
    original = ReadingScreen.refresh_view

    def counted(self: ReadingScreen) -> None:
        drawn.append(self.step)
        original(self)

    monkeypatch.setattr(ReadingScreen, "refresh_view", counted)
    app = ReaderApp(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.step == 0
        await pilot.press("l")  # into the columns: one has the keyboard
        await _until(pilot, lambda: screen.step == 1)
        drawn.clear()
        for _ in range(5):
            app.post_message(events.Key("right", None))
        await _until(pilot, lambda: screen.step == 6)
        await pilot.pause()
        assert screen.step == 6 and drawn[-1] == 6
        assert len(drawn) < 5, f"intermediate beats were drawn: {drawn}"
        drawn.clear()
        for _ in range(5):
            app.post_message(events.Key("left", None))
        await _until(pilot, lambda: screen.step == 1)
        await pilot.pause()
        assert len(drawn) < 5, f"intermediate beats were drawn: {drawn}"


async def test_n_typed_during_a_burst_while_searching_shows_the_hit_it_made_current(article):
    """n with search hits is a jump to the next hit: it wins over the burst, as every jump does,
    also when that hit is on the beat still drawn (setting the same beat fires no watcher)."""
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.step == 0
        await pilot.press("slash", *"soldier", "enter")
        await _until(pilot, lambda: screen.hit_index == 0)
        order = article.step_of_scene
        assert order[screen.hits[0].scene] == order[screen.hits[1].scene] == screen.step == 0
        for key in "lln":
            app.post_message(events.Key(key, key))
        await _until(pilot, lambda: screen.hit_index == 1)
        for _ in range(5):
            await pilot.pause()
        assert screen.step == order[screen.hits[screen.hit_index].scene], "the current hit is not on the beat shown"


async def test_a_click_on_a_quote_during_a_burst_shows_the_quote(article):
    """A quote chosen in the panel (a click posts a message, no action) on the beat still drawn: the jump wins."""
    from reader.ui.messages import QuoteChosen

    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        screen.step = 1
        await pilot.pause()
        quote = next(q for s in article.steps[1].scenes for q in article.quotes_by_scene.get(s.id, ()))
        screen.action_step(1)
        screen.action_step(1)  # pending: not drawn yet
        screen.quote_chosen(QuoteChosen(quote.id))  # what the click's message runs
        for _ in range(10):
            await pilot.pause()
        assert screen.marked_quote == quote.id
        assert screen.step == 1, "the burst moved the reader off the quote just chosen"


async def test_space_typed_before_a_burst_is_drawn_pages_the_beat_the_burst_reached(article):
    """l l space from a beat whose text fits, to one whose text runs on: space pages the new text, as
    it does typed slowly, not the old text's layout (that fitted, so space stepped past the new beat)."""
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=(70, 18)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        screen.step = 3
        await pilot.pause()
        await pilot.pause()
        view = screen.query_one("#col-" + article.narratives[0].id)
        assert not view.has_more_below, "the test wants a beat whose column fits"
        for key in ("l", "l", "space"):
            app.post_message(events.Key(key, " " if key == "space" else key))
        await _until(pilot, lambda: screen.step != 3 and screen.step_pending is None)
        for _ in range(5):
            await pilot.pause()
        assert screen.step == 5, "space stepped on from the beat the burst reached, its text unread"
        assert view.scroll_y > 0, "space did not page the beat the burst reached"


async def test_space_held_down_across_a_beat_pages_the_new_beat_before_stepping_on(article):
    """space, space, space typed at once at the end of a beat: the first steps, the next ones page
    the new beat's text once it is laid out; none steps on from the old beat's layout."""
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=(70, 18)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        screen.step = 4
        await pilot.pause()
        await pilot.pause()
        view = screen.query_one("#col-" + article.narratives[0].id)
        assert not view.has_more_below, "the test wants a beat whose column fits, before one that runs on"
        for _ in range(3):
            app.post_message(events.Key("space", " "))
        await _until(pilot, lambda: screen.step != 4 and screen.step_pending is None)
        for _ in range(5):
            await pilot.pause()
        assert screen.step == 5, "a space stepped on from the beat drawn before, the new beat's text unread"
        assert view.scroll_y > 0


async def test_shift_space_held_down_pages_back_through_the_beat_it_opened_at_its_end(article):
    """shift+space, shift+space typed at once at the top of a beat: the first opens the beat before at
    its end, the second pages up through it, as when typed slowly; it stepped back a second beat."""
    app = ReaderApp(article, fresh=True)
    async with app.run_test(size=(70, 18)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        screen.step = 6
        for _ in range(3):
            await pilot.pause()
        view = screen.query_one("#col-" + article.narratives[0].id)
        for _ in range(2):
            app.post_message(events.Key("shift+space", None))
        await _until(pilot, lambda: screen.step != 6 and screen.step_pending is None)
        for _ in range(8):
            await pilot.pause()
        assert screen.step == 5, "the second shift+space stepped back past the beat the first opened"
        assert view.max_scroll_y > 0 and view.scroll_y < view.max_scroll_y
