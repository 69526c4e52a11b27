"""Build src/govbudget/data/ from the shared catalogue sources (never edit the output by hand).

    python tools/build_catalog.py [--source ../shared/catalog] [--out src/govbudget/data] [--check]

Reads ``catalog/2023/*.csv`` (the base edition), ``catalog/changes.csv`` and, to close a
parent chain that a change leaves open, the codes a revision notice *references* in
``catalog/observed/revisions_observed.csv``. Writes one TSV per scheme (2023 rows, in code
order), ``changes.tsv``, ``economic_mapping.tsv`` and ``manifest.json`` (source, editions,
row counts per level per edition, sha256 of each source and output file). Every derived
edition is checked: unique codes, levels matching lengths, every parent present, names NFC.
``--check`` compares with the files in ``--out`` instead of writing; exit 1 on a difference.
The ``review/`` rows (the compilations disagreed) are not shipped.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import unicodedata
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from govbudget.codes.editions import (  # noqa: E402
    BASE_EDITION,
    BUNDLED_EDITIONS,
    Change,
    Row,
    derive_rows,
)
from govbudget.codes.entries import LEVELS, Scheme  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "catalog"
DEFAULT_OUT = ROOT / "src" / "govbudget" / "data"

#: scheme → source file of the base edition
SOURCES = {
    Scheme.FUNCTIONAL: "functional.csv",
    Scheme.ECONOMIC: "economic_department.csv",
    Scheme.GOVERNMENT_ECONOMIC: "economic_government.csv",
    Scheme.REVENUE: "revenue.csv",
}
NOTICE = (
    "strong reference, not the official text: no machine-readable copy of the Ministry of "
    "Finance's 政府收支分类科目 was available; rows are kept where two independent "
    "compilations agreed or a published document settled them"
)


class BuildError(Exception):
    pass


def _name(value: str, where: str) -> str:
    name = unicodedata.normalize("NFC", value).strip()
    if not name or any(ch.isspace() for ch in name):
        raise BuildError(f"{where}: bad name {value!r}")
    return name


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_base(source: Path, scheme: Scheme) -> dict[str, Row]:
    rows: dict[str, Row] = {}
    path = source / str(BASE_EDITION) / SOURCES[scheme]
    for n, r in enumerate(_read_csv(path), start=2):
        where = f"{path.name}:{n}"
        code = r["code"].strip()
        if not code.isdigit() or len(code) not in scheme.lengths:
            raise BuildError(f"{where}: bad {scheme.value} code {code!r}")
        if Scheme.for_code(code) is not scheme:
            raise BuildError(f"{where}: code {code} does not belong to {scheme.value}")
        if LEVELS[len(code)] != r["level"].strip():
            raise BuildError(f"{where}: level {r['level']!r} does not match {code}")
        if r["provenance"] not in ("observed", "compiled"):
            raise BuildError(f"{where}: bad provenance {r['provenance']!r}")
        if code in rows:
            raise BuildError(f"{where}: duplicate code {code}")
        rows[code] = (_name(r["name"], where), r["provenance"])  # type: ignore[assignment]
    return {c: rows[c] for c in sorted(rows)}


def read_changes(source: Path) -> list[Change]:
    out: list[Change] = []
    for n, r in enumerate(_read_csv(source / "changes.csv"), start=2):
        where = f"changes.csv:{n}"
        code = r["code"].strip()
        scheme = Scheme.for_code(code)
        if scheme is None or len(code) not in scheme.lengths:
            raise BuildError(f"{where}: bad code {code!r}")
        kind = r["change"].strip()
        if kind not in ("added", "renamed", "removed"):
            raise BuildError(f"{where}: bad change {kind!r}")
        old = _name(r["old_name"], where) if r["old_name"].strip() else ""
        new = _name(r["new_name"], where) if r["new_name"].strip() else ""
        if (kind != "added" and not old) or (kind != "removed" and not new):
            raise BuildError(f"{where}: {kind} needs its names")
        year, earliest = int(r["year"]), int(r["earliest"])
        if earliest > year:
            raise BuildError(f"{where}: earliest {earliest} after year {year}")
        source_note = " ".join(r["source"].split())
        out.append(Change(year, earliest, scheme, code, kind, old, new,  # type: ignore[arg-type]
                          r["provenance"], source_note))  # type: ignore[arg-type]
    return out


def close_parents(source: Path, base: dict[Scheme, dict[str, Row]],
                  changes: list[Change]) -> list[Change]:
    """Add the parent a revision notice references when an added code lacks one.

    The notice shows the parent exists in its edition; when it first did is unknown, so the
    addition gets the notice's year and the widest window (``earliest`` = first edition).
    """
    referenced = {
        r["code"]: r for r in _read_csv(source / "observed" / "revisions_observed.csv")
        if r["action"].strip() == "referenced"
    }
    extra: list[Change] = []
    for c in changes:
        if c.kind != "added":
            continue
        parent = c.code[:-2] if len(c.code) > 3 else None
        known = base[c.scheme].keys() | {
            d.code for d in changes + extra if d.kind == "added" and d.year <= c.year
        }
        if parent is None or parent in known:
            continue
        ref = referenced.get(parent)
        if ref is None:
            raise BuildError(f"added code {c.code} ({c.year}) has no parent {parent}")
        extra.append(Change(int(ref["edition"]), BUNDLED_EDITIONS[0], c.scheme, parent,
                            "added", "", _name(ref["name"], "revisions_observed.csv"),
                            "observed", f"{ref['sources']} (referenced by the notice)"))
    return sorted(changes + extra, key=lambda c: (c.year, c.code))


def check_edition(scheme: Scheme, year: int, rows: Mapping[str, Row]) -> None:
    for code, (name, _) in rows.items():
        if len(code) > 3 and code[:-2] not in rows:
            raise BuildError(f"{scheme.value} {year}: {code} {name} has no parent")
        if unicodedata.normalize("NFC", name) != name:
            raise BuildError(f"{scheme.value} {year}: {code} name not NFC")


def _counts(rows: Mapping[str, Row]) -> dict[str, object]:
    by_level: dict[str, int] = {}
    prov: dict[str, int] = {}
    for code, (_, p) in rows.items():
        by_level[LEVELS[len(code)]] = by_level.get(LEVELS[len(code)], 0) + 1
        prov[p] = prov.get(p, 0) + 1
    return {"rows": len(rows), "by_level": by_level, "provenance": prov}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(source: Path) -> dict[str, bytes]:
    """The output files, name → bytes."""
    base = {s: read_base(source, s) for s in Scheme}
    changes = close_parents(source, base, read_changes(source))
    files: dict[str, bytes] = {}
    editions: dict[str, dict[str, object]] = {}
    for scheme in Scheme:
        head = (f"# {scheme.chinese} ({scheme.value}), edition {BASE_EDITION}: code, name, "
                f"provenance. Generated by tools/build_catalog.py from "
                f"catalog/{BASE_EDITION}/{SOURCES[scheme]}; do not edit.\n")
        body = "".join(f"{c}\t{n}\t{p}\n" for c, (n, p) in base[scheme].items())
        files[f"{scheme.value}.tsv"] = (head + body).encode()
        per_year: dict[str, object] = {}
        own = [c for c in changes if c.scheme is scheme]
        for year in BUNDLED_EDITIONS:
            rows, applied = derive_rows(base[scheme], own, year)
            check_edition(scheme, year, rows)
            per_year[str(year)] = {**_counts(rows), "changes": len(applied)}
        editions[scheme.value] = per_year
    head = ("# Changes between editions: year, earliest, scheme, code, change, old_name, "
            "new_name, provenance, source. Generated by tools/build_catalog.py from "
            "catalog/changes.csv; do not edit.\n")
    body = "".join(
        "\t".join([str(c.year), str(c.earliest), c.scheme.value, c.code, c.kind, c.old_name,
                   c.new_name, c.provenance, c.source]) + "\n"
        for c in changes
    )
    files["changes.tsv"] = (head + body).encode()
    mapping = _read_csv(source / str(BASE_EDITION) / "economic_mapping.csv")
    pairs = sorted({(r["department_code"].strip(), r["unit_kind"].strip(),
                     r["government_code"].strip()) for r in mapping})
    for dept, kind, gov in pairs:
        if dept not in base[Scheme.ECONOMIC] or gov not in base[Scheme.GOVERNMENT_ECONOMIC]:
            raise BuildError(f"economic_mapping: {dept} → {gov} names an unknown code")
        if kind not in ("行政", "事业"):
            raise BuildError(f"economic_mapping: bad unit kind {kind!r}")
    head = ("# 部门预算支出经济分类款 → 政府预算支出经济分类款 by unit kind, edition "
            f"{BASE_EDITION}: department_code, unit_kind, government_code. Generated by "
            "tools/build_catalog.py from catalog/2023/economic_mapping.csv; do not edit.\n")
    files["economic_mapping.tsv"] = (head + "".join(f"{d}\t{k}\t{g}\n" for d, k, g in pairs)
                                     ).encode()
    src_files = [f"{BASE_EDITION}/{SOURCES[s]}" for s in Scheme]
    src_files += [f"{BASE_EDITION}/economic_mapping.csv", "changes.csv",
                  "observed/revisions_observed.csv"]
    manifest = {
        "generator": "tools/build_catalog.py",
        "notice": NOTICE,
        "source": {
            "description": "shared/catalog (see its README.md)",
            "sha256": {f: _sha((source / f).read_bytes()) for f in src_files},
        },
        "base_edition": BASE_EDITION,
        "editions": list(BUNDLED_EDITIONS),
        "partial": "every edition: no bundled edition is the official text; editions other "
                   f"than {BASE_EDITION} are derived from it and the known changes",
        "files": {
            name: {"sha256": _sha(data),
                   "rows": sum(1 for line in data.decode().splitlines()
                               if line and not line.startswith("#"))}
            for name, data in sorted(files.items())
        },
        "base": {s.value: {"source": f"catalog/{BASE_EDITION}/{SOURCES[s]}",
                           **_counts(base[s])} for s in Scheme},
        "changes": {"rows": len(changes),
                    "added_parents": [c.code for c in changes if "referenced" in c.source]},
        "editions_by_scheme": editions,
    }
    files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=1,
                                         sort_keys=True) + "\n").encode()
    return files


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--check", action="store_true", help="compare, do not write")
    args = p.parse_args(argv)
    if not (args.source / "changes.csv").is_file():
        print(f"build_catalog: no catalogue sources in {args.source}", file=sys.stderr)
        return 2
    try:
        files = build(args.source)
    except BuildError as exc:
        print(f"build_catalog: {exc}", file=sys.stderr)
        return 2
    if args.check:
        stale = [n for n, data in files.items()
                 if not (args.out / n).is_file() or (args.out / n).read_bytes() != data]
        for name in stale:
            print(f"build_catalog: {args.out / name} differs from the sources", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    print(f"build_catalog: wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
