"""Tables printing their named lines across, as columns (横排的“三公”经费表).

Many 三公 tables head one column per item (因公出国（境）费, 公务接待费, 公务用车购置及运行费
…) and print the amounts in the rows below: one row, a row per unit under a 合计 row, or a
row per year (2025年, 2026年, 增减). A column may be split by fund (一般公共预算 / 政府性基金
/ 国有资本经营) or grouped by period (上年 / 当年 / 增减变化). Each item becomes one row of
the typed table; the period and fund give its cells' keys (``total``, ``general``,
``prior``, ``prior_general``, ``change`` …). The rows of the other units keep their cells,
as rows named after the unit and the item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from govbudget.errors import InvalidAmount
from govbudget.money import BLANK, Cell, Unit, parse_cell
from govbudget.readers._columns import _GENERIC, _column_years, _distinct, _line_of
from govbudget.readers.layout import Layout, clean, is_amount
from govbudget.readers.raw import RawTable, SourceLocation
from govbudget.tables.kinds import TableKind, normalise_label
from govbudget.tables.model import BudgetTable, Column, Row, TableHeader, table_type

__all__ = ["is_across", "is_final_across", "read_across", "read_final_across"]

_FUNDS = (("general", ("一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款")),
          ("fund", ("政府性基金", "政府性基金预算", "政府性基金预算拨款", "政府性基金预算财政拨款")),
          ("soe", ("国有资本经营", "国有资本经营预算", "国有资本经营预算拨款")))
_CHANGE = re.compile(r"增减|变化|变动")
_CURRENT = re.compile(r"^(当年|本年)")
_YEAR = re.compile(r"(\d{4})\s*年")
#: headings of the columns naming a row (单位编码, 单位名称, 年度): text, even when digits
_NAMING = re.compile(r"编码|代码|名称|单位|部门|年度|项目")


@attrs.frozen
class _Col:
    line: str | None
    period: str | None  # prior / current / change, from the column's headings
    fund: str | None
    year: int | None
    in_group: bool  # printed under a 三公 group heading (its 小计 is the 三公 total)


def _fund(labels: Sequence[str]) -> str | None:
    for text in labels:
        n = normalise_label(text)
        for key, names in _FUNDS:
            if n in names:
                return key
    return None


def _period(text: str) -> str | None:
    n = normalise_label(text)
    if _CHANGE.search(n):
        return "change"
    if _CURRENT.match(n):
        return "current"
    if n.startswith("上年"):
        return "prior"
    return None


def _cols(kind: TableKind, layout: Layout) -> dict[int, _Col]:
    out: dict[int, _Col] = {}
    for j in range(layout.width):
        if j in layout.empty_columns:
            continue
        labels = _distinct(layout.labels.get(j, ()))
        year = next((int(m.group(1)) for t in labels if (m := _YEAR.search(t))), None)
        period = next((p for t in labels if (p := _period(t)) is not None), None)
        out[j] = _Col(_line_of(kind, labels), period, _fund(labels), year,
                      any("三公" in t for t in labels[:-1]))
    return out


def is_across(kind: TableKind, layout: Layout, rows: Sequence[Sequence[str]]) -> bool:
    """Whether the table prints its named lines as columns: at least two items head columns
    and no data row is named after an item."""
    cols = _cols(kind, layout)
    lines = {c.line for c in cols.values() if c.line is not None and c.line != "total"}
    if len(lines) < 2:
        return False
    for cells in rows[layout.header_rows:]:
        for j, text in enumerate(cells):
            c = cols.get(j)
            if c is not None and c.line is None and text.strip() and not is_amount(text) \
                    and kind.spec.line_key(text) not in (None, "total"):
                return False  # an item named in a row: lines are printed down
    return True


def _row_period(text: str, latest: int | None) -> str | None:
    y = _YEAR.search(text)
    if y and latest is not None:
        return "current" if int(y.group(1)) >= latest else "prior"
    return _period(text)


def _key(line: str, period: str | None, fund: str | None) -> str:
    base = fund or "total"
    if period in (None, "current"):
        return base
    return period if fund is None else f"{period}_{fund}"


def read_across(kind: TableKind, raw: RawTable, title: str | None, rows: list[tuple[str, ...]],
                layout: Layout, header: TableHeader, unit: Unit, file: str) -> BudgetTable:
    """The typed table of a grid printing its lines across (see the module docstring)."""
    offset = len(raw.rows) - len(rows)
    cols = _cols(kind, layout)
    label_cols = [j for j, c in cols.items() if c.line is None and c.fund is None]
    text_cols = {j for j in label_cols if _NAMING.search("".join(layout.labels.get(j, ())))}
    years = [c.year for c in cols.values() if c.year] + [
        int(m.group(1)) for cells in rows[layout.header_rows:] for j in label_cols
        if j < len(cells) and (m := _YEAR.search(cells[j]))]
    latest = max(years) if years else None
    # the 三公 total printed twice in a period: the outer 合计 also holds 会议费 and 培训费
    grouped = {(c.period, c.year, c.fund) for c in cols.values() if c.line == "total" and c.in_group}
    data = [(i, cells) for i, cells in enumerate(rows[layout.header_rows:], start=layout.header_rows)
            if any(c.strip() for c in cells)]
    labelled = []
    for i, cells in data:
        label = " ".join(cells[j].strip() for j in label_cols if j < len(cells) and cells[j].strip()
                         and (j in text_cols or not is_amount(cells[j])))
        labelled.append((i, cells, label, _row_period(label, latest)))
    by_period = len({p for *_, p in labelled if p}) >= 2
    main = next((x for x in labelled if normalise_label(x[2]) in ("合计", "总计")), None) \
        if not by_period else None
    main = main or (labelled[0] if labelled else None)
    lines: dict[str, tuple[str, dict[str, Cell], dict[str, SourceLocation], int]] = {}
    extra: list[Row] = []
    for i, cells, label, row_period in labelled:
        at = i + offset
        own = by_period or (main is not None and i == main[0])
        named = {f"c{j}": cells[j].strip() for j in label_cols if j < len(cells)
                 and cells[j].strip() and (j in text_cols or not is_amount(cells[j]))}
        if named:  # what names the row (unit, code, year): a row of its own, no amounts
            extra.append(Row(label or " ".join(named.values()), None, None, None, {}, named, None,
                             raw.location(at, None, file),
                             {k: raw.location(at, int(k[1:]), file) for k in named}))
        for j, c in cols.items():
            text = cells[j] if j < len(cells) else ""
            if j in label_cols and (j in text_cols or not text.strip() or not is_amount(text)):
                continue
            loc = raw.location(at, j, file)
            try:
                cell = parse_cell(text)
            except InvalidAmount:
                extra.append(Row(clean(text), texts={"text": text.strip()}, source=loc))
                continue
            labels = layout.labels.get(j, ())
            name = next((t for t in reversed(labels) if normalise_label(t) not in _GENERIC),
                        labels[-1] if labels else "")
            line = c.line
            if line == "total" and not c.in_group and (c.period, c.year, c.fund) in grouped:
                line = "total_all"
            period = row_period if by_period else (
                c.period if c.period else ("prior" if c.year and latest and c.year < latest else None))
            if line is None or not own:
                key = _key("total", period, c.fund)
                extra.append(Row(f"{label} {name}".strip() if not own else (name or f"c{j}"), None,
                                 None, None, {key: cell}, {}, None, loc, {key: loc}))
                continue
            key = _key(line, period, c.fund)
            entry = lines.setdefault(line, (name, {}, {}, j))
            if key in entry[1]:  # the same item twice: keep the second as a row of its own
                extra.append(Row(name, None, None, None, {key: cell}, {}, None, loc, {key: loc}))
                continue
            entry[1][key] = cell
            entry[2][key] = loc
    if not labelled:  # a template: the lines, no amounts yet
        for j, c in cols.items():
            if c.line is not None and c.line not in lines:
                labels = layout.labels.get(j, ())
                name = next((t for t in reversed(labels) if normalise_label(t) not in _GENERIC),
                            labels[-1] if labels else "")
                lines[c.line] = (name, {"total": BLANK}, {}, j)
    first = offset + main[0] if main is not None else None
    out = [Row(name, None, line, None, cells_, {}, None, raw.location(first, j, file), sources)
           for line, (name, cells_, sources, j) in lines.items()]
    keys = list(dict.fromkeys(k for r in (*out, *extra) for k in r.cells))
    spec = kind.spec
    columns = tuple(Column(k, _column_name(spec, k), None, None, False) for k in keys)
    return table_type(kind)(columns=columns, rows=tuple(out + extra), unit=unit, title=title,
                            header=header, source=raw.location(None, None, file))


def _column_name(spec: object, key: str) -> str:
    try:
        return str(spec.column(key).name)  # type: ignore[attr-defined]
    except KeyError:
        return key



def _is_transposed(kind: TableKind, layout: Layout, rows: Sequence[Sequence[str]]) -> bool:
    """A table printing its named lines as columns (三公经费 across, one row of amounts)."""
    data = rows[layout.header_rows:]
    if len(data) > 2 or (data and layout.name_columns):
        return False
    hits = sum(1 for j in range(layout.width) if _line_of(kind, layout.labels.get(j, ())))
    return hits >= 2


def is_final_across(kind: TableKind, layout: Layout, rows: Sequence[Sequence[str]]) -> bool:
    """A final-accounts 三公 table printing its lines across (预算数 / 决算数 under each
    line); ``rows`` empty: whether the headings alone name the lines across (a template)."""
    return _is_transposed(kind, layout, rows) if rows else _lines_across(kind, layout)


def _lines_across(kind: TableKind, layout: Layout) -> bool:
    """Whether most header columns each name a distinct line (三公 lines printed across)."""
    lines = [_line_of(kind, layout.labels.get(j, ())) for j in range(layout.width)]
    named = [x for x in lines if x is not None]
    return len(set(named)) >= 3 and len(named) * 2 > layout.width


def read_final_across(kind: TableKind, raw: RawTable, title: str | None, rows: list[tuple[str, ...]],
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
