"""Markdown: markdown-it-py finds the block structure (and so fenced and
indented code, HTML blocks, tables and front matter); a small inline scanner
separates prose from inline markup within each block's source lines."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from ..core.document import PLACEHOLDER, Block
from ..core.lines import LineIndex
from ..speed import patterncache
from ..speed.lazyregex import regex
from .layout import split_lines

_NOT_PROSE_BLOCKS = {"front_matter", "fence", "code_block", "html_block", "hr"}
_CONTAINER_KIND = {"blockquote_open": "quote", "bullet_list_open": "list", "ordered_list_open": "list",
                   "table_open": "table", "heading_open": "heading"}

# Inline markup, most specific first. Named groups say what to do with a match:
# `hide` stands for an opaque placeholder (code, images, URLs) and is protected,
# `target` (link destinations, inline HTML) is protected and dropped from the prose,
# `mark` (emphasis, link brackets) is dropped from the prose, `esc` is a
# backslash escape that reads as its character. Every repetition is bounded
# (or cannot overlap the next one), so a line of a million backticks or
# brackets is scanned in linear time.
# A link's destination and title, as CommonMark reads them: <anything on
# one line> or a run without ASCII spaces or controls whose parentheses
# balance (a no-break space belongs to it), then an optional "title",
# 'title' or (title).
_DESTINATION = (r"""(?:<[^<>\n]{0,2000}>|(?:[^\x00-\x20()\\]|\\.|\((?:[^\x00-\x20()\\]|\\.){0,200}\)){0,2000})"""
                r"""(?:[ \t]+(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'|\([^()\n]{0,500}\)))?[ \t]*""")
_INLINE = patterncache.compile(
    rf"""
    (?P<hide>(?<!`)(?P<ticks>`{{1,32}})(?!`).{{1,2000}}?(?<!`)(?P=ticks)(?!`)   # code span
      | <(?i:code|kbd|samp|var|tt)(?:\s[^<>]{{0,500}})?>.{{0,2000}}?</(?i:code|kbd|samp|var|tt)\s*>  # code in HTML
      | !\[[^\]\n]{{0,500}}\](?:\({_DESTINATION}\)|\[[^\]\n]{{0,500}}\])   # image
      | <[A-Za-z][A-Za-z0-9+.-]{{1,31}}:[^\s<>]{{0,2000}}>                 # autolink
      | <[^\s@<>]{{1,200}}@[^\s@<>]{{1,200}}>                             # email autolink
      | (?<![\w.])(?:https?://|www\.)[^\s<>()\[\]]{{0,2000}}[^\s<>()\[\].,;:!?'"])  # bare URL
    | (?P<target>\]\({_DESTINATION}\)                                   # ](destination "title")
      | \]\[[^\]\n]{{0,500}}\]                                         # ][reference]
      | <!--.{{0,10000}}?-->                                            # comment
      | </?[A-Za-z][A-Za-z0-9-]{{0,30}}(?:\s[^<>]{{0,2000}})?/?>)          # inline HTML tag
    | (?P<esc>\\[!-/:-@\[-`{{-~])
    | (?P<mark>(?<![\w*])\*{{1,3}}(?=\S)|(?<=\S)\*{{1,3}}(?![\w*])     # emphasis delimiters
      | (?<![\w_])_{{1,3}}(?=\S)|(?<=\S)_{{1,3}}(?![\w_])
      | ~~ | \[(?=[^\]\n]{{0,500}}\](?:\(|\[)))                        # strike, link opener
    """,
    regex.VERBOSE | regex.DOTALL,
)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Block structure only: an inline token's content and lines are all this
    # reader takes (its own scan reads the markup), so markdown-it's inline
    # pass, a third of its time, is not run.
    return MarkdownIt("commonmark").use(front_matter_plugin).enable("table").disable(["inline", "text_join"])


def block_tokens(source: str) -> list:
    """markdown-it's block tokens of `source` (each with its lines, `map`)."""
    return _parser().parse(source)


def parse(source: str) -> tuple[list[Block], list[tuple[int, int]]]:
    lines = LineIndex(source)
    blocks: list[Block] = []
    protected: list[tuple[int, int]] = []
    containers: list[str] = []

    def line_range(first: int, last: int) -> tuple[int, int]:
        start = lines.starts[first] if first < len(lines) else len(source)
        end = lines.starts[last] if last < len(lines) else len(source)
        return start, end

    cursor = 0
    for token in _parser().parse(source):
        if token.type in _NOT_PROSE_BLOCKS and token.map:
            protected.append(line_range(*token.map))
        elif token.type in _CONTAINER_KIND:
            containers.append(_CONTAINER_KIND[token.type])
        elif token.type.replace("_close", "_open") in _CONTAINER_KIND and token.nesting == -1:
            containers.pop()
        elif token.type == "inline" and token.map:
            start, end = line_range(*token.map)
            cursor = max(cursor, start)
            block = Block(_kind(containers))
            cursor = _add_inline(block, source, token.content, cursor, end, protected)
            if block.finish().text.strip():
                blocks.extend(split_lines(block))  # a caption line on its paragraph is a block of its own
    return blocks, protected


def _kind(containers: list[str]) -> str:
    for kind in ("heading", "table", "quote", "list"):
        if kind in containers:
            return kind
    return "paragraph"


def _add_inline(block: Block, source: str, content: str, cursor: int, limit: int,
                protected: list[tuple[int, int]]) -> int:
    """Locate each line of the inline `content` in the source (after the
    container prefixes markdown-it stripped) and scan it for inline markup."""
    for i, line in enumerate(content.split("\n")):
        at = source.find(line, cursor, limit) if line else cursor
        if at < 0:
            break  # content rewritten by the parser (tabs, entities): stop mapping
        if i:
            gap = source[cursor:at]
            block.add(cursor, "\n", len(gap)) if gap != "\n" else block.add(cursor, "\n")
        _scan_line(block, source, at, at + len(line), protected)
        cursor = at + len(line)
    return cursor


# One of these is in every match of _INLINE (an image opens "![", a bare URL
# holds "://" or "www."): a line without any is prose through, and most are.
INLINE_MARKS = ("`", "<", "[", "]", "\\", "*", "_", "~", "://", "www.")


def may_hold_markup(line: str) -> bool:
    for mark in INLINE_MARKS:  # a test for each is cheaper than _INLINE's scan
        if mark in line:
            return True
    return False


def _scan_line(block: Block, source: str, start: int, end: int, protected: list[tuple[int, int]]) -> None:
    line = source[start:end]
    if not may_hold_markup(line):
        block.add(start, line)
        return
    pos = start
    for m in _INLINE.finditer(source, start, end):
        block.add(pos, source[pos : m.start()])
        if m.group("hide") is not None:
            block.add(m.start(), PLACEHOLDER, m.end() - m.start())
            protected.append(m.span())
        elif m.group("target") is not None:
            protected.append(m.span())
        elif m.group("esc") is not None:
            block.add(m.start(), m.group()[1], 2)
        pos = m.end()
    block.add(pos, source[pos:end])
