"""The performance rules (绩效目标表校验规则) R-1 … R-15, registered with the rule engine.

Each rule wraps a pure function of ``govbudget.performance.checks`` over the
disclosure's ``performance`` targets, linked to the expenditure tables by
``govbudget.performance.linking.link_targets``; importing this module registers them.

>>> from govbudget.rules.core import REGISTRY
>>> import govbudget.performance.rules
>>> [r.id for r in REGISTRY.select(["performance"])][:3]
['R-1', 'R-2', 'R-3']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from govbudget.performance import checks, linking, reading
from govbudget.performance.checks import Checked, Issue
from govbudget.rules._common import LastResult
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.performance import PerformanceTarget, TargetScope

__all__ = ["disclosure_targets"]

_SRC = "docs/domain.md §8.4"
_FAMILY = "performance"


def disclosure_targets(
    ctx: RuleContext, *, with_prose: bool = False
) -> tuple[PerformanceTarget, ...]:
    """The performance targets of the disclosure; with ``with_prose``, also a prose-only
    department target found in the narrative (部门整体绩效目标) when no table gives one."""
    targets = _linked(ctx)
    if with_prose and not any(t.scope is TargetScope.DEPARTMENT for t in targets):
        prose = _narrative_department_target(ctx)
        if prose is not None:
            targets = (*targets, prose)
    return targets


#: ``link_targets`` of the last disclosure: computed once for all the rules run on it
_LINKED: LastResult[Disclosure, tuple[PerformanceTarget, ...]] = LastResult()


def _linked(ctx: RuleContext) -> tuple[PerformanceTarget, ...]:
    """The targets read reliably (those that were not are U-2's), linked to the tables."""
    return _LINKED.get(ctx.disclosure,
                       lambda d: reading.readable_targets(linking.link_targets(d)))


def _targets_or_skip(ctx: RuleContext) -> tuple[PerformanceTarget, ...]:
    """``disclosure_targets``; records a skip when the disclosure has none."""
    targets = disclosure_targets(ctx)
    if not targets:
        ctx.skip("没有绩效目标表")
    return targets


def _narrative_department_target(ctx: RuleContext) -> PerformanceTarget | None:
    narrative = ctx.disclosure.narrative
    if narrative is None:
        return None
    for s in narrative.sections:
        title = s.title or ""
        if ("整体绩效目标" in title or "总体绩效目标" in title) and s.text.strip():
            return checks.department_target_from_text(
                f"{ctx.disclosure.name} {title.strip()}", s.text, line=s.line, page=s.page
            )
    return None


def _report(ctx: RuleContext, result: Checked) -> None:
    issues, n = result
    ctx.checked(n)
    for i in issues:
        _fail(ctx, i)


def _fail(ctx: RuleContext, i: Issue) -> None:
    ctx.fail(
        i.message,
        table=i.target,
        row=i.row,
        column=i.column,
        expected=i.expected,
        actual=i.actual,
        evidence=i.evidence,
        severity=Severity(i.severity) if i.severity else None,
        page=i.page,
        line=i.line,
    )


def _run(check: Callable[[Sequence[PerformanceTarget]], Checked]) -> Callable[[RuleContext], None]:
    def run(ctx: RuleContext) -> None:
        targets = _targets_or_skip(ctx)
        if targets:
            _report(ctx, check(targets))

    run.__doc__ = check.__doc__
    return run


def _project_totals(ctx: RuleContext) -> tuple[Decimal | None, dict[str, Decimal]]:
    """项目支出 in total and by 项-level functional code, from the 支出总表 (T3)."""
    table = ctx.disclosure.table(TableKind.EXPENDITURE)
    if table is None or table.column("project") is None:
        return None, {}
    total_row = table.line("total")
    total = total_row.cell("project").value if total_row is not None else None
    by_code = {
        r.code: v
        for r in table.code_rows()
        if r.code is not None and len(r.code) == 7 and (v := r.cell("project").value)
    }
    return total, by_code


@rule(
    "R-1",
    Severity.ERROR,
    "成本指标不超过项目预算，各项目成本指标之和 = 项目支出",
    source=_SRC,
    family=_FAMILY,
)
def cost_caps(ctx: RuleContext) -> None:
    targets = _targets_or_skip(ctx)
    if not targets:
        return
    total, by_code = _project_totals(ctx)
    _report(
        ctx,
        checks.check_cost_caps(
            targets, project_total=total, by_code=by_code, unit=ctx.disclosure.unit
        ),
    )


def _register(
    rule_id: str,
    severity: Severity,
    statement: str,
    check: Callable[[Sequence[PerformanceTarget]], Checked],
) -> None:
    rule(rule_id, severity, statement, source=_SRC, family=_FAMILY)(_run(check))


_register(
    "R-2",
    Severity.ERROR,
    "比率（…率、满意度）不能超过 100%；1xx%、2xx% 可能是“≥”识读错误",
    checks.check_rates,
)
_register(
    "R-3", Severity.WARNING, "“≥100%”是退化目标，应写作“=100%”", checks.check_degenerate
)
_register(
    "R-4",
    Severity.WARNING,
    "指标值单位与指标相符（成本为金额，数量为计数，比率为百分比）",
    checks.check_unit_fit,
)
_register(
    "R-5",
    Severity.WARNING,
    "适用指标体系的一级指标齐全；产出指标含数量、质量指标",
    checks.check_level1_present,
)
_register(
    "R-6",
    Severity.ERROR,
    "二级指标属于其一级指标（按适用的指标体系）",
    checks.check_level2_membership,
)
_register(
    "R-7",
    Severity.INFO,
    "指标值确定依据使用规范用语，不混用",
    checks.check_basis,
)
_register(
    "R-8",
    Severity.INFO,
    "满意度指标以问卷调查或抽样调查为依据",
    checks.check_survey_basis,
)
_register(
    "R-9",
    Severity.WARNING,
    "绩效目标和指标不在项目内或项目间照搬",
    checks.check_duplicates,
)
_register(
    "R-10",
    Severity.INFO,
    "指标描述给出比率公式时，指标值应为百分比",
    checks.check_formula_unit,
)


@rule(
    "R-11",
    Severity.WARNING,
    "有绩效目标表的项目 = 情况说明所列项目 = 项目支出所含项目",
    source=_SRC,
    family=_FAMILY,
)
def project_coverage(ctx: RuleContext) -> None:
    targets = _targets_or_skip(ctx)
    if not targets:
        return
    narrative = ctx.disclosure.narrative
    names = checks.narrative_project_names(narrative.text) if narrative is not None else []
    table = ctx.disclosure.table(TableKind.PROJECT_EXPENDITURE)
    expenditure = [r.name for r in table.rows if r.line is None and r.name] if table else []
    total, _ = _project_totals(ctx)
    if not names and not expenditure and total is None:
        ctx.skip("情况说明和各表都没有列出项目")
        return
    _report(
        ctx,
        checks.check_project_coverage(
            targets,
            narrative_names=names or None,
            expenditure_names=expenditure or None,
            project_total=total,
        ),
    )


_register(
    "R-12",
    Severity.WARNING,
    "定量二级指标（数量、成本）不用定性指标值",
    checks.check_qualitative_in_quantitative,
)
_register(
    "R-13",
    Severity.INFO,
    "“发挥财政资金使用效益 ≥95%”之类的效益指标无法度量",
    checks.check_measurable_benefits,
)
_register(
    "R-14",
    Severity.WARNING,
    "指标值可度量：能解析，比率带 %，单位规范",
    checks.check_value_form,
)


@rule(
    "R-15",
    Severity.INFO,
    "部门整体绩效目标有可度量的指标",
    source=_SRC,
    family=_FAMILY,
)
def department_target(ctx: RuleContext) -> None:
    targets = disclosure_targets(ctx, with_prose=True)
    if not any(t.scope is TargetScope.DEPARTMENT for t in targets):
        ctx.skip("没有部门整体绩效目标")
        return
    _report(ctx, checks.check_department_target(targets))
