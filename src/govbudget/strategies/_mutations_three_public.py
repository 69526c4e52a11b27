"""Single-defect mutations of the 三公 tables: S-1 … S-4, S-X1, S-X2, Y-1 … Y-3 and A-1.

Each changes one 三公 line (or its year-on-year column) so that the rule it names must
find it.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import strategies as st

from govbudget.money import Cell
from govbudget.strategies._mutations import (
    MUTATORS,
    K,
    Mutation,
    Result,
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
from govbudget.tables.model import BudgetTable

__all__: list[str] = []

# ---- 三公 S, Y, A-1 ----------------------------------------------------------------------
_line_bump("S-2", K.THREE_PUBLIC, "total", None, ("total", "general"), None, "“三公”合计改动")
_line_bump("S-3", K.THREE_PUBLIC, "vehicle", None, ("total", "general"), None, "公务用车购置及运行维护费改动")


@mutator("S-1", _has(K.THREE_PUBLIC))
def _s1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC)
    assert t is not None
    row = draw(st.sampled_from([r for r in t.rows if r.line]))
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "general"))), Mutation(
        "S-1", f"{row.label} 一般公共预算栏 +{delta}", _loc(d, t, row, "total"))


def _meetings(t: BudgetTable) -> Decimal:
    return sum((_line(t, k).cell("total").as_zero() for k in ("meeting", "training")), Decimal(0))


@mutator("S-4", _has(K.THREE_PUBLIC, lambda t: _meetings(t) > 0))
def _s4(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC)
    assert t is not None
    row = _line(t, "total")
    extra = _meetings(t)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, extra, "total", "general"))), Mutation(
        "S-4", f"“三公”合计计入会议费、培训费 {extra}", _loc(d, t, row))


_SX1 = {"overseas": "30212", "vehicle_operation": "30231", "reception": "30217"}


def _sx1_items(d: Disclosure) -> list[str]:
    b = d.table(K.BASIC_EXPENDITURE)
    if b is None or d.table(K.THREE_PUBLIC) is None:
        return []
    return [item for item, code in _SX1.items()
            if (r := b.row(code)) is not None and r.cell("total").as_zero() > 0]


@mutator("S-X1", lambda root, d: bool(_sx1_items(d)))
def _sx1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC)
    assert t is not None
    item = draw(st.sampled_from(_sx1_items(d)))
    dest = draw(st.sampled_from([k for k in _SX1 if k != item]))
    src, dst = _line(t, item), _line(t, dest)
    v = src.cell("total").as_zero()
    zero = Cell.amount(Decimal("0.00"))
    new = _with_row(t, src, attrs.evolve(src, cells={**src.cells, "total": zero, "general": zero}))
    new = _with_row(new, dst, _bump(dst, v, "total", "general"))
    return _with_table(root, d, t, new), Mutation(
        "S-X1", f"“三公”{src.name} {v} 移到 {dst.name}", _loc(d, t, src, "general"))


@mutator("S-X2", lambda root, d: d.table(K.THREE_PUBLIC) is not None
         and d.table(K.GENERAL_BUDGET) is not None)
def _sx2(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t, g = d.table(K.THREE_PUBLIC), d.table(K.GENERAL_BUDGET)
    assert t is not None and g is not None
    row = _line(t, "total")
    gt = g.line("total")
    over = (gt.cell("total").as_zero() if gt is not None else Decimal(0)) + _delta(draw)
    new = attrs.evolve(row, cells={**row.cells, "total": Cell.amount(over), "general": Cell.amount(over)})
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "S-X2", f"“三公”合计改为 {over}，超过一般公共预算支出表合计", _loc(d, t, row, "general"))


@mutator("Y-1", _has(K.THREE_PUBLIC_YOY))
def _y1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC_YOY)
    assert t is not None
    row = draw(st.sampled_from([r for r in t.rows if r.line]))
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "change"))), Mutation(
        "Y-1", f"{row.label} 增减金额 +{delta}", _loc(d, t, row, "change"))


_line_bump("Y-2", K.THREE_PUBLIC_YOY, "total", None, ("prior",), "prior", "合计上年预算改动")
MUTATORS[-1] = attrs.evolve(MUTATORS[-1], apply=lambda draw, root, d: _y2(draw, root, d))


def _y2(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC_YOY)
    assert t is not None
    row = _line(t, "total")
    delta = _delta(draw)
    new = _bump(_bump(row, delta, "prior"), -delta, "change")
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "Y-2", f"合计上年预算 +{delta}、增减 −{delta}", _loc(d, t, row, "prior"))


@mutator("Y-3", _has(K.THREE_PUBLIC_YOY))
def _y3(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC_YOY)
    assert t is not None
    row = draw(st.sampled_from([r for r in t.rows if r.line and r.line != "total"]))
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "current", "change"))), Mutation(
        "Y-3", f"{row.label} 本年预算 +{delta}", _loc(d, t, row, "current"))


def _a1(root: Disclosure, d: Disclosure) -> bool:
    a, b = d.table(K.FIXED_ASSETS), d.table(K.BASIC_EXPENDITURE)
    r = b.row("30231") if b is not None else None
    return a is not None and a.line("vehicles") is not None and r is not None \
        and r.cell("total").as_zero() > 0


@mutator("A-1", _a1)
def _a1_apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.FIXED_ASSETS)
    assert t is not None
    row = _line(t, "vehicles")
    new = attrs.evolve(row, cells={**row.cells, "quantity": Cell.amount(0)})
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "A-1", "车辆数改为 0，仍有公务用车运行维护费", _loc(d, t, row, "quantity"))
