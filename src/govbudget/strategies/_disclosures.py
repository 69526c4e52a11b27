"""Whole disclosures: a department and its units, consistent by construction."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govbudget.strategies._budget import Budget, Plan, budgets, plans, total
from govbudget.strategies._performance import targets_for
from govbudget.strategies._render import render_disclosure
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.performance import PerformanceTarget

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


def build(plan: Plan, unit_budgets: tuple[Budget, ...], narratives: bool,
          targets: tuple[tuple[PerformanceTarget, ...], ...] | None = None) -> Disclosure:
    """The department and its units rendered from their budgets (and 绩效目标表)."""
    from govbudget.strategies._narrative import narrative_for

    per_unit = targets if targets is not None else tuple(() for _ in plan.units)
    units = []
    for info, b, ts in zip(plan.units, unit_budgets, per_unit, strict=True):
        d = attrs.evolve(render_disclosure(plan, b, info), performance=ts)
        if narratives:
            d = attrs.evolve(d, narrative=narrative_for(d, b, plan))
        units.append(d)
    dept_budget = total(unit_budgets)
    dept = attrs.evolve(render_disclosure(plan, dept_budget, None, tuple(units)),
                        performance=tuple(t for ts in per_unit for t in ts))
    if narratives:
        dept = attrs.evolve(dept, narrative=narrative_for(dept, dept_budget, plan))
    return dept


@st.composite
def _disclosure(draw: st.DrawFn, plan: Plan, narratives: bool, performance: bool) -> Disclosure:
    bs = draw(unit_budgets(plan))
    targets = draw(targets_for(plan, bs)) if performance else None
    return build(plan, bs, narratives, targets)


def disclosures(*, units: int | None = None, year: int | None = None,
                gov_fund: bool | None = None, carryover: bool | None = None,
                narratives: bool = True, performance: bool = True
                ) -> st.SearchStrategy[Disclosure]:
    """Valid department disclosures (部门预算公开) with their units' disclosures.

    Every table is consistent with every other, with the catalogue of ``year`` and the
    department is the cell-wise sum of its ``units`` (1–3 when not given). ``gov_fund``
    and ``carryover`` force (True) or forbid (False) 政府性基金 money and a 上年结转;
    ``None`` draws. ``narratives`` adds a 情况说明 stating the real totals, the projects,
    changes against last year, shares and classification names. ``performance`` adds one
    绩效目标表 per project (regime 2015 or 2021, drawn per department) whose cost caps add
    up to 项目支出; the department carries its units' targets.
    """
    _check(units, year)
    for name, flag in (("gov_fund", gov_fund), ("carryover", carryover),
                       ("narratives", narratives), ("performance", performance)):
        if flag is not None and not isinstance(flag, bool):
            raise InvalidArgument(f"{name}={flag!r} must be a bool or None")
    return plans(units=units, year=year, gov_fund=gov_fund, carryover=carryover).flatmap(
        lambda plan: _disclosure(plan, narratives, performance))
