"""Topics: an article -> one to three IPTC Media Topics, primary first, with the evidence.

In: an article and the topics of site_config/topics.yml, each with weighted words and phrases a
curator edits. Out: the chosen topics and every word that counted. The lexicon is compiled into
an index once per run, so scoring an article is one pass over its words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from generator.classify.evidence import Evidence, Zone, zones
from generator.config import Topic
from generator.model import Article

MAX_TOPICS = 3
LEAD_WEIGHT = 2.0
"""Words in the headline and the first sentence say more than a passing mention further down."""
SECONDARY_SHARE = 0.5
"""A second topic needs this share of the primary's score. Dev set: topic F1 0.864 at 0.6,
0.857 at 0.5, 0.840 at 0.4; 0.5 keeps the sample's full article its second topic (defence)."""
MAX_REPEATS = 3
"""A word counted more often than this adds nothing: one story about one court is not more
about crime for saying "court" ten times."""
FALLBACK = "society"
"""With no evidence at all a story is filed under Society, the broadest section."""


@dataclass(frozen=True, slots=True)
class TopicResult:
    """The topics of one article, primary first, and every word that counted."""

    topics: tuple[Topic, ...]
    scores: dict[str, float]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The topic vocabulary indexed for a single left-to-right pass over word tokens."""

    exact: dict[str, tuple[tuple[str, float], ...]]
    """A term (one word or a phrase) -> (topic slug, weight)."""
    stems: dict[str, tuple[tuple[str, float], ...]]
    """A stem from a term ending in * -> (topic slug, weight); a phrase's stem is its last word."""
    phrase_starts: dict[str, int]
    """First word of every phrase -> most words in a phrase starting with it."""
    memo: dict[str, list[tuple[str, str, float]]]
    """Meanings of single words already looked up (a cache, filled as articles are read)."""


def _lexicon(topics: tuple[Topic, ...]) -> _Lexicon:
    """The index for this topic tuple, built once (keyed by identity: hashing 17 topics and
    their vocabularies for every article cost more than scoring it)."""
    cached = _LEXICONS.get(id(topics))
    if cached is None or cached[0] is not topics:
        cached = _LEXICONS[id(topics)] = (topics, _build_lexicon(topics))
    return cached[1]


_LEXICONS: dict[int, tuple[tuple[Topic, ...], _Lexicon]] = {}


def _build_lexicon(topics: tuple[Topic, ...]) -> _Lexicon:
    exact: dict[str, list[tuple[str, float]]] = defaultdict(list)
    stems: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for topic in topics:
        for term, weight in topic.evidence:
            words = " ".join(_WORD.findall(_normalise(term.rstrip("*"))))
            table = stems if term.endswith("*") else exact
            table[words].append((topic.slug, weight))
    starts: dict[str, int] = {}
    for key in [*exact, *stems]:
        words = key.split(" ")
        starts[words[0]] = max(starts.get(words[0], 1), len(words))
    freeze = lambda table: {k: tuple(v) for k, v in table.items()}  # noqa: E731
    return _Lexicon(freeze(exact), freeze(stems), starts, {})


def _meanings(lexicon: _Lexicon, words: str) -> list[tuple[str, str, float]]:
    """(term, topic, weight) for some words: their exact entry, then for each topic not yet
    matched the longest stem they start with. A stem never reaches across a space."""
    found = [(words, slug, weight) for slug, weight in lexicon.exact.get(words, ())]
    seen = {slug for _, slug, _ in found}
    head, _, last = words.rpartition(" ")
    for end in range(len(last), 0, -1):
        stem = f"{head} {last[:end]}" if head else last[:end]
        for slug, weight in lexicon.stems.get(stem, ()):
            if slug not in seen:
                found.append((stem + "*", slug, weight))
                seen.add(slug)
    return found


def _matches(lexicon: _Lexicon, text: str) -> list[tuple[str, list[tuple[str, str, float]]]]:
    """(words, meanings) for every term found, longest phrase first, left to right."""
    tokens = _WORD.findall(_normalise(text))
    found = []
    i = 0
    while i < len(tokens):
        longest = lexicon.phrase_starts.get(tokens[i], 1)
        for n in range(min(longest, len(tokens) - i), 0, -1):
            words = " ".join(tokens[i : i + n])
            if n == 1:
                meanings = lexicon.memo.get(words)
                if meanings is None:
                    meanings = lexicon.memo[words] = _meanings(lexicon, words)
            else:
                meanings = _meanings(lexicon, words)
            if meanings:
                found.append((words, meanings))
                i += n
                break
        else:
            i += 1
    return found


def find_topics(article: Article, topics: tuple[Topic, ...]) -> TopicResult:
    """One to three topics, primary first."""
    lexicon = _lexicon(topics)
    evidence: list[Evidence] = []
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for zone, text in zones(article):
        factor = LEAD_WEIGHT if zone is Zone.LEAD else 1.0
        for words, meanings in _matches(lexicon, text):
            for term, slug, weight in meanings:
                counts[(term, slug)] += 1
                if counts[(term, slug)] <= MAX_REPEATS:
                    evidence.append(
                        Evidence(
                            target=slug,
                            phrase=words,
                            why=term,
                            zone=zone,
                            weight=weight * factor,
                        )
                    )
    scores: dict[str, float] = defaultdict(float)
    for item in evidence:
        scores[item.target] += item.weight
    by_slug = {t.slug: t for t in topics}
    order = {t.slug: i for i, t in enumerate(topics)}
    ranked = sorted((s for s in scores if scores[s] > 0), key=lambda s: (-scores[s], order[s]))
    if not ranked:
        fallback = tuple(t for t in topics if t.slug == FALLBACK)[:1]
        return TopicResult(fallback, {}, ())
    top = scores[ranked[0]]
    chosen = [s for s in ranked if scores[s] >= top * SECONDARY_SHARE][:MAX_TOPICS]
    return TopicResult(tuple(by_slug[s] for s in chosen), dict(scores), tuple(evidence))


def _normalise(text: str) -> str:
    """Lower case, every number written 0: "103-year-old" matches the term "0-year-old"."""
    return _DIGITS.sub("0", text.lower().replace("’", "'"))


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+(?:['-]\w+)*")
