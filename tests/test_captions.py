"""CAP beyond the fixtures: the seed article, and the agency lexicon."""

from __future__ import annotations

import pytest

from lint.api import check_text, fix_text
from lint.packs import lexicon

from conftest import SAMPLES

SEED = (SAMPLES / "us-warns-china.txt").read_text(encoding="utf-8")
SEED_CAPTION = ("A duty officer of the pro-Russian troops in a uniform without insignia jumps out of a tank "
                "with the letters “Z” painted on it near a residential building damaged during the "
                "Ukrainian-Russian conflict in the city Volnovakha, Donetsk region. , controlled by "
                "separatists, Ukraine March 11, 2022.")


def test_seed_caption_is_the_only_cap_finding():
    found = check_text(SEED, "text", select=["CAP"])
    start = SEED.index(SEED_CAPTION)
    assert [(d.code, d.start, d.end) for d in found] == [("CAP002", start, start + len(SEED_CAPTION))]
    assert found[0].fix is not None and found[0].fix.applicability.value == "unsafe"


def test_seed_unsafe_fix_removes_the_caption_paragraph_only():
    start = SEED.index(SEED_CAPTION)
    # The paragraph, its trailing spaces and the blank line before it go; the
    # line before keeps its own trailing spaces (WS001's business).
    before = SEED.rindex("\n\n", 0, start)
    line_end = SEED.index("\n", start)
    expected = SEED[:before] + SEED[line_end:]
    fixed = fix_text(SEED, "text", select=["CAP"], unsafe=True).text
    assert fixed == expected
    assert fix_text(SEED, "text", select=["CAP"]).text == SEED  # not with safe fixes only


@pytest.mark.parametrize("agency", lexicon("captions")["agencies"])
def test_every_agency_closes_a_slash_credit(agency):
    text = f"Talks went on.\n\nJane Doe/{agency}\n\nMore talks.\n"
    found = check_text(text, "text", select=["CAP001"])
    start = text.index("Jane")
    assert [(d.start, d.end) for d in found] == [(start, start + len(f"Jane Doe/{agency}"))]
