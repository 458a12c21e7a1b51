"""The search index: the article pages in content/ -> Pagefind bundles, without the built site.

In: the content tree the generator wrote (`articles/**/*.md`: front matter and a Markdown body
whose dump text `markdown_safe.inline` escaped). Out: Pagefind bundles in one folder, the
newest month's articles at its top and the older ones in `archive/<first month>/` bundles of
about ARCHIVE_PAGES pages each (`--archive-pages 0`: one bundle), and `bundles.js`, which
tells the search page to merge the archive in. A full `make site` writes them to a folder of
their own and moves it to `site/pagefind/` once `mkdocs build` is done (mkdocs empties
site_dir when it starts); a later build updates `site/pagefind/` in place, indexing again only
the bundles whose months changed: after a new dump, the newest month (Pagefind cannot update
an index, and reading every article again was most of such a build).

Reading content/ instead of the built HTML lets the index be built while `mkdocs build` runs,
on the core mkdocs leaves idle, and Pagefind parses a few hundred bytes of markup per story
instead of a whole Material page. Each article becomes one small HTML page: the text the
article page shows, in page order (its head and tail from the front matter keys the theme lays
out, the title as the weighted heading, then the body's text; the page's notes about itself and
the provenance and related boxes stay out), written under the article's published path in one
pages folder; each bundle is Pagefind run over its months of that folder (`--glob`), so its URLs
are the site's.
Pagefind's Python API was measured first and left: its client polls for each answer after a
0.1 s sleep, so 10,000 records would take 17 minutes.

Must not: write into content/, or into site/ outside the bundles' folder; reach the network;
leave the scratch folder behind.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import html
import html.entities
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from generator import markdown_safe
from generator.config import load_config
from generator.errors import Problem, UserError
from generator.text import long_date
from generator.write import remove, same_bytes

TITLE_WEIGHT = 10
"""As on the article page (main.html): a word in the title outranks the same word in a
story's text (tests/browser/test_search.py, `composure` and `citizenship`)."""
ARTICLES = "articles"
"""The folder of content/ that holds the article pages; listings are not indexed."""
ARCHIVE = "archive"
"""The folder of the bundles older than the newest month, beside the newest month's bundle.
A new dump's stories land in the newest month, so a build after one indexes that month again,
not the archive."""
ARCHIVE_PAGES = 10_000
"""Pages that close an archive bundle at the end of a month (0: the archive is one bundle).
The cut bounds Pagefind's memory (~150 MB a thousand pages: 6.6 GB for one archive of 50,000)
and what a change to an older story indexes again. Smaller bundles rank worse: each scores
with its own word statistics, and on the 10k bench site a word held by 100-999 stories had the
same first result as one index 42 times in 50 with this cut, 26 with 5,000. A bundle lacking a
searched word answers it with a shorter word it holds (Pagefind's backtracking); the Search
page's module (site_config/overrides/assets/bundles/pagefind.js) filters those answers out
(tests/bench/HISTORY.md)."""
MANIFEST = "bundles.json"
"""In the pages folder: the bundles the last complete run made, each with its months."""
BUNDLES = "bundles.js"
"""In the newest month's bundle's folder: the other bundles the search page merges in (Pagefind's
`mergeIndex`), as a script the page loads beside Pagefind's own."""
HEAD_KEYS = frozenset("title date kicker deck byline photo_credits chips note".split())
"""The front matter keys whose text the article page shows around its body (main.html's
`article_head` and `article_tail`) and search finds. The page's notes about itself (reading
time, the "only the start" notice, a curator's edits) stay out: "mid-sentence" found every
truncated story through the notice. So do the boxes (sources, related) and the other keys."""

# The body is the story's escaped text (`markdown_safe.inline`) and a bold dateline; dump text
# cannot produce either marker: markdown_safe backslash-escapes `*` and `\`. An escaped
# character is matched first, so it is never read as structure.
_STRUCTURE = re.compile(r"(?P<escaped>\\.)|\*+")
_FRONT_MATTER = re.compile(r"---\n(?P<yaml>.*?\n)---\n", re.S)
"""The front matter as python-frontmatter writes it (render/markdown_file.py), and the body
after it."""
_TOP_LEVEL = re.compile(r"\n(?=[^\s-])")
"""Where the next top-level key starts (block list items and continued scalars do not)."""
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BLOCKS = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchPage:
    """One article as the search index sees it."""

    path: str
    """Where the article is published, relative to the site root (`articles/2025/12/slug/`)."""
    title: str
    """Plain text: the front matter title."""
    blocks: tuple[str, ...]
    """Plain text of the page's blocks in page order (the head and tail from front matter,
    the body between); the title heading's place is marked by an empty string."""
    day: str = ""
    """The story's date as pages show it ("" for an undated story): the Search page shows it
    under the result's title, where two copies of a story could not be told apart."""


class SearchIndexError(UserError):
    """A page of content/ that cannot be indexed, or Pagefind failing on the pages."""


def search_pages(content: Path, sources: Iterable[Path] | None = None) -> Iterator[SearchPage]:
    """The article pages of the content tree (or only `sources`, paths in it), by path."""
    if sources is None:
        sources = (content / ARTICLES).rglob("*.md")
    for source in sorted(sources):
        try:
            meta, body = _head_and_body(source.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            problem = Problem(source, None, f"cannot read the article page ({error})")
            raise SearchIndexError([problem]) from None
        title = meta.get("title")
        if not isinstance(title, str) or not title.strip():
            raise SearchIndexError([Problem(source, 1, "the front matter has no title")])
        relative = source.relative_to(content).with_suffix("")
        blocks = (*_head(meta), *_blocks(body), *_tail(meta), *_date_line(meta))
        day = long_date(meta["date"]) if isinstance(meta.get("date"), dt.date) else ""
        yield SearchPage(path=f"{relative.as_posix()}/", title=title, blocks=blocks, day=day)


def _head_and_body(page: str) -> tuple[dict[str, Any], str]:
    """The front matter's HEAD_KEYS and the Markdown body. Only those keys' entries are
    parsed (a few short lines): YAML-loading a whole article's front matter (sources, related
    stories, people) was most of this module's time. Anything else goes through
    python-frontmatter."""
    if head := _FRONT_MATTER.match(page):
        entries = _TOP_LEVEL.split(head.group("yaml"))
        wanted = "\n".join(e for e in entries if e.partition(":")[0] in HEAD_KEYS)
        meta = yaml.load(wanted, Loader=_Loader) if wanted else None
        if isinstance(meta, dict) and "title" in meta:
            return meta, page[head.end() :]
    post = frontmatter.loads(page)
    return post.metadata, post.content


def _head(meta: dict[str, Any]) -> Iterator[str]:
    """The story's own text the article page shows above its body (main.html
    `article_head`), in order; the title's place is an empty block."""
    yield from _plain(meta.get("kicker"))
    yield ""
    yield from _plain(meta.get("deck"))
    yield from _plain(meta.get("byline"))
    if meta.get("note"):
        yield from _plain(f'"Editor\'s note" {meta["note"]}')


def _date_line(meta: dict[str, Any]) -> Iterator[str]:
    """The date and the chips (topics, places) the page shows under its title, last: they
    are found by search all the same, and a result's excerpt, which Pagefind takes from the
    top when only the title matched, opens with the story instead of them."""
    yield long_date(meta.get("date"))
    chips = meta.get("chips") or []
    yield from _plain(" ".join(str(label) for label in chips[::2]))


def _tail(meta: dict[str, Any]) -> Iterator[str]:
    """The story's text the article page shows below its body (main.html `article_tail`)."""
    if credits := meta.get("photo_credits"):
        yield from _plain("Photos in the original report: " + ", ".join(map(str, credits)))


def _plain(value: object) -> Iterator[str]:
    """A front matter value as one block of plain text, whitespace collapsed (none if empty)."""
    if text := " ".join(str(value or "").split()):
        yield text


def _blocks(body: str) -> Iterator[str]:
    """The body's blocks as plain text."""
    for block in _BLOCKS.split(body):
        if "*" in block:  # a dateline or an escaped star: the scan is skipped for the rest
            block = _STRUCTURE.sub(_keep_escaped, block)
        yield from _plain(markdown_safe.text(block))


def _keep_escaped(match: re.Match[str]) -> str:
    return match.group("escaped") or " "


def page_html(page: SearchPage, language: str) -> str:
    """The small page Pagefind indexes for one article: the title is its first heading, which
    carries the title weight, and the result's title (a meta tag)."""
    # Excerpts quote the heading like any paragraph (a search that matched only the title
    # shows the page from its top), so it takes the paragraphs' escape. The result's title,
    # which the Search page shows as text, comes from the meta tag instead: an attribute's
    # value reads back as exactly the title.
    heading = f'<h1 data-pagefind-weight="{TITLE_WEIGHT}">{_excerpt_text(page.title)}</h1>'
    title = f'<meta data-pagefind-meta="title[content]" content="{html.escape(page.title)}">'
    if page.day:  # any meta but the title, Pagefind's UI lists under it as "Date: ..."
        title += f'<meta data-pagefind-meta="date[content]" content="{html.escape(page.day)}">'
    blocks = page.blocks if "" in page.blocks else ("", *page.blocks)
    body = "\n".join(heading if not b else f"<p>{_excerpt_text(b)}</p>" for b in blocks)
    return (
        f'<!doctype html>\n<html lang="{html.escape(language)}">\n<head><meta charset="utf-8">'
        f"{title}<title>{_text(page.title)}</title></head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _text(value: str) -> str:
    return html.escape(value, quote=False)


_LEGACY = sorted((n for n in html.entities.html5 if not n.endswith(";")), key=len, reverse=True)
_ENTITY_LIKE = re.compile(rf"&(?=#|[0-9A-Za-z]+;|(?:{'|'.join(_LEGACY)}))")
"""An `&` a browser would read as the start of a character reference: `&#`, a name and a
semicolon, or one of HTML's old names that need none (`&copy 2025`, `&section=2`)."""


def _excerpt_text(value: str) -> str:
    """`_text` for a paragraph, which search results quote. Pagefind keeps the characters
    a page shows and escapes only `<` and `>` in the excerpts the Search page shows as HTML,
    so a dump's `&lt;` would read `<` there: an `&` that starts such a sequence is written as
    `&amp;` to Pagefind (`AT&T` keeps its own). The title heading too: excerpts quote it."""
    return _text(_ENTITY_LIKE.sub("&amp;", value))


@dataclass(frozen=True, slots=True)
class Bundle:
    """One Pagefind bundle: its folder in the bundles' folder ("" for the newest month's, at
    the top) and the months (`<year>/<month>`) whose articles it holds."""

    folder: str
    months: tuple[str, ...]

    @property
    def glob(self) -> str:
        """Pagefind's `--glob` for the bundle's pages in the pages folder."""
        return f"{ARTICLES}/{{{','.join(self.months)}}}/*/index.html"


def bundles(counts: dict[str, int], archive_pages: int = ARCHIVE_PAGES) -> list[Bundle]:
    """The bundles of the months with articles (month -> pages): the newest month alone, then
    the older months oldest first, cut into runs of at least `archive_pages` pages (the last
    run may hold fewer; 0: one run). A run is named by its first month; it keeps its months
    until a page is added to or dropped from a run before it that sits right at the threshold."""
    if not counts:
        return [Bundle("", ("*/*",))]  # Pagefind then finds no page, and says so
    *older, newest = sorted(counts)
    plan = [Bundle("", (newest,))]
    run: list[str] = []
    size = 0
    for month in older:
        run.append(month)
        size += counts[month]
        if archive_pages and size >= archive_pages:
            plan.append(_archived(run))
            run, size = [], 0
    if run:
        plan.append(_archived(run))
    return plan


def _archived(months: list[str]) -> Bundle:
    return Bundle(f"{ARCHIVE}/{months[0].replace('/', '-')}", tuple(months))


def month_counts(folder: Path) -> dict[str, int]:
    """The pages folder's months (`<year>/<month>`) and the pages each holds (a folder per
    page; the folders emptied by removed articles are pruned)."""
    return {
        f"{month.parent.name}/{month.name}": len(os.listdir(month))
        for month in sorted((folder / ARTICLES).glob("*/*"))
    }


def _month_of(path: str) -> str:
    """`articles/<year>/<month>/...` -> `<year>/<month>`."""
    return "/".join(path.split("/")[1:3])


def _articles_among(content: Path, changed: Iterable[str]) -> list[Path]:
    """The article sources among the changed content paths that are still there."""
    articles = (content / p for p in changed if p.startswith(f"{ARTICLES}/"))
    return [a for a in articles if a.is_file()]


@dataclass(frozen=True, slots=True)
class Written:
    """What `write_pages` did to the pages folder."""

    months: set[str]
    """The months whose pages changed."""
    files: set[str]
    """Every page's file, relative to the folder, written or already right."""


def write_pages(pages: Iterable[SearchPage], folder: Path, language: str) -> Written:
    """Write each page into the pages folder unless it holds that page already. (A new story
    changes older stories' pages only in their related box, which search leaves out: their
    bundle stays as it is.)"""
    written = Written(set(), set())
    for page in pages:
        name = f"{page.path.rstrip('/')}/index.html"
        written.files.add(name)
        target = folder / name
        data = page_html(page, language).encode()
        if same_bytes(target, data):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.months.add(_month_of(page.path))
    return written


def _prune(folder: Path, keep: set[str]) -> None:
    """Delete every file under `folder` but those in `keep` (relative paths), and the folders
    left empty: a full build's pages folder holds exactly this build's pages."""
    for top, folders, names in os.walk(folder, topdown=False):
        relative = os.path.relpath(top, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else f"{relative}/"
        for name in names:
            if prefix + name not in keep:
                os.unlink(os.path.join(top, name))
        for name in folders:
            with contextlib.suppress(OSError):  # not empty: it holds a page
                os.rmdir(os.path.join(top, name))


def _forget(folder: Path, removed: Iterable[str]) -> set[str]:
    """Delete the pages of removed articles (and the folders they leave empty); -> their
    months."""
    return {_month_of(dest) for dest in removed if remove(folder, dest)}


def build(
    content: Path,
    out: Path,
    language: str,
    pages: Path | None = None,
    changed: Iterable[str] | None = None,
    removed: Iterable[str] = (),
    archive_pages: int = ARCHIVE_PAGES,
) -> int:
    """Bring the Pagefind bundles of content/'s articles in `out` up to date; -> pages indexed.

    `pages` keeps the small pages between runs (default: a scratch folder). With `changed`,
    the content-relative sources that changed since `pages` was written, only those pages are
    written again and `removed` (site-relative outputs of sources gone) deleted, and only a
    bundle whose months changed is indexed again (Pagefind cannot update an index); else every
    page is written and every bundle made."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".search-pages-", dir=out.parent) as scratch:
        folder = pages or Path(scratch) / "pages"
        built = _open_pages(folder, incremental=changed is not None)
        touched = _forget(folder, removed)
        sources = None if built is None else _articles_among(content, changed or ())
        written = write_pages(search_pages(content, sources), folder, language)
        touched |= written.months
        if built is None:
            _prune(folder, written.files)
        counts = month_counts(folder)
        plan = bundles(counts, archive_pages)
        out.mkdir(exist_ok=True)  # only now: a page that cannot be read leaves no bundle
        for bundle in plan:
            if built is None or _stale(bundle, built, touched, out):
                _index(folder, out, bundle, Path(scratch) / "bundle")
        _drop_others(out, plan)
        _write_bundle_list(out, plan)
        manifest = {b.folder: list(b.months) for b in plan}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
        return sum(counts.values())


def _open_pages(folder: Path, incremental: bool) -> dict[str, list[str]] | None:
    """Ready the pages folder for this run; -> the bundles the last complete run made from it
    (`_manifest`), or None when every bundle must be made again (not `incremental`, or no
    such run): every page is then checked, and the folder pruned to them (`_prune`). Pages
    already right stay: deleting 10,000 and writing them again cost a full rebuild seconds
    of ext4 skipping the freed inodes."""
    built = _manifest(folder) if incremental else None
    # Gone until this run has indexed every bundle: one that stops halfway leaves pages
    # newer than their bundles, and the next run, finding no manifest, makes them all.
    (folder / MANIFEST).unlink(missing_ok=True)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    (folder / ARTICLES).mkdir(parents=True, exist_ok=True)
    return built


def _write_bundle_list(out: Path, plan: list[Bundle]) -> None:
    """Write `bundles.js`, the archive bundles the search page merges in (newest first),
    unless it holds them already."""
    merged = [f"{b.folder}/" for b in reversed(plan) if b.folder]
    script = f"window.ndSearchBundles = {json.dumps(merged)};\n".encode()
    if not same_bytes(out / BUNDLES, script):
        (out / BUNDLES).write_bytes(script)


def _manifest(folder: Path) -> dict[str, list[str]] | None:
    """The bundles the last complete run made from `folder`'s pages, by folder: their months
    (None when there was no such run, or its pages are gone)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and (folder / ARTICLES).is_dir() else None


def _stale(bundle: Bundle, built: dict[str, list[str]], touched: set[str], out: Path) -> bool:
    """Whether the bundle must be indexed again: its months or their pages changed, or `out`
    lacks it (deleted by hand, or a build stopped before placing it)."""
    return (
        built.get(bundle.folder) != list(bundle.months)
        or not touched.isdisjoint(bundle.months)
        or not (out / bundle.folder / "pagefind-entry.json").is_file()
    )


def _index(folder: Path, out: Path, bundle: Bundle, scratch: Path) -> None:
    """Index one bundle's months and put the bundle in its place in `out`: the newest month
    at its top (where the page loads Pagefind from), the others in `out/archive/<first>/`."""
    shutil.rmtree(scratch, ignore_errors=True)
    _pagefind(folder, bundle.glob, scratch)
    if bundle.folder:
        shutil.rmtree(out / bundle.folder, ignore_errors=True)
        (out / bundle.folder).parent.mkdir(exist_ok=True)
        scratch.rename(out / bundle.folder)
        return
    _clear(out, keep={ARCHIVE, BUNDLES})
    for entry in list(scratch.iterdir()):
        entry.rename(out / entry.name)
    scratch.rmdir()


def _drop_others(out: Path, plan: list[Bundle]) -> None:
    """Delete what `out/archive/` holds besides the plan's bundles (bundles whose months
    moved to another, or files of an older layout)."""
    archive = out / ARCHIVE
    if not archive.is_dir():
        return
    keep = {b.folder.rpartition("/")[2] for b in plan if b.folder}
    _clear(archive, keep)
    if not keep:
        archive.rmdir()


def _clear(folder: Path, keep: set[str]) -> None:
    """Delete everything in `folder` but the entries named in `keep`."""
    for entry in list(folder.iterdir()):
        if entry.name in keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _pagefind(pages: Path, glob: str, bundle: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(pages), "--glob", glob]
    command += ["--silent", "--output-path", str(bundle)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode or not (bundle / "pagefind-entry.json").is_file():
        message = f"pagefind failed (exit {result.returncode}): {result.stdout}{result.stderr}"
        raise SearchIndexError([Problem(pages, None, message.strip())])


def _lines(listing: Path) -> list[str]:
    return listing.read_text("utf-8").splitlines()


def _parser() -> argparse.ArgumentParser:
    """The command line site_build starts this module with (`_search_index` there)."""
    parser = argparse.ArgumentParser(
        prog="python -m generator.search_index",
        description="Build the Pagefind search bundles from the articles in the content tree.",
    )
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument(
        "--out", type=Path, required=True, help="the bundles' folder (brought up to date)"
    )
    parser.add_argument("--config", type=Path, default=Path("site_config"))
    parser.add_argument("--pages", type=Path, help="keep the pages Pagefind reads here")
    parser.add_argument(
        "--changed",
        type=Path,
        help="a file naming the content files changed since --pages was written, one a line",
    )
    parser.add_argument(
        "--removed",
        type=Path,
        help="with --changed: a file naming the site pages of sources gone since, one a line",
    )
    parser.add_argument(
        "--archive-pages",
        type=int,
        default=ARCHIVE_PAGES,
        help=f"pages that close an archive bundle (default {ARCHIVE_PAGES}; 0: one bundle)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.archive_pages < 0:
        parser.error("--archive-pages must be 0 or more")
    if not (args.content / ARTICLES).is_dir():
        print(f"error: {args.content}: no {ARTICLES}/ folder to index", file=sys.stderr)
        return 1
    try:
        language = load_config(args.config, curation=False).language
        changed = _lines(args.changed) if args.changed else None
        removed = _lines(args.removed) if args.removed else []
        count = build(
            args.content, args.out, language, args.pages, changed, removed, args.archive_pages
        )
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except UserError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    print(f"search index: {count} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
