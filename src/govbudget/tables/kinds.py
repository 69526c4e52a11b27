"""The standard tables of a disclosure (公开表), their columns, named lines and title aliases.

Each standard table is declared once, as data: a ``TableSpec`` with its columns
(stable keys, canonical names, 栏次), the named lines it may hold (合计, 本年收入合计 …),
and the titles under which the Hebei (seed), central and Shanghai templates print it.
The spec vocabulary (``ColumnSpec``, ``LineSpec``, ``TableSpec``, ``normalise_label``)
lives in ``govbudget.tables.specs`` and is re-exported here.

>>> from govbudget.tables.kinds import TableKind, kind_from_title
>>> kind_from_title("部门预算政府基金预算财政拨款支出表")
<TableKind.GOV_FUND: '政府性基金预算财政拨款支出表'>
>>> kind_from_title('2026年"三公"经费和机关运行经费预算表')
<TableKind.THREE_PUBLIC: '财政拨款“三公”经费支出表'>
>>> TableKind.BASIC_EXPENDITURE.spec.column_keys
('total', 'personnel', 'public')
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping

from govbudget.tables.final_kinds import FINAL_KIND_NAMES, final_kind_from_title, final_specs
from govbudget.tables.specs import _QUALIFIER, ColumnSpec, LineSpec, TableSpec
from govbudget.tables.specs import normalise_label as normalise_label

__all__ = ["ColumnSpec", "LineSpec", "TableKind", "TableSpec", "kind_from_title"]


class TableKind(enum.Enum):
    """The standard tables of a department budget disclosure (部门预算公开表)."""

    SUMMARY = "收支总表"
    REVENUE = "收入总表"
    EXPENDITURE = "支出总表"
    FISCAL_SUMMARY = "财政拨款收支总表"
    GENERAL_BUDGET = "一般公共预算财政拨款支出表"
    BASIC_EXPENDITURE = "一般公共预算财政拨款基本支出表"
    BASIC_FUNCTIONAL = "一般公共预算基本支出表（按功能分类）"
    GOV_FUND = "政府性基金预算财政拨款支出表"
    SOE_CAPITAL = "国有资本经营预算财政拨款支出表"
    THREE_PUBLIC = "财政拨款“三公”经费支出表"
    THREE_PUBLIC_YOY = "“三公”经费增减变化表"
    PROCUREMENT = "政府采购预算表"
    FIXED_ASSETS = "固定资产占用情况表"
    PROJECT_EXPENDITURE = "项目支出表"
    FISCAL_EXPENDITURE = "财政拨款支出表"
    FISCAL_BASIC_EXPENDITURE = "财政拨款基本支出表"
    GENERAL_BUDGET_ECONOMIC = "一般公共预算支出经济分类表"
    PROJECT_ECONOMIC = "一般公共预算项目支出经济分类表"
    BASIC_BUDGET = "基本支出预算表"
    OPERATION_EXPENSES = "机关运行经费支出表"
    # the nine tables of a final account (部门决算, docs/domain.md §11; specs in ``final_kinds``)
    FINAL_SUMMARY = "收入支出决算总表"
    FINAL_REVENUE = "收入决算表"
    FINAL_EXPENDITURE = "支出决算表"
    FINAL_FISCAL_SUMMARY = "财政拨款收入支出决算总表"
    FINAL_GENERAL_BUDGET = "一般公共预算财政拨款支出决算表"
    FINAL_BASIC_EXPENDITURE = "一般公共预算财政拨款基本支出决算表"
    FINAL_THREE_PUBLIC = "财政拨款“三公”经费支出决算表"
    FINAL_GOV_FUND = "政府性基金预算财政拨款收入支出决算表"
    FINAL_SOE_CAPITAL = "国有资本经营预算财政拨款收入支出决算表"
    OTHER = "其他表"

    @property
    def spec(self) -> TableSpec:
        return SPECS[self]

    @property
    def is_final(self) -> bool:
        """Whether this is one of the nine final-accounts tables (决算表)."""
        return self.name in FINAL_KIND_NAMES


def _cols(*items: tuple[str, str, tuple[str, ...]], side: str | None = None,
          parent: str | None = None) -> tuple[ColumnSpec, ...]:
    return tuple(ColumnSpec(k, n, a, side, parent=parent) for k, n, a in items)


#: 人员经费 / 公用经费 under 基本支出 (printed in wider 功能分类 tables)
_BASIC_SPLIT = _cols(("personnel", "人员经费", ("人员支出", "工资福利支出", "人员经费支出", "人员类")),
                     ("public", "公用经费", ("日常公用经费", "日常公用支出", "公用支出", "公用经费支出", "公用类")),
                     parent="basic")

#: the funding sources a table may split its amounts by (资金来源)
_FUND_SOURCES = (
    ColumnSpec("fiscal", "财政拨款", ("财政拨款收入", "财政拨款资金", "财政拨款小计")),
    *_cols(("general", "一般公共预算", ("一般公共预算拨款", "一般公共预算资金", "一般公共预算收入",
                                        "一般公共预算财政拨款")),
           ("fund", "政府性基金预算", ("政府性基金", "政府性基金预算拨款", "政府性基金预算资金",
                                     "政府性基金预算收入")),
           ("soe", "国有资本经营预算", ("国有资本经营", "国有资本经营预算拨款", "国有资本经营预算资金",
                                      "国有资本经营预算收入")),
           parent="fiscal"),
    *_cols(("special_account", "财政专户管理资金", ("财政专户拨款", "财政专户管理资金收入", "财政专户收入",
                                                   "财政专户核拨")),
           ("business", "单位资金", ("事业收入", "其他资金")),
           ("unit_balance", "使用非财政拨款结余", ("非财政拨款结转结余", "非财政拨款结余")),
           ("carryover", "上年结转", ("上年结转结余", "上年结转和结余", "上年结转和结余资金",
                                     "财政拨款结转"))),
)


_EXPENDITURE_COLUMNS = _cols(
    ("total", "合计", ("小计", "总计")),
    ("basic", "基本支出", ()),
    ("project", "项目支出", ()),
)

#: the columns of 功能分类 expenditure tables that print 人员经费 / 公用经费 under 基本支出
_EXPENDITURE_DETAIL_COLUMNS = (*_EXPENDITURE_COLUMNS, *_BASIC_SPLIT)

_SUMMARY_INCOME_LINES = (
    LineSpec("general_budget", ("一般公共预算拨款收入", "一般公共预算拨款", "财政拨款收入", "一般公共预算收入",
                                "一般公共预算资金", "预算拨款", "一般公共预算"), "income"),
    LineSpec("gov_fund", ("政府性基金预算拨款收入", "政府性基金预算拨款", "政府性基金预算收入", "政府性基金收入",
                          "政府性基金", "政府性基金预算"), "income"),
    LineSpec("soe_capital", ("国有资本经营预算拨款收入", "国有资本经营预算拨款", "国有资本经营预算收入",
                             "国有资本经营预算"), "income"),
    LineSpec("special_account", ("财政专户管理资金收入", "财政专户管理资金", "财政专户收入",
                                 "纳入财政专户管理的非税收入拨款", "财政专户拨款"), "income"),
    LineSpec("business", ("事业收入", "单位资金"), "income"),
    LineSpec("operating", ("事业单位经营收入", "经营收入"), "income"),
    LineSpec("superior_subsidy", ("上级补助收入",), "income"),
    LineSpec("affiliated_remit", ("附属单位上缴收入",), "income"),
    LineSpec("other", ("其他收入", "其他资金"), "income"),
    LineSpec("subtotal", ("本年收入合计", "收入合计", "本年收入小计"), "income"),
    LineSpec("carryover", ("上年结转结余", "上年结转", "上年结转和结余", "用事业基金弥补收支差额", "上年结余结转"),
             "income"),
    LineSpec("carryover_fiscal", ("财政拨款结余结转", "财政拨款结转结余", "财政拨款结转和结余"), "income"),
    LineSpec("carryover_other", ("非财政拨款结余结转", "非财政拨款结转结余", "非财政拨款结转和结余"), "income"),
    LineSpec("unit_balance", ("使用非财政拨款结余", "使用非财政拨款结余和专用结余", "用非财政拨款结余弥补收支差额"),
             "income"),
    LineSpec("total", ("收入总计", "收入总计数"), "income"),
    LineSpec("subtotal", ("本年支出合计", "支出合计", "本年支出小计"), "expenditure"),
    LineSpec("carryforward", ("年终结转结余", "年末结转和结余", "年末结转结余", "结转下年", "结转下年支出",
                              "结转结余下年", "年末结转"), "expenditure"),
    LineSpec("subsidy_affiliated", ("对附属单位的补助支出", "对附属单位补助支出"), "expenditure"),
    LineSpec("remit_superior", ("上缴上级支出", "上解上级支出"), "expenditure"),
    LineSpec("operating", ("事业单位经营支出", "经营支出"), "expenditure"),
    LineSpec("total", ("支出总计", "支出总计数"), "expenditure"),
    LineSpec("unclassified", ("人行科目",), "expenditure"),
    LineSpec("fiscal", ("财政拨款", "财政拨款收入合计", "财政拨款小计", "本级财政拨款收入"),
             "income"),
    #: a 收支总表 laid out by the nature of expenditure instead of by function
    LineSpec("basic", ("基本支出",), "expenditure"),
    LineSpec("project", ("项目支出",), "expenditure"),
    LineSpec("distribution", ("结余分配",), "expenditure"),
    LineSpec("operating", ("事业单位经营服务收入", "经营服务收入"), "income"),
    LineSpec("special_account", ("财政专户管理事业收入",), "income"),
    LineSpec("subtotal", ("当年收入", "当年收入合计", "当年收入小计"), "income"),
    LineSpec("subtotal", ("当年支出小计", "当年支出合计", "当年支出"), "expenditure"),
    #: 部门预算 heading a side (Xi'an): the same figure as the 本年合计 below
    LineSpec("department_budget", ("部门预算",)),
    #: 合计 at the head or foot of a side: its total (the 本年合计 when a 总计 follows)
    LineSpec("total", ("合计", "总计")),
)

_FISCAL_INCOME_LINES = (
    LineSpec("general_budget", ("一般公共预算拨款", "一般公共预算拨款收入", "一般公共预算资金", "一般公共预算",
                                "一般公共预算收入"), "income"),
    LineSpec("gov_fund", ("政府性基金预算拨款", "政府性基金预算拨款收入", "政府性基金预算资金", "政府性基金预算",
                          "政府性基金预算收入", "政府性基金", "政府性基金收入"), "income"),
    LineSpec("soe_capital", ("国有资本经营预算拨款", "国有资本经营预算拨款收入", "国有资本经营预算资金",
                             "国有资本经营预算", "国有资本经营预算收入"), "income"),
    LineSpec("subtotal", ("本年收入合计", "收入合计", "本年收入"), "income"),
    LineSpec("carryover", ("年初财政拨款结转和结余", "上年结转", "上年财政拨款结转和结余", "年初结转和结余", "上年结余结转",
                           "上年结转结余", "上年结转和结余"), "income"),
    LineSpec("carryover_general", ("一般公共预算拨款结转和结余", "一般公共预算结转", "一般公共预算拨款结转",
                                   "一般公共预算拨款结余结转"),
             "income"),
    LineSpec("carryover_fund", ("政府性基金预算拨款结转和结余", "政府性基金预算结转", "政府性基金预算拨款结转",
                                "政府性基金预算拨款结余结转"),
             "income"),
    LineSpec("carryover_soe", ("国有资本经营预算拨款结转和结余", "国有资本经营预算结转", "国有资本经营预算拨款结余结转",
                               "国有资本经营预算拨款结转"), "income"),
    LineSpec("total", ("收入总计",), "income"),
    LineSpec("subtotal", ("本年支出合计", "支出合计", "本年支出"), "expenditure"),
    LineSpec("carryforward", ("年末财政拨款结转和结余", "年末结转和结余", "结转下年", "年终结转结余",
                              "结转下年支出", "结转结余下年", "年末结转"), "expenditure"),
    LineSpec("total", ("支出总计",), "expenditure"),
    LineSpec("unclassified", ("人行科目",), "expenditure"),
    LineSpec("basic", ("基本支出",), "expenditure"),
    LineSpec("project", ("项目支出",), "expenditure"),
    LineSpec("total", ("合计", "总计")),
)

_TOTAL_LINE = (LineSpec("total", ("合计", "总计", "合  计", "小计", "收入总计", "支出总计")),)

THREE_PUBLIC_LINES = (
    LineSpec("total", ("合计", "三公经费合计", "“三公”经费合计", "三公经费", "小计", "总计",
                       "三公经费财政拨款预算总额", "三公经费预算总额", "三公经费总额", "三公经费预算数",
                       "三公经费预算")),
    LineSpec("overseas", ("因公出国（境）费", "因公出国（境）费用", "因公出国境费", "因公出国经费",
                          "因公出国(境)费", "因公出国（境）经费", "因公出国（境）支出", "因公出国境支出")),
    LineSpec("vehicle", ("公务用车购置及运维费", "公务用车购置及运行维护费", "公务用车购置及运行费",
                         "公务用车购置及运行（维护）费", "公务用车购置和运行维护费", "公务用车购置及运行维护支出",
                         "公务用车购置及运维支出")),
    LineSpec("vehicle_purchase", ("公务用车购置费", "公务用车购置经费", "公务用车购置", "购置费",
                                  "公务用车购置支出")),
    LineSpec("vehicle_operation", ("公务用车运行维护费", "公务用车运行费", "公务用车运行经费",
                                   "公务用车运行维护", "运行费", "运行维护费", "公务用车运行维护支出")),
    LineSpec("reception", ("公务接待费", "公务接待费支出", "公务接待支出")),
    LineSpec("meeting", ("会议费",)),
    LineSpec("training", ("培训费",)),
    LineSpec("operation_expenses", ("机关运行经费", "机关运行经费预算", "机关运行经费预算数")),
    LineSpec("administrative", ("行政经费", "行政经费预算")),
    #: a 合计 of 三公经费, 会议费 and 培训费 printed beside the 三公 小计 (not the 三公 total)
    LineSpec("total_all", ("三公经费及会议费培训费合计",)),
)

SPECS: Mapping[TableKind, TableSpec] = {
    TableKind.SUMMARY: TableSpec(
        TableKind.SUMMARY,
        (ColumnSpec("income", "预算数", ("金额", "预算金额", "预算"), "income"),
         ColumnSpec("expenditure", "预算数", ("金额", "预算金额", "预算"), "expenditure")),
        _SUMMARY_INCOME_LINES, scheme="functional", two_sided=True,
        invariants=("T1-1", "T1-2", "T1-3", "T1-4", "T1-5", "T1-6"),
        extra_columns=(
            *_cols(("basic", "基本支出", ()), ("project", "项目支出", ()), side="expenditure",
                   parent="expenditure"),
            *_cols(("personnel", "人员经费", ("人员支出", "人员经费支出", "人员类")),
                   ("public", "公用经费", ("日常公用经费", "日常公用支出", "公用支出", "公用经费支出", "公用类")),
                   side="expenditure", parent="basic")),
    ),
    TableKind.REVENUE: TableSpec(
        TableKind.REVENUE,
        (*_cols(
            ("total", "合计", ("总计",)),
            ("current", "本年收入小计", ("小计", "本年收入"))),
         *_cols(
            ("fiscal", "财政拨款收入", ("财政拨款", "一般公共预算拨款收入", "一般公共预算")),
            ("special_account", "财政专户收入", ("财政专户管理资金收入", "财政专户管理资金", "财政专户拨款收入",
                                                "财政专户拨款")),
            ("business", "事业收入", ()),
            ("operating", "经营收入", ("事业单位经营收入",)),
            ("superior_subsidy", "上级补助收入", ()),
            ("affiliated_remit", "附属单位上缴收入", ()),
            ("other", "其他收入", ()), parent="current"),
         *_cols(
            ("general", "一般公共预算收入", ("一般公共预算", "一般公共预算拨款收入", "一般公共预算拨款")),
            ("fund", "政府性基金预算收入", ("政府性基金预算", "政府性基金预算拨款收入", "政府性基金预算拨款")),
            ("soe", "国有资本经营预算收入", ("国有资本经营预算", "国有资本经营预算拨款收入",
                                          "国有资本经营预算拨款")), parent="fiscal"),
         *_cols(
            ("carryover", "上年结转", ("上年结转结余", "上年结转和结余")),
            ("unit_balance", "使用非财政拨款结余", ("非财政拨款结余",)))),
        _TOTAL_LINE, scheme="functional",
        invariants=("T2-1", "T2-2", "T2-3", "T2-4", "T2-5"),
    ),
    TableKind.EXPENDITURE: TableSpec(
        TableKind.EXPENDITURE,
        (*_EXPENDITURE_COLUMNS,
         *_cols(("operating", "经营支出", ()),
                ("remit_superior", "上解上级支出", ("上缴上级支出",)),
                ("subsidy_affiliated", "对附属单位补助支出", ()),
                ("carryforward", "结转下年", ("年终结转结余", "年末结转和结余"))),
         *_BASIC_SPLIT),
        _TOTAL_LINE, scheme="functional", invariants=("T3-1", "T3-2", "T3-3"),
    ),
    TableKind.FISCAL_SUMMARY: TableSpec(
        TableKind.FISCAL_SUMMARY,
        (ColumnSpec("income", "金额", ("预算数", "预算"), "income"),
         *_cols(("total", "合计", ("小计", "总计", "预算数", "预算", "金额")),
                ("general", "一般公共预算财政拨款", ("一般公共预算", "一般公共预算拨款")),
                ("fund", "政府性基金预算财政拨款", ("政府性基金预算", "政府性基金预算拨款")),
                ("soe", "国有资本经营预算财政拨款", ("国有资本经营预算", "国有资本经营预算拨款")),
                side="expenditure")),
        _FISCAL_INCOME_LINES, scheme="functional", two_sided=True,
        invariants=("T4-1", "T4-2", "T4-3", "T4-4", "T4-5", "T4-6"),
    ),
    TableKind.GENERAL_BUDGET: TableSpec(
        TableKind.GENERAL_BUDGET, _EXPENDITURE_DETAIL_COLUMNS, _TOTAL_LINE, scheme="functional",
        invariants=("T5-1", "T5-2"),
    ),
    TableKind.BASIC_EXPENDITURE: TableSpec(
        TableKind.BASIC_EXPENDITURE,
        (*_cols(("total", "合计", ("小计", "预算数", "预算", "基本支出预算", "基本支出", "金额"))),
         *_cols(("personnel", "人员经费", ("人员支出", "人员经费支出", "人员类")),
                ("public", "公用经费", ("日常公用经费", "日常公用支出", "公用支出", "公用经费支出", "公用类")), parent="total")),
        (*_TOTAL_LINE,
         LineSpec("personnel", ("人员经费合计", "人员经费")),
         LineSpec("public", ("公用经费合计", "公用经费", "日常公用经费"))),
        scheme="economic", invariants=("T6-1", "T6-2", "T6-3", "T6-4"),
    ),
    TableKind.BASIC_FUNCTIONAL: TableSpec(
        TableKind.BASIC_FUNCTIONAL,
        _cols(("total", "合计", ("小计", "预算数", "预算", "基本支出", "金额")),
              ("personnel", "人员经费", ("人员支出", "人员经费支出", "人员类")),
              ("public", "公用经费", ("日常公用经费", "日常公用支出", "公用支出", "公用经费支出"))),
        _TOTAL_LINE, scheme="functional",
    ),
    TableKind.GOV_FUND: TableSpec(
        TableKind.GOV_FUND, _EXPENDITURE_DETAIL_COLUMNS, _TOTAL_LINE, scheme="functional",
        invariants=("T7-1",),
    ),
    TableKind.SOE_CAPITAL: TableSpec(
        TableKind.SOE_CAPITAL, _EXPENDITURE_DETAIL_COLUMNS, _TOTAL_LINE, scheme="functional",
        invariants=("T7-1",),
    ),
    TableKind.THREE_PUBLIC: TableSpec(
        TableKind.THREE_PUBLIC,
        _cols(("total", "合计", ("小计", "预算数")),
              ("general", "一般公共预算", ("一般公共预算财政拨款", "一般公共预算拨款")),
              ("fund", "政府性基金", ("政府性基金预算", "政府性基金预算财政拨款")),
              ("soe", "国有资本经营", ("国有资本经营预算", "国有资本经营预算财政拨款")),
              ("prior", "上年预算数", ("上年预算",))),
        THREE_PUBLIC_LINES, invariants=("S-1", "S-2", "S-3", "S-4"),
    ),
    TableKind.THREE_PUBLIC_YOY: TableSpec(
        TableKind.THREE_PUBLIC_YOY,
        (*_cols(("prior", "上年预算", ("上年预算数", "上年")), ("current", "本年预算", ("本年预算数", "本年")),
                ("change", "增减金额", ("增减", "增减额"))),
         ColumnSpec("reason", "变化原因", ("变化原因为", "增减原因"), text=True)),
        THREE_PUBLIC_LINES, invariants=("Y-1", "Y-2", "Y-3"),
    ),
    TableKind.PROCUREMENT: TableSpec(
        TableKind.PROCUREMENT,
        (*_cols(("total", "合计", ("金额", "预算金额", "小计", "总计")),), *_FUND_SOURCES),
        _TOTAL_LINE, invariants=("G-1",),
    ),
    TableKind.FIXED_ASSETS: TableSpec(
        TableKind.FIXED_ASSETS,
        _cols(("quantity", "数量", ()), ("value", "价值", ("金额",))),
        (LineSpec("total", ("固定资产总额", "合计")),
         LineSpec("buildings", ("房屋", "房屋（㎡）", "房屋(平方米)")),
         LineSpec("offices", ("办公用房",)),
         LineSpec("vehicles", ("车辆", "车辆（台、辆）", "车辆(台/辆)", "车辆（辆）")),
         LineSpec("equipment", ("单价50万元以上设备", "单价50万元（含）以上设备")),
         LineSpec("general_equipment", ("通用设备",)),
         LineSpec("special_equipment", ("专用设备",)),
         LineSpec("other", ("其他固定资产",))),
        invariants=("F-1", "F-2"),
    ),
    TableKind.PROJECT_EXPENDITURE: TableSpec(
        TableKind.PROJECT_EXPENDITURE,
        (*_cols(("total", "合计", ("金额", "预算数", "小计", "总计", "预算"))), *_FUND_SOURCES,
         ColumnSpec("category", "项目类别", ("项目类型",), text=True),
         ColumnSpec("target", "绩效目标", ("绩效目标描述",), text=True)),
        _TOTAL_LINE,
    ),
    TableKind.FISCAL_EXPENDITURE: TableSpec(
        TableKind.FISCAL_EXPENDITURE,
        (*_EXPENDITURE_DETAIL_COLUMNS, *_FUND_SOURCES[1:4]), _TOTAL_LINE, scheme="functional",
    ),
    TableKind.FISCAL_BASIC_EXPENDITURE: TableSpec(
        TableKind.FISCAL_BASIC_EXPENDITURE,
        _cols(("total", "合计", ("小计", "预算数", "预算", "基本支出", "金额")),
              ("personnel", "人员经费", ("人员支出", "人员经费支出", "人员类")),
              ("public", "公用经费", ("日常公用经费", "日常公用支出", "公用支出", "公用经费支出", "公用类"))),
        (*_TOTAL_LINE,
         LineSpec("personnel", ("人员经费合计", "人员经费")),
         LineSpec("public", ("公用经费合计", "公用经费", "日常公用经费"))),
        scheme="economic",
    ),
    TableKind.GENERAL_BUDGET_ECONOMIC: TableSpec(
        TableKind.GENERAL_BUDGET_ECONOMIC,
        _cols(("total", "合计", ("预算数", "预算", "小计", "金额")), ("basic", "基本支出", ()),
              ("project", "项目支出", ())),
        _TOTAL_LINE, scheme="economic",
    ),
    TableKind.PROJECT_ECONOMIC: TableSpec(
        TableKind.PROJECT_ECONOMIC,
        _cols(("total", "合计", ("预算数", "预算", "小计", "金额", "项目支出"))),
        _TOTAL_LINE, scheme="economic",
    ),
    TableKind.BASIC_BUDGET: TableSpec(
        TableKind.BASIC_BUDGET,
        (*_cols(("total", "合计", ("总计", "小计", "金额"))), *_FUND_SOURCES),
        _TOTAL_LINE, scheme="economic",
    ),
    TableKind.OPERATION_EXPENSES: TableSpec(
        TableKind.OPERATION_EXPENSES,
        _cols(("total", "合计", ("机关运行经费支出", "机关运行经费", "预算数", "预算", "金额"))),
        _TOTAL_LINE, scheme="economic",
    ),
    **final_specs(TableKind),
    TableKind.OTHER: TableSpec(TableKind.OTHER, ()),
}

# Title patterns, most specific first. Matching is on the normalised title (no spaces,
# quotes or brackets; the year and prefixes such as 部门预算/单位预算/表3 ignored).
_NOT_GENERAL = r"^(?!.*一般公共预算)"
_TITLE_PATTERNS: tuple[tuple[TableKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (TableKind.THREE_PUBLIC_YOY, r"三公经费.*(增减|变化|对比|比较)"),
        (TableKind.THREE_PUBLIC, r"三公"),
        (TableKind.FISCAL_SUMMARY, r"财政拨款收支(预算)?总(体情况)?表"),
        (TableKind.OPERATION_EXPENSES, r"机关运行经费"),
        (TableKind.FISCAL_BASIC_EXPENDITURE, _NOT_GENERAL + r".*财政拨款基本支出"),
        (TableKind.PROJECT_ECONOMIC, r"项目支出.*经济(分类|科目)"),
        (TableKind.BASIC_FUNCTIONAL, r"(一般公共预算|财政拨款).*基本支出.*功能(分类|科目)"),
        (TableKind.BASIC_EXPENDITURE, r"(一般公共预算|财政拨款).*基本支出"),
        (TableKind.BASIC_BUDGET, r"基本支出(预算)?总?(情况)?表"),
        (TableKind.GOV_FUND, r"政府性?基金.*(支出|收支)"),
        (TableKind.SOE_CAPITAL, r"国有资本经营.*支出"),
        (TableKind.GENERAL_BUDGET_ECONOMIC, r"一般公共预算.*支出.*经济(分类|科目)"),
        (TableKind.FISCAL_EXPENDITURE, _NOT_GENERAL + r".*财政拨款支出(预算)?(情况)?表"),
        (TableKind.GENERAL_BUDGET, r"一般公共预算.*支出(预算)?(情况)?(功能分类)?表"),
        (TableKind.GENERAL_BUDGET, r"一般公共预算(拨款)?支出.*(功能|表)"),
        (TableKind.SUMMARY, r"(财务)?收支(预算)?总(体情况)?表"),
        (TableKind.REVENUE, r"收入(预算)?总?(体情况)?表"),
        (TableKind.PROCUREMENT, r"政府采购"),
        (TableKind.FIXED_ASSETS, r"固定资产|国有资产占用"),
        (TableKind.PROJECT_EXPENDITURE, r"项目支出(预算)?总?(明细)?(情况)?表|项目支出及其他支出"),
        # 支出总表, 部门支出表, 本年支出总体情况表 — not 专项业务经费支出表, 结转资金支出表
        (TableKind.EXPENDITURE, r"支出(预算)?总(体情况)?表|(?:^|部门|单位|本年|预算|年度?|表)支出(预算)?(情况)?表"),
    )
)


def kind_from_title(title: str) -> TableKind | None:
    """The standard table a printed title names, or ``None`` when it names none.

    Titles of every template are accepted: 部门收支总表, 部门预算收支总表, 部门财务收支预算总表,
    表1 2026年部门收支总表, 公开01表 …, 单位预算…, 政府基金预算… (sic), "三公"经费和机关运行经费预算表,
    表5 一般公共预算支出情况表（按功能分类科目）, 公开05表 财政拨款支出表（功能科目）.

    >>> kind_from_title("表5 一般公共预算支出情况表（按功能分类科目）").name
    'GENERAL_BUDGET'
    >>> kind_from_title("公开05表 财政拨款支出表（功能科目）").name
    'FISCAL_EXPENDITURE'
    >>> kind_from_title("表7 一般公共预算项目支出情况表（按经济分类科目）").name
    'PROJECT_ECONOMIC'
    >>> kind_from_title("2026年部门一般公共预算支出功能分类预算表").name
    'GENERAL_BUDGET'
    """
    t = normalise_label(title)
    base = normalise_label(_QUALIFIER.sub("", title.strip()))
    if "绩效" in t or not base.endswith(("表", "情况", "预算", "原因")):
        return None
    final = final_kind_from_title(t)
    if final is not None:
        return TableKind[final]
    for kind, pattern in _TITLE_PATTERNS:
        if pattern.search(t):
            return kind
    return None
