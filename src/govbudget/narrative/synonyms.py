"""The words a narrative uses for a table quantity (口径同义词): label → quantity key.

Keys name a figure of the disclosure (``revenue.general_budget`` 一般公共预算拨款收入,
``basic.public`` 公用经费 …). Patterns are tried most specific first; a label that
matches none is unbound.

>>> from govbudget.narrative.synonyms import quantity_key
>>> quantity_key("一般公共预算收入"), quantity_key("日常公用经费"), quantity_key("公务用车运行费")
('revenue.general_budget', 'basic.public', 'three_public.vehicle_operation')
>>> quantity_key("工会福利费") is None
True
"""

from __future__ import annotations

import functools
import re

__all__ = ["DECOMPOSITIONS", "KEY_NAMES", "quantity_key"]

_RULES: tuple[tuple[str, str], ...] = (
    # 三公 and the items beside it
    ("three_public.vehicle", r"公务用车购置及运|公务用车购置和运|公务用车购置及维护"),
    ("three_public.vehicle_purchase", r"公务用车购置|车辆购置费"),
    ("three_public.vehicle_operation", r"公务用车运行|公务用车运维|车辆运行维护费"),
    ("three_public.overseas", r"因公出国"),
    ("three_public.reception", r"公务接待"),
    ("three_public.total", r"三公"),
    ("meeting", r"会议费"),
    ("training", r"培训费"),
    ("running_costs", r"机关运行(?:经)?费"),
    ("procurement.goods", r"采购.*货物|货物类?.*采购"),
    ("procurement.works", r"采购.*工程|工程类?.*采购"),
    ("procurement.services", r"采购.*服务|服务类?.*采购"),
    (
        "procurement.total",
        r"^(?!.*(?:货物|工程|服务|中小|小微|预留|面向)).*政府采购(?:预算|支出预算|支出)?(?:总额)?$",
    ),
    ("assets.total", r"^(?!.*(?:拟购置|新增|购置|处置)).*固定资产(?:金额|总额|原值|价值|总值)?$"),
    # revenue
    ("revenue.carryover", r"上年结转|年初结转|以前年度结转"),
    ("revenue.general_budget", r"一般公共预算(?:拨款|财政拨款)?收入|^(?:本年)?一般公共预算拨款$"),
    ("revenue.gov_fund", r"政府性基金(?:预算)?(?:财政)?(?:拨款)?收入|^基金预算(?:拨款)?收入"),
    ("revenue.soe_capital", r"国有资本经营预算(?:财政)?(?:拨款)?收入"),
    ("revenue.special_account", r"财政专户"),
    ("revenue.operating", r"经营收入"),
    ("revenue.business", r"事业收入"),
    ("revenue.superior_subsidy", r"上级补助收入"),
    ("revenue.affiliated_remit", r"附属单位上缴收入"),
    ("revenue.other", r"其他(?:来源)?收入"),
    # 财政拨款收支总表's 收入总计 (上年结转 included), not this year's 财政拨款收入
    ("fiscal.total", r"财政拨款(?:收支|收、支)(?:预算)?总计|财政拨款收、?支总预算|财政拨款收入(?:预算)?总计"),
    ("revenue.fiscal", r"财政拨款收入|财政拨款(?:预算)?总计"),
    ("revenue.subtotal", r"本年收入(?:合计)?$"),
    (
        "revenue.total",
        r"收入(?:预算)?(?:总计|总额|合计)$|收入预算(?:总额|总计|数)?$|^(?:部门)?收入$|收支|收、支",
    ),
    # expenditure
    ("expenditure.carryforward", r"年终结转|年末结转"),
    ("basic.personnel", r"人员经费"),
    ("basic.public", r"公用经费"),
    ("general.basic", r"一般公共预算.*基本支出"),
    ("general.project", r"一般公共预算.*项目支出"),
    ("general.total", r"一般公共预算(?:拨款|财政拨款)?支出"),
    ("gov_fund.total", r"政府性基金(?:预算)?(?:拨款)?支出"),
    ("soe_capital.total", r"国有资本经营预算(?:拨款)?支出"),
    ("expenditure.basic", r"基本支出"),
    ("expenditure.project", r"项目支出"),
    ("expenditure.fiscal", r"财政拨款(?:预算)?支出"),
    ("expenditure.subtotal", r"本年支出(?:合计)?$"),
    (
        "expenditure.total",
        r"支出(?:预算)?(?:总计|总额|合计)$|^(?:\d{4}年度?)?(?:部门|单位|本年|当年|年初)?支出预算"
        r"(?:总额|总计|数)?$|支出安排|^(?:部门)?支出$",
    ),
)
_COMPILED = tuple((key, re.compile(p)) for key, p in _RULES)
_NOISE = re.compile(r"[\s“”\"'‘’「」]")
#: the organisation (and year) a label may start with: 福州市医疗保障局2026年…收入
_ORG = re.compile(
    r"^[^，,。；;、\d]{2,30}?(?:委员会|办事处|办公室|人民政府|局|厅|中心|街道)"
    r"(?:[(（]?本级[)）]?|机关)?(?:\d{4}年度?)?"
)

#: readable names of the keys, for messages
KEY_NAMES: dict[str, str] = {
    "revenue.total": "收入总计",
    "revenue.subtotal": "本年收入合计",
    "revenue.general_budget": "一般公共预算拨款收入",
    "revenue.gov_fund": "政府性基金预算拨款收入",
    "revenue.soe_capital": "国有资本经营预算拨款收入",
    "revenue.special_account": "财政专户管理资金收入",
    "revenue.business": "事业收入",
    "revenue.operating": "事业单位经营收入",
    "revenue.superior_subsidy": "上级补助收入",
    "revenue.affiliated_remit": "附属单位上缴收入",
    "revenue.other": "其他收入",
    "revenue.carryover": "上年结转结余",
    "revenue.fiscal": "财政拨款收入",
    "fiscal.total": "财政拨款收支总计",
    "fiscal_summary.total": "财政拨款收支总表收入总计",
    "expenditure.total": "支出总计",
    "expenditure.subtotal": "本年支出合计",
    "expenditure.basic": "基本支出",
    "expenditure.project": "项目支出",
    "expenditure.carryforward": "年终结转结余",
    "expenditure.fiscal": "财政拨款支出",
    "basic.personnel": "人员经费",
    "basic.public": "公用经费",
    "general.total": "一般公共预算支出",
    "general.basic": "一般公共预算基本支出",
    "general.project": "一般公共预算项目支出",
    "gov_fund.total": "政府性基金预算支出",
    "soe_capital.total": "国有资本经营预算支出",
    "three_public.total": "“三公”经费合计",
    "three_public.overseas": "因公出国（境）费",
    "three_public.vehicle": "公务用车购置及运行维护费",
    "three_public.vehicle_purchase": "公务用车购置费",
    "three_public.vehicle_operation": "公务用车运行维护费",
    "three_public.reception": "公务接待费",
    "meeting": "会议费",
    "training": "培训费",
    "running_costs": "机关运行经费",
    "procurement.total": "政府采购预算",
    "procurement.goods": "政府采购货物预算",
    "procurement.works": "政府采购工程预算",
    "procurement.services": "政府采购服务预算",
    "assets.total": "固定资产总额",
    "assets.vehicles": "车辆",
}

#: a quantity and the quantities that add up to it (used for changes and enumerations)
DECOMPOSITIONS: dict[str, tuple[str, ...]] = {
    "expenditure.total": ("expenditure.basic", "expenditure.project"),
    "expenditure.basic": ("basic.personnel", "basic.public"),
    "general.basic": ("basic.personnel", "basic.public"),
    "three_public.total": (
        "three_public.overseas",
        "three_public.vehicle",
        "three_public.reception",
    ),
    "three_public.vehicle": ("three_public.vehicle_purchase", "three_public.vehicle_operation"),
    "revenue.total": ("revenue.subtotal", "revenue.carryover"),
}


@functools.lru_cache(maxsize=4096)
def quantity_key(label: str) -> str | None:
    """The key of the table quantity a narrative label names, ``None`` when unknown."""
    t = _NOISE.sub("", label).replace("（", "(").replace("）", ")")
    key = _match(t)
    if key is None:  # the label may start with the organisation's name
        m = _ORG.match(t)
        if m is not None and m.end() < len(t):
            key = _match(t[m.end() :])
    return key


def _match(t: str) -> str | None:
    for key, pattern in _COMPILED:
        if pattern.search(t):
            return key
    return None
