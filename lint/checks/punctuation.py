"""PUNC: punctuation debris, unbalanced pairs, mixed quotation styles."""

from __future__ import annotations

import re
from collections import Counter

from ..core.model import Applicability, Severity
from ..core.rule import Rule
from ..core.sentences import is_abbreviation
from ..speed import patterncache
from ..speed.lazy import LazyPattern, lazy_re
from ..speed.lazyregex import regex
from ..speed.prefilter import HSPACE, AllOf, Prefilter, Test, any_of
from .captions import stray_captions
from .whitespace import french_spacing

_H = r"[^\S\r\n]"  # horizontal white space
_MARK = r"(?:[,;:]|\.(?![.\w]))"  # a full stop that starts no ellipsis and no ".com"
# Each branch starts with the mark itself (so the engine skips to marks fast),
# then checks that no full stop or ellipsis stands before it.
_DEBRIS = LazyPattern(
    rf"""
        [,;:](?<![.…][,;:]){_H}*{_MARK}(?:{_H}*{_MARK})*     # ", ."  ",,"  "; ,"
      | \.(?<![.…]\.){_H}+[,;:](?:{_H}*{_MARK})*          # ". ,"
      | \.(?<![.…]\.)[,;:](?:{_H}*{_MARK})*               # ".," (fine after an abbreviation)
      | \.(?<![.…]\.)\.(?!\.)(?:{_H}*{_MARK})*            # two full stops, not an ellipsis: "..", "..,"
    """,
    regex.VERBOSE,
)
# Led by the space run itself (a cheap anchor); the character before is checked in Python.
_SPACE_BEFORE = lazy_re(r"[^\S\r\n]+(?=[,;:!?]|\.(?!\.|[^\S\r\n]\.))(?=.(?:\s|$|[\"”’')\]]))")
_SPACE_BEFORE_HINT = Prefilter(f"[{HSPACE}][,;:!?.]")
# A "?" with white space after it and a lower-case word next: a lost dash.
_LOST_DASH = LazyPattern(r"\?[^\S\r\n]+\p{Ll}")
_DEBRIS_HINT = Prefilter(f"[,;:.][{HSPACE}]*[,;:.]")
_ENTITY_END = lazy_re(r"&#?\w{1,32}$")
_GLUED = lazy_re(r"\.[,;:]")
_PLAIN_WORD_BEFORE = patterncache.compile(r"(?<![\w.\-])\p{Ll}{4,}$")
_SMILEY_AFTER = lazy_re(r"-?[()DPp]")
_NEXT = lazy_re(r"(?<!\s)\s*+(\S?)")


class PunctuationDebris(Rule):
    """
    ## What it does
    Flags punctuation marks left in a pile where text was cut or joined:
    ", .", ". ,", ",,", ";,", and two full stops that are not an ellipsis.
    A full stop glued to a comma is fine after an abbreviation ("etc.,").

    ## Why it matters
    Debris like "Donetsk region. , controlled by separatists" is what
    remains when an editor or a tool deletes words between two marks. It is
    a sure sign of damaged copy and reads as a typo.

    ## Example
    ```
    ... in the city Volnovakha, Donetsk region. , controlled by separatists
    ```
    suggests "Donetsk region, controlled by separatists".

    ## Fix safety
    Safe when the pile is one mark doubled (",," becomes ","). Otherwise
    unsafe: the fix keeps the mark that fits what follows (a comma before
    a lower-case word, a full stop before a capital or the end), which is a
    guess about which words went missing.
    """

    code = "PUNC001"
    name = "punctuation.debris"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    gate = _DEBRIS_HINT

    def check(self, doc):
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            for m in _DEBRIS.finditer(text):
                pile = m.group()
                if _not_debris(text, m):
                    continue
                marks = [c for c in pile if not c.isspace()]
                nxt = _NEXT.match(text, m.end()).group(1)
                if len(set(marks)) == 1 and marks[0] != ".":
                    keep, applicability = marks[0], Applicability.SAFE
                else:
                    keep, applicability = _keep(marks, nxt), Applicability.UNSAFE
                    if marks[0] == "." and is_abbreviation(text, m.start()):
                        # "etc..," / "etc.. requires": the first full stop is the abbreviation's.
                        rest = [c for c in marks[1:] if c != "."]
                        keep = "." + (_keep(rest, nxt) if rest else "")
                if keep[-1] in ".,;" and m.end() < len(text) and (text[m.end()].isalpha() or text[m.end()] in "“‘(["):
                    # Glued to the next word ("cyclical..But"): the mark kept must
                    # not be glued to it ("cyclical. But"). (Not a colon, which
                    # sits between words in code and addresses.)
                    keep += " "
                yield self.in_block(block, m.start(), m.end(), f"punctuation debris {pile!r}", keep, applicability)


def _not_debris(text: str, m: regex.Match) -> bool:
    before = text[max(0, m.start() - 34) : m.start()]
    if _GLUED.fullmatch(m.group()):
        # "Calif.," "R-Neb.," "etc.,": a glued pair is debris only after a plain word.
        return not _PLAIN_WORD_BEFORE.search(before) or is_abbreviation(text, m.start())
    if m.group()[0] == ";" and _ENTITY_END.search(before):
        return True  # the ";" ends an HTML entity (ENC002's finding)
    if m.group() == "::" and text[m.start() - 1 : m.start()].isalnum() and text[m.end() : m.end() + 1].isalnum():
        return True  # a scope operator or an IPv6 address ("Walker::start_el", "fe80::1"), not a pile
    return m.group()[-1] in ":;" and bool(_SMILEY_AFTER.match(text, m.end()))  # ":-)"


def _keep(marks: list[str], following: str) -> str:
    """The mark that fits the next character: a comma (or the pile's other
    mark) before a lower-case word or a figure, a full stop before a capital
    or the end. Full stops alone before a lower-case word ("minister..with")
    are an ellipsis short of a dot."""
    if following and (following.islower() or following.isdigit()):
        return next((c for c in marks if c != "."), "..." if set(marks) == {"."} else marks[-1])
    return "." if "." in marks else marks[-1]


class SpaceBeforePunctuation(Rule):
    """
    ## What it does
    Flags white space before a comma, full stop, semicolon, colon, question
    mark or exclamation mark ("Lawan , on Tuesday").

    ## Why it matters
    English copy sets these marks against the word before. A space in front
    of them comes from translation tools, French-style typesetting or text
    joined from fragments, and makes a line break possible before the mark.

    ## Example
    ```
    The National Assembly resumed on Tuesday .
    ```
    becomes "The National Assembly resumed on Tuesday."

    A question mark set apart between a word and a lower-case word ("I am
    no Roy Cohn ? neither as aggressive") is not a question: it is a dash
    that a conversion to a character set without dashes wrote as "?". It
    is reported as a lost dash. Before a capital ("Why ? He asked") it is
    taken for a question mark with a space before it.

    ## Fix safety
    Safe: only the white space is removed. A space before an ellipsis,
    marks that start a word (".NET", ".45") and a no-break space before
    "!", "?", ":" or ";" inside « » (a French quotation) are left alone.
    A lost dash is unsafe: the fix puts back a spaced dash (the kind the article already
    spaces, an em dash by default), but the "?" may have been another lost
    character.
    """

    code = "PUNC002"
    name = "punctuation.space-before"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    rewrites_words = False
    gate = _SPACE_BEFORE_HINT

    def check(self, doc):
        dash = None
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            for m in _SPACE_BEFORE.finditer(text):
                before = text[m.start() - 1 : m.start()]
                if not before or not (before.isalnum() or before in "”’\"')]%°€£$¥"):
                    continue
                if m.end() - m.start() == 1 and french_spacing(text, m.start(), False):
                    continue  # a French quotation's own typography: « Nous sommes prêts ! »
                mark = text[m.end()]
                if mark == "?" and _LOST_DASH.match(text, m.end()):
                    # "Cohn ? neither": gluing the mark to the word ("Cohn? neither")
                    # would make the damage look meant.
                    if dash is None:
                        dash = "\u2013" if " \u2013 " in doc.source and " \u2014 " not in doc.source else "\u2014"
                    yield self.in_block(block, m.end(), m.end() + 1,
                                        "'?' between words: probably a dash lost in a bad conversion",
                                        dash, Applicability.UNSAFE)
                    continue
                yield self.in_block(block, m.start(), m.end(), f"space before {mark!r}", "")


_DOUBLE_QUOTE = lazy_re(r'[“”"]')
_QUOTE_MARKS = ('"', "“", "”")
_SENTENCE_END = lazy_re(r"[.!?…:,;—–-]\s*[\"”’)']?\s*$")
_OPENS_BEFORE = "([{—–-/"
_CLOSES_AFTER = ".,;:!?)]}—–…"


def _quote_role(text: str, pos: int, inside: bool) -> str | None:
    """open, close, or None for an inch mark (12" outside a quotation).

    A straight mark opens after a space and before a word, and closes after a
    word and before a space or punctuation. One whose surroundings do not tell
    (between two spaces, squeezed between words, glued to punctuation and a
    word as in 'carpet."It's') takes the role the pairing needs: it closes an
    open quotation and opens otherwise. A curly ” set before a word after a
    space is a closing mark used to open (reported, and paired as an opener)."""
    ch = text[pos]
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    space_before = before.isspace() or before in _OPENS_BEFORE
    if ch == "“":
        return "open"
    if ch == "”":
        return "reversed" if space_before and after.isalnum() else "close"
    if before.isdigit() and not inside:
        return None
    space_after = after.isspace() or after in _CLOSES_AFTER
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "close" if inside else "open"


class UnbalancedQuotes(Rule):
    """
    ## What it does
    Flags a quotation mark with no partner in its paragraph: a closing ”
    with no opening “, an opening “ never closed, or an odd number of
    straight quotes. A quote left open at the end of a paragraph is fine
    when the next paragraph opens with a quotation mark (news style for a
    quote that runs on). A quotation opened low, as German, Dutch or Polish
    writes it („ein Desaster“, „porażka”), closes on its own mark.

    A double-quoted quotation inside another one ('"... because you "had
    stuff to do at home"; ...," he wrote') is one finding, on the inner
    opening mark: the inner quotation takes single marks. A straight double
    quote between a word and a contraction ending ('Britain"s', 'don"t') is
    reported as an apostrophe typed as a quote, not as an unclosed
    quotation.

    ## Why it matters
    A lost quotation mark changes who is speaking: the reader can no longer
    tell the reporter's words from the source's.

    ## Example
    ```
    “We will not allow this to continue, he said.
    ```
    The opening mark is flagged: the quote never closes.

    ## Fix safety
    No fix: only the editor knows where the quotation ends. An apostrophe
    typed as a quote has an unsafe fix to an apostrophe in the article's
    style (’, or ' where the article writes straight ones): the reading
    rests on the letters around the mark.
    """

    code = "PUNC003"
    name = "punctuation.unbalanced-quotes"
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE  # an apostrophe typed as a quote mark
    # Prose without a double quotation mark has none unpaired; nor has an
    # article each of whose paragraphs plainly pairs its marks.
    gate = AllOf(any_of(_QUOTE_MARKS), Test(lambda doc: _may_be_unpaired(doc)))

    def check(self, doc):
        # Every block counts, quotes or not: a quote left open carries over,
        # across the short lines that interrupt a quotation without being
        # part of it (an embed's label and attribution, an italic word a
        # scraper set apart as a paragraph of its own).
        blocks = [b for b in self.blocks(doc, ("paragraph", "quote", "list", "caption")) if not _interruption(b)]
        carried = False  # the previous paragraph left a quotation open
        apostrophe = None
        pending = None  # that paragraph's opening mark, until this one shows it closed
        for i, block in enumerate(blocks):
            runs_on = i + 1 < len(blocks) and blocks[i + 1].text.lstrip()[:1] in "“\""
            text = _without_low_pairs(block.text)
            if not carried and _PAIRED.fullmatch(text):
                found, left_open, closed_carried = [], None, False  # what _unpaired finds, faster
            else:
                found, left_open, closed_carried = _unpaired(text, carried, runs_on)
            if pending is not None and not closed_carried:
                yield pending
            pending = None
            for pos, message in found:
                if message is _APOSTROPHE_MESSAGE:
                    if apostrophe is None:  # the article's own apostrophe style
                        apostrophe = "'" if "'" in doc.source and "\u2019" not in doc.source else "\u2019"
                    yield self.in_block(block, pos, pos + 1, message, apostrophe, Applicability.UNSAFE)
                else:
                    yield self.in_block(block, pos, pos + 1, message)
            if left_open is not None and not runs_on:
                pending = self.in_block(block, left_open, left_open + 1,
                                        f"{block.text[left_open]} opens a quotation that is never closed")
            carried = left_open is not None
        if pending is not None:
            yield pending


# A quotation opened low, as German, Dutch or Polish copy does: „…“ or „…”.
_LOW_PAIR = lazy_re(r"„([^„“”\n]{0,2000}?)[“”]")


def _without_low_pairs(text: str) -> str:
    """`text` with each low-opened pair of quotation marks read as « »
    (same length): its closing “ opens nothing."""
    return _LOW_PAIR.sub(lambda m: f"«{m.group(1)}»", text) if "„" in text else text


def _interruption(block) -> bool:
    """A block with no double quotation mark that is a label, a fragment or
    an embed's attribution rather than a paragraph of its own: verbatim, or
    four words at most with no sentence end."""
    text = block.text
    if any(q in text for q in _QUOTE_MARKS):
        return False
    return block.verbatim or (len(text.split()) <= 4 and not text.rstrip().endswith((".", "!", "?", "…", ":")))


# A paragraph whose quotation marks plainly pair up: each opening mark (“,
# or " after a space or an opening bracket and before a word) is followed,
# after some text, by a closing one (” or " after a word and before a space
# or punctuation). _unpaired() finds nothing in such a paragraph when no
# quotation is carried into it, and this says so without a Python loop.
def _paired(edge: str = "") -> str:
    """The pattern of such a paragraph; `edge`: what else stands for a
    block's start and end in the look-arounds, and no pair may span."""
    open_ = rf'(?:“|(?:(?<=[\s([{{—–\-/{edge}])|^)"(?![\s.,;:!?)\]}}—–…{edge}]|\Z))'
    close = rf'(?<![\s([{{—–\-/])(?:”|"(?=[\s.,;:!?)\]}}—–…{edge}]|\Z))'
    return rf'[^"“”]*+(?:{open_}[^"“”{edge}]++{close}[^"“”]*+)*+'


_PAIRED = lazy_re(_paired())
# The same over every block of a document at once, joined by "\0": it
# matches where every block matches _PAIRED.
_PAIRED_BLOCKS = lazy_re(_paired(r"\0"))


def _may_be_unpaired(doc) -> bool:
    """PUNC003's gate: some block does not plainly pair its marks. Where
    each does, no quotation is left open to carry into the next block, and
    the rule finds nothing. One scan of the document, not one per block."""
    text = "\0".join(b.text for b in doc.blocks)
    return "\0" in doc.prose or _PAIRED_BLOCKS.fullmatch(text) is None


def _unpaired(text: str, carried: bool, runs_on: bool) -> tuple[list[tuple[int, str]], int | None, bool]:
    """Quotation marks without a partner, the opening mark left open at the
    end (if any), and whether a quote carried over from the previous
    paragraph was closed here. A quote that opens while another is open is
    fine after a sentence end (the speaker goes on in a new sentence: news
    style where a paragraph break inside a quote was lost). A closing mark
    with no opening is fine when the previous paragraph left a quote open;
    that paragraph's open quote is then fine too.

    A quote that opens inside an open one, not after a sentence end, may be
    nested ('"You lie ... because you "had stuff to do at home"; ...,"
    he wrote'): when its own closing mark comes and then the outer quotation
    closes, it is one finding, a quotation within a quotation written with
    double marks, on its opening mark; the marks around it are correct and
    are not reported. When the outer one never closes but a new sentence
    opens another quotation, the marks cannot tell a nested quotation
    ('going to "fake" an injury and walk off. "He also agreed') from an
    outer one that lost its closing mark ('had been "ambitious, but take-up
    had not been "sufficient". She added: "...'): one finding, on the outer
    opening mark, names both readings. A straight double
    quote between a word and a contraction ending ('Britain"s') is an
    apostrophe typed as a quote, reported as such (message and position
    from _apostrophe_finding) and left out of the pairing."""
    found, open_at, inside = [], None, carried
    closed_carried = False
    nested_at = None  # an opening mark inside the open quotation, waiting for its closing one
    nested: list[int] = []  # nested quotations closed inside the open one

    def nested_found():
        found.extend((at, f"{text[at]} opens a quotation inside a quotation: the inner one takes single "
                          "quotation marks") for at in nested)
        nested.clear()

    def outer_or_nested():
        found.append((open_at, f"{text[open_at]} opens a quotation that is never closed, or the quotation "
                               "inside it takes single quotation marks"))
        nested.clear()

    for m in _DOUBLE_QUOTE.finditer(text):
        if m.group() == '"' and _apostrophe(text, m.start()):
            found.append((m.start(), _APOSTROPHE_MESSAGE))
            continue
        if m.group() == '"' and open_at is not None and open_at == m.start() - 1 and text[open_at] == '"':
            found.append((m.start(), 'doubled quotation mark ""'))
            continue  # the pair opens one quotation
        role = _quote_role(text, m.start(), inside)
        if role == "reversed":
            found.append((m.start(), "” is a closing mark used to open a quotation"))
            role = "open"
        if role == "open":
            sentence_end = _SENTENCE_END.search(text, max(0, m.start() - 4), m.start())
            if nested_at is not None:  # a third mark opening: the nested one never closed
                found.append((nested_at, f"{text[nested_at]} opens a quotation that is never closed"))
                nested_at = None
                nested.clear()
            elif open_at is not None and not sentence_end:
                nested_at = m.start()  # a quotation inside the quotation, or the outer one lost its end
                continue
            elif open_at is not None and nested:
                outer_or_nested()  # a nested quotation, or the outer one lost its end
            open_at, inside = m.start(), True
        elif role == "close":
            if nested_at is not None:
                nested.append(nested_at)  # closes the inner quotation; the outer one is still open
                nested_at = None
                continue
            if not inside:
                found.append((m.start(), f"{m.group()} closes a quotation that was never opened"))
            nested_found()
            closed_carried = closed_carried or (inside and open_at is None)
            open_at, inside = None, False
    # Left open with nested pairs inside ('He warned that "retirement ...
    # "significant" changes.'): the outer quotation lost its closing mark, and
    # that is the one finding (unless the quotation runs on).
    return found, open_at, closed_carried


_APOSTROPHE_MESSAGE = '" typed for an apostrophe (a double quotation mark inside a word)'
# A contraction or possessive ending after an apostrophe: "Britain's", "don't", "we'll".
_CONTRACTION = lazy_re(r"(?:s|t|d|m|ll|re|ve)(?![^\W\d_])", re.IGNORECASE)


def _apostrophe(text: str, pos: int) -> bool:
    """Is the straight double quote at `pos` an apostrophe typed as a quote:
    between a letter and a contraction or possessive ending ('Britain"s',
    'don"t')? No quotation mark stands there."""
    return pos > 0 and text[pos - 1].isalpha() and _CONTRACTION.match(text, pos + 1) is not None


_BRACKETS = {"(": ")", "[": "]"}
_BRACKET = lazy_re(r"[()\[\]]")
_BRACKET_HINT = Prefilter(_BRACKET.pattern)
# With nothing open, "a)" / "1)" / "iv)" enumerations and ":)" smileys are not strays.
_ENUMERATION = patterncache.compile(r"(?:(?<=^|\s)(?:[a-zA-Z]|\d{1,2}|[ivxIVX]{1,4})|[:;]-?)\)$")
_SAD_SMILEY = lazy_re(r"(?:[:;=<]-?)$")  # ":(", ":-(", "<(" open nothing


class UnbalancedBrackets(Rule):
    """
    ## What it does
    Flags a bracket or parenthesis with no partner in its paragraph.
    Enumerations such as "a)" or "2)" and smileys are not counted. A
    paragraph that stops mid-sentence on the line above the next one (a
    wrapped paragraph cut in two) may close there what it opened.

    ## Why it matters
    An unclosed parenthesis swallows the rest of the sentence for the
    reader; a stray closing one marks text lost in editing.

    ## Example
    ```
    The fund (which was set up in 2004 lost 5% last year.
    ```
    The opening parenthesis is flagged.

    ## Fix safety
    No fix: where the bracket should close is a question of meaning.
    """

    code = "PUNC004"
    name = "punctuation.unbalanced-brackets"
    severity = Severity.WARNING
    gate = _BRACKET_HINT

    def check(self, doc):
        held = None  # (block, openers): what the block before left open, if the next block may close it
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            # A paragraph cut in two mid-sentence (a wrap read as a line break,
            # "... (Search for “Fully" / "Unlocked iPhones” ...)") may close
            # in the next line what it opened: its open brackets stay below.
            if held and held[1] and _runs_on(doc, held[0], block):
                stack = [(held[0], ch, pos) for ch, pos in held[1]]
            else:
                stack = []
                if held:
                    yield from self._never_closed(*held)
            for m in _BRACKET.finditer(text):
                ch, pos = m.group(), m.start()
                if ch in _BRACKETS:
                    if not (ch == "(" and _SAD_SMILEY.search(text, max(0, pos - 2), pos)):
                        stack.append((block, ch, pos))
                    continue
                opener = next((i for i in range(len(stack) - 1, -1, -1) if _BRACKETS[stack[i][1]] == ch), None)
                carried = opener is not None and stack[opener][0] is not block
                if carried and len(text[:pos].strip()) <= 3 and _ENUMERATION.search(text, max(0, pos - 5), pos + 1):
                    continue  # "1)" opening the next line: an item of its own, not the carried bracket's close
                if opener is not None:
                    # "[a (b]": the "(" inside is the one never closed, not the "]".
                    for inner, at_ch, at in stack[opener + 1:]:
                        yield self.in_block(inner, at, at + 1, f"{at_ch!r} is never closed")
                    del stack[opener:]
                elif not stack and _ENUMERATION.search(text, max(0, pos - 5), pos + 1):
                    continue
                else:
                    yield self.in_block(block, pos, pos + 1, f"{ch!r} closes nothing")
            for inner, at_ch, at in stack:
                if inner is not block:  # left open by the line before and not closed here either
                    yield self.in_block(inner, at, at + 1, f"{at_ch!r} is never closed")
            held = (block, [(ch, pos) for inner, ch, pos in stack if inner is block])
        if held:
            yield from self._never_closed(*held)

    def _never_closed(self, block, openers):
        for ch, pos in openers:
            yield self.in_block(block, pos, pos + 1, f"{ch!r} is never closed")


def _runs_on(doc, before, after) -> bool:
    """Does paragraph `before` stop mid-sentence on the line right above
    paragraph `after`? (A heading is a line of its own.)"""
    end = before.text.rstrip().rstrip("\"”’'")
    return (before.kind == after.kind == "paragraph" and not end.endswith((".", "!", "?", ":", ";", "…"))
            and doc.glued(before, after))


class MixedQuoteStyles(Rule):
    """
    ## What it does
    Flags double quotation marks of the minority style when one article
    mixes straight ("...") and curly (“...”) quotes. Inch marks after a
    figure (12") are not counted, and neither is a stray caption (what
    CAP001 and CAP002 remove), which keeps its wire's marks.

    ## Why it matters
    Mixed styles show that parts of the article came from different
    sources (a wire feed, a CMS, a word processor); house style uses one.

    ## Example
    ```
    “We will act,” he said. Officials called it "a warning".
    ```
    The two straight quotes are flagged; the article's style is curly.

    ## Fix safety
    Unsafe: the fix turns each minority mark into the majority style,
    choosing an opening or closing curly mark from the characters on both
    sides of it and, where they do not tell (a mark between two spaces,
    or after a dash and before a space), from the quotation it pairs with,
    which is a guess for marks squeezed between words. A straight double
    quote typed for an apostrophe ('Britain"s') is not counted: PUNC003
    reports it.
    """

    code = "PUNC005"
    name = "punctuation.mixed-quote-styles"
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE
    rewrites_words = False

    def check(self, doc):
        if doc.format == "text" and not ('"' in doc.source and ("“" in doc.source or "”" in doc.source)):
            return  # one style only: nothing is mixed
        strays = {id(doc.blocks[i]) for i in stray_captions(doc)}  # a wire's caption keeps the wire's marks
        found = [(block, m.start(), m.group()) for block in self.blocks(doc) if id(block) not in strays
                 for m in _DOUBLE_QUOTE.finditer(block.text)
                 if not _inch_mark(block.text, m.start()) and not _apostrophe(block.text, m.start())]
        styles = Counter("straight" if ch == '"' else "curly" for _, _, ch in found)
        if len(styles) < 2:
            return
        majority = "curly" if styles["curly"] >= styles["straight"] else "straight"
        roles: dict[int, dict[int, str]] = {}
        for block, pos, ch in found:
            style = "straight" if ch == '"' else "curly"
            if style == majority:
                continue
            if majority == "curly":
                if id(block) not in roles:
                    roles[id(block)] = _curly_marks(block.text)
                replacement = roles[id(block)].get(pos) or _curly_for(block.text, pos)
            else:
                replacement = '"'
            yield self.in_block(block, pos, pos + 1,
                                f"{style} quotation mark in an article that mostly uses {majority} ones",
                                replacement, Applicability.UNSAFE)


def _inch_mark(text: str, pos: int) -> bool:
    return text[pos] == '"' and pos > 0 and text[pos - 1].isdigit() and (pos + 1 == len(text) or not text[pos + 1].isalnum())


def _curly_for(text: str, pos: int) -> str:
    before = text[pos - 1] if pos else " "
    return "“" if before.isspace() or before in "([{—–-/" else "”"


def _curly_marks(text: str) -> dict[int, str]:
    """The curly mark for each straight double quote of a paragraph, read
    from both its sides and, where they do not tell, from the pairing, as
    PUNC003 reads them: the mark after "ourselves? " or "going to—" and
    before a space closes the quotation open before it."""
    marks, inside = {}, False
    for m in _DOUBLE_QUOTE.finditer(text):
        pos = m.start()
        if m.group() == '"' and _apostrophe(text, pos):
            continue
        role = _quote_role(text, pos, inside)
        if role is None:  # an inch mark
            continue
        inside = role != "close"
        if m.group() == '"':
            marks[pos] = "”" if role == "close" else "“"
    return marks


RULES = [PunctuationDebris, SpaceBeforePunctuation, UnbalancedQuotes, UnbalancedBrackets, MixedQuoteStyles]

# Patterns only ever applied to short stretches of text (name: longest input),
# for tests/test_patterns.py.
BOUNDED = {"_SENTENCE_END": 4}
