"""DUP: a phrase written twice in a row, and the headline written twice.

Word-level and sentence-level repeats are duplication.py's (DUP001-DUP004);
these are the repeats between the two: a few words a feed or a CMS pasted
twice ("have been highly have been highly"), and the headline that a page's
template repeats as the article's first paragraph.
"""

from __future__ import annotations

import re

from ..core.model import Applicability, Fix, Severity
from ..core.rule import Rule
from .duplication import lowered_matches
from ..speed.patterncache import compile_re

# Two to four words, one space apart, then the same words again. Led by a
# literal space (the engine skips from space to space), possessive words
# (no backtracking inside a word), and one pass for the three lengths.
_REPEATED_ASCII = compile_re(
    rb"[ \n(\"]([a-z]++) ([a-z]++) (?:\1 \2|([a-z]++) (?:\1 \2 \3|([a-z]++) \1 \2 \3 \4))(?![a-z0-9'_-])")
_REPEATED = compile_re(
    r"[ \n(\"“‘]([^\W\d_]++) ([^\W\d_]++) (?:\1 \2|([^\W\d_]++) (?:\1 \2 \3|([^\W\d_]++) \1 \2 \3 \4))(?![\w'’-])")
_REPEATED_ANY_CASE = compile_re(_REPEATED.pattern, re.IGNORECASE)
# "stronger and stronger and", "to back to back": two words, one of them a
# link that English repeats a word around ("X and X", "X by X", "X to X").
_LINKS = frozenset("and or nor by to for after upon over on in against versus vs than".split())
_PRONOUNS = frozenset("i you he she we they it".split())
_ARTICLES = frozenset("a an".split())


def repeated_phrases(text: str):
    """(start, end, length in words) of each phrase of two to four words
    written twice in a row in `text`; `start` is the first copy's, `end` the
    second's."""
    for m in lowered_matches(text, _REPEATED, _REPEATED_ASCII, _REPEATED_ANY_CASE):
        n = 2 + (m.group(3) is not None) + (m.group(4) is not None)
        start, end = m.start(1) - 1, m.end() - 1  # the scanned text has one character more in front
        words = text[start:end].split()
        if _legitimate(text, start, end, [w.lower() for w in words[:n]]):
            continue
        yield start, end, n


def _legitimate(text: str, start: int, end: int, phrase: list[str]) -> bool:
    """Repeats English allows: a chant ("no no no no"), a chain ("more and
    more and more", "time and time and time again"), a word said around a
    link ("stronger and stronger", "back to back"), "makes a gadget a
    gadget", "he said he said"."""
    if len(set(phrase)) == 1:
        return True
    before = text[max(0, start - 40) : start].split()
    after = text[end : end + 40].split()
    if _LINKS.intersection(phrase) and (
            (before and before[-1].lower().strip("\"“‘(") == phrase[-1])
            or (after and after[0].lower().strip(".,;:!?\"”’)") == phrase[0])):
        return True
    if len(phrase) == 2:
        first, second = phrase
        if first in _LINKS or second in _LINKS or first in _ARTICLES or first in _PRONOUNS:
            return True
    return False


class RepeatedPhrase(Rule):
    """
    ## What it does
    Flags a phrase of two to four words written twice in a row: "have been
    highly have been highly", "of the of the", "graduated from graduated
    from". Repeats that English allows are left alone: a chant ("no no no
    no"), a chain ("more and more", "time and time and time again", "on and
    on and on"), a word said around a link ("stronger and stronger", "back
    to back"), "what makes a gadget a gadget", "he said he said". A single
    doubled word is DUP002's; a doubled sentence DUP003's.

    ## Why it matters
    An editor's cut and paste, a feed that joins two fragments, or a CMS
    that saves a correction twice leaves a stutter of a few words. Readers
    notice it at once, and a spell checker does not.

    ## Example
    ```
    The results have been highly have been highly encouraging.
    ```
    becomes "The results have been highly encouraging."

    ## Fix safety
    Safe for three or four words: the second copy is exact and adjacent.
    Unsafe for two: some two-word repeats are English ("a gadget a gadget"
    in "what makes a gadget a gadget") in ways no list foresees.
    """

    code = "DUP005"
    name = "duplication.repeated-phrase"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    # Off by default: the scan costs about a tenth of all default rules
    # together (bench/speed.py), for a defect found in 5 of 2,386 articles.
    default = False

    def check(self, doc):
        if doc.format == "text":
            # The prose is the source; a phrase never spans a line break here.
            for start, end, n in repeated_phrases(doc.source):
                yield self._finding(doc.source, start, end, n, None)
            return
        for block in doc.blocks:
            for start, end, n in repeated_phrases(block.text):
                yield self._finding(block.text, start, end, n, block)

    def _finding(self, text: str, start: int, end: int, n: int, block):
        words = text[start:end].split(" ")
        first, second = " ".join(words[:n]), " ".join(words[n:])
        cut_start = start + len(first)  # the space and the second copy go
        applicability = Applicability.SAFE if n >= 3 else Applicability.UNSAFE
        message = f"{first!r} is written twice" + ("" if first == second else f" ({second!r})")
        if block is None:
            return self.diagnostic(start, end, message, Fix.delete(cut_start, end, applicability))
        return self.in_block(block, start, end, message, text[start:cut_start], applicability)


# -- the headline written twice --------------------------------------------------

_TRAILING = " \t\u00a0.!?:;…\"'”’"
_LEADING = " \t\u00a0\"'“‘"
_HEADLINE_WORDS = 4  # a headline glued on the first paragraph must be this long
_LOOK = 3  # blocks after the headline that may repeat it


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).strip(_TRAILING).lstrip(_LEADING).casefold()


class RepeatedHeadline(Rule):
    """
    ## What it does
    Flags the headline written again as the article's first paragraph: a
    block right after the headline (within the next three) that is the
    headline again, case, spacing and end punctuation aside; and a first
    paragraph that opens with the whole headline glued on ("Talks to resume
    next week The minister said on Tuesday ..."). The headline is the
    first block when it is a heading (plain text: the short lines that open
    the file; Markdown and HTML: their heading).

    ## Why it matters
    Web pages print the headline twice (in the page title and the article
    header) and scrapers and CMS exports keep both. In the published article
    the reader meets the headline a second time where the story should
    start.

    ## Example
    ```
    Talks to resume next week

    Talks to resume next week

    The minister said on Tuesday that the talks would resume.
    ```
    The second "Talks to resume next week" is removed.

    ## Fix safety
    Safe for a block that repeats the headline whole: it is removed with
    its separator, and the headline stays. Unsafe for a headline glued on
    the first paragraph: the words are removed from the paragraph's start,
    and the paragraph could, rarely, open with the headline's words on
    purpose.
    """

    code = "DUP006"
    name = "duplication.repeated-headline"
    severity = Severity.WARNING
    fixable = Applicability.SAFE

    def check(self, doc):
        lines = _top_lines(doc)
        if len(lines) < 2:
            return
        head_block, head_start, head_end = lines[0]
        heading = head_block.text[head_start:head_end]
        if head_block.kind != "heading" and not _headline_like(heading):
            return
        headline = _norm(heading)
        if len(headline.split()) < 2:
            return
        for block, start, end in lines[1 : 1 + _LOOK]:
            text = block.text[start:end]
            if _norm(text) == headline:
                lead = len(text) - len(text.lstrip())
                message = f"the headline {_clip(text)!r} is written again"
                if not block.text[:start].strip() and not block.text[end:].strip():
                    s, e = block.span(start + lead, start + len(text.rstrip()))
                    yield self.diagnostic(s, e, message, Fix((doc.removal(block),), Applicability.SAFE))
                else:  # a line of a block the layout read as one: the line and its break go
                    cut_end = end + 1 if block.text[end : end + 1] == "\n" else end
                    cut_start = start if cut_end > end else start - (block.text[start - 1 : start] == "\n")
                    yield self.in_block(block, start + lead, start + len(text.rstrip()), message,
                                        None, Applicability.SAFE)._replace(
                        fix=_fix(block, cut_start, cut_end))
                return
            glued = _glued_headline(text, heading)
            if glued:
                found = text[glued[0] : glued[1]]
                s, e = block.span(start + glued[0], start + glued[0] + len(found.rstrip()))
                edit = block.edit(start + glued[0], start + glued[1], "")
                yield self.diagnostic(s, e, f"the headline {_clip(found)!r} is glued on the first paragraph",
                                      Fix((edit,), Applicability.UNSAFE) if edit else None)
                return
            if not _headline_like(text):
                return  # the story has started


def _fix(block, start: int, end: int):
    edit = block.edit(start, end, "")
    return Fix((edit,), Applicability.SAFE) if edit else None


def _top_lines(doc) -> list:
    """(block, start, end) of the first lines of the copy, across blocks."""
    out = []
    for block in doc.blocks[: 1 + _LOOK]:
        if block.kind not in ("heading", "paragraph"):
            break
        pos = 0
        for line in block.text.split("\n"):
            if line.strip():
                out.append((block, pos, pos + len(line)))
            pos += len(line) + 1
            if len(out) > 1 + _LOOK:
                return out
    return out


def _headline_like(text: str) -> bool:
    """A short line that does not end like a sentence: a headline, a kicker."""
    text = text.strip()
    return 0 < len(text.split()) <= 20 and not text.rstrip("\"'”’)").endswith((".", ",", ";", ":", "!", "?"))


def _glued_headline(text: str, headline: str) -> tuple[int, int] | None:
    """The span of `headline` (and the white space after it) when `text`
    opens with it and goes on with a new sentence, else None."""
    words = headline.split()
    if len(words) < _HEADLINE_WORDS:
        return None
    lead = len(text) - len(text.lstrip())
    pos = lead
    for word in words:  # word by word, any white space between
        if not text.startswith(word, pos):
            return None
        pos += len(word)
        if word is not words[-1]:
            gap = len(text) - pos - len(text[pos:].lstrip())
            if not gap:
                return None
            pos += gap
    if text[pos : pos + 1] in (".", "!", "?", ":"):
        pos += 1
    rest = text[pos:]
    gap = len(rest) - len(rest.lstrip())
    nxt = rest[gap : gap + 2].lstrip("\"“‘(")
    if not gap or not nxt[:1].isupper() and not nxt[:1].isdigit():
        return None
    return lead, pos + gap


def _clip(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


RULES = [RepeatedPhrase, RepeatedHeadline]
