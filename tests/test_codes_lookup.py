"""Lookup, editions, entry properties and the economic facts, checked against the seed."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import skip_without_shared
from govbudget import lookup
from govbudget.codes import (
    BUNDLED_EDITIONS,
    NEWEST_EDITION,
    ControlledExpense,
    EconomicCode,
    ExpenseNature,
    FunctionalCode,
    GovernmentEconomicCode,
    RevenueCode,
    Scheme,
    UnknownEdition,
    catalogue,
    economic_mapping,
    editions,
    regroup_to_government,
    to_government,
)
from govbudget.errors import InvalidCode, UnknownCode


def seed_pairs(seed: Path) -> list[tuple[str, str]]:
    """(code, name) pairs as the seed prints them: a code cell, then its name cell."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    pairs = set()
    for a, b in itertools.pairwise(lines):
        m = re.fullmatch(r"\s*([235]\d{2}(?:\d{2}){0,2})\s*", a)
        if m and re.fullmatch(r"\s*[\u4e00-\u9fff（）()]+\s*", b):
            pairs.add((m.group(1), b.strip()))
    return sorted(pairs)


@pytest.fixture(scope="module")
def seed(shared: Path) -> Path:
    path = shared / "seed" / "lianchi-hrss-2023-budget.txt"
    skip_without_shared(path)
    return path


def test_seed_codes_resolve_with_the_seed_names(seed: Path) -> None:
    pairs = seed_pairs(seed)
    codes = {c for c, _ in pairs}
    # the 收支/支出 tables and the 基本支出表 (docs/domain.md §1, §3 T6)
    assert {"208", "2080101", "2080505", "2101103", "2210201", "30113", "30231", "30309"} <= codes
    assert len(pairs) >= 30
    for code, name in pairs:
        entry = lookup(code, year=2023)
        assert entry.name == name, code
        assert entry.provenance == "observed"  # the seed itself is a published document


def test_entry_properties() -> None:
    e = lookup("2080505", year=2023)
    assert isinstance(e, FunctionalCode) and e.scheme is Scheme.FUNCTIONAL
    assert (e.code, e.level, e.parent, e.edition) == ("2080505", "项", "20805", 2023)
    assert [a.code for a in e.ancestors] == ["208", "20805"]
    assert [p.name for p in e.path] == ["社会保障和就业支出", "行政事业单位养老支出",
                                         "机关事业单位基本养老保险缴费支出"]
    assert e.children == []
    kids = lookup("20805", year=2023).children
    assert "2080505" in [k.code for k in kids] and all(k.parent == "20805" for k in kids)
    assert lookup("208", year=2023).parent is None
    hash(e)  # frozen records are hashable
    with pytest.raises(AttributeError):
        e.name = "x"  # type: ignore[misc]


def test_residuals() -> None:
    assert lookup("2080799", year=2023).is_residual
    assert lookup("30299", year=2023).is_residual
    assert lookup("229", year=2023).is_residual
    assert not lookup("30239", year=2023).is_residual  # 其他交通费用 is not a 99 code
    residual = [e for e in catalogue("functional", 2023) if e.is_residual and e.level != "类"]
    assert residual and all(e.name.startswith("其他") for e in residual[:50])


def test_scheme_inference_and_entry_types() -> None:
    assert isinstance(lookup("10101", year=2023), RevenueCode)
    assert isinstance(lookup("30101", year=2023), EconomicCode)
    assert isinstance(lookup("50101", year=2023), GovernmentEconomicCode)
    with pytest.raises(InvalidCode):
        lookup("401")
    with pytest.raises(InvalidCode):
        lookup("30101", scheme="functional")
    assert lookup("208").edition == NEWEST_EDITION == max(BUNDLED_EDITIONS)


def test_editions_and_renames() -> None:
    assert editions() == list(range(2018, 2027))
    assert lookup("210", year=2018).name == "医疗卫生与计划生育支出"
    assert lookup("210", year=2019).name == "卫生健康支出"
    assert lookup("20805", year=2020).name == "行政事业单位离退休"
    assert lookup("20805", year=2021).name == "行政事业单位养老支出"
    assert lookup("2089901", year=2020).name == "其他社会保障和就业支出"  # removed in 2021
    assert "224" not in catalogue("functional", 2018)
    assert not [e for e in catalogue("functional", 2018) if e.code.startswith("224")]


def test_unknown_code_names_the_editions_that_have_it() -> None:
    with pytest.raises(UnknownCode) as info:
        lookup("2014001", year=2023)
    assert info.value.editions == (2024, 2025, 2026)
    assert info.value.edition == 2023 and info.value.scheme == "functional"
    assert info.value.suggestions and all(c.startswith("201") for c, _ in info.value.suggestions)
    with pytest.raises(UnknownCode) as info:
        lookup("2089901", year=2023)
    assert info.value.editions == (2018, 2019, 2020)
    assert isinstance(info.value, LookupError)


def test_unknown_edition() -> None:
    with pytest.raises(UnknownEdition) as info:
        lookup("208", year=2017)
    assert isinstance(info.value, LookupError) and 2018 in info.value.available


def test_catalogue_protocol() -> None:
    cat = catalogue("functional", 2023)
    assert cat.edition == 2023 and cat.scheme is Scheme.FUNCTIONAL
    assert cat.get("2080101") is cat["2080101"] is cat.lookup("208 01 01")
    assert cat.get("208 01 01") is cat.get("2080101")
    assert cat.get("2999999") is None and cat.get("junk") is None and cat.get(None) is None  # type: ignore[arg-type]
    assert "2080101" in cat and "[208]" in cat and "junk" not in cat
    assert len(list(cat)) == len(cat)
    with pytest.raises(UnknownCode):
        cat["2999999"]
    with pytest.raises(InvalidCode):
        cat.lookup("20")
    assert [e.code for e in cat.path("2080101")] == ["208", "20801", "2080101"]
    tree = cat.descendants("20805", depth=1)
    assert tree[0] == (0, cat["20805"]) and all(d == 1 for d, _ in tree[1:])
    assert catalogue(Scheme.FUNCTIONAL, 2023) is cat  # cached


def test_economic_facts() -> None:
    nature = {c: lookup(c, year=2023).nature for c in ("30101", "30302", "30201", "31002", "30701")}
    assert nature == {"30101": ExpenseNature.PERSONNEL, "30302": ExpenseNature.PERSONNEL,
                      "30201": ExpenseNature.PUBLIC, "31002": ExpenseNature.PUBLIC,
                      "30701": None}
    items = {c: lookup(c, year=2023).three_public_item for c in ("30212", "30231", "31013",
                                                                 "30217", "30215", "30216")}
    assert items["30212"] is ControlledExpense.OVERSEAS_TRAVEL
    assert items["31013"] is ControlledExpense.VEHICLE_PURCHASE
    assert items["30215"] is None and items["30216"] is None
    assert lookup("30215", year=2023).controlled_expense is ControlledExpense.MEETING
    assert {i.value for i in ControlledExpense if i.is_three_public} == {
        "30212", "30231", "31013", "30217"}
    for item in ControlledExpense:  # every item's code is a 款 of every edition
        for year in BUNDLED_EDITIONS:
            assert item.value in catalogue("economic", year)


def test_government_mapping() -> None:
    assert lookup("30101", year=2023).government_code("行政") == "50101"
    assert lookup("30101", year=2023).government_code("事业单位") == "50501"
    assert lookup("30215", year=2023).government_code("参公") == "50202"
    assert lookup("301", year=2023).government_code("行政") is None
    assert to_government("30231", "行政", year=2023).name == "公务用车运行维护费"
    with pytest.raises(UnknownCode):
        to_government("30311", "行政", year=2023)  # the sources disagree: not shipped
    with pytest.raises(ValueError):
        to_government("30101", "企业", year=2023)
    for kind in ("行政", "事业"):
        mapping = economic_mapping(kind)
        assert len(mapping) >= 90
        for dept, gov in mapping.items():
            assert dept in catalogue("economic", 2023) and gov in catalogue(
                "government_economic", 2023)


def test_regroup_seed_basic_expenditure() -> None:
    # the seed's 基本支出表 (docs/domain.md §3 T6), 行政 unit
    amounts = {"301": Decimal("293.20"), "30101": Decimal("87.00"), "30102": Decimal("122.00"),
               "30103": Decimal("8.00"), "30108": Decimal("29.00"), "30113": Decimal("24.00"),
               "30231": Decimal("6.00"), "30302": Decimal("50.00")}
    out = regroup_to_government(amounts, "行政", year=2023)
    assert out["50101"] == Decimal("217.00")
    assert out["50208"] == Decimal("6.00") and out["50905"] == Decimal("50.00")
    assert out["501"] == Decimal("270.00")
    assert sum(v for k, v in out.items() if len(k) == 5) == sum(
        v for k, v in amounts.items() if len(k) == 5)
