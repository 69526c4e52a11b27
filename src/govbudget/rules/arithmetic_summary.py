"""Arithmetic inside the summary tables (表内平衡): rules T1-1 … T1-6 and T4-1 … T4-6.

The 部门收支总表 (T1) and the 财政拨款收支总表 (T4) print income beside expenditure:
their subtotals, totals and balance are checked line by line (docs/domain.md §3 T1, T4).

>>> from govbudget.rules import REGISTRY
>>> REGISTRY["T1-1"].statement
'部门收支总表：本年收入合计 = 各项收入之和'
>>> REGISTRY["T4-1"].family
'arithmetic'
"""

from __future__ import annotations

import re
from decimal import Decimal

from govbudget.money import max_places, tolerance
from govbudget.rules._common import (
    check_balance,
    index,
    line_or_skip,
    row_sums,
    table_or_skip,
)
from govbudget.rules.arithmetic import FAMILY, _src
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import Row

# ---- T1 部门收支总表 ---------------------------------------------------------------

INCOME_LINES = ("general_budget", "gov_fund", "soe_capital", "special_account", "business",
                "operating", "superior_subsidy", "affiliated_remit", "other")


#: the fund lines a 财政拨款 line is usually the heading of
_FUND_LINES = ("general_budget", "gov_fund", "soe_capital")

_GROUP = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_ITEM = re.compile(r"^\s*[（(]?\d{1,2}\s*[)）.．、]")


def _leaf_lines(rows: list[Row]) -> list[Row]:
    """The rows without the group headings that have numbered items under them
    (``三、单位资金`` over ``1.事业收入 … 5.其他收入``): a group is its items, once. A
    heading without a numeral (``上年结余、结转`` over ``1.财政拨款结余、结转 2.…``) is a
    group when its amounts are blank or are the sums of its items."""
    out: list[Row] = []
    for i, r in enumerate(rows):
        items = _items_after(rows, i)
        if items and (_GROUP.match(r.name) or (not _ITEM.match(r.name) and _sums(r, items))):
            continue
        out.append(r)
    return out


def _items_after(rows: list[Row], i: int) -> list[Row]:
    items = []
    for r in rows[i + 1:]:
        if not _ITEM.match(r.name):
            break
        items.append(r)
    return items


def _sums(heading: Row, items: list[Row]) -> bool:
    """Whether each amount of ``heading`` is the sum of its items' (to their rounding)."""
    for key, cell in heading.cells.items():
        if cell.value is None:
            continue
        parts = [it.cell(key) for it in items]
        total = sum((c.as_zero() for c in parts), Decimal(0))
        if abs(total - cell.value) > tolerance(places=max_places([cell, *parts]),
                                               addends=len(items)):
            return False
    return True


def _unknown_rows(rows: list[Row], side: str, ctx: RuleContext) -> bool:
    """Whether rows above the subtotal with an amount were not recognised (no line, no
    code: 本级财政拨款收入, 基本支出 …): a sum without them would be no check; skips."""
    unknown = [r for r in _leaf_lines(rows) if r.line is None and r.code is None
               and r.cell(side).as_zero() != 0]
    if unknown:
        ctx.skip(f"表中有未识别的行（如“{unknown[0].name}”），不作相加")
    return bool(unknown)


def _class_rows(rows: list[Row]) -> list[Row]:
    """The expenditure rows that add up to the 本年支出合计: the 类 (and 未分类) lines; a
    款 or 项 printed under its 类 (a 收支总表 listing 类/款/项 by name) is part of it."""
    codes = {r.code for r in rows if r.code is not None}
    return [r for r in rows if (r.code is not None and not any(
        r.code[:n] in codes for n in (3, 5) if n < len(r.code))) or r.line == "unclassified"]


@rule("T1-1", Severity.ERROR, "部门收支总表：本年收入合计 = 各项收入之和",
      source=_src("§3 T1"), family=FAMILY, within=True)
def t1_income_subtotal(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.SUMMARY)
    if t is None:
        return
    sub = line_or_skip(ctx, t, "subtotal", "income", missing="收支总表没有本年收入合计行")
    if sub is None:
        return
    side = [r for r in t.rows if r.side == "income"]
    # lines printed below 本年收入合计 (上级补助收入… in some templates) make up 收入总计
    above = side[: side.index(sub)] if sub in side else side
    rows = [r for r in _leaf_lines(above) if r.line in INCOME_LINES]
    fiscal = [r for r in above if r.line == "fiscal"]
    if fiscal and not any(r.line in _FUND_LINES and r.cell("income").as_zero() != 0
                          for r in rows):
        # 财政拨款 printed on one line, not split by fund (no fund line with an amount):
        # the line is an item
        rows = [*fiscal, *rows]
    if _unknown_rows(above, "income", ctx):
        return
    ctx.check_sum(sub.cell("income"), [r.cell("income") for r in rows], table=t, row=sub,
                  column="income", what="本年收入合计应等于各项收入之和",
                  labels=[r.name for r in rows])


@rule("T1-2", Severity.ERROR, "部门收支总表：本年支出合计 = 各类支出之和",
      source=_src("§3 T1"), family=FAMILY, within=True)
def t1_expenditure_subtotal(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.SUMMARY)
    if t is None:
        return
    sub = line_or_skip(ctx, t, "subtotal", "expenditure", missing="收支总表没有本年支出合计行")
    if sub is None:
        return
    side = [r for r in t.rows if r.side == "expenditure"]
    above = side[: side.index(sub)] if sub in side else side
    rows = _class_rows(above)
    if _unknown_rows(above, "expenditure", ctx):
        return
    if not rows:
        ctx.skip("收支总表支出方没有按功能分类的类级行（如按基本支出、项目支出列示），不作相加")
        return
    ctx.check_sum(sub.cell("expenditure"), [r.cell("expenditure") for r in rows], table=t,
                  row=sub, column="expenditure", what="本年支出合计应等于各类支出之和",
                  labels=[r.label for r in rows])


def _total_of(ctx: RuleContext, side: str, carry: str, label: str) -> None:
    t = table_or_skip(ctx, TableKind.SUMMARY)
    if t is None:
        return
    total, sub, car = index(t).line("total", side), index(t).line("subtotal", side), index(t).line(carry, side)
    if total is None or sub is None:
        ctx.skip(f"收支总表没有{label}行")
        return
    rows = [r for r in t.rows if r.side == side]
    between = rows[rows.index(sub) + 1: rows.index(total)] if sub in rows and total in rows \
        and rows.index(sub) < rows.index(total) else []
    # every line printed between 本年合计 and 总计 (结转, or 上级补助收入… in some templates)
    if _unknown_rows(between, side, ctx):
        return
    lines = _leaf_lines([r for r in between if r.line is not None]) or (
        [car] if car is not None else [])
    if not lines and total.cell(side).as_zero() != sub.cell(side).as_zero():
        # the difference may be a carry-over line this reading did not recognise
        ctx.skip(f"收支总表没有识别出结转结余行，{label}不等于本年合计时无法核对")
        return
    ctx.check_sum(total.cell(side), [sub.cell(side)] + [r.cell(side) for r in lines], table=t,
                  row=total, column=side, what=f"{label}应等于本年合计加结转结余",
                  labels=[sub.name] + [r.name for r in lines])


@rule("T1-3", Severity.ERROR, "部门收支总表：收入总计 = 本年收入合计 + 上年结转结余",
      source=_src("§3 T1"), family=FAMILY, within=True)
def t1_income_total(ctx: RuleContext) -> None:
    _total_of(ctx, "income", "carryover", "收入总计")


@rule("T1-4", Severity.ERROR, "部门收支总表：支出总计 = 本年支出合计 + 年终结转结余",
      source=_src("§3 T1"), family=FAMILY, within=True)
def t1_expenditure_total(ctx: RuleContext) -> None:
    _total_of(ctx, "expenditure", "carryforward", "支出总计")


@rule("T1-5", Severity.ERROR, "部门收支总表：收入总计 = 支出总计（收支平衡）",
      source=_src("§3 T1"), family=FAMILY, within=True)
def t1_balanced(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.SUMMARY)
    if t is None:
        return
    inc, exp = index(t).line("total", "income"), index(t).line("total", "expenditure")
    if inc is None or exp is None:
        ctx.skip("收支总表没有收入总计或支出总计行")
        return
    ctx.check_equal(exp.cell("expenditure"), t.unit, inc.cell("income"), t.unit, table=t,
                    row=exp, column="expenditure", what="支出总计应等于收入总计")


@rule("T1-6", Severity.WARNING, "部门收支总表：人行科目及无科目编码的支出行应为空",
      source="docs/domain.md §1.3 row 31, §3 T1 [UNVERIFIED]", family=FAMILY, within=True)
def t1_unclassified_blank(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.SUMMARY)
    if t is None:
        return
    rows = [r for r in t.rows if r.side == "expenditure"
            and (r.line == "unclassified" or (r.code is None and r.line is None))]
    if not rows:
        ctx.skip("收支总表没有人行科目行")
    for r in rows:
        ctx.checked(table=t)
        cell = r.cell("expenditure")
        if cell.is_amount and cell.value != 0:
            ctx.fail(f"无政府收支分类科目的支出行“{r.name}”列有金额", table=t, row=r,
                     column="expenditure", expected="（空白）", actual=cell)


# ---- T4 财政拨款收支总表 -----------------------------------------------------------

def _fiscal(ctx: RuleContext, total: str, parts: tuple[str, ...], what: str) -> None:
    t = table_or_skip(ctx, TableKind.FISCAL_SUMMARY)
    if t is None:
        return
    row = line_or_skip(ctx, t, total, "income", missing="财政拨款收支总表缺少该行")
    if row is None:
        return
    idx = index(t)
    found = [r for k in parts if (r := idx.line(k, "income")) is not None]
    if not found:
        ctx.skip("财政拨款收支总表没有列示其组成行")
        return
    ctx.check_sum(row.cell("income"), [r.cell("income") for r in found], table=t, row=row,
                  column="income", what=what, labels=[r.name for r in found])


@rule("T4-1", Severity.ERROR, "财政拨款收支总表：本年收入合计 = 三类财政拨款之和",
      source=_src("§3 T4"), family=FAMILY, within=True)
def t4_income_subtotal(ctx: RuleContext) -> None:
    _fiscal(ctx, "subtotal", ("general_budget", "gov_fund", "soe_capital"),
            "本年收入合计应等于一般公共预算、政府性基金、国有资本经营预算拨款之和")


@rule("T4-2", Severity.ERROR, "财政拨款收支总表：年初财政拨款结转和结余 = 分资金来源结转之和",
      source=_src("§3 T4"), family=FAMILY, within=True)
def t4_carryover(ctx: RuleContext) -> None:
    _fiscal(ctx, "carryover", ("carryover_general", "carryover_fund", "carryover_soe"),
            "年初财政拨款结转和结余应等于分资金来源结转之和")


@rule("T4-3", Severity.ERROR, "财政拨款收支总表：收入总计 = 本年收入合计 + 年初结转和结余",
      source=_src("§3 T4"), family=FAMILY, within=True)
def t4_income_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.FISCAL_SUMMARY)
    if t is None:
        return
    idx = index(t)
    if idx.line("subtotal", "income") is not None:
        total, sub = idx.line("total", "income"), idx.line("subtotal", "income")
        if (idx.line("carryover", "income") is None and total is not None and sub is not None
                and total.cell("income").as_zero() != sub.cell("income").as_zero()):
            ctx.skip("财政拨款收支总表没有识别出年初结转和结余行，收入总计不等于本年收入合计时"
                     "无法核对")
            return
        _fiscal(ctx, "total", ("subtotal", "carryover"),
                "收入总计应等于本年收入合计加年初结转和结余")
        return
    # no 本年收入合计 line (Shanghai template): the fund incomes printed stand in for it
    total = idx.line("total", "income")
    funds = [r for k in ("general_budget", "gov_fund", "soe_capital")
             if (r := idx.line(k, "income")) is not None]
    if total is None or not funds:
        ctx.skip("财政拨款收支总表没有本年收入合计行，也没有分资金来源的收入行")
        return
    carry = [r.cell("income") for r in (idx.line("carryover", "income"),) if r is not None]
    if not carry:  # only the per-fund carry-over lines are printed
        carry = [r.cell("income") for k in ("carryover_general", "carryover_fund",
                                             "carryover_soe")
                 if (r := idx.line(k, "income")) is not None]
    ctx.check_sum(total.cell("income"), [r.cell("income") for r in funds] + carry, table=t,
                  row=total, column="income",
                  what="收入总计应等于各项财政拨款收入加年初结转和结余（表中未列本年收入合计）")


_FISCAL_COLUMNS = ("total", "general", "fund", "soe")


@rule("T4-4", Severity.ERROR, "财政拨款收支总表每一支出行："
                              "合计 = 一般公共预算 + 政府性基金 + 国有资本经营",
      source=_src("§3 T4"), family=FAMILY, within=True)
def t4_row_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.FISCAL_SUMMARY)
    if t is not None:
        rows = [r for r in t.rows if r.side == "expenditure"]
        row_sums(ctx, t, rows, "total", ("general", "fund", "soe"), "合计应等于三类财政拨款支"
                                                                    "出之和")


@rule("T4-5", Severity.ERROR,
      "财政拨款收支总表：本年支出合计 = 各类支出之和；支出总计 = 本年支出合计 + 年末结转；"
      "收入总计 = 支出总计",
      source=_src("§3 T4"), family=FAMILY, within=True)
def t4_expenditure_totals(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.FISCAL_SUMMARY)
    if t is None:
        return
    idx = index(t)
    sub, total = idx.line("subtotal", "expenditure"), idx.line("total", "expenditure")
    carry = idx.line("carryforward", "expenditure")
    classes = _class_rows([r for r in t.rows if r.side == "expenditure"])
    if sub is None or total is None:
        ctx.skip("财政拨款收支总表没有本年支出合计或支出总计行")
        return
    side = [r for r in t.rows if r.side == "expenditure"]
    if sub in side and _unknown_rows(side[: side.index(sub)], "total", ctx):
        classes = []  # rows not recognised: the classes cannot be added up
    for col in _FISCAL_COLUMNS:
        if col not in idx.printed:
            continue
        if classes:  # no class row recognised: nothing to add up
            ctx.check_sum(sub.cell(col), [r.cell(col) for r in classes], table=t, row=sub,
                          column=col, what="本年支出合计应等于各类支出之和",
                          labels=[r.label for r in classes])
        parts = [sub.cell(col)] + ([carry.cell(col)] if carry is not None else [])
        ctx.check_sum(total.cell(col), parts, table=t, row=total, column=col,
                      what="支出总计应等于本年支出合计加年末结转和结余")
    inc = index(t).line("total", "income")
    if inc is not None:
        ctx.check_equal(total.cell("total"), t.unit, inc.cell("income"), t.unit, table=t,
                        row=total, column="total", what="支出总计应等于收入总计")


_FUNDS = (("general", "general_budget", "carryover_general", "一般公共预算"),
          ("fund", "gov_fund", "carryover_fund", "政府性基金预算"),
          ("soe", "soe_capital", "carryover_soe", "国有资本经营预算"))


@rule("T4-6", Severity.ERROR, "财政拨款收支总表分资金来源："
                              "本年收入 + 年初结转 = 本年支出 + 年末结转",
      source=_src("§3 T4"), family=FAMILY, within=True)
def t4_fund_balance(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.FISCAL_SUMMARY)
    if t is None:
        return
    sub = line_or_skip(ctx, t, "subtotal", "expenditure",
                       missing="财政拨款收支总表没有本年支出合计行")
    if sub is None:
        return
    idx = index(t)
    carry = idx.line("carryforward", "expenditure")
    if not any(col in idx.printed for col, *_ in _FUNDS):
        ctx.skip("财政拨款收支总表未分资金来源列示支出（只有合计栏）")
        return
    for col, income_key, carry_key, label in _FUNDS:
        if col not in idx.printed:
            continue
        inc, open_ = index(t).line(income_key, "income"), index(t).line(carry_key, "income")
        left = [r.cell("income") for r in (inc, open_) if r is not None]
        right = [sub.cell(col)] + ([carry.cell(col)] if carry is not None else [])
        if all(not c.is_amount for c in (*left, *right)):
            continue
        check_balance(ctx, right, left, table=t, row=sub, column=col,
                      what=f"{label}：本年支出加年末结转应等于本年收入加年初结转")
