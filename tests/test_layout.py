"""Plain-text layouts: the blocks every rule sees, and fixes that remove
only the flagged lines, in each layout copy arrives in."""

from __future__ import annotations

import textwrap

import pytest
from conftest import CORPORA

from lint.api import check_text, fix_text
from lint.formats import load
from lint.formats.layout import breaks_block, starts_item, wrap_width

CAPTION = "A soldier stands guard at a checkpoint in Donetsk region, Ukraine March 11, 2022. REUTERS/Alexander Ermochenko"
PROSE = ["The minister said on Tuesday that the plan would go ahead.",
         "She added that talks would resume next week, after the holiday.",
         "Officials in both capitals declined to comment on the report."]


def blocks(src: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in load(src).blocks]


def test_one_paragraph_a_line():
    src = "Talks to resume\n" + "\n".join(PROSE) + "\nLeave a Reply\n"
    assert blocks(src) == [("heading", "Talks to resume"), *(("paragraph", p) for p in PROSE),
                           ("paragraph", "Leave a Reply")]


def test_blank_line_paragraphs():
    src = "\n\n".join(PROSE) + "\n"
    assert blocks(src) == [("paragraph", p) for p in PROSE]


def test_caption_glued_on_top_of_a_paragraph():
    src = f"{PROSE[0]}\n\n{CAPTION}\n{PROSE[1]}\n\n{PROSE[2]}\n"
    assert blocks(src) == [("paragraph", PROSE[0]), ("paragraph", CAPTION), ("paragraph", PROSE[1]),
                           ("paragraph", PROSE[2])]


def test_hard_wrapped_prose_stays_one_paragraph():
    para = " ".join(PROSE * 3)
    wrapped = textwrap.fill(para, 64)
    src = f"{wrapped}\n\n{wrapped}\n"
    assert wrapped.count("\n") >= 4
    assert blocks(src) == [("paragraph", wrapped), ("paragraph", wrapped)]


def test_hard_wrapped_paragraphs_apart_by_a_short_line():
    first, second = textwrap.fill(" ".join(PROSE * 2), 70), textwrap.fill(" ".join(PROSE[::-1] * 2), 70)
    assert len(first.rsplit("\n", 1)[1]) + len(" Officials") <= 70  # the last line is short
    assert blocks(f"{first}\n{second}\n") == [("paragraph", first), ("paragraph", second)]


def test_a_mixed_file_gets_each_region_right():
    wrapped = textwrap.fill(" ".join(PROSE * 3), 66)
    src = f"{wrapped}\n\n" + "\n".join(PROSE) + f"\n{CAPTION}\n"
    assert blocks(src) == [("paragraph", wrapped), *(("paragraph", p) for p in PROSE), ("paragraph", CAPTION)]


def test_list_items_are_blocks_of_their_own():
    src = "The plan has three parts:\n- lower taxes\n- new roads\n1. First\n2) Second\n"
    assert blocks(src) == [("paragraph", "The plan has three parts:"), ("list", "- lower taxes"),
                           ("list", "- new roads"), ("list", "1. First"), ("list", "2) Second")]


@pytest.mark.parametrize("line,before,expected", [
    ("- may well be back", "the firm which lost out in the original tender", False),
    ("- Then the vote.", "The minister spoke first.", True),
    ("404. The delegation", "get in line with section", False),
    ("29. Most of the loss", "in the third quarter ended Sept.", False),
    ("1. First", "Here is how.", True),
    ("3. Third", "2. Second", True),
    ("• Item", "in the middle of", True),
])
def test_dashes_and_numbers_open_items_only_after_an_end(line, before, expected):
    assert starts_item(line, before) is expected


def test_breaks():
    assert breaks_block("Leave a Reply", "A soldier stands guard.", None)
    assert not breaks_block("the deal was signed by the", "minister on Tuesday.", None)
    assert not breaks_block("a badly-needed inter-", "national deal", None)
    # In text wrapped at 40, a full line ends a sentence by chance.
    assert not breaks_block("It ended there. The next sentence goes", "On and on.", 40)
    assert breaks_block("A short last line.", "The next paragraph.", 40)


def test_wrap_width_needs_lines_of_one_width():
    wrapped = textwrap.fill(" ".join(PROSE * 4), 72).split("\n")
    assert wrap_width([wrapped]) == max(len(x) for x in wrapped[:-1])
    assert wrap_width([PROSE + [CAPTION, "Leave a Reply"]]) is None
    assert wrap_width([["Home", "About us", "Contact"]]) is None


def test_crlf_one_paragraph_a_line():
    src = "\r\n".join([*PROSE, "Leave a Reply"]) + "\r\n"
    assert [t for _, t in blocks(src)] == [*PROSE, "Leave a Reply"]
    assert fix_text(src, select=["BOIL"]).text == "\r\n".join(PROSE) + "\r\n"


# -- fixes take only the flagged lines ---------------------------------------

ISSUE_EXAMPLE = ("The minister said on Tuesday that the plan would go ahead.\n"
                 "She added that talks would resume next week.\nLeave a Reply\n" + CAPTION + "\n")


def test_the_one_a_line_article_keeps_its_prose():
    found = check_text(ISSUE_EXAMPLE)
    assert [(d.code, ISSUE_EXAMPLE[d.start:d.end]) for d in found] == [
        ("BOIL001", "Leave a Reply"), ("CAP001", CAPTION)]
    assert fix_text(ISSUE_EXAMPLE, unsafe=True).text == (
        "The minister said on Tuesday that the plan would go ahead.\n"
        "She added that talks would resume next week.\n")


JUNK = {"BOIL001": "Leave a Reply", "BOIL002": "Share this:", "BOIL003": "Sign up for our newsletter",
        "BOIL004": "Advertisement", "BOIL005": "Read more", "BOIL006": "Back to top",
        "BOIL007": "© 2022 Example Media. All rights reserved.", "BOIL008": "Accept all cookies",
        "BOIL009": "This article originally appeared on The Atlantic.", "BOIL010": "About the author",
        "CAP001": CAPTION,
        "CAP002": "Attendees take photos as President Barack Obama delivers remarks in Reno, Nev., July 23, 2012."}


def _wrapped(*sentences: str) -> str:
    return textwrap.fill(" ".join(sentences * 2), 72)


def _layouts(junk: str) -> dict[str, tuple[str, str]]:
    """(text with `junk` pasted in, the text without it), per layout."""
    a, b, c = PROSE
    return {
        "blank lines": (f"{a}\n\n{junk}\n\n{b}\n\n{c}\n", f"{a}\n\n{b}\n\n{c}\n"),
        "one a line": (f"{a}\n{junk}\n{b}\n{c}\n", f"{a}\n{b}\n{c}\n"),
        "one a line, at the end": (f"{a}\n{b}\n{c}\n{junk}\n", f"{a}\n{b}\n{c}\n"),
        "one a line, first line of the file": (f"{junk}\n{a}\n{b}\n{c}\n", f"{a}\n{b}\n{c}\n"),
        "one a line, under the headline": (f"Talks to resume\n{junk}\n{a}\n{b}\n{c}\n",
                                           f"Talks to resume\n{a}\n{b}\n{c}\n"),
        "glued on top": (f"{a}\n\n{junk}\n{b}\n\n{c}\n", f"{a}\n\n{b}\n\n{c}\n"),
        "glued below": (f"{a}\n\n{b}\n{junk}\n\n{c}\n", f"{a}\n\n{b}\n\n{c}\n"),
        "wrapped host": (f"{_wrapped(a, b)}\n{junk}\n{_wrapped(c, a)}\n", f"{_wrapped(a, b)}\n{_wrapped(c, a)}\n"),
    }


@pytest.mark.parametrize("code", sorted(JUNK))
@pytest.mark.parametrize("layout", list(_layouts("x")))
def test_each_deletion_removes_exactly_the_pasted_line(code, layout):
    text, host = _layouts(JUNK[code])[layout]
    found = [d for d in check_text(text, select=[code])]
    assert [text[d.start:d.end] for d in found] == [JUNK[code]]
    assert fix_text(text, select=[code], unsafe=True).text == host


def test_a_fix_never_takes_words_beyond_its_finding():
    """The engine drops a fix whose edit reaches prose outside the span
    its finding flagged, whatever the rule asked for."""
    from lint.core.engine import lint
    from lint.core.model import Diagnostic, Fix, Severity
    from lint.core.rule import Rule

    class Greedy(Rule):
        code, name = "TST001", "test.greedy"

        def check(self, doc):
            at = doc.source.index("Leave")
            yield self.diagnostic(at, at + 13, "junk", Fix.delete(0, len(doc.source)))

    doc = load(ISSUE_EXAMPLE)
    (d,) = lint(doc, [Greedy()])
    assert (d.start, d.end, d.fix) == (ISSUE_EXAMPLE.index("Leave"), ISSUE_EXAMPLE.index("Leave") + 13, None)
    assert isinstance(d, Diagnostic) and d.severity is Severity.WARNING


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_corpus_articles_read_alike_in_every_layout():
    """Each clean article gives its own paragraphs back one a line and
    hard-wrapped at 72 columns (blank lines between paragraphs): no block
    ever holds two paragraphs, and a wrapped paragraph is split only where
    a sentence happens to fill its first line (a few in a hundred)."""
    files = sorted((CORPORA / "clean").glob("*/*.txt"))
    merged, split, articles = [], 0, 0
    for path in files:
        paras = _paragraphs(path.read_text(encoding="utf-8"))
        if any("\n" in p or p[:1].islower() for p in paras):
            continue  # a paragraph broken in the source itself
        articles += 1
        want = [" ".join(p.split()) for p in paras]
        for layout, text in (("one a line", "\n".join(paras)),
                             ("wrapped", "\n\n".join(textwrap.fill(p, 72, break_on_hyphens=False) for p in paras))):
            got = [" ".join(b.text.split()) for b in load(text + "\n").blocks]
            pieces = iter(got)
            for para in want:
                piece = next(pieces)
                while piece != para and para.startswith(piece) and piece.rstrip("\"”’)")[-1] in ".!?":
                    split += layout == "wrapped"
                    para = para[len(piece) + 1:]
                    piece = next(pieces)
                if piece != para:
                    merged.append((path.name, layout))
                    break
    assert articles > 2200
    assert merged == []
    assert split <= articles // 50, split


def _one_a_line_cases():
    """Plain-text fixture cases of every rule (but the white-space rules,
    which are about blank lines) whose paragraphs are set apart by single
    blank lines."""
    from conftest import FIXTURES, load_fixture

    from lint.core.rule import CODE_PATTERN

    for path in sorted(FIXTURES.glob("*.yml")):
        if not CODE_PATTERN.fullmatch(path.stem) or path.stem.startswith("WS"):
            continue
        data = load_fixture(path)
        for kind in ("pass", "fail"):
            for i, case in enumerate(data.get(kind) or []):
                text = case["text"]
                if (case.get("format", "text") == "text" and "\n\n" in text and "\n\n\n" not in text
                        and "\r" not in text):
                    yield pytest.param(data["rule"], case, id=f"{path.stem}-{kind}-{i}")


def _flagged_lines(text: str, code: str, settings=None) -> list[str]:
    found = check_text(text, select=[code], settings=settings)
    return sorted("\n".join(text[d.start:d.end] for d in found).split("\n"))


@pytest.mark.parametrize("code,case", list(_one_a_line_cases()))
def test_every_fixture_reads_alike_one_paragraph_a_line(code, case):
    """The same lines are flagged and the same fixes made when the blank
    lines between a fixture's paragraphs are taken out."""
    def one_a_line(text: str) -> str:
        return text.replace("\n\n", "\n")

    from conftest import fixture_settings

    text, settings = case["text"], fixture_settings(case)
    expected = sorted(one_a_line("\n".join(_flagged_lines(text, code, settings))).split("\n"))
    assert _flagged_lines(one_a_line(text), code, settings) == expected
    for key, unsafe in (("fix", False), ("unsafe_fix", True)):
        if key in case:
            fixed = fix_text(one_a_line(text), select=[code], unsafe=unsafe, settings=settings)
            assert fixed.text == one_a_line(case[key])


@pytest.mark.parametrize("code", ["BOIL001", "CAP001", "CAP002"])
def test_markdown_lines_are_blocks_as_plain_lines_are(code):
    """In Markdown, a line glued on a paragraph is one paragraph to the
    renderer, but a caption or a comment prompt there is still its own
    block: found, and removed with its line alone."""
    a, b, c = PROSE
    text = f"# Talks\n\n{a}\n{JUNK[code]}\n{b}\n\n> {c}\n"
    found = check_text(text, "markdown", select=[code])
    assert [text[d.start:d.end] for d in found] == [JUNK[code]]
    assert fix_text(text, "markdown", select=[code], unsafe=True).text == f"# Talks\n\n{a}\n{b}\n\n> {c}\n"
