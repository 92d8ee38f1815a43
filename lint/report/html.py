"""--format html: one self-contained page for editors.

A summary, a filter, and each article's source text with every finding marked
at its exact offsets, then what `copydesk fix` (and `--unsafe-fixes`) would
change as an inline diff. No external scripts, fonts or requests; every piece
of article text is escaped, and the page's one script never parses markup.
"""

from __future__ import annotations

import difflib
import html
import unicodedata
import zlib
from collections import Counter

from ..core.model import Applicability
from ..speed import patterncache
from .text import summary

SEVERITIES = ("error", "warning", "info")
# Family colours: a light background for the highlight, a dark tone for its
# underline and code badge (both readable on white and in print).
_PALETTE = {
    "DUP": ("#ffd6d6", "#a30000"), "BOIL": ("#e4d7ff", "#5b2ca0"), "CAP": ("#ffe1bd", "#8f4500"),
    "NEG": ("#ffd3ee", "#9c0057"), "PUNC": ("#cfeeff", "#00577f"), "WS": ("#d9f3d0", "#2b6620"),
    "ENC": ("#fff0a0", "#6f5800"), "STY": ("#cdf3ec", "#00665a"), "PL": ("#e4e4e4", "#3f3f3f"),
}
_SPARE = [("#f9dcc4", "#7d3c12"), ("#dfe7fd", "#2d4a9c"), ("#e9f5c9", "#4b6312"), ("#fbd5e5", "#8a1f4f")]
_FAMILY = patterncache.compile(r"[A-Z]+")
_TOKEN = patterncache.compile(r"\r?\n|[^\S\r\n]+|\w+|[^\w\s]|\r")  # a line break is its own token
_TICKS = patterncache.compile(r"`([^`]*)`")
_NAMED = {"\n": "⏎", "\t": "⇥", "\u00a0": "⍽"}  # shown in diffs and tips; see the legend


def _esc(text: str) -> str:
    # A raw CR would be folded into LF by the HTML parser and ESC would be
    # stripped by click.unstyle on the way out: both would shift offsets.
    return html.escape(text, quote=True).replace("\r", "&#13;").replace("\x1b", "&#27;")


def _family(d) -> str:
    found = _FAMILY.match(d.code)  # the code's letters: DUP001 -> DUP
    return found.group() if found else "OTHER"


def _colours(family: str) -> tuple[str, str]:
    return _PALETTE.get(family) or _SPARE[zlib.crc32(family.encode()) % len(_SPARE)]


def _visible(text: str) -> str:
    """Invisible characters as symbols, so a tip or diff shows what changes."""
    out = []
    for ch in text.replace("\r\n", "\n"):
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif ch != " " and unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cf", "Cc"):
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "".join(out)


def _clip(text: str, keep: int = 40) -> str:
    return text if len(text) <= 2 * keep + 3 else text[:keep] + " … " + text[-keep:]


def _fix_text(text: str, d) -> str:
    if d.fix is None:
        return "no automatic fix"
    edits = "; ".join(f"“{_clip(_visible(text[e.start:e.end]))}” → “{_clip(_visible(e.replacement))}”"
                      for e in d.fix.edits)
    if d.fix.applicability is Applicability.SAFE:
        return f"safe fix: {edits}"
    return f"unsafe fix (only with --unsafe-fixes): {edits}"


def _marked(text: str, diags: list, art: int) -> str:
    """The text with a <mark> per finding over [start, end). Nested findings
    nest; one that crosses another's edge is split into parts (data-part);
    a zero-width finding is an empty mark that CSS draws as a caret."""
    rank = {i: r for r, i in enumerate(sorted(range(len(diags)), key=lambda i: (diags[i].start, -diags[i].end, i)))}
    starts, ends, points = {}, {}, {}
    for i, d in enumerate(diags):
        if d.start == d.end:
            points.setdefault(d.start, []).append(i)
        else:
            starts.setdefault(d.start, []).append(i)
            ends.setdefault(d.end, []).append(i)
    cuts = sorted({0, len(text), *starts, *ends, *points})
    out, stack, active, opened, parts = [], [], set(), [], Counter()
    for n, at in enumerate(cuts):
        active.difference_update(ends.get(at, ()))
        active.update(starts.get(at, ()))
        want = sorted(active, key=rank.__getitem__) if n + 1 < len(cuts) else []
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] == want[keep]:
            keep += 1
        out.append("</mark>" * (len(stack) - keep))
        del stack[keep:]
        for i in points.get(at, ()):
            opened.append((len(out), i, 0))
            out.extend(("", "</mark>"))
        for i in want[keep:]:
            opened.append((len(out), i, parts[i]))
            parts[i] += 1
            out.append("")
            stack.append(i)
        if n + 1 < len(cuts):
            out.append(_esc(text[at:cuts[n + 1]]))
    for slot, i, part in opened:
        out[slot] = _mark_tag(text, diags[i], f"a{art}-{i}", part, part == parts[i] - 1 or not parts[i])
    return "".join(out)


def _mark_tag(text: str, d, ident: str, part: int, last: bool) -> str:
    classes = ["hl", f"fam-{_family(d)}", f"sev-{d.severity.value}"]
    if d.start == d.end:
        classes.append("point")
    elif not text[d.start:d.end].strip():
        classes.append("blank")
    if last:
        classes.append("end")
    attrs = (f'class="{" ".join(classes)}" data-id="{ident}" data-code="{_esc(d.code)}" data-family="{_family(d)}" '
             f'data-severity="{d.severity.value}" data-start="{d.start}" data-end="{d.end}"')
    if part:
        return f'<mark {attrs} data-part="{part}">'
    return f'<mark id="m-{ident}" {attrs} tabindex="0" aria-describedby="f-{ident}">'


def _finding(result, d, ident: str) -> str:
    line, column = result.lines.position(d.start)
    return (f'<li id="f-{ident}" class="finding fam-{_family(d)}" data-id="{ident}" data-family="{_family(d)}" '
            f'data-severity="{d.severity.value}"><a class="where" href="#m-{ident}">{line}:{column}</a> '
            f'<span class="what"><b class="code">{_esc(d.code)}</b> <span class="sev sev-{d.severity.value}">'
            f'{d.severity.value}</span> <span class="name">{_esc(d.name)}</span> '
            f'<span class="msg">{_esc(d.message)}</span> <span class="fix">{_esc(_fix_text(result.text, d))}</span>'
            f'</span></li>')


def _context(text: str, head: bool, tail: bool, keep: int = 80) -> str:
    """Unchanged text around a change, shortened to its ends."""
    if len(text) <= 2 * keep + 20:
        return _esc(text)
    left = text[:keep].rsplit(" ", 1)[0] if head else ""
    right = text[-keep:].split(" ", 1)[-1] if tail else ""
    return f'{_esc(left)}<span class="gap"> … </span>{_esc(right)}'


def _shown(change: str) -> str:
    """A deleted or inserted run; one of white space only shows its spaces."""
    return _visible(change).replace(" ", "␣") if not change.strip() else _visible(change)


def _inline(old: str, new: str) -> str:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out = []
    ops = difflib.SequenceMatcher(None, a, b).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            out.append(_context("".join(a[i1:i2]), n > 0, n + 1 < len(ops)))
            continue
        if i2 > i1:
            out.append(f'<del>{_esc(_shown("".join(a[i1:i2])))}</del>')
        if j2 > j1:
            out.append(f'<ins>{_esc(_shown("".join(b[j1:j2])))}</ins>')
    return "".join(out)


def _diff(old: str, new: str) -> str:
    """Changed lines (paragraphs, in most articles) with word-level changes."""
    a, b = old.splitlines(True), new.splitlines(True)
    rows = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        where = f"line {i1 + 1}" if i2 <= i1 + 1 else f"lines {i1 + 1}–{i2}"
        if i1 == i2:
            where = f"after line {i1}"
        rows.append(f'<div class="hunk"><span class="ln">{where}</span>'
                    f'<p>{_inline("".join(a[i1:i2]), "".join(b[j1:j2]))}</p></div>')
    return "".join(rows) or "<p>Nothing to change.</p>"


def _fixes(result, linter) -> str:
    """What `copydesk fix` would make of the file, safe fixes then all."""
    diags = result.diagnostics
    safe = any(d.fix and d.fix.applicability is Applicability.SAFE for d in diags)
    unsafe = any(d.fix and d.fix.applicability is Applicability.UNSAFE for d in diags)
    views = [("What <code>copydesk fix</code> would change", False, safe),
             ("With <code>--unsafe-fixes</code>", True, unsafe)]
    out, seen = [], None
    for title, use_unsafe, applies in views:
        out.append(f"<h3>{title}</h3>")
        if not applies:
            out.append(_SAME if use_unsafe and safe else "<p>Nothing to change.</p>")
            continue
        try:
            fixed = linter.fix(result.text, result.path, unsafe=use_unsafe, kinds=result.kinds).text
        except Exception as exc:  # a failing rule must not lose the whole report
            out.append(f'<p class="failed">Could not compute: {_esc(f"{type(exc).__name__}: {exc}")}</p>')
            continue
        if fixed == seen:
            out.append(_SAME)
        else:
            out.append(f'<div class="diff">{_diff(result.text, fixed)}</div>')
        seen = fixed
    return "".join(out)


_SAME = "<p>The same as <code>copydesk fix</code>: no unsafe fix applies here.</p>"


def _counts(diags) -> list[int]:
    by = Counter(d.severity.value for d in diags)
    safe = sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.UNSAFE)
    return [*(by[s] for s in SEVERITIES), len(diags), safe, unsafe]


def _row(label: str, numbers: list[int]) -> str:
    cells = "".join(f"<td>{n}</td>" for n in numbers)
    return f'<tr><th scope="row">{label}</th>{cells}</tr>'


def _table(caption: str, first: str, rows: list[str], total: list[int]) -> str:
    names = (first, *SEVERITIES, "total", "safe fixes", "unsafe fixes")
    head = "".join(f'<th scope="col">{h}</th>' for h in names)
    return (f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody><tfoot>{_row('all', total)}</tfoot></table>")


def _summary(results, families: dict[str, str]) -> str:
    diags = [d for r in results for d in r.diagnostics]
    fam_rows = [_row(f'<span class="swatch fam-{f}"></span>{_esc(label)} ({f})',
                     _counts([d for d in diags if _family(d) == f])) for f, label in families.items()]
    art_rows = []
    for n, r in enumerate(results):
        name = _esc(r.path)
        link = f'<a href="#a{n}">{name}</a>' if r.diagnostics or r.error else name
        art_rows.append(_row(link, _counts(r.diagnostics)))
    line = _TICKS.sub(r"<code>\1</code>", _esc(summary(results)))
    return (f'<p class="total">{line}</p>'
            + _table("Findings by family", "family", fam_rows, _counts(diags))
            + _table(f"Findings by article ({len(results)})", "article", art_rows, _counts(diags)))


def _filters(results, families: dict[str, str]) -> str:
    diags = [d for r in results for d in r.diagnostics]
    fam = Counter(_family(d) for d in diags)
    sev = Counter(d.severity.value for d in diags)
    boxes = "".join(f'<label><input type="checkbox" name="family" value="{f}" checked> '
                    f'<span class="swatch fam-{f}"></span>{_esc(label)} ({f}) <span class="n">{fam[f]}</span></label>'
                    for f, label in families.items())
    levels = "".join(f'<label><input type="checkbox" name="severity" value="{s}" checked> <span class="sample '
                     f'sev-{s}">{s}</span> <span class="n">{sev[s]}</span></label>' for s in SEVERITIES)
    return (f'<form id="filters" hidden aria-label="Filter findings">'
            f'<fieldset><legend>Family</legend>{boxes}</fieldset><fieldset><legend>Severity</legend>{levels}</fieldset>'
            f'<p id="status" role="status" aria-live="polite"></p></form>')


def _article(result, n: int, linter) -> str:
    head = f'<h2 id="a{n}-h">{_esc(result.path)}</h2>'
    if result.error:
        why = _esc(result.error)
        return f'<section class="article" id="a{n}">{head}<p class="failed">Not checked: {why}</p></section>'
    diags = result.diagnostics
    items = "".join(_finding(result, d, f"a{n}-{i}") for i, d in enumerate(diags))
    return (f'<section class="article" id="a{n}" aria-labelledby="a{n}-h">{head}'
            f'<div class="text" data-path="{_esc(result.path)}">{_marked(result.text, diags, n)}</div>'
            f'<h3>Findings ({len(diags)})</h3><ol class="findings">{items}</ol>{_fixes(result, linter)}</section>')


def _family_css(families: dict[str, str]) -> str:
    return "".join(".fam-%s{--bg:%s;--fg:%s}" % (f, *_colours(f)) for f in families)


def _reporting_rules(result, made: dict):
    """Without the CLI's linter: one limited to the rules that reported here,
    so the fix views do not bring in rules the run left out."""
    from ..run.linter import Linter

    codes = tuple(sorted({d.code for d in result.diagnostics}))
    if codes not in made:
        made[codes] = Linter({"select": codes})
    return made[codes]


def render(results, linter=None, **_) -> str:
    """The report page. `linter` (the CLI's) makes the fix views follow the
    run's selection exactly; without it they use the rules that reported."""
    families = {}
    for d in sorted((d for r in results for d in r.diagnostics), key=lambda d: d.code):
        families.setdefault(_family(d), d.name.split(".")[0])
    made: dict = {}
    articles = "".join(_article(r, n, linter or _reporting_rules(r, made)) for n, r in enumerate(results)
                       if r.diagnostics or r.error)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>copydesk report</title><style>{_CSS}{_family_css(families)}</style></head><body>'
            f'<header><h1>copydesk report</h1>{_summary(results, families)}{_LEGEND}</header>'
            f'{_filters(results, families)}<main>{articles}</main>'
            f'<div id="tip" role="tooltip" hidden></div><script>{_JS}</script></body></html>\n')


_LEGEND = ('<p class="legend">Underline: <span class="sample sev-error">error</span> solid, '
           '<span class="sample sev-warning">warning</span> dashed, <span class="sample sev-info">info</span> '
           'dotted; the small code after a highlight names the rule. ␣ marks a finding on white space only, ‸ a '
           'finding at a point (something missing there). In fixes and diffs: ⍽ no-break space, ⏎ line break, '
           '⇥ tab, ⟨U+…⟩ another invisible character. Hover over or tab to a highlight for its details.</p>')

_CSS = """
:root{color-scheme:light}
body{margin:0 auto;max-width:60em;padding:0 1.5em 4em;
 font:16px/1.5 system-ui,"DejaVu Sans",sans-serif;color:#1b1b1b;background:#fff}
h1{margin:.6em 0 .2em}
h2{margin-top:2em;border-top:2px solid #bbb;padding-top:.6em;font-size:1.25em;word-break:break-all}
h3{font-size:1em;margin:1.4em 0 .4em}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}
caption{text-align:left;font-weight:600;padding:.3em 0}
th,td{border:1px solid #c8c8c8;padding:.2em .6em;text-align:right}
th[scope=row]{text-align:left;font-weight:normal}
thead th,tfoot th{background:#f2f2f2}thead th:first-child{text-align:left}
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em;
 background:var(--bg);border:2px solid var(--fg)}
.legend{font-size:.85em;color:#444}
.sample{padding:0 .2em;border-bottom:2px solid #555}.sample.sev-error{border-bottom-width:3px}
.sample.sev-warning,mark.hl.sev-warning{border-bottom-style:dashed}
.sample.sev-info,mark.hl.sev-info{border-bottom-style:dotted}
#filters{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #ccc;
 padding:.4em 0;display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;font-size:.9em}
#filters[hidden]{display:none}
fieldset{border:1px solid #ccc;margin:0;padding:.2em .6em}fieldset label{margin-right:.8em;white-space:nowrap}
.n{color:#555}#status{margin:0}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font:17px/1.7 Georgia,"DejaVu Serif",serif;
 border-left:4px solid #ddd;padding:.2em 0 .2em 1em}
mark.hl{background:var(--bg);color:inherit;border-bottom:2px solid var(--fg);border-radius:2px;cursor:help}
mark.hl.sev-error{border-bottom-width:3px}
mark.hl:focus{outline:3px solid #1747c2;outline-offset:1px}
mark.hl.end::after{content:attr(data-code);font:600 .6em/1 system-ui,"DejaVu Sans",sans-serif;
 color:var(--fg);vertical-align:super;margin-left:.15em}
mark.hl.blank:not([data-part])::before{content:"␣";color:var(--fg)}
mark.hl.point::before{content:"‸";color:var(--fg);font-weight:700}
mark.hl.off{background:none;border-bottom:0;cursor:auto}mark.hl.off::before,mark.hl.off::after{content:none}
.findings{font-size:.9em;padding-left:2em}.findings li{margin:.2em 0}
.code{font-family:"DejaVu Sans Mono",monospace}.name{color:#555}.fix{display:block;color:#333}
.sev{font-size:.85em;text-transform:uppercase;letter-spacing:.03em}.sev-error.sev{color:#a30000}
.finding{border-left:4px solid var(--fg);padding-left:.5em}
.diff .hunk{margin:.4em 0;padding:.3em .6em;background:#fafafa;border:1px solid #e2e2e2}
.diff .ln{font-size:.8em;color:#555}.diff p{margin:.2em 0;white-space:pre-wrap;overflow-wrap:anywhere}
del{background:#ffe0e0;color:#7a0000;text-decoration:line-through}
ins{background:#dcf5dc;color:#0b5a0b;text-decoration:underline}
.gap{color:#777}.failed{color:#a30000}
#tip{position:absolute;z-index:3;max-width:32em;background:#fff;border:1px solid #555;
 box-shadow:0 2px 8px #0003;padding:.4em .7em;font-size:.9em}
#tip p{margin:.2em 0}#tip p+p{border-top:1px solid #ddd;padding-top:.3em}
@media print{
 #filters,#tip{display:none!important}
 body{max-width:none;font-size:10pt}.text{font-size:11pt}
 mark.hl,.swatch,del,ins,.diff .hunk{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .article{break-before:page}.hunk,.finding{break-inside:avoid}a{color:inherit;text-decoration:none}
}
"""

# The page's behaviour: tips on hover and focus, and the filter. It only
# clones and toggles nodes the page already has; it never parses strings.
_JS = """
(() => {
  const tip = document.getElementById('tip'), form = document.getElementById('filters');
  const status = document.getElementById('status'), rows = [...document.querySelectorAll('li.finding')];
  form.hidden = false;
  const hide = () => { tip.hidden = true; };
  function show(mark) {
    const ids = [];
    for (let m = mark; m; m = m.parentElement.closest('mark.hl'))
      if (!m.classList.contains('off') && !ids.includes(m.dataset.id)) ids.push(m.dataset.id);
    if (!ids.length) return hide();
    tip.replaceChildren(...ids.map(id => {
      const p = document.createElement('p');
      p.append(document.getElementById('f-' + id).querySelector('.what').cloneNode(true));
      return p;
    }));
    tip.hidden = false;
    const r = mark.getBoundingClientRect(), width = document.documentElement.clientWidth;
    tip.style.left = (scrollX + Math.max(8, Math.min(r.left, width - tip.offsetWidth - 8))) + 'px';
    tip.style.top = (scrollY + r.bottom + 6) + 'px';
  }
  const markOf = e => e.target instanceof Element ? e.target.closest('mark.hl') : null;
  document.addEventListener('mouseover', e => { const m = markOf(e); m ? show(m) : hide(); });
  document.addEventListener('focusin', e => { const m = markOf(e); m ? show(m) : hide(); });
  document.addEventListener('focusout', hide);
  document.addEventListener('keydown', e => { if (e.key === 'Escape') hide(); });
  document.addEventListener('click', e => {
    const link = e.target instanceof Element ? e.target.closest('a.where') : null;
    const mark = link && document.getElementById(link.hash.slice(1));
    if (!mark || mark.classList.contains('off')) return;
    e.preventDefault();
    mark.scrollIntoView({block: 'center'});
    mark.focus();
  });
  function apply() {
    const chosen = name => new Set([...form.querySelectorAll(`input[name=${name}]:checked`)].map(i => i.value));
    const families = chosen('family'), levels = chosen('severity');
    const on = el => families.has(el.dataset.family) && levels.has(el.dataset.severity);
    for (const m of document.querySelectorAll('mark.hl')) {
      m.classList.toggle('off', !on(m));
      if (!m.dataset.part) m.tabIndex = on(m) ? 0 : -1;
    }
    let shown = 0;
    for (const li of rows) { li.hidden = !on(li); shown += on(li); }
    status.textContent = `Showing ${shown} of ${rows.length} findings.`;
    hide();
  }
  form.addEventListener('change', apply);
  apply();
})();
"""
