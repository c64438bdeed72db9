"""A hostile datasets folder: every free-text field of every package kind holds markup,
script, Markdown and template syntax, while ids, codes, dates and amounts stay valid.

Each field gets its own value, ``注入NN号 `` followed by every payload, and records the
site pages (both languages) that show it, so that a test can check it reads there as
the same text. Columns come from the canonical schemas: a string column without a
pattern or enum that is not a reference or a path is free text.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import schemas

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '" onmouseover="window.__pwned=1" x="',
    "' onfocus='window.__pwned=1' autofocus x='",
    "javascript:window.__pwned=1",
    "[点我](javascript:window.__pwned=1)",
    "![x](http://evil.example/x.png)",
    "&lt;b&gt; &amp;",
    "{{ 7*7 }} {% raw %}",
    "<iframe src=//evil.example>",
    "</title></textarea><svg onload=window.__pwned=1>",
)
PAYLOAD = " ".join(PAYLOADS)
# Keywords are split at ";": no entity (its ";" would split it), and a second keyword.
KEYWORD = " ".join(p for p in PAYLOADS if ";" not in p)
KEYWORDS = KEYWORD + ";第二个关键词"
# File names are limited to letters, digits, _ - and . (validate/files.py: a name with a
# quote, "<", "%", "?" or "#" is refused, tests/cases/ledger-voucher-name-unsafe); letters
# of another script are percent-encoded in links.
FILE_NAME = "注入-凭证_第1号"

# Columns that hold ids, codes, references or file paths: valid by construction, never text.
NOT_TEXT = {"category", "parent", "project_id", "communities", "community", "voucher",
            "budget_line", "corrects", "document", "report", "body", "pdf", "contract",
            "subject"}


def free_text_columns(table: str) -> list[str]:
    """The free-text columns of a canonical table schema."""
    fields = schemas.descriptor(table)["fields"]
    return [f["name"] for f in fields if f["type"] == "string" and f["name"] not in NOT_TEXT
            and not {"enum", "pattern"} & set(f.get("constraints", {}))]


# Top-level descriptor properties that are not shown text: the package id (the folder's
# name), the table list, and the public service numbers the personal-data check allows.
NOT_SHOWN = {"name", "resources", "public_numbers"}


def free_text_properties(package: str) -> list[str]:
    """The free-text properties of a package schema, as dotted paths (no list indices)."""
    def walk(node: dict[str, Any], prefix: str) -> Iterator[str]:
        if node.get("type") == "string" and not {"enum", "pattern"} & set(node):
            yield prefix
        for name, child in node.get("properties", {}).items():
            if prefix or name not in NOT_SHOWN:
                yield from walk(child, f"{prefix}.{name}".lstrip("."))
        if isinstance(node.get("items"), dict):
            yield from walk(node["items"], prefix)
    return list(walk(schemas.descriptor(package), ""))


def keywords(value: str) -> tuple[str, ...]:
    """Each keyword as shown, joined by the page's own separator."""
    return tuple(k.strip() for k in value.split(";") if k.strip())


def both(*pages: str) -> tuple[str, ...]:
    """A page in the Chinese site and the same page in the English one."""
    return tuple(p for page in pages for p in (page, "en/" + page))


@dataclass(frozen=True)
class Field:
    key: str  # file, row and column, for messages
    schema: str  # the table or package schema (generator/schemas/)
    column: str  # the column, or the property's dotted path without list indices
    value: str  # what the dataset holds
    pages: tuple[str, ...]  # site pages that show it
    shown: tuple[str, ...] = ()  # how it reads there, when not the value itself
    data: str = ""  # the open-data JSON file holding it ("" for a descriptor or a text)

    @property
    def texts(self) -> tuple[str, ...]:
        return self.shown or (self.value,)


@dataclass(frozen=True)
class Link:
    page: str  # the site page linking to the file
    target: str  # the file's path in the site


@dataclass
class Hostile:
    """Writes hostile values into a copy of the minimal datasets and records each field."""

    root: Path
    fields: list[Field] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def value(self, payload: str = PAYLOAD) -> str:
        return f"注入{len(self.fields) + 1:02d}号 {payload}"

    def table(self, path: str, table: str, key: str | tuple[str, str],
              rows: dict[str, dict[str, tuple[str, ...]]]) -> None:
        """Set each listed column of each listed row (by key column) to a hostile value;
        rows maps a row's key to {column: pages}."""
        columns = free_text_columns(table)
        data = "data/" + path.removesuffix(".csv") + ".json"
        with Csv(self.root / path) as records:
            for record in records:
                name = ",".join(record[k] for k in ((key,) if isinstance(key, str) else key))
                for column, pages in rows.get(name, {}).items():
                    assert column in columns, f"{table}.{column} is not free text"
                    record[column] = self.value(KEYWORDS if column == "keywords" else PAYLOAD)
                    shown = keywords(record[column]) if column == "keywords" else ()
                    self.fields.append(Field(f"{path}:{name}:{column}", table, column,
                                             record[column], pages, shown, data))

    def rename(self, path: str, key: tuple[str, str], column: str, page: str) -> None:
        """Give the file a row names (a voucher, document, report or PDF) a name in Chinese."""
        package = (self.root / path).parent
        with Csv(self.root / path) as records:
            record = next(r for r in records if r[key[0]] == key[1])
            old = Path(record[column])
            record[column] = new = f"{old.parent}/{old.stem}-{FILE_NAME}{old.suffix}"
            (package / old).rename(package / new)
        folder = package.relative_to(self.root).as_posix()
        self.links.append(Link(page, f"{folder}/{new}"))

    def descriptor(self, path: str, schema: str,
                   where: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        """Set each property (a dotted path such as community.supervisors.0.name) of a
        datapackage.json to a hostile value."""
        file = self.root / path
        descriptor = json.loads(file.read_text(encoding="utf-8"))
        for dotted, pages in where:
            *parents, last = dotted.split(".")
            node: Any = descriptor
            for part in parents:
                node = node[int(part)] if isinstance(node, list) else node[part]
            node[int(last) if isinstance(node, list) else last] = value = self.value()
            column = ".".join(p for p in dotted.split(".") if not p.isdigit())
            self.fields.append(Field(f"{path}:{dotted}", schema, column, value, pages))
        file.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")

    def text(self, path: str, pages: tuple[str, ...]) -> None:
        """Add hostile Markdown to a standard's full text: what the sanitiser lets through
        unchanged (code spans, text that Markdown escapes), so that the build accepts it."""
        tag = f"注入{len(self.fields) + 1:02d}号"
        plain = ('{{ 7*7 }} {% raw %} javascript:window.__pwned=1 <svg onload=window.__pwned=1> '
                 '" onmouseover="window.__pwned=1" x="')
        spans = " ".join(f"`{p}`" for p in PAYLOADS)
        markdown = (f"\n\n## {tag} {plain}\n\n{tag} 代码：{spans}\n\n{tag} 文字：{plain}\n\n"
                    f"{tag} 实体：&lt;b&gt; &amp;amp; 照字面显示\n")
        file = self.root / path
        file.write_text(file.read_text(encoding="utf-8") + markdown, encoding="utf-8")
        # Markdown's own entities are decoded once, as in any Markdown text.
        shown = (f"{tag} {plain}", f"{tag} 代码：{PAYLOAD}", f"{tag} 文字：{plain}",
                 f"{tag} 实体：<b> &amp; 照字面显示")
        self.fields.append(Field(path, "standards", "body", markdown, pages, shown))


class Csv:
    """A CSV file's rows as dicts, written back (columns in their order) on leaving."""

    def __init__(self, file: Path) -> None:
        self.file = file
        with file.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            self.header, self.records = list(reader.fieldnames or ()), list(reader)

    def __enter__(self) -> list[dict[str, str]]:
        return self.records

    def __exit__(self, *_: object) -> None:
        with self.file.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, self.header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.records)


DEMO = "communities/demo/"
MONTH = {"2021-01": DEMO + "ledger/2021-01/", "2021-02": DEMO + "ledger/2021-02/"}
# The notice-board statement: the Chinese month page as printed (print:, not a screen page).
PRINTED = "print:"
NOTICE = {month: PRINTED + page for month, page in MONTH.items()}


def make_hostile(datasets: Path) -> Hostile:
    """Fill a copy of the minimal datasets with hostile text and file names."""
    hostile = Hostile(datasets)
    _community(hostile)
    _codelists(hostile)
    _foundation(hostile)
    _protection(hostile)
    _standards(hostile)
    _file_names(hostile)
    return hostile


def _file_names(h: Hostile) -> None:
    h.rename(DEMO + "ledger.csv", ("entry_id", "D-003"), "voucher", MONTH["2021-01"])
    h.rename(DEMO + "resolutions.csv", ("resolution_id", "R-2020-01"), "document", DEMO)
    f01 = "foundation/projects/F-01/"
    h.rename("foundation/projects.csv", ("project_id", "F-01"), "report", f01)
    h.rename("foundation/disbursements.csv", ("disbursement_id", "P-001"), "voucher", f01)
    h.rename("protection-fund/steps.csv", ("document", "documents/B-01-solicit.pdf"), "document",
             "protection-fund/projects/B-01/")
    h.rename("standards/standards.csv", ("code", "XY/T 001—2024"), "pdf",
             "standards/xy-t-001-2024/")


def _redaction(descriptor: Path) -> None:
    """A redacted entry and a withdrawal, whose reasons the pages show."""
    body = json.loads(descriptor.read_text(encoding="utf-8"))
    body["redactions"] = [{"entry": "D-008", "field": "counterparty", "date": "2021-03-01",
                           "reason": "误写入业主姓名"}]
    body["withdrawn"] = {"date": "2021-03-01", "reason": "改由业主自管", "resolution": "R-2020-01"}
    descriptor.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")


def _community(h: Hostile) -> None:
    # A month's page is Chinese; English visitors read the months on the ledger page.
    lists = both(DEMO, "communities/", "compare/", "", "data/", "whatsnew/") + (
        MONTH["2021-01"], "en/" + DEMO + "ledger/")
    profile = both(DEMO) + (NOTICE["2021-01"],)
    _redaction(h.root / DEMO / "datapackage.json")  # its reason is shown with the entry
    _amendments(h.root / DEMO)  # a new trustee from February, corrected figures
    h.descriptor(DEMO + "datapackage.json", "community-package", [
        ("redactions.0.reason", (MONTH["2021-02"], NOTICE["2021-02"])),
        ("withdrawn.reason", both(DEMO)),
        ("title", lists + (NOTICE["2021-01"],)), ("description", both(DEMO)),
        ("community.district", profile + both("communities/")),
        ("community.subdistrict", profile), ("community.neighborhood", profile),
        ("community.address", both(DEMO)),
        ("community.trustee", (NOTICE["2021-01"],)),  # January's: a term replaces it after
        ("community.supervisors.0.role", both(DEMO)),
        ("community.supervisors.0.name", profile),
        ("community.supervisors.1.role", both(DEMO)),
        ("community.supervisors.1.name", profile)])
    ledger = {}
    for n in range(1, 9):  # D-001 to D-004 in January, D-005 to D-008 in February
        month = "2021-01" if n <= 4 else "2021-02"
        pages = (MONTH[month], NOTICE[month])  # entries are listed on Chinese pages only
        ledger[f"D-00{n}"] = {"counterparty": pages, "description": pages}
    ledger["D-007"]["description"] += both(DEMO + "corrections/")
    del ledger["D-008"]["counterparty"]  # redacted: the cell reads 已遮盖
    h.table(DEMO + "ledger.csv", "ledger", "entry_id", ledger)
    with Csv(h.root / DEMO / "ledger.csv") as rows:
        for row in rows:
            if row["entry_id"] == "D-008":
                row["counterparty"] = "已遮盖"
    h.table(DEMO + "budget.csv", "budget", "line_id", {
        line: {"item": both(DEMO), "note": ()} for line in ("I01", "I02", "E01", "E02", "E03")})
    h.table(DEMO + "resolutions.csv", "resolutions", "resolution_id",
            {"R-2020-01": {"title": both(DEMO)}})
    h.table(DEMO + "terms.csv", "terms", "term_id",
            {"T-01": {"value": both(DEMO) + (NOTICE["2021-02"],), "note": both(DEMO)}})
    h.table(DEMO + "statements.csv", "statements", ("month", "revised"),
            {"2021-02,2021-03-12": {"note": both(DEMO)}})
    h.table(DEMO + "collection.csv", "collection", ("year", "revised"),
            {"2021,2021-03-15": {"note": both(DEMO)}})
    _registers(h)


def _registers(h: Hostile) -> None:
    """The registers (tests/fixtures/registers): revenue assets, owners' questions,
    declared payees, the foundation's reports, each free text shown where it concerns."""
    registers = Path(__file__).parent / "fixtures/registers/datasets"
    for name in ("assets", "questions", "parties"):
        (h.root / DEMO / f"{name}.csv").write_bytes(
            (registers / "communities/demo" / f"{name}.csv").read_bytes())
    (h.root / DEMO / "terms.csv").write_text(
        (h.root / DEMO / "terms.csv").read_text(encoding="utf-8")
        + "T-02,answer_days,15,2021-01-01,R-2020-01,\n", encoding="utf-8")
    descriptor = h.root / DEMO / "datapackage.json"
    body = json.loads(descriptor.read_text(encoding="utf-8"))
    body["resources"] += [{"name": n, "path": f"{n}.csv"} for n in ("assets", "questions",
                                                                    "parties")]
    descriptor.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    h.table(DEMO + "assets.csv", "assets", "asset_id",
            {"D-A-01": {"name": both(DEMO), "counterparty": both(DEMO), "note": ()}})
    # Answered questions fold on the community page; each shows open under what it asks
    # about: an entry on its month page, a budget line, a project on the project's page.
    h.table(DEMO + "questions.csv", "questions", "question_id", {
        "Q-01": {"question": (MONTH["2021-01"],), "answer": (), "note": ()},
        "Q-02": {"question": both(DEMO), "answer": both(DEMO)},
        "Q-03": {"question": both("protection-fund/projects/B-01/")}})
    h.table(DEMO + "parties.csv", "parties", "party",
            {"洁美保洁公司": {"party": (), "note": ()}})
    reports = (registers / "foundation/reports.csv").read_text(encoding="utf-8").splitlines()
    (h.root / "foundation/reports.csv").write_text(  # F-01's, the file named by projects.csv
        "\n".join(line.removesuffix("documents/F-01-report.pdf") for line in reports
                  if ",F-02," not in line) + "\n", encoding="utf-8")
    body = json.loads((h.root / "foundation/datapackage.json").read_text(encoding="utf-8"))
    body["resources"].append({"name": "reports", "path": "reports.csv"})
    (h.root / "foundation/datapackage.json").write_text(
        json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    h.table("foundation/reports.csv", "reports", "report_id",
            {"R-01": {"title": both("foundation/projects/F-01/")}})


def _amendments(package: Path) -> None:
    """A trustee set by a resolution from February, a reissued bank statement and corrected
    collection figures: rows whose value and reasons the community page shows."""
    descriptor = package / "datapackage.json"
    body = json.loads(descriptor.read_text(encoding="utf-8"))
    body["resources"].append({"name": "terms", "path": "terms.csv"})
    descriptor.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    (package / "terms.csv").write_text("term_id,term,value,effective,resolution,note\n"
                                       "T-01,trustee,新受托人,2021-02-01,R-2020-01,说明\n",
                                       encoding="utf-8")
    for name, period, revised in (("statements", "2021-02", "2021-03-12"),
                                  ("collection", "2021", "2021-03-15")):
        lines = (package / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        original = next(line for line in lines if line.startswith(period + ","))
        lines = [lines[0] + ",revised,note", *(line + ",," for line in lines[1:]),
                 f"{original},{revised},说明"]
        (package / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _codelists(h: Hostile) -> None:
    # Categories used by the demo ledger: the Chinese name on Chinese pages, the English one
    # on English pages; the budget table shows every one.
    used = {"fee": "2021-01", "parking": "2021-01", "cleaning": "2021-01",
            "remuneration": "2021-01", "repair": "2021-02"}
    h.table("codelists/categories.csv", "categories", "code", {
        code: {"name_zh": (DEMO, MONTH[month], NOTICE[month]),
               "name_en": ("en/" + DEMO, "en/" + DEMO + "ledger/")}
        for code, month in used.items()})
    # A neighbourhood page leads with its name in the page's language and gives the other.
    h.table("codelists/communities.csv", "communities", "id", {
        area: {"name_zh": both(page) + ("foundation/",) * (area == "shifan"),
               "name_en": both(page), "district": both(page), "subdistrict": both(page)}
        for area, page in (("shifan", "communities/shifan/"), ("other", "communities/other/"))})
    h.table("codelists/project-categories.csv", "project-categories", "code", {
        code: {"name_zh": (page,), "name_en": ("en/" + page,)}
        for code, page in (("elderly", "foundation/projects/F-01/"),
                           ("children", "foundation/projects/F-02/"),
                           ("facilities", "protection-fund/projects/B-01/"))})
    h.table("codelists/standard-categories.csv", "standard-categories", "code", {
        code: {"name_zh": both("standards/") + (f"standards/{slug}/",),
               "name_en": both("standards/") + (f"en/standards/{slug}/",)}
        for code, slug in (("general", "xy-t-001-2024"), ("trust-property", "xy-t-002-2024"))})


def _foundation(h: Hostile) -> None:
    h.descriptor("foundation/datapackage.json", "foundation-package", [
        ("title", both("foundation/", "", "foundation/projects/F-01/", "data/")),
        ("description", both("foundation/")), ("organisation", both("foundation/")),
        ("context", both("foundation/"))])
    h.table("foundation/projects.csv", "foundation-projects", "project_id", {
        pid: {"title": both("foundation/", page, "whatsnew/"), "partner": both("foundation/", page),
              "summary": both(page)}
        for pid, page in (("F-01", "foundation/projects/F-01/"),
                          ("F-02", "foundation/projects/F-02/"))})
    h.table("foundation/donations.csv", "donations", "donation_id", {
        "G-001": {"donor": both("foundation/projects/F-01/")},
        "G-003": {"donor": both("foundation/projects/F-02/"),  # a person named with consent
                  "consent": ()}})
    h.table("foundation/disbursements.csv", "disbursements", "disbursement_id", {
        pid: {"payee": both(page), "purpose": both(page)}
        for pid, page in (("P-001", "foundation/projects/F-01/"),
                          ("P-002", "foundation/projects/F-01/"),
                          ("P-003", "foundation/projects/F-02/"))})


def _protection(h: Hostile) -> None:
    b01, b02 = "protection-fund/projects/B-01/", "protection-fund/projects/B-02/"
    h.descriptor("protection-fund/datapackage.json", "protection-package", [
        ("title", both("protection-fund/", "", b01, "data/")),
        ("description", both("protection-fund/"))])
    h.table("protection-fund/projects.csv", "protection-projects", "project_id", {
        "B-01": {"title": both("protection-fund/", b01, "whatsnew/"), "contractor": both(b01)},
        "B-02": {"title": both("protection-fund/", b02)}})
    steps = {"B-01": ("solicit", "resolve", "contract", "implement", "evaluate"),
             "B-02": ("solicit", "resolve")}
    h.table("protection-fund/steps.csv", "steps", ("project_id", "step"), {
        f"{pid},{step}": {"summary": both(f"protection-fund/projects/{pid}/")}
        for pid, names in steps.items() for step in names})


SLUGS = {"XY/T 001—2024": "xy-t-001-2024", "XY/T 002—2023": "xy-t-002-2023",
         "XY/T 002—2024": "xy-t-002-2024", "XY/T 003—2024": "xy-t-003-2024"}


def _standards(h: Hostile) -> None:
    # the English catalogue is headed and introduced in English, not by the Chinese package
    h.descriptor("standards/datapackage.json", "standards-package", [
        ("title", ("standards/", *both("data/"))), ("description", ("standards/",))])
    rows = {}
    for code, slug in SLUGS.items():
        page = f"standards/{slug}/"
        # what's new names a standard by its title in the page's language
        rows[code] = {"title_zh": (*both("standards/", page), "whatsnew/"),
                      "title_en": (*both("standards/", page), "en/whatsnew/"),
                      "scope_zh": both(page), "scope_en": both(page), "keywords": both(page)}
        h.text(f"standards/texts/{slug}.md", both(page))
    h.table("standards/standards.csv", "standards", "code", rows)
