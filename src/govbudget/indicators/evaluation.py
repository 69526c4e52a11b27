"""Comparing an actual value with its target (自评): ``evaluate``, ``Outcome``, ``Evaluation``.

>>> from govbudget.indicators import parse_value
>>> from govbudget.indicators.evaluation import evaluate
>>> evaluate(parse_value("≥95%"), parse_value("96.5%")).outcome
<Outcome.MET: 'met'>
>>> evaluate(parse_value("2025年12月底前"), parse_value("2025.11")).met
True
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from govbudget.indicators.lexicon import GRADES
from govbudget.indicators.types import Comparator, IndicatorValue, ValueKind

__all__ = ["Evaluation", "Outcome", "evaluate"]


class Outcome(enum.Enum):
    """Whether an actual value meets its target (评价结果)."""

    MET = "met"
    NOT_MET = "not met"
    NOT_COMPARABLE = "not comparable"


@attrs.frozen(slots=True)
class Evaluation:
    """The result of comparing an actual value with its target (自评结果), and why."""

    outcome: Outcome
    reason: str = ""

    @property
    def met(self) -> bool:
        return self.outcome is Outcome.MET


_MONEY_FACTOR = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
}


def _same_scale(target: IndicatorValue, actual: IndicatorValue) -> Decimal | None:
    """The actual number in the target's unit, or ``None`` when the units differ."""
    a = actual.number
    if a is None:
        return None
    if target.unit == actual.unit:
        return a
    if target.unit in _MONEY_FACTOR and actual.unit in _MONEY_FACTOR:
        return a * _MONEY_FACTOR[actual.unit] / _MONEY_FACTOR[target.unit]
    return None


def _verdict(ok: bool, target: IndicatorValue, actual: IndicatorValue) -> Evaluation:
    return Evaluation(Outcome.MET if ok else Outcome.NOT_MET, f"{actual} against {target}")


def evaluate(
    target: IndicatorValue, actual: IndicatorValue, *, last_year: IndicatorValue | None = None
) -> Evaluation:
    """Compare an actual value (实际完成值) with a target (年度指标值).

    >>> from govbudget.indicators import parse_value
    >>> evaluate(parse_value("≥95%"), parse_value("96.5%")).outcome
    <Outcome.MET: 'met'>
    >>> evaluate(parse_value("≤24.5万元"), parse_value("250000元")).outcome
    <Outcome.NOT_MET: 'not met'>
    >>> evaluate(parse_value("≥95%"), parse_value("好")).outcome
    <Outcome.NOT_COMPARABLE: 'not comparable'>
    """
    nc = Outcome.NOT_COMPARABLE
    if not target.is_parsed or not actual.is_parsed:
        return Evaluation(nc, "a value could not be parsed")
    if actual.op not in (None, Comparator.EQ, Comparator.APPROX) and actual.kind in (
        ValueKind.QUANTITATIVE,
        ValueKind.DATE,
    ):
        return Evaluation(nc, "an actual value has no comparator")
    tk = target.kind
    if tk in (ValueKind.QUANTITATIVE, ValueKind.RANGE):
        if actual.kind is not ValueKind.QUANTITATIVE:
            return Evaluation(nc, f"target is {tk.value}, actual is {actual.kind.value}")
        a = _same_scale(target, actual)
        if a is None:
            return Evaluation(nc, f"units differ: {target.unit} vs {actual.unit}")
        if tk is ValueKind.RANGE:
            assert target.number is not None and target.number_hi is not None
            return _verdict(target.number <= a <= target.number_hi, target, actual)
        assert target.number is not None
        return _verdict(target.comparator.holds(a, target.number), target, actual)
    if tk is ValueKind.DATE:
        if actual.kind is not ValueKind.DATE or actual.start is None or target.start is None:
            return Evaluation(nc, "actual is not a date")
        if target.end is not None:
            lo, hi = target.start.key(end=False), target.end.key(end=True)
            a_lo = actual.start.key(end=False)
            a_hi = (actual.end or actual.start).key(end=True)
            return _verdict(lo <= a_lo and a_hi <= hi, target, actual)
        op = target.comparator
        if op in (Comparator.LE, Comparator.LT):
            return _verdict(
                actual.start.key(end=True) <= target.start.key(end=True), target, actual
            )
        if op in (Comparator.GE, Comparator.GT):
            return _verdict(
                actual.start.key(end=False) >= target.start.key(end=False), target, actual
            )
        return _verdict(actual.start == target.start, target, actual)
    if tk is ValueKind.RELATIVE:
        if (
            last_year is None
            or last_year.kind is not ValueKind.QUANTITATIVE
            or actual.kind is not ValueKind.QUANTITATIVE
        ):
            return Evaluation(nc, "a relative target needs last year's value")
        a = _same_scale(last_year, actual)
        if a is None or last_year.number is None:
            return Evaluation(nc, "units differ from last year's")
        base = last_year.number
        if target.word is None:
            return _verdict(target.comparator.holds(a, base), target, actual)
        if target.word == "持平":
            return _verdict(a == base, target, actual)
        delta = Decimal(0)
        if target.number is not None:
            delta = base * target.number / 100 if target.unit == "%" else target.number
        if target.word == "提高":
            return _verdict(
                a > base if target.number is None else a >= base + delta, target, actual
            )
        return _verdict(a < base if target.number is None else a <= base - delta, target, actual)
    if tk is ValueKind.QUALITATIVE:
        if actual.kind is not ValueKind.QUALITATIVE:
            return Evaluation(nc, "actual is not a grade")
        if target.word in GRADES and actual.word in GRADES:
            assert target.word is not None and actual.word is not None
            return _verdict(GRADES[actual.word] >= GRADES[target.word], target, actual)
        if target.word == actual.word:
            return Evaluation(Outcome.MET, "same wording")
        return Evaluation(nc, "grades without an order")
    return Evaluation(nc, "no rule to compare these values")  # pragma: no cover
