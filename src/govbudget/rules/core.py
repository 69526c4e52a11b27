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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING, Any

import attrs

from govbudget.money import Cell, CellKind, Unit, max_places, tolerance
from govbudget.source import SourceLocation
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
    "Unverified",
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
    """Where a finding is (位置): disclosure, table, row and column as printed; page or line.

    ``sources`` are where the cells concerned were read (``SourceLocation``: page, raw
    table, row and column indexes, line; not the file, which the report names), for a
    renderer that boxes them on the page; they do not take part in comparing locations.
    """

    disclosure: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    page: int | None = None
    line: int | None = None
    sources: tuple[SourceLocation, ...] = attrs.field(default=(), eq=False)

    def __str__(self) -> str:
        parts = [p for p in (self.disclosure, self.table, self.row, self.column) if p]
        where = " / ".join(parts)
        if self.page is not None:
            where += f" (page {self.page})"
        elif self.line is not None:
            where += f" (line {self.line})"
        return where


def location_dict(loc: Location) -> dict[str, Any]:
    """A location as JSON-ready data (the ``location`` of the report format)."""
    data = attrs.asdict(loc, recurse=False)
    data["sources"] = [attrs.asdict(s) for s in loc.sources]
    return data


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
    #: the other places printing the same defect (a unit repeating its department's
    #: table, the same sentence read twice): one finding lists them all
    places: tuple[Location, ...] = ()
    #: what follows from this defect (a parent that no longer sums, the same figure
    #: compared in other tables): listed here instead of as findings of their own
    consequences: tuple[Finding, ...] = ()


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
    aliases: tuple[str, ...] = ()  # domain ids this rule also stands for (X-15 for S-X1 …)
    #: the rule checks each table against itself (its arithmetic, its codes): what it
    #: finds also judges whether the table was read reliably (``rules.reliability``)
    within: bool = False


@attrs.frozen(slots=True)
class Unverified:
    """An amount that could not be checked against any table (未能核对): not a finding, it
    is counted in the report's coverage (and listed in verbose output)."""

    rule: str
    message: str
    location: Location
    evidence: str | None = None


class RuleContext:
    """What a rule sees while it runs on one disclosure, and how it reports."""

    def __init__(self, rule: Rule, disclosure: Disclosure, document: Document | None = None,
                 parent: Disclosure | None = None,
                 unreadable: Sequence[tuple[BudgetTable, str]] = (),
                 left_out: Mapping[int, Sequence[tuple[BudgetTable, str]]] | None = None,
                 cell_places: dict[int, dict[int, SourceLocation | None]] | None = None,
                 ) -> None:
        self.rule = rule
        self.disclosure = disclosure
        self.document = document
        self.parent = parent
        #: tables of this disclosure left out because they could not be read reliably
        self.unreadable = tuple(unreadable)
        self._left_out = left_out or {}
        self.findings: list[Finding] = []
        self.unverified: list[Unverified] = []
        self.checks = 0
        #: checks run on each table and the findings on it (by ``id``), for
        #: ``rules.reliability``
        self.table_checks: dict[int, int] = {}
        self.table_findings: dict[int, list[Finding]] = {}
        self.skip_reason: str | None = None
        #: table → its amount cells' places, by the cell's ``id`` (None: at two places);
        #: shared by the rules of one check
        self._cell_places = {} if cell_places is None else cell_places

    @property
    def year(self) -> int:
        return self.disclosure.year

    def checked(self, n: int = 1, *, table: BudgetTable | None = None) -> None:
        """Count ``n`` checks that ran (on ``table``, when they concern one)."""
        self.checks += n
        if table is not None:
            self.table_checks[id(table)] = self.table_checks.get(id(table), 0) + n

    def unreadable_reason(self, kind: object, disclosure: Disclosure | None = None,
                          ) -> str | None:
        """Why the table of ``kind`` of this disclosure (or of ``disclosure``, one of its
        units) was left out as not read reliably (``None``: it was not)."""
        left = (self.unreadable if disclosure is None or disclosure is self.disclosure
                else self._left_out.get(id(disclosure), ()))
        for t, reason in left:
            if t.kind is kind:
                return reason
        return None

    def could_not_verify(self, message: str, *, evidence: str | None = None,
                         page: int | None = None, line: int | None = None,
                         table: BudgetTable | str | None = None) -> None:
        """Record an amount that could not be checked (coverage, not a finding)."""
        self.unverified.append(Unverified(self.rule.id, message,
                                          self.location(table, page=page, line=line), evidence))

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
        # without its file: a report is of one document, and a cached result is the same
        # for every copy of a file (batch checking keys its cache by content)
        return Location(self.disclosure.label, table, row, col_name, page, line,
                        () if src is None else (attrs.evolve(src, file=None),))

    def sources_of(self, cells: Iterable[Cell], table: object = None
                   ) -> tuple[SourceLocation, ...]:
        """Where the amount ``cells`` were read, looked for in ``table`` first, then in the
        disclosure's other tables (a cell computed by a rule, or the same cell object at
        two places of a table, has none)."""
        wanted = [c for c in cells if c.is_amount]
        found: dict[int, SourceLocation | None] = {}
        tables = [t for t in self.disclosure.tables if t is table]
        tables += [t for t in self.disclosure.tables if t is not table]
        for t in tables:
            if all(id(c) in found for c in wanted):
                break
            places = self._cell_places.get(id(t))
            if places is None:
                places = self._cell_places[id(t)] = _places_of_cells(t)
            for c in wanted:
                if id(c) not in found and id(c) in places:
                    found[id(c)] = places[id(c)]
        return tuple(attrs.evolve(p, file=None) for c in wanted
                     if (p := found.get(id(c))) is not None)

    def fail(self, message: str, *, table: BudgetTable | str | None = None,
             row: Row | str | None = None, column: str | None = None,
             expected: object = None, actual: object = None, evidence: str | None = None,
             severity: Severity | None = None, page: int | None = None,
             line: int | None = None, unit: Unit | str | None = None,
             terms: Sequence[tuple[str, object]] = (), cells: Sequence[Cell] = ()) -> None:
        """Report a finding at the given place (severity defaults to the rule's).

        ``unit`` is the unit of the amounts ``expected`` and ``actual``; ``terms`` the
        labelled addends the expected (computed) figure was made of; ``cells`` the other
        cells involved (addends, the figure compared with), whose places join the
        location's ``sources``.
        """
        if unit is None and isinstance(table, BudgetTableType) and (
                isinstance(expected, (Cell, Decimal)) or isinstance(actual, (Cell, Decimal))):
            unit = table.unit
        location = self.location(table, row, column, page, line)
        if cells:
            more = [s for s in self.sources_of(cells, table) if s not in location.sources]
            location = attrs.evolve(location, sources=(*location.sources,
                                                       *dict.fromkeys(more)))
        finding = Finding(
            self.rule.id, severity or self.rule.severity, message,
            location,
            None if expected is None else _show(expected),
            None if actual is None else _show(actual),
            evidence,
            unit.value if isinstance(unit, Unit) else unit,
            tuple((label, _show(v)) for label, v in terms),
        )
        self.findings.append(finding)
        if isinstance(table, BudgetTableType):
            self.table_findings.setdefault(id(table), []).append(finding)

    def check_sum(self, total: Cell, addends: Sequence[Cell], *, table: BudgetTable,
                  row: Row | str | None = None, column: str | None = None, what: str,
                  labels: Sequence[str] | None = None) -> bool:
        """Check ``total`` = Σ ``addends`` under the rounding policy (docs/domain.md §6).

        Blank and dash count as zero here. Exact → pass; within half a unit of the last
        shown digit × (n + 1) → an ``info`` rounding finding; beyond → the rule's severity.
        ``labels`` name the addends (for the finding's ``terms``). Returns True when exact
        or within rounding.
        """
        self.checked(table=table)
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
            terms=_terms(labels, addends), cells=addends,
        )
        return within

    def same_digits(self, a: Cell, a_unit: Unit, b: Cell, b_unit: Unit, *,
                    table: BudgetTable, row: Row | str | None, column: str | None, what: str,
                    evidence: str | None = None, prefix: str = "") -> bool:
        """The same digits under two different units: a ``warning`` to verify the unit (one
        table's unit was likely misread), not a difference of amounts. True when so."""
        if a_unit is b_unit or a.value is None or a.value != b.value:
            return False
        self.fail(f"{what}：两表数字同为 {show_cell(a)}，单位却分别为{a_unit.value}和"
                  f"{b_unit.value}（请核对表格的金额单位）", table=table, row=row, column=column,
                  expected=f"{prefix}{show_cell(b)}{b_unit.value}",
                  actual=f"{show_cell(a)}{a_unit.value}", evidence=evidence,
                  severity=Severity.WARNING)
        return True

    def check_equal(self, a: Cell, a_unit: Unit, b: Cell, b_unit: Unit, *,
                    table: BudgetTable, row: Row | str | None = None, column: str | None = None,
                    what: str, evidence: str | None = None) -> bool:
        """Check that the same quantity shown in two places agrees exactly (blank as zero).

        Across units (元 in one table, 万元 in the other) the finer figure, rounded or
        truncated to the coarser one's digits, may stand for it: a documented convention,
        an ``info`` at most. The same digits under two different units are a unit to
        verify (``warning``), not a difference of amounts.
        """
        self.checked(table=table)
        av = a_unit.convert(a.as_zero(), b_unit)
        bv = b.as_zero()
        if av == bv:
            return True
        if a.is_blank or b.is_blank:  # a blank is no figure (docs/domain.md §6)
            self.fail(f"{what}：{show_cell(a)} 与 {show_cell(b)}，一方为空白，未作比较",
                      table=table, row=row, column=column, expected=show_cell(b),
                      actual=show_cell(a), evidence=evidence, unit=b_unit,
                      severity=Severity.INFO)
            return True
        how = converted_agrees(a, a_unit, b, b_unit)
        if how is not None:
            self.fail(f"{what}：{show_cell(a)}{a_unit.value} 与 {show_cell(b)}{b_unit.value} "
                      f"按{how}换算后一致", table=table, row=row, column=column,
                      expected=show_cell(b), actual=show_cell(a), evidence=evidence,
                      unit=b_unit, severity=Severity.INFO)
            return True
        if self.same_digits(a, a_unit, b, b_unit, table=table, row=row, column=column,
                            what=what, evidence=evidence):
            return False
        self.fail(f"{what}：{show_cell(a)} ≠ {show_cell(b)}（差 {av - bv}）",
                  table=table, row=row, column=column, expected=show_cell(b),
                  actual=show_cell(a), evidence=evidence, unit=b_unit, cells=(a, b))
        return False


def _places_of_cells(table: BudgetTable) -> dict[int, SourceLocation | None]:
    places: dict[int, SourceLocation | None] = {}
    amount = CellKind.AMOUNT
    for r in table.rows:
        cells = r.cells
        for key, src in r.cell_sources.items():
            c = cells.get(key)
            if c is not None and c.kind is amount:
                places[id(c)] = None if id(c) in places else src
    return places


def _terms(labels: Sequence[str] | None,
           addends: Sequence[Cell]) -> tuple[tuple[str, object], ...]:
    if labels is None:
        return ()
    return tuple(zip(labels, addends, strict=True))


def converted_agrees(a: Cell, a_unit: Unit, b: Cell, b_unit: Unit) -> str | None:
    """How ``a`` (in ``a_unit``) agrees with ``b`` (in ``b_unit``) once the finer of the
    two is shown at the coarser one's digits: ``"四舍五入"``, ``"截尾"`` or ``None``.

    >>> from govbudget.money import parse_cell
    >>> yuan = parse_cell("12355")  # 1.2355 万元
    >>> [converted_agrees(yuan, Unit.YUAN, parse_cell(w), Unit.WAN) for w in ("1.24", "1.23")]
    ['四舍五入', '截尾']
    >>> converted_agrees(yuan, Unit.YUAN, parse_cell("1.25"), Unit.WAN) is None
    True
    """
    if a_unit is b_unit or a.value is None or b.value is None:
        return None
    if a_unit.factor < b_unit.factor:  # a is the finer: show it in b's unit, at b's digits
        fine, coarse = a_unit.convert(a.value, b_unit), b
    else:
        fine, coarse = b_unit.convert(b.value, a_unit), a
    step = Decimal(1).scaleb(-coarse.places)
    if fine.quantize(step, rounding=ROUND_HALF_UP) == coarse.value:
        return "四舍五入"
    if fine.quantize(step, rounding=ROUND_DOWN) == coarse.value:
        return "截尾"
    return None


def fmt(value: Decimal, places: int) -> str:
    """``value`` shown with ``places`` decimals (as it is, for 0)."""
    if not places:
        return format(value, "f")
    with localcontext() as ctx:  # enough digits for any sum of bounded amounts
        ctx.prec = max(ctx.prec, value.adjusted() + places + 2)
        return format(value.quantize(Decimal(1).scaleb(-places)), "f")


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
             family: str = "custom", aliases: tuple[str, ...] = (),
             within: bool = False) -> Callable[[RuleFunc], RuleFunc]:
        """Decorator: register a function as a rule."""
        def decorate(func: RuleFunc) -> RuleFunc:
            self.add(Rule(id, severity, statement, source, func, family, aliases, within))
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
         family: str = "custom", aliases: tuple[str, ...] = (),
         within: bool = False) -> Callable[[RuleFunc], RuleFunc]:
    """Decorator: register a function as a rule of the built-in registry."""
    with _LOCK:
        return REGISTRY.rule(id, severity, statement, source=source, family=family,
                             aliases=aliases, within=within)
