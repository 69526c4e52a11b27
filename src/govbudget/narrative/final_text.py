"""Reading a final account's narrative (决算情况说明): compact sentences, amounts, residue.

The final-accounts template words every figure the same way across provinces:
"… 万元，比 2023 年度决算数增加 X 万元，增长 P%", "占 P%", "年初预算为 A 万元，支出决算
为 B 万元，完成年初预算的 C%". The checks (``final_checks``) read those phrases from the
compact text of each section: NFKC-folded, without spaces (a PDF breaks "22066.59 万元").

>>> from govbudget.narrative.final_text import amounts, compact, residue
>>> s = compact("收、支总计 22066.59 万元，增长 35.74％。")
>>> s, [(a.label, str(a.value), a.unit) for a in amounts(s)]
('收支总计22066.59万元,增长35.74%。', [('收支总计', '22066.59', '万元'), ('增长', '35.74', '%')])
>>> residue("收入支出总计增加（减少）XXX 万元。（如持平作持平表述）")
['增加（减少）', 'XXX', '（如持平作持平表述）']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

import attrs

__all__ = ["Amount", "amounts", "compact", "label_before", "residue", "sentences"]

_NUM = r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_TOKEN = re.compile(_NUM + r"(亿元|万元|元|%|辆)")
_BREAK = "，,。；;：:、\n"
_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,3}[.、．]"
                      r"(?!\d)|其中)+")
_SPACE = re.compile(r"\s+")


@attrs.frozen(slots=True)
class Amount:
    """A number the narrative states (陈述的数字): the words before it, value, unit, span."""

    label: str
    value: Decimal
    unit: str
    start: int
    end: int


def compact(text: str) -> str:
    """The text NFKC-folded (％ → %, ， → ,), without whitespace, with （） kept full-width
    and 收、支 read as 收支 (one label, not a list)."""
    t = unicodedata.normalize("NFKC", text).replace("(", "（").replace(")", "）")
    return _SPACE.sub("", t).replace("收、支", "收支")


def label_before(text: str, i: int) -> str:
    """The words naming the number at ``i``: back to the previous break, ordinals dropped."""
    j = i
    while j > 0 and text[j - 1] not in _BREAK:
        j -= 1
    return _ORDINAL.sub("", text[j:i])


def amounts(text: str) -> list[Amount]:
    """Every ``number + unit`` of a compact text, with its label."""
    out = []
    for m in _TOKEN.finditer(text):
        value = Decimal(m.group(1).replace(",", ""))
        out.append(Amount(label_before(text, m.start()), value, m.group(2), m.start(), m.end()))
    return out


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """The sentences of a compact text (ending at 。), with their start offsets."""
    start = 0
    for m in re.finditer("。", text):
        yield start, text[start:m.end()]
        start = m.end()
    if start < len(text):
        yield start, text[start:]


#: what the template leaves for the department to fill in (docs/domain.md §11)
_RESIDUE = re.compile(
    r"[XＸ]{2,}|增加（减少）|减少（增加）|增长（下降）|下降（增长）|大于（小于）|小于（大于）"
    r"|（如持平作持平表述）|（不涉及的不列）|作下述说明|按上述格式依次说明|（仅有一个单位的部门"
)


def residue(text: str) -> list[str]:
    """The template leftovers in a text, in order (each occurrence once)."""
    return [m.group(0) for m in _RESIDUE.finditer(unicodedata.normalize("NFKC", text).replace(
        "(", "（").replace(")", "）").replace(" ", ""))]
