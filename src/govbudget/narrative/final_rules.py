"""The final-accounts narrative rules (决算情况说明校验规则) FN-1 … FN-8, registered.

Each runs on a final account only (a budget's narrative is the budget rules'), reading
one analysis per disclosure (``final_checks.final_issues``, computed once).

>>> from govbudget.rules.core import REGISTRY
>>> import govbudget.narrative.final_rules
>>> REGISTRY["FN-4"].family, REGISTRY["FN-8"].severity.value
('final-narrative', 'error')
"""

from __future__ import annotations

from collections.abc import Callable

from govbudget.narrative.final_checks import final_issues, table_residue
from govbudget.narrative.issues import Issue
from govbudget.rules._common import LastResult
from govbudget.rules._final import SOURCE_FINAL
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.tables.disclosure import Disclosure

__all__ = ["RULES"]

_LAST: LastResult[Disclosure, tuple[Issue, ...]] = LastResult()

#: id → (severity, statement)
RULES: dict[str, tuple[Severity, str]] = {
    "FN-1": (Severity.ERROR, "决算情况说明中的金额（总计、收入、支出、各类、基本支出、人员经费、公用经费、"
                             "财政拨款支出）等于决算表（按文字所示精度）"),
    "FN-2": (Severity.ERROR, "增减变化：增长（下降）率 = 增减额 ÷ 上年数（本年数 ∓ 增减额），且增减用词一致"),
    "FN-3": (Severity.ERROR, "占比：所占百分比 = 该项金额 ÷ 句中所指的总额"),
    "FN-4": (Severity.ERROR, "完成预算的百分比 = 决算数 ÷ 预算数；年初预算为零时不应写完成率"),
    "FN-5": (Severity.WARNING, "决算数与年初预算数不同时应说明原因，且“大于/小于”与数字相符"),
    "FN-6": (Severity.WARNING, "机关运行经费等于基本支出决算表的公用经费（行政、参公单位）"),
    "FN-7": (Severity.WARNING, "公务用车保有量与运行维护费相符（平均每辆；无车却有运行维护费）"),
    "FN-8": (Severity.ERROR, "不得留有模板占位文字（XX、增加（减少）、（如持平作持平表述）等），每节每表一条"),
}


def _run(rule_id: str) -> Callable[[RuleContext], None]:
    def run(ctx: RuleContext) -> None:
        d = ctx.disclosure
        if not d.is_final:
            ctx.skip("不是决算公开：预算的情况说明由预算说明规则检查")
            return
        if rule_id == "FN-8":
            for t, hits in table_residue(d):
                ctx.checked()
                ctx.fail(f"{t.title or t.name}：{len(hits)} 处模板占位（"
                         f"{'、'.join(dict.fromkeys(hits[:4]))}）", table=t,
                         evidence="；".join(hits[:8]))
        if d.narrative is None:
            if ctx.checks == 0:
                ctx.skip("没有情况说明")
            return
        issues = _LAST.get(d, lambda x: tuple(final_issues(x)))
        ctx.checked(max(1, len(d.narrative.sections)))
        for i in issues:
            if i.rule == rule_id:
                ctx.fail(i.message, table="情况说明", expected=i.expected, actual=i.actual,
                         evidence=i.evidence, severity=Severity(i.severity), page=i.page,
                         line=i.line)
    return run


for _id, (_severity, _statement) in RULES.items():
    rule(_id, _severity, _statement, source=SOURCE_FINAL, family="final-narrative")(_run(_id))
