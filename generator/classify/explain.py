"""Explain: why classify put an article into its topics and countries, as plain text.

In: an article, the site config and the gazetteer. Out: lines a curator reads: for each topic
and country, its score and the words that earned it (where they were found, and what weight).
Runs the same functions as `classify`, so the explanation cannot drift from the decision.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from generator import permalinks
from generator.build import gazetteer_for, plan
from generator.classify import classify
from generator.classify.evidence import Evidence
from generator.classify.places import Gazetteer, find_places
from generator.classify.topics import find_topics
from generator.config import SiteConfig
from generator.errors import InputError, Problem
from generator.model import Article

MAX_LISTED = 5
"""Candidates shown per section: the chosen ones and the nearest runners-up."""
MODEL_WORDS_LISTED = 6
"""Word-model clues are many small ones: show their sum and the strongest few."""


def explain(article: Article, config: SiteConfig, gazetteer: Gazetteer) -> list[str]:
    """The decision for one article and the evidence behind it, one line per fact."""
    done = classify(article, config, gazetteer)
    topics = find_topics(article, config.topics)
    places = find_places(article, gazetteer, done.topics[0] if done.topics else None)
    source = article.first_source
    lines = [
        f"{article.id}  {source.dump}:{source.first}-{source.last}  {article.title}",
        f"  topics:    {', '.join(done.topics) or '-'}   iptc: {', '.join(done.iptc) or '-'}",
        f"  countries: {', '.join(done.countries) or '-'}   regions: "
        f"{', '.join(done.regions) or '-'}",
    ]
    if done.people:
        lines.append(f"  people: {'; '.join(done.people)}")
    if done.organizations:
        lines.append(f"  organizations: {'; '.join(done.organizations)}")
    lines.append("  topic evidence (x2 in the lead; model = word weights learnt from Wikinews):")
    lines += _section(topics.scores, topics.evidence, set(done.topics))
    lines.append("  country evidence (dateline, lead x2, kind of clue):")
    lines += _section(places.scores, places.evidence, set(done.countries))
    return lines


def explain_dumps(
    dumps_path: Path, config: SiteConfig, only_id: str | None = None, tree: Path | None = None
) -> list[str]:
    """The explanation of every story in the dumps (or of the one with `only_id`).

    `tree` is the published content tree: its ids are the ones pages and curation.yml show,
    which a story keeps when its own opening words (and so its hash) have changed since.
    The dumps may be a new one not yet in the archive: curation.yml's decisions about other
    stories are then no error."""
    known = permalinks.load(tree) if tree is not None else None
    result = plan(dumps_path, config, known=known, tree=tree, partial=True)
    gazetteer = gazetteer_for(config)
    chosen = [a for a in result.articles if only_id in (None, a.id)]
    if not chosen:
        # Without --id every story is wanted: none found means the dumps hold none.
        missing = "no story in the dumps" if only_id is None else f"no story with id '{only_id}'"
        raise InputError([Problem(dumps_path, None, missing)])
    return [line for a in chosen for line in [*explain(a, config, gazetteer), ""]]


def _section(scores: dict[str, float], evidence: tuple[Evidence, ...], chosen: set[str]):
    by_target: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_target[item.target].append(item)
    ranked = sorted(scores, key=lambda t: (-scores[t], t))[:MAX_LISTED]
    if not ranked:
        return ["    (no evidence)"]
    lines = []
    for target in ranked:
        mark = "*" if target in chosen else " "
        clues = [e for e in by_target[target] if e.why != "model"]
        text = ", ".join(f"{e.phrase!r} {e.zone.value} {e.why} {e.weight:g}" for e in clues)
        lines.append(f"  {mark} {target:<18} {scores[target]:6.2f}  {text}")
        learnt = [e for e in by_target[target] if e.why == "model"]
        if learnt:
            lines.append(_model_line(learnt))
    return lines


def _model_line(learnt: list[Evidence]) -> str:
    strongest = sorted(learnt, key=lambda e: (-e.weight, e.phrase, e.zone.value))
    words = ", ".join(
        f"{e.phrase!r} {e.zone.value} {e.weight:.2f}" for e in strongest[:MODEL_WORDS_LISTED]
    )
    total = sum(e.weight for e in learnt)
    return f"{'':23}model {total:.2f} from {len(learnt)} words: {words}"
