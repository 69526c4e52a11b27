"""Benchmark code lookup (issue 2): import cost, first load, lookup, search, memory.

    python benchmarks/bench_codes.py [--quick]

Prints a table. Lookups are compared, in the same run, with a plain dict and with
pycountry's ``countries.get(alpha_2=...)`` (skipped if pycountry is not installed).
Figures are written down in docs/performance.md, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import timeit
import tracemalloc


def _importtime(code: str, module: str, runs: int) -> float:
    """Median cumulative import time (ms) of ``module`` under ``python -X importtime``."""
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                             capture_output=True, text=True, check=True)
        for line in out.stderr.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == module:
                times.append(int(parts[1]) / 1000)
    return statistics.median(times)


def _wall(code: str, runs: int) -> float:
    """Median wall time (ms) of ``python -c code`` in a fresh interpreter."""
    script = (
        "import time; t = time.perf_counter(); "
        + code
        + "; print(time.perf_counter() - t)"
    )
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True)
        times.append(float(out.stdout) * 1000)
    return statistics.median(times)


FIRST_LOAD = """
import json, time
from govbudget.codes import catalogue
out = {}
for scheme, year in [("functional", 2023), ("functional", 2026), ("functional", 2018),
                     ("economic", 2023), ("government_economic", 2023), ("revenue", 2023)]:
    t = time.perf_counter()
    cat = catalogue(scheme, year)
    out[f"{scheme} {year}"] = (time.perf_counter() - t) * 1000
t = time.perf_counter()
catalogue("functional", 2023).search("x")
out["name index, functional 2023"] = (time.perf_counter() - t) * 1000
print(json.dumps(out))
"""


def first_loads(runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FIRST_LOAD], capture_output=True, text=True,
                             check=True)
        for k, v in json.loads(out.stdout).items():
            samples.setdefault(k, []).append(v)
    return {k: statistics.median(v) for k, v in samples.items()}


def per_call_ns(fn: object, number: int, repeat: int, globs: dict[str, object]) -> float:
    """Best per-iteration time (ns) of a statement, minus an empty loop."""
    t = min(timeit.repeat(str(fn), globals=globs, number=number, repeat=repeat))
    base = min(timeit.repeat("pass", number=number, repeat=repeat))
    return (t - base) / number * 1e9


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    runs = 5 if args.quick else 21
    number = 200_000 if args.quick else 1_000_000

    rows: list[tuple[str, str]] = []
    print(f"python {sys.version.split()[0]}")

    # -- import -----------------------------------------------------------------------
    t_attrs = _importtime("import attrs", "attrs", runs)
    t_gb = _importtime("import attrs; import govbudget", "govbudget", runs)
    t_codes = _importtime("import attrs; import govbudget.codes", "govbudget.codes", runs)
    w_attrs = _wall("import attrs", runs)
    w_both = _wall("import attrs; import govbudget", runs)
    rows += [
        ("import attrs (ms, -X importtime)", f"{t_attrs:.2f}"),
        ("import govbudget after attrs (ms, -X importtime)", f"{t_gb:.2f}"),
        ("import govbudget.codes after attrs (ms)", f"{t_codes:.2f}"),
        ("wall: import attrs / + import govbudget (ms)", f"{w_attrs:.2f} / {w_both:.2f}"),
    ]

    # -- first load -------------------------------------------------------------------
    for k, v in first_loads(max(3, runs // 3)).items():
        rows.append((f"first load: {k} (ms)", f"{v:.2f}"))

    # -- lookup -----------------------------------------------------------------------
    import govbudget
    from govbudget.codes import catalogue

    cat = catalogue("functional", 2023)
    plain = cat.as_dict()
    code = "2080505"
    globs: dict[str, object] = {"cat": cat, "d": plain, "code": code, "govbudget": govbudget,
                                "display": "208 05 05"}
    t_dget = per_call_ns("d.get(code)", number, 7, globs)
    t_dsub = per_call_ns("d[code]", number, 7, globs)
    t_get = per_call_ns("cat.get(code)", number, 7, globs)
    t_sub = per_call_ns("cat[code]", number, 7, globs)
    t_in = per_call_ns("code in cat", number, 7, globs)
    t_slow = per_call_ns("cat.get(display)", number // 10, 5, globs)
    t_top = per_call_ns("govbudget.lookup(code, year=2023)", number // 10, 5, globs)
    rows += [
        ("plain dict d.get(code) (ns)", f"{t_dget:.1f}"),
        ("plain dict d[code] (ns)", f"{t_dsub:.1f}"),
        ("catalogue.get(code) (ns)", f"{t_get:.1f}  ({t_get / t_dget:.2f}× d.get)"),
        ("catalogue[code] (ns)", f"{t_sub:.1f}  ({t_sub / t_dsub:.2f}× d[code])"),
        ("code in catalogue (ns)", f"{t_in:.1f}"),
        ("catalogue.get('208 05 05') (ns, miss → normalise)", f"{t_slow:.1f}"),
        ("govbudget.lookup(code, year=2023) (ns)", f"{t_top:.1f}"),
    ]
    try:
        import pycountry

        pycountry.countries.get(alpha_2="CN")  # load its database first
        globs["countries"] = pycountry.countries
        t_pc = per_call_ns("countries.get(alpha_2='CN')", number // 10, 5, globs)
        rows.append(("pycountry countries.get(alpha_2='CN') (ns)", f"{t_pc:.1f}"))
    except ImportError:
        rows.append(("pycountry", "not installed"))

    # -- search -----------------------------------------------------------------------
    for query in ("行政单位医疗", "养老", "医疗卫生与计划生育支出", "不存在的名称"):
        globs["q"] = query
        t = per_call_ns("cat.search(q)", 200, 5, globs) / 1000
        rows.append((f"search {query!r} (µs)", f"{t:.1f}"))

    # -- memory -----------------------------------------------------------------------
    mem = MEMORY
    out = subprocess.run([sys.executable, "-c", mem], capture_output=True, text=True,
                         check=True)
    rows.append(("memory: every bundled edition + name index (MB)", out.stdout.strip()))

    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|------")
    for k, v in rows:
        print(f"{k.ljust(width)} | {v}")


MEMORY = """
import tracemalloc
tracemalloc.start()
from govbudget.codes import BUNDLED_EDITIONS, Scheme, catalogue
base = tracemalloc.get_traced_memory()[0]
for s in Scheme:
    for y in BUNDLED_EDITIONS:
        catalogue(s, y).search("x")
print(f"{(tracemalloc.get_traced_memory()[0] - base) / 2**20:.2f}")
"""

# tracemalloc is imported for readers looking for it; the measure runs in a subprocess
_ = tracemalloc

if __name__ == "__main__":
    main()
