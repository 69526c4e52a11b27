"""Layout heuristics on plain strings, shared by the PDF, .docx and .xlsx readers (版式识别).

Which printed line is a table title, a table number, a ``label：value`` caption, a numbered
heading or an amount; how a wrapped cell is joined; which caption rows printed inside a
table's frame are lifted out; and how the lines above a table split into its title and
context.

>>> is_table_number("公开01表"), is_context_line("编制单位：某局"), is_heading_line("（一）收入预算")
(True, True, True)
>>> is_amount("1,234.50"), is_amount("合计")
(True, False)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import attrs

_TABLE_NUMBER = re.compile(
    r"^(附表|公开表|公开|预算|表)\s*[0-9０-９一二三四五六七八九十]+([-－—.．][0-9０-９]+)?\s*表?$"
)
#: a title led by its number and a colon or stop (``表1：…表``, ``表11.2026年…表``)
_NUMBERED_TITLE = re.compile(
    r"^(附表|公开表|公开|预算|表)\s*[0-9０-９一二三四五六七八九十]+([-－—][0-9０-９]+)?\s*表?\s*[：:.．、]"
)
#: the budget year printed on its own line (under or beside a title)
_YEAR_LINE = re.compile(r"^[（(]?\s*\d{4}\s*(年度?)?\s*[）)]?$")
#: a line of punctuation only (the colons of a caption printed in another font)
_PUNCT_LINE = re.compile(r"^[\s:：,，.。、;；()（）\-—–]+$")
#: the unit of amounts at the end of a caption, its colon lost (``单位名称 某局 单位 万元``)
_UNIT_TAIL = re.compile(r"(金额)?单位\s*[：:]?\s*(千|万|亿)?元\s*$")
_CONTACT = re.compile(r"联系人|联系电话|联系方式|咨询电话")
#: where a caption fused into the title's cell begins (``…总表编制单位：某局 单位：元``)
_CAPTION_START = re.compile(
    r"(编制(单位|部门)|(部门|单位)名称|预算(单位|部门)|部门[（(]单位[)）]|金额单位|单位|部门)\s*[：:]"
)
_TITLE_END = re.compile(r"表\s*([（(][^（）()]{1,24}[）)])?\s*$")
_CONTEXT = re.compile(
    r"^[^，。；;]{0,14}[：:]|单位\s*[：:]\s*(亿|万)?元|^\s*(单位|金额单位)\s*(亿|万)?元\s*$"
    r"|^[（(][^（）()]{1,20}[）)]$"
)
_HEADING = re.compile(
    r"^(第[一二三四五六七八九十]+(部分|章|节)"
    r"|[一二三四五六七八九十]+[、．.]"
    r"|[（(][一二三四五六七八九十]+[）)]"
    r"|\d{1,2}[、．.](?!\d))"
)
_NUMBERED = re.compile(
    r"^([一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、．.](?!\d)|其中)"
)
_SENTENCE_END = re.compile(r"[。；;！!？?，,]$")
_CODE_NAME = re.compile(r"^\d{3}(?:\d{3})*\s*[-_－—]?\s*[\u4e00-\u9fff]")
_AMOUNT_OR_CLAUSE = re.compile(r"\d\.\d|[。，]")
_AMOUNT = re.compile(r"^[-－+]?[0-9][0-9,，]*(\.[0-9]+)?%?$|^[-－+]?\.[0-9]+$")
_CODE = re.compile(r"^[0-9]{2,9}$")
_TOTAL = re.compile(r"(合\s*计|总\s*计|小\s*计)")
_NOTE = re.compile(r"^(注|说明|备注)\s*[0-9一二三]?\s*[：:]")
_PAGE_NUMBER = re.compile(
    r"^[-—–－_]*(第)?[0-9]{1,4}(页)?(/[0-9]{1,4}|[，,、;；]?共[0-9]{1,4}页)?[-—–－_]*$")
_CONTINUED = re.compile(r"^[（(]?续(表)?[）)]?$|^续表")


def join_wrapped(text: str) -> str:
    """Join a cell's wrapped lines: no separator between CJK characters or digits,
    one space between two Latin words; strip each line."""
    if "\n" not in text:
        return text.strip()
    out = ""
    for part in text.split("\n"):
        part = part.strip()
        if not part:
            continue
        if out and _latin(out[-1]) and _latin(part[0]):
            out += " "
        out += part
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_title_line(text: str) -> bool:
    """A table title: ends with 表 (maybe ``（功能科目）`` after it), short, not a sentence."""
    t = text.strip()
    return (
        0 < len(t) <= 70
        and bool(_TITLE_END.search(t))
        and not is_context_line(t)
        and "……" not in t
        and "..." not in t
    )


def is_table_number(text: str) -> bool:
    """A bare table number printed on its own line: ``公开01表``, ``表1``, ``附表3``."""
    return bool(_TABLE_NUMBER.match(_squash(text)))


def is_context_line(text: str) -> bool:
    """A caption line of the ``label：value`` kind (``单位：万元``, ``编制单位：XX局``).

    A title led by its number and a colon (``表1：2026年收支总表``) is a title, not a caption.
    """
    t = text.strip()
    if _NUMBERED_TITLE.match(t) and _TITLE_END.search(t):
        return False
    return 0 < len(t) <= 80 and (bool(_CONTEXT.search(t)) or bool(_UNIT_TAIL.search(t))) \
        and not _SENTENCE_END.search(t)


def is_frame_line(text: str) -> bool:
    """A line of a table's frame other than its title: a caption, the ``<code><name>`` line,
    the year on its own line, or stray punctuation.

    >>> is_frame_line("（2026年度）"), is_frame_line("单位名称 某局 单位 万元"), is_frame_line(": :")
    (True, True, True)
    """
    t = text.strip()
    return is_context_line(t) or is_code_name_line(t) or bool(_YEAR_LINE.match(t)) \
        or bool(_PUNCT_LINE.match(t))


def is_code_name_line(text: str) -> bool:
    """The ``<code><name>`` line of a table header (``323保定市莲池区人力资源和社会保障局``).

    >>> is_code_name_line("323001 某局本级"), is_code_name_line("2023年部门预算收入436.88万元。")
    (True, False)
    """
    t = text.strip()
    return 0 < len(t) <= 60 and bool(_CODE_NAME.match(t)) and not _SENTENCE_END.search(t) \
        and not _AMOUNT_OR_CLAUSE.search(t)


def is_heading_line(text: str) -> bool:
    """A numbered heading (``一、``, ``（一）``, ``第一部分``, ``1.``) that is not a sentence."""
    t = text.strip()
    return 0 < len(t) <= 40 and bool(_HEADING.match(t)) and not _SENTENCE_END.search(t) and (
        "。" not in t
    )


def is_amount(text: str) -> bool:
    return bool(_AMOUNT.match(text.strip()))


def _is_data_row(row: Sequence[str | None]) -> bool:
    return any(c and (is_amount(c) or _CODE.match(c.strip())) for c in row)


def _is_header_like(row: Sequence[str | None]) -> bool:
    """Column headings: no amounts or codes, nearly every cell filled (None = merged)."""
    if _is_data_row(row):
        return False
    filled = sum(1 for c in row if c)
    empty = sum(1 for c in row if c == "")
    return filled >= 2 and empty * 4 <= len(row)


def split_captions(
    rows: Sequence[Sequence[str | None]],
) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """Lift the caption rows printed inside a table's frame out of the grid.

    Leading rows with at most two filled cells that are a title, a table number or a
    ``label：value`` line, or a single text spanning the whole width, are captions.
    Returns (caption lines, remaining rows).
    """
    captions: list[str] = []
    k = seen = 0
    while k < len(rows) and seen < 6:
        texts = [c.strip() for c in rows[k] if c and c.strip()]
        if not texts:  # a blank row of the frame (above or between the captions)
            k += 1
            continue
        seen += 1
        texts = [part for t in _pair_labels(texts) for part in _split_caption(t)]
        # one text spanning the whole width: the other cells are merged (None), not blank
        alone = len(texts) == 1 and len(rows[k]) >= 3 and all(c is None for c in rows[k][1:])
        if (len(texts) <= 2 and all(
            is_title_line(t) or is_table_number(t) or is_context_line(t) for t in texts
        )) or (alone and not _is_data_row(rows[k]) and not _TOTAL.search(texts[0])):
            captions.extend(texts)
            k += 1
            continue
        break
    return captions, [tuple(r) for r in rows[k:]]


def _pair_labels(texts: list[str]) -> list[str]:
    """A label printed in a cell of its own (``部门：`` | ``某局``) joined to its value."""
    out: list[str] = []
    for t in texts:
        if out and re.search(r"[：:]$", out[-1]) and len(out[-1]) <= 12 and not re.search(r"[：:]", t):
            out[-1] += t
        else:
            out.append(t)
    return out


def _split_caption(text: str) -> list[str]:
    """A caption cell holding the title and the caption after it, as two lines."""
    m = _CAPTION_START.search(text)
    if m is None or m.start() == 0:
        return [text]
    head = text[: m.start()].strip()
    return [head, text[m.start():].strip()] if is_title_line(head) else [text]


@attrs.frozen(slots=True)
class _Line:
    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    width: float  # page width
    height: float  # page height


def _title_and_context(lines: list[_Line], page: int | None = None
                       ) -> tuple[str | None, list[str], list[_Line], set[str]]:
    """Split the lines above a table into (title, context, leftover lines, used texts).

    Going up from the grid: the frame lines (captions, the year, ``<code><name>``), then
    the title (maybe wrapped over two lines, maybe after its number on a line of its own),
    then captions above it. With ``page``, only lines of the grid's page are its frame: a
    line of a table of contents or of a page before is never its title.
    """
    lines = _split_fused_lines(lines, page)
    i = len(lines) - 1

    def near(k: int) -> bool:
        return k >= 0 and (page is None or lines[k].page == page)

    below: list[str] = []
    used: set[str] = set()
    while near(i) and len(below) < 5 and is_frame_line(lines[i].text) \
            and not _CONTACT.search(lines[i].text):
        below.insert(0, lines[i].text)
        i -= 1
    title: str | None = None
    above: list[str] = []
    if near(i) and (is_title_line(lines[i].text) or is_table_number(lines[i].text)):
        line = lines[i]
        title = line.text
        used.add(_squash(line.text))
        i -= 1
        if near(i) and not is_table_number(title) and _continues(lines[i], line):
            title = lines[i].text + title
            used.add(_squash(lines[i].text))
            i -= 1
        if near(i) and is_table_number(lines[i].text) and not is_table_number(title):
            title = lines[i].text.strip() + " " + title
            used.add(_squash(lines[i].text))
            i -= 1
        while near(i) and len(above) < 3 and is_context_line(lines[i].text) \
                and not _CONTACT.search(lines[i].text):
            above.insert(0, lines[i].text)
            i -= 1
        year = next((y for y in below if _YEAR_LINE.match(y.strip())), None)
        if year is not None and re.match(r"^(.*?\s)?年", title):  # 年部门收支总表 / 2026
            digits = re.sub(r"\D", "", year)
            head, _, rest = title.rpartition(" ") if re.match(r"^\S+\s年", title) else ("", "", title)
            title = f"{head} {digits}{rest}".strip()
    context = above + below
    used.update(_squash(t) for t in context)
    if title is not None:  # a title fused with the caption after it, as printed
        used.update(_squash(ln.text) + _squash(nxt.text) for ln, nxt in itertools.pairwise(lines)
                    if ln.text == title and nxt.text in context)
    return title, context, lines[: i + 1], used


def _split_fused_lines(lines: list[_Line], page: int | None) -> list[_Line]:
    """A line printing the title and its caption together (``收支预算总表部门：某局 单位：万元``)
    as two lines; only the last lines of the grid's page are looked at."""
    out = list(lines)
    for k in range(len(out) - 1, max(len(out) - 6, -1), -1):
        ln = out[k]
        if page is not None and ln.page != page:
            break
        parts = _split_caption(ln.text)
        if len(parts) == 2:
            out[k:k + 1] = [attrs.evolve(ln, text=parts[0]), attrs.evolve(ln, text=parts[1])]
    return out


def _continues(upper: _Line, title: _Line) -> bool:
    """Is ``title`` the wrapped end of a title that starts on the line ``upper``?"""
    gap = title.top - upper.bottom
    return (
        upper.page == title.page
        and 0 <= gap < 0.8 * (title.bottom - title.top)
        and len(upper.text) > len(title.text)
        and not _SENTENCE_END.search(upper.text)
        and not is_heading_line(upper.text)
        and not is_context_line(upper.text)
        and not is_title_line(upper.text)
        and len(upper.text) <= 60
    )
