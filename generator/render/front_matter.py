"""Front matter: a story or a listing page -> the front matter of its page.

In: an article and the stories related to it, or a listing page's recipe; the run's link
tables. Out: the front matter dict. An article's keys come in the contract's order
(ARCHITECTURE.md, Contracts), then the keys the theme lays out around the body (main.html
`article_head`, `article_tail`): reading time, chips, notes, sources' names and related
stories. A listing's crumbs, children, entries and pager are data too. As raw HTML in the
body they cost MkDocs ~0.8 ms an article page, a quarter of a large build.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace

from generator.model import Article
from generator.render.links import Links, root_of
from generator.render.listings import ListingPage, page_span
from generator.text import LONG_PARAGRAPH, reading_blocks

WORDS_PER_MINUTE = 230
"""Adult silent reading speed for news prose; the page shows whole minutes, at least one."""
HIDE = ("navigation", "toc")
"""Material's sidebars: the nav is in the tabs and pages are single columns of stories."""


def article_meta(
    article: Article, links: Links, root: str, related: list[Article]
) -> dict[str, object]:
    """The whole front matter of the article's page; `root` leads from the page to the site
    root. Lists are flat where they can be (see `Links.entry`)."""
    meta = front_matter(article)
    words = sum(len(p.split()) for p in article.paragraphs)
    meta["minutes"] = max(1, round(words / WORDS_PER_MINUTE))
    meta["chips"] = links.flat_chips(links.chips(article), root)
    if article.note:
        meta["note"] = article.note
    if article.source_names:
        meta["source_names"] = list(article.source_names)
    if related:  # last: generator/summary.py leaves this key out of the page's own text
        meta["related"] = [links.teaser(root, other) for other in related]
    return meta


def front_matter(article: Article) -> dict[str, object]:
    """The article's front matter, keys in the contract's order (ARCHITECTURE.md, Contracts)."""
    meta: dict[str, object] = {"id": article.id, "title": article.title}
    if article.date:
        meta["date"] = article.date
    if article.kicker:
        meta["kicker"] = article.kicker
    if article.deck:
        meta["deck"] = article.deck
    meta |= {
        "summary": article.summary,
        "truncated": article.truncated,
        "iptc": list(article.iptc),
        "topics": list(article.topics),
        "countries": list(article.countries),
        "regions": list(article.regions),
        "sources": [{"dump": s.dump, "lines": [s.first, s.last]} for s in article.sources],
        "photo_credits": list(article.photo_credits),
    }
    if article.byline:  # the story's own lines: shown on the page, never dropped
        meta["byline"] = article.byline
    if article.people:
        meta["people"] = list(article.people)
    if article.organizations:
        meta["organizations"] = list(article.organizations)
    if article.edited:
        meta["edited"] = list(article.edited)
    meta["hide"] = list(HIDE)
    return meta


def laid_out(article: Article) -> Article:
    """The article with its paragraphs as the page shows them (`text.reading_blocks`): done
    here rather than left to article.md.j2, a template a curator may rewrite, because one
    paragraph of dump text too long for Markdown could hold the site build for hours."""
    if all(len(p) <= LONG_PARAGRAPH for p in article.paragraphs):
        return article
    blocks = tuple(b for p in article.paragraphs for b in reading_blocks(p))
    return replace(article, paragraphs=blocks)


def listing_meta(recipe: ListingPage, links: Links) -> dict[str, object]:
    """A listing page's front matter: its crumbs, sub-listings, entries and page links
    are data the theme lays out (main.html), not raw HTML in the body (see `Links.entry`).
    Older pages (index > 0) carry nothing that changes as stories arrive: no child counts."""
    heading, path, index, pages = recipe.heading, recipe.path, recipe.index, recipe.pages
    title = f"{heading.title}, {page_span(recipe.stories)}" if index else heading.title
    meta: dict[str, object] = {"title": title, "description": heading.description}
    if heading.feed:
        meta["feeds"] = posixpath.dirname(heading.path)
    meta["hide"] = list(HIDE)
    root = root_of(path)
    if heading.crumbs:
        crumbs = [[label, links.url(root, target)] for label, target in heading.crumbs]
        meta["crumbs"] = [*crumbs, [heading.title]]
    if recipe.children:
        meta["within"] = heading.title
        meta["children"] = [
            [label, links.url(root, target), count] for label, target, count in recipe.children
        ]
    meta["stories"] = [links.entry(path, article, heading.places) for article in recipe.stories]
    if recipe.more:
        meta["more"] = True  # older stories: on the children's pages (`listing_pages`)
    if len(pages) > 1:
        newer = pages[index - 1] if index else None
        older = pages[index + 1] if index + 1 < len(pages) else None
        meta["pager"] = {
            "latest": links.url(root, pages[0]) if index > 1 else None,
            "newer": links.url(root, newer) if newer else None,
            "older": links.url(root, older) if older else None,
        }
    return meta
