"""Offset <-> line/column conversion for human-facing reports."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from ..speed import patterncache

_LINE_BREAK = patterncache.compile(r"\r\n|\n|\r")


class LineIndex:
    """Maps code-point offsets to 1-based (line, column) pairs."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def starts(self) -> list[int]:
        """Where each line starts; found when first asked for (a report
        indexes every file, and most files have no finding to place)."""
        text = self.text
        if "\r" in text:
            return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        starts, find = [0], text.find  # "\n" alone: str.find is several times faster than the pattern
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Source range of 1-based `line`, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def __len__(self) -> int:
        return len(self.starts)
