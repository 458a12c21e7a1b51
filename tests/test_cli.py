"""The command line as a user runs it: exit codes and messages, never a traceback."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

run = run_cli


def test_generate_writes_content(tmp_path: Path) -> None:
    result = run("generate", "--dumps", "dumps", "--out", str(tmp_path / "content"))
    assert result.returncode == 0, result.stderr
    assert "5 articles" in result.stdout
    assert (tmp_path / "content" / "index.md").exists()


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


def test_usage_error_exits_2() -> None:
    assert run("generate").returncode == 2


def test_check_writes_nothing_and_reports(tmp_path: Path) -> None:
    result = run("check", "--dumps", "dumps")
    assert result.returncode == 0
    assert result.stdout.startswith("1 dumps, 19 lines -> 5 articles")
    assert "0 lines unassigned" in result.stdout
