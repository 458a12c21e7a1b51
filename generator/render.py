"""Render: articles -> the pages of the content tree (Markdown with front matter).

In: curated articles, the site config and the gazetteer. Out: `Page` values (path + bytes):
one page per visible article, the home page, topic and region pages, and the hand-written
pages from site_config/pages/. Front matter is a dict built here in a fixed key order and
serialised by python-frontmatter; templates only lay out, and every piece of dump text goes
through `markdown_safe` on its way into them. Render writes nothing to disk.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import frontmatter
import jinja2
import yaml

from generator import markdown_safe
from generator.classify.places import Gazetteer, slugify_name
from generator.config import SiteConfig
from generator.model import Article, Page

_NO_DATE = dt.date.min
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SLUG_MAX = 60
"""Long enough to read in a URL, short enough to stay under path limits on every host."""
PAGE_SIZE = 50
"""Listings show at most this many stories a page."""
MD_CACHE = 65536
"""Escaped strings kept for reuse: every title and summary of a large archive, not its bodies."""
WORDS_PER_MINUTE = 230
TOP_STORIES = 6


@dataclass(frozen=True, slots=True)
class Listing:
    """A paginated list of articles under one heading (a topic, a region, a country)."""

    path: str
    """Path of the listing's first page, e.g. `topics/politics/index.md`."""
    title: str
    description: str
    articles: tuple[Article, ...]


def slugify(title: str) -> str:
    """ASCII, lower case, hyphenated, at most SLUG_MAX characters, cut at a hyphen."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug or "story"


def article_paths(articles: list[Article]) -> dict[str, str]:
    """Article id -> page path; slugs that collide get the id appended."""
    paths: dict[str, str] = {}
    taken: set[str] = set()
    for article in sorted(articles, key=lambda a: a.id):
        folder = f"articles/{article.date:%Y/%m}" if article.date else "articles/undated"
        path = f"{folder}/{slugify(article.title)}.md"
        if path in taken:
            path = f"{folder}/{slugify(article.title)}-{article.id}.md"
        taken.add(path)
        paths[article.id] = path
    return paths


class Renderer:
    """Holds the template environment and what every page needs to link to every other."""

    def __init__(self, config: SiteConfig, gazetteer: Gazetteer, articles: list[Article]):
        self.config = config
        self.geo = gazetteer
        self.articles = sorted(
            (a for a in articles if not a.hidden),
            key=lambda a: (a.date or _NO_DATE, a.id),
            reverse=True,
        )
        self.paths = article_paths(self.articles)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(config.templates),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown output: text is escaped by the `md` filter instead
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # A story's title and summary are escaped again in every listing that shows it.
        self.env.filters["md"] = functools.lru_cache(maxsize=MD_CACHE)(markdown_safe.inline)
        self.env.filters["attr"] = markdown_safe.attribute

    def render(self) -> list[Page]:
        pages = [self._article(a) for a in self.articles]
        listings = self._topic_listings() + self._region_listings()
        for listing in listings:
            pages.extend(self._listing(listing))
        pages.append(self._topics_index())
        pages.append(self._regions_index())
        pages.append(self._home())
        pages.extend(self._static_pages())
        return sorted(pages, key=lambda p: p.path)

    # Links ---------------------------------------------------------------

    def link(self, here: str, target: str) -> str:
        """A relative link from page `here` to page `target`, both content paths."""
        return _relative(target, posixpath.dirname(here))

    def topic_path(self, slug: str) -> str:
        return f"topics/{slug}/index.md"

    def region_path(self, slug: str) -> str:
        return f"regions/{slug}/index.md"

    def country_slug(self, code: str) -> str:
        return slugify_name(self.geo.country_name(code))

    def chips(self, article: Article) -> list[tuple[str, str]]:
        """(label, target page) for the article's topics and countries."""
        return self._chips(article.topics, article.countries)

    @functools.cache  # noqa: B019  (one Renderer per run; a story's chips show on ~5 pages)
    def _chips(self, topics: tuple[str, ...], countries: tuple[str, ...]) -> list[tuple[str, str]]:
        known = {t.slug: t for t in self.config.topics}
        chips = [(known[s].name, self.topic_path(s)) for s in topics if s in known]
        chips += [
            (self.geo.country_name(c), self.region_path(self.country_slug(c))) for c in countries
        ]
        return chips

    def _context(self, here: str, **values: object) -> dict[str, object]:
        return {
            "site": self.config,
            "here": here,
            "link": lambda target: self.link(here, target),
            "path_of": lambda article: self.paths[article.id],
            "chips": self.chips,
            **values,
        }

    # Pages ---------------------------------------------------------------

    def _article(self, article: Article) -> Page:
        path = self.paths[article.id]
        minutes = max(1, round(sum(len(p.split()) for p in article.paragraphs) / WORDS_PER_MINUTE))
        body = self.env.get_template("article.md.j2").render(
            self._context(path, article=article, minutes=minutes)
        )
        return _page(path, front_matter(article, self.geo), body)

    def _listing(self, listing: Listing) -> list[Page]:
        chunks = [
            listing.articles[i : i + PAGE_SIZE] for i in range(0, len(listing.articles), PAGE_SIZE)
        ]
        base = posixpath.dirname(listing.path)
        paths = [listing.path] + [f"{base}/page/{n}.md" for n in range(2, len(chunks) + 1)]
        pages = []
        for number, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
            body = self.env.get_template("listing.md.j2").render(
                self._context(
                    path,
                    listing=listing,
                    items=chunk,
                    number=number,
                    pages=paths,
                    total=len(listing.articles),
                )
            )
            meta = {"title": listing.title, "description": listing.description, "hide": ["toc"]}
            pages.append(_page(path, meta, body))
        return pages

    def _topic_listings(self) -> list[Listing]:
        by_topic: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            for slug in article.topics:
                by_topic[slug].append(article)
        return [
            Listing(self.topic_path(t.slug), t.name, t.description, tuple(by_topic[t.slug]))
            for t in self.config.topics
            if by_topic[t.slug]
        ]

    def region_tree(self) -> dict[str, dict[str, list[str]]]:
        """Region name -> sub-region name -> country codes, for every country with stories."""
        tree: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        codes = sorted({c for a in self.articles for c in a.countries})
        for code in codes:
            tree[self.geo.region_name(code)][self.geo.subregion_name(code)].append(code)
        return {r: dict(sorted(subs.items())) for r, subs in sorted(tree.items())}

    def _region_listings(self) -> list[Listing]:
        # One pass files each article under its countries, sub-regions and regions, so the
        # cost grows with the articles, not with articles x places.
        by_place: dict[tuple[str, str], list[Article]] = defaultdict(list)
        above = {  # the gazetteer's lookups are slow; ask once per country
            code: {
                ("subregion", self.geo.subregion_name(code)),
                ("region", self.geo.region_name(code)),
            }
            for code in {c for a in self.articles for c in a.countries}
        }
        for article in self.articles:
            places = {("country", code) for code in article.countries}
            places |= {place for code in article.countries for place in above[code]}
            for place in places:
                by_place[place].append(article)
        listings: list[Listing] = []
        for region, subregions in self.region_tree().items():
            listings.append(self._place_listing(region, by_place[("region", region)]))
            for subregion, codes in subregions.items():
                listings.append(self._place_listing(subregion, by_place[("subregion", subregion)]))
                for code in codes:
                    name = self.geo.country_name(code)
                    articles = by_place[("country", code)]
                    listings.append(self._place_listing(name, articles, self.country_slug(code)))
        # Places without a UN M49 region (Antarctica) are region "Other" and sub-region
        # "Other": one page, the region's, which lists them all.
        unique = {listing.path: listing for listing in reversed(listings)}
        return [listing for listing in listings if unique[listing.path] is listing]

    def _place_listing(self, name: str, articles: list[Article], slug: str = "") -> Listing:
        path = self.region_path(slug or slugify_name(name))
        return Listing(path, name, f"News from {name}", tuple(articles))

    def _topics_index(self) -> Page:
        path = "topics/index.md"
        counts = {
            t.slug: sum(t.slug in a.topics for a in self.articles) for t in self.config.topics
        }
        body = self.env.get_template("topics.md.j2").render(self._context(path, counts=counts))
        return _page(path, {"title": "Topics", "description": "Stories by IPTC Media Topic"}, body)

    def _regions_index(self) -> Page:
        path = "regions/index.md"
        counts = {
            c: sum(c in a.countries for a in self.articles)
            for c in {c for a in self.articles for c in a.countries}
        }
        body = self.env.get_template("regions.md.j2").render(
            self._context(
                path,
                tree=self.region_tree(),
                counts=counts,
                geo=self.geo,
                region_slug=slugify_name,
                country_slug=self.country_slug,
            )
        )
        return _page(
            path, {"title": "Regions", "description": "Stories by region and country"}, body
        )

    def _home(self) -> Page:
        path = "index.md"
        full = [a for a in self.articles if not a.truncated]
        pinned = [a for a in self.articles if a.pinned]
        top = (pinned + [a for a in full if not a.pinned])[:TOP_STORIES]
        briefs = [a for a in self.articles if a not in top][:PAGE_SIZE]
        intro_path = self.config.root / "pages" / "home.md"
        intro = intro_path.read_text(encoding="utf-8") if intro_path.exists() else ""
        body = self.env.get_template("home.md.j2").render(
            self._context(path, top=top, briefs=briefs, intro=intro, topics=self.config.topics)
        )
        meta = {"title": self.config.title, "description": self.config.description, "hide": ["toc"]}
        return _page(path, meta, body)

    def _static_pages(self) -> list[Page]:
        folder = self.config.root / "pages"
        return [
            Page(path=p.name, data=p.read_bytes())
            for p in sorted(folder.glob("*.md"))
            if p.name != "home.md"
        ]


def front_matter(article: Article, geo: Gazetteer) -> dict[str, object]:
    """The article's front matter, keys in the contract's order (ARCHITECTURE.md §4)."""
    meta: dict[str, object] = {"id": article.id, "title": article.title}
    if article.date:
        meta["date"] = article.date
    if article.kicker:
        meta["kicker"] = article.kicker
    if article.deck:
        meta["deck"] = article.deck
    meta |= {
        "summary": article.summary,
        "description": article.summary,
        "truncated": article.truncated,
        "iptc": list(article.iptc),
        "topics": list(article.topics),
        "countries": list(article.countries),
        "regions": list(article.regions),
        "sources": [{"dump": s.dump, "lines": [s.first, s.last]} for s in article.sources],
        "photo_credits": list(article.photo_credits),
    }
    if article.people:
        meta["people"] = list(article.people)
    if article.organizations:
        meta["organizations"] = list(article.organizations)
    if article.edited:
        meta["edited"] = list(article.edited)
    meta["hide"] = ["toc"]
    return meta


@functools.lru_cache(maxsize=4096)
def _relative(target: str, folder: str) -> str:
    """posixpath.relpath for two relative content paths, without its getcwd/abspath calls
    (render makes a link per chip per listed story: tens of thousands of calls)."""
    to, start = target.split("/"), folder.split("/") if folder else []
    common = 0
    while common < min(len(to) - 1, len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:])


def _page(path: str, meta: dict[str, object], body: str) -> Page:
    post = frontmatter.Post(body)
    post.metadata.update(meta)
    # libyaml's emitter writes the same YAML as PyYAML's pure-Python one, several times faster.
    text = frontmatter.dumps(post, Dumper=_DUMPER, sort_keys=False, width=1000) + "\n"
    return Page(path=path, data=text.encode("utf-8"))


def render(config: SiteConfig, gazetteer: Gazetteer, articles: list[Article]) -> list[Page]:
    """Every page of the content tree for these articles."""
    return Renderer(config, gazetteer, articles).render()
