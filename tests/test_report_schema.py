"""The JSON report validates against its schema; records read back with codes as strings."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import govbudget
import seed_model
from conftest import SAMPLES, needs_shared
from govbudget.cli import main
from govbudget.rules.records import RECORD_FIELDS, to_records
from govbudget.rules.report_schema import report_schema
from govbudget.tables import TableKind


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    s = report_schema()
    jsonschema.Draft202012Validator.check_schema(s)
    return s


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(list(args))
    return status, out.getvalue()


def test_cli_json_report_validates(schema: dict[str, Any], tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    with contextlib.redirect_stderr(io.StringIO()):
        status, out = _cli("check", "--example", str(bad), "--format", "json")
    assert status == 2
    data = json.loads(out)
    jsonschema.validate(data, schema)
    assert data["format"] == "govbudget-report" and "error" in data["documents"][1]


def test_schema_catches_drift(schema: dict[str, Any]) -> None:
    data = govbudget.check(govbudget.example()).to_dict()
    jsonschema.validate(data, report_schema("report"))
    bad = json.loads(json.dumps(data))
    bad["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, report_schema("report"))
    bad = json.loads(json.dumps(data))
    bad["findings"][0]["location"]["sheet"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, report_schema("report"))
    with pytest.raises(KeyError):
        report_schema("nothing")


def test_schema_command_prints_the_report_schema() -> None:
    status, out = _cli("schema", "--report")
    assert status == 0 and json.loads(out) == report_schema()


@needs_shared
def test_report_of_a_sample_pdf_validates(schema: dict[str, Any]) -> None:
    status, out = _cli("check", str(SAMPLES / "wuxi-hrss-2026-dept-budget.pdf"), "--format",
                       "json", "--fail-on", "never")
    assert status == 0
    data = json.loads(out)
    jsonschema.validate(data, schema)
    assert any(f["location"]["page"] for f in data["documents"][0]["findings"])


def _report_with_code_rows() -> govbudget.Report:
    dept = seed_model.department()
    bad = seed_model.set_cell(dept.units[0], TableKind.EXPENDITURE, "2080101", "project", "1.00")
    return govbudget.check(bad, select=["C-1", "T3-1"])


def test_records_read_back_with_codes_as_strings(tmp_path: Path) -> None:
    report = _report_with_code_rows()
    records = report.to_records(document="x.pdf")
    assert records == to_records(report, document="x.pdf")
    assert any(r["code"] == "2080101" for r in records)
    validator = report_schema("record")
    for r in records:
        jsonschema.validate(r, validator)

    out = tmp_path / "f.jsonl"
    source = tmp_path / "d.json"
    unit = seed_model.set_cell(seed_model.department().units[0], TableKind.EXPENDITURE,
                               "2080101", "project", "1.00")
    source.write_text(govbudget.to_json(govbudget.Document("d.json", (unit,))), encoding="utf-8")
    assert main(["check", str(source), "--select", "C-1,T3-1", "--format", "records",
                 "-o", str(out), "--fail-on", "never"]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines and all(list(row) == list(RECORD_FIELDS) for row in lines)
    codes = [row["code"] for row in lines if row["code"] is not None]
    assert "2080101" in codes and all(isinstance(c, str) for c in codes)
    assert all(isinstance(row["expected"], str) for row in lines if row["expected"] is not None)

    out_csv = tmp_path / "f.csv"
    assert main(["check", str(source), "--select", "C-1,T3-1", "--format", "csv",
                 "-o", str(out_csv), "--fail-on", "never"]) == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert [r["code"] for r in rows] == [r["code"] or "" for r in lines]
    assert [r["expected"] for r in rows] == [r["expected"] or "" for r in lines]
    assert any(r["code"] == "2080101" for r in rows)


def test_records_keep_the_computed_terms_as_json_text() -> None:
    from govbudget.rules.core import Finding, Location, Severity
    from govbudget.rules.records import finding_record

    f = Finding("T3-1", Severity.ERROR, "m", Location("1 部", "支出总表", "208 社会保障和就业支出"),
                "3.00", "4.00", None, "万元", (("基本支出", "1.00"), ("项目支出", "2.00")))
    r = finding_record(f)
    assert r["code"] == "208" and json.loads(str(r["terms"])) == [["基本支出", "1.00"],
                                                                   ["项目支出", "2.00"]]
    assert finding_record(Finding("M-1", Severity.WARNING, "m", Location(row="2023 年"))
                          )["code"] is None
