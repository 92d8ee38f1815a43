"""The element tree of an HTML document, with exact source offsets, built
the way browsers decide where an element ends: void elements never open,
a <p> closes at the next block, an <li> at the next <li>, a cell at the
next cell, headings at the next heading, and an end tag with no open
partner is ignored. Each element also counts the text inside it, for
finding the article (article.py)."""

from __future__ import annotations

import re

VOID = frozenset("area base basefont bgsound br col embed hr img input keygen link meta param source track wbr".split())
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# Start tags that close an open <p> (HTML Standard, "in body" insertion mode).
_CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr li dd dt listing main menu nav ol p pre section summary table ul xmp".split()
)
# The "special" category: an unmatched end tag does not close past these.
_SPECIAL = frozenset(
    "address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup "
    "dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head "
    "header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes "
    "noscript object ol p param plaintext pre script search section select source style summary table tbody td "
    "template textarea tfoot th thead title tr track ul wbr xmp".split()
)
_SCOPE = frozenset("applet caption html table td th marquee object template".split())
_TABLE_SCOPE = frozenset("html table template".split())
_BUTTON_SCOPE = _SCOPE | {"button"}  # where an open <p> is looked for
_LIST_SCOPE = _SCOPE | {"ol", "ul"}  # where an open <li> is looked for
_DEFINITION_SCOPE = _SCOPE | {"dl"}  # where an open <dd> or <dt> is looked for
_TABLE_PARTS = {"td": ("td", "th"), "th": ("td", "th"), "tr": ("tr", "td", "th")}
# A <div> (or <section>, ...) with none of these inside is a paragraph of <br> lines.
BLOCKS = frozenset(
    "address article aside blockquote details dialog div dl fieldset figure footer form h1 h2 h3 h4 h5 h6 header "
    "hgroup hr li main nav ol p pre section table ul".split()
)
_COMMAS = re.compile(r"[,\uff0c\u3001\u060c]")


class Element:
    """An element: its tag, attributes that place it, its source spans, and
    the text inside it (counted as readability counts it)."""

    __slots__ = ("tag", "parent", "start", "inner_start", "inner_end", "end", "children", "depth", "blocks",
                 "own", "commas", "links", "total", "para", "score", "scored", "has_block",
                 "cls", "ident", "itemprop", "role", "weight", "unlikely", "kind", "blocks_before")

    def __init__(self, tag: str, parent: "Element | None", start: int, inner_start: int, attrs=()):
        self.tag, self.parent, self.start, self.inner_start = tag, parent, start, inner_start
        self.inner_end = self.end = -1  # set when it closes: the start of its end tag, and past it
        self.children: list[Element] = []
        self.depth = parent.depth + 1 if parent else 0
        self.blocks = 0  # prose blocks inside it (counted when it closes)
        self.blocks_before = 0  # the tree's count of blocks when it opened
        self.own = self.commas = self.links = self.total = self.para = 0  # text straight inside, commas, in links
        self.score, self.scored, self.has_block = 0.0, False, False
        self.weight, self.unlikely = 0, False  # set by article.py from the class and id
        self.kind = parent.kind if parent else "paragraph"  # of a block of its text (html.py sets its own)
        cls = ident = itemprop = role = ""
        for key, value in attrs:
            if value is None:
                continue
            if key == "class":
                cls = value
            elif key == "id":
                ident = value
            elif key == "itemprop":
                itemprop = value
            elif key == "role":
                role = value
        self.cls, self.ident = cls.strip(), ident.strip()
        self.itemprop = "articlebody" in itemprop.lower().split()
        self.role = role.strip().lower()

    def __repr__(self) -> str:
        return f"<{self.tag} {self.start}:{self.end}>"

    def contains(self, other: "Element") -> bool:
        while other is not None and other.depth >= self.depth:
            if other is self:
                return True
            other = other.parent
        return False

    def walk(self):
        """The element and all inside it, parents first (no recursion:
        pages nest deeply)."""
        todo = [self]
        while todo:
            element = todo.pop()
            yield element
            todo.extend(reversed(element.children))

    def balanced(self, start: int, end: int) -> bool:
        """Does every element inside this one that starts in [start, end)
        also end in it, and every one that ends in it also start there?"""
        return all(e is self or (start <= e.start < end) == (start < e.end <= end) for e in self.walk())


class Tree:
    """Builds the element tree from tags and text, in source order."""

    def __init__(self, length: int):
        self.root = Element("#root", None, 0, 0)
        self.root.inner_end = self.root.end = length
        self.stack = [self.root]
        self.elements: list[Element] = []  # all of them, parents first
        self.blocks = 0  # prose blocks so far (the reader counts them): an element's are those made while it is open
        self._open: dict[str, int] = {}  # how many elements of each tag are open: a tag none is open for is not looked for
        self._in_link = 0

    def open(self, tag: str, attrs, start: int, inner_start: int, self_closing: bool) -> Element | None:
        """Open an element (closing those it implies); None when it is void
        or repeats <html>, <body> or <head>."""
        stack = self.stack
        if tag in ("html", "body", "head") and self._open.get(tag):
            return None
        if tag in _CLOSES_P:
            self._close_found(("p",), _BUTTON_SCOPE, start)
        if tag == "li":
            self._close_found(("li",), _LIST_SCOPE, start)
        elif tag in ("dd", "dt"):
            self._close_found(("dd", "dt"), _DEFINITION_SCOPE, start)
        elif tag in _HEADINGS and stack[-1].tag in _HEADINGS:
            self._pop_to(len(stack) - 1, start)
        elif tag in ("td", "th", "tr", "tbody", "thead", "tfoot"):
            self._close_found(_TABLE_PARTS.get(tag, ("tbody", "thead", "tfoot", "tr", "td", "th")), _TABLE_SCOPE, start)
        elif tag == "a":
            self._close_found(("a",), _SCOPE, start)
        parent = stack[-1]
        element = Element(tag, parent, start, inner_start, attrs)
        parent.children.append(element)
        parent.has_block = parent.has_block or tag in BLOCKS
        self.elements.append(element)
        if tag in VOID or (self_closing and tag in ("svg", "math")):
            element.inner_end = element.end = inner_start
            return None
        stack.append(element)
        element.blocks_before = self.blocks
        self._open[tag] = self._open.get(tag, 0) + 1
        self._in_link += tag == "a"
        return element

    def close(self, tag: str, start: int, end: int) -> bool:
        """Close the element an end tag ends; False when none is open."""
        if tag in VOID or tag in ("html", "body"):
            return False
        if tag == "p":
            i = self._find(("p",), _BUTTON_SCOPE)
        elif tag == "li":
            i = self._find(("li",), _LIST_SCOPE)
        elif tag in _HEADINGS:
            i = self._find(_HEADINGS, _SCOPE)
        elif tag in ("td", "th", "tr", "tbody", "thead", "tfoot", "table"):
            i = self._find((tag,), _TABLE_SCOPE)
        elif tag in _SPECIAL:
            i = self._find((tag,), _SCOPE)
        elif not self._open.get(tag):
            return False
        else:  # any other end tag closes the nearest match, unless a special element is in the way
            i = -1
            for j in range(len(self.stack) - 1, 0, -1):
                if self.stack[j].tag == tag:
                    i = j
                    break
                if self.stack[j].tag in _SPECIAL:
                    break
        if i <= 0:
            return False
        self._pop_to(i, end, inner_end=start)
        return True

    def text(self, data: str) -> None:
        """Count text straight inside the current element: its characters
        with each run of white space as one space, and its commas."""
        stripped = data.strip()
        # (a printable line's only white space is " ": without two together, it is counted already)
        n = len(stripped) if "  " not in stripped and stripped.isprintable() else len(" ".join(stripped.split()))
        if n:
            element = self.stack[-1]
            element.own += n
            element.commas += data.count(",") if data.isascii() else len(_COMMAS.findall(data))
            if self._in_link:
                element.links += n

    def finish(self) -> None:
        self._pop_to(1, self.root.end)

    def _find(self, names, boundary) -> int:
        if not any(self._open.get(name) for name in names):
            return -1  # (most calls: an open <p> looked for at every block, none open)
        for i in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[i].tag
            if tag in names:
                return i
            if tag in boundary:
                return -1
        return -1

    def _close_found(self, names, boundary, at: int) -> None:
        i = self._find(names, boundary)
        if i > 0:
            self._pop_to(i, at)

    def _pop_to(self, index: int, at: int, inner_end: int | None = None) -> None:
        """Close stack[index:] at `at` (the last explicitly, when inner_end is given)."""
        stack = self.stack
        while len(stack) > index:
            element = stack.pop()
            element.blocks = self.blocks - element.blocks_before
            self._open[element.tag] -= 1
            explicit = inner_end is not None and len(stack) == index
            element.inner_end = inner_end if explicit else at
            element.end = at
            self._in_link -= element.tag == "a"
