"""Build the narrative (情况说明) from text blocks: headings found by shape, kinds by keywords.

A heading is a short line that starts with a marker (``第X部分``, ``一、``, ``（一）``,
``1、``/``1.``, ``（1）``), or a block the loader marked as a heading; its section
kind comes from keywords in the title (三公, 机关运行, 政府采购 …), else from the
enclosing section. No text is dropped: text before the first heading is a section of
kind ``other``.

>>> from govbudget.readers.raw import RawBlock
>>> n = build_narrative([RawBlock("四、“三公”经费预算情况", line=9),
...                      RawBlock("三公经费6万元。", line=10)])
>>> [(s.kind.value, s.title, s.text, s.line) for s in n]
[('three_public', '四、“三公”经费预算情况', '三公经费6万元。', 9)]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from govbudget.narrative._text import fold
from govbudget.readers.raw import RawBlock
from govbudget.tables.narrative import Narrative, Section, SectionKind

__all__ = ["build_narrative", "classify_title", "heading_level", "strip_marker"]

_CN = "一二三四五六七八九十"
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"^第[{_CN}\d]+部分")),
    (1, re.compile(rf"^[{_CN}]+[、.]")),
    (2, re.compile(rf"^[（(][{_CN}]+[）)]")),
    (3, re.compile(r"^\d{1,2}(?:[、]|\.(?!\d))")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
)
_AMOUNT = re.compile(r"\d\s*(?:万元|亿元|元)")
_MAX_HEADING = 48
_CLASS_TITLE = re.compile(r"[（(](?:\d{3})?类[）)]\s*$")
_TOC = re.compile(r"(?:\.{3,}|…{2,}|·{3,})\s*\d*$")  # a table-of-contents line

#: keyword patterns → kind, most specific first (matched on the title without marker)
_KINDS: tuple[tuple[SectionKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (SectionKind.GLOSSARY, r"名词解释|名词说明|专业名词|术语"),
        (SectionKind.THREE_PUBLIC, r"三公"),
        (SectionKind.RUNNING_COSTS, r"机关运行"),
        (SectionKind.PROCUREMENT, r"政府采购"),
        (SectionKind.ASSETS, r"国有资产|固定资产|资产占用"),
        (SectionKind.PERFORMANCE, r"绩效"),
        (SectionKind.DUTIES, r"职责|职能|主要任务"),
        (
            SectionKind.ORGANISATION,
            r"机构设置|机构情况|单位构成|部门构成|预算单位构成|组织架构|基本情况",
        ),
        (SectionKind.GOVERNMENT_FUND, r"政府性?基金"),
        (SectionKind.STATE_CAPITAL, r"国有资本经营"),
        (SectionKind.BASIC, r"基本支出"),
        (SectionKind.GENERAL_BUDGET, r"一般公共预算|财政拨款支出"),
        (SectionKind.OVERVIEW, r"收支|总体情况|总体安排|预算安排|财政拨款"),
        (SectionKind.REVENUE, r"收入"),
        (SectionKind.EXPENDITURE, r"支出"),
        (SectionKind.OTHER, r"其他|其它|需要说明"),
    )
)


def heading_level(text: str) -> int | None:
    """The level of a heading line (0 for 第X部分 … 4 for （1）), ``None`` if it is not one."""
    t = text.strip()
    if not t or len(t) > _MAX_HEADING:
        return None
    t = fold(t)
    if len(t) > _MAX_HEADING or t[-1] in "。；;，,：:" or "。" in t[:-1]:
        return None
    if _AMOUNT.search(t) or _TOC.search(t):
        return None
    for level, pattern in _MARKERS:
        if pattern.match(t):
            return level
    return None


@functools.lru_cache(maxsize=1024)
def strip_marker(title: str) -> str:
    """A heading without its numbering (``（二）公务接待费`` → ``公务接待费``)."""
    t = fold(title).strip()
    for _, pattern in _MARKERS:
        t = pattern.sub("", t, count=1)
    return t.strip()


def classify_title(title: str) -> SectionKind | None:
    """The section kind a heading names by its keywords, or ``None`` when it names none."""
    t = strip_marker(title)
    if _CLASS_TITLE.search(t):  # 教育支出（类）: a line of the enclosing section's account
        return None
    for kind, pattern in _KINDS:
        if pattern.search(t):
            return kind
    return None


def build_narrative(blocks: Iterable[RawBlock]) -> Narrative:
    """The narrative read from text blocks in reading order (headings and paragraphs)."""
    sections: list[Section] = []
    stack: list[tuple[int, SectionKind]] = []  # enclosing headings: (level, kind)
    part: str | None = None
    title = ""
    kind = SectionKind.OTHER
    level = 0
    first: RawBlock | None = None
    body: list[str] = []

    def close() -> None:
        if first is None and not body and not title:
            return
        page = first.page if first is not None else None
        line = first.line if first is not None else None
        sections.append(Section(kind, title, "\n".join(body), page, line, level, part))

    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        lvl = heading_level(text)
        if (
            lvl is None
            and block.heading
            and len(text) <= _MAX_HEADING
            and not _AMOUNT.search(text)
            and text[-1] not in "。；;：:，,"
            and "。" not in text
            and not _TOC.search(text)
        ):
            lvl = 1
        if lvl is None:
            if first is None:
                first = block
            body.append(text)
            continue
        close()
        while stack and stack[-1][0] >= lvl:
            stack.pop()
        named = classify_title(text)
        inherited = stack[-1][1] if stack else SectionKind.OTHER
        kind = named if named is not None else inherited
        if lvl == 0:
            part = text
        stack.append((lvl, kind))
        title, level, first, body = text, lvl, block, []
    close()
    return Narrative(tuple(sections))
