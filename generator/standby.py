"""Publishing a rebuild without copying or deleting the city: the site before last, kept
beside the output as a standby, is brought up to date in place and exchanged with it.

A city's site is 50,000 files in 38,000 folders. Linking the kept ones into a new folder
and deleting the replaced site afterwards took 15 s of a 300-community rebuild, most of it
creating and removing folders. Instead, the replaced site is not deleted: it becomes the
standby (``.<out>.standby`` beside the output). The next build links into it the files it
wrote and the kept files, each only where the standby's bytes differ, deletes what the
new site no longer has, and exchanges the standby with the output in one rename: the work
follows what changed in the last two builds, not the size of the city.

The standby's manifest.json says what it holds. It is removed before the standby is
changed and written back last, so a standby left half-updated by a killed build has none
and is deleted by the next build, which then publishes the slower way (site.publish).
Files are never written in place: a standby file may be a hard link of a published one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Collection, Mapping
from pathlib import Path

from . import manifest
from .site import _lock, publish


def folder(out: Path) -> Path:
    return out.with_name(f".{out.name}.standby")


def publish_kept(new: Path, out: Path, wanted: Mapping[str, str], kept: Collection[str]) -> None:
    """Publish a site of which ``new`` holds the files this build wrote (its manifest
    among them) and ``out``, the site it replaces, the ``kept`` ones; ``wanted`` is every
    file of the new site with its SHA-256, as its manifest lists them."""
    standby = folder(out)
    if out.is_dir() and _update(standby, new, out, wanted, kept):
        publish(standby, out)  # the replaced site is the next standby
        return
    _link(out, new, kept)
    publish(new, out)
    if (new / manifest.NAME).is_file():  # the replaced site, now at new's path
        _keep(new, standby)


def _keep(old: Path, standby: Path) -> None:
    """The replaced site becomes the standby, instead of one half-updated or missing. One
    that another build is updating is left alone; the replaced site then goes with the
    scratch folder."""
    if standby.exists():
        try:
            lock = _lock(standby, wait=False)
        except OSError:
            return
        try:
            shutil.rmtree(standby)
        finally:
            os.close(lock)
    os.rename(old, standby)


def _update(standby: Path, new: Path, out: Path, wanted: Mapping[str, str],
            kept: Collection[str]) -> bool:
    """Make the standby hold the new site; False when it cannot be used."""
    recorded = manifest.read(standby) if standby.is_dir() else None
    if recorded is None:
        return False
    held = recorded.site
    try:
        lock = _lock(standby, wait=False)  # another build is updating it
    except OSError:
        return False
    try:
        (standby / manifest.NAME).unlink()  # from here on, half-updated until written back
        for path in manifest.hashes(new, skip=manifest.NAME, known=wanted):  # nothing read
            if not _holds(standby, path, held, wanted):
                _link_over(new / path, standby / path)
        for path in kept:
            if not _holds(standby, path, held, wanted):
                _link_over(out / path, standby / path)
        _remove(standby, [p for p in held if p not in wanted])
        _link_over(new / manifest.NAME, standby / manifest.NAME)  # complete again
    except OSError:
        return False
    finally:
        os.close(lock)
    return True


def _holds(standby: Path, path: str, held: Mapping[str, str], wanted: Mapping[str, str]) -> bool:
    """The standby has the file's bytes: its manifest says so, and the file is there."""
    return held.get(path) == wanted[path] and os.path.isfile(standby / path)


def _link_over(source: Path, target: Path) -> None:
    """Linked, not moved: should the update fail, the new site is still whole and is
    published the other way."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    os.link(source, target)


def _remove(root: Path, paths: list[str]) -> None:
    """Delete files, then the folders they leave empty."""
    folders: set[str] = set()
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            (root / path).unlink()
        folders.update(str(parent) for parent in Path(path).parents if str(parent) != ".")
    for name in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        with contextlib.suppress(OSError):  # not empty: it still holds wanted files
            (root / name).rmdir()


def _link(out: Path, new: Path, kept: Collection[str]) -> None:
    """The kept files into the new site. Nothing else is written over them afterwards: a
    file already there is a bug, and os.link refuses it."""
    for path in kept:
        target = new / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(out / path, target)
        except FileExistsError:
            raise
        except OSError:
            shutil.copyfile(out / path, target)  # a file system without hard links
