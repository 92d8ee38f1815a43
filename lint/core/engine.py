"""Run rules over documents (a batch at a time, rule by rule) and police
what they return: nothing inside markup is reported or edited, rules of
prose keep out of code and tables, no fix takes a word outside the span
its finding flagged, SAFE fixes keep out of quotations, findings on the
wording of verbatim text (quoted posts, documents) are information with
unsafe fixes, severities follow the configuration, and inline
suppressions are honoured."""

from __future__ import annotations

import time
from typing import Iterable, Sequence

from ..speed.patterncache import compile_re
from ..speed.prefilter import select
from .document import Document
from .model import Applicability, Diagnostic, Edit, Fix, Severity
from .rule import Rule
from .suppress import Suppressions


class RuleError(Exception):
    """A rule failed on a document; str() names the rule and the reason."""


def lint(doc: Document, rules: Iterable[Rule], severity: dict[str, Severity] | None = None) -> list[Diagnostic]:
    """`doc`'s diagnostics, sorted by position."""
    found = lint_many([doc], rules, severity)[0]
    if isinstance(found, RuleError):
        raise found
    return found


def lint_many(docs: Sequence[Document], rules: Iterable[Rule],
              severity: dict[str, Severity] | None = None) -> list[list[Diagnostic] | RuleError]:
    """Each document's diagnostics, or the error of the rule that failed on
    it. Rules run one at a time over all the documents: a rule's patterns
    and data then stay in the processor's caches while it reads them all,
    which makes a batch of articles faster than one article after another.
    A document whose reading load() left for later is read first (what
    each block is) unless every rule is `text_only`, and else only when it
    has findings to police; its language, which few rules read, when it
    has findings or a rule asks (Document.language_of)."""
    rules = list(rules)
    if not all(rule.text_only for rule in rules):
        for doc in docs:
            doc.settle(language=False)
    raw: list[list | RuleError] = [[] for _ in docs]
    batch: dict = {}  # what the gates work out once for all the rules (prefilter.select)
    everyone = range(len(docs))
    for rule in rules:
        # Most rules skip most articles: their gates are asked here, of the whole batch.
        for i in everyone if rule.gate is None else select(rule.gate, docs, batch):
            found = raw[i]
            if isinstance(found, RuleError):
                continue
            try:
                diagnostics = _checked(rule, docs[i])
            except RuleError as exc:
                raw[i] = exc
                continue
            if diagnostics:  # most rules find nothing in most articles
                found.append((rule, diagnostics))
    return [found if isinstance(found, RuleError) else _policed(doc, found, severity or {})
            for doc, found in zip(docs, raw)]


def _policed(doc: Document, found: list[tuple[Rule, list[Diagnostic]]],
             severity: dict[str, Severity]) -> list[Diagnostic]:
    if not found:
        return []
    doc.settle()
    suppressions = Suppressions.parse(doc)
    kept: list[Diagnostic] = []
    for rule, diagnostics in found:
        for d in diagnostics:
            block = doc.block_at(d.start)
            if not reported(doc, rule, d, suppressions, block):
                continue
            fix = _police(doc, rule, d)
            if fix is not d.fix:
                d = d.with_fix(fix)
            if rule.code in severity:
                d = d._replace(severity=severity[rule.code])
            if block is not None and block.verbatim and rule.judges_wording:
                d = _verbatim(d)
            kept.append(d)
    kept.sort(key=lambda d: (d.start, d.end, d.code))
    return kept


def reported(doc: Document, rule: Rule, d: Diagnostic, suppressions: Suppressions, block) -> bool:
    """Is `d` one to report: not in markup that `rule` does not read, not
    suppressed, in prose where `rule` reads only prose, in a language
    `rule` knows? (`doc` settled; `block`: doc.block_at(d.start).)"""
    if (doc.is_protected(d.start, d.start + 1) and not rule.reads_markup) or suppressions.suppressed(d):
        return False
    if block is not None and not block.prose and rule.prose_only and not _in_one_cell(doc, rule, d, block):
        return False  # a code sample or a table of figures
    # (an English rule on German copy)
    return rule.languages is None or doc.language_of(block) in rule.languages


def _in_one_cell(doc: Document, rule: Rule, d: Diagnostic, block) -> bool:
    """Does `d`, a finding of a rule that reads cells, lie inside one cell
    of a table of figures?"""
    if not rule.reads_cells or block.kind != "table":
        return False
    found = doc.source[d.start : d.end]
    return "\t" not in found and "  " not in found


# Findings of one rule in one document kept at most: past that (a file of
# zero-width spaces, a finding each), the rest are counted, not held, and
# one finding says how many.
MAX_FINDINGS = 1000


def summary_message(code: str, more: int) -> str:
    """The finding that counts what the cap on findings per rule left out."""
    return f"{more} more findings of {code} in this file are not listed (the first {MAX_FINDINGS} are)"


def _capped(rule: Rule, found: Iterable[Diagnostic]) -> list[Diagnostic]:
    kept: list[Diagnostic] = []
    it = iter(found)
    for d in it:
        kept.append(d)
        if len(kept) == MAX_FINDINGS:
            more = sum(1 for _ in it)
            if more:
                end = kept[-1].end
                kept.append(rule.diagnostic(end, end, summary_message(rule.code, more)))
            break
    return kept


def _verbatim(d: Diagnostic) -> Diagnostic:
    """A finding on the wording of someone else's words (a quoted post, a
    letter): worth knowing, not worth blocking on, and never fixed
    unasked."""
    fix = d.fix._replace(applicability=Applicability.UNSAFE) if d.fix else None
    return d._replace(severity=Severity.INFO, message=d.message + " (in quoted text, kept as written)", fix=fix)


def run(rule: Rule, doc: Document) -> list[Diagnostic]:
    """`rule`'s findings in `doc`, before policing; none, without calling
    `check`, when the document fails the rule's gate."""
    if not rule.text_only:
        doc.settle(language=False)
    if rule.gate is not None and not rule.gate.passes(doc):
        return []
    return _checked(rule, doc)


def _checked(rule: Rule, doc: Document) -> list[Diagnostic]:
    """`rule`'s findings in `doc`, its gate passed."""
    if getattr(rule, "timeout", None) is not None:  # a newsroom's own rule: a time budget for this file
        rule.deadline = time.monotonic() + rule.BUDGET
    try:
        return _capped(rule, rule.check(doc))
    except TimeoutError as exc:
        culprit = getattr(exc, "rule", rule)
        if time.monotonic() >= getattr(culprit, "deadline", float("inf")):  # its time for the whole file ran out
            raise RuleError(f"rule {culprit.code} ({culprit.origin}): its patterns took longer than the "
                            f"{culprit.BUDGET:g}s a rule may take on one file, and were stopped") from None
        raise RuleError(f"rule {culprit.code} ({culprit.origin}): its pattern took longer than "
                        f"{culprit.timeout}s on this text and was stopped") from None
    except RecursionError:
        raise RuleError(f"rule {rule.code} ({rule.origin}): input nested too deeply") from None
    except Exception as exc:  # a bug in one rule must not stop the run over other files
        raise RuleError(f"rule {rule.code} ({rule.origin}) failed: {exc!r}") from exc


def _police(doc: Document, rule: Rule, d: Diagnostic) -> Fix | None:
    fix = d.fix
    if fix is None:
        return None
    fix = _emptying(doc, fix)
    if any(doc.is_protected(e.start, e.end) and (e.start, e.end) not in doc.removable for e in fix.edits):
        return None  # would touch code, markup, a link target: report only
    if any(_takes_words_beyond(doc, e, d) for e in fix.edits):
        return None  # would take text the finding did not flag: report only
    if (fix.applicability is Applicability.SAFE and rule.rewrites_words
            and any(doc.in_quotation(e.start, e.end) for e in fix.edits)):
        return fix._replace(applicability=Applicability.UNSAFE)
    return fix


def _emptying(doc: Document, fix: Fix) -> Fix:
    """A fix that deletes all a block holds (a paragraph of nothing but a
    zero-width space) removes the block, as a removal does: no empty <p>,
    no empty line is left behind."""
    if len(fix.edits) != 1 or fix.edits[0].replacement.strip():
        return fix
    edit = fix.edits[0]
    block = doc.block_at(edit.start)
    if block is None or block.source_end > edit.end or doc.source[block.source_start : edit.start].strip():
        return fix
    removal = doc.removal(block)
    return fix._replace(edits=(removal,)) if removal.start <= edit.start and edit.end <= removal.end else fix


def _takes_words_beyond(doc: Document, edit: Edit, d: Diagnostic) -> bool:
    """Does `edit` change a letter or digit of prose outside the span `d`
    flagged? A fix may take the white space around a flagged line (and the
    tags of an element it empties), never a word of the prose beside it."""
    for start, end in ((edit.start, min(edit.end, d.start)), (max(edit.start, d.end), edit.end)):
        if start < end and _WORD.search(doc.source, start, end) and _WORD.search(doc.prose_between(start, end)):
            return True
    return False


_WORD = compile_re(r"[^\W_]")  # a letter or a digit
