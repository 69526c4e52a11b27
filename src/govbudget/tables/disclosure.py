"""A disclosure (部门预算 / 单位预算) and the document that holds one or more.

>>> from govbudget.tables import Disclosure, Scope, TableBuilder, TableKind
>>> t = TableBuilder(TableKind.GOV_FUND).line("total", "合计").build()
>>> d = Disclosure(Scope.UNIT, "323001", "本级", 2023, tables=(t,))
>>> d.table(TableKind.GOV_FUND).is_empty(), d.table(TableKind.SUMMARY)
(True, None)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from govbudget.money import Unit
from govbudget.source import SourceLocation
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable
from govbudget.tables.narrative import Narrative
from govbudget.tables.performance import PerformanceTarget

if TYPE_CHECKING:
    from govbudget.codes.economic import UnitKind as CorrespondenceKind

__all__ = ["Disclosure", "DisclosureKind", "Document", "Scope", "UnitKind", "Unparsed"]


class DisclosureKind(enum.Enum):
    """Whether a disclosure is a budget (预算公开) or a final account (决算公开, docs/domain.md §11)."""

    BUDGET = "budget"
    FINAL = "final"

    @classmethod
    def of_tables(cls, tables: Iterable[BudgetTable]) -> DisclosureKind | None:
        """FINAL when most typed tables are final-accounts tables, BUDGET when most are
        budget tables, ``None`` when no table is typed.

        >>> from govbudget.tables import TableBuilder, TableKind
        >>> DisclosureKind.of_tables([TableBuilder(TableKind.FINAL_REVENUE).build()]).value
        'final'
        """
        kinds = [t.kind for t in tables if t.kind is not TableKind.OTHER]
        if not kinds:
            return None
        finals = sum(k.is_final for k in kinds)
        return cls.FINAL if finals * 2 > len(kinds) else cls.BUDGET


class Scope(enum.Enum):
    """Whether a disclosure is a department's (部门预算, consolidated) or one unit's (单位预算)."""

    DEPARTMENT = "department"
    UNIT = "unit"


class UnitKind(enum.Enum):
    """The kind of budget unit (单位性质): 行政单位, 参照公务员法管理事业单位, 事业单位."""

    ADMINISTRATIVE = "行政"
    CIVIL_SERVICE_MANAGED = "参公"
    PUBLIC_INSTITUTION = "事业"

    @property
    def correspondence(self) -> CorrespondenceKind:
        """The kind the economic correspondence uses: 参公 units map as 行政 (docs/domain.md §1.6).

        >>> UnitKind.CIVIL_SERVICE_MANAGED.correspondence.value
        '行政'
        """
        from govbudget.codes.economic import UnitKind as Correspondence

        return Correspondence.coerce(self.value)


@attrs.frozen(slots=True)
class Unparsed:
    """Content read from a source that could not be placed in the model (未解析内容)."""

    text: str
    reason: str
    location: SourceLocation | None = None


@attrs.frozen(slots=True)
class Disclosure:
    """One department's or one unit's disclosure for a year (部门/单位预算公开 or 决算公开).

    A department disclosure lists its units' disclosures in ``units``; its tables are
    the cell-wise sum of theirs (docs/domain.md §7). ``unit`` is the default unit of
    amounts; each table also carries its own. ``kind`` says whether it is a budget or
    a final account (``year`` is then the year accounted for).
    """

    scope: Scope
    code: str | None
    name: str
    year: int
    unit: Unit = Unit.WAN
    tables: tuple[BudgetTable, ...] = ()
    units: tuple[Disclosure, ...] = ()
    unit_kind: UnitKind | None = None
    narrative: Narrative | None = None
    performance: tuple[PerformanceTarget, ...] = ()
    unparsed: tuple[Unparsed, ...] = ()
    source: SourceLocation | None = attrs.field(default=None, eq=False)
    kind: DisclosureKind = DisclosureKind.BUDGET

    @property
    def is_final(self) -> bool:
        """Whether this is a final account (决算)."""
        return self.kind is DisclosureKind.FINAL

    def table(self, kind: TableKind) -> BudgetTable | None:
        """The first table of a standard kind, or ``None`` when the disclosure lacks it."""
        for t in self.tables:
            if t.kind is kind:
                return t
        return None

    def tables_of(self, kind: TableKind) -> tuple[BudgetTable, ...]:
        return tuple(t for t in self.tables if t.kind is kind)

    @property
    def label(self) -> str:
        """How findings name this disclosure: ``323 保定市…局`` ."""
        return f"{self.code} {self.name}" if self.code else self.name

    def walk(self) -> Iterator[Disclosure]:
        """This disclosure, then its units (depth-first)."""
        yield self
        for u in self.units:
            yield from u.walk()


@attrs.frozen(slots=True)
class Document:
    """A source document (文档) holding one or more disclosures, and what could not be placed."""

    source: str | None
    disclosures: tuple[Disclosure, ...]
    unparsed: tuple[Unparsed, ...] = ()
    pages: int | None = None

    def walk(self) -> Iterator[Disclosure]:
        """Every disclosure in the document, departments before their units."""
        for d in self.disclosures:
            yield from d.walk()
