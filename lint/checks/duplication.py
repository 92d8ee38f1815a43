"""DUP: material written twice."""

from __future__ import annotations

import regex

from ..model import Applicability, Severity
from ..rule import Rule

# A dotted abbreviation (two or more "X." groups) immediately followed by
# itself, optionally after white space or a line break: "U.S.U.S.", "U.N. U.N.".
_DOUBLED_ABBREVIATION = regex.compile(
    r"(?<![\w.])(?P<abbr>(?:[A-Za-z]\.){2,6})(?P<gap>[^\S\r\n]*(?:\r?\n[^\S\r\n]*)?)(?P=abbr)(?![A-Za-z]\.|\w)"
)


class DoubledAbbreviation(Rule):
    """
    ## What it does
    Flags a dotted abbreviation written twice in a row: "U.S.U.S.", "U.N. U.N.",
    "D.C.D.C.", with or without a space or line break between the copies.

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
    Safe: the second copy is exact and adjacent, so removing it cannot change
    the meaning.
    """

    code = "DUP001"
    name = "duplication.doubled-abbreviation"
    severity = Severity.ERROR
    fixable = Applicability.SAFE

    def check(self, doc):
        for block in self.blocks(doc):
            for m in _DOUBLED_ABBREVIATION.finditer(block.text):
                abbr = m.group("abbr")
                yield self.in_block(block, m.start(), m.end(), f"{abbr!r} is written twice", abbr)


RULES = [DoubledAbbreviation]
