"""The JSON Schema: what to_json writes validates; corrupted JSON does not."""

from __future__ import annotations

import copy
import json
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given

import govbudget
from govbudget.formats.jsonio import _TYPES
from govbudget.formats.schema import json_schema
from govbudget.money import Cell, CellKind
from govbudget.readers.raw import SourceLocation
from govbudget.tables import BudgetTable, Disclosure, Document, Row, TableKind, Unparsed
from govbudget.tables.narrative import Narrative, Section
from test_io_csv import tables


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    s = json_schema()
    jsonschema.Draft202012Validator.check_schema(s)
    return s


@pytest.fixture(scope="module")
def seed() -> Document:
    doc: Document = govbudget.example()
    return doc


def _data(obj: object) -> Any:
    return json.loads(govbudget.to_json(obj))


def _errors(data: Any, schema: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [e.message for e in validator.iter_errors(data)]


@pytest.fixture(scope="module")
def seed_data(seed: Document, schema: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = _data(seed)
    assert _errors(data, schema) == []
    return data


def test_the_seed_and_its_parts_validate(seed: Document, seed_data: dict[str, Any],
                                         schema: dict[str, Any]) -> None:
    assert seed_data["type"] == "Document"
    d = seed.disclosures[0]
    table = d.tables[0]
    for obj in (d.units[0], table, table.rows[0], table.rows[0].cells["income"],
                Cell(CellKind.DASH, None, "—"), d.narrative):
        jsonschema.validate(_data(obj), schema)


def test_the_seed_exercises_the_whole_schema(seed: Document) -> None:
    text = govbudget.to_json(seed)
    # performance targets, narrative sections and source locations are really present
    assert '"performance": [{' in text and '"sections": [{' in text
    assert '"cell_sources": {"' in text


def test_schema_follows_the_model(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    for cls in (Document, Disclosure, Row, Narrative, Section, Unparsed, SourceLocation):
        assert set(defs[cls.__name__]["properties"]) == {f.name for f in attrs.fields(cls)}
    table = defs["BudgetTable"]
    assert set(table["properties"]) == {"kind"} | {f.name for f in attrs.fields(BudgetTable)}
    assert table["properties"]["kind"]["enum"] == [k.name for k in TableKind]
    assert set(schema["properties"]["type"]["enum"]) == set(_TYPES)
    assert defs["Disclosure"]["required"] == ["scope", "code", "name", "year"]
    assert defs["Scope"]["enum"] == ["department", "unit"]


def test_a_new_dict_each_call() -> None:
    a = json_schema()
    a["$defs"]["Cell"]["anyOf"].clear()
    assert json_schema()["$defs"]["Cell"]["anyOf"]


def _first_amount_row(data: dict[str, Any]) -> dict[str, Any]:
    for table in data["data"]["disclosures"][0]["tables"]:
        for row in table["rows"]:
            if any(isinstance(v, str) and v not in ("", "-") for v in row["cells"].values()):
                return row  # type: ignore[no-any-return]
    raise AssertionError("no amount in the seed")


def _amount_as_number(data: dict[str, Any]) -> None:
    row = _first_amount_row(data)
    key = next(k for k, v in row["cells"].items() if v not in ("", "-"))
    row["cells"][key] = float(row["cells"][key])


def _bad_kind(data: dict[str, Any]) -> None:
    data["data"]["disclosures"][0]["tables"][0]["kind"] = "NOT_A_TABLE"


def _unknown_row_key(data: dict[str, Any]) -> None:
    _first_amount_row(data)["colour"] = "red"


def _unknown_top_key(data: dict[str, Any]) -> None:
    data["extra"] = 1


def _bad_format(data: dict[str, Any]) -> None:
    data["format"] = "other"


def _newer_version(data: dict[str, Any]) -> None:
    data["version"] = 99


def _wrong_type(data: dict[str, Any]) -> None:
    data["type"] = "Disclosure"


def _comma_amount(data: dict[str, Any]) -> None:
    row = _first_amount_row(data)
    key = next(k for k, v in row["cells"].items() if v not in ("", "-"))
    row["cells"][key] = "1,234.50"


def _missing_year(data: dict[str, Any]) -> None:
    del data["data"]["disclosures"][0]["units"][0]["year"]


def _bad_scope(data: dict[str, Any]) -> None:
    data["data"]["disclosures"][0]["scope"] = "city"


def _year_as_string(data: dict[str, Any]) -> None:
    data["data"]["disclosures"][0]["year"] = "2023"


def _bad_unit(data: dict[str, Any]) -> None:
    data["data"]["disclosures"][0]["tables"][1]["unit"] = "斤"


def _bad_section_kind(data: dict[str, Any]) -> None:
    data["data"]["disclosures"][0]["narrative"]["sections"][0]["kind"] = "poetry"


def _bad_location(data: dict[str, Any]) -> None:
    data["data"]["disclosures"][0]["source"]["page"] = "one"


@pytest.mark.parametrize("corrupt", [
    _amount_as_number, _bad_kind, _unknown_row_key, _unknown_top_key, _bad_format,
    _newer_version, _wrong_type, _comma_amount, _missing_year, _bad_scope, _year_as_string,
    _bad_unit, _bad_section_kind, _bad_location,
])
def test_corrupted_json_fails(corrupt: Any, seed_data: dict[str, Any],
                              schema: dict[str, Any]) -> None:
    bad = copy.deepcopy(seed_data)
    corrupt(bad)
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad), corrupt.__name__


_SCHEMA = json_schema()


@given(tables())
def test_random_tables_validate(table: BudgetTable) -> None:
    assert _errors(_data(table), _SCHEMA) == []
