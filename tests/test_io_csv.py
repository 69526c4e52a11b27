"""Long-form CSV: exact round trips of the table part, markers, spreadsheet options, errors."""

from __future__ import annotations

import csv
import io
import random
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govbudget
from govbudget.errors import LoadError
from govbudget.formats.csvio import CSV_COLUMNS, from_csv, read_csv_file, table_part, to_csv
from govbudget.money import Cell, CellKind, Unit, parse_cell
from govbudget.readers.raw import SourceLocation
from govbudget.tables import (
    BudgetTable,
    Column,
    Disclosure,
    Document,
    Row,
    Scope,
    TableBuilder,
    TableHeader,
    TableKind,
    UnitKind,
    Unparsed,
)
from govbudget.tables.narrative import Narrative, Section, SectionKind
from govbudget.tables.performance import PerformanceTarget


@pytest.fixture(scope="module")
def seed() -> Document:
    doc: Document = govbudget.example()
    return doc


def _lines(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def _small() -> Document:
    t = (TableBuilder(TableKind.GENERAL_BUDGET, title="一般公共预算支出表")
         .line("total", "合计", total="58.00", basic="", project="-")
         .row("208", "社会保障和就业支出", total="58", project=parse_cell("1,234.50"))
         .text_row("人行科目")
         .build())
    unit = Disclosure(Scope.UNIT, "323001", "本级", 2023, tables=(t,),
                      unit_kind=UnitKind.ADMINISTRATIVE)
    dept = Disclosure(Scope.DEPARTMENT, "323", "人社局", 2023, tables=(t,), units=(unit,),
                      narrative=Narrative((Section(SectionKind.OTHER, "其他", "文字"),)),
                      performance=(PerformanceTarget.prose("部门整体", "1.做好A。"),),
                      unparsed=(Unparsed("???", "unknown"),))
    return Document("x.txt", (dept,), unparsed=(Unparsed("!!", "junk"),), pages=3)


# ---------------------------------------------------------------- the seed


def test_seed_round_trips_to_its_table_part(seed: Document) -> None:
    back = from_csv(to_csv(seed))
    assert back == table_part(seed)
    # what CSV does not carry is really gone, and only that
    assert back != seed
    for original, read in zip(seed.walk(), back.walk(), strict=True):
        assert original.narrative is not None and read.narrative is None
        assert read.performance == () and read.unparsed == ()
        assert read.tables == original.tables
        assert (read.scope, read.code, read.name, read.year, read.unit, read.unit_kind) == (
            original.scope, original.code, original.name, original.year, original.unit,
            original.unit_kind)
    assert (back.source, back.pages, back.unparsed) == (None, None, ())
    assert back == attrs.evolve(
        seed, source=None, pages=None, unparsed=(),
        disclosures=tuple(
            attrs.evolve(d, narrative=None, performance=(), unparsed=(),
                         units=tuple(attrs.evolve(u, narrative=None, performance=(),
                                                  unparsed=()) for u in d.units))
            for d in seed.disclosures))


def test_seed_has_one_line_per_cell(seed: Document) -> None:
    lines = _lines(to_csv(seed))
    cells = sum(len(r.cells) + len(r.texts) for d in seed.walk() for t in d.tables
                for r in t.rows)
    assert sum(1 for line in lines if line["kind"]) == cells
    assert {line["kind"] for line in lines} <= {"", "blank", "dash", "amount", "text"}
    assert {line["disclosure"] for line in lines} == {"323", "323001"}
    assert {line["parent"] for line in lines if line["disclosure"] == "323001"} == {"323"}
    assert {line["unit"] for line in lines} == {"万元"}


def test_seed_amounts_are_written_as_printed(seed: Document) -> None:
    lines = _lines(to_csv(seed))
    hit = [line for line in lines if line["disclosure"] == "323" and line["table"] ==
           "EXPENDITURE" and line["row_code"] == "2080102" and line["column"] == "project"]
    assert [(h["value"], h["kind"], h["column_name"]) for h in hit] == [
        ("55.00", "amount", "项目支出")]


def test_a_unit_disclosure_alone(seed: Document) -> None:
    unit = seed.disclosures[0].units[0]
    back = from_csv(to_csv(unit))
    assert back.disclosures == table_part(unit).disclosures
    assert {line["parent"] for line in _lines(to_csv(unit))} == {""}


# ---------------------------------------------------------------- exactness and markers


def test_small_document_and_what_is_dropped() -> None:
    doc = _small()
    back = from_csv(to_csv(doc), source="x.csv")
    assert back.source == "x.csv"
    assert back.disclosures == table_part(doc).disclosures
    t = back.disclosures[0].tables[0]
    assert t.line("total") is not None
    assert t.line("total").cells == {"total": Cell.amount("58.00"),  # type: ignore[union-attr]
                                     "basic": Cell(CellKind.BLANK),
                                     "project": Cell(CellKind.DASH)}
    row = t.row("208")
    assert row is not None
    assert row.cells["total"] == Cell.amount("58") != Cell.amount("58.00")
    assert row.cells["project"].raw == "1,234.50"
    assert t.rows[2].name == "人行科目" and t.rows[2].cells == {}
    assert back.disclosures[0].units[0].unit_kind is UnitKind.ADMINISTRATIVE


def test_precision_blank_dash_and_zero_stay_apart() -> None:
    values = ["", "-", "0", "0.00", "58", "58.0", "58.00", "-3.50", "0.000001"]
    b = TableBuilder(TableKind.PROCUREMENT)
    for i, v in enumerate(values):
        b.row(f"2{i:02d}", f"r{i}", total=v)
    t = b.build()
    d = Disclosure(Scope.DEPARTMENT, "1", "d", 2024, tables=(t,))
    back = from_csv(to_csv(d)).disclosures[0].tables[0]
    assert back == t
    assert [r.cells["total"].text() for r in back.rows] == values


def test_empty_rows_tables_disclosures_and_unused_columns_survive() -> None:
    other = BudgetTable(columns=(Column("a", "甲", 1), Column("b", "乙", 2, text=True),
                                 Column("a", "甲again")),
                        rows=(Row("空行"), Row("x", cells={"a": Cell.amount("1")})),
                        unit=Unit.YUAN, title="其他表", note="说明\n第二行",
                        header=TableHeader("323", "某局", 2023, "单位：元"))
    empty = TableBuilder(TableKind.GOV_FUND, columns=()).build()
    d = Disclosure(Scope.DEPARTMENT, None, "无编码", 2023, unit=Unit.YI,
                   tables=(other, empty),
                   units=(Disclosure(Scope.UNIT, "9", "u", 2023),
                          Disclosure(Scope.UNIT, "9", "same code", 2023)))
    doc = Document(None, (d, Disclosure(Scope.UNIT, "8", "alone", 2022)))
    assert from_csv(to_csv(doc)) == doc
    kinds = [(line["row"], line["column"], line["kind"]) for line in _lines(to_csv(doc))]
    assert ("0", "", "") in kinds  # the empty row's marker
    assert ("", "b", "") in kinds and ("", "a", "") in kinds  # unused column markers


def test_texts_and_cells_of_the_same_key() -> None:
    t = (TableBuilder(TableKind.THREE_PUBLIC_YOY)
         .line("total", "合计", prior="1", current="2", change="1", texts={"reason": "增加，因为"})
         .line("overseas", "因公出国", texts={"reason": ""})
         .build())
    t = attrs.evolve(t, rows=(*t.rows, Row("odd", cells={"reason": Cell.amount("1")},
                                           texts={"reason": "also", "nowhere": "x"})))
    d = Disclosure(Scope.DEPARTMENT, "1", "d", 2023, tables=(t,))
    assert from_csv(to_csv(d)).disclosures[0].tables[0] == t


def test_source_locations_are_not_written() -> None:
    loc = SourceLocation("f.txt", line=3)
    t = BudgetTable(columns=(Column("a", "甲"),),
                    rows=(Row("x", cells={"a": Cell.amount("1")}, source=loc,
                              cell_sources={"a": loc}),), source=loc)
    text = to_csv(Disclosure(Scope.DEPARTMENT, "1", "d", 2023, tables=(t,), source=loc))
    assert "f.txt" not in text
    back = from_csv(text).disclosures[0]
    assert back.source is None and back.tables[0].rows[0].source is None


def test_table_part_normalises_what_csv_cannot_tell_apart() -> None:
    t = BudgetTable(columns=(Column("a", "甲", side=""),),
                    rows=(Row("x", code="", line="", side=""),), title="", note="",
                    header=TableHeader("", "", None, ""))
    d = Disclosure(Scope.DEPARTMENT, "", "d", 2023, tables=(t,))
    back = from_csv(to_csv(d))
    assert back == table_part(d)
    read = back.disclosures[0]
    assert read.code is None and read.tables[0].title is None
    assert read.tables[0].header == TableHeader()
    assert read.tables[0].rows[0].code is None


def test_empty_document() -> None:
    text = to_csv(Document(None, ()))
    assert text.strip() == ",".join(CSV_COLUMNS)
    assert from_csv(text) == Document(None, ())


def test_to_csv_refuses_other_objects() -> None:
    with pytest.raises(TypeError):
        to_csv(TableBuilder(TableKind.OTHER).build())  # type: ignore[arg-type]


# ---------------------------------------------------------------- spreadsheet friendliness


def test_bom_file_and_text_stream(tmp_path: Path, seed: Document) -> None:
    path = tmp_path / "seed.csv"
    text = to_csv(seed, path, bom=True)
    assert text.startswith("\ufeff")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfdisclosure,")
    assert path.read_bytes().count(b"\xef\xbb\xbf") == 1
    assert read_csv_file(path) == attrs.evolve(table_part(seed), source=str(path))
    plain = tmp_path / "plain.csv"
    to_csv(seed, plain)
    assert plain.read_bytes().startswith(b"disclosure,")
    stream = io.StringIO()
    assert to_csv(seed, stream) == stream.getvalue()
    assert from_csv(path.read_bytes()) == table_part(seed)


def test_lines_in_any_order_and_extra_columns(seed: Document) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(seed), newline="")))
    header, body = rows[0], rows[1:]
    random.Random(4).shuffle(body)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["comment", *header])
    w.writerows(["note", *r] for r in body)
    assert from_csv(out.getvalue()) == table_part(seed)


# ---------------------------------------------------------------- errors


def _edit(text: str, line: int | None, column: str, value: str) -> str:
    """Set ``column`` to ``value`` on data line ``line`` (1-based), or on every line."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for i in range(1, len(rows)) if line is None else (line,):
        rows[i][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(("column", "value", "message"), [
    ("value", "1,234", "canonical"),
    ("value", "12,3", "not an amount"),
    ("value", "abc", "not an amount"),
    ("kind", "number", "unknown cell kind"),
    ("table", "NOPE", "unknown table kind"),
    ("scope", "city", "unknown scope"),
    ("row_name", "changed", "row 0: row_name"),
    ("year", "20x3", "disclosure 0: year"),
    ("row", "x", "not an index"),
    ("column_text", "yes", "column_text"),
])
def test_bad_lines_raise_load_error(column: str, value: str, message: str) -> None:
    t = (TableBuilder(TableKind.GENERAL_BUDGET).line("total", "合计", total="58.00", basic="1")
         .build())
    text = to_csv(Disclosure(Scope.DEPARTMENT, "1", "d", 2023, tables=(t,)))
    with pytest.raises(LoadError, match=message) as info:
        from_csv(_edit(text, None if column in ("table", "scope") else 1, column, value),
                 source="bad.csv")
    assert info.value.file == "bad.csv"


def test_bad_file_shapes() -> None:
    with pytest.raises(LoadError, match="no header"):
        from_csv("")
    with pytest.raises(LoadError, match="missing column"):
        from_csv("disclosure,year\n1,2023\n")
    with pytest.raises(LoadError, match="not UTF-8"):
        from_csv(b"\xff\xfe")
    text = to_csv(_small())
    duplicated = text + text.splitlines()[1] + "\r\n"
    with pytest.raises(LoadError, match="a second"):
        from_csv(duplicated)
    with pytest.raises(LoadError, match="parent"):
        from_csv(_edit(text, len(text.splitlines()) - 1, "parent_index", "7"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read"):
        read_csv_file(tmp_path / "none.csv")


# ---------------------------------------------------------------- the law, on random tables

_names = st.text(st.characters(codec="utf-8"), max_size=8)
_amounts = st.builds(
    lambda n, places: format(Decimal(n).scaleb(-places), "f"),
    st.integers(min_value=-10**12, max_value=10**12), st.integers(min_value=0, max_value=6))
_cells = st.one_of(st.just(""), st.just("-"), _amounts,
                   _amounts.map(lambda a: parse_cell(a) if "." in a else Cell.amount(a, a + " ")))


@st.composite
def tables(draw: st.DrawFn) -> BudgetTable:
    kind = draw(st.sampled_from(list(TableKind)))
    b = TableBuilder(kind, unit=draw(st.sampled_from(list(Unit))),
                     title=draw(st.none() | _names.filter(bool)))
    keys = [c.key for c in b.columns if not c.text]
    text_keys = [c.key for c in b.columns if c.text]
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        cells = draw(st.dictionaries(st.sampled_from(keys), _cells)) if keys else {}
        texts = draw(st.dictionaries(st.sampled_from(text_keys), _names)) if text_keys else {}
        side = draw(st.sampled_from(["income", "expenditure"])) if kind.spec.two_sided else None
        number = draw(st.none() | st.integers(min_value=0, max_value=99))
        what = draw(st.sampled_from(["row", "line", "text"]))
        name = draw(_names)
        if what == "row":
            code = draw(st.sampled_from([3, 5, 7]).flatmap(
                lambda n: st.text("0123456789", min_size=n, max_size=n)))
            b.row(code, name, side=side, number=number, texts=texts, **cells)
        elif what == "line":
            b.line(draw(st.sampled_from(["total", "subtotal", "carryover"])), name, side=side,
                   number=number, texts=texts, **cells)
        else:
            b.text_row(name, side=side, number=number, texts=texts, **cells)
    return b.build()


_disclosures = st.builds(
    Disclosure, scope=st.sampled_from(list(Scope)),
    code=st.none() | st.text("0123456789", min_size=1, max_size=6), name=_names,
    year=st.integers(min_value=2000, max_value=2100), unit=st.sampled_from(list(Unit)),
    tables=st.lists(tables(), max_size=3).map(tuple),
    unit_kind=st.none() | st.sampled_from(list(UnitKind)),
    unparsed=st.lists(st.builds(Unparsed, _names, _names), max_size=1).map(tuple),
)
_documents = st.builds(
    Document, source=st.none() | _names,
    disclosures=st.lists(
        st.builds(lambda d, units: attrs.evolve(d, units=tuple(units)), _disclosures,
                  st.lists(_disclosures, max_size=2)),
        max_size=2).map(tuple),
    pages=st.none() | st.integers(min_value=1, max_value=9),
)


@given(_documents)
def test_round_trip_law(doc: Document) -> None:
    assert from_csv(to_csv(doc)) == table_part(doc)
    assert from_csv(to_csv(doc, bom=True).encode()) == table_part(doc)


@given(tables())
def test_random_tables_are_exact(t: BudgetTable) -> None:
    d = Disclosure(Scope.UNIT, "1", "u", 2023, tables=(t,))
    assert from_csv(to_csv(d)).disclosures[0].tables == (t,)


def test_a_table_marked_unreadable_keeps_its_reason(seed: Document) -> None:
    d = seed.disclosures[0]
    marked = attrs.evolve(d.tables[0], unreadable="列无法识别")
    doc = attrs.evolve(seed, disclosures=(attrs.evolve(d, tables=(marked, *d.tables[1:])),))
    back = from_csv(to_csv(doc))
    assert back.disclosures[0].tables[0].unreadable == "列无法识别"
    assert govbudget.from_json(govbudget.to_json(doc)) == doc


def test_what_the_reader_inferred_survives_csv_and_json(seed: Document) -> None:
    """Remarks (with commas, quotes, a newline), the unit's basis and the breakdown are part
    of the table: both formats carry them, and a table differing only in them is not equal."""
    from govbudget.tables.model import UnitBasis

    d = seed.disclosures[0]
    remarks = ('rows coded from their names: 一般公共服务支出, "其他"', "unit inferred\n(元)")
    marked = attrs.evolve(d.tables[1], remarks=remarks, unit_basis=UnitBasis.INFERRED,
                          breakdown="unit")
    assert marked != d.tables[1]
    doc = attrs.evolve(seed, disclosures=(attrs.evolve(d, tables=(d.tables[0], marked,
                                                                   *d.tables[2:])),))
    back = from_csv(to_csv(doc)).disclosures[0].tables[1]
    assert (back.remarks, back.unit_basis, back.breakdown) == (remarks, UnitBasis.INFERRED, "unit")
    assert govbudget.from_json(govbudget.to_json(doc)) == doc


@pytest.mark.parametrize("value", ["not json", '{"a": 1}', "[1, 2]"])
def test_bad_remarks_raise_load_error(value: str) -> None:
    t = (TableBuilder(TableKind.GENERAL_BUDGET).line("total", "合计", total="58.00").build())
    text = to_csv(Disclosure(Scope.DEPARTMENT, "1", "d", 2023, tables=(t,)))
    with pytest.raises(LoadError, match="remarks"):
        from_csv(_edit(text, None, "remarks", value), source="bad.csv")
