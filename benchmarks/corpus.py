"""The corpus measurement: how well govbudget reads and checks real disclosures.

For every document of ``../shared/corpus`` and ``../shared/samples`` (or the paths given),
prints one line: disclosures, the standard tables typed (of the nine), the standard tables
read and those not read reliably (U-2), the tables not understood (no kind), error and
warning findings, amounts left unverified, the report's status (``checked``, ``partial``,
``nothing_checked``) and seconds to load and check. With ``--errors`` it lists every error
finding (rule, page, where, message, and what is folded into it), which is what is verified
by hand against the page (``tests/test_corpus_findings.py`` keeps the verdicts); with
``--unreadable`` every table not read reliably and why.

    python benchmarks/corpus.py [PATH ...] [--errors] [--unreadable] [--json OUT] [--raw-cache DIR]

``--raw-cache DIR`` keeps each file's raw reading (a pickle keyed by the file's content and
the readers' source) so that work on assembly and rules does not pay for PDF reading again.
Results are quoted in ``docs/accuracy.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
DEFAULT = [SHARED / "corpus", SHARED / "samples"]
SUFFIXES = (".pdf", ".xlsx", ".docx", ".txt")


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.iterdir() if f.suffix.lower() in SUFFIXES))
        elif p.is_file():
            out.append(p)
    return out


def _readers_hash() -> str:
    h = hashlib.sha256()
    for f in sorted((ROOT / "src" / "govbudget" / "readers").rglob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _raw(path: Path, cache: Path | None, key: str) -> Any:
    from govbudget.readers.load import read_raw

    if cache is None:
        return read_raw(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    hit = cache / f"{path.stem}-{digest}-{key}.pickle"
    if hit.exists():
        return pickle.loads(hit.read_bytes())
    raw = read_raw(path)
    cache.mkdir(parents=True, exist_ok=True)
    hit.write_bytes(pickle.dumps(raw))
    return raw


def measure(path: Path, cache: Path | None = None, key: str = "") -> dict[str, Any]:
    """Load and check one document; what the corpus table prints for it."""
    import govbudget
    from govbudget.errors import GovBudgetError
    from govbudget.readers.assemble import assemble
    from govbudget.rules.structure import OPTIONAL_TABLES, REQUIRED_TABLES
    from govbudget.tables import TableKind

    standard = set(REQUIRED_TABLES + OPTIONAL_TABLES)
    started = time.perf_counter()
    try:
        doc = assemble(_raw(path, cache, key)) if path.suffix.lower() != ".json" else \
            govbudget.load(path)
    except GovBudgetError as exc:
        return {"file": path.name, "load_error": str(exc),
                "seconds": round(time.perf_counter() - started, 2)}
    report = govbudget.check(doc)
    seconds = time.perf_counter() - started
    parts = list(doc.walk())
    typed = {t.kind for d in parts for t in d.tables} & standard
    other = sum(1 for d in parts for t in d.tables if t.kind is TableKind.OTHER)
    errors = [f for f in report.findings if f.severity.value == "error"]
    warnings = [f for f in report.findings if f.severity.value == "warning"]
    coverage = report.coverage.disclosures
    return {
        "file": path.name,
        "disclosures": len(parts),
        "standard_typed": len(typed),
        "standard_missing": sorted(k.value for k in standard - typed),
        "not_understood": other,
        "tables_read": sum(len(c.read) for c in coverage),
        "unreadable": [{"disclosure": c.disclosure, "title": n.title, "page": n.page,
                        "reason": n.reason} for c in coverage for n in c.unreadable],
        "unverified": len(report.coverage.unverified),
        "status": report.status.value,
        "errors": len(errors),
        "warnings": len(warnings),
        "seconds": round(seconds, 2),
        "error_findings": [
            {"rule": f.rule, "page": f.location.page, "disclosure": f.location.disclosure,
             "table": f.location.table, "row": f.location.row, "column": f.location.column,
             "message": f.message, "expected": f.expected, "actual": f.actual,
             "also": [c.rule for c in f.consequences] + [f"p{p.page}" for p in f.places]}
            for f in errors
        ],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--errors", action="store_true", help="list every error finding")
    ap.add_argument("--unreadable", action="store_true",
                    help="list every table not read reliably (U-2), with the reason")
    ap.add_argument("--json", type=Path, help="write the results as JSON")
    ap.add_argument("--raw-cache", type=Path, help="cache raw readings here")
    args = ap.parse_args(argv)
    files = _files(args.paths or DEFAULT)
    if not files:
        print(f"no documents found (looked in {', '.join(map(str, args.paths or DEFAULT))})",
              file=sys.stderr)
        return 2
    key = _readers_hash() if args.raw_cache else ""
    results = []
    print(f"{'document':<46} {'parts':>5} {'std/9':>5} {'read':>4} {'unrd':>4} {'other':>5} "
          f"{'errors':>6} {'warns':>5} {'unver':>5} {'status':<15} {'s':>6}")
    for f in files:
        r = measure(f, args.raw_cache, key)
        results.append(r)
        if "load_error" in r:
            print(f"{f.name[:46]:<46} load error: {r['load_error']}")
            continue
        print(f"{f.name[:46]:<46} {r['disclosures']:>5} {r['standard_typed']:>5} "
              f"{r['tables_read']:>4} {len(r['unreadable']):>4} {r['not_understood']:>5} "
              f"{r['errors']:>6} {r['warnings']:>5} {r['unverified']:>5} {r['status']:<15} "
              f"{r['seconds']:>6.1f}", flush=True)
        if args.errors:
            for e in r["error_findings"]:
                where = " / ".join(str(x) for x in (e["table"], e["row"], e["column"]) if x)
                also = f" [+{', '.join(e['also'])}]" if e["also"] else ""
                print(f"    {e['rule']:<6} p{e['page']} {where}: {e['message'][:160]}{also}")
        if args.unreadable:
            for u in r["unreadable"]:
                print(f"    not read reliably: p{u['page']} {u['title']}: {u['reason'][:120]}")
    done = [r for r in results if "load_error" not in r]
    errs = sorted(r["errors"] for r in done)
    median = errs[len(errs) // 2] if errs else 0
    statuses = Counter(r["status"] for r in done)
    print(f"\n{len(results)} documents, {len(results) - len(done)} not loaded; "
          f"{sum(errs)} errors (median {median}, max {max(errs, default=0)}), "
          f"{sum(r['warnings'] for r in done)} warnings; "
          f"{sum(r['tables_read'] for r in done)} standard tables read, "
          f"{sum(len(r['unreadable']) for r in done)} not read reliably, "
          f"{sum(r['not_understood'] for r in done)} not understood; "
          f"status {dict(sorted(statuses.items()))}; "
          f"{sum(r['seconds'] for r in results):.1f} s")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
