"""DUP002's one-scan gate over a whole article never misses a doubled word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS

from lint.checks.duplication import _has_doubled_word, _may_hold_doubled_word
from lint.formats import load

WORDS = st.sampled_from(["the", "The", "café", "Café", "путь", "naïve", "ℕ", "a", "ǅ", "straße", "ĳ", "İ"])
MARKS = st.sampled_from([" ", "  ", "\n", " \n ", "“", "”", "‘", "’", "—", "–", "(", ")", "\"", "'", ",", ".", "€",
                         "\u00a0", "\u2009", "1", "-", "…", "«", "»"])
AROUND = st.lists(st.one_of(WORDS, MARKS), max_size=8).map("".join)
GAPS = st.sampled_from([" ", "  ", "\n", " \n ", "\t", "\u00a0"])


@SETTINGS
@given(AROUND, WORDS, GAPS, AROUND)
def test_the_gate_passes_every_article_with_a_doubled_word(before, word, gap, after):
    text = before + word + gap + word + after
    if _has_doubled_word(text):
        assert _may_hold_doubled_word(load(text))


def test_the_gate_reads_copy_beyond_ascii():
    assert _may_hold_doubled_word(load("She called “the the report” late.\n"))
    assert _may_hold_doubled_word(load("The café café closed.\n"))
    assert not _may_hold_doubled_word(load("The café closed — “quietly”.\n"))
