"""``govbudget rules [ID …]`` lists the rules or shows some in full; ``govbudget schema``
prints the JSON Schema of documents (``--report``: of the JSON report).

>>> import contextlib, io, json
>>> from govbudget.cli import main
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["rules", "--json"])
>>> status, sorted(json.loads(out.getvalue())[0])
(0, ['aliases', 'family', 'id', 'severity', 'source', 'statement'])
"""

from __future__ import annotations

import argparse
import json
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "rules", help="list the built-in rules, or show some in full",
        description="Without ID: every rule, one line each. With rule ids or families: each "
                    "rule's statement, source, what it reads and an example finding.")
    p.add_argument("ids", nargs="*", metavar="ID", help="rule ids or families (commas allowed)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_rules)
    s = sub.add_parser("schema", help="print the JSON Schema of govbudget's JSON format")
    s.add_argument("--report", action="store_true",
                   help="the schema of the JSON report (check --format json) instead")
    s.set_defaults(func=run_schema)


def run_rules(args: argparse.Namespace) -> int:
    from govbudget.rules import REGISTRY

    if args.ids:
        chosen = REGISTRY.select(REGISTRY.names(args.ids))  # UnknownRule: exit 2
        return _show(chosen, args.json)
    rules = [_summary(r) for r in REGISTRY]
    if args.json:
        print(json.dumps(rules, ensure_ascii=False, indent=2))
    else:
        for r in rules:
            print(f"{r['id']:<7} {r['severity']:<8} {r['statement']}  [{r['source']}]")
    return 0


def _summary(r: Any) -> dict[str, Any]:
    return {"id": r.id, "severity": r.severity.value, "family": r.family,
            "statement": r.statement, "source": r.source, "aliases": list(r.aliases)}


def _show(rules: list[Any], as_json: bool) -> int:
    from govbudget.cli.explain import describe, describe_lines

    infos = [describe(r.id) for r in rules]
    if as_json:
        print(json.dumps(infos, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join("\n".join(describe_lines(i)) for i in infos))
    return 0


def run_schema(args: argparse.Namespace) -> int:
    if args.report:
        from govbudget.rules.report_schema import report_schema

        schema = report_schema()
    else:
        from govbudget.formats.schema import json_schema

        schema = json_schema()
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0
