"""The parts of a 绩效目标表 around its indicator grid: the title and the labelled rows.

The labelled rows above the header (项目名称, 主管部门, 实施单位, 资金总额, 财政拨款,
年度目标 …) are read as key/value pairs wherever they stand in the row; titles such as
``301007_…分局_X项目绩效目标表`` give the project and the unit.

>>> from govbudget.performance.heads import Head, clean_name, name_from_title
>>> name_from_title("301007_泉州市公安局晋江国际机场分局_机场公安综合修缮改造项目绩效目标表")
('机场公安综合修缮改造', '301007', '泉州市公安局晋江国际机场分局')
>>> name_from_title("政策和项目预算绩效目标表")[0], clean_name("2026 年医疗服务\\n补助资金")
('', '2026年医疗服务补助资金')
>>> h = Head()
>>> h.row(["主管部门及代码", "233_烟台市民政局", "资金总额：", "176.00"])
>>> h.department, h.amount, h.details
('烟台市民政局', Decimal('176.00'), [('部门代码', '233')])
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from govbudget.errors import InvalidAmount
from govbudget.money import Unit, parse_cell
from govbudget.readers.raw import RawTable

__all__ = [
    "Head",
    "clean_name",
    "is_performance_title",
    "key",
    "name_from_title",
    "title_of",
    "unit_from_context",
    "unwrap",
]

_WS = re.compile(r"[\s\u3000]+")


# key, unwrap and clean_name are pure functions of a cell's text, asked again for the same
# labels and cells while a table is read (header search, row labels): memoised.
@functools.lru_cache(maxsize=8192)
def key(text: str | None) -> str:
    """A label for matching: NFKC, no spaces or wraps, no trailing colon."""
    return _WS.sub("", unicodedata.normalize("NFKC", text or "")).strip(":：")


@functools.lru_cache(maxsize=8192)
def unwrap(text: str | None) -> str:
    """A wrapped cell's text on one line (Chinese wraps join without a space)."""
    if not text:
        return ""
    lines = [ln.strip() for ln in text.splitlines()]
    out = ""
    for ln in lines:
        if (
            out
            and ln
            and out[-1].isascii()
            and out[-1].isalpha()
            and ln[0].isascii()
            and ln[0].isalpha()
        ):
            out += " "
        out += ln
    return out.strip()


_CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]"
_LAYOUT_SPACE = re.compile(rf"(?<={_CJK})\s+|\s+(?={_CJK})")
_QUOTED = re.compile(r'^"([^"]*)"$')


@functools.lru_cache(maxsize=8192)
def clean_name(text: str | None) -> str:
    """A name as one line: wraps joined, layout spaces next to Chinese characters removed
    (``2026 年`` → ``2026年``), a cell quoted whole (``"…"``, a spreadsheet export) unquoted."""
    t = unwrap(text)
    m = _QUOTED.match(t)
    if m:
        t = m.group(1).strip()
    return _LAYOUT_SPACE.sub("", t)


def is_performance_title(text: str | None) -> bool:
    """True for the title of a performance-target table (…绩效目标表, 部门整体支出绩效目标表)."""
    k = key(text)
    return "绩效目标表" in k or ("绩效" in k and "目标" in k and k.endswith(("表", "表)")))


# --- the labelled rows above the header ---------------------------------------------

_NAME = {"项目名称", "专项资金名称", "专项名称", "项目", "政策名称", "政策和项目名称", "资金名称"}
_DEPARTMENT = {"主管部门", "主管部门及代码", "部门名称", "预算部门", "部门"}
_UNIT = {"实施单位", "项目实施单位", "单位名称", "预算单位"}
_GOAL = {
    "绩效目标",
    "年度目标",
    "总体目标",
    "年度总体目标",
    "项目实施期目标",
    "实施期目标",
    "年度绩效目标",
    "项目年度目标",
    "整体绩效目标",
    "部门整体绩效目标",
    "长期目标",
    "总体绩效目标",
    "目标",
    "年度绩效目标内容",
}
_TOTAL = {
    "资金总额",
    "年度预算资金总额",
    "年度预算资金",
    "项目资金",
    "专项资金情况",
    "资金情况",
    "年度预算安排",
    "预算资金",
    "年度资金总额",
    "项目总金额",
    "预算金额",
    "项目金额",
    "项目资金总额",
    "年度资金",
    "专项资金",
    "资金总额合计",
    "预算数",
}
_AMOUNT_TAIL = ("资金", "拨款", "支出", "总额", "金额", "安排", "情况", "结转", "收入", "预算数")
_UNIT_IN_LABEL = re.compile(r"\((万元|元|亿元)\)")


def _label(cell: str) -> tuple[str, Unit | None] | None:
    """A cell that is a field label (项目名称, 资金总额：, 专项资金情况（万元）), and its unit."""
    k = key(cell)
    if k.startswith("其中"):
        k = k[2:].lstrip(":：")
    unit = None
    m = _UNIT_IN_LABEL.search(k)
    if m:
        unit = Unit.parse(m.group(1))
        k = _UNIT_IN_LABEL.sub("", k)
    k = k.strip(":：")
    if not k or len(k) > 14:
        return None
    if (
        k in _NAME | _DEPARTMENT | _UNIT | _GOAL | _TOTAL
        or k.endswith(_AMOUNT_TAIL)
        or k in ("部门预算编码", "部门编码", "单位编码", "项目编码", "项目代码", "备注")
    ):
        return k, unit
    return None


def _amount(cell: str) -> Decimal | None:
    try:
        c = parse_cell(cell)
    except InvalidAmount:
        return None
    return c.value


_CODE_PREFIX = re.compile(r"^(\d{2,9})\s*[_\-－—]\s*(\S.*)$")


class Head:
    """What the labelled rows above the indicator header said, collected row by row."""

    def __init__(self) -> None:
        self.name: str | None = None
        self.department: str | None = None
        self.unit: str | None = None
        self.goal_parts: list[str] = []
        self.amount: Decimal | None = None
        self.amount_unit: Unit | None = None
        self.funds: list[tuple[str, Decimal]] = []
        self.details: list[tuple[str, str]] = []
        self.special = False
        self.title: str | None = None
        self.inferred = 0  # rows whose blank 一级 was given the one their 二级 belongs to

    def put(self, label: str, text: str) -> None:
        value = unwrap(text) if label not in _GOAL else text.strip()
        if label in _NAME and self.name is None:
            self.name = clean_name(text)
            self.special = self.special or label.startswith("专项")
        elif label in _DEPARTMENT and self.department is None:
            m = _CODE_PREFIX.match(value)
            if m:
                self.details.append(("部门代码", m.group(1)))
                value = m.group(2)
            self.department = clean_name(value)
        elif label in _UNIT and self.unit is None:
            self.unit = clean_name(value)
        elif label in _GOAL:
            self.goal_parts.append(text.strip())
        else:
            amount = _amount(value)
            if amount is not None and (label in _TOTAL or label.endswith(_AMOUNT_TAIL)):
                self.funds.append((label, amount))
                if label in _TOTAL and self.amount is None:
                    self.amount = amount
            else:
                self.details.append((label, value))

    def row(self, cells: Sequence[str]) -> None:
        pending: str | None = None
        for cell in cells:
            if not cell or not cell.strip():
                continue
            lab = _label(cell)
            takes_value = pending is not None and (
                pending not in _TOTAL or _amount(cell) is not None
            )
            if lab is not None and not takes_value:
                pending, unit = lab
                if unit is not None:
                    self.amount_unit = unit
                continue
            if pending is not None:
                self.put(pending, cell)
                pending = None
                continue
            text = unwrap(cell)
            if is_performance_title(text) and self.title is None:
                self.title = text
                continue
            m = re.match(r"^([^:：]{1,12})[:：](.+)$", text, re.S)
            if m:
                self.details.append((m.group(1).strip(), m.group(2).strip()))
            else:
                self.details.append(("", text))
        if pending is not None and pending not in _TOTAL:
            self.details.append((pending, ""))


# --- titles -------------------------------------------------------------------------

_LEADING_NO = re.compile(
    r"^\s*(?:\d{1,3}\s*[、.．]|[（(]\d{1,3}[)）]|[一二三四五六七八九十]+、)\s*"
)
_UNIT_PREFIX = re.compile(r"^(\d{3,9})[_\-－—](?:(.+?)[_\-－—])?")
_YEAR_TAIL = re.compile(r"[（(]\s*\d{4}\s*年度?\s*[)）]$")


_TITLE_TAILS = (
    "项目支出绩效目标表",
    "项目绩效目标表",
    "支出绩效目标表",
    "预算绩效目标表",
    "绩效目标表",
)
#: what is left of a title that names no project (政策和项目预算绩效目标表)
_GENERIC_NAMES = frozenset(
    {
        "",
        "政策和项目",
        "政策和项目预算",
        "项目",
        "项目支出",
        "专项资金",
        "政策",
        "部门整体",
        "部门整体支出",
    }
)


def name_from_title(title: str) -> tuple[str, str | None, str | None]:
    """Project name, unit code and unit name from a title like ``301007_…_X项目绩效目标表``;
    the name is empty for a generic title (``政策和项目预算绩效目标表``)."""
    t = _YEAR_TAIL.sub("", _WS.sub("", title))
    t = _LEADING_NO.sub("", t)
    code = unit = None
    m = _UNIT_PREFIX.match(t)
    if m:
        code, unit = m.group(1), m.group(2)
        t = t[m.end() :]
    for tail in _TITLE_TAILS:
        if t.endswith(tail):
            t = t[: -len(tail)]
            break
    return ("" if t in _GENERIC_NAMES else t), code, unit


def title_of(raw: RawTable) -> str | None:
    if raw.title and raw.title.strip():
        return raw.title.strip()
    for line in reversed(raw.context):
        if is_performance_title(line):
            return line.strip()
    return None


def unit_from_context(raw: RawTable) -> Unit | None:
    for line in raw.context:
        if "单位" in line and "元" in line:
            try:
                return Unit.parse(line.strip())
            except InvalidAmount:
                continue
    return None
