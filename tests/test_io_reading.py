"""Reading that generalises: each failure class on a corpus page that shows it (checked by eye).

Each test names the document and page (../shared/corpus, ``manifest.tsv``) and states what
the page prints; the reading must give exactly that. Pure-string cases of the same
mechanisms are tested without ../shared at the end.
"""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest

from conftest import CORPUS, skip_without_shared
from govbudget.readers.assemble import assemble
from govbudget.readers.load import read_raw
from govbudget.readers.raw import RawDocument
from govbudget.tables import BudgetTable, Disclosure, Document, TableKind
from govbudget.tables.model import UnitBasis

K = TableKind


@functools.cache
def _read(name: str) -> tuple[RawDocument, Document]:
    path = CORPUS / f"{name}.pdf"
    skip_without_shared(path)
    pytest.importorskip("pdfplumber")
    raw = read_raw(path)
    return raw, assemble(raw)


def _doc(name: str) -> Disclosure:
    return _read(name)[1].disclosures[0]


def _table(name: str, kind: TableKind, title: str | None = None) -> BudgetTable:
    found = [t for d in _read(name)[1].walk() for t in d.tables
             if t.kind is kind and (title is None or title in (t.title or ""))]
    assert found, (name, kind, [(t.kind.name, t.title) for t in _doc(name).tables])
    return found[0]


def _amount(t: BudgetTable, key: str, line: str = "total", side: str | None = None) -> Decimal:
    row = t.line(line, side)
    assert row is not None, (t.title, line)
    value = row.cell(key).value
    assert value is not None, (t.title, line, key)
    return value


# -- titles -------------------------------------------------------------------------------


def test_numbered_titles_inside_the_frame_after_blank_rows() -> None:
    """W015 p1: 预算01表 收支总表 printed inside the ruled frame, under a blank row, beside
    a blank margin column; 金额单位：万元 in the frame's last cell."""
    t = _table("W015", K.SUMMARY)
    assert t.title == "预算01表 收支总表" and t.header is not None and t.header.unit_text == "万元"
    assert [c.key for c in t.columns] == ["income", "expenditure"]
    assert _amount(t, "income", "general_budget", "income") == Decimal("29569.515638")


def test_title_and_caption_fused_in_one_cell() -> None:
    """W007 p12: '2026年预算单位财政拨款收支预算总表编制单位：… 单位：元' in one cell."""
    t = _table("W007", K.FISCAL_SUMMARY)
    assert t.title == "2026年预算单位财政拨款收支预算总表"
    assert t.unit.value == "元" and t.header is not None and t.header.name == "上海市医疗保险事业管理中心"


def test_table_of_contents_is_never_a_title() -> None:
    """W066 p13 lists 表1.…表10. on a contents page; p15 prints 表1：2026年市级部门收支预算总表."""
    titles = [t.title for t in _doc("W066").tables]
    assert titles[0] == "表1：2026年市级部门收支预算总表"
    assert not any(t and t.startswith("表11.") for t in titles[:1])
    assert {K.SUMMARY, K.REVENUE, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GENERAL_BUDGET,
            K.BASIC_EXPENDITURE, K.THREE_PUBLIC, K.GOV_FUND, K.SOE_CAPITAL} <= {
        t.kind for t in _doc("W066").tables}


def test_title_fused_with_its_caption_line_above_the_grid() -> None:
    """W121 p3: the line '收支预算总表部门：中共江苏省委办公厅 单位：万元' above the grid."""
    t = _table("W121", K.SUMMARY)
    assert t.title == "收支预算总表"
    assert _doc("W121").name == "中共江苏省委办公厅"


def test_a_contact_line_above_the_title_is_not_the_department() -> None:
    """W038 p8: '部门预算公开联系人：… 联系方式：…' printed above 表一's title."""
    assert _doc("W038").name == "中共重庆市委宣传部"


def test_grid_holding_the_end_of_one_table_and_the_next() -> None:
    """W120 p9: the frame ends the 收支总表 and, after a row '收入预算总表' and a row
    '部门： | 江苏省人大常委会办公厅 | 单位：万元', holds the 收入预算总表."""
    t = _table("W120", K.REVENUE)
    assert t.title == "收入预算总表"
    assert t.header is not None and t.header.name == "江苏省人大常委会办公厅"
    assert _amount(t, "total") == Decimal("13649.07")


def test_continuation_with_repeated_counter_row() -> None:
    """W078 p18–19: the 基本支出表 repeats its '** ** 1 2 3' row at the top of p19."""
    t = _table("W078", K.BASIC_EXPENDITURE)
    assert not [r for r in t.rows if r.code is None and r.line is None]
    assert t.row("30202") is not None and t.row("30202").cell("public").value == Decimal("14.00")
    assert [c.key for c in t.columns] == ["total", "personnel", "public"]  # 人员类 / 公用经费


# -- headers ------------------------------------------------------------------------------


def test_basic_spanning_personnel_and_public_without_a_column_of_its_own() -> None:
    """W066 p17: 基本支出 spans 人员支出 | 日常公用支出; no 基本支出 column is printed."""
    t = _table("W066", K.EXPENDITURE)
    keys = [c.key for c in t.columns]
    assert keys[:4] == ["total", "personnel", "public", "project"] and "basic" not in keys
    assert _amount(t, "personnel") == Decimal("2906.80")


def test_group_subcolumn_named_after_its_group_and_total_amount() -> None:
    """W015 p11: 项目支出 over 项目支出总数 | 扣除基建项目后预算数: the first is 项目支出."""
    t = _table("W015", K.GENERAL_BUDGET)
    assert [c.key for c in t.columns][:5] == ["total", "basic", "personnel", "public", "project"]
    row = t.row("2040601")
    assert row is not None and row.cell("project").value == Decimal("149.376000")


def test_generic_heading_is_the_total_column() -> None:
    """W121 p9: 功能科目代码 | 功能科目名称 | 金额 — 金额 is the table's total."""
    t = _table("W121", K.GENERAL_BUDGET)
    assert [c.key for c in t.columns] == ["total"] and _amount(t, "total") == Decimal("24458.43")


def test_three_public_by_year_and_fund() -> None:
    """W025 p38: 三公 items across, each split by fund, rows 2025年 / 2026年 / 增减变化金额."""
    t = _table("W025", K.THREE_PUBLIC)
    overseas = t.line("overseas")
    assert overseas is not None
    assert overseas.cell("general").value == Decimal("41.60")
    assert overseas.cell("prior_general").value == Decimal("41.60")
    vehicle = t.line("vehicle")
    assert vehicle is not None and vehicle.cell("change_general").value == Decimal("-1.20")
    assert _amount(t, "general") == Decimal("58.46") and _amount(t, "prior_general") == Decimal("59.66")


def test_three_public_with_prior_current_change_groups() -> None:
    """W087 p33: 上年 | 当年 | 增减变化情况 groups; 合计 (三公+会议+培训) apart from the 三公 小计."""
    t = _table("W087", K.THREE_PUBLIC)
    assert _amount(t, "total") == Decimal("30000.00") and _amount(t, "prior") == Decimal("40000.00")
    assert _amount(t, "change") == Decimal("-10000.00")
    assert _amount(t, "total", "total_all") == Decimal("260000.00")


# -- rows and codes -----------------------------------------------------------------------


def test_fused_codes_and_several_classifications() -> None:
    """W015 p13: '50101-工资奖金津补贴 | 30101-基本工资': the 部门经济 code is the row's code,
    the 政府经济 one kept as text."""
    t = _table("W015", K.BASIC_EXPENDITURE)
    row = next(r for r in t.rows if r.code == "30101")
    assert row.name == "基本工资" and "50101-工资奖金津补贴" in row.texts.values()


def test_split_codes_with_the_class_left_blank() -> None:
    """W078 p13: 类 | 款 | 项 columns; the 款 row prints only '40'."""
    t = _table("W078", K.REVENUE)
    assert [r.code for r in t.code_rows()] == ["201", "20140", "2014001", "2014004"]


def test_two_digit_kuan_in_one_code_column() -> None:
    """W095 p33: one code column printing 201, then '10 人力资源事务', then 2011007."""
    t = _table("W095", K.GENERAL_BUDGET)
    codes = [r.code for r in t.code_rows()][:4]
    assert codes == ["201", "20110", "2011007", "2011004"]


def test_names_only_rows_coded_through_the_catalogue() -> None:
    """W025 p16: the 收支总表 expenditure side prints 类, 款 and 项 names, no codes."""
    t = _table("W025", K.SUMMARY)
    named = {r.name: r.code for r in t.rows if r.side == "expenditure" and r.code}
    assert named["财政事务"] == "20106" and named["行政运行"] == "2010601"
    assert named["抚恤"] == "20808" and named["死亡抚恤"] == "2080801"
    assert t.remarks and "coded from their names" in t.remarks[0]


def test_names_only_economic_table() -> None:
    """W066 p20: 经济分类科目名称 only (工资福利支出, 基本工资 …)."""
    t = _table("W066", K.BASIC_EXPENDITURE)
    assert [r.code for r in t.code_rows()][:3] == ["301", "30101", "30102"]
    assert t.row("30399") is not None


def test_total_labelled_with_the_units_name() -> None:
    """W025 p20: the 支出总表's first row is '深圳市财政局（本级）' with the table's total."""
    t = _table("W025", K.EXPENDITURE)
    total = t.line("total")
    assert total is not None and total.name == "深圳市财政局（本级）"
    assert total.cell("total").value == Decimal("37385.88")


def test_unit_sections_and_department_row() -> None:
    """W034 p65: a department row, then each unit's row followed by its code rows."""
    t = _table("W034", K.EXPENDITURE)
    assert t.breakdown == "unit"
    assert _amount(t, "total") == Decimal("571347.93")
    units = [r.name for r in t.rows if r.line == "unit"]
    assert units[0] == "深圳市人力资源和社会保障局（本级）" and len(units) >= 20


def test_unlabelled_lone_total_row() -> None:
    """W015 p3: 收入总表 prints one row of amounts and no label: the total."""
    t = _table("W015", K.REVENUE)
    assert _amount(t, "total") == Decimal("29956.265460")


def test_unit_code_in_the_code_column() -> None:
    """W090 p10: '125001 | 西安市安全生产监督管理局' in the 部门经济科目编码 column."""
    t = _table("W090", K.GENERAL_BUDGET_ECONOMIC)
    row = next(r for r in t.rows if r.line == "unit")
    assert row.texts["unit_code"] == "125001" and row.code is None


def test_codes_repeated_without_unit_rows() -> None:
    """W015 p4: the 支出总表 lists function × economic rows: a 项 code on many rows."""
    assert _table("W015", K.EXPENDITURE).breakdown == "repeated"


# -- variants -----------------------------------------------------------------------------


def test_summary_split_by_basic_and_project() -> None:
    """W078 p12: the 收支总表's expenditure side is 一、基本支出 / 二、项目支出."""
    t = _table("W078", K.SUMMARY)
    assert _amount(t, "expenditure", "basic", "expenditure") == Decimal("1517.95")
    assert _amount(t, "expenditure", "project", "expenditure") == Decimal("417.41")


def test_summary_printed_in_several_classifications() -> None:
    """W087 p20: 支出功能分类 | 部门预算支出经济分类 | 政府预算支出经济分类 side by side."""
    t = _table("W087", K.SUMMARY)
    assert [c.key for c in t.columns] == ["income", "expenditure"]
    row = t.row("201", "expenditure")
    assert row is not None and row.cell("expenditure").value == Decimal("72302752.62")
    apart = [x.title for x in _doc("W087").tables if x.title and x.title.startswith("表1 部门")]
    assert len(apart) == 3  # the table, and its two economic blocks as tables of their own


def test_revenue_by_fund_source() -> None:
    """W121 p4: 收入预算总表 rows are fund sources (一般公共预算资金 | 小计 …), not functions."""
    t = _table("W121", K.REVENUE)
    assert t.breakdown == "source" and _amount(t, "total") == Decimal("24458.43")


def test_basic_table_by_function_is_its_own_kind() -> None:
    """W087 p27: 一般公共预算基本支出明细表（按支出功能分类科目）."""
    t = _table("W087", K.BASIC_FUNCTIONAL)
    assert t.row("2010301") is not None
    assert _table("W087", K.BASIC_EXPENDITURE).row("30101") is not None


def test_gov_fund_summary_is_not_a_new_part() -> None:
    """W095 p41: 表9 政府性基金收支总表 is the 政府性基金 table, not a second 收支总表."""
    doc = _read("W095")[1]
    assert len(doc.disclosures) == 1 and not doc.disclosures[0].units
    assert _table("W095", K.GOV_FUND).title == "表9 2020年部门综合预算政府性基金收支总表"


# -- units --------------------------------------------------------------------------------


def test_unit_after_the_caption_without_colon() -> None:
    """W116 p39: '606-湖州市交通运输局 万元' under the title."""
    d = _doc("W116")
    assert (d.code, d.name) == ("606", "湖州市交通运输局")
    assert all(t.unit_basis is UnitBasis.STATED for t in d.tables if t.kind is not K.OTHER)


# -- performance targets ------------------------------------------------------------------


def test_one_grid_listing_many_projects() -> None:
    """W015 p24–46: 预算12表 lists the projects one after the other, each named in its
    first row; continuation grids lose the margin column or print only the right-hand
    columns under merged cells."""
    targets = _doc("W015").performance
    names = [t.name for t in targets]
    assert "11000022T000000444194-法律援助办案补贴" in names and len(targets) >= 25
    first = targets[0]
    assert first.amount == Decimal("560.000000") and first.goals
    assert {i.level1 for t in targets for i in t.indicators} <= {
        "产出指标", "效益指标", "满意度指标", "成本指标"}


def test_levels_fused_in_one_cell_department_wide() -> None:
    """W015 p47: 部门整体支出绩效目标表, '产出指标数量指标北京市行政执法资格考试人数'."""
    dept = [t for t in _doc("W015").performance if t.scope.value == "department"]
    assert len(dept) == 1
    first = dept[0].indicators[0]
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "北京市行政执法资格考试人数")


def test_indicators_listed_in_one_cell() -> None:
    """W055 p1: '1、1-产出指标；11-数量指标；会议活动保障次数；…年度指标值:每年≥20场。…'"""
    targets = _doc("W055").performance
    t = next(t for t in targets if t.name.endswith("穗智管运营服务项目"))
    assert t.amount == Decimal("1391.47") and len(t.indicators) == 7
    assert (t.indicators[0].level1, t.indicators[0].level2, t.indicators[0].value_raw) == (
        "产出指标", "数量指标", "每年≥20场")


def test_a_subtotal_spanning_both_expenditure_blocks_keeps_its_amount() -> None:
    """Regression (江苏省级 收支预算总表, W121 p.3, W120 p.8): 当年支出小计 is a merged cell over
    the 功能分类 and 支出用途 blocks, its amount printed at the right edge under 支出用途 (read
    apart): the functional block's subtotal was blank, a false T1-2."""
    from govbudget.readers._blocks import carried_from_apart

    rows = [("项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"),
            ("一、财政拨款", "10.00", "一、一般公共服务支出", "10.00", "一、基本支出", "10.00"),
            ("当年收入小计", "10.00", "当年支出小计", "", "", "10.00")]
    got = carried_from_apart(rows, 1, (0, 1, 2, 3), [("支出用途", (4, 5))])
    assert got[2] == ("当年收入小计", "10.00", "当年支出小计", "10.00", "", "")
    assert got[1] == rows[1]  # a row whose blocks each print their own amount is kept


def test_w121_subtotal_at_the_right_edge_is_read() -> None:
    t = _table("W121", K.SUMMARY)
    assert _amount(t, "expenditure", "subtotal", "expenditure") == Decimal("24458.43")
