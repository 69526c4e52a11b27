"""Loading an official edition the user holds (用户载入的官方科目表).

The bundled catalogues are a strong reference, not the official text. Whoever holds the
official 《政府收支分类科目》 can load it from a CSV (``code,name``; the level follows from
the length) or an .xlsx (first sheet, first two columns; needs ``govbudget[xlsx]``), either
in place of the bundled edition (``mode="replace"``) or on top of it (``mode="overlay"``).
Its entries carry ``provenance="user"``.

>>> import pathlib, tempfile
>>> from govbudget.codes import load_edition, lookup, unload_edition
>>> path = pathlib.Path(tempfile.mkdtemp()) / "functional.csv"
>>> _ = path.write_text("code,name\\n208,社会保障和就业支出\\n20801,人力资源和社会保障管理事务\\n",
...                     encoding="utf-8")
>>> cat = load_edition(path, scheme="functional", year=2023, mode="overlay")
>>> lookup("20801", year=2023).provenance, lookup("2080101", year=2023).provenance
('user', 'observed')
>>> unload_edition(scheme="functional", year=2023)
True
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Iterator
from typing import Literal

from govbudget import limits
from govbudget.codes.catalogue import Catalogue, Coverage
from govbudget.codes.editions import (
    BUNDLED_EDITIONS,
    catalogue,
    changes,
    register,
    unregister,
)
from govbudget.codes.entries import CodeEntry, Scheme, level_of
from govbudget.codes.parse import parse_code_for
from govbudget.errors import InvalidCode, LoadError, MissingExtra

__all__ = ["load_edition", "unload_edition"]

Mode = Literal["replace", "overlay"]
_HEADERS = {"code", "科目编码", "编码", "科目代码", "代码", "功能分类科目编码"}


def _csv_rows(path: str) -> Iterator[tuple[int, object, object]]:
    raw = limits.read_bounded(path, limits.MAX_TEXT_BYTES, "CSV")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")  # Excel on Chinese Windows saves CSV in GBK
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if any(cell.strip() for cell in row):
            yield n, row[0] if row else "", row[1] if len(row) > 1 else ""


def _xlsx_rows(path: str) -> Iterator[tuple[int, object, object]]:
    try:
        import openpyxl
    except ImportError:
        raise MissingExtra("xlsx", "openpyxl") from None
    _, wb = limits.open_office(
        path, "xlsx", "workbook",
        lambda name: openpyxl.load_workbook(name, read_only=True, data_only=True,
                                            keep_links=False))
    try:
        sheet = wb.worksheets[0]
        for n, row in enumerate(sheet.iter_rows(max_col=2, values_only=True), start=1):
            code = row[0] if row else None
            name = row[1] if len(row) > 1 else None
            if isinstance(code, float) and code.is_integer():
                code = int(code)
            if code is None and name is None:
                continue
            yield n, "" if code is None else code, "" if name is None else str(name)
    finally:
        wb.close()


def _read(path: str, scheme: Scheme) -> dict[str, tuple[str, int]]:
    rows = _xlsx_rows(path) if path.lower().endswith((".xlsx", ".xlsm")) else _csv_rows(path)
    out: dict[str, tuple[str, int]] = {}
    first = True
    for n, code_cell, name_cell in rows:
        try:
            code, _ = parse_code_for(code_cell, scheme)
        except InvalidCode as exc:
            if first and str(code_cell).strip().lower() in _HEADERS:
                first = False
                continue
            raise LoadError(exc.reason, file=path, row=n, column="code",
                            expected=f"a {scheme.value} code") from None
        first = False
        name = " ".join(unicodedata.normalize("NFC", str(name_cell)).split())
        if not name:
            raise LoadError("empty name", file=path, row=n, column="name",
                            expected="the name of the code")
        if code in out:
            raise LoadError(f"code {code} repeats row {out[code][1]}", file=path, row=n,
                            column="code", expected="each code once")
        out[code] = (name, n)
    if not out:
        raise LoadError("no rows", file=path, expected="rows of code,name")
    return out


def load_edition(
    path: str | os.PathLike[str],
    *,
    scheme: Scheme | str,
    year: int,
    mode: Mode = "replace",
) -> Catalogue:
    """Load an edition from a CSV or .xlsx and register it as the edition of ``year``.

    ``replace``: the file is the whole edition. ``overlay``: the file's rows replace or
    extend the bundled edition of ``year``. Every code's parent must be present (in the
    file, or for ``overlay`` in the bundled edition). Raises ``LoadError`` (with the row)
    for a bad file, ``MissingExtra`` for an .xlsx without openpyxl.
    """
    sch = Scheme.coerce(scheme)
    if type(year) is not int:
        raise TypeError(f"year must be an int, found {type(year).__name__}")
    if mode not in ("replace", "overlay"):
        raise ValueError(f"mode must be 'replace' or 'overlay', found {mode!r}")
    where = os.fspath(path)
    rows = _read(where, sch)
    make = sch.entry_type
    entries: dict[str, CodeEntry] = {}
    if mode == "overlay":
        if year not in BUNDLED_EDITIONS:
            raise LoadError(f"no bundled {sch.value} edition {year} to overlay; use "
                            "mode='replace'", file=where)
        unregister(sch, year)
        entries.update((e.code, e) for e in catalogue(sch, year))
    for code, (name, _) in rows.items():
        entries[code] = make(code, name, level_of(code), sch, year, "user")
    for code, (_, n) in rows.items():
        parent = code[:-2] if len(code) > 3 else None
        if parent is not None and parent not in entries:
            raise LoadError(f"code {code} has no parent {parent}", file=where, row=n,
                            column="code")
    entries = {c: entries[c] for c in sorted(entries)}
    reason = (
        "" if mode == "replace"
        else "user rows on top of the bundled edition, which is not the official text"
    )
    coverage = Coverage.of(sch, year, entries.values(), partial=mode == "overlay",
                           partial_reason=reason, source=where)
    cat = Catalogue(sch, year, entries, coverage=coverage, history=changes(sch))
    register(cat)
    return cat


def unload_edition(*, scheme: Scheme | str, year: int) -> bool:
    """Forget a loaded edition (the bundled one, if any, applies again)."""
    return unregister(scheme, year)
