"""The `consistency` kind of YAML rule: one thing written one way per article.

    - code: STY001
      name: style.us-abbreviation
      kind: consistency
      forms:                      # the ways of writing it, each a list of spellings
        dotted: ["U.S."]
        plain: ["US"]
      exclude: ["US$"]            # names and symbols that are not the thing
      prefer: dotted              # optional: the house form

The spellings of the forms run in parallel: the n-th spelling of one form
stands for the n-th spelling of every other ("Mr" <-> "Mr.", "Mrs" <->
"Mrs."), so a form may be a whole convention. Without `prefer`, an article
whose body mixes forms gets a finding on each spelling of the minority form,
with the majority's spelling as an unsafe fix; on a tie the form the body
uses second is reported, with no fix: there is no majority to follow. The
message names the spellings the article uses, as written, with their
counts. With `prefer` (house-style packs), every spelling of another form
is reported with the house form as the fix, mixed or not.

Only the article's own voice counts: headings and all-capital crossheads
(headline style often drops the dots), quotations, verbatim blocks (quoted
posts and documents), code and tables, paragraphs narrated in the first
person (a reader's comment, a letter) and stray captions (what CAP001 and
CAP002 remove: a wire's caption keeps the wire's style) are neither counted
nor reported. `ignorecase` (default false) folds
case, so sentence-initial "E-mail" counts as "e-mail", while a capital inside
a sentence marks a name ("the firm Email Systems") that does not count; keep
it false where case tells things apart ("US" and "us", "labour" and the party
"Labour"). `after` is a regex the text before a spelling must end with (a
figure before "%" or " per cent"); a space in a spelling also matches a line
break (a wrapped paragraph) or a non-breaking space, which a fix keeps.
`supersedes` names the rule of the default
set a house rule stands in for, so that choosing the style can switch that
rule off.

Speed: most articles use at most one form of each thing, and those need no
scan at all. One RE2 set holding every spelling of every consistency rule
(RE2 is there anyway: proselint runs on it) finds, in one pass over an
article's body, which spellings of which rules occur as plain text (one
RE2 call a block: whether a block counts as the article's own voice, its
narration, is read only where a spelling is). A rule scans only when two
of its forms occur (with `prefer`: any other form), and then only the
blocks holding them, for the spellings found, each with its own bounded
pattern; where two overlap ("Mr" in "Mr.") the longer wins.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from functools import cached_property
from typing import ClassVar, NamedTuple

from ..adapters.proselint import encodable
from ..checks.captions import stray_captions
from ..core import engine
from ..core.document import quotation_spans
from ..core.model import Applicability, Diagnostic, Edit, Fix, Severity
from ..core.rule import StandIn
from ..speed import patterncache
from ..speed.lazyregex import regex
from ..speed.patterncache import compile_re
from .pack import PackRule, register_kind


def _counts(block) -> bool:
    """Does the block speak in the article's own style? Not headings and
    all-capital crossheads (headline style drops dots: "US FALLS"), not
    quoted posts and documents, not code or tables, and not a paragraph
    whose own narration says "I" or "my": a reader's comment, a letter, a
    guest's column, each in its writer's spelling. (Nor a stray caption,
    which the callers leave out: a wire's caption pasted into the copy
    keeps the wire's style.)"""
    return _may_count(block) and not _narrates_in_first_person(block.text)


def _may_count(block) -> bool:
    """_counts() but for the narration, the costly part."""
    if block.kind == "heading" or block.verbatim or not block.prose:
        return False
    return not (block.text.isupper() and len(block.text) < 200)


def _narrates_in_first_person(text: str) -> bool:
    """Does "I", "me" or "my" stand outside the text's quotations?"""
    found = [m.start() for m in _FIRST_PERSON.finditer(text)]
    if not found:
        return False
    quoted = quotation_spans(text)
    return any(not any(s <= at < e for s, e in quoted) for at in found)


# "I" ("I'm" and "I've" start with it), "my", "me" or "mine" as a word. It
# opens on the word's first letter, which `re` skips to quickly, and looks
# behind it for the word's start: a pattern opening on \b is tried at every
# position, two and a half times slower.
_FIRST_PERSON = compile_re(r"[Im](?<!\w\w)(?:(?<=I)|(?<=m)(?:y|e|ine))\b")

# What may stand before the first word of a sentence.
_SENTENCE_END = frozenset(".!?:;\"“‘'(—–-•*")


# A space in a spelling (" per cent") is any space that may stand there: a
# line break in a wrapped paragraph ("12\npercent"), or a non-breaking
# space keeping a figure with its unit.
_SPACE = "(?:[ \\xa0]|\\r?\\n)"
_RE2_SPACE = "(?:[ \\x{a0}]|\\r?\\n)"


def _shown(spelled: str) -> str:
    """A spelling as a message quotes it: its spaces as one space each."""
    return " ".join(spelled.split())


def _bounded(spelling: str, after: str | None) -> str:
    """A spelling as a pattern that does not match inside a longer word or
    abbreviation ("US" in "USA", "U.S." in "U.S.A.")."""
    left = r"(?<!\w)" if spelling[:1].isalnum() else ""
    if after:
        left = f"(?<={after})" + left
    # "Mr" is not the undotted form in "Mr.Benn" (a dotted one missing a space).
    right = r"(?!\w)(?!\.\w)" if spelling[-1:].isalnum() else r"(?!\w)"
    # (re's escapes mean the same to `regex`, and it escapes faster.)
    return left + re.escape(spelling).replace("\\ ", _SPACE) + right


class _Patterns(dict):
    """Each spelling's pattern by (form, position), made and compiled on
    first use: a cold start on one article compiles the few its text holds,
    not the whole pack."""

    def __init__(self, spellings: dict, after: str | None, flags: int):
        super().__init__()
        self.spellings, self.after, self.flags = spellings, after, flags

    def __missing__(self, key):
        pattern = self[key] = patterncache.compile(_bounded(self.spellings[key], self.after), self.flags)
        return pattern

    def __reduce__(self):  # a copy for a worker process starts empty
        return type(self), (self.spellings, self.after, self.flags)


class Consistency(PackRule):
    kind = "consistency"
    fields: ClassVar[tuple[str, ...]] = ("forms", "exclude", "prefer", "after", "supersedes")
    fixable = Applicability.UNSAFE

    def __init__(self):
        spec = self.spec
        forms = spec["forms"]
        if not isinstance(forms, dict) or len([k for k in forms if k != "__line__"]) < 2:
            raise TypeError("'forms' maps two or more form names to lists of spellings")
        self.forms = {name: [str(s) for s in spellings] for name, spellings in forms.items() if name != "__line__"}
        sizes = {len(s) for s in self.forms.values()}
        if len(sizes) != 1 or 0 in sizes:
            raise ValueError("every form lists the same number of spellings (they run in parallel)")
        self.ignorecase = bool(spec.get("ignorecase", False))
        self.prefer = spec.get("prefer")
        if self.prefer is not None and self.prefer not in self.forms:
            raise ValueError(f"'prefer' names a form: {', '.join(self.forms)}")
        supersedes = spec.get("supersedes", [])
        self.supersedes = tuple(supersedes if isinstance(supersedes, list) else [supersedes])
        seen: set[str] = set()
        for spelling in (s for spellings in self.forms.values() for s in spellings):
            key = spelling.lower() if self.ignorecase else spelling
            if key in seen:
                raise ValueError(f"spelling {spelling!r} is listed twice")
            seen.add(key)
        # (form, position) -> the spelling's own pattern; the gate says which
        # spellings occur, so an article is scanned (and a pattern compiled) only for those.
        after = spec.get("after")
        self.patterns = _Patterns({(name, i): spelling
                                   for name, spellings in self.forms.items() for i, spelling in enumerate(spellings)},
                                  after, regex.V1 | (regex.IGNORECASE if self.ignorecase else 0))
        if after and self.timeout is not None:  # a newsroom's own pack: a bad `after` fails at load, with its line
            self.patterns[next(iter(self.patterns.spellings))]
        _GATE.add(self)

    @cached_property
    def exclude(self) -> regex.Pattern | None:
        """The names to leave alone, compiled when a spelling is first found."""
        excludes = sorted((str(e) for e in self.spec.get("exclude", [])), key=len, reverse=True)
        return patterncache.compile("|".join(map(re.escape, excludes))) if excludes else None

    def occurrences(self, doc, spellings=None) -> list[tuple]:
        """(block, start, end, form, position, quoted) of every spelling (or
        of the given (form, position) keys) in the body, leftmost-longest
        first, the excluded names left out; `quoted`: inside a quotation."""
        keys = list(spellings if spellings is not None else self.patterns.spellings)
        # RE2 has said which spellings each block that counts holds (else
        # every block that counts is read for every spelling).
        per_block = _GATE.in_blocks(doc) if spellings is not None else None
        strays = stray_captions(doc) if per_block is None else ()
        found = []
        for i, block in enumerate(doc.blocks):
            if per_block is not None:
                here = per_block[i].get(id(self), ())
            else:
                here = keys if _counts(block) and i not in strays else ()
            if not here:
                continue
            text = block.text
            matches = sorted((m.start(), -m.end(), key) for key in here
                             for m in self.patterns[key].finditer(text, timeout=self.time_left()))
            if not matches:
                continue
            excluded = [m.span() for m in self.exclude.finditer(text, timeout=self.time_left())] if self.exclude else []
            quoted = quotation_spans(text)
            end = -1
            for start, neg_end, (form, position) in matches:
                if start < end:  # inside a longer spelling found here ("Mr" of "Mr.")
                    continue
                end = -neg_end
                if any(s <= start and end <= e for s, e in excluded):
                    continue
                if self.ignorecase and self._name(text, start, end, self.forms[form][position]):
                    continue
                found.append((block, start, end, form, position, any(s <= start < e for s, e in quoted)))
        return found

    @staticmethod
    def _name(text: str, start: int, end: int, spelling: str) -> bool:
        """A lower-case spelling written with a capital is part of a name
        inside a sentence ("the firm Email Systems"), and at the start of
        one when a capitalised word follows ("Email Systems refers to ...");
        else, at the start of a sentence, it is the word itself."""
        if not (text[start].isupper() and spelling[:1].islower()):
            return False
        before = text[:start].rstrip()
        if before and before[-1] not in _SENTENCE_END:
            return True
        after = text[end : end + 2]
        return len(after) == 2 and after[0] == " " and after[1].isupper()

    @cached_property
    def gate(self) -> "_MayMix":
        return _MayMix(self)

    def check(self, doc):
        if self not in _GATE.rules:  # a copy made without __init__ (pickling)
            _GATE.add(self)
        present = _GATE.present(doc, self)
        if present is not None and not self._mixed({form for form, _ in present}):
            return
        found = self.occurrences(doc, present)
        # A quotation keeps its speaker's spelling: it does not count toward
        # the article's majority, and is reported only as information.
        counts, first_seen, written = Counter(), {}, {}
        for block, start, end, form, _, quote in found:
            if not quote:
                counts[form] += 1
                first_seen.setdefault(form, len(first_seen))
                written.setdefault(form, Counter())[_shown(block.text[start:end])] += 1
        verdict = self._verdict(counts, first_seen, {f[3] for f in found})
        if verdict is None:
            return
        target, tie = verdict
        for block, start, end, form, position, quote in found:
            if form == target:
                continue
            spelled = block.text[start:end]
            msg, right = self._said(spelled, target, position, tie, counts, written.get(target, Counter()))
            # The finding points at the words; the edit also takes the space
            # a spelling may carry (" per cent" -> "%").
            lead = len(spelled) - len(spelled.lstrip())
            trail = len(spelled) - len(spelled.rstrip())
            finding = self.in_block(block, start + lead, end - trail, msg)
            if right[:1] == " " and spelled[:1].isspace():
                # A line break ("\r\n" too) or non-breaking space before it stays.
                right = spelled[: len(spelled) - len(spelled.lstrip())] + right[1:]
            edit = None if tie else block.edit(start, end, right)
            finding = finding.with_fix(Fix((edit,), Applicability.UNSAFE) if edit else None)
            yield finding._replace(severity=Severity.INFO, message=msg + " (in a quotation)") if quote else finding

    def _mixed(self, forms: set[str]) -> bool:
        """Could a body holding these forms (as plain text) have findings?"""
        return bool(forms - {self.prefer}) if self.prefer is not None else len(forms) >= 2

    def _verdict(self, counts: Counter, first_seen: dict, forms: set[str]) -> tuple[str, bool] | None:
        """(the form every other is reported against, whether it ties), or
        None when there is nothing to report. `counts` and `first_seen`
        (order of first use) count the article's own voice; `forms` are all
        found, quotations too."""
        if self.prefer is not None:
            return self.prefer, False
        if not counts or (len(counts) < 2 and forms <= set(counts)):
            return None
        target = max(counts, key=lambda form: (counts[form], -first_seen[form]))
        return target, sum(n == counts[target] for n in counts.values()) > 1  # no majority: no direction

    def _said(self, spelled: str, target: str, position: int, tie: bool, counts: Counter,
              written: Counter) -> tuple[str, str]:
        """The message about a spelling of another form than `target`, and
        the target's spelling that replaces it."""
        right = self.forms[target][position]
        if self.ignorecase and spelled[:1].isupper() and right[:1].islower():
            right = right[:1].upper() + right[1:]
        if self.prefer is not None:
            default = "house style writes {right!r}, not {match!r}"
        elif tie:
            default = "{match!r} here, {elsewhere} elsewhere in the article, as often: choose one and write it so"
        else:
            default = "{match!r} here, but {elsewhere} elsewhere in the article: write it one way"
        msg = self.message(default, match=_shown(spelled), right=right.strip(), elsewhere=_listed(written),
                           count=_times(counts[target]))
        return msg, right

    # -- a long text read window by window (archive.py) -------------------------
    # The majority is the whole file's: each window's segment gathers its
    # spellings, and the findings are made once every window is read.

    def gatherer(self, cores: dict) -> "_Gatherer":
        """A rule for the engine that gathers, in each window document,
        the spellings its segment holds; `cores`: id(doc) -> (segment
        start, end, the window's offset in the file)."""
        return _Gatherer(self, cores)

    def combine(self, tally: "_Tally | None", more: "_Tally") -> "_Tally":
        """Two windows' tallies as one, the earlier first."""
        return more if tally is None else tally.add(more)

    def settle(self, tally: "_Tally", severity: dict) -> list[tuple]:
        """The findings of the whole file: (diagnostic, its positions)."""
        if not self._mixed(tally.present):
            return []
        verdict = self._verdict(tally.counts, tally.first_seen, set(tally.totals))
        if verdict is None:
            return []
        target, tie = verdict
        others = sorted((o for form, kept in tally.kept.items() if form != target for o in kept),
                        key=lambda o: (o.start, -o.end))
        total = sum(n for form, n in tally.totals.items() if form != target)
        level = severity.get(self.code)
        out = []
        for o in others[:engine.MAX_FINDINGS]:
            if not o.kept:
                continue
            msg, right = self._said(o.spelled, target, o.position, tie, tally.counts,
                                    tally.written.get(target, Counter()))
            fix = Fix((Edit(*o.edit, right),), Applicability.UNSAFE) if o.edit and o.fixable and not tie else None
            d = self.diagnostic(o.start, o.end, msg + " (in a quotation)" if o.quote else msg, fix)
            if o.quote:
                d = d._replace(severity=Severity.INFO)
            out.append((d._replace(severity=level) if level else d, o.positions))
        if total > engine.MAX_FINDINGS and others[engine.MAX_FINDINGS - 1].kept:
            last = others[engine.MAX_FINDINGS - 1]
            d = self.diagnostic(last.end, last.end, engine.summary_message(self.code, total - engine.MAX_FINDINGS))
            out.append((d._replace(severity=level) if level else d, (last.positions[1], last.positions[1])))
        return out


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _listed(written: Counter) -> str:
    """The spellings the article uses, as written, with how often:
    "'realise' (twice) and 'organised' (once)"."""
    parts = [f"{word!r} ({_times(n)})" for word, n in written.most_common(3)]
    if not parts:
        return "none"
    if len(written) > 3:
        parts[-1] += " and others"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class _Occurrence(NamedTuple):
    """A spelling found in a window's segment, as settle() needs it."""

    start: int  # the finding's span in the file
    end: int
    edit: tuple[int, int] | None  # what a fix would replace, if it can
    form: str
    position: int
    quote: bool
    spelled: str
    kept: bool  # the engine keeps a finding here (its language, an allowance)
    fixable: bool  # and keeps its fix
    positions: tuple  # (line, column) of start and end, when asked for


class _Tally:
    """What windows' segments hold of one rule, in file order: the counts
    and first uses that decide the majority, the spellings used, and the
    first occurrences of each form (as many as the engine reports)."""

    def __init__(self):
        self.present: set[str] = set()  # forms the gate saw
        self.counts: Counter = Counter()  # the article's own voice
        self.first_seen: dict[str, int] = {}
        self.written: dict[str, Counter] = {}
        self.totals: Counter = Counter()  # quotations too
        self.kept: dict[str, list[_Occurrence]] = {}

    def note(self, o: _Occurrence) -> None:
        if not o.quote:
            self.counts[o.form] += 1
            self.first_seen.setdefault(o.form, len(self.first_seen))
            self.written.setdefault(o.form, Counter())[_shown(o.spelled)] += 1
        self.totals[o.form] += 1
        kept = self.kept.setdefault(o.form, [])
        if len(kept) <= engine.MAX_FINDINGS:
            kept.append(o)

    def placed(self, offset: int, where=None) -> "_Tally":
        """This tally of a segment read on its own, placed at `offset` in
        the file; `where(offset)`: the (line, column) of a file offset."""
        def moved(o: _Occurrence) -> _Occurrence:
            start, end = o.start + offset, o.end + offset
            return o._replace(start=start, end=end, edit=o.edit and (o.edit[0] + offset, o.edit[1] + offset),
                              positions=(where(start), where(end)) if where else ())

        self.kept = {form: [moved(o) for o in kept] for form, kept in self.kept.items()}
        return self

    def add(self, more: "_Tally") -> "_Tally":
        self.present |= more.present
        for form in more.first_seen:
            self.first_seen.setdefault(form, len(self.first_seen))
        self.counts.update(more.counts)
        for form, written in more.written.items():
            self.written.setdefault(form, Counter()).update(written)
        self.totals.update(more.totals)
        for form, occurrences in more.kept.items():
            kept = self.kept.setdefault(form, [])
            kept.extend(occurrences[: engine.MAX_FINDINGS + 1 - len(kept)])
        return self


class _Gatherer(StandIn):
    """Stands in for a consistency rule in the engine, over window documents:
    it collects each segment's spellings (the engine polices a provisional
    finding for each, so that settle() knows which it keeps) and tallies
    them."""

    gate = None

    def __init__(self, rule: Consistency, cores: dict):
        super().__init__(rule)
        self.cores = cores
        self.found: dict[int, list] = {}  # id(doc) -> [(occurrence, provisional finding)]
        self.tallies: dict[int, _Tally] = {}

    def check(self, doc):
        rule = self.rule
        if rule not in _GATE.rules:
            _GATE.add(rule)
        start, end, offset = self.cores[id(doc)]
        tally = self.tallies[id(doc)] = _Tally()
        found = self.found[id(doc)] = []
        present = _GATE.present(doc, rule)  # the window's spellings, context too: a superset
        if present is not None:
            in_segment = _GATE.present_in(doc, start, end, rule)
            present = frozenset(key for key in present if key in in_segment)
            tally.present = {form for form, _ in present}
            if not present:
                return
        else:
            tally.present = set(rule.forms)
        for block, s, e, form, position, quote in rule.occurrences(doc, present):
            if not start <= block.source_start < end:
                continue
            spelled = block.text[s:e]
            lead, trail = len(spelled) - len(spelled.lstrip()), len(spelled) - len(spelled.rstrip())
            finding = rule.in_block(block, s + lead, e - trail, "")
            edit = block.edit(s, e, spelled)
            provisional = finding._replace(severity=Severity.INFO if quote else finding.severity,
                                           fix=Fix((edit,), Applicability.UNSAFE) if edit else None)
            occurrence = _Occurrence(finding.start + offset, finding.end + offset,
                                     (edit.start + offset, edit.end + offset) if edit else None,
                                     form, position, quote, spelled, False, False, ())
            found.append((occurrence, provisional))
            yield provisional

    def tally(self, doc, policed: list[Diagnostic], positions=None):
        """The window's tally, once the engine has policed its findings;
        `positions(offset)`: the (line, column) of a file offset."""
        tally = self.tallies.pop(id(doc))
        kept = {(d.start, d.end): d for d in policed if d.code == self.rule.code}
        for occurrence, provisional in self.found.pop(id(doc)):
            d = kept.get((provisional.start, provisional.end))
            where = (positions(occurrence.start), positions(occurrence.end)) if positions else ()
            tally.note(occurrence._replace(kept=d is not None, fixable=d is not None and d.fix is not None,
                                           positions=where))
        return tally


_RE2_ESCAPES = str.maketrans({c: "\\" + c for c in "\\.^$|?*+()[]{}"})


def _literal(text: str) -> str:
    return text.translate(_RE2_ESCAPES).replace(" ", _RE2_SPACE)


class _Gate:
    """The forms of every consistency rule that occur in a document's body as
    plain text (a superset of what the rules' own patterns find), from one
    RE2 scan per document for all rules together. The set first holds the
    rules that are on without a house style (a house style's rules, two
    thirds of the spellings, mostly never run) and takes in every rule once
    another asks."""

    def __init__(self):
        self.rules: weakref.WeakSet[Consistency] = weakref.WeakSet()
        self.covered: frozenset[int] | None = None  # the rules in the set; None: to be built
        self.generation = 0  # of the set: what a document's scan was made with
        self.set = None
        self.ungated: set[int] = set()
        self.owners: list[tuple[int, tuple[str, int]]] = []  # pattern -> (id(rule), (form, position))

    def add(self, rule: Consistency) -> None:
        self.rules.add(rule)
        self.covered = None

    @property
    def wide(self) -> bool:
        """Does the set hold every rule?"""
        return self.covered is not None and all(id(r) in self.covered for r in self.rules)

    def _build(self, asking: Consistency, wide: bool) -> None:
        rules = [r for r in self.rules if wide or r is asking or (r.default and not r.style)]
        self.covered = frozenset(id(r) for r in rules)
        self.generation += 1
        try:
            import re2
        except ImportError:
            self.set = None
            return
        options = re2.Options()
        options.never_capture = True
        self.set = re2.Set.SearchSet(options)
        self.owners = []
        self.ungated = set()
        for rule in rules:
            spellings = [s for group in rule.forms.values() for s in group]
            if rule.ignorecase and not all(s.isascii() for s in spellings):
                # Python folds case more widely than RE2 ("ß" and "ss"): no gate.
                self.ungated.add(id(rule))
                continue
            fold = "(?i)" if rule.ignorecase else ""
            for form, spellings in rule.forms.items():
                for i, spelling in enumerate(spellings):
                    self.set.Add(fold + _literal(spelling))
                    self.owners.append((id(rule), (form, i)))
        if self.owners:
            self.set.Compile()
        else:
            self.set = None

    def _ready(self, rule: Consistency) -> None:
        if self.covered is None:
            self._build(rule, wide=False)
        elif id(rule) not in self.covered:  # a rule outside the first set: take them all
            self._build(rule, wide=True)

    def present(self, doc, rule: Consistency) -> frozenset[tuple[str, int]] | None:
        """The (form, position) of each of `rule`'s spellings that occurs in
        `doc`'s body, or None when RE2 is missing (then scan for all)."""
        self._ready(rule)
        if self.set is None or id(rule) in self.ungated:
            return None
        found = doc.memo("consistency", self.generation, self._scan)
        return frozenset(found.get(id(rule), ()))

    def anywhere(self, doc, rule: Consistency) -> set[str] | None:
        """The forms of `rule` found anywhere in `doc`'s prose, the body's
        forms among them, from a scan that needs no reading of which blocks
        count; None as for present()."""
        self._ready(rule)
        if self.set is None or id(rule) in self.ungated:
            return None
        found = doc.memo("consistency prose", self.generation, lambda doc: self._owners(encodable(doc.prose)))
        return {form for form, _ in found.get(id(rule), ())}

    def _scan(self, doc) -> dict[int, set[tuple[str, int]]]:
        return self._union(self.in_blocks(doc))

    @staticmethod
    def _union(per_block) -> dict[int, set[tuple[str, int]]]:
        found: dict[int, set[tuple[str, int]]] = {}
        for owners in per_block:
            for owner, keys in owners.items():
                found.setdefault(owner, set()).update(keys)
        return found

    def _owners(self, text: str) -> dict[int, set[tuple[str, int]]]:
        found: dict[int, set[tuple[str, int]]] = {}
        for i in self.set.Match(text) or ():
            owner, key = self.owners[i]
            found.setdefault(owner, set()).add(key)
        return found

    def present_in(self, doc, start: int, end: int, rule: Consistency) -> set[tuple[str, int]]:
        """present() for the blocks of `doc` that start in [start, end) (call present() first)."""
        found = doc.memo(f"consistency in {start}", self.generation, lambda doc: self._union(
            owners for b, owners in zip(doc.blocks, self.in_blocks(doc)) if start <= b.source_start < end))
        return found.get(id(rule), set())

    def in_blocks(self, doc) -> list[dict[int, set[tuple[str, int]]]]:
        """For each block, the spellings of each rule that it holds if it
        counts, else {} (call present() first): one RE2 scan a block, and
        the narration read only where a spelling is."""
        return doc.memo("consistency by block", self.generation, lambda doc: [
            {} if not _may_count(b) or not (owners := self._owners(encodable(b.text)))
            or _narrates_in_first_person(b.text) or i in stray_captions(doc) else owners
            for i, b in enumerate(doc.blocks)])


_GATE = _Gate()


class _MayMix:
    """A consistency rule's gate: could the body mix its forms? Forms mixed
    in the body are mixed in the whole prose, which one RE2 scan shared by
    every consistency rule reads without first working out which blocks
    count (the costly part of the rule on an article that mixes nothing)."""

    def __init__(self, rule: Consistency):
        self.rule = rule

    def passes(self, doc) -> bool:
        rule = self.rule
        if rule not in _GATE.rules:  # a copy made without __init__ (pickling)
            _GATE.add(rule)
        forms = _GATE.anywhere(doc, rule)
        return forms is None or rule._mixed(forms)

register_kind(Consistency)
