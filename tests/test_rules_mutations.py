"""Every built-in rule of the arithmetic, cross-table, 三公, catalogue and structure families
fails on a one-cell change of the passing seed unit, at the right place, with the right numbers.

Each case names the rule, the change, the exact set of error-severity rules that must fire
(the rule itself plus the related rules the same change necessarily breaks), and where the
rule's first finding must point: row label, column name, expected, actual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import attrs
import pytest

import seed_model as seed
from govbudget.rules import Severity, check
from govbudget.tables import Disclosure, TableBuilder, TableHeader, TableKind, Unparsed

MINE = ["arithmetic", "cross-table", "three-public", "catalogue", "aggregation", "structure"]
K = TableKind
UNIT = seed.unit()


class Case(NamedTuple):
    rule: str
    change: Callable[[Disclosure], Disclosure]
    errors: frozenset[str]  # every error-severity rule that must fire, nothing else
    where: tuple[str, str | None, str | None, str | None] | None  # row, column, expected, actual
    severity: Severity = Severity.ERROR


def cell(kind: TableKind, ref: seed.RowRef, column: str,
         value: str) -> Callable[[Disclosure], Disclosure]:
    return lambda d: seed.set_cell(d, kind, ref, column, value)


def E(*ids: str) -> frozenset[str]:
    return frozenset(ids)


INC, EXP = "income", "expenditure"

CASES = [
    # T1 部门收支总表
    Case("T1-1", cell(K.SUMMARY, ("subtotal", INC), "income", "433.98"), E("T1-1", "T1-3"),
         ("本年收入合计", "预算数", "433.88", "433.98")),
    Case("T1-2", cell(K.SUMMARY, ("subtotal", EXP), "expenditure", "436.98"),
         E("T1-2", "T1-4", "X-5"), ("本年支出合计", "预算数", "436.88", "436.98")),
    Case("T1-3", cell(K.SUMMARY, ("total", INC), "income", "436.98"), E("T1-3", "T1-5", "X-4"),
         ("收入总计", "预算数", "436.88", "436.98")),
    Case("T1-4", cell(K.SUMMARY, ("carryforward", EXP), "expenditure", "0.10"),
         E("T1-4", "X-7"), ("支出总计", "预算数", "436.98", "436.88")),
    Case("T1-5", cell(K.SUMMARY, ("total", EXP), "expenditure", "436.98"), E("T1-4", "T1-5"),
         ("支出总计", "预算数", "436.88", "436.98")),
    Case("T1-6", cell(K.SUMMARY, ("unclassified", EXP), "expenditure", "1.00"), E("T1-2"),
         ("三十一、人行科目", "预算数", "（空白）", "1.00"), Severity.WARNING),
    # T2 部门收入总表
    Case("T2-1", cell(K.REVENUE, "2210201", "total", "24.10"), E("T2-1", "T2-3", "X-7"),
         ("2210201 住房公积金", "合计", "24.00", "24.10")),
    Case("T2-2", cell(K.REVENUE, "2210201", "fiscal", "24.10"), E("T2-2", "T2-3"),
         ("2210201 住房公积金", "本年收入小计", "24.10", "24.00")),
    Case("T2-3", cell(K.REVENUE, "20807", "carryover", "3.10"), E("T2-1", "T2-3"),
         ("208 社会保障和就业支出", "上年结转", "3.10", "3.00")),
    Case("T2-4", cell(K.REVENUE, ("total", None), "carryover", "3.10"), E("T2-1", "T2-4", "X-3"),
         ("合计", "上年结转", "3.00", "3.10")),
    # T3 部门支出总表
    Case("T3-1", cell(K.EXPENDITURE, "2210201", "total", "24.10"), E("T3-1", "T3-2", "X-7"),
         ("2210201 住房公积金", "合计", "24.00", "24.10")),
    Case("T3-2", cell(K.EXPENDITURE, ("total", None), "project", "58.10"), E("T3-1", "T3-2"),
         ("合计", "项目支出", "58.00", "58.10")),
    # T4 财政拨款收支总表
    Case("T4-1", cell(K.FISCAL_SUMMARY, ("subtotal", INC), "income", "433.98"),
         E("T4-1", "T4-3", "X-1"), ("本年收入合计", "金额", "433.88", "433.98")),
    Case("T4-2", cell(K.FISCAL_SUMMARY, ("carryover_general", INC), "income", "3.10"),
         E("T4-2", "T4-6"), ("年初财政拨款结转和结余", "金额", "3.10", "3.00")),
    Case("T4-3", cell(K.FISCAL_SUMMARY, ("total", INC), "income", "436.98"), E("T4-3", "T4-5"),
         ("收入总计", "金额", "436.88", "436.98")),
    Case("T4-4", cell(K.FISCAL_SUMMARY, "221", "total", "24.10"), E("T4-4", "T4-5", "X-9"),
         ("221 二十、住房保障支出", "合计", "24.00", "24.10")),
    Case("T4-5", cell(K.FISCAL_SUMMARY, ("total", EXP), "total", "436.98"), E("T4-4", "T4-5"),
         ("支出总计", "合计", "436.88", "436.98")),
    Case("T4-6", cell(K.FISCAL_SUMMARY, ("general_budget", INC), "income", "433.98"),
         E("T4-1", "T4-6"), ("本年支出合计", "一般公共预算财政拨款", "436.98", "436.88")),
    # T5, T6, P-1, P-2
    Case("T5-1", cell(K.GENERAL_BUDGET, "2210201", "basic", "23.90"), E("T5-1", "T5-2"),
         ("2210201 住房公积金", "合计", "23.90", "24.00")),
    Case("T5-2", cell(K.GENERAL_BUDGET, ("total", None), "project", "57.90"), E("T5-1", "T5-2"),
         ("合计", "项目支出", "58.00", "57.90")),
    Case("T6-1", cell(K.BASIC_EXPENDITURE, "30201", "total", "3.34"), E("T6-1", "T6-2"),
         ("30201 办公费", "合计", "3.24", "3.34")),
    Case("T6-2", cell(K.BASIC_EXPENDITURE, "30201", "public", "3.34"), E("T6-1", "T6-2"),
         ("302 商品和服务支出", "公用经费", "35.75", "35.65")),
    Case("T6-3", cell(K.BASIC_EXPENDITURE, ("total", None), "public", "35.75"),
         E("T6-1", "T6-3", "P-2"), ("合计", "公用经费", "35.65", "35.75")),
    Case("P-1", cell(K.BASIC_EXPENDITURE, "30201", "personnel", "0.10"), E("P-1", "T6-1", "T6-2"),
         ("30201 办公费", "人员经费", "（空白）", "0.10")),
    Case("P-2", cell(K.BASIC_EXPENDITURE, ("total", None), "personnel", "343.33"),
         E("P-2", "T6-1", "T6-3"), ("合计", "人员经费", "343.23", "343.33")),
    # cross-table
    Case("T7-1", cell(K.SUMMARY, ("gov_fund", INC), "income", "1.00"), E("T1-1", "X-1", "T7-1"),
         None),
    Case("X-1", cell(K.REVENUE, ("total", None), "fiscal", "433.98"), E("T2-2", "T2-4", "X-1"),
         ("合计", "财政拨款收入", "433.88", "433.98")),
    # a figure against a blank of the other table is not compared (§6): info, not an error
    Case("X-2", cell(K.SUMMARY, ("business", INC), "income", "1.00"), E("T1-1"),
         ("合计", "事业收入", "1.00", "（空白）"), Severity.INFO),
    Case("X-3", cell(K.SUMMARY, ("carryover", INC), "income", "3.10"), E("T1-3", "X-3"),
         ("合计", "上年结转", "3.10", "3.00")),
    Case("X-4", cell(K.REVENUE, ("total", None), "total", "436.98"), E("T2-1", "T2-4", "X-4"),
         ("合计", "合计", "436.88", "436.98")),
    Case("X-5", cell(K.EXPENDITURE, ("total", None), "total", "436.98"), E("T3-1", "T3-2", "X-5"),
         ("合计", "合计", "436.88", "436.98")),
    Case("X-6", cell(K.SUMMARY, "221", "expenditure", "24.10"), E("T1-2", "X-6"),
         ("221 二十、住房保障支出", "预算数", "24.00", "24.10")),
    Case("X-7", cell(K.EXPENDITURE, "2210201", "total", "24.10"), E("T3-1", "T3-2", "X-7"),
         ("2210201 住房公积金", "合计", "24.10", "24.00")),
    Case("X-8", cell(K.FISCAL_SUMMARY, ("carryover", INC), "income", "3.10"),
         E("T4-2", "T4-3", "X-8"), ("年初财政拨款结转和结余", "金额", "≤ 3.00", "3.10")),
    Case("X-9", cell(K.FISCAL_SUMMARY, "221", "total", "24.10"), E("T4-4", "T4-5", "X-9"),
         ("221 二十、住房保障支出", "合计", "≤ 24.00", "24.10")),
    Case("X-10", cell(K.FISCAL_SUMMARY, "221", "general", "24.10"), E("T4-4", "T4-5", "X-10"),
         ("221 二十、住房保障支出", "一般公共预算财政拨款", "24.00", "24.10")),
    Case("X-11", cell(K.GENERAL_BUDGET, "2210201", "project", "0.10"), E("T5-1", "T5-2"),
         ("2210201 住房公积金", "项目支出", "（空白）", "0.10"), Severity.INFO),
    Case("X-12", cell(K.BASIC_EXPENDITURE, ("total", None), "total", "378.98"),
         E("T6-1", "T6-3", "X-12", "X-13"), ("合计", "合计", "378.88", "378.98")),
    Case("X-13", cell(K.EXPENDITURE, ("total", None), "basic", "378.98"),
         E("T3-1", "T3-2", "X-13"), ("合计", "基本支出", "378.88", "378.98")),
    Case("X-14", cell(K.BASIC_EXPENDITURE, "30113", "total", "24.10"), E("T6-1", "T6-2"),
         ("2210201 住房公积金", "基本支出", "24.10", "24.00"), Severity.INFO),
    # 三公 (T10 prints integers: tolerance 0.5 × (n + 1), so the changes are ≥ 2)
    Case("S-1", cell(K.THREE_PUBLIC, ("meeting", None), "general", "0.10"), E("S-1"),
         ("四、会议费", "合计", "0.10", "0.00")),
    Case("S-2", cell(K.THREE_PUBLIC, ("total", None), "total", "6.10"), E("S-1", "S-2"),
         ("合计", "合计", "6.00", "6.10")),
    Case("S-3", cell(K.THREE_PUBLIC, ("vehicle_purchase", None), "total", "0.10"),
         E("S-1", "S-3"), ("二、公务用车购置及运维费", "合计", "6.10", "6.00")),
    Case("S-X1", cell(K.BASIC_EXPENDITURE, "30231", "total", "6.10"), E("T6-1", "T6-2", "S-X1"),
         ("公务用车运行维护费", "一般公共预算", "≤ 6.00", "6.10")),
    Case("S-X2", cell(K.THREE_PUBLIC, ("total", None), "fund", "0.10"), E("S-1", "S-2"),
         ("合计", "政府性基金", "（空白）", "0.10"), Severity.INFO),
    Case("Y-1", cell(K.THREE_PUBLIC_YOY, ("vehicle_operation", None), "change", "3"),
         E("Y-1", "Y-2"), ("公务用车运行经费", "增减金额", "9", "6")),
    Case("Y-2", cell(K.THREE_PUBLIC_YOY, ("total", None), "prior", "9"), E("Y-1", "Y-2"),
         ("合计", "上年预算", "6", "9")),
    Case("Y-3", cell(K.THREE_PUBLIC_YOY, ("vehicle_operation", None), "current", "9"),
         E("Y-1", "Y-2", "Y-3"), ("公务用车运行经费", "本年预算", "6.00", "9")),
    # catalogue
    Case("C-1", cell(K.EXPENDITURE, "2080101", "project", "1.00"), E("T3-1", "T3-2"),
         ("2080101 行政运行", "项目支出", "（空白）", "1.00"), Severity.WARNING),
    Case("T3-4", cell(K.EXPENDITURE, "2210201", "project", "0.10"), E("T3-1", "T3-2"),
         ("2210201 住房公积金", "项目支出", "（空白）", "0.10"), Severity.WARNING),
    # structure
    Case("H-2", lambda d: seed.replace_table(d, K.SUMMARY, attrs.evolve(
        d.table(K.SUMMARY), header=TableHeader(seed.UNIT_CODE, seed.UNIT_NAME, 2022, "万元"))),
        E("H-2"), None),
    Case("M-3", lambda d: seed.replace_table(d, K.GOV_FUND, attrs.evolve(d.table(K.GOV_FUND),
                                                                          note=None)),
         E(), None, Severity.WARNING),
    Case("U-1", lambda d: attrs.evolve(d, unparsed=(Unparsed("表9 续表 ……", "无法识别的表格"),)),
         E(), None, Severity.WARNING),
]


def _rename(code: str, name: str) -> Callable[[Disclosure], Disclosure]:
    def change(d: Disclosure) -> Disclosure:
        kind = K.SUMMARY if len(code) == 3 else K.BASIC_EXPENDITURE
        return seed.edit_rows(d, kind, lambda rows: tuple(
            attrs.evolve(r, name=name) if r.code == code else r for r in rows))
    return change


def _recode(kind: TableKind, old: str, new: str) -> Callable[[Disclosure], Disclosure]:
    return lambda d: seed.edit_rows(d, kind, lambda rows: tuple(
        attrs.evolve(r, code=new) if r.code == old else r for r in rows))


def _drop(kind: TableKind, code: str) -> Callable[[Disclosure], Disclosure]:
    return lambda d: seed.edit_rows(d, kind, lambda rows: tuple(r for r in rows if r.code != code))


def _move_last(kind: TableKind, code: str) -> Callable[[Disclosure], Disclosure]:
    return lambda d: seed.edit_rows(d, kind, lambda rows: tuple(
        [r for r in rows if r.code != code] + [r for r in rows if r.code == code]))


def _add_row(kind: TableKind, code: str, name: str) -> Callable[[Disclosure], Disclosure]:
    from govbudget.tables import Row

    return lambda d: seed.edit_rows(d, kind, lambda rows: (*rows, Row(name, code)))


CASES += [
    Case("C-2", _recode(K.BASIC_EXPENDITURE, "30239", "30238"), E(),
         ("30238 其他交通费用", None, "2023 年科目（相近：30239 其他交通费用、"
                                "30240 税金及附加费用）",
          "30238"), Severity.WARNING),
    Case("C-3", _rename("30201", "印刷费"), E("C-3"),
         ("30201 印刷费", None, "办公费", "印刷费")),
    Case("C-3", _rename("207", "七、文化体育与传媒支出"), E(),
         ("207 七、文化体育与传媒支出", None, "文化旅游体育与传媒支出", "七、文化体育与传媒支出"),
         Severity.WARNING),
    Case("C-4", _drop(K.GENERAL_BUDGET, "2080799"), E("C-4"),
         ("20807 就业补助", None, "项级科目（7 位）", "20807")),
    Case("C-5", _add_row(K.BASIC_EXPENDITURE, "2080101", "行政运行"), E("C-5", "T2-5"),
         ("2080101 行政运行", None, "部门预算支出经济分类", "支出功能分类")),
    Case("C-6", _rename("30299", "商品和服务支出杂项"), E("C-3"),
         ("30299 商品和服务支出杂项", None, "其他…", "商品和服务支出杂项"), Severity.INFO),
    # X-7 no longer compares 22102 with a blank: a code one table does not print is skipped
    Case("T2-5", _drop(K.REVENUE, "22102"), E("T2-5", "C-4"),
         ("2210201 住房公积金", None, "22102", "（缺行）")),
    Case("T2-5", _move_last(K.REVENUE, "2080799"), E("T2-5"),
         ("2080799 其他就业补助支出", None, "在 20807 之下", "顺序错乱")),
    Case("M-1", lambda d: seed.replace_table(d, K.REVENUE, None), E(),
         (None, None, "收入总表", "（缺表）"), Severity.WARNING),
]


def _errors(report: object) -> frozenset[str]:
    """The error rules that fired, those folded into another finding as consequences too."""
    return frozenset(f.rule for f in report.all_findings()  # type: ignore[attr-defined]
                     if f.severity is Severity.ERROR)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{i}" for i, c in enumerate(CASES)])
def test_one_change_fires_the_rule(case: Case) -> None:
    before = check(UNIT, select=MINE)
    assert not before.errors
    report = check(case.change(UNIT), select=MINE)
    assert _errors(report) == case.errors
    found = [f for f in report.of(case.rule) if f.severity is case.severity]
    assert found, f"{case.rule} did not fire at {case.severity.value}"
    assert not before.of(case.rule) or case.rule in {"A-1", "H-1", "M-2"}
    if case.where is not None:
        row, column, expected, actual = case.where
        f = found[0]
        assert (f.location.row, f.location.column) == (row, column), f.location
        assert (f.expected, f.actual) == (expected, actual), f
        assert f.location.disclosure == UNIT.label
        assert f.message


def test_every_built_in_rule_of_mine_has_a_failing_case() -> None:
    from govbudget.rules import REGISTRY

    covered = {c.rule for c in CASES} | {"T7-2", "T7-3", "S-4", "E-1", "A-1", "H-1", "M-2",
                                         "D-1", "D-2", "D-3", "D-4", "U-2"}
    mine = {r.id for r in REGISTRY.select(MINE)}
    assert mine == covered  # the rest are tested in test_rules_families.py


# ---- rules that need another base than the seed unit ------------------------------------

def fund_only(total: str = "10.00") -> Disclosure:
    """A disclosure with only a 政府性基金预算支出表 (212 / 21208 / 2120801, basic only)."""
    b = TableBuilder(TableKind.GOV_FUND, title="政府性基金预算财政拨款支出表",
                     note=None).line("total", "合计", total=total, basic="10.00")
    for code, name in (("212", "城乡社区支出"), ("21208", "国有土地使用权出让收入安排的支出"),
                       ("2120801", "征地和拆迁补偿支出")):
        b.row(code, name, total="10.00", basic="10.00")
    return Disclosure(seed.Scope.UNIT, "1", "基金单位", 2023, tables=(b.build(),))


@pytest.mark.parametrize("ref, column, fired", [
    ("2120801", "total", {"T7-2", "T7-3"}),
    (("total", None), "basic", {"T7-2", "T7-3"}),
])
def test_fund_tables(ref: seed.RowRef, column: str, fired: set[str]) -> None:
    d = fund_only()
    assert not check(d, select=MINE).errors
    report = check(seed.set_cell(d, TableKind.GOV_FUND, ref, column, "10.10"), select=MINE)
    assert _errors(report) == fired


# ---- U-2: a table not read reliably is reported once, and feeds no rule -------------------

def test_a_table_marked_unreadable_is_one_warning_and_feeds_no_rule() -> None:
    t = UNIT.table(K.EXPENDITURE)
    assert t is not None
    broken = attrs.evolve(t, unreadable="栏次错位")
    d = attrs.evolve(UNIT, tables=tuple(broken if x is t else x for x in UNIT.tables))
    # a wrong total in the unreadable table is not reported: its cells are not used
    d = seed.set_cell(d, K.EXPENDITURE, ("total", None), "total", "999.00")
    report = check(d, select=MINE)
    (u2,) = report.of("U-2")
    assert u2.severity is Severity.WARNING and "栏次错位" in u2.message
    assert not report.errors
    assert next(x.read for x in report.coverage.disclosures).count("支出总表") == 0
    assert report.coverage.disclosures[0].unreadable[0].reason == "栏次错位"


def test_a_table_failing_densely_is_left_out_but_a_sparse_defect_is_reported() -> None:
    t = UNIT.table(K.GENERAL_BUDGET)
    assert t is not None
    # every code row's 合计 shifted by a different amount: a misread column, not a defect
    rows = tuple(attrs.evolve(r, cells={**r.cells, "total": r.cell("total").__class__.amount(
        r.cell("total").as_zero() + i + 1)}) if r.code else r
                 for i, r in enumerate(t.rows))
    dense = attrs.evolve(UNIT, tables=tuple(attrs.evolve(t, rows=rows) if x is t else x
                                            for x in UNIT.tables))
    report = check(dense, select=MINE)
    known = {f.rule for f in check(UNIT, select=MINE).findings}  # the seed's own (A-1, H-1)
    assert [f.rule for f in report.findings
            if f.severity is not Severity.INFO and f.rule not in known] == ["U-2"]
    sparse = seed.set_cell(UNIT, K.GENERAL_BUDGET, "2080101", "total", "252.52")
    assert "T5-1" in {f.rule for f in check(sparse, select=MINE).all_findings()}
