"""Tables printed as blocks side by side (并列的分栏), each block with its own columns.

Two layouts put several column sets on one grid:

* a table too long for its page printed in two halves, the same headings repeated
  (``编码 | 名称 | 金额 | 编码 | 名称 | 金额``: 301/303 on the left, 302/310 on the right) —
  the halves are rows of the same table, read one after the other;
* one classification in blocks each starting at a code column headed 编码/代码, with
  its own name and amount columns (the headings of the amounts may differ); a label
  whose merged cell spans into the next block (公用经费合计 over two blocks, its amount
  in the last column) keeps that amount;
* a 收支总表 whose expenditure side is printed in more than one classification (支出功能分类
  | 部门预算支出经济分类 | 政府预算支出经济分类, or 功能分类 | 支出用途) — the income block and
  the functional block are the table; every other block is read as a table of its own,
  titled after the table and the block's heading.

A block is a set of physical columns; the grid is read through a *mask* keeping only
those columns, so every cell keeps its place (its row and column in the printed grid).

>>> rows = (("编码", "名称", "金额", "编码", "名称", "金额"), ("301", "工资福利支出", "1.00", "302", "商品和服务支出", "2.00"))
>>> from govbudget.readers.layout import read_layout
>>> blocks(TableKind.BASIC_EXPENDITURE, rows, read_layout(rows))
([(0, 1, 2), (3, 4, 5)], [])
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from govbudget.readers.layout import Layout, clean, is_amount
from govbudget.tables.kinds import TableKind

__all__ = ["blocks", "carried", "masked"]

Columns = tuple[int, ...]
Block = tuple[int, int]


def _label(layout: Layout, j: int) -> str:
    return "".join(clean(t) for t in layout.labels.get(j, ()))


def blocks(kind: TableKind, rows: Sequence[Sequence[str]], layout: Layout
           ) -> tuple[list[Columns], list[tuple[str, Columns]]]:
    """(the blocks read into the table, one after the other; the blocks read as tables of
    their own, with their headings). A grid of one block gives ``([all columns], [])``."""
    width = layout.width
    every = tuple(range(width))
    labels = [_label(layout, j) for j in range(width)]
    for k in range(2, 0 if kind.spec.two_sided else width // 2 + 1):  # halves of one table
        if width % k == 0 and all(labels[:k]) and all(
                labels[i * k:(i + 1) * k] == labels[:k] for i in range(width // k)):
            return [tuple(range(i * k, (i + 1) * k)) for i in range(width // k)], []
    names = list(layout.name_columns)
    if not kind.spec.two_sided and kind.spec.scheme is not None:
        coded = side_by_side(layout)
        if coded is not None:
            return [tuple(range(a, b)) for a, b in coded], []
    if not kind.spec.two_sided or len(names) <= 2:
        return [every], []
    spans = [tuple(range(a, b)) for a, b in zip(names, [*names[1:], width], strict=True)]
    spans[0] = tuple(range(names[1]))  # the income block holds any leading columns
    functional = next((i for i, s in enumerate(spans[1:], start=1) if "功能" in labels[s[0]]), 1)
    own = [*spans[0], *spans[functional]]
    apart = [(labels[s[0]] or f"第{i + 1}栏", s) for i, s in enumerate(spans)
             if i not in (0, functional)]
    return [tuple(own)], apart


def masked(rows: Sequence[Sequence[str]], keep: Columns) -> list[tuple[str, ...]]:
    """The grid with every cell outside ``keep`` blanked (cells keep their columns)."""
    keep_set = set(keep)
    return [tuple(c if j in keep_set else "" for j, c in enumerate(r)) for r in rows]


def carried(rows: Sequence[Sequence[str]], header_rows: int, own: Sequence[Columns]
            ) -> list[tuple[str, ...]]:
    """The grid with the amounts of a label spanning two adjacent blocks moved under it."""
    spans = [(c[0], c[-1] + 1) for c in own]
    if len(spans) < 2 or any(b != c for (_, b), (c, _) in itertools.pairwise(spans)):
        return [tuple(r) for r in rows]
    width = spans[-1][1]
    grid = [tuple(r) + ("",) * (width - len(r)) for r in rows]
    return [*grid[:header_rows], *(_carry_spanned_amounts(r, spans) for r in grid[header_rows:])]


def carried_from_apart(rows: Sequence[Sequence[str]], header_rows: int, own: Columns,
                       others: Sequence[tuple[str, Columns]]) -> list[tuple[str, ...]]:
    """The grid with the amounts of a label of the table's last block (当年支出小计 under the
    functional classification) printed under the next block, read apart (its 支出用途), when
    that block has no label of its own on the row: a merged cell spanning both (W121 p.3)."""
    grid = [tuple(r) for r in rows]
    end = own[-1] + 1
    for _, cols in others:
        if not cols or cols[0] != end or list(cols) != list(range(cols[0], cols[-1] + 1)):
            continue
        width = cols[-1] + 1
        out = grid[:header_rows]
        for r in grid[header_rows:]:
            r = r + ("",) * (width - len(r))
            # the row's last label inside the table starts its block (支出's 功能科目名称)
            labels = [k for k in own if clean(r[k]) and not is_amount(r[k])]
            out.append(_carry_spanned_amounts(r, [(labels[-1], end), (cols[0], width)])
                       if labels else r)
        grid = out
    return grid


def _codes_header(layout: Layout, j: int) -> bool:
    labels = layout.labels.get(j, ())
    return bool(labels) and ("编码" in labels[-1] or "代码" in labels[-1])


def side_by_side(layout: Layout) -> tuple[Block, ...] | None:
    """The column ranges of the blocks, or ``None`` when the grid is one block.

    Each block starts with a code column headed 编码/代码 and has a name and an amount
    column after it; a split code (类 | 款 | 项 under one 科目编码) is one block.
    """
    starts = [j for j in range(layout.width)
              if _codes_header(layout, j) and (j == 0 or not _codes_header(layout, j - 1))]
    if len(starts) < 2:
        return None
    bounds = [*starts, layout.width]
    blocks = tuple((a, b) for a, b in itertools.pairwise(bounds))
    names, amounts = set(layout.name_columns), set(layout.amount_columns)
    for a, b in blocks:
        inside = range(a + 1, b)
        labelled_name = any("名称" in "".join(layout.labels.get(j, ())) for j in inside)
        if b - a < 3 or not (labelled_name or names.intersection(inside)) \
                or not amounts.intersection(inside):
            return None
    if starts[0] != 0 and any(j < starts[0] for j in (*layout.amount_columns, *names)):
        return None  # columns before the first block: not a side-by-side layout
    return blocks


def _carry_spanned_amounts(row: tuple[str, ...], blocks: Sequence[Block]) -> tuple[str, ...]:
    """A block labelled without amounts, whose next block has amounts and no label, takes
    those amounts (a merged label cell spanning both blocks)."""
    cells = list(row)
    for (a, b), (c, d) in itertools.pairwise(blocks):
        label = any(clean(x) and not is_amount(x) for x in cells[a:b])
        own = any(clean(x) and is_amount(x) for x in cells[a + 1:b])
        nxt_label = any(clean(x) and not is_amount(x) for x in cells[c:d])
        nxt_amounts = [k for k in range(c, d) if clean(cells[k]) and is_amount(cells[k])]
        if label and not own and not nxt_label and nxt_amounts and not clean(cells[c]):
            for k in nxt_amounts:
                target = a + (k - c)
                if target < b and not clean(cells[target]):
                    cells[target], cells[k] = cells[k], ""
                else:  # no matching place: the block's last column
                    cells[b - 1], cells[k] = cells[k], ""
    return tuple(cells)
