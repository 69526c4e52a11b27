"""``govbudget rules`` lists every rule; ``govbudget schema`` prints the JSON Schema.

>>> import contextlib, io, json
>>> from govbudget.cli import main
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["rules", "--json"])
>>> status, sorted(json.loads(out.getvalue())[0])
(0, ['id', 'severity', 'source', 'statement'])
"""

from __future__ import annotations

import argparse
import json
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("rules", help="list every built-in rule")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_rules)
    s = sub.add_parser("schema", help="print the JSON Schema of govbudget's JSON format")
    s.set_defaults(func=run_schema)


def run_rules(args: argparse.Namespace) -> int:
    from govbudget.rules import REGISTRY

    rules = [{"id": r.id, "severity": r.severity.value, "statement": r.statement,
              "source": r.source} for r in REGISTRY]
    if args.json:
        print(json.dumps(rules, ensure_ascii=False, indent=2))
    else:
        for r in rules:
            print(f"{r['id']:<7} {r['severity']:<8} {r['statement']}  [{r['source']}]")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from govbudget.formats.schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0
