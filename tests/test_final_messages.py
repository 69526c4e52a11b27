"""What the final-accounts and cross-document rules tell a user is Chinese (issue 11): each
FN-* message, the F*/FX-*/XD-* skip reasons, on made-up text, generated pairs and F01/F02."""

from __future__ import annotations

import re

import pytest

import govbudget
from conftest import CORPUS, SHARED_MISSING
from govbudget.narrative.final_checks import (
    change_issues,
    completion_issues,
    reason_issues,
    running_cost_issues,
    share_issues,
    vehicle_issues,
)
from govbudget.rules import Report
from govbudget.strategies._final import final_of
from govbudget.tables.narrative import Section, SectionKind

_WORD = re.compile(r"[A-Za-z]+")


def english(text: str | None) -> list[str]:
    """The English words of ``text``: not rule ids (FN-2, XD-1) nor placeholders (XX)."""
    return [w for w in _WORD.findall(text or "")
            if len(w) > 1 and set(w) != {"X"} and w not in ("FN", "FX", "XD")]


def test_english_words_are_found() -> None:
    assert english("the text says 35.74%") == ["the", "text", "says"]
    assert english("FN-2：增长 35.94%，留有 XX、XXXX") == []


FINAL = final_of(govbudget.example().disclosures[0])
SEC = Section(SectionKind.OTHER, "（一）", "")


@pytest.mark.parametrize(("issues", "rule"), [
    (lambda: change_issues("收支总计22066.59万元，比上年增加5834.37万元，增长35.74%。"), "FN-2"),
    (lambda: change_issues("收支总计100万元，比上年增加10万元，下降10%。"), "FN-2"),
    (lambda: share_issues(FINAL, SEC, "支出100万元，其中：基本支出60万元，占70%。"), "FN-3"),
    (lambda: completion_issues(FINAL, SEC, "年初预算为0万元，决算为5万元，完成预算的50%。"), "FN-4"),
    (lambda: completion_issues(FINAL, SEC, "年初预算为100万元，决算为50万元，完成预算的60%。"), "FN-4"),
    (lambda: reason_issues(SEC, "年初预算为100万元，决算为90万元。"), "FN-5"),
    (lambda: reason_issues(SEC, "年初预算为100万元，决算为90万元，决算数大于预算数。"), "FN-5"),
    (lambda: running_cost_issues(FINAL, SEC, "机关运行经费支出12345.67万元。"), "FN-6"),
    (lambda: vehicle_issues(FINAL, SEC, "公务用车保有量0辆，公务用车运行维护费支出5万元。"), "FN-7"),
    (lambda: vehicle_issues(FINAL, SEC, "公务用车保有量2辆，公务用车运行维护费支出5万元，"
                                        "平均每辆4万元。"), "FN-7"),
])
def test_each_final_narrative_message_is_chinese(issues: object, rule: str) -> None:
    found = issues()  # type: ignore[operator]
    assert [i.rule for i in found] == [rule]
    (issue,) = found
    assert english(issue.message) == [] and english(issue.expected) == [], issue.message


def test_the_fn2_message_shows_its_arithmetic() -> None:
    (issue,) = change_issues("收支总计22066.59万元，比上年增加5834.37万元，增长35.74%。")
    assert issue.message == ("增加5834.37万元，按上年 16232.22万元（22066.59 − 5834.37）"
                             "计为增长 35.94%，文中为 35.74%")


def _user_text(report: Report) -> list[str]:
    return ([f.message for f in report.all_findings()]
            + [o.reason or "" for o in report.outcomes])


def test_final_rules_on_a_budget_and_pair_rules_on_the_wrong_pair_say_why_in_chinese() -> None:
    budget = govbudget.example().disclosures[0]
    report = govbudget.check(budget, select=["final-arithmetic", "final-cross-table",
                                             "final-narrative"])
    later = budget.__class__(budget.scope, budget.code, budget.name, budget.year + 1,
                             tables=budget.tables)
    pair = govbudget.check_together(budget, later)
    assert {o.reason for o in pair.outcomes if o.rule == "XD-1"} == {
        "本规则检查同年的部门预算与部门决算，这两份是相邻两年的部门预算"}
    for text in _user_text(report) + _user_text(pair):
        assert english(text) == [], text


@pytest.mark.skipif(not CORPUS.is_dir(), reason=SHARED_MISSING)
@pytest.mark.parametrize("name", ["F01.pdf", "F02.pdf"])
def test_the_final_reports_of_the_corpus_are_chinese(name: str) -> None:
    report = govbudget.check(govbudget.load(CORPUS / name))
    # U-1 quotes what the reader could not place, in the reader's words: not these rules'
    final = [f for f in report.all_findings() if f.rule[:1] in "FU" and f.rule != "U-1"]
    reasons = [o.reason for o in report.outcomes if o.reason and o.rule[:1] in "FNU"]
    assert final and reasons
    for text in [f.message for f in final] + reasons:
        assert english(text) == [], text


def test_a_fleet_of_5000_digits_is_no_fleet() -> None:
    # int() of more than 4,300 digits raises ValueError: the check must not (found reading
    # the PDF byte scan's like case, pdf seed 10 on 5e2a8d1)
    assert vehicle_issues(FINAL, SEC, "公务用车保有量" + "9" * 5000 + "辆，运行维护费5万元。") == []
