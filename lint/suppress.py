"""Inline suppression directives in Markdown and HTML comments:

    <!-- copydesk-disable CODE[,CODE] -->  ...  <!-- copydesk-enable [CODE] -->
    <!-- copydesk-disable-next-line CODE -->
    <!-- copydesk-disable-file -->

No codes means every rule. A code may be a prefix ("DUP") or a rule name.
"""

from __future__ import annotations

from typing import NamedTuple

from . import patterncache
from .document import Document
from .model import Diagnostic

_DIRECTIVE = patterncache.compile(
    r"<!--\s*copydesk-(?P<verb>disable-next-line|disable-file|disable|enable)\b(?P<codes>[^>]*?)\s*-->"
)


class _Range(NamedTuple):
    start: int
    end: int
    codes: frozenset[str] | None  # None: every rule

    def covers(self, d: Diagnostic) -> bool:
        if not self.start <= d.start < self.end:
            return False
        return self.codes is None or any(
            d.code.startswith(c.upper()) or d.name == c or d.name.startswith(c + ".") for c in self.codes
        )


class Suppressions:
    def __init__(self, ranges: list[_Range]):
        self.ranges = ranges

    @classmethod
    def parse(cls, doc: Document) -> "Suppressions":
        if doc.format not in ("markdown", "html") or "copydesk-" not in doc.source:
            return cls([])
        ranges: list[_Range] = []
        open_: dict[frozenset[str] | None, int] = {}
        end = len(doc.source)
        for m in _DIRECTIVE.finditer(doc.source):
            codes = frozenset(c.strip() for c in m.group("codes").replace(",", " ").split()) or None
            verb = m.group("verb")
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
