"""Sentence and word boundaries in prose, shared by sentence-level rules.

News copy is dense with dotted abbreviations ("U.S.", "Mr.", "Jan.") and
quotations that close after the full stop ('... the fire."'), so a naive
split on ". " cuts sentences in the wrong places.
"""

from __future__ import annotations

from functools import lru_cache

from ..speed import patterncache

# Abbreviations after which a full stop does not end a sentence (when the
# next word starts with a capital, "U.S." may still end one; see below).
_TITLES = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st mt ft hon pres supt insp det "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs v etc inc corp ltd co bros jr sr "
    "approx dept est fig al e.g i.e cf op vol pp".split()
)
# A sentence ends at . ! ? (or …), optionally followed by closing quotes or
# brackets, then white space and a plausible sentence start (a capital, a
# figure, or an opening quote). `regex` finds these twice as fast as `re`.
_END = patterncache.compile(r"""(?<![.!?…])([.!?…]++["'\u201d\u2019)\]]*)\s+(?=["'\u201c\u2018(\[]?[^\W_a-z\u00df-\u00ff])""")


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in `text`, white space trimmed."""
    spans = []
    start = len(text) - len(text.lstrip())
    for m in _END.finditer(text):
        if m.group(1) == "." and is_abbreviation(text, m.start()):
            continue
        spans.append((start, m.end(1)))
        start = m.end()
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return tuple(spans)


def is_abbreviation(text: str, dot: int) -> bool:
    """Does the full stop at `dot` end an abbreviation rather than a sentence?
    Yes after a title or short form from the list, a single capital (an
    initial: "John F. Kennedy"), or a dotted abbreviation ("U.S.", which
    before a capital is usually mid-sentence: "U.S. officials")."""
    start = max(text.rfind(" ", max(0, dot - 16), dot), text.rfind("\n", max(0, dot - 16), dot)) + 1
    word = text[start:dot].lstrip("\"'“‘([")
    if not word:
        return False
    return word.lower() in _TITLES or (len(word) == 1 and word.isupper()) or "." in word


_WORD = patterncache.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’\-]*[\p{L}\p{N}])?")


def words(text: str, start: int = 0, end: int | None = None):
    """Word matches (letters, digits, inner apostrophes and hyphens)."""
    return _WORD.finditer(text, start, len(text) if end is None else end)
