"""The sitemap: the pages of the content tree -> sitemap.xml (the sitemaps.org protocol).

In: every page render made and the date of each article page. Out: `sitemap.xml` at the root
of the content tree, which MkDocs copies into the site like any other file.

The generator writes it, not MkDocs (`site_config/overrides/sitemap.xml` renders empty, and
MkDocs then writes none), for two reasons measured on this project:
- MkDocs dates every page with the day of the build, so the same input gave a different site
  each day; here an article carries its own date and other pages none;
- the site is built by several `mkdocs build` runs that each render a share of the articles
  (generator/site_build.py); each would list only its own pages.

Must not: list a file that is not a page; depend on the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape

from generator.model import Page
from generator.render.feeds import page_url

FILE = "sitemap.xml"
MAX_URLS = 50_000
"""The protocol's limit for one file: a larger site gets an index of several files."""
PART = "sitemaps/{number}.xml"
"""Where the files of a split sitemap go; the index at sitemap.xml names them."""
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_XMLNS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def sitemap_pages(
    site_url: str,
    pages: Iterable[Page],
    dates: Mapping[str, dt.date | None],
    limit: int = MAX_URLS,
) -> list[Page]:
    """The sitemap of the Markdown pages among `pages`, in URL order: one file, or past
    `limit` URLs an index and its parts. `dates` maps a page's path to its lastmod."""
    listed = sorted((page_url(site_url, p.path), dates.get(p.path)) for p in pages if _listed(p))
    urls = [_url(loc, day) for loc, day in listed]
    if len(urls) <= limit:
        return [Page(path=FILE, data=_document("urlset", urls))]
    parts = [urls[start : start + limit] for start in range(0, len(urls), limit)]
    paths = [PART.format(number=n) for n in range(1, len(parts) + 1)]
    index = [f"<sitemap><loc>{escape(site_url + path)}</loc></sitemap>" for path in paths]
    return [
        Page(path=FILE, data=_document("sitemapindex", index)),
        *(Page(path=p, data=_document("urlset", u)) for p, u in zip(paths, parts, strict=True)),
    ]


def _listed(page: Page) -> bool:
    # Dot files (the permalink map) are not published; MkDocs makes a page of every .md file.
    return page.path.endswith(".md") and not page.path.startswith(".")


def _url(loc: str, day: dt.date | None) -> str:
    lastmod = f"<lastmod>{day.isoformat()}</lastmod>" if day else ""
    return f"<url><loc>{escape(loc)}</loc>{lastmod}</url>"


def _document(root: str, entries: list[str]) -> bytes:
    body = "".join(f"  {entry}\n" for entry in entries)
    return f"{_HEAD}<{root} {_XMLNS}>\n{body}</{root}>\n".encode()
