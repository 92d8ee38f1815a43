"""Plain text: blocks are paragraphs set apart by blank lines, or lines
that end a block by themselves (one paragraph a line, a caption glued on
a paragraph); hard-wrapped lines stay one block. layout.py decides each
single line break. Nothing in plain text is markup."""

from __future__ import annotations

import re
from typing import Iterator

from ..document import Block
from .layout import breaks_block, run_width, starts_item, wrap_width

# One or more blank (or white-space-only) lines between paragraphs.
_BLANK_LINES = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)*\n")
_HEADLINE_MAX_WORDS = 20


def parse(source: str) -> tuple[list[Block], list[tuple[int, int]]]:
    runs: list[tuple[int, str]] = []  # (offset, text) of each run of non-blank lines, stripped
    pos = 0
    for m in (*_BLANK_LINES.finditer(source), None):
        end = m.start() if m else len(source)
        text = source[pos:end]
        body = text.strip()
        if body:
            runs.append((pos + len(text) - len(text.lstrip()), body))
        pos = m.end() if m else end
    several = [body for _, body in runs if "\n" in body]  # most articles have none
    width = wrap_width([line.strip() for line in body.split("\n")] for body in several) if several else None
    blocks: list[Block] = []
    leading = True
    for start, body in runs:
        for at, text in (_split(start, body, width) if "\n" in body else ((start, body),)):
            leading = leading and _is_headline(text)
            block = Block("heading" if leading else "list" if starts_item(text) else "paragraph")
            block.add(at, text)
            blocks.append(block)
    return blocks, []


def _split(start: int, body: str, width: int | None) -> Iterator[tuple[int, str]]:
    """(offset, text) of each block in a run of lines."""
    first = pos = 0  # offsets in `body`: the block being built, the current line
    lines = body.split("\n")
    width = run_width([line.strip() for line in lines], width)
    for line, after in zip(lines, lines[1:]):
        end = pos + len(line)
        if breaks_block(line.strip(), after.strip(), width, opens_block=pos <= first):
            yield start + first, body[first:end].rstrip()
            first = end + 1 + len(after) - len(after.lstrip())
        pos = end + 1
    yield start + first, body[first:]


def _is_headline(text: str) -> bool:
    """Short one-line blocks at the top of an article are its headlines."""
    return ("\n" not in text and len(text.split()) <= _HEADLINE_MAX_WORDS
            and not text.rstrip("\"'”’)").endswith((".", ",", ";", ":")))
