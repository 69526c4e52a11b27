"""Nothing read is silently dropped: every cell of a data row ends up in the model.

For the seed and every sample (PDF and xlsx), each non-empty cell of each data row of
each recognised table's raw grid (``read_raw``) must be found, in the assembled
``Document``, in the row read from that grid row (its name, code, 序号, cells or texts),
in the table's note, or in the disclosure's ``unparsed`` content at that place. The
data rows are the grid rows from the first one a model row was read from; rows above
it (the header) must hold no amount.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import pytest

import govbudget
from conftest import SAMPLES, SHARED_MISSING
from govbudget.readers.assemble import assemble
from govbudget.readers.layout import clean
from govbudget.readers.load import EXAMPLE, read_raw
from govbudget.readers.raw import RawDocument, RawTable
from govbudget.readers.text import read_text
from govbudget.tables import BudgetTable, Disclosure, Document

_SPLIT_NOISE = re.compile(r"[\s\[\]【】()（）:：、.．\-－—_]")
_AMOUNT = re.compile(r"^[+-]?[\d,]+(?:\.\d+)?%?$")
_DECIMAL = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$")


def _placed(table: BudgetTable) -> tuple[dict[tuple[int, int], set[str]], dict[int, set[str]]]:
    """What the model holds from each grid cell (by its cell sources), and from each grid row
    (the row's name, code and 序号)."""
    by_cell: dict[tuple[int, int], set[str]] = {}
    by_row: dict[int, set[str]] = {}
    for row in table.rows:
        for key, loc in row.cell_sources.items():
            if loc.row is None or loc.column is None:
                continue
            got = by_cell.setdefault((loc.row, loc.column), set())
            if key in row.cells:
                got.add(clean(row.cells[key].raw or row.cells[key].text()))
            if key in row.texts:
                got.add(clean(row.texts[key]))
        if row.source is not None and row.source.row is not None:
            values = {clean(row.name), row.code or "",
                      str(row.number) if row.number is not None else ""}
            if row.source.column is not None:  # a line read across (三公 lines as columns)
                values |= {clean(v) for v in row.texts.values()}
            by_row.setdefault(row.source.row, set()).update(v for v in values if v)
    return by_cell, by_row


def _unparsed_texts(d: Disclosure, table_index: int) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for u in d.unparsed:
        loc = u.location
        if loc is not None and loc.table == table_index and loc.row is not None:
            out.setdefault(loc.row, set()).add(clean(u.text))
    return out


def _found(text: str, places: Iterable[str]) -> bool:
    """Whether a label is placed: as is, inside a placed text, or split into placed texts
    (``[206]科学技术支出`` → code ``206`` and name ``科学技术支出``). Amounts must match."""
    places = sorted(places, key=len, reverse=True)
    if text in places:
        return True
    if text.isdigit() and len(text) <= 3:  # a part of a split code (类 | 款 | 项), 2 for 02
        return any(p.isdigit() and len(p) in (3, 5, 7) and text.zfill(2) in p for p in places)
    if _AMOUNT.match(text):
        return False
    if any(text in p for p in places):
        return True
    rest = text
    for p in places:
        if p and p in rest:
            rest = rest.replace(p, "", 1)
    return not _SPLIT_NOISE.sub("", rest)


def unplaced_cells(raw: RawDocument, doc: Document) -> tuple[list[str], int]:
    """The data cells of ``raw`` found nowhere in ``doc`` (described), and how many were checked.

    A grid may be read into several tables (blocks printed side by side): a cell is placed
    when any table read from its grid holds it.
    """
    grids: dict[int | None, RawTable] = {t.index: t for t in raw.tables()}
    missing: list[str] = []
    checked = 0
    seen: dict[int, tuple[str | None, dict[tuple[int, int], set[str]], dict[int, set[str]],
                          dict[int, set[str]], str]] = {}
    for d in doc.walk():
        for table in d.tables:
            assert table.source is not None and table.source.table is not None, table.title
            index = table.source.table
            by_cell, by_row = _placed(table)
            title, cells_, rows_, unparsed, note = seen.setdefault(
                index, (table.title, {}, {}, {}, ""))
            for k, v in by_cell.items():
                cells_.setdefault(k, set()).update(v)
            for k, v in by_row.items():
                rows_.setdefault(k, set()).update(v)
            for k, v in _unparsed_texts(d, index).items():
                unparsed.setdefault(k, set()).update(v)
            seen[index] = (title, cells_, rows_, unparsed, note + clean(table.note or ""))
    for index, (title, by_cell, by_row, unparsed, note) in seen.items():
        grid = grids[index]
        rows = {i for i, _ in by_cell} | set(by_row)
        if not rows:
            data = [c for r in grid.rows for c in r if _DECIMAL.match(clean(c))]
            if data:
                missing.append(f"{title}: no row read, amounts {data[:3]}")
            continue
        start = min(rows)
        for i, cells in enumerate(grid.rows):
            for j, cell in enumerate(cells):
                text = clean(cell)
                if not text or (i < start and not _DECIMAL.match(text)):
                    continue  # a header label
                checked += 1
                if text in by_cell.get((i, j), ()) or _found(text, by_row.get(i, ())) \
                        or text in unparsed.get(i, ()) or (note and text in note):
                    continue
                missing.append(f"{title}: row {i} column {j} {cell!r}")
    return missing, checked


@functools.cache
def _seed() -> tuple[RawDocument, Document]:
    from importlib import resources

    text = resources.files("govbudget.examples").joinpath(EXAMPLE).read_text("utf-8")
    raw = read_text(text, source=EXAMPLE)
    return raw, assemble(raw)


def test_seed_every_data_cell_is_placed() -> None:
    raw, doc = _seed()
    assert doc == govbudget.example()
    missing, checked = unplaced_cells(raw, doc)
    assert not missing, missing[:20]
    assert checked > 1000


_FILES = sorted(p.name for p in (*SAMPLES.glob("*.pdf"), *SAMPLES.glob("*.xlsx"))) \
    if SAMPLES.is_dir() else []


@pytest.mark.skipif(not _FILES, reason=SHARED_MISSING)
@pytest.mark.parametrize("name", _FILES)
def test_sample_every_data_cell_is_placed(name: str) -> None:
    if name.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    else:
        pytest.importorskip("pdfplumber")
    raw = read_raw(SAMPLES / name)
    doc = assemble(raw)
    missing, checked = unplaced_cells(raw, doc)
    assert not missing, missing[:20]
    assert checked > 50


def test_a_dropped_cell_is_caught() -> None:
    """The check itself fails when the model loses a cell."""
    import attrs

    raw, doc = _seed()
    d = doc.disclosures[0]
    table = d.tables[2]
    rows = list(table.rows)
    victim = next(i for i, r in enumerate(rows) if r.code and any(c.is_amount for c in r.cells.values()))
    key = next(k for k, c in rows[victim].cells.items() if c.is_amount)
    cells = {k: c for k, c in rows[victim].cells.items() if k != key}
    rows[victim] = attrs.evolve(rows[victim], cells=cells)
    broken = attrs.evolve(doc, disclosures=(attrs.evolve(d, tables=(
        *d.tables[:2], attrs.evolve(table, rows=tuple(rows)), *d.tables[3:])),))
    missing, _ = unplaced_cells(raw, broken)
    assert missing
