"""How much the narrative adds to checking the seed: sections, claims, binding and rules.

Run: ``python benchmarks/bench_narrative.py``. In one run it times (median of N):

* the baseline: ``govbudget.check(doc, exclude=["narrative"])``, every other rule;
* the full check, ``govbudget.check(doc)`` (the narrative analysis cache cleared each time);
* the narrative's share of loading: ``build_narrative`` on the seed's text blocks;
* the narrative alone: claims, quantities and every narrative check, per disclosure.

Each figure is the minimum and the median of ``repeat`` runs (the minimum is the one to
compare on a shared machine, where the median moves with the load).

"added" is full − baseline + build_narrative: what the narrative costs a load-and-check of
the seed. Results are written down (docs/performance.md), never asserted.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import govbudget
from govbudget.narrative import rules as narrative_rules
from govbudget.narrative.claims import extract_claims
from govbudget.narrative.sections import build_narrative
from govbudget.readers.raw import RawBlock

SEED = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "lianchi-hrss-2023-budget.txt"
)


def timed_ms(func: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(minimum, median) in ms: the minimum is the figure on a shared, noisy machine."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000, statistics.median(times) * 1000


def line(name: str, figures: tuple[float, float]) -> None:
    print(f"{name:38} min {figures[0]:7.2f} ms   median {figures[1]:7.2f} ms")


def main(repeat: int = 100) -> None:
    doc = govbudget.load(SEED)
    disclosures = list(doc.walk())
    blocks = [
        [
            block
            for s in d.narrative or ()
            for block in (
                ([RawBlock(s.title, heading=True)] if s.title else [])
                + [RawBlock(line) for line in s.text.split("\n") if line]
            )
        ]
        for d in disclosures
    ]

    def baseline() -> None:
        govbudget.check(doc, exclude=["narrative"])

    def full() -> None:
        narrative_rules._LAST.clear()
        govbudget.check(doc)

    def sections() -> None:
        for b in blocks:
            build_narrative(b)

    def claims() -> None:
        for d in disclosures:
            extract_claims(d.narrative or "")

    def analyse_all() -> None:
        for d in disclosures:
            narrative_rules._LAST.clear()
            narrative_rules.analyse(d)

    full()  # warm the catalogues and caches of every rule once
    chars = sum(len(s.text) for d in disclosures for s in d.narrative or ())
    print(f"seed: {len(disclosures)} disclosures, {chars} narrative characters, {repeat} runs each")
    base, whole = timed_ms(baseline, repeat), timed_ms(full, repeat)
    build = timed_ms(sections, repeat)
    line("baseline check (no narrative rules)", base)
    line("full check", whole)
    line("build_narrative (at load)", build)
    line("extract_claims", timed_ms(claims, repeat))
    line("analyse (claims+quantities+checks)", timed_ms(analyse_all, repeat))
    added = tuple(w - b + s for w, b, s in zip(whole, base, build, strict=True))
    line("added by the narrative", (added[0], added[1]))


if __name__ == "__main__":
    main()
