"""Plain text: blocks are paragraphs set apart by blank lines, or lines
that end a block by themselves (one paragraph a line, a caption glued on
a paragraph); hard-wrapped lines stay one block. layout.py decides each
single line break. Nothing in plain text is markup."""

from __future__ import annotations

from ..core.document import Block
from ..speed.patterncache import compile_re
from .layout import line_blocks, starts_item

_HEADLINE_MAX_WORDS = 20
# Lines quoted as e-mail quotes them ("> The organisation said ...", "> > ..."),
# every line of the block: a quotation, kept as written, as a Markdown block
# quote is. Not a page's link arrows (">", ">>4 Stocks to Watch") or a Python
# prompt (">>> foo()").
_QUOTED = compile_re(r"(?:(?!>>> )>(?: ?>)* \S[^\n]*(?:\n|$))+$")
# A line with a photo credit at the top of a file ("Photo: DPA", "... in
# Kyiv. REUTERS/Gleb Garanich") is a caption pasted there, not a headline:
# the caption rules must see it.
_CREDIT_LINE = compile_re(r"^\W*(?i:photo(?:graph)?|picture|image|credit|illustration)s?(?i: credit)?\s?:"
                          r"|\b(?:REUTERS|AFP|EPA(?:-EFE)?)\s?/|\bAP Photo\b|/Getty Images\b")


def parse(source: str) -> tuple[list[Block], list[tuple[int, int]]]:
    blocks: list[Block] = []
    leading = True
    for start, end in line_blocks(source):
        text = source[start:end]
        leading = leading and is_headline(text)
        blocks.append(Block.literal(block_kind(text, leading), start, text))
    return blocks, []


def block_kind(text: str, leading: bool) -> str:
    """A plain-text block's kind; `leading`: all blocks above it are headlines."""
    return "heading" if leading else "quote" if _QUOTED.match(text) else "list" if starts_item(text) else "paragraph"


def is_headline(text: str) -> bool:
    """Short one-line blocks at the top of an article are its headlines."""
    return ("\n" not in text and len(text.split()) <= _HEADLINE_MAX_WORDS
            and not text.rstrip("\"'”’)").endswith((".", ",", ";", ":")) and not _CREDIT_LINE.search(text))
