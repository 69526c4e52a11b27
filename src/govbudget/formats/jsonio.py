"""Lossless JSON: ``to_json`` / ``from_json`` for every model object, with a format version.

>>> import govbudget
>>> doc = govbudget.example()
>>> govbudget.from_json(govbudget.to_json(doc)) == doc
True
>>> import json; json.loads(govbudget.to_json(doc))["format"]
'govbudget'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from govbudget import limits
from govbudget.errors import LoadError
from govbudget.formats.bounds import MAX_INT_DIGITS, check_model
from govbudget.formats.converter import JsonNumber, _found, converter, structure_error
from govbudget.money import Cell
from govbudget.tables.disclosure import Disclosure, Document
from govbudget.tables.model import BudgetTable, Row
from govbudget.tables.narrative import Narrative

__all__ = ["FORMAT_VERSION", "from_json", "read_json_file", "to_data", "to_json"]

#: Version of the JSON format; readers refuse a newer major version.
FORMAT_VERSION = 1
#: Largest JSON text read, and deepest nesting accepted.
MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
_ENVELOPE = frozenset({"format", "version", "type", "data"})

_TYPES: dict[str, type[Any]] = {
    "Document": Document,
    "Disclosure": Disclosure,
    "BudgetTable": BudgetTable,
    "Row": Row,
    "Cell": Cell,
    "Narrative": Narrative,
}


def _type_name(obj: object) -> str:
    for name, cls in _TYPES.items():
        if isinstance(obj, cls):
            return name
    raise TypeError(f"cannot write {type(obj).__name__} as govbudget JSON")


def to_data(obj: object) -> dict[str, Any]:
    """The JSON-ready envelope of a model object: format, version, type, data."""
    name = _type_name(obj)
    return {"format": "govbudget", "version": FORMAT_VERSION, "type": name,
            "data": converter().unstructure(obj, _TYPES[name])}


def to_json(obj: object, *, indent: int | None = None) -> str:
    """Write a model object (Document, Disclosure, table, row, cell, narrative) as JSON."""
    return json.dumps(to_data(obj), ensure_ascii=False, indent=indent)


def _depth(value: Any, limit: int, source: str | None) -> None:
    stack = [(value, 1)] if type(value) in (dict, list) else []
    while stack:  # containers only: a document's scalars are most of its values
        item, depth = stack.pop()
        if depth > limit:
            raise LoadError(f"JSON nested deeper than {limit} levels", file=source,
                            expected="govbudget JSON")
        values = item.values() if type(item) is dict else item
        stack.extend((v, depth + 1) for v in values if type(v) in (dict, list))


def from_json(text: str | bytes, *, source: str | None = None) -> Any:
    """Read govbudget JSON back into the model object it was written from."""
    if len(text) > MAX_JSON_BYTES:
        raise LoadError(f"JSON of {len(text)} bytes is over the limit", file=source,
                        expected=f"at most {MAX_JSON_BYTES} bytes")
    try:
        data = json.loads(text, parse_float=JsonNumber, parse_int=_bounded_int,
                          parse_constant=_no_constant)
    except RecursionError as exc:
        raise LoadError("JSON nested too deeply", file=source, expected="govbudget JSON") from exc
    except ValueError as exc:
        raise LoadError(f"not JSON: {exc}", file=source, expected="govbudget JSON") from exc
    _depth(data, MAX_DEPTH, source)
    if type(data) is not dict or data.get("format") != "govbudget":
        raise LoadError("not govbudget JSON (no 'format': 'govbudget')", file=source)
    extra = sorted(set(data) - _ENVELOPE)
    if extra:
        raise LoadError(f"unknown key(s) {extra} in the envelope", file=source, path="$",
                        expected=", ".join(sorted(_ENVELOPE)))
    version = data.get("version")
    if type(version) is not int or not 1 <= version <= FORMAT_VERSION:
        raise LoadError(f"JSON format version {_found(version)} is not supported (this reads "
                        f"1 to {FORMAT_VERSION})", file=source, path="$.version")
    name = data.get("type")
    cls = _TYPES.get(name) if type(name) is str else None
    if cls is None:
        raise LoadError(f"unknown object type {_found(name)}", file=source,
                        path="$.type", expected=", ".join(_TYPES))
    if "data" not in data:
        raise LoadError("no 'data'", file=source, path="$", expected="govbudget JSON")
    try:
        obj = converter().structure(data["data"], cls)
    except Exception as exc:  # cattrs raises grouped errors; report the path
        raise structure_error(exc, source) from exc
    check_model(obj, source)
    return obj


def read_json_file(path: str | Path) -> Any:
    return from_json(limits.read_bounded(path, MAX_JSON_BYTES, "JSON"), source=str(Path(path)))


def _bounded_int(text: str) -> int | JsonNumber:
    """An integer of at most ``MAX_INT_DIGITS`` digits; a longer one stays text (refused
    with its path where the model meets it)."""
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return JsonNumber(text)
    return int(text)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")
