"""What a loader may hand on (模型边界): the values every rule and writer can take.

A loader returns a model or refuses the input; it never returns a model that makes
``govbudget.check`` or a writer fail later. ``check_model`` is the last step of every
loader (text, .docx, .xlsx, .pdf, JSON, CSV): it refuses, naming the place, a row code
that is not a classification code (ASCII digits, at most ``MAX_CODE_CHARS``) and a
whole number (year, 序号, 栏次) of more than ``MAX_INT_DIGITS`` digits — what the CSV
form carries, and units nested deeper than ``MAX_UNIT_DEPTH``. Amounts are bounded where they are parsed (``money.MAX_AMOUNT_DIGITS``).

>>> from govbudget.tables import TableBuilder, TableKind
>>> t = TableBuilder(TableKind.GENERAL_BUDGET).row("208", "社会保障和就业支出", total="1").build()
>>> check_model(t, "t.json")
>>> import attrs
>>> bad = attrs.evolve(t, rows=(attrs.evolve(t.rows[0], code="2O8"),))
>>> check_model(bad, "t.json")
Traceback (most recent call last):
...
govbudget.errors.LoadError: file t.json, table 一般公共预算财政拨款支出表, row 0, at $.data.rows[0].code: row code '2O8' is not a classification code (expected ASCII digits, at most 12)
"""

from __future__ import annotations

from collections.abc import Iterator

from govbudget.errors import LoadError
from govbudget.tables.disclosure import Disclosure, Document
from govbudget.tables.model import BudgetTable, Row

__all__ = ["MAX_CODE_CHARS", "MAX_INT_DIGITS", "MAX_UNIT_DEPTH", "check_model"]

#: The longest row code: classification codes have 3–9 digits; unit codes a few more.
MAX_CODE_CHARS = 12
#: The longest whole number in a model (years, 序号, 栏次): what CSV carries.
MAX_INT_DIGITS = 18
_INT_LIMIT = 10**MAX_INT_DIGITS
#: The deepest nesting of unit disclosures (a department, its units, theirs …).
MAX_UNIT_DEPTH = 8


def check_model(obj: object, source: str | None, root: str = "$.data") -> None:
    """Refuse a model holding a value downstream code cannot take; ``root`` is its path."""
    if isinstance(obj, Document):
        items = _document(obj, root)
    elif isinstance(obj, Disclosure):
        items = _disclosure(obj, root)
    elif isinstance(obj, BudgetTable):
        items = _table(obj, root)
    elif isinstance(obj, Row):
        items = _row(obj, root, None, None)
    else:
        return
    for message, path, table, row, expected in items:
        raise LoadError(message, file=source, table=table, row=row, path=path,
                        expected=expected)


_Problem = tuple[str, str, "str | None", "int | None", str]


def _document(doc: Document, root: str) -> Iterator[_Problem]:
    for k, d in enumerate(doc.disclosures):
        yield from _disclosure(d, f"{root}.disclosures[{k}]")


def _disclosure(top: Disclosure, root: str) -> Iterator[_Problem]:
    stack = [(top, root, 0)]  # units nest: walked by iteration, not recursion
    while stack:
        d, at, depth = stack.pop()
        if depth > MAX_UNIT_DEPTH:
            yield (f"units nested {depth} deep", at, None, None, f"at most {MAX_UNIT_DEPTH}")
            return
        yield from _int(d.year, f"{at}.year", None, None)
        for k, t in enumerate(d.tables):
            yield from _table(t, f"{at}.tables[{k}]")
        stack.extend((u, f"{at}.units[{k}]", depth + 1) for k, u in enumerate(d.units))


def _table(t: BudgetTable, root: str) -> Iterator[_Problem]:
    if t.header is not None and t.header.year is not None:
        yield from _int(t.header.year, f"{root}.header.year", t.name, None)
    for k, c in enumerate(t.columns):
        if c.number is not None:
            yield from _int(c.number, f"{root}.columns[{k}].number", t.name, None)
    for k, r in enumerate(t.rows):
        yield from _row(r, f"{root}.rows[{k}]", t.name, k)


def _row(r: Row, root: str, table: str | None, index: int | None) -> Iterator[_Problem]:
    code = r.code
    if code is not None and not (len(code) <= MAX_CODE_CHARS and code.isascii()
                                 and code.isdigit()):
        shown = code if len(code) <= 20 else code[:20] + "…"
        yield (f"row code {shown!r} is not a classification code", f"{root}.code", table,
               index, f"ASCII digits, at most {MAX_CODE_CHARS}")
    if r.number is not None:
        yield from _int(r.number, f"{root}.number", table, index)


def _int(value: int, path: str, table: str | None, row: int | None) -> Iterator[_Problem]:
    if not -_INT_LIMIT < value < _INT_LIMIT:
        yield ("whole number out of range", path, table, row,
               f"at most {MAX_INT_DIGITS} digits")
