"""build(): ingest -> segment -> extract -> classify -> merge -> curate -> render -> write.

Reads top to bottom like the pipeline it runs: gather everything in memory, then write once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from generator import permalinks
from generator.classify import classify
from generator.classify.geography import gazetteer_from_config
from generator.classify.places import Gazetteer
from generator.config import SiteConfig
from generator.curate import curate
from generator.errors import InputError
from generator.extract import extract
from generator.ingest import ingest
from generator.merge import merge
from generator.model import Article, AuditEntry, Dump, Page
from generator.render import render
from generator.segment import segment
from generator.write import WriteReport, write

T = TypeVar("T")


class Progress(Protocol):
    """How a run reports progress. Build calls it and never draws anything itself; the
    command line decides whether a bar is shown (a terminal, a long run) or nothing."""

    def track(self, items: Sequence[T], label: str) -> Iterable[T]:
        """Yield `items`, showing how far through them the run is."""
        ...

    def stage(self, label: str) -> AbstractContextManager[object]:
        """Show that a stage without countable steps (render, write) is running."""
        ...


class NoProgress:
    """Shows nothing: the default, for tests and when output is not a terminal."""

    def track(self, items: Sequence[T], label: str) -> Iterable[T]:
        return items

    def stage(self, label: str) -> AbstractContextManager[object]:
        return nullcontext()


SILENT = NoProgress()


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything a run decided, before anything is written."""

    dumps: int
    lines: int
    articles: list[Article]
    """Every article after curation, hidden ones included (they are counted, not published)."""
    merged: int
    audit: list[AuditEntry]
    pages: list[Page]

    @property
    def hidden(self) -> int:
        return sum(a.hidden for a in self.articles)


def gazetteer_for(config: SiteConfig) -> Gazetteer:
    return gazetteer_from_config(config)


def plan(
    dumps_path: Path,
    config: SiteConfig,
    progress: Progress = SILENT,
    known: dict[str, str] | None = None,
) -> Plan:
    """Run every stage but write: what `check` reports and `generate` writes.

    `known` maps article ids to the paths they were published under, which never change.
    """
    try:
        dumps = ingest(dumps_path)
    except InputError as err:
        # Report a broken curation file in the same breath as a broken dump.
        raise InputError(err.problems + list(config.curation.problems)) from None
    gazetteer = gazetteer_for(config)
    articles: list[Article] = []
    audit: list[AuditEntry] = []
    for dump in progress.track(dumps, "Reading dumps"):
        found, unassigned = stories_of(dump, config, gazetteer)
        articles.extend(found)
        audit.extend(unassigned)
    merged_articles, merged = merge(articles)
    curated = curate(merged_articles, config.curation, config.topics, gazetteer)
    with progress.stage("Rendering pages"):
        pages = pages_of(curated, config, gazetteer, known)
    return Plan(
        dumps=len(dumps),
        lines=sum(len(d.lines) for d in dumps),
        articles=curated,
        merged=merged,
        audit=audit,
        pages=pages,
    )


def stories_of(
    dump: Dump, config: SiteConfig, gazetteer: Gazetteer
) -> tuple[list[Article], list[AuditEntry]]:
    """One dump's classified articles, and the lines that went into none (segment ->
    extract -> classify)."""
    segmentation = segment(dump)
    articles = [classify(extract(span), config, gazetteer) for span in segmentation.spans]
    return articles, list(segmentation.audit)


def pages_of(
    curated: list[Article],
    config: SiteConfig,
    gazetteer: Gazetteer,
    known: dict[str, str] | None = None,
) -> list[Page]:
    """The pages of the curated articles. Hidden ones never reach render: no page, listing,
    feed or search entry can show them."""
    return render(config, gazetteer, [a for a in curated if not a.hidden], known)


def generate(
    dumps_path: Path, out: Path, config: SiteConfig, progress: Progress = SILENT
) -> tuple[Plan, WriteReport]:
    """Plan the site, then write the content tree."""
    result = plan(dumps_path, config, progress, permalinks.load(out))
    with progress.stage("Writing the content tree"):
        return result, write(result.pages, out)
