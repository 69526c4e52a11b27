"""Single-defect mutations of the 绩效目标表 (R-1 … R-15) and of the E-1 government table.

Each edits one target (or indicator) of one disclosure; the finding is at the target
(``table`` = the target's label) and, for indicator defects, at the indicator row.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from govbudget.performance.checks.base import row_of, target_label
from govbudget.rules.core import Location
from govbudget.strategies._mutations import (
    MUTATORS,
    Mutation,
    Mutator,
    Result,
    _bump,
    _delta,
    _loc,
    _replace,
    _with_row,
    _with_table,
)
from govbudget.strategies._performance import QUANTITIES, SATISFACTION, indicator
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget, split_goals

__all__: list[str] = []

Pick = Callable[[PerformanceIndicator], bool]
Edit = Callable[[st.DrawFn, PerformanceTarget, PerformanceIndicator], PerformanceIndicator]

_QUANTITY_NAMES = {n for n, _ in QUANTITIES}


def _with_target(root: Disclosure, d: Disclosure, old: PerformanceTarget,
                 new: PerformanceTarget) -> Disclosure:
    performance = tuple(new if t is old else t for t in d.performance)
    return _replace(root, d, attrs.evolve(d, performance=performance))


def _rows(d: Disclosure, pick: Pick) -> list[tuple[PerformanceTarget, PerformanceIndicator]]:
    return [(t, i) for t in d.performance for i in t.indicators if pick(i)]


def _indicator_mutator(rule: str, what: str, pick: Pick, edit: Edit, *,
                       at_row: bool = True) -> None:
    """Register: change one indicator that ``pick`` selects; found at its target (and row)."""
    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        t, i = draw(st.sampled_from(_rows(d, pick)))
        new_i = edit(draw, t, i)
        new_t = attrs.evolve(t, indicators=tuple(new_i if x is i else x for x in t.indicators))
        where = Location(d.label, target_label(new_t), row_of(new_i) if at_row else None)
        return _with_target(root, d, t, new_t), Mutation(
            rule, f"{t.name} {row_of(i)} {i.value_raw!r} → {what}", where)

    MUTATORS.append(Mutator(rule, lambda root, d: bool(_rows(d, pick)), apply))


def _value(value: str) -> Edit:
    return lambda draw, t, i: indicator(i.level1, i.level2, i.name, value, i.basis_raw or "",
                                        i.description)


def _is_cap(i: PerformanceIndicator) -> bool:
    return i.is_cost and i.value.number is not None


def _over_budget(draw: st.DrawFn, t: PerformanceTarget, i: PerformanceIndicator
                 ) -> PerformanceIndicator:
    over = (t.amount or Decimal(0)) + _delta(draw)
    return _value(f"≤{over}万元")(draw, t, i)


def _satisfaction(i: PerformanceIndicator) -> bool:
    return i.name == SATISFACTION


def _quality(i: PerformanceIndicator) -> bool:
    return i.level2 == "质量指标" and i.value_raw == "=100%"


def _quantity(i: PerformanceIndicator) -> bool:
    return i.name in _QUANTITY_NAMES


def _benefit(i: PerformanceIndicator) -> bool:
    return i.level1 == "效益指标"


_indicator_mutator("R-1", "成本指标超出项目预算",
                   lambda i: _is_cap(i), _over_budget)
_indicator_mutator("R-2", "292%", _satisfaction, _value("292%"))
_indicator_mutator("R-3", "≥100%", _quality, _value("≥100%"))
_indicator_mutator("R-4", "≥8小时（数量指标以时间表示）", _quantity, _value("≥8小时"))
_indicator_mutator("R-6", "二级指标改为数量指标（不属于效益指标）", _benefit,
                   lambda draw, t, i: indicator(i.level1, "数量指标", i.name, i.value_raw,
                                                i.basis_raw or "", i.description))
_indicator_mutator("R-7", "依据“历史行业标准”（混合）", lambda i: not _satisfaction(i),
                   lambda draw, t, i: indicator(i.level1, i.level2, i.name, i.value_raw,
                                                "历史行业标准", i.description))
_indicator_mutator("R-8", "满意度依据“计划标准”", _satisfaction,
                   lambda draw, t, i: indicator(i.level1, i.level2, i.name, i.value_raw,
                                                "计划标准", i.description))
_indicator_mutator("R-10", "描述给出比率公式", _quantity,
                   lambda draw, t, i: indicator(i.level1, i.level2, i.name, i.value_raw,
                                                i.basis_raw or "",
                                                f"{i.name}完成率=实际完成数/计划数×100%"))
_indicator_mutator("R-12", "较好（定性值）", _quantity, _value("较好"))
_indicator_mutator("R-13", "发挥财政资金使用效益", _benefit,
                   lambda draw, t, i: indicator(i.level1, i.level2, "发挥财政资金使用效益",
                                                i.value_raw, i.basis_raw or "", i.description))
_indicator_mutator("R-14", "比率只给出数字 100", _quality, _value("100"))


def _target_mutator(rule: str, applies: Callable[[Disclosure], bool],
                    apply: Callable[[st.DrawFn, Disclosure, Disclosure], Result]) -> None:
    MUTATORS.append(Mutator(rule, lambda root, d: applies(d), apply))


def _r5(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = draw(st.sampled_from(d.performance))
    new = attrs.evolve(t, indicators=tuple(i for i in t.indicators if i.level1 != "满意度指标"))
    return _with_target(root, d, t, new), Mutation(
        "R-5", f"{t.name} 删去满意度指标", Location(d.label, target_label(new)))


_target_mutator("R-5", lambda d: bool(d.performance), _r5)


def _r9_goal(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = draw(st.sampled_from([t for t in d.performance if t.goals]))
    text = f"{t.goal_text}\n3.{t.goals[0]}"
    new = attrs.evolve(t, goal_text=text, goals=split_goals(text))
    return _with_target(root, d, t, new), Mutation(
        "R-9", f"{t.name} 绩效目标重复一条", Location(d.label, target_label(new)))


_target_mutator("R-9", lambda d: any(t.goals for t in d.performance), _r9_goal)


def _r9_copied(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    k = draw(st.integers(1, len(d.performance) - 1))
    a = draw(st.sampled_from(d.performance[:k]))
    b = d.performance[k]
    copied = tuple(i for i in a.indicators if not i.is_cost) + tuple(
        i for i in b.indicators if i.is_cost)
    new = attrs.evolve(b, indicators=copied)
    return _with_target(root, d, b, new), Mutation(
        "R-9", f"{b.name} 沿用 {a.name} 的全部指标", Location(d.label, target_label(new)))


_target_mutator("R-9", lambda d: len(d.performance) >= 2, _r9_copied)


def _r9_goal_across(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    k = draw(st.integers(1, len(d.performance) - 1))
    a = draw(st.sampled_from(d.performance[:k]))
    b = d.performance[k]
    text = f"{b.goal_text}\n3.{a.goals[-1]}"
    new = attrs.evolve(b, goal_text=text, goals=split_goals(text))
    return _with_target(root, d, b, new), Mutation(
        "R-9", f"{b.name} 抄用 {a.name} 的绩效目标", Location(d.label, target_label(new)))


_target_mutator("R-9", lambda d: len(d.performance) >= 2 and all(t.goals for t in d.performance),
                _r9_goal_across)


def _r15(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    name = f"{d.name}部门整体绩效目标"
    prose = PerformanceTarget.prose(name, f"1.全面履行{d.name}职责，保障机构正常运转。")
    return _replace(root, d, attrs.evolve(d, performance=(*d.performance, prose))), Mutation(
        "R-15", "部门整体绩效目标只有文字", Location(d.label, name))


_target_mutator("R-15", lambda d: True, _r15)


# ---- E-1: the basic-expenditure table by 政府预算支出经济分类 -------------------------------
def _gov_table(d: Disclosure) -> object:
    return next((t for t in d.tables_of(TableKind.BASIC_EXPENDITURE)
                 if any((r.code or "").startswith("5") for r in t.code_rows())), None)


def _e1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    from govbudget.tables.model import BudgetTable

    t = _gov_table(d)
    assert isinstance(t, BudgetTable)
    row = draw(st.sampled_from([r for r in t.code_rows() if len(r.code or "") == 5]))
    col = "personnel" if row.cell("personnel").is_amount else "public"
    delta = _delta(draw)
    new = _with_row(t, row, _bump(row, delta, "total", col))
    return _with_table(root, d, t, new), Mutation(
        "E-1", f"政府经济分类 {row.label} +{delta}，部门经济分类未变", _loc(d, t, row, "total"))


_target_mutator("E-1", lambda d: _gov_table(d) is not None, _e1)
