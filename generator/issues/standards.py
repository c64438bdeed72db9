"""Issues with the standards library: the catalogue and the full texts it points to."""

from __future__ import annotations

from .issue import IssueType

STANDARD_CATEGORY_UNKNOWN = IssueType(
    "standard-category-unknown", "error", "标准类别不在代码表中", "The standard's category is unknown",
    "使用 datasets/codelists/standard-categories.csv 中的代码。",
    '"{code}" is not in datasets/codelists/standard-categories.csv')
STANDARD_DATES_REVERSED = IssueType(
    "standard-dates-reversed", "error", "实施日期早于发布日期",
    "The standard takes effect before it is issued", "核对发布日期和实施日期。",
    "effective {effective} is before issued {issued}")
STANDARD_SUPERSEDES_UNKNOWN = IssueType(
    "standard-supersedes-unknown", "error", "被代替的标准不在目录中",
    "The superseded standard is not in the catalogue",
    "supersedes 须填写目录中已有的标准编号，或留空。",
    '"{code}" is not in the catalogue')
STANDARD_SUPERSEDES_STATUS = IssueType(
    "standard-supersedes-status", "error", "被代替的标准状态不是 superseded",
    "The superseded standard is not marked superseded",
    "把被代替标准的 status 改为 superseded。",
    '{code} supersedes {old}, but {old} has status "{status}"; mark it "superseded"')
STANDARD_SUPERSEDED_WITHOUT_SUCCESSOR = IssueType(
    "standard-superseded-without-successor", "error", "标准标为被代替，但没有标准代替它",
    "A standard marked superseded has no successor",
    "在代替它的新标准的 supersedes 列填写它的编号，或改正状态。",
    '{code} is marked "superseded" but no standard supersedes it')
STANDARD_REFERENCE_UNKNOWN = IssueType(
    "standard-reference-unknown", "error", "引用的标准编号不在目录中",
    "A cited standard is not in the catalogue",
    "核对编号（代号、顺序号和年号），或先把该标准加入目录。",
    '{code} cites "{cited}", which is not in the catalogue')
STANDARD_BODY_UNSAFE_HTML = IssueType(
    "standard-body-unsafe-html", "error", "全文含有不允许的 HTML",
    "The full text holds HTML that is not allowed",
    "全文只用 Markdown 书写：删除脚本、图片、内嵌 HTML 和 javascript: 链接。",
    "{code}: the sanitiser removed {removed}")
STANDARD_SLUG_COLLISION = IssueType(
    "standard-slug-collision", "error", "两个标准编号的网页地址相同",
    "Two standards would share a page", "两个编号只差标点或大小写，请核对编号。",
    '"{code}" and "{first}" (row {first_row}) would share the page "{slug}"')
