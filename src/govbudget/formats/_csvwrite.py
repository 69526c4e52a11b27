"""Writing the long-form CSV (CSV 写出) and the table part it carries; see ``govbudget.formats.csvio``.

One line per table cell, every line carrying its disclosure, table, row and column
context, so that a spreadsheet can filter and pivot it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import attrs

from govbudget.tables.disclosure import Disclosure, Document
from govbudget.tables.model import BudgetTable, Column, Row, TableHeader

#: The columns of the long form, in the order written. The first nineteen say what a
#: reader needs; the rest make the round trip exact (indexes, headers, notes …).
CSV_COLUMNS: tuple[str, ...] = (
    "disclosure", "disclosure_name", "scope", "year",
    "table", "table_title", "row", "row_code", "row_line", "row_side", "row_name",
    "row_number", "column", "column_name", "column_number", "value", "kind", "raw", "unit",
    "parent", "disclosure_index", "parent_index", "disclosure_unit", "unit_kind",
    "table_index", "has_header", "header_code", "header_name", "header_year", "header_unit",
    "note", "unreadable",
    "column_index", "column_side", "column_text", "unit_basis", "breakdown", "remarks",
)


_TEXT = "text"
_BOM = "\ufeff"


def to_csv(
    obj: Document | Disclosure,
    file: str | os.PathLike[str] | TextIO | None = None,
    *,
    bom: bool = False,
) -> str:
    """Write a document or a disclosure (with its units) as long-form CSV; return the text.

    ``file`` may be a path (written as UTF-8, with a byte-order mark when ``bom`` is true,
    so that spreadsheet programs detect the encoding) or an open text file. The
    narrative, performance targets, unparsed content and source locations are not
    written (see the module docstring).
    """
    if isinstance(obj, Document):
        disclosures: tuple[Disclosure, ...] = obj.disclosures
    elif isinstance(obj, Disclosure):
        disclosures = (obj,)
    else:
        raise TypeError(f"to_csv writes a Document or a Disclosure, not {type(obj).__name__}")
    out = io.StringIO()
    if bom:
        out.write(_BOM)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for record in _records(disclosures):
        writer.writerow([record.get(name, "") for name in CSV_COLUMNS])
    text = out.getvalue()
    if isinstance(file, str | os.PathLike):
        Path(file).write_text(text.removeprefix(_BOM), encoding="utf-8-sig" if bom else "utf-8",
                              newline="")
    elif file is not None:
        file.write(text)
    return text


def _records(disclosures: tuple[Disclosure, ...]) -> Iterator[dict[str, str]]:
    index = 0

    def walk(d: Disclosure, parent: tuple[int, Disclosure] | None) -> Iterator[dict[str, str]]:
        nonlocal index
        mine = index
        index += 1
        base = _disclosure_fields(d, mine, parent)
        if not d.tables:
            yield base
        for t_index, table in enumerate(d.tables):
            yield from _table_records(table, {**base, **_table_fields(table, t_index)})
        for u in d.units:
            yield from walk(u, (mine, d))

    for d in disclosures:
        yield from walk(d, None)


def _disclosure_fields(d: Disclosure, index: int,
                       parent: tuple[int, Disclosure] | None) -> dict[str, str]:
    return {
        "disclosure": _s(d.code), "disclosure_name": d.name, "scope": d.scope.value,
        "year": str(d.year), "disclosure_index": str(index),
        "parent": "" if parent is None else _s(parent[1].code),
        "parent_index": "" if parent is None else str(parent[0]),
        "disclosure_unit": d.unit.value,
        "unit_kind": "" if d.unit_kind is None else d.unit_kind.value,
    }


def _table_fields(t: BudgetTable, index: int) -> dict[str, str]:
    h = t.header
    return {
        "table": t.kind.name, "table_title": _s(t.title), "unit": t.unit.value,
        "table_index": str(index), "note": _s(t.note),
        "unreadable": _s(t.unreadable),
        "has_header": "false" if h is None else "true",
        "header_code": "" if h is None else _s(h.code),
        "header_name": "" if h is None else _s(h.name),
        "header_year": "" if h is None else _s(h.year),
        "header_unit": "" if h is None else _s(h.unit_text),
        "unit_basis": t.unit_basis.value, "breakdown": _s(t.breakdown),
        "remarks": json.dumps(list(t.remarks), ensure_ascii=False) if t.remarks else "",
    }


def _column_fields(c: Column, index: int) -> dict[str, str]:
    return {
        "column": c.key, "column_name": c.name, "column_number": _s(c.number),
        "column_side": _s(c.side), "column_text": "true" if c.text else "false",
        "column_index": str(index),
    }


def _row_fields(r: Row, index: int) -> dict[str, str]:
    return {
        "row": str(index), "row_code": _s(r.code), "row_line": _s(r.line),
        "row_side": _s(r.side), "row_name": r.name, "row_number": _s(r.number),
    }


def _table_records(t: BudgetTable, base: dict[str, str]) -> Iterator[dict[str, str]]:
    first_of_key: dict[str, int] = {}
    for i, c in enumerate(t.columns):
        first_of_key.setdefault(c.key, i)
    described: set[int] = set()

    def column(key: str) -> dict[str, str]:
        i = first_of_key.get(key)
        if i is None:  # a cell of a column the table does not list: keep the key only
            return {"column": key}
        described.add(i)
        return _column_fields(t.columns[i], i)

    lines = 0
    for r_index, row in enumerate(t.rows):
        row_base = {**base, **_row_fields(row, r_index)}
        if not row.cells and not row.texts:
            lines += 1
            yield row_base  # a row marker: the row exists, with no cells
        for key, cell in row.cells.items():
            lines += 1
            yield {**row_base, **column(key), "value": cell.text(), "kind": cell.kind.value,
                   "raw": _s(cell.raw)}
        for key, text in row.texts.items():
            lines += 1
            yield {**row_base, **column(key), "value": text, "kind": _TEXT}
    for i, c in enumerate(t.columns):
        if i not in described:
            lines += 1
            yield {**base, **_column_fields(c, i)}  # a column marker: listed, never filled
    if not lines:
        yield base  # a table marker: no rows, no columns


def _s(value: object) -> str:
    return "" if value is None else str(value)


def table_part(obj: Document | Disclosure) -> Document:
    """The document as CSV carries it: tables only, optional empty texts read as ``None``.

    Emptied: the narrative, performance targets, unparsed content, the document's
    ``source`` and ``pages``. Normalised: an optional text that is ``''`` (a table
    title, a row code …) becomes ``None``, since CSV writes both the same way. Source
    locations are not compared by ``==`` and are left as they are.
    """
    disclosures = obj.disclosures if isinstance(obj, Document) else (obj,)
    return Document(None, tuple(_disclosure_part(d) for d in disclosures))


def _disclosure_part(d: Disclosure) -> Disclosure:
    return attrs.evolve(
        d, code=d.code or None, narrative=None, performance=(), unparsed=(),
        tables=tuple(_table_normal(t) for t in d.tables),
        units=tuple(_disclosure_part(u) for u in d.units),
    )


def _table_normal(t: BudgetTable) -> BudgetTable:
    header = t.header
    if header is not None:
        header = TableHeader(header.code or None, header.name or None, header.year,
                             header.unit_text or None)
    columns = tuple(attrs.evolve(c, side=c.side or None) for c in t.columns)
    rows = tuple(attrs.evolve(r, code=r.code or None, line=r.line or None, side=r.side or None)
                 for r in t.rows)
    return attrs.evolve(t, title=t.title or None, note=t.note or None,
                        breakdown=t.breakdown or None,
                        unreadable=t.unreadable or None, header=header,
                        columns=columns, rows=rows)
