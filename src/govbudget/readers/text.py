"""Read text exported from Word, one table cell per line, into a ``RawDocument``.

In such an export a table cell is a line that starts with a tab, a blank line ends
a table row, and any other line is a paragraph. A cell whose text ran over several
lines continues on lines without a tab.

>>> from govbudget.readers.text import read_text
>>> doc = read_text("部门收支总表\\n\\t单位：万元\\n\\n\\t项目\\n\\t预算数\\n\\n\\t合计\\n\\t1.00\\n说明\\n")
>>> t = next(doc.tables())
>>> t.title, t.context, t.rows
('部门收支总表', ('单位：万元',), (('项目', '预算数'), ('合计', '1.00')))
"""

from __future__ import annotations

import re
from pathlib import Path

from govbudget import limits
from govbudget.errors import LoadError
from govbudget.readers.raw import RawBlock, RawDocument, RawTable

__all__ = ["read_text", "read_text_file"]

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_ENUMERATED = re.compile(r"^\s*(?:\d+[.、．]|[（(]\d+[）)])")
_CONTEXT = re.compile(r"预算年度|^(?:金额)?单位[:：]|编制单位|截止时间")


def read_text_file(path: str | Path) -> RawDocument:
    """Read a UTF-8 (or GB18030) text export; refuse files over ``limits.MAX_TEXT_BYTES``
    (a disclosure is well under 1 MB)."""
    p = Path(path)
    data = limits.read_bounded(p, limits.MAX_TEXT_BYTES, "text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes almost anything
        raise LoadError("not UTF-8 or GB18030 text", file=str(p), expected="a text export")
    return read_text(text, source=str(p))


class _Table:
    def __init__(self, title: str | None, line: int) -> None:
        self.title = title
        self.line = line
        self.rows: list[list[str]] = []
        self.row_lines: list[int] = []
        self.current: list[str] = []
        self.current_line = line
        self.width = 0

    def end_row(self) -> None:
        if self.current:
            self.rows.append(self.current)
            self.row_lines.append(self.current_line)
            self.width = max(self.width, len(self.current))
            self.current = []

    def continues(self, text: str) -> bool:
        """Whether a tab-less line right after a cell is that cell running on."""
        return bool(self.current) and (
            len(self.current) < self.width or bool(_ENUMERATED.match(text))
        )


def read_text(text: str, *, source: str = "<text>") -> RawDocument:
    """Split a text export into tables and paragraphs, in reading order."""
    if len(text) > limits.MAX_TEXT_BYTES:
        raise LoadError(f"text of {len(text)} characters is over the limit", file=source,
                        expected=f"at most {limits.MAX_TEXT_BYTES} characters")
    items: list[RawTable | RawBlock] = []
    table: _Table | None = None
    ntables = 0

    def close() -> None:
        nonlocal table, ntables
        if table is None:
            return
        table.end_row()
        rows = [tuple(r) for r in table.rows]
        if any(c for r in rows for c in r):  # cells are stripped when read
            context: list[str] = []
            while rows and _is_context_row(rows[0]):
                context.extend(c.strip() for c in rows.pop(0) if c.strip())
                table.row_lines.pop(0)
            lines = list(table.row_lines)
            cut = _narrow_tail(rows)
            items.append(RawTable(
                rows=tuple(rows[:cut]), title=table.title, context=tuple(context),
                line=table.line, row_lines=tuple(lines[:cut]), index=ntables,
            ))
            ntables += 1
            if cut < len(rows):  # a narrower table printed right after: kept apart
                items.append(RawTable(rows=tuple(rows[cut:]), line=lines[cut],
                                      row_lines=tuple(lines[cut:]), index=ntables))
                ntables += 1
        table = None

    for number, line in enumerate(text.splitlines(), start=1):
        if "[bookmark:" in line:
            line = _BOOKMARK.sub("", line)
        if line[:1] == "\t":
            if table is None:
                title = None
                previous = items[-1] if items else None
                if isinstance(previous, RawBlock) and _looks_like_title(previous.text):
                    title = previous.text
                    items.pop()  # the paragraph is the table's title, kept there
                table = _Table(title, number)
            if not table.current:
                table.current_line = number
            table.current.append(line[1:].strip())
            continue
        stripped = line.strip()
        if not stripped:
            if table is not None:
                table.end_row()
            continue
        if table is not None and table.continues(line):
            table.current[-1] = (table.current[-1] + "\n" + stripped).strip()
            continue
        close()
        items.append(RawBlock(stripped, line=number, heading=_looks_like_heading(stripped)))
    close()
    return RawDocument(source=source, items=tuple(items))


_AMOUNT = re.compile(r"^-?[\d,]+\.\d+$|^-?\d+$")


def _narrow_tail(rows: list[tuple[str, ...]]) -> int:
    """Where a second, narrower table starts among ``rows`` (``len(rows)`` when none).

    A Word export prints two adjacent tables as one run of rows. When rows of two
    cells or fewer follow rows holding amounts across four cells or more, and at least
    two of them, they are another table (an untitled note table under a 收支总表).
    """
    end = len(rows)
    k = end
    while k > 0 and len(rows[k - 1]) <= 2:
        k -= 1
    if end - k < 2 or k == 0:
        return end
    wide = any(len(r) >= 4 and sum(bool(_AMOUNT.match(c)) for c in r) >= 2 for r in rows[:k])
    return k if wide else end


def _looks_like_title(text: str) -> bool:
    """A short line that does not end a sentence: a table title, not narrative."""
    return len(text) <= 60 and not text.endswith(("。", "；", ";", "：", ":", "，"))


def _is_context_row(row: tuple[str, ...]) -> bool:
    """A leading row of header lines: ``<code><name>``, 预算年度, 单位 (no 栏次, no amounts)."""
    cells = [c.strip() for c in row if c.strip()]
    if not cells or len(cells) > 4:
        return False
    return any(_CONTEXT.search(c) for c in cells) or (
        len(cells) == 1 and bool(re.match(r"^\d{3,}\D", cells[0]))
    )


_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．]\S{0,30}$)"
)


def _looks_like_heading(text: str) -> bool:
    return len(text) <= 60 and bool(_HEADING.match(text))
