"""How often the Search page's bundles put the right story first for a rare word.

    python tests/bench/search_quality.py SITE_PARENT [--words 80] [--seed 7]

SITE_PARENT holds `site/` and `.site-search/` (a bench tree such as `/tmp/bench/10000`). Words
of six letters or more that 1-4 articles hold are drawn at random; each is searched with
Pagefind's JS API over the bundles `pagefind/bundles.js` lists, in Debian's Chromium, and the
first five results are compared with the articles that hold the word. Pagefind answers a word
a bundle lacks with the longest prefix of it the bundle holds, so more bundles can mean worse
first results: this prints the share of words whose first result is right, and recall at 5.
"""

from __future__ import annotations

import argparse
import collections
import functools
import http.server
import json
import random
import re
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

SEARCH = """async (words) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.options({baseUrl: '/'});
  for (const path of window.ndSearchBundles || []) {
    await pf.mergeIndex('/pagefind/' + path, {baseUrl: '/'});
  }
  const found = {};
  for (const word of words) {
    const search = await pf.search(word);
    const first = search.results.slice(0, 5);
    found[word] = await Promise.all(first.map(async (r) => (await r.data()).url));
  }
  return found;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Every fragment fetched would be a line of the output."""


def holders(pages: Path) -> dict[str, set[str]]:
    """Each word of six letters or more -> the article URLs whose search page holds it."""
    words: dict[str, set[str]] = collections.defaultdict(set)
    for page in pages.glob("articles/*/*/*/index.html"):
        url = f"/{page.parent.relative_to(pages).as_posix()}/"
        text = re.sub(r"<[^>]+>", " ", page.read_text("utf-8")).lower()
        for word in set(re.findall(r"[a-z]{6,}", text)):
            words[word].add(url)
    return words


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("tree", type=Path)
    parser.add_argument("--words", type=int, default=80)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    words = holders(args.tree / ".site-search")
    rare = sorted(w for w, urls in words.items() if len(urls) <= 4)
    drawn = random.Random(args.seed).sample(rare, args.words)
    handler = functools.partial(_Quiet, directory=str(args.tree / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/search/", wait_until="networkidle")
        found = page.evaluate(SEARCH, drawn)
        browser.close()
    server.shutdown()
    first = sum(bool(found[w]) and found[w][0] in words[w] for w in drawn)
    recall = sum(len(set(found[w]) & words[w]) / len(words[w]) for w in drawn) / len(drawn)
    script = (args.tree / "site" / "pagefind" / "bundles.js").read_text("utf-8")
    bundles = 1 + len(json.loads(script.partition("=")[2].strip().rstrip(";")))
    print(f"{bundles} bundles: right story first {first}/{len(drawn)}, recall@5 {recall:.3f}")


if __name__ == "__main__":
    main()
