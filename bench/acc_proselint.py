"""Accuracy and cost of the PL family: proselint's checks as copydesk rules.

Every proselint check runs alone (as its PL rule) on every clean article
(clean/bbc and clean/modern), quotations skipped as copydesk does. For each
check the table gives its findings, the articles it flags, the false alarms
(every finding not recorded below as a real defect), and its CPU cost. A
check may be on by default only with at most 1 false alarm per 100 articles;
the whole default set should add only a handful. Every finding of a check
that is on by default is listed with its verdict; for the others a few
examples show what the check flags on news copy. The note column says where
a check flags things an editor would fix in news copy.

    python bench/acc_proselint.py            # corpora from $COPYDESK_CORPORA
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from accuracy import load_judged, tsv_field
from common import (
    clean_articles,
    corpora_dir,
    cpu_seconds,
    marked,
    sentence_span,
    short,
)

from lint.adapters import proselint as adapter
from lint.core.engine import run as run_rule
from lint.formats import load
from lint.run.registry import default_registry

BAR = 1.0  # false alarms per 100 articles a default-on check may make
VERDICTS = load_judged()
EXAMPLES = 3  # findings shown for a check that is off by default

# Findings of the checks that are off by default, judged real by reading them,
# as (code, flagged text) -> why; every other finding counts as a false alarm.
# The same words flagged by the same check were judged the same everywhere
# they occur in these corpora. The checks on by default are judged in
# bench/judged_findings.tsv, like every other default rule.
_DOUBLED = ("the the", "hostility hostility", "to fall to fall", "graduated from graduated from",
            "of the of the", "is is", "of of", "him since him since", "British British", "this this",
            "could could", "to the to the", "will will", "of being of being", "about about", "he said he said")
_RANGES = ("from 10-20", "from 24-26", "from 3-8", "from 1956-87", "from 9-10", "from 10-12", "from 10-15",
           "from 11-26", "from 4-6", "from 1994-96", "from 10-16", "from 16-28", "from 10-13", "from 30-600")
_DATES = ("December, 1953", "September, 2001", "July, 2002", "August, 1938", "May, 2000", "October, 1920",
          "May, 2002", "May, 1870")
JUDGED = {
    ("PL026", "friday"): "a weekday in lower case (a reader's comment printed in the article)",
    ("PL087", "alot"): "misspelling of 'a lot'",
    ("PL079", "accidently"): "misspelling of 'accidentally'",
    ("PL058", "to the manor born"): "the idiom is 'to the manner born'",
    **{("PL021", w): "a repeated word" for w in _DOUBLED},
    **{("PL010", w): "a range after 'from' takes 'to'" for w in _RANGES},
    **{("PL011", w): "no apostrophe in a decade" for w in ("1990's", "90's", "70's", "80's", "30's")},
    **{("PL013", w): "no comma between month and year" for w in _DATES},
    **{("PL048", w): "'with regard to' / 'as regards'" for w in ("with regards to", "In regards to", "in regards to")},
    **{("PL048", w): "'off', not 'off of'" for w in ("off of",)},
    **{("PL053", w): "'with regard to' / 'as regards'" for w in ("In regards to", "in regards to")},
    ("PL061", "generally always"): "a contradiction (in a reader's comment)",
    ("PL066", "retreat back"): "redundant",
    ("PL066", "true facts"): "redundant",
    ("PL069", "pin number"): "redundant: 'PIN'",
    ("PL069", "ISBN number"): "redundant: 'ISBN'",
}


def _excerpt(text: str, start: int, end: int, width: int = 60) -> str:
    left, right = text[max(0, start - width) : start], text[end : end + width]
    return short(f"…{left}**{text[start:end]}**{right}…", 400)


def _sentence(text: str, start: int, end: int) -> str:
    span = sentence_span(text, start, end)
    return _excerpt(text, start, end) if span is None else marked(text, start, end, *span)


def _why_real(rule, rel: str, d, texts) -> str | None:
    """Why a finding is a real defect, or None for a false alarm."""
    if rule.default:
        flagged, verdict, note = VERDICTS.get((rel, rule.code, d.start), (None, "", ""))
        return note if verdict == "real" and flagged == tsv_field(texts[rel][d.start : d.end]) else None
    return JUDGED.get((rule.code, texts[rel][d.start : d.end]))


def measure(corpora: Path):
    texts = clean_articles(corpora)
    size = sum(len(t.encode("utf-8")) for t in texts.values()) / 1e6
    rules = [r for r in default_registry() if r.family == "PL"]
    findings: dict[str, list] = defaultdict(list)
    cost: dict[str, float] = defaultdict(float)
    adapter.gate()  # compiled once per process, not charged to a document
    for rel, text in texts.items():
        doc = load(text, rel, "text")
        view = adapter.prepared(doc)
        view.possible()  # the shared gate scan, charged to the default set below
        for rule in rules:
            t0 = time.process_time()
            found = run_rule(rule, doc)
            cost[rule.code] += time.process_time() - t0
            findings[rule.code].extend((rel, d) for d in found)
    return texts, size, rules, findings, cost


def default_cost(texts: dict[str, str], size: int) -> tuple[float, float, float]:
    """CPU seconds per MB, best of three, parsing excluded: the PL rules that
    are on by default, every other default rule, and both."""
    registry = default_registry()
    pl = [r for r in registry if r.default and not r.style and r.family == "PL"]
    others = [r for r in registry if r.default and not r.style and r.family != "PL"]
    return tuple(cpu_seconds(texts, rules) / size for rules in (pl, others, pl + others))


def run(corpora: Path) -> list[str]:
    texts, size, rules, findings, cost = measure(corpora)
    n = len(texts)
    table = adapter.table()
    rows, listed, examples = [], [], []
    totals = {"alarms": 0, "real": 0}
    failing = []
    for rule in rules:
        found = findings[rule.code]
        real = [(rel, d) for rel, d in found if _why_real(rule, rel, d, texts) is not None]
        alarms = len(found) - len(real)
        per100 = 100 * alarms / n
        articles = len({rel for rel, _ in found})
        note = " ".join(str(table[rule.path].get("note", "")).split()).replace("|", "\\|")
        rows.append(f"| {rule.code} | `{rule.path}` | {'on' if rule.default else 'off'} | {len(found)} | {articles} "
                    f"| {alarms} | {len(real)} | {per100:.2f} | {cost[rule.code] / size:.3f} | {note} |")
        if rule.default:
            totals["alarms"] += alarms
            totals["real"] += len(real)
            if per100 > BAR:
                failing.append(rule.code)
            for rel, d in found:
                why = _why_real(rule, rel, d, texts)
                line = texts[rel].count("\n", 0, d.start) + 1
                verdict = f"real: {why}" if why else "false alarm"
                listed.append(f"- `{rel}:{line}` {rule.code} ({verdict}): {d.message}  \n  > {_sentence(texts[rel], d.start, d.end)}")
        elif found:
            shown = "; ".join(_excerpt(texts[rel], d.start, d.end, 30) for rel, d in found[:EXAMPLES])
            examples.append(f"- {rule.code} `{rule.path}` ({len(found)}): {shown}")
    pl_cost, other_cost, all_cost = default_cost(texts, size)
    on = [r for r in rules if r.default]
    verdict = "meets" if not failing else f"FAILS ({', '.join(failing)})"
    lines = [
        "### proselint (PL)", "",
        f"Clean corpora: {n} articles ({size:.1f} MB). Each of the {len(rules)} proselint check paths run alone "
        "as its PL rule; quotations skipped. *False alarms* are findings not judged real below; *s/MB* is CPU "
        "time per MB of text for the check alone (the checks on by default share one gate scan, counted in "
        "the default-set cost below).", "",
        "| code | check | default | findings | articles | false alarms | judged real | false alarms per 100 articles | s/MB | note |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *rows, "",
        f"Default set: {len(on)} checks, {totals['alarms']} false alarm(s) in all "
        f"({100 * totals['alarms'] / n:.2f} per 100 articles), {totals['real']} real defect(s) found; "
        f"every default check at most {BAR:g} false alarm per 100 articles: {verdict}.", "",
        f"Cost (CPU, parsing excluded): the default PL rules {pl_cost:.4f} s/MB; every other default rule "
        f"{other_cost:.4f} s/MB; all default rules {all_cost:.4f} s/MB "
        f"(PL share {100 * pl_cost / all_cost:.1f}%).", "",
        f"Every finding of a default check ({len(listed)}):", "", *(listed or ["None."]), "",
        "What the checks that are off by default flag (first examples):", "", *examples,
    ]
    return lines


if __name__ == "__main__":
    corpora = corpora_dir()
    print("\n".join(run(corpora)))
