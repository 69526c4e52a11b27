"""The HTML report (rules.render_html): structure, escaping, cell sources, page boxes.

The browser test (test_report_browser.py) opens these pages in Chromium; these run
everywhere, the sample ones only beside ../shared.
"""

from __future__ import annotations

import re
import zlib
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govbudget
from conftest import SAMPLES, SEED, skip_without_shared
from govbudget.readers.pdf.marks import Glyph
from govbudget.rules.core import Finding, Location, Outcome, Severity, Status
from govbudget.rules.render_boxes import text_boxes
from govbudget.rules.render_pages import gray_png
from govbudget.rules.report import Report
from govbudget.rules.report_schema import report_schema
from govbudget.source import SourceLocation
from html_helpers import SAMPLE_NAMES, Sample
from html_helpers import sample as sample_of

HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">"\'&'


class _Tags(HTMLParser):
    """The start tags of a page, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def _hostile_report() -> Report:
    where = Location(HOSTILE, HOSTILE, HOSTILE, HOSTILE, page=None, line=3)
    f = Finding("T1-1", Severity.ERROR, HOSTILE, where, expected=HOSTILE, actual=HOSTILE,
                evidence=HOSTILE, places=(where,),
                consequences=(Finding("T1-2", Severity.INFO, HOSTILE, where),))
    return Report((f,), (Outcome("T1-1", HOSTILE, Status.FAILED, 1),))


def test_everything_from_the_document_is_escaped() -> None:
    page = _hostile_report().to_html(title=HOSTILE)
    assert "<script>window" not in page and "<img src=x" not in page
    assert page.count("&lt;script&gt;window.pwned=1&lt;/script&gt;") >= 8
    found = tags(page)
    scripts = [a for t, a in found if t == "script"]
    assert len(scripts) == 1 and scripts[0].get("nonce")  # only the page's own script
    assert not [t for t, _ in found if t == "img"]  # no page images without a PDF
    assert not any(k.startswith("on") for _, a in found for k in a)
    policy = next(a["content"] for t, a in found if t == "meta" and a.get("http-equiv"))
    assert policy is not None and f"'nonce-{scripts[0]['nonce']}'" in policy
    assert "default-src 'none'" in policy


def test_page_has_summary_and_every_finding() -> None:
    report = govbudget.check(govbudget.example())
    page = report.to_html()
    found = tags(page)
    articles = [a for t, a in found if t == "article"]
    assert len(articles) == len(report.findings) > 0
    assert sorted(a["data-rule"] or "" for a in articles) == sorted(f.rule for f in report.findings)
    status = next(a for t, a in found if t == "p" and a.get("class") == "status")
    assert status["data-status"] == report.status.value
    counts = {s: sum(1 for f in report.findings if f.severity is s) for s in Severity}
    for s, n in counts.items():
        assert re.search(rf'class="n-{s.value}">[^<]* {n}</span>', page)
    assert "覆盖：" in page
    shown = report.to_html(min_severity=Severity.ERROR)
    assert shown.count("<article") == counts[Severity.ERROR]


def test_no_network_reference() -> None:
    page = govbudget.check(govbudget.example()).to_html()
    for _, a in tags(page):
        for k in ("src", "href"):
            assert a.get(k) is None or str(a[k]).startswith(("data:", "#"))
    assert "http://" not in page and "https://" not in page


def test_sources_survive_to_dict_and_the_schema() -> None:
    src = SourceLocation("a.pdf", page=3, table=2, row=7, column=4)
    f = Finding("T1-1", Severity.ERROR, "m", Location("d", "t", "r", "c", 3, None, (src,)))
    report = Report((f,), ())
    data = report.to_dict()
    assert data["findings"][0]["location"]["sources"] == [
        {"file": "a.pdf", "page": 3, "table": 2, "row": 7, "column": 4, "line": None}]
    jsonschema.validate(data, report_schema("report"))
    back = Report.from_dict(data)
    assert back.findings[0].location.sources == (src,)
    old = {**data["findings"][0]["location"]}
    del old["sources"]  # a report written before sources existed still reads
    assert Report.from_dict({**data, "findings": [{**data["findings"][0], "location": old}]}
                            ).findings[0].location.sources == ()


def test_rules_record_the_cells_they_concern() -> None:
    doc = govbudget.example()
    report = govbudget.check(doc)
    cells = [s for f in report.findings for s in f.location.sources if s.column is not None]
    assert cells
    tables = {t.source.table: t for d in doc.disclosures for u in d.walk() for t in u.tables
              if t.source is not None}
    for s in cells:
        assert s.table in tables and s.row is not None and s.line is not None


def test_a_sum_finding_names_the_places_of_its_addends(tmp_path: Path) -> None:
    """A wrong 项 (2080101 行政运行, 252.42 printed as 252.52) breaks its 款's sum: that
    finding's sources are the 款's cell and the 项's, so both are boxed."""
    lines = SEED.read_text("utf-8").split("\n")
    at = lines.index("\t2080101")
    assert lines[at + 2] == "\t252.42"
    lines[at + 2] = "\t252.52"
    path = tmp_path / "seed.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = govbudget.check(govbudget.load(path))
    sums = [c for f in report.findings for c in (f, *f.consequences)
            if c.rule == "T2-3" and c.location.row and c.location.row.startswith("20801 ")]
    assert sums, [f.rule for f in report.findings]
    rows = {s.row for s in sums[0].location.sources}
    item = next(s for f in report.findings if f.location.row == "2080101 行政运行"
                for s in f.location.sources)
    assert len(rows) >= 2 and item.row in rows


@given(st.integers(1, 9), st.integers(1, 6), st.data())
def test_gray_png_keeps_16_levels(width: int, height: int, data: st.DataObject) -> None:
    stride = width + data.draw(st.integers(0, 3))
    pixels = data.draw(st.binary(min_size=stride * height, max_size=stride * height))
    png = gray_png(pixels, width=width, height=height, stride=stride)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    idat = png.index(b"IDAT")
    size = int.from_bytes(png[idat - 4:idat], "big")
    raw = zlib.decompress(png[idat + 4:idat + 4 + size])
    line = 1 + (width + 1) // 2
    assert len(raw) == line * height
    for r in range(height):
        row = raw[r * line:(r + 1) * line]
        assert row[0] == 0
        got = [row[1 + i // 2] >> (4 if i % 2 == 0 else 0) & 0xF for i in range(width)]
        assert got == [p >> 4 for p in pixels[r * stride:r * stride + width]]


def test_text_boxes_find_words_across_widths_and_lines() -> None:
    glyphs = [Glyph(ch, 10.0 * i, 5.0, 10.0 * i + 9, 15.0, 10.0) for i, ch in enumerate("合计（万元）")]
    glyphs += [Glyph(ch, 10.0 * i, 25.0, 10.0 * i + 9, 35.0, 10.0) for i, ch in enumerate("12.50 元")]
    two = text_boxes(glyphs, "(万元)12.50", page=1)  # full-width brackets, a line break
    assert [(b.top, b.bottom, b.exact) for b in two] == [(5.0, 15.0, False), (25.0, 35.0, False)]
    assert text_boxes(glyphs, "不在页上", page=1) == ()
    on_line = text_boxes(glyphs, "12.50", page=1, near=two[1])
    assert on_line and text_boxes(glyphs, "12.50", page=1, near=two[0]) == ()


# ---- the samples ---------------------------------------------------------------------

@pytest.fixture(params=SAMPLE_NAMES or ["(none)"])
def sample(request: pytest.FixtureRequest) -> Sample:
    skip_without_shared(SAMPLES / request.param)
    return sample_of(request.param)


def test_every_finding_of_a_sample_is_boxed_on_its_page(sample: Sample) -> None:
    path, report, pages, _ = sample
    assert report.findings
    for f in report.findings:
        for loc, of in [(f.location, f), *((p, f) for p in f.places),
                        *((c.location, c) for c in f.consequences)]:
            if loc.page is None:
                continue
            boxes = pages.boxes(of, loc)
            assert boxes, (path.name, of.rule, str(loc))
            for b in boxes:
                w, h = pages.reading.page_sizes[b.page - 1]
                assert 0 <= b.x0 < b.x1 <= w + 0.5 and 0 <= b.top < b.bottom <= h + 0.5, (
                    path.name, of.rule, b)
            if loc.sources:  # cells from the reading: on the page they were read on
                assert any(b.exact and b.page == loc.page for b in boxes), (of.rule, str(loc))


def test_sample_page_shows_only_pages_with_findings(sample: Sample) -> None:
    _, report, pages, page = sample
    found = tags(page)
    figures = {a["data-number"] for t, a in found if t == "figure"}
    targets = {a["data-page"] for t, a in found if t in ("article", "li") and a.get("data-page")}
    assert targets == {f"d0-p{n}" for n in figures}
    assert len(figures) < len(pages.reading.page_sizes)
    images = [a["src"] for t, a in found if t == "img"]
    assert len(images) == len(figures)
    assert all(str(s).startswith("data:image/png;base64,") for s in images)
    assert len([a for t, a in found if t == "article"]) == len(report.findings)


def test_cli_writes_the_html_report(tmp_path: Path) -> None:
    from govbudget.cli import main

    pdf = SAMPLES / "wuxi-hrss-2026-dept-budget.pdf"
    skip_without_shared(pdf)
    out = tmp_path / "report.html"
    status = main(["check", str(pdf), "--format", "html", "-o", str(out), "--no-cache",
                   "--fail-on", "never"])
    page = out.read_text(encoding="utf-8")
    assert status == 0 and page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    found = tags(page)
    assert [a["id"] for t, a in found if t == "section"] == ["d0"]
    assert any(t == "figure" for t, _ in found) and any(t == "img" for t, _ in found)
    assert all(a.get("data-page") for t, a in found if t == "article")
