"""--format html: exact highlights, escaping, and the page's behaviour in a
real browser (headless Chromium from Debian's `chromium`, which .ci/run
installs)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SAMPLES, run_cli

from lint.core.model import Diagnostic, Fix, Severity
from lint.report import FileResult
from lint.report.html import render

SEED = SAMPLES / "us-warns-china.txt"
# An article built to break out of the page: tags, an event handler, CRLF
# line breaks (the HTML parser folds a raw CR) and a character outside the
# BMP (one code point, two UTF-16 units in the browser).
EVIL_TXT = ('The U.S.U.S. team met 😀 in Rome.\r\n\r\n<script>document.title="pwned";window.__pwned=1</script> '
            '<img src=x onerror="window.__pwned=2"> The U.N.U.N. vote. \r\n\r\nLeave a Reply')
EVIL_HTML = ('<html><head><title>x</title><script>window.__pwned=3</script></head><body>'
             '<p>The U.S.U.S. envoy said it.&nbsp;</p><p onclick="x()">A &lt;b&gt; 😀 U.N. U.N. plan.</p></body></html>\n')


def _diag(code: str, start: int, end: int, fix: Fix | None = None, severity=Severity.WARNING) -> Diagnostic:
    return Diagnostic(code, f"test.{code.lower()}", severity, start, end, f"message of {code}", fix)


class _Marks(HTMLParser):
    """Walks each article's text and records where every mark part sits."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.text, self.open, self.parts = 0, "", [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "text":
            self.depth = 1
        elif self.depth:
            self.depth += 1
            if tag == "mark":
                self.open.append((attrs, len(self.text)))

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if tag == "mark":
                attrs, start = self.open.pop()
                self.parts.append((attrs, start, len(self.text)))

    def handle_data(self, data):
        if self.depth:
            self.text += data


def _spans(parts) -> dict[str, tuple[int, int, str, list[tuple[int, int]]]]:
    """data-id -> (data-start, data-end, code, [(from, to) of each part])."""
    found: dict = {}
    for attrs, start, end in parts:
        ident = attrs["data-id"]
        entry = found.setdefault(ident, (int(attrs["data-start"]), int(attrs["data-end"]), attrs["data-code"], []))
        entry[3].append((start, end))
    return found


def _assert_exact(found, expected: list[tuple[str, int, int]]):
    """Each finding's parts tile exactly [start, end), and the findings are exactly the expected ones."""
    for start, end, code, pieces in found.values():
        pieces.sort()
        assert pieces[0][0] == start and pieces[-1][1] == end, (code, start, end, pieces)
        assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:])), (code, pieces)
    assert Counter((code, s, e) for s, e, code, _ in found.values()) == Counter(expected)


def test_overlapping_nested_and_zero_width_findings_map_to_exact_offsets():
    text = "abcdefghij<b>&\"x\"\r\nend"
    diags = [_diag("AA001", 0, 0), _diag("AA002", 0, 6), _diag("AA003", 2, 4), _diag("AA004", 4, 9),
             _diag("AA005", 5, 5), _diag("AA006", 4, 9), _diag("AA007", 10, 13), _diag("AA008", len(text), len(text)),
             _diag("AA009", 8, len(text))]
    page = render([FileResult("a.txt", text, diags)])
    walker = _Marks()
    walker.feed(page)
    assert walker.text == text
    found = _spans(walker.parts)
    _assert_exact(found, [(d.code, d.start, d.end) for d in diags])
    assert len(found["a0-3"][3]) == 2  # AA004 crosses AA002's end: split in two parts
    assert len(found["a0-1"][3]) == 1 and len(found["a0-2"][3]) == 1  # nested: one element each
    # One tab stop per finding: the first part; later parts are not focusable.
    tabbable = [a["data-id"] for a, _, _ in walker.parts if a.get("tabindex") == "0"]
    assert sorted(tabbable) == sorted(found)


def test_article_text_messages_and_paths_are_escaped():
    text = '<script>alert(1)</script> & <img src=x onerror="alert(2)">\n'
    fix = Fix.replace(0, 8, "</script><script>alert(3)")
    diags = [_diag("AA001", 0, 8, fix), Diagnostic("AA002", "t.x", Severity.ERROR, 9, 17, "<b>bold</b>", None)]
    page = render([FileResult('<i>"x".txt', text, diags)])
    assert page.count("<script") == 1 and page.count("</script>") == 1  # the page's own
    assert "<img" not in page and "<b>bold" not in page and "<i>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "&lt;i&gt;&quot;x&quot;.txt" in page
    walker = _Marks()
    walker.feed(page)
    assert walker.text == text


def test_fix_views_show_what_fix_and_unsafe_fixes_change():
    text = "The U.S.U.S. team met. , Then it left. \n"  # DUP001 and WS001 safe, PUNC001 unsafe
    page = render([FileResult("a.txt", text, _check(text, "a.txt"))])
    safe = page.split("would change</h3>")[1].split("<h3>")[0]
    unsafe = page.split("--unsafe-fixes</code></h3>")[1].split("</section>")[0]
    hunk = '<div class="diff"><div class="hunk"><span class="ln">line 1</span><p>{}</p></div></div>'
    assert safe == hunk.format("The <del>U.S.</del>U.S. team met. , Then it left.<del>␣</del>\n")
    assert unsafe == hunk.format("The <del>U.S.</del>U.S. team met. <del>, </del>Then it left.<del>␣</del>\n")


def _check(text: str, path: str):
    from lint import check_text

    return check_text(text, "text", path=path)


# --- in a real browser -------------------------------------------------------

def _chromium() -> str | None:
    for name in (os.environ.get("COPYDESK_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                    reason="headless Chromium not installed (apt-get install chromium)")

# Appended to a copy of the report: reads the page back the way a person
# would meet it (text, highlights, a focused highlight's tip), then clicks the
# filter's checkboxes and reads which highlights and findings stay visible.
# Headless Chromium may give the window focus a moment after load, and focus
# events wait for it: the harness waits too.
HARNESS = r"""<script>
(() => { const run = () => {
  const out = {title: document.title, pwned: window.__pwned === undefined ? null : String(window.__pwned)};
  out.articles = [...document.querySelectorAll('div.text')].map(div => {
    const parts = []; let pos = 0;
    (function walk(node) {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) { pos += [...child.data].length; continue; }
        if (child.nodeType !== 1) continue;
        const from = pos; walk(child);
        if (child.matches('mark.hl')) parts.push({id: child.dataset.id, code: child.dataset.code,
          start: +child.dataset.start, end: +child.dataset.end, from, to: pos});
      }
    })(div);
    return {path: div.dataset.path, text: div.textContent, parts};
  });
  const visible = () => ({
    marks: [...document.querySelectorAll('mark.hl:not([data-part])')]
      .filter(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)').map(m => m.dataset.id),
    rows: [...document.querySelectorAll('li.finding')].filter(li => li.offsetParent !== null).map(li => li.dataset.id),
    status: document.getElementById('status').textContent,
  });
  out.filtersShown = document.getElementById('filters').offsetParent !== null;
  const first = document.querySelector('mark.hl[data-code="DUP001"]');
  first.focus();
  const tip = document.getElementById('tip');
  out.focus = {focused: document.activeElement === first, tipShown: !tip.hidden && tip.offsetHeight > 0,
               tip: tip.textContent};
  first.blur();
  out.tipHiddenAfterBlur = tip.hidden;
  const inner = document.querySelector('mark.hl[data-code="PUNC001"]');
  inner.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
  out.hover = {tipShown: !tip.hidden, codes: [...tip.querySelectorAll('.code')].map(c => c.textContent)};
  document.body.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
  out.tipHiddenAfterHover = tip.hidden;
  out.all = visible();
  const box = (name, value) => document.querySelector(`#filters input[name=${name}][value="${value}"]`);
  box('family', 'WS').click(); out.noWS = visible();
  box('family', 'WS').click(); out.again = visible();
  box('severity', 'warning').click(); out.noWarnings = visible();
  const pre = document.createElement('pre'); pre.id = 'harness'; pre.textContent = JSON.stringify(out);
  document.body.append(pre);
}; const wait = () => document.hasFocus() ? run() : setTimeout(wait, 50); wait(); })();
</script>"""


def _browse(page: Path) -> dict:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
            capture_output=True, timeout=90, stdin=subprocess.DEVNULL)
    dom = done.stdout.decode("utf-8")
    found = re.search(r'<pre id="harness">(.*?)</pre>', dom, re.S)
    assert found, f"the harness did not run: {done.stderr.decode(errors='replace')[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


@pytest.fixture(scope="module")
def browsed(tmp_path_factory):
    assert CHROMIUM, "headless Chromium is needed here: apt-get install chromium"
    work = tmp_path_factory.mktemp("report")
    shutil.copy(SEED, work / SEED.name)
    (work / "evil.txt").write_bytes(EVIL_TXT.encode("utf-8"))
    (work / "evil.html").write_bytes(EVIL_HTML.encode("utf-8"))
    names = ["evil.html", "evil.txt", SEED.name]
    made = run_cli("check", "--format", "html", "-o", "report.html", *names, cwd=work)
    assert made.returncode == 1, made.stderr  # findings, as on the seed
    records = json.loads(run_cli("check", "--format", "json", *names, cwd=work).stdout)
    page = (work / "report.html").read_text(encoding="utf-8")
    assert page.rfind("</body>") == page.index("</body>")
    (work / "tested.html").write_text(page.replace("</body>", HARNESS + "</body>"), encoding="utf-8")
    return _browse(work / "tested.html"), records, work


@needs_chromium
def test_browser_shows_every_finding_at_its_json_offsets(browsed):
    seen, records, work = browsed
    assert [a["path"] for a in seen["articles"]] == ["evil.html", "evil.txt", SEED.name]
    for article in seen["articles"]:
        # The text in the page is the file's text, code point for code point (CRLF kept).
        assert article["text"] == (work / article["path"]).read_bytes().decode("utf-8")
        found = {}
        for p in article["parts"]:
            found.setdefault(p["id"], (p["start"], p["end"], p["code"], []))[3].append((p["from"], p["to"]))
        expected = [(r["code"], r["start"], r["end"]) for r in records if r["path"] == article["path"]]
        assert len(found) == len(expected)
        _assert_exact(found, expected)
    assert sum(len({p["id"] for p in a["parts"]}) for a in seen["articles"]) == len(records)


@needs_chromium
def test_injected_markup_does_not_run(browsed):
    seen, _, _ = browsed
    assert seen["title"] == "copydesk report"
    assert seen["pwned"] is None
    evil = next(a for a in seen["articles"] if a["path"] == "evil.txt")
    assert '<script>document.title="pwned";window.__pwned=1</script>' in evil["text"]


@needs_chromium
def test_focusing_a_highlight_shows_its_code_message_and_fix(browsed):
    seen, _, _ = browsed
    assert seen["focus"]["focused"] and seen["focus"]["tipShown"]
    assert "DUP001" in seen["focus"]["tip"] and "is written twice" in seen["focus"]["tip"]
    assert "“U.S.U.S.” → “U.S.”" in seen["focus"]["tip"]
    assert seen["tipHiddenAfterBlur"]


@needs_chromium
def test_hovering_a_nested_highlight_shows_it_and_the_finding_around_it(browsed):
    seen, _, _ = browsed
    assert seen["hover"] == {"tipShown": True, "codes": ["PUNC001", "CAP002"]}
    assert seen["tipHiddenAfterHover"]


@needs_chromium
def test_the_filter_hides_and_restores_highlights_and_findings(browsed):
    seen, records, _ = browsed
    ids = {}
    for n, article in enumerate(seen["articles"]):
        for p in article["parts"]:
            ids[p["id"]] = next(r for r in records if r["path"] == article["path"]
                                and (r["code"], r["start"], r["end"]) == (p["code"], p["start"], p["end"]))
    everything = sorted(ids)
    assert seen["filtersShown"]
    assert sorted(seen["all"]["marks"]) == everything and sorted(seen["all"]["rows"]) == everything
    assert seen["all"]["status"] == f"Showing {len(records)} of {len(records)} findings."
    no_ws = sorted(i for i, r in ids.items() if not r["code"].startswith("WS"))
    assert len(no_ws) < len(everything)
    assert sorted(seen["noWS"]["marks"]) == no_ws and sorted(seen["noWS"]["rows"]) == no_ws
    assert sorted(seen["again"]["marks"]) == everything
    no_warnings = sorted(i for i, r in ids.items() if r["severity"] != "warning")
    assert 0 < len(no_warnings) < len(everything)
    assert sorted(seen["noWarnings"]["marks"]) == no_warnings and sorted(seen["noWarnings"]["rows"]) == no_warnings
    assert seen["noWarnings"]["status"] == f"Showing {len(no_warnings)} of {len(records)} findings."
