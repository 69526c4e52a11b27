"""Budget tables: rows keyed by a classification code or a named line, cells by column.

>>> from govbudget.tables import TableBuilder, TableKind
>>> t = (TableBuilder(TableKind.GENERAL_BUDGET)
...      .line("total", "合计", total="58.00", project="58.00")
...      .row("208", "社会保障和就业支出", total="58.00", project="58.00")
...      .build())
>>> t.line("total").cells["project"]
Cell.amount('58.00')
>>> t.row("208").cell("basic")
Cell.BLANK
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import attrs

from govbudget.errors import ModelError
from govbudget.money import BLANK, Cell, Unit, parse_cell
from govbudget.source import SourceLocation
from govbudget.tables.kinds import ColumnSpec, TableKind, TableSpec

__all__ = [
    "BasicExpenditureTable",
    "BasicFunctionalTable",
    "BudgetTable",
    "Column",
    "ExpenditureTable",
    "FiscalSummaryTable",
    "FixedAssetsTable",
    "GeneralBudgetTable",
    "GovFundTable",
    "ProcurementTable",
    "ProjectExpenditureTable",
    "RevenueTable",
    "Row",
    "SoeCapitalTable",
    "SummaryTable",
    "TableHeader",
    "ThreePublicTable",
    "ThreePublicYoYTable",
    "UnitBasis",
]


@attrs.frozen(slots=True)
class Column:
    """A column of a table (栏): its stable key, the name printed, its 栏次 number."""

    key: str
    name: str
    number: int | None = None
    side: str | None = None
    text: bool = False


@attrs.frozen(slots=True)
class Row:
    """A row of a table (行): a classification code or a named line, and its cells.

    ``code`` is a bare classification code (``2080101``) or ``None``; ``line`` is the key
    of a named line (``total``, ``subtotal``, ``carryover`` …) or ``None``. ``cells``
    maps column keys to cells; ``texts`` holds text columns (变化原因 …). ``name`` is
    the name as printed. ``number`` is the printed 序号.
    """

    name: str
    code: str | None = None
    line: str | None = None
    side: str | None = None
    cells: Mapping[str, Cell] = attrs.field(factory=dict, hash=False)
    texts: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    number: int | None = None
    source: SourceLocation | None = attrs.field(default=None, eq=False)
    cell_sources: Mapping[str, SourceLocation] = attrs.field(factory=dict, eq=False, hash=False)

    def cell(self, key: str) -> Cell:
        """The cell of column ``key``, blank when the row has none."""
        return self.cells.get(key, BLANK)

    @property
    def label(self) -> str:
        """How findings name this row: ``2080101 行政运行`` or ``合计``."""
        return f"{self.code} {self.name}" if self.code else self.name

    @property
    def level(self) -> int | None:
        """The depth of a code row: 1 for 类, 2 for 款, 3 for 项."""
        return None if self.code is None else (len(self.code) - 1) // 2


@attrs.frozen(slots=True)
class TableHeader:
    """The header printed above a table (表头): ``<code><name>``, 预算年度, 单位."""

    code: str | None = None
    name: str | None = None
    year: int | None = None
    unit_text: str | None = None


class UnitBasis(enum.Enum):
    """Where a table's unit of amounts comes from (金额单位的依据).

    ``STATED``: printed in the table's frame (``单位：万元``, ``金额（元）``). ``INFERRED``: not
    printed, but the table's amounts agree with another table of the disclosure in that
    unit. ``UNKNOWN``: not printed and not inferable — ``unit`` is then only the
    disclosure's usual unit, and no rule may compare the table's amounts with another
    table's.
    """

    STATED = "stated"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


@attrs.frozen(slots=True)
class BudgetTable:
    """A budget table (预算表) of a disclosure, in one display unit (万元, 元 …).

    The standard tables are the subclasses (``SummaryTable`` … ``ThreePublicTable``);
    ``BudgetTable`` itself holds any other table found in a document, cell for cell.
    """

    KIND: ClassVar[TableKind] = TableKind.OTHER

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    unit: Unit = Unit.WAN
    title: str | None = None
    header: TableHeader | None = None
    note: str | None = None  # e.g. the 空表 explanation printed under an empty table
    #: why the reader could not read this table reliably (None when it could): the table's
    #: cells then feed no rule, and the report lists it as not understood
    unreadable: str | None = None
    source: SourceLocation | None = attrs.field(default=None, eq=False)
    unit_basis: UnitBasis = UnitBasis.STATED
    #: how the rows break the amounts down when it is not one row per code (None): "unit" —
    #: a section per unit (a ``unit`` row, then that unit's code rows: a code repeats once
    #: per unit); "repeated" — a code printed on several rows with no unit rows (per unit or
    #: per economic class, unlabelled); "source" — a table by function printing its rows by
    #: fund source instead (no code rows). A row looked up by code is then one part, not
    #: the department's figure: use the total line, or add the rows of a code up.
    breakdown: str | None = None
    #: what the reader had to infer, or could not, in reading the table (rows coded from
    #: their names, rows left uncoded, the unit inferred): said once, never silently
    remarks: tuple[str, ...] = ()

    @property
    def kind(self) -> TableKind:
        return self.KIND

    @property
    def spec(self) -> TableSpec:
        return self.KIND.spec

    @property
    def name(self) -> str:
        """The standard name of the table (or its printed title for other tables)."""
        if self.KIND is TableKind.OTHER:
            return self.title or "表"
        return str(self.KIND.value)

    def column(self, key: str) -> Column | None:
        for c in self.columns:
            if c.key == key:
                return c
        return None

    def line(self, key: str, side: str | None = None) -> Row | None:
        """The first row of the named line ``key`` (on ``side`` in two-sided tables)."""
        for r in self.rows:
            if r.line == key and (side is None or r.side == side):
                return r
        return None

    def row(self, code: str, side: str | None = None) -> Row | None:
        """The row of classification code ``code``."""
        for r in self.rows:
            if r.code == code and (side is None or r.side == side):
                return r
        return None

    def code_rows(self, side: str | None = None) -> Iterator[Row]:
        """The rows keyed by a classification code, in table order."""
        for r in self.rows:
            if r.code is not None and (side is None or r.side == side):
                yield r

    def is_empty(self) -> bool:
        """True when no row shows an amount (an empty table, 空表)."""
        return not any(c.is_amount for r in self.rows for c in r.cells.values())

    def cells(self) -> Iterator[tuple[Row, str, Cell]]:
        for r in self.rows:
            for key, cell in r.cells.items():
                yield r, key, cell


@attrs.frozen(slots=True)
class SummaryTable(BudgetTable):
    """部门收支总表: income by source and expenditure by 类, with carry-overs."""

    KIND: ClassVar[TableKind] = TableKind.SUMMARY


@attrs.frozen(slots=True)
class RevenueTable(BudgetTable):
    """部门收入总表: income by source, rows by functional code."""

    KIND: ClassVar[TableKind] = TableKind.REVENUE


@attrs.frozen(slots=True)
class ExpenditureTable(BudgetTable):
    """部门支出总表: basic and project expenditure by functional code."""

    KIND: ClassVar[TableKind] = TableKind.EXPENDITURE


@attrs.frozen(slots=True)
class FiscalSummaryTable(BudgetTable):
    """财政拨款收支总表: fiscal appropriations by fund, income and expenditure."""

    KIND: ClassVar[TableKind] = TableKind.FISCAL_SUMMARY


@attrs.frozen(slots=True)
class GeneralBudgetTable(BudgetTable):
    """一般公共预算财政拨款支出表: general-budget expenditure by functional code."""

    KIND: ClassVar[TableKind] = TableKind.GENERAL_BUDGET


@attrs.frozen(slots=True)
class BasicExpenditureTable(BudgetTable):
    """一般公共预算财政拨款基本支出表: basic expenditure by economic 款."""

    KIND: ClassVar[TableKind] = TableKind.BASIC_EXPENDITURE


@attrs.frozen(slots=True)
class BasicFunctionalTable(BudgetTable):
    """一般公共预算基本支出表（按功能分类）: basic expenditure by functional code, 人员/公用."""

    KIND: ClassVar[TableKind] = TableKind.BASIC_FUNCTIONAL


@attrs.frozen(slots=True)
class GovFundTable(BudgetTable):
    """政府性基金预算财政拨款支出表: government-fund expenditure by functional code."""

    KIND: ClassVar[TableKind] = TableKind.GOV_FUND


@attrs.frozen(slots=True)
class SoeCapitalTable(BudgetTable):
    """国有资本经营预算财政拨款支出表: state-capital expenditure by functional code."""

    KIND: ClassVar[TableKind] = TableKind.SOE_CAPITAL


@attrs.frozen(slots=True)
class ThreePublicTable(BudgetTable):
    """财政拨款“三公”经费支出表: 三公经费 by fund, with 会议费 and 培训费 beside."""

    KIND: ClassVar[TableKind] = TableKind.THREE_PUBLIC


@attrs.frozen(slots=True)
class ThreePublicYoYTable(BudgetTable):
    """“三公”经费增减变化表: this year's 三公经费 against last year's."""

    KIND: ClassVar[TableKind] = TableKind.THREE_PUBLIC_YOY


@attrs.frozen(slots=True)
class ProcurementTable(BudgetTable):
    """政府采购预算表: government procurement budget."""

    KIND: ClassVar[TableKind] = TableKind.PROCUREMENT


@attrs.frozen(slots=True)
class FixedAssetsTable(BudgetTable):
    """固定资产占用情况表: fixed assets held, quantity and value."""

    KIND: ClassVar[TableKind] = TableKind.FIXED_ASSETS


@attrs.frozen(slots=True)
class ProjectExpenditureTable(BudgetTable):
    """项目支出表: project expenditure by project."""

    KIND: ClassVar[TableKind] = TableKind.PROJECT_EXPENDITURE


@attrs.frozen(slots=True)
class FiscalExpenditureTable(BudgetTable):
    """财政拨款支出表: fiscal expenditure of all funds by functional code."""

    KIND: ClassVar[TableKind] = TableKind.FISCAL_EXPENDITURE


@attrs.frozen(slots=True)
class FiscalBasicExpenditureTable(BudgetTable):
    """财政拨款基本支出表: fiscal basic expenditure by economic 款."""

    KIND: ClassVar[TableKind] = TableKind.FISCAL_BASIC_EXPENDITURE


@attrs.frozen(slots=True)
class GeneralBudgetEconomicTable(BudgetTable):
    """一般公共预算支出经济分类表: general-budget expenditure by economic 款."""

    KIND: ClassVar[TableKind] = TableKind.GENERAL_BUDGET_ECONOMIC


@attrs.frozen(slots=True)
class ProjectEconomicTable(BudgetTable):
    """一般公共预算项目支出经济分类表: project expenditure by economic 款."""

    KIND: ClassVar[TableKind] = TableKind.PROJECT_ECONOMIC


@attrs.frozen(slots=True)
class BasicBudgetTable(BudgetTable):
    """基本支出预算表: basic expenditure by functional code and economic class."""

    KIND: ClassVar[TableKind] = TableKind.BASIC_BUDGET


@attrs.frozen(slots=True)
class OperationExpensesTable(BudgetTable):
    """机关运行经费支出表: running costs of the organs."""

    KIND: ClassVar[TableKind] = TableKind.OPERATION_EXPENSES


TABLE_TYPES: Mapping[TableKind, type[BudgetTable]] = {
    cls.KIND: cls
    for cls in (
        BudgetTable, SummaryTable, RevenueTable, ExpenditureTable, FiscalSummaryTable,
        GeneralBudgetTable, BasicExpenditureTable, BasicFunctionalTable, GovFundTable, SoeCapitalTable,
        ThreePublicTable, ThreePublicYoYTable, ProcurementTable, FixedAssetsTable,
        ProjectExpenditureTable, FiscalExpenditureTable, FiscalBasicExpenditureTable,
        GeneralBudgetEconomicTable, ProjectEconomicTable, BasicBudgetTable,
        OperationExpensesTable,
    )
}


def table_type(kind: TableKind) -> type[BudgetTable]:
    """The table class of a standard kind."""
    cls = TABLE_TYPES.get(kind)
    if cls is None and kind.is_final:  # declared in final_model (they subclass BudgetTable)
        from govbudget.tables.final_model import FINAL_TABLE_TYPES

        cls = next((c for c in FINAL_TABLE_TYPES if c.KIND is kind), None)
    if cls is None:  # a kind declared in kinds.py without its class here
        raise ModelError(f"no table class for {kind!r}: declare one in tables/model.py")
    return cls


def standard_columns(kind: TableKind) -> tuple[Column, ...]:
    """The columns of a standard table, in the order the spec lists them (no 栏次 number)."""
    return tuple(_column(spec) for spec in kind.spec.columns)


def _column(spec: ColumnSpec) -> Column:
    return Column(spec.key, spec.name, None, spec.side, spec.text)


def to_cell(value: Any) -> Cell:
    """A cell from what a builder was given: a Cell, None (blank), '-' (dash), str, int, Decimal."""
    if isinstance(value, Cell):
        return value
    if value is None:
        return BLANK
    if isinstance(value, str):
        return parse_cell(value)
    return Cell.amount(value)  # refuses floats and anything inexact


def check_columns(table_columns: tuple[Column, ...], cells: Mapping[str, Cell], what: str) -> None:
    keys = {c.key for c in table_columns}
    unknown = set(cells) - keys
    if unknown:
        raise ModelError(
            f"{what}: no column {sorted(unknown)!r}; the table has {sorted(keys)!r}"
        )
