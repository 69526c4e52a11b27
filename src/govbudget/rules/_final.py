"""What the final-accounts rules share (决算校验的公共部分): getting a table that can be
checked, comparing the same quantity in two tables, and staying conservative.

A final-accounts rule runs only on a final account (``Disclosure.kind``), on tables that
were read and hold amounts: a missing, unreadable or empty table (a template) is a skip
with its reason, never a pass. Whether a table was read reliably is judged once for all
rules (``rules.reliability``, from the ``within`` rules: the arithmetic F1-1 … F8-3 of each
final table): a table that fails broadly is left out of every rule and reported once by
U-2, so a misreading never looks like a defect.

>>> from govbudget.rules._final import one_unit
>>> from decimal import Decimal
>>> one_unit(Decimal("0.01"), 2), one_unit(Decimal("0.02"), 2)
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from govbudget.money import Cell, max_places
from govbudget.rules._common import index, missing_reason
from govbudget.rules.core import RuleContext, Severity, fmt, rule, show_cell
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row

__all__ = ["NOT_FINAL", "SOURCE_FINAL", "final_rule", "final_table", "one_unit", "same_quantity", "value"]

SOURCE_FINAL = "docs/domain.md §11; 财政部部门决算公开模板"

RuleBody = Callable[[RuleContext], None]


#: why a final-accounts rule does not run on a budget
NOT_FINAL = "不是决算公开：本规则检查决算表"


def final_rule(id: str, severity: Severity, statement: str, *, family: str,
               source: str = SOURCE_FINAL, within: bool = False,
               ) -> Callable[[RuleBody], RuleBody]:
    """Register a rule that runs on final accounts only; ``within``: it checks a table
    against itself, and so also judges whether the table was read reliably."""
    def decorate(body: RuleBody) -> RuleBody:
        def run(ctx: RuleContext) -> None:
            if not ctx.disclosure.is_final:
                ctx.skip(NOT_FINAL)
                return
            body(ctx)
        run.__name__ = run.__qualname__ = body.__name__
        run.__doc__ = body.__doc__
        rule(id, severity, statement, source=source, family=family, within=within)(run)
        return body
    return decorate


def final_table(ctx: RuleContext, kind: TableKind) -> BudgetTable | None:
    """The final account's table of ``kind`` when it can be checked; else a skip saying why."""
    table = ctx.disclosure.table(kind)
    if table is None:  # absent, or left out as not read reliably (reported by U-2)
        ctx.skip(missing_reason(ctx, kind))
        return None
    if table.is_empty():
        ctx.skip(f"{kind.value}没有数字（空表或模板）")
        return None
    return table


def value(table: BudgetTable, line: str, col: str, side: str | None = None) -> tuple[Row | None, Cell]:
    """The named line of a table and its cell in column ``col`` (blank without the line)."""
    r = index(table).line(line, side)
    return r, (r.cell(col) if r is not None else Cell.amount(0))


def one_unit(diff: Decimal, places: int) -> bool:
    """Whether ``diff`` is at most one unit of the last shown digit (0.01 at 2 places)."""
    return abs(diff) <= Decimal(1).scaleb(-places)


def same_quantity(ctx: RuleContext, a: Cell, b: Cell, *, table: BudgetTable, row: Row | str | None,
                  column: str | None, what: str, other: str) -> bool:
    """The same quantity printed in two tables: exact → pass; one unit of the last digit
    apart → a warning (尾数: independently rounded tables); beyond → the rule's severity.
    Blank counts as zero."""
    ctx.checked()
    av, bv = a.as_zero(), b.as_zero()
    if av == bv:
        return True
    places = max_places([a, b])
    near = one_unit(av - bv, places)
    ctx.fail(f"{what}：{show_cell(a)} ≠ {other} {show_cell(b)}（差 {fmt(av - bv, places)}"
             + ("，尾数差异" if near else "") + "）",
             table=table, row=row, column=column, expected=show_cell(b), actual=show_cell(a),
             severity=Severity.WARNING if near else None, unit=table.unit)
    return near
