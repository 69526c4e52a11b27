"""Final accounts (部门决算, issue 12): the nine tables typed and read, the rules on F01 and
F02, the budget narrative skipped, and pairs of documents checked together."""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest

import govbudget
from conftest import CORPUS, SAMPLES, SHARED_MISSING
from govbudget.rules import Severity, Status
from govbudget.tables import DisclosureKind, TableBuilder, TableKind, kind_from_title

K = TableKind
FINAL_KINDS = [k for k in TableKind if k.is_final]
shared = pytest.mark.skipif(not CORPUS.is_dir(), reason=SHARED_MISSING)


@functools.cache
def _load(name: str) -> govbudget.Document:
    return govbudget.load(CORPUS / name)


@functools.cache
def _report(name: str) -> govbudget.Report:
    return govbudget.check(_load(name))


@pytest.mark.parametrize(("title", "kind"), [
    ("收入支出决算总表", K.FINAL_SUMMARY), ("部门收支决算总表", K.FINAL_SUMMARY),
    ("收入决算表", K.FINAL_REVENUE), ("部门支出决算表", K.FINAL_EXPENDITURE),
    ("财政拨款收支决算总表", K.FINAL_FISCAL_SUMMARY),
    ("一般公共预算财政拨款支出决算明细表（功能分类）", K.FINAL_GENERAL_BUDGET),
    ("一般公共预算基本支出决算表", K.FINAL_BASIC_EXPENDITURE),
    ("一般公共预算财政拨款“三公”经费支出决算表", K.FINAL_THREE_PUBLIC),
    ("政府性基金预算财政拨款支出决算表", K.FINAL_GOV_FUND),
    ("国有资本经营预算财政拨款收入支出决算表", K.FINAL_SOE_CAPITAL),
    ("一般公共预算财政拨款支出表", K.GENERAL_BUDGET),  # a budget title stays a budget kind
])
def test_final_titles_of_several_templates(title: str, kind: TableKind) -> None:
    assert kind_from_title(title) is kind


def test_disclosure_kind_from_tables() -> None:
    assert DisclosureKind.of_tables([TableBuilder(K.FINAL_REVENUE).build()]) is DisclosureKind.FINAL
    assert DisclosureKind.of_tables([TableBuilder(K.REVENUE).build()]) is DisclosureKind.BUDGET
    assert DisclosureKind.of_tables([]) is None


def test_final_rules_skip_on_a_budget() -> None:
    report = govbudget.check(govbudget.example(), select=["final-arithmetic", "final-narrative"])
    assert report.findings == ()
    assert {o.status for o in report.outcomes} == {Status.SKIPPED}
    assert {o.reason for o in report.outcomes} == {
        "不是决算公开：本规则检查决算表", "不是决算公开：预算的情况说明由预算说明规则检查"}


@shared
def test_f01_has_the_nine_tables_typed_and_read() -> None:
    d = _load("F01.pdf").disclosures[0]
    assert d.kind is DisclosureKind.FINAL and d.name == "国家信访局" and d.year == 2024
    kinds = [t.kind for t in d.tables if t.kind.is_final]
    assert sorted(kinds, key=FINAL_KINDS.index) == FINAL_KINDS  # each once (三公 printed last)
    for t in d.tables:
        if t.kind in (K.FINAL_GOV_FUND, K.FINAL_SOE_CAPITAL):
            assert t.is_empty() and "故本表无数据" in (t.note or "")  # empty, with the note
        elif t.kind.is_final:
            assert not t.is_empty() and t.unreadable is None, t.kind
    s = d.table(K.FINAL_SUMMARY)
    assert s is not None and s.line("total", "income").cell("income").value == Decimal("22066.59")
    assert s.row("221", "expenditure").cell("expenditure").value == Decimal("980.85")
    f4 = d.table(K.FINAL_FISCAL_SUMMARY)
    assert f4 is not None and f4.line("carryover_general", "income").cell("income").value \
        == Decimal("1154.62")


@shared
def test_f01_basic_expenditure_read_as_blocks() -> None:
    """p12: 301/303 left, 302 middle, 307/310/399 right; 公用经费合计's amount in the last column."""
    t = _load("F01.pdf").disclosures[0].table(K.FINAL_BASIC_EXPENDITURE)
    assert t is not None and [c.key for c in t.columns] == ["total"]
    values = {r.code or r.line: r.cell("total").value for r in t.rows}
    assert values["301"] == Decimal("6982.75") and values["30399"] == Decimal("34.04")
    assert values["302"] == Decimal("2239.41") and values["30299"] == Decimal("484.52")
    assert values["310"] == Decimal("27.24") and values["31099"] == Decimal("2.58")
    assert values["personnel"] == Decimal("7967.72") and values["public"] == Decimal("2266.65")


@shared
def test_f01_three_public_budget_and_final() -> None:
    t = _load("F01.pdf").disclosures[0].table(K.FINAL_THREE_PUBLIC)
    assert t is not None
    got = {r.line: (r.cell("budget").value, r.cell("final").value) for r in t.rows}
    assert got["total"] == (Decimal("76.43"), Decimal("46.21"))
    assert got["overseas"] == (Decimal("30.00"), Decimal("4.69"))
    assert got["reception"] == (Decimal("5.80"), Decimal("0.90"))


#: every error finding on F01, each verified on the rendered page (rule, page, proof)
F01_DEFECTS = [
    ("FN-2", 17, "收、支总计 22066.59 万元，增加 5834.37 万元：5834.37 ÷ (22066.59 − 5834.37) = "
                 "35.94%，the page prints 增长 35.74%"),
]


@shared
def test_f01_errors_are_the_verified_defects() -> None:
    errors = [(f.rule, f.location.page) for f in _report("F01.pdf").errors]
    assert errors == [(rule, page) for rule, page, _proof in F01_DEFECTS]


@shared
def test_f01_final_rules_ran() -> None:
    report = _report("F01.pdf")
    ran = {o.rule for o in report.outcomes if o.status is not Status.SKIPPED}
    assert {"F1-5", "F4-6", "F6-2", "F7-1", "FX-4", "FX-6", "FN-1", "FN-4"} <= ran
    # the budget phrases are not read on a final account: skipped with the reason
    n_r3 = [o for o in report.outcomes if o.rule == "N-R3"]
    assert n_r3 and all(o.status is Status.SKIPPED and "决算公开" in (o.reason or "")
                        for o in n_r3)


@shared
def test_f01_as_a_budget_on_request() -> None:
    d = govbudget.load(CORPUS / "F01.pdf", kind="budget").disclosures[0]
    assert d.kind is DisclosureKind.BUDGET
    assert not any(f.rule.startswith("F") for f in govbudget.check(d).findings)


@shared
def test_f02_template_loads_and_placeholders_once_per_table_and_for_the_narrative() -> None:
    d = _load("F02.pdf").disclosures[0]
    assert d.kind is DisclosureKind.FINAL
    assert [t.kind for t in d.tables if t.kind.is_final] == FINAL_KINDS
    report = _report("F02.pdf")
    residue = report.of("FN-8")
    assert residue and all(f.severity is Severity.ERROR for f in residue)
    tables = [f.location.table for f in residue if f.location.table != "情况说明"]
    assert len(tables) == len(set(tables)) == 4  # units list, 收入、支出、一般公共预算支出决算表
    (narrative,) = [f for f in residue if f.location.table == "情况说明"]
    assert "分布在 24 节" in narrative.message and "一、收入支出决算总体情况说明（8 处）" in narrative.message
    # an empty template's tables are skipped, never reported clean
    f1 = [o for o in report.outcomes if o.rule == "F1-1"]
    assert f1 and f1[0].status is Status.SKIPPED and "模板" in (f1[0].reason or "")
    assert [f.rule for f in report.errors if f.rule != "FN-8"] == []


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=SHARED_MISSING)
def test_consecutive_budgets_are_paired() -> None:
    from govbudget.rules.across import pairs

    docs = [govbudget.load(SAMPLES / f"wanli-{y}-dept-budget.pdf") for y in (2024, 2025)]
    found = pairs(d for doc in docs for d in doc.disclosures)
    assert [(p.kind, p.earlier.year, p.later.year) for p in found] == [("budgets", 2024, 2025)]
    assert govbudget.check_together(*docs).errors == ()


def test_pairs_need_the_same_department() -> None:
    from govbudget.rules.across import pairs

    d = govbudget.example().disclosures[0]
    other = d.__class__(d.scope, "999", "别的局", d.year + 1)
    assert pairs([d, other]) == []


@pytest.mark.parametrize(("change", "caught"), [("5", False), ("6", True)])
def test_a_final_change_against_last_years_final(change: str, caught: bool) -> None:
    """XD-5: "比上年决算增加 D" must be the difference from last year's final (both named)."""
    import attrs

    from govbudget.strategies._final import final_of
    from govbudget.tables.narrative import Narrative, Section, SectionKind

    earlier = final_of(govbudget.example().disclosures[0])
    total = earlier.table(K.FINAL_SUMMARY).line("total", "income").cell("income").as_zero()
    text = f"收入支出总计{total + 5}万元，比{earlier.year}年度决算数增加{change}万元。"
    later = attrs.evolve(earlier, year=earlier.year + 1, narrative=Narrative(
        (Section(SectionKind.OVERVIEW, "一、收入支出决算总体情况说明", text),)))
    found = [f for f in govbudget.check_together(earlier, later, rules=["XD-5"]).of("XD-5")
             if f.location.table == "情况说明"]  # (the seed's 上年结转 3.00 is its own finding)
    assert bool(found) is caught
    if caught:
        assert " ↔ " in found[0].location.disclosure and "上年决算" in found[0].message


def test_a_final_accounts_coverage_expects_the_nine_final_tables() -> None:
    import attrs

    from govbudget.strategies._final import final_of

    final = final_of(govbudget.example().disclosures[0])
    assert govbudget.check(final).coverage.disclosures[0].absent == ()
    without = attrs.evolve(final, tables=tuple(t for t in final.tables
                                               if t.kind is not K.FINAL_THREE_PUBLIC))
    cov = govbudget.check(without).coverage
    assert cov.disclosures[0].absent == (K.FINAL_THREE_PUBLIC.value,)
    assert cov.status.value == "partial"


@shared
def test_f01_coverage_has_every_final_table_read() -> None:
    cov = _report("F01.pdf").coverage
    assert cov.disclosures[0].absent == () and cov.disclosures[0].unreadable == ()
    assert cov.status.value == "checked"


def test_the_docs_state_every_final_and_pair_rule_as_the_registry_does() -> None:
    import re

    import govbudget.rules.across_rules  # noqa: F401  (registers the pair rules)
    from conftest import REPO
    from govbudget.rules import REGISTRY
    from govbudget.rules.across import PAIR_RULES

    rules = [r for r in REGISTRY if r.family.startswith("final")] + list(PAIR_RULES)
    page = (REPO / "docs" / "final-accounts.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| ((?:F\d|FX|FN|XD)-\d+) \| (\w+) \| (.+) \|$", page, re.M)
    assert sorted(listed) == sorted((r.id, r.severity.value, r.statement) for r in rules)
    domain = (REPO / "docs" / "domain.md").read_text(encoding="utf-8")
    section = domain[domain.index("## 11. Final accounts"):]
    cited = set(re.findall(r"\*\*((?:F\d|FX|FN|XD)-\d+)\*\*", section))
    assert cited == {r.id for r in rules}
