"""Every link, stylesheet, script and image on every built page resolves on the local server,
and no page refers to another host (a third-party request waiting to happen)."""

from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.browser.conftest import Served

pytestmark = pytest.mark.browser

# Links a reader may follow off the site on purpose (credits); never loaded by the page.
OUTBOUND_ALLOWED = ("https://iptc.org/", "https://squidfunk.github.io/mkdocs-material/")


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in {"href", "src"}:
                self.refs.append((tag, value))


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_every_internal_reference_resolves(served: Served) -> None:
    pages = sorted(served.root.rglob("*.html"))
    assert len(pages) > 20
    checked: dict[str, int] = {}
    broken, foreign = [], []
    for file in pages:
        if file.name == "404.html":
            continue
        rel = file.relative_to(served.root).as_posix()
        page_url = served.page_url(rel.removesuffix("index.html"))
        parser = _Refs()
        parser.feed(file.read_text(encoding="utf-8"))
        for tag, ref in parser.refs:
            url = urljoin(page_url, ref).split("#")[0]
            if url.startswith(("mailto:", "data:", "javascript:")):
                continue
            if not url.startswith(served.url):
                if tag != "a" or not url.startswith(OUTBOUND_ALLOWED):
                    foreign.append(f"{rel}: <{tag}> {url}")
                continue
            if url not in checked:
                checked[url] = _status(url)
            if checked[url] != 200:
                broken.append(f"{rel}: {ref} -> {checked[url]}")
    assert broken == []
    assert foreign == []
    assert any(urlsplit(u).path.startswith("/articles/") for u in checked)
