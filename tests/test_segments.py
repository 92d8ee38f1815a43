"""Very long plain texts are linted and fixed in segments, with the same
findings at the same offsets as the whole text would give (article-wide
rules aside), and nothing lost at the cuts."""

from __future__ import annotations

import pytest

from lint import segments as segments_mod
from lint.linter import Linter
from lint.segments import segments

PARAGRAPH = "The talks in Rome lasted seven hours, officials said on Monday.\n"


def _archive(n: int, newline: str = "\n") -> str:
    """n articles of three paragraphs; every fifth has a doubled U.S. and a trailing space."""
    articles = []
    for i in range(n):
        lead = f"Story {i}: the U.S.U.S. delegation arrived. \n" if i % 5 == 0 else f"Story {i}: delegates arrived.\n"
        articles.append(lead + "\n" + PARAGRAPH + "\n" + PARAGRAPH)
    return "\n".join(articles).replace("\n", newline)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_segments_cover_the_text_and_cut_after_one_line_break(newline):
    text = _archive(200, newline)
    pieces = list(segments(text, "text", size=2000))
    assert len(pieces) > 5
    assert "".join(p for _, p in pieces) == text
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    for _, piece in pieces[:-1]:
        assert piece.endswith(newline) and not piece.endswith(newline * 2)
        assert piece[-len(newline) - 1] not in "\r\n"


def test_short_texts_and_other_formats_are_one_segment():
    text = _archive(200)
    assert list(segments(text, "markdown", size=2000)) == [(0, text)]
    assert list(segments(PARAGRAPH, "text", size=2000)) == [(0, PARAGRAPH)]


def test_no_cut_point_means_one_segment():
    text = "word " * 10_000 + "\n"
    assert list(segments(text, "text", size=2000)) == [(0, text)]


@pytest.fixture
def small_segments(monkeypatch):
    monkeypatch.setattr(segments_mod, "SEGMENT", 2000)


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
    monkeypatch.setattr(segments_mod, "SEGMENT", 10**9)
    whole = linter.fix(text, "archive.txt")
    assert pieced.text == whole.text == text.replace("U.S.U.S.", "U.S.").replace(" \n", "\n")
    assert _spans(pieced.applied) == _spans(whole.applied)
    assert pieced.remaining == whole.remaining == []
