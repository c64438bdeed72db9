"""Stage 5, site: stage the docs, run mkdocs (with the portal's hooks.py), splice the
other pages into their shells (shells.py), index them with Pagefind (search.py), then
publish atomically.

Everything is built in a temporary folder beside the output; the output folder is
only touched by one atomic exchange at the very end, so a failed or killed build
leaves the previous site exactly as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import glob
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .. import urls
from ..cache import Cache
from ..errors import SiteError
from ..render import Asset, RenderedPage
from .derived import write_derivatives


def stage_docs(content: Path | None, pages: Iterable[RenderedPage], docs: Path) -> None:
    """The docs folder mkdocs reads: hand-written content (Chinese site only) and pages.
    The packages' files are added to the built site afterwards (add_files)."""
    if content is not None:
        shutil.copytree(content, docs)
    docs.mkdir(parents=True, exist_ok=True)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.source(), encoding="utf-8")


def add_files(assets: Iterable[Asset], site: Path, cache: Cache,
              sources: Collection[str]) -> None:
    """The packages' files (vouchers, documents, open data) put straight into the built
    site: through mkdocs each was linked, listed and copied again (a city has tens of
    thousands). Photos and PDFs as their derivatives (derived.py; ``sources``: the
    SHA-256 of the datasets' files, whose derivatives the cache keeps); standards' texts
    copied, not linked: editing the datasets must not change the published site."""
    derived = []
    for asset in assets:
        target = site / asset.target
        if asset.kind:
            derived.append(asset)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if asset.data is not None:
            target.write_bytes(asset.data)
        else:
            assert asset.source is not None  # an Asset has one or the other
            shutil.copyfile(asset.source, target)
    write_derivatives(derived, site, cache, sources)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def english_settings(config_file: Path) -> dict[str, Any]:
    """mkdocs settings of the English site: the English block of mkdocs.yml, the same theme
    in English, and absolute paths (the Chinese settings' paths are relative to the file)."""
    data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    here = config_file.resolve().parent
    theme = dict(data["theme"], language="en")
    theme["custom_dir"] = str(here / theme["custom_dir"])
    english = data["extra"]["english"]
    return {"theme": theme, "site_name": english["site_name"],
            "site_description": english["site_description"], "nav": english["nav"],
            "hooks": [str(here / h) for h in data.get("hooks", [])]}


def run_mkdocs(config_file: Path, docs: Path, site: Path, english: bool = False,
               data_version: str = "", site_url: str = "") -> None:
    """Build in strict mode: a broken link in a hand-written page stops the build."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    warnings = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        overrides = english_settings(config_file) if english else {}
        extra = yaml.safe_load(config_file.read_text(encoding="utf-8")).get("extra", {})
        overrides["extra"] = {**extra, "data_version": data_version}  # shown on every page
        if site_url:  # the sitemap, canonical links, and a 404 page that works in a subfolder
            overrides["site_url"] = site_url.rstrip("/") + ("/en/" if english else "/")
        config = load_config(str(config_file), docs_dir=str(docs), site_dir=str(site),
                             strict=True, **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        unship(site)
        if english:
            share_assets(site)
    except (MkDocsException, SystemExit) as exc:  # mkdocs aborts with SystemExit
        details = "".join(f"\n  {m}" for m in warnings.messages)
        raise SiteError(f"mkdocs failed: {exc}{details}") from exc
    except yaml.YAMLError as exc:
        raise SiteError(f"mkdocs failed: {config_file} is not valid YAML: {exc}") from exc
    finally:
        logger.removeHandler(warnings)


# The theme's files the portal never uses (urls.THEME_UNUSED) and the source maps of its
# minified files.
UNUSED = urls.THEME_UNUSED
_MAPPED = re.compile(rb"\n?/\*# sourceMappingURL=[^*]*\*/\s*$|\n?//# sourceMappingURL=\S*\s*$")


def unship(site: Path) -> None:
    """Remove UNUSED and the source maps (with the comments naming them) from a built site."""
    for unused in (path for pattern in UNUSED for path in sorted(site.glob(pattern))):
        if unused.is_dir():
            shutil.rmtree(unused)
        else:
            unused.unlink()
    for source_map in sorted((site / "assets").rglob("*.map")):
        source_map.unlink()
        minified = source_map.with_suffix("")
        if minified.is_file():
            minified.write_bytes(_MAPPED.sub(b"", minified.read_bytes()))


_ASSETS = re.compile(r'((?:href|src)=")((?:\.\./)*)assets/')
_ABSOLUTE = re.compile(r'((?:href|src)="[^"]*/)en/assets/')  # the 404 page's, from site_url


def share_assets(english: Path) -> None:
    """The English site (en/) uses the Chinese site's assets: its pages' references to
    en/assets/ go one folder up, and en/assets is removed (2.7 MB, the same bytes).
    Run before splicing: spliced pages take their head and tail from these pages."""
    shutil.rmtree(english / "assets")
    for page in sorted(english.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        shared = _ABSOLUTE.sub(r"\1assets/", _ASSETS.sub(r"\1\2../assets/", text))
        if shared != text:
            page.write_text(shared, encoding="utf-8")


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A scratch folder on the same file system as the output, removed afterwards.

    A killed build cannot remove its folder, so each build first removes those whose
    build is gone: a build holds a lock on its folder, which the kernel drops when the
    process dies. Holding the parent's lock meanwhile, no build sees another's folder
    between its creation and its lock."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out.parent):
        for abandoned in out.parent.glob(f".{glob.escape(out.name)}.build-*"):
            with (contextlib.suppress(BlockingIOError, FileNotFoundError),
                  _locked(abandoned, wait=False)):
                shutil.rmtree(abandoned, ignore_errors=True)
        path = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
        held = _lock(path)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        os.close(held)


def _lock(path: Path, wait: bool = True) -> int:
    """An exclusive lock on a folder, held until the descriptor is closed."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise
    return fd


@contextlib.contextmanager
def _locked(path: Path, wait: bool = True) -> Iterator[None]:
    fd = _lock(path, wait)
    try:
        yield
    finally:
        os.close(fd)


def publish(new_site: Path, out: Path) -> None:
    """Put new_site at out in one step; the old site ends up at new_site's path."""
    if not out.exists():
        os.rename(new_site, out)
        return
    if not _exchange(new_site, out):
        # Without renameat2 there is a short moment with no site at all.
        old = new_site.with_name(new_site.name + "-old")
        os.rename(out, old)
        os.rename(new_site, out)
        os.rename(old, new_site)


def _exchange(a: Path, b: Path) -> bool:
    rename_exchange, at_fdcwd = 2, -100
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result != 0:
        logging.getLogger(__name__).debug("renameat2 failed: %s", ctypes.get_errno())
        return False
    return True
