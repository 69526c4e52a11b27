"""Benchmark: the byte scan that bounds a PDF before PDFium sees it (``streams.scan``).

For every PDF of ``../shared/corpus`` and ``../shared/samples`` (or the paths given), the
files are read into memory once, then, best of ``--repeat`` runs each, summed over them:

* ``inflate``: ``zlib.decompress`` of every FlateDecode stream whole (the baseline: what
  any scan that looks inside the streams must pay at least);
* ``scan-bytes``: ``scan`` with the stream limits only (``shown_limit=None``), as before
  the text bound;
* ``scan``: ``scan`` as ``read_pdf`` calls it (strings shown counted, contents arrays).

    python benchmarks/bench_scan.py [PATH ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import re
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from govbudget import limits
from govbudget.readers.pdf import SHOWN_BYTES_PER_CHAR
from govbudget.readers.pdf.streams import scan

SHARED = Path(__file__).resolve().parents[2] / "shared"
_FLATE = re.compile(rb"/FlateDecode[^>]*>>\s*stream\r?\n")


def inflate_all(data: bytes) -> None:
    for m in _FLATE.finditer(data):
        end = data.find(b"endstream", m.end())
        with contextlib.suppress(zlib.error):
            zlib.decompressobj().decompress(data[m.end():end])


def best(run: Callable[[bytes], object], datas: list[bytes], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for data in datas:
            run(data)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = args.paths or sorted(p for d in ("corpus", "samples")
                                 for p in (SHARED / d).glob("*.pdf"))
    datas = [p.read_bytes() for p in paths]
    stream, font = limits.MAX_PDF_STREAM_BYTES, limits.MAX_PDF_FONT_BYTES
    shown = SHOWN_BYTES_PER_CHAR * limits.MAX_PAGE_CHARS
    print(f"{len(datas)} PDFs, {sum(map(len, datas)) / 2**20:.1f} MB")
    for name, run in (("inflate", inflate_all),
                      ("scan-bytes", lambda d: scan(d, stream, font)),
                      ("scan", lambda d: scan(d, stream, font, shown))):
        print(f"{name:12} {best(run, datas, args.repeat):7.3f} s")


if __name__ == "__main__":
    main()
