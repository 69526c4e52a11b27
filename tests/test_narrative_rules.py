"""Each narrative rule: one sentence that passes and one that fails, in 万元 and in 元."""

from __future__ import annotations

import gc
import weakref
from decimal import Decimal

import pytest

from conftest import SEED
from govbudget.money import Unit
from govbudget.narrative import checks
from govbudget.narrative.bind import quantities
from govbudget.narrative.claims import extract_claims
from govbudget.narrative.rules import analyse
from govbudget.narrative.sections import build_narrative
from govbudget.readers.raw import RawBlock
from govbudget.tables import Disclosure, Scope, TableBuilder, TableKind, UnitKind


def money(v: str, unit: Unit) -> str:
    """A 万元 figure written in the table unit (exact)."""
    return format(Unit.WAN.convert(Decimal(v), unit), "f")


def disclosure(
    text: str,
    unit: Unit = Unit.WAN,
    *,
    scope: Scope = Scope.DEPARTMENT,
    vehicles: str = "1",
    performance: tuple[str, ...] = (),
) -> Disclosure:
    m = lambda v: money(v, unit)  # noqa: E731
    summary = (
        TableBuilder(TableKind.SUMMARY, unit=unit)
        .line("general_budget", "一般公共预算拨款收入", side="income", income=m("433.88"))
        .line("subtotal", "本年收入合计", side="income", income=m("433.88"))
        .line("carryover", "上年结转结余", side="income", income=m("3.00"))
        .line("total", "收入总计", side="income", income=m("436.88"))
        .line("total", "支出总计", side="expenditure", expenditure=m("436.88"))
        .build()
    )
    expenditure = (
        TableBuilder(TableKind.EXPENDITURE, unit=unit)
        .line("total", "合计", total=m("436.88"), basic=m("378.88"), project=m("58.00"))
        .row("210", "卫生健康支出", total=m("56.12"), basic=m("56.12"))
        .row("21011", "行政事业单位医疗", total=m("56.12"), basic=m("56.12"))
        .row("2101101", "行政单位医疗", total=m("56.12"), basic=m("56.12"))
        .build()
    )
    basic = (
        TableBuilder(TableKind.BASIC_EXPENDITURE, unit=unit)
        .line("total", "合计", total=m("378.88"), personnel=m("343.23"), public=m("35.65"))
        .row("30201", "办公费", total=m("3.24"), public=m("3.24"))
        .row("30228", "工会经费", total=m("1.67"), public=m("1.67"))
        .row("30231", "公务用车运行维护费", total=m("6.00"), public=m("6.00"))
        .row("30299", "其他商品和服务支出", total=m("24.74"), public=m("24.74"))
        .build()
    )
    three = (
        TableBuilder(TableKind.THREE_PUBLIC, unit=unit)
        .line("total", "合计", total=m("6.00"))
        .line("overseas", "因公出国（境）费", total=m("0.00"))
        .line("vehicle_purchase", "公务用车购置费", total=m("0.00"))
        .line("vehicle_operation", "公务用车运行维护费", total=m("6.00"))
        .line("reception", "公务接待费", total=m("0.00"))
        .build()
    )
    assets = (
        TableBuilder(TableKind.FIXED_ASSETS, unit=unit)
        .line("total", "固定资产总额", value=m("364.33"))
        .line("vehicles", "车辆", quantity=vehicles, value="0")
        .build()
    )
    narrative = build_narrative([RawBlock(t, line=i) for i, t in enumerate(text.split("\n"), 1)])

    class P:
        def __init__(self, name: str) -> None:
            self.name = name

    return Disclosure(
        scope,
        "323" if scope is Scope.DEPARTMENT else "323001",
        "某局",
        2023,
        unit=unit,
        tables=(summary, expenditure, basic, three, assets),
        narrative=narrative,
        unit_kind=UnitKind.ADMINISTRATIVE,
        performance=tuple(P(p) for p in performance),
    )


def rules_of(text: str, unit: Unit = Unit.WAN, **kw: object) -> list[str]:
    a = analyse(disclosure(text, unit, **kw))  # type: ignore[arg-type]
    assert a is not None
    return sorted(i.rule for i in a.issues)


def yuan(text: str) -> str:
    """The same sentence with its 万元 amounts written in 元."""
    import re

    return re.sub(r"(\d+(?:\.\d+)?)万元", lambda m: f"{money(m.group(1), Unit.YUAN)}元", text)


UNITS = pytest.mark.parametrize("unit", [Unit.WAN, Unit.YUAN])


def both(text: str, unit: Unit) -> str:
    return text if unit is Unit.WAN else yuan(text)


@UNITS
@pytest.mark.parametrize(
    ("good", "bad", "rule"),
    [
        ("一般公共预算拨款收入433.88万元。", "一般公共预算收入436.88万元。", "N-2"),
        ("收入总计436.88万元。", "收入总计437.88万元。", "N-1"),
        ("项目支出58万元。", "项目支出57万元。", "N-3"),
        ("人员经费343.23万元。", "人员经费343.32万元。", "N-4"),
        ("公务用车运行费6万元。", "公务用车运行费7万元。", "N-9"),
        ("上年末固定资产金额364.33万元。", "上年末固定资产金额365.33万元。", "N-11"),
        (
            "卫生健康支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）56.12万元。",
            "卫生健康支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）56.21万元。",
            "N-R2",
        ),
        (
            "支出436.88万元，其中：基本支出378.88万元、项目支出58.00万元。",
            "支出436.88万元，其中：基本支出378.88万元、项目支出48.00万元。",
            "N-R3",
        ),
        (
            "基本支出378.88万元，比上年增加78.88万元，增长26.29%。",
            "基本支出378.88万元，比上年增加78.88万元，增长36.29%。",
            "N-R4",
        ),
        (
            "收入总计436.88万元，其中：一般公共预算拨款收入433.88万元，占99.31%；上年结转3.00万元，占0.69%。",
            "收入总计436.88万元，其中：一般公共预算拨款收入433.88万元，占98%；上年结转3.00万元，占0.69%。",
            "N-21",
        ),
        ("机关运行经费35.65万元。", "机关运行经费36.65万元。", "J-1"),
        (
            "机关运行经费35.65万元，其中：办公费3.24万元、工会经费1.67万元、公务用车运行维护费6万元、其他商品和服务支出24.74万元。",
            "机关运行经费35.65万元，其中：办公费3.24万元、工会经费1.67万元、公务用车运行维护费6万元、其他商品和服务支出25.74万元。",
            "J-2",
        ),
        (
            "机关运行经费35.65万元，其中：办公费3.24万元、工会经费1.67万元、公务用车运行维护费6万元、其他商品和服务支出24.74万元。",
            "机关运行经费35.65万元，其中：办公费3.24万元、工会福利费1.67万元、公务用车运行维护费6万元、其他商品和服务支出24.74万元。",
            "N-8",
        ),
        (
            "公务用车运行费6万元，与上年持平。",
            "公务用车运行费6万元，比上年增加2万元，与上年持平。",
            "N-20",
        ),
        (
            "公务用车运行费6万元，比上年增加2万元，增长50%。",
            "公务用车运行费6万元，比上年增加6万元，增长100%。",
            "N-19",
        ),
        (
            "公务用车运行费6万元，比2022年预算增加2万元。",
            "公务用车运行费6万元，比2023年预算增加2万元。",
            "N-14",
        ),
        ("公务接待费支出3万元。", "公务接待费支出3万元，主要原因是。", "N-18"),
        ("上年末固定资产金额364.33万元。", "其他收入18万元。", "N-13"),
    ],
)
def test_rule_passes_and_fails(good: str, bad: str, rule: str, unit: Unit) -> None:
    assert rule not in rules_of(both(good, unit), unit)
    assert rule in rules_of(both(bad, unit), unit)


def test_text_in_yuan_against_tables_in_wan() -> None:
    assert rules_of("项目支出580,000元。", Unit.WAN) == []
    assert rules_of("项目支出570,000元。", Unit.WAN) == ["N-3"]


def test_precision_shown_in_the_text() -> None:
    assert rules_of("项目支出58万元。") == []  # 58 = 58.00
    assert rules_of("上年末固定资产金额364.325417万元。") == ["N-11"]  # rounds to 364.33: info
    a = analyse(disclosure("上年末固定资产金额364.325417万元。"))
    assert a is not None and a.issues[0].severity == "info"


def test_y4_zero_change_worded_as_decrease_in_three_public() -> None:
    good = "四、“三公”经费预算情况\n公务用车运行费6万元，与上年持平。"
    bad = "四、“三公”经费预算情况\n公务用车运行费6万元，与上年相比减少0万元，与上年一致。"
    assert "Y-4" not in rules_of(good) and "Y-4" in rules_of(bad)


def test_n15_document_year() -> None:
    assert "N-15" not in rules_of("1、2023年部门预算收入情况\n收入总计436.88万元。")
    assert "N-15" in rules_of("1、2026年部门预算收入情况\n收入总计436.88万元。")


def test_n16_scope_wording() -> None:
    assert "N-16" not in rules_of(
        "三、机关运行经费\n我单位机关运行经费35.65万元。", scope=Scope.UNIT
    )
    assert "N-16" in rules_of("三、机关运行经费\n我部门机关运行经费35.65万元。", scope=Scope.UNIT)


def test_n17_outdated_class_name() -> None:
    assert "N-17" not in rules_of("卫生健康支出56.12万元。")
    assert "N-17" in rules_of("医疗卫生与计划生育支出56.12万元。")


def test_n5_projects() -> None:
    projects = ("仲裁、人事人才经费", "综合业务费", "安家费补助资金")
    good = "项目支出58万元，包括仲裁人事人才经费、综合业务经费、安家费补助资金。"
    bad = "项目支出58万元，包括仲裁人事人才经费、综合业务经费。"
    assert "N-5" not in rules_of(good, performance=projects)
    assert "N-5" in rules_of(bad, performance=projects)


def test_a1_vehicles() -> None:
    assert "A-1" not in rules_of("公务用车运行费6万元。", vehicles="1")
    assert "A-1" in rules_of("公务用车运行费6万元。", vehicles="0")


def test_empty_section_and_placeholders() -> None:
    assert (
        checks.check_text_defects(
            build_narrative([RawBlock("三、机关运行经费"), RawBlock("35万元。")])
        )
        == []
    )
    found = checks.check_text_defects(
        build_narrative(
            [RawBlock("三、机关运行经费"), RawBlock("四、“三公”经费"), RawBlock("XX万元。。")]
        )
    )
    assert {i.message.split("：")[0] for i in found} == {
        "章节“三、机关运行经费”没有内容",
        "重复标点",
        "模板占位符未替换",
    }


def test_placeholders_are_one_finding_per_section_with_a_count() -> None:
    found = checks.check_text_defects(
        build_narrative([RawBlock("一、部门职责"), RawBlock("XX局负责XX工作，设XX处。")]))
    (only,) = [i for i in found if "占位符" in i.message]
    assert "共 3 处" in only.message and only.actual == "3 处占位符"


def test_quantities_are_read_from_the_tables() -> None:
    qs = quantities(disclosure("", Unit.YUAN))
    assert qs["revenue.general_budget"].value == Decimal("4338800")
    assert qs["basic.public"].unit is Unit.YUAN
    assert qs["assets.vehicles"].value == 1 and qs["functional:2101101"].name == "行政单位医疗"


def test_claims_have_evidence() -> None:
    n = build_narrative(
        [
            RawBlock("三、机关运行经费", line=7),
            RawBlock("共计：人员经费343.23万元。其余略。", line=8),
        ]
    )
    (c,) = extract_claims(n)
    assert c.sentence == "共计：人员经费343.23万元。" and c.location == "line 7"
    assert n.sections[0].text[c.span[0] : c.span[1]] == "343.23万元"


def test_seed_reports_the_documented_defects_and_nothing_else() -> None:
    import govbudget

    doc = govbudget.load(SEED)
    dept, unit = list(doc.walk())
    a, b = analyse(dept), analyse(unit)
    assert a is not None and b is not None
    found = {(i.rule, i.severity) for i in a.issues}
    assert found >= {
        ("N-2", "error"),
        ("N-5", "warning"),
        ("N-8", "warning"),
        ("Y-4", "warning"),
        ("A-1", "warning"),
    }
    n2 = next(i for i in a.issues if i.rule == "N-2")
    assert "433.88" in n2.message and "3.00" in n2.message and "436.88" in n2.evidence
    n5 = next(i for i in a.issues if i.rule == "N-5")
    assert "安家费" in n5.message
    n8 = next(i for i in a.issues if i.rule == "N-8" and i.severity == "warning")
    assert "工会福利费" in n8.message and "工会经费" in n8.message
    # nothing that is not a defect: only the documented rules, errors only for N-2
    assert {i.rule for i in a.issues} <= {"N-2", "N-5", "N-8", "Y-4", "A-1", "N-11", "N-12", "N-18"}
    assert [i.rule for i in a.issues if i.severity == "error"] == ["N-2"]
    # the unit narrative speaks as the department
    assert any(i.rule == "N-16" for i in b.issues)
    assert not any(i.rule == "N-16" for i in a.issues)


def test_the_shared_analysis_does_not_keep_its_disclosure_alive() -> None:
    """Regression: the one-slot cache held the last disclosure strongly, for the process."""
    other = disclosure("本部门2023年支出预算436.88万元。")
    b = analyse(other)
    d = disclosure("本部门2023年支出预算436.88万元。")
    a = analyse(d)
    assert a is not None and a is not b and a == b
    assert analyse(d) is a  # every narrative rule reads the same analysis
    ref = weakref.ref(d)
    del d, a
    gc.collect()
    assert ref() is None
