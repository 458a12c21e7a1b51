"""`make bench`: build archives of N real-text articles and print one table of what it cost.

    python tests/bench/bench.py --corpus PATH [--sizes 1000,10000,50000] [--out bench-out]
                                [--repeats 1]

For each N: write realistic dumps from the corpus (tests/bench/archive.py), run the generator
stage by stage, serially and without the story cache (tests/bench/stages.py), run the CLI cold
(a fresh content folder and an empty cache, workers on every core; its tree must equal the
serial one), regenerate with the CLI and the now warm cache (must write nothing), build the
site as `make site` does (generator/site_build.py: `mkdocs build` in shards beside the
search index, peak memory summed over all its processes), build a bare MkDocs Material site of
the same N stories (one Markdown file each, a one-entry nav), measure sizes, the home page weight,
the first search's download and how often rare words find their story first
(tests/bench/search_quality.py) in Chromium, then add one dump and time the incremental
regeneration (warm cache: the dumps of the archive are not read again), whose tree must equal a
cold `--no-cache` build of the same dumps given the same published URLs, and last regenerate
after an edit of topics.yml (a comment: every dump classified again from what the cache kept,
the tree unchanged) and one of a template (a comment: every page rendered again, no story
scored again, the tree unchanged). With --repeats N the
cold CLI, the site and the bare build are timed N times, in rounds (one of each, from nothing,
in turn), and the full / bare ratio comes from their medians. Every figure is
measured in this run; nothing is estimated. Everything is written under --out (git-ignored),
never into the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

# Run as a script: its own folder for archive/browser, the repository for tests.audit.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive
import browser
import search_quality

from generator.site_size import MB, PAGES_LIMIT_MB, measure
from tests.browser.site import mkdocs_config

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GENERATE = [PYTHON, "-m", "generator", "generate"]
STAGES = (
    "startup",
    "config",
    "ingest",
    "segment",
    "extract",
    "classify",
    "merge",
    "curate",
    "render",
    "write",
)
COMMON_TERMS = ("government", "president")
"""Frequent words load the biggest index chunks: the worst first search a reader meets."""
PROBED_ARTICLES = 3
"""Articles whose rarest word must be found by search (first, middle and last by path)."""
RSS_SAMPLE_SECONDS = 0.2
"""Pagefind's peak lasts seconds; a fifth of a second catches it without costing a core."""
SECTIONS = ("articles", "topics", "regions", "archive", "pagefind")
"""The site's folders by page kind (listings with their feeds): where a site's bytes go."""
_WORD = re.compile(r"[A-Za-z]{6,}")
_SITE_PART = re.compile(r"(search index|mkdocs shard \d+) ([\d.]+)")
"""A child's CPU seconds in the summary line of `python -m generator.site_build`."""
_WROTE = re.compile(r"wrote (\d+) files to .*, (\d+) unchanged, (\d+) removed")
TRASH = ".trash"
"""In --out: the trees a run is done with, deleted when every size is measured (`discard`)."""


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    cpu_seconds: float
    """User + system time: steadier than wall time when other jobs share the machine."""
    max_rss_mb: float
    stdout: str


def run(cmd: list[str], cwd: Path = ROOT) -> Run:
    """Run a child to completion; its own peak RSS comes from wait4 (not the bench's)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(
            cmd,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if child.returncode:
        sys.exit(f"bench: {' '.join(cmd)} failed ({child.returncode}):\n{text[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text)


def run_together(*cmds: list[str]) -> tuple[float, list[Run], float]:
    """Run children side by side; -> (wall seconds until all are done, each child's Run,
    peak summed RSS of all their processes and their children's in MB, sampled every
    RSS_SAMPLE_SECONDS)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    peak, stop = [0.0], threading.Event()
    with contextlib.ExitStack() as stack:
        logs = [stack.enter_context(tempfile.TemporaryFile()) for _ in cmds]
        started = time.perf_counter()
        children = [
            subprocess.Popen(c, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
            for c, log in zip(cmds, logs, strict=True)
        ]

        def sample() -> None:
            while not stop.wait(RSS_SAMPLE_SECONDS):
                peak[0] = max(peak[0], _tree_rss_mb([c.pid for c in children]))

        sampler = threading.Thread(target=sample)
        sampler.start()
        runs = []
        for child, log in zip(children, logs, strict=True):
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            if child.returncode:
                stop.set()
                log.seek(0)
                sys.exit(f"bench: {' '.join(child.args)} failed:\n{log.read().decode()[-3000:]}")
            seconds = time.perf_counter() - started
            log.seek(0)
            text = log.read().decode("utf-8", "replace")
            runs.append(Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text))
        stop.set()
        sampler.join()
    return time.perf_counter() - started, runs, peak[0]


def _tree_rss_mb(pids: list[int]) -> float:
    """Summed resident memory of `pids` and all their descendants (from /proc), in MB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError, ValueError, IndexError):
            parent = int(entry.joinpath("stat").read_text().rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    todo, total = list(pids), 0
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{pid}/status").read_text()
            total += sum(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")
            )
    return total / 1024


def site_config(work: Path) -> Path:
    """The repository's site_config without curation.yml: its decisions name the sample's
    articles, which a bench archive does not have (an unknown id stops the run)."""
    folder = work / "site_config"
    shutil.copytree(ROOT / "site_config", folder, ignore=shutil.ignore_patterns("curation.yml"))
    return folder


def discard(tree: Path, trash: Path) -> None:
    """Move a tree the bench is done with into `trash`, deleted after the last measurement.

    On this machine's file system (ext4 without a journal) each new file skips, one lookup
    each, every inode freed in the last minute or more: deleting a tree of 12,000 files right
    before a timed cold generator run cost it ~2.6 CPU s of kernel time (perf shows
    `recently_deleted`). A user's build follows no such deletion; the bench's cleanup must
    not slow the measurement after it either."""
    if tree.exists():
        trash.mkdir(parents=True, exist_ok=True)
        tree.rename(trash / f"{len(os.listdir(trash)):04d}")


def bare_site(work: Path, stories: list[archive.Story]) -> Path:
    """A plain Material site of the same stories: one page each, a one-entry nav."""
    docs = work / "bare" / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Bare\n", encoding="utf-8")
    for number, story in enumerate(stories):
        body = f"# {story.title}\n\n" + "\n\n".join(story.paragraphs) + "\n"
        (docs / f"s{number:06d}.md").write_text(body, encoding="utf-8")
    config = work / "bare" / "mkdocs.yml"
    config.write_text(
        "site_name: Bare\nsite_url: https://example.org/\ntheme:\n  name: material\n"
        "nav:\n  - Home: index.md\nvalidation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8",
    )
    return config


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under a folder, as `site_size` counts them before a publish; (0, 0)
    for a folder the site lacks."""
    if not folder.is_dir():
        return 0, 0
    size = measure(folder)
    return size.bytes, size.files


def pages_artifact(site: Path) -> tuple[int, int]:
    """(bytes, gzip -6 bytes) of the tar archive actions/upload-pages-artifact makes of the
    site (its tar options); the upload compresses it again (a zip at level 6)."""
    command = ["tar", "--dereference", "--hard-dereference", "--directory", str(site), "-cf", "-"]
    command += ["--exclude=.git", "--exclude=.github", "."]
    packed = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip stream
    raw = compressed = 0
    with subprocess.Popen(command, stdout=subprocess.PIPE) as tar:
        assert tar.stdout is not None
        while chunk := tar.stdout.read(1 << 20):
            raw += len(chunk)
            compressed += len(packed.compress(chunk))
    if tar.returncode:
        raise RuntimeError(f"tar failed on {site} (exit {tar.returncode})")
    return raw, compressed + len(packed.flush())


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def tree_digests(folder: Path) -> dict[str, bytes]:
    """Like tree_bytes, in a digest a file: a 50,000-story site is most of a gigabyte."""
    return {
        str(p.relative_to(folder)): hashlib.blake2b(p.read_bytes()).digest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def probes(content: Path, stories: list[archive.Story]) -> list[tuple[str, str]]:
    """(rarest word of the article, its URL) for a few articles across the archive."""
    frequency = Counter(w.lower() for s in stories for p in s.paragraphs for w in _WORD.findall(p))
    pages = sorted((content / "articles").rglob("*.md"))
    picks = [pages[0], pages[len(pages) // 2], pages[-1]][:PROBED_ARTICLES]
    result = []
    for page in picks:
        # Only the story's own text (the body): the provenance and related-stories boxes are
        # front matter the theme lays out, left out of the index (data-pagefind-ignore).
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        words = sorted(
            {w.lower() for w in _WORD.findall(body) if w.lower() in frequency},
            key=lambda w: (frequency[w], w),
        )
        url = "/" + str(page.relative_to(content).with_suffix("")) + "/"
        result.append((words[0], url))
    return result


@dataclass(frozen=True, slots=True)
class Round:
    """One timing of the three builds the full / bare ratio compares, in wall seconds."""

    cold: float
    site: float
    bare: float

    @property
    def ratio(self) -> float:
        return (self.cold + self.site) / self.bare


def bare_build(work: Path, stories: list[archive.Story]) -> Run:
    mkdocs = str(Path(PYTHON).parent / "mkdocs")
    return run([mkdocs, "build", "--quiet", "-f", str(bare_site(work, stories))])


def again_round(
    work: Path,
    trash: Path,
    stories: list[archive.Story],
    dumps_and_config: list[str],
    site_build: list[str],
) -> Round:
    """The cold CLI, the full site and the bare build once more, each from nothing as in the
    first round (the trees they replace go to the trash, not deleted: see `discard`). The
    generator's output goes to a folder of its own; the site is built from the serial run's
    content, which is the same tree byte for byte."""
    out = work / "cold-again"
    cold = run([*GENERATE, *dumps_and_config, "--out", str(out / "content")])
    discard(out, trash)
    for leftover in ("site", ".site-search", ".site-state.json", "bare"):
        discard(work / leftover, trash)
    site = run(site_build)
    bare = bare_build(work, stories)
    return Round(cold.seconds, site.seconds, bare.seconds)


def bench_size(corpus: list[dict], size: int, out: Path, repeats: int = 1) -> dict[str, object]:
    work, trash = out / str(size), out / TRASH
    discard(work, trash)  # an earlier run's
    stories = archive.stories(corpus, size)
    dumps = work / "dumps"
    n_dumps = archive.write_dumps(stories, dumps)
    content = work / "content"
    log(f"N={size}: {n_dumps} dumps written; generating")

    config_dir = str(site_config(work))
    generate = ["--dumps", str(dumps), "--out", str(content), "--config", config_dir]
    gen = run([PYTHON, "tests/bench/stages.py", *generate])
    stages = json.loads(gen.stdout.strip().splitlines()[-1])
    log(
        f"N={size}: generator {gen.seconds:.1f} s wall, {gen.cpu_seconds:.1f} s cpu, "
        f"{gen.max_rss_mb:.0f} MB; stages (cpu) {stages['cpu']}"
    )
    # The CLI from nothing: a fresh content folder and an empty story cache (.cache beside
    # it), workers on every core. Its tree must be the serial stage-by-stage run's, byte for
    # byte. Its warm cache then serves the rerun and the incremental run below.
    cold_out = work / "cold" / "content"
    cache = ["--cache", str(work / "cold" / ".cache")]
    dumps_and_config = ["--dumps", str(dumps), "--config", config_dir]
    cold = run([*GENERATE, *dumps_and_config, "--out", str(cold_out)])
    identical = tree_bytes(cold_out) == tree_bytes(content)
    log(f"N={size}: CLI cold {cold.seconds:.1f} s wall, {cold.cpu_seconds:.1f} s cpu")
    discard(cold_out, trash)
    again = run([*GENERATE, *generate, *cache])
    rewritten = int(_WROTE.search(again.stdout).group(1))

    log(f"N={size}: make site (mkdocs in shards beside the search index)")
    config = mkdocs_config(work)
    site_build = [PYTHON, "-m", "generator.site_build", "--mkdocs", str(config)]
    site_build += ["--config", config_dir]
    site_seconds, (built,), site_rss = run_together(site_build)
    parts = {name: float(cpu) for name, cpu in _SITE_PART.findall(built.stdout)}
    shards = sum(name.startswith("mkdocs shard") for name in parts)
    mkdocs_cpu = sum(cpu for name, cpu in parts.items() if name.startswith("mkdocs"))
    site = work / "site"
    search_index = site / "search" / "search_index.json"
    builtin_index = search_index.stat().st_size if search_index.exists() else 0
    log(f"N={size}: site {site_seconds:.1f} s wall; {built.stdout.strip()}")

    log(f"N={size}: bare Material build")
    bare = bare_build(work, stories)
    rounds = [Round(cold.seconds, site_seconds, bare.seconds)]
    for number in range(2, repeats + 1):
        log(f"N={size}: round {number} of {repeats}: cold CLI, site, bare build again")
        rounds.append(again_round(work, trash, stories, dumps_and_config, site_build))

    log(f"N={size}: browser measurements")
    site_bytes, site_files = tree_size(site)
    pagefind_bytes, _ = tree_size(site / "pagefind")
    sections = {name: tree_size(site / name) for name in SECTIONS}
    artifact_bytes, artifact_gzip_bytes = pages_artifact(site)
    must_find = probes(content, stories)
    seen = browser.measure(site, [*COMMON_TERMS, must_find[0][0]], must_find)
    rare = search_quality.rare_words(work / ".site-search")
    searched = search_quality.quality(work, rare)
    merged = search_quality.quality(work, rare, plain=True)  # Pagefind's own merge, to compare

    log(f"N={size}: incremental run")
    newest = max(s.date for s in stories)
    archive.newest_dump(corpus, newest, dumps)
    before = inodes(content)
    # The cold build to compare with starts from the tree already published: its URLs never
    # move (a new story whose title is taken gets the suffixed slug, whatever a fresh run
    # says), and where two stories share an id its pages tell whose it is (merge's `owner`).
    cold_all = work / "cold-all" / "content"
    shutil.copytree(content, cold_all, symlinks=True)
    inc = run([*GENERATE, *generate, *cache])
    after = inodes(content)
    written, unchanged, removed = map(int, _WROTE.search(inc.stdout).groups())
    new_inode = sum(1 for p, i in after.items() if before.get(p) != i)
    # The incremental tree must be the one a cold build of the same dumps writes (the page
    # cache and the related stories' state reuse only what a cold run would make again).
    log(f"N={size}: cold build of the same dumps, to compare with the incremental tree")
    run([*GENERATE, *dumps_and_config, "--out", str(cold_all), "--no-cache"])
    incremental_identical = tree_bytes(cold_all) == tree_bytes(content)
    discard(cold_all, trash)

    # `make build` after the dump: the site from the last build's state renders only the
    # pages the dump changed (generator/site_state.py), and must be what a full build makes.
    log(f"N={size}: site after the dump (changed pages only), then a full one to compare")
    site_inc = run(site_build)
    incremental_site = tree_digests(site)
    # The full build is also what a theme or mkdocs.yml edit makes: every page again, over the
    # last site (deleted meanwhile), where the timed round above built into an empty folder.
    site_full = run([*site_build, "--full"])
    site_inc_identical = tree_digests(site) == incremental_site

    # A curator's edit of topics.yml, here a comment, so the stories stay as they were: every
    # dump is classified again from what the last run kept of it, none segmented again, and
    # the tree must not change.
    log(f"N={size}: after an edit of topics.yml")
    with (Path(config_dir) / "topics.yml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a curator's edit\n")
    held = tree_digests(content)
    edit = run([*GENERATE, *generate, *cache])
    edit_unchanged = tree_digests(content) == held

    # A curator's edit of a template, here a comment: every page is rendered again (the page
    # cache's fingerprint holds the templates), the related stories' state is kept.
    log(f"N={size}: after an edit of a template")
    template = Path(config_dir) / "templates" / "article.md.j2"
    template.write_text("{# a curator's note #}\n" + template.read_text("utf-8"), "utf-8")
    template_edit = run([*GENERATE, *generate, *cache])
    template_unchanged = tree_digests(content) == held

    return {
        "size": size,
        "load": os.getloadavg()[0],
        "dumps": n_dumps,
        "articles": stages["articles"],
        "stage_seconds": stages["times"],
        "stage_cpu": stages["cpu"],
        "generator_seconds": gen.seconds,
        "generator_cpu": gen.cpu_seconds,
        "generator_rss_mb": gen.max_rss_mb,
        "cold_seconds": statistics.median(r.cold for r in rounds),
        "cold_cpu": cold.cpu_seconds,
        "cold_rss_mb": cold.max_rss_mb,
        "cold_identical": identical,
        "rerun_rewritten": rewritten,
        "cli_seconds": again.seconds,
        "cli_cpu": again.cpu_seconds,
        "mkdocs_shards": shards,
        "mkdocs_cpu": mkdocs_cpu,
        "pagefind_cpu": parts["search index"],
        "site_rss_max_mb": built.max_rss_mb,
        "site_seconds": statistics.median(r.site for r in rounds),
        "site_rss_mb": site_rss,
        "bare_seconds": statistics.median(r.bare for r in rounds),
        "rounds": [asdict(r) for r in rounds],
        "round_ratios": [r.ratio for r in rounds],
        "bare_cpu": bare.cpu_seconds,
        "bare_rss_mb": bare.max_rss_mb,
        "site_bytes": site_bytes,
        "site_files": site_files,
        "section_bytes": {name: size for name, (size, _) in sections.items()},
        "section_files": {name: files for name, (_, files) in sections.items()},
        "artifact_bytes": artifact_bytes,
        "artifact_gzip_bytes": artifact_gzip_bytes,
        "html_pages": sum(1 for _ in site.rglob("*.html")) - 1,  # minus the 404 page
        "home_html_bytes": (site / "index.html").stat().st_size,
        "home_bytes": seen["home_bytes"],
        "builtin_index_bytes": builtin_index,
        "pagefind_bytes": pagefind_bytes,
        "searches": [asdict(s) for s in seen["searches"]],
        "rare_first": f"{searched.first}/{searched.words} ({merged.first}), {searched.bundles}",
        "found": [
            f"{term}: {'yes' if ok else 'NO'}"
            for (term, _), ok in zip(must_find, seen["found"], strict=True)
        ],
        "incremental_seconds": inc.seconds,
        "incremental_cpu": inc.cpu_seconds,
        "incremental_written": written,
        "incremental_unchanged": unchanged,
        "incremental_removed": removed,
        "incremental_new_inodes": new_inode,
        "incremental_added_files": len(set(after) - set(before)),
        "incremental_identical": incremental_identical,
        "site_inc_seconds": site_inc.seconds,
        "site_inc_cpu": site_inc.cpu_seconds,
        "site_inc_summary": site_inc.stdout.strip().splitlines()[-1],
        "site_inc_identical": site_inc_identical,
        "site_full_seconds": site_full.seconds,
        "site_full_cpu": site_full.cpu_seconds,
        "topics_edit_seconds": edit.seconds,
        "topics_edit_cpu": edit.cpu_seconds,
        "topics_edit_unchanged": edit_unchanged,
        "template_edit_seconds": template_edit.seconds,
        "template_edit_cpu": template_edit.cpu_seconds,
        "template_edit_unchanged": template_unchanged,
    }


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def table(results: list[dict]) -> str:
    """One table: a row per measure, a column per archive size."""

    def timed(label: str, run: str) -> tuple[str, list[str]]:
        """A run's wall and CPU seconds (`<run>_seconds`, `<run>_cpu`)."""
        return label, [f"{r[f'{run}_seconds']:.2f} ({r[f'{run}_cpu']:.2f})" for r in results]

    def holds(label: str, key: str) -> tuple[str, list[str]]:
        """Whether a comparison held."""
        return label, ["yes" if r[key] else "NO" for r in results]

    rows: list[tuple[str, list[str]]] = [
        ("articles generated (dumps)", [f"{r['articles']} ({r['dumps']})" for r in results])
    ]
    for stage in STAGES:
        seconds = [
            f"{r['stage_seconds'][stage]:.2f} ({r['stage_cpu'][stage]:.2f})" for r in results
        ]
        rows.append((f"generator serial, no cache: {stage} s wall (cpu)", seconds))
    full = [r["cold_seconds"] + r["site_seconds"] for r in results]
    rows += [
        (
            "generator serial, no cache: total s (child wall)",
            [f"{r['generator_seconds']:.2f}" for r in results],
        ),
        timed(
            "generate CLI COLD (empty out and cache, all cores) s wall (cpu, all processes)", "cold"
        ),
        holds("CLI cold tree == serial tree (byte for byte)", "cold_identical"),
        timed("generate CLI unchanged rerun, warm cache: s wall (cpu, all processes)", "cli"),
        ("mkdocs shards (beside the search index)", [str(r["mkdocs_shards"]) for r in results]),
        (
            "site s (make site: shards and index together)",
            [f"{r['site_seconds']:.2f}" for r in results],
        ),
        ("FULL build s (cold CLI gen + site)", [f"{f:.2f}" for f in full]),
        ("bare Material build s (same N)", [f"{r['bare_seconds']:.2f}" for r in results]),
        (
            "full / bare (medians)",
            [f"{f / r['bare_seconds']:.2f}x" for f, r in zip(full, results, strict=True)],
        ),
        (
            "full / bare, each round",
            [", ".join(f"{x:.2f}x" for x in r["round_ratios"]) for r in results],
        ),
        ("full vs previous size", ["-"] + [f"{b / a:.2f}x" for a, b in itertools.pairwise(full)]),
        timed("site after +1 dump (changed pages + search index) s wall (cpu)", "site_inc"),
        holds("site after +1 dump == full site build (byte for byte)", "site_inc_identical"),
        timed("full site build over the last site (--full) s wall (cpu)", "site_full"),
        (
            "build after +1 dump s: incremental gen + incremental site, / bare",
            [
                f"{r['incremental_seconds'] + r['site_inc_seconds']:.2f}, "
                f"{(r['incremental_seconds'] + r['site_inc_seconds']) / r['bare_seconds']:.2f}x"
                for r in results
            ],
        ),
        (
            "CPU s (user+sys) cold gen / mkdocs (all shards) / search index / bare",
            [
                " / ".join(
                    f"{r[k]:.1f}" for k in ("cold_cpu", "mkdocs_cpu", "pagefind_cpu", "bare_cpu")
                )
                for r in results
            ],
        ),
        ("load average (1 min) at end", [f"{r['load']:.1f}" for r in results]),
        (
            "peak RSS generator serial / cold CLI / site: largest process, all summed MB",
            [
                " / ".join(
                    f"{r[k]:.0f}"
                    for k in (
                        "generator_rss_mb",
                        "cold_rss_mb",
                        "site_rss_max_mb",
                        "site_rss_mb",
                    )
                )
                for r in results
            ],
        ),
        ("peak RSS bare build MB", [f"{r['bare_rss_mb']:.0f}" for r in results]),
        ("site size (files)", [f"{_mb(r['site_bytes'])} ({r['site_files']})" for r in results]),
        *(
            (
                f"  {name}/ MB (files, kB a file)",
                [
                    f"{_mb(r['section_bytes'][name])} ({r['section_files'][name]}, "
                    f"{r['section_bytes'][name] / max(1, r['section_files'][name]) / 1e3:.1f})"
                    for r in results
                ],
            )
            for name in SECTIONS
        ),
        (
            "GitHub Pages: files / tar artifact / its gzip -6 (files' share of 1 GB)",
            [
                f"{_mb(r['site_bytes'])} / {_mb(r['artifact_bytes'])} / "
                f"{_mb(r['artifact_gzip_bytes'])} ({r['site_bytes'] / PAGES_LIMIT_MB / MB:.0%})"
                for r in results
            ],
        ),
        ("HTML pages", [str(r["html_pages"]) for r in results]),
        (
            "home page: HTML on disk / all requests on the wire",
            [
                f"{r['home_html_bytes'] / 1e3:.0f} kB / {r['home_bytes'] / 1e3:.0f} kB"
                for r in results
            ],
        ),
        ("Material search_index.json (whole)", [_mb(r["builtin_index_bytes"]) for r in results]),
        ("pagefind bundle on disk", [_mb(r["pagefind_bytes"]) for r in results]),
    ]
    for index in range(len(results[0]["searches"])):
        label = (
            "first search: rare word"
            if index >= len(COMMON_TERMS)
            else (f"first search: '{results[0]['searches'][index]['term']}'")
        )
        rows.append(
            (
                label + " kB (files, hits)",
                [
                    f"{s['bytes'] / 1e3:.0f} ({s['files']}, {s['results']})"
                    for s in (r["searches"][index] for r in results)
                ],
            )
        )
    rows += [
        ("rarest word of 3 articles found", ["; ".join(r["found"]) for r in results]),
        (
            "rare words: right story first (Pagefind's merge), bundles",
            [r["rare_first"] for r in results],
        ),
        ("regenerate unchanged: files written", [str(r["rerun_rewritten"]) for r in results]),
        timed("incremental (+1 dump, warm cache) s wall (cpu)", "incremental"),
        (
            "incremental written/unchanged/removed",
            [
                f"{r['incremental_written']}/{r['incremental_unchanged']}/{r['incremental_removed']}"
                for r in results
            ],
        ),
        (
            "incremental: files with new inode (new)",
            [f"{r['incremental_new_inodes']} ({r['incremental_added_files']})" for r in results],
        ),
        holds(
            "incremental tree == cold build of the same dumps (byte for byte)",
            "incremental_identical",
        ),
        timed(
            "after a topics.yml edit (kept articles classified again) s wall (cpu)", "topics_edit"
        ),
        holds("after a topics.yml edit: tree unchanged", "topics_edit_unchanged"),
        timed("after a template edit (every page rendered again) s wall (cpu)", "template_edit"),
        holds("after a template edit: tree unchanged", "template_edit_unchanged"),
    ]
    headers = ["N"] + [str(r["size"]) for r in results]
    width = [max(len(h) for h in [headers[0], *(k for k, _ in rows)])]
    width += [max(len(headers[i + 1]), *(len(v[i]) for _, v in rows)) for i in range(len(results))]
    lines = [
        " | ".join(h.ljust(w) for h, w in zip(headers, width, strict=True)),
        "-|-".join("-" * w for w in width),
    ]
    lines += [" | ".join(c.ljust(w) for c, w in zip([k, *v], width, strict=True)) for k, v in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="time the cold CLI, the site and the bare build this many times each (the "
        "table shows their medians and the full / bare ratio of each round)",
    )
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be 1 or more")
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such corpus file (pass CORPUS=path)", file=sys.stderr)
        return 1
    if not Path(browser.CHROMIUM).is_file():
        # Checked first: the browser measurements come minutes into each size.
        print(f"error: {browser.CHROMIUM}: no Chromium (apt-get install chromium)", file=sys.stderr)
        return 1
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    corpus = archive.load_corpus(args.corpus)
    results = []
    for size in sizes:
        results.append(bench_size(corpus, size, args.out.resolve(), args.repeats))
        # Saved after each size, so a long run that is stopped still leaves its figures.
        (args.out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    shutil.rmtree(args.out / TRASH, ignore_errors=True)
    print(
        f"sizes {args.sizes} on {os.cpu_count()} cores; site (mkdocs shards beside the search "
        "index) and bare build timed in this run"
    )
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
