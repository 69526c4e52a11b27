"""False alarms found on the corpus, verified on the page, and fixed: each rule must now pass
(or skip, saying why) where it once reported a defect the page does not have. The proof of
each is in the comment; string-level tests of the same mechanisms are in
tests/test_rules_summary_groups.py. Skipped without ../shared."""

from __future__ import annotations

import functools

import pytest

import govbudget
from conftest import CORPUS, skip_without_shared

#: (document, rule, page): the page's own figures hold
FIXED = [
    # p.18: 上年结余、结转 37,385.88 = 1.财政拨款结余、结转 36,989.05 + 2.非财政 396.83 (counted once)
    ("W025.pdf", "T1-3", 18),
    ("W034.pdf", "T1-3", 61),  # p.61: 561,605.51 + 9,742.42 = 571,347.93, the same layout
    # pp.13–14 预算06表: leaves only (30101 … 30299 and 3021101 差旅费), no 301/302 row
    ("W015.pdf", "T2-5", 13),
    # p.15 表四: 本年收入 99,320.55 + 上年结转 44,048.03 = 143,368.57 (a cent of rounding), and
    # 表二 has no 上年结转 column: its 财政拨款 143,368.57 includes the carry-over
    ("W040.pdf", "X-1", 15),
    # p.12: 一、本级财政拨款收入 1,935.36 alone (no fund lines) = 本年收入合计 1,935.36
    ("W078.pdf", "T1-1", 12),
    # pp.18–19: columns 人员类 / 公用经费 (per-head 302 items are 人员类 by definition)
    ("W078.pdf", "P-1", 18),
    # p.33: 行政运行（人力资源和社会保障管理事务）: the name, and its 款 20801 in brackets
    ("W095.pdf", "C-3", 33),
]


@functools.cache
def _report(name: str) -> govbudget.Report:
    path = CORPUS / name
    skip_without_shared(path)
    return govbudget.check(govbudget.load(path))


@pytest.mark.parametrize(("name", "rule", "page"), FIXED)
def test_no_false_alarm_where_the_page_holds(name: str, rule: str, page: int) -> None:
    found = [f for f in _report(name).all_findings()
             if f.rule == rule and f.location.page == page and f.severity.value == "error"]
    assert not found, [f.message for f in found]
