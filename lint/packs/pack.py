"""YAML rule packs (rules/*.yml): word lists and phrase swaps as data.

A pack is a mapping with a `rules:` list; each rule names its `kind`:

- existence:    `tokens` that should not appear (one folded pattern per rule)
- substitution: `swap` mapping of wrong -> right, offered as a fix
- boilerplate:  a paragraph that is nothing but a known web/CMS phrase
                (`phrases`, exact: safe removal) or matches one of `patterns`
                (unsafe removal)

Every rule carries `code`, `name`, `docs` (what / why / example / fix_safety)
and optionally `severity`, `default`, `message`, `ignorecase`, `fix`.
"""

from __future__ import annotations

import itertools
import re
import time
import weakref
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, ClassVar

from ..core.document import Block
from ..core.model import Applicability, Fix, Severity
from ..core.rule import CODE_FORM, CODE_PATTERN, Rule, RuleDocs
from ..speed import datacache, patterncache
from ..speed.lazyregex import regex
from .phrasebook import PhraseBook


class PackError(ValueError):
    """A malformed pack; the message names the file, line and problem."""


class PatternTimeout(TimeoutError):
    """A pack rule's pattern ran past its timeout (the rule may be checked on
    behalf of another: boilerplate rules share one pass)."""

    def __init__(self, rule: "PackRule"):
        super().__init__(rule.code)
        self.rule = rule


def rules_dir() -> Path:
    """The built-in packs: lint/rules/ in an installed wheel, rules/ in a checkout."""
    here = Path(__file__).resolve().parents[1]  # the lint package
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def lexicon(name: str) -> Any:
    """A word list used by Python rules: rules/lexicons/<name>.yml (safe-loaded)."""
    return datacache.parsed(rules_dir() / "lexicons" / f"{name}.yml", _parse_lexicon)


def _parse_lexicon(path: Path) -> Any:
    import yaml

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_loaders()[0])
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: invalid YAML: {exc}") from None


def load_builtin() -> list[Rule]:
    return [rule for path in sorted(rules_dir().glob("*.yml")) for rule in load_pack(path)]


@lru_cache(maxsize=1)
def _loaders() -> tuple[type, type]:
    """PyYAML's safe loader (libyaml's when PyYAML was built with it: ten
    times faster), and one that also records the line of every mapping, for
    errors. PyYAML is imported only when a file is not in the data cache."""
    import yaml

    safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(safe):
        pass

    def mapping_with_line(loader, node) -> dict:
        mapping = loader.construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping_with_line)
    return safe, LineLoader


# A newsroom's own patterns may be slow or catastrophic; they run with this
# timeout (seconds) and fail with a message naming the rule. Built-in
# patterns are proven linear by tests/test_patterns.py and run without one.
USER_TIMEOUT = 1.0


def load_pack(path: Path, user: bool = False) -> list[Rule]:
    # A newsroom's own packs are read afresh: their folder is theirs, not a cache's.
    data = _parse_pack(path, user=True) if user else datacache.parsed(path, _parse_pack)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise PackError(f"{path}:1: a pack is a mapping with a 'rules:' list")
    unknown = set(data) - {"rules", "style", "__line__"}
    if unknown:
        raise PackError(f"{path}:1: unknown top-level key(s) {', '.join(sorted(unknown))} (known: rules, style)")
    style = data.get("style")
    if style is not None and not isinstance(style, str):
        raise PackError(f"{path}:1: 'style' names the house style of the pack's rules")
    rules = []
    for spec in data["rules"]:
        line = spec.get("__line__", 1) if isinstance(spec, dict) else 1
        try:
            rules.append(build_rule(spec, style, f"{path}:{line}", USER_TIMEOUT if user else None))
        except (KeyError, TypeError, ValueError, regex.error) as exc:
            problem = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
            raise PackError(f"{path}:{line}: {problem}") from None
    return rules


def _parse_pack(path: Path, user: bool = False) -> Any:
    """A pack file's data, with the phrases of each boilerplate rule already
    expanded (under `__phrases__` and `__companions__`): expanding them is
    most of the work of reading the built-in packs, so it is cached too.
    The first words of every phrase (`__heads__`, for the RE2 hints) are
    cached with them: working them out from 25,000 phrases took 20 ms of
    every run of eight files or more.
    A newsroom's own pack is held to a size and may not use YAML aliases:
    a kilobyte of nested aliases ("billion laughs") would expand to
    gigabytes."""
    import yaml

    text = _pack_text(path)
    try:
        if user:
            _no_aliases(text, path, yaml)
        data = yaml.load(text, Loader=_loaders()[1])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise PackError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    rules = data.get("rules") if isinstance(data, dict) else None
    for spec in rules if isinstance(rules, list) else ():
        if isinstance(spec, dict) and spec.get("kind") == Boilerplate.kind:
            try:
                spec.update({f"__{key}__": PhraseBook.of(_phrase_set(spec.get(key, []))).runs
                             for key in ("phrases", "companions")})
                # One string each, every head after a "\n", sorted: a start
                # reads it whole, and a set's order would change the cache's
                # bytes from build to build.
                spec["__heads__"] = ["".join("\n" + head for head in sorted(heads)) for heads in _heads(
                    {*PhraseBook(spec["__phrases__"]), *PhraseBook(spec["__companions__"])})]
            except (TypeError, ValueError) as exc:
                raise PackError(f"{path}:{spec.get('__line__', 1)}: {exc}") from None
    return data


MAX_PACK_CHARS = 2_000_000  # a newsroom's pack: a few thousand rules at most


def _pack_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PackError(f"{path}: no such pack file") from None
    except IsADirectoryError:
        raise PackError(f"{path}: is a folder, not a pack file") from None
    except OSError as exc:
        raise PackError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PackError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def _no_aliases(text: str, path: Path, yaml) -> None:
    if len(text) > MAX_PACK_CHARS:
        raise PackError(f"{path}: {len(text):,} characters, more than a pack may hold ({MAX_PACK_CHARS:,})")
    for event in yaml.parse(text, Loader=_loaders()[0]):
        if isinstance(event, yaml.AliasEvent):
            raise PackError(f"{path}:{event.start_mark.line + 1}: YAML aliases (*{event.anchor}) are not allowed in a pack")


# Keys the reader adds to a rule's mapping.
_DERIVED = {"__line__", "__phrases__", "__companions__", "__heads__"}
_COMMON = _DERIVED | {"code", "name", "kind", "docs", "severity", "default", "message", "ignorecase", "fix"}


def build_rule(spec: dict[str, Any], style: str | None = None, origin: str = "<pack>",
               timeout: float | None = None) -> Rule:
    """A Rule from one pack entry. Rules of a house-style pack (`style:` at
    the top of the file) run only when the configuration picks that style."""
    if not isinstance(spec, dict):
        raise TypeError("each rule is a mapping")
    kind = spec["kind"]
    cls = KINDS.get(kind)
    if cls is None:
        raise ValueError(f"unknown rule kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    unknown = set(spec) - _COMMON - set(cls.fields)
    if unknown:
        raise ValueError(f"unknown key(s) for kind {kind}: {', '.join(sorted(unknown))}")
    code, name = spec["code"], spec["name"]
    if not CODE_PATTERN.fullmatch(str(code)):
        raise ValueError(f"rule {name!r}: code {code!r} is not {CODE_FORM}")
    docs = spec["docs"]
    attrs = {
        "code": code,
        "name": name,
        "docs": RuleDocs(docs["what"], docs["why"], docs["example"], docs["fix_safety"]),
        "severity": Severity.parse(spec.get("severity", "warning")),
        "default": bool(spec.get("default", True)),
        "spec": spec,
        "style": style,
        "origin": origin,
        "timeout": timeout,
    }
    if "fix" in spec:
        attrs["fixable"] = Applicability(spec["fix"]) if spec["fix"] else None
    rule_cls = type(f"{kind.title()}_{code}", (cls,), attrs)
    return rule_cls()


def fold(words: list[str], ignorecase: bool = True, boundary: bool = True) -> regex.Pattern:
    """One compiled pattern for a whole word list (regex named list)."""
    flags = regex.IGNORECASE | regex.V1 if ignorecase else regex.V1
    core = r"\L<words>"
    if boundary:
        core = r"(?<![\w])" + core + r"(?![\w])"
    return patterncache.compile(core, flags, words=[w for w in words if w])


class PackRule(Rule):
    kind: ClassVar[str]
    timeout: ClassVar[float | None] = None  # seconds per regex call (user packs)
    fields: ClassVar[tuple[str, ...]] = ()
    spec: ClassVar[dict]
    # A newsroom rule's patterns may take this long over one file in all:
    # sixty lines that each stop just short of the per-call timeout must
    # not cost a minute. The engine sets `deadline` before each file.
    BUDGET: ClassVar[float] = 5.0
    deadline: float = float("inf")

    def time_left(self) -> float | None:
        """The timeout for the next regex call: the per-call timeout, or
        what is left of the file's budget when that is less."""
        if self.timeout is None:
            return None
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise PatternTimeout(self)
        return min(self.timeout, left)

    def message(self, default: str, **values: str) -> str:
        return self.spec.get("message", default).format(**values)


class Existence(PackRule):
    kind = "existence"
    fields = ("tokens",)

    def __init__(self):
        if self.timeout is not None:  # a newsroom's own pack: a bad token fails at load, with its line
            self.pattern

    @cached_property
    def pattern(self) -> regex.Pattern:
        """Compiled on first use: a house style's rules may never run."""
        return fold(self.spec["tokens"], self.spec.get("ignorecase", True))

    def check(self, doc):
        for block in doc.blocks:
            for m in self.pattern.finditer(block.text, timeout=self.time_left()):
                yield self.in_block(block, m.start(), m.end(), self.message("avoid {match!r}", match=m.group()))


class Substitution(PackRule):
    kind = "substitution"
    fields = ("swap",)
    fixable = Applicability.UNSAFE

    def __init__(self):
        swap = self.spec["swap"]
        if not isinstance(swap, dict):
            raise TypeError("'swap' is a mapping of wrong -> right")
        ignorecase = self.spec.get("ignorecase", True)
        self.swap = {(k.lower() if ignorecase else k): v for k, v in swap.items() if k != "__line__"}
        self.ignorecase = ignorecase
        if self.timeout is not None:  # a newsroom's own pack: a bad entry fails at load, with its line
            self.pattern

    @cached_property
    def pattern(self) -> regex.Pattern:
        """Compiled on first use: a house style's rules may never run."""
        return fold(list(self.swap), self.ignorecase)

    def check(self, doc):
        applicability = self.fixable or Applicability.UNSAFE
        for block in doc.blocks:
            for m in self.pattern.finditer(block.text, timeout=self.time_left()):
                found = m.group()
                right = self.swap[found.lower() if self.ignorecase else found]
                if found[:1].isupper() and right[:1].islower():
                    right = right[:1].upper() + right[1:]
                msg = self.message("use {right!r} instead of {match!r}", match=found, right=right)
                yield self.in_block(block, m.start(), m.end(), msg, right, applicability)


# Marks that frame a boilerplate phrase without changing it: "Share this:",
# "« Previous post", "Next article →", "• Tags".
_FRAME = " \t\u00a0:.!?|»«›‹><-–—…→←•·"
# Trailing punctuation a pattern need not spell out.
_CLOSING = " \t\u00a0.!?:;…"
_BRACES = patterncache.compile(r"\{([^{}]*)\}")
_MAX_EXPANSION = 50_000


class Boilerplate(PackRule):
    """A whole paragraph of boilerplate. Exact known phrases are removed by a
    safe fix; paragraphs that only match a pattern get an unsafe fix. A
    paragraph of several lines counts when every line is boilerplate (share
    buttons pasted as "Share\\nTweet\\nEmail"). A `companion` ("Facebook")
    counts only beside other boilerplate of the rule: next to a flagged
    paragraph or a different companion, or with them in one paragraph. Alone
    it is too often a real word (a label over an embedded post, a list item).
    `triggers` keep the patterns off lines that cannot match: a line is only
    tried when it starts with a "^trigger", ends with a "trigger$" or
    contains any other trigger (case and spacing folded as for phrases)."""

    kind = "boilerplate"
    fields = ("phrases", "patterns", "companions", "triggers", "max_words")
    fixable = Applicability.SAFE

    def __init__(self):
        self.phrases, self.companions = (self._expanded(key) for key in ("phrases", "companions"))
        self.patterns = [str(p) for p in self.spec.get("patterns", [])]
        if self.timeout is not None:  # a newsroom's own pack: a bad pattern fails at load, with its line
            self.pattern
        self.triggers = _Triggers.parse([str(t) for t in self.spec.get("triggers", [])])
        self.max_words = int(self.spec.get("max_words", 40))
        _GATE.add(self)

    def _expanded(self, key: str) -> PhraseBook:
        """Every phrase of `key` expanded, as the pack reader left them."""
        found = self.spec.get(f"__{key}__")
        return PhraseBook(found) if found is not None else PhraseBook.of(_phrase_set(self.spec.get(key, [])))

    @cached_property
    def heads(self) -> tuple[frozenset[str], frozenset[str]]:
        """For the RE2 hints (_hints), made after a few documents."""
        found = self.spec.get("__heads__")
        if found is not None:
            return tuple(frozenset(heads.split("\n")[1:]) for heads in found)
        return _heads({*self.phrases, *self.companions})

    @cached_property
    def pattern(self) -> regex.Pattern | None:
        """Compiled on first use: most articles never reach it."""
        return _compile(self.patterns) if self.patterns else None

    def __setstate__(self, state: dict) -> None:
        # A copy (copy, pickle) is made without __init__: it joins the gate here.
        self.__dict__.update(state)
        _GATE.add(self)

    def check(self, doc):
        candidates = _GATE.candidates(doc)
        # Most documents hold no candidate: answer at once, without a generator.
        return self._report(doc, candidates) if candidates else ()

    def _report(self, doc, candidates: list[int]):
        grades = {i: self.grade_block(doc.blocks[i]) for i in candidates}
        flagged: list[tuple[int, Applicability]] = []
        for i in candidates:
            grade = grades[i]
            if grade is not None and not isinstance(grade, Applicability):  # a lone companion
                neighbours = (grades.get(i - 1), grades.get(i + 1))
                if not any(g is not None and g != grade for g in neighbours):
                    continue
                grade = Applicability.UNSAFE
            if grade is not None:
                flagged.append((i, grade))
        for first, last, grade in _glued_runs(doc, flagged):
            blocks = doc.blocks[first : last + 1]
            msg = self.message("boilerplate paragraph {match!r}", match=_clip("\n".join(b.text for b in blocks)))
            yield self.diagnostic(blocks[0].source_start, blocks[-1].source_end, msg,
                                  Fix((doc.removal(blocks[0], blocks[-1]),), grade))

    def grade_block(self, block: Block) -> Applicability | str | None:
        if block.kind not in _BOILERPLATE_KINDS:
            return None
        return self.grade(block.text, companions=block.kind != "list")

    def grade(self, text: str, companions: bool = True) -> Applicability | str | None:
        """SAFE when every line is a known phrase, UNSAFE when every line is a
        phrase, a pattern match or a companion (companions need company: a
        paragraph that is one companion alone, maybe repeated, gives its
        normalised text), None when some line is not boilerplate. A
        paragraph of several lines is also read as one line, as a wrapped
        one was written ("Disclosure: ... from some of the products" /
        "featured on this page.")."""
        found = self._graded_lines(text, companions)
        if found is None and _wrapped(text):
            found = self._graded_lines(_unwrapped(text), companions)
        return found

    def _graded_lines(self, text: str, companions: bool) -> Applicability | str | None:
        lines = _lines(text)
        if not lines or lines[0] > self.max_words:
            return None
        worst, alone = Applicability.SAFE, set()
        for key, probe in lines[1]:
            if key in self.phrases:
                continue
            if companions and key in self.companions:
                worst = Applicability.UNSAFE
                alone.add(key)
                continue
            if self.matches(key, probe):
                worst = Applicability.UNSAFE
                continue
            return None
        if len(alone) == 1 and all(key in alone for key, _ in lines[1]):
            return alone.pop()
        return worst

    def matches(self, key: str, probe: str) -> bool:
        """Does a line match one of the patterns? Triggers first: they are
        cheap, the patterns are not."""
        if not self.patterns or not self.triggers.fire(key):
            return False
        try:
            return self.pattern.fullmatch(probe, timeout=self.time_left()) is not None
        except TimeoutError:
            raise PatternTimeout(self) from None


class _Triggers:
    """Cheap tests a line must pass before a rule's patterns are tried:
    prefixes ("^read more"), suffixes ("read more$") and substrings ("©").
    No triggers at all means every line is tried."""

    def __init__(self, prefixes: tuple[str, ...], suffixes: tuple[str, ...], inside: tuple[str, ...]):
        self.prefixes, self.suffixes, self.inside = prefixes, suffixes, inside
        self.always = not (prefixes or suffixes or inside)

    @classmethod
    def parse(cls, triggers: list[str]) -> "_Triggers":
        prefixes = tuple(_fold(t[1:]) for t in triggers if t.startswith("^"))
        suffixes = tuple(_fold(t[:-1]) for t in triggers if t.endswith("$") and not t.startswith("^"))
        inside = tuple(_fold(t) for t in triggers if not t.startswith("^") and not t.endswith("$"))
        return cls(prefixes, suffixes, inside)

    @classmethod
    def union(cls, all_triggers: list["_Triggers"]) -> "_Triggers":
        if any(t.always for t in all_triggers):
            return cls((), (), ())
        return cls(*(tuple(sorted({x for t in all_triggers for x in getattr(t, part)})) for part in ("prefixes", "suffixes", "inside")))

    def fire(self, key: str) -> bool:
        if self.always or key.startswith(self.prefixes) or key.endswith(self.suffixes):
            return True
        for part in self.inside:  # a plain loop: any() over a generator costs more
            if part in key:
                return True
        return False


_BOILERPLATE_KINDS = ("paragraph", "list", "heading")
_MAX_CHARS = 400


def _compile(patterns: list[str]) -> regex.Pattern:
    return patterncache.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE | regex.V1)


def _wrapped(text: str) -> bool:
    """Does a paragraph hold several lines? (The readers keep lines in one
    paragraph where they run on, as a wrap does.)"""
    return "\n" in text.strip()


def _unwrapped(text: str) -> str:
    """A paragraph's lines joined by spaces, as one line."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=4096)
def _lines(text: str) -> tuple[int, tuple[tuple[str, str], ...]] | None:
    """The word count and the (phrase key, pattern probe) of every line of a
    paragraph short enough to be boilerplate, else None."""
    text = text.strip()
    if not text or len(text) > _MAX_CHARS:
        return None
    if "\n" not in text:
        lines = ((_normalise(text), text.rstrip(_CLOSING)),)
    else:
        lines = tuple((_normalise(line), line.strip().rstrip(_CLOSING)) for line in text.splitlines() if line.strip())
    return sum(key.count(" ") + 1 for key, _ in lines), lines  # keys hold single spaces


class _Gate:
    """The paragraphs of a document that could be boilerplate for any
    boilerplate rule, found in one pass for all of them: every line is a
    phrase or companion of some rule, or matches some rule's patterns. Each
    rule then grades only those few paragraphs, so ten rules cost about as
    much as one on copy without boilerplate."""

    def __init__(self):
        self.rules: weakref.WeakSet[Boilerplate] = weakref.WeakSet()
        self.version = 0
        self.built = -1
        self.phrase_books: list[PhraseBook] = []
        self.with_patterns: list[Boilerplate] = []
        self.triggers = _Triggers((), (), ())
        self.hints = None
        self.hints_due = 0  # documents left to test in full before the hints are made

    def add(self, rule: Boilerplate) -> None:
        self.rules.add(rule)
        self.version += 1

    def _sync(self) -> None:
        if self.built != self.version:
            rules = list(self.rules)
            # Each rule's own phrase books: their union would build every set at every start.
            self.phrase_books = [s for r in rules for s in (r.phrases, r.companions) if s.runs]
            self.with_patterns = [r for r in rules if r.patterns]
            self.triggers = _Triggers.union([r.triggers for r in self.with_patterns])
            self.hints, self.hints_due = None, _HINTS_AFTER
            self.built = self.version

    def candidates(self, doc) -> list[int]:
        self._sync()
        return doc.memo("boilerplate", self.built, self._find)

    def prepare(self) -> None:
        """Make the hints now if they are still due."""
        self._sync()
        if self.hints_due > 0:
            self._make_hints()

    def _make_hints(self) -> None:
        self.hints_due = 0
        self.hints = _hints(list(self.rules), self.triggers)

    def _find(self, doc) -> list[int]:
        # This pass tries every rule's patterns, inside whichever rule asked
        # first: each newsroom rule's time for the file starts here.
        deadline = time.monotonic() + PackRule.BUDGET
        for rule in self.with_patterns:
            rule.deadline = deadline
        if self.hints_due > 0:
            self.hints_due -= 1
            if not self.hints_due:
                self._make_hints()
        blocks = doc.blocks
        several, one = [], []  # short paragraphs of several lines, of one line
        hinted = self.hints is not None
        for i, block in enumerate(blocks):
            text = block.text
            size = len(text)
            if size > _MAX_CHARS and (size > _MAX_CHARS + 200 or len(text.strip()) > _MAX_CHARS):
                continue
            if block.kind in _BOILERPLATE_KINDS:
                (one if hinted and "\n" not in text else several).append(i)
        # A paragraph of one line needs a hint to pass _maybe: look for one in
        # all of them at once, then in each.
        if len(one) > 1 and not self._hinted("\n".join(blocks[i].text for i in one)):
            one = []
        if one:
            several = sorted(several + [i for i in one if self._hinted(blocks[i].text)])
        return [i for i in several if self._maybe(blocks[i].text)]

    def _hinted(self, text: str) -> bool:
        try:
            return bool(self.hints.Match(text.lower().encode("utf-8")))
        except UnicodeEncodeError:  # lone surrogates: RE2 takes UTF-8 only
            return True

    def _maybe(self, text: str) -> bool:
        return self._maybe_lines(text) or (_wrapped(text) and self._maybe_lines(_unwrapped(text)))

    def _maybe_lines(self, text: str) -> bool:
        if len(text) > _MAX_CHARS + 200:  # clearly too long: skip the cache
            return False
        lines = _lines(text)
        if not lines:
            return False
        for key, probe in lines[1]:
            if _known(key, self.phrase_books):
                continue
            if not self.triggers.fire(key) or not any(r.matches(key, probe) for r in self.with_patterns):
                return False
        return True


def _known(key: str, books: list[PhraseBook]) -> bool:
    for phrases in books:  # a plain loop: any() over a generator costs more
        if key in phrases:
            return True
    return False


_GATE = _Gate()
# The hints are made (a few milliseconds) once this many documents have been
# tested in full, so that a run over a few files does not pay for them.
_HINTS_AFTER = 8


def prepare_hints() -> None:
    """Make the boilerplate rules' hints now instead of at the document
    they fall due on: a long-lived process (the language server) pays for
    them once its rules are loaded, not in the middle of typing."""
    _GATE.prepare()


# Hints, for RE2 over lower-cased text: a line that could be boilerplate is a
# one-word phrase, starts with the first two words of a longer phrase or
# with a "^trigger", ends with a "trigger$" or holds another trigger. White
# space (any run of it, even non-ASCII) and apostrophes are folded and
# framing marks skipped as for phrases, so every paragraph of one line that
# _Gate._maybe takes has a hint (many with a hint are not taken).
_HINT_SPACE = r"[\t-\r\x1c-\x20\x{80}-\x{10FFFF}]"
_HINT_FRAME = "[" + _HINT_SPACE[1:-1] + "".join(re.escape(c) for c in _FRAME if c.isascii() and not c.isspace()) + "]"


def _heads(keys: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The one-word phrases, and the first two words of the longer ones."""
    one_word = frozenset(k for k in keys if " " not in k)
    return one_word, frozenset(k if (end := k.find(" ", k.find(" ") + 1)) < 0 else k[:end] for k in keys - one_word)


def _hint(phrase: str) -> str:
    """A folded phrase as an RE2 pattern over lower-cased text."""
    return (_HINT_SPACE + "+").join(re.escape(word).replace("'", "(?:'|’|‘)") for word in phrase.split(" "))


def _hints(rules: list[Boilerplate], triggers: _Triggers):
    """An RE2 set that finds the hints in a text, or None when there is no
    RE2 or a rule has no triggers (then any line may match its patterns)."""
    if triggers.always:
        return None
    try:
        import re2
    except ImportError:
        return None
    one_word = frozenset().union(*(r.heads[0] for r in rules))
    # Longer phrases and "^triggers" grouped by first word: RE2 compiles that faster.
    by_first: dict[str, set[str]] = {}
    for head in frozenset().union(*(r.heads[1] for r in rules), triggers.prefixes):
        first, _, rest = head.partition(" ")
        by_first.setdefault(first, set()).add(rest)
    starts = ["(?:" + "|".join(map(_hint, sorted(one_word))) + ")" + _HINT_FRAME + "*$"] if one_word else []
    for first, rests in sorted(by_first.items()):
        rest = "" if "" in rests else _HINT_SPACE + "+(?:" + "|".join(map(_hint, sorted(rests))) + ")"
        starts.append(_hint(first) + rest)
    patterns = ["(?m)^" + _HINT_FRAME + "*(?:" + "|".join(starts) + ")"] if starts else []
    if triggers.suffixes:
        patterns.append("(?m)(?:" + "|".join(map(_hint, triggers.suffixes)) + ")" + _HINT_FRAME + "*$")
    if triggers.inside:
        patterns.append("|".join(map(_hint, triggers.inside)))
    options = re2.Options()
    options.never_capture = True
    options.max_mem = 64 << 20
    hints = re2.Set.SearchSet(options)
    try:
        for pattern in patterns:
            hints.Add(pattern)
        hints.Compile()
    except re2.error:  # a phrase RE2 cannot take: every paragraph gets the full test
        return None
    return hints


def _phrase_set(phrases: list[str]) -> set[str]:
    """Every expansion of `phrases`, normalised. Case and apostrophes are
    folded once per phrase, before expanding: character by character, that
    is the same as folding every expansion."""
    return {" ".join(v.split()).strip(_FRAME) for p in phrases for v in expand(_fold_characters(str(p)))}


def expand(phrase: str) -> list[str]:
    """A phrase with `{a|b|}` groups stands for every combination of choices:
    "Share {on|to} {Facebook|Twitter}" is four exact phrases."""
    parts = _BRACES.split(str(phrase))
    choices = [part.split("|") if i % 2 else [part] for i, part in enumerate(parts)]
    total = 1
    for options in choices:
        total *= len(options)
    if total > _MAX_EXPANSION:
        raise ValueError(f"phrase {phrase!r} expands to {total} phrases (limit {_MAX_EXPANSION})")
    return ["".join(combo) for combo in itertools.product(*choices)]


def _normalise(text: str) -> str:
    return _fold(text).strip(_FRAME)


def _fold(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return " ".join(_fold_characters(text).split())


def _fold_characters(text: str) -> str:
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def _glued_runs(doc, flagged: list[tuple[int, Applicability]]):
    """(first, last, grade) of each run of blocks flagged with one grade on
    consecutive lines: a share bar or a comment form pasted one line a
    button is one finding."""
    run = None
    for i, grade in flagged:
        if run and run[1] == i - 1 and run[2] == grade and doc.glued(doc.blocks[i - 1], doc.blocks[i]):
            run = (run[0], i, grade)
            continue
        if run:
            yield run
        run = (i, i, grade)
    if run:
        yield run


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


KINDS: dict[str, type[PackRule]] = {cls.kind: cls for cls in (Existence, Substitution, Boilerplate)}


def register_kind(cls: type[PackRule]) -> type[PackRule]:
    KINDS[cls.kind] = cls
    return cls
