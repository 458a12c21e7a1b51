"""The article page as built: its head and tail come from front matter, laid out by the theme.

site_config/overrides/main.html writes the kicker, title, deck, date line, chips, notices,
photo credit and curator's edits from the front matter (generator/render/). MkDocs' Jinja
does not autoescape, so these tests build a site whose front matter holds hostile text, the
curator's edits included, and read what a reader gets.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import gazetteer_for, plan
from generator.config import SiteConfig
from generator.curate import curate
from generator.curation import Curation, Decision
from generator.render import render
from generator.search_index import search_pages
from generator.write import write
from tests.browser.site import mkdocs_config
from tests.conftest import ROOT
from tests.test_hostile_site import parse

pytestmark = pytest.mark.site

SITE_URL = "https://example.org/digest/"
TITLE = '</h1><script>alert("title")</script> {: onclick=x } [x](javascript:alert(1))'
KICKER = '"><img src=x onerror=alert(2)>'
DECK = '{: onclick="alert(3)" } <b>deck</b> [deck](javascript:alert(4)) **not bold**'
CREDITS = ("<script>alert(5)</script>", '"><img src=x onerror=alert(6)>')
BYLINE = "By <b>Jane Doe</b> / Staff reporter; Additional reporting by [x](javascript:alert(8))"
NOTE = 'Checked. <iframe src="https://evil.example/"></iframe> [x](javascript:alert(7)) {: .x }'
NOTE_PATTERN = (
    r'<div class="admonition info">\n<p class="admonition-title">Editor\'s note</p>\n'
    r"<p>(.*?)</p>\n</div>"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, config: SiteConfig) -> tuple[Path, str]:
    """The sample built with hostile text in its main story's front matter: a curated title
    and note (site_config/curation.yml's keys), a kicker, deck and photo credits; -> the work
    folder (content/, site/) and the story's content path."""
    work = tmp_path_factory.mktemp("article")
    gazetteer = gazetteer_for(config)
    articles = plan(ROOT / "dumps", config).articles
    story = next(a for a in articles if a.first_source.first == 1)
    decision = Decision(id=story.id, line=2, title=TITLE, note=NOTE)
    curation = Curation(path=Path("site_config/curation.yml"), decisions=(decision,))
    articles = curate(articles, curation, config.topics, gazetteer)
    articles = [
        dataclasses.replace(a, kicker=KICKER, deck=DECK, photo_credits=CREDITS, byline=BYLINE)
        if a.id == story.id
        else a
        for a in articles
    ]
    pages = render(config, gazetteer, articles)
    write(pages, work / "content")
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(mkdocs_config(work))]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    [path] = [p.path for p in pages if f"\nid: {story.id}\n".encode() in p.data]
    return work, path


def _page(built: tuple[Path, str]) -> str:
    work, path = built
    return (work / "site" / path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def _text_of(pattern: str, page: str) -> list[str | None]:
    """The text of every element the pattern matches (its group 1), unescaped; None for one
    holding a tag (a value that was not escaped: `<` starts a tag only unescaped)."""
    found = re.findall(pattern, page, re.S)
    return [None if "<" in raw else html.unescape(raw) for raw in found]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r'<h1 data-pagefind-weight="10" id="nd-title">(.*?)</h1>', TITLE),
        (r'<span class="nd-kicker">(.*?)</span>', KICKER),
        (r'<span class="nd-deck">(.*?)</span>', DECK),
        (r'<span class="nd-byline">(.*?)</span>', BYLINE),
        (
            r'<span class="nd-credit">(.*?)</span>',
            f"Photos in the original report: {', '.join(CREDITS)}",
        ),
        (NOTE_PATTERN, NOTE),
        (r'<span class="nd-edited">(.*?)</span>', "A curator edited this story's title."),
        (r"<title>(.*?)</title>", f"{TITLE} - News Digest"),
    ],
    ids=["title", "kicker", "deck", "byline", "credit", "note", "edited", "html-title"],
)
def test_hostile_front_matter_shows_as_typed(built, pattern: str, expected: str) -> None:
    assert _text_of(pattern, _page(built)) == [expected]


def test_hostile_front_matter_adds_no_element_attribute_or_script(built) -> None:
    parsed = parse_page(built)
    for tag, attributes in parsed.elements:
        assert tag not in {"img", "iframe", "b"}, tag
        for name, value in attributes.items():
            assert not name.startswith("on"), f"<{tag} {name}>"
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)
    assert not any("alert(" in code for code in parsed.scripts)


def parse_page(built: tuple[Path, str]):
    work, path = built
    return parse(work / "site" / path.removesuffix(".md") / "index.html")


def test_the_head_is_laid_out_in_page_order(built) -> None:
    page = _page(built)
    start = page.index("<div data-pagefind-body>")
    order = ["nd-kicker", "<h1 ", "nd-deck", "nd-meta", "nd-byline", "nd-chip", "admonition info"]
    order += ["Takaichi", "nd-credit", "nd-edited", "nd-provenance"]
    places = [page.index(mark, start) for mark in order]
    assert places == sorted(places)
    meta = '<time datetime="2025-12-10">10 December 2025</time><span data-pagefind-ignore>'
    assert meta + " · 2 min read</span>" in page
    assert re.search(r'<a class="nd-chip" href="\.\./\.\./\.\./\.\./topics/politics/">', page)


def test_skip_to_content_leads_to_the_title(built) -> None:
    # Material's skip link follows the Markdown's first heading; the theme writes the h1 now.
    page = _page(built)
    assert page.count('class="md-skip"') == 1
    link = page.index('<a href="#nd-title" class="md-skip">Skip to content</a>')
    assert link < page.index("<header") < page.index('id="nd-title"')


def test_meta_description_falls_back_to_the_summary(built) -> None:
    # Articles carry no `description` (it repeated `summary`); the theme reads the summary.
    page = _page(built)
    assert re.search(r'<meta name="description" content="A former Japanese minister', page)
    assert re.search(r'<meta property="og:description" content="A former Japanese minister', page)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


_IGNORED = re.compile(r"<(\w+)[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\1>", re.S)
"""An element the page marks as no words of the story (its notes about itself)."""


def test_search_indexes_the_words_the_page_shows(built) -> None:
    # generator/search_index.py reads content/, not the built page: the same words as the
    # page's searchable part (its provenance and related boxes and its notes about itself
    # left out), in the page's order but for the line under the title, which comes last
    # (search_index._date_line).
    work, _ = built
    for found in search_pages(work / "content"):
        page = (work / "site" / found.path / "index.html").read_text(encoding="utf-8")
        body = page[page.index("<div data-pagefind-body>") : page.index('<aside class="nd-prov')]
        body = _IGNORED.sub(" ", body)
        shown = html.unescape(re.sub(r"<[^>]+>", " ", body))
        indexed = " ".join(block or found.title for block in found.blocks)
        assert sorted(_words(indexed)) == sorted(_words(shown)), found.path
        title = len(_words(found.title))
        assert _words(indexed)[:title] == _words(shown)[:title], found.path  # the title first
