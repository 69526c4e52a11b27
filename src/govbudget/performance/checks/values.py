"""Checks on the values and units of indicators: R-2, R-3, R-4, R-10, R-12, R-13, R-14.

>>> from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget
>>> i = PerformanceIndicator.read("产出指标", "质量指标", "准确率", value="≥100%")
>>> t = PerformanceTarget("综合业务费", (i,))
>>> [(x.rule, x.expected) for x in check_degenerate([t])[0]]
[('R-3', '=100%')]
>>> j = PerformanceIndicator.read("产出指标", "数量指标", "减免完成率", value="1")
>>> [x.message for x in check_value_form([PerformanceTarget("X", (j,))])[0]]
['比率指标 减免完成率 只给出数字 “1”，单位不明']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from govbudget.indicators import Comparator, ValueKind, regimes
from govbudget.performance.checks.base import (
    PERCENT,
    TIME_UNITS,
    Checked,
    Issue,
    is_money,
    is_rate,
    issue,
    row_of,
)
from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget

__all__ = [
    "check_degenerate",
    "check_formula_unit",
    "check_measurable_benefits",
    "check_qualitative_in_quantitative",
    "check_rates",
    "check_unit_fit",
    "check_value_form",
]


def check_rates(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-2: a rate above 100 % is impossible; 1xx/2xx may be a misread ``≥``."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            v = i.value
            if v.kind is not ValueKind.QUANTITATIVE or v.unit != "%" or v.number is None:
                continue
            if not (is_rate(i.name) or i.is_satisfaction):
                continue
            n += 1
            if v.number > 100 and v.op in (None, Comparator.GE, Comparator.EQ, Comparator.GT):
                evidence = None
                rest = _misread_rest(v.number)
                if rest is not None:
                    evidence = f"疑为识读错误：“{v.raw}”可能是“≥{rest}%”"
                issues.append(
                    issue(
                        "R-2",
                        f"比率 {i.name} 的指标值 {v} 超过 100%",
                        t,
                        i,
                        column="指标值",
                        expected="≤100%",
                        actual=str(v),
                        evidence=evidence,
                        # a ≥ read as a digit is the text layer's fault, not the table's
                        severity="warning" if rest is not None else None,
                    )
                )
    return issues, n


def _misread_rest(number: Decimal) -> Decimal | None:
    """The rate a value > 100 % would be with its first digit dropped, when that is a
    plausible rate (``1100`` → 100, ``195`` → 95, ``292`` → 92): a ``≥`` glyph of the
    text layer read as ``1`` or ``2`` (docs/domain.md §8.3, S25)."""
    if not 100 < number < 10_000:  # a misread ≥ has 3-4 digits (and a 1E+999999 is not printed)
        return None
    digits = format(number, "f")
    if number != number.to_integral_value() or digits[:1] not in ("1", "2") or len(digits) < 3:
        return None
    rest = Decimal(digits[1:])
    return rest if 50 <= rest <= 100 else None


def check_degenerate(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-3: ``≥100%`` cannot be exceeded; it should read ``=100%``."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            v = i.value
            if v.kind is ValueKind.QUANTITATIVE and v.unit == "%":
                n += 1
                if v.op is Comparator.GE and v.number == 100:
                    issues.append(
                        issue(
                            "R-3",
                            f"{i.name}: {v.raw or v} 是退化的目标值",
                            t,
                            i,
                            column="指标值",
                            expected="=100%",
                            actual=v.raw or str(v),
                        )
                    )
    return issues, n


def check_unit_fit(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-4: the unit fits the indicator (成本 → money, 数量 → a count, 率 → %)."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            v = i.value
            if v.kind not in (ValueKind.QUANTITATIVE, ValueKind.RANGE) or not v.unit:
                continue
            n += 1
            l2 = i.level2_key
            problem = expected = None
            if i.is_cost and not is_money(v.unit):
                problem, expected = "成本指标不以金额表示", "金额（元/万元）"
            elif l2 == regimes.QUANTITY and (v.unit in TIME_UNITS or is_money(v.unit)):
                problem, expected = (
                    "数量指标以时间或金额表示，不是产出数量",
                    "数量（人、个、次…）",
                )
            elif is_rate(i.name) and v.unit not in PERCENT:
                problem, expected = "比率指标不以百分比表示", "百分比（或等级）"
            elif l2 == regimes.TIMELINESS and is_money(v.unit):
                problem, expected = "时效指标以金额表示", "时间、日期或及时率"
            if problem:
                issues.append(
                    issue(
                        "R-4",
                        f"{problem}：{i.name} {v.raw or v}",
                        t,
                        i,
                        column="指标值",
                        expected=expected,
                        actual=v.raw or str(v),
                    )
                )
    return issues, n


def check_qualitative_in_quantitative(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-12: a grade word in a 定量 二级 (数量, 成本) is not measurable."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            if not (i.is_cost or i.level2_key == regimes.QUANTITY):
                continue
            n += 1
            if i.value.kind is ValueKind.QUALITATIVE:
                issues.append(
                    issue(
                        "R-12",
                        f"定量指标 {i.name} 的指标值是定性的 “{i.value_raw}”",
                        t,
                        i,
                        column="指标值",
                        expected="带单位的数值",
                        actual=i.value_raw,
                    )
                )
    return issues, n


def check_value_form(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-14: a value the grammar cannot read, a rate as a bare number, a unit spelled out."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        spelled: list[PerformanceIndicator] = []
        for i in t.indicators:
            n += 1
            v = i.value
            if v.kind is ValueKind.UNPARSED:
                what = "指标值为空" if not v.word else "指标值不可度量（无法按语法解析）"
                issues.append(
                    issue(
                        "R-14",
                        f"{what}：{i.name} “{i.value_raw}”",
                        t,
                        i,
                        column="指标值",
                        expected="（比较符）数值单位、日期或等级",
                        actual=i.value_raw,
                    )
                )
            elif v.kind is ValueKind.QUANTITATIVE and v.unit is None and is_rate(i.name):
                issues.append(
                    issue(
                        "R-14",
                        f"比率指标 {i.name} 只给出数字 “{i.value_raw}”，单位不明",
                        t,
                        i,
                        column="指标值",
                        expected="百分比",
                        actual=i.value_raw,
                    )
                )
            elif v.unit == "%" and "百分比" in unicodedata.normalize("NFKC", i.value_raw):
                spelled.append(i)
        if spelled:
            issues.append(
                issue(
                    "R-14",
                    f"{len(spelled)} 个指标值把 % 写作“百分比”",
                    t,
                    None,
                    column="指标值",
                    expected=str(spelled[0].value),
                    actual=spelled[0].value_raw,
                    evidence="; ".join(row_of(i) for i in spelled),
                    severity="info",
                )
            )
    return issues, n


_FORMULA = re.compile(r"=.*[/÷]")


def check_formula_unit(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-10: a ratio formula in the description (…=…/…*100) implies a % value."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            if not _FORMULA.search(unicodedata.normalize("NFKC", i.description)):
                continue
            n += 1
            if i.value.unit not in PERCENT and i.value.kind is not ValueKind.UNPARSED:
                issues.append(
                    issue(
                        "R-10",
                        f"描述给出比率公式，指标值却不是百分比：{i.value_raw}",
                        t,
                        i,
                        column="指标值",
                        expected="%",
                        actual=i.value_raw,
                        evidence=i.description,
                    )
                )
    return issues, n


_VAGUE = re.compile(r"效益|可持续性|作用|影响|效果")


def check_measurable_benefits(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-13: a 效益 indicator given as ``≥95%`` with no defined numerator is not measurable."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            if i.level1_key != regimes.BENEFIT:
                continue
            n += 1
            v = i.value
            if v.kind is ValueKind.QUANTITATIVE and v.unit == "%" and not is_rate(i.name):
                why = "名称是一种效果，不是比率" if _VAGUE.search(i.name) else "名称不是比率"
                issues.append(
                    issue(
                        "R-13",
                        f"效益指标 {i.name} {v} 无法度量（{why}，没有分子分母）",
                        t,
                        i,
                        column="指标值",
                        expected="有明确定义的比率",
                        actual=v.raw or str(v),
                        evidence=i.description or None,
                    )
                )
    return issues, n
