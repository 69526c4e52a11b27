"""Findings as flat records (检查结果明细): one row per finding, for pandas, DuckDB or a spreadsheet.

Every value is a string, an integer (``page``, ``line``) or null: codes and amounts stay
strings (``"2080101"``, ``"58.00"``), so nothing is lost to number parsing. ``terms`` (the
addends of a computed figure) is a JSON array of ``[label, amount]`` pairs, as text;
``places`` (the other places printing the same defect, when the report lists them) a JSON
array of locations, as text.

>>> import govbudget
>>> from govbudget.rules.records import to_records
>>> rows = to_records(govbudget.check(govbudget.example(), select=["N-2"]), document="seed")
>>> {k: rows[0][k] for k in ("document", "rule", "severity", "expected", "actual")}
{'document': 'seed', 'rule': 'N-2', 'severity': 'error', 'expected': '433.88', 'actual': '436.88'}
>>> records_csv(rows).splitlines()[0].split(",")[:5]
['document', 'disclosure', 'table', 'page', 'line']
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from govbudget.rules.core import Finding

if TYPE_CHECKING:
    from govbudget.rules.report import Report

__all__ = ["RECORD_FIELDS", "Record", "finding_record", "records_csv", "records_jsonl",
           "to_records"]

#: the fields of a record, in column order
RECORD_FIELDS = ("document", "disclosure", "table", "page", "line", "row", "code", "column",
                 "rule", "severity", "message", "expected", "actual", "unit", "terms",
                 "evidence", "places")

Record = dict[str, "str | int | None"]

#: a row label starts with its classification code (``Row.label``: ``2080101 行政运行``)
_CODE = re.compile(r"^([0-9]{3}(?:[0-9]{2}){0,3}) ")


def finding_record(f: Finding, document: str | None = None) -> Record:
    """One finding as a flat record; ``code`` is the classification code of its row, if any."""
    loc = f.location
    match = _CODE.match(loc.row or "")
    return {
        "document": document,
        "disclosure": loc.disclosure,
        "table": loc.table,
        "page": loc.page,
        "line": loc.line,
        "row": loc.row,
        "code": match.group(1) if match else None,
        "column": loc.column,
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "expected": f.expected,
        "actual": f.actual,
        "unit": f.unit,
        "terms": json.dumps([list(t) for t in f.terms], ensure_ascii=False) if f.terms else None,
        "evidence": f.evidence,
        "places": _places(f),
    }


def _places(f: Finding) -> str | None:
    others = getattr(f, "places", ())
    if not others:
        return None
    return json.dumps([{k: getattr(p, k) for k in ("disclosure", "table", "row", "column",
                                                     "page", "line")} for p in others],
                      ensure_ascii=False)


def to_records(report: Report, *, document: str | None = None) -> list[Record]:
    """The findings of ``report`` as records, ``document`` naming the file they came from."""
    return [finding_record(f, document) for f in report.findings]


def records_jsonl(records: Iterable[Mapping[str, object]]) -> str:
    """JSON lines: one object per record (DuckDB's ``read_json`` keeps codes as VARCHAR)."""
    return "".join(json.dumps(dict(r), ensure_ascii=False) + "\n" for r in records)


def records_csv(records: Iterable[Mapping[str, object]], *, bom: bool = False) -> str:
    """CSV with a header row (``bom``: a leading U+FEFF, for Excel on Chinese Windows)."""
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=RECORD_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow({k: "" if r.get(k) is None else r.get(k) for k in RECORD_FIELDS})
    return out.getvalue()
