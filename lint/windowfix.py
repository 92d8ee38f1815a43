"""`fix` of a long plain text window by window (segments.py): each segment
is fixed with its context around it, as checking reads it, and only its
own findings are fixed there (the context is the next or last segment's
to fix). Safe fixes never come from the document-wide rules, so without
--unsafe-fixes those are left out of the fix passes and settled for the
whole fixed file at the end (archive.py), as `check` would report them."""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

from .archive import Merger, in_segment
from .engine import RuleError, lint, lint_many
from .fix import fix_text
from .model import Diagnostic
from .segments import Layout, Window, load_window


class Fixed(NamedTuple):
    text: str  # the segment, fixed
    applied: list[Diagnostic]  # offsets in the text as read
    remaining: list[Diagnostic]  # offsets in the fixed file
    unstable: str | None


def fix_windows(windows: Iterable[Window], path: str, layout: Layout, selection, rules, unsafe: bool,
                encoding: str = "utf-8") -> Iterator[Fixed]:
    """Each window's segment fixed, in order; the last item's `remaining`
    also holds the document-wide rules' findings for the whole fixed file.
    Raises RuleError."""
    wide = [] if unsafe else [r for r in rules if hasattr(r, "gatherer")]
    local = [r for r in rules if r not in wide]
    merger = Merger(wide, selection.severity)
    at = 0  # where the segment starts in the fixed file
    for window in windows:
        s, e = window.core
        after = len(window.text) - e

        def run(current: str):
            core_end = len(current) - after
            doc = load_window(window._replace(text=current, core=(s, core_end)), path, layout, selection.settings,
                              encoding)
            segment = window._replace(text=current, core=(s, core_end))
            found = [_inside(d, s, core_end) for d in lint(doc, local, selection.severity) if in_segment(d, segment)]
            return found, doc

        part = fix_text(window.text, run, unsafe)
        text = part.text[s : len(part.text) - after]
        if wide:
            fixed = window._replace(start=at - s, text=part.text, core=(s, s + len(text)))
            _gather(fixed, path, layout, selection, wide, merger, encoding)
        yield Fixed(text, [d.shifted(window.start) for d in part.applied],
                    [d.shifted(at - s) for d in part.remaining], part.unstable)
        at += len(text)
    if wide:
        yield Fixed("", [], merger.result()[0], None)


def _inside(d: Diagnostic, start: int, end: int) -> Diagnostic:
    """`d`, without its fix when an edit reaches outside the segment."""
    if d.fix is None or all(start <= e.start and e.end <= end for e in d.fix.edits):
        return d
    return d.with_fix(None)


def _gather(window: Window, path: str, layout: Layout, selection, wide, merger: Merger, encoding: str) -> None:
    from .archive import Part

    doc = load_window(window, path, layout, selection.settings, encoding)
    gatherers = [rule.gatherer({id(doc): (*window.core, window.start)}) for rule in wide]
    found = lint_many([doc], gatherers, selection.severity)[0]
    if isinstance(found, RuleError):
        raise found
    merger.add(Part([], [], {g.code: g.tally(doc, found) for g in gatherers}))
