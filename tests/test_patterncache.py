"""Compiled `regex` patterns are kept between runs: read back instead of
compiled, told apart by their named lists, rebuilt when the cache is
damaged or holds anything but patterns, and never written where Python
would not write bytecode."""

from __future__ import annotations

import builtins
import marshal
import pickle
import sys
from types import SimpleNamespace

import pytest
import regex

from lint.speed import patterncache

PATTERN = r"(?<![\w])(?:\L<w>)\s+(?P<noun>\w+)"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh cache file for the test, written as in a normal run."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    fresh = patterncache.Store(tmp_path / "__pycache__" / "patterns.marshal")
    monkeypatch.setattr(patterncache, "_STORE", fresh)
    return fresh


def _next_run(store, monkeypatch) -> patterncache.Store:
    """What the next process sees: the file `store` saved, read afresh."""
    store.save()
    later = patterncache.Store(store.path)
    monkeypatch.setattr(patterncache, "_STORE", later)
    return later


def _no_compiling(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("compiled instead of read from the cache")
    monkeypatch.setattr(regex, "compile", refuse)


def test_a_pattern_compiled_in_one_run_is_read_back_in_the_next(store, monkeypatch):
    first = patterncache.compile(PATTERN, regex.V1, w=["Russian", "Russia"])
    later = _next_run(store, monkeypatch)
    _no_compiling(monkeypatch)
    again = patterncache.compile(PATTERN, regex.V1, w=["Russia", "Russian"])  # another order, the same list
    text = "Russia invaded; Russian forces"
    assert [m.span("noun") for m in again.finditer(text)] == [m.span("noun") for m in first.finditer(text)] \
        == [(7, 14), (24, 30)]
    assert (again.pattern, again.flags, again.groupindex) == (first.pattern, first.flags, first.groupindex)
    assert later.new == {}


def test_the_same_pattern_with_other_named_lists_is_another_entry(store, monkeypatch):
    patterncache.compile(PATTERN, regex.V1, w=["China"])
    _next_run(store, monkeypatch)
    other = patterncache.compile(PATTERN, regex.V1, w=["Russia"])
    assert other.named_lists == {"w": frozenset({"Russia"})}
    assert other.search("China said") is None
    assert other.search("Russia said").span() == (0, 11)


def test_a_named_list_whose_checksum_collides_is_compiled_again(store, monkeypatch):
    patterncache.compile(PATTERN, 0, w=["China"])
    later = _next_run(store, monkeypatch)
    (key, blob), = later._read().items()
    later.saved = {(PATTERN, 0, patterncache._checksum({"w": ["Chile"]})): blob}  # as if "Chile" summed the same
    found = patterncache.compile(PATTERN, 0, w=["Chile"])
    assert found.named_lists == {"w": frozenset({"Chile"})}
    assert found.search("Chile said") is not None


def test_a_damaged_cache_is_compiled_again_and_replaced(store, monkeypatch):
    store.path.parent.mkdir()
    store.path.write_bytes(b"not marshal data")
    assert patterncache.compile(r"\d+").search("no. 42").span() == (4, 6)
    later = _next_run(store, monkeypatch)
    assert [key[0] for key in later._read()] == [r"\d+"]


_CALLS: list[str] = []


def _record(value: str) -> None:
    _CALLS.append(value)


class _Evil:
    """A pickle that calls _record when loaded."""

    def __reduce__(self):
        return (_record, ("ran",))


def test_an_entry_that_is_not_a_compiled_pattern_is_never_loaded(store):
    assert pickle.loads(pickle.dumps(_Evil())) is None and _CALLS == ["ran"]  # what plain pickle does
    _CALLS.clear()
    store.path.parent.mkdir()
    # marshal can hold code: it must never run, in any namespace
    code = compile("import builtins; builtins.copydesk_entry_ran = True", "<entry>", "exec")
    store.path.write_bytes(marshal.dumps({(r"\d+", 0, ()): pickle.dumps(_Evil()), (r"\w+", 0, ()): marshal.dumps(code),
                                          (r"\s+", 0, ()): marshal.dumps((code,))}))
    assert patterncache.compile(r"\d+").search("no. 42").span() == (4, 6)
    assert patterncache.compile(r"\w+").search(" no").span() == (1, 3)
    assert patterncache.compile(r"\s+").search("a  b").span() == (1, 3)
    assert _CALLS == [] and not hasattr(builtins, "copydesk_entry_ran")


def test_nothing_is_written_where_python_writes_no_bytecode(store, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    patterncache.compile(r"\w+")
    store.save()
    assert not store.path.exists()


@pytest.mark.parametrize("limit, kept", [(1 << 20, ["four", "one", "three", "two"]), (0, ["four", "two"])])
def test_a_full_cache_drops_the_patterns_this_run_did_not_use(store, monkeypatch, limit, kept):
    for word in ("one", "two", "three"):
        patterncache.compile(word)
    _next_run(store, monkeypatch)
    monkeypatch.setattr(patterncache, "LIMIT", limit)
    patterncache.compile("two")  # used: read from the cache
    patterncache.compile("four")  # new
    final = _next_run(patterncache._STORE, monkeypatch)
    assert sorted(key[0] for key in final._read()) == kept


# -- programs of Python's `re` ----------------------------------------------------

RE_PATTERNS = [(r"(?P<word>\w+)\s+(?P=word)\b", 0), (r"^\s*(?:import|def)\b", 0), (r"[{}\[\]();=<>$#@*/\\|&_]", 0),
               (r"(?<![\w.])\d+(?:st|nd)?", 2), (r"(?m)^a$", 0), (rb" ([a-z\x80-\xff]++) ++\1(?![a-z0-9_])", 0),
               (r"(?x) a # comment", 0)]


def test_an_re_program_compiled_in_one_run_is_read_back_in_the_next(store, monkeypatch):
    import re

    for pattern, flags in RE_PATTERNS:
        patterncache.compile_re(pattern, flags)
    _next_run(store, monkeypatch)

    def refuse(*args, **kwargs):
        raise AssertionError("compiled instead of read from the cache")
    monkeypatch.setattr(patterncache, "_re_compiler", SimpleNamespace(_code=refuse))
    texts = ["the the cat", "  import os", "a(b)", "x 1st 22 .3", "b\na\nc", b" so so, the the", "a"]
    for (pattern, flags), text in zip(RE_PATTERNS, texts):
        readable = patterncache.without_possessives(pattern) if sys.version_info < (3, 11) else pattern  # as re reads it
        again, want = patterncache.compile_re(pattern, flags), re.compile(readable, flags)
        assert (again.pattern, again.flags, again.groups, again.groupindex) == \
            (want.pattern, want.flags, want.groups, want.groupindex)
        assert [m.span() for m in again.finditer(text)] == [m.span() for m in want.finditer(text)]
        assert pickle.loads(pickle.dumps(again)).pattern == readable


def test_a_damaged_re_entry_is_compiled_again(store, monkeypatch):
    pattern, flags = RE_PATTERNS[0]
    patterncache.compile_re(pattern, flags)
    later = _next_run(store, monkeypatch)
    key = next(k for k in later._read() if k[0] == pattern)
    later.saved = {key: b"not marshal"}
    assert patterncache.compile_re(pattern, flags).search("so so").span() == (0, 5)


@pytest.mark.parametrize("pattern, greedy", [
    (r"(?<!\s)\s*+(\S?)", r"(?<!\s)\s*(\S?)"),
    (rb" ([a-z\x80-\xff]++) ++\1(?![a-z0-9_])", rb" ([a-z\x80-\xff]+) +\1(?![a-z0-9_])"),
    (r"a{2,3}+b|c?+", r"a{2,3}b|c?"),
    (r"[-*+]\s|[\]*+]*+|[^]*+]", r"[-*+]\s|[\]*+]*|[^]*+]"),  # classes kept as written
    (r"\++|\(?+x|a+?|a{}+|(?:a)", r"\++|\(?x|a+?|a{}+|(?:a)"),  # escapes, lazy and literal braces too
])
def test_possessive_quantifiers_are_made_greedy_for_python_3_10(pattern, greedy):
    assert patterncache.without_possessives(pattern) == greedy


def _possessive_patterns() -> list:
    """Every `re` pattern of copydesk's modules written with a possessive quantifier."""
    import re

    from test_patterns import _module_patterns

    return list({(p.pattern, p.flags): p for _, p, _, _ in _module_patterns()
                 if isinstance(p, re.Pattern) and patterncache.without_possessives(p.pattern) != p.pattern}.values())


@pytest.mark.skipif(sys.version_info < (3, 11), reason="the possessive form compiles from Python 3.11 (CI's)")
def test_each_possessive_pattern_finds_what_its_greedy_form_finds():
    """The promise Python 3.10 relies on: a possessive quantifier in
    copydesk's `re` patterns is there for speed alone."""
    import re

    from conftest import CORPORA

    patterns = _possessive_patterns()
    assert len(patterns) == 11  # as many as the package holds: one not found here would go unchecked
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPORA / "clean").glob("*/*.txt"))[::20]]
    texts += ["the the", "The  the end", "that\nthat", "(the the) “so so”", "a \u00a0 a", "n't n't", "word.\n\nword",
              "to be to be or", "\ttab\ttab", "x\r\nx", "'s 's", "—and and", "aa a", "a aa", "ok ok1"]
    for compiled in patterns:
        greedy = re.compile(patterncache.without_possessives(compiled.pattern), compiled.flags)
        for text in texts:
            data = text if isinstance(compiled.pattern, str) else text.lower().encode("utf-8", "surrogatepass")
            assert ([(m.span(), m.groups()) for m in compiled.finditer(data)]
                    == [(m.span(), m.groups()) for m in greedy.finditer(data)]), (compiled.pattern, text)
