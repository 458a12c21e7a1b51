"""Small text primitives shared by segment, extract and classify: line shapes and sentences.

Kept apart so that the stages agree on what "a line ends mid-sentence" or "a credit line"
means; each function is pure and works on plain strings.
"""

from __future__ import annotations

import re

# A paragraph that ends in one of these (optionally followed by closing quotes or brackets)
# finished its last sentence; anything else was cut off by the site that made the teaser.
_TERMINAL = re.compile(r"[.!?…:;]['\"’”)\]»]*$|[.!?]['\"’”]*\s*\(?[A-Z]{2,}\)?$")
CREDIT = re.compile(
    r"^(?P<kind>Photos?|Graphics?|Images?|Videos?|Illustrations?|Pictures?|Screengrab)"
    r"(?:\s+(?:courtesy\s+of|by|from))?\s*[:：]\s*(?P<who>.{1,80})$",
    re.IGNORECASE,
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt rep sen gov pres st jr sr inc ltd co corp no "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m vs etc".split()
)
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)\]]*\s+(?=['\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)


def is_blank(line: str) -> bool:
    return not line.strip()


def is_credit(line: str) -> bool:
    """`Photo: CNA`, `Photos: AFP, Reuters`, `Graphic: Taipei Times` and the like."""
    return bool(CREDIT.match(line.strip()))


def ends_sentence(line: str) -> bool:
    """True when the line's last sentence is complete."""
    return bool(_TERMINAL.search(line.rstrip()))


def words(text: str) -> list[str]:
    """Word tokens, letters and digits only (CJK runs count as one word)."""
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping common abbreviations and initials intact."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start() + 1]
        last = candidate.rsplit(None, 1)[-1].rstrip(".").lower() if candidate.strip() else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
