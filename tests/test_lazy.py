"""Patterns compiled on first use, by `regex` or `re`, folding case one
character for one."""

from __future__ import annotations

import re

import regex

from lint.speed.lazy import LazyPattern, lazy_re
from lint.speed.patterncache import simple_folding


def test_a_pattern_is_compiled_on_first_use_only():
    pattern = LazyPattern(r"(?<!\w)\L<w>(?!\w)", regex.V1, w=["warned", "vowed"])
    assert pattern.pattern == r"(?<!\w)\L<w>(?!\w)" and "_compiled" not in pattern.__dict__
    assert [m.group() for m in pattern.finditer("He warned and vowed; rewarned.")] == ["warned", "vowed"]
    assert isinstance(pattern.compiled, type(regex.compile("")))


def test_lazy_re_compiles_with_the_standard_library():
    pattern = lazy_re(r"\bthe\b", re.IGNORECASE)
    assert pattern.pattern == r"\bthe\b" and "_compiled" not in pattern.__dict__
    assert [m.span() for m in pattern.finditer("The theme of the day")] == [(0, 3), (13, 16)]
    assert isinstance(pattern.compiled, re.Pattern)


def test_case_is_folded_one_character_for_one():
    assert simple_folding("straße", regex.IGNORECASE | regex.V1) == "(?-f)straße"
    assert simple_folding("straße", regex.V1) == "straße"  # case kept: nothing to fold
    assert simple_folding("straße", regex.IGNORECASE) == "straße"  # version 0 folds simply already
    pattern = LazyPattern("straße", regex.IGNORECASE | regex.V1)
    assert pattern.search("STRASSE") is None  # full folding would match
    assert pattern.search("Die Straße").span() == (4, 10)
    assert regex.compile("straße", regex.IGNORECASE | regex.V1).search("STRASSE") is not None
