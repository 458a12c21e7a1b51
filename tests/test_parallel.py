"""Worker processes give the results of a serial map, in order, whatever their setup does."""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path

import pytest

from generator import parallel

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="workers need fork")

WAIT = 60
"""Seconds to wait for a result: a pool that keeps restarting its workers never gives one."""


def _square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _results(workers: parallel.Workers, items: list[int]) -> list[tuple[int, int]]:
    found = workers.imap(items)  # one item a task: an iterator that can time out
    return [found.next(WAIT) for _ in items]  # type: ignore[attr-defined]


def test_workers_give_results_in_item_order_from_other_processes() -> None:
    items = list(range(40))
    with ExitStack() as stack:
        results = _results(parallel.Workers(_square, 2, stack), items)
    assert [r for r, _ in results] == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in results}


def test_a_failing_setup_leaves_the_workers_working() -> None:
    def setup() -> None:
        raise RuntimeError("no table today")

    with ExitStack() as stack:
        results = _results(parallel.Workers(_square, 2, stack, setup), [3, 4, 5])
    assert [r for r, _ in results] == [9, 16, 25]


def test_setup_runs_in_each_worker_before_its_work(tmp_path: Path) -> None:
    def setup() -> None:
        (tmp_path / str(os.getpid())).touch()

    def where(n: int) -> bool:
        return (tmp_path / str(os.getpid())).exists()

    with ExitStack() as stack:
        workers = parallel.Workers(where, 2, stack, setup)
        found = workers.imap(range(20))
        assert all(found.next(WAIT) for _ in range(20))  # type: ignore[attr-defined]


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


def test_once_says_yes_to_one_process_only(tmp_path: Path) -> None:
    once = parallel.Once()

    def setup() -> None:
        if once():
            (tmp_path / str(os.getpid())).touch()

    with ExitStack() as stack:
        workers = parallel.Workers(_square, 2, stack, setup)
        assert len(_results(workers, list(range(20)))) == 20
    assert len(list(tmp_path.iterdir())) == 1  # both workers asked; one was told yes
    assert not once()  # and never anyone again, here either
