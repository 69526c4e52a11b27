"""Coverage and status: a report says what it checked, and nothing-checked is never clean."""

from __future__ import annotations

from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings

import govbudget
import seed_model as seed
from govbudget.rules import check
from govbudget.rules.coverage import EXIT_NOTHING_CHECKED, ReportStatus
from govbudget.strategies import final_accounts
from govbudget.tables import TableKind


def test_the_seed_is_checked_and_says_what_it_read() -> None:
    report = check(govbudget.example())
    assert report.status is ReportStatus.CHECKED
    dept = report.coverage.disclosures[0]
    assert "收支总表" in dept.read and not dept.unreadable and not dept.absent
    assert report.to_dict()["status"] == "checked"
    assert report.to_dict()["coverage"]["disclosures"][0]["read"] == list(dept.read)


def test_empty_and_prose_inputs_are_nothing_checked(tmp_path: Path) -> None:
    empty, prose = tmp_path / "empty.txt", tmp_path / "prose.txt"
    empty.write_text("", "utf-8")
    prose.write_text("今天天气很好，我们去公园散步，然后回家吃饭。", "utf-8")
    for path in (empty, prose):
        report = check(govbudget.load(path))
        assert report.status is ReportStatus.NOTHING_CHECKED, path
        assert report.status.exit_code == EXIT_NOTHING_CHECKED
        assert "不表示文档无误" in report.status.message
        assert not report.errors


def test_a_table_left_out_makes_the_report_partial() -> None:
    unit = seed.unit()
    t = unit.table(TableKind.SUMMARY)
    assert t is not None
    d = attrs.evolve(unit, tables=tuple(attrs.evolve(x, unreadable="表头错位") if x is t else x
                                        for x in unit.tables))
    report = check(d)
    assert report.status is ReportStatus.PARTIAL
    (note,) = report.coverage.disclosures[0].unreadable
    assert note.reason == "表头错位" and "收支总表" not in report.coverage.disclosures[0].read
    # the rules that need it skip and say why
    reasons = {o.reason for o in report.outcomes if o.rule == "T1-1"}
    assert any("未能可靠读取" in (r or "") for r in reasons)


def test_an_unverified_amount_is_coverage_not_a_finding() -> None:
    from govbudget.narrative.claims import extract_claims  # noqa: F401  (the narrative rules)

    report = check(govbudget.example())
    assert not report.of("N-13")
    assert all(u.rule == "N-13" for u in report.coverage.unverified)


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(final_accounts(units=1))
def test_a_whole_final_account_is_checked_not_partial(d: govbudget.Disclosure) -> None:
    """Regression: a final account (决算) was measured against the budget's nine tables, so
    F01, with its nine 决算 tables read, was "partial" with every budget table "absent"."""
    report = check(d)
    (covered,) = [c for c in report.coverage.disclosures if c.disclosure == d.label]
    assert covered.absent == () and len(covered.read) == 9
    assert report.status is ReportStatus.CHECKED
