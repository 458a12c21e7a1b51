"""Links: where one page of the content tree points to another, and what the links carry.

In: every visible story's page path, the topics' names and the country names and slugs.
Out: relative links between content paths (for Markdown, which MkDocs rewrites and checks),
final URLs (for front matter, which MkDocs leaves as they are), the chips of a story and its
entry in a listing. Pure functions of those tables: the same story gives the same entry on
every page at the same depth.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from generator.model import Article
from generator.render.sections import region_path, topic_path
from generator.text import long_date

Chips = list[tuple[str, str]]
"""(label, target content path) for each of a story's topics and countries."""
ENTRY_SEPARATOR = "\t"
"""Between the fields of a listing entry. A tab inside a field becomes a space: the page shows
both alike, as HTML collapses white space."""
BRIEF = "brief"
"""An entry's brief field for a story cut off at its source ("" for a whole story)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A listing entry's fields, as the theme reads them (main.html `entry`)."""

    url: str
    title: str
    date: str
    """ISO date, "" when the story has none."""
    day: str
    """The date as the page shows it."""
    brief: bool
    summary: str
    kicker: str
    chips: list[str]
    """Label, URL, label, URL..."""


def read_entry(entry: str) -> Entry:
    """The fields of an entry `Links.entry` made."""
    url, title, date, day, brief, summary, kicker, *chips = entry.split(ENTRY_SEPARATOR)
    return Entry(url, title, date, day, brief == BRIEF, summary, kicker, chips)


class Links:
    """The link tables of one run (read-only once made)."""

    def __init__(
        self,
        paths: Mapping[str, str],
        topic_names: Mapping[str, str],
        country_name: Callable[[str], str],
        country_slug: Callable[[str], str],
    ):
        self.paths = paths
        """Article id -> its page's content path."""
        self.topic_names = topic_names
        self.country_name = country_name
        self.country_slug = country_slug
        # Made once for each story and page depth (the values are only read), kept here and
        # not in a functools.cache, which would keep every run's Links and stories alive.
        self._entries: dict[tuple[str, str, tuple[str, ...]], str] = {}
        self._teasers: dict[tuple[str, str], dict[str, str]] = {}

    def link(self, here: str, target: str) -> str:
        """A relative link from page `here` to page `target`, both content paths.

        What posixpath.relpath gives, without its filesystem normalisation: listings make
        hundreds of thousands of links in a large archive.
        """
        folder = here.split("/")[:-1]
        parts = target.split("/")
        shared = 0
        while shared < min(len(folder), len(parts) - 1) and folder[shared] == parts[shared]:
            shared += 1
        return "/".join([".."] * (len(folder) - shared) + parts[shared:])

    def url(self, root: str, target: str) -> str:
        """The URL of page `target` (a content path) as the built site has it
        (`use_directory_urls: true`), relative through `root`, the way from a page up to the
        site root: for links the theme writes from front matter, which MkDocs does not rewrite."""
        return root + "".join(p + "/" for p in url_parts(target)) or "./"

    def chips(self, article: Article) -> Chips:
        """The article's topics and countries."""
        names = self.topic_names
        chips = [(names[s], topic_path(s)) for s in article.topics if s in names]
        return chips + [self._country(c) for c in article.countries]

    def main_chips(self, article: Article, places: Collection[str] = ()) -> Chips:
        """The primary topic and the focus country: a listing entry's chips. All of them (up
        to eight) made an entry half links and a region page 55 kB; the article page has all.
        On a region's page (`places`, its countries) a story whose focus lies elsewhere also
        shows the country that put it there: a Slovak story on Western Europe's page, France."""
        return self._chips(article, _shown_countries(article, places))

    def _chips(self, article: Article, codes: tuple[str, ...]) -> Chips:
        names = self.topic_names
        topics = [(names[s], topic_path(s)) for s in article.topics if s in names][:1]
        return topics + [self._country(c) for c in codes]

    def _country(self, code: str) -> tuple[str, str]:
        return self.country_name(code), region_path(self.country_slug(code))

    def flat_chips(self, chips: Chips, root: str) -> list[str]:
        """Chips as front matter: label, URL, label, URL... (flat: MkDocs builds an object per
        YAML node)."""
        return [v for label, page in chips for v in (label, self.url(root, page))]

    def entry(self, here: str, article: Article, places: Collection[str] = ()) -> str:
        """One listing entry as front-matter data, laid out by site_config/overrides/main.html.

        Data, not Markdown: Python-Markdown and MkDocs each ran html.parser over every
        entry's raw HTML, two fifths of a large archive's `mkdocs build`. The fields are plain
        text (the theme escapes them) and links are final URLs, relative to page `here`.
        One string, its fields joined by ENTRY_SEPARATOR (`read_entry` splits it): MkDocs
        builds a Python object per YAML node, and as a list of fields the listings' 44,000
        entries at 10,000 stories took 1.8 CPU s of `mkdocs build` to load, as strings 0.3."""
        root = root_of(here)
        codes = _shown_countries(article, places)
        key = (root, article.id, codes)
        if (known := self._entries.get(key)) is None:  # a story is listed on ~9 pages
            known = self._entries[key] = self._entry(article, root, self._chips(article, codes))
        return known

    def _entry(self, article: Article, root: str, chips: Chips) -> str:
        flat = self.flat_chips(chips, root)
        date = article.date.isoformat() if article.date else ""
        url = self.url(root, self.paths[article.id])
        brief = BRIEF if article.truncated else ""
        fields = [url, article.title, date, long_date(article.date), brief, article.summary,
                  article.kicker or "", *flat]  # fmt: skip
        return ENTRY_SEPARATOR.join(f.replace(ENTRY_SEPARATOR, " ") for f in fields)

    def teaser(self, root: str, article: Article) -> dict[str, str]:
        """A related story as an article page's foot lists it (a story is related to ~5
        others)."""
        key = (root, article.id)
        if (known := self._teasers.get(key)) is None:
            url = self.url(root, self.paths[article.id])
            known = {"title": article.title, "url": url, "day": long_date(article.date)}
            self._teasers[key] = known
        return known


def _shown_countries(article: Article, places: Collection[str]) -> tuple[str, ...]:
    """The focus country, and on a region's page (`places`) where the focus is not one of
    its countries, the first of the story's that is."""
    focus = article.countries[:1]
    if not focus or focus[0] in places or not places:
        return focus
    return focus + tuple(c for c in article.countries if c in places)[:1]


def url_parts(path: str) -> list[str]:
    """`topics/politics/index.md` -> [topics, politics]; `articles/x.md` -> [articles, x]."""
    parts = path.removesuffix(".md").split("/")
    return parts[:-1] if parts[-1] == "index" else parts


def root_of(here: str) -> str:
    """From page `here`'s built URL up to the site root: `articles/2025/x.md` -> `../../../`."""
    return "../" * len(url_parts(here))
