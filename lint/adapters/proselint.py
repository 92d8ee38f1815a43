"""proselint as a rule pack: one copydesk rule (PLnnn) per proselint check path.

proselint 0.16 runs through its library API. Its checks are registered once
per process in its CheckRegistry (a singleton: registering twice would run
every check twice). Each copydesk rule runs only the checks of its own path,
so a check that is not selected costs nothing.

proselint sees prose only: the text of the document's blocks joined by blank
lines (paragraph-level checks such as "a paragraph starts with But" need
them), wrapped in a newline on each side as proselint's LintFile does. Spans
map back to blocks, then through Block.span / Block.edit to source offsets,
so markup never reaches proselint and every diagnostic lands on the exact
source characters. Findings inside quotations are skipped unless the check
allows quotes, as proselint does.

Every proselint check scans the whole text (about 0.01 s per MB each, most
of it call overhead; a few take ten times that), and most find nothing in
most articles. So a check runs only where a gate says it can match: the
checks that are on by default share one RE2 set of their patterns, read
from a snapshot so that proselint is not even imported for an article none
of them can match; every other check is gated, check by check, by one RE2
set of all their patterns built from proselint itself when one of them is
selected (proselint_gates.py). A check that passes runs as proselint runs
it, over the whole text, so its findings are proselint's.

Codes come from rules/lexicons/proselint_codes.yml so they never shift when
proselint adds checks. proselint itself is imported only when a PL rule runs
or its docs are read, so listing and selecting rules stays cheap.
"""

from __future__ import annotations

import importlib
import pkgutil
from bisect import bisect_left, bisect_right
from functools import cached_property, lru_cache
from itertools import chain

from ..core.document import quotation_spans
from ..core.model import Applicability, Severity
from ..core.rule import Rule, RuleDocs
from ..packs.pack import lexicon
from ..speed import patterncache
from ..speed.lazy import lazy_re
from ..speed.prefilter import per_doc

# Blocks are joined with a blank line, as paragraphs are in a plain text.
_JOIN = "\n\n"
# A replacement proselint gives as a regex fragment ("[\\.\\?!] \\w") is not
# text to put in an article; simple escapes ("U\\.S\\.") are unescaped.
_ESCAPE = patterncache.compile(r"\\([.\-'&,])")
_REGEX_SYNTAX = patterncache.compile(r"[\\\[\](){}|*+?^$]")
_SURROGATE = patterncache.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def table() -> dict[str, dict]:
    """proselint check path -> its entry in the stable code table."""
    return lexicon("proselint_codes")["checks"]


@lru_cache(maxsize=1)
def checks_by_path() -> dict[str, tuple]:
    """Every proselint check, grouped by path, registered once per process."""
    import proselint.checks
    from proselint.registry import CheckRegistry

    registry = CheckRegistry()
    ours = proselint.checks.__register__
    present = {id(c) for c in registry.checks}
    if not all(id(c) in present for c in ours):
        registry.register_many(tuple(c for c in ours if id(c) not in present))
    grouped: dict[str, list] = {}
    seen: set[int] = set()
    for check in registry.checks:
        if id(check) not in seen:  # registered twice elsewhere: run it once
            seen.add(id(check))
            grouped.setdefault(check.path, []).append(check)
    return {path: tuple(checks) for path, checks in grouped.items()}


class _Gate:
    """One RE2 set holding the patterns of the default checks, exactly as
    proselint compiles them, so one scan tells which checks can match."""

    def __init__(self, gated, pairs):
        import re2

        self.gated = set(gated)
        self.owners = [path for path, _ in pairs]
        self.set = None
        if pairs:
            self.set = re2.Set.SearchSet(gate_options())
            for _, pattern in pairs:
                self.set.Add(pattern)
            self.set.Compile()

    def possible(self, content: str) -> frozenset[str]:
        """The gated paths whose checks may find something in `content`."""
        hits = self.set.Match(content) if self.set is not None else None
        return frozenset(self.owners[i] for i in hits) if hits else frozenset()


def gate_options():
    """RE2 options as proselint's RegexOptions(case_insensitive=False).re2_opts
    (case is folded inline, per pattern)."""
    import re2

    options = re2.Options()
    options.perl_classes = options.word_boundary = options.never_capture = True
    options.case_sensitive = options.one_line = True
    return options


def gate_patterns(paths) -> dict:
    """From proselint itself: the checks among `paths` that can be gated and
    their (path, pattern) pairs. A check whose patterns cannot be pooled
    (function checks, the Python `re` engine, consistency pairs) is not."""
    gated: list[str] = []
    pairs: list[list[str]] = []
    for path in paths:
        found = [_patterns(check) for check in checks_by_path().get(path, ())]
        if not found or any(p is None for p in found):
            continue
        gated.append(path)
        pairs += [[path, pattern] for group in found for pattern in group]
    return {"gated": gated, "patterns": pairs}


@lru_cache(maxsize=1)
def gate() -> _Gate:
    """The gate over the checks that are on by default, built from a snapshot
    of their patterns (rules/lexicons/proselint_gate.yml, which
    tests/test_proselint.py keeps equal to gate_patterns()): proselint itself
    is loaded only for an article that one of them may match."""
    snapshot = lexicon("proselint_gate")
    return _Gate(snapshot["gated"], snapshot["patterns"])


def _patterns(check) -> list[str] | None:
    """The patterns a check searches for, case folded inline, or None when
    the check is not a plain pattern search on proselint's RE2 engine."""
    from proselint.registry.checks import types
    from proselint.registry.checks.engine import Fast

    if not isinstance(check.engine, Fast) or check.engine.opts.multi_line:
        return None
    kind = check.check_type
    if isinstance(kind, types.ExistenceSimple):
        found = [kind.pattern]
    elif isinstance(kind, (types.Existence, types.PreferredForms, types.PreferredFormsSimple)):
        found = [kind.padding.format(item) for item in kind.items]  # a dict's items are its keys
    else:
        return None
    fold = "(?i)" if check.engine.opts.case_insensitive else ""
    return [fold + p for p in found]


class _Prepared:
    """One document as proselint sees it: the prose of its blocks joined
    and wrapped in newlines as LintFile does, with the offset where each
    block starts."""

    def __init__(self, doc):
        self.blocks = [b for b in doc.blocks if b.text and not b.text.isspace()]
        self.starts: list[int] = []
        pos = 1  # after the newline put before the text
        for block in self.blocks:
            self.starts.append(pos)
            pos += len(block.text) + len(_JOIN)
        self.content = encodable("\n" + _JOIN.join(b.text for b in self.blocks) + "\n") if self.blocks else ""
        self._possible: frozenset[str] | None = None
        self._bounds: tuple[int, ...] | None = None  # proselint's quotes in `content`
        self._quotes: dict[int, tuple[tuple[int, int], ...]] = {}

    def possible(self) -> frozenset[str]:
        if self._possible is None:
            self._possible = gate().possible(self.content)
        return self._possible

    def locate(self, start: int, end: int):
        """(index, block, start, end) in block prose for a content span, or
        None when the span is not inside one block."""
        i = bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        block = self.blocks[i]
        s, e = start - self.starts[i], end - self.starts[i]
        if e > len(block.text):
            return None
        return i, block, s, e

    def quoted(self, i: int, start: int) -> bool:
        """Is prose offset `start` of block `i` inside a quotation, by
        copydesk's pairing of quotes (which knows that news style leaves a
        quotation open across paragraphs) or by proselint's (which also
        pairs single quotes)? proselint's quotations are found only now:
        they cost more than all the default checks together."""
        spans = self._quotes.get(i)
        if spans is None:
            spans = self._quotes[i] = tuple(quotation_spans(self.blocks[i].text))
        if any(s <= start < e for s, e in spans):
            return True
        if self._bounds is None:
            self._bounds = quote_bounds(self.content)
        return bisect_left(self._bounds, self.starts[i] + start) % 2 == 1  # LintFile.is_quoted_pos


def quote_bounds(content: str) -> tuple[int, ...]:
    """proselint's LintFile.quote_bounds of `content` (the text wrapped in
    newlines): its find_spans over a pattern that matches where its
    QUOTE_PATTERN does. That one, `\\B[quotes]|[quotes]\\B`, tries a word
    boundary at every character; this one finds a quote character first
    and then asks whether a letter or digit stands on both sides of it
    (the same bounds, tests/test_proselint_quotes.py, several times
    faster)."""
    from proselint.tools import check_matching_quotes, find_spans

    return tuple(chain.from_iterable(find_spans(content, _QUOTES.compiled, check_matching_quotes)))


# proselint.tools.QUOTES, not between two word characters.
_QUOTES = lazy_re("[\"'\u201c\u201d\u2018\u2019](?!(?<=\\w.)\\w)")


def encodable(text: str) -> str:
    """`text` with lone surrogates (left by a bad decoder) as U+FFFD: RE2
    works on UTF-8, and one code point for another keeps every offset."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def prepared(doc) -> _Prepared:
    """The shared proselint view of `doc`, built once for all PL rules."""
    return doc.memo("proselint", 0, _Prepared)


def _replacement(text: str | None, found: str) -> str | None:
    """proselint's suggestion as plain text, capitalised like the flagged
    words unless the suggestion is about capitals; None when there is
    nothing usable to offer."""
    if not text:
        return None
    text = _ESCAPE.sub(lambda m: m[1], text)  # (a template would import regex's Python half to parse it)
    if _REGEX_SYNTAX.search(text) or "' or " in text:
        return None
    if text.lower() != found.lower() and found[:1].isupper() and text[:1].islower():
        text = text[:1].upper() + text[1:]
    return None if text == found else text


class _PathGate:
    """A rule's gate: does the document hold prose in which a check at
    `path` may match?"""

    def __init__(self, path: str):
        self.path = path

    def passes(self, doc) -> bool:
        return bool(self.select([doc], {}))

    def select(self, docs, batch: dict) -> list[int]:
        """The indices of `docs` that pass. What the gates say of a document
        is worked out once for the batch, for all the PL rules."""
        path = self.path
        if path in gate().gated:
            return [i for i, possible in enumerate(per_doc(docs, batch, "proselint checks", 0, _possible))
                    if path in possible]
        views = per_doc(docs, batch, "proselint plan", 0, _PlanView)
        if path in _plan().pattern_paths:  # gated by its patterns alone: it passes where one matched
            return [i for i, view in enumerate(views) if path in view.paths]
        return [i for i, view in enumerate(views) if view.passes(path)]


def checks_to_run(doc, path: str) -> tuple:
    """The checks at `path` whose gates pass on `doc`."""
    if path in gate().gated:
        return checks_by_path().get(path, ()) if path in doc.memo("proselint checks", 0, _possible) else ()
    return doc.memo("proselint plan", 0, _PlanView).checks(path)


def _possible(doc) -> frozenset[str]:
    """The default checks the snapshot's RE2 gate says may match in `doc`."""
    view = prepared(doc)
    return view.possible() if view.content else frozenset()


class _PlanView:
    """What the gates of the checks outside the snapshot (proselint_gates.py)
    say of one document: its RE2 sets are matched once, a Python gate when
    its check is asked about."""

    __slots__ = ("plan", "content", "matched", "paths", "tested")

    def __init__(self, doc):
        self.plan = plan = _plan()
        self.content = prepared(doc).content
        self.matched = plan.matched(self.content) if self.content else frozenset()
        self.paths = frozenset(plan.checks[i].path for i in self.matched)
        self.tested: dict[int, bool] = {}

    def passes(self, path: str) -> bool:
        if path in self.paths:
            return True
        indices = self.plan.by_path.get(path)
        if indices is None:  # under no gate: it runs on any prose
            return bool(self.content)
        return path in self.plan.python_paths and any(self._python(i) for i in indices if i in self.plan.python)

    def checks(self, path: str) -> tuple:
        indices = self.plan.by_path.get(path)
        if indices is None:
            return checks_by_path().get(path, ()) if self.content else ()
        return tuple(self.plan.checks[i] for i in indices if i in self.matched or self._python(i))

    def _python(self, i: int) -> bool:
        found = self.tested.get(i)
        if found is None:
            found = self.tested[i] = bool(self.content) and self.plan.passes(i, self.content, self.matched)
        return found


@lru_cache(maxsize=1)
def _plan():
    """The gates of every check outside the snapshot (built on first use)."""
    from .proselint_gates import plan

    return plan(tuple(p for p in table() if p not in gate().gated and p in checks_by_path()))


class ProselintRule(Rule):
    """A PL rule: one per proselint check path in the code table. (Instances,
    not a class per check: making a hundred classes was a fiftieth of a cold start.)"""

    severity = Severity.WARNING
    origin = "proselint"
    text_only = True  # proselint reads every block's text (_Prepared)

    def __init__(self, path: str, entry: dict):
        self.path, self.entry = path, entry
        self.code = entry["code"]
        self.name = f"proselint.{path}"
        self.default = bool(entry.get("default", False))
        self.gate = _PathGate(path)
        self.fixable = Applicability.UNSAFE if entry.get("fix") else None

    @cached_property
    def _pieces(self):
        """Where in a text this rule's check may match, if it runs piece by
        piece (proselint_gates.REGIONS), else None."""
        from .proselint_gates import REGIONS

        return REGIONS.get(self.path)

    @cached_property
    def docs(self) -> RuleDocs:
        """Built from proselint's own description of the check on first use,
        so building the registry does not import proselint."""
        return _docs(self.path, self.entry)

    def check(self, doc):
        view = prepared(doc)
        adjust = _ADJUST.get(self.path)
        for check in checks_to_run(doc, self.path):
            shift = _start_shift(check)
            for result in _results(check, view.content, self._pieces):
                span = result.span
                if adjust is not None:
                    span = adjust(check, view.content, *span)
                    if span is None:
                        continue
                yield from self._diagnostic(view, check, result, shift, span)

    def _diagnostic(self, view: _Prepared, check, result, shift: int, span: tuple[int, int]):
        start, end = span
        located = view.locate(start - shift, end)
        if located is None:
            return
        i, block, s, e = located
        if not check.flags.allow_quotes and view.quoted(i, s):
            return
        text = block.text
        replacement = None
        if result.replacements:
            # The suggestion stands for the flagged words without the white
            # space some patterns take with them.
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            replacement = _replacement(result.replacements, text[s:e])
        if replacement is None:
            yield self.in_block(block, s, e, result.message)
        else:
            yield self.in_block(block, s, e, result.message, replacement, Applicability.UNSAFE)


def _results(check, content: str, pieces=None):
    """check.check_with_flags(content): over the whole text, or over the
    `pieces` of it where the check may match (proselint_gates.REGIONS),
    which finds the same where no threshold counts the findings against the
    text's length."""
    if pieces is None or check.flags.ppm_threshold:
        return check.check_with_flags(content)
    return (result._replace(span=(result.span[0] + start, result.span[1] + start))
            for start, end in pieces(content) for result in check.check_with_flags(content[start:end]))


# A time's hour and minutes before the figures a pattern found: "7:12", "10.30".
_TIME_HEAD = patterncache.compile(r"\d{1,2}[:.]$")


def _midnight_noon(check, content: str, start: int, end: int) -> tuple[int, int] | None:
    """proselint's `12 ?[ap]\\.?m\\.?` has no boundaries: it reads the minutes
    of "7:12 PM" and "10.12pm", the "12" of "112 am" and the "am" of "12
    amps" as a 12 o'clock. Keep only an hour of 12 followed by a whole
    am/pm. Its redundancy patterns ("7am in the morning") are right about
    "10:30 am in the morning" too, but found it from the minutes: the span
    then takes in the whole time."""
    from proselint.registry.checks import types

    head = _TIME_HEAD.search(content, max(0, start - 3), start)
    if isinstance(check.check_type, types.ExistenceSimple):  # '12 a.m.' / '12 p.m.'
        if head or content[start - 1 : start].isdigit() or content[end : end + 1].isalpha():
            return None
        return start, end
    return (head.start() if head else start), end


# Checks whose matches need a guard proselint lacks: path -> (check, content,
# start, end) -> the span to report, or None to drop the match.
_ADJUST = {"dates_times.am_pm.midnight_noon": _midnight_noon}


def _start_shift(check) -> int:
    """proselint 0.16 reports the words a restricted-vocabulary check finds
    one character late ("ommittee" for "committee"); undo that."""
    from proselint.registry.checks import types

    return 1 if isinstance(check.check_type, types.ReverseExistence) else 0


@lru_cache(maxsize=1)
def _modules() -> dict[int, object]:
    """id(check) -> the proselint module that defines it."""
    import proselint.checks

    checks_by_path()
    found = {}
    for info in pkgutil.walk_packages(proselint.checks.__path__, "proselint.checks."):
        if info.ispkg:
            continue
        module = importlib.import_module(info.name)
        for check in getattr(module, "__register__", ()):
            found[id(check)] = module
    return found


def _describe(module) -> tuple[str, str]:
    """(title, source) from a proselint check module's docstring."""
    doc = (getattr(module, "__doc__", "") or "").strip()
    title = doc.splitlines()[0].strip() if doc else ""
    source = ""
    for line in doc.splitlines():
        if line.startswith("source:"):
            source = line.split(":", 1)[1].strip()
    return title, source


def _docs(path: str, entry: dict) -> RuleDocs:
    checks = checks_by_path().get(path, ())
    title, source = _describe(_modules().get(id(checks[0]))) if checks else ("", "")
    messages = sorted({c.message.replace("{}", "…") for c in checks})
    what = (f"Runs proselint's `{path}` check ({title.rstrip('.') or path}). "
            f"It says: {' / '.join(messages)}")
    clean = entry.get("clean")
    measured = (f"On the clean news corpora (2,386 articles) it made {clean} finding(s) "
                f"when last measured (bench/acc_proselint.py)." if clean is not None else "")
    state = "It is on by default." if entry.get("default") else "It is off by default; select it to use it."
    why = " ".join(p for p in (
        f"proselint collects usage advice from style guides{f' ({source})' if source and source != '???' else ''}.",
        measured, entry.get("note", ""), state) if p)
    example = f"```\n{entry.get('example', '').strip()}\n```"
    if any(_fixes(c) for c in checks):
        fix = ("Unsafe: proselint's suggestion replaces the flagged words, but it does not "
               "read the sentence; an editor should confirm it.")
    else:
        fix = "No fix: proselint reports the words without a replacement."
    return RuleDocs(what, why, example, fix)


def _fixes(check) -> bool:
    """Does the check offer a suggestion that can stand in the text?"""
    from proselint.registry.checks import types

    kind = check.check_type
    if isinstance(kind, (types.PreferredForms, types.PreferredFormsSimple)):
        return any(_replacement(text, "") for text in kind.items.values())
    if isinstance(kind, types.Consistency):
        return any(_replacement(text, "") for pair in kind.term_pairs for text in pair)
    return check.path in _FIXING_FUNCTIONS


# Checks written as functions that return proselint's preferred forms.
_FIXING_FUNCTIONS = frozenset({"misc.waxed", "terms.venery"})


def rules() -> list[Rule]:
    """One rule per check path in the code table."""
    return [ProselintRule(path, entry) for path, entry in table().items() if not entry.get("retired")]
