"""Rules on templates other than the seed's: columns, levels and lines a table does not
print are skipped (with a reason), not read as blanks; real defects still fire.

Each test is a regression test for one assumption the rules used to make (found on the
sample PDFs of tests/test_rules_samples.py).
"""

from __future__ import annotations

from govbudget.rules import Status, check
from govbudget.rules.catalogue import bare_name
from govbudget.tables import Disclosure, Scope, TableBuilder, TableKind
from govbudget.tables.model import BudgetTable, standard_columns

K = TableKind
INC, EXP = "income", "expenditure"


def builder(kind: TableKind, *keys: str) -> TableBuilder:
    """A builder whose table prints only the columns ``keys``."""
    cols = tuple(c for c in standard_columns(kind) if c.key in keys)
    return TableBuilder(kind, columns=cols)


def disclosure(*tables: BudgetTable) -> Disclosure:
    return Disclosure(Scope.UNIT, "1", "单位", 2023, tables=tables)


def outcome(report, rule: str) -> Status:  # type: ignore[no-untyped-def]
    return next(o for o in report.outcomes if o.rule == rule).status


def errors(report) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    """Every error, those listed inside another finding as its consequences too."""
    return sorted((f.rule, f.location.column) for f in report.all_findings()
                  if f.severity.value == "error")


# ---- 财政拨款收支总表 with one 合计 column (Fuzhou, Guangzhou, Quanzhou, Wuxi) ------------

def fiscal_single(total: str = "100.00", spent: str = "100.00") -> BudgetTable:
    b = builder(K.FISCAL_SUMMARY, "income", "total")
    b.line("general_budget", "一般公共预算拨款收入", side=INC, income="100.00")
    b.line("subtotal", "本年收入合计", side=INC, income="100.00")
    b.line("total", "收入总计", side=INC, income="100.00")
    b.row("208", "社会保障和就业支出", side=EXP, total="100.00")
    b.line("subtotal", "本年支出合计", side=EXP, total=spent)
    b.line("total", "支出总计", side=EXP, total=total)
    return b.build()


def test_single_column_fiscal_summary_skips_fund_columns() -> None:
    general = (TableBuilder(K.GENERAL_BUDGET).line("total", "合计", total="100.00", basic="100.00")
               .row("208", "社会保障和就业支出", total="100.00", basic="100.00").build())
    report = check(disclosure(fiscal_single(), general), select=["arithmetic", "cross-table"])
    assert report.errors == ()
    for rule in ("T4-4", "T4-6", "X-10"):
        assert outcome(report, rule) is Status.SKIPPED, rule


def test_single_column_fiscal_summary_still_reports_its_imbalance() -> None:
    report = check(disclosure(fiscal_single(total="100.02")), select=["T4-5"])
    assert errors(report) == [("T4-5", "合计"), ("T4-5", "合计")]  # vs 本年支出, vs 收入总计
    assert "0.02" in report.errors[0].message


# ---- 财政拨款收支总表 without 本年收入合计 (Shanghai) -----------------------------------

def test_fiscal_summary_without_income_subtotal_is_computed() -> None:
    def table(total: str) -> BudgetTable:
        b = builder(K.FISCAL_SUMMARY, "income", "total", "general", "fund", "soe")
        b.line("general_budget", "一、一般公共预算资金", side=INC, income="90.00")
        b.line("gov_fund", "二、政府性基金", side=INC, income="10.00")
        b.line("total", "收入总计", side=INC, income=total)
        b.row("208", "社会保障和就业支出", side=EXP, total="100.00", general="90.00", fund="10.00")
        b.line("total", "支出总计", side=EXP, total="100.00", general="90.00", fund="10.00")
        return b.build()

    assert check(disclosure(table("100.00")), select=["T4-3"]).errors == ()
    assert errors(check(disclosure(table("101.00")), select=["T4-3"])) == [("T4-3", "金额")]


# ---- 基本支出表 without 人员经费 / 公用经费 (Fuzhou, Guangzhou, Quanzhou) --------------------

def test_basic_table_with_total_only_skips_personnel_rules() -> None:
    b = builder(K.BASIC_EXPENDITURE, "total")
    b.line("total", "合计", total="10.00")
    b.row("301", "工资福利支出", total="10.00").row("30101", "基本工资", total="10.00")
    report = check(disclosure(b.build()), select=["T6-1", "P-1", "P-2", "T6-2", "T6-3"])
    assert report.errors == ()
    for rule in ("T6-1", "P-1", "P-2"):
        assert outcome(report, rule) is Status.SKIPPED, rule
    assert outcome(report, "T6-3") is Status.PASSED


# ---- 收入总表 without 本年收入小计, by unit, with split fiscal columns ---------------------

def test_revenue_without_current_column_sums_the_sources() -> None:
    def table(total: str) -> BudgetTable:
        b = builder(K.REVENUE, "total", "fiscal", "general", "fund", "business", "carryover")
        b.line("total", "合计", total=total, fiscal="8.00", general="5.00", fund="3.00", business="1.00",
               carryover="1.00")
        b.row("208", "社会保障和就业支出", total=total, fiscal="8.00", general="5.00", fund="3.00",
              business="1.00", carryover="1.00")
        return b.build()

    ok = check(disclosure(table("10.00")), select=["T2-1", "T2-2"])
    assert ok.errors == ()
    assert outcome(ok, "T2-2") is Status.SKIPPED
    # fiscal is the 财政拨款 subtotal here: general and fund are not counted again
    assert errors(check(disclosure(table("13.00")), select=["T2-1"])) == [("T2-1", "合计"),
                                                                       ("T2-1", "合计")]


def test_revenue_by_unit_skips_code_rules() -> None:
    r = builder(K.REVENUE, "total", "general", "carryover")
    r.line("total", "合计", total="10.00", general="10.00")
    r.text_row("某某局本级", total="10.00", general="10.00")
    e = (TableBuilder(K.EXPENDITURE).line("total", "合计", total="10.00", basic="10.00")
         .row("208", "社会保障和就业支出", total="10.00", basic="10.00").build())
    s = TableBuilder(K.SUMMARY)
    s.line("general_budget", "一般公共预算拨款收入", side=INC, income="10.00")
    s.line("total", "收入总计", side=INC, income="10.00")
    s.row("208", "社会保障和就业支出", side=EXP, expenditure="10.00")
    s.line("total", "支出总计", side=EXP, expenditure="10.00")
    f = builder(K.FISCAL_SUMMARY, "income", "total")
    f.line("general_budget", "一般公共预算拨款收入", side=INC, income="10.00")
    f.line("subtotal", "本年收入合计", side=INC, income="10.00")
    report = check(disclosure(r.build(), e, s.build(), f.build()),
                   select=["arithmetic", "cross-table"])
    assert report.errors == ()
    assert outcome(report, "T2-4") is Status.SKIPPED
    assert outcome(report, "X-7") is Status.SKIPPED
    assert outcome(report, "X-1") is Status.PASSED  # 一般公共预算 column stands for 财政拨款
    assert outcome(report, "X-5") is Status.PASSED  # 支出总计 stands for 本年支出合计


# ---- only 项 codes printed (Quanzhou) ----------------------------------------------------

def flat(total: str) -> BudgetTable:
    b = TableBuilder(K.EXPENDITURE)
    b.line("total", "合计", total=total, basic=total)
    b.row("2040201", "行政运行", total="7.00", basic="7.00")
    b.row("2080505", "机关事业单位基本养老保险缴费支出", total="3.00", basic="3.00")
    return b.build()


def test_only_item_codes_compare_total_with_top_printed_level() -> None:
    s = TableBuilder(K.SUMMARY)
    s.row("204", "公共安全支出", side=EXP, expenditure="7.00")
    s.row("208", "社会保障和就业支出", side=EXP, expenditure="3.00")
    report = check(disclosure(flat("10.00"), s.build()), select=["T3-2", "T2-5", "X-6"])
    assert report.errors == ()
    assert outcome(report, "T2-5") is Status.SKIPPED
    assert outcome(report, "X-6") is Status.PASSED
    assert errors(check(disclosure(flat("11.00")), select=["T3-2"])) == [("T3-2", "合计"),
                                                                      ("T3-2", "基本支出")]


def test_a_missing_parent_in_a_hierarchical_table_is_still_reported() -> None:
    b = TableBuilder(K.EXPENDITURE).line("total", "合计", total="10.00", basic="10.00")
    b.row("208", "社会保障和就业支出", total="7.00", basic="7.00")
    b.row("20805", "行政事业单位养老支出", total="7.00", basic="7.00")
    b.row("2080505", "机关事业单位基本养老保险缴费支出", total="7.00", basic="7.00")
    b.row("2101101", "行政单位医疗", total="3.00", basic="3.00")
    assert [f.rule for f in check(disclosure(b.build()), select=["T2-5"]).errors] == ["T2-5"]


# ---- a 基本支出表 repeating 部门经济分类 codes per 政府经济分类 (Yantai 公开表6) -------------

def repeated(personnel: str) -> BudgetTable:
    b = TableBuilder(K.BASIC_EXPENDITURE)
    b.line("total", "合计", total="10.00", personnel=personnel)
    b.row("301", "工资福利支出", total="4.00", personnel="4.00", texts={})  # 501 机关工资福利支出
    b.row("30101", "基本工资", total="4.00", personnel="4.00")
    b.row("301", "工资福利支出", total="6.00", personnel="6.00")  # 505 对事业单位经常性补助
    b.row("30101", "基本工资", total="2.00", personnel="2.00")
    b.row("30102", "津贴补贴", total="4.00", personnel="4.00")
    return b.build()


def test_repeated_codes_are_summed_per_block() -> None:
    rules = ["T6-2", "T6-3", "P-2"]
    assert check(disclosure(repeated("10.00")), select=rules).errors == ()
    assert errors(check(disclosure(repeated("9.00")), select=rules)) == [("P-2", "人员经费"),
                                                                      ("T6-3", "人员经费")]


def test_repeated_codes_still_catch_a_wrong_block() -> None:
    t = repeated("10.00")
    rows = list(t.rows)
    rows[4] = TableBuilder(K.BASIC_EXPENDITURE).row("30101", "基本工资", total="3.00",
                                                     personnel="3.00").build().rows[0]
    bad = type(t)(columns=t.columns, rows=tuple(rows))
    assert [r for r, _ in errors(check(disclosure(bad), select=["T6-2"]))] == ["T6-2", "T6-2"]


# ---- 三公 table with one 合计 column and without 会议费 / 培训费 -----------------------------

def test_three_public_single_column_without_meetings() -> None:
    t = builder(K.THREE_PUBLIC, "total")
    t.line("total", "合计", total="5.00").line("overseas", "因公出国（境）费", total="0.00")
    t.line("vehicle", "公务用车购置及运行费", total="0.00")
    t.line("vehicle_purchase", "公务用车购置费", total="0.00")
    t.line("vehicle_operation", "公务用车运行维护费", total="0.00")
    t.line("reception", "公务接待费", total="5.00")
    basic = (TableBuilder(K.BASIC_EXPENDITURE).line("total", "合计", total="8.00", public="8.00")
             .row("302", "商品和服务支出", total="8.00", public="8.00")
             .row("30216", "培训费", total="3.00", public="3.00")
             .row("30217", "公务接待费", total="5.00", public="5.00").build())
    report = check(disclosure(t.build(), basic), select=["three-public"])
    assert report.errors == ()
    assert outcome(report, "S-1") is Status.SKIPPED
    assert outcome(report, "S-X1") is Status.PASSED  # 接待 compared, 培训费 not printed
    assert any("培训费" in (o.reason or "") for o in report.outcomes if o.rule == "S-X1")


# ---- names with the template's ordinal, and empty-table notes -------------------------

def test_names_are_compared_without_their_ordinal() -> None:
    assert bare_name("（十)卫生健康支出") == "卫生健康支出"
    s = TableBuilder(K.FISCAL_SUMMARY)
    s.row("210", "（十)卫生健康支出", side=EXP, total="1.00", general="1.00")
    s.row("201", "（一）一般公共服务支出", side=EXP, total="1.00", general="1.00")
    assert check(disclosure(s.build()), select=["C-3"]).findings == ()
    s.row("205", "（五）教育经费", side=EXP)
    assert [f.rule for f in check(disclosure(s.build()), select=["C-3"]).findings] == ["C-3"]


def test_empty_table_note_left_in_the_narrative_counts() -> None:
    from govbudget.tables.narrative import Narrative, Section, SectionKind

    fund = TableBuilder(K.GOV_FUND, title="政府性基金预算支出表").line("total", "合计").build()
    assert [f.rule for f in check(disclosure(fund), select=["M-3"]).findings] == ["M-3"]
    kind = next(iter(SectionKind))
    note = Section(kind, "部门预算表", "注：本部门无政府性基金预算，故本表无数据。")
    d = Disclosure(Scope.UNIT, "1", "单位", 2023, tables=(fund,),
                   narrative=Narrative(sections=(note,)))
    assert check(d, select=["M-3"]).findings == ()


def test_t2_5_reports_a_missing_middle_level() -> None:
    """Regression: a table of 类 and 项 rows without their 款 prints two levels, not one."""
    t = (TableBuilder(TableKind.REVENUE)
         .line("total", "合计", total="1.00")
         .row("208", "社会保障和就业支出", total="1.00")
         .row("2080101", "行政运行", total="1.00").build())
    d = Disclosure(Scope.UNIT, "1", "单位", 2023, tables=(t,))
    findings = check(d, select=["T2-5"]).findings
    assert [(f.rule, f.location.row) for f in findings] == [("T2-5", "2080101 行政运行")]
