"""The grammar of 指标值 (docs/domain.md §8.3): text → ``IndicatorValue``.

A value is read, never guessed: what the grammar does not cover is kept as printed,
with kind ``unparsed``. The common shape ``op? number unit`` with a common unit is read
by a direct scan (the fast path); everything else goes through the general
reading (normalise, comparator, suffix, then quantitative, date, relative, range,
grade). Both give the same value for the texts the fast path accepts.

>>> from govbudget.indicators.grammar import parse_value
>>> v = parse_value("不低于95%")
>>> v.kind.value, v.op.symbol, v.number, v.unit
('quantitative', '≥', Decimal('95'), '%')
>>> str(parse_value("2023年12月底前")), str(parse_value("较上年提高5%")), str(parse_value("80-90%"))
('≤2023.12', '较上年提高5%', '80-90%')
>>> parse_value("健康").kind.value
'unparsed'
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from govbudget.indicators.lexicon import (
    COMMON_UNITS,
    DATE_SEPARATORS,
    DEADLINE_WORDS,
    DIRECTIONS,
    OP_WORDS,
    QUALITATIVE_PATTERN,
    QUALITATIVE_WORDS,
    REFERENCES,
    SUFFIX_WORDS,
    YEAR_END_WORDS,
    normalise,
    normalise_unit,
)
from govbudget.indicators.types import (
    Comparator,
    DatePoint,
    IndicatorValue,
    ValueKind,
    quick_value,
)

__all__ = ["parse_value"]

_OP_OF: dict[str, Comparator] = {
    w: Comparator(symbol) for symbol, words in OP_WORDS.items() for w in words
}
_SUFFIXES = tuple((w, Comparator(s)) for w, s in SUFFIX_WORDS)
_SUFFIX_ENDINGS = tuple(w for w, _ in SUFFIX_WORDS)

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT = r"[^\d\s.,\-~至—–到]{1,8}"
_QUANT = re.compile(rf"({_NUMBER})({_UNIT})?")
_RANGE = re.compile(rf"({_NUMBER})({_UNIT})?(?:-|~|至|—|–|到)({_NUMBER})({_UNIT})?")
#: a unit the grammar accepts: letters, CJK, ``/`` ``·``, or one ``%`` / ``‰`` on its own
#: (``%%`` is a misprint, reported rather than read)
_UNIT_OK = re.compile(r"[\u4e00-\u9fffA-Za-z/·]{1,8}|[%‰](?:/[\u4e00-\u9fffA-Za-z]{1,4})?")
#: the fast path: comparator words by their first character, longest first; the number
_OP_BY_FIRST: dict[str, tuple[tuple[str, Comparator], ...]] = {
    c: tuple(sorted(((w, op) for w, op in _OP_OF.items() if w[0] == c), key=lambda p: -len(p[0])))
    for c in {w[0] for w in _OP_OF}
}
_FAST_NUMBER = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
#: first characters of a relative target (较上年…, 上年, 同比…)
_REL_FIRST = frozenset("较比与同") | {w[0] for w in REFERENCES}

# dates
_DATE_DOT = re.compile(r"((?:19|20)\d\d)\.(\d{1,2})(?:\.(\d{1,2}))?")
_DATE_ISO = re.compile(r"((?:19|20)\d\d)[-/](\d{1,2})[-/](\d{1,2})")
_DATE_CN = re.compile(r"(?:((?:19|20)\d\d)年)?(?:(\d{1,2})月(?:(\d{1,2})[日号])?)?")

# relative targets
_REF_RE = "|".join(sorted(map(re.escape, REFERENCES), key=len, reverse=True))
_DIR_RE = "|".join(DIRECTIONS)
_REL_LEVEL = re.compile(rf"({_REF_RE})(?:水平|数|标准)?")
_REL_CHANGE = re.compile(
    rf"(?:较|比|与)?({_REF_RE})(?:相比)?(?:有所)?({_DIR_RE})(?:({_NUMBER})({_UNIT})?)?"
)
_REL_YOY = re.compile(rf"同比({_DIR_RE})(?:({_NUMBER})({_UNIT})?)?")


def parse_value(text: str, *, cost: bool = False) -> IndicatorValue:
    """Read a 指标值 as printed; what the grammar does not cover is kept as ``unparsed``.

    ``cost`` says that the indicator is a cost indicator (成本指标), where a bare ``万``
    means 万元 (docs/domain.md §8.3).
    """
    return _parse(text, cost)


@lru_cache(maxsize=8192)
def _parse(raw: str, cost: bool) -> IndicatorValue:
    return _fast(raw, cost) or _general(raw, cost)


def _fast(raw: str, cost: bool) -> IndicatorValue | None:
    """``op? number unit?`` with a common unit, read without normalising; ``None`` for
    anything else (spaces, full-width forms, other units, a number that may be a date),
    which the general reading takes."""
    if not raw:
        return None
    op, pos = _match_op(raw)
    if pos == 0 and not "0" <= raw[0] <= "9":
        return None
    m = _FAST_NUMBER.match(raw, pos)
    if m is None:
        return None
    number, unit = m.group(), raw[m.end() :]
    if unit:
        if unit not in COMMON_UNITS:
            return None
    elif "." in number and number[:2] in ("19", "20"):
        return None  # 2023.07 is a date
    return quick_value(
        ValueKind.QUANTITATIVE,
        op,
        Decimal(number.replace(",", "") if "," in number else number),
        normalise_unit(unit, cost=cost) if unit else None,
        raw,
    )


def _match_op(t: str) -> tuple[Comparator | None, int]:
    """The comparator word at the start of ``t`` (longest first) and where it ends."""
    for word, comparator in _OP_BY_FIRST.get(t[0], ()):
        if t.startswith(word):
            return comparator, len(word)
    return None, 0


def _general(raw: str, cost: bool) -> IndicatorValue:
    t = normalise(raw)
    if not t:
        return _unparsed("", raw)
    op, end = _match_op(t)
    if op is not None and len(t) > end:
        t = t[end:]
        if t.startswith(("为", "在")) and op is not Comparator.EQ:
            t = t[1:]
    else:
        op = None
    if t.endswith(_SUFFIX_ENDINGS):
        for word, suffix_op in _SUFFIXES:
            if t.endswith(word) and len(t) > len(word):
                t = t[: -len(word)]
                op = op or suffix_op
                break
    q = _QUANT.fullmatch(t)
    if q:
        value = _quantitative(q, t, op, raw, cost)
        if value is not None:
            return value
    date = _parse_date(t, op, raw)
    if date is not None:
        return date
    if t[0] in _REL_FIRST:
        rel = _parse_relative(t, op, raw, cost)
        if rel is not None:
            return rel
    r = _RANGE.fullmatch(t)
    if r and op is None:
        value = _range(r, raw, cost)
        if value is not None:
            return value
    if t in QUALITATIVE_WORDS or QUALITATIVE_PATTERN.fullmatch(t):
        return quick_value(ValueKind.QUALITATIVE, op, word=t, raw=raw)
    return _unparsed(normalise(raw), raw)


def _quantitative(
    q: re.Match[str], t: str, op: Comparator | None, raw: str, cost: bool
) -> IndicatorValue | None:
    number, unit = q.group(1), q.group(2)
    if unit is not None and not _UNIT_OK.fullmatch(unit):
        return None
    datelike = (
        (unit is None and _DATE_DOT.fullmatch(number) is not None)
        or (unit == "年" and number.isdigit() and 1900 <= int(number) <= 2099)
        or (unit == "月" and number.isdigit() and 1 <= int(number) <= 12)
        or (unit is not None and unit[0] in "年月" and unit not in ("年", "月"))
    )
    if datelike:
        date = _parse_date(t, op, raw)
        if date is not None:
            return date
    return quick_value(
        ValueKind.QUANTITATIVE,
        op,
        Decimal(number.replace(",", "")),
        normalise_unit(unit, cost=cost) if unit else None,
        raw,
    )


def _range(r: re.Match[str], raw: str, cost: bool) -> IndicatorValue | None:
    lo, u1, hi, u2 = r.groups()
    if u1 is not None and u2 is not None and u1 != u2:
        return None
    if not all(u is None or _UNIT_OK.fullmatch(u) for u in (u1, u2)):
        return None
    unit = u2 or u1
    low, high = Decimal(lo.replace(",", "")), Decimal(hi.replace(",", ""))
    if low > high:
        return None
    unit = normalise_unit(unit, cost=cost) if unit else None
    return quick_value(ValueKind.RANGE, None, low, unit, raw, number_hi=high)


def _unparsed(t: str, raw: str) -> IndicatorValue:
    return quick_value(ValueKind.UNPARSED, word=t, raw=raw)


# --- dates --------------------------------------------------------------------------


def _date_point(m: re.Match[str]) -> DatePoint | None:
    y = int(m.group(1)) if m.group(1) else None
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.lastindex and m.lastindex >= 3 and m.group(3) else None
    if mo is not None and not 1 <= mo <= 12:
        return None
    if d is not None and not 1 <= d <= 31:
        return None
    if y is None and mo is None:
        return None
    return DatePoint(y, mo, d)


def _one_date(t: str) -> tuple[DatePoint, bool] | None:
    """A single date, and whether it carried a deadline word (底前, 前 …)."""
    if t in YEAR_END_WORDS:
        return DatePoint(None, 12, None), True
    if "月" not in t and not (t[:2] in ("19", "20") and t[2:4].isdigit()):
        return None
    deadline = False
    if t.endswith(DEADLINE_WORDS):
        for w in DEADLINE_WORDS:
            if t.endswith(w) and len(t) > len(w):
                t, deadline = t[: -len(w)], True
                break
    for pattern in (_DATE_DOT, _DATE_ISO):
        m = pattern.fullmatch(t)
        if m:
            p = _date_point(m)
            return (p, deadline) if p else None
    if "年" in t or "月" in t:
        m = _DATE_CN.fullmatch(t)
        if m and (m.group(1) or m.group(2)):
            p = _date_point(m)
            return (p, deadline) if p else None
    return None


def _parse_date(t: str, op: Comparator | None, raw: str) -> IndicatorValue | None:
    if not (t[:1].isdigit() or t[:1] in "年本当"):
        return None
    one = _one_date(t)
    if one is not None:
        point, deadline = one
        if deadline and op is None:
            op = Comparator.LE
        return quick_value(ValueKind.DATE, op, start=point, raw=raw)
    for sep in DATE_SEPARATORS:
        if sep in t:
            left, _, right = t.partition(sep)
            a, b = _one_date(left), _one_date(right)
            if a and b and op is None:
                start, end = a[0], b[0]
                if (
                    end.year is None
                    and start.year is not None
                    and end.month is not None
                    and "年" not in right
                    and "月" not in right
                ):
                    return None
                return quick_value(ValueKind.DATE, start=start, end=end, raw=raw)
    return None


# --- relative targets ---------------------------------------------------------------


def _parse_relative(t: str, op: Comparator | None, raw: str, cost: bool) -> IndicatorValue | None:
    m = _REL_LEVEL.fullmatch(t)
    if m:
        return quick_value(ValueKind.RELATIVE, op, reference=REFERENCES[m.group(1)], raw=raw)
    if op is not None:
        return None
    m = _REL_CHANGE.fullmatch(t)
    if m:
        ref, direction, num, unit = REFERENCES[m.group(1)], m.group(2), m.group(3), m.group(4)
    else:
        m = _REL_YOY.fullmatch(t)
        if not m:
            return None
        ref, direction, num, unit = "上年", m.group(1), m.group(2), m.group(3)
    direction = DIRECTIONS[direction]
    if num and direction == "持平":
        return None
    return quick_value(
        ValueKind.RELATIVE,
        None,
        Decimal(num.replace(",", "")) if num else None,
        normalise_unit(unit, cost=cost) if unit else None,
        raw,
        reference=ref,
        word=direction,
    )
