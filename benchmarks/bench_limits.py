"""Measurements behind docs/limits.md's table-cell and workbook-row limits.

Each figure is measured in a child process (``ru_maxrss`` is per process) and printed:

* ``cells``: table cells of every document of ``../shared`` (rows padded to their
  table's width, as ``assemble`` counts them): the largest, against ``MAX_TABLE_CELLS``;
* ``json``: bytes of JSON a model cell takes (``to_json``), on corpus W034.pdf and on
  ``tests/hostile/docx-table-of-64667-cells.docx``;
* ``from_json``: CPU and memory to read back the JSON of the 215,000-cell model of
  ``tests/hostile/text-header-printed-100-times.txt`` (its limits raised for the run);
* ``rows``: CPU openpyxl takes to yield a million empty rows (a row numbered 1,048,576);
* ``sparse``: loading a workbook of two far-apart rows (row 100,000, column 1,000);
* ``clip``: loading ``tests/hostile/pdf/clip-paths-nested-6003-text-objects-35035.pdf``
  (the known hole).

    python benchmarks/bench_limits.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
HOSTILE = ROOT / "tests" / "hostile"

_PEAK = "import resource; peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10\n"

CASES = {
    "cells": f"""
import glob
from govbudget.readers.load import read_raw
files = [f for f in glob.glob({str(SHARED)!r} + '/**/*', recursive=True)
         if f.lower().endswith(('.pdf', '.docx', '.xlsx', '.txt')) and '/catalog/' not in f]
sizes = []
for f in files:
    try:
        raw = read_raw(f)
    except Exception:
        continue
    sizes.append((sum(len(t.rows) * max((len(r) for r in t.rows), default=0)
                      for t in raw.tables()), f.split('/shared/')[1]))
print(len(sizes), 'documents; largest', max(sizes))
""",
    "json": f"""
import govbudget
for f in [{str(SHARED / 'corpus' / 'W034.pdf')!r}, {str(HOSTILE / 'docx-table-of-64667-cells.docx')!r}]:
    d = govbudget.load(f)
    n = sum(len(t.rows) * len(t.columns) for x in d.walk() for t in x.tables)
    b = len(govbudget.to_json(d).encode())
    print(f.split('/')[-1], n, 'cells', b, 'bytes', round(b / n), 'bytes a cell')
""",
    # the JSON written by a first process and read back by this one: the peak is from_json's
    "from_json": f"""
import subprocess, sys
write = ("import govbudget; from govbudget import limits; limits.MAX_TABLE_CELLS = 10**7; "
         "open('model.json', 'w').write(govbudget.to_json(govbudget.load("
         + repr({str(HOSTILE / 'text-header-printed-100-times.txt')!r}) + ")))")
subprocess.run([sys.executable, '-c', write], check=True)
""" + _PEAK + """
import time, govbudget
from govbudget.formats import jsonio
jsonio.MAX_JSON_BYTES = 10**9
text = open('model.json').read()
before, t = peak(), time.process_time()
govbudget.from_json(text)
print(len(text.encode()), 'bytes of JSON read back:', round(time.process_time() - t, 2),
      's CPU, +', peak() - before, 'MB peak RSS')
""",
    "rows": """
import time, openpyxl, tempfile, os
path = os.path.join(tempfile.mkdtemp(), 'gap.xlsx')
wb = openpyxl.Workbook(); wb.active['A1'] = 'x'; wb.active.cell(row=1048576, column=1, value='y')
wb.save(path)
ws = openpyxl.load_workbook(path, read_only=True).active; ws.reset_dimensions()
t = time.process_time(); n = sum(1 for _ in ws.iter_rows())
print(n, 'rows yielded in', round(time.process_time() - t, 3), 's CPU')
""",
    "sparse": _PEAK + """
import time, openpyxl, tempfile, os, govbudget
path = os.path.join(tempfile.mkdtemp(), 'sparse.xlsx')
wb = openpyxl.Workbook(); ws = wb.active; ws['A1'] = '表'; ws['B1'] = 'x'
ws.cell(row=100000, column=999, value='z'); ws.cell(row=100000, column=1000, value='y')
wb.save(path)
t = time.process_time(); govbudget.load(path)
print('loaded in', round(time.process_time() - t, 2), 's CPU, peak RSS', peak(), 'MB')
""",
    "clip": _PEAK + f"""
import time, govbudget
t = time.process_time()
try:
    govbudget.load({str(HOSTILE / 'pdf' / 'clip-paths-nested-6003-text-objects-35035.pdf')!r})
except govbudget.LoadError as exc:
    print('refused:', exc)
print(round(time.process_time() - t, 2), 's CPU, peak RSS', peak(), 'MB')
""",
}


def main() -> int:
    needs_shared = {"cells", "json"}
    for name, code in CASES.items():
        if name in needs_shared and not SHARED.is_dir():
            print(f"{name}: skipped, needs ../shared")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  cwd=tmp, check=False)
        out = done.stdout.strip() or done.stderr.strip().splitlines()[-1]
        print(f"{name}: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
