"""The seed passes; department vs unit (D-1 … D-4); rules needing their own base (S-4, E-1,
A-1, H-1, M-2); the rounding policy; user rules and rule selection."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import seed_model as seed
from govbudget.money import Cell
from govbudget.rules import REGISTRY, Registry, RuleContext, Severity, Status, check
from govbudget.tables import Disclosure, Scope, TableBuilder, TableHeader, TableKind

MINE = ["arithmetic", "cross-table", "three-public", "catalogue", "aggregation", "structure"]
K = TableKind
DEPT = seed.department()
UNIT = DEPT.units[0]


# ---- the seed --------------------------------------------------------------------------

def test_seed_passes_every_arithmetic_and_cross_table_rule() -> None:
    report = check(DEPT, select=["arithmetic", "cross-table"])
    assert report.findings == ()
    s = report.summary()
    assert s["rules_failed"] == 0
    # 9 tables × 2 parts; docs/domain.md counts 430 mechanical checks by its own tally
    assert s["checks"] >= 430
    ran = {o.rule for o in report.outcomes if o.status is Status.PASSED}
    assert {"T1-1", "T2-3", "T4-6", "T6-3", "X-1", "X-14", "T7-1"} <= ran


def test_seed_findings_are_exactly_the_documented_defects() -> None:
    report = check(DEPT, select=MINE)
    assert report.errors == ()
    got = sorted((f.rule, f.severity.value, f.location.disclosure, f.location.table)
                 for f in report.findings)
    # the unit repeats the department's A-1: one finding listing both places
    assert got == sorted([
        ("A-1", "warning", DEPT.label, "部门固定资产占用情况表"),
        ("H-1", "warning", UNIT.label, "单位预算财政拨款“三公”经费支出表"),  # defect 9
        ("M-2", "info", DEPT.label, "部门预算政府基金预算财政拨款支出表"),  # defect 12
        ("M-2", "info", UNIT.label, "单位预算政府基金预算财政拨款支出表"),
    ])
    a1 = report.of("A-1")[0]
    assert (a1.location.row, a1.expected, a1.actual) == ("2、车辆（台、辆）", "> 0", "0")
    assert [(p.disclosure, p.table) for p in a1.places] == [(UNIT.label, "单位固定资产占用情况表")]
    assert "6.00" in (a1.evidence or "")


def test_department_and_unit_are_identical_d4() -> None:
    report = check(DEPT, select=["D-1", "D-4"])
    outcome = {(o.rule, o.disclosure): o for o in report.outcomes}
    assert outcome[("D-4", DEPT.label)].status is Status.PASSED
    assert outcome[("D-1", DEPT.label)].checks > 200
    assert outcome[("D-4", UNIT.label)].status is Status.SKIPPED


# ---- D-1 … D-4 -------------------------------------------------------------------------

def test_d4_fires_on_a_department_cell_and_d1_with_it() -> None:
    d = seed.set_cell(DEPT, K.FIXED_ASSETS, ("buildings", None), "quantity", "5")
    report = check(d, select=MINE)
    assert {f.rule for f in report.all_findings() if f.severity is Severity.ERROR} == {
        "D-1", "D-4"}
    assert len(report.errors) == 1  # one cell: D-4 is listed inside D-1's finding
    f = report.of("D-4")[0]
    assert (f.location.row, f.location.column, f.expected, f.actual) == (
        "1、房屋（平方米）", "数量", "0", "5")


def test_d1_many_units_exact_rounding_and_error() -> None:
    d = seed.aggregate(seed.units(3))
    assert not check(d, select=MINE).errors
    # 3 × 0.03 = 0.09; 0.10 is within 0.005 × (3 + 1) = 0.02 → info; 0.15 → error
    rounded = seed.set_cell(d, K.BASIC_EXPENDITURE, "30309", "total", "0.10")
    r = check(rounded, select=["D-1"])
    assert [(f.severity, f.expected, f.actual) for f in r.of("D-1")] == [
        (Severity.INFO, "0.09", "0.10")]
    wrong = seed.set_cell(d, K.BASIC_EXPENDITURE, "30309", "total", "0.15")
    f = check(wrong, select=["D-1"]).of("D-1")[0]
    assert (f.severity, f.location.row, f.location.column) == (Severity.ERROR, "30309 "
                                                                               "奖励金", "合计")
    assert check(seed.aggregate(seed.units(2)), select=["D-4"]).outcomes[0].status is Status.SKIPPED


def test_d1_row_missing_in_department() -> None:
    d = seed.edit_rows(seed.aggregate(seed.units(2)), K.BASIC_EXPENDITURE,
                       lambda rows: tuple(r for r in rows if r.code != "30309"))
    f = check(d, select=["D-1"]).of("D-1")[0]
    assert f.location.row == "30309（部门表无此行）" and f.expected == "0.06"


def _flow_units() -> list[Disclosure]:
    def unit(code: str, income_line: str, amount: str, subsidy: str) -> Disclosure:
        s = (TableBuilder(K.SUMMARY).line(income_line, "收入", side="income", income=amount)
             .line("subtotal", "本年收入合计", side="income", income=amount)
             .line("total", "收入总计", side="income", income=amount)
             .row("208", "社会保障和就业支出", side="expenditure", expenditure=amount)
             .line("subtotal", "本年支出合计", side="expenditure", expenditure=amount)
             .line("total", "支出总计", side="expenditure", expenditure=amount).build())
        e = TableBuilder(K.EXPENDITURE).line("total", "合计", total=amount, basic=str(
            Decimal(amount) - Decimal(subsidy or 0)), subsidy_affiliated=subsidy).build()
        return Disclosure(Scope.UNIT, code, code, 2023, tables=(s, e))
    return [unit("323001", "general_budget", "100.00", "10.00"),
            unit("323002", "superior_subsidy", "10.00", "")]


@pytest.mark.parametrize("total, how, severity", [
    ("110.00", "直接相加", Severity.INFO),
    ("100.00", "抵销内部往来", Severity.INFO),
    ("105.00", "既不等于", Severity.ERROR),
])
def test_d2_reports_which_aggregation_holds(total: str, how: str, severity: Severity) -> None:
    d = seed.aggregate(_flow_units())
    for side, col in (("income", "income"), ("expenditure", "expenditure")):
        d = seed.set_cell(d, K.SUMMARY, ("total", side), col, total)
    d = seed.set_cell(d, K.SUMMARY, ("subtotal", "income"), "income", total)
    report = check(d, select=["D-1", "D-2"])
    found = [f for f in report.of("D-2") if f.location.table == "收支总表"]
    assert len(found) == 2
    assert all(how in f.message and f.severity is severity for f in found)
    assert not report.of("D-1")  # flow cells are D-2's to judge


def test_d2_skips_without_internal_flows() -> None:
    assert check(DEPT, select=["D-2"]).outcomes[0].status is Status.SKIPPED


def test_d3_organisation_table_lists_the_units() -> None:
    org = next(t for t in DEPT.tables if t.kind is K.OTHER)
    renamed = attrs.evolve(org, rows=(attrs.evolve(org.rows[0], name="莲池区就业服务中心"),))
    d = attrs.evolve(DEPT, tables=tuple(renamed if t is org else t for t in DEPT.tables))
    report = check(d, select=MINE)
    assert not report.errors
    assert [f.severity for f in report.of("D-3")] == [Severity.WARNING, Severity.WARNING]
    assert report.of("D-3")[0].actual == "莲池区就业服务中心"


# ---- rules with their own base ---------------------------------------------------------

def test_s4_total_including_meetings() -> None:
    base = seed.set_cell(seed.set_cell(UNIT, K.THREE_PUBLIC, ("meeting", None), "total", "1.00"),
                         K.THREE_PUBLIC, ("meeting", None), "general", "1.00")
    assert not check(base, select=MINE).errors
    assert check(base, select=["S-4"]).outcomes[0].checks == 2
    bad = seed.set_cell(seed.set_cell(base, K.THREE_PUBLIC, ("total", None), "total", "7.00"),
                        K.THREE_PUBLIC, ("total", None), "general", "7.00")
    report = check(bad, select=MINE)
    # S-2 leaves the case to S-4; Y-3 sees T10 合计 6 ≠ 7.00
    assert {f.rule for f in report.errors} == {"Y-3"}
    s4 = report.of("S-4")
    assert [(f.severity, f.location.column, f.expected, f.actual) for f in s4] == [
        (Severity.WARNING, "合计", "6.00", "7.00"),
        (Severity.WARNING, "一般公共预算", "6.00", "7.00")]


def _government_table() -> object:
    b = TableBuilder(K.BASIC_EXPENDITURE, title="一般公共预算财政拨款基本支出表（政府经济分类）")
    b.line("total", "合计", total="378.88", personnel="343.23", public="35.65")
    for code, name, total, nature in (
        ("501", "机关工资福利支出", "293.20", "p"), ("50101", "工资奖金津补贴", "217.00", "p"),
        ("50102", "社会保障缴费", "52.20", "p"), ("50103", "住房公积金", "24.00", "p"),
        ("502", "机关商品和服务支出", "35.65", "g"), ("50201", "办公经费", "28.28", "g"),
        ("50208", "公务用车运行维护费", "6.00", "g"), ("50299", "其他商品和服务支出", "1.37", "g"),
        ("509", "对个人和家庭的补助", "50.03", "p"), ("50905", "离退休费", "50.00", "p"),
        ("50999", "其他对个人和家庭补助", "0.03", "p"),
    ):
        b.row(code, name, total=total, **{"personnel" if nature == "p" else "public": total})
    return b.build()


def test_e1_government_economic_table() -> None:
    with_gov = attrs.evolve(UNIT, tables=(*UNIT.tables, _government_table()))
    ok = check(with_gov, select=MINE)
    assert not ok.errors and not ok.of("E-1")
    assert next(o for o in ok.outcomes if o.rule == "E-1").checks == 8
    gov = with_gov.tables[-1]
    rows = tuple(attrs.evolve(r, cells={**r.cells, "total": Cell.amount("28.38")})
                 if r.code == "50201" else r for r in gov.rows)
    bad = attrs.evolve(with_gov, tables=(*UNIT.tables, attrs.evolve(gov, rows=rows)))
    report = check(bad, select=MINE)
    assert {f.rule for f in report.errors} == {"E-1"}
    f = report.of("E-1")[0]
    assert (f.location.row, f.expected, f.actual) == ("50201 办公经费", "28.28", "28.38")
    assert check(attrs.evolve(bad, unit_kind=None), select=["E-1"]).outcomes[0].status \
        is Status.SKIPPED


def test_a1_quiet_with_a_vehicle() -> None:
    d = seed.set_cell(UNIT, K.FIXED_ASSETS, ("vehicles", None), "quantity", "1")
    assert not check(d, select=["A-1"]).findings


def test_h1_header_and_m2_title() -> None:
    t = DEPT.table(K.SUMMARY)
    other = attrs.evolve(t, header=TableHeader("324", "别的局", 2023, "万元"))
    report = check(attrs.evolve(seed.replace_table(DEPT, K.SUMMARY, other), units=()),
                   select=["H-1"])
    f = report.of("H-1")[0]
    assert (f.severity, f.location.table, f.expected, f.actual) == (
        Severity.WARNING, "部门预算收支总表", "323保定市莲池区人力资源和社会保障局", "324别的局")
    fund = DEPT.table(K.GOV_FUND)
    fixed = attrs.evolve(fund, title="部门预算政府性基金预算财政拨款支出表")
    assert not check(attrs.evolve(seed.replace_table(DEPT, K.GOV_FUND, fixed), units=()),
                     select=["M-2"]).findings


# ---- rounding ----------------------------------------------------------------------------

def _three_addends(total: str) -> Disclosure:
    t = (TableBuilder(K.GENERAL_BUDGET).line("total", "合计", total=total)
         .row("201", "一般公共服务支出", total="1.01").row("205", "教育支出", total="2.02")
         .row("208", "社会保障和就业支出", total="3.03").build())
    return Disclosure(Scope.UNIT, "1", "u", 2023, tables=(t,))


@pytest.mark.parametrize("total, severity", [
    ("6.06", None), ("6.07", Severity.INFO), ("6.05", Severity.INFO), ("6.11", Severity.ERROR),
    ("6.01", Severity.ERROR),
])
def test_rounding_three_addends(total: str, severity: Severity | None) -> None:
    found = check(_three_addends(total), select=["T5-2"]).of("T5-2")
    assert [f.severity for f in found] == ([severity] if severity else [])
    if found:
        assert (found[0].expected, found[0].actual) == ("6.06", total)


def test_integer_table_tolerance() -> None:
    """T10 prints integers: tolerance 0.5 × (n + 1); Y-3 compares 6 with 6.00 by precision."""
    d = seed.set_cell(UNIT, K.THREE_PUBLIC_YOY, ("vehicle_operation", None), "current", "6")
    assert not check(d, select=["Y-3"]).findings
    near = seed.set_cell(UNIT, K.THREE_PUBLIC, ("vehicle_operation", None), "total", "6.40")
    assert [f.severity for f in check(near, select=["Y-3"]).of("Y-3")] == [Severity.INFO]


# ---- user rules and selection ------------------------------------------------------------

def test_user_rule_with_decorator_and_selection() -> None:
    reg = REGISTRY.copy()

    @reg.rule("MY-1", Severity.WARNING, "三公经费合计不超过 5"
                                        " 万元", source="内部控制", family="local")
    def my_cap(ctx: RuleContext) -> None:
        t = ctx.disclosure.table(K.THREE_PUBLIC)
        if t is None:
            ctx.skip("没有三公表")
            return
        total = t.line("total")
        ctx.checked()
        if total is not None and total.cell("total").as_zero() > 5:
            ctx.fail("三公经费超过 5 万元", table=t, row=total, column="total",
                     expected="≤ 5.00", actual=total.cell("total"))

    report = check(UNIT, registry=reg, select=["local", "S-1"])
    assert {o.rule for o in report.outcomes} == {"MY-1", "S-1"}
    f = report.of("MY-1")[0]
    assert (f.location.table, f.location.row, f.actual) == ("单位预算财政拨款“三公”经费"
                                                            "支出表", "合计", "6.00")
    assert "MY-1" not in REGISTRY
    excluded = check(UNIT, registry=reg, exclude=["local", "catalogue"])
    rules = {o.rule for o in excluded.outcomes}
    assert "MY-1" not in rules and "C-3" not in rules and "T1-1" in rules


def test_registry_add_and_duplicate() -> None:
    from govbudget.rules import Rule

    reg = Registry()
    reg.add(Rule("X-99", Severity.INFO, "总有一条", "test", lambda ctx: ctx.checked()))
    with pytest.raises(ValueError, match="already registered"):
        reg.add(Rule("X-99", Severity.INFO, "重复", "test", lambda ctx: None))
    assert check(UNIT, registry=reg).summary()["checks"] == 1


def test_every_rule_is_documented() -> None:
    for r in REGISTRY.select(MINE):
        assert (r.statement and ("docs/domain.md" in r.source or "财预" in r.source)
                ) or r.id == "U-1", r.id
        assert r.severity in Severity


def test_select_by_domain_alias() -> None:
    """Rules that stand for a DOMAIN id are selected by it too (X-15 is S-X1 …)."""
    from govbudget.rules import REGISTRY

    for alias, rule_id in (("X-15", "S-X1"), ("X-16", "S-X2"), ("T3-3", "C-1"), ("T6-4", "P-1")):
        assert rule_id in [r.id for r in REGISTRY.select([alias])]


def test_a_sum_finding_carries_its_unit_and_labelled_terms() -> None:
    from govbudget.rules.core import REGISTRY, RuleContext
    from govbudget.tables import Disclosure, Scope, TableBuilder, TableKind

    t = TableBuilder(TableKind.GENERAL_BUDGET).line("total", "合计", total="3.00").build()
    ctx = RuleContext(REGISTRY["T5-1"], Disclosure(Scope.UNIT, "1", "x", 2023, tables=(t,)))
    import govbudget

    ctx.check_sum(t.line("total").cell("total"),  # type: ignore[union-attr]
                  [govbudget.parse_cell("1.00"), govbudget.parse_cell("1.50")],
                  table=t, what="合计", labels=["基本", "项目"])
    (f,) = ctx.findings
    assert (f.unit, f.expected, f.actual) == ("万元", "2.50", "3.00")
    assert f.terms == (("基本", "1.00"), ("项目", "1.50"))
