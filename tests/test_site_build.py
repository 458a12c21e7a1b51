"""The site build in shards (generator/site_build.py) and the generator's sitemap."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pathspec
import pytest

from generator import site_build
from generator.build import generate
from generator.config import load_config
from generator.model import Page
from generator.render import sitemap
from generator.site_build import FIRST_CHARACTERS, SiteBuildError, shards_for
from tests.browser.site import build_site, mkdocs_config
from tests.conftest import ROOT, children_of, processes

SITE_URL = "https://example.org/digest/"
_LOC = re.compile(r"<loc>([^<]+)</loc>")


def _content(tmp_path: Path, names: list[str], listings: int = 0) -> Path:
    content = tmp_path / "content"
    for number, name in enumerate(names):
        page = content / "articles" / "2025" / f"{number % 12 + 1:02d}" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("# x\n", encoding="utf-8")
    for number in range(listings):
        page = content / "topics" / f"t{number}" / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("# t\n", encoding="utf-8")
    return content


def _renders(shard: site_build.Shard, path: str) -> bool:
    return not pathspec.GitIgnoreSpec.from_lines(shard.exclude).match_file(path)


def test_every_article_is_rendered_by_exactly_one_shard(tmp_path: Path) -> None:
    names = [f"{c}{n}-story.md" for c in FIRST_CHARACTERS for n in range(20)]
    content = _content(tmp_path, names, listings=30)
    plan = shards_for(content, 3, least=0)
    assert len(plan) == 3
    for page in (content / "articles").rglob("*.md"):
        path = page.relative_to(content).as_posix()
        assert sum(_renders(shard, path) for shard in plan) == 1, path
    # Everything else only in the first shard (the others leave listings out).
    assert _renders(plan[0], "topics/t1/index.md")
    assert not any(_renders(shard, "topics/t1/index.md") for shard in plan[1:])
    # The nav's pages in every shard: the page chrome is the same in each.
    assert all(_renders(shard, "topics/index.md") for shard in plan)


def test_shards_share_the_work_evenly(tmp_path: Path) -> None:
    names = [f"{c}{n}-story.md" for c in FIRST_CHARACTERS for n in range(30)]
    content = _content(tmp_path, names, listings=100)
    for listing in (content / "topics").rglob("*.md"):  # listings are long: weigh by size
        listing.write_text("x" * site_build.PAGE_COST_BYTES, encoding="utf-8")
    first, second = shards_for(content, 2, least=0)
    articles = {shard.number: 0 for shard in (first, second)}
    for name in names:
        articles[0 if name[0] in first.characters else 1] += 1
    # A listing of PAGE_COST_BYTES weighs 2 articles; one first character holds 30 articles.
    assert abs(articles[0] + 2 * 100 - articles[1]) <= 30
    assert articles[0] < articles[1]  # the listings' weight was counted


def test_the_cut_falls_nearest_the_middle(tmp_path: Path) -> None:
    """50 articles under a, 30 under b, 40 under c: cut before b (50 against 70), not once
    the first shard has reached half (80 against 40)."""
    names = [
        f"{c}{n}-story.md" for c, count in (("a", 50), ("b", 30), ("c", 40)) for n in range(count)
    ]
    first, second = shards_for(_content(tmp_path, names), 2, least=0)
    assert first.characters.endswith("a")
    assert second.characters.startswith("b")


def test_a_small_site_is_one_shard(tmp_path: Path) -> None:
    content = _content(tmp_path, ["a-story.md", "z-story.md"])
    assert [s.exclude for s in shards_for(content, 2)] == [()]
    assert len(shards_for(content, 2, least=0)) == 2


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built as `make site` builds it, in two shards."""
    return build_site(tmp_path_factory.mktemp("sharded"), SITE_URL).parent


def test_sharded_site_is_the_single_build_byte_for_byte(sample: Path, tmp_path: Path) -> None:
    articles = sorted(p.name for p in (sample / "site" / "articles").glob("*/*/*"))
    assert {name[0] for name in articles} >= {"c", "t"}  # both shards had articles
    config = mkdocs_config(sample).read_text(encoding="utf-8")
    single = tmp_path / "mkdocs.yml"
    single.write_text(re.sub(r"(?m)^site_dir:.*$", f"site_dir: {tmp_path / 'site'}", config))
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(single)]
    subprocess.run(command, check=True, env=env, capture_output=True)
    assert _tree(tmp_path / "site") == _tree(sample / "site", skip="pagefind/")
    assert not list(sample.glob(".*shards*"))  # the scratch folder is gone


def _tree(root: Path, skip: str = "\0") -> dict[str, bytes]:
    files = (p for p in root.rglob("*") if p.is_file())
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in files
        if not p.relative_to(root).as_posix().startswith(skip)
    }


def test_sitemap_lists_every_page_and_nothing_else(sample: Path) -> None:
    site = sample / "site"
    listed = set(_LOC.findall((site / "sitemap.xml").read_text(encoding="utf-8")))
    folders = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}
    pages = {SITE_URL if f == "." else f"{SITE_URL}{f}/" for f in folders}
    assert listed == pages
    assert not (site / "sitemap.xml.gz").exists()  # MkDocs wrote no sitemap of its own


def test_a_full_build_replaces_the_last_site_whole(sample: Path) -> None:
    """The last site is deleted while the children run (`_retired`): nothing of it is left
    beside the new one, and the new one is whole."""
    site = sample / "site"
    before = _tree(site)
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    (site / "articles" / "gone").mkdir()
    env = {**os.environ, "SITE_URL": SITE_URL}
    site_build.build(mkdocs_config(sample), ROOT / "site_config", 2, 0, env, incremental=False)
    assert _tree(site) == before
    assert not list(sample.glob(".*shards*"))


def _site_build(sample: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "generator.site_build", "--mkdocs", str(mkdocs_config(sample))]
    command += ["--config", str(ROOT / "site_config"), "--full"]
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.Popen(command, cwd=ROOT, env=env, text=True, **pipes)


def test_a_build_waits_for_another_build_of_the_same_site(sample: Path) -> None:
    # Two builds shared the scratch folders and swapped site/ under each other: one said it
    # had built the site and left none (and `make deploy` would have pushed that).
    site = sample / "site"
    before = _tree(site)
    with open(sample / ".site-build.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a build in another terminal holds it
        waiting = _site_build(sample)
        assert waiting.stderr is not None
        line = waiting.stderr.readline()
        assert line == f"waiting for another build of {site} to finish...\n"
        assert waiting.poll() is None
        assert _tree(site) == before  # untouched while the other build runs
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert out.startswith("site: every page")
    assert _tree(site) == before


def test_two_builds_at_once_leave_the_whole_site(sample: Path) -> None:
    site = sample / "site"
    before = _tree(site)
    runs = [_site_build(sample) for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0 and "Traceback" not in err, err
        assert out.startswith("site: every page")
    assert _tree(site) == before


def test_a_failing_shard_is_reported_with_its_message(sample: Path, tmp_path: Path) -> None:
    broken = sample / "content" / "articles" / "2025" / "12" / "zz-broken.md"
    broken.write_text("---\ntitle: Broken\n---\n\n[gone](nowhere.md)\n", encoding="utf-8")
    try:
        env = {**os.environ, "SITE_URL": SITE_URL}
        with pytest.raises(SiteBuildError, match=r"(?s)mkdocs shard 1 failed .*nowhere\.md"):
            config = mkdocs_config(sample)
            site_build.build(config, ROOT / "site_config", 2, 0, env, incremental=False)
    finally:
        broken.unlink()
    assert not list(sample.glob(".*shards*"))


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        pytest.param(
            "main.html",
            "{% block tabs %}",
            "{% block tabs %}{% if %}",
            "Expected an expression, got 'end of statement block'",
            id="syntax",
        ),
        pytest.param(
            "main.html",
            "{% block tabs %}",
            "{% block tabs %}{{ config.nope.deeper }}",
            "'mkdocs.config.defaults.MkDocsConfig object' has no attribute 'nope'",
            id="undefined",
        ),
        pytest.param(
            "partials/top.html",
            "\n",
            "\n{{ 1 + 'a' }}\n",
            "unsupported operand type(s) for +: 'int' and 'str'",
            id="runtime",
        ),
    ],
)
def test_a_broken_theme_override_is_told_at_its_line_without_a_traceback(
    sample: Path, tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    overrides = shutil.copytree(ROOT / "site_config" / "overrides", tmp_path / "overrides")
    path = overrides / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1 + new.startswith("\n")
    config = mkdocs_config(sample).read_text(encoding="utf-8")
    for key, value in (("site_dir", tmp_path / "site"), ("custom_dir", overrides)):
        config = re.sub(rf"(?m)^(\s*){key}:.*$", rf"\g<1>{key}: {value}", config, count=1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    command = [sys.executable, "-m", "generator.site_build", "--mkdocs", "mkdocs.yml"]
    command += ["--config", str(ROOT / "site_config"), "--shards", "2"]
    env = {**os.environ, "SITE_URL": SITE_URL, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr == f"error: {path}:{line}: template error: {message}\n"


def test_cli_reports_a_missing_config_without_a_traceback(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "generator.site_build", "--mkdocs", str(tmp_path / "no.yml")]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'no.yml'}: ")
    assert "Traceback" not in result.stderr


def _site_config(tmp_path: Path, **site: str) -> Path:
    """A copy of the repository's site_config/ with some of site.yml's keys changed."""
    folder = tmp_path / "site_config"
    shutil.copytree(ROOT / "site_config", folder)
    text = (folder / "site.yml").read_text(encoding="utf-8")
    for key, value in site.items():
        text = re.sub(rf"(?m)^{key}:.*$", f"{key}: {value}", text)
    (folder / "site.yml").write_text(text, encoding="utf-8")
    return folder


def test_site_yml_names_every_page_not_only_the_generators(tmp_path: Path) -> None:
    # The header and <title> of every page come from mkdocs.yml, which takes them from
    # site.yml through make site: a curator renames the site in one place.
    config_dir = _site_config(tmp_path, title="Harbour Watch", description="Ferries and ports")
    generate(
        ROOT / "dumps", tmp_path / "content", load_config(config_dir, SITE_URL, curation=False)
    )
    env = {**os.environ, "SITE_URL": SITE_URL}
    site_build.build(mkdocs_config(tmp_path), config_dir, 1, least=0, environ=env)
    site = tmp_path / "site"
    pages = [site / "index.html", site / "404.html", *(site / "articles").rglob("index.html")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r"<title>[^<]*Harbour Watch</title>", html), page
        assert "News Digest" not in html, page
    assert '<meta name="description" content="Ferries and ports">' in (site / "404.html").read_text(
        encoding="utf-8"
    )


def test_a_site_title_with_markup_is_text_on_every_page(tmp_path: Path) -> None:
    # The 404 page took Material's own nav, which prints the site's name unescaped: a
    # curator's "Q&A <Daily>" broke it, and a <script> in the name ran there.
    config_dir = _site_config(tmp_path, title="'Q&A <b>Daily</b> News'")
    generate(
        ROOT / "dumps", tmp_path / "content", load_config(config_dir, SITE_URL, curation=False)
    )
    env = {**os.environ, "SITE_URL": SITE_URL}
    site_build.build(mkdocs_config(tmp_path), config_dir, 1, least=0, environ=env)
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert tmp_path / "site" / "404.html" in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<b>Daily" not in html, page
        assert "Q&amp;A &lt;b&gt;Daily&lt;/b&gt; News" in html, page


def test_cli_reports_a_bad_site_yml_at_its_line(tmp_path: Path) -> None:
    config_dir = _site_config(tmp_path, site_url="ftp://example.org/")
    mkdocs = str(mkdocs_config(tmp_path))  # a site in tmp_path, should the check not stop it
    command = [sys.executable, "-m", "generator.site_build", "--mkdocs", mkdocs]
    command += ["--config", str(config_dir)]
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {config_dir / 'site.yml'}:")
    assert "not an absolute http(s) address" in result.stderr
    assert "Traceback" not in result.stderr


def test_site_yml_values_reach_mkdocs_as_written(tmp_path: Path) -> None:
    # A name YAML would read as a number or a yes/no ('1984', 'On') stays the text it is, and
    # a language tag the theme has no words for in full (en-GB) takes its language's (en).
    config_dir = _site_config(tmp_path, title="'1984'", description="'On'", language="en-GB")
    generate(
        ROOT / "dumps", tmp_path / "content", load_config(config_dir, SITE_URL, curation=False)
    )
    env = {**os.environ, "SITE_URL": SITE_URL}
    site_build.build(mkdocs_config(tmp_path), config_dir, 1, least=0, environ=env)
    html = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]*1984</title>", html)
    assert '<meta name="description" content="On">' in html
    assert '<html lang="en"' in html


def test_cli_reports_a_language_the_theme_lacks_at_its_line(tmp_path: Path) -> None:
    config_dir = _site_config(tmp_path, language="sw")
    (tmp_path / "content").mkdir()
    mkdocs = str(mkdocs_config(tmp_path))
    command = [sys.executable, "-m", "generator.site_build", "--mkdocs", mkdocs]
    command += ["--config", str(config_dir)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {config_dir / 'site.yml'}:")
    assert "'sw'" in result.stderr
    assert "Traceback" not in result.stderr


def test_sitemap_dates_articles_and_skips_other_files() -> None:
    pages = [
        Page(path="articles/2025/07/a.md", data=b""),
        Page(path="index.md", data=b""),
        Page(path="topics/politics/index.md", data=b""),
        Page(path="topics/politics/atom.xml", data=b""),
        Page(path=".permalinks.json", data=b""),
    ]
    [page] = sitemap.sitemap_pages(SITE_URL, pages, {"articles/2025/07/a.md": dt.date(2025, 7, 29)})
    text = page.data.decode()
    assert _LOC.findall(text) == [
        SITE_URL,
        SITE_URL + "articles/2025/07/a/",
        SITE_URL + "topics/politics/",
    ]
    assert f"<loc>{SITE_URL}articles/2025/07/a/</loc><lastmod>2025-07-29</lastmod>" in text
    assert text.count("<lastmod>") == 1


def test_a_large_sitemap_becomes_an_index_of_parts() -> None:
    pages = [Page(path=f"articles/2025/07/s{n:03d}.md", data=b"") for n in range(25)]
    written = sitemap.sitemap_pages(SITE_URL, pages, {}, limit=10)
    assert [p.path for p in written] == [
        "sitemap.xml",
        "sitemaps/1.xml",
        "sitemaps/2.xml",
        "sitemaps/3.xml",
    ]
    index = written[0].data.decode()
    assert "<sitemapindex" in index
    assert _LOC.findall(index) == [SITE_URL + p.path for p in written[1:]]
    parts = [_LOC.findall(p.data.decode()) for p in written[1:]]
    assert [len(p) for p in parts] == [10, 10, 5]
    assert [url for part in parts for url in part] == sorted(
        SITE_URL + p.path[:-3] + "/" for p in pages
    )


def test_site_url_given_to_both_commands_names_the_whole_site(tmp_path: Path) -> None:
    # given to generate alone, the feeds and the sitemap named it while every page's
    # canonical link and the 404 page named site.yml's
    url = "https://example.org/digest/"
    generate(ROOT / "dumps", tmp_path / "content", load_config(ROOT / "site_config", url))
    config = ["--mkdocs", str(mkdocs_config(tmp_path)), "--config", str(ROOT / "site_config")]
    assert site_build.main([*config, "--shards", "1", "--site-url", url]) == 0
    site = tmp_path / "site"
    assert f'<link rel="canonical" href="{url}">' in (site / "index.html").read_text("utf-8")
    assert 'src="/digest/assets/' in (site / "404.html").read_text("utf-8")
    assert f"<loc>{url}" in (site / "sitemap.xml").read_text("utf-8")
    assert "news-digest.github.io" not in (site / "index.html").read_text("utf-8")


def test_a_folder_it_cannot_write_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def refused(*_: object, **__: object) -> str:
        raise PermissionError(13, "Permission denied", str(tmp_path / ".site-build.lock"))

    monkeypatch.setattr(site_build, "build", refused)
    assert site_build.main([]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path / '.site-build.lock'}: Permission denied\n"
    )


def test_ctrl_c_is_a_message_and_exit_130_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_: object, **__: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(site_build, "build", interrupted)
    assert site_build.main([]) == 130
    assert capsys.readouterr().err.startswith("interrupted")


def _in_groups(groups: set[str]) -> list[str]:
    """The processes whose process group is one of `groups` (the children's own), but for
    zombies left to init."""
    return [p.pid for p in processes() if p.group in groups and p.state != "Z"]


def test_sigterm_is_a_message_and_exit_143_and_stops_the_children(sample: Path) -> None:
    # `kill` or `timeout`: the build ended at once, and its mkdocs shards and search index
    # went on writing into the site with no build to finish it.
    run = _site_build(sample)
    children: list[str] = []
    while run.poll() is None and len(children) < 2:  # the search index, and a shard starting
        children = children_of(run.pid)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 143
    assert err.startswith("interrupted") and "Traceback" not in err
    assert not _in_groups(set(children))  # nor what they started (Pagefind)
    again = _site_build(sample)  # whole again, for the tests after this one
    assert again.wait(timeout=300) == 0


def test_an_interrupted_build_stops_its_children(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    child = site_build._start("sleeper", ["sleep", "60"], tmp_path / "log", dict(os.environ))

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(site_build.os, "wait4", interrupted)
    with pytest.raises(KeyboardInterrupt), site_build._running() as children:
        children.append(child)
        site_build._wait(children, None)
    assert child.process.wait(timeout=10) is not None  # gone, not left writing into the site
