"""Worker processes give the results of a serial map, in order."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from generator import errors, parallel
from generator.errors import ConfigError, Problem

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="workers need fork")

WAIT = 60
"""Seconds a test waits for results before it fails: a pool left waiting for a dead worker's
result never gives one."""


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """A test that waits over WAIT seconds fails instead of hanging the suite."""

    def expired(*_: object) -> None:
        raise TimeoutError(f"no result within {WAIT} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(WAIT)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _results(workers: parallel.Workers, items: list[int]) -> list[tuple[int, int]]:
    return list(workers.imap(items))


def test_workers_give_results_in_item_order_from_other_processes() -> None:
    items = list(range(40))
    with ExitStack() as stack:
        results = _results(parallel.Workers(_square, 2, stack), items)
    assert [r for r, _ in results] == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in results}


def _refuse(n: int) -> int:
    if n == 7:
        raise ConfigError(
            [Problem(Path("templates/x.j2"), 3, "template error: no"), Problem("y", None, "z")]
        )
    return n


def test_a_user_error_in_a_worker_reaches_the_parent_with_its_problems() -> None:
    """As a broken template met while rendering in a worker: the command line prints each
    problem, so they must arrive as they were, not as one joined message."""
    with pytest.raises(ConfigError) as raised:
        parallel.fork_map(_refuse, list(range(20)), jobs=2)
    assert raised.value.problems == [
        Problem(Path("templates/x.j2"), 3, "template error: no"),
        Problem("y", None, "z"),
    ]


def test_beside_runs_its_function_while_the_block_runs(tmp_path: Path) -> None:
    done = tmp_path / "done"
    with parallel.beside(lambda: done.write_text(str(os.getpid())), jobs=2):
        pass
    assert done.read_text() != str(os.getpid())  # another process wrote it, and was waited for


def test_beside_raises_what_its_function_raises() -> None:
    def failing() -> None:
        raise ValueError("disk on fire")

    with pytest.raises(ValueError, match="disk on fire"), parallel.beside(failing, jobs=2):
        pass


def _sigint_handler(_: int) -> object:
    return signal.getsignal(signal.SIGINT)


def test_workers_leave_ctrl_c_to_the_parent() -> None:
    # Ctrl-C reaches every process of the terminal's group: a worker that took it too would
    # print its own KeyboardInterrupt traceback beside the parent's message.
    with ExitStack() as stack:
        found = parallel.Workers(_sigint_handler, 2, stack).imap([0, 1])
        handlers = list(found)
    assert handlers == [parallel._leave, parallel._leave]


def _nap(mark: Path) -> None:
    mark.write_text(str(os.getpid()))
    time.sleep(30)


def test_a_worker_leaves_quietly_at_ctrl_c(
    capfd: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # One that ignored Ctrl-C finished its task and handed the result to a parent already
    # gone: a BrokenPipeError traceback under the parent's "interrupted" line.
    marks = [tmp_path / "a", tmp_path / "b"]
    with ExitStack() as stack:
        workers = parallel.Workers(_nap, 2, stack)
        workers.imap(marks)
        assert workers.pool is not None
        processes = list(workers.pool._pool)  # type: ignore[attr-defined]
        while not all(mark.exists() for mark in marks):  # both at work (a worker not yet
            time.sleep(0.01)  # started may ignore SIGINT, as pytest-xdist's processes do)
        for process in processes:
            os.kill(process.pid, signal.SIGINT)
        # polled, not joined: the pool's own thread reaps its dead workers too, and a join
        # that loses that race reads no exit code
        while any(process.exitcode is None for process in processes):
            time.sleep(0.01)
        assert [process.exitcode for process in processes] == [130, 130]
    assert capfd.readouterr().err == ""


def test_a_worker_killed_at_work_stops_the_map_instead_of_hanging_it(tmp_path: Path) -> None:
    # The out-of-memory killer, or a signal sent to one worker alone: the pool replaced the
    # worker but never ran its task again, and the run waited for it forever.
    mark = tmp_path / "at-work"
    with ExitStack() as stack:
        found = parallel.Workers(_nap, 2, stack).imap([mark])
        while not mark.exists() or not mark.read_text():
            time.sleep(0.01)
        os.kill(int(mark.read_text()), signal.SIGKILL)
        with pytest.raises(parallel.WorkerLost, match="worker process ended"):
            list(found)


def test_a_fork_that_has_not_set_its_own_handling_ends_at_sigterm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A fork of a command line (`parallel.beside`'s child) holds its SIGTERM handler. Raised
    # there as Terminated, the exception can be dropped (a fork's callbacks) or caught, and
    # the fork, which never asks `raise_if_terminated`, would go on.
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # restored afterwards
    monkeypatch.setattr(errors, "_owner", errors._owner)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        errors.stop_on_sigterm()
        pid = os.fork()
        if pid == 0:
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)  # a fork whose exception was swallowed would get here
            except BaseException:
                pass
            os._exit(0)
        _, status = os.waitpid(pid, 0)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM


def _double(value: int) -> int:
    return 2 * value


def test_workers_start_with_sigterm_held_then_take_its_default_action(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The pool ends its workers with SIGTERM. One still starting caught it with the command
    # line's handler, which Python clears as the fork completes: the worker went on to wait
    # on the pool's queue for good, and the run waited for it (under load, a pool made and
    # ended 600 times hung within a minute).
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    monkeypatch.setattr(errors, "_owner", errors._owner)
    started = parallel._worker_started

    def seen_at_start() -> None:
        held = signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, set())
        started()
        after = signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, set())
        default = signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        (tmp_path / str(os.getpid())).write_text(f"{held} {after} {default}")

    monkeypatch.setattr(parallel, "_worker_started", seen_at_start)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        errors.stop_on_sigterm()  # as a command line does
        with ExitStack() as stack:
            assert list(parallel.Workers(_double, 2, stack).imap([1, 2])) == [2, 4]
            # this process holds SIGTERM no longer: a run signalled now stops
            assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    finally:
        signal.signal(signal.SIGTERM, previous)
    seen = [path.read_text() for path in tmp_path.iterdir()]
    assert seen == ["True False True"] * 2
