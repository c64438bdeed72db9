"""The label of every code the data uses, in Chinese and in English: project and standard
statuses, donation channels, disclosure statuses and the protection fund's steps.

One owner: templates read labels through the ``label`` filter, the messages of the checks
name steps by their Chinese label, and the codes themselves are the domain's
(``domain.py``). Interface sentences are translated by ``i18n``; labels are not, because
one Chinese word may be a heading in one place and a status in another (按时公开).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import domain


@dataclass(frozen=True)
class Label:
    zh: str
    en: str

    def of(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


PROJECT_STATUS = {
    "planned": Label("计划中", "Planned"), "ongoing": Label("实施中", "Ongoing"),
    "completed": Label("已完成", "Completed"), "cancelled": Label("已取消", "Cancelled"),
}
STANDARD_STATUS = {
    "current": Label("现行", "Current"), "superseded": Label("被代替", "Superseded"),
    "withdrawn": Label("废止", "Withdrawn"), "draft": Label("征求意见稿", "Draft"),
}
CHANNEL = {
    "bank": Label("银行转账", "Bank transfer"), "online": Label("网络募捐", "Online"),
    "onsite": Label("现场捐赠", "On site"), "payroll": Label("单位代扣", "Payroll"),
    "other": Label("其他", "Other"),
}
DISCLOSURE = {
    "on-time": Label("按时公开", "On time"), "late": Label("逾期公开", "Published late"),
    "imported": Label("随本小区首次公开一并发布",
                      "Published together with the community's first publication"),
    "published": Label("已公开", "Published"),
    "overdue": Label("逾期未公开", "Overdue, not published"),
    "pending": Label("待公开", "Not yet due"),
}
STEP = {
    "solicit": Label("民意征集", "Needs collection"),
    "resolve": Label("议事会决议", "Council resolution"),
    "contract": Label("项目发包", "Contracting"),
    "implement": Label("项目实施", "Implementation"),
    "evaluate": Label("民主评议", "Democratic evaluation"),
}
TERM = {
    "remuneration_rate": Label("受托人酬金比例", "Trustee's remuneration rate"),
    "remuneration_base": Label("计提酬金的收入", "Income the remuneration is a share of"),
    "fee_standard": Label("物业服务费标准", "Property fee standard"),
    "trustee": Label("受托人", "Trustee"),
    "answer_days": Label("质询答复期限", "Days to answer an owner's question"),
    "approval_limit": Label("须经业主大会决议的单笔支出",
                            "A purchase that needs an owners' resolution"),
}
ASSET_KIND = {
    "parking": Label("停车位", "Parking"), "lift-ad": Label("电梯广告", "Lift advertising"),
    "screen-ad": Label("电子屏广告", "Screen advertising"),
    "board-ad": Label("宣传栏广告", "Notice-board advertising"),
    "room": Label("公共用房", "Rented room"), "site": Label("场地", "Site"),
    "telecom": Label("通信基站", "Telecom mast"), "other": Label("其他", "Other"),
}
RESOLUTION_KIND = {
    "budget": Label("预算", "Budget"), "fee": Label("收费标准", "Fee standard"),
    "contract": Label("合同", "Contract"), "trustee": Label("选聘或解聘受托人", "The trustee"),
    "rules": Label("管理规约或议事规则", "Community rules"),
    "committee": Label("选举业主委员会", "Owners' committee"),
    "repair-fund-use": Label("使用维修资金", "Using repair funds"),
    "repair-fund-raise": Label("筹集维修资金", "Raising repair funds"),
    "rebuild": Label("改建、重建", "Rebuilding"),
    "common-use": Label("共有部分的用途或经营", "Use of common parts for business"),
    "other": Label("其他事项", "Other matters"),
}
QUESTION_SUBJECT = {
    "entry": Label("账目", "Ledger entry"), "budget": Label("预算", "Budget line"),
    "resolution": Label("决议", "Resolution"), "asset": Label("公共收益", "Revenue asset"),
    "project": Label("项目", "Project"), "other": Label("其他", "Other"),
}
PARTY_RELATION = {
    "related": Label("受托人的关联方", "Related party of the trustee"),
    "contracted": Label("经业主大会决议选定", "Chosen by an owners' resolution"),
}
REPORT_KIND = {
    "progress": Label("进展报告", "Progress report"), "final": Label("结项报告", "Final report"),
}

# Each kind of code, with the domain's codes in their order: every code has its label.
KINDS: dict[str, tuple[dict[str, Label], tuple[str, ...]]] = {
    "project-status": (PROJECT_STATUS, domain.PROJECT_STATUSES),
    "standard-status": (STANDARD_STATUS, domain.STANDARD_STATUSES),
    "channel": (CHANNEL, domain.CHANNELS),
    "disclosure": (DISCLOSURE, domain.DISCLOSURE_STATUSES),
    "step": (STEP, domain.STEPS),
    "term": (TERM, domain.TERMS + domain.OPTIONAL_TERMS),
    "asset-kind": (ASSET_KIND, domain.ASSET_KINDS),
    "resolution-kind": (RESOLUTION_KIND, domain.RESOLUTION_KINDS),
    "question-subject": (QUESTION_SUBJECT, domain.QUESTION_SUBJECTS),
    "party-relation": (PARTY_RELATION, domain.PARTY_RELATIONS),
    "report-kind": (REPORT_KIND, domain.REPORT_KINDS),
}


def label(code: str, kind: str, lang: str = "zh") -> str:
    """The label of ``code``, a code of ``kind`` (a key of KINDS), in ``lang``."""
    return KINDS[kind][0][code].of(lang)


def step_zh(code: str) -> str:
    """A step's Chinese name, as the maintainers' messages give it after the code."""
    return STEP[code].zh
