"""The .xlsx reader: exact numbers, merged headings, Shanghai's templates."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SAMPLES, SHARED_MISSING
from govbudget.readers.raw import RawBlock, RawTable
from govbudget.readers.xlsx import read_xlsx, render_number

openpyxl = pytest.importorskip("openpyxl")



@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (1234.5, "#,##0.00", "1234.50"),
        (0.0, "0.00", "0.00"),
        (156211123, "#,##0", "156211123"),
        (205, "General", "205"),
        (2.345, "0.00", "2.345"),  # never rounded away
        (0.1 + 0.2, "0.00", "0.30"),  # float noise beyond 15 digits dropped
        (0.955, "0.0%", "95.5%"),
        (Decimal("7.10"), "0.00", "7.10"),
        (True, "General", "TRUE"),
    ],
)
def test_render_number(value: float, fmt: str, text: str) -> None:
    assert render_number(value, fmt) == text


def _workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "部门支出总表"
    ws["A1"] = "2026年部门支出总表"
    ws.merge_cells("A1:E1")
    ws["A2"] = "编制部门：某局"
    ws["E2"] = "单位：万元"
    ws["A3"], ws["C3"] = "科目", "支出"
    ws.merge_cells("A3:B3")
    ws.merge_cells("C3:E3")
    for col, text in zip("ABCDE", ["编码", "名称", "合计", "基本支出", "项目支出"], strict=True):
        ws[f"{col}4"] = text
    ws.append(["合计", None, 1234.5, 1000, 234.5])
    ws.merge_cells("A5:B5")
    ws.append(["2080101", "行政运行", 0, None, 0.1])
    for row in ws.iter_rows(min_row=5, min_col=3):
        for cell in row:
            cell.number_format = "#,##0.00"
    prose = wb.create_sheet("说明")
    prose["A1"] = "一、部门职能"
    prose["A3"] = "主要职能包括：\n1.负责……"
    wb.save(path)


def test_synthetic_workbook(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    _workbook(path)
    d = read_xlsx(path)
    assert d.pages == 2
    t = next(d.tables())
    assert (t.title, t.page, t.index) == ("2026年部门支出总表", 1, 0)
    assert t.context == ("编制部门：某局", "单位：万元", "sheet：部门支出总表")
    assert t.rows[0] == ("科目", "科目", "支出", "支出", "支出")  # merged headings filled
    assert t.rows[1] == ("编码", "名称", "合计", "基本支出", "项目支出")
    assert t.rows[2] == ("合计", "", "1234.50", "1000.00", "234.50")  # body merge stays blank
    assert t.rows[3] == ("2080101", "行政运行", "0.00", "", "0.10")
    blocks = [i for i in d.items if isinstance(i, RawBlock)]
    assert [b.text for b in blocks] == ["一、部门职能", "主要职能包括：", "1.负责……"]
    assert all(b.page == 2 for b in blocks) and blocks[0].heading


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=SHARED_MISSING)
@pytest.mark.parametrize(("kind", "sheets", "prefix"), [("dept", 17, "部门"), ("unit", 16, "单位")])
def test_shanghai_templates(kind: str, sheets: int, prefix: str) -> None:
    d = read_xlsx(SAMPLES / f"shanghai-putuo-2026-{kind}-budget-template.xlsx")
    assert d.pages == sheets
    tables = list(d.tables())
    assert len(tables) == 9
    titles = [t.title or "" for t in tables]
    assert titles[0].startswith("2026年") and titles[0].endswith("财务收支预算总表")
    assert titles[-1].endswith("“三公”经费和机关运行经费预算表")
    assert all(t.endswith("表") for t in titles)
    assert [t.page for t in tables] == list(range(7, 16))
    assert tables[0].context[-1] == f"sheet：{prefix}收支总表"
    assert "单位：元" in tables[0].context
    income = tables[1]
    assert income.rows[2][:3] == ("类", "款", "项")
    assert income.rows[0][:4] == ("项目",) * 4  # merged A6:D6 heading repeated
    assert ("205", "02", "05") in {r[:3] for r in income.rows}  # text "02" kept as typed
    assert all(isinstance(i, RawTable) or i.page is not None for i in d.items)


def _three_public_template(path: Path) -> None:
    """A 三公 sheet printing its lines across, merged headings, no amounts yet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "三公经费"
    ws["A1"] = "2026年部门“三公”经费和机关运行经费预算表"
    ws.merge_cells("A1:G1")
    ws["A2"], ws["G2"] = "编制部门：", "单位：万元"
    ws["A3"], ws["G3"] = "“三公”经费预算数", "机关运行经费预算数"
    ws.merge_cells("A3:F3")
    ws.merge_cells("G3:G5")
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费"
    ws.merge_cells("A4:A5")
    ws.merge_cells("B4:B5")
    ws.merge_cells("C4:C5")
    ws.merge_cells("D4:F4")
    ws["D5"], ws["E5"], ws["F5"] = "小计", "购置费", "运行费"
    summary = wb.create_sheet("收支总表")
    summary["A1"] = "2026年预算单位财务收支预算总表"
    summary["A2"], summary["D2"] = "编制单位：", "单位：元"
    rows = [
        ("本年收入", None, "本年支出", None, None, None, None),
        ("项目", "预算数", "项目", "预算数", None, None, None),
        (None, None, None, "合计", "基本支出", None, "项目支出"),
        (None, None, None, None, "人员经费", "公用经费", None),
        ("一、财政拨款收入", None, "一、一般公共服务支出", None, None, None, None),
        ("二、事业收入", None, "二、教育支出", None, None, None, None),
        ("收入总计", None, "支出总计", None, None, None, None),
    ]
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            if value is not None:
                summary.cell(r, c, value)
    for ref in ("A3:B3", "C3:G3", "A4:A6", "B4:B6", "C4:C6", "D4:G4", "D5:D6", "E5:F5", "G5:G6"):
        summary.merge_cells(ref)
    wb.save(path)


def test_template_headings_repeated_over_merges(tmp_path: Path) -> None:
    """xlsx repeats a merged heading over its span; the columns are read as from a PDF."""
    import govbudget
    from govbudget.tables import TableKind

    path = tmp_path / "template.xlsx"
    _three_public_template(path)
    raw = read_xlsx(path)
    grid = next(raw.tables())
    assert grid.rows[0] == ("“三公”经费预算数",) * 6 + ("机关运行经费预算数",)
    assert grid.rows[2][:4] == ("合计", "因公出国(境)费", "公务接待费", "小计")
    d = govbudget.load(path).disclosures[0]
    three = d.table(TableKind.THREE_PUBLIC)
    assert three is not None
    assert [c.key for c in three.columns] == ["total"]
    assert [(r.line, r.cell("total").is_blank) for r in three.rows] == [
        (line, True) for line in ("total", "overseas", "reception", "vehicle", "vehicle_purchase",
                                  "vehicle_operation", "operation_expenses")]
    assert all(r.source is not None and r.source.row is None for r in three.rows)  # no amounts row
    summary = d.table(TableKind.SUMMARY)
    assert summary is not None
    assert [(c.key, c.name) for c in summary.columns] == [
        ("income", "预算数"), ("expenditure", "合计"), ("personnel", "人员经费"),
        ("public", "公用经费"), ("project", "项目支出")]
    assert [(r.side, r.line, r.code) for r in summary.rows] == [
        ("income", "general_budget", None), ("expenditure", None, "201"),
        ("income", "business", None), ("expenditure", None, "205"),
        ("income", "total", None), ("expenditure", "total", None)]
