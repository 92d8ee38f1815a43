"""Very long plain texts are linted and fixed in segments, with the same
findings at the same offsets as the whole text would give (article-wide
rules aside), and nothing lost at the cuts."""

from __future__ import annotations

import pytest

from lint.formats import load
from lint.run.linter import Linter
from lint.windows import segments as segments_mod
from lint.windows.segments import load_segment, segments

PARAGRAPH = "The talks in Rome lasted seven hours, officials said on Monday.\n"


def _archive(n: int, newline: str = "\n") -> str:
    """n articles of three paragraphs; every fifth has a doubled U.S. and a trailing space."""
    articles = []
    for i in range(n):
        lead = f"Story {i}: the U.S.U.S. delegation arrived. \n" if i % 5 == 0 else f"Story {i}: delegates arrived.\n"
        articles.append(lead + "\n" + PARAGRAPH + "\n" + PARAGRAPH)
    return "\n".join(articles).replace("\n", newline)


@pytest.fixture
def small_segments(monkeypatch):
    monkeypatch.setattr(segments_mod, "LONG", 4000)
    monkeypatch.setattr(segments_mod, "SEGMENT", 2000)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_segments_cover_the_text_and_cut_after_one_line_break(newline, small_segments):
    text = _archive(200, newline)
    pieces = list(segments(text, "text"))
    assert len(pieces) > 5
    assert "".join(p for _, p in pieces) == text
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    for _, piece in pieces[:-1]:
        assert piece.endswith(newline) and not piece.endswith(newline * 2)
        assert piece[-len(newline) - 1] not in "\r\n"


def test_short_texts_and_other_formats_are_one_segment(small_segments):
    text = _archive(200)
    assert list(segments(text, "markdown")) == [(0, text)]
    assert list(segments(text[:3900], "text")) == [(0, text[:3900])]


def test_no_cut_point_means_one_segment(small_segments):
    text = "word " * 10_000 + "\n"
    assert list(segments(text, "text")) == [(0, text)]


def test_only_the_first_segment_opens_with_headlines(small_segments):
    text = "".join(f"Talks in Rome, day {i}\n\n{PARAGRAPH}\n" for i in range(100))
    pieces = list(segments(text, "text"))
    first, later = load_segment(*pieces[0], "a.txt", "text"), load_segment(*pieces[3], "a.txt", "text")
    assert [b.kind for b in first.blocks[:3]] == ["heading", "paragraph", "paragraph"]
    assert later.blocks[0].text.startswith("Talks in Rome") and later.blocks[0].kind == "paragraph"
    assert load(pieces[3][1], "a.txt", "text").blocks[0].kind == "heading"  # as an article of its own


def _spans(found):
    return sorted((d.code, d.start, d.end) for d in found)


def test_findings_are_the_same_as_for_the_whole_text(small_segments):
    text = _archive(200)
    linter = Linter({"select": ("DUP001", "WS001", "WS006")})
    found = linter.check(text, "archive.txt")
    assert len(list(segments(text, "text"))) > 5
    doubled = [i for i in range(len(text)) if text.startswith("U.S.U.S.", i)]
    assert len(doubled) == 40
    assert [(d.code, d.start, d.end) for d in found if d.code == "DUP001"] == [("DUP001", i, i + 8) for i in doubled]
    assert sorted(d.start for d in found if d.code == "WS001") == [text.index(" \n", i) for i in doubled]
    assert not [d for d in found if d.code == "WS006"]  # no blank-line run is made at a cut


def test_fixing_in_segments_gives_the_whole_text_fixed(small_segments, monkeypatch):
    text = _archive(200)
    linter = Linter({"select": ("DUP001", "WS001")})
    pieced = linter.fix(text, "archive.txt")
    monkeypatch.setattr(segments_mod, "LONG", 10**9)
    whole = linter.fix(text, "archive.txt")
    assert pieced.text == whole.text == text.replace("U.S.U.S.", "U.S.").replace(" \n", "\n")
    assert _spans(pieced.applied) == _spans(whole.applied)
    assert pieced.remaining == whole.remaining == []
