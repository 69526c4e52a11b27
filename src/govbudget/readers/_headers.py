"""Reading a table's header lines, title and a document's cover (表头、标题、封面).

The budget year, the disclosure's code and name, and the unit of amounts come from the
lines printed above a table; a part's name and year may also come from its cover page.

>>> from govbudget.readers._headers import _header
>>> _header(["100 某部门", "预算年度：2023", "单位：万元"], None)
TableHeader(code='100', name='某部门', year=2023, unit_text='万元')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govbudget.readers.raw import RawBlock, RawTable
from govbudget.tables.kinds import kind_from_title, normalise_label
from govbudget.tables.model import TableHeader

_NOTE = re.compile(r"^\s*[（(]?\s*(?:注|说明)\s*[0-9一二三四五六七八九十]*\s*[:：]")
_HEADER_CODE = re.compile(
    r"^(?:编制单位[:：])?\s*(\d{3,})\s*[-_－—]?\s*([^\d\s\-_－—].*?)\s*(?:截止时间.*)?$")
_YEAR = re.compile(r"(?:预算年度[:：]?\s*)(\d{4})|(\d{4})\s*年")
_YEAR_LINE = re.compile(r"^[（(]?\s*(\d{4})\s*(?:年度?)?\s*[）)]?$")
#: the unit of amounts wherever it is printed: 单位：万元, 金额单位：元, 单位 万元 (colon lost)
_UNIT = re.compile(r"(?:金额)?单位\s*[:：]?\s*(亿元|万元|千元|元)(?![\u4e00-\u9fff])")
#: a unit in brackets in a column heading: 预算数（万元）, 金额(元)
_UNIT_IN_LABEL = re.compile(r"[（(]\s*(?:单位[:：]?)?\s*(亿元|万元|千元|元)\s*[)）]")
_BARE_NAMED = re.compile(r"^(?:编制)?(?:部门|单位)(?:名称)?\s+(\S.*)$")
_CONTACT = re.compile(r"联系人|联系电话|联系方式|咨询电话")
_NAMED = re.compile(r"(?:编制(?:部门|单位)|部门[（(]单位[)）]|(?:部门|单位|预算单位|主管部门)名称|预算主管部门|预算单位"
                    r"|主管部门|部门|单位)\s*[:：]\s*([^\s:：]+)")
_COVER_NAME = re.compile(r"^(?:.*?\d{4}\s*年度?)?\s*(?:区级|市级|县级)?(.+?)(?:部门|单位)?(?:预算|决算).*$")


def _title_and_rows(t: RawTable) -> tuple[str | None, list[tuple[str, ...]], list[str]]:
    """The title, the grid without leading title/context rows, and the context lines."""
    rows = list(t.rows)
    context = list(t.context)
    title = t.title
    while rows:
        cells = [c.strip() for c in rows[0] if c.strip()]
        if len(cells) > 1 and not all(_UNIT.search(c) or re.search(r"预算年度|^\d{4}\s*年度?$", c)
                                      for c in cells):
            break
        rows.pop(0)
        for c in cells:
            if (title is None and kind_from_title(c) is not None) or (
                title is None and c.endswith(("表", "情况", "原因"))
            ):
                title = c
            else:
                context.append(c)
    return title, rows, context


def _scope_word(title: str) -> str | None:
    t = normalise_label(title)
    if t.startswith("单位") or "单位预算" in t[:8]:
        return "单位"
    if t.startswith("部门") or "部门预算" in t[:8]:
        return "部门"
    return None


def _header(context: Sequence[str], title: str | None) -> TableHeader:
    code = name = None
    year = None
    unit_text = None
    for line in context:
        text = line.strip()
        if re.match(r"^[A-Za-z]+\s*[:：]", text) or _CONTACT.search(text) \
                or not re.search(r"[\w\u4e00-\u9fff]", text):  # sheet: …, a contact, punctuation
            continue
        y = _YEAR_LINE.match(text)
        if y:  # the year on a line of its own
            year = year or int(y.group(1))
            continue
        u = _UNIT.search(text) or re.search(r"\s(亿元|万元|千元|元)$", text)
        if u:
            unit_text = u.group(1)
            bare = _BARE_NAMED.match(text[: u.start()].strip())
            if bare and name is None and not re.search(r"[:：]", text[: u.start()]):
                name = bare.group(1).strip() or None  # 单位名称 某局 单位 万元 (colons lost)
                continue
        m = _HEADER_CODE.match(text) if not re.match(r"^\d{4}\s*年", text) else None
        named = [v for v in _NAMED.findall(text) if v not in ("元", "万元", "亿元")]
        if m and code is None and "预算年度" not in text and not named:
            rest = _UNIT.sub("", m.group(2))
            rest = re.sub(r"\s+(亿元|万元|千元|元)$", "", rest)  # 606-某局 万元: the unit after
            code, name = m.group(1), re.sub(r"\s{2,}.*$", "", rest).strip()
        elif named and name is None:
            c = re.match(r"^(\d{3,})[_\s]*(.+)$", named[0])
            code, name = (c.group(1), c.group(2)) if c else (code, named[0])
        elif code is None and name is None and not _UNIT.search(text) and not _YEAR.search(text) \
                and not re.search(r"[:：]\s*$", text) and not text.startswith(("(", "（", "注")):
            name = re.sub(r"\s{2,}.*$", "", text).strip() or None
        y = re.search(r"预算年度[:：]?\s*(\d{4})", text)
        if y and year is None:
            year = int(y.group(1))
    if year is None and title:
        y = _YEAR.search(title)
        if y:
            year = int(y.group(1) or y.group(2))
    return TableHeader(code, name, year, unit_text)


def _cover(blocks: Sequence[RawBlock]) -> tuple[str | None, int | None]:
    """The name and year printed on the cover (the first page's text)."""
    if not blocks:
        return None, None
    first = blocks[0].page
    lines = [b.text.strip() for b in blocks if b.page == first] if first is not None else \
        [blocks[0].text.strip()]
    text = re.sub(r"\s+", "", "".join(lines))
    y = re.search(r"(\d{4})年", text)
    year = int(y.group(1)) if y else None
    for line in lines:
        named = _NAMED.findall(line)
        if named:
            return named[0], year
    m = _COVER_NAME.match(text)
    name = m.group(1).strip() if m else None
    if name in ("部门", "单位", "") and y is not None:  # 上海市XX局2024年度部门决算: the name is first
        name = text[:y.start()].strip() or name
    return (name or None), year
