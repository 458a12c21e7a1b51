"""Merge: the same story found more than once -> one article.

In: articles from every dump, in input order. Out: one article per id, its `sources` listing
every occurrence. A teaser shares its full story's id (both hash the opening words of the
body), so the two meet here; the fuller text wins, the sources of both are kept.
"""

from __future__ import annotations

from dataclasses import replace

from generator.model import Article


def merge(articles: list[Article]) -> tuple[list[Article], int]:
    """Collapse articles with the same id. Returns the articles and how many were merged."""
    by_id: dict[str, Article] = {}
    merged = 0
    for article in articles:
        kept = by_id.get(article.id)
        if kept is None:
            by_id[article.id] = article
            continue
        merged += 1
        by_id[article.id] = _combine(kept, article)
    return sorted(by_id.values(), key=_order), merged


def _combine(a: Article, b: Article) -> Article:
    winner, other = (a, b) if _fullness(a) >= _fullness(b) else (b, a)
    sources = tuple(sorted(set(a.sources) | set(b.sources), key=lambda s: (s.dump, s.first)))
    names = tuple(dict.fromkeys(a.source_names + b.source_names))
    dates = [d for d in (a.date, b.date) if d is not None]
    return replace(
        winner,
        sources=sources,
        source_names=names,
        date=min(dates) if dates else None,
        kicker=winner.kicker or other.kicker,
        deck=winner.deck or other.deck,
        photo_credits=tuple(dict.fromkeys(winner.photo_credits + other.photo_credits)),
    )


def _fullness(article: Article) -> tuple[bool, int]:
    return (not article.truncated, sum(len(p) for p in article.paragraphs))


def _order(article: Article) -> tuple[str, str, int]:
    first = article.first_source
    return (first.dump, f"{first.first:09d}", 0)
