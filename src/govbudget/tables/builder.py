"""Build tables by code: the API tests and users call to write a table down.

>>> from govbudget.tables import TableBuilder, TableKind
>>> b = TableBuilder(TableKind.BASIC_EXPENDITURE, unit="万元")
>>> t = b.line("total", "合计", total="6.00", public="6.00").row("302", "商品和服务支出",
...     total="6.00", public="6.00").build()
>>> type(t).__name__, len(t.rows)
('BasicExpenditureTable', 2)
"""

from __future__ import annotations

from typing import Any

from govbudget.errors import ModelError
from govbudget.money import Unit
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import (
    BudgetTable,
    Column,
    Row,
    TableHeader,
    check_columns,
    standard_columns,
    table_type,
    to_cell,
)

__all__ = ["TableBuilder"]


class TableBuilder:
    """Collects rows, then builds a frozen table (预算表) of the given kind.

    Cell values are given by column key as ``str`` (``"1,234.50"``, ``""`` blank,
    ``"-"`` dash), ``int``, ``Decimal``, ``None`` (blank) or a ``Cell``; floats are refused.
    """

    def __init__(
        self,
        kind: TableKind,
        *,
        unit: Unit | str = Unit.WAN,
        title: str | None = None,
        columns: tuple[Column, ...] | None = None,
        header: TableHeader | None = None,
        note: str | None = None,
    ) -> None:
        self.kind = kind
        self.unit = unit if isinstance(unit, Unit) else Unit.parse(unit)
        self.title = title
        self.columns = columns if columns is not None else standard_columns(kind)
        self.header = header
        self.note = note
        self._rows: list[Row] = []

    def _add(self, name: str, code: str | None, line: str | None, side: str | None,
             number: int | None, texts: dict[str, str] | None, values: dict[str, Any]) -> None:
        cells = {key: to_cell(value) for key, value in values.items()}
        check_columns(self.columns, cells, f"row {code or line or name!r}")
        if side is None and self.kind.spec.two_sided:
            raise ModelError(f"row {name!r} of a two-sided table needs side='income' or 'expenditure'")
        self._rows.append(Row(name, code, line, side, cells, texts or {}, number))

    def row(self, code: str, name: str, *, side: str | None = None, number: int | None = None,
            texts: dict[str, str] | None = None, **values: Any) -> TableBuilder:
        """Add a row of classification code ``code`` printed as ``name``."""
        if not code.isdigit():
            raise ModelError(f"row code {code!r} is not a bare classification code")
        if side is None and self.kind.spec.two_sided:
            side = "expenditure"
        self._add(name, code, None, side, number, texts, values)
        return self

    def line(self, key: str, name: str, *, side: str | None = None, number: int | None = None,
             texts: dict[str, str] | None = None, **values: Any) -> TableBuilder:
        """Add a named line (``total`` 合计, ``subtotal`` 本年收入合计 …) printed as ``name``."""
        self._add(name, None, key, side, number, texts, values)
        return self

    def text_row(self, name: str, *, side: str | None = None, number: int | None = None,
                 texts: dict[str, str] | None = None, **values: Any) -> TableBuilder:
        """Add a row that has neither a code nor a known line (kept as printed)."""
        self._add(name, None, None, side, number, texts, values)
        return self

    def build(self) -> BudgetTable:
        cls = table_type(self.kind)
        return cls(
            columns=self.columns, rows=tuple(self._rows), unit=self.unit, title=self.title,
            header=self.header, note=self.note,
        )
