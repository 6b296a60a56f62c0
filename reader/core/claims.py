"""A fact says nothing its span does not: the key-word check `reader check` runs on every fact.

Each key word of a fact's value (a number, a name, a content word) must occur in its verbatim
source span, allowing the spellings a journalist would accept as the same (two / 2, Jan. /
January, wounded / wounds). Kept apart from the fact proposer (facts.py), whose many patterns
the check does not need, so `reader check` and `reader export` stay quick to start.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
    "fourteen": "14", "fifteen": "15", "sixteen": "16", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "hundred": "100", "dozen": "12", "single": "1", "lone": "1", "once": "1", "twice": "2",
}
_MONTHS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
    "dec": "december",
}
# words that carry no claim of their own: a value may use them freely
_STOP = frozenset(
    """a an the of for to from in on at by with and or but as is are was were be been being it its his her
    their our my your this that these those who which what when where how than then so not no nor
    about around after before during over under into onto per each every all some any other another
    has have had do does did can could may might will would shall should must very also only just
    he she they we you i him them us me one's via""".split()
)
_WORD = re.compile(r"[\w’'.-]+")
def _norm(word: str) -> str:
    """A word in the form words are compared in: lowercase, one apostrophe, numbers as digits."""
    w = word.lower().replace("’", "'").strip(".,;:'-")
    w = w.removesuffix("'s")
    return _MONTHS.get(w, _NUMBER_WORDS.get(w, w))


def _words(text: str) -> list[str]:
    """The compared forms of a text's words; hyphenated words also count by their parts (27-year-old)."""
    out: list[str] = []
    for raw in _WORD.findall(text):
        whole = _norm(raw)
        if whole:
            out.append(whole)
        if "-" in raw.strip("-"):
            out.extend(p for p in (_norm(part) for part in raw.split("-")) if p)
    return out


def _same(word: str, options: frozenset[str]) -> bool:
    """True when a word of the value stands in the span, as is or as another form of itself."""
    if word in options:
        return True
    if len(word) < 5 or word.isdigit():
        return False
    stem = word[:5]  # wounded / wounds, anonymous / anonymity: one stem, one claim
    return any(len(o) >= 5 and o[:5] == stem for o in options)


def span_words(source: str) -> frozenset[str]:
    """The compared forms of a span's words, for unsupported_words (worked out once for a text asked about often)."""
    return frozenset(_words(source))


def unsupported_words(value: str, source: str, *, span: frozenset[str] | None = None) -> list[str]:
    """The key words of a fact's value that its source span does not give, in the value's spelling.

    `span`, when given, is span_words(source) already worked out: asking about a whole
    paragraph once per fact in it made a long paragraph's import quadratic.
    """
    if span is None:
        span = span_words(source)
    missing: list[str] = []
    for raw in _WORD.findall(value):
        word = _norm(raw)
        if not word or word in _STOP or (len(word) < 3 and not word.isdigit()):
            continue
        if "-" in word and all(_same(p, span) or p in _STOP for p in (_norm(x) for x in raw.split("-")) if p):
            continue
        if not _same(word, span):
            missing.append(raw.strip(".,;:"))
    return missing
