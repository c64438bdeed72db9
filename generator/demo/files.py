"""Writing the demo's files: CSV tables streamed row by row, descriptors, tiny PDFs.

Every writer gives the same bytes for the same input (no timestamps, "\\n" line ends,
keys in the order given), so two runs with one seed compare equal byte for byte.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from .. import schemas


class RowWriter(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...
    def writerows(self, rows: Iterable[Iterable[Any]], /) -> Any: ...


def rng(seed: int, *parts: object) -> random.Random:
    """One stream per purpose: a string seed is hashed (SHA-512), never the clock, and
    adding a community does not reshuffle the others."""
    return random.Random("/".join(str(p) for p in (seed, *parts)))


def money(cents: int) -> str:
    """Cents as a plain amount with two decimals: 123456 -> 1234.56."""
    return f"{cents // 100}.{cents % 100:02d}"


def split(total: int, weights: Sequence[float]) -> list[int]:
    """total cents in parts proportional to weights, each at least one cent, summing
    exactly to total (the ledger has no zero amounts)."""
    rest = total - len(weights)
    scale = sum(weights)
    parts = [1 + int(rest * w / scale) for w in weights[:-1]]
    return [*parts, total - sum(parts)]


@contextmanager
def table(path: Path, schema: str) -> Iterator[RowWriter]:
    """A CSV with the canonical schema's header, without the columns a table may leave out
    (the demo's packages use none of them); rows go straight to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(c for c in schemas.columns(schema) if c not in schemas.optional(schema))
        yield writer


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def resources(*names: str) -> list[dict[str, str]]:
    return [{"name": name, "path": f"{name}.csv"} for name in names]


def tiny_pdf(text: str) -> bytes:
    """A valid one-page PDF of a few hundred bytes (correct xref offsets, so viewers open
    it without repair). text is ASCII without parentheses or backslashes."""
    stream = f"BT /F1 9 Tf 24 60 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 120] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def write_pdf(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(tiny_pdf(text))


def folder_bytes(root: Path) -> tuple[int, int]:
    """(files, bytes) under root."""
    sizes = [p.stat().st_size for p in root.rglob("*") if p.is_file()]
    return len(sizes), sum(sizes)
