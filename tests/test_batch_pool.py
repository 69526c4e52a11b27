"""The worker pool: a crash, a time-out, an exception or an unpicklable result costs one item."""

from __future__ import annotations

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
