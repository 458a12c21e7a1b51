"""Render: articles -> the pages of the content tree (Markdown with front matter).

In: curated articles, the site config and the gazetteer. Out: `Page` values (path + bytes):
one page per visible article, the home page, topic, region and archive pages (paginated), their
Atom and RSS feeds, the sitemap and the hand-written pages from site_config/pages/.
The package's modules each do one part: `sections` groups the stories into listings,
`listings` cuts a listing into pages, `links` makes the links, chips and entries pages
carry, `front_matter` the front matter of articles and listing pages, `markdown_file` a
page's bytes, `feeds` and `sitemap` their files; this module decides which pages to make (or
take from the page cache), builds the index pages' front matter and renders every body.
Front matter is a dict built in a fixed key order, written by `markdown_page`;
templates only lay out, and every piece of dump text goes through `markdown_safe` on its way
into them. Render writes nothing to disk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import itertools
import pickle
import posixpath
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from generator import parallel, permalinks
from generator.classify.places import Gazetteer, slugify_name
from generator.config import SiteConfig
from generator.digest import digest, value_bytes, value_digest
from generator.model import Article, Page
from generator.related import State, related, update
from generator.render import templates
from generator.render.feeds import feed_key, feed_pages, feed_paths
from generator.render.front_matter import HIDE, article_meta, laid_out, listing_meta
from generator.render.links import Links, root_of
from generator.render.listings import (
    Listing,
    ListingPage,
    listing_pages,
    page_span,
)
from generator.render.markdown_file import markdown_page, page_key
from generator.render.sections import Sections, region_path, topic_path
from generator.render.sitemap import sitemap_pages

_NO_DATE = dt.date.min


SLUG_MAX = 60
"""Long enough to read in a URL, short enough to stay under path limits on every host."""
TOP_STORIES = 6
"""Full stories at the top of the home page: one screen on a laptop, two on a phone."""
HOME_BRIEFS = 20
"""Teasers listed compactly under the top stories; older ones live in topics and the archive."""
PARALLEL_MIN_PAGES = 200
"""Fewer pages than this to render (what the page cache lacks) take well under a second in
this process: forking workers and sending the pages back would cost about as much."""
COLLECT_EVERY = 20_000
"""Allocations between the cyclic garbage collector's youngest passes while rendering
(Python's default: 700). Render makes millions of short-lived lists, dicts and tuples that
reference counting frees; at the default pace the collector's passes, some over the whole
heap, were a tenth of render's CPU at 10,000 stories."""


_LOOSE_END = re.compile(r"(?:-(?:a|an|the|and|or|of|to|in|on|at|for|by|with|from|as))+$")
"""Words a cut slug does not end on (`...-multiyear-assessment-the`)."""


def slugify(title: str) -> str:
    """ASCII, lower case, hyphenated, at most SLUG_MAX characters, cut at a hyphen (and
    before any small words the cut left at the end)."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = _LOOSE_END.sub("", slug[:SLUG_MAX].rsplit("-", 1)[0])
    return slug or "story"


def article_paths(articles: list[Article], known: dict[str, str] | None = None) -> dict[str, str]:
    """Article id -> page path: the permalink an id already has, else a free new slug."""
    return permalinks.assign(articles, known or {}, _proposed_path)


def _proposed_path(article: Article) -> str:
    folder = f"articles/{article.date:%Y/%m}" if article.date else "articles/undated"
    return f"{folder}/{slugify(article.title)}.md"


def _newest_first(articles: list[Article]) -> list[Article]:
    """The visible articles newest first (one day's by id, the greatest first; undated ones
    last): the order every listing and feed shows them in."""
    return sorted(
        (a for a in articles if not a.hidden),
        key=lambda a: (a.date or _NO_DATE, a.id),
        reverse=True,
    )


class Renderer:
    """Holds the template environment and what every page needs to link to every other."""

    def __init__(
        self,
        config: SiteConfig,
        gazetteer: Gazetteer,
        articles: list[Article],
        known: dict[str, str] | None = None,
        jobs: int = 1,
        reuse: Mapping[bytes, bytes] | None = None,
        digests: Mapping[str, bytes] | None = None,
        last_state: bytes | None = None,
    ):
        self.config = config
        self.jobs = jobs
        self.reuse = reuse or {}
        """Page bytes by key (`article_key`, `listing_key`, `page_key`, `feed_key`), from an
        earlier run (generator/cache.py); empty without a page cache, and then no key is
        computed either."""
        self.caching = reuse is not None
        self.page_keys: dict[str, bytes] = {}
        """Path -> key of this run's pages other than articles (listings, indexes, feeds)."""
        self.related_state: State | None = None
        """This run's related stories' state, for the page cache (which pickles it beside
        the tree's writing: 0.25 s at 10,000 stories); None without a page cache."""
        self.geo = gazetteer
        self.articles = _newest_first(articles)
        self.paths = article_paths(self.articles, known)
        self.digests = self._story_digests(digests or {}) if self.caching else {}
        self.related = self._related_stories(last_state)
        self.listings: list[Listing] = []
        self.recipes: list[ListingPage] = []
        """The pages of self.listings, as `listings.listing_pages` cuts them."""
        self.by_id = {a.id: a for a in self.articles}
        # Computed here, before render's workers fork, and only for a page cache.
        self.keys = {a.id: self.article_key(a) for a in self.articles} if self.caching else {}
        self.topic_counts = Counter(s for a in self.articles for s in dict.fromkeys(a.topics))
        """Topic slug -> how many stories it has (the topics index and the home page)."""
        self.topic_names = {t.slug: t.name for t in config.topics}
        # The gazetteer's lookup is slow and every chip and region page asks it again.
        self.country_name = functools.cache(gazetteer.country_name)
        self.sections = Sections(self.articles, config.topics, gazetteer, self.country_name)
        self.links = Links(
            self.paths, self.topic_names, self.country_name, self.sections.country_slug
        )
        self.env = templates.environment(config)
        self.site = templates.template_site(config)

    def _story_digests(self, stored: Mapping[str, bytes]) -> dict[str, bytes]:
        """Article id -> one digest of the story, the base of every key that names it (pickling
        the stories is most of what keying costs); only a page cache needs them. `stored` are
        those the story cache kept: `value_digest` of the very same story values."""
        return {a.id: stored.get(a.id) or value_digest(a) for a in self.articles}

    def _related_stories(self, last_state: bytes | None) -> dict[str, tuple[str, ...]]:
        """`related`, scoring only the stories a change since the last run can reach
        (`last_state`: the last run's `related.State`, pickled, from the page cache)."""
        if not self.caching:
            return related(self.articles, self.jobs)
        try:
            previous = pickle.loads(last_state) if last_state is not None else None
        except Exception:  # damaged or from another version: score everything
            previous = None
        if not isinstance(previous, State):
            previous = None
        found, self.related_state = update(self.articles, self.digests, previous, self.jobs)
        return found

    def render(self) -> list[Page]:
        self.listings = self.sections.listings()
        self.recipes = [page for listing in self.listings for page in listing_pages(listing)]
        pages, work = self._reused()
        # What the page cache lacks, shared among `jobs` processes when there is enough of
        # it. Work is named by numbers: a listing's stories would be pickled to the worker.
        missing = sum(map(len, work.values()))
        jobs = self.jobs if missing >= PARALLEL_MIN_PAGES or not self.caching else 1
        pieces = [
            (kind, tuple(numbers[r.start : r.stop]))
            for kind, numbers in work.items()
            for r in parallel.chunks(len(numbers), jobs)
            if numbers
        ]
        for done in parallel.fork_map(self._make, pieces, jobs):
            pages.extend(done)
        pages.extend(self._cached_feeds("", None) or self._feeds("", None))
        pages.append(self._topics_index())
        pages.append(self._regions_index())
        pages.append(self._archive_index())
        pages.append(self._home())
        pages.extend(self._static_pages())
        pages.append(permalinks.page(self.paths))
        dates = {self.paths[a.id]: a.date for a in self.articles}
        pages.extend(sitemap_pages(self.config.site_url, pages, dates))
        pages.sort(key=lambda p: p.path)
        clashes = sorted({a.path for a, b in itertools.pairwise(pages) if a.path == b.path})
        if clashes:  # a bug, not bad input: one page would silently replace another
            raise ValueError(f"two pages for one path: {', '.join(clashes[:5])}")
        return pages

    def _reused(self) -> tuple[list[Page], dict[str, list[int]]]:
        """The article pages, listing pages and listing feeds the page cache has (found by
        their inputs, nothing rendered), and the numbers of the others by kind (`_make`)."""
        pages: list[Page] = []
        work: dict[str, list[int]] = {"articles": [], "listing pages": [], "feeds": []}
        for number, article in enumerate(self.articles):
            known = self.reuse.get(self.keys[article.id]) if self.caching else None
            if known is None:
                work["articles"].append(number)
            else:
                pages.append(Page(path=self.paths[article.id], data=known))
        for number, recipe in enumerate(self.recipes):
            known = None
            if self.caching:
                self.page_keys[recipe.path] = key = self.listing_key(recipe)
                known = self.reuse.get(key)
            if known is None:
                work["listing pages"].append(number)
            else:
                pages.append(Page(path=recipe.path, data=known))
        for number, listing in enumerate(self.listings):
            if not listing.feed:
                continue
            found = self._cached_feeds(posixpath.dirname(listing.path), listing)
            if found is None:
                work["feeds"].append(number)
            else:
                pages.extend(found)
        return pages, work

    def _make(self, work: tuple[str, tuple[int, ...]]) -> list[Page]:
        """Render the pages `_reused` did not find: article pages, listing pages or listing
        feeds, by their numbers."""
        kind, numbers = work
        if kind == "articles":
            return [self._article(self.articles[n]) for n in numbers]
        if kind == "listing pages":
            return [self._listing_page(self.recipes[n]) for n in numbers]
        made = []
        for number in numbers:
            listing = self.listings[number]
            made += self._feeds(posixpath.dirname(listing.path), listing)
        return made

    def listing_key(self, recipe: ListingPage) -> bytes:
        """Digest of everything a listing page is made of (see `ListingPage`): the recipe
        but its stories, each story's digest and each story's path."""
        stories = recipe.stories
        return digest(
            b"listing page",
            value_bytes(replace(recipe, stories=())),
            b"".join(self.digests[a.id] for a in stories),
            "\0".join(self.paths[a.id] for a in stories).encode(),
        )

    def _feed_inputs(self, folder: str, listing: Listing | None) -> dict[str, Any]:
        """The keywords `feed_key` and `feed_pages` share, for a listing or (None) the site."""
        return {
            "folder": folder,
            "title": listing.title if listing else self.config.title,
            "description": listing.description if listing else self.config.description,
            "articles": listing.articles if listing else self.articles,
            "paths": self.paths,
        }

    def _cached_feeds(self, folder: str, listing: Listing | None) -> list[Page] | None:
        """The listing's (or with None, the site's) feeds from the page cache, when an
        earlier run made feeds of the same stories (feedgen costs ~4 ms a listing); None
        when it did not (or there is no page cache). Notes their keys for this run's cache."""
        if not self.caching:
            return None
        key = feed_key(**self._feed_inputs(folder, listing))
        keys = {path: digest(key, posixpath.basename(path).encode()) for path in feed_paths(folder)}
        self.page_keys.update(keys)
        if all(k in self.reuse for k in keys.values()):
            return [Page(path=path, data=self.reuse[k]) for path, k in keys.items()]
        return None

    def _feeds(self, folder: str, listing: Listing | None) -> list[Page]:
        """The listing's (or with None, the site's) feeds, made now."""
        inputs = self._feed_inputs(folder, listing)
        return feed_pages(self.config, topic_names=self.topic_names, **inputs)

    def _context(self, here: str, **values: object) -> dict[str, object]:
        return {
            "site": self.site,
            "here": here,
            "link": templates.taking(
                str,
                "a content path such as 'topics/index.md'",
                "link",
                lambda target: self.links.link(here, target),
            ),
            **values,
        }

    # Pages ---------------------------------------------------------------

    def article_key(self, article: Article) -> bytes:
        """Digest of everything an article page is made of that can differ between runs of the
        same code and config: the article, its path and its related stories (their digests
        cover the titles and dates the page shows) and their paths. (The code, templates and
        config are the page cache's fingerprint.) Byte strings, not a pickle: this runs for
        every story of the archive."""
        related = self.related[article.id]
        return digest(
            self.digests[article.id],
            self.paths[article.id].encode(),
            b"".join(self.digests[other] for other in related),
            "\0".join(self.paths[other] for other in related).encode(),
        )

    def reusable(self, pages: list[Page]) -> dict[bytes, bytes]:
        """The bytes of this run's pages by key (`article_key`, `listing_key`, `page_key`,
        `feed_key`): what a later run may reuse."""
        by_path = {page.path: page.data for page in pages}
        keep = {self.keys[a.id]: by_path[self.paths[a.id]] for a in self.articles}
        keep.update((key, by_path[path]) for path, key in self.page_keys.items())
        return keep

    def _page(self, path: str, meta: dict[str, object], body: str) -> Page:
        """`_page`, from the page cache when an earlier run made the same page (the index and
        home pages: few, and most runs change them): PyYAML's representer runs only for a
        page that changed. Keyed by everything the page is made of, whatever builds `meta`
        and `body`."""
        if not self.caching:
            return markdown_page(path, meta, body)
        key = page_key(path, meta, body)
        self.page_keys[path] = key
        if (known := self.reuse.get(key)) is not None:
            return Page(path=path, data=known)
        return markdown_page(path, meta, body)

    def _article(self, article: Article) -> Page:
        path = self.paths[article.id]
        if self.reuse and (known := self.reuse.get(self.keys[article.id])) is not None:
            return Page(path=path, data=known)
        context = self._context(path, article=laid_out(article))
        body = templates.fill(self.env, "article.md.j2", context)
        related = [self.by_id[i] for i in self.related[article.id]]
        return markdown_page(path, article_meta(article, self.links, root_of(path), related), body)

    def _listing_page(self, recipe: ListingPage) -> Page:
        """One page of a listing, made of `recipe` alone (see `ListingPage`)."""
        body = templates.fill(
            self.env,
            "listing.md.j2",
            self._context(
                recipe.path,
                listing=recipe.heading,
                first=recipe.index == 0,
                span=page_span(recipe.stories),
                total=recipe.total,
            ),
        )
        return markdown_page(recipe.path, listing_meta(recipe, self.links), body)

    def _archive_index(self) -> Page:
        years = [
            listing
            for listing in self.sections.archive_listings()
            if listing.path.count("/") == 2  # archive/<year>/index.md
        ]
        return self._index("archive", "Archive", "Every story by year and month", years=years)

    def _topics_index(self) -> Page:
        counts = {t.slug: self.topic_counts[t.slug] for t in self.config.topics}
        return self._index("topics", "Topics", "Stories by IPTC Media Topic", counts=counts)

    def _regions_index(self) -> Page:
        return self._index(
            "regions",
            "Regions",
            "Stories by region and country",
            tree=self.sections.regions,
            counts={code: len(stories) for code, stories in self.sections.by_country.items()},
            geo=self.geo,
            region_slug=slugify_name,
            country_slug=self.sections.country_slug,
        )

    def _index(self, folder: str, title: str, description: str, **values: object) -> Page:
        """`folder/index.md`, from the template `folder.md.j2` given these values."""
        path = f"{folder}/index.md"
        body = templates.fill(self.env, f"{folder}.md.j2", self._context(path, **values))
        meta = {"title": title, "description": description, "hide": list(HIDE)}
        return self._page(path, meta, body)

    def _home(self) -> Page:
        path = "index.md"
        full = [a for a in self.articles if not a.truncated]
        pinned = [a for a in self.articles if a.pinned]
        top = (pinned + [a for a in full if not a.pinned])[:TOP_STORIES]
        shown = {a.id for a in top}  # by id: comparing whole stories cost a tenth of a second
        rest = (a for a in self.articles if a.id not in shown)
        briefs = list(itertools.islice(rest, HOME_BRIEFS))
        intro_path = self.config.root / "pages" / "home.md"
        intro = intro_path.read_text(encoding="utf-8") if intro_path.exists() else ""
        topics = [
            (t.name, topic_path(t.slug), n)
            for t in sorted(self.config.topics, key=lambda t: t.name)
            if (n := self.topic_counts[t.slug])
        ]
        regions = [
            (name, region_path(slugify_name(name)), len(stories))
            for name, stories in self.sections.subregion_stories()
        ]
        body = templates.fill(self.env, "home.md.j2", self._context(path, intro=intro))
        # The sections are front-matter data the theme lays out (main.html), as on listings.
        root = root_of(path)
        meta = {
            "title": self.config.title,
            "description": self.config.description,
            "feeds": "",
            "hide": list(HIDE),
            "top": [self.links.entry(path, a) for a in top],
            "briefs": [self.links.entry(path, a) for a in briefs],
            "browse": {
                "topics": [[name, self.links.url(root, target), n] for name, target, n in topics],
                "regions": [[name, self.links.url(root, target), n] for name, target, n in regions],
            },
        }
        return self._page(path, meta, body)

    def _static_pages(self) -> list[Page]:
        folder = self.config.root / "pages"
        return [
            Page(path=p.name, data=p.read_bytes())
            for p in sorted(folder.glob("*.md"))
            if p.name != "home.md"
        ]


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the collector's youngest generation at COLLECT_EVERY."""
    before = gc.get_threshold()
    gc.set_threshold(COLLECT_EVERY, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def render(
    config: SiteConfig,
    gazetteer: Gazetteer,
    articles: list[Article],
    known: dict[str, str] | None = None,
    jobs: int = 1,
) -> list[Page]:
    """Every page of the content tree for these articles; `known` are permalinks to keep.
    `jobs` processes share the work (generator/parallel.py); the pages are the same."""
    with fewer_collections():
        return Renderer(config, gazetteer, articles, known, jobs).render()
