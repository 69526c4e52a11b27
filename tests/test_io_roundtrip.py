"""Round trips of generated disclosures: JSON gives back the same document, CSV its tables.

The number of disclosures drawn is ``GOVBUDGET_ROUNDTRIPS`` (default 20, the CI profile);
docs/limits.md records a run of 10,000:

    GOVBUDGET_ROUNDTRIPS=10000 python -m pytest -q tests/test_io_roundtrip.py
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

import govbudget
from govbudget.formats.csvio import from_csv, table_part, to_csv
from govbudget.strategies import disclosures
from govbudget.tables import Disclosure, Document

EXAMPLES = int(os.environ.get("GOVBUDGET_ROUNDTRIPS", "20"))
ROUNDS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@ROUNDS
@given(disclosures())
def test_generated_disclosures_survive_json_and_csv(d: Disclosure) -> None:
    doc = Document("generated.txt", (d,), pages=3)
    assert govbudget.from_json(govbudget.to_json(doc)) == doc
    back = from_csv(to_csv(doc))
    assert back == table_part(doc)
    # what CSV does not carry, and only that, is gone (docs/formats.md)
    assert all(u.narrative is None and not u.performance for u in back.walk())
