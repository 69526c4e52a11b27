"""``govbudget check``: load documents, run the rules, print the report.

Exit status (the worst over all files): 2 a file could not be loaded or the command was
misused (an unknown rule id, say; the other files are still checked), 3 a document was
loaded but not one check could run on it (it is not clean: nothing was checked), 1 a
finding at or above ``--fail-on``, 0 otherwise.

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
from pathlib import Path
from typing import Any

__all__ = ["EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_NOTHING_CHECKED", "EXIT_USAGE", "register"]

EXIT_CLEAN = 0
#: a finding at or above ``--fail-on``
EXIT_FINDINGS = 1
#: a file that cannot be loaded, or bad usage
EXIT_USAGE = 2
#: a document on which not one check could run
EXIT_NOTHING_CHECKED = 3

#: ``--format`` choices: the text report, the JSON report, records as JSON lines or CSV
FORMATS = ("text", "json", "records", "csv")
_SEVERITIES = ("error", "warning", "info")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check", help="check disclosures against the budget rules",
        description="Check disclosures against the budget rules. Exit status: 0 nothing at or "
                    "above --fail-on, 1 something was, 2 a file could not be loaded or bad "
                    "usage, 3 nothing could be checked in a document.")
    p.add_argument("files", nargs="*", metavar="FILE", help=".txt, .docx, .xlsx, .pdf or .json")
    p.add_argument("--example", action="store_true", help="check the bundled seed disclosure")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text (default), json (the JSON report), records (one JSON object "
                        "per finding, a line each) or csv (the same records)")
    p.add_argument("-o", "--output", metavar="OUT", help="write the report to OUT, not stdout")
    p.add_argument("--bom", action="store_true", help="csv: start with a UTF-8 BOM (for Excel)")
    p.add_argument("--fail-on", choices=(*_SEVERITIES, "never"), default="error",
                   help="exit 1 when a finding of this severity or worse is found (default error)")
    p.add_argument("--min-severity", choices=_SEVERITIES, default="info",
                   help="show only findings of this severity or worse (default info: all)")
    p.add_argument("--select", action="append", metavar="RULES",
                   help="run only these rule ids or families (comma-separated; repeatable)")
    p.add_argument("--exclude", action="append", metavar="RULES",
                   help="skip these rule ids or families (comma-separated; repeatable)")
    p.add_argument("--coverage", action="store_true",
                   help="text: list why rule runs were skipped")
    quiet = p.add_mutually_exclusive_group()
    quiet.add_argument("-q", "--quiet", action="store_true", help="text: the summary lines only")
    quiet.add_argument("-v", "--verbose", action="store_true",
                       help="text: everything, with the skip reasons and each finding's "
                            "expected and actual values")
    p.add_argument("--together", action="store_true",
                   help="also check the files as pairs (a department's budget and final "
                        "account of a year, consecutive years): the pair rules XD-*")
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
        "report": report,
    }


def _names(values: list[str] | None) -> list[str] | None:
    """``--select`` / ``--exclude`` values as valid names; ``UnknownRule`` (exit 2) otherwise."""
    if values is None:
        return None
    import govbudget.rules

    return govbudget.rules.REGISTRY.names(values)


def run(args: argparse.Namespace) -> int:
    from govbudget.rules import Severity

    if args.bom and args.format != "csv":
        print("govbudget: --bom applies to --format csv", file=sys.stderr)
        return EXIT_USAGE
    select, exclude = _names(args.select), _names(args.exclude)
    sources = list(args.files)
    if args.example or not sources:
        if not args.example and not sources:
            print("govbudget: give FILE … or --example", file=sys.stderr)
            return EXIT_USAGE
        sources.insert(0, "<example>")
    results = _run_all(sources, select, exclude)
    shown = Severity(args.min_severity)
    fail_on = None if args.fail_on == "never" else Severity(args.fail_on)
    text = _render(args, results, shown)
    together = 0
    if args.together:
        text, together = _together(args, sources, text, fail_on)
    _write(args, text)
    for r in results:
        if "error" in r:
            print(f"govbudget: {r['error']}", file=sys.stderr)
    return max(together, *(_status(r, fail_on) for r in results))


def _together(args: argparse.Namespace, sources: list[str], text: str,
              fail_on: Any) -> tuple[str, int]:
    """The report with the pair rules' report added (``govbudget.check_together``), and
    its exit status: the documents that load, checked as pairs (text and json formats)."""
    import govbudget
    from govbudget.errors import GovBudgetError

    docs = []
    for s in sources:
        try:
            docs.append(govbudget.example() if s == "<example>" else govbudget.load(s))
        except GovBudgetError:
            continue  # reported with the single-document results
    report = govbudget.check_together(*docs)
    if args.format == "json":
        data = json.loads(text)
        data["together"] = report.to_dict()
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "text":
        text += "== together\n" + (report.to_text() if report.outcomes else
                                    "no two documents form a pair (one department; its budget and "
                                    "final of a year, or consecutive years)") + "\n"
    found = fail_on is not None and report.at_least(fail_on)
    return text, EXIT_FINDINGS if found else EXIT_CLEAN


def _status(result: dict[str, Any], fail_on: Any) -> int:
    if "error" in result:
        return EXIT_USAGE
    from govbudget.rules.render_coverage import coverage

    report = result["report"]
    if coverage(report).nothing_checked:
        return EXIT_NOTHING_CHECKED
    if fail_on is not None and report.at_least(fail_on):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _render(args: argparse.Namespace, results: list[dict[str, Any]], shown: Any) -> str:
    from govbudget.rules.records import records_csv, records_jsonl, to_records

    if args.format == "json":
        return json.dumps(report_json(results, shown), ensure_ascii=False, indent=2) + "\n"
    if args.format in ("records", "csv"):
        rows = [row for r in results if "report" in r
                for row in to_records(r["report"], document=r["source"])
                if row["severity"] in _at_least(shown)]
        return records_jsonl(rows) if args.format == "records" else records_csv(rows, bom=args.bom)
    parts = []
    for r in results:
        parts.append(f"== {r['source']}")
        if "error" in r:
            parts.append(f"未能读取：{r['error']}")
            continue
        report = r["report"]
        parts.append(report.to_text(min_severity=shown, coverage=args.coverage,
                                    verbose=args.verbose, quiet=args.quiet))
        skipped = any(o.status.value == "skipped" for o in report.outcomes)
        if skipped and not (args.coverage or args.verbose or args.quiet):
            parts.append("（跳过原因：加 --coverage 列出）")
    return "\n".join(parts) + "\n"


def _at_least(severity: Any) -> set[str]:
    from govbudget.rules import Severity

    return {s.value for s in Severity if s.at_least(severity)}


def report_json(results: list[dict[str, Any]], shown: Any = None) -> dict[str, Any]:
    """The JSON report of ``check`` results (``govbudget schema --report`` describes it)."""
    import govbudget
    from govbudget.rules.report_schema import REPORT_FORMAT, REPORT_VERSION

    documents = []
    for r in results:
        if "error" in r:
            documents.append({"source": r["source"], "error": r["error"]})
            continue
        data = r["report"].to_dict()
        if shown is not None:
            keep = _at_least(shown)
            data["findings"] = [f for f in data["findings"] if f["severity"] in keep]
        documents.append({"source": r["source"], "disclosures": r["disclosures"], **data})
    return {"format": REPORT_FORMAT, "version": REPORT_VERSION,
            "govbudget": govbudget.__version__, "documents": documents}


def _write(args: argparse.Namespace, text: str) -> None:
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)

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
