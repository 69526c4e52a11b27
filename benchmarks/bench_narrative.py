"""How much the narrative adds to checking the seed: extraction, binding and rules.

Run: ``python benchmarks/bench_narrative.py``. Prints per-disclosure medians for a
baseline (a bare regex scan of the narrative text for amounts), claim extraction,
and the whole narrative analysis (sections already built by the loader; claims,
quantities and every narrative check). Results are written down, never asserted.
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

import govbudget
from govbudget.narrative import rules as narrative_rules
from govbudget.narrative.claims import extract_claims
from govbudget.narrative.sections import build_narrative

SEED = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "lianchi-hrss-2023-budget.txt"
)
BARE = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:亿元|万元|元|%)")


def median_ms(func: object, repeat: int = 200) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    doc = govbudget.load(SEED)
    disclosures = list(doc.walk())
    texts = [s.text for d in disclosures if d.narrative for s in d.narrative]

    def baseline() -> None:
        for t in texts:
            for _ in BARE.finditer(t):
                pass

    def extract() -> None:
        for d in disclosures:
            assert d.narrative is not None
            extract_claims(d.narrative)

    def sections() -> None:
        for d in disclosures:
            assert d.narrative is not None
            build_narrative(d.narrative.sections and [])

    def analyse_all() -> None:
        for d in disclosures:
            narrative_rules._LAST.clear()
            narrative_rules.analyse(d)

    chars = sum(len(t) for t in texts)
    print(f"seed: {len(disclosures)} disclosures, {chars} narrative characters")
    print(f"baseline bare regex scan      {median_ms(baseline):7.3f} ms")
    print(f"extract_claims                {median_ms(extract):7.3f} ms")
    print(f"analyse (claims+bind+rules)   {median_ms(analyse_all):7.3f} ms")


if __name__ == "__main__":
    main()
