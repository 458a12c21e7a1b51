"""Pagefind search on the Search page: Latin and CJK words, titles first, listings unindexed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Served, wait_for_results

pytestmark = pytest.mark.browser

RESULT = ".pagefind-ui__result"


def _search(page: Page, served: Served, query: str) -> list[str]:
    page.goto(served.page_url("search/"))
    page.locator(".pagefind-ui__search-input").fill(query)
    wait_for_results(page, query)
    return page.locator(f"{RESULT}-link").all_inner_texts()


def test_latin_word_finds_its_story(page: Page, served: Served) -> None:
    titles = _search(page, served, "Xiaohongshu")
    assert titles[0].startswith("KMT Chairwoman Cheng Li-wun decries government plan")


def test_cjk_name_finds_its_story(page: Page, served: Served) -> None:
    titles = _search(page, served, "賴清德")
    assert titles == [
        "Former Japanese minister calls on Japan, Taiwan to form “quasi-security alliance”"
    ]


@pytest.mark.parametrize("query", ["Taiwanxyz", "Taiwan xyzq"])
def test_a_word_no_story_holds_finds_nothing(page: Page, served: Served, query: str) -> None:
    # Pagefind answered it with its longest prefix that some page holds ("Seagerr": 189
    # stories about the sea), as if those stories held the word.
    page.goto(served.page_url("search/"))
    page.locator(".pagefind-ui__search-input").fill(query)
    message = page.locator(".pagefind-ui__message")
    expect(message).to_have_text(f"No results for {query}")
    expect(page.locator(RESULT)).to_have_count(0)
    # while a word is typed, its beginning still finds the stories whose words it begins
    assert len(_search(page, served, "Taiw")) == 5


@pytest.mark.parametrize("query", ["mid-sentence", "curator"])
def test_the_pages_notes_about_itself_find_nothing(page: Page, served: Served, query: str) -> None:
    # the "only the start" notice found every truncated story, and "A curator edited this
    # story's date" the story it was on; neither is the story's text
    page.goto(served.page_url("search/"))
    page.locator(".pagefind-ui__search-input").fill(query)
    expect(page.locator(".pagefind-ui__message")).to_have_text(f"No results for {query}")
    expect(page.locator(RESULT)).to_have_count(0)


def test_an_address_holding_only_spaces_searches_nothing(page: Page, served: Served) -> None:
    # `?q=+++` showed "No results for" with nothing after it
    page.goto(served.page_url("search/") + "?q=+++")
    expect(page.locator(".pagefind-ui__search-input")).to_be_visible()
    page.wait_for_timeout(1000)  # as long as a search takes to show its message
    expect(page.locator(".pagefind-ui__message")).to_have_count(0)


def test_every_result_shows_its_story_date(page: Page, served: Served) -> None:
    # Two copies of a story (a teaser and its later full text) read alike in the results:
    # only the date tells them apart.
    titles = _search(page, served, "Taiwanese")
    dates = page.locator(f"{RESULT}-tag").all_inner_texts()
    assert len(dates) == len(titles) >= 3
    shown = dict(zip(titles, dates, strict=True))
    main = "Former Japanese minister calls on Japan, Taiwan to form “quasi-security alliance”"
    assert shown[main] == "Date: 29 July 2025"  # the curator's date, not the dump's
    assert shown["Taiwanese praised for their composure"] == "Date: 10 December 2025"


def test_title_match_ranks_first(page: Page, served: Served) -> None:
    # "composure" is in one title; "Taiwanese" in a title and in the text of other stories.
    assert _search(page, served, "composure")[0] == "Taiwanese praised for their composure"
    titles = _search(page, served, "citizenship")
    assert titles[0] == "Small number of Taiwanese lose their citizenship rights"


def test_a_story_holding_the_word_comes_before_longer_words_it_begins(
    page: Page, served: Served
) -> None:
    # Pagefind reads the last word as a beginning: "Lai" found "laid it flat" in the
    # earthquake story and ranked it above the one story naming President Lai
    titles = _search(page, served, "Lai")
    assert titles == [
        "Former Japanese minister calls on Japan, Taiwan to form “quasi-security alliance”",
        "Taiwanese praised for their composure",
    ]


def test_only_articles_are_indexed(page: Page, served: Served) -> None:
    _search(page, served, "Taiwan")
    hrefs = page.locator(f"{RESULT}-link").evaluate_all("els => els.map(e => e.href)")
    assert hrefs and all("/articles/" in h for h in hrefs)


def test_home_search_box_opens_results(page: Page, served: Served) -> None:
    page.goto(served.url)
    page.get_by_role("searchbox", name="Search every story").fill("Pentagon")
    page.get_by_role("button", name="Search").click()
    wait_for_results(page, "Pentagon")
    expect(page.locator(f"{RESULT}-link").first).to_contain_text("Pentagon")


def test_the_address_keeps_the_query(page: Page, served: Served) -> None:
    # A reload, or the way back from a result, shows the same results.
    _search(page, served, "composure")
    assert page.url.endswith("search/?q=composure")
    page.reload()
    wait_for_results(page, "composure")
    assert page.locator(f"{RESULT}-link").first.inner_text() == (
        "Taiwanese praised for their composure"
    )


def test_an_excerpt_opens_with_the_story_not_its_date_line(page: Page, served: Served) -> None:
    # "composure" is in the title only: Pagefind quotes the page from its top.
    _search(page, served, "composure")
    excerpt = page.locator(f"{RESULT}-excerpt").first.inner_text()
    assert "min read" not in excerpt.split(".")[0] and "December 2025" not in excerpt[:80]
    assert "Taiwanese were praised" in excerpt


def test_clearing_the_box_clears_the_address(page: Page, served: Served) -> None:
    _search(page, served, "composure")
    page.locator(".pagefind-ui__search-input").fill("")
    page.wait_for_function("!location.search.includes('q=')")
    assert "q=" not in page.url


def test_the_number_of_results_is_announced(page: Page, served: Served) -> None:
    # Pagefind's message is a plain paragraph: a status region must repeat it for a screen
    # reader, which announces a live region's new text, not a paragraph's.
    _search(page, served, "composure")
    status = page.get_by_role("status")
    expect(status).to_have_text("1 result for composure")
    page.locator(".pagefind-ui__search-input").fill("Taiwan")
    wait_for_results(page, "Taiwan")
    expect(status).to_have_text("5 results for Taiwan")


@pytest.mark.parametrize(
    "query",
    ["https://www.example.org/news/taiwan/archives/2025/12/10/2003848767", "Taiwan " * 60],
    ids=["a-pasted-address", "a-long-query"],
)
def test_a_long_query_stays_on_a_phones_screen(phone: Page, served: Served, query: str) -> None:
    # Pagefind's "N results for ..." line sat in a flex box 24px high: an unbroken query
    # widened the page sideways, a long one ran over the results below it.
    phone.goto(served.page_url("search/"))
    phone.locator(".pagefind-ui__search-input").fill(query)
    message = phone.locator(".pagefind-ui__message")
    expect(message).to_contain_text(query.split()[0])
    sizes = phone.evaluate(
        "(() => { const m = document.querySelector('.pagefind-ui__message');"
        " const d = document.documentElement;"
        " return [d.scrollWidth, d.clientWidth, m.scrollHeight, m.clientHeight]; })()"
    )
    assert sizes[0] <= sizes[1], sizes  # no sideways scrolling
    assert sizes[2] <= sizes[3] + 1, sizes  # the message fits the box it takes up


def test_the_search_pages_box_shows_keyboard_focus(page: Page, served: Served) -> None:
    page.goto(served.page_url("search/"))
    box = page.locator(".pagefind-ui__search-input")
    box.focus()
    style = box.evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]"
    )
    assert style[0] != "none" and style[1] != "0px", style
