"""Where something was read (来源位置): the locations that findings point at.

A leaf module: the typed model (``govbudget.tables``) keeps where each row and cell came
from without importing any loader.

>>> loc = SourceLocation("budget.pdf", page=4, table=2, row=7, column=3)
>>> str(loc)
'file budget.pdf, page 4, table 2, row 7, column 3'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

__all__ = ["CellSources", "SourceLocation"]


@attrs.frozen(slots=True)
class SourceLocation:
    """Where something was read (来源位置): file, page, table index, row and column (0-based)."""

    file: str | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        parts = [
            f"{name} {value}"
            for name, value in (
                ("file", self.file),
                ("page", self.page),
                ("line", self.line),
                ("table", self.table),
                ("row", self.row),
                ("column", self.column),
            )
            if value is not None
        ]
        return ", ".join(parts)


class CellSources(Mapping[str, SourceLocation]):
    """The source of each cell of a row (单元格来源), read-only: column key → ``SourceLocation``.

    A row's cells share its file, page, table, row and line and differ only in the
    physical column, so the locations are derived on demand from the row's location
    and a column key → physical column map (shared by every row of a table side),
    instead of one ``SourceLocation`` built per cell while loading.

    >>> row = SourceLocation("f.txt", table=2, row=5, line=40)
    >>> sources = CellSources(row, {"total": 3})
    >>> sources["total"] == SourceLocation("f.txt", table=2, row=5, column=3, line=40)
    True
    >>> dict(sources) == {"total": sources["total"]}, len(sources), sources.get("other")
    (True, 1, None)
    """

    __slots__ = ("_columns", "_row")

    def __init__(self, row: SourceLocation, columns: Mapping[str, int]) -> None:
        self._row = row
        self._columns = columns

    def __getitem__(self, key: str) -> SourceLocation:
        column = self._columns[key]
        r = self._row
        return SourceLocation(r.file, r.page, r.table, r.row, column, r.line)

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __contains__(self, key: object) -> bool:
        return key in self._columns

    def __repr__(self) -> str:
        return repr(dict(self))
