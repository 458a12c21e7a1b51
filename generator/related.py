"""Related stories: for each article, the few others a reader of it would want next.

In: the visible articles. Out: article id -> ids of up to RELATED_MAX related articles, best
first. Two stories are related when they share people and organisations (strongest), distinctive
words of their text, topics and countries. Candidates come from an inverted index over people,
organisations and distinctive words, so the cost grows with the archive rather than with its
square. Pure: reads and writes nothing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator import parallel
from generator.model import Article

_NO_DATE = dt.date.min

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
"""The most distinctive words of an article used to find candidates; enough for a news story."""
MAX_POSTING = 400
"""A feature shared by more articles than this (a very common word) finds no candidates."""
CANDIDATES = 30
"""Articles fully scored per article, ranked by shared people, organisations and rare words.
Scoring all of them was quadratic: ~290 per story on the 10,000-story bench archive and
3 minutes of CPU. With 30 the related stories keep 97% of the score the exhaustive search
found (400 sampled stories; 15 keep 95%) in about 7 s."""
_FEATURE_REPEATS = {"p": 3, "o": 2, "w": 1}
"""How often a shared person, organisation or rare word is counted when ranking candidates."""

_WORD = re.compile(r"[^\W\d_]{3,}|[\u3400-\u9fff]+")
_STOPWORDS = frozenset(
    "the and for that with from this was were have has had are his her she him they them their "
    "its but not said also would will been which who what when where after before over into "
    "about than more most other some such only one two three yesterday today year years last "
    "first new could should may can our out all any against between during while there these "
    "those being because under including told according".split()
)


def terms(article: Article) -> set[str]:
    """The words of the article's title and text that `related` compares."""
    return _terms(article)


def _terms(article: Article) -> set[str]:
    text = " ".join((article.title, *article.paragraphs)).lower()
    return set(_WORD.findall(text)).difference(_STOPWORDS)


def _idf(documents: Iterable[set[str]], count: int) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for terms in documents:
        frequency.update(terms)
    # No +1: a word every story has weighs nothing, however few stories there are.
    return {term: math.log((1 + count) / (1 + df)) for term, df in frequency.items()}


class _Rarity:
    """Every word of the archive ranked rarest first (ties by the word), so an article's
    rarest words sort by one integer each: sorting each article's words by (-idf, word) was a
    second at 10,000 stories."""

    def __init__(self, idf: dict[str, float], unique: float):
        self.words = sorted(idf, key=lambda t: (-idf[t], t))
        self.rank = {t: n for n, t in enumerate(self.words)}
        self.first_shared = sum(1 for value in idf.values() if value >= unique)
        """Rank of the first word found in more than one article (`unique` = idf of df 1)."""

    def distinctive(self, terms: set[str]) -> list[str]:
        """The rarest TERMS_PER_ARTICLE words the article shares with at least one other."""
        ranks = sorted(map(self.rank.__getitem__, terms))
        start = bisect.bisect_left(ranks, self.first_shared)
        return [self.words[r] for r in ranks[start : start + TERMS_PER_ARTICLE]]


@dataclass(frozen=True, slots=True)
class _Profile:
    """What scoring needs of one article, computed once rather than once per pair."""

    article: Article
    terms: frozenset[str]
    norm: float
    """Euclidean norm of the idf-weighted term vector: the cosine's denominator."""
    people: frozenset[str]
    organizations: frozenset[str]
    topics: frozenset[str]
    countries: frozenset[str]
    newest_first: int
    """Tie-break: minus the date's ordinal, so newer stories sort first."""


def _profile(article: Article, terms: set[str], weight: dict[str, float]) -> _Profile:
    return _Profile(
        article=article,
        terms=frozenset(terms),
        norm=math.sqrt(math.fsum(map(weight.__getitem__, terms))),
        people=frozenset(article.people),
        organizations=frozenset(article.organizations),
        topics=frozenset(article.topics),
        countries=frozenset(article.countries),
        newest_first=-(article.date or _NO_DATE).toordinal(),
    )


def _score(a: _Profile, b: _Profile, weight: dict[str, float]) -> float:
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


def related(
    articles: list[Article],
    jobs: int = 1,
    words: Callable[[Article], set[str]] = _terms,
) -> dict[str, tuple[str, ...]]:
    """Article id -> related article ids, best first (ties: newer first, then id).

    `jobs` processes score the candidates (generator/parallel.py); the result is the same.
    `words` gives an article's `terms` (a caller may have kept them from an earlier run)."""
    terms = {a.id: words(a) for a in articles}
    idf = _idf(terms.values(), len(articles))
    weight = {term: value * value for term, value in idf.items()}
    unique = math.log((1 + len(articles)) / 2) - 1e-9
    rarity = _Rarity(idf, unique)
    features = {a.id: _features(a, terms[a.id], rarity) for a in articles}
    postings: dict[str, list[str]] = defaultdict(list)
    for article_id in sorted(features):
        for feature in features[article_id]:
            postings[feature].append(article_id)
    profiles = {a.id: _profile(a, terms[a.id], weight) for a in articles}

    def best(numbers: range) -> list[tuple[str, ...]]:
        found = []
        for article in articles[numbers.start : numbers.stop]:
            me = profiles[article.id]
            scored = []
            for other_id in _candidates(article.id, features[article.id], postings):
                other = profiles[other_id]
                score = _score(me, other, weight)
                if score >= MIN_SCORE:
                    scored.append((-round(score, 9), other.newest_first, other_id))
            found.append(tuple(i for _, _, i in sorted(scored)[:RELATED_MAX]))
        return found

    pieces = parallel.fork_map(best, parallel.chunks(len(articles), jobs), jobs)
    ranked = itertools.chain.from_iterable(pieces)
    return {a.id: ids for a, ids in zip(articles, ranked, strict=True)}


def _candidates(article_id: str, features: list[str], postings: dict[str, list[str]]) -> list[str]:
    """The CANDIDATES articles sharing the most people, organisations and rare words with this
    one (a person counts 3, an organisation 2, a word 1, as in `_score`).

    Scoring every article that shares any of them is quadratic on an archive that keeps
    returning to the same stories; counting runs in C and bounds the scoring.
    """
    shared = Counter(
        itertools.chain.from_iterable(
            postings[f] * _FEATURE_REPEATS[f[0]]
            for f in features
            if len(postings[f]) <= MAX_POSTING
        )
    )
    del shared[article_id]
    return heapq.nsmallest(CANDIDATES, shared, key=lambda i: (-shared[i], i))


def _features(article: Article, terms: set[str], rarity: _Rarity) -> list[str]:
    features = [f"p:{p}" for p in sorted(set(article.people))]
    features += [f"o:{o}" for o in sorted(set(article.organizations))]
    return features + [f"w:{w}" for w in rarity.distinctive(terms)]
