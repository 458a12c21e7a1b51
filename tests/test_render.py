"""Render: article pages, listings (paginated, with counts), region hierarchy and the archive."""

from __future__ import annotations

import datetime as dt
import gc
import posixpath
import re

import frontmatter
import pytest

from generator import render as render_module
from generator.build import gazetteer_for
from generator.model import Article, SourceRef, TitleSource
from generator.render import Renderer, article_paths, render
from generator.render.links import read_entry
from generator.render.listings import PAGE_SIZE, older_pages
from generator.text import long_date


def make_article(n: int, **fields: object) -> Article:
    values: dict[str, object] = {
        "id": f"{n:012x}",
        "title": f"Story number {n}",
        "title_source": TitleSource.LEAD,
        "paragraphs": (f"Paragraph of story {n} about harbours and lighthouses.",),
        "sources": (SourceRef(dump="d.txt", first=n, last=n),),
        "date": dt.date(2025, 1 + n % 12, 1 + n % 28),
        "summary": f"Summary {n}.",
        "topics": ("politics",),
        "countries": ("TW",),
        "regions": ("eastern-asia",),
    }
    values.update(fields)
    return Article(**values)


@pytest.fixture(scope="module")
def pages(config):
    articles = [make_article(n) for n in range(1, 121)]
    return {p.path: p.data.decode("utf-8") for p in render(config, gazetteer_for(config), articles)}


def test_first_page_takes_what_full_older_pages_leave(pages) -> None:
    # 120 stories: one full older page of the 50 oldest, the 70 newest on the first page.
    assert PAGE_SIZE == 50
    first = frontmatter.loads(pages["topics/politics/index.md"])
    assert len(first.metadata["stories"]) == 70
    assert "120 stories" in first.content
    older = frontmatter.loads(pages["topics/politics/page/1.md"])
    assert len(older.metadata["stories"]) == 50
    assert "topics/politics/page/2.md" not in pages


@pytest.mark.parametrize(
    ("count", "first", "older"),
    [(0, 0, []), (49, 49, []), (99, 99, []), (100, 50, [50]), (149, 99, [50]), (150, 50, [50, 50])],
)
def test_older_pages_are_full_and_numbered_from_the_oldest(count, first, older) -> None:
    stories = tuple(make_article(n) for n in range(count))
    newest, pages = older_pages(stories)
    assert len(newest) == first
    assert [len(chunk) for _, chunk in pages] == older
    assert [number for number, _ in pages] == list(range(len(older), 0, -1))
    assert newest + tuple(a for _, chunk in pages for a in chunk) == stories


def test_a_new_story_changes_only_the_first_page_of_a_listing(config, pages) -> None:
    articles = [make_article(n) for n in range(1, 121)]
    newest = make_article(500, date=dt.date(2026, 1, 1))
    after = render(config, gazetteer_for(config), [*articles, newest])
    changed = {p.path for p in after if pages.get(p.path) != p.data.decode("utf-8")}
    assert "topics/politics/index.md" in changed
    assert not any("/page/" in path for path in changed)


def test_listing_bodies_carry_no_raw_html_block(pages) -> None:
    # Entries and navigation are front-matter data the theme lays out (main.html): raw HTML
    # in the body cost MkDocs two html.parser passes per page.
    for path in ("topics/politics/page/1.md", "regions/taiwan/index.md", "regions/asia/index.md"):
        body = frontmatter.loads(pages[path]).content
        assert not re.search(r"^<(?!span)", body, re.M), path


def test_listing_entry_is_the_story_with_its_main_chips(pages) -> None:
    entries = frontmatter.loads(pages["regions/taiwan/index.md"]).metadata["stories"]
    entry = read_entry(entries[0])
    assert (entry.title, entry.summary, entry.kicker) == ("Story number 83", "Summary 83.", "")
    assert entry.brief is False
    assert entry.url == "../../articles/2025/12/story-number-83/"
    assert (entry.date, entry.day) == ("2025-12-28", "28 December 2025")
    assert entry.chips == ["Politics", "../../topics/politics/", "Taiwan", "../../regions/taiwan/"]


def test_a_region_entry_names_the_country_that_put_the_story_there(config) -> None:
    # A Japanese story mentioning Taiwan showed only "Japan" on Taiwan's page: the reader
    # could not see why it was there.
    story = make_article(1, countries=("JP", "TW"), regions=("eastern-asia",))
    pages = {p.path: p.data for p in render(config, gazetteer_for(config), [story])}

    def chips(path: str) -> list[str]:
        [entry] = frontmatter.loads(pages[path].decode("utf-8")).metadata["stories"]
        return read_entry(entry).chips[2::2]

    assert chips("regions/taiwan/index.md") == ["Japan", "Taiwan"]
    assert chips("regions/japan/index.md") == ["Japan"]
    assert chips("regions/eastern-asia/index.md") == ["Japan"]
    assert chips("topics/politics/index.md") == ["Japan"]


def test_listing_entry_keeps_its_fields_apart_whatever_its_text(config) -> None:
    # An entry is one tab-joined string (Links.entry): a tab in a story's text must not
    # start a new field, or every field after it would shift.
    story = make_article(
        7, title="Tabs\tin a title", summary="A\tsummary", kicker="KICK\tER", truncated=True
    )
    rendered = render(config, gazetteer_for(config), [story])
    listing = next(p for p in rendered if p.path == "regions/taiwan/index.md").data.decode()
    entry = read_entry(frontmatter.loads(listing).metadata["stories"][0])
    assert (entry.title, entry.summary, entry.kicker) == ("Tabs in a title", "A summary", "KICK ER")
    assert entry.brief is True
    assert entry.chips == ["Politics", "../../topics/politics/", "Taiwan", "../../regions/taiwan/"]


def test_pages_link_to_each_other(pages) -> None:
    # The built site's directory URLs, from page/1/ up to the root and down again.
    older = frontmatter.loads(pages["topics/politics/page/1.md"]).metadata["pager"]
    assert older == {"latest": None, "newer": "../../../../topics/politics/", "older": None}
    first = frontmatter.loads(pages["topics/politics/index.md"]).metadata["pager"]
    assert first == {"latest": None, "newer": None, "older": "../../topics/politics/page/1/"}
    assert "pager" not in frontmatter.loads(pages["archive/2025/01/index.md"]).metadata


def test_older_pages_name_their_dates_not_the_total(pages) -> None:
    older = frontmatter.loads(pages["topics/politics/page/1.md"])
    dates = sorted(make_article(n).date for n in range(1, 121))[:50]
    span = f"{long_date(dates[0])} – {long_date(dates[-1])}"
    assert older.metadata["title"] == f"Politics, {span}"
    assert "120 stories" not in older.content and span in older.content


def test_region_hierarchy_pages_and_breadcrumbs(pages) -> None:
    taiwan = frontmatter.loads(pages["regions/taiwan/index.md"]).metadata
    assert taiwan["crumbs"] == [
        ["Regions", "../../regions/"],
        ["Asia", "../../regions/asia/"],
        ["Eastern Asia", "../../regions/eastern-asia/"],
        ["Taiwan"],
    ]
    asia = frontmatter.loads(pages["regions/asia/index.md"]).metadata
    assert asia["within"] == "Asia"
    assert asia["children"] == [["Eastern Asia", "../../regions/eastern-asia/", 120]]


def test_parent_listings_show_only_their_newest_stories(pages) -> None:
    # Regions, sub-regions and years: one page of the newest, then links to their children,
    # whose own pages hold every older story (a country pages through all of its 120).
    for path in ("regions/asia/index.md", "regions/eastern-asia/index.md", "archive/2025/index.md"):
        meta = frontmatter.loads(pages[path]).metadata
        assert len(meta["stories"]) == PAGE_SIZE, path
        newest = read_entry(meta["stories"][0])  # 28 December
        assert newest.title == "Story number 83", path
        assert meta["more"] is True and meta["children"], path
        assert "pager" not in meta, path
        assert not any(p.startswith(path.removesuffix("index.md") + "page/") for p in pages)
    taiwan = frontmatter.loads(pages["regions/taiwan/index.md"]).metadata
    assert "more" not in taiwan and "pager" in taiwan
    assert "regions/taiwan/page/1.md" in pages


def test_archive_has_years_and_months_with_counts(pages) -> None:
    archive = pages["archive/index.md"]
    # the number shows; a screen reader also hears what it counts (one story, or stories)
    stories = '<span class="nd-count">{}<span class="nd-unseen"> {}</span></span>'.format
    assert f"[2025](2025/index.md) {stories(120, 'stories')}" in archive
    assert f"[January 2025 {stories(10, 'stories')}](2025/01/index.md)" in archive
    assert frontmatter.loads(pages["archive/2025/01/index.md"]).metadata["title"] == "January 2025"


def test_listings_advertise_their_feeds(pages) -> None:
    assert (
        frontmatter.loads(pages["topics/politics/index.md"]).metadata["feeds"] == "topics/politics"
    )
    assert frontmatter.loads(pages["index.md"]).metadata["feeds"] == ""
    assert "feeds" not in frontmatter.loads(pages["archive/2025/index.md"]).metadata
    assert "topics/politics/atom.xml" in pages and "regions/taiwan/rss.xml" in pages


def test_home_puts_full_stories_on_top_and_briefs_below(config) -> None:
    full = make_article(1, title="Whole story")
    brief = make_article(2, title="Cut story", truncated=True, date=dt.date(2025, 12, 31))
    pinned = make_article(3, title="Pinned story", truncated=True, pinned=True)
    pages = render(config, gazetteer_for(config), [full, brief, pinned])
    home = frontmatter.loads(next(p for p in pages if p.path == "index.md").data.decode())
    top = [read_entry(entry).title for entry in home.metadata["top"]]
    briefs = [read_entry(entry).title for entry in home.metadata["briefs"]]
    assert all(read_entry(entry).brief for entry in home.metadata["briefs"])
    assert top.index("Pinned story") < top.index("Whole story")
    assert "Cut story" in briefs and "Cut story" not in top
    assert not re.search(r"^<(?!/?form|label|input|button)", home.content, re.M)


def test_article_page_has_reading_time_chips_notice_and_provenance(config) -> None:
    # The theme (main.html) lays these out from the front matter; tests/test_article_page.py
    # checks the built page.
    article = make_article(
        1, truncated=True, paragraphs=("word " * 460,), photo_credits=("CNA",), kicker="BIG NEWS"
    )
    page = render(config, gazetteer_for(config), [article])
    meta = frontmatter.loads(next(p for p in page if p.path.startswith("articles/")).data).metadata
    assert meta["minutes"] == 2
    assert meta["chips"] == [
        "Politics", "../../../../topics/politics/", "Taiwan", "../../../../regions/taiwan/"
    ]  # fmt: skip
    assert meta["truncated"] is True and meta["kicker"] == "BIG NEWS"
    assert meta["sources"] == [{"dump": "d.txt", "lines": [1, 1]}]
    assert meta["photo_credits"] == ["CNA"]


def test_article_body_is_only_the_story_text(config) -> None:
    # Kicker, title, deck, chips, notices and credits are front matter the theme lays out:
    # as raw HTML, attribute lists, admonitions and links they cost MkDocs ~0.8 ms a page.
    article = make_article(
        1,
        truncated=True,
        kicker="K",
        deck="D",
        note="N",
        edited=("title",),
        photo_credits=("CNA",),
        dateline="TAIPEI",
        paragraphs=("First (one).", "Second."),
    )
    curated = render(config, gazetteer_for(config), [article])
    text = next(p for p in curated if p.path.startswith("articles/")).data.decode()
    post = frontmatter.loads(text)
    assert post.content == "**TAIPEI** —\nFirst (one).\n\nSecond."
    assert (post.metadata["note"], post.metadata["edited"]) == ("N", ["title"])
    assert "description" not in post.metadata  # the theme falls back to `summary`


def test_a_paragraph_too_long_to_read_is_laid_out_as_several(config) -> None:
    # a whole article pasted as one line: blocks of sentences, every word kept, in order
    pasted = " ".join(f"Crews cleared berth {n} of the harbour by Friday." for n in range(120))
    article = make_article(1, paragraphs=("A short first paragraph.", pasted))
    curated = render(config, gazetteer_for(config), [article])
    page = next(p for p in curated if p.path.startswith("articles/")).data.decode()
    blocks = frontmatter.loads(page).content.split("\n\n")
    assert blocks[0] == "A short first paragraph."
    assert len(blocks) > 5
    assert " ".join(blocks[1:]) == pasted


def test_article_boxes_are_front_matter_with_plain_text_and_final_urls(config) -> None:
    # The theme lays the boxes out and escapes every value (main.html; tests/test_site.py and
    # tests/test_hostile_site.py check the built HTML): here they stay the plain text, and the
    # links are the built site's directory URLs, which MkDocs does not rewrite.
    hostile = "<b>Bold</b> & [link](x.md) *stars*"
    one = make_article(
        1, source_names=(hostile,), sources=(SourceRef(dump="<d>.txt", first=3, last=9),)
    )
    two = make_article(2, title=hostile, paragraphs=one.paragraphs)
    pages = {p.path: p.data.decode() for p in render(config, gazetteer_for(config), [one, two])}
    page = frontmatter.loads(pages[article_paths([one, two])[one.id]])
    assert page.metadata["sources"] == [{"dump": "<d>.txt", "lines": [3, 9]}]
    assert page.metadata["source_names"] == [hostile]
    target = article_paths([one, two])[two.id].removesuffix(".md")
    assert page.metadata["related"] == [
        {"title": hostile, "url": f"../../../../{target}/", "day": long_date(two.date)}
    ]
    assert "<aside" not in page.content and "<b>" not in page.content


def test_article_front_matter_round_trips(config) -> None:
    article = make_article(7, kicker="K", deck="A deck")
    page = next(
        p for p in render(config, gazetteer_for(config), [article]) if p.path.startswith("art")
    )
    meta = frontmatter.loads(page.data.decode()).metadata
    assert meta["id"] == article.id and meta["date"] == article.date
    assert (meta["title"], meta["kicker"], meta["deck"]) == (article.title, "K", "A deck")
    assert meta["topics"] == ["politics"] and meta["countries"] == ["TW"]


def test_article_paths_are_the_single_place_paths_are_decided() -> None:
    a, b = make_article(1, title="Same"), make_article(2, title="Same", date=dt.date(2025, 2, 3))
    b = make_article(2, title="Same", date=a.date)
    paths = article_paths([a, b])
    assert paths[a.id] == f"articles/{a.date:%Y/%m}/same.md"
    assert paths[b.id] == f"articles/{a.date:%Y/%m}/same-{b.id}.md"


def test_long_date_spells_the_month() -> None:
    assert long_date(dt.date(2025, 12, 10)) == "10 December 2025"
    assert long_date(None) == "Undated"


def test_render_is_deterministic(config) -> None:
    articles = [make_article(n) for n in range(1, 30)]
    first = render(config, gazetteer_for(config), articles)
    second = render(config, gazetteer_for(config), list(reversed(articles)))
    assert first == second


LINK_CASES = [
    "index.md",
    "topics/politics/index.md",
    "topics/politics/page/1.md",
    "articles/2025/12/a.md",
    "articles/2024/01/b.md",
    "archive/2025/index.md",
    "atom.xml",
]


@pytest.mark.parametrize("here", LINK_CASES)
def test_link_is_what_relpath_gives(config, here) -> None:
    renderer = Renderer(config, gazetteer_for(config), [])
    for target in LINK_CASES:
        expected = posixpath.relpath(target, posixpath.dirname(here) or ".")
        assert renderer.links.link(here, target) == expected


def test_unknown_country_gets_one_other_page(config) -> None:
    article = make_article(1, countries=("ZZ",))
    paths = [p.path for p in render(config, gazetteer_for(config), [article])]
    assert len(paths) == len(set(paths))
    assert "regions/other/index.md" in paths


def test_a_new_story_rewrites_only_what_shows_it(config) -> None:
    # 300 stories over two topics and two countries: several older pages per listing.
    geo = gazetteer_for(config)
    topics = [("politics",), ("economy",), ("politics", "economy")]
    articles = [
        make_article(n, topics=topics[n % 3], countries=(("TW", "JP")[n % 2],))
        for n in range(1, 301)
    ]
    newest = make_article(900, date=dt.date(2026, 1, 1), topics=("politics",))
    before_renderer = Renderer(config, geo, articles)
    after_renderer = Renderer(config, geo, [*articles, newest])
    before = {p.path: p.data for p in before_renderer.render()}
    after = {p.path: p.data for p in after_renderer.render()}
    changed = {path for path, data in after.items() if before.get(path) != data}
    related_changed = {
        after_renderer.paths[a.id]
        for a in articles
        if before_renderer.related[a.id] != after_renderer.related[a.id]
    }
    expected_kinds = {
        after_renderer.paths[newest.id],
        ".permalinks.json",
        "index.md",
        "topics/index.md",
        "regions/index.md",
        "archive/index.md",
    }
    unexplained = {
        path
        for path in changed - expected_kinds - related_changed
        if not path.endswith(("/index.md", ".xml"))  # first pages of listings, feeds
    }
    assert unexplained == set()
    assert any("/page/" in path for path in after)  # there are older pages to leave alone


def test_fewer_collections_restores_the_collectors_pace_even_on_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), render_module.fewer_collections():
        assert gc.get_threshold()[0] == render_module.COLLECT_EVERY
        raise RuntimeError
    assert gc.get_threshold() == before
