"""Reading a web page: its article body (paragraphs, subheads, figures) and its metadata.

trafilatura finds the article in the page (the best open-source extractor on the Scrapinghub
benchmark); it and lxml are imported only when a page is read, so launching the reader and
`check`/`export` never pay for them. What it finds is turned into a seed text (see seed.py):
paragraphs between blank lines, a `date` line first, images as `Image:` lines with their
credit. The importer then reads that seed like any other, so the same furniture rules, the
same quote finder and the same fidelity checks apply to pages and to pasted text.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from .textsafe import FORBIDDEN

#: a page's first bytes that say it is HTML (after spaces, a BOM or a comment)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_IMAGES = False  # with images on, trafilatura keeps more of the page around them (measured: body F1 0.959 vs 0.964)
_HTML_TAGS = re.compile(rb"<(?:p|div|br|body|article|span|a\s)\b", re.I)
_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_TIME_WORDS = frozenset("am pm a.m p.m est edt et pt pst pdt ct cst cdt mt gmt utc bst cet updated published posted".split())
#: agency names that close a byline ("LISA MASCARO Associated Press")
_AGENCIES = ("Associated Press", "The Associated Press", "AP", "Reuters", "AFP", "Agence France-Presse", "Bloomberg")


@dataclass(frozen=True)
class PageFigure:
    """An image of the article with its caption and credit, after `after` body blocks."""

    caption: str
    credit: str
    after: int


@dataclass
class Page:
    """What a web page holds for the importer: the body blocks in order, figures and metadata."""

    blocks: list[str]
    figures: list[PageFigure] = field(default_factory=list)
    #: indexes into blocks of the subheads (kept in the body, noted for the editor)
    headings: list[int] = field(default_factory=list)
    title: str = ""
    title_from: str = ""
    publisher: str = ""
    publisher_from: str = ""
    date: str = ""
    authors: list[str] = field(default_factory=list)
    url: str = ""
    #: what was left out of the body and why: (rule, text)
    dropped: list[tuple[str, str]] = field(default_factory=list)


def decode_page(data: bytes, limit: int = 64 * 1024 * 1024) -> bytes:
    """The bytes of a page, gunzipped when they are gzip data (a saved .html.gz); ValueError when that fails.

    At most `limit` bytes are unpacked, so a small file cannot unpack into gigabytes.
    """
    if data[:2] != b"\x1f\x8b":
        return data
    import io

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(limit + 1)
            if len(out) <= limit:
                fh.read(1)  # at the end already: this raises when the archive was cut short
    except (OSError, EOFError) as exc:
        raise ValueError(f"is gzip data that cannot be unpacked ({exc})") from None
    if len(out) > limit:
        raise ValueError(f"unpacks to more than the {limit:,}-byte cap (set READER_MAX_BYTES to raise it)")
    return out


def looks_like_html(data: bytes) -> bool:
    """True when text is an HTML page by its content, whatever the file is called."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    # a fragment without <html>: several block tags in its first kilobytes
    return len(_HTML_TAGS.findall(head)) >= 3 and head.lstrip()[:1] == b"<"


def page_text(data: bytes) -> str:
    """A page's bytes as text: UTF-8, else the charset it declares, else Latin-1 (which never fails)."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    m = re.search(rb"charset=[\"']?([\w-]+)", data[:4096], re.I)
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("latin-1")


def _clean(text: str) -> str:
    """Whitespace runs as one space, and none of what `check` refuses (a page's text is data).

    Controls and line separators become spaces; bidi overrides and invisible characters (a word
    joiner, a zero-width space) show nothing, so they go without a trace: the textsafe policy's
    own list, so an import always gives text that `reader check` accepts.
    """
    text = re.sub("[\u2028\u2029]", " ", text)
    text = FORBIDDEN.sub(lambda m: " " if m.group() < "\xa0" else "", text)
    return " ".join(text.split())


def _texts(el: Any) -> list[str]:
    """An element's text as lines: a line break (<lb/>) starts a new one."""
    lines: list[str] = []
    current: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            current.append(node.text)
        for child in node:
            if child.tag == "lb":
                lines.append("".join(current))
                current.clear()
            elif child.tag != "graphic":
                walk(child)
            if child.tail:
                current.append(child.tail)

    walk(el)
    lines.append("".join(current))
    return [t for t in (_clean(x) for x in lines) if t]


_BLOCK_TAGS = frozenset({"p", "head", "item", "row", "quote", "list", "table", "graphic", "div", "code"})


def _walk(body: Any) -> Iterator[tuple[str, Any]]:
    """The body's blocks in document order, as (kind, element); text standing between blocks as (paragraph-text, str)."""
    if body.text and body.text.strip():
        yield "paragraph-text", body.text
    for child in body:
        tag = child.tag
        if tag == "graphic":
            yield "figure", child
        elif tag == "head":
            yield "heading", child
        elif tag == "row":
            yield "row", child
        elif tag in ("p", "item", "code") or not any(c.tag in _BLOCK_TAGS for c in child):
            yield "paragraph", child
            for g in child.iter("graphic"):
                yield "figure", g
        else:  # a list, a quote or a table: its own blocks
            yield from _walk(child)
        if child.tail and child.tail.strip():
            yield "paragraph-text", child.tail


def read_page(html: str, url: str | None = None) -> Page:
    """The article in a page: its body blocks and figures, and its metadata."""
    import trafilatura  # heavy: imported only when a page is read
    from lxml import html as lxml_html

    doc: Any = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_images=_IMAGES, include_tables=True, with_metadata=True,
    )
    page = Page([])
    tree = None
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, Exception):  # lxml raises its own ParserError on empty documents
        tree = None
    if doc is None:
        return page
    for kind, el in _walk(doc.body):
        if kind == "figure":
            caption = _clean(el.get("title") or el.get("alt") or "")
            if caption:
                page.figures.append(PageFigure(caption, "", len(page.blocks)))
            continue
        if kind == "paragraph-text":
            page.blocks.append(_clean(el))
            continue
        if kind == "row":
            cells = [" ".join(_texts(c)) for c in el]
            lines = [" | ".join(c for c in cells if c)]
        else:
            lines = _texts(el)
        for line in lines:
            if not line:
                continue
            if kind == "heading":
                page.headings.append(len(page.blocks))
            page.blocks.append(line)
    page.url = doc.url or url or ""
    page.date = _visible_date(tree, doc.date or "")
    page.title, page.title_from = _title(doc, tree)
    page.publisher, page.publisher_from = _publisher(doc, tree, page.url)
    page.authors = split_authors(doc.author or "")
    shown = _visible_byline(tree)
    if len(shown) > len(page.authors):
        page.authors = shown  # the byline the reader sees names more people than the page's metadata
    if tree is not None:
        _page_figures(page, tree)
    # the headline repeated at the top of the body is the title, not body text
    while page.blocks and page.title and _same(page.blocks[0], page.title):
        page.dropped.append(("headline: the page's title, kept as the article's title", page.blocks.pop(0)))
        page.headings = [h - 1 for h in page.headings if h > 0]
        page.figures = [PageFigure(f.caption, f.credit, max(0, f.after - 1)) for f in page.figures]
    return page


_MONTH_NUMBER = {m: i for i, m in enumerate(_MONTHS[:12], 1)} | {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)} | {"sept": 9}
_SHOWN_DATE = re.compile(
    r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d{2})\b"
    r"|\b(?P<day2>\d{1,2})\s+(?P<month2>[A-Z][a-z]{2,8})\.?,?\s+(?P<year2>(?:19|20)\d{2})\b"
)
_DATE_CLASS = "contains(@class,'timestamp') or contains(@class,'dateline') or contains(@class,'publish') or contains(@class,'date')"


def _visible_date(tree: Any, declared: str) -> str:
    """The date as the page shows it (the publisher's local day), where it is within a day of the declared one.

    Machine-readable timestamps are often UTC: a story posted in the evening in California
    carries the next day's date there, and the gold (and the reader) go by the page.
    """
    if tree is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", declared):
        return declared
    import datetime

    for el in tree.xpath(f"//time | //*[{_DATE_CLASS}]")[:20]:
        m = _SHOWN_DATE.search(" ".join(el.text_content().split())[:200])
        if not m:
            continue
        month = _MONTH_NUMBER.get((m.group("month") or m.group("month2")).lower()[:4].rstrip(".")) or _MONTH_NUMBER.get(
            (m.group("month") or m.group("month2")).lower()[:3])
        if month is None:
            continue
        try:
            shown = datetime.date(int(m.group("year") or m.group("year2")), month, int(m.group("day") or m.group("day2")))
            gap = abs((shown - datetime.date.fromisoformat(declared)).days)
        except ValueError:
            continue
        return shown.isoformat() if gap <= 1 else declared
    return declared


def _visible_byline(tree: Any) -> list[str]:
    """The names of the byline the page shows (an element whose class says byline), if it reads 'By …'."""
    if tree is None:
        return []
    for el in tree.xpath("//*[contains(@class,'byline')]")[:10]:
        text = " ".join(el.text_content().split())
        if not re.match(r"^By\s+[A-Z]", text) or len(text) > 200:
            continue
        names = split_authors(re.split(r"\s+(?:/|\||Updated|Published)\s+", text)[0])
        # only a byline that is names and nothing else (no dates, no share buttons run into it)
        if names and all(re.fullmatch(r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][a-z][\w'’-]*", n) for n in names):
            return names
    return []


def _page_figures(page: Page, tree: Any) -> None:
    """The page's captioned images (<figcaption>) inside the article, as figures where they stand.

    A caption stands after the last body block met before it in the page; one before the first
    block or after the last is not the article's. A caption the extractor kept as a body
    paragraph leaves the body: it is a figure (the benchmark's gold leaves captions out too).
    """
    where = {block: i for i, block in reversed(list(enumerate(page.blocks)))}
    last = -1
    found: list[tuple[int, str, str]] = []
    for el in tree.iter("p", "h2", "h3", "li", "blockquote", "figcaption"):
        if el.tag != "figcaption":
            text = _clean(el.text_content())
            if text in where:
                last = max(last, where[text])
            continue
        credit_el = next((c for c in el.iter() if "credit" in (c.get("class") or "").lower() and c is not el), None)
        credit = _clean(credit_el.text_content()) if credit_el is not None else ""
        caption = _clean(el.text_content())
        if credit and caption.endswith(credit):
            caption = caption[: -len(credit)].rstrip(" (|/—–-")
        if caption and 0 <= last < len(page.blocks) - 1:
            found.append((last + 1, caption, credit))
    if not found:
        return
    captions = {c for _, c, _ in found}
    kept = [(i, b) for i, b in enumerate(page.blocks) if b not in captions]
    new_index = {old: new for new, (old, _) in enumerate(kept)}
    for after, caption, credit in found:
        # after counts the body blocks before the figure, once the captions left the body
        before = sum(1 for old in range(after) if old in new_index)
        page.figures.append(PageFigure(caption, credit, before))
    page.headings = [new_index[h] for h in page.headings if h in new_index]
    page.blocks = [b for _, b in kept]


def _same(a: str, b: str) -> bool:
    """True when two texts have the same words, whatever their case and punctuation."""
    return re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())


def _words(text: str) -> set[str]:
    """A text's lowercased words."""
    return set(re.findall(r"\w+", text.casefold()))


def _title(doc: Any, tree: Any) -> tuple[str, str]:
    """The headline: the page's <h1> where it is the article's title, else the declared title."""
    declared = _clean(doc.title or "")
    h1s = [_clean(h.text_content()) for h in tree.iter("h1")] if tree is not None else []
    declared_words = _words(declared)
    for h1 in h1s:
        if not h1 or len(h1) > 300:
            continue
        words = _words(h1)
        # the displayed headline often differs from og:title; it must still be about the same thing
        if declared_words and len(words & declared_words) >= 0.5 * min(len(words), len(declared_words)):
            return h1, "the page's headline (<h1>)"
    if declared:
        return declared, "the page's declared title (og:title or <title>)"
    for h1 in h1s:
        if h1 and len(h1) <= 300:
            return h1, "the page's first <h1>"
    return "", ""


def _host_labels(url: str) -> tuple[str, str]:
    """The host's first label and its registered name: ('hosted', 'ap') for hosted.ap.org."""
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].split(":")[0]
    parts = [p for p in host.split(".") if p not in ("www", "m", "amp")]
    if not parts:
        return "", ""
    # the label before the public suffix (com, co.uk, com.au...)
    rest = parts[:-1] if len(parts) > 1 else parts
    while len(rest) > 1 and rest[-1] in ("co", "com", "org", "net", "gov", "ac", "edu"):
        rest = rest[:-1]
    return parts[0], rest[-1]


def _matches_host(name: str, url: str) -> bool:
    """True when a name is the site's own: its words, or their initials, make the site's registered name."""
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w != "the"]
    site = _host_labels(url)[1]
    if not words or not site:
        return False
    joined = "".join(words)
    initials = "".join(w[0] for w in words)
    return joined in site or site in joined or (len(initials) > 1 and site.startswith(initials))


def _publisher(doc: Any, tree: Any, url: str) -> tuple[str, str]:
    """The site's name as the page gives it, and where it was found."""
    candidates: list[tuple[str, str]] = []
    if tree is not None:
        title = tree.find(".//title")
        if title is not None and title.text:
            parts = re.split(r"\s+[|\-–—:]\s+", _clean(title.text))
            if len(parts) > 1 and _matches_host(parts[-1], url):
                candidates.append((parts[-1], "the suffix of the page's <title>"))
        for name in _jsonld_publishers(tree):
            candidates.append((name, "the page's JSON-LD publisher"))
        for site in tree.xpath("//meta[@property='og:site_name']/@content"):
            site = _clean(site)
            # a CMS's default: the host's first label, capitalised ("Hosted" for hosted.ap.org)
            first, registered = _host_labels(url)
            if site and not (site.lower() == first and first != registered):
                candidates.append((site, "the page's og:site_name"))
        text = tree.text_content() if len(tree) else ""
        for m in re.finditer(r"(?:©|Copyright|\(c\))(?:\s*(?:©|\(c\)))?\s*(?:\d{4}\s*[-–]\s*)?\d{4},?\s+((?:The\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})",
                             text):
            name = re.split(r"\.\s|\s+All\b", m.group(1))[0]
            name = re.sub(r"\s+(?:Inc|LLC|Ltd|Co|Corp|Company|Group|Media|Interactive)\.?$", "", name).rstrip(". ")
            if name and not re.search(r"\bAll\b", name):
                candidates.append((name, "the page's copyright line"))
    if doc.sitename:
        candidates.append((_clean(doc.sitename), "trafilatura's site name"))
    for name, where in candidates:
        if name and len(name) <= 80:
            return name, where
    return "", ""


def _jsonld_publishers(tree: Any) -> list[str]:
    """Publisher names declared in the page's JSON-LD."""
    names: list[str] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            pub = item.get("publisher") if isinstance(item, dict) else None
            if isinstance(pub, list) and pub:
                pub = pub[0]
            if isinstance(pub, dict) and isinstance(pub.get("name"), str) and pub["name"].strip():
                names.append(_clean(pub["name"]))
    return names


def split_authors(byline: str) -> list[str]:
    """The people a byline names, in normal capitalisation; an agency only when it is all there is."""
    byline = _clean(byline)
    if not byline:
        return []
    agencies = [a for a in _AGENCIES if re.search(rf"\b{re.escape(a)}\s*$", byline)]
    rest = byline[: len(byline) - len(agencies[0])].strip(" ;,") if agencies else byline
    parts = [p.strip() for p in re.split(r";|,|\band\b|&|\|", re.sub(r"^by\s+", "", rest, flags=re.I)) if p.strip()]
    names = []
    for part in parts:
        words = [w for w in part.split() if w.lower().strip(".,") not in _MONTHS and w.lower().strip(".,") not in _TIME_WORDS
                 and not re.fullmatch(r"[\d,.:]+", w)]
        if not words:
            continue
        name = " ".join(words)
        if name.isupper():
            name = " ".join(w.capitalize() if len(w) > 2 or not w.endswith(".") else w for w in name.lower().split())
            name = re.sub(r"\b(Mc|O')(\w)", lambda m: m.group(1) + m.group(2).upper(), name)
        if name not in names:
            names.append(name)
    if not names and agencies:
        return [agencies[0].removeprefix("The ")]
    return names


def seed_text(page: Page) -> str:
    """The page's article as a seed text: a date line, then the body blocks and the figures in order."""
    out: list[str] = []
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.date or ""):
        out.append(f"date {page.date}")
    figures = sorted(page.figures, key=lambda f: f.after)
    k = 0
    for i, block in enumerate(page.blocks):
        while k < len(figures) and figures[k].after <= i:
            out.append(_figure_line(figures[k]))
            k += 1
        out.append(block)
    out.extend(_figure_line(f) for f in figures[k:])
    return "\n\n".join(out) + "\n"


def _figure_line(figure: PageFigure) -> str:
    """A figure as the seed writes it: `Image: caption (credit)`."""
    caption = figure.caption.replace("(", "[").replace(")", "]")  # the parentheses are the credit's
    return f"Image: {caption} ({figure.credit or 'no credit given'})"
