"""``govbudget extract``: the disclosures of many documents as long tables (Parquet or CSV).

Writes ``documents``, ``disclosures``, ``tables``, ``cells``, ``claims`` and
``findings`` files into the ``-o`` directory (``docs/dataset.md``). Exit status: 0, or
2 when a file could not be read (its ``documents`` row says why; the others are written).

>>> import contextlib, csv, io, pathlib, tempfile
>>> from importlib import resources
>>> from govbudget.cli import main
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = (tmp / "seed.txt").write_text(resources.files("govbudget.examples").joinpath(
...     "lianchi-hrss-2023-budget.txt").read_text("utf-8"), "utf-8")
>>> with contextlib.redirect_stdout(io.StringIO()):
...     status = main(["extract", str(tmp / "seed.txt"), "-o", str(tmp / "out"), "--to", "csv",
...                    "--no-cache"])
>>> status
0
>>> [r["disclosure_code"] for r in csv.DictReader(open(tmp / "out" / "disclosures.csv"))]
['323', '323001']
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from govbudget.cli._batch import add_batch_options, run_batch

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("extract", help="write the disclosures of documents as long tables")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="documents, directories of documents, or glob patterns")
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="the directory to write the tables into (replaced files)")
    p.add_argument("--to", choices=("parquet", "csv"), default="parquet",
                   help="file format (parquet needs: pip install 'govbudget[dataset]')")
    p.add_argument("--select", action="append", metavar="RULE",
                   help="run only these rules or families for the findings table")
    p.add_argument("--exclude", action="append", metavar="RULE",
                   help="skip these rules or families for the findings table")
    add_batch_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govbudget.batch import EXTRACT, BatchSummary, expand
    from govbudget.dataset import DatasetWriter

    sources = expand(args.files)
    if not sources:
        print(f"govbudget: no documents in {' '.join(args.files)}", file=sys.stderr)
        return 2
    task = EXTRACT.with_params(select=args.select, exclude=args.exclude)
    summary = BatchSummary()
    status = 0
    with DatasetWriter(args.output, to=args.to) as writer:
        for item in run_batch(task, args, sources):
            writer.add(item.result)
            (doc,) = item.result["documents"]
            summary.add(str(item.path), {"status": doc["status"], "error": doc["error"],
                                         "report": {"findings": item.result["findings"]}},
                        cached=item.cached)
            if doc["status"] == "failed":
                status = 2
                print(f"govbudget: {doc['error']}", file=sys.stderr)
    print(summary.to_text())
    print("wrote " + ", ".join(f"{writer.final_path(t)} ({n} rows)"
                               for t, n in writer.counts.items()))
    return status
