"""Every bundled theme reads at WCAG AA (4.5:1), measured on the colours the reader actually draws.

Two checks. The first computes, from each theme as the app registers it, the contrast of its
text, muted text, accent used as text, footer keys, selected rows and every speaker's colour
against each background they are drawn on, and how far each speaker's colour stays from the
accent. The second drives the app in each theme and reads the screen Textual composes, cell by
cell: every letter shown (the column text with quotes in their speakers' colours, a filter bar,
a search hit, the focused quotes panel's selected row, the facts, the title bar and the footer,
then the help, the About dialog and the speaker picker) must stand at 4.5:1 or more against
the background it is drawn on.

The ANSI themes are left out: their colours are the terminal's own, unknown to the app.
Box-drawing and block characters (borders, rules, scrollbars) are graphics, not text; a glyph
drawn in its own background colour (the speaker picker's empty box) is not shown at all.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.color import Color
from textual.screen import ModalScreen
from textual.theme import BUILTIN_THEMES

from reader.core.loader import load_article
from reader.ui.app import ReaderApp
from reader.ui.dialogs.about import AboutScreen
from reader.ui.dialogs.help import HelpScreen
from reader.ui.dialogs.speakers import SpeakerPicker
from reader.ui.themes import AA, ACCENT_DISTANCE, THEMES, Ground, accessible, contrast, delta_e, speaker_palette

from .conftest import ARTICLE_PATH, reading

NAMES = sorted({*BUILTIN_THEMES, *(t.name for t in THEMES)} - {n for n in BUILTIN_THEMES if n.startswith("ansi")})


def registered(name: str):
    """The theme as the app registers it."""
    theme = next((t for t in THEMES if t.name == name), None) or BUILTIN_THEMES[name]
    return accessible(theme)


def test_the_themes_checked_include_dark_light_and_high_contrast():
    assert {"textual-dark", "textual-light", "reader-high-contrast", "solarized-light"} <= set(NAMES)
    assert len(NAMES) >= 20


@pytest.mark.parametrize("name", NAMES)
def test_each_theme_s_text_colours_read_at_aa_on_its_backgrounds(name):
    theme = registered(name)
    ground = Ground(theme)
    variables = ground.variables
    grounds = ground.text_grounds
    low: list[str] = []

    def check(what: str, colour: str | Color, backgrounds: list[Color]) -> None:
        colour = Color.parse(colour) if isinstance(colour, str) else colour
        for background in backgrounds:
            ratio = contrast(colour, background)
            if ratio < AA:
                low.append(f"{what} {colour.hex} on {background.hex}: {ratio:.2f}")

    check("text", ground.foreground, grounds)
    check("muted text", variables["text-muted"], grounds)
    check("accent as text", variables["text-accent"], grounds)
    check("footer key", variables["footer-key-foreground"], [ground.footer])
    check("footer description", variables["footer-description-foreground"], [ground.footer])
    check("selected row", variables["block-cursor-foreground"], [Color.parse(variables["block-cursor-background"])])
    check("selected row, list not focused", variables["block-cursor-blurred-foreground"], [Color.parse(variables["block-cursor-blurred-background"])])
    check("filter bar", ground.foreground, [Color.parse(variables["warning-muted"])])
    palette = speaker_palette(theme)
    for colour in palette:
        check("speaker", colour, grounds)
    assert low == [], f"{name}: below {AA}:1 -\n" + "\n".join(low)

    # a speaker's words are never mistaken for the accent (focus rings, marks, titles), nor for another speaker's
    accents = [ground.accent, Color.parse(variables["text-accent"])]
    colours = [Color.parse(c) for c in palette]
    assert len(colours) >= 4, f"{name}: only {len(colours)} speaker colours"
    near = [(c.hex, a.hex, round(delta_e(c, a), 1)) for c in colours for a in accents if delta_e(c, a) < ACCENT_DISTANCE]
    assert near == [], f"{name}: speaker colours near the accent (CIE76 delta E < {ACCENT_DISTANCE})"
    alike = [(a.hex, b.hex) for i, a in enumerate(colours) for b in colours[i + 1:] if delta_e(a, b) < ACCENT_DISTANCE]
    assert alike == [], f"{name}: speaker colours too alike"


def test_contrast_is_wcag_s():
    assert round(contrast(Color(0, 0, 0), Color(255, 255, 255)), 1) == 21.0
    assert round(contrast(Color.parse("#767676"), Color(255, 255, 255)), 2) == 4.54  # WCAG's own example of AA grey
    assert contrast(Color.parse("#777777"), Color(255, 255, 255)) < AA


# -- on screen -----------------------------------------------------------------------------------


def _graphic(char: str) -> bool:
    """Box drawing, blocks and geometric shapes: borders, rules, scrollbars and bars, not text."""
    return char.isspace() or 0x2500 <= ord(char) <= 0x25FF


def low_contrast_cells(app: ReaderApp, where: str) -> Iterator[str]:
    """Each run of text on screen (in a dialog: in the dialog) drawn below AA, described."""
    screen = app.screen
    region = screen.children[0].region if isinstance(screen, ModalScreen) else screen.region
    update = screen._compositor.render_update(full=True)
    for y, line in enumerate(update.strips):
        x = 0
        for strip in line:
            for segment in strip:
                start, x = x, x + segment.cell_length
                text, style = segment.text, segment.style
                if not (region.y <= y < region.bottom and region.x <= start < region.right):
                    continue
                if style is None or all(_graphic(c) for c in text):
                    continue
                fg, bg = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
                if fg is None or bg is None or fg.triplet is None or bg.triplet is None:
                    yield f"{where}: {text.strip()!r} at {start},{y} has no colour of its own"
                    continue
                if fg.triplet == bg.triplet:
                    continue  # drawn in its background's colour: not shown
                ratio = contrast(Color(*fg.triplet), Color(*bg.triplet))
                if ratio < AA:
                    yield f"{where}: {text.strip()!r} at {start},{y} is {fg.triplet.hex} on {bg.triplet.hex}: {ratio:.2f}:1"


@pytest.mark.parametrize("name", NAMES)
async def test_everything_on_screen_reads_at_aa(name):
    app = ReaderApp(load_article(ARTICLE_PATH))
    low: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = name
        await pilot.press("right", "right", "slash", *"drone", "enter")
        reading(app).speakers = frozenset({"didorchuk"})
        await pilot.press("w", "w")  # the quotes panel, back on screen
        reading(app).query_one("#quotes").focus()
        await pilot.press("down")
        assert app.theme == name and reading(app).hits and reading(app).query_one("#filter-bar").display
        low += low_contrast_cells(app, "reading")
        for key, dialog in (("question_mark", HelpScreen), ("m", AboutScreen), ("s", SpeakerPicker)):
            await pilot.press(key)
            assert isinstance(app.screen, dialog)
            if dialog is SpeakerPicker:
                await pilot.press("down", "space")  # a ticked box, and the highlighted row
            low += low_contrast_cells(app, dialog.__name__)
            await pilot.press("escape")
    assert low == [], f"{name}: {len(low)} runs of text below {AA}:1\n" + "\n".join(low[:40])
