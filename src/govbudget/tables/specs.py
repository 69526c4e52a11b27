"""How a standard table is described (表样): its columns, named lines and label matching.

A ``TableSpec`` lists a table's columns (``ColumnSpec``: stable key, canonical name,
aliases, 栏次 side) and the named lines it may hold (``LineSpec``: 合计, 本年收入合计 …);
printed labels are compared after ``normalise_label`` (no ordinals, spaces, quotes or
brackets, NFKC-folded). The standard tables themselves are declared in ``kinds``.

>>> from govbudget.tables.specs import ColumnSpec, normalise_label
>>> normalise_label("（一）一般公共预算  拨款")
'一般公共预算拨款'
>>> ColumnSpec("fiscal", "财政拨款收入", ("财政拨款", "财政拨款收入")).labels
('财政拨款收入', '财政拨款')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from govbudget.tables.kinds import TableKind

__all__ = ["ColumnSpec", "LineSpec", "TableSpec", "normalise_label"]


@attrs.frozen(slots=True)
class ColumnSpec:
    """A column of a standard table (栏): stable key, canonical name, aliases, side."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    side: str | None = None  # "income" / "expenditure" in two-sided tables
    text: bool = False  # a text column (变化原因 …), not an amount
    parent: str | None = None  # the key of the column group it is printed under (基本支出 → 人员经费)

    @property
    def labels(self) -> tuple[str, ...]:
        """The name and aliases, normalised (``normalise_label``), name first, no repeats."""
        return _normalised((self.name, *self.aliases))


@attrs.frozen(slots=True)
class LineSpec:
    """A named line of a table (合计行, 结转行 …): stable key, names it is printed under."""

    key: str
    names: tuple[str, ...]
    side: str | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """The names, normalised (``normalise_label``), in order, no repeats."""
        return _normalised(self.names)


@attrs.frozen(slots=True)
class TableSpec:
    """What a standard table holds (表样): its columns, named lines and row classification."""

    kind: TableKind
    columns: tuple[ColumnSpec, ...]
    lines: tuple[LineSpec, ...] = ()
    scheme: str | None = None  # classification of the code rows: functional / economic
    two_sided: bool = False
    invariants: tuple[str, ...] = ()  # rule ids checking this table
    #: columns some templates print beyond the standard ones (the Shanghai unit 收支总表
    #: splits its expenditure 预算数 into 基本支出 / 项目支出): recognised when printed,
    #: never part of a table built from the spec
    extra_columns: tuple[ColumnSpec, ...] = ()

    @property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    @property
    def printable_columns(self) -> tuple[ColumnSpec, ...]:
        """The standard columns, then the extra ones."""
        return (*self.columns, *self.extra_columns)

    def column(self, key: str) -> ColumnSpec:
        for c in self.printable_columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def line_key(self, name: str, side: str | None = None) -> str | None:
        """The key of the named line printed as ``name`` (ordinals and spaces ignored).

        The first line (in declaration order) printed under that name wins; a name
        with a trailing qualifier (事业收入（不含教育收费）) is tried in full, then bare.
        """
        index = _line_index(self.lines, side)
        key = index.get(normalise_label(name))
        if key is None:
            bare = _bare_label(name)
            key = index.get(bare) if bare else None
            if key is None and bare.endswith("资金") and len(bare) > 4:  # 事业收入资金
                key = index.get(bare[:-2])
        return key


#: (id of a spec's lines, side) → (those lines, normalised name → key); the lines are kept
#: in the value so an id is never reused while its entry lives
_LINE_INDEXES: dict[tuple[int, str | None], tuple[tuple[LineSpec, ...], dict[str, str]]] = {}


def _line_index(lines: tuple[LineSpec, ...], side: str | None) -> dict[str, str]:
    """Normalised line name → line key, for the lines a side may hold (built once)."""
    entry = _LINE_INDEXES.get((id(lines), side))
    if entry is not None and entry[0] is lines:
        return entry[1]
    index: dict[str, str] = {}
    for line in lines:
        if side is not None and line.side not in (None, side):
            continue
        for label in line.labels:
            index.setdefault(label, line.key)
    if len(_LINE_INDEXES) < 1024:
        _LINE_INDEXES[(id(lines), side)] = (lines, index)
    return index


@functools.lru_cache(maxsize=4096)
def _normalised(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(map(normalise_label, names)))


@functools.lru_cache(maxsize=16384)
def _bare_label(name: str) -> str:
    return normalise_label(_QUALIFIER.sub("", name.strip()))


_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十百]+[、.．]|\d+[、.．](?!\d)|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)"
                      r"|[（(]\d{1,2}[)）](?!\d))")
_LABEL_NOISE = re.compile(r"[\s“”\"'‘’「」：:（）()、]")
_YEAR_PREFIX = re.compile(r"^\d{4}\s*年度?(?=\D)")


@functools.lru_cache(maxsize=16384)
def normalise_label(text: str) -> str:
    """A label with ordinals, spaces, quotes and brackets removed, NFKC-folded.

    >>> normalise_label("其中：（1）公务用车购置费"), normalise_label("2024年 机关运行经费")
    ('公务用车购置费', '机关运行经费')
    """
    t = unicodedata.normalize("NFKC", text).strip()
    t = _ORDINAL.sub("", t)
    if t[:1].isdigit():
        t = _YEAR_PREFIX.sub("", t)  # 2024年机关运行经费预算数
    if t.startswith("其中"):  # 其中：（1）公务用车购置费
        t = _ORDINAL.sub("", t[2:].lstrip(" :：").strip())
    return _LABEL_NOISE.sub("", t).replace("其它", "其他")


_QUALIFIER = re.compile(r"[（(][^（()）]*[)）]\s*$")
