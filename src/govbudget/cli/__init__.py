"""The ``govbudget`` command: one subcommand module per capability.

Each module in ``COMMANDS`` defines ``register(subparsers)``, which adds its
subcommands and sets ``func`` on them; ``func(args)`` returns the exit status.
Exit statuses: 0 success, 1 a finding (at or above ``--fail-on``) or an unknown code,
2 bad input or usage (an unknown rule id among them), 3 ``check``: nothing could be checked.

>>> from govbudget.cli import build_parser, main
>>> build_parser().parse_args(["tree", "208", "--depth", "1"]).depth
1
>>> main(["tree", "20805", "--depth", "0", "--year", "2023"])
20805 行政事业单位养老支出
0
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["main"]

#: Subcommand modules, in the order ``govbudget --help`` lists them.
COMMANDS = ("check", "extract", "codes", "rules", "convert")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"govbudget: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from govbudget import __version__

    parser = _Parser(
        prog="govbudget",
        description="China's government budget classification and department budget disclosures.",
    )
    parser.add_argument("--version", action="version", version=f"govbudget {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"govbudget.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from govbudget.errors import GovBudgetError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        status: int = args.func(args)
    except GovBudgetError as exc:
        print(f"govbudget: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `govbudget tree 2 | head`
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
