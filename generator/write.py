"""Write: pages -> the content folder, atomically and only where bytes changed.

In: the rendered pages and the output folder. Out: the folder holding exactly those pages.
The new tree is assembled beside the old one and swapped in with renames, so a run that dies
half-way leaves the previous tree untouched. Files whose bytes did not change keep their
inode and modification time (they are hard-linked from the old tree), so `mkdocs serve` and
incremental tools see only real changes. This is the only stage that writes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.model import Page


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def write(pages: list[Page], out: Path) -> WriteReport:
    """Make `out` hold exactly `pages`."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    written = unchanged = 0
    try:
        for page in pages:
            old = out / page.path
            new = staging / page.path
            new.parent.mkdir(parents=True, exist_ok=True)
            if _same_bytes(old, page.data):
                os.link(old, new)
                unchanged += 1
            else:
                new.write_bytes(page.data)
                written += 1
        removed = _count_files(out) - unchanged
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return WriteReport(written=written, unchanged=unchanged, removed=max(removed, 0))


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder)) if folder.exists() else 0


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` where `out` is with two renames; the old tree is deleted last."""
    if not out.exists():
        staging.rename(out)
        return
    retired = out.with_name(f".{out.name}.old-{os.getpid()}")
    out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)
