"""WS: white space and invisible characters."""

from __future__ import annotations

import regex

from ..model import Applicability, Fix, Severity
from ..rule import Rule

# Horizontal white space, non-breaking and typographic spaces included.
HSPACE = r"[^\S\r\n\f\v]"
_TRAILING = regex.compile(HSPACE + r"++(?=\r?\n|\r|\Z)")
_MD_HARD_BREAK = regex.compile(r" {2,}")
_NEXT_LINE_HAS_TEXT = regex.compile(r"\r?\n[^\S\r\n]*\S")


class TrailingWhitespace(Rule):
    """
    ## What it does
    Flags white space at the end of a line, including non-breaking and other
    typographic spaces that most editors do not show.

    ## Why it matters
    Trailing non-breaking spaces come from CMS exports and web copy. They are
    invisible on screen but break diffs, wrap lines oddly in print layouts and
    mark the text as pasted.

    ## Example
    ```
    Russia has denied seeking military aid from Beijing.<NBSP><NBSP>
    ```
    The spaces after the full stop are removed.

    ## Fix safety
    Safe: only white space at the end of a line is removed. In Markdown, two or
    more plain spaces ending a line inside a paragraph are a hard line break
    and are left alone.
    """

    code = "WS001"
    name = "whitespace.trailing"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    rewrites_words = False

    def check(self, doc):
        src = doc.source
        for m in _TRAILING.finditer(src):
            start, end = m.span()
            if doc.format == "markdown" and _is_hard_break(src, m):
                continue
            kind = "non-breaking space" if "\u00a0" in m.group() else "white space"
            yield self.diagnostic(start, end, f"trailing {kind}", Fix.delete(start, end))


def _is_hard_break(src: str, m: regex.Match) -> bool:
    """Two or more plain spaces before a line that goes on with text."""
    return bool(_MD_HARD_BREAK.fullmatch(m.group()) and _NEXT_LINE_HAS_TEXT.match(src, m.end()))


class FinalNewline(Rule):
    """
    ## What it does
    Flags a file that does not end in exactly one line break: one is missing,
    or blank lines trail after the last paragraph.

    ## Why it matters
    Publishing tools, diffs and concatenation in pipelines expect text files to
    end in a single newline; a missing one glues the last line to whatever
    comes next.

    ## Example
    ```
    ... they will also "refuel."<EOF>
    ```
    A line break is added after "refuel."

    ## Fix safety
    Safe: only line breaks (and white space between them) at the very end of
    the file are added or removed, in the file's own line-ending style.
    """

    code = "WS002"
    name = "whitespace.final-newline"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    rewrites_words = False

    def check(self, doc):
        src = doc.source
        if not src.strip():
            if src:
                yield self.diagnostic(0, len(src), "the file holds only white space", Fix.delete(0, len(src)))
            return
        if not src.endswith(("\n", "\r")):
            end = len(src)
            yield self.diagnostic(end, end, "no line break at the end of the file",
                                  Fix.replace(end, end, doc.newline))
            return
        body_end = len(src.rstrip())
        first = src.index("\n", body_end) + 1 if "\n" in src[body_end:] else len(src)
        if first < len(src):
            # Keep the first line break; the blank lines after it go.
            yield self.diagnostic(first, len(src), "blank lines at the end of the file",
                                  Fix.delete(first, len(src)))


RULES = [TrailingWhitespace, FinalNewline]
