"""Shared test set-up: Hypothesis profiles and the read-only ``../shared`` folder.

Tests that read ``../shared`` (the samples, the corpus, the catalogue sources) use the
``needs_shared`` mark or the ``shared`` fixture: on a clone without the folder they skip,
saying so. CI sets ``GOVBUDGET_REQUIRE_SHARED=1``: there a missing folder, or any test
skipped for want of it, fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
#: the seed disclosure, bundled with the package (a byte-for-byte copy of ../shared/seed)
SEED = REPO / "src" / "govbudget" / "examples" / "lianchi-hrss-2023-budget.txt"
SHARED_SEED = SHARED / "seed" / "lianchi-hrss-2023-budget.txt"
SAMPLES = SHARED / "samples"
CORPUS = SHARED / "corpus"

#: every skip for want of ../shared says this, so that CI can refuse it
SHARED_MISSING = "needs ../shared (the read-only development documents), absent from this clone"
REQUIRE_SHARED = os.environ.get("GOVBUDGET_REQUIRE_SHARED") == "1"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=SHARED_MISSING)


def skip_without_shared(path: Path | None = None) -> None:
    """Skip the running test when ``../shared`` (or ``path`` inside it) is absent."""
    if not SHARED.is_dir() or (path is not None and not path.exists()):
        pytest.skip(SHARED_MISSING if path is None else f"{SHARED_MISSING}: {path.name}")


@pytest.fixture(scope="session")
def shared() -> Path:
    skip_without_shared()
    return SHARED


def pytest_sessionstart(session: pytest.Session) -> None:
    if REQUIRE_SHARED and not SHARED.is_dir():
        raise pytest.UsageError(f"GOVBUDGET_REQUIRE_SHARED=1 but {SHARED} is absent")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SHARED and report.skipped and SHARED_MISSING in str(report.longrepr):
        report.outcome = "failed"
        report.longrepr = f"skipped for want of ../shared, which CI requires: {report.longrepr}"
