"""Pick the pages to audit: one of each kind a reader meets.

In: a built site directory. Out: `AuditPage`s (kind, path relative to the site root).
Where a kind has many pages, the largest is chosen: it carries the most listings or text,
so it is the hardest case for speed and markup; ties go to the first name, for determinism.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.audit.errors import AuditError

# Page kind -> glob under the site root. Listing pages beyond the first (page/2/) are left out:
# they share the first page's template.
PAGE_KINDS: dict[str, str] = {
    "home": "index.html",
    "article": "articles/*/*/*/index.html",
    "topic": "topics/*/index.html",
    "region": "regions/*/index.html",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditPage:
    kind: str
    """One of PAGE_KINDS."""
    path: str
    """URL path relative to the site root, '' for the home page, else ending in '/'."""


def _url_path(site: Path, index: Path) -> str:
    folder = index.parent.relative_to(site).as_posix()
    return "" if folder == "." else folder + "/"


def pick_pages(site: Path) -> tuple[AuditPage, ...]:
    """One page per kind, in PAGE_KINDS order; an AuditError if a kind has no page."""
    pages = []
    for kind, pattern in PAGE_KINDS.items():
        found = sorted(site.glob(pattern), key=lambda p: (-p.stat().st_size, p.as_posix()))
        if not found:
            raise AuditError(f"{site}: no {kind} page ({pattern})")
        pages.append(AuditPage(kind=kind, path=_url_path(site, found[0])))
    return tuple(pages)


def all_pages(site: Path) -> dict[str, Path]:
    """Every HTML file of the site by URL path ('' home, 'x/' for x/index.html, '404.html')."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        pages[
            _url_path(site, path)
            if path.name == "index.html"
            else path.relative_to(site).as_posix()
        ] = path
    return pages
