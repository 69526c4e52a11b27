"""Inflation bound for a PDF's streams (解压上限), checked before PDFium sees the file.

PDFium inflates a page's content streams (and the fonts it uses) completely into memory
when the page is loaded: a 1 MB file whose content stream inflates to 1 GB costs more than
2 GB and several seconds before any object can be counted. So every ``FlateDecode``
stream that is not an image (images are never decoded: pages are not rendered) is
inflated here first, in bounded pieces that are counted and thrown away, and a stream that
would inflate past ``limits.MAX_PDF_STREAM_BYTES`` (a font program: past
``MAX_PDF_FONT_BYTES``) refuses the file; so does a content stream stored unfiltered
past the limit (measured to its ``endstream``: PDFium does not trust ``/Length``). The
content limit also bounds what PDFium's parse of one content stream costs (about 300
bytes per object, 13 bytes of content each; a text object costs more per character shown:
28 MB of them took PDFium past 300 MB, and it aborts the process when memory runs out).

Deflate expands at most about 1032-fold, so a stream whose compressed bytes cannot reach
the limit is not inflated at all: ordinary files cost a few milliseconds here. Content
drawn again and again through form XObjects is bounded the same way (``_expansion``).
Streams that run into one another (a run of objects repeated without their ``endstream``)
make PDFium search the rest of the file for each one's end: past ``MAX_SEARCH`` bytes of
such searching (more than the file holds) the file is refused (``searched``).
Not covered: streams of an encrypted file (inflated only after decryption), LZW streams,
and a page whose ``/Contents`` lists many streams or one stream many times (the per-page
object limit refuses it, after PDFium has parsed it).

>>> import zlib
>>> bomb = b"1 0 obj << /Length 9 /Filter /FlateDecode >> stream\\n" + zlib.compress(
...     b" " * 2**20) + b"\\nendstream"
>>> scan(bomb, 2**21)
Scan(oversized=None, cjk_cmaps=False, expanded=None, searched=None)
>>> offset, size = scan(bomb, 2**19).oversized; size > 2**19
True
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

import attrs

__all__ = ["MAX_RATIO", "MAX_SEARCH", "Scan", "scan"]

MAX_RATIO = 1032  # the most deflate can expand (258-byte matches of 2-bit codes)
#: Bytes PDFium may search for ``endstream`` beyond the file's own size (it searches
#: about 360 MB a second: 1,000 streams sharing the last ``endstream`` of a 2.7 MB file
#: took it 7.5 s of CPU to open)
MAX_SEARCH = 64 * 2**20
_PIECE = 1 << 16
_OUT = 1 << 20
_FONT = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")
_FORM = re.compile(rb"/Subtype\s*/Form\b")
_DO = re.compile(rb"(?<![^\s/\]>)])Do(?![^\s/\[<(%])")
_CMAP = re.compile(rb"\s*/([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*-[HV])(?![A-Za-z0-9-])")


def _inflated_size(data: memoryview, stages: int, limit: int) -> int:
    """Bytes the ``stages``-fold deflated ``data`` inflates to, counting stops past ``limit``
    (or at the first corrupt byte, where PDFium stops as well)."""
    decoders = [zlib.decompressobj() for _ in range(stages)]
    total = 0
    pos = 0

    def feed(level: int, piece: bytes) -> bool:
        nonlocal total
        d = decoders[level]
        while piece:
            try:
                out = d.decompress(piece, _OUT)
            except zlib.error:
                return False
            piece = d.unconsumed_tail
            if level + 1 < stages:
                if not feed(level + 1, out):
                    return False
            else:
                total += len(out)
            if total > limit or d.eof:
                return False
        return True

    while pos < len(data) and total <= limit:
        if not feed(0, bytes(data[pos:pos + _PIECE])):
            break
        pos += _PIECE
    return total


def _inflated(data: memoryview, stages: int, limit: int) -> bytearray | None:
    """The inflated bytes of a (small) stream, or None past ``limit``."""
    out = bytearray()
    decoders = [zlib.decompressobj() for _ in range(stages)]
    piece: bytes = bytes(data)
    for d in decoders:
        try:
            piece = d.decompress(piece, limit + 1)
        except zlib.error:
            return out
        if len(piece) > limit:
            return None
    out += piece
    return out


def _streams(data: bytes) -> Iterator[tuple[int, int]]:
    """(offset of the ``stream`` keyword, offset of the data) of each stream."""
    at = data.find(b"stream")
    while at >= 0:
        after = at + 6
        if data[at - 3:at] != b"end":
            if data[after:after + 2] == b"\r\n":
                yield at, after + 2
            elif data[after:after + 1] in (b"\n", b"\r"):
                yield at, after + 1
        at = data.find(b"stream", after)


@attrs.frozen(slots=True)
class Scan:
    """What the byte scan of a PDF found (流扫描).

    ``oversized``: (offset, inflated size so far) of the first non-image Flate stream that
    inflates past the limit (or unfiltered content stream past it), or None. ``expanded``: (offset, bytes) of a content stream
    whose form XObjects would make PDFium parse more than the limit. ``searched``:
    (streams, bytes from each to its ``endstream``, summed) when that sum is over the
    file's size by more than ``MAX_SEARCH``. ``cjk_cmaps``: a font uses a predefined CJK CMap
    (``/Encoding /GBK-EUC-H``, ``/UniGB-UCS2-H`` …), whose text PDFium may fail to decode
    when the font is not embedded.
    """

    oversized: tuple[int, int] | None
    cjk_cmaps: bool
    expanded: tuple[int, int] | None = None
    searched: tuple[int, int] | None = None


def _predefined_cmap(data: bytes | bytearray) -> bool:
    at = data.find(b"/Encoding")
    while at >= 0:
        m = _CMAP.match(data, at + 9)
        if m and not m.group(1).startswith(b"Identity"):
            return True
        at = data.find(b"/Encoding", at + 9)
    return False


def scan(data: bytes, limit: int, font_limit: int | None = None) -> Scan:
    """Inflate what must be inflated (see the module docstring) and look for CJK CMaps,
    in the file and in its object streams. Font programs (``/Length1``, ``/Length2``,
    ``/Subtype /Type1C`` …) are held to ``font_limit`` (default: ``limit``); the content
    a stream draws through form XObjects, to ``limit`` (``_expansion``)."""
    view = memoryview(data)
    cjk = _predefined_cmap(data)
    contents: list[tuple[int, int, int, bool]] = []  # start, end, stages, is a form
    end, streams, searched = -1, 0, 0
    for keyword, start in _streams(data):
        if start > end:  # else the first ``endstream`` after it is the last one found
            end = data.find(b"endstream", start)
            end = len(data) if end < 0 else end
        streams, searched = streams + 1, searched + end - start
        if searched > len(data) + MAX_SEARCH:
            return Scan(None, cjk, searched=(streams, searched))
        head = data[max(0, keyword - 2048):keyword]
        head = head[head.rfind(b"obj") + 1:] if b"obj" in head else head
        stages = head.count(b"/FlateDecode") + head.count(b"/Fl ") + head.count(b"/Fl/")
        if b"/Image" in head:
            continue
        font = _FONT.search(head) is not None
        if not font and b"/ObjStm" not in head:
            contents.append((start, end, stages, _FORM.search(head) is not None))
        if not stages:
            if not font and end - start > limit:  # PDFium parses it whole just the same
                return Scan((start, end - start), cjk)
            continue
        if not cjk and b"/ObjStm" in head:
            objects = _inflated(view[start:end], stages, limit)
            if objects is None:
                return Scan((start, limit + 1), cjk)
            cjk = _predefined_cmap(objects)
            continue
        bound = font_limit if font_limit is not None and font else limit
        if (end - start) * MAX_RATIO ** stages <= bound:
            continue  # cannot inflate past the limit
        size = _inflated_size(view[start:end], stages, bound)
        if size > bound:
            return Scan((start, size), cjk)
    return Scan(None, cjk, _expansion(view, contents, limit))


def _expansion(view: memoryview, contents: list[tuple[int, int, int, bool]],
               limit: int) -> tuple[int, int] | None:
    """A content stream whose forms would make PDFium parse more than ``limit`` bytes.

    PDFium parses a form XObject's content anew for every ``Do`` that draws it, forms
    inside forms included: a few small forms drawing one another ten times each make a
    million objects. Without resolving names, each ``Do`` is counted as the largest
    expansion of any form, through as many levels as there are forms drawing others (a
    chain longer than that repeats a form: PDFium stops there). Files without forms
    (nearly all) cost nothing here.
    """
    if not any(is_form for *_, is_form in contents):
        return None
    sized = []
    for start, end, stages, is_form in contents:
        body = bytes(view[start:end]) if not stages else _inflated(view[start:end], stages,
                                                                    limit)
        if body is None:
            return None  # past the limit: ``scan`` has refused it already
        sized.append((start, len(body), len(_DO.findall(body)), is_form))
    forms = [(size, draws) for _, size, draws, is_form in sized if is_form]
    largest = max(size for size, _ in forms)
    for _ in range(sum(1 for _, draws in forms if draws)):
        largest = min(max(size + draws * largest for size, draws in forms), limit + 1)
    for start, size, draws, _ in sized:
        if size + draws * largest > limit:
            return (start, size + draws * largest)
    return None
