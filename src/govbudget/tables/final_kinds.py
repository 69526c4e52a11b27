"""The nine tables of a final account (部门决算公开表): their columns, lines and titles.

Declared as data like the budget tables (``kinds``): ``final_specs`` gives each final
kind its ``TableSpec`` and ``final_kind_from_title`` recognises the titles under which
the central, Shanghai and other provinces' templates print them (docs/domain.md §11).

>>> from govbudget.tables.kinds import TableKind, kind_from_title
>>> kind_from_title("收入支出决算总表").name, kind_from_title("公开06表 一般公共预算财政拨款基本支出决算表").name
('FINAL_SUMMARY', 'FINAL_BASIC_EXPENDITURE')
>>> kind_from_title('部门财政拨款"三公"经费支出决算表').name
'FINAL_THREE_PUBLIC'
>>> TableKind.FINAL_EXPENDITURE.spec.column_keys
('total', 'basic', 'project', 'remit_superior', 'operating', 'subsidy_affiliated')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govbudget.tables.specs import ColumnSpec, LineSpec, TableSpec

if TYPE_CHECKING:
    from govbudget.tables.kinds import TableKind

__all__ = ["FINAL_KIND_NAMES", "final_kind_from_title", "final_specs"]

#: the final-accounts kinds (member names of ``TableKind``), in the order the template prints them
FINAL_KIND_NAMES = (
    "FINAL_SUMMARY", "FINAL_REVENUE", "FINAL_EXPENDITURE", "FINAL_FISCAL_SUMMARY",
    "FINAL_GENERAL_BUDGET", "FINAL_BASIC_EXPENDITURE", "FINAL_THREE_PUBLIC", "FINAL_GOV_FUND",
    "FINAL_SOE_CAPITAL",
)

_FINAL = ("决算数", "金额", "决算金额", "本年决算数", "决算")
_BUDGET = ("年初预算数", "年初预算", "预算数")
_ADJUSTED = ("调整预算数", "全年预算数", "调整后预算数", "调整预算")


def _c(key: str, name: str, aliases: tuple[str, ...] = (), side: str | None = None,
       parent: str | None = None) -> ColumnSpec:
    return ColumnSpec(key, name, aliases, side, parent=parent)


def _summary_columns() -> tuple[ColumnSpec, ...]:
    return (
        _c("income", "决算数", _FINAL, "income"),
        _c("expenditure", "决算数", _FINAL, "expenditure"),
    )


def _summary_extra() -> tuple[ColumnSpec, ...]:
    return (
        _c("income_budget", "年初预算数", _BUDGET, "income"),
        _c("income_adjusted", "调整预算数", _ADJUSTED, "income"),
        _c("expenditure_budget", "年初预算数", _BUDGET, "expenditure"),
        _c("expenditure_adjusted", "调整预算数", _ADJUSTED, "expenditure"),
    )


_SUMMARY_LINES = (
    LineSpec("general_budget", ("一般公共预算财政拨款收入", "一般公共预算财政拨款", "一般公共预算拨款收入",
                                "财政拨款收入"), "income"),
    LineSpec("gov_fund", ("政府性基金预算财政拨款收入", "政府性基金预算财政拨款", "政府性基金预算拨款收入"),
             "income"),
    LineSpec("soe_capital", ("国有资本经营预算财政拨款收入", "国有资本经营预算财政拨款",
                             "国有资本经营预算拨款收入"), "income"),
    LineSpec("superior_subsidy", ("上级补助收入",), "income"),
    LineSpec("business", ("事业收入",), "income"),
    LineSpec("operating", ("经营收入",), "income"),
    LineSpec("affiliated_remit", ("附属单位上缴收入",), "income"),
    LineSpec("other", ("其他收入",), "income"),
    LineSpec("subtotal", ("本年收入合计", "收入合计"), "income"),
    LineSpec("unit_balance", ("使用非财政拨款结余", "使用非财政拨款结余含专用结余", "用事业基金弥补收支差额",
                              "使用专用结余"), "income"),
    LineSpec("carryover", ("年初结转和结余", "上年结转和结余", "年初结转结余"), "income"),
    LineSpec("total", ("总计", "收入总计"), "income"),
    LineSpec("subtotal", ("本年支出合计", "支出合计"), "expenditure"),
    LineSpec("surplus_distribution", ("结余分配",), "expenditure"),
    LineSpec("carryforward", ("年末结转和结余", "年末结转结余"), "expenditure"),
    LineSpec("total", ("总计", "支出总计"), "expenditure"),
)

_FISCAL_SUMMARY_LINES = (
    LineSpec("general_budget", ("一般公共预算财政拨款", "一般公共预算财政拨款收入", "一般公共预算"), "income"),
    LineSpec("gov_fund", ("政府性基金预算财政拨款", "政府性基金预算财政拨款收入", "政府性基金预算"), "income"),
    LineSpec("soe_capital", ("国有资本经营预算财政拨款", "国有资本经营预算财政拨款收入", "国有资本经营预算"),
             "income"),
    LineSpec("subtotal", ("本年收入合计", "收入合计"), "income"),
    LineSpec("carryover", ("年初财政拨款结转和结余", "年初结转和结余"), "income"),
    # the fund lines printed under 年初结转和结余 are read as these (``_rows._named_lines``)
    LineSpec("carryover_general", ("一般公共预算财政拨款结转和结余",), "income"),
    LineSpec("carryover_fund", ("政府性基金预算财政拨款结转和结余",), "income"),
    LineSpec("carryover_soe", ("国有资本经营预算财政拨款结转和结余",), "income"),
    LineSpec("total", ("总计", "收入总计"), "income"),
    LineSpec("subtotal", ("本年支出合计", "支出合计"), "expenditure"),
    LineSpec("carryforward", ("年末财政拨款结转和结余", "年末结转和结余"), "expenditure"),
    LineSpec("total", ("总计", "支出总计"), "expenditure"),
)

_TOTAL = (LineSpec("total", ("合计", "总计", "合  计")),)

_EXPENDITURE = (
    _c("total", "合计", ("小计", "本年支出合计", "支出合计", "决算数", "本年支出")),
    _c("basic", "基本支出"),
    _c("project", "项目支出"),
)

#: 年初预算数 / 调整预算数 beside the 决算数 of an expenditure table (some regions print them)
_EXPENDITURE_BUDGETS = (
    _c("budget", "年初预算数", _BUDGET),
    _c("budget_basic", "基本支出", (), parent="budget"),
    _c("budget_project", "项目支出", (), parent="budget"),
    _c("adjusted", "调整预算数", _ADJUSTED),
    _c("adjusted_basic", "基本支出", (), parent="adjusted"),
    _c("adjusted_project", "项目支出", (), parent="adjusted"),
)

_FUND_COLUMNS = (
    _c("carryover", "年初结转和结余", ("年初结转结余", "上年结转和结余")),
    _c("income", "本年收入", ("本年收入合计",)),
    _c("expenditure", "本年支出", ("本年支出合计", "支出合计", "合计", "小计")),
    _c("basic", "基本支出", (), parent="expenditure"),
    _c("project", "项目支出", (), parent="expenditure"),
    _c("carryforward", "年末结转和结余", ("年末结转结余",)),
)

THREE_PUBLIC_FINAL_LINES = (
    LineSpec("total", ("合计", "三公经费合计", "“三公”经费合计", "财政拨款三公经费", "三公经费")),
    LineSpec("overseas", ("因公出国（境）费", "因公出国（境）费用", "因公出国境费", "因公出国(境)费")),
    LineSpec("vehicle", ("公务用车购置及运行维护费", "公务用车购置及运维费", "公务用车购置及运行费")),
    LineSpec("vehicle_purchase", ("公务用车购置费", "公务用车购置", "购置费")),
    LineSpec("vehicle_operation", ("公务用车运行维护费", "公务用车运行费", "运行维护费", "运行费")),
    LineSpec("reception", ("公务接待费", "公务接待费支出")),
)


def final_specs(kind: type[TableKind]) -> dict[TableKind, TableSpec]:
    """The ``TableSpec`` of each final-accounts kind (called once, by ``kinds``)."""
    K = kind
    return {
        K.FINAL_SUMMARY: TableSpec(
            K.FINAL_SUMMARY, _summary_columns(), _SUMMARY_LINES, scheme="functional",
            two_sided=True, invariants=("F1-1", "F1-2", "F1-3", "F1-4", "F1-5"),
            extra_columns=_summary_extra()),
        K.FINAL_REVENUE: TableSpec(
            K.FINAL_REVENUE,
            (_c("total", "本年收入合计", ("合计", "收入合计", "本年收入")),
             _c("fiscal", "财政拨款收入", ("财政拨款",)),
             _c("general", "一般公共预算财政拨款收入", ("一般公共预算财政拨款", "一般公共预算"),
                parent="fiscal"),
             _c("fund", "政府性基金预算财政拨款收入", ("政府性基金预算财政拨款", "政府性基金预算"),
                parent="fiscal"),
             _c("soe", "国有资本经营预算财政拨款收入", ("国有资本经营预算财政拨款", "国有资本经营预算"),
                parent="fiscal"),
             _c("superior_subsidy", "上级补助收入"),
             _c("business", "事业收入"),
             _c("operating", "经营收入"),
             _c("affiliated_remit", "附属单位上缴收入"),
             _c("other", "其他收入")),
            _TOTAL, scheme="functional", invariants=("F2-1", "F2-2", "F2-3")),
        K.FINAL_EXPENDITURE: TableSpec(
            K.FINAL_EXPENDITURE,
            (*_EXPENDITURE,
             _c("remit_superior", "上缴上级支出", ("上解上级支出",)),
             _c("operating", "经营支出"),
             _c("subsidy_affiliated", "对附属单位补助支出")),
            _TOTAL, scheme="functional", invariants=("F3-1", "F3-2", "F3-3")),
        K.FINAL_FISCAL_SUMMARY: TableSpec(
            K.FINAL_FISCAL_SUMMARY,
            (_c("income", "决算数", _FINAL, "income"),
             _c("total", "合计", ("小计", "决算数"), "expenditure"),
             _c("general", "一般公共预算财政拨款", ("一般公共预算",), "expenditure"),
             _c("fund", "政府性基金预算财政拨款", ("政府性基金预算",), "expenditure"),
             _c("soe", "国有资本经营预算财政拨款", ("国有资本经营预算",), "expenditure")),
            _FISCAL_SUMMARY_LINES, scheme="functional", two_sided=True,
            invariants=("F4-1", "F4-2", "F4-3", "F4-4", "F4-5", "F4-6")),
        K.FINAL_GENERAL_BUDGET: TableSpec(
            K.FINAL_GENERAL_BUDGET, _EXPENDITURE, _TOTAL, scheme="functional",
            invariants=("F5-1", "F5-2", "F5-3"), extra_columns=_EXPENDITURE_BUDGETS),
        K.FINAL_BASIC_EXPENDITURE: TableSpec(
            K.FINAL_BASIC_EXPENDITURE,
            (_c("total", "决算数", ("金额", "合计", "决算金额")),),
            (*_TOTAL,
             LineSpec("personnel", ("人员经费合计", "人员经费")),
             LineSpec("public", ("公用经费合计", "公用经费", "日常公用经费合计"))),
            scheme="economic", invariants=("F6-1", "F6-2", "F6-3")),
        K.FINAL_THREE_PUBLIC: TableSpec(
            K.FINAL_THREE_PUBLIC,
            (_c("budget", "预算数", ("年初预算数", "全年预算数", "预算")),
             _c("final", "决算数", ("决算", "实际支出"))),
            THREE_PUBLIC_FINAL_LINES, invariants=("F7-1", "F7-2")),
        K.FINAL_GOV_FUND: TableSpec(
            K.FINAL_GOV_FUND, _FUND_COLUMNS, _TOTAL, scheme="functional",
            invariants=("F8-1", "F8-2", "F8-3")),
        K.FINAL_SOE_CAPITAL: TableSpec(
            K.FINAL_SOE_CAPITAL, _FUND_COLUMNS, _TOTAL, scheme="functional",
            invariants=("F8-1", "F8-2", "F8-3")),
    }


# Matched on the normalised title holding 决算, most specific first.
_TITLES = tuple((name, re.compile(p)) for name, p in (
    ("FINAL_THREE_PUBLIC", r"三公"),
    ("FINAL_BASIC_EXPENDITURE", r"基本支出"),
    ("FINAL_GOV_FUND", r"政府性?基金"),
    ("FINAL_SOE_CAPITAL", r"国有资本经营"),
    ("FINAL_FISCAL_SUMMARY", r"财政拨款收(入)?支(出)?(决算)?总(体情况)?表|财政拨款收(入)?支(出)?决算表"),
    ("FINAL_GENERAL_BUDGET", r"一般公共预算.*支出"),
    ("FINAL_SUMMARY", r"收(入)?支(出)?(决算)?总(体情况)?表|收(入)?支(出)?决算表"),
    ("FINAL_REVENUE", r"收入(决算)?(总)?表"),
    ("FINAL_EXPENDITURE", r"支出(决算)?(总)?表"),
))


def final_kind_from_title(normalised: str) -> str | None:
    """The member name of the final kind a normalised title naming 决算 names, else ``None``.

    >>> final_kind_from_title("国有资本经营预算财政拨款支出决算表")
    'FINAL_SOE_CAPITAL'
    >>> final_kind_from_title("部门收支决算总表"), final_kind_from_title("项目支出绩效自评表")
    ('FINAL_SUMMARY', None)
    """
    if "决算" not in normalised:
        return None
    for name, pattern in _TITLES:
        if pattern.search(normalised):
            return name
    return None
