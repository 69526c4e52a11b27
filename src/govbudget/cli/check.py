"""``govbudget check``: load documents, run every rule, print the report.

Exit status: 0 when nothing at or above ``--fail-on`` was found, 1 when something
was, 2 when a file could not be loaded (the others are still checked).

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
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from govbudget.cli._batch import add_batch_options, run_batch

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="check disclosures against every budget rule")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help=".txt, .docx, .xlsx, .pdf or .json; a directory or a glob for every "
                        "document in it")
    p.add_argument("--example", action="store_true", help="check the bundled seed disclosure")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--fail-on", choices=("error", "warning", "never"), default="error")
    p.add_argument("--select", action="append", metavar="RULE", help="run only these rules or families")
    p.add_argument("--exclude", action="append", metavar="RULE", help="skip these rules or families")
    add_batch_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govbudget.batch import BatchSummary, expand

    sources = expand(args.files)
    if not args.example and not sources:
        print("govbudget: give FILE … or --example" if not args.files else
              f"govbudget: no documents in {' '.join(args.files)}", file=sys.stderr)
        return 2
    status = 0
    threshold = {"error": ("error",), "warning": ("error", "warning"), "never": ()}[args.fail_on]
    summary = BatchSummary()
    out = _JsonDocuments() if args.format == "json" else None
    for source, r, cached in _results(args, sources):
        summary.add(source, r, cached=cached)
        findings = (r.get("report") or {}).get("findings") or []
        if r["status"] == "failed":
            status = 2
        elif status == 0 and any(f["severity"] in threshold for f in findings):
            status = 1
        if out is not None:
            out.document(_document_json(r))
        else:
            print(f"== {r['source']}")
            print(r.get("text") or f"cannot load: {r['error']}")
            if r["status"] == "not_checked":
                print(f"not checked: {r['error']}")
        if r["status"] == "failed":
            print(f"govbudget: {r['error']}", file=sys.stderr)
    if out is not None:
        out.close(summary.to_dict())
    elif summary.documents > 1:
        print(f"== summary\n{summary.to_text()}")
    return status


def _results(args: argparse.Namespace, sources: list[Path]
             ) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(source, check_file result, from the cache) for the example, then every file."""
    from govbudget.batch import CHECK, check_document

    if args.example:
        import govbudget

        doc = govbudget.example()
        yield str(doc.source), check_document(doc, source=str(doc.source), select=args.select,
                                              exclude=args.exclude), False
    task = CHECK.with_params(select=args.select, exclude=args.exclude)
    for item in run_batch(task, args, sources):
        yield str(item.path), item.result, item.cached


def _document_json(r: dict[str, Any]) -> dict[str, Any]:
    """A result as one entry of ``{"documents": [...]}``."""
    doc: dict[str, Any] = {"source": r["source"], "status": r["status"]}
    if r.get("error"):
        doc["error"] = r["error"]
    report = r.get("report")
    if report is not None:
        doc.update(disclosures=r["disclosures"], findings=report["findings"],
                   summary=report["summary"])
    return doc


class _JsonDocuments:
    """``{"documents": [...], "batch": {...}}`` written one document at a time."""

    def __init__(self) -> None:
        self.first = True
        sys.stdout.write('{\n  "documents": [')

    def document(self, doc: dict[str, Any]) -> None:
        text = json.dumps(doc, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        sys.stdout.write(("\n    " if self.first else ",\n    ") + text)
        self.first = False

    def close(self, batch: dict[str, Any]) -> None:
        text = json.dumps(batch, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        sys.stdout.write(f'{"" if self.first else chr(10) + "  "}],\n  "batch": {text}\n}}\n')
