"""Segment: a `Dump` -> the `Span`s of lines that each hold one article.

In: decoded dump lines. Out: spans (1-based, inclusive) and an audit. Every non-blank line is
inside exactly one span or listed in the audit with its reason. Segment decides only where
stories begin and end; titles, credits and bodies are extract's job, topics classify's.

A careful reader's rules (ARCHITECTURE.md §5), in the order they are applied:
- a credit line (`Photo: CNA`) or `Additional reporting by ...` closes the story before it;
- a headline (short, unpunctuated, then a blank line) or a byline opens a story;
- a teaser is one long line cut off mid-sentence: a story of its own;
- in a titled story, paragraphs separated by blank lines belong to it until the next headline
  or until paragraphs come packed together (a run of untitled stories follows);
- otherwise (a run of paragraphs with nothing between stories) a paragraph opens a new story
  when the lexical-cohesion model (`generator/data/segment_weights.json`, trained by
  `tests/eval/segment_train.py` on the corpus's dev split) says it reads like a new lead.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from generator import text
from generator.model import AuditEntry, Dump, SourceRef, Span

TITLE_MAX_WORDS = 20
"""A headline line is short; longer unpunctuated lines are teasers cut off mid-sentence."""
TEASER_MIN_WORDS = 21
"""A cut-off line this long is a teaser, not a headline (same boundary as TITLE_MAX_WORDS)."""
LOOKAHEAD = 3
"""Paragraphs read past a candidate boundary: TextTiling compares blocks, not single lines."""
ATTRIBUTION_TAIL = 60
"""Characters at a paragraph's end searched for `..., she said.` (the regex is anchored there)."""
RECENT = 3
"""Paragraphs of the current story compared with the candidate: the local cohesion block."""

_BYLINE = re.compile(
    r"^(?:By\s+[A-Z][^.!?]{1,80}|[A-Z][^.!?]{1,60}/\s*(?:Staff|Special)\s+"
    r"(?:reporter|writer|correspondent)s?(?:,?\s+with\s+.{1,60})?)$"
)
_REPORTING = re.compile(r"^(?:-\s*)?Additional reporting by\s+.{1,80}$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\- ]{2,30}(?:, [A-Z][A-Za-z.]+)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*[—–-]"
)
_TIME_CUE = re.compile(
    r"\b(?:yesterday|today|tonight|on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|last week"
    r"|this week|earlier this (?:week|month))\b",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r"^(?:[A-Z][\w.'’\-]+ ){1,3}[A-Z][\w'’\-]+, (?:a|an|the|who)\b")
_ATTRIBUTION_END = re.compile(r"\b(?:said|says|told|added|according to [^.]{1,40})[.”\"]*$")
_BOILERPLATE = frozenset(text.data_table("boilerplate.txt"))
_OPENERS = text.data_table("continuation_openers.txt")
_OPENER_WORDS = frozenset(o for o in _OPENERS if " " not in o)
_OPENER_PAIRS = frozenset(o for o in _OPENERS if " " in o)
_PRONOUNS = frozenset({"he", "she", "they", "it", "his", "her", "their", "this", "these"})


class Kind(StrEnum):
    """What a dump line is, judged from the line and its neighbours alone."""

    BLANK = "blank"
    BOILERPLATE = "boilerplate"
    CREDIT = "credit"
    REPORTING = "reporting"
    BYLINE = "byline"
    TITLE = "title"
    TEASER = "teaser"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True, slots=True)
class Segmentation:
    """Spans for one dump, and the lines that fit no span."""

    spans: tuple[Span, ...]
    audit: tuple[AuditEntry, ...] = ()


@dataclass(slots=True)
class _Line:
    """One paragraph line prepared once for the cohesion features."""

    text: str
    bag: Counter[str]
    names: set[str]
    norm: float
    ends: bool
    """The paragraph's last sentence is complete (False: cut off, as a teaser is)."""
    opening: str
    """First word as written, without opening quotes."""
    lead_names: set[str]
    """Names in the first sentence."""
    cues: tuple[float, ...]
    """Lead and continuation cues of the paragraph itself (see `_cues`)."""
    attributed: bool
    """Ends with attribution (`..., she said.`)."""
    squares: float
    """Dot product of the bag with itself."""
    dots: dict[int, float]
    """Dot products with other paragraphs of the dump, by their id()."""


@dataclass(slots=True)
class _Story:
    """The story being read: what its paragraphs have said so far."""

    paragraphs: list[_Line] = field(default_factory=list)
    bag: Counter[str] = field(default_factory=Counter)
    names: set[str] = field(default_factory=set)
    titled: bool = False
    squares: float = 0.0
    """Sum of squared counts in `bag`, kept up to date so the norm costs nothing."""

    def add(self, line: _Line) -> None:
        self.paragraphs.append(line)
        bag = self.bag
        for word, count in line.bag.items():
            old = bag[word]
            self.squares += 2 * old * count + count * count
            bag[word] = old + count
        self.names |= line.names

    @property
    def norm(self) -> float:
        return math.sqrt(self.squares) or 1.0


Decide = Callable[[int, tuple[float, ...]], bool]
"""Given a line number and its gap features, does a new story start there?"""


def segment(dump: Dump) -> Segmentation:
    """Split one dump into article spans; audit the lines no span holds."""
    groups, audit = walk(dump.lines, _MODEL.decide)
    groups = rejoin(groups, _JOIN.decide)
    for group in [g for g in groups if not g.story.paragraphs]:
        # credits or a byline with no story text anywhere near them
        audit.extend((n, "no story text to attach this line to") for n in group.numbers)
    groups = [g for g in groups if g.story.paragraphs]
    spans = tuple(Span(dump=dump, first=g.numbers[0], last=g.numbers[-1]) for g in groups)
    inside = {n for span in spans for n in range(span.first, span.last + 1)}
    entries = [
        AuditEntry(ref=SourceRef(dump=dump.name, first=n, last=n), reason=reason)
        for n, reason in sorted(audit)
        if n not in inside
    ]
    return Segmentation(spans=spans, audit=tuple(entries))


def classify_lines(lines: Sequence[str]) -> list[Kind]:
    """The kind of every line, from the line itself and whether blank lines surround it."""
    return [_kind(lines, i) for i in range(len(lines))]


@dataclass(slots=True)
class Group:
    """The lines (1-based) read as one story so far."""

    numbers: list[int]
    story: _Story
    soft: bool
    """The model, not a rule, opened this story: the second pass may join it to the one before."""


def walk(lines: Sequence[str], decide: Decide) -> tuple[list[Group], list[tuple[int, str]]]:
    """First pass: group the dump's story lines into stories; return the audit too.

    `decide` answers the one question rules cannot: does this paragraph open a new story?
    The evaluation passes the gold answer here to collect training features.
    """
    kinds = classify_lines(lines)
    prepared = [
        _prepare(line) if k in _PROSE else None for line, k in zip(lines, kinds, strict=True)
    ]
    groups: list[Group] = []
    audit: list[tuple[int, str]] = []
    previous: int | None = None
    for i, kind in enumerate(kinds):
        if kind is Kind.BLANK:
            continue
        if kind is Kind.BOILERPLATE:
            audit.append((i + 1, f"site boilerplate, not a story: {lines[i].strip()!r}"))
            continue
        verdict = (
            True
            if previous is None
            else _starts(kinds, previous, i, groups[-1].story, prepared, decide)
        )
        if verdict:
            soft = verdict is _SOFT
            groups.append(Group(numbers=[], story=_Story(titled=kind is Kind.TITLE), soft=soft))
        groups[-1].numbers.append(i + 1)
        if prepared[i] is not None:
            groups[-1].story.add(prepared[i])
        previous = i
    return groups, audit


JoinDecide = Callable[[int, tuple[float, ...]], bool]
"""Given the first line of a model-opened story and pair features: is it really a new story?"""


def rejoin(groups: list[Group], decide: JoinDecide) -> list[Group]:
    """Second pass: compare each model-opened story, whole, with the whole story before it.

    The first pass sees only a few paragraphs past a gap; here both sides are complete, which
    undoes most false starts (a paragraph that drifted off topic inside one story).
    """
    out: list[Group] = []
    for group in groups:
        joinable = out and group.soft and group.story.paragraphs and out[-1].story.paragraphs
        if joinable and not decide(group.numbers[0], pair_features(out[-1].story, group.story)):
            out[-1].numbers.extend(group.numbers)
            for line in group.story.paragraphs:
                out[-1].story.add(line)
            continue
        out.append(group)
    return out


_PROSE = frozenset({Kind.PARAGRAPH, Kind.TEASER})
_SOFT = object()
"""`_starts` answer when the model (not a rule) opened the story."""


def _starts(
    kinds: list[Kind],
    previous: int,
    i: int,
    story: _Story,
    prepared: list[_Line | None],
    decide: Decide,
) -> bool | object:
    """Does line i (0-based) open a new story, given the story that line `previous` is in?"""
    kind, before = kinds[i], kinds[previous]
    if kind in (Kind.CREDIT, Kind.REPORTING):
        return False
    if before is Kind.REPORTING:
        return True
    if kind is Kind.TITLE:
        return before is not Kind.TITLE
    if before in (Kind.TITLE, Kind.BYLINE):
        return False
    if kind is Kind.BYLINE:
        return True
    if not story.paragraphs:
        return False
    gap_has_blank = i - previous > 1
    if story.titled and gap_has_blank:
        # A titled story's paragraphs stand between blank lines; paragraphs packed together
        # after it are a run of other stories or teasers. A lone line cut off mid-sentence
        # is more often the story's own last paragraph than a teaser.
        return i + 1 < len(kinds) and kinds[i + 1] in _PROSE
    # A line cut off mid-sentence is a teaser or the story's own last paragraph cut short:
    # cohesion tells which, as for any other paragraph.
    ahead = _ahead(kinds, prepared, i)
    return _SOFT if decide(i + 1, features(story, ahead)) else False


def _ahead(kinds: list[Kind], prepared: list[_Line | None], i: int) -> list[_Line]:
    """The candidate paragraph and up to LOOKAHEAD more, stopping at any structural line."""
    out: list[_Line] = []
    for j in range(i, len(kinds)):
        if kinds[j] is Kind.BLANK or kinds[j] is Kind.CREDIT:
            continue
        if kinds[j] is not Kind.PARAGRAPH and j > i:
            break
        if prepared[j] is not None:
            out.append(prepared[j])
        if len(out) > LOOKAHEAD:
            break
    return out


def _kind(lines: Sequence[str], i: int) -> Kind:
    line = lines[i].strip()
    if not line:
        return Kind.BLANK
    if line.lower().rstrip(" .:!") in _BOILERPLATE:
        return Kind.BOILERPLATE
    if text.is_credit(line) or text.ends_with_credit(line):
        return Kind.CREDIT
    if _REPORTING.match(line):
        return Kind.REPORTING
    if _BYLINE.match(line):
        return Kind.BYLINE
    if text.ends_sentence(line):
        return Kind.PARAGRAPH
    count = len(text.words(line))
    if count >= TEASER_MIN_WORDS:
        return Kind.TEASER
    if _title_like(lines, i) and not _title_like(lines, _next_text(lines, i)):
        # a story's last paragraph cut short looks like a headline, but then the real
        # headline of the next story follows it
        return Kind.TITLE
    return Kind.PARAGRAPH


def _title_like(lines: Sequence[str], i: int) -> bool:
    """Short, unpunctuated, then a blank line and more text."""
    if i >= len(lines):
        return False
    line = lines[i].strip()
    return (
        not text.ends_sentence(line)
        and len(text.words(line)) < TEASER_MIN_WORDS
        and not _BYLINE.match(line)
        and not text.is_credit(line)
        and _blank_then_text(lines, i)
    )


def _next_text(lines: Sequence[str], i: int) -> int:
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j


def _blank_then_text(lines: Sequence[str], i: int) -> bool:
    """A blank line follows line i, and some text follows that."""
    if i + 1 >= len(lines) or lines[i + 1].strip():
        return False
    return any(rest.strip() for rest in lines[i + 2 :])


def _prepare(line: str) -> _Line:
    stripped = line.strip()
    tokens = text.words(stripped)
    bag = Counter(text.content_words(tokens))
    squares = float(sum(v * v for v in bag.values()))
    words = stripped.split(None, 2)
    opening = words[0].strip("“\"‘'(") if words else ""
    lead = (text.sentences(stripped) or [stripped])[0]
    return _Line(
        text=stripped,
        bag=bag,
        names=text.names(tokens),
        norm=math.sqrt(squares) or 1.0,
        squares=squares,
        dots={},
        ends=text.ends_sentence(stripped),
        opening=opening,
        lead_names=text.names(lead),
        cues=_cues(stripped, opening.lower(), " ".join(words[:2]).lower(), lead),
        attributed=bool(_ATTRIBUTION_END.search(stripped[-ATTRIBUTION_TAIL:])),
    )


def _cues(line: str, first: str, pair: str, lead: str) -> tuple[float, ...]:
    """opener, pronoun, time cue, indefinite, dateline, quote, appositive."""
    return (
        float(first in _OPENER_WORDS or pair in _OPENER_PAIRS),
        float(first in _PRONOUNS),
        float(bool(_TIME_CUE.search(lead))),
        float(first in ("a", "an")),
        float(bool(_DATELINE.match(line))),
        float(line[:1] in '“"‘'),
        float(bool(_APPOSITIVE.match(lead))),
    )


def _cosine(a: Counter[str], a_norm: float, b: Counter[str], b_norm: float) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b) / (a_norm * b_norm)


def _dot(a: _Line, b: _Line) -> float:
    """Dot product of two paragraphs' bags, remembered: windows slide over the same pairs."""
    if a is b:
        return a.squares
    cached = a.dots.get(id(b))
    if cached is None:
        small, large = (a.bag, b.bag) if len(a.bag) <= len(b.bag) else (b.bag, a.bag)
        cached = float(sum(v * large[k] for k, v in small.items() if k in large))
        a.dots[id(b)] = b.dots[id(a)] = cached
    return cached


def _block_cosine(left: Sequence[_Line], right: Sequence[_Line]) -> float:
    """Cosine between the summed bags of two runs of paragraphs, from pairwise dots."""
    if not left or not right:
        return 0.0
    cross = sum(_dot(a, b) for a in left for b in right)
    return cross / (_block_norm(left) * _block_norm(right))


def _block_norm(lines: Sequence[_Line]) -> float:
    total = sum(_dot(a, b) for a in lines for b in lines)
    return math.sqrt(total) or 1.0


def _story_block_cosine(story: _Story, lines: Sequence[_Line]) -> float:
    cross = sum(_cosine(story.bag, 1.0, line.bag, 1.0) for line in lines)
    return cross / (story.norm * _block_norm(lines))


FEATURES = (
    "cos_story",
    "cos_recent",
    "cos_block",
    "cos_ahead",
    "known_names",
    "new_names",
    "opener",
    "pronoun",
    "block_known_names",
    "cos_recent_block",
    "known_first_word",
    "time_cue",
    "indefinite",
    "dateline",
    "quote",
    "appositive",
    "attribution_before",
    "story_length",
    "cut_off",
    "before_cut_off",
    "cos_story_squared",
    "cos_block_squared",
    "novel_words",
    "names_cosine",
)
"""Names of the gap features, in the order `features` returns them and the weights list."""


def features(story: _Story, ahead: list[_Line]) -> tuple[float, ...]:
    """What a reader weighs at a gap: does the next paragraph continue the story or open one?"""
    line = ahead[0]
    story_norm = story.norm
    recent = story.paragraphs[-RECENT:]
    opener, pronoun, time_cue, indefinite, dateline, quote, appositive = line.cues
    block_names = set().union(*(a.names for a in ahead))
    known = len(line.lead_names & story.names)
    cos_story = _cosine(story.bag, story_norm, line.bag, line.norm)
    cos_block = _story_block_cosine(story, ahead)
    return (
        cos_story,
        _block_cosine(recent, ahead[:1]),
        cos_block,
        _block_cosine(ahead[:1], ahead[1:]),
        known / (len(line.lead_names) or 1),
        float(len(line.lead_names - story.names) >= 3),
        opener,
        pronoun,
        len(block_names & story.names) / (len(block_names) or 1),
        _block_cosine(recent, ahead),
        float(line.opening in story.names) if line.opening else 0.0,
        time_cue,
        indefinite,
        dateline,
        quote,
        appositive,
        float(story.paragraphs[-1].attributed),
        math.log1p(len(story.paragraphs)),
        float(not line.ends),
        float(not story.paragraphs[-1].ends),
        cos_story * cos_story,
        cos_block * cos_block,
        sum(1 for w in line.bag if w not in story.bag) / (len(line.bag) or 1),
        len(line.names & story.names) / math.sqrt((len(line.names) or 1) * (len(story.names) or 1)),
    )


PAIR_FEATURES = (
    "cos_whole",
    "names_whole",
    "cos_last_first",
    "cos_story_first",
    "cos_last_next",
    "length_before",
    "length_after",
    "pronoun",
    "time_cue",
    "appositive",
    "dateline",
    "indefinite",
    "after_one_cut_line",
    "before_cut_off",
)
"""Names of the second-pass features (one complete story against the next)."""


def pair_features(before: _Story, after: _Story) -> tuple[float, ...]:
    """How two adjacent stories, each read whole, hang together."""
    last, first = before.paragraphs[-1], after.paragraphs[0]
    opener, pronoun, time_cue, indefinite, dateline, _quote, appositive = first.cues
    shared = len(before.names & after.names) / (min(len(before.names), len(after.names)) or 1)
    return (
        _cosine(before.bag, before.norm, after.bag, after.norm),
        shared,
        _cosine(last.bag, last.norm, first.bag, first.norm),
        _cosine(before.bag, before.norm, first.bag, first.norm),
        _cosine(last.bag, last.norm, after.bag, after.norm),
        math.log1p(len(before.paragraphs)),
        math.log1p(len(after.paragraphs)),
        max(opener, pronoun),
        time_cue,
        appositive,
        dateline,
        indefinite,
        float(len(after.paragraphs) == 1 and not first.ends),
        float(not last.ends),
    )


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic model over `FEATURES`: the probability that a paragraph opens a story."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, values: tuple[float, ...]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def decide(self, _number: int, values: tuple[float, ...]) -> bool:
        return self.probability(values) >= self.threshold


def load_model(part: str, names: tuple[str, ...]) -> Model:
    """Trained weights shipped in generator/data/segment_weights.json (a data table)."""
    raw = json.loads((text.DATA / "segment_weights.json").read_text("utf-8"))[part]
    if tuple(raw["features"]) != names:
        raise RuntimeError(f"segment_weights.json {part} was trained on other features; retrain")
    return Model(weights=tuple(raw["weights"]), bias=raw["bias"], threshold=raw["threshold"])


_MODEL = load_model("gap", FEATURES)
_JOIN = load_model("join", PAIR_FEATURES)
