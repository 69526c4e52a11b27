"""Linking targets to expenditure (``govbudget.performance.linking``) and the checks that
use it; the seed's 2080102 55.00 = 24.5 + 30.5 and 2080799 3.00 (docs/domain.md §8.4 R-1)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govbudget.performance import checks
from govbudget.performance.linking import link_by_amount, link_targets
from govbudget.tables import Disclosure, Scope, TableBuilder, TableKind
from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget, TargetScope
from test_performance_tables import seed_targets


def _t3(total: str, **codes: str) -> object:
    b = TableBuilder(TableKind.EXPENDITURE, title="部门支出总表").line(
        "total", "合计", total=total, project=total
    )
    for code, amount in codes.items():
        b = b.row(code[1:], "x", total=amount, project=amount)
    return b.build()


def test_seed_projects_link_to_their_codes() -> None:
    dept, _ = seed_targets()
    d = Disclosure(
        Scope.DEPARTMENT, "323", "x", 2023,
        tables=(_t3("58.00", c2080102="55.00", c2080799="3.00"),),  # type: ignore[arg-type]
        performance=tuple(dept),
    )  # fmt: skip
    linked = link_targets(d)
    assert [t.expenditure_codes for t in linked] == [("2080102",), ("2080102",), ("2080799",)]
    # a code with one project gives it its amount; a shared code does not
    assert [t.amount for t in linked] == [None, None, Decimal("3.00")]
    issues, n = checks.check_cost_caps(
        linked,
        project_total=Decimal("58.00"),
        by_code={"2080102": Decimal("55.00"), "2080799": Decimal("3.00")},
    )
    assert issues == [] and n == 4  # project 3 within 3.00; Σ = 58; per code 55 and 3


def test_no_link_when_the_tables_do_not_cover_project_spending() -> None:
    dept, _ = seed_targets()
    d = Disclosure(
        Scope.DEPARTMENT, "323", "x", 2023,
        tables=(_t3("60.00", c2080102="57.00", c2080799="3.00"),),  # type: ignore[arg-type]
        performance=tuple(dept),
    )  # fmt: skip
    assert all(not t.expenditure_codes for t in link_targets(d))


def test_link_by_amount_decides_only_unique_sets() -> None:
    D = Decimal
    assert link_by_amount({"a": D(5), "b": D(5)}, {"x": D(5), "y": D(5)}) == {}
    assert link_by_amount({"a": D(1), "b": D(2), "c": D(3)}, {"x": D(3), "y": D(3)}) == {}
    assert link_by_amount({"a": D(1), "b": D(4)}, {"x": D(4), "y": D(1)}) == {"a": "y", "b": "x"}
    assert link_by_amount({"a": D(7)}, {"x": D(5)}) == {}


def test_project_table_links_by_name_and_amount() -> None:
    table = (
        TableBuilder(TableKind.PROJECT_EXPENDITURE, title="项目支出预算情况表")
        .line("total", "合计", total="28.00")
        .text_row("实施公车统管费用", total="20.00")
        .text_row("实施公车统管费用", total="3.00")
        .text_row("院内道路维修", total="5.00")
        .build()
    )
    ts = (
        PerformanceTarget("实施公车统管费用", amount=Decimal("3.00")),
        PerformanceTarget("院内道路维修"),
        PerformanceTarget("实施公车统管费用", amount=Decimal("20.00")),
    )
    d = Disclosure(Scope.DEPARTMENT, "233", "x", 2026, tables=(table,), performance=ts)
    assert [t.amount for t in link_targets(d)] == [
        Decimal("3.00"),
        Decimal("5.00"),
        Decimal("20.00"),
    ]


def test_a_cap_per_grant_is_not_a_project_cap() -> None:
    grant = PerformanceIndicator.read("成本指标", "经济成本", "单个补助金额", value="≤10万元")
    total = PerformanceIndicator.read("成本指标", "经济成本", "项目总支出", value="≤60万元")
    t = PerformanceTarget("社会组织发展资金", (grant,), amount=Decimal(60))
    assert checks.cost_caps(t) == []
    both = PerformanceTarget("社会组织发展资金", (grant, total), amount=Decimal(60))
    assert [c for _, c in checks.cost_caps(both)] == [Decimal(60)]
    # Σ caps is not compared with 项目支出 while a project has no project-wide cap
    other = PerformanceTarget("院内道路维修", (total,), amount=Decimal(60))
    issues, _ = checks.check_cost_caps([t, other], project_total=Decimal(120))
    assert issues == []


def test_department_wide_extra_level1_is_info_and_placeholders_are_warned() -> None:
    rows = (
        PerformanceIndicator.read(
            "一般性支出情况", "一般性支出情况", "“三公”经费控制率", value="≤100%"
        ),
        PerformanceIndicator.read("成本指标", "经济成本指标", "成本使用率", value="≤85%"),
        PerformanceIndicator.read("效益指标", "生态效益指标", "社会效益指标", value="≥100%"),
    )
    dept = PerformanceTarget("泉州市公安局", rows, scope=TargetScope.DEPARTMENT)
    found = [(i.rule, i.severity) for i in checks.check_level2_membership([dept])[0]]
    assert found == [("R-6", "info"), ("R-6", "warning")]
    project = PerformanceTarget("X", rows[:2])
    assert [i.severity for i in checks.check_level2_membership([project])[0]] == [None]


@pytest.mark.parametrize(
    ("name", "rate"),
    [
        ("成功率提升", True),
        ("覆盖率", True),
        ("满意度", True),
        ("维护社会稳定", False),
        ("人数", False),
    ],
)
def test_rate_names(name: str, rate: bool) -> None:
    assert checks.is_rate(name) is rate
