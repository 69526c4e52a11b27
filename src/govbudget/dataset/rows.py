"""A document as the rows of the dataset (数据集行): plain dicts, one list per table.

``document_rows`` turns a loaded document (and, when given, its report) into the rows
of every table of ``govbudget.dataset.schema.TABLES``; ``failed_rows`` is the single
``documents`` row of a file that could not be read. Amounts are converted exactly to
元 at the fixed scale of the schema; nothing here imports pyarrow.

>>> import govbudget
>>> doc = govbudget.example()
>>> rows = document_rows(doc, document_id="seed", source="seed.txt", sha256="")
>>> sorted(rows)
['cells', 'claims', 'disclosures', 'documents', 'findings', 'tables']
>>> total = next(r for r in rows["cells"] if r["table_kind"] == "GENERAL_BUDGET"
...              and r["row_line"] == "total" and r["column_key"] == "total")
>>> total["shown"], total["unit"], total["amount_yuan"]
('436.88', '万元', Decimal('4368800.00'))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govbudget.dataset.schema import AMOUNT, TABLES, VALUE, fixed
from govbudget.money import Unit
from govbudget.source import SourceLocation
from govbudget.tables.disclosure import Disclosure, Document
from govbudget.tables.model import BudgetTable

if TYPE_CHECKING:
    from govbudget.rules.report import Report
    from govbudget.tables.narrative import Claim

__all__ = ["Rows", "document_rows", "failed_rows"]

#: table name → its rows (each a dict keyed by the schema's column names)
Rows = dict[str, list[dict[str, Any]]]
_MONEY = {u.value: u for u in Unit}


def empty_rows() -> Rows:
    return {name: [] for name in TABLES}


def failed_rows(*, document_id: str | None, source: str, sha256: str | None, status: str,
                error: str) -> Rows:
    """The rows of a file that could not be read or checked: its ``documents`` row only."""
    import govbudget

    rows = empty_rows()
    rows["documents"].append(_complete("documents", {
        "document_id": document_id, "source": source, "file": Path(source).name,
        "sha256": sha256, "status": status, "error": error, "library": govbudget.__version__,
    }))
    return rows


def document_rows(doc: Document, *, document_id: str, source: str, sha256: str,
                  report: Report | None = None, status: str = "checked",
                  error: str | None = None) -> Rows:
    """Every row of ``doc`` (and of ``report``'s findings) for the dataset's tables."""
    import govbudget

    rows = empty_rows()
    index: dict[int, int] = {}  # id(disclosure) → disclosure_index
    labels = Counter(d.label for d in doc.walk())
    by_label: dict[str, int] = {}
    for i, (d, parent, dept) in enumerate(_walk(doc)):
        index[id(d)] = i
        if labels[d.label] == 1:
            by_label[d.label] = i
        ctx = {"document_id": document_id, "disclosure_index": i, "disclosure_code": d.code}
        claims = _claims(d)
        rows["disclosures"].append(_complete("disclosures", {
            **ctx, "parent_index": None if parent is None else index[id(parent)],
            "scope": d.scope.value, "name": d.name, "year": d.year, "unit": d.unit.value,
            "unit_kind": d.unit_kind.value if d.unit_kind else None,
            "department_code": dept.code, "department_name": dept.name,
            "tables": len(d.tables), "claims": len(claims), "page": _page(d.source),
        }))
        for t_index, table in enumerate(d.tables):
            rows["tables"].append(_table_row(ctx, t_index, table))
            rows["cells"].extend(_cells(ctx, d, t_index, table))
        rows["claims"].extend(_claim_row(ctx, n, c) for n, c in enumerate(claims))
    findings = report.findings if report is not None else ()
    for f in findings:
        loc = f.location
        rows["findings"].append(_complete("findings", {
            "document_id": document_id, "disclosure_index": by_label.get(loc.disclosure or ""),
            "disclosure": loc.disclosure, "rule": f.rule, "severity": f.severity.value,
            "message": f.message, "table_name": loc.table, "row_name": loc.row,
            "column_name": loc.column,
            "expected": f.expected, "actual": f.actual, "unit": f.unit, "evidence": f.evidence,
            "page": loc.page, "line": loc.line,
        }))
    severities = Counter(f.severity.value for f in findings)
    rows["documents"].append(_complete("documents", {
        "document_id": document_id, "source": source, "file": Path(source).name,
        "sha256": sha256, "status": status, "error": error, "pages": doc.pages,
        "disclosures": len(rows["disclosures"]), "tables": len(rows["tables"]),
        "errors": severities["error"], "warnings": severities["warning"],
        "checks": sum(o.checks for o in report.outcomes) if report is not None else None,
        "library": govbudget.__version__,
    }))
    return rows


def _walk(doc: Document) -> Iterator[tuple[Disclosure, Disclosure | None, Disclosure]]:
    def walk(d: Disclosure, parent: Disclosure | None, dept: Disclosure
             ) -> Iterator[tuple[Disclosure, Disclosure | None, Disclosure]]:
        yield d, parent, dept
        for u in d.units:
            yield from walk(u, d, dept)

    for top in doc.disclosures:
        yield from walk(top, None, top)


def _table_row(ctx: dict[str, Any], t_index: int, table: BudgetTable) -> dict[str, Any]:
    return _complete("tables", {
        **ctx, "table_index": t_index, "table_kind": table.kind.name, "table_name": table.name,
        "title": table.title, "unit": table.unit.value, "rows": len(table.rows),
        "amounts": sum(1 for _, _, c in table.cells() if c.is_amount),
        "unreadable": table.unreadable, "note": table.note,
        "page": _page(table.source), "line": _line(table.source),
    })


def _cells(ctx: dict[str, Any], d: Disclosure, t_index: int, table: BudgetTable
           ) -> Iterator[dict[str, Any]]:
    names = {c.key: c.name for c in table.columns}
    unit = table.unit.value
    base = {**ctx, "disclosure_name": d.name, "scope": d.scope.value, "year": d.year,
            "table_index": t_index, "table_kind": table.kind.name, "unit": unit}
    for r_index, row in enumerate(table.rows):
        where = row.source or table.source
        line = {**base, "row_index": r_index, "row_code": row.code, "row_line": row.line,
                "row_side": row.side, "row_name": row.name,
                "page": _page(where), "line": _line(where)}
        for key, cell in row.cells.items():
            amount = None if cell.value is None else fixed(
                table.unit.convert(cell.value, Unit.YUAN), AMOUNT)
            yield {**line, "column_key": key, "column_name": names.get(key),
                   "cell_kind": cell.kind.value, "amount_yuan": amount, "shown": cell.text()}
        for key, text in row.texts.items():
            yield {**line, "column_key": key, "column_name": names.get(key), "cell_kind": "text",
                   "amount_yuan": None, "shown": text}


def _claims(d: Disclosure) -> tuple[Claim, ...]:
    if d.narrative is None:
        return ()
    from govbudget.narrative.claims import extract_claims

    return extract_claims(d.narrative)


def _claim_row(ctx: dict[str, Any], n: int, c: Claim) -> dict[str, Any]:
    return _complete("claims", {
        **ctx, "claim_index": n, "section": c.section.value if c.section else None,
        "section_title": c.title, "kind": c.kind.value, "label": c.label,
        "value": fixed(c.value, VALUE), "measure": c.measure, "amount_yuan": _claim_yuan(c),
        "shown": None if c.value is None else format(c.value, "f"),
        "direction": c.direction, "compared": c.compared, "year": c.year, "code": c.code,
        "prior": c.prior, "sentence": c.sentence, "page": c.page, "line": c.line,
    })


def _claim_yuan(c: Claim) -> Decimal | None:
    """The claim's amount in 元, when it states an amount or a change of money."""
    unit = c.unit if c.unit is not None else _MONEY.get(c.measure or "")
    if c.value is None or unit is None or c.kind.value not in ("amount", "change"):
        return None
    return fixed(unit.convert(c.value, Unit.YUAN), AMOUNT)


def _complete(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row with every column of ``table`` (``None`` where it has no value)."""
    return {f.name: row.get(f.name) for f in TABLES[table]}


def _page(loc: SourceLocation | None) -> int | None:
    return None if loc is None else loc.page


def _line(loc: SourceLocation | None) -> int | None:
    return None if loc is None else loc.line
