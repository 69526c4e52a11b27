"""The fuzzing campaign's short profile: a few dozen inputs per loader, none misbehaving.

The long run (100,000 inputs per loader) is recorded in docs/limits.md.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import fuzz

INPUTS = 24


@pytest.mark.parametrize("target", fuzz.TARGETS)
def test_short_campaign(target: str, tmp_path: Path) -> None:
    run = fuzz.campaign(target, INPUTS, seed=1, out=tmp_path, generated=3)
    assert sum(run.counts.values()) == INPUTS
    others = [line for line in run.details if line.startswith("other")]
    assert run.counts["other"] == 0, others
    assert run.counts["documented"] > 0  # the mutations do break the inputs


def test_an_input_is_made_again_from_its_number() -> None:
    pool = [b"\\tA\\n\\tB\\n"]
    assert fuzz.make_input("text", pool, 7, 0) == fuzz.make_input("text", pool, 7, 0)


def _seed_csv_lines() -> list[str]:
    import govbudget
    from govbudget.formats.csvio import to_csv

    return to_csv(govbudget.example()).splitlines(keepends=True)


def test_csv_mutations_never_break_the_input_maker() -> None:
    """A cell set on a line already cut short raised IndexError in the maker (the csv
    target's campaign stopped on it)."""
    import fuzz_inputs as fi

    lines = _seed_csv_lines()[:4]
    for seed in range(1000):
        fi.mutate_csv(random.Random(seed), "".join(lines))


def test_csv_mutations_stop_past_the_size_limit() -> None:
    """A 10,000-character cell on a line repeated 10,000 times made a 100 MB input that
    exhausted the worker's memory before the loader saw it; the maker now stops just past
    the reader's limit, so such an input is still refused by its size."""
    import fuzz_inputs as fi

    from govbudget.formats.csvio import MAX_CSV_BYTES

    header, line = _seed_csv_lines()[:2]
    long_line = line.rstrip("\r\n") + ",\"" + "2" * 10_000 + "\"\r\n"
    sizes = [len(fi.mutate_csv(random.Random(seed), header + long_line * 3).encode())
             for seed in range(40)]
    assert max(sizes) <= fi.CSV_BYTES + 2**20
    assert any(s > MAX_CSV_BYTES for s in sizes)  # the cut inputs still pass the limit


def test_pdf_mutations_stop_past_the_size_limit() -> None:
    """An 8.7 KB text object repeated 200,000 times made a 1.7 GB input that exhausted the
    worker's memory before the loader saw it (c021ddb, seed 4); the repetition now stops
    just past the reader's 50 MB limit, so such an input is still refused by its size."""
    import fuzz_inputs as fi

    from govbudget import limits

    line = b"BT /F1 9 Tf 40 800 Td (" + b"?" * 8_700 + b") Tj ET"
    assert len(fi._repeated(line, 200_000)) <= fi.PDF_BYTES + len(line)
    assert len(fi._repeated(line, 200_000)) > limits.MAX_PDF_BYTES
    assert fi._repeated(b"ab", 3) == b"ababab"


def test_office_repetition_stops_past_its_room() -> None:
    """A sheet's 20 KB row repeated 5,000 times, twice, made a 465 MB workbook that the
    worker could not build (xlsx seed 9, input 6638 on d66dce0)."""
    import random

    import fuzz_inputs as fi

    row = b'<row r="1"><c><v>' + b"9" * 20_000 + b"</v></c></row>"
    sheet = b"<sheetData>" + row * 3 + b"</sheetData>"
    edit = fi._replace_some(rb"<row [^>]*>.*?</row>", fi._repeat_match(5000))
    once = edit(random.Random(1), sheet)
    assert fi.OFFICE_XML_BYTES - 2 * len(row) < len(once) <= fi.OFFICE_XML_BYTES
    assert edit(random.Random(2), once) == once  # no room left: the row stays as it is


def test_every_limit_is_documented() -> None:
    """docs/limits.md names every limit of ``govbudget.limits`` (its default, how to raise
    it and its error are in the same row)."""
    from govbudget import limits

    doc = (Path(__file__).resolve().parents[1] / "docs" / "limits.md").read_text("utf-8")
    missing = [n for n in limits.__all__ if n.startswith("MAX_") and f"limits.{n}`" not in doc]
    assert missing == []
