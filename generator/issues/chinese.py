"""The report as the clerks who publish read it: in Chinese, each kind of problem once per
file and column, with the lines it affects (第 5–1,228 行，共 1,224 行) and a few of them
spelled out, never a silent cap; lines counted as an editor counts them, the data row
named beside them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .issue import Issue, visible
from .zh import MESSAGES, VARIANTS

EXAMPLES = 3  # problems spelled out in a group; the rest are counted
SEGMENTS = 12  # line ranges listed in a group's heading; the rest are counted


def message(issue: Issue) -> str:
    """The issue's message in Chinese, from the values its English one was made from."""
    template = VARIANTS.get((issue.code, issue.variant)) if issue.variant else \
        MESSAGES.get(issue.code)
    if template is None:
        return issue.message
    values = {k: visible(v) if isinstance(v, str) else v for k, v in issue.values}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a value the template cannot take: English
        return issue.message


def text(issues: Sequence[Issue], blocks: Iterable[Issue], summary: str) -> str:
    """Errors first, then findings; each kind of problem in a file and column once, where
    it first appears in the report's order."""
    blocking = set(blocks)
    groups: dict[tuple[bool, str, str, str], list[Issue]] = {}
    for issue in issues:
        key = (issue not in blocking, issue.path, issue.field or "", issue.code)
        groups.setdefault(key, []).append(issue)
    lines: list[str] = []
    for (finding, path, field, _), items in sorted(groups.items(), key=lambda g: g[0][0]):
        label = "发现" if finding else "错误"
        lines.extend(_single(items[0], label) if len(items) == 1
                     else _group(items, label, path, field))
    lines.append(summary)
    return "\n".join(lines)


def _where(issue: Issue) -> str:
    where = issue.path
    if issue.line is not None:
        where += f" 第 {issue.line:,} 行（第 {issue.row:,} 条数据）"
    return where + (f"，{issue.field} 列" if issue.field else "")


def _single(issue: Issue, label: str) -> list[str]:
    kind = issue.type
    return [f"{label}：{_where(issue)}：{message(issue)} [{issue.code}]",
            f"    {kind.title_zh}。修改方法：{kind.fix_zh}"]


def _group(items: list[Issue], label: str, path: str, field: str) -> list[str]:
    kind = items[0].type
    lines = sorted({i.line for i in items if i.line is not None})
    where = path + (f"，{field} 列" if field else "")
    if lines:
        where += f"，第 {spans(lines)} 行，共 {len(lines):,} 行"
    out = [f"{label}：{where}：{kind.title_zh}（{len(items):,} 处）[{items[0].code}]"]
    for issue in items[:EXAMPLES]:
        at = f"第 {issue.line:,} 行：" if issue.line is not None else ""
        out.append(f"    {at}{message(issue)}")
    if len(items) > EXAMPLES:
        out.append(f"    另有 {len(items) - EXAMPLES:,} 处同样的问题")
    out.append(f"    修改方法：{kind.fix_zh}")
    return out


def spans(lines: Sequence[int]) -> str:
    """5–9、12、15–1,228: consecutive lines as ranges, the first SEGMENTS of them."""
    ranges: list[tuple[int, int]] = []
    for line in lines:
        if ranges and line == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], line)
        else:
            ranges.append((line, line))
    shown = [f"{a:,}" if a == b else f"{a:,}–{b:,}" for a, b in ranges[:SEGMENTS]]
    more = f" 等 {len(ranges)} 段" if len(ranges) > SEGMENTS else ""
    return "、".join(shown) + more
