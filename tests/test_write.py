"""write(): the folder ends up holding exactly the pages, and the counts say what happened."""

from __future__ import annotations

from pathlib import Path

from generator.model import Page
from generator.write import WriteReport, write


def _pages(files: dict[str, str]) -> list[Page]:
    return [Page(path=path, data=text.encode()) for path, text in files.items()]


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_counts_written_unchanged_and_removed_separately(tmp_path: Path) -> None:
    out = tmp_path / "content"
    write(_pages({"a/x.md": "one", "b.md": "two", "c.md": "three"}), out)
    report = write(_pages({"a/x.md": "one", "b.md": "TWO", "d.md": "four"}), out)
    # b.md rewritten and d.md new are written; a/x.md is untouched; only c.md is removed.
    assert report == WriteReport(written=2, unchanged=1, removed=1)
    assert _tree(out) == ["a/x.md", "b.md", "d.md"]


def test_first_write_removes_nothing(tmp_path: Path) -> None:
    report = write(_pages({"a.md": "one"}), tmp_path / "content")
    assert report == WriteReport(written=1, unchanged=0, removed=0)
