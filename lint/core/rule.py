"""The Rule protocol shared by Python rules (lint/checks/) and YAML packs."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, ClassVar, Iterable, Iterator, NamedTuple

from ..speed import patterncache
from ..speed.prefilter import Prefilter
from .model import Applicability, Diagnostic, Fix, Severity

if TYPE_CHECKING:
    from .document import Block, Document

FAMILIES = {
    "DUP": "duplicated material",
    "NEG": "garbled negation / contradiction",
    "CAP": "stray captions and photo credits",
    "BOIL": "web and CMS boilerplate",
    "PUNC": "punctuation debris",
    "WS": "whitespace and invisible characters",
    "ENC": "encoding damage",
    "STY": "house style",
    "PL": "proselint",
    "SUP": "suppression directives",
}
# A family is 2 to 5 capital letters: the built-in ones above, or a
# newsroom's own for its packs (HSE001, NYT001).
CODE_PATTERN = patterncache.compile(r"(?P<family>[A-Z]{2,5})(?P<number>\d{3})")
CODE_FORM = "a family of 2 to 5 capital letters and three digits, as STY901 or a house family's HSE001"
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Fix safety")
_NOT_WORDING = frozenset({"WS", "ENC", "BOIL", "CAP", "SUP"})
_ANY_LANGUAGE = frozenset({"WS", "ENC", "BOIL", "SUP"})
# Patterns only ever applied to short strings (name: longest input), for tests/test_patterns.py.
BOUNDED = {"CODE_PATTERN": 16}


class RuleDocs(NamedTuple):
    what: str
    why: str
    example: str
    fix_safety: str

    @classmethod
    def from_docstring(cls, text: str) -> "RuleDocs":
        """Parse ruff-shaped docs: '## What it does' / '## Why it matters' / ..."""
        sections: dict[str, list[str]] = {}
        current = None
        for line in inspect.cleandoc(text or "").splitlines():
            if line.startswith("## ") and line[3:].strip() in DOC_SECTIONS:
                current = line[3:].strip()
                sections[current] = []
            elif current:
                sections[current].append(line)
        missing = [s for s in DOC_SECTIONS if not "\n".join(sections.get(s, [])).strip()]
        if missing:
            raise ValueError(f"rule docs lack section(s): {', '.join(missing)}")
        return cls(*("\n".join(sections[s]).strip() for s in DOC_SECTIONS))

    def render(self) -> str:
        return "\n\n".join(f"## {title}\n{body}" for title, body in zip(DOC_SECTIONS, (self.what, self.why, self.example, self.fix_safety)))


class _Docstring:
    """A rule class's docs, parsed from its docstring when first read: a run
    that shows no docs parses none."""

    def __get__(self, rule, cls) -> RuleDocs:
        if "code" not in cls.__dict__ or not cls.__doc__:
            raise AttributeError(f"{cls.__name__} has no docs")
        cls.docs = RuleDocs.from_docstring(cls.__doc__)  # later reads find it on the class
        return cls.docs


class Rule:
    """A check over a Document. Subclasses set the class attributes and
    implement `check`; the docstring carries the rule's docs."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[Applicability | None] = None  # the best fix this rule can offer
    default: ClassVar[bool] = True  # on without being selected
    # False for rules whose fixes never change words (white space, encoding),
    # which may therefore apply SAFE fixes inside quotations.
    rewrites_words: ClassVar[bool] = True
    # False for rules whose findings hold in code samples and tables of
    # figures too (white space, control characters, mojibake).
    prose_only: ClassVar[bool] = True
    # True for prose rules whose slips hold inside one cell of a table of
    # figures too (a doubled word in a cell's note): a finding there that
    # spans no cell separator (a tab, a run of spaces) is reported.
    reads_cells: ClassVar[bool] = False
    # True for rules about the markup itself (suppression comments), whose
    # findings lie where no prose is.
    reads_markup: ClassVar[bool] = False
    # True for rules that read the blocks' text alone, never what each block
    # is (code, a table, verbatim) or its language (proselint's checks): a
    # run of nothing else reads those only for an article with findings to
    # police (formats.load's `settle`).
    text_only: ClassVar[bool] = False
    # Does the rule hold for copy in any language (white space, encoding,
    # doubled abbreviations, boilerplate), or only for English? None: by
    # family (WS, ENC and BOIL hold for any).
    any_language: ClassVar[bool | None] = None

    @property
    def languages(self) -> tuple[str, ...] | None:
        """The languages whose copy the rule understands; None: any."""
        neutral = self.any_language if self.any_language is not None else self.family in _ANY_LANGUAGE
        return None if neutral else ("en",)
    style: ClassVar[str | None] = None  # house style a pack rule belongs to (config `style`)
    origin: ClassVar[str] = "copydesk"  # where the rule is defined, for error messages
    # A necessary condition on the document (anything with `passes(doc)`,
    # usually a Prefilter; with `select(docs, batch)` too, the engine asks
    # it of a whole batch, prefilter.select): the engine does not call
    # `check` on a document that fails it, which for most rules is most
    # documents.
    gate: ClassVar[Prefilter | None] = None
    docs: RuleDocs = _Docstring()

    @property
    def family(self) -> str:
        return self.code[:-3]  # a code is its family and three digits

    # Does the rule judge how copy is worded (spelling, doubled words,
    # style, punctuation), which verbatim text keeps as written? None: all
    # but the families about characters and pages (WS, ENC, BOIL, CAP).
    wording: ClassVar[bool | None] = None

    @property
    def judges_wording(self) -> bool:
        return self.wording if self.wording is not None else self.family not in _NOT_WORDING

    @property
    def summary(self) -> str:
        return " ".join(self.docs.what.split("\n\n")[0].split())

    def check(self, doc: "Document") -> Iterable[Diagnostic]:
        raise NotImplementedError

    # -- helpers for building diagnostics --------------------------------
    def diagnostic(self, start: int, end: int, message: str, fix: Fix | None = None) -> Diagnostic:
        return Diagnostic(self.code, self.name, self.severity, start, end, message, fix)

    def in_block(self, block: "Block", start: int, end: int, message: str,
                 replacement: str | None = None,
                 applicability: Applicability = Applicability.SAFE) -> Diagnostic:
        """A diagnostic over prose [start, end) of `block`, with a fix that
        replaces it by `replacement` when that maps cleanly onto the source."""
        s, e = block.span(start, end)
        fix = None
        if replacement is not None:
            edit = block.edit(start, end, replacement)
            fix = Fix((edit,), applicability) if edit else None
        return self.diagnostic(s, e, message, fix)

    def blocks(self, doc: "Document", kinds: Iterable[str] | None = None,
               hint: Prefilter | None = None) -> Iterator["Block"]:
        """The blocks to check: of `kinds` if given, and only those whose text
        matches `hint`, a pattern every finding contains. The hint rules out
        most articles from the one scan all prefilters share, before any
        per-block work."""
        if hint is not None and not hint.passes(doc):
            return iter(())
        wanted = set(kinds) if kinds else None
        return (b for b in doc.blocks if (wanted is None or b.kind in wanted) and (hint is None or hint(b.text)))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"


class StandIn:
    """Stands in for `rule` in the engine (over window documents, say):
    attributes it does not set are the rule's, and the engine's time
    budget for a file is the rule's own."""

    def __init__(self, rule: Rule):
        self.rule = rule

    def __getattr__(self, name):
        return getattr(self.rule, name)

    @property
    def deadline(self):
        return self.rule.deadline

    @deadline.setter
    def deadline(self, value):
        self.rule.deadline = value
