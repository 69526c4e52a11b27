"""The property-based harness of govbudget's rules (issue 7).

* No false alarms: every built-in rule passes (no error, no warning) on every
  generated valid disclosure.
* No blind spots: each mutation makes the rule it is meant for fail, at the right
  place; a rule without a mutation must be listed in ``KNOWN_GAPS`` (with the reason).
* Round trips: JSON and CSV serialisation of generated disclosures are lossless.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govbudget
from govbudget.narrative.rules import UNVERIFIED
from govbudget.rules import REGISTRY, Severity
from govbudget.strategies import (
    budget_final_pairs,
    consecutive_budgets,
    consecutive_finals,
    disclosures,
    final_accounts,
    mutations,
    pair_mutations,
    pair_rules_with_mutations,
    rules_with_mutations,
)
from govbudget.strategies._mutations import MUTATORS
from govbudget.tables import Disclosure, Document

#: Rules excluded from "no false alarms" (each is a real gap; none today).
EXCLUDED: dict[str, str] = {}

#: Built-in rules no mutation is meant for, and why. A new rule without a mutation
#: fails ``test_every_rule_has_a_mutation_or_is_a_known_gap`` until it gets one or a line here.
#: None today: every rule, R-1…R-15, E-1 and the narrative rules included, has a mutation.
KNOWN_GAPS: dict[str, str] = {}

_HARNESS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                           HealthCheck.filter_too_much])


def _bad(report: govbudget.rules.Report) -> list[str]:
    return [f"{f.rule} {f.severity.value} {f.location}: {f.message}" for f in report.findings
            if f.severity is not Severity.INFO and f.rule not in EXCLUDED]


@_HARNESS
@given(disclosures())
def test_no_false_alarms(d: Disclosure) -> None:
    assert _bad(govbudget.check(d)) == []


@_HARNESS
@given(disclosures(units=1, year=2018, gov_fund=True, carryover=True))
def test_no_false_alarms_oldest_edition_with_funds(d: Disclosure) -> None:
    assert _bad(govbudget.check(d)) == []


@_HARNESS
@given(final_accounts(units=2, gov_fund=True))
def test_no_false_alarms_final_accounts(d: Disclosure) -> None:
    assert d.is_final
    assert _bad(govbudget.check(d)) == []


def test_every_rule_has_a_mutation_or_is_a_known_gap() -> None:
    ids = {r.id for r in REGISTRY}
    assert ids - rules_with_mutations() == set(KNOWN_GAPS), (
        "rules without a mutation must be listed in KNOWN_GAPS (and gaps that got one removed)")
    assert rules_with_mutations() <= ids, "a mutation names a rule that does not exist"


RULES = sorted(rules_with_mutations())


@pytest.mark.parametrize("rule_id", RULES)
@settings(_HARNESS, max_examples=4)
@given(data=st.data())
def test_mutation_is_caught(rule_id: str, data: st.DataObject) -> None:
    units = data.draw(st.integers(1, 2), label="units")
    gov_fund = data.draw(st.booleans(), label="gov_fund")
    if REGISTRY[rule_id].family.startswith("final"):  # the final-accounts rules (决算)
        d = data.draw(final_accounts(units=units, gov_fund=gov_fund), label="final account")
    else:
        d = data.draw(disclosures(units=units, gov_fund=gov_fund, carryover=True,
                                  narratives=True), label="disclosure")
    applicable = any(m.rule == rule_id and m.applies(d, t) and (not m.department_only or t is d)
                     for m in MUTATORS for t in d.walk())
    assume(applicable)
    mutated, mutation = data.draw(mutations(d, rules=[rule_id]), label="mutation")
    assert mutated != d
    report = govbudget.check(mutated, select=[rule_id])
    findings = report.all_findings()
    severity = REGISTRY[rule_id].severity
    if rule_id in UNVERIFIED:  # an amount no table supports: counted in the coverage
        assert any(mutation.matches(u) for u in report.coverage.unverified), mutation
        return
    hits = [f for f in findings if mutation.matches(f)]
    assert hits, f"{mutation} not caught; found: {[str(f.location) for f in findings]}"
    if severity is not Severity.INFO:
        assert any(f.severity is not Severity.INFO for f in hits)


_PAIRS = {"budget-final": budget_final_pairs, "budgets": consecutive_budgets,
          "finals": consecutive_finals}


def test_every_pair_rule_has_a_mutation() -> None:
    import govbudget.rules.across_rules  # noqa: F401
    from govbudget.rules.across import PAIR_RULES

    assert {r.id for r in PAIR_RULES} == pair_rules_with_mutations()


@pytest.mark.parametrize("kind", sorted(_PAIRS))
@settings(_HARNESS, max_examples=10)
@given(data=st.data())
def test_generated_pair_passes_and_each_pair_mutation_is_caught(kind: str,
                                                               data: st.DataObject) -> None:
    pair = data.draw(_PAIRS[kind](), label="pair")
    report = govbudget.check_together(*pair)
    assert _bad(report) == []
    assert any(o.checks for o in report.outcomes), "the pair rules checked nothing"
    (a, b), mutation = data.draw(pair_mutations(pair, kind=kind), label="mutation")
    hits = [f for f in govbudget.check_together(a, b, rules=[mutation.rule]).findings
            if f.rule == mutation.rule and f.severity is Severity.ERROR]
    assert hits, f"{mutation} not caught"
    assert " ↔ " in hits[0].location.disclosure  # names both documents


def test_rate_on_a_tiny_base_is_no_false_alarm() -> None:
    """Regression (found by the harness): N-R4 misjudged a rate on a base near zero."""
    from govbudget.narrative.checks import check_changes
    from govbudget.narrative.claims import extract_claims

    # last year 0.01, this year 0.02: +0.01 is +100.00% exactly
    text = "公用经费0.02万元，较2023年增加0.01万元，增长100.00%。"
    assert check_changes(extract_claims(text)) == []


_ROUND_TRIP = settings(_HARNESS, max_examples=min(settings().max_examples, 50))


@_ROUND_TRIP
@given(disclosures())
def test_json_round_trip(d: Disclosure) -> None:
    assert govbudget.from_json(govbudget.to_json(d)) == d


@_ROUND_TRIP
@given(disclosures(narratives=False, performance=False))
def test_csv_round_trip(d: Disclosure) -> None:
    csvio = pytest.importorskip("govbudget.formats.csvio")
    doc = Document(None, (d,))
    assert csvio.from_csv(csvio.to_csv(doc)) == csvio.table_part(doc)
