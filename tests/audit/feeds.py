"""Check every feed in the built site as a feed reader would (feedparser).

In: the site directory, the content directory it was built from and site_url. Out: per feed,
the number of entries and a list of problems: not well-formed (bozo), a link that is not an
absolute URL under site_url or leads to no page, a missing or repeated entry id, one story
under different ids in different feeds, an entry date that is not the article's date, a feed
date that is not its newest entry's (a build clock leaking in). Writes nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

import feedparser
import frontmatter

# Feeds are whatever XML the site ships besides the sitemap, wherever the generator puts them.
FEED_SUFFIXES = (".xml", ".atom", ".rss")
NOT_FEEDS = ("sitemap.xml",)
FEED_VERSIONS = ("atom10", "rss20")


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedReport:
    path: str
    """The feed's path relative to the site root."""
    entries: int
    problems: tuple[str, ...]


def find_feeds(site: Path) -> tuple[Path, ...]:
    return tuple(
        sorted(
            p
            for p in site.rglob("*")
            if p.suffix in FEED_SUFFIXES and p.name not in NOT_FEEDS and p.is_file()
        )
    )


def _to_date(parsed: time.struct_time) -> dt.datetime:
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)


def _entry_time(entry: dict) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return _to_date(parsed) if parsed else None


def _hrefs(item: dict) -> list[str]:
    links = [link.get("href", "") for link in item.get("links", [])]
    return links + ([item["link"]] if item.get("link") else [])


def _page_for(link: str, site_url: str, site: Path) -> Path | None:
    """The built page a link under site_url leads to, if it exists."""
    relative = link[len(site_url) :].split("#")[0]
    target = site / relative
    target = target / "index.html" if relative.endswith("/") or not relative else target
    return target if target.is_file() else None


def _article_date(link: str, site_url: str, content: Path) -> dt.date | None:
    """The front matter date of the article page a link points to, if it is one."""
    relative = link[len(site_url) :].split("#")[0].rstrip("/")
    source = content / f"{relative}.md"
    if not relative.startswith("articles/") or not source.is_file():
        return None
    value = frontmatter.load(source).get("date")
    return value if isinstance(value, dt.date) else None


def _link_problems(parsed, site_url: str, site: Path) -> list[str]:
    problems = []
    for href in sorted({h for item in [parsed.feed, *parsed.entries] for h in _hrefs(item)}):
        if not href.startswith(site_url):
            problems.append(f"link {href} is not under {site_url}")
        elif _page_for(href, site_url, site) is None:
            problems.append(f"link {href} leads to no page in the site")
    return problems


def _self_link_problems(parsed, own_url: str) -> list[str]:
    """A feed reader subscribes to the rel=self address: it must be where the feed is."""
    links = parsed.feed.get("links", [])
    selves = [link.get("href") for link in links if link.get("rel") == "self"]
    return [f"rel=self {href} is not {own_url}" for href in selves if href != own_url]


def _entry_problems(parsed, site_url: str, content: Path, ids: dict[str, str]) -> list[str]:
    problems, seen = [], set()
    for number, entry in enumerate(parsed.entries, start=1):
        entry_id, link = entry.get("id", ""), entry.get("link", "")
        if not entry_id:
            problems.append(f"entry {number} has no id")
        elif entry_id in seen:
            problems.append(f"entry {number} repeats id {entry_id}")
        seen.add(entry_id)
        if ids.setdefault(link, entry_id) != entry_id:
            problems.append(f"entry {number}: {link} has id {entry_id} here, {ids[link]} elsewhere")
        when = _entry_time(entry)
        expected = _article_date(link, site_url, content)
        if when is None:
            problems.append(f"entry {number} has no date")
        elif expected is not None and when.date() != expected:
            problems.append(f"entry {number} dated {when.date()}, article says {expected}")
    return problems


def _feed_date_problems(parsed) -> list[str]:
    stamp = parsed.feed.get("updated_parsed")
    times = [t for t in map(_entry_time, parsed.entries) if t is not None]
    if stamp is None or not times:
        return []
    updated = _to_date(stamp)
    newest = max(times)
    return [] if updated == newest else [f"feed updated {updated}, newest entry {newest}"]


def check_feed(
    path: Path, site: Path, content: Path, site_url: str, ids: dict[str, str]
) -> FeedReport:
    """Check one feed; `ids` (link -> entry id) is shared across feeds to catch changing ids."""
    parsed = feedparser.parse(path.read_bytes())
    problems = []
    if parsed.bozo:
        problems.append(f"not well-formed: {parsed.bozo_exception}")
    if parsed.version not in FEED_VERSIONS:
        problems.append(f"not Atom 1.0 or RSS 2.0 (feedparser says {parsed.version!r})")
    relative = path.relative_to(site).as_posix()
    problems += _self_link_problems(parsed, site_url + relative)
    problems += _link_problems(parsed, site_url, site)
    problems += _entry_problems(parsed, site_url, content, ids)
    problems += _feed_date_problems(parsed)
    return FeedReport(path=relative, entries=len(parsed.entries), problems=tuple(problems))


def check_feeds(site: Path, content: Path, site_url: str) -> tuple[FeedReport, ...]:
    ids: dict[str, str] = {}
    return tuple(check_feed(p, site, content, site_url, ids) for p in find_feeds(site))
