"""Each standard's text as an A4 PDF, printed at build time by headless Chromium.

The render stage makes a self-contained page of each standard (templates/standard_pdf.html:
no script, no file from anywhere, Debian's Noto CJK fonts by name) and this module prints
it. A standard whose package supplies its official PDF is not printed: that PDF is
published instead. Printing takes about half a second a standard, so each PDF is kept in
the cache folder under the hash of its page, the Chromium version and this code: an
unchanged standard is not printed again. PORTAL_CACHE=off keeps nothing on disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import os
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from markupsafe import escape

from . import pdf_tidy
from .errors import RenderError

# Debian's Chromium; PORTAL_CHROMIUM names another (a CI runner's Google Chrome).
CHROMIUM = os.environ.get("PORTAL_CHROMIUM") or "/usr/bin/chromium"
# As the tests drive it: without these Chromium tries to reach Google's services.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
KIND = "standard-pdf"  # the cache folder's subfolder
MARGIN = {"top": "20mm", "bottom": "18mm", "left": "20mm", "right": "20mm"}
# Chromium draws the footer itself on every page; its own font, or Noto CJK for 第 页.
FOOTER = ('<div style="width:100%;margin:0 20mm;font:8pt \'Noto Sans CJK SC\',sans-serif;'
          'display:flex;justify-content:space-between;color:#444">'
          '<span>{code}</span><span>第 <span class="pageNumber"></span> 页 / 共 '
          '<span class="totalPages"></span> 页</span></div>')
PAGES_AT_ONCE = 4
# This process's PDFs by key, whatever the cache: one process building a site again (the
# tests, a watching preview) does not print the same page again. A PDF is a function of
# its key, so this can never give a stale one.
_PRINTED: dict[str, bytes] = {}


@dataclass(frozen=True)
class Sheet:
    """One standard to print: where its PDF goes in the site, its page and its code."""

    target: str
    html: str
    code: str


def print_sheets(sheets: Sequence[Sheet], cache: Path | None) -> dict[str, bytes]:
    """Each sheet's PDF by target: from the cache when its page printed before."""
    if not sheets:
        return {}
    version = chromium_version()
    keys = {s.target: _key(s, version) for s in sheets}
    found = {s.target: _PRINTED.get(keys[s.target]) or _read(cache, keys[s.target])
             for s in sheets}
    missing = [s for s in sheets if found[s.target] is None]
    if missing:
        # In a thread of its own: the caller may be running an event loop already (a
        # test driving a browser, a preview server), where asyncio.run cannot start one.
        with ThreadPoolExecutor(1) as thread:
            printed = thread.submit(asyncio.run, _print_all(missing)).result()
        for target, pdf in printed.items():
            tidy = pdf_tidy.tidy(pdf)
            _write(cache, keys[target], tidy)
            found[target] = tidy
    if len(_PRINTED) > 500:  # a long-running process: keep memory bounded
        _PRINTED.clear()
    _PRINTED.update((keys[t], pdf) for t, pdf in found.items() if pdf is not None)
    _keep(cache, set(keys.values()))
    return {t: pdf for t, pdf in found.items() if pdf is not None}


@functools.cache
def chromium_version() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        raise RenderError(f"the standards' PDFs are printed with Chromium, which is not at "
                          f"{CHROMIUM}: install it (Debian: apt-get install chromium "
                          f"fonts-noto-cjk; ./dev does)")
    done = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                          check=False, timeout=60)
    if done.returncode != 0 or not done.stdout.strip():
        raise RenderError(f"{CHROMIUM} --version failed: {done.stderr.strip()}")
    return done.stdout.strip()


@functools.cache
def _code() -> str:
    """This module, the tidying and pypdf: a change to any of them prints again."""
    digest = hashlib.sha256(metadata.version("pypdf").encode())
    for module in (__file__, pdf_tidy.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def _key(sheet: Sheet, version: str) -> str:
    parts = (version, _code(), sheet.code, sheet.html)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


async def _print_all(sheets: Sequence[Sheet]) -> dict[str, bytes]:
    try:
        from playwright.async_api import Error, async_playwright
    except ImportError as exc:  # a dependency of the portal, but an install may lack it
        raise RenderError("the standards' PDFs need Playwright: pip install playwright") \
            from exc
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                context = await browser.new_context(java_script_enabled=False, offline=True)
                await context.route("**/*", lambda route: route.abort())  # nothing fetched
                limit = asyncio.Semaphore(PAGES_AT_ONCE)
                printed = await asyncio.gather(*(_print(context, s, limit) for s in sheets))
            finally:
                await browser.close()
    except Error as exc:
        raise RenderError(f"printing the standards' PDFs with {CHROMIUM} failed: "
                          f"{exc.message.splitlines()[0]}") from exc
    return dict(zip((s.target for s in sheets), printed, strict=True))


async def _print(context: object, sheet: Sheet, limit: asyncio.Semaphore) -> bytes:
    async with limit:
        page = await context.new_page()  # type: ignore[attr-defined]
        try:
            await page.set_content(sheet.html, wait_until="load")
            return bytes(await page.pdf(
                format="A4", margin=MARGIN, print_background=True, display_header_footer=True,
                header_template="<span></span>", footer_template=FOOTER.format(
                    code=escape(sheet.code)), outline=True, tagged=True))
        finally:
            await page.close()


def _read(cache: Path | None, key: str) -> bytes | None:
    if cache is None:
        return None
    try:
        return (cache / KIND / key).read_bytes()
    except OSError:
        return None


def _write(cache: Path | None, key: str, pdf: bytes) -> None:
    """Written whole or not at all, as the build's other cache entries (cache.py)."""
    if cache is None:
        return
    folder = cache / KIND
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False) as handle:
            handle.write(pdf)
        os.replace(handle.name, folder / key)


def _keep(cache: Path | None, keys: set[str]) -> None:
    """The PDFs of this build stay; those of texts since changed go."""
    if cache is None or not (cache / KIND).is_dir():
        return
    for path in (cache / KIND).iterdir():
        if path.name not in keys:
            with contextlib.suppress(OSError):
                path.unlink()
