"""What a resident's phone meets on a built site: speed (Lighthouse, mobile, slow 4G),
valid markup (the Nu HTML Checker) and accessibility (axe-core at 375 and 1280 px).

    ./dev audit                          # the site in site/, every check
    .venv/bin/python -m benchmarks.audit /tmp/site --only lighthouse --runs 3

The site is served as a web host would serve it: gzip for text when the browser asks
for it, and the right content types. Lighthouse and vnu come from the project's
package.json (npm ci puts them in node_modules/.bin; --bin names another folder).
Prints figures; not part of the test run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
VIEWPORTS = {"375": {"width": 375, "height": 740}, "1280": {"width": 1280, "height": 800}}
# The pages Lighthouse measures, in both languages where the English site has them.
SPEED = ["", "communities/fenghuayuan/", "communities/fenghuayuan/ledger/2022-12/",
         "standards/xy-t-001-2024/", "search/?q=维修"]
# One page of each kind for the markup and accessibility checks ("*": the first there).
KINDS = ["", "communities/", "communities/fenghuayuan/", "communities/fenghuayuan/ledger/",
         "communities/fenghuayuan/ledger/2022-12/", "communities/fenghuayuan/ledger/all/",
         "communities/fenghuayuan/*/", "compare/", "foundation/", "foundation/projects/*/",
         "protection-fund/", "protection-fund/projects/*/", "standards/",
         "standards/xy-t-001-2024/", "guide/read-accounts/", "whatsnew/", "data/", "search/",
         "maintainers/publishing/", "maintainers/data-dictionary/", "404.html"]
TEXT = ("text/", "application/javascript", "application/json", "image/svg+xml",
        "application/xml", "application/wasm")
TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
         ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream",
         ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream",
         ".json": "application/json", ".svg": "image/svg+xml", ".webp": "image/webp",
         ".avif": "image/avif", ".woff2": "font/woff2"}


class _Gzipping(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped for a browser that accepts it (as a web host does)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        body = path.read_bytes() if path.is_file() else b"not found"
        kind = self.guess_type(str(path))
        self.send_response(status)
        if kind.startswith(TEXT) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith(
            ("text/", "application/javascript", "application/json")) else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        with contextlib.suppress(ConnectionError):  # the browser moved on (a page it left)
            self.wfile.write(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Gzipping, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def speed_pages(site: Path, langs: tuple[str, ...] = ("", "en/")) -> list[str]:
    pages = []
    for lang in langs:
        pages += [lang + p for p in SPEED if _page(site / lang / p.split("?")[0])]
    return pages


def _page(folder: Path) -> bool:
    """A page of its own, not a redirect (an English month leads to the ledger)."""
    path = folder / "index.html"
    return path.is_file() and 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")


def kind_pages(site: Path) -> list[str]:
    """One page of each kind, in both languages where the English site has it."""
    found = []
    for lang in ("", "en/"):
        for kind in KINDS:
            if "*" in kind:
                matches = sorted(p for p in (site / lang).glob(kind) if _page(p))
                if not matches:
                    continue
                kind = str(matches[0].relative_to(site / lang)) + "/"
            if (site / lang / kind).exists():
                found.append(lang + kind)
    return found


def lighthouse(binary: Path, url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "report.json"
        subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
                        "--only-categories=performance",
                        "--chrome-flags=--headless=new --no-sandbox"],
                       check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    blocking = audits.get("render-blocking-resources", {}).get("details", {}).get("items", [])
    unused = audits.get("unused-css-rules", {}).get("details", {}).get("items", [])
    return {"performance": round(report["categories"]["performance"]["score"] * 100),
            "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "kb": audits["total-byte-weight"]["numericValue"] / 1024,
            "blocking": sum(i.get("totalBytes", 0) for i in blocking) / 1024,
            "unused_css": sum(i.get("wastedBytes", 0) for i in unused) / 1024}


def run_lighthouse(site: Path, binary: Path, runs: int, langs: tuple[str, ...]) -> None:
    print(f"\nLighthouse {binary.name}, mobile (slow 4G, 4x CPU), median of {runs} run(s), "
          "served with gzip")
    print(f"{'page':48} {'perf':>4} {'FCP s':>6} {'LCP s':>6} {'TBT ms':>6} {'CLS':>5} "
          f"{'KB':>6} {'block KB':>8} {'unused CSS KB':>13}")
    with serve(site) as url:
        for page in speed_pages(site, langs):
            results = [lighthouse(binary, url + page) for _ in range(runs)]
            median = {key: statistics.median(r[key] for r in results) for key in results[0]}
            print(f"/{page:47} {median['performance']:>4.0f} {median['fcp']:>6.1f} "
                  f"{median['lcp']:>6.1f} {median['tbt']:>6.0f} {median['cls']:>5.3f} "
                  f"{median['kb']:>6.0f} {median['blocking']:>8.1f} {median['unused_css']:>13.1f}",
                  flush=True)


def run_vnu(site: Path, binary: Path) -> None:
    files = [site / (p + "index.html" if p.endswith("/") or not p else p)
             for p in kind_pages(site)]
    done = subprocess.run([str(binary), "--format", "json", "--skip-non-html",
                           *map(str, files)], capture_output=True, text=True)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    print(f"\nNu HTML Checker over {len(files)} pages: {len(errors)} errors")
    grouped: dict[str, list[str]] = defaultdict(list)
    for m in errors:
        where = m.get("url", "").replace(f"file:{site}/", "")
        grouped[m.get("message", "")].append(f"{where}:{m.get('lastLine', '?')}")
    for message, places in sorted(grouped.items(), key=lambda g: -len(g[1])):
        print(f"{len(places):5}  {message}\n       e.g. {', '.join(places[:3])}")


def _axe(page: Any, url: str) -> dict[str, Any]:
    try:
        page.goto(url, wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        result: dict[str, Any] = page.evaluate(
            "axe.run(document, {resultTypes: ['violations']})")
    except Exception as exc:  # noqa: BLE001 (a page that navigates away: say so, go on)
        print(f"  {url}: not checked ({str(exc).splitlines()[0]}; now at {page.url})")
        result = {"violations": []}
    page.close()
    return result


def run_axe(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    total = 0
    print("\naxe-core, every impact")
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for page_path in kind_pages(site):
            for width, viewport in VIEWPORTS.items():
                result = _axe(browser.new_page(viewport=viewport), url + page_path)
                for v in result["violations"]:
                    total += 1
                    nodes = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
                    print(f"  /{page_path} @{width}: {v['id']} ({v['impact']}) "
                          f"{v['help']} [{len(v['nodes'])}] {nodes}")
        browser.close()
    print(f"{total} violations")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--only", choices=("lighthouse", "vnu", "axe"), action="append")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page")
    parser.add_argument("--zh", action="store_true", help="the Chinese pages only")
    parser.add_argument("--bin", type=Path, default=ROOT / "node_modules" / ".bin",
                        help="folder holding lighthouse and vnu")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        print(f"no site in {site}: build one first (./dev build)", file=sys.stderr)
        return 2
    only = set(args.only or ("lighthouse", "vnu", "axe"))
    if "vnu" in only:
        run_vnu(site, args.bin / "vnu")
    if "axe" in only:
        run_axe(site)
    if "lighthouse" in only:
        run_lighthouse(site, args.bin / "lighthouse", args.runs, ("",) if args.zh else ("", "en/"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
