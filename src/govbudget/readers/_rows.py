"""Reading a table's rows into a typed ``BudgetTable`` (行的读取).

Each physical row gives one row (two in a two-sided 收支总表: income and expenditure);
codes split over 类/款/项 columns are joined, named lines are recognised, cells parsed;
a 三公 table printing its lines across is read transposed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

import attrs

from govbudget.errors import GovBudgetError, InvalidAmount
from govbudget.money import Cell, Unit, parse_cell
from govbudget.readers._across import (
    is_across,
    is_final_across,
    read_across,
    read_final_across,
)
from govbudget.readers._blocks import blocks, carried, carried_from_apart, masked
from govbudget.readers._columns import _columns, _is_label
from govbudget.readers._headers import _NOTE, _UNIT, _UNIT_IN_LABEL, _header
from govbudget.readers._lines import is_unit_name, settle
from govbudget.readers._names import NameCoder
from govbudget.readers.layout import Layout, clean, read_layout, split_fused
from govbudget.readers.raw import CellSources, RawTable
from govbudget.tables.disclosure import Unparsed
from govbudget.tables.kinds import TableKind, normalise_label
from govbudget.tables.model import BudgetTable, Row, UnitBasis, table_type

_BRACKET_CODE = re.compile(r"^\s*[\[【]\s*(\d{3}(?:\d{2}){0,2})\s*[\]】]\s*(.*)$|^\s*(\d{3}(?:\d{2}){0,2})\s+(\S.*)$",
                           re.S)
_SPACED_HAN = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


def _build_table(kind: TableKind, raw: RawTable, title: str | None, rows: list[tuple[str, ...]],
                 context: list[str], file: str, unparsed: list[Unparsed],
                 apart: list[BudgetTable] | None = None, header_rows: int | None = None
                 ) -> BudgetTable:
    """The typed table of a raw grid; cells that cannot be read go to ``unparsed``; blocks
    printed beside the table but read as tables of their own go to ``apart``."""
    header = _header(context, title)
    layout = read_layout(rows, header_rows=header_rows)
    if apart is not None and len(rows) > layout.header_rows:
        own, others = blocks(kind, rows, layout)
        if len(own) > 1 or others:
            head = layout.header_rows  # the blocks share the grid's header
            rows = carried(rows, head, own)
            if len(own) == 1 and others:
                rows = carried_from_apart(rows, head, own[0], others)
            parts = [_build_table(kind, raw, title, masked(rows, cols), context, file, unparsed,
                                  header_rows=head) for cols in own]
            for label, cols in others:
                apart.append(_build_table(TableKind.OTHER, raw, f"{title or ''}（{label}）",
                                          masked(rows, cols), context, file, unparsed,
                                          header_rows=head))
            return attrs.evolve(parts[0], rows=tuple(r for t in parts for r in t.rows),
                                remarks=tuple(dict.fromkeys(x for t in parts for x in t.remarks)))
    if layout.header_rows >= len(rows) > 1:  # no amounts anywhere: the header ends at the
        first = next((i for i, r in enumerate(rows) if i > 0 and not all(  # first non-label row
            _is_label(kind, c) for c in r if c.strip())), len(rows))
        across = is_final_across if kind is TableKind.FINAL_THREE_PUBLIC else is_across
        if kind in _ACROSS and (
            across(kind, read_layout(rows, header_rows=first), rows[:first])
            or across(kind, read_layout(rows, header_rows=len(rows)), ())
        ):  # a template printing the 三公 lines across, with no row of amounts yet
            first = len(rows)
        layout = read_layout(rows, header_rows=first)
    unit, basis = _unit(header.unit_text, rows[:layout.header_rows])
    if kind is TableKind.THREE_PUBLIC and is_across(kind, layout, rows):
        return attrs.evolve(read_across(kind, raw, title, rows, layout, header, unit, file),
                            unit_basis=basis)
    if kind is TableKind.FINAL_THREE_PUBLIC and is_final_across(kind, layout, rows):
        return attrs.evolve(read_final_across(kind, raw, title, rows, layout, header, unit, file),
                            unit_basis=basis)
    # in two-sided tables each physical row holds an income and an expenditure row
    spec = kind.spec
    layout = _primary_codes(layout, spec.scheme)
    names = layout.name_columns if spec.two_sided else _row_names(layout)
    columns = _columns(kind, layout, names)
    sides: list[tuple[str | None, int | None, tuple[int, ...]]]
    if spec.two_sided and len(names) >= 2:
        sides = [("income", names[0], tuple(j for j in columns if j < names[1])),
                 ("expenditure", names[1], tuple(j for j in columns if j > names[1]))]
    else:
        sides = [(None, names[0] if names else None, tuple(columns))]
    # per side: (physical column, key, text column?, printed name) of the cells it reads
    plans = [[(j, columns[j].key, columns[j].text, columns[j].name) for j in cols]
             for _side, _name_col, cols in sides]
    # per side: column key → physical column, shared by the rows' lazy cell sources
    plan_columns = [{key: j for j, key, _text, _name in plan} for plan in plans]
    code_columns = [{**cols, "unit_code": layout.code_columns[0]} if layout.code_columns else cols
                    for cols in plan_columns]
    offset = len(raw.rows) - len(rows)
    out_rows: list[Row] = []
    note_lines: list[str] = [c.strip() for c in context if _NOTE.match(c)]
    prev_parts: list[str] = []
    first_amount = min((j for j in columns if not columns[j].text), default=layout.width)
    item_columns = [j for j in columns if columns[j].text and names and names[0] < j < first_amount]
    # text columns that may hold a row's label when its name cell is blank (合计, a unit)
    label_columns = sorted((j for j in columns if columns[j].text),
                           key=lambda j: (bool(names) and j > names[0], j))
    # the 类 names of the table's year: resolved once per table, when a line first needs them
    class_names = functools.cache(lambda: _class_names(header.year))
    # rows printed by name only: coded through the catalogue, depth-first
    coder = NameCoder(spec.scheme, header.year) if spec.scheme is not None and (
        spec.two_sided or not layout.code_columns) else None
    by_name: list[tuple[str, str | None]] = []
    for i, cells in enumerate(rows[layout.header_rows:], start=layout.header_rows):
        at = i + offset
        number = None
        if layout.numbers is not None and layout.numbers < len(cells):
            n = clean(cells[layout.numbers])
            number = int(n) if n.isascii() and n.isdigit() and len(n) <= 9 else None
        filled = [c for c in cells if c and not c.isspace()]
        if len(filled) == 1 and not _amount_like(filled[0]) and (
            _NOTE.match(filled[0]) or (len(cells) == 1 and filled[0].rstrip().endswith("。"))
        ):
            note_lines.append(filled[0].strip())
            continue
        code, code_text = _code(cells, layout.code_columns, prev_parts)
        fused_name = None
        if code is None and code_text and set(layout.code_columns) & set(layout.fused_columns):
            split = split_fused(code_text)
            if split is not None:  # 2011301-行政运行: the code and the name in one cell
                code, fused_name = split
                code_text = None
        unit_code = None
        if code is None and code_text and clean(code_text).strip("[]【】").isdigit():
            unit_code, code_text = code_text.strip(), None  # 125001: a unit's code, not a 科目
        where = raw.location(at, None, file)
        for (side, name_col, _cols), plan, plan_cols, coded_cols in zip(
                sides, plans, plan_columns, code_columns, strict=True):
            name = cells[name_col].strip() if name_col is not None and name_col < len(cells) else ""
            if fused_name is not None and side != "income":
                name = f"{fused_name}{name}" if name != fused_name else name
            if _SPACED_HAN.search(name):  # 合  计, 项  目: spaces inside a Chinese name
                name = "".join(name.split())
            if code_text and side != "income":  # a label printed in the code column
                name = f"{code_text}{name}" if name else code_text
            if not name and side is None and name_col is not None:
                # group | item: the item named in a text column right of the (blank) group
                name = next((cells[j].strip() for j in item_columns if j < len(cells)
                             and cells[j].strip() and not _amount_like(cells[j])), "")
            if not name and side is None:  # 合计 or a unit printed in a column left of the names
                name = next((cells[j].strip() for j in label_columns if j < len(cells)
                             and (spec.line_key(cells[j]) is not None
                                  or (is_unit_name(cells[j], header)
                                      and (not names or j < names[0])))), "")
            row_code = code if side != "income" else None
            if row_code is None and name and spec.scheme is not None and side != "income":
                m = _BRACKET_CODE.match(name)
                if m:  # [206]科学技术支出 / 2080101 行政运行
                    row_code, name = m.group(1) or m.group(3), (m.group(2) or m.group(4) or "").strip()
            row_cells: dict[str, Cell] = {}
            texts: dict[str, str] = {}
            sources = CellSources(where, plan_cols)
            if unit_code is not None and side != "income":
                texts["unit_code"] = unit_code
                sources = CellSources(where, coded_cols)
            width = len(cells)
            for j, key, is_text, column_name in plan:
                text = cells[j] if j < width else ""
                if is_text:
                    if text and not text.isspace():
                        texts[key] = text.strip()
                    continue
                try:
                    row_cells[key] = _parse(text)
                except InvalidAmount:
                    texts[key] = text.strip()
                    unparsed.append(Unparsed(
                        text.strip(), f"“{title or kind.value}”的“{column_name}”栏中不是金额",
                        sources[key]))
            if not name and row_code is None and not any(c.is_amount for c in row_cells.values()) \
                    and not texts:
                continue
            line = spec.line_key(name, side) if row_code is None else None
            if row_code is None and line is None and coder is not None and name \
                    and side != "income" and not _amount_like(name):
                row_code = coder.code(name)
                if row_code is None and side == "expenditure":
                    row_code = _class_code(name, class_names)
                by_name.append((name, row_code))
            out_rows.append(Row(name, row_code, line, side, row_cells, texts, number, where,
                                sources))
    settled, remarks, breakdown = settle(kind, out_rows, header, by_name, layout.code_columns)
    cls = table_type(kind)
    return cls(
        columns=tuple(columns[j] for j in sorted(columns)), rows=tuple(settled),
        unit=unit, title=title, header=header, note="\n".join(note_lines) or None,
        source=raw.location(None, None, file), unit_basis=basis, remarks=tuple(remarks),
        breakdown=breakdown,
    )


#: kinds whose lines may be printed across (one column per line, a row of amounts)
_ACROSS = (TableKind.THREE_PUBLIC, TableKind.FINAL_THREE_PUBLIC)


def _unit(stated: str | None, header_rows: Sequence[Sequence[str]]) -> tuple[Unit, UnitBasis]:
    """The unit of amounts printed in the frame (``单位：万元``) or in the column headings
    (``预算数（万元）``); when none is printed, 万元 for now and ``UNKNOWN`` (the assembly
    infers it from the other tables)."""
    if stated:
        return Unit.parse(stated), UnitBasis.STATED
    found = {m.group(1) for r in header_rows for c in r if c
             for m in (_UNIT.search(c) or _UNIT_IN_LABEL.search(c),) if m}
    if len(found) == 1:
        return Unit.parse(found.pop()), UnitBasis.STATED
    return Unit.WAN, UnitBasis.UNKNOWN


def _primary_codes(layout: Layout, scheme: str | None) -> Layout:
    """The layout with the code columns of the kind's scheme as *the* code columns; the
    other classifications printed beside them (政府经济分类 by 部门经济分类) become text."""
    primary = layout.group_for(scheme)
    if primary == layout.code_columns and len(layout.code_groups) <= 1:
        return layout
    others = [j for g in layout.code_groups if g != primary for j in g]
    return attrs.evolve(layout, code_columns=primary,
                        text_columns=tuple(sorted({*layout.text_columns, *others})))


def _row_names(layout: Layout) -> tuple[int, ...]:
    """The column of the row names: the name column after the code columns (the first one
    when there are no codes); none when the code cells hold the names (2011301-行政运行)."""
    names = layout.name_columns
    codes = layout.code_columns
    if codes and set(codes) <= set(layout.fused_columns):
        after = [j for j in names if j == codes[-1] + 1]
        return tuple(after[:1])
    if codes:
        after = [j for j in names if j > codes[-1]]
        if after:
            return (after[0],)
    return names[:1]


@functools.lru_cache(maxsize=16384)
def _parse(text: str) -> Cell:
    """``parse_cell``, memoised: cells are immutable and tables repeat their texts."""
    return parse_cell(text)


def _amount_like(text: str) -> bool:
    try:
        return _parse(text).is_amount
    except InvalidAmount:
        return False


def _code(cells: Sequence[str], columns: Sequence[int],
          prev: list[str]) -> tuple[str | None, str | None]:
    """The row's code from its code cell(s); else the text found there (e.g. 合计).

    Split codes (类 | 款 | 项) are joined; a row printing only its 款 or 项 part takes
    the leading parts from the code rows above it (``prev``, updated in place); so does a
    two-digit 款 in a single code column.
    """
    raw_parts = [clean(cells[j]).strip("[]") if j < len(cells) else "" for j in columns]
    # a 款/项 part printed without its leading zero (2 for 02)
    raw_parts = [f"0{p}" if i > 0 and len(p) == 1 and p.isdigit() else p for i, p in enumerate(raw_parts)]
    parts = [p for p in raw_parts if p]
    if not parts:
        return None, None
    joined = "".join(parts)
    if len(columns) > 1 and all(p.isdigit() for p in parts):
        first = next(i for i, p in enumerate(raw_parts) if p)
        if first > 0 and len(prev) >= first and len(parts[0]) == 2:
            full = [*prev[:first], *raw_parts[first:]]
            joined = "".join(p for p in full if p)
            raw_parts = full
        if joined.isdigit() and len(joined) in (3, 5, 7):
            prev[:] = raw_parts
            return joined, None
    if joined.isdigit() and len(joined) in (3, 5, 7):
        if len(columns) == 1:
            prev[:] = [joined]
        return joined, None
    if len(columns) == 1 and len(joined) == 2 and joined.isdigit() and prev and len(prev[0]) >= 3:
        # one code column printing a 款 as its two digits (201 / 10 人力资源事务): under
        # the 类 of the code rows above
        return prev[0][:3] + joined, None
    return None, "".join(cells[j].strip() for j in columns if j < len(cells))


def _class_code(name: str, names: Callable[[], dict[str, str]]) -> str | None:
    """The functional 类 code a 收支总表 expenditure line names (its name in the edition of
    the table's year, or a former name of that 类); ``names`` gives ``_class_names`` of
    that year, called only for a line that can name a 类."""
    label = normalise_label(name)
    if not label.endswith("支出") and label not in ("预备费",):
        return None
    return names().get(label)


#: id of a functional catalogue → (the catalogue, normalised 类 name → code)
_CLASS_NAMES: dict[int, tuple[object, dict[str, str]]] = {}


def _class_names(year: int | None) -> dict[str, str]:
    """Normalised name → code of every functional 类 of the edition (newest when ``year``
    has none), current names first, then the names the 类 carried before or after."""
    from govbudget.codes import catalogue

    try:
        cat = catalogue("functional", year)
    except GovBudgetError:  # no edition of that year: the newest
        cat = catalogue("functional")
    entry = _CLASS_NAMES.get(id(cat))
    if entry is not None and entry[0] is cat:
        return entry[1]
    names: dict[str, str] = {}
    roots = cat.roots()
    for e in roots:
        names.setdefault(normalise_label(e.name), e.code)
    codes = {e.code for e in roots}
    for change in cat.history:
        if change.kind == "renamed" and change.code in codes:
            for former in (change.old_name, change.new_name):
                names.setdefault(normalise_label(former), change.code)
    if len(_CLASS_NAMES) >= 64:  # editions loaded and unloaded by the user: start afresh
        _CLASS_NAMES.clear()
    _CLASS_NAMES[id(cat)] = (cat, names)
    return names
