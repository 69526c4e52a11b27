"""Performance targets (绩效目标表) of generated disclosures, consistent by construction.

Each project (项目) is a part of one functional 项's 项目支出 (general-budget or 政府性基金
money); its 成本指标 cap is its amount, so the caps add up to 项目支出 per 项 and in total
(R-1), and ``expenditure_codes`` names the 项, which ``link_targets`` keeps. Names, goals
and non-cost indicator values are distinct across the whole department (R-9, R-11, N-5).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from hypothesis import strategies as st

from govbudget.indicators import IndicatorValue, parse_value
from govbudget.strategies._budget import Budget, Plan, UnitInfo
from govbudget.tables.performance import (
    PerformanceIndicator,
    PerformanceTarget,
    parse_basis,
    split_goals,
)

__all__ = ["name_key", "targets_for"]

#: project name parts: no 、和及与为等, no digits, no 人员/公用 (the narrative's list grammar)
QUALIFIERS = ("年度", "区级", "重点", "专项", "基层", "常态化", "智慧", "规范化", "示范", "城乡",
              "全域", "精准", "数字", "长效", "联动", "便民")
STEMS = ("业务培训", "信息化建设", "专项督查", "档案数字化", "宣传教育", "设备购置", "课题研究",
         "执法检查", "应急演练", "基层服务", "人才引进", "政策评估", "数据普查", "平台运维",
         "办公楼维修", "安全生产检查", "法律援助", "技能提升", "志愿服务", "环境整治", "质量监测",
         "网络安全", "统计调查", "绩效评价", "内部审计", "政务公开", "舆情监测", "矛盾调处")
TAILS = ("经费", "专项资金", "工作经费", "补助资金", "项目")
#: 数量指标: (三级 name, unit)
QUANTITIES = (("培训人次", "人次"), ("服务对象人数", "人"), ("检查次数", "次"), ("宣传场次", "场"),
              ("覆盖户数", "户"), ("购置设备数量", "台"), ("完成调查样本", "个"))
BENEFITS = (("社会效益指标", "政策知晓率"), ("社会效益指标", "服务覆盖率"),
            ("社会效益指标", "问题整改率"), ("经济效益指标", "资金使用效率达标率"),
            ("可持续影响指标", "长效机制建立率"))
SATISFACTION = "服务对象满意度"


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A name as R-11 (``same_project``) and N-5 (``norm``) compare it, shortest of both."""
    from govbudget.narrative.issues import norm as n5
    from govbudget.performance.checks.across import _name_key

    a, b = _name_key(name), n5(name)
    return a if len(a) <= len(b) else b


def _clash(key: str, used: set[str]) -> bool:
    return any(key in k or k in key for k in used)


@functools.lru_cache(maxsize=4096)
def _value(raw: str, cost: bool) -> IndicatorValue:
    return parse_value(raw, cost=cost)


@functools.lru_cache(maxsize=64)
def _basis(raw: str) -> frozenset[str]:
    return parse_basis(raw)


def indicator(level1: str, level2: str, name: str, value: str, basis: str,
              description: str = "") -> PerformanceIndicator:
    """An indicator row as read from a table (value and basis parsed, cached)."""
    cost = level2 == "成本指标" or level1 == "成本指标"
    return PerformanceIndicator(level1, level2, name, description or name, value,
                                _value(value, cost), basis, _basis(basis))


def _amount_text(cents: int) -> str:
    d = (Decimal(cents) / 100).normalize()
    return format(d, "f")


class _Pool:
    """What the department has used: project names, 数量 values, percentages per indicator."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()

    def name(self, draw: st.DrawFn) -> str:
        combos = len(QUALIFIERS) * len(STEMS)
        start = draw(st.integers(0, combos - 1))
        tail = draw(st.sampled_from(TAILS))
        for i in range(combos):
            j = (start + i) % combos
            q, s = QUALIFIERS[j % len(QUALIFIERS)], STEMS[j // len(QUALIFIERS)]
            key = name_key(q + s + tail)
            if not _clash(key, self.names):
                self.names.add(key)
                return q + s + tail
        raise AssertionError("project names exhausted")  # pragma: no cover

    def unique(self, name: str, values: Iterable[str]) -> str:
        """The first of ``values`` no other project of the department gives ``name``."""
        for v in values:
            if (name, v) not in self.pairs:
                self.pairs.add((name, v))
                return v
        raise AssertionError("indicator values exhausted")  # pragma: no cover


def _percents(draw: st.DrawFn) -> Iterator[str]:
    """≥85% … ≥99% from a drawn start, then tenths and hundredths (lazily)."""
    first = draw(st.integers(85, 99))
    for i in range(15):
        yield f"≥{(first - 85 + i) % 15 + 85}%"
    for i in range(150):
        yield f"≥{85 + i / 10:.1f}%"
    for i in range(2000):
        yield f"≥{80 + i / 100:.2f}%"


def _target(draw: st.DrawFn, plan: Plan, info: UnitInfo, code: str, cents: int,
            pool: _Pool) -> PerformanceTarget:
    name = pool.name(draw)
    year = plan.year
    qname, qunit = draw(st.sampled_from(QUANTITIES))
    n0 = draw(st.integers(10, 5_000))
    quantity = pool.unique(qname, (f"≥{n0 + i}{qunit}" for i in range(10_000)))
    l2b, bname = draw(st.sampled_from(BENEFITS))
    benefit = pool.unique(bname, _percents(draw))
    satisfied = pool.unique(SATISFACTION, _percents(draw))
    month = draw(st.integers(6, 12))
    cap = f"≤{_amount_text(cents)}万元"
    basis = draw(st.sampled_from(("计划标准", "行业标准", "历史标准")))
    rows = [
        indicator("产出指标", "数量指标", qname, quantity, basis),
        indicator("产出指标", "质量指标", "资金使用合规率", "=100%", "计划标准",
                  "资金使用合规率=合规使用资金/项目资金总额×100%"),
        indicator("产出指标", "时效指标", "项目完成时间", f"{year}年{month}月底前", "计划标准"),
    ]
    if plan.regime == "2021":
        rows.insert(0, indicator("成本指标", "经济成本指标", "项目总成本", cap, "预算标准"))
    else:
        rows.append(indicator("产出指标", "成本指标", "项目成本控制数", cap, "预算标准"))
    rows += [indicator("效益指标", l2b, bname, benefit, basis),
             indicator("满意度指标", "服务对象满意度指标", SATISFACTION, satisfied, "问卷调查")]
    goal_text = (f"1.全年完成{name}各项任务，{qname}{quantity}。\n"
                 f"2.{name}资金于{year}年{month}月底前拨付到位，{SATISFACTION}{satisfied}。")
    amount = (Decimal(cents) / 100).quantize(Decimal("0.01"))
    return PerformanceTarget(name, tuple(rows), split_goals(goal_text), goal_text,
                             amount=amount, funds=(("资金总额", amount),),
                             expenditure_codes=(code,), department=plan.name,
                             implementing_unit=info.name, unit_code=info.code)


@st.composite
def targets_for(draw: st.DrawFn, plan: Plan, budgets: Sequence[Budget]
                ) -> tuple[tuple[PerformanceTarget, ...], ...]:
    """One 绩效目标表 per project of each unit: a 项's 项目支出, in one or two projects."""
    pool = _Pool()
    two = len(plan.units) <= 10
    out = []
    for info, b in zip(plan.units, budgets, strict=True):
        targets: list[PerformanceTarget] = []
        for code, leaf in sorted(b.leaves.items()):
            money = leaf.project + leaf.fund
            if not money:
                continue
            if two and money >= 2 and draw(st.booleans()):
                first = draw(st.integers(1, money - 1))
                parts = [first, money - first]
            else:
                parts = [money]
            targets += [_target(draw, plan, info, code, c, pool) for c in parts]
        out.append(tuple(targets))
    return tuple(out)
