"""Text from glyphs (文字行): what is printed once on the page, grouped into lines and words.

* **Clean.** A glyph whose centre lies outside the page box is not printed (text clipped
  outside the page); a glyph repeating the same character within 1 pt of one already kept
  is the same print (a text box drawn twice, or bold faked by overprinting): kept once.
* **Lines.** Glyphs belong to one line when their boxes overlap vertically by at least
  half the smaller height, whatever their tops: digits set in another font that sit a few
  points below the Chinese text of the same line stay on it.
* **Words.** Within a line, sorted left to right, a gap of more than 3 pt or a blank starts
  a new word; words are joined by one space, as pdfplumber's ``extract_text`` does.

>>> from govbudget.readers.pdf.marks import Glyph
>>> hans = [Glyph(c, 10 + 10 * k, 100, 20 + 10 * k, 110, 10) for k, c in enumerate("预算")]
>>> digits = [Glyph(c, 30 + 5 * k, 103, 35 + 5 * k, 113, 10) for k, c in enumerate("2026")]
>>> [line_text(ln) for ln in lines_of(hans + digits)]
['预算2026']
>>> len(clean(hans + hans + [Glyph("x", -50, 10, -45, 20, 10)], 595, 842))
2
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence

from govbudget.readers.pdf.marks import Glyph

__all__ = ["GAP", "clean", "line_box", "line_text", "lines_of"]

GAP = 3.0  # a horizontal gap wider than this (points) separates two words
SAME = 1.0  # a repeated character closer than this (points) is the same print
_CELL = 2 * SAME  # the grid the kept glyphs are hashed on: a twin is in one of 4 cells
_TIE = 0.01  # a gap of exactly GAP (common: a quarter em at 12 pt) joins, float noise aside
OVERLAP = 0.5  # vertical overlap, as a share of the smaller height, that makes one line


def clean(glyphs: Iterable[Glyph], width: float, height: float) -> list[Glyph]:
    """The glyphs printed on the page, each once, in their original order."""
    kept: list[Glyph] = []
    seen: dict[tuple[str, int, int], list[Glyph]] = {}
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        if not (0 <= cx <= width and 0 <= cy <= height):
            continue
        if not g.text.isspace():
            fx, fy = g.x0 / _CELL, g.top / _CELL
            ix, iy = math.floor(fx), math.floor(fy)
            near_x = ix - 1 if fx - ix < 0.5 else ix + 1  # the neighbour within SAME
            near_y = iy - 1 if fy - iy < 0.5 else iy + 1
            text = g.text
            if any(abs(o.x0 - g.x0) <= SAME and abs(o.top - g.top) <= SAME
                   for key in ((text, ix, iy), (text, near_x, iy), (text, ix, near_y),
                               (text, near_x, near_y))
                   for o in seen.get(key, ())):
                continue
            seen.setdefault((text, ix, iy), []).append(g)
        kept.append(g)
    return kept


class _Band:
    __slots__ = ("bottom", "glyphs", "top")

    def __init__(self, g: Glyph) -> None:
        self.top, self.bottom, self.glyphs = g.top, g.bottom, [g]

    def share(self, top: float, bottom: float) -> float:
        """The vertical overlap with ``top``–``bottom`` as a share of the smaller height."""
        smaller = min(bottom - top, self.bottom - self.top)
        if smaller <= 0:
            return 1.0 if self.top <= (top + bottom) / 2 <= self.bottom else 0.0
        return (min(bottom, self.bottom) - max(top, self.top)) / smaller


def _bands(glyphs: Sequence[Glyph]) -> list[_Band]:
    """Upright glyphs grouped by vertical overlap (blanks join a band, never start one)."""
    if glyphs and len({(g.top, g.bottom) for g in glyphs}) == 1:
        band = _Band(glyphs[0])  # one baseline, one size: a single line (most cells)
        band.glyphs = list(glyphs)
        return [band]
    ink = sorted((g for g in glyphs if not g.text.isspace()), key=lambda g: (g.top, g.x0))
    done: list[_Band] = []
    open_: list[_Band] = []
    for g in ink:
        if open_ and any(b.bottom <= g.top for b in open_):
            done.extend(b for b in open_ if b.bottom <= g.top)
            open_ = [b for b in open_ if b.bottom > g.top]
        best, score = None, OVERLAP
        for b in open_:
            s = b.share(g.top, g.bottom)
            if s >= score:
                best, score = b, s
        if best is None:
            open_.append(_Band(g))
        else:
            best.glyphs.append(g)
            best.top, best.bottom = min(best.top, g.top), max(best.bottom, g.bottom)
    done.extend(open_)
    done.sort(key=lambda b: b.top)
    tops = [b.top for b in done]
    tallest = max((b.bottom - b.top for b in done), default=0.0)
    for g in glyphs:
        if not g.text.isspace():
            continue
        best, score = None, OVERLAP
        k = bisect.bisect_left(tops, g.bottom) - 1
        while k >= 0 and tops[k] >= g.top - tallest:
            s = done[k].share(g.top, g.bottom)
            if s >= score:
                best, score = done[k], s
            k -= 1
        if best is not None:
            best.glyphs.append(g)
    return done


def _columns(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Rotated glyphs (vertical text) grouped by horizontal overlap, read top to bottom."""
    turned = [Glyph(g.text, g.top, g.x0, g.bottom, g.x1, g.size) for g in glyphs]
    out = []
    for band in _bands(turned):
        out.append([Glyph(g.text, g.top, g.x0, g.bottom, g.x1, g.size, False)
                    for g in band.glyphs])
    return out


def lines_of(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """The glyphs as lines, top to bottom, each sorted in reading order."""
    upright = [g for g in glyphs if g.upright]
    lines = [sorted(b.glyphs, key=lambda g: g.x0) for b in _bands(upright)]
    if len(upright) < len(glyphs):
        lines.extend(sorted(c, key=lambda g: g.top)
                     for c in _columns([g for g in glyphs if not g.upright]))
        lines.sort(key=lambda ln: min(g.top for g in ln))
    return [ln for ln in lines if any(not g.text.isspace() for g in ln)]


def line_text(line: Sequence[Glyph]) -> str:
    """The words of one line (sorted in reading order) joined by single spaces."""
    words: list[str] = []
    word = ""
    end: float | None = None
    for g in line:
        if g.text.isspace():
            if word:
                words.append(word)
            word, end = "", None
            continue
        start, stop = (g.x0, g.x1) if g.upright else (g.top, g.bottom)
        if word and end is not None and start > end + GAP + _TIE:
            words.append(word)
            word = ""
        word += g.text
        end = stop
    if word:
        words.append(word)
    return " ".join(words)


def line_box(line: Sequence[Glyph]) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) of the line's printed glyphs."""
    ink = [g for g in line if not g.text.isspace()] or list(line)
    return (min(g.x0 for g in ink), min(g.top for g in ink),
            max(g.x1 for g in ink), max(g.bottom for g in ink))
