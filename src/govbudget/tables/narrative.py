"""The narrative of a disclosure (情况说明): its sections in reading order, and its claims.

>>> from decimal import Decimal
>>> from govbudget.tables.narrative import Claim, ClaimKind, Narrative, Section, SectionKind
>>> n = Narrative((Section(SectionKind.THREE_PUBLIC, "三公经费", "三公经费0.3万元。", line=12),))
>>> n.of(SectionKind.THREE_PUBLIC)[0].location
'line 12'
>>> Claim(ClaimKind.AMOUNT, "三公经费", "三公经费0.3万元。", (0, 9), Decimal("0.3"),
...       measure="万元").places
1
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from govbudget.money import Unit, places_of

__all__ = ["Claim", "ClaimKind", "Narrative", "Section", "SectionKind"]


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


class ClaimKind(enum.Enum):
    """The shape of a claim (陈述类型)."""

    AMOUNT = "amount"  # 金额: 人员经费343.23万元
    COUNT = "count"  # 数量: 车辆6辆
    CHANGE = "change"  # 增减额: 比上年增加111.42万元 / 持平
    PERCENT_CHANGE = "percent_change"  # 增减幅度: 增长1.34%
    SHARE = "share"  # 占比: 占99%
    COMPLETION = "completion"  # 完成率: 完成年初预算的98%
    ENUMERATION = "enumeration"  # 列举: A，其中：B、C、D
    PROJECTS = "projects"  # 项目列举: 项目支出…包括X、Y


@attrs.frozen(slots=True)
class Claim:
    """One claim of the narrative (情况说明陈述) with its evidence.

    ``value`` is the number as written (amount in ``unit``, percent, count, or an
    enumeration's total); ``span`` is (start, end) in the section text; ``label``
    names what the claim is about. Changes carry ``direction`` (+1, −1, 0 for 持平),
    ``compared`` (``上年`` or ``2024年``) and ``year``; a change or share points to
    the amount it is about in ``subject`` (when the sentence gives it); an amount that
    restates another in brackets (``58万元（本级支出58万元）``) points to it. Enumerations
    list their ``parts``; project lists their ``names``. An amount the text gives for
    an earlier year (``2025年执行数``, ``由2025年177万元``) is ``prior``, with its
    ``year`` when written.
    """

    kind: ClaimKind
    label: str
    sentence: str
    span: tuple[int, int]
    value: Decimal | None = None
    unit: Unit | None = None
    measure: str | None = None  # '万元', '%', '辆' …
    direction: int | None = None
    compared: str | None = None
    year: int | None = None
    code: str | None = None
    code_names: tuple[str, ...] = ()
    subject: Claim | None = None
    parts: tuple[Claim, ...] = ()
    complete: bool = True
    names: tuple[str, ...] = ()
    section: SectionKind | None = None
    title: str = ""
    page: int | None = None
    line: int | None = None
    prior: bool = False

    @property
    def places(self) -> int:
        """Decimal places written (``58`` → 0, ``0.30`` → 2)."""
        return places_of(self.value) if self.value is not None else 0

    @property
    def location(self) -> str:
        if self.page is not None:
            return f"page {self.page}"
        return f"line {self.line}" if self.line is not None else ""

    @property
    def text(self) -> str:
        """The words of the claim itself (label and number)."""
        return f"{self.label}{self.value if self.value is not None else ''}{self.measure or ''}"
