"""Every fix copydesk offers, shown before and after, for a reader to judge.

On the clean corpora (clean/bbc, clean/modern) and the boilerplate pages
(boilerplate/dev.jsonl, one block a line, as scrapers write them), each
finding with a fix is applied on its own to the text, and the line around
it is printed before -> after. The counts per rule and grade (safe,
unsafe) go in the accuracy report; the full listing is for reading.

    python bench/audit_fixes.py              # counts, and the listing of every fix
    python bench/audit_fixes.py --counts     # counts only
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from common import corpora_dir, short

from lint.api import check_text
from lint.core.fix import apply_edits

CONTEXT = 50


def texts(corpora: Path):
    for path in sorted((corpora / "clean").glob("*/*.txt")):
        yield "clean/" + path.relative_to(corpora / "clean").as_posix(), path.read_text(encoding="utf-8")
    with open(corpora / "boilerplate" / "dev.jsonl", encoding="utf-8") as handle:
        for raw in handle:
            page = json.loads(raw)
            yield f"page/{page['id']}", page["text"]


def before_after(text: str, d) -> tuple[str, str]:
    """The stretch the fix changes, with CONTEXT characters around, before and after."""
    fixed, _ = apply_edits(text, [d])
    start, end = d.fix.start, d.fix.end
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    grown = len(fixed) - len(text)
    return text[lo:hi], fixed[lo : hi + grown]


def audit(corpora: Path):
    counts: Counter = Counter()
    listing = []
    for name, text in texts(corpora):
        for d in check_text(text, "text"):
            if d.fix is None:
                continue
            grade = d.fix.applicability.value
            counts[(name.split("/")[0], d.code, grade)] += 1
            before, after = before_after(text, d)
            listing.append((name, d.code, grade, before, after))
    return counts, listing


def run(corpora: Path, listing: bool = True) -> list[str]:
    counts, fixes = audit(corpora)
    codes = sorted({code for _, code, _ in counts})
    out = ["### Every offered fix", "",
           "Fixes copydesk offers on the clean corpora and on the scraped pages (one block a line), by rule;",
           "`python bench/audit_fixes.py` lists each before → after.", "",
           "| rule | clean: safe | clean: unsafe | pages: safe | pages: unsafe |", "|---|---|---|---|---|"]
    for code in codes:
        out.append(f"| {code} | {counts[('clean', code, 'safe')]} | {counts[('clean', code, 'unsafe')]} | "
                   f"{counts[('page', code, 'safe')]} | {counts[('page', code, 'unsafe')]} |")
    total = lambda where, grade: sum(v for (w, _, g), v in counts.items() if w == where and g == grade)  # noqa: E731
    out.append(f"| all | {total('clean', 'safe')} | {total('clean', 'unsafe')} | {total('page', 'safe')} | "
               f"{total('page', 'unsafe')} |")
    if listing:
        out += ["", "| text | rule | grade | before | after |", "|---|---|---|---|---|"]
        out += [f"| {name} | {code} | {grade} | {short(repr(b)[1:-1], 120)} | {short(repr(a)[1:-1], 120)} |"
                for name, code, grade, b, a in fixes]
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", action="store_true", help="only the counts")
    args = parser.parse_args()
    print("\n".join(run(corpora_dir(), listing=not args.counts)))
