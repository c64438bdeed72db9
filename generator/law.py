"""The legal sources of the portal's rules, each named once, in Chinese and English.

A finding type names the sources it rests on (``IssueType.basis``); the data dictionary
shows each rule with them, so that a clerk, a supervisor or a visiting delegation can read
the article a finding comes from. A rule that is the community's own agreement (an amount
that needs a resolution, the days within which questions are answered) says so: the law
gives the duty, the owners set the figure.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str
    zh: str  # the act and article, then what it says, in a sentence
    en: str


SOURCES: dict[str, Source] = {s.key: s for s in (
    Source("civil-278",
           "《民法典》第二百七十八条：业主共同决定事项，应当由专有部分面积占比三分之二以上的业主且"
           "人数占比三分之二以上的业主参与表决；筹集维修资金，改建、重建建筑物及其附属设施，改变共有"
           "部分的用途或者利用共有部分从事经营活动，应当经参与表决专有部分面积四分之三以上的业主且参与"
           "表决人数四分之三以上的业主同意；其他事项应当经参与表决专有部分面积过半数的业主且参与表决"
           "人数过半数的业主同意。",
           "Civil Code art. 278: owners holding at least two thirds of the floor area and at least "
           "two thirds of the owners take part in a common decision; raising repair funds, "
           "rebuilding, and changing the use of common parts or using them for business need "
           "the consent of at least three quarters of the participating area and of the "
           "participating owners; other matters need more than half of both."),
    Source("civil-282",
           "《民法典》第二百八十二条：建设单位、物业服务企业或者其他管理人等利用业主的共有部分产生的"
           "收入，在扣除合理成本之后，属于业主共有。",
           "Civil Code art. 282: income that the developer, the property company or another "
           "manager earns from the owners' common parts belongs to the owners in common, after "
           "reasonable costs."),
    Source("civil-283",
           "《民法典》第二百八十三条：建筑物及其附属设施的费用分摊、收益分配等事项，有约定的，按照"
           "约定；没有约定或者约定不明确的，按照业主专有部分面积所占比例确定。",
           "Civil Code art. 283: costs and income of the building and its facilities are shared "
           "as agreed, or else in proportion to each owner's floor area."),
    Source("civil-943",
           "《民法典》第九百四十三条：物业服务人应当定期将服务的事项、收费项目、收费标准、履行情况，"
           "以及维修资金使用情况、业主共有部分的经营与收益情况等以合理方式向业主公开并向业主大会、"
           "业主委员会报告。",
           "Civil Code art. 943: the property service provider regularly discloses to the owners, "
           "and reports to the owners' assembly and committee, its services, charges, how it "
           "performed them, the use of repair funds, and the business use of the common parts "
           "and the income from it."),
    Source("spc-12",
           "《最高人民法院关于审理建筑物区分所有权纠纷案件具体应用法律若干问题的解释》第十二条："
           "业主请求人民法院撤销业主大会或者业主委员会作出的决定，应当在知道或者应当知道该决定作出"
           "之日起一年内行使。",
           "Supreme People's Court, interpretation on the ownership of units in buildings, "
           "art. 12: an owner asks a court to set aside a decision of the owners' assembly or "
           "committee within one year of knowing, or when they should have known, that it was "
           "made."),
    Source("spc-13",
           "同一司法解释第十三条：业主有权请求公布、查阅维修资金的筹集和使用情况，管理规约、议事"
           "规则，业主大会或者业主委员会的决定及会议记录，物业服务合同、共有部分的使用和收益情况等"
           "资料。",
           "The same interpretation, art. 13: owners may demand to see the raising and use of "
           "repair funds, the rules, the decisions and minutes of the owners' assembly and "
           "committee, the property service contract, and the use of and income from the common "
           "parts."),
    Source("fees-12",
           "《物业服务收费管理办法》第十二条：业主或者业主大会对公布的物业服务资金年度预决算和收支"
           "情况提出质询时，物业管理企业应当及时答复。",
           "Measures on property service charges, art. 12: when owners or their assembly question "
           "the published budget, accounts or income and expense of the service fund, the "
           "property company answers promptly."),
    Source("trust-25",
           "《信托法》第二十五条：受托人应当遵守信托文件的规定，为受益人的最大利益处理信托事务，"
           "恪尽职守，履行诚实、信用、谨慎、有效管理的义务。",
           "Trust Law art. 25: the trustee follows the trust documents and manages the trust in "
           "the beneficiaries' best interest, honestly, in good faith, prudently and "
           "effectively."),
    Source("trust-28",
           "《信托法》第二十八条：受托人不得将其固有财产与信托财产进行交易，但信托文件另有规定或者"
           "经委托人或者受益人同意，并以公平的市场价格进行交易的除外。",
           "Trust Law art. 28: the trustee does not trade between its own property and the trust "
           "property, unless the trust documents allow it or the settlor or beneficiaries agree, "
           "and then at a fair market price."),
    Source("community-terms",
           "本小区的约定：单笔支出达到多少元须经业主大会决议、质询在多少日内答复，由业主大会决议确定，"
           "登记在约定变更（terms.csv）中，并注明生效日期。",
           "The community's own terms: the amount from which a purchase needs an owners' "
           "resolution and the days within which questions are answered are set by the owners' "
           "assembly and recorded, each from a date, in the terms (terms.csv)."),
    Source("charity-79",
           "《慈善法》第七十九条（2023 年修正）：慈善项目实施周期超过六个月的，至少每三个月公开一次"
           "项目实施情况，项目结束后三个月内应当全面、详细公开项目实施情况和募得款物使用情况。",
           "Charity Law art. 79 (as amended in 2023): a charitable project running longer than "
           "six months discloses its progress at least every three months, and in full, with the "
           "use of the money and goods raised, within three months of its end."),
)}
