"""What the words of a block are, beyond where it sits: prose, or not
(code samples, tables of figures, ticker rows), and verbatim or not (a
quoted post, letter or document, whose words are kept as written).

Readers place blocks (headings, lists, quotes); this pass reads them.
Rules that judge prose do not report in blocks that are not prose; rules
that rewrite words make their fixes unsafe, and report at `info`, in
verbatim blocks; house-style consistency does not count them at all.

- Code: a block most of whose lines look like code (a line ending in ";",
  "{" or "}", opening with a keyword and holding code punctuation, a shell
  command with its options or paths, an assignment of a literal, a line
  of bare markup, "::", "->", "=>", "==", a call "name(...)"; a sentence
  that names a tag or a function is prose), or a block on the lines next
  to code whose lines look a little like it. Plain text only: Markdown
  and HTML mark their code.
- Figures: a line with three or more figures making up a third of its
  words ("HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%"), three cells or
  more set apart by tabs, one a figure and none a sentence, or a block of
  nothing but figures ("-5.44%"); and a short
  heading line glued on top of such rows ("Symbol Name Price Change %").
  A date with its time is one cell, and a row needs figures besides it:
  a lone time stamp ("11:22 PM - 19 Oct 2016", "March 10, 2017 at 2:18
  PM") is a line of the copy, which the boilerplate rules read.
- Short rows, in plain text: two lines or more together, each a label
  with two figures ("Acme 12.40 -5.44%") or cells aligned by runs of
  spaces; one such line alone, or a date, stays a line of the copy.
- Verbatim: a block quote (in plain text, lines opening with ">"); an embedded post (the lines before its
  attribution, "— Name (@handle) March 4, 2022", or holding a
  "pic.twitter.com/" link) and the attribution itself; the block after a
  line that introduces a document or post ("... wrote:", "tweeted:", "the
  letter reads:").
"""

from __future__ import annotations

import re

from ..core.document import Block
from ..speed.patterncache import compile_re

_CODE_END = compile_re(r"(?:[;{}]|\)\s*;|=>|\{\s*\}|\*/)\s*$")
_CODE_START = compile_re(
    r"^\s*(?:[}\])]|//|/\*|\*\s|#include|#!|<\?php|\$ |>>> |\.\.\. |"
    r"(?:import|from|def|class|function|var|let|const|public|private|protected|static|return|if|else|for|while|"
    r"echo|print|console\.log|SELECT|INSERT|UPDATE|CREATE)\b)")
# A tag of HTML's own (a title in angle brackets, "<The Palace>", is not one).
_TAG_NAMES = ("a|abbr|article|aside|audio|b|blockquote|body|br|button|canvas|code|div|em|figcaption|figure|footer|form|"
              "h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|main|meta|nav|ol|option|p|path|pre|script|"
              "section|select|small|source|span|strong|style|svg|table|tbody|td|textarea|th|thead|title|tr|u|ul|video")
_TAG = rf"</?(?i:{_TAG_NAMES})(?![\w-])(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>"
# (Names start after a non-word character only: scanning a long word from
# each of its letters would take quadratic time.)
_CODE_TOKENS = compile_re(r"::|->|=>|===?|!=|&&|\|\||\+=|(?<![\w.])\w+\([^()]*\)(?=\s*[;{.,)]|\s*$)|\$[A-Za-z_]\w*|"
                          r"(?<![\w.])\w+\.\w+\(|" + _TAG)
# A shell command (a lower-case program name, then an option, a path or a
# quoted argument: prose opens on a capital) or an assignment of a literal.
_COMMAND = compile_re(r"^(?:\$\s*)?(?:sudo\s+)?(?:grep|egrep|wc|ls|cd|curl|wget|pip3?|npm|npx|yarn|git|cat|python3?|node|"
                      r"docker|kubectl|ssh|scp|chmod|chown|mkdir|rm|cp|mv|export|apt(?:-get)?|brew|make|tar|find|sed|"
                      r"awk|head|tail|sort|uniq|jq|echo|printf|touch|less|man)\s+(?:-{1,2}\w|[/.~\"'$|<>])"
                      r"|^[a-z_][\w.]*(?:\[[^\]]{0,40}\])?\s*[-+*/]?=\s*(?:[\"'\[{(]|\d|True\b|False\b|None\b|null\b|true\b|false\b)")
_MARKUP_ONLY = compile_re(rf"^\s*(?:{_TAG}\s*)+$")
_ENTITY = compile_re(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_TAGS = compile_re(_TAG)
# Characters of code, all ASCII: a text's UTF-8 holds one's byte only where the text holds it.
_CODE_BYTES = b"{}[]();=<>$#@*/\\|&_"
_LETTERS = compile_re(r"[^\W\d_]+")
_FIGURE = compile_re(r"^[-+−–(]?[$£€¥]?\d[\d,.:/]*(?:%|[kmbn]n?|bn)?\)?$", re.IGNORECASE)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_CLOCK = r"\d{1,2}[:.]\d\d(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?"
_DAY = (rf"\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTH},?(?:\s(?:19|20)\d\d)?|{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s(?:19|20)\d\d)?"
        r"|\d{1,2}/\d{1,2}/(?:19|20)?\d\d")
# A date, with the time before or after it: "11:22 PM - 19 Oct 2016", "Sep 16, 2011 02:58 PM".
_STAMP = compile_re(rf"(?<![\w.,:/])(?:(?:{_CLOCK})\W{{0,3}}(?:on\s|at\s)?)?(?:{_DAY})(?:\W{{0,3}}(?:at\s)?(?:{_CLOCK}))?(?![\w/])",
                    re.IGNORECASE)
_DIGITS = compile_re(r"\d+")
_ASCII_DIGITS = b"0123456789"
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_DIGIT_MARKS = bytes(49 if 48 <= b <= 57 else 48 for b in range(256))  # b"1" for an ASCII digit, b"0" else
_SPACE_MARKS = bytes(49 if b < 128 and chr(b).isspace() else 48 for b in range(256))  # b"1" where split() splits ASCII
_COUNTER = compile_re(r"\d\s?(?:of|/)\s?\d")  # "Image 3 of 5", "0:00 / 1:10": a viewer's or a player's counter
_SPACE_GAP = compile_re(r"\t+| {2,}")  # between cells of a row aligned by spaces
_DATE_WORDS = 9  # the most words one date with its times takes ("2:18 PM on March 10th, 2017 at 3 p.m.")
_STAMP_WORDS = 11  # the most words one match of _STAMP spans ("11:22 PM - on March 10th, 2017 - at 3 p.m.")
_DATE_CELL = "\x00date"  # stands for a date in a row of cells
_DATE_HINT = compile_re(rf"\b{_MONTH}(?!\w)|\d/\d", re.IGNORECASE)
_ATTRIBUTION = compile_re(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s*(?:\w{3,9}\.? \d{1,2}, \d{4}|\d{1,2} \w{3,9} \d{4})?\s*$")
_EMBED = compile_re(r"pic\.twitter\.com/|^A post shared by .{1,80}\(@\w+\)|^View this post on Instagram$", re.MULTILINE)
_EMBED_MARKS = ("pic.twitter.com/", "A post shared by", "View this post on Instagram")  # what _EMBED needs
_POST_CHARS = 600  # a post's text, at most (a tweet is 280 characters; a thread's card a few more)
_INTRODUCES = compile_re(r"\b(?:wrote|writes|tweeted|tweets|posted|posts|reads|said in (?:a|the|his|her|their) "
                         r"(?:statement|letter|post|tweet|e-?mail))\s*:\s*$", re.IGNORECASE)


def _embed_marked(text: str) -> bool:
    first, second, third = _EMBED_MARKS  # three tests, without a generator for every block
    return first in text or second in text or third in text


def _code_line(line: str) -> int:
    """2: surely code; 1: it may be; 0: prose."""
    stripped = line.strip()
    if not stripped:
        return 0
    if "&" in stripped:
        stripped = _ENTITY.sub("x", stripped)  # an entity's ";" ends no statement
    if (stripped[0].islower() or stripped[0] == "$") and stripped[-1] not in ".?!" and _COMMAND.match(stripped):
        return 2
    code_chars = _code_chars(stripped)
    if not code_chars and "::" not in stripped and not _CODE_START.match(stripped):
        return 0  # no sign of code at all: most lines of prose stop here
    prose = stripped
    if "<" in stripped:
        if _MARKUP_ONLY.match(stripped) or stripped.startswith("<?php"):
            return 2
        prose = _TAGS.sub(" ", stripped)  # tags left in prose are debris, not code
    if len(prose.split()) >= 5 and _mostly_letters(prose) and (stripped[-1] in ".?!\"”" or not _CODE_END.search(stripped)):
        return 0  # a sentence, though it may name a tag or a function
    signals = bool(_CODE_END.search(stripped)) + bool(_CODE_START.match(stripped)) + bool(_CODE_TOKENS.search(stripped))
    symbols = code_chars / len(stripped)
    if signals >= 2 or (signals and symbols >= 0.08):
        return 2
    return 1 if signals or symbols >= 0.15 else 0


def _code_chars(text: str) -> int:
    """How many characters of code `text` holds, counted on its bytes (three
    times as fast as a pattern's search through a line of prose)."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CODE_BYTES))


def _ascii_words(data: bytes) -> int:
    """len(text.split()) of an ASCII text from its bytes: the runs of bytes
    that are not white space, counted without making a string of each."""
    spaces = data.translate(_SPACE_MARKS)
    return spaces.count(b"10") + (bool(data) and not spaces.startswith(b"1"))


def _mostly_letters(text: str) -> bool:
    """Are four in five of the characters of `text`'s words letters? Its
    ASCII letters over all but its spaces answer first (counted on bytes, a
    bound from below): they do for prose in English; the letters beyond
    ASCII and white space beyond " " are counted only when they do not."""
    data = text.encode()
    if len(data) - len(data.translate(None, _ASCII_LETTERS)) >= 0.8 * (len(text) - text.count(" ")):
        return True
    others = len(data.translate(None, _ASCII_LETTERS)) if text.isascii() else len(_LETTERS.sub("", text))
    return (len(text) - others) / max(sum(map(len, text.split())), 1) >= 0.8


def looks_like_code(text: str) -> int:
    """2: a code sample; 1: code-like, if code is near; 0: prose."""
    if "\n" not in text:  # one line (most blocks): the block scores as its line does
        return _code_line(text)
    scores = [_code_line(line) for line in text.split("\n") if line.strip()]
    if not scores:
        return 0
    if scores.count(2) and sum(1 for s in scores if s) >= 0.6 * len(scores):
        return 2
    return 1 if sum(1 for s in scores if s) >= 0.5 * len(scores) else 0


def _figures_line(line: str) -> bool:
    """_figures_row's answer, most prose turned away by counting alone."""
    if "\t" not in line:  # (cells set apart by tabs are tested first)
        if line.isascii():  # \d is [0-9]: the runs of digits counted on bytes, without a list
            data = line.encode()
            if len(data) == len(data.translate(None, _ASCII_DIGITS)):
                return False
            marks = data.translate(_DIGIT_MARKS)
            runs = marks.count(b"01") + marks.startswith(b"1")
            words = _ascii_words(data)
        else:
            runs = len(_DIGITS.findall(line))
            words = len(line.split())
        if not runs or _too_wordy(line, runs, words):
            return False
        # _figures_row's row needs three words a run or fewer, once each date
        # is one cell: a date holds a run and spans at most _STAMP_WORDS words,
        # so with more than (3 + _STAMP_WORDS - 1) words a run, no dates
        # bring a line there, and the dates need not be looked for.
        if (_STAMP_WORDS + 2) * runs < words and _DATE_CELL not in line:
            return False
    return _figures_row(line)


def _too_wordy(line: str, runs: int, words: int) -> bool:
    """Too many `words` for a row of nothing but figures and dates, each with
    one of `runs` runs of digits (a sentence, or too few runs to be a row)."""
    return (runs < 3 or line.rstrip().endswith((".", "!", "?"))) and words > _DATE_WORDS * runs


def _figures_row(line: str) -> bool:
    digits = len(_DIGITS.findall(line))
    if not digits:
        return False  # every figure, and every date, holds a digit
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if len(cells) >= 3 and not any(c.endswith((".", "!", "?")) for c in cells) and any(_FIGURE.match(c) for c in cells):
            return True  # cells set apart by tabs
    if _too_wordy(line, digits, len(line.split())):
        return False
    # A date, with its time, is one cell however many figures it holds, and
    # a row needs figures of its own beside it: "March 10, 2017 at 2:18 PM"
    # or "Dan Goodin - Apr 16, 2015 8:02 pm UTC" is a time stamp, not a row.
    row, dates = _STAMP.subn(f" {_DATE_CELL} ", line) if _DATE_HINT.search(line) else (line, 0)
    words = row.split()
    if 3 * digits < len(words) and _DATE_CELL not in line:
        # Each figure and each date holds a run of digits of its own: too few
        # for a row of this many words (what follows would find it so, word by word).
        return False
    figures = sum(1 for w in words if _FIGURE.match(w.strip("*")))
    if figures and dates:
        figures += words.count(_DATE_CELL)
    return bool(words) and (figures == len(words) or (figures >= 3 and 3 * figures >= len(words)
                                                      and not line.rstrip().endswith((".", "!", "?"))))


def _short_row(line: str) -> bool:
    """A line that is a row of a table only among others like it: "Acme
    12.40 -5.44%" (two figures, half its words or more, up to eight
    words), or cells aligned by runs of spaces, one a figure ("Acme
    12.40   -5.44%"); never a sentence, and never a date ("Mar 17, 2019",
    "February 2010 (2)"): dates on lines of their own are web debris that
    the boilerplate rules read."""
    if line.rstrip().endswith((".", "!", "?", ":", ",")):
        return False  # a sentence (as _cells_row finds first)
    stripped = line.strip()
    if "  " not in stripped and stripped.count(" ") >= 8 and stripped.isprintable():
        return False  # as _cells_row finds: a printable line's only white space is " ", so no gap and nine words
    return _cells_row(line)


def _cells_row(line: str) -> bool:
    if line.rstrip().endswith((".", "!", "?", ":", ",")) or not _DIGITS.search(line) or _DATE_HINT.search(line):
        return False
    stripped = line.strip()
    if "\t" in stripped or "  " in stripped:  # a gap between cells (else the line is one cell)
        cells = [c for c in _SPACE_GAP.split(stripped) if c]
        if len(cells) >= 3 and all(len(c.split()) <= 5 for c in cells) and any(_FIGURE.match(c) for c in cells):
            return True
    words = line.split()
    if len(words) > 8:
        return False  # longer than a row of a label and figures
    figures = sum(1 for w in words if _FIGURE.match(w))
    labelled = any(w[:1].isalpha() for w in words)
    return labelled and figures >= 2 and 2 * figures >= len(words) and not _COUNTER.search(line)


def _short_rows(text: str) -> bool:
    if "\n" not in text:  # one line (most blocks)
        return _short_row(text)  # (a blank line holds no digit)
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and all(_short_row(line) for line in reversed(lines))  # prose fails on its last line


def looks_like_figures(text: str) -> bool:
    if "\n" not in text:  # one line (most blocks)
        return _figures_line(text)  # (a blank line holds no digit)
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and all(_figures_line(line) for line in lines)


def classify(blocks: list[Block], fmt: str, glued) -> None:
    """Set each block's `prose` and `verbatim` (and, in plain text, the
    kind "code" or "table"). `glued(a, b)`: do blocks a and b sit on
    consecutive lines?"""
    code = [looks_like_code(b.text) if fmt == "text" else 0 for b in blocks]
    for i, block in enumerate(blocks):
        near_code = ((i and code[i - 1] == 2 and glued(blocks[i - 1], block))
                     or (i + 1 < len(blocks) and code[i + 1] == 2 and glued(block, blocks[i + 1])))
        if code[i] == 2 or (code[i] == 1 and near_code):
            block.prose, block.kind = False, "code"
        elif looks_like_figures(block.text):
            block.prose = False
            block.kind = "table" if fmt == "text" else block.kind
    if fmt == "text":  # short rows make a table where two or more sit together
        rows = [block.prose and _short_rows(block.text) for block in blocks]
        def beside(i: int, j: int) -> bool:
            return 0 <= j < len(blocks) and (rows[j] or blocks[j].kind == "table") and glued(*(
                (blocks[j], blocks[i]) if j < i else (blocks[i], blocks[j])))

        for i, block in enumerate(blocks):
            if rows[i] and ("\n" in block.text or beside(i, i - 1) or beside(i, i + 1)):
                block.prose, block.kind = False, "table"
    for i, block in enumerate(blocks[:-1]):  # a heading row glued on top of figures
        below = blocks[i + 1]
        if (block.prose and not below.prose and below.kind == "table" and glued(block, below)
                and len(block.text.split()) <= 12 and not block.text.rstrip().endswith(".")):
            block.prose, block.kind = False, "table"
    _mark_verbatim(blocks, glued)


def _mark_verbatim(blocks: list[Block], glued) -> None:
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if block.kind == "quote":
            block.verbatim = True
        if _ATTRIBUTION.match(text):
            block.verbatim = True
            # The post is the block before, with the lines glued to it, as
            # long as a post can be.
            j, size = i - 1, 0
            while j >= 0 and blocks[j].prose and size + len(blocks[j].text) <= _POST_CHARS:
                blocks[j].verbatim = True
                size += len(blocks[j].text)
                if j == 0 or not glued(blocks[j - 1], blocks[j]):
                    break
                j -= 1
        elif _embed_marked(text) and _EMBED.search(text):
            block.verbatim = True
        elif text.endswith(":") and _INTRODUCES.search(text) and i + 1 < len(blocks):
            blocks[i + 1].verbatim = True
