"""Integrity of the bundled catalogue data, edition by edition, and its reproducibility."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import skip_without_shared
from govbudget.codes import BUNDLED_EDITIONS, Scheme, catalogue, changes
from govbudget.codes.editions import BASE_EDITION, DATA_DIR
from govbudget.codes.entries import LEVELS

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = json.loads((Path(DATA_DIR) / "manifest.json").read_text(encoding="utf-8"))
EDITIONS = [(s, y) for s in Scheme for y in BUNDLED_EDITIONS]

#: rows per level per edition, pinned: a change here must be a reviewed data change
PINNED = {
    Scheme.FUNCTIONAL: {
        2018: (28, 244, 1204), 2019: (29, 249, 1281), 2020: (30, 251, 1297),
        2021: (30, 251, 1295), 2022: (30, 251, 1295), 2023: (30, 251, 1295),
        2024: (30, 253, 1301), 2025: (30, 255, 1302), 2026: (30, 265, 1325),
    },
    Scheme.ECONOMIC: {y: (10, 101 if y == 2026 else 100) for y in BUNDLED_EDITIONS},
    Scheme.GOVERNMENT_ECONOMIC: {y: (15, 64 if y == 2026 else 63) for y in BUNDLED_EDITIONS},
    Scheme.REVENUE: {
        **{y: (5, 43) for y in range(2018, 2024)},
        2024: (5, 44, 2), 2025: (5, 44, 3), 2026: (5, 44, 3),
    },
}


@pytest.mark.parametrize(("scheme", "year"), EDITIONS, ids=lambda v: str(getattr(v, "value", v)))
def test_edition_integrity(scheme: Scheme, year: int) -> None:
    cat = catalogue(scheme, year)
    codes = cat.codes()
    assert len(codes) == len(set(codes)) == len(cat)
    assert codes == sorted(codes), "rows are in code (depth-first) order"
    for e in cat:
        assert e.scheme is scheme and e.edition == year
        assert e.code.isdigit() and len(e.code) in scheme.lengths
        assert e.code[0] == scheme.lead_digit
        assert e.level == LEVELS[len(e.code)]
        assert e.parent is None or e.parent in cat, f"{e.code} has no parent"
        assert e.name == unicodedata.normalize("NFC", e.name) and e.name.strip() == e.name
        assert e.provenance in ("observed", "compiled")
        assert isinstance(e, scheme.entry_type)


@pytest.mark.parametrize(("scheme", "year"), EDITIONS, ids=lambda v: str(getattr(v, "value", v)))
def test_pinned_row_counts(scheme: Scheme, year: int) -> None:
    cov = catalogue(scheme, year).coverage
    assert tuple(n for _, n in cov.by_level) == PINNED[scheme][year]
    assert cov.rows == sum(PINNED[scheme][year])
    assert cov.observed + cov.compiled == cov.rows and cov.user == 0
    assert cov.partial and "not the official text" in cov.partial_reason
    counted = MANIFEST["editions_by_scheme"][scheme.value][str(year)]
    assert counted["rows"] == cov.rows and counted["by_level"] == cov.levels
    assert counted["changes"] == len(cov.changes)


def test_base_counts_match_catalog_readme() -> None:
    # catalog/README.md: 1,576 (30 类, 251 款, 1,295 项), 753 observed; 110; 78; 48
    cov = catalogue(Scheme.FUNCTIONAL, BASE_EDITION).coverage
    assert (cov.rows, cov.observed, cov.levels) == (1576, 753, {"类": 30, "款": 251, "项": 1295})
    assert len(catalogue(Scheme.ECONOMIC, 2023)) == 110
    assert len(catalogue(Scheme.GOVERNMENT_ECONOMIC, 2023)) == 78
    assert len(catalogue(Scheme.REVENUE, 2023)) == 48


def test_changes_are_consistent_with_the_editions() -> None:
    for ch in changes():
        assert ch.earliest <= ch.year
        after = ch.year if ch.year in BUNDLED_EDITIONS else None
        before = ch.year - 1 if ch.year - 1 in BUNDLED_EDITIONS else None
        if after is not None:
            cat = catalogue(ch.scheme, after)
            if ch.kind == "removed":
                assert ch.code not in cat
            else:
                assert cat.lookup(ch.code).name == ch.new_name
        if before is not None:
            cat = catalogue(ch.scheme, before)
            if ch.kind == "added":
                assert ch.code not in cat
            else:
                assert cat.lookup(ch.code).name == ch.old_name


def test_manifest_describes_the_files() -> None:
    import hashlib

    assert MANIFEST["editions"] == list(BUNDLED_EDITIONS)
    assert MANIFEST["base_edition"] == BASE_EDITION
    assert "not the official text" in MANIFEST["notice"]
    for name, info in MANIFEST["files"].items():
        data = (Path(DATA_DIR) / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == info["sha256"], name
    assert set(MANIFEST["files"]) == {p.name for p in Path(DATA_DIR).iterdir()} - {"manifest.json"}


def test_bundled_files_are_what_the_script_builds(shared: Path, tmp_path: Path) -> None:
    source = shared / "catalog"
    skip_without_shared(source / "changes.csv")
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_catalog.py"), "--source", str(source),
         "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    built = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    bundled = {p.name: p.read_bytes() for p in Path(DATA_DIR).iterdir()}
    assert built.keys() == bundled.keys()
    for name in built:
        assert built[name] == bundled[name], f"{name} is stale: run tools/build_catalog.py"
