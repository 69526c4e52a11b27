"""The text loader and the assembly of the seed into its department and unit disclosures."""

from __future__ import annotations

from decimal import Decimal

import pytest

import govbudget
from conftest import SHARED_SEED, skip_without_shared
from govbudget import limits
from govbudget.errors import LoadError
from govbudget.money import Unit
from govbudget.readers.assemble import assemble
from govbudget.readers.text import read_text, read_text_file
from govbudget.tables import Scope, TableKind, UnitKind

STANDARD = (
    TableKind.SUMMARY, TableKind.REVENUE, TableKind.EXPENDITURE, TableKind.FISCAL_SUMMARY,
    TableKind.GENERAL_BUDGET, TableKind.BASIC_EXPENDITURE, TableKind.GOV_FUND,
    TableKind.SOE_CAPITAL, TableKind.THREE_PUBLIC,
)


@pytest.fixture(scope="module")
def doc() -> govbudget.Document:
    return govbudget.example()


def test_seed_has_department_and_unit(doc: govbudget.Document) -> None:
    parts = list(doc.walk())
    assert [(d.scope, d.code, d.year) for d in parts] == [
        (Scope.DEPARTMENT, "323", 2023), (Scope.UNIT, "323001", 2023)]
    dept, unit = parts
    assert dept.units == (unit,)
    assert dept.name == "保定市莲池区人力资源和社会保障局"
    assert unit.name == "保定市莲池区人力资源和社会保障局本级"
    assert unit.unit_kind is UnitKind.ADMINISTRATIVE
    for d in parts:
        assert d.unit is Unit.WAN
        for kind in STANDARD:
            assert d.table(kind) is not None, (d.code, kind)
        assert d.table(TableKind.THREE_PUBLIC_YOY) is not None
        assert d.table(TableKind.FIXED_ASSETS) is not None


def test_seed_bundled_copy_is_the_seed() -> None:
    skip_without_shared(SHARED_SEED)
    from importlib import resources

    bundled = resources.files("govbudget.examples").joinpath("lianchi-hrss-2023-budget.txt")
    assert bundled.read_bytes() == SHARED_SEED.read_bytes()


def test_summary_table_values(doc: govbudget.Document) -> None:
    t = doc.disclosures[0].table(TableKind.SUMMARY)
    assert t is not None
    income = {r.line: r.cell("income") for r in t.rows if r.side == "income"}
    assert income["general_budget"].value == Decimal("433.88")
    assert income["gov_fund"].is_blank
    assert income["carryover"].value == Decimal("3.00")
    assert income["total"].value == Decimal("436.88")
    spent = t.line("subtotal", side="expenditure")
    assert spent is not None and spent.cell("expenditure").value == Decimal("436.88")
    assert t.line("carryforward", side="expenditure").cell("expenditure").is_blank  # type: ignore[union-attr]
    codes = [r.code for r in t.code_rows(side="expenditure")]
    assert codes[:3] == ["201", "202", "203"] and "234" in codes
    row_208 = t.row("208", side="expenditure")
    assert row_208 is not None and row_208.cell("expenditure").value == Decimal("390.68")


def test_code_tables_keep_codes_names_and_columns(doc: govbudget.Document) -> None:
    t = doc.disclosures[0].table(TableKind.REVENUE)
    assert t is not None
    assert [c.key for c in t.columns] == [
        "total", "current", "fiscal", "special_account", "business", "operating",
        "superior_subsidy", "affiliated_remit", "other", "carryover"]
    assert [c.number for c in t.columns] == list(range(3, 13))
    r = t.row("2080799")
    assert r is not None and r.name == "其他就业补助支出"
    assert r.cell("carryover").value == Decimal("3.00") and r.cell("current").is_blank
    basic = doc.disclosures[0].table(TableKind.BASIC_EXPENDITURE)
    assert basic is not None and basic.row("30231").cell("public").value == Decimal("6.00")  # type: ignore[union-attr]


def test_three_public_tables(doc: govbudget.Document) -> None:
    dept, unit = doc.walk()
    three = govbudget.ThreePublicExpenses.from_table(dept.table(TableKind.THREE_PUBLIC))  # type: ignore[arg-type]
    assert three.vehicle_operation.total.value == Decimal("6.00")
    assert three.overseas.general.text() == "0.00"  # an explicit 0.00, not a blank
    # the seed's unit 三公 table carries the department's header (docs/domain.md §9 defect 9)
    header = unit.table(TableKind.THREE_PUBLIC).header  # type: ignore[union-attr]
    assert header is not None and header.code == "323"
    yoy = dept.table(TableKind.THREE_PUBLIC_YOY)
    assert yoy is not None
    assert [c.key for c in yoy.columns] == ["prior", "current", "change", "reason"]
    assert yoy.line("vehicle_operation").cell("current").text() == "6"  # type: ignore[union-attr]
    assert yoy.line("total").texts["reason"] == "无增减变化"  # type: ignore[union-attr]


def test_json_round_trip_is_lossless(doc: govbudget.Document) -> None:
    assert govbudget.from_json(govbudget.to_json(doc)) == doc


def test_multi_line_cell_and_title_detection() -> None:
    text = (
        "1、某项目绩效目标表\n\t绩效目标\n\t1.第一句\n2.第二句\n\n\t一级指标\n\t指标值\n\n"
        "\t产出指标\n\t≥1个\n正文。\n"
    )
    raw = read_text(text)
    t = next(raw.tables())
    assert t.title == "1、某项目绩效目标表"
    assert t.rows[0] == ("绩效目标", "1.第一句\n2.第二句")
    assert [b.text for b in raw.blocks()] == ["正文。"]


def test_oversized_text_is_refused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 1000)
    with pytest.raises(LoadError) as err:
        read_text_file(path)
    assert str(path) in str(err.value)


def test_text_limit_is_the_shared_limit(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # regression: text.py kept its own copy of the limit, so patching limits did nothing
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 10)
    with pytest.raises(LoadError, match="at most 10 characters"):
        read_text("x" * 11)
    path = tmp_path / "eleven.txt"
    path.write_text("x" * 11, encoding="utf-8")
    with pytest.raises(LoadError, match=r"eleven\.txt.*expected at most 10 bytes for text"):
        govbudget.load(path)


def test_missing_file_names_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LoadError, match=r"nothing\.txt"):
        govbudget.load(tmp_path / "nothing.txt")


def test_amount_column_text_is_kept_as_unparsed() -> None:
    text = ("部门支出总表\n\t100部门\n\t预算年度：2023\n\t单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\n"
            "\t\n\t合计\n\t1.00\n\n\t208\n\t社会保障和就业支出\n\t约一万\n\n"
            "\t20801\n\t人力资源和社会保障管理事务\n\t0.50\n\n\t2080101\n\t行政运行\n\t0.50\n"
            "\n\t210\n\t卫生健康支出\n\t0.50\n\n\t21011\n\t行政事业单位医疗\n\t0.50\n")
    doc = assemble(read_text(text))
    d = doc.disclosures[0]
    assert [u.text for u in d.unparsed] == ["约一万"]
    row = d.tables[0].row("208")
    assert row is not None and row.texts["total"] == "约一万"


def test_notes_under_a_table_are_its_note(doc: govbudget.Document) -> None:
    """Regression: 注：… 空表列示 under an empty table is that table's note, not narrative."""
    dept = doc.disclosures[0]
    fund = dept.table(TableKind.GOV_FUND)
    assert fund is not None and fund.note == "注：无政府基金预算财政拨款预算，空表列示。"
    procurement = dept.table(TableKind.PROCUREMENT)
    assert procurement is not None and procurement.note is not None
    assert procurement.note.endswith("注：无政府采购预算，空表列示。")  # two notes, both kept
    assert dept.narrative is not None
    assert "空表列示" not in "".join(s.text for s in dept.narrative.sections)


def test_a_row_with_only_a_long_name_is_a_row_not_a_note() -> None:
    """Regression: an expenditure line printed with a blank amount stays a row."""
    text = ("部门收支总表\n\t100部门\n\t预算年度：2023\n\t单位：万元\n\n"
            "\t项目\n\t预算数\n\t项目\n\t预算数\n\n"
            "\t一、一般公共预算拨款收入\n\t1.00\n\t一、社会保障和就业支出\n\t1.00\n\n"
            "\t\n\t\n\t十三、资源勘探工业信息等支出\n\t\n\n"
            "\t收入总计\n\t1.00\n\t支出总计\n\t1.00\n")
    t = assemble(read_text(text)).disclosures[0].tables[0]
    assert t.note is None
    assert t.row("215", side="expenditure") is not None


def test_a_narrative_only_disclosure_is_a_disclosure() -> None:
    """Regression: a budget narrative published without its tables (a corpus category) is a
    disclosure with a narrative, while prose with no budget sections invents none."""
    from govbudget.readers.assemble import assemble
    from govbudget.readers.text import read_text

    narrative = ("某某局2026年部门预算情况说明\n一、部门主要职责\n负责全区人力资源工作。\n"
                 "二、收入预算情况\n2026年收入预算100.00万元。\n"
                 "三、支出预算情况\n2026年支出预算100.00万元。\n")
    doc = assemble(read_text(narrative))
    assert len(doc.disclosures) == 1 and doc.disclosures[0].narrative is not None
    prose = assemble(read_text("关于本单位的一些说明。\n这里没有任何预算表格。\n"))
    assert prose.disclosures == () and len(prose.unparsed) == 2
