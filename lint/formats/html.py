"""HTML: text between tags is prose; tags, comments and the content of
script/style/pre/code (and the document head) are not. Block-level tags
end a block; entities read as the character they stand for."""

from __future__ import annotations

import html as _html

import regex

from .. import patterncache
from ..document import PLACEHOLDER, Block

_OPAQUE = "script|style|pre|textarea|template|svg|math|head|title|noscript"
_TOKEN = patterncache.compile(
    rf"""
    (?P<opaque><(?P<oname>{_OPAQUE})\b[^>]*>.*?(?:</(?P=oname)\s*>|\Z))
    | (?P<code><code\b[^>]*>.*?(?:</code\s*>|\Z))
    | (?P<markup><!--.*?(?:-->|\Z) | <![^>]*> | <\?[^>]*>)
    | (?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?/?>)
    | (?P<entity>&(?:[A-Za-z][A-Za-z0-9]{{1,31}}|\#[0-9]{{1,7}}|\#[xX][0-9A-Fa-f]{{1,6}});)
    | (?P<space>[ \t\n\r\f]{{2,}}|[\t\n\r\f])   # collapsible white space (not a no-break space)
    """,
    regex.VERBOSE | regex.DOTALL | regex.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote figcaption figure td th tr table thead tbody "
    "section article header footer nav aside hr dd dt dl main body html form caption "
    "details summary address".split()
)
_KIND_OF = {**{f"h{i}": "heading" for i in range(1, 7)}, "blockquote": "quote",
            "figcaption": "caption", "li": "list", "td": "table", "th": "table", "caption": "caption"}


def parse(source: str) -> tuple[list[Block], list[tuple[int, int]]]:
    blocks: list[Block] = []
    protected: list[tuple[int, int]] = []
    open_kinds: list[str] = []
    block = Block("paragraph")

    def close_block() -> None:
        nonlocal block
        if block.text.strip():
            blocks.append(_trimmed(block))
        block = Block(next((k for k in reversed(open_kinds)), "paragraph"))

    pos = 0
    for m in _TOKEN.finditer(source):
        block.add(pos, source[pos : m.start()])
        pos = m.end()
        if m.group("space") is not None:
            block.add(m.start(), " ", m.end() - m.start())
        elif m.group("entity") is not None:
            block.add(m.start(), _html.unescape(m.group()), m.end() - m.start())
        elif m.group("code") is not None:
            block.add(m.start(), PLACEHOLDER, m.end() - m.start())
            protected.append(m.span())
        elif m.group("tag") is not None:
            protected.append(m.span())
            name = m.group("name").lower()
            if name in _BLOCK_TAGS:
                closing = m.group().startswith("</")
                kind = _KIND_OF.get(name)
                if kind and closing and kind in open_kinds:
                    del open_kinds[len(open_kinds) - 1 - open_kinds[::-1].index(kind)]
                elif kind and not closing and not m.group().endswith("/>"):
                    open_kinds.append(kind)
                close_block()
        else:  # opaque element, comment, doctype
            protected.append(m.span())
            if m.group("opaque") is not None:
                close_block()
    block.add(pos, source[pos:])
    close_block()
    return blocks, protected


def _trimmed(block: Block) -> Block:
    """The block without leading and trailing white space (markup indentation)."""
    text = block.text
    lead, trail = len(text) - len(text.lstrip()), len(text.rstrip())
    out = Block(block.kind)
    for c in block.chunks:
        s, e = max(c.text_start, lead), min(c.text_end, trail)
        if s >= e:
            continue
        if c.literal:
            out.add(c.source_start + s - c.text_start, text[s:e])
        else:
            out.add(c.source_start, text[s:e], c.source_len)
    return out
