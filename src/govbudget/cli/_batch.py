"""The options ``check`` and ``extract`` share for many files: processes, time limit, cache.

``add_batch_options(parser)`` adds ``--jobs``, ``--timeout``, ``--cache`` and
``--no-cache``; ``run_batch(task, args, paths)`` runs the task with them, drawing a
progress bar on stderr when it is a terminal, and yields each ``Item`` as it is done.

>>> import argparse
>>> p = argparse.ArgumentParser()
>>> add_batch_options(p)
>>> a = p.parse_args(["--jobs", "2", "--no-cache"])
>>> a.jobs, a.cache, a.timeout
(2, None, 600.0)
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from govbudget.batch import Batch, Item, Progress, ResultCache, Task, default_cache_dir

__all__ = ["add_batch_options", "run_batch"]


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes ≥ 1, not {text}")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected seconds > 0, not {text}")
    return value


def add_batch_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", "-j", type=_positive, metavar="N",
                   help="worker processes (default: one per CPU, at most one per file)")
    p.add_argument("--timeout", type=_seconds, default=600.0, metavar="SECONDS",
                   help="stop a file's worker after this long (default 600)")
    p.add_argument("--cache", type=Path, metavar="DIR", default=default_cache_dir(),
                   help="keep results here, keyed by file content and library "
                        "(default: %(default)s)")
    p.add_argument("--no-cache", dest="cache", action="store_const", const=None,
                   help="neither read nor write cached results")


def run_batch(task: Task, args: argparse.Namespace, paths: Sequence[Path]) -> Iterator[Item]:
    """``task`` over ``paths`` with the batch options of ``args``; progress on stderr."""
    jobs = args.jobs or max(1, min(os.cpu_count() or 1, len(paths)))
    cache = ResultCache(args.cache) if args.cache is not None else None
    batch = Batch(task, jobs=jobs, timeout=args.timeout, cache=cache)
    progress = Progress(len(paths))
    try:
        for item in batch.run(paths):
            progress.clear()  # the caller may print: the bar is redrawn under it
            yield item
            progress.advance(item.path.name, cached=item.cached,
                             failed=task.status(item.result) != "checked")
    finally:
        progress.finish()
        for warning in batch.warnings:
            print(f"govbudget: {warning}", file=sys.stderr)
