"""Benchmark: loading (and checking) the seed disclosure, against bare tokenising.

Each tree is measured in a fresh subprocess, imports excluded:

* *tokenise* — ``read_text`` alone: splitting the text export into raw grids and
  paragraphs, the floor any loader of this text pays;
* *example* — ``govbudget.example()``: read the bundled seed and assemble its two
  disclosures (tables, columns, rows, narrative, performance tables);
* *check* — ``govbudget.check(doc)`` on the loaded seed;
* *example+check* — both, the figure issue 4's 30 ms target is about.

The first call (catalogues and indexes built on first use) is reported apart; the
other figures are the median and best of ``--repeat`` runs after it, in ``--rounds``
fresh processes, as wall time and as CPU time of the process (``process_time``, less
moved by other jobs on a shared machine).

    python benchmarks/bench_load.py [--repeat N] [--rounds N] [--rev GIT_REV ...]

``--rev`` also measures the package as committed at a git revision (exported with
``git archive`` into a temporary folder), so an old code path is timed in the same
run, on the same machine load, as the working tree.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r"""
import json, sys, time
repeat = int(sys.argv[1])
import govbudget
from importlib import resources
from govbudget.readers.text import read_text
from govbudget.readers.load import EXAMPLE

text = resources.files("govbudget.examples").joinpath(EXAMPLE).read_text("utf-8")
out = {}

def timed(name, fn):
    w, c = time.perf_counter(), time.process_time()
    result = fn()
    out.setdefault(name, []).append((time.perf_counter() - w, time.process_time() - c))
    return result

doc = timed("first example", govbudget.example)
timed("first check", lambda: govbudget.check(doc))
for _ in range(repeat):  # interleaved, so a change of machine load hits every measure alike
    timed("tokenise", lambda: read_text(text))
    timed("example", govbudget.example)
    timed("check", lambda: govbudget.check(doc))
    timed("example+check", lambda: govbudget.check(govbudget.example()))
print(json.dumps(out))
"""

MEASURES = ("tokenise", "example", "check", "example+check", "first example", "first check")


def measure(src: Path, repeat: int) -> dict[str, list[list[float]]]:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, "-c", CHILD, str(repeat)], check=True,
                         capture_output=True, text=True, env=env, cwd=str(src))
    result: dict[str, list[list[float]]] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def export(rev: str, into: Path) -> Path:
    """The ``src`` tree of a git revision, unpacked under ``into``."""
    data = subprocess.run(["git", "archive", "--format=tar", rev, "src"], check=True,
                          capture_output=True, cwd=str(ROOT)).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _row(label: str, times: list[list[float]]) -> str:
    wall = sorted(w * 1000 for w, _ in times)
    cpu = sorted(c * 1000 for _, c in times)
    return (f"  {label:<15} wall median {wall[len(wall) // 2]:7.2f}  best {wall[0]:7.2f}   "
            f"CPU median {cpu[len(cpu) // 2]:7.2f}  best {cpu[0]:7.2f}  (ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs of each measure per round")
    parser.add_argument("--rounds", type=int, default=3,
                        help="fresh processes per tree, the trees taking turns")
    parser.add_argument("--rev", action="append", default=[],
                        help="also measure the package at this git revision (e.g. HEAD)")
    args = parser.parse_args()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before: {load}; {args.rounds} rounds × {args.repeat} runs per tree")
    trees: list[tuple[str, Path]] = [("working tree", ROOT / "src")]
    results: dict[str, dict[str, list[list[float]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rev in args.rev:
            trees.append((f"git {rev}", export(rev, Path(tmp) / rev.replace("/", "_"))))
        for _ in range(args.rounds):
            for label, src in trees:
                for key, times in measure(src, args.repeat).items():
                    results.setdefault(label, {}).setdefault(key, []).extend(times)
    for label, _src in trees:
        print(label)
        for key in MEASURES:
            print(_row(key, results[label][key]))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average after: {load}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
