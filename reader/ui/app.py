"""The reader's app: its looks, its themes, the screens it shows, and the keys that work everywhere.

The reading state and the reading keys live on the reading screen (screens/reading.py); the
library (screens/library.py) is a screen of the same app, under the article it opens.
"""

from __future__ import annotations

import gc

from textual.actions import parse as parse_action
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.theme import Theme

from ..core.model import Article
from ..core.state import JsonStore, Settings, settings_store
from .screens.reading import ReadingScreen
from .themes import THEMES, legible_theme

TYPE_CHECKING = False  # typing's own flag: the editor's and the library's modules stay off the launch path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from textual.actions import ActionParseResult
    from textual.dom import DOMNode

    from ..core.editing import EditSession
    from .screens.library import Entry, LibraryScreen


class ReaderApp(App[None]):
    """Read an article beat by beat, or choose one from a library first."""

    CSS_PATH = "app.tcss"
    TITLE = "reader"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        article: Article | None = None,
        speakers: frozenset[str] | None = None,
        *,
        library: tuple[list[Entry], str] | None = None,
        edit: EditSession | None = None,
        fresh: bool = False,
        remember: bool = True,
    ) -> None:
        super().__init__()
        self.edit = edit
        if edit is not None:
            article = edit.article
        if (article is None) == (library is None):
            raise ValueError("ReaderApp opens an article or a library: give one of them")
        self.article, self.speakers, self.library = article, speakers, library
        self.fresh, self.remember = fresh, remember
        if article is not None:
            self.title, self.sub_title = article.meta.title, article.meta.credit
        elif library is not None:
            from .screens.library import LibraryScreen  # a library only when there are several articles

            self.title, self.sub_title = LibraryScreen.TITLE or self.title, library[1]
        for theme in THEMES:
            self.register_theme(theme)
        # the theme chosen last time; remember=False never reads or writes it
        self.settings: JsonStore | None = settings_store() if remember else None
        self._settings_failed = False
        if self.settings is not None:
            theme = self.settings.read().theme
            if theme in self.available_themes:
                self.theme = theme

    def get_theme(self, theme_name: str) -> Theme | None:
        """A theme by name, made to read at WCAG AA (themes.legible_theme): every theme the app draws in."""
        theme = super().get_theme(theme_name)
        return legible_theme(theme) if theme is not None else None

    def format_title(self, title: str, sub_title: str) -> Content:
        """The title bar: the title, then the credit in the theme's muted colour (Textual's dim fell below AA)."""
        if not sub_title:
            return Content(title)
        return Content.assemble(title, (" — ", "$text-muted"), (sub_title, "$text-muted"))

    def action_command_palette(self) -> None:
        """Show the command palette: Textual's, dismissed once and safe to page at once."""
        from textual.command import CommandPalette

        from .dialogs import SafePalette

        if self.use_command_palette and not any(isinstance(s, CommandPalette) for s in self.screen_stack):
            self.push_screen(SafePalette(id="--command-palette"))

    def new_reading_screen(self, article: Article, speakers: frozenset[str] | None = None) -> ReadingScreen:
        """A reading screen for an article, remembering (or not) as this app does."""
        return ReadingScreen(article, speakers, fresh=self.fresh, remember=self.remember)

    async def on_mount(self) -> None:
        """Show the article (or the library); remember the theme whenever it changes."""
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        # awaited, so the screen is composed before the app counts as ready (Pilot, snapshots)
        if self.library is not None:
            from .screens.library import LibraryScreen

            await self.push_screen(LibraryScreen(*self.library))
        elif self.edit is not None:
            from .screens.editing import EditScreen  # the editor's modules only when editing

            await self.push_screen(EditScreen(self.edit))
        elif self.article is not None:
            await self.push_screen(self.new_reading_screen(self.article, self.speakers))
        if self.settings is not None and self.settings.notice:
            self.notify(self.settings.notice, title="Reading state", severity="warning", timeout=8, markup=False)
        # the command line holds the garbage collector off while the app starts (cli.cmd_open)
        self.call_after_refresh(gc.enable)

    def on_library_screen_article_chosen(self, event: LibraryScreen.ArticleChosen) -> None:
        """Open the article chosen in the library above it."""
        self.push_screen(self.new_reading_screen(event.article))

    def action_use_theme(self, name: str) -> None:
        """Switch to a colour theme (the palette's Theme commands)."""
        if name in self.available_themes:
            self.theme = name

    def _theme_changed(self, _theme: Theme) -> None:
        """Remember the choice of theme."""
        if self.settings is None or self._settings_failed:
            return
        name = self.theme

        def change(settings: Settings) -> None:
            settings.theme = name

        try:
            self.settings.update(change)
        except OSError as exc:
            self._settings_failed = True
            problem = f"Could not save the reading state to {self.settings.path.parent}: {exc.strerror or exc}"
            self.notify(problem, title="Reading state", severity="warning", timeout=8, markup=False)

    async def run_action(
        self, action: str | ActionParseResult, default_namespace: DOMNode | None = None, namespaces: Mapping[str, DOMNode] | None = None
    ) -> bool:
        """Run an action (a key, a click, the palette) once the reading screen's pending step has landed."""
        # keys typed faster than a step is drawn would otherwise act on the beat before it:
        # l l u unlinked at beat 1, then the steps landed (issue 17)
        if isinstance(self.screen, ReadingScreen):
            self.screen.before_action(action if isinstance(action, tuple) else parse_action(action))
        return await super().run_action(action, default_namespace, namespaces)

    def action_help(self) -> None:
        """Show the keys of the article being read, built from its bindings and these."""
        from .dialogs.help import HelpScreen, help_for  # imported on first use: kept off the launch path
        from .dialogs.keep import kept

        # the top screen with keys of its own: the reading screen, or a view on it (the continuous view)
        shown = next((s for s in reversed(self.screen_stack) if hasattr(s, "KEY_HELP") and hasattr(s, "help_bindings")), None)
        if shown is not None:
            help_screen = help_for(shown, kept)
            assert isinstance(help_screen, HelpScreen)
            self.push_screen(help_screen.reopen())

    async def action_quit(self) -> None:
        """Leave the article (and any dialog on it) for the library it was opened from, else quit.

        The reading screen remembers the place as it closes, either way. Unsaved edits are asked about first.
        """
        from .screens.editing import EditScreen  # imported on first use: kept off the launch path

        editing = next((s for s in self.screen_stack if isinstance(s, EditScreen)), None)
        if editing is not None and editing.session.dirty:
            editing.confirm_leave(self._leave)
            return
        self._leave()

    def _leave(self) -> None:
        """Quit, or go back to the library."""
        if self.library is None:
            self.exit()
            return
        from .screens.library import LibraryScreen

        if isinstance(self.screen, LibraryScreen):
            self.exit()
            return
        while not isinstance(self.screen, LibraryScreen):
            self.pop_screen()
