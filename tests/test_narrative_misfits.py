"""Narrative rules applied to sentences they do not fit (verified MISFIT findings on the
corpus): a change stated verb first, a 其中 share of one economic class, a total the sentence
locates in a named table, sections about one subordinate unit, and project lists."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs

from conftest import CORPUS, skip_without_shared
from govbudget.money import Cell
from govbudget.narrative.claims import ClaimKind, extract_claims
from govbudget.narrative.rules import analyse
from govbudget.narrative.sections import build_narrative
from govbudget.readers.raw import RawBlock
from govbudget.tables import Disclosure, Scope, TableBuilder, TableKind
from govbudget.tables.model import BudgetTable


def disclosure(text: str, *tables: BudgetTable, title: str = "一、收支预算总体情况") -> Disclosure:
    blocks = [RawBlock(title, page=20)] if title else []
    blocks += [RawBlock(t, page=20) for t in text.split("\n")]
    return Disclosure(
        Scope.DEPARTMENT, "1", "某局", 2026, tables=tables, narrative=build_narrative(blocks)
    )


def errors(d: Disclosure) -> list[tuple[str, str]]:
    a = analyse(d)
    assert a is not None
    return sorted((i.rule, i.message) for i in a.issues if i.severity == "error")


def corpus_errors(name: str, rule: str) -> list[str]:
    """The messages of one rule's error findings on a corpus document."""
    import govbudget

    path: Path = CORPUS / name
    skip_without_shared(path)
    report = govbudget.check(govbudget.load(path))
    return [f.message for f in report.findings
            if f.rule == rule and f.severity.value == "error"]


EXPENDITURE = (
    TableBuilder(TableKind.EXPENDITURE)
    .line("total", "合计", total="13649.07", basic="7666.68", project="5982.39")
    .build()
)


def test_a_change_stated_verb_first_is_a_change_not_an_amount() -> None:
    # W120 p.23: “…收、支预算总计各增加844.15万元…主要原因是…，增加基本支出844.15万元。”
    text = "主要原因是政策性增资等原因，增加基本支出844.15万元，减少项目支出20万元。"
    cs = extract_claims(text)
    assert [(c.kind, c.label, c.direction) for c in cs] == [
        (ClaimKind.CHANGE, "基本支出", 1),
        (ClaimKind.CHANGE, "项目支出", -1),
    ]
    assert errors(disclosure(text, EXPENDITURE)) == []
    # the level stated after its item is still an amount N-3 compares
    assert [r for r, _ in errors(disclosure("基本支出7666.86万元。", EXPENDITURE))] == ["N-3"]
    # 增加至 gives the new level, not a change
    (c,) = extract_claims("基本支出增加至7666.68万元。")
    assert c.kind is ClaimKind.AMOUNT


def test_w120_change_sentence_is_no_n3() -> None:
    assert not [m for m in corpus_errors("W120.pdf", "N-3") if "844.15" in m]


BASIC = (
    TableBuilder(TableKind.BASIC_EXPENDITURE)
    .line("total", "合计", total="400.00", personnel="320.00", public="80.00")
    .row("301", "工资福利支出", total="300.00", personnel="300.00")
    .row("302", "商品和服务支出", total="60.00", public="60.00")
    .row("303", "对个人和家庭的补助", total="40.00", personnel="20.00", public="20.00")
    .build()
)


def issues(d: Disclosure) -> list[tuple[str, str, str]]:
    a = analyse(d)
    assert a is not None
    return sorted((i.rule, i.severity, i.message) for i in a.issues if i.severity != "info")


def test_其中_personnel_under_an_economic_class_is_that_class_s_share() -> None:
    # W095 p.18: “对个人和家庭的补助（303）100151.38万元,其中：人员经费138.06万元”
    text = "对个人和家庭的补助（303）40万元，其中：人员经费20万元，公用经费20万元。"
    assert errors(disclosure(text, BASIC)) == []
    (wrong,) = errors(disclosure(text.replace("人员经费20万元", "人员经费21万元"), BASIC))
    assert wrong[0] == "N-4" and "303 对个人和家庭的补助 / 人员经费" in wrong[1]
    # a class the table does not print (the 政府预算经济分类 502): unverified, never an error
    other = "机关商品和服务支出（502）60万元，其中：公用经费45万元。"
    assert errors(disclosure(other, BASIC)) == []
    assert ("N-13", "warning", "未能核对的金额 公用经费45万元：表中没有该数（公用经费（502））") in \
        issues(disclosure(other, BASIC))
    # the table's own 人员经费 is still compared with the 合计
    assert [r for r, _, _ in issues(disclosure("人员经费321万元。", BASIC))] == ["N-4"]


def test_w095_class_shares_are_no_n4() -> None:
    assert corpus_errors("W095.pdf", "N-4") == []


def table(kind: TableKind, title: str, columns: str, rows: str) -> BudgetTable:
    """A table written one row a line: ``<line key or code> 名称 amounts…`` under ``columns``
    (``income`` puts a line on the income side); a key that is all digits is a code."""
    b = TableBuilder(kind, title=title)
    keys = columns.split()
    for row in rows.strip().splitlines():
        key, name, *values = row.split()
        cells = dict(zip(keys, values, strict=True))
        if key.isdigit():
            b = b.row(key, name, **cells)
        else:
            b = b.line(key, name, side="income" if "income" in cells else None, **cells)
    return b.build()


SUMMARY = table(TableKind.SUMMARY, "表1：部门收支预算总表", "income", """
fiscal 一、财政拨款 100.00
general_budget 一般公共预算 100.00
subtotal 本年收入合计 120.00
carryover 二、上年结转结余 5.00
total 收入总计 125.00
""")
FISCAL = table(TableKind.FISCAL_SUMMARY, "表4：部门财政拨款收支预算总表", "income", """
general_budget 一般公共预算 100.00
carryover 二、上年结转结余 5.00
total 收入总计 105.00
""")


def test_财政拨款收支总预算_is_the_fiscal_summary_s_grand_total() -> None:
    # W064 p.7: “（四）财政拨款收支预算情况的总体说明（详见表4）2026年财政拨款收支总预算
    # 377,819.25万元” = 表4 收入总计 (上年结转 included), not 表1 一、财政拨款 373,795.79
    title = "（四）财政拨款收支预算情况的总体说明（详见表4）"
    good = "2026年财政拨款收支总预算105万元。其中：财政拨款收入100万元。"
    assert errors(disclosure(good, SUMMARY, FISCAL, title=title)) == []
    (bad,) = errors(disclosure(good.replace("105万元", "100万元"), SUMMARY, FISCAL, title=title))
    assert "表4：部门财政拨款收支预算总表 / 收入总计" in bad[1]
    # a grand total whose sentence cites table 4 is that table's, not 表1's 收入总计 125
    cited = "收入预算总计105万元（详见表4）。"
    assert errors(disclosure(cited, SUMMARY, FISCAL)) == []
    assert [r for r, _ in errors(disclosure("收入预算总计105万元。", SUMMARY, FISCAL))] == ["N-1"]
    # no table cited: 表1's 财政拨款 + 上年结转, a derived figure (a warning, not an error)
    assert errors(disclosure(good, SUMMARY)) == []
    a = analyse(disclosure(good.replace("105万元", "104万元"), SUMMARY))
    assert a is not None
    assert [(i.rule, i.severity) for i in a.issues if "104" in i.message] == [("N-R2", "warning")]
    # W116 p.7: the text agrees with 表1 and cites nothing; the 财政拨款收支总表 that disagrees
    # with both is X-1's defect, not the sentence's
    odd = attrs.evolve(FISCAL, rows=tuple(
        attrs.evolve(r, cells={"income": Cell.amount("42.00")}) if r.line == "total" else r
        for r in FISCAL.rows))
    assert errors(disclosure(good, SUMMARY, odd)) == []


def test_w064_fiscal_grand_total_is_no_n_r2() -> None:
    assert corpus_errors("W064.pdf", "N-R2") == []


BY_UNIT = table(TableKind.EXPENDITURE, "表3 支出总表", "total basic project", """
total 某局 300.00 100.00 200.00
unit 某局（本级） 250.00 80.00 170.00
208 社会保障和就业支出 250.00 80.00 170.00
unit 某市考试院 50.00 20.00 30.00
208 社会保障和就业支出 50.00 20.00 30.00
""")
UNIT_SECTIONS = (
    "一、部门支出总体情况\n支出合计300万元，其中：基本支出100万元、项目支出200万元。\n"
    "二、某局本级\n某局（本级）预算250万元，包括基本支出80万元、项目支出170万元。\n"
    "（一）项目支出170万元，具体包括：\n"
    "1.考务管理100万元，主要包括：考场租赁60万元；上年结转项目资金40万元。\n"
    "三、某市考试院\n某市考试院预算50万元，包括基本支出20万元、项目支出30万元。\n"
    "四、某市职业技能鉴定中心\n项目支出12万元。"
)


def test_a_unit_s_section_is_compared_with_that_unit_s_row() -> None:
    # W034 pp.10–35: a section per 所属单位, each 项目支出 that unit's row of 表3
    d = disclosure(UNIT_SECTIONS, BY_UNIT, title="")
    assert errors(d) == []
    a = analyse(d)
    assert a is not None
    bound = {(c.value, b.quantity.where) for c, s, b in a.amounts
             if s == "bound" and b is not None and b.quantity is not None}
    assert (Decimal("170"), "表3 支出总表 / 某局（本级） / 项目支出") in bound
    assert (Decimal("30"), "表3 支出总表 / 某市考试院 / 项目支出") in bound
    assert (Decimal("200"), "表3 支出总表 / 合计 / 项目支出") in bound
    unverified = {i.actual for i in a.issues if i.rule == "N-13"}
    # a unit no table prints, and a project list's 上年结转: unverified, never an error
    assert {"项目支出12万元", "上年结转项目资金40万元"} <= unverified
    # a unit's figure that disagrees with its own row is an error
    wrong = UNIT_SECTIONS.replace("项目支出30万元", "项目支出31万元")
    (bad,) = errors(disclosure(wrong, BY_UNIT, title=""))
    assert bad[0] == "N-3" and "某市考试院 / 项目支出" in bad[1]


def test_w034_unit_sections_have_no_errors() -> None:
    assert corpus_errors("W034.pdf", "N-3") == []
    assert corpus_errors("W034.pdf", "N-R2") == []
