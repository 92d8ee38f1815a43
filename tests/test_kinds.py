"""What is not prose (code, tables of figures) and what is verbatim (a
quoted post or document): how blocks are read, and what rules do there."""

from __future__ import annotations

import re

import pytest
from conftest import CORPORA
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS

from lint.api import check_text, fix_text
from lint.core.model import Applicability, Severity
from lint.formats import load
from lint.formats.kinds import (_STAMP, _STAMP_WORDS, _ascii_words, _cells_row, _code_chars, _figures_line,
                                _figures_row, _short_row)

CODE = ("Here is how to load it:\n\n$img = Image::load('a.png');\n$img->resize(100, 100);\necho $img ;\n\n"
        "<div class=\"box\">\n  <img src=\"a.png\">\n</div>\n\nThat is all there is to it.\n")
TABLE = ("Shares fell on Monday.\nSymbol Name Price Change Change %\nHD THE HOME DEPOT INC. 225.86 -12.99 -5.44%\n"
         "LOW LOWE'S COMPANIES INC. 113.40 -1.62 -1.41%\n\nThe retailer earned 5 percent more, and 3 percent more.\n")
TWEET = ("Omar posted her letter.\n\nSharing my full letter on the the sentencing.\nWe must apply compassion.\n"
         "Who are we? pic.twitter.com/s96jjh8AlD\n\n— Rep. Ilhan Omar (@Ilhan) November 19, 2019\n\n"
         "She was praised for the the letter.\n")


def kinds(text: str) -> list[tuple[str, bool, bool]]:
    return [(b.kind, b.prose, b.verbatim) for b in load(text).blocks]


def test_code_samples_in_plain_text_are_not_prose():
    assert kinds(CODE) == [("paragraph", True, False), *[("code", False, False)] * 6, ("paragraph", True, False)]


def test_code_keeps_its_punctuation_and_markup():
    """PUNC002 would glue "::" and the space before ";"; ENC003 would delete
    the HTML sample: neither touches code."""
    assert check_text(CODE, select=["PUNC", "ENC003", "DUP"]) == []
    assert fix_text(CODE, unsafe=True).text == CODE


@pytest.mark.parametrize("apart", ["\n", ""])  # blank lines around the sample, or one paragraph a line
@pytest.mark.parametrize("sample", ['grep -c "disk  full" /var/log/syslog', '    wc -l  /var/log/syslog',
                                    '$ curl -s  "https://example.com"', 'x = "disk  full"',
                                    '    totals["march"] = [4211,  12]'])
def test_a_command_or_an_assignment_is_code_and_no_fix_edits_it(sample, apart):
    text = f"To count the failures, run:\n{apart}{sample}\n{apart}It returned 4,211 matches.\n"
    assert kinds(text)[1] == ("code", False, False)
    assert fix_text(text, unsafe=True).text == text


@pytest.mark.parametrize("line", ["cat owners were asked to keep their pets indoors, officials said.",
                                  "x marks the spot where the ship went down.", "find out more at the library"])
def test_a_lower_case_line_of_prose_is_not_a_command(line):
    assert kinds(f"The council met.\n\n{line}\n")[1][1] is True


def test_a_sentence_naming_a_tag_or_a_function_is_prose():
    assert kinds("Call load() to read it.\n\nThe page shows a <p> tag left in the text.\n") == [
        ("paragraph", True, False), ("paragraph", True, False)]


def test_tables_of_figures_are_not_prose():
    assert kinds(TABLE) == [("paragraph", True, False), ("table", False, False), ("table", False, False),
                            ("paragraph", True, False)]
    # STY004 counts the prose's "percent" only: the table's "%" neither counts nor is rewritten.
    assert check_text(TABLE, select=["STY004"]) == []


@pytest.mark.parametrize("line,table", [
    ("Arsenal 2 1 0 5 2 7", True),
    ("AAPL\t187.20\t+1.2%\tNasdaq", True),
    ("-5.44%", True),
    ("Shares rose\t3% on Monday.\tThen fell.", False),
    ("Sales rose 5% in 2021, 7% in 2022 and 9% in 2023.", False),
    # A date, with its time, is one cell: a time stamp is no row of figures ...
    ("11:22 PM - 19 Oct 2016", False),
    ("March 10, 2017 at 2:18 PM", False),
    ("Sep 16, 2011 02:58 PM EDT", False),
    ("Dan Goodin - Apr 16, 2015 8:02 pm UTC", False),
    # ... but a row with figures of its own beside a date is, and so is a timetable.
    ("Mar 10, 2017 225.86 -12.99 -5.44%", True),
    ("Mar 10, 2017 Arsenal 2 Chelsea 1", True),
    ("10:00 11:00 12:00", True),
])
def test_figures(line, table):
    assert (not load(f"Text.\n\n{line}\n").blocks[1].prose) is table


PROSE_PERCENT = "Shares fell 3 percent on Tuesday as investors took fright, and the index lost 2 percent.\n"


@pytest.mark.parametrize("rows", [
    "Acme 12.40 -5.44%\nGlobex 8.10 +1.2%\nInitech 3.33 -0.50%\n",  # two figures a row, one row a line
    "Company   Price   Change\nAcme      12.40   -5.44%\nGlobex     8.10   +1.2%\n",  # columns aligned by spaces
])
@pytest.mark.parametrize("apart", ["\n", ""])  # blank lines around the table, or none (one paragraph a line)
def test_short_rows_together_are_a_table_left_as_written(rows, apart):
    text = f"{PROSE_PERCENT}{apart}{rows}{apart}The index closed 2 percent lower.\n"
    assert [(b.kind, b.prose) for b in load(text).blocks][-1] == ("paragraph", True)
    assert all(b.kind == "table" and not b.prose for b in load(text).blocks[1:-1])
    assert check_text(text, select=["STY004", "WS003"]) == []
    assert fix_text(text).text == text


@pytest.mark.parametrize("text", [
    "Arsenal 2 Chelsea 1\n",  # one short row alone in prose stays prose
    "Mar 17, 2019\nApr 21, 2010\n",  # dates on lines of their own: web debris the boilerplate rules read
    "1 / 5\n2 / 5\n",  # an image viewer's counters
])
def test_lines_that_are_not_rows_of_a_table(text):
    assert all(b.prose for b in load(f"{PROSE_PERCENT}{text}").blocks)


def test_an_embedded_post_is_verbatim():
    assert kinds(TWEET) == [("paragraph", True, False), *[("paragraph", True, True)] * 3, ("list", True, True),
                            ("paragraph", True, False)]


def test_wording_findings_in_verbatim_text_are_information_with_unsafe_fixes():
    found = check_text(TWEET, select=["DUP002"])
    assert [(TWEET[d.start:d.end], d.severity, d.fix.applicability) for d in found] == [
        ("the the", Severity.INFO, Applicability.UNSAFE), ("the the", Severity.WARNING, Applicability.SAFE)]
    assert found[0].message.endswith("(in quoted text, kept as written)")
    assert fix_text(TWEET).text == TWEET.replace("for the the letter", "for the letter")


def test_a_block_quote_and_text_after_wrote_are_verbatim():
    md = "The letter read:\n\n> We realise the the risk.\n\nShe wrote:\n\nWe realise the the risk.\n\nEnd.\n"
    assert [b.verbatim for b in load(md, "a.md").blocks] == [False, True, False, True, False]


@pytest.mark.parametrize("apart", ["\n", ""])  # blank lines around the quote, or one paragraph a line
def test_lines_quoted_with_a_bracket_in_plain_text_are_a_quotation(apart):
    quote = "> The organisation said the colour was wrong,\n> and the the programme would end."
    text = (f"The report was published on Tuesday.\n{apart}{quote}\n{apart}"
            "The organization said it would respond. The organization has denied wrongdoing.\n")
    assert [(b.kind, b.verbatim) for b in load(text).blocks] == [
        ("paragraph", False), ("quote", True), ("quote", True), ("paragraph", False)]
    found = check_text(text, select=["DUP002", "STY006"])
    assert [(d.code, d.severity, d.fix.applicability) for d in found] == [
        ("DUP002", Severity.INFO, Applicability.UNSAFE)]  # the quoted spelling is not the narration's to follow
    assert fix_text(text).text == text


@pytest.mark.parametrize("line,quoted", [
    ("> > An older message, quoted twice.", True),
    (">> An older message, quoted twice.", True),
    (">", False),  # a page's link arrow
    (">>4 M&A Deal Stocks to Watch in June", False),  # a page's link bullet
    (">>> foo()", False),  # a Python prompt
])
def test_what_a_quoted_line_is(line, quoted):
    assert (load(f"Text.\n\n{line}\n").blocks[1].kind == "quote") is quoted


def test_feed_damage_is_fixed_in_verbatim_text_too():
    """A doubled "U.S.U.S." is a feed's join, not the writer's words."""
    text = "Sharing the U.S.U.S. letter.\n\n— Rep. Ilhan Omar (@Ilhan) November 19, 2019\n"
    assert fix_text(text).text == text.replace("U.S.U.S.", "U.S.")


_ROW_PIECES = st.sampled_from(["12", "3.5%", "-5.44", "$9bn", "2017", "March", "Mar 17,", "at", "2:18 PM", "10/3/17",
                               "Acme", "the", "said", ".", "!", "?", '"', " ", "  ", "\t", "£4", "٣", "*7*", "(", ")",
                               "\xa0", "\u2003", "\x0c", "3 of 5", "on", "-", "p.m.", "10th,", "11:22", "é", "٣٤"])


@SETTINGS
@given(st.lists(_ROW_PIECES, max_size=40).map(" ".join))
def test_the_shortcuts_change_no_answer(line):
    """_figures_line's shortcut (digits counted, not their runs) and
    _short_row's (spaces counted, not words) answer as the full tests do."""
    assert _figures_line(line) == _figures_row(line)
    assert _short_row(line) == _cells_row(line)


# The characters of code that _code_line counts, as a pattern.
_CODE_CHAR = re.compile(r"[{}\[\]();=<>$#@*/\\|&_]")
_ANY_CHARACTER = st.characters(blacklist_categories=())  # lone surrogates too (a bad decoder's leftovers)


@SETTINGS
@given(st.text(st.one_of(st.sampled_from("{}[]();=<>$#@*/\\|&_ é—\ud800"), _ANY_CHARACTER)))
def test_characters_of_code_are_counted_as_the_pattern_finds_them(text):
    assert _code_chars(text) == len(_CODE_CHAR.findall(text))


@SETTINGS
@given(st.text(st.one_of(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"), st.characters(max_codepoint=127))))
def test_words_of_ascii_text_are_counted_as_split_finds_them(text):
    assert _ascii_words(text.encode("ascii")) == len(text.split())


def test_a_date_with_its_times_spans_at_most_stamp_words_words():
    """_figures_line turns lines away by counting, trusting that one date
    with its times is never more than _STAMP_WORDS words."""
    longest = "11:22 PM - on March 10th, 2017 - at 3 p.m."
    assert _STAMP.search(f"x {longest} y").group() == longest
    assert len(longest.split()) == _STAMP_WORDS
    row = f"Acme {longest} 12 13"
    assert _figures_line(row) == _figures_row(row) is True


def test_spaces_around_a_non_breaking_space_are_one_gap_between_words():
    assert _short_row("Acme \xa0 1 \xa0 2 \xa0 3 \xa0 4") is True  # eight spaces, five words
    assert _short_row("Acme 1 2 3 4 5 6 7 8") is False  # nine words


def test_the_shortcuts_change_no_answer_on_the_clean_articles():
    lines = [line for path in sorted((CORPORA / "clean").glob("*/*.txt"))[::2]
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 5000
    assert [_figures_line(line) for line in lines] == [_figures_row(line) for line in lines]
    assert [_short_row(line) for line in lines] == [_cells_row(line) for line in lines]
