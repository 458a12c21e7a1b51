"""A reader's paths through the site: home -> topic -> article and back, regions, phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, Served, wait_for_results

pytestmark = pytest.mark.browser

ARTICLE_TITLE = "Former Japanese minister calls on Japan, Taiwan to form “quasi-security alliance”"


def test_home_to_topic_to_article_and_back(page: Page, served: Served) -> None:
    page.goto(served.url)
    expect(page.get_by_role("heading", name="Top stories")).to_be_visible()
    expect(page.get_by_role("heading", name="More stories")).to_be_visible()
    page.locator(".nd-browse").get_by_role("link", name="Politics").click()
    expect(page).to_have_url(served.page_url("topics/politics/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Politics")
    expect(page.locator(".nd-meta").first).to_contain_text("3 stories")
    page.get_by_role("link", name=ARTICLE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    expect(page.locator("main")).to_contain_text("min read")
    expect(page.locator("main")).to_contain_text("Photos in the original report: CNA")
    expect(page.get_by_role("heading", name="Related stories")).to_be_visible()
    expect(page.get_by_role("heading", name="Where it was found")).to_be_visible()
    page.go_back()
    expect(page).to_have_url(served.page_url("topics/politics/"))
    page.go_back()
    expect(page).to_have_url(served.url)


def test_a_brief_says_it_holds_only_the_start(page: Page, served: Served) -> None:
    page.goto(served.page_url("articles/2025/12/citing-more-than-1-000-fraud-cases/"))
    expect(page.locator(".nd-kicker")).to_have_text("PROBLEMATIC APP")
    expect(page.locator(".admonition.warning")).to_contain_text("Only the start of this story")


def test_related_stories_are_three_to_five_other_articles(page: Page, served: Served) -> None:
    page.goto(
        served.page_url(
            "articles/2025/12/former-japanese-minister-calls-on-japan-taiwan-and-other/"
        )
    )
    links = page.locator(".nd-related li a")
    assert 3 <= links.count() <= 5
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert all("articles/" in h or h.startswith("../") for h in hrefs)
    assert not any("former-japanese-minister" in h for h in hrefs)


def test_region_hierarchy_asia_to_taiwan(page: Page, served: Served) -> None:
    page.goto(served.page_url("regions/"))
    page.get_by_role("link", name="Asia", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Asia")
    page.locator(".nd-children").get_by_role("link", name="Eastern Asia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eastern Asia")
    page.locator(".nd-children").get_by_role("link", name="Taiwan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Taiwan")
    crumbs = page.get_by_role("navigation", name="Breadcrumbs")
    expect(crumbs).to_contain_text("Regions › Asia › Eastern Asia › Taiwan")
    crumbs.get_by_role("link", name="Eastern Asia").click()
    expect(page).to_have_url(served.page_url("regions/eastern-asia/"))


def test_archive_by_year_and_month(page: Page, served: Served) -> None:
    page.goto(served.page_url("archive/"))
    page.get_by_role("link", name="December 2025").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("December 2025")
    expect(page.locator(".nd-item")).to_have_count(4)
    # The fifth story carries its curated date (site_config/curation.yml).
    page.goto(served.page_url("archive/"))
    page.get_by_role("link", name="July 2025").click()
    expect(page.locator(".nd-item")).to_have_count(1)


def test_a_years_count_says_what_it_counts(page: Page, served: Served) -> None:
    # "2025 5" in the heading's type read as part of the year (or as a range).
    page.goto(served.page_url("archive/"))
    count = page.locator("h2 .nd-count").first
    word = count.locator(".nd-unseen")
    expect(count).to_have_text("5 stories")
    box = word.bounding_box()
    assert box is not None and box["width"] > 20  # shown, not only read out
    size = count.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    year = page.locator("h2").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size < 0.8 * year


PHONE_PAGES = [
    "",
    "articles/2025/12/former-japanese-minister-calls-on-japan-taiwan-and-other/",
    "articles/2025/12/classified-pentagon-produced-multiyear-assessment-the/",
    "topics/politics/",
    "regions/",
    "regions/taiwan/",
    "archive/",
    "search/?q=Xiaohongshu",
]


def test_phone_has_no_sideways_scroll(phone: Page, served: Served) -> None:
    too_wide = {}
    for path in PHONE_PAGES:
        phone.goto(served.page_url(path))
        if path.startswith("search/"):
            wait_for_results(phone, "Xiaohongshu")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path or "home"] = width
    assert too_wide == {}


def test_light_or_dark_follows_the_system_setting(page: Page, served: Served) -> None:
    # Set before the page paints (main.html's header script), and again when it changes.
    scheme = "document.body.dataset.mdColorScheme"
    for system, expected in (("dark", "slate"), ("light", "default")):
        page.emulate_media(color_scheme=system)
        page.goto(served.page_url("topics/politics/"))
        assert page.evaluate(scheme) == expected, system
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_missing_page_shows_the_sites_404(page: Page, served: Served, watch) -> None:
    response = page.goto(served.page_url("no-such-story/"))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.get_by_role("link", name="Go to the front page").click()
    expect(page).to_have_url(served.url)
    # The 404 itself is the expected failure here.
    watch.failed_responses = [r for r in watch.failed_responses if "no-such-story" not in r]
    watch.console_errors = [e for e in watch.console_errors if "404" not in e]
