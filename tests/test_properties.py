"""Property-based tests: no input makes copydesk crash, report outside the
text, lose text it was not asked to remove, or touch markup."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint import check_text, fix_text
from lint.core.fix import apply_edits
from lint.formats import load

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Prose built from pieces that trigger rules, mixed with arbitrary Unicode.
PIECES = st.sampled_from([
    "The ", "the ", "U.S.", "U.N. ", "said", " ", "  ", "\u00a0", "\u200b", "\t", ", .", ". ,", ",,", "..", "...",
    "“", "”", '"', "(", ")", "[", "]", "&amp;", "â€™", "Â£", "\n", "\n\n", "\n\n\n", "\r\n", "Leave a Reply",
    "We will not allow it, and we will allow it.", "no repercussions", "REUTERS/Jane Doe", "Advertisement",
    "had had", "that that", "Talks end on Friday. Talks end on Friday. ", "Talks end on Friday.\nTalks end on  Friday.",
    "\n\nThe minister resigned on Tuesday after a week of pressure.\n\n",
    "é", "e\u0301", "👍🏽", "שלום", "\u200f", "\x07", "\ufffd", "<p>", "</div>",
])
PROSE = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)

MD_PIECES = st.sampled_from([
    "---\ntitle: U.S.U.S.  \n---\n", "# Head U.N.U.N.\n\n", "```\nthe the  \n\n\n\n```\n", "    code  the the\n",
    "`U.S.U.S.`", "[link U.K.U.K.](http://e.com/U.S.U.S.)", "![alt U.S.U.S.](a.png)", "<span>the the</span>",
    "https://example.com/the the", "> quoted the the\n", "- item U.S.U.S.\n", "1. item\n", "**bold**", "_em_",
    "\\*", "<!-- copydesk-disable -->", "| a | b |\n|---|---|\n| c | d |\n",
    "[the the](<the the dest.pdf>)", "[a](http://e.com/a\u00a0b \"the the title\")", "![the the](i.png 'the the')",
    "[x](http://e.com (the  the))", "[y](http://e.com/a(b)c)", "<span title=\"a > b the the\">",
])
MARKDOWN = st.lists(st.one_of(MD_PIECES, PIECES), max_size=30).map("".join)

HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<h1>", "</h1>", "<script>var x = 'U.S.U.S.  ';</script>", "<style>p{a:b}  </style>",
    "<pre>the the  \n\n\n</pre>", "<code>U.N.U.N.</code>", "<a href=\"http://e.com/U.S.U.S.\">", "</a>",
    "<!-- c -->", "&nbsp;", "&amp;", "<br>", "<figcaption>REUTERS/John Smith</figcaption>", "<div class='x'>",
    "<img alt=\"Prices > forecasts\" src=\"the the.png\">", "<a title='U.S.U.S. > x' href=\"/a\u00a0b\">",
    "<kbd>the the</kbd>", "<samp>U.N.U.N.</samp>", "<var>a  b</var>", "<li>", "</li>", "<ul>", "</ul>",
    "<p>Leave a Reply</p>", "<article>", "</article>", "<html><body>", "</body></html>", "<br/>Share<br/>",
])
HTML = st.lists(st.one_of(HTML_PIECES, PIECES), max_size=30).map("".join)
DOCUMENTS = st.one_of(PROSE.map(lambda t: (t, "text")), MARKDOWN.map(lambda t: (t, "markdown")),
                      HTML.map(lambda t: (t, "html")))


@SETTINGS
@given(DOCUMENTS)
def test_check_never_raises_and_spans_lie_inside(doc):
    text, fmt = doc
    for d in check_text(text, fmt, select=["ALL"]):
        assert 0 <= d.start <= d.end <= len(text)
        if d.fix:
            assert all(0 <= e.start <= e.end <= len(text) for e in d.fix.edits)


@SETTINGS
@given(DOCUMENTS)
def test_fix_is_idempotent(doc):
    """Safe fixes settle in one run. Unsafe ones act only where the text as
    given had a finding: a second run may take what the first reported as
    remaining (brought about elsewhere by its fixes), and nothing else."""
    text, fmt = doc
    for unsafe in (False, True):
        once = fix_text(text, fmt, select=["ALL"], unsafe=unsafe)
        if once.unstable:
            continue  # reported to the user; the loop stopped instead of cycling
        twice = fix_text(once.text, fmt, select=["ALL"], unsafe=unsafe)
        if not unsafe or not any(d.fix for d in once.remaining):
            assert twice.text == once.text
        else:
            first = [(d.code, d.start, d.end) for d in twice.applied if d.fix.applicability.value == "unsafe"]
            assert set(first[: len(once.remaining)]) <= {(d.code, d.start, d.end) for d in once.remaining}


@SETTINGS
@given(DOCUMENTS)
def test_text_outside_applied_edits_is_unchanged(doc):
    text, fmt = doc
    found = check_text(text, fmt, select=["ALL"])
    todo = [d for d in found if d.fix]
    new, chosen = apply_edits(text, todo)
    edits = sorted(e for d in chosen for e in d.fix.edits)
    # Rebuild the expected text from the untouched stretches and the replacements.
    expected, pos = [], 0
    for e in edits:
        expected.append(text[pos:e.start])
        expected.append(e.replacement)
        pos = e.end
    expected.append(text[pos:])
    assert new == "".join(expected)
    for a, b in zip(edits, edits[1:]):
        assert a.end <= b.start  # no two applied edits overlap


@SETTINGS
@given(st.one_of(MARKDOWN.map(lambda t: (t, "markdown")), HTML.map(lambda t: (t, "html"))))
def test_markup_is_byte_identical_after_fix(doc):
    """Every piece of markup comes out of a pass of fixes (safe and unsafe)
    as it went in, in order, but for whole elements a fix removed with the
    block they held. (The fix loop checks the same after every pass.)"""
    text, fmt = doc
    original = load(text, fmt=fmt)
    fixed, chosen = apply_edits(text, [d for d in check_text(text, fmt, select=["ALL"]) if d.fix])
    removed = [e for d in chosen for e in d.fix.edits if (e.start, e.end) in original.removable]
    pos = 0
    for s, e in original.protected:
        pieces = [(s, e)]  # the markup outside the removed spans
        for r in removed:
            pieces = [part for a, b in pieces for part in ((a, min(b, r.start)), (max(a, r.end), b)) if part[0] < part[1]]
        for a, b in pieces:
            found = fixed.find(text[a:b], pos)
            assert found >= 0, f"markup {text[a:b]!r} was changed"
            pos = found + b - a


@SETTINGS
@given(DOCUMENTS)
def test_blocks_map_back_to_the_source(doc):
    text, fmt = doc
    for block in load(text, fmt=fmt).blocks:
        for c in block.chunks:
            assert 0 <= c.source_start <= c.source_end <= len(text)
            if c.literal:
                assert block.text[c.text_start:c.text_end] == text[c.source_start:c.source_end]
