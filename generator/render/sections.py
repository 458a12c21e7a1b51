"""Sections: which stories each topic, region and archive listing holds.

In: the visible stories newest first, the site's topics and the gazetteer. Out: `Listing`
values (path, title, crumbs, stories, children), in the order the site shows them: topics
in the config's order, regions then sub-regions then countries by name, years and months
newest first. Cutting a listing into pages is listings.py's job, rendering them render's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.classify.places import Gazetteer, slugify_name
from generator.config import Topic
from generator.model import Article
from generator.render.listings import Listing, with_children
from generator.text import MONTHS

Crumbs = tuple[tuple[str, str], ...]
REGIONS_TOP = ("Regions", "regions/index.md")
ARCHIVE_TOP = ("Archive", "archive/index.md")


def topic_path(slug: str) -> str:
    return f"topics/{slug}/index.md"


def region_path(slug: str) -> str:
    return f"regions/{slug}/index.md"


@dataclass(frozen=True, slots=True)
class Sections:
    """The stories (newest first) grouped by topic, place and month."""

    articles: list[Article]
    topics: tuple[Topic, ...]
    geo: Gazetteer
    country_name: Callable[[str], str]
    """Code -> the name a reader sees (cached by the caller: every chip asks it too)."""
    by_country: dict[str, list[int]] = field(init=False)
    """Country code -> positions in `articles` of the stories naming it (each once): region
    listings merge these lists instead of scanning every story for every place."""
    regions: dict[str, dict[str, list[str]]] = field(init=False)
    """Region name -> sub-region name -> country codes, for every country with stories
    (the region listings, the regions index and the home page all read it)."""
    slugs: dict[str, str] = field(init=False)
    """Country code -> its slug, made on first use: a chip on every page names a country."""

    def __post_init__(self) -> None:
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for number, article in enumerate(self.articles):
            for code in dict.fromkeys(article.countries):
                positions[code].append(number)
        object.__setattr__(self, "by_country", dict(positions))
        object.__setattr__(self, "regions", self._region_tree())
        object.__setattr__(self, "slugs", {})

    def listings(self) -> list[Listing]:
        """Every listing; a region and its only sub-region can share a name ("Other"): one
        listing for both."""
        found = self.topic_listings() + self.region_listings() + self.archive_listings()
        return list({listing.path: listing for listing in reversed(found)}.values())

    def topic_listings(self) -> list[Listing]:
        by_topic: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            for slug in article.topics:
                by_topic[slug].append(article)
        return [
            Listing(
                path=topic_path(t.slug),
                title=t.name,
                description=t.description,
                articles=tuple(by_topic[t.slug]),
                crumbs=(("Topics", "topics/index.md"),),
            )
            for t in self.topics
            if by_topic[t.slug]
        ]

    def _region_tree(self) -> dict[str, dict[str, list[str]]]:
        tree: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        # countries by the name a reader sees (ISO codes put Spain between Bosnia and Greece)
        for code in sorted(self.by_country, key=self.country_name):
            tree[self.geo.region_name(code)][self.geo.subregion_name(code)].append(code)
        return {r: dict(sorted(subs.items())) for r, subs in sorted(tree.items())}

    def region_listings(self) -> list[Listing]:
        """Region -> sub-region -> country, each page linking up (crumbs) and down (children)."""
        listings = []
        for region, subregions in self.regions.items():
            region_crumb = (region, region_path(slugify_name(region)))
            sub_listings = []
            for subregion, codes in subregions.items():
                crumbs = (REGIONS_TOP, region_crumb)
                sub = self._place(slugify_name(subregion), subregion, set(codes), crumbs)
                sub_crumbs = (*crumbs, (subregion, sub.path))
                countries = [
                    self._place(self.country_slug(c), self.country_name(c), {c}, sub_crumbs)
                    for c in codes
                ]
                sub = with_children(sub, countries)
                sub_listings.append(sub)
                listings += [sub, *countries]
            codes = set().union(*subregions.values())
            region_listing = self._place(slugify_name(region), region, codes, (REGIONS_TOP,))
            listings.append(with_children(region_listing, sub_listings))
        return listings

    def subregion_stories(self) -> list[tuple[str, list[Article]]]:
        """(sub-region name, its stories) for every sub-region with stories, by name."""
        return [
            (sub, list(self.stories_in(frozenset(codes))))
            for subregions in self.regions.values()
            for sub, codes in subregions.items()
        ]

    def stories_in(self, codes: frozenset[str]) -> tuple[Article, ...]:
        """The stories naming any of these countries, newest first (merged from the
        per-country lists: scanning every story for every place cost articles x places)."""
        numbers = sorted({n for code in codes for n in self.by_country.get(code, ())})
        return tuple(self.articles[n] for n in numbers)

    def country_slug(self, code: str) -> str:
        if (slug := self.slugs.get(code)) is None:
            slug = self.slugs[code] = slugify_name(self.country_name(code))
        return slug

    def _place(self, slug: str, name: str, codes: set[str], crumbs: Crumbs) -> Listing:
        return Listing(
            path=region_path(slug),
            title=name,
            description=f"News from {name}",
            articles=self.stories_in(frozenset(codes)),
            crumbs=crumbs,
            places=tuple(sorted(codes)),
        )

    def archive_listings(self) -> list[Listing]:
        """One listing per year and per month; undated stories stay in topics and regions."""
        by_month: dict[tuple[int, int], list[Article]] = defaultdict(list)
        for article in self.articles:
            if article.date:
                by_month[(article.date.year, article.date.month)].append(article)
        listings = []
        for year in sorted({y for y, _ in by_month}, reverse=True):
            months = [
                _month(year, month, tuple(by_month[(year, month)]))
                for y, month in sorted(by_month, reverse=True)
                if y == year
            ]
            stories = tuple(a for m in months for a in m.articles)
            year_listing = Listing(
                path=f"archive/{year}/index.md",
                title=str(year),
                description=f"Stories from {year}",
                articles=stories,
                crumbs=(ARCHIVE_TOP,),
                feed=False,
            )
            listings += [with_children(year_listing, months), *months]
        return listings


def _month(year: int, month: int, stories: tuple[Article, ...]) -> Listing:
    name = f"{MONTHS[month - 1]} {year}"
    return Listing(
        path=f"archive/{year}/{month:02d}/index.md",
        title=name,
        description=f"Stories from {name}",
        articles=stories,
        crumbs=(ARCHIVE_TOP, (str(year), f"archive/{year}/index.md")),
        feed=False,
    )
