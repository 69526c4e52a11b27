"""The kinds of 指标值 and their canonical form: ``IndicatorValue``, ``Comparator``, ``DatePoint``.

``str(value)`` is the canonical text, which the grammar reads back to an equal value.

>>> from govbudget.indicators.types import Comparator, IndicatorValue, ValueKind
>>> from decimal import Decimal
>>> v = IndicatorValue(ValueKind.QUANTITATIVE, Comparator.GE, Decimal("95"), unit="%", raw="≥95百分比")
>>> str(v), v.unit_raw, v.comparator.holds(Decimal("96"), v.number)
('≥95%', '百分比', True)
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal

import attrs

from govbudget.indicators.lexicon import normalise

__all__ = ["Comparator", "DatePoint", "IndicatorValue", "ValueKind"]

_TAIL_UNIT = re.compile(r"[^\d.,]+$")


class Comparator(enum.Enum):
    """The comparison of a target value (比较符): ≥ ≤ > < = ≈."""

    GE = "≥"
    LE = "≤"
    GT = ">"
    LT = "<"
    EQ = "="
    APPROX = "≈"

    @property
    def symbol(self) -> str:
        return self.value

    def holds(self, actual: Decimal, target: Decimal) -> bool:
        """Whether ``actual`` meets ``target`` under this comparison (≈ allows 5 %)."""
        if self is Comparator.GE:
            return actual >= target
        if self is Comparator.LE:
            return actual <= target
        if self is Comparator.GT:
            return actual > target
        if self is Comparator.LT:
            return actual < target
        if self is Comparator.EQ:
            return actual == target
        return abs(actual - target) <= abs(target) * Decimal("0.05")


class ValueKind(enum.Enum):
    """What a target value is (指标值类型)."""

    QUANTITATIVE = "quantitative"  # 定量: ≥95%
    RANGE = "range"  # 区间: 80-90%
    DATE = "date"  # 日期/期间: 2023.07-2024.01, 2025年12月底前
    RELATIVE = "relative"  # 与上年比较: ≤上年, 较上年提高
    QUALITATIVE = "qualitative"  # 定性: 优良, 逐步提高
    UNPARSED = "unparsed"  # 未能解析, kept as printed


@attrs.frozen(slots=True)
class DatePoint:
    """A calendar point of a time target (日期): year, month and day, each optional."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        y, m, d = self.year, self.month, self.day
        if y is not None and m is not None:
            return f"{y}.{m:02d}" + (f".{d:02d}" if d is not None else "")
        if y is not None:
            return f"{y}年"
        if m is not None:
            return f"{m}月" + (f"{d}日" if d is not None else "")
        return ""

    def key(self, *, end: bool) -> tuple[int, int, int]:
        """A sortable key; missing parts count as the start (or end) of the period."""
        return (self.year or 0, self.month or (12 if end else 1), self.day or (31 if end else 1))


@attrs.frozen(slots=True)
class IndicatorValue:
    """A parsed 指标值: comparator, exact number, normalised unit, range, date, relation or grade.

    Only the fields of its ``kind`` are set. ``raw`` is the text as printed and is not
    part of equality: ``≥95百分比`` and ``≥95%`` are the same value.
    """

    kind: ValueKind
    op: Comparator | None = None
    number: Decimal | None = None
    number_hi: Decimal | None = None
    unit: str | None = None
    word: str | None = None  # qualitative word, relative direction, or the unparsed text
    reference: str | None = None  # relative: 上年 / 上年同期
    start: DatePoint | None = None
    end: DatePoint | None = None
    raw: str = attrs.field(default="", eq=False)

    @property
    def comparator(self) -> Comparator:
        """The comparison in force: a value printed without one means ``=``."""
        return self.op or Comparator.EQ

    @property
    def unit_raw(self) -> str | None:
        """The unit as printed (``百分比``), when it differs from the normalised one."""
        m = _TAIL_UNIT.search(normalise(self.raw)) if self.raw else None
        return m.group(0) if m and m.group(0) != self.unit else None

    @property
    def is_parsed(self) -> bool:
        return self.kind is not ValueKind.UNPARSED

    @property
    def is_measurable(self) -> bool:
        """True for a number, range, date or relation; False for grades and unparsed text."""
        return self.kind not in (ValueKind.QUALITATIVE, ValueKind.UNPARSED)

    def __str__(self) -> str:
        op = self.op.symbol if self.op else ""
        k = self.kind
        if k is ValueKind.QUANTITATIVE:
            return f"{op}{_num(self.number)}{self.unit or ''}"
        if k is ValueKind.RANGE:
            return f"{_num(self.number)}-{_num(self.number_hi)}{self.unit or ''}"
        if k is ValueKind.DATE:
            if self.end is not None:
                return f"{op}{self.start}-{self.end}"
            return f"{op}{self.start}"
        if k is ValueKind.RELATIVE:
            if self.word is None:
                return f"{op}{self.reference}"
            tail = f"{_num(self.number)}{self.unit or ''}" if self.number is not None else ""
            return f"较{self.reference}{self.word}{tail}"
        if k is ValueKind.QUALITATIVE:
            return f"{op}{self.word}"
        return self.word or ""


def _num(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


_NEW = object.__new__
#: the bound ``__set__`` of each slot, in field order
_SETTERS = tuple(IndicatorValue.__dict__[a.name].__set__ for a in attrs.fields(IndicatorValue))


def quick_value(
    kind: ValueKind,
    op: Comparator | None = None,
    number: Decimal | None = None,
    unit: str | None = None,
    raw: str = "",
    *,
    number_hi: Decimal | None = None,
    word: str | None = None,
    reference: str | None = None,
    start: DatePoint | None = None,
    end: DatePoint | None = None,
) -> IndicatorValue:
    """An ``IndicatorValue`` built without attrs' ``__init__``.

    The grammar builds thousands of values; setting the slots through their descriptors
    is three times quicker. Equal to the attrs-built value (tested); valid because
    ``IndicatorValue`` has no validators, converters or factories.
    """
    v = _NEW(IndicatorValue)
    (
        set_kind,
        set_op,
        set_number,
        set_hi,
        set_unit,
        set_word,
        set_ref,
        set_start,
        set_end,
        set_raw,
    ) = _SETTERS
    set_kind(v, kind)
    set_op(v, op)
    set_number(v, number)
    set_hi(v, number_hi)
    set_unit(v, unit)
    set_word(v, word)
    set_ref(v, reference)
    set_start(v, start)
    set_end(v, end)
    set_raw(v, raw)
    return v
