"""Benchmark: ``read_pdf`` against bare pdfplumber extraction, per sample PDF.

For every PDF in ``../shared/samples`` (or the folder given), each measurement runs in
a fresh subprocess: *bare* is ``page.extract_tables()`` + ``page.extract_text()`` on
every page (closing pages as it goes), *read_pdf* is the full reader. Time is wall
time of the extraction (imports excluded), best of ``--repeat`` runs; memory is the
subprocess's peak RSS (``ru_maxrss``), and its growth over the RSS after imports.

    python benchmarks/bench_pdf.py [SAMPLES_DIR] [--repeat N]

Target (issue): read_pdf ≤ bare + 20 %, and < 150 MB peak for a 35-page document.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parents[1] / "shared" / "samples"

CHILD = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
import pdfplumber
from govbudget.readers.pdf import read_pdf
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
if mode == "bare":
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()
            page.close()
else:
    pages = read_pdf(path).pages
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_kb": peak, "base_kb": base, "pages": pages}))
"""


def measure(mode: str, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], check=True,
                         capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.samples.glob("*.pdf"))
    if not files:
        print(f"no PDF found in {args.samples}", file=sys.stderr)
        return 1
    print(f"{'file':<46} {'pages':>5} {'bare s':>7} {'read s':>7} {'ratio':>6} "
          f"{'bare MB':>8} {'read MB':>8} {'read +MB':>8}")
    for path in files:
        bare = [measure("bare", path) for _ in range(args.repeat)]
        read = [measure("read", path) for _ in range(args.repeat)]
        tb = min(r["seconds"] for r in bare)
        tr = min(r["seconds"] for r in read)
        mb = max(r["peak_kb"] for r in bare) / 1024
        mr = max(r["peak_kb"] for r in read) / 1024
        grow = max(r["peak_kb"] - r["base_kb"] for r in read) / 1024
        print(f"{path.name:<46} {int(read[0]['pages']):>5} {tb:>7.2f} {tr:>7.2f} "
              f"{tr / tb:>6.2f} {mb:>8.1f} {mr:>8.1f} {grow:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
