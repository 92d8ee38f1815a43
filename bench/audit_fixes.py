"""Every fix copydesk offers, shown before and after, for a reader to judge.

On the clean corpora (clean/bbc, clean/modern) and the boilerplate pages
(boilerplate/dev.jsonl, one block a line, as scrapers write them), each
finding with a fix is applied on its own to the text, and the line around
it is printed before -> after. The counts per rule and grade (safe,
unsafe) go in the accuracy report; the full listing is for reading.

Every fix is also held to what its finding flags: the count of fixes
whose edits take text beyond the finding's span (other than white space
beside it) must be 0. `--layouts` adds the clean articles as they often
arrive, one paragraph a line and with a real caption glued on top of the
first paragraph; `--every-rule` checks with every rule, not the defaults.

    python bench/audit_fixes.py              # counts, and the listing of every fix
    python bench/audit_fixes.py --counts     # counts only
    python bench/audit_fixes.py --counts --layouts --every-rule
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from common import corpora_dir, short

from lint.api import check_text
from lint.core.fix import apply_edits

CONTEXT = 50


def texts(corpora: Path, layouts: bool = False):
    captions = [row["text"] for row in csv.DictReader(open(corpora / "captions" / "dev.tsv", encoding="utf-8"),
                                                      delimiter="\t") if row["label"] == "caption"]
    for n, path in enumerate(sorted((corpora / "clean").glob("*/*.txt"))):
        name, text = path.relative_to(corpora / "clean").as_posix(), path.read_text(encoding="utf-8")
        yield "clean/" + name, text
        if layouts:
            yield "one a line/" + name, text.replace("\n\n", "\n")
            headline, _, body = text.partition("\n\n")
            yield "caption glued/" + name, f"{headline}\n\n{captions[n % len(captions)]}\n{body}"
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


def beyond(text: str, d) -> str:
    """What the edits of `d`'s fix take outside the span `d` flags, but white space."""
    return "".join(text[e.start : min(e.end, d.start)] + text[max(e.start, d.end) : e.end]
                   for e in d.fix.edits).strip()


def audit(corpora: Path, layouts: bool = False, select=None):
    counts: Counter = Counter()
    listing, overreach = [], []
    for name, text in texts(corpora, layouts):
        for d in check_text(text, "text", select=select):
            if d.fix is None:
                continue
            grade = d.fix.applicability.value
            counts[(name.split("/")[0], d.code, grade)] += 1
            taken = beyond(text, d)
            if taken:
                overreach.append((name, d.code, taken))
            before, after = before_after(text, d)
            listing.append((name, d.code, grade, before, after))
    return counts, listing, overreach


def run(corpora: Path, listing: bool = True, layouts: bool = False, select=None) -> list[str]:
    counts, fixes, overreach = audit(corpora, layouts, select)
    codes = sorted({code for _, code, _ in counts})
    wheres = ["clean", "page"] + (["one a line", "caption glued"] if layouts else [])
    heads = {"page": "pages"}
    out = ["### Every offered fix", "",
           "Fixes copydesk offers on the clean corpora and on the scraped pages (one block a line), by rule;",
           "`python bench/audit_fixes.py` lists each before → after.", "",
           "| rule | " + " | ".join(f"{heads.get(where, where)}: {grade}" for where in wheres
                                     for grade in ("safe", "unsafe")) + " |",
           "|---|" + "---|" * 2 * len(wheres)]
    for code in [*codes, "all"]:
        out.append(f"| {code} | " + " | ".join(
            str(sum(v for (w, c, g), v in counts.items() if w == where and g == grade and code in (c, "all")))
            for where in wheres for grade in ("safe", "unsafe")) + " |")
    out += ["", f"Fixes whose edits take text beyond what their finding flags (white space beside it aside): "
                f"{len(overreach)}"]
    out += [f"- {name} {code}: {taken!r}" for name, code, taken in overreach]
    if listing:
        out += ["", "| text | rule | grade | before | after |", "|---|---|---|---|---|"]
        out += [f"| {name} | {code} | {grade} | {short(repr(b)[1:-1], 120)} | {short(repr(a)[1:-1], 120)} |"
                for name, code, grade, b, a in fixes]
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", action="store_true", help="only the counts")
    parser.add_argument("--layouts", action="store_true",
                        help="the clean articles one paragraph a line, and with a caption glued on top, too")
    parser.add_argument("--every-rule", action="store_true", help="every rule, not the default ones")
    args = parser.parse_args()
    print("\n".join(run(corpora_dir(), listing=not args.counts, layouts=args.layouts,
                        select=["ALL"] if args.every_rule else None)))
