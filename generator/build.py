"""build(): ingest -> segment -> extract -> classify -> merge -> curate -> render -> write.

Reads top to bottom like the pipeline it runs: gather everything in memory, then write once.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
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
from generator.dump_index import Known, Stamp, stamp
from generator.errors import ConfigError, InputError, Problem
from generator.ingest import blank, find_dumps, read_dump, skipped, undated
from generator.merge import merge
from generator.model import Article, AuditEntry, Dump, Page
from generator.render import Renderer, fewer_collections, render
from generator.write import Seen, WriteReport, recover, write

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
    related_state: object = None
    """The related stories' state, kept beside them (None without a cache)."""

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
    tree: Path | None = None,
    partial: bool = False,
) -> Plan:
    """Run every stage but write: what `check` reports and `generate` writes.

    `known` maps article ids to the paths they were published under, which never change;
    `tree` is the content tree they are in (see `permalinks.continued`).
    `cache` holds the stories of dumps read before; `jobs` processes read the dumps and make
    the stories the cache lacks. Neither changes the plan: the stories come back in dump
    order whoever made them. `partial`: the dumps are not the whole archive (`curate`).
    """
    gazetteer = gazetteer_for(config)
    try:
        paths = find_dumps(dumps_path)
    except InputError as err:
        raise InputError(err.problems + list(config.curation.problems)) from None
    found = _read_dumps(paths, config, gazetteer, progress, cache, jobs)
    if found.problems:
        # Report a broken curation file in the same breath as a broken dump.
        raise InputError(found.problems + list(config.curation.problems))
    if not found.articles and not partial and tree is not None:
        _refuse_emptying(dumps_path, tree)
    hidden = permalinks.load_hidden(tree) if tree is not None else {}
    pages = permalinks.Pages(tree, known, hidden) if known and tree is not None else None
    with _frozen():
        merged_articles, merged, continued = _merged(found.articles, pages)
        retired = _retired(merged_articles, known, hidden)
        if dumps_path.is_file() and not partial and pages is not None:
            _refuse_narrowing(dumps_path, pages, retired)
        curated = curate(
            merged_articles, config.curation, config.topics, gazetteer, partial, retired
        )
        with progress.stage("Rendering pages"):
            pages, reusable, state = _rendered(curated, config, gazetteer, known, jobs, cache)
    hidden_record = permalinks.hidden_page(curated, _still_named(hidden, retired, config))
    records = [r for r in (continued, hidden_record) if r is not None]
    if records:  # the permalink map's companions, beside it at the top of the tree
        pages = sorted([*pages, *records], key=lambda page: page.path)
    return Plan(
        dumps=found.dumps,
        lines=found.lines,
        articles=curated,
        merged=merged,
        audit=found.audit,
        pages=pages,
        reusable=reusable,
        related_state=state,
    )


def _refuse_emptying(dumps_path: Path, tree: Path) -> None:
    """Raise InputError when the content tree publishes articles: dumps that hold no story
    at all (an empty or wrong folder, a mount not there yet) would unpublish every one."""
    published = sum(1 for _ in (tree / "articles").rglob("*.md"))
    if published:
        reason = (
            f"no story in any dump, while {tree} publishes {published} articles that a run "
            f"would remove; name the dumps folder the site is built from, or delete {tree} "
            "first to empty the site"
        )
        raise InputError([Problem(dumps_path, None, reason)])


def _refuse_narrowing(dump: Path, pages: permalinks.Pages, retired: set[str]) -> None:
    """Raise InputError when a run over one dump file would unpublish stories that other
    dumps hold: `--dumps new.txt --out content` makes a tree of that dump's stories alone."""
    places = (pages.began(i) for i in retired)
    others = sum(1 for place in places if place is not None and place[0] != dump.name)
    if others:
        reason = (
            f"--dumps names one file, and the run would remove {others} stories of other dumps "
            f"that {pages.tree} publishes; put the file in the dumps folder and name the folder, "
            "or name another --out to see this dump's stories alone"
        )
        raise InputError([Problem(dump, None, reason)])


@dataclass(slots=True)
class _DumpsRead:
    """What the dumps of a run held: their stories and unassigned lines, in dump order, and
    how many dumps and lines gave them; or the problems that stop the run."""

    articles: list[Article] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dumps: int = 0
    lines: int = 0


def _read_dumps(
    paths: list[Path],
    config: SiteConfig,
    gazetteer: Gazetteer,
    progress: Progress,
    cache: StoryCache | None,
    jobs: int,
) -> _DumpsRead:
    """Every dump's stories loaded here in dump order: those the cache's dump index vouches
    for straight from the cache, the others read first (`read`: by `jobs` reader processes
    when there are many, see `_readers`); after a first problem, only the problems of the
    remaining dumps are collected. The dump index is then kept for the next run, and the
    cache's entries of dumps it no longer names dropped."""
    found = _DumpsRead()
    keys: set[str] = set()
    unchanged = _unchanged(paths, cache)
    unread = [path for n, path in enumerate(paths) if n not in unchanged]
    kept: dict[Path, Known] = {}
    with ExitStack() as stack:
        readers = _readers(len(unread), len(paths), config, gazetteer, stack, cache, jobs)
        if readers.pool is None and unread:  # stories made here: the collector finds garbage
            reads = readers.imap(unread)
        else:  # this only loads stories: ~10^5 objects that are never garbage (0.36 s of
            # collector passes in a 10k run that reads no dump)
            stack.enter_context(parallel.collector_paused())
            reads = readers.imap(unread, chunksize=CHUNK)
        if readers.pool is not None and cache is not None:
            cache.keep_table(gazetteer)  # built before the readers forked; they are busy now
        for n, path in enumerate(progress.track(paths, "Reading dumps")):
            if n in unchanged:  # the readers are at work meanwhile
                result = _vouched(path, unchanged[n], config, gazetteer, cache)
            else:
                result = next(reads)
            if result.problems:
                found.problems.extend(result.problems)
            elif result.blank:
                skipped(path)
            elif not found.problems:  # stories of a run that stops are never looked at
                _add_stories(found, result, path, config, gazetteer, cache)
            if (entry := _known(result)) is not None:
                kept[path] = entry
            keys.add(result.key)
    if cache is not None and not found.problems:
        cache.keep_index(kept, keys)
    return found


def _add_stories(
    found: _DumpsRead,
    result: Read,
    path: Path,
    config: SiteConfig,
    gazetteer: Gazetteer,
    cache: StoryCache | None,
) -> None:
    """Add the stories and unassigned lines of one dump read without a problem."""
    if result.undated:
        undated(path)
    stories, unassigned = _stories_read(result, path, config, gazetteer, cache)
    found.articles.extend(stories)
    found.audit.extend(unassigned)
    found.dumps += 1
    found.lines += result.lines


def _known(result: Read) -> Known | None:
    """The dump index's entry for a reading: none where the dump had a problem, or changed
    while it was read (no stamp), so that the next run reads it again."""
    if result.problems or result.stamp is None:
        return None
    if result.blank:
        return Known(result.stamp, "", 0, False, blank=True)
    return Known(result.stamp, result.key, result.lines, result.undated)


def _unchanged(paths: list[Path], cache: StoryCache | None) -> dict[int, Known]:
    """The dumps (by number) the cache's dump index vouches for: unchanged since a run read
    them (only their files' stamps are looked at: the readers start on the others first)."""
    if cache is None:
        return {}
    found = ((n, cache.index.known(path)) for n, path in enumerate(paths))
    return {n: known for n, known in found if known is not None}


def _vouched(
    path: Path, known: Known, config: SiteConfig, gazetteer: Gazetteer, cache: StoryCache | None
) -> Read:
    """What reading the unchanged dump would give, from the cache, without reading it; read
    here after all if its entry is gone."""
    if known.blank:
        return Read(blank=True, stamp=known.stamp)
    entry = cache.stored(known.key) if cache is not None else None
    if entry is None:
        return read(path, config, gazetteer, cache)
    return Read(
        lines=known.lines,
        undated=known.undated,
        key=known.key,
        entry=entry,
        stored=True,
        stamp=known.stamp,
    )


def _merged(
    articles: list[Article], pages: permalinks.Pages | None
) -> tuple[list[Article], int, Page | None]:
    """`merge`, which keeps published ids; then the pages of stories whose id changed under
    them go on (`permalinks.going_on`), and the record of those that did, for the tree.
    `pages`: the content tree's published pages and hidden stories (None: no tree)."""
    if pages is None:
        return *merge(articles), None
    claims = permalinks.claims(articles, pages)
    merged, folded = merge(articles, pages.known.keys(), pages.began, claims)
    going_on, found = permalinks.going_on(merged, pages)
    return going_on, folded, permalinks.continued_page(_by_words(found, merged))


def _retired(
    articles: list[Article], known: dict[str, str] | None, hidden: permalinks.Hidden
) -> set[str]:
    """The ids the content tree knew (published or hidden stories') that no story has now."""
    return (set(known or ()) | set(hidden)) - {a.id for a in articles}


def _still_named(
    hidden: permalinks.Hidden, retired: set[str], config: SiteConfig
) -> permalinks.Hidden:
    """The hidden stories gone with their dumps that curation.yml still names: they stay in
    the record, so the next run warns about their entries again instead of refusing them as
    unknown ids."""
    named = {d.id for d in config.curation.decisions}
    return {i: entry for i, entry in hidden.items() if i in retired and i in named}


def _by_words(found: dict[str, str], merged: list[Article]) -> dict[str, str]:
    """The stories `going_on` found whose id hashes their opening words (a corrected story):
    a later run knows them by those words. An id merge made to tell stories that open alike
    apart also hashes which ids were taken, so it can differ from run to run (and `going_on`
    then finds its page again by place): recorded, it would change the tree of a rerun."""
    from generator.extract import article_id  # imported where used, as in `extracted_of`

    return {
        a.id: found[a.id]
        for a in merged
        if a.id in found and a.id == article_id(a.paragraphs or (a.summary,))
    }


@contextmanager
def _frozen() -> Iterator[None]:
    """What the process holds now (the stories, the config) kept out of the collector's
    passes while the block runs: merge and render would scan them again and again, and so
    would every worker render forks (copying the memory pages it shares with this process)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def stories_of(dump: Dump, config: SiteConfig, gazetteer: Gazetteer) -> Stories:
    """One dump's classified articles, and the lines that went into none (segment ->
    extract -> classify)."""
    return classified(extracted_of(dump), config, gazetteer)


def extracted_of(dump: Dump) -> Stories:
    """One dump's articles as extract makes them, not yet classified, and the lines that went
    into none (segment -> extract)."""
    # Imported here, where they are used: a run whose dumps are in the cache makes no story,
    # and one that adds a dump makes them in a reader process, after the fork (0.1-0.2 s of
    # every such run's start, in the process the run waits on).
    from generator.extract import extract
    from generator.segment import segment

    segmentation = segment(dump)
    return [extract(span) for span in segmentation.spans], list(segmentation.audit)


def classified(extracted: Stories, config: SiteConfig, gazetteer: Gazetteer) -> Stories:
    """`extracted_of`'s articles classified (the audit as it was)."""
    articles, audit = extracted
    return [classify(article, config, gazetteer) for article in articles], audit


@dataclass(frozen=True, slots=True)
class Read:
    """What a reader made of one dump file: its problems, or that it is blank, or its line
    count and its stories (with a cache, as an entry's bytes: stored before, or made now)."""

    problems: tuple[Problem, ...] = ()
    blank: bool = False
    undated: bool = False
    """Neither its name nor a sidecar gives the dump a date."""
    lines: int = 0
    key: str = ""
    """The dump's `dump_key` (with a cache)."""
    stories: Stories | None = None
    """Without a cache."""
    entry: bytes | None = None
    stored: bool = False
    """Whether `entry` was read from the cache (unchecked) rather than made by this run."""
    stamp: Stamp | None = None
    """The dump's files' stamp before they were read, for the dump index (with a cache)."""


def read(path: Path, config: SiteConfig, gazetteer: Gazetteer, cache: StoryCache | None) -> Read:
    """One dump file read, decoded and keyed, and its stories: from the cache's entry where it
    has one, else made now (see `StoryCache.entry`). Runs in a reader process when there are
    many dumps: the parent then only loads what the readers hand it."""
    stamped = stamp(path) if cache is not None else None
    try:
        dump = read_dump(path)
    except (InputError, ConfigError) as err:
        return Read(problems=tuple(err.problems))
    if blank(dump):
        return Read(blank=True, stamp=stamped)
    done = functools.partial(
        Read, lines=len(dump.lines), undated=dump.meta.date is None, stamp=stamped
    )
    if cache is None:
        return done(stories=stories_of(dump, config, gazetteer))
    key = dump_key(dump)
    if (data := cache.stored(key)) is not None:
        return done(key=key, entry=data, stored=True)
    extracted = _extracted(dump, key, cache)
    cache.prime(gazetteer)  # the table classify needs, once a process
    return done(key=key, entry=cache.entry(key, classified(extracted, config, gazetteer)))


def _extracted(dump: Dump, key: str, cache: StoryCache) -> Stories:
    """What segment and extract make of the dump: as a run under the same reading code kept
    it (after an edit of what only classify reads, no dump is segmented again), else made
    now and kept."""
    found = cache.extracted(key)
    if found is None:
        found = extracted_of(dump)
        cache.keep_extracted(key, found)
    return found


def _stories_read(
    result: Read, path: Path, config: SiteConfig, gazetteer: Gazetteer, cache: StoryCache | None
) -> Stories:
    """The stories a reader handed over, loaded here (their digests remembered by the
    cache); a stored entry that turns out unusable is a miss, made again here."""
    if cache is None:
        assert result.stories is not None
        return result.stories
    assert result.entry is not None
    if not result.stored:
        return cache.adopt(result.entry)
    stories = cache.load(result.entry, result.key)
    if stories is None:
        cache.prime(gazetteer)
        stories = cache.adopt(
            cache.entry(result.key, stories_of(read_dump(path), config, gazetteer))
        )
    return stories


def _readers(
    unread: int,
    total: int,
    config: SiteConfig,
    gazetteer: Gazetteer,
    stack: ExitStack,
    cache: StoryCache | None,
    jobs: int,
) -> parallel.Workers:
    """The processes that read the `unread` dump files of `total` (`read`): up to `jobs` of
    them when there are many dumps; they live as long as `stack`. One dump to read among many
    (a new dump) is read in a process too: the parent loads the others meanwhile (+1 dump at
    10k: 0.3 s sooner). They fork before any progress bar starts its drawing thread. A cold
    run builds the gazetteer's phrase table here first (0.6 CPU s), and the readers inherit
    it: built in each of them, it cost that much again per reader. (With the table stored,
    the first dump a reader makes stories of loads it: most runs make none.)"""
    many = total >= PARALLEL_MIN_DUMPS and jobs > 1
    work = functools.partial(read, config=config, gazetteer=gazetteer, cache=cache)
    if many and unread:
        _table_before_fork(gazetteer, cache)
    return parallel.Workers(work, min(jobs, unread) if many else 1, stack, beside=many)


def _table_before_fork(gazetteer: Gazetteer, cache: StoryCache | None) -> None:
    """The gazetteer's phrase table built here unless the cache holds it (then a reader loads
    it only if it makes stories); `plan` stores it once the readers are busy."""
    if cache is None:
        with parallel.collector_paused():  # ~10^5 objects that are never garbage
            _ = gazetteer.table, gazetteer.starts, gazetteer.prefixes
    elif not cache.has_table():
        cache.prime(gazetteer, store=False)


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
) -> tuple[list[Page], dict[bytes, bytes], object]:
    """`pages_of`, the same pages by render's keys and the related stories' state, for the
    page cache (none without)."""
    visible = [a for a in curated if not a.hidden]
    if cache is None:
        return render(config, gazetteer, visible, known, jobs), {}, None
    digests = {a.id: d for a in visible if (d := cache.digest(a)) is not None}
    store = cache.pages
    with fewer_collections():
        renderer = Renderer(
            config, gazetteer, visible, known, jobs, store.load(), digests, store.load_state()
        )
        pages = renderer.render()
    return pages, renderer.reusable(pages), renderer.related_state


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
    # A run killed between the two renames of the swap's fallback left the published tree
    # beside `out`: it goes back before its URLs are read (with no tree, every story would
    # be given a new one).
    recover(out.resolve())
    result = plan(dumps_path, config, progress, permalinks.load(out), cache, jobs, out)
    keep = (
        parallel.beside(
            functools.partial(cache.pages.put, result.reusable, result.related_state), jobs
        )
        if cache
        else nullcontext()
    )
    with keep, progress.stage("Writing the content tree"):
        return result, write(result.pages, out, seen, cache.spare if cache else None, jobs)
