"""Checking and extracting many documents (批量处理): pure per-file work, a cache, processes.

The per-file work is two pure functions that return plain data: ``check_file(path)``
(load, check, the report as dicts) and ``extract_file(path)`` (the document's rows for
the dataset). ``Batch`` maps one over many paths on this machine (cache first, then
worker processes that may crash or time out without stopping the rest);
Dask, Spark or Ray can map the same functions over a cluster (``docs/performance.md``).
``expand`` turns directories and glob patterns into files; ``BatchSummary`` counts
what a batch did.

>>> from govbudget.batch import check_file, expand
>>> r = check_file("missing.pdf")
>>> r["status"], r["report"]
('failed', None)
>>> expand(["no-such-dir/*.pdf"])
[]
"""

from __future__ import annotations

from govbudget.batch.cache import ResultCache, default_cache_dir, file_digest, fingerprint
from govbudget.batch.files import DOCUMENT_SUFFIXES, expand
from govbudget.batch.runner import CHECK, EXTRACT, Batch, Item, Task
from govbudget.batch.summary import BatchSummary, Progress
from govbudget.batch.work import (
    check_document,
    check_file,
    extract_file,
    failed_check,
    report_of,
)

__all__ = [
    "CHECK",
    "DOCUMENT_SUFFIXES",
    "EXTRACT",
    "Batch",
    "BatchSummary",
    "Item",
    "Progress",
    "ResultCache",
    "Task",
    "check_document",
    "check_file",
    "default_cache_dir",
    "expand",
    "extract_file",
    "failed_check",
    "file_digest",
    "fingerprint",
    "report_of",
]
