"""The values every rule, fixer and reporter exchange.

All offsets are 0-based code-point offsets into a document's decoded source
text (as Python indexes a str); a span is half-open [start, end).

The values are named tuples, not frozen dataclasses: making a dataclass runs
generated code, a few million instructions each at every start of the CLI.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value) -> "Severity":
        try:
            return cls(value.lower())
        except (ValueError, AttributeError):
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Applicability(str, Enum):
    SAFE = "safe"  # applied by `copydesk fix`
    UNSAFE = "unsafe"  # applied only with --unsafe-fixes


class Edit(NamedTuple):
    start: int
    end: int
    replacement: str = ""


class Fix(NamedTuple):
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def replace(cls, start: int, end: int, text: str, applicability=Applicability.SAFE) -> "Fix":
        return cls((Edit(start, end, text),), applicability)

    @classmethod
    def delete(cls, start: int, end: int, applicability=Applicability.SAFE) -> "Fix":
        return cls((Edit(start, end, ""),), applicability)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def shifted(self, delta: int) -> "Fix":
        edits = tuple(Edit(e.start + delta, e.end + delta, e.replacement) for e in self.edits)
        return self._replace(edits=edits)


class Diagnostic(NamedTuple):
    code: str
    name: str
    severity: Severity
    start: int
    end: int
    message: str
    fix: Fix | None = None  # not compared: a finding is the same with its fix dropped

    def __eq__(self, other) -> bool:
        return isinstance(other, Diagnostic) and self[:6] == other[:6]

    def __ne__(self, other) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:6])

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def with_fix(self, fix: Fix | None) -> "Diagnostic":
        return self._replace(fix=fix)

    def shifted(self, delta: int) -> "Diagnostic":
        if not delta:
            return self
        return self._replace(start=self.start + delta, end=self.end + delta,
                             fix=self.fix.shifted(delta) if self.fix else None)
