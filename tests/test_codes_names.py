"""Names: checking a printed name against an edition, search, and names → codes."""

from __future__ import annotations

import time

import pytest

from govbudget.codes import (
    NameStatus,
    catalogue,
    check_name,
    normalize_name,
    resolve_name,
)
from govbudget.errors import InvalidCode, UnknownCode


def test_normalisation() -> None:
    assert normalize_name(" 因公出国（境）费用 ") == normalize_name("因公出国(境)费用")
    assert normalize_name("社会保障和就业支出（类）") == "社会保障和就业支出"
    assert normalize_name("八、社会保障和就业支出") == "社会保障和就业支出"
    assert normalize_name("行政 运行") == "行政运行"


@pytest.mark.parametrize(
    ("code", "printed", "year", "status"),
    [
        ("2080101", "行政运行", 2023, NameStatus.EXACT),
        ("2080101", "行政运行（项）", 2023, NameStatus.EXACT),
        ("30212", "因公出国(境)费用", 2023, NameStatus.EXACT),
        ("210", "医疗卫生与计划生育支出", 2023, NameStatus.OUTDATED),
        ("210", "医疗卫生与计划生育支出", 2018, NameStatus.EXACT),
        ("210", "卫生健康支出", 2018, NameStatus.MISMATCH),
        ("210", "教育支出", 2023, NameStatus.MISMATCH),
        ("20805", "行政事业单位养老支出", 2020, NameStatus.ACCEPTED_VARIANT),
        ("20805", "行政事业单位离退休", 2020, NameStatus.EXACT),
        ("20805", "行政事业单位离退休", 2021, NameStatus.OUTDATED),
        ("30311", "住房公积金", 2020, NameStatus.EXACT),
        ("30311", "代缴社会保险费", 2020, NameStatus.ACCEPTED_VARIANT),
        ("30311", "住房公积金", 2023, NameStatus.OUTDATED),
        ("30307", "医疗费", 2018, NameStatus.OUTDATED),
        ("20139", "社会工作事务", 2025, NameStatus.ACCEPTED_VARIANT),
    ],
)
def test_check_name(code: str, printed: str, year: int, status: NameStatus) -> None:
    result = check_name(code, printed, year=year)
    assert result.status is status, result
    assert result.printed_name == printed and result.year == year
    assert result.ok == (status in (NameStatus.EXACT, NameStatus.ACCEPTED_VARIANT))
    if status is NameStatus.EXACT:
        assert normalize_name(result.current_name or "") == normalize_name(printed)


def test_check_name_explains_where_a_name_belongs() -> None:
    result = check_name("210", "卫生健康支出", year=2018)
    assert result.current_name == "医疗卫生与计划生育支出"
    assert result.editions == tuple(range(2019, 2027))


def test_check_name_unknown_code() -> None:
    with pytest.raises(UnknownCode):
        check_name("20139", "社会工作事务", year=2023)  # outside the window
    with pytest.raises(InvalidCode):
        check_name("20x", "x", year=2023)


def test_search() -> None:
    cat = catalogue("functional", 2023)
    exact = cat.search("行政单位医疗")
    assert exact[0].code == "2101101"
    assert all("行政单位医疗" in normalize_name(e.name) for e in exact)
    assert cat.search("医疗卫生与计划生育支出")[0].code == "210"  # a former name
    assert {e.code for e in cat.search("养老保险缴费")} >= {"2080505"}
    assert cat.search("") == [] and cat.search("不存在的名称") == []
    assert len(cat.search("行政运行")) > 50


def test_search_is_fast_once_indexed() -> None:
    cat = catalogue("functional", 2023)
    cat.search("x")  # build the index
    t = time.perf_counter()
    cat.search("社会")
    assert time.perf_counter() - t < 0.5  # sanity only; the timing is in benchmarks/


def test_resolve_names() -> None:
    narrative = ("社会保障和就业支出（类）行政事业单位养老支出（款）"
                 "机关事业单位基本养老保险缴费支出（项）")
    assert resolve_name(narrative, year=2023).code == "2080505"
    assert resolve_name("社会保障和就业支出（类）", year=2023).code == "208"
    chain = "人力资源和社会保障管理事务（款）行政运行（项）"
    assert resolve_name(chain, year=2023).code == "2080101"
    assert resolve_name("公务用车运行维护费", year=2023, scheme="economic").code == "30231"
    assert resolve_name("医疗卫生与计划生育支出（类）", year=2023).code == "210"
    with pytest.raises(InvalidCode, match="ambiguous"):
        resolve_name("行政运行（项）", year=2023)
    with pytest.raises(UnknownCode):
        resolve_name("不存在的支出（类）", year=2023)
