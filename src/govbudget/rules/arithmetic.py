"""Arithmetic inside one table (表内平衡): the family's shared reading, and rules T6-1 … T6-3,
P-1 and P-2 of docs/domain.md §3 (the basic expenditure table).

The summary tables' rules (T1, T4) are in ``arithmetic_summary``, the code tables' (T2, T3,
T5, T7/T8) in ``arithmetic_codes``; this module holds what they and the cross-table rules
share: the family name and sources, which revenue columns hold 财政拨款 and 本年收入, the
财政拨款收支总表's 本年收入合计, and the 人员经费 / 公用经费 nature of an economic code.

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
    hierarchy_sums,
    index,
    line_or_skip,
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
#: 类 of the departmental economic classification counted as 人员经费 / 公用经费 (§1.7)
PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "310", "399")


def _src(section: str) -> str:
    return f"docs/domain.md {section}; {SOURCE_143}"


# ---- T2 部门收入总表 and T4 财政拨款收支总表: readings shared with the cross-table rules --

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


# ---- T6 一般公共预算基本支出表, P-1, P-2 -----------------------------------------------

@rule("T6-1", Severity.ERROR, "一般公共预算基本支出表每一行：合计 = 人员经费 + 公用经费",
      source=_src("§3 T6"), family=FAMILY, within=True)
def t6_row_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.BASIC_EXPENDITURE)
    if t is not None:
        row_sums(ctx, t, t.rows, "total", ("personnel", "public"), "合计应等于人员经费加公用经费")


@rule("T6-2", Severity.ERROR, "一般公共预算基本支出表每一栏：经济分类类级 = 其款级之和",
      source=_src("§3 T6"), family=FAMILY, within=True)
def t6_hierarchy(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.BASIC_EXPENDITURE)
    if t is not None:
        hierarchy_sums(ctx, t, what="类级科目应等于其款级科目之和")


@rule("T6-3", Severity.ERROR, "一般公共预算基本支出表每一栏：合计 = 各类之和",
      source=_src("§3 T6"), family=FAMILY, within=True)
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


def _by_category(ctx: RuleContext, t: BudgetTable) -> bool:
    """Whether the table splits 基本支出 by a staffing category (人员类 / 公用经费, 长沙), not
    by 人员经费 / 公用经费: per-head 302 items are then 人员类 by the document's own definition,
    and the split by economic class does not apply (skips, saying so)."""
    column = t.column("personnel")
    if column is None or "类" not in column.name:
        return False
    ctx.skip(f"基本支出表按“{column.name}”分列（按人员类别归集，不是人员经费），"
             "不按经济分类检查分列")
    return True


@rule("P-1", Severity.ERROR,
      "基本支出表：工资福利、对个人和家庭的补助只列人员经费，商品和服务、"
      "资本性支出只列公用经费（T6-4）",
      source="docs/domain.md §1.7 P-1; §3 T6-4", family=FAMILY, within=True,
      aliases=("T6-4",))
def p1_column_by_class(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.BASIC_EXPENDITURE)
    if t is None:
        return
    idx = index(t)
    if "personnel" not in idx.printed or "public" not in idx.printed:
        ctx.skip("基本支出表未分列人员经费、公用经费")
        return
    if _by_category(ctx, t):
        return
    for r in idx.code_rows:
        assert r.code is not None
        nature = economic_nature(r.code)
        if nature is None:
            continue
        ctx.checked(table=t)
        wrong = "public" if nature == "personnel" else "personnel"
        cell = r.cell(wrong)
        if cell.is_amount and cell.value != 0:
            kind = "人员经费" if nature == "personnel" else "公用经费"
            col = "公用经费" if wrong == "public" else "人员经费"
            ctx.fail(f"{r.code} 属于{kind}，不应在{col}栏列支", table=t, row=r, column=wrong,
                     expected="（空白）", actual=cell)


@rule("P-2", Severity.ERROR,
      "基本支出表：人员经费合计 = 301 + 303，公用经费合计 = 302 + 310 + 399（T6-4）",
      source="docs/domain.md §1.7 P-2; §3 T6-4", family=FAMILY, within=True,
      aliases=("T6-4",))
def p2_nature_totals(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.BASIC_EXPENDITURE)
    if t is None:
        return
    total = line_or_skip(ctx, t, "total", missing="基本支出表没有合计行")
    if total is None:
        return
    idx = index(t)
    if idx.code_rows and not any((r.code or "").startswith("3") for r in idx.code_rows):
        ctx.skip("基本支出表按政府经济分类列示（5xx），不按 301/302/303/310 分类")
        return
    if _by_category(ctx, t):
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
