"""Hypothesis strategies for performance values (指标值), re-exported by ``govbudget.strategies``.

Importing this module imports nothing heavy: Hypothesis is imported when a strategy is
built. Values are built constructively in canonical form, so ``parse(str(v)) == v``.

>>> from govbudget.performance.strategies import indicator_values
>>> s = indicator_values(kinds=["quantitative"])
>>> type(s).__name__.endswith("Strategy")
True
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from hypothesis.strategies import SearchStrategy

    from govbudget.indicators import IndicatorValue

__all__ = ["indicator_values"]

#: normalised units the strategy draws from (a unit is open-ended in real tables)
UNITS = (
    "%",
    "‰",
    "h",
    "天",
    "工作日",
    "个月",
    "年",
    "元",
    "万元",
    "亿元",
    "人",
    "人次",
    "个",
    "次",
    "户",
    "辆",
    "台",
    "套",
    "项",
    "件",
    "场",
    "期",
    "家",
    "所",
    "平方米",
    "米",
    "公里",
    "分",
    "万人",
    "万人次",
    "元/人月",
    "百分点",
)


def indicator_values(
    *, kinds: Iterable[str] | None = None, max_value: int = 10**7
) -> SearchStrategy[IndicatorValue]:
    """Parsable 指标值 of the given kinds (all but ``unparsed`` by default)."""
    from hypothesis import strategies as st

    from govbudget.indicators import (
        GRADES,
        QUALITATIVE_WORDS,
        Comparator,
        DatePoint,
        IndicatorValue,
        ValueKind,
    )

    wanted = {ValueKind(k) for k in kinds} if kinds is not None else set(ValueKind)
    wanted.discard(ValueKind.UNPARSED)
    ops = st.sampled_from([None, *Comparator])

    @st.composite
    def numbers(draw: st.DrawFn) -> Decimal:
        whole = draw(st.integers(min_value=0, max_value=max_value))
        places = draw(st.integers(min_value=0, max_value=3))
        if places == 0:
            return Decimal(whole)
        frac = draw(st.integers(min_value=0, max_value=10**places - 1))
        return Decimal(f"{whole}.{frac:0{places}d}")

    def datelike(n: Decimal, unit: str | None) -> bool:
        if unit is None:
            return 1900 <= n < 2100 and n != n.to_integral_value()
        if unit == "年":
            return 1900 <= n < 2100 and n == n.to_integral_value()
        return False

    @st.composite
    def quantitative(draw: st.DrawFn) -> IndicatorValue:
        unit = draw(st.sampled_from([None, *UNITS]))
        n = draw(numbers().filter(lambda x: not datelike(x, unit)))
        return IndicatorValue(ValueKind.QUANTITATIVE, op=draw(ops), number=n, unit=unit)

    @st.composite
    def ranges(draw: st.DrawFn) -> IndicatorValue:
        unit = draw(st.sampled_from([None, *UNITS]))
        a, b = draw(numbers()), draw(numbers())
        lo, hi = min(a, b), max(a, b)
        if unit is None and (lo >= 1900 or hi >= 1900):
            unit = "人"
        return IndicatorValue(ValueKind.RANGE, number=lo, number_hi=hi, unit=unit)

    years = st.integers(min_value=1990, max_value=2099)
    months = st.integers(min_value=1, max_value=12)
    days = st.integers(min_value=1, max_value=28)
    points = st.one_of(
        st.builds(DatePoint, years, months, st.none() | days),
        st.builds(DatePoint, years),
        st.builds(DatePoint, st.none(), months, st.none() | days),
    )
    full = st.builds(DatePoint, years, months, st.none() | days)
    dates = st.one_of(
        st.builds(lambda op, p: IndicatorValue(ValueKind.DATE, op=op, start=p), ops, points),
        st.builds(lambda a, b: IndicatorValue(ValueKind.DATE, start=a, end=b), full, full),
        st.builds(
            lambda a, b: IndicatorValue(ValueKind.DATE, start=DatePoint(a), end=DatePoint(b)),
            years,
            years,
        ),
    )
    refs = st.sampled_from(["上年", "上年同期"])
    relatives = st.one_of(
        st.builds(lambda op, r: IndicatorValue(ValueKind.RELATIVE, op=op, reference=r), ops, refs),
        st.builds(
            lambda r, w: IndicatorValue(ValueKind.RELATIVE, reference=r, word=w),
            refs,
            st.sampled_from(["提高", "下降", "持平"]),
        ),
        st.builds(
            lambda r, w, n, u: IndicatorValue(
                ValueKind.RELATIVE, reference=r, word=w, number=n, unit=u
            ),
            refs,
            st.sampled_from(["提高", "下降"]),
            numbers(),
            st.sampled_from(["%", "人", None]),
        ),
    )
    words = sorted(QUALITATIVE_WORDS | set(GRADES))
    qualitative = st.builds(
        lambda op, w: IndicatorValue(ValueKind.QUALITATIVE, op=op, word=w),
        st.sampled_from([None, Comparator.EQ]),
        st.sampled_from(words),
    )
    by_kind = {
        ValueKind.QUANTITATIVE: quantitative(),
        ValueKind.RANGE: ranges(),
        ValueKind.DATE: dates,
        ValueKind.RELATIVE: relatives,
        ValueKind.QUALITATIVE: qualitative,
    }
    return st.one_of([by_kind[k] for k in ValueKind if k in wanted])
