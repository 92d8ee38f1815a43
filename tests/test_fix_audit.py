"""Fixes that must say what the damage was, beyond what a fixture case shows:
where a removed tag leaves its spaces, which dash or apostrophe a fix
writes, and what the Markdown escapes keep."""

from __future__ import annotations

import pytest

from lint.api import check_text, fix_text
from lint.checks.encoding import _removal, _ticker


@pytest.mark.parametrize("text,tag,expected", [
    ("a <b> c", "<b>", "a c"),
    ("the end <br>\nNext", "<br>", "the end\nNext"),
    ("<p> The start", "<p>", "The start"),
    ("Monday.<br/>The", "<br/>", "Monday. The"),
    ("a <b>bold</b> word", "<b>", "a bold</b> word"),
    ("a <b>bold</b> word", "</b>", "a <b>bold word"),
])
def test_a_removed_tag_leaves_single_spacing(text, tag, expected):
    start = text.index(tag)
    s, e, replacement = _removal(text, start, start + len(tag), tag.strip("</>"))
    assert text[:s] + replacement + text[e:] == expected


@pytest.mark.parametrize("text,ticker", [
    ("Trans World Airlines <TWA> said", True),
    ("shares of <IBM.N> rose", True),
    ("the new ticker would be <PA>.", True),
    ("Allied <I> said", True),
    ("It was <B>bold</B> of them", False),  # closed: HTML
    ("The end <BR> of it.</P>", False),  # a paragraph that closes an element is HTML
    ("Monday.<BR>The", False),  # glued to the words around it: HTML
    ("a <b> tag", False),  # lower case: HTML
])
def test_tickers_are_told_from_tags(text, ticker):
    start = text.index("<")
    end = text.index(">", start) + 1
    assert _ticker(text, start, end) is ticker


def test_entities_between_letters_in_markdown_are_unsafe():
    text = "The minister said Britain&#191;s economy had grown faster than expected this year.\n"
    (d,) = check_text(text, "markdown", select=["ENC002"])
    assert d.fix.applicability.value == "unsafe"
    assert fix_text(text, "markdown", select=["ENC002"], unsafe=True).text == text.replace("&#191;", "\u2019")


def test_escaped_tags_are_escapes_in_markdown():
    text = "To break a line in the old editor, the reporter had to type &lt;br /&gt; by hand.\n"
    assert check_text(text, "markdown", select=["ENC002"]) == []


def test_a_lost_dash_takes_the_dash_the_article_spaces():
    em = "The deal ? signed in May ? is off — for now, the minister told the house on Tuesday.\n"
    assert fix_text(em, select=["PUNC002"], unsafe=True).text == em.replace("?", "\u2014")
    plain = "The deal ? signed in May ? is off for now, the minister told the house on Tuesday.\n"
    assert fix_text(plain, select=["PUNC002"], unsafe=True).text == plain.replace("?", "\u2014")
    assert fix_text(plain, select=["PUNC002"]).text == plain  # no safe fix glues the mark on


def test_an_apostrophe_typed_as_a_quote_is_no_quotation_mark_for_punc005():
    text = ("“We will act,” the minister said on Tuesday. “Soon,” she added, and Britain\"s "
            "partners agreed with her.\n")
    assert check_text(text, select=["PUNC005"]) == []
    (d,) = check_text(text, select=["PUNC003"])
    assert text[d.start:d.end] == '"' and "apostrophe" in d.message


def test_a_redundant_time_is_flagged_whole():
    text = "The count resumes at 10:30 am in the morning, the returning officer said on Monday.\n"
    (d,) = check_text(text, select=["PL008"])
    assert text[d.start:d.end] == "10:30 am in the morning"
