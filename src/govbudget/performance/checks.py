"""The logic of the performance rules R-1 … R-15 as pure functions over targets.

Each ``check_*`` function takes the ``PerformanceTarget``s of one disclosure (and what
else it needs, as plain values) and returns the issues it found and how many checks it
ran. ``govbudget.performance.rules`` registers them with the rule engine.

>>> from govbudget.performance.model import PerformanceIndicator, PerformanceTarget
>>> i = PerformanceIndicator.read("产出指标", "质量指标", "准确率", value="≥100%")
>>> t = PerformanceTarget("综合业务费", (i,))
>>> [(i.rule, i.expected) for i in check_degenerate([t])[0]]
[('R-3', '=100%')]
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from govbudget.money import Unit
from govbudget.performance import regimes
from govbudget.performance.model import (
    BASIS_LABELS,
    SURVEY_BASES,
    PerformanceIndicator,
    PerformanceTarget,
    TargetScope,
    is_blend,
    split_goals,
)
from govbudget.performance.regimes import Regime
from govbudget.performance.values import Comparator, ValueKind

__all__ = [
    "CHECKS",
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
    "narrative_project_names",
]


@attrs.frozen(slots=True)
class Issue:
    """One thing a performance check found: what, where, expected, actual, evidence.

    ``target`` names the target (project), ``row`` the indicator (一级/二级/三级),
    ``column`` the column (指标值, 指标值确定依据, 绩效目标). ``severity`` overrides the
    rule's default (``"error"``, ``"warning"``, ``"info"``) when set.
    """

    rule: str
    message: str
    target: str | None = None
    row: str | None = None
    column: str | None = None
    expected: str | None = None
    actual: str | None = None
    evidence: str | None = None
    severity: str | None = None
    page: int | None = None
    line: int | None = None


Checked = tuple[list[Issue], int]


def _row(i: PerformanceIndicator) -> str:
    return f"{i.level1}/{i.level2}/{i.name}"


def _issue(
    rule: str,
    message: str,
    t: PerformanceTarget,
    i: PerformanceIndicator | None = None,
    **kw: str | None,
) -> Issue:
    return Issue(
        rule,
        message,
        t.title or t.name,
        _row(i) if i is not None else None,
        page=t.page,
        line=t.line,
        **kw,
    )


_RATE_TAILS = ("率", "度", "比例", "比重", "占比", "之比")
_MONEY = ("元", "万元", "亿元", "千元")
_TIME_UNITS = frozenset({"h", "天", "工作日", "个月", "年", "分钟", "周", "小时", "日"})
_PERCENT = frozenset({"%", "‰", "百分点"})


def _is_rate(name: str) -> bool:
    n = re.sub(r"[（(][^)）]*[)）]$", "", name.strip())
    return n.endswith(_RATE_TAILS)


def _is_money(unit: str | None) -> bool:
    return unit is not None and (unit in _MONEY or unit.startswith(("元/", "万元/")))


def _projects(targets: Iterable[PerformanceTarget]) -> list[PerformanceTarget]:
    return [t for t in targets if t.scope is not TargetScope.DEPARTMENT]


# --- R-1 cost caps ------------------------------------------------------------------

_CAP_OPS = (None, Comparator.LE, Comparator.LT, Comparator.EQ, Comparator.APPROX)
_TO_YUAN = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
}


def cost_caps(
    t: PerformanceTarget, unit: Unit = Unit.WAN
) -> list[tuple[PerformanceIndicator, Decimal]]:
    """The cost caps of a target (成本指标 ≤ x 万元), converted exactly to ``unit``."""
    caps = []
    for i in t.indicators:
        v = i.value
        if (
            i.is_cost
            and v.kind is ValueKind.QUANTITATIVE
            and v.op in _CAP_OPS
            and v.unit in _TO_YUAN
            and v.number is not None
        ):
            if v.unit == unit.value:
                caps.append((i, v.number))
            else:
                caps.append((i, Unit.YUAN.convert(v.number * _TO_YUAN[v.unit], unit)))
    return caps


def check_cost_caps(
    targets: Sequence[PerformanceTarget],
    *,
    project_total: Decimal | None = None,
    by_code: Mapping[str, Decimal] | None = None,
    unit: Unit = Unit.WAN,
) -> Checked:
    """R-1: each cost cap within its project's budget; Σ caps = 项目支出 (and per code)."""
    issues: list[Issue] = []
    n = 0
    total = Decimal(0)
    any_cap = False
    per_code: dict[tuple[str, ...], Decimal] = {}
    for t in _projects(targets):
        caps = cost_caps(t, unit)
        budget = t.amount_in(unit)
        for i, cap in caps:
            any_cap = True
            if budget is not None:
                n += 1
                if cap > budget:
                    issues.append(
                        _issue(
                            "R-1",
                            f"成本指标 {i.value} 超出项目预算 {budget}{unit.value}",
                            t,
                            i,
                            column="指标值",
                            expected=f"≤{budget}",
                            actual=format(cap, "f"),
                            severity="error",
                        )
                    )
        project_cap = sum((c for _, c in caps), Decimal(0))
        total += project_cap
        if t.expenditure_codes and caps:
            key = tuple(sorted(t.expenditure_codes))
            per_code[key] = per_code.get(key, Decimal(0)) + project_cap
    if project_total is not None and any_cap:
        n += 1
        if total != project_total:
            issues.append(
                Issue(
                    "R-1",
                    f"成本指标合计 {total} ≠ 项目支出 {project_total}"
                    f"（差 {total - project_total}）",
                    expected=format(project_total, "f"),
                    actual=format(total, "f"),
                    evidence="Σ 成本指标 over the projects' 绩效目标表",
                    severity="info",
                )
            )
    for codes, cap_sum in per_code.items():
        if by_code is None or not all(c in by_code for c in codes):
            continue
        n += 1
        spent = sum((by_code[c] for c in codes), Decimal(0))
        if cap_sum != spent:
            issues.append(
                Issue(
                    "R-1",
                    f"成本指标合计 {cap_sum} ≠ {'/'.join(codes)} 项目支出 {spent}",
                    row="/".join(codes),
                    expected=format(spent, "f"),
                    actual=format(cap_sum, "f"),
                    severity="info",
                )
            )
    return issues, n


# --- rates -----------------------------------------------------------------


def check_rates(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-2: a rate above 100 % is impossible; 1xx/2xx may be a misread ``≥``."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            v = i.value
            if v.kind is not ValueKind.QUANTITATIVE or v.unit != "%" or v.number is None:
                continue
            if not (_is_rate(i.name) or i.is_satisfaction):
                continue
            n += 1
            if v.number > 100 and v.op in (None, Comparator.GE, Comparator.EQ, Comparator.GT):
                evidence = None
                rest = v.number - 100 * int(v.number // 100)
                if (
                    100 < v.number < 300
                    and v.number == v.number.to_integral_value()
                    and 50 <= rest < 100
                ):
                    evidence = f"OCR suspect: {v.raw!r} may be a misread '≥{rest}%'"
                issues.append(
                    _issue(
                        "R-2",
                        f"比率 {i.name} 的指标值 {v} 超过 100%",
                        t,
                        i,
                        column="指标值",
                        expected="≤100%",
                        actual=str(v),
                        evidence=evidence,
                    )
                )
    return issues, n


def check_degenerate(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-3: ``≥100%`` cannot be exceeded; it should read ``=100%``."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            v = i.value
            if v.kind is ValueKind.QUANTITATIVE and v.unit == "%":
                n += 1
                if v.op is Comparator.GE and v.number == 100:
                    issues.append(
                        _issue(
                            "R-3",
                            f"{i.name}: {v.raw or v} 是退化的目标值",
                            t,
                            i,
                            column="指标值",
                            expected="=100%",
                            actual=v.raw or str(v),
                        )
                    )
    return issues, n


# --- R-4 unit fit, R-12 qualitative in quantitative, R-14 value form ------------------


def check_unit_fit(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-4: the unit fits the indicator (成本 → money, 数量 → a count, 率 → %)."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            v = i.value
            if v.kind not in (ValueKind.QUANTITATIVE, ValueKind.RANGE) or not v.unit:
                continue
            n += 1
            l2 = i.level2_key
            problem = expected = None
            if i.is_cost and not _is_money(v.unit):
                problem, expected = "成本指标不以金额表示", "an amount (元/万元)"
            elif l2 == regimes.QUANTITY and (v.unit in _TIME_UNITS or _is_money(v.unit)):
                problem, expected = (
                    "数量指标以时间或金额表示，不是产出数量",
                    "a count (人, 个, 次 …)",
                )
            elif _is_rate(i.name) and v.unit not in _PERCENT:
                problem, expected = "比率指标不以百分比表示", "% (or a grade)"
            elif l2 == regimes.TIMELINESS and _is_money(v.unit):
                problem, expected = "时效指标以金额表示", "a time, a date or a % of timeliness"
            if problem:
                issues.append(
                    _issue(
                        "R-4",
                        f"{problem}：{i.name} {v.raw or v}",
                        t,
                        i,
                        column="指标值",
                        expected=expected,
                        actual=v.raw or str(v),
                    )
                )
    return issues, n


def check_qualitative_in_quantitative(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-12: a grade word in a 定量 二级 (数量, 成本) is not measurable."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            if not (i.is_cost or i.level2_key == regimes.QUANTITY):
                continue
            n += 1
            if i.value.kind is ValueKind.QUALITATIVE:
                issues.append(
                    _issue(
                        "R-12",
                        f"定量指标 {i.name} 的指标值是定性的 {i.value_raw!r}",
                        t,
                        i,
                        column="指标值",
                        expected="a number with a unit",
                        actual=i.value_raw,
                    )
                )
    return issues, n


def check_value_form(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-14: a value the grammar cannot read, a rate as a bare number, a unit spelled out."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        spelled: list[PerformanceIndicator] = []
        for i in t.indicators:
            n += 1
            v = i.value
            if v.kind is ValueKind.UNPARSED:
                what = "指标值为空" if not v.word else "指标值不可度量（无法按语法解析）"
                issues.append(
                    _issue(
                        "R-14",
                        f"{what}：{i.name} {i.value_raw!r}",
                        t,
                        i,
                        column="指标值",
                        expected="op? number unit, a date or a grade",
                        actual=i.value_raw,
                    )
                )
            elif v.kind is ValueKind.QUANTITATIVE and v.unit is None and _is_rate(i.name):
                issues.append(
                    _issue(
                        "R-14",
                        f"比率指标 {i.name} 只给出数字 {i.value_raw!r}，单位不明",
                        t,
                        i,
                        column="指标值",
                        expected="a % value",
                        actual=i.value_raw,
                    )
                )
            elif v.unit == "%" and "百分比" in unicodedata.normalize("NFKC", i.value_raw):
                spelled.append(i)
        if spelled:
            issues.append(
                _issue(
                    "R-14",
                    f"{len(spelled)} 个指标值把 % 写作“百分比”",
                    t,
                    None,
                    column="指标值",
                    expected=str(spelled[0].value),
                    actual=spelled[0].value_raw,
                    evidence="; ".join(_row(i) for i in spelled),
                    severity="info",
                )
            )
    return issues, n


# --- regime ----------------------------------------------------------------


def regime_in_force(t: PerformanceTarget, targets: Sequence[PerformanceTarget]) -> Regime:
    """The regime a target is checked against: its own when it is B, else the document's
    (B as soon as any table of the disclosure has 成本指标 as a 一级)."""
    own = t.regime
    if own is Regime.B:
        return own
    doc = regimes.detect(i.level1 for x in targets for i in x.indicators)
    return doc if doc is not Regime.UNKNOWN else own


def check_level1_present(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-5: every 一级 of the regime in force is present; 产出 has 数量 and 质量."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        if not t.indicators:
            if t.scope is not TargetScope.DEPARTMENT:
                n += 1
                issues.append(
                    _issue("R-5", "绩效目标表没有绩效指标", t, expected="indicators", actual="none")
                )
            continue
        regime = regime_in_force(t, targets)
        n += 1
        if regime is Regime.UNKNOWN:
            issues.append(
                _issue(
                    "R-5",
                    "没有可识别的一级指标",
                    t,
                    expected="产出指标, 效益指标, 满意度指标 (± 成本指标)",
                    actual="、".join(t.level1_labels()),
                )
            )
            continue
        present = {i.level1_key for i in t.indicators}
        missing = [x for x in regime.level1 if x not in present]
        if missing:
            issues.append(
                _issue(
                    "R-5",
                    f"缺少一级指标：{'、'.join(missing)}",
                    t,
                    column="一级指标",
                    expected="、".join(regime.level1),
                    actual="、".join(t.level1_labels()),
                    evidence=f"regime {regime.value} ({regime.source})",
                )
            )
        outputs = {i.level2_key for i in t.indicators if i.level1_key == regimes.OUTPUT}
        lacking = [x for x in (regimes.QUANTITY, regimes.QUALITY) if x not in outputs]
        if regimes.OUTPUT in present and lacking:
            issues.append(
                _issue(
                    "R-5",
                    f"产出指标缺少 {'、'.join(lacking)}",
                    t,
                    column="二级指标",
                    expected="数量指标、质量指标",
                    severity="info",
                )
            )
    return issues, n


def check_level2_membership(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-6: each 二级 belongs to its 一级 under the regime in force."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        regime = regime_in_force(t, targets)
        if regime is Regime.UNKNOWN:
            continue
        for i in t.indicators:
            n += 1
            allowed = regimes.allowed_level2(regime, i.level1)
            if allowed is None:
                issues.append(
                    _issue(
                        "R-6",
                        f"一级指标 {i.level1!r} 不属于 {regime.value} 指标体系",
                        t,
                        i,
                        column="一级指标",
                        expected="、".join(regime.level1),
                        actual=i.level1,
                    )
                )
            elif i.level2_key not in allowed:
                issues.append(
                    _issue(
                        "R-6",
                        f"二级指标 {i.level2!r} 不属于一级 {i.level1}",
                        t,
                        i,
                        column="二级指标",
                        expected="、".join(allowed),
                        actual=i.level2 or "（空白）",
                        evidence=f"regime {regime.value} ({regime.source})",
                    )
                )
    return issues, n


# --- basis -----------------------------------------------------------------


def check_basis(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-7: 指标值确定依据 from the known vocabulary; blends and blanks reported."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        groups: dict[str, list[PerformanceIndicator]] = {}
        for i in t.indicators:
            if i.basis_raw is None:
                continue
            n += 1
            raw = i.basis_raw.strip()
            if not raw or is_blend(raw) or not i.basis <= BASIS_LABELS:
                groups.setdefault(raw, []).append(i)
        for raw, rows in groups.items():
            if not raw:
                msg, exp = f"{len(rows)} 个指标没有指标值确定依据", "a basis"
            elif is_blend(raw):
                msg = f"{len(rows)} 个指标的依据 {raw!r} 混合了 {'、'.join(sorted(rows[0].basis))}"
                exp = "one of " + "、".join(sorted(BASIS_LABELS))
            else:
                unknown = sorted(rows[0].basis - BASIS_LABELS)
                msg = f"{len(rows)} 个指标的依据 {'、'.join(unknown)} 不在已知词表中"
                exp = "one of " + "、".join(sorted(BASIS_LABELS))
            issues.append(
                _issue(
                    "R-7",
                    msg,
                    t,
                    rows[0] if len(rows) == 1 else None,
                    column="指标值确定依据",
                    expected=exp,
                    actual=raw,
                    evidence="; ".join(_row(i) for i in rows),
                )
            )
    return issues, n


def check_survey_basis(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-8: a satisfaction indicator rests on a survey (问卷调查, 抽样调查)."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            if not i.is_satisfaction or i.basis_raw is None:
                continue
            n += 1
            if not i.basis & SURVEY_BASES:
                issues.append(
                    _issue(
                        "R-8",
                        f"满意度指标 {i.name} 的依据不是调查",
                        t,
                        i,
                        column="指标值确定依据",
                        expected="问卷调查 / 抽样调查",
                        actual=i.basis_raw or "（空白）",
                    )
                )
    return issues, n


# --- R-9 duplicates -----------------------------------------------------------------

_PUNCT = re.compile(r"[\s，,。.;；:：、!！?？“”\"'（）()]+")


def _norm(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text))


def check_duplicates(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-9: a goal repeated in a target or copied across targets; templated indicator sets."""
    issues: list[Issue] = []
    n = 0
    seen: dict[str, PerformanceTarget] = {}
    for t in targets:
        counts: dict[str, int] = {}
        for g in t.goals:
            counts[_norm(g)] = counts.get(_norm(g), 0) + 1
        for g in dict.fromkeys(t.goals):
            n += 1
            k = _norm(g)
            if not k:
                continue
            if counts[k] > 1:
                issues.append(
                    _issue(
                        "R-9",
                        f"同一绩效目标在本项目中重复 {counts[k]} 次",
                        t,
                        column="绩效目标",
                        expected="distinct goals",
                        actual=f"{counts[k]}×",
                        evidence=g,
                    )
                )
            other = seen.get(k)
            if other is not None and other is not t and other.name != t.name:
                issues.append(
                    _issue(
                        "R-9",
                        f"绩效目标与项目 {other.name} 的目标相同",
                        t,
                        column="绩效目标",
                        expected="a goal of this project",
                        actual=g,
                        evidence=f"same text in {other.name}",
                    )
                )
            seen.setdefault(k, t)
        counts.clear()
    projects = [t for t in _projects(targets) if len(t.indicators) >= 3]
    sets = {
        id(t): {(_norm(i.name), str(i.value)) for i in t.indicators if not i.is_cost}
        for t in projects
    }
    reported: set[int] = set()
    for a, b in itertools.combinations(projects, 2):
        if a.name == b.name:
            continue
        n += 1
        sa, sb = sets[id(a)], sets[id(b)]
        shared = sa & sb
        if not shared or len(shared) < 3:
            continue
        if sa == sb or len(shared) >= 0.8 * min(len(sa), len(sb)):
            same = "相同" if sa == sb else "几乎相同"
            issues.append(
                _issue(
                    "R-9",
                    f"指标（成本之外）与项目 {a.name} {same}",
                    b,
                    expected="indicators specific to the project",
                    actual=f"{len(shared)} of {len(sb)} indicators identical",
                    evidence="; ".join(sorted(f"{x}{y}" for x, y in shared)),
                )
            )
            reported.add(id(b))
        elif id(b) not in reported:
            issues.append(
                _issue(
                    "R-9",
                    f"沿用项目 {a.name} 的 {len(shared)} 个指标（名称与指标值相同）",
                    b,
                    expected="indicators specific to the project",
                    actual=f"{len(shared)} shared",
                    evidence="; ".join(sorted(f"{x}{y}" for x, y in shared)),
                    severity="info",
                )
            )
            reported.add(id(b))
    return issues, n


# --- R-10, R-13 ---------------------------------------------------------------------

_FORMULA = re.compile(r"=.*[/÷]")


def check_formula_unit(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-10: a ratio formula in the description (…=…/…*100) implies a % value."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            if not _FORMULA.search(unicodedata.normalize("NFKC", i.description)):
                continue
            n += 1
            if i.value.unit not in _PERCENT and i.value.kind is not ValueKind.UNPARSED:
                issues.append(
                    _issue(
                        "R-10",
                        f"描述给出比率公式，指标值却不是百分比：{i.value_raw}",
                        t,
                        i,
                        column="指标值",
                        expected="%",
                        actual=i.value_raw,
                        evidence=i.description,
                    )
                )
    return issues, n


_VAGUE = re.compile(r"效益|可持续性|作用|影响|效果")


def check_measurable_benefits(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-13: a 效益 indicator given as ``≥95%`` with no defined numerator is not measurable."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        for i in t.indicators:
            if i.level1_key != regimes.BENEFIT:
                continue
            n += 1
            v = i.value
            if v.kind is ValueKind.QUANTITATIVE and v.unit == "%" and not _is_rate(i.name):
                why = "名称是一种效果，不是比率" if _VAGUE.search(i.name) else "名称不是比率"
                issues.append(
                    _issue(
                        "R-13",
                        f"效益指标 {i.name} {v} 无法度量（{why}，没有分子分母）",
                        t,
                        i,
                        column="指标值",
                        expected="a rate with a definition",
                        actual=v.raw or str(v),
                        evidence=i.description or None,
                    )
                )
    return issues, n


# --- R-11 coverage, R-15 department target -------------------------------------------

_NAME_TAILS = (
    "项目绩效目标表",
    "绩效目标表",
    "项目经费",
    "专项经费",
    "工作经费",
    "经费",
    "资金",
    "费",
    "项目",
)


def _name_key(name: str) -> str:
    k = _norm(name)
    for tail in _NAME_TAILS:
        if k.endswith(tail) and len(k) > len(tail) + 1:
            k = k[: -len(tail)]
            break
    return k


def _same_project(a: str, b: str) -> bool:
    ka, kb = _name_key(a), _name_key(b)
    return bool(ka and kb) and (ka == kb or ka in kb or kb in ka)


_LIST = re.compile(r"项目支出[^。]*?(?:包括|主要用于|主要有|主要是|用于)[:：]?([^。；;）)]+)")


def narrative_project_names(text: str) -> list[str]:
    """The project names the narrative lists for 项目支出 (``…包括A、B``)."""
    names: list[str] = []
    for m in _LIST.finditer(text):
        for part in re.split(r"[、，,和及]|以及", m.group(1)):
            part = part.strip().strip("等")
            if len(part) >= 2:
                names.append(part)
    return names


def check_project_coverage(
    targets: Sequence[PerformanceTarget],
    *,
    narrative_names: Sequence[str] | None = None,
    expenditure_names: Sequence[str] | None = None,
    project_total: Decimal | None = None,
) -> Checked:
    """R-11: the projects with a 绩效目标表 are those the narrative and the tables know."""
    issues: list[Issue] = []
    n = 0
    projects = [t for t in targets if t.scope is TargetScope.PROJECT]
    for source, names in (("情况说明", narrative_names), ("项目支出表", expenditure_names)):
        if not names:
            continue
        for t in projects:
            n += 1
            if not any(_same_project(t.name, x) for x in names):
                issues.append(
                    _issue(
                        "R-11",
                        f"有绩效目标表的项目 {t.name} 未出现在{source}中",
                        t,
                        expected="、".join(names),
                        actual=t.name,
                    )
                )
        for x in names:
            n += 1
            if not any(_same_project(t.name, x) for t in projects):
                issues.append(
                    Issue(
                        "R-11",
                        f"{source}中的项目 {x} 没有绩效目标表",
                        expected="a 绩效目标表",
                        actual=x,
                    )
                )
    if project_total is not None and projects:
        n += 1
        if project_total == 0:
            issues.append(
                Issue(
                    "R-11",
                    f"{len(projects)} 个项目有绩效目标表，但项目支出为 0",
                    expected="项目支出 > 0",
                    actual="0",
                )
            )
    return issues, n


def check_department_target(targets: Sequence[PerformanceTarget]) -> Checked:
    """R-15: a department-wide target (部门整体绩效目标) given as prose only is not measurable."""
    issues: list[Issue] = []
    n = 0
    for t in targets:
        if t.scope is not TargetScope.DEPARTMENT:
            continue
        n += 1
        if not t.indicators:
            issues.append(
                _issue(
                    "R-15",
                    "部门整体绩效目标只有文字，没有绩效指标和指标值",
                    t,
                    expected="a 部门整体支出绩效目标表 with indicators",
                    actual=f"{len(t.goals)} goal paragraph(s)",
                    evidence=(t.goals[0][:60] + "…") if t.goals else None,
                )
            )
    return issues, n


def department_target_from_text(
    name: str, text: str, *, line: int | None = None, page: int | None = None
) -> PerformanceTarget:
    """A prose-only department target (部门整体绩效目标) from narrative text."""
    return PerformanceTarget(
        name=name,
        goals=split_goals(text) or (text.strip(),),
        goal_text=text,
        scope=TargetScope.DEPARTMENT,
        line=line,
        page=page,
    )


#: rule id → (check, one-line statement)
CHECKS = {
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
