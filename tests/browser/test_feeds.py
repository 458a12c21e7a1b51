"""Feed discovery: pages advertise their feeds, and the feeds parse cleanly (feedparser)."""

from __future__ import annotations

import urllib.request

import feedparser
import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Served

pytestmark = pytest.mark.browser


def _advertised(page: Page) -> dict[str, str]:
    """type -> absolute href of every feed link in the page's head, later ones win."""
    links = page.locator("head link[rel=alternate]").evaluate_all(
        "els => els.map(e => [e.type + ' ' + e.title, e.href])"
    )
    return dict(links)


def _parse(url: str) -> feedparser.FeedParserDict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return feedparser.parse(response.read())


@pytest.mark.parametrize(
    ("path", "title", "entries"),
    [
        ("", "News Digest", 5),
        ("topics/politics/", "Politics", 3),
        ("regions/eastern-asia/", "Eastern Asia", 5),
        ("regions/taiwan/", "Taiwan", 4),
    ],
)
def test_page_advertises_atom_and_rss_that_parse(
    page: Page, served: Served, path: str, title: str, entries: int
) -> None:
    page.goto(served.page_url(path))
    feeds = {k: v for k, v in _advertised(page).items() if k.startswith("application/")}
    own = [href for key, href in feeds.items() if key.split(" ", 1)[1].startswith(title)]
    assert len(own) == 2, feeds
    for href in own:
        feed = _parse(href)
        assert not feed.bozo, f"{href}: {feed.get('bozo_exception')}"
        assert len(feed.entries) == entries
        for entry in feed.entries:
            assert entry.link.startswith(served.url + "articles/")
            assert entry.id.startswith("urn:news-digest:article:")
            assert entry.published_parsed[:3] == (2025, 12, 10)


def test_feed_entry_links_open_their_articles(page: Page, served: Served) -> None:
    feed = _parse(served.page_url("atom.xml"))
    for entry in feed.entries:
        page.goto(entry.link)
        assert page.locator("h1").inner_text() == entry.title
