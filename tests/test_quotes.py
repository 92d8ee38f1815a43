"""PUNC003 takes a paragraph whose quotation marks plainly pair up without
reading it mark by mark; that shortcut never hides a finding."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS

from lint.checks.punctuation import _PAIRED, _unpaired

PIECES = st.sampled_from(['"', "“", "”", " ", "\n", "word", "x", "12", ".", ",", "!", "(", ")", "[", "—", "-", "/",
                          "…", "'", "\u00a0", "é"])


@SETTINGS
@given(st.lists(PIECES, max_size=14).map("".join), st.booleans())
def test_a_plainly_paired_paragraph_holds_no_finding(text, runs_on):
    if _PAIRED.fullmatch(text):
        assert _unpaired(text, False, runs_on) == ([], None, False)


def test_which_paragraphs_are_plainly_paired():
    assert _PAIRED.fullmatch('He said "yes" and left. “We will,” she said ("later").')
    assert _PAIRED.fullmatch("No quotation marks at all.")
    assert not _PAIRED.fullmatch('He said "yes and left.')  # left open
    assert not _PAIRED.fullmatch('A 12" pipe')  # an inch mark
    assert not _PAIRED.fullmatch('They wrote ""')  # doubled
    assert not _PAIRED.fullmatch("a ”reversed” mark")  # a closing mark used to open
