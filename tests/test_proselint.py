"""The PL family: proselint's checks as copydesk rules (lint/adapters/proselint.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lint.packs.pack import rules_dir
from test_properties import SETTINGS

from lint.adapters import proselint as adapter
from lint.api import check_text, fix_text
from lint.core.engine import lint
from lint.core.model import Applicability
from lint.formats import load
from lint.run.config import Settings
from lint.run.linter import Linter
from lint.run.registry import default_registry

ARTICLES = 2386  # the clean corpora the default set was measured on


def _pl_rules():
    return [r for r in default_registry() if r.family == "PL"]


def test_every_proselint_check_path_has_a_stable_code():
    table = adapter.table()
    paths = set(adapter.checks_by_path())
    assert paths <= set(table), f"add codes for {sorted(paths - set(table))} to proselint_codes.yml"
    live = {p: e for p, e in table.items() if not e.get("retired")}
    assert set(live) == paths, f"retire {sorted(set(live) - paths)} in proselint_codes.yml"
    codes = [e["code"] for e in table.values()]
    assert len(codes) == len(set(codes))
    assert all(c.startswith("PL") and len(c) == 5 and c[2:].isdigit() for c in codes)


def test_one_rule_per_check_path_named_by_the_path():
    rules = _pl_rules()
    assert len(rules) == len(adapter.checks_by_path())
    for rule in rules:
        assert rule.name == f"proselint.{rule.path}"
        assert adapter.table()[rule.path]["code"] == rule.code


def test_checks_are_registered_once_per_process():
    import proselint.checks
    from proselint.registry import CheckRegistry

    adapter.checks_by_path.cache_clear()
    adapter.checks_by_path()
    adapter.checks_by_path.cache_clear()
    grouped = adapter.checks_by_path()
    registered = CheckRegistry().checks
    ours = proselint.checks.__register__
    assert sum(1 for c in registered if any(c is o for o in ours)) == len(ours)
    assert sum(len(checks) for checks in grouped.values()) == len(ours)


def test_fix_flags_in_the_table_match_the_checks():
    for path, checks in adapter.checks_by_path().items():
        offers = any(adapter._fixes(c) for c in checks)
        assert bool(adapter.table()[path].get("fix")) == offers, path


def test_default_set_meets_the_false_alarm_bar_as_measured():
    on = {p: e for p, e in adapter.table().items() if e.get("default")}
    assert on, "some proselint checks are on by default"
    for path, entry in on.items():
        assert entry["clean"] <= ARTICLES / 100, f"{path}: {entry['clean']} findings on clean copy"
    assert sum(e["clean"] for e in on.values()) <= ARTICLES / 100  # real defects included


def test_building_the_registry_does_not_import_proselint():
    code = ("import sys; from lint.run.registry import default_registry; r = default_registry(); "
            "[x.code for x in r]; print('proselint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_docs_of_every_pl_rule_render_in_four_sections():
    for rule in _pl_rules():
        rendered = rule.docs.render()
        for section in ("## What it does", "## Why it matters", "## Example", "## Fix safety"):
            assert section in rendered, (rule.code, section)
        assert rule.path in rule.docs.what
        assert adapter.table()[rule.path]["example"] in rule.docs.example


# -- offsets, markup, suppression -------------------------------------------

MARKDOWN = (
    "---\ntitle: Costs\n---\n\n"
    "# The *millenium* dome\n\n"
    "Officials, in a [statement](https://example.com/alot?x=1) and `alot` of code, said the "
    "**millenium** project cost alot.\n"
)


def test_offsets_are_exact_after_markup_in_markdown():
    found = check_text(MARKDOWN, "markdown", select=["PL087"])
    spans = [(d.start, d.end, MARKDOWN[d.start : d.end]) for d in found]
    heading = MARKDOWN.index("millenium")
    bold = MARKDOWN.index("**millenium**") + 2
    last = MARKDOWN.rindex("alot")
    assert spans == [(heading, heading + 9, "millenium"), (bold, bold + 9, "millenium"), (last, last + 4, "alot")]
    assert [MARKDOWN.count("\n", 0, d.start) + 1 for d in found] == [5, 7, 7]


def test_unsafe_fix_edits_only_the_flagged_words():
    fixed = fix_text(MARKDOWN, "markdown", select=["PL087"], unsafe=True).text
    assert fixed == (
        "---\ntitle: Costs\n---\n\n"
        "# The *millennium* dome\n\n"
        "Officials, in a [statement](https://example.com/alot?x=1) and `alot` of code, said the "
        "**millennium** project cost a lot.\n"
    )
    assert fix_text(MARKDOWN, "markdown", select=["PL087"]).text == MARKDOWN  # nothing safe to apply
    d = check_text(MARKDOWN, "markdown", select=["PL087"])[0]
    assert d.fix.applicability is Applicability.UNSAFE


def test_inline_suppression_by_code_prefix_and_name():
    text = ("The millenium dome.\n\n"
            "<!-- copydesk-disable-next-line PL087 -->\n"
            "It cost alot.\n\n"
            "<!-- copydesk-disable proselint -->\n"
            "It was occured.\n\n"
            "<!-- copydesk-enable -->\n"
            "A liason office.\n")
    found = [text[d.start : d.end] for d in check_text(text, "markdown", select=["PL087"])]
    assert found == ["millenium", "liason"]
    code_prefix = "<!-- copydesk-disable PL -->\nIt cost alot.\n"
    assert check_text(code_prefix, "markdown", select=["PL087"]) == []


def test_html_markup_is_never_flagged():
    html = '<p>The <a href="https://example.com/alot">report</a> said <code>alot</code>, and alot more.</p>\n'
    found = check_text(html, "html", select=["PL087"])
    assert [(html[d.start : d.end], d.start) for d in found] == [("alot", html.rindex("alot"))]


def test_quotations_are_skipped_unless_the_check_allows_quotes():
    quoted = "He said: “It cost alot,” and left.\n"
    assert check_text(quoted, select=["PL087"]) == []
    # News style leaves a quotation open across paragraphs.
    open_quote = "He said: “It cost alot.\n\n“And more besides.”\n"
    assert check_text(open_quote, select=["PL087"]) == []
    # The curly-quotes check is about quotations: it runs inside them.
    straight = 'He called it "a disaster" on Monday.\n'
    assert [straight[d.start : d.end] for d in check_text(straight, select=["PL100"])] == ['"a disaster"']


def test_spans_of_restricted_vocabulary_checks_start_on_the_word():
    text = "The committee deliberated.\n"
    assert [text[d.start : d.end] for d in check_text(text, select=["PL071"])] == ["committee", "deliberated"]


def test_paragraph_checks_see_paragraphs():
    text = "The talks ended.\n\nBut the unions said no.\n"
    found = check_text(text, select=["PL025"])
    assert [(d.start, d.end) for d in found] == [(text.index("But"), text.index("But") + 3)]


def test_a_span_across_two_paragraphs_is_dropped():
    # lexical_illusions would match "talks talks" across the paragraph break.
    text = "They held talks\n\ntalks went on.\n"
    assert check_text(text, select=["PL021"]) == []


@pytest.mark.parametrize("text, code", [
    ("Prices rose. Wages fell. Rents rose.  Fares rose.\n", "PL098"),  # a regex as the suggestion
    ("He felt a discomforture at the news.\n", "PL060"),  # two alternatives as the suggestion
])
def test_suggestions_that_are_not_text_give_no_fix(text, code):
    found = check_text(text, select=[code])
    assert found and all(d.fix is None for d in found)


def test_suggestion_keeps_a_capital_unless_it_is_about_capitals():
    assert fix_text("For all intensive purposes, it is over.\n", select=["PL058"], unsafe=True).text == \
        "For all intents and purposes, it is over.\n"
    assert fix_text("The Winter was cold.\n", select=["PL028"], unsafe=True).text == "The winter was cold.\n"


def test_severity_override_applies_to_pl_codes():
    from lint.core.model import Severity
    from lint.run.config import Settings

    settings = Settings(severity=(("PL087", Severity.INFO),))
    found = check_text("It cost alot.\n", settings=settings, select=["PL087"])
    assert [d.severity for d in found] == [Severity.INFO]


# -- the gate shared by the default checks ------------------------------------

GATE_SNAPSHOT = rules_dir() / "lexicons" / "proselint_gate.yml"
GATE_HEADER = """\
# The patterns of the proselint checks that are on by default, as proselint
# compiles them, so that the PL gate can run before proselint is loaded.
# Generated: python tests/test_proselint.py (a test fails when it is stale).
"""


def _default_paths() -> list[str]:
    return sorted(p for p, e in adapter.table().items() if e.get("default"))


def _gate_snapshot_text() -> str:
    import yaml

    return GATE_HEADER + yaml.safe_dump(adapter.gate_patterns(_default_paths()), allow_unicode=True, width=1000)


def test_gate_covers_every_default_check():
    assert adapter.gate().gated == set(_default_paths())


def test_gate_snapshot_is_what_proselint_compiles():
    assert GATE_SNAPSHOT.read_text(encoding="utf-8") == _gate_snapshot_text(), "run: python tests/test_proselint.py"


def test_gate_options_are_proselints():
    from proselint.registry.checks.engine import RegexOptions

    theirs, ours = RegexOptions(case_insensitive=False).re2_opts, adapter.gate_options()
    names = [n for n in dir(theirs) if not n.startswith("_") and not callable(getattr(theirs, n))]
    assert len(names) > 5
    assert {n: getattr(ours, n) for n in names} == {n: getattr(theirs, n) for n in names}


def test_gate_never_hides_a_finding(monkeypatch):
    """With and without the gate, the default checks find the same things,
    on every fixture text and on a sample of texts with many matches."""
    import yaml
    from conftest import FIXTURES

    texts = []
    for rule in _pl_rules():
        if rule.default:
            data = yaml.safe_load((FIXTURES / f"{rule.code}.yml").read_text(encoding="utf-8"))
            texts += [(c["text"], c.get("format", "text")) for c in data["fail"] + data["pass"]]
    texts.append(("It cost alot. " * 50 + "\n\nThe millenium dome opened on monday at 12pm.\n", "text"))
    codes = [r.code for r in _pl_rules() if r.default]

    def run():
        return [[(d.code, d.start, d.end) for d in check_text(t, f, select=codes)] for t, f in texts]

    with_gate = run()
    monkeypatch.setattr(adapter.gate(), "gated", set())
    assert run() == with_gate
    assert any(with_gate)


def test_only_selected_checks_run(monkeypatch):
    ran = []
    original = adapter.ProselintRule.check

    def spy(self, doc):
        ran.append(self.code)
        return original(self, doc)

    monkeypatch.setattr(adapter.ProselintRule, "check", spy)
    check_text("It cost alot.\n", select=["PL087"])
    assert ran == ["PL087"]


_KIND_PIECES = st.sampled_from([
    "This is very unique. ", "In recent years, an increasing number of scientists have said so. ", "the the ",
    "x = compute(very_unique);\n", "if (a) { return b; }\n", "Acme 12.40 -5.44%\n", "Beta 7.10 +1.20%\n",
    "Die Regierung hat das sehr einzigartige Gesetz nicht beschlossen, und sie wird es nicht tun.\n\n",
    "> It was very unique.\n", "— Jane Doe (@jane) March 4, 2022\n", "He wrote:\n", '"Very unique," he said. ',
    "\n", "\n\n", "    indented very unique\n", "<p>very unique</p>", "# Very unique\n\n",
])


@SETTINGS
@given(st.lists(st.tuples(st.lists(_KIND_PIECES, max_size=14).map("".join),
                          st.sampled_from(["text", "markdown", "html"])), min_size=1, max_size=4))
def test_pl_rules_alone_report_as_pl_rules_among_others(articles):
    """A run of PL rules alone reads what each block is (code, a table,
    verbatim) and its language only for an article with findings (a batch
    of articles, some with findings and some without); its findings are
    those of each article read whole first."""
    linter = Linter(settings=Settings(select=("PL",)))
    selection = linter.selection_for("<text>")
    rules = selection.rules_for("<text>")
    whole = [lint(load(text, "<text>", fmt), rules, selection.severity) for text, fmt in articles]
    assert linter.check_many([(text, "<text>", fmt) for text, fmt in articles]) == whole


if __name__ == "__main__":  # regenerate the gate snapshot
    GATE_SNAPSHOT.write_text(_gate_snapshot_text(), encoding="utf-8")
