"""Issues with the community foundation (社区基金会: projects, donations, disbursements) and
the protection fund (社区保障资金: projects and their five steps), with the findings shown
on the project pages."""

from __future__ import annotations

from ..domain import LOW_SATISFACTION
from .issue import IssueType

COMMUNITY_UNKNOWN = IssueType(
    "community-unknown", "error", "社区编号不存在", "The community is unknown",
    "使用 datasets/codelists/communities.csv 中的编号或小区数据包的编号，或先在代码表中新增该社区。",
    '"{community}" is neither in datasets/codelists/communities.csv nor a community package',
    (("none", "no community is named"),))
PROJECT_CATEGORY_UNKNOWN = IssueType(
    "project-category-unknown", "error", "项目类别不在代码表中", "The project category is unknown",
    "使用 datasets/codelists/project-categories.csv 中的代码。",
    '"{code}" is not in datasets/codelists/project-categories.csv')
PROJECT_UNKNOWN = IssueType(
    "project-unknown", "error", "项目编号不存在", "The project is unknown",
    "填写 projects.csv 中已有的项目编号。",
    '"{project}" is not a project of the foundation',
    (("protection", '"{project}" is not a protection-fund project'),))
DONOR_LOOKS_PERSONAL = IssueType(
    "donor-looks-personal", "error", "捐赠方像是个人姓名", "The donor looks like a person",
    "个人捐赠者在 donor_type 填 individual（网站只显示姓氏，如 王**；本人书面同意公开姓名时在 consent "
    "填同意书编号）；确是单位的，写单位全称，如 ××商贸有限公司。",
    '"{donor}" is marked as an organisation but reads like a person\'s name; a person\'s name '
    "is published only with consent (PIPL art. 25)")
FOUNDATION_DATES_REVERSED = IssueType(
    "foundation-dates-reversed", "error", "结束日期早于开始日期", "The end is before the start",
    "核对项目的计划开始和结束日期。",
    "end_date {end} is before start_date {start}")
DISBURSEMENT_EXCEEDS_FUNDS = IssueType(
    "disbursement-exceeds-funds", "error", "拨付超过可用资金",
    "A disbursement exceeds the funds available",
    "拨付不能超过该项目的定向捐赠余额加上当时的非定向资金余额；核对金额、日期，或先登记到账的捐赠。",
    "{amount:,.2f} yuan to {project} on {date} exceeds the funds available by {short:,.2f} yuan "
    "(the project's restricted balance {own:,.2f}, unrestricted balance {pool:,.2f})")
STEP_MISSING_EARLIER = IssueType(
    "step-missing-earlier", "error", "缺少前面的步骤", "An earlier step is missing",
    "五步法须依次进行：民意征集、议事会决议、项目发包、项目实施、民主评议；先补录前面的步骤。",
    '"{step}" ({step_zh}) is recorded for {project} but {missing} is not')
_BEFORE = '"{step}" ({step_zh}) on {date} is dated before "{before}" ({before_zh}) on {before_date}'
STEP_DATE_ORDER = IssueType(
    "step-date-order", "error", "步骤日期早于前一步", "A step is dated before the one before it",
    "核对各步骤的日期，后一步不能早于前一步。",
    _BEFORE)
STEP_EVALUATION_BEFORE_IMPLEMENTATION = IssueType(
    "step-evaluation-before-implementation", "error", "民主评议早于项目实施",
    "The evaluation is dated before the implementation", "民主评议须在项目实施之后进行；核对日期。",
    _BEFORE)
STEP_SATISFACTION_NOT_EVALUATION = IssueType(
    "step-satisfaction-not-evaluation", "error", "满意度只用于民主评议",
    "Satisfaction belongs to the evaluation",
    "把满意度填在 evaluate（民主评议）这一行，其他步骤留空。",
    'satisfaction is given for "{step}" ({step_zh}); only the evaluate step has one')
STEP_VOTES_EXCEED_PARTICIPANTS = IssueType(
    "step-votes-exceed-participants", "error", "票数多于参与人数", "More votes than participants",
    "核对同意票、反对票和参与人数。",
    "{votes} votes are more than the {participants} participants")

# Findings: published on the project and community pages.
PROTECTION_OVERSPENT = IssueType(
    "protection-overspent", "finding", "实际支出超过预算", "The project spent more than its budget",
    "说明超支原因；超支部分须经议事会决议追加。",
    "{project} ({title}) spent {spent:,.2f} yuan against a budget of {budget:,.2f} yuan "
    "({over:,.2f} over)")
PROTECTION_COMPLETED_WITHOUT_EVALUATION = IssueType(
    "protection-completed-without-evaluation", "finding", "项目已完成但没有民主评议",
    "A completed project has no evaluation", "组织居民民主评议并登记结果。",
    "{project} ({title}) is completed but has no evaluation step")
PROTECTION_LOW_SATISFACTION = IssueType(
    "protection-low-satisfaction", "finding", f"民主评议满意度低于 {LOW_SATISFACTION:.0%}",
    f"Satisfaction under {LOW_SATISFACTION:.0%}", "公开整改措施，整改后可再次评议。",
    "{project} ({title}): {share:.0%} of residents were satisfied, under {limit:.0%}")
FOUNDATION_COMPLETED_WITHOUT_REPORT = IssueType(
    "foundation-completed-without-report", "finding", "项目已完成但没有公开报告",
    "A completed project has no report", "在 documents/ 中放入结项报告并填写 report。",
    "{project} ({title}) is completed but no report is published")
FOUNDATION_PAST_END_DATE = IssueType(
    "foundation-past-end-date", "finding", "项目已过计划结束日期仍在实施",
    "A project is still ongoing after its planned end",
    "更新项目状态，或公开延期原因和新的结束日期。",
    "{project} ({title}) is still ongoing after its planned end on {end}")
