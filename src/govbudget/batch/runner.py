"""Running a task over many files (批量运行): the cache first, then worker processes.

``Batch(task, jobs=…, timeout=…, cache=…)`` maps a ``Task`` (``CHECK`` or ``EXTRACT``,
with its parameters) over paths and yields an ``Item`` per path as soon as it is done:
a cached result at once, the others as the workers finish them, so that the caller
can write each result out and forget it (memory stays flat however many files). A
batch of one file runs in this process; the files of a larger batch go to ``jobs``
supervised worker processes (``govbudget.batch.pool``), where a crash or the time
limit costs that file only. Every path gives exactly one item.

>>> import pathlib, tempfile
>>> from importlib import resources
>>> from govbudget.batch import CHECK, Batch, ResultCache
>>> seed = pathlib.Path(tempfile.mkdtemp()) / "seed.txt"
>>> _ = seed.write_text(resources.files("govbudget.examples").joinpath(
...     "lianchi-hrss-2023-budget.txt").read_text("utf-8"), "utf-8")
>>> batch = Batch(CHECK, cache=ResultCache(tempfile.mkdtemp()))
>>> [(i.path.name, i.result["status"], i.cached) for i in batch.run([seed, "no/such.txt"])]
[('seed.txt', 'checked', False), ('such.txt', 'failed', False)]
>>> [(i.path.name, i.cached) for i in batch.run([seed])]
[('seed.txt', True)]
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from govbudget.batch import work
from govbudget.batch.cache import ResultCache, file_digest
from govbudget.batch.pool import imap_unordered

__all__ = ["CHECK", "EXTRACT", "Batch", "Item", "Task"]


@attrs.frozen(slots=True)
class Task:
    """What a batch does to each file (批量任务): a pure function, its parameters, its failure.

    ``func(path, **params)`` must be a module-level function returning plain data;
    ``failed(path, why)`` the result of a file whose worker crashed or timed out.
    ``status(result)`` reads ``checked``, ``not_checked`` or ``failed`` from a result;
    ``relocate(result, path)`` gives a cached result the path it is now found at (the
    cache is keyed by content: the same bytes may have been cached under another name).
    ``name`` and ``params`` are part of the cache key.
    """

    name: str
    func: Callable[..., Any]
    failed: Callable[[str, str], Any]
    status: Callable[[Any], str]
    relocate: Callable[[Any, str], Any]
    params: Mapping[str, Any] = attrs.field(factory=dict)

    def with_params(self, **params: Any) -> Task:
        return attrs.evolve(self, params={**self.params, **params})


def _failed_extract(source: str, why: str) -> Any:
    from govbudget.dataset.rows import failed_rows

    return failed_rows(document_id=None, source=source, sha256=None, status="failed", error=why)


def _check_status(result: Any) -> str:
    return str(result["status"])


def _extract_status(result: Any) -> str:
    return str(result["documents"][0]["status"])


def _check_relocate(result: Any, source: str) -> Any:
    return {**result, "source": source}


def _extract_relocate(result: Any, source: str) -> Any:
    docs = [{**d, "source": source, "file": Path(source).name} for d in result["documents"]]
    return {**result, "documents": docs}


CHECK = Task("check", work.check_file, work.failed_check, _check_status, _check_relocate)
EXTRACT = Task("extract", work.extract_file, _failed_extract, _extract_status,
               _extract_relocate)


@attrs.frozen(slots=True)
class Item:
    """One file done (完成的文件): its path, the task's result, whether it came from the cache."""

    path: Path
    result: Any
    cached: bool = False
    seconds: float = 0.0
    #: why the worker gave no result (a crash, the time limit), else ``None``
    failure: str | None = None


class Batch:
    """A task mapped over files with a cache and worker processes (see the module docstring)."""

    def __init__(self, task: Task, *, jobs: int = 1, timeout: float | None = 600.0,
                 cache: ResultCache | None = None, max_tasks: int = 100) -> None:
        self.task = task
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.cache = cache
        self.max_tasks = max_tasks
        #: what went wrong with the cache (it is then left alone for the rest of the run)
        self.warnings: list[str] = []

    def run(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[Item]:
        """An ``Item`` per path: the cached ones first, then as the workers finish."""
        todo: list[tuple[Path, str | None]] = []
        paths = list(paths)
        for p in paths:
            path = Path(p)
            key = self._key(path)
            hit = None if key is None or self.cache is None else self.cache.get(key)
            if hit is not None:
                yield Item(path, self.task.relocate(hit, os.fspath(path)), cached=True)
            else:
                todo.append((path, key))
        if len(paths) == 1 and todo:  # one file alone: no process to start
            path, key = todo[0]
            started = time.perf_counter()
            result = _call(self.task.func, self.task.params, os.fspath(path))
            yield self._done(path, key, result, None, time.perf_counter() - started)
            return
        func = functools.partial(_call, self.task.func, self.task.params)
        done = imap_unordered(func, (os.fspath(p) for p, _ in todo), jobs=self.jobs,
                              timeout=self.timeout, max_tasks=self.max_tasks)
        for d in done:
            path, key = todo[d.index]
            yield self._done(path, key, d.value, d.failure, d.seconds)

    def _key(self, path: Path) -> str | None:
        if self.cache is None:
            return None
        try:
            digest = file_digest(path)
        except OSError:
            return None  # the task reports what is wrong with the file
        return self.cache.key(self.task.name, digest, self.task.params)

    def _done(self, path: Path, key: str | None, value: Any, failure: str | None,
              seconds: float) -> Item:
        if failure is not None:
            return Item(path, self.task.failed(os.fspath(path), failure), seconds=seconds,
                        failure=failure)
        if key is not None and self.cache is not None:
            try:
                self.cache.put(key, value)
            except (OSError, TypeError, ValueError) as exc:
                self.warnings.append(f"cache {self.cache.directory} not used: {exc}")
                self.cache = None
        return Item(path, value, seconds=seconds)


def _call(func: Callable[..., Any], params: Mapping[str, Any], path: str) -> Any:
    return func(path, **params)
