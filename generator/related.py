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
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator import parallel
from generator.model import Article

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
found (400 sampled stories; 15 keep 95%) in about 7 s."""
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
_STOPWORDS = frozenset(
    "the and for that with from this was were have has had are his her she him they them their "
    "its but not said also would will been which who what when where after before over into "
    "about than more most other some such only one two three yesterday today year years last "
    "first new could should may can our out all any against between during while there these "
    "those being because under including told according".split()
)


def words_of(text: str) -> set[str]:
    """The words of a text that `related` compares (lower case, no stopwords)."""
    return set(_WORD.findall(text.lower())).difference(_STOPWORDS)


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
    return _Rarity(weight, ranked, {w: n for n, w in enumerate(ranked)})


@dataclass(frozen=True, slots=True)
class _Profile:
    """What scoring needs of one article, computed once rather than once per pair."""

    terms: frozenset[str]
    norm: float
    """Euclidean norm of the idf-weighted term vector: the cosine's denominator."""
    people: frozenset[str]
    organizations: frozenset[str]
    topics: frozenset[str]
    countries: frozenset[str]
    newest_first: int
    """Tie-break: minus the date's ordinal, so newer stories sort first."""


@dataclass(frozen=True, slots=True)
class _Words:
    """An article's `terms`, read once, in a form cheap to send back from a worker: the
    table's ranks of the words it knows (ascending) and the words it lacks."""

    ranks: array[int]
    unknown: tuple[str, ...]
    norm: float
    """Euclidean norm of the idf-weighted term vector: the cosine's denominator."""


def _words(article: Article, rarity: _Rarity) -> _Words:
    """The article's `terms` as `_Words` (in a worker on a cold run, else in the parent)."""
    words = terms(article)
    known = rarity.rank.keys() & words
    return _Words(
        ranks=array("i", sorted(map(rarity.rank.__getitem__, known))),
        unknown=tuple(words - known),
        norm=math.sqrt(math.fsum(map(rarity.weight.__getitem__, words))),
    )


def _profile(article: Article, words: _Words, rarity: _Rarity) -> _Profile:
    # The table's own strings: two profiles' shared words are then the same objects, and
    # the set intersections that scoring spends its time in compare them by identity.
    known = frozenset(map(rarity.words.__getitem__, words.ranks))
    return _Profile(
        terms=known.union(words.unknown),
        norm=words.norm,
        people=frozenset(article.people),
        organizations=frozenset(article.organizations),
        topics=frozenset(article.topics),
        countries=frozenset(article.countries),
        newest_first=-article.date.toordinal() if article.date else 0,
    )


def _score(a: _Profile, b: _Profile, weight: _Weights) -> float:
    """Shared people, organisations, topics and countries, plus the idf cosine of the texts."""
    norm = a.norm * b.norm
    # fsum: exact whatever order the set yields its terms (sets iterate in hash order).
    text = math.fsum(map(weight.__getitem__, a.terms & b.terms)) / norm if norm else 0.0
    return (
        PERSON_WEIGHT * len(a.people & b.people)
        + ORGANIZATION_WEIGHT * len(a.organizations & b.organizations)
        + TOPIC_WEIGHT * len(a.topics & b.topics)
        + COUNTRY_WEIGHT * len(a.countries & b.countries)
        + TEXT_WEIGHT * text
    )


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
    rarity = _rarity()
    by_id = {a.id: a for a in articles}
    old = previous.stories if previous else {}
    fresh = sorted(i for i in by_id if i not in old or old[i] != digests[i])
    read: dict[str, _Words] = {}
    if len(fresh) >= PARALLEL_MIN and jobs > 1:  # a cold run: read by workers, not the parent
        read = _read_all(articles, rarity, jobs)

    def words_once(article_id: str) -> _Words:  # features and profiles read the same words
        if (known := read.get(article_id)) is None:
            known = read[article_id] = _words(by_id[article_id], rarity)
        return known

    features = dict(previous.features) if previous else {}
    for article_id in fresh:
        features[article_id] = _features(by_id[article_id], words_once(article_id), rarity)
    features = {i: features[i] for i in sorted(by_id)}
    index = _Index.of(features)
    if previous is None:
        todo = sorted(by_id)
    else:
        todo = _reached(previous, fresh, digests, features, index)
    profiles: dict[str, _Profile] = {}

    def profile(article_id: str) -> _Profile:
        if (known := profiles.get(article_id)) is None:
            article = by_id[article_id]
            known = profiles[article_id] = _profile(article, words_once(article_id), rarity)
        return known

    if len(todo) >= PARALLEL_MIN and jobs > 1:
        for article_id in sorted(by_id):  # once, before the workers fork
            profile(article_id)
    else:
        jobs = 1

    def best(numbers: range) -> list[tuple[Candidates, tuple[str, ...]]]:
        found = []
        for article_id in todo[numbers.start : numbers.stop]:
            chosen = index.candidates(article_id, features[article_id])
            me, scored = profile(article_id), []
            for other_id in chosen[0]:
                other = profile(other_id)
                score = _score(me, other, rarity.weight)
                if score >= MIN_SCORE:
                    scored.append((-round(score, 9), other.newest_first, other_id))
            found.append((chosen, tuple(i for _, _, i in sorted(scored)[:RELATED_MAX])))
        return found

    pieces = parallel.fork_map(best, parallel.chunks(len(todo), jobs), jobs)
    made = dict(zip(todo, itertools.chain.from_iterable(pieces), strict=True))
    candidates = {i: made[i][0] if i in made else previous.candidates[i] for i in sorted(by_id)}
    found = {i: made[i][1] if i in made else previous.related[i] for i in sorted(by_id)}
    state = State(dict(digests), features, index.capped, candidates, found)
    return {a.id: found[a.id] for a in articles}, state


class _Index:
    """Features -> the articles holding them, and each article's best candidates."""

    def __init__(self, postings: dict[str, list[str]], capped: frozenset[str]):
        self.postings = postings
        self.capped = capped

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

    def candidates(self, article_id: str, features: Iterable[str]) -> Candidates:
        """The CANDIDATES articles sharing the most with this one (ties by id).

        Scoring every article that shares anything is quadratic on an archive that keeps
        returning to the same stories; counting bounds the scoring."""
        shared = self.shared(article_id, features)
        if len(shared) > CANDIDATES:  # the CANDIDATES-th count, found on plain ints
            least = heapq.nlargest(CANDIDATES, shared.values())[-1]
            best = sorted((-c, i) for i, c in shared.items() if c >= least)[:CANDIDATES]
        else:
            best = sorted((-c, i) for i, c in shared.items())
        return tuple(i for _, i in best), -best[-1][0] if best else 0


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
