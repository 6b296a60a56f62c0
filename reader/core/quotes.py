"""Finding direct quotations in running text.

Double marks (curly or straight, even mismatched as “…" in the seed), guillemets «…» and low
marks „…“ delimit a quotation, and so do single curly marks ‘…’ where a text uses them as its
outer marks (British style). Inside a quotation the other kind of mark (‘…’ or '…' inside
double marks, “…” inside single ones, „…“ inside guillemets) delimits words quoted within it.
An apostrophe (’ or ' between letters) never opens or closes a quotation, nor does an inch
mark (a straight double mark right after a digit). A quotation left open
at the end of a paragraph runs on into the next one, as journalists write long quotes.

Marked words that are not anyone's speech are left out: scare quotes (the so-called “gray
zone”, a short lowercase phrase in a sentence without a speech verb) and titles (the report
“Streets for People”). find_marked() keeps them, labelled, for whoever needs to see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> the marks that close it
_OUTER = {"“": "”\"", "\"": "\"”", "„": "“”\"", "«": "»", "‘": "’"}
# inside a quotation opened by the key, these open a nested one (closers as in _NESTED_CLOSE)
_INNER = {"“": "‘'‹", "\"": "‘'‹", "„": "‚‘'‹", "«": "“„‹‘'\"", "‘": "“\""}
_NESTED_CLOSE = {"‘": "’", "'": "'", "‹": "›", "“": "”\"", "„": "“”", "\"": "\"", "‚": "‘’"}
_SINGLES = "‘’'‚"
# every mark that opens or closes an outer quotation: the only characters find_marked looks at
_ANY_MARK = re.compile("[" + re.escape("".join(sorted(set(_OUTER).union(*_OUTER.values())))) + "]")

#: Verbs that report speech; attribution looks for them beside a quotation, and a short
#: phrase in marks with one of them in its sentence is a partial quote rather than a scare quote.
SPEECH_VERBS = (
    "said", "says", "say", "told", "tells", "tell", "recalled", "recalls", "added", "adds", "explained", "explains",
    "asked", "asks", "replied", "replies", "answered", "answers", "continued", "noted", "notes", "wrote", "writes",
    "insisted", "insists", "stressed", "warned", "warns", "remembered", "remembers", "recounted", "admitted",
    "acknowledged", "conceded", "argued", "argues", "claimed", "claims", "declared", "observed", "shouted",
    "whispered", "yelled", "cried", "joked", "complained", "agreed", "countered", "responded", "reflected",
    "suggested", "confirmed", "announced", "promised", "pleaded", "urged", "predicted", "described", "describes",
    "called", "calls", "texted", "messaged", "emailed", "tweeted", "posted", "muttered", "murmured", "exclaimed",
    "interjected", "boasted", "mused", "testified", "according", "saying", "telling", "asking", "shouting",
    "writing", "texting", "calling", "adding", "recalling",
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt maj st jan feb mar apr jun jul aug sep sept oct nov dec no vs etc "
    "a.m p.m u.s u.k inc ltd jr sr rev gov sen rep cpl adm cmdr".split()
)
SPEECH_VERB = re.compile(r"\b(?:" + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True)) + r")\b", re.I)

# what marks the words that follow as a label, not as anyone's speech
_SCARE_CUE = re.compile(
    r"\b(?:so-called|so called|dubbed|nicknamed|known as|termed|branded|labell?ed"
    r"|the (?:word|words|term|phrase|label|slogan|expression))\s*$",
    re.I,
)
_TITLE_NOUNS = frozenset(
    "book novel memoir film movie documentary song album play musical series show programme program report study "
    "paper article column essay poem podcast episode exhibition exhibit painting headline titled entitled "
    "headlined opera single".split()
)
#: How far around a quotation its sentence is looked for, in characters: far beyond any real
#: sentence, and what keeps checking a paragraph of many quotations linear.
_WINDOW = 1000
#: How far back the word before a full stop is read (abbreviations are short).
_TOKEN = 64
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with".split())


@dataclass(frozen=True)
class Quotation:
    """The inner text of one quotation found in a paragraph, with its offsets."""

    start: int
    end: int
    text: str
    nested: bool = False
    #: False when the paragraph ends before the closing mark (the quote runs on)
    closed: bool = True
    #: "quote", or "scare" / "title" for marked words that are nobody's speech
    kind: str = "quote"


def find_quotations(paragraph: str) -> list[Quotation]:
    """Every direct quotation in a paragraph, outer ones first, each followed by those nested in it."""
    return [q for q in find_marked(paragraph) if q.kind == "quote"]


def find_marked(paragraph: str) -> list[Quotation]:
    """Every span in quotation marks, outer ones first, each labelled quote, scare or title."""
    found: list[Quotation] = []
    start: int | None = None
    closers = ""
    opener = ""
    # only the marks matter: jumping from one to the next skips the letters between, which a
    # character-by-character scan made the largest cost of checking a long article
    for found_mark in _ANY_MARK.finditer(paragraph):
        i, ch = found_mark.start(), found_mark.group()
        if start is None:
            if ch in _OUTER and (ch != "‘" or _opens_single(paragraph, i)) and not (ch == "\"" and paragraph[i - 1: i].isdigit()):
                start, closers, opener = i + 1, _OUTER[ch], ch  # (a 12" pipe: an inch mark opens nothing)
        elif ch in closers and (ch not in _SINGLES or _closes_single(paragraph, i)):
            found.extend(_labelled(paragraph, Quotation(start, i, paragraph[start:i]), opener))
            start = None
    if start is not None:  # the quotation runs on into the next paragraph
        q = Quotation(start, len(paragraph), paragraph[start:], closed=False)
        found.extend(_labelled(paragraph, q, opener))
    return found


def _labelled(paragraph: str, outer: Quotation, opener: str) -> list[Quotation]:
    """An outer quotation and those nested in it, each with its kind."""
    kind = _kind(paragraph, outer.start, outer.end, 0, len(paragraph))
    out = [Quotation(outer.start, outer.end, outer.text, False, outer.closed, kind)]
    for q in _nested(paragraph, outer.start, outer.end, _INNER[opener]):
        # words nested in a scare quote or a title are nobody's speech either
        inner_kind = kind if kind != "quote" else _kind(paragraph, q.start, q.end, outer.start, outer.end)
        out.append(Quotation(q.start, q.end, q.text, True, q.closed, inner_kind))
    return out


def _nested(paragraph: str, lo: int, hi: int, openers: str) -> list[Quotation]:
    """Quotations nested inside paragraph[lo:hi], marked by the given opening marks."""
    out: list[Quotation] = []
    start: int | None = None
    closers = ""
    for i in range(lo, hi):
        ch = paragraph[i]
        if start is None:
            if ch in openers and (ch not in _SINGLES or _opens_single(paragraph, i)):
                start, closers = i + 1, _NESTED_CLOSE[ch]
        elif ch in closers and (ch not in _SINGLES or _closes_single(paragraph, i)):
            out.append(Quotation(start, i, paragraph[start:i], nested=True))
            start = None
    return out


def _opens_single(text: str, i: int) -> bool:
    """True when a single mark at i opens a quotation rather than standing in a word (’90s, don’t)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace()


def _closes_single(text: str, i: int) -> bool:
    """True when a single mark at i closes a quotation: it is not an apostrophe inside a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalpha()


def _kind(paragraph: str, start: int, end: int, lo: int, hi: int) -> str:
    """Whether the marked words paragraph[start:end] are a quote, a scare quote or a title.

    [lo, hi) is the text around them that counts: the paragraph, or the quotation they are
    nested in.
    """
    words = core(paragraph[start:end]).split()
    # what comes before, up to a sentence's length: every test below looks at its end only, and
    # the whole prefix for each quotation made a paragraph of many quotations quadratic to check
    before = paragraph[max(lo, start - 1 - _WINDOW): max(lo, start - 1)]
    if not words:
        return "quote"
    # the cue ends `before` and is a few words long
    if _SCARE_CUE.search(before.rstrip()[-48:]):
        return "scare"
    # words that open a sentence, or carry punctuation of their own, are someone's speech
    if not before.strip() or before.rstrip()[-1] in ".!?:" or re.search(r"[.!?;:,]", " ".join(words)):
        return "quote"
    if SPEECH_VERB.search(_sentence_around(paragraph, start, end, lo, hi)):
        return "quote"  # a partial quote: she called it “a fiction built after the fact”
    tail = {w.strip(",;:(").lower() for w in before.split()[-3:]}
    if len(words) <= 10 and _TITLE_NOUNS & tail:
        return "title"
    if len(words) <= 4 and words[0][:1].islower():
        return "scare"
    if len(words) <= 8 and _title_case(words):
        return "title"
    return "quote"


def _sentence_around(paragraph: str, start: int, end: int, lo: int, hi: int) -> str:
    """The sentence within paragraph[lo:hi] that holds the marked words, the words cut out."""
    # a sentence is looked for within _WINDOW characters on either side (see _kind)
    left, right = paragraph[max(lo, start - _WINDOW):start], paragraph[end:min(hi, end + _WINDOW)]
    left_ends, right_ends = sentence_ends(left), sentence_ends(right)
    return left[left_ends[-1] if left_ends else 0:] + " " + right[: right_ends[0] if right_ends else len(right)]


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence-ending mark that is not an abbreviation's full stop."""
    ends = []
    for m in re.finditer(r"[.!?…]+(?=\s|$)", text):
        # the word before the mark, from a bounded look back (the whole text each time was cubic)
        word = re.search(r"([\w.’']+)$", text[max(0, m.start() - _TOKEN): m.start()])
        token = word.group(1).lower() if word else ""
        if m.group(0) == "." and (token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token) or "." in token):
            continue  # Mr. Smith, Jan. 9, U.S. forces, J. Smith
        ends.append(m.end())
    return ends


def _title_case(words: list[str]) -> bool:
    """True when every word but the small ones starts with a capital, as titles do."""
    letters = [w.strip("“”\"‘’'«»(),.") for w in words]
    return all(w[:1].isupper() for w in letters if w and w.lower() not in _SMALL_WORDS) and letters[0][:1].isupper()


def core(text: str) -> str:
    """A quotation's words without the comma that closes it before the attribution."""
    return text.rstrip().rstrip(",").rstrip()
