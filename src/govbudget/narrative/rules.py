"""The narrative rules (情况说明校验规则), registered with the rule engine.

Each rule runs the pure check of ``govbudget.narrative.checks`` for its id on the
disclosure's narrative, claims and table quantities (computed once per disclosure).

>>> from govbudget.rules.core import REGISTRY
>>> import govbudget.narrative.rules
>>> REGISTRY["N-2"].family, REGISTRY["A-1"].severity.value
('narrative', 'warning')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from govbudget.narrative import checks
from govbudget.narrative.bind import Binding, Quantity, project_names, quantities
from govbudget.narrative.checks import Issue
from govbudget.narrative.claims import Claim, extract_claims
from govbudget.rules._common import LastResult
from govbudget.rules.core import REGISTRY, RuleContext, Severity, rule
from govbudget.tables.disclosure import Disclosure, Scope, UnitKind
from govbudget.tables.narrative import Narrative

__all__ = ["RULES", "Analysis", "analyse"]

_DOMAIN5 = "DOMAIN.md §5"


@attrs.frozen(slots=True)
class Analysis:
    """A disclosure's narrative read once: its claims, quantities and every issue found."""

    claims: tuple[Claim, ...]
    quantities: dict[str, Quantity]
    issues: tuple[Issue, ...]
    #: every amount claim and what became of it (bound, unbound, absent, or an exemption)
    amounts: tuple[tuple[Claim, str, Binding | None], ...] = ()


#: the last disclosure analysed and its analysis: every narrative rule runs on the same one
_LAST: LastResult[Disclosure, Analysis] = LastResult()


def analyse(disclosure: Disclosure) -> Analysis | None:
    """Claims, quantities and issues of a disclosure's narrative (``None`` without one)."""
    narrative = disclosure.narrative
    if narrative is None:
        return None
    return _LAST.get(disclosure, lambda d: _analyse(d, narrative))


def _analyse(disclosure: Disclosure, narrative: Narrative) -> Analysis:
    claims = extract_claims(narrative)
    qs = quantities(disclosure)
    year = disclosure.year
    administrative = (
        None
        if disclosure.unit_kind is None
        else disclosure.unit_kind in (UnitKind.ADMINISTRATIVE, UnitKind.CIVIL_SERVICE_MANAGED)
    )
    amounts = tuple(checks.amount_dispositions(claims, qs, year))
    issues: list[Issue] = []
    issues += checks.check_amounts(claims, qs, year, amounts)
    issues += checks.check_enumerations(claims)
    issues += checks.check_changes(claims, qs)
    issues += checks.check_three_public_changes(claims, qs, year)
    issues += checks.check_shares(claims, qs)
    issues += checks.check_completion(claims)
    issues += checks.check_years(narrative, claims, year)
    issues += checks.check_scope(
        narrative,
        disclosure.scope is Scope.UNIT,
        len(disclosure.units) if disclosure.scope is Scope.DEPARTMENT else None,
    )
    issues += checks.check_names(narrative, claims, year)
    issues += checks.check_text_defects(narrative)
    issues += checks.check_projects(claims, project_names(disclosure))
    issues += checks.check_running_costs(claims, qs, administrative)
    issues += checks.check_vehicles(claims, qs)
    return Analysis(claims, qs, tuple(issues), amounts)


def _report(ctx: RuleContext, ids: Sequence[str]) -> None:
    if ctx.disclosure.is_final:
        ctx.skip("a final account (决算): its narrative states 决算 figures, checked by the "
                 "final-narrative rules (FN-*), not by the budget phrases")
        return
    a = analyse(ctx.disclosure)
    if a is None:
        ctx.skip("no narrative (情况说明)")
        return
    ctx.checked(max(1, len(a.claims)))
    for issue in a.issues:
        if issue.rule in ids:
            ctx.fail(
                issue.message,
                table="情况说明",
                expected=issue.expected,
                actual=issue.actual,
                evidence=issue.evidence,
                severity=Severity(issue.severity),
                page=issue.page,
                line=issue.line,
            )


#: id → (severity, statement, source); one engine rule each, all reading one analysis
RULES: dict[str, tuple[Severity, str, str]] = {
    "N-1": (Severity.ERROR, "the narrative's total revenue equals 收入总计", _DOMAIN5),
    "N-2": (
        Severity.ERROR,
        "the narrative's 一般公共预算收入 equals the year's 一般公共预算拨款收入 "
        "(上年结转 not merged into it)",
        _DOMAIN5,
    ),
    "N-3": (
        Severity.ERROR,
        "the narrative's 支出总额, 基本支出 and 项目支出 equal the 支出总表",
        _DOMAIN5,
    ),
    "N-4": (
        Severity.ERROR,
        "人员经费 and 公用经费 in the text equal the basic-expenditure table",
        _DOMAIN5,
    ),
    "N-5": (
        Severity.WARNING,
        "the projects named as making up 项目支出 are the projects with performance targets (N-R5)",
        _DOMAIN5,
    ),
    "N-7": (Severity.ERROR, "机关运行经费 in the text equals the table that states it", _DOMAIN5),
    "N-8": (
        Severity.WARNING,
        "the items of 机关运行经费 are named as the economic items of the table",
        "DOMAIN.md §5, §1.9",
    ),
    "N-9": (
        Severity.ERROR,
        "三公经费, 会议费 and 培训费 amounts in the text equal the 三公 table",
        _DOMAIN5,
    ),
    "N-10": (Severity.ERROR, "政府采购预算 in the text equals the procurement table", _DOMAIN5),
    "N-11": (
        Severity.ERROR,
        "固定资产 in the text equals the fixed-assets table (at its precision)",
        _DOMAIN5,
    ),
    "N-12": (
        Severity.INFO,
        "scope boilerplate (所属事业单位) fits the department's units",
        _DOMAIN5,
    ),
    "N-R2": (
        Severity.ERROR,
        "an amount of the text equals the table quantity it names, at the precision the text shows",
        "DOMAIN.md §5 N-R1/N-R2, §6",
    ),
    "N-R3": (Severity.ERROR, "an enumeration 'A，其中：B、C、D' adds up", "DOMAIN.md §5 N-R3"),
    "N-R4": (
        Severity.ERROR,
        "changes recompute: p = d / last year; parts of a change add up",
        "DOMAIN.md §5 N-R4",
    ),
    "N-13": (
        Severity.WARNING,
        "every non-zero amount of the text is bound to a table quantity",
        "DOMAIN.md §5 N-R1",
    ),
    "N-14": (
        Severity.ERROR,
        "a change is measured against the year before the budget year",
        "DOMAIN.md §5 N-R4; 财预〔2016〕143号 (compare with last year)",
    ),
    "N-15": (
        Severity.ERROR,
        "the years the text budgets for are the document's year",
        "DOMAIN.md §2 (header 预算年度)",
    ),
    "N-16": (
        Severity.WARNING,
        "a unit's narrative speaks as the unit (单位), a department's as the department (部门)",
        "DOMAIN.md §7, §9 item 10",
    ),
    "N-17": (
        Severity.INFO,
        "classification names in the text are current for the year and match their code",
        "DOMAIN.md §1.4",
    ),
    "N-18": (
        Severity.WARNING,
        "no truncated sentence, repeated punctuation, placeholder or empty section",
        "DOMAIN.md §9 items 11, 14",
    ),
    "N-19": (Severity.WARNING, "no growth rate from a zero base", "DOMAIN.md §5 N-R4"),
    "N-20": (
        Severity.WARNING,
        "持平/无增减 means a zero change, and a zero change is not worded as 增加/减少",
        "DOMAIN.md §3 T10 Y-4",
    ),
    "N-21": (
        Severity.ERROR,
        "a share '占 p%' recomputes from the part and the whole; a completion rate "
        "'完成年初预算的 p%' from the executed and budgeted amounts",
        "DOMAIN.md §5 N-R4, §6",
    ),
    "Y-5": (
        Severity.ERROR,
        "the 三公 changes the text states equal 本年 − 上年 of the table (prior-year column "
        "or the year-over-year table); its amounts equal the year-over-year table",
        "DOMAIN.md §3 T10 Y-5",
    ),
    "Y-4": (
        Severity.WARNING,
        "the 三公 change wording agrees with the sign of the change",
        "DOMAIN.md §3 T10",
    ),
    "J-1": (
        Severity.WARNING,
        "机关运行经费 equals the 公用经费 of the basic-expenditure table (行政/参公 units)",
        "DOMAIN.md §1.9",
    ),
    "J-2": (
        Severity.ERROR,
        "an itemised 机关运行经费 adds up and each item is a 302/310 item",
        "DOMAIN.md §1.9",
    ),
    "A-1": (Severity.WARNING, "no vehicles but vehicle running costs budgeted", "DOMAIN.md §3 T12"),
}


def _make(ids: tuple[str, ...]) -> Callable[[RuleContext], None]:
    def run(ctx: RuleContext) -> None:
        _report(ctx, ids)

    return run


for _id, (_sev, _statement, _source) in RULES.items():
    if _id in REGISTRY:  # another family already owns this id
        continue
    rule(_id, _sev, _statement, source=_source, family="narrative")(_make((_id,)))
