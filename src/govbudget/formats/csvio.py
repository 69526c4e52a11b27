"""CSV in long form: one line per table cell, every line carrying its full context.

``to_csv`` writes a document (or one disclosure with its units) as a flat table a
spreadsheet can filter and pivot; ``from_csv`` reads it back into exactly the same
tables. What CSV carries is the *table part* of the model; it does **not** carry the
narrative (情况说明), the performance targets (绩效目标), what could not be parsed
(``unparsed``), the source locations (``source``, ``cell_sources``), the document's
``source`` file name and ``pages`` count. ``table_part`` gives a document with exactly
those emptied, so that ``from_csv(to_csv(doc)) == table_part(doc)`` always holds.
This module reads; the writer lives in ``_csvwrite`` and is re-exported here.

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
import json
import operator
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

import attrs

from govbudget import limits
from govbudget.errors import InvalidAmount, LoadError
from govbudget.formats._csvwrite import _BOM, _TEXT, CSV_COLUMNS, table_part, to_csv
from govbudget.formats.bounds import MAX_UNIT_DEPTH, check_model
from govbudget.money import BLANK, DASH, Cell, CellKind, Unit, parse_cell
from govbudget.tables.disclosure import Disclosure, Document, Scope, UnitKind
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Column, Row, TableHeader, UnitBasis, table_type

__all__ = ["CSV_COLUMNS", "from_csv", "read_csv_file", "table_part", "to_csv"]

#: Columns a file must have to be read back (the others default to empty).
REQUIRED_COLUMNS = frozenset({
    "disclosure", "disclosure_name", "scope", "year", "table", "row", "row_name", "column",
    "value", "kind", "disclosure_index", "table_index", "column_index",
})


#: Largest CSV text read (a department's tables take well under 1 MB; this reads in ~3 s).
MAX_CSV_BYTES = 20 * 1024 * 1024
E = TypeVar("E", bound=enum.Enum)


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
_TABLE_META = ("table", "table_title", "unit", "note", "unreadable", "has_header", "header_code",
               "header_name", "header_year", "header_unit", "unit_basis", "breakdown", "remarks")
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
        raise LoadError(f"CSV of {len(text)} characters is over the limit", file=source,
                        expected=f"at most {MAX_CSV_BYTES} characters")
    # a field may be as long as the file (the module's default stops at 128 KiB)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_BYTES))
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
        names = [name for name in CSV_COLUMNS if name in header]
        pick = operator.itemgetter(*(header.index(name) for name in names))
        width = len(header)
        disclosures: dict[int, _DisclosureAcc] = {}
        for values in reader:
            if not any(values):
                continue  # a blank line
            if len(values) < width:
                values += [""] * (width - len(values))
            record = _BLANK_RECORD | dict(zip(names, pick(values), strict=True))
            _read_record(record, reader.line_num, disclosures, source)
    except csv.Error as exc:
        raise LoadError(f"malformed CSV: {exc}", file=source, row=reader.line_num) from exc
    doc = Document(source, _build(disclosures, source))
    check_model(doc, source, root="$")
    return doc


def read_csv_file(path: str | os.PathLike[str]) -> Document:
    """Read a long-form CSV file (UTF-8, with or without a byte-order mark)."""
    return from_csv(limits.read_bounded(path, MAX_CSV_BYTES, "CSV"), source=str(Path(path)))


#: Every column, blank: a line's record starts from it (a column the file lacks reads "").
_BLANK_RECORD = dict.fromkeys(CSV_COLUMNS, "")


def _meta(record: Mapping[str, str], names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(record.__getitem__, names))


def _agree(kept: tuple[tuple[str, ...], int], new: tuple[str, ...], names: tuple[str, ...],
           what: str, line: int, source: str | None) -> None:
    old, first = kept
    if old == new:
        return
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
        raise LoadError("no disclosure_index", file=source, row=line, column="disclosure_index",
                        expected="a whole number ≥ 0")
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
                        file=source, row=line, column="column",
                        expected="one line per row and column")
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
    depth: dict[int, int] = {}
    for i in sorted(accs):  # a parent's index is smaller than its units'
        parent = _int(accs[i].meta[4], "parent_index", accs[i].line, source)
        depth[i] = 0 if parent is None else depth[parent] + 1
        if depth[i] > MAX_UNIT_DEPTH:
            raise LoadError(f"disclosure {i} is nested {depth[i]} units deep", file=source,
                            row=accs[i].line, column="parent_index",
                            expected=f"at most {MAX_UNIT_DEPTH}")

    def make(i: int, units: tuple[Disclosure, ...]) -> Disclosure:
        acc = accs[i]
        code, name, scope, year, _, unit, unit_kind = acc.meta
        return Disclosure(
            scope=_enum(Scope, scope, "scope", acc.line, source),
            code=code or None, name=name,
            year=_required_int(year, "year", acc.line, source),
            unit=_enum(Unit, unit or Unit.WAN.value, "disclosure_unit", acc.line, source),
            tables=tuple(_table(acc.tables[t], source) for t in sorted(acc.tables)),
            units=units,
            unit_kind=_enum(UnitKind, unit_kind, "unit_kind", acc.line, source)
            if unit_kind else None,
        )

    # parents come before their units, so building from the last index back finds every
    # unit built: no recursion, however deep the chain of parents
    built: dict[int, Disclosure] = {}
    for i in sorted(accs, reverse=True):
        built[i] = make(i, tuple(built.pop(u) for u in sorted(children.get(i, ()))))
    return tuple(built[i] for i in sorted(children.get(None, ())))


def _table(acc: _TableAcc, source: str | None) -> BudgetTable:
    (kind_name, title, unit, note, unreadable, has_header, h_code, h_name, h_year, h_unit,
     basis, breakdown, remarks) = acc.meta
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
        title=title or None, header=header, note=note or None, unreadable=unreadable or None,
        unit_basis=_enum(UnitBasis, basis or UnitBasis.STATED.value, "unit_basis", acc.line, source),
        breakdown=breakdown or None, remarks=_remarks(remarks, acc.line, source),
    )


def _remarks(text: str, line: int, source: str | None) -> tuple[str, ...]:
    """The reader's remarks on a table: a JSON list of strings ('' for none)."""
    if not text:
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise LoadError(f"remarks are {text[:40]!r}", file=source, row=line, column="remarks",
                        expected="a JSON list of strings")
    return tuple(value)


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
