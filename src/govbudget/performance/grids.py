"""Performance grids beyond one project per table (多项目绩效表、合并的指标层级).

Three layouts seen across templates, each read into the same ``PerformanceTarget`` model:

* one grid listing several projects, the project's name (and amount, goal) printed in
  the first row of its indicator rows (``项目名称 | 资金总额 | 绩效目标 | 一级指标 | …``):
  read as one target per project;
* the levels fused into one cell (``产出指标数量指标培训人数``): split into 一级, 二级 and
  the indicator's name;
* the indicators of a project listed in one cell (``1、1-产出指标；11-数量指标；汇聚数据
  量；年度指标值:≥10亿条。2、…``): one indicator per item.

A blank 一级 under a standard 二级 (the merged 一级 cell printed vertically, its text lost)
is given the 一级 that 二级 belongs to in every regime (数量指标 → 产出指标); a 二级 that
belongs to more than one (成本指标) leaves it blank.

>>> split_levels("产出指标数量指标北京市行政执法资格考试人数")
('产出指标', '数量指标', '北京市行政执法资格考试人数')
>>> [(i.level1, i.level2, i.name, i.value_raw) for i in list_indicators(
...     "1、1-产出指标；11-数量指标；汇聚数据量；年度指标值:≥10亿条。")]
[('产出指标', '数量指标', '汇聚数据量', '≥10亿条')]
>>> level1_of("社会效益指标"), level1_of("成本指标")
('效益指标', None)
"""

from __future__ import annotations

import re

from govbudget.indicators.regimes import (
    LEVEL1,
    Regime,
    allowed_level2,
    canonical_level1,
    canonical_level2,
)
from govbudget.performance.heads import key
from govbudget.tables.performance import PerformanceIndicator

__all__ = ["level1_of", "list_indicators", "project_column", "split_levels"]

_FUSED = re.compile(r"^(成本|产出|效益|满意度)指标\s*(.{1,10}?指标)\s*(.*)$", re.S)
_ITEM = re.compile(r"(?:^|(?<=[。；;\s]))\s*\d{1,3}\s*(?:、|[.．](?!\d))\s*")
_CODE = re.compile(r"^\s*\d{1,3}\s*[-－]\s*")
_VALUE = re.compile(r"^(?:(年度|本年|当年)\S{0,4}指标值|指标值)\s*[:：]\s*(.*)$")
_ANY_VALUE = re.compile(r"^\S{0,8}指标值\s*[:：]\s*(.*)$")


def level1_of(level2: str) -> str | None:
    """The 一级 a standard 二级 belongs to in every regime, else None."""
    l2 = canonical_level2(level2)
    if l2 is None or canonical_level1(level2) is not None:  # 成本指标: a 一级 in 2021's regime
        return None
    parents = {p for regime in (Regime.A, Regime.B) for p in LEVEL1
               if l2 in (allowed_level2(regime, p) or ())}
    return parents.pop() if len(parents) == 1 else None


def split_levels(text: str) -> tuple[str, str, str] | None:
    """(一级, 二级, name) of a cell printing the levels fused (产出指标数量指标…)."""
    m = _FUSED.match(key(text))
    if m is None:
        return None
    l1 = f"{m.group(1)}指标"
    if canonical_level2(m.group(2), l1) is None:
        return None
    return l1, m.group(2), m.group(3)


def list_indicators(text: str, row: int | None = None) -> list[PerformanceIndicator]:
    """The indicators listed in one cell: ``N、一级；二级；name；…指标值:value`` items."""
    out: list[PerformanceIndicator] = []
    for item in _ITEM.split(text):
        fields = [_CODE.sub("", f).strip() for f in re.split(r"[；;]", item.strip(" 。"))]
        fields = [f for f in fields if f]
        if len(fields) < 3 or canonical_level1(fields[0]) is None:
            continue
        l1, l2, name = fields[0], fields[1], fields[2]
        values = [(m.group(1), m.group(2).strip(" 。")) for f in fields[3:] if (m := _VALUE.match(f))]
        value = next((v for kind, v in values if kind), "") or next(
            (m.group(1).strip(" 。") for f in fields[3:] if (m := _ANY_VALUE.match(f))), "")
        extra = tuple(("", f) for f in fields[3:] if not _ANY_VALUE.match(f))
        out.append(PerformanceIndicator.read(l1, l2, name, value=value, extra=extra, row=row))
    return out


#: headings of the column naming each project of a grid listing several
_PROJECT_HEADINGS = {"项目名称", "单位(项目)名称", "单位（项目）名称", "专项(项目)名称",
                     "项目名称(资金使用单位)", "项目名称（资金使用单位）", "项目"}


def project_column(header: list[str], rows: list[tuple[str, ...]]) -> int | None:
    """The column naming the projects of a grid listing several (two or more names)."""
    for j, text in enumerate(header):
        if key(text) in {key(h) for h in _PROJECT_HEADINGS}:
            names = {key(r[j]) for r in rows if j < len(r) and key(r[j])}
            if len(names) >= 2:
                return j
    return None
