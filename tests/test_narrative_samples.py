"""Sentences from the sample PDFs (pdfplumber text, line breaks kept): claims are read right
and internally consistent sentences raise nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SAMPLES, SHARED_MISSING
from govbudget.narrative import checks
from govbudget.narrative.claims import ClaimKind, extract_claims
from govbudget.narrative.sections import build_narrative
from govbudget.readers.raw import RawBlock

WUXI = (
    "（1）一般公共预算拨款收入 152,585.76 万元，与上年相比减\n"
    "少 14,816.38 万元，减少 8.85%。主要原因是财政对机关事业单位\n"
    "养老保险基金补助减少。"
)
WUXI_SHARES = (
    "无锡市人力资源和社会保障局 2026 年收入预算合计\n154,121.76 万元，"
    "包括本年收入 154,121.76 万元，上年结转结余\n"
    "0 万元。其中：\n本年一般公共预算收入 152,585.76 万元，占 99%；\n"
    "本年政府性基金预算收入 0 万元，占 0%；\n"
    "本年其他收入 1,536 万元，占 1%；\n上年结转结余的一般公共预算收入 0 万元，占 0%。"
)
WUXI_THREE = (
    "无锡市人力资源和社会保障局 2026 年度一般公共预算拨款安\n"
    "排的“三公”经费支出预算 61.4 万元，比上年预算减少 25.47 万\n"
    "元，变动原因本年度部门不单独编制因公出国（境）费。"
    "其中，因公出国（境）费支出 0 万元，占“三公”经\n"
    "费的 0%；公务用车购置及运行维护费支出 36.58 万元，占“三公”\n"
    "经费的 59.58%；公务接待费支出 24.82 万元，占“三公”经费的\n40.42%。"
)
GUANGZHOU = (
    "2026年本部门财政拨款安排“三公”经费26.11万元，比上年\n减少25.05万元，下降49%，主要原因是减少公务用车购置经费。\n"
    "其中：因公出国（境）费0万元，比上年增加0万元，增长0%，主\n要原因是与上年持平，无增减变化；公务用车购置及运行维护费\n"
    "24.8万元（公务用车购置费0万元，比上年减少19.6万元；公务用\n车运行维护费24.8万元，比上年减少5.45万元。）比上年减少\n"
    "25.05万元，下降50.3%，主要原因是减少公务用车购置经费；公务接待费1.31万\n元，比上年增加0万元，增长0%。"
)
WANLI = (
    "2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元。其中：\n"
    "（一）因公出国（境）费0万元，比2024年预算持平。主要原因是因公出国（境）费保持不变。\n"
    "（二）公务用车购置及运行费36.56万元，比2024年预算减少10万元。其中：公务用车购置费15万元，"
    "比2024年预算减少10万元；公务用车运行费21.56万元，比2024年预算持平。\n"
    "（三）公务接待费1.35万元。比2024年预算持平，主要原因是公务接待费保持不变。"
)


def narrative(text: str):  # type: ignore[no-untyped-def]
    return build_narrative([RawBlock("四、“三公”经费预算情况", page=48), RawBlock(text, page=48)])


def test_wuxi_amount_change_percent_across_line_breaks() -> None:
    cs = extract_claims(WUXI)
    amount, change, pct = cs[0], cs[1], cs[2]
    assert (amount.label, amount.value) == ("一般公共预算拨款收入", Decimal("152585.76"))
    assert (change.kind, change.direction) == (ClaimKind.CHANGE, -1)
    assert change.value == Decimal("14816.38")
    assert (pct.kind, pct.value) == (ClaimKind.PERCENT_CHANGE, Decimal("8.85"))
    assert checks.check_changes(cs) == []


def test_wuxi_shares_and_enumeration_hold() -> None:
    cs = extract_claims(WUXI_SHARES)
    assert len([c for c in cs if c.kind is ClaimKind.SHARE]) == 4
    assert checks.check_shares(cs, {}) == [] and checks.check_enumerations(cs) == []
    bad = WUXI_SHARES.replace("占 99%", "占 90%")
    assert [i.rule for i in checks.check_shares(extract_claims(bad), {})] == ["N-21"]


def test_wuxi_three_public() -> None:
    cs = extract_claims(narrative(WUXI_THREE))
    (e,) = [c for c in cs if c.kind is ClaimKind.ENUMERATION]
    assert e.value == Decimal("61.4") and [p.value for p in e.parts] == [
        Decimal(0),
        Decimal("36.58"),
        Decimal("24.82"),
    ]
    assert checks.check_enumerations(cs) == [] and checks.check_shares(cs, {}) == []


def test_guangzhou_nested_brackets_and_zero_changes() -> None:
    cs = extract_claims(narrative(GUANGZHOU))
    assert checks.check_enumerations(cs) == []
    rules = [i.rule for i in checks.check_changes(cs)]
    # 增加0万元 is flagged (worded as an increase); the recomputed percentages hold
    assert "N-R4" not in rules and rules.count("Y-4") == 2


def test_wanli_numbered_items_and_years() -> None:
    n = narrative(WANLI)
    cs = extract_claims(n)
    totals = {e.value: [p.value for p in e.parts] for e in cs if e.kind is ClaimKind.ENUMERATION}
    assert totals[Decimal("37.91")] == [Decimal(0), Decimal("36.56"), Decimal("1.35")]
    assert totals[Decimal("36.56")] == [Decimal(15), Decimal("21.56")]
    assert checks.check_enumerations(cs) == []
    assert checks.check_years(n, cs, 2025) == []
    wrong = [i.rule for i in checks.check_years(n, cs, 2026)]
    assert set(wrong) == {"N-14"} and len(wrong) >= 4



@pytest.mark.skipif(
    not (SAMPLES / "guangzhou-meteorology-2026-dept-budget.pdf").exists(),
    reason=SHARED_MISSING,
)
def test_sample_pdf_narrative_extracts_without_errors() -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(SAMPLES / "guangzhou-meteorology-2026-dept-budget.pdf") as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    text = "\n".join(t for t in pages if "比上年" in t)
    blocks = [RawBlock(line, page=1) for line in text.split("\n") if line.strip()]
    n = build_narrative(blocks)
    cs = extract_claims(n)
    amounts = [c for c in cs if c.kind is ClaimKind.AMOUNT]
    assert amounts and all(c.value is not None and c.unit is not None for c in amounts)
    errors = [
        i
        for i in checks.check_enumerations(cs)
        + checks.check_changes(cs)
        + checks.check_shares(cs, {})
        if i.severity == "error"
    ]
    assert errors == []
