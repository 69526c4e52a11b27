"""How fast ``disclosures()`` generates valid departments, by number of units.

Run: python benchmarks/bench_strategies.py   (prints a table; nothing is asserted)

Last run (2 cores, with narratives, 绩效目标表 and the E-1 table; target: 5 units < 5 s):

    units examples  seconds ms/example  ms/unit
        1      100     1.37       13.7    13.69
        5      100     4.59       45.9     9.19
       10      100     8.41       84.1     8.41
       20      100    13.65      136.5     6.82
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings

from govbudget.strategies import disclosures

N = 100


def run(units: int) -> float:
    seen = 0

    @settings(max_examples=N, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(disclosures(units=units))
    def generate(d: object) -> None:
        nonlocal seen
        seen += 1

    start = time.perf_counter()
    generate()
    return time.perf_counter() - start


def main() -> None:
    run(1)  # warm the catalogue caches
    print(f"{'units':>5} {'examples':>8} {'seconds':>8} {'ms/example':>10} {'ms/unit':>8}")
    for units in (1, 5, 10, 20):
        t = run(units)
        print(f"{units:>5} {N:>8} {t:>8.2f} {1000 * t / N:>10.1f} {1000 * t / N / units:>8.2f}")


if __name__ == "__main__":
    main()
