"""A PhraseBook answers exactly as the set of its phrases would, and makes a
set only for the first words it is asked about."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lint.packs.phrasebook import PhraseBook

PHRASES = {"share", "share on facebook", "share on twitter", "leave a reply", "leave a comment"}


def test_membership_is_exact():
    book = PhraseBook.of(PHRASES)
    assert "share on facebook" in book and "leave a reply" in book and "share" in book
    assert "share on" not in book and "leave" not in book and "reply" not in book and "" not in book


def test_only_the_words_looked_up_become_sets():
    book = PhraseBook.of(PHRASES)
    assert "leave a reply" in book and "print this page" not in book
    assert set(book._sets) == {"leave"}


def test_it_holds_the_same_phrases_as_its_runs_say():
    book = PhraseBook(PhraseBook.of(PHRASES).runs)  # as read back from the pack cache
    assert sorted(book) == sorted(PHRASES) and len(book) == len(PHRASES)
    assert book.runs == {"share": "share\nshare on facebook\nshare on twitter",
                         "leave": "leave a comment\nleave a reply"}


words = st.text(alphabet="abc", min_size=1, max_size=3)
phrases = st.lists(words, min_size=1, max_size=3).map(" ".join)


@given(st.sets(phrases, max_size=20), phrases)
def test_it_answers_as_a_set(members, probe):
    book = PhraseBook.of(members)
    assert (probe in book) == (probe in members)
    assert set(book) == members and len(book) == len(members)
