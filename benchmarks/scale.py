"""Real-scale lists: one foundation project with 35,000 donations and 3,000 disbursements,
a community month with 3,000 entries and a protection fund of 2,000 projects, added to the
minimal test fixture; build the site and print what each of those pages weighs (raw and
gzip) and how long the build took.

    .venv/bin/python benchmarks/scale.py                 # the default sizes
    .venv/bin/python benchmarks/scale.py 5000 3000 500   # donations, entries, projects

Same arguments, same bytes: amounts and names come from the row's number, not the clock.
Not part of the test run; tests/test_scale.py uses write_scale() at a smaller size.
"""

from __future__ import annotations

import csv
import gzip
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "datasets"
PROJECT = "F-01"  # the foundation project the donations are given to
COMMUNITY, MONTH = "demo", "2021-02"  # the month the entries are added to
CHANNELS = ("bank", "online", "onsite")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红玉梅文斌宇浩凯鹏"
GOODS = ("楼道灯", "单元门", "扶手", "雨棚", "监控", "水泵", "消防栓", "垃圾桶", "座椅", "信报箱")
PLATES = ("川A", "川G", "川B", "渝A")
KB = 1024


def write_scale(datasets: Path, donations: int = 35_000, entries: int = 3_000,
                projects: int = 2_000, disbursements: int = 3_000) -> None:
    """Copy the minimal fixture to ``datasets`` and add the rows, with names, amounts and
    dates drawn from a seeded generator (real rows compress about as badly). The month's
    entries come in pairs of equal income and expense, so its closing balance stays what
    the statement says."""
    shutil.copytree(MINIMAL, datasets)
    r = random.Random("scale")
    _append(datasets / "foundation" / "donations.csv", (
        (f"S-{i:06d}", _day(r, 2021), _person(r), "individual", "",
         _amount(r, 5, 2000), PROJECT, r.choice(CHANNELS)) for i in range(donations)))
    _append(datasets / "foundation" / "disbursements.csv", (
        (f"Q-{i:06d}", _day(r, 2021), PROJECT, _amount(r, 1, 9), f"{_person(r)}服务部",
         f"{r.choice(GOODS)}第{r.randint(1, 999)}批", "vouchers/P-001.png")
        for i in range(disbursements)))
    _append(datasets / "communities" / COMMUNITY / "ledger.csv", (
        row for i in range(entries // 2) for amount in [_amount(r, 5, 300)] for row in (
            (f"M-{i:05d}I", f"{MONTH}-{r.randint(1, 28):02d}", "income", "parking", amount,
             f"{r.choice(PLATES)}{r.randint(10000, 99999)}车主", f"临时停车{r.randint(1, 12)}小时",
             "", "I02", ""),
            (f"M-{i:05d}E", f"{MONTH}-{r.randint(1, 28):02d}", "expense", "repair", amount,
             f"{_person(r)}维修部", f"{r.randint(1, 30)}栋{r.choice(GOODS)}更换",
             "vouchers/D-006.png", "E03", ""))))
    _append(datasets / "protection-fund" / "projects.csv", (
        (f"BX-{i:05d}", r.choice(("demo", "shifan")), r.randint(2021, 2024),
         f"{r.randint(1, 30)}栋{r.choice(GOODS)}改造", "facilities", _amount(r, 1000, 90000),
         "0.00", "", "ongoing") for i in range(projects)))


def _person(r: random.Random) -> str:
    return r.choice(SURNAMES) + "".join(r.choices(GIVEN, k=r.randint(1, 2)))


def _day(r: random.Random, year: int) -> str:
    return f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"


def _amount(r: random.Random, low: int, high: int) -> str:
    return f"{r.randint(low, high)}.{r.randint(0, 99):02d}"


def _append(path: Path, rows: object) -> None:
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)  # type: ignore[arg-type]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def pages(site: Path) -> dict[str, tuple[int, int]]:
    """Every page of the site: its path, raw and gzip bytes."""
    return {p.relative_to(site).as_posix(): (len(b), gzip_size(b))
            for p in sorted(site.rglob("*.html")) for b in [p.read_bytes()]}


def report(site: Path, seconds: float, cpu: float) -> None:
    sizes = pages(site)
    print(f"build: {seconds:.1f} s wall, {cpu:.1f} s CPU; {len(sizes)} pages")
    month = f"communities/{COMMUNITY}/ledger/{MONTH}/"
    named = {"project page": f"foundation/projects/{PROJECT}/index.html",
             "month page": f"{month}index.html",
             "month, printable notice": f"{month}notice/index.html",
             "protection fund page": "protection-fund/index.html"}
    for what, path in named.items():
        if path in sizes:
            raw, gz = sizes[path]
            print(f"{what:26} {path:52} {raw / KB:8.1f} KB raw {gz / KB:7.1f} KB gzip")
    phone = {p: s for p, s in sizes.items() if not p.endswith("notice/index.html")}
    path, (raw, gz) = max(phone.items(), key=lambda s: s[1][1])
    print(f"{'heaviest other page':26} {path:52} {raw / KB:8.1f} KB raw {gz / KB:7.1f} KB gzip")
    print(f"pages over 100 KB gzip: {sum(1 for s in sizes.values() if s[1] >= 100 * KB)}")


def main(args: list[str]) -> None:
    from click.testing import CliRunner

    from generator.__main__ import cli

    sizes = dict(zip(("donations", "entries", "projects"), map(int, args), strict=False))
    with tempfile.TemporaryDirectory() as tmp:
        datasets, out = Path(tmp) / "datasets", Path(tmp) / "site"
        write_scale(datasets, **sizes)
        started, cpu = time.perf_counter(), _cpu()
        result = CliRunner().invoke(cli, ["build", "--datasets", str(datasets),
                                          "--out", str(out), "--no-cache"])
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
        if result.exit_code != 0:
            sys.exit(result.output)
        report(out, seconds, cpu)


def _cpu() -> float:
    """CPU seconds of this process and the ones it waited for (the workers, Pagefind): a
    busy machine stretches the wall time, not these."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main(sys.argv[1:])
