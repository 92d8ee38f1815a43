"""Accuracy of the NEG family: garbled negations and self-contradictions.

- Clean corpora (clean/bbc and clean/modern together): every NEG finding is
  listed with its sentence for a reader to judge; the bar is at most one
  flagged article per 200.
- Pair set (tests/fixtures/negation_pairs.yml): recall on the garbled texts
  (flagged by the right rule) per rule and per batch, false alarms on the
  clean texts (each pair's corrected text and the controls), with every
  miss and false alarm listed.
- The seed article's three garbled sentences.

    python bench/acc_negation.py            # corpora from $COPYDESK_CORPORA
    python bench/acc_negation.py --speed    # also time the NEG rules on clean/bbc
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import yaml
from common import CHECKOUT as ROOT
from common import corpora_dir, line_span, sentence_span, short

from lint.api import check_text
from lint.core.engine import run as run_rule
from lint.core.sentences import sentence_spans

CODES = ("NEG001", "NEG002", "NEG003", "NEG004")
PAIRS = ROOT / "tests" / "fixtures" / "negation_pairs.yml"
BAR = 200  # at most one flagged article per this many


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence(s) of the paragraph that hold [start, end)."""
    s, e = sentence_span(text, start, end) or line_span(text, start, end)
    return text[s:e]


def _codes(text: str) -> list:
    return check_text(text + "\n", select=["NEG"])


def clean_lines(corpora: Path) -> list[str]:
    files = sorted((corpora / "clean").glob("*/*.txt"))
    by_code: Counter = Counter()
    articles: set[str] = set()
    listed = []
    for path in files:
        rel = path.relative_to(corpora / "clean").as_posix()
        text = path.read_text(encoding="utf-8")
        for d in check_text(text, "text", select=["NEG"], path=rel):
            by_code[d.code] += 1
            articles.add(rel)
            line = text.count("\n", 0, d.start) + 1
            listed.append(f"- `{rel}:{line}` {d.code}: {d.message}  \n  > {short(_sentence(text, d.start, d.end), 200)}")
    n = len(files)
    allowed = n // BAR
    verdict = "meets" if len(articles) <= allowed else "FAILS"
    lines = [
        "Clean corpora (clean/bbc and clean/modern together), NEG rules only:", "",
        "| articles | " + " | ".join(CODES) + " | articles flagged | per 200 articles | bar |",
        "|---|" + "---|" * len(CODES) + "---|---|---|",
        f"| {n} | " + " | ".join(str(by_code[c]) for c in CODES)
        + f" | {len(articles)} | {BAR * len(articles) / n:.2f} | {verdict} (≤ {allowed}) |", "",
    ]
    lines += [f"Every flagged sentence ({len(listed)}):", "", *listed] if listed else ["No sentence is flagged."]
    return lines


def pair_lines() -> list[str]:
    data = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))
    pairs, controls = data["pairs"], data["controls"]
    recall: dict[tuple[str, str], list[int]] = {}
    misses, alarms = [], []
    for p in pairs:
        batch = p.get("batch", "dev")
        found = {d.code for d in _codes(p["text"])}
        for key in ((p["code"], batch), (p["code"], "all"), ("all", batch), ("all", "all")):
            counts = recall.setdefault(key, [0, 0])
            counts[0] += p["code"] in found
            counts[1] += 1
        if p["code"] not in found:
            misses.append(f"- {p['code']} ({batch}): {short(p['text'], 200)}"
                          + (f"  \n  *{p['miss']}*" if "miss" in p else ""))
    clean = [(p["clean"], p.get("clean_flagged")) for p in pairs] + [(c, None) for c in controls]
    for text, why in clean:
        for d in _codes(text)[:1]:
            alarms.append(f"- {d.code}: {d.message}  \n  > {short(text, 200)}" + (f"  \n  *{why}*" if why else ""))

    def cell(code, batch):
        hit, total = recall.get((code, batch), (0, 0))
        return f"{hit}/{total} ({100 * hit / total:.0f}%)" if total else "–"

    lines = [
        f"Pair set ({PAIRS.relative_to(ROOT).as_posix()}): {len(pairs)} garbled texts, "
        f"{len(clean)} clean texts ({len(pairs)} corrected versions and {len(controls)} controls). "
        "The held-out batch was written after the rules' first version and first scored 22/27; two of "
        "its misses then led to general fixes (an inflected verb in the next sentence; \"Iraq's army\" "
        "no longer counts as an invasion) and a later guard against parallel adjuncts (\"on Monday ... "
        "on Tuesday\") cost one, so it is only near held-out.", "",
        "| rule | recall (dev) | recall (held-out) | recall (all) |", "|---|---|---|---|",
    ]
    for code in (*CODES, "all"):
        lines.append(f"| {code} | {cell(code, 'dev')} | {cell(code, 'held-out')} | {cell(code, 'all')} |")
    lines += ["", f"False alarms on clean texts: {len(alarms)}/{len(clean)} "
                  f"({100 * len(alarms) / len(clean):.1f}%).", ""]
    lines += [f"Misses ({len(misses)}):", "", *misses, ""]
    lines += [f"False alarms ({len(alarms)}):", "", *alarms] if alarms else ["No false alarm."]
    return lines


def seed_lines(corpora: Path) -> list[str]:
    path = corpora.parent / "seed" / "us-warns-china.txt"
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    lines = ["", "Seed article:", "", "| code | flagged text |", "|---|---|"]
    for d in check_text(text, "text", select=["NEG"]):
        lines.append(f"| {d.code} | {short(text[d.start:d.end], 200)} |")
    return lines


def run(corpora: Path) -> list[str]:
    return ["### negation", "", *clean_lines(corpora), "", *pair_lines(), *seed_lines(corpora)]


def speed(corpora: Path) -> str:
    """Seconds for the NEG rules alone over clean/bbc (parsing excluded), best of three."""
    from lint.checks.negation import RULES
    from lint.formats import load

    texts = [p.read_text(encoding="utf-8") for p in sorted((corpora / "clean" / "bbc").glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    docs = [load(t, "a.txt", "text") for t in texts]
    rules = [cls() for cls in RULES]
    best = float("inf")
    for _ in range(3):
        sentence_spans.cache_clear()
        t0 = time.process_time()
        for doc in docs:
            for rule in rules:
                run_rule(rule, doc)
        best = min(best, time.process_time() - t0)
    return f"NEG rules on clean/bbc ({size:.1f} MB): {best:.2f} s ({best / size:.3f} s/MB), CPU time, best of 3"


if __name__ == "__main__":
    corpora = corpora_dir()
    print("\n".join(run(corpora)))
    if "--speed" in sys.argv[1:]:
        print()
        print(speed(corpora))
