"""Issues with a community's accounts (信托制物业): its ledger, budget, votes, fee
collection and bank statements, what it already published, and the findings residents
see on its page."""

from __future__ import annotations

from ..domain import OVERRUN_LIMIT
from .issue import IssueType

CATEGORY_UNKNOWN = IssueType(
    "category-unknown", "error", "科目代码不在科目表中", "The category is not in the chart of accounts",
    "改用 datasets/codelists/categories.csv 中的代码，或先在科目表中新增该科目。",
    '"{code}" is not in the chart of accounts',
    (("named", '"{code}" is the name of category "{fixed}" ({name}): write its code, "{fixed}"'),
     ("near", '"{code}" is not in the chart of accounts; did you mean "{fixed}" ({name})?')))
CATEGORY_DIRECTION_MISMATCH = IssueType(
    "category-direction-mismatch", "error", "科目的收支方向与条目不一致",
    "The category is for the other direction", "收入条目用收入科目，支出条目用支出科目。",
    '"{code}" is an {expected} category but the row is {direction}')
LEDGER_AMOUNT_PRECISION = IssueType(
    "ledger-amount-precision", "error", "金额超过两位小数", "An amount has more than two decimals",
    "金额保留到分（最多两位小数）。",
    '"{value}" has more than 2 decimals')
LEDGER_AMOUNT_ZERO = IssueType(
    "ledger-amount-zero", "error", "金额为 0", "An amount is zero",
    "金额必须大于 0；作废的条目请用更正条目处理。",
    "the amount is 0; it must be greater than 0")
LEDGER_DATE_BEFORE_OPENING = IssueType(
    "ledger-date-before-opening", "error", "日期早于期初余额日期",
    "The date is before the opening balance",
    "检查日期，或调整 datapackage.json 中的 opening_balance.date。",
    "{date} is before the opening balance date {opening}")
LEDGER_DATE_FUTURE = IssueType(
    "ledger-date-future", "error", "日期晚于今天", "The date is in the future",
    "检查日期是否写错。",
    "{date} is after today ({today})")
LEDGER_VOUCHER_MISSING = IssueType(
    "ledger-voucher-missing", "error", "支出没有凭证", "An expense has no voucher",
    "扫描或拍照该笔支出的凭证，放入 vouchers/ 并在 voucher 列写上路径。",
    "an expense needs a voucher")
LEDGER_BUDGET_LINE_UNKNOWN = IssueType(
    "ledger-budget-line-unknown", "error", "预算行不存在", "The budget line does not exist",
    "填写当年 budget.csv 中存在的 line_id，或留空。",
    '"{line}" is not a line of the {year} budget')
LEDGER_CORRECTS_UNKNOWN = IssueType(
    "ledger-corrects-unknown", "error", "被更正的条目不存在", "The corrected entry does not exist",
    "corrects 须填写本账目中已有的 entry_id。",
    '"{entry}" is not another entry of this ledger')
LEDGER_CORRECTION_INVALID = IssueType(
    "ledger-correction-invalid", "error", "更正条目与原条目不符",
    "A correction does not fit the entry it corrects",
    "更正条目须与原条目同为收入或同为支出，日期不早于原条目且在同一年度；两条条目不能互相更正。"
    "跨年度的调整另记一条新条目，不用 corrects。",
    '"{entry}" is {kind} but the entry it corrects, "{original}", is {original_kind}; a '
    "correction replaces an entry of the same direction",
    (("before", '"{entry}" is dated {date}, before the entry it corrects, "{original}" '
                "({original_date}); a correction comes after"),
     ("year", '"{entry}" is dated {date}, in another year than the entry it corrects, '
              '"{original}" ({original_date}); a correction stays in its year: book a change '
              "in a later year as an entry of that year, without corrects"),
     ("cycle", '"{entry}" and "{original}" correct each other, so that neither would count; '
               "a correction corrects an earlier entry")))
LEDGER_CORRECTS_TWICE = IssueType(
    "ledger-corrects-twice", "error", "同一条目被更正了两次", "An entry is corrected twice",
    "再次更正时，请更正上一条更正条目，而不是原条目。",
    '"{entry}" is already corrected by an earlier row')
BUDGET_LINE_DUPLICATE = IssueType(
    "budget-line-duplicate", "error", "同一年度的预算行编号重复", "A budget line repeats in a year",
    "给重复的预算行换一个 line_id。",
    "year and line_id repeat row {other}; each line_id may appear once a year")
RESOLUTION_VOTES_EXCEED_ELIGIBLE = IssueType(
    "resolution-votes-exceed-eligible", "error", "票数之和超过应参与表决票数",
    "More votes than eligible voters", "核对同意、反对、弃权和应参与表决的票数。",
    "{votes_for} for + {against} against + {abstentions} abstentions = {cast}, more than the "
    "{eligible} eligible votes")
COLLECTION_PAID_EXCEEDS_BILLED = IssueType(
    "collection-paid-exceeds-billed", "error", "已缴户数多于应缴户数",
    "More households paid than were billed", "核对收缴统计。",
    "{paid} households paid but only {billed} were billed")

# What was published never changes silently (the git history of the datasets).
_HOW_TO_CORRECT = ('a published entry never changes: put back the published values, then '
                   'add a new entry with corrects "{entry}" that carries the right figures '
                   "(the portal shows both and counts only the new one)")
LEDGER_ENTRY_CHANGED = IssueType(
    "ledger-entry-changed", "error", "已公开的条目被改动", "A published entry was changed",
    "已公开的条目不能修改：恢复原来的内容，另加一条新条目，在 corrects 列填原条目的 "
    "entry_id，写上正确的金额和说明。网站在两条上都注明更正，只计新条目。",
    'entry "{entry}" was {when} and has been changed: {changes}; ' + _HOW_TO_CORRECT)
LEDGER_ENTRY_DELETED = IssueType(
    "ledger-entry-deleted", "error", "已公开的条目被删除", "A published entry was deleted",
    "已公开的条目不能删除：把该行恢复原样；如有错误，另加一条 corrects 该条目的新条目。",
    'entry "{entry}" was {when} and is no longer in the ledger; it read: {published}. Put the '
    "row back; " + _HOW_TO_CORRECT,
    (("month", "all {n} entries of {month} were {when} and are no longer in the ledger (from "
               '"{first}" to "{last}"); put the month\'s rows back as they were in commit '
               "{commit}: a published month never goes"),))
WITHDRAWAL_RESOLUTION_UNKNOWN = IssueType(
    "withdrawal-resolution-unknown", "error", "退出声明引用的决议不存在",
    "The withdrawal names an unknown resolution",
    "退出本平台须由业主大会决议：在 resolutions.csv 中登记该决议，withdrawn.resolution 写它的编号。",
    'withdrawn names resolution "{resolution}", which is not in resolutions.csv')
REDACTION_ENTRY_UNKNOWN = IssueType(
    "redaction-entry-unknown", "error", "要遮盖的条目不存在", "The entry to redact is unknown",
    "redactions 中的 entry 写 ledger.csv 中已有的条目编号。",
    'redactions names entry "{entry}", which is not in the ledger')
REDACTION_CELL_NOT_REPLACED = IssueType(
    "redaction-cell-not-replaced", "error", "声明遮盖的单元格没有改成“已遮盖”",
    "A redacted cell still holds its text",
    "把该单元格的内容改成“已遮盖”三个字：网站会显示“已遮盖（个人信息）”和声明的日期、原因。",
    'the {field} of entry "{entry}" is declared redacted in datapackage.json but does not '
    "read 已遮盖; write 已遮盖 in the cell in place of the personal data, and the site shows "
    "that it was redacted, when and why")
LEDGER_VOUCHER_CHANGED = IssueType(
    "ledger-voucher-changed", "error", "已公开的凭证文件被替换或删除",
    "A published voucher was replaced or removed",
    "恢复原来的凭证文件（消息中给出 git 命令）；更清晰的扫描件用新文件名，并由更正条目引用。",
    "voucher {voucher} was published on {date} (commit {commit}) and {what}; put the published "
    "file back (git checkout {commit} -- {voucher}, run in the package folder). A better scan "
    "goes in a new file, named by a new entry that corrects the old one")

# Findings: published on the community's page.
REMUNERATION_OVER_RATE = IssueType(
    "remuneration-over-rate", "finding", "受托人酬金超过约定比例",
    "The trustee took more than the agreed rate",
    "核对酬金的计提；多提部分应退回共有资金并说明。",
    "in {year} the trustee took {taken:,.2f} yuan, more than {rate:.0%} of the year's income "
    "({allowed:,.2f} yuan) by {over:,.2f} yuan",
    (("terms", "in {year} the trustee took {taken:,.2f} yuan, more than the terms in effect "
               "that year allow ({terms}: {allowed:,.2f} yuan) by {over:,.2f} yuan"),))
BUDGET_OVERRUN = IssueType(
    "budget-overrun", "finding", f"支出超过预算 {(OVERRUN_LIMIT - 1) * 100:.0f}% 以上",
    f"Spending more than {(OVERRUN_LIMIT - 1) * 100:.0f}% over budget",
    "在公示中说明超支原因，必要时提请业主大会追加预算。",
    "in {year} '{category}' spent {actual:,.2f} yuan against a budget of {budget:,.2f} yuan "
    "({over} over)")
BALANCE_MISMATCH = IssueType(
    "balance-mismatch", "finding", "账面余额与银行对账单不符",
    "The ledger's balance differs from the bank statement",
    "逐笔核对当月收支与银行流水，补录或更正遗漏的条目。",
    "at the end of {month} the ledger gives {computed:,.2f} yuan but the bank statement shows "
    "{stated:,.2f} yuan (difference {difference:+,.2f})")
BALANCE_NEGATIVE = IssueType(
    "balance-negative", "finding", "共有资金余额为负", "The common fund is overdrawn",
    "核对当月支出是否记错或漏记收入；确实透支时，在公示中说明垫付的来源和补足办法。",
    "at the end of {month} the common fund held {balance:,.2f} yuan, less than nothing: more "
    "was spent than it had")
DISCLOSURE_OVERDUE = IssueType(
    "disclosure-overdue", "finding", "逾期未公开", "A month is overdue",
    "尽快公开该月的收支条目和凭证；当月没有收支时，公开该月的银行对账单（statements.csv）。",
    "nothing has been published for {month}: its entries and vouchers were due by {due} (the "
    "disclosure rule in datapackage.json); publish them, or the month's bank statement in "
    "statements.csv if there was no income or expense")

# ---- Amendments: dated terms, budget adjustments, corrected votes and statements --------
AMENDMENT_RESOLUTION_UNKNOWN = IssueType(
    "amendment-resolution-unknown", "error", "变更引用的决议不存在",
    "A change names an unknown resolution",
    "resolution 列填写 resolutions.csv 中已公开的决议编号；决议尚未公开的，先公开决议及其文件。",
    '{table} row "{key}" names resolution "{resolution}", which is not in resolutions.csv')
TERM_INVALID = IssueType(
    "term-invalid", "error", "约定的新值写法不对", "A term's value is not written as it must be",
    "酬金比例写小数（0.18 即 18%）；服务费标准写元/平方米/月（如 1.20）；计提基数写 all（全部收入）"
    "或以空格分隔的收入科目代码；质询答复期限写天数（如 15）；须经决议的金额写元（如 5000）。",
    'term "{key}": "{value}" is not a rate; write a fraction above 0 and below 1, e.g. 0.18 '
    "for 18%",
    (("fee", 'term "{key}": "{value}" is not a fee standard; write yuan per m² per month, '
             "e.g. 1.20"),
     ("base", 'term "{key}": "{value}" is not an income category of the chart of accounts; '
              "write all, or income category codes separated by spaces"),
     ("days", 'term "{key}": "{value}" is not a number of days; write a whole number from 1 '
              "to {limit}, e.g. 15"),
     ("amount", 'term "{key}": "{value}" is not an amount; write yuan above 0 with at most two '
                "decimals, e.g. 5000")))
TERM_RETROACTIVE = IssueType(
    "term-retroactive", "error", "约定的生效日期早于决议", "A term takes effect before it was decided",
    "生效日期不能早于作出变更的决议日期：已公开月份的核查结果不能被事后改变。确需追溯的，"
    "由业主大会另作决议并在账目中另记调整条目。",
    'term "{key}" takes effect on {effective}, before its resolution "{resolution}" of {decided}; '
    "a term applies from its decision on, never to the months before it",
    (("trust", 'term "{key}" takes effect on {effective}, not after the trust began on {since}; '
               "the term in effect from then is the one datapackage.json gives"),
     ("before-trust", 'term "{key}" takes effect on {effective}, before the trust began on '
                      "{since}; a term applies from the trust's first day on"),
     ("twice", 'term "{key}" sets {term} from {effective}, as "{other}" does; one value per '
               "day: keep one of the two rows"),
     ("published", 'term "{key}" takes effect on {effective}, but the accounts of {month} were '
                   "published on {day}, before this term (published {published}); a term "
                   "applies from the first month not yet published: give a later effective "
                   "date")))
BUDGET_ADJUSTMENT_INVALID = IssueType(
    "budget-adjustment-invalid", "error", "预算调整行与原预算行不符",
    "A budget adjustment does not fit the line it adjusts",
    "调整行与原预算行同一年度、同为收入或支出、同一科目，adjusts 填原预算行编号，resolution 填批准调整的"
    "决议编号；再次调整时 adjusts 填上一次的调整行。",
    'line "{line}" adjusts "{adjusts}", which is not a line of the {year} budget',
    (("differs", 'line "{line}" adjusts "{adjusts}" but its {field} differs ("{value}", the '
                 'line it adjusts has "{original}"); an adjustment keeps the year, direction '
                 "and category of the line it adjusts"),
     ("resolution", 'line "{line}" adjusts "{adjusts}" without a resolution: name the owners\' '
                    "decision that approved it in the resolution column"),
     ("twice", '"{adjusts}" is adjusted by "{line}" and by "{other}"; adjust the latest '
               "adjustment instead, so that one amount counts"),
     ("cycle", '"{line}" and "{adjusts}" adjust each other; an adjustment adjusts an earlier '
               "line"),
     ("cited", 'budget_line "{line}" is an adjustment of "{adjusts}" in {year}; name the line '
               'it adjusts, "{adjusts}": the adjusted amount counts for it')))
RESOLUTION_CORRECTION_INVALID = IssueType(
    "resolution-correction-invalid", "error", "决议更正行与原决议不符",
    "A resolution's correction does not fit the record it corrects",
    "更正行另起一个 resolution_id，corrects 填原决议编号，事项类型（kind）与原决议相同，日期不早于原决议；"
    "每条决议只更正一次，再次更正时更正上一次的更正行。",
    'resolution "{key}" corrects "{original}", which is not another resolution of this '
    "community",
    (("kind", 'resolution "{key}" corrects "{original}" but is of kind "{kind}", the original '
              'of kind "{original_kind}"; a correction keeps the kind'),
     ("before", 'resolution "{key}" is dated {date}, before the record it corrects ("{original}", '
                "{original_date}); a correction comes after"),
     ("twice", '"{original}" is corrected by "{key}" and by "{other}"; correct the latest '
               "correction instead")))
REVISION_INVALID = IssueType(
    "revision-invalid", "error", "更正行不完整", "A correction row is incomplete",
    "更正行与原行同一月份（年度），revised 填更正日期，note 写明更正原因；原行保留不动。",
    "{table} has a correction for {period} (revised {revised}) but no row first published for "
    "{period}: the original row stays, the correction is added beside it",
    (("note", "{table}: the correction for {period} (revised {revised}) gives no reason; say "
              "why in the note column"),
     ("early", "{table}: the correction for {period} is dated {revised}, before {period} ended; "
               "correct the row after the period it reports on")))
