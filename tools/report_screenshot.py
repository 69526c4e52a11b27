"""A screenshot of the HTML report of a PDF, as docs/reports.md shows it.

    python tools/report_screenshot.py ../shared/samples/wuxi-hrss-2026-dept-budget.pdf \\
        docs/img/report-html.png --rule P-2

checks the PDF, writes its HTML report beside the PNG (``.html``, not kept in the
repository), opens it in Debian's headless Chromium (Playwright, the dev extra), clicks
the first finding of ``--rule`` (else the first error) and saves the window. Chinese text
in the page needs a CJK font (Debian's fonts-noto-cjk); the page images do not.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import govbudget

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("pdf", type=Path)
    p.add_argument("png", type=Path)
    p.add_argument("--rule", help="click the first finding of this rule (default: first error)")
    p.add_argument("--width", type=int, default=1400)
    p.add_argument("--height", type=int, default=860)
    args = p.parse_args(argv)
    chromium = shutil.which("chromium")
    if chromium is None:
        print("needs Debian's chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    report = govbudget.check(govbudget.load(args.pdf))
    page_html = args.png.with_suffix(".html")
    page_html.write_text(report.to_html(args.pdf, title=args.pdf.name, source=args.pdf.name),
                         encoding="utf-8")
    selector = (f'.finding[data-rule="{args.rule}"]' if args.rule
                else ".finding.sev-error")
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        ctx = pw.chromium.launch_persistent_context(
            profile, executable_path=chromium, args=FLAGS, headless=True,
            viewport={"width": args.width, "height": args.height})
        page = ctx.new_page()
        page.goto(page_html.resolve().as_uri())
        page.locator(selector).first.click()
        page.locator(selector).first.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        page.screenshot(path=str(args.png))
        ctx.close()
    print(f"{args.png}: {args.png.stat().st_size:,} bytes; {page_html}: "
          f"{page_html.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
