"""Turn a raw document into typed disclosures: recognise tables, columns, rows and parts.

Tables are recognised by their titles (``kind_from_title``) and headers (``read_layout``);
the budget year, the disclosure's code and name, and the unit of amounts come from the
header lines. A document's disclosures are its parts: each begins with a 收支总表;
the first is the department's when later parts are its units'. Nothing read is
dropped: text that cannot be placed becomes ``Unparsed`` content.

>>> from govbudget.readers.text import read_text
>>> from govbudget.readers.assemble import assemble
>>> raw = read_text("部门支出总表\\n\\t100部门\\n\\t预算年度：2023\\n\\t单位：万元\\n\\n"
...                 "\\t科目编码\\n\\t科目名称\\n\\t合计\\n\\n\\t\\n\\t合计\\n\\t1.00\\n")
>>> doc = assemble(raw)
>>> d = doc.disclosures[0]
>>> d.code, d.year, d.tables[0].line("total").cell("total")
('100', 2023, Cell.amount('1.00'))
"""

from __future__ import annotations

from typing import Any

import attrs

from govbudget import limits
from govbudget.errors import LoadError
from govbudget.money import Unit
from govbudget.readers._headers import _NOTE, _cover, _scope_word, _title_and_rows
from govbudget.readers._rows import _build_table
from govbudget.readers._units import infer_units
from govbudget.readers._verdict import retyped, unreadable_reason
from govbudget.readers.raw import RawBlock, RawDocument, RawTable, SourceLocation
from govbudget.tables.disclosure import (
    Disclosure,
    DisclosureKind,
    Document,
    Scope,
    UnitKind,
    Unparsed,
)
from govbudget.tables.kinds import TableKind, kind_from_title
from govbudget.tables.model import BudgetTable, TableHeader, UnitBasis
from govbudget.tables.narrative import SectionKind

__all__ = ["assemble"]


@attrs.define
class _Part:
    """A disclosure being collected: its tables, text and performance grids."""

    tables: list[BudgetTable] = attrs.field(factory=list)
    blocks: list[RawBlock] = attrs.field(factory=list)
    performance: list[RawTable] = attrs.field(factory=list)
    unparsed: list[Unparsed] = attrs.field(factory=list)
    title_prefix: str | None = None
    unit_kind: UnitKind | None = None


def assemble(raw: RawDocument, *, year: int | None = None,
             kind: DisclosureKind | str | None = None) -> Document:
    """Build a ``Document`` of typed disclosures from a raw document.

    ``kind`` (``"budget"`` / ``"final"``) overrides what the tables and the cover say
    the disclosures are (预算 or 决算).
    """
    _check_size(raw)
    forced = DisclosureKind(kind) if kind is not None else None
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
        if (title is None or kind_from_title(title) is None) and part.blocks \
                and item.page is not None:
            # the title printed as a heading above the grid (公开01表 beside it, or nothing)
            heading = _heading_title(part.blocks, item)
            if heading is not None:
                context = [*context, title] if title else context
                title = heading
        table_kind = kind_from_title(title) if title else None
        if table_kind in _PART_STARTS and any(t.kind is table_kind for t in part.tables):
            part = _Part()
            parts.append(part)
        if table_kind in _PART_STARTS or part.title_prefix is None:
            part.title_prefix = _scope_word(title or "")
        apart: list[BudgetTable] = []
        table = _build_table(table_kind or TableKind.OTHER, item, title, rows, context, file,
                             part.unparsed, apart)
        if table_kind is None and _is_organisation(table):
            part.unit_kind = _unit_kind(table) or part.unit_kind
        part.tables.append(table)
        part.tables.extend(apart)
    parts = [p for p in parts if p.tables or p.blocks or p.performance]
    disclosures = [_disclosure(p, year, file, forced) for p in parts]
    if not any(p.tables or p.performance for p in parts) and not any(
            _is_budget_narrative(d) for d in disclosures):
        # no budget table and no narrative of a budget: no disclosure is invented from prose;
        # the text is kept
        return Document(file, (), tuple(_unplaced(b, file) for p in parts for b in p.blocks),
                        pages=raw.pages)
    if len(disclosures) > 1 and disclosures[0].scope is Scope.DEPARTMENT:
        disclosures = [attrs.evolve(disclosures[0], units=tuple(disclosures[1:]))]
    return Document(file, tuple(disclosures), pages=raw.pages)


def _check_size(raw: RawDocument) -> None:
    """Refuse a document whose tables, each row padded to its table's width as the model
    holds them, have more than ``limits.MAX_TABLE_CELLS`` cells (a text export's header
    printed 100 times made 212 rows of 1,016 columns: 215,000 cells from 4,770 lines)."""
    cells = 0
    for item in raw.items:
        if isinstance(item, RawTable):
            width = max((len(r) for r in item.rows), default=0)
            cells += len(item.rows) * width
            if cells > limits.MAX_TABLE_CELLS:
                number = None if item.index is None else str(item.index)
                where = "" if number is None else f" up to table {number}"
                raise LoadError(
                    f"the tables{where} have more than {limits.MAX_TABLE_CELLS} cells "
                    f"({len(item.rows)} rows of {width} columns in this one)", file=raw.source,
                    page=item.page, table=item.title or number,
                    expected=f"at most {limits.MAX_TABLE_CELLS} cells in a document's tables")


def _verified(table: BudgetTable, unparsed: list[Unparsed]) -> BudgetTable:
    """The table as its codes type it, marked unreadable when it could not be read."""
    table = retyped(table)
    index = table.source.table if table.source is not None else None
    count = sum(1 for u in unparsed if u.location is not None and u.location.table == index
                and index is not None)
    why = unreadable_reason(table, count)
    return attrs.evolve(table, unreadable=why) if why != table.unreadable else table


def _is_budget_narrative(d: Disclosure) -> bool:
    """A narrative-only disclosure (情况说明) is one whose text has sections of a budget or
    final-accounts narrative (收入预算, 三公经费 …), not merely prose."""
    sections = d.narrative.sections if d.narrative is not None else ()
    return sum(1 for s in sections if s.kind is not SectionKind.OTHER) >= 2


def _unplaced(block: RawBlock, file: str) -> Unparsed:
    return Unparsed(block.text, "文档中没有预算表格：这段文字不属于任何预算",
                    SourceLocation(file=file, page=block.page, line=block.line))


#: the first table of a disclosure: a second one begins the next unit's part
_PART_STARTS = (TableKind.SUMMARY, TableKind.FINAL_SUMMARY)


def _heading_title(blocks: list[RawBlock], table: RawTable) -> str | None:
    """The last text block, printed on the table's page just above it, when it is a
    standard table's title (then taken out of the narrative)."""
    for i in range(len(blocks) - 1, max(len(blocks) - 4, -1), -1):
        b = blocks[i]
        if b.page != table.page:
            return None
        text = b.text.strip()
        if len(text) <= 40 and kind_from_title(text) is not None:
            del blocks[i]
            return text
    return None


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


def _disclosure(part: _Part, year: int | None, file: str,
                forced: DisclosureKind | None = None) -> Disclosure:
    part.tables = [_verified(t, part.unparsed) for t in infer_units(part.tables)]
    headers = [t.header for t in part.tables if t.header is not None]
    summary = next((t for t in part.tables if t.kind is TableKind.SUMMARY), None)
    main = summary.header if summary is not None and summary.header else (
        headers[0] if headers else TableHeader())
    cover_name, cover_year = _cover(part.blocks)
    code = main.code or next((h.code for h in headers if h.code), None)
    name = main.name or next((h.name for h in headers if h.name), None) or cover_name or ""
    years = [h.year for h in headers if h.year] or ([cover_year] if cover_year else [])
    the_year = year or (max(set(years), key=years.count) if years else 0)
    units = [t.unit for t in part.tables if t.kind is not TableKind.OTHER
             and t.unit_basis is UnitBasis.STATED] or [
        t.unit for t in part.tables if t.kind is not TableKind.OTHER]
    unit = max(set(units), key=units.count) if units else Unit.WAN
    scope = Scope.UNIT if part.title_prefix == "单位" else Scope.DEPARTMENT
    narrative = _narrative(part.blocks)
    performance = _performance(part.performance, file, part)
    source = part.tables[0].source if part.tables else None
    kind = forced or DisclosureKind.of_tables(part.tables) or _cover_kind(part.blocks)
    return Disclosure(scope, code, name, the_year, unit, tuple(part.tables), (), part.unit_kind,
                      narrative, performance, tuple(part.unparsed), source, kind)


def _cover_kind(blocks: list[RawBlock]) -> DisclosureKind:
    """FINAL when the first page's text names a 决算 and no 预算 (no table said)."""
    first = blocks[0].page if blocks else None
    text = "".join(b.text for b in blocks[:6] if b.page == first)
    final = "决算" in text and "预算公开" not in text and "部门预算" not in text
    return DisclosureKind.FINAL if final else DisclosureKind.BUDGET


def _narrative(blocks: list[RawBlock]) -> Any:
    if not blocks:
        return None
    from govbudget.narrative.sections import build_narrative

    return build_narrative(blocks)


def _performance(tables: list[RawTable], file: str, part: _Part) -> tuple[Any, ...]:
    """Read the part's performance grids; a grid that cannot be read is kept as unparsed."""
    from govbudget.performance.tables import read_performance_grid, read_performance_tables

    if not tables:
        return ()
    try:
        return tuple(read_performance_tables(tables, file=file))
    except LoadError:
        pass
    out = []
    for t in tables:
        try:
            out.extend(read_performance_grid(t, file=file))
        except LoadError as exc:
            text = "\n".join(" | ".join(r) for r in t.rows)
            part.unparsed.append(Unparsed(f"{t.title or ''}\n{text}".strip(),
                                          f"绩效目标表未能读取（{exc.detail}）",
                                          t.location(file=file)))
    return tuple(out)
