"""Batch checking at scale: wall time, and the memory of the parent and of the workers.

Builds N paths in a scratch directory from a source of documents, then runs
``govbudget check DIR`` (or ``extract``) in this process through the command's own entry
point, its output sent to a file. Prints the parent's peak RSS (``ru_maxrss`` of this
process), the workers' (the largest child's), and the parent's RSS sampled over the
run, so that a flat line shows memory does not grow with the number of files.

    python benchmarks/bench_batch.py --source corpus --count 1000 [--distinct] [-- ARGS …]
    python benchmarks/bench_batch.py --source seed --count 1000 -- --no-cache --jobs 2

``--source corpus`` cycles over ``../shared/corpus/*.pdf`` (symbolic links, so the same
content repeats and a warm cache answers the repeats); ``--distinct`` copies each file
with a comment appended after ``%%EOF`` instead, so every path has its own content.
``--source seed`` writes the bundled seed text, each copy with its own trailing line.
Arguments after ``--`` go to the command (``--jobs 2 --no-cache``, ``--cache DIR`` …).
Results are quoted in ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import shutil
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def build(directory: Path, source: str, count: int, distinct: bool) -> None:
    if source == "seed":
        text = resources.files("govbudget.examples").joinpath(
            "lianchi-hrss-2023-budget.txt").read_text("utf-8")
        for i in range(count):
            (directory / f"{i:05d}-seed.txt").write_text(f"{text}\n\n（副本 {i}）\n", "utf-8")
        return
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDFs in {CORPUS}")
    for i in range(count):
        src = pdfs[i % len(pdfs)]
        dst = directory / f"{i:05d}-{src.name}"
        if distinct:
            shutil.copyfile(src, dst)
            with dst.open("ab") as f:
                f.write(f"\n% copy {i}\n".encode())
        else:
            dst.symlink_to(src)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    extra = args[args.index("--") + 1:] if "--" in args else []
    args = args[: args.index("--")] if "--" in args else args
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", choices=("corpus", "seed"), default="corpus")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--distinct", action="store_true")
    ap.add_argument("--command", choices=("check", "extract"), default="check")
    ap.add_argument("--keep", type=Path, help="build the paths here and keep them")
    opts = ap.parse_args(args)
    from govbudget.cli import main as cli

    scratch = opts.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    scratch.mkdir(parents=True, exist_ok=True)
    docs = scratch / "docs"
    if not docs.exists():
        docs.mkdir()
        build(docs, opts.source, opts.count, opts.distinct)
    command = [opts.command, str(docs), *extra]
    if opts.command == "extract":
        command += ["-o", str(scratch / "out")]
    samples: list[tuple[float, int]] = []
    stop = threading.Event()
    started = time.perf_counter()

    def sample() -> None:
        while not stop.wait(0.5):
            samples.append((time.perf_counter() - started, _rss_kb()))

    sampler = threading.Thread(target=sample, daemon=True)
    base = _rss_kb()
    sampler.start()
    out = scratch / "output.txt"
    with out.open("w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        status = cli(command)
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"govbudget {' '.join(command)}")
    print(f"{opts.count} paths from {opts.source}{' (distinct)' if opts.distinct else ''}; "
          f"exit status {status}; wall {wall:.1f} s; CPU parent {me.ru_utime + me.ru_stime:.1f} s,"
          f" workers {kids.ru_utime + kids.ru_stime:.1f} s")
    print(f"parent RSS before the run {base / 1024:.1f} MB, peak {me.ru_maxrss / 1024:.1f} MB; "
          f"largest worker peak {kids.ru_maxrss / 1024:.1f} MB")
    if samples:
        marks = [samples[min(len(samples) - 1, len(samples) * k // 10)] for k in range(1, 11)]
        print("parent RSS over the run (s: MB): "
              + ", ".join(f"{t:.0f}: {kb / 1024:.1f}" for t, kb in marks))
    with out.open(encoding="utf-8") as f:
        tail = f.read().split("== summary\n")[-1].splitlines()[:1]
    print("summary: " + (tail[0] if tail else "(none)"))
    if opts.keep is None:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
