"""The real sample disclosures (../shared/samples) load with their standard tables, codes and totals.

Skipped when the samples are not there. The expected kinds per file were read off the PDFs.
"""

from __future__ import annotations

import functools
import re

import pytest

import govbudget
from conftest import SAMPLES, SHARED_MISSING
from govbudget.money import Unit
from govbudget.readers.assemble import assemble
from govbudget.readers.load import read_raw
from govbudget.readers.raw import RawDocument, RawTable
from govbudget.tables import Document, TableKind

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason=SHARED_MISSING)

K = TableKind
_COMMON = {K.SUMMARY, K.REVENUE, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GENERAL_BUDGET, K.GOV_FUND,
           K.SOE_CAPITAL, K.BASIC_EXPENDITURE, K.THREE_PUBLIC}

#: file → (standard kinds found, year, unit of amounts, department name)
PDFS: dict[str, tuple[set[TableKind], int, Unit, str]] = {
    "wuxi-hrss-2026-dept-budget.pdf": (
        _COMMON | {K.FISCAL_EXPENDITURE, K.FISCAL_BASIC_EXPENDITURE, K.OPERATION_EXPENSES,
                   K.PROCUREMENT}, 2026, Unit.WAN, "无锡市人力资源和社会保障局"),
    "guangzhou-meteorology-2026-dept-budget.pdf": (
        _COMMON | {K.PROJECT_ECONOMIC, K.BASIC_BUDGET, K.PROJECT_EXPENDITURE}, 2026, Unit.WAN,
        "广州市气象局"),
    "fuzhou-medicalsecurity-2026-dept-budget.pdf": (
        _COMMON | {K.GENERAL_BUDGET_ECONOMIC}, 2026, Unit.WAN, "福州市医疗保障局"),
    "quanzhou-publicsecurity-2026-dept-budget.pdf": (
        _COMMON | {K.GENERAL_BUDGET_ECONOMIC}, 2026, Unit.WAN, "泉州市公安局"),
    "yantai-civilaffairs-2026-dept-budget.pdf": (
        _COMMON | {K.BASIC_BUDGET, K.PROJECT_EXPENDITURE, K.PROCUREMENT}, 2026, Unit.WAN, "烟台市民政局"),
    "wanli-2024-dept-budget.pdf": (_COMMON, 2024, Unit.YUAN, "上海市普陀区人民政府万里街道办事处"),
    "wanli-2025-dept-budget.pdf": (_COMMON, 2025, Unit.YUAN, "上海市普陀区人民政府万里街道办事处"),
}

#: tables whose rows are classification codes (every row but the named lines prints one)
CODED = {K.EXPENDITURE, K.GENERAL_BUDGET, K.GOV_FUND, K.SOE_CAPITAL, K.BASIC_EXPENDITURE,
         K.FISCAL_EXPENDITURE, K.FISCAL_BASIC_EXPENDITURE, K.GENERAL_BUDGET_ECONOMIC,
         K.PROJECT_ECONOMIC, K.OPERATION_EXPENSES}

_PRINTED_CODE = re.compile(r"^[\[【]?\d{3}(?:\d{2}){0,2}(?:[\]】]|$)|^\d{1,2}$")


@functools.cache
def _load(name: str) -> tuple[Document, RawDocument]:
    raw = read_raw(SAMPLES / name)  # govbudget.load(path) is assemble(read_raw(path)) for PDFs
    return assemble(raw), raw


def _printed_code_rows(raw: RawTable, first_row: int) -> int:
    """Rows of the raw grid (from the first data row) printing a code in a leading cell."""
    n = 0
    for cells in raw.rows[first_row:]:
        lead = [re.sub(r"\s+", "", c) for c in cells[:3]]
        if any(_PRINTED_CODE.match(c) for c in lead if c) and any(
                re.search(r"[\u4e00-\u9fff]", c) for c in cells):
            n += 1
    return n


@pytest.mark.parametrize("name", sorted(PDFS))
def test_pdf_kinds_year_unit_name(name: str) -> None:
    kinds, year, unit, dept = PDFS[name]
    doc, _ = _load(name)
    assert len(doc.disclosures) == 1
    d = doc.disclosures[0]
    found = {t.kind for t in d.tables} - {K.OTHER}
    assert found == kinds
    assert d.year == year
    assert d.unit is unit
    assert d.name == dept
    for t in d.tables:
        if t.kind is not K.OTHER:
            assert (t.header is not None and t.header.unit_text is not None) or t.unit is unit, t.title


@pytest.mark.parametrize("name", sorted(PDFS))
def test_pdf_code_rows(name: str) -> None:
    doc, raw = _load(name)
    tables = list(raw.tables())
    for t in doc.disclosures[0].tables:
        if t.kind not in CODED and not (t.kind is K.REVENUE and any(t.code_rows())):
            continue
        uncoded = [r.name for r in t.rows if r.code is None and r.line is None]
        assert not uncoded, (t.title, uncoded)
        rows_with_source = [r for r in t.rows if r.source is not None and r.source.row is not None]
        if not rows_with_source or t.source is None or t.source.table is None:
            continue
        first = min(r.source.row for r in rows_with_source if r.source.row is not None)
        printed = _printed_code_rows(tables[t.source.table], first)
        assert sum(1 for _ in t.code_rows()) == printed, t.title


@pytest.mark.parametrize("name", sorted(PDFS))
def test_pdf_columns_mapped(name: str) -> None:
    doc, _ = _load(name)
    for t in doc.disclosures[0].tables:
        keys = {c.key for c in t.columns}
        if t.kind in (K.GENERAL_BUDGET, K.EXPENDITURE, K.FISCAL_EXPENDITURE):
            assert {"total", "basic", "project"} <= keys, (t.title, keys)
        elif t.kind in (K.SUMMARY,):
            assert {"income", "expenditure"} <= keys, (t.title, keys)
        elif t.kind is K.FISCAL_SUMMARY:
            assert {"income", "total"} <= keys, (t.title, keys)
        elif t.kind in (K.BASIC_EXPENDITURE, K.THREE_PUBLIC, K.REVENUE):
            assert "total" in keys, (t.title, keys)
        if t.kind in (K.SUMMARY, K.FISCAL_SUMMARY):
            for side in ("income", "expenditure"):
                assert t.line("total", side) is not None or t.line("subtotal", side) is not None, \
                    (t.title, side)


def test_wuxi_fiscal_summary_imbalance_reported() -> None:
    doc, _ = _load("wuxi-hrss-2026-dept-budget.pdf")
    report = govbudget.check(doc, select=["arithmetic"])
    hits = [f for f in report.findings if f.severity.value == "error"
            and f.location.table is not None and "财政拨款收支总表" in f.location.table
            and f.rule == "T4-5"]
    assert hits and any("0.02" in f.message for f in hits)


#: the arithmetic errors each PDF really has (rule, page), verified against the PDF text
ARITHMETIC_DEFECTS: dict[str, list[tuple[str, int | None]]] = {
    # 公开04表: 一、本年支出 152,585.74 but 支出总计 152,585.76 (no 年终结转);
    # 公开08表: 人员经费 合计 25,530.51, but 301 23,647.92 + 303 1,882.57 = 25,530.49
    "wuxi-hrss-2026-dept-budget.pdf": [("T4-5", 23), ("P-2", 30), ("T6-3", 30)],
    # 公开表6: 303 and 30305 生活补助 print 2.16 in 日常公用支出 (page 19), hence P-2 on 合计
    "yantai-civilaffairs-2026-dept-budget.pdf": [("P-1", 19), ("P-1", 19), ("P-2", 17),
                                                 ("P-2", 17)],
}


#: of those, the ones reported in their own right (the others are their consequences)
ARITHMETIC_HEADLINES: dict[str, list[tuple[str, int | None]]] = {
    "wuxi-hrss-2026-dept-budget.pdf": [("T4-5", 23), ("P-2", 30)],  # T6-3 follows from P-2
    # the 303 row: 30305 prints the same 2.16, and both 合计 rows miss it
    "yantai-civilaffairs-2026-dept-budget.pdf": [("P-1", 19)],
}


@pytest.mark.parametrize("name", sorted(PDFS))
def test_pdf_arithmetic_clean(name: str) -> None:
    doc, _ = _load(name)
    report = govbudget.check(doc, select=["arithmetic"])
    errors = [f for f in report.all_findings() if f.severity.value == "error"]
    got = sorted((f.rule, f.location.page) for f in errors)
    assert got == sorted(ARITHMETIC_DEFECTS.get(name, [])), \
        [(f.rule, f.location.table, f.message) for f in errors[:10]]
    # what follows from a defect is listed inside it, not as a defect of its own
    headline = sorted((f.rule, f.location.page) for f in report.errors)
    assert headline == sorted(ARITHMETIC_HEADLINES.get(name, [])), headline
    if name.startswith("wuxi"):
        assert all("0.02" in f.message for f in errors)


@pytest.mark.parametrize("name", ["shanghai-putuo-2026-dept-budget-template.xlsx",
                                  "shanghai-putuo-2026-unit-budget-template.xlsx"])
def test_xlsx_template_structure(name: str) -> None:
    pytest.importorskip("openpyxl")
    doc = govbudget.load(SAMPLES / name)
    d = doc.disclosures[0]
    kinds = {t.kind for t in d.tables}
    assert kinds >= _COMMON
    assert d.year == 2026
    by_kind = {t.kind: {c.key for c in t.columns} for t in d.tables}
    assert {"total", "fiscal", "business", "operating", "other"} <= by_kind[K.REVENUE]
    assert {"total", "basic", "project"} <= by_kind[K.EXPENDITURE]
    assert {"total", "basic", "project"} <= by_kind[K.GENERAL_BUDGET]
    assert {"total", "personnel", "public"} <= by_kind[K.BASIC_EXPENDITURE]
    assert {"income", "total", "general", "fund", "soe"} <= by_kind[K.FISCAL_SUMMARY]
    for t in d.tables:
        if t.kind in (K.REVENUE, K.EXPENDITURE, K.GENERAL_BUDGET):
            assert any(t.code_rows()), t.title
        # every column of the templates is a column of the kind: no stray c<n> column
        assert not [c.key for c in t.columns if re.fullmatch(r"c\d+", c.key)], (t.title, t.columns)
    columns = {t.kind: [c.key for c in t.columns] for t in d.tables}
    assert columns[K.GOV_FUND] == ["total", "basic", "project"]
    assert columns[K.SOE_CAPITAL] == ["total", "basic", "project"]
    assert columns[K.BASIC_EXPENDITURE] == ["total", "personnel", "public"]
    assert columns[K.FISCAL_SUMMARY] == ["income", "total", "general", "fund", "soe"]
    if "-unit-" in name:  # the unit template splits the expenditure 预算数 by 基本/项目支出
        assert columns[K.SUMMARY] == ["income", "expenditure", "personnel", "public", "project"]
    else:
        assert columns[K.SUMMARY] == ["income", "expenditure"]
    summary = d.table(K.SUMMARY)
    assert summary is not None
    assert {(r.side, r.line) for r in summary.rows} >= {
        ("income", "fiscal"), ("income", "general_budget"), ("income", "gov_fund"),
        ("income", "soe_capital"), ("income", "business"), ("income", "total"),
        ("expenditure", "total")}
    assert summary.row("201", side="expenditure") is not None  # 一、一般公共服务支出
    assert all(c.is_blank for r in summary.rows for c in r.cells.values())  # a template: no amounts
    gov_fund = d.table(K.GOV_FUND)
    assert gov_fund is not None
    lottery = gov_fund.row("2290804")  # split 类 | 款 | 项 codes joined
    assert lottery is not None and lottery.name == "福利彩票销售机构的业务费支出"
    basic = d.table(K.BASIC_EXPENDITURE)
    assert basic is not None and [r.code for r in basic.code_rows()] == ["301", "30101", "303", "30304"]
    # the 三公 table prints its lines across, with no row of amounts yet: the lines, blank
    three = d.table(K.THREE_PUBLIC)
    assert three is not None
    assert [c.key for c in three.columns] == ["total"]
    assert [r.line for r in three.rows] == [
        "total", "overseas", "reception", "vehicle", "vehicle_purchase", "vehicle_operation",
        "operation_expenses"]
    assert all(r.cell("total").is_blank for r in three.rows)
    assert three.line("vehicle").name == "公务用车购置及运行费"
    expenses = govbudget.ThreePublicExpenses.from_table(three)
    assert expenses.total.total.is_blank and expenses.vehicle_purchase.total.is_blank
