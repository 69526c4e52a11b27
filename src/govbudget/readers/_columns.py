"""Matching a table's header labels to the columns of its kind (列的识别).

A header label names a column of the kind by its name or an alias, read under the group
label printed above it; a column of a transposed table names one of the kind's lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govbudget.readers.layout import Layout
from govbudget.tables.kinds import ColumnSpec, TableKind, normalise_label
from govbudget.tables.model import Column

_GENERIC = frozenset({"合计", "小计", "总计", "预算数", "预算", "金额", "预算金额"})


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
    n_own = normalise_label(own)
    if n_own in _GENERIC and group_spec is not None:
        return group_spec if group_spec.key not in used else None
    if group_spec is not None and group_spec.key != "total":
        inner = _match_column(own, _descendants(specs, group_spec.key), used)
        if inner is None and group_spec.key not in used and any(
                n_own.startswith(g) for g in group_spec.labels if len(g) >= 2):
            return group_spec  # 项目支出 → 项目支出总数: the group's own amount
        return inner
    match = _match_column(own, specs, used)
    if match is None and n_own in _GENERIC:
        for g in reversed(texts[:-1]):
            if normalise_label(g) in _GENERIC:
                match = _match_column(g, specs, used)
                if match is not None:
                    break
    if match is None and n_own in _GENERIC and group_spec is None:
        # 合计, 总计, 金额 heading a column of its own: the table's total
        match = next((s for s in specs if s.key == "total" and s.key not in used), None)
    return match


def _columns(kind: TableKind, layout: Layout, name_columns: Sequence[int]) -> dict[int, Column]:
    """Map every column but 序号, codes and row names to a column of the kind.

    Amount columns are matched to the kind's column keys by their header labels; the
    others are kept as text columns (``c<栏次>`` when the kind has no such column).
    """
    spec = kind.spec
    used: set[str] = set()
    out: dict[int, Column] = {}
    skip = {layout.numbers, *layout.code_columns, *name_columns, *layout.empty_columns}
    years = _column_years(layout)
    in_codes = {j for g in layout.code_groups for j in g}
    taken: set[str] = set()
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
        elif match is not None and is_text and kind is not TableKind.OTHER \
                and normalise_label(label) in match.labels and j not in in_codes:
            # an amount column of the kind whose cells read as no amount: kept as an amount
            # column, so that every cell it cannot parse is recorded as unparsed
            is_text = False
        if match is None or match.text != is_text:
            number = layout.column_numbers.get(j)
            key = f"c{number if number is not None else j}"
            if key in taken:  # 栏次 2 and physical column 2 both unnamed: keep keys apart
                key = f"c{j}_{number}" if number is not None else f"x{j}"
            taken.add(key)
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


def _is_label(kind: TableKind, text: str) -> bool:
    """Whether a cell reads as a column heading of the kind (类/款/项, 小计, 人员经费 …)."""
    n = normalise_label(text)
    return n in ("类", "款", "项", "项目", "科目", *_GENERIC) or n.endswith(("编码", "名称", "代码")) \
        or _match_column(text, kind.spec.printable_columns, set()) is not None


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
        clipped = _clipped_line(kind, texts[i])
        if clipped is not None:
            return clipped
    return None


def _clipped_line(kind: TableKind, text: str) -> str | None:
    """The line a heading clipped by its narrow cell names (``因公出国（`` of 因公出国（境）费):
    a text ending inside an open bracket that begins the names of one line only."""
    n = normalise_label(text)
    opened = text.count("（") + text.count("(") - text.count("）") - text.count(")")
    if len(n) < 4 or opened <= 0 or not text.rstrip().endswith(("（", "(")):
        return None
    keys = {line.key for line in kind.spec.lines
            for name in line.names if normalise_label(name).startswith(n)}
    return keys.pop() if len(keys) == 1 else None
