"""The text report: where every finding is, in page order, grouped; amounts with units."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govbudget
from conftest import SAMPLES, needs_shared
from govbudget.rules import Finding, Severity
from govbudget.rules.core import Location, Status
from govbudget.rules.render import amounts, group, text, where
from govbudget.rules.render_coverage import coverage

FINDING_HEAD = re.compile(r"^    (第 \d+ 页|第 \d+ 行|位置未知)  (错误|警告|提示) \S+")


def _f(rule: str = "T1-1", *, disclosure: str = "1 部", table: str | None = "收支总表",
       page: int | None = None, line: int | None = None, severity: Severity = Severity.ERROR,
       expected: str | None = None, actual: str | None = None, unit: str | None = None,
       terms: tuple[tuple[str, str], ...] = ()) -> Finding:
    return Finding(rule, severity, f"{rule} 的说明", Location(disclosure, table, "合计", "预算数",
                                                            page, line),
                   expected, actual, None, unit, terms)


def test_amounts_say_printed_computed_difference_and_unit() -> None:
    f = _f(expected="86959408.00", actual="86959408.34", unit="元",
           terms=(("基本", "22118861"), ("项目", "64840547")))
    assert amounts(f).text() == (  # type: ignore[union-attr]
        "印：86,959,408.34 元；算：86,959,408.00 元（基本 22,118,861 + 项目 64,840,547）；差 0.34 元")


def test_amounts_read_elsewhere_blank_and_negative_addends() -> None:
    plain = amounts(_f(expected="433.88", actual="436.88", unit="万元"))
    assert plain is not None and plain.text() == "印：436.88 万元；应：433.88 万元；差 3.00 万元"
    blank = amounts(_f(expected="5.00", actual="（空白）", unit="万元"))
    assert blank is not None and blank.text() == "印：（空白）；应：5.00 万元；差 -5.00 万元"
    net = amounts(_f(expected="7.00", actual="7.00", unit="万元",
                     terms=(("收入", "10.00"), ("结转", "-3.00"))))
    assert net is not None and net.terms_text() == "收入 10.00 − 结转 3.00" and net.difference is None


@pytest.mark.parametrize("expected, actual, unit", [
    ("3", "2", None),               # a count: no unit, not an amount
    ("> 0", "0", "万元"),            # not a number
    ("=100%", "≥100百分比", None),   # a target value
    (None, "1.00", "万元"),          # one side only
])
def test_amounts_only_for_amount_findings(expected: str | None, actual: str | None,
                                          unit: str | None) -> None:
    assert amounts(_f(expected=expected, actual=actual, unit=unit)) is None


def test_where_is_page_then_line() -> None:
    assert where(Location(page=3, line=9)) == "第 3 页"
    assert where(Location(line=9)) == "第 9 行"
    assert where(Location()) == "位置未知"


def test_groups_by_disclosure_and_table_in_page_order() -> None:
    fs = [_f("T3-1", table="支出总表", page=9), _f("T1-1", page=4),
          _f("X-5", table="支出总表", page=8), _f("M-1", table=None),
          _f("T1-2", disclosure="2 单位", page=30), _f("T1-3", page=3)]
    groups = group(fs, order=["1 部", "2 单位"])
    assert [g.disclosure for g in groups] == ["1 部", "2 单位"]
    assert [(t.table, [f.rule for f in t.findings]) for t in groups[0].tables] == [
        (None, ["M-1"]), ("收支总表", ["T1-3", "T1-1"]), ("支出总表", ["X-5", "T3-1"])]
    assert groups[0].tables[1].span == "第 3–4 页"


_findings = st.builds(
    _f, rule=st.sampled_from(["T1-1", "X-2", "N-2"]), disclosure=st.sampled_from(["1 部", "2 单位"]),
    table=st.sampled_from([None, "收支总表", "情况说明"]),
    page=st.none() | st.integers(1, 60), severity=st.sampled_from(list(Severity)))


@given(st.lists(_findings, max_size=25))
def test_grouping_keeps_every_finding_and_page_order(fs: list[Finding]) -> None:
    groups = group(fs)
    regrouped = [f for g in groups for t in g.tables for f in t.findings]
    assert sorted(map(repr, regrouped)) == sorted(map(repr, fs))
    for g in groups:
        assert len({t.table for t in g.tables}) == len(g.tables)
        for t in g.tables:
            pages = [f.location.page for f in t.findings if f.location.page is not None]
            assert pages == sorted(pages)
            assert all(f.location.disclosure == g.disclosure and f.location.table == t.table
                       for f in t.findings)


def test_every_finding_of_the_example_shows_its_line_and_table() -> None:
    report = govbudget.check(govbudget.example())
    out = report.to_text()
    heads = [line for line in out.splitlines() if FINDING_HEAD.match(line)]
    assert len(heads) == len(report.findings)
    assert all("位置未知" not in h for h in heads)  # text input: every finding has its line
    assert "323 保定市莲池区人力资源和社会保障局" in out and "  情况说明（第 " in out


@needs_shared
def test_every_finding_of_a_sample_pdf_shows_its_page_and_amounts() -> None:
    doc = govbudget.load(SAMPLES / "wuxi-hrss-2026-dept-budget.pdf")
    report = govbudget.check(doc)
    lines = report.to_text().splitlines()
    heads = [i for i, line in enumerate(lines) if FINDING_HEAD.match(line)]
    assert len(heads) == len(report.findings) > 0
    assert all(lines[i].startswith("    第 ") and "页" in lines[i] for i in heads)
    with_unit = [f for f in report.findings if amounts(f) is not None]
    figure_lines = [line for line in lines if line.startswith("      印：")]
    assert with_unit and len(figure_lines) == len(with_unit)
    assert all("万元" in line for line in figure_lines)


def test_min_severity_quiet_and_coverage() -> None:
    report = govbudget.check(govbudget.example())
    errors_only = report.to_text(min_severity=Severity.ERROR)
    assert " 警告 " not in errors_only and " 错误 N-2" in errors_only
    assert f"显示错误及以上 {len(report.errors)} 条" in errors_only
    quiet = report.to_text(quiet=True).splitlines()
    assert len(quiet) == 2 and quiet[0].startswith("发现：") and quiet[1].startswith("覆盖：")
    detailed = report.to_text(coverage=True)
    c = coverage(report)
    assert c.skipped and "跳过原因：" in detailed
    assert all(s.reason in detailed for s in c.skips)


def test_coverage_counts_rules_apart_from_runs() -> None:
    report = govbudget.check(govbudget.example(), select=["arithmetic"])
    c = coverage(report)
    assert c.disclosures == 2 and c.runs == 2 * c.rules
    assert c.passed + c.failed + c.skipped == c.runs
    assert f"规则 {c.rules} 条，运行 {c.runs} 次" in report.to_text()


def test_nothing_checked_is_not_clean() -> None:
    skipped = govbudget.check(govbudget.example(), select=["E-1"])  # skipped on both
    assert all(o.status is Status.SKIPPED for o in skipped.outcomes)
    out = text(skipped)
    assert "未能检查" in out and "未发现问题" not in out
    assert coverage(skipped).nothing_checked
    clean = govbudget.check(govbudget.example(), select=["T1-1"])
    assert text(clean).startswith("未发现问题") and not coverage(clean).nothing_checked
