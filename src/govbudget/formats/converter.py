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

import enum
import functools
import re
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import cattrs
import cattrs.v
from cattrs.errors import IterableValidationNote
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import make_converter as make_json_converter

from govbudget.errors import InvalidAmount, LoadError
from govbudget.money import BLANK, DASH, Cell, CellKind, parse_cell
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, table_type

__all__ = ["JsonNumber", "converter", "make_converter", "structure_error"]


def _unstructure_cell(cell: Cell) -> Any:
    text = cell.text()
    if cell.raw is not None and cell.raw != text:
        return {"value": text, "raw": cell.raw}
    return text


def _structure_cell(data: Any, _: type) -> Cell:
    raw = None
    if type(data) is dict:
        extra = set(data) - {"value", "raw"}
        if extra or "value" not in data:
            raise ValueError(f"a cell object has 'value' and 'raw', not {sorted(data)}")
        raw = data.get("raw")
        if raw is not None and type(raw) is not str:
            raise ValueError(f"a cell's 'raw' is a string, not {_found(raw)}")
        data = data["value"]
    if type(data) is not str:
        raise ValueError(f"a cell is a string ('' blank, '-' dash, digits), not {_found(data)}")
    if data == "":
        return BLANK if raw is None else Cell(CellKind.BLANK, None, raw)
    if data == "-":
        return DASH if raw is None else Cell(CellKind.DASH, None, raw)
    cell = parse_cell(data)
    if cell.kind is not CellKind.AMOUNT:
        raise ValueError(f"not an amount: {data[:40]!r}")
    return Cell(CellKind.AMOUNT, cell.value, raw if raw is not None else cell.raw)


_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _structure_decimal(data: Any, _: type) -> Decimal:
    """A decimal other than a cell (a performance target's amount, an indicator's number):
    digits as written, of any length a loader may have read (no exponent to expand)."""
    if type(data) is not str or not _DECIMAL.fullmatch(data):
        raise ValueError(f"a decimal is written as a string of digits, not {_found(data)}")
    return Decimal(data)


class JsonNumber:
    """A JSON number kept as its text: a float, or an integer too long for the model.

    The reader never converts them (``1e999999`` would take minutes); a hook that meets
    one refuses it, with the path.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _found(value: Any) -> str:
    """What a JSON value is, for a message: ``a list``, ``the number 1e999…``."""
    if isinstance(value, JsonNumber):
        return f"the number {value.text[:20]}{'…' if len(value.text) > 20 else ''}"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if value is None:
        return "null"
    names = {dict: "an object", list: "a list", str: "a string", int: "a number"}
    name = names.get(type(value), type(value).__name__)
    if isinstance(value, str | int):
        shown = repr(value)
        return f"{name} {shown[:30]}{'…' if len(shown) > 30 else ''}"
    return name


def _strict(expected: type, what: str) -> Any:
    def hook(value: Any, _: type) -> Any:
        if type(value) is not expected:
            raise ValueError(f"expected {what}, found {_found(value)}")
        return value
    return hook


def _iterable_error(errors: list[Exception], tp: Any) -> Exception:
    return cattrs.IterableValidationError(f"While structuring {tp!r}", errors, tp)


def _noted(exc: Exception, note: Any) -> Exception:
    exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]
    return exc


def _sequence_hook(tp: Any, c: cattrs.Converter) -> Any:
    """tuple[X, ...], tuple[X, Y], frozenset[X]: from a JSON list only."""
    args = typing.get_args(tp)
    homogeneous = typing.get_origin(tp) is frozenset or (len(args) == 2 and args[1] is Ellipsis)
    items = [args[0]] if homogeneous else list(args)
    hooks = [c.get_structure_hook(a) for a in items]
    build = frozenset if typing.get_origin(tp) is frozenset else tuple

    def hook(value: Any, _: type) -> Any:
        if type(value) is not list:
            raise ValueError(f"expected a list, found {_found(value)}")
        if not homogeneous and len(value) != len(items):
            raise ValueError(f"expected a list of {len(items)}, found {len(value)} items")
        out, errors = [], []
        for i, v in enumerate(value):
            k = 0 if homogeneous else i
            try:
                out.append(hooks[k](v, items[k]))
            except Exception as exc:
                errors.append(_noted(exc, IterableValidationNote(
                    f"Structuring {tp!r} @ index {i}", i, items[k])))
        if errors:
            raise _iterable_error(errors, tp)
        return build(out)
    return hook


def _mapping_hook(tp: Any, c: cattrs.Converter) -> Any:
    """Mapping[str, X]: from a JSON object only."""
    _key, value_type = typing.get_args(tp)
    value_hook = c.get_structure_hook(value_type)

    def hook(value: Any, _: type) -> Any:
        if type(value) is not dict:
            raise ValueError(f"expected an object, found {_found(value)}")
        out, errors = {}, []
        for k, v in value.items():
            try:
                out[k] = value_hook(v, value_type)
            except Exception as exc:
                errors.append(_noted(exc, IterableValidationNote(
                    f"Structuring mapping value @ key {k!r}", k, value_type)))
        if errors:
            raise _iterable_error(errors, tp)
        return out
    return hook


def _optional_hook(tp: Any, c: cattrs.Converter) -> Any:
    inner = next(a for a in typing.get_args(tp) if a is not type(None))
    inner_hook = c.get_structure_hook(inner)
    return lambda value, _: None if value is None else inner_hook(value, inner)


def _is_optional(tp: Any) -> bool:
    args = typing.get_args(tp)
    return (typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 2
            and type(None) in args)


def _is_sequence(tp: Any) -> bool:
    origin: Any = typing.get_origin(tp)
    return origin is tuple or origin is frozenset


def _is_mapping(tp: Any) -> bool:
    origin: Any = typing.get_origin(tp)
    return origin is Mapping or origin is dict


def _enum_hook(tp: type[enum.Enum], _c: cattrs.Converter) -> Any:
    values = {m.value: m for m in tp}

    def hook(value: Any, _: type) -> Any:
        member = values.get(value) if type(value) is str else None
        if member is None:
            raise ValueError(f"expected one of {', '.join(map(repr, values))}, "
                             f"found {_found(value)}")
        return member
    return hook


def _attrs_hook(tp: type[Any], c: cattrs.Converter) -> Any:
    inner = make_dict_structure_fn(tp, c, _cattrs_forbid_extra_keys=True)

    def hook(value: Any, _: type) -> Any:
        if type(value) is not dict:
            raise ValueError(f"expected an object ({tp.__name__}), found {_found(value)}")
        return inner(value, tp)
    return hook


def make_converter() -> cattrs.Converter:
    """A new converter configured for govbudget's model types.

    Reading is strict: a value of the wrong JSON type is refused, never coerced (no
    ``"5"`` for 5, no string read as a list of its characters), unknown keys are refused
    everywhere, and every error carries its path (see ``structure_error``).
    """
    c = make_json_converter(forbid_extra_keys=True)
    c.register_unstructure_hook(Cell, _unstructure_cell)
    c.register_unstructure_hook(Decimal, lambda d: format(d, "f"))

    for kind in TableKind:
        attrs.resolve_types(table_type(kind))
    c.register_structure_hook_factory(attrs.has, _attrs_hook)
    c.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook)
    c.register_structure_hook_factory(_is_optional, _optional_hook)
    c.register_structure_hook_factory(_is_sequence, _sequence_hook)
    c.register_structure_hook_factory(_is_mapping, _mapping_hook)
    c.register_structure_hook(str, _strict(str, "a string"))
    c.register_structure_hook(int, _strict(int, "a whole number"))
    c.register_structure_hook(bool, _strict(bool, "true or false"))
    c.register_structure_hook(Cell, _structure_cell)
    c.register_structure_hook(Decimal, _structure_decimal)

    def unstructure_table(table: BudgetTable) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": table.kind.name}
        data.update(c.unstructure_attrs_asdict(table))
        return data

    bodies = {kind: make_dict_structure_fn(table_type(kind), c, _cattrs_forbid_extra_keys=True)
              for kind in TableKind}

    def structure_table(data: Any, _: type) -> BudgetTable:
        if type(data) is not dict:
            raise ValueError(f"expected an object (a table), found {_found(data)}")
        name = data.get("kind")
        if type(name) is not str or name not in TableKind.__members__:
            raise ValueError(f"a table's 'kind' is a TableKind name, not {_found(name)}")
        kind = TableKind[name]
        body = {k: v for k, v in data.items() if k != "kind"}
        return bodies[kind](body, table_type(kind))

    # class hooks dispatch on the runtime type, so this serves every table subclass
    c.register_unstructure_hook(BudgetTable, unstructure_table)
    c.register_structure_hook(BudgetTable, structure_table)
    return c


@functools.cache
def converter() -> cattrs.Converter:
    """The shared converter (built once, on first use)."""
    return make_converter()


def _describe(exc: BaseException, tp: Any) -> str:
    if isinstance(exc, ValueError | InvalidAmount) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, tp)


def structure_error(exc: Exception, source: str | None, root: str = "$.data") -> LoadError:
    """A ``LoadError`` carrying the path of the bad value (``$.data.disclosures[0].year``).

    ``root`` is the path of the structured value in the file: the envelope's ``data``.
    """
    if isinstance(exc, cattrs.ClassValidationError | cattrs.IterableValidationError):
        notes = cattrs.transform_error(exc, path=root, format_exception=_describe)
    else:
        notes = [f"{_describe(exc, None)} @ {root}"]
    message, _, path = notes[0].rpartition(" @ ")
    more = f" (and {len(notes) - 1} more)" if len(notes) > 1 else ""
    return LoadError(f"{message}{more}", file=source, path=path, expected="govbudget JSON")
