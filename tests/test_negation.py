"""The NEG family against its pair set (tests/fixtures/negation_pairs.yml).

Every garbled text must be flagged by exactly its rule, every clean text by
none, except the known misses and false alarms the set marks (`miss`,
`clean_flagged`) with their reasons; the figures the README reports are
pinned here so a change in either direction is seen.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import FIXTURES, SAMPLES
from lint.packs.pack import rules_dir

from lint.api import check_text

DATA = yaml.safe_load((FIXTURES / "negation_pairs.yml").read_text(encoding="utf-8"))
PAIRS = DATA["pairs"]
CONTROLS = DATA["controls"]


def _codes(text: str) -> set[str]:
    return {d.code for d in check_text(text + "\n", select=["NEG"])}


def _id(pair) -> str:
    return f"{pair['code']}-{pair['text'][:40]}"


@pytest.mark.parametrize("pair", PAIRS, ids=_id)
def test_garbled_flagged_by_its_rule(pair):
    expected = set() if "miss" in pair else {pair["code"]}
    assert _codes(pair["text"]) == expected


@pytest.mark.parametrize("pair", PAIRS, ids=_id)
def test_corrected_text_is_quiet(pair):
    expected = {"NEG001"} if "clean_flagged" in pair else set()
    assert _codes(pair["clean"]) == expected


@pytest.mark.parametrize("text", CONTROLS, ids=lambda t: t[:40])
def test_control_is_quiet(text):
    assert _codes(text) == set()


def _figures():
    """(flagged, garbled) per batch and (flagged, clean) over all clean texts."""
    recall: dict[str, list[int]] = {}
    for pair in PAIRS:
        counts = recall.setdefault(pair.get("batch", "dev"), [0, 0])
        counts[0] += pair["code"] in _codes(pair["text"])
        counts[1] += 1
    clean = [p["clean"] for p in PAIRS] + CONTROLS
    alarms = sum(1 for text in clean if _codes(text))
    return {k: tuple(v) for k, v in recall.items()}, (alarms, len(clean))


def test_pair_set_figures():
    # The README's figures: recall 94/101 (dev 71/74, held-out 23/27),
    # false alarms 2/186 clean texts.
    recall, alarms = _figures()
    assert recall == {"dev": (71, 74), "held-out": (23, 27)}
    assert alarms == (2, 186)
    assert sum(1 for p in PAIRS if p["code"] == "NEG001") >= 30
    assert len(PAIRS) >= 60 and len(CONTROLS) >= 60


def test_seed_article():
    text = (SAMPLES / "us-warns-china.txt").read_text(encoding="utf-8")
    found = [(d.code, text[d.start:d.end]) for d in check_text(text, select=["NEG"])]
    assert found == [
        ("NEG002", "there will be absolutely no repercussions"),
        ("NEG001", "will not allow this to continue, and we will allow"),
        ("NEG004", "after invading Russia, China"),
    ]


def test_messages_quote_both_sides():
    text = "We will not allow this to continue, and we will allow Russia to be a lifeline.\n"
    (d,) = check_text(text, select=["NEG"])
    assert "“will not allow”" in d.message and "“will allow”" in d.message
    assert d.fix is None


def test_lexicons_hold_only_strings():
    # YAML reads a bare on/off/yes/no as a boolean; a lexicon must quote them.
    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                assert isinstance(key, str), key
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item) if isinstance(item, (dict, list)) else [item]
        else:
            yield node

    for path in sorted((rules_dir() / "lexicons").glob("negation*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        bad = [v for v in walk(data) if not isinstance(v, str)]
        assert bad == [], f"{path.name}: {bad}"


@pytest.mark.parametrize("text, span, actor", [
    # Iraq's evidence ("invasion by Iraq") overlaps Iran's ("Iranian invasion"): both are found.
    ("The Iranian invasion by Iraq never happened. Days after invading Iraq, Kuwait condemned the move.",
     (50, 77), "Iraq"),
    # Parties outside the lexicon are searched for one by one.
    ("Wagner's offensive began in May. But days after attacking Wagner, Moscow condemned the rebels.",
     (42, 72), "Wagner"),
])
def test_role_reversal_finds_the_article_s_actor(text, span, actor):
    found = check_text(text + "\n", select=["NEG004"])
    assert [(d.start, d.end) for d in found] == [span]
    assert found[0].message.endswith(f"but the article names {actor} as the actor: the roles look reversed")


def test_role_reversal_is_quiet_when_the_subject_is_the_actor():
    text = "Wagner's offensive began in May. But days after attacking Moscow, Wagner condemned the rebels.\n"
    assert check_text(text, select=["NEG004"]) == []
