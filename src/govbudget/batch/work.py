"""The work on one file (单个文件的工作): pure functions a batch or a cluster maps over paths.

``check_file(path)`` loads and checks one document and returns plain data (dicts,
lists, strings, numbers): it can be pickled to another process or machine, stored as
JSON, and it depends on nothing but the file and the library. ``extract_file(path)``
returns the document's rows for the dataset (``govbudget.dataset``). Neither raises
for a bad file: a file that cannot be loaded, or whose checking fails, gives a result
whose ``status`` is ``failed`` and whose ``error`` says why.

The status of a result: ``checked``; ``not_checked`` when the document loaded but no
rule could check anything in it (never reported clean); ``failed``.

>>> import govbudget
>>> r = check_document(govbudget.example(), source="seed.txt")
>>> r["status"], r["disclosures"][0]["code"], r["report"]["summary"]["checks"] > 0
('checked', '323', True)
>>> f = check_file("no/such/file.pdf")
>>> f["status"], "no/such/file.pdf" in f["error"]
('failed', True)
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govbudget.batch.cache import file_digest

if TYPE_CHECKING:
    from govbudget.dataset.rows import Rows
    from govbudget.rules.report import Report
    from govbudget.tables.disclosure import Document

__all__ = ["check_document", "check_file", "extract_file", "failed_check", "report_of"]

PathLike = str | os.PathLike[str]


def check_file(path: PathLike, *, select: Iterable[str] | None = None,
               exclude: Iterable[str] | None = None) -> dict[str, Any]:
    """Load and check one document; plain data (see the module docstring)."""
    source = os.fspath(path)
    try:
        document_id = file_digest(source)[:16]
        doc = _load(source)
    except Exception as exc:
        return failed_check(source, _describe(exc))
    try:
        return check_document(doc, source=source, document_id=document_id, select=select,
                              exclude=exclude)
    except Exception as exc:
        return failed_check(source, _describe(exc, internal=True), document_id)


def check_document(doc: Document, *, source: str, document_id: str | None = None,
                   select: Iterable[str] | None = None,
                   exclude: Iterable[str] | None = None) -> dict[str, Any]:
    """Check a loaded document; the result ``check_file`` returns for it."""
    import govbudget

    report = govbudget.check(doc, select=_listed(select), exclude=_listed(exclude))
    status, reason = _status(report)
    return {
        "source": source,
        "document_id": document_id,
        "status": status,
        "error": reason,
        "disclosures": [
            {"scope": d.scope.value, "code": d.code, "name": d.name, "year": d.year,
             "unit": d.unit.value, "tables": [t.title or t.name for t in d.tables]}
            for d in doc.walk()
        ],
        "report": report.to_dict(),
        "text": report.to_text(),
    }


def failed_check(source: str, error: str, document_id: str | None = None) -> dict[str, Any]:
    """The result of a file that could not be loaded or checked."""
    return {"source": source, "document_id": document_id, "status": "failed", "error": error,
            "disclosures": [], "report": None, "text": None}


def extract_file(path: PathLike, *, select: Iterable[str] | None = None,
                 exclude: Iterable[str] | None = None) -> Rows:
    """Load and check one document; its rows for every table of the dataset."""
    import govbudget
    from govbudget.dataset.rows import document_rows, failed_rows
    from govbudget.errors import GovBudgetError

    source = os.fspath(path)
    digest: str | None = None
    try:
        digest = file_digest(source)
        doc = _load(source)
        report = govbudget.check(doc, select=_listed(select), exclude=_listed(exclude))
        status, reason = _status(report)
        return document_rows(doc, document_id=digest[:16], source=source, sha256=digest,
                             report=report, status=status, error=reason)
    except Exception as exc:
        internal = not isinstance(exc, (GovBudgetError, OSError))
        return failed_rows(document_id=digest[:16] if digest else None, source=source,
                           sha256=digest, status="failed",
                           error=_describe(exc, internal=internal))


def _load(source: str) -> Document:
    from govbudget.readers.load import load

    return load(Path(source))


def _listed(names: Iterable[str] | None) -> list[str] | None:
    return None if names is None else list(names)


def _status(report: Report) -> tuple[str, str | None]:
    """``checked``, or ``not_checked`` with the reason when no rule could check anything."""
    summary = report.summary()
    own = getattr(report, "status", None)  # the report's own verdict, where it gives one
    own = getattr(own, "value", own)
    if own in ("not_checked", "unchecked", "nothing_checked") or not summary.get("checks"):
        reason = getattr(report, "reason", None)
        return "not_checked", str(reason) if reason else "no rule could check anything in it"
    return "checked", None


def _describe(exc: BaseException, *, internal: bool = False) -> str:
    from govbudget.errors import GovBudgetError

    if isinstance(exc, GovBudgetError):
        return str(exc)
    if isinstance(exc, OSError) and not internal:
        return f"cannot read {exc.filename or 'the file'}: {exc.strerror or exc}"
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    at = f" at {Path(where[0].filename).name}:{where[0].lineno}" if where else ""
    return f"internal error{at}: {type(exc).__name__}: {exc}"


def report_of(result: dict[str, Any]) -> Report | None:
    """The ``Report`` a ``check_file`` result was made from (``None`` for a failed file).

    Rebuilt from ``report`` (``Report.to_dict()``), for renderers that take the object.
    """
    from govbudget.rules.report import Report

    data = result.get("report")
    return None if data is None else Report.from_dict(data)
