"""WS: white space and invisible characters."""

from __future__ import annotations

from ..core.model import Applicability, Fix, Severity
from ..core.rule import Rule
from ..speed import patterncache
from ..speed.lazy import lazy_re
from ..speed.prefilter import HSPACE, Prefilter

_LINE_BREAK = lazy_re(r"\r?\n|\r")
_MD_HARD_BREAK = lazy_re(r" {2,}")
_NEXT_LINE_HAS_TEXT = lazy_re(r"\r?\n[^\S\r\n]*\S")


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
    prose_only = False  # a fact about characters, in code and tables too
    gate = Prefilter("[" + HSPACE.replace("\\x0b\\x0c", "") + "](?:\r|\n|$)", source=True)

    def check(self, doc):
        src = doc.source
        for end in _line_ends(src):
            start = end
            while start and src[start - 1] not in _NOT_TRAILING and src[start - 1].isspace():
                start -= 1
            if start == end or (doc.format == "markdown" and _is_hard_break(src, start, end)):
                continue
            kind = "non-breaking space" if "\u00a0" in src[start:end] else "white space"
            yield self.diagnostic(start, end, f"trailing {kind}", Fix.delete(start, end))


_NOT_TRAILING = frozenset("\r\n\f\v")


def _line_ends(src: str):
    """Where each line's text ends (before its line break), and the end of the text.
    Walking back from each line end is linear, where a pattern for "spaces
    before a line break" is retried at every space of a long run."""
    for m in _LINE_BREAK.finditer(src):
        yield m.start()
    if not src.endswith(("\n", "\r")):
        yield len(src)


def _is_hard_break(src: str, start: int, end: int) -> bool:
    """Two or more plain spaces before a line that goes on with text."""
    return bool(_MD_HARD_BREAK.fullmatch(src, start, end) and _NEXT_LINE_HAS_TEXT.match(src, end))


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
    prose_only = False  # a fact about characters, in code and tables too

    def check(self, doc):
        if doc.format == "docx":
            return  # a Word file's paragraphs are not lines of a file
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



_SPACE_RUN = lazy_re(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")
_SPACE_RUN_HINT = Prefilter("[ \t\u00a0]{2}")
_AFTER_SENTENCE = lazy_re(r"[.!?:][\"”’)]?$")


class SpaceRun(Rule):
    """
    ## What it does
    Flags two or more spaces between words inside a line of prose. Two
    spaces after a full stop (the typewriter habit) are flagged too, as a
    separate message. In HTML and Markdown, a space on each side of a tag
    or inline markup the prose leaves out ("a photo <img src=...> shows")
    is not a run: a browser shows one space there.

    ## Why it matters
    Runs of spaces come from text justified for print, pasted from PDFs, or
    joined from fragments. On the web they collapse, but in feeds, apps and
    print layouts they show as holes in the line.

    ## Example
    ```
    The minister  said on Monday.
    ```
    becomes "The minister said on Monday."

    ## Fix safety
    Safe: the run becomes one space; no word changes.
    """

    code = "WS003"
    name = "whitespace.space-run"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    rewrites_words = False
    gate = _SPACE_RUN_HINT

    def check(self, doc):
        markup = doc.format in ("html", "markdown")
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            for m in _SPACE_RUN.finditer(text):
                if markup and "\u00a0" not in m.group() and not block.contiguous(m.start(), m.end()):
                    continue  # a space each side of a tag ("a photo <img> shows"): a browser shows one
                after_stop = _AFTER_SENTENCE.search(text, max(0, m.start() - 3), m.start())
                message = "two spaces after a sentence" if after_stop else f"{len(m.group())} spaces in a row"
                yield self.in_block(block, m.start(), m.end(), message, " ")


# Invisible or look-alike characters that do not belong in running prose.
_INVISIBLE = {
    "\u00a0": ("non-breaking space", " "),
    "\u202f": ("narrow non-breaking space", " "),
    "\u2007": ("figure space", " "),
    "\u200b": ("zero-width space", ""),
    "\u2060": ("word joiner", ""),
    "\ufeff": ("zero-width no-break space (BOM)", ""),
    "\u00ad": ("soft hyphen", ""),
    "\u200e": ("left-to-right mark", ""),
    "\u200f": ("right-to-left mark", ""),
    **{ch: ("bidirectional control character", "") for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"},
}
_INVISIBLE_CHARS = lazy_re("[" + "".join(_INVISIBLE) + "]+")
_INVISIBLE_HINT = Prefilter("[" + "".join(_INVISIBLE) + "]")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_RTL_SCRIPT = patterncache.compile(r"[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}]")
# A non-breaking space (narrow or figure space too) that keeps a figure
# with its unit or its next digits, or a title or initial with a name, is
# typography an editor put there on purpose.
_INTENDED_NBSP = patterncache.compile(r"(?:\d|\b(?:Mr|Mrs|Ms|Dr|St|No|p|pp)\.?|\b\p{Lu}\.)$")


_FRENCH_BEFORE = frozenset(":;!?»")


def french_spacing(text: str, pos: int, french: bool) -> bool:
    """Is the character at `pos` a no-break space French typography sets:
    after « and before » (in any language: the quotation is French), and
    before : ; ! ? in French text or inside « »?"""
    if text[pos] not in "\u00a0\u202f":
        return False
    after = text[pos + 1 : pos + 2]
    if text[pos - 1 : pos] == "«" or after == "»":
        return True
    if after not in _FRENCH_BEFORE:
        return False
    return french or (text.rfind("«", 0, pos) > text.rfind("»", 0, pos) and "»" in text[pos:])


class InvisibleCharacter(Rule):
    """
    ## What it does
    Flags invisible characters inside prose: non-breaking and other special
    spaces between words, zero-width spaces, word joiners, soft hyphens,
    stray byte-order marks and bidirectional control characters. A
    non-breaking space (or a narrow or figure space) that ties a figure to
    its unit ("10 km", French "12 milliards") or groups its digits ("1 000
    euros"), or a title to a name ("Mr Smith"), is left alone, as are a
    French text's non-breaking spaces before ":", ";", "!", "?" and "»" and
    after "«" (inside « » in any language: a French quotation), and
    bidirectional marks in right-to-left text.

    ## Why it matters
    These characters ride along from CMS exports, word processors and web
    pages. Readers cannot see them, but they break search, word counts,
    line breaking and text-to-speech; bidirectional controls can even
    reorder what a reader sees.

    ## Example
    ```
    The<NBSP>report came as U.S. National Security Adviser ...
    ```
    becomes "The report came as ..." with a plain space.

    ## Fix safety
    Safe for spaces (replaced by a plain space), zero-width characters and
    soft hyphens (removed). Unsafe for bidirectional controls, which may be
    deliberate in mixed-direction text.
    """

    code = "WS004"
    name = "whitespace.invisible-character"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    rewrites_words = False
    prose_only = False  # a fact about characters, in code and tables too
    gate = _INVISIBLE_HINT

    def check(self, doc):
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            rtl = bool(_RTL_SCRIPT.search(text))
            french = doc.language_of(block) == "fr"
            for m in _INVISIBLE_CHARS.finditer(text):
                yield from self._run(doc, block, m, rtl, french)

    def _run(self, doc, block, m, rtl, french):
        text = block.text
        for i, ch in enumerate(m.group()):
            pos = m.start() + i
            source_pos = block.to_source(pos)
            if doc.source[source_pos : source_pos + 1] != ch:
                continue  # written as an entity in HTML: deliberate markup
            if text[pos + 1 : pos + 2] in ("\r", "\n"):
                continue  # trailing white space: WS001's finding
            if ch in "\u00a0\u202f\u2007" and _INTENDED_NBSP.search(text, max(0, pos - 4), pos):
                continue
            if french_spacing(text, pos, french):
                continue
            if ch in _BIDI and rtl:
                continue
            label, replacement = _INVISIBLE[ch]
            if ch in " \u00a0\u202f\u2007" or replacement == " ":
                # At the edge of a word run, a space would double a neighbour.
                neighbours = text[pos - 1 : pos] + text[pos + 1 : pos + 2]
                replacement = "" if any(c.isspace() for c in neighbours) else " "
            applicability = Applicability.UNSAFE if ch in _BIDI else Applicability.SAFE
            yield self.in_block(block, pos, pos + 1, f"{label} (U+{ord(ch):04X}) in prose", replacement, applicability)


_TAB = lazy_re(r"\t+")
_TAB_HINT = Prefilter("\t")


class TabInProse(Rule):
    """
    ## What it does
    Flags tab characters inside a paragraph of prose.

    ## Why it matters
    Tabs come from spreadsheets and word-processor layouts. In a CMS or a
    feed they render as one space, several, or none, so words run together
    or drift apart.

    ## Example
    ```
    Shares rose<TAB>3% on Monday.
    ```
    becomes "Shares rose 3% on Monday."

    ## Fix safety
    Safe: each run of tabs becomes one space (or nothing next to a space).
    """

    code = "WS005"
    name = "whitespace.tab"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    rewrites_words = False
    gate = _TAB_HINT

    def check(self, doc):
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            for m in _TAB.finditer(text):
                neighbours = text[m.start() - 1 : m.start()] + text[m.end() : m.end() + 1]
                at_edge = not neighbours.strip() or any(c.isspace() for c in neighbours)
                yield self.in_block(block, m.start(), m.end(), "tab in prose", "" if at_edge else " ")


_BLANK_RUN = lazy_re(r"\n((?:[^\S\r\n]*\r?\n){2,})(?=[^\S\r\n]*\S)")


class ExtraBlankLines(Rule):
    """
    ## What it does
    Flags more than one blank line between paragraphs.

    ## Why it matters
    Extra blank lines are left by deleted paragraphs and CMS exports. Some
    publishing systems turn each into an empty paragraph, which shows as a
    gap in the article.

    ## Example
    ```
    First paragraph.


    Second paragraph.
    ```
    The two blank lines become one.

    ## Fix safety
    Safe: only empty lines between paragraphs are removed; code blocks are
    never touched.
    """

    code = "WS006"
    name = "whitespace.blank-lines"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    rewrites_words = False
    prose_only = False  # a fact about characters, in code and tables too

    def check(self, doc):
        if doc.format == "docx":
            return  # a Word file's paragraphs are not lines of a file
        src = doc.source
        for m in _BLANK_RUN.finditer(src):
            start = m.start(1)
            first_end = src.index("\n", start) + 1  # keep one blank line
            yield self.diagnostic(start, m.end(), f"{m.group(1).count(chr(10))} blank lines between paragraphs",
                                  Fix.delete(first_end, m.end()))


RULES = [TrailingWhitespace, FinalNewline, SpaceRun, InvisibleCharacter, TabInProse, ExtraBlankLines]
