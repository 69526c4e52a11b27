"""Worker processes for a batch (工作进程): files mapped over processes that may die.

``imap_unordered(func, items, jobs=…, timeout=…)`` runs ``func(item)`` in ``jobs``
worker processes and yields a ``Done`` per item as it finishes. A worker that crashes
(a segfault in a parsing library, the kernel's out-of-memory killer) or runs past
``timeout`` seconds on one item is stopped and replaced; that item's ``Done`` says
why it has no value, and the others go on. Workers are replaced after ``max_tasks``
items too, so that what a parsing library leaks does not pile up over thousands of
files, and a worker whose parent dies ends within a second. ``func`` must be picklable (a module-level function or a ``functools.partial``
of one); workers are started with ``spawn``, the same on every platform.

>>> import operator
>>> sorted(d.value for d in imap_unordered(operator.neg, [1, 2, 3], jobs=2))
[-3, -2, -1]
>>> [d.failure for d in imap_unordered(int, ["x"], jobs=1)]
["ValueError: invalid literal for int() with base 10: 'x'"]
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

import attrs

__all__ = ["Done", "imap_unordered"]


@attrs.frozen(slots=True)
class Done:
    """One item done (完成): its index, what ``func`` returned, or why it returned nothing."""

    index: int
    value: Any = None
    failure: str | None = None
    seconds: float = 0.0


def imap_unordered(func: Callable[[Any], Any], items: Iterable[Any], *, jobs: int = 1,
                   timeout: float | None = None, max_tasks: int = 100) -> Iterator[Done]:
    """``func`` over ``items`` in ``jobs`` supervised processes; a ``Done`` per item."""
    ctx = multiprocessing.get_context("spawn")
    todo = iter(enumerate(items))
    workers: list[_Worker] = []
    exhausted = False
    try:
        while True:
            for w in [w for w in workers if w.task is None]:
                if exhausted or not w.assign(todo):
                    exhausted = True
                    w.stop()
                    workers.remove(w)
            while not exhausted and len(workers) < max(1, jobs):
                w = _Worker(ctx, func)
                workers.append(w)
                if not w.assign(todo):
                    exhausted = True
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            deadline = None if timeout is None else min(w.started for w in busy) + timeout
            wait([x for w in busy for x in (w.conn, w.process.sentinel)],
                 None if deadline is None else max(0.0, deadline - time.monotonic()))
            for w in busy:
                done = w.poll(timeout)
                if done is None:
                    continue
                yield done
                if w.task is not None or w.finished >= max_tasks:  # dead, or due for a rest
                    w.stop()
                    workers.remove(w)
    finally:
        for w in workers:
            w.stop()


class _Worker:
    """A worker process and the item it is on."""

    def __init__(self, ctx: Any, func: Callable[[Any], Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, func), daemon=True)
        self.process.start()
        child.close()
        self.task: int | None = None
        self.started = 0.0
        self.finished = 0

    def assign(self, todo: Iterator[tuple[int, Any]]) -> bool:
        """Send the next item; ``False`` when there is none left."""
        nxt = next(todo, None)
        if nxt is None:
            return False
        self.task, self.started = nxt[0], time.monotonic()
        with contextlib.suppress(OSError, ValueError):  # a dead worker: poll() reports it
            self.conn.send(nxt)
        return True

    def poll(self, timeout: float | None) -> Done | None:
        """The item's ``Done`` if it has one now (a value, a crash or a time-out)."""
        index = self.task
        assert index is not None
        elapsed = time.monotonic() - self.started
        if self.conn.poll():
            try:
                reply: tuple[int, Any, str | None, float] = self.conn.recv()
            except (EOFError, OSError):
                pass  # the pipe closed: the process died, see below
            else:
                self.task = None
                self.finished += 1
                return Done(*reply)
        if not self.process.is_alive():
            self.process.join()
            return Done(index, None, _death(self.process.exitcode), elapsed)
        if timeout is not None and elapsed > timeout:
            return Done(index, None, f"stopped after {timeout:g} s (the time limit)", elapsed)
        return None

    def stop(self) -> None:
        if self.process.is_alive() and self.task is None:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
            self.process.join(2.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        why = " (out of memory?)" if name == "SIGKILL" else ""
        return f"the worker process was killed by {name}{why}"
    return f"the worker process exited with status {exitcode}"


def _serve(conn: Connection, func: Callable[[Any], Any]) -> None:
    """A worker: ``func`` on each item received, until told to stop or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        started = time.perf_counter()
        try:
            reply: tuple[int, Any, str | None, float] = (
                index, func(item), None, time.perf_counter() - started)
        except Exception as exc:
            reply = (index, None, f"{type(exc).__name__}: {exc}", time.perf_counter() - started)
        try:
            conn.send(reply)
        except (OSError, EOFError):
            return  # the parent is gone
        except Exception as exc:  # a value that cannot be pickled
            conn.send((index, None, f"the result cannot be sent back: {exc}",
                       time.perf_counter() - started))


def _exit_when_orphaned(parent: int) -> None:
    """End this worker within a second of its parent's death (killed, not let finish)."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)
