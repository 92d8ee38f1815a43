"""Text whose lines are paragraphs already: a Word file's paragraphs, one a
line. Each non-empty line is one block, decided by nothing but the line
breaks; short lines at the top that do not end like a sentence are the
headlines, as in plain text."""

from __future__ import annotations

from ..core.document import Block
from .plain import block_kind, is_headline


def parse(source: str) -> tuple[list[Block], list[tuple[int, int]]]:
    blocks: list[Block] = []
    leading, pos = True, 0
    for line in source.split("\n"):
        text = line.strip()
        if text:
            leading = leading and is_headline(text)
            blocks.append(Block.literal(block_kind(text, leading), pos + len(line) - len(line.lstrip()), text))
        pos += len(line) + 1
    return blocks, []
