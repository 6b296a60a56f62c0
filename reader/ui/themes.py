"""The reader's own theme: high contrast, beside Textual's dark and light themes."""

from __future__ import annotations

from textual.theme import Theme

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
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
    },
)

#: Themes the app registers at start.
THEMES = (HIGH_CONTRAST,)
