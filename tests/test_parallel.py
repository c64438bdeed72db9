"""Work shared over forked workers (generator/parallel.py): the results of a serial run, in
order, and a worker's exception raised in the parent as the job raised it."""

from __future__ import annotations

import os

import pytest

from generator import parallel

needs_cores = pytest.mark.skipif(parallel.workers() < 2, reason="one core: nothing is forked")


@needs_cores
def test_results_come_back_in_order_from_the_workers() -> None:
    big = "字" * 300_000  # larger than a pipe's buffer: read while the workers still write
    results = parallel.fork_map(lambda i: (i, os.getpid(), big if i % 5 == 0 else i * i), 23)
    assert [r[0] for r in results] == list(range(23))
    assert [r[2] for r in results if r[0] % 5] == [i * i for i in range(23) if i % 5]
    assert all(r[2] == big for r in results if r[0] % 5 == 0)
    assert os.getpid() not in {r[1] for r in results}
    assert len({r[1] for r in results}) == min(parallel.workers(), 23)


@needs_cores
def test_an_exception_in_a_worker_is_raised_here() -> None:
    def job(i: int) -> int:
        if i == 7:
            raise KeyError("no English for '科目'")
        return i

    with pytest.raises(KeyError, match="no English for"):
        parallel.fork_map(job, 12)


@needs_cores
def test_an_exception_that_cannot_be_pickled_arrives_as_its_text() -> None:
    class Local(Exception):  # defined here: pickle cannot find it by name
        pass

    def job(i: int) -> int:
        if i == 1:
            raise Local("the template is broken")
        return i

    with pytest.raises(RuntimeError, match="the template is broken"):
        parallel.fork_map(job, 4)


def test_small_work_runs_here() -> None:
    assert parallel.fork_map(lambda i: os.getpid(), 3, parallel=False) == [os.getpid()] * 3
