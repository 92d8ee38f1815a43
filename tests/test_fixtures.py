"""Every rule against its data fixtures (tests/fixtures/<CODE>.yml)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, fixture_settings, load_fixture, span_of

from lint.api import check_text, fix_text
from lint.core.rule import CODE_PATTERN
from lint.run.registry import default_registry

# One file per rule, named by its code; other YAML files hold data sets.
FILES = sorted(p for p in FIXTURES.glob("*.yml") if CODE_PATTERN.fullmatch(p.stem))


def _cases(kind: str):
    for path in FILES:
        data = load_fixture(path)
        for i, case in enumerate(data.get(kind) or []):
            yield pytest.param(data["rule"], case, id=f"{path.stem}-{kind}-{i}")


@pytest.mark.parametrize("code,case", list(_cases("pass")))
def test_pass(code, case):
    found = check_text(case["text"], case.get("format", "text"), select=[code], encoding=case.get("encoding", "utf-8"),
                       settings=fixture_settings(case))
    assert [(d.code, d.start, d.end, d.message) for d in found] == []


@pytest.mark.parametrize("code,case", list(_cases("fail")))
def test_fail(code, case):
    text, fmt = case["text"], case.get("format", "text")
    found = check_text(text, fmt, select=[code], encoding=case.get("encoding", "utf-8"), settings=fixture_settings(case))
    expected = sorted((e.get("code", code), *span_of(text, e)) for e in case["expect"])
    assert sorted((d.code, d.start, d.end) for d in found) == expected
    messages = {(e.get("code", code), *span_of(text, e)): e["message"] for e in case["expect"] if "message" in e}
    assert {key: d.message for d in found for key in [(d.code, d.start, d.end)] if key in messages} == messages


@pytest.mark.parametrize("code,case", [p for p in _cases("fail") if "fix" in p.values[1] or "unsafe_fix" in p.values[1]])
def test_fix(code, case):
    text, fmt = case["text"], case.get("format", "text")
    for key, unsafe in (("fix", False), ("unsafe_fix", True)):
        if key not in case:
            continue
        fixed = fix_text(text, fmt, select=[code], unsafe=unsafe, settings=fixture_settings(case))
        assert fixed.text == case[key]
        again = fix_text(fixed.text, fmt, select=[code], unsafe=unsafe, settings=fixture_settings(case))
        assert again.text == fixed.text, "fixing twice changed the text again"
        assert fixed.unstable is None


def test_every_rule_has_fixtures():
    by_rule = {load_fixture(p)["rule"]: load_fixture(p) for p in FILES}
    problems = []
    for rule in default_registry():
        data = by_rule.get(rule.code)
        if data is None:
            problems.append(f"{rule.code}: no tests/fixtures/{rule.code}.yml")
            continue
        if not data.get("pass") or not data.get("fail"):
            problems.append(f"{rule.code}: needs pass and fail cases")
        if rule.fixable and not any("fix" in c or "unsafe_fix" in c for c in data.get("fail") or []):
            problems.append(f"{rule.code}: fixable but no fix case")
    assert problems == []


def test_fixture_files_name_real_rules():
    registry = default_registry()
    for path in FILES:
        data = load_fixture(path)
        assert data["rule"] == path.stem
        assert registry.get(data["rule"]) is not None, f"{path.name} names an unknown rule"


def test_every_rule_carries_its_docs():
    """Docs are read lazily (from a docstring, a pack, or proselint), so a
    rule without them would only fail when someone asks: ask for all."""
    for rule in default_registry():
        docs = rule.docs
        assert all(part.strip() for part in (docs.what, docs.why, docs.example, docs.fix_safety)), rule.code
