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

from .lazyre import LazyPattern
from .record import Record, setfield

TYPE_CHECKING = False  # typing's own flag without importing typing: check and export are timed
if TYPE_CHECKING:
    from collections.abc import Iterator

# opening mark -> the marks that close it
_OUTER = {"“": "”\"", "\"": "\"”", "„": "“”\"", "«": "»", "‘": "’"}
# inside a quotation opened by the key, these open a nested one (closers as in _NESTED_CLOSE)
_INNER = {"“": "‘'‹", "\"": "‘'‹", "„": "‚‘'‹", "«": "“„‹‘'\"", "‘": "“\"", "'": "‹"}
_NESTED_CLOSE = {"‘": "’", "'": "'", "‹": "›", "“": "”\"", "„": "“”", "\"": "\"", "‚": "‘’"}
_SINGLES = "‘’'‚"
# every mark that opens or closes an outer quotation: the only characters find_marked looks at
_ANY_MARK = LazyPattern("[" + re.escape("".join(sorted(set(_OUTER).union(*_OUTER.values())) + ["'"])) + "]")
_DOUBLE_MARK = LazyPattern("[“”\"„«»]")

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
    # reporting verbs of court, official and written copy
    "ask", "alleged", "alleges", "stated", "states", "reported", "reports", "introduced", "contended", "contends",
    "maintained", "maintains", "asserted", "asserts", "commented", "emphasized", "emphasised", "testifies", "lamented",
    "quipped", "explaining", "noting", "warning", "arguing", "insisting", "acknowledging", "remarked",
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt maj st jan feb mar apr jun jul aug sep sept oct nov dec no vs etc "
    "a.m p.m u.s u.k inc ltd jr sr rev gov sen rep cpl adm cmdr".split()
)
SPEECH_VERB = LazyPattern(r"\b(?:" + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True)) + r")\b", re.I)

# what marks the words that follow as a label, not as anyone's speech
_SCARE_CUE = LazyPattern(
    r"\b(?:so-called|so called|dubbed|nicknamed|known as|termed|branded|labell?ed"
    r"|the (?:word|words|term|phrase|label|slogan|expression))\s*$",
    re.I,
)
_TITLE_NOUNS = frozenset(
    "book novel memoir film movie documentary song album play musical series show programme program report study "
    "paper article column essay poem podcast episode exhibition exhibit painting headline titled entitled "
    "headlined opera single".split()
)
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with".split())


class Quotation(Record):
    """The inner text of one quotation found in a paragraph, with its offsets."""

    __slots__ = ("start", "end", "text", "nested", "closed", "kind")
    start: int
    end: int
    text: str
    nested: bool
    #: False when the paragraph ends before the closing mark (the quote runs on)
    closed: bool
    #: "quote", or "scare" / "name" / "title" / "empty" for marked words that are nobody's speech
    kind: str

    def __init__(self, start: int, end: int, text: str, nested: bool = False, closed: bool = True, kind: str = "quote") -> None:
        setfield(self, "start", start)
        setfield(self, "end", end)
        setfield(self, "text", text)
        setfield(self, "nested", nested)
        setfield(self, "closed", closed)
        setfield(self, "kind", kind)


def find_quotations(paragraph: str) -> list[Quotation]:
    """Every direct quotation in a paragraph, outer ones first, each followed by those nested in it."""
    return [q for q in find_marked(paragraph) if q.kind == "quote"]


def find_marked(paragraph: str) -> list[Quotation]:
    """Every span in quotation marks, outer ones first, each labelled quote, scare, name, title or empty."""
    found: list[Quotation] = []
    start: int | None = None
    closers = ""
    opener = ""
    # straight single marks are outer marks only in a text that uses no double ones
    singles_outer = _DOUBLE_MARK.search(paragraph) is None
    first = True
    # only the marks matter: jumping from one to the next skips the letters between, which a
    # character-by-character scan made the largest cost of checking a long article
    for found_mark in _ANY_MARK.finditer(paragraph):
        i, ch = found_mark.start(), found_mark.group()
        if start is None:
            if first and _closes_unopened(paragraph, i, ch):
                # a closing mark with no opening one: the quotation opened with the paragraph
                found.extend(_labelled(paragraph, Quotation(0, i, paragraph[:i]), "“"))
            elif ch == "'":
                if singles_outer and _opens_single(paragraph, i) and paragraph[i + 1: i + 2].isalpha():
                    start, closers, opener = i + 1, "'", "'"
            elif ch in _OUTER and (ch != "‘" or _opens_single(paragraph, i)) and not (ch == "\"" and paragraph[i - 1: i].isdigit()):
                start, closers, opener = i + 1, _OUTER[ch], ch  # (a 12" pipe: an inch mark opens nothing)
        elif ch in closers and (ch not in _SINGLES or _closes_single(paragraph, i)):
            found.extend(_labelled(paragraph, Quotation(start, i, paragraph[start:i]), opener))
            start = None
        if ch != "'" or start is not None:
            first = False
    if start is not None and opener != "'":  # the quotation runs on into the next paragraph
        q = Quotation(start, len(paragraph), paragraph[start:], closed=False)
        found.extend(_labelled(paragraph, q, opener))
    return found


def _closes_unopened(paragraph: str, i: int, ch: str) -> bool:
    """True when the paragraph's first mark closes a quotation it never opened (We will win,” he said)."""
    if ch in "”»":
        return bool(paragraph[:i].strip())
    if ch == "\"" and i > 0 and not paragraph[i - 1].isspace() and paragraph[i - 1] in ",.!?…—–-":
        # a straight mark right after the quote's own punctuation, and an odd number of them
        return paragraph.count("\"") % 2 == 1
    return False


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


#: Marked words this short inside the reporter's own sentence are scare quotes, names or
#: labels ("improper", "Three Amigos"); they count as a quotation only when they are a whole
#: utterance set off with its own attribution ("That's correct," Volker said).
SHORT_WORDS = 3
# an attribution right after a short quote: ", Volker said" / "said Volker" / "she said"
_CLAUSE_AFTER = LazyPattern(
    r"^\s*[,—–-]?\s*(?:(?:[A-Z][\w’'.-]*|he|she|they|I|we|it)(?:\s+[A-Z][\w’'.-]*){0,3}\s+(?:\w+ly\s+)?" + SPEECH_VERB.pattern
    + r"|" + SPEECH_VERB.pattern + r")",
)


def _kind(paragraph: str, start: int, end: int, lo: int, hi: int) -> str:
    """Whether the marked words paragraph[start:end] are a quote, a scare quote, a name, a title or empty.

    [lo, hi) is the text around them that counts: the paragraph, or the quotation they are
    nested in. Only a bounded stretch on each side is read, so a long paragraph stays linear.
    """
    text = core(paragraph[start:end])
    words = text.split()
    if not words or not any(ch.isalnum() for ch in text):
        return "empty"  # "" or "…": nothing anyone said
    before = paragraph[max(lo, start - 200): max(lo, start - 1)]
    after = paragraph[min(hi, end + 1): min(hi, end + 200)]
    if _SCARE_CUE.search(before):
        return "scare"
    nested = lo > 0 or hi < len(paragraph)
    if len(words) <= SHORT_WORDS and nested:
        # inside a quote, a short word is the quoted person's when a reporting verb hands it over
        # (He called us ‘brothers.’); else it is the speaker's own label (the ‘Giuliani problem’)
        spoken = SPEECH_VERB.search(" ".join(before.split()[-4:])) or _utterance(paragraph[start:end].rstrip(), before, after)
        return "quote" if spoken else "scare"
    if len(words) <= SHORT_WORDS:
        if re.search(r"(?-i:[A-Z])[\w’'.-]*\s*$", before) and re.match(r"\s*(?-i:[A-Z])", after) and _title_case(words):
            return "name"  # Candido “Pop” Badua
        return "quote" if _utterance(paragraph[start:end].rstrip(), before, after) else "scare"
    # words that open a sentence, or carry punctuation of their own, are someone's speech
    if not before.strip() or before.rstrip()[-1] in ".!?:" or re.search(r"[.!?;:,]", text):
        return "quote"
    if SPEECH_VERB.search(_sentence_around(paragraph, start, end, lo, hi)):
        return "quote"  # a partial quote: she called it “a fiction built after the fact”
    tail = {w.strip(",;:(").lower() for w in before.split()[-3:]}
    if len(words) <= 10 and _TITLE_NOUNS & tail:
        return "title"
    if nested and len(words) <= 4 and words[0][:1].islower():
        return "scare"  # inside a quote, a short lowercase phrase without a speech verb is the speaker's own irony
    if len(words) <= 8 and _title_case(words):
        return "title"
    return "quote"  # a partial quotation woven into the reporter's sentence


def _utterance(text: str, before: str, after: str) -> bool:
    """True when a short quote is a whole utterance with its own attribution, not words inside a sentence."""
    lead = before.rstrip()
    opens = not lead or lead[-1] in ".!?:;—–(" or lead[-1] in "”\"’'"
    introduced = bool(lead) and lead[-1] in ",:" and bool(SPEECH_VERB.search(" ".join(lead.split()[-4:])))
    if introduced:
        return True  # I said, ‘I want more.’
    ends = text[-1] in ",.!?…—–" or after[:1] in ",—–"
    if opens and text[-1] in ".!?…" and lead and SPEECH_VERB.search(lead[-80:]):
        return True  # a short sentence after the speaker's attributed words: “…,” he told me. “It did not.”
    # the attribution follows at once (“…,” Volker said) or closes the same sentence (“…,” and never retreat, he said)
    # the cheap search first: the clause's pattern is large to compile and rarely decides
    return opens and ends and bool(SPEECH_VERB.search(after[: first_sentence_end(after)]) or _CLAUSE_AFTER.match(after))


def _sentence_around(paragraph: str, start: int, end: int, lo: int, hi: int) -> str:
    """The sentence within paragraph[lo:hi] that holds the marked words, the words cut out."""
    left = paragraph[max(lo, start - SENTENCE_WINDOW): start]
    right = paragraph[end: min(hi, end + SENTENCE_WINDOW)]
    return left[last_sentence_start(left):] + " " + right[: first_sentence_end(right)]


#: How far to look for a sentence's edge: a longer "sentence" (a run-on page, a list) is read
#: from this window only, which keeps each look bounded and the whole import linear.
SENTENCE_WINDOW = 800


def _ends(text: str) -> Iterator[int]:
    """Offsets just after each sentence-ending mark of text, in order (abbreviations skipped)."""
    for m in re.finditer(r"[.!?…]+(?=\s|$)", text):
        # the word before the mark, from a short window: a regex anchored at the end of the
        # whole prefix would scan all of it, once per full stop
        word = re.search(r"([\w.’']+)$", text[max(0, m.start() - 40): m.start()])
        token = word.group(1).lower() if word else ""
        if m.group(0) == "." and (token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token) or "." in token):
            continue  # Mr. Smith, Jan. 9, U.S. forces, J. Smith
        yield m.end()


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence-ending mark that is not an abbreviation's full stop."""
    return list(_ends(text))


def first_sentence_end(text: str) -> int:
    """Where the first sentence of text ends (its length when none does)."""
    return next(_ends(text[:SENTENCE_WINDOW]), min(len(text), SENTENCE_WINDOW))


def last_sentence_start(text: str) -> int:
    """Where the last sentence of text starts (looking back at most SENTENCE_WINDOW characters)."""
    lo = max(0, len(text) - SENTENCE_WINDOW)
    ends = sentence_ends(text[lo:])
    return lo + ends[-1] if ends else lo


def _title_case(words: list[str]) -> bool:
    """True when every word but the small ones starts with a capital, as titles do."""
    letters = [w.strip("“”\"‘’'«»(),.") for w in words]
    return all(w[:1].isupper() for w in letters if w and w.lower() not in _SMALL_WORDS) and letters[0][:1].isupper()


def core(text: str) -> str:
    """A quotation's words without the comma that closes it before the attribution."""
    return text.rstrip().rstrip(",").rstrip()
