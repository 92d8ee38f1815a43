"""Plain text: paragraphs are runs of non-blank lines; nothing is markup."""

from __future__ import annotations

import re

from ..document import Block

# One or more blank (or white-space-only) lines between paragraphs.
_BLANK_LINES = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)*\n")
_HEADLINE_MAX_WORDS = 20


def parse(source: str) -> tuple[list[Block], list[tuple[int, int]]]:
    blocks: list[Block] = []
    pos, leading = 0, True
    for m in (*_BLANK_LINES.finditer(source), None):
        end = m.start() if m else len(source)
        text = source[pos:end]
        body = text.strip()
        if body:
            leading = leading and _is_headline(body)
            block = Block("heading" if leading else "paragraph")
            block.add(pos + len(text) - len(text.lstrip()), body)
            blocks.append(block)
        pos = m.end() if m else end
    return blocks, []


def _is_headline(text: str) -> bool:
    """Short one-line blocks at the top of an article are its headlines."""
    return ("\n" not in text and len(text.split()) <= _HEADLINE_MAX_WORDS
            and not text.rstrip("\"'”’)").endswith((".", ",", ";", ":")))
