"""Coverage-guided fuzzing (atheris) of reading and checking one table or descriptor.

Not part of the test run: tests/test_fuzz.py (hypothesis) runs in CI. This digs deeper
for as long as it is left running:

    .venv/bin/pip install -e ".[fuzz]"
    mkdir -p /tmp/corpus && cp tests/fixtures/minimal/datasets/*/*.csv /tmp/corpus/
    .venv/bin/python fuzz/fuzz_tables.py /tmp/corpus -max_total_time=600 -max_len=3000

(the fixture tables seed it with valid rows to mutate; the input also picks the table).

Any exception other than the portal's own reported issues is a crash and stops it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from generator import load
    from generator.issues import Issue, Where
    from generator.load import COMMUNITY, FOUNDATION, Package
    from generator.validate import structure, text

TABLES = ["ledger", "budget", "resolutions", "collection", "statements", "donations",
          "disbursements", "foundation-projects", "protection-projects", "steps", "standards",
          "categories"]
WHERE = Path("datasets/communities/fuzz")


def one_table(data: bytes, schema: str) -> None:
    issues: list[Issue] = []
    where = Where(f"{WHERE}/{schema}.csv", "communities/fuzz", schema)
    decoded = load.decode(data, where, issues)
    if decoded is None:
        return
    table = load.parse_csv(schema, schema, WHERE / f"{schema}.csv", decoded, where, issues)
    if table is not None and not structure.check_table(table):
        list(text.check_table(table))


def one_descriptor(data: bytes, kind_index: int) -> None:
    path = Path("/tmp/xinyi-fuzz-datapackage.json")
    path.write_bytes(data)
    issues: list[Issue] = []
    descriptor = load.read_descriptor(path, issues)
    if descriptor is not None:
        kind = (COMMUNITY, FOUNDATION)[kind_index]
        package = Package(kind, "fuzz", WHERE, descriptor, "communities/fuzz")
        list(structure.check_descriptor(package))
        list(text.check_descriptor(package, text.public_numbers(package)))
        list(load.resource_paths(package, issues))


def test_one(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    choice = fdp.ConsumeIntInRange(0, len(TABLES) + 1)
    rest = fdp.ConsumeBytes(len(data))
    if choice < len(TABLES):
        one_table(rest, TABLES[choice])
    else:
        one_descriptor(rest, choice - len(TABLES))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()
