"""Coding rows printed by name only (按名称识别科目): the catalogue, read depth-first.

Some templates print a classification table without its codes (``科学技术支出`` /
``技术研究与开发`` / ``科技成果转化与扩散``). Rows are listed depth-first, so a name is looked
for among the children of the 款 and 类 above it, then among the 类: a name is given a
code only when exactly one entry of the edition carries it there; otherwise the row stays
uncoded (and the table says how many rows could not be coded).

>>> coder = NameCoder("functional", 2026)
>>> [coder.code(n) for n in ("科学技术支出", "技术研究与开发", "科技成果转化与扩散", "行政运行")]
['206', '20604', '2060404', None]

A numbered list (``一、`` ``二、`` …) names 类 only: a short name that only a 款 carries
(节能环保, 款 21905 of 219) stays uncoded:

>>> coder = NameCoder("functional", 2019)
>>> [coder.code(n) for n in ("四、节能环保", "七、交通运输", "十、其他支出")]
[None, None, '229']
"""

from __future__ import annotations

import re

from govbudget.codes import catalogue, normalize_name
from govbudget.codes.catalogue import Catalogue
from govbudget.errors import GovBudgetError

__all__ = ["NameCoder"]

_LEVEL_MARK = re.compile(r"[（(]\s*(类|款|项)\s*[)）]\s*$")
_ORDINAL = re.compile(r"^\s*(?:其中\s*[:：]?)?\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]"
                      r"|\d{1,2}\s*[、.．](?!\d))?\s*")
_LEVELS = {"类": 3, "款": 5, "项": 7}
#: a Chinese numeral and 顿号 (``四、节能环保``): the outline's top level, a 类
_TOP_ORDINAL = re.compile(r"^\s*[一二三四五六七八九十]+\s*、")


class NameCoder:
    """Codes for the names of one table's rows, in the order they are printed."""

    def __init__(self, scheme: str, year: int | None) -> None:
        self.cat: Catalogue | None = _catalogue(scheme, year)
        self.path: list[str] = []  # the codes above the next row: 类, then 款
        self.used: set[str] = set()

    def code(self, name: str) -> str | None:
        """The code of the row printed as ``name``, or None when not unambiguous."""
        if self.cat is None:
            return None
        mark = _LEVEL_MARK.search(name)
        level = _LEVELS[mark.group(1)] if mark else (3 if _TOP_ORDINAL.match(name) else None)
        key = normalize_name(_ORDINAL.sub("", _LEVEL_MARK.sub("", name), count=1))
        if not key:
            return None
        index = self.cat.names
        named: list[str] = [str(e.code) for e in (*index.exact.get(key, ()),
                                                  *index.other.get(key, ()))]
        named = list(dict.fromkeys(c for c in named if c not in self.used))
        if level is not None:
            named = [c for c in named if len(c) == level]
        found = None
        for parent in reversed(self.path):  # below the 款 above, then below the 类 above
            below = [c for c in named if len(c) == len(parent) + 2 and c.startswith(parent)]
            if len(below) == 1:
                found = below[0]
                break
            if below:
                return None
        if found is None:  # a 类, or a name no other entry of the edition carries
            top = [c for c in named if len(c) == 3]
            if len(top) == 1:
                found = top[0]
            elif len(named) == 1:
                found = named[0]
            else:
                return None
        self.used.add(found)
        self.path = [found[:n] for n in range(3, len(found), 2)] + [found]
        self.path = self.path[:2]  # rows below a 项 are its siblings, not its children
        return found


def _catalogue(scheme: str, year: int | None) -> Catalogue | None:
    try:
        return catalogue(scheme, year)
    except GovBudgetError:
        try:
            return catalogue(scheme)
        except GovBudgetError:
            return None
