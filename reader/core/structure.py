"""Storylines, beats and scenes proposed from an article's text, each guess marked for review.

The pass works on an article as plain data in the loader's format (what `reader import` writes):
it reads the paragraphs in order, with the quotes' speakers, and rewrites the narratives, beats,
scenes (and the quotes' and facts' scene references) by rules a journalist would recognise:

- **Threads.** A paragraph that opens with a thread-switch cue ("Meanwhile", "On the same day",
  "Across the river", "Sixty kilometres to the west", "Back at the quarry") starts a block; after
  a lede that announces threads ("two separate missions"), so does a first sentence saying
  "another ..." / "a second ...". A block joins the storyline whose words and names it shares
  most, or starts a new one; a place opening ("At the cave,") only returns to a storyline. Then
  each paragraph goes to the storyline where the names it mentions first appeared. A story with
  one thread gets one storyline: a second is kept only when each has three paragraphs or more
  and recurring actors of its own.
- **Context.** The lede up to the announcement of the threads, and lede paragraphs that speak
  of all of them or name none of the first storyline's actors; a paragraph that names people or
  places met in two storylines; a closing passage that speaks of both ("one ... the other",
  "both") and names none of the last storyline's own people.
- **Scenes.** Inside a storyline, a scene starts where the time or the place changes (a
  paragraph opening "When ...", "Around noon", a movement: "set off", "reached"), or at a
  parallel action; never in front of a quote that continues the paragraph before. A single
  storyline also keeps the importer's own splits (a new speaker, a figure).
- **Beats.** A story told in alternation pairs its storylines' k-th passages. Otherwise the
  scenes are aligned in story order (a monotonic matching): parallel actions (a pair of words
  found once in each storyline and nowhere else: "drone spotted", "asked cigarette") weigh
  most, then shared words, then the scenes' relative place in their storyline.

Every storyline, beat and scene carries its rule and a confidence in its `review` map. The facts
of facts.py are proposed here too, so the article opens with its sidebar filled.

Like the rest of the core, this module never imports Textual.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .claims import span_words, unsupported_words
from .facts import propose_facts
from .review import review_map as _review
from .words import counted

# a paragraph opening that moves the story to another thread
_SWITCH = re.compile(
    r"^(?:Meanwhile|Elsewhere|At the same time|On the same (?:day|night|morning|afternoon)|That same (?:day|night|morning|afternoon)"
    r"|The same (?:day|night|morning|afternoon)|Across (?:town|the (?:river|valley|border|country|state|city))|Back (?:at|in|on|inside)\b"
    r"|On the other side|In a separate|In the (?:second|other|first)|In another|Miles away|Hundreds of (?:miles|kilometres|kilometers)"
    r"|(?:[\w-]+ )?(?:miles|kilometres|kilometers|km|blocks) (?:away|to the (?:north|south|east|west)|north|south|east|west|upstream|downstream)"
    r"|Farther (?:north|south|east|west)|Further (?:north|south|east|west)|Not far away|A (?:few|couple of) (?:miles|blocks|streets) away"
    r"|(?:Some|About|Roughly) \w+ (?:miles|kilometres|kilometers) (?:away|north|south|east|west))",
    re.I,
)
# a paragraph that opens on a place ("At the cave,", "On the river,"): a return to the thread set there
_PLACE_OPENING = re.compile(
    r"^(?:(?:Up|Down|Out|Over) (?:at|in|on) |(?:At|On|In|Inside|Outside|Near|Along) )(?:the )?(?:[A-Z][\w’'-]*|[a-z]+)(?: [\w’'-]+){0,2},"
)
# words of a first sentence that bring in another thread
_NEW_THREAD = re.compile(r"\b(?:another|a second|the second|a separate|a different|the other) (?!of\b|one\b)[a-z]+", re.I)
# the lede's announcement of parallel threads, and a closing that speaks of both
_ANNOUNCE = re.compile(
    r"\b(?:two|three|both)\s+(?:[a-z]+\s+){0,2}(?!(?:years|months|weeks|days|hours|minutes|seconds|times|points|percent"
    r"|people|men|women|children|dollars|miles|kilometres|kilometers|metres|meters|feet|decades)\b)[a-z]+s\b"
    r"|\b(?:separate|parallel)\s+[a-z]+s\b",
    re.I,
)
# a lede paragraph that goes on speaking of all the threads at once
_BACK_TO_ALL = re.compile(r"^(?:Their|They|Both|The two|Each|Together|Neither|All)\b")
_BOTH = re.compile(r"\bboth\b|\bthe two\b|\beach of (?:the|them)\b|\bneither\b|\bone\b[^.]{0,80}\bthe other\b", re.I)
# an opening that says when, for a beat's title
_CLOCK_OPENING = re.compile(
    r"^(?:(?:Around|At|By|Before|After|Shortly after|Just after|Just before) (?:\d[\d:.]* ?(?:a\.m\.|p\.m\.)?|noon|midnight|dawn|dusk|nightfall)"
    r"|(?:Hours|Minutes|Days|Weeks|Months) later|(?:The next|The following|That) (?:day|morning|afternoon|evening|night))"
)
# a paragraph that moves the story in time or place: a scene may start here
_TIME_OPENING = re.compile(
    r"^(?:When|As|After|Before|Once|Until|While|By the time|Eventually|Later|Earlier|Around|At (?:dawn|dusk|noon|midnight|\d)"
    r"|By (?:noon|nightfall|morning|evening|\d)|Hours|Minutes|Days|Weeks|Months|The next|The following|That (?:night|morning|afternoon|evening)"
    r"|With that|Soon|Shortly|On (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)"
    r"|In (?:January|February|March|April|May|June|July|August|September|October|November|December)|Inside|Outside)\b"
)
_MOVEMENT = re.compile(
    r"\b(?:set off|set out|advanced|headed|reached|arrived|approached|drove|walked|climbed|descended|returned|moved in|closed in"
    r"|carrying (?:\w+ ){0,3}toward|went (?:in|back|down|up))\b"
)
_QUOTE_OPEN = "“\"‘'"
_STOP = frozenset(
    """a an the of for to from in on at by with and or but as is are was were be been being it its his her their our my
    your this that these those who whom which what when where how than then so not no nor about around after before during
    over under into onto per each every all some any other another has have had do does did can could may might will would
    shall should must very also only just he she they we you i him them us me said says told tell say one two three
    there here out up down off again still even more most much many such own same like while because though although if
    first last next time day days hours later""".split()
)
_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _first_sentence(text: str) -> str:
    """The first sentence of a paragraph (up to its first full stop, or 200 characters)."""
    m = re.search(r"[.!?](?:\s|$)", text)
    return text[: m.end()] if m else text[:200]


def _stem(word: str) -> str:
    """A crude common form of a word: lowercase, no possessive, no plural s."""
    w = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _terms(text: str) -> list[str]:
    """The content words of a text in their common form, in order."""
    return [s for w in _WORD.findall(text) if (s := _stem(w)) not in _STOP and len(s) > 2]


@dataclass
class Para:
    """What the pass knows of one body paragraph."""

    index: int
    text: str
    speakers: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # capitalised names met mid-sentence, and speakers
    glued: bool = False  # continues the paragraph before (a quote that runs on): no scene starts here


def _names(text: str) -> set[str]:
    """Capitalised words that stand mid-sentence (names of people, places, units), in common form."""
    out: set[str] = set()
    for m in re.finditer(r"(?<=[a-z,;:’'] )[A-Z][a-z][\w’'-]+", text):
        out.add(_stem(m.group(0)))
    # a numbered place is a name of its own: Courtroom 4 is not Courtroom 9
    out.update(m.group(0).lower() for m in re.finditer(r"\b[A-Z][a-z]+ \d+\b", text))
    return out


def _read(paragraphs: list[str], speakers: dict[int, list[str]]) -> list[Para]:
    """The paragraphs with their speakers, terms and names; quote paragraphs glued to their predecessor."""
    paras = []
    known = set().union(*(_names(t) for t in paragraphs)) if paragraphs else set()
    for i, text in enumerate(paragraphs):
        # a name that opens a sentence counts when the text names it mid-sentence elsewhere (Abbot, Mendes)
        openers = {_stem(m.group(1)) for m in re.finditer(r"(?:^|[.!?”\"]\s+)([A-Z][a-z][\w’'-]+)", text)}
        p = Para(i, text, list(speakers.get(i, [])), _terms(text), (_names(text) | (openers & known)) - _STOP)
        p.names |= {f"@{s}" for s in p.speakers}
        stripped = text.lstrip()
        previous = speakers.get(i - 1, [])
        # a quote that opens the paragraph goes on with the speaker before (or runs on from it)
        p.glued = i > 0 and bool(stripped) and stripped[0] in _QUOTE_OPEN and (
            not p.speakers or bool(set(p.speakers) & set(previous)) or not previous
        )
        if i > 0 and paragraphs[i - 1].rstrip().endswith(":"):
            p.glued = True
        paras.append(p)
    return paras


@dataclass
class Thread:
    """A storyline being gathered: its paragraphs and what they name."""

    paras: list[int] = field(default_factory=list)
    terms: Counter[str] = field(default_factory=Counter)


def _similarity(a: Counter[str], b: Counter[str], common: set[str]) -> float:
    """How much two passages share, over their rarer words (cosine of counts)."""
    keys = (set(a) & set(b)) - common
    if not keys:
        return 0.0
    dot = sum(a[k] * b[k] for k in keys)
    na = sum(v * v for k, v in a.items() if k not in common) ** 0.5
    nb = sum(v * v for k, v in b.items() if k not in common) ** 0.5
    return dot / (na * nb) if na and nb else 0.0


@dataclass
class Plan:
    """The proposed structure: a storyline (or None for context) per paragraph, and why."""

    thread_of: list[int | None]
    switches: dict[int, str]  # paragraph -> the cue that started its block
    context_why: dict[int, str]
    confidence: float
    single_why: str = ""


def _counts(paras: list[Para], indexes: list[int]) -> Counter[str]:
    """The terms and names of some paragraphs, counted."""
    c: Counter[str] = Counter()
    for i in indexes:
        c.update(paras[i].terms)
        c.update(paras[i].names)
    return c


def plan_threads(paras: list[Para]) -> Plan:
    """Group the paragraphs into storylines and context by thread-switch cues and shared actors."""
    n = len(paras)
    df: Counter[str] = Counter()
    for p in paras:
        df.update(set(p.terms) | p.names)
    # words in a third of the paragraphs tell no thread from another (North Korean, soldier)
    common = {t for t, k in df.items() if k > max(2, n / 3)}
    # "another" is a thread cue only where the lede announced several threads ("two separate missions")
    announced = any(_ANNOUNCE.search(p.text) for p in paras[:3])
    blocks: list[tuple[int, str]] = [(0, "the article opens")]
    for p in paras[1:]:
        if p.glued:
            continue
        opening = _SWITCH.match(p.text)
        first = _first_sentence(p.text)
        place = _PLACE_OPENING.match(p.text)
        fresh = _NEW_THREAD.search(first) if announced and not _BOTH.search(first) else None
        if opening:
            blocks.append((p.index, f"opens with ‘{opening.group(0)}’"))
        elif place and fresh:
            blocks.append((p.index, f"opens on a place and brings in ‘{fresh.group(0)}’ (another thread)"))
        elif place:
            blocks.append((p.index, f"returns to a place: ‘{place.group(0).rstrip(',')}’"))
        elif announced and _NEW_THREAD.search(first) and p.index >= 2 and not _BOTH.search(first):
            before = _counts(paras, list(range(max(0, p.index - 4), p.index)))
            after = _counts(paras, list(range(p.index, min(n, p.index + 4))))
            if _similarity(before, after, common) < 0.25:
                blocks.append((p.index, f"its first sentence brings in ‘{_NEW_THREAD.search(first).group(0)}’ (another thread)"))  # type: ignore[union-attr]
    ends = [b for b, _ in blocks[1:]] + [n]
    threads: list[Thread] = []
    thread_of: list[int | None] = [None] * n
    current = -1
    switches: dict[int, str] = {}
    for (start, why), end in zip(blocks, ends, strict=True):
        idx = list(range(start, end))
        counts = _counts(paras, idx)
        others = [k for k in range(len(threads)) if k != current]
        scored = sorted(((_similarity(counts, threads[k].terms, common), k) for k in others), reverse=True)
        back = bool(re.match(r"^Back ", paras[start].text))
        new_one = "another thread" in why  # "another", "a second": a thread not met yet
        if current == -1:
            choice = 0
        elif scored and (scored[0][0] >= (0.3 if new_one else 0.12) or back or len(threads) >= 3):
            choice = scored[0][1]
        elif "returns to a place" in why:
            # a place opening only ever goes back to a thread it names better than the current one
            mine = _similarity(counts, threads[current].terms, common)
            choice = scored[0][1] if scored and scored[0][0] > mine else current
        else:
            choice = len(threads)
        if choice == len(threads):
            threads.append(Thread())
        threads[choice].paras += idx
        threads[choice].terms.update(counts)
        for i in idx:
            thread_of[i] = choice
        if start:
            switches[start] = why
        current = choice
    if len(threads) < 2:
        return Plan([0] * n, switches, {}, 0.8, "no thread-switch cue: one storyline")
    # each storyline must have passages and recurring actors of its own, else it is one story
    own: list[set[str]] = []
    for k, t in enumerate(threads):
        elsewhere = Counter[str]()
        for j, u in enumerate(threads):
            if j != k:
                elsewhere.update({w: 1 for i in u.paras for w in set(paras[i].terms) | paras[i].names})
        per_para = Counter[str]()
        for i in t.paras:
            per_para.update(set(paras[i].terms) | paras[i].names)
        own.append({w for w, c in per_para.items() if c >= 2 and elsewhere[w] == 0 and w not in common})
    weak = [k for k, (t, o) in enumerate(zip(threads, own, strict=True)) if len(t.paras) < 3 or len(o) < 2]
    if weak:
        # a thread too small to stand alone goes back to the passage before it
        for k in weak:
            for i in threads[k].paras:
                prior = next((thread_of[j] for j in range(i - 1, -1, -1) if thread_of[j] not in weak), None)
                thread_of[i] = prior
                switches.pop(i, None)
        kept = sorted({t for t in thread_of if t is not None})
        if len(kept) < 2:
            small = min(len(t.paras) for t in threads)
            return Plan([0] * n, {}, {}, 0.6, f"a switch cue was found, but a second thread would have {small} "
                        "paragraphs or no recurring actors of its own: one storyline")
        renumber = {k: j for j, k in enumerate(kept)}
        thread_of = [renumber[t] if t is not None else 0 for t in thread_of]
        own = [own[k] for k in kept]
    plan = Plan(thread_of, switches, {}, 0.75)
    _mark_context(paras, plan, own)
    # the main actors of each storyline are frequent, not common: here only exclusivity counts
    _follow_names(paras, plan.thread_of, switches, set())
    # storylines in order of appearance; one left too small by the moves means one story after all
    sizes = Counter(t for t in plan.thread_of if t is not None)
    if len(sizes) < 2 or min(sizes.values()) < 3:
        return Plan([0] * n, {}, {}, 0.6, "the threads found were too small once their paragraphs were placed: one storyline")
    order = {t: k for k, t in enumerate(dict.fromkeys(t for t in plan.thread_of if t is not None))}
    plan.thread_of = [None if t is None else order[t] for t in plan.thread_of]
    # what each storyline names of its own, now that its paragraphs are in place
    own = _own(paras, plan.thread_of, len(order), common)
    _mark_context(paras, plan, own)
    _mark_closing(paras, plan, own)
    _mark_shared(paras, plan)
    # the context passes may have taken a whole storyline: number the ones left 0, 1, ... again
    order = {t: k for k, t in enumerate(dict.fromkeys(t for t in plan.thread_of if t is not None))}
    plan.thread_of = [None if t is None else order[t] for t in plan.thread_of]
    return plan


def common_names(paras: list[Para], own: list[set[str]]) -> set[str]:
    """Names that belong to no single storyline (a name of the first storyline's own is not common)."""
    mine = set().union(*own)
    return {w for p in paras for w in p.names if w not in mine}


_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december".split()
)


def _people(names: set[str]) -> set[str]:
    """Names of people and places, without nationalities and languages (Russian, English, Korean)."""
    return {w for w in names if not w.endswith(("ian", "ish", "ese", "ean", "can")) and w not in _CALENDAR and w not in _STOP
            and w not in ("north", "south", "east", "west")}


def _follow_names(paras: list[Para], thread_of: list[int | None], switches: dict[int, str], common: set[str]) -> None:
    """A paragraph goes to the storyline where the people and places it names first appeared.

    A name belongs to the storyline of its first mention; a paragraph whose names point to
    another storyline more than to its own moves there, and the paragraphs after it in its block
    that name nobody go with it.
    """
    origin: dict[str, tuple[int, int]] = {}  # name -> (paragraph, storyline) of its first mention
    for p in paras:
        t = thread_of[p.index]
        if t is not None:
            for w in _people(p.names - common):
                origin.setdefault(w, (p.index, t))
    moved_to: int | None = None
    for p in paras[1:]:
        i = p.index
        here = thread_of[i]
        if here is None:
            moved_to = None
            continue
        if i in switches and "returns to a place" not in switches[i]:
            moved_to = None
        names = _people(p.names - common)
        votes = Counter(origin[w][1] for w in names if w in origin and origin[w][0] < i)
        if p.glued or not votes:
            if moved_to is not None:
                thread_of[i] = moved_to
            continue
        best, count = votes.most_common(1)[0]
        if best != here and count > votes[here] and list(votes.values()).count(count) == 1:
            who = sorted(w.lstrip("@") for w in names if w in origin and origin[w][1] == best)
            switches[i] = f"names {', '.join(who)}, met first in another storyline"
            thread_of[i] = moved_to = best
        else:
            moved_to = None


def _affinity(p: Para, own: set[str]) -> int:
    """How many of a storyline's own actors and words a paragraph names."""
    return len((set(p.terms) | p.names) & own)


def _own(paras: list[Para], thread_of: list[int | None], count: int, common: set[str]) -> list[set[str]]:
    """Each storyline's own words and names: in two of its paragraphs or more, and in no other storyline."""
    used: list[Counter[str]] = [Counter() for _ in range(count)]
    for p in paras:
        t = thread_of[p.index]
        if t is not None:
            used[t].update(set(p.terms) | p.names)
    return [{w for w, c in mine.items() if c >= 2 and w not in common and not any(w in u for u in used if u is not mine)}
            for mine in used]


def _mark_context(paras: list[Para], plan: Plan, own: list[set[str]]) -> None:
    """The lede before the first thread's actors appear (after a lede announcing the threads): context."""
    first = next((t for t in plan.thread_of if t is not None), None)
    if first is None:
        return
    announce = next((p.index for p in paras[:3] if _ANNOUNCE.search(p.text)), None)
    for p in paras:
        if p.index in plan.context_why:
            continue
        if plan.thread_of[p.index] != first or p.index in plan.switches:
            break
        mine = _affinity(p, own[first])
        if announce is not None and p.index <= announce:
            plan.context_why[p.index] = "the lede, up to the paragraph announcing the threads"
        elif announce is not None and not p.glued and (
            _BACK_TO_ALL.match(p.text) or _BOTH.search(p.text) or (mine <= 1 and not (_people(p.names) - common_names(paras, own)))
        ):
            plan.context_why[p.index] = "the lede: names none of the first storyline's own actors"
        else:
            break
    for i in plan.context_why:
        plan.thread_of[i] = None


def _mark_shared(paras: list[Para], plan: Plan) -> None:
    """A paragraph amid the storylines that names people or places met in two of them belongs to both: context."""
    first_seen: dict[str, tuple[int, int]] = {}  # name -> (paragraph, storyline) of its first mention
    for p in paras:
        t = plan.thread_of[p.index]
        if t is not None:
            for w in _people(p.names):
                first_seen.setdefault(w, (p.index, t))
    for p in paras:
        t = plan.thread_of[p.index]
        if t is None or p.glued or (p.index in plan.switches and not plan.switches[p.index].startswith("names ")):
            continue
        # only names met before count: "a lifeboat to the Northern Star and a helicopter to the Tern"
        sides = {first_seen[w][1] for w in _people(p.names) if w in first_seen and first_seen[w][0] < p.index}
        if len(sides) >= 2:
            plan.context_why[p.index] = "names people or places of two storylines: it belongs to both"
            plan.thread_of[p.index] = None


def _mark_closing(paras: list[Para], plan: Plan, own: list[set[str]]) -> None:
    """A closing passage that speaks of both threads ("both", "one … the other") is context."""
    last = plan.thread_of[-1]
    if last is None:
        return
    assert last is not None
    block_start = max([0, *plan.switches])
    tail_from = None
    for p in paras[max(block_start + 1, len(paras) - 6):]:
        # from a paragraph that speaks of both, the end names none of the last storyline's own people
        earlier = {w for q in paras[:p.index] if plan.thread_of[q.index] == last for w in _people(q.names)}
        others = {w for q in paras if plan.thread_of[q.index] not in (last, None) for w in _people(q.names)}
        if _BOTH.search(p.text) and not any(_people(q.names) & (earlier - others) for q in paras[p.index:]):
            tail_from = p.index
            break
    if tail_from is not None:
        for q in paras[tail_from:]:
            plan.context_why[q.index] = "the closing: speaks of both threads (‘one … the other’, ‘both’)"
    for i in plan.context_why:
        plan.thread_of[i] = None


# -- scenes and beats -------------------------------------------------------------------------
@dataclass
class Unit:
    """A proposed scene: a run of paragraphs of one storyline (or of the context)."""

    first: int
    last: int
    thread: int | None
    rule: str
    confidence: float


def _bigrams(p: Para) -> list[tuple[str, str]]:
    """Pairs of content words that follow each other in a paragraph, once each, in reading order: its actions (drone spotted)."""
    t = [w for w in p.terms if not w.endswith("ly")]  # eventually reached: the action is 'reached' what
    return list(dict.fromkeys((a, b) for a, b in zip(t, t[1:], strict=False) if a != b))


def _parallels(paras: list[Para], thread_of: list[int | None]) -> dict[int, tuple[str, int]]:
    """Paragraphs whose action one other storyline repeats, and only once: 'drone spotted' on both sides."""
    where: dict[tuple[str, str], list[int]] = {}
    for p in paras:
        for bg in _bigrams(p):
            where.setdefault(bg, []).append(p.index)
    out: dict[int, tuple[str, int]] = {}
    for p in paras:
        # a paragraph with several parallel actions is named by the one it writes first
        for bg in _bigrams(p):
            idx = where[bg]
            threads = [thread_of[i] for i in idx]
            if None in threads or len(idx) != 2 or len(set(threads)) != 2:
                continue
            out.setdefault(p.index, (" ".join(bg), idx[1] if idx[0] == p.index else idx[0]))
    return out


def split_scenes(paras: list[Para], plan: Plan, parallels: dict[int, tuple[str, int]],
                 given: dict[int, tuple[str, float]] | None = None) -> list[Unit]:
    """Scenes: a new one where the storyline, the time or the place changes, or at a parallel action.

    `given` are the splits the importer proposed (a new speaker, a figure between paragraphs...):
    kept where no rule here applies, so a story without time cues is not one long scene.
    """
    given = given or {}
    units: list[Unit] = []
    for p in paras:
        thread = plan.thread_of[p.index]
        rule, conf = "", 0.0
        if not units or units[-1].thread != thread:
            if p.index == 0:
                rule, conf = "the article opens", 1.0
            elif p.index in plan.switches:
                rule, conf = f"the storyline changes: {plan.switches[p.index]}", 0.75
            else:
                rule, conf = "the storyline changes (context begins or ends)", 0.6
        elif not p.glued:
            opening = _TIME_OPENING.match(p.text)
            move = _MOVEMENT.search(_first_sentence(p.text))
            if opening:
                rule, conf = f"the time changes (‘{opening.group(0)}’)", 0.65
            elif move:
                rule, conf = f"the place changes (‘{move.group(0)}’)", 0.55
            elif p.index in parallels:
                rule, conf = f"a parallel action (‘{parallels[p.index][0]}’ in another storyline)", 0.5
            elif p.index in given:
                rule, conf = given[p.index]
        elif p.index in parallels and thread is not None and p.index - 1 not in parallels:
            rule, conf = f"a parallel action (‘{parallels[p.index][0]}’ in another storyline)", 0.45
        if rule:
            units.append(Unit(p.index, p.index, thread, rule, conf))
        else:
            units[-1].last = p.index
    return units


def align_beats(paras: list[Para], units: list[Unit], threads: int) -> tuple[list[list[Unit]], str]:
    """Group scenes into shared beats in story order: parallel actions, shared words, relative place."""
    if threads < 2:
        return [[u] for u in units], "one storyline: a beat per scene"
    by_thread = [[u for u in units if u.thread == k] for k in range(threads)]
    runs: list[list[Unit]] = []
    for u in units:
        if u.thread is None:
            continue
        if runs and runs[-1][0].thread == u.thread:
            runs[-1].append(u)
        else:
            runs.append([u])
    if all(sum(r[0].thread == k for r in runs) >= 2 for k in range(threads)):
        return _alternation(units, runs, threads), "told in alternation: the storylines' k-th passages share a beat"
    spine_k = max(range(threads), key=lambda k: len(by_thread[k]))
    df: Counter[str] = Counter()
    for p in paras:
        df.update(set(p.terms))
    common = {t for t, k in df.items() if k > max(2, len(paras) / 3)}
    counts = {id(u): _counts(paras, list(range(u.first, u.last + 1))) for u in units}
    # only parallel actions count: a pair of words once in each storyline (not "north korean", everywhere)
    where: Counter[tuple[str, str]] = Counter()
    for p in paras:
        where.update(_bigrams(p))
    bigrams = {id(u): {bg for i in range(u.first, u.last + 1) for bg in _bigrams(paras[i]) if where[bg] == 2} for u in units}
    spine = by_thread[spine_k]
    groups: list[list[Unit]] = [[u] for u in spine]
    for k in range(threads):
        if k == spine_k or not by_thread[k]:
            continue
        other = by_thread[k]
        pairs = _align(spine, other, counts, bigrams, common)
        matched = dict(pairs)
        # an unmatched scene joins no beat: it gets its own, after the beat of the scene before it
        extra: dict[int, list[Unit]] = {}
        last_spine = -1
        for j, u in enumerate(other):
            i = next((a for a, b in pairs if b == j), None)
            if i is not None:
                groups[i].append(u)
                last_spine = i
            else:
                extra.setdefault(last_spine, []).append(u)
        del matched
        rebuilt: list[list[Unit]] = [[u] for u in extra.get(-1, [])]
        for i, g in enumerate(groups):
            rebuilt.append(g)
            rebuilt += [[u] for u in extra.get(i, [])]
        groups = rebuilt
        spine = [g[0] for g in groups]
    # context scenes get beats of their own at their place in the article
    ordered: list[list[Unit]] = []
    context = [u for u in units if u.thread is None]
    for g in groups:
        start = min(u.first for u in g)
        while context and context[0].first < start:
            ordered.append([context.pop(0)])
        ordered.append(g)
    ordered += [[u] for u in context]
    return ordered, "scenes matched by shared words and their place in their storylines"


def _alternation(units: list[Unit], runs: list[list[Unit]], threads: int) -> list[list[Unit]]:
    """A story told in alternation: the k-th passage of each storyline make the k-th beat together."""
    seen = [0] * threads
    beats: list[list[Unit]] = []
    for run in runs:
        k = run[0].thread
        assert k is not None
        if seen[k] >= len(beats):
            beats.append([])
        beats[seen[k]] += run
        seen[k] += 1
    ordered: list[list[Unit]] = []
    context = [u for u in units if u.thread is None]
    for g in beats:
        start = min(u.first for u in g)
        while context and context[0].first < start:
            ordered.append([context.pop(0)])
        ordered.append(g)
    return ordered + [[u] for u in context]


def _align(a: list[Unit], b: list[Unit], counts: dict[int, Counter[str]], bigrams: dict[int, set[tuple[str, str]]],
           common: set[str]) -> list[tuple[int, int]]:
    """A monotonic matching of two storylines' scenes that maximises how alike the pairs are."""
    n, m = len(a), len(b)

    def score(i: int, j: int) -> float:
        shared = len(bigrams[id(a[i])] & bigrams[id(b[j])])
        words = _similarity(counts[id(a[i])], counts[id(b[j])], common)
        place = 0.5 - 2 * abs((i + 0.5) / n - (j + 0.5) / m)
        return 3 * min(shared, 2) + 2 * words + place

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = score(i, j)
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + s if s > 0 else float("-inf"))
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        s = score(i, j)
        if s > 0 and best[i][j] == best[i + 1][j + 1] + s:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


# -- titles -----------------------------------------------------------------------------------
def _title(text: str, words: int = 6) -> str:
    """A provisional title: the opening words of a paragraph."""
    first = text.split()[:words]
    title = " ".join(first).strip("“”\"‘’'").rstrip(",;:—–")
    return title + ("…" if len(text.split()) > words else "")


_UNSEEN = (1 << 62, 0)  # where a word the text never writes stands: after every one it does


def _main_actor(paras: list[Para], indexes: list[int], own: set[str]) -> str:
    """The storyline's main actor as the text names it: the person, place or group of its own it names most.

    Counted in paragraphs; a name (Carla Mendes, Kettle Cave) wins a tie over a descriptor (the
    paratroopers), and is given in the fullest form the text writes it. Among names (or
    descriptors) named equally often, the one the storyline writes first wins.
    """
    first = _first_mentions(paras, indexes)
    phrases: Counter[str] = Counter()
    for i in indexes:
        seen = set()
        for m in re.finditer(r"\b[Tt]he ([a-z]+s)\b", paras[i].text):  # a group: the paratroopers, the students
            if _stem(m.group(1)) in own:
                seen.add("the " + m.group(1))
                first.setdefault("the " + m.group(1), (i, m.start()))
        phrases.update(seen)
    names = Counter(w for i in indexes for w in _people(paras[i].names) & own if not w.startswith("@"))
    named = Counter(f"@{s}" for i in indexes for s in set(paras[i].speakers) if f"@{s}" in own)
    for i in indexes:
        for k, s in enumerate(paras[i].speakers):  # quoted in this paragraph: after its words, in quote order
            first.setdefault(f"@{s}", (i, len(paras[i].text) + k))
    best_phrase = _most_named(phrases, first)
    best_name = _most_named(names, first)
    if best_name[1] >= 2 and best_name[1] >= best_phrase[1]:
        return _full_name(paras, indexes, best_name[0])
    if best_phrase[1] >= 2:
        return best_phrase[0][0].upper() + best_phrase[0][1:]
    return _most_named(named, first)[0]


def _first_mentions(paras: list[Para], indexes: list[int]) -> dict[str, tuple[int, int]]:
    """Where some paragraphs first write each of their names (in its common form): (paragraph, offset)."""
    first: dict[str, tuple[int, int]] = {}
    for i in indexes:
        text = paras[i].text
        found = [(m.start(), _stem(m.group(0))) for m in re.finditer(r"\b[A-Z][a-z][\w’'-]+", text)]
        found += [(m.start(), m.group(0).lower()) for m in re.finditer(r"\b[A-Z][a-z]+ \d+\b", text)]
        for at, w in sorted(found):
            if w in paras[i].names:
                first.setdefault(w, (i, at))
    return first


def _most_named(counts: Counter[str], first: dict[str, tuple[int, int]]) -> tuple[str, int]:
    """The most counted word and its count; on a tie the one the text mentions first, then alphabetical."""
    if not counts:
        return "", 0
    # a tie goes to whom the reader meets first: the storyline's lead, and the same on every run
    best = min(counts, key=lambda w: (-counts[w], first.get(w, _UNSEEN), w))
    return best, counts[best]


def _ranked(own: set[str], counts: Counter[str], paras: list[Para], idx: list[int]) -> list[str]:
    """A storyline's own words for its review note: names first, then the most used, each once."""
    names = {w for i in idx for w in _people(paras[i].names)}
    out: list[str] = []
    for w in sorted(own, key=lambda w: (w.lstrip("@") not in names and not w.startswith("@"), -counts[w], w)):
        if w.lstrip("@") not in out:
            out.append(w.lstrip("@"))
    return out


def _full_name(paras: list[Para], indexes: list[int], name: str) -> str:
    """The first run of capitalised words the text writes around a name (Senator Carla Mendes)."""
    for i in indexes:
        for m in re.finditer(r"(?:[A-Z][\w’'-]*\s){0,3}[A-Z][\w’'-]*(?:\s\d+)?", paras[i].text):
            words = m.group(0).split()
            if words and words[0].lower() in _STOP:
                words = words[1:]  # a sentence's first word: The, In, At
            if len(words) >= 2 and any(_stem(w) == name or w.lower() == name for w in words):
                return " ".join(words)
    return name.capitalize()


# -- the pass ---------------------------------------------------------------------------------
def _given_splits(data: dict[str, Any]) -> dict[int, tuple[str, float]]:
    """Where the incoming scenes start (after the first), with the rule and confidence that split them."""
    out: dict[int, tuple[str, float]] = {}
    at = 0
    for scene in data.get("scenes") or []:
        review = scene.get("review") or {}
        if at:
            rule = str(review.get("rule", "the importer split here")).removeprefix("starts a scene: ")
            out[at] = (rule, float(review.get("confidence", 0.5)))
        at += len(scene["paragraphs"])
    return out


def _flatten(data: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]], dict[int, list[str]]]:
    """The body paragraphs in order, the figures (with their global place) and who is quoted where."""
    paragraphs: list[str] = []
    figures: list[dict[str, Any]] = []
    at: dict[str, int] = {}
    for scene in data.get("scenes") or []:
        at[scene["id"]] = len(paragraphs)
        for fig in scene.get("figures") or []:
            figures.append({**fig, "after": len(paragraphs) + fig.get("after", len(scene["paragraphs"]))})
        paragraphs += scene["paragraphs"]
    speakers: dict[int, list[str]] = {}
    by_id = {s["id"]: s for s in data.get("scenes") or []}
    for q in data.get("quotes") or []:
        base = at.get(q["scene"])
        if base is None:
            continue
        scene_paras = by_id[q["scene"]]["paragraphs"]
        k = next((k for k, p in enumerate(scene_paras) if q["text"] in p), None)
        if k is not None:
            speakers.setdefault(base + k, []).append(q["speaker"])
    return paragraphs, figures, speakers


def propose_structure(data: dict[str, Any]) -> dict[str, Any]:
    """The article data with storylines, beats, scenes and facts proposed from its text (a new dict)."""
    paragraphs, figures, speakers = _flatten(data)
    if not paragraphs:
        return data
    paras = _read(paragraphs, speakers)
    plan = plan_threads(paras)
    threads = len({t for t in plan.thread_of if t is not None})
    parallels = _parallels(paras, plan.thread_of) if threads > 1 else {}
    # in one storyline, the importer's splits (a new speaker, a figure) keep scenes short; with
    # several, scenes must line up beat by beat, and the storylines' own time and place cues do that
    units = split_scenes(paras, plan, parallels, _given_splits(data) if threads == 1 else None)
    beats, mode = align_beats(paras, units, threads)
    out = dict(data)
    # storylines
    own_all: list[set[str]] = []
    narratives = []
    for k in range(threads):
        idx = [i for i, t in enumerate(plan.thread_of) if t == k]
        others = {w for i, t in enumerate(plan.thread_of) if t != k for w in set(paras[i].terms) | paras[i].names}
        mine = Counter(w for i in idx for w in set(paras[i].terms) | paras[i].names)
        own = {w for w, c in mine.items() if c >= 2 and w not in others}
        own_all.append(own)
        actor = _main_actor(paras, idx, own) or f"Storyline {k + 1}"
        if actor.startswith("@"):
            actor = next((s["name"] for s in data.get("speakers") or [] if s["id"] == actor[1:]), actor[1:])
        summary = _first_sentence(paragraphs[idx[0]]).strip()
        opening = _SWITCH.match(summary)
        if opening:
            summary = summary[opening.end():].lstrip(" ,")
            summary = summary[:1].upper() + summary[1:]
        rule = ("one thread: " + plan.single_why) if threads == 1 else (
            f"thread {k + 1} of {threads}: {len(idx)} paragraphs"
            + (f", from paragraph {idx[0] + 1} ({plan.switches[idx[0]]})" if idx[0] in plan.switches else "")
            + f"; its own actors: {', '.join(_ranked(own, mine, paras, idx)[:6])}"
        )
        narratives.append({
            "id": f"storyline-{k + 1}", "title": actor, "summary": summary if len(summary) <= 200 else summary[:199] + "…",
            "review": _review(rule, plan.confidence, "title: the storyline's most named actor of its own; summary: its "
                              "first sentence. Both machine-made: rewrite them", True),
        })
    # beats and scenes
    beat_records = []
    beat_of_unit: dict[int, str] = {}
    for b, group in enumerate(beats, 1):
        bid = f"beat-{b}"
        for u in group:
            beat_of_unit[id(u)] = bid
        sides = [u for u in group if u.thread is not None]
        inside = {i for u in sides for i in range(u.first, u.last + 1)}
        acts = [parallels[i][0] for i in sorted(inside) if i in parallels and parallels[i][1] in inside]
        times = [m.group(0) for u in group if (m := _CLOCK_OPENING.match(paragraphs[u.first]))]
        if times and not acts:
            title, why, conf = times[0].rstrip(",") + "…", f"scenes matched in story order; the time cue ‘{times[0]}’", 0.5
        elif acts:
            title, why, conf = acts[0].capitalize(), f"a parallel action on {len(sides)} sides (‘{acts[0]}’)", 0.7
        elif len(sides) > 1:
            title = _title(paragraphs[group[0].first], 4)
            why, conf = mode, 0.55
        elif group[0].thread is None:
            title, why, conf = _title(paragraphs[group[0].first], 4), "context: a beat of its own", 0.8
        else:
            title, why, conf = _title(paragraphs[group[0].first], 4), "a scene with no counterpart in another storyline", 0.6
        beat_records.append({"id": bid, "title": title, "review": _review(f"beat {b}: {why}", conf, "title: machine-made")})
    scenes = []
    scene_of_para: dict[int, str] = {}
    for n, u in enumerate(units, 1):
        sid = f"s{n:02d}"
        scene_of_para.update(dict.fromkeys(range(u.first, u.last + 1), sid))
        scene: dict[str, Any] = {
            "id": sid, "narrative": None if u.thread is None else f"storyline-{u.thread + 1}",
            "beat": beat_of_unit[id(u)], "title": _title(paragraphs[u.first]),
            "paragraphs": paragraphs[u.first:u.last + 1],
        }
        figs = [f for f in figures if u.first < f["after"] <= u.last + 1 or (f["after"] == 0 and u.first == 0)]
        if figs:
            scene["figures"] = [{**f, "after": f["after"] - u.first} for f in figs]
        why = plan.context_why.get(u.first, "") if u.thread is None else ""
        scene["review"] = _review(
            f"starts a scene: {u.rule}" + (f"; context: {why}" if why else ""), u.confidence,
            "title: the scene's opening words; write a real one",
        )
        scenes.append(scene)
    out["narratives"] = narratives
    out["beats"] = beat_records
    out["scenes"] = scenes
    # quotes and facts follow their paragraphs into the new scenes
    old_at = {}
    base = 0
    for s in data.get("scenes") or []:
        old_at[s["id"]] = base
        base += len(s["paragraphs"])
    quotes = []
    old_by_id = {s["id"]: s for s in data.get("scenes") or []}
    for q in data.get("quotes") or []:
        old = old_by_id.get(q["scene"])
        k = next((k for k, p in enumerate(old["paragraphs"]) if q["text"] in p), 0) if old else 0
        quotes.append({**q, "scene": scene_of_para.get(old_at.get(q["scene"], 0) + k, q["scene"])})
    out["quotes"] = quotes
    out["facts"] = _facts(paragraphs, speakers, scene_of_para, data)
    notes = [n for n in data.get("review") or [] if not str(n.get("rule", "")).startswith("narratives and beats")]
    notes.append(_review(
        f"structure: {counted(threads, 'storyline')}, {counted(len(beat_records), 'beat')}, {counted(len(scenes), 'scene')}, "
        f"{counted(len(out['facts']), 'fact')} proposed", plan.confidence,
        "storylines, beats, scene splits and facts are machine guesses: each has its rule and confidence", True,
    ))
    out["review"] = notes
    # the sections in the loader's order, whatever order they came in
    order = ("article", "speakers", "narratives", "beats", "scenes", "quotes", "facts", "review")
    return {**{k: out[k] for k in order if k in out}, **{k: v for k, v in out.items() if k not in order}}


def _facts(paragraphs: list[str], speakers: dict[int, list[str]], scene_of: dict[int, str], data: dict[str, Any]) -> list[dict[str, Any]]:
    """Facts proposed from the paragraphs, each in its scene, attributed to a speaker id or the text's words."""
    by_name: dict[str, str] = {}
    by_surname: dict[str, str] = {}
    for s in data.get("speakers") or []:
        by_name[s["name"].lower()] = s["id"]
        words = s["name"].split()
        if len(words) >= 2 and all(w[:1].isupper() for w in words):  # a person's name: Maksym Didorchuk
            by_surname.setdefault(words[-1].lower(), s["id"])
    ids = {s["id"] for s in data.get("speakers") or []}
    first_speaker = {i: v[0] for i, v in speakers.items() if v}
    out = []
    # each paragraph's words once, however many facts it holds (a long one holds hundreds)
    words_of: dict[int, frozenset[str]] = {}

    def paragraph_words(i: int) -> frozenset[str]:
        """The compared words of paragraph i, worked out on first need."""
        if i not in words_of:
            words_of[i] = span_words(paragraphs[i])
        return words_of[i]

    for n, f in enumerate(propose_facts(paragraphs, first_speaker), 1):
        who = f.according_to
        note = ""
        if who is not None and who not in ids:
            # a speaker's full name, or the surname of a named one ("Didorchuk"); a description
            # ("the soldier") is kept in the text's words: which soldier is the editor's call
            key = who.lower().removeprefix("the ").strip()
            named = who[:1].isupper() and not who.lower().startswith(("the ", "a ", "an "))
            surname = by_surname.get(key.split()[-1]) if named else None
            who = by_name.get(who.lower()) or surname or who
            if f.value.lower() in who.lower():
                who, note = None, "the fact is who says it: no attribution"
            elif who not in ids and (not any(c.isspace() for c in who) or unsupported_words(who, "", span=paragraph_words(f.paragraph))):
                note, who = f"said by ‘{f.according_to}’, who is not a speaker: attribution left to the editor", None
        rec: dict[str, Any] = {
            "id": f"f{n:02d}", "label": f.label, "value": f.value, "category": f.category,
            "scene": scene_of[f.paragraph], "source": f.source,
        }
        if who:
            rec["according_to"] = who
        rec["review"] = _review(f"fact: {f.rule}", f.confidence, note or "label: machine-made; value: verbatim from its span")
        out.append(rec)
    return out
