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
from govbudget.narrative.subjects import section_subjects, unit_quantities
from govbudget.rules._common import LastResult
from govbudget.rules.core import REGISTRY, RuleContext, Severity, rule
from govbudget.tables.disclosure import Disclosure, Scope, UnitKind
from govbudget.tables.narrative import Narrative

__all__ = ["RULES", "Analysis", "analyse"]

_DOMAIN5 = "docs/domain.md §5"


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
    qs = quantities(disclosure)
    year = disclosure.year
    administrative = (
        None
        if disclosure.unit_kind is None
        else disclosure.unit_kind in (UnitKind.ADMINISTRATIVE, UnitKind.CIVIL_SERVICE_MANAGED)
    )
    # each claim is compared with the figures of its subject: the department, or the unit
    # its section is about (whose figures are that unit's rows, unchecked where none)
    by_subject: dict[str | None, list[Claim]] = {}
    subjects = section_subjects(disclosure)
    for section, subject in zip(narrative.sections, subjects, strict=True):
        by_subject.setdefault(subject, []).extend(extract_claims(section))
    claims = tuple(c for group in by_subject.values() for c in group)
    amounts: list[tuple[Claim, str, Binding | None]] = []
    issues: list[Issue] = []
    for subject, group in by_subject.items():
        gqs = qs if subject is None else unit_quantities(disclosure, subject)
        disp = checks.amount_dispositions(group, gqs, year)
        amounts += disp
        issues += checks.check_amounts(group, gqs, year, disp)
        issues += checks.check_changes(group, gqs)
        issues += checks.check_three_public_changes(group, gqs, year)
        issues += checks.check_shares(group, gqs)
        issues += checks.check_running_costs(group, gqs, administrative)
        issues += checks.check_vehicles(group, gqs)
    issues += checks.check_enumerations(claims)
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
    return Analysis(claims, qs, tuple(issues), tuple(amounts))


def _report(ctx: RuleContext, ids: Sequence[str]) -> None:
    if ctx.disclosure.is_final:
        ctx.skip("是决算公开：其情况说明列示决算数，由决算说明规则（FN-*）检查，"
                 "不按预算说明的表述检查")
        return
    a = analyse(ctx.disclosure)
    if a is None:
        ctx.skip("没有情况说明")
        return
    ctx.checked(max(1, len(a.claims)))
    for issue in a.issues:
        if issue.rule not in ids:
            continue
        if issue.rule in UNVERIFIED:  # could not be checked: coverage, not a finding
            ctx.could_not_verify(issue.message, evidence=issue.evidence, page=issue.page,
                                 line=issue.line, table="情况说明")
            continue
        ctx.fail(
            issue.message,
            table="情况说明",
            expected=issue.expected,
            actual=issue.actual,
            evidence=issue.evidence,
            severity=Severity(issue.severity),
            page=issue.page,
            line=issue.line,
            unit=issue.unit,
            terms=issue.terms,
        )


#: rules whose issues are amounts that could not be verified (counted in the coverage)
UNVERIFIED = frozenset({"N-13"})


#: id → (severity, statement, source); one engine rule each, all reading one analysis
RULES: dict[str, tuple[Severity, str, str]] = {
    "N-1": (Severity.ERROR, "情况说明的收入总额 = 收支总表收入总计", _DOMAIN5),
    "N-2": (
        Severity.ERROR,
        "情况说明的一般公共预算收入 = 当年一般公共预算拨款收入（不并入上年结转）",
        _DOMAIN5,
    ),
    "N-3": (
        Severity.ERROR,
        "情况说明的支出总额、基本支出、项目支出 = 支出总表",
        _DOMAIN5,
    ),
    "N-4": (
        Severity.ERROR,
        "情况说明的人员经费、公用经费 = 基本支出表",
        _DOMAIN5,
    ),
    "N-5": (
        Severity.WARNING,
        "情况说明所列项目支出的项目 = 有绩效目标的项目（N-R5）",
        _DOMAIN5,
    ),
    "N-7": (Severity.ERROR, "情况说明的机关运行经费 = 列示它的表", _DOMAIN5),
    "N-8": (
        Severity.WARNING,
        "机关运行经费的明细项目名称与基本支出表的经济分类款一致",
        "docs/domain.md §5, §1.9",
    ),
    "N-9": (
        Severity.ERROR,
        "情况说明的“三公”经费、会议费、培训费 = “三公”经费支出表",
        _DOMAIN5,
    ),
    "N-10": (Severity.ERROR, "情况说明的政府采购预算 = 政府采购预算表", _DOMAIN5),
    "N-11": (
        Severity.ERROR,
        "情况说明的固定资产金额 = 固定资产占用情况表（按表的精度）",
        _DOMAIN5,
    ),
    "N-12": (
        Severity.INFO,
        "“所属事业单位”等范围表述与部门实际所属单位相符",
        _DOMAIN5,
    ),
    "N-R2": (
        Severity.ERROR,
        "情况说明的金额 = 其所指的表中数（按文中显示的精度）",
        "docs/domain.md §5 N-R1/N-R2, §6",
    ),
    "N-R3": (Severity.ERROR, "“A，其中：B、C、D”各分项之和 = A", "docs/domain.md §5 N-R3"),
    "N-R4": (
        Severity.ERROR,
        "增减变化可复算：增幅 = 增减额 ÷ 上年数；各部分增减之和 = 总增减",
        "docs/domain.md §5 N-R4",
    ),
    "N-13": (
        Severity.WARNING,
        "情况说明的每个非零金额都能与表中数核对（未能核对的计入检查覆盖情况，不作为问题）",
        "docs/domain.md §5 N-R1",
    ),
    "N-14": (
        Severity.ERROR,
        "增减变化与预算年度的上一年比较",
        "docs/domain.md §5 N-R4; 财预〔2016〕143号 (compare with last year)",
    ),
    "N-15": (
        Severity.ERROR,
        "情况说明所说的预算年度与文件年度一致",
        "docs/domain.md §2 (header 预算年度)",
    ),
    "N-16": (
        Severity.WARNING,
        "单位预算的说明以“单位”口吻表述，部门预算以“部门”口吻表述",
        "docs/domain.md §7, §9 item 10",
    ),
    "N-17": (
        Severity.INFO,
        "文中科目名称为当年名称并与其编码一致",
        "docs/domain.md §1.4",
    ),
    "N-18": (
        Severity.WARNING,
        "没有残句、重复标点、模板占位符或空章节",
        "docs/domain.md §9 items 11, 14",
    ),
    "N-19": (Severity.WARNING, "上年为零时不应给出增长率", "docs/domain.md §5 N-R4"),
    "N-20": (
        Severity.WARNING,
        "“持平/无增减”即增减为零，增减为零不应表述为“增加/减少”",
        "docs/domain.md §3 T10 Y-4",
    ),
    "N-21": (
        Severity.ERROR,
        "“占 p%”可由分项与总额复算；“完成年初预算的 p%”可由执行数与预算数复算",
        "docs/domain.md §5 N-R4, §6",
    ),
    "Y-5": (
        Severity.ERROR,
        "文中“三公”经费增减 = 表中本年 − 上年（上年栏或增减变化表），金额 = 增减变化表",
        "docs/domain.md §3 T10 Y-5",
    ),
    "Y-4": (
        Severity.WARNING,
        "“三公”经费增减的措辞与增减方向一致",
        "docs/domain.md §3 T10",
    ),
    "J-1": (
        Severity.WARNING,
        "机关运行经费 = 基本支出表的公用经费（行政、参公单位）",
        "docs/domain.md §1.9",
    ),
    "J-2": (
        Severity.ERROR,
        "机关运行经费的明细之和 = 总额，且每项都是 302/310 的款",
        "docs/domain.md §1.9",
    ),
    "A-1": (Severity.WARNING, "没有车辆却安排了公务用车运行维护费", "docs/domain.md §3 T12"),
}


def _make(ids: tuple[str, ...]) -> Callable[[RuleContext], None]:
    def run(ctx: RuleContext) -> None:
        _report(ctx, ids)

    return run


for _id, (_sev, _statement, _source) in RULES.items():
    if _id in REGISTRY:  # another family already owns this id
        continue
    rule(_id, _sev, _statement, source=_source, family="narrative")(_make((_id,)))
