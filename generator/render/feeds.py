"""Feeds: a list of articles -> an Atom and an RSS 2.0 file (feedgen), as two `Page`s.

In: the site config, the feed's folder and heading, its articles (newest first) and the page
path of each article. Out: `<folder>/atom.xml` and `<folder>/rss.xml`. Links are absolute under
`site_url`, entry ids do not depend on the URL (a retitled story keeps its id), and every date
comes from the articles, never the wall clock, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from generator.config import SiteConfig
from generator.digest import value_digest
from generator.model import Article, Page

if TYPE_CHECKING:
    from feedgen.entry import FeedEntry
    from feedgen.feed import FeedGenerator

FEED_SIZE = 50
"""Newest stories per feed: what a reader app shows, and a feed that stays small."""
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_EMPTY_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Empty on purpose. Material for MkDocs takes every <link rel="alternate"> for a language
     version of the site and fetches sitemap.xml beside it; this answers that fetch (no 404).
     The site's real sitemap is /sitemap.xml. -->
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>
"""


def page_url(site_url: str, md_path: str) -> str:
    """Absolute URL of a content page under MkDocs' directory URLs (`a/b.md` -> `.../a/b/`)."""
    stem = md_path.removesuffix(".md")
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return site_url + (stem + "/" if stem else "")


def entry_id(article: Article) -> str:
    """A permanent id: the article id, which survives retitling and moving the site."""
    return f"urn:news-digest:article:{article.id}"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def newest_dated(articles: Sequence[Article]) -> list[Article]:
    """The stories a feed lists: the FEED_SIZE newest that have a date."""
    return [a for a in articles if a.date][:FEED_SIZE]


def feed_key(
    *,
    folder: str,
    title: str,
    description: str,
    articles: Sequence[Article],
    paths: Mapping[str, str],
) -> bytes:
    """Digest of what `feed_pages` reads besides the site config (which the page cache's
    fingerprint covers): the heading and, of each story listed, every field an entry shows.
    Keep it in step with `feed_pages`."""
    entries = [
        (a.id, a.title, a.date, a.summary, a.topics, paths[a.id]) for a in newest_dated(articles)
    ]
    return value_digest((folder, title, description, entries))


def feed_paths(folder: str) -> list[str]:
    """The files `feed_pages` writes under `folder` ('' for the site root), in its order."""
    prefix = f"{folder}/" if folder else ""
    names = ("atom.xml", "rss.xml", "sitemap.xml") if folder else ("atom.xml", "rss.xml")
    return [prefix + name for name in names]


def feed_pages(
    config: SiteConfig,
    *,
    folder: str,
    title: str,
    description: str,
    articles: Sequence[Article],
    paths: Mapping[str, str],
    topic_names: Mapping[str, str],
) -> list[Page]:
    """The Atom and RSS feeds of `articles` under `folder` ('' for the site root).

    Outside the root, an empty sitemap.xml goes beside them (see `_EMPTY_SITEMAP`).
    """
    dated = newest_dated(articles)
    prefix = f"{folder}/" if folder else ""
    home = page_url(config.site_url, f"{prefix}index.md")
    feed = _channel(config, folder, title, description, home, dated)
    entries = _entries(feed, dated, config.site_url, paths, topic_names)
    atom = feed.atom_str(pretty=True)
    rss = _rss(feed, entries, config.site_url + f"{prefix}rss.xml", home)
    files = feed_paths(folder)
    data = (atom, rss, _EMPTY_SITEMAP)[: len(files)]  # the root has no sitemap.xml of ours
    return [Page(path=path, data=bytes_) for path, bytes_ in zip(files, data, strict=True)]


def _channel(
    config: SiteConfig,
    folder: str,
    title: str,
    description: str,
    home: str,
    dated: list[Article],
) -> FeedGenerator:
    """A feed of no entries yet, with the heading and links both formats share (its rel=self
    the Atom file's: `_rss` changes it) and updated when its newest story is dated."""
    updated = max((_moment(a.date) for a in dated), default=_EPOCH)
    # Imported here: feedgen and its lxml and dateutil cost 0.15 s a run, and a run that
    # adds a dump takes most feeds from the page cache.
    from feedgen.feed import FeedGenerator

    prefix = f"{folder}/" if folder else ""
    feed = FeedGenerator()
    feed.id(home)
    feed.title(f"{title} · {config.title}" if folder else config.title)
    feed.subtitle(description or config.description or title)
    feed.author({"name": config.title})
    feed.link(href=home, rel="alternate")
    feed.link(href=config.site_url + f"{prefix}atom.xml", rel="self")
    feed.language(config.language)
    feed.generator("news-digest")
    feed.updated(updated)
    feed.lastBuildDate(updated)
    return feed


def _entries(
    feed: FeedGenerator,
    dated: list[Article],
    site_url: str,
    paths: Mapping[str, str],
    topic_names: Mapping[str, str],
) -> list[tuple[FeedEntry, Article]]:
    """An entry for each story, in order, added to `feed` as Atom shows it; -> each entry with
    its story, for `_rss` to give the RSS text."""
    entries = []
    for article in dated:
        entry = feed.add_entry(order="append")
        entries.append((entry, article))
        entry.id(entry_id(article))
        entry.guid(entry_id(article), permalink=False)
        entry.title(article.title)
        entry.link(href=page_url(site_url, paths[article.id]))
        entry.published(_moment(article.date))
        entry.updated(_moment(article.date))
        entry.summary(article.summary or article.title)
        for slug in article.topics:
            entry.category(term=slug, label=topic_names.get(slug, slug))
    return entries


def _rss(
    feed: FeedGenerator, entries: list[tuple[FeedEntry, Article]], rss_url: str, home: str
) -> bytes:
    """The RSS file of `feed` (whose Atom file is written already), from `rss_url`."""
    # Atom's title and summary are text (no type attribute). RSS readers take an item's
    # description for HTML (RSS 2.0 says so) and most treat its title alike: escaped, a
    # dump's `<img onerror=...>` reads as typed there too and never becomes markup.
    for entry, article in entries:
        entry.title(_as_html(article.title))
        entry.description(_as_html(article.summary or article.title))
    # Each format's rel="self" must name its own file.
    # (feedgen's RSS <link> is the last link added, so the page's goes last.)
    feed.link(href=rss_url, rel="self", replace=True)
    feed.link(href=home, rel="alternate")
    return feed.rss_str(pretty=True)


def _as_html(text: str) -> str:
    """Plain text as the HTML that displays it."""
    return html.escape(text, quote=False)
