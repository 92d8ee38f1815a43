"""The STY family: the `consistency` pack kind (lint/packs/consistency.py) and the
house-style packs (rules/style-ap.yml, rules/style-british.yml)."""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lint.packs.pack import KINDS, PackError, build_rule, load_pack

from lint.api import check_text, fix_text
from lint.core.document import Document
from lint.formats import load
from lint.packs import consistency
from lint.run.config import ConfigError, Settings
from lint.run.registry import default_registry
from lint.run.selection import Selection

DOCS = {"what": "w", "why": "y", "example": "e", "fix_safety": "f"}


def _rule(**spec):
    return build_rule({"code": "STY901", "name": "style.test", "kind": "consistency", "docs": DOCS, **spec})


def _found(rule, text, fmt="text"):
    doc = load(text, "a.txt", fmt)
    return [(text[d.start : d.end], d.fix.edits[0].replacement if d.fix else None) for d in rule.check(doc)]


def test_the_kind_is_registered_with_the_registry():
    default_registry()
    assert KINDS["consistency"] is consistency.Consistency


@pytest.mark.parametrize("spec, problem", [
    ({"forms": {"a": ["x"]}}, "two or more"),
    ({"forms": ["x", "y"]}, "two or more"),
    ({"forms": {"a": ["x", "y"], "b": ["z"]}}, "same number"),
    ({"forms": {"a": ["x"], "b": ["y"]}, "prefer": "c"}, "'prefer' names a form"),
    ({"forms": {"a": ["x"], "b": ["x"]}}, "listed twice"),
])
def test_malformed_rules_are_refused(spec, problem):
    with pytest.raises((TypeError, ValueError), match=problem):
        _rule(**spec)


def test_a_malformed_pack_names_file_and_line(tmp_path):
    pack = tmp_path / "house.yml"
    pack.write_text(textwrap.dedent("""\
        rules:
          - code: STY901
            name: style.test
            kind: consistency
            forms: {a: ["x", "y"], b: ["z"]}
            docs: {what: w, why: y, example: e, fix_safety: f}
        """), encoding="utf-8")
    with pytest.raises(PackError, match=r"house\.yml:2: every form lists the same number"):
        load_pack(pack)


def test_minority_form_is_reported_with_the_majority_as_fix():
    rule = _rule(forms={"long": ["colour"], "short": ["color"]})
    assert _found(rule, "The colour, the colour and the color.\n") == [("color", "colour")]


def test_a_long_document_is_read_block_by_block_with_the_same_result():
    # 2,001 paragraphs x 2 spellings: RE2 says which spellings each block holds.
    rule = _rule(forms={"long": ["colour"], "short": ["color"]})
    text = "The colour.\n\n" * 2000 + "The color.\n"
    doc = load(text, "a.txt")
    assert len(doc.blocks) * 2 > 2000
    found = [(d.start, text[d.start : d.end]) for d in rule.check(doc)]
    assert found == [(len(text) - 7, "color")]


def test_spellings_run_in_parallel():
    rule = _rule(forms={"dotted": ["Mr.", "Mrs."], "plain": ["Mr", "Mrs"]})
    assert _found(rule, "Mr Blair met Mr Brown. Mrs. Thatcher stayed away.\n") == [("Mrs.", "Mrs")]


def test_a_tie_is_reported_without_a_fix():
    """No majority, no direction: the form used second is reported, and
    the editor chooses."""
    rule = _rule(forms={"a": ["colour"], "b": ["color"]})
    assert _found(rule, "The color and the colour.\n") == [("colour", None)]
    assert _found(rule, "The colour and the color.\n") == [("color", None)]


def test_one_form_alone_is_fine_and_prefer_reports_it_anyway():
    free = _rule(forms={"a": ["colour"], "b": ["color"]})
    house = _rule(forms={"a": ["colour"], "b": ["color"]}, prefer="a")
    text = "The color of the color.\n"
    assert _found(free, text) == []
    assert _found(house, text) == [("color", "colour"), ("color", "colour")]
    assert _found(house, "The colour.\n") == []


def test_headlines_follow_their_own_form():
    rule = _rule(forms={"dotted": ["U.S."], "plain": ["US"]})
    text = "# US ends talks\n\nThe U.S. said so. U.S. officials left.\n"
    assert _found(rule, text, "markdown") == []
    house = _rule(forms={"dotted": ["U.S."], "plain": ["US"]}, prefer="dotted")
    assert _found(house, text, "markdown") == []


def test_words_inside_longer_words_and_abbreviations_do_not_count():
    rule = _rule(forms={"dotted": ["U.S."], "plain": ["US"]})
    assert _found(rule, "The U.S. team beat the USA and thanked us. USB sticks and U.S.A. flags.\n") == []


def test_exclude_keeps_names_out_of_the_count():
    rule = _rule(forms={"dotted": ["U.S."], "plain": ["US"]}, exclude=["US Open"])
    assert _found(rule, "The U.S. player won the US Open.\n") == []


def test_ignorecase_counts_sentence_starts_but_not_names():
    rule = _rule(forms={"a": ["e-mail"], "b": ["email"]}, ignorecase=True)
    assert _found(rule, "E-mail rose. Staff read email and send email.\n") == [("E-mail", "Email")]
    assert _found(rule, "The firm Email Systems sent an e-mail.\n") == []


def test_after_requires_a_figure_before_the_spelling():
    rule = _rule(forms={"sign": ["%"], "words": [" per cent"]}, after="\\d")
    assert _found(rule, "It rose 5% and 6%, a few per cent of 7 per cent.\n") == [("per cent", "%")]


def test_fix_is_unsafe_and_lands_on_the_source_after_markup():
    text = "The [report](https://example.com/US) said the **US** team and the U.S. envoy met U.S. firms.\n"
    found = check_text(text, "markdown", select=["STY001"])
    start = text.index("**US**") + 2
    assert [(d.start, d.end) for d in found] == [(start, start + 2)]
    assert found[0].fix.applicability.value == "unsafe"
    assert fix_text(text, "markdown", select=["STY001"]).text == text
    assert fix_text(text, "markdown", select=["STY001"], unsafe=True).text == text.replace("**US**", "**U.S.**")


def test_inline_suppression_works_for_sty_codes():
    text = ("U.S. troops left. U.S. ships stayed.\n\n"
            "<!-- copydesk-disable-next-line STY001 -->\n"
            "The US envoy agreed.\n\n"
            "The US embassy closed.\n")
    found = check_text(text, "markdown", select=["STY001"])
    assert [text[d.start : d.end + 8] for d in found] == ["US embassy"]
    assert check_text("<!-- copydesk-disable style -->\n" + text, "markdown", select=["STY001"]) == []


def test_counts_are_per_article():
    text_a = "The U.S. said so. U.S. officials agreed.\n"
    text_b = "The US said no.\n"
    assert check_text(text_a, select=["STY001"]) == []
    assert check_text(text_b, select=["STY001"]) == []


def test_the_gate_never_hides_a_finding(monkeypatch):
    texts = [
        "U.S. officials met. The US delegation left, and U.S. troops stayed.\n",
        "Mr Blair met Mr Brown. Mrs. Thatcher did not. Mr.Benn watched.\n",
        "The organisation will privatize the firm and organise a sale.\n",
        "It rose 5% and 6 per cent and 7 percent.\n",
        "E-mail rose. The firm Email Systems sent emails and e-mails.\n",
        "The colour of the theater, the centre of the labor market; Labour agreed.\n",
    ]
    codes = [r.code for r in default_registry() if r.family == "STY"]

    def run():
        return [[(d.code, d.start, d.end) for d in check_text(t, select=codes)] for t in texts]

    gated = run()
    monkeypatch.setattr(consistency._GATE, "present", lambda doc, rule: None)
    assert run() == gated
    assert all(gated)


@pytest.mark.parametrize("text, fmt", [
    ("The U.S. team lost.\n\nUS FALLS\n\nI think the US is wrong, my friend said.\n\n"
     "The U.S. coach resigned; Mr Smith and Mr. Jones met at 5% and 6 per cent.\n", "text"),
    ("Mr Blair met the e-mail team.\nI saw Mr. Brown in the U.S. and my email.\n\"The US,\" he said of the colour.\n",
     "text"),
    ("# US news\n\nThe U.S. organisation rose 5 percent.\n\n> The US organization, I said.\n\n"
     "```\nUS color\n```\n", "markdown"),
])
def test_the_gate_finds_exactly_the_spellings_in_the_blocks_that_count(text, fmt):
    """present(): each spelling that occurs as written in a block that
    counts (the narration read only where a spelling is)."""
    doc = load(text, "a.txt", fmt)
    for rule in (r for r in default_registry() if isinstance(r, consistency.Consistency)):
        fold = str.lower if rule.ignorecase else str
        expected = {(form, i) for block in doc.blocks if consistency._counts(block)
                    for form, spellings in rule.forms.items() for i, spelling in enumerate(spellings)
                    if fold(spelling) in fold(block.text)}
        assert consistency._GATE.present(doc, rule) == frozenset(expected), rule.code
    assert any(consistency._GATE.present(doc, rule) for rule in default_registry()
               if isinstance(rule, consistency.Consistency))


def test_a_rule_copied_without_init_joins_the_gate():
    import copy

    rule = _rule(forms={"a": ["colour"], "b": ["color"]})
    clone = copy.copy(rule)
    consistency._GATE.rules.discard(clone)
    assert _found(clone, "The colour, the colour and the color.\n") == [("color", "colour")]


def test_a_document_without_prose_is_fine():
    rule = _rule(forms={"a": ["colour"], "b": ["color"]})
    assert list(rule.check(Document(""))) == []


# -- house styles ------------------------------------------------------------

def _selected(style=None, **settings):
    return {r.code for r in Selection(default_registry(), Settings(style=style, **settings)).rules_for("a.txt")}


def test_house_styles_are_off_by_default():
    chosen = _selected()
    assert {"STY001", "STY002", "STY003", "STY004", "STY005", "STY006"} <= chosen
    assert not {c for c in chosen if c.startswith(("STY1", "STY2"))}


@pytest.mark.parametrize("style, prefix, other", [("ap", "STY1", "STY2"), ("british", "STY2", "STY1")])
def test_a_style_brings_its_pack(style, prefix, other):
    chosen = _selected(style)
    ours = {r.code for r in default_registry() if r.style == style}
    assert ours and all(c.startswith(prefix) for c in ours)
    assert ours <= chosen
    assert not {c for c in chosen if c.startswith(other)}


def test_an_unknown_style_is_a_configuration_error():
    with pytest.raises(ConfigError, match="unknown style 'chicago'"):
        _selected("chicago")


def test_house_rules_name_the_default_rule_they_stand_in_for():
    registry = default_registry()
    for rule in registry:
        if rule.style and rule.kind == "consistency":
            assert len(rule.supersedes) == 1
            replaced = registry.get(rule.supersedes[0])
            assert replaced is not None and replaced.kind == "consistency" and not replaced.style
            assert set(replaced.forms) == set(rule.forms)
            assert replaced.forms == rule.forms


@pytest.mark.parametrize("style, expected", [
    ("ap", "The U.S. organization said Mr. Smith's e-mail put prices up 5% in the city center."),
    ("british", "The US organisation said Mr Smith's email put prices up 5% in the city centre."),
])
def test_house_style_rewrites_a_mixed_article(style, expected):
    text = "The US organization said Mr. Smith's e-mail put prices up 5 per cent in the city center.\n"
    settings = Settings(style=style, select=(f"style.{style}",))
    fixed = fix_text(text, settings=settings, unsafe=True).text
    if style == "ap":  # AP writes "email" too
        expected = expected.replace("e-mail", "email")
    assert fixed == expected + "\n"


def test_case_folding_beyond_ascii_is_not_gated():
    # Python's full case folding matches "STRASSE" to "Straße"; RE2's does not,
    # so the gate could hide an occurrence: such rules always scan.
    rule = _rule(forms={"a": ["Straße"], "b": ["Strassé"]}, ignorecase=True)
    doc = load("Die Straße.\n", "a.txt", "text")
    assert consistency._GATE.present(doc, rule) is None
    ascii_rule = _rule(forms={"a": ["colour"], "b": ["color"]}, ignorecase=True)
    assert consistency._GATE.present(doc, ascii_rule) == frozenset()


def test_the_gate_holds_the_house_style_spellings_only_once_a_house_rule_asks(monkeypatch):
    rules = [r for r in default_registry() if isinstance(r, consistency.Consistency)]
    gate = consistency._Gate()
    for rule in rules:
        gate.add(rule)
    monkeypatch.setattr(consistency, "_GATE", gate)
    house = {id(r) for r in rules if r.style}
    text = "The U.S. team met the US team. The bill was 5 per cent higher and then 5 percent.\n"
    assert sorted({d.code for d in check_text(text, "text", settings=Settings())}) == ["STY001", "STY004"]
    assert not gate.wide and not house & gate.covered  # only the rules on without a style
    assert sorted({d.code for d in check_text(text, "text", settings=Settings(style="ap"))}) == ["STY101", "STY104"]
    assert gate.wide and house <= gate.covered
    assert sorted({d.code for d in check_text(text, "text", settings=Settings())}) == ["STY001", "STY004"]


# -- only the article's own voice counts ------------------------------------------


@pytest.mark.parametrize("text", [
    # A crosshead in capitals follows headline style.
    "The U.S. team lost on Sunday.\n\nUS FALLS\n\nThe U.S. coach resigned.\n",
    # A reader's comment, in the first person, is its writer's.
    "The organisation met on Monday.\n\nI realize the council organized it badly, I think.\n",
    # An embedded post is kept as written.
    ("The organisation replied on Twitter.\n\nWe realize it was wrong.\n\n"
     "— City Council (@citycouncil) March 4, 2022\n\nThe organisation later apologised.\n"),
    # Names: "Email Systems" (a firm, though it opens the sentence), "US Sprint", "U.S. Grant".
    "Email Systems refers to a small firm. Its e-mail and e-mails were hacked.\n",
    "U.S. officials met US Sprint executives at the U.S. Grant Museum and U.S. firms.\n",
])
def test_only_the_articles_own_voice_counts(text):
    assert [(d.code, text[d.start:d.end]) for d in check_text(text, select=["STY0"])] == []


def test_a_quotation_does_not_decide_the_majority():
    """Three -ize words in a quotation against two -ise words of narration:
    the narration stays as it is; the quotation is reported as information."""
    from lint.core.model import Severity

    text = ('The organisation said it would act. "We realize, we recognize, we organize," a spokesman said. '
            "It was organised well.\n")
    found = check_text(text, select=["STY006"])
    assert [(text[d.start:d.end], d.severity) for d in found] == [
        ("realize", Severity.INFO), ("recognize", Severity.INFO), ("organize", Severity.INFO)]
    assert found[0].message.endswith("write it one way (in a quotation)")


def test_the_message_names_what_the_article_writes():
    text = "The organisations realised it. They nationalised it. Critics were organized.\n"
    (d,) = check_text(text, select=["STY006"])
    assert d.message == ("'organized' here, but 'organisations' (once), 'realised' (once) and 'nationalised' (once) "
                         "elsewhere in the article: write it one way")
    assert d.fix.edits[0].replacement == "organised"


def test_messages_quote_only_words_the_article_holds_with_true_counts():
    """On the clean corpora, every spelling a consistency message quotes is
    in the article, as often as it says."""
    import re
    from collections import Counter

    from conftest import CORPORA

    checked = 0
    for path in sorted((CORPORA / "clean").glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        for d in check_text(text, select=["STY001", "STY002", "STY003", "STY004", "STY005", "STY006"]):
            checked += 1
            quoted = re.findall(r"'([^']+)' \((once|twice|\d+ times)\)", d.message)
            assert quoted, d.message
            for word, times in quoted:
                n = {"once": 1, "twice": 2}.get(times) or int(times.split()[0])
                left = r"(?<!\w)" if word[0].isalnum() else ""
                right = r"(?!\w)" if word[-1].isalnum() else ""
                found = len(re.findall(left + re.escape(word) + right, text))
                assert found >= n, (path.name, d.message)
    assert checked >= 10


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["I", "m", "my", "me", "mine", "I'm", "I’m", "I've", "x", " ", "é", "_", "1", "Im",
                                 "mI", "mye", "'", "’", "e", "ine", "y", "Mine", "ME"]), max_size=14).map("".join))
def test_the_first_person_is_found_where_a_word_of_it_starts(text):
    """The narration test finds "I", "my", "me" and "mine" where \\b would."""
    word = re.compile(r"\b(?:I|my|me|mine)\b")
    assert [m.start() for m in consistency._FIRST_PERSON.finditer(text)] == [m.start() for m in word.finditer(text)]
