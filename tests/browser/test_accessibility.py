"""axe-core on the main page kinds, light and dark: no serious or critical violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.browser.conftest import DESKTOP, PHONE, Served, Watch, open_page, wait_for_results

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "articles/2025/12/former-japanese-minister-calls-on-japan-taiwan-and-other/",
    "articles/2025/12/citing-more-than-1-000-fraud-cases/",
    "topics/politics/",
    "regions/",
    "regions/asia/",
    "archive/",
    "search/?q=Taiwan",
    "no-such-page/",
]
BLOCKING = {"serious", "critical"}


# Contrast depends on the palette and layout on the width: two runs cover both axes.
@pytest.mark.parametrize(
    ("viewport", "scheme"),
    [(DESKTOP, "light"), (PHONE, "dark")],
    ids=["desktop-light", "phone-dark"],
)
def test_no_serious_violations(
    browser: Browser, served: Served, watch: Watch, scheme: str, viewport: dict[str, int]
) -> None:
    page = open_page(browser, served, watch, viewport=viewport, color_scheme=scheme)
    axe = Axe()
    problems = []
    for path in PAGES:
        page.goto(served.page_url(path))
        if path.startswith("search/"):
            wait_for_results(page, "Taiwan")
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in BLOCKING:
                targets = [n["target"] for n in violation["nodes"]][:3]
                problems.append(f"{path or 'home'}: {violation['id']} {targets}")
    page.context.close()
    watch.failed_responses = [r for r in watch.failed_responses if "no-such-page" not in r]
    watch.console_errors = [e for e in watch.console_errors if "404" not in e]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_home_search_box_shows_keyboard_focus(
    browser: Browser, served: Served, watch: Watch, scheme: str
) -> None:
    page = open_page(browser, served, watch, viewport=DESKTOP, color_scheme=scheme)
    page.goto(served.url)
    for _ in range(40):  # Tab through the page's links until the box has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "nd-q":
            break
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.id, s.outlineStyle, s.outlineWidth]; })()"
    )
    page.context.close()
    assert style[0] == "nd-q"
    assert style[1] != "none" and style[2] != "0px", style


def _focused(page) -> dict:
    return page.evaluate(
        "(() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
        " return {tag: e.tagName, text: (e.innerText || e.getAttribute('aria-label') || ''),"
        " left: r.left, right: r.right, width: r.width}; })()"
    )


def test_a_phone_keyboard_opens_the_menu_and_never_tabs_off_screen(
    browser: Browser, served: Served, watch: Watch
) -> None:
    page = open_page(browser, served, watch, viewport=PHONE)
    page.goto(served.url)
    stops = []
    for _ in range(12):  # the header, then the page: every stop is a control one can see
        page.keyboard.press("Tab")
        stops.append(_focused(page))
    assert all(s["width"] > 0 and s["left"] >= 0 and s["right"] <= 390 for s in stops), stops
    assert any(s["text"] == "Menu" for s in stops), stops
    page.goto(served.url)
    while _focused(page)["text"] != "Menu":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)  # the drawer slides in
    for _ in range(10):
        page.keyboard.press("Tab")
        if _focused(page)["text"] == "Topics":
            break
    seen = _focused(page)
    page.context.close()
    assert seen["text"] == "Topics" and 0 <= seen["left"] < 390, seen


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_keyboard_focus_never_hides_under_the_sticky_header(
    browser: Browser, served: Served, watch: Watch, viewport: dict[str, int]
) -> None:
    # Tabbing back up a page scrolls each link just into view: at the window's top edge,
    # under the header that stays there, unless the link keeps a margin below it.
    page = open_page(browser, served, watch, viewport=viewport)
    hidden = []
    for path in PAGES[:4]:
        page.goto(served.page_url(path))
        page.locator(".md-main a").last.focus()
        for _ in range(30):
            page.keyboard.press("Shift+Tab")
            stop = page.evaluate(
                "(() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
                " const h = document.querySelector('.md-header').getBoundingClientRect();"
                " return {text: e.innerText, top: r.top, header: h.bottom,"
                " inHeader: !!e.closest('.md-header, .md-tabs, .md-skip')}; })()"
            )
            if stop["inHeader"]:
                break
            if stop["top"] < stop["header"]:
                hidden.append(f"{path or 'home'}: {stop}")
    page.context.close()
    assert hidden == [], "\n".join(hidden[:5])


def test_every_page_opens_with_a_skip_link_to_its_heading(
    browser: Browser, served: Served, watch: Watch
) -> None:
    page = open_page(browser, served, watch, viewport=DESKTOP)
    missing = []
    for path in PAGES:
        page.goto(served.page_url(path))
        if path.startswith("search/"):
            wait_for_results(page, "Taiwan")
            page.locator(".md-header a").first.focus()  # the box took the focus
            page.keyboard.press("Shift+Tab")
        else:
            page.keyboard.press("Tab")
        first = page.evaluate(
            "(() => { const e = document.activeElement; const id = (e.hash || '').slice(1);"
            " const t = id && document.getElementById(decodeURIComponent(id));"
            " return [e.innerText.trim(), t ? t.tagName : null]; })()"
        )
        if first != ["Skip to content", "H1"]:
            missing.append(f"{path or 'home'}: {first}")
    page.context.close()
    watch.failed_responses = [r for r in watch.failed_responses if "no-such-page" not in r]
    watch.console_errors = [e for e in watch.console_errors if "404" not in e]
    assert missing == [], "\n".join(missing)


@pytest.mark.parametrize("path", ["", "regions/", "archive/"])
def test_a_count_in_a_link_says_what_it_counts(
    browser: Browser, served: Served, watch: Watch, path: str
) -> None:
    # "Politics 3" named no link's meaning for a screen reader: the count carries its word,
    # hidden on screen, where the number alone shows.
    page = open_page(browser, served, watch, viewport=DESKTOP)
    page.goto(served.page_url(path))
    counted = page.locator("a:has(.nd-count)")
    texts = counted.evaluate_all("links => links.map(a => a.textContent)")
    names = [" ".join(text.split()) for text in texts]  # as an accessible name is read
    shown = page.locator("a .nd-count").first.evaluate(
        "e => e.firstChild.textContent + '|' + getComputedStyle(e.lastElementChild).clipPath"
    )
    page.context.close()
    assert names, path
    assert all(name.endswith((" story", " stories")) for name in names), names
    assert shown.split("|")[1] != "none", shown  # in a link, the word is clipped off screen


@pytest.mark.parametrize(
    "path", ["search/", "articles/2025/12/citing-more-than-1-000-fraud-cases/"]
)
def test_every_tab_stop_can_be_seen(
    browser: Browser, served: Served, watch: Watch, path: str
) -> None:
    # Pagefind's Clear button (with an empty box) and Material's back-to-top button (while
    # hidden) sit at opacity 0 and still took the focus: it seemed lost for two presses.
    page = open_page(browser, served, watch, viewport=DESKTOP)
    page.goto(served.page_url(path))
    unseen = []
    for _ in range(20):
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)  # a skip link fades in when focused
        seen = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return [e.outerHTML.slice(0, 80), e === document.body ||"
            " e.checkVisibility({opacityProperty: true, visibilityProperty: true})]; })()"
        )
        if not seen[1]:
            unseen.append(seen[0])
    page.context.close()
    assert unseen == []
