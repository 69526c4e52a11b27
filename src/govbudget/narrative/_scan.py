"""The per-section state of claim extraction: compact text, sentences, brackets, labels.

>>> from govbudget.narrative._scan import clean_label, label_of
>>> label_of("其中：因公出国（境）费"), label_of("财政拨款收、支总预算")
('因公出国（境）费', '财政拨款收、支总预算')
>>> clean_label("（一）2026年“三公”经费预算数为"), clean_label("财政性资金(项目支出除外)总额")
('三公经费', '财政性资金总额')
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from govbudget.narrative._text import Compact
from govbudget.tables.narrative import Claim, ClaimKind, Section

__all__ = ["ITEM", "TOKEN", "Scan", "Tok", "clean_label", "is_generic", "label_of"]

_NUM = r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
#: a number and its measure: 万元, 元, 亿元, %, or a count
TOKEN = re.compile(_NUM + r"(?P<unit>亿元|万元|元|%|辆|台|人次|人|名)")
#: a numbered item marker at the start of a sentence: （一） 一、 1. 1、 （1）
_MARKER = (
    r"(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|"
    r"\d{1,2}[.、](?!\d)|[（(]\d{1,2}[）)])"
)
ITEM = re.compile(r"(?:(?<=[。：:；;])|^)" + _MARKER)
_MARKER_AT = re.compile(_MARKER)
_LABEL_BREAK = "、：:，,；;。"


def label_of(clause: str) -> str:
    """The words naming a number: back to a 、：， or an unclosed bracket (（境） stays).

    ``收、支`` is one word (收支), not a list.
    """
    depth = 0
    for i in range(len(clause) - 1, -1, -1):
        ch = clause[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                return clause[i + 1 :]
            depth -= 1
        elif ch in _LABEL_BREAK and depth == 0:
            if ch == "、" and clause[i - 1 : i] == "收" and clause[i + 1 : i + 2] == "支":
                continue
            return clause[i + 1 :]
    return clause


_LEAD = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.]|[一二三四五六七八九十]是|其中|包括|分别为|另外|此外|主要是)*"
    r"(?:\d{4}年度?)?(?:[，,])?(?:我部门|本部门|我单位|本单位|我局|本局)?"
)
_TRAIL = re.compile(r"(?:为|是|共计|约|达到?|安排了?|预算数?为|总额为|：|:)+$")
_EXCLUSION = re.compile(r"[（(][^（()）]*(?:除外|不含|不包括)[^（()）]*[）)]")


@functools.lru_cache(maxsize=4096)
def clean_label(label: str) -> str:
    """A label without quotes, item markers, leading years, exclusions and filler."""
    t = label.replace("“", "").replace("”", "").replace('"', "")
    t = _EXCLUSION.sub("", t)
    t = _LEAD.sub("", t)
    t = _TRAIL.sub("", t)
    return t.strip("，,、的 ")


_GENERIC = re.compile(
    r"^(?:当年|本年|全年|年初)?(?:部门)?(?:预算|决算|执行)?"
    r"(?:安排|执行数?|数|总额|金额|资金|额度)?$"
    r"|^(?:增加|减少|增长|下降|调整|提高|降低|压减)(?:至|到|为)$"
)


def is_generic(label: str) -> bool:
    """A label that names nothing by itself (预算安排, 执行数, 增加至 …)."""
    return bool(_GENERIC.match(label))


class Scan:
    """The per-section state of an extraction."""

    def __init__(self, section: Section) -> None:
        self.section = section
        self.c = Compact(section.text)
        t = self.c.text
        ends = [m.end() for m in re.finditer(r"[。！？!?]+", t)]
        opens = [(m.start(), 1 if m.group() in "（(" else -1) for m in re.finditer(r"[（()）]", t)]
        self.paren_pos = [p for p, _ in opens]
        depth = 0
        self.paren_depth: list[int] = []
        for _, d in opens:
            depth = max(0, depth + d)
            self.paren_depth.append(depth)
        self.sent_ends = [e for e in ends if self.depth(e - 1) == 0]  # not inside brackets
        starts = {m.start() for m in ITEM.finditer(t)}
        starts.update(p for p in self.c.line_starts if _MARKER_AT.match(t, p))
        self.items = sorted(starts)
        self._sentences: dict[int, str] = {}

    def depth(self, pos: int) -> int:
        k = bisect.bisect_right(self.paren_pos, pos - 1) - 1
        return self.paren_depth[k] if k >= 0 else 0

    def sentence(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sent_ends, pos)
        start = self.sent_ends[k - 1] if k > 0 else 0
        end = self.sent_ends[k] if k < len(self.sent_ends) else len(self.c.text)
        return start, end

    def item_start(self, pos: int) -> int | None:
        """Where the numbered item holding ``pos`` starts, ``None`` before any item."""
        k = bisect.bisect_right(self.items, pos) - 1
        return self.items[k] if k >= 0 else None

    def sentence_text(self, s0: int, s1: int) -> str:
        """The original text of the sentence at compact span (s0, s1), computed once."""
        text = self._sentences.get(s0)
        if text is None:
            c = self.c
            text = self._sentences[s0] = c.original[c.origin(s0) : c.origin_end(s1)].strip()
        return text

    def claim(self, kind: ClaimKind, label: str, start: int, end: int, **kw: object) -> Claim:
        s0, s1 = self.sentence(start)
        c = self.c
        sec = self.section
        return Claim(
            kind,
            label,
            self.sentence_text(s0, s1),
            (c.origin(start), c.origin_end(end)),
            section=sec.kind,
            title=sec.title,
            page=sec.page,
            line=sec.line,
            **kw,  # type: ignore[arg-type]
        )


class Tok(NamedTuple):
    """An amount or count claim with its compact start, end and bracket depth."""

    start: int
    end: int
    depth: int
    claim: Claim
