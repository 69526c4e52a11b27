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
from govbudget.money import BLANK, Cell, Unit, parse_cell
from govbudget.readers._blocks import block_grids, side_by_side
from govbudget.readers._columns import _GENERIC, _column_years, _columns, _is_label, _line_of
from govbudget.readers._headers import _NOTE, _header
from govbudget.readers.layout import Layout, clean, read_layout
from govbudget.readers.raw import CellSources, RawTable, SourceLocation
from govbudget.tables.disclosure import Unparsed
from govbudget.tables.kinds import TableKind, normalise_label
from govbudget.tables.model import BudgetTable, Column, Row, TableHeader, table_type

_BRACKET_CODE = re.compile(r"^\s*[\[【]\s*(\d{3}(?:\d{2}){0,2})\s*[\]】]\s*(.*)$|^\s*(\d{3}(?:\d{2}){0,2})\s+(\S.*)$",
                           re.S)
_SPACED_HAN = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


def _build_table(kind: TableKind, raw: RawTable, title: str | None, rows: list[tuple[str, ...]],
                 context: list[str], file: str, unparsed: list[Unparsed]) -> BudgetTable:
    """The typed table of a raw grid; cells that cannot be read go to ``unparsed``."""
    header = _header(context, title)
    unit = Unit.parse(header.unit_text) if header.unit_text else Unit.WAN
    layout = read_layout(rows)
    if layout.header_rows >= len(rows) > 1:  # no amounts anywhere: the header ends at the
        first = next((i for i, r in enumerate(rows) if i > 0 and not all(  # first non-label row
            _is_label(kind, c) for c in r if c.strip())), len(rows))
        if kind in _ACROSS and (
            _is_transposed(kind, read_layout(rows, header_rows=first), rows[:first])
            or _lines_across(kind, read_layout(rows, header_rows=len(rows)))
        ):  # a template printing the 三公 lines across, with no row of amounts yet
            first = len(rows)
        layout = read_layout(rows, header_rows=first)
    if kind in _ACROSS and _is_transposed(kind, layout, rows):
        return _transposed_table(kind, raw, title, rows, layout, header, unit, file)
    blocks = side_by_side(layout) if kind.spec.scheme is not None and not kind.spec.two_sided \
        else None
    if blocks is not None:  # one classification printed in blocks side by side
        return _blocks_table(kind, raw, title, rows, context, file, unparsed, layout, blocks)
    # in two-sided tables each physical row holds an income and an expenditure row
    spec = kind.spec
    names = layout.name_columns if spec.two_sided else layout.name_columns[:1]
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
    offset = len(raw.rows) - len(rows)
    out_rows: list[Row] = []
    note_lines: list[str] = [c.strip() for c in context if _NOTE.match(c)]
    prev_parts: list[str] = []
    label_columns = [j for j in columns if columns[j].text and (not names or j < names[0])]
    # the 类 names of the table's year: resolved once per table, when a line first needs them
    class_names = functools.cache(lambda: _class_names(header.year))
    for i, cells in enumerate(rows[layout.header_rows:], start=layout.header_rows):
        at = i + offset
        number = None
        if layout.numbers is not None and layout.numbers < len(cells):
            n = clean(cells[layout.numbers])
            number = int(n) if n.isdigit() else None
        filled = [c for c in cells if c and not c.isspace()]
        if len(filled) == 1 and not _amount_like(filled[0]) and (
            _NOTE.match(filled[0]) or (len(cells) == 1 and filled[0].rstrip().endswith("。"))
        ):
            note_lines.append(filled[0].strip())
            continue
        code, code_text = _code(cells, layout.code_columns, prev_parts)
        where = raw.location(at, None, file)
        for (side, name_col, _cols), plan, plan_cols in zip(sides, plans, plan_columns,
                                                            strict=True):
            name = cells[name_col].strip() if name_col is not None and name_col < len(cells) else ""
            if _SPACED_HAN.search(name):  # 合  计, 项  目: spaces inside a Chinese name
                name = "".join(name.split())
            if code_text and side != "income":  # a label printed in the code column
                name = f"{code_text}{name}" if name else code_text
            if not name and side is None:  # 合计 printed in a text column left of the names
                name = next((cells[j].strip() for j in label_columns if j < len(cells)
                             and spec.line_key(cells[j]) is not None), "")
            row_code = code if side != "income" else None
            if row_code is None and name and spec.scheme is not None and side != "income":
                m = _BRACKET_CODE.match(name)
                if m:  # [206]科学技术支出 / 2080101 行政运行
                    row_code, name = m.group(1) or m.group(3), (m.group(2) or m.group(4) or "").strip()
            row_cells: dict[str, Cell] = {}
            texts: dict[str, str] = {}
            sources = CellSources(where, plan_cols)
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
                        text.strip(), f"not an amount in column {column_name!r} of {title or kind.value}",
                        sources[key]))
            if not name and row_code is None and not any(c.is_amount for c in row_cells.values()) \
                    and not texts:
                continue
            line = spec.line_key(name, side) if row_code is None else None
            if row_code is None and line is None and side == "expenditure":
                row_code = _class_code(name, class_names)
            out_rows.append(Row(name, row_code, line, side, row_cells, texts, number, where,
                                sources))
    cls = table_type(kind)
    return cls(
        columns=tuple(columns[j] for j in sorted(columns)), rows=tuple(_named_lines(kind, out_rows)),
        unit=unit, title=title, header=header, note="\n".join(note_lines) or None,
        source=raw.location(None, None, file),
    )


def _blocks_table(kind: TableKind, raw: RawTable, title: str | None, rows: list[tuple[str, ...]],
                  context: list[str], file: str, unparsed: list[Unparsed], layout: Layout,
                  blocks: tuple[tuple[int, int], ...]) -> BudgetTable:
    """A table printed in blocks side by side: each block read as a table of its own, their
    rows joined left block first (cell sources count columns within the block)."""
    offset = len(raw.rows) - len(rows)
    grids = block_grids(rows, layout, blocks)
    parts = []
    for (a, b), grid in zip(blocks, grids, strict=True):
        sub = attrs.evolve(raw, rows=(*(r[a:b] for r in raw.rows[:offset]), *grid))
        parts.append(_build_table(kind, sub, title, grid, context, file, unparsed))
    first = parts[0]
    notes = [p.note for p in parts if p.note]
    return attrs.evolve(first, rows=tuple(r for p in parts for r in p.rows),
                        note="\n".join(dict.fromkeys(notes)) or None)


#: kinds whose lines may be printed across (one column per line, one row of amounts)
_ACROSS = (TableKind.THREE_PUBLIC, TableKind.FINAL_THREE_PUBLIC)

_FUND_LINES = {"general_budget": "carryover_general", "gov_fund": "carryover_fund",
               "soe_capital": "carryover_soe"}


def _named_lines(kind: TableKind, rows: list[Row]) -> list[Row]:
    """Named lines whose meaning depends on their place in the table.

    A 收入合计 printed after the carry-over is the 收入总计; the fund lines printed under
    上年结转 are the carry-over by fund; a 财政拨款收入 followed by its fund lines
    (一般公共预算 …) is their sum, not the general-budget line.
    """
    if not kind.spec.two_sided:
        return rows
    out = list(rows)
    for side in ("income", "expenditure"):
        idx = [i for i, r in enumerate(out) if r.side == side]
        carried = False
        for n, i in enumerate(idx):
            r = out[i]
            line = r.line
            if line in ("carryover", "carryforward"):
                carried = True
            elif line == "subtotal" and carried and not any(out[k].line == "total" for k in idx):
                line = "total"
            elif carried and line in _FUND_LINES and kind in (TableKind.FISCAL_SUMMARY,
                                                              TableKind.FINAL_FISCAL_SUMMARY):
                line = _FUND_LINES[line]
            elif line == "general_budget" and n + 1 < len(idx) and out[idx[n + 1]].line == line:
                line = "fiscal"
            if line != r.line:
                out[i] = attrs.evolve(r, line=line)
    return out


def _is_transposed(kind: TableKind, layout: Layout, rows: list[tuple[str, ...]]) -> bool:
    """A table printing its named lines as columns (三公经费 across, one row of amounts)."""
    data = rows[layout.header_rows:]
    if len(data) > 2 or (data and layout.name_columns):
        return False
    hits = sum(1 for j in range(layout.width) if _line_of(kind, layout.labels.get(j, ())))
    return hits >= 2


def _lines_across(kind: TableKind, layout: Layout) -> bool:
    """Whether most header columns each name a distinct line (三公 lines printed across)."""
    lines = [_line_of(kind, layout.labels.get(j, ())) for j in range(layout.width)]
    named = [x for x in lines if x is not None]
    return len(set(named)) >= 3 and len(named) * 2 > layout.width


def _transposed_table(kind: TableKind, raw: RawTable, title: str | None, rows: list[tuple[str, ...]],
                      layout: Layout, header: TableHeader, unit: Unit, file: str) -> BudgetTable:
    offset = len(raw.rows) - len(rows)
    years = _column_years(layout)
    latest = max(years.values()) if years else None
    lines: dict[str, tuple[str, dict[str, Cell], dict[str, SourceLocation], int]] = {}
    extra: list[Row] = []
    for i, cells in enumerate(rows[layout.header_rows:], start=layout.header_rows):
        for j in range(layout.width):
            text = cells[j] if j < len(cells) else ""
            labels = layout.labels.get(j, ())
            line = _line_of(kind, labels)
            key = _across_key(kind, labels) or (
                "prior" if latest is not None and years.get(j, latest) < latest else "total")
            try:
                cell = parse_cell(text)
            except InvalidAmount:
                extra.append(Row(clean(text), texts={"text": text.strip()},
                                 source=raw.location(i + offset, j, file)))
                continue
            name = next((t for t in reversed(labels) if normalise_label(t) not in _GENERIC
                         and not clean(t).isdigit()), labels[-1] if labels else "")
            if line is None:
                line_name = f"c{j}"
                extra.append(Row(name or line_name, None, None, None, {"total": cell}, {},
                                 None, raw.location(i + offset, j, file),
                                 {"total": raw.location(i + offset, j, file)}))
                continue
            if not name or normalise_label(name) in _GENERIC or clean(name).isdigit():
                name = next(n for ls in kind.spec.lines if ls.key == line for n in ls.names)
            entry = lines.setdefault(line, (name, {}, {}, j))
            entry[1][key] = cell
            entry[2][key] = raw.location(i + offset, j, file)
    if layout.header_rows >= len(rows):  # a template: the lines, no amounts yet
        for j in range(layout.width):
            labels = layout.labels.get(j, ())
            line = _line_of(kind, labels)
            if line is not None and line not in lines:
                name = next((t for t in reversed(labels) if normalise_label(t) not in _GENERIC),
                            labels[-1] if labels else "")
                lines[line] = (name, dict.fromkeys(_template_keys(kind), BLANK), {}, j)
    # a line's source is its column in the row of amounts; a template has no such row
    at = offset + layout.header_rows if layout.header_rows < len(rows) else None
    out = [Row(name, None, line, None, cells_, {}, None, raw.location(at, j, file), sources)
           for line, (name, cells_, sources, j) in lines.items()]
    keys = [k for k in kind.spec.column_keys if any(k in r.cells for r in out)] or ["total"]
    columns = tuple(Column(k, kind.spec.column(k).name, None, None, False) for k in keys)
    return table_type(kind)(columns=columns, rows=tuple(out + extra), unit=unit, title=title,
                            header=header, source=raw.location(None, None, file))


def _across_key(kind: TableKind, labels: Sequence[str]) -> str | None:
    """The column a cell of a table printed across holds when a label above it names one of
    the kind's columns (预算数 / 决算数 of a final 三公 table); budget kinds use the years."""
    if "final" not in kind.spec.column_keys:
        return None
    for text in labels:
        n = normalise_label(text)
        for c in kind.spec.columns:
            if n in c.labels:
                return c.key
    return None


def _template_keys(kind: TableKind) -> tuple[str, ...]:
    return kind.spec.column_keys if "final" in kind.spec.column_keys else ("total",)


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
    the leading parts from the code rows above it (``prev``, updated in place).
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
        return joined, None
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
