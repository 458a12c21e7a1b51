"""The search index: the article pages in content/ -> Pagefind bundles, without the built site.

In: the content tree the generator wrote (`articles/**/*.md`: front matter and a Markdown body
whose dump text `markdown_safe.inline` escaped). Out: two Pagefind bundles in one folder, the
newest month's articles at its top and the older ones in `archive/`, and `bundles.js`, which
tells the search page to merge the archive in. A full `make site` writes them to a folder of
their own and moves it to `site/pagefind/` once `mkdocs build` is done (mkdocs empties site_dir
when it starts); a later build updates `site/pagefind/` in place, indexing again only the
bundle whose pages changed: after a new dump, the newest month (Pagefind cannot update an
index, and reading every article again was most of such a build).

Reading content/ instead of the built HTML lets the index be built while `mkdocs build` runs,
on the core mkdocs leaves idle, and Pagefind parses a few hundred bytes of markup per story
instead of a whole Material page. Each article becomes one small HTML page: the text the
article page shows, in page order (its head and tail from the front matter keys the theme lays
out, the title as the weighted heading, then the body's text; the provenance and related boxes
stay out), written under the article's published path in its bundle's folder, which Pagefind
indexes as it indexed the site. Pagefind's Python API was measured first
and left: its client polls for each answer after a 0.1 s sleep, so 10,000 records would take
17 minutes.

Must not: write into content/, or into site/ outside the bundles' folder; reach the network;
leave the scratch folder behind.
"""

from __future__ import annotations

import argparse
import html
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
from generator.write import same_bytes

TITLE_WEIGHT = 10
"""As on the article page (main.html): a word in the title outranks the same word in a
story's text (tests/browser/test_search.py, `composure` and `citizenship`)."""
ARTICLES = "articles"
"""The folder of content/ that holds the article pages; listings are not indexed."""
RECENT, ARCHIVE = "recent", "archive"
"""The two bundles: the newest month's articles, and all older ones. A new dump's stories
land in the newest month, so a build after one indexes that month again, not the archive."""
PARTS = (RECENT, ARCHIVE)
BUNDLES = "bundles.js"
"""In the recent bundle's folder: the other bundles the search page merges in (Pagefind's
`mergeIndex`), as a script the page loads beside Pagefind's own."""
HEAD_KEYS = frozenset(
    "title date kicker deck truncated photo_credits edited minutes chips note".split()
)
"""The front matter keys the article page shows as text around its body (main.html's
`article_head` and `article_tail`); the rest (sources, related, people...) stays out."""
TRUNCATED = (
    '"Only the start of this story" The page this story was found on held only its opening'
    " lines; the rest of the text was cut off at the source, so it ends mid-sentence here."
)
"""The page's "only the start" notice as text (main.html), as the index has always held it."""

# The body is the story's escaped text (`markdown_safe.inline`) and a bold dateline; dump text
# cannot produce either marker: markdown_safe backslash-escapes `*` and `\`. An escaped
# character is matched first, so it is never read as structure.
_STRUCTURE = re.compile(r"(?P<escaped>\\.)|\*+")
_FRONT_MATTER = re.compile(r"---\n(?P<yaml>.*?\n)---\n", re.S)
"""The front matter as python-frontmatter writes it (render.py), and the body after it."""
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
        blocks = (*_head(meta), *_blocks(body), *_tail(meta))
        yield SearchPage(path=f"{relative.as_posix()}/", title=title, blocks=blocks)


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
    """The text the article page shows above its body (main.html `article_head`), in order;
    the title's place is an empty block."""
    yield from _plain(meta.get("kicker"))
    yield ""
    yield from _plain(meta.get("deck"))
    yield f"{long_date(meta.get('date'))} · {meta.get('minutes', '')} min read"
    chips = meta.get("chips") or []
    yield from _plain(" ".join(str(label) for label in chips[::2]))
    if meta.get("truncated"):
        yield TRUNCATED
    if meta.get("note"):
        yield from _plain(f'"Editor\'s note" {meta["note"]}')


def _tail(meta: dict[str, Any]) -> Iterator[str]:
    """The text the article page shows below its body (main.html `article_tail`)."""
    if credits := meta.get("photo_credits"):
        yield from _plain("Photo: " + ", ".join(map(str, credits)))
    if edited := meta.get("edited"):
        yield from _plain(f"Edited by a curator: {', '.join(map(str, edited))}.")


def _plain(value: object) -> Iterator[str]:
    """A front matter value as one block of plain text, whitespace collapsed (none if empty)."""
    if text := " ".join(str(value or "").split()):
        yield text


def _blocks(body: str) -> Iterator[str]:
    """The body's blocks as plain text."""
    for block in _BLOCKS.split(body):
        text = _STRUCTURE.sub(_keep_escaped, block)
        yield from _plain(markdown_safe.text(text))


def _keep_escaped(match: re.Match[str]) -> str:
    return match.group("escaped") or " "


def page_html(page: SearchPage, language: str) -> str:
    """The small page Pagefind indexes for one article: the title is its first heading (the
    result's title) and carries the title weight."""
    heading = f'<h1 data-pagefind-weight="{TITLE_WEIGHT}">{_text(page.title)}</h1>'
    blocks = page.blocks if "" in page.blocks else ("", *page.blocks)
    body = "\n".join(heading if not b else f"<p>{_text(b)}</p>" for b in blocks)
    return (
        f'<!doctype html>\n<html lang="{html.escape(language)}">\n<head><meta charset="utf-8">'
        f"<title>{_text(page.title)}</title></head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _text(value: str) -> str:
    return html.escape(value, quote=False)


def build(
    content: Path,
    out: Path,
    language: str,
    pages: Path | None = None,
    changed: Iterable[str] | None = None,
    removed: Iterable[str] = (),
) -> int:
    """Bring the Pagefind bundles of content/'s articles in `out` up to date; -> pages indexed.

    `pages` keeps the small pages between runs (default: a scratch folder). With `changed`,
    the content-relative sources that changed since `pages` was written, only those pages are
    written again and `removed` (site-relative outputs of sources gone) deleted, and only a
    bundle whose pages changed is indexed again (Pagefind cannot update an index); else every
    page is written and both bundles are made."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".search-pages-", dir=out.parent) as scratch:
        folder = pages or Path(scratch) / "pages"
        fresh = changed is None or not all((folder / part).is_dir() for part in PARTS)
        if fresh:
            shutil.rmtree(folder, ignore_errors=True)
        for part in PARTS:
            (folder / part).mkdir(parents=True, exist_ok=True)
        newest = newest_month(content)
        touched = set(PARTS) if fresh else _forget(folder, removed)
        touched |= _regroup(folder, newest)
        sources = None if fresh else _articles_among(content, changed or ())
        touched |= write_pages(search_pages(content, sources), folder, language, newest)
        touched |= _out_of_step(folder, out)
        out.mkdir(exist_ok=True)  # only now: a page that cannot be read leaves no bundle
        for part in sorted(touched):
            _index(folder / part, out, part, Path(scratch) / part)
        merged = [f"{ARCHIVE}/"] if (out / ARCHIVE).is_dir() else []
        script = f"window.ndSearchBundles = {json.dumps(merged)};\n".encode()
        if not same_bytes(out / BUNDLES, script):
            (out / BUNDLES).write_bytes(script)
        return sum(_count(folder / part) for part in PARTS)


def _articles_among(content: Path, changed: Iterable[str]) -> list[Path]:
    """The article sources among the changed content paths that are still there."""
    articles = (content / p for p in changed if p.startswith(f"{ARTICLES}/"))
    return [a for a in articles if a.is_file()]


def newest_month(content: Path) -> tuple[str, str]:
    """The newest `articles/<year>/<month>` folder holding an article (("", "") if none)."""
    months = [m.relative_to(content / ARTICLES).parts for m in (content / ARTICLES).glob("*/*")]
    held = [m for m in months if any((content / ARTICLES).joinpath(*m).glob("*.md"))]
    return max(held, default=("", ""))


def part_of(path: str, newest: tuple[str, str]) -> str:
    """Which bundle an article's page (`articles/<year>/<month>/...`) goes to."""
    return RECENT if tuple(path.split("/")[1:3]) == newest else ARCHIVE


def write_pages(
    pages: Iterable[SearchPage], folder: Path, language: str, newest: tuple[str, str]
) -> set[str]:
    """Write each page into its bundle's folder; -> the bundles whose pages changed. (A new
    story changes older stories' pages only in their related box, which search leaves out:
    their bundle stays as it is.)"""
    written = set()
    for page in pages:
        part = part_of(page.path, newest)
        target = folder / part / page.path / "index.html"
        data = page_html(page, language).encode()
        if same_bytes(target, data):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.add(part)
    return written


def _forget(folder: Path, removed: Iterable[str]) -> set[str]:
    """Delete the pages of removed articles (and the folders they leave empty); -> the
    bundles they were in."""
    touched = set()
    for dest in removed:
        for part in PARTS:
            page = folder / part / dest
            if page.is_file():
                page.unlink()
                touched.add(part)
                _prune(page.parent, folder / part)
    return touched


def _prune(start: Path, top: Path) -> None:
    for empty in (start, *start.parents):
        if empty == top:
            return
        try:
            empty.rmdir()
        except OSError:  # not empty: the folders above hold something too
            return


def _regroup(folder: Path, newest: tuple[str, str]) -> set[str]:
    """Move whole month folders to the bundle they now belong to (the newest month changed,
    or a page of it sits in the archive); -> the bundles that changed."""
    touched = set()
    for part in PARTS:
        for month in _months(folder / part):
            key = tuple(month.relative_to(folder / part / ARTICLES).parts)
            home = RECENT if key == newest else ARCHIVE
            if home != part:
                target = folder / home / ARTICLES / key[0] / key[1]
                target.mkdir(parents=True, exist_ok=True)
                for page in month.iterdir():
                    page.rename(target / page.name)
                _prune(month, folder / part)
                touched |= {part, home}
    return touched


def _out_of_step(folder: Path, out: Path) -> set[str]:
    """The bundles `out` lacks, or holds with no pages to index (someone deleted a bundle, or
    a build stopped halfway): they are made again, whatever changed."""
    stale = set()
    if not (out / "pagefind-entry.json").is_file():
        stale.add(RECENT)
    if _has_pages(folder / ARCHIVE) != (out / ARCHIVE / "pagefind-entry.json").is_file():
        stale.add(ARCHIVE)
    return stale


def _months(tree: Path) -> list[Path]:
    """A bundle's month folders; each holds a folder per page (emptied folders are pruned)."""
    return sorted((tree / ARTICLES).glob("*/*"))


def _has_pages(tree: Path) -> bool:
    return bool(_months(tree))


def _count(tree: Path) -> int:
    return sum(len(os.listdir(month)) for month in _months(tree))


def _index(tree: Path, out: Path, part: str, scratch: Path) -> None:
    """Index one bundle's pages and put the bundle in its place in `out`: the recent one at
    its top (where the page loads Pagefind from), the archive in `out/archive/` (none when it
    has no pages)."""
    if part == ARCHIVE:
        shutil.rmtree(out / ARCHIVE, ignore_errors=True)
        if _has_pages(tree):
            _pagefind(tree, scratch)
            scratch.rename(out / ARCHIVE)
    else:
        _pagefind(tree, scratch)
        for entry in list(out.iterdir()):
            if entry.name in (ARCHIVE, BUNDLES):
                continue
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        for entry in list(scratch.iterdir()):
            entry.rename(out / entry.name)


def _pagefind(pages: Path, bundle: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(pages), "--silent"]
    command += ["--output-path", str(bundle)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode or not (bundle / "pagefind-entry.json").is_file():
        message = f"pagefind failed (exit {result.returncode}): {result.stdout}{result.stderr}"
        raise SearchIndexError([Problem(pages, None, message.strip())])


def _lines(listing: Path) -> list[str]:
    return listing.read_text("utf-8").splitlines()


def main(argv: list[str] | None = None) -> int:
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
    args = parser.parse_args(argv)
    if not (args.content / ARTICLES).is_dir():
        print(f"error: {args.content}: no {ARTICLES}/ folder to index", file=sys.stderr)
        return 1
    try:
        language = load_config(args.config, curation=False).language
        changed = _lines(args.changed) if args.changed else None
        removed = _lines(args.removed) if args.removed else []
        count = build(args.content, args.out, language, args.pages, changed, removed)
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
