"""Which folder a build may replace: the output is swapped for the new site in one step,
so a wrong ``--out`` would put a whole folder away. Only a folder that does not exist, an
empty one, or one holding a site this portal built (its manifest.json) is replaced; never
the project, the datasets, a folder holding either, the file system's root or a home
folder, whatever it holds."""

from __future__ import annotations

from pathlib import Path

from .. import manifest
from ..errors import OutputRefused


def check_output(out: Path, project: Path, datasets: Path) -> None:
    """Raise OutputRefused unless a build may replace ``out``."""
    if out.is_symlink():
        raise OutputRefused(f"'{out}' is a symbolic link; name the folder itself")
    target = out.resolve()
    for folder in (project.resolve(), datasets.resolve()):
        if target == folder or target in folder.parents:
            raise OutputRefused(f"'{out}' is or holds the folder '{folder}', which a build never "
                                "replaces; name a folder of its own for the site, e.g. site")
    if datasets.resolve() in target.parents:
        raise OutputRefused(f"'{out}' is inside the datasets folder; the site goes outside "
                            "it, e.g. site")
    if target == Path(target.anchor) or target == Path.home().resolve() \
            or target.parent == Path("/home"):
        raise OutputRefused(f"'{out}' is a home folder or the file system's root; name a "
                            "folder of its own for the site, e.g. site")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"'{out}' is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and manifest.read(out) is None:
        raise OutputRefused(f"'{out}' is not empty and holds no site this portal built (no "
                            "manifest.json); the build replaces only such a folder: name a new "
                            "or empty one, or move its files away first")

