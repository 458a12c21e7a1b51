"""Related stories: for each article, the few others a reader of it would want next.

In: the visible articles. Out: article id -> ids of up to RELATED_MAX related articles, best
first. Two stories are related when they share people and organisations (strongest), rare words
of their text, topics and countries. Candidates come from an inverted index over people,
organisations and each story's rarest words, so the cost grows with the archive rather than
with its square. Pure: reads and writes nothing (the word rarity is a data table).

Incremental: a pair's score and a story's candidates depend only on the stories themselves and
a fixed rarity table (generator/data/related_idf.tsv), never on the rest of the archive. So
`update` can take the last run's `State` and score again only the stories a change can reach:
new or changed ones, those that had a removed or changed story among their candidates, those
a new story enters the candidates of, and those holding a word or name that crossed
MAX_POSTING. The others keep their lists, which are what a cold run computes for them.

Arithmetic: stories are counted and scored SCORE_BATCH at a time with numpy (`_Index.candidates`,
`_Scorer.scores`). Word weights are summed as exact integers (`_ExactWeights`), so a score is
the float a plain `math.fsum` over the shared words gives, to the bit, and so is every list;
tests/test_render_related.py holds the plain definition and compares.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator import parallel
from generator.model import Article, frozen

RELATED_MAX = 5
"""The article page shows at most this many related stories (the brief asks for 3-5)."""
MIN_SCORE = 1.0
"""Below this a pair shares only a topic or a country: not worth a reader's click."""
PERSON_WEIGHT = 3.0
"""A shared named person is the strongest sign of the same running story."""
ORGANIZATION_WEIGHT = 2.0
TOPIC_WEIGHT = 0.5
COUNTRY_WEIGHT = 0.5
TEXT_WEIGHT = 4.0
"""Multiplies the text similarity (0..1); a near-duplicate text weighs like a shared person."""
TERMS_PER_ARTICLE = 25
"""The rarest words of an article used to find candidates; enough for a news story."""
MAX_POSTING = 400
"""A feature shared by more articles than this (a very common word) finds no candidates."""
CANDIDATES = 30
"""Articles fully scored per article, ranked by shared people, organisations and rare words.
Scoring all of them was quadratic: ~290 per story on the 10,000-story bench archive and
3 minutes of CPU. With 30 the related stories keep 97% of the score the exhaustive search
found (400 sampled stories; 15 keep 95%)."""
PARALLEL_MIN = 500
"""Fewer stories to score than this take well under a second: forking would cost more."""
_FEATURE_REPEATS = {"p": 3, "o": 2, "c": 1, "w": 1}
"""How often a shared person, organisation, country or rare word is counted when ranking
candidates. Countries too: in a small archive stories that share only a country or two and
common words still score MIN_SCORE, and no rare word would find them."""

IDF_TABLE = Path(__file__).resolve().parent / "data" / "related_idf.tsv"
ARTICLES_KEY = "*articles"
"""The table's row holding how many articles it counted."""

_WORD = re.compile(r"[^\W\d_]{3,}|[\u3400-\u9fff]+")
_ASCII_LETTERS = bytes(byte if ord("a") <= byte <= ord("z") else ord(" ") for byte in range(256))
"""Translation of ASCII bytes: a-z stay, everything else parts words. For lower-case text whose
only letters are ASCII, `_WORD`'s words are the runs of a-z of at least MIN_WORD letters."""
MIN_WORD = 3
"""Shorter words (`of`, `is`, `US`) say nothing of what a story is about; `_WORD`'s `{3,}`."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_STOPWORDS = frozenset(
    "the and for that with from this was were have has had are his her she him they them their "
    "its but not said also would will been which who what when where after before over into "
    "about than more most other some such only one two three yesterday today year years last "
    "first new could should may can our out all any against between during while there these "
    "those being because under including told according".split()
)
_SHORT_OR_STOPWORDS = _STOPWORDS.union(
    "".join(letters)
    for size in range(1, MIN_WORD)
    for letters in itertools.product("abcdefghijklmnopqrstuvwxyz", repeat=size)
)
"""Every run of a-z shorter than MIN_WORD, and the stopwords: one set difference drops both
from an ASCII text's words, in C (a `len` test a word was 0.45 of 0.9 CPU s at 10,000 stories)."""


def words_of(text: str) -> set[str]:
    """The words of a text that `related` compares (lower case, no stopwords)."""
    text = text.lower()
    # Most news text is ASCII but for quotes and dashes, which part words like spaces do.
    ascii_words = text.isascii() or not any(
        c.isalnum() or "\u3400" <= c <= "\u9fff" for c in "".join(_NON_ASCII.findall(text))
    )
    if not ascii_words:
        return set(_WORD.findall(text)).difference(_STOPWORDS)
    # Split in C, not a regular expression's scan (0.8 -> 0.6 s at 10,000 stories); a
    # character outside ASCII is a `?`, which parts words as it did.
    letters = text.encode("ascii", "replace").translate(_ASCII_LETTERS).decode("ascii")
    return set(letters.split()).difference(_SHORT_OR_STOPWORDS)


def terms(article: Article) -> set[str]:
    """The words of the article's title and text that `related` compares."""
    return words_of(" ".join((article.title, *article.paragraphs)))


class _Weights(dict[str, float]):
    """Squared idf of every word in the table; a word it lacks is as rare as one never seen."""

    unseen = 0.0

    def __missing__(self, word: str) -> float:
        return self.unseen


@dataclass(frozen=True, slots=True)
class _Rarity:
    weight: _Weights
    """Word -> squared idf: the cosine's weights."""
    words: list[str]
    """The table's words, rarest first (ties by the word)."""
    rank: dict[str, int]
    """Word of the table -> its place in `words`."""
    ranked_weight: list[float]
    """The weights by rank."""
    exact: _ExactWeights
    """The weights by rank (an unknown word's last) as exact integers, for array sums."""


@dataclass(frozen=True, slots=True)
class _ExactWeights:
    """Every weight w as the integer w * 2**scale, split in two limbs of `limb` bits and kept
    as floats (exact: below 2**53). Summed with numpy over a pair's shared words, each limb's
    sum stays an exact integer, and `total` rounds the exact sum once, as math.fsum does: the
    text similarity is the same float to the bit whatever the order of the words."""

    high: np.ndarray
    low: np.ndarray
    limb: int
    scale: int

    @classmethod
    def of(cls, weights: list[float]) -> _ExactWeights:
        ratios = [w.as_integer_ratio() for w in weights]  # denominators are powers of two
        scale = max(d.bit_length() - 1 for _, d in ratios)
        numbers = [n << (scale - d.bit_length() + 1) for n, d in ratios]
        limb = (max(numbers).bit_length() + 1) // 2
        if limb > 32:  # a sum of 2**21 limbs must stay below 2**53
            raise ValueError(f"{IDF_TABLE}: weights too fine for exact sums ({2 * limb} bits)")
        mask = (1 << limb) - 1
        high = np.array([n >> limb for n in numbers], dtype=np.float64)
        low = np.array([n & mask for n in numbers], dtype=np.float64)
        return cls(high, low, limb, scale)

    def total(self, high: np.ndarray, low: np.ndarray) -> np.ndarray:
        """The exact sums `high * 2**limb + low` (over 2**scale), each correctly rounded: the
        product is exact and the addition rounds once."""
        return np.ldexp(np.ldexp(high, self.limb) + low, -self.scale)


@functools.cache
def _rarity() -> _Rarity:
    """idf = ln((1 + N) / (1 + articles)) over the table's N reference articles."""
    counts: dict[str, int] = {}
    for line in IDF_TABLE.read_text("utf-8").splitlines():
        if line and not line.startswith("# "):
            word, _, number = line.partition("\t")
            counts[word] = int(number)
    total = counts.pop(ARTICLES_KEY)
    weight = _Weights({w: math.log((1 + total) / (1 + n)) ** 2 for w, n in counts.items()})
    weight.unseen = math.log(1 + total) ** 2
    ranked = sorted(counts, key=lambda w: (counts[w], w))
    ranked_weight = list(map(weight.__getitem__, ranked))
    exact = _ExactWeights.of([*ranked_weight, weight.unseen])
    return _Rarity(weight, ranked, {w: n for n, w in enumerate(ranked)}, ranked_weight, exact)


@frozen
class _Words:
    """An article's `terms`, read once, in a form cheap to send back from a worker and to
    keep in the `State`: the table's ranks of the words it knows (ascending) and the words
    it lacks."""

    ranks: array[int]
    unknown: tuple[str, ...]
    norm: float
    """Euclidean norm of the idf-weighted term vector: the cosine's denominator."""


def _words(article: Article, rarity: _Rarity) -> _Words:
    """The article's `terms` as `_Words` (in a worker on a cold run, else in the parent)."""
    words = list(terms(article))
    found = list(map(rarity.rank.get, words))  # one lookup a word: None when the table lacks it
    ranks = sorted(r for r in found if r is not None)
    unknown = tuple(w for w, r in zip(words, found, strict=True) if r is None)
    # fsum is exact whatever the order: the same norm as summing `weight` over the words.
    weights = map(rarity.ranked_weight.__getitem__, ranks)
    norm = math.sqrt(math.fsum(itertools.chain(weights, [rarity.weight.unseen] * len(unknown))))
    return _Words(ranks=array("i", ranks), unknown=unknown, norm=norm)


_MARK_WEIGHTS = {
    "p": PERSON_WEIGHT,
    "o": ORGANIZATION_WEIGHT,
    "t": TOPIC_WEIGHT,
    "c": COUNTRY_WEIGHT,
}
"""What one shared person, organisation, topic or country adds to a pair's score."""
SCORE_BATCH = 128
"""Stories whose candidates are counted and scored in one set of array operations: enough
to spread numpy's per-call cost, few enough that the marker tables stay a few megabytes."""


class _Scorer:
    """Scores pairs of articles: shared people, organisations, topics and countries, plus the
    idf cosine of their texts. A batch of pairs is scored with numpy in one pass over the
    candidates' word ids (a marker table of each batch article's words says which are
    shared); the text sums are exact (`_ExactWeights`), so every score is the float the plain
    definition gives: sum each shared word's weight with math.fsum, divide by both norms.
    Articles are added once (`add`) and kept as rows of flat arrays."""

    def __init__(self, rarity: _Rarity):
        self.rarity = rarity
        self.unknown: dict[str, int] = {}
        """Word the table lacks -> its id (above the table's ranks; any order: ids only name)."""
        self.marks: dict[str, int] = {}
        """`p:`, `o:`, `t:` or `c:` and a name -> its id."""
        self.mark_weights: list[float] = []
        self.row: dict[str, int] = {}
        """Article id -> its row."""
        self.newest_first: list[int] = []
        """Tie-break by row: minus the date's ordinal, so newer stories sort first."""
        self._terms: list[list[int]] = []
        self._article_marks: list[list[int]] = []
        self._norms: list[float] = []
        self._arrays: tuple[_Rows, _Rows, np.ndarray, np.ndarray] | None = None
        self._tables: dict[str, np.ndarray] = {}

    def add(self, article: Article, words: _Words) -> None:
        """Make the article a row (once)."""
        if article.id in self.row:
            return
        known = len(self.rarity.words)
        unknown = [self.unknown.setdefault(w, known + len(self.unknown)) for w in words.unknown]
        marks = dict.fromkeys(
            itertools.chain(
                (f"p:{p}" for p in article.people),
                (f"o:{o}" for o in article.organizations),
                (f"t:{t}" for t in article.topics),
                (f"c:{c}" for c in article.countries),
            )
        )
        for mark in marks:
            if mark not in self.marks:
                self.marks[mark] = len(self.marks)
                self.mark_weights.append(_MARK_WEIGHTS[mark[0]])
        self.row[article.id] = len(self.row)
        self.newest_first.append(-article.date.toordinal() if article.date else 0)
        self._terms.append([*words.ranks, *unknown])
        self._article_marks.append([self.marks[m] for m in marks])
        self._norms.append(words.norm)
        self._arrays = None

    def arrays(self) -> tuple[_Rows, _Rows, np.ndarray, np.ndarray]:
        """Every row's word ids, mark ids and norm, and every mark's weight (made again after
        `add`)."""
        if self._arrays is None:
            norms = np.array(self._norms, dtype=np.float64)
            weights = np.array(self.mark_weights, dtype=np.float64)
            self._arrays = _Rows.of(self._terms), _Rows.of(self._article_marks), norms, weights
        return self._arrays

    def _held(self, kind: str, rows: int, size: int) -> np.ndarray:
        """An all-False marker table of at least rows x size, made once and kept: a fresh
        one per batch cost its memory's zeroing and first touch (scoring 1.4 -> 0.8 s at
        10,000 stories)."""
        held = self._tables.get(kind)
        if held is None or held.shape[0] < rows or held.shape[1] < size:
            held = self._tables[kind] = np.zeros((max(rows, SCORE_BATCH), size), dtype=bool)
        return held

    def scores(self, mine: list[str], others: list[tuple[str, ...]]) -> list[list[float]]:
        """For each article of `mine`, its score with each of its `others`."""
        counts = [len(o) for o in others]
        if not sum(counts):
            return [[] for _ in mine]
        terms, marks, norms, weights = self.arrays()
        rows = np.array([self.row[i] for i in mine], dtype=np.int64)
        theirs = np.array([self.row[i] for o in others for i in o], dtype=np.int64)
        pair_row = np.repeat(np.arange(len(mine)), counts)
        exact, known = self.rarity.exact, len(self.rarity.words)

        def word_weights(ids: np.ndarray) -> list[np.ndarray]:
            ids = np.minimum(ids, known)  # every unknown word weighs the last entry
            return [exact.high[ids], exact.low[ids]]

        held = self._held("words", len(mine), known + len(self.unknown))
        high, low = _shared_sums(terms, rows, theirs, pair_row, held, word_weights)
        held = self._held("marks", len(mine), len(weights))
        (shared_marks,) = _shared_sums(
            marks, rows, theirs, pair_row, held, lambda ids: [weights[ids]]
        )
        norm = norms[rows][pair_row] * norms[theirs]
        text = np.zeros(len(theirs))
        np.divide(exact.total(high, low), norm, out=text, where=norm != 0)
        # Shared marks weigh multiples of 0.5: their sum is exact in any order, so this is
        # `people + organisations + topics + countries + TEXT_WEIGHT * text` in plain floats.
        score = (shared_marks + TEXT_WEIGHT * text).tolist()
        ends = list(itertools.accumulate(counts))
        return [score[end - n : end] for n, end in zip(counts, ends, strict=True)]


@dataclass(frozen=True, slots=True)
class _Rows:
    """Rows of ids of different lengths, in one flat array."""

    flat: np.ndarray
    start: np.ndarray
    length: np.ndarray

    @classmethod
    def of(cls, rows: list[list[int]]) -> _Rows:
        # 32-bit ids (word and mark ids are far fewer): scoring gathers ~60 million of them
        # at 10,000 stories, and half the bytes moved was a third of its time.
        length = np.array([len(r) for r in rows], dtype=np.int64)
        flat = np.fromiter(itertools.chain.from_iterable(rows), np.int32, int(length.sum()))
        return cls(flat, np.cumsum(length) - length, length)

    def take(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ids of these rows one after the other, and for each id its place in `rows`."""
        return _spans(self.flat, self.start[rows], self.length[rows])


def _spans(
    flat: np.ndarray, starts: np.ndarray, lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """`flat[starts[k] : starts[k] + lengths[k]]` for every k, joined, and each value's k."""
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0
    # Positions in 32 bits when they fit (a batch's spans do, by far): half the bytes to move.
    small = np.int32 if max(total, len(flat)) < 2**31 else np.int64
    shift = (starts - (ends - lengths)).astype(small)
    values = flat[np.arange(total, dtype=small) + np.repeat(shift, lengths)]
    return values, np.repeat(np.arange(len(lengths), dtype=small), lengths)


def _shared_sums(
    rows: _Rows,
    mine: np.ndarray,
    theirs: np.ndarray,
    pair_row: np.ndarray,
    held: np.ndarray,
    weights: Callable[[np.ndarray], list[np.ndarray]],
) -> list[np.ndarray]:
    """For each pair k (row mine[pair_row[k]] and row theirs[k]), the sums over the ids both
    rows hold of each of `weights(ids)`. `held` is a marker table (batch row x id), all
    False, at least that large; it is left all False."""
    ids, owner = rows.take(mine)
    held[owner, ids] = True
    theirs_ids, pair = rows.take(theirs)
    shared = held[pair_row[pair], theirs_ids]
    held[owner, ids] = False
    pair, theirs_ids = pair[shared], theirs_ids[shared]
    return [np.bincount(pair, weights=w, minlength=len(theirs)) for w in weights(theirs_ids)]


@dataclass(frozen=True, slots=True)
class _WordTable:
    """Every story's `_Words` in a few flat arrays, the form the `State` keeps them in: the
    process that stores the state spent ~0.9 s pickling 10,000 `_Words` objects, and
    pickling these arrays takes milliseconds."""

    ids: tuple[str, ...]
    ends: array[int]
    """Where each story's ranks end in `ranks`, in `ids` order."""
    ranks: array[int]
    unknown_ends: array[int]
    """Where each story's unknown words end in `unknown`."""
    unknown: tuple[str, ...]
    norms: array[float]

    @classmethod
    def of(cls, words: Mapping[str, _Words]) -> _WordTable:
        ids = tuple(sorted(words))
        ends, ranks, unknown_ends, norms = array("q"), array("i"), array("q"), array("d")
        unknown: list[str] = []
        for article_id in ids:
            read = words[article_id]
            ranks.extend(read.ranks)
            ends.append(len(ranks))
            unknown.extend(read.unknown)
            unknown_ends.append(len(unknown))
            norms.append(read.norm)
        return cls(ids, ends, ranks, unknown_ends, tuple(unknown), norms)

    def items(self) -> Iterator[tuple[str, _Words]]:
        """Each story's id and `_Words`, as `of` was given them."""
        start = unknown_start = 0
        for n, article_id in enumerate(self.ids):
            end, unknown_end = self.ends[n], self.unknown_ends[n]
            ranks, unknown = self.ranks[start:end], self.unknown[unknown_start:unknown_end]
            yield article_id, _Words(ranks=ranks, unknown=unknown, norm=self.norms[n])
            start, unknown_start = end, unknown_end


Candidates = tuple[tuple[str, ...], int]
"""An article's candidates (ids, best first) and how much the last of them shares with it."""


@dataclass(frozen=True, slots=True)
class State:
    """What a run of `update` leaves for the next: enough to tell which stories a change
    reaches, and the lists of all the others."""

    stories: dict[str, bytes]
    """Article id -> digest of the article as it was scored (any change is a new story)."""
    features: dict[str, tuple[str, ...]]
    capped: frozenset[str]
    """Features held by more than MAX_POSTING articles: they find no candidates."""
    candidates: dict[str, Candidates]
    related: dict[str, tuple[str, ...]]
    words: _WordTable
    """Each story's words as scored: a run reads only the new stories' words (reading those
    of the few hundred stories one new dump reaches took 0.22 s at 10,000 stories)."""

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # `capped` sorted: a set pickles in its strings' hash order, which differs between
        # processes, and the page cache stores the state again only when its bytes change.
        capped = tuple(sorted(self.capped))
        return _state, (
            self.stories,
            self.features,
            capped,
            self.candidates,
            self.related,
            self.words,
        )


def _state(
    stories: dict[str, bytes],
    features: dict[str, tuple[str, ...]],
    capped: tuple[str, ...],
    candidates: dict[str, Candidates],
    found: dict[str, tuple[str, ...]],
    words: _WordTable,
) -> State:
    """A `State` unpickled, from the fields `State.__reduce__` wrote (`capped` sorted)."""
    return State(stories, features, frozenset(capped), candidates, found, words)


def related(articles: list[Article], jobs: int = 1) -> dict[str, tuple[str, ...]]:
    """Article id -> related article ids, best first (ties: newer first, then id).

    `jobs` processes read the stories' words and score the candidates (generator/parallel.py);
    the result is the same."""
    found, _ = update(articles, {a.id: b"" for a in articles}, None, jobs)
    return found


def update(
    articles: list[Article],
    digests: Mapping[str, bytes],
    previous: State | None,
    jobs: int = 1,
) -> tuple[dict[str, tuple[str, ...]], State]:
    """`related` of the articles, and the state for the next run. `digests` name each article's
    content (generator/digest.py); with the `previous` run's state only the stories a change
    reaches are scored, and the result is the same as without it."""
    if previous is not None and previous.stories == dict(digests):
        # No story new, changed or gone: every list stands, and so does the state (a rerun
        # of a 10k archive spent 0.4 s indexing and reading what it then left as it was).
        return {a.id: previous.related[a.id] for a in articles}, previous
    rarity = _rarity()
    by_id = {a.id: a for a in articles}
    old = previous.stories if previous else {}
    fresh = sorted(i for i in by_id if i not in old or old[i] != digests[i])
    read: dict[str, _Words] = {}
    if len(fresh) >= PARALLEL_MIN and jobs > 1:  # a cold run: read by workers, not the parent
        read = _read_all(articles, rarity, jobs)
    elif previous is not None:
        changed = set(fresh)
        read = {i: w for i, w in previous.words.items() if i in by_id and i not in changed}
    words = _WordsOnce(by_id, rarity, read)
    features = _all_features(previous, fresh, words)
    index = _Index.of(features)
    if previous is None:
        todo = sorted(by_id)
    else:
        todo = _reached(previous, fresh, digests, features, index)
    ranking = _Ranking(todo, features, index, _Scorer(rarity), words)
    if len(todo) >= PARALLEL_MIN:  # every story is someone's candidate: all rows at once
        ranking.prepare()
    else:  # a few: the rows they need, batch by batch
        jobs = 1
        index.hold_only(f for i in todo for f in features[i])
    pieces = parallel.fork_map(ranking.best, parallel.chunks(len(todo), jobs), jobs)
    made = dict(zip(todo, itertools.chain.from_iterable(pieces), strict=True))
    candidates = {i: made[i][0] if i in made else previous.candidates[i] for i in sorted(by_id)}
    found = {i: made[i][1] if i in made else previous.related[i] for i in sorted(by_id)}
    kept = _WordTable.of({i: words(i) for i in by_id})
    state = State(dict(digests), features, index.capped, candidates, found, kept)
    return {a.id: found[a.id] for a in articles}, state


def _all_features(
    previous: State | None, fresh: list[str], words: _WordsOnce
) -> dict[str, tuple[str, ...]]:
    """Every story's `_features` by id, in id order: read now for the `fresh` stories, kept
    from the `previous` run's state for the others."""
    features = dict(previous.features) if previous else {}
    for article_id in fresh:
        features[article_id] = _features(words.by_id[article_id], words(article_id), words.rarity)
    return {i: features[i] for i in sorted(words.by_id)}


@dataclass(frozen=True, slots=True)
class _WordsOnce:
    """A story's `_Words` by id, read at most once: its features and the scorer read the same
    words. `read` starts with those the workers read on a cold run and keeps the others."""

    by_id: dict[str, Article]
    rarity: _Rarity
    read: dict[str, _Words]

    def __call__(self, article_id: str) -> _Words:
        if (known := self.read.get(article_id)) is None:
            known = self.read[article_id] = _words(self.by_id[article_id], self.rarity)
        return known


@dataclass(frozen=True, slots=True)
class _Ranking:
    """The stories of `todo` ranked against their candidates: what `update` hands its workers
    (`best`, by ranges of `todo`)."""

    todo: list[str]
    features: dict[str, tuple[str, ...]]
    index: _Index
    scorer: _Scorer
    words: _WordsOnce

    def add(self, article_ids: Iterable[str]) -> None:
        """Make these stories rows of the scorer."""
        scorer, words, by_id = self.scorer, self.words, self.words.by_id
        for article_id in article_ids:
            scorer.add(by_id[article_id], words(article_id))

    def prepare(self) -> None:
        """Every story a row and every array built, once, before any workers fork."""
        self.add(sorted(self.words.by_id))
        self.scorer.arrays()
        self.index.holders()

    def best(self, numbers: range) -> list[tuple[Candidates, tuple[str, ...]]]:
        """Each story of `todo[numbers]`'s candidates and related stories (what a worker sends
        back), scored SCORE_BATCH stories at a time."""
        scorer, todo, stories = self.scorer, self.todo, len(self.words.by_id)
        found = []
        for start in range(numbers.start, numbers.stop, SCORE_BATCH):
            batch = todo[start : min(start + SCORE_BATCH, numbers.stop)]
            chosen = self.index.candidates(batch, self.features)
            if len(scorer.row) < stories:
                self.add(itertools.chain(batch, *(ids for ids, _ in chosen)))
            scores = scorer.scores(batch, [ids for ids, _ in chosen])
            for (ids, least), mine in zip(chosen, scores, strict=True):
                ranked = sorted(
                    (-round(score, 9), scorer.newest_first[scorer.row[other_id]], other_id)
                    for other_id, score in zip(ids, mine, strict=True)
                    if score >= MIN_SCORE
                )
                found.append(((ids, least), tuple(i for _, _, i in ranked[:RELATED_MAX])))
        return found


class _Index:
    """Features -> the articles holding them, and each article's best candidates."""

    def __init__(self, postings: dict[str, list[str]], capped: frozenset[str]):
        self.postings = postings
        self.capped = capped
        self._holders: _Holders | None = None
        self._held: Collection[str] | None = None
        """The features `holders` covers: all of them unless `hold_only` said fewer."""

    @functools.cached_property
    def ids(self) -> list[str]:
        """Every article holding a feature, in id order: its place here is its number (made
        when first read: a run that scores nothing never needs it)."""
        return sorted({i for ids in self.postings.values() for i in ids})

    @functools.cached_property
    def number(self) -> dict[str, int]:
        return {article_id: n for n, article_id in enumerate(self.ids)}

    @classmethod
    def of(cls, features: dict[str, tuple[str, ...]]) -> _Index:
        """The index of every article's features (article ids in sorted order)."""
        postings: dict[str, list[str]] = defaultdict(list)
        for article_id in sorted(features):
            for feature in features[article_id]:
                postings[feature].append(article_id)
        return cls(postings, frozenset(f for f, ids in postings.items() if len(ids) > MAX_POSTING))

    def shared(self, article_id: str, features: Iterable[str]) -> Counter[str]:
        """Other article id -> how much it shares with this one (a person counts 3, an
        organisation 2, a country or a word 1); counted in C."""
        shared = Counter(
            itertools.chain.from_iterable(
                self.postings[f] * _FEATURE_REPEATS[f[0]] for f in features if f not in self.capped
            )
        )
        del shared[article_id]
        return shared

    def hold_only(self, features: Iterable[str]) -> None:
        """Make `holders` cover only these features: the stories a run scores hold them, and
        a run that scores a few hundred stories of 10,000 spent 0.27 s making the holders of
        every feature."""
        self._held = set(features)
        self._holders = None

    def holders(self) -> _Holders:
        """The holders (`_Holders`) of every feature, or of those `hold_only` named; made on
        first use (before workers fork, on a cold run)."""
        if self._holders is None:
            number, flat, spans = {}, array("q"), []
            covered = self.postings.keys() if self._held is None else sorted(self._held)
            for feature in covered:
                ids = self.postings[feature]
                number[feature] = len(number)
                held = 0 if feature in self.capped else len(ids)  # a capped one finds none
                spans.append((len(flat), held, _FEATURE_REPEATS[feature[0]]))
                if held:
                    flat.extend(map(self.number.__getitem__, ids))
            start, count, repeats = np.array(spans, dtype=np.int64).reshape(-1, 3).T
            flat_ids = np.frombuffer(flat, dtype=np.int64)
            self._holders = _Holders(number, start, count, repeats, flat_ids)
        return self._holders

    def candidates(
        self, article_ids: list[str], features: Mapping[str, tuple[str, ...]]
    ) -> list[Candidates]:
        """For each article, the CANDIDATES articles sharing the most with it (`shared`; ties
        by id), counted for all of them at once in numpy.

        Scoring every article that shares anything is quadratic on an archive that keeps
        returning to the same stories; counting bounds the scoring."""
        held = self.holders()
        # The batch's features as numbers, looked up in C (a tuple a feature was 0.2 s).
        owned = [features[i] for i in article_ids]
        lengths = np.fromiter(map(len, owned), np.int64, len(owned))
        numbers = map(held.number.__getitem__, itertools.chain.from_iterable(owned))
        feature = np.fromiter(numbers, np.int64, int(lengths.sum()))
        row = np.repeat(np.arange(len(article_ids)), lengths)
        times = held.repeats[feature]  # a person thrice, ...
        feature, row = np.repeat(feature, times), np.repeat(row, times)
        holder, entry = _spans(held.flat, held.start[feature], held.count[feature])
        row = row[entry]
        own = np.array([self.number.get(i, -1) for i in article_ids], dtype=np.int64)
        key = (row * len(self.ids) + holder)[holder != own[row]]
        # 32-bit keys when they fit (a batch's do, by far): numpy sorts them twice as fast.
        key = key.astype(np.int32 if len(article_ids) * len(self.ids) < 2**31 else np.int64)
        pairs, shared = np.unique(key, return_counts=True)  # by article, then id
        row, holder = np.divmod(pairs, len(self.ids))
        most = int(shared.max()) + 1 if len(shared) else 1
        order = np.argsort(row * most - shared, kind="stable")  # then most shared first
        row, holder, shared = row[order], holder[order], shared[order]
        first = np.searchsorted(row, np.arange(len(article_ids) + 1))
        kept = np.arange(len(row)) - first[row] < CANDIDATES
        first = np.searchsorted(row[kept], np.arange(len(article_ids) + 1)).tolist()
        holders, counts = holder[kept].tolist(), shared[kept].tolist()
        found = []
        for start, end in itertools.pairwise(first):
            ids = tuple(map(self.ids.__getitem__, holders[start:end]))
            found.append((ids, counts[end - 1] if end > start else 0))
        return found


@dataclass(frozen=True, slots=True)
class _Holders:
    """Every feature's holders: their numbers (`_Index.number`) one feature after the other in
    `flat`, and by feature number where its own start, how many (none for a capped feature)
    and how often it counts (`_FEATURE_REPEATS`)."""

    number: dict[str, int]
    """Feature -> its number."""
    start: np.ndarray
    count: np.ndarray
    repeats: np.ndarray
    flat: np.ndarray


def _reached(
    previous: State,
    fresh: list[str],
    digests: Mapping[str, bytes],
    features: dict[str, tuple[str, ...]],
    index: _Index,
) -> list[str]:
    """The stories whose candidates or related stories may differ from the previous run's:
    every other keeps the same features, the same counts with every story it had and the same
    scores with them (a pair's score reads only the pair)."""
    gone = {i for i, d in previous.stories.items() if digests.get(i) != d}
    reached = set(fresh)
    for feature in previous.capped ^ index.capped:  # every holder's counts change
        reached.update(index.postings.get(feature, ()))
    if gone:
        for article_id, chosen in previous.candidates.items():
            if article_id in digests and not gone.isdisjoint(chosen[0]):
                reached.add(article_id)
    for new_id in fresh:
        for other_id, count in index.shared(new_id, features[new_id]).items():
            if other_id in reached:
                continue
            ids, least = previous.candidates[other_id]
            if len(ids) < CANDIDATES or (-count, new_id) < (-least, ids[-1]):
                reached.add(other_id)
    return sorted(reached)


def _read_all(articles: list[Article], rarity: _Rarity, jobs: int) -> dict[str, _Words]:
    """Article id -> its `_Words`, read by `jobs` processes: tokenising every story is most
    of what a cold run does before scoring, and the parent alone would leave a core idle."""
    ordered = sorted(articles, key=lambda a: a.id)

    def read(numbers: range) -> list[_Words]:
        return [_words(ordered[n], rarity) for n in numbers]

    pieces = parallel.fork_map(read, parallel.chunks(len(ordered), jobs), jobs)
    return dict(zip((a.id for a in ordered), itertools.chain.from_iterable(pieces), strict=True))


def _features(article: Article, words: _Words, rarity: _Rarity) -> tuple[str, ...]:
    """People, organisations, countries and the TERMS_PER_ARTICLE rarest words the table
    knows (a word it lacks is in fewer than two reference articles: too rare to link stories,
    or a typo; it still counts in the score)."""
    # Interned: the state pickles each feature once, however many stories hold it.
    features = [f"p:{p}" for p in sorted(set(article.people))]
    features += [f"o:{o}" for o in sorted(set(article.organizations))]
    features += [f"c:{c}" for c in sorted(set(article.countries))]
    features += [f"w:{rarity.words[r]}" for r in words.ranks[:TERMS_PER_ARTICLE]]
    return tuple(map(sys.intern, features))
