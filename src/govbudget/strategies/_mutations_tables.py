"""Single-defect mutations of the standard tables' arithmetic and cross-table sums.

Each adds δ to one named line or code row of one table (收支总表 T1, 收入总表 T2, 支出总表
T3, 财政拨款收支总表 T4, 一般公共预算 T5, 基本支出表 T6 and P, 基金 T7), so that the
arithmetic (T…, P-…) or cross-table (X-…, T7-1) rule it names must find it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from govbudget.money import BLANK, Cell
from govbudget.strategies._mutations import (
    MUTATORS,
    K,
    Mutation,
    Mutator,
    Result,
    _amount_rows,
    _bump,
    _delta,
    _has,
    _line,
    _line_bump,
    _loc,
    _with_row,
    _with_table,
    mutator,
)
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row

__all__: list[str] = []

# ---- 收支总表 T1 ------------------------------------------------------------------------
_line_bump("T1-1", K.SUMMARY, "subtotal", "income", ("income",), "income", "本年收入合计改动")
_line_bump("T1-2", K.SUMMARY, "subtotal", "expenditure", ("expenditure",), "expenditure",
           "本年支出合计改动")
_line_bump("T1-3", K.SUMMARY, "total", "income", ("income",), "income", "收入总计改动")
_line_bump("T1-4", K.SUMMARY, "total", "expenditure", ("expenditure",), "expenditure", "支出总计改动")


def _x2_applies(root: Disclosure, d: Disclosure) -> bool:
    s, r = d.table(K.SUMMARY), d.table(K.REVENUE)
    return (s is not None and r is not None and s.line("business", "income") is not None
            and r.line("total") is not None and r.column("business") is not None)


@mutator("X-2", _x2_applies)
def _x2(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    # both tables print 事业收入, with different figures (a blank is not compared, §6)
    s, r = d.table(K.SUMMARY), d.table(K.REVENUE)
    assert s is not None and r is not None
    delta = _delta(draw)
    line, total = _line(s, "business", "income"), _line(r, "total")
    new_s = _with_row(s, line, attrs.evolve(line, cells={**line.cells, "income": Cell.amount(
        line.cell("income").as_zero() + delta)}))
    new_r = _with_row(r, total, attrs.evolve(total, cells={**total.cells, "business": Cell.amount(
        total.cell("business").as_zero() + 2 * delta)}))
    mutated = _with_table(root, d, s, new_s)
    target = next(x for x in mutated.walk() if x.label == d.label)
    mutated = _with_table(mutated, target, r, new_r)
    return mutated, Mutation("X-2", f"事业收入：收支总表 +{delta}，收入总表 +{2 * delta}",
                             _loc(d, r, total, "business"))
_line_bump("X-3", K.SUMMARY, "carryover", "income", ("income",), "carryover", "收支总表上年结转改动",
           K.REVENUE, "total", None)
_line_bump("X-4", K.SUMMARY, "total", "income", ("income",), "total", "收支总表收入总计改动",
           K.REVENUE, "total", None)
_line_bump("X-5", K.SUMMARY, "subtotal", "expenditure", ("expenditure",), "total",
           "收支总表本年支出合计改动", K.EXPENDITURE, "total", None)


def _code_bump(rule: str, kind: TableKind, pick_col: str, cols: tuple[str, ...],
               report: str | None, what: str, *, side: str | None = None, length: int | None = None,
               at_parent: bool = False, at_line: tuple[str, str | None] | None = None, also: Callable[[BudgetTable, Row, Decimal], BudgetTable]
               | None = None) -> None:
    """Register: add δ to ``cols`` of a code row; the finding is at the row or its parent."""
    def applies(root: Disclosure, d: Disclosure) -> bool:
        t = d.table(kind)
        return t is not None and bool(_amount_rows(t, pick_col, side, length))

    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        t = d.table(kind)
        assert t is not None
        row = draw(st.sampled_from(_amount_rows(t, pick_col, side, length)))
        delta = _delta(draw)
        new_t = _with_row(t, row, _bump(row, delta, *cols))
        if also is not None:
            new_t = also(new_t, row, delta)
        where: Row | None = row
        if at_parent:
            where = t.row((row.code or "")[:-2], side)
        if at_line is not None:
            where = t.line(*at_line)
        return _with_table(root, d, t, new_t), Mutation(
            rule, f"{t.title} {row.label} {'/'.join(cols)} +{delta}", _loc(d, t, where, report))
    MUTATORS.append(Mutator(rule, applies, apply))


def _also_lines(*lines: tuple[str, str | None, str]) -> Callable[[BudgetTable, Row, Decimal], BudgetTable]:
    def fn(t: BudgetTable, row: Row, delta: Decimal) -> BudgetTable:
        for key, side, col in lines:
            r = _line(t, key, side)
            t = _with_row(t, r, _bump(r, delta, col))
        return t
    return fn


_code_bump("T1-5", K.SUMMARY, "expenditure", ("expenditure",), "expenditure", "收支总表类级支出与合计同增",
           side="expenditure", also=_also_lines(("subtotal", "expenditure", "expenditure"),
                                                ("total", "expenditure", "expenditure")),
           at_line=("total", "expenditure"))
_code_bump("X-6", K.SUMMARY, "expenditure", ("expenditure",), "expenditure", "收支总表类级支出改动",
           side="expenditure")
# ---- 收入总表 T2 ------------------------------------------------------------------------
_code_bump("T2-1", K.REVENUE, "total", ("total",), "total", "合计改动")
_code_bump("T2-2", K.REVENUE, "total", ("fiscal",), "current", "财政拨款收入改动")
_code_bump("T2-3", K.REVENUE, "total", ("total", "current", "fiscal"), None, "项级整行改动",
           length=7, at_parent=True)
_code_bump("X-7", K.REVENUE, "total", ("total", "current", "fiscal"), "total", "收入总表项级整行改动",
           length=7)
_line_bump("T2-4", K.REVENUE, "total", None, ("total", "current", "fiscal"), None, "收入总表合计行整行改动")
_line_bump("X-1", K.REVENUE, "total", None, ("fiscal",), "fiscal", "收入总表合计财政拨款收入改动")
# ---- 支出总表 T3, 一般公共预算 T5, 基金 T7 -------------------------------------------------
_code_bump("T3-1", K.EXPENDITURE, "total", ("basic",), "total", "基本支出改动")
_code_bump("T3-2", K.EXPENDITURE, "basic", ("total", "basic"), None, "项级整行改动", length=7,
           at_parent=True)
_code_bump("T5-1", K.GENERAL_BUDGET, "total", ("basic",), "total", "基本支出改动")
_code_bump("T5-2", K.GENERAL_BUDGET, "basic", ("total", "basic"), None, "项级整行改动", length=7,
           at_parent=True)
_code_bump("X-11", K.GENERAL_BUDGET, "basic", ("total", "basic"), "total", "一般公共预算项级整行改动",
           length=7)
_code_bump("T7-2", K.GOV_FUND, "total", ("project",), "total", "项目支出改动")
_code_bump("T7-3", K.GOV_FUND, "project", ("total", "project"), None, "项级整行改动", length=7,
           at_parent=True)
_line_bump("X-13", K.EXPENDITURE, "total", None, ("basic",), "basic", "支出总表合计基本支出改动")
MUTATORS[-1] = attrs.evolve(MUTATORS[-1], applies=lambda root, d: _has(K.EXPENDITURE)(root, d) and
                            all(r.cell("income").as_zero() == 0 for r in (d.table(K.SUMMARY) or
                                _empty()).rows if r.line == "gov_fund"))


def _empty() -> BudgetTable:
    return BudgetTable(columns=(), rows=())


# ---- 财政拨款收支总表 T4 ------------------------------------------------------------------
_line_bump("T4-1", K.FISCAL_SUMMARY, "subtotal", "income", ("income",), "income", "本年收入合计改动")
_line_bump("T4-2", K.FISCAL_SUMMARY, "carryover", "income", ("income",), "income", "年初结转改动")
_line_bump("T4-3", K.FISCAL_SUMMARY, "total", "income", ("income",), "income", "收入总计改动")
_code_bump("T4-4", K.FISCAL_SUMMARY, "total", ("general",), "total", "一般公共预算栏改动",
           side="expenditure")
_line_bump("T4-5", K.FISCAL_SUMMARY, "subtotal", "expenditure", ("total", "general"), None,
           "本年支出合计改动")
_code_bump("X-9", K.FISCAL_SUMMARY, "total", ("total", "general"), "total", "类级支出改动",
           side="expenditure")
_code_bump("X-10", K.FISCAL_SUMMARY, "general", ("total", "general"), "general", "类级一般公共预算改动",
           side="expenditure")


@mutator("T4-6", _has(K.FISCAL_SUMMARY))
def _t46(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.FISCAL_SUMMARY)
    assert t is not None
    delta = _delta(draw)
    for key in ("general_budget", "subtotal", "total"):
        r = _line(t, key, "income")
        t = _with_row(t, r, _bump(r, delta, "income"))
    old = d.table(K.FISCAL_SUMMARY)
    assert old is not None
    return _with_table(root, d, old, t), Mutation(
        "T4-6", f"一般公共预算拨款收入（及收入合计、总计）+{delta}，支出未变",
        _loc(d, t, _line(t, "subtotal", "expenditure"), "general"))


def _x8_applies(root: Disclosure, d: Disclosure) -> bool:
    s = d.table(K.SUMMARY)
    carry = s.line("carryover", "income") if s is not None else None
    # the summary's 上年结转 must be a figure: a blank is not compared (docs/domain.md §6)
    return d.table(K.FISCAL_SUMMARY) is not None and (carry is None or carry.cell(
        "income").is_amount)


@mutator("X-8", _x8_applies)
def _x8(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = old = d.table(K.FISCAL_SUMMARY)
    assert t is not None and old is not None
    delta = _delta(draw)
    for key in ("carryover", "carryover_general", "total"):
        r = _line(t, key, "income")
        t = _with_row(t, r, _bump(r, delta, "income"))
    return _with_table(root, d, old, t), Mutation(
        "X-8", f"年初财政拨款结转 +{delta}，收支总表上年结转未变",
        _loc(d, t, _line(t, "carryover", "income"), "income"))


# ---- 基本支出表 T6, P-1, P-2, X-12, X-14 ----------------------------------------------------
def _nature_col(r: Row) -> str:
    return "personnel" if r.cell("personnel").is_amount else "public"


@mutator("T6-1", _has(K.BASIC_EXPENDITURE, lambda t: bool(_amount_rows(t, "total"))))
def _t61(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.BASIC_EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_amount_rows(t, "total")))
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, _nature_col(row)))), Mutation(
        "T6-1", f"{row.label} 人员/公用经费 +{delta}", _loc(d, t, row, "total"))


@mutator("T6-2", _has(K.BASIC_EXPENDITURE, lambda t: bool(_amount_rows(t, "total", length=5))))
def _t62(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.BASIC_EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_amount_rows(t, "total", length=5)))
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "total", _nature_col(row)))), \
        Mutation("T6-2", f"{row.label} 整行 +{delta}", _loc(d, t, t.row((row.code or "")[:3])))


_line_bump("T6-3", K.BASIC_EXPENDITURE, "total", None, ("total", "personnel"), None, "合计行整行改动")
_line_bump("P-2", K.BASIC_EXPENDITURE, "total", None, ("total", "personnel"), "personnel",
           "合计行人员经费改动")
_line_bump("X-12", K.BASIC_EXPENDITURE, "total", None, ("total",), "total", "基本支出表合计改动")
MUTATORS[-1] = attrs.evolve(MUTATORS[-1], applies=lambda root, d: d.table(K.GENERAL_BUDGET) is not None
                            and d.table(K.BASIC_EXPENDITURE) is not None)


def _p1_rows(t: BudgetTable) -> list[Row]:
    return [r for r in t.code_rows() if len(r.code or "") == 5 and r.cell("personnel").as_zero() > 0]


@mutator("P-1", _has(K.BASIC_EXPENDITURE, lambda t: bool(_p1_rows(t))))
def _p1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.BASIC_EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_p1_rows(t)))
    new = attrs.evolve(row, cells={**row.cells, "personnel": BLANK, "public": row.cell("personnel")})
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "P-1", f"{row.label} 人员经费移到公用经费栏", _loc(d, t, row, "public"))


_PAIRS = {"2080505": "30108", "2080506": "30109", "2101103": "30111", "2210201": "30113"}


def _x14_rows(d: Disclosure) -> list[tuple[Row, Row]]:
    g, b = d.table(K.GENERAL_BUDGET), d.table(K.BASIC_EXPENDITURE)
    if g is None or b is None:
        return []
    out = []
    for f, e in _PAIRS.items():
        gr, br = g.row(f), b.row(e)
        if gr is not None and br is not None and gr.cell("basic").is_amount:
            out.append((gr, br))
    return out


@mutator("X-14", lambda root, d: bool(_x14_rows(d)))
def _x14(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    gr, br = draw(st.sampled_from(_x14_rows(d)))
    b, g = d.table(K.BASIC_EXPENDITURE), d.table(K.GENERAL_BUDGET)
    assert b is not None and g is not None
    delta = _delta(draw)
    return _with_table(root, d, b, _with_row(b, br, _bump(br, delta, "total", "personnel"))), Mutation(
        "X-14", f"{br.label} +{delta}，功能科目 {gr.label} 未变", _loc(d, g, gr, "basic"))


# ---- 政府性基金 T7-1 -------------------------------------------------------------------
@mutator("T7-1", _has(K.GOV_FUND))
def _t71(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.GOV_FUND)
    assert t is not None
    if t.is_empty():
        delta = _delta(draw)
        new = attrs.evolve(t, rows=(Row("合计", line="total", cells={
            "total": Cell.amount(delta), "basic": BLANK, "project": Cell.amount(delta)}),), note=None)
        what = f"空表填入合计 {delta}"
    else:
        new = attrs.evolve(t, rows=(), note="注：无政府性基金预算财政拨款预算，空表列示。")
        what = "删去全部行（空表），财政拨款收支总表仍有基金支出"
    return _with_table(root, d, t, new), Mutation("T7-1", what, _loc(d, t, "合计"))


@mutator("T1-6", _has(K.SUMMARY, lambda t: t.line("unclassified", "expenditure") is not None))
def _t16(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.SUMMARY)
    assert t is not None
    row = _line(t, "unclassified", "expenditure")
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "expenditure"))), Mutation(
        "T1-6", f"人行科目列有金额 {delta}", _loc(d, t, row, "expenditure"))
