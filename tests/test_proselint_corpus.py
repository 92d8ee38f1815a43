"""The PL rules find on real articles exactly what proselint finds.

Read at run time from the shared corpora (clean/bbc and clean/modern, every
sixth article): for every proselint check, the checks that copydesk's gates
let run find what proselint's own LintFile finds on the same text, finding
for finding (check, span, message, suggestion); and copydesk's PL findings
are the same with the gates as when every check runs on every article.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from lint.adapters import proselint as adapter
from lint.api import check_text
from lint.formats import load

ROOT = Path(__file__).resolve().parent.parent
STEP = 6  # every sixth article
RESTRICTED_STEP = 60  # the restricted-vocabulary checks flag every word: fewer articles


def _corpora() -> Path | None:
    for candidate in (os.environ.get("COPYDESK_CORPORA"), ROOT.parent / "shared" / "corpora", "/work/shared/corpora"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


CORPORA = _corpora()
pytestmark = pytest.mark.skipif(CORPORA is None, reason="the shared corpora are not here (set COPYDESK_CORPORA)")


def _sample(step: int) -> list[tuple[str, str]]:
    files = sorted((CORPORA / "clean").glob("*/*.txt"))
    return [(f.relative_to(CORPORA).as_posix(), f.read_text(encoding="utf-8")) for f in files[::step]]


def _live_paths() -> list[str]:
    return [p for p in adapter.table() if p in adapter.checks_by_path()]


def _proselints(content: str, paths: list[str]) -> Counter:
    """proselint's own findings on the text copydesk hands it (LintFile wraps
    it in the same newlines), every check at `paths` enabled, none capped."""
    from proselint.tools import LintFile

    config = {"max_errors": 10**9, "checks": dict.fromkeys(paths, True)}
    return Counter(r.check_result for r in LintFile("<corpus>", content[1:-1]).lint(config))


def _gated(doc, content: str, paths: list[str]) -> Counter:
    """What the checks copydesk's gates let run find, quotations skipped as
    LintFile skips them."""
    from proselint.tools import LintFile

    quotes = LintFile("<corpus>", content[1:-1])
    return Counter(r for path in paths for check in adapter.checks_to_run(doc, path)
                   for r in check.check_with_flags(content)
                   if check.flags.allow_quotes or not quotes.is_quoted_pos(r.span[0]))


@pytest.mark.parametrize("step, restricted", [(STEP, False), (RESTRICTED_STEP, True)])
def test_gated_checks_find_what_proselint_finds(step, restricted):
    paths = [p for p in _live_paths() if p.startswith("restricted.") == restricted]
    found_by: Counter = Counter()
    for name, text in _sample(step):
        doc = load(text, name, "text")
        content = adapter.prepared(doc).content
        theirs = _proselints(content, paths)
        ours = _gated(doc, content, paths)
        assert ours == theirs, f"{name}: copydesk {sorted(ours - theirs)}, proselint {sorted(theirs - ours)}"
        found_by.update(r.check_path for r in theirs)
    if restricted:
        assert set(found_by) == set(paths)
    else:  # not vacuous: the sample holds findings of many checks
        assert len(found_by) >= 30 and sum(found_by.values()) >= 800


def test_pl_findings_are_the_same_without_the_gates(monkeypatch):
    codes = [adapter.table()[p]["code"] for p in _live_paths() if not p.startswith("restricted.")]
    texts = [text for _, text in _sample(STEP)]

    def findings():
        return [[(d.code, d.start, d.end, d.message, d.fix) for d in check_text(t, select=codes)] for t in texts]

    gated = findings()
    monkeypatch.setattr(adapter._PathGate, "passes", lambda self, doc: True)
    monkeypatch.setattr(adapter, "checks_to_run", lambda doc, path: adapter.checks_by_path().get(path, ()))
    assert findings() == gated
    assert sum(map(len, gated)) >= 500


def test_copydesk_reports_proselints_findings_on_the_articles():
    """End to end, on the article files as they are: every PL finding
    copydesk reports is one of proselint's (the same check, the same
    characters, or those characters without the white space a pattern took
    with them; PL008 may start earlier, at a time's hour). proselint's
    findings that copydesk leaves out are those its reporting rules leave
    out: a span across two paragraphs, words inside a quotation as copydesk
    pairs quotation marks (news style leaves one open across paragraphs),
    a block that is not prose (a table of figures, code)."""
    from proselint.tools import LintFile

    from lint.core.document import quotation_spans

    paths = [p for p in _live_paths() if not p.startswith("restricted.")]
    by_code = {adapter.table()[p]["code"]: p for p in paths}
    config = {"max_errors": 10**9, "checks": dict.fromkeys(paths, True)}
    reported = left_out = 0
    for name, text in _sample(STEP):
        theirs = [(r.check_result.check_path, r.check_result.span[0] - 1, r.check_result.span[1] - 1)
                  for r in LintFile("<corpus>", text).lint(config)]
        matched = set()
        for d in check_text(text, select=list(by_code)):
            path = by_code[d.code]
            found = [t for t in theirs if t[0] == path and (
                t[1:] == (d.start, d.end) or text[t[1]:t[2]].strip() == text[d.start:d.end] and t[1] <= d.start
                or path == "dates_times.am_pm.midnight_noon" and t[2] == d.end)]
            assert found, f"{name}: copydesk's {d.code} {text[d.start:d.end]!r} at {d.start} is not proselint's"
            matched.update(found)
            reported += 1
        doc = load(text, name, "text")
        for path, start, end in set(theirs) - matched:
            block = doc.block_at(start)
            inside = block is not None and block.source_start <= start and end <= block.source_end
            quoted = inside and any(s <= start - block.source_start < e for s, e in quotation_spans(block.text))
            assert not inside or quoted or not block.prose, f"{name}: proselint's {path} {text[start:end]!r} left out"
            left_out += 1
    assert reported >= 800 and left_out <= reported // 20
