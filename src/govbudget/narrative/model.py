"""The narrative of a disclosure (情况说明): its sections, in reading order.

>>> from govbudget.narrative.model import Narrative, Section, SectionKind
>>> n = Narrative((Section(SectionKind.THREE_PUBLIC, "三公经费", "三公经费0.3万元。", line=12),))
>>> n.of(SectionKind.THREE_PUBLIC)[0].location
'line 12'
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

__all__ = ["Narrative", "Section", "SectionKind"]


class SectionKind(enum.Enum):
    """What a section of the narrative is about (情况说明的部分)."""

    DUTIES = "duties"  # 主要职责
    ORGANISATION = "organisation"  # 机构设置
    OVERVIEW = "overview"  # 预算安排总体情况 / 收支总体情况
    REVENUE = "revenue"  # 收入预算
    EXPENDITURE = "expenditure"  # 支出预算
    GENERAL_BUDGET = "general_budget"  # 一般公共预算当年拨款
    GOVERNMENT_FUND = "government_fund"  # 政府性基金
    STATE_CAPITAL = "state_capital"  # 国有资本经营预算
    BASIC = "basic"  # 一般公共预算基本支出
    RUNNING_COSTS = "running_costs"  # 机关运行经费
    THREE_PUBLIC = "three_public"  # 三公经费
    PERFORMANCE = "performance"  # 绩效目标
    PROCUREMENT = "procurement"  # 政府采购
    ASSETS = "assets"  # 国有资产占用情况
    GLOSSARY = "glossary"  # 名词解释
    OTHER = "other"  # 其他


@attrs.frozen(slots=True)
class Section:
    """One section of the narrative (情况说明的一节): its kind, heading and text.

    ``text`` is the body without the heading, paragraphs joined by newlines.
    ``page`` / ``line`` give where the heading (or the first paragraph) was read;
    ``level`` is the heading's depth (1 for ``一、``, 2 for ``（一）`` …, 0 for text
    before any heading).
    """

    kind: SectionKind
    title: str
    text: str
    page: int | None = None
    line: int | None = None
    level: int = 1
    part: str | None = None  # the enclosing 第X部分 heading, if any

    @property
    def location(self) -> str:
        """Where the section starts, as ``'page 4'`` or ``'line 1543'`` ('' if unknown)."""
        if self.page is not None:
            return f"page {self.page}"
        if self.line is not None:
            return f"line {self.line}"
        return ""


@attrs.frozen(slots=True)
class Narrative:
    """The explanatory text of a disclosure (部门预算情况说明), as sections in order."""

    sections: tuple[Section, ...] = ()

    def __iter__(self) -> Iterator[Section]:
        return iter(self.sections)

    def __len__(self) -> int:
        return len(self.sections)

    def of(self, kind: SectionKind) -> tuple[Section, ...]:
        """The sections of one kind, in order."""
        return tuple(s for s in self.sections if s.kind is kind)

    @property
    def text(self) -> str:
        """All the text, headings included, in reading order."""
        return "\n".join(f"{s.title}\n{s.text}" if s.title else s.text for s in self.sections)
