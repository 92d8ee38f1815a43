"""YAML rule packs: the kinds, safe loading, clear errors, a newsroom's own packs."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli
from lint.packs.pack import PackError, load_pack

DOCS = """\
    docs:
      what: Flags a thing.
      why: It matters.
      example: An example.
      fix_safety: Unsafe.
"""


def _pack(tmp_path, body: str, name: str = "house.yml"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_house_pack_from_config_adds_rules(tmp_path):
    _pack(tmp_path, """\
rules:
  - code: STY901
    name: house.banned-words
    kind: existence
    tokens: [utilise, going forward]
    message: "house style: avoid {match!r}"
""" + DOCS + """\
  - code: STY902
    name: house.spellings
    kind: substitution
    swap: {e-mail: email, web site: website}
""" + DOCS)
    (tmp_path / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("We will utilise the web site going forward.\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", "--no-cache", "a.txt", cwd=tmp_path)
    found = [(r["code"], r["message"]) for r in json.loads(result.stdout)]
    assert found == [("STY901", "house style: avoid 'utilise'"), ("STY902", "use 'website' instead of 'web site'"),
                     ("STY901", "house style: avoid 'going forward'")]
    fixed = run_cli("fix", "--unsafe-fixes", "--no-cache", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text() == "We will utilise the website going forward.\n"
    assert fixed.returncode == 1  # the existence findings remain


def test_catastrophic_user_pattern_times_out_with_a_clear_message(tmp_path):
    _pack(tmp_path, """\
rules:
  - code: BOIL901
    name: house.bad-pattern
    kind: boilerplate
    patterns: ['(a|a)*\\d']
""" + DOCS)
    (tmp_path / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 40 + "!\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The U.S.U.S. side.\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", "--no-cache", "--jobs", "1", "a.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"copydesk: error: a.txt: rule BOIL901 ({tmp_path / 'house.yml'}:2): its pattern took longer than "
        "1.0s on this text and was stopped\n")
    assert [r["code"] for r in json.loads(result.stdout)] == ["DUP001"]  # the other file was still checked


@pytest.mark.parametrize("body,problem", [
    ("rules:\n  - code: STY1\n    name: x\n    kind: existence\n",
     "house.yml:2: rule 'x': code 'STY1' is not a family of 2 to 5 capital letters and three digits, as STY901 "
     "or a house family's HSE001"),
    ("rules:\n  - code: HOUSES001\n    name: x\n    kind: existence\n", "house.yml:2: rule 'x': code 'HOUSES001' is not"),
    ("rules:\n  - code: hse001\n    name: x\n    kind: existence\n", "house.yml:2: rule 'x': code 'hse001' is not"),
    ("rules:\n  - code: STY903\n    name: x\n    kind: shout\n", "house.yml:2: unknown rule kind 'shout'"),
    ("rules:\n  - code: STY903\n    name: x\n    kind: existence\n    tokens: [a]\n", "house.yml:2: missing key 'docs'"),
    ("rules: [\n", "house.yml:2: invalid YAML"),
    ("just text\n", "house.yml:1: a pack is a mapping with a 'rules:' list"),
    ("rules:\n  - !!python/object/apply:os.system ['echo pwned']\n", "house.yml:2: invalid YAML"),
    ("rules:\n  - code: BOIL903\n    name: x\n    kind: boilerplate\n    phrases: ['" + "{a|b}" * 17 + "']\n",
     "house.yml:2: phrase '" + "{a|b}" * 17 + "' expands to 131072 phrases (limit 50000)"),
])
def test_malformed_pack_names_file_line_and_problem(tmp_path, body, problem):
    path = _pack(tmp_path, body)
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert str(info.value).startswith(str(tmp_path / problem.split(":")[0]) + ":" + problem.split(":", 1)[1].split(":")[0])
    assert problem.split(": ", 1)[1] in str(info.value)


def test_malformed_pack_in_config_is_exit_2(tmp_path):
    _pack(tmp_path, "rules:\n  - code: STY903\n    name: x\n    kind: shout\n")
    (tmp_path / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"copydesk: error: {tmp_path / 'house.yml'}:2: unknown rule kind 'shout'")


def test_house_family_is_selected_whole(tmp_path):
    """A newsroom's own family (2 to 5 capitals) is selected by its name, and
    a built-in family's name never takes it along: "WS" is not "WSJ"."""
    _pack(tmp_path, """\
rules:
  - code: WSJ001
    name: house.utilise
    kind: existence
    tokens: [utilise]
""" + DOCS)
    (tmp_path / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("We utilise it. \n", encoding="utf-8")

    def codes(*args):
        result = run_cli("check", "--format", "json", "--no-cache", *args, "a.txt", cwd=tmp_path)
        return sorted(r["code"] for r in json.loads(result.stdout))
    assert codes() == ["WS001", "WSJ001"]
    assert codes("--select", "WSJ") == ["WSJ001"]
    assert codes("--select", "WS") == ["WS001"]
    assert codes("--ignore", "WS") == ["WSJ001"]


def test_hints_made_ahead_find_the_same_boilerplate(monkeypatch):
    """The language server makes the boilerplate hints with its first lint
    (prepare_hints) instead of at the eighth: the findings are the same."""
    from lint.api import check_text
    from lint.packs import pack

    text = ("Council approves budget\n\nThe council approved the budget on Monday after a long debate.\n\n"
            "Share this article\n\nRead more: Council delays vote\n\nAdvertisement\n\n"
            "The mayor said the plan would be reviewed next year.\n\n"
            "Copyright 2024 The Daily News. All rights reserved.\n")
    check_text(text)  # the rules are loaded and the gate built
    monkeypatch.setattr(pack._GATE, "hints", None)
    monkeypatch.setattr(pack._GATE, "hints_due", pack._HINTS_AFTER)
    without = check_text(text, select=["BOIL"])
    assert pack._GATE.hints is None and pack._GATE.hints_due == pack._HINTS_AFTER - 1
    pack.prepare_hints()
    assert pack._GATE.hints_due == 0
    with_hints = check_text(text, select=["BOIL"])
    assert [(d.code, d.start) for d in with_hints] == [(d.code, d.start) for d in without]
    assert {d.code for d in without} == {"BOIL002", "BOIL004", "BOIL005", "BOIL007"}


def test_cached_heads_are_those_of_the_phrases(tmp_path):
    """The pack reader keeps the first words of every boilerplate rule's
    phrases (for the RE2 hints) beside the phrases, and they are those the
    phrases give, for the built-in packs and a newsroom's own alike."""
    from lint.packs import pack
    from lint.run.registry import default_registry

    _pack(tmp_path, """\
rules:
  - code: HSE001
    name: house.promo
    kind: boilerplate
    phrases: ["Subscribe to {our|the} newsletter", "Donate", "Sign up now"]
    companions: [Facebook]
""" + DOCS)
    house = load_pack(tmp_path / "house.yml")
    rules = [r for r in [*default_registry(), *house] if isinstance(r, pack.Boilerplate)]
    assert "__heads__" in house[0].spec and len(rules) > 10
    for rule in rules:
        assert rule.heads == pack._heads({*rule.phrases, *rule.companions}), rule.code
    assert house[0].heads == (frozenset({"donate", "facebook"}),
                              frozenset({"subscribe to", "sign up"}))


@pytest.mark.parametrize("text, found", [("don't miss (video)", True), ("don’t \u00a0miss (video)", True),
                                         ("don‘t miss (video)", True), ("dont miss (video)", False),
                                         ("don't miss video", False), ("don't miss (video!)", False)])
def test_a_hint_folds_apostrophes_and_white_space_and_escapes_the_rest(text, found):
    import re2
    from lint.packs import pack

    assert (re2.search(pack._hint("don't miss (video)"), text) is not None) == found
