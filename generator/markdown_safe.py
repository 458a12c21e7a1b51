"""Turning untrusted dump text into Markdown that renders as exactly that text.

Dump text is data, never markup: HTML in it must arrive escaped, Markdown syntax in it must
show literally, and nothing may add attributes, links or blocks. The escaping here targets
the Markdown extensions enabled in mkdocs.yml; `tests/test_markdown_safe.py` builds real
pages with them to prove it.
"""

from __future__ import annotations

import html as htmllib
import re

# Python-Markdown honours a backslash before these characters. The backslash comes first:
# the escapes that follow add backslashes, which must stay single.
_BACKSLASH_ESCAPES = [(char, "\\" + char) for char in "\\`*_{}[]()#+-.!|"]
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
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
    if text and text[0] in _LINE_START_ENTITIES:
        text = _LINE_START_ENTITIES[text[0]] + text[1:]
    return text


def _tidy(text: str) -> bool:
    """Whether `text` has no control character and no whitespace but single inner spaces
    (Python's unprintable characters include every control and every other whitespace):
    most paragraphs, which then skip the regex and the split."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def text(markdown: str) -> str:
    """The plain text `inline` escaped: backslash escapes and HTML entities undone (the
    search index reads article pages back this way)."""
    return htmllib.unescape(_UNESCAPE.sub(r"\1", markdown))


def attribute(value: object) -> str:
    """Escape plain text for a double-quoted HTML attribute (no Markdown applies there)."""
    return _escape_html(" ".join(str(value).split()))


# Render escapes every dump value of every page: chained str.replace runs several times
# faster than a per-character join, a regex with a replacement function, or str.translate.
def _escape_html(text: str) -> str:
    for char, entity in _HTML.items():  # "&" first, so entities are not escaped twice
        text = text.replace(char, entity)
    return text
