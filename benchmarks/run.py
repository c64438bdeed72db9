"""The city-scale benchmark: build synthetic districts of 4, 30 and 300 communities and
report what each build stage costs and what a resident's phone downloads.

    .venv/bin/python benchmarks/run.py              # N = 4, 30, 300 (3 years, 100 a month)
    .venv/bin/python benchmarks/run.py 4 30         # some sizes only

Each size runs in its own process, so that one size's memory does not count in the next.
The table is printed and written to benchmarks/results.json. Not part of the test run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import measure  # noqa: E402

SIZES = (4, 30, 300)
YEARS, PER_MONTH = 3, 100
RESULTS = ROOT / "benchmarks" / "results.json"


def one(communities: int, work: Path) -> dict[str, object]:
    """Generate, build clean, then rebuild twice, each time after one community adds a
    month; measure the site."""
    from generator.build import build
    from generator.config import BuildConfig
    from generator.demo import write_demo
    from generator.stages import Stages

    datasets, out = work / "datasets", work / "site"
    started = time.perf_counter()
    write_demo(datasets, communities, YEARS, PER_MONTH)
    generated = time.perf_counter() - started
    # Added back before the rebuilds: the first community's month, then the second's.
    withheld = [measure.withhold_last_month(datasets, i) for i in (0, 1)]
    stages = Stages(enabled=True)
    # The clean build starts with an empty cache; the rebuilds find what it kept.
    config = BuildConfig(datasets=datasets, out=out, project=ROOT, site_url="",
                         cache=work / "cache")
    started = time.perf_counter()
    build(config, stages)
    clean = time.perf_counter() - started
    rebuilds = []
    for month in withheld:  # the first rebuild keeps the replaced site as the standby,
        measure.restore(datasets, month)  # the second brings that standby up to date
        again = Stages(enabled=True)
        started = time.perf_counter()
        build(config, again)
        rebuilds.append((round(time.perf_counter() - started, 1), again))
    return {"communities": communities, "years": YEARS, "entries_per_month": PER_MONTH,
            "ledger_rows": measure.ledger_rows(datasets), "generate_s": round(generated, 1),
            "build_s": round(clean, 1),
            "rebuild_after_one_month_s": rebuilds[0][0], "next_rebuild_s": rebuilds[1][0],
            "stages": _stages(stages), "rebuild_stages": _stages(rebuilds[0][1]),
            "next_rebuild_stages": _stages(rebuilds[1][1]),
            **measure.site_figures(out)}


def _stages(stages: object) -> list[dict[str, object]]:
    return [{"stage": s.name, "seconds": round(s.seconds, 2), "peak_mb": round(s.peak_mb),
             "children_peak_mb": round(s.children_peak_mb)}
            for s in stages.done]  # type: ignore[attr-defined]


def main(sizes: list[int]) -> None:
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"xinyi-bench-{n}-") as work:
            env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01
            done = subprocess.run([sys.executable, __file__, "--one", str(n), work], env=env,
                                  capture_output=True, text=True, check=False)
            if done.returncode:
                sys.exit(f"N={n} failed:\n{done.stderr[-3000:]}")
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            measure.print_row(results[-1])
    RESULTS.write_text(json.dumps({"machine": measure.machine(), "results": results},
                                  ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    measure.print_table(results)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one(int(sys.argv[2]), Path(sys.argv[3]))))
    else:
        main([int(a) for a in sys.argv[1:]] or list(SIZES))
