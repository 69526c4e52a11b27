"""Text helpers shared by the narrative modules: folding, compaction with offsets, sentences.

Folding is one character for one character (full-width digits and punctuation to ASCII),
so that spans found in the folded text are spans of the original text.

>>> fold("１２．５％")
'12.5%'
>>> c = Compact("收入 1,536 万\\n元。")
>>> c.text, c.origin(5), c.origin(c.text.index("万"))
('收入1,536万元。', 6, 9)
"""

from __future__ import annotations

import bisect
import re

__all__ = ["Compact", "fold", "sentences"]

_FULL = "０１２３４５６７８９．，％：；（）＋－"
_HALF = "0123456789.,%:;()+-"
_PAIRS = (*zip(_FULL, _HALF, strict=True), ("\u3000", " "), ("\xa0", " "))


_FOLDABLE = re.compile("[" + re.escape(_FULL) + "\u3000\xa0]")


def fold(text: str) -> str:
    """Full-width digits, point, comma, percent, colon and brackets as ASCII (same length)."""
    if not _FOLDABLE.search(text):
        return text
    for full, half in _PAIRS:  # str.replace is much faster than a dict translate
        if full in text:
            text = text.replace(full, half)
    return text


_WS = re.compile(r"\s+")


class Compact:
    """A text with its whitespace removed, remembering where each character came from.

    PDF text breaks lines inside numbers and words (``14,816.38 万\\n元``, ``减\\n少``);
    matching runs on the compact text, and ``origin`` maps positions back. A space
    between two ASCII letters or digits is kept (as one space) so that ``2025 2026``
    does not become one number.
    """

    __slots__ = ("_compact_starts", "_origin_starts", "line_starts", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        folded = fold(original)
        pieces: list[str] = []
        self._compact_starts: list[int] = [0]
        self._origin_starts: list[int] = [0]
        #: compact positions where a line of the original starts (after a line break)
        self.line_starts: list[int] = []
        pos = 0
        length = 0
        for m in _WS.finditer(folded):
            pieces.append(folded[pos : m.start()])
            length += m.start() - pos
            before = folded[m.start() - 1] if m.start() > 0 else ""
            after = folded[m.end()] if m.end() < len(folded) else ""
            if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
                pieces.append(" ")
                length += 1
                self._compact_starts.append(length)
                self._origin_starts.append(m.end())
            else:
                self._compact_starts.append(length)
                self._origin_starts.append(m.end())
            if "\n" in m.group():
                self.line_starts.append(length)
            pos = m.end()
        pieces.append(folded[pos:])
        self.text = "".join(pieces)

    def origin(self, index: int) -> int:
        """The position in the original text of compact position ``index``."""
        k = bisect.bisect_right(self._compact_starts, index) - 1
        return self._origin_starts[k] + (index - self._compact_starts[k])

    def origin_end(self, index: int) -> int:
        """The original position just after compact position ``index - 1`` (for span ends)."""
        if index <= 0:
            return 0
        return self.origin(index - 1) + 1


_SENTENCE_END = re.compile(r"[。！？!?\n]+|[；;](?![^（(]*[）)])")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``: split at 。！？, line breaks and top-level ；."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start and text[start : m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
