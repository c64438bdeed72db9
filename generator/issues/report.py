"""The report of a validation: every issue, sorted, for people (text), for machines (JSON)
and for GitHub's annotations; grouped by package for the model, which asks it for the
findings of a package, a table or a row (as frictionless' report/ groups by resource)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from . import chinese
from .issue import Issue


@dataclass(frozen=True)
class Report:
    issues: tuple[Issue, ...]
    strict: bool = False

    @classmethod
    def of(cls, issues: Iterable[Issue], strict: bool = False) -> Report:
        return cls(tuple(sorted(set(issues), key=_sort_key)), strict)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if self.blocks(i))

    @property
    def findings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "finding")

    @property
    def valid(self) -> bool:
        return not self.errors

    def blocks(self, issue: Issue) -> bool:
        return issue.severity == "error" or self.strict

    @cached_property
    def by_package(self) -> dict[str, tuple[Issue, ...]]:
        """Each package's issues (its folder under the datasets: communities/<id>,
        foundation, …), in the report's order."""
        found: dict[str, list[Issue]] = defaultdict(list)
        for issue in self.issues:
            found[issue.package].append(issue)
        return {package: tuple(issues) for package, issues in found.items()}

    def findings_of(self, package: str, resource: str | None = None,
                    row: int | None = None) -> tuple[Issue, ...]:
        """The findings of a package; of one of its tables, or one row of it, when given."""
        return tuple(i for i in self.by_package.get(package, ())
                     if i.severity == "finding" and resource in (None, i.resource)
                     and row in (None, i.row))

    def to_text(self, lang: str = "en") -> str:
        """For people: in Chinese (``zh``), each kind of problem once per file and column
        with the lines it affects (chinese.py); in English, every issue on its own line."""
        if lang == "zh":
            return chinese.text(self.issues, self.errors, self.summary_zh())
        lines = []
        for issue in self.issues:
            label = "error" if self.blocks(issue) else "finding"
            lines.append(f"{label}: {issue}")
            lines.append(f"    {issue.type.title_zh}。修改方法：{issue.type.fix_zh}")
        lines.append(self.summary())
        return "\n".join(lines)

    def summary(self) -> str:
        n_err, n_find = len(self.errors), len(self.findings)
        state = "valid" if self.valid else "invalid"
        return f"{state}: {n_err} error(s), {n_find} finding(s)"

    def summary_zh(self) -> str:
        state = "通过" if self.valid else "未通过"
        return f"{state}：{len(self.errors):,} 个错误，{len(self.findings):,} 项发现"

    def to_json(self) -> str:
        items = [
            {"code": i.code, "message": i.message, "path": i.path, "row": i.row,
             "field": i.field, "severity": "error" if self.blocks(i) else "finding",
             "line": i.line, "title_zh": i.type.title_zh}
            for i in self.issues
        ]
        body = {"valid": self.valid, "errors": len(self.errors),
                "findings": len(self.findings), "issues": items}
        return json.dumps(body, ensure_ascii=False, indent=2)

    def to_github(self) -> str:
        """Workflow commands that GitHub Actions shows as annotations on the data files."""
        out = []
        for issue in self.issues:
            level = "error" if self.blocks(issue) else "warning"
            props = f"file={_gh(issue.path)}"
            if issue.line is not None:
                props += f",line={issue.line}"
            props += f",title={_gh(issue.code)}"
            out.append(f"::{level} {props}::{_gh_msg(str(issue))}")
        out.append(self.summary())
        return "\n".join(out)


def _sort_key(issue: Issue) -> tuple[str, int, str, str, str]:
    return (issue.path, issue.row or 0, issue.field or "", issue.code, issue.message)


def _gh_msg(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh(text: str) -> str:
    return _gh_msg(text).replace(":", "%3A").replace(",", "%2C")
