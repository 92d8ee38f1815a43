"""Every gate in lint/adapters/proselint_gates.py lets through every text on
which its proselint check finds something (a superset of the check)."""

from __future__ import annotations

import re
from unittest.mock import patch

import yaml
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS

from lint.adapters import proselint as adapter
from lint.adapters import proselint_gates as gates

_SYNTAX = re.compile(r"[\\()\[\]?*+|{}^$]")


def _plan():
    return adapter._plan()


def _items() -> list[str]:
    """The literal words of the checks (those free of regex syntax) and the
    texts of every PL fixture: pieces that make the checks fire."""
    found = set()
    for check in _plan().checks:
        kind = check.check_type
        for item in getattr(kind, "items", ()) or ():
            if not _SYNTAX.search(item):
                found.add(item)
    for path in sorted(FIXTURES.glob("PL*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.update(case["text"] for case in data["fail"] + data["pass"])
    for name in ("uncomparables", "misc.waxed", "terms.venery"):  # checks written as functions
        module = gates._module(name)
        for attr in ("COMPARATORS", "FANCY_COMPARATORS", "UNCOMPARABLES", "WAXES", "MODIFIERS", "GENERIC_TERMS"):
            found.update(getattr(module, attr, ()))
        found.update(animal for animal, _ in getattr(module, "TERM_MAP", ()))
    return sorted(found)


# Characters where RE2 and Python's `re` part ways: case folding beyond
# ASCII (İ ı ſ K), white space `re` knows and RE2 does not, accents and
# digits inside words, and the marks the checks' edges look at.
TWISTS = ["İ", "ı", "ſ", "K", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85", "\t", "\n", "\n\n", " ", "  ",
          "é", "2", "12", "_", "'", "-", "’", "“", "”", '"', ".", ",", "!", "?", "(", ")", "at ", "But ", "of "]
PIECES = st.sampled_from(_items() + TWISTS)
CASE = st.sampled_from([str, str.upper, str.title, str.lower,
                        lambda s: s.replace("i", "İ"), lambda s: s.replace("i", "ı"), lambda s: s.replace("s", "ſ"),
                        lambda s: s.replace("k", "K"), lambda s: s.replace(" ", "\u00a0")])
TEXTS = st.lists(st.tuples(PIECES, CASE).map(lambda p: p[1](p[0])), min_size=1, max_size=12).map(" ".join)


def _finds(check, content: str) -> bool:
    return next(iter(check.check_with_flags(content)), None) is not None


@SETTINGS
@given(TEXTS)
def test_every_gate_passes_where_its_check_finds_something(text):
    plan = _plan()
    content = "\n" + text + "\n"  # as proselint (and copydesk) hand it to the checks
    matched = plan.matched(content)
    for i, check in enumerate(plan.checks):
        if _finds(check, content):
            assert plan.passes(i, content, matched), (check.path, text)


# Repeated phrases for lexical_illusions: words with digits, accents and
# letters that fold, repeated across any white space, with marks around.
WORDS = st.sampled_from(["the", "The", "THE", "a", "in", "it's", "12the", "the2", "a1b", "a1b2c", "2004", "12", "2",
                         "5m", "£5m", "café", "İt", "it", "ıt", "ſo", "so", "Kin", "kin", "_x", "x_", "ΣΑΣ", "σας",
                         "had", "that", "very", "well-known", "known", "don’t", "“the", "the”", "£5m", "€"])
SPACE = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "\x1c", "\x85"])
MARK = st.sampled_from(["", "", "(", ")", ".", ",", "'", "-", "“", "”", "2", "x"])


@st.composite
def repeated(draw):
    phrase = draw(st.lists(WORDS, min_size=1, max_size=4))
    space = draw(SPACE)
    copies = draw(st.integers(2, 3))
    body = space.join([space.join(phrase)] * copies)
    return draw(MARK) + body + draw(MARK) + draw(SPACE) + " ".join(draw(st.lists(WORDS, max_size=4)))


@SETTINGS
@given(st.one_of(repeated(), TEXTS))
def test_repeated_phrases_pass_the_lexical_illusions_gate(text):
    check = adapter.checks_by_path()["lexical_illusions"][0]
    content = "\n" + text + "\n"
    if _finds(check, content):
        assert gates.repeats_possible(content), text


def test_the_lexical_illusions_gate_turns_away_plain_prose():
    assert not gates.repeats_possible("\nThe board met in the main hall on Friday, and talks went on.\n")
    assert not gates.repeats_possible("\nIt raised £5m (£6m) and $3bn, $4bn.\n")  # not a phrase repeated
    for text in ("the the", "12the the", "the the2", "İt it", "2004 2004", "of the of the", "a1b2 a1b2"):
        assert gates.repeats_possible(f"\n{text}\n"), text


def test_every_check_outside_the_snapshot_is_gated_but_the_restricted_ones():
    plan = _plan()
    assert {plan.checks[i].path for i in plan.always} == gates.UNGATED
    assert set(plan.by_path) == {p for p in adapter.table() if p in adapter.checks_by_path()} - adapter.gate().gated


def test_gate_patterns_fold_as_python_does():
    import re2

    assert re2.search(gates.ci_literal("imprimature"), "İMPRIMATURE")
    assert re2.search(gates.ci_literal("imprimature"), "ımprımature")
    assert gates.ci_literal("very", bounded=True) == "(?i)\\bvery\\b"
    assert gates.ci_literal("kudos", bounded=True) == "(?i)kudos"  # K and ſ fold beyond ASCII: no \b


@SETTINGS
@given(st.lists(st.one_of(repeated(), TEXTS), min_size=1, max_size=8).map(" ".join))
def test_lexical_illusions_piece_by_piece_finds_what_it_finds_whole(text):
    check = adapter.checks_by_path()["lexical_illusions"][0]
    content = "\n" + text + "\n"
    whole = list(check.check_with_flags(content))
    for size in (1, 16, gates._PIECE):  # pieces of one run, of a few, and as cut
        with patch.object(gates, "_PIECE", size):
            assert list(adapter._results(check, content, gates.REGIONS[check.path])) == whole, size


def test_lexical_illusions_pieces_are_where_phrases_come_back():
    plain = "The board met in the main hall on Friday, and talks went on. " * 10
    content = f"\n{plain}It was the the best of times. {plain}\n"
    pieces = [content[start:end] for start, end in gates.repeat_regions(content)]
    assert len(pieces) == 1 and "the the best" in pieces[0] and len(pieces[0]) < 2 * gates._PIECE
    assert pieces[0][0] in ",." and pieces[0][-1] in ",."  # cut at marks, which no phrase crosses
