"""Functions for the worker-pool tests: they run in spawned worker processes, so they live
in a module the workers can import (``tests/`` is on their ``sys.path``)."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from govbudget.batch import check_file


def behave(item: str) -> Any:
    """``crash`` kills the process, ``hang`` sleeps, ``raise`` raises, ``pickle`` returns a
    value that cannot be pickled, ``pid`` returns the worker's pid; else the item."""
    if item == "crash":
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
    if item == "hang":
        time.sleep(60)
    if item == "raise":
        raise RuntimeError("boom")
    if item == "pickle":
        return lambda: None
    if item == "pid":
        return os.getpid()
    return item


def check_or_crash(path: str, **params: Any) -> Any:
    """``check_file``, except that a file named ``crash.*`` kills the worker."""
    if os.path.basename(path).startswith("crash."):
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
    return check_file(path, **params)
