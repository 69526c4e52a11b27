"""Checks on the indicator tree and its bases: R-5, R-6 (regime), R-7, R-8 (指标值确定依据).

The regime in force for a table is its own when it has 成本指标 as a 一级 (B), else the
disclosure's. A department-wide table (部门整体支出绩效目标表) may add 一级 outside the
project regime (一般性支出情况, 履职效能 …); R-6 reports those as info only.

>>> from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget
>>> rows = (PerformanceIndicator.read("产出指标", "成本指标", "经费", value="≤3万元"),
...         PerformanceIndicator.read("成本指标", "经济成本指标", "经费", value="≤3万元"))
>>> [x.rule for x in check_level2_membership([PerformanceTarget("X", rows)])[0]]
['R-6']
"""

from __future__ import annotations

from collections.abc import Sequence

from govbudget.indicators import regimes
from govbudget.indicators.regimes import Regime
from govbudget.performance.checks.base import Checked, Issue, issue, row_of
from govbudget.tables.performance import (
    BASIS_LABELS,
    SURVEY_BASES,
    PerformanceIndicator,
    PerformanceTarget,
    TargetScope,
    is_blend,
)

__all__ = [
    "check_basis",
    "check_level1_present",
    "check_level2_membership",
    "check_survey_basis",
    "regime_in_force",
]


def regime_in_force(t: PerformanceTarget, targets: Sequence[PerformanceTarget]) -> Regime:
    """The regime a target is checked against: its own when it is B, else the document's
    (B as soon as any table of the disclosure has 成本指标 as a 一级)."""
    own = t.regime
    if own is Regime.B:
        return own
    doc = regimes.detect(i.level1 for x in targets for i in x.indicators)
    return doc if doc is not Regime.UNKNOWN else own


def check_level1_present(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-5: every 一级 of the regime in force is present; 产出 has 数量 and 质量."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        if not t.indicators:
            if t.scope is not TargetScope.DEPARTMENT:
                n += 1
                issues.append(
                    issue("R-5", "绩效目标表没有绩效指标", t, expected="绩效指标", actual="（无）")
                )
            continue
        regime = regime_in_force(t, targets)
        n += 1
        if regime is Regime.UNKNOWN:
            issues.append(
                issue(
                    "R-5",
                    "没有可识别的一级指标",
                    t,
                    expected="产出指标, 效益指标, 满意度指标 (± 成本指标)",
                    actual="、".join(t.level1_labels()),
                )
            )
            continue
        present = {i.level1_key for i in t.indicators}
        missing = [x for x in regime.level1 if x not in present]
        if missing:
            issues.append(
                issue(
                    "R-5",
                    f"缺少一级指标：{'、'.join(missing)}",
                    t,
                    column="一级指标",
                    expected="、".join(regime.level1),
                    actual="、".join(t.level1_labels()),
                    evidence=f"{regime.value} 年指标体系（{regime.source}）",
                )
            )
        outputs = {i.level2_key for i in t.indicators if i.level1_key == regimes.OUTPUT}
        lacking = [x for x in (regimes.QUANTITY, regimes.QUALITY) if x not in outputs]
        if regimes.OUTPUT in present and lacking:
            issues.append(
                issue(
                    "R-5",
                    f"产出指标缺少 {'、'.join(lacking)}",
                    t,
                    column="二级指标",
                    expected="数量指标、质量指标",
                    severity="info",
                )
            )
    return issues, n


def check_level2_membership(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-6: each 二级 belongs to its 一级 under the regime in force, and a 三级 name is
    not itself a level label (a template placeholder such as 三级 ``社会效益指标``)."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        regime = regime_in_force(t, targets)
        if regime is Regime.UNKNOWN:
            continue
        department = t.scope is TargetScope.DEPARTMENT
        for i in t.indicators:
            n += 1
            allowed = regimes.allowed_level2(regime, i.level1)
            if allowed is None:
                issues.append(
                    issue(
                        "R-6",
                        f"一级指标 “{i.level1}” 不属于 {regime.value} 年指标体系"
                        + ("（部门整体目标表的补充指标）" if department else ""),
                        t,
                        i,
                        column="一级指标",
                        expected="、".join(regime.level1),
                        actual=i.level1,
                        severity="info" if department else None,
                    )
                )
            elif i.level2_key not in allowed:
                issues.append(
                    issue(
                        "R-6",
                        f"二级指标 “{i.level2}” 不属于一级 {i.level1}",
                        t,
                        i,
                        column="二级指标",
                        expected="、".join(allowed),
                        actual=i.level2 or "（空白）",
                        evidence=f"{regime.value} 年指标体系（{regime.source}）",
                    )
                )
            if _is_level_label(i):
                issues.append(
                    issue(
                        "R-6",
                        f"三级指标名称 “{i.name}” 是一个指标层级名称（模板占位），不是指标",
                        t,
                        i,
                        column="三级指标",
                        expected="三级指标名称",
                        actual=i.name,
                        severity="warning",
                    )
                )
    return issues, n


def _is_level_label(i: PerformanceIndicator) -> bool:
    name = regimes.label_key(i.name)
    if not name or not i.name.strip().endswith("指标"):
        return False
    return regimes.canonical_level1(i.name) is not None or (
        regimes.canonical_level2(i.name, i.level1) is not None
    )


def check_basis(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-7: 指标值确定依据 from the known vocabulary; blends and blanks reported."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        groups: dict[str, list[PerformanceIndicator]] = {}
        for i in t.indicators:
            if i.basis_raw is None:
                continue
            n += 1
            raw = i.basis_raw.strip()
            if not raw or is_blend(raw) or not i.basis <= BASIS_LABELS:
                groups.setdefault(raw, []).append(i)
        for raw, rows in groups.items():
            if not raw:
                msg, exp = f"{len(rows)} 个指标没有指标值确定依据", "指标值确定依据"
            elif is_blend(raw):
                msg = f"{len(rows)} 个指标的依据 “{raw}” 混合了 {'、'.join(sorted(rows[0].basis))}"
                exp = "以下之一：" + "、".join(sorted(BASIS_LABELS))
            else:
                unknown = sorted(rows[0].basis - BASIS_LABELS)
                msg = f"{len(rows)} 个指标的依据 {'、'.join(unknown)} 不在已知词表中"
                exp = "以下之一：" + "、".join(sorted(BASIS_LABELS))
            issues.append(
                issue(
                    "R-7",
                    msg,
                    t,
                    rows[0] if len(rows) == 1 else None,
                    column="指标值确定依据",
                    expected=exp,
                    actual=raw,
                    evidence="; ".join(row_of(i) for i in rows),
                )
            )
    return issues, n


def check_survey_basis(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-8: a satisfaction indicator rests on a survey (问卷调查, 抽样调查)."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            if not i.is_satisfaction or i.basis_raw is None:
                continue
            n += 1
            if not i.basis & SURVEY_BASES:
                issues.append(
                    issue(
                        "R-8",
                        f"满意度指标 {i.name} 的依据不是调查",
                        t,
                        i,
                        column="指标值确定依据",
                        expected="问卷调查 / 抽样调查",
                        actual=i.basis_raw or "（空白）",
                    )
                )
    return issues, n
