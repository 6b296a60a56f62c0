"""The launch's first frame: the reading screen is laid out once before it, as a bare Textual app is."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App
from textual.screen import Screen

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.scene_view import SceneView


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_reading_screen_is_laid_out_once_before_its_first_frame(article, monkeypatch, size):
    # Textual laid it out again on the Resize its own first layout sends, at the same size (issue 17);
    # at 80x24 the lede runs past the window, so its "more below" cue is shown, which needs that second layout
    layouts: list[int] = []
    first: list[int] = []
    refresh_layout, display = Screen._refresh_layout, App._display

    def counted(self, size=None, scroll=False):
        if isinstance(self, ReadingScreen) and not first:
            layouts.append(1)
        return refresh_layout(self, size, scroll)

    def shown(self, screen, renderable):
        if renderable is not None and isinstance(screen, ReadingScreen) and not first:
            first.append(len(layouts))
        return display(self, screen, renderable)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    monkeypatch.setattr(App, "_display", shown)
    app = ReaderApp(article, remember=False)
    async with app.run_test(size=size) as pilot:
        while not first:
            await asyncio.sleep(0.01)
        await pilot.pause()
        cues = [view._more.display for view in app.screen.query(SceneView)]
    assert first == ([1] if size == (120, 40) else [2])
    assert any(cues) == (size == (80, 24))
