"""Segment: a `Dump` -> the `Span`s of lines that each hold one article.

In: decoded dump lines. Out: spans (1-based, inclusive) covering every non-blank line once,
plus audit entries for any non-blank line no span holds. Segment decides only where stories
begin and end; it does not pick titles or classify (that is extract's and classify's job).

Rules, in the order a careful reader applies them (ARCHITECTURE.md §5):
- a credit line (`Photo: CNA`) belongs to the paragraph before it;
- a teaser is a line cut off mid-sentence: it is a story of its own;
- a short line with no closing punctuation followed by a blank line is a headline and
  opens a new story;
- any other line continues the story before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import text
from generator.model import AuditEntry, Dump, Span

TITLE_MAX_WORDS = 20
"""A headline line is short; longer unpunctuated lines are teasers cut off mid-sentence."""


@dataclass(frozen=True, slots=True)
class Segmentation:
    """Spans for one dump, and the lines that fit no span."""

    spans: tuple[Span, ...]
    audit: tuple[AuditEntry, ...] = ()


def segment(dump: Dump) -> Segmentation:
    """Split one dump into article spans."""
    starts = _story_starts(dump.lines)
    spans = []
    for index, first in enumerate(starts):
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(dump.lines)
        last = _last_non_blank(dump.lines, first, end)
        spans.append(Span(dump=dump, first=first, last=last))
    return Segmentation(spans=tuple(spans))


def _story_starts(lines: tuple[str, ...]) -> list[int]:
    """1-based line numbers where a new story begins."""
    starts: list[int] = []
    previous_ended = True  # the line before the current story's last paragraph
    for number, line in enumerate(lines, start=1):
        if text.is_blank(line):
            continue
        if not starts:
            starts.append(number)
        elif text.is_credit(line):
            pass
        elif _is_headline(lines, number) or _is_teaser(line) or not previous_ended:
            starts.append(number)
        previous_ended = (
            text.is_credit(line) or text.ends_sentence(line) or _is_headline(lines, number)
        )
    return starts


def _is_headline(lines: tuple[str, ...], number: int) -> bool:
    """A short unpunctuated line followed by a blank line and more text."""
    line = lines[number - 1]
    if text.ends_sentence(line) or len(text.words(line)) > TITLE_MAX_WORDS:
        return False
    following = lines[number:]
    return (
        bool(following)
        and text.is_blank(following[0])
        and any(not text.is_blank(rest) for rest in following)
    )


def _is_teaser(line: str) -> bool:
    return not text.ends_sentence(line) and len(text.words(line)) > TITLE_MAX_WORDS


def _last_non_blank(lines: tuple[str, ...], first: int, end: int) -> int:
    last = end
    while last > first and text.is_blank(lines[last - 1]):
        last -= 1
    return last
