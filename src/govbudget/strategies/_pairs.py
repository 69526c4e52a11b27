"""Pairs of documents that agree (预算与决算、相邻年度), and one-defect mutations of a pair.

``budget_final_pairs`` (in ``_final``), ``consecutive_budgets`` and ``consecutive_finals``
draw pairs on which every pair rule of ``check_together`` passes; ``pair_mutations``
puts one defect in and names the pair rule (XD-*) that must catch it.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govbudget.money import Cell
from govbudget.strategies._disclosures import disclosures
from govbudget.strategies._final import final_of
from govbudget.strategies._mutations import _bump, _delta, _with_row
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Column, Row

__all__ = ["PairMutation", "consecutive_budgets", "consecutive_finals", "pair_mutations",
           "pair_rules_with_mutations"]

K = TableKind
Pair = tuple[Disclosure, Disclosure]


@attrs.frozen(slots=True)
class PairMutation:
    """One defect put into a pair (注入的缺陷): the pair rule that must catch it."""

    rule: str
    description: str


def _with(d: Disclosure, old: BudgetTable, new: BudgetTable) -> Disclosure:
    return attrs.evolve(d, tables=tuple(new if t is old else t for t in d.tables), units=())


def _with_prior(t: BudgetTable) -> BudgetTable:
    """The 三公 table with a 上年预算数 column equal to its amounts (last year's budget)."""
    cols = (*t.columns, Column("prior", "上年预算数"))
    rows = tuple(attrs.evolve(r, cells={**r.cells, "prior": r.cell("total")}) for r in t.rows)
    return attrs.evolve(t, columns=cols, rows=rows)


@st.composite
def consecutive_budgets(draw: st.DrawFn, *, year: int | None = None) -> Pair:
    """A department's budgets of two consecutive years: the later's 三公 上年预算数 are the
    earlier's 三公 amounts (no narrative)."""
    earlier = draw(disclosures(units=1, year=year, narratives=False, performance=False))
    earlier = attrs.evolve(earlier, units=())
    later = attrs.evolve(earlier, year=earlier.year + 1)
    t9 = later.table(K.THREE_PUBLIC)
    if t9 is not None:
        later = _with(later, t9, _with_prior(t9))
    return earlier, later


@st.composite
def consecutive_finals(draw: st.DrawFn, *, year: int | None = None) -> Pair:
    """A department's final accounts of two consecutive years (no carry-over either year, so
    the later's 年初结转和结余 is the earlier's 年末结转和结余)."""
    budget = draw(disclosures(units=1, year=year, carryover=False, narratives=False,
                              performance=False))
    earlier = attrs.evolve(final_of(budget), units=())
    return earlier, attrs.evolve(earlier, year=earlier.year + 1)


Apply = Callable[[st.DrawFn, Disclosure, Disclosure], tuple[Disclosure, Disclosure, str]]
_MUTATORS: list[tuple[str, str, Apply]] = []  # (rule, pair kind, apply)


def _pair_mutator(rule: str, kind: str) -> Callable[[Apply], Apply]:
    def register(fn: Apply) -> Apply:
        _MUTATORS.append((rule, kind, fn))
        return fn
    return register


def _bump_cell(draw: st.DrawFn, d: Disclosure, kind: TableKind, pick: Callable[[BudgetTable], list[Row]],
               col: str) -> tuple[Disclosure, str]:
    t = d.table(kind)
    assert t is not None
    rows = pick(t)
    if not rows:
        raise InvalidArgument(f"no row of {kind.value} to change")
    row = draw(st.sampled_from(rows))
    delta = _delta(draw)
    return _with(d, t, _with_row(t, row, _bump(row, delta, col))), f"{t.name} {row.label} {col} +{delta}"


def _total(t: BudgetTable) -> list[Row]:
    return [r for r in (t.line("total"),) if r is not None]


@_pair_mutator("XD-1", "budget-final")
def _xd1(draw: st.DrawFn, budget: Disclosure, final: Disclosure) -> tuple[Disclosure, Disclosure, str]:
    final, what = _bump_cell(draw, final, K.FINAL_GENERAL_BUDGET, _total, "budget")
    return budget, final, what


@_pair_mutator("XD-2", "budget-final")
def _xd2(draw: st.DrawFn, budget: Disclosure, final: Disclosure) -> tuple[Disclosure, Disclosure, str]:
    final, what = _bump_cell(draw, final, K.FINAL_GENERAL_BUDGET,
                             lambda t: list(t.code_rows()), "budget")
    return budget, final, what


@_pair_mutator("XD-3", "budget-final")
def _xd3(draw: st.DrawFn, budget: Disclosure, final: Disclosure) -> tuple[Disclosure, Disclosure, str]:
    final, what = _bump_cell(draw, final, K.FINAL_THREE_PUBLIC, _total, "budget")
    return budget, final, what


@_pair_mutator("XD-4", "budgets")
def _xd4(draw: st.DrawFn, earlier: Disclosure, later: Disclosure) -> tuple[Disclosure, Disclosure, str]:
    later, what = _bump_cell(draw, later, K.THREE_PUBLIC, _total, "prior")
    return earlier, later, what


@_pair_mutator("XD-5", "finals")
def _xd5(draw: st.DrawFn, earlier: Disclosure, later: Disclosure) -> tuple[Disclosure, Disclosure, str]:
    t = later.table(K.FINAL_SUMMARY)
    assert t is not None
    row = t.line("carryover", "income")
    assert row is not None
    delta = _delta(draw)
    new = attrs.evolve(row, cells={**row.cells, "income": Cell.amount(delta)})
    return earlier, _with(later, t, _with_row(t, row, new)), f"年初结转和结余 = {delta}"


def pair_rules_with_mutations() -> frozenset[str]:
    """The pair rules (XD-*) some pair mutation is meant for."""
    return frozenset(rule for rule, _, _ in _MUTATORS)


def pair_mutations(pair: Pair, *, kind: str, rules: list[str] | None = None
                   ) -> st.SearchStrategy[tuple[Pair, PairMutation]]:
    """One single-defect change of ``pair`` (of ``kind``: budget-final, budgets, finals)."""
    options = [(r, fn) for r, k, fn in _MUTATORS if k == kind and (rules is None or r in rules)]
    if not options:
        raise InvalidArgument(f"no pair mutation for {rules} on a {kind} pair")

    @st.composite
    def one(draw: st.DrawFn) -> tuple[Pair, PairMutation]:
        rule, fn = draw(st.sampled_from(options))
        a, b, what = fn(draw, *pair)
        return (a, b), PairMutation(rule, what)

    return one()
