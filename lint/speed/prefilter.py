"""Document-wide prefilters. A rule whose findings all contain a match of a
simple pattern (a character class, a pair of marks) declares that pattern
as a Prefilter; one RE2 pass over an article then answers every such rule
at once, so most rules skip most articles without Python's regex engine
scanning the text once per rule.

Patterns are written in the syntax RE2 and Python's `re` share: literal
characters or `\\xhh` escapes (not `\\u`), no `\\s`/`\\w` (RE2's are
ASCII-only), no lookarounds or backreferences. A prefilter is a necessary
condition, never the rule itself: matching more than the rule is harmless.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING, Sequence

from . import patterncache

if TYPE_CHECKING:
    from ..core.document import Document

# Every character str.isspace() (and so `re`'s \s) accepts, except line breaks.
HSPACE = ("\\x09\\x0b\\x0c\\x1c-\\x1f\\x20\\x85\\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000")
# Python's \s: every str.isspace() character.
PY_SPACE = "[\\n\\r" + HSPACE + "]"
_META = frozenset("\\.^$|?*+()[]{}")


def folded(text: str) -> str:
    """RE2 source (under (?i)) for the literal `text` as re.IGNORECASE reads
    it: `re` also folds "i" into "İ" and "ı", which RE2 does not (the Kelvin
    sign and the long s are in RE2's folding too)."""
    return "".join("[iIİı]" if c in "iI" else ("\\" + c if c in _META else c) for c in text)


_PATTERNS: list[str] = []
_SOURCE_SCANS: list[bool] = []  # per pattern: scanned in the source rather than the prose
_compiled = None  # (number of patterns it holds, RE2 set or None)


class Prefilter:
    """A pattern that every finding of a rule contains. `source=True` for
    rules that read the raw source rather than the prose blocks."""

    def __init__(self, pattern: str, source: bool = False):
        self.index = len(_PATTERNS)
        self.source = source
        _PATTERNS.append(pattern)
        _SOURCE_SCANS.append(source)

    @cached_property
    def pattern(self) -> re.Pattern:
        """The same pattern for `re`, compiled when a block is first tested
        (`re` compiles large character classes slowly)."""
        return patterncache.compile_re(_PATTERNS[self.index])

    def __call__(self, text: str) -> bool:
        """Test one block (after the document has passed)."""
        return self.pattern.search(text) is not None

    def passes(self, doc: "Document") -> bool:
        """Could the document hold a finding?"""
        return self.index in doc.memo("prefilter", len(_PATTERNS), _scan)

    def select(self, docs: "Sequence[Document]", batch: dict) -> list[int]:
        index = self.index
        return [i for i, found in enumerate(per_doc(docs, batch, "prefilter", len(_PATTERNS), _scan)) if index in found]


def any_of(literals, ignorecase: bool = False, source: bool = False) -> Prefilter:
    """A Prefilter for text holding one of `literals`. Case-insensitive, it
    matches wherever the literal (lower case) is in the lower-cased text."""
    return Prefilter(alternation(literals, ignorecase), source)


def alternation(literals, ignorecase: bool = False) -> str:
    """The pattern of any_of."""
    return ("(?i)" if ignorecase else "") + "|".join(re.escape(w) for w in fewest(literals))


def fewest(literals) -> list[str]:
    """`literals` without those that hold another: text holding "AP Photo"
    holds "AP" (in any case, too), so a test for "AP" answers for both, and
    RE2 builds fewer states of its automaton (a tenth fewer on the first
    pass over the articles for the 104 agencies and outlets)."""
    kept: list[str] = []
    for literal in sorted(dict.fromkeys(literals), key=len):
        for shorter in kept:
            if shorter in literal:
                break
        else:
            kept.append(literal)
    return kept


class AllOf:
    """A gate that passes where each of `gates` passes."""

    def __init__(self, *gates):
        self.gates = gates

    def passes(self, doc: "Document") -> bool:
        for gate in self.gates:
            if not gate.passes(doc):
                return False
        return True

    def select(self, docs: "Sequence[Document]", batch: dict) -> list[int]:
        first, *rest = self.gates
        chosen = select(first, docs, batch)
        for gate in rest:
            chosen = [i for i in chosen if gate.passes(docs[i])]
        return chosen


class Test:
    """A gate that is a test in Python on the whole document, for a necessary
    condition RE2 cannot state (a word written twice, a back-reference)."""

    def __init__(self, test):
        self.test = test

    def passes(self, doc: "Document") -> bool:
        return self.test(doc)


def select(gate, docs: "Sequence[Document]", batch: dict) -> list[int]:
    """The indices of `docs` that pass `gate`. The engine asks each rule's
    gate of a whole batch at once; `batch` holds what gates work out once
    for all of them (the shared scan of each document), so a hundred rules
    do not look it up a hundred times per document. A gate without
    `select` is asked of each document."""
    chosen = getattr(gate, "select", None)
    if chosen is not None:
        return chosen(docs, batch)
    return [i for i, doc in enumerate(docs) if gate.passes(doc)]


def per_doc(docs: "Sequence[Document]", batch: dict, key: str, version, build) -> list:
    """Each document's memo `key` (Document.memo), listed once a batch for
    every gate that reads it."""
    found = batch.get((key, version))
    if found is None:
        found = batch[key, version] = [doc.memo(key, version, build) for doc in docs]
    return found


def _scan(doc: "Document") -> frozenset[int]:
    scanner = _scanner()
    if scanner is None:
        return frozenset(range(len(_PATTERNS)))
    prose = _match(scanner, doc.prose)
    if doc.format == "text":
        return prose
    source = _match(scanner, doc.source)
    return frozenset(i for i in range(len(_PATTERNS)) if i in (source if _SOURCE_SCANS[i] else prose))


def _match(scanner, text: str) -> frozenset[int]:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: RE2 cannot read it, so every rule looks
        return frozenset(range(len(_PATTERNS)))
    return frozenset(scanner.Match(data) or ())


def _scanner():
    """The RE2 set of all patterns, rebuilt when a pattern was added since."""
    global _compiled
    if _compiled is None or _compiled[0] != len(_PATTERNS):
        _compiled = (len(_PATTERNS), _build(_PATTERNS))
    return _compiled[1]


def _build(patterns: list[str]):
    try:
        import re2
    except ImportError:  # without RE2 every rule reads every document
        return None
    if not patterns:
        return None
    options = re2.Options()
    options.never_capture = True
    scanner = re2.Set.SearchSet(options)
    for pattern in patterns:
        scanner.Add(pattern)
    scanner.Compile()
    return scanner
