"""Single-defect mutations of valid disclosures, each naming the rule that must catch it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govbudget.money import Cell
from govbudget.rules.core import Finding, Location, Unverified
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row

__all__ = ["MUTATORS", "Mutation", "mutations"]

K = TableKind


@attrs.frozen(slots=True)
class Mutation:
    """One defect put into a valid disclosure (注入的缺陷): the rule that must catch it, where.

    ``location`` has the fields a finding of ``rule`` must show; ``None`` fields match anything.
    """

    rule: str
    description: str
    location: Location

    def matches(self, finding: Finding | Unverified) -> bool:
        """True when ``finding`` (or an amount left unverified) is by ``rule`` and at
        ``location``."""
        if finding.rule != self.rule:
            return False
        for name in ("disclosure", "table", "row", "column"):
            want = getattr(self.location, name)
            got = getattr(finding.location, name)
            if want is not None and (got is None or not (got == want or got.startswith(want + "（"))):
                return False
        return True


Result = tuple[Disclosure, Mutation]
Apply = Callable[[st.DrawFn, Disclosure, Disclosure], Result]
Applies = Callable[[Disclosure, Disclosure], bool]


@attrs.frozen(slots=True)
class Mutator:
    rule: str
    applies: Applies
    apply: Apply
    department_only: bool = False


# ---- editing helpers ------------------------------------------------------------------

def _replace(root: Disclosure, old: Disclosure, new: Disclosure) -> Disclosure:
    if root is old:
        return new
    if not root.units:
        return root
    return attrs.evolve(root, units=tuple(_replace(u, old, new) for u in root.units))


def _with_table(root: Disclosure, target: Disclosure, old: BudgetTable,
                new: BudgetTable | None) -> Disclosure:
    maybe = tuple(t if t is not old else new for t in target.tables)
    tables: tuple[BudgetTable, ...] = tuple(t for t in maybe if t is not None)
    return _replace(root, target, attrs.evolve(target, tables=tables))


def _with_row(t: BudgetTable, old: Row, new: Row | None) -> BudgetTable:
    rows = tuple(new if r is old else r for r in t.rows)
    return attrs.evolve(t, rows=tuple(r for r in rows if r is not None))


def _plus(cell: Cell, delta: Decimal) -> Cell:
    return Cell.amount((cell.as_zero() + delta).quantize(Decimal("0.01")))


def _bump(row: Row, delta: Decimal, *cols: str) -> Row:
    cells = dict(row.cells)
    for c in cols:
        cells[c] = _plus(row.cell(c), delta)
    return attrs.evolve(row, cells=cells)


def _delta(draw: st.DrawFn) -> Decimal:
    """1.00 … 999.99: beyond any rounding tolerance of a table."""
    return Decimal(draw(st.integers(100, 99_999))) / 100


def _col(t: BudgetTable, key: str) -> str:
    c = t.column(key)
    return c.name if c is not None else key


def _loc(d: Disclosure, t: BudgetTable | str | None, row: Row | str | None = None,
         col: str | None = None) -> Location:
    table = t if isinstance(t, str) or t is None else (t.title or t.name)
    col_name = _col(t, col) if isinstance(t, BudgetTable) and col is not None else col
    return Location(d.label, table, row.label if isinstance(row, Row) else row, col_name)


def _line(t: BudgetTable, key: str, side: str | None = None) -> Row:
    r = t.line(key, side)
    assert r is not None, key
    return r


def _t(d: Disclosure, kind: TableKind) -> BudgetTable | None:
    return d.table(kind)


def _has(kind: TableKind, pred: Callable[[BudgetTable], bool] = lambda t: True) -> Applies:
    def applies(root: Disclosure, d: Disclosure) -> bool:
        t = d.table(kind)
        return t is not None and pred(t)
    return applies


def _rows(t: BudgetTable, pred: Callable[[Row], bool]) -> list[Row]:
    return [r for r in t.rows if pred(r)]


def _amount_rows(t: BudgetTable, col: str, side: str | None = None, length: int | None = None
                 ) -> list[Row]:
    return [r for r in t.code_rows(side) if r.cell(col).as_zero() > 0
            and (length is None or len(r.code or "") == length)]


MUTATORS: list[Mutator] = []


def mutator(rule: str, applies: Applies, *, department_only: bool = False
            ) -> Callable[[Apply], Apply]:
    def register(fn: Apply) -> Apply:
        MUTATORS.append(Mutator(rule, applies, fn, department_only))
        return fn
    return register


def _line_bump(rule: str, kind: TableKind, line: str, side: str | None, cols: tuple[str, ...],
               report_col: str | None, what: str, report_kind: TableKind | None = None,
               report_line: str | None = None, report_side: str | None = None) -> None:
    """Register: add δ to ``cols`` of a named line; the finding is at that line (or elsewhere)."""
    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        t = _line_table = d.table(kind)
        assert t is not None
        row = _line(t, line, side)
        delta = _delta(draw)
        new_t = _with_row(t, row, _bump(row, delta, *cols))
        mutated = _with_table(root, d, t, new_t)
        rt = d.table(report_kind) if report_kind is not None else _line_table
        assert rt is not None
        rrow: Row | str = _line(rt, report_line or line, report_side if report_kind else side)
        return mutated, Mutation(rule, f"{what} +{delta}", _loc(d, rt, rrow, report_col))
    def applies(root: Disclosure, d: Disclosure) -> bool:
        t = d.table(kind)
        if t is None or t.line(line, side) is None:
            return False
        if report_kind is None or report_col is None:
            return True
        # a figure against a blank of the other table is not compared (docs/domain.md §6)
        rt = d.table(report_kind)
        r = rt.line(report_line or line, report_side) if rt is not None else None
        return r is not None and r.cell(report_col).is_amount
    MUTATORS.append(Mutator(rule, applies, apply))


# ---- the strategy ------------------------------------------------------------------------

def rules_with_mutations() -> frozenset[str]:
    """The rule ids some mutation is meant for."""
    return frozenset(m.rule for m in MUTATORS)


def mutations(disclosure: Disclosure, *, rules: Iterable[str] | None = None
              ) -> st.SearchStrategy[tuple[Disclosure, Mutation]]:
    """One single-defect change of ``disclosure`` and the ``Mutation`` saying which rule must catch it.

    The defect is put in the department or in one of its units. ``rules`` restricts the
    mutations to those meant for these rule ids; ``InvalidArgument`` when none applies.
    """
    if not isinstance(disclosure, Disclosure):
        raise InvalidArgument(f"disclosure={disclosure!r} is not a Disclosure")
    wanted = None if rules is None else set(rules)
    if wanted is not None:
        unknown = wanted - rules_with_mutations()
        if unknown:
            raise InvalidArgument(f"no mutation is meant for rules {sorted(unknown)}")
    targets = list(disclosure.walk())
    options = [(m, d) for m in MUTATORS for d in targets
               if (wanted is None or m.rule in wanted)
               and (not m.department_only or d is disclosure) and m.applies(disclosure, d)]
    if not options:
        raise InvalidArgument(f"no mutation for {sorted(wanted or ())} applies to {disclosure.label}")

    @st.composite
    def one(draw: st.DrawFn) -> tuple[Disclosure, Mutation]:
        m, d = draw(st.sampled_from(options))
        return m.apply(draw, disclosure, d)

    return one()
