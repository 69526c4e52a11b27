"""The report as one self-contained HTML page (网页版检查报告): summary, findings, pages.

The page has a summary (the report's status and coverage, the counts by severity), the
findings by disclosure and table as the text report groups them (``rules.render``), and,
for a PDF, each page that has a finding as an image with the cells concerned boxed and
the printed and expected figures beside them; clicking a finding shows its page with its
boxes. Everything is inline (CSS, script, images as ``data:`` URIs): the file opens with
no network. Everything from the document is escaped, and a Content-Security-Policy lets
only this page's own script run.

>>> import govbudget
>>> page = govbudget.check(govbudget.example()).to_html(title="<b>例</b>")
>>> page.startswith("<!DOCTYPE html>"), "&lt;b&gt;例&lt;/b&gt;" in page, "<b>例" in page
(True, True, False)
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Protocol

from govbudget.rules.core import Finding, Location, Severity
from govbudget.rules.render import SEVERITY_NAMES, _where_else, amounts, group, place, where
from govbudget.rules.render_boxes import Box
from govbudget.rules.render_coverage import coverage_lines
from govbudget.rules.render_pages import PageView

if TYPE_CHECKING:
    from govbudget.rules.report import Report

__all__ = ["Pages", "document_html", "html", "page_end", "page_start"]

_SEV = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
_PAD = 1.5  # points around a box, so that its outline does not cover the digits
_TAG = 60  # characters of a figure shown beside its box (the finding has it whole)


class Pages(Protocol):
    """What the HTML report needs of a document's pages (``render_pages.PdfPages``)."""

    def boxes(self, finding: Finding, location: Location) -> tuple[Box, ...]: ...

    def view(self, page: int) -> PageView: ...


_CSS = """
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;color:#222}
header.top{padding:12px 20px;background:#f4f5f7;border-bottom:1px solid #ddd}
h1{font-size:20px;margin:0 0 6px}h2{font-size:17px;margin:16px 0 6px}h3{font-size:15px;margin:12px 0 4px;color:#444}
.status{font-weight:600}.counts span{display:inline-block;margin-right:10px;padding:1px 8px;border-radius:10px;color:#fff}
.n-error{background:#c62828}.n-warning{background:#ef6c00}.n-info{background:#1565c0}
section.doc{display:grid;grid-template-columns:minmax(320px,42%) 1fr;gap:0;border-bottom:2px solid #ccc}
.findings{padding:4px 16px 40px;max-height:100vh;overflow:auto}
.viewer{position:sticky;top:0;max-height:100vh;overflow:auto;background:#777;padding:10px}
.finding{border-left:4px solid #999;padding:4px 8px;margin:6px 0;background:#fafafa;cursor:pointer}
.finding.sev-error{border-color:#c62828}.finding.sev-warning{border-color:#ef6c00}.finding.sev-info{border-color:#1565c0}
.finding.selected{background:#fff6c8;outline:1px solid #e0c000}
.finding .head{font-size:12px;color:#555}.finding .msg{margin:2px 0}.amounts{font-family:monospace;margin:2px 0}
blockquote{margin:2px 0;padding-left:8px;border-left:2px solid #ccc;color:#555;font-size:13px}
ul.also{margin:2px 0;padding-left:18px;font-size:13px}.goto{text-decoration:underline dotted}.nobox{color:#a00;font-size:12px}
figure.page{margin:0 auto 10px;max-width:1000px}figure.page figcaption{color:#fff;font-size:12px}
.sheet{position:relative;background:#fff}.sheet img{display:block;width:100%;height:auto}
.box{position:absolute;border:2px solid rgba(198,40,40,.55);background:rgba(255,235,59,.12)}
.box.sev-warning{border-color:rgba(239,108,0,.55)}.box.sev-info{border-color:rgba(21,101,192,.5)}
.box.approx{border-style:dashed}.box.on{border-width:3px;background:rgba(255,235,59,.35);box-shadow:0 0 0 2px #fff}
.tag{position:absolute;display:none;transform:translateY(-100%);background:#222;color:#fff;font-size:12px;
padding:1px 5px;border-radius:3px;white-space:nowrap;z-index:2}.tag.on{display:block}
.legend{font-size:12px;color:#eee;margin-bottom:6px}details{margin-top:6px}
"""

_SCRIPT = """
(function(){
function show(f,page){
  var doc=f.closest('section.doc');if(!doc)return;
  doc.querySelectorAll('.finding.selected').forEach(function(e){e.classList.remove('selected')});
  f.classList.add('selected');
  page=page||f.getAttribute('data-page');if(!page)return;
  doc.querySelectorAll('figure.page').forEach(function(p){p.hidden=(p.id!==page)});
  doc.querySelectorAll('.box.on,.tag.on').forEach(function(e){e.classList.remove('on')});
  var first=null;
  doc.querySelectorAll('#'+page+' [data-finding="'+f.id+'"]').forEach(function(e){
    e.classList.add('on');if(!first&&e.classList.contains('box'))first=e});
  if(first)first.scrollIntoView({block:'center'});
}
document.querySelectorAll('.finding').forEach(function(f){
  f.addEventListener('click',function(){show(f)});
  f.addEventListener('keydown',function(e){if(e.key==='Enter')show(f)});
  f.querySelectorAll('.goto').forEach(function(g){g.addEventListener('click',function(e){
    e.stopPropagation();show(f,g.getAttribute('data-page'))})});
});
document.querySelectorAll('.box').forEach(function(b){b.addEventListener('click',function(){
  var f=document.getElementById(b.getAttribute('data-finding'));
  if(f){show(f,b.closest('figure').id);f.scrollIntoView({block:'nearest'})}})});
document.querySelectorAll('section.doc').forEach(function(d){
  var f=d.querySelector('.finding[data-page]');if(f)show(f)});
})();
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def page_start(title: str, nonce: str) -> str:
    """The page's head, up to its body's first element."""
    policy = (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
              f"script-src 'nonce-{nonce}'")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>\n"
            f"<header class=\"top\"><h1>{_e(title)}</h1></header>\n")


def page_end(nonce: str) -> str:
    """The page's script and end."""
    return f"<script nonce=\"{nonce}\">{_SCRIPT}</script>\n</body></html>\n"


def _summary(report: Report, shown: Sequence[Finding]) -> str:
    counts = "".join(
        f"<span class=\"n-{_SEV[s]}\">{SEVERITY_NAMES[s]} "
        f"{sum(1 for f in report.findings if f.severity is s)}</span>" for s in Severity)
    lines = coverage_lines(report)
    details = coverage_lines(report, details=True, verbose=True)[len(lines):]
    out = [f"<p class=\"status\" data-status=\"{_e(report.status.value)}\">"
           f"{_e(report.status.message)}</p>",
           f"<p class=\"counts\">{counts}</p>",
           *(f"<p class=\"coverage\">{_e(line)}</p>" for line in lines)]
    if len(shown) < len(report.findings):
        out.append(f"<p>此处显示 {len(shown)} 条（共 {len(report.findings)} 条）</p>")
    if details:
        out.append("<details><summary>检查覆盖详情</summary>"
                   + "".join(f"<div>{_e(d)}</div>" for d in details) + "</details>")
    return "".join(out)


def _figures(f: Finding) -> str | None:
    figures = amounts(f)
    if figures is not None:
        return figures.text()
    if f.expected is None and f.actual is None:
        return None
    return f"实际：{f.actual or '—'}；应为：{f.expected or '—'}"


def _tag(f: Finding) -> str:
    figures = amounts(f)
    text = (f"印 {figures.printed} · {'算' if figures.computed else '应'} {figures.expected}"
            if figures is not None else _figures(f) or f.rule)
    return text if len(text) <= _TAG else text[:_TAG - 1] + "…"


class _Layout:
    """The boxes of one document's findings, by page, as they are laid out."""

    def __init__(self, key: str, pages: Pages | None) -> None:
        self.key, self.pages = key, pages
        self.on_page: dict[int, list[str]] = {}
        self._views: dict[int, PageView] = {}
        self._drawn: set[tuple[str, Box]] = set()
        #: finding → pages of the cells it involves other than the first page of each place
        self.elsewhere: dict[str, list[int]] = {}

    def place(self, fid: str, f: Finding, loc: Location, tag: str, sev: Severity) -> int:
        """Lay out the boxes of ``loc``; returns the page of its first (0: none). Boxes of
        cells involved on other pages are listed by ``elsewhere``."""
        if self.pages is None:
            return 0
        boxes = self.pages.boxes(f, loc)
        first = boxes[0].page if boxes else 0
        for b in boxes:
            if b.page != first and b.page not in self.elsewhere.setdefault(fid, []):
                self.elsewhere[fid].append(b.page)
        tagged = False
        for b in boxes:
            if (fid, b) in self._drawn:  # a consequence at the finding's own cell
                continue
            self._drawn.add((fid, b))
            self.on_page.setdefault(b.page, []).append(
                self._box(fid, b, "" if tagged else tag, sev))
            tagged = True
        return boxes[0].page if boxes else 0

    def goto(self, page: int) -> str:
        """The attributes that make an element show ``page`` when clicked ('' for none)."""
        return f" class=\"goto\" data-page=\"{self.key}-p{page}\"" if page else ""

    def _box(self, fid: str, b: Box, tag: str, sev: Severity) -> str:
        view = self._size(b.page)
        w, h = view
        x0, top = max(b.x0 - _PAD, 0), max(b.top - _PAD, 0)
        x1, bottom = min(b.x1 + _PAD, w), min(b.bottom + _PAD, h)
        style = (f"left:{100 * x0 / w:.3f}%;top:{100 * top / h:.3f}%;"
                 f"width:{100 * (x1 - x0) / w:.3f}%;height:{100 * (bottom - top) / h:.3f}%")
        kind = "exact" if b.exact else "approx"
        out = (f"<div class=\"box {kind} sev-{_SEV[sev]}\" data-finding=\"{fid}\" "
               f"style=\"{style}\"></div>")
        if tag:
            out += (f"<span class=\"tag\" data-finding=\"{fid}\" style=\"left:"
                    f"{100 * x0 / w:.3f}%;top:{100 * top / h:.3f}%\">{_e(tag)}</span>")
        return out

    def _size(self, page: int) -> tuple[float, float]:
        if page not in self._views and self.pages is not None:
            self._views[page] = self.pages.view(page)
        v = self._views[page]
        return v.width, v.height

    def figures(self) -> str:
        out = []
        for n in sorted(self.on_page):
            v = self._views[n]
            out.append(f"<figure class=\"page\" id=\"{self.key}-p{n}\" data-number=\"{n}\" hidden>"
                       f"<figcaption>第 {n} 页</figcaption><div class=\"sheet\">"
                       f"<img src=\"{v.image}\" alt=\"第 {n} 页\">"
                       + "".join(self.on_page[n]) + "</div></figure>")
        return "".join(out)


def _finding(fid: str, f: Finding, layout: _Layout) -> str:
    page = layout.place(fid, f, f.location, _tag(f), f.severity)
    spot = place(f.location)
    head = (f"<span class=\"sev\">{SEVERITY_NAMES[f.severity]}</span> "
            f"<span class=\"rule\">{_e(f.rule)}</span> · {_e(where(f.location))}"
            + (f" · {_e(spot)}" if spot else ""))
    body = [f"<div class=\"head\">{head}</div>", f"<p class=\"msg\">{_e(f.message)}</p>"]
    figures = _figures(f)
    if figures:
        body.append(f"<p class=\"amounts\">{_e(figures)}</p>")
    if f.evidence:
        body.append(f"<blockquote>{_e(f.evidence)}</blockquote>")
    also = []
    for other in f.places:
        at = layout.place(fid, f, other, "亦见", f.severity)
        also.append(f"<li{layout.goto(at)}>亦见：{_e(where(other))} "
                    f"{_e(_where_else(other, f.location))}</li>")
    for c in f.consequences:
        at = layout.place(fid, c, c.location, f"由此 {c.rule}", c.severity)
        also.append(f"<li{layout.goto(at)}>由此：{_e(where(c.location))} {_e(c.rule)} "
                    f"{_e(place(c.location))} {_e(c.message)}</li>")
    for n in layout.elsewhere.get(fid, ()):
        also.append(f"<li{layout.goto(n)}>参与计算的数字：第 {n} 页</li>")
    if also:
        body.append("<ul class=\"also\">" + "".join(also) + "</ul>")
    if layout.pages is not None and f.location.page is not None and not page:
        body.append("<p class=\"nobox\">未能在页面上定位</p>")
    elif page and page != f.location.page:
        body.append(f"<p class=\"moved\">所引文字在第 {page} 页</p>")
    target = f" data-page=\"{layout.key}-p{page}\"" if page else ""
    return (f"<article class=\"finding sev-{_SEV[f.severity]}\" id=\"{fid}\" tabindex=\"0\""
            f" data-rule=\"{_e(f.rule)}\"{target}>" + "".join(body) + "</article>")


def document_html(report: Report, *, source: str | None = None, pages: Pages | None = None,
                  key: str = "d0", min_severity: Severity = Severity.INFO) -> str:
    """One document's part of the page (a ``<section>``): ``key`` makes its ids unique."""
    shown = [f for f in report.findings if f.severity.at_least(min_severity)]
    layout = _Layout(key, pages)
    order = list(dict.fromkeys(o.disclosure for o in report.outcomes))
    parts: list[str] = []
    n = 0
    for g in group(shown, order):
        parts.append(f"<h2>{_e(g.disclosure or '（未注明预算）')}</h2>")
        for t in g.tables:
            span = f"（{t.span}）" if t.span else ""
            parts.append(f"<h3>{_e(t.title)}{_e(span)}</h3>")
            for f in t.findings:
                n += 1
                parts.append(_finding(f"{key}-f{n}", f, layout))
    if not shown:
        parts.append("<p>未发现问题</p>" if report.findings == () else "<p>没有达到所选级别的发现</p>")
    viewer = ""
    if pages is not None:
        viewer = ("<div class=\"viewer\"><div class=\"legend\">实线：读取的单元格；虚线：按文字定位；"
                  "点击左侧的发现显示其所在页</div>" + layout.figures() + "</div>")
    name = f"<h2 class=\"source\">{_e(source)}</h2>" if source else ""
    return (f"<section class=\"doc\" id=\"{key}\"><div class=\"findings\">{name}"
            f"<div class=\"summary\">{_summary(report, shown)}</div>" + "".join(parts)
            + f"</div>{viewer}</section>\n")


def html(documents: Iterable[tuple[str | None, Report, Pages | None]], *,
         title: str = "检查报告", min_severity: Severity = Severity.INFO) -> str:
    """The whole page for ``documents``: (source, report, pages or None) each."""
    nonce = secrets.token_hex(12)
    body = "".join(document_html(r, source=s, pages=p, key=f"d{i}", min_severity=min_severity)
                   for i, (s, r, p) in enumerate(documents))
    return page_start(title, nonce) + body + page_end(nonce)
