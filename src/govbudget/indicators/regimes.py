"""Indicator regimes (绩效指标体系): which 一级 and 二级 indicators are valid, and when.

Regime A is the 2015 framework (财预〔2015〕88号: 成本 under 产出); regime B is the 2021
core-indicator guide (财预〔2021〕101号: 成本指标 as a 一级). The regime is a property of
each table, detected from its 一级 labels (docs/domain.md §8.1).

>>> from govbudget.indicators.regimes import Regime, canonical_level1, canonical_level2, detect
>>> canonical_level1("产出"), canonical_level2("经济效益", "效益指标")
('产出指标', '经济效益指标')
>>> canonical_level2("经济", "成本指标")
'经济成本指标'
>>> detect(["成本指标", "产出指标"]), detect(["产出指标", "效益指标"])
(<Regime.B: '2021'>, <Regime.A: '2015'>)
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping

__all__ = [
    "LEVEL1",
    "Regime",
    "allowed_level2",
    "canonical_level1",
    "canonical_level2",
    "detect",
    "label_key",
]

COST, OUTPUT, BENEFIT, SATISFACTION = "成本指标", "产出指标", "效益指标", "满意度指标"
LEVEL1 = (COST, OUTPUT, BENEFIT, SATISFACTION)
QUANTITY, QUALITY, TIMELINESS, OUTPUT_COST = "数量指标", "质量指标", "时效指标", "成本指标"
ECONOMIC, SOCIAL, ECOLOGICAL, SUSTAINABLE = (
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
)
SERVICE_SATISFACTION = "服务对象满意度指标"
ECONOMIC_COST, SOCIAL_COST, ECOLOGICAL_COST = "经济成本指标", "社会成本指标", "生态环境成本指标"


class Regime(enum.Enum):
    """The indicator framework a table follows (指标体系)."""

    A = "2015"  # 财预〔2015〕88号: 产出 {数量, 质量, 时效, 成本}, 效益, 满意度
    B = "2021"  # 财预〔2021〕101号: 成本 {经济, 社会, 生态环境} as a 一级
    UNKNOWN = "unknown"

    @property
    def level1(self) -> tuple[str, ...]:
        """The 一级 indicators every table of this regime should have."""
        return REQUIRED[self]

    @property
    def source(self) -> str:
        return {Regime.A: "财预〔2015〕88号", Regime.B: "财预〔2021〕101号", Regime.UNKNOWN: ""}[
            self
        ]


REQUIRED: Mapping[Regime, tuple[str, ...]] = {
    Regime.A: (OUTPUT, BENEFIT, SATISFACTION),
    Regime.B: (COST, OUTPUT, BENEFIT, SATISFACTION),
    Regime.UNKNOWN: (),
}

_BENEFITS = (ECONOMIC, SOCIAL, ECOLOGICAL, SUSTAINABLE)
_TREE: Mapping[Regime, Mapping[str, tuple[str, ...]]] = {
    Regime.A: {
        OUTPUT: (QUANTITY, QUALITY, TIMELINESS, OUTPUT_COST),
        BENEFIT: _BENEFITS,
        SATISFACTION: (SERVICE_SATISFACTION,),
    },
    # 101号 lists 成本's 二级 [SEC S20]; 产出 without 成本, 效益 keeping 可持续影响 [UNVERIFIED]
    Regime.B: {
        COST: (ECONOMIC_COST, SOCIAL_COST, ECOLOGICAL_COST),
        OUTPUT: (QUANTITY, QUALITY, TIMELINESS),
        BENEFIT: _BENEFITS,
        SATISFACTION: (SERVICE_SATISFACTION,),
    },
}

_SPACES = re.compile(r"[\s\u3000]+")


# label_key, canonical_level1 and canonical_level2 are pure functions of short labels that
# every check asks about again and again (≈ 2,000 calls per check of the seed): memoised.
@functools.lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """A label without spaces, wraps, full-width forms or a trailing ``指标``/``类``."""
    t = _SPACES.sub("", unicodedata.normalize("NFKC", text or ""))
    t = t.rstrip(":：")
    for tail in ("指标", "类"):
        if t.endswith(tail) and len(t) > len(tail):
            t = t[: -len(tail)]
    return t


_L1 = {
    "成本": COST,
    "产出": OUTPUT,
    "效益": BENEFIT,
    "满意度": SATISFACTION,
    "服务对象满意度": SATISFACTION,
}
_L2_COMMON = {
    "数量": QUANTITY,
    "质量": QUALITY,
    "时效": TIMELINESS,
    "经济效益": ECONOMIC,
    "社会效益": SOCIAL,
    "生态效益": ECOLOGICAL,
    "生态环境效益": ECOLOGICAL,
    "可持续影响": SUSTAINABLE,
    "可持续": SUSTAINABLE,
    "可持续发展": SUSTAINABLE,
    "服务对象满意度": SERVICE_SATISFACTION,
    "满意度": SERVICE_SATISFACTION,
    "经济成本": ECONOMIC_COST,
    "社会成本": SOCIAL_COST,
    "生态环境成本": ECOLOGICAL_COST,
    "生态成本": ECOLOGICAL_COST,
    "环境成本": ECOLOGICAL_COST,
    "成本": OUTPUT_COST,
}
_L2_BY_PARENT = {
    BENEFIT: {"经济": ECONOMIC, "社会": SOCIAL, "生态": ECOLOGICAL, "生态环境": ECOLOGICAL},
    COST: {
        "经济": ECONOMIC_COST,
        "社会": SOCIAL_COST,
        "生态": ECOLOGICAL_COST,
        "生态环境": ECOLOGICAL_COST,
    },
}


@functools.lru_cache(maxsize=4096)
def canonical_level1(label: str) -> str | None:
    """The standard name of a 一级 label (``产出`` → ``产出指标``), or ``None`` if unknown."""
    return _L1.get(label_key(label))


@functools.lru_cache(maxsize=4096)
def canonical_level2(label: str, level1: str | None = None) -> str | None:
    """The standard name of a 二级 label, read under its 一级 (``经济`` differs under 成本)."""
    key = label_key(label)
    parent = canonical_level1(level1) if level1 else None
    if parent in _L2_BY_PARENT and key in _L2_BY_PARENT[parent]:
        return _L2_BY_PARENT[parent][key]
    return _L2_COMMON.get(key)


def allowed_level2(regime: Regime, level1: str) -> tuple[str, ...] | None:
    """The 二级 allowed under a 一级 in a regime; ``None`` when the 一级 is not in it."""
    if regime is Regime.UNKNOWN:
        return None
    parent = canonical_level1(level1)
    return _TREE[regime].get(parent) if parent else None


def detect(level1_labels: Iterable[str]) -> Regime:
    """The regime of a table from its 一级 labels: B when 成本指标 is a 一级, else A."""
    found = {canonical_level1(x) for x in level1_labels}
    if COST in found:
        return Regime.B
    if found & {OUTPUT, BENEFIT, SATISFACTION}:
        return Regime.A
    return Regime.UNKNOWN
