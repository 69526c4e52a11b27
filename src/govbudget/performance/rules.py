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
        ctx.skip("no performance-target tables (绩效目标表)")
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
    "成本指标 caps stay within the project's budget and add up to 项目支出",
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
    "a rate (…率, 满意度) above 100 % is impossible; 1xx/2xx % may be an OCR'd ≥",
    checks.check_rates,
)
_register(
    "R-3", Severity.WARNING, "≥100% is degenerate; it should read =100%", checks.check_degenerate
)
_register(
    "R-4",
    Severity.WARNING,
    "the unit fits the indicator (成本 money, 数量 a count, 率 %)",
    checks.check_unit_fit,
)
_register(
    "R-5",
    Severity.WARNING,
    "every 一级 of the regime in force is present; 产出 has 数量 and 质量",
    checks.check_level1_present,
)
_register(
    "R-6",
    Severity.ERROR,
    "each 二级 belongs to its 一级 under the regime in force",
    checks.check_level2_membership,
)
_register(
    "R-7",
    Severity.INFO,
    "指标值确定依据 comes from the known vocabulary, without blends",
    checks.check_basis,
)
_register(
    "R-8",
    Severity.INFO,
    "satisfaction indicators rest on a survey (问卷调查/抽样调查)",
    checks.check_survey_basis,
)
_register(
    "R-9",
    Severity.WARNING,
    "goals and indicator sets are not copied within or across projects",
    checks.check_duplicates,
)
_register(
    "R-10",
    Severity.INFO,
    "a ratio formula in the description implies a % value",
    checks.check_formula_unit,
)


@rule(
    "R-11",
    Severity.WARNING,
    "the projects with a 绩效目标表 are those named in the narrative and behind 项目支出",
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
        ctx.skip("neither the narrative nor the tables list the projects")
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
    "no qualitative value in a 定量 二级 (数量, 成本)",
    checks.check_qualitative_in_quantitative,
)
_register(
    "R-13",
    Severity.INFO,
    "效益 indicators such as 发挥财政资金使用效益 ≥95% are not measurable",
    checks.check_measurable_benefits,
)
_register(
    "R-14",
    Severity.WARNING,
    "every 指标值 is measurable as written: parsed, a rate with %, units in standard form",
    checks.check_value_form,
)


@rule(
    "R-15",
    Severity.INFO,
    "the department-wide target (部门整体绩效目标) has measurable indicators",
    source=_SRC,
    family=_FAMILY,
)
def department_target(ctx: RuleContext) -> None:
    targets = disclosure_targets(ctx, with_prose=True)
    if not any(t.scope is TargetScope.DEPARTMENT for t in targets):
        ctx.skip("no department-wide target (部门整体绩效目标)")
        return
    _report(ctx, checks.check_department_target(targets))
