"""Segment: a `Dump` -> the `Span`s of lines that each hold one article.

In: decoded dump lines. Out: spans (1-based, inclusive) and an audit. Every non-blank line is
inside exactly one span or listed in the audit with its reason; so are the lines a span holds
whose text no article shows (site boilerplate, a photo caption of which extract keeps only
the credit, a pull quote or a paragraph pasted twice: `text.repeated_lines`). Segment decides
only where stories begin and end; titles, credits and bodies are extract's job, topics
classify's.

A careful reader's rules, in the order they are applied:
- site boilerplate and page chrome (`Advertisement`, a menu, a word or two such as `Facebook`
  or pagination's `Next »` heading no paragraph: `lines`) go to the audit, in no story;
- a credit line (`Photo: CNA`) or `Additional reporting by ...` closes the story before it;
- a headline (short and unpunctuated, with a blank line under it or right above a full lead,
  and a blank line or the dump's start over it; or page chrome over it: any line of it over a
  byline's headline, `Read more` or a menu over a lead's) or a byline opens a story;
- a date or time alone on a line (`2025-11-03 18:00`, a live blog's `18:42`) heads the line
  after it: it opens a story where that line would, and that line then continues it;
- a teaser is one long line cut off mid-sentence: a story of its own;
- in a titled story, paragraphs separated by blank lines belong to it until the next headline
  or until paragraphs come packed together (a run of untitled stories follows);
- otherwise (a run of paragraphs with nothing between stories) the lexical-cohesion model
  (`generator/data/segment_weights.json`, trained by `tests/eval/segment_train.py` on the
  corpus's dev split) gives the probability that a paragraph reads like a new lead; `decode`
  picks the starts for the whole run at once, with a prior on article length; a second pass
  (`rejoin`) compares each model-opened story, whole, with the one before it.

Modules: `lines` (what each line is), `cohesion` (features and models), `decode` (the
dynamic programme); this one walks the dump and applies the rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator import text
from generator.model import AuditEntry, Dump, SourceRef, Span
from generator.segment.cohesion import (
    FEATURES,
    PAIR_FEATURES,
    Model,
    Paragraph,
    Story,
    features,
    load_model,
    pair_features,
    prepare,
)
from generator.segment.decode import LengthPrior, Unit, choose_starts, load_prior
from generator.segment.lines import PROSE, Kind, classify_lines, few_words, signed

__all__ = [
    "FEATURES",
    "PAIR_FEATURES",
    "PROSE",
    "Group",
    "Kind",
    "LengthPrior",
    "Model",
    "Segmentation",
    "Unit",
    "choose_starts",
    "classify_lines",
    "group",
    "rejoin",
    "segment",
    "signed",
    "walk",
]

LOOKAHEAD = 3
"""Paragraphs read past a candidate boundary: TextTiling compares blocks, not single lines."""


@dataclass(frozen=True, slots=True)
class Segmentation:
    """Spans for one dump, and the lines that fit no span."""

    spans: tuple[Span, ...]
    audit: tuple[AuditEntry, ...] = ()


Decide = Callable[[int, tuple[float, ...]], float]
"""Given a line number and its gap features: the probability that a new story starts there."""


def segment(dump: Dump) -> Segmentation:
    """Split one dump into article spans; audit the lines no span holds."""
    gap, join, prior = _shipped()
    units, audit = walk(dump.lines, gap.probability_at, gap.threshold)
    groups = rejoin(group(units, choose_starts(units, prior)), join.decide)
    reasons = dict(audit)
    for empty in [g for g in groups if not g.story.paragraphs]:
        # credits or a byline with no story text anywhere near them: the whole line is left
        # out (a caption's own entry gives way)
        reasons.update((n, "no story text to attach this line to") for n in empty.numbers)
    groups = [g for g in groups if g.story.paragraphs]
    prose = {u.number: u.paragraph.text for u in units if u.paragraph is not None}
    for g in groups:
        numbers = [n for n in g.numbers if n in prose]
        for index in text.repeated_lines([prose[n] for n in numbers]):
            # extract leaves it out by the same rule
            reasons[numbers[index]] = f"repeats the story's own words: {prose[numbers[index]]!r}"
        for number, reason in _chrome_at_end(dump.lines, g.numbers).items():
            reasons.setdefault(number, reason)
    spans = tuple(Span(dump=dump, first=g.numbers[0], last=g.numbers[-1]) for g in groups)
    entries = [
        AuditEntry(ref=SourceRef(dump=dump.name, first=n, last=n), reason=reasons[n])
        for n in sorted(reasons)
    ]
    return Segmentation(spans=spans, audit=tuple(entries))


def _chrome_at_end(lines: Sequence[str], numbers: list[int]) -> dict[int, str]:
    """The audit of a story's closing word or two that extract, reading the story alone,
    leaves out as page chrome (`lines.few_words`: nothing under it there), though the dump
    read it as a paragraph because the next story's lead stood under it (`Facebook` between
    two stories). Only such a story is classified again."""
    first, last = numbers[0], numbers[-1]
    if not few_words(lines[last - 1].strip()):
        return {}
    span = lines[first - 1 : last]
    return {
        first + i: f"site boilerplate, not a story: {span[i].strip()!r}"
        for i, kind in enumerate(classify_lines(span))
        if kind is _BOILERPLATE
    }


@dataclass(slots=True)
class Group:
    """The lines (1-based) read as one story so far."""

    numbers: list[int]
    story: Story
    soft: bool
    """The model, not a rule, opened this story: the second pass may join it to the one before."""
    opening: float = 1.0
    """The first pass's probability that this story starts where it does (1.0: a rule)."""


def walk(
    lines: Sequence[str], decide: Decide, threshold: float = 0.5
) -> tuple[list[Unit], list[tuple[int, str]]]:
    """First pass: read the dump's story lines in order; return them as units, and the audit.

    Rules settle most gaps. Where they cannot, `decide` gives the probability that the paragraph
    opens a new story, and the walk follows it (at `threshold`) so the story it compares later
    paragraphs with is the likeliest one. The evaluation passes the gold answer here to collect
    training features.
    """
    kinds = classify_lines(lines)
    prepared = [prepare(line) if k in PROSE else None for line, k in zip(lines, kinds, strict=True)]
    units: list[Unit] = []
    audit: list[tuple[int, str]] = []
    story = Story()
    previous: int | None = None
    for i, kind in enumerate(kinds):
        if kind is _BLANK:
            continue
        if kind is _BOILERPLATE:
            audit.append((i + 1, f"site boilerplate, not a story: {lines[i].strip()!r}"))
            continue
        if kind is _CREDIT and (caption := text.caption_of(lines[i])) is not None:
            audit.append((i + 1, f"photo caption, only its credit kept: {caption!r}"))
        verdict = True if previous is None else _starts(kinds, previous, i, story, prepared, decide)
        titled = kind is _TITLE or (kind is _STAMP and _headed_kind(kinds, i) is _TITLE)
        if verdict is True or (verdict is not False and verdict >= threshold):
            story = Story(titled=titled)
        units.append(
            Unit(number=i + 1, paragraph=prepared[i], verdict=verdict, titled=titled, story=story)
        )
        if prepared[i] is not None:
            story.add(prepared[i])
        previous = i
    return units, audit


def group(units: Sequence[Unit], starts: Sequence[bool]) -> list[Group]:
    """The units gathered into stories, one opening at every start.

    Where decoding kept the walk's own story whole, its `Story` is reused rather than re-read.
    """
    groups: list[Group] = []
    fresh = True
    for index, (unit, start) in enumerate(zip(units, starts, strict=True)):
        if start or not groups:
            story = _walked_story(units, starts, index)
            fresh = story is None
            soft = unit.verdict is not True
            opening = 1.0 if isinstance(unit.verdict, bool) else unit.verdict
            story = Story(titled=unit.titled) if story is None else story
            groups.append(Group(numbers=[], story=story, soft=soft, opening=opening))
        groups[-1].numbers.append(unit.number)
        if fresh and unit.paragraph is not None:
            groups[-1].story.add(unit.paragraph)
    return groups


def _walked_story(units: Sequence[Unit], starts: Sequence[bool], index: int) -> Story | None:
    """The walk's story for the group opening at `index`, if it holds exactly that group."""
    story = units[index].story
    if story is None or (index and units[index - 1].story is story):
        return None
    end = index + 1
    while end < len(units) and not starts[end]:
        if units[end].story is not story:
            return None
        end += 1
    return None if end < len(units) and units[end].story is story else story


JoinDecide = Callable[[int, tuple[float, ...]], bool]
"""Given the first line of a model-opened story and pair features: is it really a new story?"""


def rejoin(groups: list[Group], decide: JoinDecide) -> list[Group]:
    """Second pass: compare each model-opened story, whole, with the whole story before it.

    The first pass sees only a few paragraphs past a gap; here both sides are complete, which
    undoes most false starts (a paragraph that drifted off topic inside one story).
    """
    out: list[Group] = []
    for index, group in enumerate(groups):
        joinable = out and group.soft and group.story.paragraphs and out[-1].story.paragraphs
        after = groups[index + 1] if index + 1 < len(groups) else None
        following = after.opening if after else 1.0
        next_story = after.story if after and after.story.paragraphs else None
        if joinable and not decide(
            group.numbers[0],
            pair_features(out[-1].story, group.story, group.opening, following, next_story),
        ):
            out[-1] = _joined(out[-1], group)
            continue
        out.append(group)
    return out


def _joined(first: Group, second: Group) -> Group:
    """One group holding both; a new story, since the groups' stories may be the walk's."""
    story = Story(titled=first.story.titled)
    for line in (*first.story.paragraphs, *second.story.paragraphs):
        story.add(line)
    numbers = first.numbers + second.numbers
    return Group(numbers=numbers, story=story, soft=first.soft, opening=first.opening)


# Kind's members as plain module names for the walk's loops, which test each line's kind up to
# a dozen times: on Python 3.11 every `Kind.X` passes through the enum metaclass's __getattr__
# hook (~75 ns a look-up, a global ~10). Tuples of kinds are frozensets for the same reason.
_BLANK, _BOILERPLATE, _CREDIT, _BYLINE = Kind.BLANK, Kind.BOILERPLATE, Kind.CREDIT, Kind.BYLINE
_REPORTING, _STAMP, _TITLE, _PARAGRAPH = Kind.REPORTING, Kind.STAMP, Kind.TITLE, Kind.PARAGRAPH
_CLOSING = frozenset({Kind.CREDIT, Kind.REPORTING})
"""Lines that never open a story: they close the one before."""
_HEADING = frozenset({Kind.TITLE, Kind.BYLINE, Kind.STAMP})
"""Lines that head the text under them: the line after one is its story's."""
_SKIPPED_AHEAD = frozenset({Kind.BLANK, Kind.CREDIT})
_BULLET = re.compile(r"[•·▪●◦‣]\s*[\w\"“'‘(]")
"""A line that opens with a bullet (`• Deposits are capped at two months' rent.`)."""
_DASH_ITEM = re.compile(r"[*\-–]\s+[\w\"“'‘(]")
"""A line that opens with a dash or star: a list item only after one, or after a colon (some
corpus leads open `* ` or `- ` too)."""


def _list_item(line: Paragraph | None, before: Paragraph | None) -> bool:
    """Is `line` an item of a list that `before` opened or is part of?"""
    if line is None:
        return False
    if _BULLET.match(line.text):
        return True
    return bool(
        _DASH_ITEM.match(line.text)
        and before is not None
        and (before.text.endswith(":") or _DASH_ITEM.match(before.text))
    )


def _starts(
    kinds: list[Kind],
    previous: int,
    i: int,
    story: Story,
    prepared: list[Paragraph | None],
    decide: Decide,
) -> bool | float:
    """Does line i (0-based) open a new story, given the story that line `previous` is in?

    True or False when a rule settles it; otherwise the model's probability that it does.
    """
    kind, before = kinds[i], kinds[previous]
    if kind is _STAMP:
        # a date or time heads the line after it: it opens a story wherever that line would
        headed = _headed(kinds, i)
        if headed is None:
            return False
        return _starts(kinds, previous, headed, story, prepared, decide)
    if kind in _CLOSING:
        return False
    if before is _REPORTING:
        return True
    if kind is _TITLE:
        return before is not _TITLE and before is not _STAMP
    if before in _HEADING:
        return False
    if kind is _BYLINE:
        return True
    if not story.paragraphs:
        return False
    if _list_item(prepared[i], prepared[previous]):
        # a bulleted list is the story's own: the paragraph before it announced it
        return False
    if before is Kind.TEASER and _cut_before(story, prepared[i]):
        return True
    gap_has_blank = i - previous > 1
    if story.titled and gap_has_blank:
        # A titled story's paragraphs stand between blank lines; paragraphs packed together
        # after it are a run of other stories or teasers. A lone line cut off mid-sentence
        # is more often the story's own last paragraph than a teaser.
        return i + 1 < len(kinds) and kinds[i + 1] in PROSE
    # A line cut off mid-sentence is a teaser or the story's own last paragraph cut short:
    # cohesion tells which, as for any other paragraph.
    ahead = _ahead(kinds, prepared, i)
    return decide(i + 1, features(story, ahead))


def _cut_before(story: Story, line: Paragraph | None) -> bool:
    """Whether the story's last line, a teaser (cut off mid-sentence, or a story cut short at
    its source), ends on a word and `line` opens a sentence: nothing of the story can follow
    a cut, so a new one begins. Cohesion judged it before, and joined teasers of one news day
    that share their names ("Palestinian": with the typo "Palesinian", the two were apart)."""
    return (
        line is not None
        and story.paragraphs[-1].text.rstrip()[-1:].isalnum()
        and line.opening[:1].isupper()
    )


_NOT_HEADED = frozenset({Kind.BLANK, Kind.BOILERPLATE, Kind.STAMP})


def _headed(kinds: list[Kind], i: int) -> int | None:
    """The line (0-based) that the stamp at line i heads: the next one holding story text."""
    return next((j for j in range(i + 1, len(kinds)) if kinds[j] not in _NOT_HEADED), None)


def _headed_kind(kinds: list[Kind], i: int) -> Kind | None:
    headed = _headed(kinds, i)
    return None if headed is None else kinds[headed]


def _ahead(kinds: list[Kind], prepared: list[Paragraph | None], i: int) -> list[Paragraph]:
    """The candidate paragraph and up to LOOKAHEAD more, stopping at any structural line."""
    out: list[Paragraph] = []
    for j in range(i, len(kinds)):
        kind = kinds[j]
        if kind in _SKIPPED_AHEAD:
            continue
        if kind is not _PARAGRAPH and j > i:
            break
        if prepared[j] is not None:
            out.append(prepared[j])
        if len(out) > LOOKAHEAD:
            break
    return out


@functools.cache
def _shipped() -> tuple[Model, Model, LengthPrior]:
    """The gap model, the join model and the length prior, read on first use (not at import,
    so the trainer can import this package while the shipped table is for other features)."""
    return load_model("gap", FEATURES), load_model("join", PAIR_FEATURES), load_prior()
