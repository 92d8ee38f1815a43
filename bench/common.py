"""What every bench script shares: where the corpora are ($COPYDESK_CORPORA,
else ../shared/corpora beside the checkout), the clean articles, short
excerpts for Markdown tables, and CPU time of rules over documents."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
if str(CHECKOUT) not in sys.path:
    sys.path.insert(0, str(CHECKOUT))

from lint.core.engine import lint  # noqa: E402
from lint.core.sentences import sentence_spans  # noqa: E402
from lint.formats import load  # noqa: E402


def corpora_dir() -> Path:
    for candidate in (os.environ.get("COPYDESK_CORPORA"), CHECKOUT.parent / "shared" / "corpora",
                      "/work/shared/corpora"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    sys.exit("corpora not found: set COPYDESK_CORPORA")


def clean_articles(corpora: Path) -> dict[str, str]:
    """The clean articles by path below clean/ ("bbc/business_001.txt")."""
    files = sorted((corpora / "clean").glob("*/*.txt"))
    return {p.relative_to(corpora / "clean").as_posix(): p.read_text(encoding="utf-8") for p in files}


def short(text: str, width: int) -> str:
    """`text` on one line, fit for a Markdown table cell, cut to `width`."""
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (a paragraph in plain text) that holds [start, end)."""
    p1 = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if p1 < 0 else p1


def sentence_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The sentence(s) of the line that hold [start, end), or None when the
    sentence splitter finds none there."""
    p0, p1 = line_span(text, start, end)
    spans = [(s, e) for s, e in sentence_spans(text[p0:p1]) if s < end - p0 and e > start - p0]
    return (spans[0][0] + p0, spans[-1][1] + p0) if spans else None


def marked(text: str, start: int, end: int, left: int, right: int) -> str:
    """text[left:right] with [start, end) in bold, on one line."""
    return short(f"{text[left:start]}**{text[start:end]}**{text[end:right]}", 400)


def cpu_seconds(texts: dict[str, str], rules, runs: int = 3) -> float:
    """CPU seconds for `rules` over every text, parsing excluded, best of `runs`."""
    best = float("inf")
    for _ in range(runs):
        docs = [load(t, rel, "text") for rel, t in texts.items()]
        t0 = time.process_time()
        for doc in docs:
            lint(doc, rules)
        best = min(best, time.process_time() - t0)
    return best


def pct(num: int, den: int) -> str:
    """`num` of `den` as a percentage for a table ("–" when `den` is 0)."""
    return f"{100 * num / den:.1f}%" if den else "–"


def line_starts(lines: list[str], sep: str) -> list[int]:
    """Where each line starts in `sep.join(lines)`."""
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + len(sep)
    return starts
