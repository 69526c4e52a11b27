"""Read an Excel (.xlsx) disclosure into a :class:`~govbudget.readers.raw.RawDocument`.

One sheet is one page (``page`` = sheet index + 1). A sheet holding a grid (some row
with two or more filled cells) becomes one :class:`RawTable` whose caption rows (the
title ``2026年部门收支总表``, ``编制部门：…``, ``单位：元``) are lifted into ``title`` and
``context``, and whose merged header cells are filled so each column carries its
heading; a sheet of prose (cover, contents, 职能) becomes :class:`RawBlock` s. The
sheet name is the last context line (``sheet：<name>``).

Numbers are rendered exactly: openpyxl gives floats, which are turned into ``Decimal``
through ``str`` (at most 15 significant digits, Excel's precision) and padded to the
decimals of the cell's number format, never rounded away:

>>> render_number(1234.5, "#,##0.00"), render_number(0.1, "0%"), render_number(7, "General")
('1234.50', '10%', '7')
>>> render_number(2.345, "0.00")  # more digits than the format shows: all kept
'2.345'

The workbook is opened with ``read_only=True, data_only=True, keep_links=False``: cached
formula values are read, nothing is evaluated and no external link is followed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from govbudget import limits
from govbudget.errors import LoadError, MissingExtra
from govbudget.readers._textlayout import is_title_line, join_wrapped, split_captions
from govbudget.readers.raw import RawBlock, RawDocument, RawTable

__all__ = ["read_xlsx", "render_number"]

_SHEET_CONTEXT = "sheet："
_DECIMALS = re.compile(r"0\.(0+)")
_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_NUMBER = re.compile(r"-?[0-9][0-9.,]*%?")
_MAX_EXPONENT = 24  # a number past 10**24 (or below 10**-24) is no amount


def render_number(value: float | int | Decimal, number_format: str | None) -> str:
    """A cell's number as text, exact, with the decimals its format shows (at least)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite() or abs(number.adjusted()) > _MAX_EXPONENT:
        return str(value)  # 1e308, inf: shown as it is, not an amount (kept as text)
    if isinstance(value, float) and number != 0 and len(number.as_tuple().digits) > 15:
        number = Decimal(f"{value:.15g}")  # float noise beyond Excel's 15 digits
    fmt = (number_format or "General").split(";")[0]
    percent = "%" in fmt
    if percent:
        number = number * 100
    match = _DECIMALS.search(fmt)
    places = len(match.group(1)) if match else 0
    exponent = number.normalize().as_tuple().exponent
    shown = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if shown <= places:
        number = number.quantize(Decimal(1).scaleb(-places))
    text = f"{number.normalize():f}" if shown > places else f"{number:f}"
    return text + ("%" if percent else "")


def _render(value: Any, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()  # wrapped lines are joined in table cells, kept in prose
    if isinstance(value, (int, float, Decimal)):
        return render_number(value, number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]*)\"")


def _merged_ranges(archive: zipfile.ZipFile, part: str, file: str, sheet: str
                   ) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of each ``<mergeCell>`` (read-only mode
    does not expose them), found by a scan of the part's bytes (bounded by the zip checks),
    at most ``limits.MAX_TABLE_CELLS`` of them."""
    out: list[tuple[int, int, int, int]] = []
    for m in _MERGE.finditer(archive.read(part)):
        if len(out) == limits.MAX_TABLE_CELLS:
            raise LoadError(f"sheet {sheet!r} has more than {limits.MAX_TABLE_CELLS} merged "
                            "ranges", file=file, table=sheet,
                            expected=f"at most {limits.MAX_TABLE_CELLS} merged ranges")
        ends = [_REF.match(p) for p in m.group(1).decode("ascii", "replace").split(":")]
        if len(ends) == 2 and ends[0] and ends[1]:
            a, b = ends[0], ends[1]
            out.append((int(a.group(2)), _column_index(a.group(1)),
                        int(b.group(2)), _column_index(b.group(1))))
    return out


#: the rows of a sheet in the Office Open XML format (Excel's grid: 2^20)
EXCEL_ROWS = 1_048_576


def _cells(ws: Any, name: str, seen: list[int]) -> Iterator[tuple[int, int, str]]:
    """The filled cells of a sheet; ``seen`` counts every cell and row read, across the
    workbook, and the reading stops at ``limits.MAX_WORKBOOK_CELLS`` or
    ``limits.MAX_WORKBOOK_ROWS``."""
    ws.reset_dimensions()  # do not trust the declared dimension: no padding
    # openpyxl yields an empty row for each row number skipped: a row numbered 1e20 would
    # be a loop of 1e20, so the rows are counted too (a million empty ones take 0.04 s)
    for number, row in enumerate(ws.iter_rows(), start=1):
        if number > EXCEL_ROWS:
            raise LoadError(f"sheet {ws.title!r} has a row numbered past {EXCEL_ROWS}, the "
                            "last row a sheet can have", file=name, table=ws.title,
                            expected=f"rows numbered 1 to {EXCEL_ROWS}")
        seen[0] += len(row)
        seen[1] += 1
        if seen[1] > limits.MAX_WORKBOOK_ROWS:
            raise LoadError(f"workbook has more than {limits.MAX_WORKBOOK_ROWS} rows, empty "
                            f"ones counted (sheet {ws.title!r})", file=name, table=ws.title,
                            expected=f"at most {limits.MAX_WORKBOOK_ROWS} rows")
        if seen[0] > limits.MAX_WORKBOOK_CELLS:
            raise LoadError(f"workbook has more than {limits.MAX_WORKBOOK_CELLS} cells (sheet "
                            f"{ws.title!r})", file=name, table=ws.title,
                            expected=f"at most {limits.MAX_WORKBOOK_CELLS} cells")
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None:
                continue
            r, c = cell.row, cell.column
            if r > limits.MAX_SHEET_ROWS or c > limits.MAX_SHEET_COLUMNS:
                raise LoadError(f"sheet {ws.title!r} is too large (cell at row {r}, column {c})",
                                file=name, expected=f"at most {limits.MAX_SHEET_ROWS} rows and "
                                f"{limits.MAX_SHEET_COLUMNS} columns")
            text = _render(value, getattr(cell, "number_format", None))
            if text:
                yield r, c, text


def _sheet_items(
    title: str, page: int, grid: dict[tuple[int, int], str],
    merges: list[tuple[int, int, int, int]], file: str,
) -> list[RawTable | RawBlock]:
    if not grid:
        return []
    ncols = max(c for _, c in grid)
    by_row: dict[int, list[str]] = {}
    for (r, _c), text in grid.items():
        by_row.setdefault(r, []).append(text)
    if all(len(texts) < 2 for texts in by_row.values()):
        blocks: list[RawTable | RawBlock] = []
        for r in sorted(by_row):
            for part in (p.strip() for p in by_row[r][0].split("\n")):
                if part:
                    blocks.append(RawBlock(part, page=page, heading=len(part) <= 30
                                           and not part.endswith("。")))
        return blocks
    # only the rows holding text are kept (an empty row would be dropped below), padded to
    # the sheet's width as the model holds them: counted before the grid is built
    present = sorted(by_row)
    if len(present) * ncols > limits.MAX_TABLE_CELLS:
        raise LoadError(f"sheet {title!r} would be a table of {len(present)} rows of {ncols} "
                        f"columns, more than {limits.MAX_TABLE_CELLS} cells", file=file,
                        table=title, expected=f"at most {limits.MAX_TABLE_CELLS} cells a table")
    index = {r: k for k, r in enumerate(present)}
    spans = [(bisect_left(present, r0), bisect_right(present, r1), c0 - 1, min(c1, ncols))
             for r0, c0, r1, c1 in merges]
    # a reversed range (B2:A1) covers nothing: it must not cancel out an overlapping one
    if sum(max(0, k1 - k0) * max(0, c1 - c0) for k0, k1, c0, c1 in spans) \
            > limits.MAX_TABLE_CELLS:
        raise LoadError(f"the merged ranges of sheet {title!r} cover more than "
                        f"{limits.MAX_TABLE_CELLS} cells (they overlap)", file=file, table=title,
                        expected="merged ranges that do not overlap")
    # None marks a cell covered by a merge, "" a blank cell, as in the PDF reader
    cells: list[list[str | None]] = [["" for _ in range(ncols)] for _ in present]
    for (r, c), text in grid.items():
        cells[index[r]][c - 1] = join_wrapped(text)
    for (r0, c0, _r1, _c1), (k0, k1, j0, j1) in zip(merges, spans, strict=True):
        for k in range(k0, k1):
            for j in range(j0, j1):
                if (present[k], j) != (r0, c0 - 1):
                    cells[k][j] = None
    numbers = [k for k, row in enumerate(cells) if any(c and _NUMBER.fullmatch(c) for c in row)]
    kept = [k for k, row in enumerate(cells) if any(row)]
    captions, body = split_captions([tuple(cells[k]) for k in kept])
    kept = kept[len(kept) - len(body):]
    kept_set = set(kept)
    first_data = numbers[0] if numbers else len(cells)
    # headings repeat over their merged span; in the body a merged span stays blank
    for (r0, c0, _r1, _c1), (k0, k1, j0, j1) in zip(merges, spans, strict=True):
        if r0 not in index or c0 > ncols or index[r0] >= first_data or index[r0] not in kept_set:
            continue
        heading = cells[k0][j0]
        for k in range(k0, min(k1, first_data)):
            for j in range(j0, j1):
                cells[k][j] = heading
    body = [tuple(cells[k]) for k in kept]
    title_text = next((c for c in captions if is_title_line(c)), None)
    if title_text is None and captions:
        title_text = captions[0]
    context = (*(c for c in captions if c != title_text), _SHEET_CONTEXT + title)
    return [RawTable(rows=tuple(tuple(c or "" for c in r) for r in body), title=title_text,
                     context=context, page=page, row_pages=(page,) * len(body))]


def read_xlsx(path: str | os.PathLike[str]) -> RawDocument:
    """Read every sheet of a workbook: one table (or text blocks) per sheet."""
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("xlsx", "openpyxl") from exc
    name, wb = limits.open_office(path, "xlsx", "workbook", lambda name: openpyxl.load_workbook(
        name, read_only=True, data_only=True, keep_links=False))
    items: list[RawTable | RawBlock] = []
    tables = 0
    try:
        with zipfile.ZipFile(name) as archive:
            seen = [0, 0]
            for page, ws in enumerate(wb.worksheets, start=1):
                grid = {(r, c): t for r, c, t in _cells(ws, name, seen)}
                part = getattr(ws, "_worksheet_path", None)
                merges = _merged_ranges(archive, part, name, ws.title) if part else []
                for item in _sheet_items(ws.title, page, grid, merges, name):
                    if isinstance(item, RawTable):
                        item = attrs.evolve(item, index=tables)
                        tables += 1
                    items.append(item)
        count = len(wb.worksheets)
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(f"cannot read the workbook ({type(exc).__name__}: {exc})",
                        file=name) from exc
    finally:
        wb.close()
    return RawDocument(source=name, items=tuple(items), pages=count)


if __name__ == "__main__":
    from govbudget.readers.pdf import main

    raise SystemExit(main(reader=read_xlsx))
