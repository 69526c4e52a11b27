"""The fuzzing campaign's short profile: a few dozen inputs per loader, none misbehaving.

The long run (100,000 inputs per loader) is recorded in docs/limits.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import fuzz

INPUTS = 24


#: the PDF reader's robustness is being rebuilt on pypdfium2 by the pdf stream (issue 14):
#: until it lands, the pdfplumber reader breaches the CPU and memory limits on these inputs
PDF_PENDING = pytest.mark.xfail(reason="PDF reader rewrite pending (issue 14, pdf stream)",
                                strict=False)


@pytest.mark.parametrize("target", [pytest.param(t, marks=PDF_PENDING) if t == "pdf" else t
                                    for t in fuzz.TARGETS])
def test_short_campaign(target: str, tmp_path: Path) -> None:
    run = fuzz.campaign(target, INPUTS, seed=1, out=tmp_path, generated=3)
    assert sum(run.counts.values()) == INPUTS
    others = [line for line in run.details if line.startswith("other")]
    assert run.counts["other"] == 0, others
    assert run.counts["documented"] > 0  # the mutations do break the inputs


def test_an_input_is_made_again_from_its_number() -> None:
    pool = [b"\\tA\\n\\tB\\n"]
    assert fuzz.make_input("text", pool, 7, 0) == fuzz.make_input("text", pool, 7, 0)
