"""Web debris beyond the line-by-line rules: the cluster
rule's context and fixes, the glued and orphan markers, glued sentences,
repeated phrases and headlines, and every case the accuracy report counts."""

from __future__ import annotations

import sys

import pytest
from conftest import CORPORA, ROOT

from lint.api import check_text, fix_text
from lint.checks.clusters import cluster_lines, companion_kind, shape
from lint.checks.phrases import repeated_phrases
from lint.checks.spacing import glued_sentences
from lint.formats import load
from lint.run.registry import default_registry

STORY = "The council will vote again in June, the mayor said on Tuesday."
MORE = "Residents said they would appeal the decision to the state board next month."
BOX = ["Share this:", "Reddit", "Related stories", "Mayor names new housing chief", "Bus fares to rise in April"]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
@pytest.mark.parametrize("tail,kept", [([], []), (["Leave a Reply"], []),
                                       # a short line over a paragraph may be a subheading: kept
                                       ([MORE], ["Bus fares to rise in April", MORE])])
def test_one_fix_run_removes_the_box_and_what_it_marked(sep, tail, kept):
    """The fix loop removes the boilerplate and the lines judged by it in
    one go: BOIL015's removals leave the separators to the boilerplate
    beside them, so both are applied in the same pass. (Between two
    boilerplate lines at the end of the copy a separator is left over,
    which the final-newline rule, WS002, takes.)"""
    text = sep.join([STORY, *BOX, *tail]) + "\n"
    fixed = fix_text(text, select=["BOIL", "WS002"], unsafe=True)
    assert fixed.text == sep.join([STORY, *kept]) + "\n"
    assert fixed.unstable is None


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_the_cluster_rule_alone_keeps_the_boilerplate(sep):
    """BOIL015 removes the headline it reports and leaves the boilerplate
    to the rules that know it; the short line over the paragraph may be a
    subheading, so it is not reported, and no later pass of fixes takes it
    once the headline above it is gone."""
    text = sep.join([STORY, *BOX, MORE]) + "\n"
    assert [text[d.start : d.end] for d in check_text(text, select=["BOIL015"])] == [BOX[3]]
    fixed = fix_text(text, select=["BOIL015"], unsafe=True).text
    assert fixed == sep.join([STORY, *BOX[:3], BOX[4], MORE]) + "\n"


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_headline_keeps_its_date_through_the_fix_loop(sep):
    """The date under an author's name marks the line below it as the
    headline: BOIL015 leaves the date, so a second pass of the fix loop
    does not find the headline bare and take it."""
    top = ["Share this:", "Reddit", "Jane Doe", "March 3, 2020", "Library to close on Elm Street",
           "The vote that sealed its fate", STORY]
    fixed = fix_text(sep.join(top) + "\n", select=["BOIL"], unsafe=True).text
    assert "Library to close on Elm Street" in fixed and "March 3, 2020" in fixed and STORY in fixed


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_listing_of_posts_is_debris_but_one_dated_headline_is_not(sep):
    listing = ["Recent articles", "Library hours extended", "December 17, 2021", "City hall opens on weekends",
               "December 7, 2021", "Bus fares to rise in April", "November 18, 2021"]
    text = sep.join([STORY, *listing]) + "\n"
    assert fix_text(text, select=["BOIL"], unsafe=True).text == STORY + "\n"
    text = sep.join(["Share this:", "Reddit", "Library to close on Elm Street", "March 3, 2020", STORY]) + "\n"
    assert [d.code for d in check_text(text, select=["BOIL015"])] == []


def test_context_is_judged_whatever_rules_are_selected():
    text = "\n".join([STORY, *BOX]) + "\n"
    for select in (["BOIL015"], ["BOIL"], ["ALL"]):
        found = [text[d.start:d.end] for d in check_text(text, select=select) if d.code == "BOIL015"]
        assert found == ["Mayor names new housing chief\nBus fares to rise in April"], select


def test_a_clean_article_has_no_clusters():
    docs = [load(p.read_text(encoding="utf-8")) for p in sorted((CORPORA / "clean" / "modern").glob("*.txt"))[:40]]
    default_registry()
    assert all(cluster_lines(doc) == {} for doc in docs)


@pytest.mark.parametrize("text,expected", [
    ("Mayor names new housing chief", "short"),
    ("A spokeswoman declined to comment.", "keep"),
    ("- lower taxes", "keep"),
    ("Key points include:", "keep"),
    ("* * *", "keep"),
    (STORY, "good"),
    # A teaser of another story, cut off after a comma or a word no sentence ends on ...
    ("When you walk into almost any store, you are overloaded with sights, sounds,…", "short"),
    ("It seems contradictory, but I love being frugal and love spending. Over the last few…", "short"),
    # ... but not a writer's own trailing ellipsis, nor a list that goes on.
    ("She said she would think about it and decide in the morning...", "good"),
    ("And the winner is...", "keep"),
    ("Distributions: A look at Debian's candidates; Debian, Fedora, ...", "good"),
])
def test_shapes(text, expected):
    assert shape(text) == expected


@pytest.mark.parametrize("text,kind", [
    ("March 25, 2015", "stamp"), ("4:14 p.m.", "stamp"), ("@jdoe", "handle"), ("jdoe@example.com", "email"),
    ("Banks,", "tag"), ("jdoe says:", "commenter"), ("Getty Images", "credit"),
    ("Heba Habib contributed to this report.", "contributed"), ("Christopher Tays Submitted photo", "credit"),
    ("Dear readers,", None), ("The plan, drafted", None), (STORY, None),
])
def test_companions(text, kind):
    assert companion_kind(text) == kind


@pytest.mark.parametrize("text,found", [
    ("what they want.The minister", ["want.The"]),
    ("It was over?Then he left", ["over?Then"]),
    ('He said "no."The end', ['no."The']),
    ("the U.S.The team", []),
    ("see e.g.The docs", []),
    ("Node.js and Amazon.Com and Halo.Bungie.Org", []),
    ("It is 3.5 times", []),
    ("Call mod.Bar() now", []),
    ("write to Sarah.Needleman@wsj.com", []),
    ("visit https://example.com/Path.Html", []),
    ("Shares of One.Tel fell", []),
])
def test_glued_sentences(text, found):
    assert [text[s:e] for s, e, _at, _before in glued_sentences(text)] == found


@pytest.mark.parametrize("text,found", [
    ("have been highly have been highly encouraging", ["have been highly have been highly"]),
    ("remit of the of the bill", ["of the of the"]),
    ("Of The of the bill", ["Of The of the"]),
    ("stronger and stronger and I", []),
    ("time and time and time again", []),
    ("more and more people", []),
    ("makes a gadget a gadget", []),
    ("no no no no", []),
    ("he said he said he told them", []),
    ("the the", []),  # one word: DUP002's
    ("one two three four five one two three four five", []),  # five words: too long
    ("café au café au lait", ["café au café au"]),
])
def test_repeated_phrases(text, found):
    assert [text[s:e] for s, e, _n in repeated_phrases(text)] == found


def test_glued_markers_are_the_advertisement_rule_phrases():
    """BOIL016 takes its markers from BOIL004's phrases: a phrase added there
    is found glued on a paragraph too."""
    for marker in ("Article continues after advertisement", "Continue reading below", "Story continues below"):
        text = f"{STORY} {marker} {MORE}\n"
        found = [text[d.start:d.end].strip() for d in check_text(text, select=["BOIL016"])]
        assert found == [marker]


def test_orphan_intro_is_information():
    (d,) = check_text(f"{STORY}\n\nKey points include:\n", select=["BOIL017"])
    assert d.severity.value == "info" and d.fix.applicability.value == "unsafe"


def test_the_repeated_headline_inside_a_block_the_layout_joined():
    text = ("Library on Elm Street to close\nLibrary on Elm Street to close\n"
            "The council voted on Tuesday to close the library on Elm Street, citing a budget shortfall of $2 million.\n")
    fixed = fix_text(text, select=["DUP006"]).text
    assert fixed == text.replace("Library on Elm Street to close\n", "", 1)


def _bench():
    sys.path.insert(0, str(ROOT / "bench"))
    import acc_debris

    return acc_debris


def _bench_cases():
    bench = _bench()
    for kind, (codes, cases, lookalikes) in bench.KINDS.items():
        for i, (text, pieces) in enumerate(cases):
            yield pytest.param(codes, text, pieces, id=f"{kind.split(' (')[0]}-{i}")
        for i, text in enumerate(lookalikes):
            yield pytest.param(codes, text, None, id=f"{kind.split(' (')[0]}-lookalike-{i}")


@pytest.mark.parametrize("codes,text,pieces", list(_bench_cases()))
@pytest.mark.parametrize("layout", ["blank lines", "one a line"])
def test_every_case_the_accuracy_report_counts(codes, text, pieces, layout):
    bench = _bench()
    relay = bench._one_a_line if layout == "one a line" else (lambda t: t)
    t = relay(text) + "\n"
    found = check_text(t, select=codes)
    if pieces is None:
        assert [(d.code, t[d.start:d.end]) for d in found] == []
    else:
        spans = [(d.start, d.end) for d in found]
        assert all(bench._covered(t, spans, relay(p)) for p in pieces), [t[s:e] for s, e in spans]
