"""Final accounts (部门决算) valid by construction, and budget + final pairs that agree.

A final account is drawn as a budget (``disclosures``) whose amounts are then taken as
the year's actual figures: each final table is computed from the budget table that holds
the same quantities (收支总表 → 收入支出决算总表 …), so every final-accounts rule holds
because the budget rules held. The narrative states the real totals, a change against
last year with its true rate, shares, completion rates and reasons.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from govbudget.money import BLANK, Cell
from govbudget.strategies._disclosures import disclosures
from govbudget.tables.builder import TableBuilder
from govbudget.tables.disclosure import Disclosure, DisclosureKind
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Column, Row
from govbudget.tables.narrative import Narrative, Section, SectionKind

__all__ = ["budget_final_pairs", "final_accounts", "final_of"]

K = TableKind
_INCOME = ("general_budget", "gov_fund", "soe_capital", "superior_subsidy", "business",
           "operating", "affiliated_remit", "other")


def _sum(*cells: Cell) -> Cell:
    if not any(c.is_amount for c in cells):
        return BLANK
    return Cell.amount(sum((c.as_zero() for c in cells), Decimal(0)))


def _copy(t: BudgetTable, kind: TableKind, cols: dict[str, str | tuple[str, ...]],
          rows: tuple[Row, ...] | None = None) -> BudgetTable:
    """A final table of ``kind`` whose column ``new`` is the sum of ``t``'s columns ``cols[new]``."""
    columns = tuple(Column(c.key, c.name, None, c.side, c.text)
                    for c in kind.spec.printable_columns if c.key in cols)
    b = TableBuilder(kind, unit=t.unit, columns=columns, note=t.note)
    for r in rows if rows is not None else t.rows:
        cells: dict[str, Any] = {new: _sum(*(r.cell(o) for o in ((old,) if isinstance(old, str) else old)))
                 for new, old in cols.items()}
        if r.code is not None:
            b.row(r.code, r.name, side=r.side, **cells)
        elif r.line is not None:
            b.line(r.line, r.name, side=r.side, **cells)
    return b.build()


def _summary(t: BudgetTable) -> BudgetTable:
    b = TableBuilder(K.FINAL_SUMMARY, unit=t.unit, note=t.note)
    for r in t.rows:
        if r.side == "income":
            if r.line == "special_account":
                continue
            cell = r.cell("income")
            if r.line == "business":  # 财政专户 money is 事业收入 in a final account
                special = t.line("special_account", "income")
                cell = _sum(cell, special.cell("income") if special else BLANK)
            if r.line in (*_INCOME, "subtotal", "carryover", "unit_balance", "total"):
                b.line(r.line, r.name, side="income", income=cell)
        elif r.code is not None:
            b.row(r.code, r.name, side="expenditure", expenditure=r.cell("expenditure"))
        elif r.line in ("subtotal", "carryforward", "total"):
            b.line(r.line, r.name, side="expenditure", expenditure=r.cell("expenditure"))
    return b.build()


def _revenue(t: BudgetTable) -> BudgetTable:
    return _copy(t, K.FINAL_REVENUE, {
        "total": "current", "fiscal": "fiscal", "superior_subsidy": "superior_subsidy",
        "business": ("business", "special_account"), "operating": "operating",
        "affiliated_remit": "affiliated_remit", "other": "other"})


def _fund(t: BudgetTable, kind: TableKind) -> BudgetTable:
    return _copy(t, kind, {"carryover": (), "income": "total", "expenditure": "total",
                           "basic": "basic", "project": "project", "carryforward": ()})


def _three_public(t: BudgetTable) -> BudgetTable:
    keys = ("total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")
    rows = tuple(r for r in t.rows if r.line in keys)
    return _copy(t, K.FINAL_THREE_PUBLIC, {"budget": "total", "final": "total"}, rows)


def _basic(t: BudgetTable) -> BudgetTable:
    b = TableBuilder(K.FINAL_BASIC_EXPENDITURE, unit=t.unit, note=t.note)
    total = t.line("total")
    for r in t.code_rows():
        b.row(r.code or "", r.name, total=r.cell("total"))
    if total is not None:
        b.line("personnel", "人员经费合计", total=total.cell("personnel"))
        b.line("public", "公用经费合计", total=total.cell("public"))
        b.line("total", "合计", total=total.cell("total"))
    return b.build()


def final_of(budget: Disclosure) -> Disclosure:
    """The final account whose actual figures are ``budget`` 's (决算 = 预算, a year later
    published): every table of the nine computed from the budget's, no narrative."""
    def t(kind: TableKind) -> BudgetTable | None:
        return budget.table(kind)

    made: list[BudgetTable] = []
    pairs = ((K.SUMMARY, _summary), (K.REVENUE, _revenue),
             (K.EXPENDITURE, lambda x: _copy(x, K.FINAL_EXPENDITURE, {
                 k: k for k in ("total", "basic", "project", "remit_superior", "operating",
                                "subsidy_affiliated")})),
             (K.FISCAL_SUMMARY, lambda x: _copy(x, K.FINAL_FISCAL_SUMMARY, {
                 k: k for k in ("income", "total", "general", "fund", "soe")})),
             (K.GENERAL_BUDGET, lambda x: _copy(x, K.FINAL_GENERAL_BUDGET, {
                 "total": "total", "basic": "basic", "project": "project", "budget": "total"})),
             (K.BASIC_EXPENDITURE, _basic), (K.THREE_PUBLIC, _three_public),
             (K.GOV_FUND, lambda x: _fund(x, K.FINAL_GOV_FUND)),
             (K.SOE_CAPITAL, lambda x: _fund(x, K.FINAL_SOE_CAPITAL)))
    for kind, convert in pairs:
        source = t(kind)
        if source is not None:
            made.append(convert(source))
    units = tuple(final_of(u) for u in budget.units)
    return attrs.evolve(budget, tables=tuple(made), units=units, narrative=None, performance=(),
                        kind=DisclosureKind.FINAL)


def _pct(part: Decimal, whole: Decimal) -> str:
    return format((part / whole * 100).quantize(Decimal("0.01")), "f")


def final_narrative(d: Disclosure, growth: Decimal) -> Narrative:
    """The 情况说明 of a generated final account: totals, a change of ``growth`` 万元 against
    last year (its true rate), shares of 本年支出合计, the completion rate, 机关运行经费."""
    s, g, b = d.table(K.FINAL_SUMMARY), d.table(K.FINAL_GENERAL_BUDGET), d.table(K.FINAL_BASIC_EXPENDITURE)
    sections = []
    if s is not None and (tot := s.line("total", "income")) is not None:
        x = tot.cell("income").as_zero()
        text = f"{d.name}{d.year}年度收入支出总计{x}万元。"
        if x > growth > 0:
            text = (f"{d.name}{d.year}年度收入支出总计{x}万元，与{d.year - 1}年度相比，收入支出总计"
                    f"增加{growth}万元，增长{_pct(growth, x - growth)}%。主要原因是业务增加。")
        sections.append(Section(SectionKind.OVERVIEW, "一、收入支出决算总体情况说明", text))
        sub = s.line("subtotal", "expenditure")
        if sub is not None and sub.cell("expenditure").as_zero() > 0:
            whole = sub.cell("expenditure").as_zero()
            parts = "；".join(f"{r.name}{r.cell('expenditure').as_zero()}万元，占"
                             f"{_pct(r.cell('expenditure').as_zero(), whole)}%"
                             for r in s.code_rows("expenditure") if r.cell("expenditure").as_zero() > 0)
            sections.append(Section(SectionKind.EXPENDITURE, "三、支出决算情况说明",
                                    f"本年支出合计{whole}万元，其中：{parts}。"))
    if g is not None and (gt := g.line("total")) is not None and gt.cell("total").as_zero() > 0:
        spent = gt.cell("total").as_zero()
        sections.append(Section(
            SectionKind.GENERAL_BUDGET, "（三）一般公共预算财政拨款支出决算具体情况",
            f"一般公共预算财政拨款支出年初预算为{spent}万元，支出决算为{spent}万元，完成年初预算的100.00%。"))
    if b is not None and (pub := b.line("public")) is not None:
        sections.append(Section(SectionKind.RUNNING_COSTS, "（一）机关运行经费支出情况",
                                f"机关运行经费支出{pub.cell('total').as_zero()}万元。"))
    return Narrative(tuple(sections))


@st.composite
def final_accounts(draw: st.DrawFn, *, units: int | None = None, year: int | None = None,
                   gov_fund: bool | None = None, narratives: bool = True) -> Disclosure:
    """Valid final accounts (部门决算公开): the nine tables consistent with each other and, with
    ``narratives``, a 情况说明 whose figures, change rate, shares and completion rate hold."""
    budget = draw(disclosures(units=units, year=year, gov_fund=gov_fund, carryover=None,
                              narratives=False, performance=False))
    final = final_of(budget)
    if narratives:
        growth = Decimal(draw(st.integers(1, 10_000))) / 100
        final = attrs.evolve(final, narrative=final_narrative(final, growth))
    return final


@st.composite
def budget_final_pairs(draw: st.DrawFn, *, units: int | None = 1, year: int | None = None
                       ) -> tuple[Disclosure, Disclosure]:
    """A department's budget and the final account of the same year that agree with it:
    the final's 年初预算数 and 三公 预算数 are the budget's (``check_together`` passes)."""
    budget = draw(disclosures(units=units, year=year, narratives=False, performance=False))
    return budget, final_of(budget)
