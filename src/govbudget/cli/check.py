"""``govbudget check``: load documents, run every rule, print the report.

Exit status: 0 when nothing at or above ``--fail-on`` was found, 1 when something
was, 2 when a file could not be loaded (the others are still checked), 3 when a document
gave nothing to check (``ReportStatus.NOTHING_CHECKED``: never "clean").

>>> import contextlib, io, json
>>> from govbudget.cli import main
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["check", "--example", "--format", "json", "--fail-on", "never"])
>>> status, json.loads(out.getvalue())["documents"][0]["disclosures"][0]["code"]
(0, '323')
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="check disclosures against every budget rule")
    p.add_argument("files", nargs="*", metavar="FILE", help=".txt, .docx, .xlsx, .pdf or .json")
    p.add_argument("--example", action="store_true", help="check the bundled seed disclosure")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--fail-on", choices=("error", "warning", "never"), default="error")
    p.add_argument("--select", action="append", metavar="RULE", help="run only these rules or families")
    p.add_argument("--exclude", action="append", metavar="RULE", help="skip these rules or families")
    p.set_defaults(func=run)


def _check_one(source: str, select: list[str] | None, exclude: list[str] | None) -> dict[str, Any]:
    """Load and check one document; a picklable result for the process pool."""
    import govbudget
    from govbudget.errors import GovBudgetError

    try:
        doc = govbudget.example() if source == "<example>" else govbudget.load(source)
    except GovBudgetError as exc:
        return {"source": source, "error": str(exc)}
    report = govbudget.check(doc, select=select, exclude=exclude)
    return {
        "source": doc.source if source == "<example>" else source,
        "disclosures": [
            {"scope": d.scope.value, "code": d.code, "name": d.name, "year": d.year,
             "unit": d.unit.value, "tables": [t.title or t.name for t in d.tables]}
            for d in doc.walk()
        ],
        "findings": report.to_dict()["findings"],
        "summary": report.summary(),
        "status": report.status.value,
        "exit_code": report.status.exit_code,
        "text": report.to_text(),
    }


def run(args: argparse.Namespace) -> int:
    sources = list(args.files)
    if args.example or not sources:
        if not args.example and not sources:
            print("govbudget: give FILE … or --example", file=sys.stderr)
            return 2
        sources.insert(0, "<example>")
    results = _run_all(sources, args.select, args.exclude)
    status = 0
    threshold = {"error": ("error",), "warning": ("error", "warning"), "never": ()}[args.fail_on]
    for r in results:
        if "error" in r:
            status = 2
        elif status == 0 and any(f["severity"] in threshold for f in r["findings"]):
            status = 1
    if status == 0:  # nothing found: but a document where nothing could be checked is not clean
        status = next((r["exit_code"] for r in results if r.get("exit_code")), 0)
    if args.format == "json":
        docs = [{k: v for k, v in r.items() if k != "text"} for r in results]
        print(json.dumps({"documents": docs}, ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(f"== {r['source']}")
            print(r.get("text") or f"cannot load: {r['error']}")
    for r in results:
        if "error" in r:
            print(f"govbudget: {r['error']}", file=sys.stderr)
    return status


def _run_all(sources: list[str], select: list[str] | None,
             exclude: list[str] | None) -> list[dict[str, Any]]:
    if len(sources) == 1:
        return [_check_one(sources[0], select, exclude)]
    workers = min(len(sources), os.cpu_count() or 1)
    results: list[dict[str, Any]] = []
    show = sys.stderr.isatty()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_check_one, s, select, exclude) for s in sources]
        for i, fut in enumerate(futures, start=1):
            results.append(fut.result())
            if show:
                bar = "#" * (20 * i // len(futures))
                print(f"\r[{bar:<20}] {i}/{len(futures)}", end="", file=sys.stderr, flush=True)
    if show:
        print(file=sys.stderr)
    return results
