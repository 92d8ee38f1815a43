"""Documents: prose blocks map back to exact source offsets; markup is protected."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from lint import check_text, fix_text
from lint.formats import load

MD = """---
title: The U.S.U.S. story
---
# Headline with *U.N.U.N.* emphasis

Body with `U.S.U.S.` code, a [U.K.U.K. link](http://e.com/U.S.U.S.) and ![U.S.U.S.](img/U.S.U.S.png).
Visit https://example.com/U.N.U.N./page today.

```
U.S.U.S. in a fence
```

    U.S.U.S. indented code

<div>U.S.U.S. raw html block</div>

> A quoted E.U.E.U. line
"""


def test_markdown_prose_and_protected_ranges():
    found = check_text(MD, "markdown", select=["DUP001"])
    assert [MD[d.start:d.end] for d in found] == ["U.N.U.N.", "U.K.U.K.", "E.U.E.U."]
    doc = load(MD, "a.md")
    kinds = [b.kind for b in doc.blocks]
    # Two lines that each end a sentence are two paragraphs, as in plain text.
    assert kinds == ["heading", "paragraph", "paragraph", "quote"]
    assert [b.text for b in doc.blocks[1:3]] == ["Body with \ufffc code, a U.K.U.K. link and \ufffc.", "Visit \ufffc today."]


def test_markdown_fix_leaves_markup_byte_identical():
    fixed = fix_text(MD, "markdown").text
    assert fixed == MD.replace("*U.N.U.N.*", "*U.N.*").replace("[U.K.U.K. link]", "[U.K. link]").replace("E.U.E.U.", "E.U.")


def test_markdown_escape_and_entity_chunks_map_exactly():
    src = "A \\*U.S.U.S.\\* tale &amp; more.\n"
    doc = load(src, "a.md")
    block = doc.blocks[0]
    assert block.text == "A *U.S.U.S.* tale &amp; more."
    s, e = block.span(3, 11)
    assert src[s:e] == "U.S.U.S."
    assert block.edit(2, 4, "x") is None  # the escape is atomic with its neighbour


def test_html_prose_entities_and_opaque_elements():
    src = ("<html><head><title>U.S.U.S.</title></head><body>\n<h1>U.N.U.N. news</h1>\n"
           "<p>Tom &amp; the U.K.U.K. team <code>U.S.U.S.</code></p>\n<pre>E.U.E.U.</pre>\n"
           "<script>var s = 'U.S.U.S.';</script><figure><figcaption>A caption</figcaption></figure></body></html>\n")
    doc = load(src, "a.html")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "U.N.U.N. news"), ("paragraph", "Tom & the U.K.U.K. team \ufffc"), ("caption", "A caption")]
    found = check_text(src, "html", select=["DUP001"])
    assert [src[d.start:d.end] for d in found] == ["U.N.U.N.", "U.K.U.K."]


def test_plain_text_headlines_and_paragraphs():
    src = ("Why is the U.S. warning China?\n\nUS warns China\n\nFirst paragraph, broken\nin the middle.\n"
           "Its own line.\n\n  \nSecond.\n")
    doc = load(src)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Why is the U.S. warning China?"), ("heading", "US warns China"),
        ("paragraph", "First paragraph, broken\nin the middle."), ("paragraph", "Its own line."),
        ("paragraph", "Second.")]


def test_crlf_offsets_are_code_points_into_decoded_text():
    src = "Título\r\n\r\nEl U.S.U.S. equipo.\r\n"
    found = check_text(src, select=["DUP001"])
    assert [(d.start, d.end) for d in found] == [(13, 21)]
    assert src[13:21] == "U.S.U.S."


def test_quotations_are_found_per_block():
    src = "He said “the U.S.U.S. team” and left.\n\n“Open quote runs on\n"
    doc = load(src)
    assert [src[s:e] for s, e in doc.quotations] == ["“the U.S.U.S. team”", "“Open quote runs on"]


def test_markdown_link_destinations_and_titles_are_markup():
    """A destination in angle brackets, one holding a no-break space, and
    titles in any of their three quotings stay as written."""
    text = ("See [the report](<the the docs/a b.pdf>), [a link](http://e.com/a\u00a0b \"the the title\"), "
            "![an image](img.png 'the the  title'), [x](http://e.com (the the)) and [the the docs](http://e.com/a(b)c).\n")
    fixed = fix_text(text, "markdown", unsafe=True).text
    assert fixed == text.replace("[the the docs]", "[the docs]")


def test_format_for_reads_a_name_as_pathlib_does():
    from itertools import product
    from pathlib import PurePath

    from lint.formats import _BY_SUFFIX, format_for

    parts = ["a", ".txt", "b.md", "x.HTML", "..", ".", "", "c.docx", "d.", ".md", "e..txt", "g.Txt ", "i.md.", "j\\k.md"]
    for combo in product(parts, repeat=2):
        for trail in ("", "/", "/."):
            path = "/".join(combo) + trail
            assert format_for(path) == _BY_SUFFIX.get(PurePath(path).suffix.lower()), path


class _LineColumnTokens(HTMLParser):
    """The HTML reader's tokens placed as the parser itself places them
    (getpos(): line and column), to hold the reader's offsets to."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
        self.starts: list[int] = []
        self.feed(source)
        self.close()

    def _mark(self, *args):
        line, column = self.getpos()
        self.starts.append(self.line_starts[line - 1] + column)

    handle_starttag = handle_startendtag = handle_endtag = handle_data = handle_entityref = _mark
    handle_charref = handle_comment = handle_decl = handle_pi = unknown_decl = _mark


_SOUP = st.sampled_from(["<div>", "</div>", "<p class='a>b'>", "</p>", "<br/>", "<script>", "</script>", "<style>",
                         "<!--", "-->", "<![CDATA[", "]]>", "<!doctype html>", "<?php x ?>", "&amp;", "&#169;", "&",
                         "<", ">", "</", "<a\nhref=x>", "text, words. ", "\n", "\r\n", "\r", "é", "<pre>", "</pre>"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_SOUP, max_size=60).map("".join))
def test_html_tokens_start_where_the_parser_places_them(source):
    """The reader keeps each token's offset as the parser moves through the
    source, without its line counting: the same places, on any tag soup
    (unterminated comments and declarations make the parser read on at
    close())."""
    from lint.formats.html import _Tokens

    assert [t[0] for t in _Tokens(source).tokens] == _LineColumnTokens(source).starts


_MARKDOWN_PIECES = st.sampled_from(["word", " ", "`", "``", "![a](b)", "[a]", "(b)", "<x>", "<a@b.c>", "http://x.y",
                                    "https://x", "www.x.y", ":", "/", "\\*", "*", "**", "_", "__", "~~", "~", "<!-- c -->",
                                    "]", "[", "!", ".", "é", "\u00a0"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_MARKDOWN_PIECES, max_size=25).map("".join))
def test_a_markdown_line_without_an_inline_mark_holds_no_inline_markup(line):
    """The Markdown reader scans a line for inline markup only when it holds
    one of INLINE_MARKS: every match of the scan holds one."""
    from lint.formats.markdown import _INLINE, may_hold_markup

    if not may_hold_markup(line):
        assert _INLINE.search(line) is None


@given(st.lists(st.sampled_from(["a", "bc", "\n", "\r\n", "\r", "\n\n", "é", "\u2028"]), max_size=30).map("".join))
def test_line_starts_are_where_each_line_break_ends(text):
    from lint.core.lines import LineIndex

    expected = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
    assert LineIndex(text).starts == expected
