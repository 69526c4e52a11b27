"""The target value of a performance indicator (指标值): its grammar, canonical form and evaluation.

A value is read, never guessed: what the grammar of docs/domain.md §8.3 does not cover is
kept as printed, with kind ``unparsed``. Modules: ``lexicon`` (the words), ``types``
(``IndicatorValue`` and its canonical ``str``), ``grammar`` (``parse_value``) and
``evaluation`` (``evaluate``).

>>> from govbudget.indicators import parse_value
>>> v = parse_value("≥95百分比")
>>> v.op.symbol, v.number, v.unit, str(v)
('≥', Decimal('95'), '%', '≥95%')
>>> str(parse_value("控制在24.5万元以内")), str(parse_value("250万", cost=True))
('≤24.5万元', '250万元')
"""

from __future__ import annotations

from govbudget.indicators.evaluation import Evaluation, Outcome, evaluate
from govbudget.indicators.grammar import _parse as _parse  # for benchmarks
from govbudget.indicators.grammar import parse_value
from govbudget.indicators.lexicon import (
    GRADES,
    QUALITATIVE_WORDS,
    UNIT_ALIASES,
    normalise_unit,
)
from govbudget.indicators.types import Comparator, DatePoint, IndicatorValue, ValueKind

__all__ = [
    "GRADES",
    "QUALITATIVE_WORDS",
    "UNIT_ALIASES",
    "Comparator",
    "DatePoint",
    "Evaluation",
    "IndicatorValue",
    "Outcome",
    "ValueKind",
    "evaluate",
    "normalise_unit",
    "parse_value",
]
