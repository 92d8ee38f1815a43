"""Linting a long plain text window by window (segments.py), the windows in
batches, in this process or in a pool's workers, with the findings the
whole text would give.

A window's findings that start in its segment are kept, so each finding is
reported once. A rule that weighs the whole document (house style's
majority, lint/packs/consistency.py) takes part through three methods: the
engine runs its `gatherer(cores)` over the windows, whose `tally(doc,
policed, positions)` is what the segment holds (`tally.placed(offset,
where)` moves one made for a segment read on its own to its place in the
file); `combine(a, b)` joins two tallies, the earlier first;
`settle(tally, severity)` makes the file's findings once every window is
read. The cap on findings per rule (engine.MAX_FINDINGS) holds for the
file, as it does for a text linted whole.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable, NamedTuple

from ..core import engine
from ..core.engine import RuleError, lint_many
from ..core.lines import LineIndex
from ..core.model import Diagnostic
from ..core.rule import StandIn
from ..core.suppress import Suppressions
from .segments import Layout, Window, load_window

Position = tuple[int, int]  # (line, column), 1-based
_UNCAPPED = 1 << 62  # the engine's cap in a window: SegmentCap caps each rule there, Merger the file


class Part(NamedTuple):
    """What one window gives: its segment's findings (offsets in the whole
    file) with the positions of their starts and ends (when its first line
    was given), what the document-wide rules tallied there, and, by rule,
    how many findings past the cap its segment held besides."""

    found: list[Diagnostic]
    positions: list[tuple[Position, Position]]
    tallies: dict[str, object]
    more: dict[str, int] = {}


def lint_windows(windows: list[tuple[Window, int]], path: str, layout: Layout, selection, rules,
                 encoding: str = "utf-8") -> list[Part] | RuleError:
    """The Part of each (window, the line number its text starts on; 0: no
    positions), or the error of the first rule that failed."""
    docs = [load_window(window, path, layout, selection.settings, encoding) for window, _ in windows]
    cores = {id(doc): (*window.core, window.start) for (window, _), doc in zip(windows, docs)}
    gatherers = [rule.gatherer(cores) if hasattr(rule, "gatherer") else None for rule in rules]
    segments = {id(doc): window for (window, _), doc in zip(windows, docs)}
    in_engine = [g or SegmentCap(rule, segments) for g, rule in zip(gatherers, rules)]
    capped = [r for r in in_engine if isinstance(r, SegmentCap)]
    gathering = {g.code for g in gatherers if g is not None}
    with uncapped():
        results = lint_many(docs, in_engine, selection.severity)
    parts = []
    for (window, line), doc, found in zip(windows, docs, results):
        if isinstance(found, RuleError):
            return found
        at = locator(window, line)
        kept = [d.shifted(window.start) for d in found if d.code not in gathering]  # (SegmentCap: the segment's)
        gathered: dict[str, list[Diagnostic]] = {}  # each gatherer's provisional findings, as policed
        for d in found:
            if d.code in gathering:
                gathered.setdefault(d.code, []).append(d)
        tallies = {g.code: g.tally(doc, gathered.get(g.code, []), at) for g in gatherers if g is not None}
        parts.append(Part(kept, [(at(d.start), at(d.end)) for d in kept] if line else [], tallies,
                          SegmentCap.past_cap(capped, doc)))
    return parts


class SegmentCap(StandIn):
    """Stands in for a rule in the engine over window documents: of the
    findings that start in a window's segment and that policing reports,
    it passes on the first MAX_FINDINGS and counts the rest. A window is
    small, but no block is cut: a line of megabytes (a page saved with no
    line breaks) is one window, whose findings, all held, took gigabytes."""

    def __init__(self, rule, windows: dict[int, Window]):
        super().__init__(rule)
        self.windows, self.cap = windows, engine.MAX_FINDINGS  # (made before uncapped())
        self.more: dict[int, int] = {}  # id(doc) -> findings in its segment past the cap

    def check(self, doc):
        window, kept, suppressions = self.windows[id(doc)], 0, None
        for d in self.rule.check(doc):
            if not in_segment(d, window):
                continue  # another window's to report
            if suppressions is None:
                suppressions = Suppressions.parse(doc)
            if not engine.reported(doc, self.rule, d, suppressions, doc.block_at(d.start)):
                continue
            if kept < self.cap:
                kept += 1
                yield d
            else:
                self.more[id(doc)] = self.more.get(id(doc), 0) + 1

    @staticmethod
    def past_cap(capped: "list[SegmentCap]", doc) -> dict[str, int]:
        """By rule, how many findings of `doc`'s segment were past the cap."""
        return {c.code: c.more[id(doc)] for c in capped if id(doc) in c.more}


@contextmanager
def uncapped():
    """The engine keeps every finding of a window: the document-wide rules'
    gatherers tally them all; the other rules are capped in the window's
    segment (SegmentCap), and the file's cap is applied by Merger."""
    cap, engine.MAX_FINDINGS = engine.MAX_FINDINGS, _UNCAPPED
    try:
        yield
    finally:
        engine.MAX_FINDINGS = cap


def in_segment(d: Diagnostic, window: Window) -> bool:
    """Does the finding start in the window's segment (or at the text's
    very end, where the last segment ends)?"""
    s, e = window.core
    return s <= d.start < e or d.start == e == len(window.text)


def locator(window: Window, line: int):
    """(line, column) of an offset in the file, for offsets in `window`;
    None when its first line is not known."""
    if not line:
        return None
    index = LineIndex(window.text)

    def at(offset: int) -> Position:
        row, column = index.position(offset - window.start)
        return row + line - 1, column

    return at


class Merger:
    """The file's findings from its windows' Parts, taken in order: each
    rule capped for the file as a whole text would be, the document-wide
    rules settled at the end; with the positions of their offsets (when
    the Parts have them). Memory stays that of the findings kept."""

    def __init__(self, rules, severity):
        self.rules, self.severity = rules, severity
        self.wide = {rule.code: rule for rule in rules if hasattr(rule, "gatherer")}
        self.capped: dict[str, _Capped] = {}
        self.tallies: dict[str, object] = {}

    def add(self, part: Part) -> None:
        for i, d in enumerate(part.found):
            self.capped.setdefault(d.code, _Capped()).add(d, part.positions[i] if part.positions else None)
        for code, more in part.more.items():
            self.capped.setdefault(code, _Capped()).overflow(more)
        for code, tally in part.tallies.items():
            self.tallies[code] = self.wide[code].combine(self.tallies.get(code), tally)

    def result(self) -> tuple[list[Diagnostic], dict[int, Position]]:
        found, positions = [], {}
        for rule in self.rules:
            pairs = []
            if rule.code in self.capped:
                pairs = self.capped[rule.code].findings(self.severity.get(rule.code, rule.severity))
            elif rule.code in self.tallies:
                pairs = rule.settle(self.tallies[rule.code], self.severity)
            for d, where in pairs:
                found.append(d)
                if where:
                    positions[d.start], positions[d.end] = where
        found.sort(key=lambda d: (d.start, d.end, d.code))
        return found, positions


def merged(parts: Iterable[Part], rules, severity) -> tuple[list[Diagnostic], dict[int, Position]]:
    """Merger over `parts`."""
    merger = Merger(rules, severity)
    for part in parts:
        merger.add(part)
    return merger.result()


class _Capped:
    """One rule's findings, window after window: the first MAX_FINDINGS and
    a count of the rest."""

    def __init__(self):
        self.kept: list[tuple[Diagnostic, tuple | None]] = []
        self.more = 0

    def add(self, d: Diagnostic, where) -> None:
        if len(self.kept) < engine.MAX_FINDINGS and not self.more:
            self.kept.append((d, where))
        else:
            self.more += 1

    def overflow(self, more: int) -> None:
        """Findings a window counted past the cap: every later one is past it too."""
        self.more += more

    def findings(self, severity) -> list[tuple[Diagnostic, tuple | None]]:
        if not self.more:
            return self.kept
        last, where = self.kept[-1]
        summary = last._replace(start=last.end, message=engine.summary_message(last.code, self.more), fix=None,
                                severity=severity)
        return [*self.kept, (summary, where and (where[1], where[1]))]
