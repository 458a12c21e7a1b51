"""Site: the content tree -> site/, by `mkdocs build` in shards beside the search index.

In: mkdocs.yml (its docs_dir is the content tree the generator wrote) and site_config/ (the
site's language, for the search index). Out: site_dir holding what one `mkdocs build` would
have written, plus the Pagefind bundle in site/pagefind/.

MkDocs renders one page after another on one core, and it is most of a build's time (44 CPU s
of ~11,700 pages at 10,000 stories). So the articles are dealt out to several `mkdocs build`
runs of the same configuration by the first character of their file name, each run leaving
the others' articles out with `exclude_docs`. The first shard also renders every other page
(listings, home, the nav's pages); the others render the pages in the nav too, which keeps
their article pages byte-identical to a single build's (the same nav in the chrome), and
throw those copies away. A link to a page another shard renders is written as always
(MkDocs logs it at INFO, so --strict holds). The search index is built from the content tree
meanwhile (generator/search_index.py). Then the shards' article pages join the first shard's
tree, and the bundle goes in.

Must not: produce a site that differs from one `mkdocs build` (tests/test_site_build.py
compares them); leave its scratch folder behind; hide a failing child's message.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

Env = Mapping[str, str]
ARTICLES = "articles"
"""The content folder whose pages are dealt out; everything else is the first shard's."""
FIRST_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyz"
"""What an article's file name starts with (generator/permalinks.py allows nothing else)."""
SHARD_MIN_ARTICLES = 400
"""Below this a build takes seconds, and a second MkDocs start (~1.5 CPU s) would not pay."""
OTHER_PAGE_WEIGHT = 2
"""A listing costs MkDocs about twice an article (50 entries; measured at 10,000 stories)."""
LEFT_OUT = ("/topics/*/", "/regions/*/", "/archive/*/", "/*.xml", "/sitemaps/")
"""Pages outside the nav that only the first shard renders (any other page is rendered by
every shard and kept from the first: wasted time, never a wrong site)."""


@dataclass(frozen=True, slots=True)
class Shard:
    """One `mkdocs build` of the site: which articles it renders."""

    number: int
    characters: str
    """First characters of the article file names this shard renders."""
    exclude: tuple[str, ...]
    """Its `exclude_docs` patterns (gitignore syntax, from docs_dir)."""


@dataclass(frozen=True, slots=True)
class Child:
    """A process `build` started and waits for."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path
    """Its output, in a file: a pipe nobody reads while waiting for another child can fill."""


class SiteBuildError(Exception):
    """A child failed: its message is the error."""


def shards_for(content: Path, wanted: int, least: int = SHARD_MIN_ARTICLES) -> list[Shard]:
    """`wanted` shards splitting the articles by first character into contiguous runs of
    FIRST_CHARACTERS of about equal weight; one shard for fewer than `least` articles."""
    pages = [page.relative_to(content).parts for page in content.rglob("*.md")]
    counts = Counter(parts[-1][0] for parts in pages if parts[0] == ARTICLES)
    articles = sum(counts.values())
    if wanted < 2 or articles < least:
        return [Shard(0, FIRST_CHARACTERS, ())]
    others = len(pages) - articles
    groups = _split(counts, OTHER_PAGE_WEIGHT * others, wanted)
    first = Shard(0, groups[0], tuple(_only_not(groups[0])))
    rest = [Shard(n, g, (*LEFT_OUT, *_only(g))) for n, g in enumerate(groups[1:], 1)]
    return [first, *(shard for shard in rest if shard.characters)]


def _split(counts: Counter[str], head_start: int, wanted: int) -> list[str]:
    """FIRST_CHARACTERS cut into `wanted` runs; the first starts `head_start` heavy."""
    total = head_start + sum(counts.values())
    groups, load = [""], head_start
    for char in FIRST_CHARACTERS:
        if load >= total * len(groups) / wanted and len(groups) < wanted:
            groups.append("")
        groups[-1] += char
        load += counts[char]
    return groups


def _only(characters: str) -> list[str]:
    return [f"/{ARTICLES}/**/[!{characters}]*.md"]


def _only_not(characters: str) -> list[str]:
    others = "".join(c for c in FIRST_CHARACTERS if c not in characters)
    return [f"/{ARTICLES}/**/[{others}]*.md"] if others else []


def build(
    mkdocs_yml: Path,
    site_config: Path,
    shards: int,
    least: int = SHARD_MIN_ARTICLES,
    environ: Env | None = None,
) -> str:
    """Build the site `mkdocs_yml` describes, its search index included; -> a summary.
    `shards` and `least` as for `shards_for`; `environ` is the children's environment
    (default: this process's, where mkdocs.yml finds SITE_URL)."""
    config = load_config(str(mkdocs_yml))
    content, site = Path(config.docs_dir), Path(config.site_dir)
    work = site.parent / f".{site.name}-shards"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        plan = shards_for(content, shards, least)
        started = time.perf_counter()
        env = {**(os.environ if environ is None else environ), "NO_MKDOCS_2_WARNING": "1"}
        children = [_search_index(content, work, site_config, env)]
        children += [_mkdocs(mkdocs_yml, config, shard, work, env) for shard in plan]
        cpu = _wait(children)
        _assemble(site, work, plan)
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        (work / "pagefind").rename(site / "pagefind")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - started
    parts = ", ".join(f"{name} {spent:.1f}" for name, spent in cpu.items())
    return (
        f"site: {len(plan)} mkdocs shards beside the search index, {seconds:.1f} s ({parts} CPU s)"
    )


def _search_index(content: Path, work: Path, site_config: Path, env: Env) -> Child:
    command = [sys.executable, "-m", "generator.search_index", "--content", str(content)]
    command += ["--out", str(work / "pagefind"), "--config", str(site_config)]
    return _start("search index", command, work / "search-index.log", env)


def _mkdocs(mkdocs_yml: Path, config: MkDocsConfig, shard: Shard, work: Path, env: Env) -> Child:
    """Start `mkdocs build` of one shard, from a config that inherits the site's own."""
    shard_yml = work / f"shard-{shard.number}.yml"
    lines = [
        f"INHERIT: {_quoted(mkdocs_yml.resolve())}",
        f"docs_dir: {_quoted(config.docs_dir)}",
        f"site_dir: {_quoted(work / f'shard-{shard.number}')}",
    ]
    custom_dir = config.theme.custom_dir
    if custom_dir:  # relative paths would be read from the shard config's folder
        lines += ["theme:", f"  custom_dir: {_quoted(custom_dir)}"]
    if shard.exclude:
        lines += ["exclude_docs: |", *(f"  {pattern}" for pattern in shard.exclude)]
    shard_yml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Not --quiet: with it, MkDocs 1.6 counts no warning and --strict never fails a build.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(shard_yml)]
    log = work / f"shard-{shard.number}.log"
    return _start(f"mkdocs shard {shard.number}", command, log, env)


def _quoted(path: object) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _start(name: str, command: list[str], log: Path, env: Env) -> Child:
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    return Child(name, process, log)


def _wait(children: list[Child]) -> dict[str, float]:
    """Wait for every child; -> CPU seconds by child (its own and its children's)."""
    cpu: dict[str, float] = {}
    failed: list[str] = []
    for child in children:
        _, status, usage = os.wait4(child.process.pid, 0)
        child.process.returncode = os.waitstatus_to_exitcode(status)
        cpu[child.name] = usage.ru_utime + usage.ru_stime
        if child.process.returncode:
            output = child.log.read_text(encoding="utf-8", errors="replace").strip()
            failed.append(f"{child.name} failed (exit {child.process.returncode}):\n{output}")
    if failed:
        raise SiteBuildError("\n".join(failed))
    return cpu


def _assemble(site: Path, work: Path, plan: list[Shard]) -> None:
    """The first shard's tree becomes the site; the others' article pages move into it."""
    shutil.rmtree(site, ignore_errors=True)
    (work / "shard-0").rename(site)
    for shard in plan[1:]:
        built = work / f"shard-{shard.number}" / ARTICLES
        for page in sorted(p for p in built.rglob("*") if p.is_file()):
            target = site / ARTICLES / page.relative_to(built)
            target.parent.mkdir(parents=True, exist_ok=True)
            page.replace(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.site_build",
        description="Build site/ from content/: mkdocs in shards beside the search index.",
    )
    parser.add_argument("--mkdocs", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--config", type=Path, default=Path("site_config"))
    parser.add_argument(
        "--shards", type=int, default=os.cpu_count() or 1, help="mkdocs runs (default: cores)"
    )
    args = parser.parse_args(argv)
    try:
        print(build(args.mkdocs, args.config, args.shards))
    except ConfigurationError as error:
        print(f"error: {args.mkdocs}: {error}", file=sys.stderr)
        return 1
    except SiteBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
