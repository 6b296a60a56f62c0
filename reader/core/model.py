"""The content model: an article split into scenes, as frozen records (reader.core.record).

This module never imports Textual, so the CLI paths (check, export) stay fast.
"""

from __future__ import annotations

from functools import cached_property

from .record import Record, setfield

TYPE_CHECKING = False  # typing's own flag without importing typing: check and export are timed
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import TypeVar

    _T = TypeVar("_T")


class ArticleMeta(Record):
    """Who published the article, when, and which seed text it was made from."""

    __slots__ = ("id", "title", "source", "date", "seed", "title_by", "publisher", "url", "authors")
    id: str
    title: str
    source: str
    date: str
    seed: str | None
    title_by: str
    publisher: str
    url: str
    #: the people the byline names (or the agency, when a byline names only one)
    authors: tuple[str, ...]

    def __init__(
        self,
        id: str,  # noqa: A002 - the field is called id
        title: str,
        source: str,
        date: str,
        seed: str | None = None,
        title_by: str = "publisher",
        publisher: str = "",
        url: str = "",
        authors: tuple[str, ...] = (),
    ) -> None:
        setfield(self, "id", id)
        setfield(self, "title", title)
        setfield(self, "source", source)
        setfield(self, "date", date)
        setfield(self, "seed", seed)
        setfield(self, "title_by", title_by)
        setfield(self, "publisher", publisher)
        setfield(self, "url", url)
        setfield(self, "authors", authors)

    @property
    def credit(self) -> str:
        """Publisher, date and byline on one line, as a title bar shows them."""
        byline = f"by {self.byline}" if self.authors else ""
        return " · ".join(part for part in (self.source, self.date, byline) if part)

    @property
    def byline(self) -> str:
        """The people the byline names, as one would write them: "A", "A and B", "A, B and C"."""
        names = list(self.authors)
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def citation(self) -> str:
        """The article as one would cite it: byline, “title”, source, date, and its address if it has one."""
        parts = [self.byline, f"“{self.title}”", self.source or self.publisher, self.date]
        cited = ", ".join(part for part in parts if part)
        return f"{cited}. {self.url}" if self.url else f"{cited}."


class Speaker(Record):
    """A person whose words are quoted, named or anonymous."""

    __slots__ = ("id", "name", "role", "anonymous")
    id: str
    name: str
    role: str
    anonymous: bool

    def __init__(self, id: str, name: str, role: str, anonymous: bool = False) -> None:  # noqa: A002 - the field is called id
        setfield(self, "id", id)
        setfield(self, "name", name)
        setfield(self, "role", role)
        setfield(self, "anonymous", anonymous)

    @property
    def in_sentence(self) -> str:
        """The name as it reads inside a sentence: an unnamed person's "The …" becomes "the …"."""
        first, _, rest = self.name.partition(" ")
        if self.anonymous and rest and first in ("The", "A", "An"):
            return f"{first.lower()} {rest}"
        return self.name


class Narrative(Record):
    """One of the parallel storylines of an article."""

    __slots__ = ("id", "title", "summary")
    id: str
    title: str
    summary: str

    def __init__(self, id: str, title: str, summary: str) -> None:  # noqa: A002 - the field is called id
        setfield(self, "id", id)
        setfield(self, "title", title)
        setfield(self, "summary", summary)


class Beat(Record):
    """A step of the story that the narratives share, so they can be aligned."""

    __slots__ = ("id", "title")
    id: str
    title: str

    def __init__(self, id: str, title: str) -> None:  # noqa: A002 - the field is called id
        setfield(self, "id", id)
        setfield(self, "title", title)


class Figure(Record):
    """An image caption with its credit; `after` counts the scene paragraphs before it."""

    __slots__ = ("caption", "credit", "after")
    caption: str
    credit: str
    after: int

    def __init__(self, caption: str, credit: str, after: int) -> None:
        setfield(self, "caption", caption)
        setfield(self, "credit", credit)
        setfield(self, "after", after)

    @property
    def text(self) -> str:
        """The caption with its credit in brackets, as one line: what is shown and searched."""
        return f"{self.caption} ({self.credit})" if self.credit else self.caption


class SceneTime(Record):
    """When a scene happens, in the text's words; `at` is a clock time (HH:MM) where one is given."""

    __slots__ = ("label", "source", "at")
    label: str
    source: str
    at: str | None

    def __init__(self, label: str, source: str, at: str | None = None) -> None:
        setfield(self, "label", label)
        setfield(self, "source", source)
        setfield(self, "at", at)

    @property
    def minutes(self) -> int | None:
        """Minutes after midnight, for placing the scene on a time axis."""
        if self.at is None:
            return None
        hours, minutes = self.at.split(":")
        return int(hours) * 60 + int(minutes)


class Scene(Record):
    """A run of verbatim paragraphs that belongs to one narrative (or to the context) and one beat."""

    __slots__ = ("id", "narrative", "beat", "title", "paragraphs", "figures", "time")
    id: str
    narrative: str | None
    beat: str | None
    title: str
    paragraphs: tuple[str, ...]
    figures: tuple[Figure, ...]
    time: SceneTime | None

    def __init__(
        self,
        id: str,  # noqa: A002 - the field is called id
        narrative: str | None,
        beat: str | None,
        title: str,
        paragraphs: tuple[str, ...],
        figures: tuple[Figure, ...] = (),
        time: SceneTime | None = None,
    ) -> None:
        setfield(self, "id", id)
        setfield(self, "narrative", narrative)
        setfield(self, "beat", beat)
        setfield(self, "title", title)
        setfield(self, "paragraphs", paragraphs)
        setfield(self, "figures", figures)
        setfield(self, "time", time)

    @property
    def is_context(self) -> bool:
        """True when the scene belongs to no single storyline."""
        return self.narrative is None


class Quote(Record):
    """Words of a speaker, verbatim as they stand in one paragraph of a scene."""

    __slots__ = ("id", "scene", "speaker", "text", "within")
    id: str
    scene: str
    speaker: str
    text: str
    #: the id of the quote this one is nested in (words quoted inside another quote), if any
    within: str | None

    def __init__(self, id: str, scene: str, speaker: str, text: str, within: str | None = None) -> None:  # noqa: A002 - the field is called id
        setfield(self, "id", id)
        setfield(self, "scene", scene)
        setfield(self, "speaker", speaker)
        setfield(self, "text", text)
        setfield(self, "within", within)


class Fact(Record):
    """A hard fact with the verbatim span of the scene it rests on, and who the text says claims it."""

    __slots__ = ("id", "label", "value", "category", "scene", "source", "according_to")
    id: str
    label: str
    value: str
    category: str
    scene: str
    source: str
    #: a speaker id, or the text's own words for the source ("one of the soldiers, via the SBU")
    according_to: str | None

    def __init__(self, id: str, label: str, value: str, category: str, scene: str, source: str, according_to: str | None = None) -> None:  # noqa: A002 - the field is called id
        setfield(self, "id", id)
        setfield(self, "label", label)
        setfield(self, "value", value)
        setfield(self, "category", category)
        setfield(self, "scene", scene)
        setfield(self, "source", source)
        setfield(self, "according_to", according_to)


class Span(Record):
    """Where a piece of text stands: paragraph index within a scene, start and end offsets."""

    __slots__ = ("paragraph", "start", "end")
    paragraph: int
    start: int
    end: int

    def __init__(self, paragraph: int, start: int, end: int) -> None:
        setfield(self, "paragraph", paragraph)
        setfield(self, "start", start)
        setfield(self, "end", end)


class Article(Record):
    """A whole article; the indexes below are built once, on first use."""

    # __dict__ holds the indexes below (cached_property)
    __slots__ = ("meta", "speakers", "narratives", "beats", "scenes", "quotes", "facts", "path", "__dict__")
    #: where the file was read from is not part of the article: two loads of one text are equal
    _compared = ("meta", "speakers", "narratives", "beats", "scenes", "quotes", "facts")
    meta: ArticleMeta
    speakers: tuple[Speaker, ...]
    narratives: tuple[Narrative, ...]
    beats: tuple[Beat, ...]
    scenes: tuple[Scene, ...]
    quotes: tuple[Quote, ...]
    facts: tuple[Fact, ...]
    path: str | None

    def __init__(
        self,
        meta: ArticleMeta,
        speakers: tuple[Speaker, ...],
        narratives: tuple[Narrative, ...],
        beats: tuple[Beat, ...],
        scenes: tuple[Scene, ...],
        quotes: tuple[Quote, ...] = (),
        facts: tuple[Fact, ...] = (),
        path: str | None = None,
    ) -> None:
        setfield(self, "meta", meta)
        setfield(self, "speakers", speakers)
        setfield(self, "narratives", narratives)
        setfield(self, "beats", beats)
        setfield(self, "scenes", scenes)
        setfield(self, "quotes", quotes)
        setfield(self, "facts", facts)
        setfield(self, "path", path)

    @cached_property
    def speaker_by_id(self) -> dict[str, Speaker]:
        """Speakers by id."""
        return {s.id: s for s in self.speakers}

    def according_to(self, fact: Fact) -> str:
        """Who the text says makes a fact's claim, in words: a speaker's name, else the text's own words."""
        if not fact.according_to:
            return ""
        speaker = self.speaker_by_id.get(fact.according_to)
        return speaker.in_sentence if speaker else fact.according_to

    def find_speakers(self, who: str) -> tuple[Speaker, ...]:
        """Speakers named by an id, else by a case-insensitive part of their name."""
        if who in self.speaker_by_id:
            return (self.speaker_by_id[who],)
        needle = who.casefold().strip()
        if not needle:
            return ()
        return tuple(s for s in self.speakers if needle in s.name.casefold())

    @cached_property
    def narrative_by_id(self) -> dict[str, Narrative]:
        """Narratives by id."""
        return {n.id: n for n in self.narratives}

    @cached_property
    def beat_by_id(self) -> dict[str, Beat]:
        """Beats by id."""
        return {b.id: b for b in self.beats}

    @cached_property
    def scene_by_id(self) -> dict[str, Scene]:
        """Scenes by id."""
        return {s.id: s for s in self.scenes}

    @cached_property
    def scene_index(self) -> dict[str, int]:
        """Article-order position of each scene."""
        return {s.id: i for i, s in enumerate(self.scenes)}

    @cached_property
    def quote_by_id(self) -> dict[str, Quote]:
        """Quotes by id."""
        return {q.id: q for q in self.quotes}

    @cached_property
    def fact_by_id(self) -> dict[str, Fact]:
        """Facts by id."""
        return {f.id: f for f in self.facts}

    @cached_property
    def quotes_by_scene(self) -> dict[str, tuple[Quote, ...]]:
        """Quotes grouped by their scene, in list order."""
        return _group(self.quotes, lambda q: q.scene)

    @cached_property
    def nested_in(self) -> dict[str, tuple[Quote, ...]]:
        """The quotes nested in each quote (`within`), by the outer quote's id."""
        return _group((q for q in self.quotes if q.within), lambda q: q.within or "")

    def listed_once(self, quotes: Iterable[Quote]) -> tuple[Quote, ...]:
        """Quotes to list, each words once: one nested in another quote of the same list shows inside it."""
        quotes = tuple(quotes)
        ids = {q.id for q in quotes}
        return tuple(q for q in quotes if q.within not in ids)

    def quoting(self, quote: Quote) -> tuple[Speaker, ...]:
        """Other speakers whose words stand nested inside a quote (a soldier quoting his captive)."""
        seen = {quote.speaker}
        out = []
        for inner in self.nested_in.get(quote.id, ()):
            if inner.speaker not in seen:
                seen.add(inner.speaker)
                out.append(self.speaker_by_id[inner.speaker])
        return tuple(out)

    @cached_property
    def quotes_in_reading_order(self) -> tuple[Quote, ...]:
        """The quotes as a reader meets them: by step, scene within the step, then place in the scene."""
        where = {scene.id: (i, j) for i, step in enumerate(self.steps) for j, scene in enumerate(step.scenes)}
        spans = self.quote_spans
        unplaced = (len(self.steps), 0)

        def place(item: tuple[int, Quote]) -> tuple[int, int, int, int, int]:
            index, quote = item
            step, within = where.get(quote.scene, unplaced)
            span = spans.get(quote.id)
            # a quote the text does not hold (it never loads so) keeps its list place at its scene's end
            return (step, within, span.paragraph if span else 1 << 30, span.start if span else 0, index)

        return tuple(q for _, q in sorted(enumerate(self.quotes), key=place))

    @cached_property
    def reading_rank(self) -> dict[str, int]:
        """Each quote's place in reading order, to sort a few quotes without sorting them all."""
        return {q.id: i for i, q in enumerate(self.quotes_in_reading_order)}

    @cached_property
    def quotes_by_speaker(self) -> dict[str, tuple[Quote, ...]]:
        """Quotes grouped by their speaker, in list order."""
        return _group(self.quotes, lambda q: q.speaker)

    @cached_property
    def facts_by_scene(self) -> dict[str, tuple[Fact, ...]]:
        """Facts grouped by their scene, in list order."""
        return _group(self.facts, lambda f: f.scene)

    @cached_property
    def quote_spans(self) -> dict[str, Span]:
        """Where each quote stands in its scene (its first occurrence)."""
        return {q.id: span for q in self.quotes if (span := locate(self.scene_by_id.get(q.scene), q.text))}

    @cached_property
    def fact_spans(self) -> dict[str, Span]:
        """Where each fact's source span stands in its scene (its first occurrence)."""
        return {f.id: span for f in self.facts if (span := locate(self.scene_by_id.get(f.scene), f.source))}

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        """The reading steps: one per beat in beat order, then one per scene without a beat.

        A beat with no scene at all is skipped, so stepping never shows an empty page.
        """
        by_beat: dict[str, list[Scene]] = {}
        loose: list[Scene] = []
        for scene in self.scenes:
            if scene.beat is None:
                loose.append(scene)
            else:
                by_beat.setdefault(scene.beat, []).append(scene)
        steps = [Step(beat, tuple(by_beat[beat.id])) for beat in self.beats if beat.id in by_beat]
        steps.extend(Step(None, (scene,)) for scene in loose)
        return tuple(steps)

    @cached_property
    def step_by_key(self) -> dict[str, int]:
        """Steps by their stable key (see Step.key), for saved positions and bookmarks."""
        return {step.key: i for i, step in enumerate(self.steps)}

    @cached_property
    def narrative_scene_order(self) -> dict[str, int]:
        """Each narrative scene's position among its narrative's scenes (from 0)."""
        counts: dict[str, int] = {}
        order: dict[str, int] = {}
        for scene in self.scenes:
            if scene.narrative is not None:
                order[scene.id] = counts.get(scene.narrative, 0)
                counts[scene.narrative] = order[scene.id] + 1
        return order

    @cached_property
    def narrative_scene_count(self) -> dict[str, int]:
        """How many scenes each narrative has."""
        counts: dict[str, int] = {}
        for scene in self.scenes:
            if scene.narrative is not None:
                counts[scene.narrative] = counts.get(scene.narrative, 0) + 1
        return counts

    def citation(self, quote_id: str) -> str:
        """A quote with its attribution, as one would paste it: “…” — Name, role."""
        quote = self.quote_by_id[quote_id]
        speaker = self.speaker_by_id[quote.speaker]
        return f"“{quote.text}” — {speaker.name}, {speaker.role}"

    @cached_property
    def first_step_of(self) -> dict[str, int]:
        """The first step at which each narrative has a scene."""
        first: dict[str, int] = {}
        for i, step in enumerate(self.steps):
            for scene in step.scenes:
                if scene.narrative is not None:
                    first.setdefault(scene.narrative, i)
        return first

    @cached_property
    def step_of_scene(self) -> dict[str, int]:
        """The step that shows each scene."""
        return {scene.id: i for i, step in enumerate(self.steps) for scene in step.scenes}


class Step(Record):
    """What one page of the reader shows: a beat and the scenes that belong to it."""

    __slots__ = ("beat", "scenes")
    beat: Beat | None
    scenes: tuple[Scene, ...]

    def __init__(self, beat: Beat | None, scenes: tuple[Scene, ...]) -> None:
        setfield(self, "beat", beat)
        setfield(self, "scenes", scenes)

    @property
    def key(self) -> str:
        """A stable name for the step: its beat's id, or `scene:ID` for a scene without a beat."""
        return self.beat.id if self.beat else f"scene:{self.scenes[0].id}"

    @property
    def title(self) -> str:
        """The beat's title, or the lone scene's title for a scene without a beat."""
        return self.beat.title if self.beat else self.scenes[0].title

    @property
    def context(self) -> tuple[Scene, ...]:
        """The scenes of this step that span the width (belong to no narrative)."""
        return tuple(s for s in self.scenes if s.narrative is None)

    def scenes_of(self, narrative: str) -> tuple[Scene, ...]:
        """The scenes of this step that belong to the given narrative."""
        return tuple(s for s in self.scenes if s.narrative == narrative)


def locate(scene: Scene | None, text: str) -> Span | None:
    """The first place a text stands in a scene's paragraphs, or None."""
    if scene is None or not text:
        return None
    for i, para in enumerate(scene.paragraphs):
        start = para.find(text)
        if start != -1:
            return Span(i, start, start + len(text))
    return None


def _group(items: Iterable[_T], key: Callable[[_T], str]) -> dict[str, tuple[_T, ...]]:
    """Group items into tuples by key, keeping their order."""
    out: dict[str, list[_T]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return {k: tuple(v) for k, v in out.items()}
