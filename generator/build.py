"""build(): ingest -> segment -> extract -> classify -> merge -> curate -> render -> write.

Reads top to bottom like the pipeline it runs: gather everything in memory, then write once.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from generator import parallel, permalinks
from generator.cache import Stories, StoryCache, dump_key
from generator.classify import classify
from generator.classify.geography import gazetteer_from_config
from generator.classify.places import Gazetteer
from generator.config import SiteConfig
from generator.curate import curate
from generator.errors import InputError
from generator.extract import extract
from generator.ingest import find_dumps, ingest
from generator.merge import merge
from generator.model import Article, AuditEntry, Dump, Page
from generator.render import Renderer, fewer_collections, render
from generator.segment import segment
from generator.write import Seen, WriteReport, write

T = TypeVar("T")

PARALLEL_MIN_DUMPS = 16
"""Fewer dumps than this to read take about a second: starting workers would cost more."""
CHUNK = 4
"""Dumps handed to a worker at a time: fewer round trips, and still an even split of the work
(the last chunk of a cold run keeps one worker busy alone)."""


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
    reusable: dict[bytes, bytes] = field(default_factory=dict)
    """The pages by render's keys, for the page cache (`generate` stores them while it
    writes the tree); empty without a cache."""

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
    cache: StoryCache | None = None,
    jobs: int = 1,
) -> Plan:
    """Run every stage but write: what `check` reports and `generate` writes.

    `known` maps article ids to the paths they were published under, which never change.
    `cache` holds the stories of dumps read before; `jobs` processes read the others. Neither
    changes the plan: the stories come back in dump order whoever made them.
    """
    gazetteer = gazetteer_for(config)
    articles: list[Article] = []
    audit: list[AuditEntry] = []
    with ExitStack() as stack:
        readers = _readers(dumps_path, config, gazetteer, stack, cache, jobs)
        try:
            dumps = ingest(dumps_path)
        except InputError as err:
            # Report a broken curation file in the same breath as a broken dump.
            raise InputError(err.problems + list(config.curation.problems)) from None
        results = read_stories(dumps, readers, cache)
        for _, (found, unassigned) in zip(
            progress.track(dumps, "Reading dumps"), results, strict=True
        ):
            articles.extend(found)
            audit.extend(unassigned)
    merged_articles, merged = merge(articles)
    curated = curate(merged_articles, config.curation, config.topics, gazetteer)
    with progress.stage("Rendering pages"):
        pages, reusable = _rendered(curated, config, gazetteer, known, jobs, cache)
    return Plan(
        dumps=len(dumps),
        lines=sum(len(d.lines) for d in dumps),
        articles=curated,
        merged=merged,
        audit=audit,
        pages=pages,
        reusable=reusable,
    )


def stories_of(
    dump: Dump, config: SiteConfig, gazetteer: Gazetteer
) -> tuple[list[Article], list[AuditEntry]]:
    """One dump's classified articles, and the lines that went into none (segment ->
    extract -> classify)."""
    segmentation = segment(dump)
    articles = [classify(extract(span), config, gazetteer) for span in segmentation.spans]
    return articles, list(segmentation.audit)


def _readers(
    dumps_path: Path,
    config: SiteConfig,
    gazetteer: Gazetteer,
    stack: ExitStack,
    cache: StoryCache | None,
    jobs: int,
) -> parallel.Workers:
    """The processes that make the stories of the dumps the cache lacks (`jobs` of them when
    there are many dumps; they live as long as `stack`). They fork before the dumps are
    read, and so before any progress bar starts its drawing thread; meanwhile each builds
    the gazetteer's phrase table if the cache lacks it (`StoryCache.prime`: half a second).
    (With the table stored, the first dump a reader gets loads it: most runs read no dump.)"""
    try:
        many = len(find_dumps(dumps_path)) >= PARALLEL_MIN_DUMPS
    except InputError:  # ingest reports it
        many = False
    if cache is None:
        read = functools.partial(_stories, config=config, gazetteer=gazetteer)
        return parallel.Workers(read, jobs if many else 1, stack)
    store = functools.partial(_entry, config=config, gazetteer=gazetteer, cache=cache)
    ready = None if cache.has_table() else functools.partial(cache.prime, gazetteer)
    return parallel.Workers(store, jobs if many else 1, stack, ready)


def read_stories(
    dumps: list[Dump], readers: parallel.Workers, cache: StoryCache | None = None
) -> Iterator[Stories]:
    """Every dump's stories, in dump order: from the cache where it has them, the others made
    now by the `readers`."""
    keys = [dump_key(dump) if cache else "" for dump in dumps]
    stored = [cache.get(d, k) if cache else None for d, k in zip(dumps, keys, strict=True)]
    missing = [(d, k) for d, k, s in zip(dumps, keys, stored, strict=True) if s is None]
    made = readers.imap(missing, chunksize=CHUNK)
    return _in_order(stored, map(cache.adopt, made) if cache else made)


def _in_order(stored: list[Stories | None], made: Iterator[Stories]) -> Iterator[Stories]:
    """The stored stories, with the gaps filled from `made` (which follows dump order)."""
    for stories in stored:
        yield next(made) if stories is None else stories


def _stories(item: tuple[Dump, str], config: SiteConfig, gazetteer: Gazetteer) -> Stories:
    return stories_of(item[0], config, gazetteer)


def _entry(
    item: tuple[Dump, str], config: SiteConfig, gazetteer: Gazetteer, cache: StoryCache
) -> bytes:
    """A dump's stories as their cache entry, made and stored where they were made (a
    worker, when there are many): see `StoryCache.entry`."""
    dump, key = item
    cache.prime(gazetteer)  # the table classify needs, once a process
    return cache.entry(key, stories_of(dump, config, gazetteer))


def pages_of(
    curated: list[Article],
    config: SiteConfig,
    gazetteer: Gazetteer,
    known: dict[str, str] | None = None,
    jobs: int = 1,
    cache: StoryCache | None = None,
) -> list[Page]:
    """The pages of the curated articles. Hidden ones never reach render: no page, listing,
    feed or search entry can show them. With a cache, article pages whose inputs did not
    change since the last run are reused instead of rendered again."""
    return _rendered(curated, config, gazetteer, known, jobs, cache)[0]


def _rendered(
    curated: list[Article],
    config: SiteConfig,
    gazetteer: Gazetteer,
    known: dict[str, str] | None,
    jobs: int,
    cache: StoryCache | None,
) -> tuple[list[Page], dict[bytes, bytes]]:
    """`pages_of`, and the same pages by render's keys for the page cache (none without)."""
    visible = [a for a in curated if not a.hidden]
    if cache is None:
        return render(config, gazetteer, visible, known, jobs), {}
    digests = {a.id: d for a in visible if (d := cache.digest(a)) is not None}
    with fewer_collections():
        renderer = Renderer(config, gazetteer, visible, known, jobs, cache.pages.load(), digests)
        pages = renderer.render()
    return pages, renderer.reusable(pages)


def generate(
    dumps_path: Path,
    out: Path,
    config: SiteConfig,
    progress: Progress = SILENT,
    cache: StoryCache | None = None,
    jobs: int = 1,
    seen: Seen | None = None,
) -> tuple[Plan, WriteReport]:
    """Plan the site, then write the content tree (`seen`: see `write`) and, beside it, the
    page cache (pickling ~80 MB of pages at 10,000 stories: a forked process does it while
    the tree is written)."""
    result = plan(dumps_path, config, progress, permalinks.load(out), cache, jobs)
    keep = (
        parallel.beside(functools.partial(cache.pages.put, result.reusable), jobs)
        if cache
        else nullcontext()
    )
    with keep, progress.stage("Writing the content tree"):
        return result, write(result.pages, out, seen, cache.spare if cache else None, jobs)
