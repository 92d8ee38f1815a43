"""Where a run of the default rules spends its time in process, stage by stage.

    python bench/stages.py             # clean/bbc, best of 3 after a warm-up
    python bench/stages.py --runs 5 --top 30

The articles of clean/bbc are read beforehand; then, as engine.lint_many
does it, batch by batch (runner.BATCH_FILES articles):
- *read into blocks*: formats.load, what each block is left for later;
- *what each block is*: code, a table of figures, verbatim (kinds.classify);
- each rule's *gate* asked of the batch, and its *check* on the articles
  the gate lets through;
- *policing* the findings (suppressions, code and tables, the language,
  which a run reads only for articles with findings).
*the language of every article* is timed apart, on copies: what reading
it for all of them, not only where there are findings, would cost.

Each stage's figure is its best over the runs (the least disturbed), so
the stages add up to a little less than any one run. Prints a Markdown
table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import defaultdict

from common import corpora_dir

from lint.core import engine
from lint.formats import load
from lint.run.config import Settings
from lint.run.linter import Linter
from lint.run.runner import BATCH_FILES
from lint.speed import prefilter


def one_run(texts: list[str], rules) -> tuple[dict[str, float], list]:
    """Seconds by stage, and each article's findings."""
    spent: dict[str, float] = defaultdict(float)
    policed = []
    start = time.perf_counter()
    docs = [load(text, "<bench>.txt", "text", settle=False) for text in texts]
    spent["read into blocks"] = time.perf_counter() - start
    for first in range(0, len(docs), BATCH_FILES):
        batch_docs, batch = docs[first : first + BATCH_FILES], {}
        start = time.perf_counter()
        for doc in batch_docs:
            doc.settle(language=False)
        spent["what each block is"] += time.perf_counter() - start
        found: list[list] = [[] for _ in batch_docs]
        for rule in rules:
            start = time.perf_counter()
            chosen = range(len(batch_docs)) if rule.gate is None else prefilter.select(rule.gate, batch_docs, batch)
            gated = time.perf_counter()
            for i in chosen:
                diagnostics = engine._checked(rule, batch_docs[i])
                if diagnostics:
                    found[i].append((rule, diagnostics))
            spent[f"{rule.code} gate"] += gated - start
            spent[f"{rule.code} check"] += time.perf_counter() - gated
        start = time.perf_counter()
        policed += [engine._policed(doc, diagnostics, {}) for doc, diagnostics in zip(batch_docs, found)]
        spent["policing"] += time.perf_counter() - start
    copies = [load(text, "<bench>.txt", "text", settle=False) for text in texts]
    for doc in copies:
        doc.settle(language=False)
    start = time.perf_counter()
    for doc in copies:
        doc.settle()
    spent["(the language of every article)"] = time.perf_counter() - start
    return spent, policed


def engine_findings(texts: list[str], rules) -> list:
    """What engine.lint_many finds, batch by batch: the stages above are its
    loop taken apart, and must find the same."""
    docs = [load(text, "<bench>.txt", "text", settle=False) for text in texts]
    return [found for first in range(0, len(docs), BATCH_FILES)
            for found in engine.lint_many(docs[first : first + BATCH_FILES], rules)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=20, help="rows to print")
    args = parser.parse_args()
    files = sorted((corpora_dir() / "clean" / "bbc").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    linter = Linter(settings=Settings())
    rules = linter.selection_for("<bench>.txt").rules_for("<bench>.txt")
    best: dict[str, float] = {}
    gc.disable()  # its passes land in whichever stage runs then
    for run in range(args.runs + 1):
        spent, policed = one_run(texts, rules)
        if run:  # the first run compiles and loads what later runs find ready
            best = {k: min(v, best.get(k, v)) for k, v in spent.items()}
        gc.collect()
    if policed != engine_findings(texts, rules):
        raise SystemExit("bench/stages.py no longer does what engine.lint_many does: mend its stages")
    apart = best.pop("(the language of every article)")
    total = sum(best.values())
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} articles of clean/bbc ({size:.2f} MB), {len(rules)} default rules, best of {args.runs} runs: "
          f"{total:.2f} s in all ({size / total:.1f} MB/s)\n")
    print("| stage | ms | share |\n|---|---|---|")
    for name, seconds in sorted(best.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"| {name} | {seconds * 1000:.1f} | {100 * seconds / total:.1f}% |")
    gates = sum(v for k, v in best.items() if k.endswith(" gate"))
    checks = sum(v for k, v in best.items() if k.endswith(" check"))
    print(f"\nAll gates {gates * 1000:.0f} ms ({100 * gates / total:.0f}%), all checks {checks * 1000:.0f} ms "
          f"({100 * checks / total:.0f}%). The language of every article, not read in a run: {apart * 1000:.0f} ms.")


if __name__ == "__main__":
    main()
