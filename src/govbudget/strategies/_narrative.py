"""Narratives (情况说明) whose sentences state a disclosure's real figures.

Besides the totals: the department's scope boilerplate (N-12), shares ``占 p%`` of the
expenditure (N-21), the projects making up 项目支出 (N-5, R-11), functional 项 with their
codes and names (N-17, N-R2), changes against last year with the compared year and
growth rates (N-14, N-19, N-20, N-R4), the itemised 机关运行经费 (J-2, N-8) and the 三公
change against the year-over-year table (Y-5).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from govbudget.strategies._budget import Budget, Plan
from govbudget.strategies._render import _names, money, three_public_values
from govbudget.tables.disclosure import Disclosure, Scope
from govbudget.tables.narrative import Narrative, Section, SectionKind

__all__ = ["narrative_for"]

#: names a clause-level reader would cut or misread (、，digits, 类/款/项 markers)
_UNSAFE_NAME = re.compile(r"[、，,：:；;（）()\d类款项]")


def _m(cents: int) -> str:
    return f"{money(cents)}万元"


def _pct(part: int, whole: int) -> str:
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP))


#: growth rates are stated on a last-year base of at least 1.00万元. N-R4 misjudges a rate on
#: a base within its rounding tolerance of zero (``增加0.01万元，增长100.00%`` on 0.01万元 is
#: reported as wrong): see ``test_harness.test_known_false_alarm_rate_on_tiny_base``.
MIN_BASE = 100


def _change(label: str, now: int, before: int, year: int) -> str:
    """``<label><now>万元，较<year>年增加<d>万元，增长<p>%。`` (or 与上年持平)."""
    d = now - before
    if d == 0:
        return f"{label}{_m(now)}，与上年持平。"
    grow, word = ("增加", "增长") if d > 0 else ("减少", "下降")
    text = f"{label}{_m(now)}，较{year - 1}年{grow}{_m(abs(d))}"
    if before >= MIN_BASE:
        text += f"，{word}{_pct(abs(d), before)}%"
    return text + "。"


def _classes(d: Disclosure, b: Budget, year: int) -> str:
    fn = _names("functional", year)
    parts = [f"{code}{fn[code]}{_m(leaf.total)}" for code, leaf in sorted(b.leaves.items())
             if leaf.total and not _UNSAFE_NAME.search(fn[code])]
    return f"按支出功能分类科目，{'，'.join(parts)}。" if parts else ""


def _running_items(b: Budget, year: int) -> str:
    en = _names("economic", year)
    items = [f"{en[c]}{_m(v)}" for c, v in sorted(b.economic.items())
             if v and c[:3] in ("302", "310", "399") and "、" not in en[c]]
    return f"其中：{'、'.join(items)}" if items else ""


def narrative_for(d: Disclosure, b: Budget, plan: Plan) -> Narrative:
    """情况说明 sections stating the figures of ``d`` (computed from its budget ``b``)."""
    dept = d.scope is Scope.DEPARTMENT
    who = "部门" if dept else "单位"
    we = "本部门" if dept else "本单位"
    y = plan.year
    basic, project = b.sum("basic"), b.sum("project") + b.sum("fund")
    spent = basic + project
    income_parts = [f"一般公共预算拨款收入{_m(b.general_income)}"]
    if b.sum("fund"):
        income_parts.append(f"政府性基金预算拨款收入{_m(b.sum('fund'))}")
    if b.carry:
        income_parts.append(f"上年结转{_m(b.carry)}")
    total_income = b.general_income + b.sum("fund") + b.carry
    personnel = sum(v for k, v in b.economic.items() if k[:3] in ("301", "303"))
    public = sum(b.economic.values()) - personnel
    three = three_public_values(b.three_public)
    assets = sum(b.assets[k][1] for k in ("buildings", "vehicles", "equipment", "other"))
    shares = (f"基本支出{_m(basic)}，占{_pct(basic, spent)}%，项目支出{_m(project)}，"
              f"占{_pct(project, spent)}%" if spent else
              f"基本支出{_m(basic)}，项目支出{_m(project)}")
    names = [t.name for t in d.performance]
    listed = f"项目支出{_m(project)}，包括{'、'.join(names)}。" if names and project else ""
    last = b.last or {"personnel": personnel, "public": public, "project": project}
    changes = "".join((
        _change(f"{y}年{who}支出预算总额", spent, sum(last.values()), y),
        _change("基本支出", basic, last["personnel"] + last["public"], y),
        _change("人员经费", personnel, last["personnel"], y),
        _change("公用经费", public, last["public"], y),
        _change("项目支出", project, last["project"], y)))
    prior_three = sum(b.prior.values())
    sections = []
    if dept:
        whose = "机关及所属事业单位" if len(d.units) > 1 else "机关"
        sections.append(Section(SectionKind.OVERVIEW, "二、部门预算安排的总体情况",
                                f"按照预算管理有关规定，{d.name}{whose}的收支包含在部门预算中。"))
    sections += [
        Section(SectionKind.REVENUE, f"1、{y}年{who}预算收入情况",
                f"{y}年{d.name}年初{who}收入预算总额为{_m(total_income)}。其中："
                + "，".join(income_parts) + "。"),
        Section(SectionKind.EXPENDITURE, f"2、{y}年{who}预算支出情况",
                f"{y}年{who}支出预算总额{_m(spent)}。其中：{shares}。基本支出中，"
                f"人员经费{_m(personnel)}，公用经费{_m(public)}。{listed}{_classes(d, b, y)}"),
        Section(SectionKind.EXPENDITURE, "3、比上年增减情况", changes),
        Section(SectionKind.RUNNING_COSTS, "三、机关运行经费安排情况",
                f"{y}年，{we}机关运行经费安排{_m(public)}{'，' if public else ''}"
                f"{_running_items(b, y) if public else ''}。"),
        Section(SectionKind.THREE_PUBLIC, "四、“三公”经费预算情况",
                f"{y}年“三公”经费预算{_m(three['total'])}，其中：因公出国（境）费{_m(three['overseas'])}，"
                f"公务用车购置及运行维护费{_m(three['vehicle'])}，公务接待费{_m(three['reception'])}。"
                + _three_change(three["total"] - prior_three)),
        Section(SectionKind.ASSETS, "六、国有资产占用情况",
                f"截至{y - 1}年底，{we}固定资产总额{_m(assets)}，其中车辆{b.assets['vehicles'][0]}辆。"),
        Section(SectionKind.PROCUREMENT, "五、政府采购预算情况",
                f"{y}年{we}政府采购预算{_m(b.procurement)}。"),
    ]
    return Narrative(tuple(sections))


def _three_change(d: int) -> str:
    if d == 0:
        return "“三公”经费预算与上年持平。"
    return f"“三公”经费预算较上年{'增加' if d > 0 else '减少'}{_m(abs(d))}。"
