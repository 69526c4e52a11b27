"""Read the layout of a raw table grid: header rows, 栏次, and what each column holds.

The header is recognised by structure, not by one template's strings: the rows before
the first data row (a row with a classification code, a known line name or an amount)
are the header; a row starting with ``栏次`` numbers the columns. A column is the 序号,
a code column (one 3/5/7-digit cell, or the 类|款|项 cells of a split code), a name
column (text), or an amount column, told apart by the cells below the header (a
template's placeholder cells, ``……``, are not counted; a 序号 column printing （一）… is
a text column).

>>> from govbudget.readers.layout import read_layout
>>> lay = read_layout((("序号", "科目编码", "科目名称", "合计"), ("栏次", "1", "2", "3"),
...                    ("1", "", "合计", "5.00"), ("2", "208", "社会保障和就业支出", "5.00")))
>>> lay.header_rows, lay.numbers, lay.code_columns, lay.name_columns, lay.amount_columns
(2, 0, (1,), (2,), (3,))
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import attrs

__all__ = ["Layout", "clean", "read_layout"]

_CODE = re.compile(r"^\[?\d{3}(?:\d{2}){0,2}\]?$")
_PART = re.compile(r"^\d{2,3}$")
_AMOUNT = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[-—–]+$")
#: a number no amount can be (1e+308, inf: an .xlsx cell past 10^24, as printed): still
#: a cell of a data row, in an amount column, so that it is kept as unparsed, not as a label
_NUMBER_NO_AMOUNT = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$|^[+-]?(?:inf|infinity|nan)$",
                               re.I)
_COUNTER = re.compile(r"^(?:栏次|行次)$")
_PLACEHOLDER = re.compile(r"^[.…⋯·]+$")
_TOTALS = frozenset({"合计", "总计", "小计"})


@functools.lru_cache(maxsize=16384)
def clean(text: str) -> str:
    """A cell's text, NFKC-folded, without spaces or line breaks.

    >>> clean(" 1,234.50 "), clean("社会保障\\n和就业支出"), clean("（一）")
    ('1,234.50', '社会保障和就业支出', '(一)')
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()) if not text.isalnum() else text


@functools.lru_cache(maxsize=16384)
def is_amount(text: str) -> bool:
    """Whether a cell reads as an amount (``1,234.50``, ``0``, ``-``)."""
    return bool(_AMOUNT.match(clean(text)))


def _number_shaped(text: str) -> bool:
    """An amount, or a number that cannot be one (``1e+308``): never a label."""
    return is_amount(text) or bool(_NUMBER_NO_AMOUNT.match(clean(text)))


@attrs.frozen(slots=True)
class Layout:
    """Where a grid's header ends and what its columns hold (表格结构)."""

    header_rows: int
    width: int
    numbers: int | None  # the 序号 column
    code_columns: tuple[int, ...]
    name_columns: tuple[int, ...]
    amount_columns: tuple[int, ...]
    text_columns: tuple[int, ...]
    column_numbers: dict[int, int] = attrs.field(factory=dict)  # physical column → 栏次
    labels: dict[int, tuple[str, ...]] = attrs.field(factory=dict)  # header texts, top down


class _Cell(NamedTuple):
    """What a data cell looks like, for telling columns apart."""

    text: str  # cleaned
    placeholder: bool  # …… in a template
    code: bool  # a 3/5/7-digit code, maybe in brackets
    part: bool  # a 2/3-digit part of a split code
    amount: bool


@functools.lru_cache(maxsize=16384)
def _kind(text: str) -> _Cell:
    c = clean(text)
    return _Cell(c, bool(_PLACEHOLDER.match(c)),
                 bool(_CODE.match(c)) and len(c.strip("[]")) in (3, 5, 7),
                 bool(_PART.match(c)), _number_shaped(c))


def _is_data_row(row: Sequence[str]) -> bool:
    cells = [clean(c) for c in row]
    if cells and _COUNTER.match(cells[0]):
        return False
    if any(_CODE.match(c) and len(c) in (3, 5, 7) for c in cells[:4]):
        return True
    filled = [c for c in cells if c]
    # a row of amounts only (三公经费 printed across) is data
    if len(filled) >= 2 and all(_number_shaped(c) for c in filled) and any(
            "." in c or "," in c or not is_amount(c) for c in filled):
        return True
    # a total line with nothing beside it (an empty table's 合计 row) is data
    if len(filled) == 1 and filled[0] in ("合计", "总计") and cells.index(filled[0]) < 3:
        return True
    # a row with an amount beside text is data (a header has labels only)
    has_text = any(c and not _number_shaped(c) for c in cells)
    has_amount = any(_number_shaped(c) and not _PART.match(c) and c not in ("1", "2", "3")
                     for c in cells[1:])
    return has_text and has_amount


def read_layout(rows: Sequence[Sequence[str]], *, header_rows: int | None = None) -> Layout:
    """Find the header rows (unless given) and the role of every column of a grid."""
    header: int | None = header_rows
    column_numbers: dict[int, int] = {}
    for i, row in enumerate(rows[:8] if header is None else ()):
        cells = [clean(c) for c in row]
        if cells and _COUNTER.match(cells[0]):
            for j, c in enumerate(cells[1:], start=1):
                if c.isdigit():
                    column_numbers[j] = int(c)
            header = i + 1
            break
    if header is None:
        header = next((i for i, row in enumerate(rows) if _is_data_row(row)), len(rows))
    data = rows[header:]
    width = max((len(r) for r in rows), default=0)
    header_labels = _labels(rows[:header], width)

    numbers = None
    serial_text = False  # a 序号 column printing （一）… : kept as text, not as numbers
    first = [clean(r[0]) for r in data if r]
    if any("序号" in lab for lab in header_labels.get(0, ())):
        serial_text = not all(not c or c.isdigit() or c in _TOTALS or _PLACEHOLDER.match(c)
                              for c in first)
        numbers = None if serial_text else 0
    elif first and column_numbers and all(not c or c.isdigit() for c in first) \
            and 0 not in column_numbers and not _names_codes(header_labels.get(0, ())) \
            and not all(len(c) in (3, 5, 7) for c in first if c):  # 科目编码, not 序号
        numbers = 0

    codes: list[int] = []
    names: list[int] = []
    amounts: list[int] = []
    texts: list[int] = []
    for j in range(width):
        if j == numbers:
            continue
        if j == 0 and serial_text:
            texts.append(j)
            continue
        kinds = [k for r in data if j < len(r)  # not a template's ……
                 and (k := _kind(r[j])).text and not k.placeholder]
        filled = [k.text for k in kinds]
        labels = "".join(header_labels.get(j, ()))
        if not filled:
            if "编码" in labels or "代码" in labels:
                codes.append(j)
            elif "名称" in labels or labels.endswith("项目"):
                names.append(j)
            else:
                amounts.append(j)
            continue
        code_like = sum(k.code for k in kinds)
        part_like = sum(k.part for k in kinds)
        amount_like = sum(k.amount for k in kinds)
        if "编码" in labels or "代码" in labels or labels.endswith(("类", "款", "项")):
            totals = sum(1 for c in filled if c in _TOTALS)  # 合计 printed in the code column
            if code_like + part_like >= (len(filled) - totals) * 0.8 and code_like + part_like:
                codes.append(j)
                continue
            if any(c.isdigit() for c in filled) and not any("." in c or "," in c for c in filled):
                texts.append(j)  # unit codes (309001 …), not classification codes
                continue
            if not amount_like:  # only labels such as 合计 so far
                codes.append(j)
                continue
        if code_like >= max(1, len(filled) * 0.6) and amount_like - code_like < len(filled) * 0.3 \
                and not any("." in c for c in filled):
            codes.append(j)
        elif amount_like >= len(filled) * 0.8:
            amounts.append(j)
        elif amount_like == 0 or (len(filled) - amount_like) >= len(filled) * 0.5:
            names.append(j)
        else:
            texts.append(j)
    # a second run of code columns (政府经济分类 beside 部门经济分类) is kept as text
    run = [j for i, j in enumerate(codes) if codes[0] + i == j]
    texts.extend(j for j in codes if j not in run)
    return Layout(header, width, numbers, tuple(run), tuple(names), tuple(amounts),
                  tuple(sorted(texts)), column_numbers, header_labels)


def _names_codes(labels: Sequence[str]) -> bool:
    return any("编码" in t or "代码" in t for t in labels)


def _labels(header: Sequence[Sequence[str]], width: int) -> dict[int, tuple[str, ...]]:
    """Header texts above each column, top down, each once.

    Merged header cells come in two conventions: the PDF and .docx readers keep the text
    once, in the first cell of the span, and leave the cells it covers blank; the .xlsx
    reader repeats it over the span, across and down. Both give the same labels: a text
    repeated down a column is read once, and a blank cell right of a group heading takes
    that heading when rows below label the column. Full-width rows give each column its
    own text. A narrower row lost the positions of its merged cells: its texts fill, in
    order, the columns that full-width rows left unlabelled, skipping the texts that head
    a group (those over labelled columns).

    >>> _labels([("项目", "", "金额"), ("编码", "名称", "金额")], 3)  # PDF: blank under a span
    {0: ('项目', '编码'), 1: ('项目', '名称'), 2: ('金额',)}
    >>> _labels([("项目", "项目", "金额"), ("编码", "名称", "金额")], 3)  # xlsx: repeated
    {0: ('项目', '编码'), 1: ('项目', '名称'), 2: ('金额',)}
    """
    labels: dict[int, list[str]] = {j: [] for j in range(width)}
    narrow: list[list[str]] = []
    rows = [[clean(c) for c in row] for row in header]
    full = [r for r in rows if len(r) == width and not (r and _COUNTER.match(r[0]))]

    def add(j: int, text: str) -> None:
        if not labels[j] or labels[j][-1] != text:
            labels[j].append(text)

    for r, cells in enumerate(full):
        below = full[r + 1:]
        group = ""
        for j, c in enumerate(cells):
            if c:
                add(j, c)
                group = c
            elif group and any(b[j] for b in below) and not any(a[j] for a in full[:r]):
                add(j, group)  # a merged group cell spans the columns below it
            else:
                group = ""
    for cells in rows:
        if (cells and _COUNTER.match(cells[0])) or len(cells) == width:
            continue
        narrow.append([c for c in cells if c])
    for texts in narrow:
        empty = [j for j in range(width) if not labels[j]]
        if not empty:
            continue
        # texts that name a group span several labelled columns: drop as many as needed
        spare = len(texts) - len(empty)
        chosen = list(texts)
        if spare > 0:
            groups = [t for t in texts if _is_group(t)]
            for g in groups[:spare]:
                chosen.remove(g)
        for j, t in zip(empty, chosen, strict=False):  # texts beyond the empty columns: dropped
            labels[j].insert(0, t)
    return {j: tuple(v) for j, v in labels.items() if v}


def _is_group(text: str) -> bool:
    return text.endswith(("科目", "收入", "支出", "性质", "分类", "经费")) and text not in (
        "合计", "小计", "上年结转", "其他收入", "事业收入", "经营收入", "上级补助收入",
        "附属单位上缴收入", "基本支出", "项目支出", "经营支出", "人员经费", "公用经费",
    )
