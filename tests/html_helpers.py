"""The samples' HTML reports, made once per test session for the HTML and browser tests."""

from __future__ import annotations

import atexit
import functools
from pathlib import Path
from typing import NamedTuple

import govbudget
from conftest import SAMPLES
from govbudget.readers.assemble import assemble
from govbudget.readers.load import read_raw
from govbudget.rules.render_html import html
from govbudget.rules.render_pages import PdfPages
from govbudget.rules.report import Report

#: the sample PDFs (none on a clone without ../shared: their tests skip, saying so)
SAMPLE_NAMES = [p.name for p in sorted(SAMPLES.glob("*.pdf"))] if SAMPLES.is_dir() else []


class Sample(NamedTuple):
    path: Path
    report: Report
    pages: PdfPages
    page: str  # the HTML report


@functools.cache
def sample(name: str) -> Sample:
    """The sample ``name`` read once, checked, and its HTML report."""
    path = SAMPLES / name
    raw = read_raw(path)
    report = govbudget.check(assemble(raw))
    pages = PdfPages(path, reading=raw)
    atexit.register(pages.close)
    return Sample(path, report, pages, html([(name, report, pages)], title=name))
