"""Agreement between the final-accounts tables (决算表间勾稽): rules FX-1 … FX-9 (docs/domain.md §11).

The same quantity printed in two tables must agree: exact passes, one unit of the last
digit apart is a warning (tables rounded independently, 尾数), beyond is an error. A
part (财政拨款, 基本支出 of the general budget) must not exceed the whole it belongs to.

>>> from govbudget.rules import REGISTRY
>>> REGISTRY["FX-6"].statement
'基本支出决算表：人员经费合计 + 公用经费合计 = 一般公共预算财政拨款支出决算表基本支出合计'
"""

from __future__ import annotations

from decimal import Decimal

from govbudget.money import BLANK, Cell
from govbudget.rules._common import check_le, code_index, index, sum_check
from govbudget.rules._final import final_rule, final_table, same_quantity, value
from govbudget.rules.core import RuleContext, Severity
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable

__all__: list[str] = []

FAMILY = "final-cross-table"
K = TableKind
E = Severity.ERROR


def _tables(ctx: RuleContext, *kinds: TableKind) -> list[BudgetTable] | None:
    found = []
    for kind in kinds:
        t = final_table(ctx, kind)
        if t is None:
            return None
        found.append(t)
    return found


def _total(t: BudgetTable, col: str) -> tuple[object, Cell]:
    r = index(t).line("total")
    return r, (r.cell(col) if r is not None else BLANK)


def _amount(cells: list[Cell]) -> Cell:
    if not any(c.is_amount for c in cells):
        return BLANK
    return Cell.amount(sum((c.as_zero() for c in cells), Decimal(0)))


@final_rule("FX-1", E, "收入支出决算总表各项收入 = 收入决算表合计行各栏", family=FAMILY)
def fx1_income(ctx: RuleContext) -> None:
    ts = _tables(ctx, K.FINAL_SUMMARY, K.FINAL_REVENUE)
    if ts is None:
        return
    s, r = ts
    total = index(r).line("total")
    if total is None:
        ctx.skip("收入决算表没有合计行")
        return
    shown = index(r).printed
    fiscal = [value(s, k, "income", "income")[1] for k in ("general_budget", "gov_fund", "soe_capital")]
    pairs = [("subtotal", "total", value(s, "subtotal", "income", "income")[1])]
    for line in ("superior_subsidy", "business", "operating", "affiliated_remit", "other"):
        pairs.append((line, line, value(s, line, "income", "income")[1]))
    if "fiscal" in shown:
        pairs.append(("general_budget", "fiscal", _amount(fiscal)))
    for line, col, cell in pairs:
        column = r.column(col)
        if column is not None:
            row = index(s).line(line, "income")
            same_quantity(ctx, cell, total.cell(col), table=s, row=row or line, column="income",
                          what=f"应等于收入决算表合计行“{column.name}”", other="收入决算表")


@final_rule("FX-2", E, "收入支出决算总表本年支出合计及各类支出 = 支出决算表合计及各类", family=FAMILY)
def fx2_expenditure(ctx: RuleContext) -> None:
    ts = _tables(ctx, K.FINAL_SUMMARY, K.FINAL_EXPENDITURE)
    if ts is None:
        return
    s, e = ts
    sub, cell = value(s, "subtotal", "expenditure", "expenditure")
    total_row, total = _total(e, "total")
    if sub is not None and total_row is not None:
        same_quantity(ctx, cell, total, table=s, row=sub, column="expenditure",
                      what="本年支出合计应等于支出决算表合计", other="支出决算表")
    codes = code_index(e)
    for r in s.code_rows("expenditure"):
        got = r.cell("expenditure")
        other = codes.get(r.code or "")
        if got.is_amount or other is not None:
            same_quantity(ctx, got, other.cell("total") if other else BLANK, table=s, row=r,
                          column="expenditure", what="应等于支出决算表该类合计", other="支出决算表")


@final_rule("FX-3", E, "财政拨款收入支出决算总表本年收入 = 收入支出决算总表三类财政拨款收入 = "
            "收入决算表财政拨款收入", family=FAMILY)
def fx3_fiscal_income(ctx: RuleContext) -> None:
    ts = _tables(ctx, K.FINAL_SUMMARY, K.FINAL_FISCAL_SUMMARY)
    if ts is None:
        return
    s, f = ts
    for line in ("general_budget", "gov_fund", "soe_capital"):
        row, cell = value(f, line, "income", "income")
        if row is not None or value(s, line, "income", "income")[0] is not None:
            same_quantity(ctx, cell, value(s, line, "income", "income")[1], table=f,
                          row=row or line, column="income",
                          what="应等于收入支出决算总表同项收入", other="收入支出决算总表")
    r = ctx.disclosure.table(K.FINAL_REVENUE)
    if r is not None and not r.is_empty() and "fiscal" in index(r).printed:
        row, cell = value(f, "subtotal", "income", "income")
        if row is not None:
            same_quantity(ctx, cell, _total(r, "fiscal")[1], table=f, row=row, column="income",
                          what="本年收入合计应等于收入决算表财政拨款收入", other="收入决算表")


def _by_class(ctx: RuleContext, f: BudgetTable, col: str, other: BudgetTable, other_col: str,
              name: str) -> None:
    """财政拨款收入支出决算总表 column ``col`` by 类 and in total against ``other``."""
    codes = code_index(other)
    for r in f.code_rows("expenditure"):
        got, row = r.cell(col), codes.get(r.code or "")
        if got.is_amount or row is not None:
            same_quantity(ctx, got, row.cell(other_col) if row else BLANK, table=f, row=r,
                          column=col, what=f"应等于{name}该类", other=name)
    sub = index(f).line("subtotal", "expenditure")
    total_row, total = _total(other, other_col)
    if sub is not None and total_row is not None:
        same_quantity(ctx, sub.cell(col), total, table=f, row=sub, column=col,
                      what=f"本年支出合计应等于{name}合计", other=name)


@final_rule("FX-4", E, "财政拨款收入支出决算总表一般公共预算栏（各类及合计）= "
            "一般公共预算财政拨款支出决算表", family=FAMILY)
def fx4_general(ctx: RuleContext) -> None:
    ts = _tables(ctx, K.FINAL_FISCAL_SUMMARY, K.FINAL_GENERAL_BUDGET)
    if ts is not None:
        _by_class(ctx, ts[0], "general", ts[1], "total", "一般公共预算财政拨款支出决算表")


@final_rule("FX-5", E, "财政拨款收入支出决算总表政府性基金、国有资本经营栏 = 两张基金决算表的本年支出",
            family=FAMILY)
def fx5_funds(ctx: RuleContext) -> None:
    f = final_table(ctx, K.FINAL_FISCAL_SUMMARY)
    if f is None:
        return
    for col, kind in (("fund", K.FINAL_GOV_FUND), ("soe", K.FINAL_SOE_CAPITAL)):
        t = ctx.disclosure.table(kind)
        if t is None or t.unreadable or col not in index(f).printed:
            continue
        if t.is_empty():  # an empty fund table: the column must be blank too
            sub = index(f).line("subtotal", "expenditure")
            if sub is not None:
                same_quantity(ctx, sub.cell(col), Cell.amount(0), table=f, row=sub, column=col,
                              what=f"{kind.value}为空表，本栏本年支出应为零", other=kind.value)
            continue
        _by_class(ctx, f, col, t, "expenditure", kind.value)
    if ctx.checks == 0 and ctx.skip_reason is None:
        ctx.skip("没有可比较的政府性基金、国有资本经营预算决算表")


@final_rule("FX-6", E, "基本支出决算表：人员经费合计 + 公用经费合计 = "
            "一般公共预算财政拨款支出决算表基本支出合计", family=FAMILY)
def fx6_basic(ctx: RuleContext) -> None:
    ts = _tables(ctx, K.FINAL_BASIC_EXPENDITURE, K.FINAL_GENERAL_BUDGET)
    if ts is None:
        return
    b, g = ts
    personnel, public = index(b).line("personnel"), index(b).line("public")
    total_row, basic = _total(g, "basic")
    if personnel is None or public is None or total_row is None:
        ctx.skip("缺少人员经费合计、公用经费合计或基本支出合计")
        return
    sum_check(ctx, basic, [personnel.cell("total"), public.cell("total")], table=g,
              row=index(g).line("total"), column="basic",
              what="基本支出合计应等于基本支出决算表人员经费合计与公用经费合计之和")


@final_rule("FX-7", E, "一般公共预算财政拨款支出决算表每一科目 ≤ 支出决算表同科目（合计、基本、项目）",
            family=FAMILY)
def fx7_general_within(ctx: RuleContext) -> None:
    ts = _tables(ctx, K.FINAL_GENERAL_BUDGET, K.FINAL_EXPENDITURE)
    if ts is None:
        return
    g, e = ts
    codes = code_index(e)
    for r in g.code_rows():
        other = codes.get(r.code or "")
        if other is None:
            continue
        for col in ("total", "basic", "project"):
            check_le(ctx, r.cell(col), g.unit, other.cell(col), e.unit, table=g, row=r,
                     column=col, what="一般公共预算财政拨款支出不应超过该科目全部支出")


#: 三公 item → the economic 款 the basic-expenditure table books it under (docs/domain.md §1.8)
_THREE_PUBLIC_CODES = (("overseas", "30212"), ("reception", "30217"),
                       ("vehicle_operation", "30231"), ("vehicle_purchase", "31013"))


@final_rule("FX-8", E, "基本支出决算表 30212/30217/30231/31013 ≤ “三公”经费决算数的对应项目",
            family=FAMILY)
def fx8_three_public(ctx: RuleContext) -> None:
    ts = _tables(ctx, K.FINAL_BASIC_EXPENDITURE, K.FINAL_THREE_PUBLIC)
    if ts is None:
        return
    b, t = ts
    codes = code_index(b)
    for item, code in _THREE_PUBLIC_CODES:
        row = codes.get(code)
        line = index(t).line(item)
        if row is None or line is None:
            continue
        check_le(ctx, row.cell("total"), b.unit, line.cell("final"), t.unit, table=b, row=row,
                 column="total", what=f"基本支出中的{row.name}不应超过“三公”经费决算数")
    if ctx.checks == 0:
        ctx.skip("没有可比较的“三公”经费科目")


@final_rule("FX-9", E, "财政拨款部分 ≤ 全部：财政拨款年初、年末结转和结余及本年支出不超过"
            "收入支出决算总表同项", family=FAMILY)
def fx9_fiscal_within(ctx: RuleContext) -> None:
    ts = _tables(ctx, K.FINAL_FISCAL_SUMMARY, K.FINAL_SUMMARY)
    if ts is None:
        return
    f, s = ts
    for line, side, f_col, s_col in (("carryover", "income", "income", "income"),
                                     ("carryforward", "expenditure", "total", "expenditure"),
                                     ("subtotal", "expenditure", "total", "expenditure")):
        row, part = value(f, line, f_col, side)
        whole = value(s, line, s_col, side)[1]
        if row is not None:
            check_le(ctx, part, f.unit, whole, s.unit, table=f, row=row, column=f_col,
                     what="财政拨款部分不应超过收入支出决算总表同项")
