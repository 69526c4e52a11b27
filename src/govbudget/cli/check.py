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
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from govbudget.cli._batch import add_batch_options, run_batch

__all__ = ["EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_NOTHING_CHECKED", "EXIT_USAGE", "register"]

EXIT_CLEAN = 0
#: a finding at or above ``--fail-on``
EXIT_FINDINGS = 1
#: a file that cannot be loaded, or bad usage
EXIT_USAGE = 2
#: a document on which not one check could run
EXIT_NOTHING_CHECKED = 3

#: ``--format`` choices: the text report, the JSON report, records as JSON lines or CSV,
#: one self-contained HTML page
FORMATS = ("text", "json", "records", "csv", "html")
_SEVERITIES = ("error", "warning", "info")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check", help="check disclosures against the budget rules",
        description="Check disclosures against the budget rules. Exit status: 0 nothing at or "
                    "above --fail-on, 1 something was, 2 a file could not be loaded or bad "
                    "usage, 3 nothing could be checked in a document.")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help=".txt, .docx, .xlsx, .pdf or .json; a directory or a glob for every "
                        "document in it")
    p.add_argument("--example", action="store_true", help="check the bundled seed disclosure")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text (default), json (the JSON report), records (one JSON object "
                        "per finding, a line each), csv (the same records) or html (one "
                        "self-contained page; a PDF's pages with the findings boxed)")
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
                   help="the files are one department's: parts of one disclosure published "
                        "as several files (narrative and tables apart) are loaded and checked "
                        "as one document, and a budget with its final account of a year, or "
                        "consecutive years, are also checked as pairs (the rules XD-*)")
    add_batch_options(p)
    p.set_defaults(func=run)


def _result(r: dict[str, Any]) -> dict[str, Any]:
    """A ``govbudget.batch.check_file`` result as the renderers take it (a ``Report``)."""
    from govbudget.batch import report_of

    if r["status"] == "failed":
        return {"source": r["source"], "error": r["error"]}
    return {"source": r["source"], "disclosures": r["disclosures"], "report": report_of(r)}


def _names(values: list[str] | None) -> list[str] | None:
    """``--select`` / ``--exclude`` values as valid names; ``UnknownRule`` (exit 2) otherwise."""
    if values is None:
        return None
    import govbudget.rules

    return govbudget.rules.REGISTRY.names(values)


def run(args: argparse.Namespace) -> int:
    from govbudget.batch import BatchSummary, expand
    from govbudget.rules import Severity

    if args.bom and args.format != "csv":
        print("govbudget: --bom applies to --format csv", file=sys.stderr)
        return EXIT_USAGE
    select, exclude = _names(args.select), _names(args.exclude)
    sources = [str(p) for p in expand(args.files)]
    if not args.example and not sources:
        print("govbudget: give FILE … or --example" if not args.files else
              f"govbudget: no documents in {' '.join(args.files)}", file=sys.stderr)
        return EXIT_USAGE
    if args.example:
        sources.insert(0, "<example>")
    shown = Severity(args.min_severity)
    fail_on = None if args.fail_on == "never" else Severity(args.fail_on)
    summary = BatchSummary()
    status = EXIT_CLEAN
    with _output(args) as out:
        stream = _Stream(args, out, shown)
        for r, raw, cached in _results(args, sources, select, exclude):
            summary.add(r["source"], raw, cached=cached)
            stream.document(r)
            status = max(status, _status(r, fail_on))
            if "error" in r:
                print(f"govbudget: {r['error']}", file=sys.stderr)
        tail = ""
        together = EXIT_CLEAN
        if args.together:
            tail, together = _together(args, sources, stream, fail_on)
        stream.close(summary, tail)
    return max(status, together)


def _results(args: argparse.Namespace, sources: list[str], select: list[str] | None,
             exclude: list[str] | None) -> Iterator[tuple[dict[str, Any], dict[str, Any], bool]]:
    """(result for the renderers, ``check_file`` result, from the cache) for each source."""
    import govbudget
    from govbudget.batch import CHECK, check_document, failed_check
    from govbudget.errors import GovBudgetError

    files = [s for s in sources if s != "<example>"]
    if len(files) < len(sources):
        doc = govbudget.example()
        raw = check_document(doc, source=str(doc.source), select=select, exclude=exclude)
        yield _result(raw), raw, False
    if args.together and len(files) > 1:
        try:
            doc = govbudget.load(files)
        except GovBudgetError as exc:
            raw = failed_check(" + ".join(files), str(exc))
        else:
            raw = check_document(doc, source=str(doc.source), select=select, exclude=exclude)
        yield _result(raw), raw, False
        return
    task = CHECK.with_params(select=select, exclude=exclude)
    for item in run_batch(task, args, [Path(f) for f in files]):
        yield _result(item.result), item.result, item.cached


@contextlib.contextmanager
def _output(args: argparse.Namespace) -> Iterator[TextIO]:
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            yield f
    else:
        yield sys.stdout


class _Stream:
    """The report written one document at a time, so that a batch's memory stays flat; the
    batch summary at the end (text: after the documents; json: ``batch``)."""

    def __init__(self, args: argparse.Namespace, out: TextIO, shown: Any) -> None:
        self.args, self.out, self.shown = args, out, shown
        self.count = 0
        self.together: dict[str, Any] | None = None
        self.nonce = ""

    def document(self, r: dict[str, Any]) -> None:
        fmt = self.args.format
        if fmt == "html":
            if self.count == 0:
                self._html_start()
            self.out.write(_html_document(r, self.count, self.shown))
        elif fmt == "json":
            doc = json.dumps(report_json([r], self.shown)["documents"][0], ensure_ascii=False,
                             indent=2).replace("\n", "\n    ")
            if self.count == 0:
                head = report_json([], self.shown)
                del head["documents"]
                self.out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2]
                               + ',\n  "documents": [')
            self.out.write(("\n    " if self.count == 0 else ",\n    ") + doc)
        else:
            text = _render(self.args, [r], self.shown)
            if fmt == "csv" and self.count > 0:
                text = text.split("\n", 1)[1]  # the header once
            self.out.write(text)
        self.count += 1

    def _html_start(self) -> None:
        import secrets

        from govbudget.rules.render_html import page_start

        self.nonce = secrets.token_hex(12)
        self.out.write(page_start("govbudget 检查报告", self.nonce))

    def close(self, summary: Any, tail: str) -> None:
        fmt = self.args.format
        if fmt == "html":
            from govbudget.rules.render_html import page_end

            if self.count == 0:
                self._html_start()
            self.out.write(page_end(self.nonce))
        elif fmt == "json":
            if self.count == 0:
                head = report_json([], self.shown)
                del head["documents"]
                self.out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2]
                               + ',\n  "documents": [')
            extra = {"batch": summary.to_dict()}
            if self.together is not None:
                extra["together"] = self.together
            rest = json.dumps(extra, ensure_ascii=False, indent=2)[1:-2]
            self.out.write(("\n  ]," if self.count else "],") + rest + "\n}\n")
        elif fmt == "text":
            self.out.write(tail)
            if summary.documents > 1:
                self.out.write(f"== summary\n{summary.to_text()}\n")


def _html_document(r: dict[str, Any], index: int, shown: Any) -> str:
    """One document's section of the HTML report: a PDF's pages re-read for the boxes."""
    from html import escape

    from govbudget.rules.render_html import document_html

    key = f"d{index}"
    if "error" in r:
        return (f"<section class=\"doc\" id=\"{key}\"><div class=\"findings\"><h2>"
                f"{escape(r['source'])}</h2><p>未能读取：{escape(r['error'])}</p></div></section>\n")
    report, source = r["report"], r["source"]
    if not str(source).lower().endswith(".pdf"):
        return document_html(report, source=source, key=key, min_severity=shown)
    from govbudget.errors import GovBudgetError
    from govbudget.rules.render_pages import PdfPages

    try:
        pages = PdfPages(source)
    except GovBudgetError as exc:  # checked, but its pages cannot be shown: say so
        print(f"govbudget: {source}: no page images in the HTML report: {exc}", file=sys.stderr)
        return document_html(report, source=source, key=key, min_severity=shown)
    with pages:
        return document_html(report, source=source, pages=pages, key=key, min_severity=shown)


def _together(args: argparse.Namespace, sources: list[str], stream: _Stream,
              fail_on: Any) -> tuple[str, int]:
    """The pair rules' report (``govbudget.check_together``) on the documents that load,
    as text to add (text format) or as ``together`` in the JSON report; its exit status."""
    import govbudget
    from govbudget.errors import GovBudgetError

    docs = []
    for s in sources:
        try:
            docs.append(govbudget.example() if s == "<example>" else govbudget.load(s))
        except GovBudgetError:
            continue  # reported with the single-document results
    report = govbudget.check_together(*docs)
    text = ""
    if args.format == "json":
        stream.together = report.to_dict()
    elif args.format == "text":
        text = "== together\n" + (report.to_text() if report.outcomes else
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
