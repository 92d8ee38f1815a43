"""Plain-text layouts: which single line breaks end a block.

Real copy comes in several layouts, often mixed in one file:
- paragraphs set apart by blank lines, each on one line or hard-wrapped;
- one paragraph a line (scrapers, CommonCrawl dumps, CMS exports, wire feeds);
- a caption, credit or boilerplate line sitting on a paragraph with a
  single line break;
- hard-wrapped prose: lines of about 60-80 characters broken mid-sentence,
  with paragraphs set apart by blank lines or by a short last line.

A blank line always ends a block. A single line break is decided on its
own, from the two lines around it, so every region of a file gets the
layout it has:
- before a bullet ("- ", "* ", "• ", "1. ") it ends a block;
- after a line that stops mid-sentence (no closing mark: . ! ? : ; …) and
  before a lower-case word, or after a word broken by a hyphen, it is a
  wrap: the block goes on;
- in a hard-wrapped file it is also a wrap when the next line's first word
  would not have fitted on the line (the line is full); a line that is a
  whole sentence by itself (it opens its block and ends a sentence) must
  be full to within a short word, so a caption or credit line does not
  melt into the wrapped paragraph under it; and a run of three or more
  lines that each end a sentence is one paragraph a line;
- otherwise it ends a block: one paragraph a line, or a glued caption.

A file is hard-wrapped when lines that stop mid-sentence are common in it
(at least two, and a third of the lines before a single break) and most
lines before a single break are about one width: the wrap width, at most
120 characters. One paragraph a line has few lines that stop mid-sentence
and lines of every length, so its breaks all end blocks.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..core.document import Block
from ..speed.patterncache import compile_re

# One or more blank (or white-space-only) lines between paragraphs.
_BLANK_LINES = compile_re(r"\n[^\S\n]*(?:\n[^\S\n]*)*\n")

# Marks that close a sentence or clause; closing quotes and brackets after
# them do not hide them ('... he said."').
_CLOSING_MARKS = frozenset(".!?:;…")
_FULL_STOPS = (".", "!", "?", "…")
_TRAILERS = "\"'”’»)]*_ \t"
_BULLETS = ("* ", "• ", "· ", "+ ", "▪ ", "► ")
# Dashes and numbers open an item only after a line that ends ("... as
# follows:", a previous item): otherwise they go on with it ("... the tender
# - may well be back", "... in line with section\n404. The delegation").
_DASHES = ("- ", "– ", "— ")
_MAX_WRAP = 120  # wider lines are paragraphs on one line, not wrapped prose
_MIN_WRAP = 30


def ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_TRAILERS)
    return bool(stripped) and stripped[-1] in _CLOSING_MARKS


def starts_item(line: str, before: str | None = None) -> bool:
    """Does the line open a list item ("• ", "- ", "1. ", "2) ")? With the
    line `before` it, a dash opens one only after a line that ends a
    sentence or is an item itself, a number only after a colon, an item,
    or (for "1") a sentence."""
    if line.startswith(_BULLETS):
        return True
    if line.startswith(_DASHES):
        return before is None or ends_sentence(before) or starts_item(before)
    digits = len(line) - len(line.lstrip("0123456789"))
    if not (0 < digits <= 3 and line[digits : digits + 2] in (". ", ") ")):
        return False
    # "29. Most" after "ended Sept." goes on; "1. First" after a sentence opens a list.
    return (before is None or before.endswith(":") or starts_item(before)
            or (line[:digits] == "1" and ends_sentence(before)))


def _continues(line: str, after: str) -> bool:
    """Does `after` go on with the sentence `line` stopped in the middle of?"""
    if not after:
        return False
    if line.endswith("-") and len(line) > 1 and line[-2].isalpha() and after[0].isalpha():
        return True  # a word broken at the line end
    return after[0].islower() and not ends_sentence(line)


def wrap_width(runs: Iterable[list[str]]) -> int | None:
    """The width a hard-wrapped text is broken at, or None for text whose
    single line breaks end paragraphs. `runs` are the runs of non-blank
    lines (white space stripped) between blank lines."""
    count = WidthCount()
    for lines in runs:
        for line in lines[:-1]:
            count.add(line)
    return count.width()


class WidthCount:
    """What wrap_width() reads, counted line by line, so that a text read
    in pieces gets the width its whole would: the length of every line a
    single break follows, and of those that stop mid-sentence."""

    def __init__(self):
        self.lengths: dict[int, int] = {}  # length -> lines
        self.mid: dict[int, int] = {}  # the same, of lines stopping mid-sentence
        self.total = self.total_mid = 0

    def add(self, line: str) -> None:
        """Count a stripped line that a single line break follows."""
        n = len(line)
        self.lengths[n] = self.lengths.get(n, 0) + 1
        self.total += 1
        if _MIN_WRAP <= n <= _MAX_WRAP and not ends_sentence(line):
            self.mid[n] = self.mid.get(n, 0) + 1
            self.total_mid += 1

    def width(self) -> int | None:
        if self.total_mid < 2 or 3 * self.total_mid < self.total:
            return None
        rank, width = (9 * self.total_mid) // 10, 0  # a stray long line does not set the width
        for width in sorted(self.mid):
            rank -= self.mid[width]
            if rank < 0:
                break
        full = sum(k for n, k in self.lengths.items() if 0.7 * width <= n <= width + 2)
        return width if 5 * full >= 3 * self.total else None


def run_width(lines: list[str], width: int | None) -> int | None:
    """The wrap width within one run of lines: none in a run of three or
    more lines that each end a sentence (a region of one paragraph a line
    in a file that is wrapped elsewhere)."""
    if width is None or (len(lines) > 2 and all(ends_sentence(line) for line in lines[:-1])):
        return None
    return width


def breaks_block(line: str, after: str, width: int | None, opens_block: bool = False) -> bool:
    """Does the single line break between `line` and `after` (both stripped)
    end a block? `opens_block`: `line` is the first line of its block."""
    if starts_item(after, line):
        return True
    if _continues(line, after):
        return False
    if width is None or len(line) > width + 2:
        return True
    word = len(after.split(None, 1)[0])
    if opens_block and line.rstrip(_TRAILERS).endswith(_FULL_STOPS):
        # A line that is a whole sentence by itself must be full to within
        # a short word: short of that, its writer ended it (a caption or a
        # credit line on a wrapped paragraph, a paragraph on one line).
        word = min(word, 4)
    return len(line) + 1 + word <= width  # room for the next word: the writer broke the line


def split_lines(block: Block) -> list[Block]:
    """A block of several lines (Markdown's soft breaks, HTML's <br>) as the
    blocks its lines make, decided as in plain text, each trimmed."""
    text = block.text
    if "\n" not in text:
        lead, trail = len(text) - len(text.lstrip()), len(text.rstrip())
        return [block if (lead, trail) == (0, len(text)) else block.slice(lead, trail)]
    return [block.slice(s, e) for s, e in line_blocks(text)]


_FIND = object()


def line_blocks(text: str, width=_FIND) -> Iterator[tuple[int, int]]:
    """(start, end) of each block in `text`: runs of lines between blank
    lines, cut where breaks_block() says, white space trimmed. `width`: the
    wrap width, when it is known already (a piece of a longer text is laid
    out as its whole)."""
    runs: list[tuple[int, str]] = []  # (offset, text) of each run of non-blank lines, trimmed
    pos = 0
    for m in (*_BLANK_LINES.finditer(text), None):
        end = m.start() if m else len(text)
        body = text[pos:end].strip()
        if body:
            runs.append((text.index(body[0], pos), body))
        pos = m.end() if m else end
    if width is _FIND:
        several = [[line.strip() for line in body.split("\n")] for _, body in runs if "\n" in body]
        width = wrap_width(several) if several else None  # most articles have no run of several lines
    for start, body in runs:
        if "\n" not in body:
            yield start, start + len(body)
            continue
        lines = body.split("\n")
        stripped = [line.strip() for line in lines]
        run_w = run_width(stripped, width)
        first = pos = 0  # offsets in `body`: the block being built, the current line
        for i, line in enumerate(lines[:-1]):
            end = pos + len(line)
            if breaks_block(stripped[i], stripped[i + 1], run_w, opens_block=pos <= first):
                yield start + first, start + first + len(body[first:end].rstrip())
                first = end + 1 + len(lines[i + 1]) - len(lines[i + 1].lstrip())
            pos = end + 1
        yield start + first, start + len(body)
