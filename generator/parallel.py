"""Work shared over the machine's cores by forked processes.

Forked workers inherit the parent's memory (the validated data, the model, the compiled
templates, and the job itself, a closure), so nothing large is sent on the way in; each
result comes back through a pipe as soon as it is made, and the parent reads every
worker's pipe as data arrives. On one core, or for small work, everything runs in this
process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
import struct
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

FRAME = struct.Struct("!Q")  # each result: its length, then (index, ok, value) pickled


def workers() -> int:
    return min(os.cpu_count() or 1, 4)


def fork_map(job: Callable[[int], Any], count: int, parallel: bool = True) -> list[Any]:
    """[job(0), …, job(count - 1)], in order, on every core when ``parallel``. An exception
    in a worker is raised here, as the job would have raised it."""
    if not parallel or workers() < 2 or count < 2:
        return [job(i) for i in range(count)]
    n = min(workers(), count)
    started = [_Worker.start(job, range(w, count, n)) for w in range(n)]  # interleaved shares
    try:
        return _collect(started, count)
    finally:
        for worker in started:
            worker.stop()


@dataclass
class _Worker:
    pid: int
    fd: int
    buffer: bytearray = field(default_factory=bytearray)

    @classmethod
    def start(cls, job: Callable[[int], Any], share: Sequence[int]) -> _Worker:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            os.close(read)
            _serve(job, share, write)
        os.close(write)
        return cls(pid, read)

    def frames(self) -> Iterator[tuple[int, bool, Any]]:
        while len(self.buffer) >= FRAME.size:
            (size,) = FRAME.unpack_from(self.buffer)
            if len(self.buffer) < FRAME.size + size:
                return
            frame = bytes(self.buffer[FRAME.size:FRAME.size + size])
            del self.buffer[:FRAME.size + size]
            yield pickle.loads(frame)  # noqa: S301 (from our own forked process)

    def stop(self) -> None:
        """Close the pipe and reap the process; one still running (another failed) ends."""
        with contextlib.suppress(OSError):
            os.close(self.fd)
        try:
            if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _serve(job: Callable[[int], Any], share: Sequence[int], fd: int) -> None:
    """In the worker: run the share, write each result, exit without running the parent's
    exit handlers."""
    try:
        with os.fdopen(fd, "wb") as out:
            for index in share:
                try:
                    frame = pickle.dumps((index, True, job(index)), pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # noqa: BLE001 (sent to the parent, raised there)
                    out.write(_frame(_failure(index, exc)))
                    break
                out.write(_frame(frame))
    finally:
        os._exit(0)


def _frame(payload: bytes) -> bytes:
    return FRAME.pack(len(payload)) + payload


def _failure(index: int, exc: BaseException) -> bytes:
    try:
        return pickle.dumps((index, False, exc), pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 (an exception that cannot be pickled: send its text)
        text = "".join(traceback.format_exception(exc))
        return pickle.dumps((index, False, RuntimeError(text)), pickle.HIGHEST_PROTOCOL)


def _collect(started: list[_Worker], count: int) -> list[Any]:
    results: list[Any] = [None] * count
    received = 0
    with selectors.DefaultSelector() as selector:
        for worker in started:
            selector.register(worker.fd, selectors.EVENT_READ, worker)
        open_pipes = len(started)
        while open_pipes:
            for key, _ in selector.select():
                worker = key.data
                chunk = os.read(worker.fd, 1 << 20)
                if not chunk:
                    selector.unregister(worker.fd)
                    open_pipes -= 1
                    continue
                worker.buffer += chunk
                for index, ok, value in worker.frames():
                    if not ok:
                        raise value
                    results[index] = value
                    received += 1
    if received != count:
        raise RuntimeError(f"a worker process ended early: {count - received} of {count} "
                           "results are missing")
    return results
