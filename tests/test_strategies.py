"""govbudget.strategies: codes, amounts, cells, argument validation, registration."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import assume, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument, NoSuchExample

import govbudget
from govbudget.codes import EconomicCode, FunctionalCode, GovernmentEconomicCode, catalogue
from govbudget.money import Cell, Unit, places_of
from govbudget.strategies import (
    amounts,
    cells,
    disclosures,
    economic_codes,
    functional_codes,
    government_economic_codes,
    mutations,
    performance_indicators,
    tables,
    three_public_expenses,
)
from govbudget.tables import Disclosure, SummaryTable, TableKind, ThreePublicExpenses


@given(functional_codes(year=2023, level="项", under="208"))
def test_functional_codes_are_real_and_below(e: FunctionalCode) -> None:
    assert e.code.startswith("208") and len(e.code) == 7
    assert catalogue("functional", 2023).get(e.code) == e
    assert all(catalogue("functional", 2023).get(e.code[:n]) for n in (3, 5))


@given(economic_codes(year=2018, level=2), government_economic_codes(level=1))
def test_economic_codes(e: EconomicCode, g: GovernmentEconomicCode) -> None:
    assert len(e.code) == 5 and e.code[0] == "3" and e.edition == 2018
    assert len(g.code) == 3 and g.code[0] == "5"


@pytest.mark.parametrize("call", [
    lambda: functional_codes(level=4),
    lambda: functional_codes(level="目"),
    lambda: economic_codes(level=3),
    lambda: functional_codes(year=1990),
    lambda: functional_codes(under="2x8"),
    lambda: functional_codes(under="2080101"),
    lambda: functional_codes(under="208", level=1),
    lambda: amounts(min_value=5, max_value=1),
    lambda: amounts(min_value=0.5),
    lambda: amounts(places=-1),
    lambda: amounts(min_value="0.001", max_value="0.009", places=2),
    lambda: disclosures(units=0),
    lambda: disclosures(year=2017),
    lambda: tables(kind=TableKind.OTHER),
])
def test_impossible_arguments_raise_invalid_argument(call: object) -> None:
    with pytest.raises(InvalidArgument):
        call()  # type: ignore[operator]


def test_under_absent_from_the_edition_is_invalid_when_drawn() -> None:
    s = functional_codes(year=2023, under="20899" if catalogue("functional", 2023).get("20899")
                         is None else "21898")
    with pytest.raises(InvalidArgument):
        find(s, lambda e: True)


@given(amounts(min_value="0.01", max_value=1000, places=2))
def test_amounts_have_exactly_the_places(x: Decimal) -> None:
    assert places_of(x) == 2 and x.as_tuple().exponent == -2
    assert Decimal("0.01") <= x <= 1000


@given(amounts(places=0, unit=Unit.YUAN, max_value=10))
def test_amounts_in_yuan_integers(x: Decimal) -> None:
    assert x == x.to_integral_value() and 0 <= x <= 10


@given(cells())
def test_cell_amounts_have_two_places(c: Cell) -> None:
    assert not c.is_amount or c.places == 2


@pytest.mark.parametrize("wanted", [
    lambda c: c.is_blank, lambda c: c.is_dash, lambda c: c.is_amount and c.value == 0,
    lambda c: c.is_amount and c.as_zero() > 100,
])
def test_cells_reach_blanks_dashes_zeros_and_amounts(wanted: object) -> None:
    assert wanted(find(cells(), wanted))  # type: ignore[operator]


def test_cells_without_blanks_or_dashes() -> None:
    with pytest.raises(NoSuchExample):
        find(cells(blank=False, dash=False, min_value=1), lambda c: not c.is_amount)


def test_importing_loads_no_catalogue() -> None:
    code = ("import govbudget.strategies as s, govbudget.codes as c; "
            "s.functional_codes(year=2023); s.disclosures(units=2); "
            "print(len(c.loaded_catalogues()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0", out.stderr


@given(st.from_type(FunctionalCode), st.from_type(Cell), st.from_type(Unit))
def test_registered_through_the_entry_point(e: FunctionalCode, c: Cell, u: Unit) -> None:
    assert isinstance(e, FunctionalCode) and isinstance(c, Cell) and isinstance(u, Unit)


@given(st.from_type(SummaryTable), st.from_type(ThreePublicExpenses))
def test_tables_from_type(t: SummaryTable, e: ThreePublicExpenses) -> None:
    assert isinstance(t, SummaryTable) and t.line("total", "income") is not None
    assert e.total.total.as_zero() == e.three_public_sum()


@given(st.from_type(Disclosure))
def test_disclosure_from_type(d: Disclosure) -> None:
    assert d.units and all(u.year == d.year for u in d.units)


@given(tables(kind=TableKind.EXPENDITURE))
def test_generated_tables_sum_parents(t: govbudget.tables.BudgetTable) -> None:
    rows = {r.code: r for r in t.code_rows()}
    for code, r in rows.items():
        kids = [k for c, k in rows.items() if c[:-2] == code and len(c) == len(code) + 2]
        if kids:
            assert r.cell("total").as_zero() == sum(k.cell("total").as_zero() for k in kids)


@given(three_public_expenses())
def test_three_public_excludes_meetings(e: ThreePublicExpenses) -> None:
    assert e.total.total.as_zero() == (e.overseas.total.as_zero() + e.vehicle.total.as_zero()
                                       + e.reception.total.as_zero())


@given(performance_indicators())
def test_performance_indicators_parse(i: govbudget.tables.performance.PerformanceIndicator) -> None:
    assert i.level1_key is not None and i.level2_key is not None
    assert i.value.kind.value != "unparsed"


def test_mutations_refuse_unknown_rules() -> None:
    d = govbudget.example().disclosures[0]
    with pytest.raises(InvalidArgument):
        mutations(d, rules=["ZZ-9"])
    with pytest.raises(InvalidArgument):
        mutations("not a disclosure")  # type: ignore[arg-type]


@settings(max_examples=min(settings().max_examples, 30))
@given(disclosures(units=2))
def test_performance_targets_cover_project_expenditure(d: Disclosure) -> None:
    from govbudget.performance.checks.costs import cost_caps
    from govbudget.performance.linking import link_targets

    for x in d.walk():
        t3 = x.table(TableKind.EXPENDITURE)
        assert t3 is not None
        total = t3.line("total")
        assert total is not None
        caps = sum((c for t in x.performance for _, c in cost_caps(t)), Decimal(0))
        assert caps == total.cell("project").as_zero()
        assert link_targets(x) == x.performance  # the codes are given: linking keeps them
        by_code: dict[str, Decimal] = {}
        for t in x.performance:
            assert t.amount is not None and len(t.expenditure_codes) == 1
            by_code[t.expenditure_codes[0]] = by_code.get(t.expenditure_codes[0], 0) + t.amount
        for code, amount in by_code.items():
            row = t3.row(code)
            assert row is not None and row.cell("project").as_zero() == amount
    assert d.performance == tuple(t for u in d.units for t in u.performance)
    assert len({t.name for t in d.performance}) == len(d.performance)


@settings(max_examples=min(settings().max_examples, 30))
@given(disclosures(units=1))
def test_government_economic_table_regroups_the_basic_table(d: Disclosure) -> None:
    from govbudget.codes import to_government

    for x in d.walk():
        basic = x.tables_of(TableKind.BASIC_EXPENDITURE)
        assume(len(basic) == 2)
        assert x.unit_kind is not None
        sums: dict[str, Decimal] = {}
        for r in basic[0].code_rows():
            if len(r.code or "") == 5:
                g = to_government(r.code or "", x.unit_kind.value, year=x.year).code
                sums[g] = sums.get(g, Decimal(0)) + r.cell("total").as_zero()
        assert {r.code: r.cell("total").as_zero() for r in basic[1].code_rows()
                if len(r.code or "") == 5} == sums
