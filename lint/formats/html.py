"""HTML: Python's own HTML parser finds tags, comments and text as browsers
do (a ">" inside a quoted attribute stays in its tag). Tags, comments and
what script, style, pre, code, kbd, samp, var and the document head hold
are not prose. Block-level tags end a block, a <br> is a line break (lines
are then split as plain-text lines are), and entities read as the
character they stand for. Each block remembers the element it fills, so
removing the block removes the element. On a whole page only the article
is prose (article.py): the rest is the site's template."""

from __future__ import annotations

import html as _html
import re
from functools import lru_cache
from html.parser import HTMLParser

from ..core.document import PLACEHOLDER, Block
from .article import find_article, is_page
from .elements import Tree
from .layout import split_lines

# Elements whose content is not prose: block-level ones end a block, inline
# ones stand in the prose as a placeholder.
_OPAQUE_BLOCKS = frozenset("script style pre textarea template svg math head title noscript iframe object".split())
_OPAQUE_INLINE = frozenset("code kbd samp var".split())
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote figcaption figure td th tr table thead tbody tfoot "
    "section article header footer nav aside hr dd dt dl main body html form caption "
    "details summary address fieldset legend menu center".split()
)
_KIND_OF = {**{f"h{i}": "heading" for i in range(1, 7)}, "blockquote": "quote",
            "figcaption": "caption", "li": "list", "dd": "list", "td": "table", "th": "table", "caption": "caption"}
# White space a browser shows as one space, where the prose must say so (a
# single space is already what it reads as).
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
# Each entity's character, read once a process: a page repeats a few entities many times.
_entity = lru_cache(maxsize=4096)(_html.unescape)


class _Tokens(HTMLParser):
    """Every token of the source as (offset, kind, tag, attrs); a token runs
    to the next one's offset."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)  # (reset() sets `at`)
        self.tokens: list[tuple[int, str, str | None, list | None]] = []
        self.feed(source)
        self.close()

    def updatepos(self, i: int, j: int) -> int:
        # The parser moves its position from i to j past each token (i and j
        # in what it has yet to read) and counts the lines between for
        # getpos(): the offset in the source alone is kept.
        self.at += j - i
        return j

    def reset(self) -> None:
        super().reset()
        self.at = 0  # where the token being handled starts

    def _add(self, kind: str, tag: str | None = None, attrs: list | None = None) -> None:
        self.tokens.append((self.at, kind, tag, attrs))

    def handle_starttag(self, tag, attrs):
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._add("void", tag, attrs)

    def handle_endtag(self, tag):
        self._add("end", tag)

    def handle_data(self, data):
        self._add("text")

    def handle_entityref(self, name):
        self._add("entity")

    def handle_charref(self, name):
        self._add("entity")

    def handle_comment(self, data):
        self._add("markup")

    def handle_decl(self, decl):
        self._add("markup")

    def handle_pi(self, data):
        self._add("markup")

    def unknown_decl(self, data):
        self._add("markup")


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.blocks: list[Block] = []
        self.protected: list[tuple[int, int]] = []
        self.tree = Tree(len(source))
        self.block = Block("paragraph")
        self.opaque: tuple[str, int, int] | None = None  # (name, start, depth) of the element being skipped

    def read(self) -> None:
        source, tree = self.source, self.tree
        tokens = _Tokens(source).tokens
        ends = [t[0] for t in tokens[1:]] + [len(source)]
        for (start, kind, tag, attrs), end in zip(tokens, ends):
            if start >= end:
                continue
            if self.opaque is not None:
                self._skip(start, end, kind, tag)
            elif kind == "text":
                text = source[start:end]
                self._text(text, start)
                tree.text(text)
            elif kind == "entity":
                raw = source[start:end]
                char = _entity(raw)
                self.block.add(start, char, None if char == raw else end - start)
                tree.text(char)
            elif kind in ("start", "void"):
                self._open(start, end, tag, attrs, kind == "void")
            elif kind == "end":
                self._close(start, end, tag)
            else:  # comment, doctype, processing instruction
                self.protected.append((start, end))
        if self.opaque is not None:  # never closed: it runs to the end
            self._skip(len(source), len(source), "end", self.opaque[0], closing=True)
        self._end_block()
        tree.finish()

    # -- prose ----------------------------------------------------------
    def _text(self, text: str, start: int) -> None:
        """Text (`text`, at `start`), its runs of collapsible white space read as one space."""
        if "  " not in text and "\n" not in text and "\t" not in text and "\r" not in text and "\f" not in text:
            self.block.add(start, text)  # (most text: five tests are cheaper than a scan)
            return
        pos = 0
        for m in _COLLAPSIBLE.finditer(text):
            self.block.add(start + pos, text[pos : m.start()])
            self.block.add(start + m.start(), " ", m.end() - m.start())
            pos = m.end()
        self.block.add(start + pos, text[pos:])

    def _end_block(self) -> None:
        """Close the block being built (keeping it if it holds prose) and
        start one of the kind the open elements give."""
        block = self.block.finish()
        stack = self.tree.stack
        if block.text.strip():
            element = next(e for e in reversed(stack) if e.tag in _BLOCK_TAGS or e.parent is None)
            lines = split_lines(block)
            if len(lines) > 1:
                _line_regions(block, lines)
            for line in lines:
                self.blocks.append(line)
                line.element = element
            self.tree.blocks += len(lines)
        self.block = Block(stack[-1].kind)

    # -- structure -------------------------------------------------------
    def _open(self, start: int, end: int, tag: str, attrs: list, void: bool) -> None:
        self.protected.append((start, end))
        if tag == "br":
            self.block.add(start, "\n", end - start)
            return
        opaque = tag in _OPAQUE_BLOCKS or tag in _OPAQUE_INLINE
        if tag in _BLOCK_TAGS or tag in _OPAQUE_BLOCKS:
            self._end_block()
        element = self.tree.open(tag, attrs, start, end, void)
        if element is not None and tag in _KIND_OF:
            element.kind = _KIND_OF[tag]  # the kind of the blocks inside, down to an element with its own
        if opaque and element is not None:
            self.opaque = (tag, start, 1)
        elif tag in _BLOCK_TAGS:
            self._end_block()  # the new block takes the element's kind

    def _close(self, start: int, end: int, tag: str) -> None:
        self.protected.append((start, end))
        if tag == "br":  # "</br>" is a line break to browsers too
            self.block.add(start, "\n", end - start)
            return
        if tag in _BLOCK_TAGS:
            self._end_block()
        if self.tree.close(tag, start, end) and tag in _BLOCK_TAGS:
            self._end_block()  # the next block takes the kind of what is still open

    def _skip(self, start: int, end: int, kind: str, tag: str | None, closing: bool = False) -> None:
        """Inside an element whose content is not prose, until it closes."""
        name, opened, depth = self.opaque
        if tag == name and kind in ("start", "end"):
            depth += 1 if kind == "start" else -1
        if depth > 0 and not closing:
            self.opaque = (name, opened, depth)
            if kind == "text" and name == "pre":
                self.tree.text(self.source[start:end])  # a code sample is article text to readability
            return
        self.opaque = None
        self.protected.append((opened, end))
        self.tree.close(name, start, end)
        if name in _OPAQUE_INLINE:
            self.block.add(opened, PLACEHOLDER, end - opened)


def parse(source: str, scope: str = "article") -> tuple[list[Block], list[tuple[int, int]]]:
    reader = _Reader(source)
    reader.read()
    blocks, protected = reader.blocks, reader.protected
    lo, hi = 0, len(source)
    article = find_article(reader.tree) if scope == "article" and is_page(source) else None
    if article is not None:
        # The page around the article, and the template inside it, are not prose.
        lo, hi = article.start, article.end
        cut = [(0, lo), *article.holes, (hi, len(source))]
        blocks = [b for b in blocks if not any(s < b.source_end and b.source_start < e for s, e in cut)]
        protected += cut
    for block in blocks:
        block.region = _region(source, block, lo, hi)
    return blocks, protected


def article_span(source: str) -> tuple[int, int] | None:
    """Where a whole page's article lies, or None (a fragment, no article)."""
    if not is_page(source):
        return None
    reader = _Reader(source)
    reader.read()
    found = find_article(reader.tree)
    return None if found is None else (found.start, found.end)


def _line_regions(block: Block, lines: list[Block]) -> None:
    """Where removing each line of a block split at <br>s reaches: from the
    break before it through the breaks after it; the last line from the
    breaks before it to the end of its element (None: the element's end,
    known once it closes). One pass over lines and breaks together."""
    breaks = [c for c in block.chunks if not c.literal and block.text[c.text_start:c.text_end] == "\n"]
    b = 0
    for i, line in enumerate(lines):
        while b < len(breaks) and breaks[b].source_end <= line.source_start:
            b += 1
        before = breaks[b - 1].source_end if b else None  # the last break before the line
        if i + 1 < len(lines):
            j = b
            while j < len(breaks) and breaks[j].source_start < lines[i + 1].source_start:
                j += 1
            line.region = (before, breaks[j - 1].source_end)  # through the last break before the next line
        else:
            j = b - 1
            while j > 0 and breaks[j - 1].source_start >= lines[i - 1].source_end:
                j -= 1
            line.region = (breaks[j].source_start, None)  # from the first break after the line before


def _region(source: str, block: Block, lo: int, hi: int) -> tuple[int, int] | None:
    """What removing `block` removes: a line split off at a <br> with its
    break; else its element, and the elements around that hold nothing
    else, within the article [lo, hi). None when that would leave a tag
    without its partner, or the element holds more prose than the block."""
    element = block.element
    if block.region is not None:  # a line of an element
        start = element.inner_start if block.region[0] is None else block.region[0]
        end = element.inner_end if block.region[1] is None else block.region[1]
        return (start, end) if element.balanced(start, end) else None
    if element.parent is None or element.blocks != 1 or not (lo <= element.start and element.end <= hi):
        return None
    while (element.parent.parent is not None and element.parent.blocks == 1
           and lo <= element.parent.start and element.parent.end <= hi):
        element = element.parent
    start, end = element.start, element.end
    # An element on lines of its own goes with its line break. (Only the
    # white space beside it is read: on a page of one long line, looking
    # for the line's ends took a pass over the page for every block.)
    line_start, line_end = start, end
    while line_start and source[line_start - 1] != "\n" and source[line_start - 1].isspace():
        line_start -= 1
    while line_end < len(source) and source[line_end] != "\n" and source[line_end].isspace():
        line_end += 1
    if (line_start == 0 or source[line_start - 1] == "\n") and (line_end == len(source) or source[line_end] == "\n"):
        return (line_start, line_end + 1) if line_end < len(source) else (line_start, end)
    return start, end
