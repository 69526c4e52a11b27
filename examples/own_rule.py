"""Write a rule of your own and test it with govbudget.strategies.

Rule "MY-1": the 项目支出 of a …02 一般行政管理事务 项 may not exceed 30 % of its 款.
Generated valid budgets do not respect it (nothing in the law says so), so Hypothesis
finds a counterexample and shrinks it to the smallest budget that breaks the rule.

Run: python examples/own_rule.py
"""

from __future__ import annotations

import warnings
from decimal import Decimal

from hypothesis import HealthCheck, find, settings
from hypothesis.errors import HypothesisWarning

import govbudget
from govbudget.rules import Registry, Severity
from govbudget.strategies import disclosures, mutations
from govbudget.tables import TableKind

MY_RULES = Registry()


@MY_RULES.rule("MY-1", Severity.WARNING, "一般行政管理事务的项目支出不超过所属款的 30%", source="example")
def admin_affairs_share(ctx: govbudget.rules.RuleContext) -> None:
    t = ctx.disclosure.table(TableKind.EXPENDITURE)
    if t is None:
        ctx.skip("no 支出总表")
        return
    for r in t.code_rows():
        if r.code and len(r.code) == 7 and r.name == "一般行政管理事务":
            kuan = t.row(r.code[:5])
            ctx.checked()
            limit = kuan.cell("total").as_zero() * Decimal("0.3") if kuan else Decimal(0)
            if r.cell("project").as_zero() > limit:
                ctx.fail("一般行政管理事务项目支出超过款的 30%", table=t, row=r, column="project",
                         expected=f"≤ {limit:.2f}", actual=r.cell("project"))


def fails(d: govbudget.Disclosure) -> bool:
    return bool(govbudget.check(d, registry=MY_RULES).findings)


def main() -> None:
    warnings.simplefilter("ignore", HypothesisWarning)  # the reprs of whole budgets are long
    quiet = settings(database=None, max_examples=300,
                     suppress_health_check=list(HealthCheck))
    smallest = find(disclosures(units=1, narratives=False), fails, settings=quiet)
    report = govbudget.check(smallest, registry=MY_RULES)
    print("Shrunk counterexample:")
    print(govbudget.rules.Report(report.findings, ()).to_text())
    for r in smallest.table(TableKind.EXPENDITURE).rows:  # type: ignore[union-attr]
        print(f"  {r.label:<24} 合计 {r.cell('total').text():>8} 基本 {r.cell('basic').text():>8}"
              f" 项目 {r.cell('project').text():>8}")
    # the built-in rules catch a defect put in by ``mutations`` — here a changed 合计
    d = find(disclosures(units=1), lambda d: True, settings=quiet)
    mutated, mutation = find(mutations(d, rules=["T3-1"]), lambda m: True, settings=quiet)
    assert any(mutation.matches(f) for f in govbudget.check(mutated).findings)
    print(f"mutation {mutation.description!r} caught by {mutation.rule}")


if __name__ == "__main__":
    main()
