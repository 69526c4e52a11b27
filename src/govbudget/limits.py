"""Input limits shared by the loaders (输入限制): size, zip expansion, pages, time.

Every loader checks its file against these limits *before* handing it to a parsing
library, so that a hostile or broken file costs bounded time and memory and always
fails with a :class:`~govbudget.errors.LoadError` that names the file. The limits are
module constants; tests and callers may patch them.

>>> MAX_PDF_BYTES // 2**20, MAX_UNCOMPRESSED_BYTES // 2**20, MAX_COMPRESSION_RATIO
(50, 200, 200)
>>> check_size(__file__, 10, "text")
Traceback (most recent call last):
...
govbudget.errors.LoadError: file ...limits.py: file too large: ... (expected at most 10 bytes ...)
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from govbudget.errors import LoadError

__all__ = [
    "MAX_COMPRESSION_RATIO",
    "MAX_OFFICE_BYTES",
    "MAX_PAGE_CHARS",
    "MAX_PAGE_OBJECTS",
    "MAX_PAGE_SEGMENTS",
    "MAX_PAGE_TEXT_OBJECTS",
    "MAX_PDF_BYTES",
    "MAX_PDF_FONT_BYTES",
    "MAX_PDF_PAGES",
    "MAX_PDF_SECONDS",
    "MAX_PDF_STREAM_BYTES",
    "MAX_RULING_PAIRS",
    "MAX_SHEET_COLUMNS",
    "MAX_SHEET_ROWS",
    "MAX_TABLE_CELLS",
    "MAX_TEXT_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_WORKBOOK_CELLS",
    "MAX_WORKBOOK_ROWS",
    "MAX_ZIP_MEMBERS",
    "check_size",
    "check_zip",
    "open_office",
    "read_bounded",
]

MAX_PDF_BYTES = 50 * 2**20
MAX_OFFICE_BYTES = 20 * 2**20  # .docx and .xlsx, compressed
MAX_TEXT_BYTES = 20 * 2**20
MAX_UNCOMPRESSED_BYTES = 200 * 2**20  # sum of a .docx/.xlsx's members, expanded
MAX_COMPRESSION_RATIO = 200  # expanded / compressed, whole archive and per large member
MAX_ZIP_MEMBERS = 10_000
MAX_PDF_PAGES = 2_000
MAX_PAGE_CHARS = 200_000  # characters on one PDF page; table finding is superlinear
MAX_PDF_SECONDS = 600.0  # wall time for one PDF, checked between pages
MAX_PAGE_OBJECTS = 100_000  # text, path, image objects of one page (forms' contents included)
#: text objects of one PDF page: PDFium's text page is quadratic in those overlapping on a
#: line (the corpus's densest page has 3,986, one per character)
MAX_PAGE_TEXT_OBJECTS = 20_000
MAX_PAGE_SEGMENTS = 400_000  # path segments of one page (a rectangle is 4 or 5)
MAX_RULING_PAIRS = 2_000_000  # edge and intersection comparisons of one page's table finding
MAX_PDF_STREAM_BYTES = 8 * 2**20  # one PDF content stream, inflated (PDFium parses it whole)
MAX_PDF_FONT_BYTES = 64 * 2**20  # one embedded font program, inflated
MAX_SHEET_ROWS = 200_000
MAX_SHEET_COLUMNS = 2_000  # also the widest Word table (columns, spans counted)
#: cells of a Word document's tables, merged spans counted (100,000: about 1.6 s to read,
#: 4.5 s more to check and write; 1,000,000 a table, as before 2026-12-03, took 16 s)
MAX_TABLE_CELLS = 100_000
MAX_WORKBOOK_CELLS = 100_000  # cells of a workbook read (openpyxl reads ~40,000 a second)
#: rows of a workbook read, the empty rows openpyxl makes for skipped numbers counted
#: (eight sheets reaching Excel's last row; a million empty rows take 0.04 s)
MAX_WORKBOOK_ROWS = 8 * 2**20

_T = TypeVar("_T")
_ZIP_VERSION = 63  # the newest "version needed to extract" Python's zipfile reads

# Members smaller than this are not judged by their own ratio: tiny XML parts of
# repeated markup compress very well and are harmless.
_RATIO_MIN_MEMBER = 2**20


def check_size(path: str | os.PathLike[str], limit: int, kind: str) -> int:
    """Refuse a file over ``limit`` bytes; return its size."""
    name = os.fspath(path)
    try:
        size = os.stat(name).st_size
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror or exc}", file=name) from exc
    if size > limit:
        raise LoadError(
            f"file too large: {size} bytes",
            file=name,
            expected=f"at most {limit} bytes for {kind}",
        )
    return size


def read_bounded(path: str | os.PathLike[str], limit: int, kind: str) -> bytes:
    """The bytes of a file of at most ``limit`` bytes (text, JSON, CSV), checked by
    ``check_size`` before it is read."""
    name = os.fspath(path)
    check_size(name, limit, kind)
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror or exc}", file=name) from exc


def check_zip(path: str | os.PathLike[str], kind: str) -> None:
    """Refuse an Office file that is not a sane zip: too many members, a zip bomb.

    The central directory is read (it is small and its size is bounded by the file
    size check); no member is decompressed.
    """
    name = os.fspath(path)
    try:
        with zipfile.ZipFile(name) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise LoadError(f"not a valid {kind} file (bad zip container: {exc})", file=name) from exc
    for m in members:
        if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or m.flag_bits & 1 \
                or m.extract_version > _ZIP_VERSION:
            what = ("encrypted" if m.flag_bits & 1 else
                    f"compression method {m.compress_type}" if m.compress_type > 8 else
                    f"zip version {m.extract_version / 10:.1f}")
            raise LoadError(f"zip member {m.filename!r}: {what} is not supported", file=name,
                            expected="stored or deflated members, as Office writes them")
    if len(members) > MAX_ZIP_MEMBERS:
        raise LoadError(
            f"zip container has {len(members)} members",
            file=name,
            expected=f"at most {MAX_ZIP_MEMBERS}",
        )
    expanded = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if expanded > MAX_UNCOMPRESSED_BYTES:
        raise LoadError(
            f"zip container expands to {expanded} bytes (possible zip bomb)",
            file=name,
            expected=f"at most {MAX_UNCOMPRESSED_BYTES} bytes",
        )
    if expanded > _RATIO_MIN_MEMBER and expanded > MAX_COMPRESSION_RATIO * max(packed, 1):
        raise LoadError(
            f"zip container compression ratio {expanded / max(packed, 1):.0f} (possible zip bomb)",
            file=name,
            expected=f"at most {MAX_COMPRESSION_RATIO}",
        )
    for m in members:
        if m.file_size > _RATIO_MIN_MEMBER and m.file_size > MAX_COMPRESSION_RATIO * max(
            m.compress_size, 1
        ):
            raise LoadError(
                f"zip member {m.filename!r} compression ratio "
                f"{m.file_size / max(m.compress_size, 1):.0f} (possible zip bomb)",
                file=name,
                expected=f"at most {MAX_COMPRESSION_RATIO}",
            )


def open_office(path: str | os.PathLike[str], kind: str, what: str,
                open_: Callable[[str], _T]) -> tuple[str, _T]:
    """Open an Office file (``kind`` docx / xlsx) with ``open_`` once it passes the size and
    zip checks; what ``open_`` raises becomes a ``LoadError`` (cannot open the ``what``)."""
    name = os.fspath(path)
    check_size(name, MAX_OFFICE_BYTES, kind)
    check_zip(name, kind)
    try:
        return name, open_(name)
    except Exception as exc:
        raise LoadError(f"cannot open the {what} ({type(exc).__name__}: {exc})",
                        file=name) from exc
