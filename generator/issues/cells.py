"""Issues with the cells of any table: the Table Schema's types and constraints (checked by
frictionless), amounts, and the text every cell publishes (personal numbers, formulas)."""

from __future__ import annotations

from .issue import IssueType

SCHEMA_TYPE_ERROR = IssueType(
    "schema-type-error", "error", "值的格式不对", "A value has the wrong form",
    "日期写成 2024-03-05，金额只写数字（不带千分位、货币符号）。",
    '"{value}" is not {expected}',
    (("full-width", '"{value}" has full-width or other non-ASCII characters; write it with '
                    "half-width digits 0-9, e.g. 1200.50 or 2024-03-05"),
     ("date-fix", '"{value}" is not a date written as YYYY-MM-DD; write {fixed}'),
     ("too-long", '"{value}" has more digits than a figure here can have ({digits} before the '
                  "decimal point at most); check the value")))
SCHEMA_CONSTRAINT_ERROR = IssueType(
    "schema-constraint-error", "error", "值不符合约束", "A value breaks a constraint",
    "按数据字典中的约束修改该值。",
    '"{value}" breaks the constraint {name} {limit}',
    (("enum", '"{value}" is not one of: {allowed}'),
     ("enum-spaces", '"{value}" has spaces around it: write "{fixed}"'),
     ("enum-near", '"{value}" is not one of: {allowed}; did you mean "{fixed}"?'),
     ("minimum", '"{value}" is below the minimum {limit}'),
     ("maximum", '"{value}" is above the maximum {limit}'),
     ("pattern", '"{value}" does not have the required form ({limit})'),
     ("unknown", '"{value}" breaks a constraint: {note}')))
SCHEMA_REQUIRED = IssueType(
    "schema-required", "error", "必填字段为空", "A required value is empty",
    "填写该字段。",
    "a value is required")
SCHEMA_UNIQUE_ERROR = IssueType(
    "schema-unique-error", "error", "编号重复", "An id is repeated",
    "给重复的那一行换一个新编号。",
    '"{value}" is a duplicate of row {other}; each value must be unique',
    (("key", "{columns} repeat row {other}"),))
SCHEMA_BLANK_ROW = IssueType(
    "schema-blank-row", "error", "空行", "A blank row",
    "删除这一空行。",
    "the row is blank")
SCHEMA_EXTRA_CELL = IssueType(
    "schema-extra-cell", "error", "这一行的单元格比表头多", "The row has more cells than the header",
    "检查是否有多余的逗号，含逗号的文字要加双引号。",
    'the row has more cells than the header (extra "{value}")')
SCHEMA_MISSING_CELL = IssueType(
    "schema-missing-cell", "error", "这一行的单元格比表头少", "The row has fewer cells than the header",
    "补齐这一行缺少的单元格。",
    "the row has fewer cells than the header")
# What frictionless reports beyond the errors above, in its own words. The header is
# checked first, so no table reaching frictionless can produce one today: this keeps a
# future frictionless error a message instead of a crash (tests/test_issue_types.py).
SCHEMA_ERROR = IssueType(
    "schema-error", "error", "表结构检查未通过", "The table does not follow its schema",
    "按提示修改。",
    "{note}")
AMOUNT_PRECISION = IssueType(
    "amount-precision", "error", "金额超过两位小数", "An amount has more than two decimals",
    "金额保留到分（最多两位小数）。",
    '"{value}" has more than 2 decimals')
AMOUNT_ZERO = IssueType(
    "amount-zero", "error", "金额为 0", "An amount is zero",
    "金额必须大于 0。",
    "the amount is 0; it must be greater than 0")

_PERSONAL = ("{masked} looks like {what}; personal data may not be published: remove it (a "
             "public service number may be listed in the package's public_numbers)")
PERSONAL_ID_NUMBER = IssueType(
    "personal-id-number", "error", "含有身份证号码", "An ID card number",
    "删除身份证号码：个人信息不能公开。凭证图片上的个人信息也要遮盖。",
    _PERSONAL.replace("{what}", "a mainland ID card number"))
PERSONAL_MOBILE_NUMBER = IssueType(
    "personal-mobile-number", "error", "含有手机号码", "A mobile phone number",
    "删除手机号码：个人信息不能公开。物业服务热线等公开号码可以登记在数据包的 public_numbers 中。",
    _PERSONAL.replace("{what}", "a mobile phone number"))
PERSONAL_BANK_CARD = IssueType(
    "personal-bank-card", "error", "含有银行卡号", "A bank card number",
    "删除银行卡号：个人信息不能公开；对公账户只写开户单位名称。",
    _PERSONAL.replace("{what}", "a bank card number"))
CELL_TOO_LONG = IssueType(
    "cell-too-long", "error", "单元格文字过长", "A cell's text is too long",
    "单元格只写简短的文字；长篇内容做成文件放入 documents/，在表中写文件路径。",
    "the text is {length:,} characters long, over the limit of {limit:,}; keep a cell to a "
    "short text and put long documents in documents/")
CELL_HIDDEN_CHARACTER = IssueType(
    "cell-hidden-character", "error", "文字含有看不见的字符", "The text holds a character that does not show",
    "删除该字符：它在网页上看不见，却能颠倒周围文字的显示顺序，或让两段文字看起来一模一样。"
    "通常是从网页、聊天软件或其他文件复制时带进来的；标题、名称和编号只能写一行。",
    "the text holds {what} (U+{code:04X}) at character {position}; remove it: it does not show, "
    "but can reverse or disguise the text around it")
CELL_FORMULA = IssueType(
    "cell-formula", "error", "文字以 = + - @ 开头", "A text starts like a spreadsheet formula",
    "下载的 CSV 用 Excel 或 WPS 打开时，这样开头的单元格会被当作公式执行。"
    "改为以文字开头，例如把“-维修”写成“维修”。",
    "the text starts with {start}, which Excel and WPS run as a formula when the "
    "downloaded CSV is opened; begin the text with a word instead")
