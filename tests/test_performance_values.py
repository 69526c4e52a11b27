"""指标值 grammar (docs/domain.md §8.3), canonical form, round trip and evaluation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings

from govbudget.indicators import (
    Comparator,
    DatePoint,
    Outcome,
    ValueKind,
    evaluate,
    parse_value,
)
from govbudget.performance.strategies import indicator_values

GE, LE, EQ = Comparator.GE, Comparator.LE, Comparator.EQ

# docs/domain.md §8.3 worked examples: raw → (effective comparator, number, unit)
QUANTITATIVE = [
    ("≥8小时", GE, "8", "h"),
    ("≥95百分比", GE, "95", "%"),
    ("≤24.5万元", LE, "24.5", "万元"),
    ("≥100百分比", GE, "100", "%"),
    ("≤3万元", LE, "3", "万元"),
    ("=100%", EQ, "100", "%"),
    ("≥1000人", GE, "1000", "人"),
    ("10辆", EQ, "10", "辆"),
    ("≥80M", GE, "80", "米"),
    ("≤10次", LE, "10", "次"),
    ("292%", EQ, "292", "%"),
]


@pytest.mark.parametrize(("raw", "op", "number", "unit"), QUANTITATIVE)
def test_domain_examples_quantitative(raw: str, op: Comparator, number: str, unit: str) -> None:
    v = parse_value(raw)
    assert v.kind is ValueKind.QUANTITATIVE
    assert (v.comparator, v.number, v.unit) == (op, Decimal(number), unit)
    assert v.raw == raw


def test_domain_examples_other_kinds() -> None:
    v = parse_value("250万", cost=True)
    assert (v.comparator, v.number, v.unit) == (EQ, Decimal(250), "万元")
    assert parse_value("250万").unit == "万"  # 万 → 万元 only in a cost context
    for word in ("好", "较好", "优良", "逐步提高"):
        assert parse_value(word).kind is ValueKind.QUALITATIVE
    rel = parse_value("≤上年")
    assert (rel.kind, rel.op, rel.reference) == (ValueKind.RELATIVE, LE, "上年")
    d = parse_value("2023.07-2024.01")
    assert (d.kind, d.start, d.end) == (ValueKind.DATE, DatePoint(2023, 7), DatePoint(2024, 1))
    assert str(d) == "2023.07-2024.01"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("不低于95%", "≥95%"),
        ("不少于10人", "≥10人"),
        ("不超过3万元", "≤3万元"),
        ("控制在24.5万元以内", "≤24.5万元"),
        ("达到100%", "=100%"),
        ("约100人", "≈100人"),
        ("100人左右", "≈100人"),
        ("95%以上", "≥95%"),
        ("＞９０％", ">90%"),
        (">=8h", "≥8h"),
        ("≧90%", "≥90%"),
        ("小于等于5%", "≤5%"),
        ("1,200人", "1200人"),
        ("= 100%", "=100%"),
        ("≥1700㎡", "≥1700平方米"),
        ("≤4500元/人月", "≤4500元/人月"),
        ("≥1.8万人次", "≥1.8万人次"),
        ("10-20人", "10-20人"),
        ("80%~90%", "80-90%"),
        ("2025年12月31日", "2025.12.31"),
        ("2023年12月底前", "≤2023.12"),
        ("年底前", "≤12月"),
        ("12月", "12月"),
        ("3个月", "3个月"),
        ("较上年提高5%", "较上年提高5%"),
        ("同比增长10%", "较上年提高10%"),
        ("不低于上年", "≥上年"),
        ("上年同期水平", "上年同期"),
        ("有效减轻", "有效减轻"),
        ("效果显著", "效果显著"),
    ],
)
def test_wordings_and_canonical_form(raw: str, canonical: str) -> None:
    assert str(parse_value(raw)) == canonical


@pytest.mark.parametrize(
    "raw", ["", "=提升无", "通过合理的家具购置计划，可以优化资源配置", "健康？"]
)
def test_unparsed_is_kept(raw: str) -> None:
    v = parse_value(raw)
    assert v.kind is ValueKind.UNPARSED and v.raw == raw and not v.is_parsed


def test_raw_and_unit_raw_are_not_part_of_equality() -> None:
    a, b = parse_value("≥95百分比"), parse_value("≥95%")
    assert a == b and hash(a) == hash(b)
    assert a.unit_raw == "百分比" and b.unit_raw is None


@settings(max_examples=500)
@given(indicator_values())
def test_round_trip(v: object) -> None:
    assert parse_value(str(v)) == v


@pytest.mark.parametrize(
    ("target", "actual", "outcome"),
    [
        ("≥95%", "96.5%", Outcome.MET),
        ("≥95%", "94%", Outcome.NOT_MET),
        ("≤24.5万元", "245000元", Outcome.MET),
        ("≤24.5万元", "250000元", Outcome.NOT_MET),
        ("=100%", "100%", Outcome.MET),
        ("10-20人", "15人", Outcome.MET),
        ("≤2023.12", "2023.11", Outcome.MET),
        ("2023.07-2024.01", "2024.02", Outcome.NOT_MET),
        ("良好", "优秀", Outcome.MET),
        ("优良", "合格", Outcome.NOT_MET),
        ("≥95%", "好", Outcome.NOT_COMPARABLE),
        ("≥8h", "8人", Outcome.NOT_COMPARABLE),
        ("=提升无", "提升", Outcome.NOT_COMPARABLE),
        ("≤上年", "5人", Outcome.NOT_COMPARABLE),
    ],
)
def test_evaluate(target: str, actual: str, outcome: Outcome) -> None:
    assert evaluate(parse_value(target), parse_value(actual)).outcome is outcome


def test_evaluate_relative_with_last_year() -> None:
    e = evaluate(parse_value("较上年提高5%"), parse_value("106人"), last_year=parse_value("100人"))
    assert e.met
    e = evaluate(parse_value("≤上年"), parse_value("101人"), last_year=parse_value("100人"))
    assert e.outcome is Outcome.NOT_MET


# --- the fast path and the quick constructor (issue 6: speed) -----------------------

from hypothesis import strategies as st  # noqa: E402

from govbudget.indicators import grammar, lexicon  # noqa: E402
from govbudget.indicators.types import IndicatorValue, quick_value  # noqa: E402

_OPS = ["", *(w for words in lexicon.OP_WORDS.values() for w in words)]
_UNITS = ["", *sorted(lexicon.COMMON_UNITS), "年", "月", "㎡", "%%", "以上", "万人次以内"]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_OPS),
    st.from_regex(
        r"[0-9]{1,6}(\.[0-9]{1,3})?|[0-9]{1,3}(,[0-9]{3}){1,2}|(19|20)[0-9]{2}\.[0-9]{1,2}",
        fullmatch=True,
    ),
    st.sampled_from(_UNITS),
    st.sampled_from(["", " ", "。"]),
    st.booleans(),
)
def test_fast_path_reads_what_the_general_reading_reads(
    op: str, number: str, unit: str, tail: str, cost: bool
) -> None:
    raw = f"{op}{number}{unit}{tail}"
    fast = grammar._fast(raw, cost)
    general = grammar._general(raw, cost)
    if fast is not None:
        assert fast == general and fast.raw == general.raw == raw


def test_quick_value_equals_the_attrs_constructor() -> None:
    for v in (parse_value("≥95%"), parse_value("2023.07-2024.01"), parse_value("较上年提高5%"),
              parse_value("80-90人"), parse_value("优良"), parse_value("健康")):  # fmt: skip
        built = IndicatorValue(
            v.kind, v.op, v.number, v.number_hi, v.unit, v.word, v.reference, v.start, v.end, v.raw
        )
        assert built == v and hash(built) == hash(v) and repr(built) == repr(v)
    q = quick_value(ValueKind.QUANTITATIVE, GE, Decimal(1), "人", "≥1人")
    assert q == IndicatorValue(ValueKind.QUANTITATIVE, GE, Decimal(1), unit="人", raw="≥1人")


@pytest.mark.parametrize(
    "raw", ["≥100%%", "=提升无", "应保尽保，应救尽救", "是否可持续使用", "健康"]
)
def test_values_that_are_not_targets_are_kept_unparsed(raw: str) -> None:
    v = parse_value(raw)
    assert v.kind is ValueKind.UNPARSED and v.raw == raw
