"""Fiscal Data Package export: the lines, exact amounts in 元, and the descriptor."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govbudget
from govbudget.formats.fdp import LINE_FIELDS, budget_lines, to_fiscal_data_package
from govbudget.money import Unit
from govbudget.tables import Disclosure, Document, Scope, TableBuilder, TableKind


@pytest.fixture(scope="module")
def seed() -> Document:
    doc: Document = govbudget.example()
    return doc


@pytest.fixture(scope="module")
def exported(seed: Document, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[dict[str, Any], list[dict[str, str]]]:
    path = to_fiscal_data_package(seed, tmp_path_factory.mktemp("fdp") / "new" / "dir")
    assert path.name == "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    resource = package["resources"][0]
    text = (path.parent / resource["path"]).read_text(encoding="utf-8")
    return package, list(csv.DictReader(text.splitlines()))


_FUNCTIONAL_EXPENDITURE = {TableKind.SUMMARY, TableKind.EXPENDITURE, TableKind.FISCAL_SUMMARY,
                           TableKind.GENERAL_BUDGET, TableKind.GOV_FUND, TableKind.SOE_CAPITAL}


def test_one_line_per_amount_cell(seed: Document,
                                  exported: tuple[dict[str, Any], list[dict[str, str]]]) -> None:
    _, lines = exported
    expected = 0
    for d in seed.walk():
        for t in d.tables:
            if t.kind in _FUNCTIONAL_EXPENDITURE or t.kind is TableKind.BASIC_EXPENDITURE:
                for r in t.rows:
                    if r.code and r.side != "income":
                        expected += sum(1 for c in r.cells.values() if c.is_amount)
    assert expected > 100
    assert len(lines) == expected
    # 合计 lines, income rows and the 收入总表 are not budget lines
    assert {line["table"] for line in lines} == {
        "SUMMARY", "EXPENDITURE", "FISCAL_SUMMARY", "GENERAL_BUDGET", "BASIC_EXPENDITURE"}
    assert all(line["functional_code"] or line["economic_code"] for line in lines)


def test_amounts_in_yuan_are_exact(exported: tuple[dict[str, Any], list[dict[str, str]]]
                                   ) -> None:
    _, lines = exported

    def amounts(table: str, code: str, column: str) -> set[tuple[str, str]]:
        return {(line["amount_shown"], line["amount"]) for line in lines
                if line["table"] == table and (line["functional_code"] or
                                               line["economic_code"]) == code
                and line["column"] == column}

    assert amounts("EXPENDITURE", "2080102", "project") == {("55.00", "550000")}
    assert amounts("EXPENDITURE", "208", "total") == {("390.68", "3906800")}
    for line in lines:
        assert line["unit"] == "万元"
        assert Decimal(line["amount"]) == Decimal(line["amount_shown"]) * 10000
        assert "E" not in line["amount"] and "." not in line["amount"]


def test_classification_levels_and_names(exported: tuple[dict[str, Any], list[dict[str, str]]]
                                         ) -> None:
    _, lines = exported
    item = next(line for line in lines if line["functional_code"] == "2080101")
    assert (item["functional_class_code"], item["functional_class_name"],
            item["functional_section_code"], item["functional_section_name"],
            item["functional_item_code"], item["functional_item_name"]) == (
        "208", "社会保障和就业支出", "20801", "人力资源和社会保障管理事务", "2080101", "行政运行")
    assert (item["level"], item["leaf"]) == ("3", "true")
    lei = next(line for line in lines if line["functional_code"] == "208"
               and line["table"] == "EXPENDITURE")
    assert (lei["level"], lei["leaf"], lei["functional_section_code"]) == ("1", "false", "")
    summary = next(line for line in lines if line["table"] == "SUMMARY")
    assert summary["functional_class_name"] == "社会保障和就业支出"  # ordinal 八、 removed
    assert summary["row_name"].startswith("八、")
    economic = next(line for line in lines if line["economic_code"] == "30201")
    assert (economic["economic_class_code"], economic["economic_class_name"],
            economic["economic_section_name"], economic["fund"]) == (
        "302", "商品和服务支出", "办公费", "一般公共预算")
    assert economic["functional_code"] == ""


def test_administrative_and_fund_dimensions(
        exported: tuple[dict[str, Any], list[dict[str, str]]]) -> None:
    _, lines = exported
    units = [line for line in lines if line["scope"] == "unit"]
    departments = [line for line in lines if line["scope"] == "department"]
    assert len(units) == len(departments)
    assert {(u["disclosure_code"], u["department_code"]) for u in units} == {("323001", "323")}
    assert {(d["disclosure_code"], d["department_code"]) for d in departments} == {
        ("323", "323")}
    assert {line["fiscal_year"] for line in lines} == {"2023"}
    funds = {(line["table"], line["column"], line["fund"]) for line in lines}
    assert ("FISCAL_SUMMARY", "general", "一般公共预算") in funds
    assert ("FISCAL_SUMMARY", "total", "") in funds
    assert ("GENERAL_BUDGET", "basic", "一般公共预算") in funds
    assert ("EXPENDITURE", "basic", "") in funds


def test_descriptor(exported: tuple[dict[str, Any], list[dict[str, str]]]) -> None:
    package, lines = exported
    assert package["profile"] == "fiscal-data-package"
    assert package["name"] == "govbudget-323-2023"
    assert package["fiscalPeriod"] == {"start": "2023-01-01", "end": "2023-12-31"}
    (resource,) = package["resources"]
    assert resource["path"] == "budget-lines.csv"
    fields = [f["name"] for f in resource["schema"]["fields"]]
    assert fields == [name for name, _, _ in LINE_FIELDS] == list(lines[0])
    assert {f["type"] for f in resource["schema"]["fields"]} <= {
        "string", "number", "integer", "boolean", "year"}
    model = package["model"]
    assert model["measures"] == {"amount": {"source": "amount", "currency": "CNY", "factor": 1,
                                            "direction": "expenditure", "phase": "approved"}}
    dims = model["dimensions"]
    assert {"administrative-classification", "functional-classification",
            "economic-classification", "date"} <= set(dims)
    assert dims["date"]["attributes"]["year"]["source"] == "fiscal_year"
    functional = dims["functional-classification"]
    assert functional["classificationType"] == "functional"
    attrs = functional["attributes"]
    assert attrs["item_code"]["parent"] == "section_code"
    assert attrs["section_code"]["parent"] == "class_code"
    assert attrs["class_name"]["labelfor"] == "class_code"
    # every attribute and measure names a column of the resource
    sources = {a["source"] for d in dims.values() for a in d["attributes"].values()}
    sources |= {m["source"] for m in model["measures"].values()}
    assert sources <= set(fields)
    for d in dims.values():
        assert set(d["primaryKey"]) <= set(d["attributes"])


def test_units_in_yuan_and_yi_and_a_lone_disclosure(tmp_path: Path) -> None:
    yuan = (TableBuilder(TableKind.GOV_FUND, unit=Unit.YUAN)
            .line("total", "合计", total="1234.56")
            .row("212", "城乡社区支出", total="1234.56", project="1234.56").build())
    yi = TableBuilder(TableKind.GENERAL_BUDGET, unit=Unit.YI).row(
        "2080101", "行政运行", basic="0.000001", total="-", project="").build()
    d = Disclosure(Scope.UNIT, "9001", "某单位", 2024, tables=(yuan, yi))
    path = to_fiscal_data_package(d, tmp_path)
    text = (path.parent / "budget-lines.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert [(r["column"], r["amount"], r["fund"]) for r in rows] == [
        ("total", "1234.56", "政府性基金预算"), ("project", "1234.56", "政府性基金预算"),
        ("basic", "100", "一般公共预算")]
    assert rows[0]["department_code"] == ""
    # the 款 is not printed: its name comes from the catalogue
    assert rows[2]["functional_section_name"] == "人力资源和社会保障管理事务"


def test_printed_names_when_the_catalogue_has_none() -> None:
    t = (TableBuilder(TableKind.EXPENDITURE)
         .row("299", "某类", total="1").row("29901", "某款", total="1")
         .row("2990101", "某项", total="1").build())
    doc = Document(None, (Disclosure(Scope.DEPARTMENT, "1", "d", 1990, tables=(t,)),))
    lines = list(budget_lines(doc))
    assert [(line["functional_class_name"], line["functional_section_name"],
             line["functional_item_name"]) for line in lines][-1] == ("某类", "某款", "某项")
    lines = list(budget_lines(doc, namer=lambda code, year: f"cat{code}"))
    assert lines[-1]["functional_class_name"] == "cat299"
    assert lines[-1]["functional_item_name"] == "某项"  # the row's own name stays as printed


def test_empty_document(tmp_path: Path) -> None:
    path = to_fiscal_data_package(Document(None, ()), tmp_path)
    package = json.loads(path.read_text(encoding="utf-8"))
    assert package["name"] == "govbudget" and "fiscalPeriod" not in package
    lines = (tmp_path / "budget-lines.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [",".join(name for name, _, _ in LINE_FIELDS)]
