"""The timeline: the day on a time axis, each narrative's events in a lane; Enter goes there.

Scenes with a clock time (`time.at`) are placed on the axis; the others are listed in story
order under their narrative, with the words of the text that say when, where there are any.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.model import Article
from ...core.navigation import SceneTarget
from ..plain import plain
from ..widgets.safe import SafeOptionList
from . import Dialog, hints

AXIS_HOURS = range(0, 25, 3)


def axis(article: Article, width: int) -> Text:
    """A 24-hour axis with a lane per narrative and a marker at each timed scene."""
    width = max(24, width)
    scale = (width - 1) / (24 * 60)
    out = Text()
    ruler = [" "] * width
    ticks = ["─"] * width
    for hour in AXIS_HOURS:
        col = min(width - 1, round(hour * 60 * scale))
        ticks[col] = "┼"
        label = f"{hour:02d}"
        start = min(col, width - len(label))  # the last label ends at the axis's end
        ruler[start:start + len(label)] = label
    lanes = [(n.id, n.title) for n in article.narratives]
    label_width = max((len(t) for _, t in lanes), default=8) + 2
    out.append(" " * label_width + "".join(ruler) + "\n", style="dim")
    out.append(" " * label_width + "".join(ticks) + "\n", style="dim")
    untimed: list[str] = []
    for narrative, title in lanes:
        lane = ["·"] * width
        times = [s.time for s in article.scenes if s.narrative == narrative and s.time]
        for time in times:
            if time.minutes is not None:
                lane[min(width - 1, round(time.minutes * scale))] = "●"
        out.append(f"{title:<{label_width}}", style="bold")
        out.append("".join(lane) + "\n")
        if not any(t.minutes is not None for t in times):
            # an empty lane says why, rather than placing events at times the text never gives
            said = "; ".join(t.label for t in times)
            untimed.append(f"{title}: the text gives no clock time" + (f" ({said})" if said else ""))
    for line in untimed:
        out.append(line + "\n", style="dim italic")
    return out


class TimelineScreen(Dialog):
    """The day of the story; returns the chosen scene."""

    BINDINGS = [
        Binding("escape,t,q", "close", "Close"),
    ]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        """A title, the axis, the events."""
        date = next((s.time.label for s in self.article.scenes if s.time and s.time.at is None and s.narrative is None), None)
        with Vertical(id="timeline", classes="dialog"):
            yield Static(plain(f"Timeline{': ' + date if date else ''}"), classes="modal-title")
            yield from hints("● a time the text gives · Enter goes to the scene · Esc closes", "Enter goes there · Esc closes")
            yield Static(id="axis")
            yield SafeOptionList(id="events")

    def on_mount(self) -> None:
        """Draw the axis and list the events lane by lane."""
        self.draw_axis()
        events = self.query_one(OptionList)
        options: list[Option] = []
        for narrative in self.article.narratives:
            options.append(Option(Text(narrative.title, style="bold underline"), disabled=True))
            for scene in self.article.scenes:
                if scene.narrative != narrative.id:
                    continue
                when = scene.time.at if scene.time and scene.time.at else "  ·  "
                prompt = Text.assemble((f"{when:>5}  ", "bold"), scene.title)
                if scene.time:
                    prompt.append(f"  — {scene.time.label} (“{scene.time.source}”)", style="dim")
                options.append(Option(prompt, id=scene.id))
        events.add_options(options)  # at once: each add_option refreshes the list (1,100 times at x100)
        if self.focused is not events:  # focusing again repaints it after the first frame
            events.focus()

    def reopen(self) -> TimelineScreen:
        """Open again (kept between openings): at the top, nothing highlighted, as a new timeline opens."""
        if self.is_mounted:
            events = self.query_one(OptionList)
            events.highlighted = None
            events.scroll_home(animate=False, immediate=True)
            if self.focused is not events:  # focusing again repaints it after the first frame
                events.focus()
        return self

    def on_resize(self) -> None:
        """Redraw the axis for the new width."""
        self.draw_axis()

    def draw_axis(self) -> None:
        """Fit the axis to the dialog's width."""
        dialog = self.query_one("#timeline")
        labels = max((len(n.title) for n in self.article.narratives), default=8) + 2
        width = max(24, (dialog.content_region.width or 80) - labels - 1)
        self.query_one("#axis", Static).update(axis(self.article, width))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter goes to the scene."""
        if event.option.id:
            self.dismiss(SceneTarget(event.option.id))
