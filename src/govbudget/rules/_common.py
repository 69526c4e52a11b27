"""Helpers shared by the built-in rule modules: row indexes, hierarchy sums, comparisons.

Private: the public surface is the rules themselves. Every helper counts the checks it
runs on the ``RuleContext`` and reports through ``ctx.fail`` / ``ctx.check_sum``.

>>> from govbudget.rules._common import parent_code
>>> parent_code("2080101"), parent_code("208")
('20801', None)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from govbudget.money import Cell, Unit, max_places, places_of
from govbudget.rules.core import RuleContext, Severity
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row

__all__ = [
    "SOURCE_143",
    "check_le",
    "check_rounded_equal",
    "children_of",
    "code_index",
    "fmt",
    "hierarchy_sums",
    "parent_code",
    "row_sums",
    "table_or_skip",
    "top_level_sum",
]

SOURCE_143 = "财预〔2016〕143号《地方预决算公开操作规程》"


def parent_code(code: str) -> str | None:
    """The parent of a classification code (``code[:-2]``), ``None`` for a 类."""
    return code[:-2] if len(code) > 3 else None


def table_or_skip(ctx: RuleContext, kind: TableKind,
                  disclosure: Disclosure | None = None) -> BudgetTable | None:
    """The disclosure's table of ``kind``; records a skip when it is missing."""
    table = (disclosure or ctx.disclosure).table(kind)
    if table is None:
        ctx.skip(f"缺少{kind.value}")
    return table


def code_index(table: BudgetTable, side: str | None = None) -> dict[str, Row]:
    """Code → first row with that code (on ``side``), built once per call site."""
    index: dict[str, Row] = {}
    for r in table.rows:
        if r.code is not None and (side is None or r.side == side) and r.code not in index:
            index[r.code] = r
    return index


def children_of(table: BudgetTable, side: str | None = None) -> dict[str, list[Row]]:
    """Code → its direct child rows in table order (only parents present in the table)."""
    index = code_index(table, side)
    children: dict[str, list[Row]] = {}
    for r in table.rows:
        if r.code is None or (side is not None and r.side != side):
            continue
        p = parent_code(r.code)
        if p is not None and p in index:
            children.setdefault(p, []).append(r)
    return children


def _all_blank(cells: Iterable[Cell]) -> bool:
    return all(not c.is_amount for c in cells)


def row_sums(ctx: RuleContext, table: BudgetTable, rows: Iterable[Row], total: str,
             addends: Sequence[str], what: str) -> None:
    """For each row: cell ``total`` = Σ cells ``addends`` (rows all blank are not checks)."""
    for r in rows:
        parts = [r.cell(k) for k in addends]
        t = r.cell(total)
        if t.is_amount or not _all_blank(parts):
            ctx.check_sum(t, parts, table=table, row=r, column=total, what=what)


def hierarchy_sums(ctx: RuleContext, table: BudgetTable, columns: Sequence[str], *,
                   side: str | None = None, what: str = "上级科目应等于其下级科目之和") -> None:
    """Every parent row = Σ its direct children in table order, in every column."""
    children = children_of(table, side)
    index = code_index(table, side)
    for code, kids in children.items():
        parent = index[code]
        label = f"{what}（{'、'.join(k.code or '' for k in kids)}）"
        for col in columns:
            parts = [k.cell(col) for k in kids]
            t = parent.cell(col)
            if t.is_amount or not _all_blank(parts):
                ctx.check_sum(t, parts, table=table, row=parent, column=col, what=label)


def top_level_sum(ctx: RuleContext, table: BudgetTable, total_row: Row | None,
                  columns: Sequence[str], *, side: str | None = None,
                  what: str = "合计应等于各类级科目之和") -> None:
    """The 合计 row = Σ 类 rows (3-digit codes), in every column."""
    classes = [r for r in table.code_rows(side) if r.code is not None and len(r.code) == 3]
    if total_row is None:
        if classes:
            ctx.skip("表中没有合计行")
        return
    for col in columns:
        parts = [r.cell(col) for r in classes]
        t = total_row.cell(col)
        if t.is_amount or not _all_blank(parts):
            ctx.check_sum(t, parts, table=table, row=total_row, column=col, what=what)


def fmt(value: Decimal, places: int) -> str:
    """``value`` shown with ``places`` decimals."""
    return format(value.quantize(Decimal(1).scaleb(-places)), "f") if places else format(value, "f")


def show(cell: Cell) -> str:
    """A cell as a finding shows it: digits, ``（空白）`` or ``-``."""
    if cell.is_amount:
        return cell.text()
    return "（空白）" if cell.is_blank else "-"


def check_le(ctx: RuleContext, small: Cell, small_unit: Unit, big: Cell, big_unit: Unit, *,
             table: BudgetTable, row: Row | str | None, column: str | None, what: str,
             evidence: str | None = None, skip_blank_small: bool = True) -> bool:
    """Check ``small`` ≤ ``big`` exactly (blank ``big`` counts as zero).

    A blank ``small`` is "not shown" and, by default, not compared (DOMAIN.md §1.8).
    """
    if skip_blank_small and not small.is_amount:
        return True
    ctx.checked()
    s = small_unit.convert(small.as_zero(), big_unit)
    b = big.as_zero()
    if s <= b:
        return True
    ctx.fail(f"{what}：{show(small)} 大于 {show(big)}（超出 {s - b}）", table=table, row=row,
             column=column, expected=f"≤ {show(big)}", actual=show(small), evidence=evidence)
    return False


def check_rounded_equal(ctx: RuleContext, a: Cell, a_unit: Unit, b: Cell, b_unit: Unit, *,
                        table: BudgetTable, row: Row | str | None, column: str | None,
                        what: str, evidence: str | None = None) -> bool:
    """The same quantity shown at two precisions (``6`` vs ``6.00``): equal after rounding.

    Exact → pass; within half a unit of the coarser cell's last digit → ``info``;
    beyond → the rule's severity. Blanks count as zero.
    """
    ctx.checked()
    av = a_unit.convert(a.as_zero(), b_unit)
    bv = b.as_zero()
    if av == bv:
        return True
    coarse = min(places_of(a.value) if a.value is not None else 0,
                 places_of(b.value) if b.value is not None else 0)
    within = abs(av - bv) <= Decimal(5).scaleb(-(coarse + 1))
    ctx.fail(f"{what}：{show(a)} ≠ {show(b)}" + ("（在舍入误差之内）" if within else ""),
             table=table, row=row, column=column, expected=show(b), actual=show(a),
             evidence=evidence, severity=Severity.INFO if within else None)
    return within


def check_balance(ctx: RuleContext, left: Sequence[Cell], right: Sequence[Cell], *,
                  table: BudgetTable, row: Row | str | None, column: str | None,
                  what: str) -> bool:
    """Σ ``left`` = Σ ``right`` under the rounding policy (n = all shown cells − 1)."""
    ctx.checked()
    lv = sum((c.as_zero() for c in left), Decimal(0))
    rv = sum((c.as_zero() for c in right), Decimal(0))
    if lv == rv:
        return True
    shown = [c for c in (*left, *right) if c.is_amount]
    places = max_places(shown)
    from govbudget.money import tolerance

    tol = tolerance(places=places, addends=max(len(shown) - 1, 1))
    within = abs(lv - rv) <= tol
    ctx.fail(f"{what}：{fmt(lv, places)} ≠ {fmt(rv, places)}（差 {fmt(lv - rv, places)}）",
             table=table, row=row, column=column, expected=fmt(rv, places),
             actual=fmt(lv, places), severity=Severity.INFO if within else None)
    return within
