"""Site state: what the last `make site` built from, so the next one rebuilds only what changed.

In: the loaded mkdocs.yml and site_config/. Out: a `Snapshot` (a fingerprint of everything
that shapes every page, and each source file's digest) that generator/site_build.py stores
beside site_dir after a build, and compares with the next build's to get the `Changes`.

An unchanged page is not rendered again because nothing else goes into its HTML: the nav is
fixed in mkdocs.yml with a title for every entry (so no page's title appears on another), the
generator links pages by path, and the code, theme, config and library versions are in the
fingerprint. When any of that is not so, `changes` answers None: build everything.

Must not: ever let a page through that a full build would write differently
(tests/test_site_state.py builds both and compares them byte for byte).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

VERSION = 1
"""Bumped when the state file's layout changes: an older file then means a full build."""
PACKAGES = (
    *("mkdocs", "mkdocs-material", "markdown", "jinja2", "pymdown-extensions", "pagefind"),
    *("PyYAML", "python-frontmatter"),  # the search index reads the front matter with them
)
"""What renders the pages and the search index: another version may render them otherwise."""
_NOT_SHOWN = frozenset(
    {"config_file_path", "docs_dir", "site_dir", "dev_addr", "watch", "strict", "plugins"}
)
CODE = (
    *("site_build.py", "search_index.py", "site_state.py", "markdown_safe.py", "text.py"),
    *("config.py", "curation.py", "yamlfile.py", "errors.py", "model.py", "write.py"),
    "parallel.py",
)
"""Every module of this package that the site build and the search index run (the index lays
its pages out with markdown_safe and text.long_date, and reads the language with config):
an edit to one can change pages whose sources did not change (tests/test_site_state.py
checks that none is missing)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One file of docs_dir that MkDocs builds."""

    dest: str
    """Where MkDocs writes it, relative to site_dir."""
    size: int
    mtime_ns: int
    digest: str
    """Of its bytes: a file written again with the same bytes is not a change."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    fingerprint: str
    sources: dict[str, Source]
    """docs_dir-relative path (MkDocs' src_uri) -> the file."""
    nav: tuple[str, ...]
    """The nav's pages, when every entry names its title (else empty)."""


@dataclass(frozen=True, slots=True)
class Changes:
    """What differs from the last build."""

    changed: tuple[str, ...]
    """New or changed sources (src_uri), sorted."""
    removed: tuple[str, ...]
    """The output (relative to site_dir) of sources gone since: it must go too."""

    @property
    def articles(self) -> bool:
        """Whether an article page came or went or changed: the search index indexes those."""
        return any(p.startswith("articles/") for p in (*self.changed, *self.removed))


def snapshot(config: MkDocsConfig, site_config: Path, before: Snapshot | None = None) -> Snapshot:
    """The build's inputs now. A file whose size and modification time are those `before`
    recorded keeps its digest unread (the generator leaves unchanged files alone)."""
    known = before.sources if before else {}
    sources = {}
    for file in get_files(config):
        if not file.inclusion.is_included():
            continue
        stat = os.stat(file.abs_src_path)
        old = known.get(file.src_uri)
        if old and (old.size, old.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            digest = old.digest
        else:
            digest = hashlib.blake2b(Path(file.abs_src_path).read_bytes(), digest_size=16)
            digest = digest.hexdigest()
        sources[file.src_uri] = Source(file.dest_uri, stat.st_size, stat.st_mtime_ns, digest)
    return Snapshot(_fingerprint(config, site_config), sources, _nav_pages(config.nav))


def changes(before: Snapshot | None, now: Snapshot, site: Path) -> Changes | None:
    """What to build again since `before`; None when everything must be (no earlier build,
    another fingerprint, a nav whose titles come from pages, or output missing from site/)."""
    # The nav is among the settings the fingerprint digests: another nav is another fingerprint.
    if before is None or before.fingerprint != now.fingerprint or not now.nav:
        return None
    kept = [p for p, s in now.sources.items() if before.sources.get(p) == s]
    if not all((site / now.sources[p].dest).is_file() for p in kept):
        return None  # someone removed pages from site/: rebuilding them all is the safe answer
    changed = sorted(p for p, s in now.sources.items() if _changed(before.sources.get(p), s))
    removed = sorted(s.dest for p, s in before.sources.items() if p not in now.sources)
    return Changes(tuple(changed), tuple(removed))


def _changed(old: Source | None, new: Source) -> bool:
    return old is None or (old.digest, old.dest) != (new.digest, new.dest)


def _nav_pages(nav: object) -> tuple[str, ...]:
    """The nav's pages when every entry is `Title: page.md`; else () (a title read from a page
    would put that page's text on every other page)."""
    if not isinstance(nav, list):
        return ()
    pages = []
    for entry in nav:
        if not (isinstance(entry, dict) and len(entry) == 1):
            return ()
        (target,) = entry.values()
        if not isinstance(target, str):
            return ()  # a section: its pages' titles may come from the pages
        pages.append(target)
    return tuple(pages)


SITE_FILES = ("site.yml",)
"""The files of site_config/ the site build reads: the site's name, description, address and
language, on every page. The rest (topics.yml, geography.yml, curation.yml, the templates,
pages/) shows only through what the generator writes into content/, whose files are compared
one by one: a curator's edit of them rebuilds the pages it changed, not every page. The theme
(overrides/) is in the fingerprint as the theme's folder."""


def _fingerprint(config: MkDocsConfig, site_config: Path) -> str:
    """Digest of what shapes every page: the settings, theme overrides, the site's name and
    language (SITE_FILES), library versions and the code that builds the site."""
    state = hashlib.blake2b(digest_size=16)
    parts: list[tuple[str, bytes]] = [
        ("version", str(VERSION).encode()),
        ("config", json.dumps(_settings(config), sort_keys=True, default=_plain).encode()),
    ]
    parts += [(f"package {p}", _version(p).encode()) for p in PACKAGES]
    parts += [(f"code {m}", (Path(__file__).parent / m).read_bytes()) for m in CODE]
    parts += _tree_parts("overrides", config.theme.custom_dir)
    for name in SITE_FILES:
        path = site_config / name
        parts.append((f"site_config/{name}", path.read_bytes() if path.is_file() else b""))
    for name, data in parts:
        state.update(f"{name}\0{len(data)}\0".encode())
        state.update(data)
    return state.hexdigest()


def _settings(config: MkDocsConfig) -> dict[str, object]:
    """The resolved settings (whatever file or environment variable they came from, theme
    defaults filled in), without those that never reach a page (where the files are, the
    dev server). Plugins by name and settings: the objects themselves print as addresses."""
    settings = {k: v for k, v in config.items() if k not in _NOT_SHOWN}
    settings["plugins"] = {name: dict(p.config) for name, p in config.plugins.items()}
    theme = config.theme
    settings["theme"] = {"vars": dict(theme), "dirs": theme.dirs, "static": theme.static_templates}
    return settings


def _plain(value: object) -> object:
    """For json: a set in sorted order (its own order changes from run to run)."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    return repr(value)


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _tree_parts(label: str, folder: str | None) -> list[tuple[str, bytes]]:
    if not folder or not Path(folder).is_dir():
        return []
    root = Path(folder)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return [(f"{label}/{p.relative_to(root).as_posix()}", p.read_bytes()) for p in files]


def load(path: Path) -> Snapshot | None:
    """The state `save` wrote; None when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return None
        sources = {p: Source(*fields) for p, fields in data["sources"].items()}
        return Snapshot(data["fingerprint"], sources, tuple(data["nav"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def save(path: Path, state: Snapshot) -> None:
    data = {
        "version": VERSION,
        "fingerprint": state.fingerprint,
        "nav": list(state.nav),
        "sources": {
            p: [s.dest, s.size, s.mtime_ns, s.digest] for p, s in sorted(state.sources.items())
        },
    }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    temporary.replace(path)
