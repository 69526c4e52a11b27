"""Whole disclosures: a department and its units, consistent by construction."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govbudget.strategies._budget import Budget, Plan, budgets, plans, total
from govbudget.strategies._render import render_disclosure
from govbudget.tables.disclosure import Disclosure

__all__ = ["disclosures", "unit_budgets"]

MAX_UNITS = 60


def _check(units: int | None, year: int | None) -> None:
    if units is not None and (isinstance(units, bool) or not isinstance(units, int)
                              or not 1 <= units <= MAX_UNITS):
        raise InvalidArgument(f"units={units!r} must be an int from 1 to {MAX_UNITS}")
    if year is not None:
        from govbudget.codes.editions import BUNDLED_EDITIONS

        if isinstance(year, bool) or not isinstance(year, int) or year not in BUNDLED_EDITIONS:
            raise InvalidArgument(f"year={year!r}: bundled editions are "
                                  f"{BUNDLED_EDITIONS[0]}–{BUNDLED_EDITIONS[-1]}")


@st.composite
def unit_budgets(draw: st.DrawFn, plan: Plan) -> tuple[Budget, ...]:
    """One budget per unit of ``plan``; the features the plan asks for appear in a unit."""
    n = len(plan.units)
    carrier = draw(st.integers(0, n - 1))
    return tuple(draw(budgets(plan, i, must_carry=plan.carryover and i == carrier,
                              must_fund=plan.gov_fund and i == carrier)) for i in range(n))


def build(plan: Plan, unit_budgets: tuple[Budget, ...], narratives: bool) -> Disclosure:
    from govbudget.strategies._narrative import narrative_for

    units = []
    for info, b in zip(plan.units, unit_budgets, strict=True):
        d = render_disclosure(plan, b, info)
        if narratives:
            d = attrs.evolve(d, narrative=narrative_for(d, b, plan))
        units.append(d)
    dept_budget = total(unit_budgets)
    dept = render_disclosure(plan, dept_budget, None, tuple(units))
    if narratives:
        dept = attrs.evolve(dept, narrative=narrative_for(dept, dept_budget, plan))
    return dept


def disclosures(*, units: int | None = None, year: int | None = None,
                gov_fund: bool | None = None, carryover: bool | None = None,
                narratives: bool = True) -> st.SearchStrategy[Disclosure]:
    """Valid department disclosures (部门预算公开) with their units' disclosures.

    Every table is consistent with every other, with the catalogue of ``year`` and the
    department is the cell-wise sum of its ``units`` (1–3 when not given). ``gov_fund``
    and ``carryover`` force (True) or forbid (False) 政府性基金 money and a 上年结转;
    ``None`` draws. ``narratives`` adds a 情况说明 stating the real totals.
    """
    _check(units, year)
    for name, flag in (("gov_fund", gov_fund), ("carryover", carryover), ("narratives", narratives)):
        if flag is not None and not isinstance(flag, bool):
            raise InvalidArgument(f"{name}={flag!r} must be a bool or None")
    return plans(units=units, year=year, gov_fund=gov_fund, carryover=carryover).flatmap(
        lambda plan: unit_budgets(plan).map(lambda bs: build(plan, bs, narratives)))
