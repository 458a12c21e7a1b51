"""Map a function over items in forked worker processes, results in the items' order.

Used where a run spends seconds on independent pieces of work: reading dumps, scoring related
stories, rendering pages. The workers are forked, so they inherit the function and everything
it reads (the config, the gazetteer, the renderer's tables) instead of receiving pickled
copies; only the items and the results cross between processes. Results come back in the
order of the items, so the output is the same byte for byte whatever `jobs` is.

Where fork is missing or unsafe (Windows, macOS) or the work is small, it runs in-process.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from typing import Any, TypeVar

from generator.errors import raise_if_terminated

T = TypeVar("T")
R = TypeVar("R")

_TASK: Callable[[Any], Any] | None = None
"""The function the workers run: set before they fork, so it is inherited, never pickled."""
WATCH_SECONDS = 0.5
"""How often a wait for a worker's result looks whether every worker is still there."""


class WorkerLost(Exception):
    """A worker process ended with its work undone (killed: the kernel's out-of-memory
    killer, or a signal sent to it alone). The pool would wait for its result forever."""

    def __str__(self) -> str:
        return (
            "a worker process ended before its work was done (killed, perhaps when memory "
            "ran out); nothing was written. Run again, or with --jobs 1 for one process"
        )


def default_jobs() -> int:
    """The processors this process may run on (a container or `taskset` may allow fewer)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return sys.platform == "linux"


class Workers:
    """`jobs` processes forked now to run `function`, living as long as `stack`; none (the
    work is done in this process) for one job (unless `beside`), where fork is missing, or
    inside a worker.

    Forked before the items are known, and so before a caller starts a thread (a progress
    bar's), which a forked child would inherit in an unknown state."""

    def __init__(
        self, function: Callable[[T], R], jobs: int, stack: ExitStack, beside: bool = False
    ):
        """`beside`: one job too runs in a process of its own, for a caller that has work of
        its own to do meanwhile."""
        global _TASK
        self.function = function
        self.pool = None
        least = 1 if beside else 2
        if jobs < least or not can_fork() or _TASK is not None:  # _TASK: we are a worker
            return
        _TASK = function
        stack.callback(_forget)
        context = multiprocessing.get_context("fork")
        others = _children()
        with _forking():
            self.pool = stack.enter_context(context.Pool(jobs, _worker_started))
        self.pids = _children() - others

    def imap(self, items: Iterable[T], chunksize: int = 1) -> Iterator[R]:
        """The results of `function` over `items`, in their order. Raises WorkerLost when a
        worker ends while they are awaited."""
        if self.pool is None:
            return map(self.function, items)
        # batched here: the pool's own chunked imap is a generator, with no timeout to wait by
        return _watched(self.pool.imap(_run_all, _batches(items, chunksize)), self.pids)


@contextlib.contextmanager
def _forking() -> Iterator[None]:
    """SIGTERM held back in this process while the block forks the workers, so that they
    start with it held: the pool ends its workers with SIGTERM, and one still starting then
    caught it with its parent's handler, which Python clears as a fork completes. That worker
    went on to wait on the pool's queue for good, and the run waited for it (under load, a
    pool made and ended 600 times hung within a minute). Held, the signal waits until the
    worker's start gives it its default action (`_worker_started`); one for this process
    waits until the block ends, then stops the run as ever."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _batches(items: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    rest = iter(items)
    while batch := tuple(itertools.islice(rest, size)):
        yield batch


def _children() -> set[int]:
    return {child.pid for child in multiprocessing.active_children() if child.pid is not None}


def _watched(results: Any, pids: set[int]) -> Iterator[Any]:
    """The items of the batches `results` (a pool's imap) brings, checking while it waits
    that the workers `pids` live: a pool replaces a worker that died but never runs its task
    again."""
    while True:
        raise_if_terminated()
        try:
            yield from results.next(timeout=WATCH_SECONDS)
        except StopIteration:
            return
        except multiprocessing.TimeoutError:
            if not pids <= _children():
                raise WorkerLost from None


def fork_map(
    function: Callable[[T], R], items: Sequence[T], jobs: int, chunksize: int = 1
) -> list[R]:
    """`list(map(function, items))` in `jobs` processes."""
    with ExitStack() as stack:
        return list(Workers(function, min(jobs, len(items)), stack).imap(items, chunksize))


@contextlib.contextmanager
def beside(function: Callable[[], object], jobs: int) -> Iterator[None]:
    """Run `function` in a forked process while the block runs, and wait for it at the end;
    in this process, before the block, where there is one job or no fork. Should it fail
    there, it runs again here, so that its error is raised (and nothing is half done)."""
    if jobs <= 1 or not can_fork():
        function()
        yield
        return
    pid = os.fork()
    if pid == 0:  # the child: do the work, and leave without running the parent's exit code
        code = 1
        try:
            function()
            code = 0
        finally:
            os._exit(code)
    try:
        yield
    finally:
        _, status = os.waitpid(pid, 0)
    if status != 0:
        function()


def chunks(count: int, jobs: int, per_job: int = 16) -> list[range]:
    """`range(count)` cut into about `per_job` pieces a worker: small enough that a slow
    piece does not leave the other workers idle, few enough to keep round trips cheap. (At
    4 a worker, the other one idled up to half a second at the end of a cold run's related
    stories and of its writing, at 10,000 stories; a round trip costs well under 1 ms.)"""
    pieces = max(1, min(count, jobs * per_job))
    size = -(-count // pieces) if count else 1
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _worker_started() -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent alone answers it (and
    # ends the pool). A worker leaves at once and says nothing: one that raised would print
    # a KeyboardInterrupt traceback of its own, and one that ignored it went on to hand its
    # result to a parent already gone (a BrokenPipeError traceback, one run in five).
    signal.signal(signal.SIGINT, _leave)
    # The parent's SIGTERM handler raises; the pool ends its workers with SIGTERM, quietly.
    # The worker was forked with SIGTERM held (`_forking`): one that came meanwhile ends it now.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    # What the worker inherited is frozen out of the cyclic collector's passes: scanning it
    # again costs time and copies the memory pages it shares with this process.
    gc.freeze()


def _leave(signum: int, _: object) -> None:
    os._exit(128 + signum)


def _run_all(batch: tuple[Any, ...]) -> list[Any]:
    assert _TASK is not None
    return [_TASK(item) for item in batch]


def _forget() -> None:
    global _TASK
    _TASK = None


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off while a block makes many objects that are never garbage
    (stories arriving from workers, the gazetteer's table): its passes over the growing heap
    cost ~0.3-0.4 s at 10,000 stories and free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
