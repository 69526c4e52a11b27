"""Sections of the narrative: headings by shape, kinds by keywords, nothing dropped."""

from __future__ import annotations

from govbudget.narrative.sections import build_narrative, classify_title, heading_level
from govbudget.readers.raw import RawBlock
from govbudget.tables.narrative import SectionKind


def blocks(*lines: str) -> list[RawBlock]:
    return [RawBlock(t, line=i) for i, t in enumerate(lines, 1)]


def test_heading_levels() -> None:
    assert heading_level("第三部分 2026年度部门预算情况说明") == 0
    assert heading_level("一、部门职责及机构设置情况") == 1
    assert heading_level("（二）支出预算") == 2
    assert heading_level("1、2023年部门预算收入情况") == 3
    assert heading_level("（1）一般公共服务支出") == 4
    # sentences, amounts and decimals are not headings
    assert heading_level("（1）贯彻执行人力资源和社会保障法规、规章。") is None
    assert heading_level("1．本年收入合计 154,121.76 万元") is None
    assert heading_level("2.5倍") is None


def test_kinds_by_keywords_not_template() -> None:
    assert (
        classify_title("九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明")
        is SectionKind.THREE_PUBLIC
    )
    assert (
        classify_title("十二、一般公共预算机关运行经费支出预算情况说明")
        is SectionKind.RUNNING_COSTS
    )
    assert classify_title("（四）国有资产占用情况") is SectionKind.ASSETS
    assert classify_title("第四部分 名词解释") is SectionKind.GLOSSARY
    assert classify_title("二、收支预算总体情况") is SectionKind.OVERVIEW
    assert classify_title("（一）收入预算") is SectionKind.REVENUE
    assert classify_title("（五）重点工作") is None


def test_unknown_sections_inherit_or_are_other_and_no_text_is_dropped() -> None:
    n = build_narrative(
        blocks(
            "现将2026年部门预算公开如下：",
            "一、政府采购预算情况",
            "采购预算10万元。",
            "（一）货物类",
            "货物5万元。",
            "二、重点工作安排",
            "做好各项工作。",
        )
    )
    kinds = [(s.kind, s.title) for s in n]
    assert kinds == [
        (SectionKind.OTHER, ""),
        (SectionKind.PROCUREMENT, "一、政府采购预算情况"),
        (SectionKind.PROCUREMENT, "（一）货物类"),  # inherits from its parent
        (SectionKind.OTHER, "二、重点工作安排"),
    ]
    assert (
        "".join(s.text for s in n)
        == "现将2026年部门预算公开如下：采购预算10万元。货物5万元。做好各项工作。"
    )
    assert n.sections[1].line == 2 and n.sections[1].location == "line 2"


def test_loader_heading_flag_is_not_trusted_for_sentences() -> None:
    n = build_narrative(
        [
            RawBlock("八、名词解释", line=1),
            RawBlock("1、一般公共预算拨款收入：指区级财政当年拨付的资金。", line=2, heading=True),
        ]
    )
    assert len(n) == 1 and n.sections[0].kind is SectionKind.GLOSSARY
    assert "当年拨付" in n.sections[0].text
