"""Write: pages -> the content folder, atomically and only where bytes changed.

In: the rendered pages and the output folder. Out: the folder holding exactly those pages.
The new tree is assembled beside the old one and swapped in whole, so a run that dies at any
instant leaves either the previous tree or the new one, never a mix. On Linux the swap is one
`renameat2(RENAME_EXCHANGE)`; elsewhere it is two renames, and the next run puts the old
tree back if a run died between them. Files whose bytes did not change keep their inode and
modification time (they are hard-linked from the old tree), and a run that changes nothing
touches nothing, so `mkdocs serve`, rsync and git see only real changes. This is the only
stage that writes.

Not covered: power loss. Nothing is fsync'ed (that would cost a sync per page on every
build); content/ is committed, so git holds the last good tree.
"""

from __future__ import annotations

import ctypes
import errno
import os
import posixpath
import re
import shutil
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Page

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NOT_SUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int
    same: frozenset[str] = frozenset()
    """Paths of the pages whose bytes were on disk already."""
    old: dict[str, object] = field(default_factory=dict)
    """`seen` of every file this run replaced or removed (path -> what `seen` returned)."""


Seen = Callable[[str, bytes], object]
"""Told the path and old bytes of each file a run replaces or removes, before they go: so
a caller can say what changed without reading the whole old tree again (summary.py)."""


def write(pages: list[Page], out: Path, seen: Seen | None = None) -> WriteReport:
    """Make `out` hold exactly `pages`."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    wanted = {_checked(page.path): page.data for page in pages}
    existing = _files(out)
    same = {p for p, data in wanted.items() if p in existing and _same_bytes(existing[p], data)}
    removed = len(existing.keys() - wanted.keys())
    if out.is_dir() and len(same) == len(wanted) and not removed:
        return WriteReport(written=0, unchanged=len(same), removed=0, same=frozenset(same))
    old = _old(existing, same, seen)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-{os.getpid()}-", dir=out.parent))
    try:
        _set_mode(staging, out)
        folders: set[str] = set()
        for path in sorted(wanted):
            unchanged = existing[path] if path in same else None
            _stage_file(os.path.join(staging, path), wanted[path], unchanged, folders)
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after a swap it holds the old tree
    written = len(wanted) - len(same)
    return WriteReport(written, len(same), removed, frozenset(same), old)


def _old(existing: dict[str, str], same: set[str], seen: Seen | None) -> dict[str, object]:
    """`seen` of each existing file that is not staying as it is."""
    if seen is None:
        return {}
    found = {}
    for path in sorted(existing.keys() - same):
        try:
            with open(existing[path], "rb") as handle:
                found[path] = seen(path, handle.read())
        except OSError:
            continue  # vanished or unreadable: nothing to report about it
    return found


def recover(out: Path) -> None:
    """Clean up after a run that was killed: restore a retired tree, drop staging trees.

    Leftovers are named `.<out>.new-<pid>-*` and `.<out>.old-<pid>`; those of a process
    that is still running belong to a concurrent run and are left alone.
    """
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(new|old)-(\d+)(-.*)?")
    for leftover in sorted(out.parent.glob(f".{out.name}.*")):
        match = pattern.fullmatch(leftover.name)
        if not match or _alive(int(match.group(2))):
            continue
        if match.group(1) == "old" and not out.exists():
            leftover.rename(out)  # died between the two renames: the old tree is whole
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _checked(path: str) -> str:
    """A page path must stay inside the output folder; anything else is a bug upstream."""
    normal = posixpath.normpath(path)
    if path != normal or normal.startswith(("/", "../")) or normal in {".", ".."} or "\\" in path:
        raise ValueError(f"page path {path!r} is not a plain relative path")
    return path


def _files(folder: Path) -> dict[str, str]:
    """Regular files under `folder`: POSIX relative path -> path on disk (symlinks are not
    ours). Plain strings: pathlib cost half a second on a 13,000-file tree."""
    found: dict[str, str] = {}
    top = os.fspath(folder)
    for root, _, names in os.walk(top):
        relative = os.path.relpath(root, top).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        for name in names:
            found[prefix + name] = os.path.join(root, name)
    return found


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) or info.st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _set_mode(staging: Path, out: Path) -> None:
    """mkdtemp makes a private (0700) folder; the swapped-in tree keeps the usual mode."""
    if out.is_dir():
        shutil.copymode(out, staging)
    else:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)


def _stage_file(target: str, data: bytes, unchanged: str | None, folders: set[str]) -> None:
    """Put one page into the staging tree: a hard link to an unchanged file, else new bytes.
    `folders` are those made already (asking the system again for each of 13,000 files
    cost a third of a second)."""
    parent = os.path.dirname(target)
    if parent not in folders:
        os.makedirs(parent, exist_ok=True)
        folders.add(parent)
    if unchanged is not None:
        try:
            os.link(unchanged, target, follow_symlinks=False)
            return
        except OSError:
            pass  # a file system without hard links: fall through and write the bytes
    with open(target, "wb") as handle:
        handle.write(data)


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` where `out` is; afterwards `staging` holds the old tree (or nothing)."""
    if not out.exists():
        staging.rename(out)
        return
    if _exchange(staging, out):
        return
    retired = out.with_name(f".{out.name}.old-{os.getpid()}")
    out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NOT_SUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def _renameat2():
    """glibc's renameat2 (Linux 3.15+, glibc 2.28+), or None."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers can only be from an earlier run with a recycled pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
