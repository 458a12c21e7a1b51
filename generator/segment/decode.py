"""Decode: choose where stories start, for a whole run of paragraphs at once.

In: the walk's `Unit`s, each with the rules' verdict (a story must or must not start there) or
the boundary model's probability. Out: which units open a story. A dynamic programme weighs every
model probability together with a prior on article length, so one odd last paragraph ("The ship
is now in Abu Dhabi.") is not cut off as a story of its own: one-paragraph full articles are rare.
Decode must not override a rule's verdict.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

from generator import text
from generator.segment.cohesion import Paragraph, Story

PROBABILITY_FLOOR = 1e-6
"""Keeps log(p) finite: the model's probability is never trusted to be exactly 0 or 1."""
CANDIDATE_FLOOR = 0.02
"""Gaps the model gives less than this stay inside a story: no length prior outweighs log-odds
this low (-3.9), and leaving them out keeps the programme small (most gaps score near 0)."""
MAX_SKIPPED_CANDIDATES = 120
"""Model gaps one story may swallow; bounds the programme to O(n * this) for huge runs (the
longest corpus article runs 128 paragraphs, and most of its gaps are rule-decided or unlikely)."""


@dataclass(slots=True)
class Unit:
    """One story line of the dump, as the walk saw it."""

    number: int
    """1-based line number."""
    paragraph: Paragraph | None
    """The prose of the line (None for credits, bylines, headlines)."""
    verdict: bool | float
    """True: a rule opens a story here; False: a rule continues one; a float: the model's
    probability that a story opens here."""
    titled: bool = False
    """The line is a headline."""
    story: Story | None = None
    """The story the walk read this line into (reused when decoding keeps it whole)."""


@dataclass(frozen=True, slots=True)
class LengthPrior:
    """Log-probability of an article's length in paragraphs, and how much to trust it."""

    complete: tuple[float, ...]
    """log P(length) for articles whose last paragraph ends a sentence; index 0 = 1 paragraph,
    the last entry also stands for every longer article."""
    cut: tuple[float, ...]
    """The same for articles whose last paragraph is cut off (teasers are mostly 1 line)."""
    weight: float
    """How much the prior counts against the model's log-odds (fitted on the dev split)."""
    bonus: float
    """Log-odds added per story start, re-centring the model's threshold under the prior."""

    def score(self, length: int, last_complete: bool) -> float:
        table = self.complete if last_complete else self.cut
        return self.weight * table[min(max(length, 1), len(table)) - 1]


def choose_starts(units: Sequence[Unit], prior: LengthPrior) -> list[bool]:
    """Which units open a story: the best-scoring segmentation under the model and the prior."""
    starts = [u.verdict is True for u in units]
    begin = 0
    for end in range(1, len(units) + 1):
        if end == len(units) or units[end].verdict is True:
            _decode_block(units, begin, end, prior, starts)
            begin = end
    return starts


def _decode_block(
    units: Sequence[Unit], begin: int, end: int, prior: LengthPrior, starts: list[bool]
) -> None:
    """Decode units[begin:end], which open with a story start and hold no other rule start."""
    candidates = [i for i in range(begin + 1, end) if _is_model_gap(units[i])]
    if not candidates:
        return
    keep, stay = _log_terms(units, candidates, prior)
    # prose[i]: paragraphs in units[begin:i]; cumulative "stay" log-probs over candidates
    prose = [0]
    for u in units[begin:end]:
        prose.append(prose[-1] + (u.paragraph is not None))
    stay_sum = [0.0]
    for value in stay:
        stay_sum.append(stay_sum[-1] + value)
    # points: begin, then the candidates, then the end; best[k] = best score with a story
    # starting at points[k] (for k = last: the segmentation of the whole block)
    points = [begin, *candidates, end]
    complete = [_last_complete(units, begin, p) for p in points]
    best = [0.0] + [-math.inf] * (len(points) - 1)
    back = [0] * len(points)
    for k in range(1, len(points)):
        gain = keep[k - 1] if k < len(points) - 1 else 0.0
        for j in range(max(0, k - 1 - MAX_SKIPPED_CANDIDATES), k):
            skipped = stay_sum[k - 1] - stay_sum[j]
            length = prose[points[k] - begin] - prose[points[j] - begin]
            value = best[j] + skipped + prior.score(length, complete[k]) + gain
            if value > best[k]:
                best[k], back[k] = value, j
    k = len(points) - 1
    while k:
        k = back[k]
        if k:
            starts[points[k]] = True


def _is_model_gap(unit: Unit) -> bool:
    return not isinstance(unit.verdict, bool) and unit.verdict >= CANDIDATE_FLOOR


def _log_terms(
    units: Sequence[Unit], candidates: list[int], prior: LengthPrior
) -> tuple[list[float], list[float]]:
    """log p (+ bonus) for opening a story at each candidate, log (1 - p) for not opening.

    Gaps below CANDIDATE_FLOOR add the same log (1 - p) to every segmentation: left out."""
    keep, stay = [], []
    for i in candidates:
        p = min(max(float(units[i].verdict), PROBABILITY_FLOOR), 1.0 - PROBABILITY_FLOOR)
        keep.append(math.log(p) + prior.bonus)
        stay.append(math.log(1.0 - p))
    return keep, stay


def _last_complete(units: Sequence[Unit], first: int, stop: int) -> bool:
    """Does the last paragraph in units[first:stop] end a sentence? (Model gaps are always
    paragraphs, so a story ending at `stop` has that paragraph as its last.)"""
    for u in reversed(units[first:stop]):
        if u.paragraph is not None:
            return u.paragraph.ends
    return True


def load_prior() -> LengthPrior:
    """The length prior shipped in generator/data/segment_weights.json (a data table)."""
    raw = json.loads((text.DATA / "segment_weights.json").read_text("utf-8"))["length"]
    return LengthPrior(
        complete=tuple(raw["complete"]),
        cut=tuple(raw["cut"]),
        weight=raw["weight"],
        bonus=raw["bonus"],
    )
