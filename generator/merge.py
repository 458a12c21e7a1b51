"""Merge: the same story found more than once -> one article.

In: articles from every dump. Out: one article per story, its `sources` listing every
occurrence, and how many occurrences were folded in. Two articles are the same story when the
shorter one's opening words (a teaser cut mid-word loses its last word) are the start of the
other's, give or take whitespace, case and a kicker or deck: a teaser and its full text, or the
same article twice. The longest text wins; the id is an already published one's if an
occurrence has one (its page keeps its address whatever the dumps are named), else the
earliest occurrence's, so a page keeps its address when the full text turns up in a later
dump. A teaser that starts two stories which go on differently joins the longer one only.
Copies that keep two published pages stay apart, each under its page's id: merged, one
published address would die.
No two articles come out with one id (two stories can open with the same words). The
result does not depend on the input order, and merging twice changes nothing.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import replace

from generator import text
from generator.model import Article, SourceRef, TitleSource
from generator.parallel import collector_paused

KEY_WORDS = 8
"""Words indexed per opening: enough to make chance collisions between stories negligible."""
MIN_SHARED_WORDS = 12
"""A teaser must share at least this many words with the full text to be taken for it."""
FEW_OPENINGS = 8
"""Openings of one key compared pair by pair; more are sorted first (`_candidates`)."""
HEAD_WORDS = 64
"""Words an opening is sorted by: more than most teasers hold."""


Place = tuple[str, int]
"""(dump name, first line) where a story begins."""


def merge(
    articles: list[Article],
    published: Collection[str] = frozenset(),
    owner: Callable[[str], Place | None] = lambda article_id: None,
    claims: Mapping[Place, str] | None = None,
) -> tuple[list[Article], int]:
    """Collapse occurrences of one story. Returns the articles and how many were folded in.
    `published`: the ids pages are published under, which a merged story keeps. `owner`:
    where the story of a published id began, asked only of an id two stories share.
    `claims`: the places where pages (or hidden stories) began whose ids no story carries
    now, by place; copies that keep two such pages stay apart (`_apart`)."""
    # What merge makes (an opening's words and readers per story) is never cyclic garbage,
    # and a pass of the collector over a caller's heap of stories cost more than the merge.
    with collector_paused():
        return _merge(articles, _Pages(published, owner, claims or {}))


class _Pages:
    """What merge knows of the published pages: their ids, where one began, and where the
    pages began whose ids no story carries now."""

    def __init__(
        self,
        published: Collection[str],
        owner: Callable[[str], Place | None],
        claims: Mapping[Place, str],
    ) -> None:
        self.published, self.owner, self.claims = published, owner, claims

    def kept_by(self, copy: Article) -> str | None:
        """The id of the page this copy of a story is the copy of: the one that began where
        it begins and no story carries now, or its own id's when it began there; None for
        a copy that made no page."""
        places = _places(copy)
        claimed = next((self.claims[p] for p in sorted(places) if p in self.claims), None)
        if claimed is not None:
            return claimed
        if copy.id in self.published and self.owner(copy.id) in places:
            return copy.id
        return None


def _merge(articles: list[Article], pages: _Pages) -> tuple[list[Article], int]:
    ordered = sorted(articles, key=_order)
    parent = list(range(len(ordered)))
    openings = [_openings(a) for a in ordered]
    by_key: dict[tuple[str, ...], list[tuple[int, _Opening]]] = {}
    for index, options in enumerate(openings):
        for option in options:
            by_key.setdefault(option.key(), []).append((index, option))
    for sharing in by_key.values():
        for index, other, x, y in _candidates(sharing):
            if _find(parent, index) != _find(parent, other) and _same(x, y):
                _union(parent, index, other)
    groups: dict[int, list[int]] = {}
    for index in range(len(ordered)):
        groups.setdefault(_find(parent, index), []).append(index)
    stories = (
        part
        for members in groups.values()
        for cluster in _clusters(members, ordered, openings)
        for part in _apart([ordered[i] for i in cluster], pages)
    )
    combined = (_combine(story, pages.published) for story in stories)
    merged = _distinct_ids(sorted(combined, key=_order), pages)
    return merged, len(ordered) - len(merged)


def _apart(story: list[Article], pages: _Pages) -> list[list[Article]]:
    """The copies of one story (in `_order`), as the stories they make: one, unless copies
    of it keep two or more published pages. Then each such page keeps its copies, under its
    id, and the others join the first: a page once published stays (its address is not
    given up for another copy's). Two copies that differed by a typo had two pages, and the
    curator may have hidden one; the typo corrected, both hash one id, and both pages stay as
    they were. Copies that keep one such page whose id none of them carries, while their own
    id is another page's, keep theirs: that other page's copy left with its dump, and its
    story is gone, not this one."""
    claimed = any(_places(copy) & pages.claims.keys() for copy in story)
    if not claimed and len({c.id for c in story if c.id in pages.published}) < 2:
        return [story]  # at most one page: no page read (`owner` reads one from disk)
    kept: dict[str, list[Article]] = {}
    loose = []
    for copy in sorted(story, key=_order):
        page = pages.kept_by(copy)
        if page is None:
            loose.append(copy)
        else:
            kept.setdefault(page, []).append(copy)
    if len(kept) == 1:
        (page,) = kept
        if page not in {c.id for c in story} and any(c.id in pages.published for c in story):
            return [[replace(copy, id=page) for copy in story]]
    if len(kept) < 2:
        return [story]
    first = next(iter(kept))
    kept[first] = sorted([*kept[first], *loose], key=_order)
    return [[replace(copy, id=page) for copy in copies] for page, copies in kept.items()]


def _candidates(
    sharing: list[tuple[int, _Opening]],
) -> Iterator[tuple[int, int, _Opening, _Opening]]:
    """The pairs of openings that share a key and may be one story's, with their stories'
    indices. A few openings: every pair. More: the openings sorted by their first HEAD_WORDS
    words, each whole opening (no longer than that) paired with those its words less the
    last (which may be cut) start, and each longer one with those of the same head. Every
    pair, as before, made stories of one template (weather, rates) slow to merge: 2,000
    sharing their first 30 words took 6.7 CPU s, where pairs by prefix take 0.08."""
    if len(sharing) <= FEW_OPENINGS:
        for n, (index, x) in enumerate(sharing):
            for other, y in sharing[n + 1 :]:
                yield index, other, x, y
        return
    read = [_head(x) for _, x in sharing]
    order = sorted(range(len(sharing)), key=lambda n: (read[n][0], n))
    heads = [read[n][0] for n in order]
    for at, head in enumerate(heads):
        whole = read[order[at]][1]
        start = head[:-1] if whole else head
        first = bisect.bisect_left(heads, start) if whole else at + 1
        for later in range(first, len(heads)):
            if heads[later][: len(start)] != start:
                break
            if later != at:
                (index, x), (other, y) = sharing[order[at]], sharing[order[later]]
                yield index, other, x, y


def _head(x: _Opening) -> tuple[tuple[str, ...], bool]:
    """The first HEAD_WORDS words, and whether they are the whole opening."""
    whole = x.upto(HEAD_WORDS + 1) <= HEAD_WORDS
    return tuple(x.words[:HEAD_WORDS]), whole


def _clusters(
    members: list[int], ordered: list[Article], openings: list[list[_Opening]]
) -> list[list[int]]:
    """A group the pairwise joins made, split into stories: a teaser that starts two stories
    which go on differently joined both, and the longer one's text would have hidden the
    other's. Longest first, each occurrence joins the first story whose longest copy it is
    the same as (a teaser, the longest it starts), or begins a story of its own."""
    if len(members) < 3:  # two were joined because they are the same
        return [members]
    clusters: list[list[int]] = []
    for index in sorted(members, key=lambda i: _fullness(ordered[i])):
        home = next((c for c in clusters if _same_story(openings[c[0]], openings[index])), None)
        if home is None:
            clusters.append([index])
        else:
            home.append(index)
    return clusters


class _Opening:
    """The lowered words of a text from its start, tokenised only as far as comparisons
    read: two stories that share a key mostly part within a few words, and a teaser's full
    text is read only as far as the teaser goes (tokenising every body of the 50k bench
    archive that shared a key cost half of a rerun's 10 s)."""

    __slots__ = ("_rest", "source", "words")

    def __init__(self, source: tuple[str, ...], words: Iterator[str]):
        self.source = source
        """The texts the words are read from: the same texts give the same words."""
        self.words: list[str] = []
        """The words read so far."""
        self._rest = map(str.lower, words)

    def upto(self, count: int) -> int:
        """How many words the text holds, counting no further than `count` (read by then)."""
        words = self.words
        if len(words) < count:
            words.extend(itertools.islice(self._rest, count - len(words)))
        return min(len(words), count)

    def key(self) -> tuple[str, ...]:
        """The first KEY_WORDS words (`_openings` keeps only openings that have them)."""
        return tuple(self.words[:KEY_WORDS])


def _openings(article: Article) -> list[_Opening]:
    """The article's words from the body's start, and from the deck's (a kicker may differ);
    an opening shorter than KEY_WORDS is left out."""
    body = " ".join(article.paragraphs)
    options = [_Opening((body,), text.iter_words(body))]
    if article.deck:
        deck = itertools.chain(text.iter_words(article.deck), text.iter_words(body))
        options.append(_Opening((article.deck, body), deck))
    return [words for words in options if words.upto(KEY_WORDS) == KEY_WORDS]


def _same_story(a: list[_Opening], b: list[_Opening]) -> bool:
    return any(_same(x, y) for x in a for y in b)


def _same(x: _Opening, y: _Opening) -> bool:
    """Whether the shorter opening, less a last word that may have been cut in half, starts
    the longer one and holds at least MIN_SHARED_WORDS words; or the two are equal. Read in
    growing slices up to the first difference, and one word past it."""
    if x.source == y.source:  # a story twice (most of the 50k bench archive's merges)
        return True
    start, step = 0, 16
    while True:
        end = start + step
        in_x, in_y = x.upto(end), y.upto(end)
        both = min(in_x, in_y)
        if x.words[start:both] == y.words[start:both]:
            if in_x != in_y:  # the shorter ends at `both`; less its last word, it must
                return both - 1 >= MIN_SHARED_WORDS  # still share enough with the longer
            if both < end:  # both end there: equal
                return True
            start, step = end, 2 * step
            continue
        differ = next(i for i in range(start, both) if x.words[i] != y.words[i])
        # Only a cut last word may differ: one ends with it and the other goes on.
        ends_x, ends_y = x.upto(differ + 2) == differ + 1, y.upto(differ + 2) == differ + 1
        return ends_x != ends_y and differ >= MIN_SHARED_WORDS


def _distinct_ids(articles: list[Article], pages: _Pages) -> list[Article]:
    """The articles (in `_order`) with no id twice. Extract hashes a body's opening words, so
    two stories that open alike but go on differently (not one story: neither's text starts
    the other's) arrive with one id, and one page would overwrite the other. The story of
    the published page keeps the id (its `owner` place is among its sources), else the first;
    each other one gets an id that also hashes its whole text, and keeps it (`_own_id`)."""
    articles = [_own_id(article, pages) for article in articles]
    by_id: dict[str, list[Article]] = {}
    for article in articles:
        by_id.setdefault(article.id, []).append(article)
    keepers = {i: _keeper(group, pages.owner(i)) for i, group in by_id.items() if len(group) > 1}
    taken = set(by_id)
    distinct = []
    for article in articles:
        if keepers.get(article.id, article) is not article:
            article = replace(article, id=_text_id(article, taken))
            taken.add(article.id)
        distinct.append(article)
    return distinct


def _own_id(article: Article, pages: _Pages) -> Article:
    """The article with the id of its own it was published under when it shared its opening
    with another story's published page. Without this it falls back to the shared id once
    that other story is gone, and so onto the other story's page (its own page vanishing),
    and when the other story returns, the two swap pages. Only the rare story whose own id is
    published asks `owner` (a page read) whether the shared id's page is its own after all."""
    if article.id not in pages.published:
        return article
    own = _text_id(article, set())
    if own not in pages.published:
        return article
    return article if pages.owner(article.id) in _places(article) else replace(article, id=own)


def _keeper(group: list[Article], place: Place | None) -> Article:
    """The one of stories sharing an id that began at `place`, else the first."""
    return next((a for a in group if place in _places(a)), group[0])


def _places(article: Article) -> set[Place]:
    """Where each copy of the story began."""
    return {(s.dump, s.first) for s in article.sources}


def _text_id(article: Article, taken: set[str]) -> str:
    salt = 0
    while True:  # a second clash needs identical texts, which merge made one story
        seed = "\n".join((article.id, str(salt), *article.paragraphs))
        candidate = hashlib.blake2b(seed.encode("utf-8"), digest_size=6).hexdigest()
        if candidate not in taken:
            return candidate
        salt += 1


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)  # the earliest occurrence is the root


def _combine(group: list[Article], published: Collection[str]) -> Article:
    """One article from every occurrence: the fullest text, every source, a published id or
    else the first."""
    if len(group) == 1:
        return group[0]
    first = min(group, key=lambda a: (a.id not in published, _order(a)))
    winner = min(group, key=_fullness)
    dates = [a.date for a in group if a.date is not None]
    return replace(
        winner,
        id=first.id,
        sources=tuple(sorted({s for a in group for s in a.sources}, key=_ref_order)),
        source_names=tuple(sorted({n for a in group for n in a.source_names})),
        date=min(dates) if dates else None,
        # lines only a shorter copy holds: the page's sources claim them
        **{name: _given(name, winner, group) for name in ("kicker", "deck", "byline", "dateline")},
        **_best_title(winner, group),
        photo_credits=tuple(
            dict.fromkeys(c for a in sorted(group, key=_order) for c in a.photo_credits)
        ),
    )


_TITLE_RANK = {source: rank for rank, source in enumerate(TitleSource)}


def _best_title(winner: Article, group: list[Article]) -> dict[str, object]:
    """The title of the copy whose title is best sourced (a headline line over a deck over a
    lead), the winner's among equals: a teaser's headline line, claimed by the page's
    sources, was shown nowhere when the untitled full text won."""
    best = min(group, key=lambda a: (_TITLE_RANK[a.title_source], a is not winner, _order(a)))
    if _TITLE_RANK[best.title_source] >= _TITLE_RANK[winner.title_source]:
        return {}
    return {"title": best.title, "title_source": best.title_source}


def _given(name: str, winner: Article, group: list[Article]) -> str | None:
    """The winner's `name` line (kicker, deck...), else the first copy's that has one."""
    return getattr(winner, name) or next((v for a in group if (v := getattr(a, name))), None)


def _fullness(article: Article) -> tuple[int, bool, tuple[str, int, int, str]]:
    """Sort key, best first: longer first, then complete before truncated, then earliest.
    Length first: a copy that ends cut off but runs past a complete-looking one holds text
    the other lacks (the page says it is only the start), which the other would lose."""
    return (-sum(len(p) for p in article.paragraphs), article.truncated, _order(article))


def _ref_order(ref: SourceRef) -> tuple[str, int, int]:
    return (ref.dump, ref.first, ref.last)


def _order(article: Article) -> tuple[str, int, int, str]:
    first = min(article.sources, key=_ref_order)
    return (first.dump, first.first, first.last, article.id)
