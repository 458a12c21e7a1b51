"""Search over every bundle: the newest month's stories and the archive's bundles of older
ones (generator/search_index.py), merged by the Search page into one list of results, without
the answers a bundle gives a word it lacks (site_config/overrides/assets/bundles/pagefind.js)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from generator import site_build
from tests.browser.conftest import Served, Watch, open_page, serving, wait_for_results
from tests.browser.site import mkdocs_config
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

PROBE = "Quagga"
"""A word no sample story holds, in the title of the archived copy."""
SHORTER = "Quag"
"""The start of PROBE, as a word: Pagefind answers PROBE with it where PROBE is lacking."""
OLDER = {"2024/03": PROBE, "2023/07": f"Okapi {SHORTER}"}
"""The older months of the copies, and words only the copy's title holds."""


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The sample site, and copies of two of its stories filed in two older months, each an
    archive bundle of its own (one page closes a bundle)."""
    work = tmp_path_factory.mktemp("archive-site")
    with serving(work) as served:
        articles = work / "content" / "articles"
        sources = sorted(articles.rglob("*.md"))[:2]
        for source, (month, title) in zip(sources, OLDER.items(), strict=True):
            older = articles / month / "archived-copy.md"
            older.parent.mkdir(parents=True)
            text = source.read_text("utf-8").replace("title: ", f"title: {title} ", 1)
            older.write_text(text, "utf-8")
        env = {**os.environ, "SITE_URL": served.url, "NO_MKDOCS_2_WARNING": "1"}
        config = mkdocs_config(work)
        site_build.build(config, ROOT / "site_config", 2, least=0, environ=env, archive_pages=1)
        for month in OLDER:
            bundle = f"archive/{month.replace('/', '-')}"
            assert (served.root / "pagefind" / bundle / "pagefind-entry.json").is_file()
        yield served


@pytest.fixture
def page(browser: Browser, archived: Served, watch: Watch) -> Iterator[Page]:
    page = open_page(browser, archived, watch)
    yield page
    page.context.close()


def _search(page: Page, served: Served, query: str) -> list[str]:
    page.goto(served.page_url("search/"))
    page.locator(".pagefind-ui__search-input").fill(query)
    wait_for_results(page, query)
    links = page.locator(".pagefind-ui__result-link")
    return links.evaluate_all("els => els.map(e => e.href)")


def test_an_archived_story_is_found_and_its_link_opens_it(page: Page, archived: Served) -> None:
    hrefs = _search(page, archived, PROBE)
    # Alone: Pagefind's 2023 bundle, lacking PROBE, answers it with SHORTER.
    assert hrefs == [archived.page_url("articles/2024/03/archived-copy/")]
    page.goto(hrefs[0])
    assert page.locator("h1").first.inner_text().startswith(PROBE)


def test_one_search_lists_stories_of_every_bundle(page: Page, archived: Served) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    hrefs = _search(page, archived, "Xiaohongshu")
    months = {href.split("/articles/")[1][:7] for href in hrefs}
    assert months == {"2025/12", "2024/03"}  # the 2023 copy is of a story without the word
    for bundle in ("archive/2024-03/", "archive/2023-07/"):
        assert any(f"/pagefind/{bundle}" in url for url in requested)
    assert _search(page, archived, "Okapi") == [
        archived.page_url("articles/2023/07/archived-copy/")
    ]
    assert "nd-bundle" not in page.locator("#search").inner_text()  # the bundles' tag


def test_a_bundle_holding_only_longer_words_still_answers(page: Page, archived: Served) -> None:
    """The 2024 bundle lacks SHORTER but holds PROBE, which begins with it: as one index
    would, the search lists both copies."""
    hrefs = _search(page, archived, SHORTER)
    assert sorted(hrefs) == [
        archived.page_url(f"articles/{month}/archived-copy/") for month in sorted(OLDER)
    ]


def test_load_more_takes_the_keyboard_to_the_first_added_result(
    page: Page, archived: Served
) -> None:
    # Seven stories hold "Taiwan", five show: "Load more results" adds two above itself.
    _search(page, archived, "Taiwan")
    more = page.locator(".pagefind-ui__button")
    more.focus()
    page.keyboard.press("Enter")
    sixth = page.locator(".pagefind-ui__result").nth(5).locator(".pagefind-ui__result-link")
    expect(sixth).to_be_focused()
    page.keyboard.press("Tab")  # the seventh, not out of the results
    seventh = page.locator(".pagefind-ui__result").nth(6).locator(".pagefind-ui__result-link")
    expect(seventh).to_be_focused()
