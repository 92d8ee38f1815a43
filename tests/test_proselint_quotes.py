"""The PL rules tell quoted words as proselint does: quote_bounds gives
proselint's LintFile.quote_bounds exactly, on every clean article and on
generated text, without its slow scan."""

from __future__ import annotations

from conftest import CORPORA
from hypothesis import given
from hypothesis import strategies as st
from proselint.tools import LintFile
from test_properties import SETTINGS

from lint.adapters.proselint import quote_bounds


def _proselints(text: str) -> tuple[int, ...]:
    return tuple(LintFile("<copydesk>", text).quote_bounds)


def test_a_quotation_is_bounded_by_its_marks():
    assert quote_bounds('\nHe said "stop" now.\n') == (9, 14) == _proselints('He said "stop" now.')


def test_an_apostrophe_inside_a_word_opens_no_quotation():
    text = "The BBC's ‘editor’ didn't say."
    assert quote_bounds(f"\n{text}\n") == (11, 18) == _proselints(text)


def test_every_clean_article_reads_as_proselint_reads_it():
    files = sorted((CORPORA / "clean").glob("*/*.txt"))
    assert len(files) > 2000
    differ = [f.name for f in files
              if quote_bounds(f"\n{(text := f.read_text(encoding='utf-8'))}\n") != _proselints(text)]
    assert differ == []


_PIECES = st.sampled_from(['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", " ", "\n", ",", ".", "-", ";", "a", "Z",
                           "7", "_", "\u00e9", "\u4e2d", "\u0663", "\t", "(", ")"])


@SETTINGS
@given(st.lists(_PIECES, min_size=1, max_size=40).map("".join))  # (LintFile keeps no content for an empty text)
def test_any_text_reads_as_proselint_reads_it(text):
    assert quote_bounds(f"\n{text}\n") == _proselints(text)
