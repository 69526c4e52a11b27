"""The unit of a table that prints none (未标注金额单位的表): inferred, or said unknown.

A table's unit is read from its frame (``单位：万元``) or its headings (``金额（元）``). When
none is printed, it is never assumed: the table's amounts are compared with those of the
disclosure's tables that do state their unit — the same figures recur from table to table
(totals, 类 rows) — and the one unit under which they agree is taken (``INFERRED``). When
no unit or several make them agree, the unit stays ``UNKNOWN`` and the table says so.

>>> from govbudget.tables import TableBuilder, TableKind
>>> stated = TableBuilder(TableKind.EXPENDITURE, unit="元").line("total", "合计", total="1234500").build()
>>> bare = attrs.evolve(TableBuilder(TableKind.GENERAL_BUDGET).line("total", "合计", total="123.45")
...                     .build(), unit_basis=UnitBasis.UNKNOWN)
>>> t = infer_units([stated, bare])[1]
>>> t.unit.value, t.unit_basis.value
('万元', 'inferred')
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from govbudget.money import Unit
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, UnitBasis

__all__ = ["infer_units"]

_MAX_AMOUNTS = 40


def _amounts(table: BudgetTable) -> list[Decimal]:
    values = {c.value for r in table.rows for c in r.cells.values()
              if c.is_amount and c.value is not None and c.value != 0}
    return sorted(values, key=abs, reverse=True)[:_MAX_AMOUNTS]


def _half_step(value: Decimal) -> Decimal:
    """Half a unit of the last digit shown: the rounding a printed figure may carry."""
    exponent = value.as_tuple().exponent
    return Decimal(5).scaleb((exponent if isinstance(exponent, int) else 0) - 1)


def _in_yuan(value: Decimal, unit: Unit) -> tuple[Decimal, Decimal]:
    return value * unit.factor, _half_step(value) * unit.factor


def infer_units(tables: Sequence[BudgetTable]) -> list[BudgetTable]:
    """The tables, each standard table of unknown unit given the one unit under which its
    amounts agree with the stated tables' (or kept unknown, with a remark)."""
    refs = [_in_yuan(v, t.unit) for t in tables if t.unit_basis is UnitBasis.STATED
            and t.kind is not TableKind.OTHER for v in _amounts(t)]
    stated = [t.unit for t in tables if t.unit_basis is UnitBasis.STATED]
    usual = max(set(stated), key=stated.count) if stated else Unit.WAN
    out = []
    for t in tables:
        if t.unit_basis is not UnitBasis.UNKNOWN or t.kind is TableKind.OTHER:
            out.append(t)
            continue
        mine = _amounts(t)
        scores = {u: sum(1 for v in mine if _agrees(v, u, refs)) for u in Unit}
        best = max(scores.values(), default=0)
        winners = [u for u, n in scores.items() if n == best]
        if best >= min(2, len(mine)) and best and len(winners) == 1:
            out.append(attrs.evolve(t, unit=winners[0], unit_basis=UnitBasis.INFERRED, remarks=(
                *t.remarks, f"no unit of amounts printed: {winners[0].value}, under which "
                f"{best} of its amounts agree with the other tables")))
        else:
            out.append(attrs.evolve(t, unit=usual, remarks=(
                *t.remarks, "no unit of amounts printed, and none inferable from the other "
                f"tables: shown in {usual.value}, not compared with other tables")))
    return out


def _agrees(value: Decimal, unit: Unit, refs: Sequence[tuple[Decimal, Decimal]]) -> bool:
    mine, tol = _in_yuan(value, unit)
    return any(abs(mine - r) <= tol + rtol for r, rtol in refs)
