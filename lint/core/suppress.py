"""Inline suppression directives in Markdown and HTML comments:

    <!-- copydesk-disable CODE[,CODE] -->  ...  <!-- copydesk-enable [CODE] -->
    <!-- copydesk-disable-next-line CODE -->
    <!-- copydesk-disable-file -->

No codes means every rule. A code may be a prefix ("DUP") or a rule name.
Plain text has no comments: there a finding is accepted in the
configuration instead (`[[allow]]`, lint/core/allow.py), in any format.
A comment that looks like a directive but is not one, names no rule, or
enables what no disable turned off, is a finding of its own
(lint/checks/directives.py: SUP001, SUP002, SUP003).
"""

from __future__ import annotations

from typing import NamedTuple

from ..speed import patterncache
from .document import Document
from .model import Diagnostic

VERBS = ("disable", "enable", "disable-next-line", "disable-file")
_DIRECTIVE = patterncache.compile(r"<!--\s*copydesk-(?P<verb>[a-z-]+)(?=\s|-->)(?P<codes>[^>]*?)\s*-->")
_CODE = patterncache.compile(r"[^\s,]+")


def codes_of(text: str, offset: int = 0):
    """The codes a directive names, each with its offset: "NEG001, DUP"."""
    return [(m.group(), offset + m.start()) for m in _CODE.finditer(text)]


class _Range(NamedTuple):
    start: int
    end: int
    codes: frozenset[str] | None  # None: every rule
    touching: bool = False  # covers a finding that overlaps it (accepted words), not only one starting in it
    but: frozenset[str] = frozenset()  # the rules an enable turned back on inside it

    def covers(self, d: Diagnostic) -> bool:
        inside = self.start <= d.start < self.end
        if not (inside or (self.touching and d.start < self.end and self.start < max(d.end, d.start + 1))):
            return False
        if any(_names(c, d) for c in self.but):
            return False
        return self.codes is None or any(_names(c, d) for c in self.codes)


def _names(selector: str, d: Diagnostic) -> bool:
    """Does a directive's code name the finding's rule? As a selection does
    (registry.matching): the code, its family whole, a code prefix, the name
    or a name prefix."""
    upper = selector.upper()
    if d.name == selector or d.name.startswith(selector + "."):
        return True
    return d.code[:-3] == upper if upper.isalpha() else d.code.startswith(upper)


class Suppressions:
    def __init__(self, ranges: list[_Range]):
        self.ranges = ranges

    @classmethod
    def parse(cls, doc: Document) -> "Suppressions":
        ranges = [_Range(s, e, frozenset({a.code}), touching=True) for a in doc.allowed for s, e in a.spans(doc)]
        if doc.format not in ("markdown", "html") or "copydesk-" not in doc.source:
            return cls(ranges)
        open_: list[tuple[int, frozenset[str] | None, frozenset[str]]] = []  # (start, codes, enabled again)
        end = len(doc.source)
        for m in _DIRECTIVE.finditer(doc.source):
            verb = m.group("verb")
            if verb not in VERBS:
                continue  # SUP001 reports it
            codes = frozenset(code for code, _ in codes_of(m.group("codes"))) or None
            if verb == "disable-file":
                ranges.append(_Range(0, end, codes))
            elif verb == "disable-next-line":
                line, _ = doc.lines.position(m.end())
                if line < len(doc.lines):
                    ranges.append(_Range(*doc.lines.line_span(line + 1), codes))
            elif verb == "disable":
                open_.append((m.end(), codes, frozenset()))
            else:  # enable: every rule, or those it names (a code, a family, a name), whatever disabled them
                for start, off, but in open_:
                    ranges.append(_Range(start, m.start(), off, but=but))
                # (a disable whose every code is named again ends here: kept open, each
                # enable would copy it once more, and ranges would grow as the square)
                open_ = [] if codes is None else [(m.end(), off, but | codes) for _, off, but in open_
                                                  if off is None or not off <= but | codes]
        ranges.extend(_Range(start, end, off, but=but) for start, off, but in open_)
        return cls(ranges)

    def suppressed(self, d: Diagnostic) -> bool:
        return any(r.covers(d) for r in self.ranges)
