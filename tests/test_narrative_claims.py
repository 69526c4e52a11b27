"""Claim extraction: every shape, in 元, 万元 and 亿元, full-width digits, PDF line breaks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govbudget.money import Unit
from govbudget.narrative.claims import ClaimKind, extract_claims


def kinds(text: str, kind: ClaimKind) -> list:
    return [c for c in extract_claims(text) if c.kind is kind]


@pytest.mark.parametrize(
    ("text", "label", "value", "unit"),
    [
        ("其中：一般公共预算收入436.88万元。", "一般公共预算收入", "436.88", Unit.WAN),
        ("人员经费343.23万元。", "人员经费", "343.23", Unit.WAN),
        ("收入预算总计17,192万元。", "收入预算总计", "17192", Unit.WAN),
        ("公务接待费0.3万元。", "公务接待费", "0.3", Unit.WAN),
        ("本年收入合计 154,121.76 万\n元。", "本年收入合计", "154121.76", Unit.WAN),
        ("项目支出５８．００万元。", "项目支出", "58.00", Unit.WAN),
        ("公务接待费支出3,000.50元。", "公务接待费支出", "3000.50", Unit.YUAN),
        ("本部门收入预算1.2亿元。", "收入预算", "1.2", Unit.YI),
    ],
)
def test_amounts(text: str, label: str, value: str, unit: Unit) -> None:
    (c,) = kinds(text, ClaimKind.AMOUNT)
    assert (c.label, c.value, c.unit) == (label, Decimal(value), unit)
    assert (
        text[c.span[0] : c.span[1]]
        .replace("\n", "")
        .replace(" ", "")
        .translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
        .startswith(value.split(".")[0][:1])
    )
    assert c.sentence.endswith("。")


def test_thresholds_are_not_amounts() -> None:
    assert kinds("单价100万元（含）以上的设备64台。", ClaimKind.AMOUNT) == []
    (count,) = kinds("本部门共有车辆 6 辆。", ClaimKind.COUNT)
    assert (count.label, count.value, count.measure) == ("共有车辆", Decimal(6), "辆")


def test_functional_code_named_in_text() -> None:
    (c,) = kinds(
        "卫生健康支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）56.12万元。",
        ClaimKind.AMOUNT,
    )
    assert c.code == "2101101" and c.code_names[-1] == "行政单位医疗"
    (d,) = kinds(
        "“城乡社区支出（类）城乡社区管理事务（款）行政运行（项）”科目1788.77万元。",
        ClaimKind.AMOUNT,
    )
    assert d.code is None and d.code_names == ("城乡社区支出", "城乡社区管理事务", "行政运行")


def test_enumeration_after_其中_and_in_brackets() -> None:
    text = (
        "支出预算总额436.88万元。其中：基本支出378.88万元"
        "（人员经费343.23万元、日常公用经费35.65万元）；项目支出58万元。"
    )
    enums = kinds(text, ClaimKind.ENUMERATION)
    by_total = {e.value: [p.value for p in e.parts] for e in enums}
    assert by_total == {
        Decimal("436.88"): [Decimal("378.88"), Decimal("58")],
        Decimal("378.88"): [Decimal("343.23"), Decimal("35.65")],
    }


def test_enumeration_over_numbered_items_and_incomplete_list() -> None:
    text = (
        "“三公”经费预算数为37.91万元。其中：\n（一）因公出国（境）费0万元，比2024年预算持平。"
        "（二）公务用车购置及运行费36.56万元，比2024年预算减少10万元。（三）公务接待费1.35万元。"
    )
    (e,) = [x for x in kinds(text, ClaimKind.ENUMERATION) if x.value == Decimal("37.91")]
    assert [p.value for p in e.parts] == [Decimal(0), Decimal("36.56"), Decimal("1.35")]
    (partial,) = kinds(
        "采购预算1,189.78万元，其中：货物类3.83万元，服务类1,185.95万元等。", ClaimKind.ENUMERATION
    )
    assert not partial.complete


def test_changes_with_year_and_direction() -> None:
    text = (
        "本年度预算436.88万元，较上年预算增加111.42万元。"
        "其中基本支出增加114.37万元；项目支出减少2.95万元。"
    )
    ch = kinds(text, ClaimKind.CHANGE)
    assert [(c.label, c.direction, c.value, c.compared) for c in ch] == [
        ("本年度预算", 1, Decimal("111.42"), "上年"),
        ("基本支出", 1, Decimal("114.37"), "上年"),
        ("项目支出", -1, Decimal("2.95"), "上年"),
    ]
    assert ch[0].subject is not None and ch[0].subject.value == Decimal("436.88")
    (y,) = kinds("政府性基金拨款支出预算10.00万元，比2024年预算减少1.00万元。", ClaimKind.CHANGE)
    assert (y.year, y.compared) == (2024, "2024年")
    (flat,) = kinds("因公出国（境）费0万元，比2024年预算持平。", ClaimKind.CHANGE)
    assert flat.direction == 0 and flat.value is None and flat.year == 2024


def test_percentages_shares_and_completion() -> None:
    (p,) = kinds(
        "一般公共预算拨款收入 152,585.76 万元，与上年相比减少 14,816.38 万元，减少 8.85%。",
        ClaimKind.PERCENT_CHANGE,
    )
    assert (p.value, p.direction) == (Decimal("8.85"), -1)
    assert p.subject is not None and p.subject.value == Decimal("14816.38")
    (s,) = kinds("公务接待费支出 24.82 万元，占“三公”经费的40.42%。", ClaimKind.SHARE)
    assert s.label == "三公经费" and s.subject is not None and s.subject.value == Decimal("24.82")
    (c,) = kinds("支出100万元，完成年初预算的98.5%。", ClaimKind.COMPLETION)
    assert c.value == Decimal("98.5")


def test_project_list() -> None:
    (p,) = kinds(
        "项目支出58万元（本级支出58万元，包括仲裁人事人才经费、综合业务经费）。", ClaimKind.PROJECTS
    )
    assert p.names == ("仲裁人事人才经费", "综合业务经费") and p.complete
