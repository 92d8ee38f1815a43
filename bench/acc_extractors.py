"""Whole saved web pages: copydesk's article scope against well-kept
article extractors, on the pages and gold text of bench/acc_pages.py and
counted the same way (precision and recall of character bigrams of letters
and digits, per page, then the mean over pages).

The extractors are measurement tools, not dependencies of copydesk:

    pip install trafilatura readability-lxml justext
    python bench/acc_extractors.py

- copydesk: the text of the blocks it lints with html-scope "article"
  (and "page", the whole page, for reference).
- trafilatura: `trafilatura.extract(html)` with default settings, and
  with favor_precision / favor_recall.
- readability-lxml: `readability.Document(html).summary()`, its text.
- jusText: the paragraphs it does not call boilerplate, with the stoplist
  of the page's <html lang> where jusText has one, else its
  language-independent mode (empty stoplist, stopword thresholds 0).

"empty" counts pages where a tool returns nothing (or under 25 letters
and digits); "partial" pages where it keeps less than 90% of the gold
bigrams. Time is wall-clock per page, the fastest of three passes over
the pages after one untimed call per tool; it varies from run to run and
machine to machine, the other figures do not.
"""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Callable
from importlib.metadata import version

from acc_pages import decode, pages, precision_recall
from common import short  # noqa: F401  (puts the checkout on sys.path)

from lint.formats import load
from lint.run.config import Settings

PARTIAL = 0.90
PASSES = 3  # time is the fastest of these passes over all pages
LANG = re.compile(r"""<html[^>]*\slang=["']?([A-Za-z]{2})""", re.IGNORECASE)
JUSTEXT_LANGS = {"en": "English", "ar": "Arabic", "es": "Spanish", "lv": "Latvian", "ko": "Korean"}

# What each tool's answer is, as far as finding it again in the source goes.
OFFSETS = {
    "copydesk, html-scope page": "yes: source spans",
    "copydesk, html-scope article": "yes: source spans",
    "trafilatura": "no: new text",
    "trafilatura, favor_precision": "no: new text",
    "trafilatura, favor_recall": "no: new text",
    "readability-lxml": "no: rebuilt HTML",
    "jusText": "no: text + XPath in lxml's repaired tree",
}


def copydesk(scope: str) -> Callable[[str, str], str]:
    settings = Settings(html_scope=scope)
    return lambda html, name: "\n".join(b.text for b in load(html, name, "html", settings).blocks)


def trafilatura_tool(**options: bool) -> Callable[[str, str], str]:
    import trafilatura

    return lambda html, name: trafilatura.extract(html, **options) or ""


def readability_tool() -> Callable[[str, str], str]:
    import lxml.html
    from readability import Document

    def run(html: str, name: str) -> str:
        summary = Document(html).summary()
        return lxml.html.fromstring(summary).text_content() if summary.strip() else ""

    return run


def justext_tool() -> Callable[[str, str], str]:
    import justext

    def run(html: str, name: str) -> str:
        m = LANG.search(html[:20000])
        language = JUSTEXT_LANGS.get(m.group(1).lower()) if m else None
        if language:
            paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist(language), encoding="utf-8")
        else:
            paragraphs = justext.justext(html.encode("utf-8"), frozenset(), stopwords_low=0, stopwords_high=0,
                                         encoding="utf-8")
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def tools() -> dict[str, Callable[[str, str], str]]:
    return {
        "copydesk, html-scope page": copydesk("page"),
        "copydesk, html-scope article": copydesk("article"),
        "trafilatura": trafilatura_tool(),
        "trafilatura, favor_precision": trafilatura_tool(favor_precision=True),
        "trafilatura, favor_recall": trafilatura_tool(favor_recall=True),
        "readability-lxml": readability_tool(),
        "jusText": justext_tool(),
    }


def timed(tool: Callable[[str, str], str], cases: list[tuple[str, str, str]]) -> float:
    start = time.perf_counter()
    for page, html, _ in cases:
        tool(html, page)
    return time.perf_counter() - start


def letters(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def run() -> list[str]:
    cases = [(p.name, decode(p.read_bytes()), p.with_suffix(".txt").read_text(encoding="utf-8"))
             for p in pages() if p.with_suffix(".txt").exists()]
    table = tools()
    scores: dict[str, list[tuple[float, float]]] = {name: [] for name in table}
    empty: dict[str, list[str]] = {name: [] for name in table}
    seconds: dict[str, float] = {}
    for name, tool in table.items():
        tool(cases[0][1], cases[0][0])  # untimed: first-call costs
        answers = [tool(html, page) for page, html, _ in cases]
        seconds[name] = min(timed(tool, cases) for _ in range(PASSES))
        for (page, _, gold), text in zip(cases, answers):
            scores[name].append(precision_recall(text, gold))
            if letters(text) < 25:
                empty[name].append(page)

    out = ["### Article scope against article extractors (newspaper4k's saved article pages)", "",
           (f"{len(cases)} pages with gold article text; precision / recall over character bigrams, "
           "mean over pages."), "",
           ("| tool | precision | recall | lowest recall | pages empty | pages partial (recall < 0.90) | ms per page | "
           "answer maps to source offsets |"),
           "|---|---|---|---|---|---|---|---|"]
    for name, pairs in scores.items():
        p = sum(x for x, _ in pairs) / len(pairs)
        r = sum(y for _, y in pairs) / len(pairs)
        partial = sum(y < PARTIAL for _, y in pairs)
        ms = 1000 * seconds[name] / len(cases)
        low = min(y for _, y in pairs)
        out.append(f"| {name} | {p:.2f} | {r:.2f} | {low:.2f} | {len(empty[name])} | {partial} | {ms:.0f} | {OFFSETS[name]} |")
    out += ["", "Versions: " + ", ".join(f"{d} {version(d)}" for d in ("trafilatura", "readability-lxml", "jusText")) + ".",
            "", "Per page, precision / recall:", "",
            "| page | " + " | ".join(table) + " |", "|---|" + "---|" * len(table)]
    for i, (page, _, _) in enumerate(cases):
        out.append(f"| {page} | " + " | ".join(f"{scores[n][i][0]:.2f} / {scores[n][i][1]:.2f}" for n in table) + " |")
    out += ["", "Pages empty: " + "; ".join(f"{n}: {', '.join(pages_) or 'none'}" for n, pages_ in empty.items())]
    return out


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    print("\n".join(run()))
