"""Cross-table rules between the summary tables (表间勾稽): X-1 … X-10 and T7-1 of docs/domain.md §4, §3.

The 收支总表, 收入总表, 支出总表 and 财政拨款收支总表 print the same incomes, carry-overs
and expenditures: each must agree with the others (X-1 … X-7), a fiscal part never exceeds
the whole (X-8 … X-10), and an empty fund table is empty in the summary tables too (T7-1).

>>> from govbudget.rules import REGISTRY
>>> REGISTRY["X-5"].statement
'收支总表本年支出合计 = 部门支出总表合计'
>>> REGISTRY["T7-1"].family
'cross-table'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from govbudget.money import BLANK, Cell, max_places, tolerance
from govbudget.rules._common import (
    SOURCE_143,
    check_le,
    code_index,
    index,
    numbering_row,
    printed,
    table_or_skip,
)
from govbudget.rules.arithmetic import fiscal_columns, fiscal_income
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.rules.cross_table import (
    FAMILY,
    E,
    F,
    G,
    R,
    S,
    _cell,
    _equal,
    _per_code,
    _src,
    _tables,
    _where,
)
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row


def _sum_cell(cells: list[Cell]) -> Cell:
    if not any(c.is_amount for c in cells):
        return BLANK
    return Cell.amount(sum((c.as_zero() for c in cells), Decimal(0)))


def _subtotal(t: BudgetTable, side: str, col: str) -> tuple[Row | None, Cell, str]:
    """本年收入/支出合计 of a two-sided table: the printed line, else 总计 less the
    carry-over lines printed (a template may print only 总计)."""
    idx = index(t)
    sub = idx.line("subtotal", side)
    if sub is not None:
        return sub, sub.cell(col), sub.name
    total = idx.line("total", side)
    if total is None:
        return None, Cell.amount(0), "本年合计"
    carry = [r.cell(col) for k in (("carryover", "unit_balance") if side == "income"
                                   else ("carryforward",))
             if (r := idx.line(k, side)) is not None]
    value = total.cell(col)
    if any(c.as_zero() for c in carry):
        value = Cell.amount(value.as_zero() - sum((c.as_zero() for c in carry), Decimal(0)))
    return total, value, f"{total.name}（表中未列本年合计，以总计减结转计）"


# ---- 收支总表 ↔ 收入总表 ↔ 财政拨款收支总表 --------------------------------------------

@rule("X-1", Severity.ERROR,
      "收支总表三项财政拨款收入之和 = 收入总表合计的财政拨款收入 = 财政拨款收支总表本年收入合计",
      source=_src("X-1"), family=FAMILY)
def x1_fiscal_income(ctx: RuleContext) -> None:
    tables = _tables(ctx, S, R, F)
    if tables is None:
        return
    s, r, f = tables
    cols = fiscal_columns(r)
    if not cols:
        ctx.skip("收入总表未列示财政拨款收入栏")
        return
    total_row = index(r).line("total")
    if total_row is None:
        ctx.skip("收入总表没有合计行")
        return
    fiscal = _sum_cell([total_row.cell(c) for c in cols])
    lines = [(k, row) for k in ("general_budget", "gov_fund", "soe_capital")
             if (row := index(s).line(k, "income")) is not None]
    unmatched = [r.spec.column(col).name for col, line in _FUND_OF.items()
                 if col in index(r).printed and total_row.cell(col).as_zero() != 0
                 and index(s).line(line, "income") is None]
    if unmatched:
        ctx.skip(f"收支总表没有识别出与收入总表“{'、'.join(unmatched)}”对应的收入行，不作比较")
        return
    if lines:
        ctx.check_sum(fiscal, [row.cell("income") for _, row in lines], table=r, row=total_row,
                      column=cols[0], what="收入总表财政拨款收入应等于收支总表三项财政拨款收入之和",
                      labels=[row.name for _, row in lines])
    else:
        ctx.skip("收支总表没有分项列示财政拨款收入")
    f_row = index(f).line("subtotal", "income") or index(f).line("total", "income")
    income = fiscal_income(f)
    carry = index(f).line("carryover", "income")
    if (carry is not None and "carryover" not in index(r).printed and income.is_amount
            and fiscal.as_zero() != 0 and carry.cell("income").as_zero() != 0
            and abs(fiscal.as_zero() - income.as_zero() - carry.cell("income").as_zero())
            <= tolerance(places=max_places((fiscal, income, carry.cell("income"))),
                         addends=len(cols) + 2)):
        # a revenue table without a 上年结转 column counts the carry-over in its fiscal
        # columns (资金, not 拨款收入): its figure is 本年收入 + 年初结转 (to each figure's
        # rounding: W040 prints 99,320.55 + 44,048.03 as 143,368.57)
        ctx.checked(table=f)
        return
    _equal(ctx, f, f_row, "income", income, r, total_row, fiscal,
           "财政拨款收支总表本年收入合计应等于收入总表财政拨款收入", "合计")


#: the revenue table's fund column → the summary's income line of the same fund
_FUND_OF = {"general": "general_budget", "fund": "gov_fund", "soe": "soe_capital"}

_X2 = (("special_account", "special_account"), ("business", "business"),
       ("operating", "operating"), ("superior_subsidy", "superior_subsidy"),
       ("affiliated_remit", "affiliated_remit"), ("other", "other"))


@rule("X-2", Severity.ERROR, "收支总表财政专户、事业、经营、上级补助、附属单位上缴、"
                             "其他收入 = 收入总表合计各栏",
      source=_src("X-2"), family=FAMILY)
def x2_other_income(ctx: RuleContext) -> None:
    tables = _tables(ctx, S, R)
    if tables is None:
        return
    s, r = tables
    total_row = index(r).line("total")
    if total_row is None:
        ctx.skip("收入总表没有合计行")
        return
    shown = index(r).printed
    for line, col in _X2:
        if col not in shown:
            continue  # the revenue table does not print this source
        s_row, s_cell = _cell(s, line, "income", "income")
        b = total_row.cell(col)
        _equal(ctx, r, total_row, col, b, s, s_row, s_cell,
               f"收入总表合计“{r.spec.column(col).name}”应等于收支总表对应收入", line)


def _summary_vs_revenue(ctx: RuleContext, line: str, col: str, what: str) -> None:
    tables = _tables(ctx, S, R)
    if tables is None:
        return
    s, r = tables
    if not printed(r, col):
        ctx.skip(f"收入总表未列示“{r.spec.column(col).name}”栏")
        return
    s_row, s_cell = _cell(s, line, "income", "income")
    r_row, r_cell = _cell(r, "total", col)
    _equal(ctx, r, r_row, col, r_cell, s, s_row, s_cell, what, line)


@rule("X-3", Severity.ERROR, "收支总表上年结转结余 = 收入总表合计的上年结转", source=_src("X-3"),
      family=FAMILY)
def x3_carryover(ctx: RuleContext) -> None:
    _summary_vs_revenue(ctx, "carryover", "carryover", "收入总表上年结转应等于收支总表上年结转结余")


@rule("X-4", Severity.ERROR, "收支总表收入总计 = 收入总表合计", source=_src("X-4"), family=FAMILY)
def x4_income_total(ctx: RuleContext) -> None:
    _summary_vs_revenue(ctx, "total", "total", "收入总表合计应等于收支总表收入总计")


# ---- 收支总表 ↔ 支出总表 ----------------------------------------------------------------

@rule("X-5", Severity.ERROR, "收支总表本年支出合计 = 部门支出总表合计", source=_src("X-5"),
      family=FAMILY)
def x5_expenditure_total(ctx: RuleContext) -> None:
    tables = _tables(ctx, S, E)
    if tables is None:
        return
    s, e = tables
    s_row, s_cell, s_what = _subtotal(s, "expenditure", "expenditure")
    e_row, e_cell = _cell(e, "total", "total")
    s_total = index(s).line("total", "expenditure")
    carried = index(s).line("carryforward", "expenditure")
    if (s_total is not None and carried is not None and carried.cell("expenditure").as_zero()
            and e_cell.as_zero() == s_total.cell("expenditure").as_zero() != s_cell.as_zero()):
        # a 支出总表 whose 总计 includes 结转下年 (laid out by funding source): = 支出总计
        ctx.checked(table=e)
        return
    _equal(ctx, e, e_row, "total", e_cell, s, s_row, s_cell,
           "支出总表合计应等于收支总表本年支出合计", s_what)


def _classes(t: BudgetTable, side: str | None = None) -> dict[str, Row]:
    return {c: r for c, r in code_index(t, side).items() if len(c) == 3}


def _class_cells(t: BudgetTable, col: str, side: str | None = None) -> dict[str, Cell]:
    """类 code → amount in ``col``: the 类 row, or (a table printing no 类 rows) the sum
    of the rows of the top-most printed level under it; a repeated 类 sums its blocks."""
    groups: dict[str, list[Cell]] = {}
    for r in index(t).top(side):
        groups.setdefault((r.code or "")[:3], []).append(r.cell(col))
    return {c: cells[0] if len(cells) == 1 else _sum_cell(cells) for c, cells in groups.items()}


def _parts(t: BudgetTable, code: str, col: str, side: str | None) -> list[tuple[str, Cell]]:
    return [(r.label, r.cell(col)) for r in index(t).top(side) if (r.code or "")[:3] == code]


def _blocks(t: BudgetTable, code: str, side: str | None) -> int:
    """How many printed rows make up the 类 ``code`` of ``t`` (1: its own row)."""
    return sum(1 for r in index(t).top(side) if (r.code or "")[:3] == code)


def _per_class(ctx: RuleContext, a: BudgetTable, a_col: str, a_side: str | None,
               b: BudgetTable, b_col: str, b_side: str | None, what: str,
               compare: str = "eq") -> None:
    """For every 类 in either table: a[a_col] vs b[b_col] (lower levels summed up)."""
    a_rows = _classes(a, a_side)
    a_cells, b_cells = _class_cells(a, a_col, a_side), _class_cells(b, b_col, b_side)
    b_rows = _classes(b, b_side)
    only = [c for c in (*a_cells, *b_cells) if (c in a_cells) != (c in b_cells)]
    for code in a_cells:
        if code not in b_cells:
            continue
        ac, bc = a_cells[code], b_cells[code]
        if not ac.is_amount and not bc.is_amount:
            continue
        ar, br = a_rows.get(code), b_rows.get(code)
        evidence = _where(b, br, code if br is not None or code not in b_cells
                          else f"{code}（各下级科目合计）")
        summed = max(_blocks(a, code, a_side), _blocks(b, code, b_side))
        if compare == "eq" and summed > 1 and a.unit is b.unit:
            # one side adds up several printed cells (blocks or lower levels): each was
            # rounded on its own, so the rounding policy applies (docs/domain.md §6)
            a_parts, b_parts = _parts(a, code, a_col, a_side), _parts(b, code, b_col, b_side)
            total, parts = (ac, b_parts) if len(b_parts) >= len(a_parts) else (bc, a_parts)
            ctx.check_sum(total, [c for _, c in parts], table=a, row=ar or code, column=a_col,
                          what=f"{code} {what}（一方为 {summed} 个科目行之和）",
                          labels=[label for label, _ in parts])
        elif compare == "eq":
            ctx.check_equal(ac, a.unit, bc, b.unit, table=a, row=ar or code, column=a_col,
                            what=f"{code} {what}", evidence=evidence)
        else:
            check_le(ctx, ac, a.unit, bc, b.unit, table=a, row=ar or code, column=a_col,
                     what=f"{code} {what}", evidence=evidence)
    if only:
        ctx.skip(f"{len(only)} 个类级科目只列在其中一张表（如 {only[0]}），不逐类比较"
                 "（两表的合计另行核对）")


@rule("X-6", Severity.ERROR, "收支总表各类支出 = 部门支出总表对应类级科目合计", source=_src("X-6"),
      family=FAMILY)
def x6_classes(ctx: RuleContext) -> None:
    tables = _tables(ctx, S, E)
    if tables is None:
        return
    s, e = tables
    _per_class(ctx, s, "expenditure", "expenditure", e, "total", None,
               "收支总表类级支出应等于支出总表该类合计")


@rule("X-7", Severity.ERROR,
      "收入总表各科目合计 − 支出总表各科目合计 = 该科目的年终结转结余（无年终结转时相等）",
      source=_src("X-7"), family=FAMILY)
def x7_revenue_vs_expenditure(ctx: RuleContext) -> None:
    tables = _tables(ctx, S, R, E)
    if tables is None:
        return
    s, r, e = tables
    if not index(r).code_rows or not index(e).code_rows:
        ctx.skip("收入总表或支出总表不按功能分类科目列示（如按单位列示）")
        return
    carry = _cell(s, "carryforward", "expenditure", "expenditure")[1].as_zero()
    r_rows, e_rows = code_index(r), code_index(e)
    if carry == 0:
        _per_code(ctx, r, r_rows, "total", e, e_rows, "total",
                  "收入总表合计应等于支出总表合计（无年终结转结余）")
        return
    # with a carry-forward, expenditure ≤ revenue per code and Σ over 类 of the gap = it
    _per_code(ctx, e, e_rows, "total", r, r_rows, "total",
              "支出总表合计不应超过收入总表合计", compare="le")
    gap = sum((rr.cell("total").as_zero() - (e_rows[c].cell("total").as_zero()
               if c in e_rows else Decimal(0)) for c, rr in _classes(r).items()), Decimal(0))
    ctx.checked()
    if gap != carry:
        ctx.fail(f"收入总表与支出总表各类合计之差 {gap} 不等于年终结转结余 {carry}", table=r,
                 row="合计", column="total", expected=str(carry), actual=str(gap))


@rule("X-8", Severity.ERROR, "财政拨款收支总表年初财政拨款结转和结余 ≤ 收支总表上年结转结余",
      source=_src("X-8"), family=FAMILY)
def x8_carryover_le(ctx: RuleContext) -> None:
    tables = _tables(ctx, S, F)
    if tables is None:
        return
    s, f = tables
    f_row, f_cell = _cell(f, "carryover", "income", "income")
    s_row, s_cell = _cell(s, "carryover", "income", "income")
    if f_row is None or s_row is None:
        ctx.skip("财政拨款收支总表或收支总表没有上年结转行")
        return
    check_le(ctx, f_cell, f.unit, s_cell, s.unit, table=f, row=f_row or "年初财政拨款结转和结余",
             column="income", what="年初财政拨款结转和结余超过收支总表上年结转结余",
             evidence=_where(s, s_row, "上年结转结余"))


@rule("X-9", Severity.ERROR, "财政拨款收支总表各类支出合计 ≤ 收支总表该类支出", source=_src("X-9"),
      family=FAMILY)
def x9_fiscal_le_all(ctx: RuleContext) -> None:
    tables = _tables(ctx, S, F)
    if tables is None:
        return
    s, f = tables
    _per_class(ctx, f, "total", "expenditure", s, "expenditure", "expenditure",
               "财政拨款支出超过收支总表该类支出", compare="le")


@rule("X-10", Severity.ERROR,
      "财政拨款收支总表各类的一般公共预算、政府性基金、国有资本经营栏 = 对应支出表的类级合计",
      source=_src("X-10"), family=FAMILY)
def x10_fund_columns(ctx: RuleContext) -> None:
    f = table_or_skip(ctx, F)
    if f is None:
        return
    shown = index(f).printed
    if not any(col in shown for col in ("general", "fund", "soe")):
        ctx.skip("财政拨款收支总表未分资金来源列示支出（只有合计栏）")
        return
    for col, kind in (("general", G), ("fund", TableKind.GOV_FUND),
                      ("soe", TableKind.SOE_CAPITAL)):
        other = ctx.disclosure.table(kind)
        if other is None or col not in shown:
            continue
        _per_class(ctx, f, col, "expenditure", other, "total", None,
                   f"财政拨款收支总表该类应等于{kind.value}类级合计")
        sub, sub_cell, _ = _subtotal(f, "expenditure", col)
        o_row, o_cell = _cell(other, "total", "total")
        if sub_cell.is_amount or o_cell.is_amount:
            _equal(ctx, f, sub, col, sub_cell, other, o_row, o_cell,
                   f"本年支出合计应等于{kind.value}合计", "合计")


# ---- T7-1 empty fund tables ----------------------------------------------------------

@rule("T7-1", Severity.ERROR,
      "政府性基金 / 国有资本经营预算支出表为空表 ⇔ 财政拨款收支总表该栏为空 ⇔ 收支总表该项拨款收"
      "入为空",
      source=f"docs/domain.md §3 T7-1; {SOURCE_143}", family=FAMILY)
def t7_empty_consistent(ctx: RuleContext) -> None:
    s, f = ctx.disclosure.table(S), ctx.disclosure.table(F)
    for kind, col, line in ((TableKind.GOV_FUND, "fund", "gov_fund"),
                            (TableKind.SOE_CAPITAL, "soe", "soe_capital")):
        t = ctx.disclosure.table(kind)
        if t is None:
            continue
        empty = t.is_empty() or _zero(c for r, _, c in t.cells() if not numbering_row(r))
        views: list[tuple[str, bool]] = []
        # a summary table without the fund's column or line has nothing to say about it
        if f is not None and col in index(f).printed:
            views.append(("财政拨款收支总表" + f.spec.column(col).name + "栏",
                          _zero(r.cell(col) for r in f.rows if r.side == "expenditure")))
        s_line = index(s).line(line, "income") if s is not None else None
        if s_line is not None:
            views.append(("收支总表" + s_line.name, _zero([s_line.cell("income")])))
        for label, blank in views:
            ctx.checked()
            if blank != empty:
                ctx.fail(f"{kind.value}{'为空表' if empty else '有金额'}，但{label}"
                         f"{'有金额' if not blank else '为空'}", table=t, row="合计",
                         column="total", expected="一致", actual=label, evidence=label)
    if ctx.checks == 0:
        ctx.skip("缺少政府性基金或国有资本经营预算支出表")


def _zero(cells: Iterable[Cell]) -> bool:
    return all(c.as_zero() == 0 for c in cells)
