"""Narratives (情况说明) whose sentences state a disclosure's real totals."""

from __future__ import annotations

from govbudget.narrative.model import Narrative, Section, SectionKind
from govbudget.strategies._budget import Budget, Plan
from govbudget.strategies._render import money, three_public_values
from govbudget.tables.disclosure import Disclosure, Scope

__all__ = ["narrative_for"]


def _m(cents: int) -> str:
    return f"{money(cents)}万元"


def narrative_for(d: Disclosure, b: Budget, plan: Plan) -> Narrative:
    """情况说明 sections stating the totals of ``d`` (computed from its budget ``b``)."""
    dept = d.scope is Scope.DEPARTMENT
    who = "部门" if dept else "单位"
    we = "本部门" if dept else "本单位"
    y = plan.year
    basic, project = b.sum("basic"), b.sum("project") + b.sum("fund")
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
    sections = [
        Section(SectionKind.REVENUE, f"1、{y}年{who}预算收入情况",
                f"{y}年{d.name}年初{who}收入预算总额为{_m(total_income)}。其中："
                + "，".join(income_parts) + "。"),
        Section(SectionKind.EXPENDITURE, f"2、{y}年{who}预算支出情况",
                f"{y}年{who}支出预算总额{_m(basic + project)}。其中：基本支出{_m(basic)}，"
                f"项目支出{_m(project)}。基本支出中，人员经费{_m(personnel)}，公用经费{_m(public)}。"),
        Section(SectionKind.RUNNING_COSTS, "三、机关运行经费安排情况",
                f"{y}年，{we}机关运行经费安排{_m(public)}。"),
        Section(SectionKind.THREE_PUBLIC, "四、“三公”经费预算情况",
                f"{y}年“三公”经费预算{_m(three['total'])}，其中：因公出国（境）费{_m(three['overseas'])}，"
                f"公务用车购置及运行维护费{_m(three['vehicle'])}，公务接待费{_m(three['reception'])}。"
                + _change(three["total"] - sum(b.prior.values()))),
        Section(SectionKind.ASSETS, "六、国有资产占用情况",
                f"截至{y - 1}年底，{we}固定资产总额{_m(assets)}，其中车辆{b.assets['vehicles'][0]}辆。"),
        Section(SectionKind.PROCUREMENT, "五、政府采购预算情况",
                f"{y}年{we}政府采购预算{_m(b.procurement)}。"),
    ]
    return Narrative(tuple(sections))


def _change(d: int) -> str:
    if d == 0:
        return "与上年持平。"
    return f"较上年{'增加' if d > 0 else '减少'}{_m(abs(d))}。"
