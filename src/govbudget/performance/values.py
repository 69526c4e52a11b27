"""The target value of a performance indicator (指标值): its grammar, canonical form and evaluation.

A value is read, never guessed: what the grammar of DOMAIN.md §8.3 does not cover is
kept as printed, with kind ``unparsed``.

>>> from govbudget.performance.values import parse_value
>>> v = parse_value("≥95百分比")
>>> v.op.symbol, v.number, v.unit, str(v)
('≥', Decimal('95'), '%', '≥95%')
>>> str(parse_value("控制在24.5万元以内")), str(parse_value("250万", cost=True))
('≤24.5万元', '250万元')
"""

from __future__ import annotations

import enum
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

import attrs

__all__ = [
    "Comparator",
    "DatePoint",
    "Evaluation",
    "IndicatorValue",
    "Outcome",
    "ValueKind",
    "evaluate",
    "parse_value",
]


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
        m = _TAIL_UNIT.search(_normalise(self.raw)) if self.raw else None
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


# --- normalisation -----------------------------------------------------------------

_AREA = re.compile(r"(?<=\d)[mM]([23])")


def _normalise(text: str) -> str:
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    t = "".join(text.split()).rstrip("。.;；,，")
    if "2" in t or "3" in t:
        t = _AREA.sub(lambda m: "平方米" if m.group(1) == "2" else "立方米", t)
    return t


_OPS: tuple[tuple[str, Comparator], ...] = tuple(
    sorted(
        (
            *(
                (w, Comparator.GE)
                for w in (
                    "≥",
                    ">=",
                    "≧",
                    "=>",
                    "大于等于",
                    "大于或等于",
                    "不低于",
                    "不少于",
                    "不小于",
                    "至少",
                    "高于或等于",
                )
            ),
            *(
                (w, Comparator.LE)
                for w in (
                    "≤",
                    "<=",
                    "≦",
                    "=<",
                    "小于等于",
                    "小于或等于",
                    "不高于",
                    "不超过",
                    "不大于",
                    "不多于",
                    "最多",
                    "控制在",
                )
            ),
            *((w, Comparator.GT) for w in (">", "大于", "高于", "超过", "多于")),
            *((w, Comparator.LT) for w in ("<", "小于", "低于", "少于")),
            *((w, Comparator.EQ) for w in ("=", "达到", "等于", "为")),
            *((w, Comparator.APPROX) for w in ("≈", "约为", "大约", "约")),
        ),
        key=lambda p: -len(p[0]),
    )
)
_OP_RE = re.compile("|".join(re.escape(w) for w, _ in _OPS))
_OP_OF = dict(_OPS)
_SUFFIXES: tuple[tuple[str, Comparator], ...] = (
    ("及以上", Comparator.GE),
    ("以上", Comparator.GE),
    ("及以下", Comparator.LE),
    ("以下", Comparator.LE),
    ("以内", Comparator.LE),
    ("之内", Comparator.LE),
    ("左右", Comparator.APPROX),
)
_SUFFIX_WORDS = tuple(w for w, _ in _SUFFIXES)

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT = r"[^\d\s.,\-~至—–到]{1,8}"
_QUANT = re.compile(rf"({_NUMBER})({_UNIT})?")
_RANGE = re.compile(rf"({_NUMBER})({_UNIT})?(?:-|~|至|—|–|到)({_NUMBER})({_UNIT})?")
_TAIL_UNIT = re.compile(r"[^\d.,]+$")
_UNIT_OK = re.compile(r"[\u4e00-\u9fffA-Za-z%‰/·]{1,8}")

#: unit as printed (after NFKC) → normalised unit
UNIT_ALIASES: dict[str, str] = {
    "百分比": "%",
    "个百分比": "%",
    "百分率": "%",
    "个百分点": "百分点",
    "小时": "h",
    "个小时": "h",
    "H": "h",
    "hr": "h",
    "hour": "h",
    "日": "天",
    "个工作日": "工作日",
    "月": "个月",
    "M": "米",
    "m": "米",
    "KM": "公里",
    "km": "公里",
    "Km": "公里",
    "m2": "平方米",
    "M2": "平方米",
    "平米": "平方米",
    "m3": "立方米",
    "kg": "千克",
    "元人民币": "元",
    "块": "元",
}
_MONEY_UNITS = frozenset({"元", "万元", "亿元", "千元"})


def normalise_unit(unit: str, *, cost: bool = False) -> str:
    """The normalised form of a unit (百分比 → %, 小时 → h, M → 米; 万 → 万元 in a cost context)."""
    if unit == "万":
        return "万元" if cost else "万"
    return UNIT_ALIASES.get(unit, unit)


# --- dates, relations, grades --------------------------------------------------------

_DATE_DOT = re.compile(r"((?:19|20)\d\d)\.(\d{1,2})(?:\.(\d{1,2}))?")
_DATE_ISO = re.compile(r"((?:19|20)\d\d)[-/](\d{1,2})[-/](\d{1,2})")
_DATE_CN = re.compile(r"(?:((?:19|20)\d\d)年)?(?:(\d{1,2})月(?:(\d{1,2})[日号])?)?")
_DEADLINE = ("底前", "末前", "以前", "之前", "底", "末", "前", "内", "份")
_YEAR_END = {
    "年底前": 12,
    "年底": 12,
    "年末": 12,
    "年内": 12,
    "本年度内": 12,
    "当年": 12,
    "年度内": 12,
}

_REFS = {
    "上年": "上年",
    "上年度": "上年",
    "去年": "上年",
    "上一年": "上年",
    "上一年度": "上年",
    "上年同期": "上年同期",
    "去年同期": "上年同期",
    "同期": "上年同期",
}
_REF_RE = "|".join(sorted(map(re.escape, _REFS), key=len, reverse=True))
_REL_LEVEL = re.compile(rf"({_REF_RE})(?:水平|数|标准)?")
_DIRECTIONS = {
    "提高": "提高",
    "提升": "提高",
    "增长": "提高",
    "增加": "提高",
    "上升": "提高",
    "下降": "下降",
    "减少": "下降",
    "降低": "下降",
    "持平": "持平",
    "不变": "持平",
}
_REL_CHANGE = re.compile(
    rf"(?:较|比|与)?({_REF_RE})(?:相比)?(?:有所)?({'|'.join(_DIRECTIONS)})(?:({_NUMBER})({_UNIT})?)?"
)
_REL_YOY = re.compile(rf"同比({'|'.join(_DIRECTIONS)})(?:({_NUMBER})({_UNIT})?)?")

#: ordered grades (等级), worst first; equal rank = synonyms
GRADES: dict[str, int] = {
    "差": 0,
    "较差": 1,
    "一般": 2,
    "中": 2,
    "合格": 3,
    "达标": 3,
    "基本满意": 3,
    "良": 4,
    "良好": 4,
    "较好": 4,
    "满意": 4,
    "好": 5,
    "优良": 5,
    "优": 6,
    "优秀": 6,
}
QUALITATIVE_WORDS = frozenset(
    {
        *GRADES,
        "是",
        "否",
        "有",
        "无",
        "完成",
        "未完成",
        "及时",
        "准确",
        "有效",
        "显著",
        "明显",
        "提高",
        "有所提高",
        "逐步提高",
        "持续提高",
        "提升",
        "有所提升",
        "持续提升",
        "稳步提升",
        "逐步提升",
        "明显改善",
        "有所改善",
        "改善",
        "显著提升",
        "明显提升",
        "稳定",
        "保持稳定",
        "正常",
        "持续",
        "长期",
        "长期有效",
        "持续影响",
        "全覆盖",
        "得到保障",
        "有效保障",
        "规范",
        "安全",
        "稳定运行",
        "正常运行",
        "按时完成",
        "按期完成",
        "全部完成",
    }
)
_QUAL_PATTERN = re.compile(
    r"(?:有效|持续|不断|稳步|逐步|逐年|明显|显著|进一步|有所|大幅|全面|切实|积极|得到|大大)"
    r"(?:提升|提高|改善|完善|增加|增强|减轻|减少|下降|降低|保障|优化|加强|推进|扩大|缩短|发挥|巩固)"
    r"|效果(?:显著|明显|良好|较好)|(?:显著|明显)(?:提升|提高|改善|增强)"
)


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
    if t in _YEAR_END:
        return DatePoint(None, 12, None), True
    if "月" not in t and not (t[:2] in ("19", "20") and t[2:4].isdigit()):
        return None
    deadline = False
    if t.endswith(_DEADLINE):
        for w in _DEADLINE:
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
            if m.group(1) is None and (deadline is False and m.group(3) is None):
                mo = int(m.group(2))
                if not 1 <= mo <= 12:
                    return None
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
        return IndicatorValue(ValueKind.DATE, op=op, start=point, raw=raw)
    for sep in ("-", "~", "至", "—", "–", "到"):
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
                return IndicatorValue(ValueKind.DATE, start=start, end=end, raw=raw)
    return None


def _parse_relative(t: str, op: Comparator | None, raw: str, cost: bool) -> IndicatorValue | None:
    m = _REL_LEVEL.fullmatch(t)
    if m:
        return IndicatorValue(ValueKind.RELATIVE, op=op, reference=_REFS[m.group(1)], raw=raw)
    m = _REL_CHANGE.fullmatch(t)
    if m and op is None:
        ref, direction, num, unit = (
            _REFS[m.group(1)],
            _DIRECTIONS[m.group(2)],
            m.group(3),
            m.group(4),
        )
    else:
        m = _REL_YOY.fullmatch(t)
        if not (m and op is None):
            return None
        ref, direction, num, unit = "上年", _DIRECTIONS[m.group(1)], m.group(2), m.group(3)
    number = Decimal(num.replace(",", "")) if num else None
    if num and direction == "持平":
        return None
    return IndicatorValue(
        ValueKind.RELATIVE,
        reference=ref,
        word=direction,
        number=number,
        unit=normalise_unit(unit, cost=cost) if unit else None,
        raw=raw,
    )


def _unparsed(t: str, raw: str) -> IndicatorValue:
    return IndicatorValue(ValueKind.UNPARSED, word=t, raw=raw)


@lru_cache(maxsize=8192)
def _parse(raw: str, cost: bool) -> IndicatorValue:
    t = _normalise(raw)
    if not t:
        return _unparsed("", raw)
    op: Comparator | None = None
    m = _OP_RE.match(t)
    if m and len(t) > m.end():
        op, t = _OP_OF[m.group(0)], t[m.end() :]
        if t.startswith(("为", "在")) and op is not Comparator.EQ:
            t = t[1:]
    if t.endswith(_SUFFIX_WORDS):
        for word, suffix_op in _SUFFIXES:
            if t.endswith(word) and len(t) > len(word):
                t = t[: -len(word)]
                op = op or suffix_op
                break
    # the common case first: op? number unit?
    q = _QUANT.fullmatch(t)
    if q:
        number, unit = q.group(1), q.group(2)
        if unit is None or _UNIT_OK.fullmatch(unit):
            datelike = (
                (unit is None and _DATE_DOT.fullmatch(number) is not None)
                or (unit == "年" and number.isdigit() and 1900 <= int(number) <= 2099)
                or (unit == "月" and number.isdigit() and 1 <= int(number) <= 12)
                or (unit is not None and unit[0] in "年月" and unit not in ("年", "月"))
            )
            date = _parse_date(t, op, raw) if datelike else None
            if date is not None:
                return date
            return IndicatorValue(
                ValueKind.QUANTITATIVE,
                op=op,
                number=Decimal(number.replace(",", "")),
                unit=normalise_unit(unit, cost=cost) if unit else None,
                raw=raw,
            )
    date = _parse_date(t, op, raw)
    if date is not None:
        return date
    rel = _parse_relative(t, op, raw, cost)
    if rel is not None:
        return rel
    r = _RANGE.fullmatch(t)
    if r and op is None:
        lo, u1, hi, u2 = r.groups()
        if (u1 is None or u2 is None or u1 == u2) and all(
            u is None or _UNIT_OK.fullmatch(u) for u in (u1, u2)
        ):
            unit = u2 or u1
            low, high = Decimal(lo.replace(",", "")), Decimal(hi.replace(",", ""))
            if low <= high:
                return IndicatorValue(
                    ValueKind.RANGE,
                    number=low,
                    number_hi=high,
                    unit=normalise_unit(unit, cost=cost) if unit else None,
                    raw=raw,
                )
    if t in QUALITATIVE_WORDS or _QUAL_PATTERN.fullmatch(t):
        return IndicatorValue(ValueKind.QUALITATIVE, op=op, word=t, raw=raw)
    return _unparsed(_normalise(raw), raw)


def parse_value(text: str, *, cost: bool = False) -> IndicatorValue:
    """Read a 指标值 as printed; what the grammar does not cover is kept as ``unparsed``.

    ``cost`` says that the indicator is a cost indicator (成本指标), where a bare ``万``
    means 万元 (DOMAIN.md §8.3).
    """
    return _parse(text, cost)


# --- evaluation ---------------------------------------------------------------------


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
