"""Curate: apply the decisions in site_config/curation.yml to the machine's articles.

In: merged articles, the validated `Curation`, the site's topics and the gazetteer. Out: the
same articles, in the same order, with a curator's title, summary, topics, countries, date,
note, pin and hide applied; `iptc` follows the topics and `regions` follow the countries, and
`edited` names every field whose value the curator actually changed, for the page's notice.

Curate never invents or drops an article: an id it does not know is an error (with the
closest known id), reported together with every other problem in curation.yml, unless the
articles are only part of the archive (`partial`). An id a story of the content tree had (a
published page's, or a hidden story's) that no story has now is a warning instead: its dump
was removed, which unpublishes its stories, and that must not stop every build.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import replace

from generator.classify.places import Gazetteer
from generator.config import Topic
from generator.curation import Curation, Decision
from generator.errors import ConfigError, Problem, closest, did_you_mean
from generator.model import Article, TitleSource

log = logging.getLogger(__name__)

EDITABLE = ("title", "summary", "topics", "countries", "date")
"""Fields whose change the page announces ("A curator edited this story's date.")."""


def curate(
    articles: list[Article],
    curation: Curation,
    topics: tuple[Topic, ...],
    gazetteer: Gazetteer,
    partial: bool = False,
    retired: Collection[str] = frozenset(),
) -> list[Article]:
    """Apply per-article decisions keyed by article id; raise every curation problem at once.

    `partial`: the articles are some of the archive's (`explain` on one new dump), so a
    decision about another story is no error. `retired`: ids the content tree knew that no
    story has now; a decision about one is warned about."""
    known = {a.id for a in articles}
    problems = list(curation.problems)
    if not partial:
        for decision in (d for d in curation.decisions if d.id not in known):
            if decision.id in retired:
                log.warning("warning: %s", _retired_id(curation, decision))
            else:
                problems.append(_unknown_id(curation, decision, known))
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: p.sort_key))
    by_id = {d.id: d for d in curation.decisions}
    qcodes = {t.slug: t.qcode for t in topics}
    return [_apply(a, by_id[a.id], qcodes, gazetteer) if a.id in by_id else a for a in articles]


def _unknown_id(curation: Curation, decision: Decision, known: set[str]) -> Problem:
    hint = did_you_mean(closest(decision.id, known))
    return Problem(
        curation.path,
        decision.line,
        f"no article has id '{decision.id}'{hint}; ids are in each page's front matter",
    )


def _retired_id(curation: Curation, decision: Decision) -> Problem:
    return Problem(
        curation.path,
        decision.line,
        f"no story has id '{decision.id}' any more (its dump was removed, or the story "
        "changed); the entry does nothing and can be deleted",
    )


def _apply(
    article: Article, decision: Decision, qcodes: dict[str, str], gazetteer: Gazetteer
) -> Article:
    changes: dict[str, object] = {}
    if decision.title is not None and decision.title != article.title:
        changes["title"] = decision.title
        changes["title_source"] = TitleSource.CURATOR
    if decision.summary is not None and decision.summary != article.summary:
        changes["summary"] = decision.summary
    if decision.topics is not None and decision.topics != article.topics:
        changes["topics"] = decision.topics
        changes["iptc"] = tuple(dict.fromkeys(qcodes[s] for s in decision.topics))
    if decision.countries is not None and decision.countries != article.countries:
        changes["countries"] = decision.countries
        regions = (gazetteer.subregion_slug(c) for c in decision.countries)
        changes["regions"] = tuple(dict.fromkeys(regions))
    if decision.date is not None and decision.date != article.date:
        changes["date"] = decision.date
    edited = tuple(k for k in EDITABLE if k in changes)
    return replace(
        article,
        **changes,
        note=decision.note if decision.note is not None else article.note,
        pinned=decision.pin,
        hidden=decision.hide,
        edited=edited,
    )
