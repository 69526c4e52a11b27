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
_COUNTER = re.compile(r"^(?:栏次|行次|\*+)$")
_PLACEHOLDER = re.compile(r"^[.…⋯·]+$")
_TOTALS = frozenset({"合计", "总计", "小计"})
#: a classification code fused with its name in one cell: 2011301-行政运行, [206]科学技术支出
_FUSED = re.compile(r"^[\[【]?(\d{3}(?:\d{2}){0,2})[\]】]?\s*[-－—_、.．:：]?\s*([\u4e00-\u9fff（(].*)$", re.S)
#: the heading of a column of unit codes (单位编码, 部门代码, 预算单位代码), not classification codes
_UNIT_CODE = re.compile(r"(单位|部门)(\(单位\))?(编码|代码)")
#: the scheme of a classification code, by its first digit
_SCHEMES = {"1": "revenue", "2": "functional", "3": "economic", "5": "government"}


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


@functools.lru_cache(maxsize=16384)
def split_fused(text: str) -> tuple[str, str] | None:
    """The code and name of a cell printing both (``2011301-行政运行``, ``[206]科学技术支出``).

    >>> split_fused("2011301-行政运行"), split_fused("30101 基本工资"), split_fused("309001")
    (('2011301', '行政运行'), ('30101', '基本工资'), None)
    """
    m = _FUSED.match(text.strip())
    return (m.group(1), m.group(2).strip()) if m else None


def scheme_of(code: str) -> str | None:
    """The classification a code belongs to, by its first digit (功能 2xx, 经济 3xx …)."""
    return _SCHEMES.get(code[:1])


@attrs.frozen(slots=True)
class Layout:
    """Where a grid's header ends and what its columns hold (表格结构).

    ``code_groups`` lists every classification-code column group (one column, or the
    类|款|项 columns of a split code), with its scheme in ``schemes``; ``code_columns`` is
    the first group. ``fused_columns`` print the code and the name in one cell.
    ``empty_columns`` hold nothing at all (a ruled margin).
    """

    header_rows: int
    width: int
    numbers: int | None  # the 序号 column
    code_columns: tuple[int, ...]
    name_columns: tuple[int, ...]
    amount_columns: tuple[int, ...]
    text_columns: tuple[int, ...]
    column_numbers: dict[int, int] = attrs.field(factory=dict)  # physical column → 栏次
    labels: dict[int, tuple[str, ...]] = attrs.field(factory=dict)  # header texts, top down
    code_groups: tuple[tuple[int, ...], ...] = ()
    schemes: dict[int, str | None] = attrs.field(factory=dict)  # first column of a group → scheme
    fused_columns: tuple[int, ...] = ()
    empty_columns: tuple[int, ...] = ()

    def group_for(self, scheme: str | None) -> tuple[int, ...]:
        """The code columns of ``scheme`` (the first group when none is of that scheme)."""
        for g in self.code_groups:
            if scheme is not None and self.schemes.get(g[0]) == scheme:
                return g
        return self.code_groups[0] if self.code_groups else ()


class _Cell(NamedTuple):
    """What a data cell looks like, for telling columns apart."""

    text: str  # cleaned
    placeholder: bool  # …… in a template
    code: bool  # a 3/5/7-digit code, maybe in brackets
    part: bool  # a 2/3-digit part of a split code
    amount: bool
    fused: bool  # a code and its name in one cell


@functools.lru_cache(maxsize=16384)
def _kind(text: str) -> _Cell:
    c = clean(text)
    return _Cell(c, bool(_PLACEHOLDER.match(c)),
                 bool(_CODE.match(c)) and len(c.strip("[]")) in (3, 5, 7),
                 bool(_PART.match(c)), _number_shaped(c), split_fused(text) is not None)


def _counter_numbers(cells: Sequence[str]) -> dict[int, int] | None:
    """The 栏次 of each column when ``cells`` is a 栏次 row (``栏次 1 2 3``, ``** ** 1 2``,
    ``1 2 3 4 …``), else None."""
    numbered = {j: int(c) for j, c in enumerate(cells) if c.isdigit() and len(c) <= 3}
    others = [c for j, c in enumerate(cells) if c and j not in numbered]
    if not all(_COUNTER.match(c) for c in others):
        return None
    if not numbered and len(others) >= 2 and all(c.startswith("*") for c in others):
        return {}  # ** ** ** **: a 栏次 row printing no numbers
    values = list(numbered.values())
    marked = bool(others)
    if len(values) < (1 if marked else 3) or values != list(range(values[0], values[0] + len(values))):
        return None
    if not marked and values[0] != 1:
        return None
    return numbered


def _is_data_row(row: Sequence[str]) -> bool:
    cells = [clean(c) for c in row]
    if cells and (_COUNTER.match(cells[0]) or _counter_numbers(cells) is not None):
        return False
    if any((_CODE.match(c) and len(c) in (3, 5, 7)) or _FUSED.match(c) for c in cells[:4]) \
            and any(is_amount(c) or _CODE.match(c) for c in cells):
        return True
    filled = [c for c in cells if c]
    # a row of amounts only (三公经费 printed across) is data
    if len(filled) >= 2 and all(_number_shaped(c) for c in filled):
        return True
    # a lone amount (an unlabelled total) is data
    if len(filled) == 1 and is_amount(filled[0]) and ("." in filled[0] or "," in filled[0]):
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
        numbered = _counter_numbers(cells)
        if numbered is not None:
            column_numbers = numbered
            header = i + 1
            break
        if cells and _COUNTER.match(cells[0]):
            break
    if header is None:
        header = next((i for i, row in enumerate(rows) if _is_data_row(row)), len(rows))
    data = rows[header:]
    width = max((len(r) for r in rows), default=0)
    header_labels = _labels(rows[:header], width)
    empty = tuple(j for j in range(width)
                  if not any(j < len(r) and clean(r[j]) for r in rows))

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
    fused: list[int] = []
    names: list[int] = []
    amounts: list[int] = []
    texts: list[int] = []
    for j in range(width):
        if j == numbers or j in empty:
            continue
        if j == 0 and serial_text:
            texts.append(j)
            continue
        kinds = [k for r in data if j < len(r)  # not a template's ……
                 and (k := _kind(r[j])).text and not k.placeholder]
        labels = "".join(header_labels.get(j, ()))
        role = _role(kinds, labels)
        if role == "fused":
            fused.append(j)
            codes.append(j)
        else:
            {"code": codes, "name": names, "amount": amounts, "text": texts}[role].append(j)
    groups, schemes = _code_groups(codes, fused, data, header_labels)
    return Layout(header, width, numbers, groups[0] if groups else (), tuple(names),
                  tuple(amounts), tuple(sorted(texts)), column_numbers, header_labels,
                  groups, schemes, tuple(fused), empty)


def _role(kinds: Sequence[_Cell], labels: str) -> str:
    """What a column holds, from its data cells and header labels: code, fused (code and
    name), name, amount or text."""
    filled = [k.text for k in kinds]
    unit_codes = bool(_UNIT_CODE.search(labels))
    if not filled:
        if ("编码" in labels or "代码" in labels) and not unit_codes:
            return "code"
        if "名称" in labels or labels.endswith("项目"):
            return "name"
        return "amount"
    code_like = sum(k.code for k in kinds)
    part_like = sum(k.part for k in kinds)
    amount_like = sum(k.amount for k in kinds)
    fused_like = sum(k.fused and not k.code for k in kinds)
    totals = sum(1 for c in filled if c in _TOTALS)  # 合计 printed in the code column
    if unit_codes:  # unit codes (309001, 114 …), never classification codes
        return "text"
    if fused_like and fused_like + code_like >= (len(filled) - totals) * 0.8 and fused_like * 2 >= code_like:
        return "fused"
    if "编码" in labels or "代码" in labels or labels.endswith(("类", "款", "项")):
        if code_like + part_like >= (len(filled) - totals) * 0.8 and code_like + part_like:
            return "code"
        if any(c.isdigit() for c in filled) and not any("." in c or "," in c for c in filled):
            return "text"  # unit codes (309001 …), not classification codes
        if not amount_like:  # only labels such as 合计 so far
            return "code"
    if code_like >= max(1, len(filled) * 0.6) and amount_like - code_like < len(filled) * 0.3 \
            and not any("." in c for c in filled):
        return "code"
    if amount_like >= len(filled) * 0.8:
        return "amount"
    if amount_like == 0 or (len(filled) - amount_like) >= len(filled) * 0.5:
        return "name"
    return "text"


def _code_groups(codes: Sequence[int], fused: Sequence[int], data: Sequence[Sequence[str]],
                 labels: dict[int, tuple[str, ...]]
                 ) -> tuple[tuple[tuple[int, ...], ...], dict[int, str | None]]:
    """The code columns grouped (the 类|款|项 parts of a split code together), each group
    with the scheme its codes belong to (功能 2xx, 部门经济 3xx, 政府经济 5xx)."""
    groups: list[list[int]] = []
    for j in codes:
        if groups and groups[-1][-1] == j - 1 and j not in fused and groups[-1][-1] not in fused \
                and _part_column(data, j, labels):
            groups[-1].append(j)
        else:
            groups.append([j])
    schemes: dict[int, str | None] = {}
    for g in groups:
        firsts = [clean(r[g[0]]) for r in data if g[0] < len(r)]
        heads = [(split_fused(c) or (c.strip("[]【】"), ""))[0] for c in firsts]
        found = [scheme_of(h) for h in heads if h.isdigit() and len(h) >= 3]
        votes = {s: found.count(s) for s in set(found) if s}
        schemes[g[0]] = max(votes, key=lambda s: votes[s]) if votes else None
    return tuple(tuple(g) for g in groups), schemes


def _part_column(data: Sequence[Sequence[str]], j: int, labels: dict[int, tuple[str, ...]]) -> bool:
    """Whether column ``j`` holds the 款/项 part of a split code (2 digits, or labelled so)."""
    lab = "".join(labels.get(j, ()))
    if lab.endswith(("款", "项")):
        return True
    cells = [clean(r[j]) for r in data if j < len(r) and clean(r[j])]
    return bool(cells) and all(len(c) <= 2 and c.isdigit() for c in cells if c not in _TOTALS)


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
