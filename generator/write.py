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

from generator import parallel
from generator.errors import Problem, UserError, raise_if_terminated
from generator.model import Page

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NOT_SUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}
PARALLEL_MIN_FILES = 2000
"""Fewer files than this are written in a fraction of a second: forking would cost more."""


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


def write(
    pages: list[Page],
    out: Path,
    seen: Seen | None = None,
    spare: Path | None = None,
    jobs: int = 1,
) -> WriteReport:
    """Make `out` hold exactly `pages`.

    `spare` (in the story cache's folder) is where the tree this run retires is kept: the next
    run stages its tree by mending that one (`_mend`) instead of making every folder and hard
    link again (13,000 links, and as many unlinks to delete the retired tree, at 10,000
    stories). Without it, or where it cannot be used, the staging tree starts empty."""
    check_out(out)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    wanted = {_checked(page.path): page.data for page in pages}
    inodes: dict[str, int] = {}
    existing = _files(out, inodes)
    same = {p for p, data in wanted.items() if (at := existing.get(p)) and same_bytes(at, data)}
    removed = len(existing.keys() - wanted.keys())
    if out.is_dir() and len(same) == len(wanted) and not removed:
        return WriteReport(written=0, unchanged=len(same), removed=0, same=frozenset(same))
    old = _old(existing, same, seen)
    staging = _claim(spare, out)
    try:
        staging, ready = _staging(staging, out, {p: inodes[p] for p in same}, set(wanted))
        todo = sorted(wanted.keys() - ready)
        unchanged = {path: at for path in same if (at := existing[path])}
        _swap_in(staging, out, spare, _Staged(todo, wanted, unchanged), jobs)
    except OSError as err:  # a full disk, a read-only folder: told of `out`, not of the
        # hidden staging folder beside it that the user never made
        reason = f"cannot write the new tree beside it: {err.strerror or err}"
        raise UserError([Problem(out, None, reason)]) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    written = len(wanted) - len(same)
    return WriteReport(written, len(same), removed, frozenset(same), old)


@dataclass(frozen=True, slots=True)
class _Staged:
    """What goes into the staging tree: the pages at `paths` (those it lacks), from `wanted`
    (path -> bytes) or, for the unchanged ones, as hard links to their files (path -> file)."""

    paths: list[str]
    wanted: dict[str, bytes]
    unchanged: dict[str, str]


def _staging(
    claimed: Path | None, out: Path, keep: dict[str, int], wanted: set[str]
) -> tuple[Path, set[str]]:
    """The folder the new tree is staged in, and the paths it holds already: the `claimed`
    spare tree mended (`_mend`), else a new empty folder beside `out` (named so that `recover`
    drops it if the run dies)."""
    if claimed is not None:
        try:
            return claimed, _mend(os.fspath(claimed), keep, wanted)
        except OSError:  # an unreadable spare: start from an empty tree after all
            shutil.rmtree(claimed, ignore_errors=True)
    folder = tempfile.mkdtemp(prefix=f".{out.name}.new-{os.getpid()}-", dir=out.parent)
    return Path(folder), set()


def _swap_in(staging: Path, out: Path, spare: Path | None, staged: _Staged, jobs: int) -> None:
    """Fill the staging tree and swap it in for `out`; the tree it retires becomes the next
    run's `spare` where it can (else `staging` holds it, for the caller to delete)."""
    _set_mode(staging, out)
    first = not out.exists()
    # No tree to retire: the next run's spare is made of hard links to the new files.
    seed = spare if first and spare is not None and not spare.exists() else None
    if not _stage(os.fspath(staging), staged, seed, jobs) and seed:
        shutil.rmtree(seed, ignore_errors=True)  # the next run starts from an empty tree
    raise_if_terminated()  # the last moment a stopped run can leave `out` as it was
    _swap(staging, out)
    if not first:
        _keep(staging, spare)  # after a swap, staging holds the old tree


def check_out(out: Path) -> None:
    """Raise UserError, naming the path, unless `out` is a folder or can be made one: the
    swap would move a file there aside and put the tree in its place, and a file above it
    leaves no place for the tree."""
    for path in (out, *out.parents):
        try:
            if not path.exists():
                continue
            if path.is_dir():
                return
        except OSError as err:  # a folder on the way that cannot be searched
            raise UserError([Problem(path, None, err.strerror or str(err))]) from None
        raise UserError([Problem(path, None, "not a folder")])


def _claim(spare: Path | None, out: Path) -> Path | None:
    """The spare tree, moved beside `out` under this run's staging name (so `recover` drops
    it if the run dies); None when there is none or it cannot move there (another file
    system)."""
    if spare is None or spare.is_symlink() or not spare.is_dir():
        return None
    staging = out.parent / f".{out.name}.new-{os.getpid()}-spare"
    try:
        os.rename(spare, staging)
    except OSError:
        return None
    return staging


def _keep(retired: Path, spare: Path | None) -> None:
    """Keep the retired tree as the next run's spare, if there is a place for it."""
    if spare is None or not retired.is_dir():
        return
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        os.rename(retired, spare)
    except OSError:
        pass  # another file system, or a spare already there: the caller deletes it


def _stage(staging: str, staged: _Staged, seed: Path | None, jobs: int) -> bool:
    """Put the `staged` pages into the staging tree (`_stage_file`), and with `seed` a hard
    link to each into that folder too: a first run's spare, for its successor to mend (the
    link is to the very file the swap puts in place). In `jobs` processes when there are
    many. False if a link could not be made (another file system): the spare is incomplete,
    and copying the bytes instead would cost more than it saves."""
    paths, wanted, unchanged = staged.paths, staged.wanted, staged.unchanged

    def stage(part: range) -> bool:
        folders: set[str] = set()
        seeding = seed is not None
        for path in paths[part.start : part.stop]:
            target = os.path.join(staging, path)
            _stage_file(target, wanted[path], unchanged.get(path), folders)
            if seeding:
                seeding = _link(target, os.path.join(seed, path), folders)
        return seeding or seed is None

    if len(paths) < PARALLEL_MIN_FILES:
        jobs = 1
    return all(parallel.fork_map(stage, parallel.chunks(len(paths), jobs), jobs))


def _link(source: str, target: str, folders: set[str]) -> bool:
    try:
        _make_parent(target, folders)
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return False
    return True


def _mend(top: str, keep: dict[str, int], wanted: set[str]) -> set[str]:
    """Reduce an older tree at `top` to the files that are already right: hard links to the
    very files of `keep` (path -> inode of the unchanged file in the current tree, on the
    same file system). Everything else goes, so that no later write can reach a file the
    current tree shares. Returns the paths kept."""
    folders: set[str] = set()
    for path in wanted:
        folder = posixpath.dirname(path)
        while folder and folder not in folders:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    kept: set[str] = set()

    def visit(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                path = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if path in folders:
                        visit(entry.path, path + "/")
                    else:
                        shutil.rmtree(entry.path)
                elif entry.is_file(follow_symlinks=False) and keep.get(path) == entry.inode():
                    kept.add(path)
                else:
                    os.unlink(entry.path)

    visit(top, "")
    return kept


def _old(existing: dict[str, str | None], same: set[str], seen: Seen | None) -> dict[str, object]:
    """`seen` of each existing file that is not staying as it is."""
    if seen is None:
        return {}
    found = {}
    for path in sorted(existing.keys() - same):
        if (at := existing[path]) is None:
            continue
        try:
            with open(at, "rb") as handle:
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


def _files(folder: Path, inodes: dict[str, int] | None = None) -> dict[str, str | None]:
    """Files under `folder` (not following links to folders): POSIX relative path -> path on
    disk. Plain strings: pathlib cost half a second on a 13,000-file tree. `inodes`, when
    given, gets each file's inode (read with the folder: no system call a file)."""
    found: dict[str, str | None] = {}
    if not folder.is_dir():
        return found

    def visit(top: str, prefix: str) -> None:
        try:
            entries = os.scandir(top)
        except OSError:
            return  # vanished or unreadable: as os.walk, leave it out
        with entries:
            for entry in entries:
                if entry.is_dir():
                    if not entry.is_symlink():
                        visit(entry.path, prefix + entry.name + "/")
                    continue
                # A pipe, device or dangling link is never read (a pipe would block): it has
                # no path here, and the swap moves it out with the old tree.
                found[prefix + entry.name] = entry.path if entry.is_file() else None
                if inodes is not None:
                    inodes[prefix + entry.name] = entry.inode()

    visit(os.fspath(folder), "")
    return found


def remove(top: Path, dest: str) -> bool:
    """Delete the file `dest` under `top` and the folders it leaves empty (up to `top`); ->
    whether it was there."""
    target = top / dest
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    for folder in target.parents:
        if folder == top:
            break
        try:
            folder.rmdir()
        except OSError:  # not empty: the folders above keep something too
            break
    return True


def same_bytes(path: str | Path, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data` (only a regular file can: never a
    symlink, nor a pipe, which reading would wait on). Read with the system's calls: a file
    object costs more than the read itself (every page of 10,000 stories compared on each
    run: 0.33 -> 0.20 s). A short read (none from a small regular file) only rewrites it."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            return os.read(handle, len(data) + 1) == data
        finally:
            os.close(handle)
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
    _make_parent(target, folders)
    if unchanged is not None:
        try:
            os.link(unchanged, target, follow_symlinks=False)
            return
        except OSError:
            pass  # a file system without hard links: fall through and write the bytes
    # "x": a new file, never one a mended spare tree shares with the current tree.
    with open(target, "xb") as handle:
        handle.write(data)


def _make_parent(target: str, folders: set[str]) -> None:
    """Make the folder `target` goes in, unless it is in `folders` (made already)."""
    if (parent := os.path.dirname(target)) not in folders:
        os.makedirs(parent, exist_ok=True)
        folders.add(parent)


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
