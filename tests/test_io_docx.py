"""The .docx reader on a disclosure built with python-docx."""

from __future__ import annotations

from pathlib import Path

import pytest

from govbudget.io.docx import read_docx
from govbudget.io.raw import RawBlock, RawTable

docx = pytest.importorskip("docx")



def _document(path: Path) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.add_heading("第一部分 部门概况", level=1)
    d.add_paragraph("一、主要职能")
    d.add_paragraph("负责全市人力资源和社会保障工作。")
    d.add_paragraph("表1")
    d.add_paragraph("2026年部门支出总表").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("编制单位：某局")
    d.add_paragraph("单位：万元")
    table = d.add_table(rows=6, cols=5)
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["栏次", "", "1", "2", "3"],
        ["合计", "", "436.88", "378.88", "58.00"],
        ["208", "社会保障和就业支出", "390.68", "332.68", "58.00"],
        ["2080101", "行政运行", "252.42", "252.42", ""],
        ["2080505", "机关事业单位基本养老保险缴费\n支出", "0.00", "0.00", ""],
    ]
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.cell(r, c).text = text
    table.cell(2, 0).merge(table.cell(2, 1))  # 合计 spans code and name
    d.add_paragraph("注：本表不含上年结转。")
    d.add_paragraph("二、机构设置")
    d.add_paragraph("本部门下设 8 个单位。")
    d.save(str(path))


def test_docx_body_in_order(tmp_path: Path) -> None:
    path = tmp_path / "budget.docx"
    _document(path)
    d = read_docx(path)
    assert d.pages is None
    kinds = [type(i).__name__ for i in d.items]
    assert kinds == ["RawBlock"] * 3 + ["RawTable"] + ["RawBlock"] * 3
    blocks = [i for i in d.items if isinstance(i, RawBlock)]
    assert [(b.text, b.heading) for b in blocks] == [
        ("第一部分 部门概况", True),
        ("一、主要职能", True),
        ("负责全市人力资源和社会保障工作。", False),
        ("注：本表不含上年结转。", False),
        ("二、机构设置", True),
        ("本部门下设 8 个单位。", False),
    ]
    t = next(d.tables())
    assert isinstance(t, RawTable)
    assert (t.title, t.context, t.index, t.page) == (
        "表1 2026年部门支出总表", ("编制单位：某局", "单位：万元"), 0, None)
    assert t.rows[1] == ("栏次", "", "1", "2", "3")
    assert t.rows[2] == ("合计", "", "436.88", "378.88", "58.00")  # merged cell kept once
    assert t.rows[4] == ("2080101", "行政运行", "252.42", "252.42", "")
    assert t.rows[5][1] == "机关事业单位基本养老保险缴费支出"  # wrapped name joined
    assert t.rows[5][2] == "0.00"


def test_docx_title_rows_inside_the_table(tmp_path: Path) -> None:
    d = docx.Document()
    table = d.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "公开02表 收入总表"
    table.cell(1, 0).text, table.cell(1, 1).text, table.cell(1, 2).text = "编码", "名称", "合计"
    table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = "205", "教育支出", "1.00"
    path = tmp_path / "t.docx"
    d.save(str(path))
    t = next(read_docx(path).tables())
    assert t.title == "公开02表 收入总表"
    assert t.rows == (("编码", "名称", "合计"), ("205", "教育支出", "1.00"))
