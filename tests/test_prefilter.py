"""Document-wide prefilters only ever skip articles a rule would not flag."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st
from test_properties import DOCUMENTS, SETTINGS

from lint import check_text
from lint.core.document import Document
from lint.formats import load
from lint.run.registry import default_registry
from lint.speed import prefilter


def test_hspace_is_every_white_space_character_but_line_breaks():
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()} - {"\r", "\n"}
    pattern = re.compile(f"[{prefilter.HSPACE}]")
    in_class = {chr(c) for c in range(sys.maxunicode + 1) if pattern.match(chr(c))}
    assert in_class == every


def test_every_prefilter_compiles_in_re2_and_in_re():
    default_registry()  # imports every rule module, which declares its prefilters
    assert prefilter._scanner() is not None
    assert len(prefilter._PATTERNS) >= 8
    for pattern in prefilter._PATTERNS:  # `re` tests single blocks
        re.compile(pattern)


def test_a_lone_surrogate_lets_every_rule_look():
    doc = Document("a \ud800 b", fmt="text")
    assert prefilter._scan(doc) == frozenset(range(len(prefilter._PATTERNS)))


def _hit(doc, pattern: str) -> bool:
    return prefilter._PATTERNS.index(pattern) in prefilter._scan(doc)


SPACE_RUN = "[ \t\u00a0]{2}"  # WS003's prefilter


def test_the_prose_is_scanned_not_the_source():
    code_span = load("Fifty people `a  b`\n", fmt="markdown")  # code is not prose
    assert code_span.prose == "Fifty people \ufffc"
    assert not _hit(code_span, SPACE_RUN)
    entities = load("<p>Fifty&nbsp;&nbsp;people</p>\n", fmt="html")  # entities are decoded
    assert entities.prose == "Fifty\u00a0\u00a0people"
    assert _hit(entities, SPACE_RUN)


@SETTINGS
@given(DOCUMENTS)
def test_findings_are_the_same_without_prefilters(doc):
    text, fmt = doc
    with_prefilters = check_text(text, fmt, select=["ALL"])
    saved = prefilter._compiled
    prefilter._compiled = (len(prefilter._PATTERNS), None)  # no scanner: every rule reads everything
    try:
        without = check_text(text, fmt, select=["ALL"])
    finally:
        prefilter._compiled = saved
    assert with_prefilters == without


# -- the gates of the always-run rules ------------------------------------------
# Each gate is proven a superset of its rule: on documents built from the
# rule's own fixtures and the pieces that trip it, wherever the gate turns a
# document away, the rule finds nothing in it.

GATED = ("NEG001", "NEG003", "DUP002", "DUP003", "PUNC003", "STY001", "STY002", "STY003", "STY004", "STY005", "STY006",
         "STY101", "STY201")  # consistency rules share one gate: two of the house styles too


def _fixture_texts(code: str) -> list[str]:
    import yaml
    from conftest import FIXTURES

    data = yaml.safe_load((FIXTURES / f"{code}.yml").read_text(encoding="utf-8"))
    return [case["text"] for case in data["fail"] + data["pass"]]


GATE_PIECES = st.sampled_from(sorted({t for code in GATED for t in _fixture_texts(code)}) + [
    "We will not allow it", " and we will allow it.", "They did not resign. And they resigned.", " also ",
    "moreover", "Never", "n’t", "NOT", "\n\n", "\n", "\r\n", " ", "\u00a0", "\u2003", "the the ", "The the ",
    "Talks ended. ", "Talks ended. Talks ended. ", "“", "”", '"', ' "', '" ', '("', '")', '—"', '"—', "“”", '""',
    'He said "no".', "He said “no”.", "“Yes,” he said.", '"Yes," he said.', "Britain\"s", "don\"t", "12\"",
    "İ", "K", "ſ", "é", "#", "- ", "> ", "<p>", "</p>", "<br>", "<blockquote>", "</blockquote>",
    "US", "U.S.", " US ", "the U.S. economy", "I said", "“the US”", "US$5",
    "Zhao did not say nothing.", " can't hardly ", "never did nothing", "no one", "NOTHING",
])
GATE_DOCS = st.tuples(st.lists(st.one_of(GATE_PIECES, st.text(max_size=4)), max_size=14).map("".join),
                      st.sampled_from(["text", "markdown", "html"]))


@SETTINGS
@given(GATE_DOCS)
def test_each_gate_lets_through_every_document_its_rule_reports(case):
    text, fmt = case
    rules = {r.code: r for r in default_registry()}
    doc = load(text, fmt=fmt)
    for code in GATED:
        rule = rules[code]
        if not rule.gate.passes(doc):
            assert list(rule.check(doc)) == [], (code, text, fmt)


@SETTINGS
@given(st.lists(GATE_DOCS, min_size=1, max_size=6))
def test_a_batch_is_let_through_as_each_of_its_documents_is(cases):
    """The engine asks each gate of a whole batch (prefilter.select), with
    what the gates work out once for it; every rule's gate, PL rules' too,
    chooses the documents it passes one by one."""
    docs = [load(text, fmt=fmt) for text, fmt in cases]
    batch: dict = {}
    for rule in default_registry():
        if rule.gate is not None:
            alone = [i for i, doc in enumerate(docs) if rule.gate.passes(load(doc.source, fmt=doc.format))]
            assert prefilter.select(rule.gate, docs, batch) == alone, rule.code


def test_the_gates_are_where_the_rules_are():
    rules = {r.code: r for r in default_registry()}
    assert all(rules[code].gate is not None for code in GATED)
    for code in GATED:  # each fixture that fails the rule passes its gate
        for text in _fixture_texts(code):
            if check_text(text, select=[code]):
                assert rules[code].gate.passes(load(text, fmt="text")), (code, text)


def test_a_sentence_repeated_after_a_paragraph_with_no_sentence_end_is_found():
    # The paragraph before ends without a mark: joined to the next one by a
    # space, it hid the repeat from DUP003's necessary condition.
    text = ("Officials gave the figures in a statement:\n\nPrices rose again in March.\n\n"
            "Prices rose again in March. Analysts were surprised.\n")
    found = check_text(text, select=["DUP003"])
    assert [(text[d.start:d.end], d.message) for d in found] == [
        ("Prices rose again in March.", "this sentence repeats the one before it")]


# -- BOIL016's marker scan ------------------------------------------------------
# Before loading its patterns of hundreds of phrases, BOIL016 looks for a
# few words of each phrase around each "continu"; wherever a pattern finds
# a marker, the scan must find something too, however the marker's case
# and spaces are written (re.IGNORECASE folds "i" into "İ" and "ı", "s"
# into "ſ", "k" into the Kelvin sign; `\s` is every str.isspace()
# character, and a run of them may be longer than the scan's window).

def _marker_texts():
    from lint.checks import clusters

    default_registry()  # loads BOIL004's phrases
    variants = {"i": "iIİı", "s": "sSſ", "k": "kKK", " ": [" ", "  ", "\n", "\u2003", "\x1c", "\u00a0 ", " " * 70]}

    def written(phrase):
        return st.tuples(*[st.sampled_from(list(variants.get(c.lower(), [c, c.upper()]))) for c in phrase]).map("".join)

    marker = st.sampled_from(clusters._marker_phrases()).flatmap(written)
    around = st.sampled_from(["", "The minister resigned. ", "Her deputy takes over.", " ", ". ", "(", ")", "...",
                              "…", ":", "”", '"', "\n", "She said: ", "continue ", "Continued"])
    return st.lists(st.one_of(marker, around, st.text(max_size=3)), max_size=6).map("".join)


@SETTINGS
@given(_marker_texts())
def test_the_marker_scan_finds_every_marker(text):
    from lint.checks import clusters

    if any(pattern.search(text) for pattern in clusters._markers()):
        assert clusters.may_hold_marker(text), text


def test_the_marker_scan_passes_the_rules_fixtures():
    from lint.checks import clusters

    for text in _fixture_texts("BOIL016"):
        if check_text(text, select=["BOIL016"]):
            assert clusters.may_hold_marker(text), text


_NEGATION_PIECES = st.sampled_from(["not", "n't", "n’t", "never", "cannot", "nothing", "cannot not", "did", "go",
                                    "won't", "x", " ", "  ", "\n", ".", "é", "_", "1", "notnot", "can", "never never"])


@SETTINGS
@given(st.lists(_NEGATION_PIECES, max_size=30).map("".join), st.integers(0, 200), st.integers(0, 200))
def test_negations_found_from_their_cues_are_the_pattern_s_matches(low, start, length):
    """NEG001's verb prefilter looks for its negations from where their cues
    are: the same matches as the pattern's own scan, over any range."""
    from lint.checks.negation import _NEG_AT, _negations

    start = min(start, len(low))
    end = min(len(low), start + length)
    assert [m.span() for m in _negations(low, start, end)] == [m.span() for m in _NEG_AT.finditer(low, start, end)]


_LITERALS = st.lists(st.sampled_from(["AP", "AP Photo", "AFP", "Getty", "Getty Images", "ap", "Ap", "İ", "i", "ß", "ss",
                                      "K", "\u212a", "no", "no one", "none", "x.y", "a|b", ""]), min_size=1, max_size=8)
_HAYSTACK = st.lists(st.sampled_from(["AP", " Photo", "ap", "Getty", " Images", "AF", "P", "İ", "i", "ss", "ß", "k",
                                      "\u212a", "no", " one", "x.y", "xzy", "a|b", "b", " ", "\n"]), max_size=10).map("".join)


@SETTINGS
@given(_LITERALS, st.booleans(), _HAYSTACK)
def test_a_prefilter_of_the_fewest_literals_passes_where_one_of_all_of_them_is(literals, ignorecase, text):
    """any_of leaves out the literals that hold another: the same answer as
    the whole alternation, in RE2 (the document's scan) and `re` (a block's)."""
    import re2

    whole = ("(?i)" if ignorecase else "") + "|".join(re.escape(w) for w in literals)
    fewest = prefilter.alternation(literals, ignorecase)
    assert bool(re.search(fewest, text)) == bool(re.search(whole, text))
    data = text.encode()
    assert bool(re2.compile(fewest).search(data)) == bool(re2.compile(whole).search(data))


def test_the_fewest_literals_leave_out_those_that_hold_another():
    assert prefilter.fewest(["AP Photo", "Getty Images", "AP", "AFP", "AP", "Getty", "PA Wire"]) == ["AP", "AFP", "Getty",
                                                                                                     "PA Wire"]
    assert prefilter.alternation(["no one", "no"], ignorecase=True) == "(?i)no"
