"""The real site: mkdocs build --strict + Pagefind on the generated sample, read as HTML."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.site import build_site
from tests.conftest import ROOT

pytestmark = pytest.mark.site

SITE_URL = "https://example.org/digest/"
ARTICLE = "articles/2025/12/former-japanese-minister-calls-on-japan-taiwan-and-other/index.html"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site"), SITE_URL)


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_article_has_a_page(built_site: Path) -> None:
    pages = sorted(built_site.glob("articles/*/*/*/index.html"))
    assert len(pages) == 5


def test_pagefind_indexes_the_articles_only(built_site: Path) -> None:
    entry = _html(built_site, "pagefind/pagefind-entry.json")
    assert '"page_count":5' in entry.replace(" ", "")
    assert "data-pagefind-body" in _html(built_site, ARTICLE)
    assert "data-pagefind-body" not in _html(built_site, "topics/politics/index.html")


def test_no_lunr_index_is_shipped(built_site: Path) -> None:
    assert not (built_site / "search" / "search_index.json").exists()


def test_article_has_open_graph_and_twitter_meta(built_site: Path) -> None:
    html = _html(built_site, ARTICLE)
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="{SITE_URL}{ARTICLE[:-10]}">' in html
    # The dump is dated 2025-12-10; site_config/curation.yml gives the story its own date.
    assert '<meta property="article:published_time" content="2025-07-29">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert re.search(r'<meta name="description" content="A former Japanese minister', html)


@pytest.mark.parametrize(
    "page", ["index.html", "topics/index.html", "archive/index.html", "search/index.html", ARTICLE]
)
def test_every_page_has_a_meta_description(built_site: Path, page: str) -> None:
    assert re.search(r'<meta name="description" content="[^"]{10,}">', _html(built_site, page))


def test_listing_advertises_its_own_feeds(built_site: Path) -> None:
    html = _html(built_site, "regions/taiwan/index.html")
    assert 'type="application/atom+xml" title="Taiwan (Atom)" href="atom.xml"' in html
    assert 'type="application/rss+xml" title="News Digest (RSS)" href="../../rss.xml"' in html


def test_sitemap_and_404_exist(built_site: Path) -> None:
    assert f"<loc>{SITE_URL}{ARTICLE[:-10]}</loc>" in _html(built_site, "sitemap.xml")
    assert "<title>Page not found - News Digest</title>" in _html(built_site, "404.html")


def test_no_third_party_font_or_script(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        # Loaded resources only: canonical and feed links name the site's own URL, not a load.
        loads = re.findall(
            r'<(?:script|img)[^>]+src="([^"]+)"|<link rel="stylesheet" href="([^"]+)"', html
        )
        assert not [u for pair in loads for u in pair if u.startswith(("http", "//"))], page


def test_dump_html_never_reaches_the_site_as_markup(built_site: Path) -> None:
    for page in built_site.glob("articles/**/index.html"):
        assert "<script>alert" not in page.read_text(encoding="utf-8")


HOSTILE = (
    'Police in Taipei said a man wrote "><script>alert(1)</script> and <b>bold</b> on a wall'
    " of the Legislative Yuan yesterday, calling it a prank.\n"
)


def _site_of_one_dump(tmp_path: Path, text: str) -> Path:
    """The real site (no search index) built from one dump holding `text`."""
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "2025-12-11_wall.txt").write_text(text, encoding="utf-8")
    return build_site(tmp_path / "work", SITE_URL, dumps=dumps, pagefind=False)


def test_hostile_dump_text_stays_text_in_title_and_meta(tmp_path: Path) -> None:
    # Material puts front matter title and description into <title> and <meta> unescaped;
    # site_config/overrides/main.html escapes them. Without it this story runs a script.
    site = _site_of_one_dump(tmp_path, HOSTILE)
    pages = list(site.glob("articles/*/*/*/index.html"))
    assert len(pages) == 1
    html = pages[0].read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>bold" not in html
    assert 'content="Police in Taipei said a man wrote &#34;&gt;&lt;script&gt;' in html


BASE_PATH = "/digest/"
"""SITE_URL's path: the 404 page links from the site root (it is served at any depth)."""


def _local_hrefs(page: Path) -> list[str]:
    hrefs = re.findall(r'<a [^>]*href="([^"#?]*)', page.read_text(encoding="utf-8"))
    return [h for h in hrefs if h and not re.match(r"[a-z]+:|//", h)]


def test_every_internal_link_of_every_page_resolves(built_site: Path) -> None:
    # Listing entries and foot boxes are laid out by the theme with final URLs, which
    # mkdocs --strict does not check.
    broken = []
    for page in sorted(built_site.rglob("*.html")):
        for href in _local_hrefs(page):
            base = built_site if href.startswith(BASE_PATH) else page.parent
            target = (base / href.removeprefix(BASE_PATH)).resolve()
            if not (target / "index.html" if target.is_dir() else target).is_file():
                broken.append(f"{page.relative_to(built_site)}: {href}")
    assert broken == []


MARKUP = (
    "Officials in Taipei said **the vote** was <b>close</b> and _narrow_, citing "
    '"><script>alert(1)</script> and [a link](https://evil.example) on the Legislative Yuan wall.\n'
)


def test_dump_text_stays_text_in_listings_and_home(tmp_path: Path) -> None:
    site = _site_of_one_dump(tmp_path, MARKUP)
    listings = [site / "index.html", *sorted(site.glob("topics/*/index.html"))]
    items = [
        item
        for page in listings
        for item in re.findall(
            r'<article class="nd-item.*?</article>', _html(site, str(page.relative_to(site))), re.S
        )
    ]
    assert len(items) >= 2
    for item in items:
        assert "**the vote**" in item and "&lt;b&gt;close&lt;/b&gt;" in item
        assert not re.search(r"<(b|strong|em|script)\b|evil\.example\"", item)


OVERRIDES = ROOT / "site_config" / "overrides"


def test_generated_pages_skeleton_writes_base_html_bytes(built_site: Path, tmp_path: Path) -> None:
    # Generated pages are laid out by nd_page.html, not Material's base.html (main.html): the
    # same site built with base.html for every page must be the same bytes, page for page.
    overrides = tmp_path / "overrides"
    shutil.copytree(OVERRIDES, overrides)
    main = overrides / "main.html"
    text = main.read_text(encoding="utf-8")
    swapped = re.sub(r'\{% extends "nd_page\.html" if [^%]*%\}', '{% extends "base.html" %}', text)
    assert swapped != text
    main.write_text(swapped, encoding="utf-8")
    config = (built_site.parent / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in (("site_dir", tmp_path / "site"), ("custom_dir", overrides)):
        config = re.sub(rf"(?m)^(\s*){key}:.*$", rf"\g<1>{key}: {value}", config, count=1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f"]
    subprocess.run([*command, str(tmp_path / "mkdocs.yml")], check=True, env=env)
    pages = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    pages = [p for p in pages if p.parts[0] != "pagefind"]
    assert len(pages) > 20
    for page in pages:
        assert (tmp_path / "site" / page).read_bytes() == (built_site / page).read_bytes(), page


def test_skeleton_links_the_installed_materials_assets() -> None:
    # nd_page.html names Material's stylesheets and script, whose names carry a hash of the
    # installed Material version: base.html must name the same files.
    import material

    base = (Path(material.__file__).parent / "templates" / "base.html").read_text("utf-8")
    skeleton = (OVERRIDES / "nd_page.html").read_text(encoding="utf-8")
    names = re.findall(r"assets/(?:stylesheets|javascripts)/[\w.]+\.min\.(?:css|js)", base)
    assert len(names) == 3
    for name in names:
        assert name in skeleton, name
