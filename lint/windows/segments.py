"""Very long plain texts (archives, feeds dumped to one file) are linted in
segments of a few articles each: memory stays bounded, time linear, the
segments can go to several processes, and each is as small as an article,
so the rules' document-wide prefilters keep their power. An article is far
shorter than LONG, so for articles nothing changes.

A segment is linted as a window: the segment with a few blocks of the text
on either side (CONTEXT), so that what a rule reads around a paragraph
(the one before, a caption's neighbour, a quotation carried over) is there;
only findings that start in the segment itself are kept. The window is
laid out as its whole text would be: the wrap width and the language are
the whole text's (Layout), only the text's opening lines are headlines, and
a cut is made only where a block ends in the whole text. What rules count
over a whole document (house style's majority, lint/packs/consistency.py) is
gathered from every segment and settled once for the file (archive.py).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, NamedTuple

from ..core.document import Block, Document
from ..formats import load
from ..formats.layout import WidthCount, breaks_block, line_blocks
from ..formats.plain import block_kind, is_headline
from ..run.config import Settings

LONG = 2 << 20  # characters: a plain text longer than this is cut into segments
SEGMENT = 1 << 14  # characters: a segment is at least this long, up to the next cut point
CONTEXT = 1 << 11  # characters of text, at least, read on either side of a segment
_DEFAULTS = Settings()

# A blank-line cut point: the line break ending a paragraph that one blank
# line separates from the next. The segment before then ends in exactly one
# line break and the one after starts with the blank line, so no rule about
# line ends or blank-line runs sees anything the whole text would not.
_CUT = re.compile(r"[^\r\n](?:\r\n|\n)(?=\r?\n[^\r\n])")


class Layout(NamedTuple):
    """What laying out part of a text needs to know about its whole."""

    width: int | None = None  # the wrap width (formats/layout.py)
    language: str | None = None  # the document's language, read from its opening
    newline: str = "\n"


class Window(NamedTuple):
    start: int  # where the window's text starts in the whole text
    text: str
    core: tuple[int, int]  # the segment, in the window's offsets
    first: bool  # the window opens the text


def is_segmented(text: str, fmt: str) -> bool:
    """Is `text` long enough to be cut into segments?"""
    return fmt == "text" and len(text) > LONG


def width_of(chunks: Iterable[str]) -> int | None:
    """The wrap width of the text made of `chunks`, as line_blocks() finds
    it for the whole, read a piece at a time."""
    count, previous, rest = WidthCount(), "", ""
    for chunk in chunks:
        lines = (rest + chunk).split("\n")
        rest = lines.pop()
        for line in lines:
            line = line.strip()
            if line and previous:
                count.add(previous)
            previous = line
    if rest.strip() and previous:
        count.add(previous)
    return count.width()


def next_cut(text: str, pos: int, width: int | None, end: int | None = None) -> int | None:
    """The first cut point at or after `pos` (and at or before `end`) whose
    lines are whole in `text`: a blank-line cut, or, in text that is not
    hard-wrapped, a line break that ends a block. None if there is none."""
    end = len(text) if end is None else end
    if width is not None:  # wrapped lines: cut only at blank lines
        m = _CUT.search(text, max(pos - 2, 0))
        return m.end() if m and m.end() <= end else None
    nl = text.find("\n", max(pos - 1, 0), end)
    while nl >= 0:
        line_end = text.find("\n", nl + 1)
        if line_end < 0:
            return None  # the next line may go on in text not read yet
        after = text[nl + 1 : line_end]
        if _CUT.match(text, nl - 1) or _CUT.match(text, nl - 2):
            return nl + 1
        before = text[text.rfind("\n", 0, nl) + 1 : nl].strip()
        after = after.strip()
        if before and after and breaks_block(before, after, None):
            return nl + 1
        nl = text.find("\n", nl + 1, end)
    return None


def windows(chunks: Iterable[str], width: int | None) -> Iterator[Window]:
    """The windows of the text made of `chunks`, read as needed: each
    segment (at least SEGMENT characters, to a cut point; the last takes
    the rest, up to 2 * SEGMENT) with CONTEXT characters or more on either
    side, to cut points."""
    reader = _Reader(iter(chunks))
    core = context = 0
    while True:
        cut = None
        if reader.has(core + 2 * SEGMENT + 1):
            cut = reader.find(core + SEGMENT, width)
        if cut is None:  # the rest is the last segment
            reader.has(None)
            yield Window(context, reader.slice(context, None), (core - context, reader.end - context), core == 0)
            return
        after = reader.find(cut + CONTEXT, width) or reader.end
        yield Window(context, reader.slice(context, after), (core - context, cut - context), core == 0)
        context = _context_start(reader, core, cut, width)
        reader.drop(context)
        core = cut


def _context_start(reader: "_Reader", previous: int, cut: int, width: int | None) -> int:
    """Where the context before the segment at `cut` starts: the first cut
    point CONTEXT characters or more before it, back to the segment before."""
    back = CONTEXT
    while True:
        start = max(cut - back, previous)
        found = reader.find(start, width, until=cut - 1)
        if found is not None or start == previous:
            return found if found is not None else previous
        back *= 2


class _Reader:
    """A text read piece by piece, kept from a point on."""

    def __init__(self, chunks: Iterator[str]):
        self.chunks, self.text, self.base, self.done = chunks, "", 0, False

    @property
    def end(self) -> int:
        return self.base + len(self.text)

    def has(self, pos: int | None) -> bool:
        """Read until the text reaches `pos` (None: the end); does it?"""
        while not self.done and (pos is None or self.end < pos):
            chunk = next(self.chunks, None)
            if chunk is None:
                self.done = True
            else:
                self.text += chunk
        return pos is not None and self.end >= pos

    def find(self, pos: int, width: int | None, until: int | None = None) -> int | None:
        """The first cut point at or after `pos` (and before `until`)."""
        while True:
            limit = len(self.text) if until is None else until - self.base
            cut = next_cut(self.text, max(pos - self.base, 0), width, limit)
            if cut is not None:
                return cut + self.base
            if until is not None or self.done:
                return None
            self.has(self.end + 1)

    def slice(self, start: int, end: int | None) -> str:
        return self.text[start - self.base : None if end is None else end - self.base]

    def drop(self, pos: int) -> None:
        self.text, self.base = self.text[pos - self.base :], pos


def layout_of(text: str, path: str = "<text>", settings=None) -> Layout:
    """The Layout of a whole text held in memory."""
    width = width_of([text])
    return Layout(width, opening_language(next(windows([text], width)), path, width, settings), newline_of(text))


def opening_language(first: Window, path: str, width: int | None, settings=None) -> str | None:
    """The language the text's opening reads as (formats/language.py reads
    a document's language from its first prose)."""
    return load_window(first, path, Layout(width), settings).language


def newline_of(text: str) -> str:
    """The line break the text's first line ends with (Document.newline)."""
    return "\r\n" if "\r\n" in text[: text.find("\n") + 1 or None] else "\n"


def load_window(window: Window, path: str, layout: Layout, settings=None, encoding: str = "utf-8") -> Document:
    """The Document of a window, laid out as the whole text is. Only the
    window opening the text opens with headlines; facts about the whole
    file (its encoding) belong to that window too."""
    settings = settings or _DEFAULTS
    if not window.first and settings.language is None:
        settings = settings.merged(language=layout.language)
    doc = load(window.text, path, "text", settings, encoding if window.first else "utf-8", settle=False)
    if width_of([window.text]) != layout.width:
        doc.blocks = _blocks(window.text, layout.width)
    doc.settle(language=False)  # what each block is; the language when first asked (Document.language)
    for block in doc.blocks if not window.first else ():
        if block.kind != "heading":
            break
        block.kind = "paragraph"
    doc.newline = layout.newline
    return doc


def _blocks(text: str, width: int | None) -> list[Block]:
    """The blocks formats/plain.py reads, for lines wrapped at `width`."""
    blocks, leading = [], True
    for start, end in line_blocks(text, width):
        block_text = text[start:end]
        leading = leading and is_headline(block_text)
        block = Block(block_kind(block_text, leading))
        block.add(start, block_text)
        blocks.append(block.finish())
    return blocks


# -- the segments alone, without context (the language server's view) -----------


def segments(text: str, fmt: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each segment; one segment unless is_segmented()."""
    if not is_segmented(text, fmt):
        yield 0, text
        return
    width = width_of([text])
    for window in windows([text], width):
        s, e = window.core
        yield window.start + s, window.text[s:e]


def load_segment(offset: int, piece: str, path: str, fmt: str, settings=None, encoding: str = "utf-8") -> Document:
    """The Document of the segment at `offset`, read on its own. Only the
    first one opens with the text's headlines: in a later one, short
    opening lines are paragraphs, as in the whole text."""
    doc = load(piece, path, fmt, settings, encoding if not offset else "utf-8")
    for block in doc.blocks if offset else ():
        if block.kind != "heading":
            break
        block.kind = "paragraph"
    return doc
