"""The help's key table is built from the bindings: every key documented, none documented wrongly."""

from __future__ import annotations

from textual.binding import Binding

from reader.ui.app import ReaderApp
from reader.ui.keys import Keys, key_label, key_table, keys_by_action
from reader.ui.screens.reading import ReadingScreen

BINDINGS = [*ReadingScreen.BINDINGS, *ReaderApp.BINDINGS]


def test_every_binding_of_the_reading_screen_and_the_app_is_in_the_help():
    documented = {action for _, rows in ReadingScreen.KEY_HELP for row in rows for action in row.actions}
    bound = {b.action for b in BINDINGS if isinstance(b, Binding)}
    assert bound - documented == set()
    assert documented - bound == set()  # and nothing documented that no key does


def test_the_help_shows_the_keys_bound_to_each_action():
    table = dict((what, keys) for _, rows in key_table(ReadingScreen.KEY_HELP, BINDINGS) for keys, what in rows)
    assert table["next beat"] == "→ l, n"
    assert table["page down the column, at its end the next beat / page up, at its top the previous beat"] == "space / shift+space"
    assert table["first / last beat (home / end: first / last item in a list)"] == "g / G, home / end"
    assert table["the whole story in one pane, read straight through; again to come back"] == "r"
    assert table["scroll the linked columns together, or each on its own"] == "L"
    assert table["wider, narrower, default line width"] == "+ / - / = (0)"
    assert table["focus a narrative (show it on narrow screens)"] == "1 2 3"
    assert table["search every scene (quote marks and case folded)"] == "/"
    assert table["this help"] == "?"


def test_a_rebound_key_shows_in_the_help():
    keys = keys_by_action([Binding("ctrl+n,down", "step(1)"), Binding("question_mark", "help")])
    assert Keys("next beat", "step(1)").shown(keys) == "ctrl+n ↓"
    assert key_label("left_square_bracket") == "[" and key_label("space") == "space" and key_label("escape") == "escape"


def test_every_binding_of_the_editing_screen_is_in_its_help():
    from reader.ui.screens.editing import EditScreen

    bindings = EditScreen.help_bindings(list(ReaderApp.BINDINGS))
    documented = {action for _, rows in EditScreen.KEY_HELP for row in rows for action in row.actions}
    bound = {b.action for b in bindings if isinstance(b, Binding)}
    assert bound - documented == set()
    assert documented - bound == set()
    table = dict((what, keys) for _, rows in key_table(EditScreen.KEY_HELP, bindings) for keys, what in rows)
    assert table["accept the guess as it stands"] == "a"
    assert table["undo / redo"] == "ctrl+z / ctrl+y"
    assert table["next beat"] == "→ l"  # n went to the review queue
    assert "the whole story in one pane, read straight through; again to come back" not in table  # r sets the beat there
    assert "quit (your place is remembered)" not in table


def test_every_binding_of_the_continuous_view_is_in_its_help():
    from reader.ui.screens.continuous import ContinuousScreen

    bindings = ContinuousScreen.help_bindings(list(ReaderApp.BINDINGS))
    documented = {action for _, rows in ContinuousScreen.KEY_HELP for row in rows for action in row.actions}
    bound = {b.action for b in bindings if isinstance(b, Binding)}
    assert bound - documented == {"quit"}  # q is taken by the view's own leave, which the help lists
    assert documented - bound == set()
    table = dict((what, keys) for _, rows in key_table(ContinuousScreen.KEY_HELP, bindings) for keys, what in rows)
    assert table["back to the beat view, at the beat at the top"] == "r escape"
    assert table["first / last beat"] == "g / G, home / end"
