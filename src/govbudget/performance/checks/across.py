"""Checks across targets and against the rest of the disclosure: R-9 (copied goals and
indicator sets), R-11 (which projects have a table), R-15 (the department-wide target).

>>> from govbudget.tables.performance import PerformanceTarget
>>> a = PerformanceTarget("甲项目", goals=("保障运转。", "保障运转。"))
>>> [(x.rule, x.actual) for x in check_duplicates([a])[0]]
[('R-9', '2×')]
>>> narrative_project_names("项目支出58万元，主要用于仲裁人事人才经费、综合业务经费。")
['仲裁人事人才经费', '综合业务经费']
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal

from govbudget.performance.checks.base import Checked, Issue, issue, norm, projects
from govbudget.tables.performance import PerformanceTarget, TargetScope, split_goals

__all__ = [
    "check_department_target",
    "check_duplicates",
    "check_project_coverage",
    "department_target_from_text",
    "narrative_project_names",
    "same_project",
]


def check_duplicates(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-9: a goal repeated in a target or copied across targets; templated indicator sets."""
    issues: list[Issue] = []
    n = 0
    seen: dict[str, PerformanceTarget] = {}
    for t in targets:
        counts: dict[str, int] = {}
        for g in t.goals:
            counts[norm(g)] = counts.get(norm(g), 0) + 1
        for g in dict.fromkeys(t.goals):
            n += 1
            k = norm(g)
            if not k:
                continue
            if counts[k] > 1:
                issues.append(
                    issue(
                        "R-9",
                        f"同一绩效目标在本项目中重复 {counts[k]} 次",
                        t,
                        column="绩效目标",
                        expected="各条目标不重复",
                        actual=f"{counts[k]}×",
                        evidence=g,
                    )
                )
            other = seen.get(k)
            if other is not None and other is not t and other.name != t.name:
                issues.append(
                    issue(
                        "R-9",
                        f"绩效目标与项目 {other.name} 的目标相同",
                        t,
                        column="绩效目标",
                        expected="本项目自己的目标",
                        actual=g,
                        evidence=f"与项目 {other.name} 的目标文字相同",
                    )
                )
            seen.setdefault(k, t)
        counts.clear()
    candidates = [t for t in projects(targets) if len(t.indicators) >= 3]
    sets = {
        id(t): {(norm(i.name), str(i.value)) for i in t.indicators if not i.is_cost}
        for t in candidates
    }
    reported: set[int] = set()
    for a, b in itertools.combinations(candidates, 2):
        if a.name == b.name:
            continue
        n += 1
        sa, sb = sets[id(a)], sets[id(b)]
        shared = sa & sb
        if not shared or len(shared) < 3:
            continue
        if sa == sb or len(shared) >= 0.8 * min(len(sa), len(sb)):
            same = "相同" if sa == sb else "几乎相同"
            issues.append(
                issue(
                    "R-9",
                    f"指标（成本之外）与项目 {a.name} {same}",
                    b,
                    expected="本项目特有的指标",
                    actual=f"{len(sb)} 个指标中 {len(shared)} 个相同",
                    evidence="; ".join(sorted(f"{x}{y}" for x, y in shared)),
                )
            )
            reported.add(id(b))
        elif id(b) not in reported:
            issues.append(
                issue(
                    "R-9",
                    f"沿用项目 {a.name} 的 {len(shared)} 个指标（名称与指标值相同）",
                    b,
                    expected="本项目特有的指标",
                    actual=f"{len(shared)} 个相同",
                    evidence="; ".join(sorted(f"{x}{y}" for x, y in shared)),
                    severity="info",
                )
            )
            reported.add(id(b))
    return issues, n


_NAME_TAILS = (
    "项目绩效目标表",
    "绩效目标表",
    "项目经费",
    "专项经费",
    "工作经费",
    "经费",
    "资金",
    "费",
    "项目",
)


def _name_key(name: str) -> str:
    k = norm(name)
    for tail in _NAME_TAILS:
        if k.endswith(tail) and len(k) > len(tail) + 1:
            k = k[: -len(tail)]
            break
    return k


def same_project(a: str, b: str) -> bool:
    ka, kb = _name_key(a), _name_key(b)
    return bool(ka and kb) and (ka == kb or ka in kb or kb in ka)


_LIST = re.compile(r"项目支出[^。]*?(?:包括|主要用于|主要有|主要是|用于)[:：]?([^。；;）)]+)")


def narrative_project_names(text: str) -> list[str]:
    """The project names the narrative lists for 项目支出 (``…包括A、B``)."""
    names: list[str] = []
    for m in _LIST.finditer(text):
        for part in re.split(r"[、，,和及]|以及", m.group(1)):
            part = part.strip().strip("等")
            if len(part) >= 2:
                names.append(part)
    return names


def check_project_coverage(
    targets: Sequence[PerformanceTarget],
    *,
    narrative_names: Sequence[str] | None = None,
    expenditure_names: Sequence[str] | None = None,
    project_total: Decimal | None = None,
) -> Checked:
    """R-11: the projects with a 绩效目标表 are those the narrative and the tables know."""
    issues: list[Issue] = []
    n = 0
    listed = [t for t in targets if t.scope is TargetScope.PROJECT]
    for source, names in (("情况说明", narrative_names), ("项目支出表", expenditure_names)):
        if not names:
            continue
        for t in listed:
            n += 1
            if not any(same_project(t.name, x) for x in names):
                issues.append(
                    issue(
                        "R-11",
                        f"有绩效目标表的项目 {t.name} 未出现在{source}中",
                        t,
                        expected="、".join(names),
                        actual=t.name,
                    )
                )
        for x in names:
            n += 1
            if not any(same_project(t.name, x) for t in listed):
                issues.append(
                    Issue(
                        "R-11",
                        f"{source}中的项目 {x} 没有绩效目标表",
                        expected="有绩效目标表",
                        actual=x,
                    )
                )
    if project_total is not None and listed:
        n += 1
        if project_total == 0:
            issues.append(
                Issue(
                    "R-11",
                    f"{len(listed)} 个项目有绩效目标表，但项目支出为 0",
                    expected="项目支出 > 0",
                    actual="0",
                )
            )
    return issues, n


def check_department_target(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-15: a department-wide target (部门整体绩效目标) given as prose only is not measurable."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        if t.scope is not TargetScope.DEPARTMENT:
            continue
        n += 1
        if not t.indicators:
            issues.append(
                issue(
                    "R-15",
                    "部门整体绩效目标只有文字，没有绩效指标和指标值",
                    t,
                    expected="有绩效指标的部门整体支出绩效目标表",
                    actual=f"{len(t.goals)} 段目标文字",
                    evidence=(t.goals[0][:60] + "…") if t.goals else None,
                )
            )
    return issues, n


def department_target_from_text(
    name: str, text: str, *, line: int | None = None, page: int | None = None
) -> PerformanceTarget:
    """A prose-only department target (部门整体绩效目标) from narrative text."""
    return PerformanceTarget(
        name=name,
        goals=split_goals(text) or (text.strip(),),
        goal_text=text,
        scope=TargetScope.DEPARTMENT,
        line=line,
        page=page,
    )
