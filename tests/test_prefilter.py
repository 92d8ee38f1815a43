"""Document-wide prefilters only ever skip articles a rule would not flag."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from test_properties import DOCUMENTS, SETTINGS

from lint import check_text, prefilter
from lint.document import Document
from lint.formats import load
from lint.registry import default_registry


def test_hspace_is_every_white_space_character_but_line_breaks():
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()} - {"\r", "\n"}
    pattern = re.compile(f"[{prefilter.HSPACE}]")
    in_class = {chr(c) for c in range(sys.maxunicode + 1) if pattern.match(chr(c))}
    assert in_class == every


def test_every_prefilter_compiles_in_re2_and_in_re():
    default_registry()  # imports every rule module, which declares its prefilters
    assert prefilter._scanner() is not None
    assert len(prefilter._PATTERNS) >= 8
    for pattern in prefilter._PATTERNS:  # `re` tests single blocks
        re.compile(pattern)


def test_a_lone_surrogate_lets_every_rule_look():
    doc = Document("a \ud800 b", fmt="text")
    assert prefilter._scan(doc) == frozenset(range(len(prefilter._PATTERNS)))


def _hit(doc, pattern: str) -> bool:
    return prefilter._PATTERNS.index(pattern) in prefilter._scan(doc)


SPACE_RUN = "[ \t\u00a0]{2}"  # WS003's prefilter


def test_the_prose_is_scanned_not_the_source():
    code_span = load("Fifty people `a  b`\n", fmt="markdown")  # code is not prose
    assert code_span.prose == "Fifty people \ufffc"
    assert not _hit(code_span, SPACE_RUN)
    entities = load("<p>Fifty&nbsp;&nbsp;people</p>\n", fmt="html")  # entities are decoded
    assert entities.prose == "Fifty\u00a0\u00a0people"
    assert _hit(entities, SPACE_RUN)


@SETTINGS
@given(DOCUMENTS)
def test_findings_are_the_same_without_prefilters(doc):
    text, fmt = doc
    with_prefilters = check_text(text, fmt, select=["ALL"])
    saved = prefilter._compiled
    prefilter._compiled = (len(prefilter._PATTERNS), None)  # no scanner: every rule reads everything
    try:
        without = check_text(text, fmt, select=["ALL"])
    finally:
        prefilter._compiled = saved
    assert with_prefilters == without
