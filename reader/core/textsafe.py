"""One policy for characters an article may not carry, and for showing text on a terminal.

Article text is data. Control characters (C0 other than tab and line feed, DEL, C1) could
drive a terminal (set its title, write its clipboard, clear it), and bidirectional overrides
or invisible characters could make text read differently from what it holds. So:

- `check` refuses them in an article, a seed or an imported text, with file:line:column
  (`find_forbidden` says where);
- whatever reaches a terminal anyway (a file name in an error, a name typed on the command
  line, a state file's note) goes through `visible`, which writes each of them as an escape
  such as `\\u001b`, never raw.

Joiners and marks that scripts need (ZWJ U+200D, ZWNJ U+200C, LRM U+200E, RLM U+200F, ALM
U+061C) are allowed: they can neither reorder a line nor hide text. SECURITY.md says the same.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab and line feed, DEL and the C1 controls
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# bidi embeddings, overrides and isolates (the "Trojan Source" set)
_BIDI = "\u202a-\u202e\u2066-\u2069"
# characters that show nothing: zero-width space, word joiner and invisible operators,
# the BOM inside text, the Mongolian vowel separator, and the tag characters
_INVISIBLE = "\u200b\u2060-\u2064\ufeff\u180e\U000e0000-\U000e007f"

#: What an article's text may not hold; tab and line feed are allowed.
FORBIDDEN = re.compile(f"[{_CONTROLS}{_BIDI}{_INVISIBLE}]")
#: The same for a plain text file (a seed, an import): a carriage return only before a line feed.
FORBIDDEN_IN_TEXT_FILE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}]|\r(?!\n)")
# for one-line output: line breaks and tabs too, and the Unicode line separators
_NOT_ONE_LINE = re.compile(f"[\t\n\r\x85\u2028\u2029{_CONTROLS}{_BIDI}{_INVISIBLE}]")


def describe(char: str) -> str:
    """`the control character U+001B` or `the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    code = ord(char)
    if unicodedata.category(char) == "Cc":
        return f"the control character U+{code:04X}"
    name = unicodedata.name(char, "")
    kind = "bidirectional control" if re.match(f"[{_BIDI}]", char) else "invisible character"
    return f"the {kind} U+{code:04X}" + (f" ({name})" if name else "")


def line_col(text: str, index: int) -> tuple[int, int]:
    """One-based line and column of a character offset, counting line feeds."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _escape(match: re.Match[str]) -> str:
    """A character as a visible escape: `\\u001b`, or `\\udb40\\udc41` beyond the BMP."""
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # as a surrogate pair, the way JSON writes it, so a JSON export stays valid
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """Text safe to write to a terminal: every forbidden character written as an escape.

    With one_line, line breaks and tabs are escaped too, so a value cannot split a message.
    """
    pattern = _NOT_ONE_LINE if one_line else FORBIDDEN
    return pattern.sub(_escape, text) if pattern.search(text) else text
