"""Very long plain texts (archives, feeds dumped to one file) are linted in
segments: memory stays bounded and time linear, where rules that compare
paragraphs across a whole document would otherwise hold many copies of it.
An article is far shorter than a segment, so for articles nothing changes;
in an archive, article-wide rules (house-style consistency, repeated
paragraphs, mixed quotation styles) look within a segment."""

from __future__ import annotations

import re
from typing import Iterator

SEGMENT = 1 << 20  # characters

# A cut point: the line break ending a paragraph that one blank line
# separates from the next. The segment before then ends in exactly one line
# break and the one after starts with the blank line, so no rule about line
# ends or blank-line runs sees anything the whole text would not.
_CUT = re.compile(r"[^\r\n](?:\r\n|\n)(?=\r?\n[^\r\n])")


def is_segmented(text: str, fmt: str) -> bool:
    """May `text` be cut into segments?"""
    return fmt == "text" and len(text) > 2 * SEGMENT


def segments(text: str, fmt: str, size: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, text) of each segment; one segment unless `text` is plain
    text longer than two segments."""
    size = size or SEGMENT
    start = 0
    if fmt == "text":
        while len(text) - start > 2 * size:
            m = _CUT.search(text, start + size)
            if m is None:
                break
            yield start, text[start : m.end()]
            start = m.end()
    yield start, text[start:] if start else text
