"""The stylesheets of the screens a launch does not show, added to the app's when one is first made.

app.tcss holds what the reading screen needs. The dialogs, the editing screen and the continuous
view have their own files: parsing every rule at launch, and checking each widget styled at the
first frame against all of them, was part of what the launch paid for screens not yet shown
(issue 17). They are added as the app's own CSS (not a widget's DEFAULT_CSS), after app.tcss, so
each rule weighs exactly as it did there; Textual parses only the new file, and the widgets
already styled need no restyle, as no rule of these files names them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual._context import NoActiveAppError
from textual.dom import DOMNode
from textual.geometry import Size

HERE = Path(__file__).parent


def use_stylesheet(node: DOMNode, name: str) -> None:
    """Add one of the app's later stylesheets (a file beside this one) to the app of `node`, once.

    Called as a screen is made, before Textual styles it; outside an app (nothing is shown) it does nothing.
    """
    try:
        stylesheet = node.app.stylesheet
    except NoActiveAppError:
        return
    path = str(HERE / name)
    if not stylesheet.has_source(path, ""):
        # add_source, not read: read leaves the map of rules by selector as it was until the next parse
        stylesheet.add_source((HERE / name).read_text(encoding="utf-8"), read_from=(path, ""), is_default_css=False)


def breakpoint_classes(screen: Any, size: Size) -> dict[str, bool]:
    """The breakpoint classes of a screen at a size, as Textual's Screen sets them on a resize."""
    horizontal = (screen.app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None else screen.HORIZONTAL_BREAKPOINTS) or []
    vertical = (screen.app.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is None else screen.VERTICAL_BREAKPOINTS) or []
    classes = {name: False for _, name in horizontal + vertical}
    for name in screen._get_breakpoint_classes(size.width, horizontal) | screen._get_breakpoint_classes(size.height, vertical):
        classes[name] = True
    return classes


def resized_in_place(screen: Any, event: events.Resize) -> None:
    """Take a Resize to the size the screen is laid out at: set its breakpoint classes, and no layout again."""
    event.stop()
    event.prevent_default()
    screen.update_classes(breakpoint_classes(screen, event.size), animate=False)
