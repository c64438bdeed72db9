"""The published record over a city's history: read it cold, then warm after one more
publication, and print the figures.

    .venv/bin/python benchmarks/history.py              # 300 communities, 3 years
    .venv/bin/python benchmarks/history.py 30 3         # communities, years

A synthetic district (portal demo, 100 entries a month) is committed as it would have been
published: one commit per community and month, each adding that month's entries to the
community's ledger (its other files come with its first month). git fast-import writes the
history in seconds. Not part of the test run.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PER_MONTH = 100
EPOCH = 1_609_459_200  # 2021-01-01


def history(datasets: Path, repo: Path) -> int:
    """Commit the datasets month by month into ``repo``; the number of commits. The stream
    goes straight to git: a city's history is gigabytes of ledger versions."""
    months: dict[str, list[tuple[str, bytes, list[bytes]]]] = defaultdict(list)
    for folder in sorted((datasets / "communities").iterdir()):
        header, rows = _ledger(folder / "ledger.csv")
        by_month: dict[str, list[bytes]] = defaultdict(list)
        for month, line in rows:
            by_month[month].append(line)
        for month in sorted(by_month):
            months[month].append((folder.name, header, by_month[month]))
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=repo,
                                stdin=subprocess.PIPE)
    assert importer.stdin is not None
    so_far: dict[str, bytes] = {}
    count = 0
    for month in sorted(months):
        for name, header, lines in months[month]:
            first = name not in so_far
            so_far[name] = so_far.get(name, header) + b"".join(lines)
            files = {f"datasets/communities/{name}/ledger.csv": so_far[name]}
            if first:
                files.update(_others(datasets, datasets / "communities" / name))
            count += 1
            _commit(importer.stdin, count, EPOCH + count * 60, f"{name} {month}", files)
    importer.stdin.close()
    if importer.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    return count


def _ledger(path: Path) -> tuple[bytes, list[tuple[str, bytes]]]:
    text = path.read_text(encoding="utf-8")
    header, *lines = text.splitlines(keepends=True)
    rows = [(next(csv.reader([line]))[1][:7], line.encode()) for line in lines]
    return header.encode(), rows


def _others(datasets: Path, folder: Path) -> dict[str, bytes]:
    return {f"datasets/{p.relative_to(datasets).as_posix()}": p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "ledger.csv"}


def _commit(stream: IO[bytes], mark: int, when: int, message: str,
            files: dict[str, bytes]) -> None:
    text = message.encode()
    stream.write(b"commit refs/heads/main\nmark :%d\n" % mark)
    stream.write(b"committer clerk <clerk@example.org> %d +0800\n" % when)
    stream.write(b"data %d\n%s\n" % (len(text), text))
    if mark > 1:
        stream.write(b"from :%d\n" % (mark - 1))
    for path, data in files.items():
        stream.write(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))


def main(communities: int, years: int) -> None:
    from generator.cache import Cache
    from generator.demo import write_demo
    from generator.published import record

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        write_demo(work / "demo", communities, years, PER_MONTH)
        started = time.perf_counter()
        commits = history(work / "demo", work / "repo")
        made = time.perf_counter() - started
        datasets, cache = work / "repo" / "datasets", Cache(work / "cache")
        timings = []
        for label in ("cold", "warm, same commit"):
            started = time.perf_counter()
            found = record(datasets, cache=cache)
            timings.append((label, time.perf_counter() - started))
        ledger = next(iter(sorted((datasets / "communities").iterdir()))) / "ledger.csv"
        ledger.write_text(ledger.read_text(encoding="utf-8") + ledger.read_text(
            encoding="utf-8").splitlines()[-1].replace(",", "-X,", 1) + "\n", encoding="utf-8")
        subprocess.run(["git", "commit", "-qam", "one more entry"], cwd=work / "repo",
                       check=True, env={"GIT_AUTHOR_NAME": "c", "GIT_AUTHOR_EMAIL": "c@x",
                                        "GIT_COMMITTER_NAME": "c", "GIT_COMMITTER_EMAIL": "c@x",
                                        "PATH": "/usr/bin:/bin"})
        started = time.perf_counter()
        found = record(datasets, cache=cache)
        timings.append(("warm, one commit more", time.perf_counter() - started))
        rows = sum(len(t) for p in found.rows.values() for t in p.values())
        print(f"{communities} communities, {years} years: {commits} commits "
              f"(written in {made:.1f} s), {rows:,} rows recorded")
        for label, seconds in timings:
            print(f"  record {label}: {seconds:.1f} s")


if __name__ == "__main__":
    numbers = [int(a) for a in sys.argv[1:3]]
    main(*(numbers + [300, 3][len(numbers):]))
