"""Helpers shared by the built-in rule modules: row indexes, hierarchy sums, comparisons.

Private: the public surface is the rules themselves. Every helper counts the checks it
runs on the ``RuleContext`` and reports through ``ctx.fail`` / ``ctx.check_sum``.

>>> from govbudget.rules._common import parent_code
>>> parent_code("2080101"), parent_code("208")
('20801', None)
"""

from __future__ import annotations

import functools
import itertools
import weakref
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, Generic, TypeVar

from govbudget.money import BLANK, Cell, Unit, max_places, places_of, tolerance
from govbudget.rules.core import RuleContext, Severity, converted_agrees, fmt, show_cell
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row

__all__ = [
    "SOURCE_143",
    "LastResult",
    "check_le",
    "check_rounded_equal",
    "children_of",
    "code_cell",
    "code_index",
    "fmt",
    "hierarchy_sums",
    "index",
    "line",
    "line_or_skip",
    "missing_reason",
    "numbering_row",
    "parent_code",
    "printed",
    "row_sums",
    "show_cell",
    "sum_check",
    "table_or_skip",
    "top_level_sum",
]

SOURCE_143 = "财预〔2016〕143号《地方预决算公开操作规程》"


def parent_code(code: str) -> str | None:
    """The parent of a classification code (``code[:-2]``), ``None`` for a 类."""
    return code[:-2] if len(code) > 3 else None


def table_or_skip(ctx: RuleContext, kind: TableKind,
                  disclosure: Disclosure | None = None) -> BudgetTable | None:
    """The disclosure's table of ``kind``; records a skip when it is missing or was left
    out as not read reliably (``rules.reliability``)."""
    table = (disclosure or ctx.disclosure).table(kind)
    if table is None:
        ctx.skip(missing_reason(ctx, kind))
    return table


def missing_reason(ctx: RuleContext, kind: TableKind) -> str:
    """Why the disclosure has no table of ``kind`` a rule can use."""
    why = ctx.unreadable_reason(kind)
    if why is not None:
        return f"{kind.value}未能可靠读取，不参与检查（{why}）"
    return f"缺少{kind.value}"


_K = TypeVar("_K")
_V = TypeVar("_V")


class LastResult(Generic[_K, _V]):
    """What was derived from the last object asked about: one slot, shared by a family's rules.

    Every rule of a family runs on the same disclosure in turn, so one slot is enough. The
    slot holds its object by weak reference (a checked disclosure is not kept alive) and is
    read and replaced as one tuple, so no caller, in any thread, pairs one object with the
    value derived from another.

    >>> class Doc: pass
    >>> last = LastResult[Doc, int]()
    >>> a, b = Doc(), Doc()
    >>> last.get(a, lambda d: 1), last.get(b, lambda d: 2), last.get(b, lambda d: 3)
    (1, 2, 2)
    """

    __slots__ = ("_slot",)

    def __init__(self) -> None:
        self._slot: tuple[weakref.ref[_K], _V] | None = None

    def get(self, key: _K, derive: Callable[[_K], _V]) -> _V:
        """The value derived from ``key``: the slot's when it holds ``key``, else ``derive(key)``."""
        slot = self._slot
        if slot is not None and slot[0]() is key:
            return slot[1]
        value = derive(key)
        self._slot = (weakref.ref(key), value)
        return value


# ---- the per-table index: built once per table, shared by every rule -----------------------

class TableIndex:
    """What the rules look up in one table, computed once (tables are immutable).

    ``printed`` holds the keys of the columns the table prints (a rule skips the others
    rather than treating them as blank); ``lines`` the first row of each named line;
    ``codes(side)`` the first row of each code; ``children(side)`` each parent row with
    its direct children; ``top(side)`` the rows of the top-most printed level.
    """

    __slots__ = ("_children", "_codes", "_top", "amount_columns", "code_rows", "lines",
                 "memo", "printed", "repeated", "table")

    def __init__(self, table: BudgetTable) -> None:
        self.table = table
        self.printed = frozenset(c.key for c in table.columns)
        self.amount_columns = tuple(c.key for c in table.columns if not c.text)
        self.code_rows = tuple(r for r in table.rows if r.code is not None)
        self.lines: dict[tuple[str, str | None], Row] = {}
        for r in table.rows:
            if r.line is not None:
                self.lines.setdefault((r.line, r.side), r)
                self.lines.setdefault((r.line, None), r)
        seen: set[tuple[str | None, str]] = set()
        repeated = False
        for r in self.code_rows:
            key = (r.side, r.code or "")
            if key in seen:
                repeated = True
                break
            seen.add(key)
        #: a code printed more than once on one side (e.g. once per government 类)
        self.repeated = repeated
        self._codes: dict[str | None, dict[str, Row]] = {}
        self._children: dict[str | None, list[tuple[Row, list[Row]]]] = {}
        self._top: dict[str | None, list[Row]] = {}
        #: other per-table data a rule module derives once (keyed by the module)
        self.memo: dict[str, Any] = {}

    def rows_on(self, side: str | None) -> tuple[Row, ...]:
        if side is None:
            return self.code_rows
        return tuple(r for r in self.code_rows if r.side == side)

    def line(self, key: str, side: str | None = None) -> Row | None:
        return self.lines.get((key, side))

    def codes(self, side: str | None = None) -> dict[str, Row]:
        """Code → first row with that code (on ``side``)."""
        got = self._codes.get(side)
        if got is None:
            got = {}
            for r in self.rows_on(side):
                assert r.code is not None
                got.setdefault(r.code, r)
            self._codes[side] = got
        return got

    def children(self, side: str | None = None) -> list[tuple[Row, list[Row]]]:
        """Each parent row with its direct children, in table order.

        A child belongs to the nearest preceding row of its parent code in the same
        depth-first branch; where a table repeats a code (one block per government 类),
        each block's parent row is checked against its own children. A child listed
        away from its parent's branch falls back to the first row of the parent code.
        """
        got = self._children.get(side)
        if got is not None:
            return got
        index = self.codes(side)
        kids: dict[int, list[Row]] = {}
        parents: dict[int, Row] = {}
        stack: list[Row] = []
        for r in self.rows_on(side):
            code = r.code
            assert code is not None
            while stack and not (code.startswith(stack[-1].code or "")
                                 and len(code) > len(stack[-1].code or "")):
                stack.pop()
            p = parent_code(code)
            while p is not None and p not in index and len(p) > 3:
                p = parent_code(p)  # a parent not printed: the nearest printed ancestor
            owner: Row | None = None
            if p is not None:
                owner = stack[-1] if stack and stack[-1].code == p else index.get(p)
            if owner is not None:
                parents[id(owner)] = owner
                kids.setdefault(id(owner), []).append(r)
            stack.append(r)
        got = [(parents[k], v) for k, v in kids.items()]
        self._children[side] = got
        return got

    def top(self, side: str | None = None) -> list[Row]:
        """The rows no printed code is an ancestor of (类 rows, or the highest level shown)."""
        got = self._top.get(side)
        if got is None:
            index = self.codes(side)
            got = []
            for r in self.rows_on(side):
                code = r.code or ""
                if not any(code[:n] in index for n in range(3, len(code), 2)):
                    got.append(r)
            self._top[side] = got
        return got


_INDEXES: dict[int, tuple[weakref.ref[BudgetTable], TableIndex]] = {}


def index(table: BudgetTable) -> TableIndex:
    """The ``TableIndex`` of ``table``, built on first use and kept while the table lives."""
    key = id(table)
    hit = _INDEXES.get(key)
    if hit is not None and hit[0]() is table:
        return hit[1]
    idx = TableIndex(table)
    _INDEXES[key] = (weakref.ref(table, functools.partial(_forget, _INDEXES, key)), idx)
    return idx


def _forget(indexes: dict[int, tuple[weakref.ref[BudgetTable], TableIndex]], key: int,
            ref: weakref.ref[BudgetTable]) -> None:
    hit = indexes.get(key)
    if hit is not None and hit[0] is ref:
        indexes.pop(key, None)


def printed(table: BudgetTable, key: str) -> bool:
    """Whether the table prints the column ``key`` (has a ``Column`` with that key)."""
    return key in index(table).printed


def line(table: BudgetTable, key: str, side: str | None = None) -> Row | None:
    """The first row of the named line ``key`` (on ``side``), from the table's index."""
    return index(table).line(key, side)


def line_or_skip(ctx: RuleContext, table: BudgetTable, key: str, side: str | None = None, *,
                 missing: str) -> Row | None:
    """``line``; records the skip ``missing`` when the table has no such line."""
    row = index(table).line(key, side)
    if row is None:
        ctx.skip(missing)
    return row


def code_index(table: BudgetTable, side: str | None = None) -> dict[str, Row]:
    """Code → first row with that code (on ``side``), from the table's index."""
    return index(table).codes(side)


def children_of(table: BudgetTable, side: str | None = None) -> dict[str, list[Row]]:
    """Code → its direct child rows in table order (only parents present in the table)."""
    out: dict[str, list[Row]] = {}
    for parent, kids in index(table).children(side):
        out.setdefault(parent.code or "", []).extend(kids)
    return out


def code_cell(table: BudgetTable, code: str, col: str, side: str | None = None) -> Cell:
    """The amount of ``code`` in column ``col``: its row, else the sum of its printed
    descendants of the top-most printed level (a table printing only 项 has no 类 rows),
    else blank. A code printed several times (one block per government 类) sums its rows.
    """
    idx = index(table)
    rows = ([r for r in idx.rows_on(side) if r.code == code] if idx.repeated
            else [r] if (r := idx.codes(side).get(code)) is not None else [])
    if not rows:
        rows = [r for r in idx.top(side) if (r.code or "").startswith(code)]
    if not rows:
        return BLANK
    if len(rows) == 1:
        return rows[0].cell(col)
    cells = [r.cell(col) for r in rows]
    if not any(c.is_amount for c in cells):
        return BLANK
    return Cell.amount(sum((c.as_zero() for c in cells), Decimal(0)))


def _all_blank(cells: Iterable[Cell]) -> bool:
    return all(c.value is None for c in cells)


def sum_check(ctx: RuleContext, total: Cell, addends: Sequence[Cell], *, table: BudgetTable,
              row: Row | str | None = None, column: str | None = None, what: str,
              labels: Sequence[str] | None = None) -> bool:
    """``ctx.check_sum`` with a fast path for the exact case (counted as one check)."""
    acc = Decimal(0)
    for c in addends:
        if c.value is not None:
            acc += c.value
    if (total.value if total.value is not None else _ZERO) == acc:
        ctx.checked(table=table)
        return True
    return ctx.check_sum(total, addends, table=table, row=row, column=column, what=what,
                         labels=labels)


_ZERO = Decimal(0)


def row_sums(ctx: RuleContext, table: BudgetTable, rows: Iterable[Row], total: str,
             addends: Sequence[str], what: str) -> None:
    """For each row: cell ``total`` = Σ cells ``addends`` (rows all blank are not checks).

    Only printed columns take part: a table without the ``total`` column, or without any
    of the ``addends``, cannot be checked, and the rule records a skip.
    """
    shown = index(table).printed
    parts_keys = [k for k in addends if k in shown]
    if total not in shown or not parts_keys:
        missing = total if total not in shown else "、".join(addends)
        ctx.skip(f"{table.title or table.name}未列示“{_col_name(table, missing)}”栏")
        return
    rows = list(rows)
    if not any(r.cells.get(k, BLANK).is_amount for r in rows for k in parts_keys):
        # a template that fills only the total column: there are no parts to add up
        ctx.skip(f"{table.title or table.name}的分栏均为空白（只列合计），不逐行相加")
        return
    labels = [_col_name(table, k) for k in parts_keys]
    for r in rows:
        if numbering_row(r):
            continue
        cells = r.cells
        parts = [cells.get(k, BLANK) for k in parts_keys]
        t = cells.get(total, BLANK)
        if t.value is not None or not _all_blank(parts):
            sum_check(ctx, t, parts, table=table, row=r, column=total, what=what, labels=labels)


def numbering_row(r: Row) -> bool:
    """A 栏次 row (1 2 3 … under the header) read as data: not amounts to add up.

    >>> from govbudget.money import parse_cell
    >>> numbering_row(Row("**", cells={k: parse_cell(v) for k, v in zip("abc", "123")}))
    True
    """
    if r.code is not None or r.line is not None:
        return False
    values = [c.value for c in r.cells.values() if c.value is not None]
    if len(values) < 3 or any(v != v.to_integral_value() or places_of(v) for v in values):
        return False
    return all(b - a == 1 for a, b in itertools.pairwise(values))


def _col_name(table: BudgetTable, key: str) -> str:
    col = table.column(key)
    if col is not None:
        return col.name
    spec = {c.key: c.name for c in table.spec.columns}
    return spec.get(key, key)


def hierarchy_sums(ctx: RuleContext, table: BudgetTable, columns: Sequence[str] | None = None,
                   *, side: str | None = None,
                   what: str = "上级科目应等于其下级科目之和") -> None:
    """Every parent row = Σ its direct children, in every printed column."""
    idx = index(table)
    cols = [c for c in (columns if columns is not None else idx.amount_columns)
            if c in idx.printed]
    for parent, kids in idx.children(side):
        label = f"{what}（{'、'.join(k.code or '' for k in kids)}）"
        labels = [k.code or k.name for k in kids]
        pcells = parent.cells
        for col in cols:
            parts = [k.cells.get(col, BLANK) for k in kids]
            t = pcells.get(col, BLANK)
            if t.value is not None or not _all_blank(parts):
                sum_check(ctx, t, parts, table=table, row=parent, column=col, what=label,
                          labels=labels)


def top_level_sum(ctx: RuleContext, table: BudgetTable, total_row: Row | None,
                  columns: Sequence[str] | None = None, *, side: str | None = None,
                  what: str = "合计应等于各类级科目之和") -> None:
    """The 合计 row = Σ rows of the top-most printed level (类 rows; when the table
    prints no 类, its highest printed level), in every printed column."""
    idx = index(table)
    top = idx.top(side)
    if not top:
        ctx.skip(f"{table.title or table.name}没有科目编码行")
        return
    if total_row is None:
        ctx.skip("表中没有合计行")
        return
    if any(len(r.code or "") != 3 for r in top):
        what = what.replace("各类级科目", "最高一级列示的科目")
    cols = [c for c in (columns if columns is not None else idx.amount_columns)
            if c in idx.printed]
    labels = [r.code or r.name for r in top]
    for col in cols:
        parts = [r.cells.get(col, BLANK) for r in top]
        t = total_row.cells.get(col, BLANK)
        if t.value is not None or not _all_blank(parts):
            sum_check(ctx, t, parts, table=table, row=total_row, column=col, what=what,
                      labels=labels)


def check_le(ctx: RuleContext, small: Cell, small_unit: Unit, big: Cell, big_unit: Unit, *,
             table: BudgetTable, row: Row | str | None, column: str | None, what: str,
             evidence: str | None = None, skip_blank_small: bool = True) -> bool:
    """Check ``small`` ≤ ``big`` exactly (blank ``big`` counts as zero).

    A blank ``small`` is "not shown" and, by default, not compared (docs/domain.md §1.8).
    Across units, ``small`` shown at ``big``'s digits (rounded or truncated) may equal it:
    a documented convention, not a defect.
    """
    if skip_blank_small and not small.is_amount:
        return True
    ctx.checked(table=table)
    s = small_unit.convert(small.as_zero(), big_unit)
    b = big.as_zero()
    if s <= b or converted_agrees(small, small_unit, big, big_unit) is not None:
        return True
    if big.is_blank:  # a blank is no figure (docs/domain.md §6)
        ctx.fail(f"{what}：{show_cell(small)} 与 （空白），未作比较", table=table, row=row,
                 column=column, expected="（空白）", actual=show_cell(small), evidence=evidence,
                 severity=Severity.INFO)
        return True
    if ctx.same_digits(small, small_unit, big, big_unit, table=table, row=row, column=column,
                       what=what, evidence=evidence, prefix="≤ "):
        return False
    ctx.fail(f"{what}：{show_cell(small)} 大于 {show_cell(big)}（超出 {s - b}）", table=table, row=row,
             column=column, expected=f"≤ {show_cell(big)}", actual=show_cell(small), evidence=evidence)
    return False


def check_rounded_equal(ctx: RuleContext, a: Cell, a_unit: Unit, b: Cell, b_unit: Unit, *,
                        table: BudgetTable, row: Row | str | None, column: str | None,
                        what: str, evidence: str | None = None) -> bool:
    """The same quantity shown at two precisions (``6`` vs ``6.00``): equal after rounding.

    Exact → pass; within half a unit of the coarser cell's last digit → ``info``;
    beyond → the rule's severity. Blanks count as zero.
    """
    ctx.checked(table=table)
    av = a_unit.convert(a.as_zero(), b_unit)
    bv = b.as_zero()
    if av == bv:
        return True
    coarse = min(places_of(a.value) if a.value is not None else 0,
                 places_of(b.value) if b.value is not None else 0)
    within = abs(av - bv) <= Decimal(5).scaleb(-(coarse + 1))
    ctx.fail(f"{what}：{show_cell(a)} ≠ {show_cell(b)}" + ("（在舍入误差之内）" if within else ""),
             table=table, row=row, column=column, expected=show_cell(b), actual=show_cell(a),
             evidence=evidence, severity=Severity.INFO if within else None)
    return within


def check_balance(ctx: RuleContext, left: Sequence[Cell], right: Sequence[Cell], *,
                  table: BudgetTable, row: Row | str | None, column: str | None,
                  what: str) -> bool:
    """Σ ``left`` = Σ ``right`` under the rounding policy (n = all shown cells − 1)."""
    ctx.checked(table=table)
    lv = sum((c.as_zero() for c in left), Decimal(0))
    rv = sum((c.as_zero() for c in right), Decimal(0))
    if lv == rv:
        return True
    shown = [c for c in (*left, *right) if c.is_amount]
    places = max_places(shown)
    tol = tolerance(places=places, addends=max(len(shown) - 1, 1))
    within = abs(lv - rv) <= tol
    ctx.fail(f"{what}：{fmt(lv, places)} ≠ {fmt(rv, places)}（差 {fmt(lv - rv, places)}）",
             table=table, row=row, column=column, expected=fmt(rv, places),
             actual=fmt(lv, places), severity=Severity.INFO if within else None)
    return within
