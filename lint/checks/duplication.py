"""DUP: material written twice."""

from __future__ import annotations

import operator
import re
from itertools import islice

from ..core.model import Applicability, Fix, Severity
from ..core.rule import Rule
from ..core.sentences import sentence_spans, words
from ..packs.pack import lexicon
from ..speed import patterncache
from ..speed.lazy import LazyPattern, lazy_re
from ..speed.prefilter import HSPACE, Prefilter, Test

# A dotted abbreviation (two or more "X." groups) immediately followed by
# itself, optionally after white space or a line break: "U.S.U.S.", "U.N. U.N.".
_DOUBLED_ABBREVIATION = LazyPattern(
    r"(?<![\w.])(?P<abbr>(?:[A-Za-z]\.){2,6})(?P<gap>[^\S\r\n]*(?:\r?\n[^\S\r\n]*)?)(?P=abbr)(?![A-Za-z]\.|\w)"
)


_DOTTED = Prefilter(r"\.[A-Za-z]\.")  # any doubled dotted abbreviation holds this


class DoubledAbbreviation(Rule):
    """
    ## What it does
    Flags a dotted abbreviation written twice in a row in one paragraph:
    "U.S.U.S.", "U.N. U.N.", "D.C.D.C.", with or without a space or line
    break between the copies. A paragraph that ends on the abbreviation
    before one that opens with it ("grown in the U.S." / "U.S. officials
    said ...") is not flagged. Inside one cell of a table of figures it is.

    ## Why it matters
    Wire copy and CMS exports double abbreviations when a feed joins two text
    fragments. A reader sees "the U.S.U.S. National Security Adviser" and
    stops trusting the page.

    ## Example
    ```
    The report came as U.S.U.S. National Security Adviser Jake Sullivan met ...
    ```
    becomes "The report came as U.S. National Security Adviser ...".

    ## Fix safety
    Safe when the copies touch ("U.S.U.S."): the second is exact and
    adjacent, so removing it cannot change the meaning. Unsafe with white
    space between them, where a sentence may end on the abbreviation and
    the next begin with it ("steel to the U.S. U.S. Trade Representative
    Robert Lighthizer said ..."): an editor decides.
    """

    code = "DUP001"
    name = "duplication.doubled-abbreviation"
    severity = Severity.ERROR
    fixable = Applicability.SAFE
    reads_cells = True  # a doubled token in a table's note is still a slip
    wording = False  # a feed's join, not the writer's words: fixed in quoted text too
    any_language = True
    gate = _DOTTED

    def check(self, doc):
        for block in self.blocks(doc, hint=self.gate):
            for m in _DOUBLED_ABBREVIATION.finditer(block.text):
                abbr = m.group("abbr")
                applicability = Applicability.UNSAFE if m.group("gap") else Applicability.SAFE
                yield self.in_block(block, m.start(), m.end(), f"{abbr!r} is written twice", abbr, applicability)


# A word, white space (at most one line break), and the same word again.
# It runs with the stdlib `re` on lower-cased text behind a consumed lead
# character: that shape is several times faster than a case-insensitive
# backreference. The lead also keeps pieces of dotted or hyphenated tokens
# ("E.ON on", "a.k.a a") out.
_DOUBLED_WORD = lazy_re(r"[\s(“‘\"'\[—–]([^\W\d_]++)([^\S\r\n]++|[^\S\r\n]*+\r?\n[^\S\r\n]*+)\1\b")
_DOUBLED_WORD_ANY_CASE = lazy_re(_DOUBLED_WORD.pattern, re.IGNORECASE)
# The same over ASCII text as bytes, which `re` scans about twice as fast
# (bytes classes spelled out: bytes \s lacks \x1c-\x1f).
_DOUBLED_WORD_ASCII = lazy_re(
    rb"[\t-\r\x1c-\x20(\"'\[]([a-z]++)([\t\x0b\x0c\x1c-\x20]++|[\t\x0b\x0c\x1c-\x20]*+\r?\n[\t\x0b\x0c\x1c-\x20]*+)\1\b")
_GLUED_AFTER = lazy_re(r"[\w'’\-]|\.\w")


def lowered_matches(text: str, exact, ascii_bytes, any_case):
    """Each match of a repeat scan over `text` lower-cased, with one
    character in front (so a match's offsets are one more than the text's):
    `ascii_bytes` over ASCII text as bytes, which `re` scans about twice as
    fast; `exact` over other text; `any_case` over the text itself where
    lower() changes a length. Each search starts at the match before's
    group 2: the second copy may start the next repeat. (DUP002's doubled
    words and DUP005's repeated phrases.)"""
    lowered = " " + text.lower()
    pattern = exact
    if text.isascii():
        lowered, pattern = lowered.encode("ascii"), ascii_bytes
    elif len(lowered) != len(text) + 1:  # lower() changed a length: keep the original
        lowered, pattern = " " + text, any_case
    pos = 0
    while True:
        m = pattern.search(lowered, pos)
        if not m:
            return
        yield m
        pos = m.start(2)


def _doubled_words(text: str):
    """(start, end, gap start) of each doubled word, overlapping chains included."""
    for m in lowered_matches(text, _DOUBLED_WORD, _DOUBLED_WORD_ASCII, _DOUBLED_WORD_ANY_CASE):
        start, gap, end = m.start(1) - 1, m.start(2) - 1, m.end() - 1
        if not _GLUED_AFTER.match(text, end):
            yield start, end, gap


def _has_doubled_word(text: str) -> bool:
    return next(_doubled_words(text), None) is not None


# A superset of _DOUBLED_WORD over lower-cased UTF-8 bytes in which every
# character that may lead a word (white space, ( " ' [ – — ‘ “) has become a
# space: a run of letters (any byte beyond ASCII may belong to one) after a
# space, spaces, and the same run again. A literal space first lets `re`
# skip from space to space, which makes this twice as fast as the exact scan.
_MAYBE_DOUBLED_WORD = lazy_re(rb" ([a-z\x80-\xff]++) ++\1(?![a-z0-9_])")
_LEADS_AS_SPACES = bytes.maketrans(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f(\"'[", b" " * 13)
_LEADS_BEYOND_ASCII = ("–", "—", "‘", "“")
_NON_ASCII_SPACE = Prefilter("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _may_hold_doubled_word(doc) -> bool:
    """One scan of the whole prose: a cheap superset of the exact scan for
    copy without non-ASCII spaces (nearly all), the exact scan otherwise."""
    prose = doc.prose
    if _NON_ASCII_SPACE.passes(doc):
        return _has_doubled_word(prose)
    lowered = prose.lower()
    if len(lowered) != len(prose):  # lower() changed a length: offsets no longer match
        return _has_doubled_word(prose)
    if not lowered.isascii():
        for mark in _LEADS_BEYOND_ASCII:
            lowered = lowered.replace(mark, " ")
    data = (" " + lowered).encode("utf-8", "surrogatepass").translate(_LEADS_AS_SPACES)
    return _MAYBE_DOUBLED_WORD.search(data) is not None


_LAST_CHAR = patterncache.compile(r"(\S)[\"'“‘(\[\s]*$")  # searched in an 80-character window
_NEXT_WORD = lazy_re(r"(?<!\s)\s*+(n't|[\w'’]++)")


class _Repeats:
    """The lexicon of legitimate repeats (rules/lexicons/doubles.yml)."""

    def __init__(self):
        data = lexicon("doubles")
        self.always = {w.lower() for w in data["always"]}
        self.before = {k: set(v) for k, v in data["before"].items()}
        self.function_words = set(data["function_words"])
        self.determiners = set(data["determiners"])
        self.prepositions = set(data["prepositions"])
        self.in_verbs = set(data["in_particle_verbs"])
        self.free_relatives = set(data["free_relatives"])

    def legitimate(self, w1: str, w2: str, prev: list[str], nxt: str, sentence_start: bool,
                   clause: list[str] | None = None) -> bool:
        """`clause`: the words of the clause before the repeat (from the last
        . ! ? ; or :), when known."""
        low, prev1 = w1.lower(), (prev[-1].lower() if prev else "")
        nxt_low = nxt.lower()
        if low in self.always or nxt_low in self.before.get(low, ()):
            return True
        if len(w1) == 1 and low != "i":
            # Spelled out letter by letter: "b a s i c a l l y", "O O O".
            return len(prev[-1:][0] if prev else "xx") == 1 or len(nxt) == 1
        if low == "i":
            return False
        special = {
            "had": lambda: bool(prev1) and not sentence_start and prev1 not in self.determiners | self.prepositions,
            "that": lambda: bool(nxt) and nxt_low not in {"this", "these", "those", "the", "a", "an"},
            "can": lambda: prev1 in self.determiners,
            "this": lambda: prev1 in self.prepositions,
            "in": lambda: any(p.lower() in self.in_verbs or p.lower().endswith("ed") for p in prev[-3:]),
            "wait": lambda: sentence_start,
            # "the moment I've been waiting for for years": a stranded preposition.
            "for": lambda: prev1.endswith(("ing", "ed")),
            # "What it really is is a rant": the first "is" closes a clause
            # (what + its subject) that is the subject of the second. A word
            # must stand between: "What is is" is a slip.
            "is": lambda: any(w.lower() in self.free_relatives for w in (clause or [])[-6:-1]),
        }
        if low in special:
            return special[low]()
        if low in {"do", "does", "did"} and nxt_low == "n't":
            return True
        if low in {"may", "will"}:
            return w1 != w2 or (sentence_start and w1[0].isupper())
        if w1 != w2:
            # "lord Lord Bingham" is a title before a name; "This this" at the
            # start of a sentence is a slip.
            return not sentence_start
        # The same capitalised word twice is a name or a title ("Duran Duran").
        return w1[0].isupper() and low not in self.function_words


class DoubledWord(Rule):
    """
    ## What it does
    Flags a word written twice in a row ("the the", "is is"), also across a
    line break and inside one cell of a table of figures (never across two
    cells: "Yes<tab>Yes"), and leaves alone the repeats English allows:
    "had had", "that that", "in in" after a phrasal verb, names such as
    "Duran Duran" or "Bafana Bafana", and interjections like "no no no".

    Also left alone: compass points ("south south east", "north north
    west") and "is is" after a clause that a "what", "where", "how", "all"
    ... opens and that is the subject of the second "is" ("What it really
    is is a rant"). The double copula of speech ("The thing is is ...")
    and "This is is" are flagged.

    ## Why it matters
    Doubled words slip past the eye because readers skim the second copy;
    they survive spell checkers and are a classic mark of hurried editing or
    a botched paste.

    ## Example
    ```
    Another staple of the the firm's business ...
    ```
    becomes "Another staple of the firm's business ...".

    ## Fix safety
    Safe when both copies are identical, letter case included: the second
    copy and the space before it are removed. Unsafe when the case differs
    ("This this"), because a capitalised copy may be a name.
    """

    code = "DUP002"
    name = "duplication.doubled-word"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    reads_cells = True  # a doubled word in a table's note is still a slip
    gate = Test(_may_hold_doubled_word)  # one scan of the whole prose, not one per block

    def __init__(self):
        self.repeats = _Repeats()

    def check(self, doc):
        for block in doc.blocks:
            text = block.text
            for start, end, gap in _doubled_words(text):
                w1, w2 = text[start:gap], text[end - (gap - start) : end]
                before = text[max(0, start - 80) : start]
                prev = [w.group() for w in words(before)]
                after = _NEXT_WORD.match(text, end)
                last = _LAST_CHAR.search(before)
                sentence_start = last is None or last.group(1) in ".!?:"
                cut = max(map(before.rfind, ".!?;:")) + 1
                clause = [w.group() for w in words(before, cut)] if cut else prev
                if self.repeats.legitimate(w1, w2, prev, after.group(1) if after else "", sentence_start, clause):
                    continue
                applicability = Applicability.SAFE if w1 == w2 else Applicability.UNSAFE
                yield self.in_block(block, start, end, f"{w1!r} is written twice", w1, applicability)


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _prose_like(text: str, min_words: int) -> bool:
    """A paragraph of running prose, not a list line, recipe line or credit:
    it opens with a letter or a quotation mark, ends like a sentence (a
    closing quotation mark alone does not: 'saying “Hey Siri”') and is not
    mostly figures."""
    tokens = text.split()
    if len(tokens) < min_words or not (text[0].isalpha() or text[0] in "\"“‘'"):
        return False
    figures = sum(any(c.isdigit() for c in t) for t in tokens)
    return text.rstrip().rstrip("\"”’'")[-1:] in (".", "!", "?") and figures * 5 < len(tokens)


class RepeatedSentence(Rule):
    """
    ## What it does
    Flags a sentence repeated back to back, in the same paragraph or at the
    start of the next one.

    ## Why it matters
    Copy assembled from several drafts or feeds repeats a sentence where two
    fragments overlap. Readers notice at once, and it makes the article look
    machine-made.

    ## Example
    ```
    The talks ended on Friday. The talks ended on Friday. Both sides ...
    ```
    becomes "The talks ended on Friday. Both sides ...".

    ## Fix safety
    Safe within one paragraph, where the copy is exact and adjacent: the
    second copy and the space before it are removed. Unsafe across a
    paragraph break, where the paragraphs' order may matter.
    """

    code = "DUP003"
    name = "duplication.repeated-sentence"
    severity = Severity.ERROR
    fixable = Applicability.SAFE
    MIN_WORDS = 4
    gate = Test(lambda doc: _may_repeat_in(doc))

    def check(self, doc):
        blocks = list(self.blocks(doc, _SENTENCE_KINDS))
        previous = ""  # the last sentence seen
        prev_block = None
        for block in blocks:
            spans = sentence_spans(block.text)
            for i, (s, e) in enumerate(spans):
                sentence = block.text[s:e]
                if _same_sentence(previous, sentence) and len(sentence.split()) >= self.MIN_WORDS:
                    yield self._finding(block, spans, i, same_block=prev_block is block)
                previous, prev_block = sentence, block

    def _finding(self, block, spans, i, same_block):
        s, e = spans[i]
        message = "this sentence repeats the one before it"
        if same_block:
            cut_start = spans[i - 1][1]  # from the end of the first copy
            return _with_fix(self, block, (s, e), (cut_start, e), Applicability.SAFE, message)
        cut_end = spans[i + 1][0] if i + 1 < len(spans) else e
        return _with_fix(self, block, (s, e), (s, cut_end), Applicability.UNSAFE, message)


# Where a sentence may end (white space folded to one space). Cutting there
# splits more often than the sentence splitter (after "Mr." too), but two
# equal sentences are always cut into equal runs of pieces.
_MARKS = ".!?…"
_CLOSERS = ("\"", "”", "’", ")", "]", "'")


# White space that folding to single spaces would change, in the prose of a
# document: where there is none (most copy), every block, and the blocks
# joined by spaces, are folded already.
_IRREGULAR_SPACE = Prefilter("  |[^\n]\n[^\n]|\n | \n|^ | $|[" + HSPACE.replace("\\x20", "") + "\r]")


_SENTENCE_KINDS = ("paragraph", "quote", "list")


def _may_repeat_in(doc) -> bool:
    """DUP003's gate: _may_repeat over the blocks it reads, a cut between
    each two (joined by a space, a paragraph with no sentence end at its
    close ran on into the next one's first sentence, hiding its repeat)."""
    text = "\0".join(b.text for b in doc.blocks if b.kind in _SENTENCE_KINDS)
    return _may_repeat(text, _IRREGULAR_SPACE.passes(doc))


def _may_repeat(text: str, fold: bool = True) -> bool:
    """A cheap necessary condition for a repeated sentence, in C-level string
    operations: some piece equals one of the next few pieces."""
    if fold:  # (a cut "\0" between paragraphs takes no space beside it)
        text = " ".join(text.split()).replace(" \0", "\0").replace("\0 ", "\0")
    closers = ("",) + tuple(c for c in _CLOSERS if c in text)  # each test is a scan: test few
    for mark in _MARKS:
        if mark not in text:
            continue
        for close in closers:  # (replace() hands back the text itself when there is nothing to cut)
            text = text.replace(mark + close + " ", mark + close + "\0")
    pieces = text.split("\0")
    if len(set(pieces)) == len(pieces):
        return False  # no piece comes twice (most copy): one set, not six comparisons of every piece
    return any(any(map(operator.eq, pieces, islice(pieces, k, None))) for k in range(1, 7))


def _same_sentence(a: str, b: str) -> bool:
    """Equal but for white space; the cheap tests rule out almost every pair."""
    if a == b:
        return True
    if not a or a[0] != b[0] or a[-1] != b[-1] or abs(len(a) - len(b)) > len(a) // 4:
        return False
    return _normalised(a) == _normalised(b)


def _with_fix(rule, block, span, cut, applicability, message):
    """A diagnostic over `span` whose fix deletes prose range `cut`."""
    d = rule.in_block(block, *span, message)
    edit = block.edit(*cut, "")
    return d.with_fix(Fix((edit,), applicability) if edit else None)


class RepeatedParagraph(Rule):
    """
    ## What it does
    Flags a paragraph that repeats an earlier paragraph of the same article
    word for word. Only running prose counts (at least eight words, ending
    like a sentence, not mostly figures), so repeated recipe lines, list
    entries and embedded-post credits are left alone.

    ## Why it matters
    CMS exports and copy-paste between drafts duplicate whole paragraphs;
    published, it looks careless and pads the story.

    ## Example
    ```
    The minister resigned on Tuesday after a week of pressure.

    The minister resigned on Tuesday after a week of pressure.
    ```
    The second copy is removed.

    ## Fix safety
    Safe when the copy directly follows the original; unsafe when other
    paragraphs stand between them, since the editor must choose which place
    the paragraph belongs in.
    """

    code = "DUP004"
    name = "duplication.repeated-paragraph"
    severity = Severity.ERROR
    fixable = Applicability.SAFE
    MIN_WORDS = 8

    def check(self, doc):
        seen: dict[str, int] = {}
        blocks = list(self.blocks(doc, ("paragraph", "quote", "list")))
        regular = not _IRREGULAR_SPACE.passes(doc)  # then every block is folded already
        for i, block in enumerate(blocks):
            key = block.text if regular else _normalised(block.text)
            if key in seen and _prose_like(key, self.MIN_WORDS):
                adjacent = seen[key] == i - 1
                applicability = Applicability.SAFE if adjacent else Applicability.UNSAFE
                where = "the paragraph before" if adjacent else "an earlier paragraph"
                yield self.diagnostic(block.source_start, block.source_end, f"this paragraph repeats {where}",
                                      Fix((doc.removal(block),), applicability))
            seen.setdefault(key, i)


RULES = [DoubledAbbreviation, DoubledWord, RepeatedSentence, RepeatedParagraph]

# Patterns only ever applied to short stretches of text (name: longest input),
# for tests/test_patterns.py.
BOUNDED = {"_LAST_CHAR": 80}
