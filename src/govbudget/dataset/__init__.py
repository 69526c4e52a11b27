"""The disclosures as a dataset (数据集): long tables of documents, tables, cells, claims, findings.

``document_rows`` turns a loaded document into plain rows (``govbudget.dataset.rows``);
``DatasetWriter`` streams the rows of many documents to Parquet (pyarrow, the
``dataset`` extra) or CSV files, one per table (``govbudget.dataset.write``); the columns
and their types are declared once in ``govbudget.dataset.schema``. ``govbudget extract``
is the command; ``docs/dataset.md`` shows DuckDB questions on the result.

>>> from govbudget.dataset import TABLES
>>> list(TABLES)
['documents', 'disclosures', 'tables', 'cells', 'claims', 'findings']
>>> import govbudget
>>> rows = document_rows(govbudget.example(), document_id="seed", source="seed.txt", sha256="")
>>> len(rows["documents"]), len(rows["disclosures"])
(1, 2)
"""

from __future__ import annotations

from govbudget.dataset.rows import Rows, document_rows, failed_rows
from govbudget.dataset.schema import TABLES, Field, arrow_schema
from govbudget.dataset.write import DatasetWriter

__all__ = ["TABLES", "DatasetWriter", "Field", "Rows", "arrow_schema", "document_rows",
           "failed_rows"]
