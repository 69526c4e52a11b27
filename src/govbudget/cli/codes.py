"""``govbudget code``, ``search`` and ``tree``: the catalogues on the command line.

Exit status 0 on success, 1 for an unknown code (or a search without a match), 2 for a
malformed code or bad usage; errors are one line on stderr.

>>> from govbudget.cli import main
>>> main(["code", "2080101", "--year", "2023"])
2080101 行政运行 (项, functional, edition 2023, observed)
  208 社会保障和就业支出
    20801 人力资源和社会保障管理事务
      2080101 行政运行
0
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from typing import Any

from govbudget.codes import (
    CodeEntry,
    EconomicCode,
    Scheme,
    UnitKind,
    catalogue,
    lookup,
    parse_code,
    resolve_name,
)
from govbudget.errors import InvalidCode, UnknownCode

__all__ = ["entry_json", "register"]


def entry_json(entry: CodeEntry) -> dict[str, Any]:
    """The JSON object of an entry: code, name, level, scheme, edition, provenance, path and
    children (each ``{code, name}``), plus the economic facts for a 3xx code."""
    out: dict[str, Any] = {
        "code": entry.code,
        "name": entry.name,
        "level": entry.level,
        "scheme": entry.scheme.value,
        "edition": entry.edition,
        "provenance": entry.provenance,
        "parent": entry.parent,
        "is_residual": entry.is_residual,
        "path": [{"code": e.code, "name": e.name} for e in entry.path],
        "children": [{"code": e.code, "name": e.name} for e in entry.children],
    }
    if isinstance(entry, EconomicCode):
        nature = entry.nature
        item = entry.controlled_expense
        out["nature"] = None if nature is None else nature.value
        out["controlled_expense"] = None if item is None else item.chinese
        three = entry.three_public_item
        out["three_public_item"] = None if three is None else three.chinese
        out["government_code"] = {k.value: entry.government_code(k) for k in UnitKind}
    return out


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _find(text: str, year: int | None, scheme: str | None) -> CodeEntry:
    try:
        code = parse_code(text)
    except InvalidCode:
        if any(unicodedata.category(ch) == "Lo" for ch in text):  # a printed name
            return resolve_name(text, year=year, scheme=scheme)
        raise
    return lookup(code, year=year, scheme=scheme)


def _describe(entry: CodeEntry) -> list[str]:
    lines = [f"{entry.code} {entry.name} ({entry.level}, {entry.scheme.value}, "
             f"edition {entry.edition}, {entry.provenance})"]
    lines += [f"{'  ' * (i + 1)}{e.code} {e.name}" for i, e in enumerate(entry.path)]
    kids = entry.children
    if kids:
        lines.append(f"children ({len(kids)}):")
        lines += [f"  {e.code} {e.name}" for e in kids]
    if isinstance(entry, EconomicCode):
        if entry.nature is not None:
            lines.append(f"nature: {entry.nature.chinese}")
        if entry.controlled_expense is not None:
            lines.append(f"reported as: {entry.controlled_expense.chinese}"
                         + (" (三公经费)" if entry.three_public_item else ""))
        for kind in UnitKind:
            gov = entry.government_code(kind)
            if gov is not None:
                lines.append(f"government 款 ({kind.value}): {gov}")
    return lines


def _unknown(exc: UnknownCode) -> int:
    print(f"govbudget: {exc}", file=sys.stderr)
    return 1


def cmd_code(args: argparse.Namespace) -> int:
    try:
        entry = _find(args.code, args.year, args.scheme)
    except UnknownCode as exc:
        return _unknown(exc)
    if args.json:
        _print_json(entry_json(entry))
    else:
        print("\n".join(_describe(entry)))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    schemes = list(Scheme) if args.scheme is None else [Scheme.coerce(args.scheme)]
    hits: list[CodeEntry] = []
    for s in schemes:
        hits += catalogue(s, args.year).search(args.text)
    if args.limit is not None:
        hits = hits[: args.limit]
    if args.json:
        _print_json([entry_json(e) for e in hits])
    else:
        for e in hits:
            print(f"{e.code}\t{e.name}\t{e.scheme.value}")
    if not hits:
        print(f"govbudget: no entry matches {args.text!r}", file=sys.stderr)
        return 1
    return 0


def cmd_tree(args: argparse.Namespace) -> int:
    try:
        top = _find(args.code, args.year, args.scheme)
        rows = catalogue(top.scheme, top.edition).descendants(top.code, args.depth)
    except UnknownCode as exc:
        return _unknown(exc)
    for depth, e in rows:
        print(f"{'  ' * depth}{e.code} {e.name}")
    return 0


def _count(text: str) -> int:
    """A ``--depth`` or ``--limit`` value: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more; found {text!r}")
    return value


def register(subparsers: Any) -> None:
    """Add the ``code``, ``search`` and ``tree`` subcommands."""
    schemes = [s.value for s in Scheme]

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--year", type=int, default=None,
                       help="fiscal year of the edition (default: newest bundled)")
        p.add_argument("--scheme", choices=schemes, default=None,
                       help="classification scheme (default: from the first digit)")

    p = subparsers.add_parser("code", help="show a classification code with its path")
    p.add_argument("code", help="a code in any printed form (2080505, 208-05-05, [208]) or a name")
    common(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_code)

    p = subparsers.add_parser("search", help="find codes by name (exact, substring, former)")
    p.add_argument("text")
    common(p)
    p.add_argument("--limit", type=_count, default=None, help="at most N results")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_search)

    p = subparsers.add_parser("tree", help="print the subtree below a code")
    p.add_argument("code")
    p.add_argument("--depth", type=_count, default=None, help="levels below CODE to show")
    common(p)
    p.set_defaults(func=cmd_tree)
