"""What the benchmark measures on a built site, and the month it adds for the rebuild."""

from __future__ import annotations

import csv
import gzip
import io
import os
import platform
from pathlib import Path
from typing import Any

KB = 1024


def ledger_rows(datasets: Path) -> int:
    return sum(sum(1 for _ in p.open(encoding="utf-8")) - 1
               for p in sorted((datasets / "communities").glob("*/ledger.csv")))


def withhold_last_month(datasets: Path, which: int = 0) -> tuple[Path, str]:
    """Take the last month out of one community's ledger (the first, by default);
    restore() puts it back, as a maintainer publishing that month would."""
    ledger = sorted((datasets / "communities").glob("*/ledger.csv"))[which]
    text = ledger.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    last = max(r[1][:7] for r in rows[1:])
    kept = io.StringIO()
    csv.writer(kept, lineterminator="\n").writerows(r for r in rows if r[1][:7] != last)
    ledger.write_text(kept.getvalue(), encoding="utf-8")
    return ledger, text


def restore(datasets: Path, withheld: tuple[Path, str]) -> None:
    ledger, text = withheld
    ledger.write_text(text, encoding="utf-8")


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def site_figures(site: Path) -> dict[str, object]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    communities = sorted(p for p in (site / "communities").iterdir()
                         if (p / "ledger").is_dir())
    return {
        "site_mb": round(sum(p.stat().st_size for p in files) / KB / KB, 1),
        "files": len(files), "html_pages": len(pages),
        "largest_page": {"path": largest.relative_to(site).as_posix(),
                         "kb": round(largest.stat().st_size / KB, 1)},
        "community_page_gz_kb": round(max(gz(c / "index.html") for c in communities) / KB, 1),
        "heaviest_ledger_view_gz_kb": round(max(_ledger_view(c) for c in communities) / KB, 1),
        "first_search_kb": _first_search(site),
    }


def _ledger_view(community: Path) -> int:
    """The most a ledger page makes a phone download: the largest month page, or the
    all-entries page together with the open-data ledger.json it loads."""
    months = [gz(p) for p in (community / "ledger").glob("*/index.html")]
    data = community.parent.parent / "data/communities" / community.name / "ledger.json"
    everything = gz(community / "ledger/all/index.html") + gz(data)
    return max([*months, everything])


def _first_search(site: Path) -> float | None:
    """Kilobytes the search fetches for a first query in headless Chromium with an empty
    cache: Pagefind's script, index chunks and result fragments, and the titles file."""
    try:
        from tests.browser import chromium, serve
    except ImportError:
        return None
    fetched: list[int] = []

    def count(response: Any) -> None:
        if "/pagefind/" in response.url or response.url.endswith("titles.json"):
            fetched.append(len(response.body()) if response.ok else 0)

    with serve(site) as base, chromium() as browser:
        page = browser.new_context().new_page()
        page.on("response", count)
        page.goto(base + "search/?q=%E7%89%A9%E4%B8%9A%E8%B4%B9")  # 物业费
        page.wait_for_function("""() => { const s = document.getElementById("xy-search-status");
            return s && s.textContent && !s.textContent.includes("…"); }""", timeout=60000)
        page.wait_for_load_state("networkidle")
    return round(sum(fetched) / KB, 1)


def machine() -> dict[str, object]:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory = next((int(line.split()[1]) // KB // KB for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gb": memory,
            "python": platform.python_version()}


def print_row(r: dict[str, object]) -> None:
    print(f"N={r['communities']}: {r['ledger_rows']:,} rows, build {r['build_s']} s, "
          f"rebuilds {r['rebuild_after_one_month_s']} s and {r.get('next_rebuild_s')} s, "
          f"site {r['site_mb']} MB", flush=True)


def print_table(results: list[dict[str, object]]) -> None:
    stages = [s["stage"] for s in results[0]["stages"]]  # type: ignore[index]
    head = ["N", "rows", *stages, "build s", "peak MB", "rebuild s", "site MB", "largest KB",
            "community gz KB", "ledger gz KB", "search KB", "s/community", "MB/community"]
    print(" | ".join(head))
    for r in results:
        by = {s["stage"]: s for s in r["stages"]}  # type: ignore[index, union-attr]
        peak = max(max(s["peak_mb"], s["children_peak_mb"]) for s in by.values())
        n = r["communities"]
        cells = [n, f"{r['ledger_rows']:,}", *(by[s]["seconds"] for s in stages), r["build_s"],
                 peak, r["rebuild_after_one_month_s"], r["site_mb"],
                 r["largest_page"]["kb"], r["community_page_gz_kb"],  # type: ignore[index]
                 r["heaviest_ledger_view_gz_kb"], r["first_search_kb"],
                 round(r["build_s"] / n, 2), round(r["site_mb"] / n, 2)]  # type: ignore[operator]
        print(" | ".join(str(c) for c in cells))
    for title, key, total in (("Rebuild after one community adds a month", "rebuild_stages",
                               "rebuild_after_one_month_s"),
                              ("The next rebuild, after another community's month",
                               "next_rebuild_stages", "next_rebuild_s")):
        print(f"\n{title}, by stage (s):")
        print(" | ".join(["N", *stages, "total s"]))
        for r in results:
            by = {s["stage"]: s for s in r.get(key, [])}  # type: ignore[attr-defined, index]
            print(" | ".join(str(c) for c in [r["communities"], *(
                by[s]["seconds"] if s in by else "" for s in stages), r.get(total, "")]))
