"""Performance targets (绩效目标) and their indicators (绩效指标): the typed model.

>>> from govbudget.tables.performance import PerformanceIndicator, parse_basis, split_goals
>>> i = PerformanceIndicator.read("产出指标", "成本指标", "各项经费成本", value="≤24.5万元")
>>> str(i.value), i.is_cost
('≤24.5万元', True)
>>> sorted(parse_basis("历史行业标准")), split_goals("1.做好A。\\n2.做好B。")
(['历史标准', '行业标准'], ('做好A。', '做好B。'))
"""

from __future__ import annotations

import enum
import re
import unicodedata
from decimal import Decimal

import attrs

from govbudget.indicators import IndicatorValue, parse_value, regimes
from govbudget.indicators.regimes import Regime
from govbudget.money import Unit

__all__ = [
    "BASIS_LABELS",
    "PerformanceIndicator",
    "PerformanceTarget",
    "TargetScope",
    "document_number",
    "is_blend",
    "parse_basis",
    "split_goals",
]

#: the known 指标值确定依据 labels (docs/domain.md §8.4 R-7; beyond 计划标准 [UNVERIFIED])
BASIS_LABELS = frozenset(
    {
        "计划标准",
        "行业标准",
        "历史标准",
        "其他标准",
        "问卷调查",
        "抽样调查",
        "预算标准",
        "上级文件",
    }
)
SURVEY_BASES = frozenset({"问卷调查", "抽样调查"})
_BASIS_ALIASES = {
    "计划": "计划标准",
    "行业": "行业标准",
    "历史": "历史标准",
    "其他": "其他标准",
    "问卷": "问卷调查",
    "调查问卷": "问卷调查",
    "满意度调查": "问卷调查",
    "满意度问卷调查": "问卷调查",
    "抽样": "抽样调查",
    "预算": "预算标准",
    "上级文件要求": "上级文件",
    "文件要求": "上级文件",
}
_BASIS_SPLIT = re.compile(r"[、,，/;；\s和及与]+")
_BLEND = re.compile(r"(计划|行业|历史|其他|预算)(?=(计划|行业|历史|其他|预算)+标准$)")


def parse_basis(raw: str | None) -> frozenset[str]:
    """The basis labels of a 指标值确定依据 cell; a blend (历史行业标准) gives both labels.

    Unknown labels are kept as printed (without spaces).
    """
    if not raw:
        return frozenset()
    text = unicodedata.normalize("NFKC", raw)
    labels: set[str] = set()
    for part in _BASIS_SPLIT.split(text):
        if not part:
            continue
        if part in BASIS_LABELS:
            labels.add(part)
        elif part in _BASIS_ALIASES:
            labels.add(_BASIS_ALIASES[part])
        elif part.endswith("标准") and _BLEND.match(part):
            stems = re.findall(r"计划|行业|历史|其他|预算", part[:-2])
            labels.update(f"{s}标准" for s in stems)
        else:
            labels.add(part)
    return frozenset(labels)


def is_blend(raw: str | None) -> bool:
    """True for a basis that runs two labels together (``历史行业标准``)."""
    if not raw:
        return False
    text = unicodedata.normalize("NFKC", raw)
    return any(p.endswith("标准") and _BLEND.match(p) for p in _BASIS_SPLIT.split(text) if p)


_NUMBERING = re.compile(
    r"^\s*(?:\d{1,2}\s*[.、．)）](?!\d)|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+、)\s*"
)
_INLINE = re.compile(r"(?<=[。；;！!\s])\s*(?=(?:\d{1,2}[、．.)](?!\d)|[（(]\d{1,2}[)）]))")


def split_goals(text: str | None) -> tuple[str, ...]:
    """The goal lines of a 绩效目标 cell, numbering (``1.`` ``2、`` ``（3）``) removed.

    A line that does not start a new number continues the previous one (a wrapped cell).
    """
    if not text or not text.strip():
        return ()
    items: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for piece in _INLINE.split(line):
            piece = piece.strip()
            if not piece:
                continue
            if _NUMBERING.match(piece) or not items:
                items.append(piece)
            else:
                items[-1] += piece
    return tuple(_NUMBERING.sub("", s, count=1).strip() for s in items if s)


_DOC_NO = re.compile(
    r"[\u4e00-\u9fff]{1,10}[\[〔【(（]\s*(?:19|20)\d\d\s*[\]〕】)）]\s*\d{1,4}\s*号"
)


_LEAD = re.compile(r"^(?:根据|依据|依照|按照|按|据|经|对|与|和)")


def document_number(text: str | None) -> str | None:
    """The 文号 in a project name (``保财社[2022]43号``), or ``None``."""
    if not text:
        return None
    m = _DOC_NO.search(unicodedata.normalize("NFKC", text))
    return _LEAD.sub("", re.sub(r"\s+", "", m.group(0))) if m else None


@attrs.frozen(slots=True)
class PerformanceIndicator:
    """One row of a 绩效指标 tree (绩效指标): 一级, 二级, 三级 names, description, value, basis.

    ``level1`` and ``level2`` are as printed after forward-filling blank cells; the
    canonical labels are ``level1_key`` and ``level2_key``. ``basis_raw`` is ``None``
    when the table has no 指标值确定依据 column. ``extra`` keeps the cells of any other
    column (分值, 权重, 备注 …) as (header, text). ``row`` is the 0-based grid row.
    """

    level1: str
    level2: str
    name: str
    description: str = ""
    value_raw: str = ""
    value: IndicatorValue = attrs.field()
    basis_raw: str | None = None
    basis: frozenset[str] = attrs.field()
    extra: tuple[tuple[str, str], ...] = ()
    row: int | None = attrs.field(default=None, eq=False)

    @value.default
    def _value_default(self) -> IndicatorValue:
        return parse_value(self.value_raw, cost=_is_cost(self.level1, self.level2))

    @basis.default
    def _basis_default(self) -> frozenset[str]:
        return parse_basis(self.basis_raw)

    @classmethod
    def read(
        cls,
        level1: str,
        level2: str,
        name: str,
        *,
        description: str = "",
        value: str = "",
        basis: str | None = None,
        extra: tuple[tuple[str, str], ...] = (),
        row: int | None = None,
    ) -> PerformanceIndicator:
        """An indicator from cell texts; the value and the basis are parsed here."""
        return cls(
            level1,
            level2,
            name,
            description,
            value,
            parse_value(value, cost=_is_cost(level1, level2)),
            basis,
            parse_basis(basis),
            extra,
            row,
        )

    @property
    def level1_key(self) -> str | None:
        """The standard 一级 name (``产出指标``), or ``None`` for an unknown label."""
        return regimes.canonical_level1(self.level1)

    @property
    def level2_key(self) -> str | None:
        """The standard 二级 name, read under its 一级."""
        return regimes.canonical_level2(self.level2, self.level1)

    @property
    def is_cost(self) -> bool:
        """A cost indicator: 一级 成本指标 (regime B) or 二级 成本指标 under 产出 (regime A)."""
        return _is_cost(self.level1, self.level2)

    @property
    def is_satisfaction(self) -> bool:
        return self.level1_key == regimes.SATISFACTION

    def __str__(self) -> str:
        return f"{self.level1}/{self.level2}/{self.name} {self.value_raw}"


def _is_cost(level1: str, level2: str) -> bool:
    return regimes.canonical_level1(level1) == regimes.COST or (
        regimes.canonical_level2(level2, level1) == regimes.OUTPUT_COST
    )


class TargetScope(enum.Enum):
    """Whose target it is (目标层级): a project, a special fund (专项资金), the department."""

    PROJECT = "project"
    SPECIAL_FUND = "special_fund"
    DEPARTMENT = "department"


@attrs.frozen(slots=True)
class PerformanceTarget:
    """The performance target of a project or of a department (项目/部门整体绩效目标).

    ``amount`` is the budget printed with the target (资金总额, 年度预算资金) in
    ``amount_unit``; ``funds`` keeps every amount line read (资金总额, 财政拨款, 其他资金 …).
    ``goal_text`` is the 绩效目标 cell as read and ``goals`` its lines. A department's
    target may be prose only (no indicators). ``expenditure_codes`` are the functional
    codes of the project's expenditure rows, filled in by whoever links it.
    ``details`` keeps every other labelled cell read (主管部门, 实施单位 …).
    """

    name: str
    indicators: tuple[PerformanceIndicator, ...] = ()
    goals: tuple[str, ...] = ()
    goal_text: str = ""
    scope: TargetScope = TargetScope.PROJECT
    document: str | None = None
    amount: Decimal | None = None
    amount_unit: Unit = Unit.WAN
    funds: tuple[tuple[str, Decimal], ...] = ()
    expenditure_codes: tuple[str, ...] = ()
    department: str | None = None
    implementing_unit: str | None = None
    unit_code: str | None = None
    title: str | None = None
    details: tuple[tuple[str, str], ...] = ()
    page: int | None = attrs.field(default=None, eq=False)
    line: int | None = attrs.field(default=None, eq=False)

    @classmethod
    def prose(
        cls,
        name: str,
        text: str,
        *,
        scope: TargetScope = TargetScope.DEPARTMENT,
        line: int | None = None,
        page: int | None = None,
    ) -> PerformanceTarget:
        """A target given as prose only (the seed's 部门整体绩效目标)."""
        return cls(
            name=name, goals=split_goals(text), goal_text=text, scope=scope, line=line, page=page
        )

    @property
    def regime(self) -> Regime:
        """The regime in force, detected from the 一级 labels."""
        return regimes.detect(i.level1 for i in self.indicators)

    def amount_in(self, unit: Unit) -> Decimal | None:
        """The printed amount converted exactly to ``unit``."""
        return None if self.amount is None else self.amount_unit.convert(self.amount, unit)

    def level1_labels(self) -> tuple[str, ...]:
        """The 一级 labels in order of first appearance."""
        return tuple(dict.fromkeys(i.level1 for i in self.indicators if i.level1))

    def where(self, indicator: PerformanceIndicator | None = None) -> str:
        """How findings name a place in this target: ``<name> / 产出指标/数量指标/…``."""
        if indicator is None:
            return self.name
        return f"{self.name} / {indicator.level1}/{indicator.level2}/{indicator.name}"
