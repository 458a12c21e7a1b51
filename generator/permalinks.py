"""Permalinks: article id -> page path, decided once and then kept for good.

A page's path comes from its title, and titles improve (a better headline rule, a curator's
edit); the classifier and the date can change too. Readers' bookmarks, feeds and search
engines must not notice: once an id has a path, it keeps it, and a path once given is never
handed to another story, even after its own story is hidden or gone.

The map is kept in the content tree as `.permalinks.json`, beside the pages it describes:
- it is state the generator derives, not a curator's decision, so it does not belong in
  site_config/; and a run writing into another folder (a test, a preview) reads and writes
  that folder's own map instead of the repository's;
- content/ is committed, so the map is versioned with the URLs it froze and survives
  `make clean` and fresh clones; write() puts it back on every run like any page;
- MkDocs skips dot files in docs_dir, so it is never published;
- JSON with sorted keys and one entry per line: byte-identical across runs, and a new story
  is a one-line diff.
A tree written before the map existed is migrated by reading the ids from its article pages.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import frontmatter
import yaml

from generator.errors import InputError, Problem
from generator.model import Article, Page
from generator.yamlfile import read_utf8

FILE = ".permalinks.json"
CONTINUED_FILE = ".continued.json"
"""The opening-words ids of stories that took over a page of another id (`continued`) ->
that id: the next run gives them the page by their words, wherever their dump now is (a
correction, then a rename, would leave no place to find them by)."""
HIDDEN_FILE = ".hidden.json"
"""Where the hidden stories began, their summaries and titles: what their pages would have
told `continued` and `owner` (a hidden story has no page), so that a hidden story stays the
one the curator hid. Beside the map, in the content tree, never published."""
_PATH = re.compile(r"articles/(?:[a-z0-9-]+/)*[a-z0-9][a-z0-9-]*\.md")
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_WORD = re.compile(r"\w+")
# `index` would turn the page into its folder's index; the rest are device names that
# Windows cannot check out as files.
_RESERVED_STEMS = frozenset(
    ["index", "con", "prn", "aux", "nul"]
    + [f"{dev}{n}" for dev in ("com", "lpt") for n in range(1, 10)]
)


def load(out: Path) -> dict[str, str]:
    """The map a previous run left in `out`; for an older tree, the ids its pages carry."""
    path = out / FILE
    if path.is_file():
        return _parse(path)
    if (out / "articles").is_dir():
        return _from_pages(out)
    return {}


def assign(
    articles: list[Article], known: Mapping[str, str], propose: Callable[[Article], str]
) -> dict[str, str]:
    """Every known path kept, plus a free path for each article that has none yet.

    New articles are placed in the order of the dump and line their first copy began at, then
    of their ids: the result does not depend on input order, and where two titles make one
    path, a cold run gives it bare to the story that an archive grown one dump at a time (in
    the dumps' order) published first, as that archive's map has it.
    """
    paths = dict(known)
    taken = set(known.values())
    for article in sorted(articles, key=_arrival):
        if article.id not in paths:
            paths[article.id] = _free(propose(article), article.id, taken)
            taken.add(paths[article.id])
    return paths


def continued(articles: list[Article], known: Mapping[str, str], tree: Path) -> list[Article]:
    """The articles, each new one that continues a page this run no longer makes taking that
    page's id (and so its path and its curation entry). An article's id hashes its opening
    words: a typo corrected there in a dump gives the story a new id. It is the same story
    when one of its copies begins at a line of a dump where a copy of the page that went away
    began (a teaser merged into its full text, then the teaser's dump removed, leaves the full
    text's), and its summary, its text or its title reads mostly the same (a dump overwritten
    with other news takes no page). The text and the title count too because a new version
    may cut a story apart differently: a headline line that was the lead (and the summary)
    becomes the title; a kicker's deck that took the lead's first words gives them back, and
    the summary is then another sentence. Failing that, a copy in such a dump at another line
    (a line pasted or deleted above it in the same edit) continues the page if its summary or
    its text reads mostly the same; and failing that, where no dump of the name the page
    began in is read any more (the same edit renamed it), a copy at the page's line of
    another dump, if its summary or its text reads mostly the same (not its title alone).
    A story found so once keeps the page by its id in later runs (`CONTINUED_FILE`)."""
    return going_on(articles, Pages(tree, known, load_hidden(tree)))[0]


def going_on(articles: list[Article], pages: Pages) -> tuple[list[Article], dict[str, str]]:
    """`continued`, and which stories took which pages' ids (own id -> page's id), for
    `continued_page`."""
    known = pages.known
    now = {a.id for a in articles}
    gone = {i for i in known if i not in now}
    if not gone:
        return list(articles), {}
    starts = _first_sources(pages, gone)
    last = {own: page for own, page in _continued(pages.tree).items() if page in gone}
    read = {source.dump for article in articles for source in article.sources}
    result, found = list(articles), {}
    # the last run's finds first, then every story that begins where a page did: a looser
    # match must not take its page
    for rule in ("found before", "at its line", "in its dump", "in a renamed dump"):
        for n, article in enumerate(result):
            if article.id in known or article.id in found:
                continue
            if rule == "found before":
                taken = _found_before(article.id, last, found, starts)
            elif rule == "in a renamed dump":
                taken = _renamed(article, starts, read)
            else:
                taken = _continues(article, starts, rule == "at its line")
            if taken is not None:
                found[article.id] = taken
                result[n] = replace(article, id=taken)
    return result, found


def _found_before(
    own: str,
    last: Mapping[str, str],
    found: Mapping[str, str],
    starts: dict[tuple[str, int], _Published],
) -> str | None:
    """The page the last run found the story of id `own` going on, unless a story took it
    already; its places dropped from `starts`."""
    page = last.get(own)
    if page is None or page in found.values():
        return None
    _drop(starts, page)
    return page


def _continues(
    article: Article, starts: dict[tuple[str, int], _Published], at_line: bool
) -> str | None:
    """The id of the page that went away the article goes on (see `continued`), that page's
    places dropped from `starts`; None if it goes on none."""
    if at_line:
        # any of its copies: one in a dump named earlier may now come first
        places = sorted({(s.dump, s.first) for s in article.sources} & starts.keys())
        found = next((p for p in places if starts[p].tells(article)), None)
    else:
        dumps = {s.dump for s in article.sources}
        found = next(
            (p for p in sorted(starts) if p[0] in dumps and starts[p].reads_like(article)), None
        )
    return None if found is None else _taken(starts, found)


def _renamed(
    article: Article, starts: dict[tuple[str, int], _Published], read: set[str]
) -> str | None:
    """The id of the page that went away which began at the line one of the article's copies
    begins at, in a dump no story is read from any more (renamed in the edit that corrected
    the story), if the article's summary or text reads as that page's (its title alone is too
    little: a new dump's first story, a day's follow-up under a headline of mostly the same
    words, would take the page of yesterday's removed dump); its places dropped from `starts`."""
    lines = {s.first for s in article.sources}
    found = next(
        (
            p
            for p in sorted(starts)
            if p[0] not in read and p[1] in lines and starts[p].reads_like(article)
        ),
        None,
    )
    return None if found is None else _taken(starts, found)


TITLE_MIN_WORDS = 5
"""Words a title needs before `continued` trusts it to name one story."""
SAME_WORDS = 0.6
"""Share of two summaries' words they have in common (Jaccard) above which they tell one
story: a corrected word or two keeps ~0.9, another story shares its stopwords (~0.1)."""


TEXT_MIN_WORDS = 12
"""Distinct words a page's text needs before `continued` compares it as a whole: a line or
two of a column's standing text (`Weather`) could recur from day to day."""


def _same_words(before: str, after: str) -> bool:
    return _alike(_words(before), _words(after))


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def _alike(old: frozenset[str], new: frozenset[str]) -> bool:
    return bool(old | new) and len(old & new) / len(old | new) >= SAME_WORDS


@dataclass(frozen=True, slots=True)
class _Published:
    """What `continued` compares of a page that went away."""

    id: str
    summary: str
    title: str
    text: frozenset[str] = frozenset()
    """The words of the page's body (none for a hidden story, which has no page)."""

    def tells(self, article: Article) -> bool:
        """Whether the article reads as this page's story (see `continued`). A title tells
        only if it is long enough to be one story's: a column's standing head (`Weather`,
        `Letters`) recurs at the same line of a dump overwritten with other news."""
        if self.reads_like(article):
            return True
        long_enough = len(_WORD.findall(article.title)) >= TITLE_MIN_WORDS
        return long_enough and _same_words(self.title, article.title)

    def reads_like(self, article: Article) -> bool:
        """Whether the article's summary, or its text, is mostly this page's words."""
        if _same_words(self.summary, article.summary):
            return True
        if len(self.text) < TEXT_MIN_WORDS:
            return False
        return _alike(self.text, _words(" ".join((article.dateline or "", *article.paragraphs))))


_Began = tuple[list[tuple[str, int]], str, str]
"""Where a story's copies began (dump, first line), first first, its summary and title."""
Hidden = Mapping[str, _Began]
"""The hidden stories' record (`load_hidden`): id -> where it began, as its page would tell."""


class Pages:
    """A content tree's published pages and hidden stories as one run asks about them:
    merge, `claims`, `going_on` and the build's checks ask about the same few pages, and
    each is read from disk once."""

    def __init__(self, tree: Path, known: Mapping[str, str], hidden: Hidden) -> None:
        self.tree, self.known, self.hidden = tree, known, hidden
        self._read: dict[str, tuple[_Began, str] | None] = {}

    def shown(self, article_id: str) -> tuple[_Began, str] | None:
        """Where the story of a published (or hidden) id began, its summary and title, and
        its page's text ("" for a hidden story); None for an id with no page on disk."""
        if article_id in self.hidden:
            return self.hidden[article_id], ""
        if article_id not in self.known:
            return None
        if article_id not in self._read:
            self._read[article_id] = _read(self.tree / self.known[article_id])
        return self._read[article_id]

    def began(self, article_id: str) -> tuple[str, int] | None:
        """For merge: where the story of a published (or hidden) id began (its page's first
        source), None for an id with no page on disk."""
        found = self.shown(article_id)
        return found[0][0][0] if found else None


def _first_sources(pages: Pages, ids: Iterable[str]) -> dict[tuple[str, int], _Published]:
    """(dump, first line) of every copy of each of these published pages still on disk (or
    hidden stories) -> what the page showed."""
    starts: dict[tuple[str, int], _Published] = {}
    for article_id in sorted(ids):
        found = pages.shown(article_id)
        if found is not None:
            (places, summary, title), body = found
            published = _Published(article_id, summary, title, _words(body))
            for place in places:
                starts.setdefault(place, published)
    return starts


def _taken(starts: dict[tuple[str, int], _Published], place: tuple[str, int]) -> str:
    """The id of the page that began at `place`, its other places dropped: one story takes it."""
    taken = starts[place].id
    _drop(starts, taken)
    return taken


def _drop(starts: dict[tuple[str, int], _Published], page_id: str) -> None:
    for place in [p for p, published in starts.items() if published.id == page_id]:
        del starts[place]


def claims(articles: list[Article], pages: Pages) -> dict[tuple[str, int], str]:
    """For merge: where each copy of a published page (or a hidden story) began whose id no
    story carries now (the story's opening words changed: a corrected typo), -> that id; only
    where the copy that begins there now tells that page's story (see `continued`): a dump
    overwritten with a copy of another story gives that story no second page."""
    carried = {a.id for a in articles}
    lost = [i for i in pages.known if i not in carried]
    if not lost:
        return {}
    at = {(s.dump, s.first): a for a in articles for s in a.sources}
    return {
        place: found.id
        for place, found in _first_sources(pages, lost).items()
        if place in at and found.tells(at[place])
    }


def hidden_page(articles: list[Article], kept: Hidden | None = None) -> Page | None:
    """The record of the hidden stories (`HIDDEN_FILE`), one line an id; None if none is.
    `kept`: entries of the last record to carry over (stories no dump holds now)."""
    entries = {
        a.id: (sorted({(s.dump, s.first) for s in a.sources}), a.summary, a.title)
        for a in articles
        if a.hidden
    }
    entries.update(kept or {})
    if not entries:
        return None
    lines = [
        f" {json.dumps(key)}: "
        + json.dumps({"began": began, "summary": summary, "title": title}, ensure_ascii=True)
        for key, (began, summary, title) in sorted(entries.items())
    ]
    return Page(path=HIDDEN_FILE, data=("{\n" + ",\n".join(lines) + "\n}\n").encode("ascii"))


def continued_page(found: Mapping[str, str]) -> Page | None:
    """`going_on`'s finds as the record the next run reads (`CONTINUED_FILE`); None if none."""
    return _map_page(CONTINUED_FILE, found) if found else None


def _continued(tree: Path) -> dict[str, str]:
    """The last run's record of stories that took over pages (none: empty). A damaged one
    stops the run, as a damaged map does: read as empty, it would move those pages."""
    data = _record(tree / CONTINUED_FILE, "continued stories")
    if isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):
        return {str(own): page for own, page in data.items()}
    raise _damaged(tree / CONTINUED_FILE, "continued stories")


def load_hidden(tree: Path) -> Hidden:
    """The hidden stories' record a previous run left in `tree` (none: empty). A damaged one
    stops the run: read as empty, it would let a hidden story be published again."""
    data = _record(tree / HIDDEN_FILE, "hidden stories")
    try:
        return {
            str(key): (
                [(str(dump), int(line)) for dump, line in entry["began"]],
                str(entry["summary"]),
                str(entry["title"]),
            )
            for key, entry in data.items()
        }
    except (ValueError, TypeError, KeyError, AttributeError):
        raise _damaged(tree / HIDDEN_FILE, "hidden stories") from None


def _record(path: Path, what: str) -> object:
    """The JSON of a record a run wrote beside the map ({} when there is none)."""
    if not path.is_file():
        return {}
    try:
        return json.loads(read_utf8(path))
    except json.JSONDecodeError as err:
        raise _damaged(path, what, err.lineno) from None


def _damaged(path: Path, what: str, line: int | None = None) -> InputError:
    return InputError(
        [Problem(path, line, f"is not the record of {what} a run writes; restore it from git")]
    )


def _read(page: Path) -> tuple[_Began, str] | None:
    """Where a published page's copies began (dump, first line), first first, its summary
    and its title, and its body (the story's text); None for a page that is gone or not one
    we wrote."""
    try:
        post = frontmatter.load(page)
        meta = post.metadata
        firsts = [(str(s["dump"]), int(s["lines"][0])) for s in meta["sources"]]
        summary, title = str(meta.get("summary") or ""), str(meta.get("title") or "")
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError, KeyError, ValueError):
        return None
    return ((sorted(set(firsts)), summary, title), post.content) if firsts else None


def page(paths: Mapping[str, str]) -> Page:
    """The map as the page write() puts at the top of the content tree."""
    return _map_page(FILE, paths)


def _map_page(path: str, mapping: Mapping[str, str]) -> Page:
    """A map of text to text as a page: JSON, sorted, one entry a line (a one-line diff)."""
    text = json.dumps(dict(sorted(mapping.items())), indent=1, ensure_ascii=True)
    return Page(path=path, data=(text + "\n").encode("ascii"))


def _arrival(article: Article) -> tuple[str, int, str]:
    first = article.first_source
    return first.dump, first.first, article.id


def _free(wanted: str, article_id: str, taken: set[str]) -> str:
    """`wanted`, or it with the id appended (and a counter, should even that be taken)."""
    stem = wanted.removesuffix(".md")
    first = [wanted, f"{stem}-{article_id}.md"]
    if stem.rsplit("/", 1)[-1] in _RESERVED_STEMS:
        first.pop(0)
    # Lazy: the counted names are almost never needed, and building all of them for every
    # article made assigning paths quadratic (50 million strings at 10,000 articles).
    counted = (f"{stem}-{article_id}-{n}.md" for n in range(2, len(taken) + 3))
    return next(c for c in itertools.chain(first, counted) if c not in taken)


def _parse(path: Path) -> dict[str, str]:
    text = read_utf8(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError([Problem(path, err.lineno, f"invalid JSON: {err.msg}")]) from None
    if not isinstance(data, dict):
        raise InputError([Problem(path, 1, "expected an object of article id -> page path")])
    problems = []
    owners: dict[str, str] = {}
    # Line numbers only for the entries that are wrong: looking each one up was quadratic
    # (half a minute for a 10,000-story map).
    for article_id, target in data.items():
        if not _ID.fullmatch(article_id):
            problem = f"'{article_id}' is not an article id"
        elif not isinstance(target, str) or not _PATH.fullmatch(target):
            problem = f"{target!r} is not a path under articles/"
        elif target in owners:
            problem = f"'{target}' is also {owners[target]}'s path"
        else:
            owners[target] = article_id
            continue
        problems.append(Problem(path, _line_of(text, article_id), problem))
    if problems:
        raise InputError(problems)
    return dict(data)


def _line_of(text: str, key: str) -> int | None:
    needle = json.dumps(key) + ":"
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(needle):
            return number
    return None


def _from_pages(out: Path) -> dict[str, str]:
    """Ids from the front matter of the article pages of a tree written without a map."""
    paths: dict[str, str] = {}
    for page_path in sorted((out / "articles").rglob("*.md")):
        relative = page_path.relative_to(out).as_posix()
        try:
            article_id = str(frontmatter.load(page_path).metadata.get("id", ""))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # not a page we wrote: it gets no permalink
        if _ID.fullmatch(article_id) and _PATH.fullmatch(relative):
            paths.setdefault(article_id, relative)
    return paths
