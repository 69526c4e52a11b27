"""Department vs unit rules (部门汇总): D-1 … D-4 of docs/domain.md §7.

A department budget is the 汇总 of its units' budgets: every amount cell of a
department table is the sum of the same cell over its units (D-1, rounding with
n = number of units). Internal flows between units (对附属单位补助 ↔ 上级补助收入,
上缴上级 ↔ 附属单位上缴收入) may or may not be eliminated; D-2 says which holds. The
unit cells are accumulated once per (table, row key, column), so the cost grows
linearly with the number of units.

>>> from govbudget.rules import REGISTRY
>>> import govbudget.rules.aggregation
>>> REGISTRY["D-1"].statement
'部门表每个金额单元格 = 所属各单位同表同格之和（按单位数计舍入容差）'
>>> REGISTRY["D-2"].severity.value
'error'
"""

from __future__ import annotations

from decimal import Decimal

from govbudget.money import Cell, places_of, tolerance
from govbudget.rules._common import fmt, show_cell
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.rules.reliability import DENSE_SHARE, MANY_DEFECTS, MIN_DEFECTS, defect_keys
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row

__all__ = ["fold_dense", "row_key"]

FAMILY = "aggregation"
SOURCE = "docs/domain.md §7 [SEC S26]"

RowKey = tuple[str | None, str | None, str | None, str | None]
#: (the table kind's name, row key, column) → slot; keyed by the name, a str, because an
#: Enum member hashes through a Python-level ``__hash__`` (one call per cell otherwise)
_Acc = dict[tuple[str, RowKey, str], "_Slot"]

#: cells a plain sum and a sum net of internal flows disagree on (judged by D-2, not D-1)
_FLOW_LINES = {
    TableKind.SUMMARY: {("income", "superior_subsidy"), ("income", "affiliated_remit"),
                        ("income", "subtotal"), ("income", "total"),
                        ("expenditure", "subtotal"), ("expenditure", "total")},
}
_FLOW_COLUMNS = {
    TableKind.REVENUE: {"superior_subsidy", "affiliated_remit", "current", "total"},
    TableKind.EXPENDITURE: {"remit_superior", "subsidy_affiliated", "total"},
}


def row_key(r: Row) -> RowKey:
    """How a row is matched across tables: side, code, line key, and the name of other rows."""
    return (r.side, r.code, r.line, r.name if r.code is None and r.line is None else None)


def _amount_tables(tables: tuple[BudgetTable, ...]) -> dict[TableKind, BudgetTable]:
    out: dict[TableKind, BudgetTable] = {}
    for t in tables:
        if t.kind is not TableKind.OTHER and t.kind not in out:
            out[t.kind] = t
    return out


def _internal_flows(ctx: RuleContext) -> Decimal:
    """Internal transfers between the department's units (paired, in the summary's unit)."""
    received = paid = remitted_in = remitted_out = Decimal(0)
    for u in ctx.disclosure.units:
        s, e = u.table(TableKind.SUMMARY), u.table(TableKind.EXPENDITURE)
        if s is not None:
            for r in s.rows:
                if r.side == "income" and r.line == "superior_subsidy":
                    received += r.cell("income").as_zero()
                elif r.side == "income" and r.line == "affiliated_remit":
                    remitted_in += r.cell("income").as_zero()
        total = e.line("total") if e is not None else None
        if total is not None:
            paid += total.cell("subsidy_affiliated").as_zero()
            remitted_out += total.cell("remit_superior").as_zero()
    return min(received, paid) + min(remitted_in, remitted_out)


def _flow_cell(kind: TableKind, r: Row, col: str) -> bool:
    return (r.side, r.line) in _FLOW_LINES.get(kind, ()) or col in _FLOW_COLUMNS.get(kind, ())


def _no_units(ctx: RuleContext) -> bool:
    if not ctx.disclosure.units:
        ctx.skip("没有所属单位的预算")
        return True
    if any(not u.name.strip() and not u.code for u in ctx.disclosure.units):
        # a part read without a name or code is not known to be one of the units
        ctx.skip("有所属部分没有单位名称和编码，无法确认是所属单位，不作汇总核对")
        return True
    return False


@rule("D-1", Severity.ERROR, "部门表每个金额单元格 = 所属各单位同表同格之和（按单位数计舍入容差）",
      source=SOURCE, family=FAMILY)
def d1_cellwise_sum(ctx: RuleContext) -> None:
    if _no_units(ctx):
        return
    dept_tables = _amount_tables(ctx.disclosure.tables)
    acc: _Acc = {}
    for u in ctx.disclosure.units:
        for kind, ut in _amount_tables(u.tables).items():
            dt = dept_tables.get(kind)
            if dt is None:
                continue
            name = kind.name
            same_unit = ut.unit is dt.unit
            for r in ut.rows:
                key = row_key(r)
                for col, cell in r.cells.items():
                    shown = cell.value
                    if shown is None:
                        continue
                    value = shown if same_unit else ut.unit.convert(shown, dt.unit)
                    slot = acc.get((name, key, col))
                    if slot is None:
                        acc[(name, key, col)] = (_Slot(value, shown))
                    else:
                        slot.add(value, shown)
    flows = _internal_flows(ctx) != 0
    seen: set[tuple[str, RowKey, str]] = set()
    for kind, dt in dept_tables.items():
        lacking = [u.name for u in ctx.disclosure.units if u.table(kind) is None
                   and ctx.unreadable_reason(kind, u) is not None]
        if lacking:
            ctx.skip(f"单位“{lacking[0]}”的{kind.value}未能可靠读取，不逐格汇总该表")
            continue
        name = kind.name
        start, before = len(ctx.findings), ctx.checks
        for r in dt.rows:
            key = row_key(r)
            for col, cell in r.cells.items():
                seen.add((name, key, col))
                if flows and _flow_cell(kind, r, col):
                    continue
                _compare(ctx, dt, r, col, cell, acc.get((name, key, col)))
        for (n, key, col), slot in acc.items():
            if n != name or (n, key, col) in seen or slot.total == 0:
                continue
            label = " ".join(p for p in (key[1], key[2], key[3]) if p)
            _compare(ctx, dt, f"{label}（部门表无"
                              "此行）", col, Cell.BLANK, slot)  # type: ignore[attr-defined]
        fold_dense(ctx, dt, start, ctx.checks - before, "部门表与各单位同表之和")


def fold_dense(ctx: RuleContext, dt: BudgetTable, start: int, compared: int, what: str) -> None:
    """Cell-by-cell differences of one table that are many and unrelated (a unit's tables
    read into the wrong disclosure, rows matched wrongly) are one finding, not hundreds:
    the tables could not be matched reliably (``rules.reliability``)."""
    found = ctx.findings[start:]
    keys = defect_keys(found)
    if len(keys) < MIN_DEFECTS or (len(keys) < MANY_DEFECTS and len(keys) < DENSE_SHARE * compared):
        return
    failed = [f for f in found if f.severity is not Severity.INFO]
    del ctx.findings[start:]
    ctx.fail(f"{what}大面积不一致（{compared} 格中 {len(failed)} 格不符，{len(keys)} 处互不相关"
             "的差异）：更像是单位表未能正确读取或对应，而不是汇总错误，未逐格报告",
             table=dt, severity=Severity.WARNING, expected="逐格一致",
             actual=f"{len(failed)} 格不符", evidence="；".join(
                 f"{f.location.row} {f.location.column}：{f.message}" for f in failed[:3]))


class _Slot:
    """The running sum of one department cell over the units (in the department's unit),
    the number of unit cells shown, and their values as printed (for the precision,
    needed only when the sum disagrees)."""

    __slots__ = ("n", "shown", "total")

    def __init__(self, value: Decimal, shown: Decimal) -> None:
        self.total = value
        self.n = 1
        self.shown = [shown]

    def add(self, value: Decimal, shown: Decimal) -> None:
        self.total += value
        self.n += 1
        self.shown.append(shown)

    @property
    def places(self) -> int:
        return max(places_of(v) for v in self.shown)


def _compare(ctx: RuleContext, dt: BudgetTable, row: Row | str, col: str, cell: Cell,
             slot: _Slot | None) -> None:
    n = 0 if slot is None else slot.n
    if cell.value is None and n == 0:
        return
    ctx.checks += 1
    total = Decimal(0) if slot is None else slot.total
    diff = cell.as_zero() - total
    if diff == 0:
        return
    places = max(cell.places, 0 if slot is None else slot.places)
    tol = tolerance(places=places, addends=max(n, 1))
    within = abs(diff) <= tol
    ctx.fail(f"部门数 {show_cell(cell)} ≠ 各单位之和 {fmt(total, places)}（{n} 个单位，"
             f"差 {fmt(diff, places)}"
             + ("，在舍入容差之内）" if within else "）"),
             table=dt, row=row, column=col, expected=fmt(total, places), actual=cell,
             severity=Severity.INFO if within else None)


@rule("D-2", Severity.ERROR,
      "有单位间内部往来时：部门收支总计 = 各单位之和，或 = 各单位之和 − 内部往来（报告哪一种成立）",
      source=f"{SOURCE}; docs/domain.md §7 D-2 [UNVERIFIED]", family=FAMILY)
def d2_internal_flows(ctx: RuleContext) -> None:
    if _no_units(ctx):
        return
    flows = _internal_flows(ctx)
    if flows == 0:
        ctx.skip("单位间没有内部往来（上级补助、附属单位上缴），D-1 已按直接相加检查")
        return
    for kind, line, side, col in ((TableKind.SUMMARY, "total", "income", "income"),
                                  (TableKind.SUMMARY, "total", "expenditure", "expenditure"),
                                  (TableKind.REVENUE, "total", None, "total"),
                                  (TableKind.EXPENDITURE, "total", None, "total")):
        dt = ctx.disclosure.table(kind)
        row = dt.line(line, side) if dt is not None else None
        if dt is None or row is None:
            continue
        total = Decimal(0)
        for u in ctx.disclosure.units:
            ut = u.table(kind)
            ur = ut.line(line, side) if ut is not None else None
            if ut is not None and ur is not None:
                total += ut.unit.convert(ur.cell(col).as_zero(), dt.unit)
        ctx.checked()
        value = row.cell(col).as_zero()
        places = row.cell(col).places
        if value == total:
            how = "直接相加（未抵销内部往来）"
        elif value == total - flows:
            how = f"相加后抵销内部往来 {fmt(flows, places)}"
        else:
            ctx.fail(f"部门数既不等于各单位之和 {fmt(total, places)}，也不等于抵销内部往来后的 "
                     f"{fmt(total - flows, places)}", table=dt, row=row, column=col,
                     expected=f"{fmt(total, places)} 或 {fmt(total - flows, places)}",
                     actual=row.cell(col))
            continue
        ctx.fail(f"部门汇总方式：{how}", table=dt, row=row, column=col,
                 expected=fmt(total, places), actual=row.cell(col), severity=Severity.INFO)


@rule("D-3", Severity.WARNING, "机构设置表所列单位 = 有单位预算的所"
                               "属单位", source=SOURCE, family=FAMILY)
def d3_organisation(ctx: RuleContext) -> None:
    if _no_units(ctx):
        return
    org = next((t for t in ctx.disclosure.tables
                if t.kind is TableKind.OTHER and "机构设置" in (t.title or "")), None)
    if org is None:
        ctx.skip("没有机构设置表")
        return
    listed = [r.name.strip() for r in org.rows if r.name.strip()]
    units = [u.name for u in ctx.disclosure.units]
    ctx.checked()
    for name in listed:
        if name not in units:
            ctx.fail(f"机构设置表列有“{name}”，但没有该单位的单位预算", table=org, row=name,
                     expected="、".join(units), actual=name)
    for name in units:
        if name not in listed:
            ctx.fail(f"单位“{name}”有单位预算，但机构设置表未列示", table=org,
                     expected=name, actual="、".join(listed) or "（无）")


@rule("D-4", Severity.ERROR, "部门只有一个单位时：部门各表 = 该单位各表（逐格相同，表头除外）",
      source=SOURCE, family=FAMILY)
def d4_single_unit(ctx: RuleContext) -> None:
    if _no_units(ctx):
        return
    if len(ctx.disclosure.units) != 1:
        ctx.skip("部门有多个单位，由 D-1 检查汇总")
        return
    unit = ctx.disclosure.units[0]
    unit_tables = _amount_tables(unit.tables)
    for kind, dt in _amount_tables(ctx.disclosure.tables).items():
        ctx.checked()
        ut = unit_tables.get(kind)
        if ut is None:
            if ctx.unreadable_reason(kind, unit) is None:
                ctx.fail(f"部门有{kind.value}，唯一的单位没有", table=dt, expected=kind.value,
                         actual="（缺表）")
            continue
        start, before = len(ctx.findings), ctx.checks
        urows = {row_key(r): r for r in ut.rows}
        for r in dt.rows:
            ur = urows.pop(row_key(r), None)
            cols = set(r.cells) | (set(ur.cells) if ur is not None else set())
            for col in sorted(cols):
                a = r.cell(col)
                b = ur.cell(col) if ur is not None else Cell.BLANK  # type: ignore[attr-defined]
                same = a.kind is b.kind and (
                    a.value is None or b.value is None
                    or a.value == ut.unit.convert(b.value, dt.unit))
                ctx.checks += 1
                if not same:
                    ctx.fail("部门表与唯一单位的同表同格不一致", table=dt, row=r, column=col,
                             expected=show_cell(b), actual=a)
        for ur in urows.values():
            if any(c.is_amount for c in ur.cells.values()):
                ctx.fail("单位表有此行，部门表没有", table=dt, row=ur.label, expected=ur.label,
                         actual="（缺行）")
        fold_dense(ctx, dt, start, ctx.checks - before, "部门表与唯一单位的同表")
