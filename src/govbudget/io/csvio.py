"""CSV in long form: one line per table cell, every line carrying its full context.

``to_csv`` writes a document (or one disclosure with its units) as a flat table a
spreadsheet can filter and pivot; ``from_csv`` reads it back into exactly the same
tables. What CSV carries is the *table part* of the model; it does **not** carry the
narrative (情况说明), the performance targets (绩效目标), what could not be parsed
(``unparsed``), the source locations (``source``, ``cell_sources``), the document's
``source`` file name and ``pages`` count. ``table_part`` gives a document with exactly
those emptied, so that ``from_csv(to_csv(doc)) == table_part(doc)`` always holds.

>>> from govbudget.tables import Disclosure, Document, Scope, TableBuilder, TableKind
>>> t = TableBuilder(TableKind.GENERAL_BUDGET).line("total", "合计", total="58.00").build()
>>> doc = Document(None, (Disclosure(Scope.DEPARTMENT, "323", "人社局", 2023, tables=(t,)),))
>>> text = to_csv(doc)
>>> text.splitlines()[1].split(",")[:8]
['323', '人社局', 'department', '2023', 'GENERAL_BUDGET', '', '0', '']
>>> from_csv(text) == table_part(doc)
True
"""

from __future__ import annotations

import csv
import enum
import io
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TextIO, TypeVar

import attrs

from govbudget.errors import InvalidAmount, LoadError
from govbudget.money import BLANK, DASH, Cell, CellKind, Unit, parse_cell
from govbudget.tables.disclosure import Disclosure, Document, Scope, UnitKind
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Column, Row, TableHeader, table_type

__all__ = ["CSV_COLUMNS", "from_csv", "read_csv_file", "table_part", "to_csv"]

#: The columns of the long form, in the order written. The first nineteen say what a
#: reader needs; the rest make the round trip exact (indexes, headers, notes …).
CSV_COLUMNS: tuple[str, ...] = (
    "disclosure", "disclosure_name", "scope", "year",
    "table", "table_title", "row", "row_code", "row_line", "row_side", "row_name",
    "row_number", "column", "column_name", "column_number", "value", "kind", "raw", "unit",
    "parent", "disclosure_index", "parent_index", "disclosure_unit", "unit_kind",
    "table_index", "has_header", "header_code", "header_name", "header_year", "header_unit",
    "note",
    "column_index", "column_side", "column_text",
)
#: Columns a file must have to be read back (the others default to empty).
REQUIRED_COLUMNS = frozenset({
    "disclosure", "disclosure_name", "scope", "year", "table", "row", "row_name", "column",
    "value", "kind", "disclosure_index", "table_index", "column_index",
})
#: Largest CSV text read.
MAX_CSV_BYTES = 200 * 1024 * 1024

_TEXT = "text"
E = TypeVar("E", bound=enum.Enum)
_BOM = "\ufeff"


# --------------------------------------------------------------------------- writing


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
        "has_header": "false" if h is None else "true",
        "header_code": "" if h is None else _s(h.code),
        "header_name": "" if h is None else _s(h.name),
        "header_year": "" if h is None else _s(h.year),
        "header_unit": "" if h is None else _s(h.unit_text),
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


# --------------------------------------------------------------------------- the table part


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
    return attrs.evolve(t, title=t.title or None, note=t.note or None, header=header,
                        columns=columns, rows=rows)


# --------------------------------------------------------------------------- reading


@attrs.define
class _TableAcc:
    meta: tuple[str, ...]
    line: int
    columns: dict[int, tuple[tuple[str, ...], int]] = attrs.Factory(dict)
    rows: dict[int, tuple[tuple[str, ...], int]] = attrs.Factory(dict)
    cells: dict[int, dict[str, Cell]] = attrs.Factory(dict)
    texts: dict[int, dict[str, str]] = attrs.Factory(dict)


@attrs.define
class _DisclosureAcc:
    meta: tuple[str, ...]
    line: int
    tables: dict[int, _TableAcc] = attrs.Factory(dict)


_DISCLOSURE_META = ("disclosure", "disclosure_name", "scope", "year", "parent_index",
                    "disclosure_unit", "unit_kind")
_TABLE_META = ("table", "table_title", "unit", "note", "has_header", "header_code",
               "header_name", "header_year", "header_unit")
_COLUMN_META = ("column", "column_name", "column_number", "column_side", "column_text")
_ROW_META = ("row_code", "row_line", "row_side", "row_name", "row_number")


def from_csv(text: str | bytes, *, source: str | None = None) -> Document:
    """Read long-form CSV written by ``to_csv`` back into a ``Document``.

    The lines may come in any order (indexes place them); extra columns are ignored.
    The result equals ``table_part`` of what was written, with ``source`` as given.
    Raises ``LoadError`` naming the line and column of anything that does not fit.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LoadError(f"not UTF-8: {exc}", file=source, expected="UTF-8 CSV") from exc
    if len(text) > MAX_CSV_BYTES:
        raise LoadError(f"CSV of {len(text)} characters is over the limit", file=source)
    reader = csv.reader(io.StringIO(text.removeprefix(_BOM), newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise LoadError("empty CSV: no header line", file=source,
                            expected="the govbudget long-form columns")
        missing = REQUIRED_COLUMNS - set(header)
        if missing:
            raise LoadError(f"missing column(s) {sorted(missing)}", file=source, row=1,
                            expected="the govbudget long-form columns")
        positions = {name: header.index(name) for name in CSV_COLUMNS if name in header}
        disclosures: dict[int, _DisclosureAcc] = {}
        for values in reader:
            if not any(values):
                continue  # a blank line
            record = {name: values[i] if i < len(values) else ""
                      for name, i in positions.items()}
            _read_record(record, reader.line_num, disclosures, source)
    except csv.Error as exc:
        raise LoadError(f"malformed CSV: {exc}", file=source, row=reader.line_num) from exc
    return Document(source, _build(disclosures, source))


def read_csv_file(path: str | os.PathLike[str]) -> Document:
    """Read a long-form CSV file (UTF-8, with or without a byte-order mark)."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_CSV_BYTES:
            raise LoadError("CSV file over the size limit", file=str(p))
        data = p.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror}", file=str(p)) from exc
    return from_csv(data, source=str(p))


def _meta(record: Mapping[str, str], names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(record.get(n, "") for n in names)


def _agree(kept: tuple[tuple[str, ...], int], new: tuple[str, ...], names: tuple[str, ...],
           what: str, line: int, source: str | None) -> None:
    old, first = kept
    for name, a, b in zip(names, old, new, strict=True):
        if a != b:
            raise LoadError(f"{what}: {name} is {b!r} here but {a!r} on line {first}",
                            file=source, row=line, column=name)


def _index(record: Mapping[str, str], name: str, line: int, source: str | None) -> int | None:
    text = record.get(name, "")
    if text == "":
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise LoadError(f"not an index: {text!r}", file=source, row=line, column=name,
                        expected="a whole number ≥ 0")
    return int(text)


def _read_record(record: Mapping[str, str], line: int, disclosures: dict[int, _DisclosureAcc],
                 source: str | None) -> None:
    d_index = _index(record, "disclosure_index", line, source)
    if d_index is None:
        raise LoadError("no disclosure_index", file=source, row=line, column="disclosure_index")
    meta = _meta(record, _DISCLOSURE_META)
    d = disclosures.get(d_index)
    if d is None:
        d = disclosures[d_index] = _DisclosureAcc(meta, line)
    else:
        _agree((d.meta, d.line), meta, _DISCLOSURE_META, f"disclosure {d_index}", line, source)
    t_index = _index(record, "table_index", line, source)
    if t_index is None:
        return  # a disclosure marker
    meta = _meta(record, _TABLE_META)
    t = d.tables.get(t_index)
    if t is None:
        t = d.tables[t_index] = _TableAcc(meta, line)
    else:
        _agree((t.meta, t.line), meta, _TABLE_META, f"table {t_index}", line, source)
    c_index = _index(record, "column_index", line, source)
    if c_index is not None:
        meta = _meta(record, _COLUMN_META)
        if c_index in t.columns:
            _agree(t.columns[c_index], meta, _COLUMN_META, f"column {c_index}", line, source)
        else:
            t.columns[c_index] = (meta, line)
    r_index = _index(record, "row", line, source)
    if r_index is None:
        return  # a table or column marker
    meta = _meta(record, _ROW_META)
    if r_index in t.rows:
        _agree(t.rows[r_index], meta, _ROW_META, f"row {r_index}", line, source)
    else:
        t.rows[r_index] = (meta, line)
        t.cells[r_index], t.texts[r_index] = {}, {}
    key, kind = record.get("column", ""), record.get("kind", "")
    if kind == "" and key == "":
        return  # a row marker
    store: Mapping[str, object] = t.texts[r_index] if kind == _TEXT else t.cells[r_index]
    if key in store:
        raise LoadError(f"a second {kind or 'cell'} for row {r_index}, column {key!r}",
                        file=source, row=line, column="column")
    if kind == _TEXT:
        t.texts[r_index][key] = record.get("value", "")
    else:
        t.cells[r_index][key] = _cell(record, line, source)


def _cell(record: Mapping[str, str], line: int, source: str | None) -> Cell:
    kind, value, raw = record.get("kind", ""), record.get("value", ""), record.get("raw", "")
    raw_or_none = raw or None
    try:
        cell_kind = CellKind(kind)
    except ValueError:
        raise LoadError(f"unknown cell kind {kind!r}", file=source, row=line, column="kind",
                        expected="blank, dash, amount or text") from None
    if cell_kind is CellKind.AMOUNT:
        try:
            parsed = parse_cell(value)
        except InvalidAmount as exc:
            raise LoadError(str(exc), file=source, row=line, column="value",
                            expected="an amount") from exc
        if not parsed.is_amount or value != parsed.text():
            raise LoadError(f"not an amount in canonical form: {value!r}", file=source,
                            row=line, column="value", expected="digits such as 1234.50")
        return Cell(CellKind.AMOUNT, parsed.value, raw_or_none)
    expected = "" if cell_kind is CellKind.BLANK else "-"
    if value != expected:
        raise LoadError(f"a {kind} cell with value {value!r}", file=source, row=line,
                        column="value", expected=repr(expected))
    if raw_or_none is None:
        return BLANK if cell_kind is CellKind.BLANK else DASH
    return Cell(cell_kind, None, raw_or_none)


def _build(accs: dict[int, _DisclosureAcc], source: str | None) -> tuple[Disclosure, ...]:
    children: dict[int | None, list[int]] = {}
    for i, acc in accs.items():
        parent = _int(acc.meta[4], "parent_index", acc.line, source)
        if parent is not None and (parent not in accs or parent >= i):
            raise LoadError(f"disclosure {i} names parent {parent}, which is not an earlier "
                            "disclosure", file=source, row=acc.line, column="parent_index")
        children.setdefault(parent, []).append(i)

    def make(i: int) -> Disclosure:
        acc = accs[i]
        code, name, scope, year, _, unit, unit_kind = acc.meta
        return Disclosure(
            scope=_enum(Scope, scope, "scope", acc.line, source),
            code=code or None, name=name,
            year=_required_int(year, "year", acc.line, source),
            unit=_enum(Unit, unit or Unit.WAN.value, "disclosure_unit", acc.line, source),
            tables=tuple(_table(acc.tables[t], source) for t in sorted(acc.tables)),
            units=tuple(make(u) for u in sorted(children.get(i, ()))),
            unit_kind=_enum(UnitKind, unit_kind, "unit_kind", acc.line, source)
            if unit_kind else None,
        )

    return tuple(make(i) for i in sorted(children.get(None, ())))


def _table(acc: _TableAcc, source: str | None) -> BudgetTable:
    kind_name, title, unit, note, has_header, h_code, h_name, h_year, h_unit = acc.meta
    if kind_name not in TableKind.__members__:
        raise LoadError(f"unknown table kind {kind_name!r}", file=source, row=acc.line,
                        column="table", expected=", ".join(TableKind.__members__))
    if has_header not in ("true", "false", ""):
        raise LoadError(f"has_header is {has_header!r}", file=source, row=acc.line,
                        column="has_header", expected="true or false")
    header = None
    if has_header == "true" or h_code or h_name or h_year or h_unit:
        header = TableHeader(h_code or None, h_name or None,
                             _int(h_year, "header_year", acc.line, source), h_unit or None)
    columns = []
    for i in sorted(acc.columns):
        (key, name, number, side, text), line = acc.columns[i]
        if text not in ("true", "false"):
            raise LoadError(f"column_text is {text!r}", file=source, row=line,
                            column="column_text", expected="true or false")
        columns.append(Column(key, name, _int(number, "column_number", line, source),
                              side or None, text == "true"))
    rows = []
    for i in sorted(acc.rows):
        (code, line_key, side, name, number), line = acc.rows[i]
        rows.append(Row(name, code or None, line_key or None, side or None, acc.cells[i],
                        acc.texts[i], _int(number, "row_number", line, source)))
    return table_type(TableKind[kind_name])(
        columns=tuple(columns), rows=tuple(rows),
        unit=_enum(Unit, unit or Unit.WAN.value, "unit", acc.line, source),
        title=title or None, header=header, note=note or None,
    )


def _int(text: str, column: str, line: int, source: str | None) -> int | None:
    if text == "":
        return None
    return _required_int(text, column, line, source)


def _required_int(text: str, column: str, line: int, source: str | None) -> int:
    digits = text[1:] if text.startswith("-") else text
    if not digits.isdigit() or len(digits) > 18 or not digits.isascii():
        raise LoadError(f"not a whole number: {text!r}", file=source, row=line, column=column,
                        expected="a whole number")
    return int(text)


def _enum(cls: type[E], value: str, column: str, line: int, source: str | None) -> E:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise LoadError(f"unknown {column} {value!r}", file=source, row=line, column=column,
                        expected=allowed) from None

