"""Accuracy of the CAP family: stray captions and photo credits.

- Clean corpora (clean/bbc, clean/modern): every CAP warning or error is
  listed with its paragraph for a reader to judge; some clean articles hold
  real stray credits.
- Captions (captions/dev.tsv): each line is pasted as its own paragraph into
  a clean BBC article (after the second paragraph of the body; the host
  articles rotate) and that article is checked. A line counts as flagged when
  a CAP finding lies on the pasted paragraph. The unsafe fix must give the
  host article back byte for byte.
- The seed article's caption paragraph ("A duty officer ...") must be flagged.

    python bench/acc_captions.py          # corpora from $COPYDESK_CORPORA
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from common import CHECKOUT as ROOT
from common import corpora_dir, pct, short

from lint.api import check_text, fix_text
from lint.core.model import Severity

FAMILY = ["CAP"]
HOSTS = 60  # clean BBC articles that take turns hosting a pasted line
SEED_CAPTION = "A duty officer of the pro-Russian troops"


def _findings(text: str):
    return [d for d in check_text(text, "text", select=FAMILY) if d.severity.rank >= Severity.WARNING.rank]


def _paragraph_at(text: str, pos: int) -> str:
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)]


def measure_clean(corpora: Path) -> tuple[int, list[tuple[str, str, str, str]]]:
    files = sorted((corpora / "clean").glob("*/*.txt"))
    flagged = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for d in _findings(text):
            rel = path.relative_to(corpora / "clean").as_posix()
            flagged.append((rel, d.code, _paragraph_at(text, d.start), d.message))
    return len(files), flagged


def _hosts(corpora: Path) -> list[list[str]]:
    """Clean BBC articles with a headline and at least four paragraphs, as lists of paragraphs."""
    hosts = []
    for path in sorted((corpora / "clean" / "bbc").glob("*.txt")):
        paragraphs = path.read_text(encoding="utf-8").strip().split("\n\n")
        if len(paragraphs) >= 5 and not _findings("\n\n".join(paragraphs) + "\n"):
            hosts.append(paragraphs)
        if len(hosts) == HOSTS:
            break
    return hosts


def measure_captions(corpora: Path) -> dict:
    with open(corpora / "captions" / "dev.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    hosts = _hosts(corpora)
    out = {"rows": Counter(), "flagged": Counter(), "by_code": Counter(), "missed": [], "flagged_not": [],
           "elsewhere": 0, "fix_ok": 0, "fix_tried": 0}
    for i, row in enumerate(rows):
        label, line = row["label"], " ".join(row["text"].split())
        host = hosts[i % len(hosts)]
        original = "\n\n".join(host) + "\n"
        text = "\n\n".join(host[:3] + [line] + host[3:]) + "\n"
        start = len("\n\n".join(host[:3])) + 2
        end = start + len(line)
        found = _findings(text)
        on_line = [d for d in found if d.start < end and d.end > start]
        out["elsewhere"] += len(found) - len(on_line)
        out["rows"][label] += 1
        if on_line:
            out["flagged"][label] += 1
            out["by_code"][(label, on_line[0].code)] += 1
            if label != "caption":
                out["flagged_not"].append((on_line[0].code, line))
            if label == "caption" and on_line[0].fix is not None:
                out["fix_tried"] += 1
                out["fix_ok"] += fix_text(text, "text", select=FAMILY, unsafe=True).text == original
        elif label == "caption":
            out["missed"].append(line)
    return out


def measure_seed(corpora: Path) -> tuple[bool, list[str]]:
    path = ROOT / "samples" / "us-warns-china.txt"
    if not path.exists():
        path = corpora.parent / "seed" / "us-warns-china.txt"
    text = path.read_text(encoding="utf-8")
    found = _findings(text)
    caption_at = text.index(SEED_CAPTION)
    hit = any(d.start <= caption_at < d.end for d in found)
    return hit, [f"{d.code} {short(text[d.start:d.end], 80)}" for d in found]


def run(corpora: Path) -> list[str]:
    n, flagged = measure_clean(corpora)
    caps = measure_captions(corpora)
    seed_hit, seed_found = measure_seed(corpora)
    by_code = Counter(code for _, code, _, _ in flagged)
    n_cap, n_not = caps["rows"]["caption"], caps["rows"]["not-caption"]
    f_cap, f_not = caps["flagged"]["caption"], caps["flagged"]["not-caption"]
    lines = [
        "### CAP", "",
        "| measure | value |", "|---|---|",
        f"| clean articles checked | {n} |",
        f"| CAP findings (warning or error) on clean articles | {len(flagged)} "
        f"({', '.join(f'{c} {k}' for c, k in sorted(by_code.items())) or 'none'}) |",
        f"| CAP findings per 100 clean articles | {100 * len(flagged) / n:.2f} |",
        f"| captions/dev.tsv `caption` lines flagged when pasted into a clean article | {f_cap} / {n_cap} ({pct(f_cap, n_cap)}) |",
        f"| … flagged by CAP001 / CAP002 | {caps['by_code'][('caption', 'CAP001')]} / {caps['by_code'][('caption', 'CAP002')]} |",
        f"| captions/dev.tsv `not-caption` lines flagged | {f_not} / {n_not} ({pct(f_not, n_not)}) |",
        f"| unsafe fix gives the host article back exactly | {caps['fix_ok']} / {caps['fix_tried']} |",
        f"| CAP findings elsewhere in the host articles | {caps['elsewhere']} |",
        f"| seed caption paragraph (\"{SEED_CAPTION} ...\") flagged | {'yes' if seed_hit else 'NO'} |",
        "",
        f"Every CAP finding on the clean corpora ({len(flagged)}; a reader judges whether each is a real stray "
        "caption or credit left in the data or a false alarm):", "",
    ]
    lines += ["| article | code | paragraph | message |", "|---|---|---|---|"]
    lines += [f"| {rel} | {code} | {short(par, 140)} | {short(msg, 100)} |" for rel, code, par, msg in flagged]
    lines += ["", f"`caption` lines not flagged ({len(caps['missed'])}):", ""]
    lines += [f"- {short(line, 140)}" for line in caps["missed"]] or ["- none"]
    lines += ["", f"`not-caption` lines flagged ({len(caps['flagged_not'])}):", ""]
    lines += [f"- {code}: {short(line, 140)}" for code, line in caps["flagged_not"]] or ["- none"]
    lines += ["", "CAP findings on the seed article:", ""]
    lines += [f"- {item}" for item in seed_found] or ["- none"]
    return lines


if __name__ == "__main__":
    print("\n".join(run(corpora_dir())))
