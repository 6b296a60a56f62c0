"""Facts proposed from the text, each saying nothing its span does not (claims.py checks that).

`propose_facts` finds facts in paragraphs with plain rules (numbers and quantities, ages,
durations, dates and times, places, units and organisations, casualties), each with its verbatim
span, a value taken verbatim from that span, and who the text says claims it.

Like the rest of the core, this module never imports Textual.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from .claims import _words, unsupported_words
from .quotes import find_quotations

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt maj st jan feb mar apr jun jul aug sep sept oct nov dec no vs etc "
    "a.m p.m u.s u.k inc ltd jr sr rev gov sen rep cpl adm cmdr".split()
)


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end that is not an abbreviation's full stop, in linear time."""
    ends = []
    for m in re.finditer(r"[.!?…]+(?=\s|$)", text):
        # the word before the mark, read from a short window: a search over the whole prefix is quadratic
        word = re.search(r"([\w.’']+)$", text[max(0, m.start() - 30): m.start()])
        token = word.group(1).lower() if word else ""
        if m.group(0) == "." and (token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token) or "." in token):
            continue  # Mr. Smith, Jan. 9, U.S. forces, J. Smith
        ends.append(m.end())
    return ends


# -- proposing facts ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FactProposal:
    """A fact found in a paragraph: its label, value, category, verbatim span and the rule that found it."""

    paragraph: int
    label: str
    value: str
    category: str
    source: str
    rule: str
    confidence: float
    according_to: str | None = None


_NUM = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|a dozen|dozens of|hundreds of|thousands of|a hundred|a thousand|a single|a few)"
)
_UNIT_TIME = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?)"
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|April|May|June|July|Aug(?:ust|\.)?|Sept?(?:ember|\.)?"
    r"|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_I = re.I

#: (rule name, category, label, pattern, confidence); the value is the match, verbatim
_RULES: tuple[tuple[str, str, str, re.Pattern[str], float], ...] = (
    ("age", "people", "Age", re.compile(r"\b\d{1,3}-year-old(?: [a-z]+)?(?: [A-Z][\w’'-]+){0,3}"
                                        r"|\b(?:was|is|aged|age of) \d{1,3}(?: years old)?\b"), 0.8),
    ("date", "time", "Date", re.compile(rf"\b(?:on |in )?{_MONTH} \d{{1,2}}(?:, \d{{4}})?\b"
                                        rf"|\bin (?:January|February|March|April|May|June|July|August|September"
                                        rf"|October|November|December)(?: \d{{4}})?\b"), 0.75),
    ("clock time", "time", "Time", re.compile(r"\b(?:[Aa]round |[Aa]t |[Bb]y |[Aa]bout )?(?:\d{1,2}(?::\d\d)? ?[ap]\.m\."
                                              r"|noon|midnight|dawn|dusk|nightfall)"), 0.75),
    ("duration", "time", "Duration", re.compile(rf"\b(?:for |after |within |lasts? |spent )?{_NUM}(?: [a-z]+)? {_UNIT_TIME}"
                                                rf"(?: of [a-z]+| in the [a-z]+)?\b|\bfor (?:months|years|weeks|days|hours)\b", _I), 0.7),
    ("casualties", "casualties", "Casualties", re.compile(
        rf"\b(?:{_NUM}|some|many|several|none) (?:of the )?(?:[\w’'-]+ ){{0,3}}(?:were|was|had been|have been) "
        r"(?:killed|wounded|injured|hurt|rescued|missing|dead|arrested|detained|captured)\b[^.,;]*"
        r"|\b(?:died of (?:his|her|their) wounds|was wounded in (?:his|her|the) \w+"
        r"|(?:his|her|the|their|its) (?:[\w’']+ )?\w+ (?:was|were) (?:wounded|injured|broken|burned|fractured))"
        r"|\b(?:a |with )?(?:concussion|hypothermia|frostbite(?: on \w+ \w+)?|burns to (?:his|her|their) \w+|a broken \w+)\b",
        _I), 0.75),
    ("count", "numbers", "Number", re.compile(
        rf"\b{_NUM} (?:(?:[A-Z][\w’'-]+|[a-z][\w’'-]+) ){{0,3}}(?:soldiers?|prisoners?(?: of war)?|people|troops|men|women|children"
        r"|residents|workers|miners|climbers|hikers|passengers|victims|survivors|defendants|jurors|witnesses|votes|voters"
        r"|volunteers|officers|firefighters|rescuers|members|families|homes|houses|vehicles|boats|drones|dollars|euros|pounds"
        r"|percent|per cent|miles|kilometres|kilometers|metres|meters|feet|tons|tonnes|acres|signatures|seats|districts)\b"
        r"|\$\d[\d,.]*(?: (?:million|billion))?|\b\d[\d,.]* (?:million|billion|percent|per cent)\b"), 0.7),
    ("unit or organisation", "units", "Unit or organisation", re.compile(
        r"\b(?:(?-i:[A-Z][\w’'.-]+ ){0,3}(?-i:[A-Z]{2,}|[A-Z][a-z]+) )?(?:special forces|airborne unit|security service|brigade|battalion"
        r"|regiment|coast guard|fire department|police department|rescue team|mountain rescue|sheriff’s office|sheriff's office"
        r"|prosecutors?’? office|district attorney’s office|city council|school board|county commission)\b", _I), 0.65),
    ("place", "places", "Place", re.compile(
        r"\b(?:[A-Z][\w’'-]+ ){1,3}(?:border )?(?:region|province|county|district|oblast|valley|river|mountains?|peak|gorge"
        r"|courthouse|court|quarry|mine|harbou?r|bay|island|lake|forest|city|town|village)\b"
        r"|\b(?:in|on|near|from|to|toward|towards|outside|across) (?:the )?(?:so-called )?(?:gray zone|grey zone|front ?line|no-man’s-land)"
        r"|\b(?:from|in|near|outside) (?-i:[A-Z][a-z]+)\b(?![’'-])(?:, (?:a|the) [\w’' -]+?(?= bordering| near| on|,|\.))?"
        r"(?: bordering (?-i:[A-Z][a-z]+))?", _I), 0.55),
    ("anonymity", "sources", "Anonymous source", re.compile(r"\b(?:spoke |speaking )?on condition of anonymity\b", _I), 0.8),
)
_NOT_PLACES = frozenset(
    "january february march april may june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday english russian ukrainian".split()
)
_SAID = re.compile(
    r"(?:,\s*|\b)(?:according to (?P<acc>(?:[A-Z][\w’'.-]+ ?){1,4}|the [a-z]+(?: [a-z]+){0,2})"
    r"|(?P<who>(?:[A-Z][\w’'.-]+ ){0,3}[A-Z][\w’'.-]+|(?:[Tt]he|[Aa]n?) [a-z]+(?: [a-z]+){0,2}|[Hh]e|[Ss]he|[Tt]hey|[Ii]t) "
    r"(?:said|says|told|claimed|recalled|added|reported|testified))\b"
)


# a subject with a clause set off by commas: "Ukraine’s SBU security service, which interrogated the POWs, said"
_APPOSED = re.compile(r"(?P<who>[A-Z][^,.]{2,60}), (?:which|who) [^,.]{3,100}, (?:said|says|told|reported|claimed)\b")


def _sentence_of(ends: list[int], start: int) -> tuple[int, int]:
    """The bounds of the sentence holding an offset, given the paragraph's sentence ends (from 0 to its length)."""
    k = bisect.bisect_right(ends, start)
    return ends[k - 1], ends[k] if k < len(ends) else ends[-1]


def _reach(quotes: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The quotations' starts in order, and the furthest end of any quotation starting at or before each."""
    ordered = sorted(quotes)
    return [q_start for q_start, _ in ordered], list(itertools.accumulate((q_end for _, q_end in ordered), max))


def _attribution(paragraph: str, start: int, end: int, speaker: str | None, quotes: tuple[list[int], list[int]],
                 ends: list[int]) -> tuple[str | None, str]:
    """Who the text says claims what stands at [start, end): a speaker in a quote, or a 'said' in its sentence.

    `quotes` is _reach() of the paragraph's quotations: a quotation holds the span when one
    starting at or before it reaches past its end (a bisection, not a scan of every quotation,
    which made a long paragraph of many quotes quadratic).
    """
    starts, reach = quotes
    k = bisect.bisect_right(starts, start)
    if speaker and k and reach[k - 1] >= end:
        return speaker, "inside a quotation"
    lo, hi = _sentence_of(ends, start)
    sentence = paragraph[lo:hi]
    m = _SAID.search(sentence)
    apposed = _APPOSED.match(sentence.lstrip())
    if apposed is not None:
        return apposed.group("who"), f"‘{apposed.group('who')}, … said’ in its sentence"
    if m is None:
        return None, ""
    who = (m.group("acc") or m.group("who") or "").strip()
    if who.lower() in ("he", "she", "they", "it"):
        if speaker:
            return speaker, f"‘{m.group(0).strip(', ')}’ in its sentence"
        return None, ""
    return who, f"‘{m.group(0).strip(', ')}’ in its sentence"


_COUNTED = re.compile(r"\b((?:prisoners?|soldiers?|people|troops|men|women|children|residents|workers|miners|climbers|hikers"
                      r"|passengers|victims|survivors|defendants|jurors|witnesses|votes|voters|volunteers|officers|firefighters"
                      r"|rescuers|members|families|homes|houses|vehicles|boats|drones|signatures|seats|districts)(?: of war)?)\b", re.I)
_HARM = re.compile(r"\b(killed|wounded|injured|hurt|rescued|missing|dead|arrested|detained|captured|died|concussion|hypothermia"
                   r"|frostbite|burns|broken|fractured|burned)\b", re.I)


def _label(rule: str, label: str, value: str) -> str:
    """A label that says what a fact counts or tells, in the value's own words where it can."""
    if rule == "count" and (m := _COUNTED.search(value)):
        return m.group(1)[0].upper() + m.group(1)[1:].lower()
    if rule == "casualties" and (m := _HARM.search(value)):
        word = m.group(1).lower()
        return {"died": "Deaths", "dead": "Deaths", "concussion": "Injury", "hypothermia": "Injury", "frostbite": "Injury",
                "burns": "Injury", "broken": "Injury", "fractured": "Injury", "burned": "Damage"}.get(word, word.capitalize())
    return label


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps a span already taken (sorted and disjoint, so two neighbours tell)."""
    k = bisect.bisect_left(taken, (start, end))
    return (k > 0 and taken[k - 1][1] > start) or (k < len(taken) and taken[k][0] < end)


def propose_facts(paragraphs: list[str], speakers: dict[int, str] | None = None) -> list[FactProposal]:
    """Facts found in the paragraphs by the rules above, at most one per span; `speakers` names who speaks where."""
    speakers = speakers or {}
    found: list[FactProposal] = []
    for i, para in enumerate(paragraphs):
        taken: list[tuple[int, int]] = []
        # worked out once per paragraph: per match, they made a long paragraph quadratic
        ends = sorted({0, *sentence_ends(para), len(para)})
        quotes = _reach([(q.start, q.end) for q in find_quotations(para)])
        for rule, category, label, pattern, confidence in _RULES:
            for m in pattern.finditer(para):
                value = m.group(0).strip(" ,;:")
                start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" ,;:")))
                if rule in ("place", "date"):
                    # "in December", "for Russia’s Kursk border region": the preposition is no part of the value
                    lead = re.match(r"(?:in|on|at|from|for|to|toward|towards|near|across) (?:the )?(?:so-called )?", value, re.I)
                    if lead and len(value) > lead.end():
                        start += lead.end()
                        value = value[lead.end():]
                end = start + len(value)
                if len(value) < 3 or _overlaps(taken, start, end):
                    continue
                if rule == "place" and _words(value)[-1:] and _words(value)[-1] in _NOT_PLACES:
                    continue
                lo, hi = _sentence_of(ends, start)
                source = _span(para, start, end, lo, hi)
                if unsupported_words(value, source):
                    continue  # never propose what `reader check` would refuse
                who, why = _attribution(para, start, end, speakers.get(i), quotes, ends)
                bisect.insort(taken, (start, end))
                note = f"{rule}: {why}" if who else rule
                found.append(FactProposal(i, _label(rule, label, value), value[0].upper() + value[1:], category, source, note,
                                          confidence * (0.9 if who else 1.0), who))
    return found


def _span(para: str, start: int, end: int, lo: int, hi: int, width: int = 90) -> str:
    """The verbatim span a fact rests on: its clause of the sentence, no longer than needed."""
    # widen to the clause: from the previous comma or sentence start to the next one
    left = max(para.rfind(",", lo, start), para.rfind("—", lo, start), lo - 1) + 1
    right_candidates = [p for p in (para.find(",", end, hi), para.find("—", end, hi)) if p != -1]
    right = min(right_candidates) if right_candidates else hi
    if right - left > width:
        # a long clause: the value with the few words before it that say what it is about
        before = [m.start() for m in re.finditer(r"\S+", para[max(lo, start - 60):start])]
        left = max(lo, start - 60) + before[-min(len(before), 6)] if before else start
        right = end
    text = para[left:right]
    stripped = text.strip(" ,;—")
    return stripped if stripped else para[start:end]
