"""Benchmark: ``read_pdf`` against bare pdfplumber and bare pypdfium2 extraction.

For every PDF of ``../shared/corpus`` and ``../shared/samples`` (or the paths given), each
measurement runs in a fresh subprocess (imports excluded from the time):

* ``plumber``: bare pdfplumber, ``page.extract_text()`` + ``page.extract_tables()`` of every
  page (pages closed as it goes) — what the reader cost before PDFium;
* ``pdfium``: bare pypdfium2, every page's text and the box of every character
  (``FPDFText_GetCharBox``) — the floor of any reader on PDFium;
* ``read``: ``govbudget.readers.pdf.read_pdf`` (PDFium), the whole reader: tables, lines,
  assembly;
* ``reference`` (with ``--reference``): ``read_pdf(engine="pdfplumber")``, the old reader.

Times are wall and CPU seconds of the best of ``--repeat`` runs (by wall time), summed over
the documents (CPU time moves less when other jobs share the machine); memory is
the subprocess's peak RSS (``VmHWM``, else ``ru_maxrss``) on the largest document (most pages); each child
imports only what its mode uses.

    python benchmarks/bench_pdf.py [PATH ...] [--repeat N] [--reference]

Targets (issue 13): read ≤ 0.25 × plumber summed over the corpus; peak ≤ 60 MB on the
largest corpus document.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
DEFAULT = [SHARED / "corpus", SHARED / "samples"]

CHILD = r"""
import ctypes, json, resource, sys, time
peak_kb = lambda: next((int(x.split()[1]) for x in open("/proc/self/status")  # VmHWM: from exec
                        if x.startswith("VmHWM:")), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
mode, path = sys.argv[1], sys.argv[2]
if mode == "plumber":
    import pdfplumber
elif mode == "pdfium":
    import pypdfium2, pypdfium2.raw as raw
else:
    from govbudget.readers.pdf import read_pdf
    import govbudget.readers.pdf.pdfium, pypdfium2  # what the reader imports on first use
    if mode == "reference":
        import pdfplumber
base = peak_kb()
t0, c0 = time.perf_counter(), time.process_time()
if mode == "plumber":
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()
            page.close()
elif mode == "pdfium":
    pdf = pypdfium2.PdfDocument(path)
    pages = len(pdf)
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    for i in range(pages):
        page = pdf[i]
        text = page.get_textpage()
        text.get_text_range()
        for k in range(raw.FPDFText_CountChars(text.raw)):
            raw.FPDFText_GetCharBox(text.raw, k, l, r, b, t)
        text.close()
        page.close()
    pdf.close()
else:
    pages = read_pdf(path, engine="pdfplumber" if mode == "reference" else "pdfium").pages
elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
peak = peak_kb()
print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_kb": peak, "base_kb": base,
                  "pages": pages}))
"""


def measure(mode: str, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], check=True,
                         capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.pdf")) if p.is_dir() else [p])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--reference", action="store_true",
                        help="also time the old reader (read_pdf engine='pdfplumber')")
    args = parser.parse_args()
    files = _files(args.paths)
    if not files:
        print("no PDF found", file=sys.stderr)
        return 1
    modes = ["plumber", "pdfium", "read"] + (["reference"] if args.reference else [])
    best: dict[str, dict[str, dict[str, float]]] = {m: {} for m in modes}
    print(f"{'file':<46} {'pages':>5} " + " ".join(f"{m + ' s':>11}" for m in modes)
          + f" {'read/plumber':>12}")
    for path in files:
        for m in modes:
            runs = [measure(m, path) for _ in range(args.repeat)]
            best[m][path.name] = min(runs, key=lambda r: r["seconds"])
        row = {m: best[m][path.name]["seconds"] for m in modes}
        pages = int(best["read"][path.name]["pages"])
        print(f"{path.name:<46} {pages:>5} " + " ".join(f"{row[m]:>11.2f}" for m in modes)
              + f" {row['read'] / row['plumber']:>12.3f}", flush=True)
    total = {m: sum(r["seconds"] for r in best[m].values()) for m in modes}
    pages = sum(int(r["pages"]) for r in best["read"].values())
    print(f"\n{len(files)} documents, {pages} pages; summed seconds: "
          + ", ".join(f"{m} {total[m]:.1f}" for m in modes))
    cpu = {m: sum(r["cpu"] for r in best[m].values()) for m in modes}
    print("summed CPU seconds: " + ", ".join(f"{m} {cpu[m]:.1f}" for m in modes))
    print(f"read / bare pdfplumber = {total['read'] / total['plumber']:.3f} wall, "
          f"{cpu['read'] / cpu['plumber']:.3f} CPU; read / bare pypdfium2 = "
          f"{total['read'] / total['pdfium']:.2f} wall, {cpu['read'] / cpu['pdfium']:.2f} CPU")
    largest = max(files, key=lambda p: best["read"][p.name]["pages"])
    print(f"peak RSS on the largest document, {largest.name} "
          f"({int(best['read'][largest.name]['pages'])} pages): " + ", ".join(
              f"{m} {best[m][largest.name]['peak_kb'] / 1024:.1f} MB "
              f"(+{(best[m][largest.name]['peak_kb'] - best[m][largest.name]['base_kb']) / 1024:.1f}"
              " after imports)" for m in modes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
