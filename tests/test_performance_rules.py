"""Performance rules R-1 … R-15: tables written for each rule (both regimes), and the seed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

import pytest

from govbudget.indicators.regimes import Regime
from govbudget.performance import checks
from govbudget.performance.checks import Issue
from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget, TargetScope
from test_performance_tables import seed_targets

Row = tuple[str, str, str, str, str]  # 一级, 二级, 三级, 指标值, 依据
Check = Callable[[Sequence[PerformanceTarget]], tuple[list[Issue], int]]


def target(
    name: str,
    rows: Sequence[Row],
    *,
    goals: Sequence[str] = ("做好本项目。",),
    amount: str | None = None,
    desc: dict[str, str] | None = None,
    scope: TargetScope = TargetScope.PROJECT,
) -> PerformanceTarget:
    filled, last = [], ""
    for a, b, c, v, basis in rows:  # forward-fill 一级 as the tables print it
        last = a or last
        filled.append((last, b, c, v, basis))
    inds = tuple(
        PerformanceIndicator.read(
            a, b, c, value=v, basis=basis, description=(desc or {}).get(c, ""), row=k
        )
        for k, (a, b, c, v, basis) in enumerate(filled)
    )
    return PerformanceTarget(
        name, inds, goals=tuple(goals), scope=scope, amount=Decimal(amount) if amount else None
    )


# a sound table in each regime
A_OK: list[Row] = [
    ("产出指标", "数量指标", "培训人次", "≥200人次", "计划标准"),
    ("", "质量指标", "培训合格率", "≥90%", "行业标准"),
    ("", "时效指标", "完成时间", "2023年12月底前", "计划标准"),
    ("", "成本指标", "培训成本", "≤10万元", "预算标准"),
    ("效益指标", "社会效益指标", "就业率", "≥80%", "历史标准"),
    ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "问卷调查"),
]
B_OK: list[Row] = [
    ("成本指标", "经济成本指标", "项目总成本", "≤10万元", "预算标准"),
    ("产出指标", "数量指标", "检查户数", "≥120户", "计划标准"),
    ("", "质量指标", "检查覆盖率", "=100%", "计划标准"),
    ("", "时效指标", "完成时间", "2023.07-2024.01", "计划标准"),
    ("效益指标", "社会效益指标", "群众知晓率", "≥85%", "历史标准"),
    ("满意度指标", "服务对象满意度指标", "受检对象满意度", "≥90%", "抽样调查"),
]


def rules_of(check: Check, targets: Sequence[PerformanceTarget]) -> list[str]:
    return [i.rule for i in check(targets)[0]]


def test_regimes_are_detected() -> None:
    assert target("a", A_OK).regime is Regime.A
    assert target("b", B_OK).regime is Regime.B


@pytest.mark.parametrize("rows", [A_OK, B_OK], ids=["A", "B"])
@pytest.mark.parametrize("check", list(checks.CHECKS.values()), ids=list(checks.CHECKS))
def test_sound_tables_pass_every_rule(rows: list[Row], check: Check) -> None:
    issues, _ = check([target("p1", rows, amount="10")])
    assert issues == []


def swap(rows: list[Row], index: int, **change: str) -> list[Row]:
    out = list(rows)
    a, b, c, v, basis = out[index]
    fields = {"l1": a, "l2": b, "name": c, "value": v, "basis": basis, **change}
    out[index] = (fields["l1"], fields["l2"], fields["name"], fields["value"], fields["basis"])
    return out


FAILING: list[tuple[str, str, list[Row], list[Row]]] = [
    # rule, what, regime A rows, regime B rows
    ("R-2", "rate above 100%", swap(A_OK, 1, value="292%"), swap(B_OK, 5, value="=120%")),
    ("R-3", "≥100%", swap(A_OK, 1, value="≥100%"), swap(B_OK, 2, value="≥100百分比")),
    ("R-4", "unit misfit", swap(A_OK, 0, value="≥8小时"), swap(B_OK, 0, value="≤95%")),
    ("R-5", "missing 一级", A_OK[:5], B_OK[:5]),
    (
        "R-6",
        "二级 outside its 一级",
        swap(A_OK, 4, l2="经济成本指标"),
        [*B_OK, ("产出指标", "成本指标", "单价", "≤5万元", "预算标准")],
    ),
    ("R-7", "basis blend", swap(A_OK, 0, basis="历史行业标准"), swap(B_OK, 1, basis="领导要求")),
    (
        "R-8",
        "satisfaction without survey",
        swap(A_OK, 5, basis="历史标准"),
        swap(B_OK, 5, basis="计划标准"),
    ),
    ("R-10", "formula but no %", swap(A_OK, 1, value="≥90人"), swap(B_OK, 2, value="120户")),
    ("R-12", "grade in 数量", swap(A_OK, 0, value="较好"), swap(B_OK, 0, value="逐步提高")),
    (
        "R-13",
        "unmeasurable 效益",
        swap(A_OK, 4, name="发挥财政资金使用效益", value="≥95%"),
        swap(B_OK, 4, name="业务工作可持续性", value="≥95百分比"),
    ),
    ("R-14", "value not measurable", swap(A_OK, 1, value="1"), swap(B_OK, 4, value="=提升无")),
]
DESCRIPTIONS = {
    "培训合格率": "合格率=合格人数/培训人数*100",
    "检查覆盖率": "覆盖率=已检查户数/应检查户数*100",
}


@pytest.mark.parametrize(("rule", "what", "rows_a", "rows_b"), FAILING, ids=[f[0] for f in FAILING])
def test_each_rule_fails_on_a_table_written_for_it(
    rule: str, what: str, rows_a: list[Row], rows_b: list[Row]
) -> None:
    check = checks.CHECKS[rule]
    for rows in (rows_a, rows_b):
        t = target("p1", rows, amount="10", desc=DESCRIPTIONS)
        assert rule in rules_of(check, [t]), (rule, what, rows)


def test_regime_is_a_property_of_the_document() -> None:
    # a table without 成本指标 in a document whose other tables use regime B
    doc = [target("p1", B_OK), target("p2", B_OK[1:], goals=["别的。"])]
    issues, _ = checks.check_level1_present(doc)
    assert [(i.target, i.actual) for i in issues] == [("p2", "产出指标、效益指标、满意度指标")]
    mixed = [target("p1", B_OK), target("p2", A_OK, goals=["别的。"])]
    issues, _ = checks.check_level2_membership(mixed)
    assert [(i.target, i.actual) for i in issues] == [("p2", "成本指标")]


def test_r2_names_an_ocr_suspect() -> None:
    (issue,), _ = checks.check_rates([target("p", swap(A_OK, 1, value="292%"))])
    assert issue.evidence and "≥92%" in issue.evidence and issue.expected == "≤100%"


def test_r1_cost_caps() -> None:
    ok = [target("p1", A_OK, amount="10"), target("p2", B_OK, amount="10")]
    assert checks.check_cost_caps(ok, project_total=Decimal("20.00"))[0] == []
    over = [target("p1", swap(A_OK, 3, value="≤12万元"), amount="10")]
    (issue,), _ = checks.check_cost_caps(over)
    assert issue.severity == "error" and issue.actual == "12"
    (note,), _ = checks.check_cost_caps(ok, project_total=Decimal("25"))
    assert note.severity == "info" and note.expected == "25"
    yuan = [target("p1", swap(B_OK, 0, value="≤100000元"), amount="10")]
    assert checks.check_cost_caps(yuan, project_total=Decimal("10"))[0] == []
    coded = [PerformanceTarget("p1", target("p1", A_OK).indicators, expenditure_codes=("2080102",))]
    (per_code,), _ = checks.check_cost_caps(coded, by_code={"2080102": Decimal("12")})
    assert per_code.row == "2080102"


def test_r9_duplicates() -> None:
    same_goal = [
        target("p1", A_OK, goals=["做好甲。", "做好乙。"]),
        target("p2", B_OK, goals=["做好乙。"]),
    ]
    assert rules_of(checks.check_duplicates, same_goal) == ["R-9"]
    repeated = [target("p1", A_OK, goals=["做好甲。", "做好甲。"])]
    assert rules_of(checks.check_duplicates, repeated) == ["R-9"]
    templated = [target("p1", A_OK), target("p2", swap(A_OK, 3, value="≤20万元"), goals=["别的。"])]
    (issue,), _ = checks.check_duplicates(templated)
    assert "相同" in issue.message
    distinct = [target("p1", A_OK), target("p2", B_OK, goals=["别的。"])]
    assert checks.check_duplicates(distinct)[0] == []


def test_r11_coverage() -> None:
    ts = [target("仲裁、人事人才经费", A_OK), target("综合业务费", B_OK)]
    names = checks.narrative_project_names(
        "项目支出58万元（本级支出58万元，包括仲裁人事人才经费、综合业务经费）。"
    )
    assert names == ["仲裁人事人才经费", "综合业务经费"]
    assert checks.check_project_coverage(ts, narrative_names=names)[0] == []
    extra = [*ts, target("安家费补助资金", A_OK)]
    (issue,), _ = checks.check_project_coverage(extra, narrative_names=names)
    assert issue.rule == "R-11" and issue.actual == "安家费补助资金"
    (missing,), _ = checks.check_project_coverage(ts[:1], narrative_names=names)
    assert missing.actual == "综合业务经费"


def test_r15_department_target() -> None:
    prose = PerformanceTarget.prose("某局部门整体绩效目标", "一是加强领导。\n二是抓好教育。")
    assert rules_of(checks.check_department_target, [prose]) == ["R-15"]
    table = target("某局", B_OK, scope=TargetScope.DEPARTMENT)
    assert rules_of(checks.check_department_target, [table]) == []


# --- the seed: D-P1 … D-P7, and nothing false -----------------------------------------


def seed_issues(targets: Sequence[PerformanceTarget]) -> list[Issue]:
    issues, _ = checks.check_cost_caps(targets, project_total=Decimal("58.00"))
    names = checks.narrative_project_names(
        "项目支出58万元（本级支出58万元，包括仲裁人事人才经费、综合业务经费）。"
    )
    issues += checks.check_project_coverage(targets, narrative_names=names)[0]
    for check in checks.CHECKS.values():
        issues += check(targets)[0]
    return issues


P1, P2, P3 = (
    "1、仲裁、人事人才经费绩效目标表",
    "2、综合业务费绩效目标表",
    "3、保财社[2022]43号高校毕业生和技能人才安家费补助资金绩效目标表",
)


def summary(issues: list[Issue]) -> set[tuple[str, str | None, str | None]]:
    return {(i.rule, i.target, i.row) for i in issues}


@pytest.fixture(scope="module")
def seed() -> tuple[list[PerformanceTarget], list[PerformanceTarget]]:
    return seed_targets()


def expected_seed(unit: bool) -> set[tuple[str, str | None, str | None]]:
    per_project = {P1, P2, P3}
    out = {
        ("R-11", P3, None),  # N-5: the narrative names 2 of 3 projects
        ("R-9", P3, None),  # D-P1 goal copied from project 2; D-P4 reuse; (unit) D-P2 3×
        ("R-9", P2, None),  # D-P4: projects 1 and 2 share their indicators
        ("R-5", P3, None),  # D-P3 no 满意度指标
        ("R-3", P3, "产出指标/质量指标/经费支出准确率"),
    }  # D-P5
    out |= {("R-7", p, None) for p in per_project}  # D-P6 历史行业标准
    out |= {("R-14", p, None) for p in per_project}  # D-P6 百分比
    out |= {("R-4", p, "产出指标/数量指标/工作日保障单位运转") for p in per_project}  # D-P7
    out |= {
        ("R-13", p, f"效益指标/{x}")
        for p in (P1, P2)
        for x in (
            "经济效益指标/发挥财政资金使用效益",
            "生态效益指标/使用节能减排产品，绿色办公",
            "可持续影响指标/业务工作可持续性",
        )
    }
    out.add(("R-13", P3, "效益指标/经济效益指标/发挥财政资金使用效益"))  # D-P7
    return out


@pytest.mark.parametrize("part", ["department", "unit"])
def test_seed_defects_are_reported_and_nothing_else(
    seed: tuple[list[PerformanceTarget], list[PerformanceTarget]], part: str
) -> None:
    targets = seed[0] if part == "department" else seed[1]
    issues = seed_issues(targets)
    assert summary(issues) == expected_seed(part == "unit")
    assert not [i for i in issues if i.rule == "R-1"]  # 24.5 + 30.5 + 3 = 58 = 项目支出
    r9 = [i.message for i in issues if i.rule == "R-9" and i.target == P3]
    assert any("综合业务费" in m and "目标" in m for m in r9)  # D-P1
    assert any("重复 3 次" in m for m in r9) is (part == "unit")  # D-P2 only in the unit part


def test_seed_cost_caps_add_up(seed: tuple[list[PerformanceTarget], ...]) -> None:
    caps = [c for t in seed[0] for _, c in checks.cost_caps(t)]
    assert caps == [Decimal("24.5"), Decimal("30.5"), Decimal("3")] and sum(caps) == Decimal(
        "58.00"
    )


# --- through the rule engine ----------------------------------------------------------


def test_rules_run_through_the_engine(seed: tuple[list[PerformanceTarget], ...]) -> None:
    import govbudget.performance.rules  # noqa: F401
    from govbudget.rules import core
    from govbudget.rules.report import check
    from govbudget.tables import Disclosure, Scope, TableBuilder, TableKind

    t3 = (
        TableBuilder(TableKind.EXPENDITURE, title="部门支出总表")
        .line("total", "合计", total="436.88", basic="378.88", project="58.00")
        .row("2080102", "一般行政管理事务", total="55.00", project="55.00")
        .row("2080799", "其他就业补助支出", total="3.00", project="3.00")
        .build()
    )
    d = Disclosure(
        Scope.DEPARTMENT,
        "323",
        "保定市莲池区人力资源和社会保障局",
        2023,
        tables=(t3,),
        performance=tuple(seed[0]),
    )
    report = check(d, select=["performance"])
    found = {(f.rule, f.location.table) for f in report.findings}
    assert ("R-3", P3) in found and ("R-5", P3) in found
    assert not report.of("R-1")
    skipped = {o.rule for o in report.outcomes if o.status is core.Status.SKIPPED}
    assert "R-15" in skipped  # no department-wide target
    assert not report.of("R-11")  # 项目支出 58.00 > 0 and no narrative to compare with
    empty = check(Disclosure(Scope.UNIT, "1", "x", 2023), select=["performance"])
    assert all(o.status is core.Status.SKIPPED for o in empty.outcomes)


def test_seed_through_the_whole_pipeline() -> None:
    from govbudget.readers.load import load
    from test_performance_tables import SEED

    doc = load(SEED)
    import govbudget.performance.rules  # noqa: F401
    from govbudget.rules.report import check

    report = check(doc, select=["performance"])
    by_part: dict[str | None, set[str]] = {}
    for f in report.findings:  # a defect the unit repeats is one finding with both places
        for loc in (f.location, *f.places):
            by_part.setdefault(loc.disclosure, set()).add(f.rule)
    core = {"R-3", "R-4", "R-5", "R-7", "R-9", "R-11", "R-13", "R-14"}
    assert len(by_part) == 2 and all(core <= rules for rules in by_part.values())
    assert not report.of("R-1") and not report.of("R-6") and not report.of("R-2")
    r9_unit = [f.message for f in report.of("R-9")
               if any(loc.disclosure.startswith("323001") for loc in (f.location, *f.places))]
    assert any("重复 3 次" in m for m in r9_unit)


def test_linked_targets_are_per_disclosure_and_not_kept_alive() -> None:
    """Regression: the one-slot cache of linked targets held the last disclosure strongly
    and read its slot twice (a thread could pair one disclosure with another's targets)."""
    import gc
    import weakref

    import govbudget
    from govbudget.tables import Disclosure, Scope

    rows = [*A_OK, ("", "质量指标", "覆盖率", "≥100%", "计划标准")]  # R-3 finds it

    def make(name: str) -> Disclosure:
        return Disclosure(Scope.DEPARTMENT, "323", "某部门", 2023, performance=(target(name, rows),))

    def tables(d: Disclosure) -> set[str | None]:
        return {f.location.table for f in govbudget.check(d, select=["R-3"]).findings}

    a, b = make("甲项目"), make("乙项目")
    assert (tables(a), tables(b), tables(a)) == ({"甲项目"}, {"乙项目"}, {"甲项目"})
    ref = weakref.ref(a)
    del a
    gc.collect()
    assert ref() is None
