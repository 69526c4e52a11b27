"""Whether a performance-target table was read reliably (绩效目标表读取可靠性).

A table whose 一级 column holds no 一级 label on most of its rows — a blank, a 二级
label (``数量指标``: the levels shifted by a column), the header itself (``一级指标``)
or a sentence of the goal — was misread, not written wrong: its indicators would make
every performance rule fail on every row. Such a target is reported once (rule U-2)
and left out of the performance rules.

>>> from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget
>>> rows = tuple(PerformanceIndicator.read("数量指标", "培训天数", "≥", value="10天")
...              for _ in range(3))
>>> why(PerformanceTarget("培训", rows))
'3 个指标中 3 个的一级指标不是一级指标名称（如“数量指标”）：各级指标所在的栏未能识别'
>>> why(PerformanceTarget("培训", (PerformanceIndicator.read("产出指标", "数量指标", "天数"),)))
"""

from __future__ import annotations

from collections.abc import Sequence

from govbudget.indicators import regimes
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget

__all__ = ["readable_targets", "unreadable_targets", "why"]

#: at least this many indicators, and more than this share of them, without a 一级 label
MIN_ROWS = 3
SHARE = 0.5


_HEADERS = ("一级指标", "二级指标", "三级指标", "一级", "二级", "三级")


def _misplaced(i: PerformanceIndicator) -> bool:
    """A 一级 cell holding no 一级 label: blank, a 二级 label, a header, a sentence (a
    department-wide table may add short 一级 of its own, such as 履职效能)."""
    label = "".join(i.level1.split())
    if regimes.canonical_level1(label) is not None:
        return False
    return (not label or label in _HEADERS or len(label) > 12
            or regimes.canonical_level2(label, "") is not None)


def why(t: PerformanceTarget) -> str | None:
    """Why the indicators of ``t`` cannot be used (``None``: they can)."""
    rows = t.indicators
    bad = [i for i in rows if _misplaced(i)]
    if len(bad) < MIN_ROWS or len(bad) <= SHARE * len(rows):
        return None
    example = next((i.level1 for i in bad if i.level1), "")
    shown = f"（如“{example[:20]}”）" if example else "（空白）"
    return (f"{len(rows)} 个指标中 {len(bad)} 个的一级指标不是一级指标名称{shown}："
            "各级指标所在的栏未能识别")


def unreadable_targets(d: Disclosure) -> list[tuple[PerformanceTarget, str]]:
    """The targets of ``d`` that were not read reliably, with the reason."""
    return [(t, w) for t in d.performance if (w := why(t)) is not None]


def readable_targets(targets: Sequence[PerformanceTarget]) -> tuple[PerformanceTarget, ...]:
    """``targets`` without those that were not read reliably."""
    return tuple(t for t in targets if why(t) is None)
