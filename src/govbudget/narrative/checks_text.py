"""The words of the narrative: years (N-14, N-15), who speaks (N-12, N-16), classification
names (N-17) and text defects — truncation, doubled punctuation, placeholders, empty
sections (N-18).

>>> from govbudget.readers.raw import RawBlock
>>> from govbudget.narrative.checks_text import check_text_defects
>>> from govbudget.narrative.sections import build_narrative
>>> n = build_narrative([RawBlock("三、机关运行经费"), RawBlock("主要用于：。")])
>>> [i.rule for i in check_text_defects(n)]
['N-18']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govbudget.narrative.issues import Issue, around, issue
from govbudget.narrative.sections import strip_marker
from govbudget.tables.narrative import Claim, ClaimKind, Narrative, SectionKind

__all__ = ["check_names", "check_scope", "check_text_defects", "check_years"]

_BUDGET_YEAR = re.compile(r"(?<![比较与同])(\d{4})年度?(?:部门|单位)?(?:预算|收入预算|支出预算)")


def check_years(narrative: Narrative, claims: Sequence[Claim], year: int) -> list[Issue]:
    """Comparisons are with the year before; the years the text budgets for are the document's."""
    out: list[Issue] = []
    if year < 1990:  # the document's year is unknown: nothing to compare the years with
        return out
    for c in claims:
        if (
            c.kind in (ClaimKind.CHANGE, ClaimKind.PERCENT_CHANGE)
            and c.year is not None
            and c.year != year - 1
            and c.direction is not None
        ):
            out.append(
                issue(
                    "N-14",
                    "error",
                    f"{year} 年预算与 {c.year} 年比较（应与 {year - 1} 年比较）",
                    c,
                    expected=year - 1,
                    actual=c.year,
                )
            )
    seen: set[int] = set()
    for s in narrative:
        for m in _BUDGET_YEAR.finditer(f"{s.title}\n{s.text}"):
            y = int(m.group(1))
            if (
                y not in (year, year - 1)
                and y not in seen
                and 1990 < y < 2100
                and s.kind is not SectionKind.PERFORMANCE
            ):
                seen.add(y)
                out.append(
                    Issue(
                        "N-15",
                        "error",
                        f"{year} 年度的文件中说的是 {y} 年预算",
                        m.group(0),
                        str(year),
                        str(y),
                        s.page,
                        s.line,
                    )
                )
    return out


_DEPT_WORDS = re.compile(r"我部门|本部门|部门预算|部门收入|部门支出")
_UNIT_WORDS = re.compile(r"我单位|本单位")


def check_scope(narrative: Narrative, unit_scope: bool, units: int | None = None) -> list[Issue]:
    """A unit's narrative speaks as the unit (单位), a department's as the department (部门)."""
    out: list[Issue] = []
    words = _DEPT_WORDS if unit_scope else _UNIT_WORDS
    for s in narrative:
        if s.kind in (SectionKind.GLOSSARY, SectionKind.PERFORMANCE):
            continue
        m = words.search(f"{s.title}\n{s.text}")
        if m is not None:
            who = "单位预算" if unit_scope else "部门预算"
            out.append(
                Issue(
                    "N-16",
                    "warning" if unit_scope else "info",
                    f"{who}的情况说明写作“{m.group(0)}”",
                    around(s.title + "\n" + s.text, m.start()),
                    page=s.page,
                    line=s.line,
                )
            )
        if not unit_scope and units is not None and units <= 1 and "所属事业单位" in s.text:
            out.append(
                Issue(
                    "N-12",
                    "info",
                    "文中提到“所属事业单位”，但部门只有一个单位",
                    around(s.text, s.text.index("所属事业单位")),
                    page=s.page,
                    line=s.line,
                )
            )
    return out


#: 类 names that changed, with the year the new name starts (docs/domain.md §1.4)
_OLD_NAMES = {
    "文化体育与传媒支出": ("207", 2019),
    "医疗卫生与计划生育支出": ("210", 2019),
    "国土海洋气象等支出": ("220", 2019),
}


def check_names(narrative: Narrative, claims: Sequence[Claim], year: int) -> list[Issue]:
    """Classification names in the text: current for the year, and matching their code."""
    out: list[Issue] = []
    for s in narrative:
        for old, (code, since) in _OLD_NAMES.items():
            if year >= since and old in s.text:
                out.append(
                    Issue(
                        "N-17",
                        "info",
                        f"“{old}”是 {code} 在 {since} 年以前的名称",
                        around(s.text, s.text.index(old)),
                        page=s.page,
                        line=s.line,
                    )
                )
    try:
        from govbudget.codes.names import NameStatus, check_name
    except ImportError:  # the catalogue is optional here
        return out
    for c in claims:
        if c.code and c.code_names:
            try:
                result = check_name(c.code, c.code_names[-1], year=year)
            except (LookupError, ValueError):  # an unknown code is another rule's business
                continue
            if result.status in (NameStatus.MISMATCH, NameStatus.OUTDATED):
                severity = "warning" if result.status is NameStatus.MISMATCH else "info"
                out.append(
                    issue(
                        "N-17",
                        severity,
                        f"{c.code} 写作“{c.code_names[-1]}”，"
                        f"{'已过时' if result.status is NameStatus.OUTDATED else '与目录不符'}"
                        f"（当年目录名称“{result.current_name}”）",
                        c,
                    )
                )
    return out


_DEFECTS = (
    (
        re.compile(r"(?:主要原因|原因|主要用于|用于|具体情况如下)(?:是|为)?[:：]?[。；;]"),
        "残句（该写内容处句子就结束了）",
    ),
    (re.compile(r"([。，、；：,;])\1+"), "重复标点"),
)

#: text a template leaves to be filled in (XX局, ××万元, 待补充 …)
_PLACEHOLDER = re.compile(r"XX|××|xx|＊＊|\*\*|某某|待补充|待定|TBD")

#: sections whose content is prose (others are often only tables: 绩效, 采购, 资产 …)
_PROSE = (
    SectionKind.DUTIES,
    SectionKind.RUNNING_COSTS,
    SectionKind.THREE_PUBLIC,
    SectionKind.GLOSSARY,
    SectionKind.REVENUE,
    SectionKind.EXPENDITURE,
)
_TITLE_NOISE = re.compile(r"[\s“”\"'‘’]")


def _title_key(title: str) -> str:
    return _TITLE_NOISE.sub("", strip_marker(title))


def check_text_defects(narrative: Narrative) -> list[Issue]:
    """Truncated sentences, doubled punctuation, placeholders, empty sections.

    A heading printed again later is a table-of-contents entry (目录), not an empty section.
    """
    out: list[Issue] = []
    sections = narrative.sections
    later: dict[str, int] = {}
    for i, s in enumerate(sections):
        later[_title_key(s.title)] = i
    for i, s in enumerate(sections):
        text = s.text
        for pattern, what in _DEFECTS:
            for m in pattern.finditer(text):
                out.append(
                    Issue(
                        "N-18",
                        "warning",
                        f"{what}：“{m.group(0)}”",
                        around(text, m.start()),
                        page=s.page,
                        line=s.line,
                    )
                )
        marks = _PLACEHOLDER.findall(text)
        if marks:  # a template not filled in: one finding for the section, with the count
            out.append(
                Issue(
                    "N-18",
                    "warning",
                    f"模板占位符未替换：“{marks[0]}”等共 {len(marks)} 处",
                    around(text, text.index(marks[0])),
                    expected="实际内容",
                    actual=f"{len(marks)} 处占位符",
                    page=s.page,
                    line=s.line,
                )
            )
        nxt = sections[i + 1] if i + 1 < len(sections) else None
        has_children = nxt is not None and (
            nxt.level > s.level or (nxt.kind is s.kind and s.kind is not SectionKind.OTHER)
        )
        prose = s.kind in _PROSE or "其他需要说明" in s.title
        last = nxt is None and "其他需要说明" not in s.title  # a last heading introduces tables
        tables = s.title.rstrip().endswith(("表", "表格"))  # its content is a table
        listed = later.get(_title_key(s.title), i) > i  # a 目录 entry: the heading comes again
        if (
            s.title
            and not text.strip()
            and not has_children
            and prose
            and not last
            and not tables
            and not listed
        ):
            out.append(
                Issue(
                    "N-18",
                    "warning",
                    f"章节“{s.title}”没有内容",
                    s.title,
                    page=s.page,
                    line=s.line,
                )
            )
    return out
