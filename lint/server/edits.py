"""Edits the language server offers besides the rules' own fixes.

`disable_next_line` adds lint/core/suppress.py's directive,

    <!-- copydesk-disable-next-line CODE -->

where it silences the finding's line without changing what the page shows:
on a line of its own above it, or, in Markdown, at the end of the line
before when that line belongs to the same paragraph, list or quote (a
comment line there would cut the paragraph in two). A row of a Markdown
table has no such place (a line between rows ends the table, text after a
row is a cell): no directive is offered there, nor where the line before
ends on a backslash (a hard break) or inside a code span or comment the
paragraph closes later. After code or an HTML block the directive takes
a line of its own, and a byte-order mark stays first. A directive already
ending the line before gets the code added to it: two directives in a row
would silence the second directive's line, not the finding's. Plain text
has no comments, so no directive (suppress.py reads Markdown and HTML only).

`minimal_edits` turns "the text before, the text after" (the fix loop's
result) into the few edits an editor applies, so the cursor, folds and
marks elsewhere stay put.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from ..core.linediff import keyed
from ..core.model import Edit
from .positions import UTF32, LineMap

DIRECTIVE = "<!-- copydesk-disable-next-line {code} -->"
_TRAILING_DIRECTIVE = re.compile(r"<!--\s*copydesk-disable-next-line\b(?P<codes>[^>]*?)\s*-->\s*$")
# A Markdown line that text appended to would change: a code fence, a
# setext underline or thematic break, a heading with closing hashes, a
# link reference definition ("[a]: https://..."), a table row, a hard
# line break made with a backslash.
_MD_STRUCTURE = re.compile(
    r"^ {0,3}(?:`{3,}|~{3,}|=+\s*$|-+\s*$|(?:[*_-][ \t]*){3,}$|#{1,6}(?:[ \t].*)?[ \t]#+[ \t]*$|\[[^\]]+\]:)"
    r"|\|\s*$|\\$"
)
# A Markdown table's delimiter row ("|---|:--:|"): a line of a directive
# between its rows would end the table, and text after a row would be a cell.
_MD_DELIMITER_ROW = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def disable_next_line(text: str, fmt: str, offset: int, code: str) -> Edit | None:
    """The edit that silences `code` on the line holding `offset`, or None
    where the format has no comments (plain text) or no place for one."""
    if fmt not in ("markdown", "html"):
        return None
    lines = LineMap(text, UTF32)
    line, _ = lines.position(offset)
    start = lines.starts[line]
    if start == 0 and text.startswith("\ufeff"):
        start = 1  # after the byte-order mark, which stays first
    if fmt == "markdown" and _in_table(text, lines, line):
        return None
    directive = DIRECTIVE.format(code=code)
    if line > 0:
        prev_start, prev_end = lines.starts[line - 1], lines.line_end(line - 1)
        prev = text[prev_start:prev_end]
        m = _TRAILING_DIRECTIVE.search(prev)
        if m:
            at = prev_start + m.end("codes")
            return Edit(at, at, (", " if m.group("codes").strip() else " ") + code)
        content_end = prev_start + len(prev.rstrip())
        if fmt == "markdown":
            joined = _md_joined(text, lines, line)
            if joined is None:
                return None  # no place that leaves the page as it shows
            if joined and prev.strip() and not _MD_STRUCTURE.search(prev):
                return Edit(content_end, content_end, " " + directive)  # before trailing spaces: a hard break stays one
        if fmt == "html" and _inside_tag(text, start):
            if prev.strip() and not _inside_tag(text, content_end):
                return Edit(content_end, content_end, " " + directive)
            return None
    elif fmt == "html" and _inside_tag(text, start):
        return None
    line_text = text[start : lines.line_end(line)]
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    brk = _LINE_BREAK.search(text)
    return Edit(start, start, indent + directive + (brk.group() if brk else "\n"))


def _md_joined(text: str, lines: LineMap, line: int) -> bool | None:
    """May the directive end Markdown line `line - 1` (False: it goes on a
    line of its own)? Not after code, a fence or an HTML block; and None
    where neither place keeps the page as it shows: the line before ends
    on a backslash (a hard break) or inside a code span or comment that the
    paragraph closes later."""
    blocks = _md_line_blocks(text)
    prev = blocks.get(line - 1)
    if prev is None or prev[0] != "paragraph_open":
        return prev is None
    if blocks.get(line) != prev:
        return True
    para = text[lines.starts[prev[1]] : lines.starts[line]]
    rest = text[lines.starts[line] : lines.line_end(prev[2] - 1)]
    if para.rstrip("\r\n").endswith("\\"):
        return None
    return None if _left_open(para, rest) else True


@lru_cache(maxsize=1)
def _md_line_blocks(text: str) -> dict[int, tuple[str, int, int]]:
    """Markdown line -> (type, first line, end line) of the innermost block
    of _MD_BLOCKS holding it; parsed once for a document's code actions."""
    from ..formats.markdown import block_tokens

    blocks = {}
    for token in block_tokens(text):
        if token.map and token.nesting >= 0 and token.type in _MD_BLOCKS:
            for k in range(*token.map):
                blocks[k] = (token.type, *token.map)
    return blocks


_MD_BLOCKS = ("paragraph_open", "code_block", "fence", "html_block", "heading_open")


def _left_open(before: str, after: str) -> bool:
    """Does `before` end inside a code span or an HTML comment that `after`
    closes?"""
    opened = before.rfind("<!--")
    if opened >= 0 and "-->" not in before[opened:] and "-->" in after:
        return True
    open_run = None
    for m in re.finditer(r"`+", before):
        if open_run is None:
            open_run = len(m.group())
        elif len(m.group()) == open_run:
            open_run = None
    return open_run is not None and any(len(m.group()) == open_run for m in re.finditer(r"`+", after))


def _in_table(text: str, lines: LineMap, line: int) -> bool:
    """Is Markdown line `line` a row of a table: has a delimiter row above
    it, within its run of lines that are not blank, lines holding "|"?"""
    for k in range(line, -1, -1):
        row = text[lines.starts[k] : lines.line_end(k)]
        if "|" not in row and not _MD_DELIMITER_ROW.match(row):
            return False
        if k < line and _MD_DELIMITER_ROW.match(row):
            return True
    return False


def _inside_tag(text: str, pos: int) -> bool:
    """Is `pos` inside an HTML tag (between its "<" and ">")?"""
    return text.rfind("<", 0, pos) > text.rfind(">", 0, pos)


def _lines(text: str) -> list[str]:
    """The lines of `text` with their line breaks (LSP's: \\n, \\r\\n, \\r)."""
    out, pos = [], 0
    for m in _LINE_BREAK.finditer(text):
        out.append(text[pos : m.end()])
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def minimal_edits(old: str, new: str) -> list[Edit]:
    """Non-overlapping edits, in order, that turn `old` into `new`: the
    changed runs of lines, trimmed to the characters that differ (never
    splitting a "\\r\\n"); a run of as many lines after as before, line
    by line (fixes keep the lines' order)."""
    a, b = _lines(old), _lines(new)
    starts = [0]
    for line in a:
        starts.append(starts[-1] + len(line))
    edits = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keyed(a), keyed(b), autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        pairs = zip(range(i1, i2), range(j1, j2)) if i2 - i1 == j2 - j1 else [(None, None)]
        for i, j in pairs:
            if i is None:
                start, before, after = starts[i1], old[starts[i1] : starts[i2]], "".join(b[j1:j2])
            else:
                start, before, after = starts[i], a[i], b[j]
            if before != after:
                edits.append(_trimmed(start, before, after))
    return edits


def _trimmed(start: int, before: str, after: str) -> Edit:
    """The edit at `start` turning `before` into `after`, without their
    common start and end (never splitting a "\\r\\n")."""
    p = 0
    limit = min(len(before), len(after))
    while p < limit and before[p] == after[p]:
        p += 1
    if 0 < p < len(before) and before[p - 1] == "\r" and before[p] == "\n":
        p -= 1
    s = 0
    limit -= p
    while s < limit and before[len(before) - 1 - s] == after[len(after) - 1 - s]:
        s += 1
    if 0 < s < len(before) and before[len(before) - s - 1] == "\r" and before[len(before) - s] == "\n":
        s -= 1
    return Edit(start + p, start + len(before) - s, after[p : len(after) - s])
