"""Lexical cohesion and lead cues: the evidence for "does a new story start here?".

In: paragraph lines and the story read so far. Out: feature tuples (`FEATURES`, `PAIR_FEATURES`)
and the logistic `Model` that weighs them, loaded from generator/data/segment_weights.json (fitted
by tests/eval/segment_train.py). TextTiling's idea: vocabulary shared across a gap means one
story; a drop in shared words, new names and a lead's cues mean a new one. Shared words weigh
their rarity (generator/data/segment_idf.tsv), and a paragraph's words say where in an article it
tends to stand (generator/data/segment_position.tsv): both tables are counts over the corpus's
dev split, made by tests/eval/segment_idf.py and tests/eval/segment_lexicon.py.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import add, mul

from generator import text

ATTRIBUTION_TAIL = 60
"""Characters at a paragraph's end searched for `..., she said.` (the regex is anchored there)."""
RECENT = 3
"""Paragraphs of the current story compared with the candidate: the local cohesion block."""
LOGIT_CLIP = 1e-3
"""Probabilities nearer 0 or 1 than this count as sure (log-odds +-6.9)."""
ARTICLES_KEY = "*articles"
"""The row of segment_idf.tsv that holds how many articles were counted."""
UNSEEN_ARTICLES = 1.0
"""Articles a stem missing from segment_idf.tsv is taken to occur in: as rare as words come."""

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\- ]{2,30}(?:, [A-Z][A-Za-z.]+)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*[—–-]"
)
_TIME_CUE = re.compile(
    r"\b(?:yesterday|today|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|last (?:night|week|month)|this (?:week|morning)|earlier (?:today|this (?:week|month)))\b"
)
"""Searched in the lower-cased lead (faster than an IGNORECASE search)."""
_APPOSITIVE = re.compile(r"^(?:[A-Z][\w.'’\-]+ ){1,3}[A-Z][\w'’\-]+, (?:a|an|the|who)\b")
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:(?:already|now|also|just|been)\s+)?"
    r"(?:[a-z]+(?:ed|en|wn)|made|said|won|lost|held|left|met|sent|set|told|found|begun|led|paid"
    r"|put|struck|brought|bought|caught|fought|sought|taught|thought|built|spent|hit|cut)\b"
)
"""A news lead reports what has happened: "...has announced", "...have taken to the streets"."""
_ATTRIBUTION_WORDS = ("said", "says", "told", "added")
"""The verbs that end an attributed paragraph ("..., he said.")."""
_ATTRIBUTION_END = re.compile(
    rf"\b(?:{'|'.join(_ATTRIBUTION_WORDS)}|according to [^.]{{1,40}})[.”\"]*$"
)
_OPENERS = text.data_table("continuation_openers.txt")
_OPENER_WORDS = frozenset(o for o in _OPENERS if " " not in o)
_OPENER_PAIRS = frozenset(o for o in _OPENERS if " " in o)
_QUANTITY_OPENERS = frozenset(text.data_table("lead_openers.txt"))
_PRONOUNS = frozenset({"he", "she", "they", "it", "his", "her", "their", "this", "these"})
_DATE_CUE = re.compile(
    r"\b(?=[JFMASOND])(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January"
    r"|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}\b"
)
"""A lead dates its event ("On March 26, thousands rallied"); later paragraphs seldom do."""
_TIME_CUE_WORDS = ("day", "night", "week", "month", "morning")
"""Every `_TIME_CUE` alternative holds one of these: substring tests skip the regex scan."""
_DIGIT = re.compile(r"\d")
"""`_DATE_CUE` needs a digit: one scan for it is cheaper than the date pattern tried at every
word boundary."""


def _load_rarity() -> tuple[dict[str, float], float]:
    """Inverse document frequency of content stems (generator/data/segment_idf.tsv, counted by
    tests/eval/segment_idf.py), and the one for a stem the table does not hold."""
    rows = dict(row.split("\t") for row in text.data_table("segment_idf.tsv"))
    total = float(rows.pop(ARTICLES_KEY))
    table = {stem: math.log(total / float(n)) for stem, n in rows.items()}
    return table, math.log(total / UNSEEN_ARTICLES)


_RARITY, _UNSEEN_RARITY = _load_rarity()
_POSITION = {
    word: (float(lead), float(close))
    for word, lead, close in (row.split("\t") for row in text.data_table("segment_position.tsv"))
}
"""Lower-case word -> how much likelier it is in a first paragraph, and in a last one, than
elsewhere (log-ratios counted on the dev split by tests/eval/segment_lexicon.py)."""
_EDGES: dict[tuple[str, str], float] = {
    (kind, token): float(ratio)
    for kind, token, ratio in (row.split("\t") for row in text.data_table("segment_edges.tsv"))
}
"""("open", token) -> how much likelier a first paragraph opens with the token than another
paragraph does ("Yesterday," often opens a lead, "He" never does); ("close", token) -> the same
for a last paragraph's closing token ("added."). Counted by tests/eval/segment_lexicon.py, which
keeps function- and time-word openers only and no markup: the corpus' tags are not in real dumps."""


@dataclass(slots=True)
class Paragraph:
    """One paragraph line prepared once for the cohesion features."""

    text: str
    bag: dict[str, float]
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
    size: int = 0
    """Words in the paragraph."""
    dated: bool = False
    """The first sentence names a calendar date ("On March 26"): a lead dates its event."""
    lead_words: float = 0.0
    """Mean over the words of how much likelier each is in a first paragraph (`_POSITION`)."""
    closing_words: float = 0.0
    """The same for a last paragraph: "will", "expected", "next" close a story."""
    opening_token: float = 0.0
    """How much likelier the first token opens a first paragraph than another (`_EDGES`)."""
    closing_token: float = 0.0
    """How much likelier the last token closes a last paragraph than another (`_EDGES`)."""


@dataclass(slots=True)
class Story:
    """The story being read: what its paragraphs have said so far."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    bag: Counter[str] = field(default_factory=Counter)
    names: set[str] = field(default_factory=set)
    titled: bool = False
    squares: float = 0.0
    """Sum of squared counts in `bag`, kept up to date so the norm costs nothing."""
    dots: dict[int, tuple[Paragraph, float]] = field(default_factory=dict)
    """Dot products of `bag` with paragraphs, by their id(), until the story grows: the walk
    reads the next paragraph's before adding it (the paragraph is kept so its id stays its)."""

    def add(self, line: Paragraph) -> None:
        # |bag + line|^2 = |bag|^2 + 2 bag.line + |line|^2 (summed in paragraph order: the
        # same floats on every run)
        self.squares += 2 * self.dot(line) + line.squares
        self.paragraphs.append(line)
        self.dots.clear()
        # Counter.update's sums (weight + count), in C: this runs for every paragraph. The
        # keys are distinct, so reading `bag` while it is updated reads no new value.
        bag, keys = self.bag, line.bag.keys()
        sums = map(add, line.bag.values(), map(bag.get, keys, repeat(0)))
        dict.update(bag, zip(keys, sums, strict=True))
        self.names |= line.names

    def dot(self, line: Paragraph) -> float:
        """Dot product of the story's bag with a paragraph's."""
        known = self.dots.get(id(line))
        if known is not None and known[0] is line:
            return known[1]
        if not self.paragraphs:
            value = 0.0
        elif len(self.paragraphs) == 1:
            # one paragraph's story holds its very weights (weight + 0): the pair's dot,
            # remembered by the paragraphs
            value = _dot(self.paragraphs[0], line)
        else:
            value = _shared(self.bag, line.bag)
        self.dots[id(line)] = (line, value)
        return value

    @property
    def norm(self) -> float:
        return math.sqrt(self.squares) or 1.0


def prepare(line: str) -> Paragraph:
    stripped = line.strip()
    tokens = text.words(stripped)
    bag: dict[str, float] = {}
    names: set[str] = set()
    lead_words = closing_words = 0.0
    # one pass over the distinct tokens: stem, rarity, name-ness and position are kept
    vocabulary = _VOCABULARY
    for token, count in Counter(tokens).items():
        stem, weight, is_name, lead_word, closing_word = vocabulary[token]
        if count != 1:  # most tokens occur once, and 1 * x is x: three int-float products spared
            weight, lead_word = count * weight, count * lead_word
            closing_word = count * closing_word
        if stem:
            # `bag.get(stem, 0.0) + weight` without the method call: 0.0 + weight is weight, as
            # a rarity (a log of a ratio) is never -0.0
            bag[stem] = bag[stem] + weight if stem in bag else weight
        if is_name:
            names.add(token)
        lead_words += lead_word
        closing_words += closing_word
    values = bag.values()
    squares = math.fsum(map(mul, values, values))
    words = stripped.split(None, 2)
    opening = words[0].strip("“\"‘'(") if words else ""
    lead = text.first_sentence(stripped)
    return Paragraph(
        text=stripped,
        bag=bag,
        names=names,
        norm=math.sqrt(squares) or 1.0,
        squares=squares,
        dots={},
        ends=text.ends_sentence(stripped),
        opening=opening,
        # names whose text occurs in the lead (a substring test: cheaper than tokenising it)
        lead_names={name for name in names if name in lead},
        cues=_cues(stripped, opening, " ".join(words[:2]).lower(), lead),
        attributed=_attributed(stripped[-ATTRIBUTION_TAIL:]),
        size=len(tokens),
        dated=_DIGIT.search(lead) is not None and bool(_DATE_CUE.search(lead)),
        lead_words=lead_words / (len(tokens) or 1),
        closing_words=closing_words / (len(tokens) or 1),
        opening_token=_EDGES.get(("open", words[0]), 0.0) if words else 0.0,
        closing_token=_EDGES.get(("close", stripped.rsplit(None, 1)[-1]), 0.0) if words else 0.0,
    )


VOCABULARY_LIMIT = 200_000
"""Distinct tokens `_VOCABULARY` holds before it starts afresh: bounds its memory (a 10,000
article run meets about 72,000)."""


class _Vocabulary(dict[str, tuple[str, float, bool, float, float]]):
    """Token -> its content stem ("" if it carries no topic), that stem's rarity, whether it is
    a name, and its lead and closing log-ratios. Worked out on first sight and kept: news
    vocabulary repeats, and `prepare` reads this for every word of a dump (a plain dict lookup:
    `lru_cache` also reorders its list on every hit, which cost a tenth of `prepare`)."""

    def __missing__(self, token: str) -> tuple[str, float, bool, float, float]:
        if len(self) >= VOCABULARY_LIMIT:
            self.clear()
        stem = text.content_stem(token)
        weight = _RARITY.get(stem, _UNSEEN_RARITY) if stem else 0.0
        lead, close = _POSITION.get(token, (0.0, 0.0)) if token.islower() else (0.0, 0.0)
        entry = self[token] = (stem, weight, text.is_name(token), lead, close)
        return entry


_VOCABULARY = _Vocabulary()


def _attributed(tail: str) -> bool:
    """`_ATTRIBUTION_END` searched in the tail, after tests that rule most tails out at once
    (the search tries the pattern at every character)."""
    if "according to " not in tail and not tail.rstrip('.”"').endswith(_ATTRIBUTION_WORDS):
        return False
    return bool(_ATTRIBUTION_END.search(tail))


def _has_time_cue(low: str) -> bool:
    return any(word in low for word in _TIME_CUE_WORDS) and bool(_TIME_CUE.search(low))


def _cues(line: str, opening: str, pair: str, lead: str) -> tuple[float, ...]:
    """opener, pronoun, time cue, indefinite, dateline, quote, appositive, perfect tense,
    quantity opener, lead sentence length."""
    first = opening.lower()
    return (
        float(first in _OPENER_WORDS or pair in _OPENER_PAIRS),
        float(first in _PRONOUNS),
        float(_has_time_cue(lead.lower())),
        float(first in ("a", "an")),
        float(bool(_DATELINE.match(line))),
        float(line[:1] in '“"‘'),
        float(bool(_APPOSITIVE.match(lead))),
        float(("has " in lead or "have " in lead) and bool(_PERFECT.search(lead))),
        float(first in _QUANTITY_OPENERS or pair in _QUANTITY_OPENERS or first[:1].isdigit()),
        math.log1p(len(lead.split())),
    )


def _cosine(a: Mapping[str, float], a_norm: float, b: Mapping[str, float], b_norm: float) -> float:
    return _shared(a, b) / (a_norm * b_norm)


def _shared(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two bags: over the words they share, found by a set intersection (few
    words are shared, and the intersection runs in C). `fsum` rounds once, whatever order the
    set yields the words in (string hashing differs between runs: the output must not)."""
    shared = a.keys() & b.keys()
    return math.fsum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))


def _dot(a: Paragraph, b: Paragraph) -> float:
    """Dot product of two paragraphs' bags, remembered: windows slide over the same pairs."""
    return _row(a, (b,))[0]


def _row(a: Paragraph, others: Sequence[Paragraph]) -> list[float]:
    """`_dot(a, b)` for each of `others`, in one call (the walk reads ~20 dots at every gap)."""
    row, out, squares = a.dots, [], a.squares
    for b in others:
        if b is a:
            out.append(squares)
            continue
        dot = row.get(id(b))
        if dot is None:
            dot = row[id(b)] = b.dots[id(a)] = _shared(a.bag, b.bag)
        out.append(dot)
    return out


def _pairs(lines: Sequence[Paragraph]) -> list[float]:
    """The dot of every pair of `lines`, in `_block_norm`'s order."""
    return [dot for i, a in enumerate(lines[:-1]) for dot in _row(a, lines[i + 1 :])]


def _block_norm(lines: Sequence[Paragraph]) -> float:
    """Norm of the summed bags: each paragraph's own squares, and every pair counted twice."""
    total = sum([a.squares for a in lines])
    for dot in _pairs(lines):
        total += 2.0 * dot
    return math.sqrt(total) or 1.0


def _ahead_block(ahead: Sequence[Paragraph]) -> tuple[float, float]:
    """The norm of the block's summed bags, and the cosine between its first paragraph and the
    rest of it, each pair's dot read once (sums in `_block_norm`'s order: same floats)."""
    line, rest = ahead[0], ahead[1:]
    firsts, inner = _row(line, rest), _pairs(rest)
    total = sum([a.squares for a in ahead])
    for dot in firsts:
        total += 2.0 * dot
    for dot in inner:
        total += 2.0 * dot
    if not rest:
        return math.sqrt(total) or 1.0, 0.0
    rest_total = sum([a.squares for a in rest])
    for dot in inner:
        rest_total += 2.0 * dot
    line_norm = math.sqrt(line.squares) or 1.0
    return math.sqrt(total) or 1.0, sum(firsts) / (line_norm * (math.sqrt(rest_total) or 1.0))


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
    "perfect_lead",
    "quantity_lead",
    "lead_length",
    "names_taken_up",
    "dated_lead",
    "rare_names_known",
    "line_length",
    "previous_length",
    "lead_words",
    "closing_words",
    "closing_before",
    "opening_token",
    "closing_token",
    "closing_token_before",
)
"""Names of the gap features, in the order `features` returns them and the weights list."""


def features(story: Story, ahead: list[Paragraph]) -> tuple[float, ...]:
    """What a reader weighs at a gap: does the next paragraph continue the story or open one?"""
    line, rest = ahead[0], ahead[1:]
    story_norm = story.norm
    recent = story.paragraphs[-RECENT:]
    opener, pronoun, time_cue, indefinite, dateline, quote, appositive, *lead_style = line.cues
    block_names = line.names.union(*[a.names for a in rest])
    known = len(line.lead_names & story.names)
    # each dot product once: the cosines below share them (the walk calls this at every gap)
    (ahead_norm, cos_ahead), recent_norm = _ahead_block(ahead), _block_norm(recent)
    story_dots = [story.dot(a) for a in ahead]
    # each ahead paragraph's dots with the recent ones, summed in the recent ones' order
    rows = [_row(r, ahead) for r in recent] or [[0] * len(ahead)]
    recent_dots = [sum(dots) for dots in zip(*rows, strict=True)]
    cos_story = story_dots[0] / (story_norm * line.norm)
    cos_block = sum(story_dots) / (story_norm * ahead_norm)
    return (
        cos_story,
        recent_dots[0] / (recent_norm * line.norm),
        cos_block,
        cos_ahead,
        known / (len(line.lead_names) or 1),
        float(len(line.lead_names - story.names) >= 3),
        opener,
        pronoun,
        len(block_names & story.names) / (len(block_names) or 1),
        sum(recent_dots) / (recent_norm * ahead_norm),
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
        _novel(line.bag, story.bag) / (len(line.bag) or 1),
        len(line.names & story.names) / math.sqrt((len(line.names) or 1) * (len(story.names) or 1)),
        *lead_style,
        _taken_up(line, rest, story.names),
        float(line.dated),
        _rare_known(line.names, story.names),
        math.log1p(line.size),
        math.log1p(story.paragraphs[-1].size),
        line.lead_words,
        line.closing_words,
        story.paragraphs[-1].closing_words,
        line.opening_token,
        line.closing_token,
        story.paragraphs[-1].closing_token,
    )


def _novel(words: Mapping[str, float], known: Mapping[str, float]) -> int:
    """How many of `words` `known` lacks. (`words.keys() - known.keys()` would walk all of the
    story's vocabulary; the intersection walks the paragraph's.)"""
    return len(words) - len(words.keys() & known.keys())


def _rare_known(names: set[str], known: set[str]) -> float:
    """Share of a paragraph's names, each weighed by its rarity, that the story already used:
    a shared "Hager" binds two paragraphs, a shared "United States" hardly does."""
    total = math.fsum(map(_name_rarity, names))
    return math.fsum(map(_name_rarity, names & known)) / total if total else 0.0


@functools.cache  # a plain dict: names repeat at every gap, and lru_cache reorders on each hit
def _name_rarity(name: str) -> float:
    return _RARITY.get(text.stem(name.lower()), _UNSEEN_RARITY)


def _taken_up(line: Paragraph, rest: Sequence[Paragraph], known: set[str]) -> float:
    """Share of the names a paragraph brings in that the paragraphs after it use again.

    A lead introduces people and places its story goes on about ("Martin Hyde ..." then
    "Hyde said"); a story's last paragraph brings names that the next story never mentions.
    """
    introduced = line.names - known
    if not introduced or not rest:
        return 0.0
    later = set().union(*(r.names for r in rest))
    return len(introduced & later) / len(introduced)


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
    "cos_lead_rest",
    "perfect_lead",
    "quantity_lead",
    "lead_length",
    "opening_logit",
    "following_logit",
    "single_complete",
    "names_taken_up",
    "rare_names_first",
    "rare_names_whole",
    "dated_lead",
    "lead_words",
    "closing_before",
    "best_paragraph_first",
    "best_paragraph_whole",
    "cos_lead_whole",
    "cos_next_whole",
    "opening_token",
    "closing_token_before",
)
"""Names of the second-pass features (one complete story against the next)."""


def pair_features(
    before: Story, after: Story, opening: float, following: float, next_story: Story | None
) -> tuple[float, ...]:
    """How two adjacent stories, each read whole, hang together.

    `opening` is the first pass's probability that `after` starts a story; `following`, that
    the story after it does (1.0 when a rule starts it or the dump ends): a lone paragraph
    between a weak start and a sure one is more often the last paragraph of `before`.
    `next_story` (None at the dump's end) is the story after `after`: how much `after` shares
    with a story it does not belong to sets the scale for what it shares with `before`.
    """
    last, first = before.paragraphs[-1], after.paragraphs[0]
    opener, pronoun, time_cue, indefinite, dateline, _quote, appositive, *lead_style = first.cues
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
        _lead_rest_cosine(after),
        *lead_style,
        _logit(opening),
        _logit(following),
        float(len(after.paragraphs) == 1 and first.ends),
        _taken_up(first, after.paragraphs[1:], before.names),
        _rare_known(first.names, before.names),
        _rare_known(after.names, before.names),
        float(first.dated),
        first.lead_words,
        last.closing_words,
        max(_dot(p, first) / (p.norm * first.norm) for p in before.paragraphs),
        max(after.dot(p) / (p.norm * after.norm) for p in before.paragraphs),
        after.dot(before.paragraphs[0]) / (before.paragraphs[0].norm * after.norm),
        _cosine(after.bag, after.norm, next_story.bag, next_story.norm) if next_story else 0.0,
        first.opening_token,
        last.closing_token,
    )


def _lead_rest_cosine(story: Story) -> float:
    """Cosine between a story's first paragraph and the rest of it, from the story's totals:
    |rest|^2 = |story|^2 - 2 story.first + |first|^2 (no pass over the other paragraphs)."""
    first = story.paragraphs[0]
    if len(story.paragraphs) < 2:
        return 0.0
    shared = story.dot(first)
    rest_squares = story.squares - 2.0 * shared + first.squares
    return (shared - first.squares) / (first.norm * (math.sqrt(max(rest_squares, 0.0)) or 1.0))


def _logit(p: float) -> float:
    """Log-odds, clipped where the model's probabilities stop meaning anything."""
    p = min(max(p, LOGIT_CLIP), 1.0 - LOGIT_CLIP)
    return math.log(p / (1.0 - p))


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic model over `FEATURES`: the probability that a paragraph opens a story."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, values: tuple[float, ...]) -> float:
        if len(values) != len(self.weights):
            raise ValueError(f"{len(values)} feature values for {len(self.weights)} weights")
        z = self.bias + math.fsum(map(mul, self.weights, values))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probability_at(self, _number: int, values: tuple[float, ...]) -> float:
        """`probability` with the walk's signature (the line number is for oracles)."""
        return self.probability(values)

    def decide(self, _number: int, values: tuple[float, ...]) -> bool:
        return self.probability(values) >= self.threshold


def load_model(part: str, names: tuple[str, ...]) -> Model:
    """Trained weights shipped in generator/data/segment_weights.json (a data table)."""
    raw = json.loads((text.DATA / "segment_weights.json").read_text("utf-8"))[part]
    if tuple(raw["features"]) != names:
        raise RuntimeError(f"segment_weights.json {part} was trained on other features; retrain")
    return Model(weights=tuple(raw["weights"]), bias=raw["bias"], threshold=raw["threshold"])
