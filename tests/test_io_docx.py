"""The .docx reader on a disclosure built with python-docx."""

from __future__ import annotations

from pathlib import Path

import pytest

from govbudget.readers.docx import read_docx
from govbudget.readers.raw import RawBlock, RawTable

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


def _department_budget(path: Path) -> None:
    """A department budget as a finance bureau's Word template prints it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.add_paragraph("保定市莲池区某局").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("2023年部门预算").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_heading("第一部分 部门预算", level=1)

    d.add_paragraph("部门收支总表").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("323保定市莲池区某局")
    d.add_paragraph("预算年度：2023")
    d.add_paragraph("单位：万元")
    summary = [
        ["序号", "收入", "", "支出", ""],
        ["", "项  目", "预算数", "项  目", "预算数"],
        ["栏次", "1", "2", "3", "4"],
        ["1", "一、一般公共预算拨款收入", "433.88", "一、一般公共服务支出", ""],
        ["2", "二、政府性基金预算拨款收入", "", "二、社会保障和就业支出", "390.68"],
        ["3", "三、事业收入", "", "三、卫生健康支出", "22.20"],
        ["4", "", "", "四、住房保障支出", "24.00"],
        ["5", "本年收入合计", "433.88", "本年支出合计", "436.88"],
        ["6", "上年结转", "3.00", "年终结转结余", ""],
        ["7", "收入总计", "436.88", "支出总计", "436.88"],
    ]
    table = d.add_table(rows=len(summary), cols=5)
    for r, values in enumerate(summary):
        for c, text in enumerate(values):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2))  # 收入 over 项目 | 预算数
    table.cell(0, 3).merge(table.cell(0, 4))  # 支出 over 项目 | 预算数
    table.cell(0, 0).merge(table.cell(1, 0))  # 序号 down two rows

    d.add_paragraph("部门支出总表").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("323保定市莲池区某局")
    d.add_paragraph("预算年度：2023")
    d.add_paragraph("单位：万元")
    expenditure = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["栏次", "", "1", "2", "3"],
        ["", "合计", "436.88", "378.88", "58.00"],
        ["208", "社会保障和就业支出", "390.68", "332.68", "58.00"],
        ["20801", "人力资源和社会保障管理事务", "310.42", "252.42", "58.00"],
        ["2080101", "行政运行", "252.42", "252.42", ""],
        ["2080199", "其他人力资源和社会保障管理事务支出", "58.00", "", "58.00"],
        ["20805", "行政事业单位养老支出", "80.26", "80.26", ""],
        ["2080505", "机关事业单位基本养老保险缴费支出", "80.26", "80.26", ""],
        ["210", "卫生健康支出", "22.20", "22.20", ""],
        ["21011", "行政事业单位医疗", "22.20", "22.20", ""],
        ["2101101", "行政单位医疗", "22.20", "22.20", ""],
        ["221", "住房保障支出", "24.00", "24.00", ""],
        ["22102", "住房改革支出", "24.00", "24.00", ""],
        ["2210201", "住房公积金", "24.00", "24.00", ""],
    ]
    table = d.add_table(rows=len(expenditure), cols=5)
    for r, values in enumerate(expenditure):
        for c, text in enumerate(values):
            table.cell(r, c).text = text

    d.add_heading("第二部分 部门预算情况说明", level=1)
    d.add_paragraph("一、部门职责及机构设置情况")
    d.add_paragraph("主要职责：贯彻执行人力资源和社会保障工作的方针政策。")
    d.add_paragraph("二、部门预算安排的总体情况")
    d.add_paragraph("2023年部门预算收入436.88万元，其中一般公共预算拨款收入433.88万元，上年结转3.00万元。")
    d.add_paragraph("三、机关运行经费安排情况")
    d.add_paragraph("2023年机关运行经费预算6.00万元。")
    d.save(str(path))


def test_docx_department_budget_loads(tmp_path: Path) -> None:
    from decimal import Decimal

    import govbudget
    from govbudget.money import Unit
    from govbudget.tables import Scope, TableKind
    from govbudget.tables.narrative import SectionKind

    path = tmp_path / "budget.docx"
    _department_budget(path)
    doc = govbudget.load(path)
    assert len(doc.disclosures) == 1
    d = doc.disclosures[0]
    assert (d.scope, d.code, d.name, d.year, d.unit) == (
        Scope.DEPARTMENT, "323", "保定市莲池区某局", 2023, Unit.WAN)
    assert [t.kind for t in d.tables] == [TableKind.SUMMARY, TableKind.EXPENDITURE]
    assert not d.unparsed

    summary = d.table(TableKind.SUMMARY)
    assert summary is not None
    assert [c.key for c in summary.columns] == ["income", "expenditure"]
    income = {r.line: r.cell("income") for r in summary.rows if r.side == "income"}
    assert income["general_budget"].value == Decimal("433.88")
    assert income["gov_fund"].is_blank and income["business"].is_blank
    assert income["subtotal"].value == Decimal("433.88")
    assert income["carryover"].value == Decimal("3.00")
    assert income["total"].value == Decimal("436.88")
    row_208 = summary.row("208", side="expenditure")  # the 类 named, its code found
    assert row_208 is not None and row_208.cell("expenditure").value == Decimal("390.68")
    assert [r.code for r in summary.code_rows(side="expenditure")] == ["201", "208", "210", "221"]
    total = summary.line("total", side="expenditure")
    assert total is not None and total.cell("expenditure").value == Decimal("436.88")
    assert summary.line("carryforward", side="expenditure").cell("expenditure").is_blank

    spent = d.table(TableKind.EXPENDITURE)
    assert spent is not None
    assert [(c.key, c.number) for c in spent.columns] == [("total", 1), ("basic", 2), ("project", 3)]
    assert spent.line("total").cell("basic").value == Decimal("378.88")
    assert [r.code for r in spent.code_rows()] == [
        "208", "20801", "2080101", "2080199", "20805", "2080505", "210", "21011", "2101101",
        "221", "22102", "2210201"]
    other = spent.row("2080199")
    assert other is not None and other.name == "其他人力资源和社会保障管理事务支出"
    assert other.cell("basic").is_blank and other.cell("project").value == Decimal("58.00")
    assert other.cell_sources["project"].row is not None and other.cell_sources["project"].column == 4

    assert d.narrative is not None
    kinds = {s.kind for s in d.narrative.sections}
    assert {SectionKind.DUTIES, SectionKind.OVERVIEW, SectionKind.RUNNING_COSTS} <= kinds
    overview = next(s for s in d.narrative.sections if s.kind is SectionKind.OVERVIEW)
    assert "436.88万元" in overview.text


def test_docx_department_budget_drops_nothing(tmp_path: Path) -> None:
    from govbudget.readers.assemble import assemble
    from test_io_placed import unplaced_cells

    path = tmp_path / "budget.docx"
    _department_budget(path)
    raw = read_docx(path)
    missing, checked = unplaced_cells(raw, assemble(raw))
    assert not missing and checked > 60


def test_paragraph_text_is_python_docx_text() -> None:
    """The XML read directly gives python-docx's Paragraph.text: runs, tabs, line breaks
    (a page break gives nothing), non-breaking hyphens and hyperlinks' runs."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.text.paragraph import Paragraph

    from govbudget.readers.docx import paragraph_text

    d = docx.Document()
    p = d.add_paragraph("一般公共\t预算")
    run = p.add_run("拨款")
    run.add_break()
    run.add_break(WD_BREAK.PAGE)
    run.add_text("收入")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p._p.append(parse_xml(f'<w:hyperlink {w}><w:r><w:t>链接</w:t><w:noBreakHyphen/></w:r>'
                          '</w:hyperlink>'))
    assert paragraph_text(p._p) == Paragraph(p._p, None).text == "一般公共\t预算拨款\n收入链接-"
