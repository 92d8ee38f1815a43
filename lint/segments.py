"""Very long plain texts (archives, feeds dumped to one file) are linted in
segments of a few articles each, cut at paragraph breaks and linted in
batches: memory stays bounded, time linear, and each segment is as small
as an article, so the rules' document-wide prefilters keep their power.
An article is far shorter than LONG, so for articles nothing changes; in
an archive, article-wide rules (house-style consistency, repeated
paragraphs, mixed quotation styles) look within a segment."""

from __future__ import annotations

import re
from typing import Iterator

from .document import Document
from .formats import load

LONG = 2 << 20  # characters: a plain text longer than this is cut into segments
SEGMENT = 1 << 14  # characters: a segment is at least this long, up to the next cut point

# A cut point: the line break ending a paragraph that one blank line
# separates from the next. The segment before then ends in exactly one line
# break and the one after starts with the blank line, so no rule about line
# ends or blank-line runs sees anything the whole text would not.
_CUT = re.compile(r"[^\r\n](?:\r\n|\n)(?=\r?\n[^\r\n])")


def is_segmented(text: str, fmt: str) -> bool:
    """Is `text` long enough to be cut into segments?"""
    return fmt == "text" and len(text) > LONG


def segments(text: str, fmt: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each segment; one segment unless is_segmented()."""
    start = 0
    if is_segmented(text, fmt):
        while len(text) - start > 2 * SEGMENT:
            m = _CUT.search(text, start + SEGMENT)
            if m is None:
                break
            yield start, text[start : m.end()]
            start = m.end()
    yield start, text[start:] if start else text


def load_segment(offset: int, piece: str, path: str, fmt: str, settings=None, encoding: str = "utf-8") -> Document:
    """The Document of the segment at `offset`. Only the first one opens
    with the text's headlines: in a later one, short opening lines are
    paragraphs, as in the whole text."""
    # Facts about the whole file (its encoding) belong to its first segment.
    doc = load(piece, path, fmt, settings, encoding if not offset else "utf-8")
    for block in doc.blocks if offset else ():
        if block.kind != "heading":
            break
        block.kind = "paragraph"
    return doc
