"""Topics: an article -> one to three IPTC Media Topics, primary first, with the evidence.

In: an article and the topics of site_config/topics.yml, each with weighted words and phrases a
curator edits. Out: the chosen topics and every word that counted. The lexicon is compiled into
one regular expression per run, so scoring an article is one pass over its text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

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
    pattern: re.Pattern[str]
    exact: dict[str, list[tuple[str, float]]]
    """A matched term -> (topic slug, weight) for plain terms."""
    prefixes: list[tuple[str, str, float]]
    """(stem, topic slug, weight) for terms ending in *, longest stem first."""


@lru_cache(maxsize=4)
def _lexicon(topics: tuple[Topic, ...]) -> _Lexicon:
    exact: dict[str, list[tuple[str, float]]] = defaultdict(list)
    prefixes: list[tuple[str, str, float]] = []
    parts = set()
    for topic in topics:
        for term, weight in topic.evidence:
            if term.endswith("*"):
                prefixes.append((term[:-1], topic.slug, weight))
                parts.add(re.escape(term[:-1]) + r"[\w-]*")
            else:
                exact[term].append((topic.slug, weight))
                parts.add(re.escape(term))
    # Longest phrase first: "strikes on" (conflict) must be tried before "strike*" (labour).
    alternation = "|".join(sorted(parts, key=lambda p: (-p.count(" "), -len(p), p)))
    prefixes.sort(key=lambda p: (-len(p[0]), p[0], p[1]))
    return _Lexicon(re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), dict(exact), prefixes)


def _meanings(lexicon: _Lexicon, word: str) -> list[tuple[str, str, float]]:
    """(term, topic, weight) for a matched word: its exact entry, and the stems it starts with."""
    found = [(word, slug, weight) for slug, weight in lexicon.exact.get(word, ())]
    seen = {slug for _, slug, _ in found}
    for stem, slug, weight in lexicon.prefixes:
        # A stem never reaches into a longer phrase: "strikes on" is not "strike*".
        if slug not in seen and word.startswith(stem) and " " not in word[len(stem) :]:
            found.append((stem + "*", slug, weight))
            seen.add(slug)
    return found


def find_topics(article: Article, topics: tuple[Topic, ...]) -> TopicResult:
    """One to three topics, primary first."""
    lexicon = _lexicon(topics)
    evidence: list[Evidence] = []
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for zone, text in zones(article):
        factor = LEAD_WEIGHT if zone is Zone.LEAD else 1.0
        for match in lexicon.pattern.finditer(_normalise(text)):
            for term, slug, weight in _meanings(lexicon, match.group()):
                counts[(term, slug)] += 1
                if counts[(term, slug)] <= MAX_REPEATS:
                    evidence.append(
                        Evidence(
                            target=slug,
                            phrase=match.group(),
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
    return _DIGITS.sub("0", text.lower())


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
