"""``govbudget convert FILE --to json|csv|fdp [-o OUT] [--bom]``: a disclosure in another format.

``--bom`` starts the CSV with a UTF-8 byte-order mark, so that Excel on Chinese Windows
reads it as UTF-8 rather than GBK (``from_csv`` accepts either).

>>> import pathlib, tempfile, govbudget
>>> from govbudget.cli import main
>>> seed = pathlib.Path(tempfile.mkdtemp()) / "seed.json"
>>> _ = seed.write_text(govbudget.to_json(govbudget.example()), encoding="utf-8")
>>> main(["convert", str(seed), "--to", "csv", "-o", str(seed.with_suffix(".csv"))])
0
>>> seed.with_suffix(".csv").read_text(encoding="utf-8").split(",")[:4]
['disclosure', 'disclosure_name', 'scope', 'year']
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("convert", help="convert a disclosure to JSON, long CSV or a Fiscal Data Package")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", choices=("json", "csv", "fdp"), required=True)
    p.add_argument("-o", "--output", metavar="OUT", help="file (json, csv) or directory (fdp)")
    p.add_argument("--bom", action="store_true",
                   help="csv: start with a UTF-8 BOM, so that Excel opens it right")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import govbudget

    if args.bom and args.to != "csv":
        print("govbudget: --bom applies to --to csv", file=sys.stderr)
        return 2
    doc = govbudget.load(args.file)
    if args.to == "fdp":
        from govbudget.formats.fdp import to_fiscal_data_package

        out = Path(args.output or Path(args.file).stem + "-fdp")
        print(to_fiscal_data_package(doc, out))
        return 0
    if args.to == "json":
        text = govbudget.to_json(doc, indent=1)
    else:
        from govbudget.formats.csvio import to_csv

        text = to_csv(doc)
        if args.bom:
            text = "\ufeff" + text
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)
    return 0
