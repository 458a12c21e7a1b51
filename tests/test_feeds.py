"""Feeds: valid Atom and RSS, absolute links under site_url, stable ids, dates from articles."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest

from generator.render.feeds import FEED_SIZE, entry_id, feed_pages, page_url
from tests.test_render import make_article

SITE = "https://example.org/digest/"


@pytest.fixture
def articles():
    return [make_article(n, date=dt.date(2025, 3, n)) for n in range(1, 6)]


def _feeds(config, articles, folder="topics/politics"):
    paths = {a.id: f"articles/2025/03/story-{a.id}.md" for a in articles}
    pages = feed_pages(
        config,
        folder=folder,
        title="Politics",
        description="Government and parties.",
        articles=articles,
        paths=paths,
        topic_names={"politics": "Politics"},
    )
    return {p.path: p.data for p in pages}


@pytest.mark.parametrize("name", ["atom.xml", "rss.xml"])
def test_feed_parses_without_errors(config, articles, name) -> None:
    feed = feedparser.parse(_feeds(config, articles)[f"topics/politics/{name}"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.title for e in feed.entries] == [a.title for a in articles]
    assert feed.feed.title == "Politics · News Digest"


@pytest.mark.parametrize("name", ["atom.xml", "rss.xml"])
def test_links_are_absolute_and_ids_stable(config, articles, name) -> None:
    feed = feedparser.parse(_feeds(config, articles)[f"topics/politics/{name}"])
    first = feed.entries[0]
    assert first.link == f"{SITE}articles/2025/03/story-{articles[0].id}/"
    assert first.id == entry_id(articles[0]) == f"urn:news-digest:article:{articles[0].id}"
    assert first.published_parsed[:3] == (2025, 3, 1)


def test_feed_date_is_the_newest_story_not_the_clock(config, articles) -> None:
    feed = feedparser.parse(_feeds(config, articles)["topics/politics/atom.xml"])
    assert feed.feed.updated_parsed[:3] == (2025, 3, 5)


def test_same_input_same_bytes(config, articles) -> None:
    assert _feeds(config, articles) == _feeds(config, articles)


def test_feed_keeps_the_newest_and_skips_undated(config) -> None:
    newest_first = [make_article(n, date=dt.date(2024, 1, 1) + dt.timedelta(n)) for n in range(80)]
    newest_first.reverse()
    undated = make_article(99, date=None)
    feed = feedparser.parse(_feeds(config, [undated, *newest_first])["topics/politics/rss.xml"])
    assert len(feed.entries) == FEED_SIZE
    assert feed.entries[0].title == newest_first[0].title


def test_site_feed_lives_at_the_root_without_a_sitemap(config, articles) -> None:
    assert sorted(_feeds(config, articles, folder="")) == ["atom.xml", "rss.xml"]
    assert "topics/politics/sitemap.xml" in _feeds(config, articles)


@pytest.mark.parametrize(
    ("md", "url"),
    [
        ("index.md", SITE),
        ("topics/politics/index.md", SITE + "topics/politics/"),
        ("articles/2025/03/a-story.md", SITE + "articles/2025/03/a-story/"),
    ],
)
def test_page_url_follows_directory_urls(md, url) -> None:
    assert page_url(SITE, md) == url
