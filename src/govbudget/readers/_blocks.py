"""Tables printed as blocks side by side (分栏表): one classification in two or three blocks.

A basic-expenditure table often prints 301/303 on the left and 302/310 on the right,
each block with its own 科目编码 | 科目名称 | 金额 columns. Such a grid is one table of
code rows read block by block: a block begins at each code column (headed 编码/代码)
that follows a non-code column, and holds a name and an amount column. A label whose
merged cell spans into the next block (公用经费合计 over two blocks, its amount in the
last column) keeps that amount.

>>> from govbudget.readers.layout import read_layout
>>> grid = (("科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"),
...         ("301", "工资福利支出", "5.00", "302", "商品和服务支出", "2.00"))
>>> side_by_side(read_layout(grid))
((0, 3), (3, 6))
>>> [r for r in block_grids(grid, read_layout(grid), ((0, 3), (3, 6)))[1]]
[('科目编码', '科目名称', '决算数'), ('302', '商品和服务支出', '2.00')]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from govbudget.readers.layout import Layout, clean, is_amount

__all__ = ["block_grids", "side_by_side"]

Block = tuple[int, int]


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


def block_grids(rows: Sequence[Sequence[str]], layout: Layout,
                blocks: Sequence[Block]) -> list[list[tuple[str, ...]]]:
    """The grid of each block (header rows included), blocks left to right."""
    grid = [tuple(r) + ("",) * (layout.width - len(r)) for r in rows]
    for i in range(layout.header_rows, len(grid)):
        grid[i] = _carry_spanned_amounts(grid[i], blocks)
    return [[r[a:b] for r in grid] for a, b in blocks]


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
