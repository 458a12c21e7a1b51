"""Publishing under a project path: the real site, built for https://user.github.io/repo/,
served from 127.0.0.1 under /repo/ (as GitHub Pages serves a project site) and read in
Chromium: every page, asset and internal link must resolve under the sub-path, and nothing
may be fetched from anywhere else."""

from __future__ import annotations

import functools
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import QuietServer
from tests.repo_copy import copy_repository, make

pytestmark = [pytest.mark.site, pytest.mark.browser]

SUB_PATH = "/repo/"
SITE_URL = f"https://user.github.io{SUB_PATH}"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make site` builds it (mkdocs and whatever the Makefile adds after it),
    from a copy of the repository, with SITE_URL set as the Pages workflow sets it."""
    repo = copy_repository(tmp_path_factory.mktemp("publish") / "repo")
    result = make(repo, "site", SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return repo / "site"


class _ProjectPages(SimpleHTTPRequestHandler):
    """Serves the site only under SUB_PATH, with 404.html for what is missing."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not self.path.startswith(SUB_PATH):
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_ProjectPages, directory=str(built_site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()
    server.server_close()


def _page_urls(site: Path, base: str) -> list[str]:
    """The address of every page of the built site, as a reader would open it."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return [base + page.removesuffix("index.html") for page in pages]


class _Reader:
    """One Chromium tab that opens pages and notes what went wrong loading each."""

    def __init__(self, browser: Browser, base: str):
        self.tab = browser.new_context().new_page()
        self.failures: list[str] = []
        self.url = ""
        self.tab.on("requestfailed", self._failed)
        self.tab.on("response", self._response)
        self.tab.on("request", lambda r: self._request(r.url, base))
        self.tab.on("pageerror", lambda error: self.failures.append(f"script error {error}"))

    def _failed(self, request) -> None:
        # Moving on to the next page aborts what the last one still loads lazily (favicon);
        # a missing file shows as a 404 response instead, and a foreign host in _request.
        if request.failure != "net::ERR_ABORTED":
            self.failures.append(f"failed ({request.failure}) {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400 and response.url != self.url:
            self.failures.append(f"{response.status} {response.url}")

    def _request(self, url: str, base: str) -> None:
        if not url.startswith(("data:", "blob:", base)):
            self.failures.append(f"outside the sub-path: {url}")

    def visit(self, url: str) -> tuple[int, list[str], list[str]]:
        """Open `url`; return its status, what failed while loading it, and its links."""
        self.url, self.failures = url, []
        response = self.tab.goto(url, wait_until="load")
        links = self.tab.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        return (response.status if response else 0), self.failures, links


@pytest.fixture(scope="module")
def crawl(browser: Browser, built_site: Path, base_url: str) -> dict[str, tuple]:
    """Every page of the site as Chromium loads it: url -> (status, failures, links)."""
    reader = _Reader(browser, base_url)
    return {url: reader.visit(url) for url in _page_urls(built_site, base_url)}


def test_site_url_reaches_the_built_site(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}">' in html
    assert f"<loc>{SITE_URL}</loc>" in (built_site / "sitemap.xml").read_text(encoding="utf-8")


def test_every_page_and_its_assets_load_under_the_sub_path(crawl: dict[str, tuple]) -> None:
    assert len(crawl) >= 20
    problems = [f"{url}: status {status}" for url, (status, _, _) in crawl.items() if status != 200]
    problems += [f"{url}: {f}" for url, (_, failures, _) in crawl.items() for f in failures]
    assert problems == []


def test_every_internal_link_resolves_under_the_sub_path(
    crawl: dict[str, tuple], base_url: str
) -> None:
    origin = base_url.removesuffix(SUB_PATH)
    links = {(url, link) for url, (_, _, found) in crawl.items() for link in found}
    leaving = [
        f"{url} -> {link}"
        for url, link in sorted(links)
        if link.startswith(origin) and not link.startswith(base_url)
    ]
    assert leaving == []
    targets = {link.split("#", 1)[0] for _, link in links if link.startswith(base_url)}
    broken = []
    for target in sorted(targets):
        try:
            with urllib.request.urlopen(target) as response:
                response.read()
        except urllib.error.HTTPError as err:
            broken.append(f"{err.code} {target}")
    assert broken == []
    story = "articles/2025/07/former-japanese-minister-calls-on-japan-taiwan-to-form/"
    assert base_url + story in targets


def test_not_found_page_keeps_its_look_under_the_sub_path(browser: Browser, base_url: str) -> None:
    status, failures, links = _Reader(browser, base_url).visit(base_url + "no/such/story/")
    assert status == 404
    assert failures == []
    assert base_url + "topics/" in links


def test_nothing_is_served_outside_the_sub_path(base_url: str) -> None:
    root = base_url.removesuffix(SUB_PATH) + "/index.html"
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(root)
    assert caught.value.code == 404
