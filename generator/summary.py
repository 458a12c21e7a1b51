"""Summary: what a run changed, compared with the content tree already on disk.

In: the plan of this run and the previous content tree (read only, before write replaces it).
Out: the figures printed at the end of every run. Articles are matched by the `id` in their
front matter, not by path, so a curator's new title (a new slug) counts as an update.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.model import Page

ARTICLES = "articles"
"""Folder of the content tree that holds one page per article."""
_ID_LINE = re.compile(rb"^id: ['\"]?([0-9A-Za-z_-]+)['\"]?$", re.M)
# Related stories name other articles: a new title elsewhere is not an update of this one.
# They are the front matter's last key (render/front_matter.py `article_meta`), just before
# its end.
_RELATED = b"\nrelated:\n"
_FRONT_MATTER_END = b"\n---\n"


@dataclass(frozen=True, slots=True)
class Changes:
    """Articles of this run against the previous content tree."""

    new: int
    updated: int
    """Same id, but the page's path or its own text (front matter to related stories) differ."""
    removed: int
    """Published before, not now (hidden since, or gone from the dumps)."""


def _front_matter_id(data: bytes) -> str | None:
    """The `id:` of a page's front matter, read without parsing the whole YAML (10k pages)."""
    if not data.startswith(b"---"):
        return None
    end = data.find(b"\n---", 3)
    match = _ID_LINE.search(data, 0, end if end > 0 else len(data))
    return match.group(1).decode() if match else None


def _fingerprints(pages: Iterable[tuple[str, bytes]]) -> dict[str, str]:
    """Article id -> digest of (path, bytes) for every article page."""
    found = {}
    for path, data in pages:
        if (article := fingerprint(path, data)) is not None:
            found[article[0]] = article[1]
    return found


def fingerprint(path: str, data: bytes) -> tuple[str, str] | None:
    """(article id, digest of its path and own text) of an article page, else None."""
    if not _is_article(path):
        return None
    article_id = _front_matter_id(data)
    if not article_id:
        return None
    own = _without_related(data)
    return article_id, hashlib.blake2b(path.encode() + b"\0" + own).hexdigest()


def _without_related(data: bytes) -> bytes:
    head, found, tail = data.partition(_RELATED)
    return head + tail[tail.find(_FRONT_MATTER_END) :] if found else data


def _is_article(path: str) -> bool:
    return path.startswith(f"{ARTICLES}/")


def previous_articles(out: Path) -> dict[str, str]:
    """Fingerprints of the article pages in an existing content tree (none if there is none)."""
    folder = out / ARTICLES
    pages = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    # Only files: a folder, a dangling link or a pipe named *.md is no page (a pipe would
    # hold the read forever).
    files = (p for p in pages if p.is_file())
    return _fingerprints((p.relative_to(out).as_posix(), p.read_bytes()) for p in files)


def compare_written(pages: list[Page], same: frozenset[str], old: dict[str, object]) -> Changes:
    """`compare`, after a write that found the pages `same` on disk already and told
    `fingerprint` the old bytes of every file it replaced or removed (`old`): an unchanged
    page is the same article before and after, so the old tree is not read again."""
    kept = {_front_matter_id(p.data): "" for p in pages if p.path in same and _is_article(p.path)}
    before = kept | {v[0]: v[1] for v in old.values() if isinstance(v, tuple)}
    return compare(before, [p for p in pages if p.path not in same], kept)


def compare(
    previous: dict[str, str], pages: list[Page], unchanged: dict[str | None, str] | None = None
) -> Changes:
    """Count new, updated and removed articles between two fingerprint sets (`unchanged`:
    fingerprints the current side shares with `previous` without a page in `pages`)."""
    current = (unchanged or {}) | _fingerprints((p.path, p.data) for p in pages)
    return Changes(
        new=len(current.keys() - previous.keys()),
        updated=sum(previous[i] != d for i, d in current.items() if i in previous),
        removed=len(previous.keys() - current.keys()),
    )
