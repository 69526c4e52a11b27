"""The gaps issue 5 closes: Y-5 (三公 text vs the prior-year column and the YoY table),
completion rates, N-5 from the project-expenditure table, and the shapes the real PDF
templates use (code prefixes, generic labels, earlier-year figures, 元 tables, 目录)."""

from __future__ import annotations

from decimal import Decimal

from govbudget.money import Unit
from govbudget.narrative import checks
from govbudget.narrative.bind import bind, quantities
from govbudget.narrative.claims import ClaimKind, extract_claims
from govbudget.narrative.rules import analyse
from govbudget.narrative.sections import build_narrative
from govbudget.readers.raw import RawBlock
from govbudget.tables import Disclosure, Scope, TableBuilder, TableKind
from govbudget.tables.model import BudgetTable


def disclosure(
    text: str, *tables: BudgetTable, year: int = 2026, title: str = "二、“三公”经费支出情况"
) -> Disclosure:
    blocks = [RawBlock(title, page=30)] if title else []
    blocks += [RawBlock(t, page=30) for t in text.split("\n")]
    return Disclosure(
        Scope.DEPARTMENT, "1", "某局", year, tables=tables, narrative=build_narrative(blocks)
    )


def rules(d: Disclosure) -> list[str]:
    a = analyse(d)
    assert a is not None
    return sorted(i.rule for i in a.issues if i.severity != "info")


THREE_WITH_PRIOR = (
    TableBuilder(TableKind.THREE_PUBLIC)
    .line("total", "合计", total="24.62", prior="27.32")
    .line("overseas", "因公出国(境)经费", total="5.00", prior="5.00")
    .line("vehicle", "公务用车购置及运行维护费", total="10.08", prior="11.78")
    .line("vehicle_operation", "公务用车运行维护费", total="10.08", prior="11.78")
    .line("reception", "公务接待费", total="9.54", prior="10.54")
    .build()
)
YANTAI = (  # the sentences of yantai-civilaffairs-2026 page 30, as printed
    "2026年通过一般公共预算财政拨款安排的“三公”经费预算共24.62万元，比上年减少2.7万元，"
    "下降9.88％。\n其中：1.因公出国（境）费5万元，与上年基本持平。\n"
    "2.公务用车运行维护费10.08万元，比上年减少1.7万元，下降14.43％。\n"
    "3.公务接待费9.54万元，比上年减少1万元，下降9.49％。"
)


def test_y5_changes_agree_with_the_prior_year_column() -> None:
    assert rules(disclosure(YANTAI, THREE_WITH_PRIOR)) == []


def test_y5_a_change_the_table_contradicts() -> None:
    bad = YANTAI.replace("比上年减少1万元，下降9.49％", "比上年减少2万元，下降17.33％")
    a = analyse(disclosure(bad, THREE_WITH_PRIOR))
    assert a is not None
    (y5,) = [i for i in a.issues if i.rule == "Y-5"]
    assert y5.expected == "-1.00" and y5.actual == "-2"
    flat = YANTAI.replace("5万元，与上年基本持平", "5万元，比上年增加1万元")
    assert "Y-5" in rules(disclosure(flat, THREE_WITH_PRIOR))


YOY = (
    TableBuilder(TableKind.THREE_PUBLIC_YOY)
    .line("overseas", "因公出国经费", prior="0", current="0", change="0")
    .line("vehicle_purchase", "公务用车购置经费", prior="0", current="0", change="0")
    .line("vehicle_operation", "公务用车运行经费", prior="6", current="6", change="0")
    .line("reception", "公务接待费支出", prior="0", current="0", change="0")
    .line("total", "合计", prior="6", current="6", change="0")
    .build()
)


def test_y5_amounts_against_the_yoy_table_alone() -> None:
    good = "三公经费6万元，与上年持平。其中：公务用车运行费6万元，与上年持平。"
    assert rules(disclosure(good, YOY)) == []
    a = analyse(disclosure(good.replace("运行费6万元", "运行费7万元"), YOY))
    assert a is not None
    assert [(i.rule, i.severity) for i in a.issues if i.rule == "Y-5"] == [("Y-5", "error")]
    moved = "三公经费6万元，比上年增加2万元。"
    assert rules(disclosure(moved, YOY)) == ["Y-5"]


def test_completion_rate_with_both_figures() -> None:
    ok = "2025年年初预算50万元，执行数为45万元，完成年初预算的90%。"
    assert checks.check_completion(extract_claims(ok)) == []
    (bad,) = checks.check_completion(extract_claims(ok.replace("90%", "95%")))
    assert (bad.rule, bad.expected) == ("N-21", "90.00")
    only_one = "2025年执行数为45万元，完成年初预算的95%。"  # the budget figure is not given
    assert checks.check_completion(extract_claims(only_one)) == []


PROJECTS = (
    TableBuilder(TableKind.PROJECT_EXPENDITURE)
    .line("total", "合计", total="276.00")
    .text_row("某局（本级）", total="276.00")
    .text_row("其他运行经费", total="94.00", texts={"category": "其他运转类"})
    .text_row("业务用房物业管理费", total="168.00", texts={"category": "特定目标类"})
    .text_row("机构运行辅助经费", total="14.00", texts={"category": "其他运转类"})
    .build()
)


def test_n5_projects_from_the_project_table() -> None:
    good = "项目支出276万元，包括其他运行经费、业务用房物业管理费、机构运行辅助经费。"
    d = disclosure(good, PROJECTS, title="")
    assert "N-5" not in rules(d)
    bad = "项目支出276万元，包括其他运行经费、业务用房物业管理费。"
    a = analyse(disclosure(bad, PROJECTS, title=""))
    assert a is not None
    (n5,) = [i for i in a.issues if i.rule == "N-5"]
    assert "机构运行辅助经费" in n5.message and "某局" not in n5.message


def test_a_project_amount_binds_to_its_row() -> None:
    qs = quantities(disclosure("", PROJECTS, title=""))
    assert set(k for k in qs if k.startswith("project:")) == {
        "project:其他运行经费",
        "project:业务用房物业管理费",
        "project:机构运行辅助经费",
    }
    (now,) = [
        c
        for c in extract_claims("业务用房物业管理费项目由2025年150万元增加至168万元。")
        if c.kind is ClaimKind.AMOUNT and not c.prior
    ]
    assert bind(now, qs).status == "exact"


GENERAL = (
    TableBuilder(TableKind.GENERAL_BUDGET)
    .line("total", "合计", total="69059.36")
    .row("204", "公共安全支出", total="34148.58")
    .row("20402", "公安", total="34148.58")
    .row("2040201", "行政运行", total="34148.58")
    .build()
)
EXPENDITURE = (
    TableBuilder(TableKind.EXPENDITURE)
    .line("total", "合计", total="81206.56")
    .row("2040201", "行政运行", total="34323.58")
    .build()
)


def test_code_prefixed_items_of_a_general_budget_section_bind_to_that_table() -> None:
    text = "（二）2040201-行政运行 34148.58 万元。主要用于行政运行。"
    d = disclosure(text, EXPENDITURE, GENERAL, title="二、一般公共预算拨款支出情况")
    a = analyse(d)
    assert a is not None
    ((c, status, b),) = a.amounts
    assert (c.code, status, b and b.key) == ("2040201", "bound", "general:functional:2040201")
    assert rules(d) == []


def test_an_item_restated_with_another_figure_is_reported() -> None:
    """wanli-2024 page 9 item 31: 350.35 in the heading, 352.67 in the restatement."""
    table = (
        TableBuilder(TableKind.EXPENDITURE, unit=Unit.YUAN)
        .line("total", "合计", total="3503499")
        .row("2210201", "住房公积金", total="3503499")
        .row("22102", "住房改革支出", total="3503499")
        .row("221", "住房保障支出", total="3503499")
        .build()
    )
    item = (
        "31.“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。"
        "2023年当年预算执行数为348.52万元，2024年预算安排{}万元，比2023年预算执行数增加0.53%。"
    )
    good = disclosure(item.format("350.35"), table, year=2024, title="2024年部门预算编制说明")
    a = analyse(good)
    assert a is not None
    assert [s for _, s, _ in a.amounts] == ["bound", "absent", "bound"]  # 348.52: an earlier year
    assert [i.rule for i in a.issues] == ["N-13"] and a.issues[0].severity == "info"
    bad = disclosure(item.format("352.67"), table, year=2024, title="2024年部门预算编制说明")
    assert rules(bad) == ["N-R2", "N-R4"]


def test_text_in_wan_of_a_yuan_table_is_not_a_rounding_note() -> None:
    table = (
        TableBuilder(TableKind.EXPENDITURE, unit=Unit.YUAN)
        .line("total", "合计", total="156211123")
        .build()
    )
    a = analyse(disclosure("支出预算15621.11万元。", table, title=""))
    assert a is not None and a.issues == ()
    a = analyse(disclosure("支出预算15621.1123万元。", table, title=""))
    assert a is not None and a.issues == ()
    a = analyse(disclosure("支出预算15621.2万元。", table, title=""))
    assert a is not None and [i.severity for i in a.issues] == ["error"]


def test_generic_label_takes_the_section_title() -> None:
    three = (
        TableBuilder(TableKind.THREE_PUBLIC).line("reception", "公务接待费", total="5.00").build()
    )
    d = disclosure("2026 年预算安排 5.00 万元，与上年持平。", three, title="（二）公务接待费")
    a = analyse(d)
    assert a is not None
    ((c, status, _),) = a.amounts
    assert (c.label, status) == ("公务接待费", "bound")
    d = disclosure("2026 年预算安排 6.00 万元，与上年持平。", three, title="（二）公务接待费")
    assert rules(d) == ["N-9"]


def test_basic_split_derived_from_economic_rows_is_a_warning() -> None:
    basic = (
        TableBuilder(TableKind.BASIC_EXPENDITURE)
        .line("total", "合计", total="100.00")
        .row("301", "工资福利支出", total="70.00")
        .row("302", "商品和服务支出", total="20.00")
        .row("303", "对个人和家庭的补助", total="10.00")
        .build()
    )
    qs = quantities(disclosure("", basic, title=""))
    assert (qs["basic.personnel"].value, qs["basic.public"].value) == (
        Decimal("80.00"),
        Decimal("20.00"),
    )
    assert qs["basic.public"].derived
    assert rules(disclosure("人员经费80万元，公用经费20万元。", basic, title="")) == []
    a = analyse(disclosure("人员经费75万元，公用经费25万元。", basic, title=""))
    assert a is not None and {(i.rule, i.severity) for i in a.issues} == {("N-4", "warning")}


def test_running_costs_from_their_own_table_and_as_xingzheng_jingfei() -> None:
    own = TableBuilder(TableKind.OPERATION_EXPENSES).line("total", "合计", total="625.43").build()
    assert quantities(disclosure("", own, title=""))["running_costs"].value == Decimal("625.43")
    three = (
        TableBuilder(TableKind.THREE_PUBLIC)
        .line("administrative", "行政经费", total="523.62")
        .build()
    )
    d = disclosure("2026年，本部门机关运行经费安排523.62万元。", three, title="")
    assert rules(d) == []
    assert rules(disclosure("2026年，本部门机关运行经费安排532.62万元。", three, title="")) == [
        "N-7"
    ]


def test_organisation_name_before_the_label() -> None:
    summary = (
        TableBuilder(TableKind.SUMMARY)
        .line("total", "收入总计", side="income", income="351904.90")
        .build()
    )
    d = disclosure("2026 年,福州市医疗保障局收入预算为 351904.90 万元。", summary, title="")
    assert rules(d) == []
    d = disclosure("2026 年,福州市医疗保障局收入预算为 351904.09 万元。", summary, title="")
    assert rules(d) == ["N-1"]


def test_table_of_contents_headings_are_not_empty_sections() -> None:
    n = build_narrative(
        [
            RawBlock("目录", heading=True),
            RawBlock("一、主要职责"),
            RawBlock("二、机构设置"),
            RawBlock("一、部门主要职责....................2", heading=True),
            RawBlock("第一部分 部门概况"),
            RawBlock("一、主要职责"),
            RawBlock("负责全市的……。"),
            RawBlock("二、机构设置"),
            RawBlock("本部门包括……。"),
        ]
    )
    assert checks.check_text_defects(n) == []
    assert not any("....." in s.title for s in n)
    lone = build_narrative([RawBlock("一、主要职责"), RawBlock("二、机构设置"), RawBlock("……。")])
    assert [i.rule for i in checks.check_text_defects(lone)] == ["N-18"]


def test_class_headings_inherit_the_enclosing_section() -> None:
    n = build_narrative(
        [
            RawBlock("五、一般公共预算支出预算情况说明"),
            RawBlock("（二）教育支出（类）"),
            RawBlock("1.职业教育（款）技校教育（项）支出 11,543.08 万元。"),
        ]
    )
    assert [s.kind.value for s in n] == ["general_budget", "general_budget"]


def test_y5_a_change_from_figures_rounded_to_the_text_s_unit() -> None:
    # the table in 元, the text in 万元 with 2 decimals: 5.44 = 20.23 − 14.79 (W089 p.23),
    # while 202300 − 147850 = 54450 元 = 5.445 万元
    table = (
        TableBuilder(TableKind.THREE_PUBLIC, unit=Unit.YUAN)
        .line("total", "合计", total="202300", prior="147850")
        .line("meeting", "会议费", total="202300", prior="147850")
        .build()
    )
    text = "会议费预算20.23万元，较上年增加5.44万元（36.78%）。"
    assert "Y-5" not in rules(disclosure(text, table))
    # not the difference of the rounded figures either: a real disagreement
    assert "Y-5" in rules(disclosure(text.replace("5.44万元", "5.42万元"), table))
