"""Strategies for classification codes, amounts and cells (科目编码、金额、单元格).

Codes are sampled from the bundled catalogue of an edition, loaded on first draw
(``st.deferred``), never when this module is imported or a strategy is built.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govbudget.money import BLANK, DASH, Cell, Unit

if TYPE_CHECKING:
    from govbudget.codes.entries import CodeEntry, Scheme

__all__ = [
    "amounts",
    "cells",
    "economic_codes",
    "functional_codes",
    "government_economic_codes",
    "revenue_codes",
]

_LEVEL_NAMES = ("类", "款", "项", "目")
#: default upper bound of amounts per unit: 100 亿元 (a large county department)
_DEFAULT_MAX = {Unit.YUAN: Decimal(10) ** 10, Unit.QIAN: Decimal(10) ** 7, Unit.WAN: Decimal(10) ** 6,
                Unit.YI: Decimal(100)}


def _scheme(name: str) -> Scheme:
    from govbudget.codes.entries import Scheme

    return Scheme(name)


def _check_year(scheme: Scheme, year: int | None) -> int:
    from govbudget.codes.editions import NEWEST_EDITION, editions

    if year is None:
        return NEWEST_EDITION
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidArgument(f"year={year!r} must be an int (a fiscal year)")
    available = editions(scheme)
    if year not in available:
        raise InvalidArgument(
            f"year={year} has no edition of {scheme.value}; editions are {available[0]}–{available[-1]}"
        )
    return year


def _check_level(scheme: Scheme, level: int | str | None) -> str | None:
    depth = len(scheme.lengths)
    if level is None:
        return None
    if isinstance(level, str):
        if level not in _LEVEL_NAMES[:depth]:
            raise InvalidArgument(
                f"level={level!r}: {scheme.value} codes have levels {_LEVEL_NAMES[:depth]}"
            )
        return level
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= depth:
        raise InvalidArgument(
            f"level={level!r}: {scheme.value} codes have levels 1–{depth} ({'/'.join(_LEVEL_NAMES[:depth])})"
        )
    return _LEVEL_NAMES[level - 1]


def _check_under(scheme: Scheme, under: str | None, level: str | None) -> None:
    if under is None:
        return
    if not isinstance(under, str) or not under.isdigit() or len(under) not in scheme.lengths:
        raise InvalidArgument(f"under={under!r} is not a {scheme.value} code")
    if not under.startswith(scheme.lead_digit):
        raise InvalidArgument(f"under={under!r} is not a {scheme.value} code")
    if len(under) == scheme.lengths[-1]:
        raise InvalidArgument(f"under={under!r} is a leaf: no code lies under it")
    if level is not None and _LEVEL_NAMES.index(level) <= scheme.lengths.index(len(under)):
        raise InvalidArgument(f"level={level!r} is not below under={under!r}")


@functools.lru_cache(maxsize=256)
def _entries(scheme: Scheme, year: int, level: str | None, under: str | None) -> tuple[CodeEntry, ...]:
    from govbudget.codes.editions import catalogue

    cat = catalogue(scheme, year)
    if under is not None and under not in cat:
        raise InvalidArgument(f"under={under!r} is not in the {year} edition of {scheme.value}")
    found = tuple(
        e for e in cat
        if (level is None or e.level == level)
        and (under is None or (e.code.startswith(under) and e.code != under))
    )
    if not found:
        raise InvalidArgument(
            f"no {scheme.value} code of level {level!r} under {under!r} in the {year} edition"
        )
    return found


def _codes(scheme_name: str, year: int | None, level: int | str | None,
           under: str | None) -> st.SearchStrategy[Any]:
    scheme = _scheme(scheme_name)
    y = _check_year(scheme, year)
    lv = _check_level(scheme, level)
    _check_under(scheme, under, lv)
    return st.deferred(lambda: st.sampled_from(_entries(scheme, y, lv, under)))


def functional_codes(*, year: int | None = None, level: int | str | None = None,
                     under: str | None = None) -> st.SearchStrategy[Any]:
    """Real 支出功能分类科目 (``FunctionalCode``) of the ``year`` edition (default: newest).

    ``level`` is 1–3 or 类/款/项; ``under`` restricts to the codes below a code (``"208"``).
    """
    return _codes("functional", year, level, under)


def economic_codes(*, year: int | None = None, level: int | str | None = None,
                   under: str | None = None) -> st.SearchStrategy[Any]:
    """Real 部门预算支出经济分类科目 (``EconomicCode``): 类 (1) or 款 (2)."""
    return _codes("economic", year, level, under)


def government_economic_codes(*, year: int | None = None, level: int | str | None = None,
                              under: str | None = None) -> st.SearchStrategy[Any]:
    """Real 政府预算支出经济分类科目 (``GovernmentEconomicCode``): 类 (1) or 款 (2)."""
    return _codes("government_economic", year, level, under)


def revenue_codes(*, year: int | None = None, level: int | str | None = None,
                  under: str | None = None) -> st.SearchStrategy[Any]:
    """Real 收入分类科目 (``RevenueCode``): 类/款/项/目 (1–4)."""
    return _codes("revenue", year, level, under)


def _as_bound(name: str, value: object) -> Decimal:
    if isinstance(value, bool | float) or not isinstance(value, int | str | Decimal):
        raise InvalidArgument(f"{name}={value!r} must be an exact int, str or Decimal, not a float")
    try:
        d = Decimal(value)
    except ArithmeticError as exc:
        raise InvalidArgument(f"{name}={value!r} is not a number") from exc
    if not d.is_finite():
        raise InvalidArgument(f"{name}={value!r} must be finite")
    return d


def amounts(*, min_value: int | str | Decimal = 0, max_value: int | str | Decimal | None = None,
            places: int = 2, unit: Unit = Unit.WAN) -> st.SearchStrategy[Decimal]:
    """Exact amounts (金额) shown with exactly ``places`` decimals, e.g. ``Decimal('58.00')``.

    ``max_value`` defaults to 100 亿元 expressed in ``unit`` (1000000 万元).
    """
    if not isinstance(unit, Unit):
        raise InvalidArgument(f"unit={unit!r} must be a govbudget.money.Unit")
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 6:
        raise InvalidArgument(f"places={places!r} must be an int from 0 to 6")
    lo = _as_bound("min_value", min_value)
    hi = _DEFAULT_MAX[unit] if max_value is None else _as_bound("max_value", max_value)
    if lo > hi:
        raise InvalidArgument(f"min_value={lo} is greater than max_value={hi}")
    scale = Decimal(10) ** places
    lo_i = int((lo * scale).to_integral_value(rounding="ROUND_CEILING"))
    hi_i = int((hi * scale).to_integral_value(rounding="ROUND_FLOOR"))
    if lo_i > hi_i:
        raise InvalidArgument(f"no amount with {places} decimals lies in [{lo}, {hi}]")
    quantum = Decimal(1).scaleb(-places)
    to_amount: Callable[[int], Decimal] = lambda n: (Decimal(n) / scale).quantize(quantum)  # noqa: E731
    return st.integers(lo_i, hi_i).map(to_amount)


def cells(*, min_value: int | str | Decimal = 0, max_value: int | str | Decimal | None = None,
          places: int = 2, unit: Unit = Unit.WAN, blank: bool = True,
          dash: bool = True) -> st.SearchStrategy[Cell]:
    """Table cells (单元格) in realistic proportions: mostly amounts, some blanks, zeros, dashes.

    Roughly 70 % amounts, 15 % blanks, 10 % explicit zeros (``0.00``), 5 % dashes (``-``).
    Blank cells shrink first.
    """
    values = amounts(min_value=min_value, max_value=max_value, places=places, unit=unit)
    zero = Decimal(0).quantize(Decimal(1).scaleb(-places))
    zero_allowed = Decimal(min_value if not isinstance(min_value, float) else 0) <= 0
    choices: list[st.SearchStrategy[Cell]] = []
    weights: list[int] = []
    if blank:
        choices.append(st.just(BLANK))
        weights.append(3)
    if zero_allowed:
        choices.append(st.just(Cell.amount(zero)))
        weights.append(2)
    if dash:
        choices.append(st.just(DASH))
        weights.append(1)
    choices.append(values.map(Cell.amount))
    weights.append(14)
    table = [i for i, w in enumerate(weights) for _ in range(w)]
    return st.sampled_from(table).flatmap(lambda i: choices[i])
