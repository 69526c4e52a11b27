"""Turn a raw document into typed disclosures: recognise tables, columns, rows and parts.

Tables are recognised by their titles (``kind_from_title``) and headers (``read_layout``);
the budget year, the disclosure's code and name, and the unit of amounts come from the
header lines. A document's disclosures are its parts: each begins with a 收支总表;
the first is the department's when later parts are its units'. Nothing read is
dropped: text that cannot be placed becomes ``Unparsed`` content.

>>> from govbudget.io.text import read_text
>>> from govbudget.io.assemble import assemble
>>> raw = read_text("部门支出总表\\n\\t100部门\\n\\t预算年度：2023\\n\\t单位：万元\\n\\n"
...                 "\\t科目编码\\n\\t科目名称\\n\\t合计\\n\\n\\t\\n\\t合计\\n\\t1.00\\n")
>>> doc = assemble(raw)
>>> d = doc.disclosures[0]
>>> d.code, d.year, d.tables[0].line("total").cell("total")
('100', 2023, Cell.amount('1.00'))
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from govbudget.errors import GovBudgetError, InvalidAmount, LoadError
from govbudget.io.layout import Layout, clean, read_layout
from govbudget.io.raw import CellSources, RawBlock, RawDocument, RawTable, SourceLocation
from govbudget.money import BLANK, Cell, Unit, parse_cell
from govbudget.tables.disclosure import Disclosure, Document, Scope, UnitKind, Unparsed
from govbudget.tables.kinds import ColumnSpec, TableKind, kind_from_title, normalise_label
from govbudget.tables.model import BudgetTable, Column, Row, TableHeader, table_type

__all__ = ["assemble"]


_NOTE = re.compile(r"^\s*[（(]?\s*(?:注|说明)\s*[0-9一二三四五六七八九十]*\s*[:：]")
_HEADER_CODE = re.compile(r"^(?:编制单位[:：])?\s*(\d{3,})\s*(.+?)\s*(?:截止时间.*)?$")
_YEAR = re.compile(r"(?:预算年度[:：]?\s*)(\d{4})|(\d{4})\s*年")
_UNIT = re.compile(r"单位[:：]\s*(亿元|万元|元)")
_NAMED = re.compile(r"(?:编制(?:部门|单位)|部门[（(]单位[)）]|(?:部门|单位|预算单位|主管部门)名称|预算主管部门|预算单位"
                    r"|主管部门|部门|单位)\s*[:：]\s*([^\s:：]+)")
_COVER_NAME = re.compile(r"^(?:.*?\d{4}\s*年度?)?\s*(?:区级|市级|县级)?(.+?)(?:部门|单位)?(?:预算|决算).*$")
_BRACKET_CODE = re.compile(r"^\s*[\[【]\s*(\d{3}(?:\d{2}){0,2})\s*[\]】]\s*(.*)$|^\s*(\d{3}(?:\d{2}){0,2})\s+(\S.*)$",
                           re.S)
_SPACED_HAN = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")
_GENERIC = frozenset({"合计", "小计", "总计", "预算数", "预算", "金额", "预算金额"})


@attrs.define
class _Part:
    """A disclosure being collected: its tables, text and performance grids."""

    tables: list[BudgetTable] = attrs.field(factory=list)
    blocks: list[RawBlock] = attrs.field(factory=list)
    performance: list[RawTable] = attrs.field(factory=list)
    unparsed: list[Unparsed] = attrs.field(factory=list)
    title_prefix: str | None = None
    unit_kind: UnitKind | None = None


def assemble(raw: RawDocument, *, year: int | None = None) -> Document:
    """Build a ``Document`` of typed disclosures from a raw document."""
    parts: list[_Part] = [_Part()]
    file = raw.source
    previous: RawTable | RawBlock | None = None
    after_performance = note_attached = False
    for item in raw.items:
        part = parts[-1]
        if isinstance(item, RawBlock):
            if (isinstance(previous, RawTable) or note_attached) and part.tables \
                    and not after_performance and _NOTE.match(item.text):
                # a note printed under a table (注：… 空表列示) belongs to that table
                last = part.tables[-1]
                note = f"{last.note}\n{item.text.strip()}" if last.note else item.text.strip()
                part.tables[-1] = attrs.evolve(last, note=note)
                note_attached = True
            else:
                part.blocks.append(item)
                note_attached = False
            previous = item
            continue
        follows_table = isinstance(previous, RawTable) or note_attached
        previous, note_attached = item, False
        title, rows, context = _title_and_rows(item)
        if follows_table and part.tables and any(_NOTE.match(c) for c in context):
            # a note printed under the previous table, read as this table's context
            notes = [c.strip() for c in context if _NOTE.match(c)]
            context = [c for c in context if not _NOTE.match(c)]
            last = part.tables[-1]
            part.tables[-1] = attrs.evolve(last, note="\n".join(filter(None, [last.note, *notes])))
        if (title and "绩效" in title and "目标" in title) or (title is None and after_performance):
            part.performance.append(item)
            after_performance = True
            continue
        after_performance = False
        kind = kind_from_title(title) if title else None
        if kind is TableKind.SUMMARY and any(t.kind is TableKind.SUMMARY for t in part.tables):
            part = _Part()
            parts.append(part)
        if kind is TableKind.SUMMARY or part.title_prefix is None:
            part.title_prefix = _scope_word(title or "")
        table = _build_table(kind or TableKind.OTHER, item, title, rows, context, file, part)
        if kind is None and _is_organisation(table):
            part.unit_kind = _unit_kind(table) or part.unit_kind
        part.tables.append(table)
    parts = [p for p in parts if p.tables or p.blocks or p.performance]
    disclosures = [_disclosure(p, year, file) for p in parts]
    if len(disclosures) > 1 and disclosures[0].scope is Scope.DEPARTMENT:
        disclosures = [attrs.evolve(disclosures[0], units=tuple(disclosures[1:]))]
    return Document(file, tuple(disclosures), pages=raw.pages)


def _title_and_rows(t: RawTable) -> tuple[str | None, list[tuple[str, ...]], list[str]]:
    """The title, the grid without leading title/context rows, and the context lines."""
    rows = list(t.rows)
    context = list(t.context)
    title = t.title
    while rows:
        cells = [c.strip() for c in rows[0] if c.strip()]
        if len(cells) > 1 and not all(_UNIT.search(c) or re.search(r"预算年度|^\d{4}\s*年度?$", c)
                                      for c in cells):
            break
        rows.pop(0)
        for c in cells:
            if (title is None and kind_from_title(c) is not None) or (
                title is None and c.endswith(("表", "情况", "原因"))
            ):
                title = c
            else:
                context.append(c)
    return title, rows, context


def _scope_word(title: str) -> str | None:
    t = normalise_label(title)
    if t.startswith("单位") or "单位预算" in t[:8]:
        return "单位"
    if t.startswith("部门") or "部门预算" in t[:8]:
        return "部门"
    return None


def _header(context: Sequence[str], title: str | None) -> TableHeader:
    code = name = None
    year = None
    unit_text = None
    for line in context:
        text = line.strip()
        if re.match(r"^[A-Za-z]+\s*[:：]", text):  # sheet: … (a reader's note, not a header)
            continue
        m = _HEADER_CODE.match(text) if not re.match(r"^\d{4}\s*年", text) else None
        named = [v for v in _NAMED.findall(text) if v not in ("元", "万元", "亿元")]
        if m and code is None and "预算年度" not in text and not named:
            code, name = m.group(1), re.sub(r"\s{2,}.*$", "", m.group(2)).strip()
        elif named and name is None:
            c = re.match(r"^(\d{3,})[_\s]*(.+)$", named[0])
            code, name = (c.group(1), c.group(2)) if c else (code, named[0])
        elif code is None and name is None and not _UNIT.search(text) and not _YEAR.search(text) \
                and not re.search(r"[:：]\s*$", text) and not text.startswith(("(", "（", "注")):
            name = re.sub(r"\s{2,}.*$", "", text).strip() or None
        y = re.search(r"预算年度[:：]?\s*(\d{4})", text)
        if y and year is None:
            year = int(y.group(1))
        u = _UNIT.search(text)
        if u:
            unit_text = u.group(1)
    if year is None and title:
        y = _YEAR.search(title)
        if y:
            year = int(y.group(1) or y.group(2))
    return TableHeader(code, name, year, unit_text)


def _cover(blocks: Sequence[RawBlock]) -> tuple[str | None, int | None]:
    """The name and year printed on the cover (the first page's text)."""
    if not blocks:
        return None, None
    first = blocks[0].page
    lines = [b.text.strip() for b in blocks if b.page == first] if first is not None else \
        [blocks[0].text.strip()]
    text = re.sub(r"\s+", "", "".join(lines))
    y = re.search(r"(\d{4})年", text)
    year = int(y.group(1)) if y else None
    for line in lines:
        named = _NAMED.findall(line)
        if named:
            return named[0], year
    m = _COVER_NAME.match(text)
    name = m.group(1).strip() if m else None
    return (name or None), year


def _match_column(label: str, specs: Sequence[ColumnSpec], used: set[str]) -> ColumnSpec | None:
    """The free column whose name or alias is the label; else the longest one inside it (or
    holding it)."""
    n = normalise_label(label)
    if not n:
        return None
    free = [s for s in specs if s.key not in used]
    for s in free:
        if n in s.labels:
            return s
    best: tuple[int, ColumnSpec] | None = None
    for s in free:
        for c in s.labels:
            if len(c) >= 2 and (c in n or n in c) and (best is None or len(c) > best[0]):
                best = (len(c), s)
    return best[1] if best else None


def _distinct(labels: Sequence[str]) -> list[str]:
    """Header labels top down, without blanks and repeats (merged cells read once per row)."""
    out: list[str] = []
    for t in labels:
        if normalise_label(t) and (not out or normalise_label(out[-1]) != normalise_label(t)):
            out.append(t)
    return out


def _descendants(specs: Sequence[ColumnSpec], key: str) -> list[ColumnSpec]:
    keys = {key}
    out: list[ColumnSpec] = []
    for s in specs:  # parents are declared before their children
        if s.parent in keys:
            keys.add(s.key)
            out.append(s)
    return out


def _match_labels(labels: Sequence[str], specs: Sequence[ColumnSpec],
                  used: set[str]) -> ColumnSpec | None:
    """The column a header names: its own label, read under the group label above it.

    A 小计/合计 under a group (基本支出 → 小计) is the group's column; a label under a
    group that is a column of the kind (上年结转 → 一般公共预算) is one of the group's
    sub-columns or none (never a column outside the group). A 合计 naming no column
    itself is the generic heading above it (预算数 → 合计: the 预算数 column).
    """
    texts = _distinct(labels)
    if not texts:
        return None
    own = texts[-1]
    group_spec = None
    for g in reversed(texts[:-1]):
        if normalise_label(g) in _GENERIC:
            continue
        group_spec = _match_column(g, specs, set())
        break
    if normalise_label(own) in _GENERIC and group_spec is not None:
        return group_spec if group_spec.key not in used else None
    if group_spec is not None and group_spec.key != "total":
        return _match_column(own, _descendants(specs, group_spec.key), used)
    match = _match_column(own, specs, used)
    if match is None and normalise_label(own) in _GENERIC:
        for g in reversed(texts[:-1]):
            if normalise_label(g) in _GENERIC:
                match = _match_column(g, specs, used)
                if match is not None:
                    break
    return match


def _columns(kind: TableKind, layout: Layout, name_columns: Sequence[int]) -> dict[int, Column]:
    """Map every column but 序号, codes and row names to a column of the kind.

    Amount columns are matched to the kind's column keys by their header labels; the
    others are kept as text columns (``c<栏次>`` when the kind has no such column).
    """
    spec = kind.spec
    used: set[str] = set()
    out: dict[int, Column] = {}
    skip = {layout.numbers, *layout.code_columns, *name_columns}
    years = _column_years(layout)
    for j in range(layout.width):
        if j in skip:
            continue
        labels = layout.labels.get(j, ())
        label = labels[-1] if labels else ""
        side = None
        if spec.two_sided and len(name_columns) > 1:
            side = "income" if j < name_columns[1] else "expenditure"
        candidates = [s for s in spec.columns if s.side in (None, side)]
        match = None
        if j in years and kind is TableKind.THREE_PUBLIC_YOY:
            key = "current" if years[j] == max(years.values()) else "prior"
            match = spec.column(key) if key not in used else None
        if match is None:
            match = _match_labels(labels, candidates, used)
        if match is None and spec.extra_columns:  # only where no standard column is named
            match = _match_labels(labels, [*candidates, *(s for s in spec.extra_columns
                                                           if s.side in (None, side))], used)
        is_text = j not in layout.amount_columns
        if match is not None and match.text:  # 绩效目标, 变化原因 … (maybe all blank)
            is_text = True
        if match is None or match.text != is_text:
            number = layout.column_numbers.get(j)
            key = f"c{number if number is not None else j}"
            out[j] = Column(key, label or key, number, side, is_text)
            continue
        used.add(match.key)
        out[j] = Column(match.key, label or match.name, layout.column_numbers.get(j), side,
                        is_text)
    return out


def _column_years(layout: Layout) -> dict[int, int]:
    years = {}
    for j, labels in layout.labels.items():
        for text in labels:
            y = re.search(r"(\d{4})年", text)
            if y:
                years[j] = int(y.group(1))
    return years


def _build_table(kind: TableKind, raw: RawTable, title: str | None, rows: list[tuple[str, ...]],
                 context: list[str], file: str, part: _Part) -> BudgetTable:
    header = _header(context, title)
    unit = Unit.parse(header.unit_text) if header.unit_text else Unit.WAN
    layout = read_layout(rows)
    if layout.header_rows >= len(rows) > 1:  # no amounts anywhere: the header ends at the
        first = next((i for i, r in enumerate(rows) if i > 0 and not all(  # first non-label row
            _is_label(kind, c) for c in r if c.strip())), len(rows))
        if kind is TableKind.THREE_PUBLIC and (
            _is_transposed(kind, read_layout(rows, header_rows=first), rows[:first])
            or _lines_across(kind, read_layout(rows, header_rows=len(rows)))
        ):  # a template printing the 三公 lines across, with no row of amounts yet
            first = len(rows)
        layout = read_layout(rows, header_rows=first)
    if kind is TableKind.THREE_PUBLIC and _is_transposed(kind, layout, rows):
        return _transposed_table(kind, raw, title, rows, layout, header, unit, file)
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
                    part.unparsed.append(Unparsed(
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


def _is_label(kind: TableKind, text: str) -> bool:
    """Whether a cell reads as a column heading of the kind (类/款/项, 小计, 人员经费 …)."""
    n = normalise_label(text)
    return n in ("类", "款", "项", "项目", "科目", *_GENERIC) or n.endswith(("编码", "名称", "代码")) \
        or _match_column(text, kind.spec.printable_columns, set()) is not None


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
            elif carried and line in _FUND_LINES and kind is TableKind.FISCAL_SUMMARY:
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


def _line_of(kind: TableKind, labels: Sequence[str]) -> str | None:
    """The named line a column of a transposed table holds (小计 under a group: the group's)."""
    texts = _distinct(labels)
    for i in range(len(texts) - 1, -1, -1):
        line = kind.spec.line_key(texts[i])
        if normalise_label(texts[i]) in ("小计", "合计") and i > 0:
            group = kind.spec.line_key(texts[i - 1])
            return group if group is not None else line
        if line is not None:
            return line
    return None


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
            key = "prior" if latest is not None and years.get(j, latest) < latest else "total"
            try:
                cell = parse_cell(text)
            except InvalidAmount:
                extra.append(Row(clean(text), texts={"text": text.strip()},
                                 source=raw.location(i + offset, j, file)))
                continue
            name = next((t for t in reversed(labels) if normalise_label(t) not in _GENERIC),
                        labels[-1] if labels else "")
            if line is None:
                line_name = f"c{j}"
                extra.append(Row(name or line_name, None, None, None, {"total": cell}, {},
                                 None, raw.location(i + offset, j, file),
                                 {"total": raw.location(i + offset, j, file)}))
                continue
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
                lines[line] = (name, {"total": BLANK}, {}, j)
    # a line's source is its column in the row of amounts; a template has no such row
    at = offset + layout.header_rows if layout.header_rows < len(rows) else None
    out = [Row(name, None, line, None, cells_, {}, None, raw.location(at, j, file), sources)
           for line, (name, cells_, sources, j) in lines.items()]
    keys = ["total", *(["prior"] if any("prior" in r.cells for r in out) else [])]
    columns = tuple(Column(k, kind.spec.column(k).name, None, None, False) for k in keys)
    return table_type(kind)(columns=columns, rows=tuple(out + extra), unit=unit, title=title,
                            header=header, source=raw.location(None, None, file))


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
          prev: list[str] | None = None) -> tuple[str | None, str | None]:
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
    if len(columns) > 1 and all(p.isdigit() for p in parts) and prev is not None:
        first = next(i for i, p in enumerate(raw_parts) if p)
        if first > 0 and len(prev) >= first and len(parts[0]) == 2:
            full = [*prev[:first], *raw_parts[first:]]
            joined = "".join(p for p in full if p)
            raw_parts = full
        if joined.isdigit() and len(joined) in (3, 5, 7):
            prev[:] = [p for p in raw_parts]
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


def _is_organisation(table: BudgetTable) -> bool:
    return any("单位性质" in c.name or "单位名称" in c.name for c in table.columns) or bool(
        table.title and "机构设置" in table.title
    )


def _unit_kind(table: BudgetTable) -> UnitKind | None:
    for row in table.rows:
        for text in (*row.texts.values(), row.name):
            for kind in (UnitKind.CIVIL_SERVICE_MANAGED, UnitKind.PUBLIC_INSTITUTION,
                         UnitKind.ADMINISTRATIVE):
                if text.strip().startswith(kind.value) or text.strip() == kind.value + "单位":
                    return kind
    return None


def _disclosure(part: _Part, year: int | None, file: str) -> Disclosure:
    headers = [t.header for t in part.tables if t.header is not None]
    summary = next((t for t in part.tables if t.kind is TableKind.SUMMARY), None)
    main = summary.header if summary is not None and summary.header else (
        headers[0] if headers else TableHeader())
    cover_name, cover_year = _cover(part.blocks)
    code = main.code or next((h.code for h in headers if h.code), None)
    name = main.name or next((h.name for h in headers if h.name), None) or cover_name or ""
    years = [h.year for h in headers if h.year] or ([cover_year] if cover_year else [])
    the_year = year or (max(set(years), key=years.count) if years else 0)
    units = [t.unit for t in part.tables if t.kind is not TableKind.OTHER]
    unit = max(set(units), key=units.count) if units else Unit.WAN
    scope = Scope.UNIT if part.title_prefix == "单位" else Scope.DEPARTMENT
    narrative = _narrative(part.blocks)
    performance = _performance(part.performance, file, part)
    source = part.tables[0].source if part.tables else None
    return Disclosure(scope, code, name, the_year, unit, tuple(part.tables), (), part.unit_kind,
                      narrative, performance, tuple(part.unparsed), source)


def _narrative(blocks: list[RawBlock]) -> Any:
    if not blocks:
        return None
    try:
        from govbudget.narrative.sections import build_narrative
    except ImportError:
        return None
    return build_narrative(blocks)


def _performance(tables: list[RawTable], file: str, part: _Part) -> tuple[Any, ...]:
    """Read the part's performance grids; a grid that cannot be read is kept as unparsed."""
    from govbudget.performance.tables import read_performance_table, read_performance_tables

    if not tables:
        return ()
    try:
        return tuple(read_performance_tables(tables, file=file))
    except LoadError:
        pass
    out = []
    for t in tables:
        try:
            out.append(read_performance_table(t, file=file))
        except LoadError as exc:
            text = "\n".join(" | ".join(r) for r in t.rows)
            part.unparsed.append(Unparsed(f"{t.title or ''}\n{text}".strip(),
                                          f"performance table not read: {exc.detail}",
                                          t.location(file=file)))
    return tuple(out)
