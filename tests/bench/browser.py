"""Measure what a reader's browser downloads: the home page, and the first Pagefind search.

Serves a built site on localhost as GitHub Pages does (tests/audit/server.py) and drives
Debian's Chromium through Playwright, summing the bytes each response put on the wire
(headers and body as sent, so gzip counts, as it does for a reader).
The search is run from a probe page the bench adds to its own copy of the site (never to
the repository's site): it loads the module the Search page searches with (assets/bundles/,
every bundle as one) and merges the older bundles in as the Search page does, runs one query
and fetches the first page of results. `plain=True` uses Pagefind's own module instead, to
compare.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.audit.server import serve

CHROMIUM = "/usr/bin/chromium"
RESULTS_SHOWN = 5
"""Pagefind's default UI shows five results before "load more"; their fragments count too."""
PROBE = "__bench_search.html"
_PROBE_HTML = """<!doctype html><meta charset="utf-8"><title>probe</title>
<script src="./pagefind/bundles.js"></script>
<script type="module">
// As the Search page (assets/search.js): the newest month's bundle, the archive merged in.
let loaded = null;
const pagefind = () => loaded ??= import("MODULE").then(async (module) => {
  await module.options({baseUrl: "/"});
  for (const path of window.ndSearchBundles || []) {
    await module.mergeIndex("/pagefind/" + path, {baseUrl: "/"});
  }
  return module;
});
window.runSearch = async (term) => {
  const search = await (await pagefind()).search(term);
  const shown = await Promise.all(search.results.slice(0, RESULTS_SHOWN).map((r) => r.data()));
  return {count: search.results.length, urls: shown.map((d) => d.url),
          ids: search.results.map((r) => r.id)};
};
window.findUrl = async (term) => {
  const search = await (await pagefind()).search(term);
  const all = await Promise.all(search.results.map((r) => r.data()));
  return all.map((d) => d.url);
};
</script>""".replace("RESULTS_SHOWN", str(RESULTS_SHOWN))
SEARCH_MODULE = "./assets/bundles/pagefind.js"
PAGEFIND_MODULE = "./pagefind/pagefind.js"
SEARCH_FILES = ("/pagefind/", "/assets/bundles/")
"""What a search downloads: Pagefind's files, and the module that searches the bundles as one."""


@dataclass(frozen=True, slots=True)
class Search:
    term: str
    results: int
    bytes: int
    files: int


def _counting(context) -> dict[str, int]:
    """url -> bytes on the wire (body as sent, gzip included) of every finished request."""
    seen: dict[str, int] = {}

    def record(request) -> None:
        sizes = request.sizes()
        seen[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    context.on("requestfinished", record)
    return seen


@contextmanager
def probing(site: Path, plain: bool = False) -> Iterator[str]:
    """`site` served as GitHub Pages serves it, the probe page added while the block runs;
    yield the base URL (the probe is at base + PROBE). `plain`: Pagefind's own mergeIndex."""
    module = PAGEFIND_MODULE if plain else SEARCH_MODULE
    (site / PROBE).write_text(_PROBE_HTML.replace("MODULE", module), encoding="utf-8")
    try:
        with serve(site) as base:
            yield base
    finally:
        (site / PROBE).unlink()


def measure(site: Path, terms: list[str], must_find: list[tuple[str, str]]) -> dict[str, object]:
    """Home page weight, bytes of the first search for each term (cold cache), and whether
    each (term, page url) pair is found."""
    with probing(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context()
            seen = _counting(context)
            page = context.new_page()
            page.goto(base, wait_until="networkidle")
            home = sum(seen.values())
            context.close()
            searches = []
            for term in terms:
                context = browser.new_context()
                seen = _counting(context)
                page = context.new_page()
                page.goto(base + PROBE, wait_until="networkidle")
                seen.clear()
                result = page.evaluate("(t) => window.runSearch(t)", term)
                page.wait_for_load_state("networkidle")
                searched = {u: b for u, b in seen.items() if any(f in u for f in SEARCH_FILES)}
                total = sum(searched.values())
                searches.append(Search(term, result["count"], total, len(searched)))
                context.close()
            found = []
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + PROBE, wait_until="networkidle")
            for term, url in must_find:
                urls = page.evaluate("(t) => window.findUrl(t)", term)
                found.append(any(u.rstrip("/").endswith(url.rstrip("/")) for u in urls))
            context.close()
        finally:
            browser.close()
    return {"home_bytes": home, "searches": searches, "found": found}
