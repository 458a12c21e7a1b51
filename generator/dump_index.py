"""Dump index: which dumps are unchanged since a run read them, told by what their files' stat
says (size, modification and change times, inode), as git's index tells, so that a run need not
read them again.

In: a dump's path. Out: the dump key, line count and dating its last reading gave, if neither
the dump nor its sidecar has changed size, times or inode since; the story cache then
hands over that key's stories. Before this index, a run adding one dump to 10,000 stories read
and hashed all 1,820 dumps to find their keys, in two reader processes: 1.66 s of its 5.8.

The change time is in the stamp because a program can set a file's modification time back
(`touch -d`, `cp -p`, `rsync -t`) but not its change time: an edit of the same size whose old
time was put back is read again. A write within the same clock tick as the stamp would still be
missed; that racy window is closed as git closes it: a file modified in the last RACY_NS when
it is stamped is read, not vouched for.
`generate --no-cache` reads every dump whatever this index says.
"""

from __future__ import annotations

import errno
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from generator.ingest import sidecar_of

FORMAT = 2
"""Bump when the index layout changes."""
RACY_NS = 2 * 10**9
"""A file modified this recently may change again within its timestamp's resolution."""
_NO_SIDECAR = (-1, -1, -1, -1)

FileStamp = tuple[int, int, int, int]
"""A file's size, modification and change times (ns) and inode."""
_MTIME = 1
"""Where a `FileStamp` holds the modification time."""
Stamp = tuple[int, int, int, int, int, int, int, int]
"""The dump's `FileStamp`, then its sidecar's (all -1: none)."""


@dataclass(frozen=True, slots=True)
class Known:
    """What reading a dump gave, under the stamp its files had before they were read."""

    stamp: Stamp
    key: str
    """Its `cache.dump_key` ("" for a blank dump)."""
    lines: int
    undated: bool
    blank: bool = False


def stamp(path: Path) -> Stamp | None:
    """The dump's and its sidecar's `FileStamp`s, taken before the files are read; None where
    they cannot vouch for what is read: a file that cannot be looked at, or one modified
    within RACY_NS of now (the modification time: tests and tools that set it back leave a
    fresh change time, and such a file is compared, not distrusted)."""
    now = time.time_ns()
    try:
        dump = _file_stamp(os.stat(path))
        sidecar = _sidecar_stamp(sidecar_of(path))
    except OSError:
        return None
    if now - max(dump[_MTIME], sidecar[_MTIME]) < RACY_NS:
        return None
    return (*dump, *sidecar)


def _file_stamp(found: os.stat_result) -> FileStamp:
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)


def _sidecar_stamp(path: Path) -> FileStamp:
    try:
        return _file_stamp(os.stat(path))
    except OSError as err:
        if err.errno in (errno.ENOENT, errno.ENAMETOOLONG):  # none, or no room for one
            return _NO_SIDECAR
        raise


class DumpIndex:
    """The index file of one story cache folder: each dump's absolute path -> `Known`. The
    cache writes it (`StoryCache.keep_index`)."""

    def __init__(self, file: Path):
        self.file = file
        self._entries = self._load()

    def known(self, path: Path) -> Known | None:
        """What the last reading of this dump gave, if its files have not changed since."""
        known = self._entries.get(os.path.abspath(path))
        if known is None or known.stamp != stamp(path):
            return None
        return known

    def merged(self, entries: dict[Path, Known]) -> dict[str, Known]:
        """These dumps (the last run's) beside those other runs saw that are still there (a
        run over one dump file leaves the folder's entries be; a dump deleted or renamed
        since loses its entry, which would only grow the file)."""
        ours = {os.path.abspath(path): known for path, known in entries.items()}
        others = {p: k for p, k in self._entries.items() if p not in ours and os.path.exists(p)}
        return others | ours

    def encoded(self, merged: dict[str, Known]) -> bytes | None:
        """The file that keeps `merged`, or None if the file holds it already."""
        if merged == self._entries:
            return None
        return pickle.dumps((FORMAT, merged), protocol=pickle.HIGHEST_PROTOCOL)

    def _load(self) -> dict[str, Known]:
        try:
            entry = pickle.loads(self.file.read_bytes())
        except Exception:  # missing, truncated, foreign: an empty index, every dump is read
            return {}
        if not (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == FORMAT):
            return {}
        entries = entry[1]
        if not isinstance(entries, dict) or not all(
            isinstance(k, str) and isinstance(v, Known) for k, v in entries.items()
        ):
            return {}
        return entries
