"""Inline suppression directives in Markdown and HTML comments:

    <!-- copydesk-disable CODE[,CODE] -->  ...  <!-- copydesk-enable [CODE] -->
    <!-- copydesk-disable-next-line CODE -->
    <!-- copydesk-disable-file -->

No codes means every rule. A code may be a prefix ("DUP") or a rule name.
Plain text has no comments: there a finding is accepted in the
configuration instead (`[[allow]]`, lint/core/allow.py), in any format.
A comment that looks like a directive but is not one, or names no rule, is
a finding of its own (lint/checks/directives.py: SUP001, SUP002).
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

    def covers(self, d: Diagnostic) -> bool:
        inside = self.start <= d.start < self.end
        if not (inside or (self.touching and d.start < self.end and self.start < max(d.end, d.start + 1))):
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
        ranges = [_Range(s, e, frozenset({a.code}), touching=True) for a in doc.allowed for s, e in a.spans(doc.source)]
        if doc.format not in ("markdown", "html") or "copydesk-" not in doc.source:
            return cls(ranges)
        open_: dict[frozenset[str] | None, int] = {}
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
                open_.setdefault(codes, m.end())
            else:  # enable: closes the matching disable, or all of them
                for key in [k for k in open_ if codes is None or k == codes]:
                    ranges.append(_Range(open_.pop(key), m.start(), key))
        ranges.extend(_Range(start, end, codes) for codes, start in open_.items())
        return cls(ranges)

    def suppressed(self, d: Diagnostic) -> bool:
        return any(r.covers(d) for r in self.ranges)
