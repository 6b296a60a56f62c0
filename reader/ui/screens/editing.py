"""The editing screen: the reading view of an article under edit, with its review queue and single-key fixes.

It is the reading screen (same columns, panels, search and keys) over an EditSession
(reader/core/editing.py): `n`/`N` step through the guesses left to review, each shown with the
words it rests on highlighted, its rule and confidence in the review panel; single keys fix
them. Every fix goes through the session, which checks it before it applies and keeps it
undoable; a refused one says why. After each fix the view is rebuilt from the session's new
article, on the same scene.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import replace
from typing import Callable, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from ...core import navigation as nav
from ...core.editing import EditRefused, EditSession, NewSpeaker, SaveConflict, SaveError
from ...core.errors import ContentError
from ...core.model import Article, Span
from ...core.navigation import SceneTarget
from ...core.review import ItemKey, ReviewItem, ReviewQueue, unfinished
from ..keys import KeyHelp, Keys, keys_by_action, merged, pruned
from ..messages import ReviewStep
from ..render import Highlights
from ..styles import use_stylesheet
from ..widgets.review import ReviewPanel
from .reading import ReadingScreen

#: what the review panel says when nothing is left and `reader check --strict` agrees
DONE = "nothing left to review — reader check --strict will pass"
NEW_SPEAKER = "\0new"  # the speaker picker's "new speaker" line (no speaker id can hold a NUL)
CONTEXT = "\0context"
NO_BEAT = "\0none"
NEW = "\0new storyline or beat"


def run_editor(screen: EditScreen, command: list[str]) -> None:
    """Suspend the app and run the editor in the terminal (a function of its own, for tests)."""
    with screen.app.suspend():
        subprocess.run(command, check=False)


def editor_command(path: str, line: int | None) -> list[str]:
    """$VISUAL or $EDITOR (else vi) on a file, at a line (the +N form vi, vim, nano, emacs and micro read)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return [*shlex.split(editor), *([f"+{line}"] if line else []), path]


class EditScreen(ReadingScreen):
    """Review and fix an imported article: its guesses one by one, each fix a key, undoable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "review_step(1)", "Next guess"),
        Binding("N", "review_step(-1)", "Previous guess", show=False),
        Binding("a", "accept", "Accept"),
        Binding("A", "toggle_all_quotes", "All quotes", show=False),
        Binding("S", "set_speaker", "Speaker"),
        Binding("d", "delete", "Delete"),
        Binding("m", "move_scene", "Move scene", show=False),
        Binding("r", "set_beat", "Beat", show=False),
        Binding("less_than_sign", "move_beat(-1)", "Beat earlier", show=False),
        Binding("greater_than_sign", "move_beat(1)", "Beat later", show=False),
        Binding("J", "merge", "Merge", show=False),
        Binding("K", "split", "Split", show=False),
        Binding("F", "edit_fact", "Edit fact", show=False),
        Binding("T", "rename", "Rename", show=False),
        Binding("R", "restore", "Restore", show=False),
        Binding("Q", "add_quote", "Add quote", show=False),
        Binding("I", "add_fact", "Add fact", show=False),
        Binding("P", "reanchor_fact", "Re-anchor fact", show=False),
        Binding("E", "external_editor", "$EDITOR", show=False),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo", show=False),
        Binding("ctrl+s", "save", "Save"),
        Binding("q", "leave", "Quit"),
    ]

    EDIT_HELP: ClassVar[KeyHelp] = (
        ("Editing", (
            Keys("next / previous guess to review (next / previous hit while searching)", "review_step(1)", "review_step(-1)", paired=True),
            Keys("accept the guess as it stands", "accept"),
            Keys("change the quote's speaker (or add a new speaker)", "set_speaker"),
            Keys("delete the false quote or the fact (or an unused speaker, storyline, beat)", "delete"),
            Keys("move the scene to another storyline (or a new one), or to the context", "move_scene"),
            Keys("change the scene's beat (or make a new beat)", "set_beat"),
            Keys("move the scene's beat earlier / later in the order", "move_beat(-1)", "move_beat(1)", paired=True),
            Keys("merge the scene with the next / split it at a paragraph", "merge", "split", paired=True),
            Keys("edit the fact: label, value, category, attribution", "edit_fact"),
            Keys("rename: the storyline, beat, scene, speaker or article", "rename"),
            Keys("restore the dropped paragraph", "restore"),
            Keys("add a missed quotation: the words found with / (the current hit)", "add_quote"),
            Keys("add a fact resting on the current hit / re-anchor the marked fact to it", "add_fact", "reanchor_fact", paired=True),
            Keys("undo / redo", "undo", "redo", paired=True),
            Keys("save (atomically, with a .bak of the previous version)", "save"),
            Keys("open $EDITOR at this record (then reload and check)", "external_editor"),
            Keys("quotes of this beat, or all quotes", "toggle_all_quotes"),
            Keys("leave the editor (asks about unsaved edits)", "leave"),
        )),
    )
    KEY_HELP: ClassVar[KeyHelp] = EDIT_HELP + pruned(
        ReadingScreen.KEY_HELP, set(keys_by_action(merged(ReadingScreen.BINDINGS, BINDINGS))) | {"help"},
    )

    def __init__(self, session: EditSession, *, step_key: str | None = None, back: Callable[[Article | None], None] | None = None) -> None:
        super().__init__(session.article, fresh=True, remember=False)
        use_stylesheet(self, "editing.tcss")  # before Textual styles the screen: not parsed at every launch
        self.session = session
        self.review_queue: ReviewQueue = session.queue
        self.current: ItemKey | None = None
        #: called when the editor is left from a reading screen (with the article if it was saved); None quits the app
        self.back = back
        self.saved = False
        self.sub_title = f"editing {session.path}"
        if step_key in self.article.step_by_key:
            self.set_reactive(ReadingScreen.step, self.article.step_by_key[step_key])

    @classmethod
    def help_bindings(cls, app_bindings: list[BindingType]) -> list[BindingType]:
        """The keys the help lists: the reading screen's and the app's, but those this screen took."""
        return list(merged([*ReadingScreen.BINDINGS, *app_bindings], cls.BINDINGS))

    def compose_under_text(self) -> ComposeResult:
        """The review panel, under the columns."""
        yield ReviewPanel(id="review")

    def on_mount(self) -> None:
        """Show the first guess to review, or say that none is left."""
        super().on_mount()
        self.show_item(self.review_queue.items[0] if self.review_queue.items else None, move=False)

    # -- the current guess -------------------------------------------------------------
    @property
    def review_item(self) -> ReviewItem | None:
        """The guess under review, while it is still in the queue."""
        return self.review_queue.get(self.current) if self.current else None

    @property
    def highlights(self) -> Highlights:
        """The reading highlights, with the words of the guess under review."""
        item = self.review_item
        return replace(super().highlights, anchor=item.anchor if item else None)

    def show_item(self, item: ReviewItem | None, move: bool = True) -> None:
        """Make a guess the current one: mark it, show its beat and its words."""
        self.current = item.key if item else None
        self.query_one(ReviewPanel).show(self.review_queue, item, self._done_line() if self.review_queue.done else "")
        quote = item.key[1] if item and item.kind == "quote" and item.key[1] in self.article.quote_by_id else None
        fact = item.key[1] if item and item.kind == "fact" and item.key[1] in self.article.fact_by_id else None
        self.set_reactive(ReadingScreen.marked_quote, quote)
        self.set_reactive(ReadingScreen.marked_fact, fact)
        anchor = item.anchor if item else None
        if move and anchor is not None and anchor.scene in self.article.scene_by_id:
            self.go_to(SceneTarget(anchor.scene, Span(anchor.paragraph, anchor.start, anchor.end)))
        elif move and item is not None and item.kind == "scene" and item.key[1] in self.article.scene_by_id:
            self.go_to(SceneTarget(item.key[1]))
        self.refresh_text()

    def _done_line(self) -> str:
        """The done state, with what `reader check --strict` would still find (a TODO without a review map)."""
        left = unfinished(self.session.render(), str(self.session.path))
        if not left:
            return DONE
        return f"nothing left to review, but reader check --strict still finds {len(left)}: {left[0].message}"

    def action_review_step(self, delta: int) -> None:
        """n / N: the next or previous search hit while searching, else the next or previous guess."""
        if self.hits:
            self.go_to_hit((self.hit_index + delta) % len(self.hits))
            return
        item = self.review_queue.step(self.current, delta)
        if item is None:
            self.show_item(None)
            self.notify(self._done_line(), timeout=4, markup=False)
            return
        self.show_item(item)

    @on(ReviewStep)
    def review_clicked(self, event: ReviewStep) -> None:
        """A click on the review panel: the next guess."""
        self.action_review_step(event.delta)

    # -- targets of the keys ---------------------------------------------------------------
    def _quote(self) -> str | None:
        """The quote a key acts on: the marked one (the guess under review, or chosen in the panel)."""
        return self.marked_quote if self.marked_quote in self.article.quote_by_id else None

    def _fact(self) -> str | None:
        """The fact a key acts on: the marked one."""
        return self.marked_fact if self.marked_fact in self.article.fact_by_id else None

    def _scene(self) -> str | None:
        """The scene a key acts on: the guess's when it is on screen, else the first of the focused column."""
        shown = [s.id for s in self.current_step.scenes] if self.article.steps else []
        item = self.review_item
        if item is not None and item.kind == "scene" and item.key[1] in shown:
            return item.key[1]
        if item is not None and item.anchor is not None and item.anchor.scene in shown:
            return item.anchor.scene
        narrative = self.focused_narrative()
        for scene_id in shown:
            if self.article.scene_by_id[scene_id].narrative == narrative:
                return scene_id
        return shown[0] if shown else None

    def _need(self, what: str) -> None:
        """Say what a key needs first."""
        self.notify(f"Nothing to {what} here: step to one with n, or choose one in a panel.", timeout=3, markup=False)

    # -- applying fixes ------------------------------------------------------------------
    def apply_edit(self, edit: Callable[[], str]) -> bool:
        """Run one edit on the session; show the refusal, or rebuild the view from the new article."""
        try:
            label = edit()
        except EditRefused as exc:
            self.notify(str(exc), title="Refused", severity="error", timeout=6, markup=False)
            return False
        self.rebuild()
        self.notify(label, timeout=2, markup=False)
        return True

    def apply_edits(self, label: str, *edits: Callable[[], object]) -> bool:
        """Run edits that make one fix (a new storyline, then the scene in it); a refusal undoes the ones done."""
        done = 0
        try:
            for edit in edits:
                edit()
                done += 1
        except EditRefused as exc:
            for _ in range(done):
                self.session.undo()
            self.notify(str(exc), title="Refused", severity="error", timeout=6, markup=False)
            if done:
                self.rebuild()
            return False
        self.rebuild()
        self.notify(label, timeout=2, markup=False)
        return True

    def rebuild(self, keep: ItemKey | None = None) -> None:
        """Draw the session's article anew, on the same scene, with the next guess current."""
        before = [item.key for item in self.review_queue.items]
        index = before.index(self.current) if self.current in before else 0
        scene = self._scene()
        same = self.session.article == self.article  # only reviews resolved: nothing drawn changed
        self.article = self.session.article
        self.review_queue = self.session.queue
        items = self.review_queue.items
        wanted = keep or self.current
        item = self.review_queue.get(wanted) if wanted else None
        if item is None and items:
            item = items[min(index, len(items) - 1)]
        if same:
            self.show_item(item, move=item is not None and item.anchor is not None and item.anchor.scene not in self._shown())
            return
        self._search_index = None
        self.set_reactive(ReadingScreen.hits, ())
        self.set_reactive(ReadingScreen.hit_index, -1)
        self.positions = {n.id: 0 for n in self.article.narratives}
        self.set_reactive(ReadingScreen.linked, True)
        if self.active_narrative >= len(self.article.narratives):
            self.set_reactive(ReadingScreen.active_narrative, 0)
        step = self.article.step_of_scene.get(scene, self.step) if scene else self.step
        self.set_reactive(ReadingScreen.step, nav.clamp(self.article, step))
        self.call_next(self._recompose_and_show, item)

    async def _recompose_and_show(self, item: ReviewItem | None) -> None:
        """Recompose the view for the new article, then show the guess."""
        await self.recompose()
        self.apply_measure()
        self.watch_active_narrative(self.active_narrative)
        self.refresh_view()
        self.show_item(item, move=item is not None and item.anchor is not None and item.anchor.scene not in self._shown())

    def _shown(self) -> set[str]:
        """The scenes of the current beat."""
        return {s.id for s in self.current_step.scenes} if self.article.steps else set()

    # -- the fixes ---------------------------------------------------------------------------
    def action_accept(self) -> None:
        """Accept the guess under review: it stays as it is, its review is resolved."""
        item = self.review_item
        if item is None:
            self._need("accept")
            return
        self.apply_edit(lambda: self.session.accept(item.key))

    def action_set_speaker(self) -> None:
        """Change the marked quote's speaker: pick one of the article's, or make a new one."""
        from ..dialogs.editing import Choice

        quote_id = self._quote()
        if quote_id is None:
            self._need("give a speaker")
            return
        quote = self.article.quote_by_id[quote_id]
        options = [(s.id, f"{s.name}, {s.role}") for s in self.article.speakers] + [(NEW_SPEAKER, "New speaker…")]

        def chosen(speaker: str | None) -> None:
            if speaker == NEW_SPEAKER:
                self._new_speaker(quote_id)
            elif speaker is not None:
                self.apply_edit(lambda: self.session.set_speaker(quote_id, speaker))

        self.app.push_screen(Choice(f"Who says “{_short(quote.text)}”?", options, quote.speaker), chosen)

    def _new_speaker(self, quote_id: str) -> None:
        """Ask for a new speaker's name, role and anonymity, and give them the quote."""
        from ..dialogs.editing import Field, Form, FormResult

        def filled(result: FormResult | None) -> None:
            if result is None:
                return
            name, role = str(result["name"]), str(result["role"])
            if not name:
                self.notify("A new speaker needs a name.", severity="error", timeout=4)
                return
            speaker = NewSpeaker(name, role, bool(result["anonymous"]))
            self.apply_edit(lambda: self.session.set_speaker(quote_id, speaker))

        fields = [Field("name", "Name"), Field("role", "Role (who they are)"), Field("anonymous", "Anonymous in the text", False)]
        self.app.push_screen(Form("New speaker", fields), filled)

    def action_delete(self) -> None:
        """Delete the marked quote (a false one) or fact, else the speaker, storyline or beat under review (one nothing uses)."""
        quote_id, fact_id = self._quote(), self._fact()
        if quote_id is not None:
            self.apply_edit(lambda: self.session.delete_quote(quote_id))
        elif fact_id is not None:
            self.apply_edit(lambda: self.session.delete_fact(fact_id))
        elif self.review_item is not None and self.review_item.kind in ("speaker", "storyline", "beat"):
            kind, ident = self.review_item.kind, self.review_item.key[1]
            delete = {"speaker": self.session.delete_speaker, "storyline": self.session.delete_narrative, "beat": self.session.delete_beat}[kind]
            self.apply_edit(lambda: delete(ident))
        else:
            self._need("delete")

    def action_move_scene(self) -> None:
        """Move the scene to another storyline, or to the context."""
        from ..dialogs.editing import Choice

        scene_id = self._scene()
        if scene_id is None:
            self._need("move")
            return
        scene = self.article.scene_by_id[scene_id]
        options = [(n.id, f"storyline: {n.title}") for n in self.article.narratives]
        options += [(CONTEXT, "context (across the width)"), (NEW, "New storyline…")]

        def chosen(where: str | None) -> None:
            if where == NEW:
                self._new_storyline(scene_id)
            elif where is not None:
                self.apply_edit(lambda: self.session.move_scene(scene_id, None if where == CONTEXT else where))

        self.app.push_screen(Choice(f"Move scene {scene_id} “{_short(scene.title)}” to", options, scene.narrative or CONTEXT), chosen)

    def _new_storyline(self, scene_id: str) -> None:
        """Ask for a new storyline's title and summary, make it, and put the scene in it."""
        from ..dialogs.editing import Field, Form, FormResult

        def filled(result: FormResult | None) -> None:
            if result is None:
                return
            title, summary = str(result["title"]), str(result["summary"])
            made: list[str] = []
            self.apply_edits(
                f"new storyline “{title}” with scene {scene_id}",
                lambda: made.append(self.session.add_narrative(title, summary)),
                lambda: self.session.move_scene(scene_id, made[0]),
            )

        self.app.push_screen(Form("New storyline", [Field("title", "Title"), Field("summary", "Summary: what it follows, in a line")]), filled)

    def action_set_beat(self) -> None:
        """Give the scene another beat."""
        from ..dialogs.editing import Choice

        scene_id = self._scene()
        if scene_id is None:
            self._need("give a beat")
            return
        scene = self.article.scene_by_id[scene_id]
        options = [(b.id, b.title) for b in self.article.beats] + [(NO_BEAT, "no beat"), (NEW, "New beat…")]

        def chosen(beat: str | None) -> None:
            if beat == NEW:
                self._new_beat(scene_id)
            elif beat is not None:
                self.apply_edit(lambda: self.session.set_beat(scene_id, None if beat == NO_BEAT else beat))

        self.app.push_screen(Choice(f"Beat of scene {scene_id} “{_short(scene.title)}”", options, scene.beat or NO_BEAT), chosen)

    def _new_beat(self, scene_id: str) -> None:
        """Ask for a new beat's title, make it (after the scene's beat), and give it to the scene."""
        from ..dialogs.editing import Field, Form, FormResult

        beats = [b.id for b in self.article.beats]
        current = self.article.scene_by_id[scene_id].beat
        at = beats.index(current) + 1 if current in beats else None

        def filled(result: FormResult | None) -> None:
            if result is None:
                return
            title = str(result["title"])
            made: list[str] = []
            self.apply_edits(
                f"new beat “{title}” for scene {scene_id}",
                lambda: made.append(self.session.add_beat(title, index=at)),
                lambda: self.session.set_beat(scene_id, made[0]),
            )

        self.app.push_screen(Form("New beat", [Field("title", "Title")]), filled)

    def action_move_beat(self, delta: int) -> None:
        """Move the scene's beat one place earlier or later in the order (the steps follow)."""
        scene_id = self._scene()
        beat = self.article.scene_by_id[scene_id].beat if scene_id else None
        if beat is None:
            self._need("reorder (a scene with a beat)")
            return
        index = [b.id for b in self.article.beats].index(beat) + delta
        if not 0 <= index < len(self.article.beats):
            self.notify(f"Beat {beat} is {'first' if delta < 0 else 'last'} already.", timeout=2, markup=False)
            return
        self.apply_edit(lambda: self.session.move_beat(beat, index))

    def action_merge(self) -> None:
        """Merge the scene with the one after it."""
        scene_id = self._scene()
        if scene_id is None:
            self._need("merge")
            return
        self.apply_edit(lambda: self.session.merge_with_next(scene_id))

    def action_split(self) -> None:
        """Split the scene before a paragraph chosen from a list."""
        from ..dialogs.editing import Choice

        scene_id = self._scene()
        if scene_id is None:
            self._need("split")
            return
        scene = self.article.scene_by_id[scene_id]
        if len(scene.paragraphs) < 2:
            self.notify(f"Scene {scene_id} has one paragraph: nothing to split.", timeout=3, markup=False)
            return
        options = [(str(i), f"¶{i + 1} {_short(p, 60)}") for i, p in enumerate(scene.paragraphs) if i]
        current = self.review_item.anchor.paragraph if self.review_item and self.review_item.anchor and self.review_item.anchor.scene == scene_id else None

        def chosen(at: str | None) -> None:
            if at is not None:
                self.apply_edit(lambda: self.session.split_scene(scene_id, int(at)))

        self.app.push_screen(Choice(f"Split scene {scene_id} before", options, str(current) if current else None), chosen)

    def action_edit_fact(self) -> None:
        """Edit the marked fact: label, value, category, attribution."""
        from ..dialogs.editing import Field, Form, FormResult

        fact_id = self._fact()
        if fact_id is None:
            self._need("edit a fact")
            return
        fact = self.article.fact_by_id[fact_id]
        raw = next((f for f in self.session.data.get("facts") or () if isinstance(f, dict) and f.get("id") == fact_id), {})

        def filled(result: FormResult | None) -> None:
            if result is not None:
                # the attribution only when it changed: an article model without one takes the rest
                who = str(result["according_to"])
                self.apply_edit(lambda: self.session.edit_fact(
                    fact_id, label=str(result["label"]), value=str(result["value"]),
                    category=str(result["category"]), according_to=who if who != str(raw.get("according_to") or "") else None,
                ))

        fields = [
            Field("label", "Label", fact.label), Field("value", "Value", fact.value), Field("category", "Category", fact.category),
            Field("according_to", "According to (a speaker id; empty for none)", str(raw.get("according_to") or "")),
        ]
        self.app.push_screen(Form(f"Fact {fact_id}", fields), filled)

    def action_rename(self) -> None:
        """Rename what is under review (a storyline, beat, speaker, the article), else choose: the scene, its storyline or beat."""
        from ..dialogs.editing import Choice

        item = self.review_item
        if item is not None and item.kind in ("storyline", "beat", "speaker", "article"):
            self._rename(item.kind, item.key[1])
            return
        scene_id = self._scene()
        if scene_id is None:
            self._need("rename")
            return
        scene = self.article.scene_by_id[scene_id]
        options = [(f"scene:{scene_id}", f"scene: {scene.title}")]
        if scene.narrative:
            options.append((f"storyline:{scene.narrative}", f"storyline: {self.article.narrative_by_id[scene.narrative].title}"))
        if scene.beat:
            beat = next((b for b in self.article.beats if b.id == scene.beat), None)
            options.append((f"beat:{scene.beat}", f"beat: {beat.title if beat else scene.beat}"))

        def chosen(what: str | None) -> None:
            if what is not None:
                kind, _, ident = what.partition(":")
                self._rename(kind, ident)

        self.app.push_screen(Choice("Rename", options), chosen)

    def _rename(self, kind: str, ident: str) -> None:
        """Ask for the new title (and summary, name, role ...) of a record, and apply it."""
        from ..dialogs.editing import Field, Form, FormResult

        article = self.article
        fields: list[Field]
        edit: Callable[[FormResult], str]
        if kind == "storyline":
            narrative = article.narrative_by_id[ident]
            fields = [Field("title", "Title", narrative.title), Field("summary", "Summary", narrative.summary)]

            def edit(r: FormResult) -> str:
                return self.session.edit_narrative(ident, title=str(r["title"]), summary=str(r["summary"]))
        elif kind == "beat":
            beat = next(b for b in article.beats if b.id == ident)
            fields = [Field("title", "Title", beat.title)]

            def edit(r: FormResult) -> str:
                return self.session.edit_beat(ident, title=str(r["title"]))
        elif kind == "speaker":
            speaker = article.speaker_by_id[ident]
            fields = [Field("name", "Name", speaker.name), Field("role", "Role", speaker.role), Field("anonymous", "Anonymous in the text", speaker.anonymous)]

            def edit(r: FormResult) -> str:
                return self.session.edit_speaker(ident, name=str(r["name"]), role=str(r["role"]), anonymous=bool(r["anonymous"]))
        elif kind == "article":
            meta = article.meta
            fields = [
                Field("title", "Title", meta.title), Field("source", "Source (publisher)", meta.source),
                Field("date", "Date (YYYY-MM-DD)", str(meta.date)),
            ]

            def edit(r: FormResult) -> str:
                return self.session.edit_article(title=str(r["title"]), source=str(r["source"]), date=str(r["date"]))
        else:
            fields = [Field("title", "Title", article.scene_by_id[ident].title)]

            def edit(r: FormResult) -> str:
                return self.session.set_scene_title(ident, str(r["title"]))

        def filled(result: FormResult | None) -> None:
            if result is not None:
                self.apply_edit(lambda: edit(result))

        self.app.push_screen(Form(f"Rename {kind} {ident}" if kind != "article" else "The article", fields), filled)

    def action_restore(self) -> None:
        """Restore the dropped paragraph under review (the importer's boilerplate rule was wrong)."""
        item = self.review_item
        if item is None or item.kind != "dropped":
            self._need("restore (a dropped paragraph)")
            return
        self.apply_edit(lambda: self.session.restore_dropped(item.text))

    # -- from the words found with / -------------------------------------------------------------
    def _hit(self, what: str) -> tuple[str, int, int, int] | None:
        """The current search hit's span, the selection for a new quote or fact; says how to make one when there is none."""
        if 0 <= self.hit_index < len(self.hits):
            hit = self.hits[self.hit_index]
            return hit.scene, hit.paragraph, hit.start, hit.end
        self.notify(f"Find the words first: / then type them, Enter; then {what}.", timeout=4, markup=False)
        return None

    def action_add_quote(self) -> None:
        """Add a missed quotation: the words of the current search hit, by a speaker picked (or new)."""
        from ..dialogs.editing import Choice, Field, Form, FormResult

        span = self._hit("Q adds them as a quotation")
        if span is None:
            return
        options = [(s.id, f"{s.name}, {s.role}") for s in self.article.speakers] + [(NEW_SPEAKER, "New speaker…")]

        def add(speaker: str | NewSpeaker) -> None:
            self.apply_edit(lambda: self.session.add_quote(*span, speaker))

        def filled(result: FormResult | None) -> None:
            if result is not None and str(result["name"]):
                add(NewSpeaker(str(result["name"]), str(result["role"]), bool(result["anonymous"])))

        def chosen(speaker: str | None) -> None:
            if speaker == NEW_SPEAKER:
                fields = [Field("name", "Name"), Field("role", "Role (who they are)"), Field("anonymous", "Anonymous in the text", False)]
                self.app.push_screen(Form("New speaker", fields), filled)
            elif speaker is not None:
                add(speaker)

        para = self.article.scene_by_id[span[0]].paragraphs[span[1]]
        self.app.push_screen(Choice(f"Who says “{_short(para[span[2]:span[3]])}”?", options), chosen)

    def action_add_fact(self) -> None:
        """Add a fact resting on the words of the current search hit."""
        from ..dialogs.editing import Field, Form, FormResult

        span = self._hit("I adds a fact resting on them")
        if span is None:
            return

        def filled(result: FormResult | None) -> None:
            if result is not None:
                self.apply_edit(lambda: self.session.add_fact(
                    *span, label=str(result["label"]), value=str(result["value"]), category=str(result["category"]),
                ))

        words = self.article.scene_by_id[span[0]].paragraphs[span[1]][span[2]:span[3]]
        fields = [Field("label", "Label"), Field("value", "Value", words), Field("category", "Category (people, places, time, numbers …)")]
        self.app.push_screen(Form(f"New fact on “{_short(words)}”", fields), filled)

    def action_reanchor_fact(self) -> None:
        """Make the marked fact rest on the words of the current search hit."""
        fact_id = self._fact() or (self.review_item.key[1] if self.review_item and self.review_item.kind == "fact" else None)
        if fact_id is None:
            self._need("re-anchor (a fact)")
            return
        span = self._hit(f"P re-anchors fact {fact_id} on them")
        if span is not None:
            self.apply_edit(lambda: self.session.reanchor_fact(fact_id, *span))

    # -- history, saving, leaving ---------------------------------------------------------------
    def action_undo(self) -> None:
        """Undo the last fix."""
        label = self.session.undo()
        if label is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self.rebuild()
        self.notify(f"Undone: {label}", timeout=2, markup=False)

    def action_redo(self) -> None:
        """Redo the last undone fix."""
        label = self.session.redo()
        if label is None:
            self.notify("Nothing to redo.", timeout=2)
            return
        self.rebuild()
        self.notify(f"Redone: {label}", timeout=2, markup=False)

    def action_save(self) -> bool:
        """Save the file (atomically, keeping a .bak); a conflict or an error is said, the file kept."""
        try:
            path = self.session.save()
        except SaveConflict as exc:
            self.notify(f"{exc}\nReload with E (your edits are lost) or save under another name by hand.", title="Not saved: the file changed on disk",
                        severity="error", timeout=10, markup=False)
            return False
        except SaveError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
            return False
        self.saved = True
        self.notify(f"Saved {path}", timeout=3, markup=False)
        return True

    def action_leave(self) -> None:
        """q: leave the editor, asking first when there are unsaved edits."""
        self.confirm_leave(self.leave_editor)

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Run `then` at once when all is saved; else ask: save and go, go without saving, or stay."""
        from ..dialogs.editing import Confirm

        if not self.session.dirty:
            then()
            return

        def answered(answer: bool | None) -> None:
            if answer is None or (answer and not self.action_save()):
                return
            then()

        self.app.push_screen(Confirm("There are unsaved edits. Save them before leaving?"), answered)

    def leave_editor(self) -> None:
        """Go back to the reading screen this was opened from (with the saved article), else quit."""
        if self.back is None:
            self.app.exit()
            return
        self.app.pop_screen()
        self.back(self.session.article if self.saved and not self.session.dirty else None)

    def action_edit(self) -> None:
        """e while editing: say so."""
        self.notify("Editing already: q goes back to reading.", timeout=2)

    def action_external_editor(self) -> None:
        """E: open $EDITOR at the current record; then reload and check the file (an invalid one is reported, this state kept)."""
        if self.session.dirty:
            self.notify("Save first (ctrl+s), or undo: $EDITOR edits the file on disk.", severity="warning", timeout=5)
            return
        section, ident = self._record()
        line = self.session.line_of(section, ident)
        try:
            run_editor(self, editor_command(str(self.session.path), line))
        except Exception as exc:  # no terminal to suspend (the web), no such editor: say so, keep going
            self.notify(f"Could not open the editor: {exc}", severity="error", timeout=6, markup=False)
            return
        try:
            session = EditSession(self.session.path)
        except ContentError as exc:
            first = exc.problems[0]
            more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
            self.notify(f"{first}{more}\nThe file does not check; the editor keeps the version before. Fix it with E.",
                        title="Not reloaded", severity="error", timeout=10, markup=False)
            return
        self.session = session
        self.rebuild()
        self.notify("Reloaded and checked.", timeout=2)

    def _record(self) -> tuple[str, str | None]:
        """The record the editor opens at: the guess under review, else the marked quote or fact, else the scene."""
        item = self.review_item
        if item is not None and item.key[0] != "review":
            return item.key
        if self._quote():
            return "quotes", self._quote()
        if self._fact():
            return "facts", self._fact()
        if item is not None:
            return "review", None
        scene = self._scene()
        return ("scenes", scene) if scene else ("article", None)


def _short(text: str, width: int = 40) -> str:
    """Text cut to width on one line."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
