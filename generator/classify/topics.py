"""Topic evidence: weighted words and phrases from site_config/topics.yml, lead weighted up."""

from __future__ import annotations

import re

from generator.config import Topic
from generator.model import Article

MAX_TOPICS = 3
LEAD_WEIGHT = 2.0
"""Words in the title and lead say more about a story than a passing mention further down."""
SECONDARY_SHARE = 0.35
"""A secondary topic needs at least this share of the primary topic's score."""
FALLBACK = "society"


def find_topics(article: Article, topics: tuple[Topic, ...]) -> tuple[Topic, ...]:
    """One to three topics, primary first."""
    lead = " ".join([article.title, article.deck or "", *article.paragraphs[:1]]).lower()
    rest = " ".join(article.paragraphs[1:]).lower()
    scores = {t.slug: _score(t, lead) * LEAD_WEIGHT + _score(t, rest) for t in topics}
    ranked = sorted((s, slug) for slug, s in scores.items() if s > 0)
    ranked.sort(key=lambda pair: (-pair[0], pair[1]))
    if not ranked:
        return tuple(t for t in topics if t.slug == FALLBACK)[:1]
    top = ranked[0][0]
    chosen = [slug for score, slug in ranked if score >= top * SECONDARY_SHARE][:MAX_TOPICS]
    by_slug = {t.slug: t for t in topics}
    return tuple(by_slug[s] for s in chosen)


def _score(topic: Topic, text: str) -> float:
    # The substring test is a cheap exact pre-filter: a term absent from the text scores 0
    # without a regex scan (most terms are absent from most articles).
    return sum(
        weight * len(re.findall(rf"\b{re.escape(term)}\b", text))
        for term, weight in topic.evidence
        if term in text
    )
