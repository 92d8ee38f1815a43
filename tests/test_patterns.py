"""Every built-in pattern stays linear on adversarial input: long runs of
the characters it repeats on. A pattern that backtracks catastrophically
would hang a publishing pipeline."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest
import regex

import lint
from lint.run.registry import default_registry
from lint.speed.lazy import LazyPattern
from lint.speed.prefilter import Prefilter

PATTERN_TYPES = (re.Pattern, type(regex.compile("")))
SMALL, LARGE = 1_000, 4_000  # LARGE is 4x SMALL: linear time grows 4x, quadratic 16x


def _module_patterns():
    """(name, pattern, how it is used, longest input) for module-level patterns."""
    for info in pkgutil.walk_packages(lint.__path__, "lint."):
        if info.name == "lint.run.dask_batch":
            continue  # needs the dask extra; holds no patterns
        module = importlib.import_module(info.name)
        bounded = getattr(module, "BOUNDED", {})
        for name, value in vars(module).items():
            if isinstance(value, Prefilter):  # RE2 scans whole documents; `re` tests single blocks
                value = value.pattern
            elif isinstance(value, LazyPattern):
                value = value.compiled
            if isinstance(value, PATTERN_TYPES):
                yield f"{info.name}.{name}", value, "finditer", bounded.get(name)


def _rule_patterns():
    """Patterns held by rule instances (pack rules match whole lines: fullmatch)."""
    for rule in default_registry():
        attributes = dict(vars(rule))
        if hasattr(rule, "pattern"):  # compiled on first use
            attributes["pattern"] = rule.pattern
        for name, value in attributes.items():
            values = value if isinstance(value, (list, tuple)) else [value]
            for i, item in enumerate(values):
                if isinstance(item, PATTERN_TYPES):
                    yield f"{rule.code}.{name}[{i}]", item, "fullmatch", None


PATTERNS = sorted({id(p[1]): p for p in [*_module_patterns(), *_rule_patterns()]}.values(), key=lambda x: x[0])

# Shapes that make backtracking patterns blow up: runs of one character,
# alternations of a character with a separator, and near-misses of the
# things the rules look for.
SEEDS = ["a", " ", "a ", ".", ". ", ", ", ",", "\n", "\n ", " \n", "U.S.", "A.", "the ", "The ", "\"", "“", "”", "(",
         ")", "[", "&#", "&a", "Ã©", "â€", "<p", "<", "\u00a0", "-", "'", "’", "1", "1,", "no ", "not ", "will not ",
         "Aa ", "a.", "..", "@", "/", "*", "_", "`", "http://", "www.", "Reuters/", "(AP ", "Photo ", "© ", "| ",
         "Share ", "\t", "\r\n", "!", "?", ":", ";", "…", "a-", "X", "é", "\ufeff", "\u200b", "Mr. ", "#", "~~",
         "March 1, 2022 ", "Name/", "and ", "we will ", "no one ", "didn't ", "2022."]


def _inputs(n: int, bytes_: bool = False):
    for seed in SEEDS:
        text = seed * max(1, n // len(seed)) + "!"  # the trailing mark makes most patterns fail at the end
        yield text.encode() if bytes_ else text


def _time(pattern, how: str, n: int) -> float:
    start = time.perf_counter()
    for text in _inputs(n, bytes_=isinstance(pattern.pattern, bytes)):
        if how == "finditer":
            for _ in pattern.finditer(text):
                pass
        else:
            pattern.fullmatch(text)
    return time.perf_counter() - start


def test_patterns_are_collected():
    assert len(PATTERNS) > 40


@pytest.mark.parametrize("name,pattern,how,bound", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_pattern_is_linear(name, pattern, how, bound):
    if bound:
        # Used only on short stretches: fast on the longest adversarial input.
        worst = max(_time_one(pattern, text) for text in _inputs(bound))
        assert worst < 0.02, f"{name}: {worst:.4f}s on {bound} characters"
        return
    # The best of five runs each: a machine busy with other work slows a
    # run or two, and the growth from SMALL to LARGE is what is asked.
    small = min(_time(pattern, how, SMALL) for _ in range(5))
    large = min(_time(pattern, how, LARGE) for _ in range(5))
    assert large < max(10 * small, 0.02), f"{name}: {small:.4f}s for {SMALL} chars, {large:.4f}s for {LARGE}"


def _time_one(pattern, text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - start
