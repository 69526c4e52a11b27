"""A misread final-accounts table (部门决算) is reported once, by U-2, and feeds no rule;
a genuine single defect in one is still reported (issue 10's mechanism, issue 12's tables).

The tables are judged by their own arithmetic (F1-1 … F8-3 are ``within`` rules): a
misreading breaks most rows by unrelated amounts, a real defect one cell.
"""

from __future__ import annotations

import functools
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govbudget
from conftest import CORPUS, SHARED_MISSING
from govbudget.money import Cell
from govbudget.rules import REGISTRY, Severity
from govbudget.rules.reliability import ROW_RULES
from govbudget.strategies import final_accounts, mutations
from govbudget.tables import Disclosure, TableKind
from govbudget.tables.model import BudgetTable

K = TableKind
shared = pytest.mark.skipif(not CORPUS.is_dir(), reason=SHARED_MISSING)
_FEW = settings(max_examples=8, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _shift_every_row(t: BudgetTable, col: str) -> BudgetTable:
    """Each row's ``col`` moved by a different amount: a column read out of place."""
    rows = tuple(attrs.evolve(r, cells={**r.cells, col: Cell.amount(r.cell(col).as_zero() + i + 1)})
                 if r.cell(col).is_amount else r for i, r in enumerate(t.rows))
    return attrs.evolve(t, rows=rows)


def _with(d: Disclosure, old: BudgetTable, new: BudgetTable) -> Disclosure:
    return attrs.evolve(d, tables=tuple(new if t is old else t for t in d.tables))


def _not_info(report: govbudget.Report) -> list[str]:
    return [f.rule for f in report.findings if f.severity is not Severity.INFO]


def test_the_final_arithmetic_judges_reliability() -> None:
    within = {r.id for r in REGISTRY if r.within and r.family == "final-arithmetic"}
    assert within == {r.id for r in REGISTRY if r.family == "final-arithmetic"}
    assert {"F2-1", "F3-1", "F5-1", "F8-2"} <= set(ROW_RULES)
    assert not any(r.within for r in REGISTRY if r.family == "final-cross-table")


@_FEW
@given(final_accounts(units=1, gov_fund=False))
def test_a_densely_failing_final_table_is_one_u2_and_feeds_no_rule(d: Disclosure) -> None:
    t = d.table(K.FINAL_GENERAL_BUDGET)
    assert t is not None
    amounts = [r for r in t.rows if r.cell("total").is_amount]
    assume(len(amounts) >= 4)  # smaller, a misreading looks like a defect (SMALL_TABLE)
    report = govbudget.check(_with(d, t, _shift_every_row(t, "total")))
    assert _not_info(report) == ["U-2"]
    (u2,) = report.of("U-2")
    assert u2.location.table == (t.title or t.name) and "F5-1" in u2.message
    # the rules that need the table say why they skipped
    fx4 = [o for o in report.outcomes if o.rule == "FX-4" and o.disclosure == d.label]
    assert fx4 and "未能可靠读取" in (fx4[0].reason or "")


@_FEW
@given(st.data())
def test_a_single_defect_in_a_final_table_is_still_an_error(data: st.DataObject) -> None:
    d = data.draw(final_accounts(units=1, gov_fund=False))
    mutated, mutation = data.draw(mutations(d, rules=["F5-1"]))
    report = govbudget.check(mutated)
    assert not report.of("U-2")
    assert any(f.rule == "F5-1" and f.severity is Severity.ERROR and mutation.matches(f)
               for f in report.all_findings())


@functools.cache
def _f01() -> govbudget.Document:
    return govbudget.load(CORPUS / "F01.pdf")


def _f01_with(col: str, change: object) -> govbudget.Document:
    doc = _f01()
    d = doc.disclosures[0]
    t = d.table(K.FINAL_EXPENDITURE)
    assert t is not None
    new = change(t) if callable(change) else change
    return attrs.evolve(doc, disclosures=(_with(d, t, new), *doc.disclosures[1:]))


@shared
def test_f01_misread_expenditure_table_is_reported_once_not_as_defects() -> None:
    before = govbudget.check(_f01())
    assert not before.of("U-2")
    report = govbudget.check(_f01_with("total", lambda t: _shift_every_row(t, "total")))
    (u2,) = report.of("U-2")
    assert "支出决算表" in (u2.location.table or "") and u2.location.page is not None
    # no defect is reported from the misread table: the errors are F01's verified one
    assert [f.rule for f in report.errors] == [f.rule for f in before.errors] == ["FN-2"]
    skipped = {o.rule: o.reason for o in report.outcomes if o.reason}
    assert "未能可靠读取" in (skipped.get("F3-1") or "") and "未能可靠读取" in (skipped.get("FX-2") or "")


@shared
def test_f01_single_wrong_cell_in_the_expenditure_table_is_an_error() -> None:
    def one_cell(t: BudgetTable) -> BudgetTable:
        row = next(r for r in t.code_rows() if len(r.code or "") == 7
                   and r.cell("basic").as_zero() > 0)
        cells = {**row.cells, "basic": Cell.amount(row.cell("basic").as_zero() + Decimal("1.00"))}
        return attrs.evolve(t, rows=tuple(attrs.evolve(r, cells=cells) if r is row else r
                                          for r in t.rows))

    report = govbudget.check(_f01_with("basic", one_cell))
    assert not report.of("U-2")
    assert {"F3-1"} <= {f.rule for f in report.errors}


@shared
def test_f02_empty_template_tables_are_not_misreadings() -> None:
    report = govbudget.check(govbudget.load(CORPUS / "F02.pdf"))
    assert not report.of("U-2")
    assert all(not c.unreadable for c in report.coverage.disclosures)


def test_a_misread_final_table_feeds_no_pair_rule() -> None:
    from govbudget.strategies._final import final_of

    budget = govbudget.example().disclosures[0]
    final = final_of(budget)
    assert not govbudget.check_together(budget, final).errors
    t = final.table(K.FINAL_GENERAL_BUDGET)
    assert t is not None
    misread = _with(final, t, _shift_every_row(_shift_every_row(t, "total"), "budget"))
    report = govbudget.check_together(budget, misread)
    assert not [f for f in report.findings if f.severity is not Severity.INFO]
    reasons = {o.rule: o.reason or "" for o in report.outcomes}
    assert "一般公共预算财政拨款支出决算表未能可靠读取" in reasons["XD-2"], reasons
    # the same pair with one wrong 年初预算数 is still caught
    row = next(r for r in t.code_rows() if len(r.code or "") == 7)
    one = attrs.evolve(row, cells={**row.cells, "budget": Cell.amount(row.cell("budget").as_zero() + 1)})
    wrong = _with(final, t, attrs.evolve(t, rows=tuple(one if r is row else r for r in t.rows)))
    assert "XD-2" in {f.rule for f in govbudget.check_together(budget, wrong).errors}
