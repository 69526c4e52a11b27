"""Benchmark the built-in rules on seed-sized disclosures and on large departments.

Run:  python benchmarks/bench_rules.py            (add --quick for 10/100 units only)
Before/after: PYTHONPATH=<a tree with the old src/govbudget/rules> python benchmarks/bench_rules.py

1. every rule of the six table families on one seed-sized unit (9 standard tables + T10,
   T11, T12): best time per ``check`` (target < 2 ms);
2. a department of N units, each with the seed's tables: building the department by
   cell-wise aggregation, then ``check`` on the department and all its units (target
   < 1 s for N = 200), for N = 10, 100, 200, 1000;
3. baseline in the same run: a bare Python loop summing every unit cell into the
   department's cells (the least work D-1 must do).

Every timed ``check`` starts with an empty table-index cache (``rules._common``), so the
figures include building the per-table indexes once per run, as a first check does.

Timings are written down in docs/performance.md ("## Rules (issue 3)"), never asserted.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import seed_model as seed
from govbudget.rules import REGISTRY
from govbudget.rules import check as _check
from govbudget.tables import Disclosure

try:  # the per-table index cache (absent before issue 3)
    from govbudget.rules._common import _INDEXES as _CACHE
except ImportError:
    _CACHE = {}


def check(target: Disclosure, **kw: object) -> object:
    """``govbudget.check`` from a cold table-index cache (one check run's real cost)."""
    _CACHE.clear()
    return _check(target, **kw)  # type: ignore[arg-type]

FAMILIES = ["arithmetic", "cross-table", "three-public", "catalogue", "aggregation", "structure"]


def best(func: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    """Best CPU time of ``number`` calls, over ``repeat`` rounds, per call (seconds).

    CPU time (``time.process_time``) rather than wall time: on a shared machine the wall
    clock of the same run varies twofold with the other jobs' load.
    """
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(number):
            func()
        times.append((time.process_time() - start) / number)
    return min(times)


def baseline(dept: Disclosure) -> Decimal:
    """A bare loop: Σ of every unit cell, keyed like D-1 (the floor for aggregation)."""
    acc: dict[tuple[object, ...], Decimal] = {}
    for u in dept.units:
        for t in u.tables:
            for r in t.rows:
                key = (t.kind, r.side, r.code, r.line)
                for col, cell in r.cells.items():
                    if cell.value is not None:
                        acc[(*key, col)] = acc.get((*key, col), Decimal(0)) + cell.value
    return sum(acc.values(), Decimal(0))


def main(sizes: tuple[int, ...]) -> None:
    unit = seed.unit()
    check(unit)  # load catalogues and modules once
    mine = REGISTRY.select(FAMILIES)
    n_checks = _check(unit, select=FAMILIES).summary()["checks"]
    t_mine = best(lambda: check(unit, select=FAMILIES), number=50)
    t_all = best(lambda: check(unit), number=50)
    print(f"seed unit: {len(mine)} table rules, {n_checks} checks: {t_mine * 1e3:.2f} ms"
          f" ({t_mine / n_checks * 1e6:.1f} µs/check); all {len(REGISTRY)} rules: {t_all * 1e3:.2f}"
          " ms")
    print(f"{'units':>6} {'aggregate':>10} {'check all':>10} {'D-1 only':>9} {'baseline':>9}"
          f" {'checks':>8}")
    for n in sizes:
        units = seed.units(n)
        t_agg = best(lambda units=units: seed.aggregate(units), repeat=3)
        dept = seed.aggregate(units)
        t_check = best(lambda dept=dept: check(dept, select=FAMILIES), repeat=3)
        t_d1 = best(lambda dept=dept: check(dept, select=["D-1"]), repeat=3)
        t_base = best(lambda dept=dept: baseline(dept), repeat=3)
        s = _check(dept, select=FAMILIES).summary()
        assert s["errors"] == 0
        print(f"{n:>6} {t_agg:>9.3f}s {t_check:>9.3f}s {t_d1:>8.3f}s {t_base:>8.3f}s"
              f" {s['checks']:>8}")


if __name__ == "__main__":
    main((10, 100) if "--quick" in sys.argv else (10, 100, 200, 1000))
