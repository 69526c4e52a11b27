"""Tables printed as blocks side by side (并列的分栏), each block with its own columns.

Two layouts put several column sets on one grid:

* a table too long for its page printed in two halves, the same headings repeated
  (``编码 | 名称 | 金额 | 编码 | 名称 | 金额``: 301/303 on the left, 302/310 on the right) —
  the halves are rows of the same table, read one after the other;
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

from collections.abc import Sequence

from govbudget.readers.layout import Layout, clean
from govbudget.tables.kinds import TableKind

__all__ = ["blocks", "masked"]

Columns = tuple[int, ...]


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
