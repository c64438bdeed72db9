"""Work kept between builds, keyed by content hashes: a rebuild after one community adds a
month checks that community again, not the city.

A key is the SHA-256 of everything the result depends on, the generator's own code
included, so a changed input can only miss the cache, never find a stale result. Entries
are pickles written by this program into the cache folder (``.cache/portal`` by default);
an unreadable entry counts as a miss. After a build, entries no longer used are deleted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

# The libraries whose behaviour the cached results depend on.
LIBRARIES = ("frictionless", "pillow", "pypdf")  # tables' checks; vouchers' derivatives


@functools.cache
def code_version() -> str:
    """The generator's files (code, schemas, templates, theme) and the libraries' versions."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in LIBRARIES:
        digest.update(f"{name}=={metadata.version(name)}\0".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Cache:
    """``root`` None: nothing is kept (portal verify, --no-cache)."""

    root: Path | None = None

    def key(self, kind: str, *parts: str) -> str:
        digest = hashlib.sha256(f"{code_version()}\0{kind}\0".encode())
        for part in parts:
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        return digest.hexdigest()

    def get(self, kind: str, key: str) -> Any | None:
        if self.root is None:
            return None
        try:
            return pickle.loads((self.root / kind / key).read_bytes())  # noqa: S301 (ours)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Written whole or not at all: a killed build leaves no half entry."""
        if self.root is None:
            return
        folder = self.root / kind
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, delete=False) as handle:
                handle.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(handle.name, folder / key)

    def keep(self, kind: str, keys: Iterable[str]) -> None:
        """Delete the entries of ``kind`` that are not in ``keys``: the cache stays the size
        of one build."""
        if self.root is None or not (self.root / kind).is_dir():
            return
        wanted = set(keys)
        for path in (self.root / kind).iterdir():
            if path.name not in wanted:
                with contextlib.suppress(OSError):
                    path.unlink()
