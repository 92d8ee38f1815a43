"""`fix` of a long plain text window by window (segments.py): each segment
is fixed with its context around it, as checking reads it, and only its
own findings are fixed there (the context is the next or last segment's
to fix). Safe fixes never come from the document-wide rules, so without
--unsafe-fixes those are left out of the fix passes and gathered from
each fixed segment, to be settled for the whole fixed file (archive.py)
as `check` would report them."""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

from ..core.engine import RuleError, lint, lint_many
from ..core.fix import fix_text
from ..core.model import Diagnostic
from .archive import Part, SegmentCap, locator, uncapped
from .segments import Layout, Window, load_window


class Fixed(NamedTuple):
    text: str  # the segment, fixed
    applied: list[Diagnostic]  # offsets in the text as read
    part: Part  # what remains: offsets (and positions) in the fixed file
    unstable: str | None


def fix_windows(windows: Iterable[tuple[Window, int, int]], path: str, layout: Layout, selection, rules,
                unsafe: bool, encoding: str = "utf-8") -> Iterator[Fixed]:
    """Each (window, where its segment starts in the fixed file, the line
    it starts on there; 0: no positions) with its segment fixed, in order.
    Raises RuleError."""
    wide = [] if unsafe else [r for r in rules if hasattr(r, "gatherer")]
    local = [r for r in rules if r not in wide]
    for window, at, line in windows:
        s, e = window.core
        after = len(window.text) - e

        def run(current: str):
            segment = window._replace(text=current, core=(s, len(current) - after))
            doc = load_window(segment, path, layout, selection.settings, encoding)
            capped = [SegmentCap(rule, {id(doc): segment}) for rule in local]
            found = _Found(_inside(d, segment) for d in lint(doc, capped, selection.severity))
            found.more = SegmentCap.past_cap(capped, doc)
            return found, doc

        fixed = fix_text(window.text, run, unsafe)
        text = fixed.text[s : len(fixed.text) - after]
        done = window._replace(start=at - s, text=fixed.text, core=(s, s + len(text)))
        where = locator(done, line - _lines_before(done) if line else 0)
        remaining = [d.shifted(at - s) for d in fixed.remaining]
        tallies = _gather(done, path, layout, selection, wide, where, encoding) if wide else {}
        part = Part(remaining, [(where(d.start), where(d.end)) for d in remaining] if where else [], tallies,
                    fixed.remaining.more)
        yield Fixed(text, [d.shifted(window.start) for d in fixed.applied], part, fixed.unstable)


class _Found(list):
    """A segment's findings, capped as a whole text's fix is (engine.MAX_FINDINGS
    a rule, MAX_PASSES passes), with `more`: by rule, how many past the cap."""

    more: dict[str, int]


def _lines_before(window: Window) -> int:
    """Line breaks in the context before the window's segment."""
    before = window.text[: window.core[0]]
    return before.count("\n") + before.count("\r") - before.count("\r\n")


def _inside(d: Diagnostic, segment: Window) -> Diagnostic:
    """`d`, without its fix when an edit reaches outside the segment."""
    start, end = segment.core
    if d.fix is None or all(start <= e.start and e.end <= end for e in d.fix.edits):
        return d
    return d.with_fix(None)


def _gather(window: Window, path: str, layout: Layout, selection, wide, where, encoding: str) -> dict:
    doc = load_window(window, path, layout, selection.settings, encoding)
    gatherers = [rule.gatherer({id(doc): (*window.core, window.start)}) for rule in wide]
    with uncapped():
        found = lint_many([doc], gatherers, selection.severity)[0]
    if isinstance(found, RuleError):
        raise found
    return {g.code: g.tally(doc, found, where) for g in gatherers}
