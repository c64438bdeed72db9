"""Time and peak memory of each build stage, for the benchmark (benchmarks/run.py).

Peak memory per stage comes from Linux: writing 5 to /proc/self/clear_refs resets the
process's high-water mark (VmHWM), so each stage reports its own peak. Child processes
(Pagefind) are measured by getrusage. Elsewhere the figures are simply left out.
"""

from __future__ import annotations

import contextlib
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc/self")


@dataclass(frozen=True)
class Stage:
    name: str
    seconds: float
    peak_mb: float  # this process's peak resident memory during the stage
    children_peak_mb: float  # the largest child process so far (Pagefind)


@dataclass
class Stages:
    """Records stages when ``enabled``; a build without a benchmark pays nothing."""

    enabled: bool = False
    done: list[Stage] = field(default_factory=list)

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        if not self.enabled:
            yield
            return
        _reset_peak()
        start = time.perf_counter()
        yield
        self.done.append(Stage(name, time.perf_counter() - start, _peak_mb(),
                               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        (PROC / "clear_refs").write_text("5")


def _peak_mb() -> float:
    with contextlib.suppress(OSError):
        for line in (PROC / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
