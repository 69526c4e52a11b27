"""Report.from_dict is the inverse of Report.to_dict, through JSON (batch checking keeps
reports as JSON in its cache and in worker results)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govbudget
from govbudget.readers.assemble import assemble
from govbudget.readers.text import read_text
from govbudget.rules import Report
from govbudget.rules.coverage import ReportStatus
from govbudget.strategies import disclosures, mutations


def _through_json(r: Report) -> Report:
    return Report.from_dict(json.loads(r.to_json()))


def test_the_bundled_example_report_round_trips() -> None:
    r = govbudget.check(govbudget.example())
    assert r.findings, "the bundled example has known defects"
    back = _through_json(r)
    assert back == r
    assert back.status is r.status and back.to_text() == r.to_text()


def test_a_report_of_nothing_checked_round_trips() -> None:
    r = govbudget.check(assemble(read_text("没有表格，只是一段文字。\n")))
    assert r.status is ReportStatus.NOTHING_CHECKED
    back = _through_json(r)
    assert back == r and back.status is r.status


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_reports_of_broken_disclosures_round_trip(data: st.DataObject) -> None:
    d = data.draw(disclosures(units=2, narratives=True, carryover=True))
    mutated, _ = data.draw(mutations(d))
    r = govbudget.check(mutated)
    assert _through_json(r) == r
