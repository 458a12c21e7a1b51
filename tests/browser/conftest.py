"""The built sample site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

The site is built once per test session (per xdist worker) into a temporary folder, with
`site_url` set to the local server's address so that absolute links (feeds, canonical URLs)
resolve locally too. Every page a test opens records its console errors and every request to
a host other than the local server is blocked and recorded; both must stay empty.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.site import build_site
from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 8_000
"""Every page here loads in well under a second; a stuck wait should fail fast."""


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files quietly and answers a missing page with the site's 404.html, as GitHub
    Pages does."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    """A local server for the browser: a page that navigates away while a file is still being
    sent closes the connection, which is no failure of the site (the standard server prints a
    BrokenPipeError traceback into the test output for it). Any other error is printed."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Served:
    """The built site on disk and the address it is served at."""

    root: Path
    url: str
    """Base URL with a trailing slash, e.g. http://127.0.0.1:40123/."""

    def page_url(self, path: str) -> str:
        return self.url + path.lstrip("/")


@contextlib.contextmanager
def serving(work: Path, dumps: Path = ROOT / "dumps") -> Iterator[Served]:
    """Build `dumps` into `work` and serve the site on a free local port until the block ends."""
    root = work / "site"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = QuietServer(("127.0.0.1", 0), handler)  # binds now: a free port
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_site(work, url, dumps=dumps)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(root=root, url=url)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("browser-site")) as site:
        yield site


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@dataclass
class Watch:
    """What a page did that a reader's browser must never see."""

    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)


def open_page(browser: Browser, served: Served, watch: Watch, **context_options) -> Page:
    """A new page whose foreign requests are blocked and recorded, console errors recorded."""
    context = browser.new_context(**context_options)
    context.set_default_timeout(TIMEOUT_MS)
    host = urlsplit(served.url).netloc

    def route(route_) -> None:
        request_host = urlsplit(route_.request.url).netloc
        if route_.request.url.startswith(("data:", "blob:")) or request_host == host:
            route_.continue_()
        else:
            watch.foreign_requests.append(route_.request.url)
            route_.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    page.on(
        "response",
        lambda r: r.status >= 400 and watch.failed_responses.append(f"{r.status} {r.url}"),
    )
    return page


@pytest.fixture
def watch() -> Iterator[Watch]:
    watch = Watch()
    yield watch
    assert watch.foreign_requests == [], "requests to third-party hosts"
    assert watch.failed_responses == [], "requests that failed"
    assert watch.console_errors == [], "console errors"


@pytest.fixture
def page(browser: Browser, served: Served, watch: Watch) -> Iterator[Page]:
    page = open_page(browser, served, watch, viewport=DESKTOP)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Browser, served: Served, watch: Watch) -> Iterator[Page]:
    page = open_page(browser, served, watch, viewport=PHONE, is_mobile=True, has_touch=True)
    yield page
    page.context.close()


# Pagefind draws a placeholder per result, then loads each one's title and excerpt: wait
# until the message names this query and every result has its title.
_SETTLED = """query => {
    const message = document.querySelector('.pagefind-ui__message');
    const results = document.querySelectorAll('.pagefind-ui__result');
    const titles = document.querySelectorAll('.pagefind-ui__result-link');
    return message && message.textContent.includes(query)
        && results.length > 0 && titles.length === results.length;
}"""


def wait_for_results(page: Page, query: str) -> None:
    """Wait until Pagefind's UI shows every result for `query` with its title."""
    page.wait_for_function(_SETTLED, arg=query)
