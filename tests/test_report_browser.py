"""The HTML report in a real browser: Debian's Chromium, headless, driven by Playwright.

One browser for the session. Each sample PDF's report is opened from a file: the summary
is there, every finding is boxed on its page (its boxes drawn inside the page image),
clicking a finding shows its page, nothing is fetched but the file itself, and a script
in the document's text does not run. Skips, saying why, without Chromium or Playwright
(``.ci/run`` installs Chromium when apt can).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES, skip_without_shared
from govbudget.rules.core import Finding, Location, Outcome, Severity, Status
from govbudget.rules.report import Report
from html_helpers import SAMPLE_NAMES
from html_helpers import sample as sample_of

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: without the networking flags Chromium waits on the closed network
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

#: for each finding: click it, then see that its page alone is shown and its boxes are
#: drawn inside the page image; returns the findings that fail, and why
_CHECK = """() => {
  const bad = [];
  const findings = [...document.querySelectorAll('.finding')];
  for (const f of findings) {
    const page = f.dataset.page;
    if (!page) { bad.push([f.id, 'no page']); continue; }
    f.click();
    const shown = [...document.querySelectorAll('figure.page')].filter(p => !p.hidden);
    if (shown.length !== 1 || shown[0].id !== page) { bad.push([f.id, 'page not shown']); continue; }
    const img = shown[0].querySelector('img').getBoundingClientRect();
    if (img.width < 100 || img.height < 100) { bad.push([f.id, 'no image']); continue; }
    const boxes = [...shown[0].querySelectorAll(`.box[data-finding="${f.id}"]`)];
    if (!boxes.length) { bad.push([f.id, 'no box']); continue; }
    for (const b of boxes) {
      const r = b.getBoundingClientRect();
      if (!b.classList.contains('on') || r.width < 2 || r.height < 2 ||
          r.left < img.left - 1 || r.right > img.right + 1 ||
          r.top < img.top - 1 || r.bottom > img.bottom + 1) bad.push([f.id, 'box outside']);
    }
    if (!f.classList.contains('selected')) bad.push([f.id, 'not selected']);
  }
  return {count: findings.length, bad: bad};
}"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("needs Chromium (Debian's chromium package: apt-get install chromium)")
    sync = pytest.importorskip("playwright.sync_api", reason="needs playwright (the dev extra)")
    with sync.sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=FLAGS, headless=True,
            viewport={"width": 1400, "height": 900})
        yield context
        context.close()


def _open(browser: Any, path: Path) -> tuple[Any, list[str]]:
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(path.as_uri())
    return page, fetched


@pytest.mark.parametrize("name", SAMPLE_NAMES or ["(none)"])
def test_sample_report_in_chromium(browser: Any, name: str, tmp_path: Path) -> None:
    skip_without_shared(SAMPLES / name)
    s = sample_of(name)
    out = tmp_path / "report.html"
    out.write_text(s.page, encoding="utf-8")
    page, fetched = _open(browser, out)
    try:
        assert page.locator(".summary .status").inner_text() == s.report.status.message
        assert page.locator(".summary .counts span").count() == 3
        result = page.evaluate(_CHECK)
        assert result["count"] == len(s.report.findings) > 0
        assert result["bad"] == []
        page.screenshot(path=str(tmp_path / "report.png"))
        assert (tmp_path / "report.png").stat().st_size > 10_000
        assert {u.split(":", 1)[0] for u in fetched} <= {"file", "data"}
    finally:
        page.close()


def test_script_in_the_document_does_not_run(browser: Any, tmp_path: Path) -> None:
    hostile = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
    where = Location(hostile, hostile, hostile, hostile, line=3)
    report = Report((Finding("T1-1", Severity.ERROR, hostile, where, evidence=hostile),),
                    (Outcome("T1-1", hostile, Status.FAILED, 1),))
    out = tmp_path / "hostile.html"
    out.write_text(report.to_html(title=hostile), encoding="utf-8")
    page, fetched = _open(browser, out)
    try:
        page.click(".finding")
        assert page.evaluate("window.pwned") is None
        assert page.locator(".finding.selected").count() == 1  # the page's own script ran
        assert hostile in page.locator(".finding .msg").inner_text()  # shown as text
        assert page.title() == hostile
        assert fetched == [out.as_uri()]
    finally:
        page.close()
