"""Incremental site builds (generator/site_state.py, site_build): a build after a change
renders only the changed pages, and leaves the site a full build would have made."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator import site_build, site_state
from generator.build import generate
from generator.config import load_config as load_config_of
from generator.site_build import SiteBuildError
from tests.browser.site import build_site, mkdocs_config
from tests.conftest import ROOT

SITE_URL = "https://example.org/digest/"
ENV = {**os.environ, "SITE_URL": SITE_URL}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, generated and built as `make build` does (which leaves the site's state)."""
    return build_site(tmp_path_factory.mktemp("built"), SITE_URL).parent


@pytest.fixture
def work(base: Path, tmp_path: Path) -> Path:
    """A copy of the built sample (file times kept, as a later `make build` finds them)."""
    work = tmp_path / "work"
    shutil.copytree(base, work, symlinks=True)
    mkdocs_config(work)  # its folders are the copy's
    return work


def _build(work: Path, incremental: bool = True) -> str:
    config = mkdocs_config(work)
    return site_build.build(config, ROOT / "site_config", 2, 0, ENV, incremental)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _articles(work: Path) -> list[Path]:
    return sorted((work / "content" / "articles").rglob("*.md"))


def test_a_build_after_changes_is_the_full_build_byte_for_byte(work: Path, tmp_path: Path) -> None:
    first, second, *_, last = _articles(work)
    first.write_text(first.read_text("utf-8").replace("title: ", "title: Changed ", 1), "utf-8")
    added = second.with_name("zz-added-story.md")
    added.write_text(second.read_text("utf-8").replace("title: ", "title: Added ", 1), "utf-8")
    last.unlink()
    about = work / "content" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    (work / "content" / "extra.txt").write_text("new file\n", "utf-8")

    summary = _build(work)
    assert "4 changed and 1 removed pages" in summary
    assert "mkdocs shard 0" in summary and "search index" in summary
    incremental = _tree(work / "site")
    assert _build(work, incremental=False).startswith("site: every page")
    assert incremental == _tree(work / "site")
    assert not (work / "site" / last.relative_to(work / "content").with_suffix("")).exists()


def test_a_change_outside_the_articles_leaves_the_search_index(work: Path) -> None:
    about = work / "content" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    bundle = work / "site" / "pagefind" / "pagefind-entry.json"
    before = bundle.stat().st_mtime_ns
    summary = _build(work)
    assert "1 changed and 0 removed pages" in summary and "search index" not in summary
    assert bundle.stat().st_mtime_ns == before
    assert "One more line." in (work / "site" / "about" / "index.html").read_text("utf-8")


def test_nothing_changed_runs_nothing(work: Path) -> None:
    before = _tree(work / "site")
    assert "up to date" in _build(work)
    assert _tree(work / "site") == before


@pytest.mark.parametrize(
    "name",
    ["curation.yml", "topics.yml", "geography.yml", "templates/article.md.j2", "pages/about.md"],
)
def test_a_curators_edit_is_no_change_to_every_page(work: Path, tmp_path: Path, name) -> None:
    # The generator applies these to content/; the site sees only the pages it changed.
    site_config = shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    config = load_config(str(mkdocs_config(work)))
    before = site_state.snapshot(config, site_config).fingerprint
    with (site_config / name).open("a", encoding="utf-8") as edited:
        edited.write("\n# a curator's note\n")
    assert site_state.snapshot(config, site_config).fingerprint == before
    (site_config / "site.yml").write_text("language: fr\n", encoding="utf-8")
    assert site_state.snapshot(config, site_config).fingerprint != before


def test_a_topic_renamed_rebuilds_the_pages_that_show_it(work: Path, tmp_path: Path) -> None:
    """A topics.yml edit reaches the site through the pages the generator rewrote."""
    site_config = shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    topics = site_config / "topics.yml"
    text = topics.read_text("utf-8")
    assert "    name: Politics\n" in text
    topics.write_text(text.replace("    name: Politics\n", "    name: Public Affairs\n"), "utf-8")
    generate(ROOT / "dumps", work / "content", load_config_of(site_config, SITE_URL))
    config = mkdocs_config(work)
    summary = site_build.build(config, site_config, 2, 0, ENV)
    assert "changed and" in summary and not summary.startswith("site: every page")
    incremental = _tree(work / "site")
    assert "Public Affairs" in (work / "site" / "index.html").read_text("utf-8")
    site_build.build(config, site_config, 2, 0, ENV, incremental=False)
    assert incremental == _tree(work / "site")


@pytest.mark.parametrize("change", ["setting", "site url", "missing page", "no state"])
def test_what_every_page_shows_rebuilds_every_page(work: Path, change: str) -> None:
    if change == "setting":
        config = mkdocs_config(work)
        # the nav shows on every page (the site's name comes from site.yml now)
        text = config.read_text("utf-8").replace("- Archive: archive", "- Back issues: archive")
        config.write_text(text, "utf-8")
        site_build.build(config, ROOT / "site_config", 2, 0, ENV)
        home = (work / "site" / "articles").rglob("index.html")
        assert "Back issues" in next(home).read_text("utf-8")
        return
    if change == "site url":
        env = {**ENV, "SITE_URL": "https://other.example.org/"}
        summary = site_build.build(mkdocs_config(work), ROOT / "site_config", 2, 0, env)
        assert summary.startswith("site: every page")
        return
    if change == "missing page":
        next((work / "site" / "articles").rglob("index.html")).unlink()
    else:
        (work / ".site-state.json").unlink()
    assert _build(work).startswith("site: every page")


def test_a_failed_build_leaves_no_state_and_the_next_build_is_full(work: Path) -> None:
    broken = _articles(work)[0].with_name("zz-broken.md")
    broken.write_text("---\ntitle: Broken\n---\n\n[gone](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(SiteBuildError, match=r"(?s)mkdocs shard 0 failed .*nowhere\.md"):
        _build(work)
    assert not (work / ".site-state.json").exists()
    broken.unlink()
    assert _build(work).startswith("site: every page")


def test_the_search_index_drops_the_pages_of_removed_articles(work: Path) -> None:
    gone = _articles(work)[-1]
    page = work / ".site-search" / gone.relative_to(work / "content").with_suffix("")
    assert (page / "index.html").is_file()
    gone.unlink()
    _build(work)
    assert not page.exists()
    fragments = work / "site" / "pagefind" / "fragment"
    assert len(list(fragments.iterdir())) == len(_articles(work))


def test_a_new_story_indexes_again_only_the_newest_month(work: Path) -> None:
    first, second = _articles(work)[:2]
    older = work / "content" / "articles" / "2024" / "03" / first.name
    older.parent.mkdir(parents=True)
    shutil.copy2(first, older)
    assert "search index" in _build(work)
    archive = work / "site" / "pagefind" / "archive"
    before = {p: p.stat().st_mtime_ns for p in archive.rglob("*")}
    assert before
    added = second.with_name("zz-added-story.md")
    added.write_text(second.read_text("utf-8").replace("title: ", "title: Added ", 1), "utf-8")
    _build(work)
    assert {p: p.stat().st_mtime_ns for p in archive.rglob("*")} == before
    incremental = _tree(work / "site")
    assert _build(work, incremental=False).startswith("site: every page")
    assert incremental == _tree(work / "site")


@pytest.mark.parametrize(
    ("nav", "pages"),
    [
        ([{"Home": "index.md"}, {"About": "about.md"}], ("index.md", "about.md")),
        (["index.md", {"About": "about.md"}], ()),  # a title read from the page
        ([{"Section": [{"A": "a.md"}]}], ()),  # a section: its pages' titles
        (None, ()),  # every page in the nav
    ],
)
def test_only_a_nav_of_titled_pages_allows_partial_builds(nav: object, pages: tuple) -> None:
    assert site_state._nav_pages(nav) == pages
    now = site_state.Snapshot("f", {}, pages)
    assert (site_state.changes(now, now, ROOT) is not None) == bool(pages)


def test_every_module_the_site_build_runs_is_in_the_fingerprint() -> None:
    # The search index lays its pages out with the generator's own helpers (the date line is
    # text.long_date's): a change to any module the build or the index runs may change pages
    # whose sources did not change, so it must mean a full build, as a change to their own.
    listing = (
        "import sys, generator.site_build, generator.search_index\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items()"
        " if n.startswith('generator.')))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", listing], cwd=ROOT, capture_output=True, text=True, check=True
    )
    used = {Path(line).name for line in ran.stdout.split()}
    assert used - set(site_state.CODE) == set()
