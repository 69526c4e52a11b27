"""Performance targets read from the real sample PDFs through ``govbudget.load``.

Every fact here was checked against the PDF page (rendered, or its text): the number of
tables, names, values and units, the regime, the pages, and the real defects the rules
report. Pages are PDF page numbers (the printed page number is 3 lower in Quanzhou).
Skipped when the samples or the PDF reader are not available.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from conftest import SAMPLES, skip_without_shared
from govbudget.indicators import Comparator, ValueKind
from govbudget.indicators.regimes import Regime
from govbudget.performance import checks
from govbudget.performance.linking import link_targets
from govbudget.tables.performance import PerformanceTarget, TargetScope

FILES = {
    "fuzhou": "fuzhou-medicalsecurity-2026-dept-budget.pdf",
    "quanzhou": "quanzhou-publicsecurity-2026-dept-budget.pdf",
    "yantai": "yantai-civilaffairs-2026-dept-budget.pdf",
}
_DOCS: dict[str, object] = {}


def _document(key: str) -> object:
    path = SAMPLES / FILES[key]
    skip_without_shared(path)
    pytest.importorskip("pdfplumber", reason="the PDF reader needs pdfplumber")
    if key not in _DOCS:
        from govbudget.readers.load import load

        _DOCS[key] = load(path)
    return _DOCS[key]


def _disclosure(key: str) -> object:
    return _document(key).disclosures[0]  # type: ignore[attr-defined]


def _targets(key: str) -> list[PerformanceTarget]:
    return list(_disclosure(key).performance)  # type: ignore[attr-defined]


def _on_page(key: str, page: int) -> PerformanceTarget:
    (t,) = [t for t in _targets(key) if t.page == page]
    return t


def _values(t: PerformanceTarget) -> list[str]:
    return [i.value_raw for i in t.indicators]


# --- what was read ------------------------------------------------------------------

# (tables, indicators, scopes) per PDF, counted on the pages
COUNTS = {
    "fuzhou": (13, 104, {"project": 13}),
    "quanzhou": (26, 178, {"project": 25, "department": 1}),
    "yantai": (21, 176, {"project": 20, "special_fund": 1}),
}


@pytest.mark.parametrize("key", sorted(FILES))
def test_every_table_and_indicator_is_loaded(key: str) -> None:
    targets = _targets(key)
    tables, indicators, scopes = COUNTS[key]
    assert len(targets) == tables
    assert sum(len(t.indicators) for t in targets) == indicators
    assert Counter(t.scope.value for t in targets) == scopes
    assert all(t.regime is Regime.B for t in targets)  # 2021: 成本指标 is a 一级
    assert all(t.name and t.amount is not None for t in targets)
    assert all(
        i.level1 and i.level2 and i.name and i.value_raw for t in targets for i in t.indicators
    )


@pytest.mark.parametrize("key", sorted(FILES))
def test_every_value_is_parsed_or_reported(key: str) -> None:
    targets = _targets(key)
    issues, _ = checks.check_value_form(targets)
    reported = {(x.target, x.row) for x in issues if x.rule == "R-14" and x.row}
    for t in targets:
        for i in t.indicators:
            v = i.value
            unmeasurable = v.kind is ValueKind.UNPARSED or (
                v.kind is ValueKind.QUANTITATIVE and v.unit is None and checks.is_rate(i.name)
            )
            if unmeasurable:
                assert (checks.target_label(t), f"{i.level1}/{i.level2}/{i.name}") in reported


def test_fuzhou_facts() -> None:
    first = _on_page("fuzhou", 26)  # continued on p27; its 项目名称 cell wraps over the page
    assert first.name == "2026年医疗服务与保障能力提升补助资金"
    assert first.amount == Decimal("745.00") and first.department == "福州市医疗保障局"
    cost = first.indicators[0]
    assert (cost.level1, cost.level2, cost.name) == (
        "成本指标",
        "社会成本指标",
        "行政处罚案件完成及时率",
    )
    assert (cost.value.op, cost.value.number, cost.value.unit) == (Comparator.GE, 90, "%")
    last = first.indicators[-1].value
    assert (last.op, last.number, last.unit) == (Comparator.LE, 5, "件")
    wage = _on_page("fuzhou", 37).indicators[0]
    assert (wage.name, str(wage.value)) == ("人均工资标准", "≤4500元/人月")
    assert _values(_on_page("fuzhou", 34))[1:3] == ["≥13万人", "≥12个"]
    assert str(_on_page("fuzhou", 34).indicators[6].value) == "≥55万人次"


def test_quanzhou_facts() -> None:
    airport = _on_page("quanzhou", 26)
    assert (airport.name, airport.unit_code, airport.implementing_unit) == (
        "机场公安综合修缮改造",
        "301007",
        "泉州市公安局晋江国际机场分局",
    )
    assert _values(airport)[0] == "100%" and airport.indicators[0].value.comparator is Comparator.EQ
    furniture = _on_page("quanzhou", 30)
    assert str(furniture.indicators[0].value) == "80万元"  # 成本: 万 means 万元
    assert furniture.indicators[1].value.kind is ValueKind.DATE  # 采购及时性 12月
    servers = _on_page("quanzhou", 40)  # printed ≤1100%, =1100%, ≥1100%
    assert [str(i.value) for i in servers.indicators][:4] == [
        "≤1100%",
        "≤1100%",
        "=1100%",
        "=1100%",
    ]
    base = _on_page("quanzhou", 50)  # the table runs onto p51
    assert len(base.indicators) == 7
    assert base.indicators[5].value_raw.endswith("社会治理新格局")  # '局' is on p51
    assert base.indicators[6].name == "服务对象满意度"
    assert _on_page("quanzhou", 36).indicators[2].value.kind is ValueKind.UNPARSED  # ≥100%%
    dept = _on_page("quanzhou", 52)
    assert dept.scope is TargetScope.DEPARTMENT and dept.name == "泉州市公安局"
    assert dept.amount == Decimal("81562.56")
    assert ("项目支出", Decimal("29514.82")) in dept.funds


def test_yantai_facts() -> None:
    fund = _on_page("yantai", 33)
    assert fund.scope is TargetScope.SPECIAL_FUND and fund.name == "惠民殡葬补助资金"
    assert fund.amount == Decimal("2149.09") and len(fund.indicators) == 11
    bare = fund.indicators[1]  # 基本殡葬费用减免完成率: a rate printed as "1"
    assert bare.value.kind is ValueKind.QUANTITATIVE and bare.value.unit is None
    office = _on_page("yantai", 34)
    assert (office.name, office.department, office.implementing_unit) == (
        "民政业务工作经费",
        "烟台市民政局",
        "烟台市民政局",
    )
    assert ("部门代码", "233") in office.details
    assert office.funds == (
        ("年度预算资金总额", Decimal("176.00")),
        ("财政拨款", Decimal("174.00")),
        ("其他资金", Decimal("2.00")),
    )
    children = _on_page("yantai", 42)
    kinds = [i.value.kind for i in children.indicators]
    assert kinds[1:4] == [ValueKind.UNPARSED, ValueKind.RELATIVE, ValueKind.DATE]
    assert str(children.indicators[3].value) == "≤2026.12.31"
    assert _values(children)[5] == "健康" and kinds[5] is ValueKind.UNPARSED
    assert str(_on_page("yantai", 51).indicators[2].value) == "≥1700平方米"


# --- the rules on the samples -------------------------------------------------------


def _report(key: str) -> object:
    import govbudget.performance.rules  # noqa: F401
    from govbudget.rules.report import check

    return check(_document(key), select=["performance"])


def _found(key: str, rule: str) -> list[tuple[int | None, str]]:
    report = _report(key)
    return [(f.location.page, f.severity.value) for f in report.of(rule)]  # type: ignore[attr-defined]


def test_quanzhou_real_defects() -> None:
    # cost caps above the project's 资金总额: ≤195万元 vs 185.25 (p32), ≤275万元 vs 259.75 (p48)
    assert _found("quanzhou", "R-1") == [(32, "error"), (48, "error")]
    # rates of 1100 % (pp. 40-44); nothing else is above 100 %
    assert {p for p, _ in _found("quanzhou", "R-2")} == {40, 41, 42, 43, 44}
    # the 三级 name 社会效益指标 under three 二级 (p37) is a template placeholder
    r6 = _found("quanzhou", "R-6")
    assert r6.count((37, "warning")) == 4
    # the department-wide 一级 一般性支出情况 (p52) is reported as info, not as an error
    assert (52, "info") in r6 and all(s != "error" for _, s in r6)


def test_no_false_alarms_on_the_samples() -> None:
    for key in FILES:
        # caps are not compared with 项目支出 when some projects have none (Quanzhou) or
        # a cap is per grant (Yantai 单个补助金额 ≤10万元)
        assert all(s == "error" for _, s in _found(key, "R-1"))
        # a rate change (成功率提升 5%) is a measurable benefit
        messages = [f.message for f in _report(key).of("R-13")]  # type: ignore[attr-defined]
        assert not any("成功率提升" in m for m in messages)
    assert _found("fuzhou", "R-1") == [] and _found("yantai", "R-1") == []


def test_yantai_copied_goal() -> None:
    report = _report("yantai")
    r9 = [f for f in report.of("R-9") if f.severity.value == "warning"]  # type: ignore[attr-defined]
    # p43 (彩票公益金, SOS儿童村) carries p53's goal about the mental-health centre
    assert [(f.location.page, "2026年彩票公益金" in f.message) for f in r9] == [(53, True)]


# --- linking to expenditure ---------------------------------------------------------


def test_fuzhou_projects_are_linked_to_codes() -> None:
    linked = link_targets(_disclosure("fuzhou"))  # type: ignore[arg-type]
    codes = {(t.name, t.amount): t.expenditure_codes for t in linked}
    assert codes[("市属困难企业在职职工财政补助", Decimal("7.14"))] == ("2101201",)
    assert codes[("综合工作经费", Decimal("1160.00"))] == ("2101506",)
    shared = [t.amount for t in linked if t.expenditure_codes == ("2101202",)]
    assert sum(shared, Decimal(0)) == Decimal("333405.00") and len(shared) == 3
    # 118 + 968 + 260 are paid from 2101501 and 2101502 together: not decidable, not linked
    assert sum(1 for t in linked if t.expenditure_codes) == 10


def test_yantai_projects_match_the_project_table() -> None:
    from govbudget.performance.linking import project_rows

    rows = project_rows(_disclosure("yantai"))  # type: ignore[arg-type]
    assert len(rows) == 20 and sum(a for _, a, _ in rows if a) == Decimal("2385.28")
    projects = [t for t in _targets("yantai") if t.scope is TargetScope.PROJECT]
    assert sorted((t.name, t.amount) for t in projects) == sorted((n, a) for n, a, _ in rows)
