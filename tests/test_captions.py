"""CAP beyond the fixtures: the seed article, and the agency lexicon."""

from __future__ import annotations

import pytest
from conftest import SAMPLES
from lint.packs.pack import lexicon

from lint.api import check_text, fix_text

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


# Sources for the one-pass prefilter: credits and captions in plain text with
# non-ASCII spaces and digits, lower-case labels and agency names at the end.
PREFILTER_SOURCES = [
    SEED,
    "Talks went on.\n\nA man walks past a shop in Kyiv, Ukraine March\u00a011,\u20032022. REUTERS/Gleb Garanich\n",
    "Talks went on.\n\n(photos : Jane Doe, Ted Smith)\n\nMain images by Jane Doe\n\nimage credit: Getty\n",
    "Talks went on.\n\nWikiLeaks founder Julian Assange (AFP)\n\nFlames rise over the port.Reuters\n",
    "Talks went on.\n\nIn\u00a0this Dec. 12, 2006, file photo, made available by NASA, a crew works on the station.\n",
    "Talks went on.\n\nPeople walk in the rain in Cairo, Egypt, 11 March \u0662\u0660\u0662\u0662.\n\nFans cheer (SEC).\n",
    "<p>Talks went on.</p><p>A man walks past a shop in Kyiv, Ukraine March 11, 2022. &copy; Reuters/Gleb Garanich</p>",
]


@pytest.mark.parametrize("source", PREFILTER_SOURCES)
def test_the_one_pass_questions_lose_no_caption(source, monkeypatch):
    from lint.checks import captions
    from lint.formats import load
    from lint.speed import prefilter

    fmt = "html" if source.startswith("<") else "text"
    facts = captions._source_facts(load(source, fmt=fmt))
    if source is SEED:  # a caption with no credit: the credit questions say no, the rest yes
        assert facts == (False, False, True, True, True, False)
    found = [(d.code, d.start, d.end, d.message) for d in check_text(source, fmt, select=["CAP"])]
    monkeypatch.setattr(prefilter, "_compiled", (len(prefilter._PATTERNS), None))  # no RE2: every answer is yes
    assert all(captions._source_facts(load(source, fmt=fmt)))
    assert [(d.code, d.start, d.end, d.message) for d in check_text(source, fmt, select=["CAP"])] == found
