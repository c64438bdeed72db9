"""Problems found in the datasets, and the report that gathers them.

An issue is data, not an exception: a stable code, a message, and where it
is (file, data row, field). Errors stop the build; findings are published on
the portal and only stop the build under ``--strict``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "finding"]


@dataclass(frozen=True)
class IssueType:
    severity: Severity
    title_zh: str
    fix_zh: str


# Every code the portal can report. The maintainers' page lists this table, so a
# code seen in CI can be looked up in Chinese.
TYPES: dict[str, IssueType] = {
    # files and descriptors
    "package-descriptor-invalid": IssueType(
        "error", "datapackage.json 不是有效的 JSON", "用文本编辑器打开该文件，按提示的行列修正 JSON 语法。"
    ),
    "package-descriptor-missing": IssueType(
        "error", "缺少 datapackage.json", "在数据包目录中放入 datapackage.json（可复制示例包的）。"
    ),
    "package-property-invalid": IssueType(
        "error", "数据包属性缺失或不正确", "按维护者页面“数据字典”中的说明补全或修正该属性。"
    ),
    "package-name-invalid": IssueType(
        "error", "数据包名称不合规", "目录名和 name 只能用小写字母、数字和连字符，且两者一致。"
    ),
    "package-resource-missing": IssueType(
        "error", "缺少必需的数据表", "在 resources 中登记该表，并放入对应的 CSV 文件。"
    ),
    "package-resource-unknown": IssueType(
        "error", "不认识的数据表", "删除该资源，或改为门户支持的表名。"
    ),
    "package-schema-differs": IssueType(
        "error", "数据包自带的表结构与门户的标准结构不同",
        "删除 resources 中的 schema 属性；表结构由门户统一提供，不能放宽。",
    ),
    "file-missing": IssueType("error", "文件不存在", "放入该文件，或修正文件路径。"),
    "file-too-large": IssueType(
        "error", "文件超过大小上限", "拆分文件或检查是否误存了多余内容。"
    ),
    "csv-encoding": IssueType(
        "error", "CSV 不是 UTF-8 编码",
        "在 Excel 中选择“另存为 → CSV UTF-8（逗号分隔）”，或在 WPS 中另存为 UTF-8 编码的 CSV。",
    ),
    "csv-empty": IssueType("error", "CSV 文件是空的", "至少写入表头一行。"),
    "csv-malformed": IssueType("error", "CSV 格式无法解析", "检查引号是否成对。"),
    "table-header-missing-column": IssueType(
        "error", "表头缺少列", "按数据字典补上该列（列名须完全一致）。"
    ),
    "table-header-extra-column": IssueType(
        "error", "表头有多余的列", "删除该列，或改成数据字典中的列名。"
    ),
    "table-header-order": IssueType(
        "error", "列的顺序不对", "按数据字典中的顺序排列各列。"
    ),
    # structural checks (Table Schema, run by frictionless)
    "schema-type-error": IssueType(
        "error", "值的格式不对", "日期写成 2024-03-05，金额只写数字（不带千分位、货币符号）。"
    ),
    "schema-constraint-error": IssueType(
        "error", "值不符合约束", "按数据字典中的约束修改该值。"
    ),
    "schema-required": IssueType("error", "必填字段为空", "填写该字段。"),
    "schema-unique-error": IssueType("error", "编号重复", "给重复的那一行换一个新编号。"),
    "schema-blank-row": IssueType("error", "空行", "删除这一空行。"),
    "schema-extra-cell": IssueType(
        "error", "这一行的单元格比表头多", "检查是否有多余的逗号，含逗号的文字要加双引号。"
    ),
    "schema-missing-cell": IssueType(
        "error", "这一行的单元格比表头少", "补齐这一行缺少的单元格。"
    ),
    "schema-error": IssueType("error", "表结构检查未通过", "按提示修改。"),
    # community accounts
    "codelist-remuneration-missing": IssueType(
        "error", "科目表缺少受托人酬金科目", "在 categories.csv 中保留代码为 remuneration 的支出科目。"
    ),
    "category-unknown": IssueType(
        "error", "科目代码不在科目表中", "改用 datasets/codelists/categories.csv 中的代码，或先在科目表中新增该科目。"
    ),
    "category-direction-mismatch": IssueType(
        "error", "科目的收支方向与条目不一致", "收入条目用收入科目，支出条目用支出科目。"
    ),
    "ledger-amount-precision": IssueType(
        "error", "金额超过两位小数", "金额保留到分（最多两位小数）。"
    ),
    "ledger-amount-zero": IssueType("error", "金额为 0", "金额必须大于 0；作废的条目请用更正条目处理。"),
    "ledger-date-before-opening": IssueType(
        "error", "日期早于期初余额日期", "检查日期，或调整 datapackage.json 中的 opening_balance.date。"
    ),
    "ledger-date-future": IssueType("error", "日期晚于今天", "检查日期是否写错。"),
    "ledger-voucher-missing": IssueType(
        "error", "支出没有凭证", "扫描或拍照该笔支出的凭证，放入 vouchers/ 并在 voucher 列写上路径。"
    ),
    "ledger-voucher-not-found": IssueType(
        "error", "凭证文件不存在", "把凭证文件放到所写的路径，或修正路径。"
    ),
    "ledger-voucher-unsafe": IssueType(
        "error", "凭证路径不安全", "凭证必须是 vouchers/ 目录中的普通文件：不用 ..、不用绝对路径、不用符号链接。"
    ),
    "ledger-voucher-type": IssueType(
        "error", "凭证文件类型不允许", "凭证只能是 jpg、png、webp 或 pdf 文件。"
    ),
    "ledger-budget-line-unknown": IssueType(
        "error", "预算行不存在", "填写当年 budget.csv 中存在的 line_id，或留空。"
    ),
    "ledger-corrects-unknown": IssueType(
        "error", "被更正的条目不存在", "corrects 须填写本账目中已有的 entry_id。"
    ),
    "ledger-corrects-twice": IssueType(
        "error", "同一条目被更正了两次", "再次更正时，请更正上一条更正条目，而不是原条目。"
    ),
    # every text: public, so no personal numbers and nothing a spreadsheet would run
    "personal-id-number": IssueType(
        "error", "含有身份证号码",
        "删除身份证号码：个人信息不能公开。凭证图片上的个人信息也要遮盖。",
    ),
    "personal-mobile-number": IssueType(
        "error", "含有手机号码",
        "删除手机号码：个人信息不能公开。物业服务热线等公开号码可以登记在数据包的 "
        "public_numbers 中。",
    ),
    "personal-bank-card": IssueType(
        "error", "含有银行卡号", "删除银行卡号：个人信息不能公开；对公账户只写开户单位名称。"
    ),
    "cell-too-long": IssueType(
        "error", "单元格文字过长", "单元格只写简短的文字；长篇内容做成文件放入 documents/，在表中写文件路径。"
    ),
    "cell-formula": IssueType(
        "error", "文字以 = + - @ 开头",
        "下载的 CSV 用 Excel 或 WPS 打开时，这样开头的单元格会被当作公式执行。"
        "改为以文字开头，例如把“-维修”写成“维修”。",
    ),
    # published entries: compared with the git history of the datasets
    "published-ref-unknown": IssueType(
        "error", "找不到用来比对的已发布版本",
        "用 --published-ref 指定已发布的分支（如 origin/main），并先 git fetch 该分支。",
    ),
    "ledger-entry-changed": IssueType(
        "error", "已公开的条目被改动",
        "已公开的条目不能修改：恢复原来的内容，另加一条新条目，在 corrects 列填原条目的 "
        "entry_id，写上正确的金额和说明。网站在两条上都注明更正，只计新条目。",
    ),
    "ledger-entry-deleted": IssueType(
        "error", "已公开的条目被删除",
        "已公开的条目不能删除：把该行恢复原样；如有错误，另加一条 corrects 该条目的新条目。",
    ),
    "ledger-voucher-changed": IssueType(
        "error", "已公开的凭证文件被替换或删除",
        "恢复原来的凭证文件（消息中给出 git 命令）；更清晰的扫描件用新文件名，并由更正条目引用。",
    ),
    "budget-line-duplicate": IssueType(
        "error", "同一年度的预算行编号重复", "给重复的预算行换一个 line_id。"
    ),
    "resolution-votes-exceed-eligible": IssueType(
        "error", "票数之和超过应参与表决票数", "核对同意、反对、弃权和应参与表决的票数。"
    ),
    "document-not-found": IssueType("error", "文件不存在", "放入该文件，或修正路径。"),
    "document-unsafe": IssueType(
        "error", "文件路径不安全", "文件必须是 documents/ 目录中的普通文件：不用 ..、不用绝对路径、不用符号链接。"
    ),
    "document-type": IssueType("error", "文件类型不允许", "只能是 pdf、jpg、png 或 webp 文件。"),
    "collection-paid-exceeds-billed": IssueType(
        "error", "已缴户数多于应缴户数", "核对收缴统计。"
    ),
    # shared by every kind of package
    "amount-precision": IssueType("error", "金额超过两位小数", "金额保留到分（最多两位小数）。"),
    "amount-zero": IssueType("error", "金额为 0", "金额必须大于 0。"),
    "codelist-missing": IssueType(
        "error", "缺少代码表", "在 datasets/codelists/ 中放入该代码表（可复制示例数据的）。"
    ),
    "community-unknown": IssueType(
        "error", "社区编号不存在", "使用 datasets/codelists/communities.csv 中的编号或小区数据包的编号，或先在代码表中新增该社区。"
    ),
    "project-category-unknown": IssueType(
        "error", "项目类别不在代码表中", "使用 datasets/codelists/project-categories.csv 中的代码。"
    ),
    "project-unknown": IssueType("error", "项目编号不存在", "填写 projects.csv 中已有的项目编号。"),
    # community foundation and protection fund
    "foundation-dates-reversed": IssueType(
        "error", "结束日期早于开始日期", "核对项目的计划开始和结束日期。"
    ),
    "disbursement-exceeds-funds": IssueType(
        "error", "拨付超过可用资金", "拨付不能超过该项目的定向捐赠余额加上当时的非定向资金余额；核对金额、日期，或先登记到账的捐赠。"
    ),
    "disbursement-voucher-not-found": IssueType(
        "error", "凭证文件不存在", "把凭证文件放到所写的路径，或修正路径。"
    ),
    "disbursement-voucher-unsafe": IssueType(
        "error", "凭证路径不安全", "凭证必须是 vouchers/ 目录中的普通文件：不用 ..、不用绝对路径、不用符号链接。"
    ),
    "disbursement-voucher-type": IssueType(
        "error", "凭证文件类型不允许", "凭证只能是 jpg、png、webp 或 pdf 文件，且内容与扩展名一致。"
    ),
    "step-missing-earlier": IssueType(
        "error", "缺少前面的步骤", "五步法须依次进行：民意征集、议事会决议、项目发包、项目实施、民主评议；先补录前面的步骤。"
    ),
    "step-date-order": IssueType("error", "步骤日期早于前一步", "核对各步骤的日期，后一步不能早于前一步。"),
    "step-evaluation-before-implementation": IssueType(
        "error", "民主评议早于项目实施", "民主评议须在项目实施之后进行；核对日期。"
    ),
    "step-satisfaction-not-evaluation": IssueType(
        "error", "满意度只用于民主评议", "把满意度填在 evaluate（民主评议）这一行，其他步骤留空。"
    ),
    "step-votes-exceed-participants": IssueType(
        "error", "票数多于参与人数", "核对同意票、反对票和参与人数。"
    ),
    # findings: published on the community's page
    "remuneration-over-rate": IssueType(
        "finding", "受托人酬金超过约定比例", "核对酬金的计提；多提部分应退回共有资金并说明。"
    ),
    "budget-overrun": IssueType(
        "finding", "支出超过预算 10% 以上", "在公示中说明超支原因，必要时提请业主大会追加预算。"
    ),
    "balance-mismatch": IssueType(
        "finding", "账面余额与银行对账单不符", "逐笔核对当月收支与银行流水，补录或更正遗漏的条目。"
    ),
    "disclosure-overdue": IssueType(
        "finding", "逾期未公开",
        "尽快公开该月的收支条目和凭证；当月没有收支时，公开该月的银行对账单（statements.csv）。",
    ),
    # findings on projects: published on the project and community pages
    "protection-overspent": IssueType(
        "finding", "实际支出超过预算", "说明超支原因；超支部分须经议事会决议追加。"
    ),
    "protection-completed-without-evaluation": IssueType(
        "finding", "项目已完成但没有民主评议", "组织居民民主评议并登记结果。"
    ),
    "protection-low-satisfaction": IssueType(
        "finding", "民主评议满意度低于 60%", "公开整改措施，整改后可再次评议。"
    ),
    "foundation-completed-without-report": IssueType(
        "finding", "项目已完成但没有公开报告", "在 documents/ 中放入结项报告并填写 report。"
    ),
    "foundation-past-end-date": IssueType(
        "finding", "项目已过计划结束日期仍在实施", "更新项目状态，或公开延期原因和新的结束日期。"
    ),
    # the standards library
    "standard-category-unknown": IssueType(
        "error", "标准类别不在代码表中", "使用 datasets/codelists/standard-categories.csv 中的代码。"
    ),
    "standard-dates-reversed": IssueType("error", "实施日期早于发布日期", "核对发布日期和实施日期。"),
    "standard-supersedes-unknown": IssueType(
        "error", "被代替的标准不在目录中", "supersedes 须填写目录中已有的标准编号，或留空。"
    ),
    "standard-supersedes-status": IssueType(
        "error", "被代替的标准状态不是 superseded", "把被代替标准的 status 改为 superseded。"
    ),
    "standard-superseded-without-successor": IssueType(
        "error", "标准标为被代替，但没有标准代替它", "在代替它的新标准的 supersedes 列填写它的编号，或改正状态。"
    ),
    "standard-reference-unknown": IssueType(
        "error", "引用的标准编号不在目录中", "核对编号（代号、顺序号和年号），或先把该标准加入目录。"
    ),
    "standard-body-unsafe-html": IssueType(
        "error", "全文含有不允许的 HTML", "全文只用 Markdown 书写：删除脚本、图片、内嵌 HTML 和 javascript: 链接。"
    ),
    "standard-body-not-found": IssueType("error", "全文文件不存在", "把 Markdown 全文放到 texts/ 目录，或修正路径。"),
    "standard-body-unsafe": IssueType(
        "error", "全文路径不安全", "全文必须是 texts/ 目录中的普通文件：不用 ..、不用绝对路径、不用符号链接。"
    ),
    "standard-body-type": IssueType("error", "全文不是 UTF-8 的 Markdown 文件", "全文须是 UTF-8 编码的 .md 文件。"),
    "standard-pdf-not-found": IssueType("error", "PDF 文件不存在", "把 PDF 放到 pdfs/ 目录，或修正路径。"),
    "standard-pdf-unsafe": IssueType(
        "error", "PDF 路径不安全", "PDF 必须是 pdfs/ 目录中的普通文件：不用 ..、不用绝对路径、不用符号链接。"
    ),
    "standard-pdf-type": IssueType("error", "不是 PDF 文件", "pdf 列只能指向 PDF 文件。"),
    "standard-slug-collision": IssueType(
        "error", "两个标准编号的网页地址相同", "两个编号只差标点或大小写，请核对编号。"
    ),
}


@dataclass(frozen=True)
class Issue:
    code: str
    message: str
    path: str
    row: int | None = None
    field: str | None = None

    @property
    def severity(self) -> Severity:
        return TYPES[self.code].severity

    @property
    def line(self) -> int | None:
        # Data row 1 sits on line 2, below the header.
        return None if self.row is None else self.row + 1

    def location(self) -> str:
        where = self.path if self.row is None else f"{self.path}:{self.row}"
        return f"{where}: {self.field}" if self.field else where

    def __str__(self) -> str:
        return f"{self.location()}: {self.message} [{self.code}]"


def display_path(path: Path) -> str:
    """A path as the maintainer typed it: relative to the working directory when inside it."""
    rel = os.path.relpath(path)
    return Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()


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

    def to_text(self) -> str:
        lines = []
        for issue in self.issues:
            label = "error" if self.blocks(issue) else "finding"
            lines.append(f"{label}: {issue}")
            lines.append(f"    {TYPES[issue.code].title_zh}。修改方法：{TYPES[issue.code].fix_zh}")
        lines.append(self.summary())
        return "\n".join(lines)

    def summary(self) -> str:
        n_err, n_find = len(self.errors), len(self.findings)
        state = "valid" if self.valid else "invalid"
        return f"{state}: {n_err} error(s), {n_find} finding(s)"

    def to_json(self) -> str:
        items = [
            {**asdict(i), "severity": "error" if self.blocks(i) else "finding",
             "line": i.line, "title_zh": TYPES[i.code].title_zh}
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
