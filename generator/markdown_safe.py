"""Turning untrusted dump text into Markdown that renders as exactly that text.

Dump text is data, never markup: HTML in it must arrive escaped, Markdown syntax in it must
show literally, and nothing may add attributes, links or blocks. The escaping here targets
the Markdown extensions enabled in mkdocs.yml; `tests/test_markdown_safe.py` builds real
pages with them to prove it.
"""

from __future__ import annotations

import html as htmllib
import re

# Which characters are syntax, and where, for one line of text in the places the templates put
# it (a paragraph's line, after a heading's `#`, in a link's text, a span, a list item, an
# admonition's body), with the extensions mkdocs.yml enables plus the toc, tables and
# fenced_code MkDocs always adds (Python-Markdown 3.11's inlinepatterns and blockprocessors):
# - anywhere: `\` (escapes), `` ` `` (code), `*` `_` (emphasis, rules), `[` `]` (links,
#   images, references, [TOC]), `{` `}` (attribute lists), `#` (an ATX heading's closing
#   hashes; also rare in news), `|` (table rows); `&`, `<` and `>` become entities. A `"`
#   stays: in these places it opens no attribute or title (`<` and `{` are escaped), and
#   Python-Markdown writes it into a text node as it is. An entity for each would cost the
#   inline patterns a match: a tenth of MkDocs's Markdown time for news, which quotes a lot.
# - at the start of a line only: `-` `+` (bullets, rules, setext underlines), `!` (`!!!`
#   admonitions), digits then `.` (ordered lists), and `~ : = %` (below). `(` too, though
#   only a template's `]` before it could make it a link target.
# - a last `!`: an image if a template ever put `[` right after the value.
# Everything else (`.`, `-`, `+`, `(`, `)`, `!` mid-line) is plain text there: an escape
# would only cost MkDocs an inline-pattern pass, for every full stop of every story.
# The backslash comes first: the escapes that follow add backslashes, which must stay single.
_BACKSLASH_ESCAPES = [(char, "\\" + char) for char in "\\`*_{}[]#|"]
_LINE_START_ESCAPES = frozenset("+-!(")
_ORDERED_LIST = re.compile(r"\d+\.")
"""An ordered list's marker; `\\d` as Python-Markdown's own (any Unicode decimal digit)."""
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ATTRIBUTE = {**_HTML, '"': "&quot;"}
# Characters with no backslash escape that start a block when they open a line
# (fenced code with tildes, admonitions, definition lists): written as numeric entities.
_LINE_START_ENTITIES = {"~": "&#126;", ":": "&#58;", "=": "&#61;", "%": "&#37;"}
# Python-Markdown uses STX/ETX around placeholders for the raw HTML it set aside; text that
# carried them could pull a stashed block into the page. No control character is content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def inline(value: object) -> str:
    """Escape one line of plain text for use anywhere in a Markdown document."""
    text = str(value)
    if not _tidy(text):
        # split() and \s agree on what is whitespace; splitting runs several times faster.
        text = " ".join(_CONTROL.sub(" ", text).split())
    text = _escape_html(text)
    for char, escaped in _BACKSLASH_ESCAPES:
        if char in text:
            text = text.replace(char, escaped)
    return _escape_line_start(text) if text else text


def _escape_line_start(text: str) -> str:
    """Escape what is syntax only at the start (or a final `!`) of an already escaped line."""
    if text[-1] == "!":  # no `!` is escaped yet: a backslash before it is a `\\` pair
        text = text[:-1] + "\\!"
    first = text[0]
    if first in _LINE_START_ESCAPES:
        return "\\" + text
    if first in _LINE_START_ENTITIES:
        return _LINE_START_ENTITIES[first] + text[1:]
    if first.isdecimal() and (marker := _ORDERED_LIST.match(text)):
        return text[: marker.end() - 1] + "\\" + text[marker.end() - 1 :]
    return text


def _tidy(text: str) -> bool:
    """Whether `text` has no control character and no whitespace but single inner spaces
    (Python's unprintable characters include every control and every other whitespace):
    most paragraphs, which then skip the regex and the split."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def text(markdown: str) -> str:
    """The plain text `inline` escaped: backslash escapes and HTML entities undone (the
    search index reads article pages back this way)."""
    if "\\" in markdown:  # most paragraphs have no escape: the scan is skipped
        markdown = _UNESCAPE.sub(r"\1", markdown)
    return htmllib.unescape(markdown)


def attribute(value: object) -> str:
    """Escape plain text for a double-quoted HTML attribute (no Markdown applies there)."""
    return _escape_html(" ".join(str(value).split()), _ATTRIBUTE)


# Render escapes every dump value of every page: chained str.replace runs several times
# faster than a per-character join, a regex with a replacement function, or str.translate.
def _escape_html(text: str, entities: dict[str, str] = _HTML) -> str:
    for char, entity in entities.items():  # "&" first, so entities are not escaped twice
        if char in text:
            text = text.replace(char, entity)
    return text
