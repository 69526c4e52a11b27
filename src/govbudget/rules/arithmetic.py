"""Arithmetic inside one table (表内平衡): rules T1-1 … T7-3, P-1 and P-2 of DOMAIN.md §3.

Every sum goes through ``RuleContext.check_sum``: blanks count as zero, an exact
match passes, a difference within half a unit of the last shown digit × (n + 1)
is an ``info`` rounding note, anything beyond is an ``error``. Parent rows are
checked against their *direct* children in table order (类 = Σ 款, 款 = Σ 项).

>>> from govbudget.rules import REGISTRY
>>> import govbudget.rules.arithmetic
>>> REGISTRY["T2-3"].statement
'部门收入总表每一栏：上级科目 = 其直接下级科目之和'
>>> REGISTRY["T1-1"].family
'arithmetic'
"""

from __future__ import annotations

from decimal import Decimal

from govbudget.money import BLANK, Cell
from govbudget.rules._common import (
    SOURCE_143,
    check_balance,
    hierarchy_sums,
    index,
    row_sums,
    sum_check,
    table_or_skip,
    top_level_sum,
)
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row

__all__ = ["PERSONNEL_CLASSES", "PUBLIC_CLASSES", "economic_nature", "revenue_sources"]

FAMILY = "arithmetic"
INCOME_LINES = ("general_budget", "gov_fund", "soe_capital", "special_account", "business",
                "operating", "superior_subsidy", "affiliated_remit", "other")
#: 类 of the departmental economic classification counted as 人员经费 / 公用经费 (§1.7)
PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "310", "399")


def _src(section: str) -> str:
    return f"DOMAIN.md {section}; {SOURCE_143}"


# ---- T1 部门收支总表 ---------------------------------------------------------------

@rule("T1-1", Severity.ERROR, "部门收支总表：本年收入合计 = 各项收入之和",
      source=_src("§3 T1"), family=FAMILY)
def t1_income_subtotal(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.SUMMARY)
    if t is None:
        return
    sub = index(t).line("subtotal", "income")
    if sub is None:
        ctx.skip("收支总表没有本年收入合计行")
        return
    parts = [r.cell("income") for r in t.rows if r.side == "income" and r.line in INCOME_LINES]
    ctx.check_sum(sub.cell("income"), parts, table=t, row=sub, column="income",
                  what="本年收入合计应等于各项收入之和")


@rule("T1-2", Severity.ERROR, "部门收支总表：本年支出合计 = 各类支出之和",
      source=_src("§3 T1"), family=FAMILY)
def t1_expenditure_subtotal(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.SUMMARY)
    if t is None:
        return
    sub = index(t).line("subtotal", "expenditure")
    if sub is None:
        ctx.skip("收支总表没有本年支出合计行")
        return
    parts = [r.cell("expenditure") for r in t.rows if r.side == "expenditure"
             and (r.code is not None or r.line == "unclassified")]
    ctx.check_sum(sub.cell("expenditure"), parts, table=t, row=sub, column="expenditure",
                  what="本年支出合计应等于各类支出之和")


def _total_of(ctx: RuleContext, side: str, carry: str, label: str) -> None:
    t = table_or_skip(ctx, TableKind.SUMMARY)
    if t is None:
        return
    total, sub, car = index(t).line("total", side), index(t).line("subtotal", side), index(t).line(carry, side)
    if total is None or sub is None:
        ctx.skip(f"收支总表没有{label}行")
        return
    parts = [sub.cell(side)] + ([car.cell(side)] if car is not None else [])
    ctx.check_sum(total.cell(side), parts, table=t, row=total, column=side,
                  what=f"{label}应等于本年合计加结转结余")


@rule("T1-3", Severity.ERROR, "部门收支总表：收入总计 = 本年收入合计 + 上年结转结余",
      source=_src("§3 T1"), family=FAMILY)
def t1_income_total(ctx: RuleContext) -> None:
    _total_of(ctx, "income", "carryover", "收入总计")


@rule("T1-4", Severity.ERROR, "部门收支总表：支出总计 = 本年支出合计 + 年终结转结余",
      source=_src("§3 T1"), family=FAMILY)
def t1_expenditure_total(ctx: RuleContext) -> None:
    _total_of(ctx, "expenditure", "carryforward", "支出总计")


@rule("T1-5", Severity.ERROR, "部门收支总表：收入总计 = 支出总计（收支平衡）",
      source=_src("§3 T1"), family=FAMILY)
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
      source="DOMAIN.md §1.3 row 31, §3 T1 [UNVERIFIED]", family=FAMILY)
def t1_unclassified_blank(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.SUMMARY)
    if t is None:
        return
    rows = [r for r in t.rows if r.side == "expenditure"
            and (r.line == "unclassified" or (r.code is None and r.line is None))]
    if not rows:
        ctx.skip("收支总表没有人行科目行")
    for r in rows:
        ctx.checked()
        cell = r.cell("expenditure")
        if cell.is_amount and cell.value != 0:
            ctx.fail(f"无政府收支分类科目的支出行“{r.name}”列有金额", table=t, row=r,
                     column="expenditure", expected="（空白）", actual=cell)


# ---- T2 部门收入总表 ---------------------------------------------------------------

_REVENUE_SOURCES = ("fiscal", "special_account", "business", "operating", "superior_subsidy",
                    "affiliated_remit", "other")
_FISCAL_PARTS = ("general", "fund", "soe")


def fiscal_columns(t: BudgetTable) -> tuple[str, ...]:
    """The printed columns that together hold a revenue table's 财政拨款收入.

    ``fiscal`` when the table prints it as the 财政拨款 subtotal (beside its
    一般公共预算 / 政府性基金 / 国有资本经营 parts, or alone); otherwise the fund columns
    printed (a table heading 财政拨款 over 一般公共预算 … prints no subtotal, and one
    printing ``fiscal`` beside 政府性基金 / 国有资本经营 without 一般公共预算 uses it
    for the general budget).
    """
    shown = index(t).printed
    if "fiscal" in shown and ("general" in shown or not any(k in shown for k in _FISCAL_PARTS)):
        return ("fiscal",)
    return tuple(k for k in ("fiscal", *_FISCAL_PARTS) if k in shown)


def revenue_sources(t: BudgetTable) -> tuple[str, ...]:
    """The printed columns of a revenue table whose sum is 本年收入 (no column counted twice)."""
    shown = index(t).printed
    return (*fiscal_columns(t), *(k for k in _REVENUE_SOURCES[1:] if k in shown))


def _unknown_amounts(t: BudgetTable) -> list[str]:
    """Printed amount columns the spec does not know (a sum may miss them), with amounts."""
    known = set(t.spec.column_keys)
    cols = [c for c in index(t).amount_columns if c not in known]
    return [c for c in cols if any(r.cell(c).as_zero() != 0 for r in t.rows)]


@rule("T2-1", Severity.ERROR, "部门收入总表每一行：合计 = 本年收入小计 + 上年结转",
      source=_src("§3 T2"), family=FAMILY)
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
      source=_src("§3 T2"), family=FAMILY)
def t2_row_current(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.REVENUE)
    if t is None:
        return
    if "current" not in index(t).printed:
        ctx.skip("收入总表未列示本年收入小计栏")
        return
    row_sums(ctx, t, t.rows, "current", revenue_sources(t), "本年收入小计应等于各项收入之和")


@rule("T2-3", Severity.ERROR, "部门收入总表每一栏：上级科目 = 其直接下级科目之和",
      source=_src("§3 T2"), family=FAMILY)
def t2_hierarchy(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.REVENUE)
    if t is not None:
        hierarchy_sums(ctx, t)


@rule("T2-4", Severity.ERROR, "部门收入总表每一栏：合计 = 各类级科目之和",
      source=_src("§3 T2"), family=FAMILY)
def t2_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.REVENUE)
    if t is not None:
        top_level_sum(ctx, t, index(t).line("total"))


# ---- T3 部门支出总表, T5 一般公共预算支出表, T7/T8 --------------------------------------

@rule("T3-1", Severity.ERROR,
      "部门支出总表每一行："
      "合计 = 基本支出 + 项目支出 + 经营支出 + 上解上级支出 + 对附属单位补助支出",
      source=_src("§3 T3"), family=FAMILY)
def t3_row_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.EXPENDITURE)
    if t is not None:
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
      source=_src("§3 T3"), family=FAMILY)
def t3_hierarchy(ctx: RuleContext) -> None:
    _hierarchy_and_total(ctx, TableKind.EXPENDITURE)


@rule("T5-1", Severity.ERROR, "一般公共预算财政拨款支出表每一行：合计 = 基本支出 + 项目支出",
      source=_src("§3 T5"), family=FAMILY)
def t5_row_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.GENERAL_BUDGET)
    if t is not None:
        row_sums(ctx, t, t.rows, "total", ("basic", "project"), "合计应等于基本支出加项目支出")


@rule("T5-2", Severity.ERROR, "一般公共预算财政拨款支出表每一栏：上级科目 = 直接下级之和，"
                              "合计 = 各类之和",
      source=_src("§3 T5"), family=FAMILY)
def t5_hierarchy(ctx: RuleContext) -> None:
    _hierarchy_and_total(ctx, TableKind.GENERAL_BUDGET)


_FUND_TABLES = (TableKind.GOV_FUND, TableKind.SOE_CAPITAL)


@rule("T7-2", Severity.ERROR,
      "政府性基金 / 国有资本经营预算支出表每一行：合计 = 基本支出 + 项目支出",
      source=_src("§3 T7/T8"), family=FAMILY)
def t7_row_total(ctx: RuleContext) -> None:
    tables = [t for k in _FUND_TABLES if (t := ctx.disclosure.table(k)) is not None]
    if not tables or all(t.is_empty() for t in tables):
        ctx.skip("政府性基金、国有资本经营预算支出表缺失或为空表")
    for t in tables:
        row_sums(ctx, t, t.rows, "total", ("basic", "project"), "合计应等于基本支出加项目支出")


@rule("T7-3", Severity.ERROR,
      "政府性基金 / 国有资本经营预算支出表每一栏：上级科目 = 直接下级之和，合计 = 各类之和",
      source=_src("§3 T7/T8"), family=FAMILY)
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


# ---- T4 财政拨款收支总表 -----------------------------------------------------------

def _fiscal(ctx: RuleContext, total: str, parts: tuple[str, ...], what: str) -> None:
    t = table_or_skip(ctx, TableKind.FISCAL_SUMMARY)
    if t is None:
        return
    idx = index(t)
    row = idx.line(total, "income")
    if row is None:
        ctx.skip("财政拨款收支总表缺少该行")
        return
    cells = [r.cell("income") for k in parts if (r := idx.line(k, "income")) is not None]
    ctx.check_sum(row.cell("income"), cells, table=t, row=row, column="income", what=what)


def fiscal_income(t: BudgetTable) -> Cell:
    """财政拨款收支总表本年收入合计: the printed line, else the fund incomes printed."""
    idx = index(t)
    sub = idx.line("subtotal", "income")
    if sub is not None:
        return sub.cell("income")
    cells = [r.cell("income") for k in ("general_budget", "gov_fund", "soe_capital")
             if (r := idx.line(k, "income")) is not None]
    if not any(c.is_amount for c in cells):
        return BLANK
    return Cell.amount(sum((c.as_zero() for c in cells), Decimal(0)))


@rule("T4-1", Severity.ERROR, "财政拨款收支总表：本年收入合计 = 三类财政拨款之和",
      source=_src("§3 T4"), family=FAMILY)
def t4_income_subtotal(ctx: RuleContext) -> None:
    _fiscal(ctx, "subtotal", ("general_budget", "gov_fund", "soe_capital"),
            "本年收入合计应等于一般公共预算、政府性基金、国有资本经营预算拨款之和")


@rule("T4-2", Severity.ERROR, "财政拨款收支总表：年初财政拨款结转和结余 = 分资金来源结转之和",
      source=_src("§3 T4"), family=FAMILY)
def t4_carryover(ctx: RuleContext) -> None:
    _fiscal(ctx, "carryover", ("carryover_general", "carryover_fund", "carryover_soe"),
            "年初财政拨款结转和结余应等于分资金来源结转之和")


@rule("T4-3", Severity.ERROR, "财政拨款收支总表：收入总计 = 本年收入合计 + 年初结转和结余",
      source=_src("§3 T4"), family=FAMILY)
def t4_income_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.FISCAL_SUMMARY)
    if t is None:
        return
    idx = index(t)
    if idx.line("subtotal", "income") is not None:
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
      source=_src("§3 T4"), family=FAMILY)
def t4_row_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.FISCAL_SUMMARY)
    if t is not None:
        rows = [r for r in t.rows if r.side == "expenditure"]
        row_sums(ctx, t, rows, "total", ("general", "fund", "soe"), "合计应等于三类财政拨款支"
                                                                    "出之和")


@rule("T4-5", Severity.ERROR,
      "财政拨款收支总表：本年支出合计 = 各类支出之和；支出总计 = 本年支出合计 + 年末结转；"
      "收入总计 = 支出总计",
      source=_src("§3 T4"), family=FAMILY)
def t4_expenditure_totals(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.FISCAL_SUMMARY)
    if t is None:
        return
    idx = index(t)
    sub, total = idx.line("subtotal", "expenditure"), idx.line("total", "expenditure")
    carry = idx.line("carryforward", "expenditure")
    classes = [r for r in t.rows if r.side == "expenditure"
               and (r.code is not None or r.line == "unclassified")]
    if sub is None or total is None:
        ctx.skip("财政拨款收支总表没有本年支出合计或支出总计行")
        return
    for col in _FISCAL_COLUMNS:
        if col not in idx.printed:
            continue
        ctx.check_sum(sub.cell(col), [r.cell(col) for r in classes], table=t, row=sub,
                      column=col, what="本年支出合计应等于各类支出之和")
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
      source=_src("§3 T4"), family=FAMILY)
def t4_fund_balance(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.FISCAL_SUMMARY)
    if t is None:
        return
    idx = index(t)
    sub, carry = idx.line("subtotal", "expenditure"), idx.line("carryforward", "expenditure")
    if sub is None:
        ctx.skip("财政拨款收支总表没有本年支出合计行")
        return
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


# ---- T6 一般公共预算基本支出表, P-1, P-2 -----------------------------------------------

@rule("T6-1", Severity.ERROR, "一般公共预算基本支出表每一行：合计 = 人员经费 + 公用经费",
      source=_src("§3 T6"), family=FAMILY)
def t6_row_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.BASIC_EXPENDITURE)
    if t is not None:
        row_sums(ctx, t, t.rows, "total", ("personnel", "public"), "合计应等于人员经费加公用经费")


@rule("T6-2", Severity.ERROR, "一般公共预算基本支出表每一栏：经济分类类级 = 其款级之和",
      source=_src("§3 T6"), family=FAMILY)
def t6_hierarchy(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.BASIC_EXPENDITURE)
    if t is not None:
        hierarchy_sums(ctx, t, what="类级科目应等于其款级科目之和")


@rule("T6-3", Severity.ERROR, "一般公共预算基本支出表每一栏：合计 = 各类之和",
      source=_src("§3 T6"), family=FAMILY)
def t6_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.BASIC_EXPENDITURE)
    if t is not None:
        top_level_sum(ctx, t, index(t).line("total"))


def economic_nature(code: str) -> str | None:
    """``personnel`` (人员经费), ``public`` (公用经费) or ``None`` for a departmental economic code.

    By the 类, as §1.7 defines them (the same map as the catalogue's ``EconomicCode.nature``).

    >>> economic_nature("30231"), economic_nature("30302"), economic_nature("307")
    ('public', 'personnel', None)
    """
    if code[:3] in PERSONNEL_CLASSES:
        return "personnel"
    if code[:3] in PUBLIC_CLASSES:
        return "public"
    return None


@rule("P-1", Severity.ERROR,
      "基本支出表：工资福利、对个人和家庭的补助只列人员经费，商品和服务、"
      "资本性支出只列公用经费（T6-4）",
      source="DOMAIN.md §1.7 P-1; §3 T6-4", family=FAMILY,
      aliases=("T6-4",))
def p1_column_by_class(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.BASIC_EXPENDITURE)
    if t is None:
        return
    idx = index(t)
    if "personnel" not in idx.printed or "public" not in idx.printed:
        ctx.skip("基本支出表未分列人员经费、公用经费")
        return
    for r in idx.code_rows:
        assert r.code is not None
        nature = economic_nature(r.code)
        if nature is None:
            continue
        ctx.checked()
        wrong = "public" if nature == "personnel" else "personnel"
        cell = r.cell(wrong)
        if cell.is_amount and cell.value != 0:
            kind = "人员经费" if nature == "personnel" else "公用经费"
            col = "公用经费" if wrong == "public" else "人员经费"
            ctx.fail(f"{r.code} 属于{kind}，不应在{col}栏列支", table=t, row=r, column=wrong,
                     expected="（空白）", actual=cell)


@rule("P-2", Severity.ERROR,
      "基本支出表：人员经费合计 = 301 + 303，公用经费合计 = 302 + 310 + 399（T6-4）",
      source="DOMAIN.md §1.7 P-2; §3 T6-4", family=FAMILY,
      aliases=("T6-4",))
def p2_nature_totals(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.BASIC_EXPENDITURE)
    if t is None:
        return
    idx = index(t)
    total = idx.line("total")
    if total is None:
        ctx.skip("基本支出表没有合计行")
        return
    rows_by_class: dict[str, list[Row]] = {}
    for r in idx.top():  # 类 rows (each block of a repeated 类), else the 款 shown alone
        rows_by_class.setdefault((r.code or "")[:3], []).append(r)
    for col, classes, label in (("personnel", PERSONNEL_CLASSES, "人员经费合计应等于工资福利支出与"
                                                                 "对个人和家庭的补助之和"),
                                ("public", PUBLIC_CLASSES, "公用经费合计应等于商品和服务支出与资本"
                                                           "性支出之和")):
        if col not in idx.printed:
            ctx.skip("基本支出表未分列人员经费、公用经费")
            continue
        parts = [r.cell("total") for cls in classes for r in rows_by_class.get(cls, ())]
        sum_check(ctx, total.cell(col), parts, table=t, row=total, column=col, what=label)
