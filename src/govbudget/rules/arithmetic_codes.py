"""Arithmetic inside the code tables (表内平衡): rules T2-1 … T2-4, T3-1, T3-2, T5-1, T5-2, T7-2, T7-3.

The 部门收入总表 (T2), 部门支出总表 (T3), 一般公共预算财政拨款支出表 (T5) and the
政府性基金 / 国有资本经营预算支出表 (T7/T8) list functional codes: each row adds up
across its columns, and each column adds up down the code tree (类 = Σ 款, 款 = Σ 项).

>>> from govbudget.rules import REGISTRY
>>> REGISTRY["T2-3"].statement
'部门收入总表每一栏：上级科目 = 其直接下级科目之和'
>>> REGISTRY["T7-2"].family
'arithmetic'
"""

from __future__ import annotations

from govbudget.rules._common import (
    hierarchy_sums,
    index,
    row_sums,
    table_or_skip,
    top_level_sum,
)
from govbudget.rules.arithmetic import FAMILY, _src, revenue_sources
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable

# ---- T2 部门收入总表 ---------------------------------------------------------------

def _unknown_amounts(t: BudgetTable) -> list[str]:
    """Printed amount columns the spec does not know (a sum may miss them), with amounts."""
    known = set(t.spec.column_keys)
    cols = [c for c in index(t).amount_columns if c not in known]
    return [c for c in cols if any(r.cell(c).as_zero() != 0 for r in t.rows)]


@rule("T2-1", Severity.ERROR, "部门收入总表每一行：合计 = 本年收入小计 + 上年结转",
      source=_src("§3 T2"), family=FAMILY, within=True)
def t2_row_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.REVENUE)
    if t is None:
        return
    shown = index(t).printed
    tail = tuple(k for k in ("unit_balance", "carryover") if k in shown)
    if "current" in shown:
        row_sums(ctx, t, t.rows, "total", ("current", *tail), "合计应等于本年收入小计加上年结转")
        return
    # no 本年收入小计 column: 合计 = the income sources printed + 上年结转
    unknown = _unknown_amounts(t)
    if unknown:
        ctx.skip(f"收入总表没有本年收入小计栏，且有无法归类的金额栏（{'、'.join(unknown)}）")
        return
    row_sums(ctx, t, t.rows, "total", (*revenue_sources(t), *tail),
             "合计应等于各项收入加上年结转之和")


@rule("T2-2", Severity.ERROR, "部门收入总表每一行：本年收入小计 = 各项收入之和",
      source=_src("§3 T2"), family=FAMILY, within=True)
def t2_row_current(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.REVENUE)
    if t is None:
        return
    if "current" not in index(t).printed:
        ctx.skip("收入总表未列示本年收入小计栏")
        return
    row_sums(ctx, t, t.rows, "current", revenue_sources(t), "本年收入小计应等于各项收入之和")


@rule("T2-3", Severity.ERROR, "部门收入总表每一栏：上级科目 = 其直接下级科目之和",
      source=_src("§3 T2"), family=FAMILY, within=True)
def t2_hierarchy(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.REVENUE)
    if t is not None:
        hierarchy_sums(ctx, t)


@rule("T2-4", Severity.ERROR, "部门收入总表每一栏：合计 = 各类级科目之和",
      source=_src("§3 T2"), family=FAMILY, within=True)
def t2_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.REVENUE)
    if t is not None:
        top_level_sum(ctx, t, index(t).line("total"))


# ---- T3 部门支出总表, T5 一般公共预算支出表, T7/T8 --------------------------------------

@rule("T3-1", Severity.ERROR,
      "部门支出总表每一行："
      "合计 = 基本支出 + 项目支出 + 经营支出 + 上解上级支出 + 对附属单位补助支出",
      source=_src("§3 T3"), family=FAMILY, within=True)
def t3_row_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.EXPENDITURE)
    if t is None:
        return
    unknown = _unknown_amounts(t)
    if unknown:  # 单位预留机动经费 … : a column the sum would miss
        ctx.skip(f"支出总表有无法归类的金额栏（{'、'.join(unknown)}），不逐行相加")
        return
    parts = tuple(c.key for c in t.spec.columns if c.parent is None and c.key != "total")
    row_sums(ctx, t, t.rows, "total", parts, "合计应等于各项支出之和")


def _hierarchy_and_total(ctx: RuleContext, kind: TableKind) -> None:
    t = table_or_skip(ctx, kind)
    if t is None:
        return
    if t.is_empty():
        ctx.skip(f"{kind.value}为空表")
        return
    hierarchy_sums(ctx, t)
    top_level_sum(ctx, t, index(t).line("total"))


@rule("T3-2", Severity.ERROR, "部门支出总表每一栏：上级科目 = 直接下级之和，合计 = 各类之和",
      source=_src("§3 T3"), family=FAMILY, within=True)
def t3_hierarchy(ctx: RuleContext) -> None:
    _hierarchy_and_total(ctx, TableKind.EXPENDITURE)


@rule("T5-1", Severity.ERROR, "一般公共预算财政拨款支出表每一行：合计 = 基本支出 + 项目支出",
      source=_src("§3 T5"), family=FAMILY, within=True)
def t5_row_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.GENERAL_BUDGET)
    if t is not None:
        row_sums(ctx, t, t.rows, "total", ("basic", "project"), "合计应等于基本支出加项目支出")


@rule("T5-2", Severity.ERROR, "一般公共预算财政拨款支出表每一栏：上级科目 = 直接下级之和，"
                              "合计 = 各类之和",
      source=_src("§3 T5"), family=FAMILY, within=True)
def t5_hierarchy(ctx: RuleContext) -> None:
    _hierarchy_and_total(ctx, TableKind.GENERAL_BUDGET)


_FUND_TABLES = (TableKind.GOV_FUND, TableKind.SOE_CAPITAL)


@rule("T7-2", Severity.ERROR,
      "政府性基金 / 国有资本经营预算支出表每一行：合计 = 基本支出 + 项目支出",
      source=_src("§3 T7/T8"), family=FAMILY, within=True)
def t7_row_total(ctx: RuleContext) -> None:
    tables = [t for k in _FUND_TABLES if (t := ctx.disclosure.table(k)) is not None]
    if not tables or all(t.is_empty() for t in tables):
        ctx.skip("政府性基金、国有资本经营预算支出表缺失或为空表")
    for t in tables:
        row_sums(ctx, t, t.rows, "total", ("basic", "project"), "合计应等于基本支出加项目支出")


@rule("T7-3", Severity.ERROR,
      "政府性基金 / 国有资本经营预算支出表每一栏：上级科目 = 直接下级之和，合计 = 各类之和",
      source=_src("§3 T7/T8"), family=FAMILY, within=True)
def t7_hierarchy(ctx: RuleContext) -> None:
    ran = False
    for kind in _FUND_TABLES:
        t = ctx.disclosure.table(kind)
        if t is not None and not t.is_empty():
            ran = True
            hierarchy_sums(ctx, t)
            top_level_sum(ctx, t, index(t).line("total"))
    if not ran:
        ctx.skip("政府性基金、国有资本经营预算支出表缺失或为空表")
