"""A content page's text: YAML front matter and a Markdown body, as python-frontmatter writes it.

`page_text` gives, byte for byte, what `frontmatter.dumps` gives with PyYAML's libyaml dumper
(block style, keys in the given order, unicode, width 1000, no aliases), several times faster.
PyYAML's representer builds a node per value and runs the implicit resolvers' regexes on every
string, in Python, even with libyaml's emitter: at 10,000 stories that was 40% of render.

Front matter is made of a few plain types; this writes them directly when every string is one
libyaml writes plain or single-quoted. Anything else (a line break, a control or astral
character, a float, an unknown type) hands the whole page to python-frontmatter, so the output
never differs; `tests/test_page_text.py` checks both ways
give the same text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import frontmatter
import yaml

WIDTH = 1000
"""PyYAML folds a scalar at a space past this column: wide enough that no front matter value
is folded (a folded summary would read back the same, but is harder to read in a diff)."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """No YAML anchors: a listing's entries are cached lists, and a page read alone must
    not depend on `&id001` references between its keys."""

    def ignore_aliases(self, data: object) -> bool:
        return True


class _NotPlain(Exception):
    """A value this module does not write itself: python-frontmatter writes the page."""


# Characters libyaml writes as they are in a plain or single-quoted scalar (its IS_PRINTABLE
# with allow_unicode, less its line breaks U+2028 and U+2029): no controls, tabs, surrogates,
# byte order mark or astral planes.
_PRINTABLE = re.compile(r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
# First characters that make libyaml quote a scalar (its block indicators).
_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")
_RESOLVER = yaml.resolver.Resolver()
_RESOLVED_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
_STR_TAG = "tag:yaml.org,2002:str"
_KEY = re.compile(r"[a-z][a-z_]*")
"""Front-matter keys are names: never quoted, never too long for a simple key."""


def page_text(meta: dict[str, object], body: str) -> str:
    """`frontmatter.dumps` of a post with this metadata and content (the page's text)."""
    try:
        if not meta:  # PyYAML writes `{}`
            raise _NotPlain
        lines: list[str] = []
        _mapping(meta, 0, False, lines)
        yaml_text = "".join(lines)
    except _NotPlain:
        post = frontmatter.Post(body)
        post.metadata.update(meta)
        return frontmatter.dumps(post, Dumper=_Dumper, sort_keys=False, width=WIDTH)
    # python-frontmatter's template, stripped as it strips it.
    return f"---\n{yaml_text.strip()}\n---\n\n{body}".strip()


def _mapping(value: dict[str, object], indent: int, inline: bool, out: list[str]) -> None:
    """Add a block mapping's lines to `out`. `inline`: the first key follows a sequence
    item's `- `."""
    pad = " " * indent
    for number, (key, item) in enumerate(value.items()):
        if not _is_key(key):
            raise _NotPlain
        head = key if inline and not number else pad + key
        kind = type(item)
        if kind is str:  # most values: tested first
            out.append(f"{head}: {_scalar(item, indent + len(key) + 2, indent + 2)}\n")
        elif kind is list and item:
            out.append(head + ":\n")
            _sequence(item, indent, False, out)  # PyYAML does not indent a mapping's lists
        elif kind is dict and item:
            out.append(head + ":\n")
            _mapping(item, indent + 2, False, out)
        else:
            out.append(f"{head}: {_leaf(item)}\n")


def _sequence(value: list[object], indent: int, inline: bool, out: list[str]) -> None:
    """Add a block sequence's lines to `out`. `inline`: the first item follows an outer
    item's `- `."""
    pad = " " * indent + "- "
    for number, item in enumerate(value):
        head = "- " if inline and not number else pad
        kind = type(item)
        if kind is str:
            out.append(f"{head}{_scalar(item, indent + 2, indent + 2)}\n")
        elif kind is list and item:
            out.append(head)
            _sequence(item, indent + 2, True, out)
        elif kind is dict and item:
            out.append(head)
            _mapping(item, indent + 2, True, out)
        else:
            out.append(f"{head}{_leaf(item)}\n")


@functools.lru_cache(maxsize=256)  # a few keys, on every page
def _is_key(key: object) -> bool:
    return type(key) is str and bool(_KEY.fullmatch(key)) and _plain(key)


def _leaf(value: object) -> str:
    """A scalar other than a string, or an empty collection."""
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if value is None:
        return "null"
    if kind is dt.date:
        return value.isoformat()  # type: ignore[attr-defined]
    if kind is list:  # empty: PyYAML writes it in flow style
        return "[]"
    if kind is dict:
        return "{}"
    raise _NotPlain


def _scalar(text: str, column: int, indent: int) -> str:
    """A string as libyaml writes it: plain when nothing in it means something to YAML,
    else single-quoted."""
    written = _one_line(text)
    if written is None:
        raise _NotPlain  # escaped and double-quoted, or a block scalar: left to PyYAML
    if column + len(written) <= WIDTH:  # no space after the width: nothing to fold
        return written
    return _folded(text, column, indent, written != text)  # quoted


@functools.lru_cache(maxsize=1 << 16)  # titles, summaries, links and chips recur on many pages
def _one_line(text: str) -> str | None:
    """`text` plain (itself) or single-quoted, unfolded; None if libyaml would escape it."""
    if not _PRINTABLE.fullmatch(text):
        return None
    return text if _plain(text) else "'" + text.replace("'", "''") + "'"


def _folded(text: str, column: int, indent: int, quoted: bool) -> str:
    """A scalar that runs past WIDTH, as libyaml folds it: a single space met past the width
    (in quotes, not the last character) becomes a line break and `indent` spaces."""
    out = ["'"] if quoted else []
    column += quoted
    last = len(text) - 1
    spaces = False  # the previous character was a space
    for at, char in enumerate(text):
        if char == " ":
            breaks = not spaces and column > WIDTH and text[at + 1 : at + 2] != " "
            # (libyaml spares a quoted scalar's first character too; it is never past the width)
            if breaks and not (quoted and at == last):
                out.append("\n" + " " * indent)
                column = indent
            else:
                out.append(char)
                column += 1
            spaces = True
        else:
            piece = "''" if quoted and char == "'" else char
            out.append(piece)
            column += len(piece)
            spaces = False
    if quoted:
        out.append("'")
    return "".join(out)


def _plain(text: str) -> bool:
    """Whether libyaml writes `text` (printable, one line) as a plain scalar in block
    context: no indicator where it would start a YAML token, no space at either end, and
    not a value the implicit resolvers would read as something other than a string."""
    if not text or text[0] == " " or text[-1] == " " or text[-1] == ":":
        return False
    first, after = text[0], text[1:2]
    if first in _INDICATORS or text.startswith(("---", "...")):
        return False
    if first in "?:-" and after in ("", " "):
        return False
    if ": " in text or " #" in text:
        return False
    if first in _RESOLVED_FIRST:
        return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG
    return True
