"""Writing the dataset (数据集写出): one Parquet or CSV file per table, streamed.

``DatasetWriter(directory, to="parquet")`` takes the rows of one document at a time
(``add``) and writes ``documents``, ``disclosures``, ``tables``, ``cells``, ``claims``
and ``findings`` files in ``directory``, holding at most ``batch_rows`` rows of a table
in memory. Files are written under a temporary name and put in place by ``close``, so
an interrupted run leaves the previous files, never half of one. Parquet needs pyarrow
(``pip install 'govbudget[dataset]'``), imported only then; CSV needs nothing: decimals
are written at their fixed scale (``580000.00``), booleans as ``true``/``false``, a
missing value as an empty field, and codes as they are (read them as text).

>>> import csv, pathlib, tempfile
>>> from govbudget.dataset.rows import failed_rows
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with DatasetWriter(out, to="csv") as w:
...     w.add(failed_rows(document_id="ab12", source="x/bad.pdf", sha256=None,
...                       status="failed", error="cannot open the PDF"))
>>> sorted(p.name for p in out.iterdir())[:3]
['cells.csv', 'claims.csv', 'disclosures.csv']
>>> row = next(csv.DictReader((out / "documents.csv").open(encoding="utf-8")))
>>> row["file"], row["status"], row["pages"]
('bad.pdf', 'failed', '')
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from govbudget.dataset.schema import TABLES
from govbudget.errors import MissingExtra

__all__ = ["FORMATS", "DatasetWriter", "require_pyarrow"]

FORMATS = ("parquet", "csv")


def require_pyarrow() -> Any:
    """The ``pyarrow`` module, or ``MissingExtra`` naming the extra to install."""
    try:
        import pyarrow
        import pyarrow.parquet  # the writer's module, an attribute of pyarrow from now on
    except ImportError as exc:
        raise MissingExtra("dataset", "pyarrow") from exc
    return pyarrow


class DatasetWriter:
    """Streams rows to one file per table of the dataset, Parquet or CSV."""

    def __init__(self, directory: str | os.PathLike[str], *, to: str = "parquet",
                 batch_rows: int = 50_000) -> None:
        if to not in FORMATS:
            raise ValueError(f"unknown dataset format {to!r}; expected one of {FORMATS}")
        self.directory = Path(directory)
        self.format = to
        self.batch_rows = batch_rows
        self.counts = dict.fromkeys(TABLES, 0)
        self._pa = require_pyarrow() if to == "parquet" else None
        self.directory.mkdir(parents=True, exist_ok=True)
        self._pending: dict[str, list[Mapping[str, Any]]] = {t: [] for t in TABLES}
        self._sinks: dict[str, Any] = {}
        self._closed = False

    def final_path(self, table: str) -> Path:
        return self.directory / f"{table}.{self.format}"

    def _partial(self, table: str) -> Path:
        return self.directory / f".{table}.{self.format}.partial"

    def add(self, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        """Add one document's rows (``govbudget.dataset.rows``), writing full batches out."""
        for table, items in rows.items():
            pending = self._pending[table]
            pending.extend(items)
            self.counts[table] += len(items)
            if len(pending) >= self.batch_rows:
                self._flush(table)

    def close(self) -> None:
        """Write what is pending and put every file in place."""
        if self._closed:
            return
        for table in TABLES:
            self._flush(table, final=True)
            self._sinks.pop(table).close()
            os.replace(self._partial(table), self.final_path(table))
        self._closed = True

    def abort(self) -> None:
        """Drop the partial files; the previous files, if any, stay."""
        for table, sink in self._sinks.items():
            sink.close()
            self._partial(table).unlink(missing_ok=True)
        self._sinks.clear()
        self._closed = True

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def _flush(self, table: str, final: bool = False) -> None:
        pending = self._pending[table]
        if not pending and not final:
            return
        sink = self._sinks.get(table) or self._open(table)
        if pending:
            sink.write(pending)
        self._pending[table] = []

    def _open(self, table: str) -> Any:
        path = self._partial(table)
        if self._pa is not None:
            sink: Any = _ParquetSink(self._pa, path, table)
        else:
            sink = _CsvSink(path, table)
        self._sinks[table] = sink
        return sink


class _ParquetSink:
    def __init__(self, pa: Any, path: Path, table: str) -> None:
        from govbudget.dataset.schema import arrow_schema

        self._pa = pa
        self._schema = arrow_schema(table)
        self._writer = pa.parquet.ParquetWriter(path, self._schema, compression="zstd")

    def write(self, rows: list[Mapping[str, Any]]) -> None:
        self._writer.write_table(self._pa.Table.from_pylist(rows, schema=self._schema))

    def close(self) -> None:
        self._writer.close()


class _CsvSink:
    def __init__(self, path: Path, table: str) -> None:
        self._names = [f.name for f in TABLES[table]]
        self._file: TextIO = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow(self._names)

    def write(self, rows: list[Mapping[str, Any]]) -> None:
        self._writer.writerows([_text(r.get(n)) for n in self._names] for r in rows)

    def close(self) -> None:
        self._file.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
