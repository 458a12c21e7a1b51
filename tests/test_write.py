"""Write: the content tree is replaced whole or not at all, and unchanged files are untouched."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator import write as write_module
from generator.errors import UserError
from generator.model import Page
from generator.write import recover, write
from tests.conftest import ROOT

Snapshot = dict[str, tuple[bytes, int, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every file's bytes, inode and modification time: what 'untouched' means."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def pages(**files: str) -> list[Page]:
    return [Page(path=k.replace("__", "/"), data=v.encode()) for k, v in files.items()]


def test_out_holds_exactly_the_pages(tmp_path: Path) -> None:
    out = tmp_path / "content"
    write(pages(a__x_md="x", b_md="b", stale_md="old"), out)
    report = write(pages(a__x_md="x", b_md="new b"), out)
    assert {k: v[0] for k, v in snapshot(out).items()} == {"a/x_md": b"x", "b_md": b"new b"}
    assert (report.written, report.unchanged, report.removed) == (1, 1, 1)


def test_a_file_at_out_is_refused_and_stays(tmp_path: Path) -> None:
    out = tmp_path / "content"
    out.write_bytes(b"a file, not a tree")
    with pytest.raises(UserError, match="not a folder"):
        write(pages(a_md="a"), out)
    assert out.read_bytes() == b"a file, not a tree"
    assert [p.name for p in tmp_path.iterdir()] == ["content"]


def test_a_full_disk_is_told_of_out_and_leaves_it_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The write that failed was into the hidden staging folder beside `out`, which the
    # message named (or named no file at all): the user knows `out`.
    out = tmp_path / "content"
    write(pages(a_md="a"), out)
    before = snapshot(out)

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write_module, "_stage_file", full)
    with pytest.raises(UserError) as raised:
        write(pages(a_md="a", b_md="b"), out)
    assert [str(p) for p in raised.value.problems] == [
        f"{out}: cannot write the new tree beside it: No space left on device"
    ]
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["content"]


def test_the_new_tree_keeps_the_folder_mode(tmp_path: Path) -> None:
    out = tmp_path / "content"
    out.mkdir(mode=0o755)
    out.chmod(0o755)
    write(pages(a_md="a"), out)
    assert out.stat().st_mode & 0o777 == 0o755


def test_unchanged_files_keep_inode_and_mtime(tmp_path: Path) -> None:
    out = tmp_path / "content"
    write(pages(a__x_md="x", b_md="b"), out)
    before = snapshot(out)
    write(pages(a__x_md="x", b_md="changed"), out)
    assert snapshot(out)["a/x_md"] == before["a/x_md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_only_a_regular_file_counts_as_an_unchanged_page(tmp_path: Path) -> None:
    """A symlink to the right bytes, or a pipe where an empty page goes, is replaced by the
    page's file; the pipe is never opened (reading it would wait for a writer forever)."""
    out = tmp_path / "content"
    write(pages(a_md="", b_md="b"), out)
    (out / "a_md").unlink()
    os.mkfifo(out / "a_md")
    (tmp_path / "elsewhere").write_bytes(b"b")
    (out / "b_md").unlink()
    (out / "b_md").symlink_to(tmp_path / "elsewhere")

    def waited(*_: object) -> None:
        raise AssertionError("the pipe was opened, and reading it waited")

    previous = signal.signal(signal.SIGALRM, waited)
    signal.alarm(20)  # a wait on the pipe fails the test instead of hanging the run
    try:
        report = write(pages(a_md="", b_md="b"), out)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert (report.written, report.unchanged) == (2, 0)
    assert all(p.is_file() and not p.is_symlink() for p in (out / "a_md", out / "b_md"))
    assert {k: v[0] for k, v in snapshot(out).items()} == {"a_md": b"", "b_md": b"b"}


def test_a_run_that_changes_nothing_touches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "content"
    write(pages(a__x_md="x", b_md="b"), out)
    before, folder_inode = snapshot(out), out.stat().st_ino
    report = write(pages(a__x_md="x", b_md="b"), out)
    assert snapshot(out) == before
    assert out.stat().st_ino == folder_inode
    assert (report.written, report.unchanged, report.removed) == (0, 2, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_the_two_rename_fallback_gives_the_same_tree(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(write_module, "_exchange", lambda a, b: False)
    out = tmp_path / "content"
    write(pages(a_md="a", b_md="b"), out)
    write(pages(a_md="a", c_md="c"), out)
    assert {k: v[0] for k, v in snapshot(out).items()} == {"a_md": b"a", "c_md": b"c"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


@pytest.mark.parametrize(
    "path", ["../escape.md", "/etc/passwd", "a/../../x.md", "a//b.md", "./a.md", "a\\..\\b.md"]
)
def test_a_page_path_that_could_leave_the_folder_is_refused(tmp_path: Path, path: str) -> None:
    out = tmp_path / "site" / "content"
    write(pages(keep_md="k"), out)
    before = snapshot(out)
    with pytest.raises(ValueError, match="is not a plain relative path"):
        write([Page(path=path, data=b"x")], out)
    assert snapshot(out) == before
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["content"]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_recover_restores_a_tree_retired_by_a_dead_run(tmp_path: Path) -> None:
    retired = tmp_path / f".content.old-{_dead_pid()}"
    retired.mkdir()
    (retired / "a.md").write_text("a")
    recover(tmp_path / "content")
    assert (tmp_path / "content" / "a.md").read_text() == "a"
    assert not retired.exists()


def test_recover_drops_a_dead_runs_staging_but_not_a_live_ones(tmp_path: Path) -> None:
    dead = tmp_path / f".content.new-{_dead_pid()}-x1"
    live = tmp_path / f".content.new-{os.getppid()}-x2"
    for folder in (dead, live):
        folder.mkdir()
    recover(tmp_path / "content")
    assert not dead.exists()
    assert live.exists()


# A run of the real CLI that stops at a chosen point and waits to be killed. `point` names a
# function of generator.write: the run pauses after its n-th call returns. `rename` instead
# forces the two-rename fallback and pauses between the renames.
DRIVER = r"""
import pathlib, sys, time
import generator.write as w

def pause():
    print("PAUSED", flush=True)
    time.sleep(300)

point, nth = sys.argv[1], int(sys.argv[2])
if point == "rename":
    w._exchange = lambda a, b: False
    real_rename = pathlib.Path.rename
    def rename(self, target):
        result = real_rename(self, target)
        if ".old-" in str(target):
            pause()
        return result
    pathlib.Path.rename = rename
else:
    real, calls = getattr(w, point), []
    def wrapped(*args):
        result = real(*args)
        calls.append(1)
        if len(calls) == nth:
            pause()
        return result
    setattr(w, point, wrapped)

from generator.__main__ import main
sys.exit(main(sys.argv[3:]))
"""


def _generate(dumps: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", "generate", "--dumps", str(dumps)]
    return subprocess.run(
        [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=False
    )


def _killed_run(point: str, nth: int, dumps: Path, out: Path) -> None:
    """Start a run that pauses at `point`, then SIGKILL it from here."""
    args = [point, str(nth), "generate", "--dumps", str(dumps), "--out", str(out)]
    run = subprocess.Popen(
        [sys.executable, "-c", DRIVER, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert run.stdout.readline() == "PAUSED\n"
    finally:
        run.kill()
        run.wait()
        run.stdout.close()


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path, Snapshot]:
    """A content tree generated from the sample, and a dumps folder that changes it."""
    out = tmp_path / "site" / "content"
    assert _generate(ROOT / "dumps", out).returncode == 0
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for sample in (ROOT / "dumps").iterdir():
        (dumps / sample.name).write_bytes(sample.read_bytes())
    (dumps / "2025-12-11_extra.txt").write_text(
        "Harbour workers in Kaohsiung began a three-day strike over pay, the union said.\n"
    )
    return dumps, out, snapshot(out)


@pytest.mark.parametrize("nth", [1, 9])
def test_killed_while_staging_leaves_the_old_tree_untouched(published, nth: int) -> None:
    dumps, out, before = published
    _killed_run("_stage_file", nth, dumps, out)
    assert snapshot(out) == before
    assert _generate(dumps, out).returncode == 0
    assert _beside(out) == ["content"]


def test_killed_after_the_swap_leaves_the_whole_new_tree(published, tmp_path: Path) -> None:
    dumps, out, _ = published
    _killed_run("_exchange", 1, dumps, out)
    assert _generate(dumps, tmp_path / "fresh").returncode == 0
    fresh = {k: v[0] for k, v in snapshot(tmp_path / "fresh").items()}
    assert {k: v[0] for k, v in snapshot(out).items()} == fresh
    result = _generate(dumps, out)
    assert "wrote 0 files" in result.stdout
    assert _beside(out) == ["content"]


def test_killed_between_fallback_renames_the_next_run_restores_the_old_tree(published) -> None:
    dumps, out, before = published
    _killed_run("rename", 1, dumps, out)
    assert not out.exists()
    recover(out)
    assert snapshot(out) == before


def test_the_run_after_one_killed_between_fallback_renames_keeps_every_url(published) -> None:
    # The old tree waits beside the missing one: the next run must read the URLs it froze,
    # not find no tree and give the stories new ones (here in the month of their new date).
    dumps, out, _ = published
    urls = json.loads((out / ".permalinks.json").read_text(encoding="utf-8"))
    sidecar = next(dumps.glob("*.meta.yml"))
    sidecar.write_text(sidecar.read_text().replace("2025-12-10", "2026-01-05"), "utf-8")
    _killed_run("rename", 1, dumps, out)
    assert _generate(dumps, out).returncode == 0
    after = json.loads((out / ".permalinks.json").read_text(encoding="utf-8"))
    assert {i: after.get(i) for i in urls} == urls
    assert not list(out.glob("articles/2026"))


def test_a_run_refused_for_bad_input_leaves_the_old_tree_untouched(published) -> None:
    dumps, out, before = published
    (dumps / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = _generate(dumps, out)
    assert result.returncode == 1
    assert f"{dumps / 'broken.txt'}:" in result.stderr
    assert snapshot(out) == before
    assert _beside(out) == ["content"]


def test_regenerating_the_sample_rewrites_no_file(tmp_path: Path, config) -> None:
    from generator.build import generate

    out = tmp_path / "content"
    generate(ROOT / "dumps", out, config)
    before, folder_inode = snapshot(out), out.stat().st_ino
    _, report = generate(ROOT / "dumps", out, config)
    assert (report.written, report.removed) == (0, 0)
    assert snapshot(out) == before
    assert out.stat().st_ino == folder_inode


def _beside(out: Path) -> list[str]:
    """What the folder holding `out` contains, but for the story cache the CLI keeps there."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != ".cache")


# Trees a run after run writes: a file kept throughout, one changed then kept, one removed,
# a folder dropped, a file where a folder was and a folder where a file was.
SEQUENCE = [
    {"keep_md": "k", "a/x_md": "x1", "a/y_md": "y", "gone/z_md": "z", "f_md": "file"},
    {"keep_md": "k", "a/x_md": "x2", "a/y_md": "y", "gone/z_md": "z", "f/inner_md": "i"},
    {"keep_md": "k", "a/x_md": "x2", "gone": "now a file", "f/inner_md": "i2", "new/n_md": "n"},
    {"keep_md": "k", "a/x_md": "x3", "a/y_md": "y again", "gone": "now a file"},
]


def _tree(folder: Path) -> dict[str, bytes]:
    return {k: v[0] for k, v in snapshot(folder).items()}


def test_a_spare_tree_is_mended_into_the_next_runs_tree(tmp_path: Path) -> None:
    out, spare = tmp_path / "content", tmp_path / "cache" / "spare"
    previous: dict[str, bytes] = {}
    before: Snapshot = {}
    for files in SEQUENCE:
        wanted = {path: data.encode() for path, data in files.items()}
        write([Page(path=p, data=d) for p, d in wanted.items()], out, spare=spare)
        after = snapshot(out)
        assert _tree(out) == wanted
        # The retired tree is the spare, byte for byte: mending it never wrote through a
        # hard link into a file of the tree that was live.
        assert _tree(spare) == (previous or wanted)  # a first run's spare: its own tree
        for path, (data, inode, mtime) in before.items():
            if wanted.get(path) == data:
                assert after[path][1:] == (inode, mtime), f"{path} was touched"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "content"]  # no staging
        previous, before = wanted, after


def test_a_spare_file_that_is_not_the_live_one_is_not_kept(tmp_path: Path) -> None:
    out, spare = tmp_path / "content", tmp_path / "spare"
    write(pages(a_md="a", b_md="b"), out, spare=spare)
    write(pages(a_md="a", b_md="b2"), out, spare=spare)
    (spare / "a_md").unlink()
    (spare / "a_md").write_bytes(b"edited in the spare")  # same path, another file
    write(pages(a_md="a", b_md="b3"), out, spare=spare)
    assert _tree(out) == {"a_md": b"a", "b_md": b"b3"}
    assert _tree(spare) == {"a_md": b"a", "b_md": b"b2"}


@pytest.mark.parametrize("kind", ["a file", "unreadable"])
def test_a_spare_that_cannot_be_mended_is_not_used(tmp_path: Path, monkeypatch, kind) -> None:
    out, spare = tmp_path / "content", tmp_path / "spare"
    write(pages(a_md="a"), out)
    if kind == "a file":
        spare.write_bytes(b"not a tree")
    else:
        write(pages(a_md="a", c_md="c"), out, spare=spare)  # a spare tree, then a failing read

        def unreadable(*_: object) -> set[str]:
            raise PermissionError("spare")

        monkeypatch.setattr(write_module, "_mend", unreadable)
    write(pages(a_md="a", b_md="b"), out, spare=spare)
    assert _tree(out) == {"a_md": b"a", "b_md": b"b"}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".content")]
