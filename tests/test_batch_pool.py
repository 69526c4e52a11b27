"""The worker pool: a crash, a time-out, an exception or an unpicklable result costs one item."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch_helpers import behave
from govbudget.batch.pool import imap_unordered


def _run(items: list[str], **kw: object) -> dict[int, tuple[object, str | None]]:
    out = {}
    for d in imap_unordered(behave, items, **kw):  # type: ignore[arg-type]
        assert d.index not in out, "an item done twice"
        out[d.index] = (d.value, d.failure)
    assert sorted(out) == list(range(len(items))), "every item gives exactly one Done"
    return out


def test_a_crash_costs_one_item_and_the_worker_is_replaced() -> None:
    out = _run(["a", "crash", "b", "c", "crash", "d"], jobs=2)
    assert [out[i][0] for i in (0, 2, 3, 5)] == ["a", "b", "c", "d"]
    for i in (1, 4):
        value, failure = out[i]
        assert value is None and failure is not None and "SIGKILL" in failure


def test_the_time_limit_stops_one_item() -> None:
    out = _run(["a", "hang", "b"], jobs=2, timeout=3.0)
    assert out[0] == ("a", None) and out[2] == ("b", None)
    assert out[1][0] is None and "time limit" in str(out[1][1])


def test_an_exception_and_an_unpicklable_result_are_failures() -> None:
    out = _run(["raise", "pickle", "ok"], jobs=1)
    assert out[0] == (None, "RuntimeError: boom")
    assert out[1][0] is None and "cannot be sent back" in str(out[1][1])
    assert out[2] == ("ok", None)


def test_workers_are_replaced_after_max_tasks() -> None:
    pids = [v for v, _ in _run(["pid"] * 4, jobs=1, max_tasks=1).values()]
    assert len(set(pids)) == 4
    pids = [v for v, _ in _run(["pid"] * 4, jobs=1, max_tasks=10).values()]
    assert len(set(pids)) == 1


def test_no_items_starts_nothing() -> None:
    assert list(imap_unordered(behave, [], jobs=4)) == []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in f)
    except FileNotFoundError:
        return False


_PARENT = """
import sys
sys.path.insert(0, {tests!r})
from batch_helpers import behave
from govbudget.batch.pool import imap_unordered
for d in imap_unordered(behave, ["pid", "pid", "hang", "hang"], jobs=2):
    print(d.value, flush=True)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_workers_end_with_their_parent(how: signal.Signals) -> None:
    """Ctrl-C stops the workers at once; a parent killed outright leaves none running."""
    code = _PARENT.format(tests=str(Path(__file__).parent))
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert p.stdout is not None
    pids = [int(p.stdout.readline()), int(p.stdout.readline())]
    assert all(_alive(pid) for pid in pids)
    p.send_signal(how)
    p.wait(timeout=30)
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in pids)
