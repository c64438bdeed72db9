"""The site's manifest: the data version and the SHA-256 of every data file and every
published file, so that anyone can check a site against the data (``portal verify``)."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import urls

NAME = "manifest.json"


def hashes(root: Path, skip: str = "", known: Mapping[str, str] | None = None) -> dict[str, str]:
    """{path: SHA-256} of every file under root (not symlinks), sorted by path. ``known``:
    files whose hash is known without reading them (kept from the previous site, see
    units.py). os.walk, not pathlib: a city's site has 50,000 files."""
    known = known or {}
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        base = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        for name in files:
            rel = prefix + name
            full = os.path.join(folder, name)
            if rel == skip or os.path.islink(full) or not os.path.isfile(full):
                continue
            if rel in known:
                found[rel] = known[rel]
            else:
                with open(full, "rb") as handle:
                    found[rel] = hashlib.file_digest(handle, "sha256").hexdigest()
    return dict(sorted(found.items()))


def links(root: Path) -> list[str]:
    """Every symbolic link under root, by path: the portal writes none, and hashes() does
    not follow them, so one in a published site is reported, never skipped."""
    found = []
    for folder, dirs, files in os.walk(root):
        base = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in sorted(dirs + files):
            if os.path.islink(os.path.join(folder, name)):
                found.append(name if base == "." else f"{base}/{name}")
    return sorted(found)


def write(site: Path, data: Mapping[str, str], version: str, built: date,
          kept: Mapping[str, str] | None = None,
          records: Mapping[str, str] | None = None) -> dict[str, str]:
    """Write the manifest; returns the site's hashes it lists. ``data``: every file of the
    datasets, of which the manifest lists those the site publishes. ``kept``: files of the
    new site that are not in ``site`` (they stay in the site it replaces, units.py).
    ``records``: each package's record head (witness.py)."""
    site_hashes = dict(sorted({**hashes(site, skip=NAME), **(kept or {})}.items()))
    body = {"data_version": version, "build_date": built.isoformat(),
            "data": published(data, site_hashes), "site": site_hashes,
            "records": dict(sorted((records or {}).items()))}
    (site / NAME).write_text(json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True)
                             + "\n", encoding="utf-8")
    return site_hashes


@dataclass(frozen=True)
class Manifest:
    """What a site's manifest.json says, read strictly."""

    data_version: str
    build_date: date
    data: dict[str, str]  # path under the datasets folder -> SHA-256
    site: dict[str, str]  # path in the site -> SHA-256


def published(data: Mapping[str, str], site: Collection[str]) -> dict[str, str]:
    """The data files the site publishes: at their own path (vouchers, documents, texts) or
    in the open data (tables, descriptors). A file nothing names is not public, nor is its
    name, which may say whose it is."""
    return {path: sha for path, sha in sorted(data.items())
            if path in site or urls.open_data_copy(path) in site}


def read(site: Path) -> Manifest | None:
    """The manifest of a site this program built; None when there is none, or it is not
    one (not JSON, not the expected object): such a site is neither verified nor reused."""
    try:
        body = json.loads((site / NAME).read_text(encoding="utf-8"))
        return Manifest(_text(body["data_version"]), date.fromisoformat(body["build_date"]),
                        _hashes(body["data"]), _hashes(body["site"]))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, KeyError, TypeError):
        return None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def _hashes(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError("not an object")
    return {_text(k): _text(v) for k, v in value.items()}


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """What differs between two {path: sha256} maps, one line per file."""
    lines = []
    for path in sorted(expected.keys() | actual.keys()):
        if path not in actual:
            lines.append(f"{path}: missing")
        elif path not in expected:
            lines.append(f"{path}: not expected")
        elif expected[path] != actual[path]:
            lines.append(f"{path}: differs")
    return lines


def same_members(a: Path, b: Path) -> bool:
    """Two zips holding the same files with the same names, times and modes, whatever
    bytes their compressor wrote."""
    try:
        with zipfile.ZipFile(a) as first, zipfile.ZipFile(b) as second:
            return [_member(first, i) for i in first.infolist()] == \
                   [_member(second, i) for i in second.infolist()]
    except (zipfile.BadZipFile, OSError):
        return False


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[object, ...]:
    return (info.filename, info.date_time, info.external_attr, archive.read(info))
