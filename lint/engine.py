"""Run rules over a Document and police what they return: nothing inside
markup is reported or edited, SAFE fixes keep out of quotations, severities
follow the configuration, and inline suppressions are honoured."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from .document import Document
from .model import Applicability, Diagnostic, Fix, Severity
from .rule import Rule
from .suppress import Suppressions


def lint(doc: Document, rules: Iterable[Rule], severity: dict[str, Severity] | None = None) -> list[Diagnostic]:
    severity = severity or {}
    suppressions = Suppressions.parse(doc)
    found: list[Diagnostic] = []
    for rule in rules:
        for d in rule.check(doc):
            if doc.is_protected(d.start, d.start + 1) or suppressions.suppressed(d):
                continue
            d = replace(d, fix=_police(doc, rule, d.fix))
            if rule.code in severity:
                d = replace(d, severity=severity[rule.code])
            found.append(d)
    found.sort(key=lambda d: (d.start, d.end, d.code))
    return found


def _police(doc: Document, rule: Rule, fix: Fix | None) -> Fix | None:
    if fix is None:
        return None
    if any(doc.is_protected(e.start, e.end) for e in fix.edits):
        return None  # would touch code, markup, a link target: report only
    if (fix.applicability is Applicability.SAFE and rule.rewrites_words
            and any(doc.in_quotation(e.start, e.end) for e in fix.edits)):
        return replace(fix, applicability=Applicability.UNSAFE)
    return fix
