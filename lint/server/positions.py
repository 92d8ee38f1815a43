"""LSP positions <-> copydesk offsets.

An LSP position is a 0-based line and a column counted in the code units of
the negotiated encoding: UTF-16 by default (an emoji or any other character
beyond the Basic Multilingual Plane counts two), UTF-32 when both sides
agree (one per code point, as Python counts). Lines end at "\\n", "\\r\\n" or
"\\r" only: U+2028, U+0085 and form feeds, which `str.splitlines` also takes,
are characters inside a line (and copy that arrives damaged holds them).
copydesk's offsets are code points into the text (lint/core/model.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right

UTF16, UTF32 = "utf-16", "utf-32"
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class LineMap:
    """Positions in one text, in one encoding."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.utf16 = encoding != UTF32
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self._astral = self.utf16 and _ASTRAL.search(text) is not None

    def line_end(self, line: int) -> int:
        """Offset of the end of `line`'s content (before its line break)."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        column = offset - start
        if self._astral:
            column += len(_ASTRAL.findall(self.text, start, offset))
        return line, column

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of (line, character). Past the last line is
        the end of the text; past a line's end is that end; a column inside
        a surrogate pair (UTF-16) falls after the character."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        if not self._astral:
            return start + max(0, min(character, end - start))
        units = 0
        for i in range(start, end):
            if units >= character:
                return i
            units += 2 if ord(self.text[i]) > 0xFFFF else 1
        return end


def apply_change(text: str, encoding: str, start: tuple[int, int] | None, end: tuple[int, int] | None,
                 new_text: str) -> str:
    """`text` with one LSP content change applied: `new_text` over the range
    start..end, or in place of the whole text when there is no range."""
    if start is None or end is None:
        return new_text
    lines = LineMap(text, encoding)
    a, b = lines.offset(*start), lines.offset(*end)
    if b < a:
        a, b = b, a
    return text[:a] + new_text + text[b:]
