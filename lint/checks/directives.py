"""SUP: suppression directives that do not do what they seem to.

A misspelt directive (`copydesk-disabel-next-line`) or a code no rule has
(`NEG01`) silences nothing, and the finding it was meant for stays with no
word why; an enable that turns nothing back on ends no silence. These
rules say so where the directive is, as ruff reports an invalid `noqa`.
They read the comments themselves (lint/core/suppress.py's grammar), so
their findings lie in markup.
"""

from __future__ import annotations

from ..core.model import Severity
from ..core.rule import Rule
from ..core.suppress import VERBS, codes_of
from ..run.registry import default_registry, with_packs
from ..speed import patterncache
from ..speed.prefilter import any_of

# Any comment that opens with "copydesk" and a word: a directive, or an
# attempt at one.
_ATTEMPT = patterncache.compile(
    r"<!--\s*copydesk(?P<sep>[-_ ]?)(?P<verb>[A-Za-z_-]*)(?P<codes>[^>]*?)\s*-->"
)
_GATE = any_of(["copydesk"], ignorecase=True, source=True)


def _attempts(doc):
    if doc.format not in ("markdown", "html"):
        return
    for m in _ATTEMPT.finditer(doc.source):
        yield m, m.group("verb").lower().replace("_", "-")


class _DirectiveRule(Rule):
    """What both rules are: warnings about comments, in any language."""

    severity = Severity.WARNING
    prose_only = False
    reads_markup = True
    gate = _GATE


class UnknownDirective(_DirectiveRule):
    """
    ## What it does
    Flags a comment that reads like a copydesk suppression directive but is
    not one: a misspelt verb (`<!-- copydesk-disabel-next-line NEG001 -->`),
    a space or underscore for the hyphen (`<!-- copydesk disable -->`), or
    a verb copydesk does not have (`<!-- copydesk-ignore -->`). The verbs
    are disable, enable, disable-next-line and disable-file.

    ## Why it matters
    A directive that is not read silences nothing: the finding it was
    written for still blocks the commit, and nothing says the comment is
    the reason.

    ## Example
    ```
    <!-- copydesk-disabel-next-line NEG001 -->
    ```
    is reported as "'copydesk-disabel-next-line' is not a directive (did you
    mean copydesk-disable-next-line?)".

    ## Fix safety
    No fix: a fix never edits markup, and a directive, once right, silences
    findings, which a person should decide. The message names the closest
    directive.
    """

    code = "SUP001"
    name = "suppression.unknown-directive"

    def check(self, doc):
        for m, verb in _attempts(doc):
            if m.group("sep") == "-" and verb in VERBS:
                continue
            import difflib  # here: only a misspelt directive needs it

            close = difflib.get_close_matches(verb, VERBS, n=1, cutoff=0.7)
            if m.group("sep") != "-" and not close:
                continue  # a comment that mentions copydesk, not a directive
            written = f"copydesk{m.group('sep')}{m.group('verb')}"
            start = m.start("sep") - len("copydesk")
            hint = f"did you mean copydesk-{close[0]}?" if close else \
                f"directives: {', '.join('copydesk-' + v for v in VERBS)}"
            yield self.diagnostic(start, m.end("verb"), f"{written!r} is not a directive ({hint})")


class UnknownCode(_DirectiveRule):
    """
    ## What it does
    Flags a code or name in a suppression directive that selects no rule:
    a typo (`NEG01`, `duplication.doubled-wrd`) or a rule of a pack the
    configuration does not load. A code may be a rule's code, its family
    (`DUP`), a code prefix (`WS0`), its name or a name prefix.

    ## Why it matters
    The directive silences nothing, so the finding it was written for stays.

    ## Example
    ```
    <!-- copydesk-disable-next-line NEG01 -->
    ```
    is reported as "no rule is named 'NEG01' (did you mean NEG001?)".

    ## Fix safety
    No fix: which rule was meant is for a person to say.
    """

    code = "SUP002"
    name = "suppression.unknown-code"

    def check(self, doc):
        registry = None
        for m, verb in _attempts(doc):
            if m.group("sep") != "-" or verb not in VERBS:
                continue  # SUP001's
            for code, start in codes_of(m.group("codes"), m.start("codes")):
                registry = registry or with_packs(doc.packs, default_registry())
                if not registry.matching(code):
                    hint = registry.unknown(code).split(" (", 1)[1]
                    yield self.diagnostic(start, start + len(code), f"no rule is named {code!r} ({hint}")


class EnableWithoutDisable(_DirectiveRule):
    """
    ## What it does
    Flags a `copydesk-enable` that turns nothing back on: no
    `copydesk-disable` above it is still open, or none of those open
    turned off the rules it names (`<!-- copydesk-disable DUP001 -->` ...
    `<!-- copydesk-enable NEG001 -->`).

    ## Why it matters
    The enable was written to end a silence: when it ends none, the
    silence it was meant for runs on (its disable names other rules, or
    was misspelt), or it was never there, and the findings after it are
    not what its writer expects.

    ## Example
    ```
    <!-- copydesk-disable DUP001 -->
    The U.S.U.S. team won.
    <!-- copydesk-enable NEG001 -->
    ```
    is reported as "'copydesk-enable NEG001' turns nothing back on: no
    open copydesk-disable turned NEG001 off".

    ## Fix safety
    No fix: whether the enable or its disable is wrong is for a person to say.
    """

    code = "SUP003"
    name = "suppression.enable-without-disable"

    def check(self, doc):
        registry = None
        open_: list[frozenset[str]] = []  # each open disable: the rules it still keeps off
        for m, verb in _attempts(doc):
            if m.group("sep") != "-" or verb not in ("disable", "enable"):
                continue
            registry = registry or with_packs(doc.packs, default_registry())
            named = [code for code, _ in codes_of(m.group("codes"))]
            rules = frozenset(r.code for code in named for r in registry.matching(code))
            if named and not rules:
                continue  # only unknown codes: SUP002's
            if verb == "disable":
                open_.append(rules or frozenset(r.code for r in registry))
                continue
            written = " ".join(m.group()[4:-3].split())
            if not named:
                if not open_:
                    yield self.diagnostic(m.start(), m.end(), f"{written!r} closes nothing: no copydesk-disable "
                                                              "above it is still open")
                open_ = []
            elif not any(codes & rules for codes in open_):
                yield self.diagnostic(m.start(), m.end(), f"{written!r} turns nothing back on: no open "
                                                          f"copydesk-disable turned {', '.join(named)} off")
            open_ = [codes - rules for codes in open_ if codes - rules]


RULES = [UnknownDirective, UnknownCode, EnableWithoutDisable]
