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
The characters shown cost PDFium's text page about 130 bytes each, so the bytes of the
strings a content stream shows are counted too (``shown_bytes``) when the stream is
longer than their limit.

Deflate expands at most about 1032-fold, so a stream whose compressed bytes cannot reach
the limit is not inflated at all: ordinary files cost a few milliseconds here. Content
drawn again and again through form XObjects is bounded the same way (``_expansion``).
Streams that run into one another (a run of objects repeated without their ``endstream``)
make PDFium search the rest of the file for each one's end: past ``MAX_SEARCH`` bytes of
such searching (more than the file holds) the file is refused (``searched``).
A page's ``/Contents`` array (direct or referenced, in the file or in an object stream)
is held to the same limits as the streams it lists, summed: a stream listed many times is
counted each time; it lists at most ``MAX_LISTED`` (``_listed``). Not covered: streams
of an encrypted file (inflated only after decryption), LZW streams, and ``/Contents``
arrays of an encrypted object stream.

>>> import zlib
>>> bomb = b"1 0 obj << /Length 9 /Filter /FlateDecode >> stream\\n" + zlib.compress(
...     b" " * 2**20) + b"\\nendstream"
>>> scan(bomb, 2**21)
Scan(oversized=None, cjk_cmaps=False, expanded=None, searched=None, shown=None, listed=None)
>>> offset, size = scan(bomb, 2**19).oversized; size > 2**19
True
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator

import attrs

__all__ = ["MAX_LISTED", "MAX_RATIO", "MAX_SEARCH", "Scan", "scan", "shown_bytes"]

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
#: an escape in a literal string (``\053``, ``\(``, ``\n``): one byte shown
_ESCAPE = re.compile(rb"\\(?:[0-7]{1,3}|.)", re.DOTALL)
_INNERMOST = re.compile(rb"\([^()]*\)")
_HEX = re.compile(rb"<[0-9A-Fa-f\s]*>")
#: a page's ``/Contents``: an array (read from after its ``[``) or a reference to one
_CONTENTS = re.compile(rb"/Contents\s*(?:\[|(\d+)\s+\d+\s+R)")
_REF = re.compile(rb"\s*(\d+)\s+\d+\s+R")
_ARRAY_OBJ = re.compile(rb"obj\s*\[")  # an indirect array, its number read backwards
_NUMBER_BEFORE = re.compile(rb"(?<!\d)(\d+)\s+\d+\s+$")
#: indirect arrays looked through for the ``/Contents`` of a page (past it, refused)
_MAX_CANDIDATES = 200_000
_FIRST = re.compile(rb"/First\s+(\d+)")
_OPEN_ARRAY = re.compile(rb"\s*\[")
#: streams one page's ``/Contents`` may list (PDFium parses them as one)
MAX_LISTED = 10_000
_OBJ = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_NESTING = 8  # literal strings nest this deep at most before all that is left counts
_CMAP = re.compile(rb"\s*/([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*-[HV])(?![A-Za-z0-9-])")


def _int(digits: bytes) -> int | None:
    """An object number or offset read from the file; ``None`` past 18 digits (no file
    has one: Python refuses to convert more than 4,300 digits at all)."""
    return int(digits) if len(digits) <= 18 else None


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


def _body(view: memoryview, start: int, end: int, stages: int, limit: int
          ) -> bytes | bytearray | None:
    """A stream's content, inflated when deflated (None past ``limit``)."""
    return _inflated(view[start:end], stages, limit) if stages else bytes(view[start:end])


def shown_bytes(content: bytes | bytearray) -> int:
    """An upper bound on the character codes a content stream shows: the bytes inside its
    literal strings (an escape counted as one, nested strings included) and half the
    digits of its hex strings. PDFium's text page costs about 130 bytes a character, so
    this is bounded before PDFium parses the page (``scan``'s ``shown_limit``).

    >>> shown_bytes(b"BT (ab\\\\(c) Tj [(d(e)f) 120 <4142>] TJ ET")  # ab(c d(e)f AB
    11
    """
    body = _ESCAPE.sub(b"e", content)
    total = 0
    for _ in range(_NESTING):
        # a string nested in another shows its parentheses: two bytes left in its place
        inner, n = _INNERMOST.subn(b"ee", body)
        if not n:
            break
        total += len(body) - len(inner)
        body = inner
    else:
        return total + len(body)  # nested deeper than any producer writes: all of it
    bare, n = _HEX.subn(b"", body)
    return total + (len(body) - len(bare) - 2 * n) // 2


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
    file's size by more than ``MAX_SEARCH``. ``shown``: (offset, bytes) of a content
    stream whose strings, forms drawn included, are past the ``shown_limit``. ``listed``:
    (offset, what) of a page's ``/Contents`` array whose streams together are past the
    limit, or show more than ``shown_limit`` bytes of strings, or are more than
    ``MAX_LISTED``. ``cjk_cmaps``: a font uses a predefined CJK CMap
    (``/Encoding /GBK-EUC-H``, ``/UniGB-UCS2-H`` …), whose text PDFium may fail to decode
    when the font is not embedded.
    """

    oversized: tuple[int, int] | None
    cjk_cmaps: bool
    expanded: tuple[int, int] | None = None
    searched: tuple[int, int] | None = None
    shown: tuple[int, int] | None = None
    listed: tuple[int, str] | None = None


def _predefined_cmap(data: bytes | bytearray) -> bool:
    at = data.find(b"/Encoding")
    while at >= 0:
        m = _CMAP.match(data, at + 9)
        if m and not m.group(1).startswith(b"Identity"):
            return True
        at = data.find(b"/Encoding", at + 9)
    return False


def scan(data: bytes, limit: int, font_limit: int | None = None,
         shown_limit: int | None = None) -> Scan:
    """Inflate what must be inflated (see the module docstring) and look for CJK CMaps,
    in the file and in its object streams. Font programs (``/Length1``, ``/Length2``,
    ``/Subtype /Type1C`` …) are held to ``font_limit`` (default: ``limit``); the content
    a stream draws through form XObjects, to ``limit`` (``_expansion``); the bytes of the
    strings a content stream shows, forms included, to ``shown_limit`` (default: not
    counted)."""
    view = memoryview(data)
    cjk = _predefined_cmap(data)
    contents: list[tuple[int, int, int, bool]] = []  # start, end, stages, is a form
    numbered: dict[int, int] = {}  # object number → index in ``contents``
    #: the file and its object streams: (offset, bytes, /First of an object stream)
    texts: list[tuple[int, bytes | bytearray, int | None]] = [(0, data, None)]
    end, streams, searched = -1, 0, 0
    for keyword, start in _streams(data):
        if start > end:  # else the first ``endstream`` after it is the last one found
            end = data.find(b"endstream", start)
            end = len(data) if end < 0 else end
        streams, searched = streams + 1, searched + end - start
        if searched > len(data) + MAX_SEARCH:
            return Scan(None, cjk, searched=(streams, searched))
        head = data[max(0, keyword - 2048):keyword]
        numbers = _OBJ.findall(head)
        head = head[head.rfind(b"obj") + 1:] if b"obj" in head else head
        stages = head.count(b"/FlateDecode") + head.count(b"/Fl ") + head.count(b"/Fl/")
        if b"/Image" in head:
            continue
        font = _FONT.search(head) is not None
        if not font and b"/ObjStm" not in head:
            if numbers and (n := _int(numbers[-1])) is not None:
                numbered[n] = len(contents)
            contents.append((start, end, stages, _FORM.search(head) is not None))
        if b"/ObjStm" in head:
            objects = _inflated(view[start:end], stages, limit)
            if objects is None:
                return Scan((start, limit + 1), cjk)
            cjk = cjk or _predefined_cmap(objects)
            first = _FIRST.search(head)
            texts.append((start, objects, _int(first.group(1)) if first else None))
            continue
        if not stages:
            if not font and end - start > limit:  # PDFium parses it whole just the same
                return Scan((start, end - start), cjk)
            continue
        bound = font_limit if font_limit is not None and font else limit
        if (end - start) * MAX_RATIO ** stages <= bound:
            continue  # cannot inflate past the limit
        size = _inflated_size(view[start:end], stages, bound)
        if size > bound:
            return Scan((start, size), cjk)
    expanded, shown = _expansion(view, contents, limit, shown_limit)
    if shown is None and shown_limit is not None:
        shown = _shown(view, contents, limit, shown_limit)
    listed = _listed(view, texts, contents, numbered, limit, shown_limit)
    return Scan(None, cjk, expanded, shown=shown, listed=listed)


def _expansion(view: memoryview, contents: list[tuple[int, int, int, bool]], limit: int,
               shown_limit: int | None) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Content streams whose forms would make PDFium parse more than ``limit`` bytes, or
    show more than ``shown_limit`` bytes of strings: (offset, bytes) of the first of each.

    PDFium parses a form XObject's content anew for every ``Do`` that draws it, forms
    inside forms included: a few small forms drawing one another ten times each make a
    million objects. Without resolving names, each ``Do`` is counted as the largest
    expansion of any form, through as many levels as there are forms drawing others (a
    chain longer than that repeats a form: PDFium stops there). Files without forms
    (nearly all) cost nothing here.
    """
    if not any(is_form for *_, is_form in contents):
        return None, None
    sized, shown = [], []
    for start, end, stages, is_form in contents:
        body = _body(view, start, end, stages, limit)
        if body is None:
            return None, None  # past the limit: ``scan`` has refused it already
        draws = len(_DO.findall(body))
        sized.append((start, len(body), draws, is_form))
        if shown_limit is not None:
            shown.append((start, shown_bytes(body), draws, is_form))
    return _worst(sized, limit), _worst(shown, shown_limit) if shown else None


def _worst(measured: list[tuple[int, int, int, bool]], limit: int | None
           ) -> tuple[int, int] | None:
    """(offset, amount) of the first content whose amount, forms drawn included, is past
    ``limit``: each ``Do`` counted as the largest expansion of any form."""
    forms = [(amount, draws) for _, amount, draws, is_form in measured if is_form]
    if limit is None or not forms:
        return None
    largest = max(amount for amount, _ in forms)
    for _ in range(sum(1 for _, draws in forms if draws)):
        largest = min(max(amount + draws * largest for amount, draws in forms), limit + 1)
    for start, amount, draws, _ in measured:
        if amount + draws * largest > limit:
            return (start, amount + draws * largest)
    return None


def _shown(view: memoryview, contents: list[tuple[int, int, int, bool]], limit: int,
           shown_limit: int) -> tuple[int, int] | None:
    """(offset, string bytes) of the first content stream showing more than
    ``shown_limit`` bytes of strings. Only a stream longer than that, once inflated, can:
    ordinary files inflate each content stream once here and count none."""
    for start, end, stages, _ in contents:
        if (end - start) * MAX_RATIO ** stages <= shown_limit:
            continue
        if stages and _inflated_size(view[start:end], stages, shown_limit) <= shown_limit:
            continue
        body = _body(view, start, end, stages, limit)
        if body is None:
            continue  # past the size limit: ``scan`` has refused it already
        amount = shown_bytes(body)
        if amount > shown_limit:
            return (start, amount)
    return None


def _arrays(texts: list[tuple[int, bytes | bytearray, int | None]], streams: Iterable[int]
            ) -> Iterator[tuple[int, bytes | bytearray, int]]:
    """(offset, text, position after its ``[``) of every page's ``/Contents`` array, direct
    or referenced, in the file or in an object stream (the offset is then the stream's).
    Past ``_MAX_CANDIDATES`` indirect arrays to look through, (0, b"", -1)."""
    referenced: set[int] = set()
    for offset, text, _ in texts:
        for m in _CONTENTS.finditer(text):
            if m.group(1) is None:
                yield offset, text, m.end()
            else:
                if (n := _int(m.group(1))) is not None:
                    referenced.add(n)
    referenced.difference_update(streams)  # nearly always all of them: nothing to look for
    if not referenced:
        return
    for offset, text, first in texts:
        if first is None:
            for k, m in enumerate(_ARRAY_OBJ.finditer(text)):
                if k > _MAX_CANDIDATES:
                    yield 0, b"", -1
                    return
                found = _NUMBER_BEFORE.search(text, max(0, m.start() - 24), m.start())
                if found is not None and _int(found.group(1)) in referenced:
                    yield offset, text, m.end()
            continue
        header = bytes(text[:first]).split()
        for number, at in zip(header[::2], header[1::2], strict=False):
            offset_in = _int(at) if number.isdigit() and at.isdigit() else None
            if offset_in is not None and _int(number) in referenced:
                array = _OPEN_ARRAY.match(text, first + offset_in, first + offset_in + 64)
                if array is not None:
                    yield offset, text, array.end()


def _listed(view: memoryview, texts: list[tuple[int, bytes | bytearray, int | None]],
            contents: list[tuple[int, int, int, bool]], numbered: dict[int, int], limit: int,
            shown_limit: int | None) -> tuple[int, str] | None:
    """(offset, what) of the first page's ``/Contents`` array whose content streams
    together make more than ``limit`` bytes, or show more than ``shown_limit`` bytes of
    strings, or are more than ``MAX_LISTED``: PDFium parses them as one stream, and a
    stream listed twice twice."""
    sizes: dict[int, int] = {}
    shown: dict[int, int] = {}

    def size(i: int) -> int:
        if i not in sizes:
            start, end, stages, _ = contents[i]
            sizes[i] = (_inflated_size(view[start:end], stages, limit) if stages
                        else end - start)
        return sizes[i]

    def shows(i: int) -> int:
        if i not in shown:
            body = _body(view, *contents[i][:3], limit)
            shown[i] = limit if body is None else shown_bytes(body)
        return shown[i]

    for offset, text, at in _arrays(texts, numbered):
        if at < 0:
            return (0, f"cannot be found: more than {_MAX_CANDIDATES} indirect arrays")
        where = offset or at
        listed: list[int] = []
        total = refs = 0
        while (ref := _REF.match(text, at)) is not None:  # the array's references, in turn
            at, refs = ref.end(), refs + 1
            if refs > MAX_LISTED:
                return (where, f"are more than {MAX_LISTED}")
            n = _int(ref.group(1))
            i = None if n is None else numbered.get(n)
            if i is not None:
                listed.append(i)
                total += size(i)
                if total > limit:
                    return (where, f"make at least {total} bytes together")
        if shown_limit is None or len(listed) < 2 or total <= shown_limit:
            continue
        strings = 0
        for i in listed:
            strings += shows(i)
            if strings > shown_limit:
                return (where, f"show {strings} bytes of strings together")
    return None
