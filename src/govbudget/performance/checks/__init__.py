"""The logic of the performance rules R-1 … R-15 as pure functions over targets.

Each ``check_*`` function takes the ``PerformanceTarget``s of one disclosure (and what
else it needs, as plain values) and returns the issues it found and how many checks it
ran. ``govbudget.performance.rules`` registers them with the rule engine. Modules, by
rule family: ``costs`` (R-1), ``values`` (R-2 R-3 R-4 R-10 R-12 R-13 R-14), ``tree``
(R-5 R-6 R-7 R-8), ``across`` (R-9 R-11 R-15); ``base`` holds ``Issue``.

>>> from govbudget.tables.performance import PerformanceIndicator, PerformanceTarget
>>> i = PerformanceIndicator.read("产出指标", "质量指标", "准确率", value="≥100%")
>>> t = PerformanceTarget("综合业务费", (i,))
>>> [(i.rule, i.expected) for i in check_degenerate([t])[0]]
[('R-3', '=100%')]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from govbudget.performance.checks.across import (
    check_department_target,
    check_duplicates,
    check_project_coverage,
    department_target_from_text,
    narrative_project_names,
    same_project,
)
from govbudget.performance.checks.base import Checked, Issue, is_rate, target_label
from govbudget.performance.checks.costs import check_cost_caps, cost_caps, is_unit_cap
from govbudget.performance.checks.tree import (
    check_basis,
    check_level1_present,
    check_level2_membership,
    check_survey_basis,
    regime_in_force,
)
from govbudget.performance.checks.values import (
    check_degenerate,
    check_formula_unit,
    check_measurable_benefits,
    check_qualitative_in_quantitative,
    check_rates,
    check_unit_fit,
    check_value_form,
)
from govbudget.tables.performance import PerformanceTarget

__all__ = [
    "CHECKS",
    "Checked",
    "Issue",
    "check_basis",
    "check_cost_caps",
    "check_degenerate",
    "check_department_target",
    "check_duplicates",
    "check_formula_unit",
    "check_level1_present",
    "check_level2_membership",
    "check_measurable_benefits",
    "check_project_coverage",
    "check_qualitative_in_quantitative",
    "check_rates",
    "check_survey_basis",
    "check_unit_fit",
    "check_value_form",
    "cost_caps",
    "department_target_from_text",
    "is_rate",
    "is_unit_cap",
    "narrative_project_names",
    "regime_in_force",
    "same_project",
    "target_label",
]

#: rule id → the check of the rules that need nothing but the targets
CHECKS: dict[str, Callable[[Sequence[PerformanceTarget]], Checked]] = {
    "R-2": check_rates,
    "R-3": check_degenerate,
    "R-4": check_unit_fit,
    "R-5": check_level1_present,
    "R-6": check_level2_membership,
    "R-7": check_basis,
    "R-8": check_survey_basis,
    "R-9": check_duplicates,
    "R-10": check_formula_unit,
    "R-12": check_qualitative_in_quantitative,
    "R-13": check_measurable_benefits,
    "R-14": check_value_form,
    "R-15": check_department_target,
}
