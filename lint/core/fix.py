"""Apply fixes: non-overlapping edits per pass, re-lint until the text is
stable (bounded), and stop on a fix that undoes another instead of looping."""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from typing import Callable, Iterable, Protocol

from .model import Applicability, Diagnostic, Edit

MAX_PASSES = 10


class Markup(Protocol):
    """What a text holds that is not prose (code, tags, link targets)."""

    def markup_after(self, edits: Iterable[Edit]) -> object:
        """The markup, as a comparable value, that should remain once
        `edits` are applied: all of it, but for whole elements an edit
        removes."""


# lint(text) -> (diagnostics, the text's markup)
LintFn = Callable[[str], tuple[list[Diagnostic], Markup]]


class FixResult:
    def __init__(self, text: str):
        self.text = text
        self.applied: list[Diagnostic] = []
        self.remaining: list[Diagnostic] = []
        # Set when the fixes did not settle: they cycle, or MAX_PASSES ran out.
        self.unstable: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def applicable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)


def apply_edits(text: str, diagnostics: list[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    """Apply the fixes whose edits overlap no earlier accepted edit; the rest
    wait for the next pass. Returns the new text and the diagnostics fixed."""
    taken: list[Edit] = []
    chosen: list[Diagnostic] = []
    for d in sorted(diagnostics, key=lambda d: (d.fix.start, d.fix.end, d.code)):
        if any(_overlaps(e, t) for e in d.fix.edits for t in taken):
            continue
        taken.extend(d.fix.edits)
        chosen.append(d)
    parts, pos = [], 0
    for e in sorted(taken):
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), chosen


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        insert, other = (a, b) if a.start == a.end else (b, a)
        # Inside a replaced range, or two insertions at one point (order unknown).
        return other.start < insert.start < other.end or other.start == other.end == insert.start
    return a.start < b.end and b.start < a.end


def fix_text(text: str, lint: LintFn, unsafe: bool = False) -> FixResult:
    """Fix `text` with the diagnostics `lint` reports for it.

    A fix must leave markup as it was, both its bytes and what counts as
    markup: removing a zero-width space before "```" would turn a paragraph
    into a code fence and swallow the prose after it. (Removing a whole
    HTML element with the block it holds takes its tags along, as the
    markup expects.) A pass whose result parses to other markup than
    expected is dropped; each of its fixes is tried alone, and those that
    change the markup are refused (they stay reported)."""
    result = FixResult(text)
    seen = {text}
    diagnostics, markup = lint(text)
    refused: set[tuple[str, int, int]] = set()  # (code, start, end) in the current text
    # An unsafe fix acts only where `check` reports something on the text as
    # given (the spans carried through each pass's edits): a finding that an
    # earlier fix brought about elsewhere, such as the line left last once a
    # footer went, is reported, not acted on.
    reported = _Spans([(d.start, d.end) for d in diagnostics] if unsafe else [])

    def wanted(d: Diagnostic) -> bool:
        if not applicable(d, unsafe) or (d.code, d.start, d.end) in refused:
            return False
        return _safe(d) or reported.meets(d.start, max(d.end, d.start + 1))

    def keeps_markup(chosen: list[Diagnostic], new_markup: Markup) -> bool:
        return new_markup.markup_after(()) == markup.markup_after(e for d in chosen for e in d.fix.edits)

    for _ in range(MAX_PASSES):
        todo = [d for d in diagnostics if wanted(d)]
        if not todo:
            break
        new_text, chosen = apply_edits(result.text, todo)
        new_diagnostics, new_markup = lint(new_text)
        if not keeps_markup(chosen, new_markup):
            refused |= {(d.code, d.start, d.end) for d in chosen
                        if not keeps_markup([d], lint(apply_edits(result.text, [d])[0])[1])}
            continue
        if new_text in seen:
            codes = ", ".join(sorted({d.code for d in chosen}))
            result.unstable = f"fixes undo each other ({codes}); left as they were"
            break
        seen.add(new_text)
        # A refusal holds for the text it was tried on: other fixes may have
        # made a refused one harmless ("\u200f\t    code" is no indented code
        # once the tab is gone), so in the new text every fix is tried again.
        refused = set()
        if unsafe:
            reported = reported.moved(sorted(e for d in chosen for e in d.fix.edits))
        result.text, diagnostics, markup = new_text, new_diagnostics, new_markup
        result.applied.extend(chosen)
    else:
        if any(wanted(d) for d in diagnostics):
            result.unstable = f"fixes still changing the text after {MAX_PASSES} passes"
    result.remaining = diagnostics
    return result


def _safe(d: Diagnostic) -> bool:
    return d.fix.applicability is Applicability.SAFE


class _Spans:
    """Spans of the text, asked whether any meets a stretch, in log time
    (a long article has thousands of findings). An empty span (what an
    earlier fix removed whole) stands for nothing, not even beside it."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted((s, e) for s, e in spans if s < e)
        self.starts = [s for s, _ in self.spans]
        self.reach = list(accumulate((e for _, e in self.spans), max))  # the furthest end so far

    def meets(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # the spans that start before `end`
        return k > 0 and self.reach[k - 1] > start

    def moved(self, edits: list[Edit]) -> "_Spans":
        """The spans once `edits` (sorted, not overlapping) are applied; a
        position inside an edit goes to where its replacement starts."""
        starts = [e.start for e in edits]
        shifts = [0, *accumulate(len(e.replacement) - (e.end - e.start) for e in edits)]

        def moved(pos: int) -> int:
            k = bisect_left(starts, pos)  # the edits that start before `pos`
            if k and edits[k - 1].end > pos:
                return edits[k - 1].start + shifts[k - 1]
            return pos + shifts[k]

        return _Spans([(moved(s), moved(e)) for s, e in self.spans])
