"""Hostile dumps through the real site: mkdocs build --strict, then read the HTML a reader gets.

The dumps in tests/golden/hostile/dumps carry HTML, JavaScript, Markdown and Jinja2 syntax,
front-matter lookalikes, path tricks and legacy encodings. Whatever they hold must reach the
reader as the literal text it is: no element or attribute the templates did not write, no
script, no mojibake; in the feeds too, read as a feed reader reads them.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import pytest
from mkdocs.utils.meta import get_data

from generator.text import BLOCK_MAX
from tests.browser.site import build_site
from tests.conftest import GOLDEN

pytestmark = pytest.mark.site

DUMPS = GOLDEN / "hostile" / "dumps"
# What the article page itself writes inside the page body: the theme's head and tail from
# front matter (h1, meta spans, chip links, the "only the start" notice), the body's
# paragraphs and bold dateline.
# Related stories and provenance (dump names in <code>) add sections, lists and dates;
# Pagefind reads the data- marks.
ARTICLE_TAGS = {"h1", "h2", "p", "span", "a", "strong", "div", "section", "aside", "nav"}
ARTICLE_TAGS |= {"ul", "li", "time", "code"}
ARTICLE_ATTRIBUTES = {"class", "href", "id", "title", "datetime", "aria-label"}
ARTICLE_ATTRIBUTES |= {"data-pagefind-body", "data-pagefind-ignore", "data-pagefind-weight"}
# Lines of the hostile dumps that must show on some article page exactly as typed.
LITERALS = [
    "The council said <img src=x onerror=alert(1)> was harmless, officials said.",
    "Officials also posted [click here](javascript:alert(document.cookie)) and "
    "![pixel](http://tracker.example/p.gif) on the notice board, the statement said.",
    "{% for x in range(3) %}{{ x }}{% endfor %} appeared in the minutes, a clerk said.",
    '<iframe src="https://evil.example/"></iframe> was removed from the page, the clerk added.',
    '<a href="javascript:alert(1)" onclick="alert(2)">a link</a> and '
    '<b onmouseover="alert(3)">bold</b> text ended the session.',
    "# Not a heading, the editor wrote.",
    "> Not a quote, she said.",
    "1. Not a list item, he said.",
    "- Not a bullet either, he said.",
    "| not | a | table |",
    '!!! danger "not an admonition"',
    'text {: onclick="alert(1)" } and *stars* and _underscores_ and `ticks` ended the day.',
    "<!-- a comment --> &lt;escaped&gt; &amp; &#x3C;script&#x3E; entities stayed as typed.",
    "行政院昨日宣布，將暫停小紅書在台灣的服務一年，理由是相關詐騙案件已超過一千件。",
    "国务院新闻办公室昨天举行发布会，介绍今年前三季度的经济运行情况。",
    "The minister’s “quasi-security alliance” plan was debated at length",
    "São Paulo’s mayor said the reforms cost €3m – about 15¢ a ride… Señor Müller agreed",
    "Port workers in Keelung [31m walked out",
]
WALL = (
    "Clerks typed *stars*, _underscores_, [brackets](x), `ticks`, #hashes and | pipes into the "
    "record "
) * 120
"""A dump line of 11,640 characters dense in Markdown syntax (2025-12-12_wall.txt): the page
shows it in blocks (text.reading_blocks), each as typed."""
TITLES = [
    '</title><script>alert("title")</script> Breaking: --- {{ config.site_name }}',
    "Title: with colons: and --- dashes",
    "date: 1999-01-01 id: forged",
    "---",
    "../../../../etc/passwd",
]


class _Page(HTMLParser):
    """Every element of a page, and the text and elements of its `md-content__inner` part."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.content: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.title = ""
        self.scripts: list[str] = []
        self._depth = 0  # > 0 while inside the content area
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        self._in_title = tag == "title"
        if tag == "script":
            self.scripts.append("")
        if self._depth:
            self.content.append((tag, attributes))
            self._depth += 1
        elif tag == "article" and "md-content__inner" in (attributes.get("class") or ""):
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self.scripts and self.lasttag == "script":
            self.scripts[-1] += data
        if self._in_title:
            self.title += data
        if self._depth:
            self.text.append(data)


def parse(page: Path) -> _Page:
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile dumps built as `make site` builds: content/, site/ and its Pagefind index."""
    work = tmp_path_factory.mktemp("hostile")
    build_site(work, "https://news.example.org/", dumps=DUMPS)
    return work


def _article_pages(site: Path) -> list[Path]:
    return sorted((site / "site" / "articles").rglob("index.html"))


def _all_pages(site: Path) -> list[Path]:
    return sorted((site / "site").rglob("*.html"))


def test_every_hostile_story_has_a_page(site: Path) -> None:
    sources = sorted((site / "content" / "articles").rglob("*.md"))
    assert len(_article_pages(site)) == len(sources) >= 15


def test_no_page_carries_an_event_handler_or_script_url(site: Path) -> None:
    for page in _all_pages(site):
        for tag, attributes in parse(page).elements:
            for name, value in attributes.items():
                assert not name.startswith("on"), f"{page}: <{tag} {name}>"
                assert not (value or "").strip().lower().startswith("javascript:"), page


def test_every_script_is_the_themes_own(site: Path) -> None:
    for page in _all_pages(site):
        parsed = parse(page)
        assert parsed.scripts, page
        for code in parsed.scripts:
            assert "alert(" not in code, f"{page}: a dump's script runs: {code[:80]}"
        for tag, attributes in parsed.elements:
            if tag == "script" and attributes.get("src"):
                assert "://" not in attributes["src"], f"{page}: third-party script"


def test_article_bodies_hold_only_what_the_template_writes(site: Path) -> None:
    for page in _article_pages(site):
        for tag, attributes in parse(page).content:
            assert tag in ARTICLE_TAGS, f"{page}: injected <{tag}>"
            assert set(attributes) <= ARTICLE_ATTRIBUTES, f"{page}: <{tag} {attributes}>"
            if tag == "div":
                notice = {"class": "admonition warning", "data-pagefind-ignore": "all"}
                assert attributes in (notice, {"data-pagefind-body": None})


def test_listing_pages_hold_no_injected_element(site: Path) -> None:
    for page in _all_pages(site):
        if "/articles/" in page.as_posix():
            continue
        for tag, _ in parse(page).content:
            assert tag not in {"script", "iframe", "img", "table", "blockquote", "pre", "code"}


@pytest.mark.parametrize("literal", LITERALS)
def test_hostile_text_is_visible_as_typed(site: Path, literal: str) -> None:
    texts = [_plain("".join(parse(page).text)) for page in _article_pages(site)]
    assert any(literal in text for text in texts)


def test_a_line_too_long_for_one_paragraph_shows_whole_in_several(site: Path) -> None:
    pages = [parse(page) for page in _article_pages(site)]
    shown = [p for p in pages if "Clerks typed *stars*" in "".join(p.text)]
    assert len(shown) == 1
    assert WALL.rstrip() + "." in _plain("".join(shown[0].text))
    assert [tag for tag, _ in shown[0].content].count("p") > len(WALL) // BLOCK_MAX


@pytest.mark.parametrize("title", TITLES)
def test_hostile_titles_are_the_literal_page_title_and_heading(site: Path, title: str) -> None:
    pages = [parse(page) for page in _article_pages(site)]
    matching = [p for p in pages if p.title == f"{title} - News Digest"]
    assert len(matching) == 1
    assert title in _plain("".join(matching[0].text))


@pytest.mark.parametrize("title", TITLES)
def test_hostile_titles_show_as_typed_in_listing_entries(site: Path, title: str) -> None:
    # Listing entries are front-matter data laid out by the theme (main.html), which must
    # escape every value itself: MkDocs' Jinja does not autoescape.
    listings = [p for p in _all_pages(site) if "/articles/" not in p.as_posix()]
    assert any(title in _plain("".join(parse(page).text)) for page in listings)


def test_front_matter_reads_the_same_in_mkdocs_and_python_frontmatter(site: Path) -> None:
    for source in sorted((site / "content" / "articles").rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        ours = frontmatter.loads(text)
        body, theirs = get_data(text)
        assert theirs == ours.metadata, source
        assert set(ours.metadata) >= {"id", "title", "date", "summary", "sources"}, source
        assert not body.lstrip().startswith("---"), source


def test_slugs_are_ascii_and_stay_inside_articles(site: Path) -> None:
    content = site / "content"
    for page in (content / "articles").rglob("*.md"):
        relative = page.relative_to(content).as_posix()
        assert re.fullmatch(r"articles/2025/12/[a-z0-9-]{1,73}\.md", relative), relative
    assert not (site / "etc").exists() and not list(site.rglob("passwd*"))


def test_the_permalink_map_is_not_published(site: Path) -> None:
    assert (site / "content" / ".permalinks.json").is_file()
    assert not list((site / "site").rglob("*permalinks*"))


def test_html_escaping_round_trips_the_title(site: Path) -> None:
    for source in sorted((site / "content" / "articles").rglob("*.md")):
        meta = frontmatter.loads(source.read_text(encoding="utf-8")).metadata
        built = source.relative_to(site / "content").with_suffix("")
        page = parse(site / "site" / built / "index.html")
        assert page.title == f"{html.unescape(meta['title'])} - News Digest"


ATOM = "{http://www.w3.org/2005/Atom}"


def _elements(fragment: str) -> list[str]:
    """The elements a piece of HTML makes."""
    parser = _Page()
    parser.feed(fragment)
    return [tag for tag, _ in parser.elements]


def test_rss_items_are_html_that_shows_the_dump_text(site: Path) -> None:
    # RSS readers take an item's description (and mostly its title) for HTML: once the XML
    # is read, a dump's tags must still be escaped.
    feeds = sorted((site / "site").rglob("rss.xml"))
    titles = set()
    for feed in feeds:
        for item in ET.parse(feed).getroot().iter("item"):
            for name in ("title", "description"):
                value = item.findtext(name) or ""
                assert _elements(value) == [], f"{feed}: <{name}> {value[:80]}"
            titles.add(html.unescape(item.findtext("title") or ""))
    assert len(feeds) > 2 and set(TITLES) <= titles


def test_atom_entries_are_text_that_shows_the_dump_text(site: Path) -> None:
    feeds = sorted((site / "site").rglob("atom.xml"))
    titles = set()
    for feed in feeds:
        for entry in ET.parse(feed).getroot().iter(f"{ATOM}entry"):
            for name in ("title", "summary"):
                element = entry.find(f"{ATOM}{name}")
                assert element is not None and element.get("type", "text") == "text", feed
            titles.add(entry.findtext(f"{ATOM}title"))
    assert len(feeds) > 2 and set(TITLES) <= titles
