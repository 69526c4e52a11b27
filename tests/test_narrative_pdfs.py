"""Issue 5 acceptance on the real sample PDFs: every amount of the narrative is bound to a
table quantity or reported (or exempt for a stated reason), and the only error-severity
findings are the document defects verified by reading the PDF.

Pages in the comments are the physical PDF pages; findings carry the page where the
sentence's section starts.
"""

from __future__ import annotations

import pytest

import govbudget
from conftest import SAMPLES, SHARED_MISSING
from govbudget.narrative.issues import show
from govbudget.narrative.rules import analyse

pytestmark = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=SHARED_MISSING
)

#: what an amount may become without a table figure: 0 needs no support; a restatement in
#: brackets, an item of 机关运行经费 (J-2) and a definition (名词解释/职责) are not figures
#: of their own; 机关运行经费 without its own table is compared with 公用经费 (J-1)
EXEMPT = {"zero", "restates", "itemised", "definitions", "running_costs"}

#: pdf → (amount claims, the error findings verified as real document defects)
EXPECTED: dict[str, tuple[int, set[tuple[str, str]]]] = {
    "fuzhou-medicalsecurity-2026-dept-budget.pdf": (35, set()),
    "guangzhou-meteorology-2026-dept-budget.pdf": (16, set()),
    "quanzhou-publicsecurity-2026-dept-budget.pdf": (51, set()),
    "wanli-2024-dept-budget.pdf": (
        127,
        {
            # page 9, item 31: 住房公积金（项） is 350.35万元 in the item and in the table
            # (3,503,499元), but the sentence says "2024年预算安排352.67万元"…
            ("N-R2", "住房公积金352.67万元，但 2024年部门支出预算总表 / 2210201 住房公积金"),
            # …and "比2023年预算执行数增加0.53%" is (350.35 − 348.52) / 348.52, not 352.67's 1.19%
            ("N-R4", "住房公积金：增减 4.15 按上年 348.52 计为 1.19%，文中为 0.53%"),
        },
    ),
    "wanli-2025-dept-budget.pdf": (61, set()),
    "wuxi-hrss-2026-dept-budget.pdf": (105, set()),
    "yantai-civilaffairs-2026-dept-budget.pdf": (27, set()),
}

_DOCS: dict[str, govbudget.Document] = {}


def document(name: str) -> govbudget.Document:
    if name not in _DOCS:
        _DOCS[name] = govbudget.load(SAMPLES / name)
    return _DOCS[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_amount_is_bound_or_reported(name: str) -> None:
    count, _ = EXPECTED[name]
    (d,) = document(name).walk()
    a = analyse(d)
    assert a is not None
    assert len(a.amounts) == count
    reported = {(i.evidence, i.actual) for i in a.issues if i.rule == "N-13"}
    for claim, status, _ in a.amounts:
        if status in ("unbound", "absent", "listed"):  # listed: an item of a project
            assert (claim.sentence, show(claim)) in reported, claim
        else:
            assert status == "bound" or status in EXEMPT, (claim, status)
    assert sum(s == "bound" for _, s, _ in a.amounts) >= count // 2


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_errors_are_the_verified_defects(name: str) -> None:
    _, errors = EXPECTED[name]
    report = govbudget.check(document(name), select=["narrative"])
    found = {(f.rule, f.message) for f in report.findings if f.severity.value == "error"}
    assert len(found) == len(errors)
    for rule, text in errors:
        assert any(r == rule and text in m for r, m in found), (rule, text, found)
