"""The story cache and the worker pool make runs faster and never change what is written."""

from __future__ import annotations

import dataclasses
import itertools
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import build, dump_index, permalinks
from generator import cache as cache_module
from generator import related as related_module
from generator import render as render_module
from generator.build import generate, plan
from generator.cache import (
    CLASSIFY_ONLY,
    DUMP_INDEX,
    GAZETTEER,
    PageCache,
    StoryCache,
    Unusable,
    dump_key,
    open_cache,
    source_digest,
)
from generator.classify import places
from generator.config import load_config
from generator.curation import Curation, Decision
from generator.digest import value_digest
from generator.errors import InputError
from generator.ingest import ingest, read_dump
from generator.model import Article, Dump, Page
from generator.render import Renderer, listings
from tests.conftest import GOLDEN, ROOT

VARIANTS = 8
"""Reworked copies of the sample, so the folder holds more dumps than PARALLEL_MIN_DUMPS."""


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden dumps plus copies of the sample with its teasers reordered: 20 dumps."""
    folder = tmp_path_factory.mktemp("dumps")
    for case in ("sample", "hostile"):
        for path in sorted((GOLDEN / case / "dumps").iterdir()):
            shutil.copy(path, folder / path.name)
    lines = (GOLDEN / "sample" / "dumps" / "000_9d3f2b9905a01c03.txt").read_bytes().splitlines()
    for number in range(VARIANTS):
        teasers = lines[15:]
        shift = number % len(teasers)
        text = b"\n".join(lines[:15] + teasers[shift:] + teasers[:shift]) + b"\n"
        (folder / f"2025-11-{number + 1:02d}_variant.txt").write_bytes(text)
    assert len(list(folder.glob("*.txt"))) >= build.PARALLEL_MIN_DUMPS
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def uncached(dumps: Path, config, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The tree a serial run without any cache writes: what every other run must write."""
    out = tmp_path_factory.mktemp("uncached") / "content"
    generate(dumps, out, config)
    return tree(out)


@pytest.fixture(scope="module")
def filled(dumps: Path, config, uncached, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache one cold run filled (its tree checked against the uncached one)."""
    work = tmp_path_factory.mktemp("filled")
    generate(dumps, work / "content", config, cache=StoryCache(work / "cache", config))
    assert tree(work / "content") == uncached
    return work / "cache"


@pytest.fixture
def cache(filled: Path, tmp_path: Path) -> Path:
    """A private copy of the filled cache, for a test to use or damage."""
    return shutil.copytree(filled, tmp_path / "cache")


def test_parallel_run_writes_the_serial_tree(dumps, config, uncached, tmp_path) -> None:
    generate(dumps, tmp_path / "content", config, jobs=2)
    assert tree(tmp_path / "content") == uncached


def test_parallel_plan_keeps_dump_order(dumps, config) -> None:
    serial, parallel = plan(dumps, config), plan(dumps, config, jobs=2)
    assert parallel.audit == serial.audit
    assert parallel.articles == serial.articles


def test_readers_report_every_broken_dump_in_dump_order(dumps, config, tmp_path) -> None:
    # The readers decode the dumps (two workers here): every problem still comes back, in the
    # order of the files, and a blank dump is skipped as ingest skips it.
    folder = shutil.copytree(dumps, tmp_path / "dumps")
    (folder / "2025-11-02_variant.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff")
    (folder / "2025-11-05_variant.txt").write_bytes(b"ok\n" + b"\x01\x02\x03\x04data" * 50)
    (folder / "2025-11-07_variant.txt").write_bytes(b"\n  \n")
    with pytest.raises(InputError) as serial:
        ingest(folder)
    with pytest.raises(InputError) as parallel:
        plan(folder, config, cache=StoryCache(tmp_path / "cache", config), jobs=2)
    assert len(serial.value.problems) == 2
    assert parallel.value.problems == serial.value.problems


def test_a_blank_dump_among_many_is_skipped(dumps, config, tmp_path) -> None:
    folder = shutil.copytree(dumps, tmp_path / "dumps")
    (folder / "2025-11-07_variant.txt").write_bytes(b"\n  \n")
    expected = plan(folder, config)
    found = plan(folder, config, cache=StoryCache(tmp_path / "cache", config), jobs=2)
    assert (
        (found.dumps, found.lines)
        == (expected.dumps, expected.lines)
        == (
            len(ingest(folder)),
            sum(len(d.lines) for d in ingest(folder)),
        )
    )
    assert found.articles == expected.articles


def test_a_warm_cache_reads_no_dump_again(
    dumps, config, uncached, cache, tmp_path, monkeypatch
) -> None:
    def unexpected(*_: object) -> None:
        raise AssertionError("a cached dump was segmented or classified again")

    monkeypatch.setattr(build, "extracted_of", unexpected)
    monkeypatch.setattr(build, "classified", unexpected)
    generate(dumps, tmp_path / "warm", config, cache=StoryCache(cache, config))
    assert tree(tmp_path / "warm") == uncached


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("stories/*/*.pickle"))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(b"not a pickle"), id="garbage"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:40]), id="truncated"),
    ],
)
def test_a_damaged_cache_changes_nothing(dumps, config, uncached, cache, tmp_path, damage) -> None:
    assert list(cache.glob("related/*"))  # the cold run kept the related stories' state
    for entry in [
        *_entries(cache),
        *cache.glob("read/*/*.pickle"),
        *cache.glob("pages/*"),
        *cache.glob("related/*"),
        *cache.glob("stories/*/*.table"),
        *cache.glob(f"stories/*/{DUMP_INDEX}"),
    ]:
        damage(entry)
    generate(dumps, tmp_path / "second", config, cache=StoryCache(cache, config))
    assert tree(tmp_path / "second") == uncached
    assert len(_entries(cache)) == len(ingest(dumps))  # made again


def test_another_dumps_entry_is_not_used(dumps, config, uncached, cache, tmp_path) -> None:
    # Every entry moved to the name of the next dump's key: each lookup finds a foreign entry.
    store = StoryCache(cache, config)
    keys = [dump_key(d) for d in ingest(dumps)]
    for folder in (store.folder, store.reading):
        contents = [(folder / f"{k}.pickle").read_bytes() for k in keys]
        for key, data in zip(keys, contents[1:] + contents[:1], strict=True):
            (folder / f"{key}.pickle").write_bytes(data)
    generate(dumps, tmp_path / "second", config, cache=StoryCache(cache, config))
    assert tree(tmp_path / "second") == uncached


def test_another_archives_related_state_changes_nothing(
    dumps, config, uncached, cache, tmp_path
) -> None:
    """The state is kept under the code's digest alone: a run may find one that another set
    of stories left (a run over one dump file, a copied cache)."""
    other_dumps = tmp_path / "other"
    other_dumps.mkdir()
    for path in sorted(dumps.iterdir())[::3]:
        shutil.copy(path, other_dumps / path.name)
    other = tmp_path / "other-cache"
    generate(other_dumps, tmp_path / "other-content", config, cache=StoryCache(other, config))
    (state,) = cache.glob("related/*.pickle")
    (foreign,) = other.glob("related/*.pickle")
    assert foreign.name == state.name and foreign.read_bytes() != state.read_bytes()
    shutil.copy(foreign, state)
    generate(dumps, tmp_path / "second", config, cache=StoryCache(cache, config))
    assert tree(tmp_path / "second") == uncached


def test_a_changed_topic_file_starts_a_new_cache(config, tmp_path) -> None:
    copy = shutil.copytree(config.root, tmp_path / "site_config")
    first = StoryCache(tmp_path / "cache", dataclasses.replace(config, root=copy))
    assert first.folder.is_dir()  # made when the cache was opened
    with (copy / "topics.yml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a curator's edit\n")
    second = StoryCache(tmp_path / "cache", dataclasses.replace(config, root=copy))
    assert second.folder != first.folder
    assert not first.folder.exists()  # stale entries are dropped


def test_an_edit_only_classify_reads_classifies_the_kept_articles_again(
    dumps, config, tmp_path, monkeypatch
) -> None:
    # A curator's fix to topics.yml: every dump is classified again, none segmented again,
    # and the tree is the one a run without any cache writes with the edited file.
    first = _copied(config, tmp_path)
    store = tmp_path / "cache"
    generate(dumps, tmp_path / "first", first, cache=StoryCache(store, first))
    edited = _edited(config, tmp_path, "topics.yml", "earthquake*: 4", "volcano*: 4")
    assert edited.topics != config.topics
    classified: list[Article] = []

    def counted(extracted, *rest):
        classified.extend(extracted[0])
        return build_classified(extracted, *rest)

    def unexpected(*_: object) -> None:
        raise AssertionError("a dump was segmented again")

    rendered: list[str] = []
    render_article = Renderer._article

    def rendering(self: Renderer, article: Article) -> Page:
        if self.keys[article.id] not in self.reuse:
            rendered.append(article.id)
        return render_article(self, article)

    build_classified = build.classified
    monkeypatch.setattr(build, "classified", counted)
    monkeypatch.setattr(build, "extracted_of", unexpected)
    monkeypatch.setattr(Renderer, "_article", rendering)
    generate(dumps, tmp_path / "second", edited, cache=StoryCache(store, edited))
    monkeypatch.undo()
    assert classified  # classified again, from the kept articles
    # the page cache stands: only the pages of stories the edit changed are made again
    articles = [p for p in tree(tmp_path / "second") if p.startswith("articles/")]
    assert 0 < len(rendered) < len(articles)
    generate(dumps, tmp_path / "uncached", edited)
    assert tree(tmp_path / "second") == tree(tmp_path / "uncached")
    assert tree(tmp_path / "second") != tree(tmp_path / "first")


def test_the_reading_fingerprint_leaves_out_only_what_classify_reads(tmp_path) -> None:
    copies = itertools.count()

    def edited(package: Path, file: str | None = None) -> Path:
        """A copy of the package with a line added to `file`: a folder of its own, as a
        process reads a package's files once."""
        copy = shutil.copytree(
            package,
            tmp_path / f"generator-{next(copies)}",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        if file is not None:
            with (copy / file).open("a", encoding="utf-8") as handle:
                handle.write("\n")
        return copy

    def digests(package: Path) -> tuple[bytes, bytes]:
        return source_digest(package, CLASSIFY_ONLY), source_digest(package)

    package = edited(Path(cache_module.__file__).parent)
    before = digests(package)
    for classify_only in ("classify/topics.py", "data/topic_words.json"):
        package = edited(package, classify_only)
        after = digests(package)
        assert after[0] == before[0] and after[1] != before[1], classify_only
        before = after
    package = edited(package, "segment/lines.py")
    assert digests(package)[0] != before[0]


def test_the_reading_stages_use_nothing_only_classify_reads() -> None:
    # What CLASSIFY_ONLY leaves out of the reading fingerprint must not reach segment or
    # extract, or an edit to it would leave their kept results stale.
    script = (
        "import sys, generator.ingest, generator.segment, generator.extract; "
        "print([m for m in sys.modules if m.startswith('generator.classify')])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
    package = ROOT / "generator"
    readers = [
        p
        for p in package.rglob("*.py")
        if not p.relative_to(package).as_posix().startswith(("classify/", "cache.py"))
    ]
    for data in [c for c in CLASSIFY_ONLY if c.startswith("data/")]:
        name = data.removeprefix("data/")
        assert [p.name for p in readers if name in p.read_text("utf-8")] == []


def test_a_cache_folder_that_is_a_file_is_not_opened(config, tmp_path, caplog) -> None:
    path = tmp_path / "cache"
    path.write_bytes(b"mine")
    with pytest.raises(Unusable):
        StoryCache(path, config, writable=False)
    assert open_cache(path, config) is None
    assert f"warning: {path}: cannot use the cache (not a folder)" in caplog.text
    assert path.read_bytes() == b"mine"


@pytest.mark.parametrize("jobs", [1, 2])
def test_pages_that_cannot_be_kept_cost_the_run_nothing(
    dumps, config, uncached, tmp_path, caplog, jobs
) -> None:
    # The folder was fine when the cache was opened, and is not when the pages are stored
    # (beside the tree's writing, in a forked process with two jobs).
    store = StoryCache(tmp_path / "cache", config)
    pages = store.pages.file.parent
    shutil.rmtree(pages, ignore_errors=True)
    pages.parent.mkdir(parents=True, exist_ok=True)
    pages.write_bytes(b"")
    generate(dumps, tmp_path / "content", config, cache=store, jobs=jobs)
    assert tree(tmp_path / "content") == uncached
    if jobs == 1:  # a forked process's warning does not reach caplog
        assert f"warning: {pages}: cannot keep the pages" in caplog.text


def test_check_adds_nothing_to_the_cache(dumps, config, tmp_path) -> None:
    plan(dumps, config, cache=StoryCache(tmp_path / "cache", config, writable=False))
    assert _entries(tmp_path / "cache") == []


def test_warm_page_cache_renders_no_unchanged_article(
    dumps, config, uncached, cache, tmp_path, monkeypatch
) -> None:
    rendered: list[str] = []
    original = Renderer._article

    def counting(self: Renderer, article: Article) -> Page:
        page = original(self, article)
        if self.keys[article.id] not in self.reuse:
            rendered.append(article.id)
        return page

    monkeypatch.setattr(Renderer, "_article", counting)
    generate(dumps, tmp_path / "warm", config, cache=StoryCache(cache, config))
    assert rendered == []
    assert tree(tmp_path / "warm") == uncached


def test_a_changed_template_renders_every_article_again(config, tmp_path) -> None:
    copy = shutil.copytree(config.root, tmp_path / "site_config")
    before = PageCache(tmp_path / "cache", dataclasses.replace(config, root=copy))
    with (copy / "templates" / "article.md.j2").open("a", encoding="utf-8") as handle:
        handle.write("\nA new line under every article.\n")
    after = PageCache(tmp_path / "cache", dataclasses.replace(config, root=copy))
    assert after.file != before.file


def test_a_curation_edit_keeps_the_page_cache(config, tmp_path) -> None:
    copy = shutil.copytree(config.root, tmp_path / "site_config")
    before = PageCache(tmp_path / "cache", dataclasses.replace(config, root=copy))
    (copy / "curation.yml").write_text("# nothing decided yet\n", encoding="utf-8")
    after = PageCache(tmp_path / "cache", dataclasses.replace(config, root=copy))
    assert after.file == before.file


def test_a_theme_edit_keeps_the_page_cache(config, tmp_path) -> None:
    copy = shutil.copytree(config.root, tmp_path / "site_config")
    before = PageCache(tmp_path / "cache", dataclasses.replace(config, root=copy))
    for name in ("overrides/main.html", "overrides/assets/news.css"):
        with (copy / name).open("a", encoding="utf-8") as handle:
            handle.write("\n/* a curator's edit */\n")
    after = PageCache(tmp_path / "cache", dataclasses.replace(config, root=copy))
    assert after.file == before.file


@pytest.mark.parametrize("name", ["home.md", "about.md"])
def test_a_hand_written_page_edit_keeps_the_page_cache_and_shows(
    dumps, config, tmp_path, name
) -> None:
    mine, store = _copied(config, tmp_path), tmp_path / "cache"
    out = tmp_path / "content"
    generate(dumps, out, mine, cache=StoryCache(store, mine))
    before = PageCache(store, mine).file
    page = mine.root / "pages" / name
    page.write_text(page.read_text("utf-8") + "\nA line the curator added.\n", "utf-8")
    assert PageCache(store, mine).file == before
    generate(dumps, out, mine, cache=StoryCache(store, mine))
    shown = (out / ("index.md" if name == "home.md" else name)).read_text("utf-8")
    assert "A line the curator added." in shown
    generate(dumps, tmp_path / "cold", mine)
    assert tree(out) == tree(tmp_path / "cold")


def test_the_generator_reads_nothing_of_the_theme(config, tmp_path) -> None:
    """What lets the page cache's fingerprint leave site_config/overrides/ out."""
    copy = shutil.copytree(config.root, tmp_path / "site_config")
    shutil.rmtree(copy / "overrides")
    generate(ROOT / "dumps", tmp_path / "with", config)
    generate(ROOT / "dumps", tmp_path / "without", dataclasses.replace(config, root=copy))
    assert tree(tmp_path / "without") == tree(tmp_path / "with")


def _copied(config, tmp_path: Path):
    """The config read from a copy of its folder (`_edited` edits the copy)."""
    shutil.copytree(config.root, tmp_path / "site_config")
    return load_config(tmp_path / "site_config", site_url=config.site_url, curation=False)


def _edited(config, tmp_path: Path, file: str, old: str, new: str):
    """The config read again from `_copied`'s folder, in which `file` has `old` replaced."""
    copy = tmp_path / "site_config"
    text = (copy / file).read_text("utf-8")
    assert old in text
    (copy / file).write_text(text.replace(old, new, 1), "utf-8")
    return load_config(copy, site_url=config.site_url, curation=False)


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        pytest.param("topics.yml", "earthquake*: 4", "volcano*: 4", id="evidence"),
        pytest.param(
            "geography.yml", "  Ontario: CA\n", "  Ontario: CA\n  Nunavut: CA\n", id="alias"
        ),
    ],
)
def test_an_edit_pages_show_nothing_of_keeps_the_page_cache(
    config, tmp_path, file, old, new
) -> None:
    before = PageCache(tmp_path / "cache", _copied(config, tmp_path))
    after = PageCache(tmp_path / "cache", _edited(config, tmp_path, file, old, new))
    assert after.file == before.file


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        pytest.param("topics.yml", "name: Arts, Culture & Media", "name: The Arts", id="topic"),
        pytest.param("geography.yml", "TW: Eastern Asia", "TW: East Asia", id="sub-region"),
        pytest.param("geography.yml", "AQ: Antarctica\n\n", "AQ: The Antarctic\n\n", id="region"),
    ],
)
def test_a_name_pages_show_renders_every_page_again(config, tmp_path, file, old, new) -> None:
    before = PageCache(tmp_path / "cache", _copied(config, tmp_path))
    after = PageCache(tmp_path / "cache", _edited(config, tmp_path, file, old, new))
    assert after.file != before.file


NEWEST = ("2025-12-0", "2025-12-10", "2025-12-11")
"""Name prefixes of the dumps an incremental run adds: the hostile ones, whose stories are new
and land in topics, regions and months the older dumps already fill."""


@pytest.mark.parametrize("jobs", [1, 2])
def test_adding_dumps_to_a_cached_build_writes_the_cold_tree(
    dumps, config, uncached, tmp_path, monkeypatch, jobs
) -> None:
    older = tmp_path / "older"
    older.mkdir()
    for path in sorted(dumps.iterdir()):
        if not path.name.startswith(NEWEST):
            shutil.copy(path, older / path.name)
    assert 0 < len(list(older.iterdir())) < len(list(dumps.iterdir()))
    out, cache = tmp_path / "content", tmp_path / "cache"
    generate(older, out, config, cache=StoryCache(cache, config), jobs=jobs)
    made: list[str] = []
    original = render_module.markdown_page

    def counting(path: str, meta: dict[str, object], body: str) -> Page:
        made.append(path)
        return original(path, meta, body)

    monkeypatch.setattr(render_module, "markdown_page", counting)
    _, report = generate(dumps, out, config, cache=StoryCache(cache, config), jobs=jobs)
    assert tree(out) == uncached
    # The older listing pages and unchanged indexes came from the page cache, not from YAML.
    assert 0 < report.written < len(uncached)
    if jobs == 1:  # the workers' calls are not seen here
        assert 0 < len(made) < len([p for p in uncached if p.endswith(".md")])


def test_an_unchanged_rerun_scores_no_related_story(
    dumps, config, uncached, cache, tmp_path, monkeypatch
) -> None:
    def unexpected(*_: object) -> None:
        raise AssertionError("related stories were scored again")

    monkeypatch.setattr(related_module._Scorer, "scores", unexpected)
    generate(dumps, tmp_path / "warm", config, cache=StoryCache(cache, config))
    assert tree(tmp_path / "warm") == uncached


def test_a_template_edit_renders_every_page_but_scores_no_related_story(
    dumps, config, tmp_path, monkeypatch
) -> None:
    """The related stories' state is kept under the code's digest, not the pages'."""
    mine, store = _copied(config, tmp_path), tmp_path / "cache"
    generate(dumps, tmp_path / "cold", mine, cache=StoryCache(store, mine))
    before = PageCache(store, mine).file
    edited = _edited(mine, tmp_path, "templates/article.md.j2", "{#-", "{# a note #}\n{#-")
    assert PageCache(store, edited).file != before

    def unexpected(*_: object) -> None:
        raise AssertionError("related stories were scored again")

    monkeypatch.setattr(related_module._Scorer, "scores", unexpected)
    generate(dumps, tmp_path / "warm", edited, cache=StoryCache(store, edited))
    assert tree(tmp_path / "warm") == tree(tmp_path / "cold")
    assert len(list(store.glob("related/*.pickle"))) == 1


def test_a_new_dump_reads_the_gazetteer_table_from_the_cache(
    dumps, config, uncached, cache, tmp_path, monkeypatch
) -> None:
    assert len(list(cache.glob(f"stories/*/{GAZETTEER}"))) == 1  # the cold run kept it
    # One dump's stories are not cached: it is read again, and classify needs the table.
    (StoryCache(cache, config).folder / f"{dump_key(ingest(dumps)[0])}.pickle").unlink()

    def unexpected(*_: object) -> None:
        raise AssertionError("the gazetteer's table was built again")

    monkeypatch.setattr(places, "_build_table", unexpected)
    generate(dumps, tmp_path / "warm", config, cache=StoryCache(cache, config))
    assert tree(tmp_path / "warm") == uncached


@pytest.mark.parametrize("cached", [True, False], ids=["cache", "no-cache"])
def test_a_cold_parallel_run_builds_the_gazetteer_table_once(
    dumps, config, uncached, tmp_path, monkeypatch, cached
) -> None:
    built = tmp_path / "built"
    built.mkdir()
    build_table = places._build_table

    def counted(geo: places.Gazetteer) -> dict:
        # A file per call, whichever process makes it: the readers fork with this in place.
        (built / f"{os.getpid()}-{len(os.listdir(built))}").touch()
        return build_table(geo)

    monkeypatch.setattr(places, "_build_table", counted)
    story_cache = StoryCache(tmp_path / "cache", config) if cached else None
    generate(dumps, tmp_path / "content", config, cache=story_cache, jobs=2)
    assert tree(tmp_path / "content") == uncached
    # Once, here, before the readers forked: they inherit it.
    assert [name.split("-")[0] for name in os.listdir(built)] == [str(os.getpid())]
    if cached:
        assert len(list((tmp_path / "cache").glob(f"stories/*/{GAZETTEER}"))) == 1


def test_the_page_cache_writes_a_small_change_as_a_delta(config, tmp_path) -> None:
    store = PageCache(tmp_path / "cache", config)
    store.load()
    pages = {bytes([n]): bytes([n]) * 100 for n in range(20)}
    store.put(pages)
    base = store.file.read_bytes()
    changed = {k: v for k, v in pages.items() if k != b"\x00"} | {b"new": b"x" * 100}
    again = PageCache(tmp_path / "cache", config)
    assert again.load() == pages
    again.put(changed)
    assert store.file.read_bytes() == base  # the base stays; the change is in the delta
    assert store.delta.exists()
    assert PageCache(tmp_path / "cache", config).load() == changed
    store.delta.write_bytes(b"damaged")
    assert PageCache(tmp_path / "cache", config).load() == pages  # the base alone: older


def test_a_large_change_writes_a_new_base(config, tmp_path) -> None:
    store = PageCache(tmp_path / "cache", config)
    store.load()
    store.put({bytes([n]): bytes([n]) * 100 for n in range(20)})
    again = PageCache(tmp_path / "cache", config)
    again.load()
    other = {bytes([n]): b"y" * 100 for n in range(20)}
    again.put(other)
    assert not again.delta.exists()
    assert PageCache(tmp_path / "cache", config).load() == other


# Changes that reach pages a new dump leaves alone: an older listing page, a story's entry on
# every listing naming it, the pages after a removed story. With two stories a page the tests'
# dumps make older pages in every listing; each case checks that the change did reach an older
# page, and that the run reusing the page cache writes what a cold run writes.
SMALL_PAGES = 2


def _oldest(dumps: Path, config) -> Article:
    """The oldest dated story: the first one on page 1 of each of its listings."""
    stories = [a for a in plan(dumps, config).articles if a.date]
    return min(stories, key=lambda a: (a.date, a.id))


def _retitle(dumps: Path, config, folder: Path):
    decision = Decision(id=_oldest(dumps, config).id, line=1, title="A title set by a curator")
    return dumps, dataclasses.replace(
        config, curation=Curation(path=Path("c.yml"), decisions=(decision,))
    )


def _hide(dumps: Path, config, folder: Path):
    decision = Decision(id=_oldest(dumps, config).id, line=1, hide=True)
    return dumps, dataclasses.replace(
        config, curation=Curation(path=Path("c.yml"), decisions=(decision,))
    )


def _drop_oldest_dump(dumps: Path, config, folder: Path):
    oldest = _oldest(dumps, config).sources[0].dump
    copy = shutil.copytree(dumps, folder, ignore=shutil.ignore_patterns(oldest))
    return copy, config


def _reword_oldest_story(dumps: Path, config, folder: Path):
    """The dump text itself changes (the first line of the oldest story): the story cache
    misses that dump."""
    source = _oldest(dumps, config).sources[0]
    copy = shutil.copytree(dumps, folder)
    path = copy / source.dump
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[source.first - 1] = lines[source.first - 1].replace(" ", " newly ", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return copy, config


@pytest.mark.parametrize(
    ("change", "jobs"),
    [
        pytest.param(_retitle, 1, id="curator-retitles-a-story-on-older-pages"),
        pytest.param(_retitle, 2, id="curator-retitles-a-story-on-older-pages-workers"),
        pytest.param(_hide, 1, id="curator-hides-a-story-on-older-pages"),
        pytest.param(_drop_oldest_dump, 1, id="the-oldest-dump-is-removed"),
        pytest.param(_reword_oldest_story, 1, id="a-dump-rewords-a-story"),
    ],
)
def test_a_change_reaching_older_pages_rewrites_them(
    dumps, config, tmp_path, monkeypatch, change, jobs
) -> None:
    monkeypatch.setattr(listings, "PAGE_SIZE", SMALL_PAGES)
    out, cache = tmp_path / "content", tmp_path / "cache"
    generate(dumps, out, config, cache=StoryCache(cache, config), jobs=jobs)
    before = tree(out)
    cold = tmp_path / "cold"
    cold.mkdir()
    shutil.copy(out / permalinks.FILE, cold / permalinks.FILE)  # the same published addresses
    new_dumps, new_config = change(dumps, config, tmp_path / "changed")
    generate(new_dumps, out, new_config, cache=StoryCache(cache, new_config), jobs=jobs)
    generate(new_dumps, cold, new_config)
    after = tree(out)
    older = [p for p in after if "/page/" in p and before.get(p) != after[p]]
    assert older, "the change reached no older listing page: the case tests nothing"
    assert after == tree(cold)


def test_stories_pickle_back_equal_with_every_field(dumps: Path, config) -> None:
    """The model's own pickled state (a tuple of field values, generator/model.py) gives back
    equal stories, field for field, and keys them as the stories themselves."""
    stories = build.plan(dumps, config).articles
    assert stories
    for story in stories:
        back = pickle.loads(pickle.dumps(story, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == story
        assert all(
            getattr(back, f.name) == getattr(story, f.name) for f in dataclasses.fields(Article)
        )
        assert value_digest(back) == value_digest(story)
    edited = dataclasses.replace(stories[0], title=stories[0].title + " (edited)")
    assert value_digest(edited) != value_digest(stories[0])


HOUR_NS = 3600 * 10**9


def _aged(folder: Path, hours: int = 1) -> Path:
    """Every file of the folder last modified `hours` ago: out of the dump index's racy window."""
    then = time.time_ns() - hours * HOUR_NS
    for path in folder.iterdir():
        os.utime(path, ns=(then, then))
    return folder


def _reading(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the dumps a run reads from disk, in the order read (one job: in-process)."""
    names: list[str] = []

    def recorded(path: Path) -> Dump:
        names.append(path.name)
        return read_dump(path)

    monkeypatch.setattr(build, "read_dump", recorded)
    return names


def test_a_second_run_reads_only_the_dump_that_changed(
    dumps, config, uncached, tmp_path, monkeypatch
) -> None:
    folder = _aged(shutil.copytree(dumps, tmp_path / "dumps"))
    store, out = tmp_path / "cache", tmp_path / "content"
    generate(folder, out, config, cache=StoryCache(store, config))
    assert tree(out) == uncached
    plan(folder / "2025-11-02_variant.txt", config, cache=StoryCache(store, config))
    read = _reading(monkeypatch)
    again = plan(folder, config, cache=StoryCache(store, config))
    assert read == []  # the run over one of the dumps left the others' entries be
    expected = plan(folder, config)
    assert (again.dumps, again.lines, again.articles) == (
        expected.dumps,
        expected.lines,
        expected.articles,
    )
    # Same size, other bytes, and a time of its own: read again, and the change shows.
    changed = folder / "2025-11-03_variant.txt"
    text = changed.read_bytes()
    changed.write_bytes(text.replace(b"Taiwan", b"Tainan", 1))
    assert changed.read_bytes() != text
    os.utime(changed, ns=(time.time_ns() - 2 * HOUR_NS,) * 2)
    read.clear()
    generate(folder, out, config, cache=StoryCache(store, config))
    assert read == [changed.name]
    generate(folder, tmp_path / "uncached", config)
    assert tree(out) == tree(tmp_path / "uncached")


def test_a_changed_sidecar_alone_has_its_dump_read_again(
    dumps, config, tmp_path, monkeypatch
) -> None:
    folder = _aged(shutil.copytree(dumps, tmp_path / "dumps"))
    store = tmp_path / "cache"
    first = plan(folder, config, cache=StoryCache(store, config))
    sidecar = folder / "000_9d3f2b9905a01c03.meta.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("2025", "2024"), "utf-8")
    os.utime(sidecar, ns=(time.time_ns() - 2 * HOUR_NS,) * 2)
    read = _reading(monkeypatch)
    second = plan(folder, config, cache=StoryCache(store, config))
    assert read == ["000_9d3f2b9905a01c03.txt"]
    assert second.articles != first.articles
    assert second.articles == plan(folder, config).articles


def test_an_edit_whose_old_time_was_put_back_is_read_again(
    dumps, config, tmp_path, monkeypatch
) -> None:
    """Size and modification time alike (`touch -d`, `cp -p` can set the time back): the
    change time still tells."""
    folder = _aged(shutil.copytree(dumps, tmp_path / "dumps"))
    store = tmp_path / "cache"
    plan(folder, config, cache=StoryCache(store, config))
    changed = folder / "2025-11-03_variant.txt"
    before = changed.stat()
    text = changed.read_bytes()
    time.sleep(0.01)  # a change time of its own on a coarse clock
    changed.write_bytes(text.replace(b"Taiwan", b"Tainan", 1))
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = changed.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    read = _reading(monkeypatch)
    again = plan(folder, config, cache=StoryCache(store, config))
    assert read == [changed.name]
    assert again.articles == plan(folder, config).articles


def test_a_dump_deleted_since_loses_its_entry_and_the_others_keep_theirs(
    dumps, config, tmp_path
) -> None:
    folder = _aged(shutil.copytree(dumps, tmp_path / "dumps"))
    store = tmp_path / "cache"
    plan(folder, config, cache=StoryCache(store, config))
    (index_file,) = store.glob(f"stories/*/{DUMP_INDEX}")

    def indexed() -> set[str]:
        return {Path(p).name for p in pickle.loads(index_file.read_bytes())[1]}

    names = {p.name for p in folder.glob("*.txt")}
    assert indexed() == names
    gone = folder / "2025-11-02_variant.txt"
    gone.unlink()
    plan(folder / "2025-11-03_variant.txt", config, cache=StoryCache(store, config))
    assert indexed() == names - {gone.name}


def test_a_dump_modified_just_now_is_not_vouched_for(tmp_path) -> None:
    """A file could change again within its time's resolution: git's racily clean entries."""
    dump = tmp_path / "2025-01-01_dump.txt"
    dump.write_text("A line.\n", encoding="utf-8")
    assert dump_index.stamp(dump) is None
    _aged(tmp_path)
    found = dump_index.stamp(dump)
    assert found is not None and found[0] == dump.stat().st_size
    assert found[4:] == (-1, -1, -1, -1)  # no sidecar
    dump.with_name("2025-01-01_dump.meta.yml").write_text("source: Mine\n", encoding="utf-8")
    assert dump_index.stamp(dump) is None  # the sidecar is new


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_unchanged_dump_whose_entry_is_gone_is_read_again(
    dumps, config, uncached, tmp_path, jobs
) -> None:
    folder = _aged(shutil.copytree(dumps, tmp_path / "dumps"))
    store = tmp_path / "cache"
    plan(folder, config, cache=StoryCache(store, config))
    gone = _entries(store)[::3]
    for entry in gone:
        entry.unlink()
    generate(folder, tmp_path / "content", config, cache=StoryCache(store, config), jobs=jobs)
    assert tree(tmp_path / "content") == uncached
    assert all(entry.is_file() for entry in gone)  # made again


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_damaged_or_missing_dump_index_reads_every_dump(
    dumps, config, uncached, tmp_path, monkeypatch, jobs
) -> None:
    folder = _aged(shutil.copytree(dumps, tmp_path / "dumps"))
    store = tmp_path / "cache"
    plan(folder, config, cache=StoryCache(store, config))
    (index,) = store.glob(f"stories/*/{DUMP_INDEX}")
    index.write_bytes(index.read_bytes()[:30])
    read = _reading(monkeypatch)
    generate(folder, tmp_path / "content", config, cache=StoryCache(store, config), jobs=jobs)
    assert tree(tmp_path / "content") == uncached
    if jobs == 1:  # with two, the readers read them in their own processes
        assert sorted(read) == sorted(p.name for p in folder.glob("*.txt"))
    index.unlink()
    generate(folder, tmp_path / "again", config, cache=StoryCache(store, config), jobs=jobs)
    assert tree(tmp_path / "again") == uncached


def test_one_new_dump_among_many_is_read_beside_the_others(
    dumps, config, tmp_path, monkeypatch
) -> None:
    """Two jobs: the new dump goes to a reader process while the parent loads the others."""
    folder = _aged(shutil.copytree(dumps, tmp_path / "dumps"))
    store, out = tmp_path / "cache", tmp_path / "content"
    generate(folder, out, config, cache=StoryCache(store, config), jobs=2)
    published = shutil.copytree(out, tmp_path / "published")  # its URLs stay
    text = (folder / "2025-11-04_variant.txt").read_bytes()
    (folder / "2025-11-30_new.txt").write_bytes(text.replace(b"Taiwan", b"Japan"))
    forked: list[int] = []
    real = build.parallel.Workers.__init__

    def counted(self, function, jobs, stack, beside=False) -> None:  # type: ignore[no-untyped-def]
        real(self, function, jobs, stack, beside)
        forked.append(0 if self.pool is None else jobs)

    monkeypatch.setattr(build.parallel.Workers, "__init__", counted)
    generate(folder, out, config, cache=StoryCache(store, config), jobs=2)
    assert forked[0] == 1  # the readers: one process for the one dump
    generate(folder, published, config)
    assert tree(out) == tree(published)


def test_the_entries_of_an_edited_or_deleted_dump_are_dropped(dumps, config, tmp_path) -> None:
    """Stories and reading results alike; a run over one dump file keeps the others', and
    `check` deletes nothing."""
    folder = _aged(shutil.copytree(dumps, tmp_path / "dumps"))
    store = tmp_path / "cache"

    def stored() -> dict[str, set[str]]:
        return {
            kind: {p.stem for p in store.glob(f"{kind}/*/*.pickle")} for kind in ("stories", "read")
        }

    def key(name: str) -> str:
        return dump_key(read_dump(folder / name))

    plan(folder, config, cache=StoryCache(store, config))
    first = stored()
    assert first["stories"] == first["read"] and key("2025-11-03_variant.txt") in first["read"]
    edited, deleted = folder / "2025-11-03_variant.txt", folder / "2025-11-05_variant.txt"
    old, gone = key(edited.name), key(deleted.name)
    edited.write_bytes(edited.read_bytes().replace(b"Taiwan", b"Tainan", 1))
    os.utime(edited, ns=(time.time_ns() - 2 * HOUR_NS,) * 2)
    deleted.unlink()
    plan(folder, config, cache=StoryCache(store, config, writable=False))
    assert stored() == first
    # The edited dump is not this run's, and the index still names it as it was.
    plan(folder / "2025-11-01_variant.txt", config, cache=StoryCache(store, config))
    kept = first["stories"] - {gone}
    assert stored() == {"stories": kept, "read": kept}
    plan(folder, config, cache=StoryCache(store, config))
    kept = (kept - {old}) | {key(edited.name)}
    assert stored() == {"stories": kept, "read": kept}
    assert len(kept) == len(first["stories"]) - 1


def test_check_does_not_write_the_dump_index(dumps, config, tmp_path) -> None:
    folder = _aged(shutil.copytree(dumps, tmp_path / "dumps"))
    store = tmp_path / "cache"
    StoryCache(store, config)  # the folder exists, empty
    plan(folder, config, cache=StoryCache(store, config, writable=False))
    assert not list(store.glob(f"stories/*/{DUMP_INDEX}"))


def test_a_killed_runs_temporary_files_are_swept_and_a_running_ones_kept(
    tmp_path: Path, config
) -> None:
    # A run killed while it wrote an entry left its temporary file for good.
    cache = StoryCache(tmp_path / ".cache", config)
    left, writing = cache.folder / ".tmp-left", cache.folder / ".tmp-writing"
    left.write_bytes(b"half an entry")
    writing.write_bytes(b"an entry being written")
    hours_ago = time.time() - 2 * cache_module.STALE_TEMPORARY_SECONDS
    os.utime(left, (hours_ago, hours_ago))
    StoryCache(tmp_path / ".cache", config)
    assert not left.exists()
    assert writing.exists()  # another run's, at work beside this one
