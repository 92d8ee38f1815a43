"""Plain text: paragraphs are runs of non-blank lines; nothing is markup."""

from __future__ import annotations

import regex

from ..document import Block

_PARAGRAPH = regex.compile(r"[^\S\r\n]*+\S(?:.|\r?\n(?![^\S\r\n]*+(?:\r?\n|$)))*", regex.V1)
_HEADLINE_MAX_WORDS = 20


def parse(source: str) -> tuple[list[Block], list[tuple[int, int]]]:
    blocks = []
    for m in _PARAGRAPH.finditer(source):
        text = m.group()
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        block = Block(_kind(body, blocks))
        block.add(m.start() + lead, body)
        blocks.append(block)
    return blocks, []


def _kind(text: str, before: list[Block]) -> str:
    """Short one-line blocks at the top of an article are its headlines."""
    leading = all(b.kind == "heading" for b in before)
    one_line = "\n" not in text and len(text.split()) <= _HEADLINE_MAX_WORDS
    if leading and one_line and not text.endswith((".", ",", ";", ":")):
        return "heading"
    return "paragraph"
