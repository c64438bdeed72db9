"""Work shared over the machine's cores by forked processes.

Forked workers inherit the parent's memory (the validated data, the model), so nothing
large is pickled on the way in; only results come back. On one core, or for small
work, everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_job: Callable[[int], Any] | None = None


def workers() -> int:
    return min(os.cpu_count() or 1, 4)


def fork_map(job: Callable[[int], Any], count: int, parallel: bool = True) -> list[Any]:
    """[job(0), …, job(count - 1)], in order, on every core when ``parallel``."""
    global _job
    if not parallel or workers() < 2 or count < 2:
        return [job(i) for i in range(count)]
    _job = job  # inherited by the forked workers
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers(), count), mp_context=context) as pool:
            return list(pool.map(_run, range(count)))
    finally:
        _job = None


def _run(index: int) -> Any:
    assert _job is not None
    return _job(index)
