"""Copy in other languages: detected per document and per paragraph, or
declared; only language-neutral rules run there."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPORA

from lint.api import check_text, fix_text
from lint.core.engine import lint_many
from lint.formats import load
from lint.formats.language import is_foreign
from lint.run.config import Settings
from lint.run.linter import Linter
from lint.run.registry import default_registry

ARTICLES = Path(__file__).parent / "fixtures" / "languages"
NEUTRAL = {r.code for r in default_registry() if r.languages is None}
GERMAN = "Er sagte, dass die die Regeln kennen, die seit Jahren gelten, und dass es nicht nicht genug sei."


@pytest.mark.parametrize("lang", ["de", "fr", "es"])
def test_articles_in_other_languages_get_no_english_only_finding(lang):
    text = (ARTICLES / f"{lang}.txt").read_text(encoding="utf-8")
    assert load(text).language == lang
    found = check_text(text, select=["ALL"])
    assert found and {d.code for d in found} <= NEUTRAL


@pytest.mark.parametrize("lang", ["de", "fr", "es"])
def test_their_safe_fixes_change_only_white_space_and_encoding(lang):
    text = (ARTICLES / f"{lang}.txt").read_text(encoding="utf-8")
    fixed = fix_text(text).text
    assert fixed != text
    assert fixed.split() == text.replace("CafÃ©", "Café").split()


def test_french_typography_keeps_its_thin_spaces():
    text = "Le ministre a déclaré\u00a0: «\u00a0Non\u00a0!\u00a0» Pourquoi\u202f? Il est parti.\n"
    assert check_text(text, select=["WS004"]) == []
    assert [d.code for d in check_text(text.replace("déclaré\u00a0:", "déclaré\u00a0que"), select=["WS004"])] == ["WS004"]


def test_a_foreign_paragraph_in_an_english_article():
    text = ("The minister spoke on Monday and said that the plan would go ahead as planned, despite the protests.\n\n"
            "He told reporters in Berlin that the coalition had agreed on the budget after months of talks.\n\n"
            f"{GERMAN}\n\nThe the talks will resume next week in Brussels, officials said.\n")
    doc = load(text)
    assert (doc.language, [doc.language_of(b) for b in doc.blocks]) == ("en", ["en", "en", "de", "en"])
    assert [text[d.start:d.end] for d in check_text(text, select=["DUP002"])] == ["The the"]


def test_the_language_is_read_when_first_asked():
    text = f"The minister spoke on Monday and said the plan would go ahead as planned.\n\n{GERMAN}\n"
    doc = load(text, settle=False)
    doc.settle(language=False)
    assert ([b.kind for b in doc.blocks], doc.pending_language is not None) == (["paragraph", "paragraph"], True)
    assert doc.language_of(doc.blocks[1]) == "de"  # the document's language is read first
    assert (doc.pending_language, doc.language, doc.language_of(doc.blocks[0])) == (None, "en", "en")
    german = load(GERMAN + "\n", settle=False)
    assert (german.language, german.language_of(None)) == ("de", "de")


def test_a_run_reads_the_language_only_of_documents_with_findings():
    rules = Linter(settings=Settings()).selection_for("story.txt").rules_for("story.txt")  # the default rules
    clean = load("The minister spoke on Monday and said the plan would go ahead as planned.\n", settle=False)
    german = load(f"{GERMAN}\n", settle=False)
    english = load("The the talks will resume next week in Brussels, officials said.\n", settle=False)
    asked = _asked(clean, german, english)
    found = lint_many([clean, german, english], rules)
    assert [[d.code for d in f] for f in found] == [[], [], ["DUP002"]]
    assert [doc.pending_language is None for doc in (clean, german, english)] == [False, True, True]
    assert german.language == "de"  # "die die", "nicht nicht": English-only findings, policed away
    assert asked == ["The the talks will resume next week in Brussels, officials said."]  # the finding's paragraph


def test_a_paragraph_s_own_language_is_read_once_and_only_when_asked():
    text = (f"The minister spoke on Monday and said the plan would go ahead as planned.\n\n{GERMAN}\n\n"
            "He said the the talks would go on.\n")
    doc = load(text)
    asked = _asked(doc)
    found = check_text(text, select=["DUP002"])  # English only: "die die" in the German paragraph is not reported
    assert [text[d.start:d.end] for d in found] == ["the the"]
    assert [doc.language_of(b) for b in doc.blocks] == ["en", "de", "en"]
    assert [doc.language_of(b) for b in doc.blocks] == ["en", "de", "en"]
    assert asked == [b.text for b in doc.blocks]  # each once


def _asked(*docs) -> list[str]:
    """The paragraphs whose own language `docs` read from now on."""
    asked: list[str] = []
    for doc in docs:
        read = doc.paragraph_language
        doc.paragraph_language = lambda block, read=read: asked.append(block.text) or read(block)
    return asked


def test_a_declared_language_wins():
    assert load("<html lang=\"de-DE\"><body><p>The the end.</p></body></html>", fmt="html").language == "de"
    assert load("---\nlang: fr\n---\nThe the end.\n", fmt="markdown").language == "fr"
    assert load("The the end.\n", settings=Settings(language="es")).language == "es"
    assert check_text("The the end.\n", settings=Settings(language="es"), select=["DUP002"]) == []


def test_no_english_paragraph_of_the_clean_corpora_reads_as_foreign():
    wrong = []
    for path in sorted((CORPORA / "clean").glob("*/*.txt")):
        doc = load(path.read_text(encoding="utf-8"))
        if doc.language != "en":
            wrong.append(path.name)
        wrong += [f"{path.name}: {b.text[:60]}" for b in doc.blocks if doc.language_of(b) != "en"]
    assert wrong == []


@pytest.mark.parametrize("text,foreign", [
    (GERMAN, True),
    ("Les syndicats ont appelé à une grève nationale le mois prochain, selon plusieurs sources.", True),
    ("¿Qué pasará con las pensiones? Los sindicatos han convocado una huelga general.", True),
    ("Julien Laharrague (Brive), Vincent Clerc (Toulouse), Yannick Jauzion (Toulouse)", False),
    ("Photo: Reuters", False),
    ("MPs tout Lords replacement plan", False),
    ("The Der Spiegel report was published in Hamburg on Monday.", False),
])
def test_paragraphs(text, foreign):
    assert is_foreign(text) is foreign
