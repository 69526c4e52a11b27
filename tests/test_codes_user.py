"""Editions the user loads from the official publication (CSV or .xlsx)."""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from pathlib import Path

import pytest

from govbudget.codes import catalogue, editions, load_edition, loaded_catalogues, lookup
from govbudget.codes.user import unload_edition
from govbudget.errors import LoadError, MissingExtra, UnknownCode

ROWS = "code,name\n208,社会保障和就业支出\n20801,人力资源和社会保障管理事务\n2080101,行政运行\n"


@pytest.fixture(autouse=True)
def clean() -> Iterator[None]:
    yield
    for scheme, year, kind in loaded_catalogues():
        if kind == "user":
            unload_edition(scheme=scheme, year=year)


def write(tmp_path: Path, text: str, name: str = "ed.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_replace(tmp_path: Path) -> None:
    cat = load_edition(write(tmp_path, ROWS), scheme="functional", year=2023)
    assert len(cat) == 3 and not cat.coverage.partial and cat.coverage.user == 3
    assert lookup("2080101", year=2023).provenance == "user"
    assert catalogue("functional", 2023) is cat
    with pytest.raises(UnknownCode):
        lookup("2080102", year=2023)
    assert lookup("2080101", year=2023).path[0].name == "社会保障和就业支出"
    assert unload_edition(scheme="functional", year=2023)
    assert lookup("2080102", year=2023).provenance == "observed"


def test_overlay_and_new_year(tmp_path: Path) -> None:
    text = "208,社会保障和就业支出\n2080199,其他人力资源和社会保障管理事务支出（新）\n"
    load_edition(write(tmp_path, text), scheme="functional", year=2024, mode="overlay")
    assert lookup("2080199", year=2024).provenance == "user"
    assert lookup("2080102", year=2024).provenance == "observed"
    assert catalogue("functional", 2024).coverage.partial
    load_edition(write(tmp_path, ROWS), scheme="functional", year=2027)
    assert 2027 in editions("functional") and 2027 not in editions("economic")
    assert lookup("208", year=2027).edition == 2027
    with pytest.raises(LoadError):
        load_edition(write(tmp_path, ROWS), scheme="functional", year=2030, mode="overlay")


def test_gbk_and_display_forms(tmp_path: Path) -> None:
    text = "科目编码,科目名称\n[208],社会保障和就业支出\n208-01,人力资源和社会保障管理事务\n"
    cat = load_edition(write(tmp_path, text, encoding="gbk"), scheme="functional", year=2022)
    assert cat.codes() == ["208", "20801"]


@pytest.mark.parametrize(
    ("text", "row"),
    [("208,a\n20801,b\n208,c\n", 3), ("208,a\n2080101,b\n", 2), ("208,a\n30101,b\n", 2),
     ("208,a\nxyz,b\n", 2), ("208,\n", 1)],
)
def test_bad_files(tmp_path: Path, text: str, row: int) -> None:
    with pytest.raises(LoadError) as info:
        load_edition(write(tmp_path, text), scheme="functional", year=2023)
    assert info.value.row == row
    assert lookup("2080102", year=2023).provenance == "observed"  # nothing registered


def test_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [("编码", "名称"), (301, "工资福利支出"), (30101, "基本工资"), ("302", "商品和服务支出")]
    for row in rows:
        ws.append(row)
    path = tmp_path / "ed.xlsx"
    wb.save(path)
    cat = load_edition(path, scheme="economic", year=2023)
    assert cat.codes() == ["301", "30101", "302"] and cat["30101"].name == "基本工资"


def test_xlsx_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake(name: str, *args: object, **kwargs: object) -> object:
        if name == "openpyxl":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(MissingExtra) as info:
        load_edition(write(tmp_path, "", "x.xlsx"), scheme="economic", year=2023)
    assert "govbudget[xlsx]" in str(info.value)


def test_a_missing_or_oversized_edition_file_is_a_load_error(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Regression: a user edition file gets the loaders' limits and a LoadError naming it."""
    from govbudget import limits
    from govbudget.codes import load_edition
    from govbudget.errors import LoadError

    with pytest.raises(LoadError, match="nothing"):
        load_edition(tmp_path / "nothing.csv", scheme="functional", year=2023)
    big = tmp_path / "big.csv"
    big.write_text("208,社会保障和就业支出\n" * 100, encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 100)
    with pytest.raises(LoadError, match=r"big\.csv"):
        load_edition(big, scheme="functional", year=2023)
