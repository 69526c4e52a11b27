"""The JSON Schema (draft 2020-12) of the JSON that ``govbudget.to_json`` writes.

The schema is generated from the model: every attrs class reachable from the
envelope's types becomes a ``$defs`` entry whose properties are its fields, so a
field added to the model shows up here without editing this module. Hand-written
pieces cover what the converter writes specially: a cell is a string (``''`` blank,
``'-'`` dash, digits) or ``{"value", "raw"}``; a decimal is a string of digits; a
table carries its ``kind``; performance targets are permissive objects for now.

>>> import json, jsonschema, govbudget
>>> from govbudget.formats.schema import json_schema
>>> schema = json_schema()
>>> schema["$defs"]["Cell"]["anyOf"][0]["type"], sorted(schema["properties"])
('string', ['data', 'format', 'type', 'version'])
>>> table = govbudget.TableBuilder(govbudget.TableKind.PROCUREMENT).line("total", "合计",
...     total="1.50").build()
>>> jsonschema.validate(json.loads(govbudget.to_json(table)), schema)
"""

from __future__ import annotations

import copy
import enum
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from govbudget.formats.jsonio import _TYPES, FORMAT_VERSION
from govbudget.money import Cell
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable
from govbudget.tables.performance import PerformanceTarget

__all__ = ["AMOUNT_PATTERN", "CELL_PATTERN", "SCHEMA_ID", "json_schema"]

SCHEMA_ID = f"urn:govbudget:json:{FORMAT_VERSION}"
#: An amount as written: optional minus, digits, optional fraction (``-3.50``, ``580000``).
AMOUNT_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
#: A cell as written: ``''`` blank, ``'-'`` dash, or an amount.
CELL_PATTERN = r"^(-|-?[0-9]+(\.[0-9]+)?)?$"

_HAND_WRITTEN: dict[type[Any], dict[str, Any]] = {
    Cell: {
        "description": "A table cell: '' blank, '-' dash, the digits of an amount as shown "
                       "('58.00' and '58' differ); an object keeps the text as read.",
        "anyOf": [
            {"type": "string", "pattern": CELL_PATTERN},
            {"type": "object", "required": ["value"], "additionalProperties": False,
             "properties": {"value": {"type": "string", "pattern": CELL_PATTERN},
                            "raw": {"type": ["string", "null"]}}},
        ],
    },
    Decimal: {"description": "An exact decimal, written as a string.", "type": "string",
              "pattern": AMOUNT_PATTERN},
    PerformanceTarget: {
        "description": "A performance target (绩效目标) with its indicators; not yet "
                       "described field by field.",
        "type": "object",
    },
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of govbudget JSON: the envelope and every object it may hold.

    A new dictionary on every call (safe to modify).
    """
    gen = _Generator()
    refs = {name: gen.schema_of(cls) for name, cls in _TYPES.items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "govbudget JSON",
        "description": "A govbudget model object (Document, Disclosure, table …) with its "
                       "format, version and type. Amounts are strings of digits.",
        "type": "object",
        "required": ["format", "version", "type", "data"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": "govbudget"},
            "version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "type": {"enum": list(_TYPES)},
            "data": {},
        },
        "allOf": [
            {"if": {"properties": {"type": {"const": name}}, "required": ["type"]},
             "then": {"properties": {"data": ref}}}
            for name, ref in refs.items()
        ],
        "$defs": dict(sorted(gen.defs.items())),
    }


class _Generator:
    """Walks attrs classes and type hints, collecting ``$defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, type[Any]] = {}

    def ref(self, cls: type[Any], build: typing.Callable[[], dict[str, Any]]) -> dict[str, Any]:
        name = cls.__name__
        owner = self.owners.get(name)
        if owner is None:
            self.owners[name] = cls
            self.defs[name] = {}  # reserve first: the model is recursive (Disclosure.units)
            self.defs[name] = build()
        elif owner is not cls:
            raise TypeError(f"two model types are named {name}: {owner!r} and {cls!r}")
        return {"$ref": f"#/$defs/{name}"}

    def schema_of(self, tp: Any) -> dict[str, Any]:
        if tp is Any:
            return {}
        if tp is type(None):
            return {"type": "null"}
        if isinstance(tp, type):
            return self._class(tp)
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            options = [self.schema_of(a) for a in args]
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if isinstance(origin, type):
            if issubclass(origin, tuple):
                if len(args) == 2 and args[1] is Ellipsis:
                    return {"type": "array", "items": self.schema_of(args[0])}
                return {"type": "array", "prefixItems": [self.schema_of(a) for a in args],
                        "items": False, "minItems": len(args), "maxItems": len(args)}
            if issubclass(origin, Mapping):
                key, value = args
                if key is not str:
                    raise TypeError(f"JSON object keys are strings, not {key!r}")
                return {"type": "object", "additionalProperties": self.schema_of(value)}
            if issubclass(origin, list | set | frozenset):
                schema = {"type": "array", "items": self.schema_of(args[0])}
                return schema if issubclass(origin, list) else {**schema, "uniqueItems": True}
        raise TypeError(f"no JSON Schema for the type {tp!r}")

    def _class(self, cls: type[Any]) -> dict[str, Any]:
        hand_written = _HAND_WRITTEN.get(cls)
        if hand_written is not None:
            return self.ref(cls, lambda: copy.deepcopy(hand_written))
        if cls is bool:
            return {"type": "boolean"}
        if cls is int:
            return {"type": "integer"}
        if cls is str:
            return {"type": "string"}
        if issubclass(cls, enum.Enum):
            return self.ref(cls, lambda: {"description": _summary(cls),
                                          "enum": [m.value for m in cls]})
        if issubclass(cls, BudgetTable):
            return self.ref(BudgetTable, self._table)
        if attrs.has(cls):
            return self.ref(cls, lambda: self._attrs(cls))
        raise TypeError(f"no JSON Schema for the type {cls!r}")

    def _attrs(self, cls: type[Any]) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            properties[field.name] = self.schema_of(hints[field.name])
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema: dict[str, Any] = {"description": _summary(cls), "type": "object",
                                  "properties": properties, "additionalProperties": False}
        if required:
            schema["required"] = required
        return schema

    def _table(self) -> dict[str, Any]:
        schema = self._attrs(BudgetTable)
        kind = {"description": "The standard table (TableKind name); OTHER for any other.",
                "enum": [k.name for k in TableKind]}
        schema["properties"] = {"kind": kind, **schema["properties"]}
        schema["required"] = ["kind", *schema.get("required", ())]
        schema["description"] = ("A budget table of one standard kind (or OTHER), cells by "
                                 "column key.")
        return schema


def _summary(cls: type[Any]) -> str:
    doc = cls.__doc__ or cls.__name__
    return doc.strip().split("\n", 1)[0]
