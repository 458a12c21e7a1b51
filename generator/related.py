"""Related stories: for each article, the few others a reader of it would want next.

In: the visible articles. Out: article id -> ids of up to RELATED_MAX related articles, best
first. Two stories are related when they share people and organisations (strongest), distinctive
words of their text, topics and countries. Candidates come from an inverted index over people,
organisations and distinctive words, so the cost grows with the archive rather than with its
square. Pure: reads and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

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

_WORD = re.compile(r"[^\W\d_]{3,}|[\u3400-\u9fff]+")
_STOPWORDS = frozenset(
    "the and for that with from this was were have has had are his her she him they them their "
    "its but not said also would will been which who what when where after before over into "
    "about than more most other some such only one two three yesterday today year years last "
    "first new could should may can our out all any against between during while there these "
    "those being because under including told according".split()
)


def _terms(article: Article) -> set[str]:
    text = " ".join((article.title, *article.paragraphs)).lower()
    return {w for w in _WORD.findall(text) if w not in _STOPWORDS}


def _idf(documents: Iterable[set[str]], count: int) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for terms in documents:
        frequency.update(terms)
    # No +1: a word every story has weighs nothing, however few stories there are.
    return {term: math.log((1 + count) / (1 + df)) for term, df in frequency.items()}


def _distinctive(terms: set[str], idf: dict[str, float], unique: float) -> list[str]:
    """The rarest words the article shares with at least one other (`unique` = idf of df 1)."""
    shared = (t for t in terms if idf[t] < unique)
    return sorted(shared, key=lambda t: (-idf[t], t))[:TERMS_PER_ARTICLE]


def _text_similarity(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """Cosine of binary term vectors weighted by idf: 1 for the same words, 0 for none shared."""
    shared = sum(idf[t] ** 2 for t in a & b)
    norm = math.sqrt(sum(idf[t] ** 2 for t in a) * sum(idf[t] ** 2 for t in b))
    return shared / norm if norm else 0.0


def _score(a: Article, b: Article, text: float) -> float:
    return (
        PERSON_WEIGHT * len(set(a.people) & set(b.people))
        + ORGANIZATION_WEIGHT * len(set(a.organizations) & set(b.organizations))
        + TOPIC_WEIGHT * len(set(a.topics) & set(b.topics))
        + COUNTRY_WEIGHT * len(set(a.countries) & set(b.countries))
        + TEXT_WEIGHT * text
    )


def related(articles: list[Article]) -> dict[str, tuple[str, ...]]:
    """Article id -> related article ids, best first (ties: newer first, then id)."""
    terms = {a.id: _terms(a) for a in articles}
    idf = _idf(terms.values(), len(articles))
    unique = math.log((1 + len(articles)) / 2) - 1e-9
    postings: dict[str, list[str]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: a.id):
        for feature in _features(article, terms[article.id], idf, unique):
            postings[feature].append(article.id)
    by_id = {a.id: a for a in articles}
    result = {}
    for article in articles:
        candidates = set()
        for feature in _features(article, terms[article.id], idf, unique):
            if len(postings[feature]) <= MAX_POSTING:
                candidates.update(postings[feature])
        candidates.discard(article.id)
        scored = []
        for other_id in candidates:
            other = by_id[other_id]
            text = _text_similarity(terms[article.id], terms[other_id], idf)
            score = _score(article, other, text)
            if score >= MIN_SCORE:
                scored.append((-round(score, 9), -(other.date or _NO_DATE).toordinal(), other_id))
        result[article.id] = tuple(i for _, _, i in sorted(scored)[:RELATED_MAX])
    return result


def _features(article: Article, terms: set[str], idf: dict[str, float], unique: float) -> set[str]:
    features = {f"p:{p}" for p in article.people} | {f"o:{o}" for o in article.organizations}
    return features | {f"w:{w}" for w in _distinctive(terms, idf, unique)}
