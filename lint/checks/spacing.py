"""PUNC: a sentence glued to the one before it, the space after its full
stop lost ("what they want.The minister")."""

from __future__ import annotations

from ..core.model import Applicability, Severity
from ..core.rule import Rule
from ..speed.patterncache import compile_re
from ..speed.lazy import LazyPattern
from ..speed.prefilter import Prefilter

# A mark that ends a sentence, glued to a capitalised word: a lower-case
# letter (or a digit, or a closing quote after one) before it.
_BEYOND_ASCII = "\u0080-\U0010ffff"
_GLUED_HINT = Prefilter(f"[a-z0-9{_BEYOND_ASCII}][.!?][\"”’{_BEYOND_ASCII}]?[A-Z][a-z]")
_GLUED = LazyPattern(r"(?<=[\p{Ll}\d])[.!?][\"”’]?(?=[A-Z][a-z])")
# The word after the mark.
_WORD_AFTER = compile_re(r"[A-Z][a-z]+")
# Where a capital may follow a full stop inside a name: domains and
# namespaces ("Amazon.Com", "Xamarin.Android"), product names.
_SUFFIXES = frozenset("com net org co io uk us gov edu info tv me ly ai app dev tech biz".split())
_NOT_PROSE = ("@", "/", "\\", "_", "://", "www.")


def glued_sentences(text: str):
    """(start, end, insert at) of each glue: the word before the mark to the
    end of the word after it, and where the space goes."""
    for m in _GLUED.finditer(text):
        mark = m.start()
        before = _word_before(text, mark)
        after = _WORD_AFTER.match(text, m.end())
        if after is None or not _plain_join(text, before, mark, m.end(), after.end()):
            continue
        yield mark - len(before), after.end(), m.end(), before


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and end - start < 60 and not text[start - 1].isspace() and text[start - 1] not in "\"“‘([":
        start -= 1
    return text[start:end]


def _plain_join(text: str, before: str, mark: int, right: int, right_end: int) -> bool:
    """Is this two words and a lost space, rather than an abbreviation, a
    domain, a file name, a code identifier or a brand?"""
    word = before.strip("\"'“‘”’)]")
    letters = word.rstrip("0123456789")
    if len(word) < 2 or "." in word or any(s in word for s in _NOT_PROSE):
        return False  # "U.S.The", "e.g.The", "www.Example", a path
    if word[:1].isupper() and len(word) <= 3:
        return False  # "One.Tel", "St.Louis": a name, or an abbreviation
    if letters and not (letters.isalpha() or letters.replace("-", "").replace("'", "").replace("’", "").isalpha()):
        return False
    nxt = text[right_end : right_end + 2]
    if nxt[:1].isalnum() or nxt[:1] in "(_@/\\" or (nxt[:1] == "." and nxt[1:2].isalpha()):
        return False  # "PhantomJS", "mod.Bar()", "Halo.Bungie.Org", "Sarah.Needleman@"
    if text[right:right_end].lower() in _SUFFIXES:
        return False  # "Amazon.Com", "Dropbox.Tech"
    token_start = mark - len(before)
    if token_start and not text[token_start - 1].isspace() and text[token_start - 1] not in "\"“‘([":
        return False
    return True


class MissingSentenceSpace(Rule):
    """
    ## What it does
    Flags two sentences glued together where the space after the full stop
    (or question or exclamation mark) was lost: "what they want.The
    minister", "was over?Then", 'he said."The'. Abbreviations ("U.S.",
    "e.g.", "Ph.D."), domains and file names ("Amazon.com", "Node.js",
    "report.pdf", "Halo.Bungie.Org"), decimals ("3.5"), initials ("J.R.R.
    Tolkien"), addresses and code ("mod.Bar()", "PhantomJS") are left alone:
    the word after the mark must be a plain capitalised word, and the word
    before it a plain word without a dot of its own.

    ## Why it matters
    Copy loses the space when a CMS joins two paragraphs, a scraper drops a
    line break, or a feed strips markup between sentences. The glued words
    read as a typo, and search engines and screen readers take them for
    one word.

    ## Example
    ```
    The protesters said the government had not listened to what they want.The minister declined to comment.
    ```
    becomes "... to what they want. The minister declined to comment."

    ## Fix safety
    Safe when the word before the mark is in lower case ("want.The"): a
    space goes in, nothing else changes. Unsafe when it is capitalised
    ("Wednesday.The", "Yahoo!News"): a brand or a name can be written that
    way on purpose.
    """

    code = "PUNC006"
    name = "punctuation.missing-sentence-space"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    gate = _GLUED_HINT

    def check(self, doc):
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            for start, end, at, before in glued_sentences(text):
                applicability = Applicability.SAFE if before.strip("\"'“‘”’)]")[:1].islower() else Applicability.UNSAFE
                glued = text[start:end]
                yield self.in_block(block, start, end, f"no space between sentences in {glued!r}",
                                    text[start:at] + " " + text[at:end], applicability)


RULES = [MissingSentenceSpace]

# Patterns only ever applied to short stretches of text (name: longest input),
# for tests/test_patterns.py.
BOUNDED: dict[str, int] = {}
