"""The command line as a user runs it: exit codes, messages and the run summary."""

from __future__ import annotations

import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import frontmatter
import pytest

from generator.parallel import WorkerLost
from tests.conftest import ROOT, children_of, run_cli, run_cli_unprivileged, sample_with_fixed_typo
from tests.segment_fixtures import BRIDGE, ORCHESTRA

MAIN_STORY = "f20669886f07"
"""The sample's full article (lines 1-15), as named in site_config/curation.yml."""
SUMMARY = re.compile(
    r"^1 dumps, 19 lines -> 5 articles \((\d+) new, (\d+) updated, (\d+) removed, "
    r"0 merged, (\d+) hidden\), 0 lines unassigned, \d+\.\d\d s$",
    re.M,
)


run = run_cli


def counts(stdout: str) -> dict[str, int]:
    match = SUMMARY.search(stdout)
    assert match, stdout
    return dict(zip(("new", "updated", "removed", "hidden"), map(int, match.groups()), strict=True))


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def site_config(tmp_path: Path) -> Path:
    folder = tmp_path / "site_config"
    shutil.copytree(ROOT / "site_config", folder)
    return folder


def write_curation(folder: Path, text: str) -> None:
    (folder / "curation.yml").write_text(text, encoding="utf-8")


def test_generate_writes_content(tmp_path: Path) -> None:
    result = run("generate", "--dumps", "dumps", "--out", str(tmp_path / "content"))
    assert result.returncode == 0, result.stderr
    assert "5 articles" in result.stdout
    assert (tmp_path / "content" / "index.md").exists()


def test_summary_counts_new_then_updated_then_hidden(tmp_path: Path, site_config: Path) -> None:
    out = str(tmp_path / "content")
    generate = ("generate", "--dumps", "dumps", "--out", out, "--config", str(site_config))
    first = run(*generate)
    assert counts(first.stdout) == {"new": 5, "updated": 0, "removed": 0, "hidden": 0}
    assert counts(run(*generate).stdout) == {"new": 0, "updated": 0, "removed": 0, "hidden": 0}
    write_curation(site_config, f"articles:\n  {MAIN_STORY}:\n    title: Takaichi in Taipei\n")
    assert counts(run(*generate).stdout) == {"new": 0, "updated": 1, "removed": 0, "hidden": 0}
    # The correction survives the next run: nothing left to update.
    assert counts(run(*generate).stdout) == {"new": 0, "updated": 0, "removed": 0, "hidden": 0}
    # The new title shows on the page the story was first published at: its URL stays.
    (page,) = [p for p in Path(out).rglob("*.md") if f"id: {MAIN_STORY}" in p.read_text()]
    assert "title: Takaichi in Taipei" in page.read_text()
    write_curation(site_config, f"articles:\n  {MAIN_STORY}:\n    hide: true\n")
    assert counts(run(*generate).stdout) == {"new": 0, "updated": 0, "removed": 1, "hidden": 1}
    assert not page.exists()


def test_bad_curation_exits_1_with_every_problem_and_writes_nothing(
    tmp_path: Path, site_config: Path
) -> None:
    out = tmp_path / "content"
    generate = ("generate", "--dumps", "dumps", "--out", str(out), "--config", str(site_config))
    assert run(*generate).returncode == 0
    before = tree(tmp_path)
    write_curation(
        site_config,
        "articles:\n"
        f"  {MAIN_STORY}:\n"
        "    topics: [politcs]\n"
        "    countries: [UK]\n"
        f"  {MAIN_STORY[:-1]}8:\n"
        "    pin: true\n",
    )
    result = run(*generate)
    path = site_config / "curation.yml"
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {path}:3:14: unknown topic 'politcs' (did you mean 'politics'?)\n"
        f"error: {path}:4:17: unknown country code 'UK' (did you mean 'GB'?)\n"
        f"error: {path}:5: no article has id '{MAIN_STORY[:-1]}8' "
        f"(did you mean '{MAIN_STORY}'?); ids are in each page's front matter\n"
    )
    assert tree(tmp_path) == {**before, "site_config/curation.yml": path.read_bytes()}


def test_check_reports_curation_problems_and_writes_nothing(
    tmp_path: Path, site_config: Path
) -> None:
    write_curation(site_config, "articles:\n  0123456789ab: {hidden: true}\n")
    before = tree(tmp_path)
    result = run("check", "--dumps", "dumps", "--config", str(site_config))
    path = site_config / "curation.yml"
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {path}:2: no article has id '0123456789ab'; ids are in each page's front matter\n"
        f"error: {path}:2:18: unknown key 'hidden' (did you mean 'hide'?)\n"
    )
    assert tree(tmp_path) == before


def test_check_compares_with_the_content_tree_read_only(tmp_path: Path) -> None:
    out = tmp_path / "content"
    result = run("check", "--dumps", "dumps", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert counts(result.stdout)["new"] == 5
    assert not out.exists()


def test_bad_dump_and_bad_curation_are_reported_together(tmp_path: Path, site_config) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "bad.txt").write_bytes(b"GIF89a\x00\x01\xff")
    write_curation(site_config, "articles:\n  abc: {pin: sure}\n")
    result = run("check", "--dumps", str(dumps), "--config", str(site_config))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {dumps / 'bad.txt'}:1: not text (binary data at byte 6); "
        "remove or convert the file\n"
        f"error: {site_config / 'curation.yml'}:2:14: 'pin' must be true or false, not 'sure'\n"
    )


def test_undecodable_dump_exits_1_naming_the_file_and_writes_nothing(tmp_path: Path) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "bad.txt").write_bytes(b"GIF89a\x00\x01\x02\xff\xfe\x00binary")
    out = tmp_path / "content"
    result = run("generate", "--dumps", str(dumps), "--out", str(out))
    assert result.returncode == 1
    reason = "not text (binary data at byte 6); remove or convert the file"
    assert result.stderr == f"error: {dumps / 'bad.txt'}:1: {reason}\n"
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_missing_dumps_folder_exits_1(tmp_path: Path) -> None:
    result = run("check", "--dumps", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr == f"error: {tmp_path / 'nowhere'}: no such file or folder\n"


def test_unreadable_dumps_folder_exits_1_and_keeps_the_published_tree(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # Without curation: its decisions about the sample's stories would stop a run that
    # finds no stories, hiding the loss of every article an empty folder means.
    dumps = shutil.copytree(ROOT / "dumps", tmp_path / "dumps")
    out = tmp_path / "content"
    generate = ("generate", "--dumps", str(dumps), "--out", str(out))
    assert run(*generate, "--config", str(uncurated_config)).returncode == 0
    published = tree(out)
    dumps.chmod(0)
    try:
        result = run_cli_unprivileged(*generate, "--config", str(uncurated_config))
    finally:
        dumps.chmod(0o755)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: {dumps}: cannot read: Permission denied\n"
    assert tree(out) == published


def test_one_dump_file_over_a_tree_of_other_dumps_keeps_the_tree(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # `--dumps new.txt --out content` would make a site of that dump's stories alone
    dumps = shutil.copytree(ROOT / "dumps", tmp_path / "dumps")
    out = tmp_path / "content"
    config = ("--config", str(uncurated_config))
    assert run("generate", "--dumps", str(dumps), "--out", str(out), *config).returncode == 0
    published = tree(out)
    new = tmp_path / "2025-12-20_new.txt"
    new.write_text(
        "Harbour workers in Keelung end their strike after a pay deal is reached\n\n"
        "Dock workers in Keelung returned to work on Saturday after the port authority agreed "
        "to raise pay by six percent, ending a strike that had idled the harbour for a week.\n",
        encoding="utf-8",
    )
    reason = (
        f"--dumps names one file, and the run would remove 5 stories of other dumps that {out} "
        "publishes; put the file in the dumps folder and name the folder, or name another "
        "--out to see this dump's stories alone"
    )
    for command in ("generate", "check"):
        result = run(command, "--dumps", str(new), "--out", str(out), *config)
        assert (result.returncode, result.stdout) == (1, ""), command
        assert result.stderr.endswith(f"error: {new}: {reason}\n"), result.stderr
    assert tree(out) == published
    # a tree made of that one dump is the dump's to change
    alone = tmp_path / "alone"
    assert run("generate", "--dumps", str(new), "--out", str(alone), *config).returncode == 0
    new.write_text("Ferry to Matsu resumes after typhoon passes\n", encoding="utf-8")
    assert run("generate", "--dumps", str(new), "--out", str(alone), *config).returncode == 0


@pytest.mark.parametrize("left", ["nothing", "a blank dump"])
def test_dumps_without_a_story_keep_the_published_tree(
    tmp_path: Path, uncurated_config: Path, left: str
) -> None:
    dumps = shutil.copytree(ROOT / "dumps", tmp_path / "dumps")
    out = tmp_path / "content"
    generate = ("generate", "--dumps", str(dumps), "--out", str(out))
    generate += ("--config", str(uncurated_config))
    assert run(*generate).returncode == 0
    published = tree(out)
    for dump in dumps.iterdir():
        dump.unlink()
    if left == "a blank dump":
        (dumps / "blank.txt").write_text("\n  \n", encoding="utf-8")
    reason = (
        f"no story in any dump, while {out} publishes 5 articles that a run would remove; "
        f"name the dumps folder the site is built from, or delete {out} first to empty the site"
    )
    for command in (generate, ("check", *generate[1:])):
        result = run(*command)
        assert (result.returncode, result.stdout) == (1, ""), command
        assert result.stderr.endswith(f"error: {dumps}: {reason}\n"), result.stderr
    assert tree(out) == published
    shutil.rmtree(out)
    assert run(*generate).returncode == 0  # a new site may start empty


def test_dumps_that_are_no_file_or_folder_exit_1_saying_what_they_are() -> None:
    result = run("check", "--dumps", os.devnull)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {os.devnull}: not a regular file or folder (a character device)\n"
    )


def test_bad_site_url_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "content"
    result = run("generate", "--dumps", "dumps", "--out", str(out), "--site-url", "github.io")
    assert result.returncode == 1
    assert result.stderr == (
        "error: --site-url: site_url 'github.io' is not an absolute http(s) address "
        "such as https://user.github.io/repo/\n"
    )
    assert not out.exists()


def test_usage_error_exits_2() -> None:
    assert run("generate").returncode == 2


def test_check_writes_nothing_and_reports(tmp_path: Path) -> None:
    result = run("check", "--dumps", "dumps", "--out", str(tmp_path / "content"))
    assert result.returncode == 0
    assert result.stdout.startswith("1 dumps, 19 lines -> 5 articles")
    assert "0 lines unassigned" in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    assert list(tmp_path.iterdir()) == []


def test_long_run_on_a_terminal_shows_a_progress_bar(tmp_path: Path) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    sample = (ROOT / "dumps" / "000_9d3f2b9905a01c03.txt").read_bytes()
    for n in range(20):
        (dumps / f"{n:03d}.txt").write_bytes(sample)
    master, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "check", "--dumps", str(dumps)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=terminal,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    stdout, _ = process.communicate()
    os.close(master)
    assert process.returncode == 0
    assert b"Reading dumps" in drawn
    assert b"20/20" in drawn
    assert b"Rendering pages" in drawn
    assert b"Reading dumps" not in stdout


def test_check_against_the_published_tree_reports_no_change() -> None:
    # content/ is what generate makes of dumps/ (test_content.py), so check must agree:
    # the same published paths (permalinks) and the same pages.
    result = run("check", "--dumps", "dumps", "--out", "content")
    assert result.returncode == 0, result.stderr
    assert counts(result.stdout) == {"new": 0, "updated": 0, "removed": 0, "hidden": 0}


def uncached_tree(folder: Path) -> dict[str, bytes]:
    out = folder / "uncached"
    assert run("generate", "--dumps", "dumps", "--out", str(out), "--no-cache").returncode == 0
    return tree(out)


def test_a_cache_that_is_a_file_is_a_warning_and_the_run_goes_on(tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "content"
    cache.write_bytes(b"not a folder")
    result = run("generate", "--dumps", "dumps", "--out", str(out), "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    assert (
        result.stderr
        == f"warning: {cache}: cannot use the cache (not a folder); running without it\n"
    )
    assert counts(result.stdout)["new"] == 5
    assert tree(out) == uncached_tree(tmp_path)
    assert cache.read_bytes() == b"not a folder"


def test_a_read_only_cache_is_a_warning_and_the_run_goes_on(tmp_path: Path) -> None:
    out, cache = tmp_path / "content", tmp_path / ".cache"
    cache.mkdir(mode=0o555)
    cache.chmod(0o555)
    result = run_cli_unprivileged("generate", "--dumps", "dumps", "--out", str(out))
    cache.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"warning: {cache}: cannot use the cache (Permission denied: {cache / 'stories'}); "
        "running without it\n"
    )
    assert counts(result.stdout)["new"] == 5
    assert tree(out) == uncached_tree(tmp_path)
    assert list(cache.iterdir()) == []


@pytest.mark.parametrize("below", ["", "content"], ids=["out-is-a-file", "out-below-a-file"])
def test_an_out_that_cannot_be_a_folder_exits_1_and_touches_nothing(
    tmp_path: Path, below: str
) -> None:
    file = tmp_path / "notes"
    file.write_text("a user's notes\n", encoding="utf-8")
    before = tree(tmp_path)
    result = run("generate", "--dumps", "dumps", "--out", str(file / below))
    assert result.returncode == 1
    assert (result.stdout, result.stderr) == ("", f"error: {file}: not a folder\n")
    assert tree(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes"]


def test_an_out_that_is_not_a_content_tree_is_refused_and_kept(tmp_path: Path) -> None:
    # A mistyped --out (a project folder) would be swapped aside whole and lost.
    project = tmp_path / "project"
    project.mkdir()
    (project / "notes.txt").write_text("a user's notes\n", encoding="utf-8")
    before = tree(tmp_path)
    result = run("generate", "--dumps", "dumps", "--out", str(project), "--no-cache")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {project}: is not a content tree "), result.stderr
    assert "Traceback" not in result.stderr
    assert tree(tmp_path) == before


def test_an_out_that_is_a_built_site_is_refused_and_kept(tmp_path: Path) -> None:
    # site/ has an articles/ folder too: `--out site` replaced the built HTML with Markdown
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html>\n", encoding="utf-8")
    before = tree(tmp_path)
    result = run("generate", "--dumps", "dumps", "--out", str(site), "--no-cache")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {site}: is a built site (it has index.html)")
    assert tree(tmp_path) == before


@pytest.mark.parametrize("out", ["dumps", "."], ids=["the-dumps-folder", "a-folder-above-it"])
def test_an_out_that_holds_the_dumps_is_refused_and_kept(tmp_path: Path, out: str) -> None:
    shutil.copytree(ROOT / "dumps", tmp_path / "dumps")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "articles").mkdir()  # a content tree: only --dumps stops it
    before = tree(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--dumps",
            "dumps",
            "--out",
            out,
            "--config",
            str(ROOT / "site_config"),
            "--no-cache",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 1
    assert f"error: {out}: " in result.stderr and "--dumps" in result.stderr, result.stderr
    assert tree(tmp_path) == before


def articles_in(out: Path) -> list[Path]:
    return sorted(p.relative_to(out) for p in (out / "articles").rglob("*.md"))


def published(
    tmp_path: Path, config: Path, dumps: dict[str, list[str]]
) -> tuple[Path, Path, Callable[[], subprocess.CompletedProcess[str]]]:
    """These dumps (name -> lines) generated into tmp_path/content: -> the dumps folder, the
    content folder and a run of the same command again."""
    folder, out = tmp_path / "dumps", tmp_path / "content"
    folder.mkdir()
    for name, lines in dumps.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = ("generate", "--dumps", str(folder), "--out", str(out), "--no-cache")

    def again() -> subprocess.CompletedProcess[str]:
        result = run(*command, "--config", str(config))
        assert result.returncode == 0, result.stderr
        return result

    again()
    return folder, out, again


def test_a_published_page_stays_when_its_full_text_comes_from_a_dump_named_earlier(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # Day one publishes a teaser; day two brings the full text in a dump whose name sorts
    # first. The story keeps the address it was published at.
    teaser = " ".join(" ".join(BRIDGE).split()[:20])
    dumps, out, again = published(tmp_path, uncurated_config, {"wire-dec13.txt": [teaser]})
    before = articles_in(out)
    (dumps / "cna-dec14.txt").write_text("\n".join(BRIDGE) + "\n", encoding="utf-8")
    assert "(0 new, 1 updated, 0 removed, 1 merged" in again().stdout
    assert articles_in(out) == before


def test_a_dump_without_a_date_is_warned_about(tmp_path: Path, uncurated_config: Path) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "wire.txt").write_text("\n".join(BRIDGE) + "\n", encoding="utf-8")
    (dumps / "2025-12-13_dated.txt").write_text("\n".join(BRIDGE[:2]) + "\n", encoding="utf-8")
    out = str(tmp_path / "content")
    result = run("check", "--dumps", str(dumps), "--config", str(uncurated_config), "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"warning: {dumps / 'wire.txt'}: no date (start its name with YYYY-MM-DD, or give its "
        "sidecar a date); its stories are published as undated\n"
    )


def test_a_typo_fixed_in_a_dumps_opening_words_keeps_the_page(
    tmp_path: Path, site_config: Path
) -> None:
    # The id hashes a story's opening words: the corrected story is new by id, but it starts
    # where the published one did, so it keeps that page, and the curator's entry still holds.
    _, out, generate = sample_with_fixed_typo(tmp_path, site_config)
    before = sorted(p.relative_to(out) for p in (out / "articles").rglob("*.md"))
    result = run(*generate)
    assert result.returncode == 0, result.stderr
    assert counts(result.stdout) == {"new": 0, "updated": 1, "removed": 0, "hidden": 0}
    assert sorted(p.relative_to(out) for p in (out / "articles").rglob("*.md")) == before


def test_a_dump_overwritten_with_other_news_gives_it_new_pages(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # The other story begins at the same line, but it is not the one the page showed.
    dumps, out, again = published(tmp_path, uncurated_config, {"2025-12-13_wire.txt": BRIDGE})
    before = articles_in(out)
    (dumps / "2025-12-13_wire.txt").write_text("\n".join(ORCHESTRA) + "\n", encoding="utf-8")
    assert "(1 new, 0 updated, 1 removed" in again().stdout
    assert len(articles_in(out)) == 1 and articles_in(out) != before


def _corrected(
    tmp_path: Path, config: Path
) -> tuple[Path, Path, Callable[[], subprocess.CompletedProcess[str]], list[Path]]:
    """A story published with a typo in its opening words, then corrected in its dump (a new
    id, the same page): `published`'s values and the article pages before the correction."""
    typo = [line.replace("Engineers", "Enginers") for line in BRIDGE]
    dumps, out, again = published(tmp_path, config, {"2025-12-13_b.txt": typo})
    before = articles_in(out)
    (dumps / "2025-12-13_b.txt").write_text("\n".join(BRIDGE) + "\n", encoding="utf-8")
    again()
    assert articles_in(out) == before
    return dumps, out, again, before


def test_a_corrected_story_keeps_its_page_when_a_copy_comes_first(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # The corrected story took over its page; a copy of its opening in a dump named earlier
    # must not move it again.
    dumps, out, again, before = _corrected(tmp_path, uncurated_config)
    (dumps / "2025-12-13_a.txt").write_text(BRIDGE[0] + "\n", encoding="utf-8")
    again()
    assert articles_in(out) == before


def _id_of(page: Path) -> str:
    return re.search(r"^id: (\w+)$", page.read_text(encoding="utf-8"), re.M)[1]


def _changes(stdout: str) -> dict[str, int]:
    """new, updated, removed and hidden of any run's summary (`counts`: the sample's)."""
    found = re.search(
        r"\((\d+) new, (\d+) updated, (\d+) removed, \d+ merged, (\d+) hidden", stdout
    )
    assert found, stdout
    return dict(zip(("new", "updated", "removed", "hidden"), map(int, found.groups()), strict=True))


def test_a_hidden_story_stays_hidden_when_a_story_opening_alike_comes_first(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # Same opening words, one id. The hidden story has no page to show where it began; the
    # newcomer in a dump named earlier took the id, and with it the curator's hide, while
    # the story the curator hid was published again.
    dumps, out, again = published(tmp_path, uncurated_config, {"2025-12-13_b.txt": BRIDGE})
    [page] = articles_in(out)
    write_curation(uncurated_config, f"articles:\n  {_id_of(out / page)}: {{hide: true}}\n")
    assert _changes(again().stdout)["hidden"] == 1
    other = [*BRIDGE[:2], "Protesters blocked the bridge's opening for an hour, police said."]
    (dumps / "2025-12-13_a.txt").write_text("\n".join(other) + "\n", encoding="utf-8")
    assert _changes(again().stdout) == {"new": 1, "updated": 0, "removed": 0, "hidden": 1}
    [shown] = articles_in(out)
    assert "dump: 2025-12-13_a.txt" in (out / shown).read_text(encoding="utf-8")
    assert "dump: 2025-12-13_b.txt" not in (out / shown).read_text(encoding="utf-8")


def test_a_hidden_story_corrected_in_its_opening_words_stays_hidden(
    tmp_path: Path, uncurated_config: Path
) -> None:
    typo = [line.replace("Engineers", "Enginers") for line in BRIDGE]
    dumps, out, again = published(tmp_path, uncurated_config, {"2025-12-13_b.txt": typo})
    [page] = articles_in(out)
    write_curation(uncurated_config, f"articles:\n  {_id_of(out / page)}: {{hide: true}}\n")
    again()
    (dumps / "2025-12-13_b.txt").write_text("\n".join(BRIDGE) + "\n", encoding="utf-8")
    assert _changes(again().stdout)["hidden"] == 1  # the entry was "no article has id"
    assert articles_in(out) == []
    write_curation(uncurated_config, "articles: {}\n")
    again()
    assert articles_in(out) == [page]  # shown again where it was


def test_a_corrected_story_keeps_its_page_when_its_dump_is_renamed_later(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # The corrected story took the page by where it began; renamed, its dump names that
    # place no more: the story keeps the page by the words it took it with.
    dumps, out, again, before = _corrected(tmp_path, uncurated_config)
    (dumps / "2025-12-13_b.txt").rename(dumps / "2025-12-13_bridge.txt")
    assert _changes(again().stdout) == {"new": 0, "updated": 1, "removed": 0, "hidden": 0}
    assert articles_in(out) == before


def test_a_story_corrected_and_its_dump_renamed_in_one_edit_keeps_its_page(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # One commit fixed a word of the lead (a new id) and renamed the dump: no dump of the
    # name the page began in is read any more, and the story begins at the same line of the
    # renamed one, reading the same. It moved to a new address (the old slug taken, with its
    # id appended) while the published one went away.
    typo = [line.replace("Engineers", "Enginers") for line in BRIDGE]
    dumps, out, again = published(tmp_path, uncurated_config, {"2025-12-13_b.txt": typo})
    before = articles_in(out)
    (dumps / "2025-12-13_b.txt").unlink()
    (dumps / "2025-12-13_bridge.txt").write_text("\n".join(BRIDGE) + "\n", encoding="utf-8")
    assert _changes(again().stdout) == {"new": 0, "updated": 1, "removed": 0, "hidden": 0}
    assert articles_in(out) == before
    again()  # and keeps it by its words in later runs
    assert articles_in(out) == before


def test_a_story_opening_like_a_published_one_does_not_take_its_page(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # Same first paragraph, different stories: one id. The published one keeps it, though
    # the newcomer's dump sorts first.
    dumps, out, again = published(tmp_path, uncurated_config, {"2025-12-13_b.txt": BRIDGE})
    [page] = articles_in(out)
    other = [*BRIDGE[:2], "Protesters blocked the bridge's opening for an hour, police said."]
    (dumps / "2025-12-13_a.txt").write_text("\n".join(other) + "\n", encoding="utf-8")
    assert "(1 new, 0 updated, 0 removed" in again().stdout
    assert "dump: 2025-12-13_b.txt" in (out / page).read_text(encoding="utf-8")
    assert len(articles_in(out)) == 2


@pytest.mark.parametrize(
    ("stop", "code", "message"),
    [
        (KeyboardInterrupt, 130, "interrupted"),  # Ctrl-C
        (WorkerLost, 1, "error: a worker process ended"),  # killed for memory, say
    ],
)
def test_a_stopped_run_is_a_message_and_an_exit_code_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    stop: type[BaseException],
    code: int,
    message: str,
) -> None:
    from generator import __main__ as cli

    def stopped(*_: object, **__: object) -> None:
        raise stop

    monkeypatch.setattr(cli, "generate", stopped)
    assert cli.main(["generate", "--dumps", "dumps", "--out", str(tmp_path / "content")]) == code
    err = capsys.readouterr().err
    assert err.startswith(message) and "Traceback" not in err


def test_sigterm_is_a_message_and_exit_143_not_tracebacks(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # `kill`, `timeout` or a cancelled CI job: the run ended at once, and its workers
    # printed BrokenPipeError tracebacks handing results to a parent already gone.
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for n in range(200):
        lines = [f"{line} Item {n}." for line in (*BRIDGE, *ORCHESTRA)]
        (dumps / f"d{n:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "content"
    command = [sys.executable, "-m", "generator", "generate", "--dumps", str(dumps)]
    command += ["--out", str(out), "--config", str(uncurated_config), "--no-cache", "--jobs", "2"]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    while process.poll() is None and not children_of(process.pid):
        time.sleep(0.01)  # until the workers are forked
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143
    assert err.startswith("interrupted") and "Traceback" not in err
    assert not out.exists()


def test_a_story_that_shared_its_opening_keeps_its_page_when_the_other_goes_and_returns(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # Two stories open alike (one id): the published one keeps the id, the other gets one of
    # its own and a page under it. When the first story's dump goes, the other must not fall
    # back to the shared id (and so onto the first one's page); when it comes back, each
    # story must show on its own old page again.
    dumps, out, again = published(tmp_path, uncurated_config, {"2025-12-13_b.txt": BRIDGE})
    other = [*BRIDGE[:2], "Protesters blocked the bridge's opening for an hour, police said."]
    (dumps / "2025-12-13_a.txt").write_text("\n".join(other) + "\n", encoding="utf-8")
    again()
    pages = {page: (out / page).read_text(encoding="utf-8") for page in articles_in(out)}
    [(first, _)] = [(p, t) for p, t in pages.items() if "dump: 2025-12-13_b.txt" in t]
    [(second, _)] = [(p, t) for p, t in pages.items() if "dump: 2025-12-13_a.txt" in t]
    kept = (dumps / "2025-12-13_b.txt").rename(tmp_path / "2025-12-13_b.txt")
    again()
    assert articles_in(out) == [second]
    kept.rename(dumps / "2025-12-13_b.txt")
    again()
    assert "dump: 2025-12-13_b.txt" in (out / first).read_text(encoding="utf-8")
    assert "dump: 2025-12-13_a.txt" in (out / second).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("template", "old", "new", "line", "message"),
    [
        pytest.param(
            "home.md.j2",
            "site.title",
            "site.titel",
            4,
            "has no attribute 'titel' (did you mean 'title'?)",
            id="typo",
        ),
        pytest.param(
            "home.md.j2",
            "site.title",
            "site.curation",
            4,
            "has no attribute 'curation' (it has title, description, site_url, language, topics)",
            id="what-pages-do-not-show",
        ),
        pytest.param(
            "article.md.j2",
            "{% for paragraph in article.paragraphs %}",
            "{% for paragraph in %}",
            10,
            "Expected an expression",
            id="syntax",
        ),
        pytest.param(
            "listing.md.j2", "{%", "{{ 1 + 'a' }}{%", 8, "unsupported operand", id="runtime"
        ),
    ],
)
@pytest.mark.parametrize("command", ["generate", "check"])
def test_a_broken_template_exits_1_at_its_line_and_writes_nothing(
    tmp_path: Path, site_config: Path, template, old, new, line, message, command
) -> None:
    out = tmp_path / "content"
    assert run("generate", "--dumps", "dumps", "--out", str(out)).returncode == 0
    before = tree(out)
    path = site_config / "templates" / template
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run(command, "--dumps", "dumps", "--out", str(out), "--config", str(site_config))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {path}:{line}: template error: "), result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert tree(out) == before


def test_a_dump_whose_name_leaves_no_room_for_a_sidecar_is_read(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # Its sidecar's name (<stem>.meta.yml) is over the file system's 255 bytes: asking for
    # it raised ENAMETOOLONG, a traceback. It has no sidecar, as it can have none.
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / ("2025-12-10_" + "a" * 240 + ".txt")).write_text("\n".join(BRIDGE) + "\n")
    out = str(tmp_path / "content")
    for command in ("generate", "check"):
        result = run(
            command, "--dumps", str(dumps), "--out", out, "--config", str(uncurated_config)
        )
        assert result.returncode == 0, result.stderr
        assert "1 articles" in result.stdout


def test_a_dump_name_is_read_as_utf8_whatever_the_locale(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # Run by hand under a locale whose file names are not UTF-8 (here plain ASCII: the C
    # locale with Python's coercion to UTF-8 off), `näws.txt` was refused as "not UTF-8";
    # under Latin-1 it was recorded as `nÃ¤ws.txt`.
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "näws.txt").write_text("\n".join(BRIDGE) + "\n", encoding="utf-8")
    out = tmp_path / "content"
    env = os.environ | {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    args = ("generate", "--dumps", str(dumps), "--out", str(out), "--config", str(uncurated_config))
    result = run_cli(*args, env=env)
    assert result.returncode == 0, result.stderr
    [page] = (out / "articles").rglob("*.md")
    assert [s["dump"] for s in frontmatter.load(page)["sources"]] == ["näws.txt"]


def test_a_pipe_named_like_a_page_in_out_is_not_read(tmp_path: Path) -> None:
    # check and generate read each old page to compare it: a pipe held them forever.
    out = tmp_path / "content"
    assert run("generate", "--dumps", "dumps", "--out", str(out)).returncode == 0
    os.mkfifo(out / "articles" / "old.md")
    for command in ("check", "generate"):
        result = subprocess.run(
            [sys.executable, "-m", "generator", command, "--dumps", "dumps", "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    assert not (out / "articles" / "old.md").exists()  # the new tree holds only pages


def test_a_permalink_map_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    out = tmp_path / "content"
    assert run("generate", "--dumps", "dumps", "--out", str(out)).returncode == 0
    (out / ".permalinks.json").write_bytes(b"\xff{}\n")
    result = run("generate", "--dumps", "dumps", "--out", str(out))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {out / '.permalinks.json'}:1: not UTF-8 (byte 0xff at 0); save the file as UTF-8\n"
    )


def test_a_file_the_run_cannot_write_is_named_without_a_traceback(tmp_path: Path) -> None:
    # The content tree is staged beside --out: a read-only parent folder stops it there. The
    # message names --out, not the hidden staging folder the user never made.
    parent = tmp_path / "site"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        out = str(parent / "c")
        result = run_cli_unprivileged("generate", "--dumps", "dumps", "--out", out, "--no-cache")
    finally:
        parent.chmod(0o755)
    assert result.returncode == 1
    reason = "cannot write the new tree beside it: Permission denied"
    assert result.stderr == f"error: {parent / 'c'}: {reason}\n"


def test_check_lists_every_unassigned_line_and_generate_the_first_ones(
    tmp_path: Path, uncurated_config: Path
) -> None:
    # generate stopped at 20 with a count, and no command listed the rest.
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "2025-12-10_ads.txt").write_text("\n".join([*BRIDGE, *["Advertisement"] * 25]))
    config = ("--config", str(uncurated_config))
    out = ("--out", str(tmp_path / "content"))
    listed = {}
    for command in ("generate", "check"):
        result = run(command, "--dumps", str(dumps), *out, *config)
        assert result.returncode == 0, result.stderr
        listed[command] = [line for line in result.stdout.splitlines() if "unassigned: " in line]
    assert len(listed["check"]) == 25
    assert listed["generate"][:20] == listed["check"][:20]
    # the command names this run's tree and config: against content/ its counts would differ
    command = f"python -m generator check --dumps {dumps} {' '.join(out)} {' '.join(config)}"
    assert listed["generate"][20:] == [f"unassigned: ... and 5 more lines (all of them: {command})"]


def test_an_unassigned_line_is_quoted_only_so_far(tmp_path: Path, uncurated_config: Path) -> None:
    # A reason quotes its line whole: a pasted line of megabytes printed as much.
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    long = " ".join([BRIDGE[0], BRIDGE[1], BRIDGE[3]])
    (dumps / "2025-12-10_x.txt").write_text("\n".join([long, BRIDGE[4], long]) + "\n")
    result = run("check", "--dumps", str(dumps), "--config", str(uncurated_config))
    [line] = [line for line in result.stdout.splitlines() if line.startswith("unassigned: ")]
    prefix = "unassigned: 2025-12-10_x.txt:3: "
    assert line.startswith(prefix + "repeats the story's own words: 'Engineers in the")
    assert len(line) == len(prefix) + 300 and line.endswith("…")


@pytest.mark.parametrize(
    ("jobs", "message"),
    [("0", "must be 1 or more, not 0"), ("x", "must be a whole number, not 'x'")],
)
def test_jobs_must_be_a_count(tmp_path: Path, jobs: str, message: str) -> None:
    result = run("generate", "--dumps", "dumps", "--out", str(tmp_path / "c"), "--jobs", jobs)
    assert result.returncode == 2
    assert result.stderr.endswith(f"error: argument --jobs: {message}\n")
    assert not (tmp_path / "c").exists()
