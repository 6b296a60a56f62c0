"""Reading a seed text: the raw article an editor split into scenes.

A seed is plain text in one of two shapes: paragraphs separated by blank lines, or (when the
text has no blank line at all) one paragraph per line. Its first line may start with metadata
(`date 2025-02-05`), sometimes glued to the publisher's boilerplate; image captions start with
`open image in gallery` and end with their credit in parentheses. Publisher boilerplate
(donation and subscription appeals, 'Read more' links, copyright lines) is dropped by the
rules in BOILERPLATE, each of which says why.

The loader compares articles against parse_seed() and `reader import` builds its scaffold from
it, so what counts as body text is decided here and only here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .lazyre import LazyPattern
from .record import Record, setfield

TYPE_CHECKING = False  # typing's own flag without importing typing: these paths are timed
if TYPE_CHECKING:
    from collections.abc import Collection

_META = LazyPattern(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b")
_FIGURE = LazyPattern(r"^open image in gallery\s+(?P<caption>.*?)\s*\((?P<credit>[^()]*)\)\s*$", re.S)
_FIGURE_PREFIX = "open image in gallery"
# a photo caption as pages print it, its credit in parentheses at the end: "… (AP Photo/Jane Roe)"
_CREDITED = LazyPattern(
    r"^(?P<caption>\S.{8,700}?)\s*\((?P<credit>[^()]*\b(?:Photo|Photograph|Photos|Getty Images|Illustration|Shutterstock|AP Images)\b[^()]*)\)\s*$",
    re.S,
)
# how `reader import` writes a web page's image into the seed it makes: `Image: caption (credit)`
_IMAGE = LazyPattern(r"^Image:\s+(?P<caption>.*?)\s*\((?P<credit>[^()]*)\)\s*$", re.S)


class BoilerplateRule(Record):
    """A kind of publisher boilerplate: how to recognise a paragraph of it, and why it goes."""

    __slots__ = ("name", "reason", "markers", "min_markers", "max_words", "starts", "needs")
    name: str
    reason: str
    markers: LazyPattern
    #: the paragraph must hold this many distinct markers...
    min_markers: int
    #: ...and, when set, be at most this many words (short blocks are links, not prose)
    max_words: int | None
    #: when set, an ASCII block the rule can match starts with one of these (lower case): a
    #: quick test that spares compiling and running a large pattern on blocks it cannot match
    starts: tuple[str, ...] | None
    #: when set, a block the rule can match holds one of these (lower case): the same kind of test
    needs: tuple[str, ...] | None

    def __init__(
        self, name: str, reason: str, markers: LazyPattern, min_markers: int = 1, max_words: int | None = None,
        starts: tuple[str, ...] | None = None, needs: tuple[str, ...] | None = None,
    ) -> None:
        setfield(self, "name", name)
        setfield(self, "reason", reason)
        setfield(self, "markers", markers)
        setfield(self, "min_markers", min_markers)
        setfield(self, "max_words", max_words)
        setfield(self, "starts", starts)
        setfield(self, "needs", needs)


_I = re.I
#: The rules, tried in order. A body paragraph that merely mentions a donation is safe: appeals
#: need several markers, and the one-marker rules only take short blocks.
BOILERPLATE: tuple[BoilerplateRule, ...] = (
    BoilerplateRule(
        "donation appeal",
        "the publisher's request for money, not part of the report",
        LazyPattern(
            r"\b(?:your support|support now|support (?:our|independent|quality) journalism|your donation|donate"
            r"|make a (?:donation|contribution)|become a (?:member|supporter)|paywalls?|those who can afford it)\b",
            _I,
        ),
        min_markers=2,
        needs=("support", "donat", "contribution", "become a", "paywall", "afford"),
    ),
    BoilerplateRule(
        "subscription appeal",
        "an invitation to subscribe or sign up, not part of the report",
        # a call to action opens a sentence; reporting that mentions a newsletter does not match
        LazyPattern(
            r"(?:^|[.!?:]\s+)(?:subscribe\b|sign up (?:for|to)\b|already a subscriber|log in\b|get our \w+"
            r"|become a (?:member|subscriber)|support our journalism|click here to (?:subscribe|sign up))",
            _I,
        ),
        max_words=25,
        needs=("subscri", "sign up", "log in", "get our", "become a", "support our", "click here"),
    ),
    BoilerplateRule(
        "related link",
        "a link to other articles ('Read more', 'Related'), not part of the report",
        LazyPattern(
            r"^(?:read more|read next|read also|also read|more on this story|see also|recommended reading)\b"
            r"|^(?:more|more stories|related(?: stories| articles| coverage| content| links?)?)\s*:",
            _I,
        ),
        max_words=30,
        starts=("read more", "read next", "read also", "also read", "more", "see also", "recommended reading", "related"),
    ),
    BoilerplateRule(
        "page furniture",
        "advertising, sharing or copyright text of the web page, not part of the report",
        LazyPattern(
            r"^(?:advertisement\s*$|share this (?:article|story)|follow us\b|click here\b|copyright\b|©)"
            r"|\ball rights reserved\b",
            _I,
        ),
        max_words=25,
        needs=("advertisement", "share this", "follow us", "click here", "copyright", "©", "all rights reserved"),
    ),
    BoilerplateRule(
        "video or audio prompt",
        "a prompt to watch or listen to something on the page, not part of the report",
        LazyPattern(
            r"^(?:watch|listen)(?:\s*:|\s+(?:live|now|more|the (?:video|full|latest)|our\b|(?-i:[A-Z]{2,}|[A-Z][a-z]+ News)\b))"
            r"|^(?:video|audio|photos?|gallery|play video|now playing)\s*:",
            _I,
        ),
        max_words=15,
        starts=("watch", "listen", "video", "audio", "photo", "gallery", "play video", "now playing"),
    ),
    BoilerplateRule(
        "site navigation",
        "a label of the web page's menus and boxes (Contact Us, Most read, Comments...), not part of the report",
        LazyPattern(
            r"^(?:contact us|about us|terms of (?:use|service)|privacy policy|cookie (?:policy|settings)|accessibility links"
            r"|skip to (?:main )?(?:content|navigation)|site ?map|back to top|(?:more )?top stories|most (?:read|popular|viewed)"
            r"|trending(?: now)?|editor[’']?s picks|recommended(?: for you)?|you (?:may|might) also like|join the (?:discussion|conversation)"
            r"|(?:leave|post|add) a comment|(?:show|view|read) (?:all )?comments|\d+ comments?|comments?|advertisement|ad"
            r"|story continues below(?: advertisement)?|continue reading(?: the main story)?|scroll to continue(?: with content)?"
            r"|more from [\w .'’-]{1,30}|sign in|log ?in|register|menu|search|home)\s*[:.!»›>]?\s*$",
            _I,
        ),
        max_words=8,
    ),
    BoilerplateRule(
        "app or newsletter appeal",
        "an invitation to get the publisher's app or newsletter, or to follow it, not part of the report",
        LazyPattern(
            r"(?:^|[.!?:]\s+)(?:download|get|install|try) (?:the|our) (?:free )?[\w.’' -]{0,30}?\bapps?\b"
            r"|\bnewsletters?\b.{0,60}\b(?:sign up|subscribe|inbox)\b|\b(?:sign up|subscribe)\b.{0,60}\bnewsletters?\b"
            r"|^(?:follow|like) (?:us|[\w ]{1,30}) on (?:twitter|facebook|instagram|x|linkedin|tiktok)\b",
            _I,
        ),
        max_words=40,
    ),
    BoilerplateRule(
        "share buttons",
        "the labels of the page's share buttons, not part of the report",
        LazyPattern(
            r"^(?:(?:share(?: this| on \w+)?|tweet|e-?mail|print|facebook|twitter|linkedin|whatsapp|reddit|pinterest|copy(?: link)?"
            r"|comments?|save|messenger|flipboard)(?:\s*[|/·•,]\s*|\s+|$))+$",
            _I,
        ),
        max_words=12,
        starts=("share", "tweet", "email", "e-mail", "print", "facebook", "twitter", "linkedin", "whatsapp", "reddit", "pinterest", "copy",
                "comment", "save", "messenger", "flipboard"),
    ),
    BoilerplateRule(
        "byline",
        "the byline (who wrote the story), kept as the article's authors, not body text",
        LazyPattern(
            r"^(?-i:By|BY)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June"
            r"|July|August|September|October|November|December|The|This|That|Then|Now|Noon|Midnight|Christmas|Easter)\b)"
            r"(?:(?-i:[A-Z][\w.’'-]*)\s*){1,4}(?:(?:,|and|&)\s*(?:(?-i:[A-Z][\w.’'-]*)\s*){1,4})*"
            r"(?:[,|—–-]\s*(?-i:[A-Z][\w.’'-]*)(?:\s+(?:(?-i:[A-Z][\w.’'-]*)|of|and|the)){0,5})?\s*$"
            r"|^(?:The )?(?:Associated Press|AP|Reuters|AFP|Agence France-Presse)$",
            _I,
        ),
        max_words=16,
        starts=tuple(the + agency for the in ("", "the ") for agency in ("associated press", "ap", "reuters", "afp", "agence france-presse")) + ("by",),
    ),
    BoilerplateRule(
        "timestamp",
        "the page's publication or update time, kept as the article's date, not body text",
        LazyPattern(
            r"^(?:(?:(?:published|updated|posted|last updated|first published|modified)\s*:?\s*(?:on\s+|at\s+)?)?"
            r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
            r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:[A-Z]{2,4}T?|ET|PT|CT|MT|GMT|UTC)?\s*[,|·-]?\s*)?"
            r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
            r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})"
            r"(?:\s*[,|·/-]?\s*(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:[A-Z]{2,4}T?|ET|PT|CT|MT|GMT|UTC)?)?"
            r"\s*[,|·/-]?\s*)+"
            r"(?:(?-i:[A-Z][\w.]*)(?:\s+(?-i:[A-Z][\w.]*)){0,3})?\s*$",
            _I,
        ),
        max_words=24,
        # a day, a month, a clock time or a date's digits, or one of the words before them
        starts=tuple("0123456789") + ("published", "updated", "posted", "last updated", "first published", "modified", "mon", "tue",
                                      "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                      "oct", "nov", "dec"),
    ),
    BoilerplateRule(
        "photo credit",
        "an image's credit or caption label left on its own, not part of the report",
        LazyPattern(r"^(?:\(?(?:photo|image|picture|credit|photograph)s?(?: copyright| credit| by)?\s*:|image (?:copyright|caption)\b)", _I),
        max_words=30,
        starts=("photo", "image", "picture", "credit", "(photo", "(image", "(picture", "(credit"),
    ),
)


class SeedFigure(Record):
    """An image caption found in the seed, with how many body paragraphs precede it."""

    __slots__ = ("caption", "credit", "after")
    caption: str
    credit: str
    after: int

    def __init__(self, caption: str, credit: str, after: int) -> None:
        setfield(self, "caption", caption)
        setfield(self, "credit", credit)
        setfield(self, "after", after)


class Seed(Record):
    """What a seed holds once its boilerplate and captions are set apart from the body."""

    __slots__ = ("text", "date", "dropped", "paragraphs", "figures", "shape", "blocks")
    text: str
    date: str | None
    #: the blocks left out as boilerplate (their rule and reason are in `blocks`)
    dropped: tuple[str, ...]
    paragraphs: tuple[str, ...]
    figures: tuple[SeedFigure, ...]
    #: "blank-line" or "one-per-line": how the paragraphs were told apart
    shape: str
    #: every block in the order of the text, as (kind, text, why): kind is "meta", "dropped",
    #: "figure" or "body"; the source view shows the seed with them
    blocks: tuple[tuple[str, str, str], ...]

    def __init__(
        self,
        text: str,
        date: str | None,
        dropped: tuple[str, ...],
        paragraphs: tuple[str, ...],
        figures: tuple[SeedFigure, ...],
        shape: str = "blank-line",
        blocks: tuple[tuple[str, str, str], ...] = (),
    ) -> None:
        setfield(self, "text", text)
        setfield(self, "date", date)
        setfield(self, "dropped", dropped)
        setfield(self, "paragraphs", paragraphs)
        setfield(self, "figures", figures)
        setfield(self, "shape", shape)
        setfield(self, "blocks", blocks)


def split_blocks(text: str) -> tuple[list[str], str]:
    """The text's paragraphs and its shape: blocks between blank lines, else one paragraph per line."""
    text = text.replace("\r\n", "\n")
    blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    if len(blocks) <= 1:
        # no blank line between two pieces of text: each line is a paragraph
        return [line.strip() for line in text.split("\n") if line.strip()], "one-per-line"
    return blocks, "blank-line"


# the only characters beyond ASCII that re.I matches to an ASCII letter: İ, ı, ſ and the Kelvin sign
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _may_start(block: str, starts: tuple[str, ...]) -> bool:
    """False when a block cannot open with any of a rule's starts, as its pattern would read them (re.I, \\d)."""
    head = block[:24]
    if head.lower().startswith(starts):
        return True
    # a letter that folds to ASCII, or a digit of another script (\d takes it), leaves it to the pattern
    return any(c in _FOLDS_TO_ASCII or (not c.isascii() and c.isdecimal()) for c in head)


def _may_hold(block: str, needs: tuple[str, ...]) -> bool:
    """False when a block holds none of a rule's needed words, as its pattern would read them (re.I)."""
    if any(c in block for c in _FOLDS_TO_ASCII):
        return True
    low = block.lower()
    return any(word in low for word in needs)


def boilerplate(block: str) -> BoilerplateRule | None:
    """The first boilerplate rule a block satisfies, or None for body text."""
    words = len(block.split())
    for rule in BOILERPLATE:
        if rule.max_words is not None and words > rule.max_words:
            continue
        if rule.starts is not None and not _may_start(block, rule.starts):
            continue
        if rule.needs is not None and not _may_hold(block, rule.needs):
            continue
        found = {m.group(0).lower() for m in rule.markers.finditer(block)}
        if len(found) >= rule.min_markers:
            return rule
    return None


def parse_seed(text: str, keep: Collection[str] = ()) -> Seed:
    """Split a seed into date, dropped boilerplate, body paragraphs and figures.

    Blocks in `keep` are body text even where a boilerplate rule would drop them: an editor
    restored them (an article's `article.restored`), since the rule was wrong for this text.
    """
    blocks, shape = split_blocks(text)
    date = None
    dropped: list[str] = []
    order: list[tuple[str, str, str]] = []
    if blocks and (m := _META.match(blocks[0])):
        date = m.group(1)
        order.append(("meta", blocks[0][: m.end()].strip(), "metadata: the article's date"))
        # the rest of the metadata line may be the publisher's appeal, glued to it
        rest = blocks[0][m.end():].strip()
        if rest:
            blocks[0] = rest
        else:
            blocks.pop(0)
    paragraphs: list[str] = []
    figures: list[SeedFigure] = []
    for block in blocks:
        fig = _FIGURE.match(block) or _IMAGE.match(block) or (_CREDITED.match(block) if len(block) < 800 else None)
        if fig:
            figures.append(SeedFigure(fig["caption"], fig["credit"], len(paragraphs)))
            order.append(("figure", block, "an image caption: kept as a figure"))
        elif block.startswith(_FIGURE_PREFIX):
            figures.append(SeedFigure(block.removeprefix(_FIGURE_PREFIX).strip(), "", len(paragraphs)))
            order.append(("figure", block, "an image caption: kept as a figure"))
        elif block not in keep and (rule := boilerplate(block)):
            dropped.append(block)
            order.append(("dropped", block, f"{rule.name}: {rule.reason}"))
        else:
            paragraphs.append(block)
            order.append(("body", block, ""))
    return Seed(text, date, tuple(dropped), tuple(paragraphs), tuple(figures), shape, tuple(order))


class SeedOutside(ValueError):
    """An article's `seed` names a file outside the folders a seed may be read from."""


def seed_roots(base: Path | None) -> list[Path]:
    """Where an article's seed may be: its own folder, a `seeds` folder beside it, and READER_SEED_DIRS.

    content/ and seeds/ side by side is the project's layout; other folders are named by the
    user (READER_SEED_DIRS, separated as PATH is), never by the article.
    """
    base = base if base is not None else Path.cwd()
    roots = [base, base.parent / "seeds"]
    roots += [Path(p) for p in os.environ.get("READER_SEED_DIRS", "").split(os.pathsep) if p]
    return roots


def locate_seed(name: str, base: Path | None) -> Path:
    """The seed file an article names, symlinks resolved; SeedOutside when it leaves the seed folders.

    An article from elsewhere must not make the reader read `../../../etc/passwd`, a symlink out
    of its folder, or `/dev/tty`: only a file inside seed_roots() is read (and read_text refuses
    anything but a regular file).
    """
    if "\0" in name:
        raise SeedOutside("the file name holds a NUL character")
    path = Path(name)
    if not path.is_absolute():
        path = (base if base is not None else Path.cwd()) / path
    try:
        real = path.resolve()
        roots = [root.resolve() for root in seed_roots(base)]
    except (OSError, RuntimeError) as exc:  # a symlink loop, a name too long
        raise SeedOutside(f"cannot be resolved: {getattr(exc, 'strerror', None) or exc}") from None
    if not any(real.is_relative_to(root) for root in roots):
        raise SeedOutside(
            "is outside the article's folder and the seeds/ folder beside it; a seed must stay beside "
            "its article (READER_SEED_DIRS names other folders to allow)"
        )
    return real
