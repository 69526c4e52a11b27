"""The disclosures as a dataset: ``govbudget extract`` then DuckDB gives the library's totals;
amounts stay exact, codes stay strings, pyarrow is needed only for Parquet."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govbudget
from conftest import SAMPLES, SEED, skip_without_shared
from govbudget.batch import extract_file
from govbudget.cli import main
from govbudget.dataset import TABLES, DatasetWriter, document_rows
from govbudget.dataset.schema import AMOUNT, VALUE, fixed
from govbudget.errors import MissingExtra
from govbudget.money import Unit

#: a seed-sized text document, a Guangzhou-template PDF and a Shanghai-template PDF (元)
DOCUMENTS = ("guangzhou-meteorology-2026-dept-budget.pdf", "wanli-2025-dept-budget.pdf")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """The documents extracted once, to Parquet and to CSV."""
    for name in DOCUMENTS:
        skip_without_shared(SAMPLES / name)
    pytest.importorskip("pyarrow", reason="the dataset extra (pyarrow) is not installed")
    root = tmp_path_factory.mktemp("extract")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(SEED, docs / "seed.txt")
    for name in DOCUMENTS:
        shutil.copy(SAMPLES / name, docs / name)
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4\n%%EOF")
    for to in ("parquet", "csv"):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            status = main(["extract", str(docs), "-o", str(root / to), "--to", to,
                           "--jobs", "2", "--no-cache"])
        assert status == 2, out.getvalue()  # broken.pdf could not be read; the rest is written
    return root, sorted(p for p in docs.iterdir() if p.name != "broken.pdf")


def _library_sums(paths: list[Path]) -> dict[tuple[str, int, int, str], Decimal]:
    """Σ of every amount cell in 元 per (file, disclosure, table, column), from the model."""
    sums: dict[tuple[str, int, int, str], Decimal] = defaultdict(Decimal)
    for path in paths:
        doc = govbudget.load(path)
        for i, d in enumerate(doc.walk()):
            for j, t in enumerate(d.tables):
                for _, key, cell in t.cells():
                    if cell.value is not None:
                        sums[path.name, i, j, key] += t.unit.convert(cell.value, Unit.YUAN)
    return dict(sums)


_SUMS = """
    SELECT d.file, c.disclosure_index, c.table_index, c.column_key, sum(c.amount_yuan)
    FROM {cells} c JOIN {documents} d USING (document_id)
    WHERE c.cell_kind = 'amount' GROUP BY ALL
"""


def test_duckdb_totals_are_the_librarys(extracted: tuple[Path, list[Path]]) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb (a dev dependency) is not installed")
    root, paths = extracted
    expected = _library_sums(paths)
    assert len({k[0] for k in expected}) == 3 and len(expected) > 100
    con = duckdb.connect()
    pq = {t: f"read_parquet('{root / 'parquet' / t}.parquet')" for t in TABLES}
    got = {tuple(r[:4]): r[4] for r in con.sql(_SUMS.format(**pq)).fetchall()}
    assert got == expected
    types = {r[0]: r[1] for r in con.sql(f"DESCRIBE SELECT * FROM {pq['cells']}").fetchall()}
    assert types["amount_yuan"] == "DECIMAL(20,2)" and types["row_code"] == "VARCHAR"
    # the CSV files, read with the schema's types, say the same
    csv = {t: _read_csv(root / "csv" / f"{t}.csv", t) for t in TABLES}
    assert {tuple(r[:4]): r[4] for r in con.sql(_SUMS.format(**csv)).fetchall()} == expected
    # the broken file is a documents row that says why, and nothing else
    (status, error), = con.sql(
        f"SELECT status, error FROM {pq['documents']} WHERE file = 'broken.pdf'").fetchall()
    assert status == "failed" and "broken.pdf" in error


def _read_csv(path: Path, table: str) -> str:
    sql = {"string": "VARCHAR", "int32": "INTEGER", "bool": "BOOLEAN",
           AMOUNT: "DECIMAL(20,2)", VALUE: "DECIMAL(38,6)"}
    columns = ", ".join(f"'{f.name}': '{sql[f.type]}'" for f in TABLES[table])
    return f"read_csv('{path}', header=true, columns={{{columns}}})"


def test_codes_stay_strings_and_three_public_total_is_exact(
        extracted: tuple[Path, list[Path]]) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    root, _ = extracted
    cells = pq.read_table(root / "parquet" / "cells.parquet").to_pylist()
    codes = [c["row_code"] for c in cells if c["row_code"]]
    assert codes and all(isinstance(c, str) and c.isdigit() for c in codes)
    assert any(c.startswith("2") and len(c) == 7 for c in codes)
    doc = govbudget.example()
    table = doc.disclosures[0].table(govbudget.TableKind.THREE_PUBLIC)
    assert table is not None
    line = table.line("total")
    assert line is not None and line.cell("total").value is not None
    (seed_total,) = [c["amount_yuan"] for c in cells
                     if c["table_kind"] == "THREE_PUBLIC" and c["row_line"] == "total"
                     and c["column_key"] == "total" and c["disclosure_index"] == 0
                     and c["disclosure_code"] == doc.disclosures[0].code]
    assert seed_total == table.unit.convert(line.cell("total").value, Unit.YUAN)


def test_rows_have_exactly_the_schemas_columns() -> None:
    rows = extract_file(SEED)
    assert set(rows) == set(TABLES)
    for table, items in rows.items():
        assert items, table
        names = [f.name for f in TABLES[table]]
        for r in items:
            assert sorted(r) == sorted(names), table
    (doc,) = rows["documents"]
    assert doc["status"] == "checked" and doc["disclosures"] == 2
    assert len(rows["findings"]) == len(govbudget.check(govbudget.example()).findings)
    assert extract_file(SEED) == rows  # pure: the same file gives the same rows


def test_failed_file_gives_one_documents_row(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    rows = extract_file(bad)
    assert [len(rows[t]) for t in TABLES] == [1, 0, 0, 0, 0, 0]
    assert rows["documents"][0]["status"] == "failed" and "bad.xlsx" in rows["documents"][0]["error"]


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2,
                   min_value=Decimal("-1e17"), max_value=Decimal("1e17")))
def test_fixed_amounts_are_exact(value: Decimal) -> None:
    assert fixed(value, AMOUNT) == value
    finer = value + Decimal("0.001")
    assert fixed(finer, AMOUNT) is None  # never rounded


def test_an_amount_too_fine_for_the_scale_is_null_but_shown(tmp_path: Path) -> None:
    from govbudget.tables import Disclosure, Document, Scope, TableBuilder, TableKind

    t = (TableBuilder(TableKind.GENERAL_BUDGET, unit=Unit.YUAN)
         .line("total", "合计", total="1.005", basic="1.00").build())
    doc = Document(None, (Disclosure(Scope.DEPARTMENT, "1", "某局", 2026, tables=(t,)),))
    cells = {c["column_key"]: c for c in document_rows(doc, document_id="x", source="x",
                                                        sha256="")["cells"]}
    assert cells["total"]["amount_yuan"] is None and cells["total"]["shown"] == "1.005"
    assert cells["basic"]["amount_yuan"] == Decimal("1.00")


def test_parquet_needs_the_extra_csv_does_not(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtra) as err:
        DatasetWriter(tmp_path / "pq", to="parquet")
    assert "pip install 'govbudget[dataset]'" in str(err.value)
    with DatasetWriter(tmp_path / "csv", to="csv") as w:
        w.add(extract_file(SEED))
    assert (tmp_path / "csv" / "cells.csv").stat().st_size > 0
    assert not list((tmp_path / "csv").glob(".*partial"))


def test_nothing_imports_pyarrow_until_parquet_is_written() -> None:
    code = ("import sys, govbudget.batch, govbudget.dataset, govbudget.cli.extract;"
            "from govbudget.cli import build_parser; build_parser();"
            "print('pyarrow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "False"


def test_an_interrupted_write_keeps_the_previous_files(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path, to="csv") as w:
        w.add(extract_file(SEED))
    before = (tmp_path / "cells.csv").read_text(encoding="utf-8")

    def boom(rows: Any) -> None:
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError), DatasetWriter(tmp_path, to="csv") as w:
        w.add({"documents": [], "cells": []})
        boom(None)
    assert (tmp_path / "cells.csv").read_text(encoding="utf-8") == before
    assert not list(tmp_path.glob(".*partial"))


def test_the_docs_list_every_column_with_its_type() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "dataset.md").read_text("utf-8")
    listed: dict[str, list[tuple[str, str]]] = {}
    table = None
    for line in docs.splitlines():
        if line.startswith("**") and line.endswith("**") and line.strip("*") in TABLES:
            table = line.strip("*")
            listed[table] = []
        elif table and line.startswith("| `"):
            name, type_ = (c.strip() for c in line.strip("|").split("|")[:2])
            listed[table].append((name.strip("`"), type_))
    assert listed == {t: [(f.name, f.type) for f in fs] for t, fs in TABLES.items()}
