"""Document: a source text split into prose blocks that map back to source.

Rules read prose, never markup. Each Block holds the prose of one paragraph,
heading, list item, quote or caption as plain text, plus the chunks that map
every prose offset back to the exact source offset (textlint's StringSource
idea). Markup removed from the prose (emphasis markers, link targets, tags)
leaves a gap between chunks; inline code or an HTML entity becomes an atomic
chunk whose prose length differs from its source length. An edit is only
allowed over a stretch of prose that maps onto contiguous literal source.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import NamedTuple

from ..speed import patterncache
from ..speed.patterncache import compile_re
from .lines import LineIndex
from .model import Edit

# Stands in the prose for inline material that is not prose (inline code,
# images): it keeps word boundaries without exposing the material to rules.
PLACEHOLDER = "\ufffc"


class Chunk(NamedTuple):  # a tuple: documents make many, and tuples are made fastest
    text_start: int
    source_start: int
    text_len: int
    source_len: int
    literal: bool = True  # the prose is the source itself, not a stand-in for it

    @property
    def text_end(self) -> int:
        return self.text_start + self.text_len

    @property
    def source_end(self) -> int:
        return self.source_start + self.source_len


class Block:
    """One unit of prose: `kind` is heading, paragraph, quote, list, caption
    or table. Readers build it with add() and close it with finish()."""

    def __init__(self, kind: str):
        self.kind = kind
        self.text = ""
        self.chunks: list[Chunk] = []
        # The source span removing the block removes, where that is more
        # than its text: its HTML element, or a line with its <br>.
        self.region: tuple[int, int] | None = None
        self.prose = True  # False: code, a table of figures (formats/kinds.py)
        self.verbatim = False  # a quoted post, letter or document, kept as written
        self._parts: list[str] = []
        self._length = 0

    def __repr__(self) -> str:
        return f"Block({self.kind!r}, {self.text!r})"

    @classmethod
    def literal(cls, kind: str, source_start: int, text: str) -> "Block":
        """A finished block of one stretch of source: `text` as it stands at
        `source_start` (the blocks of plain text; add() and finish() make
        the same, with more steps)."""
        block = cls(kind)
        if text:
            block.text = text
            block.chunks = [Chunk(0, source_start, len(text), len(text))]
            block._length = len(text)
        return block

    # -- building -------------------------------------------------------
    def add(self, source_start: int, text: str, source_len: int | None = None) -> None:
        """Append prose `text` found at source_start, or, with `source_len`,
        standing in for source[source_start:source_start+source_len]."""
        if not text:
            return
        literal = source_len is None
        chunk = Chunk(self._length, source_start, len(text), len(text) if literal else source_len, literal)
        last = self.chunks[-1] if self.chunks else None
        if last and last.literal and literal and last.source_end == source_start:
            self.chunks[-1] = Chunk(last.text_start, last.source_start, last.text_len + chunk.text_len, last.source_len + chunk.source_len)
        else:
            self.chunks.append(chunk)
        self._parts.append(text)  # joined once, in finish(): adding stays linear
        self._length += len(text)

    def finish(self) -> "Block":
        self.text += "".join(self._parts)
        self._parts = []
        return self

    def slice(self, start: int, end: int, kind: str | None = None) -> "Block":
        """A new block of prose [start, end) of this one, mapped alike."""
        out = Block(kind or self.kind)
        text, chunks = self.text, self.chunks
        # From the chunk holding `start` on, to the one holding `end`: a
        # block cut into many lines stays linear.
        for i in range(max(bisect_right(self._starts, start) - 1, 0), len(chunks)):
            c = chunks[i]
            if c.text_start >= end:
                break
            s, e = max(c.text_start, start), min(c.text_end, end)
            if s >= e:
                continue
            if c.literal:
                out.add(c.source_start + s - c.text_start, text[s:e])
            else:
                out.add(c.source_start, text[s:e], c.source_len)
        return out.finish()

    @cached_property
    def lowered(self) -> str:
        """The text lower-cased, made once for the rules that read it so
        (the negation rules each did it for every block)."""
        return self.text.lower()

    # -- mapping ----------------------------------------------------------
    @cached_property
    def _starts(self) -> list[int]:
        return [c.text_start for c in self.chunks]

    def _chunk_at(self, offset: int) -> Chunk:
        i = max(bisect_right(self._starts, offset) - 1, 0)
        return self.chunks[i]

    def contiguous(self, start: int, end: int) -> bool:
        """Does prose [start, end) stand for one unbroken stretch of source,
        no markup left out inside it?"""
        chunks, last_end = self.chunks, None
        for i in range(max(bisect_right(self._starts, start) - 1, 0), len(chunks)):
            c = chunks[i]
            if c.text_start >= end:
                break
            if last_end is not None and c.source_start != last_end:
                return False
            last_end = c.source_end
        return True

    def to_source(self, offset: int, *, end: bool = False) -> int:
        """Source offset of prose `offset`; `end=True` maps an exclusive end."""
        if not self.chunks:
            return 0
        probe = offset - 1 if end and offset > 0 else offset
        chunk = self._chunk_at(probe)
        if not chunk.literal:
            return chunk.source_end if end else chunk.source_start
        delta = min(max(offset - chunk.text_start, 0), chunk.text_len)
        return chunk.source_start + delta

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span covering prose [start, end)."""
        if end <= start:
            pos = self.to_source(start)
            return pos, pos
        return self.to_source(start), self.to_source(end, end=True)

    def edit(self, start: int, end: int, replacement: str) -> Edit | None:
        """An Edit replacing prose [start, end), or None when that prose is not
        one contiguous run of literal source (it would touch markup)."""
        if not self.chunks:
            return None
        if start == end:
            chunk = self._chunk_at(max(start - 1, 0))
            if not chunk.literal or not chunk.text_start <= start <= chunk.text_end:
                return None
            return Edit(chunk.source_start + start - chunk.text_start, chunk.source_start + start - chunk.text_start, replacement)
        first, last = self._chunk_at(start), self._chunk_at(end - 1)
        if first is not last or not first.literal:
            return None
        s, e = self.span(start, end)
        return Edit(s, e, replacement)

    @property
    def source_start(self) -> int:
        return self.chunks[0].source_start if self.chunks else 0

    @property
    def source_end(self) -> int:
        return self.chunks[-1].source_end if self.chunks else 0


# Paired quotation marks; a straight double quote toggles.
_QUOTE_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}
_QUOTE_CHARS = patterncache.compile(r'[\u201c\u201d\u00ab\u00bb\u201e"]')


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Prose spans inside quotation marks; an unclosed quotation runs to the
    end of the text (news style leaves a quote open across paragraphs)."""
    spans, opener, start = [], None, 0
    for m in _QUOTE_CHARS.finditer(text):
        ch = m.group()
        if opener is None:
            if ch in _QUOTE_PAIRS or ch == '"':
                opener, start = ch, m.start()
        elif (opener == '"' and ch == '"') or _QUOTE_PAIRS.get(opener) == ch:
            spans.append((start, m.end()))
            opener = None
    if opener is not None:
        spans.append((start, len(text)))
    return spans


class Document:
    """A decoded source text with its prose blocks and protected (non-prose) ranges."""

    def __init__(self, source: str, path: str = "<text>", fmt: str = "text",
                 blocks: list[Block] | None = None, protected: list[tuple[int, int]] | None = None):
        self.source = source
        self.path = path
        self.format = fmt
        self.blocks = blocks or []
        self.protected = _merge(protected or [])
        self._memo: dict[str, tuple] = {}
        self._language = "en"  # (formats/language.py reads it: the `language` property)
        self.encoding = "utf-8"  # the codec the file's bytes were in
        self.packs: tuple[str, ...] = ()  # the configuration's own packs, whose codes directives may name
        self.allowed: tuple = ()  # the configuration's accepted findings for this file (lint/core/allow.py)
        self.recurring = None  # the lines a run's files share (lint/core/recurring.py), for BOIL018
        self.newline = "\r\n" if "\r\n" in source[: source.find("\n") + 1 or None] else "\n"
        # What load() left for later, each called with the document: what
        # each block is (`pending`), then the language of the document
        # (`pending_language`), which only findings to police and a rule or
        # two ask of, so most documents never need.
        self.pending = None
        self.pending_language = None
        # What load() reads a paragraph's own language with, where it is not
        # the document's (formats/language.py): asked of a paragraph when
        # something in it asks, once.
        self.paragraph_language = None
        self._paragraph_languages: dict[Block, str | None] = {}

    def settle(self, language: bool = True) -> None:
        """Read what each block is now, if load() left it for later; and the
        language, unless `language` is False (then it is read when first
        asked: `language`, `language_of`)."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending(self)
        if language and self.pending_language is not None:
            read, self.pending_language = self.pending_language, None
            read(self)

    @property
    def language(self) -> str:
        """The language of the document's copy (formats/language.py)."""
        self.settle()
        return self._language

    @language.setter
    def language(self, value: str) -> None:
        self._language = value

    def language_of(self, block: Block | None) -> str:
        """The language of `block`'s copy: the document's, or, in an English
        document, the paragraph's own where it is plainly in another."""
        language = self.language
        if block is None or language != "en" or self.paragraph_language is None:
            return language
        if block not in self._paragraph_languages:
            self._paragraph_languages[block] = self.paragraph_language(block)
        return self._paragraph_languages[block] or language

    @cached_property
    def prose(self) -> str:
        """All prose in one string, for document-wide prefilters: the source of
        a plain-text document (its blocks are slices of it), else the blocks'
        text with a blank line between them."""
        return self.source if self.format == "text" else "\n\n".join(b.text for b in self.blocks)

    def memo(self, key: str, version, build):
        """`build(self)`, made once per document and `version`: the views
        that several rules share (prefilter hits, a gate's scan, the text as
        proselint reads it). Kept on the document, they serve the rules
        in any order, one document after another or rule by rule."""
        cached = self._memo.get(key)
        if cached is None or cached[0] != version:
            cached = self._memo[key] = (version, build(self))
        return cached[1]

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.source)

    def markup_after(self, edits) -> str:
        """The protected text that should remain once `edits` are applied,
        in order: all of it, but what an edit removes whole (an HTML
        element with its block). (Joined, because deleting the prose
        between two tags merges their ranges.)"""
        cuts = sorted((e.start, e.end) for e in edits if e.end > e.start)
        if not cuts:
            return "".join(self.source[s:e] for s, e in self.protected)
        parts, i = [], 0
        for s, e in self.protected:
            while i < len(cuts) and cuts[i][1] <= s:
                i += 1
            j, pos = i, s
            while j < len(cuts) and cuts[j][0] < e:  # the cuts that overlap this range
                parts.append(self.source[pos : max(pos, cuts[j][0])])
                pos = max(pos, cuts[j][1])
                j += 1
            parts.append(self.source[pos:e] if pos < e else "")
        return "".join(parts)

    @cached_property
    def removable(self) -> frozenset[tuple[int, int]]:
        """Source spans a fix may delete though they hold markup: a block
        with the elements (or the <br>) that hold nothing else."""
        return frozenset(b.region for b in self.blocks if b.region is not None)

    def prose_between(self, start: int, end: int) -> str:
        """The source [start, end) without the protected ranges in it."""
        parts, pos, protected = [], start, self.protected
        for i in range(max(bisect_left(self._protected_starts, start) - 1, 0), len(protected)):
            s, e = protected[i]
            if s >= end:
                break
            if e > pos:
                parts.append(self.source[pos : max(pos, s)])
                pos = e
        parts.append(self.source[pos:end] if pos < end else "")
        return "".join(parts)

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [s for s, _ in self.protected]

    def is_protected(self, start: int, end: int) -> bool:
        """Does source [start, end) touch a non-prose range? (Ranges are merged
        and sorted, so only the last one starting before `end` can overlap.)"""
        i = bisect_left(self._protected_starts, max(end, start + 1)) - 1
        return i >= 0 and self.protected[i][1] > start

    @cached_property
    def quotations(self) -> list[tuple[int, int]]:
        """Source spans of quotations, for keeping SAFE fixes out of quoted words."""
        spans = []
        for block in self.blocks:
            spans.extend(block.span(s, e) for s, e in quotation_spans(block.text))
        return sorted(spans)

    def in_quotation(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quotations)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.source_start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block whose source holds `offset`, if any."""
        i = bisect_right(self._block_starts, offset) - 1
        return self.blocks[i] if i >= 0 and offset < self.blocks[i].source_end else None

    def glued(self, before: Block, after: Block) -> bool:
        """Do two blocks sit on consecutive source lines (one paragraph a
        line, a caption on its paragraph) rather than apart?"""
        if self.format == "html":
            return False
        between = self.source[before.source_end : after.source_start]
        return between.count("\n") == 1 and not between.strip()

    def removal(self, block: Block, last: Block | None = None) -> Edit:
        """The edit that removes `block` (through `last`, when given) and one
        separator: the line break to a line it sits on (a caption glued on
        a paragraph, one paragraph a line), else the blank line that set it
        apart from the block before (or after, for the first block)."""
        start, end = block.source_start, (last or block).source_end
        if self.format == "html":
            return Edit(*(block.region or (start, end)), "")
        src = self.source
        line_start = src.rfind("\n", 0, start) + 1
        nl = src.find("\n", end)
        line_end = len(src) if nl < 0 else nl
        if src[line_end - 1 : line_end] == "\r":
            line_end -= 1
        if nl >= 0 and _has_text(src, nl + 1):
            return Edit(line_start, nl + 1, "")  # a line follows at once: take ours and its break
        if line_start and _has_text(src, src.rfind("\n", 0, line_start - 1) + 1):
            # The line before is text: keep it, with its trailing white
            # space (another rule's business), and take our break and line.
            return Edit(line_start - (2 if src[line_start - 2 : line_start] == "\r\n" else 1), line_end, "")
        # Walk over the blank run only: slicing the source here would make
        # removing many blocks quadratic.
        before = line_start
        while before and src[before - 1] in _BLANK:
            before -= 1
        if before:
            # End of the previous line's text: keep its trailing-whitespace
            # (another rule's business) and drop our separator and text.
            prev_nl = src.find("\n", before)
            prev_end = prev_nl - (1 if src[prev_nl - 1] == "\r" else 0)
            return Edit(prev_end, line_end, "")
        after = line_end
        while after < len(src) and src[after] in _BLANK:
            after += 1
        return Edit(line_start, after, "")


_BLANK = frozenset(" \t\r\n\u00a0")
_TEXT_AHEAD = compile_re(r"[^\S\n]*\S")


def _has_text(src: str, pos: int) -> bool:
    """Does the line starting at `pos` hold text?"""
    return _TEXT_AHEAD.match(src, pos) is not None


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(r for r in ranges if r[1] > r[0]):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]
