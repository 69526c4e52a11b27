"""Importing govbudget does no work: no data file read, no catalogue, no heavy module."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, sys, builtins
opened = []
real_open = builtins.open
def spy(file, *a, **k):
    opened.append(str(file))
    return real_open(file, *a, **k)
builtins.open = spy
import govbudget
builtins.open = real_open
import govbudget.codes as codes
before = codes.loaded_catalogues()
heavy = [m for m in ("moneyed", "cattrs", "openpyxl") if m in sys.modules]
codes.lookup("2080101")
print(json.dumps({"opened": opened, "before": before, "heavy": heavy,
                  "after": codes.loaded_catalogues()}))
"""


def test_import_loads_nothing() -> None:
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         check=True)
    out = json.loads(run.stdout)
    assert out["before"] == []
    assert not [f for f in out["opened"] if "data" in f]
    assert out["heavy"] == []
    assert out["after"] == [["functional", 2026, "bundled"]]
