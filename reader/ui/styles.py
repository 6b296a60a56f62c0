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

from textual._context import NoActiveAppError
from textual.dom import DOMNode

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
