"""Classify: an `Article` -> the same article with topics, countries and regions filled in.

In: extracted articles and the validated site config. Out: new articles (never mutated) with
`iptc`, `topics`, `countries`, `regions`, `people` and `organizations`. Pure: no file or
network access; every vocabulary comes from site_config/ or an offline data package.
"""

from __future__ import annotations

from dataclasses import replace

from generator.classify.places import Gazetteer, find_countries
from generator.classify.topics import find_topics
from generator.config import SiteConfig
from generator.model import Article


def classify(article: Article, config: SiteConfig, gazetteer: Gazetteer) -> Article:
    """Fill an article's topics, countries and regions."""
    topics = find_topics(article, config.topics)
    countries = find_countries(article, gazetteer)
    regions = tuple(dict.fromkeys(gazetteer.subregion_slug(c) for c in countries))
    return replace(
        article,
        topics=tuple(t.slug for t in topics),
        iptc=tuple(dict.fromkeys(t.qcode for t in topics)),
        countries=countries,
        regions=regions,
    )
