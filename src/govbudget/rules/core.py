"""The rule engine: named rules, findings that say where and by how much, and reports.

A rule is a function over one disclosure, registered with an id, a severity, a
one-line statement and its source. It reports failures with ``ctx.fail`` and, when it
cannot run (a table missing, inputs blank), says so with ``ctx.skip``: a report tells
what was checked, not only what failed.

>>> from govbudget.rules.core import Registry, Severity
>>> reg = Registry()
>>> @reg.rule("MY-1", Severity.WARNING, "a disclosure has a name", source="example")
... def has_name(ctx):
...     ctx.checked()
...     if not ctx.disclosure.name:
...         ctx.fail("名称为空", expected="a name", actual="")
>>> [r.id for r in reg]
['MY-1']
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govbudget.money import Cell, Unit, max_places, tolerance
from govbudget.tables.model import BudgetTable as BudgetTableType

if TYPE_CHECKING:
    from govbudget.tables.disclosure import Disclosure, Document
    from govbudget.tables.model import BudgetTable, Row

__all__ = [
    "Finding",
    "Location",
    "Outcome",
    "Registry",
    "Rule",
    "RuleContext",
    "Severity",
    "rule",
]


class Severity(enum.Enum):
    """How serious a finding is (严重程度): ``error``, ``warning`` or ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info (sorts worst first)."""
        return _RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank <= other.rank


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@attrs.frozen(slots=True)
class Location:
    """Where a finding is (位置): disclosure, table, row and column as printed; page or line."""

    disclosure: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    page: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        parts = [p for p in (self.disclosure, self.table, self.row, self.column) if p]
        where = " / ".join(parts)
        if self.page is not None:
            where += f" (page {self.page})"
        elif self.line is not None:
            where += f" (line {self.line})"
        return where


@attrs.frozen(slots=True)
class Finding:
    """One thing a rule found (检查发现): which rule, how serious, where, by how much."""

    rule: str
    severity: Severity
    message: str
    location: Location
    expected: str | None = None
    actual: str | None = None
    evidence: str | None = None
    #: the unit of ``expected`` and ``actual`` as printed (元, 万元), when they are amounts
    unit: str | None = None
    #: how the computed side was made: (label, amount) of each addend, in order
    terms: tuple[tuple[str, str], ...] = ()


class Status(enum.Enum):
    """Whether a rule ran on a disclosure and held (检查结果)."""

    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"


@attrs.frozen(slots=True)
class Outcome:
    """What running one rule on one disclosure gave: passed, failed or skipped, and why."""

    rule: str
    disclosure: str | None
    status: Status
    checks: int = 0
    reason: str | None = None


RuleFunc = Callable[["RuleContext"], None]


@attrs.frozen(slots=True)
class Rule:
    """A budget rule (校验规则): stable id, severity, one-line statement, source, function."""

    id: str
    severity: Severity
    statement: str
    source: str
    func: RuleFunc = attrs.field(eq=False, repr=False)
    family: str = "custom"
    aliases: tuple[str, ...] = ()  # DOMAIN ids this rule also stands for (X-15 for S-X1 …)


class RuleContext:
    """What a rule sees while it runs on one disclosure, and how it reports."""

    def __init__(self, rule: Rule, disclosure: Disclosure, document: Document | None = None,
                 parent: Disclosure | None = None) -> None:
        self.rule = rule
        self.disclosure = disclosure
        self.document = document
        self.parent = parent
        self.findings: list[Finding] = []
        self.checks = 0
        self.skip_reason: str | None = None

    @property
    def year(self) -> int:
        return self.disclosure.year

    def checked(self, n: int = 1) -> None:
        """Count ``n`` checks that ran."""
        self.checks += n

    def skip(self, reason: str) -> None:
        """Record that the rule could not run here, and why."""
        self.skip_reason = reason

    def location(self, table: BudgetTable | str | None = None, row: Row | str | None = None,
                 column: str | None = None, page: int | None = None,
                 line: int | None = None) -> Location:
        from govbudget.tables.model import BudgetTable, Row

        col_name = column
        src = None
        if isinstance(row, Row):
            src = row.cell_sources.get(column) if column else None
            src = src or row.source
        if isinstance(table, BudgetTable) and column is not None:
            col = table.column(column)
            if col is not None:
                col_name = f"{col.name}（栏次{col.number}）" if col.number else col.name
        if isinstance(table, BudgetTable):
            src = src or table.source
            table = table.title or table.name
        if isinstance(row, Row):
            row = row.label
        if src is not None:
            page = page if page is not None else src.page
            line = line if line is not None else src.line
        return Location(self.disclosure.label, table, row, col_name, page, line)

    def fail(self, message: str, *, table: BudgetTable | str | None = None,
             row: Row | str | None = None, column: str | None = None,
             expected: object = None, actual: object = None, evidence: str | None = None,
             severity: Severity | None = None, page: int | None = None,
             line: int | None = None, unit: Unit | str | None = None,
             terms: Sequence[tuple[str, object]] = ()) -> None:
        """Report a finding at the given place (severity defaults to the rule's).

        ``unit`` is the unit of the amounts ``expected`` and ``actual``; ``terms`` the
        labelled addends the expected (computed) figure was made of.
        """
        if unit is None and isinstance(table, BudgetTableType) and (
                isinstance(expected, (Cell, Decimal)) or isinstance(actual, (Cell, Decimal))):
            unit = table.unit
        self.findings.append(Finding(
            self.rule.id, severity or self.rule.severity, message,
            self.location(table, row, column, page, line),
            None if expected is None else _show(expected),
            None if actual is None else _show(actual),
            evidence,
            unit.value if isinstance(unit, Unit) else unit,
            tuple((label, _show(v)) for label, v in terms),
        ))

    def check_sum(self, total: Cell, addends: Sequence[Cell], *, table: BudgetTable,
                  row: Row | str | None = None, column: str | None = None, what: str,
                  labels: Sequence[str] | None = None) -> bool:
        """Check ``total`` = Σ ``addends`` under the rounding policy (DOMAIN.md §6).

        Blank and dash count as zero here. Exact → pass; within half a unit of the last
        shown digit × (n + 1) → an ``info`` rounding finding; beyond → the rule's severity.
        ``labels`` name the addends (for the finding's ``terms``). Returns True when exact
        or within rounding.
        """
        self.checked()
        expected = sum((c.as_zero() for c in addends), Decimal(0))
        actual = total.as_zero()
        diff = actual - expected
        if diff == 0:
            return True
        shown = [c for c in (total, *addends) if c.is_amount]
        n = sum(1 for c in addends if c.is_amount)
        tol = tolerance(places=max_places(shown), addends=max(n, 1))
        within = abs(diff) <= tol
        self.fail(
            f"{what}：{show_cell(total)} ≠ 合计 {_fmt(expected, shown)}（差 {_fmt(diff, shown)}"
            + (f"，在 {n} 项舍入容差 {tol} 之内）" if within else "）"),
            table=table, row=row, column=column,
            expected=_fmt(expected, shown), actual=show_cell(total),
            severity=Severity.INFO if within else None, unit=table.unit,
            terms=() if labels is None else tuple(zip(labels, addends, strict=True)),
        )
        return within

    def check_equal(self, a: Cell, a_unit: Unit, b: Cell, b_unit: Unit, *,
                    table: BudgetTable, row: Row | str | None = None, column: str | None = None,
                    what: str, evidence: str | None = None) -> bool:
        """Check that the same quantity shown in two places agrees exactly (blank as zero)."""
        self.checked()
        av = a_unit.convert(a.as_zero(), b_unit)
        bv = b.as_zero()
        if av == bv:
            return True
        self.fail(f"{what}：{show_cell(a)} ≠ {show_cell(b)}（差 {av - bv}）",
                  table=table, row=row, column=column, expected=show_cell(b),
                  actual=show_cell(a), evidence=evidence, unit=b_unit)
        return False


def fmt(value: Decimal, places: int) -> str:
    """``value`` shown with ``places`` decimals (as it is, for 0)."""
    return format(value.quantize(Decimal(1).scaleb(-places)), "f") if places else format(value, "f")


def _fmt(value: Decimal, like: Sequence[Cell]) -> str:
    return fmt(value, max_places(like))


def show_cell(cell: Cell) -> str:
    """A cell as a finding shows it: its digits, ``（空白）`` or ``-``."""
    if cell.is_blank:
        return "（空白）"
    if cell.is_dash:
        return "-"
    return cell.text()


def _show(value: object) -> str:
    if isinstance(value, Cell):
        return show_cell(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class Registry:
    """A set of rules by id (规则库). ``REGISTRY`` holds the built-in ones."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        self._ordered: tuple[Rule, ...] | None = None
        for r in rules:
            self.add(r)

    def add(self, rule: Rule, *, replace: bool = False) -> Rule:
        if rule.id in self._rules and not replace:
            raise ValueError(f"rule {rule.id} is already registered")
        self._rules[rule.id] = rule
        self._ordered = None
        return rule

    def rule(self, id: str, severity: Severity, statement: str, *, source: str,
             family: str = "custom",
             aliases: tuple[str, ...] = ()) -> Callable[[RuleFunc], RuleFunc]:
        """Decorator: register a function as a rule."""
        def decorate(func: RuleFunc) -> RuleFunc:
            self.add(Rule(id, severity, statement, source, func, family, aliases))
            return func
        return decorate

    def __iter__(self) -> Iterator[Rule]:
        if self._ordered is None:  # sorted once, until a rule is added
            self._ordered = tuple(sorted(self._rules.values(), key=lambda r: _id_key(r.id)))
        return iter(self._ordered)

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, id: object) -> bool:
        return id in self._rules

    def __getitem__(self, id: str) -> Rule:
        return self._rules[id]

    def select(self, select: Iterable[str] | None = None,
               exclude: Iterable[str] | None = None) -> list[Rule]:
        """Rules whose id or family is in ``select`` (all if None), minus ``exclude``.

        A string is one comma-separated list (``"arithmetic,X-1"``). A name that is no
        rule id, alias or family raises ``UnknownRule`` (a ``ValueError``) listing them.
        """
        chosen = None if select is None else set(self.names(select))
        dropped = set(self.names(exclude or ()))
        return [
            r for r in self
            if (chosen is None or r.id in chosen or r.family in chosen
                or not chosen.isdisjoint(r.aliases))
            and r.id not in dropped and r.family not in dropped
        ]

    def names(self, given: Iterable[str]) -> list[str]:
        """``given`` as a list of valid rule ids, aliases or families (commas split a string);
        ``UnknownRule`` for any other name."""
        from govbudget.errors import UnknownRule

        items = [given] if isinstance(given, str) else list(given)
        names = [n.strip() for item in items for n in str(item).split(",") if n.strip()]
        families = sorted({r.family for r in self})
        known = set(self._rules) | set(families) | {a for r in self for a in r.aliases}
        unknown = [n for n in names if n not in known]
        if unknown:
            import difflib

            near = {m for n in unknown for m in difflib.get_close_matches(n, sorted(known), n=3)}
            raise UnknownRule(unknown, rules=[r.id for r in self], families=families,
                              suggestions=sorted(near, key=_id_key))
        return names

    def copy(self) -> Registry:
        return Registry(self._rules.values())


def _id_key(rule_id: str) -> tuple[str, int, str]:
    head, _, tail = rule_id.partition("-")
    digits = "".join(ch for ch in tail if ch.isdigit())
    return (head, int(digits) if digits else 0, tail)


#: The built-in rules; ``govbudget.rules`` fills it when imported.
REGISTRY = Registry()
_LOCK = threading.Lock()


def rule(id: str, severity: Severity, statement: str, *, source: str,
         family: str = "custom", aliases: tuple[str, ...] = ()) -> Callable[[RuleFunc], RuleFunc]:
    """Decorator: register a function as a rule of the built-in registry."""
    with _LOCK:
        return REGISTRY.rule(id, severity, statement, source=source, family=family,
                             aliases=aliases)
