"""What every performance check shares: the ``Issue`` record and how findings name places.

>>> from govbudget.performance.checks.base import is_rate, target_label
>>> from govbudget.tables.performance import PerformanceTarget
>>> is_rate("资金拨付及时率"), is_rate("成功率提升"), is_rate("参保人数")
(True, True, False)
>>> target_label(PerformanceTarget("民政业务工作经费", title="政策和项目预算绩效目标表"))
'民政业务工作经费（政策和项目预算绩效目标表）'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import attrs

from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget, TargetScope

__all__ = ["Checked", "Issue", "is_money", "is_rate", "target_label"]


@attrs.frozen(slots=True)
class Issue:
    """One thing a performance check found: what, where, expected, actual, evidence.

    ``target`` names the target (project), ``row`` the indicator (一级/二级/三级),
    ``column`` the column (指标值, 指标值确定依据, 绩效目标). ``severity`` overrides the
    rule's default (``"error"``, ``"warning"``, ``"info"``) when set.
    """

    rule: str
    message: str
    target: str | None = None
    row: str | None = None
    column: str | None = None
    expected: str | None = None
    actual: str | None = None
    evidence: str | None = None
    severity: str | None = None
    page: int | None = None
    line: int | None = None


#: the issues a check found and how many checks it ran
Checked = tuple[list[Issue], int]

_PUNCT = re.compile(r"[\s，,。.;；:：、!！?？“”\"'（）()]+")


def norm(text: str) -> str:
    """Text for comparing: NFKC, without spaces and punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text))


def target_label(t: PerformanceTarget) -> str:
    """How findings name a target: its title when the title names the project, else the
    project name with the (generic) title beside it."""
    if not t.title:
        return t.name
    if not t.name or norm(t.name) in norm(t.title):
        return t.title
    return f"{t.name}（{t.title}）"


def row_of(i: PerformanceIndicator) -> str:
    return f"{i.level1}/{i.level2}/{i.name}"


def issue(
    rule: str,
    message: str,
    t: PerformanceTarget,
    i: PerformanceIndicator | None = None,
    **kw: str | None,
) -> Issue:
    """An issue located at a target (and an indicator row of it)."""
    return Issue(
        rule,
        message,
        target_label(t),
        row_of(i) if i is not None else None,
        page=t.page,
        line=t.line,
        **kw,
    )


_RATE_TAILS = ("率", "度", "比例", "比重", "占比", "之比")
#: a rate followed by a direction is a change of that rate (成功率提升 5%)
_CHANGE_TAIL = re.compile(r"(?:提升|提高|增长|增加|下降|降低|减少)(?:幅度|值)?$")
_QUALIFIER = re.compile(r"[（(][^)）]*[)）]$")
MONEY = ("元", "万元", "亿元", "千元")
TIME_UNITS = frozenset({"h", "天", "工作日", "个月", "年", "分钟", "周", "小时", "日"})
PERCENT = frozenset({"%", "‰", "百分点"})


def is_rate(name: str) -> bool:
    """A name that is a rate (…率, …度, …比例), or the change of one (…率提升)."""
    n = _QUALIFIER.sub("", name.strip())
    n = _CHANGE_TAIL.sub("", n) or n
    return n.endswith(_RATE_TAILS)


def is_money(unit: str | None) -> bool:
    return unit is not None and (unit in MONEY or unit.startswith(("元/", "万元/")))


def projects(targets: Iterable[PerformanceTarget]) -> list[PerformanceTarget]:
    """The targets that are not department-wide (projects and special funds)."""
    return [t for t in targets if t.scope is not TargetScope.DEPARTMENT]
