"""Arithmetic inside each final-accounts table (决算表内平衡): rules F1-1 … F8-3 (docs/domain.md §11).

Sums go through the rounding policy of docs/domain.md §6 (``check_sum``: exact passes, within
half a unit × (n + 1) is an ``info`` note, beyond is an error). The 政府性基金 and
国有资本经营 tables (F8, F9) have the same form and share the rules F8-1 … F8-3.

>>> from govbudget.rules import REGISTRY
>>> REGISTRY["F1-5"].statement
'收入支出决算总表：收入总计 = 支出总计'
>>> REGISTRY["F6-2"].family
'final-arithmetic'
"""

from __future__ import annotations

from govbudget.money import BLANK
from govbudget.rules._common import (
    check_balance,
    hierarchy_sums,
    index,
    row_sums,
    sum_check,
    top_level_sum,
)
from govbudget.rules._final import final_rule, final_table, value
from govbudget.rules.core import RuleContext, Severity
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable

__all__ = ["INCOME_SOURCES", "PERSONNEL_CLASSES", "fund_tables"]

FAMILY = "final-arithmetic"
K = TableKind
E = Severity.ERROR
#: the income lines of 收入支出决算总表 that make up 本年收入合计
INCOME_SOURCES = ("general_budget", "gov_fund", "soe_capital", "superior_subsidy", "business",
                  "operating", "affiliated_remit", "other")
#: economic 类 of 人员经费; every other 类 of the basic-expenditure table is 公用经费
PERSONNEL_CLASSES = ("301", "303")


def _sum_lines(ctx: RuleContext, t: BudgetTable, total: str, parts: tuple[str, ...], col: str,
               side: str, what: str) -> None:
    row, cell = value(t, total, col, side)
    if row is None:
        ctx.skip(f"{t.title or t.name}没有“{total}”行")
        return
    cells = [value(t, p, col, side)[1] for p in parts]
    sum_check(ctx, cell, cells, table=t, row=row, column=col, what=what)


# ---- F1 收入支出决算总表 --------------------------------------------------------------------

@final_rule("F1-1", E, "收入支出决算总表：本年收入合计 = 各项收入之和", family=FAMILY, within=True)
def f1_income(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_SUMMARY)
    if t is not None:
        _sum_lines(ctx, t, "subtotal", INCOME_SOURCES, "income", "income",
                   "本年收入合计应等于各项收入之和")


@final_rule("F1-2", E, "收入支出决算总表：本年支出合计 = 各类支出之和", family=FAMILY, within=True)
def f1_expenditure(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_SUMMARY)
    if t is None:
        return
    row, cell = value(t, "subtotal", "expenditure", "expenditure")
    classes = list(t.code_rows("expenditure"))
    if row is None or not classes:
        ctx.skip("收入支出决算总表没有本年支出合计行或支出类级行")
        return
    sum_check(ctx, cell, [r.cell("expenditure") for r in classes], table=t, row=row,
              column="expenditure", what="本年支出合计应等于各类支出之和")


@final_rule("F1-3", E, "收入支出决算总表：收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
            family=FAMILY, within=True)
def f1_income_total(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_SUMMARY)
    if t is not None:
        _sum_lines(ctx, t, "total", ("subtotal", "unit_balance", "carryover"), "income", "income",
                   "收入总计应等于本年收入合计、使用非财政拨款结余与年初结转和结余之和")


@final_rule("F1-4", E, "收入支出决算总表：支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
            family=FAMILY, within=True)
def f1_expenditure_total(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_SUMMARY)
    if t is not None:
        _sum_lines(ctx, t, "total", ("subtotal", "surplus_distribution", "carryforward"),
                   "expenditure", "expenditure",
                   "支出总计应等于本年支出合计、结余分配与年末结转和结余之和")


@final_rule("F1-5", E, "收入支出决算总表：收入总计 = 支出总计", family=FAMILY, within=True)
def f1_balanced(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_SUMMARY)
    if t is None:
        return
    row_in, income = value(t, "total", "income", "income")
    row_out, spent = value(t, "total", "expenditure", "expenditure")
    if row_in is None or row_out is None:
        ctx.skip("收入支出决算总表没有收入总计或支出总计行")
        return
    sum_check(ctx, income, [spent], table=t, row=row_in, column="income",
              what="收入总计应等于支出总计")


# ---- F2 收入决算表, F3 支出决算表, F5 一般公共预算财政拨款支出决算表 ------------------------------

_REVENUE_PARTS = ("fiscal", "superior_subsidy", "business", "operating", "affiliated_remit", "other")


def _revenue_parts(t: BudgetTable) -> tuple[str, ...]:
    shown = index(t).printed
    fiscal = ("fiscal",) if "fiscal" in shown else tuple(
        k for k in ("general", "fund", "soe") if k in shown)
    return (*fiscal, *(k for k in _REVENUE_PARTS[1:] if k in shown))


def _code_table_rules(prefix: str, kind: TableKind, name: str, row_rule: str,
                      parts: tuple[str, ...] | None) -> None:
    @final_rule(f"{prefix}-1", E, f"{name}每一行：{row_rule}", family=FAMILY, within=True)
    def rows(ctx: RuleContext) -> None:
        t = final_table(ctx, kind)
        if t is None:
            return
        keys = parts if parts is not None else _revenue_parts(t)
        row_sums(ctx, t, t.rows, "total", keys, row_rule.replace(" = ", "应等于"))
        shown = index(t).printed
        for budget in ("budget", "adjusted"):  # 年初预算数 / 调整预算数 beside, where printed
            if budget in shown and {f"{budget}_basic", f"{budget}_project"} & shown:
                row_sums(ctx, t, t.rows, budget, (f"{budget}_basic", f"{budget}_project"),
                         "预算数应等于基本支出与项目支出之和")

    @final_rule(f"{prefix}-2", E, f"{name}每一栏：上级科目 = 其直接下级科目之和", family=FAMILY, within=True)
    def hierarchy(ctx: RuleContext) -> None:
        t = final_table(ctx, kind)
        if t is not None:
            hierarchy_sums(ctx, t)

    @final_rule(f"{prefix}-3", E, f"{name}每一栏：合计 = 各类级科目之和", family=FAMILY, within=True)
    def total(ctx: RuleContext) -> None:
        t = final_table(ctx, kind)
        if t is not None:
            top_level_sum(ctx, t, index(t).line("total"))

    del rows, hierarchy, total


_code_table_rules("F2", K.FINAL_REVENUE, "收入决算表",
                  "本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入",
                  None)
_code_table_rules("F3", K.FINAL_EXPENDITURE, "支出决算表",
                  "本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出",
                  ("basic", "project", "remit_superior", "operating", "subsidy_affiliated"))
_code_table_rules("F5", K.FINAL_GENERAL_BUDGET, "一般公共预算财政拨款支出决算表",
                  "合计 = 基本支出 + 项目支出", ("basic", "project"))


# ---- F4 财政拨款收入支出决算总表 ---------------------------------------------------------------

_FUNDS = (("general_budget", "carryover_general", "general"),
          ("gov_fund", "carryover_fund", "fund"),
          ("soe_capital", "carryover_soe", "soe"))


@final_rule("F4-1", E, "财政拨款收入支出决算总表：本年收入合计 = 三类财政拨款收入之和", family=FAMILY, within=True)
def f4_income(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_FISCAL_SUMMARY)
    if t is not None:
        _sum_lines(ctx, t, "subtotal", tuple(f[0] for f in _FUNDS), "income", "income",
                   "本年收入合计应等于三类财政拨款收入之和")


@final_rule("F4-2", E, "财政拨款收入支出决算总表：年初财政拨款结转和结余 = 分资金性质之和", family=FAMILY, within=True)
def f4_carryover(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_FISCAL_SUMMARY)
    if t is None:
        return
    if all(index(t).line(f[1], "income") is None for f in _FUNDS):
        ctx.skip("财政拨款收入支出决算总表未分资金性质列示年初结转和结余")
        return
    _sum_lines(ctx, t, "carryover", tuple(f[1] for f in _FUNDS), "income", "income",
               "年初财政拨款结转和结余应等于分资金性质之和")


@final_rule("F4-3", E, "财政拨款收入支出决算总表：收入总计 = 本年收入合计 + 年初结转和结余，且等于支出总计",
            family=FAMILY, within=True)
def f4_totals(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_FISCAL_SUMMARY)
    if t is None:
        return
    _sum_lines(ctx, t, "total", ("subtotal", "carryover"), "income", "income",
               "收入总计应等于本年收入合计与年初财政拨款结转和结余之和")
    row_in, income = value(t, "total", "income", "income")
    row_out, spent = value(t, "total", "total", "expenditure")
    if row_in is not None and row_out is not None:
        sum_check(ctx, income, [spent], table=t, row=row_in, column="income",
                  what="收入总计应等于支出总计")


@final_rule("F4-4", E, "财政拨款收入支出决算总表每一支出行：合计 = 一般公共预算 + 政府性基金 + 国有资本经营",
            family=FAMILY, within=True)
def f4_row_total(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_FISCAL_SUMMARY)
    if t is not None:
        rows = [r for r in t.rows if r.side == "expenditure"]
        row_sums(ctx, t, rows, "total", ("general", "fund", "soe"),
                 "合计应等于三类财政拨款之和")


@final_rule("F4-5", E, "财政拨款收入支出决算总表每一栏：本年支出合计 = 各类支出之和；"
            "支出总计 = 本年支出合计 + 年末结转和结余", family=FAMILY, within=True)
def f4_expenditure(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_FISCAL_SUMMARY)
    if t is None:
        return
    idx = index(t)
    sub = idx.line("subtotal", "expenditure")
    total = idx.line("total", "expenditure")
    classes = list(t.code_rows("expenditure"))
    for col in ("total", "general", "fund", "soe"):
        if col not in idx.printed:
            continue
        if sub is not None and classes:
            sum_check(ctx, sub.cell(col), [r.cell(col) for r in classes], table=t, row=sub,
                      column=col, what="本年支出合计应等于各类支出之和")
        if total is not None and sub is not None:
            carry = idx.line("carryforward", "expenditure")
            sum_check(ctx, total.cell(col), [sub.cell(col), carry.cell(col) if carry else BLANK],
                      table=t, row=total, column=col,
                      what="支出总计应等于本年支出合计与年末财政拨款结转和结余之和")
    if ctx.checks == 0:
        ctx.skip("财政拨款收入支出决算总表没有本年支出合计行")


@final_rule("F4-6", E, "财政拨款收入支出决算总表，每类资金：本年收入 + 年初结转和结余 = "
            "本年支出 + 年末结转和结余", family=FAMILY, within=True)
def f4_per_fund(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_FISCAL_SUMMARY)
    if t is None:
        return
    idx = index(t)
    sub, carry = idx.line("subtotal", "expenditure"), idx.line("carryforward", "expenditure")
    if sub is None or "general" not in idx.printed:
        ctx.skip("财政拨款收入支出决算总表未分资金性质列示本年支出")
        return
    for income_line, carry_line, col in _FUNDS:
        income = value(t, income_line, "income", "income")[1]
        start = value(t, carry_line, "income", "income")[1]
        if idx.line(carry_line, "income") is None and col == "general" and all(
                idx.line(f[1], "income") is None for f in _FUNDS):
            start = value(t, "carryover", "income", "income")[1]  # one carry-over line only
        spent = sub.cell(col)
        end = carry.cell(col) if carry is not None else BLANK
        if not any(c.is_amount for c in (income, start, spent, end)):
            continue
        check_balance(ctx, [income, start], [spent, end], table=t, row=sub, column=col,
                      what="本年收入与年初结转和结余之和应等于本年支出与年末结转和结余之和")


# ---- F6 一般公共预算财政拨款基本支出决算表 -----------------------------------------------------

@final_rule("F6-1", E, "基本支出决算表：经济分类类级 = 其款级之和（每一块分别）", family=FAMILY, within=True)
def f6_hierarchy(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_BASIC_EXPENDITURE)
    if t is not None:
        hierarchy_sums(ctx, t, what="类级科目应等于其款级科目之和")


@final_rule("F6-2", E, "基本支出决算表：人员经费合计 = 工资福利支出 + 对个人和家庭的补助", family=FAMILY, within=True)
def f6_personnel(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_BASIC_EXPENDITURE)
    if t is None:
        return
    row = index(t).line("personnel")
    if row is None:
        ctx.skip("基本支出决算表没有人员经费合计行")
        return
    parts = [r.cell("total") for r in index(t).top() if (r.code or "")[:3] in PERSONNEL_CLASSES]
    sum_check(ctx, row.cell("total"), parts, table=t, row=row, column="total",
              what="人员经费合计应等于工资福利支出与对个人和家庭的补助之和")


@final_rule("F6-3", E, "基本支出决算表：公用经费合计 = 商品和服务支出、资本性支出等其余各类之和；"
            "合计 = 人员经费合计 + 公用经费合计", family=FAMILY, within=True)
def f6_public(ctx: RuleContext) -> None:
    t = final_table(ctx, K.FINAL_BASIC_EXPENDITURE)
    if t is None:
        return
    idx = index(t)
    row = idx.line("public")
    if row is None:
        ctx.skip("基本支出决算表没有公用经费合计行")
        return
    parts = [r.cell("total") for r in idx.top() if (r.code or "")[:3] not in PERSONNEL_CLASSES]
    sum_check(ctx, row.cell("total"), parts, table=t, row=row, column="total",
              what="公用经费合计应等于商品和服务支出、资本性支出等各类之和")
    total, personnel = idx.line("total"), idx.line("personnel")
    if total is not None and personnel is not None:
        sum_check(ctx, total.cell("total"), [personnel.cell("total"), row.cell("total")],
                  table=t, row=total, column="total", what="合计应等于人员经费合计与公用经费合计之和")


# ---- F7 财政拨款“三公”经费支出决算表 -----------------------------------------------------------

def _three_public(ctx: RuleContext, total: str, parts: tuple[str, ...], what: str) -> None:
    t = final_table(ctx, K.FINAL_THREE_PUBLIC)
    if t is None:
        return
    idx = index(t)
    row = idx.line(total)
    if row is None:
        ctx.skip(f"“三公”经费支出决算表没有“{total}”")
        return
    if total == "total" and idx.line("vehicle") is None:  # 车 printed only as its two parts
        parts = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")
    for col in ("budget", "final"):
        if col in idx.printed:
            sum_check(ctx, row.cell(col), [value(t, p, col)[1] for p in parts], table=t,
                      row=row, column=col, what=what)


@final_rule("F7-1", E, "“三公”经费支出决算表（预算数、决算数分别）：合计 = 因公出国（境）费 + "
            "公务用车购置及运行维护费 + 公务接待费", family=FAMILY, within=True)
def f7_total(ctx: RuleContext) -> None:
    _three_public(ctx, "total", ("overseas", "vehicle", "reception"),
                  "合计应等于因公出国（境）费、公务用车购置及运行维护费与公务接待费之和")


@final_rule("F7-2", E, "“三公”经费支出决算表（预算数、决算数分别）：公务用车购置及运行维护费 = "
            "购置费 + 运行维护费", family=FAMILY, within=True)
def f7_vehicle(ctx: RuleContext) -> None:
    _three_public(ctx, "vehicle", ("vehicle_purchase", "vehicle_operation"),
                  "公务用车购置及运行维护费应等于购置费与运行维护费之和")


# ---- F8 / F9 政府性基金、国有资本经营预算财政拨款收入支出决算表 ------------------------------------

def fund_tables(ctx: RuleContext) -> list[BudgetTable]:
    """The government-fund and state-capital final tables that hold amounts (skip if none)."""
    out = []
    reasons = []
    for kind in (K.FINAL_GOV_FUND, K.FINAL_SOE_CAPITAL):
        t = final_table(ctx, kind)
        if t is not None:
            out.append(t)
        elif ctx.skip_reason:
            reasons.append(ctx.skip_reason)
    if not out:
        ctx.skip("；".join(reasons) or "没有政府性基金、国有资本经营预算决算表")
    return out


@final_rule("F8-1", E, "政府性基金、国有资本经营预算决算表每一行：年初结转和结余 + 本年收入 = "
            "本年支出 + 年末结转和结余", family=FAMILY, within=True)
def f8_balance(ctx: RuleContext) -> None:
    for t in fund_tables(ctx):
        shown = index(t).printed
        if not {"carryover", "income", "carryforward"} <= shown:
            ctx.skip(f"{t.title or t.name}未列示结转和结余、本年收入栏")
            continue
        for r in t.rows:
            cells = [r.cell(k) for k in ("carryover", "income", "expenditure", "carryforward")]
            if any(c.is_amount for c in cells):
                check_balance(ctx, cells[:2], cells[2:], table=t, row=r, column="carryforward",
                              what="年初结转和结余与本年收入之和应等于本年支出与年末结转和结余之和")


@final_rule("F8-2", E, "政府性基金、国有资本经营预算决算表每一行：本年支出 = 基本支出 + 项目支出",
            family=FAMILY, within=True)
def f8_row(ctx: RuleContext) -> None:
    for t in fund_tables(ctx):
        row_sums(ctx, t, t.rows, "expenditure", ("basic", "project"),
                 "本年支出应等于基本支出与项目支出之和")


@final_rule("F8-3", E, "政府性基金、国有资本经营预算决算表每一栏：上级科目 = 下级之和，合计 = 各类之和",
            family=FAMILY, within=True)
def f8_hierarchy(ctx: RuleContext) -> None:
    for t in fund_tables(ctx):
        hierarchy_sums(ctx, t)
        if index(t).top():
            top_level_sum(ctx, t, index(t).line("total"))
