"""The reader's themes: its own high contrast one, and every theme made to read at WCAG AA.

Textual's themes draw muted text, footer keys, accents used as text and selected rows in
colours that often fall below the 4.5:1 contrast WCAG AA asks of text (a selected row in
textual-dark reads at 3.8:1, the accent as a title in textual-light at 1.5:1). `accessible`
keeps each theme's own colours and moves only those that fall short, lighter on a dark theme
or darker on a light one, just far enough; speaker colours get the same treatment, and keep
away from the accent so a speaker's words are never mistaken for the focus or a mark.
"""

from __future__ import annotations

import math
from dataclasses import replace

from textual.color import Color
from textual.theme import Theme

#: The contrast WCAG 2 level AA asks of body text; aimed at with a little room for rounding.
AA = 4.5
_AIM = 4.6
#: How far (CIE76 delta E) a speaker's colour stays from the accent and from each other speaker's.
ACCENT_DISTANCE = 25.0
#: A selected row: a band of the text colour over the background, this strong (see `accessible`).
BAND, BAND_BLURRED = 0.16, 0.09

#: Base colours of the speakers, in order; each theme moves them until they read on it.
DARK_PALETTE = ("#7dcfff", "#ffb86c", "#a6e22e", "#ff79c6", "#c3a6ff", "#f1fa8c", "#5fd7af", "#ff8787")
LIGHT_PALETTE = ("#005f87", "#9a4a00", "#2e6b1f", "#a3195b", "#5b3fa6", "#6b5e00", "#00695c", "#b00020")

HIGH_CONTRAST = Theme(
    name="reader-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5fff5f",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#303030",
    boost="#1c1c1c",
    dark=True,
    variables={
        "text-muted": "#d0d0d0",
        "border": "#ffffff",
        "footer-key-foreground": "#ffff00",
    },
)

#: Themes the app registers at start.
THEMES = (HIGH_CONTRAST,)


def luminance(colour: Color) -> float:
    """WCAG relative luminance of a colour (alpha ignored)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def legible(colour: Color, grounds: list[Color], target: float = _AIM) -> Color:
    """The colour, lightened or darkened just enough to read at `target` on every ground.

    Lightened when the grounds are dark, darkened when light; when neither extreme reaches the
    target (grounds of middling lightness), the extreme that reads best.
    """
    if min(contrast(colour, g) for g in grounds) >= target:
        return colour
    dark = sum(luminance(g) for g in grounds) / len(grounds) < 0.18
    extreme = Color(255, 255, 255) if dark else Color(0, 0, 0)
    for step in range(1, 21):
        moved = colour.blend(extreme, step / 20)
        if min(contrast(moved, g) for g in grounds) >= target:
            return moved
    white, black = Color(255, 255, 255), Color(0, 0, 0)
    return max((white, black), key=lambda c: min(contrast(c, g) for g in grounds))


def _lab(colour: Color) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a colour."""

    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = linear(colour.r), linear(colour.g), linear(colour.b)
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: Color, b: Color) -> float:
    """How different two colours look (CIE76 delta E: about 2.3 is just noticeable)."""
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(_lab(a), _lab(b), strict=True)))


class Ground:
    """A theme's colours as drawn: its backgrounds, its text, its accent (solid, alpha resolved)."""

    def __init__(self, theme: Theme) -> None:
        variables = {**theme.to_color_system().generate(), **theme.variables}
        self.variables = variables

        def solid(name: str, under: Color | None = None) -> Color:
            colour = Color.parse(variables[name])
            return (under or self.background) + colour if colour.a < 1 else colour

        self.background = Color.parse(variables["background"])
        self.surface = solid("surface")
        self.panel = solid("panel")
        self.boost = solid("boost")  # a focused column's background
        self.footer = solid("footer-background")
        self.foreground = Color.parse(variables["foreground"])
        self.accent = Color.parse(variables["accent"])
        #: a selected row: a band of the text colour, so every colour that reads on the background reads on it
        self.band = self.background.blend(self.foreground, BAND)
        self.band_blurred = self.background.blend(self.foreground, BAND_BLURRED)
        #: every background text is drawn on in the reader
        self.text_grounds = [self.background, self.surface, self.panel, self.boost, self.band, self.band_blurred]


def accessible(theme: Theme) -> Theme:
    """The theme, with the colours the reader draws text in moved until each reads at AA.

    The text colour first (on the background, surface, panels and a focused column), then what
    derives from it: selected rows are a band of it over the background, muted text a blend of
    it, and each of those, the accent as text and the footer's keys, checked on its own grounds.
    """
    for _ in range(4):  # the selected rows' bands follow the text colour: settle the two together
        ground = Ground(theme)
        text = legible(ground.foreground, ground.text_grounds)
        if text == ground.foreground:
            break
        theme = replace(theme, foreground=text.hex)
    grounds = ground.text_grounds
    muted = legible(ground.background.blend(text, 0.62), grounds)
    footer_text = legible(text, [ground.footer])
    footer_key = legible(Color.parse(ground.variables["footer-key-foreground"]), [ground.footer])
    primary = Color.parse(ground.variables["primary"])
    button_text = max((Color(255, 255, 255), Color(0, 0, 0)), key=lambda c: contrast(c, primary))
    # the filter bar: a tint of the warning colour behind the theme's text, deepened until it reads
    warning_muted = legible(ground.background + Color.parse(ground.variables["warning-muted"]), [text])
    variables = {
        **theme.variables,
        "text-muted": muted.hex,
        "foreground-muted": muted.hex,
        # disabled options are the panels' headings and notes ("No quotes at this beat"): read, not greyed out
        "text-disabled": muted.hex,
        "text-accent": legible(ground.accent, grounds).hex,
        "footer-foreground": footer_text.hex,
        "footer-description-foreground": footer_text.hex,
        "footer-key-foreground": footer_key.hex,
        "block-cursor-background": ground.band.hex,
        "block-cursor-foreground": text.hex,
        "block-cursor-blurred-background": ground.band_blurred.hex,
        "block-cursor-blurred-foreground": text.hex,
        "block-cursor-text-style": "bold",
        "button-color-foreground": button_text.hex,
        "warning-muted": warning_muted.hex,
    }
    return replace(theme, variables=variables)


def muted_text(theme: Theme) -> str | None:
    """The theme's muted text colour, where the reader set it (None for the ANSI themes)."""
    return theme.variables.get("text-muted") if not theme.name.startswith("ansi") else None


_LEGIBLE: dict[str, tuple[Theme, Theme]] = {}


def legible_theme(theme: Theme) -> Theme:
    """A theme made to read at AA, once a theme and only when drawn in (a few ms each: none at launch but the first).

    The ANSI themes are left as they are: their colours are the terminal's, unknown to the app.
    """
    if theme.name.startswith("ansi"):
        return theme
    made = _LEGIBLE.get(theme.name)
    if made is None or made[0] is not theme:
        made = _LEGIBLE[theme.name] = (theme, accessible(theme))
    return made[1]


_PALETTES: dict[tuple[object, ...], tuple[str, ...]] = {}


def _palette(theme: Theme) -> tuple[str, ...]:
    """Speaker colours for a theme (see speaker_palette), computed once a theme."""
    key = (theme.name, theme.dark, theme.background, theme.foreground, theme.accent, tuple(sorted(theme.variables.items())))
    if key not in _PALETTES:
        _PALETTES[key] = _choose_palette(theme)
    return _PALETTES[key]


def _choose_palette(theme: Theme) -> tuple[str, ...]:
    """The base palette made legible on the theme's text backgrounds, minus colours near the accent or each other."""
    ground = Ground(theme)
    accents = [ground.accent, Color.parse(ground.variables.get("text-accent", ground.variables["accent"]))]
    base = DARK_PALETTE if theme.dark else LIGHT_PALETTE
    chosen: list[Color] = []
    for hex_colour in base:
        colour = legible(Color.parse(hex_colour), ground.text_grounds)
        if all(delta_e(colour, a) >= ACCENT_DISTANCE for a in accents) and all(delta_e(colour, c) >= ACCENT_DISTANCE for c in chosen):
            chosen.append(colour)
    return tuple(c.hex.lower() for c in chosen) or (legible(ground.foreground, ground.text_grounds).hex.lower(),)


def speaker_palette(theme: Theme) -> tuple[str, ...]:
    """The speakers' colours in a theme: each reads at AA on every text background, none near the accent."""
    if theme.name.startswith("ansi"):  # the terminal's own colours: unknown, so the base palette
        return DARK_PALETTE if theme.dark else LIGHT_PALETTE
    return _palette(theme)
