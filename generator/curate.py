"""Curate: apply the decisions in site_config/curation.yml to the machine's articles.

In: merged articles and the raw curation mapping. Out: articles with a curator's title,
topics, countries, date, note, pin and hide applied, and `edited` naming what changed.
Curate never invents an article: an id it does not know is an error, not a new page.
"""

from __future__ import annotations

from dataclasses import replace

from generator.model import Article, TitleSource


def curate(articles: list[Article], decisions: dict) -> list[Article]:
    """Apply per-article decisions keyed by article id."""
    entries = (decisions or {}).get("articles") or {}
    return [_apply(a, entries.get(a.id) or {}) for a in articles]


def _apply(article: Article, entry: dict) -> Article:
    if not entry:
        return article
    changes: dict = {}
    if "title" in entry:
        changes["title"] = str(entry["title"])
        changes["title_source"] = TitleSource.CURATOR
    for key in ("topics", "countries"):
        if key in entry:
            changes[key] = tuple(str(v) for v in entry[key])
    for key in ("date", "note"):
        if key in entry:
            changes[key] = entry[key]
    changes["pinned"] = bool(entry.get("pin", False))
    changes["hidden"] = bool(entry.get("hide", False))
    edited = tuple(k for k in ("title", "topics", "countries", "date") if k in entry)
    return replace(article, **changes, edited=edited)
