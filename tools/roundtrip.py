"""Round trips of generated disclosures through JSON and CSV, counted (docs/limits.md).

    python tools/roundtrip.py 10000

draws disclosures from ``govbudget.strategies.disclosures()`` and checks that
``from_json(to_json(doc)) == doc`` and ``from_csv(to_csv(doc)) == table_part(doc)``;
it prints the count every 500 and at the end (also when stopped with Ctrl-C / SIGTERM).
"""

from __future__ import annotations

import signal
import sys
import time

from hypothesis import HealthCheck, given, settings

import govbudget
from govbudget.formats.csvio import from_csv, table_part, to_csv
from govbudget.strategies import disclosures
from govbudget.tables import Disclosure, Document


def main(count: int) -> int:
    done = [0, 0]  # round trips, failures
    start = time.monotonic()

    @settings(max_examples=count, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(disclosures())
    def one(d: Disclosure) -> None:
        doc = Document("generated.txt", (d,), pages=3)
        ok = govbudget.from_json(govbudget.to_json(doc)) == doc and \
            from_csv(to_csv(doc)) == table_part(doc)
        done[0] += 1
        done[1] += not ok
        if done[0] % 500 == 0:
            print(f"  {done[0]} round trips, {done[1]} changed", flush=True)

    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        one()
    except KeyboardInterrupt:
        print("stopped early")
    print(f"{done[0]} generated disclosures through JSON and CSV: {done[1]} changed; "
          f"{time.monotonic() - start:.0f}s")
    return 1 if done[1] else 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
