"""How often the Search page's bundles put the right story first for a rare word.

    python tests/bench/search_quality.py SITE_PARENT [--words 80] [--seed 7] [--plain]

SITE_PARENT holds `site/` and `.site-search/` (a bench tree such as `/tmp/bench/10000`). Words
of six letters or more that 1-4 articles hold are drawn at random; each is searched from the
bench's probe page (browser.py: the Search page's module over the bundles `pagefind/bundles.js`
lists; `--plain`: Pagefind's own mergeIndex) in Debian's Chromium, and the first five results
are compared with the articles that hold the word. Pagefind answers a word a bundle lacks with
the longest prefix of it the bundle holds, which Pagefind's merge ranks beside the real
answers; the Search page's module filters them out. This prints the share of words whose
first result is right, and recall at 5.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

# Run as a script: its own folder for browser, the repository for generator.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import CHROMIUM, PROBE, probing

from generator.search_index import MANIFEST


def holders(pages: Path) -> dict[str, set[str]]:
    """Each word of six letters or more -> the article URLs whose search page holds it."""
    words: dict[str, set[str]] = collections.defaultdict(set)
    for page in pages.glob("articles/*/*/*/index.html"):
        url = f"/{page.parent.relative_to(pages).as_posix()}/"
        text = re.sub(r"<[^>]+>", " ", page.read_text("utf-8")).lower()
        for word in set(re.findall(r"[a-z]{6,}", text)):
            words[word].add(url)
    return words


def first_results(site: Path, words: list[str], plain: bool) -> dict[str, list[str]]:
    """The URLs of the first five results of each word, searched on the probe page."""
    with probing(site, plain) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(base + PROBE, wait_until="networkidle")
            return {w: page.evaluate("(t) => window.runSearch(t)", w)["urls"] for w in words}
        finally:
            browser.close()


@dataclass(frozen=True, slots=True)
class Quality:
    bundles: int
    words: int
    first: int
    """Words whose first result holds them."""
    recall: float
    """Mean share of a word's articles among its first five results."""


def rare_words(pages: Path, count: int = 80, seed: int = 7) -> dict[str, set[str]]:
    """`count` words held by 1-4 of the search pages in `pages`, drawn with `seed` -> the
    article URLs that hold each."""
    words = holders(pages)
    rare = sorted(w for w, urls in words.items() if len(urls) <= 4)
    return {w: words[w] for w in random.Random(seed).sample(rare, min(count, len(rare)))}


def quality(tree: Path, rare: dict[str, set[str]], plain: bool = False) -> Quality:
    """Search the `rare` words on `tree`'s site (its bundles as the last build's manifest in
    `.site-search/` lists them)."""
    found = first_results(tree / "site", list(rare), plain)
    first = sum(bool(found[w]) and found[w][0] in urls for w, urls in rare.items())
    recall = sum(len(set(found[w]) & urls) / len(urls) for w, urls in rare.items()) / len(rare)
    bundles = json.loads((tree / ".site-search" / MANIFEST).read_text("utf-8"))
    return Quality(len(bundles), len(rare), first, recall)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("tree", type=Path)
    parser.add_argument("--words", type=int, default=80)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--plain", action="store_true", help="Pagefind's own mergeIndex, not assets/bundles/"
    )
    args = parser.parse_args()
    rare = rare_words(args.tree / ".site-search", args.words, args.seed)
    q = quality(args.tree, rare, args.plain)
    print(f"{q.bundles} bundles: right story first {q.first}/{q.words}, recall@5 {q.recall:.3f}")


if __name__ == "__main__":
    main()
