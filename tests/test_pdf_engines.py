"""The PDFium reader against the reference reader on pdfplumber, on every PDF of ../shared.

Each document is read by both engines (``read_pdf(path)`` and ``read_pdf(path,
engine="pdfplumber")``). Where the two readings are the same, the assembled models are
the same too. Where they differ, every differing page is listed below with the reason,
checked on the page (rendering and glyph positions): the PDFium reader is the right one on
each. The test fails when an unlisted page differs or a listed one no longer does.

The reference reading costs about 2–3 minutes for the corpus; it is kept in a cache keyed
by the file's content (not its path), the reference reader's source and pdfplumber's version
(``$GOVBUDGET_PDF_REFERENCE_CACHE``, default a folder under the system's temp dir), so a
rerun reads only with PDFium.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

import attrs
import pytest

from govbudget.readers.assemble import assemble
from govbudget.readers.pdf import read_pdf
from govbudget.readers.raw import RawBlock, RawDocument, RawTable

pdfplumber = pytest.importorskip("pdfplumber")
pytest.importorskip("pypdfium2")

from conftest import CORPUS, SAMPLES, needs_shared  # noqa: E402

SHADING = ("a filled area is not ruling: white cell backgrounds behind caption rows, shading "
           "behind text and filler strips made pdfplumber find phantom rows, columns and "
           "one-cell tables (the captions are now the lines printed above the grid)")
CLIPPED = ("text printed outside the page box (a cell's overflow, printed again on the next "
           "page) is not read")
METRICS = ("glyphs on one baseline stay on one line: digits or punctuation in a font with other "
           "metrics were split into lines of their own or spaced apart")
DOUBLED = "text printed twice at the same place is read once"
LINE_BOX = ("line boxes are one em around the baseline: a table of contents at double spacing "
            "is read as one entry per line, not as one paragraph")
WORD_GAPS = ("blanks inside a line only: PDFium omits a blank overlapped by the next glyph or "
             "replaces it by one of its own, and a gap of exactly 3 pt joins (float noise "
             "decides it in pdfplumber)")
OVERFLOW = ("a word printed wider than its ruled cell stays whole: pdfplumber gave its end "
            "glyphs to the cells beside (二、文化旅游体育与传 | 媒, 公公务接待费 | 务用车购置及运行维护 | "
            "费会议费)")
CAPTION_GAP = ("a caption line printing 部门：… and 单位：… far apart is one line with a blank "
               "between them: pdfplumber fused the two (部门 named '…办公厅单位') or split them "
               "into two lines")

#: document → (reason, pages whose reading differs)
DIFFERENCES: dict[str, tuple[tuple[str, tuple[int, ...]], ...]] = {
    "W001": ((SHADING, (12,)),),
    "W015": ((SHADING, (4, 5, 6, 7, 8)), (CLIPPED, (26, 45, 46, 47, 49, 50))),
    "W040": ((METRICS, tuple(range(1, 29))),),
    "W055": ((WORD_GAPS, tuple(range(1, 13))),),
    "W056": ((SHADING, (10, 22)),),
    "W058": ((SHADING, (12, 26, 27)),),
    "W064": ((WORD_GAPS, (10,)),),
    "W068": ((SHADING, (9, 24)),),
    "W069": ((SHADING, (15, 30)),),
    "W078": ((SHADING, tuple(range(2, 11))),),
    "W080": ((LINE_BOX, (2, 3)), (METRICS, (29, 30, 31, 32, 33, 34, 35, 36, 38, 39))),
    "W089": ((METRICS, (1, 42)),),
    "W090": ((DOUBLED, (3,)), (OVERFLOW, (6, 24, 32)), (WORD_GAPS, (25, 26, 27, 28)),
             (CLIPPED, (34, 35, 36, 37, 38, 40, 41, 42, 43, 44, 45))),
    "W095": ((METRICS, (21, 22)), (SHADING, (52, 53, 54, 55))),
    "W099": ((WORD_GAPS, (2, 3)),),
    "W104": ((DOUBLED, (97,)),),
    "W116": ((WORD_GAPS, (7,)),),
    "W120": ((SHADING, tuple(range(7, 24))),),
    "W121": ((CAPTION_GAP, (5, 11)),),
    "quanzhou-publicsecurity-2026-dept-budget": ((WORD_GAPS, (2, 3, 21, 25, 53)),),
    "wanli-2025-dept-budget": ((WORD_GAPS, (31,)),),
    "wuxi-hrss-2026-dept-budget": ((SHADING, (18, 35, 36, 37, 38)),),
}

_REFERENCE_SOURCES = ("plumber.py", "assembly.py", "items.py", "__init__.py")


def _pdfs() -> list[Path]:
    return [p for d in (CORPUS, SAMPLES) if d.is_dir() for p in sorted(d.glob("*.pdf"))]


def _reference_key() -> str:
    from govbudget.readers import pdf

    h = hashlib.sha256(pdfplumber.__version__.encode())
    here = Path(pdf.__file__).parent
    for name in _REFERENCE_SOURCES:
        h.update((here / name).read_bytes())
    for f in (here.parent / "_textlayout.py", here.parent / "raw.py"):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


@cache
def reference(path: Path) -> RawDocument:
    folder = Path(os.environ.get("GOVBUDGET_PDF_REFERENCE_CACHE")
                  or Path(tempfile.gettempdir()) / "govbudget-pdf-reference")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    hit = folder / f"{path.stem}-{digest}-{_reference_key()}.pickle"
    if hit.exists():
        # keyed by content, not place: the same file read from another clone (CI's
        # /check/work/shared) must name the path it was read from, as a fresh reading does
        doc: RawDocument = pickle.loads(hit.read_bytes())
        return attrs.evolve(doc, source=str(path))
    doc = read_pdf(path, engine="pdfplumber")
    folder.mkdir(parents=True, exist_ok=True)
    hit.write_bytes(pickle.dumps(doc))
    return doc


@cache
def pdfium(path: Path) -> RawDocument:
    return read_pdf(path)


def _pages(item: RawTable | RawBlock) -> set[int]:
    if isinstance(item, RawBlock):
        return {item.page or 0}
    return set(item.row_pages or ()) or {item.page or 0}


def _key(item: RawTable | RawBlock) -> object:
    if isinstance(item, RawBlock):
        return item
    return (item.title, item.context, item.rows, item.row_pages)  # not the table's index


def differing_pages(old: RawDocument, new: RawDocument) -> set[int]:
    """Pages of the items that differ between two readings (tables compared by title,
    context, cells and row pages, whatever their position; blocks by text and heading)."""
    matcher = difflib.SequenceMatcher(None, [_key(i) for i in old.items],
                                      [_key(i) for i in new.items], autojunk=False)
    pages: set[int] = set()
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            for item in old.items[i1:i2] + new.items[j1:j2]:
                pages |= _pages(item)
    return pages


@needs_shared
@pytest.mark.parametrize("path", _pdfs(), ids=lambda p: p.stem)
def test_same_reading_or_a_listed_difference(path: Path) -> None:
    old, new = reference(path), pdfium(path)
    assert new.pages == old.pages
    listed = {p for _, pages in DIFFERENCES.get(path.stem, ()) for p in pages}
    assert differing_pages(old, new) == listed
    if not listed:
        assert assemble(new) == assemble(old)


@needs_shared
def test_every_listed_document_exists() -> None:
    assert set(DIFFERENCES) <= {p.stem for p in _pdfs()}
