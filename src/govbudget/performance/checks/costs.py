"""R-1: cost caps (成本指标) against the project's budget and against 项目支出.

A cap is a 成本指标 in money with ``≤``, ``<``, ``=``, ``≈`` or no comparator. A cap per
unit (单个补助金额, 人均, 每…, 单价, 补助标准) bounds one grant, not the project, and is
left out. The sum of caps is compared with 项目支出 only when every project has a cap
for the whole project; per functional code only for the projects linked to that code
(``govbudget.performance.linking``).

>>> from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget
>>> cap = PerformanceIndicator.read("成本指标", "经济成本指标", "项目总支出", value="≤30万元")
>>> t = PerformanceTarget("公务用车购置", (cap,), amount=Decimal("25"))
>>> [(i.rule, i.expected, i.actual) for i in check_cost_caps([t])[0]]
[('R-1', '≤25', '30')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from govbudget.indicators import Comparator, ValueKind
from govbudget.money import Unit, places_of
from govbudget.performance.checks.base import Checked, Issue, issue, projects
from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget, TargetScope

__all__ = ["check_cost_caps", "cost_caps", "is_unit_cap"]

_CAP_OPS = (None, Comparator.LE, Comparator.LT, Comparator.EQ, Comparator.APPROX)
_TO_YUAN = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
}
_PER_UNIT = re.compile(r"单个|单项|单次|单价|人均|户均|次均|每|标准|/")


def _half(amount: Decimal | None) -> Decimal:
    if amount is None:
        return Decimal(0)
    return Decimal(5).scaleb(-(places_of(amount) + 1))


def is_unit_cap(i: PerformanceIndicator) -> bool:
    """A cost bound per grant, person or item (单个补助金额, 人均…, 元/人月)."""
    return bool(_PER_UNIT.search(i.name)) or "/" in (i.value.unit or "")


def cost_caps(
    t: PerformanceTarget, unit: Unit = Unit.WAN
) -> list[tuple[PerformanceIndicator, Decimal]]:
    """The project-wide cost caps of a target (成本指标 ≤ x 万元), exactly in ``unit``."""
    caps = []
    for i in t.indicators:
        v = i.value
        if (
            i.is_cost
            and v.kind is ValueKind.QUANTITATIVE
            and v.op in _CAP_OPS
            and v.unit in _TO_YUAN
            and v.number is not None
            and not is_unit_cap(i)
        ):
            if v.unit == unit.value:
                caps.append((i, v.number))
            else:
                caps.append((i, Unit.YUAN.convert(v.number * _TO_YUAN[v.unit], unit)))
    return caps


def check_cost_caps(
    targets: Sequence[PerformanceTarget],
    *,
    project_total: Decimal | None = None,
    by_code: Mapping[str, Decimal] | None = None,
    unit: Unit = Unit.WAN,
) -> Checked:
    """R-1: each cost cap within its project's budget; Σ caps = 项目支出 (and per code)."""
    issues: list[Issue] = []
    n = 0
    total = Decimal(0)
    every_project_capped = True
    per_code: dict[tuple[str, ...], Decimal] = {}
    uncapped_codes: set[tuple[str, ...]] = set()
    for t in projects(targets):
        caps = cost_caps(t, unit)
        budget = t.amount_in(unit)
        for i, cap in caps:
            if budget is not None and budget > 0:  # 0: the money is not in this table
                n += 1
                # the budget is printed rounded (13.20): a cap of 13.2012 does not exceed it
                if cap > budget + t.amount_unit.convert(_half(t.amount), unit):
                    issues.append(
                        issue(
                            "R-1",
                            f"成本指标 {i.value} 超出项目预算 {budget}{unit.value}",
                            t,
                            i,
                            column="指标值",
                            expected=f"≤{budget}",
                            actual=format(cap, "f"),
                            severity="error",
                        )
                    )
        project_cap = sum((c for _, c in caps), Decimal(0))
        if t.scope is TargetScope.PROJECT:
            total += project_cap
            every_project_capped = every_project_capped and bool(caps)
        if t.expenditure_codes:
            key = tuple(sorted(t.expenditure_codes))
            per_code[key] = per_code.get(key, Decimal(0)) + project_cap
            if not caps:
                uncapped_codes.add(key)
    if project_total is not None and every_project_capped and total:
        n += 1
        if total != project_total:
            issues.append(
                Issue(
                    "R-1",
                    f"成本指标合计 {total} ≠ 项目支出 {project_total}"
                    f"（差 {total - project_total}）",
                    expected=format(project_total, "f"),
                    actual=format(total, "f"),
                    evidence="各项目绩效目标表成本指标之和",
                    severity="info",
                )
            )
    for codes, cap_sum in per_code.items():
        if codes in uncapped_codes or by_code is None or not all(c in by_code for c in codes):
            continue
        n += 1
        spent = sum((by_code[c] for c in codes), Decimal(0))
        if cap_sum != spent:
            issues.append(
                Issue(
                    "R-1",
                    f"成本指标合计 {cap_sum} ≠ {'/'.join(codes)} 项目支出 {spent}",
                    row="/".join(codes),
                    expected=format(spent, "f"),
                    actual=format(cap_sum, "f"),
                    severity="info",
                )
            )
    return issues, n
