"""The stylesheets of the screens a launch does not show are added when one is first made, and style it as app.tcss did."""

from __future__ import annotations

from pathlib import Path

from textual.css.stylesheet import Stylesheet
from textual.theme import BUILTIN_THEMES

from reader.core.editing import EditSession
from reader.ui import styles
from reader.ui.app import ReaderApp
from reader.ui.widgets.review import ReviewPanel

LATER = ("dialogs.tcss", "editing.tcss", "continuous.tcss")


def ours(app: ReaderApp) -> set[str]:
    """The names of the reader's stylesheets in the app's stylesheet."""
    return {Path(path).name for path, _ in app.stylesheet.source if Path(path).suffix == ".tcss"}


def test_each_later_stylesheet_parses():
    variables = BUILTIN_THEMES["textual-dark"].to_color_system().generate()
    for name in LATER:
        sheet = Stylesheet(variables=variables)
        sheet.add_source((styles.HERE / name).read_text(encoding="utf-8"), (name, ""))
        assert sheet.rules, name


async def test_no_later_rule_styles_a_widget_of_the_reading_screen(article):
    # they are added after the reading screen is styled, and it is not restyled for them
    for size in ((120, 40), (80, 24), (220, 50)):
        app = ReaderApp(article, remember=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            nodes = [app.screen, *app.screen.walk_children()]
            before = [dict(node.styles.base.get_rules()) for node in nodes]
            for name in LATER:
                styles.use_stylesheet(app.screen, name)
            for node in nodes:
                app.stylesheet.apply(node)
            assert [dict(node.styles.base.get_rules()) for node in nodes] == before


async def test_a_launch_parses_app_tcss_alone_and_a_dialog_or_view_adds_its_own(article):
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert ours(app) == {"app.tcss"}
        await pilot.press("question_mark")
        await pilot.pause()
        assert ours(app) == {"app.tcss", "dialogs.tcss"}
        assert app.screen.query_one("#help").styles.width is not None  # the rule of dialogs.tcss
        assert app.screen.query_one("#help").outer_size.width == 80
        await pilot.press("escape", "r")
        await pilot.pause()
        assert ours(app) == {"app.tcss", "dialogs.tcss", "continuous.tcss"}
        assert app.screen.query_one("#story").styles.scrollbar_size_vertical == 1


async def test_the_editing_screen_adds_its_own(imported):
    app = ReaderApp(edit=EditSession(imported), remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "editing.tcss" in ours(app)
        panel = app.screen.query_one(ReviewPanel)
        assert panel.styles.max_height is not None and panel.styles.max_height.value == 6
