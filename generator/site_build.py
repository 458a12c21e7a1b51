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

A later build renders only what changed since the last one (generator/site_state.py decides
what that is, or that everything must be built): one `mkdocs build` that leaves out every
unchanged page, its output moved into site/, and the search index again if an article changed.

Must not: produce a site that differs from one `mkdocs build` (tests/test_site_build.py and
tests/test_site_state.py compare them); leave its scratch folder behind; hide a failing
child's message.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

try:
    import fcntl
except ImportError:  # not POSIX: builds are not held apart
    fcntl = None  # type: ignore[assignment]

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from generator import site_state
from generator.config import SiteConfig
from generator.config import load_config as load_site_config
from generator.errors import (
    Problem,
    UserError,
    os_error_message,
    stop_on_sigterm,
    stopped_exit_code,
    template_frame,
)
from generator.write import remove
from generator.yamlfile import line_of, load_yaml

Env = Mapping[str, str]
ARTICLES = "articles"
"""The content folder whose pages are dealt out; everything else is the first shard's."""
FIRST_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyz"
"""What an article's file name starts with (generator/permalinks.py allows nothing else)."""
SHARD_MIN_ARTICLES = 400
"""Below this a build takes seconds, and a second MkDocs start (~1.5 CPU s) would not pay."""
PAGE_COST_BYTES = 12_000
"""Source bytes that cost MkDocs as much as a page's own fixed work (chrome, write): a page
weighs 1 + its bytes / this. Fitted on the bench trees: a listing (~22 kB) cost 2.2 articles
(~3.6 kB) at 10,000 stories and 2.6 (~26 kB) at 50,000, where a flat 2 left one shard 19 CPU s
behind the other."""
_WILDCARD = re.compile(r"[\\*?\[\]!#]")
"""What gitignore patterns read as more than a character; escaped with a backslash."""
SHARD_NICENESS = 10
"""The mkdocs shards yield to the search index: Pagefind writes its bundle on one thread at the
end, so when it finishes first the shards fill the other core instead of one idling (~2 s of a
30 s site build at 10,000 stories)."""
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
    FIRST_CHARACTERS of about equal weight (`PAGE_COST_BYTES`); one shard for fewer than
    `least` articles."""
    weights: Counter[str] = Counter()
    articles, others = 0, 0.0
    for folder, _, names in os.walk(content):  # a third of rglob's time on 11,700 pages
        in_articles = Path(folder).relative_to(content).parts[:1] == (ARTICLES,)
        for name in names:
            if not name.endswith(".md"):
                continue
            weight = 1 + os.stat(os.path.join(folder, name)).st_size / PAGE_COST_BYTES
            if in_articles:
                weights[name[0]] += weight
                articles += 1
            else:
                others += weight
    if wanted < 2 or articles < least:
        return [Shard(0, FIRST_CHARACTERS, ())]
    groups = _split(weights, others, wanted)
    first = Shard(0, groups[0], tuple(_only_not(groups[0])))
    rest = [Shard(n, g, (*LEFT_OUT, *_only(g))) for n, g in enumerate(groups[1:], 1)]
    return [first, *(shard for shard in rest if shard.characters)]


def _split(counts: Counter[str], head_start: float, wanted: int) -> list[str]:
    """FIRST_CHARACTERS cut into `wanted` runs; the first starts `head_start` heavy. Each cut
    falls where the load is nearest its share: before a character when more than half of its
    weight would lie past the share. (Cutting only once the share was reached left the first
    of two shards up to a whole character heavier: 3.8 CPU s of 33 on the 10k bench site.)"""
    total = head_start + sum(counts.values())
    groups, load = [""], head_start
    for char in FIRST_CHARACTERS:
        if load + counts[char] / 2 > total * len(groups) / wanted and len(groups) < wanted:
            groups.append("")
        groups[-1] += char
        load += counts[char]
    return groups


def _only(characters: str) -> list[str]:
    return [f"/{ARTICLES}/**/[!{characters}]*.md"]


def _only_not(characters: str) -> list[str]:
    others = "".join(c for c in FIRST_CHARACTERS if c not in characters)
    return [f"/{ARTICLES}/**/[{others}]*.md"] if others else []


@dataclass(frozen=True, slots=True)
class Job:
    """One run of `build`: what its children are started with, and where."""

    mkdocs_yml: Path
    config: MkDocsConfig
    site_config: Path
    env: Env
    work: Path
    """Scratch folder beside the site, removed when the build ends."""
    search_pages: Path
    """The small pages the search index is made from, kept beside the site between builds."""
    identity: Mapping[str, str]
    """site.yml's settings, written into every shard's config (see `identity`)."""
    archive_pages: int | None = None
    """Pages that close an archive search bundle (None: search_index.ARCHIVE_PAGES)."""

    @property
    def content(self) -> Path:
        return Path(self.config.docs_dir)

    @property
    def site(self) -> Path:
        return Path(self.config.site_dir)


def build(
    mkdocs_yml: Path,
    site_config: Path,
    shards: int,
    least: int = SHARD_MIN_ARTICLES,
    environ: Env | None = None,
    incremental: bool = True,
    archive_pages: int | None = None,
) -> str:
    """Build the site `mkdocs_yml` describes, its search index included; -> a summary.
    `shards` and `least` as for `shards_for`; `environ` is the children's environment
    (default: this process's, where mkdocs.yml finds SITE_URL); site.yml's name,
    description, language and address go into every shard's config (`identity`).
    `incremental`: when the last build left its state (generator/site_state.py), render only
    the pages whose source changed.
    `archive_pages`: see search_index.bundles (None: its default)."""
    env = {**(os.environ if environ is None else environ), "NO_MKDOCS_2_WARNING": "1"}
    config, named = _configs(mkdocs_yml, site_config, env)
    site = Path(config.site_dir)
    work = site.parent / f".{site.name}-shards"
    search_pages = site.parent / f".{site.name}-search"
    job = Job(mkdocs_yml, config, site_config, env, work, search_pages, named, archive_pages)
    with _alone(site):
        return _locked(job, shards, least, incremental)


@contextlib.contextmanager
def _alone(site: Path) -> Iterator[None]:
    """Hold the site's build lock while the block runs, after any other build of the same
    site/ (`make serve` in one terminal, `make build` or `make deploy` in another): two builds
    share its scratch folders and swap site/ under each other, and one of them reported a
    whole site where it left none. The lock goes with its process, however that ends."""
    site.parent.mkdir(parents=True, exist_ok=True)
    with open(site.parent / f".{site.name}-build.lock", "a+b") as lock:
        if fcntl is not None:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"waiting for another build of {site} to finish...", file=sys.stderr)
                fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _locked(job: Job, shards: int, least: int, incremental: bool) -> str:
    """`build`, holding the lock."""
    site = Path(job.config.site_dir)
    state_file = site.parent / f".{site.name}-state.json"
    now, todo = _since_last(job.config, job.site_config, state_file, incremental)
    state_file.unlink(missing_ok=True)  # site/ changes now: it has no state until whole again
    shutil.rmtree(job.work, ignore_errors=True)
    job.work.mkdir(parents=True)
    started = time.perf_counter()
    try:
        what, cpu, now = _run(job, now, todo, shards, least)
    finally:
        shutil.rmtree(job.work, ignore_errors=True)
    site_state.save(state_file, now)
    seconds = time.perf_counter() - started
    parts = ", ".join(f"{name} {spent:.1f}" for name, spent in cpu.items())
    return f"site: {what}, {seconds:.1f} s" + (f" (CPU s: {parts})" if cpu else "")


def _configs(mkdocs_yml: Path, site_config: Path, env: Env) -> tuple[MkDocsConfig, dict[str, str]]:
    """mkdocs.yml's config as the children will read it (in their environment `env`, where
    mkdocs.yml finds SITE_URL), and the site's settings from site.yml (`identity`)."""
    with mock.patch.dict(os.environ, env, clear=True):  # the settings the children will read
        site_yml = load_site_config(site_config, curation=False)  # a bad one stops here
        config = load_config(str(mkdocs_yml))
    return config, identity(site_yml, site_config / "site.yml", config.theme.dirs)


def _since_last(
    config: MkDocsConfig, site_config: Path, state_file: Path, incremental: bool
) -> tuple[site_state.Snapshot | None, site_state.Changes | None]:
    """The sources as they are now and what changed since the last build, from the state it
    left in `state_file`: (None, None) without one (or when not `incremental`), and no
    changes (None: a full build) when site/ lacks the search bundle."""
    site = Path(config.site_dir)
    before = site_state.load(state_file) if incremental else None
    now = site_state.snapshot(config, site_config, before) if before else None
    todo = site_state.changes(before, now, site) if now else None
    if not (site / "pagefind" / "pagefind-entry.json").is_file():
        todo = None  # the search bundle is gone: only a full build makes it again
    return now, todo


def _run(
    job: Job,
    now: site_state.Snapshot | None,
    todo: site_state.Changes | None,
    shards: int,
    least: int,
) -> tuple[str, dict[str, float], site_state.Snapshot]:
    """The build `_since_last` calls for: every page, or only the `todo` changes; -> what was
    built, CPU seconds by child, and the sources' snapshot for the next build."""
    if now is None:
        # Nothing to compare with: the sources are digested for the next build while the
        # children run (on two cores what the parent does alone is idle time).
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            later = pool.submit(site_state.snapshot, job.config, job.site_config, None)
            what, cpu = _full(job, shards, least)
            return what, cpu, later.result()
    if todo is None:
        return (*_full(job, shards, least), now)
    return (*_update(job, todo, now), now)


def _full(job: Job, shards: int, least: int) -> tuple[str, dict[str, float]]:
    """Every page, in shards beside the search index."""
    with _retired(job.site, job.work / "retired-site"), _running() as children:
        with _signals_held():
            # The index first: it needs no plan, and runs while the pages are weighed for one.
            children.append(_search_index(job, job.work / "pagefind", None))
            plan = shards_for(job.content, shards, least)
            children += [_mkdocs(job, shard) for shard in plan]
        cpu = _wait(children, job.config.theme.custom_dir)
    _assemble(job.site, job.work, plan)
    _move_bundle(job)
    shards_run = f"{len(plan)} mkdocs shard{'s' if len(plan) > 1 else ''}"
    return f"every page, {shards_run} beside the search index", cpu


def _update(
    job: Job, todo: site_state.Changes, now: site_state.Snapshot
) -> tuple[str, dict[str, float]]:
    """Only the changed pages, by one `mkdocs build` that leaves every other page out, and
    the search bundles whose articles changed, in place."""
    for dest in todo.removed:
        remove(job.site, dest)
    with _running() as children:
        with _signals_held():
            if todo.articles:
                children.append(_search_index(job, job.site / "pagefind", todo))
            if todo.changed:
                shard = Shard(0, "", ("/**", *(f"!/{_literal(path)}" for path in todo.changed)))
                children.append(_mkdocs(job, shard))
        cpu = _wait(children, job.config.theme.custom_dir)
    built = job.work / "shard-0"
    for path in todo.changed:
        dest = now.sources[path].dest
        (job.site / dest).parent.mkdir(parents=True, exist_ok=True)
        (built / dest).replace(job.site / dest)
    if not (todo.changed or todo.removed):
        return "up to date (no page changed since the last build)", cpu
    return f"{len(todo.changed)} changed and {len(todo.removed)} removed pages", cpu


def _literal(path: str) -> str:
    """`path` as a gitignore pattern matching only itself."""
    return _WILDCARD.sub(r"\\\g<0>", path)


def _move_bundle(job: Job) -> None:
    shutil.rmtree(job.site / "pagefind", ignore_errors=True)
    (job.work / "pagefind").rename(job.site / "pagefind")


def _search_index(job: Job, out: Path, todo: site_state.Changes | None) -> Child:
    """Start the search index, writing its bundles to `out`. Its pages stay beside the site
    for the next build, which writes only those of the sources `todo` names again (None: all
    of them) and deletes those of removed articles."""
    command = [sys.executable, "-m", "generator.search_index", "--content", str(job.content)]
    command += ["--out", str(out), "--config", str(job.site_config)]
    command += ["--pages", str(job.search_pages)]
    if job.archive_pages is not None:
        command += ["--archive-pages", str(job.archive_pages)]
    if todo is not None:
        for option, paths in (("changed", todo.changed), ("removed", todo.removed)):
            listing = job.work / f"{option}.txt"
            listing.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
            command += [f"--{option}", str(listing)]
    return _start("search index", command, job.work / "search-index.log", job.env)


def _mkdocs(job: Job, shard: Shard) -> Child:
    """Start `mkdocs build` of one shard, from a config that inherits the site's own."""
    work = job.work
    shard_yml = work / f"shard-{shard.number}.yml"
    lines = [
        f"INHERIT: {_quoted(job.mkdocs_yml.resolve())}",
        f"docs_dir: {_quoted(job.config.docs_dir)}",
        f"site_dir: {_quoted(work / f'shard-{shard.number}')}",
    ]
    # JSON strings are YAML's double-quoted scalars: a name such as 1984 or On stays text
    site = dict(job.identity)
    language = site.pop("language")
    lines += [f"{key}: {json.dumps(value)}" for key, value in site.items()]
    # INHERIT merges this theme into mkdocs.yml's, key by key
    lines += ["theme:", f"  language: {json.dumps(language)}"]
    custom_dir = job.config.theme.custom_dir
    if custom_dir:  # relative paths would be read from the shard config's folder
        lines.append(f"  custom_dir: {_quoted(custom_dir)}")
    if shard.exclude:
        lines += ["exclude_docs: |", *(f"  {pattern}" for pattern in shard.exclude)]
    shard_yml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Not --quiet: with it, MkDocs 1.6 counts no warning and --strict never fails a build.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(shard_yml)]
    log = work / f"shard-{shard.number}.log"
    return _start(f"mkdocs shard {shard.number}", command, log, job.env, SHARD_NICENESS)


def _quoted(path: object) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def identity(site: SiteConfig, site_yml: Path, theme_dirs: list[str]) -> dict[str, str]:
    """site.yml's name, description and address (or $SITE_URL's), and the theme's language
    for its language tag, as mkdocs settings: one place to name the site, for the header and
    every page's <title> and lang as for the home page and the feeds the generator writes.

    They go into the shard configs, not through mkdocs.yml's `!ENV`, which reads a variable
    as YAML: a site named 1984 became a number and the language `no` became false."""
    language = _theme_language(site.language, theme_dirs)
    if language is None:
        message = (
            f"language '{site.language}': the theme (Material) has no translation for it or "
            f"for '{site.language.split('-')[0]}'; choose one it has, such as en, fr or pt-BR"
        )
        raise UserError([Problem(site_yml, line_of(load_yaml(site_yml), "language"), message)])
    return {
        "site_name": site.title,
        "site_description": site.description,
        "site_url": site.site_url,
        "language": language,
    }


def _theme_language(tag: str, theme_dirs: list[str]) -> str | None:
    """The theme's translation for a language tag: its own, else its language's (`en-GB`
    -> `en`); None if neither (Material would stop every page on the missing template)."""
    for candidate in dict.fromkeys((tag, tag.split("-")[0])):
        name = f"partials/languages/{candidate}.html"
        if any((Path(folder) / name).is_file() for folder in theme_dirs):
            return candidate
    return None


def _start(name: str, command: list[str], log: Path, env: Env, niceness: int = 0) -> Child:
    with log.open("wb") as out:
        # a process group of its own: `_stop` ends it with the children it starts (Pagefind)
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    if niceness:
        os.setpriority(os.PRIO_PROCESS, process.pid, niceness)
    return Child(name, process, log)


def _wait(children: list[Child], theme: str | None) -> dict[str, float]:
    """Wait for every child; -> CPU seconds by child (its own and its children's). `theme`:
    the theme overrides' folder, whose template errors are told by file and line."""
    cpu: dict[str, float] = {}
    failed: list[str] = []
    for child in children:
        _, status, usage = os.wait4(child.process.pid, 0)
        child.process.returncode = os.waitstatus_to_exitcode(status)
        cpu[child.name] = usage.ru_utime + usage.ru_stime
        if child.process.returncode:
            output = child.log.read_text(encoding="utf-8", errors="replace").strip()
            failed.append(
                _template_error(output, theme)
                or f"{child.name} failed (exit {child.process.returncode}):\n{output}"
            )
    if failed:
        raise SiteBuildError("\n".join(dict.fromkeys(failed)))  # each shard met the same
    return cpu


_FRAME = re.compile(r'^  File "(?P<file>[^"]+)", line (?P<line>\d+)', re.MULTILINE)
"""A frame of a Python traceback (Jinja gives a template's frames its file and line)."""


def _template_error(output: str, theme: str | None) -> str | None:
    """A child's log that ends in an error raised by a template of the theme overrides (a
    curator's edit of site_config/overrides/), as `file:line: template error: message` at
    the innermost such frame (`errors.template_frame`); None for any other failure, told by
    the whole log."""
    if not theme or "Traceback" not in output:
        return None
    *_, last = output.splitlines()
    frames = [(m["file"], int(m["line"])) for m in _FRAME.finditer(output)]
    jinja = last.startswith("jinja2.exceptions.")
    if (found := template_frame(frames, Path(theme).resolve(), jinja)) is None:
        return None
    return f"{found[0]}:{found[1]}: template error: {last.partition(': ')[2]}"


@contextlib.contextmanager
def _running() -> Iterator[list[Child]]:
    """A list for the children the block starts, and waits for; should the block fail (a
    signal to this process alone, Ctrl-C, a child that failed to start) any still running
    are ended: none may go on writing into the site."""
    children: list[Child] = []
    try:
        yield children
    except BaseException:
        _stop(children)
        raise


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait while the block starts children: raised between a child's
    start and its place in `_running`'s list, they left a child no one would end. (Held by
    handlers, not a signal mask: a mask holds them off this thread only, and the thread
    digesting the sources meanwhile took them.)"""
    held: list[int] = []
    kinds = (signal.SIGINT, signal.SIGTERM)
    before = {kind: signal.signal(kind, lambda signum, _: held.append(signum)) for kind in kinds}
    try:
        yield
    finally:
        for kind, handler in before.items():
            signal.signal(kind, handler)
        if held:
            signal.raise_signal(held[0])  # handled now as it would have been


def _stop(children: list[Child]) -> None:
    """End the children still running, and what they started."""
    for child in children:
        if child.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.process.pid, signal.SIGKILL)
            child.process.wait()


@contextlib.contextmanager
def _retired(site: Path, aside: Path) -> Iterator[None]:
    """The last build's site moved `aside` and deleted while the block runs. Deleting ~23,000
    files (the 10k bench site) takes 3-12 s, mostly waiting on the disk; deleted after the
    children, that is wall time at the end of the build. Meanwhile, ext4 without a journal
    makes the files they create skip the freed inodes: both ways measured alike (full builds
    over a 10k site, 24.3-28.1 s against 25.0-26.4, tests/bench/HISTORY.md). As with `mkdocs
    build`, which empties site_dir first, a build that fails leaves no site. Where the site
    cannot be moved (a mount point), `_assemble` deletes it as before."""
    try:
        site.rename(aside)
    except OSError:  # no site yet, or one that stays where it is
        yield
        return
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        deleted = pool.submit(shutil.rmtree, aside, ignore_errors=True)
        try:
            yield
        finally:
            deleted.result()


def _assemble(site: Path, work: Path, plan: list[Shard]) -> None:
    """The first shard's tree becomes the site; the others' article pages move into it."""
    shutil.rmtree(site, ignore_errors=True)
    (work / "shard-0").rename(site)
    for shard in plan[1:]:
        _move_into(work / f"shard-{shard.number}" / ARTICLES, site / ARTICLES)


def _move_into(source: Path, target: Path) -> None:
    """Move what `source` holds into `target`, a folder at a time where `target` has none of
    that name (a page's folder moves whole: no folder made or left behind per page)."""
    target.mkdir(parents=True, exist_ok=True)
    with os.scandir(source) as listing:  # a DirEntry knows it is a folder without a stat
        entries = list(listing)  # read whole before its entries move away
    for entry in entries:
        there = target / entry.name
        if entry.is_dir() and there.is_dir():
            _move_into(Path(entry.path), there)
        else:
            os.replace(entry.path, there)


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
    parser.add_argument(
        "--full",
        action="store_true",
        help="render every page, not only those changed since the last build",
    )
    parser.add_argument(
        "--site-url",
        help="public address of the site (default: $SITE_URL or site.yml); give generate the "
        "same one, which names it in the feeds and the sitemap",
    )
    args = parser.parse_args(argv)
    # mkdocs.yml and site.yml's reader both take the address from SITE_URL
    environ = {**os.environ, "SITE_URL": args.site_url} if args.site_url else None
    try:
        incremental = not args.full
        print(
            build(args.mkdocs, args.config, args.shards, environ=environ, incremental=incremental)
        )
    except ConfigurationError as error:
        print(f"error: {args.mkdocs}: {error}", file=sys.stderr)
        return 1
    except SiteBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except UserError as error:  # site_config/site.yml (or $SITE_URL) is wrong
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except OSError as error:  # a folder it may not write, a full disk: no traceback
        print(os_error_message(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:
        # The state file went before site/ was touched: the next build is a full one.
        print(
            "interrupted: site/ may be incomplete; the next build makes it whole.", file=sys.stderr
        )
        return stopped_exit_code(stop)
    return 0


if __name__ == "__main__":
    stop_on_sigterm()  # its children stopped with it, as at Ctrl-C
    sys.exit(main())
