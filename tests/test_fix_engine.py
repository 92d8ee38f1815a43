"""The fix loop: overlap waits a pass, cycles are reported, passes are bounded."""

from __future__ import annotations

import pytest

from lint.core.fix import apply_edits, fix_text
from lint.core.model import Applicability, Diagnostic, Edit, Fix, Severity


class _NoMarkup:
    def markup_after(self, edits):
        return ()


def _plain(lint):
    """A lint function over plain text: no markup."""
    return lambda text: (lint(text), _NoMarkup())


def _d(code, start, end, replacement, applicability=Applicability.SAFE):
    return Diagnostic(code, code.lower(), Severity.WARNING, start, end, "m",
                      Fix((Edit(start, end, replacement),), applicability))


def test_overlapping_edits_wait_for_next_pass():
    text = "abcdef"
    new, chosen = apply_edits(text, [_d("X001", 1, 4, "X"), _d("Y001", 2, 5, "Y"), _d("Z001", 5, 6, "Z")])
    assert new == "aXeZ"
    assert [d.code for d in chosen] == ["X001", "Z001"]


def test_insertions_at_a_boundary_do_not_conflict():
    new, chosen = apply_edits("ab", [_d("A001", 0, 1, ""), _d("B001", 1, 1, "!"), _d("C001", 2, 2, "\n")])
    assert new == "!b\n" and len(chosen) == 3


def test_two_insertions_at_one_point_take_turns():
    new, chosen = apply_edits("ab", [_d("A001", 1, 1, "x"), _d("B001", 1, 1, "y")])
    assert new == "axb" and [d.code for d in chosen] == ["A001"]


def test_cycle_is_reported_not_looped():
    # Rule A turns "colour" into "color"; rule B turns it back.
    def lint(text):
        if "colour" in text:
            i = text.index("colour")
            return [_d("A001", i, i + 6, "color")]
        i = text.index("color")
        return [_d("B001", i, i + 5, "colour")]

    result = fix_text("a colour", _plain(lint))
    assert result.text == "a color"
    assert result.unstable == "fixes undo each other (B001); left as they were"


def test_unsafe_only_with_flag():
    def lint(text):
        return [_d("U001", 0, 1, "X", Applicability.UNSAFE)] if text.startswith("a") else []

    assert fix_text("abc", _plain(lint)).text == "abc"
    assert fix_text("abc", _plain(lint), unsafe=True).text == "Xbc"


def test_passes_are_bounded():
    def lint(text):
        return [_d("G001", len(text), len(text), "+")]

    result = fix_text("", _plain(lint))
    assert result.text == "+" * 10
    assert result.unstable == "fixes still changing the text after 10 passes"


def test_a_fix_refused_in_one_text_is_tried_again_in_the_next():
    from lint import fix_text as fix

    # Removing the right-to-left mark would make the line indented code while
    # the tab and spaces are there; once they are one space, it is harmless.
    once = fix("\u200f\t    code  the the\n", "markdown", select=["ALL"], unsafe=True)
    assert once.text == " code the\n"
    assert fix(once.text, "markdown", select=["ALL"], unsafe=True).text == once.text


def test_a_fix_that_changes_the_markup_is_refused():
    from lint import fix_text as fix

    # The zero-width space hides a code fence; removing it would turn the
    # front matter after it into prose. The doubled word is still fixed.
    text = "\u200b```\nthe the\n```\n---\ntitle: U.S.U.S.\n---\n"
    result = fix(text, "markdown", select=["WS004", "DUP"])
    assert result.text == text.replace("the the", "the")
    assert [d.code for d in result.remaining] == ["WS004"]
    assert fix(result.text, "markdown", select=["WS004", "DUP"]).text == result.text


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_an_unsafe_fix_acts_only_on_what_check_reports(sep):
    """Removing a footer leaves the line above it last, and that line then
    reads as one that introduces what is not there (BOIL017): a finding
    only an earlier fix brought about is reported, not acted on."""
    from lint.api import check_text, fix_text

    text = sep.join(["People across the nation are talking about it, officials said.",
                     "Twitter seemed a bit confused by the campaign:", "\u00a9 Copyright Gannett 2018"])
    assert [d.code for d in check_text(text)] == ["BOIL007", "WS002"]
    result = fix_text(text, unsafe=True)
    assert result.text == sep.join(["People across the nation are talking about it, officials said.",
                                    "Twitter seemed a bit confused by the campaign:"]) + "\n"
    assert [d.code for d in result.remaining] == ["BOIL017"]
