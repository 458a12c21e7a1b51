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
        # Removed = old files no page maps to; rewritten ones are counted as written only.
        removed = len(_relative_files(out) - {page.path for page in pages})
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return WriteReport(written=written, unchanged=unchanged, removed=removed)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _relative_files(folder: Path) -> set[str]:
    """Every file under `folder`, as a POSIX path relative to it (a Page's `path`)."""
    if not folder.exists():
        return set()
    return {
        Path(root, name).relative_to(folder).as_posix()
        for root, _, files in os.walk(folder)
        for name in files
    }


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` where `out` is with two renames; the old tree is deleted last."""
    if not out.exists():
        staging.rename(out)
        return
    retired = out.with_name(f".{out.name}.old-{os.getpid()}")
    out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)
