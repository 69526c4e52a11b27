"""Benchmark: parsing 10,000 指标值 (target < 100 ms), against a bare ``re.match`` baseline.

Run: ``python benchmarks/bench_indicators.py [REPEAT]`` (figures are written down in
docs/performance.md, never asserted). Each workload runs REPEAT times (default 15) with the
parser's cache cleared; the best run is the figure (other jobs on a shared machine only
ever add time), the median shows the noise.

Three workloads of 10,000 values each:

* ``distinct``  every value different (numbers vary), so the parser's cache never hits;
* ``realistic`` values drawn from real tables (the seed, Fuzhou, Quanzhou, Yantai), which
  repeat a lot, as in a real document set;
* ``baseline``  one precompiled ``re.match`` per distinct value, the floor for any
  regex-based reader.

The distinct workload is 70 % ``op number unit`` (the fast path, unless the unit is
uncommon, e.g. ``㎡``), 10 % date ranges, 10 % relative targets, 10 % ranges; its time
per shape is printed too.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from collections.abc import Callable

from govbudget.indicators import _parse, parse_value

REAL = [
    "≥8小时",
    "≥95百分比",
    "≤24.5万元",
    "≥100百分比",
    "≤3万元",
    "=100%",
    "≥1000人",
    "10辆",
    "≥80M",
    "250万",
    "≤10次",
    "好",
    "较好",
    "优良",
    "≤上年",
    "逐步提高",
    "2023.07-2024.01",
    "292%",
    "≥90%",
    "≥18次",
    "≤5件",
    "≥430元",
    "≥450万人",
    "≥12个",
    "≤4500元/人月",
    "≥1.8万人次",
    "有效减轻",
    "2025年12月31日",
    "12月",
    "1年",
    "=提升无",
    "不低于上年",
    "2026年12月31日前",
    "≥1700㎡",
    "100%",
    "≤2149.09万元",
    "7次",
    "效果显著",
    "不断完善",
    "= 100%",
    "≥0%",
    "80万",
    "控制在24.5万元以内",
]
N = 10_000


def distinct_values(seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    ops = ["", "≥", "≤", ">", "<", "=", "不低于", "不超过", "约"]
    units = [
        "%",
        "百分比",
        "人",
        "人次",
        "万元",
        "元",
        "次",
        "个",
        "小时",
        "天",
        "辆",
        "㎡",
        "万人次",
    ]
    out = []
    for k in range(N):
        r = k % 10
        if r < 7:
            out.append(f"{rnd.choice(ops)}{rnd.randint(0, 99999)}.{k % 100}{rnd.choice(units)}")
        elif r == 7:
            out.append(
                f"{rnd.randint(2000, 2030)}.{rnd.randint(1, 12):02d}-{rnd.randint(2000, 2030)}"
                f".{rnd.randint(1, 12):02d}"
            )
        elif r == 8:
            out.append(f"较上年提高{rnd.randint(1, 99)}.{k}%")
        else:
            out.append(f"{rnd.randint(1, 500)}-{rnd.randint(501, 999)}.{k}人")
    return out


def realistic_values(seed: int = 2) -> list[str]:
    rnd = random.Random(seed)
    return [rnd.choice(REAL) for _ in range(N)]


_BASELINE = re.compile(r"(≥|≤|>|<|=)?(\d+(?:\.\d+)?)(\D*)")


def timed(fn: Callable[[], object], repeat: int = 15) -> tuple[float, float, float]:
    """Best and median wall time and best CPU time of ``repeat`` runs, in milliseconds.

    CPU time (``process_time``) leaves out the time the process waits for a core, which
    other jobs on a shared machine add to the wall time.
    """
    runs, cpu = [], []
    for _ in range(repeat):
        _parse.cache_clear()
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return min(runs), statistics.median(runs), min(cpu)


def main(repeat: int = 15) -> None:
    distinct, realistic = distinct_values(), realistic_values()
    match = _BASELINE.match
    rows = [
        ("baseline re.match, 10k distinct", timed(lambda: [match(v) for v in distinct], repeat)),
        ("parse_value, 10k distinct", timed(lambda: [parse_value(v) for v in distinct], repeat)),
        ("parse_value, 10k realistic", timed(lambda: [parse_value(v) for v in realistic], repeat)),
    ]
    for label, (best, median, cpu) in rows:
        print(f"{label:34} best {best:7.2f} ms   median {median:7.2f} ms   CPU {cpu:7.2f} ms")
    ratio = rows[1][1][2] / rows[0][1][2]
    print(f"parse_value / baseline (distinct, CPU): {ratio:.1f}×; target: 10k values < 100 ms")
    shapes = {"op number unit": 7, "date range": 1, "relative": 1, "range": 1}
    start = 0
    for shape, share in shapes.items():
        picked = [v for k, v in enumerate(distinct) if start <= k % 10 < start + share]
        start += share
        _, _, cpu = timed(lambda picked=picked: [parse_value(v) for v in picked], repeat)
        print(f"  {shape:16} {1000 * cpu / len(picked):6.2f} µs/value (CPU)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
