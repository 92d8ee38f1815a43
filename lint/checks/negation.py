"""NEG: garbled negations and self-contradictions.

Machine paraphrase and careless translation drop, add or move a negation and
flip a sentence's meaning. These rules only report (no fix can know which
side was meant) and quote both sides so an editor can judge. Each rule runs
a cheap literal prefilter before its heavier logic; word lists live in
rules/lexicons/negation*.yml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..core.model import Severity
from ..core.rule import Rule
from ..core.sentences import sentence_spans
from ..packs.pack import lexicon
from ..speed import patterncache
from ..speed.lazy import LazyPattern, lazy_re
from ..speed.lazyregex import regex
from ..speed.prefilter import AllOf, any_of

_FLAGS = regex.IGNORECASE | regex.V1


def _fold(words, flags=_FLAGS) -> LazyPattern:
    """One boundary-anchored pattern for a word list (longest first)."""
    return LazyPattern(r"(?<![\w'’])(?:\L<w>)(?![\w'’-])", flags, w=sorted(set(words), key=len, reverse=True))


def _quote(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return "“" + (text if len(text) <= width else text[: width - 1] + "…") + "”"


# ---------------------------------------------------------------------------
# Tokens: words (inner apostrophes and hyphens kept) and clause punctuation.
_TOKEN = LazyPattern(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’\-.]*[\p{L}\p{N}])?|[,;:()\[\]?!\"“”—–]|(?<=\s)-(?=\s)")
# "it's", "we'll": a pronoun and an auxiliary in one word.
_CLITIC = LazyPattern(r"^(i|we|you|he|she|it|they|there|that|who)('(?:s|re|ve|ll|d|m))$")


class Tok(NamedTuple):
    low: str  # lower case, ’ read as '
    start: int
    end: int
    cap: bool  # starts with a capital letter


def _tokens(text: str, start: int, end: int) -> list[Tok]:
    toks = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        low = word.lower().replace("’", "'")
        if "'" in low and (c := _CLITIC.match(low)):
            cut = m.start() + len(c.group(1))
            toks.append(Tok(c.group(1), m.start(), cut, word[0].isupper()))
            toks.append(Tok(c.group(2), cut, m.end(), False))
        else:
            toks.append(Tok(low, m.start(), m.end(), word[0].isupper()))
    return toks


# ---------------------------------------------------------------------------
# NEG001 vocabulary
_LEX = lexicon("negation")
_AUX = {k: frozenset(v) for k, v in _LEX["aux"].items()}
_NEGATED = dict(_LEX["negated"])
_ADVERBS = frozenset(_LEX["adverbs"])
_FILLERS = frozenset(_LEX["fillers"])
_MODAL_FILLERS = frozenset(_LEX["modal_fillers"])
_SEMI_AUX = frozenset(_LEX["semi_aux"])
_DETS = frozenset(_LEX["determiners"])
_NOT_ADDITIVE = frozenset(_LEX["not_additive"])
_CONTRAST = frozenset(_LEX["contrast"])
_BREAKS = frozenset(_LEX["breaks"])
_PRONOUNS = frozenset(_LEX["pronouns"])
_THIRD = frozenset(_LEX["third_person"])
_RELATIVES = frozenset(_LEX["relatives"])
_NOT_SUBJECT = frozenset(_LEX["not_subject"])
_WH = frozenset(_LEX["wh"])
_ADDITIVE_OPENERS = frozenset(_LEX["additive_openers"])
_AFTER_SCOPE = frozenset(_LEX["after_scope"])
_ANAPHORA = frozenset(_LEX["anaphora"])
_QUANTIFIERS = frozenset(_LEX["quantifiers"])
_ADJUNCT_PREPS = frozenset(_LEX["adjunct_prepositions"])
_NEG_OBJECTS = frozenset(_LEX["negative_objects"])
_NOUN_FOLLOWERS = frozenset(_LEX["noun_followers"])
_IRREGULAR = {k.lower(): v.lower() for k, v in lexicon("negation_verbs").items()}
_MODAL_GROUPS = frozenset({"will", "would", "can", "could", "should", "must", "may", "might"})
_PUNCT = frozenset(",;:()[]?!\"“”—–-")

# Bounded lead-in: an unbounded \W* before a word is quadratic when searched.
_ADDITIVE_START = LazyPattern(r"\W{0,6}(?:\L<w>)(?![\w])", regex.V1, w=sorted(_ADDITIVE_OPENERS))


# Longest sentence NEG001 reads (characters); news sentences stay far below.
_MAX_SENTENCE = 2500
_JOINERS = (" and ", " also ", "moreover", "furthermore", "besides", "additionally")
# The words after a negation on lower-cased text, for the repeat prefilter.
_NEG_AT = LazyPattern(r"(?:n't|n’t|\bnot|\bnever|\bcannot)((?:\s+[a-z]+){1,4})")
_FORMS: dict[str, set[str]] = {}
for _form, _base in _IRREGULAR.items():
    _FORMS.setdefault(_base, {_base}).add(_form)
_SKIP = _ADVERBS | _FILLERS | _MODAL_FILLERS | _SEMI_AUX | _DETS | {"to"}


_NEG_CUES = ("n't", "n’t", "not", "never", "cannot")  # what a match of _NEG_AT starts with


def _negations(low: str, start: int, end: int):
    """_NEG_AT.finditer(low, start, end), tried only where a cue starts:
    str.find looks for the cues in C, where the pattern would be tried at
    every position."""
    spots = []
    for cue in _NEG_CUES:
        i = low.find(cue, start, end)
        while i >= 0:
            spots.append(i)
            i = low.find(cue, i + 1, end)
    spots.sort()
    after = start  # matches do not overlap, as finditer's
    for i in spots:
        if i >= after and (m := _NEG_AT.match(low, i, end)):
            yield m
            after = m.end()


def _verb_repeats(low: str, start: int = 0, end: int | None = None) -> bool:
    """Cheap prefilter: does a verb after a negation occur a second time in
    low[start:end]?  (Stem prefixes and irregular forms; over-inclusive.)"""
    end = len(low) if end is None else end
    seen = set()  # each verb is counted once: linear in the text
    for m in _negations(low, start, end):
        verb = next((w for w in m.group(1).split() if w not in _SKIP), None)
        if verb is None or verb in seen:
            continue
        seen.add(verb)
        base = _IRREGULAR.get(verb, verb)
        forms = _FORMS.get(base, ()) or (base[:4] if len(base) > 4 else base,)
        if sum(low.count(f, start, end) for f in forms) >= 2:
            return True
    return False


_NEGATION_CUES = ("not", "n't", "n’t", "never")
_NEGATED_PREFILTER = any_of(_NEGATION_CUES, ignorecase=True)
_NEGATION = lazy_re("|".join(map(re.escape, _NEGATION_CUES)))  # one scan: twice as fast as four `in` tests


# NEG001 reads a block only when it holds a negation and a joining word.
# (Both in one stretch without a blank line is one RE2 pattern, but it
# turns away few more articles and costs a cold start a percent more.)
_JOINED_NEGATION = AllOf(_NEGATED_PREFILTER, any_of(_JOINERS, ignorecase=True))


def _negated(low: str) -> bool:
    """Cheap prefilter on lower-cased text: a negation may be present."""
    return _NEGATION.search(low) is not None


def _lemmas(word: str) -> frozenset[str]:
    """Candidate base forms of a verb; two forms share a verb when these meet."""
    out = {word}
    base = _IRREGULAR.get(word)
    if base:
        out.add(base)
    n = len(word)
    if n > 4 and word.endswith(("ies", "ied")):
        out.add(word[:-3] + "y")
    if n > 3 and word.endswith("es"):
        out.add(word[:-2])
    if n > 3 and word.endswith("s") and not word.endswith("ss"):
        out.add(word[:-1])
    if n > 3 and word.endswith("ed"):
        out.update((word[:-2], word[:-1]))
        if n > 5 and word[-3] == word[-4]:
            out.add(word[:-3])
    if n > 4 and word.endswith("ing"):
        stem = word[:-3]
        out.update((stem, stem + "e"))
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.add(stem[:-1])
    return frozenset(out)


def _is_past(word: str) -> bool:
    return word.endswith("ed") or (word in _IRREGULAR and _IRREGULAR[word] != word)


class Clause:
    __slots__ = ("first", "pred", "neg", "groups", "subj", "elided", "subj_at")

    def __init__(self, first: int, pred: int, neg: bool, groups: frozenset, subj: str | None,
                 elided: bool, subj_at: int):
        self.first = first  # token index where the clause starts (aux, or "never")
        self.pred = pred  # token index of the verb (or complement) asserted or denied
        self.neg = neg
        self.groups = groups
        self.subj = subj  # lower-case head of the subject; None when unknown
        self.elided = elided  # "..., and will allow": the subject is the previous clause's
        self.subj_at = subj_at  # token index of the subject (== first when elided/unknown)


def _subject(toks: list[Tok], i: int) -> tuple[str | None, bool, int]:
    """Subject head before token i: (head, elided, index)."""
    k = i - 1
    while k >= 0 and toks[k].low in _ADVERBS:
        k -= 1
    if k < 0:
        return None, False, i
    w = toks[k].low
    if w == "and":
        return None, True, i
    if (w in _RELATIVES and w != "that") or w in _QUANTIFIERS:
        return "", False, k  # a relative or a quantifier: never the same subject as another
    if w in _NOT_SUBJECT or w in _PUNCT or w in _AUX or w in _NEGATED:
        return None, False, i
    if w.endswith("'s"):
        w = w[:-2]
    return w, False, k


def _predicate(toks: list[Tok], k: int, modal: bool) -> int | None:
    """Index of the verb or complement that starts at token k, skipping
    adverbs, "be", "have" after a modal, "going to" and determiners."""
    n = len(toks)
    while k < n:
        w = toks[k].low
        if w in _ADVERBS or w in _FILLERS or (modal and w in _MODAL_FILLERS) or w in _DETS:
            k += 1
        elif w in _SEMI_AUX and k + 1 < n and toks[k + 1].low == "to":
            k += 2
        else:
            break
    if k >= n:
        return None
    t = toks[k]
    if t.cap or t.low in _PUNCT or t.low in _NOT_SUBJECT or t.low in _AUX or t.low in _NEGATED or not t.low[0].isalpha():
        return None
    return k


def _clauses(toks: list[Tok]) -> list[Clause]:
    """Auxiliary-led clauses ("we will not allow", "it has confirmed") and
    "never" + verb clauses, in order."""
    out: list[Clause] = []
    n = len(toks)
    i = 0
    while i < n:
        w = toks[i].low
        groups = _AUX.get(w)
        neg = False
        if groups is None and w in _NEGATED:
            groups, neg = _AUX[_NEGATED[w]], True
        if groups is not None:
            k = i + 1
            while k < n and toks[k].low in _ADVERBS:
                k += 1
            if not neg and k < n and toks[k].low in ("not", "never"):
                neg, k = True, k + 1
            else:
                k = i + 1
            if neg and k < n and toks[k].low in _NOT_ADDITIVE:
                i = k + 1
                continue  # "not only": additive, not a denial
            pred = _predicate(toks, k, bool(groups & _MODAL_GROUPS))
            subj, elided, at = _subject(toks, i)
            if pred is not None and toks[pred].low in ("not", "never"):
                pred = None
            out.append(Clause(i, pred if pred is not None else -1, neg, groups, subj, elided, at))
            i = (pred if pred is not None else k - 1) + 1
            continue
        if w == "never":
            pred = _predicate(toks, i + 1, False)
            if pred is not None:
                verb = toks[pred].low
                groups = frozenset({"past"}) if _is_past(verb) else frozenset({"pres"})
                subj, elided, at = _subject(toks, i)
                out.append(Clause(i, pred, True, groups, subj, elided, at))
                i = pred + 1
                continue
        i += 1
    return out


def _denied(toks: list[Tok], clauses: list[Clause]) -> list[tuple[frozenset, frozenset]]:
    """(tense groups, verb lemmas) of do-support and "never" denials, whose
    assertion has no auxiliary ("did not resign" / "she resigned")."""
    return [(c.groups, _lemmas(toks[c.pred].low)) for c in clauses
            if c.neg and c.pred >= 0 and c.groups & {"pres", "past"}]


def _bare_positives(toks: list[Tok], clauses: list[Clause], denied) -> list[Clause]:
    """Positive clauses without an auxiliary ("and she resigned", "it
    approved") for the verbs in `denied`."""
    if not denied:
        return []
    used = {c.pred for c in clauses} | {c.first for c in clauses}
    out = []
    for k in range(1, len(toks)):
        t = toks[k]
        if k in used or t.cap or not t.low.isalpha():
            continue
        for groups, lemmas in denied:
            if not (_lemmas(t.low) & lemmas):
                continue
            past = _is_past(t.low)
            if ("past" in groups) != past and t.low not in _IRREGULAR:
                continue
            nxt = toks[k + 1].low if k + 1 < len(toks) else ""
            if nxt in _NOUN_FOLLOWERS:
                continue  # "plans were approved": a noun
            prev = toks[k - 1].low
            if prev in _AUX or prev in _NEGATED or prev in ("not", "never", "to", "no") or prev in _DETS:
                continue
            subj, elided, at = _subject(toks, k)
            if subj is None and not elided:
                continue
            if subj and subj not in _PRONOUNS and not toks[at].cap and k - at > 1:
                continue
            out.append(Clause(k, k, False, frozenset({"past"} if past else {"pres"}), subj, elided, at))
            break
    return out


def _resolve(clauses: list[Clause]) -> None:
    """An elided subject is the previous clause's."""
    last = None
    for c in clauses:
        if c.elided:
            c.subj = last
        last = c.subj


def _same_subject(a: str | None, b: str | None, taken: set[str] = frozenset()) -> bool:
    """Same subject head, or a noun and a third-person pronoun close together
    (read as one party), unless the pronoun already stands for someone else
    earlier in the sentence (`taken`)."""
    if not a or not b:
        return False
    if a == b:
        return True
    if a in _THIRD and a not in taken and b not in _PRONOUNS and b != "there":
        return True
    return b in _THIRD and b not in taken and a not in _PRONOUNS and a != "there"


def _same_object(toks: list[Tok], c: Clause) -> bool:
    """The denied verb takes no new object: "... and did not raise them",
    "... and did not rise, closing ...". After an asserted verb, denying it
    of a new object ("will contain X, and will not contain Y") is a contrast."""
    if c.pred + 1 >= len(toks):
        return True
    nxt = toks[c.pred + 1].low
    return nxt in _PUNCT or nxt in _ANAPHORA or nxt in _ADVERBS


def _opposed(ta: list[Tok], a: Clause, tb: list[Tok], b: Clause) -> bool:
    """Opposite polarity, the same tense group and the same verb."""
    if a.neg == b.neg or a.pred < 0 or b.pred < 0 or not (a.groups & b.groups):
        return False
    if not (_lemmas(ta[a.pred].low) & _lemmas(tb[b.pred].low)):
        return False
    toks, neg = (ta, a) if a.neg else (tb, b)
    if neg.pred + 1 < len(toks) and toks[neg.pred + 1].low in _WH:
        return False  # "did not say whether ...": a question left open
    return True


def _adjuncts(toks: list[Tok], c: Clause) -> set[str]:
    """Prepositions within four words after the verb, up to a clause break."""
    out = set()
    for t in toks[c.pred + 1:c.pred + 5]:
        if t.low in _PUNCT or t.low == "and":
            break
        if t.low in _ADJUNCT_PREPS:
            out.add(t.low)
    return out


def _contrastive(ta: list[Tok], a: Clause, tb: list[Tok], b: Clause) -> bool:
    """Shapes of a deliberate contrast: emphatic "did want", a positive verb
    with a negative object ("knew nothing"), or parallel adjuncts ("on
    Monday ... on Tuesday")."""
    for toks, c in ((ta, a), (tb, b)):
        if not c.neg and toks[c.first].low in ("do", "does", "did") and c.first != c.pred:
            return True
        if not c.neg and c.pred + 1 < len(toks) and toks[c.pred + 1].low in _NEG_OBJECTS:
            return True
    return bool(_adjuncts(ta, a) & _adjuncts(tb, b))


def _qualified(toks: list[Tok], c: Clause) -> bool:
    """A scope word right after the verb ("consulted only after", "signed it
    later") makes the second clause a different case, not a contradiction."""
    for t in toks[c.pred + 1:c.pred + 5]:
        if t.low in _PUNCT:
            return False
        if t.low in _AFTER_SCOPE:
            return True
    return False


def _span_text(text: str, toks: list[Tok], c: Clause) -> str:
    return text[toks[c.first].start:toks[c.pred].end]


class ContradictoryPolarity(Rule):
    """
    ## What it does
    Flags a verb that is denied and asserted for the same subject within one
    sentence joined by "and", or across two sentences the second of which
    adds ("And", "also"), with no marker of contrast ("but", "instead",
    "rather", "while", "unless", "only", ...) between them: "We will not allow
    this to continue, and we will allow Russia to be a lifeline." Auxiliary
    and modal forms with "not", "n't" or "never", contractions ("won't allow
    ... will allow") and inflected verbs ("did not resign, and she resigned")
    are matched; the tense must agree.

    ## Why it matters
    A negation dropped or added by a translation tool or a paraphraser turns
    a statement into its opposite, and the sentence still reads smoothly. A
    reader trusts it; an editor has to see it.

    ## Example
    ```
    We will not allow this to continue, and we will allow Russia to be a lifeline.
    ```
    is reported, quoting "will not allow" and "will allow". "We will not
    raise taxes, but we will cut spending" and "They did not win, and they
    did not lose" are not.

    ## Fix safety
    No fix: only the writer knows which side was meant.
    """

    code = "NEG001"
    name = "negation.contradictory-polarity"
    severity = Severity.WARNING
    fixable = None
    gate = _JOINED_NEGATION

    def check(self, doc):
        for block in self.blocks(doc):
            text = block.text
            low = block.lowered
            if _negated(low) and any(w in low for w in _JOINERS) and _verb_repeats(low):
                yield from self._block(block, text, low)

    def _block(self, block, text, low):
        spans = sentence_spans(text)
        cues = [_negated(low[s:e]) for s, e in spans]
        parsed: dict[int, tuple[list[Tok], list[Clause]]] = {}

        def parse(i):
            if i not in parsed:
                toks = _tokens(text, *spans[i])
                clauses = _clauses(toks)
                clauses = sorted(clauses + _bare_positives(toks, clauses, _denied(toks, clauses)),
                                 key=lambda c: c.first)
                _resolve(clauses)
                parsed[i] = (toks, clauses)
            return parsed[i]

        for i, (s, e) in enumerate(spans):
            if e - s > _MAX_SENTENCE:
                continue  # a run-on "sentence" (a list, a table dump): pairing would be quadratic
            if cues[i] and " and " in low[s:e] and _verb_repeats(low, s, e):
                toks, clauses = parse(i)
                hit = self._within(toks, clauses)
                if hit:
                    a, b = hit
                    yield self._report(block, text, toks, a, toks, b, "in one sentence")
                    continue
            if i + 1 < len(spans) and (cues[i] or cues[i + 1]) and spans[i + 1][1] - spans[i + 1][0] <= _MAX_SENTENCE:
                s2, e2 = spans[i + 1]
                head = low[s2:min(e2, s2 + 80)]
                if not (" also " in head or _ADDITIVE_START.match(head)) or not _verb_repeats(low, s, e2):
                    continue
                toks1, clauses1 = parse(i)
                toks2, clauses2 = parse(i + 1)
                # "did not receive the tanks. And it received ...": the
                # inflected verb is looked for with the first sentence's denials
                extra = _bare_positives(toks2, clauses2, _denied(toks1, clauses1))
                if extra:
                    clauses2 = sorted(clauses2 + extra, key=lambda c: c.first)
                    _resolve(clauses2)
                hit = self._across(toks1, clauses1, toks2, clauses2)
                if hit:
                    a, b = hit
                    yield self._report(block, text, toks1, a, toks2, b, "in adjacent sentences")

    @staticmethod
    def _within(toks, clauses):
        for j, b in enumerate(clauses):
            if b.pred < 0 or b.first == 0:
                continue
            start_b = b.subj_at if not b.elided else b.first
            if start_b == 0 or toks[start_b - 1].low != "and":
                continue
            for ai in range(j - 1, -1, -1):
                a = clauses[ai]
                if a.pred < 0 or a.pred >= start_b:
                    continue
                taken = {c.subj for c in clauses[:ai] if c.subj in _THIRD}
                if not _opposed(toks, a, toks, b) or not _same_subject(a.subj, b.subj, taken) or _qualified(toks, b):
                    continue
                if _contrastive(toks, a, toks, b):
                    continue
                if b.neg and not _same_object(toks, b):
                    continue
                between = toks[a.pred + 1:b.pred]
                if any(t.low in _CONTRAST or t.low in _BREAKS for t in between):
                    continue
                if any(t.low in _CONTRAST or t.low in _BREAKS for t in toks[:a.first]) and a.subj_at == a.first:
                    continue  # "if it does not ..., and ...": no visible subject of its own
                return a, b
        return None

    @staticmethod
    def _across(toks1, clauses1, toks2, clauses2):
        firsts = [c for c in clauses2 if c.pred >= 0]
        if not firsts:
            return None
        b = firsts[0]
        if b.elided or not b.subj:
            return None
        lead = toks2[:b.subj_at]
        opener = bool(lead) and lead[0].low in _ADDITIVE_OPENERS
        also = any(t.low == "also" for t in toks2[b.subj_at:b.pred])
        if not (opener or also):
            return None
        if any(t.low in _CONTRAST or t.low in _BREAKS for t in lead[1 if opener else 0:]):
            return None
        if any(t.low in _CONTRAST and t.low != "also" for t in toks2[b.subj_at:b.pred]):
            return None
        for a in reversed(clauses1):
            if (a.pred >= 0 and _opposed(toks1, a, toks2, b) and _same_subject(a.subj, b.subj)
                    and not _qualified(toks2, b) and (not b.neg or _same_object(toks2, b))
                    and not _contrastive(toks1, a, toks2, b)):
                if any(t.low in _CONTRAST or t.low in _BREAKS for t in toks1[a.pred + 1:]):
                    return None
                return a, b
        return None

    def _report(self, block, text, toks_a, a, toks_b, b, where):
        first, second = _span_text(text, toks_a, a), _span_text(text, toks_b, b)
        neg, pos = (first, second) if a.neg else (second, first)
        start, end = toks_a[a.first].start, toks_b[b.pred].end
        msg = f"{_quote(neg)} and {_quote(pos)} {where} with no contrast: one of them looks inverted"
        return self.in_block(block, start, end, msg)


# ---------------------------------------------------------------------------
# NEG002 vocabulary
_WARN = lexicon("negation_warnings")
_CONSEQ = sorted(_WARN["consequences"], key=len, reverse=True)
_BEAR = _WARN["bearing_verbs"]
_ADJ = _WARN["adjectives"]
_CONTENT_PATTERN = (
    r"(?<![\w'’])(?:"
    r"there\s+(?:will|would|shall)\s+be\s+(?:absolutely\s+)?no\s+(?:\L<adj>\s+)?(?P<noun>\L<noun>)"
    r"|there\s+(?:will\s+not|would\s+not|won['’]t|wouldn['’]t)\s+be\s+any\s+(?:\L<adj>\s+)?(?P<noun>\L<noun>)"
    r"|(?:will|would|['’]ll)\s+(?:\L<bear>)\s+(?:absolutely\s+)?no\s+(?:\L<adj>\s+)?(?P<noun>\L<noun>)"
    r"|(?:will\s+not|would\s+not|won['’]t|wouldn['’]t)\s+(?:\L<bear>)\s+(?:any\s+)?(?:\L<adj>\s+)?(?P<noun>\L<noun>)"
    r"|(?:will|would)\s+go\s+unpunished"
    r")(?![\w'’-])"
)
_CONTENT = LazyPattern(_CONTENT_PATTERN, _FLAGS, noun=_CONSEQ, bear=_BEAR, adj=_ADJ)


# The same over lower-cased text, which is many times faster than ignoring case.
_CONTENT_LOW = LazyPattern(_CONTENT_PATTERN, regex.V1, noun=[w.lower() for w in _CONSEQ],
                           bear=[w.lower() for w in _BEAR], adj=[w.lower() for w in _ADJ])
_CONTINUATIONS = frozenset(_WARN["continuations"])
_EMPHATIC = LazyPattern(r"\b(?:absolutely\s+no|no\s+\w+\s+(?:whatsoever|at\s+all))\b|\bwhatsoever\b", _FLAGS)
# Literal prefilters: a frame and a consequence must both be present.
_WARN_CUES = ("warn", "threat", "vow", "pledg", "caution", "clear", "bluntly", "firmly", "sternly", "flatly")
_CONSEQ_CUES = ("unpunished",) + tuple({n[:6] for n in _CONSEQ})
_CONSEQ_PREFILTER = any_of(_CONSEQ_CUES, ignorecase=True)  # the same, for the whole document at once
_WARN_VERB = _fold(_WARN["warn_verbs"])


def _warning_cues(low: str) -> bool:
    """Cheap prefilter on lower-cased text: a warning and a consequence may be present."""
    return any(w in low for w in _CONSEQ_CUES) and any(w in low for w in _WARN_CUES)

_TELL = LazyPattern(
    r"(?<![\w])(?:\L<blunt>)(?:\W{1,4}\w{1,20}ly)?\W{1,4}(?:\L<tell>)(?![\w])", _FLAGS,
    blunt=_WARN["blunt"], tell=_WARN["tell_verbs"])
_CLEAR = LazyPattern(r"(?<![\w])(?:\L<make>)\s+(?:it\s+)?clear\s+to(?![\w])", _FLAGS, make=_WARN["clear_verbs"])
_VOW = _fold(_WARN["vows"])
_WRONGDOER = _fold(_WARN["wrongdoers"])
_NOT_ADDRESSEE = frozenset(_WARN["not_addressee"])
_WORD = LazyPattern(r"\p{L}[\p{L}'’]*")


def _addressed(sentence: str, frame_end: int, content_start: int) -> bool:
    """Is there an addressee between the frame verb and its content?"""
    m = _WORD.search(sentence, frame_end, content_start)
    return bool(m) and m.group().lower().replace("’", "'") not in _NOT_ADDRESSEE


class InvertedWarning(Rule):
    """
    ## What it does
    Flags a warning, threat or vow whose content promises no consequence:
    "bluntly telling Beijing that there will be absolutely no repercussions
    for efforts to evade sanctions", "warned Minsk that there would be no
    consequences", "warned Iran it would pay no price". A warning counts when
    it names whom it threatens ("warned Minsk", "made clear to Pyongyang",
    "bluntly told his players"), when the content is emphatic ("absolutely
    no", "whatsoever"), or when a vow or threat names the wrongdoers ("vowed
    that those behind the attack would face no consequences").

    ## Why it matters
    A threat with its negation flipped says the opposite of what the speaker
    said, in the voice of an official. "Campaigners warned that there would
    be no consequences for polluters" is a complaint about impunity and is
    left alone; a warning addressed to the offender is not.

    ## Example
    ```
    Sullivan was bluntly, privately telling Beijing that there will be absolutely no repercussions.
    ```
    is reported, quoting the warning and "there will be absolutely no
    repercussions".

    ## Fix safety
    No fix: restoring the threat means deleting a word the writer may have
    meant; an editor has to check the source.
    """

    code = "NEG002"
    name = "negation.inverted-warning"
    severity = Severity.WARNING
    fixable = None
    gate = _CONSEQ_PREFILTER

    def check(self, doc):
        for block in self.blocks(doc):
            text = block.text
            low = block.lowered
            if not _warning_cues(low):
                continue
            # lower() keeps offsets except for a few letters (İ); then ignore case on the original
            scan, content = (low, _CONTENT_LOW) if len(low) == len(text) else (text, _CONTENT)
            if not content.search(scan):
                continue
            for s, e in sentence_spans(text):
                for m in content.finditer(scan, s, e):
                    if not self._continues(text, m.end(), e):
                        continue
                    frame = self._frame(text, s, e, m)
                    if frame:
                        msg = (f"the warning {_quote(frame, 50)} promises no consequence: "
                               f"{_quote(text[m.start():m.end()])} looks inverted")
                        yield self.in_block(block, m.start(), m.end(), msg)
                        break

    @staticmethod
    def _continues(text: str, end: int, stop: int) -> bool:
        """The consequence noun ends a phrase, it is not a compound ("no price rises")."""
        m = _WORD.search(text, end, stop)
        if not m or text[end:m.start()].strip():
            return True  # punctuation or the end of the sentence follows
        word = m.group().lower()
        if word == "to":  # "no price to pay" threatens; "no cost to taxpayers" reassures
            nxt = _WORD.search(text, m.end(), stop)
            return bool(nxt) and not text[m.end():nxt.start()].strip() and nxt.group().lower() == "pay"
        return word in _CONTINUATIONS

    @staticmethod
    def _frame(text: str, s: int, e: int, m) -> str | None:
        emphatic = bool(_EMPHATIC.search(text, m.start(), min(e, m.end() + 60)))
        wrongdoer = bool(_WRONGDOER.search(text, max(s, m.start() - 60), min(e, m.end() + 60)))
        for f in _WARN_VERB.finditer(text, s, m.start()):
            if emphatic or _addressed(text, f.end(), m.start()):
                return text[f.start():f.end()]
        for f in _TELL.finditer(text, s, m.start()):
            if emphatic or _addressed(text, f.end(), m.start()):
                return text[f.start():f.end()]
        for f in _CLEAR.finditer(text, s, m.start()):
            if emphatic or _addressed(text, f.end(), m.start()):
                return text[f.start():f.end()]
        for f in _VOW.finditer(text, s, e):
            if wrongdoer or emphatic:
                return text[f.start():f.end()]
        # "There will be absolutely no repercussions, he warned."
        for f in _WARN_VERB.finditer(text, m.end(), e):
            if emphatic:
                return text[f.start():f.end()]
        return None


# ---------------------------------------------------------------------------
# NEG003 vocabulary
_DBL = lexicon("negation_double")
# Bounded repeats (\w{1,7}n't, \w{1,20}ly): unbounded ones are quadratic when searched.
_NEG_AUX = (r"(?:\w{1,7}n['’]t|cannot|(?:will|would|shall|should|can|could|may|might|must|do|does|did|"
            r"is|are|was|were|has|have|had)\s+(?:not|never)|never)")
_SECOND = sorted(_DBL["second_negatives"], key=len, reverse=True)
_DOUBLE = LazyPattern(
    r"(?<![\w'’])(?P<neg>" + _NEG_AUX + r")\s+(?:(?P<adv>\w{1,20}ly)\s+)?(?P<verb>[a-z][a-z'’-]*)\s+"
    r"(?P<second>\L<second>|no\s+(?P<noun>[a-z][a-z-]*))(?![\w'’-])"
    r"|(?<![\w'’])(?P<neg>\w{1,7}n['’]t|cannot|not)\s+(?P<second>\L<minimiser>)(?![\w'’-])",
    _FLAGS, second=_SECOND, minimiser=_DBL["minimisers"],
)
# Literal prefilter, then the second negatives; each is matched back to a
# denied verb before it within a short window.
_DOUBLE_CUES = ("nothing", "nobody", "none", "nowhere", "no one", "no-one", "noone", "no ", "hardly", "scarcely", "barely")
_DOUBLE_PREFILTER = any_of(_DOUBLE_CUES, ignorecase=True)


def _double_cues(low: str) -> bool:
    """Cheap prefilter on lower-cased text: two negations may be present."""
    return _negated(low) and any(w in low for w in _DOUBLE_CUES)


_SECOND_SCAN = LazyPattern(
    r"(?<![\w'’-])(?:\L<second>|no(?=\s)|\L<minimiser>)(?![\w'’-])",
    regex.V1, second=_SECOND, minimiser=_DBL["minimisers"])  # run on lower-cased text
_NO_NOT_BEFORE = frozenset(_DBL["no_not_before"])
_SAY_NO = frozenset(_DBL["say_no"])
_COPULAS = frozenset(_DBL["copulas"])
_DBL_MODALS = frozenset(_DBL["modals"])
_NOT_VERBS = frozenset(_DBL["not_verbs"])


class DoubleNegative(Rule):
    """
    ## What it does
    Flags a double negative that cancels itself in standard English: a
    denied verb followed by a second negative ("did not say nothing", "never
    did nothing", "didn't give no explanation", "has not received none of"),
    or a negation before "hardly", "scarcely" or "barely" ("can't hardly").
    Litotes that editors accept are left alone: "not uncommon", "not without
    reason", "not for nothing", "it is not nothing", "would not take no for
    an answer", "we cannot do nothing".

    ## Why it matters
    In standard written English two negatives make a positive, so "Zhao did
    not say nothing" states that he said something; translation tools produce
    it from languages with negative concord, where the writer meant the
    opposite.

    ## Example
    ```
    Zhao did not say nothing about the request.
    ```
    is reported; "did not say anything" is meant.

    ## Fix safety
    No fix: the usual repair ("anything", "hardly") is an editor's choice,
    and in quoted speech the double negative may be the speaker's own.
    """

    code = "NEG003"
    name = "negation.double-negative"
    severity = Severity.WARNING
    fixable = None
    gate = AllOf(_DOUBLE_PREFILTER, _NEGATED_PREFILTER)  # a second negative, and a first

    def check(self, doc):
        for block in self.blocks(doc):
            text = block.text
            low = block.lowered
            if not _double_cues(low):
                continue
            # lower() keeps offsets except for a few letters (İ); then scan the original
            scan = low if len(low) == len(text) else text
            for h in _SECOND_SCAN.finditer(scan):
                window = _DOUBLE.finditer(text, max(0, h.start() - 60), min(len(text), h.end() + 40))
                m = next((m for m in window if m.start("second") == h.start()), None)
                if m is None or self._accepted(m):
                    continue
                yield self.in_block(block, m.start(), m.end(),
                                    f"{_quote(m.group())} is a double negative: the two negations cancel each other")

    @staticmethod
    def _accepted(m) -> bool:
        words = m.group().split()
        if any(w[:1].isupper() for w in words[1:]):
            return True  # a title: "(I Can't Get No) Satisfaction"
        verb = (m.group("verb") or "").lower()
        if not verb:
            return False  # "can't hardly"
        neg = m.group("neg").lower().replace("’", "'")
        if verb in _NOT_VERBS or verb in _COPULAS or verb in ("not", "never"):
            return True
        noun = m.group("noun")
        if noun is not None and (noun.lower() in _NO_NOT_BEFORE or verb in _SAY_NO):
            return True
        aux = neg.split()[0]
        aux = _NEGATED.get(aux, aux)
        if verb == "do" and m.group("second").lower() == "nothing" and aux in _DBL_MODALS:
            return True  # "we cannot do nothing": doing nothing is ruled out
        return False


# ---------------------------------------------------------------------------
# NEG004 vocabulary
_ROLES = lexicon("negation_roles")
_ACTIONS = _ROLES["actions"]
_DEMONYMS = {k: list(v) for k, v in _ROLES["demonyms"].items()}
_NAME = r"(?:the\s+)?\p{Lu}[\p{L}'’.\-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}'’.\-]*){0,3}"
_OPENER = LazyPattern(
    r"(?<![\w])(?P<prep>\L<prep>)\s+(?P<verb>\L<verb>)\s+(?P<obj>" + _NAME + r")\s*,\s+"
    r"(?P<subj>" + _NAME + r")(?=\s+\p{Ll})",
    regex.V1, prep=_ROLES["openers"] + [p.capitalize() for p in _ROLES["openers"]], verb=list(_ACTIONS),
)
_MAX_PARTIES = 200  # distinct (party, act) searches per document
_THE = LazyPattern(r"^the\s+", regex.IGNORECASE)
_POSSESSIVE = LazyPattern(r"['’]s$")


def _bare(name: str) -> str:
    return _POSSESSIVE.sub("", _THE.sub("", name))


def _forms(name: str) -> list[str]:
    """A party's name and the adjectives an article uses for it."""
    forms = [name] + _DEMONYMS.get(name, [])
    for country, adjectives in _DEMONYMS.items():
        if name in adjectives:
            forms.append(country)
    return forms


# Evidence that a party does an act: "Russia's war", "Russian aggression",
# "US-led invasion", "invasion by Iraq", "Russia invaded".
_EVIDENCE = (
    r"(?<![\w])(?P<actor>\L<f>)(?:['’]s|-led|-backed)?\s+(?:\w+\s+)?(?:\L<noun>)(?![\w])"
    r"|(?<![\w])(?:\L<noun>)\s+by\s+(?:the\s+)?(?P<actor>\L<f>)(?![\w])"
    r"|(?<![\w])(?P<actor>\L<f>)\s+(?:has\s+|had\s+|have\s+)?(?:\L<past>)(?![\w])"
)
# Every country and adjective in the lexicon: one pattern per act finds them all.
_KNOWN = frozenset(_DEMONYMS) | {adjective for adjectives in _DEMONYMS.values() for adjective in adjectives}


@lru_cache(maxsize=None)
def _known_actors(verb: str) -> regex.Pattern:
    action = _ACTIONS[verb]
    return patterncache.compile(_EVIDENCE, regex.V1, f=sorted(_KNOWN), noun=action["nouns"], past=action["past"])


@lru_cache(maxsize=512)
def _actor_pattern(name: str, verb: str) -> regex.Pattern:
    """The evidence for one party outside the lexicon, compiled once per
    party and act (the names come from the text, so it is not cached
    between runs)."""
    action = _ACTIONS[verb]
    return regex.compile(_EVIDENCE, regex.V1, f=_forms(name), noun=action["nouns"], past=action["past"])


class _Evidence:
    """Which parties an article names as the actor of an act. The lexicon's
    parties are found with one scan per act, whose matches may overlap as
    each party's own search would ("invasion by Iraq" inside "Iran's
    invasion by Iraq"); other parties, with a search of their own."""

    def __init__(self, article: str):
        self.article = article
        self.actors: dict[str, set[str]] = {}

    def acts(self, name: str, verb: str) -> bool:
        forms = _forms(name)
        if not _KNOWN.issuperset(forms):
            return bool(_actor_pattern(name, verb).search(self.article))
        if verb not in self.actors:
            self.actors[verb] = {m.group("actor") for m in _known_actors(verb).finditer(self.article, overlapped=True)}
        return not self.actors[verb].isdisjoint(forms)


class RoleReversal(Rule):
    """
    ## What it does
    Flags a participial opener of a hostile act whose roles are swapped:
    "days after invading Russia, China condemned ..." when the article names
    Russia, not China, as the invader ("Russia's war", "Russian aggression",
    "Russia invaded"), or when the opener's object is the main clause's own
    subject ("after invading Ukraine, Ukraine asked ...").

    ## Why it matters
    The opener's implied actor is the main clause's subject, so the sentence
    states that China invaded Russia. Translation tools produce this when they
    turn "after Russia invaded" into a participle.

    ## Example
    ```
    Russia's war against Ukraine ... But days after invading Russia, China condemned Britain.
    ```
    is reported; "days after Russia invaded Ukraine" is meant.

    ## Fix safety
    No fix: the sentence has to be rewritten with the right actor.
    """

    code = "NEG004"
    name = "negation.role-reversal"
    severity = Severity.WARNING
    fixable = None
    gate = any_of(_ACTIONS)  # every opener names one of the acts

    def check(self, doc):
        evidence = None
        known: dict[tuple[str, str], bool] = {}  # (party, verb) -> acts; one answer each per document

        def acts(name, verb):
            if (name, verb) not in known:
                if len(known) >= _MAX_PARTIES:
                    return False  # a generated list of openers, not an article
                known[(name, verb)] = evidence.acts(name, verb)
            return known[(name, verb)]

        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            for m in _OPENER.finditer(text):
                if evidence is None:
                    evidence = _Evidence("\n".join(b.text for b in doc.blocks))
                obj, subj = _bare(m.group("obj")), _bare(m.group("subj"))
                verb = m.group("verb")
                if obj == subj:
                    why = ""
                elif acts(obj, verb) and not acts(subj, verb):
                    why = f", but the article names {obj} as the actor"
                else:
                    continue
                opener = m.group("prep") + " " + m.group("verb") + " " + m.group("obj")
                msg = (f"{_quote(opener)} reads as {subj} {verb} {obj}{why}: "
                       f"the roles look reversed")
                yield self.in_block(block, m.start("prep"), m.end("subj"), msg)


RULES = [ContradictoryPolarity, InvertedWarning, DoubleNegative, RoleReversal]
