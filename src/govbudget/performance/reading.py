"""Whether a performance-target table was read reliably (绩效目标表读取可靠性).

A row whose level cells hold no level label — a blank, the header itself (``一级指标``,
``指标``), a sentence of the goal, two labels fused into one cell (``质量指标时效指标``:
two rows merged) or a 二级 label in the 一级 column (the levels shifted by a column) —
was misread, not written wrong. Such rows are left out of the performance rules and
reported once per table (rule U-2); a table where most rows are wrong that way, or name
no 二级 of their 一级, is left out whole.

>>> from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget
>>> rows = tuple(PerformanceIndicator.read("数量指标", "培训天数", "≥", value="10天")
...              for _ in range(3))
>>> why(PerformanceTarget("培训", rows))
'3 个指标中 3 个的一级、二级指标栏不是指标名称（如“数量指标”）：各级指标所在的栏未能识别'
>>> ok = PerformanceIndicator.read("产出指标", "数量指标", "天数", value="10天")
>>> header = PerformanceIndicator.read("一级指标", "二级指标", "三级指标")
>>> why(PerformanceTarget("培训", (ok, ok, header))), len(readable(PerformanceTarget("培训",
...     (ok, ok, header))).indicators)
('3 个指标中 1 行是表头、空白或目标文字，未参与检查', 2)
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from govbudget.indicators import regimes
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget

__all__ = ["readable", "readable_targets", "stray", "unreadable_targets", "why"]

#: at least this many rows, and more than this share of them, misread: the whole table
MIN_ROWS = 3
SHARE = 0.5

_HEADERS = frozenset({"一级指标", "二级指标", "三级指标", "一级", "二级", "三级", "指标",
                      "指标名称", "/", "-", "—"})
_LABELS = tuple(sorted({*regimes.LEVEL1, regimes.QUANTITY, regimes.QUALITY,
                        regimes.TIMELINESS, regimes.ECONOMIC, regimes.SOCIAL,
                        regimes.ECOLOGICAL, regimes.SUSTAINABLE, regimes.SERVICE_SATISFACTION,
                        regimes.ECONOMIC_COST, regimes.SOCIAL_COST, regimes.ECOLOGICAL_COST},
                       key=len, reverse=True))


def _flat(text: str) -> str:
    return "".join(text.split())


def _fused(label: str) -> bool:
    """Two level labels in one cell (``质量指标时效指标``, ``效益指标效益指标``)."""
    rest, found = label, 0
    for name in _LABELS:
        while name in rest:
            rest = rest.replace(name, "", 1)
            found += 1
    return found >= 2


def _not_a_label(label: str) -> bool:
    return not label or label in _HEADERS or len(label) > 12 or _fused(label)


def stray(i: PerformanceIndicator) -> bool:
    """A row whose 一级 or 二级 cell cannot be an indicator level as read."""
    l1, l2 = _flat(i.level1), _flat(i.level2)
    if regimes.canonical_level1(l1) is None and (
            _not_a_label(l1) or regimes.canonical_level2(l1, "") is not None):
        return True
    return regimes.canonical_level2(l2, l1) is None and _not_a_label(l2)


def _misfit(i: PerformanceIndicator) -> bool:
    """A row R-6 would report: its 一级 unknown, or its 二级 none of its 一级's."""
    l1 = regimes.canonical_level1(i.level1)
    return l1 is None or regimes.canonical_level2(i.level2, i.level1) is None


def why(t: PerformanceTarget) -> str | None:
    """Why rows of ``t`` (or all of them) cannot be used (``None``: they all can)."""
    rows = t.indicators
    bad = [i for i in rows if stray(i) or _misfit(i)]
    if len(bad) >= MIN_ROWS and len(bad) > SHARE * len(rows) and any(stray(i) for i in bad):
        example = next((x for i in bad for x in (i.level1, i.level2) if _flat(x)), "")
        shown = f"（如“{_flat(example)[:20]}”）" if example else "（空白）"
        return (f"{len(rows)} 个指标中 {len(bad)} 个的一级、二级指标栏不是指标名称{shown}："
                "各级指标所在的栏未能识别")
    leaked = next((i for i in rows if stray(i) and any(
        len(_flat(x)) > 12 for x in (i.level1, i.level2))), None)
    if leaked is not None:
        # a goal sentence in the level columns: the grid took rows of the next table, and
        # whose indicators these are is not known
        text = next(_flat(x) for x in (leaked.level1, leaked.level2) if len(_flat(x)) > 12)
        return (f"目标文字“{text[:20]}…”读入了指标栏：该表与相邻绩效目标表的边界未能识别，"
                "各级指标所在的栏未能识别")
    n = sum(1 for i in rows if stray(i))
    if n:
        return f"{len(rows)} 个指标中 {n} 行是表头、空白或目标文字，未参与检查"
    return None


def _whole(t: PerformanceTarget) -> bool:
    reason = why(t)
    return reason is not None and "未能识别" in reason


def readable(t: PerformanceTarget) -> PerformanceTarget:
    """``t`` without the rows that were misread."""
    kept = tuple(i for i in t.indicators if not stray(i))
    return t if len(kept) == len(t.indicators) else attrs.evolve(t, indicators=kept)


def unreadable_targets(d: Disclosure) -> list[tuple[PerformanceTarget, str]]:
    """The targets of ``d`` with rows (or all rows) not read reliably, and the reason."""
    return [(t, w) for t in d.performance if (w := why(t)) is not None]


def readable_targets(targets: Sequence[PerformanceTarget]) -> tuple[PerformanceTarget, ...]:
    """``targets`` without those not read reliably, and the others without misread rows."""
    return tuple(readable(t) for t in targets if not _whole(t))
