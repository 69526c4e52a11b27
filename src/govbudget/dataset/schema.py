"""The columns of the disclosure dataset (数据集字段): one long table per kind of record.

Declared once, as data: each table is a tuple of ``Field`` (name, type, meaning). The
types are a small vocabulary (``string``, ``int32``, ``bool`` and two fixed decimals);
``arrow_schema`` maps them to Arrow types, importing pyarrow only then. Amounts are
``decimal(20,2)`` in 元 (分 exact, up to 10¹⁸ 元); other numbers the narrative states
(percentages, counts) are ``decimal(38,6)``. Codes are strings, always.

>>> [f.name for f in TABLES["cells"]][:6]
['document_id', 'disclosure_index', 'disclosure_code', 'disclosure_name', 'scope', 'year']
>>> field("cells", "amount_yuan").type, field("cells", "row_code").type
('decimal(20,2)', 'string')
>>> fixed(Decimal("58.00") * 10000, AMOUNT), fixed(Decimal("0.001"), AMOUNT)
(Decimal('580000.00'), None)
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

__all__ = ["AMOUNT", "TABLES", "VALUE", "Field", "arrow_schema", "field", "fixed"]

STRING, INT, BOOL = "string", "int32", "bool"
AMOUNT = "decimal(20,2)"  # 元, to the 分
VALUE = "decimal(38,6)"  # a number as the narrative writes it (%, 辆, 万元 …)
_DECIMALS = {AMOUNT: (20, 2), VALUE: (38, 6)}


@attrs.frozen(slots=True)
class Field:
    """A column of the dataset (字段): its name, type and what it holds."""

    name: str
    type: str
    doc: str


def _fields(*items: tuple[str, str, str]) -> tuple[Field, ...]:
    return tuple(Field(*i) for i in items)


_DOC = ("document_id", STRING, "the first 16 hex digits of the file's SHA-256")
_DISCLOSURE = (
    ("disclosure_index", INT, "0, 1 … in the document, a department before its units"),
    ("disclosure_code", STRING, "the department's or unit's code as printed (323, 323001)"),
)
_TABLE = (
    ("table_index", INT, "0, 1 … in the disclosure"),
    ("table_kind", STRING, "the standard table (SUMMARY, GENERAL_BUDGET … OTHER)"),
)
_WHERE = (("page", INT, "the PDF page it was read on (1-based)"),
          ("line", INT, "the text line it was read on (text documents)"))

TABLES: Mapping[str, tuple[Field, ...]] = {
    "documents": _fields(
        _DOC,
        ("source", STRING, "the path as given"),
        ("file", STRING, "the file name"),
        ("sha256", STRING, "the SHA-256 of the file's bytes"),
        ("status", STRING, "checked, not_checked (nothing could be checked) or failed"),
        ("error", STRING, "why it failed or was not checked"),
        ("pages", INT, "pages of a PDF"),
        ("disclosures", INT, "disclosures read"),
        ("tables", INT, "tables read"),
        ("errors", INT, "error findings"),
        ("warnings", INT, "warning findings"),
        ("checks", INT, "checks the rules made"),
        ("library", STRING, "the govbudget version that read it"),
    ),
    "disclosures": _fields(
        _DOC, *_DISCLOSURE,
        ("parent_index", INT, "the department's disclosure_index, for a unit"),
        ("scope", STRING, "department (部门预算) or unit (单位预算)"),
        ("name", STRING, "the department's or unit's name"),
        ("year", INT, "the budget year"),
        ("unit", STRING, "the default unit of amounts as printed (元, 万元, 亿元)"),
        ("unit_kind", STRING, "行政, 参公 or 事业, where printed"),
        ("department_code", STRING, "the code of the department it belongs to"),
        ("department_name", STRING, "the name of the department it belongs to"),
        ("tables", INT, "tables read"),
        ("claims", INT, "claims read from its narrative"),
        _WHERE[0],
    ),
    "tables": _fields(
        _DOC, *_DISCLOSURE,
        *_TABLE,
        ("table_name", STRING, "its standard name (or the printed title of another table)"),
        ("title", STRING, "the title as printed"),
        ("unit", STRING, "the unit of its amounts as printed"),
        ("rows", INT, "rows read"),
        ("amounts", INT, "cells that show an amount"),
        ("unreadable", STRING, "why it could not be read reliably (its cells feed no rule)"),
        ("note", STRING, "the note printed under it (空表 explanations …)"),
        *_WHERE,
    ),
    "cells": _fields(
        _DOC, *_DISCLOSURE,
        ("disclosure_name", STRING, "the department's or unit's name"),
        ("scope", STRING, "department or unit"),
        ("year", INT, "the budget year"),
        *_TABLE,
        ("row_index", INT, "0, 1 … in the table"),
        ("row_code", STRING, "the classification code of the row (2080505), if any"),
        ("row_line", STRING, "the named line (total, subtotal …), if the row is one"),
        ("row_side", STRING, "income or expenditure, in two-sided tables"),
        ("row_name", STRING, "the row's name as printed"),
        ("column_key", STRING, "the column's key (total, basic, project …)"),
        ("column_name", STRING, "the column's name as printed"),
        ("cell_kind", STRING, "amount, blank, dash (不适用) or text"),
        ("amount_yuan", AMOUNT, "the amount, exactly, in 元 (null unless cell_kind is amount)"),
        ("shown", STRING, "the cell as printed, canonical digits in the printed unit"),
        ("unit", STRING, "the unit the amount was printed in"),
        *_WHERE,
    ),
    "claims": _fields(
        _DOC, *_DISCLOSURE,
        ("claim_index", INT, "0, 1 … in the disclosure's narrative"),
        ("section", STRING, "the narrative section (three_public, basic, overview …)"),
        ("section_title", STRING, "the section's heading as printed"),
        ("kind", STRING, "amount, count, change, percent_change, share, completion …"),
        ("label", STRING, "what the claim is about (基本支出, 公务接待费 …)"),
        ("value", VALUE, "the number as written, in its measure (a change: its size)"),
        ("shown", STRING, "the number as written, with its printed decimals"),
        ("measure", STRING, "万元, 元, %, 辆 …"),
        ("amount_yuan", AMOUNT, "value in 元, for an amount or a change of money"),
        ("direction", INT, "+1 rise, -1 fall, 0 unchanged (changes)"),
        ("compared", STRING, "what a change compares with (上年, 2024年)"),
        ("year", INT, "the year the figure is for, where written"),
        ("code", STRING, "the functional code the claim names"),
        ("prior", BOOL, "a figure of an earlier year (执行数, 上年预算)"),
        ("sentence", STRING, "the sentence it was read from"),
        *_WHERE,
    ),
    "findings": _fields(
        _DOC,
        ("disclosure_index", INT, "the disclosure it is about, where its label is unique"),
        ("disclosure", STRING, "the disclosure's label as findings print it"),
        ("rule", STRING, "the rule's id"),
        ("severity", STRING, "error, warning or info"),
        ("message", STRING, "what the rule found"),
        ("table_name", STRING, "the table, as findings print it"),
        ("row_name", STRING, "the row, as findings print it"),
        ("column_name", STRING, "the column, as findings print it"),
        ("expected", STRING, "the value the rule computed"),
        ("actual", STRING, "the value printed"),
        ("unit", STRING, "the unit of expected and actual"),
        ("evidence", STRING, "the text quoted"),
        *_WHERE,
    ),
}


def field(table: str, name: str) -> Field:
    """The field ``name`` of ``table``; ``KeyError`` if there is none."""
    for f in TABLES[table]:
        if f.name == name:
            return f
    raise KeyError(f"{table} has no column {name!r}")


def fixed(value: Decimal | None, kind: str) -> Decimal | None:
    """``value`` at the fixed scale of ``kind``, or ``None`` when it does not fit exactly."""
    if value is None:
        return None
    digits, places = _DECIMALS[kind]
    try:
        q = value.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:  # more digits than the context holds
        return None
    if q != value or len(q.as_tuple().digits) > digits:
        return None
    return q


def arrow_schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of ``table`` (pyarrow is imported here, not before)."""
    from govbudget.dataset.write import require_pyarrow

    pa = require_pyarrow()
    types = {STRING: pa.string(), INT: pa.int32(), BOOL: pa.bool_()}
    types.update({k: pa.decimal128(*v) for k, v in _DECIMALS.items()})
    return pa.schema([pa.field(f.name, types[f.type]) for f in TABLES[table]])
