"""Listings: a topic's, region's or month's stories -> the pages they are shown on.

A listing shows its newest stories on its first page and the rest on older pages cut from the
oldest story up, so an older page never changes once full; a listing with children (a region,
a year) shows only its newest stories under links to its children. The values here are each
page's whole recipe: render turns a recipe into a page, and the page cache keys it by them.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace

from generator.model import Article
from generator.text import long_date

PAGE_SIZE = 50
"""Stories on each older page of a listing; the first page holds this many to twice this many
less one (so that an older page never changes when a story arrives)."""


@dataclass(frozen=True, slots=True)
class Listing:
    """A paginated list of articles under one heading (a topic, a region, a month)."""

    path: str
    """Path of the listing's first page, e.g. `topics/politics/index.md`."""
    title: str
    description: str
    articles: tuple[Article, ...]
    crumbs: tuple[tuple[str, str], ...] = ()
    """(label, page) of the listings above this one, outermost first."""
    children: tuple[tuple[str, str, int], ...] = ()
    """(label, page, story count) of the listings below this one. A listing with children
    shows only its newest stories (`_listing`): each child pages through its own."""
    feed: bool = True
    """Whether the listing has its own Atom and RSS feeds (next to its first page)."""
    places: tuple[str, ...] = ()
    """A region's country codes, sorted: its entries show the country that put a story
    there (`Links.main_chips`). Empty for other listings."""


@dataclass(frozen=True, slots=True)
class Heading:
    """What every page of a listing shows of the listing itself (the listing template's
    `listing`): no stories, so a template cannot show what the page's key leaves out."""

    path: str
    title: str
    description: str
    crumbs: tuple[tuple[str, str], ...]
    feed: bool
    places: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListingPage:
    """One page of a listing and everything its bytes are made of: `_listing_page` reads
    nothing else (but the site config and the stories' paths), so this value, its stories by
    digest and their paths are the page's key in the page cache (`Renderer.listing_key`)."""

    heading: Heading
    path: str
    index: int
    """0 for the first page (the newest stories), then the older pages, newest first."""
    pages: tuple[str, ...]
    """Paths of all the listing's pages, first page first (the pager links among them)."""
    total: int
    """The listing's story count, which only the first page shows (0 on older pages)."""
    children: tuple[tuple[str, str, int], ...]
    """(label, page, story count) of the listings below; only the first page shows them."""
    more: bool
    """Whether older stories live on the children's pages."""
    stories: tuple[Article, ...]


def story_count(count: int) -> str:
    """A listing's count of stories as the page shows it (the number) and as a screen reader
    reads it (the number and the word: "Politics 3" alone named no link's meaning)."""
    word = "story" if count == 1 else "stories"
    return f'<span class="nd-count">{count}<span class="nd-unseen"> {word}</span></span>'


def listing_pages(listing: Listing) -> list[ListingPage]:
    """The listing's first page (the newest stories) and its older pages, as recipes.

    Older pages are cut from the oldest story up (`older_pages`), so each keeps its
    stories, path and title as new stories arrive; nothing on them names the listing's
    total or page count, which change with every story. A new dump rewrites the first page
    and, when that overflows, one older page more.
    A listing with children (a region, a sub-region, a year) is one page of its newest
    PAGE_SIZE stories under links to its children: every older story is on a child's
    pages, and paging the parent too stored each story once more per level above its
    country or month (a third of a 50,000-story site).
    """
    if listing.children:
        first, older = listing.articles[:PAGE_SIZE], []
    else:
        first, older = older_pages(listing.articles)
    base = posixpath.dirname(listing.path)
    paths = (listing.path, *(f"{base}/page/{number}.md" for number, _ in older))
    chunks = [first] + [chunk for _, chunk in older]
    heading = Heading(
        path=listing.path,
        title=listing.title,
        description=listing.description,
        crumbs=listing.crumbs,
        feed=listing.feed,
        places=listing.places,
    )
    return [
        ListingPage(
            heading=heading,
            path=path,
            index=index,
            pages=paths,
            total=0 if index else len(listing.articles),
            children=() if index else listing.children,
            more=bool(listing.children) and len(listing.articles) > len(chunk),
            stories=chunk,
        )
        for index, (path, chunk) in enumerate(zip(paths, chunks, strict=True))
    ]


def older_pages(
    articles: tuple[Article, ...],
) -> tuple[tuple[Article, ...], list[tuple[int, tuple[Article, ...]]]]:
    """(the first page's stories, [(number, stories) of each older page, newest first]).

    `articles` run newest first. Older pages hold PAGE_SIZE stories each and are numbered
    from the oldest (page 1 holds the oldest stories), so a new story leaves them alone; the
    first page takes the rest, PAGE_SIZE to 2 * PAGE_SIZE - 1 stories (fewer in a short
    listing), and gives its oldest PAGE_SIZE to a new older page when it reaches 2 * PAGE_SIZE.
    """
    count = max(0, len(articles) // PAGE_SIZE - 1)
    first = len(articles) - count * PAGE_SIZE
    older = []
    for number in range(count, 0, -1):
        start = first + (count - number) * PAGE_SIZE
        older.append((number, articles[start : start + PAGE_SIZE]))
    return articles[:first], older


def page_span(stories: tuple[Article, ...]) -> str:
    """`3 March 2025 – 9 April 2025`: the dates of a page's oldest and newest story."""
    newest, oldest = long_date(stories[0].date), long_date(stories[-1].date)
    return newest if newest == oldest else f"{oldest} – {newest}"


def with_children(listing: Listing, children: list[Listing]) -> Listing:
    below = tuple((c.title, c.path, len(c.articles)) for c in children)
    return replace(listing, children=below)
