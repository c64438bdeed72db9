"""Chinese messages of every issue type: for the clerks who publish (portal validate speaks
Chinese by default). Each template takes the same values as the type's English one."""

from __future__ import annotations

from .areas import AREAS

# The templates every kind of attachment shares (attachments.py): vouchers, documents,
# standard texts and PDFs say the same in English, so they say the same here.
_NOT_FOUND = "“{value}”在数据包中不存在"
_UNSAFE = "“{value}”必须是 {folder}/ 目录内的相对路径，不能含有“..”"
_UNSAFE_OUTSIDE = "“{value}”必须是 {folder}/ 下的路径，例如 {folder}/file.pdf"
_UNSAFE_LINK = "“{value}”经过符号链接（{part}）；请使用真实的文件"
_UNSAFE_SPECIAL = "“{value}”不是普通文件"
_UNSAFE_NAME = ("“{value}”的“{part}”中有网址不能原样使用的字符；文件名和目录名只用字母、数字和"
                " _ - . 这几个符号（空格可改为连字符）")
_WRONG_TYPE = "“{value}”的扩展名是“{suffix}”；允许的扩展名：{allowed}"
_WRONG_TYPE_CONTENT = "“{value}”不含 {what}；文件内容与扩展名不符"
_CONTENT = ("“{value}”含有 {what}，它会在打开文件时执行动作或携带其他文件；请重新导出不含它的 PDF"
            "（打印成一个新的 PDF）")
_CONTENT_TOO_LARGE = ("“{value}”有 {size:,} 字节，超过上限 {limit:,} 字节（--max-voucher-bytes）；"
                      "请公开更小的照片或扫描件")
_CONTENT_TOO_MANY_PIXELS = ("“{value}”为 {width:,} × {height:,} 像素，超过上限 {limit:,} 像素；"
                            "请按手机拍照的尺寸保存图片")
_CONTENT_ENCRYPTED = "“{value}”设有密码，无法检查其中的内容；请去掉密码后再公开"

# Personal numbers (cells.py): one sentence, three kinds of number.
_PERSONAL = ("{masked} 像是{what}；个人信息不能公开：请删除（公开的服务号码可以登记在数据包的 "
             "public_numbers 中）")

# Steps of the protection fund dated out of order (projects.py).
_BEFORE = "“{step}”（{step_zh}）的日期 {date} 早于“{before}”（{before_zh}）的日期 {before_date}"

# How a published ledger entry is corrected (accounts.py).
_HOW_TO_CORRECT = ("已公开的条目永远不能修改：请恢复已公开的值，然后另加一条新条目，corrects 填"
                   "“{entry}”，写上正确的数字（门户两条都显示，只计新条目）")

# code -> the Chinese template of the type's message
MESSAGES: dict[str, str] = {
    # files and descriptors
    "package-descriptor-invalid": "第 {line} 行第 {col} 列的 JSON 无效：{error}",
    "package-descriptor-missing": "数据包目录中没有 datapackage.json",
    "package-property-invalid": "{value!r} 无效：{reason}",
    "package-name-invalid": "目录名“{folder}”只能使用小写字母、数字和连字符",
    "package-resource-missing": "必需的数据表“{name}”没有登记",
    "package-resource-unknown": "不认识的数据表“{name}”；应为以下之一：{expected}",
    "package-schema-differs": "数据表“{name}”自带了表结构（schema）；应以门户的标准表结构为准",
    "file-missing": "{name} 不存在",
    "file-too-large": "文件大小为 {size:,} 字节，超过上限 {limit:,} 字节（--max-file-bytes）",
    "csv-encoding": ("文件不是 UTF-8 编码（第 {line} 行无法读取）；{guess}；"
                     "请另存为“CSV UTF-8”"),
    "csv-empty": "文件是空的；至少要有表头一行",
    "csv-malformed": ('CSV 从第 {line} 行起无法解析：{error}；单元格中含有引号时，整个单元格要用'
                      '引号括起来，其中的引号写两遍（""）'),
    "table-header-missing-column": "缺少列“{name}”；各列应为：{expected}",
    "table-header-extra-column": "列“{name}”不属于 {table} 表；各列应为：{expected}",
    "table-header-order": "列的顺序不对：现在是 {found}；应为 {expected}",
    "table-header-layout": ("第 1 行不是表头：表头（{found}）在第 {line} 行；请删除它上面的各行"
                            "（工作表名称之类的标题不属于任何表）"),
    "community-title-duplicate": "名称 {title!r} 也是 {other} 的名称；居民无法区分它们",
    # cells
    "schema-type-error": "“{value}”的格式不对，应为：{expected}",
    "schema-constraint-error": "“{value}”不符合约束 {name} {limit}",
    "schema-required": "这里必须填写",
    "schema-unique-error": "“{value}”与第 {other} 行重复；每个值都必须唯一",
    "schema-blank-row": "这一行是空行",
    "schema-extra-cell": "这一行的单元格比表头多（多出“{value}”）",
    "schema-missing-cell": "这一行的单元格比表头少",
    "schema-error": "{note}",
    # the chart of accounts and the ledger
    "codelist-remuneration-missing": "科目表中没有受托人酬金的支出科目代码“{code}”",
    "category-unknown": "“{code}”不在科目表中",
    "category-direction-mismatch": "“{code}”是 {expected} 科目，但这一行是 {direction}",
    "ledger-amount-precision": "“{value}”超过两位小数",
    "ledger-amount-zero": "金额为 0；必须大于 0",
    "ledger-date-before-opening": "{date} 早于期初余额日期 {opening}",
    "ledger-date-future": "{date} 晚于今天（{today}）",
    "ledger-voucher-missing": "支出必须有凭证",
    "ledger-voucher-not-found": _NOT_FOUND,
    "ledger-voucher-unsafe": _UNSAFE,
    "ledger-voucher-type": _WRONG_TYPE,
    "ledger-voucher-content": _CONTENT,
    "ledger-budget-line-unknown": "“{line}”不是 {year} 年预算中的预算行",
    "ledger-corrects-unknown": "“{entry}”不是本账目中的另一条目",
    "ledger-corrects-twice": "“{entry}”已被前面的一行更正过",
    "ledger-correction-invalid": ("“{entry}”是 {kind}，但它更正的条目“{original}”是 "
                                  "{original_kind}；更正条目只能替代收支方向相同的条目"),
    # personal data and the text of cells
    "personal-id-number": _PERSONAL.replace("{what}", "大陆居民身份证号码"),
    "personal-mobile-number": _PERSONAL.replace("{what}", "手机号码"),
    "personal-bank-card": _PERSONAL.replace("{what}", "银行卡号"),
    "cell-too-long": ("文字长 {length:,} 个字符，超过上限 {limit:,} 个字符；单元格只写简短的文字，"
                      "长篇文件放入 documents/"),
    "cell-formula": ("文字以 {start} 开头，下载的 CSV 用 Excel 或 WPS 打开时会被当作公式执行；"
                     "请改为以文字开头"),
    "cell-hidden-character": ("文字第 {position} 个字符是 {what}（U+{code:04X}）；请删除：它看不见，"
                              "却能颠倒或伪装周围的文字"),
    # what was published
    "published-ref-unknown": "“{ref}”不是本仓库的提交；请先 git fetch 取得它，或改用其他分支",
    "published-history-missing": ("git 历史不完整（用 --depth 浅克隆），无法读取已公开的内容；"
                                  "请运行 git fetch --unshallow"),
    "published-package-removed": ("小区“{name}”已于 {date} 从 {folder} 公开，现在已不在数据集中；"
                                  "已公开的内容不能撤下：请把它的目录恢复（在数据集目录中运行 "
                                  "git checkout {commit} -- {folder}）"),
    "published-site-unreadable": ("{source}：{reason}；无法核对网站已公开的内容，因此不会构建"
                                  "新内容覆盖它"),
    "published-site-removed": ("已发布网站记录 {table} 表的“{key}”行于 {date} 公开，现在它已不在表中；"
                               "原内容：{published}。请把这一行恢复：已公开的行永远不能删除；"
                               "如需修改：{how}"),
    "published-site-changed": ("{table} 表“{key}”行：{field} 在已发布网站上是“{old}”（{date} 公开），"
                               "现在是“{new}”。已公开的行永远不能修改：请把已公开的值恢复，"
                               "然后：{how}"),
    "published-row-changed": ("{table} 表“{key}”行已于 {date} 公开（提交 {commit}），现已被修改："
                              "{changes}。已公开的行永远不能修改：请把已公开的值恢复，然后：{how}"),
    "published-row-deleted": ("{table} 表“{key}”行已于 {date} 公开（提交 {commit}），现在已不在表中；"
                              "原内容：{published}。请把这一行恢复；如需修改：{how}"),
    "ledger-entry-changed": "条目“{entry}”（{when}）已被修改：{changes}；" + _HOW_TO_CORRECT,
    "ledger-entry-deleted": ("条目“{entry}”（{when}）已不在账目中；原内容：{published}。"
                             "请把这一行恢复；" + _HOW_TO_CORRECT),
    "redaction-entry-unknown": "redactions 中写的条目“{entry}”不在账目中",
    "redaction-cell-not-replaced": ("条目“{entry}”的 {field} 在 datapackage.json 中声明为已遮盖，"
                                    "但单元格的内容不是“已遮盖”；请在该单元格中写“已遮盖”，替换其中"
                                    "的个人信息，网站会显示它已被遮盖，以及遮盖的时间和原因"),
    "withdrawal-resolution-unknown": "withdrawn 中写的决议“{resolution}”不在 resolutions.csv 中",
    "ledger-voucher-changed": ("凭证 {voucher} 已于 {date} 公开（提交 {commit}），现在：{what}；"
                               "请把已公开的文件恢复（在数据包目录中运行 git checkout {commit} -- "
                               "{voucher}）。更清晰的扫描件放入新文件，由一条更正旧条目的新条目"
                               "引用"),
    # budget, votes, collection and amendments
    "budget-line-duplicate": "year 和 line_id 与第 {other} 行重复；每个 line_id 每年只能出现一次",
    "amendment-resolution-unknown": ("{table} 表“{key}”行写的决议“{resolution}”不在 "
                                     "resolutions.csv 中"),
    "term-invalid": ("约定“{key}”：“{value}”不是比例；请写大于 0 小于 1 的小数，"
                     "例如 18% 写 0.18"),
    "term-retroactive": ("约定“{key}”于 {effective} 生效，早于它的决议“{resolution}”（{decided}）；"
                         "约定从决议之日起适用，不能适用于决议之前的月份"),
    "budget-adjustment-invalid": "预算行“{line}”调整的“{adjusts}”不是 {year} 年预算中的预算行",
    "resolution-correction-invalid": ("决议“{key}”更正“{original}”，但“{original}”不是本小区的"
                                      "另一条决议"),
    "revision-invalid": ("{table} 有 {period} 的更正行（更正日期 {revised}），但没有 {period} "
                         "首次公开的行：原行须保留，更正行加在它旁边"),
    "resolution-votes-exceed-eligible": ("同意 {votes_for} + 反对 {against} + 弃权 {abstentions} "
                                         "= {cast}，超过应参与表决的 {eligible} 票"),
    "collection-paid-exceeds-billed": "已缴 {paid} 户，但应缴的只有 {billed} 户",
    "document-not-found": _NOT_FOUND,
    "document-unsafe": _UNSAFE,
    "document-type": _WRONG_TYPE,
    "document-content": _CONTENT,
    "amount-precision": "“{value}”超过两位小数",
    "amount-zero": "金额为 0；必须大于 0",
    # code lists, the foundation and the protection fund
    "codelist-missing": "{what} 需要 datasets/codelists/{name}.csv",
    "community-unknown": ("“{community}”既不在 datasets/codelists/communities.csv 中，"
                          "也不是小区数据包"),
    "project-category-unknown": "“{code}”不在 datasets/codelists/project-categories.csv 中",
    "project-unknown": "“{project}”不是基金会的项目",
    "foundation-dates-reversed": "end_date {end} 早于 start_date {start}",
    "disbursement-exceeds-funds": ("{date} 拨给 {project} 的 {amount:,.2f} 元超过可用资金 "
                                   "{short:,.2f} 元（该项目的定向余额 {own:,.2f} 元，"
                                   "非定向余额 {pool:,.2f} 元）"),
    "donor-looks-personal": ("“{donor}”标为单位，但看起来像个人姓名；个人姓名须经本人同意才能公开"
                             "（《个人信息保护法》第二十五条）"),
    "disbursement-voucher-not-found": _NOT_FOUND,
    "disbursement-voucher-unsafe": _UNSAFE,
    "disbursement-voucher-type": _WRONG_TYPE,
    "disbursement-voucher-content": _CONTENT,
    "step-missing-earlier": "{project} 记录了“{step}”（{step_zh}），但没有记录 {missing}",
    "step-date-order": _BEFORE,
    "step-evaluation-before-implementation": _BEFORE,
    "step-satisfaction-not-evaluation": ("“{step}”（{step_zh}）填了满意度；只有 evaluate 这一步"
                                         "才填满意度"),
    "step-votes-exceed-participants": "{votes} 票多于参与人数 {participants} 人",
    # findings
    "remuneration-over-rate": ("{year} 年受托人提取 {taken:,.2f} 元，超过当年收入的 {rate:.0%}"
                               "（{allowed:,.2f} 元）{over:,.2f} 元"),
    "budget-overrun": ("{year} 年“{category}”支出 {actual:,.2f} 元，预算为 {budget:,.2f} 元"
                       "（超支：{over}）"),
    "balance-mismatch": ("{month} 月末账目余额为 {computed:,.2f} 元，但银行对账单为 {stated:,.2f} 元"
                         "（差额 {difference:+,.2f} 元）"),
    "balance-negative": ("{month} 月末共有资金余额为 {balance:,.2f} 元，小于零：支出多于"
                         "现有的资金"),
    "disclosure-overdue": ("{month} 尚未公开任何内容：该月的条目和凭证应在 {due} 前公开"
                           "（datapackage.json 中的公开规则）；请公开它们；当月没有收支的，"
                           "请在 statements.csv 中公开该月的银行对账单"),
    "protection-overspent": ("{project}（{title}）支出 {spent:,.2f} 元，预算为 {budget:,.2f} 元"
                             "（超支 {over:,.2f} 元）"),
    "protection-completed-without-evaluation": "{project}（{title}）已完成，但没有民主评议步骤",
    "protection-low-satisfaction": "{project}（{title}）：满意的居民占 {share:.0%}，低于 {limit:.0%}",
    "foundation-completed-without-report": "{project}（{title}）已完成，但没有公开报告",
    "foundation-past-end-date": "{project}（{title}）计划于 {end} 结束，现在仍在实施",
    # the standards library
    "standard-category-unknown": "“{code}”不在 datasets/codelists/standard-categories.csv 中",
    "standard-dates-reversed": "实施日期 {effective} 早于发布日期 {issued}",
    "standard-supersedes-unknown": "“{code}”不在目录中",
    "standard-supersedes-status": "{code} 代替 {old}，但 {old} 的状态是“{status}”；请标为“superseded”",
    "standard-superseded-without-successor": "{code} 标为“superseded”，但没有标准代替它",
    "standard-reference-unknown": "{code} 引用的“{cited}”不在目录中",
    "standard-body-unsafe-html": "{code}：清理程序删除了 {removed}",
    "standard-body-not-found": _NOT_FOUND,
    "standard-body-unsafe": _UNSAFE,
    "standard-body-type": _WRONG_TYPE,
    "standard-pdf-not-found": _NOT_FOUND,
    "standard-pdf-unsafe": _UNSAFE,
    "standard-pdf-type": _WRONG_TYPE,
    "standard-pdf-content": _CONTENT,
    "standard-slug-collision": "“{code}”和“{first}”（第 {first_row} 行）的网页地址会相同：“{slug}”",
}

# (code, variant) -> the Chinese template of that variant
VARIANTS: dict[tuple[str, str], str] = {
    ("package-descriptor-invalid", "encoding"): "文件不是 UTF-8 编码的文本",
    ("package-descriptor-invalid", "object"): "datapackage.json 的内容必须是一个 JSON 对象",
    ("package-descriptor-invalid", "value"): "datapackage.json 无法读取：{problem}",
    ("package-property-invalid", "required"): "必须填写 {name}",
    ("package-property-invalid", "resources"): "resources 必须是由 {{name, path}} 组成的列表",
    ("package-property-invalid", "resource"): "每个资源都要有 name 和 path",
    ("package-property-invalid", "path"): "资源“{name}”的 path 必须是“{name}.csv”",
    ("package-name-invalid", "mismatch"): "name 是 {name!r}，但目录名是“{folder}”；两者必须相同",
    ("table-header-layout", "titles"): ("表头用的是标题，不是列名：{mapping}；请改写成列名"
                                        "（{expected}），或对该表格运行 portal import"),
    ("table-header-layout", "separator"): ("各列之间用的是 {separator}，不是逗号；请把文件另存为"
                                           "“CSV UTF-8（逗号分隔）”，或对它运行 portal import"),
    ("table-header-layout", "duplicate"): "列“{name}”在表头中出现了 {n} 次；只保留其中一列",
    ("schema-type-error", "full-width"): ("“{value}”含有全角或其他非 ASCII 字符；请用半角数字 0-9 "
                                          "书写，例如 1200.50 或 2024-03-05"),
    ("schema-type-error", "date-fix"): "“{value}”不是 YYYY-MM-DD 格式的日期；请写成 {fixed}",
    ("schema-type-error", "too-long"): ("“{value}”的位数超过这里的数字能有的位数（整数部分最多 "
                                        "{digits} 位）；请核对该值"),
    ("schema-constraint-error", "enum"): "“{value}”不是以下值之一：{allowed}",
    ("schema-constraint-error", "enum-spaces"): "“{value}”前后有空格：请写成“{fixed}”",
    ("schema-constraint-error", "enum-near"): ("“{value}”不是以下值之一：{allowed}；"
                                               "是否应为“{fixed}”？"),
    ("schema-constraint-error", "minimum"): "“{value}”小于最小值 {limit}",
    ("schema-constraint-error", "maximum"): "“{value}”大于最大值 {limit}",
    ("schema-constraint-error", "pattern"): "“{value}”不符合要求的格式（{limit}）",
    ("schema-constraint-error", "unknown"): "“{value}”不符合约束：{note}",
    ("schema-unique-error", "key"): "{columns} 与第 {other} 行重复",
    ("category-unknown", "named"): ("“{code}”是科目“{fixed}”（{name}）的名称：请写它的代码"
                                    "“{fixed}”"),
    ("category-unknown", "near"): "“{code}”不在科目表中；是否应为“{fixed}”（{name}）？",
    ("ledger-voucher-unsafe", "outside"): _UNSAFE_OUTSIDE,
    ("ledger-voucher-unsafe", "link"): _UNSAFE_LINK,
    ("ledger-voucher-unsafe", "special"): _UNSAFE_SPECIAL,
    ("ledger-voucher-unsafe", "name"): _UNSAFE_NAME,
    ("ledger-voucher-type", "content"): _WRONG_TYPE_CONTENT,
    ("ledger-voucher-content", "too-large"): _CONTENT_TOO_LARGE,
    ("ledger-voucher-content", "too-many-pixels"): _CONTENT_TOO_MANY_PIXELS,
    ("ledger-voucher-content", "encrypted"): _CONTENT_ENCRYPTED,
    ("ledger-correction-invalid", "before"): ("“{entry}”的日期是 {date}，早于它更正的条目"
                                              "“{original}”（{original_date}）；更正条目须在原条目"
                                              "之后"),
    ("ledger-correction-invalid", "year"): ("“{entry}”的日期是 {date}，与它更正的条目“{original}”"
                                            "（{original_date}）不在同一年度；更正条目须在同一年度："
                                            "以后年度的变动作为该年度的条目另记，不填 corrects"),
    ("ledger-correction-invalid", "cycle"): ("“{entry}”和“{original}”互相更正，两条都不会计入；"
                                             "更正条目只能更正更早的条目"),
    ("published-history-missing", "none"): ("数据集不在 git 仓库中，无法读取已公开的内容；"
                                            "请在数据仓库的克隆中运行"),
    ("published-site-unreadable", "none"): ("既没有给出 --published-site，也没有给出 "
                                            "--first-publication：在要求发布历史的地方（CI），"
                                            "须读取线上网站的记录，或声明这是第一次发布"),
    ("published-site-removed", "package"): ("已发布网站记录了数据包“{name}”（首次公开于 {date}），"
                                            "现在它已不在数据集中；请把它的目录恢复"),
    ("published-site-removed", "profile"): ("已发布网站记录 community.{key} 于 {date} 公开为"
                                            "“{published}”，现在 datapackage.json 中已没有它："
                                            "请恢复"),
    ("published-site-changed", "file"): ("{path} 已于 {date} 公开（已发布网站记录了它的 SHA-256），"
                                         "现已被替换或删除；请把已公开的文件恢复"),
    ("published-site-changed", "profile"): ("community.{key} 在已发布网站上是“{old}”"
                                            "（{date} 公开），现在是“{new}”。已公开的约定永远不能"
                                            "修改：请把已公开的值恢复，然后：{how}"),
    ("published-row-changed", "profile"): ("datapackage.json 于 {date} 公开时（提交 {commit}），"
                                           "community.{key} 是“{old}”，现在是“{new}”。已公开的约定"
                                           "永远不能修改：请把已公开的值恢复，然后：{how}"),
    ("published-row-deleted", "profile"): ("community.{key} 已于 {date} 在 datapackage.json 中公开"
                                           "（提交 {commit}），值为“{old}”，现在已没有了：请恢复"),
    ("ledger-entry-deleted", "month"): ("{month} 的全部 {n} 条条目（{when}）已不在账目中"
                                        "（从“{first}”到“{last}”）；请把该月各行恢复成提交 "
                                        "{commit} 中的样子：已公开的月份永远不能删除"),
    ("term-invalid", "fee"): ("约定“{key}”：“{value}”不是服务费标准；请写每平方米每月多少元，"
                              "例如 1.20"),
    ("term-invalid", "days"): "约定“{key}”：“{value}”不是天数；请写 1 到 {limit} 的整数，如 15",
    ("term-invalid", "amount"): ("约定“{key}”：“{value}”不是金额；请写大于 0、最多两位小数的元数，"
                                 "如 5000"),
    ("term-invalid", "base"): ("约定“{key}”：“{value}”不是科目表中的收入科目；请写 all，"
                               "或以空格分隔的收入科目代码"),
    ("term-retroactive", "trust"): ("约定“{key}”于 {effective} 生效，不在信托开始日期 {since} 之后；"
                                    "从那天起适用的约定以 datapackage.json 为准"),
    ("term-retroactive", "before-trust"): ("约定“{key}”的生效日期 {effective} 早于实行信托制的日期 "
                                           "{since}；约定从信托开始之日起才适用"),
    ("term-retroactive", "twice"): ("约定“{key}”从 {effective} 起设定 {term}，与“{other}”相同；"
                                    "同一天只能有一个值：两行只保留一行"),
    ("term-retroactive", "published"): ("约定“{key}”于 {effective} 生效，但 {month} 的账目已于 "
                                        "{day} 公开，早于该约定（该约定公开于 {published}）；"
                                        "约定从尚未公开的第一个月起适用：请写更晚的生效日期"),
    ("budget-adjustment-invalid", "differs"): ("预算行“{line}”调整“{adjusts}”，但两者的 {field} "
                                               "不同（本行为“{value}”，被调整的行为“{original}”）；"
                                               "调整行须与被调整的行年度、收支方向和科目都相同"),
    ("budget-adjustment-invalid", "resolution"): ("预算行“{line}”调整“{adjusts}”，但没有决议："
                                                  "请在 resolution 列写批准它的业主决议"),
    ("budget-adjustment-invalid", "twice"): ("“{adjusts}”被“{line}”和“{other}”两行调整；"
                                             "请改为调整最新的调整行，这样只计一个金额"),
    ("budget-adjustment-invalid", "cycle"): ("“{line}”和“{adjusts}”互相调整；调整行只能调整更早的"
                                             "预算行"),
    ("budget-adjustment-invalid", "cited"): ("budget_line “{line}”是 {year} 年对“{adjusts}”的"
                                             "调整；请写它所调整的预算行“{adjusts}”：调整后的金额"
                                             "计在该行"),
    ("resolution-correction-invalid", "kind"): ("决议“{key}”更正“{original}”，但它的类型是"
                                                "“{kind}”，原决议的类型是“{original_kind}”；"
                                                "更正须与原决议类型相同"),
    ("resolution-correction-invalid", "before"): ("决议“{key}”的日期是 {date}，早于它更正的记录"
                                                  "（“{original}”，{original_date}）；更正须在"
                                                  "原记录之后"),
    ("resolution-correction-invalid", "twice"): ("“{original}”被“{key}”和“{other}”两次更正；"
                                                 "请改为更正最新的更正行"),
    ("revision-invalid", "note"): ("{table}：{period} 的更正行（更正日期 {revised}）没有写原因；"
                                   "请在 note 列写明原因"),
    ("revision-invalid", "early"): ("{table}：{period} 的更正行日期为 {revised}，在 {period} "
                                    "结束之前；请在所报告的期间结束后再更正"),
    ("document-unsafe", "outside"): _UNSAFE_OUTSIDE,
    ("document-unsafe", "link"): _UNSAFE_LINK,
    ("document-unsafe", "special"): _UNSAFE_SPECIAL,
    ("document-unsafe", "name"): _UNSAFE_NAME,
    ("document-type", "content"): _WRONG_TYPE_CONTENT,
    ("document-content", "too-large"): _CONTENT_TOO_LARGE,
    ("document-content", "too-many-pixels"): _CONTENT_TOO_MANY_PIXELS,
    ("document-content", "encrypted"): _CONTENT_ENCRYPTED,
    ("community-unknown", "none"): "没有填写社区",
    ("project-unknown", "protection"): "“{project}”不是保障资金项目",
    ("disbursement-voucher-unsafe", "outside"): _UNSAFE_OUTSIDE,
    ("disbursement-voucher-unsafe", "link"): _UNSAFE_LINK,
    ("disbursement-voucher-unsafe", "special"): _UNSAFE_SPECIAL,
    ("disbursement-voucher-unsafe", "name"): _UNSAFE_NAME,
    ("disbursement-voucher-type", "content"): _WRONG_TYPE_CONTENT,
    ("disbursement-voucher-content", "too-large"): _CONTENT_TOO_LARGE,
    ("disbursement-voucher-content", "too-many-pixels"): _CONTENT_TOO_MANY_PIXELS,
    ("disbursement-voucher-content", "encrypted"): _CONTENT_ENCRYPTED,
    ("remuneration-over-rate", "terms"): ("{year} 年受托人提取 {taken:,.2f} 元，超过当年有效约定"
                                          "允许的金额（{terms}：{allowed:,.2f} 元）{over:,.2f} 元"),
    ("standard-body-unsafe", "outside"): _UNSAFE_OUTSIDE,
    ("standard-body-unsafe", "link"): _UNSAFE_LINK,
    ("standard-body-unsafe", "special"): _UNSAFE_SPECIAL,
    ("standard-body-unsafe", "name"): _UNSAFE_NAME,
    ("standard-body-type", "content"): _WRONG_TYPE_CONTENT,
    ("standard-pdf-unsafe", "outside"): _UNSAFE_OUTSIDE,
    ("standard-pdf-unsafe", "link"): _UNSAFE_LINK,
    ("standard-pdf-unsafe", "special"): _UNSAFE_SPECIAL,
    ("standard-pdf-unsafe", "name"): _UNSAFE_NAME,
    ("standard-pdf-type", "content"): _WRONG_TYPE_CONTENT,
    ("standard-pdf-content", "too-large"): _CONTENT_TOO_LARGE,
    ("standard-pdf-content", "too-many-pixels"): _CONTENT_TOO_MANY_PIXELS,
    ("standard-pdf-content", "encrypted"): _CONTENT_ENCRYPTED,
}

# Each area of the owners' disputes declares its Chinese messages with its issue types.
for _area in AREAS:
    MESSAGES.update(_area.ZH)
    VARIANTS.update(_area.ZH_VARIANTS)
