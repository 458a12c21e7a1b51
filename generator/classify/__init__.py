"""Classify: an `Article` -> the same article with topics, places and names filled in.

In: extracted articles, the validated site config and the run's gazetteer. Out: new articles
(never mutated) with `iptc`, `topics`, `countries`, `regions`, `people` and `organizations`.
Pure: no file or network access; every vocabulary comes from site_config/ or an offline data
package loaded once per run. `explain` gives the evidence behind the same decision.

    topics.py     IPTC Media Topics from the weighted lexicon in site_config/topics.yml
    wordmodel.py  per-topic word weights learnt from Wikinews (generator/data/), added to it
    places.py     countries (focus first) from names, demonyms, cities, institutions, datelines
    geography.py  site_config/geography.yml -> the gazetteer, validated
    entities.py   people and organisations
    explain.py    the decision and its evidence, for `python -m generator explain`
"""

from __future__ import annotations

from dataclasses import replace

from generator.classify.entities import find_organizations, find_people
from generator.classify.evidence import zones
from generator.classify.places import Gazetteer, find_places
from generator.classify.topics import find_topics
from generator.config import SiteConfig
from generator.model import Article


def classify(article: Article, config: SiteConfig, gazetteer: Gazetteer) -> Article:
    """Fill an article's topics, countries, regions, people and organisations."""
    parts = zones(article)  # topics and places read the same zones
    topics = find_topics(article, config.topics, parts=parts).topics
    primary = topics[0].slug if topics else None
    countries = find_places(article, gazetteer, primary, parts).countries
    regions = tuple(dict.fromkeys(gazetteer.subregion_slug(c) for c in countries))
    return replace(
        article,
        topics=tuple(t.slug for t in topics),
        iptc=tuple(dict.fromkeys(t.qcode for t in topics)),
        countries=countries,
        regions=regions,
        people=find_people(article),
        organizations=find_organizations(article),
    )
