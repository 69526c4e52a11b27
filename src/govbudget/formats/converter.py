"""govbudget's own cattrs converter: every model type to JSON-ready data and back.

Amounts are strings with the digits shown (``"58.00"``), a blank cell is ``""`` and a
dash ``"-"``, so blank, dash and zero stay apart. Tables carry their ``kind``.

>>> from govbudget.formats.converter import make_converter
>>> from govbudget.money import Cell, parse_cell
>>> c = make_converter()
>>> [c.unstructure(parse_cell(t)) for t in ("", "-", "—", "0.00", "1,234.50")]
['', '-', {'value': '-', 'raw': '—'}, '0.00', {'value': '1234.50', 'raw': '1,234.50'}]
>>> c.structure("0.00", Cell) == parse_cell("0.00")
True
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

import attrs
import cattrs
from cattrs.preconf.json import make_converter as make_json_converter

from govbudget.errors import LoadError
from govbudget.money import BLANK, DASH, Cell, CellKind, as_decimal, parse_cell
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, table_type

__all__ = ["converter", "make_converter"]


def _unstructure_cell(cell: Cell) -> Any:
    text = cell.text()
    if cell.raw is not None and cell.raw != text:
        return {"value": text, "raw": cell.raw}
    return text


def _structure_cell(data: Any, _: type) -> Cell:
    raw = None
    if isinstance(data, dict):
        raw = data.get("raw")
        data = data.get("value")
    if not isinstance(data, str):
        raise ValueError(f"a cell is a string ('' blank, '-' dash, digits), not {data!r}")
    if data == "":
        return BLANK
    if data == "-":
        return DASH
    cell = parse_cell(data)
    if cell.kind is not CellKind.AMOUNT:
        raise ValueError(f"not an amount: {data!r}")
    return Cell(CellKind.AMOUNT, cell.value, raw)


def _structure_decimal(data: Any, _: type) -> Decimal:
    if not isinstance(data, str):
        raise ValueError(f"a decimal is written as a string, not {data!r}")
    return as_decimal(data)


def make_converter() -> cattrs.Converter:
    """A new converter configured for govbudget's model types."""
    c = make_json_converter(forbid_extra_keys=True)
    c.register_unstructure_hook(Cell, _unstructure_cell)
    c.register_structure_hook(Cell, _structure_cell)
    c.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    c.register_structure_hook(Decimal, _structure_decimal)

    for kind in TableKind:
        attrs.resolve_types(table_type(kind))

    def unstructure_table(table: BudgetTable) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": table.kind.name}
        data.update(c.unstructure_attrs_asdict(table))
        return data

    def structure_table(data: Any, _: type) -> BudgetTable:
        if not isinstance(data, dict) or "kind" not in data:
            raise ValueError("a table needs its 'kind'")
        body = dict(data)
        kind = TableKind[body.pop("kind")]
        return c.structure_attrs_fromdict(body, table_type(kind))

    # class hooks dispatch on the runtime type, so this serves every table subclass
    c.register_unstructure_hook(BudgetTable, unstructure_table)
    c.register_structure_hook(BudgetTable, structure_table)
    return c


@functools.cache
def converter() -> cattrs.Converter:
    """The shared converter (built once, on first use)."""
    return make_converter()


def structure_error(exc: Exception, source: str | None) -> LoadError:
    """A ``LoadError`` carrying the path inside the data where structuring failed."""
    if isinstance(exc, cattrs.ClassValidationError | cattrs.IterableValidationError):
        notes = cattrs.transform_error(exc)
        return LoadError("; ".join(notes[:5]), file=source, expected="govbudget JSON")
    return LoadError(str(exc), file=source, expected="govbudget JSON")
