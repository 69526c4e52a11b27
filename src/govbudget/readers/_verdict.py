"""Whether a table was read reliably (读取可靠性), said once when it was not.

A table is recognised by its title; it is *read* when its columns and rows are placed.
When that fails broadly, the table is kept, cell for cell, but marked ``unreadable`` with
the reason, so that no rule reads a misplaced figure as a defect:

* none of its column headings names a column of its kind;
* a large share of its amount cells cannot be read as amounts (garbled text);
* its code rows are of another classification than the kind's, and no kind of the same
  table by that classification exists.

A 基本支出表 whose rows are functional codes is the table by function (and a 一般公共预算
支出表 by economic codes the table by economic class): that is a kind of its own, not a
misreading (``retyped``).

>>> from govbudget.tables import TableBuilder, TableKind
>>> t = TableBuilder(TableKind.BASIC_EXPENDITURE).row("208", "社会保障和就业支出", total="1.00").build()
>>> retyped(t).kind.name
'BASIC_FUNCTIONAL'
"""

from __future__ import annotations

import attrs

from govbudget.readers.layout import scheme_of
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, table_type

__all__ = ["retyped", "unreadable_reason"]

#: a kind → (the scheme its code rows belong to when printed by the other classification,
#: the kind of that table)
_OTHER_SCHEME = {
    TableKind.BASIC_EXPENDITURE: ("functional", TableKind.BASIC_FUNCTIONAL),
    TableKind.BASIC_FUNCTIONAL: ("economic", TableKind.BASIC_EXPENDITURE),
    TableKind.GENERAL_BUDGET: ("economic", TableKind.GENERAL_BUDGET_ECONOMIC),
    TableKind.GENERAL_BUDGET_ECONOMIC: ("functional", TableKind.GENERAL_BUDGET),
}


def _schemes(table: BudgetTable) -> list[str | None]:
    return [scheme_of(r.code) for r in table.rows if r.code is not None and r.side != "income"]


def retyped(table: BudgetTable) -> BudgetTable:
    """The table as the kind its code rows say, when they are of the other classification."""
    other = _OTHER_SCHEME.get(table.kind)
    schemes = _schemes(table)
    if other is None or not schemes or schemes.count(other[0]) * 2 <= len(schemes):
        return table
    cls = table_type(other[1])
    fields = {f.name: getattr(table, f.name) for f in attrs.fields(type(table))}
    return cls(**fields)


def unreadable_reason(table: BudgetTable, unparsed: int) -> str | None:
    """Why the table cannot be read reliably, or None."""
    if table.kind is TableKind.OTHER or table.unreadable:
        return table.unreadable
    spec = table.spec
    amounts = sum(1 for _r, _k, c in table.cells() if c.is_amount)
    known = {c.key for c in spec.printable_columns}
    named = [c for c in table.columns if c.key in known]
    if amounts and not named:
        shown = "、".join(c.name for c in table.columns[:6])
        return f"none of its column headings names a column of this table (read: {shown})"
    if unparsed >= 5 and unparsed * 3 > unparsed + amounts:
        return f"{unparsed} of its {unparsed + amounts} amount cells could not be read as amounts"
    if spec.scheme is not None:
        schemes = _schemes(table)
        wrong = [s for s in schemes if s is not None and s != spec.scheme]
        if schemes and len(wrong) * 2 > len(schemes):
            return (f"its code rows are of another classification ({wrong[0]}) than the "
                    f"table's ({spec.scheme})")
    return None
