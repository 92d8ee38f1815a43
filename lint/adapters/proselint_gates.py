"""Which of proselint's checks can find anything in a text: one RE2 set pass.

Every proselint check scans the whole text on each call, and most of its
cost is that call (a hundred checks at a few microseconds each per article),
or, for the few written for Python's `re`, the scan itself (up to a
millisecond an article). Most checks find nothing in most articles. So all
of their patterns go into one RE2 set, matched once per document; a check
runs (proselint's own code, over the whole text, so its findings are its
own) only when the set says it can match:

- a pattern check on proselint's RE2 engine (existence, preferred forms):
  its patterns exactly as proselint compiles them, so a hit is a match;
- a consistency check: both terms of one of its pairs;
- a check written as a function or for Python's `re`: a pattern every
  finding contains (`_SPECIAL`), written so RE2 matches wherever `re`
  does (Python's `\\s` is wider, and its case folding lets "i" match
  "İ" and "ı"; a word boundary next to a letter that folds to a
  non-ASCII one is left out);
- lexical_illusions (a repeated phrase: a back-reference, beyond RE2):
  a test on the words in Python, `repeats_possible`.

Checks no pattern can gate (the restricted-vocabulary ones, which flag
nearly every word) always run. tests/test_proselint_gates.py proves each
gate a superset of its check; tests/test_proselint_corpus.py compares the
findings with proselint's own on the corpora.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from itertools import product, repeat
from operator import eq, gt

from ..speed.patterncache import compile_re
from ..speed.prefilter import PY_SPACE as _PY_SPACE
from ..speed.prefilter import folded as _folded

# Letters whose case folding in Python's `re` reaches beyond ASCII (i: İ ı;
# k: the Kelvin sign; s: the long s), where RE2's \b and Python's differ.
_FOLDS_WIDE = frozenset("iks")


def ci_literal(text: str, bounded: bool = False) -> str:
    """RE2 source matching wherever Python's re.IGNORECASE matches the
    literal `text`, with \\b on each side where that stays a superset."""
    body = _folded(text)
    left = "\\b" if bounded and text[:1].isascii() and text[:1].isalnum() and text[:1].lower() not in _FOLDS_WIDE else ""
    right = "\\b" if bounded and text[-1:].isascii() and text[-1:].isalnum() and text[-1:].lower() not in _FOLDS_WIDE else ""
    return f"(?i){left}{body}{right}"


def _module(name: str):
    return importlib.import_module(f"proselint.checks.{name}")


def _uncomparables(check) -> list[str]:
    m = _module("uncomparables")
    if check.check_type is m._check_uncomparables:  # RE2, word bounded: as proselint builds them
        return [f"(?i)\\b{comp}\\s+{adj}\\b" for comp, adj in product(m.COMPARATORS, m.UNCOMPARABLES)
                if (comp, adj) not in m.EXCEPTIONS]
    # Python's re, "(?<!at\s)\bmost\s+unique\b": the look-behind and the
    # closing boundary dropped, Python's white space and folding kept.
    adjectives = "|".join(_folded(adj) for adj in m.UNCOMPARABLES)
    return [f"(?i)\\b(?:{'|'.join(m.FANCY_COMPARATORS)}){_PY_SPACE}+(?:{adjectives})"]


def _preferred_forms(check) -> list[str] | None:
    """Python's re, "(?<![A-Za-z'-])item(?![A-Za-z'-])" (STRICT_WORDS_IN_TEXT,
    literal items): at an edge that is an ASCII letter or digit, the
    look-around is a word boundary or a digit or _ beyond it. (Not a class
    of nearly every character written out: that multiplies the states of
    RE2's DFA.) Next to a letter that folds beyond ASCII, nothing."""
    from proselint.registry.checks.engine import Fancy

    if not isinstance(check.engine, Fancy):
        return None  # its RE2 checks are gated as any other
    return [f"(?i){_edge(item[0])}{_folded(item)}{_edge(item[-1])}" for item in check.check_type.items]


def _edge(c: str) -> str:
    return "(?:[0-9_]|\\b)" if c.isascii() and c.isalnum() and c.lower() not in _FOLDS_WIDE else ""


def _waxed(check) -> list[str]:
    m = _module("misc.waxed")
    return [f"(?i)\\b{wax} {word}\\b" for word in m.MODIFIERS for wax in m.WAXES]


def _venery(check) -> list[str]:
    m = _module("terms.venery")
    return [f"(?i)\\b{generic} of {animal}\\b" for animal, _ in m.TERM_MAP for generic in m.GENERIC_TERMS]


# path -> (check -> patterns every finding of it contains; None: gate it as
# a pattern check).
_SPECIAL = {
    "misc.but": lambda check: [_module("misc.but").PATTERN],  # RE2, case-sensitive
    "misc.greylist": lambda check: ["(?i)" + term for term in _module("misc.greylist").GREYLISTED_TERMS],
    "misc.waxed": _waxed,
    "terms.venery": _venery,
    "uncomparables": _uncomparables,
    "misc.preferred_forms": _preferred_forms,
    "weasel_words.very": lambda check: [ci_literal("very", bounded=True)],  # "\bvery(?! well)\b" in re
}
# Checks that run on every text with prose.
UNGATED = frozenset({"restricted.elementary", "restricted.top1000"})


def check_patterns(check) -> list[str] | None:
    """RE2 patterns every finding of `check` contains (one of them), or
    None when patterns cannot gate it."""
    from proselint.registry.checks import types
    from proselint.registry.checks.engine import Fast

    special = _SPECIAL.get(check.path)
    if special is not None:
        found = special(check)
        if found is not None:
            return found
    if not isinstance(check.engine, Fast) or check.engine.opts.multi_line:
        return None
    fold = "(?i)" if check.engine.opts.case_insensitive else ""
    kind = check.check_type
    if isinstance(kind, types.ExistenceSimple):
        return [fold + kind.pattern]
    if isinstance(kind, (types.Existence, types.PreferredForms, types.PreferredFormsSimple)):
        return [fold + kind.padding.format(item) for item in kind.items]  # a dict's items are its keys
    return None


def check_pairs(check) -> list[tuple[str, str]] | None:
    """A consistency check's term pairs as RE2 patterns: it finds
    something only where both terms of a pair occur."""
    from proselint.registry.checks import types
    from proselint.registry.checks.engine import Fast

    if not isinstance(check.check_type, types.Consistency) or not isinstance(check.engine, Fast):
        return None
    fold = "(?i)" if check.engine.opts.case_insensitive else ""
    return [(fold + a, fold + b) for a, b in check.check_type.term_pairs]


# -- lexical_illusions --------------------------------------------------------
def _byte_table(letter: int, word: int, space: int, other: int, high: int) -> bytes:
    """A bytes.translate table by class: a-z, other word characters (digits,
    _), white space, everything else; `high` for the bytes of non-ASCII
    characters."""
    table = bytearray(256)
    for c in range(256):
        ch = chr(c)
        table[c] = (high if c >= 128 else c if letter < 0 and "a" <= ch <= "z" else letter if "a" <= ch <= "z"
                    else word if ch.isalnum() or ch == "_" else space if ch.isspace() else other)
    return bytes(table)


# Letters kept, other word characters and white space as spaces, marks as
# "|" (a phrase never spans one), non-ASCII as spaces.
_WORDS = _byte_table(-1, 32, 32, ord("|"), 32)
# Classes: a letter, 0 another word character (non-ASCII ones too), space, ".".
_CLASSES = _byte_table(ord("a"), ord("0"), 32, ord("."), ord("0"))
_DIGITS_APART = compile_re(rb"0\s+0")  # two words without letters side by side: one phrase of them may come twice
_WIDE_SPACE = compile_re("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_MIXED = compile_re(rb"(?<!\S)\S*a0\S*")  # a word of letters and other word characters (tried from word starts only: linear)
_MARKS = compile_re(rb"\|[ |]*")
_COMMON_MARKS = "\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00a3\u20ac"  # ’ ‘ “ ” – — … £ €


def repeats_possible(content: str) -> bool:
    """Can proselint's lexical_illusions, `(?<![A-Za-z'-])(\\w+(?:\\s+\\w+){0,3})
    (\\s+\\1)+(?![A-Za-z'-])` under re.IGNORECASE, match in `content`?

    A match is a phrase G of one to four words (runs of \\w) followed, across
    white space only, by G again, letters compared by their simple lower
    case (as `re` compares a back-reference; `re`'s [A-Za-z] also takes
    İ ı ſ K, merged here with i s k). Cut every word at its characters that
    are not letters and keep the letter pieces: G's pieces are then a
    sequence of words S that the same S follows at once, with no mark
    between, S at most four words times the most pieces a word has. A G
    without letters needs two letterless words side by side, which are
    rare enough to let through. A text that shows neither cannot match
    (tests/test_proselint_gates.py). Every step is linear in the text."""
    low = content.replace("\u0130", "i").lower()  # İ's simple lower case is i (lower() adds a dot)
    if not low.isascii():  # ς: lower() writes a final Σ so, `re` does not
        low = low.replace("\u0131", "i").replace("\u017f", "s").replace("\u03c2", "\u03c3")
        for mark in _COMMON_MARKS:  # as marks, not as the word characters other non-ASCII ones stand for
            if mark in low:
                low = low.replace(mark, "|")
        if _WIDE_SPACE.search(low):  # white space beyond ASCII, as a space
            low = " ".join(low.split())
    data = low.encode("utf-8", "surrogatepass")
    classes = data.translate(_CLASSES)
    if _DIGITS_APART.search(classes):
        return True
    pieces = 1
    if b"a0" in classes:  # at most this many letter pieces in a word (marks split no word here: more, not fewer)
        pieces = max(len(list(filter(None, w.replace(b".", b"0").split(b"0")))) for w in _MIXED.findall(classes))
        if pieces > 2:  # "h5n1": rare; the loop below would grow with it
            return True
    # Marks side by side are one mark: no phrase is between them, and the
    # loop below then seldom meets marks that come back.
    words = _MARKS.sub(b" | ", data.translate(_WORDS, b"'-")).split()
    bars = None
    for n in range(1, 4 * pieces + 1):
        same = bytes(map(eq, words, words[n:]))  # 1 where a word comes back n words on
        if b"\x01" * n in same:
            if bars is None:
                bars = bytes(map(eq, words, repeat(b"|")))
            if b"\x01" * n in bytes(map(gt, same, bars)):  # the same words, not marks
                return True
    return False


_PYTHON_GATES = {"lexical_illusions": repeats_possible}

_RUN = compile_re(r"[\w\s]+")
_PIECE = 256  # characters a piece holds at least (but the last): fewer calls, and still little to scan


def repeat_regions(content: str):
    """The (start, end) of each piece of `content` where lexical_illusions
    may match, in order. A piece is a few runs of word characters and white
    space (a match never leaves a run) with the marks between them and the
    character on either side (which its lookarounds read, one each), and
    repeats_possible passes it. The check over each piece finds what it
    finds over the whole text there, and most of a text is in no piece."""
    begin = None
    for run in _RUN.finditer(content):
        start, end = run.span()
        if begin is None:
            begin = max(start - 1, 0)
        if end + 1 - begin >= _PIECE:
            if repeats_possible(content[begin : end + 1]):
                yield begin, end + 1
            begin = None
    if begin is not None and repeats_possible(content[begin:]):
        yield begin, len(content)


# Checks run piece by piece: where in a text each may match.
REGIONS = {"lexical_illusions": repeat_regions}


# Gates that in the shared set multiply the states RE2's DFA builds on its
# first pass over new text get a set of their own.
_OWN_SET = frozenset({"misc.preferred_forms"})
_LEAD = compile_re(r"(?:\(\?i\)|\\b)*(\w)")


class Plan:
    """The gates of a set of proselint checks, by check: RE2 sets for the
    pattern gates, Python tests for the rest (run only when asked)."""

    def __init__(self, checks):
        self.checks = list(checks)
        self.always: set[int] = set()
        self.python: dict[int, object] = {}
        self.pairs: dict[int, list[tuple[int, int]]] = {}
        self.by_path: dict[str, list[int]] = {}
        self.owner: list[int] = []  # pattern number -> check index
        shared: list[tuple[int, str]] = []  # (number, pattern)
        own: list[tuple[int, str]] = []

        def add(i, pattern):
            self.owner.append(i)
            (own if self.checks[i].path in _OWN_SET else shared).append((len(self.owner) - 1, pattern))
            return len(self.owner) - 1

        for i, check in enumerate(self.checks):
            self.by_path.setdefault(check.path, []).append(i)
            if check.path in _PYTHON_GATES:
                self.python[i] = _PYTHON_GATES[check.path]
            elif (pairs := check_pairs(check)) is not None:
                self.pairs[i] = [(add(i, a), add(i, b)) for a, b in pairs]
            elif (found := check_patterns(check)) is not None:
                for pattern in found:
                    add(i, pattern)
            else:
                self.always.add(i)
        self.sets = [_compiled(group) for group in (*_by_lead(shared), own) if group]
        self.python_paths = frozenset(self.checks[i].path for i in self.python)
        self.pattern_paths = frozenset(self.by_path) - self.python_paths  # no Python gate among their checks

    def matched(self, content: str) -> frozenset[int]:
        """The checks (by index) whose RE2 gates pass on `content`; the
        checks with Python gates are not among them (see `passes`)."""
        found = set(self.always)
        if not content:
            return frozenset(found)
        hit: set[int] = set()
        for numbers, compiled in self.sets:
            hit.update(numbers[h] for h in compiled.Match(content) or ())
        found.update(self.owner[h] for h in hit)
        for i, pairs in self.pairs.items():
            if i in found and not any(a in hit and b in hit for a, b in pairs):
                found.discard(i)
        return frozenset(found)

    def passes(self, i: int, content: str, matched: frozenset[int]) -> bool:
        test = self.python.get(i)
        return test(content) if test is not None else i in matched


def _by_lead(group: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """`group` cut in two: the patterns that begin with a letter or digit
    (after a leading (?i) and \\b), and those that do not ("\\s[^\\s-]+ly-",
    "\\d{1,2} ?[ap]m"). RE2 builds a DFA state when a text first leads to it,
    at a cost that grows with the patterns the state may be inside. Those
    of the second kind are under way at almost every character, and among
    the first they multiply the states. Plan.matched over clean/bbc with
    the 3,126 shared patterns of proselint's default checks, a first pass
    (the later ones): 0.25 s (0.07 s) in one set; 0.19 s (0.09 s) cut in
    three by first letter; 0.15 s (0.07 s) cut in two so; 0.15 s (0.08 s)
    cut in three by first letter with the second kind apart."""
    led: list[tuple[int, str]] = []
    unled: list[tuple[int, str]] = []
    for number, pattern in group:
        (led if _LEAD.match(pattern) else unled).append((number, pattern))
    return [led, unled]


def _compiled(group: list[tuple[int, str]]):
    """(pattern numbers, RE2 set) for [(number, pattern)]."""
    import re2

    from .proselint import gate_options

    options = gate_options()
    options.max_mem = 64 << 20  # thousands of patterns: room for the DFA's states
    compiled = re2.Set.SearchSet(options)
    for _, pattern in group:
        compiled.Add(pattern)
    compiled.Compile()
    return [number for number, _ in group], compiled


@lru_cache(maxsize=None)
def plan(paths: tuple[str, ...]) -> Plan:
    """The plan for every check of `paths`."""
    from .proselint import checks_by_path

    return Plan(check for path in paths for check in checks_by_path().get(path, ()))
