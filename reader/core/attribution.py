"""Attributing direct quotations to speakers, by rules that say what they did and how sure they are.

The rules read the narration around each quotation (the paragraph with its quotations cut
out) the way a reader does:

- a reporting clause beside the quote: “…,” X said / said X / X told … / recalled X /
  according to X, or before it: X said: “…”;
- the speaker as the text names them: a name (with the appositive that says who they are:
  `27-year-old paratrooper Maksym Didorchuk`, `Jane Roe, a nurse`), a description
  (`a Ukrainian soldier who …`, later `the soldier`), a pronoun (`he said`: the last person
  in view whose gender fits) or the first person (`I asked`: the reporter);
- a quote without a clause of its own takes the speaker of its paragraph, or of the quote that
  runs on across paragraphs; a paragraph-long quote with no cue takes the person the narration
  just before says is speaking, else (floating) the speaker of the last attributed quote; a
  quote at the very start whose speaker comes later takes the person the next paragraph
  introduces;
- words quoted inside a quote belong to whoever the quote says spoke them (`I told him, ‘…’`
  is the speaker; `My husband said, “…”` is the husband; `he texted me, ‘…’` is the last
  other person the narration mentioned).

One person mentioned several ways (`Maksym Didorchuk`, `Didorchuk`, `he`) is one speaker.
What no rule attributes is given to an unknown speaker and marked for review.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Collection, Sequence

from .quotes import SPEECH_VERB, Quotation, core, find_quotations, first_sentence_end, last_sentence_start

# -- word lists: general English, nothing from any one article -------------------------------
_PRONOUNS: dict[str, str | None] = {"he": "m", "she": "f", "they": None}
_FIRST_PERSON = frozenset({"i", "we"})
_INDEFINITE = frozenset({"a", "an", "one", "another", "some"})
_POSSESSIVE = frozenset({"his", "her", "their", "my", "our", "its", "your", "whose"})
_DETERMINERS = _INDEFINITE | _POSSESSIVE | {"the", "this", "that"}
_RELATIVE = ("who", "whose", "which")
# words that end a noun phrase read backwards from a reporting verb
_CLAUSE_WORDS = frozenset(
    "and but or so then as when that which who whom while because if though although where after before "
    "since until once also now still yet just even only later finally again here there not never".split()
)
# words between a speaker and the reporting verb (she later said, my customers keep telling me)
_BETWEEN = frozenset(
    "keep keeps kept would will had has have was were is are did does do could can might may must should "
    "began begin begins started start starts went go goes later then also again once finally never".split()
)
# prepositions that may stand inside a speaker's description (the landlord of the Boat Inn)
_NP_PREPOSITIONS = frozenset({"of", "for"})
# titles before a name, with the gender they give away
_TITLES: dict[str, str | None] = {
    **dict.fromkeys(
        "dr prof professor judge justice mayor president minister senator sen rep representative gov governor gen "
        "general col colonel maj major capt captain lt lieutenant sgt sergeant cpl corporal adm admiral cmdr commander "
        "chief officer detective inspector sheriff rev reverend rabbi imam pastor bishop councilmember councillor "
        "commissioner superintendent ambassador secretary chancellor dean prosecutor coach trooper deputy "
        "attorney envoy premier".split()),
    **dict.fromkeys("mr father councilman king prince lord sir".split(), "m"),
    **dict.fromkeys("mrs ms miss sister councilwoman queen princess lady dame".split(), "f"),
}
# capitalised words that are never a person's name, though they stand beside names (said Tuesday)
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december today tonight yesterday tomorrow".split()
)
# words that open a sentence with a capital and are no part of the name after them (Yet Sondland …)
_OPENERS = frozenset(
    "yet but and so still then when while after before as if though although meanwhile instead however also even "
    "only now here there both neither either for with without under over on in at by from to of since until "
    "once because like unlike despite during among asked told".split()
)
_PARTICLES = frozenset("von van der den de da di du la le al el bin ben ibn dos del".split())
_GENDERED: dict[str, str] = {
    **dict.fromkeys(
        "man boy son father dad husband brother grandfather grandson uncle nephew widower spokesman chairman "
        "fisherman businessman monk boyfriend".split(), "m"),
    **dict.fromkeys(
        "woman girl daughter mother mum mom wife sister grandmother granddaughter aunt niece widow spokeswoman "
        "chairwoman nun landlady waitress actress businesswoman girlfriend".split(), "f"),
}
_PERSON_NOUNS = frozenset(_GENDERED) | frozenset(
    "child neighbour neighbor friend colleague partner fiancé fiancée soldier officer commander paratrooper "
    "sergeant captain general colonel lieutenant marine pilot sniper medic driver prisoner captive detainee "
    "volunteer resident villager farmer teacher schoolteacher nurse doctor surgeon paramedic firefighter worker "
    "engineer mechanic owner shopkeeper landlord manager director spokesperson official minister president "
    "mayor governor senator judge prosecutor lawyer attorney witness victim survivor student pupil teenager "
    "refugee activist protester journalist reporter photographer priest pastor imam rabbi chef baker butcher "
    "miner guard ranger scientist researcher professor analyst expert economist historian author writer "
    "artist musician singer actor coach player patient passenger pensioner retiree veteran chief leader "
    "organiser organizer founder councillor lawmaker diplomat ambassador agent detective inspector "
    "investigator interpreter translator guide commandant gunner fighter conscript recruit "
    # everyday people of local copy
    "cyclist rider runner swimmer driver commuter shopper customer client parent fan supporter employee staffer "
    "florist grocer vendor trader dealer builder plumber electrician carpenter cleaner cashier waiter bartender "
    "barber hairdresser tenant homeowner landowner neighbor councilman councilwoman alderman trustee chairman "
    "chair ceo executive founder cofounder co-founder spokesman spokeswoman representative adviser advisor "
    "consultant strategist pollster candidate voter senator congressman congresswoman defenseman forward "
    "goalie goalkeeper quarterback pitcher striker midfielder captain skipper manager trainer referee umpire "
    "athlete champion golfer boxer wrestler jockey sophomore junior senior freshman graduate alumnus alumna".split()
)
_PERSON_NOUN = re.compile(r"\b(?:" + "|".join(sorted(_PERSON_NOUNS, key=len, reverse=True)) + r")\b", re.I)
_AGE = re.compile(r"^\d{1,3}$")

#: rule name -> (what it means, the confidence it gives)
RULES: dict[str, tuple[str, float]] = {
    "cue-after": ("a reporting clause after the quote (“…,” X said / said X / X told …)", 0.95),
    "cue-before": ("a reporting clause before the quote (X said: “…”)", 0.9),
    "according-to": ("‘according to X’ beside the quote", 0.9),
    "same-paragraph": ("no clause of its own: the speaker of the other quote in its paragraph", 0.85),
    "continued-quote": ("a quote that runs on across paragraphs: the speaker named in another of them", 0.85),
    "paragraph-clause": ("no clause beside the quote: the reporting clause later in its paragraph (…, Cook said.)", 0.75),
    "introduced-after": ("a quote before its speaker: the person the next paragraph introduces", 0.75),
    "after-narration": ("a quote paragraph with no cue, after narration that says who speaks (X says …)", 0.75),
    "floating": ("a quote paragraph with no cue: the speaker of the last attributed quote", 0.65),
    "reported-self": ("words quoted inside a quote, reported by its speaker in the first person (I told him, ‘…’)", 0.9),
    "reported-named": ("words quoted inside a quote, spoken by the person the quote names (My husband said, “…”)", 0.8),
    "reported-pronoun": ("words quoted inside a quote after ‘he/she …’: the last other person the narration mentioned", 0.55),
    "reported-no-cue": ("words quoted inside a quote with no reporting clause: the quote's speaker", 0.5),
    "unattributed": ("no rule found a speaker", 0.0),
}
#: how much of the rule's confidence each way of naming the speaker keeps
_RESOLUTION = {
    "named": 1.0, "matched-name": 1.0, "described": 0.95, "matched-description": 0.9, "pronoun": 0.9, "pronoun-subject": 0.85,
    "pronoun-ambiguous": 0.7, "pronoun-recent": 0.6,
    "first-person": 0.95, "reporter": 0.95, "new-description": 0.85, "epithet": 0.65, "unknown": 0.0,
}
#: below this confidence a guess is marked needs_review
REVIEW_BELOW = 0.7


@dataclass(eq=False)  # a person is who they are, not what is known of them so far
class Person:
    """Someone the text mentions, quoted or not yet; filled in while the text is read."""

    name: str
    role: str
    kind: str  # named | described | reporter | unknown
    head: str  # the surname, or the head noun of a description
    anonymous: bool
    rule: str
    confidence: float
    gender: str | None = None
    mentions: list[str] = field(default_factory=list)
    salient: bool = True  # named, quoted, or a sentence's subject: a pronoun may point here
    last: int = 0  # when it was last mentioned (a running count)
    subject_at: int = -1  # when it was last the subject of a sentence or a reporting clause
    quoted: bool = False
    id: str = ""
    # words of (name, role), kept until either changes: descriptions are matched against them at every mention
    _words: tuple[str, str, frozenset[str]] = field(default=("", "", frozenset()), repr=False)

    @property
    def words(self) -> frozenset[str]:
        """The lowercased words of its name and role, for matching descriptions."""
        name, role, words = self._words
        if name != self.name or role != self.role or not words:
            words = frozenset(re.findall(r"[\w’'-]+", f"{self.name} {self.role}".lower()))
            self._words = (self.name, self.role, words)
        return words

    def mention(self, text: str, when: int) -> None:
        """Record one more mention of this person."""
        if text and text not in self.mentions:
            self.mentions.append(text)
        self.last = when


@dataclass(frozen=True)
class Guess:
    """One quotation with the speaker a rule gave it."""

    paragraph: int
    quotation: Quotation
    text: str
    speaker: Person
    rule: str
    confidence: float
    note: str

    @property
    def needs_review(self) -> bool:
        """True when the editor should check this attribution."""
        return self.speaker.kind == "unknown" or self.confidence < REVIEW_BELOW


@dataclass(frozen=True)
class NounPhrase:
    """A way the text names someone: what was written, and what it tells about them."""

    text: str
    start: int  # offset in the paragraph
    form: str  # pronoun | first | named | definite | indefinite
    name: str  # the proper name, or the description without its determiner
    head: str
    role: str = ""
    gender: str | None = None
    subject: bool = True  # False for a description in the middle of a sentence (the captured man)


@dataclass(frozen=True)
class Cue:
    """A reporting clause found beside a quotation."""

    np: NounPhrase
    rule: str
    text: str


@dataclass(frozen=True)
class Pick:
    """A speaker chosen for a quote, by which rule, how surely, and on what evidence."""

    person: Person
    rule: str
    confidence: float
    note: str

    def weaker(self, rule: str) -> Pick:
        """The same speaker passed on by another rule, no surer than that rule."""
        return Pick(self.person, rule, min(self.confidence, RULES[rule][1]), self.note)


# -- sentences --------------------------------------------------------------------------------
def _last_sentence(text: str) -> int:
    """Where the last sentence of text starts (bounded: see SENTENCE_WINDOW)."""
    return last_sentence_start(text)


def _first_sentence_end(text: str) -> int:
    """Where the first sentence of text ends (bounded: see SENTENCE_WINDOW)."""
    return first_sentence_end(text)


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding text[pos] starts, looking back no further than 600 characters."""
    lo = max(0, pos - 600)
    return lo + _last_sentence(text[lo:pos])


# -- noun phrases -----------------------------------------------------------------------------
def _bare(word: str) -> str:
    """A word without the punctuation around it."""
    return word.strip(".,;:!?()“”\"‘’'«»„—–")


def _is_cap(word: str) -> bool:
    """True for a capitalised word (a name's part), not an all-caps dateline."""
    w = _bare(word)
    return bool(w) and w[0].isupper() and not (len(w) > 3 and w.isupper())


_GENDER_PRONOUNS = {**dict.fromkeys(("he", "his", "him", "himself"), "m"), **dict.fromkeys(("she", "her", "hers", "herself"), "f")}


def _role_gender(role: str) -> str | None:
    """A gender a role gives away: a noun (mother, husband), or a pronoun in its relative clause (who … her campaign).

    A possessive that opens an appositive (her neighbour) is someone else's, so it says nothing.
    """
    words = re.findall(r"[\w’'-]+", role.lower())
    if noun := next((_GENDERED[w] for w in words if w in _GENDERED), None):
        return noun
    clause = words[words.index("who") + 1:] if "who" in words else []
    return next((_GENDER_PRONOUNS[w] for w in clause if w in _GENDER_PRONOUNS), None)


def _pronoun_after(narration: str, end: int) -> str | None:
    """The gender of the first he/his/she/her after a name in its sentence, if no other name comes first."""
    rest = narration[end: end + _first_sentence_end(narration[end: end + 600])]
    m = re.search(r"\b(?:he|his|him|himself|she|her|hers|herself)\b|(?<![.!?]\s)\b[A-Z][a-z]+\s+[A-Z][a-z]+", rest)
    return _GENDER_PRONOUNS.get(m.group(0).lower()) if m else None


def _split_name(words: list[str]) -> tuple[list[str], list[str], str | None]:
    """Split a named phrase into the role before the name, the name, and a gender its title gives."""
    i = len(words)  # the name is the run of capitalised words (and particles) that ends the phrase
    while i > 0 and (_is_cap(words[i - 1]) or (words[i - 1].lower() in _PARTICLES and i < len(words))):
        i -= 1
    role, name = words[:i], words[i:]
    while name and _bare(name[-1]).lower().removesuffix("’s").removesuffix("'s") in _NOT_NAMES:
        name = name[:-1]  # "Trump July": a name, then a date
    while len(name) > 1 and _bare(name[0]).lower() in _NOT_NAMES | _OPENERS:
        name = name[1:]
    gender = None
    while len(name) > 1 and (title := _bare(name[0]).lower()) in _TITLES:
        gender = gender or _TITLES[title]
        role.append(name[0] if name[0].endswith(".") else _bare(name[0]))
        name = name[1:]
    return role, name, gender


def _phrase(words: list[str], start: int, extra_role: str = "") -> NounPhrase | None:
    """Classify the words that name someone: a pronoun, the first person, a name or a description."""
    words = [w for w in words if _bare(w)]
    if not words:
        return None
    text = " ".join(words)
    first = _bare(words[0]).lower()
    if len(words) == 1 and first in _PRONOUNS:
        return NounPhrase(text, start, "pronoun", first, first, gender=_PRONOUNS[first])
    if len(words) == 1 and first in _FIRST_PERSON:
        return NounPhrase(text, start, "first", first, first)
    if first in _DETERMINERS:
        body = words[1:]
        if not body:
            return None
        head_words = next((body[:k] for k, w in enumerate(body) if w.lower() in _NP_PREPOSITIONS), body) or body
        if all(_is_cap(w) for w in head_words):
            # "the Associated Press": an organisation, named with its article
            organisation = " ".join(_bare(w) for w in words)
            return NounPhrase(text, start, "named", organisation, _bare(head_words[-1]).lower(), extra_role)
        head = _bare(head_words[-1]).lower()
        described = _bare(text[len(words[0]):].strip())
        described = described[:1].upper() + described[1:]
        form = "indefinite" if first in _INDEFINITE else "definite"
        return NounPhrase(text, start, form, described, head, extra_role or text, _GENDERED.get(head))
    role, name, gender = _split_name(words)
    if name:
        role_text = ", ".join(p for p in (" ".join(role), extra_role) if p)
        head = _bare(name[-1]).lower().removesuffix("’s").removesuffix("'s")
        return NounPhrase(text, start, "named", " ".join(_bare(w) for w in name), head, role_text,
                          gender or _role_gender(role_text))
    if len(words) <= 4 and _bare(words[-1]).lower() in _PERSON_NOUNS:
        # "police officer": a description without a determiner
        head = _bare(words[-1]).lower()
        return NounPhrase(text, start, "indefinite", _bare(text[:1].upper() + text[1:]), head, extra_role or text,
                          _GENDERED.get(head))
    return None


def _np_before(text: str, offset: int) -> NounPhrase | None:
    """The noun phrase that ends text: the subject of the reporting verb right after it."""
    boundary = max(text.rfind(c) for c in ",;:—–(")
    clause = text[boundary + 1:]
    words = clause.split()
    while words and (_bare(words[-1]).lower().endswith("ly") or _bare(words[-1]).lower() in _BETWEEN):
        words.pop()
    if not words:
        # "Smith, the mayor, said": the name and its appositive are the pieces before the verb
        pieces = [p.strip() for p in re.split(r"[,;:—–(]", text[:boundary])][-2:] if boundary > 0 else []
        return _appositive_pair(pieces, text, offset)
    if _bare(words[-1]).lower() in _PRONOUNS.keys() | _FIRST_PERSON:
        return _phrase([words[-1]], offset + text.rfind(words[-1]))
    taken: list[str] = []
    for k in range(len(words) - 1, -1, -1):
        low = _bare(words[k]).lower()
        if low in _CLAUSE_WORDS and not _is_cap(words[k]):
            break
        taken.insert(0, words[k])
        if low in _DETERMINERS and not (k > 0 and words[k - 1].lower() in _NP_PREPOSITIONS):
            break
        if len(taken) > 10:
            return None
    if not taken:
        return None
    np = _phrase(taken, offset + boundary + 1 + clause.find(taken[0]))
    if np and np.form == "named" and boundary > 0:
        # an appositive just before the name: "the agency’s area manager, Claire Hughes, told …"
        before = re.split(r"[,;:—–(]", text[:boundary])[-1].strip()
        if before and _bare(before.split()[0]).lower() in _DETERMINERS - {"one", "another", "some"}:
            role = ", ".join(p for p in (before, np.role) if p)
            np = NounPhrase(np.text, np.start, np.form, np.name, np.head, role, np.gender or _role_gender(before))
    return np


_AFFILIATION = re.compile(r"^(?:[DRI]|Dem|Rep|Ind)-[A-Z][\w.]*$|^\d{1,3}$")
_SUBJECT = re.compile(
    r"(?:(?i:the|a|an)\s+)?(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*(?=\s+[a-z])|(?i:he|she|they|I|we)\b"
)


def _subject(text: str, offset: int) -> NounPhrase | None:
    """The subject of a clause: its first name, description or pronoun, past an opening phrase (After the hearing, Hawk Sawyer …)."""
    pos = 0
    for piece in text.split(","):
        stripped = piece.lstrip()
        start = pos + len(piece) - len(stripped)
        pos += len(piece) + 1
        first = stripped.split()[0].lower() if stripped.split() else ""
        if not first or first in _OPENERS or first in _RELATIVE:
            continue
        m = _SUBJECT.match(stripped)
        if m:
            np = _phrase(m.group(0).split(), offset + start)
            if np is not None and np.form in ("named", "pronoun", "first", "definite"):
                return np
        return None  # the first clause that is not an opening phrase has no subject we can read
    return None


def _appositive_pair(pieces: list[str], text: str, offset: int) -> NounPhrase | None:
    """A name and its appositive given as comma-separated pieces, in either order."""
    # a party and state (R-Neb.) or an age stands beside a name; it is not one
    named = [p for p in pieces if p and not _AFFILIATION.match(p.strip()) and (np := _phrase(p.split(), 0)) and np.form == "named"]
    if named:
        name = named[-1]
        others = ", ".join(p for p in pieces if p and p != name)
        return _phrase(name.split(), offset + text.rfind(name), others)
    # "One engineer, who asked not to be named, said …": the phrase before the relative clause
    for piece in reversed(pieces):
        if piece and piece.split()[0].lower() not in _RELATIVE:
            return _phrase(piece.split(), offset + text.rfind(piece))
    return None


def _np_after(text: str, offset: int) -> NounPhrase | None:
    """The noun phrase that opens text (said X, according to X), its appositives as the role."""
    stripped = text.lstrip(" ,")
    start = offset + len(text) - len(stripped)
    m = re.match(
        r"(?P<np>.+?)(?=,|\s+(?:who|whose|which|that|in|on|at|during|after|before|from|to|as|when|while|because|and|but"
        r"|told|said|says|added)\b|[.!?]?$)",
        stripped,
    )
    if not m:
        return None
    head_text = m.group("np").strip()
    role_parts = []
    for piece in re.split(r",\s*", stripped[m.end():].strip(" ,")):
        piece = piece.strip().rstrip(".")
        if not piece:
            continue
        first = piece.split()[0]
        if _AGE.match(piece):
            role_parts.append(piece)
        elif first.lower() in _RELATIVE:
            # keep the clause that says who they are, not the story that follows it
            role_parts.append(re.split(r"\s+(?:and|but|because)\s+", piece)[0])
            break
        elif first.lower() in _DETERMINERS or _is_cap(first):
            role_parts.append(piece)
        else:
            break
    by = re.search(r"\bby\s+(?=[A-Z])", head_text)
    if by:
        # a survey by Penelope Muse Abernathy: the words are the author's
        role_parts.insert(0, head_text[: by.start()].strip())
        start += by.end()
        head_text = head_text[by.end():]
    of = re.match(r"((?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'.-]*)\s+(of|at|from)\s+(.+)$", head_text)
    if of:
        # Jane Roe of the University of X: the name, and where they are from as the role
        role_parts.insert(0, f"{of.group(2)} {of.group(3)}")
        head_text = of.group(1)
    np = _phrase(head_text.split(), start)
    if np is None:
        return None
    if np.form in ("definite", "indefinite"):
        for piece in (x.strip().rstrip(".") for x in re.split(r",\s*", stripped[m.end():])):
            named = _phrase(piece.split(), start)
            if named is not None and named.form == "named" and len(named.name.split()) >= 2:
                # another witness …, former adviser Fiona Hill: the appositive names them
                role = ", ".join([head_text] + [p for p in role_parts if p != piece] + ([named.role] if named.role else []))
                return NounPhrase(named.text, start, "named", named.name, named.head, role, named.gender or _role_gender(role))
        # the description as written, with its relative clause, says best who they are
        described = " ".join([head_text] + role_parts)
        return NounPhrase(np.text, np.start, np.form, np.name, np.head, described, np.gender or _role_gender(described))
    role = ", ".join(p for p in [np.role] + role_parts if p)
    return NounPhrase(np.text, np.start, np.form, np.name, np.head, role, np.gender or _role_gender(role))


def _clause_speaker(pre: str, verb: str, offset: int) -> NounPhrase | None:
    """Who a reporting verb's clause names, from the words before the verb."""
    if verb.lower().endswith("ing") and pre.rstrip().rstrip("’”'\"").endswith(","):
        # X did something, saying “…”: the participle's speaker is the clause's subject
        return _subject(pre, offset) or _np_before(pre, offset)
    return _np_before(pre, offset)


def find_cue(fragment: str, offset: int, before_quote: bool) -> Cue | None:
    """The reporting clause in a piece of narration beside a quote, if there is one."""
    according = re.search(r"\baccording to\s+", fragment, re.I)
    if according and (np := _np_after(fragment[according.end():], offset + according.end())):
        return Cue(np, "according-to", fragment.strip())
    verbs = [m for m in SPEECH_VERB.finditer(fragment) if m.group(0).lower() != "according"]
    if not verbs:
        return None
    # before a quote the clause that introduces it is the last one; after a quote, the first
    verb = verbs[-1] if before_quote else verbs[0]
    pre = fragment[: verb.start()]
    word = verb.group(0).lower()
    np = _clause_speaker(pre, word, offset)
    last_piece = pre.rstrip().rstrip(",").split(",")[-1].split()
    names_itself = bool(last_piece) and len(last_piece) <= 6 and _phrase(last_piece, 0) is not None
    if (not before_quote and pre.rstrip().endswith(",") and re.search(r"\w", pre) and not names_itself
            and not word.endswith("ing") and word not in ("told", "tells", "tell", "asked", "asks", "ask")):
        # “…” despite being in Brussels, said another witness, Fiona Hill: the speaker comes after the verb
        after = _np_after(fragment[verb.end():], offset + verb.end())
        if after is not None and after.form != "pronoun":
            np = after
    if np is None and not re.search(r"\w", pre):
        # said X, only where nothing stands before the verb: “…,” said X (never "X said the plan …")
        if verb.group(0).lower() not in ("told", "tells", "tell"):
            np = _np_after(fragment[verb.end():], offset + verb.end())
    return Cue(np, "cue-before" if before_quote else "cue-after", fragment.strip()) if np else None


# -- narration mentions -----------------------------------------------------------------------
_DESCRIPTION = re.compile(
    r"\b(?:the|his|her|their|my|our|whose)\s+(?:[\w’'-]+\s+){0,3}?" + _PERSON_NOUN.pattern
    + r"(?!\s*[’']s\b)(?:\s+of\s+(?:the\s+)?(?-i:[A-Z][\w’'-]*)(?:\s+(?-i:[A-Z][\w’'-]*))*)?",
    re.I,
)
_NAME_RUN = re.compile(r"(?<![\w’'])[A-Z][\w’'.-]*(?:\s+(?:(?:von|van|der|de|da|di|du|la|le|al|bin)\s+)?[A-Z][\w’'-]*)*")
_APPOSITIVE_AFTER = re.compile(r",\s*(?:\d{1,3}\b|(?:a|an|the|who|whose|one of)\b)")
_ROLE_AFTER = re.compile(r",\s*(\d{1,3}|(?:a|an|the)\s+[^,.;]{1,60})(?=,|\.|;|$)")
_ROLE_BEFORE = re.compile(
    r"(?:^|[.;:—–]\s*|,\s*)((?i:the|his|her|their|a|an)\s+[^,.;:]{1,60}?|[A-Z][\w’'-]*[’']s\s+[^,.;:]{1,40}?),\s*$"
)
_DESCRIPTOR_BEFORE = re.compile(r"(?:^|[\s,])(?i:the|a|an|her|his|their|our|my|its)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s*$")
_LEAD_ROLE = re.compile(
    r"(?:^|[.;:—–,(]\s*|\s)((?:(?i:the|a|an|her|his|their|our|my)\s+)?(?:[\w’'-]+\s+){0,3}?" + _PERSON_NOUN.pattern + r")\s+$", re.I
)
_NOUN_BEFORE = re.compile(_PERSON_NOUN.pattern + r",?\s*$", re.I)


@dataclass(frozen=True)
class _Run:
    """A run of capitalised words, shaped like a regex match (start, end, group)."""

    lo: int
    hi: int
    text: str

    def start(self) -> int:
        """Where the run starts."""
        return self.lo

    def end(self) -> int:
        """Where the run ends."""
        return self.hi

    def group(self, _n: int = 0) -> str:
        """The run's text."""
        return self.text


def _name_runs(narration: str) -> list[_Run]:
    """Runs of capitalised words, cut where a sentence ends inside one (on Friday. She said …)."""
    runs = []
    for m in _NAME_RUN.finditer(narration):
        lo = m.start()
        for w in re.finditer(r"\S+", m.group(0)):
            word = w.group(0)
            bare = word.rstrip(".")
            # a full stop after a word longer than an initial or a title's abbreviation ends the sentence
            if word.endswith(".") and (len(bare) > 3 or bare.lower() in _NOT_NAMES) and bare.lower() not in _TITLES:
                cut = m.start() + w.end()
                if narration[lo:cut].strip():
                    runs.append(_Run(lo, cut, narration[lo:cut]))
                lo = cut + len(narration[cut:]) - len(narration[cut:].lstrip())
        if lo < m.end():
            runs.append(_Run(lo, m.end(), narration[lo: m.end()]))
    return [r for r in runs if r.text.strip().lower() not in _PRONOUNS and r.text.strip()]


def narration_mentions(narration: str, known: Sequence[Person], known_words: Collection[str] | None = None) -> list[NounPhrase]:
    """People the narration mentions: known names, names with a sign they are people, descriptions.

    `known_words` (the head and first name word of each named person) may be given, kept up to
    date by People, rather than gathered from `known` again for each paragraph.
    """
    found: list[NounPhrase] = []
    appositives: list[int] = []  # where a description stands that only says who a named person is
    if known_words is None:
        named = [p for p in known if p.kind == "named"]
        known_words = {p.head for p in named} | {_bare(p.name.split()[0]).lower() for p in named}
    for m in _name_runs(narration):
        words = [_bare(w).removesuffix("’s").removesuffix("'s") for w in m.group(0).split()]
        lows = [w.lower() for w in words]
        before = narration[max(0, m.start() - 40): m.start()]
        after = narration[m.end(): m.end() + 40]
        opens_sentence = not narration[_sentence_start(narration, m.start()): m.start()].strip(" “”\"‘’'«»„—–")
        is_known = lows[-1] in known_words
        appositive = _APPOSITIVE_AFTER.match(after)
        signal = (
            appositive or _NOUN_BEFORE.search(before) or _DESCRIPTOR_BEFORE.search(before) or (lows[0] in _TITLES and len(words) > 1)
            or re.match(r"\s+" + SPEECH_VERB.pattern, after, re.I)
        )
        if opens_sentence and len(words) == 1 and not is_known and not appositive:
            continue  # a capital that only opens a sentence ("Mensah, 19, had …" is a person)
        if not is_known and not (signal and (len(words) >= 2 or re.search(r"\w,\s*$", before) or appositive)):
            continue  # a place or an organisation, most likely
        roles = []
        if (pre := _ROLE_BEFORE.search(before)) and _PERSON_NOUN.search(pre.group(1)):
            roles.append(pre.group(1))
            appositives.append(m.start() - len(before) + pre.start(1))
        elif lead_role := _LEAD_ROLE.search(before):
            # a description right before the name: "Local cyclist Ben Ortiz", "the florist Tom Ashby"
            roles.append(lead_role.group(1))
            appositives.append(m.start() - len(before) + lead_role.start(1))
        if post := _ROLE_AFTER.match(after):
            roles.append(post.group(1))
        np = _phrase(words, m.start(), ", ".join(roles))
        if np and np.form == "named":
            # "Petro Hnatiuk stayed to help his brother": the pronoun tells who he is
            gender = np.gender or _pronoun_after(narration, m.end())
            lead = narration[_sentence_start(narration, m.start()): m.start()].strip(" “”\"‘’'«»„—–")
            # the sentence's subject: it opens the sentence, or follows a short opening phrase (After the hearing, …)
            lead_words = lead.split()
            subject = (not lead or (lead.endswith(",") and len(lead_words) <= 5)
                       # a description before the name: "Wild defenseman Ryan Suter, who …, could see"
                       or (len(lead_words) <= 4 and lead[:1].isupper() and not SPEECH_VERB.search(lead)
                           and _bare(lead_words[0]).lower() not in _OPENERS | _PRONOUNS.keys() | _FIRST_PERSON))
            found.append(NounPhrase(np.text, np.start, np.form, np.name, np.head, np.role, gender, subject))
    for d in _DESCRIPTION.finditer(narration):
        np = _phrase(d.group(0).split(), d.start())
        if np is None or d.start() in appositives:
            continue
        lead = narration[_sentence_start(narration, d.start()): d.start()].strip()
        subject = not lead or (lead.endswith(",") and len(lead.split()) <= 5) or lead.lower() in {"then", "but", "and", "so"}
        found.append(NounPhrase(np.text, np.start, "definite", np.name, np.head, np.role, np.gender, subject))
    return sorted(found, key=lambda n: n.start)


# -- who is who -------------------------------------------------------------------------------
_Filing = tuple[tuple[str, ...], frozenset[str], bool, tuple[str, ...]]
_Kind = tuple[bool, str | None]  # (salient, gender): what decides whether a pronoun may point to someone


class People:
    """Everyone met so far while reading, and how to tell whom a noun phrase means.

    Each lookup visits only the people it could mean, through indexes kept in order of their
    last mention (a scan of everyone met so far at every mention made a long text quadratic).
    """

    def __init__(self) -> None:
        self.all: list[Person] = []
        self.clock = 0  # a running count of mentions, for recency
        self.paragraph_starts: list[int] = []
        self.reporter: Person | None = None
        self.unknown: Person | None = None
        self.pronoun_how = "pronoun"  # how the last pronoun was resolved: a key of _RESOLUTION
        #: the head and first name word of named people (with how many share each): names narration may repeat
        self.known_words: dict[str, int] = {}
        #: people the lookups looked at; grows with the mentions, never with mentions x people (tests check)
        self.visits = 0
        # each index holds named and described people (whom a phrase can mean), a dict used as a set
        # ordered by `last` (oldest first); _by_subject is ordered by `subject_at`
        self._order: dict[Person, int] = {}  # a person's place in `all`, which breaks ties as a scan of it would
        self._recent: dict[Person, None] = {}
        self._recent_named: dict[Person, None] = {}
        # the people in view of a pronoun (mentioned, or a subject, since `_window_since`), counted by
        # (salient, gender), so that a pronoun's confidence needs no walk through all of them
        self._window_since: int | None = None
        self._in_view: dict[Person, _Kind] = {}
        self._subjects: dict[Person, _Kind] = {}
        self._in_view_count: dict[_Kind, int] = {}
        self._subjects_count: dict[_Kind, int] = {}
        self._by_subject: dict[Person, None] = {}
        self._by_name: dict[str, dict[Person, None]] = {}  # named people by the first and last word of their name
        self._by_word: dict[str, dict[Person, None]] = {}  # by each word of their name and role
        self._quoted_by_word: dict[str, dict[Person, None]] = {}  # the same, for people quoted so far
        # what each person is filed under (names, words, quoted, known words) and the indexes that hold them
        self._filed: dict[Person, tuple[_Filing, list[dict[Person, None]]]] = {}

    def tick(self) -> int:
        """The next moment of the reading."""
        self.clock += 1
        return self.clock

    def new_paragraph(self) -> None:
        """Note where a paragraph starts, for what counts as just mentioned."""
        self.paragraph_starts.append(self.clock)

    def add(self, person: Person, mention: str) -> Person:
        """Register a new person with their first mention."""
        self._order[person] = len(self.all)
        self.all.append(person)
        self._mention(person, mention)
        return person

    def quote(self, person: Person) -> None:
        """Note that a person is quoted (descriptions point to quoted people first)."""
        person.quoted = True
        self._file(person, moved=False)

    def _mention(self, person: Person, text: str) -> None:
        """Record one more mention of a person, and keep the indexes in order."""
        person.mention(text, self.tick())
        self._file(person, moved=True)

    def _file(self, person: Person, moved: bool) -> None:
        """File a person under their name and role as they are now, in order of their last mention.

        `moved`: they were just mentioned, so they go last everywhere; else only the indexes
        they newly belong to take them, in their place.
        """
        if person.kind not in ("named", "described"):
            return
        named = person.kind == "named"
        words = person.name.split()
        names = tuple(dict.fromkeys((words[0].lower(), words[-1].lower()))) if named and words else ()
        known: tuple[str, ...] = (person.head, _bare(words[0]).lower()) if named and words else ()
        filed: _Filing = (names, person.words, person.quoted, known)
        old: _Filing | None
        old, buckets = self._filed.get(person, (None, []))
        if old != filed:
            if old is not None:
                for word in old[3]:
                    self.known_words[word] -= 1
                    if not self.known_words[word]:
                        del self.known_words[word]
            for word in known:
                self.known_words[word] = self.known_words.get(word, 0) + 1
            fresh = [self._recent, *([self._recent_named] if named else []),
                     *(self._by_name.setdefault(k, {}) for k in names), *(self._by_word.setdefault(k, {}) for k in filed[1]),
                     *((self._quoted_by_word.setdefault(k, {}) for k in filed[1]) if person.quoted else ())]
            for bucket in buckets:
                if not any(bucket is b for b in fresh):
                    bucket.pop(person, None)
            buckets = fresh
            self._filed[person] = (filed, buckets)
        for bucket in buckets:
            if moved or person not in bucket:
                self.visits += _place(bucket, person, lambda p: p.last)
        if moved and self._window_since is not None:
            # just mentioned: in view; salience and gender change only with a mention, so recount here
            kind = (person.salient, person.gender)
            _count(self._in_view, self._in_view_count, person, kind)
            if person in self._subjects:
                _count(self._subjects, self._subjects_count, person, kind)

    def _subject(self, person: Person) -> None:
        """Note that a person is, now, the subject of a sentence or a reporting clause."""
        person.subject_at = self.clock
        if person.kind in ("named", "described"):
            self.visits += _place(self._by_subject, person, lambda p: p.subject_at)
            if self._window_since is not None and person.subject_at > self._window_since:
                _count(self._subjects, self._subjects_count, person, (person.salient, person.gender))

    def _window(self, since: int) -> None:
        """Gather the people in view since `since` (once a paragraph: they are kept up to date after)."""
        if self._window_since == since:
            return
        self._window_since = since
        for people, counts, ordered, attr in ((self._in_view, self._in_view_count, self._recent, "last"),
                                              (self._subjects, self._subjects_count, self._by_subject, "subject_at")):
            people.clear()
            counts.clear()
            for person in reversed(ordered):
                self.visits += 1
                if getattr(person, attr) <= since:
                    break
                _count(people, counts, person, (person.salient, person.gender))

    def _latest(self, ordered: dict[Person, None], key: Callable[[Person], int], fits: Callable[[Person], bool],
                after: int | None = None) -> Person | None:
        """The person with the greatest key that fits (the first in `all` on a tie), newest first; none at or before `after`."""
        best: Person | None = None
        for person in reversed(ordered):
            self.visits += 1
            at = key(person)
            if (best is not None and at < key(best)) or (after is not None and at <= after):
                break
            if fits(person) and (best is None or self._order[person] < self._order[best]):
                best = person
        return best

    def nobody(self) -> Person:
        """The unknown speaker, for what no rule can attribute."""
        if self.unknown is None:
            self.unknown = Person("Unknown speaker", "not attributed: no rule found who said this", "unknown", "unknown",
                                  True, "no rule found a speaker", 0.0, salient=False)
            self._order[self.unknown] = len(self.all)
            self.all.append(self.unknown)
        return self.unknown

    def resolve(self, np: NounPhrase, *, speaker: Person | None = None, narration: bool = False) -> tuple[Person, str]:
        """The person a noun phrase means, and how that was decided (a key of _RESOLUTION).

        `speaker` is set inside a quote: the first person is then the quote's speaker, and a
        pronoun someone else. `narration` is set for mentions outside reporting clauses.
        """
        person, how = self._resolve(np, speaker, narration)
        if np.subject and (not narration or np.form == "named"):
            self._subject(person)  # a reporting clause's speaker, or a sentence's named subject
        return person, how

    def _resolve(self, np: NounPhrase, speaker: Person | None, narration: bool) -> tuple[Person, str]:
        """resolve(), before noting who was a subject."""
        if np.form == "first":
            return (speaker, "first-person") if speaker is not None else (self._reporter(np.text), "reporter")
        if np.form == "pronoun":
            person = self.pronoun(np, speaker)
            return (person, self.pronoun_how) if person else (self.nobody(), "unknown")
        if np.form == "named":
            return self._named(np)
        if np.form == "definite":
            if found := self._described(np):
                found.salient = found.salient or np.subject
                self._mention(found, np.text)
                return found, "matched-description"
            if not narration and (found := self._epithet(np, speaker)):
                self._mention(found, np.text)
                # "the fifth-year coach" for Coach Dana Reyes: the role the text gave them says so
                return found, "matched-description" if np.head in found.words else "epithet"
        person = Person(np.name, np.role or np.text, "described", np.head, True, f"described in the text ({np.text})",
                        0.85, np.gender, salient=np.subject)
        return self.add(person, np.text), "described" if np.form == "indefinite" else "new-description"

    def pronoun(self, np: NounPhrase, speaker: Person | None) -> Person | None:
        """Whom he/she/they points to: the last person in view whose gender fits.

        Outside quotes only people a pronoun can reach count (named, quoted, or a subject);
        inside a quote, anyone but its speaker.
        """
        def gender_fits(gender: str | None) -> bool:
            return np.gender is None or gender in (None, np.gender)

        def fits(p: Person) -> bool:
            return p is not speaker and (speaker is not None or p.salient) and gender_fits(p.gender)

        def how_many(counts: dict[_Kind, int]) -> int:
            return sum(n for (salient, gender), n in counts.items() if (speaker is not None or salient) and gender_fits(gender))

        # "he said" means the sentence's or paragraph's subject, not the last name mentioned
        since = self.paragraph_starts[-2] if len(self.paragraph_starts) > 1 else 0
        self._window(since)
        subjects = how_many(self._subjects_count) if speaker is None else 0
        if subjects:
            person = self._latest(self._by_subject, lambda p: p.subject_at, fits, after=since)
        else:
            person = self._latest(self._recent, lambda p: p.last, fits)
        if person is None:
            return None
        # how sure: one person in view whose gender fits; else the one subject; else a guess among several
        in_view = how_many(self._in_view_count) - (speaker in self._in_view and gender_fits(speaker.gender))
        if in_view <= 1:
            self.pronoun_how = "pronoun"
        elif subjects == 1 or (subjects and in_view == subjects):
            self.pronoun_how = "pronoun-subject"
        else:
            self.pronoun_how = "pronoun-ambiguous" if subjects else "pronoun-recent"
        person.gender = person.gender or np.gender
        self._mention(person, np.text)
        return person

    def _reporter(self, mention: str) -> Person:
        """The article's author, who writes 'I asked'."""
        if self.reporter is None:
            self.reporter = self.add(Person("The reporter", "the article's author, writing in the first person",
                                            "reporter", "reporter", False, "the first person (I, we) outside quotes",
                                            0.95), mention)
        else:
            self._mention(self.reporter, mention)
        return self.reporter

    def _named(self, np: NounPhrase) -> tuple[Person, str]:
        """The person a name names: someone met under that name, surname or first name, else someone new."""
        parts = np.name.lower().split()
        # a match shares its first or last word with the name's first or last: only those are looked at
        keys = dict.fromkeys((parts[0], parts[-1])) if parts else {}
        candidates = {p: None for key in keys for p in self._by_name.get(key, ())} if parts else self._recent_named
        for person in sorted(candidates, key=lambda p: (-p.last, self._order[p])):
            self.visits += 1
            theirs = person.name.lower().split()
            if (theirs == parts or (len(parts) == 1 and parts[0] in (theirs[-1], theirs[0]))
                    or (len(theirs) == 1 and theirs[0] in (parts[0], parts[-1]))
                    or (parts[-1] == theirs[-1] and parts[0] == theirs[0])):
                if len(parts) > len(theirs):
                    person.name = np.name  # "Sarah", then "Sarah Ellis"
                if np.role and np.role not in person.role:
                    person.role = ", ".join(p for p in (person.role, np.role) if p)
                person.gender = person.gender or np.gender
                person.salient = True
                self._mention(person, np.text)
                return person, "matched-name"
        rule = "named in the text" + ("; role from the appositive" if np.role else "")
        return self.add(Person(np.name, np.role, "named", np.head, False, rule, 0.95, np.gender), np.text), "named"

    def _described(self, np: NounPhrase) -> Person | None:
        """The person a definite description (the soldier) points back to, quoted people first."""
        modifiers = {w.lower() for w in re.findall(r"[\w’'-]+", np.name)} - {np.head, "of", "for", "the"}

        def fits(p: Person) -> bool:
            return np.head in p.words and modifiers <= p.words

        # every word of the description must be the person's: the smallest of those words' buckets holds them all
        for index in (self._quoted_by_word, self._by_word):
            smallest = min((index.get(w, {}) for w in (np.head, *modifiers)), key=len)
            if (found := self._latest(smallest, lambda p: p.last, fits)) is not None:
                return found
        return None

    def _epithet(self, np: NounPhrase, speaker: Person | None = None) -> Person | None:
        """The person a short definite description that matches no one (the teenager) stands for.

        "The" presupposes someone already known: a person named in this paragraph or the one
        before, whose gender fits. A description with more to it (the landlord of the Boat Inn,
        the man who …) introduces someone instead.
        """
        words = np.text.split()
        if _bare(words[0]).lower() != "the" or len(words) > 3 or np.role not in ("", np.text) or _NP_PREPOSITIONS & set(words):
            return None
        since = self.paragraph_starts[-2] if len(self.paragraph_starts) > 1 else 0
        # inside a quote, 'the driver' is never the quote's own speaker
        return self._latest(self._recent_named, lambda p: p.last,
                            lambda p: p is not speaker and p.gender in (None, np.gender or p.gender), after=since)


def _count(people: dict[Person, _Kind], counts: dict[_Kind, int], person: Person, kind: _Kind) -> None:
    """Count a person under `kind` (their salience and gender), moving them from the kind they were counted under."""
    old = people.get(person)
    if old == kind:
        return
    if old is not None:
        counts[old] -= 1
    people[person] = kind
    counts[kind] = counts.get(kind, 0) + 1


def _place(ordered: dict[Person, None], person: Person, key: Callable[[Person], int]) -> int:
    """Put a person where their key puts them in a dict kept in order of that key (oldest first); how many stepped aside."""
    ordered.pop(person, None)
    at = key(person)
    later = []  # filed out of turn (quoted after others were mentioned): those after them step aside
    while ordered:
        last, _ = ordered.popitem()
        if key(last) <= at:
            ordered[last] = None
            break
        later.append(last)
    ordered[person] = None
    ordered.update(dict.fromkeys(reversed(later)))
    return len(later)


# -- the reading ------------------------------------------------------------------------------
def attribute(paragraphs: Sequence[str]) -> list[Guess]:
    """Every direct quotation of the paragraphs, in find_quotations() order, with its speaker and rule."""
    reading = _Reading(paragraphs)
    for i in range(len(paragraphs)):
        reading.read(i)
    found = reading.found
    # each quotation's place in its paragraph, looked up once (a list search per guess was quadratic)
    place = {(i, q.start, q.end, q.nested): k for i, quotes in enumerate(found) for k, q in enumerate(quotes)}
    return sorted(reading.guesses, key=lambda g: (g.paragraph, place[(g.paragraph, g.quotation.start, g.quotation.end, g.quotation.nested)]))


class _Reading:
    """One pass over an article's paragraphs, attributing quotes as a reader meets them."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self.paragraphs = paragraphs
        self.people = People()
        self.found = [find_quotations(p) for p in paragraphs]
        # the quotations nested in each outer one, by (paragraph, outer start): the finder lists them right after it
        self.nested_in: dict[tuple[int, int], list[Quotation]] = {}
        for i, quotes in enumerate(self.found):
            holder = -1
            for q in quotes:
                if not q.nested:
                    holder = q.start
                else:
                    self.nested_in.setdefault((i, holder), []).append(q)
        self.runs = _runs(paragraphs, self.found)
        self.guesses: list[Guess] = []
        self.last: Guess | None = None  # the last attributed outer quote, for floating quotes
        self.pending: list[tuple[int, Quotation]] = []  # quotes of a run still waiting for its speaker
        self.run_pick: dict[int, Pick] = {}

    def read(self, i: int) -> None:
        """Attribute the quotes of paragraph i."""
        self.people.new_paragraph()
        para = self.paragraphs[i]
        top = [q for q in self.found[i] if not q.nested]
        picks = self._cued(i, para, top)
        cued = sorted(picks)
        for k in range(len(top)):
            if k not in picks and cued:
                # the nearest quote with a clause of its own, the one before it on a tie
                at = bisect.bisect_left(cued, k)
                near = [j for j in (cued[at - 1] if at else None, cued[at] if at < len(cued) else None) if j is not None]
                picks[k] = picks[min(near, key=lambda j: (abs(j - k), j > k))].weaker("same-paragraph")
        if top and not picks and (pick := self._paragraph_clause(para, top)):
            picks = dict.fromkeys(range(len(top)), pick)
        run = self.runs.get(i)
        if run is not None and picks:
            # the run's speaker is known now: the paragraphs before that waited for it get it too
            self.run_pick.setdefault(run, next(iter(picks.values())))
            for j, q in [(j, q) for j, q in self.pending if self.runs.get(j) == run]:
                self._add(j, q, self.run_pick[run].weaker("continued-quote"))
            self.pending = [(j, q) for j, q in self.pending if self.runs.get(j) != run]
        for k, q in enumerate(top):
            if k in picks:
                self._add(i, q, picks[k])
            elif run is not None and run in self.run_pick:
                self._add(i, q, self.run_pick[run].weaker("continued-quote"))
            elif run is not None:
                self.pending.append((i, q))  # decided when the run ends, all of it at once
            else:
                self._add(i, q, self._floating(i))
        ends_run = run is None or not (i + 1 < len(self.paragraphs) and self.runs.get(i + 1) == run)
        if self.pending and ends_run:
            # a run that never named its speaker: one decision for all of it, from where it starts
            pick = self._floating(self.pending[0][0])
            for j, q in self.pending:
                self._add(j, q, pick)
            self.pending = []

    def _cued(self, i: int, para: str, top: list[Quotation]) -> dict[int, Pick]:
        """The quotes of paragraph i that have a reporting clause, with the speaker it names.

        Mentions and clauses are read in the order they stand, so that "he" points to whoever
        came just before it.
        """
        cues = {k: cue for k in range(len(top)) if (cue := _cue_for(para, top, k))}
        spans = sorted((c.np.start, c.np.start + len(c.np.text)) for c in cues.values())
        span_starts = [lo for lo, _ in spans]

        def in_clause(pos: int) -> bool:
            at = bisect.bisect_right(span_starts, pos) - 1
            return any(spans[j][0] <= pos < spans[j][1] for j in range(max(0, at - 3), at + 1))

        mentions = [m for m in narration_mentions(_narration(para, top), self.people.all, self.people.known_words) if not in_clause(m.start)]
        events = sorted([(m.start, -1, m) for m in mentions] + [(c.np.start, k, c.np) for k, c in cues.items()],
                        key=lambda e: (e[0], e[1]))
        by_start: dict[int, tuple[Person, str]] = {}  # one clause between two quotes names one person
        picks: dict[int, Pick] = {}
        for start, k, np in events:
            if k < 0:
                self.people.resolve(np, narration=True)
                continue
            if start not in by_start:
                by_start[start] = self.people.resolve(np)
            person, how = by_start[start]
            cue = cues[k]
            picks[k] = Pick(person, cue.rule, RULES[cue.rule][1] * _RESOLUTION[how], f"{cue.text} ({how})")
        return dict(sorted(picks.items()))

    def _paragraph_clause(self, para: str, top: list[Quotation]) -> Pick | None:
        """A reporting clause later in the paragraph, in narration of its own (… is privacy, Cook said.)."""
        rest = para[top[-1].end + 1:]
        if not rest.strip() or top[-1].closed is False:
            return None
        cue = find_cue(rest, top[-1].end + 1, before_quote=False)
        if cue is None:
            return None
        person, how = self.people.resolve(cue.np)
        if person.kind == "unknown":
            return None
        return Pick(person, "paragraph-clause", RULES["paragraph-clause"][1] * _RESOLUTION[how], cue.text)

    def _add(self, i: int, q: Quotation, pick: Pick) -> None:
        """Record an outer quote's speaker, then the speakers of the words nested in it."""
        self.people.quote(pick.person)
        guess = _guess(i, q, pick)
        self.guesses.append(guess)
        self.last = guess
        for nested in self.nested_in.get((i, q.start), ()):
            if q.start <= nested.start and nested.end <= q.end:
                self.guesses.append(_guess(i, nested, self._reported(self.paragraphs[i], q, nested, pick.person)))

    def _floating(self, i: int) -> Pick:
        """The speaker of a quote paragraph with no cue of its own."""
        paragraphs, people = self.paragraphs, self.people
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        introduces = re.match(r"\s*(?:That|This|Those|These|So|Such)\b", nxt)
        if nxt and (self.last is None or introduces):
            top = [q for q in self.found[i + 1] if not q.nested]
            names = [m for m in narration_mentions(_narration(nxt, top), people.all, people.known_words) if m.form == "named"]
            if names:
                person, _ = people.resolve(names[0])
                confidence = RULES["introduced-after"][1] * (1.0 if introduces else 0.7)
                return Pick(person, "introduced-after", confidence, f"introduced in the next paragraph as {names[0].text}")
        prev = paragraphs[i - 1] if i > 0 else ""
        if prev and not self.found[i - 1]:
            # narration just before that says who speaks: "Raman says she understands." / "Holt was asked …"
            cue = find_cue(prev[_last_sentence(prev.rstrip()[:-1]):], 0, before_quote=True)
            if cue:
                person, how = people.resolve(cue.np)
                if person.kind != "unknown":
                    return Pick(person, "after-narration", RULES["after-narration"][1] * _RESOLUTION[how], cue.text)
        if self.last is not None and self.last.speaker.kind != "unknown":
            return Pick(self.last.speaker, "floating", RULES["floating"][1], f"after the quote of paragraph {self.last.paragraph + 1}")
        return Pick(people.nobody(), "unattributed", 0.0, "no cue, and no quote before it to follow")

    def _reported(self, para: str, outer: Quotation, nested: Quotation, speaker: Person) -> Pick:
        """Words quoted inside a quote: their own speaker where the quote names one, else the quote's."""
        inside = para[outer.start: max(outer.start, nested.start - 1)]
        sentence = inside[_last_sentence(inside):]
        verbs = list(SPEECH_VERB.finditer(sentence))
        np = _clause_speaker(sentence[: verbs[-1].start()], verbs[-1].group(0), outer.start + len(inside) - len(sentence)) if verbs else None
        evidence = sentence.strip()
        if np is None:
            return Pick(speaker, "reported-no-cue", RULES["reported-no-cue"][1], "no reporting clause inside the quote")
        if np.form == "first":
            return Pick(speaker, "reported-self", RULES["reported-self"][1], evidence)
        if np.form == "pronoun":
            person = self.people.pronoun(np, speaker) or self.people.add(
                Person(f"Someone {speaker.name} quotes", f"quoted by {speaker.name}", "described", "someone", True,
                       "quoted inside another's quote; not named", 0.4), np.text)
            self.people.quote(person)
            return Pick(person, "reported-pronoun", RULES["reported-pronoun"][1], evidence)
        person, how = self.people.resolve(np, speaker=speaker)
        if person.kind == "described" and not person.role.endswith("’s words)"):
            person.role = f"{person.role} (in {speaker.name}’s words)"
        self.people.quote(person)
        return Pick(person, "reported-named", RULES["reported-named"][1] * _RESOLUTION[how], evidence)


def _guess(i: int, q: Quotation, pick: Pick) -> Guess:
    """The Guess for quotation q of paragraph i."""
    return Guess(i, q, core(q.text), pick.person, pick.rule, round(pick.confidence, 2), pick.note)


def _narration(para: str, top: list[Quotation]) -> str:
    """The paragraph with its quotations blanked out (offsets kept), so only the narration is read."""
    chars = list(para)
    for q in top:
        lo, hi = max(0, q.start - 1), min(len(para), q.end + 1)
        # the marks stay: a name cannot run across a quotation (Customers “…,” Cook told)
        chars[lo + 1: hi - 1] = " " * max(0, hi - lo - 2)
    return "".join(chars)


def _cue_for(para: str, top: list[Quotation], k: int) -> Cue | None:
    """The reporting clause of outer quote k: right after it, else right before it, in its sentence."""
    q = top[k]
    if q.closed:
        lo = q.end + 1
        after = para[lo: top[k + 1].start - 1 if k + 1 < len(top) else len(para)]
        # a quote that ends its sentence with a full stop has no clause after it, unless the text goes on in lowercase
        if not core(q.text).endswith(".") or re.match(r"\s*[a-z]", after):
            if cue := find_cue(after[: _first_sentence_end(after)], lo, before_quote=False):
                return cue
    lo = top[k - 1].end + 1 if k > 0 else 0
    before = para[lo: max(lo, q.start - 1)]
    start = _last_sentence(before)
    return find_cue(before[start:], lo + start, before_quote=True) if before[start:].strip() else None


def _runs(paragraphs: Sequence[str], found: list[list[Quotation]]) -> dict[int, int]:
    """Paragraphs one long quote spans (left open, continued by a paragraph that opens with a mark), by run."""
    runs: dict[int, int] = {}
    for i, quotes in enumerate(found):
        top = [q for q in quotes if not q.nested]
        if top and not top[-1].closed and i + 1 < len(paragraphs) and paragraphs[i + 1][:1] in "“\"«„‘":
            runs[i + 1] = runs.setdefault(i, i)
    return runs
