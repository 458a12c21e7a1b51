"""Search over hostile dumps in a real browser: markup typed into a dump comes back as text.

Pagefind stores each page's text as plain characters, so `<img src=x onerror=alert(1)>`
typed in a dump sits in the index as those characters. The search UI must show them, not
turn them into elements or run them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    Served,
    Watch,
    open_page,
    serving,
    wait_for_results,
)
from tests.conftest import GOLDEN

pytestmark = pytest.mark.browser

# Each query hits a hostile line whose markup would act if it reached the page as HTML.
QUERIES = ["onerror", "iframe", "onmouseover", "javascript", "alert"]
INJECTED = "img, iframe, script, b, [onclick], [onerror], [onmouseover], a[href^='javascript']"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("hostile-site"), GOLDEN / "hostile" / "dumps") as site:
        yield site


@pytest.mark.parametrize("query", QUERIES)
def test_results_show_dump_markup_as_text(
    browser: Browser, hostile: Served, watch: Watch, query: str
) -> None:
    page = open_page(browser, hostile, watch, viewport=DESKTOP)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile.page_url("search/"))
    page.locator(".pagefind-ui__search-input").fill(query)
    wait_for_results(page, query)
    results = page.locator(".pagefind-ui__results")
    assert results.locator(INJECTED).count() == 0
    assert query in results.inner_text().lower()
    assert dialogs == []
    page.context.close()


def test_excerpts_show_entities_a_dump_typed_as_typed(
    browser: Browser, hostile: Served, watch: Watch
) -> None:
    # The Search page shows an excerpt as HTML, and Pagefind escapes only < and > in it.
    page, excerpt = _first_result(browser, hostile, watch, "entities")
    assert "&lt;escaped&gt; &amp; &#x3C;script&#x3E; entities" in excerpt
    page.context.close()


def _first_result(browser: Browser, site: Served, watch: Watch, word: str) -> tuple[Page, str]:
    """A desktop Search page with `word` typed into it; -> the page and its first excerpt."""
    page = open_page(browser, site, watch, viewport=DESKTOP)
    page.goto(site.page_url("search/"))
    page.locator(".pagefind-ui__search-input").fill(word)
    wait_for_results(page, word)
    return page, page.locator(".pagefind-ui__result-excerpt").first.inner_text()


# A headline typed with HTML references in it: the search result's title and the excerpt,
# which quotes the page from its top heading, must both show them as typed.
ENTITY_TITLE = "Officials quoted &lt;b&gt;zorblax&lt;/b&gt; and &amp;copy in the memo"
ENTITY_DUMP = f"""{ENTITY_TITLE}

The memo story was read out in Taipei on Sunday, its headline full of entities, officials said.
"""
# A word far wider than a phone (a pasted hash, a URL without spaces) in a story's lead.
LONG_WORD = "Longword" + "W" * 150
LONG_WORD_DUMP = f"""{LONG_WORD} reached Tokyo on Monday in the lead of a story, officials said.
The second line of the long word story came from Tokyo too, officials said.
"""


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    dumps = tmp_path_factory.mktemp("typed-dumps")
    (dumps / "2025-07-27_memo.txt").write_text(ENTITY_DUMP, encoding="utf-8")
    (dumps / "2025-07-28_long.txt").write_text(LONG_WORD_DUMP, encoding="utf-8")
    with serving(tmp_path_factory.mktemp("typed-site"), dumps) as site:
        yield site


def test_a_title_with_entities_shows_as_typed_in_results_and_excerpts(
    browser: Browser, typed: Served, watch: Watch
) -> None:
    page, excerpt = _first_result(browser, typed, watch, "zorblax")
    assert page.locator(".pagefind-ui__result-link").first.inner_text() == ENTITY_TITLE
    assert excerpt.startswith(ENTITY_TITLE), excerpt
    page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_long_word_in_a_result_does_not_widen_the_page(
    browser: Browser, typed: Served, watch: Watch, viewport: dict[str, int]
) -> None:
    page = open_page(browser, typed, watch, viewport=viewport)
    page.goto(typed.page_url("search/?q=tokyo"))
    wait_for_results(page, "tokyo")
    assert LONG_WORD in page.locator(".pagefind-ui__result-excerpt").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.context.close()
