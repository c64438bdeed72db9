"""Issues with packages and files as such: descriptors, CSV files, headers, code lists and
the published history they are compared with (the load stage and the structural checks)."""

from __future__ import annotations

from ..domain import REMUNERATION
from .issue import IssueType

PACKAGE_DESCRIPTOR_INVALID = IssueType(
    "package-descriptor-invalid", "error", "datapackage.json 不是有效的 JSON",
    "The descriptor datapackage.json is not valid JSON",
    "用文本编辑器打开该文件，按提示的行列修正 JSON 语法。",
    "invalid JSON at line {line}, column {col}: {error}",
    (("encoding", "the file is not UTF-8 text"),
     ("object", "the descriptor must be a JSON object"),
     ("value", "the descriptor cannot be read: {problem}")))
PACKAGE_DESCRIPTOR_MISSING = IssueType(
    "package-descriptor-missing", "error", "缺少 datapackage.json",
    "The descriptor datapackage.json is missing",
    "在数据包目录中放入 datapackage.json（可复制示例包的）。",
    "the package folder has no datapackage.json")
PACKAGE_PROPERTY_INVALID = IssueType(
    "package-property-invalid", "error", "数据包属性缺失或不正确",
    "A package property is missing or wrong",
    "按维护者页面“数据字典”中的说明补全或修正该属性。",
    "{value!r} is not valid: {reason}",
    (("required", "{name} is required"),
     ("resources", "'resources' must be a list of {{name, path}}"),
     ("resource", "each resource needs a 'name' and a 'path'"),
     ("path", "resource '{name}' must have path '{name}.csv'")))
PACKAGE_NAME_INVALID = IssueType(
    "package-name-invalid", "error", "数据包名称不合规", "The package's name is not allowed",
    "目录名和 name 只能用小写字母、数字和连字符，且两者一致。",
    "folder name '{folder}' may only use lowercase letters, digits and hyphens",
    (("mismatch", "name is {name!r} but the folder is '{folder}'; they must be equal"),))
PACKAGE_RESOURCE_MISSING = IssueType(
    "package-resource-missing", "error", "缺少必需的数据表", "A required table is missing",
    "在 resources 中登记该表，并放入对应的 CSV 文件。",
    "required resource '{name}' is not listed")
PACKAGE_RESOURCE_UNKNOWN = IssueType(
    "package-resource-unknown", "error", "不认识的数据表", "Unknown table",
    "删除该资源，或改为门户支持的表名。",
    "unknown resource '{name}'; expected one of {expected}")
PACKAGE_SCHEMA_DIFFERS = IssueType(
    "package-schema-differs", "error", "数据包自带的表结构与门户的标准结构不同",
    "The package brings its own table schema",
    "删除 resources 中的 schema 属性；表结构由门户统一提供，不能放宽。",
    "resource '{name}' declares its own schema; the portal's canonical schema applies")
FILE_MISSING = IssueType(
    "file-missing", "error", "文件不存在", "The file does not exist",
    "放入该文件，或修正文件路径。",
    "{name} does not exist")
FILE_TOO_LARGE = IssueType(
    "file-too-large", "error", "文件超过大小上限", "The file is too large",
    "拆分文件或检查是否误存了多余内容。",
    "the file is {size:,} bytes, over the limit of {limit:,} (--max-file-bytes)")
CSV_ENCODING = IssueType(
    "csv-encoding", "error", "CSV 不是 UTF-8 编码", "The CSV file is not UTF-8",
    "在 Excel 中选择“另存为 → CSV UTF-8（逗号分隔）”，或在 WPS 中另存为 UTF-8 编码的 CSV。",
    "the file is not UTF-8 (line {line} cannot be read); {guess}; re-save it as 'CSV UTF-8'")
CSV_EMPTY = IssueType(
    "csv-empty", "error", "CSV 文件是空的", "The CSV file is empty",
    "至少写入表头一行。",
    "the file is empty; it needs at least the header row")
CSV_MALFORMED = IssueType(
    "csv-malformed", "error", "CSV 格式无法解析", "The CSV file cannot be read",
    "检查引号是否成对。",
    "the CSV cannot be parsed from line {line}: {error}; a cell holding a quote must be "
    'quoted whole, with the quote doubled ("")')
TABLE_HEADER_MISSING_COLUMN = IssueType(
    "table-header-missing-column", "error", "表头缺少列", "A column is missing",
    "按数据字典补上该列（列名须完全一致）。",
    "column '{name}' is missing; the columns are: {expected}")
TABLE_HEADER_EXTRA_COLUMN = IssueType(
    "table-header-extra-column", "error", "表头有多余的列", "A column is not part of the table",
    "删除该列，或改成数据字典中的列名。",
    "column '{name}' is not part of the {table} table; the columns are: {expected}")
TABLE_HEADER_ORDER = IssueType(
    "table-header-order", "error", "列的顺序不对", "The columns are in the wrong order",
    "按数据字典中的顺序排列各列。",
    "the columns are in the wrong order: found {found}; expected {expected}")
TABLE_HEADER_LAYOUT = IssueType(
    "table-header-layout", "error", "表头不是本表的列名行", "The header is not the table's header",
    "第一行必须是列名行，列名与数据字典完全一致（英文列名）。从 Excel 或 WPS 的账表导入，"
    "可运行 portal import 表格文件 --into 这张表，它会认出标题行、中文列名和分隔符。",
    "line 1 is not the header: the header ({found}) is on line {line}; delete the lines above "
    "it (a title such as the sheet's name goes in no table)",
    (("titles", "the header uses titles, not the column names: {mapping}; write the column "
                "names ({expected}), or run portal import on the sheet"),
     ("separator", "the columns are separated by {separator}, not commas; save the file as "
                   "'CSV UTF-8 (comma delimited)', or run portal import on it"),
     ("duplicate", "column '{name}' appears {n} times in the header; keep one of them")))
CODELIST_REMUNERATION_MISSING = IssueType(
    "codelist-remuneration-missing", "error", "科目表缺少受托人酬金科目",
    "The chart of accounts has no code for the trustee's remuneration",
    f"在 categories.csv 中保留代码为 {REMUNERATION} 的支出科目。",
    "the chart of accounts has no expense code '{code}' for the trustee's remuneration "
    "(受托人酬金)")
CODELIST_MISSING = IssueType(
    "codelist-missing", "error", "缺少代码表", "A code list is missing",
    "在 datasets/codelists/ 中放入该代码表（可复制示例数据的）。",
    "{what} need datasets/codelists/{name}.csv")
COMMUNITY_TITLE_DUPLICATE = IssueType(
    "community-title-duplicate", "error", "两个小区的名称相同", "Two communities share a title",
    "给每个小区一个不同的名称（可加上街道或期数，例如“锦华花园二期”），居民才分得清。",
    "the title {title!r} is also the title of {other}; residents could not tell them apart")
PUBLISHED_HISTORY_MISSING = IssueType(
    "published-history-missing", "error", "没有完整的发布历史，无法核对已公开的内容",
    "The history of what was published cannot be read",
    "在数据仓库的完整克隆中运行：浅克隆先运行 git fetch --unshallow；GitHub Actions 的 "
    "actions/checkout 设置 fetch-depth: 0。",
    "the git history is shallow (cloned with --depth), so what was published cannot be "
    "read; run git fetch --unshallow",
    (("none", "the datasets are not in a git checkout, so what was published cannot be read; "
              "run in a clone of the data repository"),))
PUBLISHED_PACKAGE_REMOVED = IssueType(
    "published-package-removed", "error", "已公开的小区数据包被移走或删除",
    "A published community was moved or removed",
    "已公开的小区不能移走或删除：把它的目录恢复原样（消息中给出 git 命令）。目录名和 name "
    "都不能改。",
    'community "{name}" was published on {date} from {folder} and is no longer in the '
    "datasets; what was published stays published: put its folder back "
    "(git checkout {commit} -- {folder}, run in the datasets folder)")
PUBLISHED_SITE_UNREADABLE = IssueType(
    "published-site-unreadable", "error", "读不到已发布网站的公开记录",
    "The published site's record cannot be read",
    "用 --published-site 给出正在运行的网站地址（或其文件夹）；门户第一次发布时用 "
    "--first-publication 声明。",
    "{source}: {reason}; what the site published cannot be checked, and nothing is built "
    "over it",
    (("none", "neither --published-site nor --first-publication was given: where the history "
              "is required (CI), the live site's record is read, or a first publication is "
              "declared"),))
# How each table is amended once published, said in the messages of the two rules above
# and the git record's (validate/published.py): one place, so that both say the same.
AMEND = {
    "ledger": 'add a new entry whose corrects column names "{key}"',
    "budget": 'add an adjustment line (same year, direction and category) whose adjusts column '
              'names "{key}" and whose resolution column names the resolution that approved it',
    "resolutions": 'add a correction row (a new resolution_id) whose corrects column names "{key}"',
    "statements": "add a row for the same month with the date of the correction in revised and "
                  "why in note",
    "collection": "add a row for the same year with the date of the correction in revised and "
                  "why in note",
    "terms": "add a row to terms.csv with the new value, the date it applies from and its "
             "resolution",
    "profile": "add a row to terms.csv with the new value, the date it applies from and its "
               "resolution (the opening balance and the sample flag never change)",
    "donations": "add a note to the foundation's next report; the published row stays",
    "disbursements": "add a note to the foundation's next report; the published row stays",
    "steps": "record what changed in the project's next step; the published row stays",
    "assets": "a new contract is a new row (a new asset_id) from the day it applies; the old "
              "row's end date is filled in once, when it ends",
    "questions": "the question stays as it was received; its answer and answered date are "
                 "filled in once; what changes later is a new question row on the same subject",
    "parties": "the declared relation stays; its until date is filled in once, when it ends",
    "reports": "add a new report row; the published row stays",
}
_AMEND_ZH = ("已公开的内容不能修改或删除：按消息把原值恢复，然后按表另加一行：账目加 corrects 更正条目；"
             "预算加 adjusts 调整行并填批准的决议；决议计票加 corrects 更正行；对账单、收缴情况加同月（同年）"
             "的更正行，填 revised（更正日期）和 note（原因）；酬金比例、服务费标准、受托人等约定在 "
             "terms.csv 加一行新约定，写生效日期和决议；公共收益合同变更时另起一行新资产编号，原行只补填终止日期；"
             "质询只补填答复和答复日期；收款单位声明只补填终止日期；基金会报告另加一行。")
PUBLISHED_SITE_REMOVED = IssueType(
    "published-site-removed", "error", "已发布网站记录的内容被删除",
    "Something the published site records was removed", _AMEND_ZH,
    '{table} row "{key}" is recorded by the published site as published on {date} and is no '
    "longer in the table; it read: {published}. Put the row back: a published row never "
    "goes; to amend it, {how}",
    (("package", 'package "{name}" is recorded by the published site (first published on '
                 "{date}) and is no longer in the datasets; put its folder back"),
     ("profile", "community.{key} is recorded by the published site as published on {date} "
                 'as "{published}" and is no longer in datapackage.json: put it back')))
PUBLISHED_SITE_CHANGED = IssueType(
    "published-site-changed", "error", "已发布网站记录的内容被改动",
    "Something the published site records was changed", _AMEND_ZH + "更清晰的凭证扫描件用新文件名。",
    '{table} row "{key}": {field} was "{old}" on the published site (published {date}), now '
    '"{new}". A published row never changes: put the published value back, then {how}',
    (("file", "{path} was published on {date} (the published site records its SHA-256) and has "
              "been replaced or removed; put the published file back"),
     ("profile", 'community.{key} was "{old}" on the published site (published {date}), now '
                 '"{new}". A published term never changes: put the published value back, '
                 "then {how}")))
PUBLISHED_REF_UNKNOWN = IssueType(
    "published-ref-unknown", "error", "找不到用来比对的已发布版本",
    "The published version to compare with cannot be found",
    "用 --published-ref 指定已发布的分支（如 origin/main），并先 git fetch 该分支。",
    "'{ref}' is not a commit of this repository; fetch it or name another branch")

PUBLISHED_ROW_CHANGED = IssueType(
    "published-row-changed", "error", "已公开的记录被改动", "A published row was changed",
    _AMEND_ZH,
    '{table} row "{key}" was published on {date} (commit {commit}) and has been changed: '
    "{changes}. A published row never changes: put the published values back, then {how}",
    (("profile", 'community.{key} was "{old}" when datapackage.json was published on {date} '
                 '(commit {commit}), now "{new}". A published term never changes: put the '
                 "published value back, then {how}"),))
PUBLISHED_ROW_DELETED = IssueType(
    "published-row-deleted", "error", "已公开的记录被删除", "A published row was deleted",
    _AMEND_ZH,
    '{table} row "{key}" was published on {date} (commit {commit}) and is no longer in the '
    "table; it read: {published}. Put the row back; to amend it, {how}",
    (("profile", "community.{key} was published in datapackage.json on {date} (commit "
                 '{commit}) as "{old}" and is no longer there: put it back'),))
