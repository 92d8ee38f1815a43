"""Apply fixes: non-overlapping edits per pass, re-lint until the text is
stable (bounded), and stop on a fix that undoes another instead of looping."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .model import Applicability, Diagnostic, Edit

MAX_PASSES = 10


@dataclass
class FixResult:
    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    # Set when the fixes did not settle: they cycle, or MAX_PASSES ran out.
    unstable: str | None = None

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


def shift_ranges(ranges: Ranges, applied: list[Diagnostic]) -> Ranges:
    """Where `ranges` (untouched by the applied edits) stand after them."""
    edits = sorted(e for d in applied for e in d.fix.edits)
    out, i, delta = [], 0, 0
    for start, end in sorted(ranges):
        while i < len(edits) and edits[i].end <= start:
            delta += len(edits[i].replacement) - (edits[i].end - edits[i].start)
            i += 1
        out.append((start + delta, end + delta))
    return out


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        insert, other = (a, b) if a.start == a.end else (b, a)
        # Inside a replaced range, or two insertions at one point (order unknown).
        return other.start < insert.start < other.end or other.start == other.end == insert.start
    return a.start < b.end and b.start < a.end


Ranges = list[tuple[int, int]]
# lint(text, keep) -> (diagnostics, protected ranges): `keep` are ranges that
# must stay protected whatever the text now parses as.
LintFn = Callable[[str, Ranges], tuple[list[Diagnostic], Ranges]]


def fix_text(text: str, lint: LintFn, unsafe: bool = False) -> FixResult:
    """Fix `text` with the diagnostics `lint` reports for it.

    Markup protected in the original stays protected in every later pass,
    even when a fix changes how the text parses (removing a zero-width space
    before "```" turns a paragraph into a code fence)."""
    result = FixResult(text)
    seen = {text}
    diagnostics, protected = lint(text, [])
    for _ in range(MAX_PASSES):
        todo = [d for d in diagnostics if applicable(d, unsafe)]
        if not todo:
            break
        new_text, chosen = apply_edits(result.text, todo)
        if new_text in seen:
            codes = ", ".join(sorted({d.code for d in chosen}))
            result.unstable = f"fixes undo each other ({codes}); left as they were"
            break
        seen.add(new_text)
        result.text = new_text
        result.applied.extend(chosen)
        diagnostics, protected = lint(new_text, shift_ranges(protected, chosen))
    else:
        if any(applicable(d, unsafe) for d in diagnostics):
            result.unstable = f"fixes still changing the text after {MAX_PASSES} passes"
    result.remaining = diagnostics
    return result
