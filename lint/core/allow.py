"""Accepted findings: words a newsroom has checked and keeps as written.

Plain text has no comments to carry a suppression directive, and anything
written into the copy would be published with it. So an accepted finding
lives in the configuration, next to the copy, quoting the words:

    [[allow]]
    path = "desk/2026/minister.txt"    # a glob, as in per-file-ignores
    code = "NEG001"                    # a code, family or rule name
    text = "there will be absolutely no repercussions"
    reason = "the minister's words, checked against the recording"

A finding of that rule whose flagged text touches those words (white space
between words may be any, so rewrapping keeps it; in Markdown and HTML,
markup too: "*absolutely* no", "absolutely&nbsp;no") is not reported, in
any format. Quoting words rather than a line number keeps the allowance on the
sentence when lines above it move, and lets it lapse when the sentence is
rewritten. A reason is required: the next editor should know why.
"""

from __future__ import annotations

import re
from typing import NamedTuple

KEYS = ("path", "code", "text", "reason")


class Allowance(NamedTuple):
    path: str
    code: str
    text: str
    reason: str

    def spans(self, doc) -> list[tuple[int, int]]:
        """Where the quoted words are in the document's source, or, with
        markup between them, in a block's prose (mapped to the source)."""
        words = self.text.split()
        if not words:
            return []
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        found = [m.span() for m in pattern.finditer(doc.source)]
        if doc.format != "text":
            found += [block.span(*m.span()) for block in doc.blocks for m in pattern.finditer(block.text)]
        return found


def parse(entries) -> tuple[Allowance, ...]:
    """The `allow` entries of a configuration file; ValueError naming the
    entry and what is wrong."""
    if not isinstance(entries, list):
        raise ValueError("allow must be a list of tables ([[allow]] entries)")
    found = []
    for n, entry in enumerate(entries, 1):
        where = f"allow entry {n}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where} must be a table with {', '.join(KEYS)}")
        unknown = sorted(set(entry) - set(KEYS))
        missing = [k for k in KEYS if not isinstance(entry.get(k), str) or not entry[k].strip()]
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(KEYS)})")
        if missing:
            raise ValueError(f"{where}: needs {', '.join(missing)} (a string each)")
        found.append(Allowance(entry["path"], entry["code"], entry["text"], entry["reason"]))
    return tuple(found)
