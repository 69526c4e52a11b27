"""CI refuses a test skipped for want of ../shared (conftest's guard)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

import conftest


def _report_after(skip_reason: str, monkeypatch: pytest.MonkeyPatch, require: bool) -> Any:
    monkeypatch.setattr(conftest, "REQUIRE_SHARED", require)
    report = SimpleNamespace(skipped=True, outcome="skipped",
                             longrepr=("test_x.py", 1, f"Skipped: {skip_reason}"))
    gen = conftest.pytest_runtest_makereport(None, None)  # the hook wrapper's generator
    next(gen)
    with pytest.raises(StopIteration):
        gen.send(SimpleNamespace(get_result=lambda: report))
    return report


def test_a_shared_skip_fails_where_shared_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _report_after(conftest.SHARED_MISSING, monkeypatch, True).outcome == "failed"


def test_a_shared_skip_stays_a_skip_on_a_plain_clone(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _report_after(conftest.SHARED_MISSING, monkeypatch, False).outcome == "skipped"


def test_other_skips_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _report_after("needs the pdf extra", monkeypatch, True).outcome == "skipped"
