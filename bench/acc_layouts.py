"""BOIL and CAP in each layout copy arrives in, and fixes that keep prose.

- Pages (boilerplate/dev.jsonl): every page as blank-line paragraphs, as
  one block a line (the layout scrapers write), and mixed (runs of one to
  four lines set apart by blank lines). A finding flags every line it
  covers. Precision counts `keep` and `unsure` lines as false alarms;
  recall is over gold `drop` lines, all of them and those inside the
  article's own region (first `keep` line to three lines past the last).
- Captions (captions/dev.tsv) pasted into a clean article: as their own
  paragraph, one paragraph a line, glued on top of a paragraph and glued
  below one.
- Fix containment: each real caption and each gold junk line found inside
  an article region is pasted into a clean article in every layout, and
  `fix --unsafe-fixes` (BOIL and CAP) runs: the share of pasted lines it
  removes, and the host paragraphs it cut or changed (must be 0).

    python bench/acc_layouts.py          # corpora from $COPYDESK_CORPORA
"""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections import Counter
from pathlib import Path

from common import corpora_dir, pct, short

from lint.api import check_text, fix_text

FAMILIES = ["BOIL", "CAP"]
HOSTS = 60
REGION_TAIL = 3  # lines past the last kept line that still belong to the article's region
JUNK_LINES = 400  # in-region junk lines pasted for the containment measure


def page_layouts(lines: list[str]) -> dict[str, tuple[str, list[int]]]:
    """Each layout's text and the offset of every line in it."""
    out = {}
    for name, seps in (("blank lines", lambda i: "\n\n"), ("one a line", lambda i: "\n"),
                       ("mixed", _mixed_separator)):
        starts, parts, pos = [], [], 0
        for i, line in enumerate(lines):
            sep = seps(i) if i else ""
            parts += [sep, line]
            pos += len(sep)
            starts.append(pos)
            pos += len(line)
        out[name] = ("".join(parts) + "\n", starts)
    return out


_RUNS = (1, 3, 2, 4)


def _mixed_separator(i: int) -> str:
    """Runs of 1, 3, 2, 4, 1, ... lines, set apart by blank lines."""
    edge, k = 0, 0
    while edge < i:
        edge += _RUNS[k % len(_RUNS)]
        k += 1
    return "\n\n" if edge == i else "\n"


def _pages(corpora: Path):
    from acc_boilerplate import pages
    for page, lines, labels in pages(corpora):
        keep = [i for i, label in enumerate(labels) if label == "keep"]
        region = range(keep[0], min(keep[-1] + REGION_TAIL + 1, len(lines))) if keep else range(0)
        yield page, [" ".join(x.split()) for x in lines], labels, region


def flagged_lines(text: str, starts: list[int], codes: list[str]) -> set[int]:
    lines = set()
    for d in check_text(text, "text", select=codes):
        first, last = bisect_right(starts, d.start) - 1, bisect_right(starts, max(d.end - 1, d.start)) - 1
        lines.update(range(first, last + 1))
    return lines


def measure_pages(corpora: Path) -> dict[str, Counter]:
    by_layout: dict[str, Counter] = {}
    for _page, lines, labels, region in _pages(corpora):
        for name, (text, starts) in page_layouts(lines).items():
            c = by_layout.setdefault(name, Counter())
            flagged = flagged_lines(text, starts, ["BOIL"])
            for i, label in enumerate(labels):
                if not lines[i]:
                    continue
                c[label] += 1
                c["drop in region"] += label == "drop" and i in region
                if i in flagged:
                    c[("flagged", label)] += 1
                    c[("flagged", "drop in region")] += label == "drop" and i in region
    return by_layout


def _hosts(corpora: Path) -> list[list[str]]:
    hosts = []
    for path in sorted((corpora / "clean" / "bbc").glob("*.txt")):
        paragraphs = path.read_text(encoding="utf-8").strip().split("\n\n")
        if len(paragraphs) >= 5 and not check_text("\n\n".join(paragraphs) + "\n", "text", select=FAMILIES):
            hosts.append(paragraphs)
        if len(hosts) == HOSTS:
            break
    return hosts


def pasted(host: list[str], line: str) -> dict[str, tuple[str, str, int]]:
    """(text with `line` pasted after the third paragraph, the host text in
    that layout, offset of the line) per layout."""
    head, body = host[:3], host[3:]
    blank = "\n\n".join(head)
    one = "\n".join(head)
    return {
        "blank lines": ("\n\n".join(head + [line] + body) + "\n", "\n\n".join(host) + "\n", len(blank) + 2),
        "one a line": ("\n".join(head + [line] + body) + "\n", "\n".join(host) + "\n", len(one) + 1),
        "glued on top": (blank + "\n\n" + line + "\n" + "\n\n".join(body) + "\n", "\n\n".join(host) + "\n", len(blank) + 2),
        "glued below": (blank + "\n" + line + "\n\n" + "\n\n".join(body) + "\n", "\n\n".join(host) + "\n", len(blank) + 1),
    }


def measure_captions(corpora: Path, hosts: list[list[str]]) -> dict[str, Counter]:
    with open(corpora / "captions" / "dev.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    by_layout: dict[str, Counter] = {}
    for i, row in enumerate(rows):
        line = " ".join(row["text"].split())
        for name, (text, _host, at) in pasted(hosts[i % len(hosts)], line).items():
            c = by_layout.setdefault(name, Counter())
            c[row["label"]] += 1
            hits = [d for d in check_text(text, "text", select=["CAP"]) if d.start < at + len(line) and d.end > at]
            c[("flagged", row["label"])] += bool(hits)
    return by_layout


def junk_lines(corpora: Path) -> list[tuple[str, str]]:
    """(kind, line): every real caption, then gold junk lines inside article
    regions (distinct, at least two words), the first JUNK_LINES of them."""
    with open(corpora / "captions" / "dev.tsv", encoding="utf-8", newline="") as fh:
        out = [("caption", " ".join(r["text"].split())) for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
               if r["label"] == "caption"]
    seen = set()
    for _page, lines, labels, region in _pages(corpora):
        for i in region:
            line = lines[i]
            if labels[i] == "drop" and " " in line and line not in seen:
                seen.add(line)
                out.append(("junk line", line))
                if len(seen) == JUNK_LINES:
                    return out
    return out


def measure_containment(corpora: Path, hosts: list[list[str]]) -> tuple[dict[str, Counter], list]:
    by_layout: dict[str, Counter] = {}
    cuts = []
    for i, (kind, line) in enumerate(junk_lines(corpora)):
        host = hosts[i % len(hosts)]
        for name, (text, host_text, _at) in pasted(host, line).items():
            c = by_layout.setdefault(name, Counter())
            fixed = fix_text(text, "text", select=FAMILIES, unsafe=True).text
            c[kind] += 1
            c[("removed", kind)] += fixed == host_text
            lost = [p for p in host if p not in fixed]
            if lost:
                c["host paragraphs cut"] += len(lost)
                cuts.append((name, line, lost[0]))
            elif fixed not in (host_text, text):
                c["other change"] += 1
                cuts.append((name, line, "(changed otherwise)"))
    return by_layout, cuts


def run(corpora: Path) -> list[str]:
    hosts = _hosts(corpora)
    pages = measure_pages(corpora)
    caps = measure_captions(corpora, hosts)
    contained, cuts = measure_containment(corpora, hosts)
    out = ["### Layouts: BOIL and CAP as copy arrives", "",
           "Pages (boilerplate/dev.jsonl), BOIL:", "",
           "| layout | lines flagged | precision | recall on drop | recall on drop inside the article region |",
           "|---|---|---|---|---|"]
    for name, c in pages.items():
        labelled = c[("flagged", "drop")] + c[("flagged", "keep")] + c[("flagged", "unsure")]
        out.append(f"| {name} | {sum(v for k, v in c.items() if isinstance(k, tuple) and k[1] != 'drop in region')} | "
                   f"{pct(c[('flagged', 'drop')], labelled)} | {pct(c[('flagged', 'drop')], c['drop'])} | "
                   f"{pct(c[('flagged', 'drop in region')], c['drop in region'])} |")
    out += ["", "Captions (captions/dev.tsv) pasted into clean articles, CAP:", "",
            "| layout | captions flagged | look-alikes flagged |", "|---|---|---|"]
    for name, c in caps.items():
        out.append(f"| {name} | {c[('flagged', 'caption')]} / {c['caption']} ({pct(c[('flagged', 'caption')], c['caption'])}) | "
                   f"{c[('flagged', 'not-caption')]} / {c['not-caption']} |")
    out += ["", "Fix containment (`fix --unsafe-fixes`, BOIL and CAP; junk lines are gold `drop` lines",
            f"inside article regions, the first {JUNK_LINES} distinct ones of two words or more):", "",
            "| layout | captions removed | junk lines removed | host paragraphs cut | other changes |",
            "|---|---|---|---|---|"]
    for name, c in contained.items():
        out.append(f"| {name} | {c[('removed', 'caption')]} / {c['caption']} | "
                   f"{c[('removed', 'junk line')]} / {c['junk line']} | {c['host paragraphs cut']} | {c['other change']} |")
    if cuts:
        out += ["", "Host text a fix cut or changed:", ""]
        out += [f"- {name}: pasted {short(line, 60)!r}, lost {short(lost, 80)!r}" for name, line, lost in cuts]
    return out


if __name__ == "__main__":
    print("\n".join(run(corpora_dir())))
